/* SPDX-License-Identifier: GPL-3.0-or-later
 * memory_static.c: the static-barrier paradigms of memory.h — digital-static (n binary
 * cells per parameter, one static write (S) per changed bit) and analog-static (one
 * washboard cell per parameter at E_ret, one static write per level crossed). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/rng.h"
#include "train/internal.h"

typedef struct static_state {
  double window_s;   /* window the caches below belong to (0: none yet)        */
  double flip_kT;    /* digital: static write cost per bit flip                 */
  double flip_bound_kT; /* digital: finite-time Landauer cost per bit flip      */
  double *level_kT;  /* analog: cost of a k-level move, k = 1 … M − 1 (NAN: not yet) */
  size_t n_level;
} static_state;

static int static_init(limen_memory *m, limen_error *err) {
  if (m->cfg.cells != LIMEN_CELLS_JUMP)
    return limen_error_set(err, LIMEN_EINVAL, "limen_memory_config",
                           "cells = langevin: available for lim-fixed and lim-matched only (static writes use (S))");
  static_state *s = calloc(1, sizeof *s);
  if (!s) return limen_error_set(err, LIMEN_ENOMEM, __func__, "state");
  m->state = s;
  return LIMEN_OK;
}

static void static_release(limen_memory *m) {
  static_state *s = m->state;
  if (!s) return;
  free(s->level_kT);
  free(s);
  m->state = NULL;
}

/* Static write cost (S) of one crossing at E_ret within tau_w seconds. */
static int write_cost(const limen_memory *m, double tau_w_s, double *e_kT, limen_error *err) {
  limen_static_write sw;
  int st = limen_static_write_cost(m->e_ret_kT, tau_w_s / m->cfg.tau0_s, m->cfg.write_fail, NULL, &sw, err);
  double shortest = 0;
  if (st == LIMEN_ERANGE && !limen_static_write_shortest(m->e_ret_kT, m->cfg.write_fail, NULL, &shortest, err)) {
    char value[32]; /* the write lasts tau_w/τ₀: τ₀ names it (a bound for this write, not for all) */
    snprintf(value, sizeof value, "%.10g", m->cfg.tau0_s);
    return limen_error_input(err, LIMEN_EINVAL, "tau0", value, NULL,
                             "tau0 = %s s: a static write of %g s at E_ret = %.4g kT would last %.4g tau0, shorter "
                             "than the largest tilt, 1e8 kT/a, serves (this write needs tau0 <= %.4g s)",
                             value, tau_w_s, m->e_ret_kT, tau_w_s / m->cfg.tau0_s, tau_w_s / shortest);
  }
  if (st) return limen_error_wrap(err, st, "static_write", "E_ret = %g kT, tau_w = %g s", m->e_ret_kT, tau_w_s);
  *e_kT = sw.work_kT;
  return LIMEN_OK;
}

static int refresh_window(limen_memory *m, static_state *s, double window_s, int digital, limen_error *err) {
  if (s->window_s == window_s) return LIMEN_OK;
  int st;
  if (digital) {
    if ((st = write_cost(m, window_s, &s->flip_kT, err))) return st;
    st = limen_finite_time_kT(m->e_ret_kT, 1.0 - m->cfg.write_fail, window_s / m->cfg.tau0_s, NULL, &s->flip_bound_kT, NULL,
                              err);
    if (st) return limen_error_wrap(err, st, "static_write", "finite-time bound");
  } else {
    size_t need = (size_t)m->levels;
    if (!s->level_kT) {
      s->level_kT = malloc(need * sizeof *s->level_kT);
      if (!s->level_kT) return limen_error_set(err, LIMEN_ENOMEM, "static_write", "cost cache");
      s->n_level = need;
    }
    for (size_t k = 0; k < s->n_level; k++) s->level_kT[k] = NAN;
    s->level_kT[0] = 0.0;
  }
  s->window_s = window_s;
  return LIMEN_OK;
}

static int popcount64(uint64_t x) {
  int c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

static int digital_apply(limen_memory *m, const double *dw, const limen_memory_step *step, double *dw_real, double *heat_kT,
                         limen_memory_stats *stats, limen_error *err) {
  static_state *s = m->state;
  int st = refresh_window(m, s, step->window_s, 1, err);
  if (st) return st;
  stats->barrier_kT = m->e_ret_kT;
  for (size_t i = 0; i < m->n; i++) {
    limen_rng r;
    limen_rng_seed(&r, m->cfg.seed, limen_train_stream(step->index, m->n, i));
    double old = m->level[i];
    double target = old + dw[i] / m->delta;
    double q = limen_train_clamp_level(m, limen_train_stochastic_round(target, limen_rng_uniform(&r)));
    int flips = popcount64((uint64_t)old ^ (uint64_t)q);
    double h = flips * s->flip_kT;
    limen_train_commit(m, i, q, h, dw_real, heat_kT, stats);
    stats->expected_kT += h;
    stats->bound_kT += flips * s->flip_bound_kT;
    stats->ops += flips;
  }
  return LIMEN_OK;
}

static int analog_static_apply(limen_memory *m, const double *dw, const limen_memory_step *step, double *dw_real,
                               double *heat_kT, limen_memory_stats *stats, limen_error *err) {
  static_state *s = m->state;
  int st = refresh_window(m, s, step->window_s, 0, err);
  if (st) return st;
  stats->barrier_kT = m->e_ret_kT;
  double dt_tau0 = step->window_s / m->cfg.tau0_s;
  for (size_t i = 0; i < m->n; i++) {
    limen_rng r;
    limen_rng_seed(&r, m->cfg.seed, limen_train_stream(step->index, m->n, i));
    double old = m->level[i];
    double q = limen_train_clamp_level(m, limen_train_stochastic_round(old + dw[i] / m->delta, limen_rng_uniform(&r)));
    size_t k = (size_t)fabs(q - old);
    if (isnan(s->level_kT[k])) {
      double e = 0.0;
      if ((st = write_cost(m, step->window_s / (double)k, &e, err))) return st;
      s->level_kT[k] = (double)k * e;
    }
    double h = s->level_kT[k];
    limen_train_commit(m, i, q, h, dw_real, heat_kT, stats);
    stats->expected_kT += h;
    stats->bound_kT += (double)k * (double)k / dt_tau0;
    stats->ops += (double)k;
  }
  return LIMEN_OK;
}

const limen_memory_type limen_train_digital_static_type = {
    "digital-static", "n binary cells per parameter at E_ret; each changed bit is a static-barrier write (S)", 1,
    static_init, static_release, digital_apply};
const limen_memory_type limen_train_analog_static_type = {
    "analog-static", "one 2^n-level washboard cell at E_ret; each level crossed is a static-barrier tilt pulse (S)", 1,
    static_init, static_release, analog_static_apply};
