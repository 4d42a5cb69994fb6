/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload_opts.c: workload options shared by project, sweep and figure (workload_opts.h),
 * generated from the library's table of workload inputs (limen_workload_inputs). */
#include "cli/workload_opts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/units.h"

/* The numeric workload options are the rows of the library's table of inputs
 * (limen_workload_inputs): name, alias, placeholder, unit, range, default, help, symbol. */
static const limen_input *inputs(size_t *n) {
  const limen_input *t = limen_workload_inputs(n);
  if (*n > CLI_WL_MAX_OPTS - 3) *n = CLI_WL_MAX_OPTS - 3; /* cli_wl_build reports the shortfall */
  return t;
}

/* option layout: model, the numeric inputs (IDX_FIELD0 + i for row i), ops, lr-schedule */
#define IDX_MODEL 0
#define IDX_FIELD0 1

/* The inputs a catalog row gives (the others come from the workload's defaults). */
static int from_catalog(const char *name) {
  return strcmp(name, "params") == 0 || strcmp(name, "tokens") == 0 || strcmp(name, "flops") == 0 ||
         strcmp(name, "batch-tokens") == 0;
}

/* The choices of an enum option from the library's names ("a,b,c"). */
static const char *ops_choices(void) {
  static char list[128];
  if (!list[0])
    snprintf(list, sizeof list, "%s,%s", limen_ops_convention_name(LIMEN_OPS_PER_FLOP),
             limen_ops_convention_name(LIMEN_OPS_PER_PARAMETER_STEP));
  return list;
}
static const char *lr_choices(void) {
  static char list[128];
  if (!list[0])
    snprintf(list, sizeof list, "%s,%s,%s", limen_lr_kind_name(LIMEN_LR_CONSTANT), limen_lr_kind_name(LIMEN_LR_INVERSE),
             limen_lr_kind_name(LIMEN_LR_COSINE));
  return list;
}

/* The catalog row of the default workload ("brain-scale"). */
static const char *default_model(void) {
  static char name[LIMEN_WORKLOAD_NAME_MAX];
  if (!name[0]) {
    limen_workload d = limen_workload_default();
    snprintf(name, sizeof name, "%s", d.name);
  }
  return name;
}

size_t cli_wl_options(cli_opt *o) {
  size_t n;
  const limen_input *t = inputs(&n);
  limen_workload d = limen_workload_default();
  o[IDX_MODEL] = cli_opt_str("model", CLI_OPT_STRING, "NAME", NULL, default_model(),
                             "catalog model ('limen models' lists them); conflicts with --params");
  for (size_t i = 0; i < n; i++) o[IDX_FIELD0 + i] = cli_opt_input(&t[i]);
  o[IDX_FIELD0 + n] = cli_opt_str("ops", CLI_OPT_STRING, "CONV", ops_choices(), limen_ops_convention_name(d.ops),
                                  "elementary update operations: OPS = C, or OPS = N·K");
  o[IDX_FIELD0 + n + 1] = cli_opt_str("lr-schedule", CLI_OPT_STRING, "KIND", lr_choices(),
                                      limen_lr_kind_name(d.lr_kind), "learning-rate schedule of the lim-matched path");
  return IDX_FIELD0 + n + 2;
}

void cli_wl_free(cli_wl *ctx) {
  limen_catalog_free(ctx->catalog);
  limen_profiles_free(ctx->profiles);
  ctx->catalog = NULL;
  ctx->profiles = NULL;
}

static const char *origin_of(const cli_opt *o) {
  if (o->set == CLI_FROM_FLAG) return "flag";
  if (o->set == CLI_FROM_CONFIG) return "config";
  return NULL;
}

/* The option of workload input `name` among the workload options o (NULL when none). */
static cli_opt *wl_opt(cli_opt *o, size_t n_fields, const char *name) {
  return cli_opt_find(o + IDX_FIELD0, n_fields, name);
}

/* The catalog row (or brain-scale) with the explicit inputs on top; origin of each input. */
static int apply_inputs(cli_opt *opts, size_t n_fields, cli_wl *ctx, limen_error *err) {
  const limen_input *t = limen_workload_inputs(NULL);
  cli_opt *params = wl_opt(opts, n_fields, "params"), *tokens = wl_opt(opts, n_fields, "tokens"),
          *flops = wl_opt(opts, n_fields, "flops"), *cf = wl_opt(opts, n_fields, "flops-per-param-token"),
          *batch = wl_opt(opts, n_fields, "batch-tokens");
  const char *row = opts[IDX_MODEL].set ? opts[IDX_MODEL].str : default_model();
  int s = limen_catalog_find(ctx->catalog, row, &ctx->model, err);
  if (s) {
    limen_error_clear(err);
    char names[1024] = "";
    size_t at = 0;
    for (size_t i = 0; i < ctx->catalog->count && at < sizeof names; i++)
      at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", i ? ", " : "", ctx->catalog->models[i].name);
    return cli_error(err, LIMEN_ENOTFOUND, "--model = '%s': unknown model; allowed %s", row, names);
  }
  s = limen_workload_from_model(ctx->model, &ctx->w, err);
  if (s) return limen_error_wrap(err, s, "--model", "'%s'", row);
  ctx->flops_fixed = 1;
  for (size_t i = 0; i < n_fields; i++) ctx->origin[i] = from_catalog(t[i].name) ? "catalog" : "default";
  if (params->set) {
    ctx->custom = 1;
    snprintf(ctx->w.name, sizeof ctx->w.name, "custom");
  }
  /* C follows c_f·N·D when N, D or c_f are given and C is not */
  if ((params->set || tokens->set || cf->set) && !flops->set) {
    ctx->w.flops = 0;
    ctx->flops_fixed = 0;
    ctx->origin[flops - (opts + IDX_FIELD0)] = "derived";
  }
  if (params->set && !batch->set) ctx->origin[batch - (opts + IDX_FIELD0)] = "default";
  for (size_t i = 0; i < n_fields; i++) {
    const cli_opt *o = &opts[IDX_FIELD0 + i];
    if (!o->set) continue;
    limen_input_set(&t[i], &ctx->w, o->num);
    ctx->origin[i] = origin_of(o);
  }
  if (ctx->w.batch_tokens > ctx->w.tokens) {
    if (batch->set)
      return cli_error(err, LIMEN_EINVAL, "--batch-tokens = %.10g: allowed range [1, D = %.10g]",
                             ctx->w.batch_tokens, ctx->w.tokens);
    return cli_error(err, LIMEN_EINVAL, "--tokens = %.10g: smaller than the batch B_s = %.10g tokens per step; give --batch-tokens too",
                           ctx->w.tokens, ctx->w.batch_tokens);
  }
  return LIMEN_OK;
}

int cli_wl_build(cli_opt *opts, size_t n_opts, cli_wl *ctx, limen_error *err) {
  memset(ctx, 0, sizeof *ctx);
  /* the workload options may follow the command's own options: find where they start */
  cli_opt *all = opts;
  size_t n_all = n_opts, base = 0, n_fields = 0, n_table = 0;
  limen_workload_inputs(&n_table);
  inputs(&n_fields);
  if (n_fields < n_table)
    return limen_error_set(err, LIMEN_EINTERNAL, "cli_wl_build", "CLI_WL_MAX_OPTS = %d: too small for %zu workload inputs",
                           CLI_WL_MAX_OPTS, n_table);
  while (base < n_opts && strcmp(opts[base].name, "model") != 0) base++;
  if (n_opts - base < IDX_FIELD0 + n_fields + 2)
    return limen_error_set(err, LIMEN_EINTERNAL, "cli_wl_build", "workload options missing");
  opts += base;
  n_opts -= base;
  ctx->opts = opts;
  ctx->n_opts = n_opts;
  cli_opt *ops = &opts[IDX_FIELD0 + n_fields], *lr = &opts[IDX_FIELD0 + n_fields + 1];
  int s = cli_opts_conflict(all, n_all, "model", "params",
                            "give a catalog model or an explicit workload (--params N --tokens D [--flops C])", err);
  if (s) return s;
  if (wl_opt(opts, n_fields, "params")->set && !wl_opt(opts, n_fields, "tokens")->set)
    return limen_error_set(err, LIMEN_EINVAL, "--params", "needs --tokens (training tokens D, range [1, 1e30])");
  s = limen_catalog_load(NULL, &ctx->catalog, err);
  if (s) return limen_error_wrap(err, s, "model catalog", "loading");
  s = limen_profiles_load(NULL, &ctx->profiles, err);
  if (s) return limen_error_wrap(err, s, "hardware profiles", "loading");
  if ((s = apply_inputs(opts, n_fields, ctx, err))) return s;
  if (ops->set) {
    s = limen_ops_convention_parse(ops->str, &ctx->w.ops, err);
    if (s) return limen_error_wrap(err, LIMEN_EINVAL, "--ops", "'%s'", ops->str);
  }
  if (lr->set) {
    s = limen_lr_kind_parse(lr->str, &ctx->w.lr_kind, err);
    if (s) return limen_error_wrap(err, s, "--lr-schedule", "'%s'", lr->str);
  }
  s = limen_workload_validate(&ctx->w, err);
  if (s) return limen_error_wrap(err, s, "workload", "invalid");
  limen_workload_derived d;
  s = limen_workload_derive(&ctx->w, &d, err);
  if (s) {
    limen_error_wrap(err, s, "workload", "out of range");
    if (s == LIMEN_ERANGE) err->code = LIMEN_EINVAL; /* caused by the inputs: a usage error */
    return err->code;
  }
  return LIMEN_OK;
}

const cli_opt *cli_wl_numeric_option(const cli_wl *ctx, const char *name) {
  size_t n;
  inputs(&n);
  return cli_opt_find(ctx->opts + IDX_FIELD0, n, name);
}

int cli_wl_set(cli_wl *ctx, limen_workload *w, const char *name, double value, limen_error *err) {
  const cli_opt *o = cli_wl_numeric_option(ctx, name);
  if (!o) return limen_error_set(err, LIMEN_ENOTFOUND, "cli_wl_set", "'%s' is not a workload input", name);
  int s = cli_opt_check_number(o, value, err);
  if (s) return s;
  s = limen_workload_set(w, o->name, value, err);
  if (s) return s;
  if (!cli_wl_numeric_option(ctx, "flops")->set &&
      (strcmp(o->name, "params") == 0 || strcmp(o->name, "tokens") == 0 ||
       strcmp(o->name, "flops-per-param-token") == 0))
    w->flops = 0;
  return LIMEN_OK;
}

int cli_wl_paradigms(cli_opt *opts, size_t n_opts, const char *const **specs, size_t *n, cli_args *args,
                     limen_error *err) {
  (void)args;
  cli_opt *p = cli_opt_find(opts, n_opts, "paradigm");
  if (p && p->set) {
    *specs = p->items;
    *n = p->n_items;
    if (*n == 0) return cli_error(err, LIMEN_EINVAL, "--paradigm = '': give at least one paradigm");
    for (size_t i = 0; i < *n; i++)
      for (size_t j = 0; j < i; j++)
        if (strcmp((*specs)[i], (*specs)[j]) == 0)
          return cli_error(err, LIMEN_EINVAL, "--paradigm = '%s' is listed twice", (*specs)[i]);
    return LIMEN_OK;
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
    if (s) {
      return limen_error_wrap(err, s, "--paradigm", "'%s'", specs[i]);
    }
    s = limen_paradigm_project(p, w, NULL, &out[i], err);
    limen_paradigm_free(p);
    if (s) return limen_error_wrap(err, s, "paradigm", "'%s'", specs[i]);
  }
  return LIMEN_OK;
}

cJSON *cli_wl_json(const limen_workload *w, limen_error *err) {
  cJSON *o = cJSON_CreateObject();
  if (!o) {
    limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
    return NULL;
  }
  cJSON_AddStringToObject(o, "name", w->name);
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  for (size_t i = 0; i < n; i++) cli_json_num(o, t[i].name, limen_input_get(&t[i], w));
  cJSON_AddStringToObject(o, "ops", limen_ops_convention_name(w->ops));
  cJSON_AddStringToObject(o, "lr-schedule", limen_lr_kind_name(w->lr_kind));
  limen_workload_derived d;
  if (limen_workload_derive(w, &d, err)) {
    cJSON_Delete(o);
    return NULL;
  }
  cJSON *dj = cJSON_AddObjectToObject(o, "derived");
  if (!dj) {
    cJSON_Delete(o);
    limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
    return NULL;
  }
  cli_json_num(dj, "flops", d.flops);
  cli_json_num(dj, "steps", d.steps);
  cli_json_num(dj, "ops", d.ops);
  cli_json_num(dj, "parallel_cells", d.parallel_cells);
  cli_json_num(dj, "tau_op_s", d.tau_op_s);
  cli_json_num(dj, "tau_op_tau0", d.tau_op_tau0);
  cli_json_num(dj, "write_time_s", d.write_time_s);
  cli_json_num(dj, "step_time_s", d.step_time_s);
  cli_json_num(dj, "kT_J", d.kT_J);
  cli_json_num(dj, "level_size", d.level_size);
  return o;
}

static void line(cli_buf *b, cJSON *arr, const char *indent, const char *text) {
  if (b) cli_wrap(b, indent, strlen(indent) + 2, text, 110);
  if (arr) {
    char j[1500];
    snprintf(j, sizeof j, "workload: %s", text);
    cJSON_AddItemToArray(arr, cJSON_CreateString(j));
  }
}

int cli_wl_assumptions(const cli_wl *ctx, const limen_workload *w, cli_buf *b, const char *indent, cJSON *arr,
                       limen_error *err) {
  limen_workload_derived d;
  int s = limen_workload_derive(w, &d, err);
  if (s) return s;
  char t[1400], num[64], num2[64];
  const limen_model *m = ctx->model;
  if (!ctx->custom && m) {
    snprintf(t, sizeof t, "catalog row '%s' (%s); source: %s", m->name, m->display, m->source);
    line(b, arr, indent, t);
    if (m->notes[0]) {
      snprintf(t, sizeof t, "catalog notes on '%s': %s", m->name, m->notes);
      line(b, arr, indent, t);
    }
  } else {
    line(b, arr, indent, "custom workload (--params/--tokens); other inputs at their defaults unless given");
  }
  size_t n_fields;
  const limen_input *fields = inputs(&n_fields);
  for (size_t i = 0; i < n_fields; i++) {
    double v = limen_input_get(&fields[i], w);
    const char *orig = ctx->origin[i] ? ctx->origin[i] : "default";
    const char *how = strcmp(orig, "flag") == 0 ? "given by --" : strcmp(orig, "config") == 0 ? "from --config key " : NULL;
    char src[160];
    if (how) snprintf(src, sizeof src, "%s%s", how, fields[i].name);
    else if (strcmp(orig, "catalog") == 0 && !ctx->custom && m) snprintf(src, sizeof src, "catalog row '%s'", m->name);
    else if (strcmp(orig, "derived") == 0) snprintf(src, sizeof src, "derived");
    else snprintf(src, sizeof src, "default");
    if (strcmp(fields[i].name, "flops") == 0 && v <= 0)
      snprintf(t, sizeof t, "C = c_f·N·D = %s FLOP (%s)", cli_num(num, sizeof num, d.flops), "derived");
    else if (strcmp(fields[i].name, "parallel-cells") == 0 && v <= 0)
      snprintf(t, sizeof t, "P = N = %s cells (default: every parameter is a cell)",
               cli_num(num, sizeof num, d.parallel_cells));
    else if (strcmp(fields[i].name, "write-time") == 0 && v <= 0)
      snprintf(t, sizeof t, "τ_w = τ_op = %s s (default)", cli_num(num, sizeof num, d.write_time_s));
    else
      snprintf(t, sizeof t, "%s = %s%s%s (%s) — %s", fields[i].symbol, cli_num(num, sizeof num, v),
               fields[i].unit ? " " : "", fields[i].unit ? fields[i].unit : "", src, fields[i].doc);
    line(b, arr, indent, t);
  }
  snprintf(t, sizeof t, "OPS convention %s: OPS = %s elementary update operations", limen_ops_convention_name(w->ops),
           cli_num(num, sizeof num, d.ops));
  line(b, arr, indent, t);
  snprintf(t, sizeof t, "K = D/B_s = %s steps of Δt = %s s", cli_num(num, sizeof num, d.steps),
           cli_num(num2, sizeof num2, d.step_time_s));
  line(b, arr, indent, t);
  snprintf(t, sizeof t, "τ_op = T_train·P/OPS = %s s = %s τ₀ (time budget of one operation in one cell)",
           cli_num(num, sizeof num, d.tau_op_s), cli_num(num2, sizeof num2, d.tau_op_tau0));
  line(b, arr, indent, t);
  snprintf(t, sizeof t, "kT = %s J at T = %s K (k_B = 1.380649e-23 J/K, exact SI)", cli_num(num, sizeof num, d.kT_J),
           cli_num(num2, sizeof num2, w->temperature_K));
  line(b, arr, indent, t);
  snprintf(t, sizeof t, "learning-rate schedule of lim-matched: %s", limen_lr_kind_name(w->lr_kind));
  line(b, arr, indent, t);
  if (b) return cli_buf_check(b, err);
  return LIMEN_OK;
}

const char *cli_default_paradigms(void) {
  static char list[512];
  if (list[0]) return list;
  const char *const *d = limen_paradigm_default_specs();
  size_t at = 0;
  for (size_t i = 0; d[i] && at < sizeof list; i++)
    at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? "," : "", d[i]);
  return list;
}
