/* SPDX-License-Identifier: GPL-3.0-or-later
 * kramers.c: overdamped Kramers escape rate over the barrier of the (tilted) cell potential,
 *   r = √(U''(x_min)·|U''(x_b)|)/(2π) · e^{−ΔU}        (units τ₀⁻¹, energies in kT),
 * valid for ΔU ≫ kT with relative error ≈ 3/(8ΔU) for the quartic well (see mfpt.c).
 * Untilted quartic: U''(±1) = 8E_b, U''(0) = −4E_b, so r = 2√2·E_b/π · e^{−E_b}.
 * Untilted washboard U = (E/2)(1 − cos 2πx): U''(0) = −U''(½) = 2π²E, so r = πE·e^{−E}, taken in
 * this closed form (no extrema search: the matched barrier of lim-matched inverts it per
 * projection).
 * References: H. A. Kramers, Physica 7, 284 (1940); P. Hänggi, P. Talkner, M. Borkovec,
 * Rev. Mod. Phys. 62, 251 (1990), eq. (4.56b). */
#include <math.h>

#include "cell/internal.h"

int limen_kramers_log_rate(const limen_well *w, const limen_precision *prec, double *log_rate,
                           limen_error *err) {
  if (!log_rate) return limen_error_set(err, LIMEN_EINVAL, __func__, "log_rate: must not be NULL");
  if (w && w->kind == LIMEN_WELL_WASHBOARD && w->tilt_kT == 0.0) {
    int rc = limen_cell_check_well(w, __func__, err);
    if (rc) return rc;
    *log_rate = log(LIMEN_PI * w->barrier_kT) - w->barrier_kT;
    return LIMEN_OK;
  }
  limen_well_extrema ex;
  int rc = limen_well_extrema_find(w, prec, &ex, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "Kramers rate");
  if (!(ex.curv_min > 0.0) || !(ex.curv_barrier > 0.0))
    return limen_error_set(err, LIMEN_ENUMERIC, __func__,
                           "degenerate curvature at the minimum (%.6g) or barrier (%.6g)",
                           ex.curv_min, ex.curv_barrier);
  *log_rate = 0.5 * (log(ex.curv_min) + log(ex.curv_barrier)) - log(2.0 * LIMEN_PI) -
              ex.barrier_kT;
  return LIMEN_OK;
}

int limen_kramers_rate(const limen_well *w, const limen_precision *prec, double *rate,
                       limen_error *err) {
  if (!rate) return limen_error_set(err, LIMEN_EINVAL, __func__, "rate: must not be NULL");
  double lr = 0.0;
  int rc = limen_kramers_log_rate(w, prec, &lr, err);
  if (rc) return rc;
  *rate = exp(lr); /* may underflow to 0 for barriers beyond ~740 kT: use the log form */
  return LIMEN_OK;
}
