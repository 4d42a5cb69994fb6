/* SPDX-License-Identifier: GPL-3.0-or-later
 * Fokker–Planck solver: the finite-volume kernel (stationarity and mass to round-off,
 * relaxation), the protocol driver (Schmiedl–Seifert, quasi-static stiffness change,
 * agreement with the Langevin ensemble) and its runs in blocks of steps: stopped and resumed
 * from a checkpoint bit for bit, a checkpoint that does not fit refused, the first-law check. */
#include <criterion/criterion.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_vector.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "limen/fokker_planck.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "testutil.h"

static void quartic(const double *x, size_t n, double eb, double f, double *u) {
  for (size_t i = 0; i < n; i++) u[i] = eb * (x[i] * x[i] - 1.0) * (x[i] * x[i] - 1.0) - f * x[i];
}

static void harmonic(const double *x, size_t n, double k, double c, double *u) {
  for (size_t i = 0; i < n; i++) u[i] = 0.5 * k * (x[i] - c) * (x[i] - c);
}

/* e^{−U} stays put to round-off, under both schemes, over many large steps. */
Test(fp_kernel, boltzmann_is_stationary_to_roundoff) {
  const double barriers[] = {0.5, 5.0, 20.0};
  for (int s = 0; s < 2; s++)
    for (size_t b = 0; b < 3; b++) {
      limen_fp_grid *g = limen_fp_grid_alloc(801, -2.2, 2.2, NULL);
      cr_assert_not_null(g);
      size_t n = limen_fp_grid_size(g);
      double *u = malloc(n * sizeof *u), *rho0 = malloc(n * sizeof *rho0);
      quartic(limen_fp_grid_x(g), n, barriers[b], 0.7, u);
      cr_assert_eq(limen_fp_grid_set_boltzmann(g, u, NULL), LIMEN_OK);
      const double *rho = limen_fp_grid_density(g);
      double rmax = 0.0;
      for (size_t i = 0; i < n; i++) rho0[i] = rho[i], rmax = fmax(rmax, rho[i]);
      double flux = 1.0;
      cr_assert_eq(limen_fp_grid_flux_residual(g, u, &flux, NULL), LIMEN_OK);
      cr_expect_lt(flux, 1e-12 * rmax, "equilibrium flux %g", flux);
      for (int k = 0; k < 1000; k++)
        cr_assert_eq(limen_fp_grid_step(g, u, 0.05, (limen_fp_scheme)s, NULL), LIMEN_OK);
      double dev = 0.0;
      for (size_t i = 0; i < n; i++) dev = fmax(dev, fabs(rho[i] - rho0[i]));
      cr_expect_lt(dev / rmax, 1e-12, "scheme %d, E_b = %g: max |Δρ|/max ρ = %g after 1000 steps", s,
                   barriers[b], dev / rmax);
      cr_expect_lt(fabs(limen_fp_grid_mass(g) - 1.0), 1e-12, "mass error %g", limen_fp_grid_mass(g) - 1.0);
      free(u);
      free(rho0);
      limen_fp_grid_free(g);
    }
}

/* Mass is conserved to round-off far from equilibrium, with a potential that changes every step. */
Test(fp_kernel, mass_conserved_to_roundoff) {
  for (int s = 0; s < 2; s++) {
    limen_fp_grid *g = limen_fp_grid_alloc(500, -3.0, 3.0, NULL);
    size_t n = limen_fp_grid_size(g);
    double *u = malloc(n * sizeof *u), *rho = malloc(n * sizeof *rho);
    const double *x = limen_fp_grid_x(g);
    for (size_t i = 0; i < n; i++) rho[i] = x[i] > 2.0 ? 5.0 : 0.0; /* a block at the right edge */
    cr_assert_eq(limen_fp_grid_set_density(g, rho, NULL), LIMEN_OK);
    double m0 = limen_fp_grid_mass(g);
    for (int k = 0; k < 2000; k++) {
      quartic(x, n, 4.0 * (1.0 + sin(0.01 * k)), 6.0 * cos(0.003 * k), u);
      cr_assert_eq(limen_fp_grid_step(g, u, k % 7 == 0 ? 0.3 : 1e-3, (limen_fp_scheme)s, NULL), LIMEN_OK);
    }
    /* round-off: a few units of DBL_EPSILON per step, accumulated over the 2000 steps */
    double rel = fabs(limen_fp_grid_mass(g) - m0) / m0;
    cr_expect_lt(rel, 4.0 * 2000 * 2.220446e-16, "scheme %d: relative mass drift %g", s, rel);
    cr_log_info("scheme %d: relative mass drift after 2000 steps %.2e", s, rel);
    free(u);
    free(rho);
    limen_fp_grid_free(g);
  }
}

/* From a uniform start the density relaxes to the discrete Boltzmann density; in a harmonic
 * trap the mean relaxes as c + (x0 − c)e^{−kt} (exact OU), to discretization error. */
Test(fp_kernel, relaxes_to_equilibrium) {
  limen_fp_grid *g = limen_fp_grid_alloc(600, -2.5, 2.5, NULL);
  size_t n = limen_fp_grid_size(g);
  double *u = malloc(n * sizeof *u), *eq = malloc(n * sizeof *eq), *xs = malloc(n * sizeof *xs);
  const double *x = limen_fp_grid_x(g);
  quartic(x, n, 3.0, 1.0, u);
  cr_assert_eq(limen_fp_grid_set_boltzmann(g, u, NULL), LIMEN_OK);
  for (size_t i = 0; i < n; i++) eq[i] = limen_fp_grid_density(g)[i];
  for (size_t i = 0; i < n; i++) xs[i] = 1.0;
  cr_assert_eq(limen_fp_grid_set_density(g, xs, NULL), LIMEN_OK); /* uniform, mass 5 */
  for (int k = 0; k < 4000; k++) cr_assert_eq(limen_fp_grid_step(g, u, 0.05, LIMEN_FP_TRBDF2, NULL), LIMEN_OK);
  double dev = 0.0, m = limen_fp_grid_mass(g);
  for (size_t i = 0; i < n; i++) dev = fmax(dev, fabs(limen_fp_grid_density(g)[i] / m - eq[i]));
  cr_expect_lt(dev, 1e-10, "distance to equilibrium %g", dev);

  free(u);
  free(eq);
  free(xs);
  limen_fp_grid_free(g);

  /* harmonic relaxation of the mean: start in equilibrium around 0, move the trap to c = 1 */
  const double k = 2.0, c = 1.0, t_end = 0.8;
  g = limen_fp_grid_alloc(1100, -5.0, 6.0, NULL);
  n = limen_fp_grid_size(g);
  x = limen_fp_grid_x(g);
  u = malloc(n * sizeof *u), eq = malloc(n * sizeof *eq), xs = malloc(n * sizeof *xs);
  harmonic(x, n, k, 0.0, u);
  limen_fp_grid_set_boltzmann(g, u, NULL);
  harmonic(x, n, k, c, u);
  for (size_t i = 0; i < n; i++) xs[i] = x[i];
  for (int r = 0; r < 3; r++) {
    int steps = 100 << r;
    harmonic(x, n, k, 0.0, eq);
    limen_fp_grid_set_boltzmann(g, eq, NULL);
    for (int s = 0; s < steps; s++) limen_fp_grid_step(g, u, t_end / steps, LIMEN_FP_TRBDF2, NULL);
    double mean = limen_fp_grid_mean(g, xs), exact = c * (1.0 - exp(-k * t_end));
    double e = fabs(mean - exact);
    cr_log_info("harmonic mean relaxation, %d steps: error %.3e", steps, e);
    /* spatial error O(h²) ≈ 1e-5 at h = 0.01 dominates the O(Δt²) TR-BDF2 error here */
    cr_expect_lt(e, 3e-5, "mean %g vs exact %g", mean, exact);
  }
  free(u);
  free(eq);
  free(xs);
  limen_fp_grid_free(g);
}

Test(fp_kernel, rejects_bad_input) {
  limen_error err;
  cr_expect_null(limen_fp_grid_alloc(2, 0, 1, &err));
  cr_expect_eq(err.code, LIMEN_EINVAL);
  cr_expect_null(limen_fp_grid_alloc(10, 1, 1, &err));
  limen_fp_grid *g = limen_fp_grid_alloc(10, 0, 1, NULL);
  double u[10] = {0};
  cr_expect_eq(limen_fp_grid_step(g, u, -1.0, LIMEN_FP_TRBDF2, &err), LIMEN_EINVAL);
  u[3] = NAN;
  cr_expect_eq(limen_fp_grid_step(g, u, 0.1, LIMEN_FP_TRBDF2, &err), LIMEN_ENUMERIC);
  limen_fp_grid_free(g);
}

/* One backward-Euler step equals an independent solve of (I − ΔtA)ρⁿ⁺¹ = ρⁿ by GSL, with A
 * assembled here from the Scharfetter–Gummel formula. */
Test(fp_kernel, step_matches_gsl_tridiagonal_solve) {
  const size_t n = 300;
  const double dt = 0.02;
  limen_fp_grid *g = limen_fp_grid_alloc(n, -2.0, 2.5, NULL);
  const double *x = limen_fp_grid_x(g);
  double h = limen_fp_grid_dx(g);
  double *u = malloc(n * sizeof *u), *rho = malloc(n * sizeof *rho);
  quartic(x, n, 6.0, 2.0, u);
  for (size_t i = 0; i < n; i++) rho[i] = exp(-(x[i] - 0.3) * (x[i] - 0.3) * 4.0);
  limen_fp_grid_set_density(g, rho, NULL);
  gsl_vector *d = gsl_vector_calloc(n), *e = gsl_vector_calloc(n - 1), *f = gsl_vector_calloc(n - 1);
  gsl_vector *b = gsl_vector_alloc(n), *s = gsl_vector_alloc(n);
  for (size_t i = 0; i < n; i++) gsl_vector_set(d, i, 1.0), gsl_vector_set(b, i, rho[i]);
  for (size_t i = 0; i + 1 < n; i++) {
    double z = u[i + 1] - u[i];
    double bp = z == 0 ? 1.0 : z / expm1(z), bm = z == 0 ? 1.0 : -z / expm1(-z);
    double k = dt / (h * h);
    *gsl_vector_ptr(d, i) += k * bp;
    *gsl_vector_ptr(d, i + 1) += k * bm;
    gsl_vector_set(e, i, -k * bm);
    gsl_vector_set(f, i, -k * bp);
  }
  cr_assert_eq(gsl_linalg_solve_tridiag(d, e, f, b, s), 0);
  cr_assert_eq(limen_fp_grid_step(g, u, dt, LIMEN_FP_BACKWARD_EULER, NULL), LIMEN_OK);
  double dev = 0.0, m = 0.0;
  for (size_t i = 0; i < n; i++)
    dev = fmax(dev, fabs(limen_fp_grid_density(g)[i] - gsl_vector_get(s, i))), m = fmax(m, rho[i]);
  cr_expect_lt(dev / m, 1e-13, "max deviation from GSL %g", dev / m);
  gsl_vector_free(d), gsl_vector_free(e), gsl_vector_free(f), gsl_vector_free(b), gsl_vector_free(s);
  free(u);
  free(rho);
  limen_fp_grid_free(g);
}

/* ---- the protocol driver ---------------------------------------------------------------- */

static double fp_work(const limen_protocol *p, double dt, double h_max, limen_fp_result *keep) {
  limen_fp_config c = limen_fp_config_default();
  c.dt = dt;
  c.h_max = h_max;
  limen_fp_result r;
  limen_error err;
  cr_assert_eq(limen_fp_run(&c, NULL, p, &r, &err), LIMEN_OK, "%s", err.msg);
  cr_expect_lt(r.first_law_residual, 1e-12, "first law residual %g", r.first_law_residual);
  cr_expect_lt(r.mass_error, 1e-12, "mass error %g", r.mass_error);
  double w = r.mean_work;
  if (keep) *keep = r;
  else limen_fp_result_clear(&r);
  return w;
}

/* Schmiedl & Seifert: W* = λ_f²/(τ + 2/k), to discretization error, second order in the grid. */
Test(fp_protocol, schmiedl_seifert_converges_with_grid) {
  const double k = 1.0, lf = 2.0, tau = 1.0, wstar = lf * lf / (tau + 2.0 / k);
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc_trap_optimal(k, lf, tau, &p, NULL), LIMEN_OK);
  double prev = 0.0;
  for (int r = 0; r < 3; r++) {
    double h = 0.08 / (1 << r);
    double e = fabs(fp_work(p, 1e-3, h, NULL) - wstar);
    cr_log_info("dx = %.3f: |W - W*| = %.3e", h, e);
    if (r > 0) cr_expect(e < prev / 3.0 && e > prev / 5.0, "error ratio %.2f at dx = %g (second order: 4)", prev / e, h);
    prev = e;
  }
  cr_expect_lt(prev / wstar, 1e-4, "relative error %g at the finest grid", prev / wstar);
  /* and first order in the time step (the Sekimoto splitting) */
  double w1 = fp_work(p, 4e-3, 0.02, NULL), w2 = fp_work(p, 2e-3, 0.02, NULL), w4 = fp_work(p, 1e-3, 0.02, NULL);
  cr_log_info("dt 4e-3, 2e-3, 1e-3: W - W* = %.3e %.3e %.3e", w1 - wstar, w2 - wstar, w4 - wstar);
  cr_expect_lt(fabs(w4 - w2), fabs(w2 - w1), "time error falls with dt");
  /* the linear protocol costs more (closed form (λ_f/τ)²(τ − (1 − e^{−kτ})/k)) */
  limen_protocol *l = NULL;
  cr_assert_eq(limen_protocol_alloc_trap_linear(k, lf, tau, &l, NULL), LIMEN_OK);
  double wl = fp_work(l, 1e-3, 0.01, NULL), wl_exact = lf * lf / (tau * tau) * (tau + expm1(-k * tau) / k);
  cr_expect_lt(fabs(wl - wl_exact), 1e-4 * wl_exact, "linear W %g vs %g", wl, wl_exact);
  cr_expect_gt(wl, wstar);
  limen_protocol_free(l);
  limen_protocol_free(p);
}

/* Closed-form mean work of the two trap protocols (units γ = kT = 1).
 * Optimal (Schmiedl & Seifert, PRL 98, 108301 (2007)): W* = λ_f²/(τ + 2/k), jumps included.
 * Linear, c(t) = vt with v = λ_f/τ: the mean lag y = c − ⟨x⟩ obeys ẏ = v − k y, y(0) = 0, so
 * y = (v/k)(1 − e^{−kt}); the work rate is ⟨∂ₜU⟩ = −k v ⟨x − c⟩ = k v y, and
 *     W = ∫₀^τ k v y dt = v²(τ − (1 − e^{−kτ})/k)
 * (= γv²τ − γv²(γ/k)(1 − e^{−kτ/γ}) with γ restored); no jump at either end. */
static double trap_work_exact(int optimal, double k, double lf, double tau) {
  if (optimal) return lf * lf / (tau + 2.0 / k);
  double v = lf / tau;
  return v * v * (tau + expm1(-k * tau) / k);
}

/* The trap protocols at several distances and durations against their closed forms, with the
 * tolerance taken from the solver's own discretization error: the grid error at h by
 * Richardson from h and 2h (second order: (W_2h − W_h)/3), the time error at Δt from Δt and
 * Δt/2 (the Sekimoto splitting is first order: 2(W_Δt − W_Δt/2)).  The closed form must lie
 * within twice that estimate, and the estimate must explain most of the difference (the
 * corrected value is closer by 5×), i.e. the solver converges to the closed form.  These are
 * also the runs of `limen simulate --protocol trap-* --method fokker-planck --distance 3, 4, 6`,
 * whose success (all the mass) must stay a probability ≤ 1 despite round-off. */
Test(fp_protocol, trap_work_matches_closed_form_over_distances) {
  const double k = 1.0, dists[] = {3.0, 4.0, 6.0}, taus[] = {0.5, 1.0, 4.0}, h = 0.02, dt = 2e-3;
  for (int opt = 0; opt < 2; opt++)
    for (size_t i = 0; i < 3; i++)
      for (size_t j = 0; j < 3; j++) {
        const double lf = dists[i], tau = taus[j], exact = trap_work_exact(opt, k, lf, tau);
        limen_protocol *p = NULL;
        int rc = opt ? limen_protocol_alloc_trap_optimal(k, lf, tau, &p, NULL)
                     : limen_protocol_alloc_trap_linear(k, lf, tau, &p, NULL);
        cr_assert_eq(rc, LIMEN_OK);
        limen_fp_result r;
        double w = fp_work(p, dt, h, &r), w2h = fp_work(p, dt, 2.0 * h, NULL), wt = fp_work(p, dt / 2.0, h, NULL);
        double eh = (w2h - w) / 3.0, et = 2.0 * (w - wt), est = fabs(eh) + fabs(et);
        double err = w - exact, resid = err - eh - et;
        cr_log_info("%s lf=%g tau=%g: W %.8f exact %.8f, W - exact %+.2e; grid %+.2e, time %+.2e; corrected %+.2e",
                    opt ? "trap-optimal" : "trap-linear", lf, tau, w, exact, err, eh, et, resid);
        cr_expect_leq(fabs(err), 2.0 * est, "%s lf=%g tau=%g: |W - exact| = %.3e > 2 x estimate %.3e",
                      p->name, lf, tau, fabs(err), est);
        cr_expect_leq(fabs(resid), 0.2 * fabs(err), "%s lf=%g tau=%g: corrected error %.3e vs %.3e", p->name, lf,
                      tau, resid, err);
        cr_expect_leq(r.success, 1.0, "success %.17g", r.success);
        cr_expect_geq(r.success, 1.0 - 1e-12, "success %.17g (the target is the whole line)", r.success);
        limen_fp_result_clear(&r);
        limen_protocol_free(p);
      }
}

/* A slow stiffness change k_i → k_f costs ΔF = ½ ln(k_f/k_i) + O(1/τ). */
Test(fp_protocol, stiffness_change_quasi_static) {
  const double dF = 0.5 * log(4.0);
  double w[2];
  for (int i = 0; i < 2; i++) {
    limen_protocol *p = NULL;
    cr_assert_eq(limen_protocol_alloc_stiffness_change(1.0, 4.0, 40.0 * (i + 1), &p, NULL), LIMEN_OK);
    limen_fp_result r;
    w[i] = fp_work(p, 5e-3, 0.02, &r);
    cr_expect_lt(fabs(r.free_energy_change - dF), 1e-9, "grid dF %.12f", r.free_energy_change);
    cr_expect_gt(w[i], dF, "second law");
    limen_fp_result_clear(&r);
    limen_protocol_free(p);
  }
  double extrap = 2.0 * w[1] - w[0];
  cr_log_info("W(40) = %.6f, W(80) = %.6f, Richardson %.6f, dF = %.6f", w[0], w[1], extrap, dF);
  cr_expect_lt(fabs(extrap - dF), 1e-3);
}

/* A protocol that only jumps: the work is ⟨ΔU⟩ over the initial equilibrium and no heat flows. */
Test(fp_protocol, jump_is_work_without_heat) {
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc(1, &p, NULL), LIMEN_OK);
  p->potential = limen_potential_harmonic;
  p->initial = limen_control_zero();
  p->segments[0].duration = 0.01;
  p->segments[0].shape = LIMEN_SHAPE_HOLD;
  p->segments[0].start = p->segments[0].end = p->initial;
  p->final = p->initial;
  p->final.center = 0.7; /* U jumps from x²/2 to (x − 0.7)²/2: ⟨ΔU⟩ = 0.7²/2 */
  limen_fp_config c = limen_fp_config_default();
  c.dt = 0.001;
  c.x_lo = -12;
  c.x_hi = 12;
  c.n_cells = 2400;
  limen_fp_result r;
  cr_assert_eq(limen_fp_run(&c, NULL, p, &r, NULL), LIMEN_OK);
  cr_expect_lt(fabs(r.mean_heat), 1e-13, "heat %g in equilibrium", r.mean_heat);
  cr_expect_lt(fabs(r.mean_work - 0.245), 1e-4, "jump work %.8f", r.mean_work); /* O(dx²) quadrature */
  cr_expect_lt(r.first_law_residual, 1e-14);
  limen_fp_result_clear(&r);
  limen_protocol_free(p);
}

/* The same protocol by the Langevin ensemble: the noise-free means lie within its standard errors. */
Test(fp_protocol, agrees_with_langevin_ensemble) {
  struct {
    const char *name;
    double tau;
  } cases[] = {{"erasure", 5.0}, {"trap-linear", 1.0}, {"static-write", 1.0}};
  for (size_t i = 0; i < 3; i++) {
    limen_protocol_args a;
    cr_assert_eq(limen_protocol_args_default(cases[i].name, &a, NULL), LIMEN_OK);
    a.duration = cases[i].tau;
    limen_protocol *p = NULL;
    cr_assert_eq(limen_protocol_alloc_named(cases[i].name, &a, &p, NULL), LIMEN_OK);
    limen_langevin_config lc = limen_langevin_config_default();
    lc.n_traj = (size_t)fmax(200.0, 4000.0 * tu_scale());
    lc.dt = 1e-3;
    lc.seed = 11 + i;
    lc.integrator = p->potential->harmonic ? limen_integrator_ou : limen_integrator_heun;
    limen_langevin_result lr;
    limen_error err;
    cr_assert_eq(limen_langevin_run(&lc, NULL, p, &lr, &err), LIMEN_OK, "%s", err.msg);
    limen_fp_config fc = limen_fp_config_default();
    fc.dt = 1e-3;
    limen_fp_result fr;
    cr_assert_eq(limen_fp_run(&fc, NULL, p, &fr, &err), LIMEN_OK, "%s", err.msg);
    double zw = tu_z(lr.mean_work, fr.mean_work, lr.stderr_work), zq = tu_z(lr.mean_heat, fr.mean_heat, lr.stderr_heat);
    double zs = lr.stderr_success > 0 ? tu_z(lr.success, fr.success, lr.stderr_success) : 0.0;
    cr_log_info("%s: W FP %.5f L %.5f ± %.5f (z %+.2f); Q FP %.5f L %.5f ± %.5f (z %+.2f); P_s FP %.5f L %.5f",
                cases[i].name, fr.mean_work, lr.mean_work, lr.stderr_work, zw, fr.mean_heat, lr.mean_heat,
                lr.stderr_heat, zq, fr.success, lr.success);
    cr_expect_lt(fabs(zw), 4.0, "%s work z = %.2f", cases[i].name, zw);
    cr_expect_lt(fabs(zq), 4.0, "%s heat z = %.2f", cases[i].name, zq);
    cr_expect_lt(fabs(zs), 4.0, "%s success z = %.2f", cases[i].name, zs);
    limen_langevin_result_clear(&lr);
    limen_fp_result_clear(&fr);
    limen_protocol_free(p);
  }
}

Test(fp_protocol, rejects_bad_input) {
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc_trap_linear(1, 1, 1, &p, NULL), LIMEN_OK);
  limen_fp_config c = limen_fp_config_default();
  limen_fp_result r;
  limen_error err;
  c.dt = 0;
  cr_expect_eq(limen_fp_run(&c, NULL, p, &r, &err), LIMEN_EINVAL);
  cr_expect(strstr(err.msg, "dt") != NULL, "%s", err.msg);
  c = limen_fp_config_default();
  c.init = LIMEN_INIT_FIXED;
  c.x0 = NAN;
  cr_expect_eq(limen_fp_run(&c, NULL, p, &r, &err), LIMEN_EINVAL);
  cr_expect_eq(limen_fp_run(NULL, NULL, NULL, &r, &err), LIMEN_EINVAL);
  /* the automatic domain's accuracy knobs come from the precision struct, checked */
  limen_precision pr = limen_precision_default();
  pr.support_time_samples = 1;
  c = limen_fp_config_default();
  c.precision = &pr;
  cr_expect_eq(limen_fp_run(&c, NULL, p, &r, &err), LIMEN_EINVAL);
  cr_expect(strstr(err.msg, "precision.support_time_samples = 1") != NULL, "%s", err.msg);
  pr = limen_precision_default();
  pr.support_scan_points = 7;
  cr_expect_eq(limen_fp_run(&c, NULL, p, &r, &err), LIMEN_EINVAL);
  cr_expect(strstr(err.msg, "precision.support_scan_points = 7") != NULL, "%s", err.msg);
  limen_protocol_free(p);
}

/* ---- runs in blocks of steps under a run control (limen_fp_run_ctl, checkpoint.h) ------- */

/* Erasure over τ = 2 in 2000 steps of dt = 1e-3 (20 blocks of 100) on 600 cells. */
static limen_protocol *blocks_protocol(void) {
  limen_protocol_args a;
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_args_default("erasure", &a, NULL), LIMEN_OK);
  a.duration = 2.0;
  cr_assert_eq(limen_protocol_alloc_named("erasure", &a, &p, NULL), LIMEN_OK);
  return p;
}

static limen_fp_config blocks_config(void) {
  limen_fp_config c = limen_fp_config_default();
  c.dt = 1e-3;
  c.n_cells = 600;
  return c;
}

static const char k_blocks_inputs[] = "case = erasure\n";

/* should_stop that answers yes at its *ctx-th call (after that many blocks). */
static int stop_after(void *ctx) { return --*(int *)ctx == 0; }

/* The checkpoint through its text, as a resumed run reads it from its file. */
static void through_text(limen_checkpoint *ck) {
  char *text = NULL;
  limen_error e;
  cr_assert_eq(limen_checkpoint_format(ck, &text, &e), LIMEN_OK, "%s", e.msg);
  limen_checkpoint_clear(ck);
  cr_assert_eq(limen_checkpoint_parse(text, "test", ck, &e), LIMEN_OK, "%s", e.msg);
  free(text);
}

/* The run stopped after `stop` blocks (its checkpoint in ck, through its text). */
static void run_stopped(const limen_protocol *p, int stop, limen_checkpoint *ck) {
  limen_fp_config c = blocks_config();
  limen_fp_result r;
  limen_error e;
  int asked = stop;
  limen_checkpoint_init(ck);
  limen_run_control ctl = {stop_after, &asked, ck, NULL, 0.0, 0.0, NULL};
  cr_assert_eq(limen_fp_run_ctl(&c, NULL, p, "fp-test", k_blocks_inputs, &ctl, &r, &e), LIMEN_EINTERRUPTED, "%s",
               e.msg);
  char want[64];
  snprintf(want, sizeof want, "interrupted after %d of 20 blocks of steps", stop);
  cr_assert(strstr(e.msg, want), "%s", e.msg);
  cr_assert_null(r.rho);
  cr_assert_eq(ck->done, (size_t)stop);
  for (size_t u = 0; u < ck->done; u++) /* only the last block keeps its density */
    cr_assert_eq(ck->units[u].n_values, 2 + (u + 1 == ck->done ? 600u : 0u), "block %zu", u);
  through_text(ck);
}

/* Resume from ck into r; returns the status. */
static int run_resumed(const limen_protocol *p, limen_checkpoint *ck, limen_fp_result *r, limen_error *e) {
  limen_fp_config c = blocks_config();
  limen_run_control ctl = {NULL, NULL, ck, NULL, 0.0, 0.0, NULL};
  return limen_fp_run_ctl(&c, NULL, p, "fp-test", k_blocks_inputs, &ctl, r, e);
}

static void expect_same_bits(const limen_fp_result *a, const limen_fp_result *b, const char *what) {
  const double va[] = {a->mean_work, a->mean_heat, a->mean_dU, a->first_law_residual, a->success, a->mass_error,
                       a->free_energy_change, a->dt, a->x_lo, a->x_hi};
  const double vb[] = {b->mean_work, b->mean_heat, b->mean_dU, b->first_law_residual, b->success, b->mass_error,
                       b->free_energy_change, b->dt, b->x_lo, b->x_hi};
  cr_expect_eq(memcmp(va, vb, sizeof va), 0, "%s: W %a/%a Q %a/%a", what, a->mean_work, b->mean_work, a->mean_heat,
               b->mean_heat);
  cr_assert_eq(a->n_cells, b->n_cells, "%s", what);
  cr_expect_eq(a->n_steps, b->n_steps, "%s", what);
  cr_expect_eq(memcmp(a->rho, b->rho, a->n_cells * sizeof *a->rho), 0, "%s: final density", what);
}

/* Steps per block: at least 100, at most 1024 blocks. */
Test(fp_resume, block_size) {
  cr_expect_eq(limen_fp_unit_steps(0), 100);
  cr_expect_eq(limen_fp_unit_steps(2000), 100);
  cr_expect_eq(limen_fp_unit_steps(102400), 100);
  cr_expect_eq(limen_fp_unit_steps(102401), 101);
  cr_expect_eq(limen_fp_unit_steps(1024000), 1000);
}

/* In blocks, without a checkpoint or stopped after 1, 7 or 19 blocks and resumed from the
 * checkpoint's text (and a finished checkpoint resumed again): every number of the result and
 * the final density are those of one uninterrupted run, bit for bit. */
Test(fp_resume, stopped_and_resumed_runs_are_bit_identical) {
  limen_protocol *p = blocks_protocol();
  limen_fp_config c = blocks_config();
  limen_fp_result ref, r;
  limen_error e;
  cr_assert_eq(limen_fp_run(&c, NULL, p, &ref, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(ref.n_steps, 2000);
  limen_run_control plain = {NULL, NULL, NULL, NULL, 0.0, 0.0, NULL};
  cr_assert_eq(limen_fp_run_ctl(&c, NULL, p, NULL, NULL, &plain, &r, &e), LIMEN_OK, "%s", e.msg);
  expect_same_bits(&ref, &r, "in blocks, no checkpoint");
  limen_fp_result_clear(&r);
  const int stops[] = {1, 7, 19};
  for (size_t i = 0; i < 3; i++) {
    limen_checkpoint ck;
    run_stopped(p, stops[i], &ck);
    cr_assert_eq(run_resumed(p, &ck, &r, &e), LIMEN_OK, "%s", e.msg);
    char what[64];
    snprintf(what, sizeof what, "stopped after %d blocks, resumed", stops[i]);
    expect_same_bits(&ref, &r, what);
    limen_fp_result_clear(&r);
    cr_assert_eq(ck.done, 20);
    through_text(&ck);
    cr_assert_eq(run_resumed(p, &ck, &r, &e), LIMEN_OK, "%s", e.msg);
    expect_same_bits(&ref, &r, "a finished checkpoint resumed");
    limen_fp_result_clear(&r);
    limen_checkpoint_clear(&ck);
  }
  limen_fp_result_clear(&ref);
  limen_protocol_free(p);
}

/* A checkpoint of other inputs or another grid is refused naming what differs (LIMEN_EINVAL);
 * a block of the wrong length or with a value not finite is corrupt (LIMEN_EPARSE). */
Test(fp_resume, refuses_a_checkpoint_that_does_not_fit) {
  limen_protocol *p = blocks_protocol();
  limen_checkpoint ck;
  limen_fp_result r;
  limen_error e;
  run_stopped(p, 3, &ck);
  limen_fp_config c = blocks_config();
  limen_run_control ctl = {NULL, NULL, &ck, NULL, 0.0, 0.0, NULL};
  cr_expect_eq(limen_fp_run_ctl(&c, NULL, p, "fp-test", "case = other\n", &ctl, &r, &e), LIMEN_EINVAL);
  cr_expect(strstr(e.msg, "case = erasure there, other now"), "%s", e.msg);
  c.n_cells = 500;
  cr_expect_eq(limen_fp_run_ctl(&c, NULL, p, "fp-test", k_blocks_inputs, &ctl, &r, &e), LIMEN_EINVAL);
  cr_expect(strstr(e.msg, "fokker-planck grid = 600 cells on ") && strstr(e.msg, "500 cells on "), "%s", e.msg);
  c = blocks_config();
  c.scheme = LIMEN_FP_BACKWARD_EULER;
  cr_expect_eq(limen_fp_run_ctl(&c, NULL, p, "fp-test", k_blocks_inputs, &ctl, &r, &e), LIMEN_EINVAL);
  cr_expect(strstr(e.msg, "fokker-planck scheme = tr-bdf2 there, backward-euler now"), "%s", e.msg);
  ck.units[2].values[100] = NAN;
  cr_expect_eq(run_resumed(p, &ck, &r, &e), LIMEN_EPARSE);
  cr_expect(strstr(e.msg, "is corrupt: value 100 of block 2 is nan"), "%s", e.msg);
  ck.units[2].n_values--;
  cr_expect_eq(run_resumed(p, &ck, &r, &e), LIMEN_EPARSE);
  cr_expect(strstr(e.msg, "is corrupt: block 2 holds 601 values, not 602"), "%s", e.msg);
  cr_expect_null(r.rho);
  limen_checkpoint_clear(&ck);
  limen_protocol_free(p);
}

/* The first-law check (finish_run): the work and heat telescope into ΔU to round-off, so a
 * checkpoint whose SHA-256 is right but whose saved work is off by 2e-6 of the largest energy
 * (the check's bound is 1e-6 of it) is caught at the end of the resumed run and no result is
 * reported; off by 5e-7 of it, the run passes with its work off by just that. */
Test(fp_resume, first_law_check_catches_a_work_that_does_not_telescope) {
  limen_protocol *p = blocks_protocol();
  limen_fp_config c = blocks_config();
  limen_fp_result ref, r;
  limen_error e;
  cr_assert_eq(limen_fp_run(&c, NULL, p, &ref, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_lt(ref.first_law_residual, 1e-12, "an honest run's residual is round-off: %g", ref.first_law_residual);
  const double scale = fmax(1.0, fmax(fabs(ref.mean_work), fmax(fabs(ref.mean_heat), fabs(ref.mean_dU))));
  const double off[] = {2e-6 * scale, 5e-7 * scale};
  for (int i = 0; i < 2; i++) {
    limen_checkpoint ck;
    run_stopped(p, 5, &ck);
    ck.units[4].values[0] += off[i]; /* W after block 5 */
    through_text(&ck);               /* a new SHA-256: the file reads as whole */
    int st = run_resumed(p, &ck, &r, &e);
    if (i == 0) {
      cr_expect_eq(st, LIMEN_ENUMERIC, "work off by %g kT: status %d", off[i], st);
      cr_expect(strstr(e.msg, "first-law residual |dU - (W - Q)| = "), "%s", e.msg);
      cr_expect_null(r.rho, "no result reported");
    } else {
      cr_expect_eq(st, LIMEN_OK, "work off by %g kT: %s", off[i], e.msg);
      cr_expect_lt(fabs(r.first_law_residual - off[i]), 1e-12, "residual %g", r.first_law_residual);
      limen_fp_result_clear(&r);
    }
    limen_checkpoint_clear(&ck);
  }
  limen_fp_result_clear(&ref);
  limen_protocol_free(p);
}
