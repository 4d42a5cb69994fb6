/* SPDX-License-Identifier: GPL-3.0-or-later
 * The one-pass MFPT (src/cell/mfpt_fast.c) against the nested adaptive quadrature on random
 * cells, and against closed forms: the linear potential, and the untilted quartic and
 * washboard cells at large barriers (Laplace–Kramers with every power correction, as Bessel
 * functions); where it declines, the nested result; its tolerance follows quad_epsrel. */
#include <criterion/criterion.h>
#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <stdint.h>

#include "cell/internal.h"
#include "testutil.h"

#define PI 3.14159265358979323846

/* Its stated bound at the default quad_epsrel = 1e-10: 2·1e-12 (truncation) + 1e-11 (rounding). */
#define FAST_TOL 1.2e-11
/* The nested quadrature's stated tolerance (quad_epsrel) plus the fast one's. */
#define NESTED_TOL (1e-10 + FAST_TOL)

static uint64_t g_state;
static double uniform(double a, double b) { /* splitmix64 */
  uint64_t z = (g_state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  return a + (b - a) * (double)(z >> 11) * 0x1p-53;
}

static double fast(const limen_well *w, double x0, double b) {
  double lt = NAN;
  int done = 0;
  limen_error e;
  cr_assert_eq(limen_cell_mfpt_log_fast(w, x0, b, NULL, &lt, &done, &e), LIMEN_OK, "%s", e.msg);
  cr_assert(done, "the one-pass MFPT declined E = %g, f = %g, %g -> %g", w->barrier_kT, w->tilt_kT, x0, b);
  return lt;
}

static double nested(const limen_well *w, double x0, double b) {
  double lt = NAN;
  limen_error e;
  cr_assert_eq(limen_cell_mfpt_log_nested(w, x0, b, NULL, &lt, &e), LIMEN_OK, "%s", e.msg);
  return lt;
}

/* |T_fast/T_ref − 1| ≤ tol. */
static void expect_close(const limen_well *w, double x0, double b, double lt, double ref, double tol) {
  double d = fabs(expm1(lt - ref));
  cr_assert(d <= tol, "kind %d, E = %.17g, f = %.17g, %.17g -> %.17g: ln T = %.17g vs %.17g (|dT/T| = %.3g > %.3g)",
            (int)w->kind, w->barrier_kT, w->tilt_kT, x0, b, lt, ref, d, tol);
}

Test(mfpt_fast, matches_nested_on_static_write_cells) {
  /* the escapes cim-static, retention and the escape rate ask for: x = −1 to the tilted right
   * minimum, barriers 0.5–200 kT, tilts from −0.9 f_c to 4 f_c */
  g_state = 20240601;
  double worst = 0.0;
  for (int i = 0; i < 150; i++) {
    double E = exp(uniform(log(0.5), log(200.0))), fc = limen_quartic_critical_tilt(E);
    limen_well w = {LIMEN_WELL_QUARTIC, E, uniform(-0.9 * fc, 4.0 * fc), 0};
    double x0, b;
    cr_assert_eq(limen_cell_escape_points(&w, &x0, &b, NULL), LIMEN_OK);
    double lt = fast(&w, x0, b), ref = nested(&w, x0, b);
    expect_close(&w, x0, b, lt, ref, NESTED_TOL);
    worst = fmax(worst, fabs(expm1(lt - ref)));
  }
  cr_log_info("worst |dT/T| against the nested quadrature: %.3g", worst);
}

Test(mfpt_fast, matches_nested_on_random_intervals) {
  /* any start and end: quartic on [−1.6, 1.6], washboard over 2–6 levels with any tilt that
   * leaves a forward minimum */
  g_state = 77;
  for (int i = 0; i < 100; i++) {
    double E = exp(uniform(log(0.5), log(200.0))), fc = limen_quartic_critical_tilt(E);
    limen_well w = {LIMEN_WELL_QUARTIC, E, uniform(-2.0 * fc, 2.0 * fc), 0};
    double x0 = uniform(-1.6, 1.2), b = uniform(x0 + 1e-3, 1.6);
    expect_close(&w, x0, b, fast(&w, x0, b), nested(&w, x0, b), NESTED_TOL);
  }
  for (int i = 0; i < 100; i++) {
    double E = exp(uniform(log(0.5), log(100.0)));
    int levels = 2 + (int)uniform(0.0, 5.0);
    limen_well w = {LIMEN_WELL_WASHBOARD, E, uniform(-0.9 * PI * E, 3.0 * PI * E), levels};
    double x0 = uniform(-0.5, levels - 1.5), b = uniform(x0 + 1e-3, levels - 0.5);
    expect_close(&w, x0, b, fast(&w, x0, b), nested(&w, x0, b), NESTED_TOL);
  }
}

Test(mfpt_fast, linear_potential_closed_form) {
  /* U = −f x (the washboard at E = 1e-200, wall at L = −½):
   * T = (b − x0)/f − (e^{−f(x0−L)} − e^{−f(b−L)})/f², or ((b − L)² − (x0 − L)²)/2 at f = 0;
   * the quartic at E = 1e-200 (reflecting at −∞): T = (b − x0)/f. */
  const double fs[] = {-20.0, -3.0, -1e-3, 0.0, 1e-3, 2.0, 50.0, 500.0};
  const double ends[][2] = {{-0.5, 0.01}, {0.0, 2.7}, {1.3, 3.5}, {-0.5, 3.5}};
  for (size_t i = 0; i < sizeof fs / sizeof fs[0]; i++)
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
      double f = fs[i], x0 = ends[k][0], b = ends[k][1], u = x0 + 0.5, v = b - x0, T;
      if (f == 0.0) T = 0.5 * ((b + 0.5) * (b + 0.5) - u * u);
      else T = v / f + exp(-f * u) * expm1(-f * v) / (f * f);
      limen_well w = {LIMEN_WELL_WASHBOARD, 1e-200, f, 4};
      expect_close(&w, x0, b, fast(&w, x0, b), log(T), FAST_TOL);
    }
  const double fq[] = {0.5, 3.0, 40.0, 800.0};
  for (size_t i = 0; i < sizeof fq / sizeof fq[0]; i++) {
    limen_well w = {LIMEN_WELL_QUARTIC, 1e-200, fq[i], 0};
    expect_close(&w, -1.0, 1.0, fast(&w, -1.0, 1.0), log(2.0 / fq[i]), FAST_TOL);
  }
}

/* For a barrier E ≫ 1 the double integral factorizes, T = Z_w·Z_b·(1 + O(E²e^{−E})), the well
 * integral over x < 0 and the barrier integral over the outer interval:
 *   quartic:   Z_w = ∫_{−∞}^0 e^{−E(x²−1)²} = (π/4) e^{−E/2} [I_{−1/4} + I_{1/4}](E/2)  (exact),
 *              Z_b = ∫_{−1}^{1} e^{E(y²−1)²} = (π/√2) e^{E/2} I_{1/4}(E/2) (1 + O(e^{−E}));
 *   washboard: Z_w = e^{−E/2} I_0(E/2),  Z_b = e^{E/2} I_0(E/2)  (both exact, over one period).
 * Their expansions give r_Kramers·T = 1 + 3/(8E) + … and 1 + 1/(2E) + … . */
static double quartic_large_barrier(double E) {
  double x = 0.5 * E, i = gsl_sf_bessel_Inu_scaled(0.25, x), k = gsl_sf_bessel_Knu_scaled(0.25, x);
  /* I_{−1/4} = I_{1/4} + (√2/π) K_{1/4}; scaled: Î = e^{−x} I, K̂ = e^{x} K */
  return log(PI * PI / (4.0 * sqrt(2.0))) + E + log(i) + log(2.0 * i + sqrt(2.0) / PI * exp(-E) * k);
}

Test(mfpt_fast, large_barrier_closed_forms) {
  const double Es[] = {40.0, 58.0652, 100.0, 300.0, 1000.0};
  for (size_t i = 0; i < sizeof Es / sizeof Es[0]; i++) {
    double E = Es[i], corr = 10.0 * E * E * exp(-E);
    /* the carried logarithms round by about (panels)·2⁻⁵³·ln T: 1e-14 ln T covers 100 panels */
    limen_well q = {LIMEN_WELL_QUARTIC, E, 0.0, 0};
    double lq = fast(&q, -1.0, 1.0);
    expect_close(&q, -1.0, 1.0, lq, quartic_large_barrier(E), FAST_TOL + corr + 1e-14 * lq);
    limen_well wb = {LIMEN_WELL_WASHBOARD, E, 0.0, 2};
    double lw = fast(&wb, 0.0, 1.0), ref = 2.0 * (0.5 * E + log(gsl_sf_bessel_I0_scaled(0.5 * E)));
    expect_close(&wb, 0.0, 1.0, lw, ref, FAST_TOL + corr + 1e-14 * lw);
  }
}

Test(mfpt_fast, declines_where_nested_is_used) {
  limen_error e;
  double lt = 0.0, ln = 0.0, lm = 0.0;
  int done = 1;
  /* U falls by ~10⁵ kT across the interval: nested quadrature, the same number */
  limen_well w = {LIMEN_WELL_QUARTIC, 1.0, 1e5, 0};
  cr_assert_eq(limen_cell_mfpt_log_fast(&w, -1.0, 5.0, NULL, &lt, &done, &e), LIMEN_OK);
  cr_assert_eq(done, 0);
  cr_assert_eq(limen_cell_mfpt_log_nested(&w, -1.0, 5.0, NULL, &ln, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_mfpt_log(&w, -1.0, 5.0, NULL, &lm, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(lm, ln);
  /* a tolerance below the floor of its bound */
  limen_precision p = limen_precision_default();
  p.quad_epsrel = 1e-13;
  w.tilt_kT = 0.0;
  done = 1;
  cr_assert_eq(limen_cell_mfpt_log_fast(&w, -1.0, 1.0, &p, &lt, &done, &e), LIMEN_OK);
  cr_assert_eq(done, 0);
}

Test(mfpt_fast, tolerance_follows_quad_epsrel) {
  limen_precision p = limen_precision_default();
  p.quad_epsrel = 1e-6;
  const double Es[] = {3.0, 58.0652}, fs[] = {0.0, 80.0};
  for (int i = 0; i < 2; i++) {
    limen_well w = {LIMEN_WELL_QUARTIC, Es[i], fs[i], 0};
    double x0, b, loose = NAN;
    int done = 0;
    cr_assert_eq(limen_cell_escape_points(&w, &x0, &b, NULL), LIMEN_OK);
    cr_assert_eq(limen_cell_mfpt_log_fast(&w, x0, b, &p, &loose, &done, NULL), LIMEN_OK);
    cr_assert(done);
    expect_close(&w, x0, b, loose, fast(&w, x0, b), 0.12 * p.quad_epsrel + FAST_TOL);
  }
}
