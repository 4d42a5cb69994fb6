/* SPDX-License-Identifier: GPL-3.0-or-later
 * lim_matched.c: paradigm "lim-matched[:<device>]" — each parameter is a multi-level cell moved
 * along its learning path by biased hopping (theory (H)) while its barrier follows the
 * learning-rate schedule (theory (A)).
 *
 * Path.  At step k the parameter moves by η_k·g (g: update size per unit learning rate, 1 for
 * Adam-normalized updates), i.e. m_k = η_k·g/ε levels with ε = range/2^n.
 * Matching.  The hop rate r_k = r₀e^{−E_b(k)} is proportional to η_k (A), so the drift-to-
 * diffusion ratio ρ = m_k/(2 r_k Δt) is the same at every step and the tilt per level
 * f = 2·asinh(ρ) is constant: e_H(m_k, r_kΔt) = m_k·f kT and
 *     E_update = Σ_k N·e_H(m_k, r_kΔt) = N·f·kT·Σ_k m_k.
 * ρ trades energy against precision: the same steps add 2 r_k Δt = m_k/ρ levels² of
 * diffusion.  Default ρ = 1 (drift per step equals the diffusion it adds, in levels and
 * levels²): f = 1.76 kT per level.
 * Consolidation: the barrier ends the schedule at E_b(K) and is raised in place to E_ret,
 * quasi-statically around a localized state: 0 J (theory (M)). */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_psi.h>

#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/units.h"
#include "paradigm/paradigm_impl.h"

int limen_pd_lr_sum(const limen_lr_schedule *s, double steps, double *sum, limen_error *err) {
  const char *fn = __func__;
  if (!(steps >= 1) || !isfinite(steps))
    return limen_error_set(err, LIMEN_EINVAL, fn, "steps = %g: allowed range [1, inf)", steps);
  switch (s->kind) {
    case LIMEN_LR_CONSTANT:
      *sum = s->eta0 * steps;
      return LIMEN_OK;
    case LIMEN_LR_INVERSE: {
      limen_gsl_quiet();
      gsl_sf_result a, b;
      int st = gsl_sf_psi_e(s->t0 + steps, &a);
      if (st == GSL_SUCCESS) st = gsl_sf_psi_e(s->t0, &b);
      if (st != GSL_SUCCESS)
        return limen_error_set(err, LIMEN_ENUMERIC, fn, "digamma at t0 = %g, K = %g: %s", s->t0,
                               steps, gsl_strerror(st));
      *sum = s->eta0 * s->t0 * (a.val - b.val);
      return LIMEN_OK;
    }
    case LIMEN_LR_COSINE:
      *sum = steps * s->eta_min + (s->eta0 - s->eta_min) * (steps + 1.0) / 2.0;
      return LIMEN_OK;
  }
  return limen_error_set(err, LIMEN_EINVAL, fn, "schedule kind %d: unknown", (int)s->kind);
}

static int log_rate(double barrier_kT, const limen_precision *prec, double *lr, limen_error *err) {
  limen_well well = {LIMEN_WELL_WASHBOARD, barrier_kT, 0.0, 4};
  double r = 0;
  int rc = limen_kramers_rate(&well, prec, &r, err);
  if (rc != LIMEN_OK) return rc;
  if (!(r > 0)) {
    *lr = -HUGE_VAL;
    return LIMEN_OK;
  }
  *lr = log(r);
  return LIMEN_OK;
}

int limen_pd_barrier_for_rate(double rate_per_tau0, const limen_precision *prec, double *barrier_kT,
                              int *below_kramers, limen_error *err) {
  const char *fn = __func__;
  if (!(rate_per_tau0 > 0) || !isfinite(rate_per_tau0))
    return limen_error_set(err, LIMEN_EINVAL, fn, "rate = %g per τ₀: must be > 0", rate_per_tau0);
  double target = log(rate_per_tau0);
  double lo = prec->kramers_min_barrier_kT, hi = 5000.0, flo, fhi;
  int rc = log_rate(lo, prec, &flo, err);
  if (rc == LIMEN_OK) rc = log_rate(hi, prec, &fhi, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "Kramers rate of the washboard cell");
  *below_kramers = 0;
  if (flo < target) {
    *below_kramers = 1;
    *barrier_kT = lo;
    return LIMEN_OK;
  }
  if (fhi > target)
    return limen_error_set(err, LIMEN_ERANGE, fn, "rate = %g per τ₀: needs a barrier above %g kT",
                           rate_per_tau0, hi);
  /* the Kramers rate decreases monotonically with the barrier above 1 kT: bisection */
  for (int it = 0; it < 200 && (hi - lo) > prec->root_epsrel * hi; it++) {
    double mid = 0.5 * (lo + hi), fm;
    rc = log_rate(mid, prec, &fm, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "Kramers rate of the washboard cell");
    if (fm > target) lo = mid;
    else hi = mid;
  }
  *barrier_kT = 0.5 * (lo + hi);
  return LIMEN_OK;
}

static int lim_matched_compute(const limen_paradigm *p, const limen_workload *w,
                               const limen_workload_derived *d, const limen_precision *prec,
                               limen_projection *out, limen_error *err) {
  const char *fn = "lim_matched";
  double K = fmax(1.0, floor(d->steps + 0.5));
  double dt = w->train_time_s / K;
  limen_lr_schedule s = {w->lr_kind, w->lr_eta0, w->lr_t0_frac * K, K,
                         w->lr_eta_min_frac * w->lr_eta0};
  int rc = limen_lr_check(&s, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "learning-rate schedule");
  double sum_eta = 0;
  rc = limen_pd_lr_sum(&s, K, &sum_eta, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "learning path");
  double eps = d->level_size, g = w->grad_scale, rho = w->drift_diffusion_ratio;
  double m0 = s.eta0 * g / eps;
  double path = sum_eta * g / eps;
  if (w->lr_kind == LIMEN_LR_INVERSE)
    limen_projection_note(out, "learning rate η(k) = η0/(1 + k/t0), η0 = %g, t0 = %g·K = %.4g steps, over K = %.6g steps of Δt = %.4g s",
                          s.eta0, w->lr_t0_frac, s.t0, K, dt);
  else if (w->lr_kind == LIMEN_LR_COSINE)
    limen_projection_note(out, "learning rate η(k) = η_min + (η0 − η_min)(1 + cos(πk/K))/2, η0 = %g, η_min = %g, over K = %.6g steps of Δt = %.4g s",
                          s.eta0, s.eta_min, K, dt);
  else
    limen_projection_note(out, "learning rate η(k) = η0 = %g (%s), over K = %.6g steps of Δt = %.4g s",
                          s.eta0, limen_lr_kind_name(w->lr_kind), K, dt);
  limen_projection_note(out, "path: m_k = η_k·g/ε levels, g = %g (update per unit learning rate), ε = range/2^n = %g/2^%g = %.4g; m_0 = %.4g levels, Σ_k m_k = %.4g levels per parameter",
                        g, w->param_range, w->bits, eps, m0, path);

  double e0 = 0, f = 0, var0 = 0;
  rc = limen_hop_cost_kT(m0, m0 / (2.0 * rho), &e0, &f, &var0, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "hop cost");
  double per_param_kT = e0 * (path / m0); /* = f·Σ m_k: e_H is linear in m at fixed ρ */
  out->update_J = w->params * per_param_kT * d->kT_J;
  out->update_per_op_kT = per_param_kT / (K * w->bits);
  limen_projection_note(out, "matched hopping (H)+(A): r_kΔt = m_k/(2ρ), ρ = %g, so the tilt f = 2·asinh(ρ) = %.4g kT per level is the same at every step",
                        rho, f);
  limen_projection_note(out, "update = Σ_k N·e_H(m_k, r_kΔt) = N·f·kT·Σ_k m_k = %.4g J (%.4g kT per parameter; %.4g kT per parameter-step per bit)",
                        out->update_J, per_param_kT, out->update_per_op_kT);
  limen_projection_note(out, "precision: the same hops add Σ_k m_k/ρ = %.4g levels² of diffusion per parameter (std %.3g levels = %.3g in parameter units)",
                        path / rho, sqrt(path / rho), sqrt(path / rho) * eps);

  /* the matched barrier schedule */
  double r0_tau0 = m0 / (2.0 * rho) * (w->tau0_s / dt);
  double e_start = 0;
  int below = 0;
  rc = limen_pd_barrier_for_rate(r0_tau0, prec, &e_start, &below, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "matched barrier");
  double e_end = 0;
  rc = limen_matched_barrier_kT(&s, e_start, K, &e_end, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "matched barrier");
  if (below)
    limen_projection_note(out, "warning: the first steps need %.3g hops per τ₀, faster than a Kramers cell with a barrier of %g kT; the barrier schedule below starts at that floor",
                          r0_tau0, e_start);
  limen_projection_note(out, "matched barrier (A): E_b(k) = E_b(0) + kT·ln(η0/η_k) rises from %.4g kT (hop rate %.3g/s) to %.4g kT at the end of training",
                        e_start, r0_tau0 / w->tau0_s, e_end);

  double e_ret = 0;
  rc = limen_pd_retention_barrier(w, prec, out, &e_ret, err);
  if (rc != LIMEN_OK) return rc;
  out->consolidation_J = 0.0;
  if (e_ret > e_end)
    limen_projection_note(out, "consolidation in place: one barrier rise from %.4g to E_ret = %.4g kT per parameter, quasi-static around a localized state: 0 J dissipated (theory (M))",
                          e_end, e_ret);
  else
    limen_projection_note(out, "consolidation in place: the matched barrier already exceeds E_ret = %.4g kT at the end; 0 J", e_ret);

  rc = limen_pd_in_memory_reads(p, w, d, out, &out->memory_J, err);
  if (rc != LIMEN_OK) return rc;
  limen_projection_note(out, "this paradigm counts parameter motion (per parameter and step), not per-FLOP writes: compare it with landauer-adiabatic under --ops per-parameter-step");
  out->compute_J = 0.0;
  return LIMEN_OK;
}

const limen_paradigm_type limen_pd_lim_matched_type = {
    "lim-matched",
    "learning in memory: biased hopping along the learning path at the Arrhenius-matched barrier",
    1, lim_matched_compute};
