/* SPDX-License-Identifier: GPL-3.0-or-later
 * escape.c: the escape rate used by the cost models (theory §2–3).
 *
 *   tilted barrier ΔU ≥ prec->kramers_min_barrier_kT (default 5 kT):  Kramers,
 *       r = √(U''(x_min)|U''(x_b)|)/(2π) e^{−ΔU}                     (kramers.c);
 *   otherwise, or when the tilt has erased the barrier:              exact MFPT,
 *       r = 1/T(x_start → x_next)                                    (mfpt.c),
 *   with x_start the *untilted* minimum (quartic −1, washboard 0): the state the cell holds
 *   when the tilt is switched on, and x_next the next minimum of the tilted well.  Starting
 *   from the untilted minimum keeps the MFPT branch continuous and increasing in the tilt,
 *   also across the critical tilt where the metastable minimum disappears.
 * At the switch the rate jumps by the Kramers error at that barrier (≈ 3/(8ΔU) relative for
 * the untilted quartic well, about 7 % at 5 kT; Kramers is the larger); callers that solve
 * for a rate (static_write.c, retention.c) treat the two branches separately.
 * References: H. A. Kramers, Physica 7, 284 (1940); P. Hänggi, P. Talkner, M. Borkovec,
 * Rev. Mod. Phys. 62, 251 (1990). */
#include <math.h>

#include "cell/internal.h"

static double dU(double x, void *p) { return -limen_well_force((const limen_well *)p, x); }

int limen_cell_escape_points(const limen_well *w, double *x0, double *b, limen_error *err) {
  double E = w->barrier_kT, f = w->tilt_kT;
  if (w->kind == LIMEN_WELL_WASHBOARD) {
    double s = f / (LIMEN_PI * E);
    if (s <= -1.0)
      return limen_error_set(err, LIMEN_EINVAL, "limen_escape_rate",
                             "tilt_kT = %.10g: no forward minimum for tilt_kT <= -pi*barrier_kT "
                             "= %.10g",
                             f, -LIMEN_PI * E);
    *x0 = 0.0;
    *b = s >= 1.0 ? 1.25 : 1.0 + asin(s) / (2.0 * LIMEN_PI);
    return LIMEN_OK;
  }
  double fc = limen_quartic_critical_tilt(E);
  if (f <= -fc)
    return limen_error_set(err, LIMEN_EINVAL, "limen_escape_rate",
                           "tilt_kT = %.10g: no right minimum for tilt_kT <= -f_c = %.10g", f,
                           -fc);
  double lo = 1.0 / sqrt(3.0), hi = 2.0;
  if (f > 0) hi = 2.0 + cbrt(f / (4.0 * E));
  limen_well copy = *w;
  *x0 = -1.0;
  return limen_numeric_brent(dU, &copy, lo, hi, NULL, NULL, b, "limen_escape_rate",
                          "right minimum of the tilted well", err);
}

int limen_escape_log_rate(const limen_well *w, const limen_precision *prec, double *log_rate,
                          const char **method, limen_error *err) {
  if (limen_numeric_check_prec(prec, __func__, err)) return LIMEN_EINVAL;
  int rc = limen_cell_check_well(w, __func__, err);
  if (rc) return rc;
  if (!log_rate) return limen_error_set(err, LIMEN_EINVAL, __func__, "log_rate: must not be NULL");
  limen_precision p = limen_numeric_prec(prec);
  double f = w->tilt_kT;
  double fc = limen_well_critical_tilt(w);
  if (fabs(f) < fc) {
    limen_well_extrema ex;
    rc = limen_well_extrema_find(w, &p, &ex, err);
    if (rc) return limen_error_wrap(err, rc, __func__, "escape rate");
    if (ex.barrier_kT >= p.kramers_min_barrier_kT) {
      rc = limen_kramers_log_rate(w, &p, log_rate, err);
      if (rc) return limen_error_wrap(err, rc, __func__, "escape rate");
      if (method) *method = "kramers";
      return LIMEN_OK;
    }
  }
  double x0, b, lt;
  rc = limen_cell_escape_points(w, &x0, &b, err);
  if (rc) return rc;
  rc = limen_cell_mfpt_log(w, x0, b, &p, &lt, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "escape rate by exact MFPT");
  *log_rate = -lt;
  if (method) *method = "mfpt";
  return LIMEN_OK;
}

int limen_escape_rate(const limen_well *w, const limen_precision *prec, double *rate,
                      const char **method, limen_error *err) {
  if (!rate) return limen_error_set(err, LIMEN_EINVAL, __func__, "rate: must not be NULL");
  double lr;
  int rc = limen_escape_log_rate(w, prec, &lr, method, err);
  if (rc) return rc;
  *rate = exp(lr);
  return LIMEN_OK;
}
