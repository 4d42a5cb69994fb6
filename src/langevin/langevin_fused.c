/* SPDX-License-Identifier: GPL-3.0-or-later
 * langevin_fused.c: one step of a block of trajectories as a single pass over its lanes — the
 * work of the control's change at fixed x, the move (Euler–Maruyama, stochastic Heun or the
 * exact Ornstein–Uhlenbeck step), the potential after it and the heat — for the quartic and
 * harmonic potentials, whose point formulas potential_point.h shares; trajectories stopped at
 * their passage keep their state, as the passes keep it.  The engine
 * (langevin.c) otherwise makes one pass per piece through the potential's and integrator's
 * function pointers, each loading and storing the block's arrays again: ≈ 0.75 ns a
 * particle-step against ≈ 0.56 ns fused (docs/performance.md).  Every lane performs exactly
 * the IEEE operations of those passes, in the same order (no contraction into FMA), so both
 * make the same numbers bit for bit (tests/test_langevin_fused.c runs both). */
#include <math.h>

#include "core/simd_clones.h"
#include "langevin/langevin_internal.h"
#include "potential/potential_point.h"

#define FUSED_INLINE static inline __attribute__((always_inline))

enum { INTEG_EULER, INTEG_HEUN, INTEG_OU };
typedef double (*point_fn)(const limen_control *u, double x);

/* The lanes [0, n) of one step: `changed` — the control becomes *lam before the move (its work
 * at fixed x; else F holds the force at x); the move with the noise xi; the energy after it
 * (and the force, when need_force) at *lam, and the heat.  Uc holds U(x, λ) before and after.
 * With `stop`, a lane whose b->active is 0 keeps x, U, W and Q (and gets the force at its x when
 * need_force), as the passes leave a stopped trajectory.  Written once, instantiated for each
 * potential, integrator and set of flags. */
FUSED_INLINE void step_lanes(const limen_fused_lanes *b, const limen_control *lam, const double *xi,
                             int changed, int need_force, int stop, point_fn Uf, point_fn Ff, int integ) {
  const limen_control c = *lam;
  const double dt = b->dt, s = sqrt(2.0 * dt);
  double m = 0.0, e = 0.0, sd = 0.0;
  if (integ == INTEG_OU) { /* as ou_step (integrators.c) */
    const double k = c.stiffness;
    m = c.center + c.tilt / k;
    e = exp(-k * dt);
    sd = sqrt(-expm1(-2.0 * k * dt) / k);
  }
  double *restrict x = b->x, *restrict F = b->F, *restrict Uc = b->Uc, *restrict W = b->W,
                   *restrict Q = b->Q;
  const int *active = b->active;
  for (size_t i = 0; i < b->n; i++) {
    if (stop && !active[i]) {
      if (need_force) F[i] = Ff(&c, x[i]);
      continue;
    }
    double xv = x[i], u = Uc[i], f = 0.0;
    if (changed) { /* W += U(x, λ') − U(x, λ) */
      const double un = Uf(&c, xv);
      if (integ != INTEG_OU) f = Ff(&c, xv);
      W[i] += un - u;
      u = un;
    } else if (integ != INTEG_OU) {
      f = F[i];
    }
    if (integ == INTEG_EULER) {
      xv += f * dt + s * xi[i];
    } else if (integ == INTEG_HEUN) { /* predictor, then the mean of the forces at both ends */
      const double fp = Ff(&c, xv + f * dt + s * xi[i]);
      xv += 0.5 * (f + fp) * dt + s * xi[i];
    } else {
      xv = m + (xv - m) * e + sd * xi[i];
    }
    const double un = Uf(&c, xv); /* Q += U(x, λ) − U(x', λ) */
    if (need_force) F[i] = Ff(&c, xv);
    Q[i] += u - un;
    Uc[i] = un;
    x[i] = xv;
  }
}

/* The flags of one potential and integrator, each set a loop without tests (but the stopped
 * lanes' with stop). */
#define FUSED_FLAGS(stop, Uf, Ff, integ)                                                              \
  do {                                                                                                \
    if (changed && need_force) step_lanes(b, lam, xi, 1, 1, stop, Uf, Ff, integ);                     \
    else if (changed) step_lanes(b, lam, xi, 1, 0, stop, Uf, Ff, integ);                              \
    else if (need_force) step_lanes(b, lam, xi, 0, 1, stop, Uf, Ff, integ);                           \
    else step_lanes(b, lam, xi, 0, 0, stop, Uf, Ff, integ);                                           \
  } while (0)
#define FUSED_STEP(name, Uf, Ff, integ)                                                               \
  LIMEN_SIMD_CLONES                                                                                   \
  static void name(const limen_fused_lanes *b, const limen_control *lam, const double *xi, int changed, \
                   int need_force) {                                                                  \
    if (b->active) FUSED_FLAGS(1, Uf, Ff, integ);                                                     \
    else FUSED_FLAGS(0, Uf, Ff, integ);                                                               \
  }
FUSED_STEP(quartic_euler, limen_quartic_U, limen_quartic_F, INTEG_EULER)
FUSED_STEP(quartic_heun, limen_quartic_U, limen_quartic_F, INTEG_HEUN)
FUSED_STEP(harmonic_euler, limen_harmonic_U, limen_harmonic_F, INTEG_EULER)
FUSED_STEP(harmonic_heun, limen_harmonic_U, limen_harmonic_F, INTEG_HEUN)
FUSED_STEP(harmonic_ou, limen_harmonic_U, limen_harmonic_F, INTEG_OU)
#undef FUSED_STEP
#undef FUSED_FLAGS

limen_fused_step_fn limen_langevin_fused_find(const limen_potential_type *pt, const limen_integrator_type *it) {
  const int euler = it == limen_integrator_euler, heun = it == limen_integrator_heun;
  if (pt == limen_potential_quartic) return euler ? quartic_euler : heun ? quartic_heun : NULL;
  if (pt == limen_potential_harmonic)
    return euler ? harmonic_euler : heun ? harmonic_heun : it == limen_integrator_ou ? harmonic_ou : NULL;
  return NULL;
}
