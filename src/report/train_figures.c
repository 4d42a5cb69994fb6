/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_figures.c: the figures of `limen train`'s experiments (report.h, training experiments)
 * assembled from their results — series, labels, axes, markers and notes — into limen_plot
 * structs that own copies of their data, so that the tool only chooses where to write them. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/report.h"

enum { MAX_FIGS = 4 };

struct limen_train_figures {
  limen_plot plots[MAX_FIGS];
  limen_plot_series *series[MAX_FIGS]; /* plots[i].series, writable */
  char names[MAX_FIGS][32];
  size_t n;
  void **blocks; /* everything the plots point into */
  size_t n_blocks, cap_blocks;
};

/* ---- the set and its storage ---------------------------------------------------------------------- */

static void *keep(limen_train_figures *f, size_t size) {
  if (f->n_blocks == f->cap_blocks) {
    size_t cap = f->cap_blocks ? 2 * f->cap_blocks : 16;
    void **b = realloc(f->blocks, cap * sizeof *b);
    if (!b) return NULL;
    f->blocks = b;
    f->cap_blocks = cap;
  }
  void *p = calloc(1, size ? size : 1);
  if (p) f->blocks[f->n_blocks++] = p;
  return p;
}

/* A copy of text made by printf into the set (NULL when out of memory). */
static char *text(limen_train_figures *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *text(limen_train_figures *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = n < 0 ? NULL : keep(f, (size_t)n + 1);
  if (!s) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return s;
}

static double *copy(limen_train_figures *f, const double *v, size_t n) {
  double *d = keep(f, n * sizeof *d);
  if (d && n) memcpy(d, v, n * sizeof *d);
  return d;
}

static int nomem(limen_error *err) {
  return limen_error_set(err, LIMEN_ENOMEM, "limen_train_figures", "out of memory: figure data");
}

static int begin(limen_train_figures **out, limen_error *err) {
  *out = calloc(1, sizeof **out);
  return *out ? LIMEN_OK : nomem(err);
}

/* The next plot of the set, named `name`, with room for n series (NULL when out of memory). */
static limen_plot *add_plot(limen_train_figures *f, const char *name, size_t n) {
  limen_plot_series *s = keep(f, n * sizeof *s);
  if (!s || f->n == MAX_FIGS) return NULL;
  snprintf(f->names[f->n], sizeof f->names[f->n], "%s", name);
  f->series[f->n] = s;
  limen_plot *p = &f->plots[f->n++];
  memset(p, 0, sizeof *p);
  p->series = s;
  return p;
}

/* End of a builder: the set, or freed on failure. */
static int finish(limen_train_figures *f, int st, limen_train_figures **out) {
  if (st) {
    limen_train_figures_free(f);
    *out = NULL;
  }
  return st;
}

size_t limen_train_figures_count(const limen_train_figures *f) { return f ? f->n : 0; }

const limen_plot *limen_train_figures_plot(const limen_train_figures *f, size_t i) {
  return f && i < f->n ? &f->plots[i] : NULL;
}

const char *limen_train_figures_name(const limen_train_figures *f, size_t i) {
  return f && i < f->n ? f->names[i] : NULL;
}

void limen_train_figures_free(limen_train_figures *f) {
  if (!f) return;
  for (size_t i = 0; i < f->n_blocks; i++) free(f->blocks[i]);
  free(f->blocks);
  free(f);
}

/* Append a series to the set's last plot (its series array has room). */
static void put(limen_train_figures *f, const char *label, const double *x, const double *y, size_t n,
                limen_plot_style style, int color) {
  limen_plot *p = &f->plots[f->n - 1];
  f->series[f->n - 1][p->n_series++] =
      (limen_plot_series){.label = label, .x = x, .y = y, .n = n, .style = style, .color = color};
}

/* ---- paradigms: accuracy against heat and time ----------------------------------------------------- */

static int paradigm_figures(limen_train_figures *f, const limen_experiment_sweep_result *res) {
  int quad = res->setup.model_kind == LIMEN_NET_QUADRATIC;
  for (int pass = 0; pass < 2; pass++) {
    limen_plot *p = add_plot(f, pass ? "accuracy_vs_time.png" : "accuracy_vs_heat.png", res->n_runs);
    if (!p) return LIMEN_ENOMEM;
    for (size_t i = 0; i < res->n_runs; i++) {
      const limen_train_result *r = &res->runs[i].result;
      size_t m = r->n_points;
      double *x = keep(f, m * sizeof *x), *y = keep(f, m * sizeof *y);
      if (!x || !y) return LIMEN_ENOMEM;
      for (size_t k = 0; k < m; k++) {
        x[k] = pass ? r->points[k].time_s : r->points[k].heat_J;
        y[k] = r->points[k].test_accuracy;
      }
      put(f, res->runs[i].paradigm, x, y, m, LIMEN_PLOT_LINE, 0);
    }
    p->title = pass ? (quad ? "Quadratic program: progress versus physical time" : "Test accuracy versus physical time")
                    : (quad ? "Quadratic program: progress versus cumulative heat" : "Test accuracy versus cumulative heat");
    p->xlabel = pass ? "physical time [s]" : "cumulative heat [J]";
    p->ylabel = quad ? "fraction of the gap closed, 1 - (f - f*)/(f0 - f*)" : "test accuracy";
    p->xlog = 1;
    p->note = pass ? "window 1 us per step unless --window" : "ideal memory (zero heat) not shown on the log axis";
  }
  return LIMEN_OK;
}

/* ---- window and barrier: heat and accuracy against the swept value ---------------------------------- */

/* The columns per run: swept value, final test accuracy, heat to target, total heat, drag bound,
 * and the standard error of the total heat (the jump statistics of the run: its error bar). */
enum { COL_X, COL_ACC, COL_TARGET, COL_TOTAL, COL_BOUND, COL_TOTAL_SE, N_COLS };

static int heat_figure(limen_train_figures *f, const limen_experiment_sweep_result *res, double *const *col) {
  int barrier = res->kind == LIMEN_EXPERIMENT_BARRIER;
  size_t per = res->n_values, ng = res->n_paradigms < 2 ? res->n_paradigms : 2;
  limen_plot *p = add_plot(f, barrier ? "heat_vs_barrier.png" : "heat_vs_window.png", 8);
  if (!p) return LIMEN_ENOMEM;
  static const char *const what[3] = {"heat to target", "total heat", "drag bound"};
  static const limen_plot_style style[3] = {LIMEN_PLOT_LINE_POINTS, LIMEN_PLOT_DASHED, LIMEN_PLOT_POINTS};
  for (size_t g = 0; g < ng; g++)
    for (int k = 0; k < 3; k++) {
      char *lab = text(f, "%s: %s", res->runs[g * per].paradigm, what[k]);
      if (!lab) return LIMEN_ENOMEM;
      put(f, lab, col[COL_X] + g * per, col[COL_TARGET + k] + g * per, per, style[k], (int)(1 + k + 3 * g));
      if (COL_TARGET + k == COL_TOTAL) f->series[f->n - 1][p->n_series - 1].yerr = col[COL_TOTAL_SE] + g * per;
    }
  for (size_t g = 0; g < res->n_curves && g < 2; g++) {
    const limen_experiment_curve *c = &res->curves[g];
    char *lab = text(f, "%s: (H), path of %g s", c->paradigm, c->ref_value);
    double *x = copy(f, c->window_s, c->n), *y = copy(f, c->heat_J, c->n);
    if (!lab || !x || !y) return LIMEN_ENOMEM;
    put(f, lab, x, y, c->n, LIMEN_PLOT_LINE, (int)(7 + g));
  }
  p->title = barrier ? "Heat versus barrier height" : "Energy-speed trade-off: heat versus update window";
  p->xlabel = barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]";
  p->ylabel = "heat [J]";
  p->xlog = !barrier;
  p->ylog = 1;
  p->note = barrier ? "measured heat (jump statistics, error bars: one standard error) and the drag bound of the "
                      "same trajectory"
                    : "points: measured (jump statistics, error bars: one standard error); lines: closed form (H) "
                      "replayed along the recorded trajectory of the 1 us run";
  return LIMEN_OK;
}

static int value_figures(limen_train_figures *f, const limen_experiment_sweep_result *res) {
  int barrier = res->kind == LIMEN_EXPERIMENT_BARRIER;
  size_t n = res->n_runs, per = res->n_values, ng = res->n_paradigms < 2 ? res->n_paradigms : 2;
  double *col[N_COLS];
  for (int c = 0; c < N_COLS; c++)
    if (!(col[c] = keep(f, n * sizeof *col[c]))) return LIMEN_ENOMEM;
  for (size_t i = 0; i < n; i++) {
    const limen_train_result *r = &res->runs[i].result;
    col[COL_X][i] = res->runs[i].value;
    col[COL_ACC][i] = r->final_test_accuracy;
    col[COL_TARGET][i] = r->energy_to_target_J;
    col[COL_TOTAL][i] = r->total_heat_J;
    col[COL_BOUND][i] = r->bound_J;
    col[COL_TOTAL_SE][i] = r->heat_stderr_J;
  }
  int st = heat_figure(f, res, col);
  limen_plot *p = st ? NULL : add_plot(f, barrier ? "accuracy_vs_barrier.png" : "accuracy_vs_window.png", 2);
  if (!p) return LIMEN_ENOMEM;
  for (size_t g = 0; g < ng; g++)
    put(f, res->runs[g * per].paradigm, col[COL_X] + g * per, col[COL_ACC] + g * per, per, LIMEN_PLOT_LINE_POINTS,
        (int)(1 + g));
  p->title = barrier ? "Precision: test accuracy versus barrier height" : "Test accuracy versus update window";
  p->xlabel = barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]";
  p->ylabel = "final test accuracy";
  p->xlog = !barrier;
  return LIMEN_OK;
}

int limen_experiment_sweep_figures(const limen_experiment_sweep_result *r, limen_train_figures **out,
                                   limen_error *err) {
  limen_train_figures *f;
  int st = begin(&f, err);
  if (st) return st;
  st = r->kind == LIMEN_EXPERIMENT_PARADIGMS ? paradigm_figures(f, r) : value_figures(f, r);
  *out = f;
  return finish(f, st ? nomem(err) : LIMEN_OK, out);
}

/* ---- scaling: energy against N ------------------------------------------------------------------- */

int limen_experiment_scaling_figures(const limen_experiment_scaling_result *res, limen_train_figures **out,
                                     limen_error *err) {
  enum { ROWS = LIMEN_EXPERIMENT_SCALING_ROWS };
  limen_train_figures *f;
  int st = begin(&f, err);
  if (st) return st;
  *out = f;
  const limen_experiment_setup *s = &res->setup;
  size_t n = res->n_grid;
  limen_plot *p = add_plot(f, "energy_vs_params.png", 2 * ROWS);
  limen_plot_marker *mk = keep(f, 2 * sizeof *mk);
  double *x = copy(f, res->grid_params, n), *proj = copy(f, res->grid_projected_J, ROWS * n);
  double *meas = copy(f, res->grid_measured_J, ROWS * n);
  if (!p || !mk || !x || !proj || !meas) return finish(f, nomem(err), out);
  char *lab[2 * ROWS];
  for (size_t k = 0; k < ROWS; k++) {
    lab[k] = text(f, "project: %s", res->grid_spec[k]);
    lab[ROWS + k] = text(f, "measured: %s", res->rows[k].paradigm);
  }
  for (size_t k = 0; k < ROWS; k++) put(f, lab[k], x, proj + k * n, n, LIMEN_PLOT_LINE, (int)(1 + k));
  double *se = keep(f, ROWS * n * sizeof *se); /* the measured heat's standard error, scaled alike */
  if (!se) return finish(f, nomem(err), out);
  for (size_t k = 0; k < ROWS; k++) {
    const limen_train_result *r = &res->rows[k].result;
    double rel = r->total_heat_J > 0 ? r->heat_stderr_J / r->total_heat_J : NAN;
    for (size_t i = 0; i < n; i++) se[k * n + i] = rel * meas[k * n + i];
    put(f, lab[ROWS + k], x, meas + k * n, n, LIMEN_PLOT_DASHED, (int)(5 + k));
    f->series[f->n - 1][p->n_series - 1].yerr = se + k * n;
  }
  mk[0] = (limen_plot_marker){res->params, "this run"};
  mk[1] = (limen_plot_marker){res->brain_params, "brain scale"};
  *p = (limen_plot){"Measured heat extrapolated vs limen project", "parameters N", "energy [J]", 1, 1, p->series,
                    2 * ROWS, mk, 2, 0, 0, NULL};
  p->note = text(f, "K = %g steps, n = %d bits, window %g s, learning path of the %s run; measured = heat per "
                 "cell-step x N x K", res->steps, s->memory.bits, s->train.window_s, s->task);
  for (size_t k = 0; k < 2 * ROWS; k++)
    if (!lab[k]) return finish(f, nomem(err), out);
  return finish(f, p->note ? LIMEN_OK : nomem(err), out);
}

/* ---- Max-Cut: best cut against heat and time ------------------------------------------------------- */

static int cut_figure(limen_train_figures *f, const limen_experiment_maxcut_config *c,
                      const limen_experiment_maxcut_result *res, int pass, const char *graphs, const char *known) {
  size_t n = res->n_runs;
  const limen_anneal_config *a = &c->anneal;
  limen_plot *p = add_plot(f, pass ? "cut_vs_time.png" : "cut_vs_heat.png", 2 * n);
  if (!p) return LIMEN_ENOMEM;
  for (size_t k = 0; k < n; k++) {
    const limen_experiment_maxcut_run *m = &res->runs[k];
    const limen_anneal_result *r = &m->result;
    size_t np = r->n_points;
    double *y = copy(f, m->best_fraction, np);
    for (int s = 0; s < 2 - pass; s++) { /* s = 0: modulated barrier, 1: static writes */
      double *x = keep(f, np * sizeof *x);
      const char *what = s ? "same flips, static writes" : pass ? "modulated barrier, log schedule" : "modulated barrier";
      char *lab = n == 1 ? text(f, "%s", what)
                         : text(f, "%s: %s", m->graph, s ? "same flips, static writes" : "modulated barrier");
      if (!x || !y || !lab) return LIMEN_ENOMEM;
      for (size_t i = 0; i < np; i++)
        x[i] = pass ? r->points[i].time_s : s ? r->points[i].heat_static_J : r->points[i].heat_modulated_J;
      put(f, lab, x, y, np, s ? LIMEN_PLOT_DASHED : LIMEN_PLOT_LINE, (int)(1 + s + 2 * k));
    }
  }
  p->title = text(f, pass ? "Max-Cut %s: best cut versus physical time" : "Max-Cut %s: best cut versus heat", graphs);
  p->note = text(f, "E_b = %g + ln(1 + t/t0) kT, J/kT %g to %g, %zu sweeps, tau0 = %g s; best-known cut%s %s",
                 a->barrier0_kT, a->beta0, a->beta_end, a->sweeps, a->tau0_s, n > 1 ? "s" : "", known);
  p->xlabel = pass ? "physical time [s]" : "cumulative heat of the spin flips [J]";
  p->ylabel = "best cut / best-known cut";
  p->xlog = 1;
  return p->title && p->note ? LIMEN_OK : LIMEN_ENOMEM;
}

int limen_experiment_maxcut_figures(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_result *r,
                                    limen_train_figures **out, limen_error *err) {
  limen_train_figures *f;
  int st = begin(&f, err);
  if (st) return st;
  *out = f;
  char graphs[128] = "", known[160] = "";
  for (size_t k = 0; k < r->n_runs; k++) {
    size_t a = strlen(graphs), b = strlen(known);
    snprintf(graphs + a, sizeof graphs - a, "%s%.*s", k ? ", " : "", (int)sizeof r->runs[k].graph, r->runs[k].graph);
    snprintf(known + b, sizeof known - b, "%s%g", k ? ", " : "", r->runs[k].best_known);
  }
  for (int pass = 0; pass < 2 && !st; pass++) st = cut_figure(f, c, r, pass, graphs, known);
  return finish(f, st ? nomem(err) : LIMEN_OK, out);
}
