/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_internal.h: the ziggurat table of rng_gaussian.c, its slow path, and the block draw's
 * routes per instruction set (rng_block_kernel.c, rng_dispatch.c).  Not public; the tests
 * recompute the table and run every route. */
#ifndef LIMEN_SIM_RNG_INTERNAL_H
#define LIMEN_SIM_RNG_INTERNAL_H

#include "limen/rng.h"

/* Layers of the Gaussian ziggurat, and the layer boundaries X₀ … X₁₀₂₄ (X₁ = r, X₁₀₂₄ = 0;
 * rng_zig_table.c).  The layer index is the low 10 bits of an output, the uniform its top 52. */
#define LIMEN_ZIG_LAYERS 1024
extern const double limen_zig_x[LIMEN_ZIG_LAYERS + 1];

/* f(Xᵢ) = exp(−Xᵢ²/2) of the same boundaries. */
extern const double limen_zig_f[LIMEN_ZIG_LAYERS + 1];
/* The wedge test of layer i ≥ 1 at x (Xᵢ₊₁ < |x| ≤ Xᵢ) with the uniform u: is the height
 * f(Xᵢ) + u·(f(Xᵢ₊₁) − f(Xᵢ)) below f(x)?  Decided by a squeeze where it is clear, and
 * otherwise by exp(), with the same answer as the plain comparison with exp() always. */
int limen_zig_wedge_accept(unsigned i, double x, double u);

/* The squeeze of limen_zig_wedge_accept alone: 1 (accept) or 0 (reject) where it decides,
 * −1 where only exp() can.  On [Xᵢ₊₁, Xᵢ] f lies between its chord and its tangents at the
 * ends (chord above and tangents below where f is convex, |x| ≥ 1; the reverse where it is
 * concave, |x| ≤ 1).  A height below the lower bound or above the upper one by more than
 * 10⁻⁹·f(Xᵢ) — a relative margin of ≥ 4·10⁻¹⁰, against rounding errors of ~10⁻¹⁴ in either
 * computation — is decided exactly as the exp() test decides it; the rest (and layer 819,
 * which holds the inflection point x = 1) is left undecided.  Written without branches
 * (comparisons and selects only), so that the block routes can run it on every lane that
 * reaches a wedge without a mispredicted jump. */
static inline int limen_zig_squeeze(unsigned i, double x, double u) {
  const double a = x < 0.0 ? -x : x, x0 = limen_zig_x[i], x1 = limen_zig_x[i + 1];
  const double g0 = limen_zig_f[i], g1 = limen_zig_f[i + 1];
  const double y = g0 + u * (g1 - g0), m = 1e-9 * g0;
  const double chord = g1 + (g0 - g1) * (a - x1) / (x0 - x1);
  const double t0 = g0 * (1.0 - x0 * (a - x0)), t1 = g1 * (1.0 - x1 * (a - x1));
  const int convex = x1 >= 1.0, concave = x0 <= 1.0;
  const double tmax = t0 > t1 ? t0 : t1, tmin = t0 < t1 ? t0 : t1;
  const double lo = convex ? tmax : chord, hi = convex ? chord : tmin;
  const int acc = y < lo - m, rej = y > hi + m;
  return ((convex | concave) & (acc | rej)) ? acc : -1;
}

/* u in [−1, 1) from the top 52 bits of a 64-bit output w (the draw's uniform). */
static inline double limen_zig_uniform(uint64_t w) {
  union {
    uint64_t u;
    double d;
  } c;
  c.u = (w >> 12) | 0x3FF0000000000000ULL; /* [1, 2) */
  return 2.0 * c.d - 3.0;
}

/* The rest of a draw whose 64-bit output w failed the quick test: tail, wedge, or a new try
 * from the stream's next outputs.  Every route calls it, so all make the same numbers. */
double limen_zig_slow(limen_rng *r, uint64_t w);
/* The same when the stream's next output `next` (the wedge's or the tail's first uniform) has
 * already been taken from r: limen_zig_slow(r, w) is limen_zig_slow_after(r, w, next output). */
double limen_zig_slow_after(limen_rng *r, uint64_t w, uint64_t next);

/* One compiled route of limen_rng_block_gaussian_steps (rng.h); all give the same numbers. */
typedef void (*limen_rng_block_fn)(limen_rng_block *b, size_t n, size_t steps, double *out);
enum { LIMEN_RNG_ISA_BASELINE = 0, LIMEN_RNG_ISA_AVX2 = 1, LIMEN_RNG_ISA_AVX512 = 2,
       LIMEN_RNG_ISA_COUNT = 3 };
/* The route of instruction set `isa` when this build has it and the CPU runs it, else NULL;
 * its name ("baseline", "avx2", "avx512") in *name when name is not NULL. */
limen_rng_block_fn limen_rng_block_route(int isa, const char **name);

void limen_rng_block_gaussian_base(limen_rng_block *b, size_t n, size_t steps, double *out);
#if defined(__x86_64__) && defined(__GNUC__)
#define LIMEN_RNG_HAVE_X86_ROUTES 1
void limen_rng_block_gaussian_avx2(limen_rng_block *b, size_t n, size_t steps, double *out);
void limen_rng_block_gaussian_avx512(limen_rng_block *b, size_t n, size_t steps, double *out);
#endif

#endif
