/* SPDX-License-Identifier: GPL-3.0-or-later
 * schedule.c: (A) learning-rate schedules and the Arrhenius-matched barrier (theory §3).
 *
 * The hop rate of a cell, r = r₀ e^{−E_b}, is its learning rate.  Matching r(t) ∝ η(t):
 *     E_b(t) = E_b(0) + ln(η(0)/η(t)).
 * Schedules: constant η = η₀;  inverse η = η₀/(1 + t/t₀)  (E_b rises as ln(1 + t/t₀), the
 * law of Fowler–Nordheim tunnelling synapses);  cosine with floor
 * η = η_min + (η₀ − η_min)(1 + cos(π t/t_end))/2 for t ≤ t_end and η_min after.
 * References: theory §3 (A); I. Loshchilov, F. Hutter, SGDR, ICLR 2017 (cosine schedule);
 * S. Chakrabartty et al., arXiv:2402.14878 (learning-in-memory). */
#include <math.h>
#include <string.h>

#include "limen/units.h"
#include "numeric/numeric.h"
#include "limen/bounds.h"

int limen_lr_check(const limen_lr_schedule *s, limen_error *err) {
  if (!s) return limen_error_set(err, LIMEN_EINVAL, __func__, "schedule: must not be NULL");
  int rc = limen_check_range(err, __func__, "eta0", s->eta0, 0.0, 1, HUGE_VAL, 1);
  if (rc) return rc;
  switch (s->kind) {
    case LIMEN_LR_CONSTANT: return LIMEN_OK;
    case LIMEN_LR_INVERSE: return limen_check_range(err, __func__, "t0", s->t0, 0.0, 1, HUGE_VAL, 1);
    case LIMEN_LR_COSINE:
      rc = limen_check_range(err, __func__, "t_end", s->t_end, 0.0, 1, HUGE_VAL, 1);
      if (rc) return rc;
      return limen_check_range(err, __func__, "eta_min", s->eta_min, 0.0, 1, s->eta0, 0);
    default:
      return limen_error_set(err, LIMEN_EINVAL, __func__,
                             "kind = %d: allowed values 0 (constant), 1 (inverse), 2 (cosine)",
                             (int)s->kind);
  }
}

double limen_lr_eta(const limen_lr_schedule *s, double t) {
  if (limen_lr_check(s, NULL) != LIMEN_OK) return 0.0;
  if (!(t > 0.0)) t = 0.0; /* also NaN → 0 */
  switch (s->kind) {
    case LIMEN_LR_INVERSE: return s->eta0 / (1.0 + t / s->t0);
    case LIMEN_LR_COSINE:
      if (t >= s->t_end) return s->eta_min;
      return s->eta_min + (s->eta0 - s->eta_min) * 0.5 * (1.0 + cos(LIMEN_PI * t / s->t_end));
    default: return s->eta0;
  }
}

int limen_matched_barrier_kT(const limen_lr_schedule *s, double barrier0_kT, double t,
                             double *barrier_kT, limen_error *err) {
  int rc = limen_lr_check(s, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "learning-rate schedule");
  rc = limen_check_range(err, __func__, "barrier0_kT", barrier0_kT, 0.0, 1,
                         LIMEN_CELL_MAX_BARRIER_KT, 0);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "t", t, 0.0, 0, HUGE_VAL, 1);
  if (rc) return rc;
  if (!barrier_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "barrier_kT: must not be NULL");
  double rise;
  switch (s->kind) {
    case LIMEN_LR_INVERSE: rise = log1p(t / s->t0); break;
    case LIMEN_LR_COSINE: rise = log(s->eta0 / limen_lr_eta(s, t)); break;
    default: rise = 0.0; break;
  }
  *barrier_kT = barrier0_kT + rise;
  if (!isfinite(*barrier_kT))
    return limen_error_set(err, LIMEN_ERANGE, __func__, "t = %.10g: barrier not finite", t);
  return LIMEN_OK;
}

static const char *const lr_names[] = {"constant", "inverse", "cosine"};

const char *limen_lr_kind_name(limen_lr_kind kind) {
  return (unsigned)kind <= LIMEN_LR_COSINE ? lr_names[kind] : "?";
}

int limen_lr_kind_parse(const char *name, limen_lr_kind *kind, limen_error *err) {
  for (int k = 0; k <= (int)LIMEN_LR_COSINE; k++)
    if (name && strcmp(name, lr_names[k]) == 0) {
      *kind = (limen_lr_kind)k;
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_EINVAL, __func__,
                         "learning-rate schedule '%s': allowed constant, inverse, cosine", name ? name : "");
}
