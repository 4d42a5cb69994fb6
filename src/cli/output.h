/* SPDX-License-Identifier: GPL-3.0-or-later
 * output.h: output writers of the subcommands — a growable text buffer, aligned text tables,
 * CSV, JSON numbers, and "print only when everything succeeded".
 *
 * Subcommands build their whole output in memory first and print it at the end, so that a
 * failure half-way leaves stdout empty.  Machine formats (CSV, JSON) print numbers with
 * "%.10g" (stable, exact enough for golden-file comparison); tables use fewer digits. */
#ifndef LIMEN_CLI_OUTPUT_H
#define LIMEN_CLI_OUTPUT_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "cli/cli.h"
#include "limen/report.h"

/* ---- text buffer ----------------------------------------------------------------- */
typedef struct cli_buf {
  char *data; /* NUL-terminated (never NULL after cli_buf_init) */
  size_t len, cap;
  int failed; /* set when an allocation failed; later appends are ignored */
} cli_buf;

void cli_buf_init(cli_buf *b);
void cli_buf_free(cli_buf *b);
void cli_buf_puts(cli_buf *b, const char *s);
void cli_buf_printf(cli_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* LIMEN_ENOMEM (with a message) when an append failed. */
int cli_buf_check(const cli_buf *b, limen_error *err);

/* Write the buffer to stdout; status CLI_FAIL with a message on stderr when that fails. */
int cli_emit(const char *cmd, const cli_buf *b);

/* Append `text` wrapped at `width` columns: the first line starts with `first`, the others with
 * `indent` spaces; ends with a newline.  Words longer than a line are not broken. */
void cli_wrap(cli_buf *b, const char *first, size_t indent, const char *text, size_t width);

/* Widest line of s in display columns (UTF-8 code points). */
size_t cli_text_width(const char *s);
/* The terminal width for text output: $COLUMNS when it is a number in [40, 1000], else 100. */
size_t cli_terminal_columns(void);

/* ---- numbers ------------------------------------------------------------------------- */
/* "%.10g", or "nan"/"inf" spelled out (callers of JSON use cli_json_num, which writes null). */
const char *cli_num(char *buf, size_t n, double v);
/* Human format with `sig` significant digits ("%.{sig}g"). */
const char *cli_human(char *buf, size_t n, double v, int sig);

/* ---- tables -----------------------------------------------------------------------------
 * A table of string cells with a header row; rendered as aligned text (numbers right-aligned)
 * or as CSV (RFC 4180 quoting). */
typedef struct cli_table {
  size_t ncols, nrows, cap_rows;
  char **cells;  /* (nrows + 1) × ncols; row 0 is the header */
  int *right;    /* per column: right-align in text output    */
  int failed;
} cli_table;

int cli_table_init(cli_table *t, size_t ncols, const char *const *headers, limen_error *err);
void cli_table_free(cli_table *t);
/* Start a new row (all cells empty). */
void cli_table_row(cli_table *t);
/* Set a cell of the last row. */
void cli_table_set(cli_table *t, size_t col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void cli_table_set_right(cli_table *t, size_t col, int right);
int cli_table_check(const cli_table *t, limen_error *err);
/* Aligned text; `indent` spaces before every line.  A cell may hold several lines (a header
 * "realized\n[J]"); a last, left-aligned column that would pass the terminal's width
 * (cli_terminal_columns) wraps its words onto lines indented to its start. */
void cli_table_text(const cli_table *t, cli_buf *b, int indent);

/* ---- the three formats ------------------------------------------------------------------
 * A command's result rendered in `fmt` into out; with dir (--out DIR) also all three formats as
 * DIR/<name>.txt, .csv and .json (out_formats.c).  fn renders one format into its buffer. */
typedef int (*cli_format_fn)(const void *ctx, cli_format fmt, cli_buf *b, limen_error *err);
int cli_render_set(const char *dir, const char *name, cli_format fmt, cli_format_fn fn, const void *ctx, cli_buf *out,
                   limen_error *err);
/* The same, writing under dir only the formats in `which` (bit 1 << CLI_FORMAT_*). */
int cli_render_some(const char *dir, const char *name, unsigned which, cli_format fmt, cli_format_fn fn, const void *ctx,
                    cli_buf *out, limen_error *err);
/* A library JSON document into out as it is (fmt JSON) or as the library's CSV of it
 * (limen_report_json_csv: one row per element of rows_key, or the document as one row). */
int cli_machine_text(const char *json, const char *rows_key, cli_format fmt, cli_buf *out, limen_error *err);
/* A CSV the library wrote as an aligned text table (its '#' provenance lines left out). */
int cli_csv_table(const char *csv, cli_buf *out, limen_error *err);

#endif
