/* SPDX-License-Identifier: GPL-3.0-or-later
 * First-passage times of the Langevin engine (langevin.h, "First passage"): the Brownian-
 * bridge crossing test inside each step against free diffusion (where it is exact), the mean
 * first-passage time in the quartic cell against the exact double integral (limen_mfpt) to the
 * barrier top and to the other well, its Δt-halving shift on the same Brownian paths, and the
 * reproducibility of passage times (thread count; the noise is that of a run without them).
 * Sizes scale with LIMEN_TEST_SCALE; tolerances are 4 standard errors; z-scores are printed. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static size_t scaled(double n, double floor_n) {
  double v = n * tu_scale();
  return v < floor_n ? (size_t)floor_n : (size_t)v;
}

/* The ready-made hold of the quartic cell at barrier eb for tau. */
static limen_protocol *hold(double eb, double tau) {
  limen_protocol_args a;
  cr_assert_eq(limen_protocol_args_default("hold", &a, NULL), LIMEN_OK);
  a.barrier_kT = eb;
  a.duration = tau;
  limen_protocol *p = NULL;
  limen_error e;
  cr_assert_eq(limen_protocol_alloc_named("hold", &a, &p, &e), LIMEN_OK, "%s", e.msg);
  return p;
}

static limen_langevin_config passage_cfg(double dt, size_t n, uint64_t seed, double x0, double b) {
  limen_langevin_config c = limen_langevin_config_default();
  c.dt = dt;
  c.n_traj = n;
  c.seed = seed;
  c.integrator = limen_integrator_heun;
  c.init = LIMEN_INIT_FIXED;
  c.x0 = x0;
  c.record = LIMEN_RECORD_PASSAGE;
  c.passage_x = b;
  c.stop_at_passage = 1;
  return c;
}

static void run_ok(const limen_langevin_config *c, const limen_protocol *p, limen_langevin_result *r) {
  limen_error e;
  cr_assert_eq(limen_langevin_run(c, NULL, p, r, &e), LIMEN_OK, "%s", e.msg);
}

static void mean_se(const double *v, size_t n, double *m, double *se) {
  double s = 0.0, ss = 0.0;
  for (size_t i = 0; i < n; i++) s += v[i];
  *m = s / (double)n;
  for (size_t i = 0; i < n; i++) ss += (v[i] - *m) * (v[i] - *m);
  *se = sqrt(ss / (double)(n - 1) / (double)n);
}

/* Free diffusion (a trap of stiffness 1e-12: force below 1e-11), Euler steps (exact without a
 * force), 10 steps of Δt = 0.1: the bridge test makes the passage indicator exact,
 * P(T ≤ τ) = erfc(b/(2√τ)) for dx = √2 dW; testing the grid points only would miss most
 * of the crossings at this step. */
Test(passage, bridge_is_exact_for_free_diffusion) {
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc_stiffness_change(1e-12, 1e-12, 1.0, &p, NULL), LIMEN_OK);
  const double b = 1.0, tau = 1.0, exact = erfc(b / (2.0 * sqrt(tau)));
  limen_langevin_config c = passage_cfg(0.1, scaled(40000, 4000), 5, 0.0, b);
  c.integrator = limen_integrator_euler;
  c.stop_at_passage = 0;
  limen_langevin_result r;
  run_ok(&c, p, &r);
  double frac = (double)r.n_passed / (double)r.n_traj, se = sqrt(exact * (1.0 - exact) / (double)r.n_traj);
  size_t grid = 0; /* what a test of the grid points alone sees: the end point above b */
  for (size_t i = 0; i < r.n_traj; i++) grid += r.x_final[i] >= b;
  double z = tu_z(frac, exact, se);
  cr_log_info("free diffusion, dt = 0.1: P(T <= 1) = %.5f +- %.5f, exact erfc(1/2) = %.5f, z = %+.2f "
              "(ending above b: %.5f, half of the exact by the reflection principle)",
              frac, se, exact, z, (double)grid / (double)r.n_traj);
  cr_expect_lt(fabs(z), 4.0, "bridge passage probability z = %.2f", z);
  for (size_t i = 0; i < r.n_traj; i++)
    if (isfinite(r.passage_time[i]))
      cr_assert(r.passage_time[i] > 0.0 && r.passage_time[i] <= tau, "passage time %g", r.passage_time[i]);
  limen_langevin_result_clear(&r);
  limen_protocol_free(p);
}

/* Mean first-passage time from x0 = −1 in the untilted quartic cell to the barrier top
 * (b = 0) and to the other minimum (b = +1), E_b = 3 and 5 kT, Heun at Δt = 1e-3, against the
 * exact double integral.  Testing grid points only made the barrier-top times 7 % (E_b = 3)
 * and 10 % (E_b = 5) long at this step (z = +9.5 and +12.6 with 20000 trajectories); the
 * ensembles here resolve a 7 % bias at 4 standard errors at scale 1.  At the barrier top the
 * same ensemble is rerun at Δt/2 on the same Brownian paths: the paired shift must stay
 * within the standard error of the result (or be indistinguishable from zero). */
Test(passage, mean_first_passage_time_matches_exact) {
  const struct {
    double eb, b, base;
    int halve;
  } cases[] = {{3.0, 0.0, 4000, 1}, {5.0, 0.0, 4000, 1}, {3.0, 1.0, 2000, 0}, {5.0, 1.0, 2000, 0}};
  const double dt = 1e-3;
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    limen_well w = {LIMEN_WELL_QUARTIC, cases[k].eb, 0.0, 0};
    double T = 0.0;
    limen_error e;
    cr_assert_eq(limen_mfpt(&w, -1.0, cases[k].b, NULL, &T, &e), LIMEN_OK, "%s", e.msg);
    limen_protocol *p = hold(cases[k].eb, 40.0 * T); /* P(not passed) ~ e^{-40} */
    const size_t n = scaled(cases[k].base, 200);
    limen_langevin_config c = passage_cfg(dt, n, 100 + k, -1.0, cases[k].b);
    c.noise_refine = cases[k].halve ? 1u : 0u;
    limen_langevin_result r;
    run_ok(&c, p, &r);
    cr_assert_eq(r.n_passed, n, "all trajectories pass within 40 T");
    double m, se;
    mean_se(r.passage_time, n, &m, &se);
    double z = tu_z(m, T, se);
    cr_log_info("E_b = %g, -1 -> %+g, dt = %g, %zu traj: MFPT %.4f +- %.4f, exact %.4f (%+.2f%%), z = %+.2f", cases[k].eb,
                cases[k].b, dt, n, m, se, T, 100.0 * (m - T) / T, z);
    cr_expect_lt(fabs(z), 4.0, "E_b = %g, b = %g: z = %.2f", cases[k].eb, cases[k].b, z);
    if (cases[k].halve) {
      limen_langevin_config c2 = passage_cfg(dt / 2.0, n, 100 + k, -1.0, cases[k].b);
      limen_langevin_result r2;
      run_ok(&c2, p, &r2);
      double *d = malloc(n * sizeof *d), ms, ses;
      for (size_t i = 0; i < n; i++) d[i] = r2.passage_time[i] - r.passage_time[i];
      mean_se(d, n, &ms, &ses);
      cr_log_info("  dt -> dt/2 on the same paths: shift %+.4f +- %.4f (z = %+.2f), result s.e. %.4f", ms, ses,
                  ms / ses, se);
      cr_expect(fabs(ms) < se || fabs(ms) < 4.0 * ses, "E_b = %g: dt-halving shift %.4f (result s.e. %.4f, paired %.4f)",
                cases[k].eb, ms, se, ses);
      free(d);
      limen_langevin_result_clear(&r2);
    }
    limen_langevin_result_clear(&r);
    limen_protocol_free(p);
  }
}

/* Passage times are bit-identical for any thread count, and recording them leaves every other
 * result as it was (the bridge's uniforms come from a stream of their own). */
Test(passage, reproducible_and_leaves_the_noise_alone) {
  limen_protocol *p = hold(3.0, 5.0);
  limen_langevin_config c = passage_cfg(2e-3, 333, 9, -1.0, 0.0);
  c.stop_at_passage = 0;
  c.threads = 1;
  limen_langevin_result r1, r3, none;
  run_ok(&c, p, &r1);
  c.threads = 3;
  run_ok(&c, p, &r3);
  c.record = 0;
  run_ok(&c, p, &none);
  const size_t sz = r1.n_traj * sizeof(double);
  cr_assert(memcmp(r1.passage_time, r3.passage_time, sz) == 0, "passage times differ between 1 and 3 threads");
  cr_assert(memcmp(r1.x_final, none.x_final, sz) == 0 && memcmp(r1.heat, none.heat, sz) == 0,
            "recording passages changed the trajectories");
  cr_assert_gt(r1.n_passed, r1.n_traj / 2);
  limen_langevin_result_clear(&r1);
  limen_langevin_result_clear(&r3);
  limen_langevin_result_clear(&none);
  limen_protocol_free(p);
}

/* The hold protocol: a static quartic cell, no work, success = still in the well of `bit`. */
Test(passage, hold_protocol) {
  limen_protocol_args a;
  cr_assert_eq(limen_protocol_args_default("hold", &a, NULL), LIMEN_OK);
  a.bit = 1;
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc_named("hold", &a, &p, NULL), LIMEN_OK);
  cr_expect_str_eq(p->kind, "hold");
  cr_expect(p->initial_lo == 0.0 && p->target_lo == 0.0 && isinf(p->initial_hi) && isinf(p->target_hi));
  limen_langevin_config c = limen_langevin_config_default();
  c.n_traj = 200;
  c.integrator = limen_integrator_heun;
  limen_langevin_result r;
  run_ok(&c, p, &r);
  cr_expect_eq(r.mean_work, 0.0, "a hold does no work");
  /* E_b = 8: the mean time to the other well is 437 tau0, so over tau = 10 about 2 % flip */
  cr_expect(r.success > 0.9 && r.success < 1.0 + 1e-15, "success %g", r.success);
  limen_langevin_result_clear(&r);
  limen_protocol_free(p);
  limen_error e;
  a.barrier_kT = 0.0;
  cr_expect_eq(limen_protocol_alloc_named("hold", &a, &p, &e), LIMEN_EINVAL);
  cr_expect(strstr(e.msg, "barrier = 0") != NULL, "%s", e.msg);
}
