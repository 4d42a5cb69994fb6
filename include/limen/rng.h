/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng.h: per-trajectory random streams of the Langevin engine.
 *
 * Generator: xoshiro256** (Blackman & Vigna, ACM TOMS 47, 36 (2021)), one independent
 * stream per trajectory: the 256-bit state of stream (seed, index) is filled by SplitMix64
 * started at seed ^ (index · 0x9E3779B97F4A7C15) after one extra SplitMix64 scrambling of
 * the index, so that every trajectory's numbers depend only on (seed, index) — results are
 * bit-identical for any number of threads.
 *
 * Gaussian numbers: limen_rng_gaussian(), an exact 1024-layer ziggurat (Marsaglia & Tsang
 * 2000, in Doornik's 2005 form; src/rng/rng_gaussian.c), one 64-bit output per number in
 * 99.6 % of the draws.  The engine draws them a block of streams at a time
 * (limen_rng_block_gaussian: one number per stream; limen_rng_block_gaussian_steps: several
 * such steps in one call, which is faster; the streams stored side by side so that the quick
 * path runs as vector code: AVX-512, AVX2 or the x86-64 baseline, chosen at run time,
 * src/rng/rng_block_kernel.c); lane i of a block makes exactly the numbers
 * limen_rng_gaussian() makes on stream (seed, first + i), on every route and however the
 * draws are split into calls.
 *
 * Inside the library, GSL's distributions (Poisson, …) draw from a stream through a gsl_rng
 * view of it (src/rng/rng_gsl.h; no GSL type appears in this header). */
#ifndef LIMEN_RNG_H
#define LIMEN_RNG_H

#include <stdint.h>
#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct limen_rng {
  uint64_t s[4];
} limen_rng;

/* Seed stream `index` of master seed `seed`. */
LIMEN_API void limen_rng_seed(limen_rng *r, uint64_t seed, uint64_t index);
/* Next 64-bit output of xoshiro256**. */
LIMEN_API uint64_t limen_rng_u64(limen_rng *r);
/* Uniform in [0, 1) with 53 random bits. */
LIMEN_API double limen_rng_uniform(limen_rng *r);
/* Uniform in (0, 1). */
LIMEN_API double limen_rng_uniform_pos(limen_rng *r);

/* One standard normal number from the stream. */
LIMEN_API double limen_rng_gaussian(limen_rng *r);

/* LIMEN_RNG_BLOCK streams side by side (structure of arrays: s[k][lane] is word k of the
 * state of that lane).  Any alignment works; a block (and the numbers' rows) aligned to 64
 * bytes is drawn faster, since the vector routes' loads and stores of 8 lanes then never
 * straddle a cache line (the engine declares its blocks _Alignas(64)). */
#define LIMEN_RNG_BLOCK 64
typedef struct limen_rng_block {
  uint64_t s[4][LIMEN_RNG_BLOCK];
} limen_rng_block;

/* Lane i ← stream (seed, first + i), for every lane. */
LIMEN_API void limen_rng_block_seed(limen_rng_block *b, uint64_t seed, uint64_t first);
/* Copy lane i out to a scalar stream, or back in (to draw other numbers from it). */
LIMEN_API void limen_rng_block_get(const limen_rng_block *b, size_t i, limen_rng *r);
LIMEN_API void limen_rng_block_put(limen_rng_block *b, size_t i, const limen_rng *r);
/* out[i] ← one standard normal number from lane i, for the lanes i < n ≤ LIMEN_RNG_BLOCK (the
 * other lanes do not move). */
LIMEN_API void limen_rng_block_gaussian(limen_rng_block *b, size_t n, double *out);
/* `steps` such draws in one call: out[t·LIMEN_RNG_BLOCK + i] ← the number of lane i at step t,
 * for t < steps and i < n ≤ LIMEN_RNG_BLOCK (rows of LIMEN_RNG_BLOCK doubles whatever n; the
 * other entries are not written).  The same numbers, and the same state after it, as `steps`
 * calls of limen_rng_block_gaussian; faster, since the rare draws that need the slow path are
 * finished while the next step's quick draws run (src/rng/rng_block_kernel.c). */
LIMEN_API void limen_rng_block_gaussian_steps(limen_rng_block *b, size_t n, size_t steps, double *out);
/* The compiled route limen_rng_block_gaussian runs: "avx512", "avx2" or "baseline" — the best
 * the CPU has, or the one the environment variable LIMEN_RNG_ISA names when the CPU has it.
 * Every route makes the same numbers; only the speed differs. */
LIMEN_API const char *limen_rng_gaussian_route(void);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_RNG_H */
