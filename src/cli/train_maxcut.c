/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_maxcut.c: `limen train --task maxcut-G1|G11|G14` and `--experiment maxcut`: the options
 * into a limen_experiment_maxcut_config, the anneals by limen_experiment_maxcut (barrier-matched
 * spins, E_b rising as ln(1 + t/t0)), and the cut, the heat of the flips against the same flips
 * as static writes, and with --out the traces and figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/train_cli.h"

static const int not_for_maxcut[] = {O_BATCH, O_LR, O_SCHEDULE, O_LR_T0, O_BITS, O_WMAX, O_HOLD, O_WINDOW, O_CELLS};

/* Reject what an anneal does not read; `what` names the run ("--task maxcut-G1"). */
static int maxcut_options(cli_opt *o, const char *what, limen_error *err) {
  for (size_t i = 0; i < sizeof not_for_maxcut / sizeof *not_for_maxcut; i++)
    if (o[not_for_maxcut[i]].set)
      return cli_train_conflict(err, "--%s does not apply to %s (it applies to the training tasks)",
                                o[not_for_maxcut[i]].name, what);
  if (o[O_PARADIGM].set && strcmp(o[O_PARADIGM].str, "lim-matched") != 0)
    return limen_error_set(err, LIMEN_EINVAL, "--paradigm", "'%s': Max-Cut annealing runs lim-matched spins only "
                           "(the static cost of the same flips is reported alongside)", o[O_PARADIGM].str);
  return LIMEN_OK;
}

/* The configuration of the anneals from the options (the library's defaults where unset). */
static limen_experiment_maxcut_config maxcut_config(const cli_opt *o) {
  limen_experiment_maxcut_config m = limen_experiment_maxcut_config_default();
  limen_anneal_config *c = &m.anneal;
  if (o[O_STEPS].set) c->sweeps = (size_t)o[O_STEPS].lnum;
  c->beta0 = cli_train_num_or(&o[O_BETA0], c->beta0);
  c->beta_end = cli_train_num_or(&o[O_BETA_END], c->beta_end);
  c->barrier0_kT = cli_train_num_or(&o[O_BARRIER], c->barrier0_kT);
  c->barrier_rise_kT = cli_train_num_or(&o[O_RISE], c->barrier_rise_kT);
  c->retention_barrier_kT = cli_train_num_or(&o[O_RETENTION], c->retention_barrier_kT);
  c->tau0_s = cli_train_num_or(&o[O_TAU0], c->tau0_s);
  c->temperature_K = cli_train_num_or(&o[O_TEMPERATURE], c->temperature_K);
  if (o[O_SEED].set) c->seed = (uint64_t)o[O_SEED].lnum;
  if (o[O_EVAL].set) c->record_every = (size_t)o[O_EVAL].lnum;
  m.target = cli_train_num_or(&o[O_TARGET], m.target);
  return m;
}

/* The trace of an anneal: cut and best cut against physical time and cumulative heat. */
static int maxcut_trace(const char *dir, const char *name, const limen_anneal_result *r, limen_error *err) {
  cli_buf b;
  cli_buf_init(&b);
  char n[8][64];
  cli_buf_puts(&b, "sweep,time_s,beta,barrier_kT,cut,best_cut,heat_modulated_J,heat_static_J\n");
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_anneal_point *p = &r->points[i];
    cli_buf_printf(&b, "%zu,%s,%s,%s,%s,%s,%s,%s\n", p->sweep, cli_num(n[0], 64, p->time_s), cli_num(n[1], 64, p->beta),
                   cli_num(n[2], 64, p->barrier_kT), cli_num(n[3], 64, p->cut), cli_num(n[4], 64, p->best_cut),
                   cli_num(n[5], 64, p->heat_modulated_J), cli_num(n[6], 64, p->heat_static_J));
  }
  int st = cli_buf_check(&b, err);
  if (!st) st = cli_write_file_atomic(dir, name, b.data, err);
  cli_buf_free(&b);
  return st;
}

/* Figures: best cut (fraction of best-known) versus cumulative heat (modulated, and the same
 * flips as static writes) and versus physical time, one pair of curves per graph. */
static int maxcut_figures(const char *dir, const limen_experiment_maxcut_result *res, const limen_anneal_config *c,
                          limen_error *err) {
  enum { MAX = LIMEN_EXPERIMENT_MAX_GRAPHS };
  size_t n = res->n_runs;
  const limen_experiment_maxcut_run *m = res->runs;
  char graphs[128] = "", known[160] = "";
  for (size_t k = 0; k < n; k++) {
    size_t a = strlen(graphs), b = strlen(known);
    snprintf(graphs + a, sizeof graphs - a, "%s%.*s", k ? ", " : "", (int)sizeof m[k].graph, m[k].graph);
    snprintf(known + b, sizeof known - b, "%s%g", k ? ", " : "", m[k].best_known);
  }
  int st = LIMEN_OK;
  for (int pass = 0; pass < 2 && !st; pass++) {
    limen_plot_series ser[2 * MAX];
    char lab[2 * MAX][64];
    double *x[2 * MAX] = {NULL};
    size_t ns = 0;
    for (size_t k = 0; k < n && !st; k++) {
      const limen_anneal_result *r = &m[k].result;
      size_t np = r->n_points;
      for (int s = 0; s < 2 - pass && !st; s++) { /* s = 0: modulated barrier, 1: static writes */
        if (!(x[ns] = malloc((np ? np : 1) * sizeof *x[ns]))) {
          st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
          break;
        }
        for (size_t i = 0; i < np; i++)
          x[ns][i] = pass ? r->points[i].time_s : s ? r->points[i].heat_static_J : r->points[i].heat_modulated_J;
        if (n == 1) snprintf(lab[ns], sizeof lab[ns], "%s", s ? "same flips, static writes" : pass ? "modulated barrier, log schedule" : "modulated barrier");
        else snprintf(lab[ns], sizeof lab[ns], "%s: %s", m[k].graph, s ? "same flips, static writes" : "modulated barrier");
        ser[ns] = (limen_plot_series){lab[ns], x[ns], m[k].best_fraction, np, s ? LIMEN_PLOT_DASHED : LIMEN_PLOT_LINE,
                                      (int)(1 + s + 2 * k), NULL};
        ns++;
      }
    }
    char ttl[192], note[400];
    snprintf(ttl, sizeof ttl, pass ? "Max-Cut %s: best cut versus physical time" : "Max-Cut %s: best cut versus heat", graphs);
    snprintf(note, sizeof note, "E_b = %g + ln(1 + t/t0) kT, J/kT %g to %g, %zu sweeps, tau0 = %g s; best-known cut%s %s",
             c->barrier0_kT, c->beta0, c->beta_end, c->sweeps, c->tau0_s, n > 1 ? "s" : "", known);
    limen_plot pl = {ttl, pass ? "physical time [s]" : "cumulative heat of the spin flips [J]", "best cut / best-known cut", 1,
                     0, ser, ns, NULL, 0, 0, 0, note};
    if (!st) st = cli_train_plot_file(dir, pass ? "cut_vs_time.png" : "cut_vs_heat.png", &pl, err);
    for (size_t i = 0; i < 2 * MAX; i++) free(x[i]);
  }
  return st;
}

int cli_train_run_maxcut(cli_opt *o, const char *graph, cli_format fmt, cli_buf *out, limen_error *err) {
  char what[48];
  snprintf(what, sizeof what, "--task maxcut-%s", graph);
  int st = maxcut_options(o, what, err);
  if (st) return st;
  limen_experiment_maxcut_config c = maxcut_config(o);
  c.graphs[0] = graph;
  c.n_graphs = 1;
  limen_experiment_maxcut_result res;
  if ((st = limen_experiment_maxcut(&c, &res, err))) return st;
  const limen_experiment_maxcut_run *m = &res.runs[0];
  const limen_anneal_result *r = &m->result;
  const limen_anneal_config *a = &c.anneal;
  char name[32];
  snprintf(name, sizeof name, "maxcut-%s", graph);
  const char *texts[] = {"task", name, "paradigm", "lim-matched", "schedule",
                         "E_b(t) = E_b(0) + ln(1 + t/t0), J/kT = beta0 + kappa*(E_b(t) - E_b(0)), Glauber flips"};
  cli_train_row rows[] = {
      {"best_cut", "best cut found", "", r->best_cut},
      {"best_known_cut", "best-known cut", "", m->best_known},
      {"gap", "relative gap to best-known", "", m->gap},
      {"final_cut", "cut at the end", "", r->final_cut},
      {"best_sweep", "sweep of the best cut", "", (double)r->best_sweep},
      {"target_fraction", "target fraction of best-known", "", c.target},
      {"energy_to_target_J", "modulated heat to reach the target", "J", m->energy_to_target_J},
      {"time_to_target_s", "physical time to the target", "s", m->time_to_target_s},
      {"total_heat_J", "modulated-barrier heat of the flips", "J", r->heat_modulated_J},
      {"coupling_work_J", "work of raising the coupling", "J", r->coupling_work_J},
      {"static_heat_J", "static-barrier heat of the same flips", "J", r->heat_static_J},
      {"static_write_kT", "static write per flip", "kT", r->static_write_kT},
      {"flips", "spin flips", "", r->flips},
      {"sweeps", "sweeps", "", (double)a->sweeps},
      {"n_spins", "spins", "", (double)m->n_spins},
      {"beta0", "initial coupling J/kT per unit weight", "", a->beta0},
      {"beta_end", "final coupling J/kT per unit weight", "", a->beta_end},
      {"barrier0_kT", "initial barrier", "kT", a->barrier0_kT},
      {"final_barrier_kT", "final barrier", "kT", r->final_barrier_kT},
      {"attempt_rate0_per_s", "flip attempt rate at E_b(0)", "1/s", r->attempt_rate0_per_s},
      {"t0_s", "t0 of the schedule", "s", r->t0_s},
      {"time_s", "physical time of the anneal", "s", r->time_s},
      {"tau0_s", "intrinsic time τ₀ of a spin cell", "s", a->tau0_s},
      {"temperature_K", "temperature", "K", a->temperature_K},
      {"seed", "seed", "", (double)a->seed},
  };
  char title[96];
  snprintf(title, sizeof title, "Max-Cut on %s by barrier-matched annealing", graph);
  cli_buf js;
  cli_buf_init(&js);
  st = cli_train_render_rows(title, texts, sizeof texts / sizeof *texts, rows, sizeof rows / sizeof *rows, fmt, out, &js, err);
  if (!st && o[O_OUT].set) {
    st = maxcut_trace(o[O_OUT].str, "trace.csv", r, err);
    if (!st) st = cli_write_file_atomic(o[O_OUT].str, "summary.json", js.data, err);
    if (!st) st = maxcut_figures(o[O_OUT].str, &res, a, err);
  }
  cli_buf_free(&js);
  limen_experiment_maxcut_result_clear(&res);
  return st;
}

/* ---- --experiment maxcut: one row per graph ------------------------------------------------------- */

static const char *const study_head[] = {"graph", "spins", "best cut", "best-known", "gap", "heat to target [J]",
                                         "time to target [s]", "modulated heat [J]", "static heat [J]", "time [s]"};
enum { NC = sizeof study_head / sizeof *study_head };

/* The rows of the study: text (4 significant digits, "not reached" where the target was never
 * reached) and CSV (10 digits, an empty field for "not reached"). */
static int study_tables(const limen_experiment_maxcut_result *res, cli_table *t, cli_table *tc, limen_error *err) {
  int st = cli_table_init(t, NC, study_head, err);
  if (!st) st = cli_table_init(tc, NC, study_head, err);
  for (size_t k = 0; !st && k < res->n_runs; k++) {
    const limen_experiment_maxcut_run *m = &res->runs[k];
    const limen_anneal_result *r = &m->result;
    double v[NC] = {NAN, (double)m->n_spins, r->best_cut, m->best_known, m->gap, m->energy_to_target_J,
                    m->time_to_target_s, r->heat_modulated_J, r->heat_static_J, r->time_s};
    cli_table_row(t);
    cli_table_row(tc);
    cli_table_set(t, 0, "%s", m->graph);
    cli_table_set(tc, 0, "%s", m->graph);
    for (size_t j = 1; j < NC; j++) {
      char b[64];
      cli_table_set(t, j, "%s", isfinite(v[j]) ? (j <= 3 ? cli_num(b, 64, v[j]) : cli_human(b, 64, v[j], 4)) : "not reached");
      cli_table_set(tc, j, "%s", isfinite(v[j]) ? cli_num(b, 64, v[j]) : "");
    }
  }
  for (size_t j = 1; !st && j < NC; j++) cli_table_set_right(t, j, 1);
  if (!st) st = cli_table_check(t, err);
  if (!st) st = cli_table_check(tc, err);
  return st;
}

/* The JSON document of the study. */
static int study_json(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_result *res, cli_buf *js,
                      limen_error *err) {
  const limen_anneal_config *a = &c->anneal;
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = root ? cJSON_AddArrayToObject(root, "runs") : NULL;
  if (!arr) {
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  }
  cJSON_AddStringToObject(root, "experiment", "maxcut");
  cli_json_num(root, "target_fraction", c->target);
  cJSON_AddNumberToObject(root, "sweeps", (double)a->sweeps);
  cli_json_num(root, "beta0", a->beta0);
  cli_json_num(root, "beta_end", a->beta_end);
  cli_json_num(root, "barrier0_kT", a->barrier0_kT);
  cli_json_num(root, "barrier_rise_kT", a->barrier_rise_kT);
  cli_json_num(root, "tau0_s", a->tau0_s);
  cli_json_num(root, "temperature_K", a->temperature_K);
  cJSON_AddNumberToObject(root, "seed", (double)a->seed);
  for (size_t k = 0; k < res->n_runs; k++) {
    const limen_experiment_maxcut_run *m = &res->runs[k];
    const limen_anneal_result *r = &m->result;
    cJSON *jr = cJSON_CreateObject();
    if (!jr) continue;
    cJSON_AddStringToObject(jr, "graph", m->graph);
    cJSON_AddNumberToObject(jr, "n_spins", (double)m->n_spins);
    cli_json_num(jr, "best_cut", r->best_cut);
    cli_json_num(jr, "best_known_cut", m->best_known);
    cli_json_num(jr, "gap", m->gap);
    cli_json_num(jr, "final_cut", r->final_cut);
    cJSON_AddNumberToObject(jr, "best_sweep", (double)r->best_sweep);
    cli_json_num(jr, "energy_to_target_J", m->energy_to_target_J);
    cli_json_num(jr, "time_to_target_s", m->time_to_target_s);
    cli_json_num(jr, "total_heat_J", r->heat_modulated_J);
    cli_json_num(jr, "coupling_work_J", r->coupling_work_J);
    cli_json_num(jr, "static_heat_J", r->heat_static_J);
    cli_json_num(jr, "flips", r->flips);
    cli_json_num(jr, "time_s", r->time_s);
    cJSON_AddItemToArray(arr, jr);
  }
  int st = cli_json_print(root, js, err);
  cJSON_Delete(root);
  return st;
}

/* Experiment 4 (Max-Cut part): the same anneal on G1, G11 and G14; one row per graph, and with
 * --out the table, the JSON, one cut-versus-heat-and-time trace per graph and the figures. */
int cli_train_exp_maxcut(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  if (o[O_TASK].set)
    return cli_train_conflict(err, "--task does not apply to --experiment maxcut (it anneals G1, G11 and G14)");
  if (o[O_VALUES].set)
    return cli_train_conflict(err, "--values does not apply to --experiment maxcut (it applies to --experiment "
                              "window and barrier)");
  int st = maxcut_options(o, "--experiment maxcut", err);
  if (st) return st;
  const char *dir = o[O_OUT].set ? o[O_OUT].str : NULL;
  limen_experiment_maxcut_config c = maxcut_config(o);
  limen_experiment_maxcut_result res;
  if ((st = limen_experiment_maxcut(&c, &res, err))) return st;
  cli_table t, tc;
  memset(&t, 0, sizeof t);
  memset(&tc, 0, sizeof tc);
  cli_buf js;
  cli_buf_init(&js);
  st = study_tables(&res, &t, &tc, err);
  if (!st) st = study_json(&c, &res, &js, err);
  if (!st) {
    const limen_anneal_config *a = &c.anneal;
    char header[400];
    snprintf(header, sizeof header,
             "limen train --experiment maxcut: barrier-matched annealing, %zu sweeps, E_b(0) = %g kT rising by "
             "%g kT,\nJ/kT %g to %g, tau0 = %g s, target %g of the best-known cut\n\n",
             a->sweeps, a->barrier0_kT, a->barrier_rise_kT, a->beta0, a->beta_end, a->tau0_s, c.target);
    st = cli_train_print(fmt, js.data, header, &t, out, err);
  }
  if (!st && dir) st = cli_train_write_outputs(dir, &tc, js.data, err);
  for (size_t k = 0; !st && dir && k < res.n_runs; k++) {
    char nm[32];
    snprintf(nm, sizeof nm, "trace_%s.csv", res.runs[k].graph);
    st = maxcut_trace(dir, nm, &res.runs[k].result, err);
  }
  if (!st && dir) st = maxcut_figures(dir, &res, &c.anneal, err);
  cli_buf_free(&js);
  cli_table_free(&t);
  cli_table_free(&tc);
  limen_experiment_maxcut_result_clear(&res);
  return st;
}
