/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload.c: defaults, validation and derived quantities of a training workload (theory §1). */
#include "limen/workload.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "limen/units.h"

/* The brain-scale workload.  C = 1e28 FLOP and D = C/(6N): see data/models.json (row
 * "brain-scale") and data/README.md for the reasoning. */
limen_workload limen_workload_default(void) {
  limen_workload w;
  memset(&w, 0, sizeof w);
  snprintf(w.name, sizeof w.name, "%s", "brain-scale");
  w.params = 1e15;
  w.flops = 1e28;
  w.flops_per_param_token = 6.0;
  w.tokens = w.flops / (w.flops_per_param_token * w.params);
  w.batch_tokens = 4194304.0; /* 2^22 tokens per step */
  w.ops = LIMEN_OPS_PER_FLOP;
  w.bits = 16.0;
  w.train_time_s = 30.0 * LIMEN_SECONDS_PER_DAY;
  w.temperature_K = LIMEN_DEFAULT_TEMPERATURE_K;
  w.parallel_cells = 0.0; /* → N */
  w.tau0_s = 1e-9;
  w.retention_time_s = 10.0 * LIMEN_SECONDS_PER_YEAR;
  w.retention_fail = 1e-6;
  w.write_fail = 1e-6;
  w.success = 1.0;
  w.consolidation_period_s = 3600.0;
  w.write_time_s = 0.0; /* → τ_op */
  w.bytes_per_flop = 0.0;
  w.pue = 1.0; /* board only */
  w.lr_kind = LIMEN_LR_INVERSE;
  w.lr_eta0 = 1e-3;
  w.lr_t0_frac = 0.1;
  w.lr_eta_min_frac = 0.1;
  w.grad_scale = 1.0;
  w.param_range = 2.0;
  w.drift_diffusion_ratio = 1.0;
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

/* A value that may be ≤ 0 ("use the derived default") or else must lie in (0, hi]. */
static int check_optional(limen_error *err, const char *field, double v, double hi) {
  if (!isfinite(v))
    return limen_error_set(err, LIMEN_EINVAL, "limen_workload_validate",
                           "%s = %g: allowed range <= 0 (derived) or (0, %g]", field, v, hi);
  if (v <= 0) return LIMEN_OK;
  if (v > hi)
    return limen_error_set(err, LIMEN_EINVAL, "limen_workload_validate",
                           "%s = %g: allowed range <= 0 (derived) or (0, %g]", field, v, hi);
  return LIMEN_OK;
}

#define CHECK(expr)                  \
  do {                               \
    int rc_ = (expr);                \
    if (rc_ != LIMEN_OK) return rc_; \
  } while (0)

int limen_workload_validate(const limen_workload *w, limen_error *err) {
  const char *fn = __func__;
  if (!w) return limen_error_set(err, LIMEN_EINVAL, fn, "workload is NULL");
  CHECK(limen_check_range(err, fn, "params", w->params, 1, 0, 1e30, 0));
  CHECK(limen_check_range(err, fn, "tokens", w->tokens, 1, 0, 1e30, 0));
  CHECK(check_optional(err, "flops", w->flops, 1e60));
  CHECK(limen_check_range(err, fn, "flops_per_param_token", w->flops_per_param_token, 0, 1, 1e6, 0));
  CHECK(limen_check_range(err, fn, "batch_tokens", w->batch_tokens, 1, 0, w->tokens, 0));
  if (w->ops != LIMEN_OPS_PER_FLOP && w->ops != LIMEN_OPS_PER_PARAMETER_STEP)
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "ops = %d: allowed values per-flop (0), per-parameter-step (1)",
                           (int)w->ops);
  CHECK(limen_check_range(err, fn, "bits", w->bits, 1, 0, 64, 0));
  CHECK(limen_check_range(err, fn, "train_time_s", w->train_time_s, 0, 1, 1e12, 0));
  CHECK(limen_check_range(err, fn, "temperature_K", w->temperature_K, 0, 1, 1e4, 0));
  if (!isfinite(w->parallel_cells) || (w->parallel_cells > 0 && w->parallel_cells < 1) ||
      w->parallel_cells > 1e30)
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "parallel_cells = %g: allowed range <= 0 (= params) or [1, 1e30]",
                           w->parallel_cells);
  CHECK(limen_check_range(err, fn, "tau0_s", w->tau0_s, 0, 1, 1, 0));
  CHECK(limen_check_range(err, fn, "retention_time_s", w->retention_time_s, 0, 1, 1e12, 0));
  CHECK(limen_check_range(err, fn, "retention_fail", w->retention_fail, 0, 1, 0.5, 0));
  CHECK(limen_check_range(err, fn, "write_fail", w->write_fail, 0, 1, 0.5, 0));
  CHECK(limen_check_range(err, fn, "success", w->success, 0.5, 0, 1, 0));
  CHECK(limen_check_range(err, fn, "consolidation_period_s", w->consolidation_period_s, 0, 1,
                          1e12, 0));
  CHECK(check_optional(err, "write_time_s", w->write_time_s, 1e12));
  CHECK(limen_check_range(err, fn, "bytes_per_flop", w->bytes_per_flop, 0, 0, 1e6, 0));
  CHECK(limen_check_range(err, fn, "pue", w->pue, 1, 0, 10, 0));
  if (w->lr_kind != LIMEN_LR_CONSTANT && w->lr_kind != LIMEN_LR_INVERSE &&
      w->lr_kind != LIMEN_LR_COSINE)
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "lr_kind = %d: allowed values constant (0), inverse (1), cosine (2)",
                           (int)w->lr_kind);
  CHECK(limen_check_range(err, fn, "lr_eta0", w->lr_eta0, 0, 1, 10, 0));
  CHECK(limen_check_range(err, fn, "lr_t0_frac", w->lr_t0_frac, 0, 1, 1e6, 0));
  CHECK(limen_check_range(err, fn, "lr_eta_min_frac", w->lr_eta_min_frac, 0, 1, 1, 0));
  CHECK(limen_check_range(err, fn, "grad_scale", w->grad_scale, 0, 1, 1e6, 0));
  CHECK(limen_check_range(err, fn, "param_range", w->param_range, 0, 1, 1e6, 0));
  CHECK(limen_check_range(err, fn, "drift_diffusion_ratio", w->drift_diffusion_ratio, 0, 1, 1e6, 0));
  if (!isfinite(w->hops_per_level) ||
      (w->hops_per_level > 0 && (w->hops_per_level < 1 || w->hops_per_level > 1e30 ||
                                 w->hops_per_level != floor(w->hops_per_level))))
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "hops_per_level = %g: allowed range <= 0 (derived) or whole numbers in [1, 1e30]",
                           w->hops_per_level);
  return LIMEN_OK;
}

/* Largest log10 of a result we accept (a double overflows at 10^308.25). */
#define LOG10_MAX 300.0
/* Head-room for per-operation costs up to 1e6 kT in the energies built on OPS. */
#define LOG10_HEADROOM 6.0

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
  double log_e = log_ops + log10(w->bits) + log10(d->kT_J) + LOG10_HEADROOM;
  if (log_ops > LOG10_MAX || log_e > LOG10_MAX)
    return limen_error_set(err, LIMEN_ERANGE, fn,
                           "OPS = 10^%.1f: energies OPS*n*kT (with 1e6 kT of head-room) would reach "
                           "10^%.1f J, beyond 10^%g: reduce params, tokens or flops",
                           log_ops, log_e, LOG10_MAX);

  d->parallel_cells = w->parallel_cells > 0 ? w->parallel_cells : w->params;
  double log_tau = log10(w->train_time_s) + log10(d->parallel_cells) - log_ops;
  if (log_tau < -LOG10_MAX || log_tau > LOG10_MAX)
    return limen_error_set(err, LIMEN_ERANGE, fn,
                           "tau_op = T_train*P/OPS = 10^%.1f s: not representable", log_tau);
  d->tau_op_s = pow(10.0, log_tau);
  d->tau_op_tau0 = d->tau_op_s / w->tau0_s;
  if (!(d->tau_op_tau0 > 0) || !isfinite(d->tau_op_tau0))
    return limen_error_set(err, LIMEN_ERANGE, fn, "tau_op/tau0 = %g: not representable",
                           d->tau_op_tau0);
  d->write_time_s = w->write_time_s > 0 ? w->write_time_s : d->tau_op_s;
  d->step_time_s = w->train_time_s / d->steps;
  d->level_size = w->param_range / pow(2.0, w->bits);
  return LIMEN_OK;
}

/* ---- field access by name --------------------------------------------------------- */

/* X-macro: (flag name, struct member), in the order listed by limen_workload_fields(). */
#define LIMEN_WORKLOAD_FIELDS(X)                      \
  X("params", params)                                 \
  X("tokens", tokens)                                 \
  X("flops", flops)                                   \
  X("flops-per-param-token", flops_per_param_token)   \
  X("batch-tokens", batch_tokens)                     \
  X("bits", bits)                                     \
  X("time", train_time_s)                             \
  X("temperature", temperature_K)                     \
  X("parallel-cells", parallel_cells)                 \
  X("tau0", tau0_s)                                   \
  X("retention-time", retention_time_s)               \
  X("retention-fail", retention_fail)                 \
  X("write-fail", write_fail)                         \
  X("success", success)                               \
  X("consolidation-period", consolidation_period_s)   \
  X("write-time", write_time_s)                       \
  X("bytes-per-flop", bytes_per_flop)                 \
  X("pue", pue)                                       \
  X("lr-eta0", lr_eta0)                               \
  X("lr-t0-frac", lr_t0_frac)                         \
  X("lr-eta-min-frac", lr_eta_min_frac)               \
  X("grad-scale", grad_scale)                         \
  X("param-range", param_range)                       \
  X("drift-diffusion-ratio", drift_diffusion_ratio)   \
  X("hops-per-level", hops_per_level)

#define NAME_OF(n, m) n,
#define OFFSET_OF(n, m) offsetof(limen_workload, m),
static const char *const k_field_names[] = {LIMEN_WORKLOAD_FIELDS(NAME_OF) NULL};
static const size_t k_field_offsets[] = {LIMEN_WORKLOAD_FIELDS(OFFSET_OF)};
#undef NAME_OF
#undef OFFSET_OF
#define N_FIELDS (sizeof k_field_offsets / sizeof k_field_offsets[0])

const char *const *limen_workload_fields(void) { return k_field_names; }

static int field_lookup(const char *func, const char *field, size_t *offset, limen_error *err) {
  for (size_t i = 0; i < N_FIELDS; i++)
    if (field && strcmp(field, k_field_names[i]) == 0) {
      *offset = k_field_offsets[i];
      return LIMEN_OK;
    }
  char list[1024];
  size_t used = 0;
  list[0] = '\0';
  for (size_t i = 0; i < N_FIELDS && used < sizeof list; i++) {
    int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", k_field_names[i]);
    if (k < 0) break;
    used += (size_t)k;
  }
  return limen_error_set(err, LIMEN_ENOTFOUND, func, "workload field '%s': unknown; allowed: %s",
                         field ? field : "(null)", list);
}

int limen_workload_set(limen_workload *w, const char *field, double value, limen_error *err) {
  size_t off = 0;
  int rc = field_lookup(__func__, field, &off, err);
  if (rc != LIMEN_OK) return rc;
  *(double *)(void *)((char *)w + off) = value;
  return LIMEN_OK;
}

int limen_workload_get(const limen_workload *w, const char *field, double *value,
                       limen_error *err) {
  size_t off = 0;
  int rc = field_lookup(__func__, field, &off, err);
  if (rc != LIMEN_OK) return rc;
  *value = *(const double *)(const void *)((const char *)w + off);
  return LIMEN_OK;
}
