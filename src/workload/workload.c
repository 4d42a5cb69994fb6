/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload.c: the table of a training workload's inputs (theory §1), from which its defaults,
 * validation and access by name are driven, and the quantities derived from a workload. */
#include "limen/workload.h"

#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "limen/units.h"

/* ---- the table of inputs ----------------------------------------------------------- */

/* Ranges as the four numbers of a limen_input: [a, b] and (a, b]. */
#define CLOSED(a, b) (a), (b), 0, 0
#define LEFT_OPEN(a, b) (a), (b), 1, 0
#define UNSET LIMEN_INPUT_UNSET_NONPOSITIVE

/* One row per numeric input, in the order of the tool's options:
 *   X(name, alias, member, symbol, unit, metavar, range, flags, default, default as text, doc)
 * The defaults are the brain-scale row of data/models.json: C = 1e28 FLOP and D = C/(6N)
 * (see data/README.md for the reasoning); B_s = 2^22 tokens per step, also used for catalog
 * rows that publish no batch size. */
#define LIMEN_WORKLOAD_INPUTS(X)                                                                                     \
  X("params", NULL, params, "N", NULL, "N", CLOSED(1, 1e30), 0, 1e15, "1e15 (brain-scale)",                          \
    "trainable parameters N (needs --tokens)")                                                                       \
  X("tokens", NULL, tokens, "D", NULL, "D", CLOSED(1, 1e30), 0, 1e28 / (6.0 * 1e15), "1.667e12 (brain-scale)",       \
    "training samples or tokens D")                                                                                  \
  X("flops", NULL, flops, "C", "FLOP", "C", LEFT_OPEN(0, 1e60), UNSET, 1e28,                                         \
    "1e28 (brain-scale); c_f·N·D when --params or --tokens is given", "training FLOPs C")                            \
  X("flops-per-param-token", NULL, flops_per_param_token, "c_f", "FLOP", "CF", LEFT_OPEN(0, 1e6), 0, 6.0, "6",       \
    "c_f in C = c_f·N·D (dense forward+backward)")                                                                   \
  X("batch-tokens", "batch", batch_tokens, "B_s", NULL, "B", CLOSED(1, 1e30), 0, 4194304.0, "4194304 (catalog)",     \
    "samples (tokens) per step B_s; K = D/B_s")                                                                      \
  X("bits", NULL, bits, "n", "bits", "n", CLOSED(1, 64), LIMEN_INPUT_INTEGER, 16.0, "16", "bits of precision of a parameter") \
  X("time", NULL, train_time_s, "T_train", "s", "SECONDS", LEFT_OPEN(0, 1e12), 0, 30.0 * LIMEN_SECONDS_PER_DAY,      \
    "2592000 (30 days)", "wall-clock training time T_train")                                                         \
  X("temperature", NULL, temperature_K, "T", "K", "K", LEFT_OPEN(0, 1e4), 0, LIMEN_DEFAULT_TEMPERATURE_K, "300",     \
    "temperature T")                                                                                                 \
  X("parallel-cells", NULL, parallel_cells, "P", NULL, "P", CLOSED(1, 1e30), UNSET, 0.0, "N",                        \
    "memory cells that update concurrently")                                                                         \
  X("tau0", NULL, tau0_s, "τ₀", "s", "S", LEFT_OPEN(0, 1), 0, 1e-9, "1e-9", "intrinsic time τ₀ = γa²/kT of a cell") \
  X("retention-time", "retention", retention_time_s, "τ_ret", "s", "S", LEFT_OPEN(0, 1e12), 0,                       \
    10.0 * LIMEN_SECONDS_PER_YEAR, "315576000 (10 years)", "retention time τ_ret of a non-volatile cell")            \
  X("retention-fail", NULL, retention_fail, "p_ret", NULL, "P", LEFT_OPEN(0, 0.5), 0, 1e-6, "1e-6",                  \
    "flip probability p_ret allowed over τ_ret")                                                                     \
  X("write-fail", NULL, write_fail, "p_w", NULL, "P", LEFT_OPEN(0, 0.5), 0, 1e-6, "1e-6",                            \
    "failure probability p_w of a static write")                                                                     \
  X("success", NULL, success, "P_s", NULL, "P", CLOSED(0.5, 1), 0, 1.0, "1",                                         \
    "success probability P_s of an erasure (L, FT)")                                                                 \
  X("consolidation-period", NULL, consolidation_period_s, "T_c", "s", "S", LEFT_OPEN(0, 1e12), 0, 3600.0, "3600",    \
    "two-tier consolidation period T_c (cim-static)")                                                                \
  X("write-time", NULL, write_time_s, "τ_w", "s", "S", LEFT_OPEN(0, 1e12), UNSET, 0.0, "τ_op",                       \
    "duration τ_w of a static write (cim-static)")                                                                   \
  X("bytes-per-flop", NULL, bytes_per_flop, "bytes/FLOP", "B/FLOP", "X", CLOSED(0, 1e6), 0, 0.0, "0 (compute only)", \
    "off-chip bytes moved per FLOP (accelerators)")                                                                  \
  X("pue", NULL, pue, "PUE", NULL, "X", CLOSED(1, 10), 0, 1.0, "1 (board only)",                                     \
    "facility overhead (PUE) applied to the accelerators' energies")                                                 \
  X("lr-eta0", NULL, lr_eta0, "η0", NULL, "ETA", LEFT_OPEN(0, 10), 0, 1e-3, "1e-3",                                  \
    "initial learning rate η(0) (lim-matched)")                                                                      \
  X("lr-t0-frac", NULL, lr_t0_frac, "t0/K", NULL, "X", LEFT_OPEN(0, 1e6), 0, 0.1, "0.1",                             \
    "inverse schedule: t0 = X·K steps (lim-matched)")                                                                \
  X("lr-eta-min-frac", NULL, lr_eta_min_frac, "η_min/η0", NULL, "X", LEFT_OPEN(0, 1), 0, 0.1, "0.1",                 \
    "cosine schedule floor η_min = X·η0 (lim-matched)")                                                              \
  X("grad-scale", NULL, grad_scale, "g", NULL, "G", LEFT_OPEN(0, 1e6), 0, 1.0, "1",                                  \
    "update size per unit learning rate g (lim-matched)")                                                            \
  X("param-range", NULL, param_range, "range", NULL, "R", LEFT_OPEN(0, 1e6), 0, 2.0, "2",                            \
    "full range of a parameter; level ε = R/2^n (lim-matched)")                                                      \
  X("drift-diffusion-ratio", NULL, drift_diffusion_ratio, "ρ", NULL, "RHO", LEFT_OPEN(0, 1e6), 0, 1.0, "1",          \
    "drift-to-diffusion ratio ρ = μ/(2rΔt) per hop of the matched cell (lim-matched)")                               \
  X("hops-per-level", NULL, hops_per_level, "H", NULL, "H", CLOSED(1, 1e30), UNSET | LIMEN_INPUT_INTEGER, 0.0,       \
    "derived: the least H that keeps n bits", "hop positions per n-bit level of the matched cell (lim-matched)")

#define ROW(nm, al, mem, sym, unit, mv, range, fl, def, deftext, doc) \
  {nm, al, #mem, sym, unit, mv, range, fl, LIMEN_INPUT_DOUBLE, offsetof(limen_workload, mem), def, deftext, doc},
#define NAME(nm, al, mem, sym, unit, mv, range, fl, def, deftext, doc) nm,
static const limen_input k_inputs[] = {LIMEN_WORKLOAD_INPUTS(ROW)};
static const char *const k_names[] = {LIMEN_WORKLOAD_INPUTS(NAME) NULL};
#undef ROW
#undef NAME
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])

const limen_input *limen_workload_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

const char *const *limen_workload_fields(void) { return k_names; }

limen_workload limen_workload_default(void) {
  limen_workload w;
  memset(&w, 0, sizeof w);
  snprintf(w.name, sizeof w.name, "%s", "brain-scale");
  limen_inputs_defaults(k_inputs, N_INPUTS, &w);
  w.ops = LIMEN_OPS_PER_FLOP;
  w.lr_kind = LIMEN_LR_INVERSE;
  return w;
}

const char *limen_ops_convention_name(limen_ops_convention c) {
  switch (c) {
    case LIMEN_OPS_PER_FLOP: return "per-flop";
    case LIMEN_OPS_PER_PARAMETER_STEP: return "per-parameter-step";
  }
  return "?";
}

int limen_ops_convention_parse(const char *name, limen_ops_convention *out, limen_error *err) {
  if (name && strcmp(name, "per-flop") == 0) {
    *out = LIMEN_OPS_PER_FLOP;
    return LIMEN_OK;
  }
  if (name && strcmp(name, "per-parameter-step") == 0) {
    *out = LIMEN_OPS_PER_PARAMETER_STEP;
    return LIMEN_OK;
  }
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "ops convention '%s': unknown; allowed: per-flop, per-parameter-step",
                         name ? name : "(null)");
}

int limen_workload_validate(const limen_workload *w, limen_error *err) {
  const char *fn = __func__;
  if (!w) return limen_error_set(err, LIMEN_EINVAL, fn, "workload is NULL");
  int rc = limen_inputs_check(k_inputs, N_INPUTS, w, fn, err);
  if (rc != LIMEN_OK) return rc;
  /* the ranges that depend on other inputs, named as the rows name the inputs */
  const limen_input *bt = limen_input_find(k_inputs, N_INPUTS, "batch-tokens"), *t0 = limen_input_find(k_inputs, N_INPUTS, "tau0");
  char why[96];
  snprintf(why, sizeof why, "at most tokens = %g", w->tokens);
  rc = limen_input_check_within(bt, w->batch_tokens, bt->lo, bt->lo_open, w->tokens, 0, why, err);
  if (rc != LIMEN_OK) return rc;
  /* the retention barrier is solved for retention-time/tau0 up to 1e300 */
  snprintf(why, sizeof why, "retention-time / tau0 at most 1e300, with retention-time = %g s", w->retention_time_s);
  rc = limen_input_check_within(t0, w->tau0_s, w->retention_time_s / 1e300, 0, t0->hi, t0->hi_open, why, err);
  if (rc != LIMEN_OK) return rc;
  if (w->ops != LIMEN_OPS_PER_FLOP && w->ops != LIMEN_OPS_PER_PARAMETER_STEP)
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "ops = %d: allowed values per-flop (0), per-parameter-step (1)",
                           (int)w->ops);
  if (w->lr_kind != LIMEN_LR_CONSTANT && w->lr_kind != LIMEN_LR_INVERSE &&
      w->lr_kind != LIMEN_LR_COSINE)
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "lr_kind = %d: allowed values constant (0), inverse (1), cosine (2)",
                           (int)w->lr_kind);
  if (w->path) {
    rc = limen_learning_path_check(w->path, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "learning path");
    if (w->bits != w->path->bits || w->param_range != w->path->hi - w->path->lo)
      return limen_error_set(err, LIMEN_EINVAL, fn, "bits = %g, param-range = %g: the learning path was "
                             "recorded at %d bits on a range of %g, and its levels and writes hold at those only",
                             w->bits, w->param_range, w->path->bits, w->path->hi - w->path->lo);
  }
  return LIMEN_OK;
}

/* The workload's learning path scaled to its N parameters and K steps (workload.h,
 * limen_path_scaled; docs/path.md, "Projecting a path"). */
static void path_scale(const limen_workload *w, double steps, limen_path_scaled *ps) {
  const limen_learning_path *p = w->path;
  double P = (double)p->totals.params, Km = (double)p->n_steps;
  ps->given = 1;
  ps->step_scale = steps / Km;
  ps->levels = ps->step_scale * p->totals.path_levels / P;
  ps->fast_levels = p->totals.max_move_levels;
  for (size_t j = 0; j < p->n_steps; j++)
    ps->max_mean_levels = fmax(ps->max_mean_levels, p->steps[j].path_levels / P);
  ps->last_mean_levels = p->steps[p->n_steps - 1].path_levels / P;
  ps->writes = w->params * ps->step_scale * ((double)p->totals.changed / P);
  ps->bit_flips = w->params * ps->step_scale * ((double)p->totals.bit_flips / P);
}

/* Largest log10 of a result we accept (a double overflows at 10^308.25). */
#define LOG10_MAX 300.0
/* Head-room for per-operation costs up to 1e6 kT in the energies built on OPS. */
#define LOG10_HEADROOM 6.0

/* τ_op = T_train·P/OPS and τ_op/τ₀ (every write time the paradigms take) lie within
 * 10^±LOG10_MAX.  Outside, the input that drives them there is named: of those given (the time,
 * c_f or C, D, B_s, P, τ₀), the one farthest from its default in that direction, with the range
 * that brings the quantity back at the others' values. */
static int tau_op_check(const limen_workload *w, double log_tau, double log_x, limen_error *err) {
  const int tau_bad = fabs(log_tau) > LOG10_MAX, x_bad = fabs(log_x) > LOG10_MAX;
  if (!tau_bad && !x_bad) return LIMEN_OK;
  const double q = tau_bad ? log_tau : log_x, dir = q > 0 ? 1.0 : -1.0;
  const int per_flop = w->ops == LIMEN_OPS_PER_FLOP, flops_given = w->flops > 0;
  struct { const char *name; double e; } cand[] = {
      {"time", 1.0},
      {"flops-per-param-token", per_flop && !flops_given ? -1.0 : 0.0},
      {"flops", per_flop && flops_given ? -1.0 : 0.0},
      {"tokens", !per_flop || !flops_given ? -1.0 : 0.0},
      {"batch-tokens", per_flop ? 0.0 : 1.0},
      {"parallel-cells", w->parallel_cells > 0 ? 1.0 : 0.0},
      {"tau0", tau_bad ? 0.0 : -1.0}};
  const limen_input *best = NULL;
  double best_dev = -INFINITY, best_e = 0, best_v = 0;
  for (size_t i = 0; i < sizeof cand / sizeof cand[0]; i++) {
    const limen_input *row = limen_input_find(k_inputs, N_INPUTS, cand[i].name);
    const double v = limen_input_get(row, w), e = cand[i].e;
    if (e == 0.0 || !(v > 0)) continue;
    const double dev = dir * e * (log10(v) - log10(row->default_value > 0 ? row->default_value : v));
    if (dev > best_dev) best = row, best_dev = dev, best_e = e, best_v = v;
  }
  /* the bound on the named input: q + e·(log10 v' − log10 v) = ±LOG10_MAX */
  const double bound = best_v * pow(10.0, (dir * LOG10_MAX - q) / best_e);
  const int upper = dir * best_e > 0;
  char why[128];
  snprintf(why, sizeof why, "%s = 10^%.1f%s at the other inputs' values: beyond 10^%s%g",
           tau_bad ? "tau_op = T_train*P/OPS" : "tau_op/tau0", q, tau_bad ? " s" : "", dir > 0 ? "" : "-", LOG10_MAX);
  return limen_input_check_within(best, best_v, upper ? best->lo : bound, upper ? best->lo_open : 0,
                                  upper ? bound : best->hi, upper ? 0 : best->hi_open, why, err);
}

int limen_workload_derive(const limen_workload *w, limen_workload_derived *d, limen_error *err) {
  const char *fn = __func__;
  int rc = limen_workload_validate(w, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "workload '%s'", w ? w->name : "?");
  memset(d, 0, sizeof *d);

  double log_c;
  if (w->flops > 0) {
    log_c = log10(w->flops);
  } else {
    log_c = log10(w->flops_per_param_token) + log10(w->params) + log10(w->tokens);
    if (log_c > LOG10_MAX)
      return limen_error_set(err, LIMEN_ERANGE, fn,
                             "flops = c_f*N*D = 10^%.1f: larger than 10^%g (a double would overflow)",
                             log_c, LOG10_MAX);
  }
  d->flops = w->flops > 0 ? w->flops : w->flops_per_param_token * w->params * w->tokens;

  d->steps = w->tokens / w->batch_tokens;
  double log_ops;
  if (w->ops == LIMEN_OPS_PER_FLOP) {
    log_ops = log_c;
    d->ops = d->flops;
  } else {
    log_ops = log10(w->params) + log10(d->steps);
    d->ops = w->params * d->steps;
  }
  d->kT_J = limen_kT(w->temperature_K);
  if (!isnormal(d->kT_J)) { /* T ≥ DBL_MIN/k_B (1.6e-285 K): below, every energy would round to 0 */
    const limen_input *row = limen_input_find(k_inputs, N_INPUTS, "temperature");
    return limen_input_check_within(row, w->temperature_K, DBL_MIN / limen_kT(1.0) * (1.0 + 1e-9), 0, row->hi,
                                    row->hi_open, "kT below it is not a normal double: every energy would round to 0",
                                    err);
  }
  double log_e = log_ops + log10(w->bits) + log10(d->kT_J) + LOG10_HEADROOM;
  if (log_ops > LOG10_MAX || log_e > LOG10_MAX)
    return limen_error_set(err, LIMEN_ERANGE, fn,
                           "OPS = 10^%.1f: energies OPS*n*kT (with 1e6 kT of head-room) would reach "
                           "10^%.1f J, beyond 10^%g: reduce params, tokens or flops",
                           log_ops, log_e, LOG10_MAX);

  d->parallel_cells = w->parallel_cells > 0 ? w->parallel_cells : w->params;
  double log_tau = log10(w->train_time_s) + log10(d->parallel_cells) - log_ops;
  if ((rc = tau_op_check(w, log_tau, log_tau - log10(w->tau0_s), err))) return rc;
  d->tau_op_s = pow(10.0, log_tau);
  d->tau_op_tau0 = d->tau_op_s / w->tau0_s;
  if (!(d->tau_op_tau0 > 0) || !isfinite(d->tau_op_tau0))
    return limen_error_set(err, LIMEN_ERANGE, fn, "tau_op/tau0 = %g: not representable",
                           d->tau_op_tau0);
  d->write_time_s = w->write_time_s > 0 ? w->write_time_s : d->tau_op_s;
  d->step_time_s = w->train_time_s / d->steps;
  d->level_size = limen_level_size(w->param_range, w->bits, LIMEN_LEVELS_BINS);
  if (w->path) path_scale(w, d->steps, &d->path);
  return LIMEN_OK;
}

/* ---- access by name ------------------------------------------------------------------ */

int limen_workload_set(limen_workload *w, const char *field, double value, limen_error *err) {
  const limen_input *in = NULL;
  int rc = limen_input_lookup(k_inputs, N_INPUTS, __func__, "workload field", field, &in, err);
  if (rc != LIMEN_OK) return rc;
  limen_input_set(in, w, value);
  return LIMEN_OK;
}

int limen_workload_get(const limen_workload *w, const char *field, double *value, limen_error *err) {
  const limen_input *in = NULL;
  int rc = limen_input_lookup(k_inputs, N_INPUTS, __func__, "workload field", field, &in, err);
  if (rc != LIMEN_OK) return rc;
  *value = limen_input_get(in, w);
  return LIMEN_OK;
}
