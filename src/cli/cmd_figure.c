/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_figure.c: `limen figure <projection|tradeoff|per-op|sweep> --out FILE.png|.svg|.pdf` —
 * the figure (curves, labels, markers, note) is the library's limen_figure_alloc (a sweep's:
 * limen_sweep_figure_alloc, figure_sweep.c), the drawing limen_plot_write_as; this file parses
 * and checks the options. */
#include <string.h>

#include "cli/cli.h"
#include "cli/figure_sweep.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/workload_opts.h"
#include "limen/figure.h"
#include "limen/report.h"

static const cli_command_doc doc = {
    "figure", "<projection|tradeoff|per-op|sweep> --out FILE.png|FILE.svg|FILE.pdf|DIR\n"
    "       [options]",
    "Draw a figure with PLplot into a PNG, SVG (text as text) or PDF file, chosen by the\n"
    "extension of --out or by --format (nothing is printed on success):\n"
    "  projection  training energy against the number of parameters N for every paradigm\n"
    "              (log-log; D, n, T_train, T of the workload options; C = c_f*N*D unless\n"
    "              --flops is given); catalog models marked, published energies as points\n"
    "  tradeoff    training energy against the training time T_train (--x time: the energy-speed\n"
    "              trade-off) or the bits of precision n (--x bits: energy-precision) for the\n"
    "              learning-in-memory paradigms, landauer-adiabatic for reference\n"
    "  per-op      cost per bit against the operation time tau for (L) Landauer, (FT) finite-time\n"
    "              Landauer and (S) static-barrier write, at the retention barrier E_ret of\n"
    "              --retention-time/--retention-fail, P_s = --success, p_w = --write-fail\n"
    "  sweep       any CSV of 'limen sweep --format csv' (--input): the column --x against the\n"
    "              columns --y (default energy_J, or every *_J column of the wide layout), one\n"
    "              curve per paradigm, per value of --by and of the other swept input; an axis\n"
    "              whose values span two decades or more is logarithmic\n"
    "A paradigm that does not count the headline's work (C FLOP results of n bits) is drawn with\n"
    "the floor of its own counted work, dashed in its colour.\n"
    "The workload options of 'limen project' set everything that is not on the x axis.",
    "examples:\n"
    "  limen figure projection --out projection.png\n"
    "  limen figure tradeoff --out tradeoff.svg --bits 8\n"
    "  limen figure tradeoff --x bits --out precision.png\n"
    "  limen figure per-op --out per-op.pdf --xmin 1e-9 --xmax 1e-3\n"
    "  limen sweep --vary bits=4:32:15 --format csv > bits.csv\n"
    "  limen figure sweep --input bits.csv --x bits --out bits.svg\n"};

#define MAX_OPTS (CLI_WL_MAX_OPTS + 12)

/* The figure's settings from the command line. */
typedef struct fig_args {
  limen_figure_kind kind;
  int sweep;                   /* figure sweep (kind unused)                 */
  const char *out, *device, *format;
} fig_args;

/* "projection, tradeoff, per-op, sweep": the figures of the library. */
static const char *kind_names(char *buf, size_t n) {
  buf[0] = '\0';
  for (const char *const *k = limen_figure_names(); *k; k++) {
    if (buf[0]) strncat(buf, ", ", n - strlen(buf) - 1);
    strncat(buf, *k, n - strlen(buf) - 1);
  }
  strncat(buf, ", sweep", n - strlen(buf) - 1);
  return buf;
}

/* The kind, --out and the options the library's rules refuse for the kind. */
static int parse_args(cli_opt *o, size_t n, const cli_args *args, fig_args *fa, limen_error *err) {
  char names[128];
  if (args->n_positional != 1)
    return args->n_positional == 0
               ? cli_error(err, LIMEN_EINVAL, "kind: missing; allowed %s", kind_names(names, sizeof names))
               : cli_error(err, LIMEN_EINVAL, "kind: '%s' given after '%s'; give one of %s", args->positional[1],
                           args->positional[0], kind_names(names, sizeof names));
  const cli_opt *oo = cli_opt_find(o, n, "out"), *xo = cli_opt_find(o, n, "x"), *fo = cli_opt_find(o, n, "format");
  fa->sweep = strcmp(args->positional[0], "sweep") == 0;
  int st = fa->sweep ? LIMEN_OK : limen_figure_kind_find(args->positional[0], xo->set ? xo->str : NULL, &fa->kind, err);
  if (st == LIMEN_ENOTFOUND) {
    char near[128];
    limen_suggest_note(args->positional[0], "projection,tradeoff,per-op,sweep", near, sizeof near);
    return cli_error(err, LIMEN_EINVAL, "kind = '%s'%s: allowed %s", args->positional[0], near,
                     kind_names(names, sizeof names));
  }
  if (st) return cli_error_input(err); /* "--x = ..." */
  if (!oo->set) return cli_error(err, LIMEN_EINVAL, "--out: missing; give FILE.png, FILE.svg or FILE.pdf");
  fa->out = oo->str;
  fa->format = fo->set ? fo->str : NULL;
  if (!fa->format && !cli_figure_out_is_dir(oo->str) && limen_plot_device_for(oo->str, &fa->device, err))
    return cli_error(err, LIMEN_EINVAL, "--out = '%s': allowed extensions .png, .svg, .pdf (or give --format)", oo->str);
  if (fa->sweep) return cli_figure_sweep_given(o, n, err);
  if ((st = cli_figure_sweep_refused(o, n, args->positional[0], err))) return st;
  const char *given[MAX_OPTS];
  size_t n_given = 0;
  for (size_t i = 0; i < n; i++)
    if (o[i].set) given[n_given++] = o[i].name;
  st = limen_figure_given_check(fa->kind, given, n_given, err);
  if (st) return cli_error_prefix(err, st, "conflicting options: --");
  return LIMEN_OK;
}

/* The figure's numbers (the library's rows), the axis checked by the library's rules. */
static int axis(cli_opt *o, size_t n, limen_figure_config *c, limen_error *err) {
  size_t nf;
  const limen_input *rows = limen_figure_inputs(&nf);
  for (size_t i = 0; i < nf; i++) {
    const cli_opt *f = cli_opt_find(o, n, rows[i].name);
    if (f->set) limen_input_set(&rows[i], c, f->kind == CLI_OPT_LONG ? (double)f->lnum : f->num);
  }
  int st = limen_figure_axis_check(c, err);
  return st ? cli_error_prefix(err, st, "--") : LIMEN_OK;
}

/* The library's figure of the options: the workload, the paradigms, the axis and the size. */
static int make_figure(cli_opt *o, size_t n, cli_args *args, const cli_wl *wl, const fig_args *fa, limen_figure **fig,
                       limen_error *err) {
  limen_figure_config c = limen_figure_config_default(fa->kind);
  c.workload = wl->w;
  c.flops_given = cli_opt_find(o, n, "flops")->set != 0;
  c.profiles = wl->profiles;
  c.catalog = wl->catalog;
  int st = axis(o, n, &c, err);
  if (!st && fa->kind != LIMEN_FIGURE_PER_OP && cli_opt_find(o, n, "paradigm")->set) {
    st = cli_wl_paradigms(o, n, &c.specs, &c.n_specs, args, err);
    if (!st && c.n_specs > LIMEN_FIGURE_MAX_PARADIGMS)
      st = cli_error(err, LIMEN_EINVAL, "--paradigm: %zu paradigms; at most %d in one figure", c.n_specs,
                     LIMEN_FIGURE_MAX_PARADIGMS);
    for (size_t i = 0; !st && i < c.n_specs; i++) { /* an unknown one is named as the option */
      limen_paradigm *p = NULL;
      st = limen_paradigm_alloc(c.specs[i], wl->profiles, &p, err);
      if (st) st = limen_error_wrap(err, st, "--paradigm", "'%s'", c.specs[i]);
      limen_paradigm_free(p);
    }
  }
  if (!st && (st = limen_figure_alloc(&c, fig, err)) == LIMEN_EINVAL) cli_error_input(err); /* "--time = ..." */
  return st;
}

/* The options: the figure's own, then the workload's. */
static size_t figure_options(cli_opt *o) {
  size_t n = 0;
  o[n++] = cli_opt_str("out", CLI_OPT_STRING, "FILE|DIR", NULL, NULL,
                       "output file, .png, .svg or .pdf; or a directory: KIND.png, .svg and .pdf there, with the "
                       "points drawn in KIND-points.csv and .json (required)");
  o[n++] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "png,svg,pdf", NULL,
                       "output format (default: the extension of --out)");
  n += cli_figure_sweep_options(o + n);
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL,
                       "projection: the list of 'limen project'; tradeoff: landauer-adiabatic,lim-finite-time,"
                       "lim-matched",
                       "comma-separated paradigms to draw (projection, tradeoff)");
  size_t nf;
  const limen_input *rows = limen_figure_inputs(&nf);
  for (size_t i = 0; i < nf; i++) {
    o[n++] = cli_opt_input(&rows[i]);
    if (i == 2)
      o[n++] = cli_opt_str("x", CLI_OPT_STRING, "AXIS", NULL, "tradeoff: time",
                           "tradeoff: the x axis, time or bits; sweep: the column on the x axis");
  }
  return n + cli_wl_options(o + n);
}

int limen_cmd_figure(int argc, char **argv) {
  cli_opt o[MAX_OPTS];
  size_t n = figure_options(o);
  cli_wl wl;
  memset(&wl, 0, sizeof wl);
  fig_args fa;
  memset(&fa, 0, sizeof fa);
  limen_figure *fig = NULL;
  cli_frame fr;
  int status = cli_frame_begin(&fr, &doc, o, n, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  fr.range_is_usage = 1;
  if (!status) status = parse_args(o, n, &fr.args, &fa, &fr.err);
  if (!status && fa.sweep) {
    status = cli_figure_sweep(o, n, fa.out, fa.format, &fr.err);
  } else {
    if (!status) status = cli_wl_build(o, n, &wl, &fr.err);
    if (!status) status = make_figure(o, n, &fr.args, &wl, &fa, &fig, &fr.err);
    if (!status) {
      fflush(stdout);
      status = cli_figure_write(limen_figure_plot(fig), fa.out, fa.format, fr.args.positional[0], &fr.err);
    }
  }
  limen_figure_free(fig);
  cli_wl_free(&wl);
  return cli_frame_end(&fr, status); /* nothing on stdout: the figure is the file */
}
