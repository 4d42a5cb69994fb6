/* SPDX-License-Identifier: GPL-3.0-or-later
 * numeric/numeric.h: the numerical layer under the cell and the bounds (not installed).
 * Root finding wraps GSL's Brent solver; quadrature wraps GSL's QAG; both turn every GSL
 * failure into LIMEN_ENUMERIC with a readable message.  The accuracy knobs come from one
 * struct, limen_precision (limen/common.h). */
#ifndef LIMEN_NUMERIC_H
#define LIMEN_NUMERIC_H

#include <stddef.h>

#include "limen/common.h"

/* Largest barrier (kT) the cell functions accept; also the range of
 * precision.kramers_min_barrier_kT. */
#define LIMEN_CELL_MAX_BARRIER_KT 1e4

/* The precision in use: *prec, or the defaults when prec is NULL. */
limen_precision limen_numeric_prec(const limen_precision *prec);

/* Brent's method on fn over [lo, hi] (fn(lo), fn(hi) of opposite signs or zero).
 * The interval stops when gsl_root_test_interval(lo, hi, 1e-15, prec.root_epsrel) holds.
 * `failed`, when not NULL, is polled after every evaluation: a non-zero value aborts the
 * search with LIMEN_ENUMERIC (the callee has then recorded its own error in err). */
int limen_numeric_brent(double (*fn)(double, void *), void *params, double lo, double hi,
                     const limen_precision *prec, const int *failed, double *root,
                     const char *func, const char *what, limen_error *err);

/* Adaptive quadrature of fn over [a, b] with optional interior breakpoints (sorted,
 * strictly inside (a, b)): GSL QAG (21-point rule) on each piece between breakpoints, to
 * max(epsabs, epsrel·|piece|) (the callers scale these from prec.quad_epsabs/quad_epsrel);
 * the workspace size (prec.quad_limit) and the round-off acceptance (prec.quad_round_slack)
 * come from prec (NULL: the defaults). */
int limen_numeric_quad(double (*fn)(double, void *), void *params, double a, double b,
                    const double *pts, size_t npts, double epsabs, double epsrel,
                    const limen_precision *prec, double *result, const char *func,
                    const char *what, limen_error *err);

/* Validates the accuracy knobs (NULL is valid: the defaults). */
int limen_numeric_check_prec(const limen_precision *prec, const char *func, limen_error *err);

#endif
