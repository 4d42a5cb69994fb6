/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_maxcut.c: `limen train --task maxcut-G1|G11|G14` and `--experiment maxcut`: anneal G-set
 * graphs with barrier-matched spins (E_b rises as ln(1 + t/t0)); report the cut, the heat of the
 * flips against the same flips as static writes, and with --out the traces and figures. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/train_cli.h"
#include "limen/maxcut.h"

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

static limen_anneal_config maxcut_config(cli_opt *o) {
  limen_anneal_config c = limen_anneal_config_default();
  if (o[O_STEPS].set) c.sweeps = (size_t)o[O_STEPS].lnum;
  c.beta0 = cli_train_num_or(&o[O_BETA0], c.beta0);
  c.beta_end = cli_train_num_or(&o[O_BETA_END], c.beta_end);
  c.barrier0_kT = cli_train_num_or(&o[O_BARRIER], c.barrier0_kT);
  c.barrier_rise_kT = cli_train_num_or(&o[O_RISE], c.barrier_rise_kT);
  c.retention_barrier_kT = cli_train_num_or(&o[O_RETENTION], 0.0);
  c.tau0_s = cli_train_num_or(&o[O_TAU0], c.tau0_s);
  c.temperature_K = cli_train_num_or(&o[O_TEMPERATURE], c.temperature_K);
  c.seed = o[O_SEED].set ? (uint64_t)o[O_SEED].lnum : 1;
  c.record_every = o[O_EVAL].set ? (size_t)o[O_EVAL].lnum : 10;
  return c;
}

/* One anneal of a G-set graph and the first point where the best cut reached the target. */
typedef struct maxcut_run {
  const char *graph;
  size_t n_spins;
  double best_known;
  double e_target, t_target; /* modulated heat and time at the target (NAN: never) */
  limen_anneal_result r;
} maxcut_run;

static int maxcut_anneal(const char *graph, const limen_anneal_config *c, double target, maxcut_run *m,
                         limen_error *err) {
  memset(m, 0, sizeof *m);
  m->graph = graph;
  m->e_target = m->t_target = NAN;
  limen_graph *g = NULL;
  int st = limen_graph_load(graph, &g, err);
  if (st) return st;
  m->n_spins = g->n;
  m->best_known = limen_gset_best_known(graph);
  st = limen_maxcut_anneal(g, c, NULL, &m->r, err);
  limen_graph_free(g);
  if (st) return st;
  for (size_t i = 0; i < m->r.n_points; i++)
    if (m->r.points[i].best_cut >= target * m->best_known) {
      m->e_target = m->r.points[i].heat_modulated_J;
      m->t_target = m->r.points[i].time_s;
      break;
    }
  return LIMEN_OK;
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
static int maxcut_figures(const char *dir, const maxcut_run *m, size_t n, const limen_anneal_config *c,
                          limen_error *err) {
  enum { MAX_GRAPHS = 3 };
  if (n > MAX_GRAPHS) return limen_error_set(err, LIMEN_EINTERNAL, "train", "%zu graphs in one figure", n);
  double *v[MAX_GRAPHS] = {NULL};
  int st = LIMEN_OK;
  for (size_t k = 0; k < n && !st; k++) {
    size_t np = m[k].r.n_points;
    v[k] = malloc(4 * (np + 1) * sizeof *v[k]);
    if (!v[k]) {
      st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
      break;
    }
    for (size_t i = 0; i < np; i++) {
      v[k][i] = m[k].r.points[i].heat_modulated_J;
      v[k][np + i] = m[k].r.points[i].heat_static_J;
      v[k][2 * np + i] = m[k].r.points[i].best_cut / m[k].best_known;
      v[k][3 * np + i] = m[k].r.points[i].time_s;
    }
  }
  char graphs[64] = "", known[96] = "";
  for (size_t k = 0; k < n; k++) {
    size_t a = strlen(graphs), b = strlen(known);
    snprintf(graphs + a, sizeof graphs - a, "%s%s", k ? ", " : "", m[k].graph);
    snprintf(known + b, sizeof known - b, "%s%g", k ? ", " : "", m[k].best_known);
  }
  static char lab[2 * MAX_GRAPHS][64];
  for (int pass = 0; pass < 2 && !st; pass++) {
    limen_plot_series ser[2 * MAX_GRAPHS];
    size_t ns = 0;
    for (size_t k = 0; k < n; k++) {
      size_t np = m[k].r.n_points;
      if (n == 1) {
        snprintf(lab[0], sizeof lab[0], "%s", pass ? "modulated barrier, log schedule" : "modulated barrier");
        snprintf(lab[1], sizeof lab[1], "same flips, static writes");
      } else {
        snprintf(lab[2 * k], sizeof lab[2 * k], "%s: modulated barrier", m[k].graph);
        snprintf(lab[2 * k + 1], sizeof lab[2 * k + 1], "%s: same flips, static writes", m[k].graph);
      }
      const char *l0 = n == 1 ? lab[0] : lab[2 * k], *l1 = n == 1 ? lab[1] : lab[2 * k + 1];
      ser[ns++] = (limen_plot_series){l0, pass ? v[k] + 3 * np : v[k], v[k] + 2 * np, np, LIMEN_PLOT_LINE, (int)(1 + 2 * k), NULL};
      if (!pass) ser[ns++] = (limen_plot_series){l1, v[k] + np, v[k] + 2 * np, np, LIMEN_PLOT_DASHED, (int)(2 + 2 * k), NULL};
    }
    char ttl[128], note[320];
    snprintf(ttl, sizeof ttl, pass ? "Max-Cut %s: best cut versus physical time" : "Max-Cut %s: best cut versus heat", graphs);
    snprintf(note, sizeof note, "E_b = %g + ln(1 + t/t0) kT, J/kT %g to %g, %zu sweeps, tau0 = %g s; best-known cut%s %s",
             c->barrier0_kT, c->beta0, c->beta_end, c->sweeps, c->tau0_s, n > 1 ? "s" : "", known);
    limen_plot pl = {ttl, pass ? "physical time [s]" : "cumulative heat of the spin flips [J]", "best cut / best-known cut", 1,
                     0, ser, ns, NULL, 0, 0, 0, note};
    st = cli_train_plot_file(dir, pass ? "cut_vs_time.png" : "cut_vs_heat.png", &pl, err);
  }
  for (size_t k = 0; k < n; k++) free(v[k]);
  return st;
}

int cli_train_run_maxcut(cli_opt *o, const char *graph, cli_format fmt, cli_buf *out, limen_error *err) {
  char what[48];
  snprintf(what, sizeof what, "--task maxcut-%s", graph);
  int st = maxcut_options(o, what, err);
  if (st) return st;
  limen_anneal_config c = maxcut_config(o);
  double target = cli_train_num_or(&o[O_TARGET], 0.99);
  maxcut_run m;
  cli_buf js;
  cli_buf_init(&js);
  if ((st = maxcut_anneal(graph, &c, target, &m, err))) goto done;
  const limen_anneal_result *r = &m.r;
  char name[32];
  snprintf(name, sizeof name, "maxcut-%s", graph);
  const char *texts[] = {"task", name, "paradigm", "lim-matched", "schedule",
                         "E_b(t) = E_b(0) + ln(1 + t/t0), J/kT = beta0 + kappa*(E_b(t) - E_b(0)), Glauber flips"};
  cli_train_row rows[] = {
      {"best_cut", "best cut found", "", r->best_cut},
      {"best_known_cut", "best-known cut", "", m.best_known},
      {"gap", "relative gap to best-known", "", 1.0 - r->best_cut / m.best_known},
      {"final_cut", "cut at the end", "", r->final_cut},
      {"best_sweep", "sweep of the best cut", "", (double)r->best_sweep},
      {"target_fraction", "target fraction of best-known", "", target},
      {"energy_to_target_J", "modulated heat to reach the target", "J", m.e_target},
      {"time_to_target_s", "physical time to the target", "s", m.t_target},
      {"total_heat_J", "modulated-barrier heat of the flips", "J", r->heat_modulated_J},
      {"coupling_work_J", "work of raising the coupling", "J", r->coupling_work_J},
      {"static_heat_J", "static-barrier heat of the same flips", "J", r->heat_static_J},
      {"static_write_kT", "static write per flip", "kT", r->static_write_kT},
      {"flips", "spin flips", "", r->flips},
      {"sweeps", "sweeps", "", (double)c.sweeps},
      {"n_spins", "spins", "", (double)m.n_spins},
      {"beta0", "initial coupling J/kT per unit weight", "", c.beta0},
      {"beta_end", "final coupling J/kT per unit weight", "", c.beta_end},
      {"barrier0_kT", "initial barrier", "kT", c.barrier0_kT},
      {"final_barrier_kT", "final barrier", "kT", r->final_barrier_kT},
      {"attempt_rate0_per_s", "flip attempt rate at E_b(0)", "1/s", r->attempt_rate0_per_s},
      {"t0_s", "t0 of the schedule", "s", r->t0_s},
      {"time_s", "physical time of the anneal", "s", r->time_s},
      {"tau0_s", "intrinsic time τ₀ of a spin cell", "s", c.tau0_s},
      {"temperature_K", "temperature", "K", c.temperature_K},
      {"seed", "seed", "", (double)c.seed},
  };
  char title[96];
  snprintf(title, sizeof title, "Max-Cut on %s by barrier-matched annealing", graph);
  if ((st = cli_train_render_rows(title, texts, sizeof texts / sizeof *texts, rows, sizeof rows / sizeof *rows, fmt, out, &js, err)))
    goto done;
  if (o[O_OUT].set) {
    st = maxcut_trace(o[O_OUT].str, "trace.csv", r, err);
    if (!st) st = cli_write_file_atomic(o[O_OUT].str, "summary.json", js.data, err);
    if (!st) st = maxcut_figures(o[O_OUT].str, &m, 1, &c, err);
  }
done:
  cli_buf_free(&js);
  limen_anneal_result_clear(&m.r);
  return st;
}

/* Experiment 4 (Max-Cut part): the same anneal on G1, G11 and G14; one row per graph, and with
 * --out the table, the JSON, one cut-versus-heat-and-time trace per graph and the figures. */
int cli_train_exp_maxcut(cli_opt *o, cli_format fmt, const char *dir, cli_buf *out, limen_error *err) {
  static const char *const graphs[] = {"G1", "G11", "G14"};
  enum { NG = sizeof graphs / sizeof *graphs };
  if (o[O_TASK].set)
    return cli_train_conflict(err, "--task does not apply to --experiment maxcut (it anneals G1, G11 and G14)");
  if (o[O_VALUES].set)
    return cli_train_conflict(err, "--values does not apply to --experiment maxcut (it applies to --experiment "
                              "window and barrier)");
  int st = maxcut_options(o, "--experiment maxcut", err);
  if (st) return st;
  limen_anneal_config c = maxcut_config(o);
  double target = cli_train_num_or(&o[O_TARGET], 0.99);
  maxcut_run m[NG];
  memset(m, 0, sizeof m);
  for (size_t k = 0; k < NG && !st; k++) st = maxcut_anneal(graphs[k], &c, target, &m[k], err);
  static const char *const head[] = {"graph", "spins", "best cut", "best-known", "gap", "heat to target [J]",
                                     "time to target [s]", "modulated heat [J]", "static heat [J]", "time [s]"};
  enum { NC = sizeof head / sizeof *head };
  cli_table t, tc;
  memset(&t, 0, sizeof t);
  memset(&tc, 0, sizeof tc);
  cJSON *root = NULL;
  cli_buf js;
  cli_buf_init(&js);
  if (!st) st = cli_table_init(&t, NC, head, err);
  if (!st) st = cli_table_init(&tc, NC, head, err);
  if (!st && !(root = cJSON_CreateObject())) st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  cJSON *arr = st ? NULL : cJSON_AddArrayToObject(root, "runs");
  if (!st && !arr) st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  if (!st) {
    cJSON_AddStringToObject(root, "experiment", "maxcut");
    cli_json_num(root, "target_fraction", target);
    cJSON_AddNumberToObject(root, "sweeps", (double)c.sweeps);
    cli_json_num(root, "beta0", c.beta0);
    cli_json_num(root, "beta_end", c.beta_end);
    cli_json_num(root, "barrier0_kT", c.barrier0_kT);
    cli_json_num(root, "barrier_rise_kT", c.barrier_rise_kT);
    cli_json_num(root, "tau0_s", c.tau0_s);
    cli_json_num(root, "temperature_K", c.temperature_K);
    cJSON_AddNumberToObject(root, "seed", (double)c.seed);
    for (size_t k = 0; k < NG; k++) {
      const limen_anneal_result *r = &m[k].r;
      double v[NC] = {NAN, (double)m[k].n_spins, r->best_cut, m[k].best_known, 1.0 - r->best_cut / m[k].best_known,
                      m[k].e_target, m[k].t_target, r->heat_modulated_J, r->heat_static_J, r->time_s};
      cli_table_row(&t);
      cli_table_row(&tc);
      cli_table_set(&t, 0, "%s", m[k].graph);
      cli_table_set(&tc, 0, "%s", m[k].graph);
      for (size_t j = 1; j < NC; j++) {
        char b[64];
        /* text: 4 significant digits ("not reached" where the target was never reached);
         * CSV: 10 digits, an empty field for "not reached" */
        cli_table_set(&t, j, "%s", isfinite(v[j]) ? (j <= 3 ? cli_num(b, 64, v[j]) : cli_human(b, 64, v[j], 4)) : "not reached");
        cli_table_set(&tc, j, "%s", isfinite(v[j]) ? cli_num(b, 64, v[j]) : "");
      }
      cJSON *jr = cJSON_CreateObject();
      if (!jr) continue;
      cJSON_AddStringToObject(jr, "graph", m[k].graph);
      cJSON_AddNumberToObject(jr, "n_spins", (double)m[k].n_spins);
      cli_json_num(jr, "best_cut", r->best_cut);
      cli_json_num(jr, "best_known_cut", m[k].best_known);
      cli_json_num(jr, "gap", 1.0 - r->best_cut / m[k].best_known);
      cli_json_num(jr, "final_cut", r->final_cut);
      cJSON_AddNumberToObject(jr, "best_sweep", (double)r->best_sweep);
      cli_json_num(jr, "energy_to_target_J", m[k].e_target);
      cli_json_num(jr, "time_to_target_s", m[k].t_target);
      cli_json_num(jr, "total_heat_J", r->heat_modulated_J);
      cli_json_num(jr, "coupling_work_J", r->coupling_work_J);
      cli_json_num(jr, "static_heat_J", r->heat_static_J);
      cli_json_num(jr, "flips", r->flips);
      cli_json_num(jr, "time_s", r->time_s);
      cJSON_AddItemToArray(arr, jr);
    }
    for (size_t j = 1; j < NC; j++) cli_table_set_right(&t, j, 1);
    st = cli_table_check(&t, err);
    if (!st) st = cli_table_check(&tc, err);
    if (!st) st = cli_json_print(root, &js, err);
  }
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) {
      cli_buf_puts(out, js.data);
    } else {
      cli_buf_printf(out,
                     "limen train --experiment maxcut: barrier-matched annealing, %zu sweeps, E_b(0) = %g kT rising by "
                     "%g kT,\nJ/kT %g to %g, tau0 = %g s, target %g of the best-known cut\n\n",
                     c.sweeps, c.barrier0_kT, c.barrier_rise_kT, c.beta0, c.beta_end, c.tau0_s, target);
      cli_table_text(&t, out, 2);
    }
    st = cli_buf_check(out, err);
  }
  if (!st && dir) {
    st = cli_train_write_outputs(dir, &tc, js.data, err);
    for (size_t k = 0; k < NG && !st; k++) {
      char nm[32];
      snprintf(nm, sizeof nm, "trace_%s.csv", m[k].graph);
      st = maxcut_trace(dir, nm, &m[k].r, err);
    }
    if (!st) st = maxcut_figures(dir, m, NG, &c, err);
  }
  cJSON_Delete(root);
  cli_buf_free(&js);
  cli_table_free(&t);
  cli_table_free(&tc);
  for (size_t k = 0; k < NG; k++) limen_anneal_result_clear(&m[k].r);
  return st;
}
