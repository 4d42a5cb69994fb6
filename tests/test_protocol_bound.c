/* SPDX-License-Identifier: GPL-3.0-or-later
 * The bound of a custom (JSON) protocol (validate.h): between two-well potentials the
 * coarse-grained generalized Landauer bound from the wells' occupations, with its binomial
 * standard error; one well keeps the free-energy bound.  The worked examples of
 * examples/protocols/ are the protocols run.  Expected values are closed forms computed here:
 * e_L(P) = ln 2 + P ln P + (1 − P) ln(1 − P), the delta-method error of H(p̂), ½ ln(k_f/k_i). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static double e_landauer(double p) {
  return log(2.0) + (p > 0 ? p * log(p) : 0.0) + (p < 1 ? (1 - p) * log(1 - p) : 0.0);
}
static double entropy(double p) { return log(2.0) - e_landauer(p); }

/* The delta-method standard error of H(p̂), p̂ of n draws (as documented in bounds.h). */
static double entropy_se(double p, size_t n) {
  double lo = 0.5 / (double)n;
  p = fmin(fmax(p, lo), 1 - lo);
  double s2 = p * (1 - p) / (double)n, d1 = log((1 - p) / p), d2 = 1 / (p * (1 - p));
  return sqrt(d1 * d1 * s2 + 0.5 * d2 * d2 * s2 * s2);
}

static const char *example(const char *name) {
  static char path[1024];
  snprintf(path, sizeof path, "%s", tu_test_path("../examples/protocols/"));
  strncat(path, name, sizeof path - strlen(path) - 1);
  return path;
}

/* One run: a ready-made protocol (name) or a file; Fokker–Planck or a Langevin ensemble. */
static limen_sim_summary run(const char *name, const char *file, int fp, size_t n, limen_simulate_result *r) {
  limen_simulate_config c = limen_simulate_config_default();
  limen_error e;
  c.protocol = name;
  c.protocol_file = file;
  c.method = fp ? "fokker-planck" : "langevin";
  if (!fp) cr_assert_eq(limen_simulate_config_set(&c, "trajectories", (double)n, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_simulate_run(&c, NULL, r, &e), LIMEN_OK, "%s", e.msg);
  return r->report.summary;
}

Test(protocol_bound, information_term_closed_form) {
  limen_error e;
  double v = 0, se = 0;
  cr_assert_eq(limen_landauer_information_kT(0.5, 0, 0.9, 1000, &v, &se, &e), LIMEN_OK);
  cr_assert(fabs(v - e_landauer(0.9)) < 1e-14, "%.17g vs %.17g", v, e_landauer(0.9));
  cr_assert(fabs(se - entropy_se(0.9, 1000)) < 1e-15);
  cr_assert_eq(limen_landauer_information_kT(1.0, 0, 0.5, 0, &v, &se, &e), LIMEN_OK);
  cr_assert(fabs(v + log(2.0)) < 1e-15 && se == 0.0, "entropy grows: −ln 2, exact");
  /* no failure seen in 100 draws: the error of half a trajectory, not 0 */
  cr_assert_eq(limen_landauer_information_kT(0.5, 0, 1.0, 100, &v, &se, &e), LIMEN_OK);
  cr_assert(fabs(se - entropy_se(0.005, 100)) < 1e-15 && se > 0);
  cr_assert_eq(limen_landauer_information_kT(0.5, 0, 1.5, 0, &v, NULL, &e), LIMEN_EINVAL);
}

/* Regression: a custom erasure was compared with "free-energy 0 kT".  Fokker–Planck (noise-free):
 * the bound is e_L of the final occupation, the built-in erasure's Landauer part to round-off. */
Test(protocol_bound, custom_erasure_gets_the_landauer_bound_fp) {
  limen_simulate_result rb, rc;
  limen_sim_summary b = run("erasure", NULL, 1, 0, &rb), c = run(NULL, example("erasure.json"), 1, 0, &rc);
  cr_assert_str_eq(rc.report.kind, "custom");
  cr_assert_str_eq(c.bound.name, "coarse-grained-landauer");
  cr_assert_str_eq(c.bound.quantity, "work");
  cr_assert(fabs(c.bound.occupation_initial - 0.5) < 1e-9, "symmetric start: %.12g", c.bound.occupation_initial);
  cr_assert(fabs(c.bound.occupation_final - b.success) < 1e-9, "%.12g vs %.12g", c.bound.occupation_final, b.success);
  cr_assert(fabs(c.bound.value_kT - e_landauer(c.bound.occupation_final)) < 1e-9, "%.12g", c.bound.value_kT);
  cr_assert(fabs(c.bound.value_kT - b.bound.landauer_kT) < 1e-9, "custom %.12g, built-in e_L %.12g", c.bound.value_kT,
            b.bound.landauer_kT);
  cr_assert_eq(c.bound.stderr_kT, 0.0);
  cr_assert(c.mean_work >= c.bound.value_kT);
  limen_simulate_result_clear(&rb);
  limen_simulate_result_clear(&rc);
}

/* Langevin: the bound from the measured occupation, its stated error the delta method's, and
 * within that error of the noise-free e_L of the built-in erasure (Fokker–Planck). */
Test(protocol_bound, custom_erasure_langevin_within_its_error) {
  size_t n = (size_t)fmax(200, 2000 * tu_scale());
  limen_simulate_result rb, rc;
  limen_sim_summary b = run("erasure", NULL, 1, 0, &rb), c = run(NULL, example("erasure.json"), 0, n, &rc);
  double p = c.bound.occupation_final;
  cr_assert(fabs(p - c.success) < 1e-12, "target x < 0 is the left well");
  cr_assert(fabs(c.bound.value_kT - e_landauer(p)) < 1e-12);
  cr_assert(fabs(c.bound.stderr_kT - entropy_se(p, n)) < 1e-12, "%.12g vs %.12g", c.bound.stderr_kT,
            entropy_se(p, n));
  double z = (c.bound.value_kT - b.bound.landauer_kT) / c.bound.stderr_kT;
  printf("protocol_bound: custom erasure, %zu trajectories: bound %.5f +- %.5f kT, built-in e_L %.5f kT, z = %+.2f\n",
         n, c.bound.value_kT, c.bound.stderr_kT, b.bound.landauer_kT, z);
  cr_assert(fabs(z) < 4, "z = %.2f", z);
  limen_simulate_result_clear(&rb);
  limen_simulate_result_clear(&rc);
}

/* A symmetric cell whose barrier is lowered and raised again erases nothing: information ≈ 0. */
static const char *cycle_json =
    "{\"name\": \"barrier-cycle\", \"potential\": {\"type\": \"quartic\"}, \"initial\": {\"barrier\": 6},"
    " \"segments\": [{\"duration\": 2, \"end\": {\"barrier\": 1}}, {\"duration\": 2, \"end\": {\"barrier\": 6}}]}";

Test(protocol_bound, barrier_cycle_has_no_information) {
  const char *path = tu_temp_file(cycle_json);
  cr_assert_not_null(path);
  char file[1024];
  snprintf(file, sizeof file, "%s", path);
  limen_simulate_result rf, rl;
  size_t n = (size_t)fmax(200, 2000 * tu_scale());
  limen_sim_summary f = run(NULL, file, 1, 0, &rf), l = run(NULL, file, 0, n, &rl);
  remove(file);
  cr_assert_str_eq(f.bound.name, "coarse-grained-landauer");
  cr_assert(fabs(f.bound.information_kT) < 1e-9, "Fokker–Planck: %.3g", f.bound.information_kT);
  cr_assert(fabs(f.bound.value_kT) < 1e-9, "same potential at both ends: ΔF_wells = 0");
  double p = l.bound.occupation_final, z = l.bound.information_kT / l.bound.stderr_kT;
  cr_assert(fabs(l.bound.information_kT - (log(2.0) - entropy(p))) < 1e-12);
  printf("protocol_bound: barrier cycle, %zu trajectories: left well %.4f, information %.5f +- %.5f kT, z = %+.2f\n",
         n, p, l.bound.information_kT, l.bound.stderr_kT, z);
  cr_assert(fabs(z) < 4, "z = %.2f", z);
  limen_simulate_result_clear(&rf);
  limen_simulate_result_clear(&rl);
}

/* One well (the harmonic trap of compress.json): the free-energy bound ½ ln(k_f/k_i) stays. */
Test(protocol_bound, one_well_keeps_the_free_energy_bound) {
  limen_simulate_result r;
  limen_sim_summary s = run(NULL, example("compress.json"), 1, 0, &r);
  cr_assert_str_eq(s.bound.name, "free-energy");
  cr_assert(fabs(s.bound.value_kT - 0.5 * log(4.0)) < 1e-6, "%.9g", s.bound.value_kT);
  cr_assert(isnan(s.bound.information_kT) && isnan(s.bound.occupation_final));
  cr_assert(s.mean_work >= s.bound.value_kT);
  limen_simulate_result_clear(&r);
}
