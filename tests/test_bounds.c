/* SPDX-License-Identifier: GPL-3.0-or-later
 * Per-operation cost models (theory §3): (L) Landauer, (FT) finite-time Landauer with B by
 * quadrature against an independent quantile-formula integration, (M) modulated write,
 * (H) biased hopping, (A) schedules and matched barrier, (C) consolidation, (R) reads. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static const double PI = 3.14159265358979323846;

static void expect_einval(int rc, const limen_error *e, const char *field) {
  cr_assert_eq(rc, LIMEN_EINVAL, "expected EINVAL for %s, got %d (%s)", field, rc, e->msg);
  cr_assert(strstr(e->msg, field) != NULL, "message must name %s: %s", field, e->msg);
}

/* ---- (L) ------------------------------------------------------------------------- */

Test(landauer, closed_forms) {
  double e;
  cr_assert(tu_close_rel(limen_landauer_kT(), log(2.0), 1e-15));
  cr_assert_eq(limen_landauer_generalized_kT(0.99, &e, NULL), 0);
  /* ln 2 + 0.99 ln 0.99 + 0.01 ln 0.01, evaluated to 30 digits */
  cr_assert(tu_close_rel(e, 0.637145646205097968965158923382, 1e-12), "%.17g", e);
  cr_assert_eq(limen_landauer_generalized_kT(0.9, &e, NULL), 0);
  cr_assert(tu_close_rel(e, 0.368064207168497069910682093234, 1e-12));
  cr_assert_eq(limen_landauer_generalized_kT(0.5, &e, NULL), 0);
  cr_assert(fabs(e) < 1e-15);
  cr_assert_eq(limen_landauer_generalized_kT(1.0, &e, NULL), 0);
  cr_assert(tu_close_rel(e, log(2.0), 1e-15));
  cr_assert_eq(limen_landauer_generalized_kT(0.0, &e, NULL), 0);
  cr_assert(tu_close_rel(e, log(2.0), 1e-15));
}

Test(landauer, bad_input) {
  limen_error err;
  double e;
  expect_einval(limen_landauer_generalized_kT(NAN, &e, &err), &err, "success");
  expect_einval(limen_landauer_generalized_kT(1.0000001, &e, &err), &err, "success");
  expect_einval(limen_landauer_generalized_kT(-0.1, &e, &err), &err, "success");
  expect_einval(limen_landauer_generalized_kT(0.9, NULL, &err), &err, "e_kT");
}

/* ---- (FT) B by an independent route: the quantile formula ---------------------------
 *   W₂² = ∫₀¹ (F_f⁻¹(u) − F₀⁻¹(u))² du,
 * with the left-half CDF G tabulated by cumulative trapezoids on a fine grid, inverted by
 * bisection and linear interpolation, and the u-integral by the midpoint rule on the pieces
 * [0, ½], [½, P_s], [P_s, 1] (no GSL, no shared code with the library). */
typedef struct {
  int n;
  double *x, *G;
} cdf_table;

static cdf_table table_make(double E, int n) {
  cdf_table t = {n, malloc((size_t)(n + 1) * sizeof(double)), malloc((size_t)(n + 1) * sizeof(double))};
  double a = -sqrt(1.0 + sqrt(60.0 / E)), h = -a / n, prev = 0.0;
  t.G[0] = 0.0;
  for (int i = 0; i <= n; i++) {
    t.x[i] = a + i * h;
    double s = t.x[i] * t.x[i] - 1.0, r = exp(-E * s * s);
    if (i > 0) t.G[i] = t.G[i - 1] + 0.5 * h * (prev + r);
    prev = r;
  }
  for (int i = 0; i <= n; i++) t.G[i] /= t.G[n];
  return t;
}

static double table_inv(const cdf_table *t, double v) {
  if (v <= 0.0) return t->x[0];
  if (v >= 1.0) return 0.0;
  int lo = 0, hi = t->n;
  while (hi - lo > 1) {
    int mid = (lo + hi) / 2;
    if (t->G[mid] < v) lo = mid;
    else hi = mid;
  }
  double w = (v - t->G[lo]) / (t->G[hi] - t->G[lo]);
  return t->x[lo] + w * (t->x[hi] - t->x[lo]);
}

static double q0(const cdf_table *t, double u) {
  return u <= 0.5 ? table_inv(t, 2.0 * u) : -table_inv(t, 2.0 * (1.0 - u));
}

static double qf(const cdf_table *t, double u, double Ps) {
  return u <= Ps ? table_inv(t, u / Ps) : -table_inv(t, (1.0 - u) / (1.0 - Ps));
}

static double midpoint(const cdf_table *t, double Ps, double a, double b, int k) {
  double h = (b - a) / k, s = 0.0;
  for (int i = 0; i < k; i++) {
    double u = a + (i + 0.5) * h, d = qf(t, u, Ps) - q0(t, u);
    s += d * d;
  }
  return s * h;
}

static double B_quantile(double E, double Ps) {
  cdf_table t = table_make(E, 200000);
  int k = 200000;
  double B = midpoint(&t, Ps, 0.0, 0.5, k);
  if (Ps > 0.5) B += midpoint(&t, Ps, 0.5, Ps, k);
  if (Ps < 1.0) B += midpoint(&t, Ps, Ps, 1.0, k);
  free(t.x);
  free(t.G);
  return B;
}

Test(finite_time, B_matches_quantile_formula) {
  double Es[] = {2.0, 5.0, 10.0, 50.0};
  double Ps[] = {1.0, 0.99, 0.9};
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 3; j++) {
      double B;
      limen_error e;
      cr_assert_eq(limen_ft_coefficient(Es[i], Ps[j], NULL, &B, &e), 0, "%s", e.msg);
      double ref = B_quantile(Es[i], Ps[j]);
      cr_log_info("E_b = %g, P_s = %g: B = %.12f, quantile formula %.12f, rel %.2e", Es[i],
                  Ps[j], B, ref, fabs(B / ref - 1.0));
      cr_assert(tu_close_rel(B, ref, 1e-6), "E_b = %g, P_s = %g: %.12f vs %.12f", Es[i], Ps[j],
                B, ref);
    }
}

Test(finite_time, B_tends_to_two_for_narrow_wells) {
  /* Two Gaussians of variance 1/(8E_b) merged into one: B = 2 − 1/√(πE_b) + O(1/E_b). */
  double Es[] = {50.0, 200.0, 1000.0};
  double prev_gap = HUGE_VAL;
  for (int i = 0; i < 3; i++) {
    double B;
    cr_assert_eq(limen_ft_coefficient(Es[i], 1.0, NULL, &B, NULL), 0);
    double lead = 2.0 - 1.0 / sqrt(PI * Es[i]);
    double c = (B - lead) * Es[i];
    cr_log_info("E_b = %g: B = %.10f, 2 - 1/sqrt(pi E) = %.10f, E*(B - lead) = %.4f", Es[i], B,
                lead, c);
    cr_assert(fabs(B - lead) < 1.0 / Es[i], "E_b = %g: B = %.10f", Es[i], B);
    cr_assert(2.0 - B < prev_gap && B < 2.0);
    prev_gap = 2.0 - B;
  }
  double B200;
  cr_assert_eq(limen_ft_coefficient(200.0, 1.0, NULL, &B200, NULL), 0);
  /* the derived tolerance at E_b = 200: 1/√(200π) + 1/200 */
  cr_assert(fabs(B200 - 2.0) < 1.0 / sqrt(200.0 * PI) + 1.0 / 200.0);
}

Test(finite_time, B_limits_and_monotonicity) {
  double B, prev = 0.0;
  cr_assert_eq(limen_ft_coefficient(10.0, 0.5, NULL, &B, NULL), 0);
  cr_assert(fabs(B) < 1e-12, "P_s = 1/2 moves nothing: B = %g", B);
  double Es[] = {0.5, 2.0, 5.0, 10.0, 50.0};
  for (int i = 0; i < 5; i++) {
    cr_assert_eq(limen_ft_coefficient(Es[i], 1.0, NULL, &B, NULL), 0);
    cr_assert(B > prev, "B must grow with the barrier");
    prev = B;
  }
  double Bp[3], P[3] = {0.6, 0.9, 0.999};
  for (int j = 0; j < 3; j++) cr_assert_eq(limen_ft_coefficient(10.0, P[j], NULL, &Bp[j], NULL), 0);
  cr_assert(Bp[0] < Bp[1] && Bp[1] < Bp[2]);
}

Test(finite_time, energy_is_landauer_plus_B_over_tau) {
  double e, B, eL, B2;
  cr_assert_eq(limen_finite_time_kT(5.0, 0.99, 20.0, NULL, &e, &B, NULL), 0);
  cr_assert_eq(limen_landauer_generalized_kT(0.99, &eL, NULL), 0);
  cr_assert_eq(limen_ft_coefficient(5.0, 0.99, NULL, &B2, NULL), 0);
  cr_assert(tu_close_rel(B, B2, 1e-15));
  cr_assert(tu_close_rel(e, eL + B / 20.0, 1e-14));
  /* (M): quasi-static → generalized Landauer; finite τ → (FT) of the lowered barrier */
  double m;
  cr_assert_eq(limen_modulated_write_kT(3.0, 0.99, INFINITY, NULL, &m, NULL), 0);
  cr_assert(tu_close_rel(m, eL, 1e-15));
  cr_assert_eq(limen_modulated_write_kT(5.0, 0.99, 20.0, NULL, &m, NULL), 0);
  cr_assert(tu_close_rel(m, e, 1e-15));
}

Test(finite_time, bad_input) {
  limen_error err;
  double B, e;
  expect_einval(limen_ft_coefficient(NAN, 1.0, NULL, &B, &err), &err, "barrier_kT");
  expect_einval(limen_ft_coefficient(-1.0, 1.0, NULL, &B, &err), &err, "barrier_kT");
  expect_einval(limen_ft_coefficient(5.0, 0.4, NULL, &B, &err), &err, "success");
  expect_einval(limen_ft_coefficient(5.0, 1.0, NULL, NULL, &err), &err, "B_gamma_a2");
  expect_einval(limen_finite_time_kT(5.0, 1.0, 0.0, NULL, &e, NULL, &err), &err, "tau_over_tau0");
  expect_einval(limen_finite_time_kT(5.0, 1.0, INFINITY, NULL, &e, NULL, &err), &err,
                "tau_over_tau0");
  expect_einval(limen_modulated_write_kT(5.0, 1.0, -INFINITY, NULL, &e, &err), &err,
                "tau_over_tau0");
  expect_einval(limen_modulated_write_kT(NAN, 1.0, INFINITY, NULL, &e, &err), &err,
                "barrier_low_kT");
  expect_einval(limen_modulated_write_kT(5.0, 2.0, 10.0, NULL, &e, &err), &err, "success");
  limen_precision p = limen_precision_default();
  p.quad_limit = 0;
  expect_einval(limen_ft_coefficient(5.0, 1.0, &p, &B, &err), &err, "quad_limit");
}

/* ---- (H) ------------------------------------------------------------------------- */

Test(hopping, exact_values) {
  double e, f, v;
  /* m = 3, rΔt = 2: f = 2 asinh(3/4) = 2 ln 2 exactly, var = hypot(4, 3) = 5 */
  cr_assert_eq(limen_hop_cost_kT(3.0, 2.0, &e, &f, &v, NULL), 0);
  cr_assert(tu_close_rel(f, 2.0 * log(2.0), 1e-12));
  cr_assert(tu_close_rel(e, 6.0 * log(2.0), 1e-12));
  cr_assert(tu_close_rel(v, 5.0, 1e-12));
  /* m = 12, rΔt = 2.5: asinh(2.4) = ln(2.4 + 2.6) = ln 5 */
  cr_assert_eq(limen_hop_cost_kT(-12.0, 2.5, &e, &f, &v, NULL), 0);
  cr_assert(tu_close_rel(f, -2.0 * log(5.0), 1e-12));
  cr_assert(tu_close_rel(e, 24.0 * log(5.0), 1e-12));
  cr_assert(tu_close_rel(v, 13.0, 1e-12));
  cr_assert_eq(limen_hop_cost_kT(0.0, 1.0, &e, &f, &v, NULL), 0);
  cr_assert(e == 0.0 && f == 0.0 && tu_close_rel(v, 2.0, 1e-15));
}

Test(hopping, slow_and_fast_limits) {
  double e;
  /* slow: m²/(rΔt)·(1 − z²/6 + …), z = m/(2rΔt) = 5e-5 */
  cr_assert_eq(limen_hop_cost_kT(1e-3, 10.0, &e, NULL, NULL, NULL), 0);
  cr_assert(tu_close_rel(e, 1e-6 / 10.0, 1e-9), "%.17g", e);
  /* fast: 2m ln(m/(rΔt))·(1 + O((rΔt/m)²)) */
  cr_assert_eq(limen_hop_cost_kT(1e6, 1.0, &e, NULL, NULL, NULL), 0);
  cr_assert(tu_close_rel(e, 2e6 * log(1e6), 1e-12), "%.17g", e);
  /* extreme ratio: no overflow of m/(2rΔt) */
  cr_assert_eq(limen_hop_cost_kT(1e10, 1e-300, &e, NULL, NULL, NULL), 0);
  cr_assert(tu_close_rel(e, 2e10 * (log(1e10) + 300.0 * log(10.0)), 1e-12));
}

Test(hopping, bad_input) {
  limen_error err;
  double e;
  expect_einval(limen_hop_cost_kT(NAN, 1.0, &e, NULL, NULL, &err), &err, "m_levels");
  expect_einval(limen_hop_cost_kT(1.0, 0.0, &e, NULL, NULL, &err), &err, "rate_dt");
  expect_einval(limen_hop_cost_kT(1.0, -2.0, &e, NULL, NULL, &err), &err, "rate_dt");
  expect_einval(limen_hop_cost_kT(1.0, INFINITY, &e, NULL, NULL, &err), &err, "rate_dt");
  expect_einval(limen_hop_cost_kT(-INFINITY, 1.0, &e, NULL, NULL, &err), &err, "m_levels");
  /* the largest accepted inputs still give a finite cost (worked in logs) */
  cr_assert_eq(limen_hop_cost_kT(1e300, 1e-300, &e, NULL, NULL, &err), 0);
  cr_assert(isfinite(e) && tu_close_rel(e, 2e300 * 600.0 * log(10.0), 1e-12));
}

/* ---- (A) ------------------------------------------------------------------------- */

Test(schedule, matched_barrier_closed_forms) {
  limen_lr_schedule inv = {LIMEN_LR_INVERSE, 0.1, 1000.0, 0.0, 0.0};
  double E;
  cr_assert_eq(limen_matched_barrier_kT(&inv, 20.0, 3000.0, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 20.0 + log(4.0), 1e-14));
  cr_assert(tu_close_rel(limen_lr_eta(&inv, 3000.0), 0.025, 1e-15));
  limen_lr_schedule cs = {LIMEN_LR_COSINE, 1e-3, 0.0, 100.0, 1e-5};
  cr_assert(tu_close_rel(limen_lr_eta(&cs, 50.0), 1e-5 + (1e-3 - 1e-5) * 0.5, 1e-14));
  cr_assert_eq(limen_matched_barrier_kT(&cs, 10.0, 50.0, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 10.0 + log(1e-3 / (1e-5 + 0.99e-3 * 0.5)), 1e-13));
  cr_assert_eq(limen_matched_barrier_kT(&cs, 10.0, 1e6, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 10.0 + log(100.0), 1e-13), "floor after t_end");
  cr_assert_eq(limen_matched_barrier_kT(&cs, 10.0, 0.0, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 10.0, 1e-15));
  limen_lr_schedule c = {LIMEN_LR_CONSTANT, 0.5, 0.0, 0.0, 0.0};
  cr_assert_eq(limen_matched_barrier_kT(&c, 7.0, 1e9, &E, NULL), 0);
  cr_assert_eq(E, 7.0);
  /* barrier rises monotonically as the learning rate decays */
  double prev = 0.0;
  for (double t = 0.0; t <= 100.0; t += 5.0) {
    cr_assert_eq(limen_matched_barrier_kT(&cs, 10.0, t, &E, NULL), 0);
    cr_assert(E >= prev);
    prev = E;
  }
}

Test(schedule, bad_input) {
  limen_error err;
  double E;
  limen_lr_schedule s = {LIMEN_LR_INVERSE, 0.0, 10.0, 0.0, 0.0};
  expect_einval(limen_lr_check(&s, &err), &err, "eta0");
  s.eta0 = 0.1;
  s.t0 = -1.0;
  expect_einval(limen_matched_barrier_kT(&s, 10.0, 1.0, &E, &err), &err, "t0");
  limen_lr_schedule c = {LIMEN_LR_COSINE, 0.1, 0.0, 100.0, 0.2};
  expect_einval(limen_lr_check(&c, &err), &err, "eta_min");
  c.eta_min = 0.0;
  expect_einval(limen_lr_check(&c, &err), &err, "eta_min");
  c.eta_min = 0.01;
  c.t_end = NAN;
  expect_einval(limen_lr_check(&c, &err), &err, "t_end");
  s.t0 = 10.0;
  s.kind = (limen_lr_kind)9;
  expect_einval(limen_lr_check(&s, &err), &err, "kind");
  cr_assert_eq(limen_lr_eta(&s, 1.0), 0.0, "invalid schedule: 0, never NaN");
  s.kind = LIMEN_LR_INVERSE;
  expect_einval(limen_matched_barrier_kT(&s, 10.0, -1.0, &E, &err), &err, "t");
  expect_einval(limen_matched_barrier_kT(&s, -10.0, 1.0, &E, &err), &err, "barrier0_kT");
  expect_einval(limen_matched_barrier_kT(NULL, 10.0, 1.0, &E, &err), &err, "schedule");
}

/* ---- (C) and (R) ----------------------------------------------------------------- */

Test(consolidation, closed_form) {
  double E;
  cr_assert_eq(limen_consolidation_J(30 * 86400.0, 3600.0, 1e9, 16.0, 1e-12, 5e-12, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 720.0 * 1e9 * 16.0 * 6e-12, 1e-14));
  limen_error err;
  expect_einval(limen_consolidation_J(-1.0, 1.0, 1.0, 1.0, 0.0, 0.0, &E, &err), &err, "train_time_s");
  expect_einval(limen_consolidation_J(1.0, 0.0, 1.0, 1.0, 0.0, 0.0, &E, &err), &err, "period_s");
  expect_einval(limen_consolidation_J(1.0, 1.0, NAN, 1.0, 0.0, 0.0, &E, &err), &err, "params");
  expect_einval(limen_consolidation_J(1.0, 1.0, 1.0, 0.5, 0.0, 0.0, &E, &err), &err, "bits");
  expect_einval(limen_consolidation_J(1.0, 1.0, 1.0, 1.0, -1.0, 0.0, &E, &err), &err, "e_read_J");
  expect_einval(limen_consolidation_J(1.0, 1.0, 1.0, 1.0, 0.0, INFINITY, &E, &err), &err, "e_write_J");
  cr_assert_eq(limen_consolidation_J(1e300, 1e-300, 1e10, 64.0, 1.0, 1.0, &E, &err), LIMEN_ERANGE);
}

Test(reads, modes) {
  double E;
  cr_assert_eq(limen_read_energy_J(LIMEN_READ_FLOOR, 1e20, 1e-12, &E, NULL), 0);
  cr_assert_eq(E, 0.0);
  cr_assert_eq(limen_read_energy_J(LIMEN_READ_DEVICE, 1e20, 2e-15, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 2e5, 1e-15));
  cr_assert_eq(limen_read_energy_J(LIMEN_READ_VON_NEUMANN, 4e9, 20e-12, &E, NULL), 0);
  cr_assert(tu_close_rel(E, 0.08, 1e-15));
  limen_error err;
  expect_einval(limen_read_energy_J((limen_read_mode)5, 1.0, 1.0, &E, &err), &err, "mode");
  expect_einval(limen_read_energy_J(LIMEN_READ_DEVICE, -1.0, 1.0, &E, &err), &err, "count");
  expect_einval(limen_read_energy_J(LIMEN_READ_DEVICE, 1.0, NAN, &E, &err), &err, "energy_each_J");
}
