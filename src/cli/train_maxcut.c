/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_maxcut.c: `limen train --task maxcut-G1|G11|G14` and `--experiment maxcut`: the options
 * into a limen_experiment_maxcut_config, the anneals by limen_experiment_maxcut (barrier-matched
 * spins, E_b rising as ln(1 + t/t0)), and the cut, the heat of the flips against the same flips
 * as static writes as a table, and with --out the traces, JSON, CSV and figures (made by the
 * library: limen_anneal_json, limen_experiment_maxcut_json, _csv, _figures). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/mpi_run.h"
#include "cli/progress.h"
#include "cli/train_cli.h"

/* The configuration of the anneals from the options (the library's defaults where unset). */
static limen_experiment_maxcut_config maxcut_config(const cli_opt *o) {
  limen_experiment_maxcut_config m = limen_experiment_maxcut_config_default();
  size_t n;
  const limen_input *t = limen_experiment_maxcut_inputs(&n);
  cli_train_apply_rows(o, t, n, &m);
  m.anneal.progress = cli_progress_fn; /* --quiet: none */
  m.anneal.progress_ctx = cli_train_progress();
  return m;
}

/* With --out: the trace(s) (trace.csv for one graph, else trace_<graph>.csv), summary.json, and
 * with `csv` table.csv; then the figures. */
static int maxcut_files(const char *dir, const limen_experiment_maxcut_config *c,
                        const limen_experiment_maxcut_result *res, const char *json, int csv, limen_error *err) {
  char *text = NULL;
  int st = csv ? cli_train_write_text(dir, "table.csv", limen_experiment_maxcut_csv(res, &text, err), &text, err)
               : LIMEN_OK;
  if (!st && csv) st = cli_write_file_atomic(dir, "summary.json", json, err);
  for (size_t k = 0; !st && k < res->n_runs; k++) {
    char nm[32];
    if (csv) snprintf(nm, sizeof nm, "trace_%s.csv", res->runs[k].graph);
    else snprintf(nm, sizeof nm, "trace.csv");
    st = cli_train_write_text(dir, nm, limen_anneal_trace_csv(&res->runs[k].result, &text, err), &text, err);
  }
  if (!st && !csv) st = cli_write_file_atomic(dir, "summary.json", json, err);
  limen_train_figures *figs = NULL;
  return st ? st : cli_train_write_figures(dir, limen_experiment_maxcut_figures(c, res, &figs, err), &figs, err);
}

int cli_train_run_maxcut(cli_opt *o, const char *graph, cli_format fmt, cli_buf *out, limen_error *err) {
  limen_experiment_maxcut_config c = maxcut_config(o);
  c.graphs[0] = graph;
  c.n_graphs = 1;
  limen_experiment_maxcut_result res;
  int st = limen_experiment_maxcut_spread(&c, cli_mpi_spread(), &res, err);
  if (st) return cli_error_input(err); /* "--beta-end = ..." */
  size_t n;
  const limen_field *f = limen_anneal_record_fields(&n);
  limen_anneal_record rec;
  limen_anneal_record_make(&c, &res.runs[0], &rec);
  char title[96], *json = NULL;
  snprintf(title, sizeof title, "Max-Cut on %s by barrier-matched annealing", graph);
  st = limen_anneal_json(&c, &res.runs[0], &json, err);
  if (!st) st = cli_train_render_record(title, f, n, &rec, NULL, fmt, json, out, err);
  if (!st && o[O_OUT].set && cli_mpi_rank() == 0) st = maxcut_files(o[O_OUT].str, &c, &res, json, 0, err);
  limen_free(json);
  limen_experiment_maxcut_result_clear(&res);
  return st;
}

/* ---- --experiment maxcut: one row per graph ------------------------------------------------------- */

/* The rows of the study: 4 significant digits, "not reached" where the target never was. */
static int study_table(const limen_experiment_maxcut_result *res, cli_table *t, limen_error *err) {
  static const char *const head[] = {"graph",           "spins",         "best\ncut",        "best-\nknown",
                                     "gap",             "heat to\ntarget [J]", "time to\ntarget [s]", "modulated\nheat [J]",
                                     "static\nheat [J]", "time\n[s]"};
  enum { NC = sizeof head / sizeof *head };
  int st = cli_table_init(t, NC, head, err);
  for (size_t k = 0; !st && k < res->n_runs; k++) {
    const limen_experiment_maxcut_run *m = &res->runs[k];
    const limen_anneal_result *r = &m->result;
    double v[NC] = {NAN, (double)m->n_spins, r->best_cut, m->best_known, m->gap, m->energy_to_target_J,
                    m->time_to_target_s, r->heat_modulated_J, r->heat_static_J, r->time_s};
    cli_table_row(t);
    cli_table_set(t, 0, "%s", m->graph);
    for (size_t j = 1; j < NC; j++) {
      char b[64];
      cli_table_set(t, j, "%s", isfinite(v[j]) ? (j <= 3 ? cli_num(b, 64, v[j]) : cli_human(b, 64, v[j], 4)) : "not reached");
    }
  }
  for (size_t j = 1; !st && j < NC; j++) cli_table_set_right(t, j, 1);
  return st ? st : cli_table_check(t, err);
}

/* Experiment 4 (Max-Cut part): the same anneal on G1, G11 and G14; one row per graph, and with
 * --out the table, the JSON, one cut-versus-heat-and-time trace per graph and the figures. */
int cli_train_exp_maxcut(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  int st;
  const char *dir = o[O_OUT].set && cli_mpi_rank() == 0 ? o[O_OUT].str : NULL;
  limen_experiment_maxcut_config c = maxcut_config(o);
  limen_experiment_maxcut_result res;
  limen_run_control ctl;
  limen_checkpoint ck;
  st = cli_resume_begin(&ctl, &ck, o[O_OUT].set ? o[O_OUT].str : NULL, o[O_RESUME].set, err);
  if (!st && (st = limen_experiment_maxcut_ctl(&c, cli_mpi_spread(), ctl.checkpoint ? &ctl : NULL, &res, err)))
    cli_error_input(err);
  if ((st = cli_resume_end(&ck, st, err))) return st;
  const limen_anneal_config *a = &c.anneal;
  cli_table t;
  memset(&t, 0, sizeof t);
  char header[400], *json = NULL;
  snprintf(header, sizeof header,
           "limen train --experiment maxcut: barrier-matched annealing, %zu sweeps,\nE_b(0) = %g kT rising by "
           "%g kT, J/kT %g to %g, tau0 = %g s, target %g of the best-known cut\n\n",
           a->sweeps, a->barrier0_kT, a->barrier_rise_kT, a->beta0, a->beta_end, a->tau0_s, c.target);
  st = limen_experiment_maxcut_json(&c, &res, &json, err);
  if (!st) st = study_table(&res, &t, err);
  if (!st) st = cli_train_print(fmt, json, header, &t, out, err);
  if (!st && dir) st = maxcut_files(dir, &c, &res, json, 1, err);
  limen_free(json);
  cli_table_free(&t);
  limen_experiment_maxcut_result_clear(&res);
  return st;
}
