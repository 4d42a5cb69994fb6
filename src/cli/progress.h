/* SPDX-License-Identifier: GPL-3.0-or-later
 * progress.h: the progress of a long run on stderr, the same for every command (simulate,
 * validate, train, sweep).  Nothing is shown for a run that ends within a second.  After that:
 *   on a terminal   a bar redrawn in place, "limen simulate: [####....]  42% 3.1 s", erased
 *                   at the end;
 *   otherwise       plain lines, "limen validate: progress 12% after 1.0 s (em-variance)": the
 *                   first after a second, then one whenever both 10 % of the run and 10 s have
 *                   passed since the last (whichever is rarer), and "done in 77.2 s" at the end of a
 *                   run that lasted over a second.
 * --quiet shows nothing.  The engines' progress callbacks drive it (one call at a time). */
#ifndef LIMEN_CLI_PROGRESS_H
#define LIMEN_CLI_PROGRESS_H

#include "cli/options.h"

enum { CLI_PROGRESS_OFF = 0, CLI_PROGRESS_BAR = 1, CLI_PROGRESS_LINES = 2 };

typedef struct cli_progress {
  const char *cmd;            /* "simulate": the prefix "limen simulate: "                  */
  int mode;                   /* CLI_PROGRESS_*                                             */
  double t0;                  /* start (wall clock, s)                                      */
  double line_t, line_frac;   /* time and fraction of the last plain line                   */
  int shown;                  /* something was drawn or printed                             */
} cli_progress;

/* The option --quiet, the same in every command that shows progress. */
cli_opt cli_opt_quiet(void);
/* Start: mode from quiet and whether stderr is a terminal. */
void cli_progress_start(cli_progress *p, const char *cmd, int quiet);
/* The fraction of the run done, in [0, 1], and what runs now (may be NULL). */
void cli_progress_update(cli_progress *p, double fraction, const char *what);
/* As an engine's callback (ctx: a cli_progress). */
void cli_progress_fn(void *ctx, double fraction);
/* The end: the bar erased; the closing plain line when the run lasted over a second. */
void cli_progress_done(cli_progress *p);

#endif
