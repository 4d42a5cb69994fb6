/* SPDX-License-Identifier: GPL-3.0-or-later
 * scaling.c: experiment 5 of docs/results.md, the scaling bridge (experiment.h): the heat measured
 * in each physical paradigm against limen_project for the same parameter count, steps and
 * learning path, and the brain-scale projection beside the naive extrapolation of the measured
 * heat per cell and step. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"
#include "limen/paradigm.h"
#include "limen/units.h"
#include "limen/workload.h"

enum { ROWS = LIMEN_EXPERIMENT_SCALING_ROWS };
static const char *const measured[ROWS] = {"digital-static", "analog-static", "lim-fixed", "lim-matched"};
/* the projection each measured paradigm is compared with, and the specifications projected */
static const char *const compared[ROWS] = {"cim-static", "cim-static", "lim-finite-time", "lim-matched"};
static const char *const projected[ROWS] = {"landauer-adiabatic", "cim-static", "lim-finite-time", "lim-matched"};
enum { PROJ_LANDAUER = 0 };
/* projected[] index of compared[i] */
static size_t compared_index(size_t i) { return i < 2 ? 1 : i; }

limen_experiment_scaling_config limen_experiment_scaling_config_default(void) {
  limen_experiment_scaling_config c;
  memset(&c, 0, sizeof c);
  c.run = limen_experiment_config_default();
  c.run.paradigm = NULL;
  c.grid_points = 29;
  c.grid_span = 10.0;
  return c;
}

void limen_experiment_scaling_result_clear(limen_experiment_scaling_result *r) {
  if (!r) return;
  for (size_t i = 0; i < ROWS; i++) limen_train_result_clear(&r->rows[i].result);
  free(r->grid_params);
  r->grid_params = r->grid_projected_J = r->grid_measured_J = NULL;
  r->n_grid = 0;
}

/* The four physical paradigms as the items of a limen_spread_job: row i trains measured[i]. */
typedef struct scaling_job {
  const limen_task *task;
  limen_experiment_scaling_result *out;
} scaling_job;

static int job_run(void *ctx, size_t i, limen_error *err) {
  const scaling_job *j = ctx;
  const limen_experiment_setup *s = &j->out->setup;
  const limen_memory_type *t;
  limen_train_config c = s->train;
  limen_run_share sh; /* the run's share of the experiment's progress */
  limen_run_share_set(&sh, &s->train, i, ROWS, &c);
  int st = limen_memory_type_find(measured[i], &t, err);
  if (!st)
    st = limen_train_run(&j->task->model, j->task->train, j->task->test, t, &s->memory, &c, &j->out->rows[i].result,
                         err);
  return st;
}

static size_t job_size(void *ctx, size_t i) {
  return limen_xspread_train_size(&((const scaling_job *)ctx)->out->rows[i].result);
}

static void job_pack(void *ctx, size_t i, unsigned char *buf) {
  size_t at = 0;
  limen_xspread_train_pack(&((const scaling_job *)ctx)->out->rows[i].result, buf, &at);
}

static int job_unpack(void *ctx, size_t i, const unsigned char *buf, size_t n, limen_error *err) {
  size_t at = 0;
  limen_train_result *r = &((const scaling_job *)ctx)->out->rows[i].result;
  int st = limen_xspread_train_unpack(r, buf, &at, n, err);
  r->paradigm = measured[i];
  return st;
}

/* A run as a unit of the checkpoint (run_units.c), and back. */
static int job_keep(void *ctx, size_t i, limen_checkpoint *ck, limen_error *err) {
  return limen_experiment_keep_run(&((const scaling_job *)ctx)->out->rows[i].result, ck, err);
}

static int job_take(void *ctx, size_t i, const limen_checkpoint_unit *u, limen_error *err) {
  return limen_experiment_take_run(u, i, measured[i], &((const scaling_job *)ctx)->out->rows[i].result, err);
}

/* Train the task in each of the four physical paradigms (split over sp, under ctl). */
static int measure(const limen_task *task, const limen_spread *sp, limen_run_control *ctl,
                   limen_experiment_scaling_result *out, limen_error *err) {
  for (size_t i = 0; i < ROWS; i++) {
    out->rows[i].paradigm = measured[i];
    out->rows[i].projection = compared[i];
  }
  scaling_job j = {task, out};
  limen_spread_job job = {ROWS, &j, job_run, job_size, job_pack, job_unpack};
  const limen_unit_codec codec = {job_keep, job_take};
  return limen_run_control_spread(ctl, sp, &job, &codec, err);
}

/* The learning path measured in the lim-matched run: g, the mean tilt per level f and ρ = sinh(f/2). */
static void learning_path(limen_experiment_scaling_result *out) {
  const limen_experiment_setup *s = &out->setup;
  const limen_train_result *m = &out->rows[ROWS - 1].result;
  double N = out->params, K = out->steps, kT = limen_kT(s->memory.temperature_K);
  double sum_eta = 0;
  for (size_t k = 0; k < s->train.steps; k++) sum_eta += limen_lr_eta(&s->train.lr, (double)k);
  double delta = 2.0 * s->memory.w_max / (ldexp(1.0, s->memory.bits) - 1.0);
  double sum_m = m->mean_abs_update * N * K / delta; /* Σ|m| levels, all cells */
  out->grad_scale = m->mean_abs_update * K / sum_eta;
  out->tilt_per_level_kT = m->expected_heat_J / (kT * sum_m);
  out->drift_diffusion_ratio = sinh(0.5 * out->tilt_per_level_kT);
}

/* The workload of limen_project that describes this run. */
static limen_workload same_run_workload(const limen_experiment_scaling_result *out) {
  const limen_experiment_setup *s = &out->setup;
  double K = out->steps;
  limen_workload w = limen_workload_default();
  snprintf(w.name, sizeof w.name, "%s run", s->task);
  w.params = out->params;
  w.tokens = K;
  w.batch_tokens = 1;
  w.flops = 0;
  w.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  w.bits = s->memory.bits;
  w.train_time_s = K * (s->train.window_s + s->memory.hold_s);
  w.temperature_K = s->memory.temperature_K;
  w.parallel_cells = 0;
  w.tau0_s = s->memory.tau0_s;
  w.write_time_s = 0;
  w.lr_kind = s->train.lr.kind;
  w.lr_eta0 = s->train.lr.eta0;
  w.lr_t0_frac = s->train.lr.t0 / K;
  w.lr_eta_min_frac = s->train.lr.eta_min / s->train.lr.eta0;
  w.grad_scale = out->grad_scale;
  w.param_range = 2.0 * s->memory.w_max;
  w.drift_diffusion_ratio = out->drift_diffusion_ratio;
  w.hops_per_level = 1; /* the simulated cells hop between their n-bit levels */
  return w;
}

/* The measured path's g and ρ within the projection's ranges: they follow from the run's
 * window (a window too short forces many levels per hop chance), so the error names --window,
 * the input the user gave, with the value the run measured. */
static int measured_path_check(const limen_workload *w, double window_s, limen_error *err) {
  static const char *const derived[] = {"drift-diffusion-ratio", "grad-scale"};
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  for (size_t i = 0; i < 2; i++) {
    const limen_input *in = limen_input_find(t, n, derived[i]);
    double v = in ? limen_input_get(in, w) : NAN;
    if (in && !limen_input_in_range(in, v)) {
      char r[128];
      limen_input_range_unit_text(in, r, sizeof r);
      return limen_error_input(err, LIMEN_EINVAL, "window", NULL, NULL,
                               "window = %g s: the run's learning path has %s = %g, outside the projection's "
                               "range %s; lengthen --window (or shorten --hold)",
                               window_s, in->symbol, v, r);
    }
  }
  return LIMEN_OK;
}

/* The projections of this run and at brain scale, and the rows that compare them. */
static int project_rows(const limen_workload *w, limen_experiment_scaling_result *out, limen_error *err) {
  limen_projection *pr = calloc(2 * ROWS, sizeof *pr);
  if (!pr) return limen_experiment_nomem(err, "limen_experiment_scaling", "projections");
  limen_workload wb = limen_workload_default();
  wb.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  limen_workload_derived db;
  int st = limen_project(w, projected, ROWS, NULL, NULL, pr, err);
  if (!st) st = limen_workload_derive(&wb, &db, err);
  if (!st) st = limen_project(&wb, projected, ROWS, NULL, NULL, pr + ROWS, err);
  if (!st) {
    double kT = limen_kT(out->setup.memory.temperature_K);
    out->landauer_same_run_J = pr[PROJ_LANDAUER].energy_J;
    out->brain_params = wb.params;
    out->brain_steps = db.steps;
    out->landauer_brain_J = pr[ROWS + PROJ_LANDAUER].energy_J;
    for (size_t i = 0; i < ROWS; i++) {
      limen_experiment_scaling_row *row = &out->rows[i];
      const limen_train_result *r = &row->result;
      size_t j = compared_index(i);
      row->projected_J = pr[j].energy_J;
      row->measured_over_projected = r->total_heat_J / pr[j].energy_J;
      row->heat_per_op_kT = r->ops > 0 ? r->total_heat_J / kT / r->ops : NAN;
      row->projected_update_per_op_kT = pr[j].update_per_op_kT;
      row->brain_extrapolated_J = r->heat_per_cell_step_J * wb.params * db.steps;
      row->brain_projected_J = pr[ROWS + j].energy_J;
    }
  }
  free(pr);
  return st;
}

/* Energy versus N: each specification projected for this run at N on a log grid from this run's
 * N to grid_span × brain-scale N, beside the measured heat per cell-step × N·K. */
static int energy_grid(const limen_experiment_scaling_config *cfg, const limen_workload *w,
                       limen_experiment_scaling_result *out, limen_error *err) {
  size_t n = cfg->grid_points;
  for (size_t k = 0; k < ROWS; k++) out->grid_spec[k] = projected[k];
  if (n == 0) return LIMEN_OK;
  out->grid_params = malloc((1 + 2 * ROWS) * n * sizeof *out->grid_params);
  limen_projection *pg = calloc(ROWS, sizeof *pg);
  int st = (!out->grid_params || !pg) ? limen_experiment_nomem(err, "limen_experiment_scaling", "energy grid") : LIMEN_OK;
  if (!st) {
    out->grid_projected_J = out->grid_params + n;
    out->grid_measured_J = out->grid_projected_J + ROWS * n;
    out->n_grid = n;
  }
  double lo = out->params, hi = cfg->grid_span * out->brain_params;
  for (size_t i = 0; !st && i < n; i++) {
    double Ni = limen_grid_point(lo, hi, i, n, 1);
    out->grid_params[i] = Ni;
    limen_workload wi = *w;
    wi.params = Ni;
    st = limen_project(&wi, projected, ROWS, NULL, NULL, pg, err);
    for (size_t k = 0; !st && k < ROWS; k++) {
      out->grid_projected_J[k * n + i] = pg[k].energy_J;
      out->grid_measured_J[k * n + i] = out->rows[k].result.heat_per_cell_step_J * Ni * out->steps;
    }
  }
  free(pg);
  return st;
}

int limen_experiment_scaling(const limen_experiment_scaling_config *cfg, limen_experiment_scaling_result *out,
                             limen_error *err) {
  return limen_experiment_scaling_ctl(cfg, NULL, NULL, out, err);
}

int limen_experiment_scaling_spread(const limen_experiment_scaling_config *cfg, const limen_spread *sp,
                                    limen_experiment_scaling_result *out, limen_error *err) {
  return limen_experiment_scaling_ctl(cfg, sp, NULL, out, err);
}

int limen_experiment_scaling_ctl(const limen_experiment_scaling_config *cfg, const limen_spread *sp,
                                 limen_run_control *ctl, limen_experiment_scaling_result *out, limen_error *err) {
  static const char *fn = "limen_experiment_scaling";
  if (!cfg || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  memset(out, 0, sizeof *out);
  if (cfg->run.paradigm)
    return limen_error_set(err, LIMEN_EINVAL, fn, "run.paradigm = '%s': allowed NULL (the experiment runs the four "
                           "physical paradigms)", cfg->run.paradigm);
  int st = limen_check_positive(err, fn, "grid_span", cfg->grid_span);
  if (st) return st;
  limen_task task;
  const limen_memory_type *type;
  if ((st = limen_experiment_resolve(fn, &cfg->run, &task, &type, &out->setup, err))) return st;
  out->params = (double)out->setup.n_params;
  out->steps = (double)out->setup.train.steps;
  char inputs[4096];
  st = limen_experiment_scaling_inputs(cfg, inputs, sizeof inputs) ? limen_experiment_nomem(err, fn, "inputs")
                                                                    : LIMEN_OK;
  if (!st) st = limen_run_control_begin(ctl, "train scaling", "runs", inputs, ROWS, err);
  if (!st) st = measure(&task, sp, ctl, out, err);
  limen_task_clear(&task);
  if (st) {
    limen_experiment_scaling_result_clear(out);
    return st;
  }
  learning_path(out);
  limen_workload w = same_run_workload(out);
  st = measured_path_check(&w, out->setup.train.window_s, err);
  if (!st) st = project_rows(&w, out, err);
  if (!st) st = energy_grid(cfg, &w, out, err);
  if (st) limen_experiment_scaling_result_clear(out);
  return st;
}
