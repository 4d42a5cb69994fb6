/* SPDX-License-Identifier: GPL-3.0-or-later
 * The simulator's reference checks (validate.h, the same code as `limen validate`): every
 * row must pass.  One Criterion test per check so that they run in parallel; ensemble sizes
 * follow LIMEN_TEST_SCALE (tolerances are standard errors of the reduced ensembles). */
#include <criterion/criterion.h>
#include <math.h>

#include "limen/validate.h"
#include "testutil.h"

static void run_check(const char *name) {
  limen_validate_options o = limen_validate_options_default();
  o.scale = tu_scale();
  o.only = name;
  o.threads = 1; /* Criterion runs two tests at a time */
  limen_validate_report rep;
  limen_error err;
  int st = limen_validate_run(&o, &rep, &err);
  cr_assert_eq(st, LIMEN_OK, "%s: %s", name, err.msg);
  cr_assert_gt(rep.n_rows, 0, "%s produced no rows", name);
  for (size_t i = 0; i < rep.n_rows; i++) {
    const limen_validate_row *r = &rep.rows[i];
    cr_log_info("%-45s expected %.6g measured %.6g tol %.3g z %+.2f %s", r->name, r->expected, r->measured,
                r->tolerance, r->z, r->pass ? "pass" : "FAIL");
    cr_expect(r->pass, "%s: expected %.6g, measured %.6g, tolerance %.3g, z = %.2f (%s)", r->name, r->expected,
              r->measured, r->tolerance, r->z, r->note);
  }
  limen_validate_report_clear(&rep);
}

Test(validate, em_variance) { run_check("em-variance"); }
Test(validate, ou_transition) { run_check("ou-transition"); }
Test(validate, schmiedl_seifert) { run_check("schmiedl-seifert"); }
Test(validate, stiffness) { run_check("stiffness"); }
Test(validate, jarzynski) { run_check("jarzynski"); }
Test(validate, mfpt, .timeout = 900) { run_check("mfpt"); }
Test(validate, erasure, .timeout = 900) { run_check("erasure"); }
Test(validate, erasure_optimal, .timeout = 900) { run_check("erasure-optimal"); }
Test(validate, static_write) { run_check("static-write"); }
Test(validate, hopping) { run_check("hopping"); }

Test(validate, names_and_errors) {
  const char *const *n = limen_validate_check_names();
  size_t k = 0;
  while (n[k]) k++;
  cr_expect_eq(k, 10);
  limen_validate_options o = limen_validate_options_default();
  o.only = "no-such-check";
  limen_validate_report rep;
  limen_error err;
  cr_expect_eq(limen_validate_run(&o, &rep, &err), LIMEN_ENOTFOUND);
  o = limen_validate_options_default();
  o.scale = -1;
  cr_expect_eq(limen_validate_run(&o, &rep, &err), LIMEN_EINVAL);
}
