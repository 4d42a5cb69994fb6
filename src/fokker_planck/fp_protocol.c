/* SPDX-License-Identifier: GPL-3.0-or-later
 * fp_protocol.c: drive the Fokker–Planck grid (fp_grid.c) through a protocol of protocol.h
 * with the Sekimoto work/heat splitting of the Langevin engine (see fokker_planck.h); the
 * steps run in blocks under a run control in fp_units.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/fokker_planck.h"
#include "fokker_planck/fp_internal.h"

limen_fp_config limen_fp_config_default(void) {
  limen_fp_config c;
  memset(&c, 0, sizeof c);
  c.dt = 1e-3;
  limen_fp_inputs_defaults(&c); /* n_cells (fp_inputs.c) */
  c.h_max = 0.005;
  c.cut_kT = 40.0;
  c.x_lo = c.x_hi = 0.0;
  c.scheme = LIMEN_FP_TRBDF2;
  c.init = LIMEN_INIT_EQUILIBRIUM;
  c.x0 = 0.0;
  c.max_work = LIMEN_WORK_CAP;
  c.precision = NULL;
  return c;
}

void limen_fp_result_clear(limen_fp_result *res) {
  if (!res) return;
  free(res->x);
  free(res->rho);
  res->x = res->rho = NULL;
}

static int check_config(const limen_fp_config *c, limen_error *err) {
  int st;
  if ((st = limen_check_positive(err, "limen_fp_run", "dt", c->dt))) return st;
  if (c->n_cells != 0 && (c->n_cells < 3 || c->n_cells > 10000000))
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "n_cells = %zu: allowed 0 (automatic) or [3, 1e7]",
                           c->n_cells);
  if (c->n_cells == 0 && (st = limen_check_range(err, "limen_fp_run", "h_max", c->h_max, 0, 1, 10, 0))) return st;
  if ((st = limen_check_range(err, "limen_fp_run", "cut_kT", c->cut_kT, 1, 0, 700, 0))) return st;
  if (c->scheme != LIMEN_FP_TRBDF2 && c->scheme != LIMEN_FP_BACKWARD_EULER)
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "scheme = %d: allowed 0 (TR-BDF2), 1 (backward Euler)",
                           (int)c->scheme);
  if (c->init != LIMEN_INIT_EQUILIBRIUM && c->init != LIMEN_INIT_FIXED)
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "init = %d: allowed 0 (equilibrium), 1 (fixed)",
                           (int)c->init);
  if (c->init == LIMEN_INIT_FIXED && !isfinite(c->x0))
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "x0 = %g: must be finite", c->x0);
  return LIMEN_OK;
}

/* The grid's domain: the potential's walls where it has them, else the union of the
 * Boltzmann supports over the protocol. */
static int choose_domain(const limen_fp_config *cfg, const limen_potential *pot, const limen_protocol *proto,
                         double *lo, double *hi, limen_error *err) {
  double dlo, dhi;
  limen_potential_domain(pot, &dlo, &dhi);
  if (cfg->x_lo < cfg->x_hi) {
    *lo = fmax(cfg->x_lo, dlo);
    *hi = fmin(cfg->x_hi, dhi);
    if (!(*hi > *lo))
      return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "domain [%g, %g] lies outside the potential's [%g, %g]",
                             cfg->x_lo, cfg->x_hi, dlo, dhi);
    return LIMEN_OK;
  }
  if (isfinite(dlo) && isfinite(dhi)) {
    *lo = dlo;
    *hi = dhi;
    return LIMEN_OK;
  }
  const limen_precision pr = cfg->precision ? *cfg->precision : limen_precision_default();
  int rc = limen_check_range(err, "limen_fp_run", "precision.support_time_samples",
                             (double)pr.support_time_samples, 2, 0, 1e6, 0);
  if (rc) return rc;
  const size_t samples = pr.support_time_samples;
  double a = HUGE_VAL, b = -HUGE_VAL;
  limen_control u;
  for (size_t k = 0; k <= proto->n_segments; k++) {
    double t0 = 0.0;
    for (size_t j = 0; j < k; j++) t0 += proto->segments[j].duration;
    size_t nsub = k < proto->n_segments ? samples : 1;
    for (size_t s = 0; s < nsub; s++) {
      double t = k < proto->n_segments ? t0 + proto->segments[k].duration * (double)s / (double)samples : t0;
      for (int side = -1; side <= 1; side += 2) {
        limen_protocol_control(proto, t, side, &u);
        double l, h;
        int st = limen_potential_support(pot, &u, cfg->cut_kT, &l, &h, &pr, err);
        if (st) return limen_error_wrap(err, st, "limen_fp_run", "grid domain at t = %g", t);
        a = fmin(a, l);
        b = fmax(b, h);
      }
    }
  }
  if (cfg->init == LIMEN_INIT_FIXED) {
    a = fmin(a, cfg->x0 - 0.5);
    b = fmax(b, cfg->x0 + 0.5);
  }
  *lo = fmax(a, dlo);
  *hi = fmin(b, dhi);
  return LIMEN_OK;
}

static void eval_u(const limen_potential *pot, const limen_control *u, size_t n, const double *x, double *U) {
  pot->type->eval(pot, u, n, x, U, NULL);
}

/* Σ ρ_i (a_i − b_i) Δx */
static double mean_diff(const limen_fp_grid *g, const double *a, const double *b) {
  const double *rho = limen_fp_grid_density(g);
  size_t n = limen_fp_grid_size(g);
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += rho[i] * (a[i] - b[i]);
  return s * limen_fp_grid_dx(g);
}

/* ln Σ e^{−U_i} Δx, shifted for range safety. */
static double log_z(const double *U, size_t n, double dx) {
  double m = U[0];
  for (size_t i = 1; i < n; i++) m = fmin(m, U[i]);
  double s = 0.0;
  for (size_t i = 0; i < n; i++) s += exp(-(U[i] - m));
  return log(s * dx) - m;
}

static int initial_density(const limen_fp_config *cfg, const limen_protocol *proto, limen_fp_grid *g,
                           const double *U0, double *work, limen_error *err) {
  size_t n = limen_fp_grid_size(g);
  const double *x = limen_fp_grid_x(g);
  double h = limen_fp_grid_dx(g);
  if (cfg->init == LIMEN_INIT_FIXED) {
    double lo = x[0] - 0.5 * h, hi = x[n - 1] + 0.5 * h;
    if (cfg->x0 < lo || cfg->x0 > hi)
      return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "x0 = %g: allowed range [%g, %g] (the grid)",
                             cfg->x0, lo, hi);
    size_t i = (size_t)floor((cfg->x0 - lo) / h);
    if (i >= n) i = n - 1;
    for (size_t j = 0; j < n; j++) work[j] = 0.0;
    work[i] = 1.0 / h;
    return limen_fp_grid_set_density(g, work, err);
  }
  double m = HUGE_VAL;
  for (size_t i = 0; i < n; i++) m = fmin(m, U0[i]);
  double z = 0.0;
  for (size_t i = 0; i < n; i++) {
    double l = x[i] - 0.5 * h, r = x[i] + 0.5 * h;
    double frac = (fmin(r, proto->initial_hi) - fmax(l, proto->initial_lo)) / h;
    frac = frac < 0.0 ? 0.0 : (frac > 1.0 ? 1.0 : frac);
    work[i] = frac * exp(-(U0[i] - m));
    z += work[i] * h;
  }
  if (!(z > 0.0))
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run",
                           "initial region [%g, %g] holds no Boltzmann weight on the grid [%g, %g]", proto->initial_lo,
                           proto->initial_hi, x[0] - 0.5 * h, x[n - 1] + 0.5 * h);
  for (size_t i = 0; i < n; i++) work[i] /= z;
  return limen_fp_grid_set_density(g, work, err);
}

/* The largest automatic grid: beyond it cells wider than h_max would resolve the potential
 * too coarsely (a run at stiffness 1e6 over a domain set by stiffness 1e-3 reported a
 * first-law residual of 1.8 kT as success), so such a run is refused before it starts. */
#define FP_AUTO_CELLS_MAX 1e7

/* The domain and the number of cells (cfg->n_cells, or cells of width ≤ h_max, at least 200). */
static int grid_size(fp_state *s, limen_error *err) {
  int st = choose_domain(s->cfg, s->pot, s->proto, &s->lo, &s->hi, err);
  if (st) return st;
  size_t n = s->cfg->n_cells;
  if (n == 0) {
    double cells = ceil((s->hi - s->lo) / s->cfg->h_max);
    if (cells > FP_AUTO_CELLS_MAX)
      return limen_error_input(err, LIMEN_EINVAL, "cells", NULL, NULL,
                               "cells: the automatic grid needs %.3g cells of width %g a to cover [%g, %g] a (where "
                               "the protocol's Boltzmann weight lies), more than %g: narrow the protocol's range "
                               "(e.g. a stiffness ratio closer to 1) or use --method langevin",
                               cells, s->cfg->h_max, s->lo, s->hi, FP_AUTO_CELLS_MAX);
    n = cells < 200 ? 200 : (size_t)cells;
  }
  s->n = n;
  return LIMEN_OK;
}

/* cells × steps within the cap on the work (langevin.h), before anything is allocated. */
static int check_work(const fp_state *s, limen_error *err) {
  char what[96];
  snprintf(what, sizeof what, "%zu cells × %zu steps × %g", s->n, s->N, LIMEN_WORK_PER_CELL_STEP);
  return limen_work_check((double)s->n * (double)s->N * LIMEN_WORK_PER_CELL_STEP, s->cfg->max_work, what, err);
}

/* The grid and the buffers of the run. */
static int alloc_grid(fp_state *s, limen_error *err) {
  const size_t n = s->n;
  s->g = limen_fp_grid_alloc(n, s->lo, s->hi, err);
  s->U_old = malloc(n * sizeof *s->U_old);
  s->U_new = malloc(n * sizeof *s->U_new);
  s->tmp = malloc(n * sizeof *s->tmp);
  if (!s->g || !s->U_old || !s->U_new || !s->tmp)
    return s->g ? limen_error_set(err, LIMEN_ENOMEM, "limen_fp_run", "out of memory (%zu cells)", n)
                : (err ? err->code : LIMEN_ENOMEM);
  s->x = limen_fp_grid_x(s->g);
  s->dx = limen_fp_grid_dx(s->g);
  return LIMEN_OK;
}

/* N = ⌈τ/dt⌉ steps (at least one when τ > 0, at most 1e10) of dt_eff = τ/N. */
static int count_steps(fp_state *s, limen_error *err) {
  const double tau = limen_protocol_duration(s->proto);
  size_t N = tau > 0 ? (size_t)ceil(tau / s->cfg->dt - 1e-12) : 0;
  if (tau > 0 && N == 0) N = 1;
  if ((double)N > 1e10)
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "dt = %g: τ/dt = %g steps exceeds 1e10", s->cfg->dt,
                           tau / s->cfg->dt);
  s->tau = tau;
  s->N = N;
  s->dt = N > 0 ? tau / (double)N : 0.0;
  return LIMEN_OK;
}

/* The energies at λ(0⁻), their ln Z, the initial density and its mean energy. */
static int start_density(fp_state *s, limen_error *err) {
  limen_control u;
  limen_protocol_control(s->proto, 0.0, -1, &u);
  eval_u(s->pot, &u, s->n, s->x, s->U_old);
  s->lz0 = log_z(s->U_old, s->n, s->dx);
  int st = initial_density(s->cfg, s->proto, s->g, s->U_old, s->tmp, err);
  if (st) return st;
  s->u_init = limen_fp_grid_mean(s->g, s->U_old);
  s->W = s->Q = 0.0;
  return LIMEN_OK;
}

/* t_k, the time after k steps: k·dt_eff, and exactly τ after the last. */
static double step_time(const fp_state *s, size_t k) { return k == s->N ? s->tau : s->dt * (double)k; }

void fp_potential_after(fp_state *s, size_t k) {
  limen_control u;
  limen_protocol_control(s->proto, step_time(s, k), -1, &u);
  eval_u(s->pot, &u, s->n, s->x, s->U_old);
}

/* Steps k0 … k1 − 1: the work of λ(t_k) → λ(t_{k+1}⁻) at fixed density, then the relaxation
 * at fixed λ with its heat; progress about every 1 % of all N steps. */
int fp_advance(fp_state *s, size_t k0, size_t k1, limen_error *err) {
  const limen_fp_config *cfg = s->cfg;
  const size_t N = s->N, every = N / 100 > 0 ? N / 100 : 1;
  limen_control u;
  for (size_t k = k0; k < k1; k++) {
    double t = step_time(s, k + 1);
    limen_protocol_control(s->proto, t, -1, &u);
    eval_u(s->pot, &u, s->n, s->x, s->U_new);
    s->W += mean_diff(s->g, s->U_new, s->U_old);
    double before = limen_fp_grid_mean(s->g, s->U_new);
    int st = limen_fp_grid_step(s->g, s->U_new, s->dt, cfg->scheme, err);
    if (st) return limen_error_wrap(err, st, "limen_fp_run", "step %zu (t = %g)", k, t);
    s->Q += before - limen_fp_grid_mean(s->g, s->U_new);
    double *sw = s->U_old;
    s->U_old = s->U_new;
    s->U_new = sw;
    if (cfg->progress && (k + 1) % every == 0) cfg->progress(cfg->progress_ctx, (double)(k + 1) / (double)N);
  }
  return LIMEN_OK;
}

/* The work and heat telescope exactly into ΔU (⟨U_{k+1}⟩ at ρ_k appears in both), so the
 * residual is round-off alone.  Reports print six significant digits: a residual above 1e-6
 * of the largest term means the printed digits are not the grid's, and the run fails. */
#define FP_FIRST_LAW_REL 1e-6
static int first_law_broken(const limen_fp_result *r) {
  double scale = fmax(1.0, fmax(fabs(r->mean_work), fmax(fabs(r->mean_heat), fabs(r->mean_dU))));
  return !(r->first_law_residual <= FP_FIRST_LAW_REL * scale);
}

/* The final jump λ(τ⁻) → λ(τ⁺) (work at fixed density) and the results: means, first-law
 * residual, success, mass drift, ΔF, and copies of the grid and the final density. */
static int finish_run(fp_state *s, limen_fp_result *res, limen_error *err) {
  limen_control u;
  limen_protocol_control(s->proto, s->tau, +1, &u);
  eval_u(s->pot, &u, s->n, s->x, s->U_new);
  s->W += mean_diff(s->g, s->U_new, s->U_old);
  double u_final = limen_fp_grid_mean(s->g, s->U_new);
  const size_t n = s->n;
  res->n_steps = s->N;
  res->dt = s->dt;
  res->duration = s->tau;
  res->n_cells = n;
  res->x_lo = s->lo;
  res->x_hi = s->hi;
  res->dx = s->dx;
  res->mean_work = s->W;
  res->mean_heat = s->Q;
  res->mean_dU = u_final - s->u_init;
  res->first_law_residual = fabs(res->mean_dU - (s->W - s->Q));
  if (first_law_broken(res))
    return limen_error_set(err, LIMEN_ENUMERIC, "limen_fp_run",
                           "first-law residual |dU - (W - Q)| = %.3g kT exceeds %g of the largest of W = %.6g, "
                           "Q = %.6g, dU = %.6g kT: the energies on this grid (%zu cells of %g a) lose their "
                           "digits to round-off; the result is not reported",
                           res->first_law_residual, FP_FIRST_LAW_REL, s->W, s->Q, res->mean_dU, n, s->dx);
  /* The success probability is the fraction of the final mass in the target region.  The
   * mass is conserved only to round-off (a few ε per step), so the raw mass in a target that
   * covers the whole grid can be 1 + 1e-13: dividing by the final mass removes that drift,
   * and the clamp the last ulp of the quotient (the two sums round differently). */
  double mass = limen_fp_grid_mass(s->g);
  double in_target = limen_fp_grid_mass_between(s->g, s->proto->target_lo, s->proto->target_hi);
  res->success = fmin(1.0, fmax(0.0, in_target / mass));
  res->mass_error = fabs(mass - 1.0);
  res->free_energy_change = -(log_z(s->U_new, n, s->dx) - s->lz0);
  res->x = malloc(n * sizeof *res->x);
  res->rho = malloc(n * sizeof *res->rho);
  if (!res->x || !res->rho) {
    limen_fp_result_clear(res);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_fp_run", "out of memory");
  }
  memcpy(res->x, s->x, n * sizeof *s->x);
  memcpy(res->rho, limen_fp_grid_density(s->g), n * sizeof *res->rho);
  return LIMEN_OK;
}

int limen_fp_run(const limen_fp_config *cfg, const limen_potential *pot, const limen_protocol *proto,
                 limen_fp_result *res, limen_error *err) {
  return limen_fp_run_ctl(cfg, pot, proto, NULL, NULL, NULL, res, err);
}

int limen_fp_run_ctl(const limen_fp_config *cfg_in, const limen_potential *pot_in, const limen_protocol *proto,
                     const char *command, const char *inputs, limen_run_control *ctl, limen_fp_result *res,
                     limen_error *err) {
  if (!res) return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "NULL result");
  memset(res, 0, sizeof *res);
  if (!proto) return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "NULL protocol");
  if (ctl && ctl->checkpoint && (!command || !inputs))
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "a checkpoint needs the run's command and inputs");
  limen_fp_config cfg = cfg_in ? *cfg_in : limen_fp_config_default();
  int st = check_config(&cfg, err);
  if (st) return st;
  if ((st = limen_protocol_check(proto, err)))
    return limen_error_wrap(err, st, "limen_fp_run", "protocol '%s'", proto->name);
  limen_potential *own = NULL;
  const limen_potential *pot = pot_in;
  if (!pot) {
    if ((st = limen_protocol_potential_alloc(proto, &own, err)))
      return limen_error_wrap(err, st, "limen_fp_run", "potential");
    pot = own;
  } else if (pot->type != proto->potential) {
    return limen_error_set(err, LIMEN_EINVAL, "limen_fp_run", "potential type '%s' differs from the protocol's '%s'",
                           pot->type->name, proto->potential->name);
  }
  fp_state s = {.cfg = &cfg, .pot = pot, .proto = proto};
  if (!(st = grid_size(&s, err)) && !(st = count_steps(&s, err)) && !(st = check_work(&s, err)) &&
      !(st = alloc_grid(&s, err)) && !(st = start_density(&s, err)) &&
      !(st = fp_run_units(&s, command, inputs, ctl, err)) && !(st = finish_run(&s, res, err)) && cfg.progress)
    cfg.progress(cfg.progress_ctx, 1.0);
  free(s.U_old);
  free(s.U_new);
  free(s.tmp);
  limen_fp_grid_free(s.g);
  limen_potential_free(own);
  return st;
}
