/* SPDX-License-Identifier: GPL-3.0-or-later
 * experiment.h: the experiments of docs/results.md as library calls — one training run in
 * physical memory from a named task and overrides of its defaults, the paradigm comparison, the
 * window and barrier sweeps, the scaling bridge to `limen project`, and the Max-Cut study.  They
 * live here, not in the command-line tool, so that every default, formula and choice of an
 * experiment is one documented, tested function; the tool only parses options into these
 * configurations and formats the results.
 *
 * Pattern: each experiment has a configuration struct whose _default() holds every numeric
 * default, a run function (configuration in, result out, status + limen_error last) and a
 * _clear() that releases what a run stored in the caller's result struct.  Results are plain
 * C structs and arrays; the figures of the experiments are drawn by the caller from them.
 *
 * "Task default" below: a field left at LIMEN_EXPERIMENT_TASK_DEFAULT (counts) or NAN (numbers)
 * takes the value the named task suggests (limen_task_setup, train.h). */
#ifndef LIMEN_EXPERIMENT_H
#define LIMEN_EXPERIMENT_H

#include <stddef.h>
#include <stdint.h>

#include "limen/checkpoint.h"
#include "limen/common.h"
#include "limen/input.h"
#include "limen/maxcut.h"
#include "limen/memory.h"
#include "limen/spread.h"
#include "limen/train.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A count that takes the task's default. */
#define LIMEN_EXPERIMENT_TASK_DEFAULT ((size_t)-1)
/* The most values a window or barrier sweep takes. */
#define LIMEN_EXPERIMENT_MAX_VALUES 32
/* The most graphs of one Max-Cut study. */
#define LIMEN_EXPERIMENT_MAX_GRAPHS 8
/* Rows of the scaling bridge: the four physical paradigms. */
#define LIMEN_EXPERIMENT_SCALING_ROWS 4

/* ---- inputs -----------------------------------------------------------------------------------
 * The numeric inputs of limen_experiment_config (window, steps, batch, lr, lr-t0, target, seed,
 * eval-every, eta-min-fraction, max-langevin-steps) and of limen_experiment_maxcut_config (steps =
 * anneal.sweeps, barrier, retention-barrier, tau0, temperature, target, seed, eval-every =
 * anneal.record_every, beta0, beta-end, barrier-rise) as input tables (input.h), named as `limen
 * train`'s options.  They hold the defaults of the _default() functions and the ranges every run
 * checks ("<func>: <member> = <value>: allowed range <range>").  A training input flagged
 * LIMEN_INPUT_UNSET_NAN takes the task's default when NAN (a count: SIZE_MAX, which is
 * LIMEN_EXPERIMENT_TASK_DEFAULT; limen_input_get reads it as NAN).  The swept values of the window
 * and barrier sweeps take the range of "window" and of the memory configuration's "barrier"
 * (limen_memory_config_inputs). */
LIMEN_API const limen_input *limen_experiment_inputs(size_t *n);
LIMEN_API const limen_input *limen_experiment_maxcut_inputs(size_t *n);

/* ---- one training run ----------------------------------------------------------------------- */

/* What a training run reads: the task, the paradigm, and the overrides of the task's defaults.
 * Defaults in brackets (limen_experiment_config_default); the numbers' ranges and defaults are the
 * rows of limen_experiment_inputs(). */
typedef struct limen_experiment_config {
  const char *task;        /* a name of limen_task_names()                              ["digits"] */
  const char *paradigm;    /* a name of limen_memory_types(); the sweeps read NULL as their
                              own pair (lim-fixed and lim-matched)                 ["lim-matched"] */
  uint64_t seed;           /* data split, initialization, batches and cells                   [1] */
  size_t steps;            /* K ≥ 1                                                [task default] */
  size_t batch;            /* rows per step, 0 = full batch                        [task default] */
  size_t eval_every;       /* record (and test the target) every this many steps  [task default] */
  double window_s;         /* update window Δt                                      [task default] */
  double target;           /* target test accuracy of the energy-to-solution        [task default] */
  double eta0;             /* initial learning rate η(0)                            [task default] */
  double lr_t0;            /* t0 of the inverse schedule                            [task default] */
  const char *schedule;    /* "constant", "inverse" or "cosine"; NULL: task default       [NULL] */
  double eta_min_fraction; /* cosine schedule: η_min = this × η(0), in (0, 1]              [1e-3] */
  limen_memory_config memory; /* the cells (the seed is replaced by `seed`) [limen_memory_config_default] */
  double max_langevin_steps;  /* memory.cells = langevin: runs of more Langevin steps (cells ×
                                 steps × Δt/τ₀ / langevin_dt) are refused, so that nothing runs
                                 for hours                                                  [1e8] */
  /* Progress (may be NULL): the fraction of the whole run or experiment done, after each
   * recorded training step (limen_train_config's, over all the runs of an experiment)   [NULL] */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_experiment_config;

LIMEN_API limen_experiment_config limen_experiment_config_default(void);

/* A configuration resolved against its task: what every run of an experiment used. */
typedef struct limen_experiment_setup {
  char task[32];
  limen_net_kind model_kind;
  size_t n_params;             /* parameters = cells                                         */
  limen_train_config train;    /* the task's defaults with the overrides                     */
  limen_memory_config memory;  /* with the seed of the run                                   */
  double window_tau0;          /* Δt/τ₀                                                      */
  double langevin_steps;       /* Langevin steps of one run with memory.cells = langevin (else 0) */
  int langevin_refused;        /* 1: langevin_steps > max_langevin_steps; the run returned
                                  LIMEN_EINVAL (naming memory.cells) and this setup holds the
                                  numbers for the caller's message                          */
} limen_experiment_setup;

/* One training run and what it was run with. */
typedef struct limen_experiment_run {
  limen_experiment_setup setup;
  limen_train_result result;
  double total_heat_kT;          /* result.total_heat_J in kT at memory.temperature_K         */
  double heat_per_cell_step_kT;  /* result.heat_per_cell_step_J in kT                         */
} limen_experiment_run;

/* Train cfg->task in cfg->paradigm memory (limen_train_run).  Errors name the field, its value
 * and the allowed range or names. */
LIMEN_API int limen_experiment_train(const limen_experiment_config *cfg, limen_experiment_run *out, limen_error *err);
LIMEN_API void limen_experiment_run_clear(limen_experiment_run *run);

/* The message of a Langevin run refused as too large (setup->langevin_refused, after a run of
 * cfg), naming the inputs as a user gives them: LIMEN_EINVAL "cells: langevin: <cells> cells ×
 * <steps> steps × <Δt/τ₀> τ₀ windows = <N> Langevin steps; allowed ≤ <max_langevin_steps> (use
 * fewer --steps, a shorter --window, or --cells jump)", err->field "cells". */
LIMEN_API int limen_experiment_langevin_refusal(const limen_experiment_setup *setup,
                                                const limen_experiment_config *cfg, limen_error *err);

/* What a user asks `limen train` for, before anything runs: the names of the inputs given (the
 * rows of limen_experiment_inputs, limen_memory_config_inputs and limen_experiment_maxcut_inputs,
 * and "task", "paradigm", "schedule", "cells", "experiment", "values", "format", "out"), with
 * the choices given (NULL: not given). */
typedef struct limen_experiment_request {
  const char *experiment; /* "paradigms", "window", "barrier", "scaling", "maxcut"; NULL: one run */
  const char *task;       /* a name of limen_task_names() or "maxcut-<graph>"; NULL: "digits"  */
  const char *paradigm;   /* NULL: the run's default                                          */
  const char *schedule;   /* NULL: the task's                                                 */
  double hold;            /* the hold given (read only when "hold" is given)                  */
  const char *const *given;
  size_t n_given;
} limen_experiment_request;

/* The inputs given that the run asked for does not read (nothing is silently ignored): the
 * Max-Cut inputs of a training run, the training inputs of an anneal, an input an experiment
 * sweeps or does not read, the inputs of the cells with the ideal paradigm, of the hopping cells
 * with the static paradigms, lr-t0 with a schedule other than inverse, batch with the quadratic
 * task, values without a sweep.  LIMEN_EINVAL; the message starts with the input's name, which is
 * err->field (e.g. "batch does not apply to --task quadratic (...)"). */
LIMEN_API int limen_experiment_request_conflicts(const limen_experiment_request *r, limen_error *err);
/* The choices given that the run cannot take: a paradigm other than lim-matched for a Max-Cut
 * anneal, LIMEN_EINVAL "paradigm: '<name>': Max-Cut annealing runs lim-matched spins only (...)",
 * err->field "paradigm". */
LIMEN_API int limen_experiment_request_choices(const limen_experiment_request *r, limen_error *err);

/* ---- experiments 1–3: every paradigm, and the window and barrier sweeps ------------------------ */

typedef enum {
  LIMEN_EXPERIMENT_PARADIGMS = 0, /* every memory type of limen_memory_types() on the task       */
  LIMEN_EXPERIMENT_WINDOW = 1,    /* lim-fixed and lim-matched (or run.paradigm) at every window  */
  LIMEN_EXPERIMENT_BARRIER = 2    /* the same at every barrier: E_low (lim-fixed), E_b(0) (lim-matched) */
} limen_experiment_kind;

/* "paradigms", "window", "barrier". */
LIMEN_API const char *limen_experiment_kind_name(limen_experiment_kind kind);

typedef struct limen_experiment_sweep_config {
  limen_experiment_kind kind;
  limen_experiment_config run;   /* run.paradigm: NULL (default) runs the experiment's own
                                    paradigms; window, barrier: one paradigm only (barrier: one
                                    with a barrier to sweep, lim-fixed or lim-matched); paradigms:
                                    must be NULL                                                */
  double values[LIMEN_EXPERIMENT_MAX_VALUES]; /* window: update windows [s], default 1e-8, 1e-7,
                                    1e-6, 1e-5, 1e-4; barrier: barriers [kT], default 3, 4, …, 16;
                                    paradigms: none; each in the range of the "window" row or of
                                    the memory configuration's "barrier" row                    */
  size_t n_values;
  size_t curve_points;           /* window: points of the closed-form curve (H) per paradigm, 0
                                    for none (then no trajectory is recorded)               [61] */
} limen_experiment_sweep_config;

LIMEN_API limen_experiment_sweep_config limen_experiment_sweep_config_default(limen_experiment_kind kind);

typedef struct limen_experiment_sweep_run {
  const char *paradigm;       /* the memory type's name (static)                               */
  double value;               /* the swept window [s] or barrier [kT]; NAN for paradigms        */
  limen_train_result result;
} limen_experiment_sweep_run;

/* Window sweep: the closed form (H) replayed along the recorded trajectory of the middle run of
 * one paradigm (runs[p·n_values + n_values/2]) on a log grid of windows between the smallest and
 * largest swept window (limen_train_hop_closed_form_kT). */
typedef struct limen_experiment_curve {
  const char *paradigm;
  double ref_value;           /* the window of the replayed run [s]                            */
  double *window_s, *heat_J;  /* n points                                                       */
  size_t n;
} limen_experiment_curve;

typedef struct limen_experiment_sweep_result {
  limen_experiment_kind kind;
  limen_experiment_setup setup;     /* the configuration every run started from               */
  limen_experiment_sweep_run *runs; /* paradigm-major: runs[p·n_values + v]                    */
  size_t n_runs, n_paradigms, n_values; /* paradigms: n_values = 1 (no value)                  */
  limen_experiment_curve curves[2]; /* window sweep with curve_points > 0: one per paradigm   */
  size_t n_curves;
} limen_experiment_sweep_result;

LIMEN_API int limen_experiment_sweep(const limen_experiment_sweep_config *cfg, limen_experiment_sweep_result *out,
                                     limen_error *err);
/* The same experiment with its runs split over the processes of sp (spread.h; NULL: one
 * process): each process trains a block of the runs and every process returns the whole
 * result, bit for bit that of one process (each run's seeds depend only on its configuration).
 * The same holds for limen_experiment_scaling_spread (the four paradigms) and
 * limen_experiment_maxcut_spread (the graphs). */
LIMEN_API int limen_experiment_sweep_spread(const limen_experiment_sweep_config *cfg, const limen_spread *sp,
                                            limen_experiment_sweep_result *out, limen_error *err);
LIMEN_API void limen_experiment_sweep_result_clear(limen_experiment_sweep_result *r);
/* limen_experiment_sweep_spread under a run control (checkpoint.h, limen_run_control_spread;
 * NULL: limen_experiment_sweep_spread): each training run is a unit of the checkpoint ("train
 * sweep"; the inputs: the experiment, task, paradigm, schedule, cells, values and every numeric
 * input).  On one process a stop asked for returns LIMEN_EINTERRUPTED after the current run with
 * the checkpoint written, and the runs of a checkpoint read from a file are not run again: their
 * results (scalars, points, and a window sweep's recorded trajectory) come back exactly, so the
 * result is an uninterrupted sweep's bit for bit.  Split over processes the checkpoint is
 * written whole at the end. */
LIMEN_API int limen_experiment_sweep_ctl(const limen_experiment_sweep_config *cfg, const limen_spread *sp,
                                         limen_run_control *ctl, limen_experiment_sweep_result *out,
                                         limen_error *err);

/* ---- experiment 5: the scaling bridge --------------------------------------------------------
 * The four physical paradigms (digital-static, analog-static, lim-fixed, lim-matched) on the task,
 * each beside limen_project for the same run — N parameters, K steps, n bits, τ_op = Δt (+ hold),
 * per-parameter-step operations, the run's schedule, and the learning path measured in the
 * lim-matched run: g = mean|Δw|·K/Σ_k η(k) and ρ = sinh(f/2), f = closed-form heat / (kT · Σ|m|)
 * the mean tilt per level with Σ|m| = mean|Δw|·N·K/δ, δ = 2W/(2ⁿ − 1) — and beside the same
 * projection at brain scale (limen_workload_default, per-parameter-step) next to the naive
 * extrapolation heat-per-cell-step × N·K.  Projections: digital-static and analog-static against
 * cim-static, lim-fixed against lim-finite-time, lim-matched against lim-matched. */
typedef struct limen_experiment_scaling_config {
  limen_experiment_config run;   /* run.paradigm is not read (must be NULL)                   */
  size_t grid_points;            /* points of the energy-versus-N grid, 0 for none         [29] */
  double grid_span;              /* the grid runs log-evenly from this run's N to grid_span ×
                                    the brain-scale N                                       [10] */
} limen_experiment_scaling_config;

LIMEN_API limen_experiment_scaling_config limen_experiment_scaling_config_default(void);

typedef struct limen_experiment_scaling_row {
  const char *paradigm;           /* measured memory type                                      */
  const char *projection;         /* the limen_project specification it is compared with       */
  limen_train_result result;
  double projected_J;             /* projection of the same run                                */
  double measured_over_projected; /* result.total_heat_J / projected_J                         */
  double heat_per_op_kT;          /* measured heat per elementary operation (NAN: no operations) */
  double projected_update_per_op_kT;
  double brain_extrapolated_J;    /* result.heat_per_cell_step_J × N·K at brain scale          */
  double brain_projected_J;       /* the projection at brain scale                             */
} limen_experiment_scaling_row;

typedef struct limen_experiment_scaling_result {
  limen_experiment_setup setup;
  double params, steps;              /* N and K of this run                                    */
  double grad_scale;                 /* effective g (|Δw| per unit learning rate)              */
  double tilt_per_level_kT;          /* effective f                                            */
  double drift_diffusion_ratio;      /* effective ρ = sinh(f/2)                                */
  double landauer_same_run_J;        /* landauer-adiabatic of this run                         */
  double brain_params, brain_steps;  /* N and K at brain scale                                 */
  double landauer_brain_J;           /* landauer-adiabatic at brain scale                      */
  limen_experiment_scaling_row rows[LIMEN_EXPERIMENT_SCALING_ROWS];
  /* energy versus N (grid_points > 0): for each specification grid_spec[k] (landauer-adiabatic,
   * cim-static, lim-finite-time, lim-matched) the projection of this run at N = grid_params[i],
   * grid_projected_J[k·n_grid + i], and the measured heat of rows[k] extrapolated to it,
   * grid_measured_J[k·n_grid + i] */
  const char *grid_spec[LIMEN_EXPERIMENT_SCALING_ROWS];
  double *grid_params, *grid_projected_J, *grid_measured_J;
  size_t n_grid;
} limen_experiment_scaling_result;

LIMEN_API int limen_experiment_scaling(const limen_experiment_scaling_config *cfg, limen_experiment_scaling_result *out,
                                       limen_error *err);
LIMEN_API int limen_experiment_scaling_spread(const limen_experiment_scaling_config *cfg, const limen_spread *sp,
                                              limen_experiment_scaling_result *out, limen_error *err);
LIMEN_API void limen_experiment_scaling_result_clear(limen_experiment_scaling_result *r);
/* limen_experiment_scaling_spread under a run control (NULL: limen_experiment_scaling_spread):
 * each of the four training runs is a unit ("train scaling"), as limen_experiment_sweep_ctl's. */
LIMEN_API int limen_experiment_scaling_ctl(const limen_experiment_scaling_config *cfg, const limen_spread *sp,
                                           limen_run_control *ctl, limen_experiment_scaling_result *out,
                                           limen_error *err);

/* ---- experiment 4: Max-Cut by barrier-matched annealing ------------------------------------------ */

typedef struct limen_experiment_maxcut_config {
  limen_anneal_config anneal;   /* limen_anneal_config_default() with a trace every 10 sweeps */
  double target;                /* fraction of the best-known cut, in [0, 1]            [0.99]
                                   (the numbers: limen_experiment_maxcut_inputs())              */
  const char *graphs[LIMEN_EXPERIMENT_MAX_GRAPHS]; /* named G-set graphs (limen_graph_load)
                                                      [G1, G11, G14] */
  size_t n_graphs;
} limen_experiment_maxcut_config;

LIMEN_API limen_experiment_maxcut_config limen_experiment_maxcut_config_default(void);

typedef struct limen_experiment_maxcut_run {
  char graph[16];
  size_t n_spins;
  double best_known;          /* limen_gset_best_known                                       */
  double gap;                 /* 1 − best cut / best-known                                   */
  double energy_to_target_J;  /* modulated heat when the best cut first reached target ×
                                 best-known (NAN: never)                                     */
  double time_to_target_s;    /* physical time then (NAN: never)                             */
  double *best_fraction;      /* best cut / best-known at every trace point (result.n_points) */
  limen_anneal_result result;
} limen_experiment_maxcut_run;

typedef struct limen_experiment_maxcut_result {
  limen_experiment_maxcut_run runs[LIMEN_EXPERIMENT_MAX_GRAPHS];
  size_t n_runs;
} limen_experiment_maxcut_result;

/* Anneal every graph of cfg with the same configuration (one graph: `limen train --task
 * maxcut-<graph>`). */
LIMEN_API int limen_experiment_maxcut(const limen_experiment_maxcut_config *cfg, limen_experiment_maxcut_result *out,
                                      limen_error *err);
LIMEN_API int limen_experiment_maxcut_spread(const limen_experiment_maxcut_config *cfg, const limen_spread *sp,
                                             limen_experiment_maxcut_result *out, limen_error *err);
LIMEN_API void limen_experiment_maxcut_result_clear(limen_experiment_maxcut_result *r);
/* limen_experiment_maxcut_spread under a run control (NULL: limen_experiment_maxcut_spread): each
 * graph's anneal is a unit ("train maxcut"; the inputs: the graphs and every numeric input), a
 * stop asked for returns LIMEN_EINTERRUPTED after the current anneal, and the anneals of a
 * checkpoint read from a file come back exactly, not run again. */
LIMEN_API int limen_experiment_maxcut_ctl(const limen_experiment_maxcut_config *cfg, const limen_spread *sp,
                                          limen_run_control *ctl, limen_experiment_maxcut_result *out,
                                          limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
