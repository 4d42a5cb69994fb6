/* SPDX-License-Identifier: GPL-3.0-or-later
 * experiment_internal.h: what the files of the experiment module share (private): resolving an
 * experiment configuration against its task, and the out-of-memory error. */
#ifndef LIMEN_EXPERIMENT_INTERNAL_H
#define LIMEN_EXPERIMENT_INTERNAL_H

#include "limen/experiment.h"

/* Load cfg->task and resolve the configuration into s (the task's defaults with the overrides);
 * with cfg->paradigm set, *type is that memory type (else NULL).  On success the caller clears
 * the task with limen_task_clear.  A Langevin run larger than cfg->max_langevin_steps is refused
 * (LIMEN_EINVAL, s->langevin_refused = 1, the task already cleared).  `fn` names the caller. */
int limen_experiment_resolve(const char *fn, const limen_experiment_config *cfg, limen_task *task,
                             const limen_memory_type **type, limen_experiment_setup *s, limen_error *err);

/* LIMEN_ENOMEM: "<fn>: out of memory: <what>". */
int limen_experiment_nomem(limen_error *err, const char *fn, const char *what);

#endif
