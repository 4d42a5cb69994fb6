/* SPDX-License-Identifier: GPL-3.0-or-later
 * loop.c: the training loop inside a physical memory array, and the named tasks (train.h). */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "limen/train.h"
#include "limen/provenance.h"
#include "limen/units.h"

void limen_train_result_clear(limen_train_result *r) {
  if (!r) return;
  free(r->points);
  free(r->updates_levels);
  free(r->rate_per_tau0);
  r->points = NULL;
  r->updates_levels = NULL;
  r->rate_per_tau0 = NULL;
  r->n_points = 0;
}

int limen_train_hop_closed_form_kT(const limen_train_result *r, double window_s, double *e_kT, limen_error *err) {
  if (!r || !e_kT) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (!r->updates_levels || !r->rate_per_tau0)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "the run has no recorded trajectory (record_updates = 0)");
  int st = limen_check_positive(err, __func__, "window_s", window_s);
  if (st) return st;
  double sum = 0;
  for (size_t k = 0; k < r->steps; k++) {
    double rdt = r->rate_per_tau0[k] * window_s / r->tau0_s;
    if (!(rdt > 0)) return limen_error_set(err, LIMEN_EINVAL, __func__, "step %zu: no hopping rate (paradigm '%s')", k, r->paradigm);
    const double *m = r->updates_levels + k * r->n_params;
    for (size_t i = 0; i < r->n_params; i++) {
      if (m[i] == 0) continue;
      double e;
      if ((st = limen_hop_cost_kT(fabs(m[i]), rdt, &e, NULL, NULL, err)))
        return limen_error_wrap(err, st, __func__, "step %zu, cell %zu", k, i);
      sum += e;
    }
  }
  *e_kT = sum;
  return LIMEN_OK;
}

static int check_config(const limen_train_config *c, limen_error *err) {
  static const char *fn = "limen_train_run";
  if (c->steps < 1 || c->steps > 100000000)
    return limen_error_set(err, LIMEN_EINVAL, fn, "steps = %zu: allowed range [1, 1e8]", c->steps);
  if (c->eval_every < 1) return limen_error_set(err, LIMEN_EINVAL, fn, "eval_every = 0: allowed range [1, steps]");
  int st;
  if ((st = limen_check_range(err, fn, "window_s", c->window_s, 0, 1, 1e6, 0))) return st;
  if ((st = limen_check_range(err, fn, "target", c->target, 0, 0, 1, 0))) return st;
  if ((st = limen_lr_check(&c->lr, err))) return limen_error_wrap(err, st, fn, "learning-rate schedule");
  return LIMEN_OK;
}

/* Full-set evaluation: loss, train and test accuracy. */
static int evaluate(const limen_net *m, const double *w, const limen_dataset *train, const limen_dataset *test, double f0,
                    double *loss, double *tr_acc, double *te_acc, limen_error *err) {
  int st;
  if (m->kind == LIMEN_NET_QUADRATIC) {
    double f;
    if ((st = limen_net_loss_grad(m, w, NULL, NULL, 0, &f, NULL, err))) return st;
    *loss = f - m->f_star;
    double rel = (f0 - m->f_star) > 0 ? *loss / (f0 - m->f_star) : 0.0;
    *tr_acc = *te_acc = 1.0 - rel;
    return LIMEN_OK;
  }
  if ((st = limen_net_loss_grad(m, w, train, NULL, 0, loss, NULL, err))) return st;
  if ((st = limen_net_accuracy(m, w, train, tr_acc, err))) return st;
  if ((st = limen_net_accuracy(m, w, test, te_acc, err))) return st;
  return LIMEN_OK;
}

/* The workspace and running sums of one training run. */
typedef struct train_work {
  const limen_net *model;
  const limen_dataset *train, *test;
  const limen_train_config *cfg;
  limen_memory_config mc;
  size_t P, n_rows, batch, cursor;
  double *w0, *g, *dw;
  size_t *perm;
  limen_train_point *pts;
  size_t np;
  gsl_rng *rng;
  limen_memory *memory;
  double *upd, *rates;      /* record_updates: desired moves (levels), window rates (per τ₀) */
  double kT, f0;            /* f0: the quadratic model's initial objective                  */
  double heat, expected, bound, time_s, ops, heat_var, sum_abs_dw; /* heats in kT          */
} train_work;

static void work_free(train_work *w) {
  limen_memory_free(w->memory);
  if (w->rng) gsl_rng_free(w->rng);
  free(w->pts);
  free(w->upd);
  free(w->rates);
  free(w->perm);
  free(w->w0);
  free(w->g);
  free(w->dw);
}

/* Allocate the workspace, the memory array holding the initial parameters, and f0. */
static int work_init(train_work *w, const limen_memory_type *type, limen_error *err) {
  const limen_train_config *cfg = w->cfg;
  size_t P = w->P = w->model->n_params;
  w->n_rows = w->model->kind == LIMEN_NET_QUADRATIC ? 0 : w->train->n;
  w->batch = (cfg->batch == 0 || cfg->batch >= w->n_rows) ? 0 : cfg->batch;
  w->w0 = malloc(P * sizeof *w->w0);
  w->g = malloc(P * sizeof *w->g);
  w->dw = malloc(P * sizeof *w->dw);
  w->perm = w->n_rows ? malloc(w->n_rows * sizeof *w->perm) : NULL;
  w->pts = malloc((cfg->steps / cfg->eval_every + 2) * sizeof *w->pts);
  w->rng = gsl_rng_alloc(gsl_rng_mt19937);
  w->upd = cfg->record_updates ? malloc(cfg->steps * P * sizeof *w->upd) : NULL;
  w->rates = cfg->record_updates ? malloc(cfg->steps * sizeof *w->rates) : NULL;
  if (!w->w0 || !w->g || !w->dw || (w->n_rows && !w->perm) || !w->pts || !w->rng ||
      (cfg->record_updates && (!w->upd || !w->rates)))
    return limen_error_set(err, LIMEN_ENOMEM, "limen_train_run", "workspace for %zu parameters", P);
  gsl_rng_set(w->rng, cfg->seed);
  int st = limen_net_init_params(w->model, cfg->seed, w->w0, err);
  if (!st) st = limen_memory_alloc(type, &w->mc, P, w->w0, &w->memory, err);
  if (st) return st;
  for (size_t i = 0; i < w->n_rows; i++) w->perm[i] = i;
  w->cursor = w->n_rows; /* forces a shuffle before the first mini-batch */
  w->kT = limen_kT(w->mc.temperature_K);
  if (w->model->kind == LIMEN_NET_QUADRATIC)
    return limen_net_loss_grad(w->model, limen_memory_values(w->memory), NULL, NULL, 0, &w->f0, NULL, err);
  return LIMEN_OK;
}

/* The gradient of step k: full batch, or the next slice of a permutation reshuffled every epoch. */
static int gradient(train_work *w, limen_error *err) {
  const double *v = limen_memory_values(w->memory);
  double loss;
  if (w->batch == 0 || w->model->kind == LIMEN_NET_QUADRATIC)
    return limen_net_loss_grad(w->model, v, w->train, NULL, 0, &loss, w->g, err);
  if (w->cursor + w->batch > w->n_rows) {
    gsl_ran_shuffle(w->rng, w->perm, w->n_rows, sizeof *w->perm);
    w->cursor = 0;
  }
  int st = limen_net_loss_grad(w->model, v, w->train, w->perm + w->cursor, w->batch, &loss, w->g, err);
  w->cursor += w->batch;
  return st;
}

/* Step k: Δw = −η(k)·g realized by the memory array in the window, and its heat. */
static int step(train_work *w, size_t k, limen_train_result *out, limen_error *err) {
  const limen_train_config *cfg = w->cfg;
  double t0 = omp_get_wtime();
  int st = gradient(w, err);
  double t1 = omp_get_wtime();
  out->timing.model_s += t1 - t0;
  if (st) return st;
  double eta = limen_lr_eta(&cfg->lr, (double)k);
  for (size_t p = 0; p < w->P; p++) {
    w->dw[p] = -eta * w->g[p];
    w->sum_abs_dw += fabs(w->dw[p]);
  }
  limen_memory_step ms = {k, cfg->window_s};
  limen_memory_stats s;
  t0 = omp_get_wtime();
  st = limen_memory_apply(w->memory, w->dw, &ms, NULL, NULL, &s, err);
  out->timing.physics_s += omp_get_wtime() - t0;
  if (st) return st;
  if (w->upd) {
    for (size_t p = 0; p < w->P; p++) w->upd[k * w->P + p] = w->dw[p] / w->memory->delta;
    w->rates[k] = s.rate_dt / (cfg->window_s / w->mc.tau0_s);
  }
  w->heat += s.heat_kT;
  w->expected += s.expected_kT;
  w->heat_var += s.heat_var_kT2;
  w->bound += s.bound_kT;
  w->ops += s.ops;
  out->driven += s.driven;
  if (s.max_tilt_kT > out->max_tilt_kT) out->max_tilt_kT = s.max_tilt_kT;
  out->final_barrier_kT = s.barrier_kT;
  out->final_rate_dt = s.rate_dt;
  w->time_s = (double)(k + 1) * (cfg->window_s + w->mc.hold_s);
  return LIMEN_OK;
}

/* A trace point after step k, and the first time the test accuracy reached the target. */
static int record(train_work *w, size_t k, limen_train_result *out, limen_error *err) {
  limen_train_point *pt = &w->pts[w->np++];
  pt->step = k + 1;
  pt->time_s = w->time_s;
  pt->heat_J = w->heat * w->kT;
  pt->bound_J = w->bound * w->kT;
  double t0 = omp_get_wtime();
  int st = evaluate(w->model, limen_memory_values(w->memory), w->train, w->test, w->f0, &pt->loss, &pt->train_accuracy,
                    &pt->test_accuracy, err);
  out->timing.model_s += omp_get_wtime() - t0;
  if (st) return st;
  if (out->steps_to_target == 0 && pt->test_accuracy >= w->cfg->target) {
    out->steps_to_target = k + 1;
    out->energy_to_target_J = pt->heat_J;
    out->time_to_target_s = w->time_s;
  }
  return LIMEN_OK;
}

/* The totals of the run; the trace and the recorded trajectory move into out. */
static void finish(train_work *w, const limen_memory_type *type, limen_train_result *out) {
  double kT = w->kT, PK = (double)w->P * (double)w->cfg->steps;
  const limen_train_point *last = &w->pts[w->np - 1];
  out->paradigm = type->name;
  out->steps = w->cfg->steps;
  out->n_params = w->P;
  out->temperature_K = w->mc.temperature_K;
  out->final_loss = last->loss;
  out->final_train_accuracy = last->train_accuracy;
  out->final_test_accuracy = last->test_accuracy;
  out->total_heat_J = w->heat * kT;
  out->expected_heat_J = w->expected * kT;
  out->heat_stderr_J = sqrt(w->heat_var) * kT;
  out->bound_J = w->bound * kT;
  out->time_s = w->time_s;
  out->ops = w->ops;
  out->mean_abs_update = w->sum_abs_dw / PK;
  out->heat_per_cell_step_J = w->heat * kT / PK;
  out->points = w->pts;
  out->n_points = w->np;
  out->updates_levels = w->upd;
  out->rate_per_tau0 = w->rates;
  out->tau0_s = w->mc.tau0_s;
  w->pts = NULL;
  w->upd = w->rates = NULL;
}

int limen_train_run(const limen_net *model, const limen_dataset *train, const limen_dataset *test,
                    const limen_memory_type *type, const limen_memory_config *mem, const limen_train_config *cfg,
                    limen_train_result *out, limen_error *err) {
  if (!model || !type || !cfg || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(out, 0, sizeof *out);
  int st = check_config(cfg, err);
  if (st) return st;
  limen_provenance_note_seed(cfg->seed);
  if (model->kind != LIMEN_NET_QUADRATIC && (!train || !test))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "training and test sets are required for model kind %d", (int)model->kind);
  limen_gsl_quiet();
  train_work w;
  memset(&w, 0, sizeof w);
  w.model = model;
  w.train = train;
  w.test = test;
  w.cfg = cfg;
  w.mc = mem ? *mem : limen_memory_config_default();
  w.mc.schedule = cfg->lr;
  st = work_init(&w, type, err);
  out->energy_to_target_J = NAN;
  out->time_to_target_s = NAN;
  double t0 = omp_get_wtime();
  for (size_t k = 0; !st && k < cfg->steps; k++) {
    st = step(&w, k, out, err);
    if (!st && ((k + 1) % cfg->eval_every == 0 || k + 1 == cfg->steps)) st = record(&w, k, out, err);
    if (!st && cfg->progress && ((k + 1) % cfg->eval_every == 0 || k + 1 == cfg->steps))
      cfg->progress(cfg->progress_ctx, (double)(k + 1) / (double)cfg->steps);
  }
  out->timing.wall_s = omp_get_wtime() - t0;
  if (!st) finish(&w, type, out);
  if (st) limen_error_wrap(err, st, __func__, "paradigm '%s'", type->name);
  work_free(&w);
  return st;
}

/* ---- named tasks ----------------------------------------------------------------------- */
static const char *const task_names[] = {"digits", "digits-mlp", "breast-cancer", "quadratic", NULL};
const char *const *limen_task_names(void) { return task_names; }

void limen_task_clear(limen_task *t) {
  if (!t) return;
  limen_net_clear(&t->model);
  limen_dataset_free(t->train);
  limen_dataset_free(t->test);
  t->train = t->test = NULL;
}

static limen_lr_schedule lr_inverse(double eta0, double t0) {
  limen_lr_schedule s = {LIMEN_LR_INVERSE, eta0, t0, 1.0, eta0 * 1e-3};
  return s;
}

int limen_task_setup(const char *name, uint64_t seed, limen_task *t, limen_error *err) {
  if (!name || !t) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(t, 0, sizeof *t);
  snprintf(t->name, sizeof t->name, "%s", name);
  limen_train_config *c = &t->defaults;
  c->window_s = 1e-6;
  c->eval_every = 1;
  c->seed = seed;
  int st;
  limen_dataset *all = NULL;
  if (strcmp(name, "digits") == 0 || strcmp(name, "digits-mlp") == 0) {
    if ((st = limen_dataset_load("digits", &all, err))) return limen_error_wrap(err, st, __func__, "task '%s'", name);
    st = limen_dataset_split(all, 0.25, seed, &t->train, &t->test, err);
    limen_dataset_free(all);
    if (st) return limen_error_wrap(err, st, __func__, "task '%s'", name);
    if (strcmp(name, "digits") == 0) {
      st = limen_net_softmax_init(&t->model, 64, 10, 1e-4, err);
      c->steps = 200;
      c->batch = 0;
      c->lr = lr_inverse(2.0, 50.0);
      c->target = 0.93;
    } else {
      st = limen_net_mlp_init(&t->model, 64, 32, 10, 1e-4, err);
      c->steps = 1500;
      c->batch = 32;
      c->lr = lr_inverse(0.5, 500.0);
      c->target = 0.9;
      c->eval_every = 25; /* a full evaluation costs about as much as 40 mini-batch steps */
    }
  } else if (strcmp(name, "breast-cancer") == 0) {
    if ((st = limen_dataset_load("breast_cancer", &all, err))) return limen_error_wrap(err, st, __func__, "task '%s'", name);
    st = limen_dataset_split(all, 0.25, seed, &t->train, &t->test, err);
    limen_dataset_free(all);
    if (!st) st = limen_dataset_standardize(t->train, t->test, err);
    if (!st) st = limen_net_softmax_init(&t->model, 30, 2, 1e-3, err);
    c->steps = 100;
    c->batch = 0;
    c->lr = lr_inverse(0.5, 50.0);
    c->target = 0.95;
  } else if (strcmp(name, "quadratic") == 0) {
    st = limen_net_quadratic_init(&t->model, 20, seed, err);
    c->steps = 100;
    c->batch = 0;
    c->lr = lr_inverse(0.3, 100.0);
    c->target = 0.99;
  } else {
    return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "task '%s': allowed %s, %s, %s, %s", name, task_names[0], task_names[1], task_names[2], task_names[3]);
  }
  if (st) {
    limen_task_clear(t);
    return limen_error_wrap(err, st, __func__, "task '%s'", name);
  }
  return LIMEN_OK;
}
