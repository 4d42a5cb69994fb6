/* SPDX-License-Identifier: GPL-3.0-or-later
 * Long statistical validations of the Langevin engine against the closed forms of theory
 * §2–§3 (label "long"): Kramers / exact MFPT in the quartic well, Bérut-style erasure and
 * the generalized Landauer limit, the Wasserstein (finite-time Landauer) bound, the static
 * tilt write (S), biased hopping (H).  Every check halves Δt on the same Brownian paths
 * (noise_refine) and requires the shift to stay below one standard error.  Sizes scale with
 * LIMEN_TEST_SCALE; tolerances are 3–4 standard errors of the reduced sample. */
#include <criterion/criterion.h>
#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

#define M_PI 3.14159265358979323846

static size_t scaled(double n, size_t floor_) {
  double v = n * tu_scale();
  return v < (double)floor_ ? floor_ : (size_t)v;
}

static void run_ok(const limen_langevin_config *c, const limen_protocol *p,
                   limen_langevin_result *r) {
  limen_error e;
  limen_error_clear(&e);
  int rc = limen_langevin_run(c, NULL, p, r, &e);
  cr_assert_eq(rc, LIMEN_OK, "%s", e.msg);
  cr_assert(r->max_first_law_residual < 1e-9, "first law residual %g", r->max_first_law_residual);
}

/* A constant protocol: the cell held at (E_b, f) for tau. */
static limen_protocol *hold_quartic(double Eb, double f, double tau) {
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_static_write(Eb, fabs(f), f >= 0, tau, 0.0, &p, NULL), 0);
  p->initial = p->final = p->segments[0].start;
  p->initial_lo = -HUGE_VAL;
  p->initial_hi = HUGE_VAL;
  return p;
}

/* Mean first-passage time from the left minimum (x = −1) to the right one (x = +1) of the
 * untilted quartic well, against the exact double integral limen_mfpt() (theory §2); the
 * Kramers time is printed alongside. Stochastic Heun, Δt and Δt/2 on the same paths. */
Test(langevin_long, mfpt_quartic_matches_exact_integral, .timeout = 900) {
  const double Ebs[5] = {2, 4, 6, 8, 10};
  for (int j = 0; j < 5; j++) {
    limen_well w = {LIMEN_WELL_QUARTIC, Ebs[j], 0.0, 0};
    double T, kr;
    limen_error e;
    cr_assert_eq(limen_mfpt(&w, -1.0, 1.0, NULL, &T, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_kramers_rate(&w, NULL, &kr, &e), 0, "%s", e.msg);
    limen_protocol *p = hold_quartic(Ebs[j], 0.0, 20.0 * T);
    double prev = NAN, prev_se = 0;
    for (int h = 0; h < 2; h++) {
      limen_langevin_config c = limen_langevin_config_default();
      c.dt = 2e-3 / (1 << h);
      c.noise_refine = 1 - h;
      c.n_traj = scaled(400, 64);
      c.seed = 100 + j;
      c.threads = 1;
      c.integrator = limen_integrator_heun;
      c.init = LIMEN_INIT_FIXED;
      c.x0 = -1.0;
      c.record = LIMEN_RECORD_PASSAGE;
      c.passage_x = 1.0;
      c.stop_at_passage = 1;
      limen_langevin_result r;
      run_ok(&c, p, &r);
      cr_assert_eq(r.n_passed, r.n_traj, "every trajectory must pass within 20 MFPTs");
      double m = 0, s = 0;
      for (size_t i = 0; i < r.n_traj; i++) m += r.passage_time[i];
      m /= (double)r.n_traj;
      for (size_t i = 0; i < r.n_traj; i++) s += (r.passage_time[i] - m) * (r.passage_time[i] - m);
      double se = sqrt(s / (double)(r.n_traj - 1) / (double)r.n_traj), z = tu_z(m, T, se);
      cr_log_info("MFPT E_b=%g dt=%.0e: exact %.4g, Kramers 1/r %.4g, simulated %.4g se %.3g z %.2f "
                  "(n=%zu)", Ebs[j], c.dt, T, 1 / kr, m, se, z, r.n_traj);
      cr_assert(fabs(z) < 3, "E_b = %g: MFPT %g vs exact %g (z = %.2f)", Ebs[j], m, T, z);
      if (h == 1) {
        cr_log_info("MFPT E_b=%g: halving dt moves it by %.3g (se %.3g)", Ebs[j], fabs(m - prev), prev_se);
        cr_assert(fabs(m - prev) < prev_se);
      }
      prev = m;
      prev_se = se;
      limen_langevin_result_free(&r);
    }
    limen_protocol_free(p);
  }
}

/* Weighted least squares of y = a + b/τ; returns a, b and their standard errors. */
static void fit_inverse(const double *tau, const double *y, const double *se, int n, double *a,
                        double *b, double *sa, double *sb) {
  double S = 0, Sx = 0, Sxx = 0, Sy = 0, Sxy = 0;
  for (int i = 0; i < n; i++) {
    double w = 1 / (se[i] * se[i]), x = 1 / tau[i];
    S += w;
    Sx += w * x;
    Sxx += w * x * x;
    Sy += w * y[i];
    Sxy += w * x * y[i];
  }
  double D = S * Sxx - Sx * Sx;
  *a = (Sxx * Sy - Sx * Sxy) / D;
  *b = (S * Sxy - Sx * Sy) / D;
  *sa = sqrt(Sxx / D);
  *sb = sqrt(S / D);
}

/* Bérut et al. (Nature 483, 187 (2012)): erasure by lowering the barrier, tilting, raising,
 * untilting, at five durations spanning more than a decade (factor 16).
 * ⟨Q⟩(τ) = Q∞ + B/τ with Q∞ equal
 * to the generalized Landauer value for the measured success rate and B > 0; no duration
 * below the Wasserstein bound e_L(P_s) + B_W/τ (limen_finite_time_kT). */
Test(langevin_long, berut_erasure_approaches_generalized_landauer, .timeout = 900) {
  const double Eb = 12.0, El = 0.5, f = 4.0;
  /* durations long against the stage relaxation (the 1/τ regime; at τ ≲ 10 the excess heat
   * already bends below B/τ and would bias the fit) */
  const double taus[5] = {20, 40, 80, 160, 320};
  double Q[5], se[5], P[5], seP[5];
  for (int j = 0; j < 5; j++) {
    limen_protocol *p;
    cr_assert_eq(limen_protocol_alloc_erasure(Eb, El, f, 0, taus[j], &p, NULL), 0);
    double prev = NAN, prev_se = 0;
    for (int h = (j == 0 ? 0 : 1); h < 2; h++) {
      limen_langevin_config c = limen_langevin_config_default();
      c.dt = 2e-3 / (1 << h);
      c.noise_refine = 1 - h;
      c.n_traj = scaled(4000, 400);
      c.seed = 200 + j;
      c.threads = 1;
      c.integrator = limen_integrator_heun;
      limen_langevin_result r;
      run_ok(&c, p, &r);
      cr_log_info("erasure tau=%g dt=%.0e: <W> %.4f <Q> %.4f se %.4f <dU> %.4f success %.4f",
                  taus[j], c.dt, r.mean_work, r.mean_heat, r.stderr_heat, r.mean_dU, r.success);
      if (h == 1 && j == 0) {
        cr_log_info("erasure: halving dt moves <Q> by %.3g (se %.3g)", fabs(r.mean_heat - prev), prev_se);
        cr_assert(fabs(r.mean_heat - prev) < prev_se);
      }
      prev = r.mean_heat;
      prev_se = r.stderr_heat;
      Q[j] = r.mean_heat;
      se[j] = r.stderr_heat;
      P[j] = r.success;
      seP[j] = r.stderr_success;
      double bound, Bw;
      limen_error e;
      cr_assert_eq(limen_finite_time_kT(Eb, fmax(P[j], 0.5), taus[j], NULL, &bound, &Bw, &e), 0, "%s", e.msg);
      double zb = (Q[j] - bound) / se[j];
      cr_log_info("erasure tau=%g: Wasserstein bound e_L + B/tau = %.4f (B = %.3f), <Q> above it by "
                  "%.1f se", taus[j], bound, Bw, zb);
      cr_assert(zb > -3, "below the Wasserstein bound");
      limen_langevin_result_free(&r);
    }
    limen_protocol_free(p);
  }
  double a, b, sa, sb;
  fit_inverse(taus, Q, se, 5, &a, &b, &sa, &sb);
  double eL;
  cr_assert_eq(limen_landauer_generalized_kT(P[4], &eL, NULL), 0);
  /* uncertainty of e_L from that of P_s: de_L/dP = ln(P/(1 − P)) */
  double seL = (P[4] < 1 ? fabs(log(P[4] / (1 - P[4]))) : 0) * seP[4];
  double z = (a - eL) / sqrt(sa * sa + seL * seL);
  cr_log_info("erasure fit Q = Q_inf + B/tau: Q_inf %.4f se %.4f, B %.3f se %.3f; generalized "
              "Landauer at P_s = %.4f: %.4f se %.4f; z %.2f", a, sa, b, sb, P[4], eL, seL, z);
  cr_assert(fabs(z) < 4, "Q_inf %g vs generalized Landauer %g (z = %.2f)", a, eL, z);
  cr_assert(b > 3 * sb, "B = %g must be positive (se %g)", b, sb);
}

/* (S) static-barrier write: a cell at E_ret holding bit 0 is tilted by the f* of
 * limen_static_write_cost for τ_w and untilted; the measured work (all dissipated) is the
 * exact cycle work f·(⟨x⟩_right,tilted − ⟨x⟩_left) up to the failures, which are also counted. */
Test(langevin_long, static_write_heat_matches_theory_S, .timeout = 900) {
  const double E = 10.0, tau = 20.0, pf = 0.01;
  limen_static_write sw;
  limen_error e;
  cr_assert_eq(limen_static_write_cost(E, tau, pf, NULL, &sw, &e), 0, "%s", e.msg);
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_static_write(E, sw.tilt_kT, 1, tau, 0.0, &p, NULL), 0);
  double prev = NAN, prev_se = 0;
  for (int h = 0; h < 2; h++) {
    limen_langevin_config c = limen_langevin_config_default();
    c.dt = 5e-4 / (1 << h);
    c.noise_refine = 1 - h;
    c.n_traj = scaled(4000, 1000);
    c.seed = 300;
    c.threads = 1;
    c.integrator = limen_integrator_heun;
    limen_langevin_result r;
    run_ok(&c, p, &r);
    /* the theory's cycle work is that of a successful write: average over the trajectories
     * that end in the target well (failures end in the tilted left well, W ≈ 0) */
    double m = 0, s2 = 0;
    size_t n = 0;
    for (size_t i = 0; i < r.n_traj; i++)
      if (r.x_final[i] > 0) m += r.work[i], n++;
    m /= (double)n;
    for (size_t i = 0; i < r.n_traj; i++)
      if (r.x_final[i] > 0) s2 += (r.work[i] - m) * (r.work[i] - m);
    double se = sqrt(s2 / (double)(n - 1) / (double)n), z = tu_z(m, sw.work_kT, se);
    cr_log_info("static write E=%g tau=%g: f* %.4f (%s), theory cycle work %.4f (2f* = %.4f); "
                "measured <Q | success> %.4f se %.4f z %.2f (all: <Q> %.4f se %.4f); failures "
                "%.4f se %.4f (design %.3g) dt %.1e", E, tau, sw.tilt_kT, sw.rate_method, sw.work_kT,
                sw.approx_kT, m, se, z, r.mean_heat, r.stderr_heat, 1 - r.success, r.stderr_success,
                pf, c.dt);
    cr_assert(fabs(z) < 4);
    cr_assert(1 - r.success < 3 * pf, "failure rate %g far above the design %g", 1 - r.success, pf);
    if (h == 1) {
      cr_log_info("static write: halving dt moves <Q | success> by %.3g (se %.3g)", fabs(m - prev), prev_se);
      cr_assert(fabs(m - prev) < prev_se);
    }
    prev = m;
    prev_se = se;
    limen_langevin_result_free(&r);
  }
  limen_protocol_free(p);
}

/* Exact drift of the tilted washboard U₀ − f x (period 1, D = 1; Stratonovich; Reimann et al.,
 * PRL 87, 010602 (2001)): v = (1 − e^{−f}) / ∫₀¹dx ∫₀¹dy e^{U₀(x) − U₀(x − y) − f y}. */
static double washboard_drift(double E, double f) {
  int n = 400;
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) {
      double x = (i + 0.5) / n, y = (j + 0.5) / n;
      double U1 = 0.5 * E * (1 - cos(2 * M_PI * x)), U2 = 0.5 * E * (1 - cos(2 * M_PI * (x - y)));
      s += exp(U1 - U2 - f * y);
    }
  return (1 - exp(-f)) / (s / ((double)n * n));
}

/* (H) biased hopping on the washboard: move m levels in Δt with the tilt of
 * limen_hop_cost_kT for the exact zero-tilt hop rate r = 1/(⟨e^{U}⟩⟨e^{−U}⟩) = 1/I₀(E_b/2)²
 * (Lifson–Jackson).  Checks: the mean displacement against the exact drift (simulator), and
 * the heat against e_H = m·f within 4 se plus the model's own error (its rates r·e^{±f/2}
 * against the exact drift, printed). */
Test(langevin_long, hopping_heat_matches_theory_H, .timeout = 900) {
  const double E = 6.0, rdt = 2.0;
  const int m = 2, M = 16, start = 6;
  double I0 = gsl_sf_bessel_I0(E / 2), r = 1 / (I0 * I0), tau = rdt / r;
  double eH, f;
  cr_assert_eq(limen_hop_cost_kT(m, rdt, &eH, &f, NULL, NULL), 0);
  double v = washboard_drift(E, f), vmodel = 2 * r * sinh(f / 2);
  limen_protocol *p;
  cr_assert_eq(limen_protocol_alloc_hopping(M, E, start, m, f, tau, 0.0, &p, NULL), 0);
  double prev = NAN, prev_se = 0;
  for (int h = 0; h < 2; h++) {
    limen_langevin_config c = limen_langevin_config_default();
    c.dt = 2e-3 / (1 << h);
    c.noise_refine = 1 - h;
    c.n_traj = scaled(3000, 300);
    c.seed = 400;
    c.threads = 1;
    c.integrator = limen_integrator_heun;
    limen_langevin_result r_;
    run_ok(&c, p, &r_);
    /* W = f·(x_τ − x_0) exactly for this jump-hold-jump protocol */
    double dx = r_.mean_work / f, sedx = r_.stderr_work / f;
    double zx = tu_z(dx, v * tau, sedx);
    double model_err = fabs(v - vmodel) * tau * f;
    double zq = (r_.mean_heat - eH) / (r_.stderr_heat + model_err / 4);
    cr_log_info("hopping E=%g m=%d r*dt=%g (r=%.5f, tau=%.2f, f=%.4f) dt %.0e: <dx> %.4f se %.4f vs "
                "exact drift %.4f (z %.2f), model 2r sinh(f/2) tau %.4f; <Q> %.4f se %.4f vs e_H %.4f "
                "(model error %.4f, z %.2f); success %.3f", E, m, rdt, r, tau, f, c.dt, dx, sedx,
                v * tau, zx, vmodel * tau, r_.mean_heat, r_.stderr_heat, eH, model_err, zq, r_.success);
    cr_assert(fabs(zx) < 4);
    cr_assert(fabs(zq) < 4);
    if (h == 1) {
      cr_log_info("hopping: halving dt moves <Q> by %.3g (se %.3g)", fabs(r_.mean_heat - prev), prev_se);
      cr_assert(fabs(r_.mean_heat - prev) < prev_se);
    }
    prev = r_.mean_heat;
    prev_se = r_.stderr_heat;
    limen_langevin_result_free(&r_);
  }
  limen_protocol_free(p);
}

/* Finite-time Landauer (theory §3 FT): the optimal-transport erasure to local equilibrium
 * (transport potential, potential.h) reaches its target P_s and dissipates
 * e_FT(τ) = e_L(P_s) + B/τ, B the Wasserstein coefficient of limen_finite_time_kT.
 * (1) Noise-free, at the defaults (E_b = 8, P_s = 0.9, τ = 2): the Fokker–Planck solver
 *     reaches P_s up to the ramp's shortfall, which is second order in the ramp width w
 *     (halving w divides it by 4 ± 1), and ⟨Q⟩ is e_FT(τ) within the grid's 0.3 %.
 * (2) The Langevin ensemble (Heun) agrees with the Fokker–Planck solver for the same protocol
 *     in heat and success within standard errors, at E_b = 4 with w = 0.05, where Δt = 1e-4
 *     resolves the potential (at E_b = 8 its features need Δt ≲ 1e-5, see potential.h);
 *     halving Δt on the same Brownian paths moves ⟨Q⟩ by less than the paired error bound,
 *     and ⟨Q⟩ is not below e_FT at the success reached. */
Test(langevin_long, optimal_erasure_reaches_finite_time_landauer, .timeout = 900) {
  limen_protocol *p;
  limen_error e;
  double eft, B, eL;
  /* (1) */
  {
    const double Eb = 8.0, P = 0.9, tau = 2.0;
    cr_assert_eq(limen_protocol_alloc_erasure_optimal(Eb, P, tau, &p, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_finite_time_kT(Eb, P, tau, NULL, &eft, &B, &e), 0, "%s", e.msg);
    double w = limen_potential_transport_step_width(&p->potential_params), short_[2];
    for (int h = 0; h < 2; h++) {
      p->potential_params.step_width = w * (1 << h);
      limen_fp_config fc = limen_fp_config_default();
      fc.dt = 2.5e-4;
      limen_fp_result f;
      cr_assert_eq(limen_fp_run(&fc, NULL, p, &f, &e), 0, "%s", e.msg);
      short_[h] = P - f.success;
      cr_log_info("optimal erasure FP E_b=%g P=%g tau=%g ramp w=%g: success %.5f (shortfall %.2e), <Q> %.5f "
                  "vs e_FT %.5f (%+.3f%%)", Eb, P, tau, p->potential_params.step_width, f.success, short_[h],
                  f.mean_heat, eft, 100 * (f.mean_heat - eft) / eft);
      if (h == 0) {
        cr_assert(fabs(short_[0]) < 1e-3, "success %g vs target %g", f.success, P);
        cr_assert(fabs(f.mean_heat - eft) < 3e-3 * eft, "<Q> %g vs e_FT %g", f.mean_heat, eft);
      }
      limen_fp_result_free(&f);
    }
    cr_assert(short_[0] > 0 && short_[1] / short_[0] > 3 && short_[1] / short_[0] < 5,
              "shortfall %g at w, %g at 2w: not second order", short_[0], short_[1]);
    limen_protocol_free(p);
  }
  /* (2) */
  const double Eb = 4.0, P = 0.9, tau = 2.0;
  cr_assert_eq(limen_protocol_alloc_erasure_optimal(Eb, P, tau, &p, &e), 0, "%s", e.msg);
  p->potential_params.step_width = 0.05;
  limen_potential *pot;
  cr_assert_eq(limen_protocol_potential_alloc(p, &pot, &e), 0, "%s", e.msg);
  limen_fp_config fc = limen_fp_config_default();
  fc.dt = 2.5e-4;
  limen_fp_result f;
  cr_assert_eq(limen_fp_run(&fc, pot, p, &f, &e), 0, "%s", e.msg);
  limen_langevin_result r[2];
  for (int h = 0; h < 2; h++) {
    limen_langevin_config c = limen_langevin_config_default();
    c.dt = 1e-4 / (1 << h);
    c.noise_refine = 1 - h;
    c.n_traj = scaled(2000, 300);
    c.seed = 500;
    c.threads = 1;
    c.integrator = limen_integrator_heun;
    cr_assert_eq(limen_langevin_run(&c, pot, p, &r[h], &e), 0, "%s", e.msg);
    cr_assert(r[h].max_first_law_residual < 1e-9);
    double sp = sqrt(f.success * (1 - f.success) / (double)c.n_traj);
    double zq = tu_z(r[h].mean_heat, f.mean_heat, r[h].stderr_heat), zp = tu_z(r[h].success, f.success, sp);
    cr_assert_eq(limen_finite_time_kT(Eb, fmax(r[h].success, 0.5), tau, NULL, &eft, &B, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_landauer_generalized_kT(fmax(r[h].success, 0.5), &eL, NULL), 0);
    double zb = (r[h].mean_heat - eft) / r[h].stderr_heat;
    cr_log_info("optimal erasure E_b=%g P=%g tau=%g w=0.05 dt=%.0e: <Q> %.4f se %.4f vs FP %.4f (z %.2f), "
                "success %.4f vs FP %.4f (z %.2f); e_FT at that success %.4f (e_L %.4f + B/tau, B = %.4f): "
                "%.2f se above", Eb, P, tau, c.dt, r[h].mean_heat, r[h].stderr_heat, f.mean_heat, zq, r[h].success,
                f.success, zp, eft, eL, B, zb);
    cr_assert(fabs(zq) < 4, "<Q> %g vs FP %g (z = %.2f)", r[h].mean_heat, f.mean_heat, zq);
    cr_assert(fabs(zp) < 4, "success %g vs FP %g (z = %.2f)", r[h].success, f.success, zp);
    cr_assert(zb > -4, "below the Wasserstein bound");
  }
  size_t n = r[0].n_traj;
  double m = 0, s2 = 0;
  for (size_t i = 0; i < n; i++) m += r[1].heat[i] - r[0].heat[i];
  m /= (double)n;
  for (size_t i = 0; i < n; i++) {
    double d = r[1].heat[i] - r[0].heat[i] - m;
    s2 += d * d;
  }
  double se = sqrt(s2 / (double)(n - 1) / (double)n);
  cr_log_info("optimal erasure: halving dt moved <Q> by %.4f (paired se %.4f; se of <Q> %.4f)", m, se,
              r[0].stderr_heat);
  cr_assert(fabs(m) < r[0].stderr_heat || fabs(m) < 4 * se, "dt -> dt/2 moved <Q> by %g", m);
  limen_fp_result_free(&f);
  limen_langevin_result_free(&r[0]);
  limen_langevin_result_free(&r[1]);
  limen_potential_free(pot);
  limen_protocol_free(p);
}
