/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_scaling.c: `limen train --experiment scaling` (docs/results.md, experiment 5): the options
 * into a limen_experiment_scaling_config, the bridge by limen_experiment_scaling, and its header,
 * table or JSON, and with --out the CSV, the JSON and the energy-versus-N figure. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/train_cli.h"

enum { ROWS = LIMEN_EXPERIMENT_SCALING_ROWS, NC = 8 };

/* The table (one row per measured paradigm) and the JSON document. */
static int scaling_table(const limen_experiment_scaling_result *res, cli_table *t, cli_buf *js, limen_error *err) {
  static const char *const head[NC] = {"measured paradigm", "measured heat [J]", "projection (same N, K, path)",
                                       "projected [J]", "measured / projected", "heat per op [kT]",
                                       "brain-scale: N·K × measured [J]", "limen project brain-scale [J]"};
  int st = cli_table_init(t, NC, head, err);
  cJSON *root = st ? NULL : cJSON_CreateObject(), *arr = st ? NULL : cJSON_CreateArray();
  if (!st && (!root || !arr)) st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  if (st) {
    cJSON_Delete(root);
    cJSON_Delete(arr);
    return st;
  }
  cJSON_AddStringToObject(root, "experiment", "scaling");
  cJSON_AddStringToObject(root, "task", res->setup.task);
  cli_json_num(root, "params", res->params);
  cli_json_num(root, "steps", res->steps);
  cli_json_num(root, "grad_scale_effective", res->grad_scale);
  cli_json_num(root, "tilt_per_level_effective_kT", res->tilt_per_level_kT);
  cli_json_num(root, "drift_diffusion_ratio_effective", res->drift_diffusion_ratio);
  cli_json_num(root, "landauer_adiabatic_same_run_J", res->landauer_same_run_J);
  cli_json_num(root, "brain_scale_params", res->brain_params);
  cli_json_num(root, "brain_scale_steps", res->brain_steps);
  cli_json_num(root, "landauer_adiabatic_brain_scale_J", res->landauer_brain_J);
  cJSON_AddItemToObject(root, "runs", arr);
  char b[6][64];
  for (int i = 0; i < ROWS; i++) {
    const limen_experiment_scaling_row *w = &res->rows[i];
    cli_table_row(t);
    cli_table_set(t, 0, "%s", w->paradigm);
    cli_table_set(t, 1, "%s", cli_human(b[0], 64, w->result.total_heat_J, 4));
    cli_table_set(t, 2, "%s", w->projection);
    cli_table_set(t, 3, "%s", cli_human(b[1], 64, w->projected_J, 4));
    cli_table_set(t, 4, "%s", cli_human(b[2], 64, w->measured_over_projected, 4));
    cli_table_set(t, 5, "%s", cli_human(b[3], 64, w->heat_per_op_kT, 4));
    cli_table_set(t, 6, "%s", cli_human(b[4], 64, w->brain_extrapolated_J, 4));
    cli_table_set(t, 7, "%s", cli_human(b[5], 64, w->brain_projected_J, 4));
    cJSON *jr = cJSON_CreateObject();
    if (!jr) continue;
    cJSON_AddStringToObject(jr, "paradigm", w->paradigm);
    cJSON_AddStringToObject(jr, "projection", w->projection);
    cli_json_num(jr, "measured_heat_J", w->result.total_heat_J);
    cli_json_num(jr, "projected_same_run_J", w->projected_J);
    cli_json_num(jr, "heat_per_elementary_op_kT", w->heat_per_op_kT);
    cli_json_num(jr, "projected_update_per_op_kT", w->projected_update_per_op_kT);
    cli_json_num(jr, "heat_per_cell_step_J", w->result.heat_per_cell_step_J);
    cli_json_num(jr, "brain_scale_extrapolated_J", w->brain_extrapolated_J);
    cli_json_num(jr, "brain_scale_projected_J", w->brain_projected_J);
    cJSON_AddItemToArray(arr, jr);
  }
  for (int c = 1; c < NC; c++)
    if (c != 2) cli_table_set_right(t, (size_t)c, 1);
  st = cli_table_check(t, err);
  if (!st) st = cli_json_print(root, js, err);
  cJSON_Delete(root);
  return st;
}

/* The text above the table: what was projected, with the measured learning path. */
static void scaling_header(const limen_experiment_scaling_result *res, char *buf, size_t n) {
  const limen_experiment_setup *s = &res->setup;
  char la[64];
  snprintf(buf, n,
           "limen train --experiment scaling (task %s, N = %g parameters, K = %g steps)\n"
           "projection of the same run: per-parameter-step operations, n = %d bits, tau_op = window = %g s,\n"
           "learning path g = %.4g (measured mean |dw|/eta), rho = %.4g (from the measured lim-matched tilt\n"
           "%.4g kT per level); landauer-adiabatic of the same run: %s J.\n"
           "brain-scale: N = %g, K = %g steps (limen project defaults, per-parameter-step); the\n"
           "extrapolation assumes the measured heat per parameter and step of this run.\n\n",
           s->task, res->params, res->steps, s->memory.bits, s->train.window_s, res->grad_scale,
           res->drift_diffusion_ratio, res->tilt_per_level_kT, cli_human(la, sizeof la, res->landauer_same_run_J, 4),
           res->brain_params, res->brain_steps);
}

/* Energy versus parameter count N for this run's K and learning path: limen project (solid)
 * against the measured heat per cell-step × N·K (dashed). */
static int scaling_figure(const char *dir, const limen_experiment_scaling_result *res, limen_error *err) {
  const limen_experiment_setup *s = &res->setup;
  size_t n = res->n_grid;
  char lab[2 * ROWS][64];
  limen_plot_series ser[2 * ROWS];
  for (size_t k = 0; k < ROWS; k++) {
    snprintf(lab[k], sizeof lab[k], "project: %s", res->grid_spec[k]);
    snprintf(lab[ROWS + k], sizeof lab[ROWS + k], "measured: %s", res->rows[k].paradigm);
    ser[k] = (limen_plot_series){lab[k], res->grid_params, res->grid_projected_J + k * n, n, LIMEN_PLOT_LINE,
                                 (int)(1 + k), NULL};
    ser[ROWS + k] = (limen_plot_series){lab[ROWS + k], res->grid_params, res->grid_measured_J + k * n, n,
                                        LIMEN_PLOT_DASHED, (int)(5 + k), NULL};
  }
  limen_plot_marker mk[2] = {{res->params, "this run"}, {res->brain_params, "brain scale"}};
  char note[200];
  snprintf(note, sizeof note, "K = %g steps, n = %d bits, window %g s, learning path of the %s run; measured = heat per "
           "cell-step x N x K", res->steps, s->memory.bits, s->train.window_s, s->task);
  limen_plot pl = {"Measured heat extrapolated vs limen project", "parameters N", "energy [J]", 1, 1,
                   ser, 2 * ROWS, mk, 2, 0, 0, note};
  return cli_train_plot_file(dir, "energy_vs_params.png", &pl, err);
}

int cli_train_exp_scaling(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  if (o[O_PARADIGM].set || o[O_VALUES].set)
    return cli_train_conflict(err, "--%s does not apply to --experiment scaling",
                              o[O_PARADIGM].set ? "paradigm" : "values");
  if (o[O_TARGET].set || o[O_EVAL].set)
    return cli_train_conflict(err, "--%s does not apply to --experiment scaling (it compares total heat, not the "
                              "way to a target)", o[O_TARGET].set ? "target" : "eval-every");
  const char *dir = o[O_OUT].set ? o[O_OUT].str : NULL;
  limen_experiment_scaling_config c = limen_experiment_scaling_config_default();
  cli_train_apply_options(o, &c.run);
  if (!dir) c.grid_points = 0; /* the grid is drawn only in the figure */
  limen_experiment_scaling_result res;
  int st = cli_train_langevin_refusal(limen_experiment_scaling(&c, &res, err), &res.setup, &c.run, err);
  if (st) return st;
  cli_table t;
  memset(&t, 0, sizeof t);
  cli_buf js;
  cli_buf_init(&js);
  st = scaling_table(&res, &t, &js, err);
  if (!st) {
    char header[1024];
    scaling_header(&res, header, sizeof header);
    st = cli_train_print(fmt, js.data, header, &t, out, err);
  }
  if (!st && dir) st = cli_train_write_outputs(dir, &t, js.data, err);
  if (!st && dir) st = scaling_figure(dir, &res, err);
  cli_table_free(&t);
  cli_buf_free(&js);
  limen_experiment_scaling_result_clear(&res);
  return st;
}
