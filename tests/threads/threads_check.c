/* SPDX-License-Identifier: GPL-3.0-or-later
 * threads_check.c: the library's threaded code (the OpenMP Langevin ensemble) run with 1 to
 * 4 threads on every recorded output, for ThreadSanitizer.  A plain C program, not a
 * Criterion suite: Criterion's inheritable arena cannot coexist with ThreadSanitizer's
 * shadow memory.  It exits 1 unless every thread count gives bit-identical results, so it
 * is also an ordinary test in the other builds.  LIMEN_TEST_SCALE (default 1) scales the
 * ensemble. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  if (failures) {
    fprintf(stderr, "%d failed\n", failures);
    return 1;
  }
  printf("threads: all passed\n");
  return 0;
}
