/* SPDX-License-Identifier: GPL-3.0-or-later
 * output.c: text buffer, tables, CSV and JSON writers of the subcommands (output.h). */
#include "cli/output.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- text buffer ------------------------------------------------------------------ */

void cli_buf_init(cli_buf *b) {
  static char empty[1] = "";
  b->data = empty;
  b->len = 0;
  b->cap = 0;
  b->failed = 0;
}

void cli_buf_free(cli_buf *b) {
  if (b->cap) free(b->data);
  cli_buf_init(b);
}

static int grow(cli_buf *b, size_t extra) {
  if (b->failed) return -1;
  if (b->len + extra + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + extra + 1) cap *= 2;
  char *nd = b->cap ? realloc(b->data, cap) : malloc(cap);
  if (!nd) {
    b->failed = 1;
    return -1;
  }
  if (!b->cap) nd[0] = '\0';
  b->data = nd;
  b->cap = cap;
  return 0;
}

void cli_buf_puts(cli_buf *b, const char *s) {
  size_t n = strlen(s);
  if (grow(b, n)) return;
  memcpy(b->data + b->len, s, n + 1);
  b->len += n;
}

void cli_buf_printf(cli_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = 1;
    return;
  }
  if (grow(b, (size_t)n)) return;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

int cli_buf_check(const cli_buf *b, limen_error *err) {
  if (b->failed) return limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
  return LIMEN_OK;
}

int cli_emit(const char *cmd, const cli_buf *b) {
  if (b->failed) return cli_fail(cmd, CLI_FAIL, "output: out of memory");
  errno = 0;
  size_t w = fwrite(b->data, 1, b->len, stdout);
  if (w != b->len || fflush(stdout) != 0)
    return cli_fail(cmd, CLI_FAIL, "cannot write to standard output: %s", errno ? strerror(errno) : "short write");
  return CLI_OK;
}

/* Display width of a UTF-8 string (code points; the outputs use no wide characters). */
static size_t width_of(const char *s, size_t n) {
  size_t w = 0;
  for (size_t i = 0; i < n && s[i]; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) w++;
  return w;
}

/* The words of text from column `col` on, a new line of `indent` spaces before a word that
 * would pass column `width` (a longer word stays whole). */
static void wrap_words(cli_buf *b, const char *text, size_t col, size_t indent, size_t width) {
  size_t start = col;
  const char *p = text;
  while (*p == ' ') p++;
  while (*p) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p), w = width_of(p, len);
    if (col > start && col + 1 + w > width) {
      cli_buf_printf(b, "\n%*s", (int)indent, "");
      col = start = indent;
    } else if (col > start) {
      cli_buf_puts(b, " ");
      col++;
    }
    cli_buf_printf(b, "%.*s", (int)len, p);
    col += w;
    p += len;
    while (*p == ' ') p++;
  }
}

void cli_wrap(cli_buf *b, const char *first, size_t indent, const char *text, size_t width) {
  cli_buf_puts(b, first);
  wrap_words(b, text, width_of(first, strlen(first)), indent, width);
  cli_buf_puts(b, "\n");
}

/* ---- numbers ------------------------------------------------------------------------- */

const char *cli_num(char *buf, size_t n, double v) { return limen_format_number(buf, n, v); }

const char *cli_human(char *buf, size_t n, double v, int sig) {
  if (sig < 1) sig = 1;
  double a = fabs(v);
  if (!isfinite(v)) return cli_num(buf, n, v);
  (void)a;
  if (v == 0) snprintf(buf, n, "0");
  else snprintf(buf, n, "%.*g", sig, v);
  return buf;
}

/* ---- tables ------------------------------------------------------------------------------- */

int cli_table_init(cli_table *t, size_t ncols, const char *const *headers, limen_error *err) {
  memset(t, 0, sizeof *t);
  t->ncols = ncols;
  t->cap_rows = 16;
  t->cells = calloc((t->cap_rows + 1) * ncols, sizeof *t->cells);
  t->right = calloc(ncols, sizeof *t->right);
  if (!t->cells || !t->right) {
    t->failed = 1;
    return limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
  }
  for (size_t c = 0; c < ncols; c++) {
    size_t n = strlen(headers[c]) + 1;
    t->cells[c] = malloc(n);
    if (!t->cells[c]) {
      t->failed = 1;
      return limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
    }
    memcpy(t->cells[c], headers[c], n);
  }
  return LIMEN_OK;
}

void cli_table_free(cli_table *t) {
  if (t->cells)
    for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++) free(t->cells[i]);
  free(t->cells);
  free(t->right);
  memset(t, 0, sizeof *t);
}

void cli_table_row(cli_table *t) {
  if (t->failed) return;
  if (t->nrows == t->cap_rows) {
    size_t cap = 2 * t->cap_rows;
    char **nc = realloc(t->cells, (cap + 1) * t->ncols * sizeof *nc);
    if (!nc) {
      t->failed = 1;
      return;
    }
    t->cells = nc;
    t->cap_rows = cap;
  }
  t->nrows++;
  for (size_t c = 0; c < t->ncols; c++) t->cells[t->nrows * t->ncols + c] = NULL;
}

void cli_table_set(cli_table *t, size_t col, const char *fmt, ...) {
  if (t->failed || t->nrows == 0 || col >= t->ncols) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
  if (!s) {
    t->failed = 1;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  char **cell = &t->cells[t->nrows * t->ncols + col];
  free(*cell);
  *cell = s;
}

void cli_table_set_right(cli_table *t, size_t col, int right) {
  if (t->right && col < t->ncols) t->right[col] = right;
}

int cli_table_check(const cli_table *t, limen_error *err) {
  if (t->failed) return limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
  return LIMEN_OK;
}

static size_t width(const char *s) { return width_of(s, strlen(s)); }

size_t cli_text_width(const char *s) {
  size_t best = 0;
  while (s && *s) {
    const char *e = strchr(s, '\n');
    size_t n = e ? (size_t)(e - s) : strlen(s), w = width_of(s, n);
    if (w > best) best = w;
    s += n + (e ? 1 : 0);
  }
  return best;
}

size_t cli_terminal_columns(void) {
  const char *c = getenv("COLUMNS");
  char *end = NULL;
  long v = c && *c ? strtol(c, &end, 10) : 0;
  if (!c || !*c || *end || v < 40 || v > 1000) return 100;
  return (size_t)v;
}

/* The width of the last column when the table is wider than the terminal and that column is
 * text (left-aligned): what is left of the line, if at least 24 columns; else its own width. */
static size_t last_width(const cli_table *t, const size_t *w, int indent) {
  size_t total = (size_t)indent, last = t->ncols - 1, cols = cli_terminal_columns();
  for (size_t c = 0; c < t->ncols; c++) total += w[c] + (c ? 2 : 0);
  if (total <= cols || t->right[last] || total - w[last] + 24 > cols) return w[last];
  return cols - (total - w[last]);
}

/* Line k of a cell that may hold several ("realized\n[J]": a header over two lines) into buf;
 * "" past its last line. */
static const char *cell_line(const char *s, size_t k, char *buf, size_t n) {
  for (; s && k > 0; k--) s = strchr(s, '\n') ? strchr(s, '\n') + 1 : NULL;
  size_t len = s ? strcspn(s, "\n") : 0;
  snprintf(buf, n, "%.*s", (int)len, s ? s : "");
  return buf;
}

/* Line k of row r (of `lines`): cells padded to their column's width; a last text column wider
 * than `wl` wraps onto lines indented to its start. */
static void row_line(const cli_table *t, size_t r, size_t k, size_t lines, const size_t *w, size_t wl, int indent,
                     cli_buf *b) {
  size_t col = (size_t)indent;
  cli_buf_printf(b, "%*s", indent, "");
  for (size_t c = 0; c < t->ncols; c++) {
    char one[1024];
    const char *s = t->cells[r * t->ncols + c];
    if (lines > 1) s = cell_line(s, k, one, sizeof one);
    if (!s) s = "";
    size_t pad = w[c] - width(s);
    int last = c + 1 == t->ncols;
    if (last && !t->right[c] && width(s) > wl) wrap_words(b, s, col, col, col + wl);
    else if (t->right[c]) cli_buf_printf(b, "%*s%s", (int)pad, "", s);
    else if (last) cli_buf_puts(b, s);
    else cli_buf_printf(b, "%s%*s", s, (int)pad, "");
    if (!last) cli_buf_puts(b, "  ");
    col += w[c] + 2;
  }
  cli_buf_puts(b, "\n");
}

/* One row, over as many lines as its tallest cell (a header "realized\n[J]" takes two). */
static void row_text(const cli_table *t, size_t r, const size_t *w, size_t wl, int indent, cli_buf *b) {
  size_t lines = 1;
  for (size_t c = 0; c < t->ncols; c++) {
    size_t n = 1;
    for (const char *s = t->cells[r * t->ncols + c], *e; s && (e = strchr(s, '\n')); s = e + 1) n++;
    if (n > lines) lines = n;
  }
  for (size_t k = 0; k < lines; k++) row_line(t, r, k, lines, w, wl, indent, b);
}

void cli_table_text(const cli_table *t, cli_buf *b, int indent) {
  if (t->failed) {
    b->failed = 1;
    return;
  }
  size_t *w = calloc(t->ncols, sizeof *w);
  if (!w) {
    b->failed = 1;
    return;
  }
  for (size_t r = 0; r <= t->nrows; r++)
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = t->cells[r * t->ncols + c];
      size_t k = s ? cli_text_width(s) : 0;
      if (k > w[c]) w[c] = k;
    }
  size_t wl = last_width(t, w, indent);
  for (size_t r = 0; r <= t->nrows; r++) {
    row_text(t, r, w, wl, indent, b);
    if (r == 0) {
      cli_buf_printf(b, "%*s", indent, "");
      for (size_t c = 0; c < t->ncols; c++) {
        size_t n = c + 1 < t->ncols ? w[c] : wl;
        for (size_t k = 0; k < n; k++) cli_buf_puts(b, "-");
        if (c + 1 < t->ncols) cli_buf_puts(b, "  ");
      }
      cli_buf_puts(b, "\n");
    }
  }
  free(w);
}
