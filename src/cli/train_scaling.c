/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_scaling.c: `limen train --experiment scaling` (docs/results.md, experiment 5): the heat
 * measured in each physical paradigm against `limen project` for the same parameter count, steps
 * and learning path, and the brain-scale projection beside the naive extrapolation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/train_cli.h"
#include "limen/paradigm.h"
#include "limen/units.h"
#include "limen/workload.h"

int cli_train_exp_scaling(cli_opt *o, cli_format fmt, const char *dir, cli_buf *out, limen_error *err) {
  if (o[O_PARADIGM].set || o[O_VALUES].set)
    return cli_train_conflict(err, "--%s does not apply to --experiment scaling",
                              o[O_PARADIGM].set ? "paradigm" : "values");
  if (o[O_TARGET].set || o[O_EVAL].set)
    return cli_train_conflict(err, "--%s does not apply to --experiment scaling (it compares total heat, not the "
                              "way to a target)", o[O_TARGET].set ? "target" : "eval-every");
  static const char *const meas[4] = {"digital-static", "analog-static", "lim-fixed", "lim-matched"};
  static const char *const specs[4] = {"cim-static", "cim-static", "lim-finite-time", "lim-matched"};
  static const char *const proj_specs[4] = {"landauer-adiabatic", "cim-static", "lim-finite-time", "lim-matched"};
  limen_task task;
  const limen_memory_type *type;
  limen_train_config c;
  limen_memory_config mc;
  int st = cli_train_configure(o, &task, &type, &c, &mc, err);
  if (st) return st;
  limen_train_result r[4];
  memset(r, 0, sizeof r);
  limen_projection *pr = calloc(8, sizeof *pr);
  cJSON *root = NULL;
  cli_buf js;
  cli_buf_init(&js);
  if (!pr) {
    st = limen_error_set(err, LIMEN_ENOMEM, "train", "projections");
    goto done;
  }
  for (int i = 0; i < 4 && !st; i++) {
    const limen_memory_type *t;
    st = limen_memory_type_find(meas[i], &t, err);
    if (!st) st = limen_train_run(&task.model, task.train, task.test, t, &mc, &c, &r[i], err);
  }
  if (st) goto done;
  double N = (double)task.model.n_params, K = (double)c.steps, kT = limen_kT(mc.temperature_K);
  double sum_eta = 0;
  for (size_t k = 0; k < c.steps; k++) sum_eta += limen_lr_eta(&c.lr, (double)k);
  double delta = limen_level_size(2.0 * mc.w_max, mc.bits, LIMEN_LEVELS_ENDPOINTS); /* the cells' level */
  double g_eff = r[3].mean_abs_update * K / sum_eta;             /* |Δw| per unit learning rate */
  double sum_m = r[3].mean_abs_update * N * K / delta;            /* Σ|m| levels, all cells      */
  double f_eff = r[3].expected_heat_J / (kT * sum_m);             /* mean tilt per level (kT)     */
  double rho = sinh(0.5 * f_eff);
  limen_workload w = limen_workload_default();
  snprintf(w.name, sizeof w.name, "%s run", task.name);
  w.params = N;
  w.tokens = K;
  w.batch_tokens = 1;
  w.flops = 0;
  w.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  w.bits = mc.bits;
  w.train_time_s = K * (c.window_s + mc.hold_s);
  w.temperature_K = mc.temperature_K;
  w.parallel_cells = 0;
  w.tau0_s = mc.tau0_s;
  w.write_time_s = 0;
  w.lr_kind = c.lr.kind;
  w.lr_eta0 = c.lr.eta0;
  w.lr_t0_frac = c.lr.t0 / K;
  w.lr_eta_min_frac = c.lr.eta_min / c.lr.eta0;
  w.grad_scale = g_eff;
  w.param_range = 2.0 * mc.w_max; /* the same range; the projection's level is range/2^n (LIMEN_LEVELS_BINS) */
  w.drift_diffusion_ratio = rho;
  w.hops_per_level = 1; /* the simulated cells hop between their n-bit levels */
  if ((st = limen_project(&w, proj_specs, 4, NULL, NULL, pr, err))) goto done;
  limen_workload wb = limen_workload_default();
  wb.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  limen_workload_derived db;
  if ((st = limen_workload_derive(&wb, &db, err))) goto done;
  if ((st = limen_project(&wb, proj_specs, 4, NULL, NULL, pr + 4, err))) goto done;
  static const char *const head[] = {"measured paradigm", "measured heat [J]", "projection (same N, K, path)", "projected [J]",
                                     "measured / projected", "heat per op [kT]", "brain-scale: N·K × measured [J]",
                                     "limen project brain-scale [J]"};
  cli_table t;
  if ((st = cli_table_init(&t, 8, head, err))) {
    cli_table_free(&t);
    goto done;
  }
  root = cJSON_CreateObject();
  cJSON *arr = cJSON_CreateArray();
  if (!root || !arr) {
    cJSON_Delete(arr);
    cli_table_free(&t);
    st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
    goto done;
  }
  cJSON_AddStringToObject(root, "experiment", "scaling");
  cJSON_AddStringToObject(root, "task", task.name);
  cli_json_num(root, "params", N);
  cli_json_num(root, "steps", K);
  cli_json_num(root, "grad_scale_effective", g_eff);
  cli_json_num(root, "tilt_per_level_effective_kT", f_eff);
  cli_json_num(root, "drift_diffusion_ratio_effective", rho);
  cli_json_num(root, "landauer_adiabatic_same_run_J", pr[0].energy_J);
  cli_json_num(root, "brain_scale_params", wb.params);
  cli_json_num(root, "brain_scale_steps", db.steps);
  cli_json_num(root, "landauer_adiabatic_brain_scale_J", pr[4].energy_J);
  cJSON_AddItemToObject(root, "runs", arr);
  char b[8][64];
  for (int i = 0; i < 4; i++) {
    int j = i < 2 ? 1 : i; /* projection index */
    double per_op = r[i].ops > 0 ? r[i].total_heat_J / kT / r[i].ops : NAN;
    double ext = r[i].heat_per_cell_step_J * wb.params * db.steps;
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", meas[i]);
    cli_table_set(&t, 1, "%s", cli_human(b[0], 64, r[i].total_heat_J, 4));
    cli_table_set(&t, 2, "%s", specs[i]);
    cli_table_set(&t, 3, "%s", cli_human(b[1], 64, pr[j].energy_J, 4));
    cli_table_set(&t, 4, "%s", cli_human(b[2], 64, r[i].total_heat_J / pr[j].energy_J, 4));
    cli_table_set(&t, 5, "%s", cli_human(b[3], 64, per_op, 4));
    cli_table_set(&t, 6, "%s", cli_human(b[4], 64, ext, 4));
    cli_table_set(&t, 7, "%s", cli_human(b[5], 64, pr[4 + j].energy_J, 4));
    cJSON *jr = cJSON_CreateObject();
    if (!jr) continue;
    cJSON_AddStringToObject(jr, "paradigm", meas[i]);
    cJSON_AddStringToObject(jr, "projection", specs[i]);
    cli_json_num(jr, "measured_heat_J", r[i].total_heat_J);
    cli_json_num(jr, "projected_same_run_J", pr[j].energy_J);
    cli_json_num(jr, "heat_per_elementary_op_kT", per_op);
    cli_json_num(jr, "projected_update_per_op_kT", pr[j].update_per_op_kT);
    cli_json_num(jr, "heat_per_cell_step_J", r[i].heat_per_cell_step_J);
    cli_json_num(jr, "brain_scale_extrapolated_J", ext);
    cli_json_num(jr, "brain_scale_projected_J", pr[4 + j].energy_J);
    cJSON_AddItemToArray(arr, jr);
  }
  for (int col = 1; col < 8; col++)
    if (col != 2) cli_table_set_right(&t, (size_t)col, 1);
  st = cli_table_check(&t, err);
  if (!st) st = cli_json_print(root, &js, err);
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) {
      cli_buf_puts(out, js.data);
    } else {
      cli_buf_printf(out,
                     "limen train --experiment scaling (task %s, N = %g parameters, K = %g steps)\n"
                     "projection of the same run: per-parameter-step operations, n = %d bits, tau_op = window = %g s,\n"
                     "learning path g = %.4g (measured mean |dw|/eta), rho = %.4g (from the measured lim-matched tilt\n"
                     "%.4g kT per level); landauer-adiabatic of the same run: %s J.\n"
                     "brain-scale: N = %g, K = %g steps (limen project defaults, per-parameter-step); the\n"
                     "extrapolation assumes the measured heat per parameter and step of this run.\n\n",
                     task.name, N, K, mc.bits, c.window_s, g_eff, rho, f_eff, cli_human(b[6], 64, pr[0].energy_J, 4), wb.params,
                     db.steps);
      cli_table_text(&t, out, 2);
    }
    st = cli_buf_check(out, err);
  }
  if (!st && dir) {
    st = cli_train_write_outputs(dir, &t, js.data, err);
  }
  cli_table_free(&t);
  if (!st && dir) {
    /* figure: energy versus parameter count N for this run's K and learning path — `limen
     * project` (solid) against the measured heat per cell-step × N·K (dashed) */
    enum { NG = 29 };
    double *buf = malloc(9 * NG * sizeof *buf);
    limen_projection *pg = calloc(4, sizeof *pg);
    if (!buf || !pg) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
    for (int i = 0; !st && i < NG; i++) {
      double Ni = N * pow(10.0 * wb.params / N, (double)i / (NG - 1));
      buf[i] = Ni;
      limen_workload wi = w;
      wi.params = Ni;
      st = limen_project(&wi, proj_specs, 4, NULL, NULL, pg, err);
      for (int k = 0; !st && k < 4; k++) {
        buf[(1 + k) * NG + i] = pg[k].energy_J;
        buf[(5 + k) * NG + i] = r[k].heat_per_cell_step_J * Ni * K;
      }
    }
    if (!st) {
      static char lab[8][64];
      limen_plot_series ser[8];
      for (int k = 0; k < 4; k++) {
        snprintf(lab[k], sizeof lab[k], "project: %s", proj_specs[k]);
        snprintf(lab[4 + k], sizeof lab[4 + k], "measured: %s", meas[k]);
        ser[k] = (limen_plot_series){lab[k], buf, buf + (1 + k) * NG, NG, LIMEN_PLOT_LINE, 1 + k, NULL};
        ser[4 + k] = (limen_plot_series){lab[4 + k], buf, buf + (5 + k) * NG, NG, LIMEN_PLOT_DASHED, 5 + k, NULL};
      }
      limen_plot_marker mk[2] = {{N, "this run"}, {wb.params, "brain scale"}};
      char note[200];
      snprintf(note, sizeof note, "K = %g steps, n = %d bits, window %g s, learning path of the %s run; measured = heat per "
               "cell-step x N x K", K, mc.bits, c.window_s, task.name);
      limen_plot pl = {"Measured heat extrapolated vs limen project", "parameters N", "energy [J]", 1, 1,
                       ser, 8, mk, 2, 0, 0, note};
      st = cli_train_plot_file(dir, "energy_vs_params.png", &pl, err);
    }
    free(buf);
    free(pg);
  }
done:
  cJSON_Delete(root);
  cli_buf_free(&js);
  for (int i = 0; i < 4; i++) limen_train_result_clear(&r[i]);
  free(pr);
  limen_task_clear(&task);
  return st;
}
