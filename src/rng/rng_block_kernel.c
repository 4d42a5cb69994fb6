/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_block_kernel.c: limen_rng_block_gaussian's work (rng.h) — one standard normal number from
 * each of up to 64 xoshiro256** streams stored side by side — compiled once per instruction set
 * (RNG_ISA: base here; avx2 and avx512 in rng_block_avx2.c and rng_block_avx512.c, built with
 * those -m flags) and chosen at run time by rng_dispatch.c.
 *
 * Quick path, per lane: one xoshiro256** step gives the output w; layer i = low 8 bits of w,
 * u = the top 52 bits as a uniform in [−1, 1), x = u·Xᵢ, accepted when |x| < Xᵢ₊₁ (98.5 %).
 * The AVX-512 route does this for 8 lanes at once and the AVX2 route for 4, each lane's table
 * entries Xᵢ, Xᵢ₊₁ fetched by one 16-byte load (not a gather: see layers8) and the acceptances
 * collected as a bit mask; the baseline (x86-64 SSE2) runs the same operations as plain loops
 * for its auto-vectorizer.  The lanes that fail the quick test then finish on their own stream
 * with limen_zig_slow, one at a time.
 *
 * Every route does exactly the scalar draw's IEEE operations (a multiply by 2, a subtraction,
 * a multiply, a compare; no contraction into FMA, -ffp-contract=off for the whole library), so
 * lane i makes exactly the numbers limen_rng_gaussian makes on that stream, on every route
 * (tests/test_rng.c checks each route against the scalar draw). */
#include <math.h>
#include <stdint.h>

#include "rng/rng_internal.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

#ifndef RNG_ISA
#define RNG_ISA base
#endif
#define RNG_CAT2(a, b) a##_##b
#define RNG_CAT(a, b) RNG_CAT2(a, b)
#define block_gaussian RNG_CAT(limen_rng_block_gaussian, RNG_ISA)

#define RNG_INLINE static inline __attribute__((always_inline))
#define ZIG_MASK ((uint64_t)(LIMEN_ZIG_LAYERS - 1))

RNG_INLINE uint64_t rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/* Lanes [k0, n) as plain loops: the state step (vectorized by the compiler where it can), then
 * the quick test.  Returns the bits of the lanes that failed it. */
static uint64_t lanes_plain(limen_rng_block *restrict b, size_t k0, size_t n, double *restrict out,
                            uint64_t *restrict w) {
  uint64_t *restrict s0 = b->s[0], *restrict s1 = b->s[1], *restrict s2 = b->s[2],
                     *restrict s3 = b->s[3];
  unsigned char slow[LIMEN_RNG_BLOCK];
  for (size_t k = k0; k < n; k++) {
    const uint64_t a1 = s1[k], t = a1 << 17;
    w[k] = rotl64(a1 * 5, 7) * 9;
    const uint64_t a2 = s2[k] ^ s0[k], a3 = s3[k] ^ a1;
    s1[k] = a1 ^ a2;
    s0[k] ^= a3;
    s2[k] = a2 ^ t;
    s3[k] = rotl64(a3, 45);
  }
  for (size_t k = k0; k < n; k++) {
    const size_t i = (size_t)(w[k] & ZIG_MASK);
    const double x = limen_zig_uniform(w[k]) * limen_zig_x[i];
    out[k] = x;
    slow[k] = !(fabs(x) < limen_zig_x[i + 1]);
  }
  uint64_t mask = 0;
  for (size_t k = k0; k < n; k++) mask |= (uint64_t)slow[k] << k;
  return mask;
}

#if defined(__AVX512F__)
/* xoshiro256** on lanes k … k + 7: advances them and returns their outputs. */
RNG_INLINE __m512i step8(limen_rng_block *b, size_t k) {
  const __m512i s0 = _mm512_loadu_si512(b->s[0] + k), a1 = _mm512_loadu_si512(b->s[1] + k);
  const __m512i a2 = _mm512_xor_si512(_mm512_loadu_si512(b->s[2] + k), s0);
  const __m512i a3 = _mm512_xor_si512(_mm512_loadu_si512(b->s[3] + k), a1);
  const __m512i m5 = _mm512_add_epi64(_mm512_slli_epi64(a1, 2), a1); /* a1·5 */
  const __m512i r = _mm512_rol_epi64(m5, 7);
  _mm512_storeu_si512(b->s[1] + k, _mm512_xor_si512(a1, a2));
  _mm512_storeu_si512(b->s[0] + k, _mm512_xor_si512(s0, a3));
  _mm512_storeu_si512(b->s[2] + k, _mm512_xor_si512(a2, _mm512_slli_epi64(a1, 17)));
  _mm512_storeu_si512(b->s[3] + k, _mm512_rol_epi64(a3, 45));
  return _mm512_add_epi64(_mm512_slli_epi64(r, 3), r); /* ·9 */
}

/* Xᵢ and Xᵢ₊₁ of the layers of the 8 outputs ww (layer = low byte; the 8 bytes are narrowed
 * into one general register): each pair is one 16-byte load of the adjacent table entries, the
 * pairs of even and odd lanes go into two vectors, and one unpack of each half separates Xᵢ from
 * Xᵢ₊₁.  On the machine measured this is ≈ 0.6 ns a number faster than two gather instructions,
 * which cost there 0.7–1 ns a lane each (docs/performance.md). */
RNG_INLINE void layers8(__m512i ww, __m512d *xi, __m512d *xn) {
  const double *x = limen_zig_x;
  uint64_t l = (uint64_t)_mm_cvtsi128_si64(_mm512_cvtepi64_epi8(ww)); /* the 8 low bytes */
  __m512d ev = _mm512_castpd128_pd512(_mm_loadu_pd(x + (l & 255)));
  __m512d od = _mm512_castpd128_pd512(_mm_loadu_pd(x + (l >> 8 & 255)));
  ev = _mm512_insertf64x2(ev, _mm_loadu_pd(x + (l >> 16 & 255)), 1);
  od = _mm512_insertf64x2(od, _mm_loadu_pd(x + (l >> 24 & 255)), 1);
  ev = _mm512_insertf64x2(ev, _mm_loadu_pd(x + (l >> 32 & 255)), 2);
  od = _mm512_insertf64x2(od, _mm_loadu_pd(x + (l >> 40 & 255)), 2);
  ev = _mm512_insertf64x2(ev, _mm_loadu_pd(x + (l >> 48 & 255)), 3);
  od = _mm512_insertf64x2(od, _mm_loadu_pd(x + (l >> 56)), 3);
  *xi = _mm512_unpacklo_pd(ev, od);
  *xn = _mm512_unpackhi_pd(ev, od);
}

/* The whole groups of 8 lanes below n; returns the first lane left over. */
static size_t lanes_vector(limen_rng_block *restrict b, size_t n, double *restrict out,
                           uint64_t *restrict w, uint64_t *slow) {
  const __m512i one = _mm512_set1_epi64(0x3FF0000000000000LL);
  const __m512d two = _mm512_set1_pd(2.0), three = _mm512_set1_pd(3.0);
  size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    const __m512i ww = step8(b, k);
    __m512d xi, xn;
    _mm512_storeu_si512(w + k, ww);
    layers8(ww, &xi, &xn);
    const __m512d d = _mm512_castsi512_pd(_mm512_or_si512(_mm512_srli_epi64(ww, 12), one));
    const __m512d x = _mm512_mul_pd(_mm512_sub_pd(_mm512_mul_pd(two, d), three), xi);
    _mm512_storeu_pd(out + k, x);
    const __mmask8 ok = _mm512_cmp_pd_mask(_mm512_abs_pd(x), xn, _CMP_LT_OQ);
    *slow |= (uint64_t)(uint8_t)~ok << k;
  }
  return k;
}
#elif defined(__AVX2__)
RNG_INLINE __m256i rotl4(__m256i x, int k) {
  return _mm256_or_si256(_mm256_slli_epi64(x, k), _mm256_srli_epi64(x, 64 - k));
}

/* xoshiro256** on lanes k … k + 3: advances them and returns their outputs. */
RNG_INLINE __m256i step4(limen_rng_block *b, size_t k) {
  const __m256i s0 = _mm256_loadu_si256((const __m256i *)(b->s[0] + k));
  const __m256i a1 = _mm256_loadu_si256((const __m256i *)(b->s[1] + k));
  const __m256i a2 = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(b->s[2] + k)), s0);
  const __m256i a3 = _mm256_xor_si256(_mm256_loadu_si256((const __m256i *)(b->s[3] + k)), a1);
  const __m256i r = rotl4(_mm256_add_epi64(_mm256_slli_epi64(a1, 2), a1), 7); /* rotl(a1·5) */
  _mm256_storeu_si256((__m256i *)(b->s[1] + k), _mm256_xor_si256(a1, a2));
  _mm256_storeu_si256((__m256i *)(b->s[0] + k), _mm256_xor_si256(s0, a3));
  _mm256_storeu_si256((__m256i *)(b->s[2] + k), _mm256_xor_si256(a2, _mm256_slli_epi64(a1, 17)));
  _mm256_storeu_si256((__m256i *)(b->s[3] + k), rotl4(a3, 45));
  return _mm256_add_epi64(_mm256_slli_epi64(r, 3), r); /* ·9 */
}

/* Xᵢ and Xᵢ₊₁ of the layers of lanes k … k + 3, as layers8 does for AVX-512. */
RNG_INLINE void layers4(const uint64_t *w, __m256d *xi, __m256d *xn) {
  const double *x = limen_zig_x;
  const __m256d ev = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(x + (w[0] & ZIG_MASK))),
                                          _mm_loadu_pd(x + (w[2] & ZIG_MASK)), 1);
  const __m256d od = _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(x + (w[1] & ZIG_MASK))),
                                          _mm_loadu_pd(x + (w[3] & ZIG_MASK)), 1);
  *xi = _mm256_unpacklo_pd(ev, od);
  *xn = _mm256_unpackhi_pd(ev, od);
}

/* The whole groups of 4 lanes below n; returns the first lane left over. */
static size_t lanes_vector(limen_rng_block *restrict b, size_t n, double *restrict out,
                           uint64_t *restrict w, uint64_t *slow) {
  const __m256i one = _mm256_set1_epi64x(0x3FF0000000000000LL);
  const __m256d two = _mm256_set1_pd(2.0), three = _mm256_set1_pd(3.0);
  const __m256d magnitude = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7FFFFFFFFFFFFFFFLL));
  size_t k = 0;
  for (; k + 4 <= n; k += 4) {
    const __m256i ww = step4(b, k);
    __m256d xi, xn;
    _mm256_storeu_si256((__m256i *)(w + k), ww);
    layers4(w + k, &xi, &xn);
    const __m256d d = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(ww, 12), one));
    const __m256d x = _mm256_mul_pd(_mm256_sub_pd(_mm256_mul_pd(two, d), three), xi);
    _mm256_storeu_pd(out + k, x);
    const int ok = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_and_pd(x, magnitude), xn, _CMP_LT_OQ));
    *slow |= (uint64_t)(~ok & 15) << k;
  }
  return k;
}
#endif

/* The lanes of `slow`, each finished on its own stream (tail, wedge or a new try). */
static void finish_slow(limen_rng_block *b, double *out, const uint64_t *w, uint64_t slow) {
  while (slow) {
    const size_t k = (size_t)__builtin_ctzll(slow);
    limen_rng r;
    limen_rng_block_get(b, k, &r);
    out[k] = limen_zig_slow(&r, w[k]);
    limen_rng_block_put(b, k, &r);
    slow &= slow - 1;
  }
}

void block_gaussian(limen_rng_block *b, size_t n, double *out) {
  uint64_t w[LIMEN_RNG_BLOCK], slow = 0;
  size_t k = 0;
  if (n > LIMEN_RNG_BLOCK) n = LIMEN_RNG_BLOCK;
#if defined(__AVX2__)
  k = lanes_vector(b, n, out, w, &slow);
#endif
  if (k < n) slow |= lanes_plain(b, k, n, out, w);
  if (slow) finish_slow(b, out, w, slow);
}
