/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_cli.h: what the files of `limen train` share (private to src/cli/): the option indices,
 * the options → configuration mapping, the single-run summary renderer and
 * the writers under --out.  The runs, their inputs (defaults, ranges), their JSON and CSV and their
 * figures are the library's (limen/experiment.h, limen/report.h); these files parse, call, print
 * the tables and choose the paths.
 *   cmd_train.c          option table, single training runs, dispatch
 *   train_experiments.c  --experiment paradigms, window and barrier
 *   train_scaling.c      --experiment scaling
 *   train_maxcut.c       --task maxcut-*, --experiment maxcut
 *   train_output.c       options → configuration, the summary renderer, the
 *                        writers under --out (used by all of the above; it calls none of them) */
#ifndef LIMEN_CLI_TRAIN_CLI_H
#define LIMEN_CLI_TRAIN_CLI_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/experiment.h"
#include "limen/figure.h"
#include "limen/input.h"
#include "limen/report.h"
#include "limen/train.h"

enum {
  O_TASK, O_PARADIGM, O_WINDOW, O_STEPS, O_BATCH, O_LR, O_SCHEDULE, O_LR_T0, O_BARRIER, O_BARRIER_LOW, O_RETENTION,
  O_BITS, O_WMAX, O_HOLD, O_TAU0, O_TEMPERATURE, O_TARGET, O_SEED, O_CELLS, O_EVAL, O_BETA0, O_BETA_END, O_RISE,
  O_EXPERIMENT, O_VALUES, O_FORMAT, O_OUT, O_FIGURE_FORMAT, O_RESUME, O_QUIET, O_COUNT
};

/* The progress of this run of `limen train` on stderr (progress.h), started by the command. */
struct cli_progress *cli_train_progress(void);

/* ---- options → configuration (train_output.c) --------------------------------------------------- */

/* Write every set numeric option that names a row of the input table t (limen_experiment_inputs,
 * limen_memory_config_inputs, limen_experiment_maxcut_inputs) into the struct at obj. */
void cli_train_apply_rows(const cli_opt *o, const limen_input *t, size_t n, void *obj);

/* Write the options that are set over *c (which holds the library's defaults). */
void cli_train_apply_options(const cli_opt *o, limen_experiment_config *c);

/* After a failed library run: when the setup refused a Langevin run as too large, the library's
 * message (limen_experiment_langevin_refusal) with the options' spelling; returns st. */
int cli_train_langevin_refusal(int st, const limen_experiment_setup *s, const limen_experiment_config *c,
                               limen_error *err);

/* ---- output (train_output.c) ------------------------------------------------------------------ */

/* A single-run summary: with --format json the library's JSON, else the record's fields as a
 * table titled `title` (label: the field's doc unless labels[i] is set; "not reached" for a
 * number that is not finite). */
int cli_train_render_record(const char *title, const limen_field *f, size_t n, const void *rec,
                            const char *const *labels, cli_format fmt, const char *json, cli_buf *out,
                            limen_error *err);

/* Print the JSON document with --format json, else `header` and the table; then check `out`. */
int cli_train_print(cli_format fmt, const char *json, const char *header, const cli_table *t, cli_buf *out,
                    limen_error *err);

/* Write *text, made by the library with status st (a call evaluated in the same argument list:
 * *text is read only once it has run), as `name` under `dir`; free it and set it to NULL. */
int cli_train_write_text(const char *dir, const char *name, int st, char **text, limen_error *err);

/* Draw every figure of *figs, made with status st (as cli_train_write_text), under `dir` with the
 * set's file names (their .png replaced by the extension of the format given to
 * cli_train_figure_format, when one was); free the set and set it to NULL. */
void cli_train_figure_format(const char *format);
int cli_train_write_figures(const char *dir, int st, limen_train_figures **figs, limen_error *err);

/* ---- the runs ---------------------------------------------------------------------------------- */

/* --experiment paradigms, window or barrier (train_experiments.c).  The runs below take options
 * already checked by the library's rules (limen_experiment_request_conflicts, _choices). */
int cli_train_exp_sweep(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err);

/* --experiment scaling into `out`, and with --out its table, JSON and figure (train_scaling.c). */
int cli_train_exp_scaling(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err);

/* --experiment maxcut: G1, G11 and G14, and with --out the table, JSON, traces and figures. */
int cli_train_exp_maxcut(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err);

/* --task maxcut-<graph>: one anneal, and with --out its trace, summary and figures. */
int cli_train_run_maxcut(cli_opt *o, const char *graph, cli_format fmt, cli_buf *out, limen_error *err);

#endif
