/* SPDX-License-Identifier: GPL-3.0-or-later
 * memory.c: physical memory arrays — the common part (configuration, allocation, lookup)
 * and the ideal reference.  The physical paradigms are in memory_static.c and
 * memory_hop.c; the physics and its conventions are described in memory.h. */
#include "limen/memory.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "limen/cell.h"
#include "limen/units.h"
#include "train/internal.h"

/* ---- the configuration's inputs ------------------------------------------------------ */

#define ROW(nm, mem, type, sym, unit, mv, lo, lo_open, hi, hi_open, fl, def, deftext, doc) \
  {nm, NULL, #mem, sym, unit, mv, lo, hi, lo_open, hi_open, fl, type, offsetof(limen_memory_config, mem), def, deftext, doc}
#define D LIMEN_INPUT_DOUBLE
static const limen_input k_inputs[] = {
    ROW("temperature", temperature_K, D, "T", "K", "K", 0, 1, 1e4, 0, 0, LIMEN_DEFAULT_TEMPERATURE_K, "300",
        "temperature T of the bath"),
    ROW("tau0", tau0_s, D, "τ₀", "s", "S", 0, 1, 1.0, 0, 0, 1e-9, "1e-9", "intrinsic time τ₀ of a cell"),
    ROW("bits", bits, LIMEN_INPUT_INT, "n", NULL, "N", 1, 0, 24, 0, 0, 10, "10",
        "bits per parameter (analog cells: 2^N levels)"),
    ROW("w-max", w_max, D, "w_max", NULL, "W", 1e-9, 0, 1e6, 0, 0, 4.0, "4", "parameters live in [-W, W]"),
    ROW("retention-barrier", retention_barrier_kT, D, "E_ret", "kT", "KT", 3.0, 0, 1e3, 0, LIMEN_INPUT_UNSET_ZERO, 0.0,
        "from 10 years, p = 1e-6", "retention barrier E_ret of the static paradigms and between windows"),
    ROW("write-fail", write_fail, D, "p_w", NULL, "P", 0, 1, 0.5, 1, 0, 1e-6, "1e-6",
        "failure probability p_w of a static-barrier write"),
    ROW("barrier", low_barrier_kT, D, "E_b(0)", "kT", "KT", 3.0, 0, 300, 0, 0, 10.0, "10",
        "barrier E_b(0) at the first step (lim-matched, Max-Cut spins), as E_b of simulate and bound"),
    /* the same member: lim-fixed's barrier is the lowered one, as simulate's --barrier-low */
    ROW("barrier-low", low_barrier_kT, D, "E_low", "kT", "KT", 3.0, 0, 300, 0, 0, 10.0, "10",
        "lowered barrier E_low during every window (lim-fixed), as in simulate"),
    ROW("hold", hold_s, D, "t_hold", "s", "S", 0, 0, 1e12, 0, 0, 0.0, "0", "time at the retention barrier between windows"),
    ROW("langevin-dt", langevin_dt, D, "dt", "τ₀", "DT", 0, 1, 0.1, 0, 0, 2e-3, "2e-3",
        "Langevin time step of the cells (cells = langevin)"),
};
#undef D
#undef ROW
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])

const limen_input *limen_memory_config_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

limen_memory_config limen_memory_config_default(void) {
  limen_memory_config c;
  memset(&c, 0, sizeof c);
  limen_inputs_defaults(k_inputs, N_INPUTS, &c);
  c.schedule.kind = LIMEN_LR_CONSTANT;
  c.schedule.eta0 = 1.0;
  c.schedule.t0 = 1.0;
  c.schedule.t_end = 1.0;
  c.schedule.eta_min = 1e-3;
  c.seed = 1;
  c.cells = LIMEN_CELLS_JUMP;
  return c;
}

int limen_memory_config_check(const limen_memory_config *c, limen_error *err) {
  static const char *fn = "limen_memory_config";
  if (!c) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL configuration");
  int st = limen_inputs_check(k_inputs, N_INPUTS, c, fn, err);
  if (st) return st;
  if ((st = limen_lr_check(&c->schedule, err))) return limen_error_wrap(err, st, fn, "schedule");
  if (c->cells != LIMEN_CELLS_JUMP && c->cells != LIMEN_CELLS_LANGEVIN)
    return limen_error_set(err, LIMEN_EINVAL, fn, "cells = %d: allowed: jump, langevin", (int)c->cells);
  return LIMEN_OK;
}

/* ---- ideal -------------------------------------------------------------------------- */
static int ideal_init(limen_memory *m, limen_error *err) {
  if (m->cfg.cells != LIMEN_CELLS_JUMP)
    return limen_error_input(err, LIMEN_EINVAL, "cells", "langevin", NULL, "cells = langevin: the ideal memory has no cells");
  return LIMEN_OK;
}
static void ideal_release(limen_memory *m) { (void)m; }
static int ideal_apply(limen_memory *m, const double *dw, const limen_memory_step *step, double *dw_real,
                       double *heat_kT, limen_memory_stats *stats, limen_error *err) {
  (void)step;
  (void)err;
  for (size_t i = 0; i < m->n; i++) {
    m->w[i] += dw[i];
    if (dw_real) dw_real[i] = dw[i];
    if (heat_kT) heat_kT[i] = 0.0;
  }
  if (stats) memset(stats, 0, sizeof *stats);
  return LIMEN_OK;
}
static const limen_memory_type ideal_type = {"ideal", "floating point, no physics, zero heat (reference)", 0,
                                             ideal_init, ideal_release, ideal_apply};
const limen_memory_type *const limen_memory_ideal = &ideal_type;

static const limen_memory_type *const memory_types[] = {
    &ideal_type, &limen_train_digital_static_type, &limen_train_analog_static_type,
    &limen_train_lim_fixed_type, &limen_train_lim_matched_type, NULL};

const limen_memory_type *const *limen_memory_types(void) { return memory_types; }
const limen_memory_type *const limen_memory_digital_static = &limen_train_digital_static_type;
const limen_memory_type *const limen_memory_analog_static = &limen_train_analog_static_type;
const limen_memory_type *const limen_memory_lim_fixed = &limen_train_lim_fixed_type;
const limen_memory_type *const limen_memory_lim_matched = &limen_train_lim_matched_type;

int limen_memory_type_find(const char *name, const limen_memory_type **type, limen_error *err) {
  if (!name || !type) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  for (size_t i = 0; memory_types[i]; i++)
    if (strcmp(memory_types[i]->name, name) == 0) {
      *type = memory_types[i];
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "paradigm '%s': allowed ideal, digital-static, analog-static, lim-fixed, lim-matched", name);
}

/* ---- common array --------------------------------------------------------------------- */
int limen_memory_alloc(const limen_memory_type *type, const limen_memory_config *cfg, size_t n, const double *w0,
                       limen_memory **out, limen_error *err) {
  if (!type || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_memory_config c = cfg ? *cfg : limen_memory_config_default();
  int st = limen_memory_config_check(&c, err);
  if (st) return limen_error_wrap(err, st, __func__, "memory '%s'", type->name);
  if (n == 0) return limen_error_set(err, LIMEN_EINVAL, __func__, "n = 0: need at least one cell");
  limen_gsl_quiet();
  limen_memory *m = calloc(1, sizeof *m);
  if (!m) return limen_error_set(err, LIMEN_ENOMEM, __func__, "memory array");
  m->type = type;
  m->cfg = c;
  m->n = n;
  m->w = calloc(n, sizeof *m->w);
  m->level = calloc(n, sizeof *m->level);
  if (!m->w || !m->level) {
    limen_memory_free(m);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "%zu cells", n);
  }
  m->levels = ldexp(1.0, c.bits);
  m->delta = limen_level_size(2.0 * c.w_max, c.bits, LIMEN_LEVELS_ENDPOINTS);
  for (size_t i = 0; i < n; i++) {
    double v = w0 ? w0[i] : 0.0;
    if (!isfinite(v) || (type->physical && fabs(v) > c.w_max)) {
      limen_memory_free(m);
      return limen_error_set(err, LIMEN_EINVAL, __func__, "w0[%zu] = %g: allowed range [%g, %g]", i, v, -c.w_max, c.w_max);
    }
    m->w[i] = v;
    /* nearest level; the physical types store it */
    m->level[i] = floor((v + c.w_max) / m->delta + 0.5);
    if (m->level[i] > m->levels - 1) m->level[i] = m->levels - 1;
    if (m->level[i] < 0) m->level[i] = 0;
    if (type->physical) m->w[i] = limen_train_level_value(m, m->level[i]);
  }
  if (type->physical) {
    if (c.retention_barrier_kT > 0) {
      m->e_ret_kT = c.retention_barrier_kT;
    } else {
      st = limen_retention_barrier(10.0 * LIMEN_SECONDS_PER_YEAR / c.tau0_s, 1e-6, NULL, &m->e_ret_kT, err);
      if (st) {
        limen_memory_free(m);
        return limen_error_wrap(err, st, __func__, "retention barrier");
      }
    }
  }
  st = type->init(m, err);
  if (st) {
    m->type = NULL; /* nothing type-specific to release */
    limen_memory_free(m);
    return limen_error_wrap(err, st, __func__, "memory '%s'", type->name);
  }
  *out = m;
  return LIMEN_OK;
}

void limen_memory_free(limen_memory *m) {
  if (!m) return;
  if (m->type) m->type->release(m);
  free(m->w);
  free(m->level);
  free(m);
}

int limen_memory_apply(limen_memory *m, const double *dw, const limen_memory_step *step, double *dw_real,
                       double *heat_kT, limen_memory_stats *stats, limen_error *err) {
  if (!m || !dw || !step) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int st = limen_check_positive(err, __func__, "window_s", step->window_s);
  if (st) return st;
  for (size_t i = 0; i < m->n; i++)
    if (!isfinite(dw[i])) return limen_error_set(err, LIMEN_EINVAL, __func__, "dw[%zu] = %g: must be finite", i, dw[i]);
  limen_memory_stats local;
  limen_memory_stats *s = stats ? stats : &local;
  memset(s, 0, sizeof *s);
  st = m->type->apply(m, dw, step, dw_real, heat_kT, s, err);
  if (st) return limen_error_wrap(err, st, __func__, "%s, step %zu", m->type->name, step->index);
  return LIMEN_OK;
}

const double *limen_memory_values(const limen_memory *m) { return m ? m->w : NULL; }

double limen_train_level_value(const limen_memory *m, double level) { return -m->cfg.w_max + level * m->delta; }

double limen_train_clamp_level(const limen_memory *m, double q) {
  if (q < 0) return 0;
  if (q > m->levels - 1) return m->levels - 1;
  return q;
}

void limen_train_commit(limen_memory *m, size_t i, double q, double h_kT, double *dw_real, double *heat_kT,
                        limen_memory_stats *stats) {
  m->level[i] = q;
  double w_new = limen_train_level_value(m, q);
  if (dw_real) dw_real[i] = w_new - m->w[i];
  m->w[i] = w_new;
  if (heat_kT) heat_kT[i] = h_kT;
  stats->heat_kT += h_kT;
}

double limen_train_stochastic_round(double x, double u) {
  double f = floor(x);
  return (u < x - f) ? f + 1.0 : f;
}
