/* SPDX-License-Identifier: GPL-3.0-or-later
 * (S) static-barrier tilt write (theory §3): the crossing condition at f*, the work of the
 * tilt cycle against an independent integration, monotonicity, magnitudes, bad input. */
#include <criterion/criterion.h>
#include <gsl/gsl_poly.h>
#include <math.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static double e_ret_default(void) {
  double E;
  cr_assert_eq(limen_retention_barrier(10.0 * LIMEN_SECONDS_PER_YEAR / 1e-9, 1e-6, NULL, &E, NULL), 0);
  return E;
}

/* Real roots of x³ − x − f/(4E), ascending; returns the count. */
static int cubic(double E, double f, double r[3]) {
  return gsl_poly_solve_cubic(0.0, -1.0, -f / (4.0 * E), &r[0], &r[1], &r[2]);
}

/* ⟨x⟩ of e^{−U} on [a, b] by trapezoids (n and 2n, Richardson), U referenced at xm. */
static double mean_x_trap(const limen_well *w, double a, double b, double xm, int n) {
  double res[2];
  for (int k = 0; k < 2; k++) {
    int m = n << k;
    double h = (b - a) / m, z = 0.0, s = 0.0, U0 = limen_well_energy(w, xm);
    for (int i = 0; i <= m; i++) {
      double x = a + i * h, g = exp(-(limen_well_energy(w, x) - U0)) * ((i == 0 || i == m) ? 0.5 : 1.0);
      z += g;
      s += x * g;
    }
    res[k] = s / z;
  }
  return (4.0 * res[1] - res[0]) / 3.0;
}

Test(static_write, crossing_condition_holds_at_f_star) {
  double E = e_ret_default(), p = 1e-6;
  double taus[] = {1.0, 10.0, 100.0, 1e3, 1e4, 1e8};
  for (int i = 0; i < 6; i++) {
    limen_static_write s;
    limen_error e;
    cr_assert_eq(limen_static_write_cost(E, taus[i], p, NULL, &s, &e), 0, "%s", e.msg);
    limen_well w = {LIMEN_WELL_QUARTIC, E, s.tilt_kT, 0};
    double lr;
    const char *m;
    cr_assert_eq(limen_escape_log_rate(&w, NULL, &lr, &m, &e), 0, "%s", e.msg);
    cr_assert_str_eq(m, s.rate_method);
    double g = lr + log(taus[i]) - log(log(1.0 / p));
    cr_log_info("tau_w = %g: f* = %.10f (f_c = %.4f), barrier %.4f kT, %s, W = %.6f kT, 2f* = "
                "%.6f, g(f*) = %.2e",
                taus[i], s.tilt_kT, s.critical_tilt_kT, s.tilted_barrier_kT, s.rate_method,
                s.work_kT, s.approx_kT, g);
    /* Brent stops at |Δf| ≤ 1e-12 f; d ln r/df is O(1) here */
    cr_assert(fabs(g) < 1e-9, "tau_w = %g: ln(r tau_w / ln(1/p)) = %g", taus[i], g);
    cr_assert(tu_close_rel(s.rate_per_tau0 * taus[i], log(1.0 / p), 1e-9));
    if (strcmp(s.rate_method, "kramers") == 0)
      cr_assert(s.tilted_barrier_kT >= 5.0);
    else
      cr_assert(s.tilted_barrier_kT < 5.0 + 1e-9);
  }
}

Test(static_write, work_matches_independent_integration) {
  double E = e_ret_default();
  double taus[] = {1.0, 100.0, 1e4};
  for (int i = 0; i < 3; i++) {
    limen_static_write s;
    cr_assert_eq(limen_static_write_cost(E, taus[i], 1e-6, NULL, &s, NULL), 0);
    double f = s.tilt_kT, r[3];
    limen_well w0 = {LIMEN_WELL_QUARTIC, E, 0.0, 0}, wf = {LIMEN_WELL_QUARTIC, E, f, 0};
    double mL = mean_x_trap(&w0, -2.0, 0.0, -1.0, 200000);
    int n = cubic(E, f, r);
    double xn = r[n - 1], lo = n == 3 ? r[1] : xn - 1.0;
    double mR = mean_x_trap(&wf, lo, xn + 1.0, xn, 200000);
    double W = f * (mR - mL);
    cr_log_info("tau_w = %g: W = %.10f, independent %.10f, f*(1 + x_next) = %.6f", taus[i],
                s.work_kT, W, f * (1.0 + xn));
    cr_assert(tu_close_rel(s.work_kT, W, 1e-6), "%.10f vs %.10f", s.work_kT, W);
    /* thermal corrections to ⟨x⟩ in both wells are O(1/E_b) */
    cr_assert(fabs(s.work_kT / (f * (1.0 + xn)) - 1.0) < 2.0 / E);
  }
}

Test(static_write, magnitudes_and_monotonicity) {
  double E = e_ret_default();
  double prev = HUGE_VAL;
  for (double tau = 1.0; tau <= 1e3; tau *= 10.0) {
    limen_static_write s;
    cr_assert_eq(limen_static_write_cost(E, tau, 1e-6, NULL, &s, NULL), 0);
    cr_assert(s.work_kT > 100.0 && s.work_kT < 250.0, "tau_w = %g: e_S = %g kT", tau, s.work_kT);
    cr_assert(s.work_kT >= limen_landauer_kT());
    cr_assert(s.work_kT < prev, "e_S must fall as the write gets slower");
    /* W = f*(⟨x⟩_R − ⟨x⟩_L) with ⟨x⟩_R ≈ x_next(f*) ∈ (1, 2/√3]: within 10 % of 2f* */
    cr_assert(s.work_kT >= s.approx_kT && s.work_kT < 1.1 * s.approx_kT, "W = %g, 2f* = %g",
              s.work_kT, s.approx_kT);
    prev = s.work_kT;
  }
  limen_static_write fast, slow;
  cr_assert_eq(limen_static_write_cost(E, 1.0, 1e-6, NULL, &fast, NULL), 0);
  cr_assert_str_eq(fast.rate_method, "mfpt");
  cr_assert(fast.tilt_kT > fast.critical_tilt_kT && fast.tilted_barrier_kT == 0.0);
  cr_assert_eq(limen_static_write_cost(E, 1e4, 1e-6, NULL, &slow, NULL), 0);
  cr_assert_str_eq(slow.rate_method, "kramers");
  /* a stricter failure probability needs a larger tilt */
  limen_static_write strict;
  cr_assert_eq(limen_static_write_cost(E, 1e4, 1e-12, NULL, &strict, NULL), 0);
  cr_assert(strict.tilt_kT > slow.tilt_kT);
}

/* Tilt at which the tilted barrier equals the Kramers switch barrier (bisection). */
static double switch_tilt(double E, double kmin) {
  double lo = 0.0, hi = limen_quartic_critical_tilt(E) * (1.0 - 1e-9);
  for (int i = 0; i < 200; i++) {
    double mid = 0.5 * (lo + hi);
    limen_well w = {LIMEN_WELL_QUARTIC, E, mid, 0};
    limen_well_extrema ex;
    cr_assert_eq(limen_well_extrema_find(&w, NULL, &ex, NULL), 0);
    if (ex.barrier_kT > kmin) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

Test(static_write, targets_at_the_method_switch) {
  /* The rate jumps down at the switch tilt f_s (Kramers over-estimates the rate there).  A
   * target inside the jump is met on the Kramers branch (f* < f_s); one just above the
   * Kramers value at f_s needs the MFPT branch (f* > f_s).  Both satisfy the condition. */
  double E = 58.0, p = 1e-6, fs = switch_tilt(E, 5.0);
  limen_well w = {LIMEN_WELL_QUARTIC, E, fs, 0};
  double lk, lt, x0 = -1.0, r[3];
  cr_assert_eq(limen_kramers_log_rate(&w, NULL, &lk, NULL), 0);
  cubic(E, fs, r);
  cr_assert_eq(limen_mfpt_log(&w, x0, r[2], NULL, &lt, NULL), 0);
  double lm = -lt;
  cr_log_info("f_s = %.8f: ln r Kramers %.6f, exact %.6f (jump %.2f %%)", fs, lk, lm,
              100.0 * (1.0 - exp(lm - lk)));
  cr_assert(lm < lk && lk - lm < 0.2);
  double targets[2] = {0.5 * (lk + lm), lk + 0.01};
  for (int i = 0; i < 2; i++) {
    double tau = log(1.0 / p) / exp(targets[i]);
    limen_static_write s;
    limen_error e;
    cr_assert_eq(limen_static_write_cost(E, tau, p, NULL, &s, &e), 0, "%s", e.msg);
    double g = log(s.rate_per_tau0 * tau / log(1.0 / p));
    cr_log_info("target %d: f* = %.8f (%s), g = %.2e", i, s.tilt_kT, s.rate_method, g);
    cr_assert(fabs(g) < 1e-9);
    if (i == 0) cr_assert(s.tilt_kT < fs && strcmp(s.rate_method, "kramers") == 0);
    else cr_assert(s.tilt_kT > fs && strcmp(s.rate_method, "mfpt") == 0);
  }
}

Test(static_write, rate_is_continuous_across_the_critical_tilt) {
  double E = 58.0, fc = limen_quartic_critical_tilt(E), lr[2];
  for (int k = 0; k < 2; k++) {
    limen_well w = {LIMEN_WELL_QUARTIC, E, fc * (k ? 1.0 + 1e-7 : 1.0 - 1e-7), 0};
    const char *m;
    cr_assert_eq(limen_escape_log_rate(&w, NULL, &lr[k], &m, NULL), 0);
    cr_assert_str_eq(m, "mfpt");
  }
  cr_assert(fabs(lr[1] - lr[0]) < 1e-5, "ln r jumps by %g at f_c", lr[1] - lr[0]);
  cr_assert(lr[1] > lr[0]);
}

Test(static_write, low_barrier_and_no_tilt_needed) {
  limen_static_write s;
  limen_error e;
  /* below the Kramers switch everywhere: exact MFPT only */
  cr_assert_eq(limen_static_write_cost(3.0, 1.0, 1e-3, NULL, &s, &e), 0, "%s", e.msg);
  cr_assert_str_eq(s.rate_method, "mfpt");
  cr_assert(s.tilt_kT > 0.0 && s.work_kT > 0.0);
  /* a write window far longer than the retention time: the untilted cell already flips */
  cr_assert_eq(limen_static_write_cost(20.0, 1e30, 0.5, NULL, &s, &e), 0, "%s", e.msg);
  cr_assert_eq(s.tilt_kT, 0.0);
  cr_assert_eq(s.work_kT, 0.0);
}

Test(static_write, bad_input) {
  limen_static_write s;
  limen_error e;
  cr_assert_eq(limen_static_write_cost(NAN, 1.0, 1e-6, NULL, &s, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "barrier_kT"));
  cr_assert_eq(limen_static_write_cost(50.0, -1.0, 1e-6, NULL, &s, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "tau_w_over_tau0"));
  cr_assert_eq(limen_static_write_cost(50.0, 1.0, 0.0, NULL, &s, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "p_fail"));
  cr_assert_eq(limen_static_write_cost(50.0, 1.0, 1.0, NULL, &s, &e), LIMEN_EINVAL);
  cr_assert_eq(limen_static_write_cost(50.0, 1.0, 1e-6, NULL, NULL, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "out"));
}
