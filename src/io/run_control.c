/* SPDX-License-Identifier: GPL-3.0-or-later
 * run_control.c: what a run loop does with its control (checkpoint.h) — a checkpoint matched
 * against the run's inputs (naming every input that differs), started and written when fresh,
 * written again after units when due, and the stop a caller asks for turned into
 * LIMEN_EINTERRUPTED with the checkpoint on disk. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limen/checkpoint.h"

/* The value of input `name` in "name = value\n" lines (its length in *n), or NULL. */
static const char *value_of(const char *lines, const char *name, size_t name_len, size_t *n) {
  for (const char *p = lines; p && *p;) {
    const char *nl = strchr(p, '\n'), *eq = strstr(p, " = ");
    if (!nl) return NULL;
    if (eq && eq < nl && (size_t)(eq - p) == name_len && strncmp(p, name, name_len) == 0) {
      *n = (size_t)(nl - eq - 3);
      return eq + 3;
    }
    p = nl + 1;
  }
  return NULL;
}

/* Every input of `a` whose value in `b` differs (or is missing): "name = A there, B now; ". */
static void add_differences(const char *a, const char *b, int a_is_saved, char *msg, size_t cap) {
  for (const char *p = a; *p;) {
    const char *nl = strchr(p, '\n'), *eq = strstr(p, " = ");
    if (!nl || !eq || eq > nl) return;
    size_t nlen = (size_t)(eq - p), alen = (size_t)(nl - eq - 3), blen = 0;
    const char *bv = value_of(b, p, nlen, &blen);
    if (!bv || blen != alen || strncmp(bv, eq + 3, alen) != 0) {
      if (a_is_saved || !bv) {
        size_t at = strlen(msg);
        const char *saved = a_is_saved ? eq + 3 : "(none)", *now = a_is_saved ? (bv ? bv : "(none)") : eq + 3;
        int ls = a_is_saved ? (int)alen : 6, ln = a_is_saved ? (bv ? (int)blen : 6) : (int)alen;
        snprintf(msg + at, cap - at, "%s%.*s = %.*s there, %.*s now", at ? "; " : "", (int)nlen, p, ls, saved, ln, now);
      }
    }
    p = nl + 1;
  }
}

int limen_checkpoint_match(const limen_checkpoint *ck, const char *where, const char *command, const char *inputs,
                           size_t total, limen_error *err) {
  if (!ck || !ck->command || !command || !inputs) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (strcmp(ck->command, command) != 0)
    return limen_error_plain(err, LIMEN_EINVAL, "the checkpoint%s%s%s is of another command: '%s' there, '%s' now",
                             where ? " in '" : "", where ? where : "", where ? "'" : "", ck->command, command);
  char msg[1024] = "";
  add_differences(ck->inputs, inputs, 1, msg, sizeof msg);
  add_differences(inputs, ck->inputs, 0, msg, sizeof msg);
  if (msg[0])
    return limen_error_plain(err, LIMEN_EINVAL,
                             "the checkpoint%s%s%s was made with other inputs: %s (continue with the same inputs, or "
                             "start anew)", where ? " in '" : "", where ? where : "", where ? "'" : "", msg);
  if (ck->total != total)
    return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint%s%s%s is corrupt: %zu units there, %zu in this run",
                             where ? " in '" : "", where ? where : "", where ? "'" : "", ck->total, total);
  return LIMEN_OK;
}

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int limen_run_control_begin(limen_run_control *ctl, const char *command, const char *unit_name, const char *inputs,
                            size_t total, limen_error *err) {
  if (ctl) ctl->unit_name = unit_name;
  if (!ctl || !ctl->checkpoint) return LIMEN_OK;
  limen_checkpoint *ck = ctl->checkpoint;
  ctl->last_write_s = now_s();
  if (ck->command) return limen_checkpoint_match(ck, ctl->dir, command, inputs, total, err);
  int st = limen_checkpoint_start(ck, command, inputs, total, err);
  return !st && ctl->dir ? limen_checkpoint_write(ctl->dir, ck, err) : st;
}

int limen_run_control_after_unit(limen_run_control *ctl, limen_error *err) {
  if (!ctl) return LIMEN_OK;
  const limen_checkpoint *ck = ctl->checkpoint;
  const int stop = ctl->should_stop && ctl->should_stop(ctl->ctx);
  const int remaining = ck ? ck->done < ck->total : 1;
  const double t = now_s();
  if (ck && ctl->dir && (stop || !remaining || t - ctl->last_write_s >= ctl->write_every_s)) {
    int st = limen_checkpoint_write(ctl->dir, ck, err);
    if (st) return st;
    /* the next interval counts from the write's end plus nine times its duration: a large
     * checkpoint (a Fokker-Planck density of 1e6 cells: 22 MB, 0.4 s) takes at most a tenth of
     * the run, however short write_every_s */
    const double end = now_s();
    ctl->last_write_s = end + 9.0 * (end - t);
  }
  if (!stop || !remaining) return LIMEN_OK;
  if (!ck) return limen_error_plain(err, LIMEN_EINTERRUPTED, "interrupted");
  return limen_error_plain(err, LIMEN_EINTERRUPTED, "interrupted after %zu of %zu %s%s%s%s", ck->done, ck->total,
                           ctl->unit_name ? ctl->unit_name : "units",
                           ctl->dir ? "; its checkpoint is in '" : "", ctl->dir ? ctl->dir : "", ctl->dir ? "'" : "");
}
