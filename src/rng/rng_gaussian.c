/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_gaussian.c: standard normal numbers for the Langevin engine (rng.h): a 1024-layer
 * ziggurat (Marsaglia & Tsang, J. Stat. Softw. 5(8), 2000) in Doornik's form (Doornik,
 * "An improved ziggurat method to generate normal random samples", 2005), whose layer
 * index and uniform come from disjoint bits of one 64-bit output.  The scalar draw and its
 * slow path live here, the table in rng_zig_table.c; the draw over a block of streams
 * (structure-of-arrays layout), compiled once per instruction set, is rng_block_kernel.c.
 * All make the same numbers.  (limen 0.1 used 256 layers; 1024 send 0.43 % of the draws to
 * the slow path instead of 1.49 %, which made the engine ≈ 14 % faster: docs/performance.md.)
 *
 * Layers.  With f(x) = exp(−x²/2) and v = r·f(r) + ∫_r^∞ f, layer 0 is the box
 * [0, X₀] × [0, f(r)] with X₀ = v/f(r) (area v, the part beyond r standing for the tail),
 * X₁ = r, and layer i ≥ 1 is [0, Xᵢ] × [f(Xᵢ), f(Xᵢ₊₁)] with Xᵢ₊₁ = f⁻¹(v/Xᵢ + f(Xᵢ)), so that
 * every layer has area v; X₁₀₂₄ = 0.  r = 4.0388498461095041 closes the ladder (the top box
 * has area v to 3e-15); it is the root found by GSL's Brent solver, and
 * tests/test_rng.c recomputes r and the table (rng_zig_table.c) from this definition.
 *
 * Draw.  From a 64-bit output: layer i = low 10 bits, u = top 52 bits as a uniform number in
 * [−1, 1), x = u·Xᵢ.  |x| < Xᵢ₊₁ lies under f for sure: return x (probability 0.9957, and
 * the only test the block version makes in its vector loop).  Otherwise layer 0 draws from
 * the tail beyond r (Marsaglia 1964) and the other layers test the wedge with a fresh uniform
 * (a chord-and-tangent squeeze first, exp() only where it cannot decide: the same decisions);
 * a rejection starts over with the stream's next output. */
#include <math.h>
#include <string.h>

#include "rng/rng_internal.h"

#define ZIG_LAYERS LIMEN_ZIG_LAYERS
#define zig_x limen_zig_x

/* The wedge test as the floating-point comparison that defines the stream: the height
 * f(Xᵢ) + u·(f(Xᵢ₊₁) − f(Xᵢ)) against f(x), both relative to f(x). */
static int wedge_exact(unsigned i, double x, double u) {
  const double x2 = x * x;
  const double f0 = exp(-0.5 * (zig_x[i] * zig_x[i] - x2));
  const double f1 = exp(-0.5 * (zig_x[i + 1] * zig_x[i + 1] - x2));
  return f0 + u * (f1 - f0) < 1.0;
}

/* The squeeze (limen_zig_squeeze, rng_internal.h) first, exp() where it cannot decide. */
int limen_zig_wedge_accept(unsigned i, double x, double u) {
  const int d = limen_zig_squeeze(i, x, u);
  return d >= 0 ? d : wedge_exact(i, x, u);
}

/* The rest of a draw whose output w failed the quick test, when the stream's next output
 * `next` has already been taken from r: the tail's first uniform or the wedge's uniform, as
 * limen_zig_slow would take it; a rejected wedge point starts a new draw from r. */
double limen_zig_slow_after(limen_rng *r, uint64_t w, uint64_t next) {
  const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
  const double u = limen_zig_uniform(w), x = u * zig_x[i];
  if (i == 0) { /* tail beyond r: Marsaglia (1964) */
    const double rr = zig_x[1];
    double t = -log(((double)(next >> 12) + 0.5) * 0x1.0p-52) / rr; /* limen_rng_uniform_pos */
    double y = -log(limen_rng_uniform_pos(r));
    while (y + y < t * t) {
      t = -log(limen_rng_uniform_pos(r)) / rr;
      y = -log(limen_rng_uniform_pos(r));
    }
    return u < 0.0 ? -(rr + t) : rr + t;
  }
  /* wedge: a height uniform in [f(Xᵢ), f(Xᵢ₊₁)] under f(x)? (limen_rng_uniform of next) */
  if (limen_zig_wedge_accept(i, x, (double)(next >> 11) * 0x1.0p-53)) return x;
  return limen_rng_gaussian(r);
}

/* Everything after a failed quick test of output w (rare). */
double limen_zig_slow(limen_rng *r, uint64_t w) {
  const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
  const double x = limen_zig_uniform(w) * zig_x[i];
  if (fabs(x) < zig_x[i + 1]) return x;
  return limen_zig_slow_after(r, w, limen_rng_u64(r));
}

double limen_rng_gaussian(limen_rng *r) {
  const uint64_t w = limen_rng_u64(r);
  const unsigned i = (unsigned)(w & (ZIG_LAYERS - 1));
  const double x = limen_zig_uniform(w) * zig_x[i];
  if (fabs(x) < zig_x[i + 1]) return x;
  return limen_zig_slow(r, w);
}

void limen_rng_block_seed(limen_rng_block *b, uint64_t seed, uint64_t first) {
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
    limen_rng r;
    limen_rng_seed(&r, seed, first + i);
    limen_rng_block_put(b, i, &r);
  }
}

void limen_rng_block_get(const limen_rng_block *b, size_t i, limen_rng *r) {
  for (int k = 0; k < 4; k++) r->s[k] = b->s[k][i];
}

void limen_rng_block_put(limen_rng_block *b, size_t i, const limen_rng *r) {
  for (int k = 0; k < 4; k++) b->s[k][i] = r->s[k];
}
