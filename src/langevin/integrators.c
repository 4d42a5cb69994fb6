/* SPDX-License-Identifier: GPL-3.0-or-later
 * integrators.c: one overdamped Langevin step at fixed control (langevin.h):
 * Euler–Maruyama, stochastic Heun, and the exact Ornstein–Uhlenbeck step, and the choice
 * among them that suits a potential type (limen_integrator_type_auto). */
#include <math.h>
#include <string.h>

#include "core/simd_clones.h"
#include "limen/langevin.h"

LIMEN_SIMD_CLONES
static void euler_step(const limen_potential *p, const limen_control *u, double dt, size_t n,
                       double *x, const double *F, const double *xi, double *scratch) {
  (void)p;
  (void)u;
  (void)scratch;
  const double s = sqrt(2.0 * dt);
  for (size_t i = 0; i < n; i++) x[i] += F[i] * dt + s * xi[i];
}

/* Stochastic Heun for additive noise: predictor by Euler–Maruyama, corrector with the mean
 * of the forces at both ends and the same noise increment. */
LIMEN_SIMD_CLONES
static void heun_step(const limen_potential *p, const limen_control *u, double dt, size_t n,
                      double *x, const double *F, const double *xi, double *scratch) {
  const double s = sqrt(2.0 * dt);
  double *xp = scratch, *Fp = scratch + n, *Up = scratch + 2 * n;
  for (size_t i = 0; i < n; i++) xp[i] = x[i] + F[i] * dt + s * xi[i];
  p->type->eval(p, u, n, xp, Up, Fp);
  for (size_t i = 0; i < n; i++) x[i] += 0.5 * (F[i] + Fp[i]) * dt + s * xi[i];
}

/* Exact OU step of U = (k/2)(x − c)² − f x: relaxation to m = c + f/k. */
LIMEN_SIMD_CLONES
static void ou_step(const limen_potential *p, const limen_control *u, double dt, size_t n,
                    double *x, const double *F, const double *xi, double *scratch) {
  (void)p;
  (void)F;
  (void)scratch;
  const double k = u->stiffness, m = u->center + u->tilt / k;
  const double e = exp(-k * dt), sd = sqrt(-expm1(-2.0 * k * dt) / k);
  for (size_t i = 0; i < n; i++) x[i] = m + (x[i] - m) * e + sd * xi[i];
}

static const limen_integrator_type euler_type = {"euler", 0, euler_step};
static const limen_integrator_type heun_type = {"heun", 0, heun_step};
static const limen_integrator_type ou_type = {"ou", 1, ou_step};
const limen_integrator_type *const limen_integrator_euler = &euler_type;
const limen_integrator_type *const limen_integrator_heun = &heun_type;
const limen_integrator_type *const limen_integrator_ou = &ou_type;

int limen_integrator_type_find(const char *name, const limen_integrator_type **type,
                             limen_error *err) {
  if (!name || !type) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const limen_integrator_type *all[] = {&euler_type, &heun_type, &ou_type};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    if (strcmp(all[i]->name, name) == 0) {
      *type = all[i];
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "unknown integrator '%s' (known: euler, heun, ou)", name);
}

const limen_integrator_type *limen_integrator_type_auto(const limen_potential_type *type) {
  return type && type->harmonic ? &ou_type : &heun_type;
}
