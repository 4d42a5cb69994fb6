/* SPDX-License-Identifier: GPL-3.0-or-later
 * checkpoint.h: the checkpoint of a long run, so that an interrupted run continues where it
 * stopped — what `limen simulate --out DIR` keeps in DIR as it goes and `--resume` reads.
 *
 * A run is cut into units (blocks of trajectories, checks, runs of an experiment) whose
 * results depend only on the inputs and the unit's index (each unit draws from its own
 * counter-based random streams, rng.h), so a run resumed after unit k gives the result of an
 * uninterrupted run bit for bit.  The checkpoint holds the run's inputs as canonical text
 * ("name = value" lines, numbers exact, files by their SHA-256), the number of units, and
 * the results of the units done, every double in C99 hexadecimal (%a: exact).
 *
 * Run control.  A library run loop that takes a limen_run_control asks should_stop after each
 * unit; when it answers nonzero, the loop writes the checkpoint and returns LIMEN_EINTERRUPTED
 * (common.h).  The library never handles signals: a tool's signal handler sets a flag that its
 * should_stop reads.
 *
 * The file (LIMEN_CHECKPOINT_NAME in the run's directory), written atomically after units
 * (limen_text_file_write: temporary, fsync, rename):
 *     limen-checkpoint 1
 *     command <name>
 *     inputs <n>              then n lines "name = value"
 *     units <total> <done>
 *     unit <i> <n_values> <n_strings>   then the values, 4 per line, and one line per string
 *     ...
 *     sha256 <64 hex digits of every byte above this line>
 * A file that is truncated, altered or malformed is refused as corrupt (LIMEN_EPARSE). */
#ifndef LIMEN_CHECKPOINT_H
#define LIMEN_CHECKPOINT_H

#include <stddef.h>

#include "limen/common.h"
#include "limen/spread.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIMEN_CHECKPOINT_NAME "checkpoint.txt"

/* The results of one unit: numbers, and strings without line breaks (names, notes). */
typedef struct limen_checkpoint_unit {
  size_t n_values, n_strings;
  double *values;
  char **strings;
} limen_checkpoint_unit;

typedef struct limen_checkpoint {
  char *command;                 /* the run's kind ("simulate"); owned                      */
  char *inputs;                  /* canonical "name = value\n" lines; owned                 */
  size_t total;                  /* units of the whole run                                  */
  size_t done;                   /* units 0 … done − 1 are finished                         */
  limen_checkpoint_unit *units;  /* done entries; owned                                     */
  size_t cap;
} limen_checkpoint;

/* A run loop's control (may be NULL: run to the end, no checkpoint). */
typedef struct limen_run_control {
  int (*should_stop)(void *ctx); /* asked after each unit; nonzero: stop (NULL: never)       */
  void *ctx;
  limen_checkpoint *checkpoint;  /* NULL: none.  Empty (command NULL): a fresh run fills it.
                                    Read from a file: its inputs must be the run's, and its
                                    units are taken as done, not run again                  */
  const char *dir;               /* where the checkpoint is written (NULL: kept in memory)   */
  double write_every_s;          /* least wall time between writes after a unit; the
                                    checkpoint is always written at the start, when the run
                                    stops and at its end (0: after every unit)               */
  double last_write_s;           /* set by the run loop: the wall time the next interval
                                    counts from (the last write's end, plus nine times its
                                    duration: writing takes at most a tenth of the run)     */
  const char *unit_name;         /* set by the run loop: what its units are ("blocks")      */
} limen_run_control;

/* A number of the inputs text: the shortest of %.15g, %.16g, %.17g that reads back exactly. */
LIMEN_API void limen_checkpoint_number(char *buf, size_t n, double v);

/* Empty checkpoint (every member zero). */
LIMEN_API void limen_checkpoint_init(limen_checkpoint *ck);
LIMEN_API void limen_checkpoint_clear(limen_checkpoint *ck);

/* Start a fresh checkpoint (clearing ck): the command, the inputs, the number of units. */
LIMEN_API int limen_checkpoint_start(limen_checkpoint *ck, const char *command, const char *inputs, size_t total,
                                     limen_error *err);
/* Append the results of unit ck->done (copied). */
LIMEN_API int limen_checkpoint_add(limen_checkpoint *ck, const double *values, size_t n_values,
                                   const char *const *strings, size_t n_strings, limen_error *err);

/* The checkpoint as the text of the file, and back.  Parse: LIMEN_EPARSE "checkpoint
 * '<where>' is corrupt: <what> (line <n>)".  Format: LIMEN_EINVAL for a string with a line
 * break. */
LIMEN_API int limen_checkpoint_format(const limen_checkpoint *ck, char **text, limen_error *err);
LIMEN_API int limen_checkpoint_parse(const char *text, const char *where, limen_checkpoint *ck, limen_error *err);

/* The file in dir: write atomically; read (LIMEN_ENOTFOUND "no checkpoint in '<dir>'" when
 * there is none, LIMEN_EPARSE when corrupt). */
LIMEN_API int limen_checkpoint_write(const char *dir, const limen_checkpoint *ck, limen_error *err);
LIMEN_API int limen_checkpoint_read(const char *dir, limen_checkpoint *ck, limen_error *err);

/* A checkpoint read from a file (where: its directory, for messages; may be NULL) against the
 * run that would continue it: the same command, the same inputs (else LIMEN_EINVAL naming each
 * input that differs, "seed = 2 there, 1 now") and the same number of units (else
 * LIMEN_EPARSE). */
LIMEN_API int limen_checkpoint_match(const limen_checkpoint *ck, const char *where, const char *command,
                                     const char *inputs, size_t total, limen_error *err);

/* For run loops: start or match the control's checkpoint (and write it when fresh); unit_name
 * says what the units are in messages ("blocks", "checks", "runs"), ...                    */
LIMEN_API int limen_run_control_begin(limen_run_control *ctl, const char *command, const char *unit_name,
                                      const char *inputs, size_t total, limen_error *err);
/* ... and after each unit added to it: write it when due; LIMEN_EINTERRUPTED (checkpoint
 * written) when should_stop asks to stop and units remain. */
LIMEN_API int limen_run_control_after_unit(limen_run_control *ctl, limen_error *err);

/* The items of a spread job (spread.h) as the units of a checkpoint, one unit per item in item
 * order: keep appends item i's result (in the job's ctx) to ck as its next unit; take puts item
 * i's result back from its unit u (LIMEN_EPARSE when u does not fit). */
typedef struct limen_unit_codec {
  int (*keep)(void *ctx, size_t i, limen_checkpoint *ck, limen_error *err);
  int (*take)(void *ctx, size_t i, const limen_checkpoint_unit *u, limen_error *err);
} limen_unit_codec;

/* Run the job under ctl, after limen_run_control_begin (ctl NULL: limen_spread_run).  On one
 * process (sp NULL or of size 1) the items of the checkpoint's units are taken back, not run,
 * and every other item runs, is kept and is followed by limen_run_control_after_unit (a stop
 * asked for: LIMEN_EINTERRUPTED after that item).  Split over processes the job runs whole
 * (limen_spread_run), then every item is kept in order and the checkpoint written once, by the
 * process whose ctl->dir is set: such a run is one piece, nothing to stop or resume. */
LIMEN_API int limen_run_control_spread(limen_run_control *ctl, const limen_spread *sp, const limen_spread_job *job,
                                       const limen_unit_codec *codec, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_CHECKPOINT_H */
