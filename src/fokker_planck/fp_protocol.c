/* SPDX-License-Identifier: GPL-3.0-or-later
 * fp_protocol.c: drive the Fokker–Planck grid (fp_grid.c) through a protocol of protocol.h
 * with the Sekimoto work/heat splitting of the Langevin engine (see fokker_planck.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/fokker_planck.h"

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

int limen_fp_run(const limen_fp_config *cfg_in, const limen_potential *pot_in, const limen_protocol *proto,
                 limen_fp_result *res, limen_error *err) {
  if (!res) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL result");
  memset(res, 0, sizeof *res);
  if (!proto) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL protocol");
  limen_fp_config cfg = cfg_in ? *cfg_in : limen_fp_config_default();
  int st = check_config(&cfg, err);
  if (st) return st;
  if ((st = limen_protocol_check(proto, err))) return limen_error_wrap(err, st, __func__, "protocol '%s'", proto->name);
  limen_potential *own = NULL;
  const limen_potential *pot = pot_in;
  if (!pot) {
    if ((st = limen_protocol_potential_alloc(proto, &own, err))) return limen_error_wrap(err, st, __func__, "potential");
    pot = own;
  } else if (pot->type != proto->potential) {
    return limen_error_set(err, LIMEN_EINVAL, __func__, "potential type '%s' differs from the protocol's '%s'",
                           pot->type->name, proto->potential->name);
  }

  double lo = 0, hi = 0;
  limen_fp_grid *g = NULL;
  double *U_old = NULL, *U_new = NULL, *tmp = NULL;
  if ((st = choose_domain(&cfg, pot, proto, &lo, &hi, err))) goto done;
  size_t n = cfg.n_cells;
  if (n == 0) {
    double cells = ceil((hi - lo) / cfg.h_max);
    n = cells < 200 ? 200 : (size_t)fmin(cells, 1e7);
  }
  g = limen_fp_grid_alloc(n, lo, hi, err);
  U_old = malloc(n * sizeof *U_old);
  U_new = malloc(n * sizeof *U_new);
  tmp = malloc(n * sizeof *tmp);
  if (!g || !U_old || !U_new || !tmp) {
    st = g ? limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory (%zu cells)", n) : (err ? err->code : LIMEN_ENOMEM);
    goto done;
  }
  const double *x = limen_fp_grid_x(g);
  double dx = limen_fp_grid_dx(g);

  double tau = limen_protocol_duration(proto);
  size_t N = tau > 0 ? (size_t)ceil(tau / cfg.dt - 1e-12) : 0;
  if (tau > 0 && N == 0) N = 1;
  if ((double)N > 1e10) {
    st = limen_error_set(err, LIMEN_EINVAL, __func__, "dt = %g: τ/dt = %g steps exceeds 1e10", cfg.dt, tau / cfg.dt);
    goto done;
  }
  double dt = N > 0 ? tau / (double)N : 0.0;

  limen_control u;
  limen_protocol_control(proto, 0.0, -1, &u);
  eval_u(pot, &u, n, x, U_old);
  double lz0 = log_z(U_old, n, dx);
  if ((st = initial_density(&cfg, proto, g, U_old, tmp, err))) goto done;
  double u_init = limen_fp_grid_mean(g, U_old);
  double W = 0.0, Q = 0.0;
  size_t every = N / 100 > 0 ? N / 100 : 1;
  for (size_t k = 0; k < N; k++) {
    double t = (k + 1 == N) ? tau : dt * (double)(k + 1);
    limen_protocol_control(proto, t, -1, &u);
    eval_u(pot, &u, n, x, U_new);
    W += mean_diff(g, U_new, U_old);
    double before = limen_fp_grid_mean(g, U_new);
    if ((st = limen_fp_grid_step(g, U_new, dt, cfg.scheme, err))) {
      st = limen_error_wrap(err, st, __func__, "step %zu (t = %g)", k, t);
      goto done;
    }
    Q += before - limen_fp_grid_mean(g, U_new);
    double *sw = U_old;
    U_old = U_new;
    U_new = sw;
    if (cfg.progress && (k + 1) % every == 0) cfg.progress(cfg.progress_ctx, (double)(k + 1) / (double)N);
  }
  /* final jump λ(τ⁻) → λ(τ⁺): work at fixed density */
  limen_protocol_control(proto, tau, +1, &u);
  eval_u(pot, &u, n, x, U_new);
  W += mean_diff(g, U_new, U_old);
  double u_final = limen_fp_grid_mean(g, U_new);

  res->n_steps = N;
  res->dt = dt;
  res->duration = tau;
  res->n_cells = n;
  res->x_lo = lo;
  res->x_hi = hi;
  res->dx = dx;
  res->mean_work = W;
  res->mean_heat = Q;
  res->mean_dU = u_final - u_init;
  res->first_law_residual = fabs(res->mean_dU - (W - Q));
  /* The success probability is the fraction of the final mass in the target region.  The
   * mass is conserved only to round-off (a few ε per step), so the raw mass in a target that
   * covers the whole grid can be 1 + 1e-13: dividing by the final mass removes that drift,
   * and the clamp the last ulp of the quotient (the two sums round differently). */
  double mass = limen_fp_grid_mass(g);
  double in_target = limen_fp_grid_mass_between(g, proto->target_lo, proto->target_hi);
  res->success = fmin(1.0, fmax(0.0, in_target / mass));
  res->mass_error = fabs(mass - 1.0);
  res->free_energy_change = -(log_z(U_new, n, dx) - lz0);
  res->x = malloc(n * sizeof *res->x);
  res->rho = malloc(n * sizeof *res->rho);
  if (!res->x || !res->rho) {
    limen_fp_result_clear(res);
    st = limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
    goto done;
  }
  memcpy(res->x, x, n * sizeof *x);
  memcpy(res->rho, limen_fp_grid_density(g), n * sizeof *res->rho);
  if (cfg.progress) cfg.progress(cfg.progress_ctx, 1.0);
  st = LIMEN_OK;

done:
  free(U_old);
  free(U_new);
  free(tmp);
  limen_fp_grid_free(g);
  limen_potential_free(own);
  return st;
}
