/* SPDX-License-Identifier: GPL-3.0-or-later
 * potential.c: the static potentials of the memory cell (theory §2), in units of kT, a, τ₀.
 *
 *   quartic double well   U(x) = E_b (x² − 1)² − f x,
 *                         U'(x) = 4E_b x (x² − 1) − f,   U''(x) = 4E_b (3x² − 1);
 *                         the barrier vanishes at |f| = f_c = 8E_b/(3√3)  (U' = U'' = 0 at
 *                         x = ∓1/√3);
 *   washboard             U(x) = (E_b/2)(1 − cos 2πx) − f x  on [−½, M − ½], hard walls,
 *                         U'(x) = πE_b sin 2πx − f,   U''(x) = 2π²E_b cos 2πx;
 *                         the barrier vanishes at |f| = πE_b.
 * Outside the washboard's walls the energy is +∞ (HUGE_VAL) and the force 0. */
#include <gsl/gsl_poly.h>
#include <math.h>

#include "cell/internal.h"

static int washboard_outside(const limen_well *w, double x) {
  return x < -0.5 || x > (double)w->levels - 0.5;
}

double limen_well_energy(const limen_well *w, double x) {
  if (!w || !isfinite(x)) return HUGE_VAL;
  double E = w->barrier_kT, f = w->tilt_kT;
  if (w->kind == LIMEN_WELL_WASHBOARD) {
    if (washboard_outside(w, x)) return HUGE_VAL;
    return 0.5 * E * (1.0 - cos(2.0 * LIMEN_PI * x)) - f * x;
  }
  double s = x * x - 1.0;
  return E * s * s - f * x;
}

double limen_well_force(const limen_well *w, double x) {
  if (!w || !isfinite(x)) return 0.0;
  double E = w->barrier_kT, f = w->tilt_kT;
  if (w->kind == LIMEN_WELL_WASHBOARD) {
    if (washboard_outside(w, x)) return 0.0;
    return -(LIMEN_PI * E * sin(2.0 * LIMEN_PI * x) - f);
  }
  return -(4.0 * E * x * (x * x - 1.0) - f);
}

double limen_well_curvature(const limen_well *w, double x) {
  if (!w || !isfinite(x)) return 0.0;
  double E = w->barrier_kT;
  if (w->kind == LIMEN_WELL_WASHBOARD) {
    if (washboard_outside(w, x)) return 0.0;
    return 2.0 * LIMEN_PI * LIMEN_PI * E * cos(2.0 * LIMEN_PI * x);
  }
  return 4.0 * E * (3.0 * x * x - 1.0);
}

double limen_quartic_critical_tilt(double barrier_kT) {
  if (!isfinite(barrier_kT) || barrier_kT < 0) return 0.0;
  return 8.0 * barrier_kT / (3.0 * sqrt(3.0));
}

double limen_washboard_critical_tilt(double barrier_kT) {
  if (!isfinite(barrier_kT) || barrier_kT < 0) return 0.0;
  return LIMEN_PI * barrier_kT;
}

double limen_well_critical_tilt(const limen_well *w) {
  if (!w) return 0.0;
  return w->kind == LIMEN_WELL_WASHBOARD ? limen_washboard_critical_tilt(w->barrier_kT)
                                         : limen_quartic_critical_tilt(w->barrier_kT);
}


int limen_cell_check_well(const limen_well *w, const char *func, limen_error *err) {
  if (!w) return limen_error_set(err, LIMEN_EINVAL, func, "well: must not be NULL");
  if (w->kind != LIMEN_WELL_QUARTIC && w->kind != LIMEN_WELL_WASHBOARD)
    return limen_error_set(err, LIMEN_EINVAL, func,
                           "well.kind = %d: allowed values 0 (quartic), 1 (washboard)",
                           (int)w->kind);
  int rc = limen_check_range(err, func, "barrier_kT", w->barrier_kT, 0.0, 1,
                             LIMEN_CELL_MAX_BARRIER_KT, 0);
  if (rc) return rc;
  rc = limen_check_range(err, func, "tilt_kT", w->tilt_kT, -LIMEN_CELL_MAX_TILT_KT, 0,
                         LIMEN_CELL_MAX_TILT_KT, 0);
  if (rc) return rc;
  if (w->kind == LIMEN_WELL_WASHBOARD)
    return limen_check_range(err, func, "levels", (double)w->levels, 2.0, 0,
                             (double)LIMEN_CELL_MAX_LEVELS, 0);
  return LIMEN_OK;
}

int limen_well_check(const limen_well *w, limen_error *err) {
  return limen_cell_check_well(w, __func__, err);
}

int limen_quartic_stationary(double barrier_kT, double tilt_kT, double x[3]) {
  /* x³ − x − f/(4E) = 0 */
  /* GSL returns the roots ascending; a double root at the critical tilt is harmless here */
  int n = gsl_poly_solve_cubic(0.0, -1.0, -tilt_kT / (4.0 * barrier_kT), &x[0], &x[1], &x[2]);
  return n == 3 ? 3 : 1;
}

int limen_cell_stationary_in(const limen_well *w, double lo, double hi, double *x, int *is_max,
                             int cap) {
  int n = 0;
  if (w->kind == LIMEN_WELL_QUARTIC) {
    double r[3];
    int m = limen_quartic_stationary(w->barrier_kT, w->tilt_kT, r);
    for (int i = 0; i < m; i++) {
      if (r[i] <= lo || r[i] >= hi) continue;
      if (n >= cap) return -1;
      x[n] = r[i];
      is_max[n] = (m == 3 && i == 1);
      n++;
    }
    return n;
  }
  double s = w->tilt_kT / (LIMEN_PI * w->barrier_kT);
  if (fabs(s) >= 1.0) return 0;
  double xm = asin(s) / (2.0 * LIMEN_PI); /* minima at xm + k, maxima at ½ − xm + k */
  double xb = 0.5 - xm;
  double wlo = fmax(lo, -0.5), whi = fmin(hi, (double)w->levels - 0.5);
  long k0 = (long)floor(wlo) - 1, k1 = (long)ceil(whi) + 1;
  for (long k = k0; k <= k1; k++) {
    double c[2] = {xm + (double)k, xb + (double)k};
    for (int j = 0; j < 2; j++) {
      if (c[j] <= wlo || c[j] >= whi) continue;
      if (n >= cap) return -1;
      x[n] = c[j];
      is_max[n] = j;
      n++;
    }
  }
  return n;
}
