/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_internal.h: what the reference checks of validate*.c share. */
#ifndef LIMEN_SIM_VALIDATE_INTERNAL_H
#define LIMEN_SIM_VALIDATE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "limen/checkpoint.h"
#include "limen/fokker_planck.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "limen/validate.h"

typedef struct vctx {
  const limen_validate_options *opt;
  limen_validate_report *rep;
  size_t cap;
  limen_error *err;
  unsigned salt; /* advanced by every ensemble: independent streams per run */
} vctx;

typedef struct vcheck {
  const char *name;
  int (*run)(vctx *v);
} vcheck;

/* Ensemble size base·scale (at least 20). */
size_t limen_vsize(const vctx *v, double base);
/* A fresh master seed for the next ensemble. */
uint64_t limen_vseed(vctx *v);
/* Append a row.  se > 0: statistical (tolerance z_max·se, or 3·se for GREATER);
 * se = 0: deterministic with absolute tolerance tol.  The note is printf-formatted. */
int limen_vrow(vctx *v, const char *name, limen_check_relation rel, double expected, double measured, double tol,
         double se, const char *fmt, ...) __attribute__((format(printf, 8, 9)));
/* A Δt-halving row from paired runs on the same Brownian paths (noise_refine): the mean of
 * fine[i] − coarse[i] over the pairs where both are finite, with its paired standard error;
 * passes when the shift is below se_result (one standard error of the result) or within
 * z_max paired standard errors of zero. */
int limen_vshift_row(vctx *v, const char *name, const double *coarse, const double *fine, size_t n, double se_result,
               const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Run a Langevin ensemble with a fresh seed; cfg (may be NULL) supplies record options. */
int limen_vlangevin(vctx *v, const limen_protocol *p, const limen_integrator_type *it, double dt, size_t n,
              limen_langevin_config *cfg, limen_langevin_result *res);
/* The same with a given master seed (common random numbers for paired comparisons). */
int limen_vlangevin_seeded(vctx *v, const limen_protocol *p, const limen_integrator_type *it, double dt, size_t n,
                     limen_langevin_config *cfg, uint64_t seed, limen_langevin_result *res);
int limen_vfp(vctx *v, const limen_protocol *p, double dt, double h_max, limen_fp_result *res);
/* A one-segment protocol that holds u for `duration`. */
int limen_vhold_protocol(vctx *v, const limen_potential_type *type, const limen_control *u, double duration,
                   limen_protocol **out);
/* Sample mean and (n − 1)-normalized variance. */
void limen_vmean_var(const double *x, size_t n, double *mean, double *var);

/* The checks as the units of a checkpoint (validate_units.c): the inputs' canonical text (nonzero
 * when it does not fit), a check's rows (part) kept as the next unit, and the rows of a check
 * done before taken back into part (empty). */
int limen_vunits_inputs(const limen_validate_options *o, char *buf, size_t cap);
int limen_vunit_keep(const limen_validate_report *part, limen_checkpoint *ck, limen_error *err);
int limen_vunit_restore(const limen_checkpoint_unit *u, size_t index, limen_validate_report *part, limen_error *err);

int limen_vcheck_em_variance(vctx *v);
int limen_vcheck_ou_transition(vctx *v);
int limen_vcheck_schmiedl_seifert(vctx *v);
int limen_vcheck_stiffness(vctx *v);
int limen_vcheck_jarzynski(vctx *v);
int limen_vcheck_mfpt(vctx *v);
int limen_vcheck_erasure(vctx *v);
int limen_vcheck_erasure_optimal(vctx *v);
int limen_vcheck_static_write(vctx *v);
int limen_vcheck_hopping(vctx *v);

/* The two wells of a custom protocol's potentials at 0⁻ and τ⁺ (validate_wells.c): the
 * coarse-grained generalized Landauer bound of validate.h. */
typedef struct limen_sim_wells {
  int bistable;                      /* both ends have two wells and the initial state is in
                                        local equilibrium in each: the bound applies        */
  double split_initial, split_final; /* the barrier tops (a)                                */
  double lo_initial, hi_initial, lo_final, hi_final; /* the supports scanned               */
  double F_initial[2], F_final[2];   /* local free energies of the left and right well (kT) */
  double p_initial;                  /* occupation of the left well at 0⁻ (exact)           */
} limen_sim_wells;
int limen_sim_wells_plan(const limen_protocol *proto, limen_sim_wells *w, limen_error *err);
/* The bound from the final occupation of the left well (n_final trajectories; 0: exact). */
int limen_sim_wells_bound(const limen_sim_wells *w, double p_final, size_t n_final, limen_sim_bound *out,
                          limen_error *err);

#endif
