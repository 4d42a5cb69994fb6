/* SPDX-License-Identifier: GPL-3.0-or-later
 * extrema.c: stationary points of the cell potential by Brent root finding on U'(x) = 0
 * (theory §2), the input of the Kramers rate.
 *
 * Quartic, U' = 4E_b(x³ − x) − f with |f| < f_c = 8E_b/(3√3): U' changes sign on each of
 *   [−2, −1/√3] (left minimum), [−1/√3, 1/√3] (barrier top), [1/√3, 2] (right minimum),
 *   because U'(∓1/√3) = ±f_c − f and U'(∓2) = ∓24E_b − f.
 * Washboard, U' = πE_b sin 2πx − f with |f| < πE_b: minimum in [−¼, ¼], barrier top
 *   in [¼, ¾]; the next minimum is one level further, x_min + 1.
 * Reference: H. A. Kramers, Physica 7, 284 (1940). */
#include <math.h>

#include "cell/internal.h"

static double dU(double x, void *p) { return -limen_well_force((const limen_well *)p, x); }

int limen_well_extrema_find(const limen_well *w, const limen_precision *prec,
                            limen_well_extrema *out, limen_error *err) {
  if (limen_numeric_check_prec(prec, __func__, err)) return LIMEN_EINVAL;
  int rc = limen_cell_check_well(w, __func__, err);
  if (rc) return rc;
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "out: must not be NULL");
  double E = w->barrier_kT, f = w->tilt_kT;
  limen_well copy = *w; /* GSL takes void*: pass a copy */
  double a[3], b[3];
  if (w->kind == LIMEN_WELL_QUARTIC) {
    double fc = limen_quartic_critical_tilt(E);
    if (fabs(f) >= fc)
      return limen_error_set(err, LIMEN_EINVAL, __func__,
                             "tilt_kT = %.10g: the barrier vanishes at |tilt_kT| >= f_c = "
                             "8*barrier_kT/(3*sqrt(3)) = %.10g; allowed range (-%.10g, %.10g)",
                             f, fc, fc, fc);
    double q = 1.0 / sqrt(3.0);
    a[0] = -2.0; b[0] = -q;
    a[1] = -q;   b[1] = q;
    a[2] = q;    b[2] = 2.0;
  } else {
    double fc = limen_washboard_critical_tilt(E);
    if (fabs(f) >= fc)
      return limen_error_set(err, LIMEN_EINVAL, __func__,
                             "tilt_kT = %.10g: the washboard barrier vanishes at |tilt_kT| >= "
                             "pi*barrier_kT = %.10g; allowed range (-%.10g, %.10g)",
                             f, fc, fc, fc);
    a[0] = -0.25; b[0] = 0.25;
    a[1] = 0.25;  b[1] = 0.75;
  }
  double x[3];
  int n = w->kind == LIMEN_WELL_QUARTIC ? 3 : 2;
  static const char *what[3] = {"metastable minimum", "barrier top", "next minimum"};
  for (int i = 0; i < n; i++) {
    rc = limen_numeric_brent(dU, &copy, a[i], b[i], prec, NULL, &x[i], __func__, what[i], err);
    if (rc) return rc;
  }
  if (w->kind == LIMEN_WELL_WASHBOARD) x[2] = x[0] + 1.0;
  out->x_min = x[0];
  out->x_barrier = x[1];
  out->x_next = x[2];
  out->barrier_kT = limen_well_energy(w, x[1]) - limen_well_energy(w, x[0]);
  out->curv_min = limen_well_curvature(w, x[0]);
  out->curv_barrier = fabs(limen_well_curvature(w, x[1]));
  if (!(out->barrier_kT >= 0.0)) out->barrier_kT = 0.0;
  return LIMEN_OK;
}
