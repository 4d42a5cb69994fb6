/* SPDX-License-Identifier: GPL-3.0-or-later
 * simulate.h: one simulation of a memory-cell protocol as one library call — what `limen
 * simulate` runs and the Python package calls: the protocol from a name and its inputs or from a
 * JSON file, the start and first-passage planning, the method and integrator rules, the Langevin
 * ensemble (on one process, or split over processes through a caller's communication) or the
 * Fokker–Planck solver, and the report of the run (limen_sim_report: the summary beside its
 * bound, SI values, the first passage).  The report's JSON and the files of `--out` are written
 * by report.h (limen_sim_report_json, limen_sim_files).
 *
 * Units as in potential.h: energies in kT, lengths in a, times in τ₀ = γa²/kT. */
#ifndef LIMEN_SIMULATE_H
#define LIMEN_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "limen/checkpoint.h"
#include "limen/common.h"
#include "limen/fokker_planck.h"
#include "limen/input.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "limen/validate.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the report of one simulation ------------------------------------------------------ */

/* `has` bits of a simulation's report (the `when` of limen_sim_report_fields, report.h). */
enum {
  LIMEN_SIM_HAS_LANGEVIN = 1u, /* a Langevin run: integrator, trajectories, seed                 */
  LIMEN_SIM_HAS_FP = 2u,       /* a Fokker–Planck run: the grid and its mass error               */
  LIMEN_SIM_HAS_START = 4u,    /* a fixed start: start_x                                         */
  LIMEN_SIM_HAS_PASSAGE = 8u   /* a first-passage run: passage_x … mean_passage_s                */
};

/* One simulation as `limen simulate` reports it: the protocol, the summary beside its bound
 * (validate.h), SI values, the first passage and the method's own numbers. */
typedef struct limen_sim_report {
  const char *protocol, *kind, *potential, *method, *integrator;
  limen_sim_summary summary;
  double mean_work_J, mean_heat_J, temperature_K, tau0_s, duration_s, dt_s;
  double start_x, passage_x;                    /* a                                          */
  double mean_passage_tau0, stderr_passage_tau0, exact_passage_tau0, passage_z, mean_passage_s;
  size_t passed, grid_cells, trajectories;
  double grid_dx, grid_x_lo, grid_x_hi, mass_error;
  long seed;
  double wall_seconds;
  unsigned has;                                 /* LIMEN_SIM_HAS_* bits                       */
} limen_sim_report;

/* Zero the report, name the protocol (its strings are the protocol's: keep it alive), T and τ₀. */
LIMEN_API void limen_sim_report_init(limen_sim_report *r, const limen_protocol *proto, double temperature_K,
                                     double tau0_s);
/* The method's numbers: the grid of a Fokker–Planck run; the integrator, ensemble, seed and
 * passed count of a Langevin run (lr may be NULL). */
LIMEN_API void limen_sim_report_fp(limen_sim_report *r, const limen_fp_result *fr);
LIMEN_API void limen_sim_report_langevin(limen_sim_report *r, const limen_langevin_config *cfg,
                                         const limen_langevin_result *lr);
/* After summary and the passage times are set: the values in J and s, and passage_z. */
LIMEN_API void limen_sim_report_finish(limen_sim_report *r);

/* ---- the inputs of a simulation ---------------------------------------------------------
 * limen_simulate_inputs() describes every numeric input once (input.h rows; `limen simulate`'s
 * options, the Python package's arguments), made from the tables of the modules that read them:
 * rows 0 … LIMEN_PROTOCOL_ARG_COUNT − 1 are limen_protocol_inputs (in limen_protocol_arg order,
 * "tau" first), then limen_langevin_inputs (trajectories, dt, seed, threads, bins, start,
 * passage), limen_fp_inputs (cells), τ₀ and T of the bound inputs (the same cell), and the
 * cap on the work (max-work). */
enum {
  LIMEN_SIMULATE_IN_TAU = LIMEN_PROTOCOL_ARG_DURATION,
  LIMEN_SIMULATE_IN_TRAJECTORIES = LIMEN_PROTOCOL_ARG_COUNT,
  LIMEN_SIMULATE_IN_DT,
  LIMEN_SIMULATE_IN_SEED,
  LIMEN_SIMULATE_IN_THREADS,
  LIMEN_SIMULATE_IN_BINS,
  LIMEN_SIMULATE_IN_START,
  LIMEN_SIMULATE_IN_PASSAGE,
  LIMEN_SIMULATE_IN_CELLS,
  LIMEN_SIMULATE_IN_TAU0,
  LIMEN_SIMULATE_IN_TEMPERATURE,
  LIMEN_SIMULATE_IN_MAX_WORK,
  LIMEN_SIMULATE_IN_COUNT
};
#define LIMEN_SIMULATE_IN_MASK(i) (UINT32_C(1) << (unsigned)(i))

typedef struct limen_simulate_config {
  const char *protocol;      /* a ready-made protocol (limen_protocol_names), or NULL        [NULL] */
  const char *protocol_file; /* or a protocol in JSON (protocol.h): exactly one of the two  [NULL] */
  const char *method;        /* "langevin" or "fokker-planck"; NULL = "langevin"            [NULL] */
  const char *integrator;    /* Langevin step: "auto" (exact OU for the harmonic trap, else Heun),
                                "euler", "heun", "ou"; NULL = auto, and not given            [NULL] */
  limen_protocol_args args;  /* the ready-made protocol's inputs (rows 0 …): those given replace
                                the protocol's defaults (limen_protocol_args_default)              */
  limen_langevin_config langevin; /* trajectories, dt, seed, threads, bins, start, passage;
                                the run's init, record and integrator are set by the run          */
  limen_fp_config fp;        /* cells (dt: the Langevin row's)                                     */
  double tau0_s;             /* τ₀ (s): times with suffix s, values in s                   [1e-9] */
  double temperature_K;      /* T (K): values in J                                         [300]  */
  double max_work;           /* cap on the run's particle-steps (langevin.h, LIMEN_WORK_CAP):
                                a longer run is refused before it starts            [1e12] */
  uint32_t given;            /* LIMEN_SIMULATE_IN_MASK bits of the rows the user gave (set by
                                limen_simulate_config_set*): the rules below read them      [0]    */
  int keep_files;            /* keep what the files of --out hold: the work and heat
                                histograms of a Langevin run (limen_sim_files)               [0]    */
  /* Progress of the engine (may be NULL): as limen_langevin_config's and limen_fp_config's. */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_simulate_config;

/* The rows (above); n gets their number, LIMEN_SIMULATE_IN_COUNT.  Members are named by their
 * path in limen_simulate_config ("langevin.n_traj", "args.duration", "tau0_s"). */
LIMEN_API const limen_input *limen_simulate_inputs(size_t *n);
/* Every row at its default, nothing given, no protocol chosen. */
LIMEN_API limen_simulate_config limen_simulate_config_default(void);
/* Check the rows of cfg (start and passage only when given): LIMEN_EINVAL
 * "limen_simulate_config: <member> = <v>: allowed range <range>". */
LIMEN_API int limen_simulate_inputs_check(const limen_simulate_config *cfg, limen_error *err);

/* A time given by a user as every limen time option takes it: a number in seconds ("2e-8"), a
 * number with a time unit of units.h ("20ns", "3ms"), both converted with tau0_s, or cell time
 * with the unit tau0 ("20tau0"); the number read whole and finite, the result in τ₀ in the
 * row's range.  Messages start with the row's name: "dt = 'abc': expected a duration: ...",
 * "tau = 2e3 (2e+12 tau0 at tau0 = 1e-09 s): allowed range (0, 1e+12] tau0" (LIMEN_EINVAL). */
LIMEN_API int limen_simulate_time_parse(const limen_input *row, const char *text, double tau0_s, double *tau0,
                                        limen_error *err);
/* Set the input `name` (a row's name or alias) from text or a number, checked as a value given
 * by a user (limen_input_parse; the time rows tau and dt by limen_simulate_time_parse with
 * cfg->tau0_s: set tau0 first), and mark it given.  Unknown name: LIMEN_ENOTFOUND. */
LIMEN_API int limen_simulate_config_set_text(limen_simulate_config *cfg, const char *name, const char *text,
                                             limen_error *err);
LIMEN_API int limen_simulate_config_set(limen_simulate_config *cfg, const char *name, double value,
                                        limen_error *err);

/* ---- the run ------------------------------------------------------------------------------ */

/* The communication of a Langevin ensemble split over processes (MPI ranks in the tool): the
 * process of rank `rank` of `size` runs its part (limen_langevin_part_range) and the parts are
 * joined on every process, so every process returns the same result, bit for bit that of one
 * process.  Each function is collective: every process calls it, in the same order. */
typedef struct limen_simulate_comm {
  size_t rank, size;
  void *ctx;
  /* Every process returns the status of the lowest rank whose status is not LIMEN_OK, with its
   * error in err; LIMEN_OK when there is none. */
  int (*agree)(void *ctx, int status, limen_error *err);
  /* Concatenate every process's n doubles (n may differ between processes and be 0) in rank
   * order into all (n_all of them, the same on every process). */
  int (*gather)(void *ctx, const double *mine, size_t n, double *all, size_t n_all, limen_error *err);
  /* Copy rank 0's n doubles to every process. */
  int (*broadcast)(void *ctx, double *values, size_t n, limen_error *err);
} limen_simulate_comm;

/* What a run returns: the report, and the protocol and engine results it was made from. */
typedef struct limen_simulate_result {
  limen_sim_report report;       /* its strings point into protocol and the integrator type    */
  limen_protocol *protocol;      /* the protocol run (owned)                                   */
  limen_langevin_result langevin;/* a Langevin run: per-trajectory arrays, histograms (keep_files) */
  limen_fp_result fp;            /* a Fokker–Planck run: the final density                     */
} limen_simulate_result;

/* Run one simulation.  comm NULL (or size 1): one process.  The rules, in this order, with
 * messages that start with the input's name as the rows spell it (the tool puts "--" before it)
 * and err->field set to it:
 *   method:   "method = '<m>': allowed values langevin, fokker-planck";
 *             trajectories, seed, threads, integrator and bins apply to langevin only, cells to
 *             fokker-planck only, bins only with keep_files;
 *   protocol: exactly one of protocol and protocol_file; a protocol file takes no protocol
 *             input; an input that the named protocol does not read is refused, naming the
 *             protocols that read it ("tilt is not used by --protocol trap-linear (it applies
 *             to erasure, …)"); an unknown name is LIMEN_ENOTFOUND;
 *   start, passage: the hold protocol only; passage needs start and langevin, lies above start;
 *             the exact mean first-passage time is computed (limen_passage_plan), and with tau
 *             not given the hold lasts LIMEN_PASSAGE_RUN_FACTOR times it; a run in which some
 *             trajectory did not pass fails (its mean would be biased);
 *   dt:       at most the protocol's duration.
 * res is overwritten; clear it with limen_simulate_result_clear (also after a failure). */
LIMEN_API int limen_simulate_run(const limen_simulate_config *cfg, const limen_simulate_comm *comm,
                                 limen_simulate_result *res, limen_error *err);
LIMEN_API void limen_simulate_result_clear(limen_simulate_result *res);

/* ---- interrupted runs (checkpoint.h) -------------------------------------------------------
 * limen_simulate_run with a run control (ctl NULL: limen_simulate_run itself).  A Langevin run
 * on one process (comm NULL or size 1) then goes in units of limen_simulate_unit_size
 * trajectories (limen_simulate_langevin_units): its checkpoint ("simulate", the inputs of
 * limen_simulate_checkpoint_inputs) takes each unit's results, a stop asked for returns
 * LIMEN_EINTERRUPTED after the current unit with the checkpoint written, and a checkpoint read
 * from a file continues the run to the result of an uninterrupted one, bit for bit (every
 * report field but wall_seconds).  A run split over processes is one piece: its checkpoint
 * is written whole at its end (limen_simulate_checkpoint_whole, by the process whose ctl->dir
 * is set), and it cannot be stopped or resumed.  A Fokker–Planck run goes in blocks of time
 * steps under ctl (limen_fp_run_ctl, the same "simulate" checkpoint and inputs): a stop after
 * the current block, and a resumed run bit for bit the uninterrupted one's; over processes
 * every process runs it whole, and a checkpoint is resumed on one process only. */
LIMEN_API int limen_simulate_run_ctl(const limen_simulate_config *cfg, const limen_simulate_comm *comm,
                                     limen_run_control *ctl, limen_simulate_result *res, limen_error *err);
/* Trajectories per unit of an ensemble of n_traj: whole blocks (LIMEN_RNG_BLOCK), at least
 * 32 of them, and at most 1024 units. */
LIMEN_API size_t limen_simulate_unit_size(size_t n_traj);
/* The ensemble cfg describes, unit by unit under ctl (may be NULL), summarized as
 * limen_langevin_run's (histograms too); inputs: the run's canonical inputs. */
LIMEN_API int limen_simulate_langevin_units(const limen_langevin_config *cfg, const limen_protocol *proto,
                                            const char *inputs, limen_run_control *ctl, limen_langevin_result *res,
                                            limen_error *err);
/* The checkpoint of a whole ensemble run in one piece (split over processes): every unit from
 * res's arrays, written to ctl->dir when set, as limen_simulate_langevin_units leaves it. */
LIMEN_API int limen_simulate_checkpoint_whole(const char *inputs, limen_run_control *ctl, limen_langevin_result *res,
                                              limen_error *err);
/* The inputs of a run as a checkpoint keeps them: limen's version, the protocol (a file by its
 * SHA-256), method, integrator, and every input row given ("unset" otherwise) but threads and
 * max-work, which do not change the result; numbers exact (limen_checkpoint_number).  LIMEN_EIO
 * for an unreadable file. */
LIMEN_API int limen_simulate_checkpoint_inputs(const limen_simulate_config *cfg, char *buf, size_t cap,
                                               limen_error *err);

/* limen_langevin_run over the processes of comm (NULL or size 1: limen_langevin_run itself):
 * this process runs its part (limen_langevin_run_part), the per-trajectory arrays (and passage
 * times) are joined in trajectory order and summarized on every process.  Not for
 * LIMEN_RECORD_SAMPLES. */
LIMEN_API int limen_simulate_langevin_spread(const limen_langevin_config *cfg, const limen_protocol *proto,
                                             const limen_simulate_comm *comm, limen_langevin_result *res,
                                             limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_SIMULATE_H */
