/* SPDX-License-Identifier: GPL-3.0-or-later
 * run_units.c: the runs of the training experiments (paradigms, window, barrier, scaling) and
 * the anneals of the Max-Cut study as the units of a checkpoint (experiment.h, the *_ctl calls;
 * checkpoint.h) — the inputs as canonical text, and each run's result packed as numbers (every
 * scalar member, the recorded points, and the recorded trajectory of a window sweep) and unpacked
 * again on --resume.  Every run starts from the configuration's seed alone (data split,
 * initialization, batches, cells; the anneal's spins), so a run's result depends only on the
 * inputs and its place in the experiment, and a resumed experiment is an uninterrupted one bit
 * for bit. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"
#include "limen/checkpoint.h"

/* The members of a struct kept as numbers: its doubles, then its counts (size_t). */
typedef struct layout {
  const size_t *dbl, *cnt;
  size_t nd, nc;
} layout;
#define LAYOUT(d, c) {d, c, sizeof d / sizeof *d, sizeof c / sizeof *c}

#define T(m) offsetof(limen_train_result, m)
static const size_t k_train_d[] = {T(temperature_K), T(final_loss), T(final_train_accuracy), T(final_test_accuracy),
                                   T(total_heat_J), T(expected_heat_J), T(heat_stderr_J), T(bound_J),
                                   T(energy_to_target_J), T(time_to_target_s), T(time_s), T(ops), T(mean_abs_update),
                                   T(heat_per_cell_step_J), T(final_barrier_kT), T(final_rate_dt), T(max_tilt_kT),
                                   T(tau0_s)};
static const size_t k_train_c[] = {T(steps), T(n_params), T(steps_to_target), T(driven), T(n_points)};
#undef T
#define P(m) offsetof(limen_train_point, m)
static const size_t k_tpoint_d[] = {P(time_s), P(heat_J), P(bound_J), P(loss), P(train_accuracy), P(test_accuracy)};
static const size_t k_tpoint_c[] = {P(step)};
#undef P
#define A(m) offsetof(limen_anneal_result, m)
static const size_t k_anneal_d[] = {A(best_cut), A(final_cut), A(flips), A(heat_modulated_J), A(coupling_work_J),
                                    A(heat_static_J), A(static_write_kT), A(time_s), A(log10_time_s),
                                    A(attempt_rate0_per_s), A(t0_s), A(final_barrier_kT)};
static const size_t k_anneal_c[] = {A(best_sweep), A(n_points)};
#undef A
#define Q(m) offsetof(limen_anneal_point, m)
static const size_t k_apoint_d[] = {Q(time_s), Q(log10_time_s), Q(beta), Q(barrier_kT), Q(cut), Q(best_cut),
                                    Q(heat_modulated_J), Q(heat_static_J)};
static const size_t k_apoint_c[] = {Q(sweep)};
#undef Q
static const layout k_train = LAYOUT(k_train_d, k_train_c), k_tpoint = LAYOUT(k_tpoint_d, k_tpoint_c),
                    k_anneal = LAYOUT(k_anneal_d, k_anneal_c), k_apoint = LAYOUT(k_apoint_d, k_apoint_c);

static size_t width(const layout *l) { return l->nd + l->nc; }

static double *pack(const void *obj, const layout *l, double *p) {
  for (size_t i = 0; i < l->nd; i++) *p++ = *(const double *)((const char *)obj + l->dbl[i]);
  for (size_t i = 0; i < l->nc; i++) *p++ = (double)*(const size_t *)((const char *)obj + l->cnt[i]);
  return p;
}

/* The counts must be whole numbers of a sane size (a corrupt file must not make one huge). */
static int unpack(void *obj, const layout *l, const double *p) {
  for (size_t i = 0; i < l->nc; i++)
    if (!(p[l->nd + i] >= 0 && p[l->nd + i] <= 1e12 && p[l->nd + i] == floor(p[l->nd + i]))) return 0;
  for (size_t i = 0; i < l->nd; i++) *(double *)((char *)obj + l->dbl[i]) = p[i];
  for (size_t i = 0; i < l->nc; i++) *(size_t *)((char *)obj + l->cnt[i]) = (size_t)p[l->nd + i];
  return 1;
}

/* ---- the inputs --------------------------------------------------------------------------------- */

/* A line "name = value" (a number written exactly) at buf[*at]; nonzero when it does not fit. */
static int line(char *buf, size_t cap, size_t *at, const char *name, const char *text, double v) {
  char num[40];
  if (!text) limen_checkpoint_number(num, sizeof num, v);
  int n = snprintf(buf + *at, cap - *at, "%s = %s\n", name, text ? text : num);
  if (n < 0 || (size_t)n >= cap - *at) return 1;
  *at += (size_t)n;
  return 0;
}

/* The lines of a training configuration: the experiment, task, paradigm, schedule, cells, and
 * every numeric input (limen_experiment_inputs, limen_memory_config_inputs). */
static int run_lines(const char *experiment, const limen_experiment_config *c, char *buf, size_t cap, size_t *at) {
  size_t n = 0;
  int bad = line(buf, cap, at, "limen", limen_version(), 0);
  bad |= line(buf, cap, at, "experiment", experiment, 0);
  bad |= line(buf, cap, at, "task", c->task ? c->task : "digits", 0);
  bad |= line(buf, cap, at, "paradigm", c->paradigm ? c->paradigm : "(all)", 0);
  bad |= line(buf, cap, at, "schedule", c->schedule ? c->schedule : "(task default)", 0);
  bad |= line(buf, cap, at, "cells", NULL, (double)c->memory.cells);
  const limen_input *rows = limen_experiment_inputs(&n);
  for (size_t i = 0; i < n; i++) bad |= line(buf, cap, at, rows[i].name, NULL, limen_input_get(&rows[i], c));
  rows = limen_memory_config_inputs(&n);
  for (size_t i = 0; i < n; i++) bad |= line(buf, cap, at, rows[i].name, NULL, limen_input_get(&rows[i], &c->memory));
  return bad;
}

int limen_experiment_sweep_inputs(const limen_experiment_sweep_config *cfg, char *buf, size_t cap) {
  size_t at = 0;
  int bad = run_lines(limen_experiment_kind_name(cfg->kind), &cfg->run, buf, cap, &at);
  bad |= line(buf, cap, &at, "curve points", NULL, (double)cfg->curve_points);
  for (size_t i = 0; i < cfg->n_values && cfg->kind != LIMEN_EXPERIMENT_PARADIGMS; i++) {
    char name[32];
    snprintf(name, sizeof name, "values[%zu]", i);
    bad |= line(buf, cap, &at, name, NULL, cfg->values[i]);
  }
  return bad;
}

int limen_experiment_scaling_inputs(const limen_experiment_scaling_config *cfg, char *buf, size_t cap) {
  size_t at = 0;
  int bad = run_lines("scaling", &cfg->run, buf, cap, &at);
  bad |= line(buf, cap, &at, "grid points", NULL, (double)cfg->grid_points);
  return bad | line(buf, cap, &at, "grid span", NULL, cfg->grid_span);
}

int limen_experiment_maxcut_units_inputs(const limen_experiment_maxcut_config *cfg, char *buf, size_t cap) {
  size_t at = 0, n = 0;
  int bad = line(buf, cap, &at, "limen", limen_version(), 0);
  bad |= line(buf, cap, &at, "experiment", "maxcut", 0);
  for (size_t i = 0; i < cfg->n_graphs; i++) {
    char name[32];
    snprintf(name, sizeof name, "graphs[%zu]", i);
    bad |= line(buf, cap, &at, name, cfg->graphs[i] ? cfg->graphs[i] : "(none)", 0);
  }
  const limen_input *rows = limen_experiment_maxcut_inputs(&n);
  for (size_t i = 0; i < n; i++) bad |= line(buf, cap, &at, rows[i].name, NULL, limen_input_get(&rows[i], cfg));
  return bad;
}

/* ---- training runs ------------------------------------------------------------------------------- */

/* The training result as the checkpoint's next unit: the scalars, whether a trajectory was
 * recorded, the points, then the trajectory (steps × n_params moves, steps rates). */
int limen_experiment_keep_run(const limen_train_result *r, limen_checkpoint *ck, limen_error *err) {
  const int rec = r->updates_levels != NULL;
  const size_t traj = rec ? r->steps * r->n_params + r->steps : 0;
  double *v = malloc((width(&k_train) + 1 + width(&k_tpoint) * r->n_points + traj) * sizeof *v);
  if (!v) return limen_experiment_nomem(err, "limen_experiment", "checkpoint");
  double *p = pack(r, &k_train, v);
  *p++ = rec;
  for (size_t i = 0; i < r->n_points; i++) p = pack(&r->points[i], &k_tpoint, p);
  if (rec) memcpy(p, r->updates_levels, r->steps * r->n_params * sizeof *p), p += r->steps * r->n_params;
  if (rec) memcpy(p, r->rate_per_tau0, r->steps * sizeof *p), p += r->steps;
  int st = limen_checkpoint_add(ck, v, (size_t)(p - v), NULL, 0, err);
  free(v);
  return st;
}

/* A run done before, from its unit (paradigm: its memory type's name). */
int limen_experiment_take_run(const limen_checkpoint_unit *u, size_t index, const char *paradigm,
                              limen_train_result *r, limen_error *err) {
  memset(r, 0, sizeof *r);
  const size_t head = width(&k_train) + 1;
  int ok = u->n_values >= head && u->n_strings == 0 && unpack(r, &k_train, u->values);
  const int rec = ok && u->values[head - 1] != 0;
  ok = ok && u->n_values == head + width(&k_tpoint) * r->n_points + (rec ? r->steps * r->n_params + r->steps : 0);
  if (!ok)
    return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: run %zu holds %zu values", index,
                             u->n_values);
  r->paradigm = paradigm;
  r->points = malloc((r->n_points + 1) * sizeof *r->points);
  if (rec) r->updates_levels = malloc((r->steps * r->n_params + 1) * sizeof(double));
  if (rec) r->rate_per_tau0 = malloc((r->steps + 1) * sizeof(double));
  if (!r->points || (rec && (!r->updates_levels || !r->rate_per_tau0))) {
    limen_train_result_clear(r);
    return limen_experiment_nomem(err, "limen_experiment", "checkpoint");
  }
  const double *p = u->values + head;
  for (size_t i = 0; i < r->n_points; i++, p += width(&k_tpoint)) unpack(&r->points[i], &k_tpoint, p);
  if (rec) memcpy(r->updates_levels, p, r->steps * r->n_params * sizeof *p), p += r->steps * r->n_params;
  if (rec) memcpy(r->rate_per_tau0, p, r->steps * sizeof *p);
  return LIMEN_OK;
}

/* ---- anneals ------------------------------------------------------------------------------------- */

int limen_experiment_keep_anneal(size_t n_spins, const limen_anneal_result *r, limen_checkpoint *ck,
                                 limen_error *err) {
  double *v = malloc((1 + width(&k_anneal) + width(&k_apoint) * r->n_points) * sizeof *v), *p = v;
  if (!v) return limen_experiment_nomem(err, "limen_experiment_maxcut", "checkpoint");
  *p++ = (double)n_spins;
  p = pack(r, &k_anneal, p);
  for (size_t i = 0; i < r->n_points; i++) p = pack(&r->points[i], &k_apoint, p);
  int st = limen_checkpoint_add(ck, v, (size_t)(p - v), NULL, 0, err);
  free(v);
  return st;
}

int limen_experiment_take_anneal(const limen_checkpoint_unit *u, size_t index, size_t *n_spins,
                                 limen_anneal_result *r, limen_error *err) {
  memset(r, 0, sizeof *r);
  const double *v = u->values;
  const size_t head = 1 + width(&k_anneal);
  int ok = u->n_values >= head && u->n_strings == 0 && v[0] >= 0 && v[0] <= 1e9 && unpack(r, &k_anneal, v + 1) &&
           u->n_values == head + width(&k_apoint) * r->n_points;
  if (!ok)
    return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: anneal %zu holds %zu values", index,
                             u->n_values);
  *n_spins = (size_t)v[0];
  if (!(r->points = malloc((r->n_points + 1) * sizeof *r->points))) {
    r->n_points = 0;
    return limen_experiment_nomem(err, "limen_experiment_maxcut", "checkpoint");
  }
  for (size_t i = 0; i < r->n_points; i++) unpack(&r->points[i], &k_apoint, v + head + width(&k_apoint) * i);
  return LIMEN_OK;
}
