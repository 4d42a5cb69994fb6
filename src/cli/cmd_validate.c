/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_validate.c: `limen validate` — run the simulator's reference checks (validate.h) at a
 * reduced size and print one row per check; exit 0 only when every row passes.  The options
 * are the library's rows (limen_validate_inputs). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "limen/report.h"
#include "limen/validate.h"

static const cli_command_doc doc = {
    "validate", "[--scale X] [--check NAME,...] [--threads T] [--seed K]\n"
    "       [--format table|csv|json] [--out DIR [--resume]]",
    "Run the simulator's reference checks (theory section 5) and print one row per check: the\n"
    "expected value (closed form, quadrature or the other method), the measured value, the\n"
    "tolerance, the z-score (measured - expected in standard errors; '-' for deterministic\n"
    "rows) and pass/fail.  Statistical rows pass within 4 standard errors ('>' rows: the\n"
    "measured value must exceed the expected one by 3 standard errors; '>=' rows: may not fall\n"
    "below it by more than 4).  Ensembles are fixed-seed, so a run is reproducible for any\n"
    "thread count.  --scale multiplies every ensemble size (default 1: about a minute on two\n"
    "cores).  Exit status 0 only when every row passes, 1 when a row fails.  Started by mpirun\n"
    "(limen built with MPI), the checks are split over the processes, with the same rows as one\n"
    "process bit for bit; rank 0 prints.  With --out DIR the report goes to DIR as well, and a\n"
    "checkpoint after each check: SIGINT or SIGTERM stops the run after the current check (exit\n"
    "130 or 143), and the same command with --resume continues it.",
    "checks: em-variance, ou-transition, schmiedl-seifert, stiffness, jarzynski, mfpt, erasure,\n"
    "        erasure-optimal, static-write, hopping\n"
    "example: limen validate --scale 0.25 --check schmiedl-seifert,mfpt\n"};

/* Before each check: the checks done so far as the fraction of the run (progress.h). */
static void progress(void *ctx, const char *check, size_t index, size_t count) {
  cli_progress_update(ctx, (double)index / (double)count, check);
}

typedef struct validated {
  const limen_validate_report *rep;
  const limen_validate_options *o;
} validated;

static int render(const void *ctx, cli_format fmt, cli_buf *b, limen_error *err) {
  const limen_validate_report *rep = ((const validated *)ctx)->rep;
  const limen_validate_options *o = ((const validated *)ctx)->o;
  if (fmt != CLI_FORMAT_TABLE) { /* the library's JSON, or its CSV: a row per check */
    char *json = NULL;
    int s = limen_validate_report_json(rep, o, &json, err);
    if (!s) s = cli_machine_text(json, "checks", fmt, b, err);
    limen_free(json);
    return s;
  }
  /* the relation written before the expected value ("= 1.0526", ">= 0.94735"): the table fits 100 columns */
  static const char *const head[] = {"check", "expected", "measured", "tolerance", "z", "result"};
  cli_table t;
  int s = cli_table_init(&t, 6, head, err);
  if (s) {
    cli_table_free(&t);
    return s;
  }
  for (size_t k = 1; k <= 4; k++) cli_table_set_right(&t, k, 1);
  char x[4][64];
  int wide = 1; /* the widest expected value: the relation to the left of it, the value right-aligned */
  for (size_t i = 0; i < rep->n_rows; i++)
    if ((int)strlen(cli_human(x[0], 64, rep->rows[i].expected, 5)) > wide) wide = (int)strlen(x[0]);
  for (size_t i = 0; i < rep->n_rows; i++) {
    const limen_validate_row *r = &rep->rows[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", r->name);
    cli_table_set(&t, 1, "%-2s %*s", limen_check_relation_text(r->relation), wide, cli_human(x[0], 64, r->expected, 5));
    cli_table_set(&t, 2, "%s", cli_human(x[1], 64, r->measured, 5));
    cli_table_set(&t, 3, "%s", cli_human(x[2], 64, r->tolerance, 2));
    if (isnan(r->z)) cli_table_set(&t, 4, "-");
    else cli_table_set(&t, 4, "%+.2f", r->z);
    cli_table_set(&t, 5, "%s", r->pass ? "pass" : "FAIL");
  }
  s = cli_table_check(&t, err);
  if (!s) cli_table_text(&t, b, 0);
  cli_table_free(&t);
  if (s) return s;
  cli_buf_puts(b, "\nnotes:\n");
  for (size_t i = 0; i < rep->n_rows; i++) {
    char first[200];
    snprintf(first, sizeof first, "  %s: ", rep->rows[i].name);
    cli_wrap(b, first, 4, rep->rows[i].note, cli_terminal_columns());
  }
  cli_buf_printf(b, "\n%zu rows, %zu failed, scale %g, %.1f s: %s\n", rep->n_rows, rep->n_failed, o->scale,
                 rep->seconds, rep->n_failed ? "FAIL" : "all pass");
  return cli_buf_check(b, err);
}

/* The options: the library's rows (limen_validate_inputs) for the numbers, the checks, the format. */
enum { O_SCALE, O_CHECK, O_THREADS, O_SEED, O_FORMAT, O_OUT, O_RESUME, O_QUIET, O_COUNT };
static void describe(cli_opt *o) {
  const limen_input *rows = limen_validate_inputs(NULL);
  o[O_SCALE] = cli_opt_input(&rows[0]);
  o[O_CHECK] = cli_opt_str("check", CLI_OPT_LIST, "NAME", NULL, "all", "run only these checks (comma-separated)");
  o[O_THREADS] = cli_opt_input(&rows[1]);
  o[O_SEED] = cli_opt_input(&rows[2]);
  o[O_FORMAT] = cli_opt_format("table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "also write the result as DIR/validate.txt, .csv and .json (atomically), and a checkpoint");
  o[O_RESUME] = cli_opt_resume(0);
  o[O_QUIET] = cli_opt_quiet();
}

/* The options into vo (only: the checks joined by commas into buf). */
static void read_options(const cli_opt *o, limen_validate_options *vo, char *buf, size_t n) {
  size_t nrows;
  const limen_input *rows = limen_validate_inputs(&nrows);
  static const int numeric[] = {O_SCALE, O_THREADS, O_SEED};
  for (size_t i = 0; i < sizeof numeric / sizeof numeric[0]; i++)
    if (o[numeric[i]].set) limen_input_set(limen_input_find(rows, nrows, o[numeric[i]].name), vo, o[numeric[i]].num);
  if (!o[O_CHECK].set) return;
  buf[0] = '\0';
  for (size_t i = 0; i < o[O_CHECK].n_items; i++) {
    if (i) strncat(buf, ",", n - strlen(buf) - 1);
    strncat(buf, o[O_CHECK].items[i], n - strlen(buf) - 1);
  }
  vo->only = buf;
}

int limen_cmd_validate(int argc, char **argv) {
  cli_opt o[O_COUNT];
  describe(o);
  limen_validate_report rep = {0};
  char only[1024];
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  limen_validate_options vo = limen_validate_options_default();
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status) read_options(o, &vo, only, sizeof only);
  if (!status && o[O_FORMAT].set) status = cli_parse_format(o[O_FORMAT].str, 1, &fmt, &f.err);
  cli_progress pb;
  cli_progress_start(&pb, "validate", o[O_QUIET].set);
  vo.progress = progress;
  vo.progress_ctx = &pb;
  limen_run_control ctl = {0};
  limen_checkpoint ck;
  limen_checkpoint_init(&ck);
  if (!status) status = cli_resume_begin(&ctl, &ck, o[O_OUT].set ? o[O_OUT].str : NULL, o[O_RESUME].set, &f.err);
  if (!status && (status = limen_validate_run_ctl(&vo, cli_mpi_spread(), ctl.checkpoint ? &ctl : NULL, &rep, &f.err)))
    cli_error_input(&f.err); /* "--check = ..." */
  status = cli_resume_end(&ck, status, &f.err);
  cli_progress_done(&pb);
  validated v = {&rep, &vo};
  if (!status) status = cli_render_set(o[O_OUT].set ? o[O_OUT].str : NULL, "validate", fmt, render, &v, &f.out, &f.err);
  size_t n_failed = status ? 0 : rep.n_failed;
  limen_validate_report_clear(&rep);
  status = cli_frame_end(&f, status);
  /* every row printed, but one failed: exit status 1 */
  return status == CLI_OK && n_failed ? CLI_FAIL : status;
}
