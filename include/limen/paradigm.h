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

/* The result of one projection.  All energies in J. */
typedef struct limen_projection {
  char name[LIMEN_PARADIGM_SPEC_MAX]; /* the specification, e.g. "accelerator:h100"            */
  const char *description;            /* the paradigm type's one-line description (static)      */
  double energy_J;                    /* total = compute + memory + update + consolidation      */
  double compute_J;                   /* arithmetic (accelerators)                              */
  double memory_J;                    /* reads / data movement                                  */
  double update_J;                    /* parameter writes                                       */
  double consolidation_J;             /* short- to long-term copies, or in-place barrier rises   */
  double ratio_to_landauer;           /* energy_J / landauer-adiabatic energy of the same workload */
  double realized_J;                  /* accelerator: C × realized J/FLOP; NaN otherwise/unknown */
  double update_per_op_kT;            /* cost of one update operation per bit, in kT (NaN if n/a) */
  size_t n_assumptions;
  char assumptions[LIMEN_MAX_ASSUMPTIONS][LIMEN_ASSUMPTION_MAX]; /* human-readable, one each */
} limen_projection;

typedef struct limen_paradigm limen_paradigm;

/* The interface every paradigm type implements. */
typedef struct limen_paradigm_type {
  const char *name;        /* "landauer-adiabatic", "accelerator", ...                        */
  const char *description; /* one line                                                       */
  int profile;             /* 0: takes no profile, 1: optional device profile, 2: profile required */
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

extern const limen_paradigm_type *const limen_paradigm_accelerator;
extern const limen_paradigm_type *const limen_paradigm_landauer_adiabatic;
extern const limen_paradigm_type *const limen_paradigm_cim_static;
extern const limen_paradigm_type *const limen_paradigm_lim_finite_time;
extern const limen_paradigm_type *const limen_paradigm_lim_matched;

/* All paradigm types, NULL-terminated. */
const limen_paradigm_type *const *limen_paradigm_types(void);
/* Find a type by name; LIMEN_ENOTFOUND listing the names. */
int limen_paradigm_type_find(const char *name, const limen_paradigm_type **out, limen_error *err);

/* Make an instance from "<type>[:<profile>]".  profiles may be NULL when the spec names no
 * profile.  Errors: unknown type or profile → LIMEN_ENOTFOUND (listing the allowed names);
 * a profile where the type takes none, none where one is required, or a profile lacking the
 * numbers the type needs (energy_per_flop_J for accelerator) → LIMEN_EINVAL. */
int limen_paradigm_alloc(const char *spec, const limen_profile_set *profiles, limen_paradigm **out,
                         limen_error *err);
void limen_paradigm_free(limen_paradigm *p);

/* Project one paradigm: validates and derives the workload, computes, sets the ratio to
 * landauer-adiabatic.  prec NULL → defaults. */
int limen_paradigm_project(const limen_paradigm *p, const limen_workload *w,
                           const limen_precision *prec, limen_projection *out, limen_error *err);

/* Convenience: project a list of specifications in order into out[0..n-1]. */
int limen_project(const limen_workload *w, const char *const *specs, size_t n,
                  const limen_profile_set *profiles, const limen_precision *prec,
                  limen_projection *out, limen_error *err);

/* The default paradigm list of `limen project`, NULL-terminated:
 * landauer-adiabatic, lim-finite-time, lim-matched, cim-static, cim-static:hermes-14nm,
 * accelerator:cmos-limit, accelerator:horowitz-45nm, accelerator:a100, accelerator:h100. */
const char *const *limen_paradigm_default_specs(void);

/* The landauer-adiabatic energy OPS·n·kT·ln2 of a workload (J). */
int limen_landauer_adiabatic_J(const limen_workload *w, double *energy_J, limen_error *err);

/* Append one assumption line (printf-style) to a projection; silently truncates beyond
 * LIMEN_MAX_ASSUMPTIONS lines (the last line then says so). */
void limen_projection_note(limen_projection *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_PARADIGM_H */
