/* SPDX-License-Identifier: GPL-3.0-or-later
 * run_spread.c: the independent items of a run (spread.h: the checks of validate, the training
 * runs of an experiment, the anneals of Max-Cut) as the units of its checkpoint (checkpoint.h,
 * limen_run_control_spread).  On one process the items run in order, each kept in the
 * checkpoint as it finishes with the control's stop asked after it, and the items of a
 * checkpoint read from a file are taken back instead of run; split over processes the items
 * run as spread.h splits them, and the checkpoint is filled and written once, at the end. */
#include "limen/checkpoint.h"

/* The job's items with the control around each (one process). */
typedef struct controlled {
  limen_run_control *ctl;
  const limen_spread_job *job;
  const limen_unit_codec *codec;
} controlled;

static int run_controlled(void *ctx, size_t i, limen_error *err) {
  const controlled *c = ctx;
  limen_checkpoint *ck = c->ctl->checkpoint;
  if (ck && i < ck->done) return c->codec->take(c->job->ctx, i, &ck->units[i], err);
  int st = c->job->run(c->job->ctx, i, err);
  if (!st && ck) st = c->codec->keep(c->job->ctx, i, ck, err);
  return st ? st : limen_run_control_after_unit(c->ctl, err);
}

int limen_run_control_spread(limen_run_control *ctl, const limen_spread *sp, const limen_spread_job *job,
                             const limen_unit_codec *codec, limen_error *err) {
  if (!ctl) return limen_spread_run(sp, job, err);
  if (!job || !job->run || !codec || !codec->keep || !codec->take)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "incomplete job or codec");
  if (!sp || sp->size <= 1) {
    controlled c = {ctl, job, codec};
    limen_spread_job one = *job;
    one.ctx = &c;
    one.run = run_controlled;
    return limen_spread_run(NULL, &one, err);
  }
  int st = limen_spread_run(sp, job, err);
  limen_checkpoint *ck = ctl->checkpoint;
  for (size_t i = ck ? ck->done : 0; !st && ck && i < job->n; i++) st = codec->keep(job->ctx, i, ck, err);
  return !st && ck && ctl->dir ? limen_checkpoint_write(ctl->dir, ck, err) : st;
}
