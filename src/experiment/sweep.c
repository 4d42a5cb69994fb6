/* SPDX-License-Identifier: GPL-3.0-or-later
 * sweep.c: experiments 1–3 of docs/results.md (experiment.h): every memory paradigm on one task,
 * and lim-fixed and lim-matched over update windows or barrier heights, with the closed form (H)
 * of the window sweep replayed along a recorded trajectory on a fine grid of windows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"
#include "limen/units.h"

enum { MAX_TYPES = 16 }; /* memory types one sweep runs at most */

static const char *const kind_names[] = {"paradigms", "window", "barrier"};

const char *limen_experiment_kind_name(limen_experiment_kind kind) {
  return (unsigned)kind < sizeof kind_names / sizeof *kind_names ? kind_names[kind] : "unknown";
}

limen_experiment_sweep_config limen_experiment_sweep_config_default(limen_experiment_kind kind) {
  static const double windows[] = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4};
  static const double barriers[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  limen_experiment_sweep_config c;
  memset(&c, 0, sizeof c);
  c.kind = kind;
  c.run = limen_experiment_config_default();
  c.run.paradigm = NULL;
  c.curve_points = 61;
  const double *v = kind == LIMEN_EXPERIMENT_WINDOW ? windows : kind == LIMEN_EXPERIMENT_BARRIER ? barriers : NULL;
  c.n_values = kind == LIMEN_EXPERIMENT_WINDOW ? sizeof windows / sizeof *windows
               : kind == LIMEN_EXPERIMENT_BARRIER ? sizeof barriers / sizeof *barriers : 0;
  if (v) memcpy(c.values, v, c.n_values * sizeof *v);
  return c;
}

void limen_experiment_sweep_result_clear(limen_experiment_sweep_result *r) {
  if (!r) return;
  for (size_t i = 0; r->runs && i < r->n_runs; i++) limen_train_result_clear(&r->runs[i].result);
  free(r->runs);
  for (size_t g = 0; g < r->n_curves; g++) free(r->curves[g].window_s);
  r->runs = NULL;
  r->n_runs = r->n_curves = 0;
}

/* The kind, the paradigm and the values a sweep reads. */
static int check_sweep(const char *fn, const limen_experiment_sweep_config *cfg, limen_error *err) {
  if ((unsigned)cfg->kind > LIMEN_EXPERIMENT_BARRIER)
    return limen_error_set(err, LIMEN_EINVAL, fn, "kind = %d: allowed paradigms, window, barrier", (int)cfg->kind);
  if (cfg->kind == LIMEN_EXPERIMENT_PARADIGMS) {
    if (cfg->run.paradigm)
      return limen_error_set(err, LIMEN_EINVAL, fn, "run.paradigm = '%s': allowed NULL (the experiment runs every "
                             "paradigm)", cfg->run.paradigm);
    return LIMEN_OK;
  }
  const char *p = cfg->run.paradigm;
  if (cfg->kind == LIMEN_EXPERIMENT_BARRIER && p && strcmp(p, "lim-fixed") != 0 && strcmp(p, "lim-matched") != 0)
    return limen_error_set(err, LIMEN_EINVAL, fn, "run.paradigm = '%s': allowed lim-fixed, lim-matched or NULL (a "
                           "paradigm with a barrier to sweep)", p);
  if (cfg->n_values < 1 || cfg->n_values > LIMEN_EXPERIMENT_MAX_VALUES)
    return limen_error_set(err, LIMEN_EINVAL, fn, "n_values = %zu: allowed range [1, %d]", cfg->n_values,
                           LIMEN_EXPERIMENT_MAX_VALUES);
  for (size_t i = 0; i < cfg->n_values; i++) {
    int st = limen_experiment_value_check(cfg->kind, i, cfg->values[i], fn, err);
    if (st) return st;
  }
  return LIMEN_OK;
}

/* The runs of a sweep as the items of a limen_spread_job: run k is paradigm types[k / n_values]
 * at value k % n_values (once, for the paradigms experiment). */
typedef struct sweep_job {
  const limen_experiment_sweep_config *cfg;
  const limen_task *task;
  const limen_memory_type *const *types;
  limen_experiment_sweep_result *out;
} sweep_job;

static int job_run(void *ctx, size_t k, limen_error *err) {
  const sweep_job *j = ctx;
  const limen_experiment_sweep_config *cfg = j->cfg;
  const limen_experiment_setup *s = &j->out->setup;
  limen_experiment_sweep_run *e = &j->out->runs[k];
  limen_train_config ci = s->train;
  limen_memory_config mi = s->memory;
  if (cfg->kind == LIMEN_EXPERIMENT_BARRIER) mi.low_barrier_kT = e->value;
  if (cfg->kind == LIMEN_EXPERIMENT_WINDOW) {
    ci.window_s = e->value;
    ci.record_updates = cfg->curve_points > 0; /* the closed-form curve */
  }
  limen_run_share sh; /* the run's share of the experiment's progress */
  limen_run_share_set(&sh, &s->train, k, j->out->n_runs, &ci);
  return limen_train_run(&j->task->model, j->task->train, j->task->test, j->types[k / j->out->n_values], &mi, &ci,
                         &e->result, err);
}

static size_t job_size(void *ctx, size_t k) {
  return limen_xspread_train_size(&((const sweep_job *)ctx)->out->runs[k].result);
}

static void job_pack(void *ctx, size_t k, unsigned char *buf) {
  size_t at = 0;
  limen_xspread_train_pack(&((const sweep_job *)ctx)->out->runs[k].result, buf, &at);
}

static int job_unpack(void *ctx, size_t k, const unsigned char *buf, size_t n, limen_error *err) {
  const sweep_job *j = ctx;
  size_t at = 0;
  limen_train_result *r = &j->out->runs[k].result;
  int st = limen_xspread_train_unpack(r, buf, &at, n, err);
  r->paradigm = j->types[k / j->out->n_values]->name;
  return st;
}

/* A run as a unit of the checkpoint (run_units.c), and back. */
static int job_keep(void *ctx, size_t k, limen_checkpoint *ck, limen_error *err) {
  return limen_experiment_keep_run(&((const sweep_job *)ctx)->out->runs[k].result, ck, err);
}

static int job_take(void *ctx, size_t k, const limen_checkpoint_unit *u, limen_error *err) {
  const sweep_job *j = ctx;
  return limen_experiment_take_run(u, k, j->types[k / j->out->n_values]->name, &j->out->runs[k].result, err);
}

/* Every run: the paradigm and value of each, then the trainings (split over sp, under ctl). */
static int run_all(const limen_experiment_sweep_config *cfg, const limen_task *task,
                   const limen_memory_type *const *types, const limen_spread *sp, limen_run_control *ctl,
                   limen_experiment_sweep_result *out, limen_error *err) {
  out->n_runs = out->n_paradigms * out->n_values;
  for (size_t k = 0; k < out->n_runs; k++) {
    out->runs[k].paradigm = types[k / out->n_values]->name;
    out->runs[k].value = cfg->kind == LIMEN_EXPERIMENT_PARADIGMS ? NAN : cfg->values[k % out->n_values];
  }
  sweep_job j = {cfg, task, types, out};
  limen_spread_job job = {out->n_runs, &j, job_run, job_size, job_pack, job_unpack};
  const limen_unit_codec codec = {job_keep, job_take};
  return limen_run_control_spread(ctl, sp, &job, &codec, err);
}

/* The closed form (H) along the trajectory of the middle run of paradigm g, on a log grid of
 * windows from the smallest to the largest swept window. */
static int closed_form_curve(const char *fn, const limen_experiment_sweep_config *cfg, size_t g,
                             limen_experiment_sweep_result *out, limen_error *err) {
  size_t per = out->n_values, n = cfg->curve_points;
  const limen_experiment_sweep_run *ref = &out->runs[g * per + per / 2];
  double lo = cfg->values[0], hi = cfg->values[0];
  for (size_t i = 0; i < per; i++) {
    if (cfg->values[i] < lo) lo = cfg->values[i];
    if (cfg->values[i] > hi) hi = cfg->values[i];
  }
  limen_experiment_curve *c = &out->curves[out->n_curves];
  c->window_s = malloc(2 * n * sizeof *c->window_s);
  if (!c->window_s) return limen_experiment_nomem(err, fn, "closed-form curve");
  out->n_curves++;
  c->heat_J = c->window_s + n;
  c->n = n;
  c->paradigm = ref->paradigm;
  c->ref_value = ref->value;
  double kT = limen_kT(ref->result.temperature_K);
  for (size_t i = 0; i < n; i++) {
    c->window_s[i] = limen_grid_point(lo, hi, i, n, 1);
    double e;
    int st = limen_train_hop_closed_form_kT(&ref->result, c->window_s[i], &e, err);
    if (st) return st;
    c->heat_J[i] = e * kT;
  }
  return LIMEN_OK;
}

/* The memory types a sweep runs. */
static size_t sweep_types(const limen_experiment_sweep_config *cfg, const limen_memory_type *type,
                          const limen_memory_type **types) {
  if (cfg->kind == LIMEN_EXPERIMENT_PARADIGMS) {
    const limen_memory_type *const *all = limen_memory_types();
    size_t n = 0;
    while (all[n] && n < MAX_TYPES) {
      types[n] = all[n];
      n++;
    }
    return n;
  }
  if (type) {
    types[0] = type;
    return 1;
  }
  types[0] = limen_memory_lim_fixed;
  types[1] = limen_memory_lim_matched;
  return 2;
}

int limen_experiment_sweep(const limen_experiment_sweep_config *cfg, limen_experiment_sweep_result *out,
                           limen_error *err) {
  return limen_experiment_sweep_ctl(cfg, NULL, NULL, out, err);
}

int limen_experiment_sweep_spread(const limen_experiment_sweep_config *cfg, const limen_spread *sp,
                                  limen_experiment_sweep_result *out, limen_error *err) {
  return limen_experiment_sweep_ctl(cfg, sp, NULL, out, err);
}

int limen_experiment_sweep_ctl(const limen_experiment_sweep_config *cfg, const limen_spread *sp,
                               limen_run_control *ctl, limen_experiment_sweep_result *out, limen_error *err) {
  static const char *fn = "limen_experiment_sweep";
  if (!cfg || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  memset(out, 0, sizeof *out);
  out->kind = cfg->kind;
  int st = check_sweep(fn, cfg, err);
  if (st) return st;
  limen_task task;
  const limen_memory_type *type, *types[MAX_TYPES];
  if ((st = limen_experiment_resolve(fn, &cfg->run, &task, &type, &out->setup, err))) return st;
  out->n_paradigms = sweep_types(cfg, type, types);
  out->n_values = cfg->kind == LIMEN_EXPERIMENT_PARADIGMS ? 1 : cfg->n_values;
  out->runs = calloc(out->n_paradigms * out->n_values, sizeof *out->runs);
  if (!out->runs) st = limen_experiment_nomem(err, fn, "runs");
  char inputs[4096];
  if (!st && limen_experiment_sweep_inputs(cfg, inputs, sizeof inputs)) st = limen_experiment_nomem(err, fn, "inputs");
  if (!st) st = limen_run_control_begin(ctl, "train sweep", "runs", inputs, out->n_paradigms * out->n_values, err);
  if (!st) st = run_all(cfg, &task, types, sp, ctl, out, err);
  limen_task_clear(&task);
  for (size_t g = 0; !st && cfg->kind == LIMEN_EXPERIMENT_WINDOW && cfg->curve_points > 0 && g < out->n_paradigms; g++)
    st = closed_form_curve(fn, cfg, g, out, err);
  if (st) limen_experiment_sweep_result_clear(out); /* the run's own error names paradigm and field */
  return st;
}
