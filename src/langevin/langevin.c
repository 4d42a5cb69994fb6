/* SPDX-License-Identifier: GPL-3.0-or-later
 * langevin.c: the overdamped Langevin ensemble with Sekimoto bookkeeping (langevin.h).
 * Trajectories advance in fixed blocks of LANGEVIN_BLOCK, in lockstep over time, so that
 * the control λ is evaluated once per step per block and the potential is evaluated on
 * whole blocks (one indirect call per block and step). */
#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "core/simd_clones.h"
#include "langevin/langevin_internal.h"

#define LANGEVIN_BLOCK LIMEN_RNG_BLOCK

/* ---- the inputs a user gives (input.h rows): `limen simulate`'s options, the Python package's
 * arguments; the defaults of limen_langevin_config_default come from them ------------------- */
#define ROW(nm, mem, type, sym, unit, mv, lo, lo_open, hi, def, deftext, doc) \
  {nm, NULL, #mem, sym, unit, mv, lo, hi, lo_open, 0, 0, type, offsetof(limen_langevin_config, mem), def, deftext, doc}
static const limen_input k_inputs[] = {
    ROW("trajectories", n_traj, LIMEN_INPUT_SIZE, "M", NULL, "M", 2, 0, 1e9, 10000, "10000", "Langevin ensemble size"),
    ROW("dt", dt, LIMEN_INPUT_DOUBLE, "Δt", "τ₀", "S", 0, 1, 1e12, 1e-3, "1e-3", "time step"),
    ROW("seed", seed, LIMEN_INPUT_UINT64, "K", NULL, "K", 0, 0, 2147483647.0, 1, "1", "master seed"),
    ROW("threads", threads, LIMEN_INPUT_INT, "T", NULL, "T", 0, 0, 4096, 0, "0 (OpenMP default)", "threads"),
    ROW("bins", hist_bins, LIMEN_INPUT_SIZE, "N", NULL, "N", 2, 0, 100000, 50, "50",
        "histogram bins of the work and heat (the files written by --out)"),
    ROW("start", x0, LIMEN_INPUT_DOUBLE, "x_0", "a", "X0", -5, 0, 5, 0, "none (the initial equilibrium)",
        "every trajectory starts at X0 (hold)"),
    ROW("passage", passage_x, LIMEN_INPUT_DOUBLE, "B", "a", "B", -5, 0, 5, HUGE_VAL, "none (no passage recorded)",
        "stop each trajectory at its first passage through B > X0 and report the mean first-passage time "
        "with the exact one (hold, langevin; needs --start)"),
};
#undef ROW
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])
enum { IN_DT = 1, IN_BINS = 4, IN_START = 5, IN_PASSAGE = 6 }; /* rows read only in some runs */

const limen_input *limen_langevin_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

int limen_langevin_inputs_check(const limen_langevin_config *c, limen_error *err) {
  if (!c) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  for (size_t i = 0; i < N_INPUTS; i++) {
    if ((i == IN_BINS && !(c->record & LIMEN_RECORD_HISTOGRAMS)) || (i == IN_START && c->init != LIMEN_INIT_FIXED) ||
        (i == IN_PASSAGE && !(c->record & LIMEN_RECORD_PASSAGE)))
      continue;
    int st = limen_input_check(&k_inputs[i], limen_input_get(&k_inputs[i], c), "limen_langevin_config", err);
    if (st) return st;
  }
  return LIMEN_OK;
}

limen_langevin_config limen_langevin_config_default(void) {
  limen_langevin_config c;
  memset(&c, 0, sizeof c);
  limen_inputs_defaults(k_inputs, N_INPUTS, &c);
  c.integrator = NULL;
  c.init = LIMEN_INIT_EQUILIBRIUM;
  c.sample_every = 1;
  c.precision = NULL;
  return c;
}

void limen_langevin_result_clear(limen_langevin_result *res) {
  if (!res) return;
  free(res->work);
  free(res->heat);
  free(res->dU);
  free(res->x_final);
  free(res->passage_time);
  free(res->sample_t);
  free(res->sample_x);
  limen_histogram_free(res->work_hist);
  limen_histogram_free(res->heat_hist);
  memset(res, 0, sizeof *res);
}

static int check_config(const limen_langevin_config *c, limen_error *err) {
  int rc;
  if ((rc = limen_check_range(err, "limen_langevin_run", "dt", c->dt, 0, 1, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, "limen_langevin_run", "n_traj", (double)c->n_traj, 1, 0,
                              1e12, 0)))
    return rc;
  if ((rc = limen_check_range(err, "limen_langevin_run", "threads", c->threads, 0, 0, 4096, 0)))
    return rc;
  if (c->init != LIMEN_INIT_EQUILIBRIUM && c->init != LIMEN_INIT_FIXED)
    return limen_error_set(err, LIMEN_EINVAL, "limen_langevin_run", "init = %d: unknown",
                           (int)c->init);
  if (c->init == LIMEN_INIT_FIXED &&
      (rc = limen_check_range(err, "limen_langevin_run", "x0", c->x0, -HUGE_VAL, 1, HUGE_VAL, 1)))
    return rc;
  if ((c->record & LIMEN_RECORD_HISTOGRAMS) &&
      (rc = limen_check_range(err, "limen_langevin_run", "hist_bins", (double)c->hist_bins, 1, 0,
                              1e7, 0)))
    return rc;
  if ((c->record & LIMEN_RECORD_SAMPLES) && c->sample_every < 1)
    return limen_error_set(err, LIMEN_EINVAL, "limen_langevin_run",
                           "sample_every = 0: allowed range [1, inf)");
  if (c->noise_refine > 16)
    return limen_error_set(err, LIMEN_EINVAL, "limen_langevin_run",
                           "noise_refine = %u: allowed range [0, 16]", c->noise_refine);
  if ((c->record & LIMEN_RECORD_PASSAGE) && isnan(c->passage_x))
    return limen_error_set(err, LIMEN_EINVAL, "limen_langevin_run", "passage_x = nan");
  return LIMEN_OK;
}

static int same_control(const limen_control *a, const limen_control *b) {
  return a->barrier == b->barrier && a->tilt == b->tilt && a->center == b->center &&
         a->stiffness == b->stiffness && a->path == b->path;
}

/* Progress of a run in trajectory-steps (a run of N = 0 steps counts one per trajectory).
 * Threads add what they have done atomically; a thread that carries the count past the last
 * whole percent reported reports it, holding a flag that makes the calls exclusive (a thread
 * that finds the flag held skips its report: a later one covers it), and re-checks the last
 * percent inside, so the fractions strictly increase.  Nothing here touches the numbers of
 * the trajectories. */
typedef struct run_progress {
  void (*fn)(void *ctx, double fraction);
  void *ctx;
  uint64_t total;            /* trajectory-steps of the whole run (or part) */
  atomic_uint_fast64_t done; /* trajectory-steps finished so far            */
  atomic_int reported;       /* last whole percent reported, −1 = none      */
  atomic_flag busy;          /* held while a thread calls fn                */
} run_progress;

static void progress_add(run_progress *p, uint64_t n) {
  uint64_t done = (uint64_t)atomic_fetch_add_explicit(&p->done, n, memory_order_relaxed) + n;
  double frac = (double)done / (double)p->total;
  int pct = (int)(100.0 * frac);
  if (pct >= 100) return; /* 100 % is reported once, after the last block (run_range) */
  if (pct <= atomic_load_explicit(&p->reported, memory_order_relaxed)) return;
  if (atomic_flag_test_and_set_explicit(&p->busy, memory_order_acquire)) return;
  if (pct > atomic_load_explicit(&p->reported, memory_order_relaxed)) {
    atomic_store_explicit(&p->reported, pct, memory_order_relaxed);
    p->fn(p->ctx, frac);
  }
  atomic_flag_clear_explicit(&p->busy, memory_order_release);
}

typedef struct run_ctx {
  const limen_langevin_config *cfg;
  const limen_potential *pot;
  const limen_protocol *proto;
  const limen_integrator_type *integ;
  const limen_eq_sampler *sampler;
  size_t N;
  size_t part;           /* the first trajectory of this part: res arrays start there   */
  double dt, tau, wlo, whi;
  size_t n_points; /* sample points */
  limen_langevin_result *res;
  run_progress *progress; /* NULL: no callback                                     */
  size_t progress_every;  /* steps between progress_add calls of a block           */
  const limen_control *controls; /* λ(t_k⁻) for k = 0 … N, or NULL (tabulate_controls)   */
  limen_fused_step_fn fused;     /* the step as one pass (langevin_fused.c), or NULL      */
} run_ctx;

/* Steps of the sample points: j·every for j = 0 … , plus N. */
static size_t sample_points(size_t N, size_t every) { return N / every + 1 + (N % every != 0); }

/* Seed salt of the Brownian-bridge streams: stream (seed ^ BRIDGE_SALT, i) of trajectory i.
 * The high bits are set, so it is never the noise stream of a seed below 2^32 (the CLI's). */
#define BRIDGE_SALT 0xB81D6E5A3C4F0000ULL
/* Below e^{−BRIDGE_CUT} the crossing probability is smaller than every uniform that
 * limen_rng_uniform_pos returns (≥ 2^−53), so skipping the draw changes nothing. */
#define BRIDGE_CUT 40.0

/* First passage through b during the step [t0, t1] from xold to x, for the trajectories
 * still unpassed.  A step that ends at x ≥ b crossed: its time is the linear interpolation
 * of the crossing.  A step that starts and ends below b crossed in between with the
 * probability of the Brownian bridge of the step's noise (variance 2(t1 − t0)):
 *     P = exp(−2(b − x_n)(b − x_{n+1})/(2(t1 − t0))) = exp(−(b − x_n)(b − x_{n+1})/(t1 − t0)),
 * decided by a uniform from the trajectory's own bridge stream; its time is then the middle of
 * the step (an O(Δt) placement error, against the O(√Δt) bias of testing grid points only).
 * Returns the number of trajectories that passed in this step. */
static size_t passage_step(size_t nb, double b, double t0, double t1, const double *xold, const double *x,
                           const int *active, limen_rng *bridge, double *tpass, int *passed) {
  const double h = t1 - t0;
  size_t count = 0;
  for (size_t i = 0; i < nb; i++) {
    passed[i] = 0;
    if (!active[i] || tpass[i] != HUGE_VAL) continue;
    if (x[i] >= b) {
      double frac = xold[i] < b ? (b - xold[i]) / (x[i] - xold[i]) : 0.0;
      tpass[i] = t0 + frac * h;
    } else {
      double a = (b - xold[i]) * (b - x[i]) / h;
      if (!(a < BRIDGE_CUT) || limen_rng_uniform_pos(&bridge[i]) >= exp(-a)) continue;
      tpass[i] = t0 + 0.5 * h;
    }
    passed[i] = 1;
    count++;
  }
  return count;
}

/* ---- one block of trajectories: the pieces of run_block, in the order it runs them.
 * Each is static inline so that the compiler folds it back into the step loop: the split
 * costs nothing at run time (bench_langevin, docs/performance.md). */

/* The time of grid point k of N: k·Δt, and exactly τ at the last point. */
static inline double grid_time(size_t k, size_t N, double tau, double dt) { return k == N ? tau : (double)k * dt; }

/* λ(t_k⁻) at grid point k: from the run's table when it has one, else from the protocol
 * (the same values: the table holds what limen_protocol_control returned). */
static inline void control_at(const run_ctx *c, size_t k, limen_control *u) {
  if (c->controls) *u = c->controls[k];
  else limen_protocol_control(c->proto, grid_time(k, c->N, c->tau, c->dt), -1, u);
}

/* The initial state of the block's trajectories: x_0 (fixed, or drawn from each trajectory's own
 * stream before its noise), zero work and heat, the bridge streams and the passages at t = 0
 * (stopped at once when stop_at_passage).  Returns the number of trajectories left running. */
static inline size_t start_trajectories(const run_ctx *c, size_t first, size_t nb, limen_rng_block *rng,
                                        limen_rng *bridge, double *x, double *W, double *Q, int *active,
                                        double *tpass) {
  const limen_langevin_config *cfg = c->cfg;
  const int passage = (cfg->record & LIMEN_RECORD_PASSAGE) != 0;
  size_t n_active = nb;
  limen_rng_block_seed(rng, cfg->seed, first);
  for (size_t i = 0; i < nb; i++) {
    if (cfg->init == LIMEN_INIT_FIXED) {
      x[i] = cfg->x0;
    } else {
      limen_rng r;
      limen_rng_block_get(rng, i, &r);
      x[i] = limen_eq_sampler_draw(c->sampler, &r);
      limen_rng_block_put(rng, i, &r);
    }
    W[i] = Q[i] = 0.0;
    active[i] = 1;
    tpass[i] = HUGE_VAL;
    if (passage) limen_rng_seed(&bridge[i], cfg->seed ^ BRIDGE_SALT, first + i);
    if (passage && x[i] >= cfg->passage_x) {
      tpass[i] = 0.0;
      if (cfg->stop_at_passage) active[i] = 0, n_active--;
    }
  }
  return n_active;
}

/* Sample point ip: the positions of the block's recorded trajectories (sx: rows by trajectory). */
static inline void record_sample_point(const run_ctx *c, size_t first, size_t nb, const double *x, double *sx,
                                       size_t ip) {
  for (size_t i = 0; i < nb && first + i < c->cfg->n_sample_traj; i++) sx[(first + i) * c->n_points + ip] = x[i];
}

/* Sample points ip … of trajectories stopped early: their final x. */
static inline void fill_remaining_samples(const run_ctx *c, size_t first, size_t nb, const double *x,
                                          double *sx, size_t ip) {
  for (size_t i = 0; i < nb && first + i < c->cfg->n_sample_traj; i++)
    for (size_t j = ip; j < c->n_points; j++) sx[(first + i) * c->n_points + j] = x[i];
}

/* The work of a change of λ at fixed x, W += U(x, λ') − U(x, λ) (Un − Uc); with stop, only for
 * the running trajectories, a stopped one keeping its energy (Un = Uc). */
static inline void add_work(size_t nb, int stop, const int *active, double *W, const double *Uc,
                            double *Un) {
  if (stop) {
    for (size_t i = 0; i < nb; i++)
      if (active[i]) W[i] += Un[i] - Uc[i];
      else Un[i] = Uc[i];
  } else {
    for (size_t i = 0; i < nb; i++) W[i] += Un[i] - Uc[i];
  }
}

/* The heat of a move at fixed λ, Q += U(x, λ) − U(x', λ) (Uc − Un); stopped trajectories as in
 * add_work. */
static inline void add_heat(size_t nb, int stop, const int *active, double *Q, const double *Uc,
                            double *Un) {
  if (stop) {
    for (size_t i = 0; i < nb; i++)
      if (active[i]) Q[i] += Uc[i] - Un[i];
      else Un[i] = Uc[i];
  } else {
    for (size_t i = 0; i < nb; i++) Q[i] += Uc[i] - Un[i];
  }
}

/* Swap the energy buffers: the next values become the current ones. */
static inline void swap_energies(double **Uc, double **Un) {
  double *t = *Uc;
  *Uc = *Un;
  *Un = t;
}

/* The block's noise, drawn NOISE_STEPS steps ahead: limen_rng_block_gaussian_steps makes the
 * same numbers as one draw a step, faster (src/rng/rng_block_kernel.c).  Rows of
 * LANGEVIN_BLOCK; `next` is the first row not yet used, `left` the rows the run still needs
 * (so that a short run draws no more than it uses). */
#define NOISE_STEPS 8
typedef struct noise_rows {
  double *rows;
  size_t next, filled, left;
} noise_rows;

/* The next row of standard normals (one per trajectory, in stream order). */
static inline const double *noise_row(limen_rng_block *rng, size_t nb, noise_rows *nz) {
  if (nz->next == nz->filled) {
    nz->filled = nz->left < NOISE_STEPS ? nz->left : NOISE_STEPS;
    limen_rng_block_gaussian_steps(rng, nb, nz->filled, nz->rows);
    nz->left -= nz->filled;
    nz->next = 0;
  }
  return nz->rows + LANGEVIN_BLOCK * nz->next++;
}

/* The standard normals ξ of one step: one draw per trajectory, or with refine = 2^r > 0 the
 * normalized sum of refine draws, in stream order (into xsum).  Every trajectory of the block
 * draws (a stopped one too, its number unused): a trajectory's numbers depend only on its own
 * stream and the step. */
static inline const double *draw_step_noise(limen_rng_block *rng, size_t nb, unsigned refine, double refine_norm,
                                            noise_rows *nz, double *xsum) {
  const double *xi = noise_row(rng, nb, nz);
  if (!refine) return xi;
  for (size_t i = 0; i < nb; i++) xsum[i] = xi[i];
  for (unsigned j = 1; j < refine; j++) {
    xi = noise_row(rng, nb, nz);
    for (size_t i = 0; i < nb; i++) xsum[i] += xi[i];
  }
  for (size_t i = 0; i < nb; i++) xsum[i] *= refine_norm;
  return xsum;
}

/* Hard walls of the domain [wlo, whi]: a position beyond one is reflected back inside. */
static inline void reflect_at_walls(size_t nb, double wlo, double whi, double *x) {
  for (size_t i = 0; i < nb; i++) {
    if (x[i] < wlo) x[i] = 2.0 * wlo - x[i];
    if (x[i] > whi) x[i] = 2.0 * whi - x[i];
    if (x[i] < wlo) x[i] = wlo; /* a step longer than the domain */
  }
}

/* Stopped trajectories do not move: back to the position before the step. */
static inline void hold_stopped(size_t nb, const int *active, const double *xold, double *x) {
  for (size_t i = 0; i < nb; i++)
    if (!active[i]) x[i] = xold[i];
}

/* Stop the trajectories that passed in this step; returns how many. */
static inline size_t stop_passed(size_t nb, const int *passed, int *active) {
  size_t count = 0;
  for (size_t i = 0; i < nb; i++)
    if (passed[i]) active[i] = 0, count++;
  return count;
}

/* The block's trajectory-steps since the last report, every progress_every steps. */
static inline void report_step_progress(const run_ctx *c, size_t n, size_t nb, uint64_t *reported) {
  if (c->progress && n > 0 && n % c->progress_every == 0) {
    progress_add(c->progress, (uint64_t)nb * c->progress_every);
    *reported += (uint64_t)nb * c->progress_every;
  }
}

/* The final jump λ(τ⁻) → λ(τ⁺) (work only) for the trajectories still running. */
static inline void final_jump(const run_ctx *c, size_t nb, const double *x, const int *active, double *W,
                              double *Uc, double *Un) {
  limen_control lend;
  limen_protocol_control(c->proto, c->tau, +1, &lend);
  c->pot->type->eval(c->pot, &lend, nb, x, Un, NULL);
  for (size_t i = 0; i < nb; i++)
    if (active[i]) {
      W[i] += Un[i] - Uc[i];
      Uc[i] = Un[i];
    }
}

/* The block's per-trajectory results into the part's arrays. */
static inline void store_block(const run_ctx *c, size_t first, size_t nb, const double *W, const double *Q,
                               const double *U, const double *U0, const double *x, const double *tpass) {
  limen_langevin_result *r = c->res;
  const size_t k0 = first - c->part;
  const int passage = (c->cfg->record & LIMEN_RECORD_PASSAGE) != 0;
  for (size_t i = 0; i < nb; i++) {
    r->work[k0 + i] = W[i];
    r->heat[k0 + i] = Q[i];
    r->dU[k0 + i] = U[i] - U0[i];
    r->x_final[k0 + i] = x[i];
    if (passage) r->passage_time[k0 + i] = tpass[i];
  }
}

/* Trajectories [first, first + nb) over the whole protocol, in lockstep.  Step n: the work of
 * λ(t_n) → λ(t_{n+1}⁻) at fixed x (skipped while λ stays the same), the move at fixed λ with its
 * heat, the passages of the step; then the final jump at τ.  The force F = −∂ₓU(x, λ) comes
 * with the energy evaluation that precedes the move whenever λ is about to stay the same
 * (look-ahead), so that it is never computed twice. */
LIMEN_SIMD_CLONES
static void run_block(const run_ctx *c, size_t first, size_t nb) {
  const limen_langevin_config *cfg = c->cfg;
  const limen_potential *pot = c->pot;
  double x[LANGEVIN_BLOCK], Ubuf[2][LANGEVIN_BLOCK], U0[LANGEVIN_BLOCK], W[LANGEVIN_BLOCK],
      Q[LANGEVIN_BLOCK], F[LANGEVIN_BLOCK], xsum[LANGEVIN_BLOCK], xold[LANGEVIN_BLOCK],
      scratch[3 * LANGEVIN_BLOCK], tpass[LANGEVIN_BLOCK];
  _Alignas(64) double noise[NOISE_STEPS * LANGEVIN_BLOCK];
  int active[LANGEVIN_BLOCK], passed[LANGEVIN_BLOCK];
  _Alignas(64) limen_rng_block rng; /* 64-byte rows: faster draws (rng.h) */
  limen_rng bridge[LANGEVIN_BLOCK];
  const int passage = (cfg->record & LIMEN_RECORD_PASSAGE) != 0;
  const int stop = passage && cfg->stop_at_passage;
  const int walls = isfinite(c->wlo) || isfinite(c->whi);
  const unsigned refine = cfg->noise_refine ? 1u << cfg->noise_refine : 0u;
  const double refine_norm = refine ? 1.0 / sqrt((double)refine) : 1.0;
  const size_t draws = refine ? refine : 1; /* rows a step */
  noise_rows nz = {noise, 0, 0, c->N > SIZE_MAX / draws ? SIZE_MAX : c->N * draws};
  size_t n_active = start_trajectories(c, first, nb, &rng, bridge, x, W, Q, active, tpass);
  const int rec = (cfg->record & LIMEN_RECORD_SAMPLES) && first < cfg->n_sample_traj;
  size_t every = cfg->sample_every, ip = 0;
  double *sx = rec ? c->res->sample_x - c->part * c->n_points : NULL; /* rows by trajectory */
  if (rec) record_sample_point(c, first, nb, x, sx, ip++);
  /* Uc: U(x, lam) of the current state; Un: the next values (the buffers are swapped) */
  double *Uc = Ubuf[0], *Un = Ubuf[1];
  limen_control lam, lnext, lnn = limen_control_zero();
  control_at(c, 0, &lam);
  lnext = lam;
  if (c->N > 0) control_at(c, 1, &lnext);
  int have_force = same_control(&lnext, &lam); /* F holds −∂ₓU(x, lam) */
  pot->type->eval(pot, &lam, nb, x, Uc, have_force ? F : NULL);
  memcpy(U0, Uc, nb * sizeof *U0);
  uint64_t reported = 0; /* trajectory-steps of this block passed to progress_add */
  const size_t N = c->N;
  const double tau = c->tau, dt = c->dt;
  for (size_t n = 0; n < N && n_active > 0; n++) {
    report_step_progress(c, n, nb, &reported);
    /* lnext = λ(t_{n+1}⁻) */
    const int changed = !have_force || !same_control(&lnext, &lam);
    if (changed && !c->fused) { /* W_n at fixed x */
      pot->type->eval(pot, &lnext, nb, x, Un, F);
      add_work(nb, stop, active, W, Uc, Un);
      swap_energies(&Uc, &Un);
    }
    if (changed) lam = lnext;
    /* look ahead: the force after the move is needed only if λ stays the same */
    int need_force = 0;
    if (n + 1 < N) {
      control_at(c, n + 2, &lnn);
      need_force = same_control(&lnn, &lam);
    }
    const double *xi = draw_step_noise(&rng, nb, refine, refine_norm, &nz, xsum);
    if (passage) memcpy(xold, x, nb * sizeof *x);
    if (c->fused) { /* all of it in one pass: the same numbers */
      const limen_fused_lanes lanes = {nb, dt, x, F, Uc, W, Q, stop ? active : NULL};
      c->fused(&lanes, &lam, xi, changed, need_force);
    } else {
      c->integ->step(pot, &lam, dt, nb, x, F, xi, scratch);
      if (walls) reflect_at_walls(nb, c->wlo, c->whi, x);
      if (stop) hold_stopped(nb, active, xold, x);
      pot->type->eval(pot, &lam, nb, x, Un, need_force ? F : NULL); /* Q_n at fixed λ */
      add_heat(nb, stop, active, Q, Uc, Un);
      swap_energies(&Uc, &Un);
    }
    have_force = need_force;
    if (passage &&
        passage_step(nb, cfg->passage_x, (double)n * dt, grid_time(n + 1, N, tau, dt), xold, x, active, bridge,
                     tpass, passed) &&
        stop)
      n_active -= stop_passed(nb, passed, active);
    if (rec && ((n + 1) % every == 0 || n + 1 == N)) record_sample_point(c, first, nb, x, sx, ip++);
    lnext = lnn;
  }
  final_jump(c, nb, x, active, W, Uc, Un);
  if (rec) fill_remaining_samples(c, first, nb, x, sx, ip);
  store_block(c, first, nb, W, Q, Uc, U0, x, tpass);
  if (c->progress) /* the rest of the block, stopped trajectories included */
    progress_add(c->progress, (uint64_t)nb * (c->N > 0 ? c->N : 1) - reported);
}

/* The result arrays of a part of M trajectories starting at `part` (and the sample times);
 * returns 0 when an allocation failed. */
static int alloc_result(const limen_langevin_config *cfg, run_ctx *c, size_t part, size_t M,
                        limen_langevin_result *res) {
  res->n_traj = M;
  res->n_steps = c->N;
  res->dt = c->dt;
  res->duration = c->tau;
  res->work = malloc(M * sizeof(double));
  res->heat = malloc(M * sizeof(double));
  res->dU = malloc(M * sizeof(double));
  res->x_final = malloc(M * sizeof(double));
  int bad = !res->work || !res->heat || !res->dU || !res->x_final;
  if (cfg->record & LIMEN_RECORD_PASSAGE) {
    res->passage_time = malloc(M * sizeof(double));
    bad |= !res->passage_time;
  }
  if (cfg->record & LIMEN_RECORD_SAMPLES) {
    /* rows of the trajectories of this part below n_sample_traj */
    size_t ns_all = cfg->n_sample_traj < cfg->n_traj ? cfg->n_sample_traj : cfg->n_traj;
    res->n_sample_traj = ns_all > part ? (ns_all - part < M ? ns_all - part : M) : 0;
    c->n_points = sample_points(c->N, cfg->sample_every);
    res->n_sample_points = c->n_points;
    res->sample_t = malloc(c->n_points * sizeof(double));
    res->sample_x = malloc((res->n_sample_traj * c->n_points + 1) * sizeof(double));
    bad |= !res->sample_t || !res->sample_x;
    if (!bad) {
      size_t j = 0;
      for (size_t n = 0; n <= c->N; n++)
        if (n % cfg->sample_every == 0 || n == c->N) res->sample_t[j++] = n == c->N ? c->tau : n * c->dt;
    }
  }
  return !bad;
}

/* Every block of the part, over the OpenMP threads, with the progress callback if any. */
/* The controls λ(t_k⁻) of the grid points k = 0 … N, tabulated once for all the blocks of a
 * run that has several and at most CONTROLS_MAX steps: limen_protocol_control costs ≈ 13 ns
 * (erasure), which every block paid at every step, ≈ 0.2 ns a particle-step (docs/performance.md).
 * NULL otherwise, or when the table cannot be allocated: the blocks evaluate them themselves. */
#define CONTROLS_MAX ((size_t)1 << 18)
static limen_control *tabulate_controls(const run_ctx *c, size_t M) {
  if (M <= LANGEVIN_BLOCK || c->N >= CONTROLS_MAX) return NULL;
  limen_control *t = malloc((c->N + 1) * sizeof *t);
  if (!t) return NULL;
  for (size_t k = 0; k <= c->N; k++) limen_protocol_control(c->proto, grid_time(k, c->N, c->tau, c->dt), -1, &t[k]);
  return t;
}

static void run_blocks(run_ctx *c, size_t part, size_t M) {
  const limen_langevin_config *cfg = c->cfg;
  run_progress prog = {.fn = NULL, .busy = ATOMIC_FLAG_INIT};
  if (cfg->progress) {
    prog.fn = cfg->progress;
    prog.ctx = cfg->progress_ctx;
    prog.total = (uint64_t)M * (c->N > 0 ? c->N : 1);
    atomic_init(&prog.done, 0);
    atomic_init(&prog.reported, -1);
    c->progress = &prog;
    c->progress_every = c->N / 100 > 0 ? c->N / 100 : 1;
  }
  limen_control *controls = tabulate_controls(c, M);
  c->controls = controls;
  size_t nblocks = (M + LANGEVIN_BLOCK - 1) / LANGEVIN_BLOCK;
  int nthreads = cfg->threads > 0 ? cfg->threads : omp_get_max_threads();
  if ((size_t)nthreads > nblocks) nthreads = (int)nblocks;
#pragma omp parallel for schedule(dynamic, 1) num_threads(nthreads)
  for (size_t b = 0; b < nblocks; b++) {
    size_t off = b * LANGEVIN_BLOCK;
    size_t nb = M - off < LANGEVIN_BLOCK ? M - off : LANGEVIN_BLOCK;
    run_block(c, part + off, nb);
  }
  c->progress = NULL;
  c->controls = NULL;
  free(controls);
  if (cfg->progress) cfg->progress(cfg->progress_ctx, 1.0);
}

/* Whether a run may take the fused step (langevin_fused.c): not with walls (the passes reflect
 * at them), nor when the environment sets LIMEN_LANGEVIN_FUSED=0 (the passes alone, for
 * comparisons: the numbers are the same). */
static int use_fused(const run_ctx *c) {
  const char *env = getenv("LIMEN_LANGEVIN_FUSED");
  return !(env && strcmp(env, "0") == 0) && !isfinite(c->wlo) && !isfinite(c->whi);
}

/* The integrator (the harmonic one only for a harmonic potential), the duration (a transport
 * potential is made for the protocol's), the step count N = ⌈τ/dt⌉ and Δt = τ/N, the walls. */
static int plan_steps(const limen_langevin_config *cfg, run_ctx *c, limen_error *err) {
  const limen_potential *pot = c->pot;
  c->integ = cfg->integrator ? cfg->integrator : limen_integrator_euler;
  if (c->integ->requires_harmonic && !pot->type->harmonic)
    return limen_error_set(err, LIMEN_EINVAL, "run_range", "integrator '%s' needs a harmonic potential, not '%s'",
                           c->integ->name, pot->type->name);
  c->tau = limen_protocol_duration(c->proto);
  if (pot->type == limen_potential_transport && !(fabs(pot->params.duration - c->tau) <= 1e-9 * c->tau))
    return limen_error_set(err, LIMEN_EINVAL, "run_range", "transport potential made for duration %g, protocol lasts %g",
                           pot->params.duration, c->tau);
  double steps = c->tau > 0 ? ceil(c->tau / cfg->dt * (1.0 - 1e-12)) : 0.0;
  if (steps > 1e15) return limen_error_set(err, LIMEN_EINVAL, "run_range", "tau/dt = %g: too many steps", steps);
  c->N = (size_t)steps;
  c->dt = c->N ? c->tau / (double)c->N : cfg->dt;
  pot->type->domain(pot, &c->wlo, &c->whi);
  c->fused = use_fused(c) ? limen_langevin_fused_find(pot->type, c->integ) : NULL;
  return LIMEN_OK;
}

/* The initial state: the sampler of the equilibrium at λ(0⁻) on the protocol's initial region,
 * or a fixed x0 inside the walls. */
static int prepare_start(const limen_langevin_config *cfg, const run_ctx *c, limen_eq_sampler *sampler,
                         limen_error *err) {
  const limen_protocol *proto = c->proto;
  if (cfg->init == LIMEN_INIT_EQUILIBRIUM) {
    limen_control l0;
    limen_protocol_control(proto, 0.0, -1, &l0);
    int rc = limen_eq_sampler_init(sampler, c->pot, &l0, proto->initial_lo, proto->initial_hi, cfg->precision, err);
    if (rc) return limen_error_wrap(err, rc, "run_range", "initial equilibrium of '%s'", proto->name);
  } else if (cfg->x0 < c->wlo || cfg->x0 > c->whi) {
    return limen_error_set(err, LIMEN_EINVAL, "run_range", "x0 = %g: outside the domain [%g, %g]", cfg->x0, c->wlo,
                           c->whi);
  }
  return LIMEN_OK;
}

/* Trajectories [part, part + count) of the ensemble, without the reduction. */
static int run_range(const limen_langevin_config *cfg, const limen_potential *pot,
                     const limen_protocol *proto, size_t part, size_t count,
                     limen_langevin_result *res, limen_error *err) {
  memset(res, 0, sizeof *res);
  limen_gsl_quiet();
  int rc = check_config(cfg, err);
  if (rc) return rc;
  rc = limen_protocol_check(proto, err);
  if (rc) return limen_error_wrap(err, rc, __func__, "protocol '%s'", proto->name);
  limen_potential *own = NULL;
  if (!pot) {
    rc = limen_protocol_potential_alloc(proto, &own, err);
    if (rc) return limen_error_wrap(err, rc, __func__, "protocol '%s'", proto->name);
    pot = own;
  } else if (pot->type != proto->potential) {
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "potential type '%s' differs from the protocol's '%s'",
                           pot->type->name, proto->potential->name);
  }
  run_ctx c;
  memset(&c, 0, sizeof c);
  c.cfg = cfg;
  c.pot = pot;
  c.proto = proto;
  limen_eq_sampler sampler;
  memset(&sampler, 0, sizeof sampler);
  if ((rc = plan_steps(cfg, &c, err)) || (rc = prepare_start(cfg, &c, &sampler, err))) goto done;
  c.sampler = &sampler;
  c.res = res;
  c.part = part;
  if (!alloc_result(cfg, &c, part, count, res)) {
    rc = limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory for %zu trajectories", count);
    goto done;
  }
  run_blocks(&c, part, count);
done:
  limen_eq_sampler_free(&sampler);
  limen_potential_free(own);
  if (rc) limen_langevin_result_clear(res);
  return rc;
}

int limen_langevin_run(const limen_langevin_config *cfg, const limen_potential *pot,
                       const limen_protocol *proto, limen_langevin_result *res,
                       limen_error *err) {
  if (!cfg || !proto || !res) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int rc = run_range(cfg, pot, proto, 0, cfg->n_traj, res, err);
  if (!rc) rc = limen_langevin_summarize(cfg, proto, res, err);
  if (rc) limen_langevin_result_clear(res);
  return rc;
}

int limen_langevin_run_part(const limen_langevin_config *cfg, const limen_potential *pot,
                            const limen_protocol *proto, size_t first, size_t count,
                            limen_langevin_result *res, limen_error *err) {
  if (!cfg || !proto || !res) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (count == 0 || first > cfg->n_traj || count > cfg->n_traj - first) {
    memset(res, 0, sizeof *res);
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "trajectories [%zu, %zu): allowed a non-empty part of [0, %zu)", first,
                           first + count, cfg->n_traj);
  }
  return run_range(cfg, pot, proto, first, count, res, err);
}

void limen_langevin_part_range(size_t n_traj, size_t rank, size_t n_ranks, size_t *first, size_t *count) {
  const size_t B = LANGEVIN_BLOCK, nb = (n_traj + B - 1) / B;
  if (n_ranks == 0) n_ranks = 1;
  const size_t base = nb / n_ranks, extra = nb % n_ranks;
  const size_t b0 = rank * base + (rank < extra ? rank : extra), b1 = b0 + base + (rank < extra);
  const size_t lo = b0 * B < n_traj ? b0 * B : n_traj, hi = b1 * B < n_traj ? b1 * B : n_traj;
  *first = rank < n_ranks ? lo : n_traj;
  *count = rank < n_ranks ? hi - lo : 0;
}
