/* SPDX-License-Identifier: GPL-3.0-or-later
 * langevin_stats.c: serial reduction of the per-trajectory results (index order, so the
 * sums do not depend on the thread count), histograms, Jarzynski estimate, mean passage time. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_histogram.h>

#include "langevin/langevin_internal.h"

static void mean_se(const double *v, size_t n, double *mean, double *se) {
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += v[i];
  double m = s / (double)n, ss = 0.0;
  for (size_t i = 0; i < n; i++) ss += (v[i] - m) * (v[i] - m);
  *mean = m;
  *se = n > 1 ? sqrt(ss / (double)(n - 1) / (double)n) : 0.0;
}

void limen_histogram_free(limen_histogram *h) {
  if (!h) return;
  free(h->edges);
  free(h->counts);
  free(h);
}

/* GSL's uniform binning and counting, copied out into limen's own type. */
static limen_histogram *histogram(const double *v, size_t n, size_t bins) {
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (size_t i = 0; i < n; i++) {
    lo = fmin(lo, v[i]);
    hi = fmax(hi, v[i]);
  }
  if (!(hi > lo)) {
    lo -= 0.5;
    hi += 0.5;
  }
  hi += 1e-9 * (hi - lo); /* the maximum falls inside the last bin */
  gsl_histogram *h = gsl_histogram_alloc(bins);
  if (!h) return NULL;
  if (gsl_histogram_set_ranges_uniform(h, lo, hi)) {
    gsl_histogram_free(h);
    return NULL;
  }
  for (size_t i = 0; i < n; i++) gsl_histogram_increment(h, v[i]);
  limen_histogram *out = calloc(1, sizeof *out);
  if (out) {
    out->bins = bins;
    out->edges = malloc((bins + 1) * sizeof *out->edges);
    out->counts = malloc(bins * sizeof *out->counts);
  }
  if (!out || !out->edges || !out->counts) {
    limen_histogram_free(out);
    gsl_histogram_free(h);
    return NULL;
  }
  memcpy(out->edges, h->range, (bins + 1) * sizeof *out->edges);
  memcpy(out->counts, h->bin, bins * sizeof *out->counts);
  gsl_histogram_free(h);
  return out;
}

int limen_langevin_summarize(const limen_langevin_config *cfg, const limen_protocol *proto,
                             limen_langevin_result *res, limen_error *err) {
  if (!cfg || !proto || !res || !res->work || !res->heat || !res->dU || !res->x_final ||
      res->n_traj == 0)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument or empty result");
  limen_histogram_free(res->work_hist);
  limen_histogram_free(res->heat_hist);
  res->work_hist = res->heat_hist = NULL;
  size_t n = res->n_traj;
  mean_se(res->work, n, &res->mean_work, &res->stderr_work);
  mean_se(res->heat, n, &res->mean_heat, &res->stderr_heat);
  mean_se(res->dU, n, &res->mean_dU, &res->stderr_dU);
  size_t ok = 0;
  double resid = 0.0;
  for (size_t i = 0; i < n; i++) {
    double x = res->x_final[i];
    if (x >= proto->target_lo && x <= proto->target_hi) ok++;
    resid = fmax(resid, fabs(res->dU[i] - (res->work[i] - res->heat[i])));
    if (!isfinite(res->work[i]) || !isfinite(res->heat[i]) || !isfinite(x)) {
      int st = limen_error_set(err, LIMEN_ENUMERIC, "limen_langevin_run",
                               "trajectory %zu diverged (W = %g, Q = %g, x = %g): reduce dt", i,
                               res->work[i], res->heat[i], x);
      char v[32];
      snprintf(v, sizeof v, "%.10g", cfg->dt);
      limen_error_set_fields(err, "dt", v, NULL); /* the input to change, for a caller to name */
      return st;
    }
  }
  res->max_first_law_residual = resid;
  double p = (double)ok / (double)n;
  res->success = p;
  res->stderr_success = sqrt(p * (1.0 - p) / (double)n);
  if (res->passage_time) {
    res->n_passed = 0;
    for (size_t i = 0; i < n; i++)
      if (res->passage_time[i] < HUGE_VAL) res->n_passed++;
  }
  if (cfg->record & LIMEN_RECORD_HISTOGRAMS) {
    res->work_hist = histogram(res->work, n, cfg->hist_bins);
    res->heat_hist = histogram(res->heat, n, cfg->hist_bins);
    if (!res->work_hist || !res->heat_hist)
      return limen_error_set(err, LIMEN_ENOMEM, "limen_langevin_run", "histogram allocation");
  }
  return LIMEN_OK;
}

int limen_langevin_jarzynski(const limen_langevin_result *res, double *dF, double *stderr_dF,
                             limen_error *err) {
  if (!res || !res->work || !dF || !stderr_dF)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument or empty result");
  size_t n = res->n_traj;
  double wmin = HUGE_VAL;
  for (size_t i = 0; i < n; i++) wmin = fmin(wmin, res->work[i]);
  double *e = malloc(n * sizeof *e);
  if (!e) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  for (size_t i = 0; i < n; i++) e[i] = exp(-(res->work[i] - wmin));
  double m, se;
  mean_se(e, n, &m, &se);
  free(e);
  *dF = wmin - log(m);
  *stderr_dF = se / m;
  return LIMEN_OK;
}

int limen_langevin_passage_stats(const limen_langevin_result *res, double *mean, double *stderr_mean,
                                 limen_error *err) {
  if (!res || !mean || !stderr_mean) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (!res->passage_time || res->n_traj < 2)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "no passage times (record LIMEN_RECORD_PASSAGE over at least 2 trajectories)");
  if (res->n_passed < res->n_traj)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "n_passed = %zu: allowed %zu (every trajectory; the mean over the others is biased)",
                           res->n_passed, res->n_traj);
  mean_se(res->passage_time, res->n_traj, mean, stderr_mean);
  return LIMEN_OK;
}
