/* SPDX-License-Identifier: GPL-3.0-or-later
 * learning_path.c: a recorded learning path (path.h, limen_learning_path) — made from a meter,
 * checked for consistency, freed.  Its JSON is in learning_path_json.c; its energies are the
 * projections' with the path attached to the workload (paradigm/path_energy.c). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/path.h"

void limen_learning_path_free(limen_learning_path *p) {
  if (!p) return;
  free(p->steps);
  free(p->hist_lo);
  free(p->hist_counts);
  free(p);
}

int limen_learning_path_from_meter(const limen_path_meter *m, limen_learning_path **out,
                                   limen_error *err) {
  static const char *fn = "limen_learning_path_from_meter";
  if (!m || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  *out = NULL;
  size_t k = limen_path_step_count(m), nb = limen_path_hist_count(m);
  if (k == 0)
    return limen_error_set(err, LIMEN_EINVAL, fn, "the meter has no step yet: a path needs at least "
                           "two snapshots (the starting point and one step)");
  limen_learning_path *p = calloc(1, sizeof *p);
  if (!p) return limen_error_set(err, LIMEN_ENOMEM, fn, "learning path");
  p->steps = malloc(k * sizeof *p->steps);
  p->hist_lo = malloc(nb * sizeof *p->hist_lo);
  p->hist_counts = malloc(nb * sizeof *p->hist_counts);
  if (!p->steps || !p->hist_lo || !p->hist_counts) {
    limen_learning_path_free(p);
    return limen_error_set(err, LIMEN_ENOMEM, fn, "learning path of %zu steps", k);
  }
  limen_path_config c = limen_path_meter_config(m);
  p->bits = c.bits;
  p->lo = c.lo;
  p->hi = c.hi;
  p->step_time_s = c.step_time_s;
  p->temperature_K = c.temperature_K;
  p->n_steps = k;
  p->hist_bins = nb;
  int rc = limen_path_totals_get(m, &p->totals, err);
  for (size_t i = 0; rc == LIMEN_OK && i < k; i++) rc = limen_path_step_get(m, i, &p->steps[i], err);
  if (rc == LIMEN_OK) rc = limen_path_totals_hist(m, p->hist_counts, nb, err);
  for (size_t i = 0; i < nb; i++) p->hist_lo[i] = limen_path_hist_edge(m, i);
  if (rc != LIMEN_OK) {
    limen_learning_path_free(p);
    return rc;
  }
  *out = p;
  return LIMEN_OK;
}

/* ---- consistency ------------------------------------------------------------------------- */

static int check_config(const limen_learning_path *p, const char *fn, limen_error *err) {
  if (p->bits < 1 || p->bits > 64)
    return limen_error_set(err, LIMEN_EINVAL, fn, "bits = %d: allowed range [1, 64]", p->bits);
  if (!isfinite(p->lo) || !isfinite(p->hi) || !(p->lo < p->hi) || !isfinite(p->hi - p->lo))
    return limen_error_set(err, LIMEN_EINVAL, fn, "range = [%g, %g]: needs finite lo < hi", p->lo, p->hi);
  if (!(p->temperature_K > 0) || !isfinite(p->temperature_K))
    return limen_error_set(err, LIMEN_EINVAL, fn, "temperature_K = %g: allowed range (0, inf)", p->temperature_K);
  if (!(p->step_time_s >= 0) || !isfinite(p->step_time_s))
    return limen_error_set(err, LIMEN_EINVAL, fn, "step_time_s = %g: allowed range (0, inf) or not given",
                           p->step_time_s);
  double eps = limen_level_size(p->hi - p->lo, p->bits, LIMEN_LEVELS_BINS);
  if (p->totals.level_size != eps)
    return limen_error_set(err, LIMEN_EINVAL, fn, "level_size = %.17g: expected (hi - lo)/2^bits = %.17g",
                           p->totals.level_size, eps);
  return LIMEN_OK;
}

static int check_step(const limen_learning_path *p, size_t k, const char *fn, limen_error *err) {
  const limen_path_step *s = &p->steps[k];
  const limen_path_totals *t = &p->totals;
  if (s->params != t->params)
    return limen_error_set(err, LIMEN_EINVAL, fn, "step %zu: params = %llu, the path's are %llu", k,
                           (unsigned long long)s->params, (unsigned long long)t->params);
  if (!(s->path_levels >= 0) || !isfinite(s->path_levels) || !(s->path_sq_levels2 >= 0) ||
      !isfinite(s->path_sq_levels2) || !(s->max_move_levels >= 0) || !isfinite(s->max_move_levels))
    return limen_error_set(err, LIMEN_EINVAL, fn, "step %zu: path_levels = %g, path_sq_levels2 = %g, "
                           "max_move_levels = %g: each must be finite and >= 0", k, s->path_levels,
                           s->path_sq_levels2, s->max_move_levels);
  if (s->max_move_levels * (double)s->params < s->path_levels * (1 - 1e-9))
    return limen_error_set(err, LIMEN_EINVAL, fn, "step %zu: path_levels = %g exceeds params × max_move_levels = %g",
                           k, s->path_levels, s->max_move_levels * (double)s->params);
  if (s->changed > s->params || s->bit_flips > (uint64_t)p->bits * s->changed)
    return limen_error_set(err, LIMEN_EINVAL, fn, "step %zu: changed = %llu, bit_flips = %llu: expected "
                           "changed <= params = %llu and bit_flips <= bits × changed", k,
                           (unsigned long long)s->changed, (unsigned long long)s->bit_flips,
                           (unsigned long long)s->params);
  return LIMEN_OK;
}

/* *sum += x; nonzero when the sum would pass 2^64 − 1 (a count no meter reaches: a read path
 * whose counts wrap around must not pass for their sum). */
static int add_count(uint64_t *sum, uint64_t x) {
  if (x > UINT64_MAX - *sum) return 1;
  *sum += x;
  return 0;
}

/* The totals against the sums of the records. */
static int check_sums(const limen_learning_path *p, const char *fn, limen_error *err) {
  const limen_path_totals *t = &p->totals;
  double path = 0, sq = 0, mx = 0;
  uint64_t changed = 0, flips = 0, clamped = 0;
  int wrap = 0;
  for (size_t k = 0; k < p->n_steps; k++) {
    path += p->steps[k].path_levels;
    sq += p->steps[k].path_sq_levels2;
    mx = fmax(mx, p->steps[k].max_move_levels);
    wrap |= add_count(&changed, p->steps[k].changed);
    wrap |= add_count(&flips, p->steps[k].bit_flips);
    wrap |= add_count(&clamped, p->steps[k].clamped);
  }
  if (wrap)
    return limen_error_set(err, LIMEN_EINVAL, fn, "the steps' changed, bit_flips or clamped counts add up to more "
                           "than 2^64 - 1: they cannot be the totals %llu, %llu and %llu",
                           (unsigned long long)t->changed, (unsigned long long)t->bit_flips,
                           (unsigned long long)t->clamped);
  if (changed != t->changed || flips != t->bit_flips || clamped > t->clamped)
    return limen_error_set(err, LIMEN_EINVAL, fn, "changed_writes = %llu, bit_flips = %llu, clamped = %llu: "
                           "the steps' sums are %llu, %llu and %llu (clamped at least)",
                           (unsigned long long)t->changed, (unsigned long long)t->bit_flips,
                           (unsigned long long)t->clamped, (unsigned long long)changed,
                           (unsigned long long)flips, (unsigned long long)clamped);
  if (!(fabs(path - t->path_levels) <= 1e-9 * fmax(path, 1e-300) || path == t->path_levels) ||
      !(fabs(sq - t->path_sq_levels2) <= 1e-9 * fmax(sq, 1e-300) || sq == t->path_sq_levels2) ||
      mx != t->max_move_levels)
    return limen_error_set(err, LIMEN_EINVAL, fn, "path_levels = %.17g, path_sq_levels2 = %.17g, "
                           "max_levels_per_step = %.17g: the steps give %.17g, %.17g and %.17g",
                           t->path_levels, t->path_sq_levels2, t->max_move_levels, path, sq, mx);
  return LIMEN_OK;
}

static int check_hist(const limen_learning_path *p, const char *fn, limen_error *err) {
  if (p->hist_bins == 0) return LIMEN_OK;
  uint64_t sum = 0;
  int wrap = 0;
  for (size_t i = 0; i < p->hist_bins; i++) {
    if (!(p->hist_lo[i] >= 0) || (i > 0 && !(p->hist_lo[i] > p->hist_lo[i - 1])))
      return limen_error_set(err, LIMEN_EINVAL, fn, "histogram lo_levels[%zu] = %g: edges must be >= 0 and increasing",
                             i, p->hist_lo[i]);
    wrap |= add_count(&sum, p->hist_counts[i]);
  }
  /* exactly parameters × steps, compared as integers (doubles would round both above 2^53) */
  double want = (double)p->totals.params * (double)p->n_steps;
  const uint64_t steps = p->n_steps;
  if (wrap)
    return limen_error_set(err, LIMEN_EINVAL, fn, "histogram counts add up to more than 2^64 - 1: expected "
                           "parameters × steps = %.17g", want);
  if (p->totals.params > UINT64_MAX / steps || sum != p->totals.params * steps)
    return limen_error_set(err, LIMEN_EINVAL, fn, "histogram counts add up to %llu: expected parameters × steps = %.17g",
                           (unsigned long long)sum, want);
  return LIMEN_OK;
}

int limen_learning_path_check(const limen_learning_path *p, limen_error *err) {
  static const char *fn = "learning path";
  if (!p) return limen_error_set(err, LIMEN_EINVAL, fn, "path = NULL");
  int rc = check_config(p, fn, err);
  if (rc != LIMEN_OK) return rc;
  const limen_path_totals *t = &p->totals;
  if (t->params < 1 || p->n_steps < 1 || t->steps != p->n_steps || p->n_steps > LIMEN_LEARNING_PATH_MAX_STEPS)
    return limen_error_set(err, LIMEN_EINVAL, fn, "parameters = %llu, steps = %llu with %zu step records: "
                           "expected parameters >= 1 and 1 <= steps = records <= %u",
                           (unsigned long long)t->params, (unsigned long long)t->steps, p->n_steps,
                           LIMEN_LEARNING_PATH_MAX_STEPS);
  for (size_t k = 0; k < p->n_steps; k++)
    if ((rc = check_step(p, k, fn, err)) != LIMEN_OK) return rc;
  rc = check_sums(p, fn, err);
  if (rc == LIMEN_OK) rc = check_hist(p, fn, err);
  return rc;
}
