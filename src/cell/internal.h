/* SPDX-License-Identifier: GPL-3.0-or-later
 * cell/internal.h: the cell layer's checks, limits and exact-MFPT helpers that src/bounds
 * shares (not installed).  Root finding and quadrature live one layer down, numeric/numeric.h. */
#ifndef LIMEN_CELL_INTERNAL_H
#define LIMEN_CELL_INTERNAL_H

#include <stddef.h>

#include "limen/cell.h"
#include "limen/common.h"
#include "limen/units.h"
#include "numeric/numeric.h"

/* Largest |tilt| (kT per a) the cell functions accept. */
#define LIMEN_CELL_MAX_TILT_KT 1e8
/* Largest number of washboard levels. */
#define LIMEN_CELL_MAX_LEVELS 1048576

/* Validates a well (kind, barrier in (0, 1e4], finite |tilt| ≤ 1e8, washboard levels in
 * [2, 2^20]).  Standard messages naming the field. */
int limen_cell_check_well(const limen_well *w, const char *func, limen_error *err);

/* Real stationary points of the quartic U' = 4E(x³ − x) − f, ascending; returns the count
 * (1 or 3).  Closed form (gsl_poly_solve_cubic), used only to scale integrands; the
 * reported extrema come from limen_well_extrema_find (Brent). */
int limen_quartic_stationary(double barrier_kT, double tilt_kT, double x[3]);

/* Stationary points of a well inside [lo, hi] (ascending), written to x (capacity cap),
 * kinds in is_max (1 = local maximum).  Returns the count, or −1 when cap is too small. */
int limen_cell_stationary_in(const limen_well *w, double lo, double hi, double *x, int *is_max,
                             int cap);

/* ln of the exact MFPT (in τ₀) from x0 to b (see limen_mfpt); inputs already validated.
 * The one-pass cumulative quadrature (mfpt_fast.c) where it applies, else the nested one. */
int limen_cell_mfpt_log(const limen_well *w, double x0, double b, const limen_precision *prec,
                        double *log_t, limen_error *err);
/* The reference: nested adaptive quadrature (GSL QAG) of the double integral (mfpt.c). */
int limen_cell_mfpt_log_nested(const limen_well *w, double x0, double b,
                               const limen_precision *prec, double *log_t, limen_error *err);
/* One pass of cumulative spectral quadrature on Chebyshev panels, relative error bounded by
 * 0.12·quad_epsrel (mfpt_fast.c).  *done = 0 (and LIMEN_OK) when it declines: quad_epsrel below
 * 1.2e-13, U varying by more than 2e4 kT over [L, b], or more than 4000 panels. */
int limen_cell_mfpt_log_fast(const limen_well *w, double x0, double b, const limen_precision *prec,
                             double *log_t, int *done, limen_error *err);

/* Where the escape by MFPT starts and ends: the untilted minimum (quartic −1, washboard 0)
 * and the next minimum of the tilted well (quartic: right minimum; washboard: the tilted
 * minimum near level 1, or 1.25 once the tilt has erased the barrier). */
int limen_cell_escape_points(const limen_well *w, double *x0, double *b, limen_error *err);

#endif
