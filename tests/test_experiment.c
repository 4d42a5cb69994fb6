/* SPDX-License-Identifier: GPL-3.0-or-later
 * The experiments of docs/results.md as library calls (experiment.h): configuration defaults,
 * bad configurations rejected with the field named, results equal to the lower-level calls they
 * are made of and to quantities recomputed here independently, and to what `limen train` prints
 * for the same inputs; the input tables (defaults, both ends of every range), the JSON and CSV of
 * the report functions and the figures they assemble. */
#define _POSIX_C_SOURCE 200809L /* popen */
#include <cjson/cJSON.h>
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/experiment.h"
#include "limen/paradigm.h"
#include "limen/report.h"
#include "limen/units.h"
#include "limen/workload.h"
#include "testutil.h"

/* kT at T, from the exact SI Boltzmann constant (independent of limen_kT). */
static double kT_at(double T) { return 1.380649e-23 * T; }

/* A small breast-cancer configuration (62 parameters, full batch): fast. */
static limen_experiment_config small_config(const char *paradigm, size_t steps) {
  limen_experiment_config c = limen_experiment_config_default();
  c.task = "breast-cancer";
  c.paradigm = paradigm;
  c.steps = steps;
  return c;
}

/* ---- defaults ------------------------------------------------------------------------------------ */

Test(experiment, config_defaults) {
  limen_experiment_config c = limen_experiment_config_default();
  limen_memory_config m = limen_memory_config_default();
  cr_assert_str_eq(c.task, "digits");
  cr_assert_str_eq(c.paradigm, "lim-matched");
  cr_assert_eq(c.seed, 1);
  cr_assert_eq(c.steps, LIMEN_EXPERIMENT_TASK_DEFAULT);
  cr_assert_eq(c.batch, LIMEN_EXPERIMENT_TASK_DEFAULT);
  cr_assert_eq(c.eval_every, LIMEN_EXPERIMENT_TASK_DEFAULT);
  cr_assert(isnan(c.window_s) && isnan(c.target) && isnan(c.eta0) && isnan(c.lr_t0));
  cr_assert_null(c.schedule);
  cr_assert_eq(c.eta_min_fraction, 1e-3);
  cr_assert_eq(c.max_langevin_steps, 1e8);
  cr_assert_eq(memcmp(&c.memory, &m, sizeof m), 0, "the cells default to limen_memory_config_default");
  cr_assert_eq(limen_memory_config_check(&c.memory, NULL), LIMEN_OK);
}

Test(experiment, sweep_scaling_maxcut_defaults) {
  limen_experiment_sweep_config w = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_WINDOW);
  static const double windows[] = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4};
  cr_assert_eq(w.n_values, 5);
  for (size_t i = 0; i < 5; i++) cr_assert_eq(w.values[i], windows[i]);
  cr_assert_null(w.run.paradigm);
  cr_assert_eq(w.curve_points, 61);
  limen_experiment_sweep_config b = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_BARRIER);
  cr_assert_eq(b.n_values, 14);
  for (size_t i = 0; i < 14; i++) cr_assert_eq(b.values[i], 3.0 + (double)i);
  cr_assert_eq(limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_PARADIGMS).n_values, 0);
  cr_assert_str_eq(limen_experiment_kind_name(LIMEN_EXPERIMENT_BARRIER), "barrier");
  limen_experiment_scaling_config s = limen_experiment_scaling_config_default();
  cr_assert_null(s.run.paradigm);
  cr_assert_eq(s.grid_points, 29);
  cr_assert_eq(s.grid_span, 10.0);
  limen_experiment_maxcut_config x = limen_experiment_maxcut_config_default();
  cr_assert_eq(x.n_graphs, 3);
  cr_assert_str_eq(x.graphs[0], "G1");
  cr_assert_str_eq(x.graphs[1], "G11");
  cr_assert_str_eq(x.graphs[2], "G14");
  cr_assert_eq(x.target, 0.99);
  cr_assert_eq(x.anneal.record_every, 10);
  cr_assert_eq(x.anneal.sweeps, limen_anneal_config_default().sweeps);
}

/* ---- bad configurations: rejected, naming the field --------------------------------------------- */

static void expect_field(int st, int code, const limen_error *err, const char *field) {
  cr_assert_eq(st, code, "status %d, expected %d: %s", st, code, err->msg);
  cr_assert_not_null(strstr(err->trace, field), "'%s' does not name %s", err->trace, field);
}

Test(experiment, bad_training_config_named) {
  limen_error err;
  limen_experiment_run run;
  limen_experiment_config c = small_config("lim-fixed", 5);
  c.eta_min_fraction = 0;
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_EINVAL, &err, "eta_min_fraction");
  c = small_config("lim-fixed", 5);
  c.task = "imagenet";
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_ENOTFOUND, &err, "imagenet");
  c = small_config("sram", 5);
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_ENOTFOUND, &err, "sram");
  c = small_config(NULL, 5);
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_EINVAL, &err, "paradigm");
  c = small_config("lim-fixed", 5);
  c.schedule = "step";
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_EINVAL, &err, "schedule");
  c = small_config("lim-fixed", 5);
  c.window_s = -1;
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_EINVAL, &err, "window_s");
}

/* digits: 650 cells × 200 steps × (1 µs / 1 ns) / 2e-3 = 6.5e10 Langevin steps, above 1e8. */
Test(experiment, langevin_run_too_large_refused) {
  limen_error err;
  limen_experiment_run run;
  limen_experiment_config c = limen_experiment_config_default();
  c.memory.cells = LIMEN_CELLS_LANGEVIN;
  expect_field(limen_experiment_train(&c, &run, &err), LIMEN_EINVAL, &err, "memory.cells");
  cr_assert_eq(run.setup.langevin_refused, 1);
  cr_assert_eq(run.setup.n_params, 650);
  cr_assert_eq(run.setup.train.steps, 200);
  cr_assert(tu_close_rel(run.setup.window_tau0, 1000.0, 1e-12));
  cr_assert(tu_close_rel(run.setup.langevin_steps, 650.0 * 200.0 * 1000.0 / 2e-3, 1e-12));
  limen_experiment_sweep_config s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_PARADIGMS);
  s.run.memory.cells = LIMEN_CELLS_LANGEVIN;
  limen_experiment_sweep_result r;
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "memory.cells");
  cr_assert_eq(r.setup.langevin_refused, 1);
  cr_assert_null(r.runs);
}

Test(experiment, bad_experiment_configs_named) {
  limen_error err;
  limen_experiment_sweep_result r;
  limen_experiment_sweep_config s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_WINDOW);
  s.n_values = 0;
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "n_values");
  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_WINDOW);
  s.values[1] = -1;
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "values[1]");
  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_BARRIER);
  s.run.paradigm = "digital-static";
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "run.paradigm");
  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_PARADIGMS);
  s.run.paradigm = "ideal";
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "run.paradigm");
  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_PARADIGMS);
  s.kind = (limen_experiment_kind)7;
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "kind");

  limen_experiment_scaling_result sr;
  limen_experiment_scaling_config sc = limen_experiment_scaling_config_default();
  sc.grid_span = 0;
  expect_field(limen_experiment_scaling(&sc, &sr, &err), LIMEN_EINVAL, &err, "grid_span");
  sc = limen_experiment_scaling_config_default();
  sc.run.paradigm = "lim-matched";
  expect_field(limen_experiment_scaling(&sc, &sr, &err), LIMEN_EINVAL, &err, "run.paradigm");

  limen_experiment_maxcut_result mr;
  limen_experiment_maxcut_config mc = limen_experiment_maxcut_config_default();
  mc.target = 1.5;
  expect_field(limen_experiment_maxcut(&mc, &mr, &err), LIMEN_EINVAL, &err, "target");
  mc = limen_experiment_maxcut_config_default();
  mc.graphs[1] = "G99";
  expect_field(limen_experiment_maxcut(&mc, &mr, &err), LIMEN_EINVAL, &err, "graphs[1]");
  mc = limen_experiment_maxcut_config_default();
  mc.n_graphs = 0;
  expect_field(limen_experiment_maxcut(&mc, &mr, &err), LIMEN_EINVAL, &err, "n_graphs");
}

/* ---- one run: the task's defaults with the overrides, as limen_train_run ------------------------ */

Test(experiment, train_equals_the_loop_with_the_overrides) {
  limen_error err;
  limen_experiment_config c = small_config("lim-matched", 30);
  c.seed = 4;
  c.eta0 = 0.7;
  c.schedule = "cosine";
  c.memory.bits = 8;
  c.memory.temperature_K = 350;
  limen_experiment_run run;
  cr_assert_eq(limen_experiment_train(&c, &run, &err), LIMEN_OK, "%s", err.msg);

  limen_task task;
  cr_assert_eq(limen_task_setup("breast-cancer", 4, &task, &err), LIMEN_OK, "%s", err.msg);
  limen_train_config tc = task.defaults;
  tc.steps = 30;
  tc.lr.kind = LIMEN_LR_COSINE;
  tc.lr.eta0 = 0.7;
  tc.lr.eta_min = 0.7e-3;
  tc.lr.t_end = 30;
  limen_memory_config mc = limen_memory_config_default();
  mc.bits = 8;
  mc.temperature_K = 350;
  mc.seed = 4;
  limen_train_result r;
  cr_assert_eq(limen_train_run(&task.model, task.train, task.test, limen_memory_lim_matched, &mc, &tc, &r, &err), LIMEN_OK,
               "%s", err.msg);
  cr_assert_str_eq(run.setup.task, "breast-cancer");
  cr_assert_eq(run.setup.n_params, 62);
  cr_assert_eq(run.setup.train.target, task.defaults.target, "an unset target is the task's");
  cr_assert_eq(run.setup.memory.seed, 4);
  cr_assert_eq(run.result.total_heat_J, r.total_heat_J);
  cr_assert_eq(run.result.bound_J, r.bound_J);
  cr_assert_eq(run.result.final_test_accuracy, r.final_test_accuracy);
  cr_assert_eq(run.result.n_points, r.n_points);
  cr_assert(tu_close_rel(run.total_heat_kT, r.total_heat_J / kT_at(350), 1e-12));
  cr_assert(tu_close_rel(run.heat_per_cell_step_kT, r.total_heat_J / (62.0 * 30.0) / kT_at(350), 1e-12));
  limen_train_result_clear(&r);
  limen_task_clear(&task);
  limen_experiment_run_clear(&run);
}

/* ---- sweeps --------------------------------------------------------------------------------------- */

Test(experiment, window_sweep_runs_and_closed_form_curve) {
  limen_error err;
  limen_experiment_sweep_config s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_WINDOW);
  s.run.task = "breast-cancer";
  s.run.steps = 10;
  s.values[0] = 1e-5, s.values[1] = 1e-7, s.values[2] = 1e-6;
  s.n_values = 3;
  s.curve_points = 5;
  limen_experiment_sweep_result r;
  cr_assert_eq(limen_experiment_sweep(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(r.n_paradigms, 2);
  cr_assert_eq(r.n_runs, 6);
  cr_assert_str_eq(r.runs[0].paradigm, "lim-fixed");
  cr_assert_str_eq(r.runs[3].paradigm, "lim-matched");
  /* each run is the loop at that window */
  limen_task task;
  cr_assert_eq(limen_task_setup("breast-cancer", 1, &task, &err), LIMEN_OK);
  limen_train_config tc = task.defaults;
  tc.steps = 10;
  tc.lr.t_end = 10;
  tc.window_s = 1e-7;
  limen_train_result d;
  cr_assert_eq(limen_train_run(&task.model, task.train, task.test, limen_memory_lim_matched, NULL, &tc, &d, &err), LIMEN_OK);
  cr_assert_eq(r.runs[4].value, 1e-7);
  cr_assert_eq(r.runs[4].result.total_heat_J, d.total_heat_J);
  limen_train_result_clear(&d);
  limen_task_clear(&task);
  /* curves: from the smallest to the largest window, the middle run's trajectory (1e-7 here) */
  cr_assert_eq(r.n_curves, 2);
  for (size_t g = 0; g < 2; g++) {
    const limen_experiment_curve *c = &r.curves[g];
    cr_assert_eq(c->n, 5);
    cr_assert_eq(c->window_s[0], 1e-7);
    cr_assert_eq(c->window_s[4], 1e-5);
    cr_assert(tu_close_rel(c->window_s[2], 1e-6, 1e-12));
    cr_assert_eq(c->ref_value, 1e-7);
    const limen_train_result *ref = &r.runs[g * 3 + 1].result;
    double e;
    cr_assert_eq(limen_train_hop_closed_form_kT(ref, c->window_s[3], &e, &err), LIMEN_OK);
    cr_assert(tu_close_rel(c->heat_J[3], e * kT_at(300), 1e-12));
    for (size_t i = 1; i < 5; i++) cr_assert(c->heat_J[i] < c->heat_J[i - 1], "(H) falls with the window");
  }
  limen_experiment_sweep_result_clear(&r);
}

Test(experiment, barrier_and_paradigm_sweeps) {
  limen_error err;
  limen_experiment_sweep_config s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_BARRIER);
  s.run.task = "breast-cancer";
  s.run.paradigm = "lim-fixed";
  s.run.steps = 8;
  s.values[0] = 4, s.values[1] = 8;
  s.n_values = 2;
  limen_experiment_sweep_result r;
  cr_assert_eq(limen_experiment_sweep(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(r.n_runs, 2);
  cr_assert_eq(r.n_curves, 0);
  for (size_t i = 0; i < 2; i++) cr_assert_eq(r.runs[i].result.final_barrier_kT, s.values[i], "lim-fixed holds E_low");
  cr_assert(r.runs[0].result.final_rate_dt > r.runs[1].result.final_rate_dt, "a higher barrier hops less");
  limen_experiment_sweep_result_clear(&r);

  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_PARADIGMS);
  s.run.task = "quadratic";
  s.run.steps = 6;
  cr_assert_eq(limen_experiment_sweep(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  const limen_memory_type *const *types = limen_memory_types();
  size_t n = 0;
  while (types[n]) n++;
  cr_assert_eq(r.n_runs, n);
  cr_assert_eq(r.setup.model_kind, LIMEN_NET_QUADRATIC);
  for (size_t i = 0; i < n; i++) {
    cr_assert_str_eq(r.runs[i].paradigm, types[i]->name);
    cr_assert(isnan(r.runs[i].value));
    cr_assert(r.runs[i].result.total_heat_J >= r.runs[i].result.bound_J);
  }
  cr_assert_eq(r.runs[0].result.total_heat_J, 0, "ideal memory dissipates nothing");
  limen_experiment_sweep_result_clear(&r);
}

/* ---- scaling: the learning path and the projections, recomputed here ---------------------------- */

Test(experiment, scaling_bridge_recomputed) {
  limen_error err;
  limen_experiment_scaling_config c = limen_experiment_scaling_config_default();
  c.run.task = "breast-cancer";
  c.run.steps = 20;
  c.grid_points = 4;
  limen_experiment_scaling_result r;
  cr_assert_eq(limen_experiment_scaling(&c, &r, &err), LIMEN_OK, "%s", err.msg);
  double N = 62, K = 20, kT = kT_at(300);
  cr_assert_eq(r.params, N);
  cr_assert_eq(r.steps, K);
  /* the task's inverse schedule η0/(1 + k/t0), summed here */
  double eta0 = r.setup.train.lr.eta0, t0 = r.setup.train.lr.t0, sum_eta = 0;
  cr_assert_eq(r.setup.train.lr.kind, LIMEN_LR_INVERSE);
  for (int k = 0; k < 20; k++) sum_eta += eta0 / (1.0 + k / t0);
  const limen_train_result *m = &r.rows[3].result;
  double delta = 2.0 * 4.0 / (1024.0 - 1.0); /* 2W/(2^n − 1), W = 4, n = 10 */
  double f = m->expected_heat_J / (kT * (m->mean_abs_update * N * K / delta));
  cr_assert(tu_close_rel(r.grad_scale, m->mean_abs_update * K / sum_eta, 1e-12));
  cr_assert(tu_close_rel(r.tilt_per_level_kT, f, 1e-9));
  cr_assert(tu_close_rel(r.drift_diffusion_ratio, sinh(f / 2), 1e-9));
  static const char *const measured[] = {"digital-static", "analog-static", "lim-fixed", "lim-matched"};
  static const char *const compared[] = {"cim-static", "cim-static", "lim-finite-time", "lim-matched"};
  for (int i = 0; i < 4; i++) {
    const limen_experiment_scaling_row *w = &r.rows[i];
    cr_assert_str_eq(w->paradigm, measured[i]);
    cr_assert_str_eq(w->projection, compared[i]);
    cr_assert(tu_close_rel(w->measured_over_projected, w->result.total_heat_J / w->projected_J, 1e-15));
    cr_assert(tu_close_rel(w->brain_extrapolated_J, w->result.heat_per_cell_step_J * r.brain_params * r.brain_steps, 1e-15));
    cr_assert(tu_close_rel(w->heat_per_op_kT, w->result.total_heat_J / kT / w->result.ops, 1e-9));
  }
  /* lim-matched projected from its own learning path reproduces its measured heat */
  cr_assert(fabs(r.rows[3].measured_over_projected - 1) < 0.05, "lim-matched measured/projected = %g",
            r.rows[3].measured_over_projected);
  /* the landauer-adiabatic floor of this run: N·K updates of n bits at kT ln 2 each */
  cr_assert(tu_close_rel(r.landauer_same_run_J, N * K * 10 * kT * log(2.0), 1e-6), "%g", r.landauer_same_run_J);
  cr_assert_eq(r.brain_params, 1e15);
  /* the grid: this run's N to 10 × brain scale, the measured heat extrapolated along it */
  cr_assert_eq(r.n_grid, 4);
  cr_assert_eq(r.grid_params[0], N);
  cr_assert_eq(r.grid_params[3], 1e16);
  cr_assert_str_eq(r.grid_spec[0], "landauer-adiabatic");
  for (size_t k = 0; k < 4; k++)
    for (size_t i = 0; i < 4; i++)
      cr_assert(tu_close_rel(r.grid_measured_J[k * 4 + i], r.rows[k].result.heat_per_cell_step_J * r.grid_params[i] * K, 1e-15));
  cr_assert(tu_close_rel(r.grid_projected_J[0], r.landauer_same_run_J, 1e-12), "the grid starts at this run");
  limen_experiment_scaling_result_clear(&r);
}

/* ---- Max-Cut -------------------------------------------------------------------------------------- */

Test(experiment, maxcut_study_equals_the_anneal) {
  limen_error err;
  limen_experiment_maxcut_config c = limen_experiment_maxcut_config_default();
  c.anneal.sweeps = 60;
  c.target = 0.9;
  c.graphs[0] = "G11";
  c.n_graphs = 1;
  limen_experiment_maxcut_result r;
  cr_assert_eq(limen_experiment_maxcut(&c, &r, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(r.n_runs, 1);
  const limen_experiment_maxcut_run *m = &r.runs[0];
  cr_assert_str_eq(m->graph, "G11");
  cr_assert_eq(m->n_spins, 800);
  cr_assert_eq(m->best_known, 564);
  limen_graph *g;
  cr_assert_eq(limen_graph_load("G11", &g, &err), LIMEN_OK);
  limen_anneal_result a;
  cr_assert_eq(limen_maxcut_anneal(g, &c.anneal, NULL, &a, &err), LIMEN_OK);
  limen_graph_free(g);
  cr_assert_eq(m->result.best_cut, a.best_cut);
  cr_assert_eq(m->result.heat_modulated_J, a.heat_modulated_J);
  cr_assert_eq(m->result.n_points, 6, "a trace point every 10 sweeps");
  cr_assert_eq(m->gap, 1 - a.best_cut / 564.0);
  size_t first = a.n_points;
  for (size_t i = 0; i < a.n_points; i++) {
    cr_assert_eq(m->best_fraction[i], a.points[i].best_cut / 564.0);
    if (first == a.n_points && a.points[i].best_cut >= 0.9 * 564) first = i;
  }
  if (first < a.n_points) {
    cr_assert_eq(m->energy_to_target_J, a.points[first].heat_modulated_J);
    cr_assert_eq(m->time_to_target_s, a.points[first].time_s);
  } else {
    cr_assert(isnan(m->energy_to_target_J) && isnan(m->time_to_target_s));
  }
  limen_anneal_result_clear(&a);
  limen_experiment_maxcut_result_clear(&r);
}

/* ---- what `limen train` prints for the same inputs ------------------------------------------------- */

/* Run `limen train <args> --format json` (LIMEN_BIN) and parse its output; NULL when no binary. */
static cJSON *cli_json(const char *args) {
  const char *bin = getenv("LIMEN_BIN");
  if (!bin || !*bin) return NULL;
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "'%s' train %s --format json", bin, args);
  FILE *f = popen(cmd, "r");
  cr_assert_not_null(f);
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  cr_assert_eq(pclose(f), 0, "%s failed", cmd);
  cJSON *j = cJSON_Parse(buf);
  cr_assert_not_null(j, "not JSON: %s", buf);
  return j;
}

/* The JSON prints 10 significant digits. */
static void expect_printed(const cJSON *obj, const char *key, double v) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
  cr_assert(cJSON_IsNumber(x), "no number '%s'", key);
  cr_assert(tu_close_rel(x->valuedouble, v, 1e-9), "%s: printed %.10g, library %.10g", key, x->valuedouble, v);
}

Test(experiment, equals_what_the_cli_prints) {
  cJSON *j = cli_json("--task breast-cancer --paradigm lim-fixed --steps 25 --seed 3 --barrier-low 7");
  if (!j) cr_skip_test("LIMEN_BIN not set");
  limen_error err;
  limen_experiment_config c = small_config("lim-fixed", 25);
  c.seed = 3;
  c.memory.low_barrier_kT = 7;
  limen_experiment_run run;
  cr_assert_eq(limen_experiment_train(&c, &run, &err), LIMEN_OK, "%s", err.msg);
  expect_printed(j, "total_heat_J", run.result.total_heat_J);
  expect_printed(j, "total_heat_kT", run.total_heat_kT);
  expect_printed(j, "bound_J", run.result.bound_J);
  expect_printed(j, "final_test_accuracy", run.result.final_test_accuracy);
  expect_printed(j, "heat_per_cell_step_kT", run.heat_per_cell_step_kT);
  limen_experiment_run_clear(&run);
  cJSON_Delete(j);

  j = cli_json("--experiment scaling --task breast-cancer --steps 15");
  limen_experiment_scaling_config s = limen_experiment_scaling_config_default();
  s.run.task = "breast-cancer";
  s.run.steps = 15;
  s.grid_points = 0;
  limen_experiment_scaling_result r;
  cr_assert_eq(limen_experiment_scaling(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  expect_printed(j, "grad_scale_effective", r.grad_scale);
  expect_printed(j, "drift_diffusion_ratio_effective", r.drift_diffusion_ratio);
  expect_printed(j, "brain_scale_steps", r.brain_steps);
  const cJSON *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
  cr_assert_eq(cJSON_GetArraySize(runs), 4);
  for (int i = 0; i < 4; i++) {
    const cJSON *row = cJSON_GetArrayItem(runs, i);
    expect_printed(row, "measured_heat_J", r.rows[i].result.total_heat_J);
    expect_printed(row, "projected_same_run_J", r.rows[i].projected_J);
    expect_printed(row, "brain_scale_projected_J", r.rows[i].brain_projected_J);
  }
  limen_experiment_scaling_result_clear(&r);
  cJSON_Delete(j);
}

/* ---- the input tables --------------------------------------------------------------------------- */

/* The first value beyond an end of the row's range (lo: below, hi: above). */
static double beyond(const limen_input *in, int hi) {
  double end = hi ? in->hi : in->lo;
  int open = hi ? in->hi_open : in->lo_open;
  int whole = in->type != LIMEN_INPUT_DOUBLE || (in->flags & LIMEN_INPUT_INTEGER);
  if (open) return end;
  if (whole) return hi ? end + 1 : end - 1;
  return nextafter(end, hi ? HUGE_VAL : -HUGE_VAL);
}

/* Every row: its default is the _default() struct's (NAN: the task's), inside the range when
 * given; a value just beyond either end is refused by the run, naming the member. */
static void check_table(const limen_input *t, size_t n, void *def, size_t size,
                        int (*run)(void *cfg, limen_error *err)) {
  cr_assert_gt(n, 0);
  unsigned char *cfg = malloc(size);
  cr_assert_not_null(cfg);
  for (size_t i = 0; i < n; i++) {
    const limen_input *in = &t[i];
    cr_assert(in->name && in->member && in->default_text && in->doc, "row %zu", i);
    cr_assert_eq(limen_input_find(t, n, in->name), in, "%s: names are unique", in->name);
    double d = limen_input_get(in, def);
    if (isnan(in->default_value)) {
      cr_assert(isnan(d) && (in->flags & LIMEN_INPUT_UNSET_NAN), "%s: a task default", in->name);
    } else {
      cr_assert_eq(d, in->default_value, "%s: default %g vs struct %g", in->name, in->default_value, d);
      cr_assert(limen_input_check(in, d, "t", NULL) == LIMEN_OK, "%s: default in range", in->name);
    }
    for (int hi = 0; hi < 2; hi++) {
      double v = beyond(in, hi);
      if (!isfinite(v) || ((in->flags & LIMEN_INPUT_UNSET_ZERO) && v == 0)) continue;
      if (in->type != LIMEN_INPUT_DOUBLE && v < 0) continue; /* an unsigned member holds no negative */
      memcpy(cfg, def, size);
      limen_input_set(in, cfg, v);
      limen_error err;
      int st = run(cfg, &err);
      cr_assert_eq(st, LIMEN_EINVAL, "%s = %g accepted", in->name, v);
      cr_assert(strncmp(err.msg, in->name, strlen(in->name)) == 0 && strstr(err.trace, in->member),
                "'%s' does not start with %s, or its trace '%s' does not name %s", err.msg, in->name, err.trace, in->member);
    }
  }
  free(cfg);
}

static int run_train(void *cfg, limen_error *err) {
  limen_experiment_run run;
  int st = limen_experiment_train(cfg, &run, err);
  if (!st) limen_experiment_run_clear(&run);
  return st;
}

static int run_maxcut(void *cfg, limen_error *err) {
  limen_experiment_maxcut_result r;
  int st = limen_experiment_maxcut(cfg, &r, err);
  if (!st) limen_experiment_maxcut_result_clear(&r);
  return st;
}

Test(experiment, input_tables_drive_defaults_and_checks) {
  size_t n;
  const limen_input *t = limen_experiment_inputs(&n);
  limen_experiment_config c = limen_experiment_config_default(), d = c;
  check_table(t, n, &d, sizeof d, run_train); /* refused before the task is loaded */
  cr_assert_eq(d.steps, LIMEN_EXPERIMENT_TASK_DEFAULT);
  const limen_input *steps = limen_input_find(t, n, "steps");
  limen_input_set(steps, &c, NAN);
  cr_assert_eq(c.steps, LIMEN_EXPERIMENT_TASK_DEFAULT, "NAN is the task's default");
  limen_input_set(steps, &c, 12);
  cr_assert_eq(c.steps, 12);
  cr_assert_eq(limen_input_get(limen_input_find(t, n, "seed"), &c), 1.0);

  limen_experiment_maxcut_config m = limen_experiment_maxcut_config_default();
  limen_anneal_config a = limen_anneal_config_default();
  cr_assert_eq(m.anneal.sweeps, a.sweeps);
  cr_assert_eq(m.anneal.beta0, a.beta0);
  cr_assert_eq(m.anneal.beta_end, a.beta_end);
  cr_assert_eq(m.anneal.barrier0_kT, a.barrier0_kT);
  cr_assert_eq(m.anneal.barrier_rise_kT, a.barrier_rise_kT);
  cr_assert_eq(m.anneal.tau0_s, a.tau0_s);
  cr_assert_eq(m.anneal.temperature_K, a.temperature_K);
  cr_assert_eq(m.anneal.seed, a.seed);
  cr_assert_eq(m.anneal.record_every, 10);
  cr_assert_eq(m.target, 0.99);
  t = limen_experiment_maxcut_inputs(&n);
  check_table(t, n, &m, sizeof m, run_maxcut);

  /* the swept values take the ranges of window and barrier */
  limen_error err;
  limen_experiment_sweep_result r;
  limen_experiment_sweep_config s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_WINDOW);
  s.values[2] = 2e6;
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "values[2]");
  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_BARRIER);
  s.values[0] = 2;
  expect_field(limen_experiment_sweep(&s, &r, &err), LIMEN_EINVAL, &err, "values[0]");
}

/* ---- report functions: JSON, CSV, figures ----------------------------------------------------------- */

/* *text (made with status st; read only after the call in the same argument list) parsed as
 * JSON, then freed. */
static cJSON *parsed(int st, char **text, const limen_error *err) {
  cr_assert_eq(st, LIMEN_OK, "%s", err->msg);
  cJSON *j = cJSON_Parse(*text);
  cr_assert_not_null(j, "not JSON: %s", *text);
  limen_free(*text);
  *text = NULL;
  return j;
}

/* The object's keys are the table's (those that apply for `has`), in order. */
static void expect_keys(const cJSON *obj, const limen_field *f, size_t n, unsigned has, const char *skip) {
  const cJSON *it = obj->child;
  for (size_t i = 0; i < n; i++) {
    if ((f[i].when & has) != f[i].when) continue;
    if (it && skip && strcmp(it->string, skip) == 0) it = it->next;
    cr_assert_not_null(it, "key %s missing", f[i].key);
    cr_assert_str_eq(it->string, f[i].key);
    it = it->next;
  }
  if (it && skip && strcmp(it->string, skip) == 0) it = it->next;
  if (it && strcmp(it->string, "provenance") == 0) it = it->next; /* a document's root (provenance.h) */
  cr_assert_null(it, "extra key %s", it ? it->string : "");
}

/* A number written to 10 significant digits, null when not finite. */
static void expect_num(const cJSON *obj, const char *key, double v) {
  const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
  cr_assert_not_null(x, "no '%s'", key);
  if (!isfinite(v)) {
    cr_assert(cJSON_IsNull(x), "%s: null expected", key);
    return;
  }
  cr_assert(cJSON_IsNumber(x), "%s: not a number", key);
  cr_assert(tu_close_rel(x->valuedouble, v, 6e-10), "%s: written %.12g, result %.12g", key, x->valuedouble, v);
}

/* Lines of a text. */
static size_t lines(const char *s) {
  size_t n = 0;
  s = tu_csv_body(s);
  for (; *s; s++) n += *s == '\n';
  return n;
}

Test(experiment, report_of_a_run_and_its_trace) {
  limen_error err;
  limen_experiment_config c = small_config("lim-fixed", 12);
  c.eval_every = 4;
  limen_experiment_run run;
  cr_assert_eq(limen_experiment_train(&c, &run, &err), LIMEN_OK, "%s", err.msg);
  char *text = NULL;
  cJSON *j = parsed(limen_train_json(&run, &text, &err), &text, &err);
  size_t n;
  const limen_field *f = limen_train_record_fields(&n);
  expect_keys(j, f, n, 0, NULL);
  const limen_train_result *r = &run.result;
  double kT = kT_at(run.setup.memory.temperature_K);
  cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "paradigm")->valuestring, "lim-fixed");
  expect_num(j, "total_heat_J", r->total_heat_J);
  expect_num(j, "total_heat_kT", r->total_heat_J / kT);
  expect_num(j, "bound_J", r->bound_J);
  expect_num(j, "closed_form_heat_J", r->expected_heat_J);
  expect_num(j, "final_test_accuracy", r->final_test_accuracy);
  expect_num(j, "steps_to_target", r->steps_to_target ? (double)r->steps_to_target : NAN);
  expect_num(j, "heat_per_cell_step_kT", r->total_heat_J / (62.0 * 12.0) / kT);
  expect_num(j, "steps", 12);
  expect_num(j, "n_params", 62);
  expect_num(j, "seed", 1);
  cJSON_Delete(j);
  cr_assert_eq(limen_train_trace_csv(r, &text, &err), LIMEN_OK);
  cr_assert_eq(lines(text), 1 + r->n_points);
  static const char head[] = "step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy\n";
  cr_assert_eq(strncmp(tu_csv_body(text), head, strlen(head)), 0);
  limen_free(text);
  limen_experiment_run_clear(&run);
}

Test(experiment, report_and_figures_of_the_sweeps) {
  limen_error err;
  limen_experiment_sweep_config s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_WINDOW);
  s.run.task = "breast-cancer";
  s.run.steps = 6;
  s.values[0] = 1e-7, s.values[1] = 1e-6, s.values[2] = 1e-5;
  s.n_values = 3;
  limen_experiment_sweep_result r;
  cr_assert_eq(limen_experiment_sweep(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  char *text = NULL;
  cJSON *j = parsed(limen_experiment_sweep_json(&r, &text, &err), &text, &err);
  cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "experiment")->valuestring, "window");
  const cJSON *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
  cr_assert_eq((size_t)cJSON_GetArraySize(runs), r.n_runs);
  size_t n;
  const limen_field *f = limen_experiment_row_fields(&n);
  for (size_t i = 0; i < r.n_runs; i++) {
    const cJSON *row = cJSON_GetArrayItem(runs, (int)i);
    expect_keys(row, f, n, LIMEN_EXPERIMENT_ROW_WINDOW, NULL);
    expect_num(row, "window_s", s.values[i % 3]);
    expect_num(row, "total_heat_J", r.runs[i].result.total_heat_J);
    expect_num(row, "energy_to_target_J", r.runs[i].result.energy_to_target_J);
    expect_num(row, "final_rate_dt", r.runs[i].result.final_rate_dt);
  }
  cJSON_Delete(j);
  cr_assert_eq(limen_experiment_sweep_csv(&r, &text, &err), LIMEN_OK);
  cr_assert_eq(lines(text), 1 + r.n_runs);
  limen_free(text);
  limen_train_figures *figs;
  cr_assert_eq(limen_experiment_sweep_figures(&r, &figs, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_train_figures_count(figs), 2);
  cr_assert_str_eq(limen_train_figures_name(figs, 0), "heat_vs_window.png");
  const limen_plot *heat = limen_train_figures_plot(figs, 0), *acc = limen_train_figures_plot(figs, 1);
  cr_assert_eq(heat->n_series, 3 * r.n_paradigms + r.n_curves, "three series per paradigm and the (H) curves");
  for (size_t k = 0; k < 3 * r.n_paradigms; k++) cr_assert_eq(heat->series[k].n, r.n_values);
  cr_assert_eq(heat->series[3 * r.n_paradigms].n, r.curves[0].n);
  cr_assert_eq(acc->n_series, r.n_paradigms);
  cr_assert_eq(acc->series[1].y[2], r.runs[5].result.final_test_accuracy);
  limen_experiment_sweep_result_clear(&r);
  cr_assert_eq(heat->series[0].x[1], 1e-6, "the figures own their data");
  limen_train_figures_free(figs);

  s = limen_experiment_sweep_config_default(LIMEN_EXPERIMENT_PARADIGMS);
  s.run.task = "breast-cancer";
  s.run.steps = 4;
  cr_assert_eq(limen_experiment_sweep(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  j = parsed(limen_experiment_sweep_json(&r, &text, &err), &text, &err);
  expect_keys(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(j, "runs"), 0), f, n, 0, NULL);
  cJSON_Delete(j);
  cr_assert_eq(limen_experiment_sweep_figures(&r, &figs, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_train_figures_count(figs), 2);
  for (size_t i = 0; i < r.n_runs; i++)
    cr_assert_eq(limen_train_figures_plot(figs, 1)->series[i].n, r.runs[i].result.n_points);
  limen_train_figures_free(figs);
  limen_experiment_sweep_result_clear(&r);
}

Test(experiment, report_and_figures_of_scaling_and_maxcut) {
  limen_error err;
  limen_experiment_scaling_config s = limen_experiment_scaling_config_default();
  s.run.task = "breast-cancer";
  s.run.steps = 8;
  s.grid_points = 7;
  limen_experiment_scaling_result r;
  cr_assert_eq(limen_experiment_scaling(&s, &r, &err), LIMEN_OK, "%s", err.msg);
  char *text = NULL;
  cJSON *j = parsed(limen_experiment_scaling_json(&r, &text, &err), &text, &err);
  size_t n, nr;
  const limen_field *f = limen_scaling_record_fields(&n), *fr = limen_scaling_row_fields(&nr);
  expect_keys(j, f, n, 0, "runs");
  expect_num(j, "grad_scale_effective", r.grad_scale);
  expect_num(j, "landauer_adiabatic_brain_scale_J", r.landauer_brain_J);
  const cJSON *runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
  for (int i = 0; i < LIMEN_EXPERIMENT_SCALING_ROWS; i++) {
    const cJSON *row = cJSON_GetArrayItem(runs, i);
    expect_keys(row, fr, nr, 0, NULL);
    expect_num(row, "measured_heat_J", r.rows[i].result.total_heat_J);
    expect_num(row, "projected_same_run_J", r.rows[i].projected_J);
    expect_num(row, "brain_scale_extrapolated_J",
               r.rows[i].result.total_heat_J / (r.params * r.steps) * r.brain_params * r.brain_steps);
  }
  cJSON_Delete(j);
  cr_assert_eq(limen_experiment_scaling_csv(&r, &text, &err), LIMEN_OK);
  cr_assert_eq(lines(text), 1 + LIMEN_EXPERIMENT_SCALING_ROWS);
  limen_free(text);
  limen_train_figures *figs;
  cr_assert_eq(limen_experiment_scaling_figures(&r, &figs, &err), LIMEN_OK, "%s", err.msg);
  const limen_plot *p = limen_train_figures_plot(figs, 0);
  cr_assert_eq(p->n_series, 2 * LIMEN_EXPERIMENT_SCALING_ROWS);
  for (size_t k = 0; k < p->n_series; k++) cr_assert_eq(p->series[k].n, 7);
  cr_assert_eq(p->n_markers, 2);
  limen_train_figures_free(figs);
  limen_experiment_scaling_result_clear(&r);

  limen_experiment_maxcut_config c = limen_experiment_maxcut_config_default();
  c.anneal.sweeps = 40;
  c.graphs[1] = "G14";
  c.n_graphs = 2;
  limen_experiment_maxcut_result m;
  cr_assert_eq(limen_experiment_maxcut(&c, &m, &err), LIMEN_OK, "%s", err.msg);
  j = parsed(limen_experiment_maxcut_json(&c, &m, &text, &err), &text, &err);
  f = limen_maxcut_study_fields(&n);
  expect_keys(j, f, n, 0, "runs");
  cr_assert_str_eq(j->child->string, "runs", "the runs come first");
  expect_num(j, "sweeps", 40);
  runs = cJSON_GetObjectItemCaseSensitive(j, "runs");
  for (size_t k = 0; k < 2; k++) {
    const cJSON *row = cJSON_GetArrayItem(runs, (int)k);
    fr = limen_maxcut_row_fields(&nr);
    expect_keys(row, fr, nr, 0, NULL);
    expect_num(row, "best_cut", m.runs[k].result.best_cut);
    expect_num(row, "gap", 1 - m.runs[k].result.best_cut / m.runs[k].best_known);
    expect_num(row, "static_heat_J", m.runs[k].result.heat_static_J);
  }
  cJSON_Delete(j);
  j = parsed(limen_anneal_json(&c, &m.runs[1], &text, &err), &text, &err);
  f = limen_anneal_record_fields(&n);
  expect_keys(j, f, n, 0, NULL);
  cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(j, "task")->valuestring, "maxcut-G14");
  expect_num(j, "flips", m.runs[1].result.flips);
  cJSON_Delete(j);
  cr_assert_eq(limen_anneal_trace_csv(&m.runs[0].result, &text, &err), LIMEN_OK);
  cr_assert_eq(lines(text), 1 + m.runs[0].result.n_points);
  limen_free(text);
  cr_assert_eq(limen_experiment_maxcut_figures(&c, &m, &figs, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_train_figures_count(figs), 2);
  cr_assert_eq(limen_train_figures_plot(figs, 0)->n_series, 4, "modulated and static per graph");
  cr_assert_eq(limen_train_figures_plot(figs, 1)->n_series, 2);
  cr_assert_eq(limen_train_figures_plot(figs, 0)->series[2].n, m.runs[1].result.n_points);
  limen_train_figures_free(figs);
  limen_experiment_maxcut_result_clear(&m);
}

/* The rules between the inputs a user gives (limen_experiment_request_conflicts, _choices): each
 * refuses naming the input (message and field); valid combinations pass. */
static int request(const char *exp, const char *task, const char *paradigm, const char *schedule, double hold,
                   const char *given, limen_error *err) {
  const char *names[8] = {NULL};
  size_t n = 0;
  char buf[128];
  snprintf(buf, sizeof buf, "%s", given);
  for (char *t = strtok(buf, " "); t && n < 8; t = strtok(NULL, " ")) names[n++] = t;
  limen_experiment_request r = {exp, task, paradigm, schedule, hold, names, n};
  int st = limen_experiment_request_conflicts(&r, err);
  return st ? st : limen_experiment_request_choices(&r, err);
}

Test(experiment, request_rules_name_the_input) {
  static const struct {
    const char *exp, *task, *paradigm, *schedule, *given, *field, *start;
  } refused[] = {
      {NULL, NULL, NULL, NULL, "values", "values", "values needs --experiment window or barrier"},
      {"maxcut", "digits", NULL, NULL, "task", "task", "task does not apply to --experiment maxcut"},
      {"maxcut", NULL, NULL, NULL, "values", "values", "values does not apply to --experiment maxcut"},
      {"maxcut", NULL, NULL, NULL, "seed hold", "hold", "hold does not apply to --experiment maxcut"},
      {NULL, "maxcut-G1", NULL, NULL, "lr", "lr", "lr does not apply to --task maxcut-G1"},
      {"window", "maxcut-G1", NULL, NULL, "task experiment", "experiment", "experiment window applies to the"},
      {NULL, NULL, NULL, NULL, "beta0", "beta0", "beta0 applies to the Max-Cut tasks"},
      {NULL, NULL, NULL, "cosine", "lr-t0 schedule", "lr-t0", "lr-t0 applies to --schedule inverse only (not cosine)"},
      {NULL, "quadratic", NULL, NULL, "task batch", "batch", "batch does not apply to --task quadratic"},
      {"scaling", NULL, "ideal", NULL, "paradigm", "paradigm", "paradigm does not apply to --experiment scaling"},
      {"scaling", NULL, NULL, NULL, "eval-every", "eval-every", "eval-every does not apply to --experiment scaling"},
      {"paradigms", NULL, NULL, NULL, "values", "values", "values does not apply to --experiment paradigms"},
      {"window", NULL, NULL, NULL, "window", "window", "window is swept by --experiment window"},
      {"barrier", NULL, NULL, NULL, "barrier", "barrier", "barrier is swept by --experiment barrier"},
      {"barrier", NULL, "ideal", NULL, "paradigm", "experiment", "experiment barrier sweeps the barrier"},
      {NULL, NULL, "ideal", NULL, "paradigm tau0", "tau0", "tau0 does not apply to --paradigm ideal"},
      {NULL, NULL, "digital-static", NULL, "barrier", "barrier", "barrier applies to --paradigm lim-matched"},
      {NULL, NULL, "lim-fixed", NULL, "barrier", "barrier", "barrier (E_b) does not apply to --paradigm lim-fixed"},
      {NULL, NULL, "lim-matched", NULL, "barrier-low", "barrier-low",
       "barrier-low does not apply to --paradigm lim-matched"},
      {"window", NULL, "analog-static", NULL, "cells", "cells", "cells applies to --paradigm lim-fixed"},
      {NULL, NULL, NULL, NULL, "retention-barrier", "retention-barrier",
       "retention-barrier is not used by lim-matched without --hold > 0"},
      {NULL, "maxcut-G1", "ideal", NULL, "paradigm", "paradigm", "paradigm: 'ideal': Max-Cut annealing runs"},
  };
  limen_error err;
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    cr_assert_eq(request(refused[i].exp, refused[i].task, refused[i].paradigm, refused[i].schedule, 0,
                         refused[i].given, &err),
                 LIMEN_EINVAL, "case %zu", i);
    cr_assert(strncmp(err.msg, refused[i].start, strlen(refused[i].start)) == 0, "%zu: %s", i, err.msg);
    cr_assert_str_eq(err.field, refused[i].field, "%zu", i);
  }
  cr_assert_eq(request(NULL, NULL, NULL, NULL, 1, "retention-barrier hold", &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(request(NULL, NULL, "digital-static", NULL, 0, "retention-barrier bits", &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(request("barrier", NULL, "lim-fixed", "inverse", 0, "values lr-t0 schedule", &err), LIMEN_OK, "%s",
               err.msg);
  cr_assert_eq(request("maxcut", NULL, "lim-matched", NULL, 0, "paradigm steps beta0", &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(request(NULL, "maxcut-G14", NULL, NULL, 0, "task barrier-rise", &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(request("scaling", NULL, NULL, NULL, 0, "cells window", &err), LIMEN_OK, "%s", err.msg);
}

Test(experiment, langevin_refusal_names_the_inputs) {
  limen_error err;
  limen_experiment_run run;
  limen_experiment_config c = limen_experiment_config_default();
  c.memory.cells = LIMEN_CELLS_LANGEVIN;
  cr_assert_eq(limen_experiment_train(&c, &run, &err), LIMEN_EINVAL);
  cr_assert_eq(limen_experiment_langevin_refusal(&run.setup, &c, &err), LIMEN_EINVAL);
  cr_assert_str_eq(err.msg, "cells: langevin: 650 cells × 200 steps × 1000 τ₀ windows = 6.5e+10 Langevin steps; "
                            "allowed ≤ 1e8 (use fewer --steps, a shorter --window, or --cells jump)");
  cr_assert_str_eq(err.field, "cells");
}

/* ---- huge hop counts --------------------------------------------------------------------------- */

/* Windows so long that a step's hop count is far beyond an unsigned int (r·Δt ~ 1e13): the
 * Poisson draws are split into exact parts and the run ends with finite results (it used to spin
 * inside GSL's generator). */
Test(experiment, huge_hop_counts_end_with_finite_results) {
  const char *paradigms[] = {"lim-matched", "lim-fixed"};
  for (int k = 0; k < 2; k++) {
    limen_experiment_config c = small_config(paradigms[k], 3);
    c.window_s = 1e4;
    if (k == 1) c.memory.low_barrier_kT = 3;
    limen_experiment_run run;
    limen_error err;
    cr_assert_eq(limen_experiment_train(&c, &run, &err), LIMEN_OK, "%s: %s", paradigms[k], err.msg);
    cr_assert(isfinite(run.total_heat_kT) && isfinite(run.result.final_test_accuracy), "%s: heat %g, accuracy %g",
              paradigms[k], run.total_heat_kT, run.result.final_test_accuracy);
    limen_experiment_run_clear(&run);
  }
}
