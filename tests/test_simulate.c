/* SPDX-License-Identifier: GPL-3.0-or-later
 * One simulation as one library call (simulate.h): the input table (made from the protocol,
 * Langevin, Fokker–Planck and bound rows; defaults equal limen_simulate_config_default and in
 * range, both ends refused naming the member), times in τ₀ or seconds, the rules between the
 * inputs (messages start with the input's name, err->field names it), results equal to calling
 * the engines directly, the first-passage plan, the files of --out; and the input table of the
 * reference checks (limen_validate_inputs) and limen_text_file_write. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/limen.h"
#include "limen/report.h"
#include "testutil.h"

/* Values just outside both ends of a row's range. */
static void outside(const limen_input *in, double v[2]) {
  const int whole = in->type != LIMEN_INPUT_DOUBLE;
  v[0] = in->lo_open ? in->lo : in->lo - (whole ? 1 : fmax(1e-6, 1e-3 * fabs(in->lo)));
  v[1] = in->hi_open ? in->hi : in->hi + (whole ? 1 : fmax(1e-6, 1e-3 * fabs(in->hi)));
}

/* ---- the input table ------------------------------------------------------------------------ */

Test(simulate, inputs_are_the_modules_rows) {
  size_t n = 0, np = 0, nl = 0;
  const limen_input *t = limen_simulate_inputs(&n), *p = limen_protocol_inputs(&np), *l = limen_langevin_inputs(&nl);
  cr_assert_eq(n, LIMEN_SIMULATE_IN_COUNT);
  cr_assert_eq(np + nl + 4, n);
  for (size_t i = 0; i < np; i++) cr_assert_str_eq(t[i].name, p[i].name);
  for (size_t i = 0; i < nl; i++) cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TRAJECTORIES + i].name, l[i].name);
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TAU].name, "tau");
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_DT].name, "dt");
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_CELLS].name, limen_fp_inputs(NULL)[0].name);
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TAU0].name, limen_bound_input_row(LIMEN_BOUND_IN_TAU0)->name);
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TEMPERATURE].name, limen_bound_input_row(LIMEN_BOUND_IN_TEMPERATURE)->name);
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_MAX_WORK].name, "max-work");
  cr_assert_eq(limen_simulate_config_default().max_work, LIMEN_WORK_CAP);
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TRAJECTORIES].member, "langevin.n_traj");
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TAU].member, "args.duration");
  cr_assert_str_eq(t[LIMEN_SIMULATE_IN_TAU0].member, "tau0_s");
}

Test(simulate, defaults_equal_the_table_and_in_range) {
  size_t n = 0;
  const limen_input *t = limen_simulate_inputs(&n);
  limen_simulate_config d = limen_simulate_config_default();
  limen_error e;
  cr_assert_eq(d.given, 0u);
  cr_assert_null(d.protocol);
  cr_assert_eq(d.tau0_s, 1e-9);
  cr_assert_eq(d.langevin.n_traj, 10000);
  for (size_t i = 0; i < n; i++) {
    const double v = limen_input_get(&t[i], &d);
    cr_assert(v == t[i].default_value || (isnan(v) && isnan(t[i].default_value)), "%s: %g vs %g", t[i].name, v,
              t[i].default_value);
    if (i != LIMEN_SIMULATE_IN_PASSAGE) /* "none (no passage recorded)" */
      cr_assert(limen_input_in_range(&t[i], v) || isnan(v), "%s = %g out of its range", t[i].name, v);
  }
  cr_assert_eq(limen_simulate_inputs_check(&d, &e), LIMEN_OK, "%s", e.msg);
}

Test(simulate, ends_refused_naming_the_member) {
  size_t n = 0;
  const limen_input *t = limen_simulate_inputs(&n);
  const limen_simulate_config d = limen_simulate_config_default();
  limen_error e;
  for (size_t i = 0; i < n; i++) {
    double v[2];
    outside(&t[i], v);
    for (int k = 0; k < 2; k++) {
      if (!isfinite(v[k]) || (v[k] < 0 && (t[i].type == LIMEN_INPUT_SIZE || t[i].type == LIMEN_INPUT_UINT64)))
        continue; /* an unbounded end, or one an unsigned member cannot hold */
      limen_simulate_config c = d;
      c.given = ~0u;
      c.langevin.passage_x = 1.0;
      limen_input_set(&t[i], &c, v[k]);
      cr_assert_eq(limen_simulate_inputs_check(&c, &e), LIMEN_EINVAL, "%s = %g accepted", t[i].name, v[k]);
      cr_assert(strncmp(e.msg, t[i].name, strlen(t[i].name)) == 0 && strstr(e.trace, t[i].member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", e.msg, t[i].name, e.trace, t[i].member);
      char text[64];
      snprintf(text, sizeof text, "%.17g", v[k]);
      c = d;
      cr_assert_neq(limen_simulate_config_set_text(&c, t[i].name, text, &e), LIMEN_OK, "%s = %s", t[i].name, text);
      cr_assert_eq(c.given, 0u);
      cr_assert_eq(strncmp(e.msg, t[i].name, strlen(t[i].name)), 0, "'%s'", e.msg);
    }
  }
  /* start and passage are checked only when given */
  limen_simulate_config c = d;
  c.langevin.x0 = 99;
  cr_assert_eq(limen_simulate_inputs_check(&c, &e), LIMEN_OK, "%s", e.msg);
}

/* ---- times and setters ------------------------------------------------------------------------ */

Test(simulate, time_parse) {
  const limen_input *dt = &limen_simulate_inputs(NULL)[LIMEN_SIMULATE_IN_DT];
  limen_error e;
  double v = 0;
  /* a bare number is in seconds, as in every limen time option; cell time takes the unit tau0 */
  cr_assert_eq(limen_simulate_time_parse(dt, "2e-8", 1e-9, &v, &e), LIMEN_OK);
  cr_assert_float_eq(v, 20.0, 1e-13);
  cr_assert_eq(limen_simulate_time_parse(dt, "2e-8", 2e-9, &v, &e), LIMEN_OK);
  cr_assert_float_eq(v, 10.0, 1e-13);
  cr_assert_eq(limen_simulate_time_parse(dt, "20tau0", 2e-9, &v, &e), LIMEN_OK);
  cr_assert_eq(v, 20);
  cr_assert_eq(limen_simulate_time_parse(dt, "2e-12s", 1e-9, &v, &e), LIMEN_OK);
  cr_assert_float_eq(v, 2e-3, 1e-18);
  cr_assert_eq(limen_simulate_time_parse(dt, "5e-9s", 1e-9, &v, &e), LIMEN_OK);
  cr_assert_eq(v, 5);
  cr_assert_eq(limen_simulate_time_parse(dt, "20ns", 1e-9, &v, &e), LIMEN_OK);
  cr_assert_eq(v, 20.0 / 1e9 / 1e-9);
  cr_assert_eq(limen_simulate_time_parse(dt, "3tau0", 1e-9, &v, &e), LIMEN_OK);
  cr_assert_eq(v, 3);
  static const char *const bad[] = {"abc", "s", "", "1e400s", "2 s", "nan", "inf", "0x10", " 3", "3parsec",
                                    "3 tau0", "3tau", "tau0", "1e400", "1e400tau0"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    cr_assert_eq(limen_simulate_time_parse(dt, bad[i], 1e-9, &v, &e), LIMEN_EINVAL, "'%s'", bad[i]);
    char want[160];
    snprintf(want, sizeof want,
             "dt = '%s': expected a duration: a number in seconds, a number with a time unit (s, ms, us, ns, min, "
             "h, d, y) or cell time with the unit tau0 (20tau0)",
             bad[i]);
    cr_assert_str_eq(e.msg, want);
    cr_assert_str_eq(e.field, "dt");
  }
  cr_assert_eq(limen_simulate_time_parse(dt, "0", 1e-9, &v, &e), LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "dt = 0 (0 tau0 at tau0 = 1e-09 s): allowed range (0, 1e+12] tau0");
  cr_assert_str_eq(e.range, "(0, 1e+12] tau0");
  cr_assert_eq(limen_simulate_time_parse(dt, "2e3s", 1e-9, &v, &e), LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "dt = 2e3s (2e+12 tau0 at tau0 = 1e-09 s): allowed range (0, 1e+12] tau0");
  char longtext[200];
  memset(longtext, '1', sizeof longtext - 1);
  longtext[sizeof longtext - 1] = '\0';
  cr_assert_eq(limen_simulate_time_parse(dt, longtext, 1e-9, &v, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "allowed range") && strlen(e.msg) < 200, "%s", e.msg); /* the text cut in the message */
}

Test(simulate, setters_mark_given) {
  limen_simulate_config c = limen_simulate_config_default();
  limen_error e;
  cr_assert_eq(limen_simulate_config_set(&c, "tau0", 1e-6, &e), LIMEN_OK);
  cr_assert_eq(limen_simulate_config_set_text(&c, "tau", "3e-6s", &e), LIMEN_OK);
  cr_assert_float_eq(c.args.duration, 3.0, 1e-12);
  cr_assert_eq(limen_simulate_config_set_text(&c, "trajectories", "64", &e), LIMEN_OK);
  cr_assert_eq(c.langevin.n_traj, 64);
  const uint32_t want = LIMEN_SIMULATE_IN_MASK(LIMEN_SIMULATE_IN_TAU0) | LIMEN_SIMULATE_IN_MASK(LIMEN_SIMULATE_IN_TAU) |
                        LIMEN_SIMULATE_IN_MASK(LIMEN_SIMULATE_IN_TRAJECTORIES);
  cr_assert_eq(c.given, want);
  cr_assert_eq(limen_simulate_config_set(&c, "no-such-input", 1, &e), LIMEN_ENOTFOUND);
  cr_assert_eq(limen_simulate_config_set(&c, "trajectories", 1, &e), LIMEN_EINVAL);
  cr_assert_eq(c.langevin.n_traj, 64, "nothing written on failure");
  cr_assert_eq(c.given, want);
}

/* ---- the rules ------------------------------------------------------------------------------------ */

/* Run c and expect status st with the message starting with `msg` and err->field = field. */
static void refused(const limen_simulate_config *c, int st, const char *field, const char *msg) {
  limen_simulate_result r;
  limen_error e;
  limen_error_clear(&e);
  cr_assert_eq(limen_simulate_run(c, NULL, &r, &e), st, "expected '%s', got '%s'", msg, e.msg);
  cr_assert_eq(strncmp(e.msg, msg, strlen(msg)), 0, "'%s' does not start with '%s'", e.msg, msg);
  cr_assert_str_eq(e.field, field);
  limen_simulate_result_clear(&r);
}

static limen_simulate_config named(const char *protocol) {
  limen_simulate_config c = limen_simulate_config_default();
  c.protocol = protocol;
  c.langevin.n_traj = 64;
  return c;
}

static void give(limen_simulate_config *c, const char *name, const char *text) {
  limen_error e;
  cr_assert_eq(limen_simulate_config_set_text(c, name, text, &e), LIMEN_OK, "%s", e.msg);
}

Test(simulate, rules_refuse_naming_the_input) {
  limen_simulate_config c = limen_simulate_config_default();
  refused(&c, LIMEN_EINVAL, "protocol", "protocol: missing: give --protocol NAME or --protocol-file FILE");
  c.protocol = "erasure";
  c.protocol_file = "x.json";
  refused(&c, LIMEN_EINVAL, "protocol", "protocol conflicts with --protocol-file");
  c = named("no-such");
  refused(&c, LIMEN_ENOTFOUND, "protocol", "protocol = 'no-such': allowed erasure, ");
  c = named("trap-linear");
  give(&c, "tilt", "3");
  refused(&c, LIMEN_EINVAL, "tilt",
          "tilt is not used by --protocol trap-linear (it applies to erasure, modulated-write, static-write, hopping)");
  c = named("erasure");
  c.method = "monte-carlo";
  refused(&c, LIMEN_EINVAL, "method", "method = 'monte-carlo': allowed values langevin, fokker-planck");
  c = named("erasure");
  c.method = "fokker-planck";
  give(&c, "seed", "3");
  refused(&c, LIMEN_EINVAL, "seed", "seed applies to --method langevin only");
  c = named("erasure");
  c.method = "fokker-planck";
  c.integrator = "heun";
  refused(&c, LIMEN_EINVAL, "integrator", "integrator applies to --method langevin only");
  c = named("erasure");
  give(&c, "cells", "100");
  refused(&c, LIMEN_EINVAL, "cells", "cells applies to --method fokker-planck only");
  c = named("erasure");
  give(&c, "bins", "20");
  refused(&c, LIMEN_EINVAL, "bins", "bins applies with --out only");
  c = named("hold");
  give(&c, "passage", "1");
  refused(&c, LIMEN_EINVAL, "passage", "passage needs --start X0");
  c = named("erasure");
  give(&c, "start", "1");
  refused(&c, LIMEN_EINVAL, "start", "start applies to --protocol hold only");
  c = named("hold");
  give(&c, "start", "1");
  give(&c, "passage", "0.5");
  refused(&c, LIMEN_EINVAL, "passage", "passage = 0.5: allowed range (1, 5] a (above --start = 1)");
  c = named("hold");
  give(&c, "barrier", "500");
  give(&c, "start", "-1");
  give(&c, "passage", "1");
  refused(&c, LIMEN_EINVAL, "barrier", "barrier = 500: the mean first-passage time from -1 to 1 is exp(");
  c = named("erasure");
  give(&c, "tau", "1tau0");
  give(&c, "dt", "2tau0");
  refused(&c, LIMEN_EINVAL, "dt", "dt = 2 tau0: allowed range (0, 1] tau0: the protocol lasts only 1 tau0");
  c = named("erasure");
  c.langevin.n_traj = 0; /* set directly, not through the table: the run checks the rows first */
  refused(&c, LIMEN_EINVAL, "trajectories", "trajectories = 0: allowed range whole numbers in [2, ");
}

/* ---- the results are the engines' ------------------------------------------------------------ */

Test(simulate, langevin_equals_the_engine) {
  limen_simulate_config c = named("erasure");
  give(&c, "tau", "2tau0");
  give(&c, "trajectories", "200");
  give(&c, "seed", "7");
  c.keep_files = 1;
  limen_simulate_result r;
  limen_error e;
  cr_assert_eq(limen_simulate_run(&c, NULL, &r, &e), LIMEN_OK, "%s", e.msg);

  limen_protocol_args a;
  cr_assert_eq(limen_protocol_args_default("erasure", &a, &e), LIMEN_OK);
  a.duration = 2;
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc_named("erasure", &a, &p, &e), LIMEN_OK);
  limen_langevin_config lc = limen_langevin_config_default();
  lc.n_traj = 200;
  lc.seed = 7;
  lc.record = LIMEN_RECORD_HISTOGRAMS;
  lc.integrator = limen_integrator_type_auto(p->potential);
  limen_langevin_result lr;
  cr_assert_eq(limen_langevin_run(&lc, NULL, p, &lr, &e), LIMEN_OK, "%s", e.msg);
  limen_sim_summary s;
  cr_assert_eq(limen_sim_summary_langevin(p, &lr, &s, &e), LIMEN_OK);
  cr_assert_eq(r.report.summary.mean_work, s.mean_work);
  cr_assert_eq(r.report.summary.mean_heat, s.mean_heat);
  cr_assert_eq(r.report.summary.stderr_heat, s.stderr_heat);
  cr_assert_eq(r.report.summary.bound.value_kT, s.bound.value_kT);
  cr_assert_eq(r.report.has, (unsigned)LIMEN_SIM_HAS_LANGEVIN);
  cr_assert_str_eq(r.report.integrator, lc.integrator->name);
  cr_assert_eq(r.report.trajectories, 200);
  cr_assert_float_eq(r.report.mean_work_J, limen_kT_to_J(s.mean_work, 300), 1e-30);
  cr_assert_float_eq(r.report.duration_s, 2e-9, 1e-24);

  limen_out_file f[LIMEN_SIM_FILES_MAX];
  size_t n = 0;
  cr_assert_eq(limen_sim_files(&r, f, &n, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(n, 3);
  cr_assert_str_eq(f[0].name, "result.json");
  cr_assert_str_eq(f[1].name, "work_hist.csv");
  cr_assert_str_eq(f[2].name, "heat_hist.csv");
  char *json = NULL;
  cr_assert_eq(limen_sim_report_json(&r.report, &json, &e), LIMEN_OK);
  cr_assert_str_eq(f[0].text, json);
  limen_free(json);
  limen_sim_files_clear(f, n);
  limen_langevin_result_clear(&lr);
  limen_protocol_free(p);
  limen_simulate_result_clear(&r);
}

Test(simulate, fokker_planck_equals_the_engine) {
  limen_simulate_config c = named("trap-optimal");
  c.method = "fokker-planck";
  give(&c, "cells", "300");
  limen_simulate_result r;
  limen_error e;
  cr_assert_eq(limen_simulate_run(&c, NULL, &r, &e), LIMEN_OK, "%s", e.msg);
  limen_protocol *p = NULL;
  cr_assert_eq(limen_protocol_alloc_named("trap-optimal", NULL, &p, &e), LIMEN_OK);
  limen_fp_config fc = limen_fp_config_default();
  fc.n_cells = 300;
  fc.dt = limen_langevin_config_default().dt;
  limen_fp_result fr;
  cr_assert_eq(limen_fp_run(&fc, NULL, p, &fr, &e), LIMEN_OK, "%s", e.msg);
  limen_sim_summary s;
  cr_assert_eq(limen_sim_summary_fp(p, &fr, &s, &e), LIMEN_OK);
  cr_assert_eq(r.report.summary.mean_work, s.mean_work);
  cr_assert_eq(r.report.grid_cells, 300);
  cr_assert_eq(r.report.has, (unsigned)LIMEN_SIM_HAS_FP);
  limen_out_file f[LIMEN_SIM_FILES_MAX];
  size_t n = 0;
  cr_assert_eq(limen_sim_files(&r, f, &n, &e), LIMEN_OK);
  cr_assert_eq(n, 2);
  cr_assert_str_eq(f[1].name, "density.csv");
  limen_sim_files_clear(f, n);
  limen_fp_result_clear(&fr);
  limen_protocol_free(p);
  limen_simulate_result_clear(&r);
}

Test(simulate, first_passage_plan) {
  limen_simulate_config c = named("hold");
  give(&c, "barrier", "3");
  give(&c, "start", "-1");
  give(&c, "passage", "1");
  give(&c, "trajectories", "300");
  limen_simulate_result r;
  limen_error e;
  cr_assert_eq(limen_simulate_run(&c, NULL, &r, &e), LIMEN_OK, "%s", e.msg);
  double lt = 0, duration = 0;
  cr_assert_eq(limen_passage_plan(3, -1, 1, &lt, &duration, &e), LIMEN_OK);
  cr_assert_eq(r.report.exact_passage_tau0, exp(lt));
  cr_assert_float_eq(r.report.summary.duration, duration, 1e-9 * duration);
  cr_assert_eq(r.report.has, (unsigned)(LIMEN_SIM_HAS_LANGEVIN | LIMEN_SIM_HAS_START | LIMEN_SIM_HAS_PASSAGE));
  cr_assert_eq(r.report.passed, 300);
  cr_assert(fabs(r.report.passage_z) < 5, "z = %g", r.report.passage_z);
  limen_simulate_result_clear(&r);
  /* a given tau that is too short: the run fails, saying how many did not pass */
  give(&c, "tau", "5tau0");
  refused(&c, LIMEN_EINVAL, "tau", "tau = 5 tau0: ");
}

Test(simulate, spread_over_one_process_is_the_run) {
  limen_protocol *p = NULL;
  limen_error e;
  cr_assert_eq(limen_protocol_alloc_named("trap-linear", NULL, &p, &e), LIMEN_OK);
  limen_langevin_config lc = limen_langevin_config_default();
  lc.n_traj = 100;
  limen_langevin_result a, b;
  limen_simulate_comm one = {0, 1, NULL, NULL, NULL, NULL};
  cr_assert_eq(limen_simulate_langevin_spread(&lc, p, &one, &a, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_langevin_run(&lc, NULL, p, &b, &e), LIMEN_OK);
  cr_assert_eq(a.mean_work, b.mean_work);
  limen_langevin_result_clear(&a);
  limen_langevin_result_clear(&b);
  limen_protocol_free(p);
}

/* ---- the reference checks' inputs, and the files ------------------------------------------------ */

Test(simulate, validate_inputs) {
  size_t n = 0;
  const limen_input *t = limen_validate_inputs(&n);
  const limen_validate_options d = limen_validate_options_default();
  limen_error e;
  cr_assert_eq(n, 4);
  cr_assert_eq(d.scale, 1);
  cr_assert_eq(d.seed, 1);
  cr_assert_eq(d.z_max, 4);
  for (size_t i = 0; i < n; i++) {
    cr_assert_eq(limen_input_get(&t[i], &d), t[i].default_value, "%s", t[i].name);
    double v[2];
    outside(&t[i], v);
    for (int k = 0; k < 2; k++) {
      if (v[k] < 0 && t[i].type == LIMEN_INPUT_UINT64) continue;
      limen_validate_options o = d;
      limen_input_set(&t[i], &o, v[k]);
      cr_assert_eq(limen_validate_inputs_check(&o, &e), LIMEN_EINVAL, "%s = %g", t[i].name, v[k]);
      cr_assert(strncmp(e.msg, t[i].name, strlen(t[i].name)) == 0 && strstr(e.trace, t[i].member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", e.msg, t[i].name, e.trace, t[i].member);
      limen_validate_report rep;
      cr_assert_eq(limen_validate_run(&o, &rep, &e), LIMEN_EINVAL);
    }
  }
  cr_assert_eq(limen_validate_inputs_check(&d, &e), LIMEN_OK);
}

Test(simulate, text_file_write) {
  char dir[256];
  snprintf(dir, sizeof dir, "/tmp/limen_test_simulate_%ld/a/b", (long)getpid());
  limen_error e;
  cr_assert_eq(limen_text_file_write(dir, "x.txt", "hello\n", &e), LIMEN_OK, "%s", e.msg);
  char path[300];
  snprintf(path, sizeof path, "%s/x.txt", dir);
  char *text = NULL;
  size_t len = 0;
  cr_assert_eq(limen_read_text_file(path, &text, &len, &e), LIMEN_OK);
  cr_assert_str_eq(text, "hello\n");
  free(text);
  cr_assert_eq(limen_text_file_write("/proc/no/such/dir", "x.txt", "", &e), LIMEN_EINVAL); /* a bad path */
  unlink(path);
}

/* A protocol whose work squares beyond a double (a stiffness ratio of 1e306) is refused, not
 * reported with a standard error of inf: the options' range stops at 1e-6 kT/a² (a ratio of at
 * most 1e12), and the run's own check (summary_finite) stays behind it. */
Test(simulate, energies_beyond_a_double_are_refused) {
  limen_simulate_config c = limen_simulate_config_default();
  c.protocol = "stiffness-change";
  limen_error e;
  cr_assert_eq(limen_simulate_config_set_text(&c, "stiffness", "1e-300", &e), LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "stiffness = '1e-300': allowed range [1e-06, 1000000] kT/a^2");
  /* set in the struct past that check, the run checks it again */
  cr_assert_eq(limen_simulate_config_set_text(&c, "stiffness-final", "1e6", &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_simulate_config_set_text(&c, "trajectories", "64", &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(limen_simulate_config_set_text(&c, "stiffness", "1e-6", &e), LIMEN_OK, "%s", e.msg);
  c.args.stiffness = 1e-300;
  refused(&c, LIMEN_EINVAL, "stiffness", "stiffness = 1e-300: allowed range [1e-06, 1000000] kT/a^2");
  /* at the range's ends (a ratio of 1e12) the ensemble's energies are finite */
  c.args.stiffness = 1e-6;
  limen_simulate_result r;
  cr_assert_eq(limen_simulate_run(&c, NULL, &r, &e), LIMEN_OK, "%s", e.msg);
  limen_simulate_result_clear(&r);
}
