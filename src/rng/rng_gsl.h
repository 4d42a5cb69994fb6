/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng/rng_gsl.h: a gsl_rng view of a limen stream, for GSL's distributions (Poisson, …)
 * inside the library (not installed: the public API has no GSL types).  The view makes
 * 32-bit outputs, the high half of each 64-bit draw, and allocates nothing. */
#ifndef LIMEN_RNG_GSL_H
#define LIMEN_RNG_GSL_H

#include <gsl/gsl_rng.h>

#include "limen/rng.h"

/* The gsl_rng type over a limen_rng state (its "set" seeds stream 0 of the seed). */
extern const gsl_rng_type *const limen_gsl_rng_xoshiro;
/* A gsl_rng view of *r (valid while r lives). */
gsl_rng limen_rng_gsl(limen_rng *r);

#endif
