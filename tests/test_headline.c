/* SPDX-License-Identifier: GPL-3.0-or-later
 * The learning-in-memory headline (theory §4; arXiv:2402.14878) with the default inputs.
 *
 * What is checked, and why in this form:
 *  - brain-scale landauer-adiabatic and lim-finite-time both lie in [1e8, 1e9] J and within
 *    10× of each other;
 *  - every accelerator:* projection whose profile is of class "accelerator" (today's hardware:
 *    Horowitz 45 nm, A100, H100) is at least 1e6× landauer-adiabatic;
 *  - cim-static lies strictly between lim-finite-time and those accelerators.
 * Under the per-flop convention OPS = C, so an accelerator's ratio to Landauer does not depend
 * on C at all: ratio = e_flop / (n·kT·ln2).  With n = 16 at 300 K, n·kT·ln2 = 4.6e-20 J, and
 * today's hardware (0.7-2.3 pJ/FLOP) sits 1.5e7-5e7 above it.  The projected CMOS limit (Epoch
 * AI, 4.7e15 FLOP/J at FP4, class "limit") gives 2.1e-16 J/FLOP, i.e. a ratio of about 4.6e3,
 * not 1e6: the "6-7 orders of magnitude" of the reference refer to today's accelerators, and
 * the test reports the CMOS-limit ratio for what it is instead of asserting it. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static limen_projection g_r[64];

Test(headline, brain_scale) {
  limen_profile_set *profiles = NULL;
  limen_error err;
  cr_assert_eq(limen_profiles_load(NULL, &profiles, &err), LIMEN_OK, "%s", err.msg);
  limen_workload w = limen_workload_default();

  /* every paradigm: the fixed ones plus accelerator:<each profile with an energy per FLOP> */
  char specs_buf[64][96];
  const char *specs[64];
  size_t n = 0;
  const char *fixed[] = {"landauer-adiabatic", "lim-finite-time", "lim-matched", "cim-static",
                         "cim-static:hermes-14nm"};
  for (size_t i = 0; i < 5; i++) specs[n++] = fixed[i];
  for (size_t i = 0; i < profiles->count && n < 64; i++) {
    if (isnan(profiles->profiles[i].energy_per_flop_J)) continue;
    snprintf(specs_buf[n], sizeof specs_buf[n], "accelerator:%s", profiles->profiles[i].name);
    specs[n] = specs_buf[n];
    n++;
  }
  cr_assert_eq(limen_project(&w, specs, n, profiles, NULL, g_r, &err), LIMEN_OK, "%s", err.msg);
  for (size_t i = 0; i < n; i++)
    cr_log_info("%-28s %12.4g J  (%9.4g × headline floor)", g_r[i].name, g_r[i].energy_J,
                g_r[i].energy_J / g_r[i].headline_floor_J);

  double land = g_r[0].energy_J, lim = g_r[1].energy_J, cim = g_r[3].energy_J;
  cr_assert(land >= 1e8 && land <= 1e9, "landauer-adiabatic = %g J", land);
  cr_assert(lim >= 1e8 && lim <= 1e9, "lim-finite-time = %g J", lim);
  cr_assert(fmax(lim, land) / fmin(lim, land) <= 10.0, "LIM/Landauer = %g", lim / land);
  cr_assert(lim >= land, "lim-finite-time below Landauer: %g < %g", lim, land);

  double min_today = HUGE_VAL;
  int n_today = 0;
  for (size_t i = 5; i < n; i++) {
    const limen_profile *pr = NULL;
    cr_assert_eq(limen_profiles_find(profiles, specs[i] + strlen("accelerator:"), &pr, &err),
                 LIMEN_OK);
    double ratio = g_r[i].energy_J / g_r[i].headline_floor_J; /* same C, any format */
    double expect = pr->energy_per_flop_J / (w.bits * limen_kT(w.temperature_K) * LIMEN_LN2);
    cr_assert(tu_close_rel(ratio, expect, 1e-12), "%s", specs[i]);
    if (pr->cls == LIMEN_PROFILE_ACCELERATOR) {
      n_today++;
      cr_assert(ratio >= 1e6, "%s only %g × landauer", specs[i], ratio);
      min_today = fmin(min_today, g_r[i].energy_J);
    } else {
      cr_log_info("%s (class %s): %.3g × landauer-adiabatic (not held to 1e6: a projected limit)",
                  specs[i], limen_profile_class_name(pr->cls), ratio);
      if (strcmp(pr->name, "cmos-limit") == 0)
        cr_assert(ratio > 1e3 && ratio < 1e4, "cmos-limit ratio %g", ratio);
    }
  }
  cr_assert(n_today >= 3, "horowitz-45nm, a100, h100 expected");
  cr_assert(cim > lim && cim < min_today, "cim-static = %g J not between %g and %g", cim, lim,
            min_today);
  limen_profiles_free(profiles);
}
