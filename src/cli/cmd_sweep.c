/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_sweep.c: `limen sweep` — sensitivity tables: one or two workload or cell inputs varied
 * over a grid, every chosen paradigm projected at every point. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
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

/* A CSV number, empty when NaN (a term not counted, a ratio that does not apply). */
static const char *opt_num(char *buf, double v) { return isnan(v) ? "" : cli_num(buf, 64, v); }

int limen_cmd_sweep(int argc, char **argv) {
  cli_opt o[MAX_OPTS];
  size_t n = 0;
  o[n++] = cli_opt_str("vary", CLI_OPT_MULTI, "NAME=START:STOP:POINTS[:log]", NULL, NULL,
                       "input to vary and its grid; give once or twice (required)");
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL, "the list of 'limen project'",
                       "comma-separated paradigms to project (repeatable)");
  o[n++] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "csv,json", "csv", "output format");
  o[n++] = cli_opt_str("layout", CLI_OPT_STRING, "L", "long,wide", "long",
                       "long: a row per point and paradigm; wide: a row per point");
  n += cli_wl_options(o + n);
  cli_wl wl;
  memset(&wl, 0, sizeof wl);
  limen_projection *proj = NULL;
  cJSON *root = NULL;
  axis ax[2];
  memset(ax, 0, sizeof ax);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, n, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  f.range_is_usage = 1;
  if (!status) status = cli_frame_no_positional(&f);
  if (status) goto done;
  const cli_opt *vo = cli_opt_find(o, n, "vary"), *fo = cli_opt_find(o, n, "format"),
                *lo = cli_opt_find(o, n, "layout");
  if (!vo->set || vo->n_items == 0) {
    status = cli_error(&f.err, LIMEN_EINVAL, "--vary: missing; give NAME=START:STOP:POINTS[:log] once or twice");
    goto done;
  }
  if (vo->n_items > 2) {
    status = cli_error(&f.err, LIMEN_EINVAL, "--vary: given %zu times; allowed once or twice", vo->n_items);
    goto done;
  }
  int json = fo->set && strcmp(fo->str, "json") == 0;
  int wide = lo->set && strcmp(lo->str, "wide") == 0;
  status = cli_wl_build(o, n, &wl, &f.err);
  if (status) goto done;
  size_t nax = vo->n_items;
  for (size_t k = 0; k < nax; k++) {
    status = parse_vary(&wl, vo->items[k], &ax[k], &f.err);
    if (status) goto done;
    if (ax[k].opt->set) {
      status = limen_error_set(&f.err, LIMEN_EINVAL, "conflicting options", "--%s and --vary %s: give one of them",
                               ax[k].opt->name, ax[k].opt->name);
      goto done;
    }
  }
  if (nax == 2 && ax[0].opt == ax[1].opt) {
    status = cli_error(&f.err, LIMEN_EINVAL, "--vary: '%s' is varied twice", ax[0].opt->name);
    goto done;
  }
  long n1 = ax[0].points, n2 = nax == 2 ? ax[1].points : 1;
  if ((double)n1 * (double)n2 > MAX_TOTAL) {
    status = cli_error(&f.err, LIMEN_EINVAL, "--vary: %ld x %ld = %.0f points: allowed at most %d", n1, n2,
                       (double)n1 * (double)n2, MAX_TOTAL);
    goto done;
  }
  const char *const *specs;
  size_t ns;
  status = cli_wl_paradigms(o, n, &specs, &ns, &f.args, &f.err);
  if (status) goto done;
  proj = calloc(ns, sizeof *proj);
  if (!proj) {
    status = limen_error_set(&f.err, LIMEN_ENOMEM, "sweep", "out of memory");
    goto done;
  }
  cJSON *rows = NULL;
  if (json) {
    root = cJSON_CreateObject();
    cJSON *va = root ? cJSON_AddArrayToObject(root, "vary") : NULL;
    for (size_t k = 0; va && k < nax; k++) {
      cJSON *v = cJSON_CreateObject();
      if (!v) break;
      cJSON_AddItemToArray(va, v);
      cJSON_AddStringToObject(v, "name", ax[k].opt->name);
      cli_json_num(v, "start", ax[k].start);
      cli_json_num(v, "stop", ax[k].stop);
      cJSON_AddNumberToObject(v, "points", (double)ax[k].points);
      cJSON_AddBoolToObject(v, "log", ax[k].log);
    }
    cJSON *wj = cli_wl_json(&wl.w, &f.err);
    if (!wj) {
      status = f.err.code ? f.err.code : LIMEN_ENOMEM;
      goto done;
    }
    cJSON_AddItemToObject(root, "workload", wj);
    cJSON *pa = cJSON_AddArrayToObject(root, "paradigms");
    for (size_t i = 0; pa && i < ns; i++) cJSON_AddItemToArray(pa, cJSON_CreateString(specs[i]));
    rows = cJSON_AddArrayToObject(root, "rows");
    if (!rows) {
      status = limen_error_set(&f.err, LIMEN_ENOMEM, "sweep", "out of memory");
      goto done;
    }
  } else {
    for (size_t k = 0; k < nax; k++) cli_buf_printf(&f.out, "%s,", ax[k].opt->name);
    if (wide) {
      for (size_t i = 0; i < ns; i++) {
        char col[LIMEN_PARADIGM_SPEC_MAX + 8];
        snprintf(col, sizeof col, "%s_J", specs[i]);
        cli_csv_field(&f.out, col);
        cli_buf_puts(&f.out, i + 1 < ns ? "," : "\n");
      }
    } else {
      cli_buf_puts(&f.out, "paradigm,energy_J,compute_J,memory_J,update_J,consolidation_J,floor_J,ratio_to_floor,"
                         "ratio_to_headline,effective_bits,update_per_op_kT\n");
    }
  }
  char v[10][64];
  for (long i = 0; i < n1; i++)
    for (long j = 0; j < n2; j++) {
      limen_workload w = wl.w;
      double x[2] = {grid(&ax[0], i), nax == 2 ? grid(&ax[1], j) : 0};
      for (size_t k = 0; k < nax; k++) {
        status = cli_wl_set(&wl, &w, ax[k].opt->name, x[k], &f.err);
        if (status) goto done;
      }
      status = cli_wl_project(&wl, &w, specs, ns, proj, &f.err);
      if (status) {
        char pt[200];
        if (nax == 2)
          snprintf(pt, sizeof pt, "%s = %.10g, %s = %.10g", ax[0].opt->name, x[0], ax[1].opt->name, x[1]);
        else
          snprintf(pt, sizeof pt, "%s = %.10g", ax[0].opt->name, x[0]);
        limen_error_wrap(&f.err, status, "sweep point", "%s", pt);
        goto done;
      }
      if (json) {
        for (size_t p = 0; p < ns; p++) {
          cJSON *r = cJSON_CreateObject();
          if (!r) break;
          cJSON_AddItemToArray(rows, r);
          for (size_t k = 0; k < nax; k++) cli_json_num(r, ax[k].opt->name, x[k]);
          cJSON_AddStringToObject(r, "paradigm", proj[p].name);
          cli_json_num(r, "energy_J", proj[p].energy_J);
          cJSON *t = cJSON_AddObjectToObject(r, "terms");
          if (t) {
            cli_json_num(t, "compute_J", proj[p].compute_J);
            cli_json_num(t, "memory_J", proj[p].memory_J);
            cli_json_num(t, "update_J", proj[p].update_J);
            cli_json_num(t, "consolidation_J", proj[p].consolidation_J);
          }
          cli_json_num(r, "floor_J", proj[p].floor_J);
          cli_json_num(r, "ratio_to_floor", proj[p].ratio_to_floor);
          cli_json_num(r, "ratio_to_headline", proj[p].ratio_to_headline);
          cli_json_num(r, "effective_bits", proj[p].effective_bits);
          cli_json_num(r, "update_per_op_kT", proj[p].update_per_op_kT);
        }
      } else if (wide) {
        for (size_t k = 0; k < nax; k++) cli_buf_printf(&f.out, "%s,", cli_num(v[0], 64, x[k]));
        for (size_t p = 0; p < ns; p++)
          cli_buf_printf(&f.out, "%s%s", cli_num(v[0], 64, proj[p].energy_J), p + 1 < ns ? "," : "\n");
      } else {
        for (size_t p = 0; p < ns; p++) {
          for (size_t k = 0; k < nax; k++) cli_buf_printf(&f.out, "%s,", cli_num(v[0], 64, x[k]));
          cli_csv_field(&f.out, proj[p].name);
          const limen_projection *q = &proj[p];
          cli_buf_printf(&f.out, ",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", cli_num(v[1], 64, q->energy_J),
                         opt_num(v[2], q->compute_J), opt_num(v[3], q->memory_J), opt_num(v[4], q->update_J),
                         opt_num(v[5], q->consolidation_J), cli_num(v[6], 64, q->floor_J),
                         opt_num(v[7], q->ratio_to_floor), opt_num(v[8], q->ratio_to_headline),
                         opt_num(v[0], q->effective_bits), opt_num(v[9], q->update_per_op_kT));
        }
      }
    }
  if (json && (status = cli_json_print(root, &f.out, &f.err))) goto done;
  status = cli_buf_check(&f.out, &f.err);

done:
  cJSON_Delete(root);
  free(proj);
  cli_wl_free(&wl);
  return cli_frame_end(&f, status);
}
