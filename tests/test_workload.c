/* SPDX-License-Identifier: GPL-3.0-or-later
 * Workload model (theory §1) and the model catalog (data/models.json). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/limen.h"
#include "testutil.h"

/* ---- defaults and derived quantities ------------------------------------------------- */

Test(workload, default_is_valid_brain_scale) {
  limen_workload w = limen_workload_default();
  limen_error err;
  cr_assert_eq(limen_workload_validate(&w, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_str_eq(w.name, "brain-scale");
  cr_assert_eq(w.params, 1e15);
  cr_assert_eq(w.flops, 1e28);
  cr_assert_eq(w.bits, 16.0);
  cr_assert_eq(w.train_time_s, 30.0 * 86400.0);
  cr_assert_eq(w.temperature_K, 300.0);
  cr_assert_eq(w.ops, LIMEN_OPS_PER_FLOP);
}

Test(workload, default_matches_catalog_row) {
  limen_catalog *c = NULL;
  limen_error err;
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  const limen_model *m = NULL;
  cr_assert_eq(limen_catalog_find(c, "brain-scale", &m, &err), LIMEN_OK, "%s", err.msg);
  limen_workload w = limen_workload_default(), v;
  cr_assert_eq(limen_workload_from_model(m, &v, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(tu_close_rel(v.params, w.params, 1e-15));
  cr_assert(tu_close_rel(v.tokens, w.tokens, 1e-15));
  cr_assert(tu_close_rel(v.flops, w.flops, 1e-15));
  cr_assert(tu_close_rel(v.batch_tokens, w.batch_tokens, 1e-15));
  limen_catalog_free(c);
}

Test(workload, derived_closed_forms) {
  limen_workload w = limen_workload_default();
  limen_workload_derived d;
  limen_error err;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(d.flops, 1e28);
  cr_assert_eq(d.ops, 1e28);
  cr_assert_eq(d.parallel_cells, 1e15);
  cr_assert(tu_close_rel(d.steps, w.tokens / w.batch_tokens, 1e-15));
  /* τ_op = T_train·P/OPS = 2.592e6·1e15/1e28 = 2.592e-7 s = 259.2 τ₀ */
  cr_assert(tu_close_rel(d.tau_op_s, 2.592e-7, 1e-12), "tau_op = %g", d.tau_op_s);
  cr_assert(tu_close_rel(d.tau_op_tau0, 259.2, 1e-12));
  cr_assert(tu_close_rel(d.write_time_s, d.tau_op_s, 1e-15));
  cr_assert(tu_close_rel(d.step_time_s, w.train_time_s / d.steps, 1e-15));
  cr_assert(tu_close_rel(d.kT_J, limen_kT(300.0), 1e-15));
  cr_assert(tu_close_rel(d.level_size, 2.0 / 65536.0, 1e-15));
}

Test(workload, flops_from_cf_N_D) {
  limen_workload w = limen_workload_default();
  w.flops = 0;
  w.params = 7e10;
  w.tokens = 2e12;
  w.batch_tokens = 4e6;
  limen_workload_derived d;
  limen_error err;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(tu_close_rel(d.flops, 6.0 * 7e10 * 2e12, 1e-15));
  w.flops_per_param_token = 2.0;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(tu_close_rel(d.flops, 2.0 * 7e10 * 2e12, 1e-15));
}

Test(workload, ops_conventions) {
  limen_workload w = limen_workload_default();
  limen_workload_derived d;
  limen_error err;
  w.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(tu_close_rel(d.ops, w.params * w.tokens / w.batch_tokens, 1e-14));
  cr_assert(tu_close_rel(d.tau_op_s, w.train_time_s * w.params / d.ops, 1e-12));
  limen_ops_convention c;
  cr_assert_eq(limen_ops_convention_parse("per-flop", &c, &err), LIMEN_OK);
  cr_assert_eq(c, LIMEN_OPS_PER_FLOP);
  cr_assert_eq(limen_ops_convention_parse("per-parameter-step", &c, &err), LIMEN_OK);
  cr_assert_eq(c, LIMEN_OPS_PER_PARAMETER_STEP);
  cr_assert_eq(limen_ops_convention_parse("per-byte", &c, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "per-parameter-step"), "%s", err.msg);
  cr_assert_str_eq(limen_ops_convention_name(LIMEN_OPS_PER_FLOP), "per-flop");
}

Test(workload, parallel_cells_and_write_time) {
  limen_workload w = limen_workload_default();
  w.parallel_cells = 1e12;
  w.write_time_s = 1e-6;
  limen_workload_derived d;
  limen_error err;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(tu_close_rel(d.tau_op_s, 2.592e6 * 1e12 / 1e28, 1e-12));
  cr_assert_eq(d.write_time_s, 1e-6);
}

/* ---- the table of inputs (one description per input) ----------------------------------- */

Test(workload, inputs_table_drives_defaults_and_names) {
  size_t n = 0;
  const limen_input *t = limen_workload_inputs(&n);
  const char *const *names = limen_workload_fields();
  limen_workload w = limen_workload_default();
  size_t k = 0;
  for (; names[k]; k++) cr_assert(k < n && strcmp(names[k], t[k].name) == 0, "name %zu", k);
  cr_assert_eq(k, n, "limen_workload_fields lists %zu names, the table %zu rows", k, n);
  for (size_t i = 0; i < n; i++) {
    const limen_input *in = &t[i];
    cr_assert(in->name && in->member && in->symbol && in->metavar && in->default_text && in->doc, "row %zu", i);
    for (size_t j = 0; j < i; j++) {
      cr_assert(strcmp(in->name, t[j].name) != 0, "%s twice", in->name);
      cr_assert_neq(in->offset, t[j].offset, "%s and %s share a member", in->name, t[j].name);
    }
    cr_assert(in->offset + sizeof(double) <= sizeof w, "%s", in->name);
    /* the default of the struct is the row's, and it is allowed */
    double v = 0;
    limen_error err;
    cr_assert_eq(limen_workload_get(&w, in->name, &v, &err), LIMEN_OK, "%s", err.msg);
    cr_assert_eq(v, in->default_value, "%s: default %g, row %g", in->name, v, in->default_value);
    cr_assert_eq(limen_input_check(in, v, "test", &err), LIMEN_OK, "%s", err.msg);
    /* the documented default says the same number (4 significant digits), or is derived */
    char *end = NULL;
    double shown = strtod(in->default_text, &end);
    if (end != in->default_text)
      cr_assert(fabs(shown - v) <= 5e-4 * fabs(v), "%s: default text '%s' vs %g", in->name, in->default_text, v);
    else
      cr_assert((in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE) && v <= 0, "%s: '%s' is not a number", in->name,
                in->default_text);
    /* both ends of the range are enforced by limen_workload_validate */
    double outside[2] = {in->lo_open ? in->lo : in->lo - fmax(1e-6, 1e-3 * fabs(in->lo)),
                         in->hi_open ? in->hi : in->hi * 1.5};
    for (int e = 0; e < 2; e++) {
      if (outside[e] <= 0 && (in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE)) continue; /* "derived" */
      limen_workload x = limen_workload_default();
      x.tokens = 1e30; /* so that B_s ≤ D does not decide */
      limen_input_set(in, &x, outside[e]);
      cr_assert_eq(limen_workload_validate(&x, &err), LIMEN_EINVAL, "%s = %g accepted", in->name, outside[e]);
      cr_assert(strncmp(err.msg, in->name, strlen(in->name)) == 0 && strstr(err.trace, in->member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", err.msg, in->name, err.trace, in->member);
    }
  }
  cr_assert_eq(limen_input_find(t, n, "batch"), limen_input_find(t, n, "batch-tokens"), "alias");
}

/* The inputs table of docs/cli.md, rendered from limen_workload_inputs(). */
static void render_inputs_markdown(char *buf, size_t cap) {
  size_t n = 0, at = 0;
  const limen_input *t = limen_workload_inputs(&n);
  at += (size_t)snprintf(buf + at, cap - at,
                         "| option | symbol | unit | range | default | meaning |\n|---|---|---|---|---|---|\n");
  for (size_t i = 0; i < n && at < cap; i++) {
    char names[96], range[96];
    if (t[i].alias) snprintf(names, sizeof names, "`--%s`, `--%s`", t[i].name, t[i].alias);
    else snprintf(names, sizeof names, "`--%s`", t[i].name);
    limen_input_range_text(&t[i], 0, range, sizeof range);
    at += (size_t)snprintf(buf + at, cap - at, "| %s | %s | %s | %s | %s | %s |\n", names, t[i].symbol,
                           t[i].unit ? t[i].unit : "—", range, t[i].default_text, t[i].doc);
  }
}

#define DOC_BEGIN "<!-- BEGIN workload inputs: generated from limen_workload_inputs() by tests/test_workload.c -->\n"
#define DOC_END "<!-- END workload inputs -->\n"

Test(workload, docs_inputs_table_is_current) {
  /* docs/cli.md holds the table between DOC_BEGIN and DOC_END; LIMEN_UPDATE_DOCS=1 rewrites it */
  char path[4096];
  snprintf(path, sizeof path, "%s", tu_test_path("../docs/cli.md"));
  FILE *f = fopen(path, "rb");
  cr_assert(f, "cannot open %s", path);
  static char doc[1 << 20], table[1 << 16];
  size_t len = fread(doc, 1, sizeof doc - 1, f);
  fclose(f);
  doc[len] = '\0';
  render_inputs_markdown(table, sizeof table);
  char *b = strstr(doc, DOC_BEGIN), *e = b ? strstr(b, DOC_END) : NULL;
  cr_assert(b && e, "%s: no '%s' ... '%s' block", path, DOC_BEGIN, DOC_END);
  b += strlen(DOC_BEGIN);
  int same = (size_t)(e - b) == strlen(table) && memcmp(b, table, strlen(table)) == 0;
  const char *update = getenv("LIMEN_UPDATE_DOCS");
  if (!same && update && strcmp(update, "1") == 0) {
    FILE *o = fopen(path, "wb");
    cr_assert(o, "cannot write %s", path);
    fwrite(doc, 1, (size_t)(b - doc), o);
    fputs(table, o);
    fputs(e, o);
    fclose(o);
    return;
  }
  cr_assert(same, "docs/cli.md's workload inputs disagree with limen_workload_inputs() "
                  "(LIMEN_UPDATE_DOCS=1 regenerates them); expected:\n%s", table);
}

/* ---- validation: every field, NaN, inf, ≤ 0 and out of range ------------------------ */

typedef struct {
  const char *field;   /* name for limen_workload_set      */
  const char *msgname; /* name in the error message         */
  double bad[6];
  int nbad;
} bad_case;

static const bad_case k_bad[] = {
    {"params", "params", {NAN, INFINITY, 0, -1, 0.5, 1e31}, 6},
    {"tokens", "tokens", {NAN, INFINITY, 0, -1, 0.5, 1e31}, 6},
    {"flops", "flops", {NAN, INFINITY, -INFINITY, 1e61, 0, 0}, 4},
    {"flops-per-param-token", "flops_per_param_token", {NAN, INFINITY, 0, -6, 1e7, 0}, 5},
    {"batch-tokens", "batch_tokens", {NAN, INFINITY, 0, -1, 0.5, 1e13}, 6},
    {"bits", "bits", {NAN, INFINITY, 0, -16, 0.5, 65}, 6},
    {"time", "train_time_s", {NAN, INFINITY, 0, -1, 1e13, 0}, 5},
    {"temperature", "temperature_K", {NAN, INFINITY, 0, -300, 1e5, 0}, 5},
    {"parallel-cells", "parallel_cells", {NAN, INFINITY, -INFINITY, 0.5, 1e31, 0}, 5},
    {"tau0", "tau0_s", {NAN, INFINITY, 0, -1e-9, 2, 0}, 5},
    {"retention-time", "retention_time_s", {NAN, INFINITY, 0, -1, 1e13, 0}, 5},
    {"retention-fail", "retention_fail", {NAN, INFINITY, 0, -1e-6, 0.6, 1}, 6},
    {"write-fail", "write_fail", {NAN, INFINITY, 0, -1e-6, 0.6, 1}, 6},
    {"success", "success", {NAN, INFINITY, 0, 0.4, 1.01, -1}, 6},
    {"consolidation-period", "consolidation_period_s", {NAN, INFINITY, 0, -3600, 1e13, 0}, 5},
    {"write-time", "write_time_s", {NAN, INFINITY, -INFINITY, 1e13, 0, 0}, 4},
    {"bytes-per-flop", "bytes_per_flop", {NAN, INFINITY, -1, 1e7, 0, 0}, 4},
    {"pue", "pue", {NAN, INFINITY, 0.99, 0, 10.5, 0}, 5},
    {"lr-eta0", "lr_eta0", {NAN, INFINITY, 0, -1e-3, 11, 0}, 5},
    {"lr-t0-frac", "lr_t0_frac", {NAN, INFINITY, 0, -0.1, 1e7, 0}, 5},
    {"lr-eta-min-frac", "lr_eta_min_frac", {NAN, INFINITY, 0, -0.1, 1.5, 0}, 5},
    {"grad-scale", "grad_scale", {NAN, INFINITY, 0, -1, 1e7, 0}, 5},
    {"param-range", "param_range", {NAN, INFINITY, 0, -2, 1e7, 0}, 5},
    {"drift-diffusion-ratio", "drift_diffusion_ratio", {NAN, INFINITY, 0, -1, 1e7, 0}, 5},
    {"hops-per-level", "hops_per_level", {NAN, INFINITY, 0.5, 2.5, 1e31, 0}, 5},
};

Test(workload, every_field_rejects_bad_values) {
  size_t ncase = sizeof k_bad / sizeof k_bad[0];
  /* every settable field has a case */
  size_t nfields = 0;
  for (const char *const *f = limen_workload_fields(); *f; f++) nfields++;
  cr_assert_eq(nfields, ncase, "fields %zu, cases %zu", nfields, ncase);
  for (size_t i = 0; i < ncase; i++) {
    for (int j = 0; j < k_bad[i].nbad; j++) {
      limen_workload w = limen_workload_default();
      limen_error err;
      cr_assert_eq(limen_workload_set(&w, k_bad[i].field, k_bad[i].bad[j], &err), LIMEN_OK);
      int rc = limen_workload_validate(&w, &err);
      cr_assert_eq(rc, LIMEN_EINVAL, "%s = %g accepted", k_bad[i].field, k_bad[i].bad[j]);
      cr_assert(strstr(err.trace, k_bad[i].msgname), "message '%s' does not name %s", err.trace,
                k_bad[i].msgname);
      cr_assert(strstr(err.msg, "allowed"), "message '%s' gives no range", err.msg);
      limen_workload_derived d;
      cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_EINVAL);
    }
  }
}

Test(workload, enum_fields_rejected) {
  limen_workload w = limen_workload_default();
  limen_error err;
  w.ops = (limen_ops_convention)7;
  cr_assert_eq(limen_workload_validate(&w, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "ops"), "%s", err.msg);
  w = limen_workload_default();
  w.lr_kind = (limen_lr_kind)9;
  cr_assert_eq(limen_workload_validate(&w, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "lr_kind"), "%s", err.msg);
}

Test(workload, set_get_by_name) {
  limen_workload w = limen_workload_default();
  limen_error err;
  double v = 0;
  cr_assert_eq(limen_workload_set(&w, "bits", 8, &err), LIMEN_OK);
  cr_assert_eq(limen_workload_get(&w, "bits", &v, &err), LIMEN_OK);
  cr_assert_eq(v, 8.0);
  cr_assert_eq(w.bits, 8.0);
  cr_assert_eq(limen_workload_set(&w, "time", 86400, &err), LIMEN_OK);
  cr_assert_eq(w.train_time_s, 86400.0);
  cr_assert_eq(limen_workload_set(&w, "colour", 1, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "colour") && strstr(err.msg, "params"), "%s", err.msg);
  cr_assert_eq(limen_workload_get(&w, "colour", &v, &err), LIMEN_ENOTFOUND);
}

Test(workload, unrepresentable_tau_op_rejected) {
  limen_workload w = limen_workload_default();
  limen_error err;
  limen_workload_derived d;
  w.train_time_s = 1e-300;
  w.flops = 1e60;
  w.params = 1;
  w.tokens = 1e30;
  w.batch_tokens = 1;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_EINVAL);
  /* the input farthest from its default is named, with the range that works at the others */
  cr_assert(strncmp(err.msg, "time = 1e-300: allowed range [", 30) == 0 && strstr(err.msg, "tau_op"), "%s", err.msg);
  cr_assert_str_eq(err.field, "time");
  double lo = 0;
  cr_assert_eq(sscanf(err.range, "[%lg,", &lo), 1, "%s", err.range);
  /* τ_op = T·P/OPS with OPS = C = 1e60 and P = N = 1: T = 1e-240 s gives τ_op = 1e-300 s */
  cr_assert(fabs(lo / 1e-240 - 1.0) < 1e-9, "lower end %g", lo);
  w.train_time_s = lo * 1.001;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  w.train_time_s = lo * 0.999;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_EINVAL);
}

/* τ_op/τ₀ beyond 1e300 (a long write at a tiny c_f): c_f is named, its range computed. */
Test(workload, too_long_tau_op_names_the_input) {
  limen_workload w = limen_workload_default();
  limen_error err;
  limen_workload_derived d;
  w.flops_per_param_token = 1e-300;
  w.params = 1e15;
  w.tokens = 1e12;
  w.flops = 0;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.field, "flops-per-param-token", "%s", err.msg);
  double lo = 0;
  cr_assert_eq(sscanf(err.range, "[%lg,", &lo), 1, "%s", err.range);
  /* τ_op/τ₀ = T/(c_f·D·τ₀) = 2592000/(c_f·1e12·1e-9) = 2592/c_f ≤ 1e300: c_f ≥ 2.592e-297 */
  cr_assert(fabs(lo / 2.592e-297 - 1.0) < 1e-9, "lower end %g", lo);
}

Test(workload, largest_inputs_stay_finite) {
  limen_workload w = limen_workload_default();
  limen_error err;
  limen_workload_derived d;
  w.flops = 0;
  w.params = 1e30;
  w.tokens = 1e30;
  w.flops_per_param_token = 1e6;
  w.batch_tokens = 1;
  w.bits = 64;
  w.temperature_K = 1e4;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  cr_assert(isfinite(d.flops) && isfinite(d.ops) && isfinite(d.tau_op_s));
  cr_assert(isfinite(d.ops * w.bits * d.kT_J * 1e6));
}

/* ---- the catalog ----------------------------------------------------------------------- */

Test(catalog, required_rows_with_sources) {
  limen_catalog *c = NULL;
  limen_error err;
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  const char *need[] = {"brain-scale", "gpt-3",       "t5-11b",         "bloom-176b",
                        "llama-2-70b", "llama-3-70b", "llama-3.1-405b", "pythia-160m",
                        "bert-base"};
  for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
    const limen_model *m = NULL;
    cr_assert_eq(limen_catalog_find(c, need[i], &m, &err), LIMEN_OK, "%s", err.msg);
    cr_assert(strlen(m->source) > 10, "%s has no source", m->name);
    if (!isnan(m->published_energy_kWh))
      cr_assert(strlen(m->energy_source) > 10 && strlen(m->energy_basis) > 3, "%s", m->name);
    limen_workload w;
    cr_assert_eq(limen_workload_from_model(m, &w, &err), LIMEN_OK, "%s", err.msg);
  }
  limen_catalog_free(c);
}

Test(catalog, published_numbers) {
  limen_catalog *c = NULL;
  limen_error err;
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  const limen_model *m = NULL;
  cr_assert_eq(limen_catalog_find(c, "gpt-3", &m, &err), LIMEN_OK);
  cr_assert_eq(m->flops, 3.14e23);
  cr_assert_eq(m->tokens, 3e11);
  cr_assert_eq(m->params, 1.75e11);
  cr_assert_eq(m->published_energy_kWh, 1287000.0);
  cr_assert(tu_close_rel(limen_model_published_energy_J(m), 1287000.0 * 3.6e6, 1e-15));
  cr_assert(strstr(m->energy_basis, "facility"), "%s", m->energy_basis);
  cr_assert_eq(limen_catalog_find(c, "bloom-176b", &m, &err), LIMEN_OK);
  cr_assert_eq(m->published_energy_kWh, 433196.0);
  cr_assert(strstr(m->energy_basis, "GPU"), "%s", m->energy_basis);
  /* Llama 2 70B: 1,720,320 GPU-hours at 400 W */
  cr_assert_eq(limen_catalog_find(c, "llama-2-70b", &m, &err), LIMEN_OK);
  cr_assert(tu_close_rel(m->published_energy_kWh, 1720320.0 * 0.4, 1e-15));
  /* Llama 3.1 405B: 30.84M GPU-hours at 700 W, C = 3.8e25, D = 15.6T */
  cr_assert_eq(limen_catalog_find(c, "llama-3.1-405b", &m, &err), LIMEN_OK);
  cr_assert(tu_close_rel(m->published_energy_kWh, 30.84e6 * 0.7, 1e-12));
  cr_assert_eq(m->flops, 3.8e25);
  cr_assert_eq(m->tokens, 1.56e13);
  cr_assert_eq(limen_catalog_find(c, "llama-3-70b", &m, &err), LIMEN_OK);
  cr_assert(tu_close_rel(m->published_energy_kWh, 6.4e6 * 0.7, 1e-12));
  cr_assert(isnan(m->batch_tokens));
  limen_workload w;
  cr_assert_eq(limen_workload_from_model(m, &w, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(w.batch_tokens, 4194304.0);
  cr_assert_eq(w.flops, 0.0); /* → c_f·N·D */
  limen_catalog_free(c);
}

Test(catalog, unknown_name_lists_the_rows) {
  limen_catalog *c = NULL;
  limen_error err;
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  const limen_model *m = NULL;
  cr_assert_eq(limen_catalog_find(c, "gpt-5", &m, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "gpt-5") && strstr(err.msg, "brain-scale") && strstr(err.msg, "gpt-3"),
            "%s", err.msg);
  limen_catalog_free(c);
}

/* A valid row as text, with one field replaced or removed. */
static const char *k_row_fields[][2] = {
    {"name", "\"m\""},          {"display", "\"M\""},         {"params", "1e9"},
    {"tokens", "1e10"},         {"flops", "null"},            {"batch_tokens", "1e6"},
    {"year", "2020"},           {"published_energy_kWh", "null"}, {"energy_basis", "\"none\""},
    {"hardware", "\"x\""},      {"hardware_profile", "\"\""},  {"published_pue", "null"},
    {"source", "\"a paper\""},  {"energy_source", "\"\""},     {"notes", "\"\""}};

static char *row_with(const char *field, const char *value, const char *extra) {
  static char buf[4096];
  size_t used = 0;
  used += (size_t)snprintf(buf + used, sizeof buf - used, "[{");
  int first = 1;
  for (size_t i = 0; i < sizeof k_row_fields / sizeof k_row_fields[0]; i++) {
    const char *v = k_row_fields[i][1];
    if (field && strcmp(field, k_row_fields[i][0]) == 0) {
      if (!value) continue; /* removed */
      v = value;
    }
    used += (size_t)snprintf(buf + used, sizeof buf - used, "%s\"%s\": %s", first ? "" : ", ",
                             k_row_fields[i][0], v);
    first = 0;
  }
  if (extra) used += (size_t)snprintf(buf + used, sizeof buf - used, ", %s", extra);
  snprintf(buf + used, sizeof buf - used, "}]");
  return buf;
}

static const char *write_temp(const char *text) {
  const char *p = tu_temp_file(text);
  cr_assert_not_null(p, "cannot write a temporary file");
  return p;
}

static void expect_parse_error(const char *text, const char *must1, const char *must2) {
  const char *path = write_temp(text);
  limen_catalog *c = NULL;
  limen_error err;
  int rc = limen_catalog_load(path, &c, &err);
  remove(path);
  cr_assert_eq(rc, LIMEN_EPARSE, "accepted: %s", text);
  cr_assert_null(c);
  cr_assert(strstr(err.msg, path), "message '%s' does not name the file", err.msg);
  if (must1) cr_assert(strstr(err.msg, must1), "message '%s' lacks '%s'", err.msg, must1);
  if (must2) cr_assert(strstr(err.msg, must2), "message '%s' lacks '%s'", err.msg, must2);
}

Test(catalog, valid_temp_file_loads) {
  const char *path = write_temp(row_with(NULL, NULL, NULL));
  limen_catalog *c = NULL;
  limen_error err;
  int rc = limen_catalog_load(path, &c, &err);
  remove(path);
  cr_assert_eq(rc, LIMEN_OK, "%s", err.msg);
  cr_assert_eq(c->count, 1);
  cr_assert(isnan(c->models[0].flops));
  limen_catalog_free(c);
}

Test(catalog, malformed_files) {
  expect_parse_error("[{\"name\": ", "malformed", NULL);
  expect_parse_error("{\"name\": \"m\"}", "array", NULL);
  expect_parse_error("[]", "no rows", NULL);
  expect_parse_error("[42]", "row 0", "object");
  expect_parse_error(row_with("params", NULL, NULL), "row 0 (m)", "params: missing");
  expect_parse_error(row_with(NULL, NULL, "\"colour\": 1"), "row 0 (m)", "colour: unknown");
  expect_parse_error(row_with("params", "-1e9", NULL), "row 0 (m)", "params");
  expect_parse_error(row_with("params", "0", NULL), "row 0 (m)", "params");
  expect_parse_error(row_with("tokens", "\"many\"", NULL), "row 0 (m)", "tokens");
  expect_parse_error(row_with("params", "null", NULL), "row 0 (m)", "params");
  expect_parse_error(row_with("flops", "-3", NULL), "row 0 (m)", "flops");
  expect_parse_error(row_with("batch_tokens", "1e11", NULL), "row 0 (m)", "batch_tokens");
  expect_parse_error(row_with("year", "2020.5", NULL), "row 0 (m)", "year");
  expect_parse_error(row_with("name", "\"\"", NULL), "row 0", "name");
  expect_parse_error(row_with("source", "3", NULL), "row 0 (m)", "source");
  expect_parse_error(row_with("published_energy_kWh", "1000", NULL), "row 0 (m)", "energy_source");
  expect_parse_error(row_with("published_pue", "0.9", NULL), "row 0 (m)", "published_pue");
  expect_parse_error(row_with("published_pue", "11", NULL), "row 0 (m)", "published_pue");
  expect_parse_error(row_with("hardware_profile", NULL, NULL), "row 0 (m)", "hardware_profile: missing");
  /* duplicate names: two copies of the same row */
  char two[8192];
  const char *one = row_with(NULL, NULL, NULL);
  size_t n = strlen(one);
  snprintf(two, sizeof two, "%.*s, %s", (int)(n - 1), one, one + 1);
  expect_parse_error(two, "row 1 (m)", "duplicate");
}

Test(catalog, missing_file) {
  limen_catalog *c = NULL;
  limen_error err;
  cr_assert_eq(limen_catalog_load("/nonexistent/limen/models.json", &c, &err), LIMEN_EIO);
}

/* ---- a workload from named inputs (limen_workload_setup_build): the tool's rules ------------- */

typedef struct setup_fixture {
  limen_catalog *c;
  limen_workload_request r;
  limen_workload_setup s;
  limen_error err;
} setup_fixture;

static void setup_begin(setup_fixture *f) {
  memset(f, 0, sizeof *f);
  cr_assert_eq(limen_catalog_load(NULL, &f->c, &f->err), LIMEN_OK, "%s", f->err.msg);
  limen_workload_request_init(&f->r);
}

static size_t row_of(const char *name) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  const limen_input *in = limen_input_find(t, n, name);
  cr_assert(in, "%s", name);
  return (size_t)(in - t);
}

static int build(setup_fixture *f) { return limen_workload_setup_build(f->c, &f->r, &f->s, &f->err); }

Test(workload_setup, default_is_brain_scale_from_the_catalog) {
  setup_fixture f;
  setup_begin(&f);
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  limen_workload d = limen_workload_default();
  cr_assert_str_eq(f.s.w.name, "brain-scale");
  cr_assert_str_eq(f.s.model->name, "brain-scale");
  cr_assert(!f.s.custom);
  cr_assert(tu_close_rel(f.s.w.flops, d.flops, 1e-15) && f.s.w.bits == d.bits);
  cr_assert_eq(f.s.origin[row_of("params")], LIMEN_ORIGIN_CATALOG);
  cr_assert_eq(f.s.origin[row_of("bits")], LIMEN_ORIGIN_DEFAULT);
  limen_catalog_free(f.c);
}

Test(workload_setup, model_row_and_given_inputs) {
  setup_fixture f;
  setup_begin(&f);
  f.r.model = "gpt-3";
  cr_assert_eq(limen_workload_request_set_text(&f.r, "bits", "8", &f.err), LIMEN_OK, "%s", f.err.msg);
  cr_assert_eq(limen_workload_request_set(&f.r, "batch", 1e5, &f.err), LIMEN_OK, "%s", f.err.msg);
  f.r.ops = "per-parameter-step";
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  cr_assert_str_eq(f.s.w.name, "gpt-3");
  cr_assert(f.s.w.flops == 3.14e23 && f.s.w.bits == 8 && f.s.w.batch_tokens == 1e5);
  cr_assert_eq(f.s.w.ops, LIMEN_OPS_PER_PARAMETER_STEP);
  cr_assert_eq(f.s.origin[row_of("flops")], LIMEN_ORIGIN_CATALOG, "C of the row stays");
  cr_assert_eq(f.s.origin[row_of("batch-tokens")], LIMEN_ORIGIN_GIVEN);
  /* tokens given: C follows c_f·N·D */
  cr_assert_eq(limen_workload_request_set(&f.r, "tokens", 1e12, &f.err), LIMEN_OK, "%s", f.err.msg);
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  cr_assert_eq(f.s.w.flops, 0.0);
  cr_assert_eq(f.s.origin[row_of("flops")], LIMEN_ORIGIN_DERIVED);
  limen_catalog_free(f.c);
}

Test(workload_setup, params_make_a_custom_workload) {
  setup_fixture f;
  setup_begin(&f);
  limen_workload_request_set(&f.r, "params", 1e9, &f.err);
  limen_workload_request_set(&f.r, "tokens", 2e10, &f.err);
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  limen_workload_derived d;
  cr_assert_eq(limen_workload_derive(&f.s.w, &d, &f.err), LIMEN_OK);
  cr_assert_eq(d.flops, 1.2e20, "C = 6 N D");
  cr_assert(f.s.custom);
  cr_assert_str_eq(f.s.w.name, "custom");
  cr_assert_eq(f.s.origin[row_of("batch-tokens")], LIMEN_ORIGIN_DEFAULT);
  /* flops given wins */
  limen_workload_request_set(&f.r, "flops", 1e20, &f.err);
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  cr_assert_eq(f.s.w.flops, 1e20);
  limen_catalog_free(f.c);
}

/* Each rule's refusal, worded as the tool prints it after "--" (tests/cli/errors.sh). */
Test(workload_setup, refusals_name_the_input) {
  setup_fixture f;
  setup_begin(&f);
  f.r.model = "no-such-model";
  cr_assert_eq(build(&f), LIMEN_ENOTFOUND);
  cr_assert(strncmp(f.err.msg, "model = 'no-such-model': unknown model; allowed brain-scale, ", 61) == 0, "%s",
            f.err.msg);
  cr_assert_str_eq(f.s.error_input, "model");
  f.r.model = "gpt-3";
  limen_workload_request_set(&f.r, "params", 1e9, &f.err);
  cr_assert_eq(build(&f), LIMEN_EINVAL);
  cr_assert(strstr(f.err.msg, "model = 'gpt-3' conflicts with --params"), "%s", f.err.msg);
  f.r.model = NULL;
  cr_assert_eq(build(&f), LIMEN_EINVAL);
  cr_assert_str_eq(f.err.msg, "params: needs --tokens (training tokens D, range [1, 1e30])");
  cr_assert_str_eq(f.s.error_input, "params");
  limen_workload_request_set(&f.r, "tokens", 10, &f.err);
  cr_assert_eq(build(&f), LIMEN_EINVAL);
  cr_assert_str_eq(f.err.msg, "tokens = 10: smaller than the batch B_s = 4194304 tokens per step; give --batch-tokens too");
  cr_assert_str_eq(f.s.error_input, "tokens");
  limen_workload_request_set(&f.r, "tokens", 1e6, &f.err);
  limen_workload_request_set(&f.r, "batch-tokens", 1e7, &f.err);
  cr_assert_eq(build(&f), LIMEN_EINVAL);
  cr_assert_str_eq(f.err.msg, "batch-tokens = 10000000: allowed range [1, D = 1000000]");
  limen_workload_request_init(&f.r);
  f.r.lr_schedule = "linear";
  cr_assert_neq(build(&f), LIMEN_OK);
  cr_assert(strncmp(f.err.msg, "lr-schedule: 'linear': ", 23) == 0, "%s", f.err.msg);
  cr_assert_str_eq(f.s.error_input, "lr-schedule");
  limen_workload_request_init(&f.r);
  limen_workload_request_set(&f.r, "time", 1e-30, &f.err);
  cr_assert_eq(build(&f), LIMEN_OK, "valid ranges; only a paradigm cannot serve it: %s", f.err.msg);
  /* request setters check like the options */
  cr_assert_eq(limen_workload_request_set_text(&f.r, "temperature", "-3", &f.err), LIMEN_EINVAL);
  cr_assert_str_eq(f.err.msg, "temperature = '-3': allowed range (0, 10000] K");
  cr_assert_eq(limen_workload_request_set(&f.r, "hops-per-level", 1.5, &f.err), LIMEN_EINVAL);
  cr_assert_str_eq(f.err.msg, "hops-per-level = 1.5: allowed range whole numbers in [1, 1e+30]");
  limen_catalog_free(f.c);
}

Test(workload_setup, sweep_point_rule) {
  setup_fixture f;
  setup_begin(&f);
  f.r.model = "gpt-3";
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  limen_workload w = f.s.w;
  cr_assert_eq(limen_workload_setup_vary(&f.s, &w, "bits", 8, &f.err), LIMEN_OK);
  cr_assert(w.bits == 8 && w.flops == 3.14e23, "bits leave C alone");
  cr_assert_eq(limen_workload_setup_vary(&f.s, &w, "params", 1e9, &f.err), LIMEN_OK);
  cr_assert_eq(w.flops, 0.0, "N varies, C not given: C = c_f·N·D");
  cr_assert_eq(limen_workload_setup_vary(&f.s, &w, "bits", 0, &f.err), LIMEN_EINVAL);
  cr_assert_str_eq(f.err.msg, "bits = 0: allowed range whole numbers in [1, 64] bits");
  cr_assert_eq(limen_workload_setup_vary(&f.s, &w, "bits", 6.4, &f.err), LIMEN_EINVAL); /* bits are whole */
  limen_workload_request_set(&f.r, "flops", 1e22, &f.err);
  f.r.model = NULL;
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  w = f.s.w;
  cr_assert_eq(limen_workload_setup_vary(&f.s, &w, "tokens", 1e12, &f.err), LIMEN_OK);
  cr_assert_eq(w.flops, 1e22, "C given stays");
  limen_catalog_free(f.c);
}

static int count_line(void *ctx, const char *line) {
  size_t *n = ctx;
  (*n)++;
  return strstr(line, "given by --bits") ? 100 : 0;
}

Test(workload_setup, assumptions_and_choices) {
  setup_fixture f;
  setup_begin(&f);
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  size_t n_lines = 0, n_inputs;
  limen_workload_inputs(&n_inputs);
  cr_assert_eq(limen_workload_assumptions(&f.s, &f.s.w, count_line, &n_lines, &f.err), LIMEN_OK);
  cr_assert_eq(n_lines, 2 + n_inputs + 5, "row, notes, one line per input, OPS, K, τ_op, kT, schedule");
  limen_workload_request_set(&f.r, "bits", 8, &f.err);
  f.r.source[row_of("bits")] = "given by --bits";
  cr_assert_eq(build(&f), LIMEN_OK, "%s", f.err.msg);
  n_lines = 0;
  cr_assert_eq(limen_workload_assumptions(&f.s, &f.s.w, count_line, &n_lines, &f.err), 100, "stops at fn's failure");
  cr_assert_str_eq(limen_workload_choices("ops"), "per-flop,per-parameter-step");
  cr_assert_str_eq(limen_workload_choices("lr-schedule"), "constant,inverse,cosine");
  cr_assert_null(limen_workload_choices("bits"));
  /* the choices are the names the parsers accept */
  limen_ops_convention o;
  limen_lr_kind k;
  cr_assert_eq(limen_ops_convention_parse("per-parameter-step", &o, &f.err), LIMEN_OK);
  cr_assert_eq(limen_lr_kind_parse("cosine", &k, &f.err), LIMEN_OK);
  limen_catalog_free(f.c);
}

Test(workload_setup, default_paradigm_list) {
  const char *const *d = limen_paradigm_default_specs();
  char joined[512] = "";
  for (size_t i = 0; d[i]; i++) {
    if (i) strcat(joined, ",");
    strcat(joined, d[i]);
  }
  cr_assert_str_eq(limen_paradigm_default_list(), joined);
  limen_error err;
  const char *twice[] = {"landauer-adiabatic", "landauer-adiabatic"};
  cr_assert_eq(limen_paradigm_list_check(twice, 2, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "paradigm = 'landauer-adiabatic' is listed twice");
  cr_assert_eq(limen_paradigm_list_check(twice, 0, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "paradigm = '': give at least one paradigm");
  cr_assert_eq(limen_paradigm_list_check(d, 9, &err), LIMEN_OK);
}

/* A temperature whose kT is not a normal double would round every energy to 0 J: refused. */
Test(workload, temperature_with_subnormal_kT_is_refused) {
  limen_workload w = limen_workload_default();
  w.temperature_K = 1e-300; /* kT = 1.4e-323 J */
  limen_workload_derived d;
  limen_error err;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_EINVAL);
  /* named as an input, with the range's end DBL_MIN/k_B (k_B = 1.380649e-23 J/K, exact in SI) */
  cr_assert_str_eq(err.field, "temperature", "%s", err.msg);
  const char *want = "temperature = 1e-300: allowed range [1.6116";
  cr_assert(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
  w.temperature_K = 2.2250738585072014e-308 / 1.380649e-23 * 1.001;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
  w.temperature_K = 1e-3;
  cr_assert_eq(limen_workload_derive(&w, &d, &err), LIMEN_OK, "%s", err.msg);
}
