/* SPDX-License-Identifier: GPL-3.0-or-later
 * paradigm.h: total training energy of a workload under each memory paradigm (theory §4),
 *     E = E_compute + E_memory (reads) + E_update (writes) + E_consolidation,
 * every term reported separately with the assumptions that produced it.
 *
 * A paradigm is a small type object (name, description, compute function) selected by a
 * specification string "<type>[:<profile>]":
 *   accelerator:<profile>    C × energy per FLOP of a hardware profile (peak-spec; realized
 *                            too where published) + bytes/FLOP × energy/byte when the
 *                            workload sets bytes_per_flop > 0.  Profile required.
 *   landauer-adiabatic       OPS·n·kT·ln2: the reference floor for digital overwrite.
 *   cim-static[:<device>]    OPS·n·e_S(τ_w): static-barrier tilt writes at the retention barrier
 *                            E_ret(τ_ret, p_ret), τ_w = τ_op by default; two-tier consolidation
 *                            every T_c; reads at the thermodynamic floor 0 unless a device
 *                            profile gives a read energy (then C reads × read_energy_J).
 *   lim-finite-time[:<device>] OPS·n·e_FT(τ_op) for a cell at the retention barrier; in-place
 *                            consolidation (one quasi-static barrier rise per parameter).
 *   lim-matched[:<device>]   Σ_k N·e_H(m_k, r_kΔt): each parameter moved along its learning path
 *                            by biased hopping at the Arrhenius-matched barrier (theory (H)+(A)):
 *                            m_k = η_k·g/ε levels per step, r_kΔt = m_k/(2ρ), so the tilt
 *                            f = 2·asinh(ρ) per level is constant and E = N·f·kT·Σ_k m_k.
 *                            Defaults (workload.h): η = η0/(1 + k/t0), η0 = 1e-3, t0 = 0.1·K,
 *                            g = 1, range 2, ρ = 1.  Counts parameter motion, not per-FLOP
 *                            writes: compare with landauer-adiabatic under per-parameter-step.
 * Unknown names → LIMEN_ENOTFOUND listing the allowed ones. */
#ifndef LIMEN_PARADIGM_H
#define LIMEN_PARADIGM_H

#include <stddef.h>

#include "limen/common.h"
#include "limen/hardware.h"
#include "limen/workload.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIMEN_MAX_ASSUMPTIONS 40
#define LIMEN_ASSUMPTION_MAX 256
#define LIMEN_PARADIGM_SPEC_MAX 96
#define LIMEN_MAX_COUNTS 6

/* What one counted operation is (theory §4, "counting conventions and floors"). */
typedef enum {
  LIMEN_WORK_FLOP = 0,         /* an arithmetic operation whose n-bit result is written (per-flop
                                  convention: a multiply-accumulate is 2 FLOPs, one written result) */
  LIMEN_WORK_PARAMETER_UPDATE, /* a parameter given a new n-bit value                        */
  LIMEN_WORK_READ,             /* an in-memory read / operation, or a byte moved              */
  LIMEN_WORK_CONSOLIDATION,    /* a parameter copied from short- to long-term memory         */
  LIMEN_WORK_BARRIER_RISE      /* in-place consolidation: one barrier rise per parameter      */
} limen_work_kind;

/* "flop", "parameter-update", "read", "consolidation-copy", "barrier-rise". */
LIMEN_API const char *limen_work_kind_name(limen_work_kind k);

/* One kind of work a paradigm counts, and the Landauer floor of exactly that work:
 * floor_J = ops · bits · e_L(success) · kT (generalized Landauer; 0 for reads, which can be
 * reversible, and for barrier rises, which erase nothing). */
typedef struct limen_work_count {
  limen_work_kind kind;
  const char *term;  /* the energy term it is charged to: "compute", "memory", "update",
                        "consolidation" (static string)                                       */
  double ops;        /* number of operations                                                    */
  double bits;       /* bits per operation                                                      */
  double success;    /* success probability of one bit (floor: e_L(success) per bit)            */
  double floor_J;    /* Landauer floor of this work                                             */
  int reference;     /* 1: the floor is a reference, not a bound (the work erases no information:
                        lim-matched's incremental moves are logically reversible)              */
} limen_work_count;

/* What a projection's update term grows with, step by step: the steps themselves (the same
 * every step), the path's moves (lim-matched), or the writes that change a level (cim-static
 * and lim-finite-time with a measured path).  limen_projection_path_steps splits by it. */
typedef enum {
  LIMEN_FOLLOWS_STEPS = 0,
  LIMEN_FOLLOWS_PATH_LEVELS = 1,
  LIMEN_FOLLOWS_WRITES = 2
} limen_update_follows;

/* The result of one projection.  All energies in J.  A term the paradigm does not count is NaN
 * (printed "not counted" / null), never 0; a counted term that is 0 J is a result of the model. */
typedef struct limen_projection {
  char name[LIMEN_PARADIGM_SPEC_MAX]; /* the specification, e.g. "accelerator:h100"            */
  const char *description;            /* the paradigm type's one-line description (static)      */
  const char *relation;               /* "lower-bound" (no process of this kind does better) or
                                         "cost-model" (the cost of a stated mechanism or device) */
  double energy_J;                    /* total: the sum of the counted terms                    */
  double compute_J;                   /* arithmetic (accelerators)                  NaN: not counted */
  double memory_J;                    /* reads / data movement                      NaN: not counted */
  double update_J;                    /* parameter writes                           NaN: not counted */
  double consolidation_J;             /* short- to long-term copies, or in-place barrier rises   */
  size_t n_counts;
  limen_work_count counts[LIMEN_MAX_COUNTS]; /* the work counted; counts[0] is the main work */
  double floor_J;                     /* Σ floor_J of the counts: the floor of the same work     */
  int floor_is_bound;                 /* 1 when every count's floor is a bound (then energy ≥
                                         floor is an invariant); 0: a reference                 */
  double bound_J;                     /* lim-matched: the thermodynamic-uncertainty bound
                                         2kT·S²/spread per parameter × N; NaN for the others    */
  double ratio_to_floor;              /* energy_J / floor_J (≥ 1 for a consistent model)         */
  double headline_floor_J;            /* the per-FLOP Landauer headline C·n·kT·ln2 of the workload */
  double ratio_to_headline;           /* energy_J / headline_floor_J when counts[0] is the
                                         headline's work (C FLOP results of n bits); NaN else   */
  double bits_used;                   /* bits a profile's figures used here hold for (n when none
                                         is used, or when they hold for n)                      */
  int bits_mismatch;                  /* 1: a profile's figures hold for bits_used ≠ n; they are
                                         not rescaled                                          */
  double effective_bits;              /* precision delivered by a paradigm that moves parameters
                                         stochastically (lim-matched); NaN for the others       */
  double realized_J;                  /* accelerator: C × realized J/FLOP; NaN otherwise/unknown */
  double update_per_op_kT;            /* cost of one update operation per bit, in kT (NaN if n/a) */
  int update_follows;                 /* limen_update_follows: what update_J grows with         */
  size_t n_assumptions;
  char assumptions[LIMEN_MAX_ASSUMPTIONS][LIMEN_ASSUMPTION_MAX]; /* human-readable, one each */
} limen_projection;

typedef struct limen_paradigm limen_paradigm;

/* The interface every paradigm type implements. */
typedef struct limen_paradigm_type {
  const char *name;        /* "landauer-adiabatic", "accelerator", ...                        */
  const char *description; /* one line                                                       */
  int profile;             /* 0: takes no profile, 1: optional device profile, 2: profile required */
  const char *relation;    /* "lower-bound" or "cost-model" (limen_projection.relation)        */
  /* Fill `out` (already cleared, name set) for workload w with derived quantities d. */
  int (*compute)(const limen_paradigm *p, const limen_workload *w, const limen_workload_derived *d,
                 const limen_precision *prec, limen_projection *out, limen_error *err);
} limen_paradigm_type;

/* An instance: a type plus its profile (copied), when it has one. */
struct limen_paradigm {
  const limen_paradigm_type *type;
  char spec[LIMEN_PARADIGM_SPEC_MAX];
  int has_profile;
  limen_profile profile;
};

LIMEN_API extern const limen_paradigm_type *const limen_paradigm_accelerator;
LIMEN_API extern const limen_paradigm_type *const limen_paradigm_landauer_adiabatic;
LIMEN_API extern const limen_paradigm_type *const limen_paradigm_cim_static;
LIMEN_API extern const limen_paradigm_type *const limen_paradigm_lim_finite_time;
LIMEN_API extern const limen_paradigm_type *const limen_paradigm_lim_matched;

/* All paradigm types, NULL-terminated. */
LIMEN_API const limen_paradigm_type *const *limen_paradigm_types(void);
/* Find a type by name; LIMEN_ENOTFOUND listing the names. */
LIMEN_API int limen_paradigm_type_find(const char *name, const limen_paradigm_type **out, limen_error *err);

/* Make an instance from "<type>[:<profile>]".  profiles may be NULL when the spec names no
 * profile.  Errors: unknown type or profile → LIMEN_ENOTFOUND (listing the allowed names);
 * a profile where the type takes none, none where one is required, or a profile lacking the
 * numbers the type needs (energy_per_flop_J for accelerator) → LIMEN_EINVAL. */
LIMEN_API int limen_paradigm_alloc(const char *spec, const limen_profile_set *profiles, limen_paradigm **out,
                         limen_error *err);
LIMEN_API void limen_paradigm_free(limen_paradigm *p);

/* Project one paradigm: validates and derives the workload, computes, sums the counted terms,
 * sets the floor of the counted work, the ratios to it and to the per-FLOP headline.
 * LIMEN_EINTERNAL when the energy falls below a floor that is a bound, or below bound_J (a
 * modelling error).
 * prec NULL → defaults. */
LIMEN_API int limen_paradigm_project(const limen_paradigm *p, const limen_workload *w,
                           const limen_precision *prec, limen_projection *out, limen_error *err);
/* The same projection without its assumption lines (n_assumptions = 0; every number as
 * limen_paradigm_project gives it, bit for bit): for sweeps and loops that keep only numbers.
 * Formatting the lines takes about half of a projection's time (docs/performance.md). */
LIMEN_API int limen_paradigm_project_numbers(const limen_paradigm *p, const limen_workload *w,
                                             const limen_precision *prec, limen_projection *out, limen_error *err);

/* Convenience: project a list of specifications in order into out[0..n-1]. */
LIMEN_API int limen_project(const limen_workload *w, const char *const *specs, size_t n,
                  const limen_profile_set *profiles, const limen_precision *prec,
                  limen_projection *out, limen_error *err);

/* The default paradigm list of `limen project`, NULL-terminated:
 * landauer-adiabatic, lim-finite-time, lim-matched, cim-static, cim-static:hermes-14nm,
 * accelerator:cmos-limit, accelerator:horowitz-45nm, accelerator:a100, accelerator:h100. */
LIMEN_API const char *const *limen_paradigm_default_specs(void);
/* The same list comma-separated ("landauer-adiabatic,lim-finite-time,..."), for help texts. */
LIMEN_API const char *limen_paradigm_default_list(void);
/* Most paradigms one projection, sweep or figure takes. */
#define LIMEN_PARADIGMS_MAX 256
/* A list of paradigms given by a user: at least one, at most LIMEN_PARADIGMS_MAX, none twice.  LIMEN_EINVAL "paradigm = '':
 * give at least one paradigm" or "paradigm = '<spec>' is listed twice" (the input's name leads,
 * no function prefix: a front end puts its spelling before it). */
LIMEN_API int limen_paradigm_list_check(const char *const *specs, size_t n, limen_error *err);

/* ---- energies of a measured learning path (docs/path.md) ------------------------------------
 * With w->path set, the projections count the measured path: lim-matched its moves, cim-static
 * and lim-finite-time the writes that changed a stored level, each with the floor of exactly
 * those writes; landauer-adiabatic and the accelerators stay per OPS (the dense count the
 * schedule assumes).  The workload of the measured run itself: */

/* N = the path's parameters, K = its steps (D = K tokens of batch 1), T_train = K·Δt with Δt
 * its step time, n and range its own, T its temperature, OPS per-parameter-step, C = 6·N·D
 * (a dense estimate: the FLOPs of the run are not measured), every other input at its default;
 * the path attached.  LIMEN_EINVAL when the path has no step time. */
LIMEN_API int limen_learning_path_workload(const limen_learning_path *p, limen_workload *w, limen_error *err);

/* Per measured step j (n = path steps, energy_J[j]): the energy of the workload's steps that
 * step stands for — update_J split in proportion to what it follows (the step's moves or
 * writes, or evenly), every other counted term evenly.  Σ_j energy_J[j] = pr->energy_J to
 * rounding.  w must be the workload pr was projected with, with a path. */
LIMEN_API int limen_projection_path_steps(const limen_projection *pr, const limen_workload *w, double *energy_J,
                                          size_t n, limen_error *err);

/* The landauer-adiabatic energy OPS·n·kT·ln2 of a workload (J). */
LIMEN_API int limen_landauer_adiabatic_J(const limen_workload *w, double *energy_J, limen_error *err);

/* The per-FLOP headline floor C·n·kT·ln2 of a workload (J), whatever its OPS convention. */
LIMEN_API int limen_headline_floor_J(const limen_workload *w, double *energy_J, limen_error *err);

/* Append a counted kind of work to a projection: its floor ops·bits·e_L(success)·kT for
 * LIMEN_WORK_FLOP, _PARAMETER_UPDATE and _CONSOLIDATION, 0 for reads and barrier rises. */
LIMEN_API int limen_projection_count(limen_projection *out, limen_work_kind kind, const char *term, double ops,
                           double bits, double success, double kT_J, limen_error *err);
/* Mark the last count's floor as a reference rather than a bound. */
LIMEN_API void limen_projection_count_is_reference(limen_projection *out);

/* The precision design of lim-matched for a workload (theory (P)): the path, the hop
 * positions per level H and the drift-to-diffusion ratio ρ that keep the final spread within
 * one level, and what they cost.  The projection uses exactly these numbers. */
typedef struct limen_lim_matched_design {
  double steps;                /* K, whole training steps                                     */
  double m0_levels;            /* m_0 = η0·g/ε, levels moved in the first step                 */
  double path_levels;          /* S = Σ_k m_k, levels per parameter over training              */
  double rho;                  /* ρ used (the workload's, or raised for the hop-rate limit)    */
  int rho_raised;              /* 1 when ρ was raised above the workload's                     */
  double hops_per_level;       /* H = max(1, ⌈S·coth(f/2)⌉)                                    */
  double tilt_kT;              /* f = 2·asinh(ρ), tilt per hop                                 */
  double energy_per_param_kT;  /* f·H·S                                                       */
  double spread_levels2;       /* S·coth(f/2)/H: variance of the final parameter, levels²      */
  double effective_bits;       /* n − max(0, ½·log2(spread))                                   */
  double first_rate_per_tau0;  /* zero-tilt hop rate in the first step, per τ₀                 */
  double rate_limit_per_tau0;  /* the Kramers rate at the minimum barrier, per τ₀              */
} limen_lim_matched_design;

LIMEN_API int limen_lim_matched_design_compute(const limen_workload *w, const limen_precision *prec, limen_lim_matched_design *out,
                                     limen_error *err);

/* Append one assumption line (printf-style) to a projection; silently truncates beyond
 * LIMEN_MAX_ASSUMPTIONS lines (the last line then says so). */
LIMEN_API void limen_projection_note(limen_projection *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_PARADIGM_H */
