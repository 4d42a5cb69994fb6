/* SPDX-License-Identifier: GPL-3.0-or-later
 * setup.c: a workload from named inputs (workload.h): the rules of how a catalog model and the
 * given inputs combine (model or params, C = c_f·N·D, B_s ≤ D), a sweep point's inputs, the
 * choices of the enum inputs and the assumption lines, so that every front end (the tool, a
 * language binding) builds and states the same workload from the same words. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "limen/workload.h"

/* The rows a catalog row gives (the others come from the workload's defaults). */
static int from_catalog(const char *name) {
  return strcmp(name, "params") == 0 || strcmp(name, "tokens") == 0 || strcmp(name, "flops") == 0 ||
         strcmp(name, "batch-tokens") == 0;
}

/* Rows whose change makes C follow c_f·N·D unless C was given. */
static int drives_flops(const char *name) {
  return strcmp(name, "params") == 0 || strcmp(name, "tokens") == 0 || strcmp(name, "flops-per-param-token") == 0;
}

/* Index of row `name` (name only, not alias) in the input table. */
static size_t row_index(const char *name) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  for (size_t i = 0; i < n; i++)
    if (strcmp(t[i].name, name) == 0) return i;
  return n;
}

const char *limen_workload_choices(const char *input) {
  if (input && strcmp(input, "ops") == 0) return "per-flop,per-parameter-step";
  if (input && strcmp(input, "lr-schedule") == 0) return "constant,inverse,cosine";
  return NULL;
}

int limen_workload_from_catalog(const limen_catalog *c, const char *name, limen_workload *w,
                                const limen_model **row, limen_error *err) {
  const limen_model *m = NULL;
  if (!c || limen_catalog_find(c, name, &m, NULL) != LIMEN_OK) {
    char names[1024] = "";
    size_t at = 0;
    for (size_t i = 0; c && i < c->count && at < sizeof names; i++)
      at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "", c->models[i].name);
    char near[96];
    limen_suggest_note(name, names, near, sizeof near);
    return limen_error_plain(err, LIMEN_ENOTFOUND, "model = '%s': unknown model%s; allowed %s", name ? name : "",
                             near, names);
  }
  if (row) *row = m;
  int rc = limen_workload_from_model(m, w, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "model", "'%s'", name);
  return LIMEN_OK;
}

/* ---- requests ------------------------------------------------------------------------------- */

void limen_workload_request_init(limen_workload_request *r) { memset(r, 0, sizeof *r); }

/* The request seen as a struct of inputs: value[] at each row's place. */
static int request_give(limen_workload_request *r, const char *name, const char *text, double value,
                        limen_error *err) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  limen_workload w = limen_workload_default();
  const limen_input *in = limen_input_find(t, n, name);
  int rc;
  if (in && text && limen_input_cell_time(in, text)) { /* "100tau0": with the τ₀ given so far */
    size_t k = row_index("tau0");
    rc = limen_input_parse_cell_time(in, in->name, text, r->given[k] ? r->value[k] : w.tau0_s, &value, err);
    if (rc == LIMEN_OK) limen_input_set(in, &w, value);
  } else {
    rc = text ? limen_inputs_set_text(t, n, &w, name, text, err) : limen_inputs_set_value(t, n, &w, name, value, err);
  }
  if (rc != LIMEN_OK) return rc;
  size_t i = (size_t)(in - t);
  r->value[i] = limen_input_get(in, &w);
  r->given[i] = 1;
  return LIMEN_OK;
}

int limen_workload_request_set(limen_workload_request *r, const char *name, double value, limen_error *err) {
  return request_give(r, name, NULL, value, err);
}

int limen_workload_request_set_text(limen_workload_request *r, const char *name, const char *text,
                                    limen_error *err) {
  return request_give(r, name, text ? text : "", 0.0, err);
}

/* ---- building -------------------------------------------------------------------------------- */

static int fail_on(limen_workload_setup *s, const char *input, int rc) {
  s->error_input = input;
  return rc;
}

/* The catalog row with the given inputs on top; the origin of every input. */
static int apply_inputs(const limen_catalog *c, const limen_workload_request *r, limen_workload_setup *s,
                        limen_error *err) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  limen_workload d = limen_workload_default();
  const char *row = r->model ? r->model : d.name;
  int rc = limen_workload_from_catalog(c, row, &s->w, &s->model, err);
  if (rc != LIMEN_OK) return fail_on(s, "model", rc);
  size_t ip = row_index("params"), it = row_index("tokens"), ic = row_index("flops"),
         icf = row_index("flops-per-param-token"), ib = row_index("batch-tokens");
  for (size_t i = 0; i < n; i++) s->origin[i] = from_catalog(t[i].name) ? LIMEN_ORIGIN_CATALOG : LIMEN_ORIGIN_DEFAULT;
  if (r->given[ip]) {
    s->custom = 1;
    snprintf(s->w.name, sizeof s->w.name, "%s", r->name ? r->name : "custom");
    if (!r->given[ib]) s->origin[ib] = LIMEN_ORIGIN_DEFAULT;
  }
  if ((r->given[ip] || r->given[it] || r->given[icf]) && !r->given[ic]) {
    s->w.flops = 0;
    s->origin[ic] = LIMEN_ORIGIN_DERIVED;
  }
  for (size_t i = 0; i < n; i++) {
    s->source[i] = r->source[i];
    if (!r->given[i]) continue;
    limen_input_set(&t[i], &s->w, r->value[i]);
    s->origin[i] = LIMEN_ORIGIN_GIVEN;
  }
  if (s->w.batch_tokens > s->w.tokens) {
    if (r->given[ib])
      return fail_on(s, "batch-tokens", limen_error_plain(err, LIMEN_EINVAL,
                                                         "batch-tokens = %.10g: allowed range [1, D = %.10g]", s->w.batch_tokens,
                                                         s->w.tokens));
    return fail_on(s, "tokens",
                   limen_error_plain(err, LIMEN_EINVAL,
                                    "tokens = %.10g: smaller than the batch B_s = %.10g tokens per step; give --batch-tokens too",
                                    s->w.tokens, s->w.batch_tokens));
  }
  return LIMEN_OK;
}

/* A measured learning path: its bits and range become the workload's (a different given value
 * is refused), and the inputs of the assumed path are refused (they would not be used). */
static int apply_path(const limen_workload_request *r, limen_workload_setup *s, limen_error *err) {
  const limen_learning_path *p = r->learning_path;
  static const char *const unused[] = {"lr-eta0", "lr-t0-frac", "lr-eta-min-frac", "grad-scale"};
  for (size_t i = 0; i < sizeof unused / sizeof unused[0]; i++)
    if (r->given[row_index(unused[i])])
      return fail_on(s, unused[i], limen_error_plain(err, LIMEN_EINVAL, "%s: describes the assumed learning path; with a "
                                         "measured learning path it is not used (omit it)", unused[i]));
  if (r->lr_schedule)
    return fail_on(s, "lr-schedule", limen_error_plain(err, LIMEN_EINVAL, "lr-schedule: describes the assumed learning path; "
                                           "with a measured learning path it is not used (omit it)"));
  struct { const char *name; double value; } from_path[] = {{"bits", (double)p->bits}, {"param-range", p->hi - p->lo}};
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  for (size_t k = 0; k < 2; k++) {
    size_t i = row_index(from_path[k].name);
    if (r->given[i] && r->value[i] != from_path[k].value)
      return fail_on(s, from_path[k].name, limen_error_plain(err, LIMEN_EINVAL, "%s = %.10g: the learning path was recorded at "
                                                 "%s = %.10g, and its levels and writes hold there only (omit it)",
                                                 from_path[k].name, r->value[i], from_path[k].name, from_path[k].value));
    limen_input_set(&t[i], &s->w, from_path[k].value);
    if (!r->given[i]) s->origin[i] = LIMEN_ORIGIN_PATH;
  }
  s->w.path = p;
  s->learning_path_source = r->learning_path_source;
  return LIMEN_OK;
}

/* A workload label: 1 to LIMEN_WORKLOAD_NAME_MAX − 1 printable characters. */
static int name_ok(const char *n) {
  size_t len = strlen(n);
  if (len == 0 || len >= LIMEN_WORKLOAD_NAME_MAX) return 0;
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)n[i] < 0x20 || n[i] == 0x7f) return 0;
  return 1;
}

/* The name of the workload input whose message err holds ("time = ..."), or NULL. */
static const char *names_input(const limen_error *err) {
  size_t nr = 0;
  const limen_input *rows = limen_workload_inputs(&nr), *in = err ? limen_input_find(rows, nr, err->field) : NULL;
  return in && strncmp(err->msg, in->name, strlen(in->name)) == 0 ? in->name : NULL;
}

int limen_workload_setup_build(const limen_catalog *c, const limen_workload_request *r, limen_workload_setup *s,
                               limen_error *err) {
  if (!r || !s) return limen_error_set(err, LIMEN_EINVAL, __func__, "request or setup is NULL");
  memset(s, 0, sizeof *s);
  size_t n;
  limen_workload_inputs(&n);
  if (n > LIMEN_WORKLOAD_INPUTS_MAX)
    return limen_error_set(err, LIMEN_EINTERNAL, __func__, "LIMEN_WORKLOAD_INPUTS_MAX = %d: fewer than %zu inputs",
                           LIMEN_WORKLOAD_INPUTS_MAX, n);
  if (r->model && r->given[row_index("params")])
    return fail_on(s, "model", limen_error_plain(err, LIMEN_EINVAL,
                                                "model = '%s' conflicts with --params: give a catalog model or an explicit "
                                                "workload (--params N --tokens D [--flops C])", r->model));
  if (r->name && !r->given[row_index("params")])
    return fail_on(s, "name", limen_error_plain(err, LIMEN_EINVAL, "name = '%s': labels a custom workload; give "
                                                "--params and --tokens with it (a catalog model has its own name)",
                                                r->name));
  if (r->name && !name_ok(r->name))
    return fail_on(s, "name", limen_error_plain(err, LIMEN_EINVAL, "name = '%.80s': allowed 1 to %d printable "
                                                "characters", r->name, LIMEN_WORKLOAD_NAME_MAX - 1));
  if (r->given[row_index("params")] && !r->given[row_index("tokens")])
    return fail_on(s, "params", limen_error_plain(err, LIMEN_EINVAL,
                                                 "params: needs --tokens (training tokens D, range [1, 1e30])"));
  int rc = apply_inputs(c, r, s, err);
  if (rc == LIMEN_OK && r->learning_path) rc = apply_path(r, s, err);
  if (rc != LIMEN_OK) return rc;
  if (r->ops && (rc = limen_ops_convention_parse(r->ops, &s->w.ops, err)) != LIMEN_OK)
    return fail_on(s, "ops", limen_error_wrap(err, LIMEN_EINVAL, "ops", "'%s'", r->ops));
  if (r->lr_schedule && (rc = limen_lr_kind_parse(r->lr_schedule, &s->w.lr_kind, err)) != LIMEN_OK)
    return fail_on(s, "lr-schedule", limen_error_wrap(err, rc, "lr-schedule", "'%s'", r->lr_schedule));
  if ((rc = limen_workload_validate(&s->w, err)) != LIMEN_OK) {
    if (names_input(err)) return fail_on(s, names_input(err), rc); /* names it */
    return limen_error_wrap(err, rc, "workload", "invalid");
  }
  limen_workload_derived d;
  if ((rc = limen_workload_derive(&s->w, &d, err)) != LIMEN_OK) {
    if (names_input(err)) return fail_on(s, names_input(err), rc); /* "time = ...: allowed range ..." */
    limen_error_wrap(err, rc, "workload", "out of range");
    if (rc == LIMEN_ERANGE && err) err->code = LIMEN_EINVAL; /* caused by the inputs: an input error */
    return rc == LIMEN_ERANGE ? LIMEN_EINVAL : rc;
  }
  return LIMEN_OK;
}

int limen_workload_setup_vary(const limen_workload_setup *s, limen_workload *w, const char *name, double value,
                              limen_error *err) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n), *in = NULL;
  int rc = limen_input_lookup(t, n, __func__, "workload input", name, &in, err);
  if (rc == LIMEN_OK) rc = limen_input_check_given(in, value, err);
  if (rc != LIMEN_OK) return rc;
  if (s->w.path && (s->origin[(size_t)(in - t)] == LIMEN_ORIGIN_PATH || strcmp(in->name, "bits") == 0 ||
                    strcmp(in->name, "param-range") == 0))
    return limen_error_input(err, LIMEN_EINVAL, in->name, NULL, NULL, "%s: set by the learning path, whose levels "
                             "and writes hold at its own bits and range: it cannot be varied", in->name);
  if (s->w.path && (strncmp(in->name, "lr-", 3) == 0 || strcmp(in->name, "grad-scale") == 0))
    return limen_error_input(err, LIMEN_EINVAL, in->name, NULL, NULL, "%s: describes the assumed learning path; "
                             "with a measured learning path it is not used", in->name);
  limen_input_set(in, w, value);
  if (s->origin[row_index("flops")] != LIMEN_ORIGIN_GIVEN && drives_flops(in->name)) w->flops = 0;
  return LIMEN_OK;
}
