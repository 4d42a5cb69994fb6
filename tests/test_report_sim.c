/* SPDX-License-Identifier: GPL-3.0-or-later
 * The input tables behind `limen simulate` and `limen bound` (limen_protocol_inputs,
 * limen_langevin_inputs, limen_fp_inputs, limen_bound_inputs_table): every default is the
 * struct's and within its row's range, both ends of every range are refused with the member
 * named; and the report functions of simulate, validate and bound (report.h): JSON that parses,
 * keys equal to the field tables, values equal to the structs (10 significant digits), CSV. */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "limen/report.h"
#include "testutil.h"

/* Values just outside both ends of a row's range. */
static void outside(const limen_input *in, double v[2]) {
  v[0] = in->lo_open ? in->lo : in->lo - fmax(1e-6, 1e-3 * fabs(in->lo));
  v[1] = in->hi_open ? in->hi : in->hi + fmax(1e-6, 1e-3 * fabs(in->hi));
  if (in->type != LIMEN_INPUT_DOUBLE) v[0] = in->lo_open ? in->lo : in->lo - 1, v[1] = in->hi_open ? in->hi : in->hi + 1;
}

/* The row's text says its default: leading number = default_value, or "none"/derived. */
static void row_basics(const limen_input *t, size_t n, size_t i) {
  const limen_input *in = &t[i];
  cr_assert(in->name && in->member && in->symbol && in->metavar && in->default_text && in->doc, "row %zu", i);
  for (size_t j = 0; j < i; j++) cr_assert(strcmp(in->name, t[j].name) != 0, "%s twice", in->name);
  char *end = NULL;
  double shown = strtod(in->default_text, &end);
  if (end != in->default_text)
    cr_assert(fabs(shown - in->default_value) <= 5e-4 * fabs(in->default_value), "%s: '%s' vs %g", in->name,
              in->default_text, in->default_value);
  else
    cr_assert(strncmp(in->default_text, "none", 4) == 0 || (in->flags & LIMEN_INPUT_UNSET_NAN), "%s: '%s'",
              in->name, in->default_text);
  (void)n;
}

/* ---- protocol inputs ------------------------------------------------------------------------ */

Test(report_sim, protocol_inputs_defaults_and_ranges) {
  size_t n = 0;
  const limen_input *t = limen_protocol_inputs(&n);
  cr_assert_eq(n, LIMEN_PROTOCOL_ARG_COUNT);
  limen_protocol_args common;
  limen_protocol_args_common(&common);
  limen_error e;
  for (size_t i = 0; i < n; i++) {
    row_basics(t, n, i);
    /* row i is field i: its member is the field's name without the unit suffix */
    const char *field = limen_protocol_arg_name((limen_protocol_arg)i);
    cr_assert(strcmp(t[i].member, field) == 0, "row %zu: %s vs %s", i, t[i].member, field);
    cr_assert_eq(limen_input_get(&t[i], &common), t[i].default_value, "%s", t[i].name);
    cr_assert_eq(limen_input_check(&t[i], t[i].default_value, "test", &e), LIMEN_OK, "%s", e.msg);
  }
  /* every protocol's defaults are allowed, and both ends of every range it reads are refused */
  for (const char *const *p = limen_protocol_names(); *p; p++) {
    limen_protocol_args a;
    unsigned uses = 0;
    cr_assert_eq(limen_protocol_args_default(*p, &a, &e), LIMEN_OK);
    cr_assert_eq(limen_protocol_args_used(*p, &uses, &e), LIMEN_OK);
    cr_assert_eq(limen_protocol_args_check(*p, &a, &e), LIMEN_OK, "%s: %s", *p, e.msg);
    for (size_t i = 0; i < n; i++) {
      if (!(uses & LIMEN_PROTOCOL_ARG_MASK(i))) continue;
      double v[2];
      outside(&t[i], v);
      for (int k = 0; k < 2; k++) {
        limen_protocol_args b = a;
        limen_input_set(&t[i], &b, v[k]);
        cr_assert_eq(limen_protocol_args_check(*p, &b, &e), LIMEN_EINVAL, "%s: %s = %g accepted", *p, t[i].name, v[k]);
        cr_assert(strncmp(e.msg, t[i].name, strlen(t[i].name)) == 0 && strstr(e.trace, t[i].member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", e.msg, t[i].name, e.trace, t[i].member);
        limen_protocol *proto = NULL;
        cr_assert_eq(limen_protocol_alloc_named(*p, &b, &proto, &e), LIMEN_EINVAL, "%s: %s", *p, t[i].name);
        cr_assert(strncmp(e.msg, t[i].name, strlen(t[i].name)) == 0 && strstr(e.trace, t[i].member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", e.msg, t[i].name, e.trace, t[i].member);
      }
    }
  }
}

/* ---- Langevin and Fokker–Planck inputs -------------------------------------------------------- */

Test(report_sim, langevin_inputs_defaults_and_ranges) {
  size_t n = 0;
  const limen_input *t = limen_langevin_inputs(&n);
  limen_langevin_config d = limen_langevin_config_default();
  cr_assert_eq(d.n_traj, 10000);
  cr_assert_eq(d.dt, 1e-3);
  cr_assert_eq(d.seed, 1);
  cr_assert_eq(d.hist_bins, 50);
  limen_error e;
  for (size_t i = 0; i < n; i++) {
    row_basics(t, n, i);
    cr_assert_eq(limen_input_get(&t[i], &d), t[i].default_value, "%s", t[i].name);
    if (strncmp(t[i].default_text, "none", 4) != 0)
      cr_assert_eq(limen_input_check(&t[i], t[i].default_value, "test", &e), LIMEN_OK, "%s", e.msg);
    double v[2];
    outside(&t[i], v);
    for (int k = 0; k < 2; k++) {
      if (v[k] < 0 && t[i].type != LIMEN_INPUT_DOUBLE && t[i].type != LIMEN_INPUT_INT) continue; /* unsigned */
      limen_langevin_config c = d;
      c.record = LIMEN_RECORD_HISTOGRAMS | LIMEN_RECORD_PASSAGE; /* every row applies */
      c.init = LIMEN_INIT_FIXED;
      c.passage_x = 1.0;
      cr_assert_eq(limen_langevin_inputs_check(&c, &e), LIMEN_OK, "%s", e.msg);
      limen_input_set(&t[i], &c, v[k]);
      cr_assert_eq(limen_langevin_inputs_check(&c, &e), LIMEN_EINVAL, "%s = %g accepted", t[i].name, v[k]);
      cr_assert(strncmp(e.msg, t[i].name, strlen(t[i].name)) == 0 && strstr(e.trace, t[i].member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", e.msg, t[i].name, e.trace, t[i].member);
    }
  }
  /* rows that a run does not read are not checked */
  limen_langevin_config c = d;
  c.hist_bins = 0;
  c.x0 = 1e9;
  cr_assert_eq(limen_langevin_inputs_check(&c, &e), LIMEN_OK, "%s", e.msg);
}

Test(report_sim, fp_inputs_defaults_and_ranges) {
  size_t n = 0;
  const limen_input *t = limen_fp_inputs(&n);
  limen_fp_config d = limen_fp_config_default();
  limen_error e;
  cr_assert_eq(n, 1);
  row_basics(t, n, 0);
  cr_assert_eq(limen_input_get(&t[0], &d), t[0].default_value);
  cr_assert_eq(limen_fp_inputs_check(&d, &e), LIMEN_OK, "%s", e.msg);
  limen_fp_config c = d;
  limen_input_set(&t[0], &c, t[0].hi + 1);
  cr_assert_eq(limen_fp_inputs_check(&c, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "cells = ") == e.msg && strstr(e.trace, "n_cells"), "%s", e.trace);
}

/* ---- bound inputs ------------------------------------------------------------------------------ */

Test(report_sim, bound_inputs_defaults_and_ranges) {
  size_t n = 0;
  const limen_input *t = limen_bound_inputs_table(&n);
  cr_assert_eq(n, LIMEN_BOUND_IN_COUNT - 1);
  cr_assert_null(limen_bound_input_row(LIMEN_BOUND_IN_WELL));
  cr_assert_eq(limen_bound_input_row(LIMEN_BOUND_IN_RATE_DT), &t[n - 1]);
  limen_bound_inputs d = limen_bound_inputs_default();
  cr_assert(isnan(d.barrier_kT) && d.tau_s == 1e-6 && d.tau0_s == 1e-9 && d.temperature_K == 300 && d.levels == 2);
  cr_assert_eq(d.retention_time_s, 10 * LIMEN_SECONDS_PER_YEAR);
  limen_error e;
  for (int w = 0; w < LIMEN_BOUND_IN_COUNT; w++) {
    const limen_input *in = limen_bound_input_row((limen_bound_input)w);
    if (!in) continue;
    row_basics(t, n, (size_t)(in - t));
    double dv = limen_input_get(in, &d);
    cr_assert(dv == in->default_value || (isnan(dv) && isnan(in->default_value)), "%s", in->name);
    cr_assert_eq(limen_input_check(in, dv, "test", &e), LIMEN_OK, "%s", e.msg);
    /* a kind that reads it refuses both ends */
    const limen_bound_kind *k = NULL;
    for (const limen_bound_kind *const *p = limen_bound_kinds(); *p && !k; p++)
      if ((*p)->uses & LIMEN_BOUND_IN_MASK(w)) k = *p;
    cr_assert_not_null(k, "%s read by no kind", in->name);
    double v[2];
    outside(in, v);
    for (int j = 0; j < 2; j++) {
      limen_bound_inputs x = d;
      x.barrier_kT = 5;
      limen_input_set(in, &x, v[j]);
      cr_assert_eq(limen_bound_inputs_check(k, &x, &e), LIMEN_EINVAL, "%s = %g accepted", in->name, v[j]);
      cr_assert(strncmp(e.msg, in->name, strlen(in->name)) == 0 && strstr(e.trace, in->member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", e.msg, in->name, e.trace, in->member);
      static limen_bound_report r;
      cr_assert_eq(limen_bound_report_compute(k, &x, NULL, &r, &e), LIMEN_EINVAL, "%s", in->name);
    }
  }
}

/* ---- reports ------------------------------------------------------------------------------------ */

/* The value of field f of rec as a double (numbers only). */
static double field_value(const limen_field *f, const void *rec) {
  const char *p = (const char *)rec + f->offset;
  switch (f->kind) {
    case LIMEN_FIELD_DOUBLE: return *(const double *)(const void *)p;
    case LIMEN_FIELD_SIZE: return (double)*(const size_t *)(const void *)p;
    case LIMEN_FIELD_LONG: return (double)*(const long *)(const void *)p;
    case LIMEN_FIELD_INT: return *(const int *)(const void *)p;
    default: return NAN;
  }
}

/* obj's keys are exactly the fields that apply, in order, with the struct's values. */
static void check_fields(const cJSON *obj, const void *rec, const limen_field *f, size_t n, unsigned has,
                         const char *skip_key) {
  const cJSON *it = obj->child;
  for (size_t i = 0; i < n; i++) {
    if ((f[i].when & has) != f[i].when) continue;
    cr_assert_not_null(it, "missing %s", f[i].key);
    cr_assert_str_eq(it->string, f[i].key);
    const char *p = (const char *)rec + f[i].offset;
    if (skip_key && strcmp(f[i].key, skip_key) == 0) {
    } else if (f[i].kind == LIMEN_FIELD_STRING) {
      const char *s = *(const char *const *)(const void *)p;
      if (s) cr_assert_str_eq(cJSON_GetStringValue(it), s);
      else cr_assert(cJSON_IsNull(it), "%s", f[i].key);
    } else if (f[i].kind == LIMEN_FIELD_CHARS) {
      cr_assert_str_eq(cJSON_GetStringValue(it), p);
    } else if (f[i].kind == LIMEN_FIELD_BOOL) {
      cr_assert_eq(cJSON_IsTrue(it), *(const int *)(const void *)p != 0, "%s", f[i].key);
    } else {
      double v = field_value(&f[i], rec);
      if (!isfinite(v)) cr_assert(cJSON_IsNull(it), "%s", f[i].key);
      else cr_assert(tu_close_rel(it->valuedouble, v, 6e-10), "%s: %.17g vs %.17g", f[i].key, it->valuedouble, v);
    }
    it = it->next;
  }
  if (it && strcmp(it->string, "provenance") == 0) it = it->next; /* a document's root (provenance.h) */
  cr_assert_null(it, "extra key %s", it ? it->string : "");
}

static limen_sim_report sample_report(void) {
  limen_sim_report r;
  limen_sim_report_init(&r, NULL, 77.0, 2e-9);
  r.protocol = "hold";
  r.kind = "hold";
  r.potential = "quartic";
  r.method = "langevin";
  r.integrator = "heun";
  r.has = LIMEN_SIM_HAS_LANGEVIN | LIMEN_SIM_HAS_START | LIMEN_SIM_HAS_PASSAGE;
  r.summary.duration = 12.5;
  r.summary.dt = 1.25e-3;
  r.summary.steps = 10000;
  r.summary.mean_work = 1.0 / 3.0;
  r.summary.stderr_work = 0.0123456789012;
  r.summary.mean_heat = -2.0 / 7.0;
  r.summary.success = 0.875;
  r.summary.bound.value_kT = NAN; /* none applies: null */
  r.summary.bound.name = NULL;
  r.summary.bound.success_used = NAN;
  r.summary.bound.landauer_kT = NAN;
  r.start_x = -1;
  r.passage_x = 0.5;
  r.mean_passage_tau0 = 4.5;
  r.stderr_passage_tau0 = 0.25;
  r.exact_passage_tau0 = 4.0;
  r.passed = 300;
  r.trajectories = 300;
  r.seed = 42;
  r.wall_seconds = 0.5;
  limen_sim_report_finish(&r);
  return r;
}

Test(report_sim, sim_report_json) {
  limen_sim_report r = sample_report();
  /* the derived values, computed here independently */
  cr_assert(tu_close_rel(r.mean_work_J, (1.0 / 3.0) * 1.380649e-23 * 77.0, 1e-14));
  cr_assert(tu_close_rel(r.mean_heat_J, (-2.0 / 7.0) * 1.380649e-23 * 77.0, 1e-14));
  cr_assert(tu_close_rel(r.duration_s, 12.5 * 2e-9, 1e-15) && tu_close_rel(r.dt_s, 2.5e-12, 1e-15));
  cr_assert(tu_close_rel(r.passage_z, 2.0, 1e-15) && tu_close_rel(r.mean_passage_s, 9e-9, 1e-15));
  char *text = NULL;
  limen_error e;
  cr_assert_eq(limen_sim_report_json(&r, &text, &e), LIMEN_OK, "%s", e.msg);
  cr_assert(text[strlen(text) - 1] == '\n');
  cJSON *root = cJSON_Parse(text);
  cr_assert_not_null(root, "%s", text);
  size_t n = 0;
  const limen_field *f = limen_sim_report_fields(&n);
  check_fields(root, &r, f, n, r.has, NULL);
  cr_assert_null(cJSON_GetObjectItem(root, "grid_cells"), "Fokker-Planck keys in a Langevin report");
  cr_assert_eq(cJSON_GetObjectItem(root, "passage_z")->valuedouble, 2.0);
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(root, "bound_kT")));
  cr_assert(strstr(text, "\"stderr_work_kT\":\t0.0123456789\n") || strstr(text, "\"stderr_work_kT\":\t0.0123456789,"),
            "10 significant digits: %s", text);
  cJSON_Delete(root);
  limen_free(text);
  /* a Fokker–Planck report: the grid, no integrator, trajectories or seed */
  limen_fp_result fr = {.n_cells = 7, .dx = 0.5, .x_lo = -2, .x_hi = 1.5, .mass_error = 1e-13};
  limen_sim_report_fp(&r, &fr);
  r.has &= ~(unsigned)(LIMEN_SIM_HAS_PASSAGE | LIMEN_SIM_HAS_START);
  cr_assert_eq(limen_sim_report_json(&r, &text, &e), LIMEN_OK);
  root = cJSON_Parse(text);
  check_fields(root, &r, f, n, r.has, NULL);
  cr_assert_eq(cJSON_GetObjectItem(root, "grid_cells")->valuedouble, 7);
  cr_assert_null(cJSON_GetObjectItem(root, "seed"));
  cr_assert_str_eq(cJSON_GetObjectItem(root, "method")->valuestring, "fokker-planck");
  cJSON_Delete(root);
  limen_free(text);
}

Test(report_sim, histogram_and_density_csv) {
  double edges[] = {-0.5, 0.25, 1.0}, counts[] = {3, 4}, x[] = {-1, 1.0 / 3.0}, rho[] = {0.25, 0};
  limen_histogram h = {2, edges, counts};
  char *text = NULL;
  limen_error e;
  cr_assert_eq(limen_histogram_csv(&h, &text, &e), LIMEN_OK);
  cr_assert_str_eq(tu_csv_body(text), "bin_lo_kT,bin_hi_kT,count\n-0.5,0.25,3\n0.25,1,4\n");
  limen_free(text);
  limen_fp_result fr = {.n_cells = 2, .x = x, .rho = rho};
  cr_assert_eq(limen_fp_density_csv(&fr, &text, &e), LIMEN_OK);
  cr_assert_str_eq(tu_csv_body(text), "x_a,density_per_a\n-1,0.25\n0.3333333333,0\n");
  limen_free(text);
}

Test(report_sim, validate_report_json) {
  limen_validate_row rows[2];
  memset(rows, 0, sizeof rows);
  snprintf(rows[0].name, sizeof rows[0].name, "mfpt: E_b=3");
  snprintf(rows[0].note, sizeof rows[0].note, "exact, \"quoted\"");
  rows[0].relation = LIMEN_CHECK_EQUAL;
  rows[0].expected = 4.2327801234567;
  rows[0].measured = 4.3;
  rows[0].tolerance = 0.4;
  rows[0].stderr_ = 0.1;
  rows[0].z = 0.6722;
  rows[0].pass = 1;
  snprintf(rows[1].name, sizeof rows[1].name, "erasure: deterministic");
  rows[1].relation = LIMEN_CHECK_GREATER;
  rows[1].z = NAN;
  limen_validate_report rep = {2, rows, 1, 12.5};
  limen_validate_options o = limen_validate_options_default();
  char *text = NULL;
  limen_error e;
  cr_assert_eq(limen_validate_report_json(&rep, &o, &text, &e), LIMEN_OK, "%s", e.msg);
  cJSON *root = cJSON_Parse(text);
  cr_assert_not_null(root);
  cr_assert_eq(cJSON_GetObjectItem(root, "rows")->valuedouble, 2);
  cr_assert_eq(cJSON_GetObjectItem(root, "failed")->valuedouble, 1);
  cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(root, "pass")));
  cr_assert_eq(cJSON_GetObjectItem(root, "seed")->valuedouble, 1);
  size_t n = 0;
  const limen_field *f = limen_validate_row_fields(&n);
  const cJSON *arr = cJSON_GetObjectItem(root, "checks");
  cr_assert_eq(cJSON_GetArraySize(arr), 2);
  for (int i = 0; i < 2; i++) {
    const cJSON *x = cJSON_GetArrayItem(arr, i);
    check_fields(x, &rows[i], f, n, 0, "relation");
    cr_assert_str_eq(cJSON_GetObjectItem(x, "relation")->valuestring, i ? ">" : "=");
  }
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(arr, 1), "z")));
  cr_assert_str_eq(limen_check_relation_text(LIMEN_CHECK_AT_LEAST), ">=");
  cJSON_Delete(root);
  limen_free(text);
}

Test(report_sim, bound_report_json) {
  const limen_bound_kind *k = NULL;
  limen_error e;
  cr_assert_eq(limen_bound_kind_find("landauer", &k, &e), LIMEN_OK);
  limen_bound_inputs in = limen_bound_inputs_default();
  in.success = 0.9;
  static limen_bound_report r;
  cr_assert_eq(limen_bound_report_compute(k, &in, NULL, &r, &e), LIMEN_OK, "%s", e.msg);
  char *text = NULL;
  cr_assert_eq(limen_bound_report_json(&r, &text, &e), LIMEN_OK, "%s", e.msg);
  cJSON *root = cJSON_Parse(text);
  cr_assert_not_null(root);
  const cJSON *it = root->child;
  cr_assert_str_eq(it->string, "bound");
  cr_assert_str_eq(it->valuestring, "landauer");
  cr_assert_str_eq(it->next->string, "description");
  cr_assert_str_eq(it->next->next->string, "inputs");
  const cJSON *inputs = it->next->next, *top = inputs->next, *inp = inputs->child;
  for (size_t i = 0; i < r.n_rows; i++) {
    const cJSON **at = r.rows[i].input ? &inp : &top;
    cr_assert_not_null(*at, "%s", r.rows[i].key);
    cr_assert_str_eq((*at)->string, r.rows[i].key);
    if (!r.rows[i].text) cr_assert(tu_close_rel((*at)->valuedouble, r.rows[i].value, 6e-10), "%s", r.rows[i].key);
    *at = (*at)->next;
  }
  cr_assert_null(inp);
  cr_assert_str_eq(top->string, "method");
  cr_assert_str_eq(top->next->string, "validity");
  /* e_L(0.9) = ln 2 + 0.9 ln 0.9 + 0.1 ln 0.1, independently */
  double eL = log(2) + 0.9 * log(0.9) + 0.1 * log(0.1);
  cr_assert(tu_close_rel(cJSON_GetObjectItem(root, "energy_kT")->valuedouble, eL, 1e-9));
  cr_assert(tu_close_rel(cJSON_GetObjectItem(root, "energy_J")->valuedouble, eL * 1.380649e-23 * 300, 1e-9));
  cJSON_Delete(root);
  limen_free(text);
}
