/* SPDX-License-Identifier: GPL-3.0-or-later
 * The memo of cell quantities (common.h, limen_cache_*): projections of random workloads with
 * the memo on — computed, then served from it — equal those with the memo off, bit for bit;
 * the memo is hit when a cell repeats and missed when it changes; clearing it empties it. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "limen/limen.h"

static const char *const k_specs[] = {"landauer-adiabatic", "lim-finite-time", "lim-matched", "cim-static"};
#define NSPEC 4

static double uniform(unsigned long long *s) {
  *s = *s * 6364136223846793005ull + 1442695040888963407ull;
  return (double)(*s >> 11) * 0x1p-53;
}

/* A workload with random bits, time, temperature, retention, failure and success inputs. */
static limen_workload random_workload(unsigned long long *s) {
  limen_workload w = limen_workload_default();
  w.bits = 2 + floor(uniform(s) * 30);
  w.train_time_s = pow(10.0, 4.0 + 4.0 * uniform(s));
  w.temperature_K = 200 + 200 * uniform(s);
  w.retention_time_s = pow(10.0, 5.0 + 4.0 * uniform(s));
  w.retention_fail = pow(10.0, -9.0 + 6.0 * uniform(s));
  w.write_fail = pow(10.0, -9.0 + 6.0 * uniform(s));
  w.success = 1.0 - 0.3 * uniform(s) * (uniform(s) < 0.5);
  return w;
}

static void project(const limen_workload *w, limen_projection *out) {
  limen_error e;
  cr_assert_eq(limen_project(w, k_specs, NSPEC, NULL, NULL, out, &e), LIMEN_OK, "%s", e.msg);
}

static void same(const limen_projection *a, const limen_projection *b) {
  for (int i = 0; i < NSPEC; i++) {
    cr_assert(memcmp(&a[i].energy_J, &b[i].energy_J, sizeof(double)) == 0 && a[i].floor_J == b[i].floor_J &&
                  a[i].n_assumptions == b[i].n_assumptions,
              "%s: %.17g vs %.17g", a[i].name, a[i].energy_J, b[i].energy_J);
    for (size_t k = 0; k < a[i].n_assumptions; k++) cr_assert_str_eq(a[i].assumptions[k], b[i].assumptions[k]);
  }
}

Test(cache, random_workloads_equal_uncached) {
  unsigned long long s = 2026;
  for (int t = 0; t < 12; t++) {
    limen_workload w = random_workload(&s);
    limen_projection off[NSPEC], first[NSPEC], again[NSPEC];
    limen_cache_enable(0);
    project(&w, off);
    limen_cache_enable(1);
    limen_cache_clear();
    project(&w, first);
    unsigned long long h0 = 0, m0 = 0, h1 = 0, m1 = 0;
    limen_cache_stats(&h0, &m0);
    project(&w, again);
    limen_cache_stats(&h1, &m1);
    cr_assert(m0 > 0, "the first projection computes");
    cr_assert(h1 > h0 && m1 == m0, "the second is served from the memo: hits %llu -> %llu, misses %llu -> %llu",
              h0, h1, m0, m1);
    same(off, first);
    same(off, again);
  }
}

Test(cache, a_changed_cell_misses_and_clear_empties) {
  limen_cache_enable(1);
  limen_cache_clear();
  limen_workload w = limen_workload_default();
  limen_projection a[NSPEC];
  project(&w, a);
  unsigned long long h = 0, m = 0, m2 = 0;
  limen_cache_stats(&h, &m);
  w.retention_fail *= 2; /* another cell: E_ret, B and the static write are new */
  project(&w, a);
  limen_cache_stats(NULL, &m2);
  cr_assert(m2 >= m + 3, "misses %llu -> %llu", m, m2);
  limen_cache_clear();
  limen_cache_stats(&h, &m);
  cr_assert(h == 0 && m == 0);
}
