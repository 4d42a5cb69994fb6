/* SPDX-License-Identifier: GPL-3.0-or-later
 * progress.c: progress of a long run on stderr, a bar on a terminal and occasional plain lines
 * otherwise (progress.h). */
#include "cli/progress.h"

#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define PROGRESS_AFTER_S 1.0      /* nothing for a run shorter than this   */
#define LINE_EVERY_S 10.0         /* plain lines: at most one per 10 s ... */
#define LINE_EVERY_FRACTION 0.10  /* ... and per 10 % of the run          */

cli_opt cli_opt_quiet(void) {
  return cli_opt_str("quiet", CLI_OPT_FLAG, NULL, NULL, NULL,
                     "no progress on stderr (shown when a run lasts over a second: a bar on a terminal, "
                     "else a line every 10% and 10 s)");
}

void cli_progress_start(cli_progress *p, const char *cmd, int quiet) {
  memset(p, 0, sizeof *p);
  p->cmd = cmd;
  p->mode = quiet ? CLI_PROGRESS_OFF : isatty(fileno(stderr)) ? CLI_PROGRESS_BAR : CLI_PROGRESS_LINES;
  p->t0 = omp_get_wtime();
}

static void draw_bar(cli_progress *p, double frac, double el, const char *what) {
  enum { W = 30 };
  char s[W + 1];
  int k = (int)(frac * W);
  memset(s, '#', (size_t)k);
  memset(s + k, '.', (size_t)(W - k));
  s[W] = '\0';
  fprintf(stderr, "\rlimen %s: [%s] %3.0f%% %.1f s %-18.18s", p->cmd, s, 100.0 * frac, el, what ? what : "");
  fflush(stderr);
}

void cli_progress_update(cli_progress *p, double fraction, const char *what) {
  if (p->mode == CLI_PROGRESS_OFF) return;
  double el = omp_get_wtime() - p->t0, frac = fmin(fmax(fraction, 0.0), 1.0);
  if (el < PROGRESS_AFTER_S) return;
  if (p->mode == CLI_PROGRESS_BAR) {
    p->shown = 1;
    draw_bar(p, frac, el, what);
    return;
  }
  if (p->shown && (el - p->line_t < LINE_EVERY_S || frac - p->line_frac < LINE_EVERY_FRACTION)) return;
  p->shown = 1;
  p->line_t = el;
  p->line_frac = frac;
  fprintf(stderr, "limen %s: progress %3.0f%% after %.1f s%s%s%s\n", p->cmd, 100.0 * frac, el, what ? " (" : "",
          what ? what : "", what ? ")" : "");
  fflush(stderr);
}

void cli_progress_fn(void *ctx, double fraction) { cli_progress_update(ctx, fraction, NULL); }

void cli_progress_done(cli_progress *p) {
  double el = omp_get_wtime() - p->t0;
  /* a run whose callbacks all came within its first second (validate reports between checks)
   * still ends with its line when it lasted longer */
  int line = p->mode == CLI_PROGRESS_LINES && (p->shown || el >= PROGRESS_AFTER_S);
  if (!line && !(p->mode == CLI_PROGRESS_BAR && p->shown)) return;
  if (p->mode == CLI_PROGRESS_BAR) fprintf(stderr, "\r%*s\r", 80, "");
  else fprintf(stderr, "limen %s: progress done in %.1f s\n", p->cmd, el);
  fflush(stderr);
  p->shown = 0;
}
