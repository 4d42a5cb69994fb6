/* SPDX-License-Identifier: GPL-3.0-or-later
 * memory_hop.c: the learning-in-memory paradigms of memory.h — lim-fixed and lim-matched —
 * simulated by exact jump (hopping) statistics of the washboard cell (theory (H), (A)). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "limen/bounds.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "limen/rng.h"
#include "rng/rng_gsl.h"
#include "train/internal.h"

#define LEAK_STREAM_SALT 0xD1B54A32D192ED03ULL
#define HOP_PI 3.14159265358979323846

/* Poisson draws at any mean, exactly: GSL's generator returns an unsigned int and does not end
 * for means near its range, so a mean μ ≥ 2^30 is split into k = ⌈μ/2^30⌉ equal parts, each drawn
 * by GSL, and added — exact, since a sum of independent Poisson variables is Poisson with the
 * summed mean.  The cost grows as μ/2^30 draws (about 10⁶ at μ = 10¹⁵); the result is a double,
 * exact up to 2^53. */
#define HOP_POISSON_PART 1073741824.0

double limen_train_poisson(gsl_rng *g, double mu) {
  if (mu < HOP_POISSON_PART) return (double)gsl_ran_poisson(g, mu);
  double k = ceil(mu / HOP_POISSON_PART), part = mu / k, sum = 0.0;
  for (double i = 0; i < k; i++) sum += (double)gsl_ran_poisson(g, part);
  return sum;
}

typedef struct hop_state {
  double rate_low;  /* zero-tilt hop rate at E_low (lim-fixed) or E_b(0) (lim-matched), per τ₀ */
  double rate_ret;  /* zero-tilt hop rate at E_ret, per τ₀ (leak between windows)              */
  int matched;
} hop_state;

static int hop_init_common(limen_memory *m, int matched, limen_error *err) {
  hop_state *s = calloc(1, sizeof *s);
  if (!s) return limen_error_set(err, LIMEN_ENOMEM, __func__, "state");
  s->matched = matched;
  int st = limen_washboard_hop_rate(m->cfg.low_barrier_kT, &s->rate_low, err);
  if (!st) st = limen_washboard_hop_rate(m->e_ret_kT, &s->rate_ret, err);
  if (st) {
    free(s);
    return st;
  }
  m->state = s;
  return LIMEN_OK;
}

static int lim_fixed_init(limen_memory *m, limen_error *err) { return hop_init_common(m, 0, err); }
static int lim_matched_init(limen_memory *m, limen_error *err) { return hop_init_common(m, 1, err); }

/* One window of one cell by Langevin dynamics: washboard of M levels at barrier E, local
 * equilibrium in the well of `level`, tilt f switched on for the window and off at its end.
 * Returns the well it ends in and the heat (Sekimoto, langevin.h). */
static int langevin_window(const limen_memory *m, double E, double f, double dt_tau0, double level, uint64_t stream,
                           double *level_out, double *heat_kT, limen_error *err) {
  limen_protocol *p = NULL;
  int st = limen_protocol_alloc(1, &p, err);
  if (st) return st;
  p->potential = limen_potential_washboard;
  p->potential_params.levels = (int)m->levels;
  limen_control rest = limen_control_zero(), on;
  rest.barrier = E;
  on = rest;
  on.tilt = f;
  p->initial = rest;
  p->final = rest;
  p->segments[0].duration = dt_tau0;
  p->segments[0].shape = LIMEN_SHAPE_HOLD;
  p->segments[0].start = on;
  p->segments[0].end = on;
  p->initial_lo = level - 0.5;
  p->initial_hi = level + 0.5;
  snprintf(p->name, sizeof p->name, "memory-cell-window");
  limen_langevin_config c = limen_langevin_config_default();
  limen_rng r;
  limen_rng_seed(&r, m->cfg.seed ^ 0x6A09E667F3BCC909ULL, stream);
  c.seed = limen_rng_u64(&r);
  c.dt = m->cfg.langevin_dt;
  c.n_traj = 1;
  c.threads = 1;
  c.integrator = limen_integrator_heun;
  c.init = LIMEN_INIT_EQUILIBRIUM;
  limen_langevin_result res;
  st = limen_langevin_run(&c, NULL, p, &res, err);
  limen_protocol_free(p);
  if (st) return limen_error_wrap(err, st, "langevin_window", "cell window at level %g, tilt %g kT", level, f);
  double q = floor(res.x_final[0] + 0.5);
  *level_out = limen_train_clamp_level(m, q);
  *heat_kT = res.heat[0];
  limen_langevin_result_clear(&res);
  return LIMEN_OK;
}

static void hop_release(limen_memory *m) {
  free(m->state);
  m->state = NULL;
}

static int hop_apply(limen_memory *m, const double *dw, const limen_memory_step *step, double *dw_real, double *heat_kT,
                     limen_memory_stats *stats, limen_error *err) {
  hop_state *s = m->state;
  double E = m->cfg.low_barrier_kT, rate = s->rate_low;
  if (s->matched) {
    const limen_lr_schedule *sch = &m->cfg.schedule;
    double t = (double)step->index;
    rate *= limen_lr_eta(sch, t) / limen_lr_eta(sch, 0.0);
    int st = limen_matched_barrier_kT(sch, m->cfg.low_barrier_kT, t, &E, err);
    if (st) return limen_error_wrap(err, st, "lim-matched", "barrier at step %zu", step->index);
  }
  double dt_tau0 = step->window_s / m->cfg.tau0_s;
  double rdt = rate * dt_tau0;
  if (!(rdt > 0) || !isfinite(rdt))
    return limen_error_set(err, LIMEN_ENUMERIC, "hop_apply", "r·Δt = %g at barrier %g kT: not a positive finite number", rdt, E);
  double fc = HOP_PI * E;
  stats->barrier_kT = E;
  stats->rate_dt = rdt;
  double leak = s->rate_ret * m->cfg.hold_s / m->cfg.tau0_s;
  int do_leak = leak * (double)m->n >= 1e-9;
  for (size_t i = 0; i < m->n; i++) {
    limen_rng r;
    limen_rng_seed(&r, m->cfg.seed, limen_train_stream(step->index, m->n, i));
    gsl_rng g = limen_rng_gsl(&r);
    double mlev = dw[i] / m->delta;
    double fH = 2.0 * asinh(mlev / (2.0 * rdt));
    double f, net;
    if (fabs(fH) <= E) {
      f = fH;
      double lp = rdt * exp(0.5 * f), lm = rdt * exp(-0.5 * f);
      if (!isfinite(lp))
        return limen_error_set(err, LIMEN_ERANGE, "hop_apply", "hops per window r·Δt·e^{f/2} = %g at barrier %g kT: "
                               "beyond a double (shorten the window)", lp, E);
      double up = limen_train_poisson(&g, lp);
      double down = limen_train_poisson(&g, lm);
      net = up - down;
      stats->heat_var_kT2 += f * f * (lp + lm);
    } else {
      double y = fabs(mlev) / dt_tau0;
      f = copysign(sqrt(y * y + fc * fc), mlev);
      net = limen_train_stochastic_round(mlev, limen_rng_uniform(&r));
      double frac = mlev - floor(mlev);
      stats->heat_var_kT2 += f * f * frac * (1.0 - frac);
      stats->driven++;
    }
    double old = m->level[i];
    double q = limen_train_clamp_level(m, old + net);
    double h = (q - old) * f;
    if (m->cfg.cells == LIMEN_CELLS_LANGEVIN) {
      int st = langevin_window(m, E, f, dt_tau0, old, limen_train_stream(step->index, m->n, i), &q, &h, err);
      if (st) return st;
    }
    if (do_leak) {
      limen_rng rl;
      limen_rng_seed(&rl, m->cfg.seed ^ LEAK_STREAM_SALT, limen_train_stream(step->index, m->n, i));
      gsl_rng gl = limen_rng_gsl(&rl);
      double d = limen_train_poisson(&gl, leak) - limen_train_poisson(&gl, leak);
      q = limen_train_clamp_level(m, q + d);
    }
    stats->ops += fabs(q - old);
    limen_train_commit(m, i, q, h, dw_real, heat_kT, stats);
    stats->expected_kT += mlev * f;
    stats->bound_kT += mlev * mlev / dt_tau0;
    if (fabs(f) > stats->max_tilt_kT) stats->max_tilt_kT = fabs(f);
  }
  return LIMEN_OK;
}

const limen_memory_type limen_train_lim_fixed_type = {
    "lim-fixed", "washboard cell, barrier lowered to E_low in every window: biased hopping (H)", 1, lim_fixed_init,
    hop_release, hop_apply};
const limen_memory_type limen_train_lim_matched_type = {
    "lim-matched", "washboard cell, barrier follows the learning-rate schedule by (A): r(t) ∝ η(t)", 1, lim_matched_init,
    hop_release, hop_apply};
