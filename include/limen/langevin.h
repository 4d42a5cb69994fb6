/* SPDX-License-Identifier: GPL-3.0-or-later
 * langevin.h: overdamped Langevin ensembles with exact Sekimoto work/heat bookkeeping
 * (theory §5).  Units of potential.h: dx = −∂ₓU dt + √2 dW (γ = kT = 1), energies in kT.
 *
 * Time grid.  N = ⌈τ/dt⌉ steps of dt_eff = τ/N (dt_eff ≤ dt; for a protocol of zero
 * duration N = 0).  λ_0 = λ(0⁻); λ_{n+1} = λ(t_{n+1}⁻) for n = 0 … N−1; after the last step
 * λ_{N+1} = λ(τ⁺) (the final jump, work only).  Step n (Sekimoto splitting):
 *     W_n = U(x_n, λ_{n+1}) − U(x_n, λ_n)          (λ changes at fixed x: work)
 *     x_{n+1} = integrator step at fixed λ_{n+1}
 *     Q_n = U(x_n, λ_{n+1}) − U(x_{n+1}, λ_{n+1})  (x moves at fixed λ: heat to the bath)
 * so ΔU = U(x_N, λ_{N+1}) − U(x_0, λ_0) = ΣW − ΣQ on every trajectory, to round-off
 * (the same energy values enter both sums).  Jumps of λ inside a step are therefore exact
 * work; jumps at times that are not grid points act at the next grid point.
 *
 * Walls.  Where the potential has a finite domain (washboard) a step that leaves it is
 * reflected back (x → 2·lo − x, or 2·hi − x); the move is part of the step (heat).
 *
 * Random numbers.  Trajectory i uses stream (seed, i) of rng.h for its initial position
 * and its noise, and the ensemble is cut into fixed blocks of trajectories that threads
 * take in any order; every result is written per trajectory and reduced serially in index
 * order, so all outputs are bit-identical for any number of threads.
 *
 * Initial condition.  LIMEN_INIT_EQUILIBRIUM: x_0 drawn exactly from ∝ e^{−U(x, λ_0)}
 * restricted to the protocol's initial_region (and to the domain): Gaussian for the
 * harmonic type, otherwise rejection sampling under a piecewise-constant envelope on a grid
 * of limen_precision.eq_sample_cells cells (8192 by default) over
 * limen_potential_support(…, eq_sample_cut_kT) (40 kT by default), whose height in each
 * cell is the larger end-point value times e^{h²·max|U''|/8} (max|U''| estimated on the
 * grid, times 2), so the samples are exact up to the e^{−cut} tail (e^{−40}) that the
 * support leaves out.
 * LIMEN_INIT_FIXED: x_0 = cfg->x0 for every trajectory.
 *
 * First passage (LIMEN_RECORD_PASSAGE).  Testing x ≥ b at the grid points only misses the
 * excursions above b inside a step and makes passage times to a barrier top 7–12 % long at
 * dt = 1e-3 (the bias falls like √dt).  So each step from x_n < b to x_{n+1} is tested as a
 * path: if x_{n+1} ≥ b the passage time is the linear interpolation t_n + dt·(b − x_n)/(x_{n+1}
 * − x_n); otherwise the step crossed b with the probability of the Brownian bridge of its noise
 * (dx = … + √2 dW: variance 2dt over the step),
 *     P = exp(−(b − x_n)(b − x_{n+1})/dt),
 * decided by a uniform from a second stream of the trajectory, (seed ^ 0xB81D6E5A3C4F0000,
 * index) — so the noise, and every other result, is that of the same run without passage
 * recording, and passage times are bit-identical for any thread count or split — and the
 * passage is then placed at the middle of the step (an O(dt) error).  A trajectory stopped at
 * passage (stop_at_passage) keeps the x, W, Q of the end of that step.
 */
#ifndef LIMEN_LANGEVIN_H
#define LIMEN_LANGEVIN_H

#include <stddef.h>
#include <stdint.h>


#include "limen/common.h"
#include "limen/input.h"
#include "limen/potential.h"
#include "limen/protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One step at fixed control for a block of n positions.  x[i] is advanced in place;
 * F[i] = −∂ₓU(x[i], u) on entry (computed by the engine); xi[i] are standard normals;
 * scratch holds 3n doubles.  Integrators:
 *   euler  Euler–Maruyama: x += F dt + √(2dt) ξ
 *   heun   stochastic Heun (additive noise): predictor x* = x + F dt + √(2dt) ξ, then
 *          x += (F(x) + F(x*))/2·dt + √(2dt) ξ with the same ξ (weak order 2 in dt here)
 *   ou     exact Ornstein–Uhlenbeck step for the harmonic type (U = (k/2)(x − c)² − f x):
 *          m = c + f/k,  x = m + (x − m)e^{−k dt} + √((1 − e^{−2k dt})/k) ξ
 *          (exact transition density for any dt; rejected for other types). */
typedef struct limen_integrator_type {
  const char *name;
  int requires_harmonic;
  void (*step)(const limen_potential *p, const limen_control *u, double dt, size_t n,
               double *x, const double *F, const double *xi, double *scratch);
} limen_integrator_type;

LIMEN_API extern const limen_integrator_type *const limen_integrator_euler;
LIMEN_API extern const limen_integrator_type *const limen_integrator_heun;
LIMEN_API extern const limen_integrator_type *const limen_integrator_ou;
LIMEN_API int limen_integrator_type_find(const char *name, const limen_integrator_type **type,
                             limen_error *err);
/* The integrator that suits a potential type: the exact Ornstein–Uhlenbeck step for the
 * harmonic type (no time-step error at all), stochastic Heun for every other (weak order 2,
 * against Euler's 1).  `limen simulate --integrator auto` runs it; a config whose integrator
 * is NULL still gets Euler–Maruyama. */
LIMEN_API const limen_integrator_type *limen_integrator_type_auto(const limen_potential_type *type);

typedef enum {
  LIMEN_INIT_EQUILIBRIUM = 0, /* exact equilibrium in U(·, λ(0⁻)) on the initial region */
  LIMEN_INIT_FIXED = 1        /* every trajectory starts at x0                           */
} limen_init_kind;

/* Record flags. */
enum {
  LIMEN_RECORD_HISTOGRAMS = 1 << 0, /* work and heat histograms                          */
  LIMEN_RECORD_SAMPLES = 1 << 1,    /* positions of the first n_sample_traj trajectories */
  LIMEN_RECORD_PASSAGE = 1 << 2     /* first-passage time through passage_x (see above)  */
};

typedef struct limen_langevin_config {
  double dt;              /* requested time step (τ₀), > 0                         [1e-3] */
  size_t n_traj;          /* trajectories, ≥ 1                                    [10000] */
  uint64_t seed;          /* master seed                                           [1]    */
  int threads;            /* OpenMP threads; 0 = OpenMP's default                  [0]    */
  const limen_integrator_type *integrator; /* NULL = Euler–Maruyama                [NULL] */
  limen_init_kind init;   /*                                                      [EQUIL] */
  double x0;              /* LIMEN_INIT_FIXED start                                 [0]   */
  unsigned record;        /* LIMEN_RECORD_* flags                                   [0]   */
  size_t hist_bins;       /* histogram bins (range: min … max of the data)         [50]  */
  size_t n_sample_traj;   /* LIMEN_RECORD_SAMPLES: trajectories recorded            [0]   */
  size_t sample_every;    /* LIMEN_RECORD_SAMPLES: steps between samples            [1]   */
  double passage_x;       /* LIMEN_RECORD_PASSAGE: absorbing level (x ≥ passage_x)        */
  int stop_at_passage;    /* LIMEN_RECORD_PASSAGE: stop a trajectory when it passes: its
                             x, W, Q, ΔU are those at the end of the step in which it
                             passed (no final jump)                                 [0]  */
  unsigned noise_refine;  /* each step's ξ is (ξ_1 + … + ξ_m)/√m with m = 2^noise_refine
                             draws of the stream, in order: a run at Δt with refine r + 1
                             follows the same Brownian path as a run at Δt/2 with refine r,
                             so that Δt-halving checks compare like with like; 0 … 16   [0] */
  const limen_precision *precision; /* accuracy knobs (eq_sample_cells, eq_sample_cut_kT of
                             the initial equilibrium sampler); NULL = defaults       [NULL] */
  /* Progress (may be NULL): called with the fraction of the run's trajectory-steps done,
   * about every 1 %, with fractions that strictly increase, and once with exactly 1 when
   * every trajectory has finished (a trajectory stopped at its passage counts as done).
   * Calls come from the engine's OpenMP threads, one at a time (never concurrently); the
   * final call comes from the calling thread before the run returns.  The callback must
   * not call the engine.  It does not change any result: a run with and without it gives
   * the same numbers bit for bit.  limen_langevin_run_part reports the fraction of its
   * part.                                                                           [NULL] */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_langevin_config;

LIMEN_API limen_langevin_config limen_langevin_config_default(void);

/* The inputs of the configuration as a user gives them (input.h rows: trajectories, dt, seed,
 * threads, bins, start, passage — `limen simulate`'s options), from which
 * limen_langevin_config_default takes its defaults.  The ranges are those of a user's run, within
 * what the engine accepts (limen_langevin_run also runs internal ensembles of one trajectory or
 * 64-bit seeds). */
LIMEN_API const limen_input *limen_langevin_inputs(size_t *n);
/* Check cfg against those rows (bins with LIMEN_RECORD_HISTOGRAMS, start with LIMEN_INIT_FIXED,
 * passage with LIMEN_RECORD_PASSAGE only): LIMEN_EINVAL "limen_langevin_config: <member> = <v>:
 * allowed range <range>". */
LIMEN_API int limen_langevin_inputs_check(const limen_langevin_config *cfg, limen_error *err);

/* A histogram of an ensemble's values: bin i counts the values in [edges[i], edges[i+1]). */
typedef struct limen_histogram {
  size_t bins;
  double *edges;          /* bins + 1, ascending                                         */
  double *counts;         /* bins                                                        */
} limen_histogram;

typedef struct limen_langevin_result {
  size_t n_traj;
  size_t n_steps;         /* N                                                           */
  double dt;              /* dt_eff = τ/N                                                */
  double duration;        /* τ                                                           */
  /* Ensemble means and standard errors (sample standard deviation / √n_traj). */
  double mean_work, stderr_work;
  double mean_heat, stderr_heat;
  double mean_dU, stderr_dU;
  double success, stderr_success;   /* fraction of final x in the target region        */
  double max_first_law_residual;    /* max_i |ΔU_i − (W_i − Q_i)|                        */
  /* Per trajectory (n_traj entries each, always filled). */
  double *work, *heat, *dU, *x_final;
  double *passage_time;   /* LIMEN_RECORD_PASSAGE: first-passage time through passage_x
                             (see "First passage" above), or +HUGE_VAL when never reached */
  size_t n_passed;        /* trajectories that reached passage_x                         */
  limen_histogram *work_hist, *heat_hist; /* LIMEN_RECORD_HISTOGRAMS, else NULL          */
  /* LIMEN_RECORD_SAMPLES: positions at t = j·sample_every·dt_eff, j = 0 … n_sample_points−1
   * (the last point is the final position), row-major [trajectory][point]. */
  size_t n_sample_traj, n_sample_points;
  double *sample_t;       /* n_sample_points                                             */
  double *sample_x;       /* n_sample_traj × n_sample_points                             */
} limen_langevin_result;

/* Run the ensemble.  res is overwritten (clear a previous result first); on failure every
 * pointer in res is NULL.  Validates cfg, the protocol and that the potential's type is the
 * protocol's type (pot may be NULL: the protocol's potential is made and freed inside). */
/* Frees a histogram made by the engine (NULL is a no-op). */
LIMEN_API void limen_histogram_free(limen_histogram *h);

LIMEN_API int limen_langevin_run(const limen_langevin_config *cfg, const limen_potential *pot,
                       const limen_protocol *proto, limen_langevin_result *res,
                       limen_error *err);
LIMEN_API void limen_langevin_result_clear(limen_langevin_result *res);

/* One part of an ensemble, for runs spread over processes (MPI ranks, machines):
 * trajectories [first, first + count) of the ensemble cfg describes (cfg->n_traj is the whole
 * ensemble), each with exactly the numbers it gets in the whole run (its stream is
 * (seed, index)).  res gets the per-trajectory arrays of the part (n_traj = count entries,
 * passage times when recorded, and the sample rows of its trajectories below
 * cfg->n_sample_traj); the means, errors, success and histograms are left empty.  Join the
 * parts' arrays in trajectory order into one result of cfg->n_traj entries and call
 * limen_langevin_summarize: the numbers are then bit-identical to limen_langevin_run's,
 * whatever the split. */
LIMEN_API int limen_langevin_run_part(const limen_langevin_config *cfg, const limen_potential *pot,
                            const limen_protocol *proto, size_t first, size_t count,
                            limen_langevin_result *res, limen_error *err);

/* The part of an ensemble of n_traj trajectories that process `rank` of n_ranks runs (MPI ranks,
 * machines): whole blocks of LIMEN_RNG_BLOCK trajectories, base = blocks/n_ranks each and one
 * more for the first blocks mod n_ranks ranks, in rank order, so the parts tile [0, n_traj):
 * trajectories [*first, *first + *count) (count 0 for a rank beyond the blocks). */
LIMEN_API void limen_langevin_part_range(size_t n_traj, size_t rank, size_t n_ranks, size_t *first,
                                         size_t *count);

/* The means, standard errors, success probability, largest first-law residual, passage count
 * and (LIMEN_RECORD_HISTOGRAMS) histograms of res from its per-trajectory arrays, summed
 * serially in trajectory order.  LIMEN_ENUMERIC names a diverged trajectory. */
LIMEN_API int limen_langevin_summarize(const limen_langevin_config *cfg, const limen_protocol *proto,
                             limen_langevin_result *res, limen_error *err);

/* Jarzynski estimate of ΔF from the work values: −ln⟨e^{−W}⟩, with its standard error by
 * the delta method (stderr of ⟨e^{−W}⟩ divided by ⟨e^{−W}⟩); computed with a shift by
 * min W so that it never overflows. */
LIMEN_API int limen_langevin_jarzynski(const limen_langevin_result *res, double *dF, double *stderr_dF,
                             limen_error *err);

/* Mean first-passage time of a run that recorded passages (LIMEN_RECORD_PASSAGE) and its
 * standard error (sample standard deviation / √n_traj), summed in trajectory order.  Every
 * trajectory must have passed (n_passed = n_traj): LIMEN_EINVAL otherwise, since the mean over
 * those that did is biased short. */
LIMEN_API int limen_langevin_passage_stats(const limen_langevin_result *res, double *mean,
                                           double *stderr_mean, limen_error *err);

/* Draw n exact equilibrium samples of U(·, u) restricted to [lo, hi] ∩ domain, sample i
 * from stream (seed, i) (as the engine does for its initial condition).  The envelope grid
 * comes from prec (eq_sample_cells, eq_sample_cut_kT; NULL = defaults). */
LIMEN_API int limen_equilibrium_sample(const limen_potential *p, const limen_control *u, double lo,
                             double hi, uint64_t seed, size_t n, double *x,
                             const limen_precision *prec, limen_error *err);

/* ---- bounded work ----------------------------------------------------------------------
 * The default cap on the work of one simulation, in particle-steps (Langevin: trajectories ×
 * time steps), raised by limen_simulate_config.max_work (the tool's --max-work).  A
 * Fokker–Planck cell-step (cells × steps) counts LIMEN_WORK_PER_CELL_STEP particle-steps: the
 * implicit TR-BDF2 step of one cell takes ≈ 29 ns against ≈ 1.8 ns for a Heun particle step of
 * the erasure cell on one core (3.4e7 cell-steps/s in bench/run.sh; 1e8 particle-steps in
 * 0.18 s, docs/performance.md).  At the cap a run takes about 30 minutes of one core. */
#define LIMEN_WORK_CAP 1e12
#define LIMEN_WORK_PER_CELL_STEP 16.0
/* LIMEN_EINVAL when work (particle-steps) exceeds cap (≤ 0: LIMEN_WORK_CAP), with a message
 * that starts "max-work = <cap>:" and gives `what` (how the work was counted, e.g. "64
 * trajectories × 1e+12 steps") and the value of --max-work that would allow it. */
LIMEN_API int limen_work_check(double work, double cap, const char *what, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_LANGEVIN_H */
