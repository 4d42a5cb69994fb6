/* SPDX-License-Identifier: GPL-3.0-or-later
 * figure_report.c: the standard figures of limen (report.h: limen_figure_alloc) assembled as a
 * limen_plot — energy against N (projection), against T_train or n (tradeoff), and the cost per
 * bit of one operation against its time (per-op): the curves from the library's projections and
 * bounds on a limen_grid_point axis, their labels, colours, markers, titles and note.  Drawing
 * is limen_plot_write's. */
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/units.h"
#include "report/record.h"

#define MAX_SERIES (LIMEN_FIGURE_MAX_PARADIGMS + 1)
#define MAX_MARKS 64

struct limen_figure {
  limen_plot plot;
  limen_plot_series series[2 * MAX_SERIES];
  size_t ns;
  limen_plot_marker markers[MAX_MARKS];
  size_t nm;
  size_t npts;
  double *x;                           /* the shared x grid                 */
  double *y[2 * MAX_SERIES];           /* owned y arrays                    */
  double px[MAX_MARKS], py[MAX_MARKS]; /* published points             */
  const char *plabels[MAX_MARKS];
  char mlabels[MAX_MARKS][160]; /* merged marker labels              */
  char note[512];
  char flabels[MAX_SERIES][LIMEN_PARADIGM_SPEC_MAX + 32]; /* "<spec> floor" */
};

#define ROW(nm, mem, ty, sym, unit, mv, lo, lo_open, hi, fl, def, deftext, doc) \
  { nm, NULL, #mem, sym, unit, mv, lo, hi, lo_open, 0, fl, ty, offsetof(limen_figure_config, mem), def, deftext, doc }
static const limen_input fig_inputs[] = {
    ROW("xmin", xmin, LIMEN_INPUT_DOUBLE, "x_min", NULL, "X", 0, 1, 1e60, LIMEN_INPUT_UNSET_NAN, NAN,
        "projection 1e6 (N); tradeoff 3600 s; per-op 1e-9 s", "left end of the x axis (N, T_train in s, or τ in s)"),
    ROW("xmax", xmax, LIMEN_INPUT_DOUBLE, "x_max", NULL, "X", 0, 1, 1e60, LIMEN_INPUT_UNSET_NAN, NAN,
        "projection 1e16; tradeoff 3.15576e9 s (100 y); per-op 1 s", "right end of the x axis"),
    ROW("points", points, LIMEN_INPUT_SIZE, "n_x", NULL, "N", 2, 0, 2000, LIMEN_INPUT_COUNT, 61, "61",
        "points per curve (--x bits: one per whole bit)"),
    ROW("width", width_px, LIMEN_INPUT_INT, "w", "px", "PX", 200, 0, 10000, LIMEN_INPUT_COUNT, 1200, "1200",
        "image width (in SVG and PDF: points)"),
    ROW("height", height_px, LIMEN_INPUT_INT, "h", "px", "PX", 150, 0, 10000, LIMEN_INPUT_COUNT, 800, "800",
        "image height (in SVG and PDF: points)"),
};
#undef ROW

const limen_input *limen_figure_inputs(size_t *n) {
  if (n) *n = sizeof fig_inputs / sizeof fig_inputs[0];
  return fig_inputs;
}

limen_figure_config limen_figure_config_default(limen_figure_kind kind) {
  static const double lo[] = {1e6, 3600, 4, 1e-9}, hi[] = {1e16, 100 * LIMEN_SECONDS_PER_YEAR, 32, 1};
  limen_figure_config c;
  memset(&c, 0, sizeof c);
  c.kind = kind;
  c.workload = limen_workload_default();
  int k = kind >= LIMEN_FIGURE_PROJECTION && kind <= LIMEN_FIGURE_PER_OP ? (int)kind : 0;
  limen_inputs_defaults(fig_inputs, sizeof fig_inputs / sizeof fig_inputs[0], &c);
  c.xmin = lo[k];
  c.xmax = hi[k];
  return c;
}

const char *limen_figure_x_input(limen_figure_kind kind) {
  switch (kind) {
    case LIMEN_FIGURE_PROJECTION:
      return "params";
    case LIMEN_FIGURE_TRADEOFF_TIME:
      return "time";
    case LIMEN_FIGURE_TRADEOFF_BITS:
      return "bits";
    case LIMEN_FIGURE_PER_OP:
      return NULL;
  }
  return NULL;
}

static const char *const figure_names[] = {"projection", "tradeoff", "per-op", NULL};

const char *const *limen_figure_names(void) { return figure_names; }

const char *limen_figure_kind_name(limen_figure_kind kind) {
  switch (kind) {
    case LIMEN_FIGURE_PROJECTION:
      return figure_names[0];
    case LIMEN_FIGURE_TRADEOFF_TIME:
    case LIMEN_FIGURE_TRADEOFF_BITS:
      return figure_names[1];
    case LIMEN_FIGURE_PER_OP:
      return figure_names[2];
  }
  return NULL;
}

int limen_figure_kind_find(const char *name, const char *x_axis, limen_figure_kind *kind, limen_error *err) {
  static const limen_figure_kind kinds[] = {LIMEN_FIGURE_PROJECTION, LIMEN_FIGURE_TRADEOFF_TIME, LIMEN_FIGURE_PER_OP};
  if (!kind) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int k = 0;
  while (name && figure_names[k] && strcmp(name, figure_names[k]) != 0) k++;
  if (!name || !figure_names[k])
    return limen_error_input(err, LIMEN_ENOTFOUND, "kind", NULL, NULL,
                             "kind = '%s': allowed projection, tradeoff, per-op", name ? name : "(null)");
  if (x_axis && strcmp(x_axis, "time") != 0 && strcmp(x_axis, "bits") != 0)
    return limen_error_input(err, LIMEN_EINVAL, "x", NULL, NULL, "x = '%s': allowed time, bits", x_axis);
  *kind = kinds[k];
  if (*kind == LIMEN_FIGURE_TRADEOFF_TIME && x_axis && strcmp(x_axis, "bits") == 0) *kind = LIMEN_FIGURE_TRADEOFF_BITS;
  return LIMEN_OK;
}

static int is_given(const char *name, const char *const *given, size_t n) {
  for (size_t i = 0; name && given && i < n; i++)
    if (given[i] && strcmp(given[i], name) == 0) return 1;
  return 0;
}

int limen_figure_given_check(limen_figure_kind kind, const char *const *given, size_t n_given, limen_error *err) {
  const char *name = limen_figure_kind_name(kind), *x = limen_figure_x_input(kind);
  if (!name) return limen_error_set(err, LIMEN_EINVAL, __func__, "kind = %d: allowed 0 to 3", (int)kind);
  if (kind == LIMEN_FIGURE_PER_OP && is_given("paradigm", given, n_given))
    return limen_error_input(err, LIMEN_EINVAL, "paradigm", NULL, NULL, "paradigm does not apply to 'figure per-op'");
  if (kind != LIMEN_FIGURE_TRADEOFF_TIME && kind != LIMEN_FIGURE_TRADEOFF_BITS && is_given("x", given, n_given))
    return limen_error_input(err, LIMEN_EINVAL, "x", NULL, NULL, "x applies to 'figure tradeoff' only");
  if (x && is_given(x, given, n_given))
    return limen_error_input(err, LIMEN_EINVAL, x, NULL, NULL, "%s is the x axis of 'figure %s': use --xmin/--xmax", x,
                             name);
  if (kind == LIMEN_FIGURE_PROJECTION && is_given("model", given, n_given))
    return limen_error_input(err, LIMEN_EINVAL, "model", NULL, NULL,
                             "model does not apply to 'figure projection' (every catalog model is marked)");
  return LIMEN_OK;
}

int limen_figure_axis_check(const limen_figure_config *c, limen_error *err) {
  if (!c) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const double a = c->xmin, b = c->xmax;
  if (!(b > a))
    return limen_error_input(err, LIMEN_EINVAL, "xmax", NULL, NULL, "xmax = %.10g: must be greater than --xmin = %.10g",
                             b, a);
  const char *x = limen_figure_x_input(c->kind);
  size_t n;
  const limen_input *t = limen_workload_inputs(&n), *row = x ? limen_input_find(t, n, x) : NULL;
  if (row) {
    limen_input ends = *row;
    ends.flags &= ~(unsigned)LIMEN_INPUT_INTEGER; /* the ends of an axis of whole bits need not be whole */
    ends.name = "xmin";
    int st = limen_input_check_given(&ends, a, err);
    ends.name = "xmax";
    if (st || (st = limen_input_check_given(&ends, b, err))) return st;
  }
  if (c->kind == LIMEN_FIGURE_TRADEOFF_BITS && floor(b) < ceil(a) + 1)
    return limen_error_input(err, LIMEN_EINVAL, "xmin", NULL, NULL,
                             "xmin/--xmax: %g to %g bits: give at least two whole bits", ceil(a), floor(b));
  return LIMEN_OK;
}

const limen_plot *limen_figure_plot(const limen_figure *f) { return &f->plot; }

void limen_figure_free(limen_figure *f) {
  if (!f) return;
  free(f->x);
  for (size_t i = 0; i < sizeof f->y / sizeof f->y[0]; i++) free(f->y[i]);
  free(f);
}

static limen_plot_series *add_series(limen_figure *f, const char *label, double *y, size_t n, int color,
                                     limen_plot_style style) {
  limen_plot_series *S = &f->series[f->ns++];
  memset(S, 0, sizeof *S);
  S->label = label;
  S->x = f->x;
  S->y = y;
  S->n = n;
  S->color = color;
  S->style = style;
  return S;
}

/* The workload at x on the axis: C follows c_f·N·D unless it was given. */
static int point_workload(const limen_figure_config *c, const char *field, double x, limen_workload *w,
                          limen_error *err) {
  *w = c->workload;
  int s = limen_workload_set(w, field, x, err);
  if (s) return s;
  if (!c->flops_given &&
      (strcmp(field, "params") == 0 || strcmp(field, "tokens") == 0 || strcmp(field, "flops-per-param-token") == 0))
    w->flops = 0;
  return LIMEN_OK;
}

/* One point of every curve: energies, and the floors of each paradigm's own work. */
static int curve_point(const limen_figure_config *c, const char *field, const char *const *specs, size_t ns,
                       limen_figure *f, size_t i, limen_projection *proj, double *floor_y, int *own, limen_error *err) {
  limen_workload w;
  int s = point_workload(c, field, f->x[i], &w, err);
  for (size_t p = 0; p < ns && !s; p++) {
    limen_paradigm *pd = NULL;
    s = limen_paradigm_alloc(specs[p], c->profiles, &pd, err);
    if (!s) s = limen_paradigm_project_numbers(pd, &w, NULL, &proj[p], err);
    limen_paradigm_free(pd);
    if (s) limen_error_wrap(err, s, "paradigm", "'%s'", specs[p]);
  }
  if (s) return limen_error_wrap(err, s, "figure point", "%s = %.10g", field, f->x[i]);
  for (size_t p = 0; p < ns; p++) {
    f->y[p][i] = proj[p].energy_J;
    floor_y[p * f->npts + i] = proj[p].floor_J;
    if (isnan(proj[p].ratio_to_headline)) own[p] = 1;
  }
  return LIMEN_OK;
}

/* Energy against a workload input for every spec; a paradigm whose counted work is not the
 * headline's (no ratio to it at some point) gets the floor of its own work as a dashed curve
 * in its colour, so that no curve is read against a floor it does not share. */
static int curves(const limen_figure_config *c, const char *field, const char *const *specs, size_t ns, limen_figure *f,
                  limen_error *err) {
  size_t npts = f->npts;
  limen_projection *proj = calloc(ns, sizeof *proj);
  double *floor_y = calloc(ns * npts, sizeof *floor_y);
  int *own = calloc(ns, sizeof *own);
  int s = proj && floor_y && own ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "limen_figure_alloc", "out of memory");
  for (size_t p = 0; p < ns && !s; p++)
    if (!(f->y[p] = malloc(npts * sizeof(double))))
      s = limen_error_set(err, LIMEN_ENOMEM, "limen_figure_alloc", "out of memory");
  for (size_t i = 0; i < npts && !s; i++) s = curve_point(c, field, specs, ns, f, i, proj, floor_y, own, err);
  free(proj);
  for (size_t p = 0; p < ns && !s; p++)
    add_series(f, specs[p], f->y[p], npts, (int)(p % 12) + 1,
               strcmp(specs[p], "landauer-adiabatic") == 0 ? LIMEN_PLOT_DASHED : LIMEN_PLOT_LINE);
  for (size_t p = 0, k = ns; p < ns && !s && k < MAX_SERIES; p++) {
    if (!own[p]) continue;
    if (!(f->y[k] = malloc(npts * sizeof(double)))) {
      s = limen_error_set(err, LIMEN_ENOMEM, "limen_figure_alloc", "out of memory");
      break;
    }
    memcpy(f->y[k], floor_y + p * npts, npts * sizeof(double));
    snprintf(f->flabels[p], sizeof f->flabels[p], "%s floor", specs[p]);
    add_series(f, f->flabels[p], f->y[k++], npts, (int)(p % 12) + 1, LIMEN_PLOT_DASHED);
  }
  free(floor_y);
  free(own);
  return s;
}

/* A static write at τ (a point of the x axis) shorter than any tilt the cell model takes
 * (LIMEN_ERANGE): --xmin named with the shortest write limen_static_write_shortest serves. */
static int per_op_too_short(const limen_figure_config *c, double E, double tau_s, limen_error *err) {
  const limen_workload *w = &c->workload;
  double shortest = 0.0;
  int s = limen_static_write_shortest(E, w->write_fail, NULL, &shortest, err);
  if (s) return s;
  char value[32], range[64];
  snprintf(value, sizeof value, "%.10g", c->xmin);
  snprintf(range, sizeof range, "[%.4g, %g] s", shortest * w->tau0_s, c->xmax);
  return limen_error_input(err, LIMEN_EINVAL, "xmin", value, range,
                           "xmin = %s s: allowed range %s for 'figure per-op' (a static write of %.4g s at "
                           "tau0 = %g s would need more than the largest tilt, 1e8 kT/a)",
                           value, range, tau_s, w->tau0_s);
}

/* per-op: (L) Landauer, (FT) finite-time Landauer and (S) static-barrier write per bit at the
 * retention barrier of the workload, against the operation time τ. */
static int per_op(const limen_figure_config *c, limen_figure *f, limen_error *err) {
  const limen_workload *w = &c->workload;
  double E = 0, eL = 0;
  int s = limen_retention_barrier(w->retention_time_s / w->tau0_s, w->retention_fail, NULL, &E, err);
  if (!s) s = limen_landauer_generalized_kT(w->success, &eL, err);
  if (s) return s;
  for (int k = 0; k < 3; k++)
    if (!(f->y[k] = malloc(f->npts * sizeof(double))))
      return limen_error_set(err, LIMEN_ENOMEM, "limen_figure_alloc", "out of memory");
  for (size_t i = 0; i < f->npts; i++) {
    double tt = f->x[i] / w->tau0_s, e = 0;
    f->y[0][i] = eL;
    s = limen_finite_time_kT(E, w->success, tt, NULL, &e, NULL, err);
    if (s) return limen_error_wrap(err, s, "figure point", "tau = %.10g s", f->x[i]);
    f->y[1][i] = e;
    limen_static_write sw;
    s = limen_static_write_cost(E, tt, w->write_fail, NULL, &sw, err);
    if (s == LIMEN_ERANGE) return per_op_too_short(c, E, f->x[i], err);
    if (s) return limen_error_wrap(err, s, "figure point", "tau = %.10g s", f->x[i]);
    f->y[2][i] = sw.work_kT;
  }
  static const char *const labels[3] = {"(L) Landauer e#dL#u(P#ds#u)", "(FT) e#dL#u + B/#gt", "(S) static write"};
  for (int k = 0; k < 3; k++)
    add_series(f, labels[k], f->y[k], f->npts, 0, k == 0 ? LIMEN_PLOT_DASHED : LIMEN_PLOT_LINE);
  snprintf(f->note, sizeof f->note,
           "quartic cell at E#dret#u = %.3g kT (#gt#dret#u = %.3g s, p#dret#u = %.3g), #gt#d0#u = %.3g s, "
           "P#ds#u = %.3g, p#dw#u = %.3g, T = %.4g K",
           E, w->retention_time_s, w->retention_fail, w->tau0_s, w->success, w->write_fail, w->temperature_K);
  f->plot.title = "Cost of one elementary operation per bit";
  f->plot.xlabel = "operation time #gt [s]";
  f->plot.ylabel = "energy per bit [kT]";
  return LIMEN_OK;
}

/* projection: the catalog's models with a published training energy as labelled points, the
 * others as vertical markers (names within 0.05 decades share one); the layout of
 * limen_plot_write keeps the labels apart. */
static void catalog_marks(const limen_catalog *cat, limen_figure *f) {
  size_t np = 0;
  for (size_t i = 0; cat && i < cat->count && f->nm < MAX_MARKS; i++) {
    const limen_model *m = &cat->models[i];
    double e = limen_model_published_energy_J(m);
    if (!isnan(e) && np < MAX_MARKS) {
      f->px[np] = m->params;
      f->py[np] = e;
      f->plabels[np++] = m->name;
      continue;
    }
    size_t k = 0;
    while (k < f->nm && fabs(log10(f->markers[k].x / m->params)) > 0.05) k++;
    if (k == f->nm) {
      snprintf(f->mlabels[k], sizeof f->mlabels[k], "%s", m->name);
      f->markers[f->nm++] = (limen_plot_marker){m->params, f->mlabels[k]};
    } else {
      size_t len = strlen(f->mlabels[k]);
      snprintf(f->mlabels[k] + len, sizeof f->mlabels[k] - len, ", %s", m->name);
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

/* A measured learning path, stated under the figure. */
static void path_note(const limen_workload *w, limen_figure *f) {
  if (!w->path) return;
  size_t at = strlen(f->note);
  snprintf(f->note + at, sizeof f->note - at, "\nlearning path: measured (%llu parameters × %zu steps), scaled to N and K",
           (unsigned long long)w->path->totals.params, w->path->n_steps);
}

/* Titles, note and markers of the projection and tradeoff figures. */
static int label_paradigm_plot(const limen_figure_config *c, limen_figure *f, limen_error *err) {
  const limen_workload *w = &c->workload;
  int by_bits = c->kind == LIMEN_FIGURE_TRADEOFF_BITS;
  f->plot.ylabel = "training energy [J]";
  if (c->kind == LIMEN_FIGURE_PROJECTION) {
    f->plot.title = "Training energy against model size";
    f->plot.xlabel = "trainable parameters N";
    snprintf(f->note, sizeof f->note,
             "D = %.4g tokens, C = %s, n = %g bits, T#dtrain#u = %.4g s, T = %.4g K, OPS %s; points: published "
             "training energies",
             w->tokens, c->flops_given ? "fixed" : "c#df#u·N·D", w->bits, w->train_time_s, w->temperature_K,
             limen_ops_convention_name(w->ops));
    path_note(w, f);
    catalog_marks(c->catalog, f);
    return LIMEN_OK;
  }
  limen_workload_derived d;
  int st = limen_workload_derive(w, &d, err);
  if (st) return st;
  f->plot.title =
      by_bits ? "Energy-precision trade-off of learning in memory" : "Energy-speed trade-off of learning in memory";
  f->plot.xlabel = by_bits ? "bits of precision n" : "training time T#dtrain#u [s]";
  snprintf(f->note, sizeof f->note, "%s: N = %.4g, C = %.4g FLOP, n = %g bits, T = %.4g K, OPS %s, #gt#d0#u = %.3g s",
           w->name, w->params, d.flops, w->bits, w->temperature_K, limen_ops_convention_name(w->ops), w->tau0_s);
  path_note(w, f);
  f->markers[f->nm++] = by_bits ? (limen_plot_marker){w->bits, "workload n"}
                                : (limen_plot_marker){w->train_time_s, "workload T#dtrain#u"};
  return LIMEN_OK;
}

/* The x grid: logarithmic, or whole bits from ⌈xmin⌉ to ⌊xmax⌋. */
static int x_grid(const limen_figure_config *c, limen_figure *f, limen_error *err) {
  double a = c->xmin, b = c->xmax;
  if (!(b > a))
    return limen_error_set(err, LIMEN_EINVAL, "limen_figure_alloc", "xmax = %.10g: must be greater than xmin = %.10g",
                           b, a);
  size_t n = c->points;
  int by_bits = c->kind == LIMEN_FIGURE_TRADEOFF_BITS;
  if (by_bits) {
    a = ceil(a);
    b = floor(b);
    if (!(b >= a + 1))
      return limen_error_set(err, LIMEN_EINVAL, "limen_figure_alloc",
                             "xmin, xmax: %g to %g bits: give at least two whole bits", a, b);
    n = (size_t)(b - a) + 1;
  } else if (n < 2 || !(a > 0)) {
    return limen_error_set(err, LIMEN_EINVAL, "limen_figure_alloc",
                           "points = %zu, xmin = %.10g: allowed points >= 2, xmin > 0", n, a);
  }
  if (!(f->x = malloc(n * sizeof *f->x)))
    return limen_error_set(err, LIMEN_ENOMEM, "limen_figure_alloc", "out of memory");
  for (size_t i = 0; i < n; i++) f->x[i] = by_bits ? a + (double)i : limen_grid_point(a, b, i, n, 1);
  f->npts = n;
  return LIMEN_OK;
}

static int assemble(const limen_figure_config *c, limen_figure *f, limen_error *err) {
  int s = x_grid(c, f, err);
  if (s) return s;
  f->plot.xlog = c->kind != LIMEN_FIGURE_TRADEOFF_BITS;
  f->plot.ylog = 1;
  if (c->kind == LIMEN_FIGURE_PER_OP) return per_op(c, f, err);
  static const char *const lim_specs[] = {"landauer-adiabatic", "lim-finite-time", "lim-matched", NULL};
  const char *const *specs = c->specs;
  size_t ns = c->n_specs;
  if (!specs) {
    specs = c->kind == LIMEN_FIGURE_PROJECTION ? limen_paradigm_default_specs() : lim_specs;
    for (ns = 0; specs[ns]; ns++) {
    }
  }
  if (ns < 1 || ns > LIMEN_FIGURE_MAX_PARADIGMS)
    return limen_error_set(err, LIMEN_EINVAL, "limen_figure_alloc", "n_specs = %zu: allowed range [1, %d]", ns,
                           LIMEN_FIGURE_MAX_PARADIGMS);
  s = curves(c, limen_figure_x_input(c->kind), specs, ns, f, err);
  return s ? s : label_paradigm_plot(c, f, err);
}

int limen_figure_alloc(const limen_figure_config *c, limen_figure **out, limen_error *err) {
  *out = NULL;
  if (c->kind < LIMEN_FIGURE_PROJECTION || c->kind > LIMEN_FIGURE_PER_OP)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "kind = %d: allowed 0 (projection), 1 (tradeoff by time), "
                           "2 (tradeoff by bits), 3 (per-op)",
                           (int)c->kind);
  limen_figure *f = calloc(1, sizeof *f);
  if (!f) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  int s = assemble(c, f, err);
  if (s) {
    limen_figure_free(f);
    return s;
  }
  f->plot.series = f->series;
  f->plot.n_series = f->ns;
  f->plot.markers = f->markers;
  f->plot.n_markers = f->nm;
  f->plot.note = f->note;
  f->plot.width_px = c->width_px;
  f->plot.height_px = c->height_px;
  *out = f;
  return LIMEN_OK;
}
