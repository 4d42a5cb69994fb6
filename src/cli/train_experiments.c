/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_experiments.c: `limen train --experiment paradigms|window|barrier` (docs/results.md):
 * the options into a limen_experiment_sweep_config, the runs by limen_experiment_sweep, and their
 * table, and with --out its CSV, JSON, traces and figures (made by the library:
 * limen_experiment_sweep_json, _csv, _figures, limen_train_trace_csv). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/mpi_run.h"
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

/* The experiment's configuration (its options checked by the caller). */
static int sweep_config(const cli_opt *o, limen_experiment_sweep_config *c, limen_error *err) {
  const char *name = o[O_EXPERIMENT].str;
  limen_experiment_kind kind = strcmp(name, "paradigms") == 0 ? LIMEN_EXPERIMENT_PARADIGMS
                               : strcmp(name, "barrier") == 0 ? LIMEN_EXPERIMENT_BARRIER
                                                              : LIMEN_EXPERIMENT_WINDOW;
  *c = limen_experiment_sweep_config_default(kind);
  cli_train_apply_options(o, &c->run);
  if (!o[O_OUT].set) c->curve_points = 0; /* the closed-form curve is drawn only in the figure */
  if (kind == LIMEN_EXPERIMENT_PARADIGMS) return LIMEN_OK;
  return parse_values(o, kind == LIMEN_EXPERIMENT_BARRIER ? &o[O_BARRIER] : &o[O_WINDOW], c, err);
}

/* ---- the table, and the files under --out ------------------------------------------------------- */

/* The runs as a table: 4 significant digits, "not reached" where the target never was. */
static int sweep_table(const limen_experiment_sweep_result *res, int has_value, cli_table *t, limen_error *err) {
  static const char *const head[] = {"paradigm",      "value",          "test\nacc",  "heat to\ntarget [J]",
                                     "total\nheat [J]", "closed\nform [J]", "bound\n[J]", "r·Δt\nlast"};
  int st = cli_table_init(t, 8, head, err);
  char b[64];
  for (size_t i = 0; !st && i < res->n_runs; i++) {
    const limen_train_result *r = &res->runs[i].result;
    double v[8] = {NAN, res->runs[i].value, r->final_test_accuracy, r->energy_to_target_J, r->total_heat_J,
                   r->expected_heat_J, r->bound_J, r->final_rate_dt};
    cli_table_row(t);
    cli_table_set(t, 0, "%s", res->runs[i].paradigm);
    cli_table_set(t, 1, "%s", has_value ? cli_num(b, 64, res->runs[i].value) : "");
    for (size_t c = 2; c < 8; c++) {
      if (!isfinite(v[c])) cli_table_set(t, c, "not reached");
      else if (c == 2) cli_table_set(t, c, "%.4f", v[c]);
      else cli_table_set(t, c, "%s", cli_human(b, 64, v[c], 4));
    }
  }
  for (int c = 1; !st && c < 8; c++) cli_table_set_right(t, (size_t)c, 1);
  return st ? st : cli_table_check(t, err);
}

/* With --out: table.csv, summary.json, one trace per run and the figures. */
static int sweep_files(const char *dir, const limen_experiment_sweep_result *res, const char *json, limen_error *err) {
  char *text = NULL;
  int st = cli_train_write_text(dir, "table.csv", limen_experiment_sweep_csv(res, &text, err), &text, err);
  if (!st) st = cli_write_file_atomic(dir, "summary.json", json, err);
  for (size_t i = 0; !st && i < res->n_runs; i++) {
    char nm[96];
    if (res->kind != LIMEN_EXPERIMENT_PARADIGMS)
      snprintf(nm, sizeof nm, "trace_%s_%g.csv", res->runs[i].paradigm, res->runs[i].value);
    else snprintf(nm, sizeof nm, "trace_%s.csv", res->runs[i].paradigm);
    st = cli_train_write_text(dir, nm, limen_train_trace_csv(&res->runs[i].result, &text, err), &text, err);
  }
  limen_train_figures *figs = NULL;
  return st ? st : cli_train_write_figures(dir, limen_experiment_sweep_figures(res, &figs, err), &figs, err);
}

/* ---- the experiment -------------------------------------------------------------------------------- */

int cli_train_exp_sweep(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  limen_experiment_sweep_config c;
  int st = sweep_config(o, &c, err);
  if (st) return st;
  limen_experiment_sweep_result res;
  memset(&res, 0, sizeof res);
  limen_run_control ctl;
  limen_checkpoint ck;
  st = cli_resume_begin(&ctl, &ck, o[O_OUT].set ? o[O_OUT].str : NULL, o[O_RESUME].set, err);
  if (!st) st = limen_experiment_sweep_ctl(&c, cli_mpi_spread(), ctl.checkpoint ? &ctl : NULL, &res, err);
  st = cli_train_langevin_refusal(cli_resume_end(&ck, st, err), &res.setup, &c.run, err);
  if (st) return st;
  int has_value = res.kind != LIMEN_EXPERIMENT_PARADIGMS, barrier = res.kind == LIMEN_EXPERIMENT_BARRIER;
  cli_table t;
  memset(&t, 0, sizeof t);
  char *json = NULL, header[256];
  snprintf(header, sizeof header, "limen train --experiment %s (task %s)%s%s\n\n", limen_experiment_kind_name(res.kind),
           res.setup.task, has_value ? ": value = " : "", has_value ? (barrier ? "barrier E_low [kT]" : "window [s]") : "");
  st = limen_experiment_sweep_json(&res, &json, err);
  if (!st) st = sweep_table(&res, has_value, &t, err);
  if (!st) st = cli_train_print(fmt, json, header, &t, out, err);
  if (!st && o[O_OUT].set && cli_mpi_rank() == 0) st = sweep_files(o[O_OUT].str, &res, json, err);
  cli_table_free(&t);
  limen_free(json);
  limen_experiment_sweep_result_clear(&res);
  return st;
}
