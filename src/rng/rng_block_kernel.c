/* SPDX-License-Identifier: GPL-3.0-or-later
 * rng_block_kernel.c: limen_rng_block_gaussian_steps' work (rng.h) — standard normal numbers
 * from up to 64 xoshiro256** streams stored side by side, one per stream and step, for one or
 * more steps — compiled once per instruction set (RNG_ISA: base here; avx2 and avx512 in
 * rng_block_avx2.c and rng_block_avx512.c, built with those -m flags) and chosen at run time
 * by rng_dispatch.c.
 *
 * Quick path, per lane: one xoshiro256** step gives the output w; layer i = low 10 bits of w,
 * u = the top 52 bits as a uniform in [−1, 1), x = u·Xᵢ, accepted when |x| < Xᵢ₊₁ (99.57 %).
 * The AVX-512 route does this for 8 lanes at once and the AVX2 route for 4, each lane's table
 * entries Xᵢ, Xᵢ₊₁ fetched by one 16-byte load (not a gather: see layers8) and the acceptances
 * collected as a bit mask; the baseline (x86-64 SSE2) runs the same operations as plain loops
 * for its auto-vectorizer.  One such pass over the lanes is a step.
 *
 * Slow path.  A lane that fails the quick test (0.43 % of draws) finishes on its own stream,
 * in scalar code without unpredictable jumps: the wedge's uniform and the next try are both
 * drawn, the squeeze (limen_zig_squeeze) decides, and selects keep the right number and state
 * (finish_now); the rare cases (the tail, a point the squeeze leaves to exp(), a next try that
 * fails too: 3 % of these lanes) take the exact general path.  With several steps per call the
 * failed lanes of step t − 1 are finished after step t's pass (finish_behind): their jumps then
 * depend on data computed long before, so they no longer stall the pipeline.  Step t's pass
 * has already taken such a lane's next output — the wedge's uniform, exactly what the scalar
 * draw takes next — and its step-t number is drawn again from there.  Each lane thus consumes
 * its stream in the scalar draw's order (limen_rng_gaussian), number by number.
 *
 * Every route does exactly the scalar draw's IEEE operations (no contraction into FMA,
 * -ffp-contract=off for the whole library; u = (w's mantissa in [2, 4)) − 3 equals the scalar
 * 2·d − 3 exactly), so lane i makes exactly the numbers limen_rng_gaussian makes on that
 * stream, on every route and for any split into calls (tests/test_rng.c). */
#include <math.h>
#include <stdint.h>
#include <string.h>

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
#define RNG_COLD static __attribute__((noinline, cold))
#define ZIG_MASK ((uint64_t)(LIMEN_ZIG_LAYERS - 1))
#define ROW LIMEN_RNG_BLOCK

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

/* Xᵢ and Xᵢ₊₁ of the layers of the 8 outputs ww (layer = low 10 bits; the 8 indices are
 * narrowed to 16 bits each, into two general registers): each pair is one 16-byte load of the
 * adjacent table entries, pairs of lanes 0/2, 1/3, 4/6, 5/7 join in 256-bit halves, the halves
 * of even and odd lanes in two vectors, and one unpack of each separates Xᵢ from Xᵢ₊₁.  On the
 * machine measured this is ≈ 0.6 ns a number faster than two gather instructions, which cost
 * there 0.7–1 ns a lane each (docs/performance.md). */
RNG_INLINE void layers8(__m512i ww, __m512d *xi, __m512d *xn) {
  const double *x = limen_zig_x;
  const __m128i l16 = _mm512_cvtepi64_epi16(_mm512_and_si512(ww, _mm512_set1_epi64((long long)ZIG_MASK)));
  const uint64_t lo = (uint64_t)_mm_cvtsi128_si64(l16), hi = (uint64_t)_mm_extract_epi64(l16, 1);
#define IDX(j) ((j) < 4 ? (lo >> (16 * (j)) & 0xFFFF) : (hi >> (16 * ((j) - 4)) & 0xFFFF))
#define PAIR(j) _mm_loadu_pd(x + IDX(j))
#define HALF(a, c) _mm256_insertf128_pd(_mm256_castpd128_pd256(PAIR(a)), PAIR(c), 1)
  const __m512d ev = _mm512_insertf64x4(_mm512_castpd256_pd512(HALF(0, 2)), HALF(4, 6), 1);
  const __m512d od = _mm512_insertf64x4(_mm512_castpd256_pd512(HALF(1, 3)), HALF(5, 7), 1);
#undef HALF
#undef PAIR
#undef IDX
  *xi = _mm512_unpacklo_pd(ev, od);
  *xn = _mm512_unpackhi_pd(ev, od);
}

/* The whole groups of 8 lanes below n (a multiple of 8); *slow gets the failed lanes. */
RNG_INLINE void groups8(limen_rng_block *restrict b, size_t n, double *restrict out, uint64_t *restrict w,
                        uint64_t *slow) {
  const __m512i two = _mm512_set1_epi64(0x4000000000000000LL);
  const __m512d three = _mm512_set1_pd(3.0);
#pragma GCC unroll 8
  for (size_t k = 0; k < n; k += 8) {
    const __m512i ww = step8(b, k);
    __m512d xi, xn;
    _mm512_storeu_si512(w + k, ww);
    layers8(ww, &xi, &xn);
    const __m512d d = _mm512_castsi512_pd(_mm512_or_si512(_mm512_srli_epi64(ww, 12), two)); /* [2, 4) */
    const __m512d x = _mm512_mul_pd(_mm512_sub_pd(d, three), xi);
    _mm512_storeu_pd(out + k, x);
    const __mmask8 ok = _mm512_cmp_pd_mask(_mm512_abs_pd(x), xn, _CMP_LT_OQ);
    *slow |= (uint64_t)(uint8_t)~ok << k;
  }
}

/* The whole groups of 8 lanes below n (a whole block unrolled); returns the first lane left. */
static size_t lanes_vector(limen_rng_block *restrict b, size_t n, double *restrict out,
                           uint64_t *restrict w, uint64_t *slow) {
  if (n == LIMEN_RNG_BLOCK) groups8(b, LIMEN_RNG_BLOCK, out, w, slow);
  else groups8(b, n & ~(size_t)7, out, w, slow);
  return n & ~(size_t)7;
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
  const __m256i two = _mm256_set1_epi64x(0x4000000000000000LL);
  const __m256d three = _mm256_set1_pd(3.0);
  const __m256d magnitude = _mm256_castsi256_pd(_mm256_set1_epi64x(0x7FFFFFFFFFFFFFFFLL));
  size_t k = 0;
  for (; k + 4 <= n; k += 4) {
    const __m256i ww = step4(b, k);
    __m256d xi, xn;
    _mm256_storeu_si256((__m256i *)(w + k), ww);
    layers4(w + k, &xi, &xn);
    const __m256d d = _mm256_castsi256_pd(_mm256_or_si256(_mm256_srli_epi64(ww, 12), two)); /* [2, 4) */
    const __m256d x = _mm256_mul_pd(_mm256_sub_pd(d, three), xi);
    _mm256_storeu_pd(out + k, x);
    const int ok = _mm256_movemask_pd(_mm256_cmp_pd(_mm256_and_pd(x, magnitude), xn, _CMP_LT_OQ));
    *slow |= (uint64_t)(~ok & 15) << k;
  }
  return k;
}
#endif

/* One step's quick pass over lanes [0, n): numbers into out, outputs into w; returns the
 * lanes that failed the quick test. */
static uint64_t quick_pass(limen_rng_block *restrict b, size_t n, double *restrict out, uint64_t *restrict w) {
  uint64_t slow = 0;
  size_t k = 0;
#if defined(__AVX2__)
  k = lanes_vector(b, n, out, w, &slow);
#endif
  if (k < n) slow |= lanes_plain(b, k, n, out, w);
  return slow;
}

/* ---- the slow path, branch-free where it is common ---------------------------------------- */

/* A mask (all ones or zero) the optimizer cannot see through, so that the selects made with
 * it stay selects instead of becoming jumps on a coin flip. */
RNG_INLINE uint64_t opaque_mask(int c) {
  uint64_t m = -(uint64_t)(c & 1);
#if defined(__GNUC__)
  __asm__("" : "+r"(m));
#endif
  return m;
}
RNG_INLINE uint64_t sel64(uint64_t m, uint64_t a, uint64_t b) { return (a & m) | (b & ~m); }
RNG_INLINE double seld(uint64_t m, double a, double b) {
  uint64_t ua, ub;
  memcpy(&ua, &a, sizeof ua);
  memcpy(&ub, &b, sizeof ub);
  ua = sel64(m, ua, ub);
  double r;
  memcpy(&r, &ua, sizeof r);
  return r;
}

RNG_INLINE void lane_get(const limen_rng_block *b, size_t k, uint64_t *q) {
  for (int c = 0; c < 4; c++) q[c] = b->s[c][k];
}
RNG_INLINE void lane_put(limen_rng_block *b, size_t k, const uint64_t *q) {
  for (int c = 0; c < 4; c++) b->s[c][k] = q[c];
}
/* The next output of the stream q (limen_rng_u64). */
RNG_INLINE uint64_t next_output(uint64_t *q) {
  const uint64_t r = rotl64(q[1] * 5, 7) * 9, t = q[1] << 17;
  q[2] ^= q[0];
  q[3] ^= q[1];
  q[1] ^= q[2];
  q[0] ^= q[3];
  q[2] ^= t;
  q[3] = rotl64(q[3], 45);
  return r;
}
/* The quick draw from output w: its number, and whether it passed. */
RNG_INLINE double quick_draw(uint64_t w, int *ok) {
  const size_t i = (size_t)(w & ZIG_MASK);
  const double x = limen_zig_uniform(w) * limen_zig_x[i];
  *ok = fabs(x) < limen_zig_x[i + 1];
  return x;
}

RNG_COLD double finish_now_exact(limen_rng_block *b, size_t k, uint64_t w) {
  limen_rng r;
  limen_rng_block_get(b, k, &r);
  const double x = limen_zig_slow(&r, w);
  limen_rng_block_put(b, k, &r);
  return x;
}

/* Lane k failed the quick test with output w and stands after it: its number.  The wedge's
 * uniform (output a) and the next try (output c) are both drawn; if the squeeze accepts, the
 * number is the wedge point and the lane stands after a, else the next try's and after c. */
RNG_INLINE double finish_now(limen_rng_block *b, size_t k, uint64_t w) {
  uint64_t qa[4], qc[4];
  lane_get(b, k, qa);
  const uint64_t a = next_output(qa);
  memcpy(qc, qa, sizeof qc);
  const uint64_t c = next_output(qc);
  const unsigned i = (unsigned)(w & ZIG_MASK);
  const double x = limen_zig_uniform(w) * limen_zig_x[i];
  const int d = limen_zig_squeeze(i, x, (double)(a >> 11) * 0x1.0p-53); /* limen_rng_uniform */
  int ok;
  const double xc = quick_draw(c, &ok);
  if (__builtin_expect(!((i != 0) & (d >= 0) & (d | ok)), 0)) return finish_now_exact(b, k, w);
  const uint64_t m = opaque_mask(d);
  for (int j = 0; j < 4; j++) qa[j] = sel64(m, qa[j], qc[j]);
  lane_put(b, k, qa);
  return seld(m, x, xc);
}

RNG_COLD void finish_behind_exact(limen_rng_block *b, size_t k, uint64_t wf, uint64_t wn, double *o0,
                                  double *o1) {
  limen_rng r;
  limen_rng_block_get(b, k, &r);
  *o0 = limen_zig_slow_after(&r, wf, wn);
  *o1 = limen_rng_gaussian(&r);
  limen_rng_block_put(b, k, &r);
}

/* Lane k failed the quick test at step t − 1 with output wf; step t's pass then took its next
 * output wn (the wedge's uniform) and left it after wn.  Its numbers of steps t − 1 (*o0) and
 * t (*o1): if the squeeze accepts, the wedge point and the next draw; else the next two draws
 * (the new try and step t's).  Both draws are made, and selects keep the right ones. */
RNG_INLINE void finish_behind(limen_rng_block *b, size_t k, uint64_t wf, uint64_t wn, double *o0, double *o1) {
  uint64_t q1[4], q2[4];
  lane_get(b, k, q1);
  const uint64_t w1 = next_output(q1);
  memcpy(q2, q1, sizeof q2);
  const uint64_t w2 = next_output(q2);
  const unsigned i = (unsigned)(wf & ZIG_MASK);
  const double x = limen_zig_uniform(wf) * limen_zig_x[i];
  const int d = limen_zig_squeeze(i, x, (double)(wn >> 11) * 0x1.0p-53); /* limen_rng_uniform */
  int ok1, ok2;
  const double y1 = quick_draw(w1, &ok1), y2 = quick_draw(w2, &ok2);
  if (__builtin_expect(!((i != 0) & (d >= 0) & ok1 & (d | ok2)), 0)) {
    finish_behind_exact(b, k, wf, wn, o0, o1);
    return;
  }
  const uint64_t m = opaque_mask(d);
  for (int j = 0; j < 4; j++) q1[j] = sel64(m, q1[j], q2[j]);
  lane_put(b, k, q1);
  *o0 = seld(m, x, y1);
  *o1 = seld(m, y1, y2);
}

void block_gaussian(limen_rng_block *b, size_t n, size_t steps, double *out) {
  _Alignas(64) uint64_t w[2][LIMEN_RNG_BLOCK];
  if (n > LIMEN_RNG_BLOCK) n = LIMEN_RNG_BLOCK;
  if (n == 0 || steps == 0) return;
  uint64_t slow = quick_pass(b, n, out, w[0]);
  for (size_t t = 1; t < steps; t++) {
    double *row = out + t * ROW;
    const uint64_t *wf = w[(t - 1) & 1], *wn = w[t & 1];
    uint64_t next = quick_pass(b, n, row, w[t & 1]);
    for (; slow; slow &= slow - 1) { /* step t − 1's failed lanes, behind step t */
      const size_t k = (size_t)__builtin_ctzll(slow);
      finish_behind(b, k, wf[k], wn[k], row - ROW + k, row + k);
      next &= ~((uint64_t)1 << k); /* its step-t number is drawn again */
    }
    slow = next;
  }
  double *last = out + (steps - 1) * ROW;
  for (; slow; slow &= slow - 1) {
    const size_t k = (size_t)__builtin_ctzll(slow);
    last[k] = finish_now(b, k, w[(steps - 1) & 1][k]);
  }
}
