/* SPDX-License-Identifier: GPL-3.0-or-later
 * setup.c: one training run in physical memory from a named task and the overrides of its
 * defaults (experiment.h): the defaults of an experiment configuration, its resolution against
 * the task, the refusal of Langevin runs that would take hours, and the run itself. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "experiment/experiment_internal.h"
#include "limen/units.h"

limen_experiment_config limen_experiment_config_default(void) {
  limen_experiment_config c;
  memset(&c, 0, sizeof c);
  limen_experiment_inputs_defaults(&c); /* the numbers: limen_experiment_inputs() */
  c.task = "digits";
  c.paradigm = "lim-matched";
  c.schedule = NULL;
  c.memory = limen_memory_config_default();
  return c;
}

int limen_experiment_nomem(limen_error *err, const char *fn, const char *what) {
  return limen_error_set(err, LIMEN_ENOMEM, fn, "out of memory: %s", what);
}

/* The task's training configuration with the overrides of cfg. */
static int resolve_train(const char *fn, const limen_experiment_config *cfg, const limen_task *task,
                         limen_train_config *c, limen_error *err) {
  *c = task->defaults;
  if (cfg->steps != LIMEN_EXPERIMENT_TASK_DEFAULT) c->steps = cfg->steps;
  if (cfg->batch != LIMEN_EXPERIMENT_TASK_DEFAULT) c->batch = cfg->batch;
  if (!isnan(cfg->window_s)) c->window_s = cfg->window_s;
  if (!isnan(cfg->target)) c->target = cfg->target;
  if (cfg->eval_every != LIMEN_EXPERIMENT_TASK_DEFAULT) c->eval_every = cfg->eval_every;
  if (!isnan(cfg->eta0)) c->lr.eta0 = cfg->eta0;
  if (!isnan(cfg->lr_t0)) c->lr.t0 = cfg->lr_t0;
  int st;
  c->lr.eta_min = c->lr.eta0 * cfg->eta_min_fraction;
  c->lr.t_end = (double)c->steps;
  if (cfg->schedule && (st = limen_lr_kind_parse(cfg->schedule, &c->lr.kind, err)))
    return limen_error_wrap(err, st, fn, "schedule = '%s'", cfg->schedule);
  return LIMEN_OK;
}

/* The Langevin steps of one run: cells × steps × (Δt/τ₀)/langevin_dt; refused above the limit. */
static int langevin_cost(const char *fn, const limen_experiment_config *cfg, limen_experiment_setup *s,
                         limen_error *err) {
  s->window_tau0 = s->train.window_s / s->memory.tau0_s;
  if (s->memory.cells != LIMEN_CELLS_LANGEVIN) return LIMEN_OK;
  s->langevin_steps = (double)s->n_params * (double)s->train.steps * s->window_tau0 / s->memory.langevin_dt;
  if (!(s->langevin_steps > cfg->max_langevin_steps)) return LIMEN_OK;
  s->langevin_refused = 1;
  return limen_error_set(err, LIMEN_EINVAL, fn,
                         "memory.cells = langevin: %zu cells × %zu steps × %g τ₀ windows = %.3g Langevin steps: "
                         "allowed ≤ max_langevin_steps = %g (fewer steps, a shorter window, or jump cells)",
                         s->n_params, s->train.steps, s->window_tau0, s->langevin_steps, cfg->max_langevin_steps);
}

int limen_experiment_resolve(const char *fn, const limen_experiment_config *cfg, limen_task *task,
                             const limen_memory_type **type, limen_experiment_setup *s, limen_error *err) {
  memset(s, 0, sizeof *s);
  memset(task, 0, sizeof *task);
  *type = NULL;
  if (!cfg->task) return limen_error_set(err, LIMEN_EINVAL, fn, "task = NULL: allowed a name of limen_task_names()");
  int st = limen_experiment_inputs_check(cfg, fn, err);
  if (st) return st;
  if ((st = limen_task_setup(cfg->task, cfg->seed, task, err))) return limen_error_wrap(err, st, fn, "task");
  if (cfg->paradigm && (st = limen_memory_type_find(cfg->paradigm, type, err))) {
    limen_task_clear(task);
    return limen_error_wrap(err, st, fn, "paradigm");
  }
  snprintf(s->task, sizeof s->task, "%s", task->name);
  s->model_kind = task->model.kind;
  s->n_params = task->model.n_params;
  s->memory = cfg->memory;
  s->memory.seed = cfg->seed;
  if (!st) st = resolve_train(fn, cfg, task, &s->train, err);
  s->train.progress = cfg->progress;
  s->train.progress_ctx = cfg->progress_ctx;
  if (!st) st = langevin_cost(fn, cfg, s, err);
  if (st) limen_task_clear(task);
  return st;
}

int limen_experiment_train(const limen_experiment_config *cfg, limen_experiment_run *out, limen_error *err) {
  static const char *fn = "limen_experiment_train";
  if (!cfg || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  memset(out, 0, sizeof *out);
  if (!cfg->paradigm) return limen_error_set(err, LIMEN_EINVAL, fn, "paradigm = NULL: allowed a name of limen_memory_types()");
  limen_task task;
  const limen_memory_type *type;
  int st = limen_experiment_resolve(fn, cfg, &task, &type, &out->setup, err);
  if (st) return st;
  st = limen_train_run(&task.model, task.train, task.test, type, &out->setup.memory, &out->setup.train, &out->result, err);
  limen_task_clear(&task);
  if (st) return st; /* limen_train_run's error names the paradigm and the field */
  double kT = limen_kT(out->setup.memory.temperature_K);
  out->total_heat_kT = out->result.total_heat_J / kT;
  out->heat_per_cell_step_kT = out->result.heat_per_cell_step_J / kT;
  return LIMEN_OK;
}

void limen_experiment_run_clear(limen_experiment_run *run) {
  if (run) limen_train_result_clear(&run->result);
}

static void share_progress(void *ctx, double fraction) {
  const limen_run_share *sh = ctx;
  sh->progress(sh->progress_ctx, ((double)sh->index + fraction) / (double)sh->count);
}

void limen_run_share_set(limen_run_share *sh, const limen_train_config *base, size_t index, size_t count,
                         limen_train_config *c) {
  sh->progress = base->progress;
  sh->progress_ctx = base->progress_ctx;
  sh->index = index;
  sh->count = count;
  c->progress = base->progress ? share_progress : NULL;
  c->progress_ctx = sh;
}
