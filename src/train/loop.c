/* SPDX-License-Identifier: GPL-3.0-or-later
 * loop.c: the training loop inside a physical memory array, and the named tasks (train.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "limen/train.h"
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

int limen_train_run(const limen_net *model, const limen_dataset *train, const limen_dataset *test,
                    const limen_memory_type *type, const limen_memory_config *mem, const limen_train_config *cfg,
                    limen_train_result *out, limen_error *err) {
  if (!model || !type || !cfg || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(out, 0, sizeof *out);
  int st = check_config(cfg, err);
  if (st) return st;
  if (model->kind != LIMEN_NET_QUADRATIC && (!train || !test))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "training and test sets are required for model kind %d", (int)model->kind);
  limen_gsl_quiet();
  limen_memory_config mc = mem ? *mem : limen_memory_config_default();
  mc.schedule = cfg->lr;
  size_t P = model->n_params;
  size_t n_rows = model->kind == LIMEN_NET_QUADRATIC ? 0 : train->n;
  size_t batch = (cfg->batch == 0 || cfg->batch >= n_rows) ? 0 : cfg->batch;
  double *w0 = malloc(P * sizeof *w0), *g = malloc(P * sizeof *g), *dw = malloc(P * sizeof *dw);
  size_t *perm = n_rows ? malloc(n_rows * sizeof *perm) : NULL;
  size_t n_points_max = cfg->steps / cfg->eval_every + 2;
  limen_train_point *pts = malloc(n_points_max * sizeof *pts);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  limen_memory *memory = NULL;
  double *upd = cfg->record_updates ? malloc(cfg->steps * P * sizeof *upd) : NULL;
  double *rates = cfg->record_updates ? malloc(cfg->steps * sizeof *rates) : NULL;
  if (!w0 || !g || !dw || (n_rows && !perm) || !pts || !rng || (cfg->record_updates && (!upd || !rates))) {
    st = limen_error_set(err, LIMEN_ENOMEM, __func__, "workspace for %zu parameters", P);
    goto done;
  }
  gsl_rng_set(rng, cfg->seed);
  if ((st = limen_net_init_params(model, cfg->seed, w0, err))) goto done;
  if ((st = limen_memory_alloc(type, &mc, P, w0, &memory, err))) goto done;
  for (size_t i = 0; i < n_rows; i++) perm[i] = i;
  size_t cursor = n_rows; /* forces a shuffle before the first mini-batch */
  double kT = limen_kT(mc.temperature_K);
  double f0 = 0;
  if (model->kind == LIMEN_NET_QUADRATIC &&
      (st = limen_net_loss_grad(model, limen_memory_values(memory), NULL, NULL, 0, &f0, NULL, err)))
    goto done;
  double heat = 0, expected = 0, bound = 0, time_s = 0, ops = 0, heat_var = 0, sum_abs_dw = 0;
  out->energy_to_target_J = NAN;
  out->time_to_target_s = NAN;
  size_t np = 0;
  for (size_t k = 0; k < cfg->steps; k++) {
    const double *w = limen_memory_values(memory);
    double loss;
    if (batch == 0 || model->kind == LIMEN_NET_QUADRATIC) {
      st = limen_net_loss_grad(model, w, train, NULL, 0, &loss, g, err);
    } else {
      if (cursor + batch > n_rows) {
        gsl_ran_shuffle(rng, perm, n_rows, sizeof *perm);
        cursor = 0;
      }
      st = limen_net_loss_grad(model, w, train, perm + cursor, batch, &loss, g, err);
      cursor += batch;
    }
    if (st) goto done;
    double eta = limen_lr_eta(&cfg->lr, (double)k);
    for (size_t p = 0; p < P; p++) {
      dw[p] = -eta * g[p];
      sum_abs_dw += fabs(dw[p]);
    }
    limen_memory_step step = {k, cfg->window_s};
    limen_memory_stats s;
    if ((st = limen_memory_apply(memory, dw, &step, NULL, NULL, &s, err))) goto done;
    if (upd) {
      for (size_t p = 0; p < P; p++) upd[k * P + p] = dw[p] / memory->delta;
      rates[k] = s.rate_dt / (cfg->window_s / mc.tau0_s);
    }
    heat += s.heat_kT;
    expected += s.expected_kT;
    heat_var += s.heat_var_kT2;
    bound += s.bound_kT;
    ops += s.ops;
    out->driven += s.driven;
    if (s.max_tilt_kT > out->max_tilt_kT) out->max_tilt_kT = s.max_tilt_kT;
    out->final_barrier_kT = s.barrier_kT;
    out->final_rate_dt = s.rate_dt;
    time_s = (double)(k + 1) * (cfg->window_s + mc.hold_s);
    if ((k + 1) % cfg->eval_every == 0 || k + 1 == cfg->steps) {
      limen_train_point *pt = &pts[np++];
      pt->step = k + 1;
      pt->time_s = time_s;
      pt->heat_J = heat * kT;
      pt->bound_J = bound * kT;
      if ((st = evaluate(model, limen_memory_values(memory), train, test, f0, &pt->loss, &pt->train_accuracy,
                         &pt->test_accuracy, err)))
        goto done;
      if (out->steps_to_target == 0 && pt->test_accuracy >= cfg->target) {
        out->steps_to_target = k + 1;
        out->energy_to_target_J = pt->heat_J;
        out->time_to_target_s = time_s;
      }
    }
  }
  out->paradigm = type->name;
  out->steps = cfg->steps;
  out->n_params = P;
  out->temperature_K = mc.temperature_K;
  out->final_loss = pts[np - 1].loss;
  out->final_train_accuracy = pts[np - 1].train_accuracy;
  out->final_test_accuracy = pts[np - 1].test_accuracy;
  out->total_heat_J = heat * kT;
  out->expected_heat_J = expected * kT;
  out->heat_stderr_J = sqrt(heat_var) * kT;
  out->bound_J = bound * kT;
  out->time_s = time_s;
  out->ops = ops;
  out->mean_abs_update = sum_abs_dw / ((double)P * (double)cfg->steps);
  out->heat_per_cell_step_J = heat * kT / ((double)P * (double)cfg->steps);
  out->points = pts;
  out->n_points = np;
  out->updates_levels = upd;
  out->rate_per_tau0 = rates;
  out->tau0_s = mc.tau0_s;
  pts = NULL;
  upd = rates = NULL;
  st = LIMEN_OK;
done:
  if (st) limen_error_wrap(err, st, __func__, "paradigm '%s'", type->name);
  limen_memory_free(memory);
  if (rng) gsl_rng_free(rng);
  free(pts);
  free(upd);
  free(rates);
  free(perm);
  free(w0);
  free(g);
  free(dw);
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
