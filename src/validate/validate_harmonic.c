/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_harmonic.c: reference checks in the harmonic trap (units γ = kT = 1):
 *   em-variance       Euler–Maruyama stationary variance (1/k)/(1 − kΔt/2), exact for the
 *                     discrete scheme at any Δt;
 *   ou-transition     mean and variance of the exact Ornstein–Uhlenbeck step;
 *   schmiedl-seifert  optimal trap translation W* = λ_f²/(τ + 2/k), Var W = 2⟨W⟩, the linear
 *                     protocol's closed form and excess (Schmiedl & Seifert, PRL 98, 108301
 *                     (2007)); Δt halving; Fokker–Planck;
 *   stiffness         quasi-static limit ½ ln(k_f/k_i) of a stiffness change, from a fit
 *                     W(τ) = ΔF + b/τ over τ = 10 … 80 (Langevin) and Richardson (Fokker–Planck);
 *   jarzynski         ⟨e^{−W}⟩ = e^{−ΔF} (Jarzynski, PRL 78, 2690 (1997)) for a trap translation,
 *                     a fast stiffness change and a double-well barrier/tilt change. */
#include <gsl/gsl_fit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "validate/validate_internal.h"

int limen_vcheck_em_variance(vctx *v) {
  const double k = 1.0, dt = 0.1, tau = 20.0;
  limen_control u = limen_control_zero();
  u.stiffness = k;
  limen_protocol *p = NULL;
  int st = limen_vhold_protocol(v, limen_potential_harmonic, &u, tau, &p);
  if (st) return st;
  size_t n = limen_vsize(v, 20000);
  limen_langevin_result r;
  st = limen_vlangevin(v, p, limen_integrator_euler, dt, n, NULL, &r);
  limen_protocol_free(p);
  if (st) return st;
  double m, var;
  limen_vmean_var(r.x_final, n, &m, &var);
  double expected = (1.0 / k) / (1.0 - k * dt / 2.0);
  st = limen_vrow(v, "EM stationary variance", LIMEN_CHECK_EQUAL, expected, var, 0, var * sqrt(2.0 / (double)(n - 1)),
            "harmonic k=%g, Euler-Maruyama dt=%g, %zu traj; exact (1/k)/(1-k dt/2) (continuum 1/k = %g)", k, dt, n,
            1.0 / k);
  limen_langevin_result_clear(&r);
  return st;
}

int limen_vcheck_ou_transition(vctx *v) {
  const double k = 1.5, dt = 0.5, x0 = 2.0;
  limen_control u = limen_control_zero();
  u.stiffness = k;
  limen_protocol *p = NULL;
  int st = limen_vhold_protocol(v, limen_potential_harmonic, &u, dt, &p);
  if (st) return st;
  size_t n = limen_vsize(v, 20000);
  limen_langevin_config c = limen_langevin_config_default();
  c.init = LIMEN_INIT_FIXED;
  c.x0 = x0;
  limen_langevin_result r;
  st = limen_vlangevin(v, p, limen_integrator_ou, dt, n, &c, &r);
  limen_protocol_free(p);
  if (st) return st;
  double m, var;
  limen_vmean_var(r.x_final, n, &m, &var);
  double em = x0 * exp(-k * dt), ev = (1.0 - exp(-2.0 * k * dt)) / k;
  st = limen_vrow(v, "OU transition mean", LIMEN_CHECK_EQUAL, em, m, 0, sqrt(ev / (double)n),
            "exact OU step, k=%g, one step dt=%g from x0=%g, %zu traj; x0 e^{-k dt}", k, dt, x0, n);
  if (!st)
    st = limen_vrow(v, "OU transition variance", LIMEN_CHECK_EQUAL, ev, var, 0, ev * sqrt(2.0 / (double)(n - 1)),
              "same run; (1 - e^{-2k dt})/k");
  /* the third and fourth cumulants of a Gaussian vanish: excess kurtosis 0 ± √(24/n) */
  if (!st) {
    double s4 = 0.0;
    for (size_t i = 0; i < n; i++) s4 += pow(r.x_final[i] - m, 4);
    double kurt = s4 / (double)n / (var * var) - 3.0;
    st = limen_vrow(v, "OU transition excess kurtosis", LIMEN_CHECK_EQUAL, 0.0, kurt, 0, sqrt(24.0 / (double)n),
              "same run; Gaussian transition density");
  }
  limen_langevin_result_clear(&r);
  return st;
}

/* ⟨W⟩ of the linear trap translation: (λ_f/τ)²(τ − (1 − e^{−kτ})/k). */
static double trap_linear_work(double k, double lf, double tau) {
  double vel = lf / tau;
  return vel * vel * (tau + expm1(-k * tau) / k);
}

int limen_vcheck_schmiedl_seifert(vctx *v) {
  const double k = 1.0, lf = 2.0, tau = 1.0, dt = 0.005;
  const double wstar = lf * lf / (tau + 2.0 / k), wlin = trap_linear_work(k, lf, tau);
  limen_protocol *opt = NULL, *lin = NULL;
  int st = limen_protocol_alloc_trap_optimal(k, lf, tau, &opt, v->err);
  if (!st) st = limen_protocol_alloc_trap_linear(k, lf, tau, &lin, v->err);
  size_t n = limen_vsize(v, 20000);
  limen_langevin_result ro = {0}, rh = {0}, rl = {0};
  limen_fp_result fo = {0};
  /* the linear protocol runs on the same random numbers as the optimal one (same initial
   * positions and noise): the paired difference has a far smaller standard error than two
   * independent ensembles, so "linear costs more" keeps its power at reduced sizes */
  uint64_t seed = limen_vseed(v);
  limen_langevin_config coarse = limen_langevin_config_default(), fine = limen_langevin_config_default();
  coarse.noise_refine = 1; /* the Δt/2 run follows the same Brownian paths */
  if (!st) st = limen_vlangevin_seeded(v, opt, limen_integrator_ou, dt, n, &coarse, seed, &ro);
  if (!st) st = limen_vlangevin_seeded(v, opt, limen_integrator_ou, dt / 2, n, &fine, seed, &rh);
  if (!st) st = limen_vlangevin_seeded(v, lin, limen_integrator_ou, dt, n, &coarse, seed, &rl);
  if (!st) st = limen_vfp(v, opt, 1e-3, 0.02, &fo);
  if (!st)
    st = limen_vrow(v, "Schmiedl-Seifert W* (optimal)", LIMEN_CHECK_EQUAL, wstar, ro.mean_work, 0, ro.stderr_work,
              "k=%g, lambda_f=%g, tau=%g, exact-OU dt=%g, %zu traj; lambda_f^2/(tau+2/k)", k, lf, tau, dt, n);
  if (!st) {
    double m, var;
    limen_vmean_var(ro.work, n, &m, &var);
    double se = sqrt(pow(var * sqrt(2.0 / (double)(n - 1)), 2) + 4.0 * ro.stderr_work * ro.stderr_work);
    st = limen_vrow(v, "Schmiedl-Seifert Var W = 2<W>", LIMEN_CHECK_EQUAL, 2.0 * m, var, 0, se,
              "same run; Gaussian work of a dragged harmonic trap");
  }
  if (!st)
    st = limen_vshift_row(v, "Schmiedl-Seifert dt -> dt/2 shift", ro.work, rh.work, n, ro.stderr_work,
                    "<W> at dt=%g minus dt=%g on the same Brownian paths; tolerance max(1 se of W*, %g paired se)",
                    dt / 2, dt, v->opt->z_max);
  if (!st)
    st = limen_vrow(v, "trap-linear <W> closed form", LIMEN_CHECK_EQUAL, wlin, rl.mean_work, 0, rl.stderr_work,
              "(lambda_f/tau)^2 (tau - (1 - e^{-k tau})/k), %zu traj", n);
  if (!st) {
    double *d = malloc(n * sizeof *d), md = 0.0, vd = 0.0;
    if (!d) st = limen_error_set(v->err, LIMEN_ENOMEM, "limen_validate_run", "out of memory");
    else {
      for (size_t i = 0; i < n; i++) d[i] = rl.work[i] - ro.work[i];
      limen_vmean_var(d, n, &md, &vd);
      free(d);
      st = limen_vrow(v, "trap-linear costs more than optimal", LIMEN_CHECK_GREATER, 0.0, md, 0, sqrt(vd / (double)n),
                "<W>_linear - <W>_optimal, paired on common random numbers (closed forms: %.4g)", wlin - wstar);
    }
  }
  if (!st)
    st = limen_vrow(v, "Fokker-Planck W* (optimal)", LIMEN_CHECK_EQUAL, wstar, fo.mean_work, 2e-4 * wstar, 0,
              "grid %zu cells (dx=%.3g), dt=1e-3, TR-BDF2; discretization tolerance 2e-4 relative", fo.n_cells, fo.dx);
  if (!st)
    st = limen_vrow(v, "Langevin vs Fokker-Planck, trap-optimal <W>", LIMEN_CHECK_EQUAL, fo.mean_work, ro.mean_work, 0,
              ro.stderr_work, "z against the Langevin standard error");
  limen_langevin_result_clear(&ro);
  limen_langevin_result_clear(&rh);
  limen_langevin_result_clear(&rl);
  limen_fp_result_clear(&fo);
  limen_protocol_free(opt);
  limen_protocol_free(lin);
  return st;
}

int limen_vcheck_stiffness(vctx *v) {
  const double ki = 1.0, kf = 4.0, dt = 0.01, dF = 0.5 * log(kf / ki);
  const double taus[] = {10.0, 20.0, 40.0, 80.0};
  const size_t nt = sizeof taus / sizeof taus[0];
  double x[4], y[4], w[4];
  size_t n = limen_vsize(v, 5000);
  int st = LIMEN_OK;
  for (size_t i = 0; i < nt && !st; i++) {
    limen_protocol *p = NULL;
    limen_langevin_result r;
    st = limen_protocol_alloc_stiffness_change(ki, kf, taus[i], &p, v->err);
    if (!st) st = limen_vlangevin(v, p, limen_integrator_ou, dt, n, NULL, &r);
    limen_protocol_free(p);
    if (st) break;
    x[i] = 1.0 / taus[i];
    y[i] = r.mean_work;
    w[i] = 1.0 / (r.stderr_work * r.stderr_work);
    limen_langevin_result_clear(&r);
  }
  if (st) return st;
  double c0, c1, cov00, cov01, cov11, chisq;
  gsl_fit_wlinear(x, 1, w, 1, y, 1, nt, &c0, &c1, &cov00, &cov01, &cov11, &chisq);
  st = limen_vrow(v, "stiffness quasi-static limit", LIMEN_CHECK_EQUAL, dF, c0, 0, sqrt(cov00),
            "k %g->%g linear in tau=10..80, exact-OU dt=%g, %zu traj each; fit W=a+b/tau (b=%.3g, chi2=%.2g/%zu); "
            "(1/2)ln(kf/ki)",
            ki, kf, dt, n, c1, chisq, nt - 2);
  /* Fokker–Planck: Richardson extrapolation in 1/τ from τ = 40 and 80 */
  double wf[2];
  for (int i = 0; i < 2 && !st; i++) {
    limen_protocol *p = NULL;
    limen_fp_result f;
    st = limen_protocol_alloc_stiffness_change(ki, kf, 40.0 * (i + 1), &p, v->err);
    if (!st) st = limen_vfp(v, p, 0.005, 0.02, &f);
    limen_protocol_free(p);
    if (st) break;
    wf[i] = f.mean_work;
    limen_fp_result_clear(&f);
  }
  if (!st)
    st = limen_vrow(v, "Fokker-Planck stiffness quasi-static", LIMEN_CHECK_EQUAL, dF, 2.0 * wf[1] - wf[0], 1e-3, 0,
              "2W(80) - W(40) (Richardson in 1/tau); W(80) - dF = %.3g; tolerance 1e-3 (O(1/tau^2) and grid)",
              wf[1] - dF);
  return st;
}

static int jarzynski_row(vctx *v, const char *name, limen_protocol *p, const limen_integrator_type *it, double dt,
                         size_t n, double dF, const char *what) {
  limen_langevin_result r;
  int st = limen_vlangevin(v, p, it, dt, n, NULL, &r);
  if (st) return st;
  double est = 0.0, se = 0.0;
  st = limen_langevin_jarzynski(&r, &est, &se, v->err);
  if (!st)
    st = limen_vrow(v, name, LIMEN_CHECK_EQUAL, dF, est, 0, se, "%s, %s dt=%g, %zu traj; <W>=%.3g; -ln<e^{-W}> vs dF", what,
              it->name, dt, n, r.mean_work);
  limen_langevin_result_clear(&r);
  return st;
}

int limen_vcheck_jarzynski(vctx *v) {
  size_t n = limen_vsize(v, 20000);
  limen_protocol *p = NULL;
  int st = limen_protocol_alloc_trap_linear(1.0, 1.5, 0.5, &p, v->err);
  if (!st) st = jarzynski_row(v, "Jarzynski, trap translation", p, limen_integrator_ou, 0.005, n, 0.0,
                              "k=1 moved by 1.5 in tau=0.5");
  limen_protocol_free(p);
  p = NULL;
  if (!st) st = limen_protocol_alloc_stiffness_change(1.0, 4.0, 0.5, &p, v->err);
  if (!st) st = jarzynski_row(v, "Jarzynski, stiffness change", p, limen_integrator_ou, 0.005, n, 0.5 * log(4.0),
                              "k 1->4 in tau=0.5, dF=(1/2)ln 4");
  limen_protocol_free(p);
  p = NULL;
  /* double well: barrier 4 → 1 and tilt 0 → 1 in τ = 1; ΔF by quadrature */
  if (!st) st = limen_protocol_alloc(1, &p, v->err);
  if (!st) {
    snprintf(p->name, sizeof p->name, "quartic-ramp");
    p->potential = limen_potential_quartic;
    p->initial = limen_control_zero();
    p->initial.barrier = 4.0;
    p->segments[0].duration = 1.0;
    p->segments[0].shape = LIMEN_SHAPE_LINEAR;
    p->segments[0].start = p->initial;
    p->segments[0].end = p->initial;
    p->segments[0].end.barrier = 1.0;
    p->segments[0].end.tilt = 1.0;
    p->final = p->segments[0].end;
    limen_sim_bound b;
    st = limen_sim_bound_eval(p, 0.5, 0.0, &b, v->err);
    if (!st)
      st = jarzynski_row(v, "Jarzynski, double well", p, limen_integrator_heun, 2e-3, n, b.value_kT,
                         "quartic E_b 4->1, f 0->1 in tau=1, dF by quadrature");
  }
  limen_protocol_free(p);
  return st;
}
