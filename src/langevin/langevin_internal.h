/* SPDX-License-Identifier: GPL-3.0-or-later
 * langevin_internal.h: pieces shared by the Langevin engine's source files (not public). */
#ifndef LIMEN_SIM_LANGEVIN_INTERNAL_H
#define LIMEN_SIM_LANGEVIN_INTERNAL_H

#include "limen/langevin.h"
#include "limen/rng.h"

/* Exact equilibrium sampler of e^{−U(x, u)} on an interval (see langevin.h). */
typedef struct limen_eq_sampler {
  int gaussian;          /* harmonic on the whole line: x = mean + sd·ξ              */
  double mean, sd;
  const limen_potential *pot;
  limen_control u;
  double a, h, Umin;     /* grid start, cell width, reference energy                */
  size_t n_cells;
  double *cum;           /* n_cells + 1 cumulative envelope weights (cum[0] = 0)     */
  double *logg;          /* n_cells log envelope heights (relative to e^{−Umin})     */
} limen_eq_sampler;

int limen_eq_sampler_init(limen_eq_sampler *s, const limen_potential *p, const limen_control *u,
                          double lo, double hi, const limen_precision *prec, limen_error *err);
void limen_eq_sampler_free(limen_eq_sampler *s);
double limen_eq_sampler_draw(const limen_eq_sampler *s, limen_rng *r);

/* One step of a block as a single pass over its lanes (langevin_fused.c): the arrays of the
 * block's n trajectories, and the step Δt. */
typedef struct limen_fused_lanes {
  size_t n;
  double dt;
  double *x, *F, *Uc, *W, *Q; /* position, force, U(x, λ), work, heat */
  const int *active;          /* trajectories stopped at their passage: 0; NULL: none stop */
} limen_fused_lanes;
/* changed: λ becomes *lam before the move (its work at fixed x), else F holds the force at x;
 * the move with the noise xi at *lam; the energy after it (and F, when need_force) and the
 * heat.  The same numbers as the engine's passes, bit for bit. */
typedef void (*limen_fused_step_fn)(const limen_fused_lanes *b, const limen_control *lam, const double *xi,
                                    int changed, int need_force);
/* The fused step of a potential type and an integrator, or NULL where there is none (the
 * engine then makes its passes). */
limen_fused_step_fn limen_langevin_fused_find(const limen_potential_type *pt, const limen_integrator_type *it);


#endif
