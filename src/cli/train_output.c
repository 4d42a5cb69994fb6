/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_output.c: what the runs of `limen train` share: the options written over a library
 * configuration, the options a run does not read, the single-run summary (table or JSON), and
 * the tables, traces and figures written under --out. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/train_cli.h"

/* ---- options → configuration ------------------------------------------------------------------ */

void cli_train_apply_options(const cli_opt *o, limen_experiment_config *c) {
  if (o[O_TASK].set) c->task = o[O_TASK].str;
  if (o[O_PARADIGM].set) c->paradigm = o[O_PARADIGM].str;
  if (o[O_SEED].set) c->seed = (uint64_t)o[O_SEED].lnum;
  if (o[O_STEPS].set) c->steps = (size_t)o[O_STEPS].lnum;
  if (o[O_BATCH].set) c->batch = (size_t)o[O_BATCH].lnum;
  if (o[O_EVAL].set) c->eval_every = (size_t)o[O_EVAL].lnum;
  c->window_s = cli_train_num_or(&o[O_WINDOW], c->window_s);
  c->target = cli_train_num_or(&o[O_TARGET], c->target);
  c->eta0 = cli_train_num_or(&o[O_LR], c->eta0);
  c->lr_t0 = cli_train_num_or(&o[O_LR_T0], c->lr_t0);
  if (o[O_SCHEDULE].set) c->schedule = o[O_SCHEDULE].str;
  limen_memory_config *mc = &c->memory;
  mc->low_barrier_kT = cli_train_num_or(&o[O_BARRIER], mc->low_barrier_kT);
  mc->retention_barrier_kT = cli_train_num_or(&o[O_RETENTION], mc->retention_barrier_kT);
  if (o[O_BITS].set) mc->bits = (int)o[O_BITS].lnum;
  mc->w_max = cli_train_num_or(&o[O_WMAX], mc->w_max);
  mc->hold_s = cli_train_num_or(&o[O_HOLD], mc->hold_s);
  mc->tau0_s = cli_train_num_or(&o[O_TAU0], mc->tau0_s);
  mc->temperature_K = cli_train_num_or(&o[O_TEMPERATURE], mc->temperature_K);
  if (o[O_CELLS].set) mc->cells = strcmp(o[O_CELLS].str, "langevin") == 0 ? LIMEN_CELLS_LANGEVIN : LIMEN_CELLS_JUMP;
}

/* A power of ten as "1e8", anything else as %g. */
static const char *short_number(char *buf, size_t n, double v) {
  char e[32];
  snprintf(e, sizeof e, "%.0e", v);
  int exp10;
  if (sscanf(e, "1e%d", &exp10) == 1 && strtod(e, NULL) == v) snprintf(buf, n, "1e%d", exp10);
  else snprintf(buf, n, "%g", v);
  return buf;
}

int cli_train_langevin_refusal(int st, const limen_experiment_setup *s, const limen_experiment_config *c,
                               limen_error *err) {
  if (!st || !s->langevin_refused) return st;
  char max[32];
  return limen_error_set(err, LIMEN_EINVAL, "--cells",
                         "langevin: %zu cells × %zu steps × %g τ₀ windows = %.3g Langevin steps; allowed ≤ %s "
                         "(use fewer --steps, a shorter --window, or --cells jump)",
                         s->n_params, s->train.steps, s->window_tau0, s->langevin_steps,
                         short_number(max, sizeof max, c->max_langevin_steps));
}

int cli_train_render_rows(const char *title, const char *const *texts, size_t n_texts, const cli_train_row *rows,
                          size_t n, cli_format fmt, cli_buf *out, cli_buf *json_copy, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  for (size_t i = 0; i + 1 < n_texts; i += 2) cJSON_AddStringToObject(root, texts[i], texts[i + 1]);
  for (size_t i = 0; i < n; i++) cli_json_num(root, rows[i].key, rows[i].v);
  int st = cli_json_print(root, json_copy, err);
  cJSON_Delete(root);
  if (st) return st;
  if (fmt == CLI_FORMAT_JSON) {
    cli_buf_puts(out, json_copy->data);
    return cli_buf_check(out, err);
  }
  cli_buf_printf(out, "limen train: %s\n\n", title);
  static const char *const head[] = {"quantity", "value", "unit"};
  cli_table t;
  if ((st = cli_table_init(&t, 3, head, err))) {
    cli_table_free(&t);
    return st;
  }
  cli_table_set_right(&t, 1, 1);
  char num[64];
  for (size_t i = 0; i + 1 < n_texts; i += 2) {
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", texts[i]);
    cli_table_set(&t, 1, "%s", texts[i + 1]);
  }
  for (size_t i = 0; i < n; i++) {
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", rows[i].label);
    cli_table_set(&t, 1, "%s", isfinite(rows[i].v) ? cli_human(num, sizeof num, rows[i].v, 5) : "not reached");
    cli_table_set(&t, 2, "%s", rows[i].unit);
  }
  st = cli_table_check(&t, err);
  if (!st) cli_table_text(&t, out, 2);
  cli_table_free(&t);
  if (st) return st;
  return cli_buf_check(out, err);
}

/* ---- options a run does not read (rejected: nothing is silently ignored) ------------------- */

int cli_train_paradigm_options(const cli_opt *o, const char *paradigm, const char *who, limen_error *err) {
  int hop = strcmp(paradigm, "lim-fixed") == 0 || strcmp(paradigm, "lim-matched") == 0;
  if (strcmp(paradigm, "ideal") == 0) {
    static const int physical[] = {O_BARRIER, O_RETENTION, O_BITS, O_WMAX, O_TAU0, O_TEMPERATURE, O_CELLS};
    for (size_t i = 0; i < sizeof physical / sizeof *physical; i++)
      if (o[physical[i]].set)
        return cli_train_conflict(err, "--%s does not apply to --paradigm ideal (floating point, no cells; it "
                                  "applies to the physical paradigms)", o[physical[i]].name);
    return LIMEN_OK;
  }
  if (!hop && o[O_BARRIER].set)
    return cli_train_conflict(err, "--barrier applies to --paradigm lim-fixed and lim-matched (%s holds its cells at "
                              "--retention-barrier)", who);
  if (!hop && o[O_CELLS].set)
    return cli_train_conflict(err, "--cells applies to --paradigm lim-fixed and lim-matched (%s: closed-form static "
                              "writes, no cell dynamics)", who);
  if (hop && o[O_RETENTION].set && !(o[O_HOLD].set && o[O_HOLD].num > 0))
    return cli_train_conflict(err, "--retention-barrier is not used by %s without --hold > 0 (its cells sit at E_ret only "
                              "between windows; digital-static and analog-static always use it)", who);
  return LIMEN_OK;
}

int cli_train_conflict(limen_error *err, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "%s", msg);
}

/* ---- files under --out ------------------------------------------------------------------------ */

int cli_train_write_trace(const char *dir, const char *name, const limen_train_result *r, limen_error *err) {
  cli_buf b;
  cli_buf_init(&b);
  char n1[64], n2[64], n3[64], n4[64], n5[64], n6[64];
  cli_buf_puts(&b, "step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy\n");
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_train_point *p = &r->points[i];
    cli_buf_printf(&b, "%zu,%s,%s,%s,%s,%s,%s\n", p->step, cli_num(n1, sizeof n1, p->time_s),
                   cli_num(n2, sizeof n2, p->heat_J), cli_num(n3, sizeof n3, p->bound_J), cli_num(n4, sizeof n4, p->loss),
                   cli_num(n5, sizeof n5, p->train_accuracy), cli_num(n6, sizeof n6, p->test_accuracy));
  }
  int st = cli_buf_check(&b, err);
  if (!st) st = cli_write_file_atomic(dir, name, b.data, err);
  cli_buf_free(&b);
  return st;
}

int cli_train_write_outputs(const char *dir, const cli_table *table, const char *json, limen_error *err) {
  cli_buf csv;
  cli_buf_init(&csv);
  cli_table_csv(table, &csv);
  int st = cli_buf_check(&csv, err);
  if (!st) st = cli_write_file_atomic(dir, "table.csv", csv.data, err);
  if (!st) st = cli_write_file_atomic(dir, "summary.json", json, err);
  cli_buf_free(&csv);
  return st;
}

int cli_train_print(cli_format fmt, const char *json, const char *header, const cli_table *t, cli_buf *out,
                    limen_error *err) {
  if (fmt == CLI_FORMAT_JSON) {
    cli_buf_puts(out, json);
  } else {
    cli_buf_puts(out, header);
    cli_table_text(t, out, 2);
  }
  return cli_buf_check(out, err);
}

int cli_train_plot_file(const char *dir, const char *name, limen_plot *pl, limen_error *err) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
    return limen_error_set(err, LIMEN_EIO, "--out", "path too long: '%s/%s'", dir, name);
  int st = limen_plot_write(pl, path, err);
  if (st) return limen_error_wrap(err, st, "figure", "%s", name);
  return LIMEN_OK;
}
