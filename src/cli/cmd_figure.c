/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_figure.c: `limen figure <projection|tradeoff|per-op> --out FILE.png|.svg` — the curves are
 * the library's projections and bounds on a limen_grid_point axis, the drawing is limen_plot_write;
 * this file parses the options and arranges series, markers and labels. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/workload_opts.h"
#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/figure.h"
#include "limen/units.h"

static const cli_command_doc doc = {
    "figure", "<projection|tradeoff|per-op> --out FILE.png|FILE.svg [options]",
    "Draw a figure with PLplot into a PNG or SVG file (nothing is printed on success):\n"
    "  projection  training energy against the number of parameters N for every paradigm\n"
    "              (log-log; D, n, T_train, T of the workload options; C = c_f*N*D unless\n"
    "              --flops is given); catalog models marked, published energies as points\n"
    "  tradeoff    training energy against the training time T_train (--x time: the energy-speed\n"
    "              trade-off) or the bits of precision n (--x bits: energy-precision) for the\n"
    "              learning-in-memory paradigms, landauer-adiabatic for reference\n"
    "A paradigm that does not count the headline's work (C FLOP results of n bits) is drawn with\n"
    "the floor of its own counted work, dashed in its colour.\n"
    "  per-op      cost per bit against the operation time tau for (L) Landauer, (FT) finite-time\n"
    "              Landauer and (S) static-barrier write, at the retention barrier E_ret of\n"
    "              --retention-time/--retention-fail, P_s = --success, p_w = --write-fail\n"
    "The workload options of 'limen project' set everything that is not on the x axis.",
    "examples:\n"
    "  limen figure projection --out projection.png\n"
    "  limen figure tradeoff --out tradeoff.svg --bits 8\n"
    "  limen figure tradeoff --x bits --out precision.png\n"
    "  limen figure per-op --out per-op.png --xmin 1e-9 --xmax 1e-3\n"};

#define MAX_OPTS (CLI_WL_MAX_OPTS + 8)
#define MAX_SERIES 32

typedef struct fig {
  limen_plot_series series[MAX_SERIES];
  size_t ns;
  limen_plot_marker markers[64];
  size_t nm;
  double *x;                /* shared x grid                        */
  double *y[MAX_SERIES];    /* owned y arrays                       */
  double px[64], py[64];    /* published points                     */
  const char *plabels[64];
  char mlabels[64][160];    /* merged marker labels                 */
  char note[512];
  char flabels[MAX_SERIES][LIMEN_PARADIGM_SPEC_MAX + 32]; /* "floor of <spec>'s counted work" */
} fig;

static void fig_free(fig *f) {
  free(f->x);
  for (size_t i = 0; i < MAX_SERIES; i++) free(f->y[i]);
}

/* energy vs a workload input for every spec; a paradigm whose counted work is not the
 * headline's (no ratio to it at some point) gets the floor of its own work as a dashed curve
 * in its colour, so that no curve is read against a floor it does not share */
static int curves(cli_wl *wl, const char *field, const char *const *specs, size_t ns, long npts, fig *f,
                  limen_error *err) {
  limen_projection *proj = calloc(ns, sizeof *proj);
  double *floor_y = calloc(ns * (size_t)npts, sizeof *floor_y);
  int *own = calloc(ns, sizeof *own);
  int s = proj && floor_y && own ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "figure", "out of memory");
  for (size_t p = 0; p < ns && !s; p++) {
    f->y[p] = malloc((size_t)npts * sizeof(double));
    if (!f->y[p]) s = limen_error_set(err, LIMEN_ENOMEM, "figure", "out of memory");
  }
  for (long i = 0; i < npts && !s; i++) {
    limen_workload w = wl->w;
    s = cli_wl_set(wl, &w, field, f->x[i], err);
    if (!s) s = cli_wl_project(wl, &w, specs, ns, proj, err);
    if (s) {
      limen_error_wrap(err, s, "figure point", "%s = %.10g", field, f->x[i]);
      break;
    }
    for (size_t p = 0; p < ns; p++) {
      f->y[p][i] = proj[p].energy_J;
      floor_y[p * (size_t)npts + (size_t)i] = proj[p].floor_J;
      if (isnan(proj[p].ratio_to_headline)) own[p] = 1;
    }
  }
  free(proj);
  for (size_t p = 0; p < ns && !s; p++) {
    limen_plot_series *S = &f->series[f->ns++];
    memset(S, 0, sizeof *S);
    S->label = specs[p];
    S->x = f->x;
    S->y = f->y[p];
    S->n = (size_t)npts;
    S->color = (int)(p % 12) + 1;
    S->style = strcmp(specs[p], "landauer-adiabatic") == 0 ? LIMEN_PLOT_DASHED : LIMEN_PLOT_LINE;
  }
  for (size_t p = 0, k = ns; p < ns && !s && k < MAX_SERIES; p++) {
    if (!own[p]) continue;
    f->y[k] = malloc((size_t)npts * sizeof(double));
    if (!f->y[k]) {
      s = limen_error_set(err, LIMEN_ENOMEM, "figure", "out of memory");
      break;
    }
    memcpy(f->y[k], floor_y + p * (size_t)npts, (size_t)npts * sizeof(double));
    snprintf(f->flabels[p], sizeof f->flabels[p], "%s floor", specs[p]);
    limen_plot_series *S = &f->series[f->ns++];
    memset(S, 0, sizeof *S);
    S->label = f->flabels[p];
    S->x = f->x;
    S->y = f->y[k++];
    S->n = (size_t)npts;
    S->color = (int)(p % 12) + 1;
    S->style = LIMEN_PLOT_DASHED;
  }
  free(floor_y);
  free(own);
  return s;
}

static int per_op(const cli_wl *wl, long npts, fig *f, limen_error *err) {
  const limen_workload *w = &wl->w;
  double E = 0, eL = 0;
  int s = limen_retention_barrier(w->retention_time_s / w->tau0_s, w->retention_fail, NULL, &E, err);
  if (!s) s = limen_landauer_generalized_kT(w->success, &eL, err);
  if (s) return s;
  for (int k = 0; k < 3; k++) {
    f->y[k] = malloc((size_t)npts * sizeof(double));
    if (!f->y[k]) return limen_error_set(err, LIMEN_ENOMEM, "figure", "out of memory");
  }
  for (long i = 0; i < npts; i++) {
    double tt = f->x[i] / w->tau0_s, e = 0;
    f->y[0][i] = eL;
    s = limen_finite_time_kT(E, w->success, tt, NULL, &e, NULL, err);
    if (s) return limen_error_wrap(err, s, "figure point", "tau = %.10g s", f->x[i]);
    f->y[1][i] = e;
    limen_static_write sw;
    s = limen_static_write_cost(E, tt, w->write_fail, NULL, &sw, err);
    if (s) return limen_error_wrap(err, s, "figure point", "tau = %.10g s", f->x[i]);
    f->y[2][i] = sw.work_kT;
  }
  static const char *const labels[3] = {"(L) Landauer e#dL#u(P#ds#u)", "(FT) e#dL#u + B/#gt",
                                        "(S) static write"};
  for (int k = 0; k < 3; k++) {
    limen_plot_series *S = &f->series[f->ns++];
    memset(S, 0, sizeof *S);
    S->label = labels[k];
    S->x = f->x;
    S->y = f->y[k];
    S->n = (size_t)npts;
    S->style = k == 0 ? LIMEN_PLOT_DASHED : LIMEN_PLOT_LINE;
  }
  snprintf(f->note, sizeof f->note,
           "quartic cell at E#dret#u = %.3g kT (#gt#dret#u = %.3g s, p#dret#u = %.3g), #gt#d0#u = %.3g s, "
           "P#ds#u = %.3g, p#dw#u = %.3g, T = %.4g K",
           E, w->retention_time_s, w->retention_fail, w->tau0_s, w->success, w->write_fail, w->temperature_K);
  return LIMEN_OK;
}

typedef enum { K_PROJECTION, K_TRADEOFF, K_PER_OP } fig_kind;

/* The figure's settings from the command line. */
typedef struct fig_args {
  fig_kind kind;
  int by_bits;        /* tradeoff --x bits                                    */
  const char *xfield; /* the workload input on the x axis (NULL: per-op's τ)  */
  const char *out, *device;
  double a, b;        /* the x axis                                           */
  long npts;
} fig_args;

static int parse_kind(const cli_args *args, fig_kind *kind, limen_error *err) {
  static const char *const KINDS = "projection, tradeoff, per-op";
  static const char *const names[] = {"projection", "tradeoff", "per-op"};
  if (args->n_positional != 1)
    return args->n_positional == 0
               ? cli_error(err, LIMEN_EINVAL, "kind: missing; allowed %s", KINDS)
               : cli_error(err, LIMEN_EINVAL, "kind: '%s' given after '%s'; give one of %s", args->positional[1],
                           args->positional[0], KINDS);
  for (int k = 0; k < 3; k++)
    if (strcmp(args->positional[0], names[k]) == 0) return *kind = (fig_kind)k, LIMEN_OK;
  return cli_error(err, LIMEN_ENOTFOUND, "kind = '%s': allowed %s", args->positional[0], KINDS);
}

/* The kind, --out and the options that conflict with the kind. */
static int parse_args(cli_opt *o, size_t n, const cli_args *args, fig_args *fa, limen_error *err) {
  int st = parse_kind(args, &fa->kind, err);
  if (st) return st;
  const char *kind = args->positional[0];
  const cli_opt *oo = cli_opt_find(o, n, "out"), *xo = cli_opt_find(o, n, "x");
  if (!oo->set) return cli_error(err, LIMEN_EINVAL, "--out: missing; give FILE.png or FILE.svg");
  fa->out = oo->str;
  if (limen_plot_device_for(oo->str, &fa->device, err))
    return cli_error(err, LIMEN_EINVAL, "--out = '%s': allowed extensions .png, .svg", oo->str);
  if (fa->kind == K_PER_OP && cli_opt_find(o, n, "paradigm")->set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--paradigm does not apply to 'figure per-op'");
  fa->by_bits = xo->set && strcmp(xo->str, "bits") == 0;
  if (xo->set && fa->kind != K_TRADEOFF)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--x applies to 'figure tradeoff' only");
  fa->xfield = fa->kind == K_PROJECTION ? "params" : fa->kind == K_TRADEOFF ? (fa->by_bits ? "bits" : "time") : NULL;
  if (fa->xfield && cli_opt_find(o, n, fa->xfield)->set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s is the x axis of 'figure %s': use --xmin/--xmax",
                           fa->xfield, kind);
  if (fa->kind == K_PROJECTION && cli_opt_find(o, n, "model")->set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options",
                           "--model does not apply to 'figure projection' (every catalog model is marked)");
  return LIMEN_OK;
}

/* The x axis: its ends (in the range of the input they stand for), its points and the grid
 * (logarithmic, or whole bits). */
static int axis(cli_opt *o, size_t n, const cli_wl *wl, fig_args *fa, fig *f, limen_error *err) {
  const cli_opt *xmin = cli_opt_find(o, n, "xmin"), *xmax = cli_opt_find(o, n, "xmax"), *pts = cli_opt_find(o, n, "points");
  static const double def_lo[] = {1e6, 3600, 1e-9}, def_hi[] = {1e16, 100 * LIMEN_SECONDS_PER_YEAR, 1};
  double a = xmin->set ? xmin->num : fa->by_bits ? 4 : def_lo[fa->kind];
  double b = xmax->set ? xmax->num : fa->by_bits ? 32 : def_hi[fa->kind];
  if (!(b > a)) return cli_error(err, LIMEN_EINVAL, "--xmax = %.10g: must be greater than --xmin = %.10g", b, a);
  if (fa->xfield) {
    cli_opt ends = *cli_wl_numeric_option(wl, fa->xfield);
    ends.name = "xmin";
    int st = cli_opt_check_number(&ends, a, err);
    ends.name = "xmax";
    if (st || (st = cli_opt_check_number(&ends, b, err))) return st;
  }
  long npts = pts->set ? pts->lnum : 61;
  if (fa->by_bits) { /* whole bits from ⌈xmin⌉ to ⌊xmax⌋ */
    a = ceil(a);
    b = floor(b);
    npts = (long)(b - a) + 1;
    if (npts < 2) return cli_error(err, LIMEN_EINVAL, "--xmin/--xmax: %g to %g bits: give at least two whole bits", a, b);
  }
  f->x = malloc((size_t)npts * sizeof *f->x);
  if (!f->x) return limen_error_set(err, LIMEN_ENOMEM, "figure", "out of memory");
  for (long i = 0; i < npts; i++)
    f->x[i] = fa->by_bits ? a + (double)i : limen_grid_point(a, b, (size_t)i, (size_t)npts, 1);
  fa->a = a;
  fa->b = b;
  fa->npts = npts;
  return LIMEN_OK;
}

/* projection: the catalog's models as markers (names within 0.05 decades share one) and their
 * published training energies as labelled points. */
static void catalog_marks(const cli_wl *wl, fig *f) {
  size_t np = 0;
  for (size_t i = 0; i < wl->catalog->count && f->nm < 64; i++) {
    const limen_model *m = &wl->catalog->models[i];
    size_t k = 0;
    while (k < f->nm && fabs(log10(f->markers[k].x / m->params)) > 0.05) k++;
    if (k == f->nm) {
      snprintf(f->mlabels[k], sizeof f->mlabels[k], "%s", m->name);
      f->markers[f->nm++] = (limen_plot_marker){m->params, f->mlabels[k]};
    } else {
      size_t len = strlen(f->mlabels[k]);
      snprintf(f->mlabels[k] + len, sizeof f->mlabels[k] - len, ", %s", m->name);
    }
    double e = limen_model_published_energy_J(m);
    if (!isnan(e) && np < 64) {
      f->px[np] = m->params;
      f->py[np] = e;
      f->plabels[np++] = m->name;
    }
  }
  if (!np) return;
  limen_plot_series *S = &f->series[f->ns++];
  memset(S, 0, sizeof *S);
  S->label = "published training energy";
  S->x = f->px;
  S->y = f->py;
  S->n = np;
  S->style = LIMEN_PLOT_POINTS;
  S->color = 7;
  S->point_labels = f->plabels;
}

/* Titles, note and markers of the projection and tradeoff figures. */
static int label_paradigm_plot(cli_opt *o, size_t n, const cli_wl *wl, const fig_args *fa, fig *f,
                               limen_plot *plot, limen_error *err) {
  const limen_workload *w = &wl->w;
  plot->ylabel = "training energy [J]";
  if (fa->kind == K_PROJECTION) {
    plot->title = "Training energy against model size";
    plot->xlabel = "trainable parameters N";
    snprintf(f->note, sizeof f->note,
             "D = %.4g tokens, C = %s, n = %g bits, T#dtrain#u = %.4g s, T = %.4g K, OPS %s; points: published "
             "training energies",
             w->tokens, cli_opt_find(o, n, "flops")->set ? "fixed" : "c#df#u·N·D", w->bits, w->train_time_s,
             w->temperature_K, limen_ops_convention_name(w->ops));
    catalog_marks(wl, f);
    return LIMEN_OK;
  }
  limen_workload_derived d;
  int st = limen_workload_derive(w, &d, err);
  if (st) return st;
  plot->title = fa->by_bits ? "Energy-precision trade-off of learning in memory" : "Energy-speed trade-off of learning in memory";
  plot->xlabel = fa->by_bits ? "bits of precision n" : "training time T#dtrain#u [s]";
  snprintf(f->note, sizeof f->note, "%s: N = %.4g, C = %.4g FLOP, n = %g bits, T = %.4g K, OPS %s, #gt#d0#u = %.3g s",
           w->name, w->params, d.flops, w->bits, w->temperature_K, limen_ops_convention_name(w->ops), w->tau0_s);
  f->markers[f->nm++] = fa->by_bits ? (limen_plot_marker){w->bits, "workload n"}
                                    : (limen_plot_marker){w->train_time_s, "workload T#dtrain#u"};
  return LIMEN_OK;
}

/* The series, titles and note of the figure. */
static int draw_data(cli_opt *o, size_t n, cli_args *args, cli_wl *wl, const fig_args *fa, fig *f, limen_plot *plot,
                     limen_error *err) {
  plot->xlog = !fa->by_bits;
  plot->ylog = 1;
  if (fa->kind == K_PER_OP) {
    plot->title = "Cost of one elementary operation per bit";
    plot->xlabel = "operation time #gt [s]";
    plot->ylabel = "energy per bit [kT]";
    return per_op(wl, fa->npts, f, err);
  }
  static const char *const lim_specs[] = {"landauer-adiabatic", "lim-finite-time", "lim-matched"};
  const char *const *specs = lim_specs;
  size_t ns = 3;
  int st;
  if ((fa->kind != K_TRADEOFF || cli_opt_find(o, n, "paradigm")->set) &&
      (st = cli_wl_paradigms(o, n, &specs, &ns, args, err)))
    return st;
  if (ns > MAX_SERIES - 1)
    return cli_error(err, LIMEN_EINVAL, "--paradigm: %zu paradigms; at most %d in one figure", ns, MAX_SERIES - 1);
  st = curves(wl, fa->xfield, specs, ns, fa->npts, f, err);
  return st ? st : label_paradigm_plot(o, n, wl, fa, f, plot, err);
}

/* The options: the figure's own, then the workload's. */
static size_t figure_options(cli_opt *o) {
  size_t n = 0;
  o[n++] = cli_opt_str("out", CLI_OPT_STRING, "FILE", NULL, NULL, "output file, .png or .svg (required)");
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL,
                       "projection: the list of 'limen project'; tradeoff: landauer-adiabatic,lim-finite-time,"
                       "lim-matched",
                       "comma-separated paradigms to draw (projection, tradeoff)");
  o[n++] = cli_opt_num("xmin", "X", NULL, 0, 1, 1e60, 0,
                       "projection 1e6 (N); tradeoff 3600 s; per-op 1e-9 s",
                       "left end of the x axis (N, T_train in s, or τ in s)");
  o[n++] = cli_opt_num("xmax", "X", NULL, 0, 1, 1e60, 0, "projection 1e16; tradeoff 3.15576e9 s (100 y); per-op 1 s",
                       "right end of the x axis");
  o[n++] = cli_opt_int("points", "N", NULL, 2, 2000, "61", "points per curve (--x bits: one per whole bit)");
  o[n++] = cli_opt_str("x", CLI_OPT_STRING, "AXIS", "time,bits", "time", "tradeoff: the x axis");
  o[n++] = cli_opt_int("width", "PX", "px", 200, 10000, "1200", "image width");
  o[n++] = cli_opt_int("height", "PX", "px", 150, 10000, "800", "image height");
  return n + cli_wl_options(o + n);
}

int limen_cmd_figure(int argc, char **argv) {
  cli_opt o[MAX_OPTS];
  size_t n = figure_options(o);
  cli_wl wl;
  memset(&wl, 0, sizeof wl);
  fig f;
  memset(&f, 0, sizeof f);
  fig_args fa;
  memset(&fa, 0, sizeof fa);
  limen_plot plot;
  memset(&plot, 0, sizeof plot);
  cli_frame fr;
  int status = cli_frame_begin(&fr, &doc, o, n, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  fr.range_is_usage = 1;
  if (!status) status = parse_args(o, n, &fr.args, &fa, &fr.err);
  if (!status) status = cli_wl_build(o, n, &wl, &fr.err);
  if (!status) status = axis(o, n, &wl, &fa, &f, &fr.err);
  if (!status) status = draw_data(o, n, &fr.args, &wl, &fa, &f, &plot, &fr.err);
  if (!status) {
    plot.series = f.series;
    plot.n_series = f.ns;
    plot.markers = f.markers;
    plot.n_markers = f.nm;
    plot.note = f.note;
    const cli_opt *wo = cli_opt_find(o, n, "width"), *ho = cli_opt_find(o, n, "height");
    plot.width_px = (int)(wo->set ? wo->lnum : 1200);
    plot.height_px = (int)(ho->set ? ho->lnum : 800);
    fflush(stdout);
    status = limen_plot_write(&plot, fa.out, &fr.err);
  }
  fig_free(&f);
  cli_wl_free(&wl);
  return cli_frame_end(&fr, status); /* nothing on stdout: the figure is the file */
}
