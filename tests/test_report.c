/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_report.c: the report module — the record writers (number format, null for NaN, `when`
 * conditions, CSV quoting, text in memory) and the texts of project, sweep, models, profiles
 * and the standard figures: every field of a table present, CSV headers equal to the tables'
 * keys, values equal to the structs they come from (recomputed here, not copied from output). */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "limen/report.h"
#include "report/record.h"
#include "testutil.h"

/* ---- the record writers ----------------------------------------------------------------------- */

typedef struct rec {
  double x;
  size_t count;
  int flag;
  const char *text;
  char chars[16];
} rec;
static const limen_field rec_fields[] = {
    LIMEN_FIELD_OF(rec, x, LIMEN_FIELD_DOUBLE, "J", 0, "a number"),
    LIMEN_FIELD_OF(rec, count, LIMEN_FIELD_SIZE, NULL, 0, "a count"),
    LIMEN_FIELD_OF(rec, flag, LIMEN_FIELD_FLAG, NULL, 1u, "written only when bit 1 is had"),
    LIMEN_FIELD_OF(rec, text, LIMEN_FIELD_STRING, NULL, 0, "text"),
    LIMEN_FIELD_OF(rec, chars, LIMEN_FIELD_CHARS, NULL, 2u, "written only when bit 2 is had"),
};
#define N_REC (sizeof rec_fields / sizeof rec_fields[0])

/* The text a stream wrote, through limen_memtext. */
typedef void (*write_fn)(FILE *f, const void *arg);
static char *memtext(write_fn fn, const void *arg) {
  limen_memtext m;
  limen_error err = {0};
  cr_assert_eq(limen_memtext_open(&m, &err), LIMEN_OK);
  fn(m.f, arg);
  char *t = NULL;
  cr_assert_eq(limen_memtext_close(&m, &t, &err), LIMEN_OK, "%s", err.msg);
  return t;
}

Test(report, number_format) {
  char b[64];
  cr_assert_str_eq(limen_format_number(b, sizeof b, 1.0 / 3.0), "0.3333333333");
  cr_assert_str_eq(limen_format_number(b, sizeof b, 0.0), "0");
  cr_assert_str_eq(limen_format_number(b, sizeof b, -0.0), "0");
  cr_assert_str_eq(limen_format_number(b, sizeof b, 2.5e300), "2.5e+300");
  cr_assert_str_eq(limen_format_number(b, sizeof b, NAN), "nan");
  cr_assert_str_eq(limen_format_number(b, sizeof b, INFINITY), "inf");
  cr_assert_str_eq(limen_format_number(b, sizeof b, -INFINITY), "-inf");
  cr_assert_str_eq(limen_format_number(b, sizeof b, 123456789012.0), "1.23456789e+11");
}

Test(report, json_fields_null_when_and_flag) {
  rec r = {NAN, 7, 1, NULL, "abc"};
  cJSON *o = cJSON_CreateObject();
  cr_assert_eq(limen_json_fields(o, &r, rec_fields, N_REC, 1u), LIMEN_OK);
  char *text = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_json_text(o, &text, &err), LIMEN_OK);
  cJSON_Delete(o);
  cJSON *p = cJSON_Parse(text);
  cr_assert_not_null(p, "%s", text);
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(p, "x")), "NaN is null");
  cr_assert_eq(cJSON_GetObjectItem(p, "count")->valuedouble, 7);
  cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(p, "flag")), "a flag is true/false in JSON");
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(p, "text")), "a NULL string is null");
  cr_assert_null(cJSON_GetObjectItem(p, "chars"), "bit 2 not had: not written");
  cr_assert_eq(text[strlen(text) - 1], '\n');
  cJSON_Delete(p);
  limen_free(text);
}

static void write_rows(FILE *f, const void *arg) {
  const rec *r = arg;
  limen_csv_header(f, rec_fields, N_REC, 3u);
  limen_csv_row(f, &r[0], rec_fields, N_REC, 3u);
  limen_csv_row(f, &r[1], rec_fields, N_REC, 2u);
  limen_csv_field(f, "line\nbreak");
}

Test(report, csv_quoting_nan_and_memtext) {
  rec r[2] = {{0.1, 3, 1, "a,b", "say \"hi\""}, {NAN, 0, 0, "plain", "x"}};
  char *t = memtext(write_rows, r);
  cr_assert_str_eq(t, "x,count,flag,text,chars\n"
                      "0.1,3,1,\"a,b\",\"say \"\"hi\"\"\"\n"
                      ",0,plain,x\n"
                      "\"line\nbreak\"");
  limen_free(t);
}

/* ---- helpers ----------------------------------------------------------------------------------- */

/* Equal to 10 significant digits (what the outputs print). */
static int close10(double a, double b) {
  char x[64], y[64];
  snprintf(x, sizeof x, "%.10g", a);
  snprintf(y, sizeof y, "%.10g", b);
  return strcmp(x, y) == 0;
}

/* The JSON value of a number field: null ⇔ not finite. */
static void assert_num(const cJSON *o, const char *key, double want) {
  const cJSON *it = cJSON_GetObjectItem(o, key);
  cr_assert_not_null(it, "key %s missing", key);
  if (!isfinite(want)) {
    cr_assert(cJSON_IsNull(it), "%s: want null", key);
    return;
  }
  cr_assert(cJSON_IsNumber(it), "%s: a number", key);
  cr_assert(close10(it->valuedouble, want), "%s = %.12g, want %.12g", key, it->valuedouble, want);
}

/* The CSV header the table gives for `has`. */
static void table_header(char *buf, size_t n, const char *prefix, const limen_field *f, size_t nf, unsigned has) {
  size_t at = (size_t)snprintf(buf, n, "%s", prefix);
  for (size_t i = 0; i < nf; i++)
    if ((f[i].when & has) == f[i].when) at += (size_t)snprintf(buf + at, n - at, "%s%s", at ? "," : "", f[i].key);
}

static const char *first_line(const char *text, char *buf, size_t n) {
  text = tu_csv_body(text);
  size_t len = strcspn(text, "\n");
  snprintf(buf, n, "%.*s", (int)len, text);
  return buf;
}

static size_t count_lines(const char *t) {
  size_t n = 0;
  t = tu_csv_body(t);
  for (; *t; t++) n += *t == '\n';
  return n;
}

/* The default workload's projection for the default paradigms. */
typedef struct proj_set {
  limen_workload w;
  limen_profile_set *ps;
  limen_projection *p;
  size_t n;
} proj_set;

static proj_set project_defaults(void) {
  proj_set s = {limen_workload_default(), NULL, NULL, 0};
  limen_error err = {0};
  cr_assert_eq(limen_profiles_load(NULL, &s.ps, &err), LIMEN_OK, "%s", err.msg);
  const char *const *specs = limen_paradigm_default_specs();
  while (specs[s.n]) s.n++;
  s.p = calloc(s.n, sizeof *s.p);
  cr_assert_eq(limen_project(&s.w, specs, s.n, s.ps, NULL, s.p, &err), LIMEN_OK, "%s", err.msg);
  return s;
}

static void proj_set_free(proj_set *s) {
  free(s->p);
  limen_profiles_free(s->ps);
}

/* ---- projections --------------------------------------------------------------------------------- */

Test(report, projection_table_layout) {
  size_t n;
  const limen_field *f = limen_projection_fields(&n);
  cr_assert_gt(n, 10);
  static const char *const terms[] = {"compute_J", "memory_J", "update_J", "consolidation_J"};
  for (size_t k = 0; k < 4; k++) cr_assert_str_eq(f[5 + k].key, terms[k], "the terms are rows 5..8");
  cr_assert_str_eq(f[9].key, "counted_work");
  cr_assert_str_eq(f[0].key, "paradigm");
  for (size_t i = 0; i < n; i++) cr_assert(f[i].doc && f[i].doc[0], "%s: documented", f[i].key);
}

Test(report, projection_counted_work) {
  proj_set s = project_defaults();
  char b[96];
  /* landauer-adiabatic counts C FLOP results of n = 16 bits */
  cr_assert_str_eq(limen_projection_counted_work(b, sizeof b, &s.p[0], &s.w), "C×16b");
  for (size_t i = 0; i < s.n; i++)
    if (strcmp(s.p[i].name, "lim-matched") == 0)
      cr_assert_str_eq(limen_projection_counted_work(b, sizeof b, &s.p[i], &s.w), "N·K×16b");
  proj_set_free(&s);
}

static void check_paradigm_json(const cJSON *o, const limen_projection *p) {
  size_t nf;
  const limen_field *f = limen_projection_fields(&nf);
  const cJSON *terms = cJSON_GetObjectItem(o, "terms");
  cr_assert_not_null(terms);
  cr_assert_str_eq(cJSON_GetObjectItem(o, "name")->valuestring, p->name);
  for (size_t i = 1; i < nf; i++) {
    if ((f[i].when & (LIMEN_PROJECTION_WHOLE | LIMEN_PROJECTION_JSON)) != f[i].when) continue;
    const cJSON *where = i >= 5 && i < 9 ? terms : o;
    cr_assert_not_null(cJSON_GetObjectItem(where, f[i].key), "%s: field %s missing", p->name, f[i].key);
  }
  assert_num(o, "energy_J", p->energy_J);
  assert_num(o, "energy_kWh", p->energy_J / 3.6e6);
  assert_num(terms, "compute_J", p->compute_J);
  assert_num(terms, "update_J", p->update_J);
  assert_num(o, "floor_J", p->floor_J);
  assert_num(o, "ratio_to_floor", p->energy_J / p->floor_J);
  assert_num(o, "effective_bits", p->effective_bits);
  cr_assert_eq(cJSON_IsTrue(cJSON_GetObjectItem(o, "bits_mismatch")), p->bits_mismatch != 0);
  const cJSON *counts = cJSON_GetObjectItem(o, "counts");
  cr_assert_eq((size_t)cJSON_GetArraySize(counts), p->n_counts);
  assert_num(cJSON_GetArrayItem(counts, 0), "ops", p->counts[0].ops);
  assert_num(cJSON_GetArrayItem(counts, 0), "bits_per_op", p->counts[0].bits);
}

Test(report, project_json_every_field_and_value) {
  proj_set s = project_defaults();
  const char *lines[] = {"workload: first line"};
  limen_project_report r = {&s.w, s.p, s.n, NULL, lines, 1};
  char *text = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_project_json(&r, &text, &err), LIMEN_OK, "%s", err.msg);
  cJSON *root = cJSON_Parse(text);
  cr_assert_not_null(root);
  const cJSON *w = cJSON_GetObjectItem(root, "workload");
  assert_num(w, "params", s.w.params);
  assert_num(w, "bits", s.w.bits);
  limen_workload_derived d;
  cr_assert_eq(limen_workload_derive(&s.w, &d, &err), LIMEN_OK);
  assert_num(cJSON_GetObjectItem(w, "derived"), "steps", s.w.tokens / s.w.batch_tokens);
  assert_num(cJSON_GetObjectItem(root, "headline"), "floor_J", d.flops * s.w.bits * d.kT_J * log(2.0));
  const cJSON *arr = cJSON_GetObjectItem(root, "paradigms");
  cr_assert_eq((size_t)cJSON_GetArraySize(arr), s.n);
  for (size_t i = 0; i < s.n; i++) check_paradigm_json(cJSON_GetArrayItem(arr, (int)i), &s.p[i]);
  cr_assert_null(cJSON_GetObjectItem(root, "published"));
  const cJSON *as = cJSON_GetObjectItem(root, "assumptions");
  cr_assert_str_eq(cJSON_GetArrayItem(as, 0)->valuestring, "workload: first line");
  size_t want = 1;
  for (size_t i = 0; i < s.n; i++) want += s.p[i].n_assumptions;
  cr_assert_eq((size_t)cJSON_GetArraySize(as), want);
  cJSON_Delete(root);
  limen_free(text);
  proj_set_free(&s);
}

Test(report, project_csv_header_rows_values) {
  proj_set s = project_defaults();
  limen_project_report r = {&s.w, s.p, s.n, NULL, NULL, 0};
  char *text = NULL, head[1024], line[1024];
  limen_error err = {0};
  cr_assert_eq(limen_project_csv(&r, &text, &err), LIMEN_OK, "%s", err.msg);
  size_t nf;
  const limen_field *f = limen_projection_fields(&nf);
  table_header(head, sizeof head, "", f, nf, LIMEN_PROJECTION_WHOLE | LIMEN_PROJECTION_CSV);
  cr_assert_str_eq(first_line(text, line, sizeof line), head);
  cr_assert_eq(count_lines(text), s.n + 1);
  /* row 1: landauer-adiabatic, energy in J and kWh in columns 3 and 4 */
  const char *row = strchr(tu_csv_body(text), '\n') + 1;
  char name[64];
  double e = 0, kwh = 0;
  cr_assert_eq(sscanf(row, "%63[^,],lower-bound,%lf,%lf,", name, &e, &kwh), 3, "%.100s", row);
  cr_assert_str_eq(name, s.p[0].name);
  cr_assert(close10(e, s.p[0].energy_J));
  cr_assert(close10(kwh, s.p[0].energy_J / 3.6e6));
  limen_free(text);
  proj_set_free(&s);
}

Test(report, project_published) {
  limen_catalog *c = NULL;
  limen_profile_set *ps = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_profiles_load(NULL, &ps, &err), LIMEN_OK, "%s", err.msg);
  const limen_model *m = NULL;
  cr_assert_eq(limen_catalog_find(c, "gpt-3", &m, &err), LIMEN_OK, "%s", err.msg);
  limen_workload w;
  cr_assert_eq(limen_workload_from_model(m, &w, &err), LIMEN_OK);
  limen_published pb;
  cr_assert_eq(limen_published_compare(m, &w, ps, &pb, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(close10(pb.energy_J, m->published_energy_kWh * 3.6e6));
  cr_assert(pb.compared);
  limen_projection p;
  limen_project_report r = {&w, &p, 0, &pb, NULL, 0};
  char *text = NULL;
  cr_assert_eq(limen_project_json(&r, &text, &err), LIMEN_OK, "%s", err.msg);
  cJSON *root = cJSON_Parse(text);
  const cJSON *o = cJSON_GetObjectItem(root, "published");
  cr_assert_str_eq(cJSON_GetObjectItem(o, "model")->valuestring, "gpt-3");
  assert_num(o, "published_over_projection", pb.energy_J / pb.projection.energy_J);
  cJSON_Delete(root);
  limen_free(text);
  cr_assert_eq(limen_project_csv(&r, &text, &err), LIMEN_OK);
  cr_assert_not_null(strstr(text, "\npublished:gpt-3,published,"));
  limen_free(text);
  limen_published none;
  cr_assert_eq(limen_published_compare(NULL, &w, ps, &none, &err), LIMEN_OK);
  cr_assert(isnan(none.energy_J) && !none.compared);
  limen_catalog_free(c);
  limen_profiles_free(ps);
}

/* ---- sweeps --------------------------------------------------------------------------------------- */

static char *sweep_text(limen_sweep_format fmt, const limen_workload *base, const limen_profile_set *ps,
                        size_t *rows) {
  static const char *const specs[] = {"landauer-adiabatic", "lim-finite-time"};
  limen_sweep_axis ax = {"bits", 4, 16, 3, 0};
  limen_sweep_report r = {&ax, 1, base, specs, 2, fmt};
  limen_sweep_writer *wr = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_sweep_writer_alloc(&r, &wr, &err), LIMEN_OK, "%s", err.msg);
  for (size_t i = 0; i < 3; i++) {
    double x = 4 + 6.0 * (double)i; /* 4, 10, 16 */
    cr_assert(close10(limen_sweep_axis_point(&ax, i), x));
    limen_workload w = *base;
    w.bits = x;
    limen_projection p[2];
    cr_assert_eq(limen_project(&w, specs, 2, ps, NULL, p, &err), LIMEN_OK, "%s", err.msg);
    cr_assert_eq(limen_sweep_writer_point(wr, &x, p, &err), LIMEN_OK, "%s", err.msg);
  }
  char *text = NULL;
  cr_assert_eq(limen_sweep_writer_finish(wr, &text, &err), LIMEN_OK, "%s", err.msg);
  limen_sweep_writer_free(wr);
  *rows = 3 * 2;
  return text;
}

Test(report, sweep_long_wide_json) {
  limen_workload base = limen_workload_default();
  limen_profile_set *ps = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_profiles_load(NULL, &ps, &err), LIMEN_OK);
  size_t rows, nf;
  char head[1024], line[1024];
  const limen_field *f = limen_projection_fields(&nf);
  char *t = sweep_text(LIMEN_SWEEP_CSV_LONG, &base, ps, &rows);
  table_header(head, sizeof head, "bits", f, nf, 0);
  cr_assert_str_eq(first_line(t, line, sizeof line), head);
  cr_assert_eq(count_lines(t), rows + 1);
  limen_free(t);
  t = sweep_text(LIMEN_SWEEP_CSV_WIDE, &base, ps, &rows);
  cr_assert_str_eq(first_line(t, line, sizeof line), "bits,landauer-adiabatic_J,lim-finite-time_J");
  cr_assert_eq(count_lines(t), 3 + 1);
  /* landauer-adiabatic at n = 10: C·n·kT·ln2 */
  limen_workload w = base;
  w.bits = 10;
  limen_workload_derived d;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK);
  double x = 0, e = 0;
  const char *row2 = strchr(strchr(tu_csv_body(t), '\n') + 1, '\n') + 1;
  cr_assert_eq(sscanf(row2, "%lf,%lf,", &x, &e), 2);
  cr_assert(close10(x, 10) && tu_close_rel(e, d.flops * 10 * d.kT_J * log(2.0), 1e-9), "%g %g", x, e);
  limen_free(t);
  t = sweep_text(LIMEN_SWEEP_JSON, &base, ps, &rows);
  cJSON *root = cJSON_Parse(t);
  cr_assert_not_null(root);
  const cJSON *r = cJSON_GetObjectItem(root, "rows");
  cr_assert_eq((size_t)cJSON_GetArraySize(r), rows);
  const cJSON *r2 = cJSON_GetArrayItem(r, 2);
  assert_num(r2, "bits", 10);
  cr_assert_str_eq(cJSON_GetObjectItem(r2, "paradigm")->valuestring, "landauer-adiabatic");
  assert_num(r2, "energy_J", d.flops * 10 * d.kT_J * log(2.0));
  cr_assert_not_null(cJSON_GetObjectItem(cJSON_GetObjectItem(r2, "terms"), "update_J"));
  cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(root, "vary")), 1);
  cJSON_Delete(root);
  limen_free(t);
  limen_profiles_free(ps);
}

Test(report, sweep_writer_refuses_bad_reports) {
  limen_sweep_axis ax = {"bits", 4, 16, 3, 0};
  limen_workload w = limen_workload_default();
  const char *spec = "landauer-adiabatic";
  limen_sweep_report r = {&ax, 3, &w, &spec, 1, LIMEN_SWEEP_JSON};
  limen_sweep_writer *wr = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_sweep_writer_alloc(&r, &wr, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "n_axes = 3"), "%s", err.msg);
  cr_assert_null(wr);
}

/* ---- models and profiles --------------------------------------------------------------------------- */

Test(report, catalog_json_csv) {
  limen_catalog *c = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  char *text = NULL, head[2048], line[2048];
  cr_assert_eq(limen_catalog_json(c, &text, &err), LIMEN_OK, "%s", err.msg);
  cJSON *root = cJSON_Parse(text);
  const cJSON *arr = cJSON_GetObjectItem(root, "models");
  cr_assert_eq((size_t)cJSON_GetArraySize(arr), c->count);
  size_t nf;
  const limen_field *f = limen_model_fields(&nf);
  for (size_t i = 0; i < c->count; i++) {
    const cJSON *o = cJSON_GetArrayItem(arr, (int)i);
    const limen_model *m = &c->models[i];
    for (size_t k = 0; k < nf; k++)
      cr_assert_eq(cJSON_GetObjectItem(o, f[k].key) != NULL, (f[k].when & LIMEN_MODEL_JSON) == f[k].when, "%s.%s",
                   m->name, f[k].key);
    cr_assert_str_eq(cJSON_GetObjectItem(o, "name")->valuestring, m->name);
    assert_num(o, "params", m->params);
    assert_num(o, "flops", m->flops);
    assert_num(o, "published_energy_J", m->published_energy_kWh * 3.6e6);
    cr_assert_eq(cJSON_GetObjectItem(o, "year")->valueint, m->year);
  }
  cJSON_Delete(root);
  limen_free(text);
  cr_assert_eq(limen_catalog_csv(c, &text, &err), LIMEN_OK);
  table_header(head, sizeof head, "", f, nf, LIMEN_MODEL_CSV);
  cr_assert_str_eq(first_line(text, line, sizeof line), head);
  cr_assert_str_eq(head, "name,display,params,tokens,flops,batch_tokens,year,published_energy_kWh,energy_basis,"
                         "hardware,source,energy_source,notes");
  limen_free(text);
  limen_catalog_free(c);
}

Test(report, model_training_flops) {
  limen_model m;
  memset(&m, 0, sizeof m);
  snprintf(m.name, sizeof m.name, "test");
  m.params = 1e9;
  m.tokens = 2e10;
  m.flops = NAN;
  m.batch_tokens = NAN;
  m.published_energy_kWh = NAN;
  m.published_pue = NAN;
  double C = 0;
  const char *formula = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_model_training_flops(&m, &C, &formula, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(close10(C, 6 * 1e9 * 2e10));
  cr_assert_str_eq(formula, "6ND");
  m.flops = 3e20;
  cr_assert_eq(limen_model_training_flops(&m, &C, &formula, &err), LIMEN_OK);
  cr_assert_eq(C, 3e20);
  cr_assert_null(formula);
}

Test(report, profiles_json_csv) {
  limen_profile_set *ps = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_profiles_load(NULL, &ps, &err), LIMEN_OK, "%s", err.msg);
  char *text = NULL, head[2048], line[2048];
  cr_assert_eq(limen_profiles_json(ps, &text, &err), LIMEN_OK, "%s", err.msg);
  cJSON *root = cJSON_Parse(text);
  const cJSON *arr = cJSON_GetObjectItem(root, "profiles");
  cr_assert_eq((size_t)cJSON_GetArraySize(arr), ps->count);
  size_t nf;
  const limen_field *f = limen_profile_fields(&nf);
  for (size_t i = 0; i < ps->count; i++) {
    const cJSON *o = cJSON_GetArrayItem(arr, (int)i);
    const limen_profile *p = &ps->profiles[i];
    for (size_t k = 0; k < nf; k++) cr_assert_not_null(cJSON_GetObjectItem(o, f[k].key), "%s.%s", p->name, f[k].key);
    static const char *const cls[] = {"accelerator", "limit", "device"};
    cr_assert_str_eq(cJSON_GetObjectItem(o, "class")->valuestring, cls[p->cls]);
    assert_num(o, "energy_per_flop_J", p->energy_per_flop_J);
    assert_num(o, "read_energy_J", p->read_energy_J);
    cr_assert_eq(cJSON_GetObjectItem(o, "bits")->valueint, p->bits);
  }
  cJSON_Delete(root);
  limen_free(text);
  cr_assert_eq(limen_profiles_csv(ps, &text, &err), LIMEN_OK);
  table_header(head, sizeof head, "", f, nf, 0);
  cr_assert_str_eq(first_line(text, line, sizeof line), head);
  cr_assert_eq(count_lines(text), ps->count + 1);
  limen_free(text);
  limen_profiles_free(ps);
}

/* ---- figures ------------------------------------------------------------------------------------- */

Test(report, figure_projection_curves) {
  limen_catalog *c = NULL;
  limen_profile_set *ps = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK);
  cr_assert_eq(limen_profiles_load(NULL, &ps, &err), LIMEN_OK);
  limen_figure_config cfg = limen_figure_config_default(LIMEN_FIGURE_PROJECTION);
  static const char *const specs[] = {"landauer-adiabatic", "lim-matched"};
  cfg.specs = specs;
  cfg.n_specs = 2;
  cfg.points = 5;
  cfg.profiles = ps;
  cfg.catalog = c;
  limen_figure *fig = NULL;
  cr_assert_eq(limen_figure_alloc(&cfg, &fig, &err), LIMEN_OK, "%s", err.msg);
  const limen_plot *p = limen_figure_plot(fig);
  cr_assert(p->xlog && p->ylog);
  /* the two curves, lim-matched's own floor (it counts other work), the published points */
  cr_assert_eq(p->n_series, 4);
  cr_assert_str_eq(p->series[0].label, "landauer-adiabatic");
  cr_assert_eq(p->series[0].style, LIMEN_PLOT_DASHED);
  cr_assert_str_eq(p->series[2].label, "lim-matched floor");
  cr_assert_eq(p->series[3].style, LIMEN_PLOT_POINTS);
  cr_assert_gt(p->n_markers, 0);
  for (size_t i = 0; i < 5; i++) {
    double N = pow(10, 6 + 2.5 * (double)i);
    cr_assert(close10(p->series[0].x[i], N));
    limen_workload w = cfg.workload;
    w.params = N;
    w.flops = 0; /* C = c_f·N·D follows N */
    limen_workload_derived d;
    cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
    cr_assert(tu_close_rel(p->series[0].y[i], d.flops * w.bits * d.kT_J * log(2.0), 1e-9));
  }
  limen_figure_free(fig);
  limen_catalog_free(c);
  limen_profiles_free(ps);
}

Test(report, figure_per_op_and_bits) {
  limen_error err = {0};
  limen_figure_config cfg = limen_figure_config_default(LIMEN_FIGURE_PER_OP);
  cfg.points = 4;
  limen_figure *fig = NULL;
  cr_assert_eq(limen_figure_alloc(&cfg, &fig, &err), LIMEN_OK, "%s", err.msg);
  const limen_plot *p = limen_figure_plot(fig);
  cr_assert_eq(p->n_series, 3);
  double eL = 0;
  cr_assert_eq(limen_landauer_generalized_kT(cfg.workload.success, &eL, &err), LIMEN_OK);
  for (size_t i = 0; i < 4; i++) cr_assert_eq(p->series[0].y[i], eL);
  cr_assert(close10(p->series[0].x[3], 1.0));
  limen_figure_free(fig);

  cfg = limen_figure_config_default(LIMEN_FIGURE_TRADEOFF_BITS);
  cfg.xmin = 4.5;
  cfg.xmax = 8;
  limen_profile_set *ps = NULL;
  cr_assert_eq(limen_profiles_load(NULL, &ps, &err), LIMEN_OK);
  cfg.profiles = ps;
  cr_assert_eq(limen_figure_alloc(&cfg, &fig, &err), LIMEN_OK, "%s", err.msg);
  p = limen_figure_plot(fig);
  cr_assert(!p->xlog);
  cr_assert_eq(p->series[0].n, 4, "whole bits 5..8");
  cr_assert_eq(p->series[0].x[0], 5);
  cr_assert_eq(p->n_markers, 1);
  cr_assert_eq(p->markers[0].x, cfg.workload.bits);
  limen_figure_free(fig);
  cfg.xmax = 5.5;
  cr_assert_eq(limen_figure_alloc(&cfg, &fig, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "two whole bits"), "%s", err.msg);
  limen_profiles_free(ps);
}

/* The figures by name, the x axis of the tradeoff, and the inputs each figure refuses: every
 * rule names the input (message and field); a valid combination passes. */
Test(report, figure_kinds_and_given_inputs) {
  limen_figure_kind k;
  limen_error err;
  cr_assert_eq(limen_figure_kind_find("projection", NULL, &k, &err), LIMEN_OK);
  cr_assert_eq(k, LIMEN_FIGURE_PROJECTION);
  cr_assert_eq(limen_figure_kind_find("tradeoff", "bits", &k, &err), LIMEN_OK);
  cr_assert_eq(k, LIMEN_FIGURE_TRADEOFF_BITS);
  cr_assert_eq(limen_figure_kind_find("tradeoff", "time", &k, &err), LIMEN_OK);
  cr_assert_eq(k, LIMEN_FIGURE_TRADEOFF_TIME);
  cr_assert_str_eq(limen_figure_kind_name(LIMEN_FIGURE_TRADEOFF_BITS), "tradeoff");
  cr_assert_eq(limen_figure_kind_find("nope", NULL, &k, &err), LIMEN_ENOTFOUND);
  cr_assert_str_eq(err.msg, "kind = 'nope': allowed projection, tradeoff, per-op");
  cr_assert_eq(limen_figure_kind_find("tradeoff", "energy", &k, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.field, "x");
  static const struct {
    limen_figure_kind kind;
    const char *given, *msg;
  } refused[] = {
      {LIMEN_FIGURE_PER_OP, "paradigm", "paradigm does not apply to 'figure per-op'"},
      {LIMEN_FIGURE_PROJECTION, "x", "x applies to 'figure tradeoff' only"},
      {LIMEN_FIGURE_PER_OP, "x", "x applies to 'figure tradeoff' only"},
      {LIMEN_FIGURE_PROJECTION, "params", "params is the x axis of 'figure projection': use --xmin/--xmax"},
      {LIMEN_FIGURE_TRADEOFF_TIME, "time", "time is the x axis of 'figure tradeoff': use --xmin/--xmax"},
      {LIMEN_FIGURE_TRADEOFF_BITS, "bits", "bits is the x axis of 'figure tradeoff': use --xmin/--xmax"},
      {LIMEN_FIGURE_PROJECTION, "model",
       "model does not apply to 'figure projection' (every catalog model is marked)"},
  };
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    const char *given[] = {"out", refused[i].given};
    cr_assert_eq(limen_figure_given_check(refused[i].kind, given, 2, &err), LIMEN_EINVAL, "%zu", i);
    cr_assert_str_eq(err.msg, refused[i].msg);
    cr_assert_str_eq(err.field, refused[i].given);
  }
  const char *ok[] = {"out", "x", "bits", "paradigm", "model"};
  cr_assert_eq(limen_figure_given_check(LIMEN_FIGURE_TRADEOFF_TIME, ok, 5, &err), LIMEN_OK, "%s", err.msg);
  const char *per_op[] = {"out", "params", "time", "model"};
  cr_assert_eq(limen_figure_given_check(LIMEN_FIGURE_PER_OP, per_op, 4, &err), LIMEN_OK, "%s", err.msg);
}

/* The x axis as a user gives it: ordered ends, in the range of the input on the axis, and two
 * whole bits for the tradeoff by bits; each rule names its end; the defaults pass. */
Test(report, figure_axis_rules_name_the_end) {
  limen_error err;
  for (int k = LIMEN_FIGURE_PROJECTION; k <= LIMEN_FIGURE_PER_OP; k++) {
    limen_figure_config c = limen_figure_config_default((limen_figure_kind)k);
    cr_assert_eq(limen_figure_axis_check(&c, &err), LIMEN_OK, "%d: %s", k, err.msg);
  }
  limen_figure_config c = limen_figure_config_default(LIMEN_FIGURE_PER_OP);
  c.xmin = 1;
  c.xmax = 0.1;
  cr_assert_eq(limen_figure_axis_check(&c, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "xmax = 0.1: must be greater than --xmin = 1");
  cr_assert_str_eq(err.field, "xmax");
  c = limen_figure_config_default(LIMEN_FIGURE_PROJECTION);
  c.xmin = 0.5;
  cr_assert_eq(limen_figure_axis_check(&c, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "xmin = 0.5: allowed range [1, 1e+30]");
  cr_assert_str_eq(err.field, "xmin");
  c = limen_figure_config_default(LIMEN_FIGURE_TRADEOFF_BITS);
  c.xmin = 4.5;
  c.xmax = 5.5;
  cr_assert_eq(limen_figure_axis_check(&c, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "xmin/--xmax: 5 to 5 bits: give at least two whole bits");
  cr_assert_str_eq(err.field, "xmin");
  c.xmax = 100;
  cr_assert_eq(limen_figure_axis_check(&c, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.field, "xmax");
}

/* The figure's input rows: the defaults of every kind's configuration, and the ranges. */
Test(report, figure_inputs_are_the_defaults) {
  size_t n = 0;
  const limen_input *rows = limen_figure_inputs(&n);
  cr_assert_eq(n, 5);
  for (size_t i = 0; i < n; i++)
    cr_assert(rows[i].name && rows[i].member && rows[i].symbol && rows[i].metavar && rows[i].doc, "row %zu", i);
  limen_figure_config c = limen_figure_config_default(LIMEN_FIGURE_TRADEOFF_TIME);
  cr_assert_eq(c.points, (size_t)limen_input_find(rows, n, "points")->default_value);
  cr_assert_eq(c.width_px, (int)limen_input_find(rows, n, "width")->default_value);
  cr_assert_eq(c.height_px, (int)limen_input_find(rows, n, "height")->default_value);
  cr_assert_eq(limen_input_get(limen_input_find(rows, n, "xmin"), &c), 3600.0);
  limen_error err;
  cr_assert_eq(limen_input_check_given(limen_input_find(rows, n, "points"), 1, &err), LIMEN_EINVAL);
  cr_assert_eq(limen_input_check_given(limen_input_find(rows, n, "width"), 640, &err), LIMEN_OK, "%s", err.msg);
}

/* The size limits of a sweep grid and the logarithmic-axis rule, with the axis named. */
Test(report, sweep_axes_check) {
  limen_error err;
  limen_sweep_axis a[2] = {{"bits", 4, 32, 8, 0}, {"time", 8.64e4, 2.6e7, 5, 1}};
  cr_assert_eq(limen_sweep_axes_check(a, 2, &err), LIMEN_OK);
  a[0].points = LIMEN_SWEEP_MAX_POINTS + 1;
  cr_assert_eq(limen_sweep_axes_check(a, 1, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "bits: points = 10001") != NULL, "%s", err.msg);
  a[0].points = 1000;
  a[1].points = 101; /* 101,000 points > 100,000 */
  cr_assert_eq(limen_sweep_axes_check(a, 2, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "101000 points") != NULL, "%s", err.msg);
  a[1].points = 100;
  cr_assert_eq(limen_sweep_axes_check(a, 2, &err), LIMEN_OK); /* exactly 100,000 */
  a[1].start = 0;
  cr_assert_eq(limen_sweep_axes_check(a, 2, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "time: a logarithmic grid") != NULL, "%s", err.msg);
}

/* Every number printed is finite or the document fails: a result beyond a double is an error
 * naming it (LIMEN_ERANGE), never a silent null; NaN stays null (not applicable). */
Test(report, json_refuses_a_result_beyond_a_double) {
  const limen_bound_kind *k = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_bound_kind_find("landauer", &k, &err), LIMEN_OK);
  limen_bound_inputs in = limen_bound_inputs_default();
  static limen_bound_report r;
  cr_assert_eq(limen_bound_report_compute(k, &in, NULL, &r, &err), LIMEN_OK, "%s", err.msg);
  size_t i = 0;
  while (i < r.n_rows && (r.rows[i].input || r.rows[i].text)) i++;
  cr_assert_lt(i, r.n_rows);
  char *text = NULL;
  r.rows[i].value = NAN;
  cr_assert_eq(limen_bound_report_json(&r, &text, &err), LIMEN_OK, "%s", err.msg);
  limen_free(text);
  r.rows[i].value = -INFINITY;
  text = NULL;
  cr_assert_eq(limen_bound_report_json(&r, &text, &err), LIMEN_ERANGE);
  cr_assert_null(text);
  cr_assert(strstr(err.msg, r.rows[i].key) != NULL, "%s", err.msg);
  cr_assert(strstr(err.msg, "beyond a double") != NULL, "%s", err.msg);
}

/* ---- the points behind a figure (limen_plot_data_json) --------------------------------------- */

/* Every point of every series in order, PLplot's escapes resolved to plain text, a value that
 * is not finite as null, error bars and point labels where given, the markers. */
Test(plot_data, points_labels_and_nulls) {
  const double x[3] = {1, 2, 3}, y[3] = {0.5, NAN, 2.5}, e[3] = {0.1, 0.2, 0.3};
  const char *const pl[3] = {"a#d1#u", NULL, "c"};
  limen_plot_series s[2] = {{"e#dL#u(P#ds#u) + B/#gt", x, y, 3, LIMEN_PLOT_DASHED, 0, pl, e},
                            {"", x, x, 2, LIMEN_PLOT_LINE, 0, NULL, NULL}};
  limen_plot_marker m = {2.0, "10#u-3#d ## #gDF"};
  limen_plot p = {"title #ga", "x [s]", "y", 1, 0, s, 2, &m, 1, 0, 0, NULL};
  char *text = NULL;
  limen_error err;
  cr_assert_eq(limen_plot_data_json(&p, &text, &err), LIMEN_OK, "%s", err.msg);
  cJSON *d = cJSON_Parse(text);
  cr_assert_not_null(d);
  cr_assert_str_eq(cJSON_GetObjectItem(d, "title")->valuestring, "title α");
  cr_assert_str_eq(cJSON_GetObjectItem(d, "x_scale")->valuestring, "log");
  cr_assert_str_eq(cJSON_GetObjectItem(d, "y_scale")->valuestring, "linear");
  cJSON *pts = cJSON_GetObjectItem(d, "points");
  cr_assert_eq(cJSON_GetArraySize(pts), 5);
  cJSON *p0 = cJSON_GetArrayItem(pts, 0), *p1 = cJSON_GetArrayItem(pts, 1), *p3 = cJSON_GetArrayItem(pts, 3);
  cr_assert_str_eq(cJSON_GetObjectItem(p0, "series")->valuestring, "e_L(P_s) + B/τ");
  cr_assert_str_eq(cJSON_GetObjectItem(p0, "style")->valuestring, "dashed");
  cr_assert_str_eq(cJSON_GetObjectItem(p0, "label")->valuestring, "a_1");
  cr_assert_eq(cJSON_GetObjectItem(p0, "y_stderr")->valuedouble, 0.1);
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(p1, "y")), "a NaN point is null");
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(p1, "label")));
  cr_assert_str_eq(cJSON_GetObjectItem(p3, "series")->valuestring, "series 2", "an unlabelled series is numbered");
  cr_assert(cJSON_IsNull(cJSON_GetObjectItem(p3, "y_stderr")));
  cr_assert_eq(cJSON_GetObjectItem(p3, "y")->valuedouble, 1.0);
  cJSON *mk = cJSON_GetArrayItem(cJSON_GetObjectItem(d, "markers"), 0);
  cr_assert_str_eq(cJSON_GetObjectItem(mk, "label")->valuestring, "10^-3 # ΔF");
  cr_assert_not_null(cJSON_GetObjectItem(d, "provenance"));
  char *csv = NULL;
  cr_assert_eq(limen_report_json_csv(text, "points", &csv, &err), LIMEN_OK, "%s", err.msg);
  const char *body = strstr(csv, "series,style,x,y,y_stderr,label\n");
  cr_assert_not_null(body, "%s", csv);
  cr_assert_not_null(strstr(body, "\ne_L(P_s) + B/τ,dashed,2,,0.2,\n"), "%s", body);
  limen_free(csv);
  cJSON_Delete(d);
  limen_free(text);
}
