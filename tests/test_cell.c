/* SPDX-License-Identifier: GPL-3.0-or-later
 * The physical memory cell (theory §2): potentials, stationary points, Kramers rate, exact
 * MFPT against an independent integration, escape rate, retention barrier, bad input. */
#include <criterion/criterion.h>
#include <gsl/gsl_poly.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static const double PI = 3.14159265358979323846;

static limen_well quartic(double E, double f) {
  limen_well w = {LIMEN_WELL_QUARTIC, E, f, 0};
  return w;
}

static limen_well washboard(double E, double f, int M) {
  limen_well w = {LIMEN_WELL_WASHBOARD, E, f, M};
  return w;
}

/* ---- potentials ------------------------------------------------------------------ */

Test(potential, quartic_closed_forms) {
  limen_well w = quartic(7.5, 1.25);
  double x = 0.3;
  double U = 7.5 * pow(x * x - 1.0, 2) - 1.25 * x;
  cr_assert(tu_close_rel(limen_well_energy(&w, x), U, 1e-14));
  cr_assert(tu_close_rel(limen_well_force(&w, x), -(30.0 * x * (x * x - 1.0) - 1.25), 1e-14));
  cr_assert(tu_close_rel(limen_well_curvature(&w, x), 30.0 * (3 * x * x - 1.0), 1e-14));
}

Test(potential, derivatives_match_finite_differences) {
  limen_well ws[2] = {quartic(3.0, 0.7), washboard(4.0, 1.1, 4)};
  for (int k = 0; k < 2; k++) {
    for (double x = -0.4; x < 1.4; x += 0.13) {
      double h = 1e-5;
      double d1 = (limen_well_energy(&ws[k], x + h) - limen_well_energy(&ws[k], x - h)) / (2 * h);
      double d2 = (limen_well_force(&ws[k], x - h) - limen_well_force(&ws[k], x + h)) / (2 * h);
      cr_assert(fabs(-limen_well_force(&ws[k], x) - d1) < 1e-7, "U' at x = %g", x);
      cr_assert(fabs(limen_well_curvature(&ws[k], x) - d2) < 1e-6, "U'' at x = %g", x);
    }
  }
}

Test(potential, washboard_walls_and_nan) {
  limen_well w = washboard(4.0, 0.0, 3);
  cr_assert(isinf(limen_well_energy(&w, -0.6)));
  cr_assert(isinf(limen_well_energy(&w, 2.6)));
  cr_assert(isfinite(limen_well_energy(&w, 2.4)));
  cr_assert(!isnan(limen_well_energy(&w, NAN)));
  cr_assert(!isnan(limen_well_force(&w, NAN)));
  cr_assert(!isnan(limen_well_curvature(&w, NAN)));
  cr_assert(tu_close_rel(limen_quartic_critical_tilt(10.0), 80.0 / (3.0 * sqrt(3.0)), 1e-15));
}

/* ---- stationary points ----------------------------------------------------------- */

Test(extrema, quartic_matches_cubic_roots) {
  double cases[][2] = {{2.0, 0.0}, {10.0, 3.0}, {50.0, -20.0}, {58.0, 80.0}, {0.5, 0.3}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    limen_well w = quartic(cases[i][0], cases[i][1]);
    limen_well_extrema ex;
    limen_error e;
    cr_assert_eq(limen_well_extrema_find(&w, NULL, &ex, &e), 0, "%s", e.msg);
    double r[3];
    int n = gsl_poly_solve_cubic(0.0, -1.0, -w.tilt_kT / (4.0 * w.barrier_kT), &r[0], &r[1], &r[2]);
    cr_assert_eq(n, 3);
    cr_assert(fabs(ex.x_min - r[0]) < 1e-10, "x_min %.15g vs %.15g", ex.x_min, r[0]);
    cr_assert(fabs(ex.x_barrier - r[1]) < 1e-10, "x_b %.15g vs %.15g", ex.x_barrier, r[1]);
    cr_assert(fabs(ex.x_next - r[2]) < 1e-10);
    double dU = limen_well_energy(&w, r[1]) - limen_well_energy(&w, r[0]);
    cr_assert(fabs(ex.barrier_kT - dU) < 1e-10 * fmax(1.0, dU));
  }
}

Test(extrema, untilted_quartic_exact) {
  limen_well w = quartic(12.0, 0.0);
  limen_well_extrema ex;
  cr_assert_eq(limen_well_extrema_find(&w, NULL, &ex, NULL), 0);
  cr_assert(fabs(ex.x_min + 1.0) < 1e-12);
  cr_assert(fabs(ex.x_barrier) < 1e-12);
  cr_assert(tu_close_rel(ex.barrier_kT, 12.0, 1e-12));
  cr_assert(tu_close_rel(ex.curv_min, 96.0, 1e-10));
  cr_assert(tu_close_rel(ex.curv_barrier, 48.0, 1e-10));
}

Test(extrema, washboard_matches_arcsine) {
  double E = 6.0, f = 4.0;
  limen_well w = washboard(E, f, 4);
  limen_well_extrema ex;
  cr_assert_eq(limen_well_extrema_find(&w, NULL, &ex, NULL), 0);
  double xm = asin(f / (PI * E)) / (2 * PI);
  cr_assert(fabs(ex.x_min - xm) < 1e-12);
  cr_assert(fabs(ex.x_barrier - (0.5 - xm)) < 1e-12);
  cr_assert(fabs(ex.x_next - (1.0 + xm)) < 1e-12);
  double c = sqrt(1.0 - pow(f / (PI * E), 2));
  cr_assert(tu_close_rel(ex.curv_min, 2 * PI * PI * E * c, 1e-10));
  cr_assert(tu_close_rel(ex.curv_barrier, 2 * PI * PI * E * c, 1e-10));
}

Test(extrema, barrier_vanishes_at_critical_tilt) {
  limen_error e;
  limen_well w = quartic(10.0, limen_quartic_critical_tilt(10.0));
  cr_assert_eq(limen_well_extrema_find(&w, NULL, &(limen_well_extrema){0}, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "tilt_kT") != NULL, "%s", e.msg);
  limen_well wb = washboard(2.0, 2.0 * PI + 0.01, 3);
  cr_assert_eq(limen_well_extrema_find(&wb, NULL, &(limen_well_extrema){0}, &e), LIMEN_EINVAL);
}

/* ---- Kramers --------------------------------------------------------------------- */

Test(kramers, untilted_quartic_closed_form) {
  double Es[] = {1.0, 5.0, 20.0, 58.0, 300.0};
  for (int i = 0; i < 5; i++) {
    limen_well w = quartic(Es[i], 0.0);
    double r, lr;
    cr_assert_eq(limen_kramers_rate(&w, NULL, &r, NULL), 0);
    cr_assert_eq(limen_kramers_log_rate(&w, NULL, &lr, NULL), 0);
    double ref = 2.0 * sqrt(2.0) * Es[i] / PI * exp(-Es[i]);
    cr_assert(tu_close_rel(r, ref, 1e-10), "E = %g: %.15g vs %.15g", Es[i], r, ref);
    cr_assert(fabs(lr - log(ref)) < 1e-10 * fabs(log(ref)));
  }
  /* beyond the range of exp: the log form stays exact */
  limen_well w = quartic(2000.0, 0.0);
  double lr;
  cr_assert_eq(limen_kramers_log_rate(&w, NULL, &lr, NULL), 0);
  cr_assert(tu_close_rel(lr, log(2.0 * sqrt(2.0) * 2000.0 / PI) - 2000.0, 1e-12));
}

/* ---- exact MFPT against an independent integration --------------------------------- */

/* T = ∫_{x0}^{b} dy ∫_{L}^{y} dz e^{U(y) − U(z)} by cumulative trapezoids on n and 2n
 * points with one Richardson step (O(h⁴)); the inner integral is accumulated in logs. */
static double logaddexp(double a, double b) {
  if (a == -HUGE_VAL) return b;
  double m = fmax(a, b);
  return m + log(exp(a - m) + exp(b - m));
}

static double mfpt_trapezoid_n(const limen_well *w, double L, double x0, double b, int n) {
  double h = (b - L) / n;
  double *U = malloc((size_t)(n + 1) * sizeof *U);
  double *lg = malloc((size_t)(n + 1) * sizeof *lg); /* ln[e^{U(y)} I(y)] */
  double logI = -HUGE_VAL, S = -HUGE_VAL;
  for (int i = 0; i <= n; i++) {
    U[i] = limen_well_energy(w, L + i * h);
    if (i > 0) logI = logaddexp(logI, log(0.5 * h) + logaddexp(-U[i - 1], -U[i]));
    lg[i] = U[i] + logI;
    if (L + i * h >= x0 - 1e-12 && i > 0) S = fmax(S, lg[i]);
  }
  double T = 0.0;
  for (int i = 1; i <= n; i++)
    if (L + i * h > x0 + 1e-12) T += 0.5 * h * (exp(lg[i - 1] - S) + exp(lg[i] - S));
  free(U);
  free(lg);
  return T * exp(S);
}

static double mfpt_independent(const limen_well *w, double L, double x0, double b, int n) {
  /* the grid must contain x0: choose n so that (x0 − L)/h is an integer */
  double t1 = mfpt_trapezoid_n(w, L, x0, b, n), t2 = mfpt_trapezoid_n(w, L, x0, b, 2 * n);
  return (4.0 * t2 - t1) / 3.0;
}

Test(mfpt, matches_independent_integration) {
  struct {
    limen_well w;
    double L, x0, b;
  } cases[] = {
      {{LIMEN_WELL_QUARTIC, 0.5, 0.0, 0}, -6.0, -1.0, 1.0},
      {{LIMEN_WELL_QUARTIC, 2.0, 0.0, 0}, -4.0, -1.0, 1.0},
      {{LIMEN_WELL_QUARTIC, 10.0, 0.0, 0}, -3.0, -1.0, 1.0},
      {{LIMEN_WELL_QUARTIC, 10.0, 6.0, 0}, -3.0, -1.0, 1.5},
      {{LIMEN_WELL_QUARTIC, 40.0, 0.0, 0}, -2.0, -1.0, 1.0},
      {{LIMEN_WELL_QUARTIC, 80.0, 0.0, 0}, -2.0, -1.0, 1.0},
      {{LIMEN_WELL_QUARTIC, 5.0, 20.0, 0}, -3.0, -1.0, 1.0},
      {{LIMEN_WELL_QUARTIC, 5.0, 1000.0, 0}, -2.0, -1.0, 3.5}, /* far beyond f_c: drift */
      {{LIMEN_WELL_WASHBOARD, 4.0, 0.0, 3}, -0.5, 0.0, 1.0},
      {{LIMEN_WELL_WASHBOARD, 8.0, 3.0, 4}, -0.5, 0.0, 2.0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    limen_error e;
    double T;
    cr_assert_eq(limen_mfpt(&cases[i].w, cases[i].x0, cases[i].b, NULL, &T, &e), 0, "%s", e.msg);
    /* grid with x0 on a node: (x0 − L) is an integer multiple of 0.5 in every case */
    int n = (int)llround((cases[i].b - cases[i].L) / 0.5) * 8000;
    double ref = mfpt_independent(&cases[i].w, cases[i].L, cases[i].x0, cases[i].b, n);
    cr_log_info("case %zu: E = %g, f = %g: T = %.12g, independent %.12g, rel %.2e", i,
                cases[i].w.barrier_kT, cases[i].w.tilt_kT, T, ref, fabs(T / ref - 1));
    cr_assert(tu_close_rel(T, ref, 1e-6), "case %zu: T = %.12g vs %.12g", i, T, ref);
  }
}

Test(mfpt, kramers_ratio_tends_to_one) {
  /* r_K·T = 1 + 3/(8E_b) + O(E_b⁻²) for the untilted quartic well (Laplace expansion). */
  double Es[] = {10.0, 20.0, 40.0, 80.0};
  double prev_dev = HUGE_VAL, prev_res = HUGE_VAL;
  for (int i = 0; i < 4; i++) {
    limen_well w = quartic(Es[i], 0.0);
    double r, T;
    cr_assert_eq(limen_kramers_rate(&w, NULL, &r, NULL), 0);
    cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, NULL, &T, NULL), 0);
    double dev = r * T - 1.0;
    double res = fabs(Es[i] * dev - 0.375);
    cr_log_info("E_b = %g: r_K*T = %.10f, E_b*(r_K*T - 1) = %.6f", Es[i], r * T, Es[i] * dev);
    cr_assert(dev > 0.0 && dev < prev_dev, "deviation must decrease: %g", dev);
    cr_assert(res < 0.7 / Es[i], "E_b = %g: E*(ratio-1) = %.6f, expected 3/8 + O(1/E)", Es[i],
              Es[i] * dev);
    cr_assert(res < prev_res);
    prev_dev = dev;
    prev_res = res;
  }
}

Test(mfpt, washboard_kramers_ratio) {
  /* untilted washboard: r_K = π E_b e^{−E_b}; the MFPT to the next level tends to 1/r_K */
  double E = 40.0;
  limen_well w = washboard(E, 0.0, 2);
  double r, T;
  cr_assert_eq(limen_kramers_rate(&w, NULL, &r, NULL), 0);
  cr_assert(tu_close_rel(r, PI * E * exp(-E), 1e-10));
  cr_assert_eq(limen_mfpt(&w, 0.0, 1.0, NULL, &T, NULL), 0);
  cr_assert(fabs(r * T - 1.0) < 1.0 / E, "r_K*T = %.8f", r * T);
}

Test(kramers, tilted_washboard_closed_form) {
  /* s = f/(πE): minimum at asin(s)/2π, top at ½ − asin(s)/2π, curvatures ±2π²E√(1 − s²),
   * ΔU = E√(1 − s²) − f(½ − asin(s)/π) */
  double E = 12.0, f = 9.0, s = f / (PI * E), c = sqrt(1.0 - s * s);
  limen_well w = washboard(E, f, 8);
  double r;
  cr_assert_eq(limen_kramers_rate(&w, NULL, &r, NULL), 0);
  double dU = E * c - f * (0.5 - asin(s) / PI);
  double ref = 2.0 * PI * PI * E * c / (2.0 * PI) * exp(-dU);
  cr_assert(tu_close_rel(r, ref, 1e-10), "%.15g vs %.15g", r, ref);
}

Test(escape, washboard_continuous_across_critical_tilt) {
  double E = 3.0, fc = PI * E, lr[2];
  for (int k = 0; k < 2; k++) {
    limen_well w = washboard(E, fc * (k ? 1.0 + 1e-9 : 1.0 - 1e-9), 4);
    const char *m;
    limen_error e;
    cr_assert_eq(limen_escape_log_rate(&w, NULL, &lr[k], &m, &e), 0, "%s", e.msg);
    cr_assert_str_eq(m, "mfpt");
  }
  cr_assert(fabs(lr[1] - lr[0]) < 1e-4, "ln r jumps by %g at pi*E", lr[1] - lr[0]);
}

Test(mfpt, log_form_beyond_double_range) {
  limen_well w = quartic(1000.0, 0.0);
  double lt, lr;
  cr_assert_eq(limen_mfpt_log(&w, -1.0, 1.0, NULL, &lt, NULL), 0);
  cr_assert_eq(limen_kramers_log_rate(&w, NULL, &lr, NULL), 0);
  cr_assert(fabs(lt + lr - log1p(0.375 / 1000.0)) < 1e-6, "ln(r_K T) = %g", lt + lr);
  limen_error e;
  double T;
  cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, NULL, &T, &e), LIMEN_ERANGE);
}

/* ---- escape rate ----------------------------------------------------------------- */

Test(escape, method_switches_at_kramers_min_barrier) {
  limen_well w = quartic(20.0, 0.0);
  double r;
  const char *m = NULL;
  cr_assert_eq(limen_escape_rate(&w, NULL, &r, &m, NULL), 0);
  cr_assert_str_eq(m, "kramers");
  w.barrier_kT = 3.0;
  cr_assert_eq(limen_escape_rate(&w, NULL, &r, &m, NULL), 0);
  cr_assert_str_eq(m, "mfpt");
  double T;
  cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, NULL, &T, NULL), 0);
  cr_assert(tu_close_rel(r, 1.0 / T, 1e-12));
  /* beyond the critical tilt there is no barrier: exact MFPT */
  w.barrier_kT = 20.0;
  w.tilt_kT = 1.2 * limen_quartic_critical_tilt(20.0);
  cr_assert_eq(limen_escape_rate(&w, NULL, &r, &m, NULL), 0);
  cr_assert_str_eq(m, "mfpt");
  cr_assert(r > 0.0 && isfinite(r));
}

Test(escape, precision_knobs_select_the_method) {
  limen_precision p = limen_precision_default();
  limen_well w = quartic(20.0, 0.0);
  double r1, r2, T;
  const char *m;
  p.kramers_min_barrier_kT = 25.0; /* exact MFPT up to 25 kT */
  cr_assert_eq(limen_escape_rate(&w, &p, &r1, &m, NULL), 0);
  cr_assert_str_eq(m, "mfpt");
  cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, NULL, &T, NULL), 0);
  cr_assert(tu_close_rel(r1, 1.0 / T, 1e-9));
  p.kramers_min_barrier_kT = 0.0; /* Kramers everywhere a barrier exists */
  w.barrier_kT = 2.0;
  cr_assert_eq(limen_escape_rate(&w, &p, &r2, &m, NULL), 0);
  cr_assert_str_eq(m, "kramers");
  cr_assert(tu_close_rel(r2, 4.0 * sqrt(2.0) / PI * exp(-2.0), 1e-10));
  /* a looser quadrature tolerance moves the MFPT by no more than that tolerance */
  p = limen_precision_default();
  p.quad_epsrel = 1e-6;
  double Tl;
  w.barrier_kT = 20.0;
  cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, &p, &Tl, NULL), 0);
  cr_assert(tu_close_rel(Tl, T, 1e-6));
}

Test(escape, mfpt_branch_increases_with_tilt) {
  double E = 58.0, fc = limen_quartic_critical_tilt(E), prev = -HUGE_VAL;
  for (double f = 0.5 * fc; f < 3.0 * fc; f += 0.05 * fc) {
    limen_well w = quartic(E, f);
    double lr;
    const char *m;
    cr_assert_eq(limen_escape_log_rate(&w, NULL, &lr, &m, NULL), 0);
    if (strcmp(m, "mfpt") == 0) {
      cr_assert(lr > prev, "f = %g: ln r = %g after %g", f, lr, prev);
      prev = lr;
    }
  }
}

/* ---- retention ------------------------------------------------------------------- */

Test(retention, defaults_give_58_kT) {
  double tau = 10.0 * LIMEN_SECONDS_PER_YEAR / 1e-9, p = 1e-6, E;
  limen_error e;
  cr_assert_eq(limen_retention_barrier(tau, p, NULL, &E, &e), 0, "%s", e.msg);
  /* the equation: ln(2√2E/π) − E + ln τ = ln(−ln(1 − p)) */
  double res = log(2.0 * sqrt(2.0) * E / PI) - E + log(tau) - log(-log1p(-p));
  cr_log_info("E_ret = %.12f kT, residual %.3e", E, res);
  cr_assert(fabs(res) < 1e-10 * E, "residual %g", res);
  cr_assert(E > 57.5 && E < 58.5, "E_ret = %g", E);
}

Test(retention, monotone_in_time_and_probability) {
  double prev = 0.0;
  for (double tau = 1e3; tau < 1e30; tau *= 100.0) {
    double E;
    cr_assert_eq(limen_retention_barrier(tau, 1e-6, NULL, &E, NULL), 0);
    cr_assert(E > prev, "tau = %g: %g after %g", tau, E, prev);
    prev = E;
  }
  prev = HUGE_VAL;
  for (double p = 1e-12; p < 0.5; p *= 10.0) {
    double E;
    cr_assert_eq(limen_retention_barrier(1e17, p, NULL, &E, NULL), 0);
    cr_assert(E < prev);
    prev = E;
  }
}

Test(retention, low_barrier_uses_exact_mfpt) {
  /* a short requirement lands below the Kramers switch: the MFPT branch solves it */
  double E, tau = 2.0, p = 0.1;
  limen_error e;
  cr_assert_eq(limen_retention_barrier(tau, p, NULL, &E, &e), 0, "%s", e.msg);
  cr_assert(E >= 1.0 && E < 5.0, "E = %g", E);
  limen_well w = quartic(E, 0.0);
  double T;
  cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, NULL, &T, NULL), 0);
  cr_assert(tu_close_rel(tau / T, -log1p(-p), 1e-9), "%g vs %g", tau / T, -log1p(-p));
  cr_assert_eq(limen_retention_barrier(1e-3, 0.5, NULL, &E, &e), LIMEN_ERANGE);
}

/* ---- bad input and numerical failures ---------------------------------------------- */

static void expect_einval(int rc, const limen_error *e, const char *field) {
  cr_assert_eq(rc, LIMEN_EINVAL, "expected EINVAL for %s, got %d (%s)", field, rc, e->msg);
  cr_assert(strstr(e->msg, field) != NULL, "message must name %s: %s", field, e->msg);
}

Test(errors, bad_wells_are_rejected) {
  limen_error e;
  limen_well_extrema ex;
  double r, T;
  limen_well w = quartic(NAN, 0.0);
  expect_einval(limen_well_extrema_find(&w, NULL, &ex, &e), &e, "barrier_kT");
  w = quartic(-3.0, 0.0);
  expect_einval(limen_kramers_rate(&w, NULL, &r, &e), &e, "barrier_kT");
  w = quartic(2e4, 0.0);
  expect_einval(limen_escape_rate(&w, NULL, &r, NULL, &e), &e, "barrier_kT");
  w = quartic(5.0, INFINITY);
  expect_einval(limen_mfpt(&w, -1.0, 1.0, NULL, &T, &e), &e, "tilt_kT");
  w = washboard(5.0, 0.0, 1);
  expect_einval(limen_mfpt(&w, 0.0, 0.5, NULL, &T, &e), &e, "levels");
  w.kind = (limen_well_kind)7;
  expect_einval(limen_well_check(&w, &e), &e, "kind");
  w = washboard(5.0, 0.0, 3);
  expect_einval(limen_mfpt(&w, 0.0, 3.0, NULL, &T, &e), &e, "b");
  expect_einval(limen_mfpt(&w, -0.7, 1.0, NULL, &T, &e), &e, "x0");
  w = quartic(5.0, 0.0);
  expect_einval(limen_mfpt(&w, 1.0, 1.0, NULL, &T, &e), &e, "b");
  expect_einval(limen_mfpt(&w, NAN, 1.0, NULL, &T, &e), &e, "x0");
  expect_einval(limen_mfpt(NULL, -1.0, 1.0, NULL, &T, &e), &e, "well");
  w = quartic(5.0, -limen_quartic_critical_tilt(5.0) * 1.5);
  expect_einval(limen_escape_rate(&w, NULL, &r, NULL, &e), &e, "tilt_kT");
}

Test(errors, bad_retention_inputs) {
  limen_error e;
  double E;
  expect_einval(limen_retention_barrier(-1.0, 1e-6, NULL, &E, &e), &e, "tau_ret_over_tau0");
  expect_einval(limen_retention_barrier(NAN, 1e-6, NULL, &E, &e), &e, "tau_ret_over_tau0");
  expect_einval(limen_retention_barrier(1e17, 0.0, NULL, &E, &e), &e, "p_ret");
  expect_einval(limen_retention_barrier(1e17, 1.0, NULL, &E, &e), &e, "p_ret");
  expect_einval(limen_retention_barrier(1e17, 1e-6, NULL, NULL, &e), &e, "barrier_kT");
  cr_assert_eq(limen_retention_barrier(1e300, 1e-300, NULL, &E, &e), 0, "%s", e.msg);
}

Test(errors, bad_precision_is_rejected) {
  limen_error e;
  limen_precision p = limen_precision_default();
  p.quad_epsrel = -1.0;
  limen_well w = quartic(5.0, 0.0);
  double T;
  expect_einval(limen_mfpt(&w, -1.0, 1.0, &p, &T, &e), &e, "quad_epsrel");
  p = limen_precision_default();
  p.root_epsrel = NAN;
  double E;
  expect_einval(limen_retention_barrier(1e17, 1e-6, &p, &E, &e), &e, "root_epsrel");
  p = limen_precision_default();
  p.quad_round_slack = 0.5; /* must be ≥ 1: never accept less than was asked for */
  expect_einval(limen_mfpt(&w, -1.0, 1.0, &p, &T, &e), &e, "quad_round_slack");
  p = limen_precision_default();
  p.quad_tail_kT = 0.0;
  expect_einval(limen_mfpt(&w, -1.0, 1.0, &p, &T, &e), &e, "quad_tail_kT");
}

Test(errors, gsl_failures_become_enumeric) {
  limen_error e;
  limen_precision p = limen_precision_default();
  p.quad_epsabs = 0.0;
  p.quad_epsrel = 1e-17; /* below what QAG accepts without an absolute tolerance */
  limen_well w = quartic(5.0, 0.0);
  double T = -1.0;
  int rc = limen_mfpt(&w, -1.0, 1.0, &p, &T, &e);
  cr_assert_eq(rc, LIMEN_ENUMERIC, "%d: %s", rc, e.msg);
  cr_assert(strstr(e.msg, "quadrature") != NULL, "%s", e.msg);
  cr_assert_eq(T, -1.0, "output untouched on failure");
  p = limen_precision_default();
  p.root_max_iter = 1;
  double E;
  rc = limen_retention_barrier(1e17, 1e-6, &p, &E, &e);
  cr_assert_eq(rc, LIMEN_ENUMERIC, "%d: %s", rc, e.msg);
  cr_assert(strstr(e.msg, "Brent") != NULL, "%s", e.msg);
}
