/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_kernel.c: the meter's one pass over a tensor.  A tensor is taken in blocks of
 * PATH_BLOCK values: the block of new values and the block of the copy are converted to double
 * (exactly, so that float32 and float64 data take the same arithmetic), checked for
 * non-finite values, measured against each other, and the copy is overwritten with the new
 * values — each value read once from memory, the copy written once. */
#include <math.h>
#include <string.h>

#include "path/path_internal.h"

/* Values per block: a multiple of PATH_LANES, so that lane = global index mod PATH_LANES. */
#define PATH_BLOCK 512

static inline double clamp_range(double v, double lo, double hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}

/* The level of a clamped value: ⌊(v − lo)·s⌋, at most 2^n − 1 (conversion of y < 2^n ≤ 2^64). */
static inline uint64_t level_code(double vc, const path_geom *g) {
  double y = (vc - g->lo) * g->scale;
  return y >= g->top ? g->code_max : (uint64_t)y;
}

/* Number of histogram edges ≤ x (x ≥ 0 finite): the bin of x.  The table gives the count at
 * the bottom of x's binary octave; at most `probes` edges lie within an octave. */
static inline size_t hist_bin(double x, const path_geom *g) {
  uint64_t bits;
  memcpy(&bits, &x, sizeof bits);
  size_t b = g->exp_bin[bits >> 52];
  for (int k = 0; k < g->probes; k++) b += (size_t)(x >= g->edges[b]);
  return b;
}

static inline unsigned popcount64(uint64_t d) {
  d = d - ((d >> 1) & 0x5555555555555555u);
  d = (d & 0x3333333333333333u) + ((d >> 2) & 0x3333333333333333u);
  d = (d + (d >> 4)) & 0x0f0f0f0f0f0f0f0fu;
  return (unsigned)((d * 0x0101010101010101u) >> 56);
}

/* Non-finite value in v[0 … len): its index, or len. */
static size_t first_bad(const double *v, size_t len) {
  int ok = 1;
  for (size_t i = 0; i < len; i++) ok &= (v[i] - v[i] == 0.0);
  if (ok) return len;
  for (size_t i = 0; i < len; i++)
    if (!isfinite(v[i])) return i;
  return len;
}

static uint64_t count_clamped(const double *v, size_t len, double lo, double hi) {
  uint64_t c = 0;
  for (size_t i = 0; i < len; i++) c += (uint64_t)((v[i] < lo) | (v[i] > hi));
  return c;
}

typedef struct lanes {
  double path[PATH_LANES], sq[PATH_LANES];
} lanes;

/* The moves from p to v of one block (len ≤ PATH_BLOCK, starting at a multiple of PATH_LANES). */
static void block_moves(const path_geom *g, const double *v, const double *p, size_t len,
                        lanes *ln, path_acc *acc, uint64_t *hist4) {
  const double lo = g->lo, hi = g->hi, s = g->scale;
  const size_t nb = g->nbins;
  double mx = acc->max;
  uint64_t changed = 0, flips = 0;
  for (size_t i = 0; i < len; i += PATH_LANES) {
    size_t m = len - i < PATH_LANES ? len - i : PATH_LANES;
    for (size_t j = 0; j < m; j++) {
      double vc = clamp_range(v[i + j], lo, hi), pc = clamp_range(p[i + j], lo, hi);
      double x = fabs(vc - pc) * s;
      ln->path[j] += x;
      ln->sq[j] += x * x;
      mx = x > mx ? x : mx;
      uint64_t d = level_code(vc, g) ^ level_code(pc, g);
      changed += (uint64_t)(d != 0);
      flips += popcount64(d);
      hist4[j * nb + hist_bin(x, g)]++;
    }
  }
  acc->max = mx;
  acc->changed += changed;
  acc->flips += flips;
  acc->clamped += count_clamped(v, len, lo, hi);
}

static void lanes_fold(const lanes *ln, path_acc *acc) {
  double a = 0.0, q = 0.0;
  for (int j = 0; j < PATH_LANES; j++) a += ln->path[j], q += ln->sq[j];
  acc->path = a;
  acc->sumsq = q;
}

/* One block of either type, already converted: check, measure (unless first), report. */
static int block_run(const path_geom *g, const double *v, const double *p, size_t len, int first,
                     lanes *ln, path_acc *acc, uint64_t *hist4, size_t *bad) {
  size_t b = first_bad(v, len);
  if (b < len) {
    *bad = b;
    return 1;
  }
  if (first) acc->clamped += count_clamped(v, len, g->lo, g->hi);
  else block_moves(g, v, p, len, ln, acc, hist4);
  return 0;
}

int path_pass_f32(const path_geom *g, const float *w, float *prev, size_t n, int first,
                  path_acc *acc, uint64_t *hist4, size_t *bad_index) {
  double v[PATH_BLOCK], p[PATH_BLOCK];
  lanes ln = {{0}, {0}};
  memset(acc, 0, sizeof *acc);
  for (size_t at = 0; at < n; at += PATH_BLOCK) {
    size_t len = n - at < PATH_BLOCK ? n - at : PATH_BLOCK;
    for (size_t i = 0; i < len; i++) v[i] = (double)w[at + i];
    if (!first)
      for (size_t i = 0; i < len; i++) p[i] = (double)prev[at + i];
    size_t bad;
    if (block_run(g, v, p, len, first, &ln, acc, hist4, &bad)) {
      *bad_index = at + bad;
      return LIMEN_EINVAL;
    }
    memcpy(prev + at, w + at, len * sizeof *w);
  }
  lanes_fold(&ln, acc);
  return LIMEN_OK;
}

int path_pass_f64(const path_geom *g, const double *w, double *prev, size_t n, int first,
                  path_acc *acc, uint64_t *hist4, size_t *bad_index) {
  lanes ln = {{0}, {0}};
  memset(acc, 0, sizeof *acc);
  for (size_t at = 0; at < n; at += PATH_BLOCK) {
    size_t len = n - at < PATH_BLOCK ? n - at : PATH_BLOCK, bad;
    if (block_run(g, w + at, prev + at, len, first, &ln, acc, hist4, &bad)) {
      *bad_index = at + bad;
      return LIMEN_EINVAL;
    }
    memcpy(prev + at, w + at, len * sizeof *w);
  }
  lanes_fold(&ln, acc);
  return LIMEN_OK;
}
