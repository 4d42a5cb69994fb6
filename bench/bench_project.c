/* SPDX-License-Identifier: GPL-3.0-or-later
 * bench_project.c: projections per second of every default paradigm on the grid of
 * `limen sweep --vary bits=4:32:29 --vary time=8.64e4:2.6e7:200:log` (5,800 points, brain-scale
 * workload), each against landauer-adiabatic (pure closed form) on the same grid in the same
 * run, as `limen sweep` and the figures project them (limen_paradigm_project_numbers, without
 * the assumption lines).  "cold": the memo of cell quantities cleared before the paradigm's pass
 * (what one sweep meets); "warm": a second pass (every cell already known); "no memo": the memo
 * switched off, on the first `--uncached` points only (seconds per point otherwise); "lines": a
 * cold pass with the assumption lines (limen_paradigm_project, as `limen project` and the Python
 * package's project() make them).  Each figure twice: by the
 * wall clock and (…_cpu) by the thread's CPU time, which other jobs on a shared machine disturb
 * far less.
 *
 * usage: bench_project [--uncached N]      prints one "key value" line per figure */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limen/limen.h"

#define NB 29
#define NT 200

static double now(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Seconds (wall clock; *cpu: the thread's CPU time) for the first `points` grid points of
 * paradigm p, with the assumption lines when `lines`. */
static double pass(const limen_paradigm *p, size_t points, int lines, double *cpu, limen_error *err) {
  limen_workload base = limen_workload_default();
  limen_projection out;
  double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_THREAD_CPUTIME_ID);
  size_t k = 0;
  for (size_t i = 0; i < NB && k < points; i++)
    for (size_t j = 0; j < NT && k < points; j++, k++) {
      limen_workload w = base;
      w.bits = 4.0 + (double)i;
      w.train_time_s = limen_grid_point(8.64e4, 2.6e7, j, NT, 1);
      const int rc = lines ? limen_paradigm_project(p, &w, NULL, &out, err)
                           : limen_paradigm_project_numbers(p, &w, NULL, &out, err);
      if (rc != LIMEN_OK) return -1.0;
    }
  *cpu = now(CLOCK_THREAD_CPUTIME_ID) - c0;
  return now(CLOCK_MONOTONIC) - t0;
}

int main(int argc, char **argv) {
  size_t uncached = 20;
  for (int i = 1; i + 1 < argc; i += 2)
    if (strcmp(argv[i], "--uncached") == 0) uncached = (size_t)atol(argv[i + 1]);
  limen_error err;
  limen_profile_set *profiles = NULL;
  if (limen_profiles_load(NULL, &profiles, &err) != LIMEN_OK) {
    fprintf(stderr, "bench_project: %s\n", err.msg);
    return 1;
  }
  const char *const *specs = limen_paradigm_default_specs();
  printf("points %d\n", NB * NT);
  for (size_t s = 0; specs[s]; s++) {
    limen_paradigm *p = NULL;
    if (limen_paradigm_alloc(specs[s], profiles, &p, &err) != LIMEN_OK) {
      fprintf(stderr, "bench_project: %s\n", err.msg);
      return 1;
    }
    limen_cache_enable(1);
    limen_cache_clear();
    double cc, wc, oc, lc;
    double cold = pass(p, NB * NT, 0, &cc, &err), warm = pass(p, NB * NT, 0, &wc, &err);
    unsigned long long hits = 0, misses = 0;
    limen_cache_stats(&hits, &misses);
    limen_cache_enable(0);
    double off = pass(p, uncached, 0, &oc, &err);
    limen_cache_enable(1);
    limen_cache_clear();
    double lines = pass(p, NB * NT, 1, &lc, &err);
    limen_paradigm_free(p);
    if (cold < 0 || warm < 0 || off < 0 || lines < 0) {
      fprintf(stderr, "bench_project: %s: %s\n", specs[s], err.msg);
      return 1;
    }
    printf("%s cold %.6g warm %.6g uncached %.6g lines %.6g cold_cpu %.6g warm_cpu %.6g uncached_cpu %.6g "
           "lines_cpu %.6g memo_hits %llu memo_misses %llu\n",
           specs[s], NB * NT / cold, NB * NT / warm, (double)uncached / off, NB * NT / lines, NB * NT / cc,
           NB * NT / wc, (double)uncached / oc, NB * NT / lc, hits, misses);
  }
  limen_profiles_free(profiles);
  return 0;
}
