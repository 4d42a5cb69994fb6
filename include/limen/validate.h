/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate.h: the simulator's reference checks (theory §5), as one library function used by
 * `limen validate` and by the test suite, and the closed-form bound that applies to a
 * simulated protocol (used by `limen simulate`).
 *
 * Units as in potential.h: energies in kT, lengths in a, times in τ₀. */
#ifndef LIMEN_VALIDATE_H
#define LIMEN_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "limen/checkpoint.h"
#include "limen/common.h"
#include "limen/fokker_planck.h"
#include "limen/input.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "limen/spread.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the bound that applies to a protocol ----------------------------------------------
 * By the protocol's kind (the ready-made protocol it came from):
 *   erasure            heat ≥ e_FT(τ) = e_L(P_s) + B/τ of the cell (finite-time Landauer,
 *                      limen_finite_time_kT with the cell's barrier), P_s = the measured
 *                      success (folded to ≥ ½)                      "finite-time-landauer"
 *   erasure-optimal    the same, with the protocol's target P_s      "finite-time-landauer"
 *   modulated-write    heat ≥ (M) limen_modulated_write_kT(E_low, P_s, τ)  "modulated-write"
 *   static-write       work ≈ (S) work of the tilt cycle for failure probability
 *                      p_w = 1 − P_s (at least `p_floor`); all of it is dissipated once
 *                      the cell has relaxed after the final untilt         "static-write"
 *   hopping            heat ≈ (H) m·2 asinh(m/(2rτ)), r = the zero-tilt hop rate of the
 *                      washboard (exact, from the mean first-passage time)  "hopping"
 *   trap-linear/-optimal  work ≥ W* = λ_f²/(τ + 2/k) (Schmiedl–Seifert)    "schmiedl-seifert"
 *   stiffness-change   work ≥ ΔF = ½ ln(k_f/k_i)                          "free-energy"
 *   custom, starting in full equilibrium: work ≥ ΔF between the equilibria of λ(0⁻) and
 *                      λ(τ⁺) (quadrature)                                 "free-energy"
 *   otherwise          none (bound_kT = NaN)                              "none"
 * A custom protocol whose potentials U(·, λ(0⁻)) and U(·, λ(τ⁺)) both have two wells (two
 * local minima) gets, in limen_sim_summary_langevin/_fp, the generalized Landauer bound in
 * its coarse-grained form (theory §4.1) from the occupations of the wells at 0⁻ and τ⁺:
 *     work ≥ ΔF_wells + kT·(H(p_initial) − H(p_final))       "coarse-grained-landauer"
 * with the information term of limen_landauer_information_kT, p the occupations of the left
 * well (x below the barrier top) and ΔF_wells = Σ_j p_final,j F_final,j − Σ_j p_initial,j
 * F_initial,j the change of the wells' local free energies F_j = −kT ln ∫_well j e^{−U/kT} dx
 * weighted by their occupations (ΔF between the equilibria when both potentials are
 * symmetric).  p_initial is exact (quadrature of the initial equilibrium), p_final the
 * measured fraction (Langevin: binomial standard error, stderr_kT; Fokker–Planck: exact).
 * The bound needs the initial state in local equilibrium in each well (an initial region
 * that is the whole domain or ends at the barrier top); otherwise the free-energy bound
 * stays.                                                                                   */
typedef struct limen_sim_bound {
  const char *name;     /* as above                                                   */
  const char *quantity; /* "heat" or "work": which measured mean the bound applies to  */
  const char *relation; /* "lower-bound" (≥ above: no protocol of this kind does better) or
                           "cost-model" (≈ above: the expected cost of this protocol family
                           from theory §3, which a particular protocol may undercut)       */
  double value_kT;      /* NaN when there is none                                       */
  double landauer_kT;   /* generalized Landauer e_L(P_s) for the success used (NaN if n/a) */
  double success_used;  /* the P_s the bound was evaluated for (NaN if n/a)             */
  double stderr_kT;     /* standard error of value_kT from measured occupations (0: exact) */
  double information_kT;/* coarse-grained-landauer: kT·(H(p_initial) − H(p_final)) (else NaN) */
  double occupation_initial, occupation_final; /* coarse-grained-landauer: fraction in the
                           left well at 0⁻ and at τ⁺ (else NaN)                         */
} limen_sim_bound;

/* success: the measured success probability; p_floor: the smallest failure probability the
 * measurement resolves (e.g. 1/(2·trajectories); 0 for Fokker–Planck). */
LIMEN_API int limen_sim_bound_eval(const limen_protocol *proto, double success, double p_floor,
                         limen_sim_bound *out, limen_error *err);

/* One simulation's measured means beside the bound that applies (what `limen simulate`
 * reports), from either engine.  Fokker–Planck means are noise-free: their standard errors
 * are 0. */
typedef struct limen_sim_summary {
  double duration, dt;      /* τ and dt_eff (τ₀)                                         */
  size_t steps;             /* N                                                         */
  double mean_work, stderr_work, mean_heat, stderr_heat, mean_dU, stderr_dU; /* kT       */
  double success, stderr_success;
  double first_law_residual;/* largest |ΔU − (W − Q)| (kT)                               */
  limen_sim_bound bound;    /* Langevin: p_floor = 1/(2·trajectories); Fokker–Planck: 0  */
  double bound_gap_kT;      /* mean of bound.quantity − bound.value_kT (NaN: no bound)   */
  double bound_gap_z;       /* the gap in standard errors of that mean and of the bound,
                               combined in quadrature (NaN: both 0)                       */
} limen_sim_summary;

LIMEN_API int limen_sim_summary_langevin(const limen_protocol *proto, const limen_langevin_result *res,
                                         limen_sim_summary *out, limen_error *err);
LIMEN_API int limen_sim_summary_fp(const limen_protocol *proto, const limen_fp_result *res,
                                   limen_sim_summary *out, limen_error *err);

/* A mean first-passage run of the hold protocol: the exact mean first-passage time from x0 to
 * b > x0 in the static quartic cell of barrier barrier_kT (limen_mfpt_log, reflecting at −∞),
 * as its logarithm (τ₀), and the duration in which every trajectory of an ensemble passes:
 * LIMEN_PASSAGE_RUN_FACTOR mean times (a trajectory is still unpassed then with probability
 * about e^{−40}; one left out would bias the mean over the others). */
#define LIMEN_PASSAGE_RUN_FACTOR 40.0
LIMEN_API int limen_passage_plan(double barrier_kT, double x0, double b, double *log_mean_tau0,
                                 double *duration_tau0, limen_error *err);

/* The exact zero-tilt hop rate of the washboard cell is limen_washboard_hop_rate (bounds.h). */

/* ---- the reference checks ------------------------------------------------------------- */

typedef enum {
  LIMEN_CHECK_EQUAL = 0,    /* pass when |measured − expected| ≤ tolerance                  */
  LIMEN_CHECK_AT_LEAST = 1, /* pass when measured ≥ expected − tolerance                   */
  LIMEN_CHECK_GREATER = 2   /* pass when measured ≥ expected + tolerance (significantly more) */
} limen_check_relation;

typedef struct limen_validate_row {
  char name[64];        /* "<check>: <what>"                                              */
  char note[160];       /* method, sizes, Δt, and where the expected value comes from      */
  limen_check_relation relation;
  double expected;      /* the reference (closed form, quadrature, or the other method)   */
  double measured;
  double tolerance;     /* absolute; statistical rows: z_max standard errors (GREATER: 3)   */
  double stderr_;       /* standard error of measured − expected (0 for deterministic rows) */
  double z;             /* (measured − expected)/stderr_, NaN for deterministic rows       */
  int pass;
} limen_validate_row;

typedef struct limen_validate_options {
  double scale;         /* ensemble sizes × scale, (0, 100]                          [1]   */
  int threads;          /* OpenMP threads (0 = default)                              [0]   */
  uint64_t seed;        /* master seed                                               [1]   */
  double z_max;         /* statistical rows pass within z_max standard errors        [4]   */
  const char *only;     /* comma-separated check names to run (NULL = all)           [NULL] */
  /* Called before each check with its name (may be NULL). */
  void (*progress)(void *ctx, const char *check, size_t index, size_t count);
  void *progress_ctx;
} limen_validate_options;

LIMEN_API limen_validate_options limen_validate_options_default(void);

/* The options as a user gives them (input.h rows: scale, threads, seed, z-max — `limen
 * validate`'s options), from which limen_validate_options_default takes its defaults and
 * limen_validate_run its checks. */
LIMEN_API const limen_input *limen_validate_inputs(size_t *n);
/* Check opt against those rows: LIMEN_EINVAL "limen_validate_options: <member> = <v>: allowed
 * range <range>". */
LIMEN_API int limen_validate_inputs_check(const limen_validate_options *opt, limen_error *err);

typedef struct limen_validate_report {
  size_t n_rows;
  limen_validate_row *rows; /* owned */
  size_t n_failed;
  double seconds;           /* wall-clock time of the run */
} limen_validate_report;

/* The check names, in run order (NULL-terminated). */
LIMEN_API const char *const *limen_validate_check_names(void);

/* Run the checks.  rep is overwritten (clear a previous report first).  A check that fails is
 * a row with pass = 0; a check that cannot run at all (e.g. a numerical failure) adds one
 * failed row "<check>: could not run" whose note holds the reason, and the others still run.
 * Errors: bad options (LIMEN_EINVAL), an unknown check name (LIMEN_ENOTFOUND), LIMEN_ENOMEM. */
LIMEN_API int limen_validate_run(const limen_validate_options *opt, limen_validate_report *rep,
                       limen_error *err);
/* The same run with the checks split over the processes of sp (spread.h; NULL: one process):
 * each process runs a block of the selected checks and every process returns the whole report,
 * the rows bit for bit those of one process (each check's seeds depend only on the check). */
LIMEN_API int limen_validate_run_spread(const limen_validate_options *opt, const limen_spread *sp,
                                        limen_validate_report *rep, limen_error *err);
/* limen_validate_run_spread under a run control (checkpoint.h; NULL: limen_validate_run_spread):
 * each check is a unit of the checkpoint ("validate"; inputs scale, seed, z-max and the checks,
 * not the thread count).  On one process a stop asked for returns LIMEN_EINTERRUPTED after the
 * current check with the checkpoint written, and the checks of a checkpoint read from a file are
 * not run again: their rows come back as they were, so the report is an uninterrupted run's bit
 * for bit (but seconds, the wall time of this call).  Split over processes the checkpoint is
 * written whole at the end (limen_run_control_spread). */
LIMEN_API int limen_validate_run_ctl(const limen_validate_options *opt, const limen_spread *sp, limen_run_control *ctl,
                                     limen_validate_report *rep, limen_error *err);
LIMEN_API void limen_validate_report_clear(limen_validate_report *rep);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_VALIDATE_H */
