/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_kernel.c: the meter's one pass over a tensor.  Each value is read once, converted
 * exactly to double (so that float32 and float64 data take the same arithmetic), checked,
 * measured against the meter's copy of the previous value, and written over that copy.
 *
 * Values go in groups of PATH_LANES = 4 (element i in lane i mod 4), written with GCC/Clang
 * vector types so that the compiler emits SIMD code for any target (two SSE2 operations per
 * group on the x86-64 baseline, one with AVX2).  Every lane does exactly the scalar operations
 * of path_one() — the tail of a tensor and the codes of more than 31 bits take that scalar
 * route — so the route never changes a result.
 *
 * The same source is compiled once per instruction set (PATH_ISA: base here, avx2 and avx512
 * in path_kernel_avx2.c and path_kernel_avx512.c, with those -m flags); path.c picks the best
 * the CPU has at run time.  Contraction into FMA is off for the whole library
 * (-ffp-contract=off), so every route performs the same IEEE operations in the same order and
 * gives the same results bit for bit (tested). */
#include <math.h>
#include <string.h>

#include "path/path_internal.h"

#ifndef PATH_ISA
#define PATH_ISA base
#endif
#define PATH_CAT2(a, b) a##_##b
#define PATH_CAT(a, b) PATH_CAT2(a, b)
#define path_pass_f32 PATH_CAT(path_pass_f32, PATH_ISA)
#define path_pass_f64 PATH_CAT(path_pass_f64, PATH_ISA)

/* The 32-byte vectors below are passed between static functions of this file only, which GCC
 * inlines; its note that their calling convention differs without AVX does not apply. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
/* The per-value and per-group steps are inlined into the loops, so that the accumulators stay
 * in registers. */
#define PATH_INLINE static inline __attribute__((always_inline))

typedef double v4d __attribute__((vector_size(32)));
typedef float v4f __attribute__((vector_size(16)));
typedef int64_t v4l __attribute__((vector_size(32)));
typedef uint64_t v4u __attribute__((vector_size(32)));
typedef int32_t v4i __attribute__((vector_size(16)));
typedef uint32_t v4w __attribute__((vector_size(16)));

/* ---- the scalar definition ---------------------------------------------------------------- */

PATH_INLINE double clamp_range(double v, double lo, double hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* The level of a clamped value: ⌊(v − lo)·s⌋, at most 2^n − 1 (y < 2^n ≤ 2^64 converts). */
PATH_INLINE uint64_t level_code(double vc, const path_geom *g) {
  double y = (vc - g->lo) * g->scale;
  return y >= g->top ? g->code_max : (uint64_t)y;
}

/* The histogram bin of x ≥ 0: key = the exponent field and the top `octave_bits` bits of the
 * mantissa, i.e. the sub-octave of x; bin 0 below 2^min_log2, the top bin from 2^max_log2. */
PATH_INLINE size_t hist_bin(double x, const path_geom *g) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  int64_t b = (int64_t)(bits >> (52 - g->octave_bits)) - g->key_base + 1, top = (int64_t)g->nbins - 1;
  b &= ~(b >> 63);
  return (size_t)(b < top ? b : top);
}

PATH_INLINE unsigned popcount64(uint64_t d) {
  d = d - ((d >> 1) & 0x5555555555555555u);
  d = (d & 0x3333333333333333u) + ((d >> 2) & 0x3333333333333333u);
  d = (d + (d >> 4)) & 0x0f0f0f0f0f0f0f0fu;
  return (unsigned)((d * 0x0101010101010101u) >> 56);
}

/* One value v against its previous value p, in lane j. */
PATH_INLINE void path_one(const path_geom *g, double v, double p, size_t j, path_acc *acc,
                            double *lane_path, double *lane_sq, uint64_t *hist4) {
  double vc = clamp_range(v, g->lo, g->hi), pc = clamp_range(p, g->lo, g->hi);
  double x = fabs(vc - pc) * g->scale;
  lane_path[j] += x;
  lane_sq[j] += x * x;
  acc->max = x > acc->max ? x : acc->max;
  uint64_t d = level_code(vc, g) ^ level_code(pc, g);
  acc->changed += (uint64_t)(d != 0);
  acc->flips += popcount64(d);
  acc->clamped += (uint64_t)((v < g->lo) | (v > g->hi));
  hist4[j * g->nbins + hist_bin(x, g)]++;
}

/* ---- four lanes at once ------------------------------------------------------------------- */

typedef struct vacc {
  v4d path, sq, max;
  v4l changed, flips, clamped; /* changed and clamped count down (masks are −1) */
} vacc;

PATH_INLINE v4d select_d(v4l mask, v4d a, v4d b) {
  return (v4d)(((v4l)a & mask) | ((v4l)b & ~mask));
}

PATH_INLINE v4d clamp4(v4d v, v4d lo, v4d hi) {
  v4d c = select_d(v < lo, lo, v);
  return select_d(c > hi, hi, c);
}

/* Codes of at most 31 bits: y below 2^n truncates to ⌊y⌋, y ≥ 2^n is capped at the largest
 * double below 2^n, which truncates to 2^n − 1 — the same integers as level_code. */
PATH_INLINE v4i code4(v4d vc, const path_geom *g) {
  v4d y = (vc - g->lo) * g->scale;
  y = select_d(y >= g->top, (v4d){0} + g->cap, y);
  return __builtin_convertvector(y, v4i);
}

PATH_INLINE v4l popcount4(v4w d) {
  d = d - ((d >> 1) & 0x55555555u);
  d = (d & 0x33333333u) + ((d >> 2) & 0x33333333u);
  d = (d + (d >> 4)) & 0x0f0f0f0fu;
  d = d + (d >> 8);
  d = (d + (d >> 16)) & 0x3fu;
  return __builtin_convertvector(d, v4l);
}

PATH_INLINE void group4(const path_geom *g, v4d v, v4d p, vacc *a, uint64_t *hist4) {
  const v4d lo = (v4d){0} + g->lo, hi = (v4d){0} + g->hi;
  v4d vc = clamp4(v, lo, hi), pc = clamp4(p, lo, hi);
  v4d x = (v4d)((v4l)(vc - pc) & INT64_MAX) * g->scale;
  a->path += x;
  a->sq += x * x;
  a->max = select_d(x > a->max, x, a->max);
  v4w d = (v4w)(code4(vc, g) ^ code4(pc, g));
  a->changed += __builtin_convertvector(d != 0, v4l);
  a->flips += popcount4(d);
  a->clamped += (v < lo) | (v > hi);
  v4i b = __builtin_convertvector((v4u)x >> (52 - g->octave_bits), v4i) - g->key_base + 1;
  b &= ~(b >> 31);                          /* below 2^min_log2: bin 0       */
  v4i top = (v4i){0} + (int32_t)(g->nbins - 1);
  v4i over = b > top;                       /* from 2^max_log2: the top bin  */
  b = (b & ~over) | (top & over);
  for (int k = 0; k < PATH_LANES; k++) hist4[(size_t)k * g->nbins + (size_t)b[k]]++;
}

static void vacc_fold(const vacc *a, path_acc *acc, double *lane_path, double *lane_sq) {
  for (int k = 0; k < PATH_LANES; k++) {
    lane_path[k] = a->path[k];
    lane_sq[k] = a->sq[k];
    acc->max = a->max[k] > acc->max ? a->max[k] : acc->max;
    acc->changed += (uint64_t)-a->changed[k];
    acc->flips += (uint64_t)a->flips[k];
    acc->clamped += (uint64_t)-a->clamped[k];
  }
}

/* ---- a tensor ----------------------------------------------------------------------------- */

PATH_INLINE int finite4(v4d v) {
  v4l bad = (v - v) != (v - v); /* NaN exactly where v is NaN or ±inf */
  return !(bad[0] | bad[1] | bad[2] | bad[3]);
}

/* Index of the first non-finite value of v[0 … 4). */
static size_t bad_lane(v4d v) {
  for (int k = 0; k < PATH_LANES; k++)
    if (!isfinite(v[k])) return (size_t)k;
  return 0;
}

/* The lanes' sums, added in lane order. */
static void lanes_sum(const double *lane_path, const double *lane_sq, path_acc *acc) {
  double a = 0.0, q = 0.0;
  for (int k = 0; k < PATH_LANES; k++) a += lane_path[k], q += lane_sq[k];
  acc->path = a;
  acc->sumsq = q;
}

/* One value by the scalar route (tails, codes of more than 31 bits); 1 when v is not finite. */
PATH_INLINE int scalar_step(const path_geom *g, double v, double p, size_t i, int first,
                              path_acc *acc, double *lane_path, double *lane_sq, uint64_t *hist4) {
  if (!isfinite(v)) return 1;
  if (first) acc->clamped += (uint64_t)((v < g->lo) | (v > g->hi));
  else path_one(g, v, p, i % PATH_LANES, acc, lane_path, lane_sq, hist4);
  return 0;
}

int path_pass_f32(const path_geom *g, const float *w, float *prev, size_t n, int first,
                  path_acc *acc, uint64_t *hist4, size_t *bad_index) {
  const v4d lo = (v4d){0} + g->lo, hi = (v4d){0} + g->hi;
  vacc a;
  memset(&a, 0, sizeof a);
  memset(acc, 0, sizeof *acc);
  size_t i = 0, n4 = g->wide ? n - n % PATH_LANES : 0;
  for (; i < n4; i += PATH_LANES) {
    v4f vf, pf;
    memcpy(&vf, w + i, sizeof vf);
    v4d v = __builtin_convertvector(vf, v4d);
    if (!finite4(v)) return (int)(*bad_index = i + bad_lane(v), LIMEN_EINVAL);
    if (first) {
      a.clamped += (v < lo) | (v > hi);
    } else {
      memcpy(&pf, prev + i, sizeof pf);
      group4(g, v, __builtin_convertvector(pf, v4d), &a, hist4);
    }
    memcpy(prev + i, &vf, sizeof vf);
  }
  double lp[PATH_LANES], lq[PATH_LANES];
  vacc_fold(&a, acc, lp, lq);
  for (; i < n; i++) {
    if (scalar_step(g, (double)w[i], first ? 0.0 : (double)prev[i], i, first, acc, lp, lq, hist4))
      return (int)(*bad_index = i, LIMEN_EINVAL);
    prev[i] = w[i];
  }
  lanes_sum(lp, lq, acc);
  return LIMEN_OK;
}

int path_pass_f64(const path_geom *g, const double *w, double *prev, size_t n, int first,
                  path_acc *acc, uint64_t *hist4, size_t *bad_index) {
  const v4d lo = (v4d){0} + g->lo, hi = (v4d){0} + g->hi;
  vacc a;
  memset(&a, 0, sizeof a);
  memset(acc, 0, sizeof *acc);
  size_t i = 0, n4 = g->wide ? n - n % PATH_LANES : 0;
  for (; i < n4; i += PATH_LANES) {
    v4d v, p;
    memcpy(&v, w + i, sizeof v);
    if (!finite4(v)) return (int)(*bad_index = i + bad_lane(v), LIMEN_EINVAL);
    if (first) {
      a.clamped += (v < lo) | (v > hi);
    } else {
      memcpy(&p, prev + i, sizeof p);
      group4(g, v, p, &a, hist4);
    }
    memcpy(prev + i, &v, sizeof v);
  }
  double lp[PATH_LANES], lq[PATH_LANES];
  vacc_fold(&a, acc, lp, lq);
  for (; i < n; i++) {
    if (scalar_step(g, w[i], first ? 0.0 : prev[i], i, first, acc, lp, lq, hist4))
      return (int)(*bad_index = i, LIMEN_EINVAL);
    prev[i] = w[i];
  }
  lanes_sum(lp, lq, acc);
  return LIMEN_OK;
}
