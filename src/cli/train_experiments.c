/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_experiments.c: `limen train --experiment paradigms|window|barrier` (docs/results.md):
 * the options into a limen_experiment_sweep_config, the runs by limen_experiment_sweep, and their
 * table or JSON, and with --out the CSV, the JSON, one trace per run and the figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/train_cli.h"

/* ---- options → configuration ----------------------------------------------------------------- */

/* The swept values of --values: each must lie in the range of the option it replaces (`like`). */
static int parse_values(const cli_opt *o, const cli_opt *like, limen_experiment_sweep_config *c, limen_error *err) {
  if (!o[O_VALUES].set) return LIMEN_OK;
  if (o[O_VALUES].n_items > LIMEN_EXPERIMENT_MAX_VALUES)
    return limen_error_set(err, LIMEN_EINVAL, "--values", "%zu values: allowed at most %d", o[O_VALUES].n_items,
                           LIMEN_EXPERIMENT_MAX_VALUES);
  cli_opt shadow = *like;
  shadow.name = "values";
  for (size_t i = 0; i < o[O_VALUES].n_items; i++) {
    int st = cli_opt_parse_number(&shadow, o[O_VALUES].items[i], &c->values[i], err);
    if (st) return st;
  }
  c->n_values = o[O_VALUES].n_items;
  return LIMEN_OK;
}

/* The conflicts of the experiment's own options, then its configuration. */
static int sweep_config(const cli_opt *o, limen_experiment_sweep_config *c, limen_error *err) {
  const char *name = o[O_EXPERIMENT].str;
  limen_experiment_kind kind = strcmp(name, "paradigms") == 0 ? LIMEN_EXPERIMENT_PARADIGMS
                               : strcmp(name, "barrier") == 0 ? LIMEN_EXPERIMENT_BARRIER
                                                              : LIMEN_EXPERIMENT_WINDOW;
  if (kind == LIMEN_EXPERIMENT_PARADIGMS && o[O_PARADIGM].set)
    return cli_train_conflict(err, "--paradigm does not apply to --experiment paradigms");
  if (kind == LIMEN_EXPERIMENT_PARADIGMS && o[O_VALUES].set)
    return cli_train_conflict(err, "--values does not apply to --experiment paradigms");
  if (kind == LIMEN_EXPERIMENT_WINDOW && o[O_WINDOW].set)
    return cli_train_conflict(err, "--window is swept by --experiment window (use --values)");
  if (kind == LIMEN_EXPERIMENT_BARRIER && o[O_BARRIER].set)
    return cli_train_conflict(err, "--barrier is swept by --experiment barrier (use --values)");
  *c = limen_experiment_sweep_config_default(kind);
  cli_train_apply_options(o, &c->run);
  if (!o[O_OUT].set) c->curve_points = 0; /* the closed-form curve is drawn only in the figure */
  if (kind == LIMEN_EXPERIMENT_PARADIGMS) return LIMEN_OK;
  const char *p = c->run.paradigm;
  if (kind == LIMEN_EXPERIMENT_BARRIER && p && strcmp(p, "lim-fixed") != 0 && strcmp(p, "lim-matched") != 0)
    return cli_train_conflict(err, "--experiment barrier sweeps the barrier of lim-fixed and lim-matched; "
                              "--paradigm %s has none", p);
  int st = cli_train_paradigm_options(o, p ? p : "lim-fixed", p ? p : "lim-fixed and lim-matched", err);
  if (!st) st = parse_values(o, kind == LIMEN_EXPERIMENT_BARRIER ? &o[O_BARRIER] : &o[O_WINDOW], c, err);
  return st;
}

/* ---- table, JSON, CSV and traces ----------------------------------------------------------------- */

static void json_run(cJSON *arr, const limen_experiment_sweep_run *e, const char *value_key) {
  cJSON *j = cJSON_CreateObject();
  if (!j) return;
  const limen_train_result *r = &e->result;
  cJSON_AddStringToObject(j, "paradigm", e->paradigm);
  if (value_key) cli_json_num(j, value_key, e->value);
  cli_json_num(j, "final_test_accuracy", r->final_test_accuracy);
  cli_json_num(j, "final_loss", r->final_loss);
  cli_json_num(j, "steps_to_target", r->steps_to_target ? (double)r->steps_to_target : NAN); /* null: never */
  cli_json_num(j, "energy_to_target_J", r->energy_to_target_J);
  cli_json_num(j, "total_heat_J", r->total_heat_J);
  cli_json_num(j, "closed_form_heat_J", r->expected_heat_J);
  cli_json_num(j, "heat_stderr_J", r->heat_stderr_J);
  cli_json_num(j, "bound_J", r->bound_J);
  cli_json_num(j, "heat_per_cell_step_J", r->heat_per_cell_step_J);
  cli_json_num(j, "final_rate_dt", r->final_rate_dt);
  cli_json_num(j, "final_barrier_kT", r->final_barrier_kT);
  cJSON_AddItemToArray(arr, j);
}

/* The JSON document (printed with --format json, saved as summary.json with --out). */
static int sweep_json(const limen_experiment_sweep_result *res, const char *value_key, cli_buf *js, limen_error *err) {
  cJSON *root = cJSON_CreateObject(), *arr = cJSON_CreateArray();
  if (!root || !arr) {
    cJSON_Delete(root);
    cJSON_Delete(arr);
    return limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  }
  cJSON_AddStringToObject(root, "experiment", limen_experiment_kind_name(res->kind));
  cJSON_AddStringToObject(root, "task", res->setup.task);
  cJSON_AddItemToObject(root, "runs", arr);
  for (size_t i = 0; i < res->n_runs; i++) json_run(arr, &res->runs[i], value_key);
  int st = cli_json_print(root, js, err);
  cJSON_Delete(root);
  return st;
}

/* The runs as a table: text (csv = 0: 4 significant digits, "not reached") or CSV (10 digits, an
 * empty field where the target was never reached). */
static int sweep_table(const limen_experiment_sweep_result *res, int has_value, int csv, cli_table *t, limen_error *err) {
  static const char *const head[] = {"paradigm", "value", "test acc", "heat to target [J]", "total heat [J]",
                                     "closed form [J]", "bound [J]", "r·Δt last"};
  int st = cli_table_init(t, 8, head, err);
  char b[8][64];
  for (size_t i = 0; !st && i < res->n_runs; i++) {
    const limen_train_result *r = &res->runs[i].result;
    double v[8] = {NAN, res->runs[i].value, r->final_test_accuracy, r->energy_to_target_J, r->total_heat_J,
                   r->expected_heat_J, r->bound_J, r->final_rate_dt};
    cli_table_row(t);
    cli_table_set(t, 0, "%s", res->runs[i].paradigm);
    cli_table_set(t, 1, "%s", has_value ? cli_num(b[0], 64, res->runs[i].value) : "");
    for (size_t c = 2; c < 8; c++) {
      if (!isfinite(v[c])) cli_table_set(t, c, "%s", csv ? "" : "not reached");
      else if (csv) cli_table_set(t, c, "%s", cli_num(b[c], 64, v[c]));
      else if (c == 2) cli_table_set(t, c, "%.4f", v[c]);
      else cli_table_set(t, c, "%s", cli_human(b[c], 64, v[c], 4));
    }
  }
  for (int c = 1; !st && c < 8; c++) cli_table_set_right(t, (size_t)c, 1);
  return st ? st : cli_table_check(t, err);
}

/* Table or JSON into out; with `dir` the CSV, the JSON and one trace per run. */
static int report_runs(const limen_experiment_sweep_result *res, cli_format fmt, const char *dir, cli_buf *out,
                       limen_error *err) {
  const char *value_key = res->kind == LIMEN_EXPERIMENT_BARRIER ? "barrier_kT"
                          : res->kind == LIMEN_EXPERIMENT_WINDOW ? "window_s" : NULL;
  cli_table t, tc;
  memset(&t, 0, sizeof t);
  memset(&tc, 0, sizeof tc);
  cli_buf js;
  cli_buf_init(&js);
  int st = sweep_json(res, value_key, &js, err);
  if (!st) st = sweep_table(res, value_key != NULL, 0, &t, err);
  if (!st) st = sweep_table(res, value_key != NULL, 1, &tc, err);
  if (!st) {
    char header[256];
    snprintf(header, sizeof header, "limen train --experiment %s (task %s)%s%s\n\n", limen_experiment_kind_name(res->kind),
             res->setup.task, value_key ? ": value = " : "",
             value_key ? (res->kind == LIMEN_EXPERIMENT_BARRIER ? "barrier E_low [kT]" : "window [s]") : "");
    st = cli_train_print(fmt, js.data, header, &t, out, err);
  }
  if (!st && dir) st = cli_train_write_outputs(dir, &tc, js.data, err);
  for (size_t i = 0; !st && dir && i < res->n_runs; i++) {
    char nm[96];
    if (value_key) snprintf(nm, sizeof nm, "trace_%s_%g.csv", res->runs[i].paradigm, res->runs[i].value);
    else snprintf(nm, sizeof nm, "trace_%s.csv", res->runs[i].paradigm);
    st = cli_train_write_trace(dir, nm, &res->runs[i].result, err);
  }
  cli_table_free(&t);
  cli_table_free(&tc);
  cli_buf_free(&js);
  return st;
}

/* ---- figures ------------------------------------------------------------------------------------- */

/* --experiment paradigms: test accuracy versus cumulative heat and versus physical time, one curve
 * per paradigm, from the traces. */
static int paradigm_figures(const char *dir, const limen_experiment_sweep_result *res, limen_error *err) {
  size_t n = res->n_runs;
  limen_plot_series *ser = calloc(n ? n : 1, sizeof *ser);
  double **bufs = calloc(n ? n : 1, sizeof *bufs);
  int st = (!ser || !bufs) ? limen_error_set(err, LIMEN_ENOMEM, "train", "figure data") : LIMEN_OK;
  int quad = res->setup.model_kind == LIMEN_NET_QUADRATIC;
  for (int pass = 0; pass < 2 && !st; pass++) {
    size_t ns = 0;
    for (size_t i = 0; i < n; i++) {
      const limen_train_result *r = &res->runs[i].result;
      size_t m = r->n_points;
      free(bufs[i]);
      bufs[i] = malloc(2 * m * sizeof **bufs);
      if (!bufs[i]) continue;
      for (size_t k = 0; k < m; k++) {
        bufs[i][k] = pass ? r->points[k].time_s : r->points[k].heat_J;
        bufs[i][m + k] = r->points[k].test_accuracy;
      }
      ser[ns++] = (limen_plot_series){res->runs[i].paradigm, bufs[i], bufs[i] + m, m, LIMEN_PLOT_LINE, 0, NULL};
    }
    limen_plot pl = {pass ? (quad ? "Quadratic program: progress versus physical time" : "Test accuracy versus physical time")
                          : (quad ? "Quadratic program: progress versus cumulative heat" : "Test accuracy versus cumulative heat"),
                     pass ? "physical time [s]" : "cumulative heat [J]",
                     quad ? "fraction of the gap closed, 1 - (f - f*)/(f0 - f*)" : "test accuracy",
                     1, 0, ser, ns, NULL, 0, 0, 0,
                     pass ? "window 1 us per step unless --window" : "ideal memory (zero heat) not shown on the log axis"};
    st = cli_train_plot_file(dir, pass ? "accuracy_vs_time.png" : "accuracy_vs_heat.png", &pl, err);
  }
  for (size_t i = 0; bufs && i < n; i++) free(bufs[i]);
  free(bufs);
  free(ser);
  return st;
}

/* The columns of the window and barrier figures, per run: swept value, final test accuracy, heat
 * to target, total heat, drag bound. */
enum { COL_X, COL_ACC, COL_TARGET, COL_TOTAL, COL_BOUND, N_COLS };

/* --experiment window and barrier: heat versus the swept value (measured per paradigm, and the
 * closed-form curves of the window sweep). */
static int heat_figure(const char *dir, const limen_experiment_sweep_result *res, double *const *col, limen_error *err) {
  int barrier = res->kind == LIMEN_EXPERIMENT_BARRIER;
  size_t per = res->n_values, ng = res->n_paradigms < 2 ? res->n_paradigms : 2;
  limen_plot_series ser[8];
  char labels[8][96];
  size_t ns = 0;
  for (size_t g = 0; g < ng; g++) {
    const char *p = res->runs[g * per].paradigm;
    static const char *const what[3] = {"heat to target", "total heat", "drag bound"};
    static const limen_plot_style style[3] = {LIMEN_PLOT_LINE_POINTS, LIMEN_PLOT_DASHED, LIMEN_PLOT_POINTS};
    for (int k = 0; k < 3; k++) {
      snprintf(labels[ns], sizeof labels[ns], "%s: %s", p, what[k]);
      ser[ns] = (limen_plot_series){labels[ns], col[COL_X] + g * per, col[COL_TARGET + k] + g * per, per, style[k],
                                    (int)(1 + k + 3 * g), NULL};
      ns++;
    }
  }
  for (size_t g = 0; g < res->n_curves && g < 2; g++) {
    const limen_experiment_curve *c = &res->curves[g];
    snprintf(labels[ns], sizeof labels[ns], "%s: (H), path of %g s", c->paradigm, c->ref_value);
    ser[ns] = (limen_plot_series){labels[ns], c->window_s, c->heat_J, c->n, LIMEN_PLOT_LINE, (int)(7 + g), NULL};
    ns++;
  }
  limen_plot pl = {barrier ? "Heat versus barrier height" : "Energy-speed trade-off: heat versus update window",
                   barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]", "heat [J]", !barrier, 1,
                   ser, ns, NULL, 0, 0, 0,
                   barrier ? "measured heat (jump statistics) and the drag bound of the same trajectory"
                           : "points: measured (jump statistics); lines: closed form (H) replayed along the recorded "
                             "trajectory of the 1 us run"};
  return cli_train_plot_file(dir, barrier ? "heat_vs_barrier.png" : "heat_vs_window.png", &pl, err);
}

/* --experiment window and barrier: heat, then test accuracy versus the swept value. */
static int sweep_figures(const char *dir, const limen_experiment_sweep_result *res, limen_error *err) {
  int barrier = res->kind == LIMEN_EXPERIMENT_BARRIER;
  size_t n = res->n_runs, per = res->n_values, ng = res->n_paradigms < 2 ? res->n_paradigms : 2;
  double *buf = malloc(N_COLS * (n ? n : 1) * sizeof *buf), *col[N_COLS];
  if (!buf) return limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
  for (int c = 0; c < N_COLS; c++) col[c] = buf + (size_t)c * n;
  for (size_t i = 0; i < n; i++) {
    const limen_train_result *r = &res->runs[i].result;
    col[COL_X][i] = res->runs[i].value;
    col[COL_ACC][i] = r->final_test_accuracy;
    col[COL_TARGET][i] = r->energy_to_target_J;
    col[COL_TOTAL][i] = r->total_heat_J;
    col[COL_BOUND][i] = r->bound_J;
  }
  int st = heat_figure(dir, res, col, err);
  limen_plot_series ser[2];
  for (size_t g = 0; g < ng; g++)
    ser[g] = (limen_plot_series){res->runs[g * per].paradigm, col[COL_X] + g * per, col[COL_ACC] + g * per, per,
                                 LIMEN_PLOT_LINE_POINTS, (int)(1 + g), NULL};
  if (!st) {
    limen_plot pl = {barrier ? "Precision: test accuracy versus barrier height" : "Test accuracy versus update window",
                     barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]", "final test accuracy",
                     !barrier, 0, ser, ng, NULL, 0, 0, 0, NULL};
    st = cli_train_plot_file(dir, barrier ? "accuracy_vs_barrier.png" : "accuracy_vs_window.png", &pl, err);
  }
  free(buf);
  return st;
}

/* ---- the experiment -------------------------------------------------------------------------------- */

int cli_train_exp_sweep(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  const char *dir = o[O_OUT].set ? o[O_OUT].str : NULL;
  limen_experiment_sweep_config c;
  int st = sweep_config(o, &c, err);
  if (st) return st;
  limen_experiment_sweep_result res;
  st = cli_train_langevin_refusal(limen_experiment_sweep(&c, &res, err), &res.setup, &c.run, err);
  if (st) return st;
  st = report_runs(&res, fmt, dir, out, err);
  if (!st && dir)
    st = res.kind == LIMEN_EXPERIMENT_PARADIGMS ? paradigm_figures(dir, &res, err) : sweep_figures(dir, &res, err);
  limen_experiment_sweep_result_clear(&res);
  return st;
}
