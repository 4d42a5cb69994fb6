/* SPDX-License-Identifier: GPL-3.0-or-later
 * cell.h: the physical memory cell of theory §2 — static potentials, Kramers rate, exact
 * mean first-passage time, retention barrier.
 *
 * Dimensionless units throughout this header:
 *   position x in units of a (quartic well: minima at ±a) or of the level spacing Δ (washboard);
 *   energy in kT;  time in τ₀ = γa²/kT (γΔ²/kT for the washboard);  rates in 1/τ₀.
 * Multiply by kT (limen_kT) and τ₀ (a device parameter, default 1 ns) to get SI values. */
#ifndef LIMEN_CELL_H
#define LIMEN_CELL_H

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  LIMEN_WELL_QUARTIC = 0,   /* U = E_b((x)² − 1)² − f·x                                         */
  LIMEN_WELL_WASHBOARD = 1  /* U = (E_b/2)(1 − cos 2πx) − f·x on [−½, M − ½], hard walls at ends */
} limen_well_kind;

typedef struct limen_well {
  limen_well_kind kind;
  double barrier_kT;  /* E_b/kT, > 0                                                   */
  double tilt_kT;     /* f = F·a/kT (quartic) or F·Δ/kT, i.e. tilt energy per level     */
  int levels;         /* washboard only: M ≥ 2 levels (x = 0 … M−1); ignored for quartic */
} limen_well;

/* Validate a well: kind, barrier_kT in (0, 1e4], |tilt_kT| ≤ 1e8, washboard levels in
 * [2, 2^20].  Every function below that takes a well calls it. */
LIMEN_API int limen_well_check(const limen_well *w, limen_error *err);

/* U(x)/kT, −U'(x)/kT·a, U''(x)/kT·a².  The well must pass limen_well_check.  Outside the
 * washboard's walls the energy is +inf (HUGE_VAL), force and curvature 0; NaN x gives
 * HUGE_VAL / 0 / 0 (never NaN). */
LIMEN_API double limen_well_energy(const limen_well *w, double x);
LIMEN_API double limen_well_force(const limen_well *w, double x);
LIMEN_API double limen_well_curvature(const limen_well *w, double x);

/* Stationary points that govern a forward (towards +x) escape.
 * Quartic: the left minimum, the barrier top and the right minimum of the tilted well
 * (found by root finding on U' = 0).  Washboard: the minimum near level 0 and the barrier
 * top towards level 1.  Fails with LIMEN_EINVAL when the tilt has erased the barrier
 * (|f| ≥ f_c = 8E_b/(3√3) for the quartic well) — there is then no metastable state. */
typedef struct limen_well_extrema {
  double x_min;        /* starting (metastable) minimum          */
  double x_barrier;    /* barrier top                             */
  double x_next;       /* the next minimum (quartic: right well)  */
  double barrier_kT;   /* U(x_barrier) − U(x_min)                 */
  double curv_min;     /* U''(x_min)                              */
  double curv_barrier; /* |U''(x_barrier)|                        */
} limen_well_extrema;
LIMEN_API int limen_well_extrema_find(const limen_well *w, const limen_precision *prec,
                            limen_well_extrema *out, limen_error *err);

/* Critical tilt of the quartic well at which the barrier vanishes: 8E_b/(3√3). */
LIMEN_API double limen_quartic_critical_tilt(double barrier_kT);
/* Critical tilt per level of the washboard at which its barriers vanish: π·E_b. */
LIMEN_API double limen_washboard_critical_tilt(double barrier_kT);
/* The critical tilt of w's kind at w's barrier (the two above); 0 for NULL.  A metastable
 * minimum (limen_well_extrema_find, limen_kramers_rate) exists only for |tilt_kT| below it. */
LIMEN_API double limen_well_critical_tilt(const limen_well *w);

/* Kramers escape rate (overdamped, barrier ≫ kT) out of the metastable minimum, per τ₀:
 *   r = √(U''(x_min)·|U''(x_b)|)/(2π) · e^{−ΔU}.
 * Untilted quartic well: r = 2√2·E_b/π · e^{−E_b}. */
LIMEN_API int limen_kramers_rate(const limen_well *w, const limen_precision *prec, double *rate,
                       limen_error *err);
/* ln r of the same (no underflow for any barrier). */
LIMEN_API int limen_kramers_log_rate(const limen_well *w, const limen_precision *prec, double *log_rate,
                           limen_error *err);

/* Exact mean first-passage time (in τ₀) from x0 to an absorbing point b > x0, reflecting at
 * −∞ (quartic) or at the left wall x = −½ (washboard):
 *   T = ∫_{x0}^{b} dy e^{U(y)} ∫_{−∞}^{y} dz e^{−U(z)}
 * in one pass of cumulative spectral quadrature on Chebyshev panels, within 0.12·quad_epsrel
 * relative (mfpt_fast.c); where U varies by more than 2e4 kT over the interval, or quad_epsrel
 * < 1.2e-13, by nested GSL adaptive quadrature (mfpt.c).  Nothing overflows for any barrier.
 * Washboard: x0, b in [−½, M − ½].  LIMEN_ERANGE when T overflows a double (use the log). */
LIMEN_API int limen_mfpt(const limen_well *w, double x0, double b, const limen_precision *prec,
               double *t_tau0, limen_error *err);
/* ln T of the same; finite for every accepted well. */
LIMEN_API int limen_mfpt_log(const limen_well *w, double x0, double b, const limen_precision *prec,
                   double *log_t_tau0, limen_error *err);

/* Escape rate used by the cost models: Kramers when the (tilted) barrier is at least
 * prec->kramers_min_barrier_kT, otherwise 1/MFPT from the untilted minimum (quartic x = −1,
 * washboard x = 0: the state held before the tilt is applied) to the next minimum of the
 * tilted well (quartic: its right minimum; washboard: the minimum near level 1, x = 1.25
 * once the barrier is gone).  This also covers tilts beyond the critical one.  *method
 * (may be NULL) is set to "kramers" or "mfpt".  The rate may underflow to 0 for barriers
 * beyond ~740 kT: use limen_escape_log_rate.  Forward escape needs a forward minimum:
 * tilt_kT > −f_c (quartic) or > −πE_b (washboard). */
LIMEN_API int limen_escape_rate(const limen_well *w, const limen_precision *prec, double *rate,
                      const char **method, limen_error *err);
LIMEN_API int limen_escape_log_rate(const limen_well *w, const limen_precision *prec, double *log_rate,
                          const char **method, limen_error *err);

/* Retention barrier: the barrier E_ret (kT) of an untilted quartic cell whose flip
 * probability over τ_ret is exactly p_ret, i.e. 1 − e^{−r(E)τ_ret} = p_ret, or
 *   r(E_ret)·τ_ret = −ln(1 − p_ret)   (= p_ret to first order)      (Brent root finding),
 * with r = limen_escape_rate (Kramers at barriers ≥ prec->kramers_min_barrier_kT, the exact
 * MFPT below).  tau_ret_over_tau0 = τ_ret/τ₀ in (0, 1e300], p_ret in (0, 1).  Defaults of
 * the project (10 years, τ₀ = 1 ns, p = 1e-6) give E_ret = 58.07 kT.  LIMEN_ERANGE when
 * the answer is outside [1, 1e4] kT. */
LIMEN_API int limen_retention_barrier(double tau_ret_over_tau0, double p_ret, const limen_precision *prec,
                            double *barrier_kT, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
