/* SPDX-License-Identifier: GPL-3.0-or-later
 * bench_path.c: parameters per second of the learning-path meter (path.h) on one large tensor,
 * float32 and float64, against a plain memcpy of the same arrays in the same process.
 *
 * Two snapshots A and B of P parameters (B = A plus moves of a few levels, some zero, some
 * clamped) are given alternately, so that every step measures real moves; the meter reads the
 * snapshot and its copy of the previous one and overwrites the copy.  The baseline copies the
 * same snapshot into an array of the same size (memcpy, one thread).  The meter measures a tensor
 * of more than 65,536 values in blocks across the OpenMP threads (OMP_NUM_THREADS; bench/run.sh
 * runs it on one thread and on all).  Repetitions interleave the meter and
 * memcpy so that outside load hits both alike; each figure is the best of the repetitions.
 *
 * usage: bench_path [--params P] [--steps K] [--reps R]
 * Prints one "key value" line per figure, for bench/run.sh. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limen/path.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static uint64_t next(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

/* A in [−0.9, 0.9], B = A + up to ±4 levels of 16 bits (ε = 2^-15), a quarter unmoved. */
static void snapshots(double *a, double *b, size_t P) {
  uint64_t s = 1;
  for (size_t i = 0; i < P; i++) {
    a[i] = ((double)(next(&s) >> 11) * 0x1p-53 - 0.5) * 1.8;
    uint64_t r = next(&s);
    b[i] = (r & 3) == 0 ? a[i] : a[i] + ((double)(r >> 11) * 0x1p-53 - 0.5) * 8.0 * 0x1p-15;
  }
}

typedef struct run {
  double meter, copy; /* best seconds per step */
} run;

/* K steps of the meter and K memcpys of one type (f32 when wf, else f64), best of R. */
static int bench_type(const void *a, const void *b, size_t P, int K, int R, int f32, run *out) {
  size_t bytes = P * (f32 ? sizeof(float) : sizeof(double));
  void *dst = malloc(bytes);
  limen_path_meter *m = NULL;
  limen_error err;
  if (!dst || limen_path_meter_alloc(NULL, &m, &err)) {
    free(dst);
    return 1;
  }
  out->meter = out->copy = 1e300;
  int st = 0;
  for (int r = 0; r < R && !st; r++) {
    double t0 = now();
    for (int k = 0; k <= K && !st; k++) {
      const void *w = (k & 1) ? b : a;
      st |= limen_path_begin_step(m, &err);
      st |= f32 ? limen_path_add_f32(m, 0, w, P, &err) : limen_path_add_f64(m, 0, w, P, &err);
      st |= limen_path_end_step(m, &err);
      if (k == 0) t0 = now(); /* the first snapshot of a repetition only warms the copy */
    }
    double t1 = now();
    for (int k = 0; k < K; k++) memcpy(dst, (k & 1) ? b : a, bytes);
    double t2 = now();
    if ((t1 - t0) / K < out->meter) out->meter = (t1 - t0) / K;
    if ((t2 - t1) / K < out->copy) out->copy = (t2 - t1) / K;
  }
  if (st) fprintf(stderr, "bench_path: %s\n", err.msg);
  limen_path_totals t;
  limen_path_totals_get(m, &t, NULL);
  printf("%s_path_levels_per_step %.6g\n", f32 ? "f32" : "f64", t.path_levels / (double)t.steps);
  limen_path_meter_free(m);
  free(dst);
  return st;
}

int main(int argc, char **argv) {
  size_t P = (size_t)1 << 24;
  int K = 10, R = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--params")) P = (size_t)strtod(argv[i + 1], NULL);
    else if (!strcmp(argv[i], "--steps")) K = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--reps")) R = atoi(argv[i + 1]);
  }
  if (P < 1 || K < 1 || R < 1) return 2;
  double *a = malloc(P * sizeof *a), *b = malloc(P * sizeof *b);
  float *af = malloc(P * sizeof *af), *bf = malloc(P * sizeof *bf);
  if (!a || !b || !af || !bf) return 1;
  snapshots(a, b, P);
  for (size_t i = 0; i < P; i++) af[i] = (float)a[i], bf[i] = (float)b[i];
  run r32, r64;
  int st = bench_type(af, bf, P, K, R, 1, &r32) || bench_type(a, b, P, K, R, 0, &r64);
  printf("params %zu\nsteps %d\nreps %d\n", P, K, R);
  printf("meter_f32 %.6g\nmemcpy_f32 %.6g\n", (double)P / r32.meter, (double)P / r32.copy);
  printf("meter_f64 %.6g\nmemcpy_f64 %.6g\n", (double)P / r64.meter, (double)P / r64.copy);
  free(a), free(b), free(af), free(bf);
  return st;
}
