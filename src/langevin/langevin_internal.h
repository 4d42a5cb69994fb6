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


#endif
