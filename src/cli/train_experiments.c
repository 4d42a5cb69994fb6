/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_experiments.c: `limen train --experiment paradigms|window|barrier` (docs/results.md):
 * every paradigm on one task, or lim-fixed and lim-matched over update windows or barrier
 * heights; a table, and with --out its CSV, the JSON, one trace per run and the figures.
 * --experiment scaling and maxcut are dispatched from here to train_scaling.c and train_maxcut.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/train_cli.h"
#include "limen/units.h"

/* ---- experiments (docs/results.md) ------------------------------------------------------------ */

typedef struct exp_run {
  char label[48];   /* paradigm or paradigm + value   */
  const char *paradigm;
  double value;     /* swept value (NAN: none)        */
  limen_train_result r;
} exp_run;

/* The swept values: each must lie in the range of the option it replaces (`like`). */
static int parse_values(cli_opt *o, const double *def, size_t n_def, const cli_opt *like, double *v, size_t *n,
                        limen_error *err) {
  if (!o[O_VALUES].set) {
    memcpy(v, def, n_def * sizeof *v);
    *n = n_def;
    return LIMEN_OK;
  }
  if (o[O_VALUES].n_items > EXP_MAX_VALUES)
    return limen_error_set(err, LIMEN_EINVAL, "--values", "%zu values: allowed at most %d", o[O_VALUES].n_items, EXP_MAX_VALUES);
  cli_opt shadow = *like;
  shadow.name = "values";
  for (size_t i = 0; i < o[O_VALUES].n_items; i++) {
    int st = cli_opt_parse_number(&shadow, o[O_VALUES].items[i], &v[i], err);
    if (st) return st;
  }
  *n = o[O_VALUES].n_items;
  return LIMEN_OK;
}

static void json_run(cJSON *arr, const exp_run *e, const char *value_key) {
  cJSON *j = cJSON_CreateObject();
  if (!j) return;
  cJSON_AddStringToObject(j, "paradigm", e->paradigm);
  if (value_key) cli_json_num(j, value_key, e->value);
  cli_json_num(j, "final_test_accuracy", e->r.final_test_accuracy);
  cli_json_num(j, "final_loss", e->r.final_loss);
  cli_json_num(j, "steps_to_target", e->r.steps_to_target ? (double)e->r.steps_to_target : NAN); /* null: never */
  cli_json_num(j, "energy_to_target_J", e->r.energy_to_target_J);
  cli_json_num(j, "total_heat_J", e->r.total_heat_J);
  cli_json_num(j, "closed_form_heat_J", e->r.expected_heat_J);
  cli_json_num(j, "heat_stderr_J", e->r.heat_stderr_J);
  cli_json_num(j, "bound_J", e->r.bound_J);
  cli_json_num(j, "heat_per_cell_step_J", e->r.heat_per_cell_step_J);
  cli_json_num(j, "final_rate_dt", e->r.final_rate_dt);
  cli_json_num(j, "final_barrier_kT", e->r.final_barrier_kT);
  cJSON_AddItemToArray(arr, j);
}

/* Table / JSON / CSV of the runs; figures are drawn by the callers. */
static int report_runs(const char *name, const char *task, const exp_run *runs, size_t n, const char *value_key,
                       const char *value_head, cli_format fmt, const char *dir, cli_buf *out, limen_error *err) {
  static const char *const head[] = {"paradigm", "value", "test acc", "heat to target [J]", "total heat [J]",
                                     "closed form [J]", "bound [J]", "r·Δt last"};
  int st;
  /* JSON document (printed with --format json, saved as summary.json with --out) */
  cJSON *root = cJSON_CreateObject(), *arr = cJSON_CreateArray();
  if (!root || !arr) {
    cJSON_Delete(root);
    cJSON_Delete(arr);
    return limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  }
  cJSON_AddStringToObject(root, "experiment", name);
  cJSON_AddStringToObject(root, "task", task);
  cJSON_AddItemToObject(root, "runs", arr);
  for (size_t i = 0; i < n; i++) json_run(arr, &runs[i], value_key);
  cli_buf js;
  cli_buf_init(&js);
  st = cli_json_print(root, &js, err);
  cJSON_Delete(root);
  /* t: the text table (4 significant digits, "not reached"); tc: the same as CSV (10 digits,
   * an empty field where the target was never reached) */
  cli_table t, tc;
  memset(&t, 0, sizeof t);
  memset(&tc, 0, sizeof tc);
  if (!st) st = cli_table_init(&t, 8, head, err);
  if (!st) st = cli_table_init(&tc, 8, head, err);
  for (int pass = 0; pass < 2 && !st; pass++) {
    cli_table *tt = pass ? &tc : &t;
    char b[8][64];
    for (size_t i = 0; i < n; i++) {
      const limen_train_result *r = &runs[i].r;
      double v[8] = {NAN, runs[i].value, r->final_test_accuracy, r->energy_to_target_J, r->total_heat_J,
                     r->expected_heat_J, r->bound_J, r->final_rate_dt};
      cli_table_row(tt);
      cli_table_set(tt, 0, "%s", runs[i].paradigm);
      cli_table_set(tt, 1, "%s", value_key ? cli_num(b[0], 64, runs[i].value) : "");
      for (size_t c = 2; c < 8; c++) {
        if (!isfinite(v[c])) cli_table_set(tt, c, "%s", pass ? "" : "not reached");
        else if (pass) cli_table_set(tt, c, "%s", cli_num(b[c], 64, v[c]));
        else if (c == 2) cli_table_set(tt, c, "%.4f", v[c]);
        else cli_table_set(tt, c, "%s", cli_human(b[c], 64, v[c], 4));
      }
    }
    for (int c = 1; c < 8; c++) cli_table_set_right(tt, (size_t)c, 1);
    st = cli_table_check(tt, err);
  }
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) {
      cli_buf_puts(out, js.data);
    } else {
      cli_buf_printf(out, "limen train --experiment %s (task %s)%s%s\n\n", name, task, value_key ? ": value = " : "",
                     value_key ? value_head : "");
      cli_table_text(&t, out, 2);
    }
    st = cli_buf_check(out, err);
  }
  if (!st && dir) {
    st = cli_train_write_outputs(dir, &tc, js.data, err);
    for (size_t i = 0; !st && i < n; i++) {
      char nm[96];
      snprintf(nm, sizeof nm, "trace_%s.csv", runs[i].label);
      st = cli_train_write_trace(dir, nm, &runs[i].r, err);
    }
  }
  cli_table_free(&t);
  cli_table_free(&tc);
  cli_buf_free(&js);
  return st;
}

/* Experiment 1: every paradigm on the task; figures: test accuracy vs cumulative heat and vs
 * physical time. */
static int exp_paradigms(cli_opt *o, exp_run *runs, size_t *n_runs, limen_task *task, limen_error *err) {
  const limen_memory_type *type;
  limen_train_config c;
  limen_memory_config mc;
  int st = cli_train_configure(o, task, &type, &c, &mc, err);
  if (st) return st;
  const limen_memory_type *const *types = limen_memory_types();
  for (size_t i = 0; types[i] && !st; i++) {
    exp_run *e = &runs[(*n_runs)++];
    e->paradigm = types[i]->name;
    e->value = NAN;
    snprintf(e->label, sizeof e->label, "%s", e->paradigm);
    st = limen_train_run(&task->model, task->train, task->test, types[i], &mc, &c, &e->r, err);
    if (st) (*n_runs)--;
  }
  return st;
}

/* Experiments 2 and 3: lim-fixed and lim-matched (or --paradigm) over windows or barriers. */
static int exp_sweep(cli_opt *o, int barrier, exp_run *runs, size_t *n_runs, limen_task *task, limen_error *err) {
  static const double def_window[] = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4};
  static const double def_barrier[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  const char *p = o[O_PARADIGM].set ? o[O_PARADIGM].str : NULL;
  if (barrier && p && strcmp(p, "lim-fixed") != 0 && strcmp(p, "lim-matched") != 0)
    return cli_train_conflict(err, "--experiment barrier sweeps the barrier of lim-fixed and lim-matched; "
                              "--paradigm %s has none", p);
  int st = cli_train_paradigm_options(o, p ? p : "lim-fixed", p ? p : "lim-fixed and lim-matched", err);
  if (st) return st;
  double v[EXP_MAX_RUNS];
  size_t nv = 0;
  st = barrier ? parse_values(o, def_barrier, sizeof def_barrier / sizeof *def_barrier, &o[O_BARRIER], v, &nv, err)
                   : parse_values(o, def_window, sizeof def_window / sizeof *def_window, &o[O_WINDOW], v, &nv, err);
  if (st) return st;
  const limen_memory_type *type;
  limen_train_config c;
  limen_memory_config mc;
  if ((st = cli_train_configure(o, task, &type, &c, &mc, err))) return st;
  const limen_memory_type *types[2] = {limen_memory_lim_fixed, limen_memory_lim_matched};
  size_t nt = 2;
  if (o[O_PARADIGM].set) {
    types[0] = type;
    nt = 1;
  }
  for (size_t t = 0; t < nt && !st; t++)
    for (size_t i = 0; i < nv && !st; i++) {
      exp_run *e = &runs[(*n_runs)++];
      e->paradigm = types[t]->name;
      e->value = v[i];
      snprintf(e->label, sizeof e->label, "%s_%g", e->paradigm, v[i]);
      limen_train_config ci = c;
      limen_memory_config mi = mc;
      if (barrier) mi.low_barrier_kT = v[i];
      else ci.window_s = v[i];
      ci.record_updates = !barrier; /* the closed-form curve of the window figure */
      st = limen_train_run(&task->model, task->train, task->test, types[t], &mi, &ci, &e->r, err);
      if (st) (*n_runs)--;
    }
  return st;
}

/* Figures of --experiment paradigms: test accuracy versus cumulative heat and versus physical time,
 * one curve per paradigm, from the traces. */
static int paradigm_figures(const char *dir, const char *task, const exp_run *runs, size_t n, limen_error *err) {
  limen_plot_series ser[2 * EXP_MAX_RUNS];
  size_t ns = 0;
  int st = LIMEN_OK;
  for (int pass = 0; pass < 2 && !st; pass++) {
    double **bufs = calloc(n, sizeof *bufs);
    ns = 0;
    for (size_t i = 0; bufs && i < n; i++) {
      size_t m = runs[i].r.n_points;
      bufs[i] = malloc(2 * m * sizeof **bufs);
      if (!bufs[i]) continue;
      for (size_t k = 0; k < m; k++) {
        bufs[i][k] = pass ? runs[i].r.points[k].time_s : runs[i].r.points[k].heat_J;
        bufs[i][m + k] = runs[i].r.points[k].test_accuracy;
      }
      ser[ns++] = (limen_plot_series){runs[i].paradigm, bufs[i], bufs[i] + m, m, LIMEN_PLOT_LINE, 0, NULL};
    }
    int quad = strcmp(task, "quadratic") == 0;
    limen_plot pl = {pass ? (quad ? "Quadratic program: progress versus physical time" : "Test accuracy versus physical time")
                          : (quad ? "Quadratic program: progress versus cumulative heat" : "Test accuracy versus cumulative heat"),
                     pass ? "physical time [s]" : "cumulative heat [J]",
                     quad ? "fraction of the gap closed, 1 - (f - f*)/(f0 - f*)" : "test accuracy",
                     1, 0, ser, ns, NULL, 0, 0, 0,
                     pass ? "window 1 us per step unless --window" : "ideal memory (zero heat) not shown on the log axis"};
    st = bufs ? cli_train_plot_file(dir, pass ? "accuracy_vs_time.png" : "accuracy_vs_heat.png", &pl, err)
              : limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
    for (size_t i = 0; bufs && i < n; i++) free(bufs[i]);
    free(bufs);
  }
  return st;
}

/* Figures of --experiment window and barrier: heat and test accuracy versus the swept value. */
static int sweep_figures(const char *dir, int barrier, const exp_run *runs, size_t n, limen_error *err) {
  limen_plot_series ser[2 * EXP_MAX_RUNS];
  double *xs = calloc(4 * EXP_MAX_RUNS, sizeof *xs);
  if (!xs) return limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
  int st = LIMEN_OK;
  /* per paradigm: energy-to-target, total heat and bound vs the swept value */
  size_t per = 0;
  while (per < n && strcmp(runs[per].paradigm, runs[0].paradigm) == 0) per++;
  size_t ng = per ? n / per : 0;
  double *x = xs, *y = xs + EXP_MAX_RUNS, *acc = xs + 2 * EXP_MAX_RUNS;
  double *ybuf = malloc(4 * EXP_MAX_RUNS * sizeof *ybuf);
  if (!ybuf) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
  static char labels[8][96];
  for (size_t g = 0; !st && g < ng && g < 2; g++) {
    for (size_t i = 0; i < per; i++) {
      const exp_run *e = &runs[g * per + i];
      x[g * per + i] = e->value;
      acc[g * per + i] = e->r.final_test_accuracy;
      y[g * per + i] = e->r.energy_to_target_J;
      ybuf[g * per + i] = e->r.total_heat_J;
      ybuf[EXP_MAX_RUNS + g * per + i] = e->r.bound_J;
    }
    snprintf(labels[4 * g], 96, "%s: heat to target", runs[g * per].paradigm);
    snprintf(labels[4 * g + 1], 96, "%s: total heat", runs[g * per].paradigm);
    snprintf(labels[4 * g + 2], 96, "%s: drag bound", runs[g * per].paradigm);
    ser[3 * g] = (limen_plot_series){labels[4 * g], x + g * per, y + g * per, per, LIMEN_PLOT_LINE_POINTS, (int)(1 + 3 * g), NULL};
    ser[3 * g + 1] = (limen_plot_series){labels[4 * g + 1], x + g * per, ybuf + g * per, per, LIMEN_PLOT_DASHED, (int)(2 + 3 * g), NULL};
    ser[3 * g + 2] = (limen_plot_series){labels[4 * g + 2], x + g * per, ybuf + EXP_MAX_RUNS + g * per, per, LIMEN_PLOT_POINTS,
                                         (int)(3 + 3 * g), NULL};
  }
  /* window experiment: the closed form (H) replayed along the trajectory of the middle run
   * of each paradigm, on a fine grid of windows */
  enum { CURVE_N = 61 };
  double *curve = (!st && !barrier) ? malloc(2 * 2 * CURVE_N * sizeof *curve) : NULL;
  size_t n_ser = 3 * (ng < 2 ? ng : 2);
  if (!st && !barrier && !curve) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
  for (size_t g = 0; !st && curve && g < ng && g < 2; g++) {
    const exp_run *ref = &runs[g * per + per / 2];
    double lo = x[g * per], hi = x[g * per];
    for (size_t i = 0; i < per; i++) {
      if (x[g * per + i] < lo) lo = x[g * per + i];
      if (x[g * per + i] > hi) hi = x[g * per + i];
    }
    double *cx = curve + 2 * CURVE_N * g, *cy = cx + CURVE_N;
    for (int i = 0; !st && i < CURVE_N; i++) {
      cx[i] = lo * pow(hi / lo, (double)i / (CURVE_N - 1));
      double e;
      st = limen_train_hop_closed_form_kT(&ref->r, cx[i], &e, err);
      cy[i] = e * limen_kT(ref->r.temperature_K);
    }
    snprintf(labels[4 * g + 3], 96, "%s: (H), path of %g s", ref->paradigm, ref->value);
    ser[n_ser++] = (limen_plot_series){labels[4 * g + 3], cx, cy, CURVE_N, LIMEN_PLOT_LINE, (int)(7 + g), NULL};
  }
  if (!st) {
    limen_plot pl = {barrier ? "Heat versus barrier height" : "Energy-speed trade-off: heat versus update window",
                     barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]", "heat [J]", !barrier, 1,
                     ser, n_ser, NULL, 0, 0, 0,
                     barrier ? "measured heat (jump statistics) and the drag bound of the same trajectory"
                             : "points: measured (jump statistics); lines: closed form (H) replayed along the recorded "
                               "trajectory of the 1 us run"};
    st = cli_train_plot_file(dir, barrier ? "heat_vs_barrier.png" : "heat_vs_window.png", &pl, err);
  }
  free(curve);
  for (size_t g = 0; !st && g < ng && g < 2; g++)
    ser[g] = (limen_plot_series){runs[g * per].paradigm, x + g * per, acc + g * per, per, LIMEN_PLOT_LINE_POINTS, (int)(1 + g), NULL};
  if (!st) {
    limen_plot pl = {barrier ? "Precision: test accuracy versus barrier height" : "Test accuracy versus update window",
                     barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]", "final test accuracy",
                     !barrier, 0, ser, ng < 2 ? ng : 2, NULL, 0, 0, 0, NULL};
    st = cli_train_plot_file(dir, barrier ? "accuracy_vs_barrier.png" : "accuracy_vs_window.png", &pl, err);
  }
  free(ybuf);
  free(xs);
  return st;
}

/* Check the options of the experiment, run it, print its table or JSON, and with --out write its
 * table, JSON, traces and figures. */
int cli_train_run_experiment(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  const char *name = o[O_EXPERIMENT].str;
  const char *dir = o[O_OUT].set ? o[O_OUT].str : NULL;
  if (strcmp(name, "maxcut") == 0) return cli_train_exp_maxcut(o, fmt, dir, out, err);
  if (strcmp(name, "scaling") == 0) return cli_train_exp_scaling(o, fmt, dir, out, err);
  if (strcmp(name, "paradigms") == 0 && o[O_PARADIGM].set)
    return cli_train_conflict(err, "--paradigm does not apply to --experiment paradigms");
  if (strcmp(name, "paradigms") == 0 && o[O_VALUES].set)
    return cli_train_conflict(err, "--values does not apply to --experiment paradigms");
  int barrier = strcmp(name, "barrier") == 0;
  if (strcmp(name, "window") == 0 && o[O_WINDOW].set)
    return cli_train_conflict(err, "--window is swept by --experiment window (use --values)");
  if (barrier && o[O_BARRIER].set)
    return cli_train_conflict(err, "--barrier is swept by --experiment barrier (use --values)");
  exp_run *runs = calloc(EXP_MAX_RUNS, sizeof *runs);
  if (!runs) return limen_error_set(err, LIMEN_ENOMEM, "train", "experiment runs");
  size_t n = 0;
  limen_task task;
  memset(&task, 0, sizeof task);
  int st = strcmp(name, "paradigms") == 0 ? exp_paradigms(o, runs, &n, &task, err) : exp_sweep(o, barrier, runs, &n, &task, err);
  const char *vkey = strcmp(name, "paradigms") == 0 ? NULL : barrier ? "barrier_kT" : "window_s";
  if (!st) st = report_runs(name, task.name, runs, n, vkey, barrier ? "barrier E_low [kT]" : "window [s]", fmt, dir, out, err);
  if (!st && dir)
    st = vkey ? sweep_figures(dir, barrier, runs, n, err) : paradigm_figures(dir, task.name, runs, n, err);
  for (size_t i = 0; i < n; i++) limen_train_result_clear(&runs[i].r);
  free(runs);
  limen_task_clear(&task);
  return st;
}
