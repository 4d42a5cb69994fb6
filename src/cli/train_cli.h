/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_cli.h: what the files of `limen train` share (private to src/cli/): the option indices,
 * the options → configuration mapping and option checks, the single-run summary renderer and
 * the writers of tables, traces and figures under --out.  The runs themselves are library calls
 * (limen/experiment.h); these files parse, call and format.
 *   cmd_train.c          option table, single training runs, dispatch
 *   train_experiments.c  --experiment paradigms, window and barrier
 *   train_scaling.c      --experiment scaling
 *   train_maxcut.c       --task maxcut-*, --experiment maxcut
 *   train_output.c       options → configuration, option checks, the summary renderer, the
 *                        writers under --out (used by all of the above; it calls none of them) */
#ifndef LIMEN_CLI_TRAIN_CLI_H
#define LIMEN_CLI_TRAIN_CLI_H

#include <stddef.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/experiment.h"
#include "limen/figure.h"
#include "limen/train.h"

enum {
  O_TASK, O_PARADIGM, O_WINDOW, O_STEPS, O_BATCH, O_LR, O_SCHEDULE, O_LR_T0, O_BARRIER, O_RETENTION,
  O_BITS, O_WMAX, O_HOLD, O_TAU0, O_TEMPERATURE, O_TARGET, O_SEED, O_CELLS, O_EVAL, O_BETA0, O_BETA_END, O_RISE,
  O_EXPERIMENT, O_VALUES, O_FORMAT, O_OUT, O_COUNT
};

/* The option's value when set, else `def` (a default of the library's configuration). */
static inline double cli_train_num_or(const cli_opt *o, double def) { return o->set ? o->num : def; }

/* One quantity of a single-run summary: JSON key, table label, unit, value (NAN: "not reached"). */
typedef struct cli_train_row {
  const char *key, *label, *unit;
  double v;
} cli_train_row;

/* ---- options → configuration, and the options a run does not read (train_output.c) ---------- */

/* Write the options that are set over *c (which holds the library's defaults). */
void cli_train_apply_options(const cli_opt *o, limen_experiment_config *c);

/* After a failed library run: when the setup refused a Langevin run as too large, replace the
 * error by the message that names the options (--cells, --steps, --window); returns st. */
int cli_train_langevin_refusal(int st, const limen_experiment_setup *s, const limen_experiment_config *c,
                               limen_error *err);

/* An option the run does not read: LIMEN_EINVAL, "conflicting options: <message>". */
int cli_train_conflict(limen_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reject the options a paradigm does not read, for runs of that paradigm only (`who` names it). */
int cli_train_paradigm_options(const cli_opt *o, const char *paradigm, const char *who, limen_error *err);

/* ---- output (train_output.c) ------------------------------------------------------------------ */

/* Render a single-run summary: texts (key, value pairs) and rows as a table titled `title`, or as
 * JSON with --format json; the JSON document is always left in `json_copy` (summary.json). */
int cli_train_render_rows(const char *title, const char *const *texts, size_t n_texts, const cli_train_row *rows,
                          size_t n, cli_format fmt, cli_buf *out, cli_buf *json_copy, limen_error *err);

/* The trace of a training run as `name` under `dir`: step, time, heat, bound, loss, accuracies. */
int cli_train_write_trace(const char *dir, const char *name, const limen_train_result *r, limen_error *err);

/* An experiment's outputs under `dir`: `table` as table.csv, then `json` as summary.json. */
int cli_train_write_outputs(const char *dir, const cli_table *table, const char *json, limen_error *err);

/* Print the JSON document with --format json, else `header` and the table; then check `out`. */
int cli_train_print(cli_format fmt, const char *json, const char *header, const cli_table *t, cli_buf *out,
                    limen_error *err);

/* Draw `pl` into the file `name` under `dir`. */
int cli_train_plot_file(const char *dir, const char *name, limen_plot *pl, limen_error *err);

/* ---- the runs ---------------------------------------------------------------------------------- */

/* --experiment paradigms, window or barrier (train_experiments.c; options checked by the caller). */
int cli_train_exp_sweep(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err);

/* --experiment scaling into `out`, and with --out its table, JSON and figure (train_scaling.c). */
int cli_train_exp_scaling(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err);

/* --experiment maxcut: G1, G11 and G14, and with --out the table, JSON, traces and figures. */
int cli_train_exp_maxcut(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err);

/* --task maxcut-<graph>: one anneal, and with --out its trace, summary and figures. */
int cli_train_run_maxcut(cli_opt *o, const char *graph, cli_format fmt, cli_buf *out, limen_error *err);

#endif
