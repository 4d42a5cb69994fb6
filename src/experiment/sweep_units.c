/* SPDX-License-Identifier: GPL-3.0-or-later
 * sweep_units.c: the runs of experiments 1–3 (paradigms, window, barrier) as the units of a
 * checkpoint (experiment.h, limen_experiment_sweep_ctl; checkpoint.h) — the inputs as canonical
 * text, each run's training result packed as numbers (every scalar, the recorded points, and the
 * recorded trajectory of a window sweep) and unpacked again on --resume.  Every run starts from
 * the configuration's seed alone (data split, initialization, batches, cells), so a run's result
 * depends only on the inputs and its place in the sweep, and a resumed sweep is an uninterrupted
 * one bit for bit. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"
#include "limen/checkpoint.h"

/* The scalar members of a training result, in the order they are kept. */
#define D(m) offsetof(limen_train_result, m)
static const size_t k_doubles[] = {D(temperature_K), D(final_loss), D(final_train_accuracy), D(final_test_accuracy),
                                   D(total_heat_J), D(expected_heat_J), D(heat_stderr_J), D(bound_J),
                                   D(energy_to_target_J), D(time_to_target_s), D(time_s), D(ops), D(mean_abs_update),
                                   D(heat_per_cell_step_J), D(final_barrier_kT), D(final_rate_dt), D(max_tilt_kT),
                                   D(tau0_s)};
static const size_t k_sizes[] = {D(steps), D(n_params), D(steps_to_target), D(driven), D(n_points)};
#undef D
enum { ND = sizeof k_doubles / sizeof *k_doubles, NS = sizeof k_sizes / sizeof *k_sizes, HEAD = ND + NS + 1, PT = 7 };

/* A line "name = value" (a number written exactly) at buf[*at]; nonzero when it does not fit. */
static int line(char *buf, size_t cap, size_t *at, const char *name, const char *text, double v) {
  char num[40];
  if (!text) limen_checkpoint_number(num, sizeof num, v);
  int n = snprintf(buf + *at, cap - *at, "%s = %s\n", name, text ? text : num);
  if (n < 0 || (size_t)n >= cap - *at) return 1;
  *at += (size_t)n;
  return 0;
}

int limen_experiment_sweep_inputs(const limen_experiment_sweep_config *cfg, char *buf, size_t cap) {
  const limen_experiment_config *c = &cfg->run;
  size_t at = 0, n = 0;
  int bad = line(buf, cap, &at, "limen", limen_version(), 0);
  bad |= line(buf, cap, &at, "experiment", limen_experiment_kind_name(cfg->kind), 0);
  bad |= line(buf, cap, &at, "task", c->task ? c->task : "digits", 0);
  bad |= line(buf, cap, &at, "paradigm", c->paradigm ? c->paradigm : "(all)", 0);
  bad |= line(buf, cap, &at, "schedule", c->schedule ? c->schedule : "(task default)", 0);
  bad |= line(buf, cap, &at, "cells", NULL, (double)c->memory.cells);
  bad |= line(buf, cap, &at, "curve points", NULL, (double)cfg->curve_points);
  for (size_t i = 0; i < cfg->n_values && cfg->kind != LIMEN_EXPERIMENT_PARADIGMS; i++) {
    char name[32];
    snprintf(name, sizeof name, "values[%zu]", i);
    bad |= line(buf, cap, &at, name, NULL, cfg->values[i]);
  }
  const limen_input *rows = limen_experiment_inputs(&n);
  for (size_t i = 0; i < n; i++) bad |= line(buf, cap, &at, rows[i].name, NULL, limen_input_get(&rows[i], c));
  rows = limen_memory_config_inputs(&n);
  for (size_t i = 0; i < n; i++) bad |= line(buf, cap, &at, rows[i].name, NULL, limen_input_get(&rows[i], &c->memory));
  return bad;
}

/* The training result as the checkpoint's next unit: the scalars, whether a trajectory was
 * recorded, the points, then the trajectory (steps × n_params moves, steps rates). */
int limen_experiment_keep_run(const limen_train_result *r, limen_checkpoint *ck, limen_error *err) {
  const int rec = r->updates_levels != NULL;
  const size_t n = HEAD + PT * r->n_points + (rec ? r->steps * r->n_params + r->steps : 0);
  double *v = malloc(n * sizeof *v), *p = v;
  if (!v) return limen_experiment_nomem(err, "limen_experiment_sweep", "checkpoint");
  for (size_t i = 0; i < ND; i++) *p++ = *(const double *)((const char *)r + k_doubles[i]);
  for (size_t i = 0; i < NS; i++) *p++ = (double)*(const size_t *)((const char *)r + k_sizes[i]);
  *p++ = rec;
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_train_point *q = &r->points[i];
    const double pt[PT] = {(double)q->step, q->time_s, q->heat_J, q->bound_J, q->loss, q->train_accuracy,
                           q->test_accuracy};
    memcpy(p, pt, sizeof pt);
    p += PT;
  }
  if (rec) memcpy(p, r->updates_levels, r->steps * r->n_params * sizeof *p), p += r->steps * r->n_params;
  if (rec) memcpy(p, r->rate_per_tau0, r->steps * sizeof *p);
  int st = limen_checkpoint_add(ck, v, n, NULL, 0, err);
  free(v);
  return st;
}

/* A run done before, from its unit (paradigm: its memory type's name). */
int limen_experiment_take_run(const limen_checkpoint_unit *u, size_t index, const char *paradigm,
                              limen_train_result *r, limen_error *err) {
  memset(r, 0, sizeof *r);
  const double *v = u->values;
  int ok = u->n_values >= HEAD && u->n_strings == 0;
  for (size_t i = 0; ok && i < NS; i++) ok = v[ND + i] >= 0 && v[ND + i] <= 1e12 && v[ND + i] == floor(v[ND + i]);
  if (ok) {
    for (size_t i = 0; i < ND; i++) *(double *)((char *)r + k_doubles[i]) = v[i];
    for (size_t i = 0; i < NS; i++) *(size_t *)((char *)r + k_sizes[i]) = (size_t)v[ND + i];
  }
  const int rec = ok && v[HEAD - 1] != 0;
  ok = ok && u->n_values == HEAD + PT * r->n_points + (rec ? r->steps * r->n_params + r->steps : 0);
  if (!ok)
    return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: run %zu holds %zu values", index,
                             u->n_values);
  r->paradigm = paradigm;
  r->points = malloc((r->n_points + 1) * sizeof *r->points);
  if (rec) r->updates_levels = malloc((r->steps * r->n_params + 1) * sizeof(double));
  if (rec) r->rate_per_tau0 = malloc((r->steps + 1) * sizeof(double));
  if (!r->points || (rec && (!r->updates_levels || !r->rate_per_tau0))) {
    limen_train_result_clear(r);
    return limen_experiment_nomem(err, "limen_experiment_sweep", "checkpoint");
  }
  const double *p = v + HEAD;
  for (size_t i = 0; i < r->n_points; i++, p += PT)
    r->points[i] = (limen_train_point){(size_t)p[0], p[1], p[2], p[3], p[4], p[5], p[6]};
  if (rec) memcpy(r->updates_levels, p, r->steps * r->n_params * sizeof *p), p += r->steps * r->n_params;
  if (rec) memcpy(r->rate_per_tau0, p, r->steps * sizeof *p);
  return LIMEN_OK;
}
