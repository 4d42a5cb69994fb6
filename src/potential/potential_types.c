/* SPDX-License-Identifier: GPL-3.0-or-later
 * potential_types.c: the quartic double well, the confined washboard and the harmonic trap
 * (theory §2), in the units of potential.h. */
#include <math.h>
#include <string.h>

#include "core/simd_clones.h"
#include "limen/potential.h"
#include "limen/units.h"
#include "potential/potential_point.h"

static int no_state(const limen_potential_params *params, void **state, limen_error *err) {
  (void)params;
  (void)err;
  *state = NULL;
  return LIMEN_OK;
}

/* ---- quartic: U = E_b (x² − 1)² − f x ------------------------------------------------ */
static int quartic_check(const limen_potential *p, const limen_control *u, limen_error *err) {
  (void)p;
  return limen_check_range(err, "quartic", "barrier", u->barrier, 0.0, 1, 1e6, 0);
}

/* U (and F, when F is not NULL) at n points from a potential's point formulas
 * (potential_point.h), inlined into each caller with its formulas. */
static inline __attribute__((always_inline)) void eval_points(const limen_control *u, size_t n, const double *x,
                                                              double *U, double *F,
                                                              double (*Uf)(const limen_control *, double),
                                                              double (*Ff)(const limen_control *, double)) {
  const limen_control c = *u;
  if (F) {
    for (size_t i = 0; i < n; i++) {
      U[i] = Uf(&c, x[i]);
      F[i] = Ff(&c, x[i]);
    }
  } else {
    for (size_t i = 0; i < n; i++) U[i] = Uf(&c, x[i]);
  }
}

LIMEN_SIMD_CLONES
static void quartic_eval(const limen_potential *p, const limen_control *u, size_t n,
                         const double *x, double *U, double *F) {
  (void)p;
  eval_points(u, n, x, U, F, limen_quartic_U, limen_quartic_F);
}

static void quartic_dU(const limen_potential *p, const limen_control *u, double x,
                       double g[LIMEN_CONTROL_DIM]) {
  (void)p;
  (void)u;
  double y = x * x - 1.0;
  g[0] = y * y;
  g[1] = -x;
  g[2] = g[3] = g[4] = 0.0;
}

static void unbounded(const limen_potential *p, double *lo, double *hi) {
  (void)p;
  *lo = -HUGE_VAL;
  *hi = HUGE_VAL;
}

static const limen_potential_type quartic_type = {
    "quartic", 0, no_state, NULL, quartic_check, quartic_eval, quartic_dU, unbounded};
const limen_potential_type *const limen_potential_quartic = &quartic_type;

/* ---- washboard: U = (E_b/2)(1 − cos 2πx) − f x on [−½, M − ½] ------------------------ */
static int washboard_init(const limen_potential_params *params, void **state, limen_error *err) {
  *state = NULL;
  return limen_check_range(err, "washboard", "levels", params->levels, 2, 0, 1 << 24, 0);
}

static int washboard_check(const limen_potential *p, const limen_control *u, limen_error *err) {
  (void)p;
  return limen_check_range(err, "washboard", "barrier", u->barrier, 0.0, 0, 1e6, 0);
}

static void washboard_eval(const limen_potential *p, const limen_control *u, size_t n,
                           const double *x, double *U, double *F) {
  (void)p;
  const double E = u->barrier, f = u->tilt, w = 2.0 * LIMEN_PI;
  for (size_t i = 0; i < n; i++) {
    double s = sin(w * x[i]), c = cos(w * x[i]);
    U[i] = 0.5 * E * (1.0 - c) - f * x[i];
    if (F) F[i] = f - E * LIMEN_PI * s;
  }
}

static void washboard_dU(const limen_potential *p, const limen_control *u, double x,
                         double g[LIMEN_CONTROL_DIM]) {
  (void)p;
  (void)u;
  g[0] = 0.5 * (1.0 - cos(2.0 * LIMEN_PI * x));
  g[1] = -x;
  g[2] = g[3] = g[4] = 0.0;
}

static void washboard_domain(const limen_potential *p, double *lo, double *hi) {
  *lo = -0.5;
  *hi = p->params.levels - 0.5;
}

static const limen_potential_type washboard_type = {
    "washboard",    0,           washboard_init, NULL, washboard_check, washboard_eval,
    washboard_dU, washboard_domain};
const limen_potential_type *const limen_potential_washboard = &washboard_type;

/* ---- harmonic: U = (k/2)(x − c)² − f x ------------------------------------------------ */
static int harmonic_check(const limen_potential *p, const limen_control *u, limen_error *err) {
  (void)p;
  return limen_check_range(err, "harmonic", "stiffness", u->stiffness, 0.0, 1, 1e12, 0);
}

LIMEN_SIMD_CLONES
static void harmonic_eval(const limen_potential *p, const limen_control *u, size_t n,
                          const double *x, double *U, double *F) {
  (void)p;
  eval_points(u, n, x, U, F, limen_harmonic_U, limen_harmonic_F);
}

static void harmonic_dU(const limen_potential *p, const limen_control *u, double x,
                        double g[LIMEN_CONTROL_DIM]) {
  (void)p;
  double d = x - u->center;
  g[0] = 0.0;
  g[1] = -x;
  g[2] = -u->stiffness * d;
  g[3] = 0.5 * d * d;
  g[4] = 0.0;
}

static const limen_potential_type harmonic_type = {
    "harmonic", 1, no_state, NULL, harmonic_check, harmonic_eval, harmonic_dU, unbounded};
const limen_potential_type *const limen_potential_harmonic = &harmonic_type;
