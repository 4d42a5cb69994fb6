/* SPDX-License-Identifier: GPL-3.0-or-later
 * threads_check.c: the library's threaded code (the OpenMP Langevin ensemble, the sweep's
 * points, the memo of cell quantities they share, the learning-path meter's blocks of a large
 * tensor) run with 1 to 4 threads on every recorded
 * output, for ThreadSanitizer.  A plain C program, not a
 * Criterion suite: Criterion's inheritable arena cannot coexist with ThreadSanitizer's
 * shadow memory.  It exits 1 unless every thread count gives bit-identical results, so it
 * is also an ordinary test in the other builds.  LIMEN_TEST_SCALE (default 1) scales the
 * ensemble. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "limen/limen.h"

static int failures = 0;

static void check(int ok, const char *what, int threads) {
  if (!ok) {
    fprintf(stderr, "FAIL: %s differs between 1 and %d threads\n", what, threads);
    failures++;
  }
}

static int same(const double *a, const double *b, size_t n) {
  if (!a || !b) return a == b;
  return memcmp(a, b, n * sizeof *a) == 0;
}

static int run(const limen_protocol *p, limen_langevin_config c, int threads,
               limen_langevin_result *r) {
  limen_error err;
  c.threads = threads;
  if (limen_langevin_run(&c, NULL, p, r, &err)) {
    fprintf(stderr, "FAIL: limen_langevin_run (%d threads): %s\n", threads, err.msg);
    return 1;
  }
  return 0;
}

/* Every per-trajectory array and every summary of one protocol, 1 thread against 2, 3, 4. */
static void compare(const char *name, const limen_protocol *p, limen_langevin_config c) {
  limen_langevin_result one, many;
  if (run(p, c, 1, &one)) { failures++; return; }
  for (int t = 2; t <= 4; t++) {
    if (run(p, c, t, &many)) { failures++; continue; }
    size_t n = one.n_traj;
    check(same(one.work, many.work, n) && same(one.heat, many.heat, n) &&
              same(one.dU, many.dU, n) && same(one.x_final, many.x_final, n),
          name, t);
    check(same(one.passage_time, many.passage_time, n) && one.n_passed == many.n_passed,
          "first-passage times", t);
    check(same(one.sample_x, many.sample_x, one.n_sample_traj * one.n_sample_points),
          "sampled paths", t);
    check(one.mean_work == many.mean_work && one.stderr_heat == many.stderr_heat &&
              one.success == many.success,
          "ensemble means", t);
    check(one.work_hist && many.work_hist &&
              same(one.work_hist->counts, many.work_hist->counts, one.work_hist->bins),
          "histograms", t);
    limen_langevin_result_clear(&many);
  }
  printf("%-10s %zu trajectories x %zu steps: 1, 2, 3 and 4 threads bit-identical\n", name,
         one.n_traj, one.n_steps);
  limen_langevin_result_clear(&one);
}

/* The text of a small sweep (bits × time, the default paradigms) with `threads` threads, the
 * memo cleared first (cold) or not (warm); NULL on failure. */
static char *sweep_text(int threads, int cold) {
  limen_error err;
  limen_catalog *cat = NULL;
  limen_profile_set *prof = NULL;
  char *text = NULL;
  limen_sweep_writer *wr = NULL;
  limen_workload_request r;
  limen_workload_setup setup;
  limen_sweep_axis ax[2] = {{"bits", 4, 8, 3, 0}, {"time", 1e5, 1e7, 4, 1}};
  const char *const *specs = limen_paradigm_default_specs();
  size_t ns = 0;
  while (specs[ns]) ns++;
  limen_workload_request_init(&r);
  int st = limen_catalog_load(NULL, &cat, &err);
  if (!st) st = limen_profiles_load(NULL, &prof, &err);
  if (!st) st = limen_workload_setup_build(cat, &r, &setup, &err);
  limen_sweep_report rep = {ax, 2, &setup.w, specs, ns, LIMEN_SWEEP_CSV_LONG};
  if (!st) st = limen_sweep_writer_alloc(&rep, &wr, &err);
  if (cold) limen_cache_clear();
  omp_set_num_threads(threads);
  if (!st) st = limen_sweep_run(&setup, ax, 2, specs, ns, prof, wr, &err);
  if (!st) st = limen_sweep_writer_finish(wr, &text, &err);
  if (st) fprintf(stderr, "FAIL: sweep with %d threads: %s\n", threads, err.msg);
  limen_sweep_writer_free(wr);
  limen_profiles_free(prof);
  limen_catalog_free(cat);
  return text;
}

static void compare_sweeps(void) {
  char *one = sweep_text(1, 1);
  for (int t = 2; t <= 4; t++)
    for (int cold = 0; cold <= 1; cold++) {
      char *many = sweep_text(t, cold);
      check(one && many && strcmp(one, many) == 0, cold ? "sweep (cold memo)" : "sweep (warm memo)", t);
      free(many);
    }
  free(one);
  printf("sweep      12 points x 9 paradigms: 1, 2, 3 and 4 threads bit-identical, memo cold and warm\n");
}

/* The learning-path meter over three steps of a tensor of several blocks (path_blocks.c): its
 * totals and histogram with `threads` threads into t and h (32 bins). */
static int meter_run(int threads, limen_path_totals *t, uint64_t *h) {
  enum { N = 5 * 65536 + 123 };
  static float w[N];
  omp_set_num_threads(threads);
  limen_path_meter *m = NULL;
  limen_error err;
  if (limen_path_meter_alloc(NULL, &m, &err)) return fprintf(stderr, "FAIL: meter: %s\n", err.msg), 1;
  uint64_t s = 12345;
  int rc = 0;
  for (int k = 0; k < 3 && !rc; k++) {
    for (size_t i = 0; i < N; i++) { /* small moves, some outside [-1, 1] */
      s = s * 6364136223846793005u + 1442695040888963407u;
      w[i] = k == 0 ? (float)((double)(s >> 11) * 0x1p-53 * 2.2 - 1.1) : w[i] + (float)((double)(s >> 40) * 1e-9 - 8e-3);
    }
    rc = limen_path_begin_step(m, &err) || limen_path_add_f32(m, 0, w, N, &err) || limen_path_end_step(m, &err);
  }
  memset(t, 0, sizeof *t); /* padding too: the results are compared byte for byte */
  if (!rc) rc = limen_path_totals_get(m, t, &err) || limen_path_totals_hist(m, h, 32, &err);
  if (rc) fprintf(stderr, "FAIL: meter: %s\n", err.msg);
  limen_path_meter_free(m);
  return rc;
}

static void compare_meter(void) {
  limen_path_totals one, many;
  uint64_t h1[32], hn[32];
  if (meter_run(1, &one, h1)) {
    failures++;
    return;
  }
  for (int t = 2; t <= 4; t++) {
    if (meter_run(t, &many, hn)) {
      failures++;
      continue;
    }
    check(memcmp(&one, &many, sizeof one) == 0 && memcmp(h1, hn, sizeof h1) == 0, "path meter", t);
  }
  printf("path meter 3 steps of 327803 values: 1, 2, 3 and 4 threads bit-identical\n");
}

int main(void) {
  const char *s = getenv("LIMEN_TEST_SCALE");
  double scale = s ? atof(s) : 1.0;
  if (!(scale > 0) || !isfinite(scale)) scale = 1.0;
  limen_langevin_config c = limen_langevin_config_default();
  c.n_traj = (size_t)fmax(64.0, 2000.0 * scale);
  c.dt = 2e-3;
  c.seed = 7;
  c.record = LIMEN_RECORD_HISTOGRAMS | LIMEN_RECORD_SAMPLES | LIMEN_RECORD_PASSAGE;
  c.n_sample_traj = 8;
  c.sample_every = 50;
  c.passage_x = 0.0;
  limen_protocol *erase = NULL;
  limen_error err;
  if (limen_protocol_alloc_erasure(6, 0.5, 3, 1, 2.0, &erase, &err)) {
    fprintf(stderr, "FAIL: erasure protocol: %s\n", err.msg);
    return 1;
  }
  compare("erasure", erase, c);
  const limen_integrator_type *heun = NULL;
  if (limen_integrator_type_find("heun", &heun, &err) == LIMEN_OK) {
    c.integrator = heun;
    compare("heun", erase, c);
  } else {
    fprintf(stderr, "FAIL: integrator heun: %s\n", err.msg);
    failures++;
  }
  limen_protocol_free(erase);
  compare_sweeps();
  compare_meter();
  if (failures) {
    fprintf(stderr, "%d failed\n", failures);
    return 1;
  }
  printf("threads: all passed\n");
  return 0;
}
