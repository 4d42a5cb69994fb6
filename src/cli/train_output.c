/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_output.c: what the runs of `limen train` share: the options written over a library
 * configuration (through the library's input tables), the options a run does not read, the
 * single-run summary table, and the files written under --out (text and figures made by the
 * library). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/progress.h"
#include "cli/train_cli.h"

/* ---- options → configuration ------------------------------------------------------------------ */

void cli_train_apply_rows(const cli_opt *o, const limen_input *t, size_t n, void *obj) {
  for (size_t i = 0; i < O_COUNT; i++) {
    const limen_input *in = o[i].set && (o[i].kind == CLI_OPT_DOUBLE || o[i].kind == CLI_OPT_LONG)
                                ? limen_input_find(t, n, o[i].name)
                                : NULL;
    if (in) limen_input_set(in, obj, o[i].num);
  }
}

void cli_train_apply_options(const cli_opt *o, limen_experiment_config *c) {
  size_t n;
  const limen_input *t = limen_experiment_inputs(&n);
  cli_train_apply_rows(o, t, n, c);
  t = limen_memory_config_inputs(&n);
  cli_train_apply_rows(o, t, n, &c->memory);
  if (o[O_TASK].set) c->task = o[O_TASK].str;
  if (o[O_PARADIGM].set) c->paradigm = o[O_PARADIGM].str;
  if (o[O_SCHEDULE].set) c->schedule = o[O_SCHEDULE].str;
  if (o[O_CELLS].set) c->memory.cells = strcmp(o[O_CELLS].str, "langevin") == 0 ? LIMEN_CELLS_LANGEVIN : LIMEN_CELLS_JUMP;
  c->progress = cli_progress_fn;
  c->progress_ctx = cli_train_progress();
}

int cli_train_langevin_refusal(int st, const limen_experiment_setup *s, const limen_experiment_config *c,
                               limen_error *err) {
  if (st == LIMEN_EINVAL && !s->langevin_refused) return cli_error_input(err); /* "--cells = ..." */
  if (!st || !s->langevin_refused) return st;
  return cli_error_prefix(err, limen_experiment_langevin_refusal(s, c, err), "--");
}

int cli_train_render_record(const char *title, const limen_field *f, size_t n, const void *rec,
                            const char *const *labels, cli_format fmt, const char *json, cli_buf *out,
                            limen_error *err) {
  if (fmt != CLI_FORMAT_TABLE) return cli_machine_text(json, NULL, fmt, out, err); /* CSV: one row */
  cli_buf_printf(out, "limen train: %s\n\n", title);
  static const char *const head[] = {"quantity", "value", "unit"};
  enum { LONG_TEXT = 24 }; /* a text value longer than this goes under the table, wrapped */
  cli_table t;
  int st = cli_table_init(&t, 3, head, err);
  if (!st) cli_table_set_right(&t, 1, 1);
  for (size_t i = 0; !st && i < n; i++) {
    const char *p = (const char *)rec + f[i].offset, *text = NULL;
    char num[64];
    double v;
    if (f[i].kind == LIMEN_FIELD_CHARS) text = p;
    else if (f[i].kind == LIMEN_FIELD_STRING) text = *(const char *const *)(const void *)p;
    if (text && cli_text_width(text) > LONG_TEXT) continue;
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", labels && labels[i] ? labels[i] : f[i].doc);
    if (text) cli_table_set(&t, 1, "%s", text);
    else if (memcpy(&v, p, sizeof v), isfinite(v)) cli_table_set(&t, 1, "%s", cli_human(num, sizeof num, v, 5));
    else cli_table_set(&t, 1, "not reached");
    if (f[i].kind == LIMEN_FIELD_DOUBLE) cli_table_set(&t, 2, "%s", f[i].unit ? f[i].unit : "");
  }
  if (!st) st = cli_table_check(&t, err);
  if (!st) cli_table_text(&t, out, 2);
  cli_table_free(&t);
  for (size_t i = 0, gap = 1; !st && i < n; i++) { /* the long texts, each on its own lines */
    const char *p = (const char *)rec + f[i].offset, *text = NULL;
    if (f[i].kind == LIMEN_FIELD_CHARS) text = p;
    else if (f[i].kind == LIMEN_FIELD_STRING) text = *(const char *const *)(const void *)p;
    if (!text || cli_text_width(text) <= LONG_TEXT) continue;
    char first[160];
    if (gap) cli_buf_puts(out, "\n");
    gap = 0;
    snprintf(first, sizeof first, "  %s: ", labels && labels[i] ? labels[i] : f[i].doc);
    cli_wrap(out, first, 4, text, cli_terminal_columns());
  }
  return st ? st : cli_buf_check(out, err);
}

/* ---- files under --out ------------------------------------------------------------------------ */

int cli_train_write_text(const char *dir, const char *name, int st, char **text, limen_error *err) {
  if (!st) st = cli_write_file_atomic(dir, name, *text, err);
  limen_free(*text);
  *text = NULL;
  return st;
}

int cli_train_print(cli_format fmt, const char *json, const char *header, const cli_table *t, cli_buf *out,
                    limen_error *err) {
  if (fmt != CLI_FORMAT_TABLE) return cli_machine_text(json, "runs", fmt, out, err); /* CSV: a row per run */
  cli_buf_puts(out, header);
  cli_table_text(t, out, 2);
  return cli_buf_check(out, err);
}

static const char *figure_format; /* --figure-format, NULL: png */

void cli_train_figure_format(const char *format) { figure_format = format; }

int cli_train_write_figures(const char *dir, int st, limen_train_figures **figs, limen_error *err) {
  for (size_t i = 0; !st && i < limen_train_figures_count(*figs); i++) {
    const char *png = limen_train_figures_name(*figs, i), *dot = strrchr(png, '.');
    char name[256];
    snprintf(name, sizeof name, "%.*s.%s", dot ? (int)(dot - png) : (int)strlen(png), png,
             figure_format ? figure_format : "png");
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
      st = limen_error_set(err, LIMEN_EIO, "--out", "path too long: '%s/%s'", dir, name);
    else if ((st = cli_out_register(dir, name, err)) ||
             (st = limen_plot_write(limen_train_figures_plot(*figs, i), path, err)))
      st = limen_error_wrap(err, st, "figure", "%s", name);
  }
  limen_train_figures_free(*figs);
  *figs = NULL;
  return st;
}
