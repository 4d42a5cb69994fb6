/* SPDX-License-Identifier: GPL-3.0-or-later
 * interrupt.c: a long run with --out DIR stopped cleanly by SIGINT or SIGTERM and continued
 * with --resume (cli.h, cli_resume_begin).  The handler only sets a flag (the library never
 * handles signals); the library's run loop asks the flag between units (checkpoint.h,
 * should_stop), writes its checkpoint and returns LIMEN_EINTERRUPTED, which exits 128 + the
 * signal's number (130, 143) without a manifest.  A second signal ends the process at once.
 *
 * Tests make the stop land at a known place: LIMEN_TEST_INTERRUPT="INT:K" (or "TERM:K") raises
 * that signal when the run asks for the K-th time, i.e. after its K-th unit. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mpi_run.h"
#include "cli/options.h"

static volatile sig_atomic_t g_signal; /* the signal received, 0 = none */

static void on_signal(int sig) { g_signal = sig; }

/* SIGINT and SIGTERM set the flag once; SA_RESETHAND makes a second one end the process. */
static void install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
}

static int should_stop(void *ctx) {
  static long asked;
  const char *test = ctx;
  asked++;
  if (test && strchr(test, ':') && atol(strchr(test, ':') + 1) == asked)
    raise(strncmp(test, "TERM", 4) == 0 ? SIGTERM : SIGINT);
  return g_signal != 0;
}

int cli_resume_end(limen_checkpoint *ck, int status, limen_error *err) {
  limen_checkpoint_clear(ck);
  if (status == LIMEN_EINTERRUPTED && err && strlen(err->msg) + 40 < sizeof err->msg)
    strcat(err->msg, " (the same command with --resume continues it)");
  return status;
}

int cli_interrupt_exit_status(void) { return g_signal ? 128 + g_signal : CLI_FAIL; }

int cli_resume_begin(limen_run_control *ctl, limen_checkpoint *ck, const char *dir, int resume, limen_error *err) {
  memset(ctl, 0, sizeof *ctl);
  limen_checkpoint_init(ck);
  if (resume && !dir) return cli_error(err, LIMEN_EINVAL, "--resume: needs --out DIR (the directory to continue)");
  const int one = cli_mpi_comm() == NULL;
  if (resume && !one)
    return cli_error(err, LIMEN_EINVAL, "--resume: continues a run on one process only (under mpirun the checkpoint "
                                        "is written whole at the end)");
  if (!dir) return LIMEN_OK;
  ctl->checkpoint = ck;
  if (!one) { /* written whole at the end, by rank 0; nothing to stop between */
    ctl->dir = cli_mpi_rank() == 0 ? dir : NULL;
    return ctl->dir ? cli_out_register(dir, LIMEN_CHECKPOINT_NAME, err) : LIMEN_OK;
  }
  if (resume) {
    int st = limen_checkpoint_read(dir, ck, err);
    if (st) return cli_error_prefix(err, st, "--resume: ");
  }
  int st = cli_out_register(dir, LIMEN_CHECKPOINT_NAME, err); /* the old manifest goes first */
  if (st) return st;
  ctl->dir = dir;
  ctl->write_every_s = 1.0;
  ctl->should_stop = should_stop;
  ctl->ctx = getenv("LIMEN_TEST_INTERRUPT");
  install();
  return LIMEN_OK;
}

cli_opt cli_opt_resume(int experiment) {
  return cli_opt_str("resume", CLI_OPT_FLAG, NULL, NULL, NULL,
                     experiment ? "continue the interrupted --experiment whose checkpoint is in DIR (the same options)"
                                : "continue the interrupted run whose checkpoint is in DIR (the same options)");
}
