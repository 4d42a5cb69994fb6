/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng.h: per-trajectory random streams of the Langevin engine.
 *
 * Generator: xoshiro256** (Blackman & Vigna, ACM TOMS 47, 36 (2021)), one independent
 * stream per trajectory: the 256-bit state of stream (seed, index) is filled by SplitMix64
 * started at seed ^ (index · 0x9E3779B97F4A7C15) after one extra SplitMix64 scrambling of
 * the index, so that every trajectory's numbers depend only on (seed, index) — results are
 * bit-identical for any number of threads.
 *
 * Gaussian numbers: GSL's ziggurat (gsl_ran_gaussian_ziggurat, Marsaglia & Tsang 2000),
 * fed by the stream wrapped as a gsl_rng of type limen_gsl_rng_xoshiro (32-bit outputs:
 * the high half of each 64-bit draw).  limen_rng_gsl() makes the gsl_rng view of a
 * stream without allocating. */
#ifndef LIMEN_RNG_H
#define LIMEN_RNG_H

#include <stdint.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct limen_rng {
  uint64_t s[4];
} limen_rng;

/* Seed stream `index` of master seed `seed`. */
void limen_rng_seed(limen_rng *r, uint64_t seed, uint64_t index);
/* Next 64-bit output of xoshiro256**. */
uint64_t limen_rng_u64(limen_rng *r);
/* Uniform in [0, 1) with 53 random bits. */
double limen_rng_uniform(limen_rng *r);
/* Uniform in (0, 1). */
double limen_rng_uniform_pos(limen_rng *r);

/* The gsl_rng type over a limen_rng state (its "set" seeds stream 0 of the seed). */
extern const gsl_rng_type *const limen_gsl_rng_xoshiro;
/* A gsl_rng view of *r (no allocation; valid while r lives). */
gsl_rng limen_rng_gsl(limen_rng *r);
/* n standard normal numbers from the stream (GSL ziggurat). */
void limen_rng_gaussian_fill(gsl_rng *g, size_t n, double *out);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_RNG_H */
