/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_scaling.c: `limen train --experiment scaling` (docs/results.md, experiment 5): the options
 * into a limen_experiment_scaling_config, the bridge by limen_experiment_scaling, and its header
 * and table, and with --out its CSV, JSON and energy-versus-N figure (made by the library:
 * limen_experiment_scaling_json, _csv, _figures). */
#include <stdio.h>
#include <string.h>

#include "cli/mpi_run.h"
#include "cli/train_cli.h"

enum { ROWS = LIMEN_EXPERIMENT_SCALING_ROWS };

/* The tables: one row per measured paradigm, 4 significant digits — the measured heat beside
 * the projection of the same run (t), and the brain-scale extrapolation beside limen project's
 * brain-scale figure (tb). */
static int scaling_table(const limen_experiment_scaling_result *res, cli_table *t, cli_table *tb, limen_error *err) {
  static const char *const head[] = {"measured\nparadigm", "measured\nheat [J]", "projection\n(same N, K,\npath)",
                                     "projected\n[J]",      "measured /\nprojected", "heat per\nop [kT]"};
  static const char *const head_b[] = {"measured\nparadigm", "brain-scale:\nN·K × measured\n[J]",
                                       "limen project\nbrain-scale [J]"};
  int st = cli_table_init(t, 6, head, err);
  if (!st) st = cli_table_init(tb, 3, head_b, err);
  char b[64];
  for (int i = 0; !st && i < ROWS; i++) {
    const limen_experiment_scaling_row *w = &res->rows[i];
    double v[6] = {0, w->result.total_heat_J, 0, w->projected_J, w->measured_over_projected, w->heat_per_op_kT};
    cli_table_row(t);
    cli_table_set(t, 0, "%s", w->paradigm);
    cli_table_set(t, 2, "%s", w->projection);
    for (int c = 1; c < 6; c++)
      if (c != 2) cli_table_set(t, (size_t)c, "%s", cli_human(b, 64, v[c], 4));
    cli_table_row(tb);
    cli_table_set(tb, 0, "%s", w->paradigm);
    cli_table_set(tb, 1, "%s", cli_human(b, 64, w->brain_extrapolated_J, 4));
    cli_table_set(tb, 2, "%s", cli_human(b, 64, w->brain_projected_J, 4));
  }
  for (int c = 1; !st && c < 6; c++)
    if (c != 2) cli_table_set_right(t, (size_t)c, 1);
  for (size_t c = 1; !st && c < 3; c++) cli_table_set_right(tb, c, 1);
  if (!st) st = cli_table_check(t, err);
  return st ? st : cli_table_check(tb, err);
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

int cli_train_exp_scaling(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  const char *dir = o[O_OUT].set && cli_mpi_rank() == 0 ? o[O_OUT].str : NULL;
  limen_experiment_scaling_config c = limen_experiment_scaling_config_default();
  cli_train_apply_options(o, &c.run);
  if (!dir) c.grid_points = 0; /* the grid is drawn only in the figure */
  limen_experiment_scaling_result res;
  memset(&res, 0, sizeof res);
  limen_run_control ctl;
  limen_checkpoint ck;
  int st = cli_resume_begin(&ctl, &ck, o[O_OUT].set ? o[O_OUT].str : NULL, o[O_RESUME].set, err);
  if (!st) st = limen_experiment_scaling_ctl(&c, cli_mpi_spread(), ctl.checkpoint ? &ctl : NULL, &res, err);
  st = cli_train_langevin_refusal(cli_resume_end(&ck, st, err), &res.setup, &c.run, err);
  if (st) return st;
  cli_table t, tb;
  memset(&t, 0, sizeof t);
  memset(&tb, 0, sizeof tb);
  char *json = NULL, *csv = NULL, header[1024];
  scaling_header(&res, header, sizeof header);
  st = limen_experiment_scaling_json(&res, &json, err);
  if (!st) st = scaling_table(&res, &t, &tb, err);
  if (!st) st = cli_train_print(fmt, json, header, &t, out, err);
  if (!st && fmt == CLI_FORMAT_TABLE) {
    cli_buf_puts(out, "\n");
    cli_table_text(&tb, out, 2);
    st = cli_buf_check(out, err);
  }
  if (!st && dir) st = cli_train_write_text(dir, "table.csv", limen_experiment_scaling_csv(&res, &csv, err), &csv, err);
  if (!st && dir) st = cli_write_file_atomic(dir, "summary.json", json, err);
  limen_train_figures *figs = NULL;
  if (!st && dir) st = cli_train_write_figures(dir, limen_experiment_scaling_figures(&res, &figs, err), &figs, err);
  cli_table_free(&t);
  cli_table_free(&tb);
  limen_free(json);
  limen_experiment_scaling_result_clear(&res);
  return st;
}
