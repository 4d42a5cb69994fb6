/* SPDX-License-Identifier: GPL-3.0-or-later
 * experiment_internal.h: what the files of the experiment module share (private): resolving an
 * experiment configuration against its task, the input tables' defaults and checks, and the
 * out-of-memory error. */
#ifndef LIMEN_EXPERIMENT_INTERNAL_H
#define LIMEN_EXPERIMENT_INTERNAL_H

#include "limen/checkpoint.h"
#include "limen/experiment.h"
#include "limen/spread.h"

/* Load cfg->task and resolve the configuration into s (the task's defaults with the overrides);
 * with cfg->paradigm set, *type is that memory type (else NULL).  On success the caller clears
 * the task with limen_task_clear.  A Langevin run larger than cfg->max_langevin_steps is refused
 * (LIMEN_EINVAL, s->langevin_refused = 1, the task already cleared).  `fn` names the caller. */
int limen_experiment_resolve(const char *fn, const limen_experiment_config *cfg, limen_task *task,
                             const limen_memory_type **type, limen_experiment_setup *s, limen_error *err);

/* The input tables (inputs.c): their defaults written into a configuration, and their checks
 * ("<fn>: <member> = <value>: allowed range <range>"). */
void limen_experiment_inputs_defaults(limen_experiment_config *c);
void limen_experiment_maxcut_inputs_defaults(limen_experiment_maxcut_config *c);
int limen_experiment_inputs_check(const limen_experiment_config *c, const char *fn, limen_error *err);
int limen_experiment_maxcut_inputs_check(const limen_experiment_maxcut_config *c, const char *fn, limen_error *err);

/* The i-th swept value of a window (barrier) sweep in the range of the "window" row (the memory
 * configuration's "barrier" row): "<fn>: values[i] = <v>: allowed range <range>". */
int limen_experiment_value_check(limen_experiment_kind kind, size_t i, double v, const char *fn, limen_error *err);

/* The experiments' runs as the units of a checkpoint (run_units.c): the inputs' canonical text
 * (nonzero when it does not fit), a run's (an anneal's) result kept as the next unit, and taken
 * back. */
int limen_experiment_sweep_inputs(const limen_experiment_sweep_config *cfg, char *buf, size_t cap);
int limen_experiment_scaling_inputs(const limen_experiment_scaling_config *cfg, char *buf, size_t cap);
int limen_experiment_maxcut_units_inputs(const limen_experiment_maxcut_config *cfg, char *buf, size_t cap);
int limen_experiment_keep_anneal(size_t n_spins, const limen_anneal_result *r, limen_checkpoint *ck,
                                 limen_error *err);
int limen_experiment_take_anneal(const limen_checkpoint_unit *u, size_t index, size_t *n_spins,
                                 limen_anneal_result *r, limen_error *err);
int limen_experiment_keep_run(const limen_train_result *r, limen_checkpoint *ck, limen_error *err);
int limen_experiment_take_run(const limen_checkpoint_unit *u, size_t index, const char *paradigm,
                              limen_train_result *r, limen_error *err);

/* LIMEN_ENOMEM: "<fn>: out of memory: <what>". */
/* Run `index` of `count` of an experiment: c's progress reports base's progress as the
 * fraction of the whole experiment, (index + fraction)/count (sh must outlive the run). */
typedef struct limen_run_share {
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
  size_t index, count;
} limen_run_share;
void limen_run_share_set(limen_run_share *sh, const limen_train_config *base, size_t index, size_t count,
                         limen_train_config *c);
int limen_experiment_nomem(limen_error *err, const char *fn, const char *what);

/* A training run's result as bytes for the runs of an experiment split over processes
 * (spread_runs.c): its size, packed at *at, and unpacked from buf[*at, end) into r (cleared
 * first; r->paradigm is NULL afterwards, the caller restores it). */
size_t limen_xspread_train_size(const limen_train_result *r);
void limen_xspread_train_pack(const limen_train_result *r, unsigned char *buf, size_t *at);
int limen_xspread_train_unpack(limen_train_result *r, const unsigned char *buf, size_t *at, size_t end,
                               limen_error *err);

#endif
