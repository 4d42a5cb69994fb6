/* SPDX-License-Identifier: GPL-3.0-or-later
 * The learning-path meter (path.h) on synthetic paths with known answers: one level per step,
 * random ±1-level walks, no motion, bit flips against a direct popcount, float32 = float64,
 * several tensors in any order, refused size and type changes, non-finite values, clamping,
 * configuration ranges and misuse.  Expected values are computed here from integer levels. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "limen/limen.h"
#include "testutil.h"

static uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static unsigned popc(uint64_t x) {
  unsigned c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}

static limen_path_meter *meter(int bits, double lo, double hi) {
  limen_path_config c = limen_path_config_default();
  c.bits = bits, c.lo = lo, c.hi = hi;
  limen_path_meter *m = NULL;
  limen_error e;
  cr_assert_eq(limen_path_meter_alloc(&c, &m, &e), LIMEN_OK, "%s", e.msg);
  return m;
}

/* One snapshot of one float64 tensor. */
static void step64(limen_path_meter *m, const double *w, size_t n) {
  limen_error e;
  cr_assert_eq(limen_path_begin_step(m, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_path_add_f64(m, 0, w, n, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_path_end_step(m, &e), 0, "%s", e.msg);
}

/* The value at the middle of level L of the n-bit range [lo, lo + R) (ε a power of two). */
static double mid(double lo, double eps, uint64_t L) { return lo + ((double)L + 0.5) * eps; }

static void expect_einval(int rc, const limen_error *e, const char *a, const char *b) {
  cr_assert_eq(rc, LIMEN_EINVAL, "expected EINVAL, got %d (%s)", rc, e->msg);
  cr_assert(strstr(e->trace, a) != NULL, "message must name '%s': %s", a, e->trace);
  if (b) cr_assert(strstr(e->msg, b) != NULL, "message must name '%s': %s", b, e->msg);
}

Test(path, defaults_and_edges) {
  limen_path_config c = limen_path_config_default();
  cr_assert_eq(c.bits, 16);
  cr_assert_eq(c.lo, -1.0);
  cr_assert_eq(c.hi, 1.0);
  cr_assert_eq(c.hist_min_log2, -10);
  cr_assert_eq(c.hist_max_log2, 20);
  cr_assert_eq(c.hist_octave_bits, 0);
  cr_assert_eq(c.step_time_s, 0.0);
  cr_assert_eq(c.temperature_K, 300.0);
  cr_assert_eq(c.step_histograms, 1);
  size_t n = 0;
  cr_assert_not_null(limen_path_config_inputs(&n));
  cr_assert_eq(n, 9);
  limen_path_meter *m = meter(16, -1, 1);
  cr_assert_eq(limen_path_hist_count(m), 32);
  cr_assert_eq(limen_path_hist_edge(m, 0), 0.0);
  for (size_t i = 1; i < 32; i++) cr_assert_eq(limen_path_hist_edge(m, i), ldexp(1.0, (int)i - 11));
  cr_assert(isinf(limen_path_hist_edge(m, 32)));
  limen_path_totals t;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(t.level_size, limen_level_size(2.0, 16, LIMEN_LEVELS_BINS));
  cr_assert_eq(t.level_size, 0x1p-15);
  cr_assert_eq(limen_path_step_count(m), 0);
  limen_path_meter_free(m);
  limen_path_meter_free(NULL);
}

/* Every parameter moves up exactly one level per step. */
Test(path, one_level_per_step) {
  const size_t P = 1001, K = 60;
  const double lo = -1, eps = 2.0 / 256;
  limen_path_meter *m = meter(8, -1, 1);
  double *w = malloc(P * sizeof *w);
  uint64_t flips = 0;
  for (size_t k = 0; k <= K; k++) {
    for (size_t p = 0; p < P; p++) w[p] = mid(lo, eps, p % 150 + k);
    step64(m, w, P);
    if (k > 0)
      for (size_t p = 0; p < P; p++) flips += popc((p % 150 + k - 1) ^ (p % 150 + k));
  }
  limen_path_totals t;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(t.steps, K);
  cr_assert_eq(t.snapshots, K + 1);
  cr_assert_eq(t.starts, 1);
  cr_assert_eq(t.params, P);
  cr_assert_eq(t.tensors, 1);
  cr_assert_eq(t.path_levels, (double)(P * K));
  cr_assert_eq(t.path_sq_levels2, (double)(P * K));
  cr_assert_eq(t.changed, P * K);
  cr_assert_eq(t.bit_flips, flips);
  cr_assert_eq(t.max_move_levels, 1.0);
  cr_assert_eq(t.clamped, 0);
  cr_assert(t.memory_bytes >= P * sizeof(double));
  uint64_t h[32];
  cr_assert_eq(limen_path_totals_hist(m, h, 32, NULL), 0);
  for (size_t b = 0; b < 32; b++) cr_assert_eq(h[b], b == 11 ? P * K : 0, "bin %zu: %lu", b, (unsigned long)h[b]);
  cr_assert_eq(limen_path_step_count(m), K);
  for (size_t k = 0; k < K; k++) {
    limen_path_step s;
    cr_assert_eq(limen_path_step_get(m, k, &s, NULL), 0);
    cr_assert_eq(s.params, P);
    cr_assert_eq(s.path_levels, (double)P);
    cr_assert_eq(s.changed, P);
    uint64_t f = 0;
    for (size_t p = 0; p < P; p++) f += popc((p % 150 + k) ^ (p % 150 + k + 1));
    cr_assert_eq(s.bit_flips, f);
    cr_assert_eq(limen_path_step_hist(m, k, h, 32, NULL), 0);
    cr_assert_eq(h[11], P);
  }
  free(w);
  limen_path_meter_free(m);
}

/* Random −1/0/+1-level walks on two tensors (float64 and float32), reflected at the ends. */
Test(path, random_walks) {
  const size_t P0 = 777, P1 = 1030, K = 80;
  const int bits = 6;
  const double lo = -2, eps = 4.0 / 64;
  limen_path_meter *m = meter(bits, -2, 2);
  uint64_t seed = 42, *L = malloc((P0 + P1) * sizeof *L);
  double *w0 = malloc(P0 * sizeof *w0);
  float *w1 = malloc(P1 * sizeof *w1);
  for (size_t p = 0; p < P0 + P1; p++) L[p] = splitmix(&seed) % 64;
  uint64_t path = 0, changed = 0, flips = 0, zeros = 0;
  limen_error e;
  for (size_t k = 0; k <= K; k++) {
    for (size_t p = 0; p < P0 + P1 && k > 0; p++) {
      int d = (int)(splitmix(&seed) % 3) - 1;
      if ((L[p] == 0 && d < 0) || (L[p] == 63 && d > 0)) d = -d;
      uint64_t n = (uint64_t)((int64_t)L[p] + d);
      path += (uint64_t)abs(d), changed += d != 0, zeros += d == 0, flips += popc(L[p] ^ n);
      L[p] = n;
    }
    for (size_t p = 0; p < P0; p++) w0[p] = mid(lo, eps, L[p]);
    for (size_t p = 0; p < P1; p++) w1[p] = (float)mid(lo, eps, L[P0 + p]);
    cr_assert_eq(limen_path_begin_step(m, &e), 0);
    cr_assert_eq(limen_path_add_f32(m, 1, w1, P1, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_path_add_f64(m, 0, w0, P0, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_path_end_step(m, &e), 0, "%s", e.msg);
  }
  limen_path_totals t;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(t.tensors, 2);
  cr_assert_eq(t.params, P0 + P1);
  cr_assert_eq(t.path_levels, (double)path);
  cr_assert_eq(t.path_sq_levels2, (double)path);
  cr_assert_eq(t.changed, changed);
  cr_assert_eq(t.bit_flips, flips);
  cr_assert_eq(t.max_move_levels, 1.0);
  uint64_t h[32];
  cr_assert_eq(limen_path_totals_hist(m, h, 32, NULL), 0);
  cr_assert_eq(h[0], zeros);
  cr_assert_eq(h[11], changed);
  cr_assert(changed > 0 && zeros > 0);
  free(L), free(w0), free(w1);
  limen_path_meter_free(m);
}

Test(path, no_motion) {
  const size_t P = 333, K = 10;
  limen_path_meter *m = meter(16, -1, 1);
  double *w = calloc(P, sizeof *w);
  for (size_t k = 0; k <= K; k++) step64(m, w, P);
  limen_path_totals t;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(t.steps, K);
  cr_assert_eq(t.path_levels, 0.0);
  cr_assert_eq(t.changed, 0);
  cr_assert_eq(t.bit_flips, 0);
  cr_assert_eq(t.max_move_levels, 0.0);
  uint64_t h[32];
  cr_assert_eq(limen_path_totals_hist(m, h, 32, NULL), 0);
  cr_assert_eq(h[0], P * K);
  free(w);
  limen_path_meter_free(m);
}

/* Arbitrary values and jumps: flips against a direct popcount of the levels, the path against
 * a plain sum (n = 12, and n = 64 where a level code uses all 64 bits). */
static void flips_case(int bits) {
  const size_t P = 2500, K = 12;
  const double lo = -1, hi = 1, eps = ldexp(2.0, -bits);
  limen_path_meter *m = meter(bits, lo, hi);
  uint64_t seed = 7 + (uint64_t)bits, flips = 0, changed = 0;
  double *w = malloc(P * sizeof *w), *old = malloc(P * sizeof *old), path = 0, mx = 0;
  for (size_t k = 0; k <= K; k++) {
    for (size_t p = 0; p < P; p++) w[p] = lo + (hi - lo) * (double)(splitmix(&seed) >> 11) * 0x1p-53;
    if (k > 0)
      for (size_t p = 0; p < P; p++) {
        uint64_t a = (uint64_t)floor((old[p] - lo) / eps), b = (uint64_t)floor((w[p] - lo) / eps);
        flips += popc(a ^ b), changed += a != b;
        path += fabs(w[p] - old[p]) / eps;
        mx = fmax(mx, fabs(w[p] - old[p]) / eps);
      }
    memcpy(old, w, P * sizeof *w);
    step64(m, w, P);
  }
  limen_path_totals t;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(t.bit_flips, flips, "%d bits: %lu vs %lu", bits, (unsigned long)t.bit_flips, (unsigned long)flips);
  cr_assert_eq(t.changed, changed);
  cr_assert(tu_close_rel(t.path_levels, path, 1e-12), "%.17g vs %.17g", t.path_levels, path);
  cr_assert_eq(t.max_move_levels, mx);
  free(w), free(old);
  limen_path_meter_free(m);
}

Test(path, bit_flips_direct) {
  flips_case(12);
  flips_case(64);
  flips_case(1);
}

/* The same float32 values given as float32 and as float64: identical records, bit for bit. */
Test(path, float32_equals_float64) {
  const size_t P = 4099, K = 20;
  limen_path_meter *a = meter(10, -1, 1), *b = meter(10, -1, 1);
  float *w = malloc(P * sizeof *w);
  double *d = malloc(P * sizeof *d);
  uint64_t seed = 3;
  for (size_t p = 0; p < P; p++) w[p] = (float)((double)(splitmix(&seed) >> 11) * 0x1p-52 - 1.0);
  for (size_t k = 0; k <= K; k++) {
    for (size_t p = 0; p < P; p++) {
      w[p] += (float)(((double)(splitmix(&seed) >> 11) * 0x1p-53 - 0.5) * 1e-2);
      d[p] = (double)w[p];
    }
    cr_assert_eq(limen_path_begin_step(a, NULL), 0);
    cr_assert_eq(limen_path_add_f32(a, 0, w, P, NULL), 0);
    cr_assert_eq(limen_path_end_step(a, NULL), 0);
    step64(b, d, P);
  }
  cr_assert_eq(limen_path_step_count(a), K);
  for (size_t k = 0; k < K; k++) {
    limen_path_step sa, sb;
    limen_path_step_get(a, k, &sa, NULL), limen_path_step_get(b, k, &sb, NULL);
    cr_assert(memcmp(&sa, &sb, sizeof sa) == 0, "step %zu differs", k);
    uint64_t ha[32], hb[32];
    limen_path_step_hist(a, k, ha, 32, NULL), limen_path_step_hist(b, k, hb, 32, NULL);
    cr_assert(memcmp(ha, hb, sizeof ha) == 0);
  }
  limen_path_totals ta, tb;
  limen_path_totals_get(a, &ta, NULL), limen_path_totals_get(b, &tb, NULL);
  cr_assert_eq(ta.path_levels, tb.path_levels);
  cr_assert_eq(ta.clamped, tb.clamped);
  cr_assert(ta.clamped > 0, "the walk leaves the range: %lu", (unsigned long)ta.clamped);
  free(w), free(d);
  limen_path_meter_free(a), limen_path_meter_free(b);
}

/* Several tensors: the result does not depend on the order of the add calls, and equals one
 * concatenated tensor in every count. */
Test(path, multiple_tensors_any_order) {
  const size_t sizes[] = {5, 0, 1024, 77, 3000};
  const size_t T = 5, K = 6;
  size_t P = 0;
  for (size_t i = 0; i < T; i++) P += sizes[i];
  limen_path_meter *fwd = meter(12, -1, 1), *rev = meter(12, -1, 1), *one = meter(12, -1, 1);
  double *w = malloc(P * sizeof *w);
  uint64_t seed = 11;
  for (size_t k = 0; k <= K; k++) {
    for (size_t p = 0; p < P; p++) w[p] = (double)(splitmix(&seed) >> 11) * 0x1p-53 - 0.5;
    limen_path_begin_step(fwd, NULL), limen_path_begin_step(rev, NULL);
    for (size_t i = 0, at = 0; i < T; at += sizes[i], i++)
      cr_assert_eq(limen_path_add_f64(fwd, i, w + at, sizes[i], NULL), 0);
    for (size_t i = T, at = P; i-- > 0;) {
      at -= sizes[i];
      cr_assert_eq(limen_path_add_f64(rev, i, w + at, sizes[i], NULL), 0);
    }
    cr_assert_eq(limen_path_end_step(fwd, NULL), 0);
    cr_assert_eq(limen_path_end_step(rev, NULL), 0);
    step64(one, w, P);
  }
  limen_path_totals a, b, c;
  limen_path_totals_get(fwd, &a, NULL), limen_path_totals_get(rev, &b, NULL), limen_path_totals_get(one, &c, NULL);
  cr_assert_eq(a.tensors, T);
  cr_assert_eq(a.params, P);
  cr_assert_eq(a.path_levels, b.path_levels);
  cr_assert_eq(a.path_sq_levels2, b.path_sq_levels2);
  cr_assert_eq(a.changed, c.changed);
  cr_assert_eq(a.bit_flips, c.bit_flips);
  cr_assert_eq(a.max_move_levels, c.max_move_levels);
  cr_assert(tu_close_rel(a.path_levels, c.path_levels, 1e-13));
  free(w);
  limen_path_meter_free(fwd), limen_path_meter_free(rev), limen_path_meter_free(one);
}

Test(path, size_and_type_change_refused) {
  limen_path_meter *m = meter(8, -1, 1);
  double w[10] = {0};
  float f[10] = {0};
  limen_error e;
  cr_assert_eq(limen_path_begin_step(m, &e), 0);
  cr_assert_eq(limen_path_add_f64(m, 0, w, 10, &e), 0);
  cr_assert_eq(limen_path_add_f64(m, 1, w, 4, &e), 0);
  cr_assert_eq(limen_path_end_step(m, &e), 0);
  cr_assert_eq(limen_path_begin_step(m, &e), 0);
  expect_einval(limen_path_add_f64(m, 1, w, 5, &e), &e, "tensor 1", "size = 5");
  cr_assert(strstr(e.msg, "had 4 values") != NULL, "%s", e.msg);
  expect_einval(limen_path_add_f32(m, 0, f, 10, &e), &e, "tensor 0", "float64");
  expect_einval(limen_path_add_f64(m, 2, w, 1, &e), &e, "tensor = 2", "[0, 1]");
  /* the step is intact: the right sizes still go in */
  cr_assert_eq(limen_path_add_f64(m, 0, w, 10, &e), 0, "%s", e.msg);
  expect_einval(limen_path_add_f64(m, 0, w, 10, &e), &e, "tensor 0", "already added");
  expect_einval(limen_path_end_step(m, &e), &e, "tensor 1", "not added");
  cr_assert_eq(limen_path_add_f64(m, 1, w, 4, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_path_end_step(m, &e), 0, "%s", e.msg);
  cr_assert_eq(limen_path_step_count(m), 1);
  limen_path_meter_free(m);
}

Test(path, non_finite_refused) {
  limen_path_meter *m = meter(8, -1, 1);
  double w[700] = {0};
  float f[3] = {0, 0, 0};
  limen_error e;
#define STEP(call_w, call_f)                                       \
  cr_assert_eq(limen_path_begin_step(m, &e), 0);                   \
  cr_assert_eq(call_w, 0, "%s", e.msg);                            \
  cr_assert_eq(call_f, 0, "%s", e.msg);                            \
  cr_assert_eq(limen_path_end_step(m, &e), 0, "%s", e.msg);
  STEP(limen_path_add_f64(m, 0, w, 700, &e), limen_path_add_f32(m, 1, f, 3, &e));
  w[600] = NAN;
  cr_assert_eq(limen_path_begin_step(m, &e), 0);
  expect_einval(limen_path_add_f64(m, 0, w, 700, &e), &e, "tensor 0, index 600", "nan");
  /* the step was abandoned: end_step has nothing open; the next step is a new starting point */
  expect_einval(limen_path_end_step(m, &e), &e, "no step is open", NULL);
  w[600] = 0.25;
  STEP(limen_path_add_f64(m, 0, w, 700, &e), limen_path_add_f32(m, 1, f, 3, &e));
  w[3] = 0.5;
  STEP(limen_path_add_f64(m, 0, w, 700, &e), limen_path_add_f32(m, 1, f, 3, &e));
#undef STEP
  f[1] = -INFINITY;
  cr_assert_eq(limen_path_begin_step(m, &e), 0);
  cr_assert_eq(limen_path_add_f64(m, 0, w, 700, &e), 0);
  expect_einval(limen_path_add_f32(m, 1, f, 3, &e), &e, "tensor 1, index 1", "inf");
  limen_path_totals t;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(t.aborted, 2);
  cr_assert_eq(t.starts, 2);
  cr_assert_eq(t.steps, 1);
  cr_assert_eq(t.snapshots, 3);
  cr_assert_eq(t.path_levels, 0.5 * 128);
  limen_path_meter_free(m);
}

/* Values outside [lo, hi] are clamped and counted; hi is in the top level, lo in level 0. */
Test(path, clamped_and_counted) {
  limen_path_meter *m = meter(2, 0, 1); /* ε = 0.25, levels 0 … 3 */
  double a[4] = {0.0, 0.5, -3.0, 0.99}, b[4] = {1.0, 7.0, 0.0, 1.0};
  step64(m, a, 4);
  step64(m, b, 4);
  limen_path_totals t;
  limen_path_step s;
  cr_assert_eq(limen_path_totals_get(m, &t, NULL), 0);
  cr_assert_eq(limen_path_step_get(m, 0, &s, NULL), 0);
  cr_assert_eq(s.clamped, 1);  /* 7.0 */
  cr_assert_eq(t.clamped, 2);  /* −3.0 at the start, 7.0 */
  /* moves of the clamped values: 4 + 2 + 0 + 0.04 levels */
  cr_assert(tu_close_rel(s.path_levels, 4.0 + 2.0 + 0.0 + 0.04, 1e-14), "%.17g", s.path_levels);
  cr_assert_eq(s.max_move_levels, 4.0);
  /* levels 0→3 (2 flips), 2→3 (1), 0→0, 3→3 */
  cr_assert_eq(s.changed, 2);
  cr_assert_eq(s.bit_flips, 3);
  limen_path_meter_free(m);
}

Test(path, config_ranges_refused) {
  limen_error e;
  limen_path_meter *m = NULL;
  limen_path_config c;
#define REFUSE(stmt, field)                                                   \
  c = limen_path_config_default();                                            \
  stmt;                                                                       \
  expect_einval(limen_path_config_check(&c, &e), &e, field, NULL);            \
  expect_einval(limen_path_meter_alloc(&c, &m, &e), &e, field, NULL);         \
  cr_assert_null(m);
  REFUSE(c.bits = 0, "bits");
  REFUSE(c.bits = 65, "bits");
  REFUSE(c.lo = NAN, "lo");
  REFUSE(c.hi = INFINITY, "hi");
  REFUSE(c.hi = -1, "hi");
  REFUSE((c.lo = 2, c.hi = 2), "hi");
  REFUSE(c.lo = -2e300, "lo");
  REFUSE(c.hist_min_log2 = -1023, "hist_min_log2");
  REFUSE(c.hist_max_log2 = 1024, "hist_max_log2");
  REFUSE(c.hist_max_log2 = -10, "hist_max_log2");
  REFUSE(c.hist_octave_bits = 9, "hist_octave_bits");
  REFUSE((c.hist_min_log2 = -1000, c.hist_octave_bits = 8), "hist_octave_bits");
  REFUSE(c.step_time_s = -1, "step_time_s");
  REFUSE(c.temperature_K = 0, "temperature_K");
  REFUSE(c.step_histograms = 2, "step_histograms");
  REFUSE((c.lo = 0, c.hi = 1e-300, c.bits = 64), "hi - lo");
#undef REFUSE
  c = limen_path_config_default();
  c.step_time_s = 1e-3;
  cr_assert_eq(limen_path_config_check(&c, &e), 0, "%s", e.msg);
  expect_einval(limen_path_meter_alloc(&c, NULL, &e), &e, "out", NULL);
}

Test(path, misuse) {
  limen_path_meter *m = meter(8, -1, 1);
  limen_error e;
  double w[3] = {0};
  uint64_t h[32];
  limen_path_step s;
  expect_einval(limen_path_add_f64(m, 0, w, 3, &e), &e, "begin_step", NULL);
  expect_einval(limen_path_end_step(m, &e), &e, "no step is open", NULL);
  cr_assert_eq(limen_path_begin_step(m, &e), 0);
  expect_einval(limen_path_begin_step(m, &e), &e, "a step is open", NULL);
  expect_einval(limen_path_end_step(m, &e), &e, "no tensor", NULL);
  expect_einval(limen_path_add_f64(m, 0, NULL, 3, &e), &e, "w = NULL", NULL);
  cr_assert_eq(limen_path_add_f64(m, 1, w, 3, &e), 0);
  expect_einval(limen_path_end_step(m, &e), &e, "tensor 0 was not added", NULL);
  limen_path_abort_step(m);
  limen_path_abort_step(m);
  expect_einval(limen_path_step_get(m, 0, &s, &e), &e, "k = 0", NULL);
  expect_einval(limen_path_step_hist(m, 0, h, 32, &e), &e, "k = 0", NULL);
  expect_einval(limen_path_totals_hist(m, h, 31, &e), &e, "n = 31", "32");
  limen_path_meter_free(m);
  /* without per-step histograms */
  limen_path_config c = limen_path_config_default();
  c.step_histograms = 0;
  cr_assert_eq(limen_path_meter_alloc(&c, &m, &e), 0);
  step64(m, w, 3);
  w[0] = 0.5;
  step64(m, w, 3);
  expect_einval(limen_path_step_hist(m, 0, h, 32, &e), &e, "step_histograms", NULL);
  cr_assert_eq(limen_path_totals_hist(m, h, 32, &e), 0);
  cr_assert_eq(h[0], 2);
  limen_path_meter_free(m);
}

/* ---- the compiled routes (baseline, AVX2, AVX-512) give the same results bit for bit ---------- */

#include "path/path_internal.h"

static void route_case(int bits, int f32) {
  limen_path_config c = limen_path_config_default();
  c.bits = bits, c.hist_octave_bits = 2;
  path_geom g;
  path_geom_init(&g, &c);
  enum { N = 4099 }; /* not a multiple of 4: the scalar tail too */
  static double a[N], b[N], p64[N];
  static float af[N], bf[N], p32[N];
  uint64_t s = 99;
  for (size_t i = 0; i < N; i++) {
    a[i] = ((double)(splitmix(&s) >> 11) * 0x1p-53 - 0.5) * 2.2; /* some outside [−1, 1] */
    b[i] = (i % 5 == 0) ? a[i] : a[i] + ((double)(splitmix(&s) >> 11) * 0x1p-53 - 0.5) * 1e-3;
    af[i] = (float)a[i], bf[i] = (float)b[i];
  }
  const path_kernel *base = path_kernel_for(PATH_ISA_BASELINE);
  cr_assert_not_null(base);
  path_acc want, got;
  uint64_t *hw = calloc(4 * g.nbins, sizeof *hw), *hg = calloc(4 * g.nbins, sizeof *hg);
  size_t bad = 0;
  for (int isa = 0; isa < PATH_ISA_COUNT; isa++) {
    const path_kernel *k = path_kernel_for(isa);
    if (!k) {
      cr_log_info("route %d not available on this CPU or build", isa);
      continue;
    }
    const path_kernel *r[2] = {base, k};
    path_acc *acc[2] = {&want, &got};
    uint64_t *h[2] = {hw, hg};
    for (int j = 0; j < 2; j++) {
      memset(h[j], 0, 4 * g.nbins * sizeof *h[j]);
      if (f32) {
        memcpy(p32, af, sizeof af);
        cr_assert_eq(r[j]->f32(&g, bf, p32, N, 0, acc[j], h[j], &bad), LIMEN_OK);
      } else {
        memcpy(p64, a, sizeof a);
        cr_assert_eq(r[j]->f64(&g, b, p64, N, 0, acc[j], h[j], &bad), LIMEN_OK);
      }
    }
    cr_assert_eq(memcmp(&want, &got, sizeof want), 0, "%s differs from the baseline (bits %d, f32 %d): path %.17g vs %.17g",
                 k->isa, bits, f32, got.path, want.path);
    cr_assert_eq(memcmp(hw, hg, 4 * g.nbins * sizeof *hw), 0, "%s: histogram differs", k->isa);
    cr_assert(want.changed > 0 && want.clamped > 0 && want.path > 0);
  }
  free(hw);
  free(hg);
}

Test(path, routes_agree_bit_for_bit) {
  for (int f32 = 0; f32 < 2; f32++) {
    route_case(16, f32);
    route_case(31, f32);
    route_case(40, f32); /* codes of more than 31 bits: the scalar route in every kernel */
  }
}

/* A tensor of several blocks (path_blocks.c): the same sums, counts and histogram for 1, 2 and 3
 * threads, bit for bit, equal to the blocks measured one by one by the kernel and folded in block
 * order (the definition), and a non-finite value reported at its index in the tensor. */
static void blocks_case(int f32) {
  limen_path_config c = limen_path_config_default();
  c.bits = 16, c.hist_octave_bits = 2;
  path_geom g;
  path_geom_init(&g, &c);
  const size_t N = 3 * PATH_BLOCK + 4099, hn = 4 * g.nbins;
  double *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *p64 = malloc(N * sizeof *p64);
  float *af = malloc(N * sizeof *af), *bf = malloc(N * sizeof *bf), *p32 = malloc(N * sizeof *p32);
  uint64_t s = 7, *want_h = calloc(hn, sizeof *want_h), *got_h = calloc(hn, sizeof *got_h);
  for (size_t i = 0; i < N; i++) {
    a[i] = ((double)(splitmix(&s) >> 11) * 0x1p-53 - 0.5) * 2.2;
    b[i] = (i % 5 == 0) ? a[i] : a[i] + ((double)(splitmix(&s) >> 11) * 0x1p-53 - 0.5) * 1e-3;
    af[i] = (float)a[i], bf[i] = (float)b[i];
  }
  const path_kernel *k = path_kernel_select();
  path_job j = {&g, f32 ? k->f32 : NULL, f32 ? NULL : k->f64, f32 ? (const void *)bf : (const void *)b,
                f32 ? (void *)p32 : (void *)p64, N, f32 ? sizeof(float) : sizeof(double), 0};
  /* the definition: each block by the kernel, folded in block order */
  path_acc want = {0}, got;
  size_t bad = 0;
  if (f32) memcpy(p32, af, N * sizeof *af);
  else memcpy(p64, a, N * sizeof *a);
  for (size_t off = 0; off < N; off += PATH_BLOCK) {
    const size_t len = N - off < PATH_BLOCK ? N - off : PATH_BLOCK;
    path_acc blk;
    cr_assert_eq(f32 ? k->f32(&g, bf + off, p32 + off, len, 0, &blk, want_h, &bad)
                     : k->f64(&g, b + off, p64 + off, len, 0, &blk, want_h, &bad), LIMEN_OK);
    want.path += blk.path, want.sumsq += blk.sumsq, want.max = blk.max > want.max ? blk.max : want.max;
    want.changed += blk.changed, want.flips += blk.flips, want.clamped += blk.clamped;
  }
  for (int threads = 1; threads <= 3; threads++) {
    omp_set_num_threads(threads);
    if (f32) memcpy(p32, af, N * sizeof *af);
    else memcpy(p64, a, N * sizeof *a);
    memset(got_h, 0, hn * sizeof *got_h);
    cr_assert_eq(path_pass_blocks(&j, &got, got_h, &bad), LIMEN_OK);
    cr_assert(memcmp(&want, &got, sizeof want) == 0, "f32 %d, %d threads: path %.17g, the definition %.17g", f32,
              threads, got.path, want.path);
    cr_assert(memcmp(want_h, got_h, hn * sizeof *want_h) == 0, "f32 %d, %d threads: histogram differs", f32,
              threads);
    cr_assert(want.changed > 0 && want.clamped > 0);
    /* a non-finite value in the third block (and a later one in the fourth): its own index */
    const size_t i1 = 2 * PATH_BLOCK + 17, i2 = 3 * PATH_BLOCK + 1;
    const float f1 = bf[i1], f2 = bf[i2];
    const double d1 = b[i1], d2 = b[i2];
    if (f32) bf[i1] = NAN, bf[i2] = INFINITY;
    else b[i1] = NAN, b[i2] = INFINITY;
    cr_assert_eq(path_pass_blocks(&j, &got, got_h, &bad), LIMEN_EINVAL);
    cr_assert_eq(bad, i1, "%d threads: index %zu", threads, bad);
    bf[i1] = f1, bf[i2] = f2, b[i1] = d1, b[i2] = d2;
  }
  free(a), free(b), free(p64), free(af), free(bf), free(p32), free(want_h), free(got_h);
}

Test(path, blocks_bit_identical_for_any_thread_count) {
  blocks_case(0);
  blocks_case(1);
}
