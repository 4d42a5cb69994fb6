/* SPDX-License-Identifier: GPL-3.0-or-later
 * sim_progress.c: the progress bar of `limen simulate` (sim_progress.h). */
#include "cli/sim_progress.h"

#include <omp.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void sim_bar_draw(sim_bar *b, double frac) {
  double el = omp_get_wtime() - b->t0;
  if (!b->tty || (el < 1.0 && !b->shown)) return;
  b->shown = 1;
  if (frac > 1.0) frac = 1.0;
  int w = 40, k = (int)(frac * w);
  char s[64];
  memset(s, '#', (size_t)k);
  memset(s + k, '.', (size_t)(w - k));
  s[w] = '\0';
  fprintf(stderr, "\rlimen simulate: [%s] %3.0f%% %.1f s", s, 100.0 * frac, el);
  fflush(stderr);
}

void sim_bar_clear(sim_bar *b) {
  if (b->shown) fprintf(stderr, "\r%72s\r", "");
}

void sim_bar_fp_progress(void *ctx, double frac) { sim_bar_draw(ctx, frac); }

void *sim_bar_thread(void *ctx) {
  sim_bar *b = ctx;
  struct timespec ts = {0, 100000000L};
  while (!b->done) {
    double f = (omp_get_wtime() - b->t0) / b->estimate;
    sim_bar_draw(b, f > 0.99 ? 0.99 : f);
    nanosleep(&ts, NULL);
  }
  return NULL;
}
