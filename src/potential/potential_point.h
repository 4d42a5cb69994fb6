/* SPDX-License-Identifier: GPL-3.0-or-later
 * potential_point.h (potential, shared upwards): the quartic and harmonic potentials at one
 * point, U(x, λ) and F = −∂ₓU, as the expressions their block evaluations (potential_types.c)
 * run, so that the Langevin engine's fused step (src/langevin/langevin_fused.c) performs
 * exactly the same IEEE operations and makes the same numbers bit for bit. */
#ifndef LIMEN_POTENTIAL_POINT_H
#define LIMEN_POTENTIAL_POINT_H

#include "limen/potential.h"

/* quartic: U = E_b (x² − 1)² − f x */
static inline double limen_quartic_U(const limen_control *u, double x) {
  const double y = x * x - 1.0;
  return u->barrier * y * y - u->tilt * x;
}
static inline double limen_quartic_F(const limen_control *u, double x) {
  const double y = x * x - 1.0;
  return u->tilt - 4.0 * u->barrier * x * y;
}

/* harmonic: U = (k/2)(x − c)² − f x */
static inline double limen_harmonic_U(const limen_control *u, double x) {
  const double d = x - u->center;
  return 0.5 * u->stiffness * d * d - u->tilt * x;
}
static inline double limen_harmonic_F(const limen_control *u, double x) {
  return u->tilt - u->stiffness * (x - u->center);
}

#endif
