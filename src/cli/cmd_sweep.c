/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_sweep.c: `limen sweep` — sensitivity tables: one or two workload or cell inputs varied
 * over a grid, every chosen paradigm projected at every point; the CSV or JSON is the library's
 * (limen_sweep_writer). */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "cli/workload_opts.h"
#include "limen/report.h"

static const cli_command_doc doc = {
    "sweep", "--vary NAME=START:STOP:POINTS[:log] [--vary ...] [options]",
    "Vary one or two workload or cell inputs over a grid (linear, or logarithmic with ':log') and\n"
    "project the chosen paradigms at every point: energy against N, D, n, T_train, temperature,\n"
    "tau0, retention, ...  NAME is any numeric option of 'limen project' (without the dashes).\n"
    "All other options set the base workload as in 'limen project'.  When N, D or c_f vary and\n"
    "--flops is not given, C = c_f*N*D at every point.\n"
    "Layouts: long (default) = one row per point and paradigm with every term; wide = one row\n"
    "per point, one energy column per paradigm.  Started by mpirun (limen built with MPI), the\n"
    "points are split over the processes, with the same text as one process; rank 0 prints.",
    "examples:\n"
    "  limen sweep --vary params=1e9:1e15:7:log\n"
    "  limen sweep --vary bits=1:32:32 --paradigm landauer-adiabatic,lim-finite-time --layout wide\n"
    "  limen sweep --vary time=3600:3.15e8:9:log --vary temperature=4:300:5 --format json\n"};

#define MAX_OPTS (CLI_WL_MAX_OPTS + 7)

typedef struct sweep {
  limen_sweep_axis ax[2];
  const cli_opt *opt[2]; /* the workload options varied */
  size_t nax;
  int wide;              /* --layout wide: the CSV (and the table) a row per point */
  const char *const *specs;
  size_t ns;
  cli_wl *wl;
  cli_progress *pb; /* the first format's pass reports the progress */
  int *passes;
} sweep;

static int parse_vary(const cli_wl *wl, const char *text, limen_sweep_axis *a, const cli_opt **opt, limen_error *err) {
  char buf[512];
  if (strlen(text) >= sizeof buf) return cli_error(err, LIMEN_EINVAL, "--vary = '%.40s...': too long", text);
  memcpy(buf, text, strlen(text) + 1);
  char *eq = strchr(buf, '=');
  if (!eq)
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': expected NAME=START:STOP:POINTS[:log]", text);
  *eq = '\0';
  const cli_opt *o = *opt = cli_wl_numeric_option(wl, buf);
  if (!o) {
    char names[1024] = "";
    size_t at = 0;
    for (const char *const *f = limen_workload_fields(); *f && at < sizeof names; f++)
      at += (size_t)snprintf(names + at, sizeof names - at, "%s%s", at ? ", " : "", *f);
    char near[96];
    limen_suggest_note(buf, names, near, sizeof near);
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': unknown input '%s'%s; allowed %s", text, buf,
                     near, names);
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
  a->name = o->name;
  const cli_opt *tau0 = cli_wl_numeric_option(wl, "tau0"); /* cell time converted with the base --tau0 */
  if (cli_opt_parse_cell_time(o, parts[0], tau0, &a->start, &inner) ||
      cli_opt_parse_cell_time(o, parts[1], tau0, &a->stop, &inner))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': %s", text, inner.msg);
  long points = 0;
  if (cli_parse_long("POINTS", parts[2], 1, LIMEN_SWEEP_MAX_POINTS, &points, &inner))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': POINTS = '%s': allowed range integers [1, %d]", text, parts[2],
                     LIMEN_SWEEP_MAX_POINTS);
  a->points = (size_t)points;
  if (limen_sweep_axes_check(a, 1, &inner))
    return cli_error(err, LIMEN_EINVAL, "--vary = '%s': a logarithmic grid needs START > 0 and STOP > 0", text);
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
    int st = parse_vary(wl, vo->items[k], &sw->ax[k], &sw->opt[k], err);
    if (st) return st;
    if (sw->opt[k]->set)
      return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s and --vary %s: give one of them",
                             sw->ax[k].name, sw->ax[k].name);
  }
  if (sw->nax == 2 && sw->opt[0] == sw->opt[1])
    return cli_error(err, LIMEN_EINVAL, "--vary: '%s' is varied twice", sw->ax[0].name);
  long n1 = (long)sw->ax[0].points, n2 = sw->nax == 2 ? (long)sw->ax[1].points : 1;
  limen_error inner;
  if (limen_sweep_axes_check(sw->ax, sw->nax, &inner))
    return cli_error(err, LIMEN_EINVAL, "--vary: %ld x %ld = %.0f points: allowed at most %d", n1, n2,
                     (double)n1 * (double)n2, LIMEN_SWEEP_MAX_TOTAL);
  return LIMEN_OK;
}

static size_t sweep_options(cli_opt *o) {
  size_t n = 0;
  o[n++] = cli_opt_str("vary", CLI_OPT_MULTI, "NAME=START:STOP:POINTS[:log]", NULL, NULL,
                       "input to vary and its grid; give once or twice (required)");
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL, "the list of 'limen project'",
                       "comma-separated paradigms to project (repeatable)");
  o[n++] = cli_opt_format("csv", "output format");
  o[n++] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                       "also write the sweep as DIR/sweep.txt, .csv and .json (atomically)");
  o[n++] = cli_opt_quiet();
  o[n++] = cli_opt_str("layout", CLI_OPT_STRING, "L", "long,wide", "long",
                       "long: a row per point and paradigm; wide: a row per point");
  return n + cli_wl_options(o + n);
}

/* The sweep in one format: the library's CSV (long or wide) or JSON; a table is the CSV aligned.
 * Each format runs the grid again: the cell quantities are cached, so a second pass costs the
 * closed forms only. */
static int render(const void *ctx, cli_format fmt, cli_buf *out, limen_error *err) {
  const sweep *sw = ctx;
  limen_sweep_format lf = fmt == CLI_FORMAT_JSON ? LIMEN_SWEEP_JSON : sw->wide ? LIMEN_SWEEP_CSV_WIDE : LIMEN_SWEEP_CSV_LONG;
  limen_sweep_report rep = {sw->ax, sw->nax, &sw->wl->w, sw->specs, sw->ns, lf};
  limen_sweep_writer *wr = NULL;
  char *text = NULL;
  int st = limen_sweep_writer_alloc(&rep, &wr, err);
  if (!st && (*sw->passes)++ == 0) limen_sweep_writer_progress(wr, cli_progress_fn, sw->pb);
  if (!st)
    st = limen_sweep_run_spread(&sw->wl->setup, sw->ax, sw->nax, sw->specs, sw->ns, sw->wl->profiles, cli_mpi_spread(),
                                wr, err);
  if (st == LIMEN_EINVAL || st == LIMEN_ENOTFOUND) st = cli_error_input(err); /* "--<input> = ..." */
  if (!st) st = limen_sweep_writer_finish(wr, &text, err);
  limen_sweep_writer_free(wr);
  if (!st && fmt == CLI_FORMAT_TABLE) st = cli_csv_table(text, out, err);
  else if (!st) cli_buf_puts(out, text);
  limen_free(text);
  return st ? st : cli_buf_check(out, err);
}

static int run(cli_opt *o, size_t n, cli_frame *f, cli_wl *wl, sweep *sw) {
  const cli_opt *fo = cli_opt_find(o, n, "format"), *lo = cli_opt_find(o, n, "layout");
  const cli_opt *oo = cli_opt_find(o, n, "out"), *vo = cli_opt_find(o, n, "vary");
  cli_format fmt = CLI_FORMAT_CSV;
  sw->wide = lo->set && strcmp(lo->str, "wide") == 0;
  sw->wl = wl;
  int st = cli_frame_no_positional(f);
  if (!st && fo->set) st = cli_parse_format(fo->str, 1, &fmt, &f->err);
  if (!st) st = vary_count(vo, &f->err);
  if (!st) st = cli_wl_build(o, n, wl, &f->err);
  if (!st) st = read_axes(vo, wl, sw, &f->err);
  if (!st) st = cli_wl_paradigms(o, n, &sw->specs, &sw->ns, &f->args, &f->err);
  if (st) return st;
  cli_progress pb;
  cli_progress_start(&pb, "sweep", cli_opt_find(o, n, "quiet")->set);
  int passes = 0;
  sw->pb = &pb;
  sw->passes = &passes;
  st = cli_render_set(oo->set ? oo->str : NULL, "sweep", fmt, render, sw, &f->out, &f->err);
  cli_progress_done(&pb);
  return st;
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
  cli_wl_free(&wl);
  return cli_frame_end(&f, status);
}
