/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload_opts.c: the workload options shared by project, sweep and figure (workload_opts.h):
 * options made from the library's table of workload inputs (limen_workload_inputs), and the
 * parsed options handed to the library (limen_workload_setup_build), which owns the rules of how
 * --model and the inputs combine, the sweep rule and the assumption lines; errors about an input
 * get the option's "--" in front. */
#include "cli/workload_opts.h"

#include <stdlib.h>
#include <string.h>

/* The numeric workload options are the rows of the library's table of inputs. */
static const limen_input *inputs(size_t *n) {
  const limen_input *t = limen_workload_inputs(n);
  if (*n > CLI_WL_MAX_OPTS - 7) *n = CLI_WL_MAX_OPTS - 7; /* cli_wl_build reports the shortfall */
  return t;
}

/* option layout: model, the numeric inputs (IDX_FIELD0 + i for row i), ops, lr-schedule,
 * learning-path, name, catalog, profiles */
#define IDX_MODEL 0
#define IDX_FIELD0 1

size_t cli_wl_options(cli_opt *o) {
  size_t n;
  const limen_input *t = inputs(&n);
  static limen_workload d;
  d = limen_workload_default();
  o[IDX_MODEL] = cli_opt_str("model", CLI_OPT_STRING, "NAME", NULL, d.name,
                             "catalog model ('limen models' lists them); conflicts with --params");
  for (size_t i = 0; i < n; i++) o[IDX_FIELD0 + i] = cli_opt_input(&t[i]);
  o[IDX_FIELD0 + n] = cli_opt_str("ops", CLI_OPT_STRING, "CONV", limen_workload_choices("ops"),
                                  limen_ops_convention_name(d.ops), "elementary update operations: OPS = C, or OPS = N·K");
  o[IDX_FIELD0 + n + 1] = cli_opt_str("lr-schedule", CLI_OPT_STRING, "KIND", limen_workload_choices("lr-schedule"),
                                      limen_lr_kind_name(d.lr_kind), "learning-rate schedule of the lim-matched path");
  o[IDX_FIELD0 + n + 2] = cli_opt_str("learning-path", CLI_OPT_STRING, "FILE", NULL, NULL,
                                      "a measured learning path (PathMeter.save; docs/path.md) instead of the "
                                      "assumed schedule: its moves and writes per parameter and step, scaled to N "
                                      "and K; sets --bits and --param-range");
  o[IDX_FIELD0 + n + 3] = cli_opt_str("name", CLI_OPT_STRING, "LABEL", NULL, "custom",
                                      "label of a custom workload (--params/--tokens) in every output");
  o[IDX_FIELD0 + n + 4] = cli_opt_str("catalog", CLI_OPT_MULTI, "FILE", NULL, NULL,
                                      "your own model rows on top of limen's catalog (models.json format; a row of "
                                      "the same name replaces limen's; repeatable)");
  o[IDX_FIELD0 + n + 5] = cli_opt_str("profiles", CLI_OPT_MULTI, "FILE", NULL, NULL,
                                      "your own hardware profiles on top of limen's (profiles.json format; "
                                      "repeatable)");
  return IDX_FIELD0 + n + 6;
}

void cli_wl_free(cli_wl *ctx) {
  limen_catalog_free(ctx->catalog);
  limen_profiles_free(ctx->profiles);
  limen_learning_path_free(ctx->path);
  ctx->catalog = NULL;
  ctx->profiles = NULL;
  ctx->path = NULL;
}

/* The parsed options as the library's request; each given input's source for the assumptions. */
static void request_of(cli_wl *ctx, size_t n_fields, limen_workload_request *r) {
  cli_opt *opts = ctx->opts;
  limen_workload_request_init(r);
  if (opts[IDX_MODEL].set) r->model = opts[IDX_MODEL].str;
  for (size_t i = 0; i < n_fields; i++) {
    const cli_opt *o = &opts[IDX_FIELD0 + i];
    if (!o->set) continue;
    snprintf(ctx->source[i], sizeof ctx->source[i], "%s%s",
             o->set == CLI_FROM_FLAG ? "given by --" : "from --config key ", o->name);
    r->value[i] = o->num;
    r->given[i] = 1;
    r->source[i] = ctx->source[i];
  }
  if (opts[IDX_FIELD0 + n_fields].set) r->ops = opts[IDX_FIELD0 + n_fields].str;
  if (opts[IDX_FIELD0 + n_fields + 1].set) r->lr_schedule = opts[IDX_FIELD0 + n_fields + 1].str;
  if (opts[IDX_FIELD0 + n_fields + 3].set) r->name = opts[IDX_FIELD0 + n_fields + 3].str;
  if (ctx->path) {
    r->learning_path = ctx->path;
    r->learning_path_source = opts[IDX_FIELD0 + n_fields + 2].str;
  }
}

int cli_wl_build(cli_opt *opts, size_t n_opts, cli_wl *ctx, limen_error *err) {
  memset(ctx, 0, sizeof *ctx);
  /* the workload options may follow the command's own options: find where they start */
  size_t base = 0, n_fields = 0, n_table = 0;
  limen_workload_inputs(&n_table);
  inputs(&n_fields);
  if (n_fields < n_table)
    return limen_error_set(err, LIMEN_EINTERNAL, "cli_wl_build", "CLI_WL_MAX_OPTS = %d: too small for %zu workload inputs",
                           CLI_WL_MAX_OPTS, n_table);
  while (base < n_opts && strcmp(opts[base].name, "model") != 0) base++;
  if (n_opts - base < IDX_FIELD0 + n_fields + 6)
    return limen_error_set(err, LIMEN_EINTERNAL, "cli_wl_build", "workload options missing");
  ctx->opts = opts + base;
  ctx->n_opts = n_opts - base;
  int s = cli_opts_conflict(opts, n_opts, "model", "params",
                            "give a catalog model or an explicit workload (--params N --tokens D [--flops C])", err);
  if (s) return s;
  const cli_opt *co = &ctx->opts[IDX_FIELD0 + n_fields + 4], *po = &ctx->opts[IDX_FIELD0 + n_fields + 5];
  s = limen_catalog_load_with(co->items, co->n_items, &ctx->catalog, err);
  if (s) return co->n_items ? cli_error_prefix(err, LIMEN_EINVAL, "--catalog: ")
                            : limen_error_wrap(err, s, "model catalog", "loading");
  s = limen_profiles_load_with(po->items, po->n_items, &ctx->profiles, err);
  if (s) return po->n_items ? cli_error_prefix(err, LIMEN_EINVAL, "--profiles: ")
                            : limen_error_wrap(err, s, "hardware profiles", "loading");
  const cli_opt *lp = &ctx->opts[IDX_FIELD0 + n_fields + 2];
  if (lp->set && (s = limen_learning_path_read(lp->str, &ctx->path, err)) != LIMEN_OK)
    return cli_error_prefix(err, s == LIMEN_EIO ? LIMEN_EINVAL : s, "--learning-path: "); /* the user's file */
  limen_workload_request r;
  request_of(ctx, n_fields, &r);
  s = limen_workload_setup_build(ctx->catalog, &r, &ctx->setup, err);
  if (s) return ctx->setup.error_input ? cli_error_prefix(err, s, "--") : s;
  ctx->w = ctx->setup.w;
  ctx->model = ctx->setup.model;
  ctx->custom = ctx->setup.custom;
  return LIMEN_OK;
}

const cli_opt *cli_wl_numeric_option(const cli_wl *ctx, const char *name) {
  size_t n;
  inputs(&n);
  return cli_opt_find(ctx->opts + IDX_FIELD0, n, name);
}

int cli_wl_set(cli_wl *ctx, limen_workload *w, const char *name, double value, limen_error *err) {
  int s = limen_workload_setup_vary(&ctx->setup, w, name, value, err);
  return s == LIMEN_EINVAL ? cli_error_prefix(err, s, "--") : s;
}

int cli_wl_paradigms(cli_opt *opts, size_t n_opts, const char *const **specs, size_t *n, cli_args *args,
                     limen_error *err) {
  (void)args;
  cli_opt *p = cli_opt_find(opts, n_opts, "paradigm");
  if (p && p->set) {
    *specs = p->items;
    *n = p->n_items;
    int s = limen_paradigm_list_check(*specs, *n, err);
    return s ? cli_error_prefix(err, s, "--") : LIMEN_OK;
  }
  const char *const *d = limen_paradigm_default_specs();
  size_t k = 0;
  while (d[k]) k++;
  *specs = d;
  *n = k;
  return LIMEN_OK;
}

int cli_wl_project(const cli_wl *ctx, const limen_workload *w, const char *const *specs, size_t n,
                   limen_projection *out, limen_error *err) {
  for (size_t i = 0; i < n; i++) {
    limen_paradigm *p = NULL;
    int s = limen_paradigm_alloc(specs[i], ctx->profiles, &p, err);
    if (s) return limen_error_wrap(err, s, "--paradigm", "'%s'", specs[i]);
    s = limen_paradigm_project(p, w, NULL, &out[i], err);
    limen_paradigm_free(p);
    if (s) { /* an input's message ("write-time = ...") gets its option's spelling */
      limen_error_wrap(err, s, "paradigm", "'%s'", specs[i]);
      return s == LIMEN_EINVAL ? cli_error_input(err) : s;
    }
  }
  return LIMEN_OK;
}


/* Where the assumption lines go: wrapped into a buffer, and/or a JSON array of strings. */
typedef struct line_sink {
  cli_buf *b;
  cJSON *arr;
  const char *indent;
} line_sink;

static int line(void *vctx, const char *text) {
  line_sink *k = vctx;
  if (k->b) cli_wrap(k->b, k->indent, strlen(k->indent) + 2, text, cli_terminal_columns());
  if (k->arr) {
    char j[1500];
    snprintf(j, sizeof j, "workload: %s", text);
    cJSON_AddItemToArray(k->arr, cJSON_CreateString(j));
  }
  return 0;
}

int cli_wl_assumptions(const cli_wl *ctx, const limen_workload *w, cli_buf *b, const char *indent, cJSON *arr,
                       limen_error *err) {
  line_sink k = {b, arr, indent};
  int s = limen_workload_assumptions(&ctx->setup, w, line, &k, err);
  if (s) return s;
  if (b) return cli_buf_check(b, err);
  return LIMEN_OK;
}

const char *cli_default_paradigms(void) { return limen_paradigm_default_list(); }
