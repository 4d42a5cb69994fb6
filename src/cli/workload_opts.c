/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload_opts.c: workload options shared by project, sweep and figure (workload_opts.h). */
#include "cli/workload_opts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/units.h"

/* One numeric workload field: option name = limen_workload_set name. */
typedef struct wl_field {
  const char *name, *alias, *metavar, *unit;
  double lo;
  int lo_open;
  double hi;
  int hi_open;
  const char *def;
  const char *help;
  const char *symbol; /* for the assumption lines */
} wl_field;

static const wl_field fields[] = {
    {"params", NULL, "N", NULL, 1, 0, 1e30, 0, "1e15 (brain-scale)", "trainable parameters N (needs --tokens)", "N"},
    {"tokens", NULL, "D", NULL, 1, 0, 1e30, 0, "1.667e12 (brain-scale)", "training samples or tokens D", "D"},
    {"flops", NULL, "C", "FLOP", 0, 1, 1e60, 0, "1e28 (brain-scale); c_f·N·D when --params or --tokens is given",
     "training FLOPs C", "C"},
    {"flops-per-param-token", NULL, "CF", "FLOP", 0, 1, 1e6, 0, "6", "c_f in C = c_f·N·D (dense forward+backward)",
     "c_f"},
    {"batch-tokens", "batch", "B", NULL, 1, 0, 1e30, 0, "4194304 (catalog)", "samples (tokens) per step B_s; K = D/B_s",
     "B_s"},
    {"bits", NULL, "n", "bits", 1, 0, 64, 0, "16", "bits of precision of a parameter", "n"},
    {"time", NULL, "SECONDS", "s", 0, 1, 1e12, 0, "2592000 (30 days)", "wall-clock training time T_train", "T_train"},
    {"temperature", NULL, "K", "K", 0, 1, 1e4, 0, "300", "temperature T", "T"},
    {"parallel-cells", NULL, "P", NULL, 1, 0, 1e30, 0, "N", "memory cells that update concurrently", "P"},
    {"tau0", NULL, "S", "s", 0, 1, 1, 0, "1e-9", "intrinsic time τ₀ = γa²/kT of a cell", "τ₀"},
    {"retention-time", "retention", "S", "s", 0, 1, 1e12, 0, "315576000 (10 years)",
     "retention time τ_ret of a non-volatile cell", "τ_ret"},
    {"retention-fail", NULL, "P", NULL, 0, 1, 0.5, 0, "1e-6", "flip probability p_ret allowed over τ_ret", "p_ret"},
    {"write-fail", NULL, "P", NULL, 0, 1, 0.5, 0, "1e-6", "failure probability p_w of a static write", "p_w"},
    {"success", NULL, "P", NULL, 0.5, 0, 1, 0, "1", "success probability P_s of an erasure (L, FT)", "P_s"},
    {"consolidation-period", NULL, "S", "s", 0, 1, 1e12, 0, "3600",
     "two-tier consolidation period T_c (cim-static)", "T_c"},
    {"write-time", NULL, "S", "s", 0, 1, 1e12, 0, "τ_op", "duration τ_w of a static write (cim-static)", "τ_w"},
    {"bytes-per-flop", NULL, "X", "B/FLOP", 0, 0, 1e6, 0, "0 (compute only)",
     "off-chip bytes moved per FLOP (accelerators)", "bytes/FLOP"},
    {"pue", NULL, "X", NULL, 1, 0, 10, 0, "1 (board only)",
     "facility overhead (PUE) applied to the accelerators' energies", "PUE"},
    {"lr-eta0", NULL, "ETA", NULL, 0, 1, 10, 0, "1e-3", "initial learning rate η(0) (lim-matched)", "η0"},
    {"lr-t0-frac", NULL, "X", NULL, 0, 1, 1e6, 0, "0.1", "inverse schedule: t0 = X·K steps (lim-matched)",
     "t0/K"},
    {"lr-eta-min-frac", NULL, "X", NULL, 0, 1, 1, 0, "0.1", "cosine schedule floor η_min = X·η0 (lim-matched)",
     "η_min/η0"},
    {"grad-scale", NULL, "G", NULL, 0, 1, 1e6, 0, "1", "update size per unit learning rate g (lim-matched)", "g"},
    {"param-range", NULL, "R", NULL, 0, 1, 1e6, 0, "2", "full range of a parameter; level ε = R/2^n (lim-matched)",
     "range"},
    {"drift-diffusion-ratio", NULL, "RHO", NULL, 0, 1, 1e6, 0, "1",
     "drift-to-diffusion ratio ρ = μ/(2rΔt) per hop of the matched cell (lim-matched)", "ρ"},
    {"hops-per-level", NULL, "H", NULL, 1, 0, 1e30, 0, "derived: the least H that keeps n bits",
     "hop positions per n-bit level of the matched cell (lim-matched)", "H"},
};
#define N_FIELDS (sizeof fields / sizeof fields[0])
/* option layout: model, the numeric fields, ops, lr-schedule */
#define IDX_MODEL 0
#define IDX_FIELD0 1
#define IDX_OPS (IDX_FIELD0 + N_FIELDS)
#define IDX_LR (IDX_OPS + 1)
#define N_WL_OPTS (IDX_LR + 1)

_Static_assert(N_WL_OPTS <= CLI_WL_MAX_OPTS, "CLI_WL_MAX_OPTS too small");

size_t cli_wl_options(cli_opt *o) {
  o[IDX_MODEL] = cli_opt_str("model", CLI_OPT_STRING, "NAME", NULL, "brain-scale",
                             "catalog model ('limen models' lists them); conflicts with --params");
  for (size_t i = 0; i < N_FIELDS; i++) {
    const wl_field *f = &fields[i];
    o[IDX_FIELD0 + i] = cli_opt_num(f->name, f->metavar, f->unit, f->lo, f->lo_open, f->hi, f->hi_open, f->def, f->help);
    o[IDX_FIELD0 + i].alias = f->alias;
  }
  o[IDX_OPS] = cli_opt_str("ops", CLI_OPT_STRING, "CONV", "per-flop,per-parameter-step", "per-flop",
                           "elementary update operations: OPS = C, or OPS = N·K");
  o[IDX_LR] = cli_opt_str("lr-schedule", CLI_OPT_STRING, "KIND", "constant,inverse,cosine", "inverse",
                          "learning-rate schedule of the lim-matched path");
  return N_WL_OPTS;
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

int cli_wl_build(cli_opt *opts, size_t n_opts, cli_wl *ctx, limen_error *err) {
  memset(ctx, 0, sizeof *ctx);
  /* the workload options may follow the command's own options: find where they start */
  cli_opt *all = opts;
  size_t n_all = n_opts, base = 0;
  while (base < n_opts && strcmp(opts[base].name, "model") != 0) base++;
  if (n_opts - base < N_WL_OPTS)
    return limen_error_set(err, LIMEN_EINTERNAL, "cli_wl_build", "workload options missing");
  opts += base;
  n_opts -= base;
  ctx->opts = opts;
  ctx->n_opts = n_opts;
  cli_opt *model = &opts[IDX_MODEL], *params = &opts[IDX_FIELD0 + 0], *tokens = &opts[IDX_FIELD0 + 1],
          *flops = &opts[IDX_FIELD0 + 2], *cf = &opts[IDX_FIELD0 + 3];
  int s = cli_opts_conflict(all, n_all, "model", "params",
                            "give a catalog model or an explicit workload (--params N --tokens D [--flops C])", err);
  if (s) return s;
  if (params->set && !tokens->set)
    return limen_error_set(err, LIMEN_EINVAL, "--params", "needs --tokens (training tokens D, range [1, 1e30])");
  s = limen_catalog_load(NULL, &ctx->catalog, err);
  if (s) return limen_error_wrap(err, s, "model catalog", "loading");
  s = limen_profiles_load(NULL, &ctx->profiles, err);
  if (s) return limen_error_wrap(err, s, "hardware profiles", "loading");
  const char *row = model->set ? model->str : "brain-scale";
  s = limen_catalog_find(ctx->catalog, row, &ctx->model, err);
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
  for (size_t i = 0; i < N_FIELDS; i++) ctx->origin[i] = (i <= 2 || i == 4) ? "catalog" : "default";
  if (params->set) {
    ctx->custom = 1;
    snprintf(ctx->w.name, sizeof ctx->w.name, "custom");
  }
  /* C follows c_f·N·D when N, D or c_f are given and C is not */
  if ((params->set || tokens->set || cf->set) && !flops->set) {
    ctx->w.flops = 0;
    ctx->flops_fixed = 0;
    ctx->origin[2] = "derived";
  }
  if (params->set && !opts[IDX_FIELD0 + 4].set) ctx->origin[4] = "default";
  for (size_t i = 0; i < N_FIELDS; i++) {
    const cli_opt *o = &opts[IDX_FIELD0 + i];
    if (!o->set) continue;
    s = limen_workload_set(&ctx->w, fields[i].name, o->num, err);
    if (s) return s;
    ctx->origin[i] = origin_of(o);
  }
  if (ctx->w.batch_tokens > ctx->w.tokens) {
    if (opts[IDX_FIELD0 + 4].set)
      return cli_error(err, LIMEN_EINVAL, "--batch-tokens = %.10g: allowed range [1, D = %.10g]",
                             ctx->w.batch_tokens, ctx->w.tokens);
    return cli_error(err, LIMEN_EINVAL, "--tokens = %.10g: smaller than the batch B_s = %.10g tokens per step; give --batch-tokens too",
                           ctx->w.tokens, ctx->w.batch_tokens);
  }
  if (opts[IDX_OPS].set) {
    s = limen_ops_convention_parse(opts[IDX_OPS].str, &ctx->w.ops, err);
    if (s) return limen_error_wrap(err, LIMEN_EINVAL, "--ops", "'%s'", opts[IDX_OPS].str);
  }
  if (opts[IDX_LR].set) {
    s = limen_lr_kind_parse(opts[IDX_LR].str, &ctx->w.lr_kind, err);
    if (s) return limen_error_wrap(err, s, "--lr-schedule", "'%s'", opts[IDX_LR].str);
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
  for (size_t i = 0; i < N_FIELDS; i++) {
    const cli_opt *o = &ctx->opts[IDX_FIELD0 + i];
    if (strcmp(o->name, name) == 0 || (o->alias && strcmp(o->alias, name) == 0)) return o;
  }
  return NULL;
}

int cli_wl_set(cli_wl *ctx, limen_workload *w, const char *name, double value, limen_error *err) {
  const cli_opt *o = cli_wl_numeric_option(ctx, name);
  if (!o) return limen_error_set(err, LIMEN_ENOTFOUND, "cli_wl_set", "'%s' is not a workload input", name);
  int s = cli_opt_check_number(o, value, err);
  if (s) return s;
  s = limen_workload_set(w, o->name, value, err);
  if (s) return s;
  if (!ctx->opts[IDX_FIELD0 + 2].set &&
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
  for (size_t i = 0; i < N_FIELDS; i++) {
    double v = 0;
    if (limen_workload_get(w, fields[i].name, &v, err)) {
      cJSON_Delete(o);
      return NULL;
    }
    cli_json_num(o, fields[i].name, v);
  }
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
  for (size_t i = 0; i < N_FIELDS; i++) {
    double v = 0;
    limen_workload_get(w, fields[i].name, &v, NULL);
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
               fields[i].unit ? " " : "", fields[i].unit ? fields[i].unit : "", src, fields[i].help);
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
