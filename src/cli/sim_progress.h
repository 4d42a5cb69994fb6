/* SPDX-License-Identifier: GPL-3.0-or-later
 * sim_progress.h: the progress bar of `limen simulate` on stderr.  It is drawn only when stderr is
 * a terminal and the run has taken a second: by the fraction of steps done (Fokker–Planck, through
 * limen_fp_config.progress) or by the elapsed time against an estimate (Langevin, from a thread). */
#ifndef LIMEN_CLI_SIM_PROGRESS_H
#define LIMEN_CLI_SIM_PROGRESS_H

typedef struct sim_bar {
  int tty;         /* stderr is a terminal: draw at all       */
  double t0;       /* start (omp_get_wtime)                   */
  double estimate; /* Langevin: estimated seconds (0: unknown) */
  int shown;       /* drawn at least once                      */
  volatile int done;
} sim_bar;

/* Draw the bar at fraction frac (capped at 1). */
void sim_bar_draw(sim_bar *b, double frac);
/* Erase the bar when it was drawn. */
void sim_bar_clear(sim_bar *b);
/* limen_fp_config.progress with ctx = the sim_bar. */
void sim_bar_fp_progress(void *ctx, double frac);
/* Thread body (ctx = the sim_bar): redraw by elapsed time / estimate every 0.1 s until done. */
void *sim_bar_thread(void *ctx);

#endif
