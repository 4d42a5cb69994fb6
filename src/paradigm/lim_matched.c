/* SPDX-License-Identifier: GPL-3.0-or-later
 * lim_matched.c: paradigm "lim-matched[:<device>]" — each parameter is an analog cell moved
 * along its learning path by biased hopping (theory (H)) while its barrier follows the
 * learning-rate schedule (theory (A)), at the precision n it is labelled with (theory (P)).
 *
 * Path.  At step k the parameter moves by η_k·g (g: update size per unit learning rate, 1 for
 * Adam-normalized updates), i.e. m_k = η_k·g/ε levels with ε = range/2^n; S = Σ_k m_k.
 * Hops.  The cell hops between positions H per level apart (H ≥ 1 hop positions per n-bit
 * level), so a step moves μ_k = H·m_k hops.  The hop rate is matched to the learning rate (A),
 * r_kΔt = μ_k/(2ρ), so the tilt per hop f = 2·asinh(ρ) is the same at every step and
 *     E_update = N·f·kT·H·S.
 * Precision.  Biased hopping adds (r₊ + r₋)Δt = μ_k·coth(f/2) hops² of variance per step
 * (shot noise: never less than μ_k), so the final parameter spreads by
 *     V = S·coth(f/2)/H levels²;
 * n bits need V ≤ 1 (spread within one level ε), hence H = ⌈S·coth(f/2)⌉, and
 *     E_update = N·kT·f·coth(f/2)·S² ≥ 2·N·kT·S²
 * (the thermodynamic uncertainty relation; ρ = 1 is within 25 % of it).  The drift error is 0
 * by construction (the tilt is set from the cell's own hop rate).  ρ is raised above the
 * workload's value only when the first steps would need hops faster than a Kramers cell at
 * the minimum barrier allows.
 * Consolidation: the barrier ends the schedule at E_b(K) and is raised in place to E_ret,
 * quasi-statically around a localized state: 0 J (theory (M)). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_psi.h>

#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/units.h"
#include "paradigm/paradigm_impl.h"

int limen_pd_lr_partial_sum(const limen_lr_schedule *s, double steps, double a, double *sum,
                            limen_error *err) {
  const char *fn = __func__;
  if (!(steps >= 1) || !isfinite(steps))
    return limen_error_set(err, LIMEN_EINVAL, fn, "steps = %g: allowed range [1, inf)", steps);
  if (!(a >= 0) || !(a <= steps))
    return limen_error_set(err, LIMEN_EINVAL, fn, "a = %g: allowed range [0, K = %g]", a, steps);
  switch (s->kind) {
    case LIMEN_LR_CONSTANT:
      *sum = s->eta0 * a;
      return LIMEN_OK;
    case LIMEN_LR_INVERSE: {
      limen_gsl_quiet();
      gsl_sf_result x, y;
      int st = gsl_sf_psi_e(s->t0 + a, &x);
      if (st == GSL_SUCCESS) st = gsl_sf_psi_e(s->t0, &y);
      if (st != GSL_SUCCESS)
        return limen_error_set(err, LIMEN_ENUMERIC, fn, "digamma at t0 = %g, a = %g: %s", s->t0, a,
                               gsl_strerror(st));
      *sum = s->eta0 * s->t0 * (x.val - y.val);
      return LIMEN_OK;
    }
    case LIMEN_LR_COSINE: {
      /* Σ_{k<a} cos(kθ) = sin(aθ/2)·cos((a−1)θ/2)/sin(θ/2), θ = π/K (= 1 at a = K) */
      double th = LIMEN_PI / steps;
      double c = a >= steps ? 1.0 : a <= 0 ? 0.0 : sin(a * th / 2) * cos((a - 1) * th / 2) / sin(th / 2);
      *sum = a * s->eta_min + (s->eta0 - s->eta_min) * (a + c) / 2.0;
      return LIMEN_OK;
    }
  }
  return limen_error_set(err, LIMEN_EINVAL, fn, "schedule kind %d: unknown", (int)s->kind);
}

int limen_pd_lr_sum(const limen_lr_schedule *s, double steps, double *sum, limen_error *err) {
  return limen_pd_lr_partial_sum(s, steps, steps, sum, err);
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

typedef limen_lim_matched_design lm_design;

/* Consolidation, reads and the note on the counted work, shared by a moving and a still path. */
static int lm_tail(const limen_paradigm *p, const limen_workload *w, const limen_workload_derived *d,
                   limen_projection *out, limen_error *err) {
  int rc = limen_projection_count(out, LIMEN_WORK_BARRIER_RISE, "consolidation", w->params, 0.0, 1.0, d->kT_J, err);
  if (rc != LIMEN_OK) return rc;
  rc = limen_pd_in_memory_reads(p, w, d, out, err);
  if (rc != LIMEN_OK) return rc;
  limen_projection_note(out, "this paradigm counts parameter updates, not per-FLOP writes: its floor is the Landauer cost of those updates, and it has no ratio to the per-FLOP headline");
  return LIMEN_OK;
}

/* A path that does not move: every cell held at the retention barrier, nothing dissipated. */
static int lm_still(const limen_paradigm *p, const limen_workload *w, const limen_workload_derived *d,
                    const limen_precision *prec, limen_projection *out, limen_error *err) {
  double e_ret = 0;
  int rc = limen_pd_retention_barrier(w, prec, out, &e_ret, err);
  if (rc != LIMEN_OK) return rc;
  out->consolidation_J = 0.0;
  limen_projection_note(out, "every cell is held at E_ret = %.4g kT throughout: no barrier schedule, 0 J", e_ret);
  return lm_tail(p, w, d, out, err);
}

/* The matched barrier schedule (A), in-place consolidation and the reads. */
static int lm_barrier(const limen_paradigm *p, const limen_workload *w, const limen_workload_derived *d,
                      const limen_precision *prec, const limen_lr_schedule *s, const lm_design *g, double dt,
                      limen_projection *out, limen_error *err) {
  const char *fn = "lim_matched";
  double e_start = 0, e_end = 0;
  int below = 0, rc = LIMEN_OK;
  if (!(g->path_levels > 0)) return lm_still(p, w, d, prec, out, err);
  rc = limen_pd_barrier_for_rate(g->first_rate_per_tau0, prec, &e_start, &below, err);
  if (rc == LIMEN_OK && !d->path.given) rc = limen_matched_barrier_kT(s, e_start, s->t_end, &e_end, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "matched barrier");
  if (d->path.given) /* E_b = E_b(fastest) + kT·ln(m_fast/m) for a move m; at the last step's mean move */
    e_end = d->path.last_mean_levels > 0 ? e_start + log(g->m0_levels / d->path.last_mean_levels) : HUGE_VAL;
  if (below)
    limen_projection_note(out, "warning: the first steps need %.3g hops per τ₀, faster than a Kramers cell with a barrier of %g kT; the barrier schedule below starts at that floor",
                          g->first_rate_per_tau0, e_start);
  if (g->tilt_kT >= 2.0 * e_start)
    limen_projection_note(out, "warning: the tilt f = %.3g kT per hop is at least twice the starting barrier %.3g kT: the tilted cell has almost no barrier left, hopping (H) is outside its validity and this energy is an extrapolation",
                          g->tilt_kT, e_start);
  if (d->path.given)
    limen_projection_note(out, "matched barrier (A): E_b = E_b(fastest) + kT·ln(m_fast/m) for a move of m levels in a step: %.4g kT for the fastest (hop rate %.3g/s), %.4g kT for the last step's mean move (step Δt = %.4g s); a parameter that does not move is held",
                          e_start, g->first_rate_per_tau0 / w->tau0_s, e_end, dt);
  else
    limen_projection_note(out, "matched barrier (A): E_b(k) = E_b(0) + kT·ln(η0/η_k) rises from %.4g kT (hop rate %.3g/s) to %.4g kT at the end of training (step Δt = %.4g s)",
                          e_start, g->first_rate_per_tau0 / w->tau0_s, e_end, dt);
  double e_ret = 0;
  rc = limen_pd_retention_barrier(w, prec, out, &e_ret, err);
  if (rc != LIMEN_OK) return rc;
  out->consolidation_J = 0.0;
  if (e_ret > e_end)
    limen_projection_note(out, "consolidation in place: one barrier rise from %.4g to E_ret = %.4g kT per parameter, quasi-static around a localized state: 0 J dissipated (theory (M))",
                          e_end, e_ret);
  else
    limen_projection_note(out, "consolidation in place: the matched barrier already exceeds E_ret = %.4g kT at the end; 0 J", e_ret);
  return lm_tail(p, w, d, out, err);
}

/* Σ_k min(1, m_k) over the K steps, for a non-increasing schedule: every step up to the one
 * where m_k falls below 1 level changes the stored value; after it a step changes it with
 * probability m_k. */
static int changing_writes(const limen_lr_schedule *s, double K, double level_per_eta, double *out,
                           limen_error *err) {
  double lo = 0, hi = K; /* m_k ≥ 1 for k < k*: bisection on the (integer) step index */
  while (hi - lo > 0.5) {
    double mid = floor((lo + hi) / 2), plo = lo, phi = hi;
    /* beyond 2^53 mid + 1 rounds to mid: step to the next double so that the search ends */
    if (limen_lr_eta(s, mid) * level_per_eta >= 1.0) lo = fmax(mid + 1, nextafter(mid, HUGE_VAL));
    else hi = mid;
    if (lo == plo && hi == phi) break;
  }
  double kstar = fmin(lo, K), tail_all = 0, tail_head = 0; /* lo passes a fractional K by < 1 */
  int rc = limen_pd_lr_partial_sum(s, K, K, &tail_all, err);
  if (rc == LIMEN_OK) rc = limen_pd_lr_partial_sum(s, K, kstar, &tail_head, err);
  if (rc != LIMEN_OK) return rc;
  *out = kstar + fmax(0.0, tail_all - tail_head) * level_per_eta;
  return LIMEN_OK;
}

static void note_schedule(limen_projection *out, const limen_workload *w, const limen_lr_schedule *s,
                          double K, double dt) {
  if (w->lr_kind == LIMEN_LR_INVERSE)
    limen_projection_note(out, "learning rate η(k) = η0/(1 + k/t0), η0 = %g, t0 = %g·K = %.4g steps, over K = %.6g steps of Δt = %.4g s",
                          s->eta0, w->lr_t0_frac, s->t0, K, dt);
  else if (w->lr_kind == LIMEN_LR_COSINE)
    limen_projection_note(out, "learning rate η(k) = η_min + (η0 − η_min)(1 + cos(πk/K))/2, η0 = %g, η_min = %g, over K = %.6g steps of Δt = %.4g s",
                          s->eta0, s->eta_min, K, dt);
  else
    limen_projection_note(out, "learning rate η(k) = η0 = %g (%s), over K = %.6g steps of Δt = %.4g s",
                          s->eta0, limen_lr_kind_name(w->lr_kind), K, dt);
}

/* Most hop positions the first step may cross: its cost μ·2asinh(ρ) (≤ 1.5e3 kT a hop) and the
 * path's f·H·S stay within a double. */
#define LM_MAX_HOPS 1e290

/* A level ε = R/2^n so fine that the first step crosses more than LM_MAX_HOPS hop positions
 * (log10_q: of μ₀ = m₀·H, or of its bound m₀·(S+1)); lim_matched_checked names --param-range. */
static int too_fine(double log10_q, limen_error *err) {
  return limen_error_set(err, LIMEN_ERANGE, "lim_matched", "the first step would cross up to 10^%.1f hop positions "
                         "of the matched cell, beyond %g", log10_q, LM_MAX_HOPS);
}

static int design(const limen_workload *w, double S, double m0, double dt, const limen_precision *prec,
                  lm_design *g, limen_error *err) {
  g->path_levels = S;
  g->m0_levels = m0;
  g->rho = w->drift_diffusion_ratio;
  g->rho_raised = 0;
  double lr_max = 0;
  limen_well well = {LIMEN_WELL_WASHBOARD, prec->kramers_min_barrier_kT, 0.0, 4};
  int rc = limen_kramers_rate(&well, prec, &lr_max, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_matched", "fastest Kramers hop rate");
  g->rate_limit_per_tau0 = lr_max;
  double R = lr_max * dt / w->tau0_s, fixed = w->hops_per_level;
  if (fixed > 0 && m0 * fixed / (2.0 * g->rho) > R) { /* given H: ρ ≥ m0·H/(2R) */
    g->rho = m0 * fixed / (2.0 * R) * (1.0 + 1e-12);
    g->rho_raised = 1;
  }
  /* hops needed in the first step, with H ≤ (S + 1)·√(1+ρ²)/ρ: m0·(S+1)·√(1+ρ²)/(2ρ²) ≤ R */
  if (!(m0 * (S + 1.0) <= LM_MAX_HOPS)) return too_fine(log10(m0) + log10(S + 1.0), err);
  double c = 2.0 * R / m0 / (S + 1.0);
  double need = m0 * (S + 1.0) * (hypot(1.0, g->rho) / g->rho) / (2.0 * g->rho);
  if (fixed <= 0 && need > R) { /* c²u² − u − 1 = 0, u = ρ²: ρ = √((1 + √(1+4c²))/2)/c */
    g->rho = sqrt((1.0 + hypot(1.0, 2.0 * c)) / 2.0) / c * (1.0 + 1e-12);
    g->rho_raised = 1;
  }
  double coth = hypot(1.0, g->rho) / g->rho; /* coth(f/2) at f = 2 asinh ρ */
  g->hops_per_level = fixed > 0 ? fixed : fmax(1.0, ceil(S * coth));
  double mu0 = m0 * g->hops_per_level, e0 = 0, var0 = 0;
  if (!(mu0 <= LM_MAX_HOPS)) return too_fine(log10(m0) + log10(g->hops_per_level), err);
  rc = limen_hop_cost_kT(mu0, mu0 / (2.0 * g->rho), &e0, &g->tilt_kT, &var0, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_matched", "hop cost");
  double H2 = g->hops_per_level * g->hops_per_level;
  g->energy_per_param_kT = e0 * (S / m0);  /* = f·H·S: e_H is linear in μ at fixed ρ */
  g->spread_levels2 = var0 * (S / m0) / H2; /* = S·coth(f/2)/H                        */
  g->effective_bits = w->bits - fmax(0.0, 0.5 * log2(g->spread_levels2));
  g->first_rate_per_tau0 = mu0 / (2.0 * g->rho) * (w->tau0_s / dt);
  return LIMEN_OK;
}

static void note_design(limen_projection *out, const limen_workload *w, const lm_design *g, double eps) {
  if (g->rho_raised)
    limen_projection_note(out, "ρ raised from %g to %.4g: at ρ = %g the %s would need hops faster than a Kramers cell at the minimum barrier allows (%.3g per τ₀)",
                          w->drift_diffusion_ratio, g->rho, w->drift_diffusion_ratio,
                          w->path ? "largest measured move" : "first steps", g->rate_limit_per_tau0);
  if (w->hops_per_level > 0)
    limen_projection_note(out, "precision (P): H = %.6g hop positions per level (given); hopping adds μ·coth(f/2) hops² per step (never less than μ: shot noise)",
                          g->hops_per_level);
  else
    limen_projection_note(out, "precision (P): hopping adds μ·coth(f/2) hops² per step (never less than μ: shot noise), so n = %g bits (spread ≤ ε) needs H = ⌈S·coth(f/2)⌉ = %.6g hop positions per level",
                          w->bits, g->hops_per_level);
  limen_projection_note(out, "matched hopping (H)+(A): r_kΔt = H·m_k/(2ρ), ρ = %.4g, tilt f = 2·asinh(ρ) = %.4g kT per hop at every step; %.4g kT per parameter = f·H·S = f·coth(f/2)·S² ≥ 2·S² (thermodynamic uncertainty relation)",
                        g->rho, g->tilt_kT, g->energy_per_param_kT);
  limen_projection_note(out, "spread of the final parameter: %.4g levels² (std %.3g levels = %.3g in parameter units); drift error 0 by construction (a relative hop-rate error δ would add δ·S = δ·%.4g levels)",
                        g->spread_levels2, sqrt(g->spread_levels2), sqrt(g->spread_levels2) * eps, g->path_levels);
}

/* The schedule of workload w over its K whole steps, and the path sums. */
static int lm_path(const limen_workload *w, const limen_workload_derived *d, limen_lr_schedule *s, double *K,
                   double *S, double *m0, limen_error *err) {
  *K = fmax(1.0, floor(d->steps + 0.5));
  *s = (limen_lr_schedule){w->lr_kind, w->lr_eta0, w->lr_t0_frac * *K, *K, w->lr_eta_min_frac * w->lr_eta0};
  int rc = limen_lr_check(s, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_matched", "learning-rate schedule");
  double sum_eta = 0;
  rc = limen_pd_lr_sum(s, *K, &sum_eta, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_matched", "learning path");
  *m0 = s->eta0 * w->grad_scale / d->level_size;
  *S = sum_eta * w->grad_scale / d->level_size;
  return LIMEN_OK;
}

/* The path of workload w and the precision design on it (theory (P)).  A measured path gives S
 * and, as m_0, the largest move of one parameter in one step: the fastest hop rate needed. */
static int plan(const limen_workload *w, const limen_workload_derived *d, const limen_precision *prec,
                limen_lr_schedule *s, lm_design *g, limen_error *err) {
  double K = 0, S = 0, m0 = 0;
  memset(g, 0, sizeof *g);
  memset(s, 0, sizeof *s);
  int rc = LIMEN_OK;
  if (d->path.given) {
    K = fmax(1.0, floor(d->steps + 0.5));
    S = d->path.levels;
    m0 = d->path.fast_levels;
  } else {
    rc = lm_path(w, d, s, &K, &S, &m0, err);
  }
  g->steps = K;
  if (rc == LIMEN_OK && !(m0 > 0)) { /* a path that does not move: no hops, nothing spread */
    g->hops_per_level = 1.0;
    g->rho = w->drift_diffusion_ratio;
    g->tilt_kT = 2.0 * asinh(g->rho);
    g->effective_bits = w->bits;
    return LIMEN_OK;
  }
  if (rc == LIMEN_OK) rc = design(w, S, m0, w->train_time_s / K, prec, g, err);
  return rc;
}

int limen_lim_matched_design_compute(const limen_workload *w, const limen_precision *prec, limen_lim_matched_design *out,
                                     limen_error *err) {
  limen_workload_derived d;
  int rc = limen_workload_derive(w, &d, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "workload");
  limen_precision defaults = limen_precision_default();
  limen_lr_schedule s;
  return plan(w, &d, prec ? prec : &defaults, &s, out, err);
}

/* The path notes: the assumed schedule, or the measured path. */
static void note_path(limen_projection *out, const limen_workload *w, const limen_workload_derived *d,
                      const limen_lr_schedule *s, const lm_design *gd, double dt) {
  double eps = d->level_size;
  if (!d->path.given) {
    note_schedule(out, w, s, gd->steps, dt);
    limen_projection_note(out, "path: m_k = η_k·g/ε levels, g = %g (update per unit learning rate), ε = range/2^n = %g/2^%g = %.4g; m_0 = %.4g levels, S = Σ_k m_k = %.4g levels per parameter",
                          w->grad_scale, w->param_range, w->bits, eps, gd->m0_levels, gd->path_levels);
    return;
  }
  out->update_follows = LIMEN_FOLLOWS_PATH_LEVELS;
  limen_projection_note(out, "measured learning path over K = %.6g steps of Δt = %.4g s: ε = range/2^n = %g/2^%g = %.4g; S = (K/K_m)·Σ_j path_j/P = %.4g levels per parameter; the largest move of one parameter in one step, %.4g levels, sets the fastest hop rate",
                        gd->steps, dt, w->param_range, w->bits, eps, gd->path_levels, gd->m0_levels);
  limen_projection_note(out, "each parameter's hop rate is matched to its own move in each step (r Δt = H·m/(2ρ)), so the cost is linear in the moves: N·f·H·S over the measured path; the precision design uses the mean parameter's S (the meter does not record S per parameter)");
}

/* The writes that change a stored value: Σ_k min(1, m_k) per parameter on the schedule, or
 * the measured ones. */
static int lm_writes(const limen_workload *w, const limen_workload_derived *d, const limen_lr_schedule *s,
                     double K, limen_projection *out, double *updates, limen_error *err) {
  if (d->path.given) {
    *updates = d->path.writes;
    limen_projection_note(out, "counted work: %.4g measured writes that change a stored level (N·(K/K_m)·Σ_j changed_j/P)",
                          *updates);
    return LIMEN_OK;
  }
  double writes = 0;
  int rc = changing_writes(s, K, w->grad_scale / d->level_size, &writes, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_matched", "counted writes");
  /* per parameter and step on the K whole steps, scaled to the workload's K = D/B_s steps */
  *updates = w->params * d->steps * (writes / K);
  limen_projection_note(out, "counted work: N·K·(Σ_k min(1, m_k))/K = %.4g parameter updates of n bits (a step moving less than one level changes the stored value with probability m_k)",
                        *updates);
  return LIMEN_OK;
}

static int lim_matched_compute(const limen_paradigm *p, const limen_workload *w,
                               const limen_workload_derived *d, const limen_precision *prec,
                               limen_projection *out, limen_error *err) {
  limen_lr_schedule s;
  lm_design gd;
  int rc = plan(w, d, prec, &s, &gd, err);
  if (rc != LIMEN_OK) return rc;
  double K = gd.steps, dt = w->train_time_s / K, updates = 0;
  note_path(out, w, d, &s, &gd, dt);
  if (gd.path_levels > 0) note_design(out, w, &gd, d->level_size);
  else limen_projection_note(out, "the path does not move: no hops, no spread");
  out->update_J = w->params * gd.energy_per_param_kT * d->kT_J;
  out->update_per_op_kT = gd.energy_per_param_kT / (K * w->bits);
  out->effective_bits = gd.effective_bits;
  limen_projection_note(out, "update = N·f·H·S·kT = %.4g J (%.4g kT per parameter-step per bit); effective bits log2(range/max(ε, std)) = %.4g",
                        out->update_J, out->update_per_op_kT, out->effective_bits);
  rc = lm_writes(w, d, &s, K, out, &updates, err);
  if (rc != LIMEN_OK) return rc;
  limen_projection_note(out, "not counted: compute (the arithmetic is done by the cells' own relaxation)");
  /* the bits a write really holds: the effective bits when the spread exceeds a level.  The
   * Landauer cost of these writes is a reference: a move by a known step is logically
   * reversible; the bound is the thermodynamic uncertainty relation. */
  rc = limen_projection_count(out, LIMEN_WORK_PARAMETER_UPDATE, "update", updates, fmin(w->bits, gd.effective_bits),
                              1.0, d->kT_J, err);
  limen_projection_count_is_reference(out);
  out->bound_J = gd.path_levels > 0 ? w->params * 2.0 * gd.path_levels * gd.path_levels / gd.spread_levels2 * d->kT_J
                                    : 0.0;
  limen_projection_note(out, "floor: the Landauer cost of those writes is a reference (a move by a known step is logically reversible); the bound is the thermodynamic uncertainty relation, N·2kT·S²/spread = %.4g J",
                        out->bound_J);
  if (rc == LIMEN_OK) rc = lm_barrier(p, w, d, prec, &s, &gd, dt, out, err);
  return rc;
}

/* Does the design hold at param-range R (the other inputs as in w): computed, with finite energies? */
static int fits_at(const limen_paradigm *p, const limen_workload *w, double R, const limen_precision *prec,
                   limen_projection *scratch) {
  limen_workload w2 = *w;
  w2.param_range = R;
  limen_workload_derived d2;
  limen_error e2;
  limen_error_clear(&e2);
  memset(scratch, 0, sizeof *scratch);
  if (limen_workload_derive(&w2, &d2, &e2) || lim_matched_compute(p, &w2, &d2, prec, scratch, &e2)) return 0;
  return isfinite(scratch->update_J) && isfinite(scratch->bound_J) && isfinite(scratch->consolidation_J);
}

/* lim_matched_compute, and when it fails or its energies overflow a double for a level
 * ε = R/2^n that is too fine (the hop counts grow as 1/ε to 1/ε²), while the largest allowed R
 * works: --param-range named with the smallest R that works at the other inputs' values (found
 * by bisection on log R to 1e-3 decades, rounded up). */
static int lim_matched_checked(const limen_paradigm *p, const limen_workload *w, const limen_workload_derived *d,
                               const limen_precision *prec, limen_projection *out, limen_error *err) {
  int rc = lim_matched_compute(p, w, d, prec, out, err);
  int ok = rc == LIMEN_OK && isfinite(out->update_J) && isfinite(out->bound_J) && isfinite(out->consolidation_J);
  if (ok || rc == LIMEN_ENOMEM || d->path.given) return rc;
  size_t n = 0;
  const limen_input *table = limen_workload_inputs(&n), *row = limen_input_find(table, n, "param-range");
  limen_projection *scratch = malloc(sizeof *scratch);
  if (!scratch) return limen_error_set(err, LIMEN_ENOMEM, "lim_matched", "out of memory");
  double lo = log10(w->param_range), hi = log10(row->hi);
  int fits = lo < hi && fits_at(p, w, row->hi, prec, scratch);
  while (fits && hi - lo > 1e-3) {
    double mid = 0.5 * (lo + hi);
    if (fits_at(p, w, pow(10.0, mid), prec, scratch)) hi = mid;
    else lo = mid;
  }
  free(scratch);
  if (!fits) return rc ? rc : LIMEN_OK; /* not the level: the projection's own check names the energy */
  return limen_input_check_within(row, w->param_range, pow(10.0, hi), 0, row->hi, row->hi_open,
                                  "a finer level makes the matched cell's hop counts or energies overflow a double",
                                  err);
}

const limen_paradigm_type limen_pd_lim_matched_type = {
    "lim-matched",
    "learning in memory: biased hopping along the learning path at the Arrhenius-matched barrier",
    1, "cost-model", lim_matched_checked};
