/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_output.c: what the runs of `limen train` share for their output: the single-run summary
 * (table or JSON), the message of an option a run does not read, and the tables, traces and
 * figures written under --out. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

#include "cli/train_cli.h"

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

int cli_train_plot_file(const char *dir, const char *name, limen_plot *pl, limen_error *err) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
    return limen_error_set(err, LIMEN_EIO, "--out", "path too long: '%s/%s'", dir, name);
  int st = limen_plot_write(pl, path, err);
  if (st) return limen_error_wrap(err, st, "figure", "%s", name);
  return LIMEN_OK;
}
