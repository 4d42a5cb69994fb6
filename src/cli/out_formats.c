/* SPDX-License-Identifier: GPL-3.0-or-later
 * out_formats.c: a command's result in the three formats every command has — an aligned table,
 * CSV and JSON (--format) — and, with --out DIR, all three as DIR/<name>.txt, .csv and .json,
 * each written atomically and listed in DIR's manifest (out_set.c).  Only rank 0 of an MPI run
 * writes files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"

int cli_machine_text(const char *json, const char *rows_key, cli_format fmt, cli_buf *out, limen_error *err) {
  if (fmt == CLI_FORMAT_JSON) {
    cli_buf_puts(out, json);
    return cli_buf_check(out, err);
  }
  char *csv = NULL;
  int st = limen_report_json_csv(json, rows_key, &csv, err);
  if (!st) cli_buf_puts(out, csv);
  limen_free(csv);
  return st ? st : cli_buf_check(out, err);
}

int cli_render_set(const char *dir, const char *name, cli_format fmt, cli_format_fn fn, const void *ctx, cli_buf *out,
                   limen_error *err) {
  return cli_render_some(dir, name, 7u, fmt, fn, ctx, out, err);
}

int cli_render_some(const char *dir, const char *name, unsigned which, cli_format fmt, cli_format_fn fn, const void *ctx,
                    cli_buf *out, limen_error *err) {
  int st = fn(ctx, fmt, out, err);
  if (st || !dir || cli_mpi_rank() != 0) return st;
  static const cli_format all[3] = {CLI_FORMAT_TABLE, CLI_FORMAT_CSV, CLI_FORMAT_JSON};
  static const char *const ext[3] = {"txt", "csv", "json"};
  for (int i = 0; i < 3 && !st; i++) {
    if (!(which & (1u << all[i]))) continue;
    cli_buf b;
    cli_buf_init(&b);
    char file[256];
    if (snprintf(file, sizeof file, "%s.%s", name, ext[i]) >= (int)sizeof file)
      st = cli_error(err, LIMEN_EINVAL, "--out: file name too long");
    if (!st) st = all[i] == fmt ? LIMEN_OK : fn(ctx, all[i], &b, err);
    if (!st) st = cli_buf_check(all[i] == fmt ? out : &b, err);
    if (!st) st = cli_write_file_atomic(dir, file, all[i] == fmt ? out->data : b.data, err);
    cli_buf_free(&b);
  }
  return st;
}

/* The next field of a CSV line at *p (RFC 4180 quoting) into buf; 1 while fields remain. */
static int csv_next(const char **p, char *buf, size_t n, int *end_of_line) {
  const char *s = *p;
  size_t k = 0;
  int quoted = *s == '"';
  if (quoted) s++;
  for (; *s; s++) {
    if (quoted && *s == '"' && s[1] == '"') s++;
    else if (quoted && *s == '"') {
      quoted = 0;
      continue;
    } else if (!quoted && (*s == ',' || *s == '\n')) break;
    if (k + 1 < n) buf[k++] = *s;
  }
  buf[k] = '\0';
  *end_of_line = *s != ',';
  *p = *s ? s + 1 : s;
  return 1;
}

/* Fields of the line at p (its header row, for the column count). */
static size_t csv_count(const char *p) {
  size_t n = 0;
  char cell[16];
  int eol = 0;
  while (*p && !eol && csv_next(&p, cell, sizeof cell, &eol)) n++;
  return n;
}

int cli_csv_table(const char *csv, cli_buf *out, limen_error *err) {
  while (*csv == '#') csv = strchr(csv, '\n') ? strchr(csv, '\n') + 1 : csv + strlen(csv);
  size_t nc = csv_count(csv);
  if (!nc) return LIMEN_OK;
  char **head = calloc(nc, sizeof *head), cell[1024];
  const char *p = csv;
  int eol = 0, st = head ? LIMEN_OK : cli_error(err, LIMEN_ENOMEM, "output: out of memory");
  for (size_t c = 0; !st && c < nc; c++) {
    csv_next(&p, cell, sizeof cell, &eol);
    if (!(head[c] = strdup(cell))) st = cli_error(err, LIMEN_ENOMEM, "output: out of memory");
  }
  cli_table t;
  int have_t = 0;
  if (!st) have_t = 1, st = cli_table_init(&t, nc, (const char *const *)head, err);
  for (size_t c = 0; !st && c < nc; c++) cli_table_set_right(&t, c, 1);
  while (!st && *p) {
    cli_table_row(&t);
    eol = 0;
    for (size_t c = 0; !eol && *p; c++) {
      csv_next(&p, cell, sizeof cell, &eol);
      if (c < nc) cli_table_set(&t, c, "%s", cell);
    }
  }
  if (!st) st = cli_table_check(&t, err);
  if (!st) cli_table_text(&t, out, 0);
  if (have_t) cli_table_free(&t);
  for (size_t c = 0; head && c < nc; c++) free(head[c]);
  free(head);
  return st ? st : cli_buf_check(out, err);
}
