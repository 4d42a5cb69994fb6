/* SPDX-License-Identifier: GPL-3.0-or-later
 * The Langevin engine: bookkeeping, reproducibility, integrators and the quick statistical
 * checks of theory §5 (harmonic trap: EM stationary variance, exact OU transition density,
 * Schmiedl–Seifert optimal translation, stiffness change, Jarzynski).  Sizes scale with
 * LIMEN_TEST_SCALE; tolerances are 4 standard errors of the reduced sample. */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <stdlib.h>
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static size_t scaled(double n) {
  double v = n * tu_scale();
  return v < 200 ? 200 : (size_t)v;
}

static limen_langevin_config cfg_of(double dt, size_t n, uint64_t seed) {
  limen_langevin_config c = limen_langevin_config_default();
  c.dt = dt;
  c.n_traj = n;
  c.seed = seed;
  c.threads = 1;
  return c;
}

static void run_ok(const limen_langevin_config *c, const limen_protocol *p,
                   limen_langevin_result *r) {
  limen_error e;
  limen_error_clear(&e);
  int rc = limen_langevin_run(c, NULL, p, r, &e);
  cr_assert_eq(rc, LIMEN_OK, "%s", e.msg);
}

static void var_se(const double *v, size_t n, double *var, double *se) {
  double m = 0, s2 = 0, s4 = 0;
  for (size_t i = 0; i < n; i++) m += v[i];
  m /= (double)n;
  for (size_t i = 0; i < n; i++) {
    double d = (v[i] - m) * (v[i] - m);
    s2 += d;
    s4 += d * d;
  }
  *var = s2 / (double)(n - 1);
  double m4 = s4 / (double)n;
  *se = sqrt((m4 - *var * *var) / (double)n);
}

Test(langevin, first_law_holds_on_every_trajectory) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_erasure(6, 0.5, 3, 0, 4.0, &p, NULL), 0);
  limen_langevin_config c = cfg_of(1e-3, 256, 7);
  const limen_integrator_type *ints[2] = {limen_integrator_euler, limen_integrator_heun};
  for (int k = 0; k < 2; k++) {
    c.integrator = ints[k];
    limen_langevin_result r;
    run_ok(&c, p, &r);
    for (size_t i = 0; i < r.n_traj; i++)
      cr_assert(fabs(r.dU[i] - (r.work[i] - r.heat[i])) <= 1e-10 * (1 + fabs(r.work[i])),
                "%s: trajectory %zu: dU = %.17g, W - Q = %.17g", ints[k]->name, i, r.dU[i],
                r.work[i] - r.heat[i]);
    cr_assert(r.max_first_law_residual <= 1e-10);
    cr_log_info("%s: max |dU - (W - Q)| = %.3g over %zu trajectories", ints[k]->name,
                r.max_first_law_residual, r.n_traj);
    limen_langevin_result_clear(&r);
  }
  limen_protocol_free(p);
}

Test(langevin, results_are_bit_identical_for_any_thread_count) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_erasure(6, 0.5, 3, 1, 2.0, &p, NULL), 0);
  limen_langevin_config c = cfg_of(2e-3, 333, 99);
  c.record = LIMEN_RECORD_HISTOGRAMS;
  limen_langevin_result r1, r3;
  run_ok(&c, p, &r1);
  c.threads = 3;
  run_ok(&c, p, &r3);
  cr_assert(memcmp(r1.work, r3.work, r1.n_traj * sizeof(double)) == 0);
  cr_assert(memcmp(r1.heat, r3.heat, r1.n_traj * sizeof(double)) == 0);
  cr_assert(memcmp(r1.x_final, r3.x_final, r1.n_traj * sizeof(double)) == 0);
  cr_assert(r1.mean_work == r3.mean_work && r1.stderr_heat == r3.stderr_heat);
  cr_assert(r1.work_hist->bins == r3.work_hist->bins &&
            memcmp(r1.work_hist->edges, r3.work_hist->edges,
                   (r1.work_hist->bins + 1) * sizeof(double)) == 0);
  limen_langevin_result_clear(&r1);
  limen_langevin_result_clear(&r3);
  limen_protocol_free(p);
}

/* The parts of limen_langevin_part_range tile the ensemble in rank order, in whole blocks. */
Test(langevin, part_ranges_tile_the_ensemble) {
  static const size_t sizes[] = {1, 63, 64, 65, 1000, 12345};
  for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
    for (size_t ranks = 1; ranks <= 7; ranks++) {
      size_t next = 0;
      for (size_t r = 0; r < ranks; r++) {
        size_t first = 99, count = 99;
        limen_langevin_part_range(sizes[i], r, ranks, &first, &count);
        cr_assert(first == next || count == 0, "n %zu, %zu ranks, rank %zu: first %zu", sizes[i], ranks, r, first);
        cr_assert(first % LIMEN_RNG_BLOCK == 0 || count == 0);
        next = first + count;
      }
      cr_assert_eq(next, sizes[i], "n %zu over %zu ranks covers %zu", sizes[i], ranks, next);
    }
}

/* The progress callback: what it saw (calls are serialized by the engine; `inside` catches
 * two calls that overlap all the same). */
typedef struct progress_log {
  double frac[256];
  size_t n, calls;
  atomic_int inside;
  int overlapped;
} progress_log;

static void log_progress(void *ctx, double fraction) {
  progress_log *l = ctx;
  if (atomic_fetch_add(&l->inside, 1) != 0) l->overlapped = 1;
  if (l->n < sizeof l->frac / sizeof l->frac[0]) l->frac[l->n++] = fraction;
  l->calls++;
  atomic_fetch_sub(&l->inside, 1);
}

static void check_progress_log(const progress_log *l, const char *what) {
  cr_assert(!l->overlapped, "%s: two progress calls overlapped", what);
  cr_assert(l->calls >= 3 && l->calls == l->n, "%s: %zu progress calls", what, l->calls);
  for (size_t i = 0; i < l->n; i++) {
    cr_assert(l->frac[i] > 0.0 && l->frac[i] <= 1.0, "%s: fraction %g", what, l->frac[i]);
    if (i) cr_assert(l->frac[i] > l->frac[i - 1], "%s: %g after %g", what, l->frac[i], l->frac[i - 1]);
  }
  cr_assert(l->frac[l->n - 1] == 1.0, "%s: the last call reports %g, not 1", what, l->frac[l->n - 1]);
}

static void cmp_results(const limen_langevin_result *a, const limen_langevin_result *b) {
  size_t n = a->n_traj * sizeof(double);
  cr_assert(a->n_traj == b->n_traj && a->n_passed == b->n_passed);
  cr_assert(memcmp(a->work, b->work, n) == 0 && memcmp(a->heat, b->heat, n) == 0);
  cr_assert(memcmp(a->dU, b->dU, n) == 0 && memcmp(a->x_final, b->x_final, n) == 0);
  cr_assert(memcmp(a->passage_time, b->passage_time, n) == 0);
  cr_assert(memcmp(&a->mean_work, &b->mean_work, sizeof a->mean_work) == 0 &&
            memcmp(&a->stderr_heat, &b->stderr_heat, sizeof a->stderr_heat) == 0 &&
            memcmp(&a->success, &b->success, sizeof a->success) == 0);
}

/* The progress callback is called with strictly increasing fractions ending at exactly 1, one
 * call at a time, for 1 and 3 threads, with trajectories stopped early at their passage; the
 * results with and without it are bit-identical. */
Test(langevin, progress_callback_is_monotone_and_changes_nothing) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_hold(3.0, 0, 6.0, &p, NULL), 0);
  limen_langevin_config c = cfg_of(2e-3, 1000, 5);
  c.init = LIMEN_INIT_FIXED;
  c.x0 = -1.0;
  c.record = LIMEN_RECORD_PASSAGE;
  c.passage_x = 0.0;
  c.stop_at_passage = 1;
  limen_langevin_result plain, with;
  run_ok(&c, p, &plain);
  for (int threads = 1; threads <= 3; threads += 2) {
    static progress_log log;
    memset(&log, 0, sizeof log);
    c.threads = threads;
    c.progress = log_progress;
    c.progress_ctx = &log;
    run_ok(&c, p, &with);
    check_progress_log(&log, threads == 1 ? "1 thread" : "3 threads");
    cmp_results(&plain, &with);
    limen_langevin_result_clear(&with);
    c.progress = NULL;
  }
  /* a part reports the fraction of its own trajectories */
  static progress_log log;
  memset(&log, 0, sizeof log);
  c.progress = log_progress;
  c.progress_ctx = &log;
  limen_error e;
  limen_error_clear(&e);
  cr_assert_eq(limen_langevin_run_part(&c, NULL, p, 256, 300, &with, &e), LIMEN_OK, "%s", e.msg);
  check_progress_log(&log, "part");
  cr_assert(memcmp(with.work, plain.work + 256, 300 * sizeof(double)) == 0);
  limen_langevin_result_clear(&with);
  limen_langevin_result_clear(&plain);
  limen_protocol_free(p);
}

/* An ensemble split into parts (as over MPI ranks), joined in trajectory order and
 * summarized, is bit-identical to the whole run: per-trajectory arrays, samples, passage
 * times, means, errors and histograms. */
Test(langevin, parts_joined_equal_the_whole_run) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_erasure(6, 0.5, 3, 1, 2.0, &p, NULL), 0);
  limen_langevin_config c = cfg_of(2e-3, 333, 7);
  c.record = LIMEN_RECORD_HISTOGRAMS | LIMEN_RECORD_SAMPLES | LIMEN_RECORD_PASSAGE;
  c.n_sample_traj = 150;
  c.sample_every = 100;
  c.passage_x = 0.5;
  limen_langevin_result whole;
  run_ok(&c, p, &whole);
  const size_t cut[] = {0, 70, 128, 333}; /* parts of 70, 58 and 205: not block-aligned */
  limen_langevin_result joined;
  memset(&joined, 0, sizeof joined);
  size_t M = c.n_traj, np = whole.n_sample_points;
  joined.n_traj = M;
  joined.work = malloc(M * sizeof(double));
  joined.heat = malloc(M * sizeof(double));
  joined.dU = malloc(M * sizeof(double));
  joined.x_final = malloc(M * sizeof(double));
  joined.passage_time = malloc(M * sizeof(double));
  double *sx = malloc(c.n_sample_traj * np * sizeof(double));
  size_t rows = 0;
  for (int k = 0; k < 3; k++) {
    limen_langevin_result part;
    limen_error e;
    cr_assert_eq(limen_langevin_run_part(&c, NULL, p, cut[k], cut[k + 1] - cut[k], &part, &e), LIMEN_OK,
                 "%s", e.msg);
    size_t n = part.n_traj, b = cut[k] * sizeof(double);
    cr_assert_eq(n, cut[k + 1] - cut[k]);
    memcpy((char *)joined.work + b, part.work, n * sizeof(double));
    memcpy((char *)joined.heat + b, part.heat, n * sizeof(double));
    memcpy((char *)joined.dU + b, part.dU, n * sizeof(double));
    memcpy((char *)joined.x_final + b, part.x_final, n * sizeof(double));
    memcpy((char *)joined.passage_time + b, part.passage_time, n * sizeof(double));
    memcpy(sx + rows * np, part.sample_x, part.n_sample_traj * np * sizeof(double));
    rows += part.n_sample_traj;
    cr_assert(part.work_hist == NULL && part.mean_work == 0.0, "a part is not summarized");
    limen_langevin_result_clear(&part);
  }
  cr_assert_eq(rows, c.n_sample_traj);
  cr_assert_eq(limen_langevin_summarize(&c, p, &joined, NULL), LIMEN_OK);
  const size_t sz = M * sizeof(double);
  cr_assert(memcmp(whole.work, joined.work, sz) == 0 && memcmp(whole.heat, joined.heat, sz) == 0);
  cr_assert(memcmp(whole.dU, joined.dU, sz) == 0 && memcmp(whole.x_final, joined.x_final, sz) == 0);
  cr_assert(memcmp(whole.passage_time, joined.passage_time, sz) == 0);
  cr_assert(memcmp(whole.sample_x, sx, c.n_sample_traj * np * sizeof(double)) == 0);
  cr_assert(whole.mean_work == joined.mean_work && whole.stderr_heat == joined.stderr_heat &&
            whole.success == joined.success && whole.n_passed == joined.n_passed &&
            whole.max_first_law_residual == joined.max_first_law_residual);
  cr_assert(whole.heat_hist->bins == joined.heat_hist->bins &&
            memcmp(whole.heat_hist->edges, joined.heat_hist->edges,
                   (whole.heat_hist->bins + 1) * sizeof(double)) == 0);
  for (size_t i = 0; i < c.hist_bins; i++)
    cr_assert(whole.heat_hist->counts[i] == joined.heat_hist->counts[i]);
  /* parts outside the ensemble are refused, naming the range */
  limen_langevin_result bad;
  limen_error e;
  cr_assert_eq(limen_langevin_run_part(&c, NULL, p, 300, 34, &bad, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "[300, 334)") && strstr(e.msg, "[0, 333)"), "%s", e.msg);
  cr_assert_eq(limen_langevin_run_part(&c, NULL, p, 5, 0, &bad, &e), LIMEN_EINVAL);
  free(sx);
  limen_langevin_result_clear(&whole);
  limen_langevin_result_clear(&joined);
  limen_protocol_free(p);
}

Test(langevin, rejects_bad_input) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_erasure(6, 0.5, 3, 1, 2.0, &p, NULL), 0);
  limen_langevin_config c = cfg_of(-1, 10, 1);
  limen_langevin_result r;
  limen_error e;
  cr_assert_eq(limen_langevin_run(&c, NULL, p, &r, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "dt = -1") != NULL, "%s", e.msg);
  cr_assert(r.work == NULL);
  c = cfg_of(1e-3, 10, 1);
  c.integrator = limen_integrator_ou;
  cr_assert_eq(limen_langevin_run(&c, NULL, p, &r, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "harmonic") != NULL, "%s", e.msg);
  const limen_integrator_type *t;
  cr_assert_eq(limen_integrator_type_find("heun", &t, NULL), 0);
  cr_assert_eq(t, limen_integrator_heun);
  cr_assert_eq(limen_integrator_type_find("rk4", &t, &e), LIMEN_ENOTFOUND);
  limen_protocol_free(p);
}

Test(langevin, samples_and_histograms) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_trap_linear(1.0, 2.0, 1.0, &p, NULL), 0);
  limen_langevin_config c = cfg_of(0.01, 100, 3);
  c.record = LIMEN_RECORD_SAMPLES | LIMEN_RECORD_HISTOGRAMS;
  c.n_sample_traj = 5;
  c.sample_every = 30;
  limen_langevin_result r;
  run_ok(&c, p, &r);
  cr_assert_eq(r.n_steps, 100);
  cr_assert_eq(r.n_sample_points, 5); /* steps 0, 30, 60, 90, 100 */
  cr_assert(tu_close_rel(r.sample_t[4], 1.0, 1e-15));
  for (size_t i = 0; i < 5; i++) cr_assert_eq(r.sample_x[i * 5 + 4], r.x_final[i]);
  double tot = 0;
  for (size_t b = 0; b < r.heat_hist->bins; b++) tot += r.heat_hist->counts[b];
  cr_assert_eq(tot, 100.0);
  limen_langevin_result_clear(&r);
  limen_protocol_free(p);
}

/* Euler–Maruyama in U = (k/2)x²: x' = (1 − kΔt)x + √(2Δt)ξ has the stationary variance
 * (1/k)/(1 − kΔt/2) exactly (theory §5). */
Test(langevin, euler_stationary_variance_is_the_discrete_formula) {
  const double k = 2.0, dt = 0.05, tau = 20.0; /* (1 − kΔt)^{2N} = 0.9^800: stationary */
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_stiffness_change(k, k, tau, &p, NULL), 0);
  limen_langevin_config c = cfg_of(dt, scaled(40000), 11);
  c.threads = 0;
  limen_langevin_result r;
  run_ok(&c, p, &r);
  double v, se;
  var_se(r.x_final, r.n_traj, &v, &se);
  double expect = (1.0 / k) / (1.0 - k * dt / 2.0), z = tu_z(v, expect, se);
  cr_log_info("EM stationary variance: expected %.6f measured %.6f se %.6f z %.2f (1/k = %.3f)",
              expect, v, se, z, 1 / k);
  cr_assert(fabs(z) < 4, "variance %g vs %g: z = %.2f", v, expect, z);
  limen_langevin_result_clear(&r);
  limen_protocol_free(p);
}

/* The exact OU step reproduces the transition density of U = (k/2)(x − c)² for any Δt:
 * from x0, x(t) ~ N(c + (x0 − c)e^{−kt}, (1 − e^{−2kt})/k).  Kolmogorov–Smirnov test. */
Test(langevin, ou_step_has_the_exact_transition_density) {
  const double k = 1.5, x0 = 2.0, tau = 0.7;
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_stiffness_change(k, k, tau, &p, NULL), 0);
  double dts[2] = {tau, tau / 7.0};
  for (int j = 0; j < 2; j++) {
    limen_langevin_config c = cfg_of(dts[j], scaled(20000), 5 + j);
    c.integrator = limen_integrator_ou;
    c.init = LIMEN_INIT_FIXED;
    c.x0 = x0;
    limen_langevin_result r;
    run_ok(&c, p, &r);
    double m = x0 * exp(-k * tau), s = sqrt(-expm1(-2 * k * tau) / k);
    size_t n = r.n_traj;
    double *y = r.x_final, mean = 0;
    for (size_t i = 0; i < n; i++) mean += y[i];
    mean /= (double)n;
    double v, se;
    var_se(y, n, &v, &se);
    double zm = (mean - m) / (s / sqrt((double)n)), zv = tu_z(v, s * s, se);
    gsl_sort(y, 1, n);
    double D = 0;
    for (size_t i = 0; i < n; i++) {
      double F = gsl_cdf_gaussian_P(y[i] - m, s);
      D = fmax(D, fmax(fabs(F - (double)i / n), fabs(F - (double)(i + 1) / n)));
    }
    double ks = D * sqrt((double)n);
    cr_log_info("OU step dt=%.3f: mean %.5f (exact %.5f, z %.2f), var %.5f (exact %.5f, z %.2f), "
                "KS sqrt(n)D = %.3f", dts[j], mean, m, zm, v, s * s, zv, ks);
    cr_assert(fabs(zm) < 4 && fabs(zv) < 4);
    cr_assert(ks < 1.95, "KS statistic %.3f (0.1%% critical value 1.95)", ks);
    limen_langevin_result_clear(&r);
  }
  limen_protocol_free(p);
}

/* Schmiedl & Seifert (PRL 98, 108301 (2007)): optimal trap translation by λ_f in τ costs
 * W* = λ_f²/(τ + 2/k) with Var W = 2⟨W⟩ (Gaussian work, Jarzynski with ΔF = 0); the linear
 * protocol costs λ_f²/τ² (τ − (1 − e^{−kτ})/k), more.  Exact OU dynamics; the O(Δt) error of the
 * piecewise-constant protocol is checked by halving Δt. */
Test(langevin, schmiedl_seifert_optimal_trap_translation) {
  const double k = 1.0, lf = 3.0, tau = 1.0;
  limen_protocol *po, *pl;
  cr_assert_eq(limen_protocol_alloc_trap_optimal(k, lf, tau, &po, NULL), 0);
  cr_assert_eq(limen_protocol_alloc_trap_linear(k, lf, tau, &pl, NULL), 0);
  double wstar = lf * lf / (tau + 2 / k);
  double wlin = lf * lf / (tau * tau) * (tau - (1 - exp(-k * tau)) / k);
  double prev = NAN, prev_se = 0;
  for (int h = 0; h < 2; h++) {
    limen_langevin_config c = cfg_of(2e-3 / (1 << h), scaled(20000), 21);
    c.noise_refine = 1 - h; /* both runs follow the same Brownian paths */
    c.integrator = limen_integrator_ou;
    c.threads = 0;
    limen_langevin_result ro, rl;
    run_ok(&c, po, &ro);
    run_ok(&c, pl, &rl);
    double v, se;
    var_se(ro.work, ro.n_traj, &v, &se);
    double z = tu_z(ro.mean_work, wstar, ro.stderr_work);
    /* Var W − 2⟨W⟩ with its standard error (the two estimates are correlated; the bound
     * below adds their errors, which is conservative) */
    double zv = (v - 2 * ro.mean_work) / (se + 2 * ro.stderr_work);
    size_t n = ro.n_traj;
    double dm = 0, ds = 0;
    for (size_t i = 0; i < n; i++) dm += rl.work[i] - ro.work[i];
    dm /= (double)n;
    for (size_t i = 0; i < n; i++) {
      double d = rl.work[i] - ro.work[i] - dm;
      ds += d * d;
    }
    ds = sqrt(ds / (double)(n - 1) / (double)n);
    double zd = tu_z(dm, wlin - wstar, ds);
    cr_log_info("Schmiedl-Seifert dt=%.1e: W* expected %.5f measured %.5f se %.5f z %.2f; "
                "Var W %.4f vs 2<W> %.4f (z %.2f); linear - optimal: expected %.5f measured %.5f "
                "se %.5f z %.2f", c.dt, wstar, ro.mean_work, ro.stderr_work, z, v,
                2 * ro.mean_work, zv, wlin - wstar, dm, ds, zd);
    cr_assert(fabs(z) < 4 && fabs(zv) < 4 && fabs(zd) < 4);
    cr_assert(dm > 4 * ds, "the linear protocol must cost more");
    if (h == 1) {
      double shift = fabs(ro.mean_work - prev);
      cr_log_info("Schmiedl-Seifert: halving dt moves <W> by %.2e (se %.2e)", shift, prev_se);
      cr_assert(shift < prev_se, "dt bias %.3g above one standard error %.3g", shift, prev_se);
    }
    prev = ro.mean_work;
    prev_se = ro.stderr_work;
    limen_langevin_result_clear(&ro);
    limen_langevin_result_clear(&rl);
  }
  limen_protocol_free(po);
  limen_protocol_free(pl);
}

/* Mean work of a linear stiffness ramp k(t), from the exact variance ODE
 * dv/dt = −2k(t)v + 2 (RK4, fine steps): ⟨W⟩ = ∫ k̇/2 · v dt. */
static double stiffness_work(double ki, double kf, double tau) {
  int n = 200000;
  double h = tau / n, v = 1 / ki, w = 0, kd = (kf - ki) / tau;
#define RHS(t, v) (-2 * (ki + kd * (t)) * (v) + 2)
  for (int i = 0; i < n; i++) {
    double t = i * h;
    double k1 = RHS(t, v), k2 = RHS(t + h / 2, v + h / 2 * k1), k3 = RHS(t + h / 2, v + h / 2 * k2),
           k4 = RHS(t + h, v + h * k3);
    double vn = v + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
    w += kd / 2 * h / 6 * (v + 4 * (v + h / 2 * (k1 + k2) / 2) + vn); /* Simpson on the step */
    v = vn;
  }
#undef RHS
  return w;
}

Test(langevin, stiffness_change_approaches_the_free_energy) {
  const double ki = 1.0, kf = 4.0, dF = 0.5 * log(kf / ki);
  /* the deterministic reference tends to ΔF quasi-statically */
  double wslow = stiffness_work(ki, kf, 2000.0);
  cr_log_info("stiffness change: <W>(tau=2000) = %.6f, quasi-static (1/2)ln(kf/ki) = %.6f", wslow,
              dF);
  cr_assert(fabs(wslow - dF) < 2e-3);
  const double tau = 20.0;
  double expect = stiffness_work(ki, kf, tau);
  double prev = NAN, prev_se = 0;
  for (int h = 0; h < 2; h++) {
    limen_langevin_config c = cfg_of(1e-2 / (1 << h), scaled(8000), 31);
    c.noise_refine = 1 - h; /* both runs follow the same Brownian paths */
    c.integrator = limen_integrator_ou;
    c.threads = 0;
    limen_protocol *p;
    cr_assert_eq(limen_protocol_alloc_stiffness_change(ki, kf, tau, &p, NULL), 0);
    limen_langevin_result r;
    run_ok(&c, p, &r);
    double z = tu_z(r.mean_work, expect, r.stderr_work);
    cr_log_info("stiffness change tau=%g dt=%.0e: <W> expected %.5f measured %.5f se %.5f z %.2f "
                "(quasi-static %.5f)", tau, c.dt, expect, r.mean_work, r.stderr_work, z, dF);
    cr_assert(fabs(z) < 4);
    if (h == 1) cr_assert(fabs(r.mean_work - prev) < prev_se, "dt bias above one se");
    prev = r.mean_work;
    prev_se = r.stderr_work;
    limen_langevin_result_clear(&r);
    limen_protocol_free(p);
  }
}

/* Jarzynski: ⟨e^{−W}⟩ = e^{−ΔF} for a fast stiffness jump-and-ramp (⟨W⟩ − ΔF of order kT).
 * With the exact OU step the equality holds at any Δt for the piecewise-constant protocol. */
Test(langevin, jarzynski_equality_few_kT) {
  const double ki = 1.0, kf = 6.0, dF = 0.5 * log(kf / ki);
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_stiffness_change(ki, kf, 0.2, &p, NULL), 0);
  limen_langevin_config c = cfg_of(1e-2, scaled(40000), 41);
  c.integrator = limen_integrator_ou;
  c.threads = 0;
  limen_langevin_result r;
  run_ok(&c, p, &r);
  double est, se;
  cr_assert_eq(limen_langevin_jarzynski(&r, &est, &se, NULL), 0);
  double z = tu_z(est, dF, se);
  cr_log_info("Jarzynski: dF expected %.5f, -ln<e^-W> = %.5f se %.5f z %.2f; <W> = %.4f "
              "(dissipated %.3f kT)", dF, est, se, z, r.mean_work, r.mean_work - dF);
  cr_assert(r.mean_work - dF > 0.3, "not in the few-kT regime");
  cr_assert(fabs(z) < 4);
  limen_langevin_result_clear(&r);
  limen_protocol_free(p);
}

/* z-scores of the sample mean and variance of x[0..n) against the Boltzmann moments of
 * U(·, u), by the trapezoid rule on [−4, 4] (spectrally accurate for these wells). */
static void sampler_z(const limen_potential *pot, const limen_control *u, const double *x, size_t n,
                      const char *label, double *zm, double *zv) {
  double z0 = 0, z1 = 0, z2 = 0;
  for (int i = -40000; i <= 40000; i++) {
    double t = i * 1e-4, w = exp(-limen_potential_energy(pot, u, t));
    z0 += w;
    z1 += w * t;
    z2 += w * t * t;
  }
  double m1 = z1 / z0, var = z2 / z0 - m1 * m1;
  double s1 = 0;
  for (size_t i = 0; i < n; i++) s1 += x[i];
  s1 /= (double)n;
  double v, se;
  var_se(x, n, &v, &se);
  *zm = (s1 - m1) / sqrt(var / (double)n);
  *zv = tu_z(v, var, se);
  cr_log_info("%s: <x> %.5f vs %.5f (z %.2f), var %.5f vs %.5f (z %.2f)", label, s1, m1, *zm, v, var,
              *zv);
}

/* Exact equilibrium sampling of the quartic well: ⟨x²⟩ against quadrature. */
Test(langevin, equilibrium_sampler_matches_quadrature) {
  limen_potential *pot;
  limen_control u = limen_control_zero();
  u.barrier = 3.0;
  u.tilt = 0.7;
  cr_assert_eq(limen_potential_alloc(limen_potential_quartic, NULL, &pot, NULL), 0);
  size_t n = scaled(40000);
  double *x = malloc(n * sizeof *x);
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, HUGE_VAL, 5, n, x, NULL, NULL), 0);
  double zm, zv;
  sampler_z(pot, &u, x, n, "sampler", &zm, &zv);
  cr_assert(fabs(zm) < 4 && fabs(zv) < 4);
  /* restricted to a region */
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, 0.0, 5, n, x, NULL, NULL), 0);
  for (size_t i = 0; i < n; i++) cr_assert(x[i] <= 0.0);
  free(x);
  limen_potential_free(pot);
}

/* The sampler's grid is a limen_precision knob: explicit defaults give the same samples as
 * NULL; a coarse grid (64 cells over U − min U ≤ 20 kT) changes the envelope, not the
 * density, so its moments still match quadrature; bad values are rejected by name. */
Test(langevin, equilibrium_sampler_grid_from_precision) {
  limen_potential *pot;
  limen_control u = limen_control_zero();
  u.barrier = 3.0;
  u.tilt = 0.7;
  cr_assert_eq(limen_potential_alloc(limen_potential_quartic, NULL, &pot, NULL), 0);
  size_t n = scaled(40000);
  double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
  limen_precision p = limen_precision_default();
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, HUGE_VAL, 9, n, x, NULL, NULL), 0);
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, HUGE_VAL, 9, n, y, &p, NULL), 0);
  cr_assert(memcmp(x, y, n * sizeof *x) == 0, "explicit defaults differ from NULL");
  p.eq_sample_cells = 64;
  p.eq_sample_cut_kT = 20.0;
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, HUGE_VAL, 9, n, x, &p, NULL), 0);
  double zm, zv;
  sampler_z(pot, &u, x, n, "coarse sampler", &zm, &zv);
  cr_assert(fabs(zm) < 4 && fabs(zv) < 4, "z %.2f, %.2f", zm, zv);
  limen_error e;
  p = limen_precision_default();
  p.eq_sample_cells = 0;
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, HUGE_VAL, 9, n, x, &p, &e),
               LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "eq_sample_cells") != NULL, "%s", e.msg);
  p = limen_precision_default();
  p.eq_sample_cut_kT = NAN;
  cr_assert_eq(limen_equilibrium_sample(pot, &u, -HUGE_VAL, HUGE_VAL, 9, n, x, &p, &e),
               LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "eq_sample_cut_kT") != NULL, "%s", e.msg);
  free(x);
  free(y);
  limen_potential_free(pot);
}

/* Every ready-made protocol runs with its defaults; the first law holds on every trajectory. */
Test(langevin, every_library_protocol_runs) {
  for (const char *const *n = limen_protocol_names(); *n; n++) {
    limen_protocol *p;
    limen_error e;
    cr_assert_eq(limen_protocol_alloc_named(*n, NULL, &p, &e), 0, "%s: %s", *n, e.msg);
    limen_langevin_config c = cfg_of(2e-3, 64, 1);
    c.threads = 0;
    limen_langevin_result r;
    int rc = limen_langevin_run(&c, NULL, p, &r, &e);
    cr_assert_eq(rc, LIMEN_OK, "%s: %s", *n, e.msg);
    cr_assert(r.max_first_law_residual < 1e-10, "%s: residual %g", *n, r.max_first_law_residual);
    cr_log_info("%-17s tau %6.1f: <W> %8.4f <Q> %8.4f success %.3f (64 trajectories)", *n,
                r.duration, r.mean_work, r.mean_heat, r.success);
    limen_langevin_result_clear(&r);
    limen_protocol_free(p);
  }
}
