/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_sweep.c: `limen sweep` — sensitivity tables: one or two workload or cell inputs varied
 * over a grid, every chosen paradigm projected at every point. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/fields.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/workload_opts.h"
#include "limen/units.h"

static const cli_command_doc doc = {
    "sweep", "--vary NAME=START:STOP:POINTS[:log] [--vary ...] [options]",
    "Vary one or two workload or cell inputs over a grid (linear, or logarithmic with ':log') and\n"
    "project the chosen paradigms at every point: energy against N, D, n, T_train, temperature,\n"
    "tau0, retention, ...  NAME is any numeric option of 'limen project' (without the dashes).\n"
    "All other options set the base workload as in 'limen project'.  When N, D or c_f vary and\n"
    "--flops is not given, C = c_f*N*D at every point.\n"
    "Layouts: long (default) = one row per point and paradigm with every term; wide = one row\n"
    "per point, one energy column per paradigm.",
    "examples:\n"
    "  limen sweep --vary params=1e9:1e15:7:log\n"
    "  limen sweep --vary bits=1:32:32 --paradigm landauer-adiabatic,lim-finite-time --layout wide\n"
    "  limen sweep --vary time=3600:3.15e8:9:log --vary temperature=4:300:5 --format json\n"};

#define MAX_OPTS (CLI_WL_MAX_OPTS + 5)
#define MAX_POINTS 10000
#define MAX_TOTAL 100000

typedef struct axis {
  const cli_opt *opt; /* the workload option varied */
  double start, stop;
  long points;
  int log;
} axis;

static int parse_vary(const cli_wl *wl, const char *text, axis *a, limen_error *err) {
  char buf[512];
  if (strlen(text) >= sizeof buf) return cli_error(err, LIMEN_EINVAL, "--vary = '%.40s...': too long", text);
  memcpy(buf, text, strlen(text) + 1);
  char *eq = strchr(buf, '=');
  if (!eq)
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': expected NAME=START:STOP:POINTS[:log]", text);
  *eq = '\0';
  a->opt = cli_wl_numeric_option(wl, buf);
  if (!a->opt) {
    char names[1024] = "";
    size_t at = 0;
    for (const char *const *f = limen_workload_fields(); *f && at < sizeof names; f++)
      at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", at ? ", " : "", *f);
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': unknown input '%s'; allowed %s", text, buf, names);
  }
  char *parts[5] = {0};
  int np = 0;
  for (char *p = eq + 1; np < 5;) {
    parts[np++] = p;
    char *c = strchr(p, ':');
    if (!c) break;
    *c = '\0';
    p = c + 1;
  }
  if (np < 3 || np > 4 || (np == 4 && strcmp(parts[3], "log") != 0 && strcmp(parts[3], "lin") != 0))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': expected NAME=START:STOP:POINTS[:log]", text);
  a->log = np == 4 && strcmp(parts[3], "log") == 0;
  limen_error inner;
  limen_error_clear(&inner);
  if (cli_opt_parse_number(a->opt, parts[0], &a->start, &inner) ||
      cli_opt_parse_number(a->opt, parts[1], &a->stop, &inner))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': %s", text, inner.msg);
  if (cli_parse_long("POINTS", parts[2], 1, MAX_POINTS, &a->points, &inner))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': POINTS = '%s': allowed range integers [1, %d]", text, parts[2],
                     MAX_POINTS);
  if (a->log && (a->start <= 0 || a->stop <= 0))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': a logarithmic grid needs START > 0 and STOP > 0", text);
  return LIMEN_OK;
}

static double grid(const axis *a, long i) {
  return limen_grid_point(a->start, a->stop, (size_t)i, (size_t)a->points, a->log);
}

/* ---- the rows: a projection's numbers, described once for CSV and JSON --------------------- */

#define PF(key, member) CLI_FIELD(key, limen_projection, member, CLI_FIELD_NUM, 0)
static const cli_field json_head[] = {CLI_FIELD("paradigm", limen_projection, name, CLI_FIELD_CHARS, 0),
                                      PF("energy_J", energy_J)};
static const cli_field json_terms[] = {PF("compute_J", compute_J), PF("memory_J", memory_J),
                                       PF("update_J", update_J), PF("consolidation_J", consolidation_J)};
static const cli_field json_tail[] = {PF("floor_J", floor_J), PF("ratio_to_floor", ratio_to_floor),
                                      PF("ratio_to_headline", ratio_to_headline),
                                      PF("effective_bits", effective_bits), PF("update_per_op_kT", update_per_op_kT)};
#undef PF

/* The long CSV's number columns after "paradigm"; empty_nan: a NaN (a term not counted, a ratio
 * that does not apply) is an empty field. */
static const struct {
  const char *key;
  size_t offset;
  int empty_nan;
} csv_cols[] = {
#define C(member, e) {#member, offsetof(limen_projection, member), e}
    C(energy_J, 0), C(compute_J, 1), C(memory_J, 1), C(update_J, 1), C(consolidation_J, 1), C(floor_J, 0),
    C(ratio_to_floor, 1), C(ratio_to_headline, 1), C(effective_bits, 1), C(update_per_op_kT, 1),
#undef C
};
#define N_CSV_COLS (sizeof csv_cols / sizeof csv_cols[0])

typedef struct sweep {
  axis ax[2];
  size_t nax;
  int json, wide;
  const char *const *specs;
  size_t ns;
  limen_projection *proj;
  cJSON *root, *rows;
} sweep;

/* The JSON document's head: the axes, the base workload, the paradigms; rows follow. */
static int json_begin(sweep *sw, const cli_wl *wl, limen_error *err) {
  cJSON *root = sw->root = cJSON_CreateObject();
  cJSON *va = root ? cJSON_AddArrayToObject(root, "vary") : NULL;
  for (size_t k = 0; va && k < sw->nax; k++) {
    cJSON *v = cJSON_CreateObject();
    if (!v) break;
    cJSON_AddItemToArray(va, v);
    cJSON_AddStringToObject(v, "name", sw->ax[k].opt->name);
    cli_json_num(v, "start", sw->ax[k].start);
    cli_json_num(v, "stop", sw->ax[k].stop);
    cJSON_AddNumberToObject(v, "points", (double)sw->ax[k].points);
    cJSON_AddBoolToObject(v, "log", sw->ax[k].log);
  }
  cJSON *wj = cli_wl_json(&wl->w, err);
  if (!wj) return err && err->code ? err->code : LIMEN_ENOMEM;
  cJSON_AddItemToObject(root, "workload", wj);
  cJSON *pa = cJSON_AddArrayToObject(root, "paradigms");
  for (size_t i = 0; pa && i < sw->ns; i++) cJSON_AddItemToArray(pa, cJSON_CreateString(sw->specs[i]));
  sw->rows = cJSON_AddArrayToObject(root, "rows");
  return sw->rows ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "sweep", "out of memory");
}

static void csv_header(const sweep *sw, cli_buf *out) {
  for (size_t k = 0; k < sw->nax; k++) cli_buf_printf(out, "%s,", sw->ax[k].opt->name);
  if (!sw->wide) {
    cli_buf_puts(out, "paradigm");
    for (size_t c = 0; c < N_CSV_COLS; c++) cli_buf_printf(out, ",%s", csv_cols[c].key);
    cli_buf_puts(out, "\n");
    return;
  }
  for (size_t i = 0; i < sw->ns; i++) {
    char col[LIMEN_PARADIGM_SPEC_MAX + 8];
    snprintf(col, sizeof col, "%s_J", sw->specs[i]);
    cli_csv_field(out, col);
    cli_buf_puts(out, i + 1 < sw->ns ? "," : "\n");
  }
}

/* The rows of one grid point x[] (every paradigm projected into sw->proj). */
static void emit_point(const sweep *sw, const double *x, cli_buf *out) {
  char v[64];
  for (size_t p = 0; p < sw->ns; p++) {
    const limen_projection *q = &sw->proj[p];
    if (sw->json) {
      cJSON *r = cJSON_CreateObject();
      if (!r) return;
      cJSON_AddItemToArray(sw->rows, r);
      for (size_t k = 0; k < sw->nax; k++) cli_json_num(r, sw->ax[k].opt->name, x[k]);
      cli_json_fields(r, q, json_head, sizeof json_head / sizeof json_head[0], 0);
      cJSON *t = cJSON_AddObjectToObject(r, "terms");
      if (t) cli_json_fields(t, q, json_terms, sizeof json_terms / sizeof json_terms[0], 0);
      cli_json_fields(r, q, json_tail, sizeof json_tail / sizeof json_tail[0], 0);
      continue;
    }
    if (sw->wide && p > 0) {
      cli_buf_printf(out, ",%s", cli_num(v, 64, q->energy_J));
      continue;
    }
    for (size_t k = 0; k < sw->nax; k++) cli_buf_printf(out, "%s,", cli_num(v, 64, x[k]));
    if (sw->wide) {
      cli_buf_puts(out, cli_num(v, 64, q->energy_J));
      continue;
    }
    cli_csv_field(out, q->name);
    for (size_t c = 0; c < N_CSV_COLS; c++) {
      double d = *(const double *)((const char *)q + csv_cols[c].offset);
      cli_buf_printf(out, ",%s", csv_cols[c].empty_nan && isnan(d) ? "" : cli_num(v, 64, d));
    }
    cli_buf_puts(out, "\n");
  }
  if (sw->wide && !sw->json) cli_buf_puts(out, "\n");
}

/* Every point of the grid, projected and emitted. */
static int run_grid(sweep *sw, cli_wl *wl, cli_buf *out, limen_error *err) {
  long n1 = sw->ax[0].points, n2 = sw->nax == 2 ? sw->ax[1].points : 1;
  for (long i = 0; i < n1; i++)
    for (long j = 0; j < n2; j++) {
      limen_workload w = wl->w;
      double x[2] = {grid(&sw->ax[0], i), sw->nax == 2 ? grid(&sw->ax[1], j) : 0};
      int st = LIMEN_OK;
      for (size_t k = 0; k < sw->nax && !st; k++) st = cli_wl_set(wl, &w, sw->ax[k].opt->name, x[k], err);
      if (st) return st;
      if ((st = cli_wl_project(wl, &w, sw->specs, sw->ns, sw->proj, err))) {
        if (sw->nax == 2)
          return limen_error_wrap(err, st, "sweep point", "%s = %.10g, %s = %.10g", sw->ax[0].opt->name, x[0],
                                  sw->ax[1].opt->name, x[1]);
        return limen_error_wrap(err, st, "sweep point", "%s = %.10g", sw->ax[0].opt->name, x[0]);
      }
      emit_point(sw, x, out);
    }
  return LIMEN_OK;
}

/* ---- the command -------------------------------------------------------------------------- */

/* The --vary axes: one or two (vary_count, before the workload is built), not given as options
 * too, not the same input twice, not too many points. */
static int vary_count(const cli_opt *vo, limen_error *err) {
  if (!vo->set || vo->n_items == 0)
    return cli_error(err, LIMEN_EINVAL, "--vary: missing; give NAME=START:STOP:POINTS[:log] once or twice");
  if (vo->n_items > 2) return cli_error(err, LIMEN_EINVAL, "--vary: given %zu times; allowed once or twice", vo->n_items);
  return LIMEN_OK;
}

static int read_axes(const cli_opt *vo, const cli_wl *wl, sweep *sw, limen_error *err) {
  sw->nax = vo->n_items;
  for (size_t k = 0; k < sw->nax; k++) {
    int st = parse_vary(wl, vo->items[k], &sw->ax[k], err);
    if (st) return st;
    if (sw->ax[k].opt->set)
      return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s and --vary %s: give one of them",
                             sw->ax[k].opt->name, sw->ax[k].opt->name);
  }
  if (sw->nax == 2 && sw->ax[0].opt == sw->ax[1].opt)
    return cli_error(err, LIMEN_EINVAL, "--vary: '%s' is varied twice", sw->ax[0].opt->name);
  long n1 = sw->ax[0].points, n2 = sw->nax == 2 ? sw->ax[1].points : 1;
  if ((double)n1 * (double)n2 > MAX_TOTAL)
    return cli_error(err, LIMEN_EINVAL, "--vary: %ld x %ld = %.0f points: allowed at most %d", n1, n2,
                     (double)n1 * (double)n2, MAX_TOTAL);
  return LIMEN_OK;
}

static size_t sweep_options(cli_opt *o) {
  size_t n = 0;
  o[n++] = cli_opt_str("vary", CLI_OPT_MULTI, "NAME=START:STOP:POINTS[:log]", NULL, NULL,
                       "input to vary and its grid; give once or twice (required)");
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL, "the list of 'limen project'",
                       "comma-separated paradigms to project (repeatable)");
  o[n++] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "csv,json", "csv", "output format");
  o[n++] = cli_opt_str("layout", CLI_OPT_STRING, "L", "long,wide", "long",
                       "long: a row per point and paradigm; wide: a row per point");
  return n + cli_wl_options(o + n);
}

static int run(cli_opt *o, size_t n, cli_frame *f, cli_wl *wl, sweep *sw) {
  const cli_opt *fo = cli_opt_find(o, n, "format"), *lo = cli_opt_find(o, n, "layout");
  sw->json = fo->set && strcmp(fo->str, "json") == 0;
  sw->wide = lo->set && strcmp(lo->str, "wide") == 0;
  const cli_opt *vo = cli_opt_find(o, n, "vary");
  int st = cli_frame_no_positional(f);
  if (!st) st = vary_count(vo, &f->err);
  if (!st) st = cli_wl_build(o, n, wl, &f->err);
  if (!st) st = read_axes(vo, wl, sw, &f->err);
  if (!st) st = cli_wl_paradigms(o, n, &sw->specs, &sw->ns, &f->args, &f->err);
  if (st) return st;
  if (!(sw->proj = calloc(sw->ns, sizeof *sw->proj))) return limen_error_set(&f->err, LIMEN_ENOMEM, "sweep", "out of memory");
  if (sw->json && (st = json_begin(sw, wl, &f->err))) return st;
  if (!sw->json) csv_header(sw, &f->out);
  if ((st = run_grid(sw, wl, &f->out, &f->err))) return st;
  if (sw->json && (st = cli_json_print(sw->root, &f->out, &f->err))) return st;
  return cli_buf_check(&f->out, &f->err);
}

int limen_cmd_sweep(int argc, char **argv) {
  cli_opt o[MAX_OPTS];
  size_t n = sweep_options(o);
  cli_wl wl;
  memset(&wl, 0, sizeof wl);
  sweep sw;
  memset(&sw, 0, sizeof sw);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, n, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  f.range_is_usage = 1;
  if (!status) status = run(o, n, &f, &wl, &sw);
  cJSON_Delete(sw.root);
  free(sw.proj);
  cli_wl_free(&wl);
  return cli_frame_end(&f, status);
}
