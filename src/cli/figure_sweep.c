/* SPDX-License-Identifier: GPL-3.0-or-later
 * figure_sweep.c: `limen figure sweep --input SWEEP.csv --x NAME [--y NAME ...] [--by NAME]`
 * (figure_sweep.h): the options and their rules; the figure is the library's
 * limen_sweep_figure_alloc, the drawing limen_plot_write_as. */
#include <string.h>

#include "cli/figure_sweep.h"
#include "limen/report.h"

/* The options figure sweep takes (the others of `limen figure` are refused). */
static const char *const OWN[] = {"out", "format", "input", "x", "y", "by", "width", "height", NULL};

size_t cli_figure_sweep_options(cli_opt *o) {
  size_t n = 0;
  o[n++] = cli_opt_str("input", CLI_OPT_STRING, "FILE", NULL, NULL,
                       "sweep: the CSV written by 'limen sweep --format csv' (required)");
  o[n++] = cli_opt_str("y", CLI_OPT_LIST, "NAME", NULL, "energy_J, else every *_J column",
                       "sweep: columns on the y axis (comma-separated or repeated)");
  o[n++] = cli_opt_str("by", CLI_OPT_STRING, "NAME", NULL, NULL,
                       "sweep: a further column with one curve per value (paradigm always)");
  return n;
}

static int own(const char *name) {
  for (const char *const *k = OWN; *k; k++)
    if (strcmp(*k, name) == 0) return 1;
  return 0;
}

int cli_figure_sweep_given(cli_opt *o, size_t n, limen_error *err) {
  for (size_t i = 0; i < n; i++)
    if (o[i].set && !own(o[i].name))
      return cli_error(err, LIMEN_EINVAL, "conflicting options: --%s does not apply to 'figure sweep'", o[i].name);
  if (!cli_opt_find(o, n, "input")->set)
    return cli_error(err, LIMEN_EINVAL, "--input: missing; give the CSV of 'limen sweep --format csv'");
  if (!cli_opt_find(o, n, "x")->set) return cli_error(err, LIMEN_EINVAL, "--x: missing; give the column on the x axis");
  return LIMEN_OK;
}

int cli_figure_sweep_refused(cli_opt *o, size_t n, const char *kind, limen_error *err) {
  static const char *const only[] = {"input", "y", "by", NULL};
  for (const char *const *k = only; *k; k++)
    if (cli_opt_find(o, n, *k)->set)
      return cli_error(err, LIMEN_EINVAL, "conflicting options: --%s applies to 'figure sweep' only, not '%s'", *k,
                       kind);
  return LIMEN_OK;
}

int cli_figure_sweep(cli_opt *o, size_t n, const char *out, const char *format, limen_error *err) {
  limen_sweep_figure_config c;
  memset(&c, 0, sizeof c);
  const cli_opt *y = cli_opt_find(o, n, "y"), *by = cli_opt_find(o, n, "by");
  const cli_opt *w = cli_opt_find(o, n, "width"), *h = cli_opt_find(o, n, "height");
  c.x = cli_opt_find(o, n, "x")->str;
  c.y = y->set ? y->items : NULL;
  c.n_y = y->set ? y->n_items : 0;
  c.by = by->set ? by->str : NULL;
  c.width_px = w->set ? (int)(w->kind == CLI_OPT_LONG ? w->lnum : w->num) : 0;
  c.height_px = h->set ? (int)(h->kind == CLI_OPT_LONG ? h->lnum : h->num) : 0;
  limen_sweep_figure *f = NULL;
  int st = limen_sweep_figure_alloc(cli_opt_find(o, n, "input")->str, &c, &f, err);
  if (st == LIMEN_EINVAL || st == LIMEN_ENOTFOUND) st = cli_error_prefix(err, st, "--");
  if (!st) st = cli_figure_write(limen_sweep_figure_plot(f), out, format, "sweep", err);
  limen_sweep_figure_free(f);
  return st;
}
