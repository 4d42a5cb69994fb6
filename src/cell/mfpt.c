/* SPDX-License-Identifier: GPL-3.0-or-later
 * mfpt.c: exact mean first-passage time of the overdamped cell (theory §2), reflecting on the
 * left (at −∞ for the quartic well, at the wall x = −½ for the washboard), absorbing at b:
 *
 *   T(x0 → b) = ∫_{x0}^{b} dy ∫_{L}^{y} dz e^{U(y) − U(z)}          (units τ₀, U in kT).
 *
 * limen_cell_mfpt_log evaluates it in one pass of cumulative quadrature (mfpt_fast.c, error
 * ≤ 0.12·quad_epsrel) wherever that applies; the nested form below is the reference, and the
 * method where U varies by more than 2e4 kT over the interval (very strong tilts).  Known limit
 * of the nested form: with b high on a steep wall (U(b) − min U of several 10³ kT) the outer
 * integrand's peak at b, of width 1/U'(b), can escape QAG, which then returns T too small (by
 * factors near e^{−40} at U(b) ≈ 1.5e4 kT in random tests) or fails on a zero integral; the
 * one-pass form has no such limit.
 *
 * Numerics.  The double integral is evaluated as nested GSL adaptive quadrature (QAGP, with
 * the stationary points as breakpoints) of the combined exponent U(y) − U(z) − S, where
 *   S = max_{x0 ≤ y ≤ b} [U(y) − min_{L ≤ z ≤ y} U(z)]
 * is found from the stationary points (a maximum of U(y) − running min lies at a local
 * maximum of U or at b).  Every integrand value is then ≤ 1, the dominant region is O(1),
 * and T = e^S·I with I the scaled integral: no overflow for any barrier, and ln T is
 * returned exactly even when T itself does not fit in a double.  For the quartic well the
 * inner integral is cut where U(z) exceeds the lowest relevant minimum by 250 kT (the
 * neglected tail is below e^{−250} relative).
 * As E_b → ∞ the untilted quartic well gives r_K·T = 1 + 3/(8E_b) + O(E_b⁻²) (Laplace
 * expansion of both integrals: 3/(16E_b) from the well, 3/(16E_b) from the barrier).
 * References: P. Hänggi, P. Talkner, M. Borkovec, Rev. Mod. Phys. 62, 251 (1990), eq. (4.6);
 * C. W. Gardiner, Handbook of Stochastic Methods, §5.2.7. */
#include <math.h>
#include <stdlib.h>

#include "cell/internal.h"

typedef struct {
  limen_well w;
  limen_precision p;
  double L;        /* lower (reflecting) limit of the inner integral */
  double S;        /* scale of the combined exponent                 */
  double y;        /* the current outer node                          */
  const double *st; /* stationary points in (L, b), ascending         */
  int nst;
  double *ipts; /* scratch for the inner breakpoints */
  double inner_epsrel; /* tighter than the outer tolerance: nested noise */
  int failed;
  limen_error *err;
} mfpt_ctx;

/* U(y) − U(z) without cancellation between large values of U (strong tilts):
 * quartic (y − z)[E(y + z)(y² + z² − 2) − f]; washboard E sin π(y+z) sin π(y−z) − f(y − z). */
static double energy_diff(const limen_well *w, double y, double z) {
  double E = w->barrier_kT, f = w->tilt_kT, d = y - z;
  if (w->kind == LIMEN_WELL_WASHBOARD)
    return E * sin(LIMEN_PI * (y + z)) * sin(LIMEN_PI * d) - f * d;
  return d * (E * (y + z) * (y * y + z * z - 2.0) - f);
}

static double inner_fn(double z, void *vp) {
  const mfpt_ctx *c = vp;
  return exp(energy_diff(&c->w, c->y, z) - c->S);
}

static double outer_fn(double y, void *vp) {
  mfpt_ctx *c = vp;
  if (c->failed) return 0.0;
  c->y = y;
  /* breakpoints: the stationary points below y, then y − d with d = 40/|U'(y)| so that the
   * boundary layer e^{−|U'(y)|(y − z)} of a steep slope is resolved (it may be far thinner
   * than the distance from y to the nearest Gauss–Kronrod node of a wide interval). */
  double *pts = c->ipts; /* capacity nst + 1 */
  size_t n = 0;
  double slope = fabs(limen_well_force(&c->w, y));
  double d = slope > 0.0 ? 40.0 / slope : HUGE_VAL;
  double cut = y - d;
  for (int i = 0; i < c->nst && c->st[i] < y; i++) {
    if (c->st[i] >= cut) continue; /* inside the boundary layer piece */
    pts[n++] = c->st[i];
  }
  if (cut > c->L && (n == 0 || cut > pts[n - 1])) pts[n++] = cut;
  double r;
  int rc = limen_numeric_quad(inner_fn, c, c->L, y, pts, n, c->p.quad_epsabs * 1e-2, c->inner_epsrel,
                           &c->p, &r, "limen_mfpt", "inner integral", c->err);
  if (rc) {
    c->failed = rc;
    return 0.0;
  }
  return r;
}

/* Lower cut for the quartic: U(z) − U_ref ≥ tail_kT (prec.quad_tail_kT) with z left of
 * every minimum. */
static double quartic_cut(const limen_well *w, double zref, double tail_kT) {
  double Uref = limen_well_energy(w, zref);
  double d = 0.25;
  while (limen_well_energy(w, zref - d) - Uref < tail_kT && d < 1e6) d *= 2.0;
  return zref - d;
}

int limen_cell_mfpt_log_nested(const limen_well *w, double x0, double b,
                               const limen_precision *prec, double *log_t, limen_error *err) {
  mfpt_ctx c;
  c.w = *w;
  c.p = limen_numeric_prec(prec);
  c.inner_epsrel = fmax(1e-2 * c.p.quad_epsrel, 1e-13);
  c.failed = 0;
  c.err = err;
  int cap = w->kind == LIMEN_WELL_QUARTIC ? 3 : 2 * (int)(ceil(b) + 4.0) + 4;
  double *st = malloc((size_t)cap * sizeof *st);
  int *ismax = malloc((size_t)cap * sizeof *ismax);
  c.ipts = malloc(((size_t)cap + 1) * sizeof *c.ipts);
  if (!st || !ismax || !c.ipts) {
    free(st);
    free(ismax);
    free(c.ipts);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "stationary points");
  }
  if (w->kind == LIMEN_WELL_QUARTIC) {
    double r[3];
    limen_quartic_stationary(w->barrier_kT, w->tilt_kT, r);
    c.L = quartic_cut(w, fmin(x0, r[0]), c.p.quad_tail_kT);
  } else {
    c.L = -0.5;
  }
  int nst = limen_cell_stationary_in(w, c.L, b, st, ismax, cap);
  if (nst < 0) {
    free(st);
    free(ismax);
    free(c.ipts);
    return limen_error_set(err, LIMEN_EINTERNAL, __func__, "stationary point buffer too small");
  }
  /* S = max over y ∈ {x0, maxima in (x0, b), b} of U(y) − min_{[L, y]} U. */
  double run = limen_well_energy(w, c.L);
  double S = -HUGE_VAL;
  int i = 0;
  for (; i < nst && st[i] < x0; i++) run = fmin(run, limen_well_energy(w, st[i]));
  double U0 = limen_well_energy(w, x0);
  run = fmin(run, U0);
  S = fmax(S, U0 - run);
  int first_out = i; /* stationary points in (x0, b) start here */
  for (; i < nst; i++) {
    double Ui = limen_well_energy(w, st[i]);
    run = fmin(run, Ui);
    if (ismax[i]) S = fmax(S, Ui - run);
  }
  double Ub = limen_well_energy(w, b);
  run = fmin(run, Ub);
  S = fmax(S, Ub - run);
  c.S = S;
  c.st = st;
  c.nst = nst;
  double I = 0.0;
  int rc = limen_numeric_quad(outer_fn, &c, x0, b, st + first_out, (size_t)(nst - first_out),
                           c.p.quad_epsabs, c.p.quad_epsrel, &c.p, &I, __func__,
                           "outer integral", err);
  free(st);
  free(ismax);
  free(c.ipts);
  if (c.failed) return limen_error_wrap(err, LIMEN_ENUMERIC, __func__, "exact MFPT");
  if (rc) return rc;
  if (!(I > 0.0) || !isfinite(I))
    return limen_error_set(err, LIMEN_ENUMERIC, __func__,
                           "scaled MFPT integral = %.6g from x0 = %.10g to b = %.10g", I, x0, b);
  *log_t = S + log(I);
  return LIMEN_OK;
}

int limen_cell_mfpt_log(const limen_well *w, double x0, double b, const limen_precision *prec,
                        double *log_t, limen_error *err) {
  int done = 0;
  int rc = limen_cell_mfpt_log_fast(w, x0, b, prec, log_t, &done, err);
  if (rc || done) return rc;
  return limen_cell_mfpt_log_nested(w, x0, b, prec, log_t, err);
}

int limen_mfpt_log(const limen_well *w, double x0, double b, const limen_precision *prec,
                   double *log_t_tau0, limen_error *err) {
  if (limen_numeric_check_prec(prec, __func__, err)) return LIMEN_EINVAL;
  int rc = limen_cell_check_well(w, __func__, err);
  if (rc) return rc;
  if (!log_t_tau0) return limen_error_set(err, LIMEN_EINVAL, __func__, "log_t_tau0: must not be NULL");
  double lo = -1e6, hi = 1e6;
  if (w->kind == LIMEN_WELL_WASHBOARD) {
    lo = -0.5;
    hi = (double)w->levels - 0.5;
  }
  rc = limen_check_range(err, __func__, "x0", x0, lo, 0, hi, 1);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "b", b, x0, 1, hi, 0);
  if (rc) return rc;
  return limen_cell_mfpt_log(w, x0, b, prec, log_t_tau0, err);
}

int limen_mfpt(const limen_well *w, double x0, double b, const limen_precision *prec,
               double *t_tau0, limen_error *err) {
  if (!t_tau0) return limen_error_set(err, LIMEN_EINVAL, __func__, "t_tau0: must not be NULL");
  double lt;
  int rc = limen_mfpt_log(w, x0, b, prec, &lt, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "exact MFPT");
  if (lt > 709.0)
    return limen_error_set(err, LIMEN_ERANGE, __func__,
                           "MFPT = exp(%.6g) tau0 overflows a double; use limen_mfpt_log", lt);
  *t_tau0 = exp(lt);
  return LIMEN_OK;
}
