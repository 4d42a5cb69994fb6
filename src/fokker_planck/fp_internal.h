/* SPDX-License-Identifier: GPL-3.0-or-later
 * fp_internal.h: a Fokker–Planck protocol run in progress (fp_protocol.c), shared with the
 * run in blocks of steps under a run control (fp_units.c); private to src/fokker_planck. */
#ifndef LIMEN_FP_INTERNAL_H
#define LIMEN_FP_INTERNAL_H

#include <stddef.h>

#include "limen/checkpoint.h"
#include "limen/fokker_planck.h"

/* A run in progress: the grid, the energy buffers at the cell centres and the work and heat
 * summed so far. */
typedef struct fp_state {
  const limen_fp_config *cfg;
  const limen_potential *pot;
  const limen_protocol *proto;
  double lo, hi;         /* the grid's domain                                   */
  size_t n;              /* cells                                               */
  limen_fp_grid *g;
  const double *x;       /* cell centres                                        */
  double dx;
  double *U_old, *U_new; /* U(x, λ) before and after the current change         */
  double *tmp;           /* scratch (the initial density)                       */
  double tau, dt;        /* duration, effective step τ/N                        */
  size_t N;              /* steps                                               */
  double lz0;            /* ln Z(λ(0⁻)) on the grid                             */
  double u_init;         /* ⟨U(λ(0⁻))⟩ of the initial density                   */
  double W, Q;           /* mean work and heat so far                           */
} fp_state;

/* Steps k0 … k1 − 1 (0 ≤ k0 ≤ k1 ≤ N), from the density after step k0 − 1 with U_old the
 * potential it was relaxed in. */
int fp_advance(fp_state *s, size_t k0, size_t k1, limen_error *err);

/* U_old := U(x, λ(t_k⁻)), the potential after k steps (k = N: at τ⁻), computed as fp_advance
 * computes it, bit for bit. */
void fp_potential_after(fp_state *s, size_t k);

/* The N steps under ctl (fp_units.c; ctl NULL: fp_advance over all of them). */
int fp_run_units(fp_state *s, const char *command, const char *inputs, limen_run_control *ctl, limen_error *err);

/* Copy a density saved from a run, as it is (the caller checked that it is finite): not
 * renormalized, a negative round-off kept, so that the next step sees exactly the density the
 * saved run had. */
void fp_grid_restore(limen_fp_grid *g, const double *rho);

#endif
