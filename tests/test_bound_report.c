/* SPDX-License-Identifier: GPL-3.0-or-later
 * The per-operation report of `limen bound` (bound_report.h): the kinds, the inputs a report
 * reads, the default barrier, the critical tilt and the precision's Kramers limit in the text;
 * the critical tilts of cell.h and the passage plan of validate.h. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/limen.h"

static const limen_report_row *row(const limen_bound_report *r, const char *key) {
  for (size_t i = 0; i < r->n_rows; i++)
    if (strcmp(r->rows[i].key, key) == 0) return &r->rows[i];
  cr_assert_fail("no row '%s'", key);
  return NULL;
}

static const limen_bound_kind *kind(const char *name) {
  const limen_bound_kind *k = NULL;
  limen_error e;
  cr_assert_eq(limen_bound_kind_find(name, &k, &e), LIMEN_OK, "%s", e.msg);
  return k;
}

Test(bound_report, kinds_and_lookup) {
  size_t n = 0;
  for (const limen_bound_kind *const *k = limen_bound_kinds(); *k; k++, n++) cr_assert(kind((*k)->name) == *k);
  cr_assert_eq(n, 7);
  const limen_bound_kind *k = NULL;
  limen_error e;
  cr_assert_eq(limen_bound_kind_find("nope", &k, &e), LIMEN_ENOTFOUND);
  cr_assert(strstr(e.msg, "finite-time") != NULL);
}

Test(bound_report, landauer_is_ln2_in_every_unit) {
  static limen_bound_report r;
  limen_bound_inputs in = limen_bound_inputs_default();
  cr_assert_eq(limen_bound_report_compute(kind("landauer"), &in, NULL, &r, NULL), LIMEN_OK);
  cr_assert(fabs(row(&r, "energy_kT")->value - LIMEN_LN2) < 1e-15);
  cr_assert(fabs(row(&r, "energy_kTln2")->value - 1.0) < 1e-15);
  cr_assert(row(&r, "success")->input == 1 && row(&r, "energy_J")->input == 0);
}

Test(bound_report, unset_barrier_is_the_retention_barrier) {
  static limen_bound_report r;
  limen_bound_inputs in = limen_bound_inputs_default();
  double E = 0;
  cr_assert_eq(limen_retention_barrier(in.retention_time_s / in.tau0_s, in.retention_fail, NULL, &E, NULL), 0);
  cr_assert_eq(limen_bound_report_compute(kind("finite-time"), &in, NULL, &r, NULL), LIMEN_OK);
  cr_assert_eq(row(&r, "barrier_kT")->value, E);
  cr_assert(strstr(row(&r, "barrier_kT")->label, "E_ret") != NULL);
  double b = 0;
  cr_assert_eq(limen_bound_inputs_barrier(&in, NULL, &b, NULL), LIMEN_OK);
  cr_assert_eq(b, E);
}

Test(bound_report, tilt_beyond_the_critical_one_is_rejected) {
  static limen_bound_report r;
  limen_bound_inputs in = limen_bound_inputs_default();
  in.barrier_kT = 3;
  in.well = LIMEN_WELL_WASHBOARD;
  limen_well w = {LIMEN_WELL_WASHBOARD, 3.0, 0.0, 2};
  cr_assert_eq(limen_well_critical_tilt(&w), LIMEN_PI * 3.0);
  cr_assert_eq(limen_washboard_critical_tilt(3.0), LIMEN_PI * 3.0);
  w.kind = LIMEN_WELL_QUARTIC;
  cr_assert_eq(limen_well_critical_tilt(&w), limen_quartic_critical_tilt(3.0));
  in.tilt_kT = 1.01 * LIMEN_PI * 3.0;
  limen_error e;
  cr_assert_eq(limen_bound_report_compute(kind("kramers"), &in, NULL, &r, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "tilt_kT") != NULL);
  in.tilt_kT = 0.5;
  cr_assert_eq(limen_bound_report_compute(kind("mfpt"), &in, NULL, &r, &e), LIMEN_OK, "%s", e.msg);
  cr_assert(row(&r, "kramers_over_mfpt")->value > 0);
}

/* The Kramers validity text follows limen_precision.kramers_min_barrier_kT. */
Test(bound_report, kramers_validity_from_the_precision) {
  static limen_bound_report r;
  limen_bound_inputs in = limen_bound_inputs_default();
  in.barrier_kT = 4;
  cr_assert_eq(limen_bound_report_compute(kind("kramers"), &in, NULL, &r, NULL), LIMEN_OK);
  cr_assert(strstr(r.validity, "NOT VALID") && strstr(r.validity, "below 5 kT"), "%s", r.validity);
  limen_precision p = limen_precision_default();
  p.kramers_min_barrier_kT = 3;
  cr_assert_eq(limen_bound_report_compute(kind("kramers"), &in, &p, &r, NULL), LIMEN_OK);
  cr_assert(strstr(r.validity, "here ΔU >= 3 kT") != NULL, "%s", r.validity);
}

Test(bound_report, passage_plan_is_forty_exact_means) {
  double lt = 0, d = 0;
  limen_error e;
  cr_assert_eq(limen_passage_plan(3.0, -1.0, 1.0, &lt, &d, &e), LIMEN_OK, "%s", e.msg);
  limen_well w = {LIMEN_WELL_QUARTIC, 3.0, 0.0, 0};
  double ref = 0;
  cr_assert_eq(limen_mfpt_log(&w, -1.0, 1.0, NULL, &ref, NULL), LIMEN_OK);
  cr_assert_eq(lt, ref);
  cr_assert_eq(d, LIMEN_PASSAGE_RUN_FACTOR * exp(ref));
  cr_assert_eq(limen_passage_plan(3.0, 1.0, 1.0, &lt, &d, &e), LIMEN_EINVAL);
}

/* The rules between the inputs a user gives: unused inputs, levels without the washboard, a
 * tilt that leaves no barrier; each names the input (message and field), valid sets pass. */
Test(bound_report, given_inputs_rules_name_the_input) {
  limen_bound_inputs in = limen_bound_inputs_default();
  limen_error e;
  cr_assert_eq(limen_bound_inputs_given_check(kind("landauer"), &in, LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_TAU), &e),
               LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "tau does not apply to 'bound landauer'");
  cr_assert_str_eq(e.field, "tau");
  cr_assert_eq(limen_bound_inputs_given_check(kind("landauer"), &in, LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_WELL), &e),
               LIMEN_EINVAL);
  cr_assert_str_eq(e.field, "well");
  unsigned lv = LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_LEVELS) | LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_BARRIER);
  cr_assert_eq(limen_bound_inputs_given_check(kind("kramers"), &in, lv, &e), LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "levels needs --well washboard");
  cr_assert_str_eq(e.field, "levels");
  in.well = LIMEN_WELL_WASHBOARD;
  cr_assert_eq(limen_bound_inputs_given_check(kind("kramers"), &in, lv, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_bound_inputs_given_check(kind("hop"), &in, LIMEN_BOUND_IN_MASK(LIMEN_BOUND_IN_MOVE), &e),
               LIMEN_OK);
}

Test(bound_report, well_check_refuses_a_tilt_without_barrier) {
  limen_bound_inputs in = limen_bound_inputs_default();
  limen_error e;
  in.barrier_kT = 3;
  in.tilt_kT = 5;
  cr_assert_eq(limen_bound_inputs_well_check(kind("mfpt"), &in, NULL, &e), LIMEN_EINVAL);
  cr_assert(strncmp(e.msg, "tilt = 5: the barrier of 3 kT vanishes", 38) == 0, "%s", e.msg);
  cr_assert(strstr(e.msg, "(f_c = 8E_b/(3√3)); allowed range (-4.618802154, 4.618802154) kT") != NULL, "%s", e.msg);
  cr_assert_str_eq(e.field, "tilt");
  cr_assert_str_eq(e.value, "5");
  in.well = LIMEN_WELL_WASHBOARD;
  in.tilt_kT = -10;
  cr_assert_eq(limen_bound_inputs_well_check(kind("kramers"), &in, NULL, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "(π·E_b)") != NULL, "%s", e.msg);
  in.tilt_kT = 5; /* below π·3 */
  cr_assert_eq(limen_bound_inputs_well_check(kind("kramers"), &in, NULL, &e), LIMEN_OK, "%s", e.msg);
  in.tilt_kT = 100; /* finite-time does not read the tilt; the default barrier exists */
  in.barrier_kT = NAN;
  cr_assert_eq(limen_bound_inputs_well_check(kind("finite-time"), &in, NULL, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_bound_inputs_well_check(kind("landauer"), &in, NULL, &e), LIMEN_OK, "%s", e.msg);
}

Test(bound_report, wells_by_name) {
  const char *const *w = limen_bound_well_names();
  cr_assert_str_eq(w[0], "quartic");
  cr_assert_str_eq(w[1], "washboard");
  cr_assert_null(w[2]);
  limen_bound_inputs in = limen_bound_inputs_default();
  cr_assert_eq(in.well, LIMEN_WELL_QUARTIC);
  limen_error e;
  cr_assert_eq(limen_bound_inputs_set_well(&in, "washboard", &e), LIMEN_OK);
  cr_assert_eq(in.well, LIMEN_WELL_WASHBOARD);
  cr_assert_eq(limen_bound_inputs_set_well(&in, "triple", &e), LIMEN_ENOTFOUND);
  cr_assert_eq(e.code, LIMEN_ENOTFOUND); /* the status returned is the one recorded */
  cr_assert_str_eq(e.msg, "well = 'triple': allowed quartic, washboard");
  cr_assert_str_eq(e.field, "well");
  cr_assert_eq(in.well, LIMEN_WELL_WASHBOARD);
}

/* A mean first-passage time beyond a double is written as e^(its logarithm), never inf; a rate
 * below a double likewise, never a 0 that is not one. */
Test(bound_report, values_beyond_a_double_are_written_by_their_logarithm) {
  static limen_bound_report r;
  limen_bound_inputs in = limen_bound_inputs_default();
  in.barrier_kT = 800;
  limen_error err;
  cr_assert_eq(limen_bound_report_compute(kind("mfpt"), &in, NULL, &r, &err), LIMEN_OK, "%s", err.msg);
  const limen_report_row *t = row(&r, "mfpt_tau0"), *l = row(&r, "log_mfpt_tau0");
  cr_assert(t->text && strstr(t->text, "beyond a double"), "%s", t->text ? t->text : "(a number)");
  char want[64];
  snprintf(want, sizeof want, "e^%.6g τ₀", l->value);
  cr_assert(strncmp(t->text, want, strlen(want)) == 0, "%s vs %s", t->text, want);
  cr_assert_eq(limen_bound_report_compute(kind("kramers"), &in, NULL, &r, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(row(&r, "rate_per_tau0")->text && strstr(row(&r, "rate_per_tau0")->text, "below a double"));
  in.barrier_kT = 8; /* representable: numbers */
  cr_assert_eq(limen_bound_report_compute(kind("kramers"), &in, NULL, &r, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(!row(&r, "rate_per_tau0")->text && row(&r, "rate_per_tau0")->value > 0);
}
