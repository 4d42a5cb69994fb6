/* SPDX-License-Identifier: GPL-3.0-or-later
 * checkpoint.c: the checkpoint of a long run (checkpoint.h) — kept in memory as units are
 * done, written as text with every double in hexadecimal and a SHA-256 of the whole, read
 * back strictly (a truncated or altered file is refused, never half-trusted), matched against
 * the inputs of the run that would continue it, and the run loops' control (stop, write). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limen/checkpoint.h"
#include "limen/datafile.h"

#define VALUES_PER_LINE 4

void limen_checkpoint_number(char *buf, size_t n, double v) {
  for (int digits = 15; digits <= 17; digits++) {
    snprintf(buf, n, "%.*g", digits, v);
    if (strtod(buf, NULL) == v) return;
  }
}

void limen_checkpoint_init(limen_checkpoint *ck) {
  if (ck) memset(ck, 0, sizeof *ck);
}

static void unit_clear(limen_checkpoint_unit *u) {
  free(u->values);
  for (size_t i = 0; i < u->n_strings; i++) free(u->strings[i]);
  free(u->strings);
  memset(u, 0, sizeof *u);
}

void limen_checkpoint_clear(limen_checkpoint *ck) {
  if (!ck) return;
  free(ck->command);
  free(ck->inputs);
  for (size_t i = 0; i < ck->done; i++) unit_clear(&ck->units[i]);
  free(ck->units);
  memset(ck, 0, sizeof *ck);
}

static char *dup_text(const char *s) {
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d) memcpy(d, s, n);
  return d;
}

int limen_checkpoint_start(limen_checkpoint *ck, const char *command, const char *inputs, size_t total,
                           limen_error *err) {
  if (!ck || !command || !inputs) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_checkpoint_clear(ck);
  ck->command = dup_text(command);
  ck->inputs = dup_text(inputs);
  ck->total = total;
  if (ck->command && ck->inputs) return LIMEN_OK;
  limen_checkpoint_clear(ck);
  return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
}

int limen_checkpoint_add(limen_checkpoint *ck, const double *values, size_t n_values, const char *const *strings,
                         size_t n_strings, limen_error *err) {
  if (!ck || (n_values && !values) || (n_strings && !strings))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (ck->done == ck->cap) {
    size_t cap = ck->cap ? 2 * ck->cap : 16;
    limen_checkpoint_unit *u = realloc(ck->units, cap * sizeof *u);
    if (!u) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
    ck->units = u;
    ck->cap = cap;
  }
  limen_checkpoint_unit *u = &ck->units[ck->done];
  memset(u, 0, sizeof *u);
  u->values = malloc((n_values ? n_values : 1) * sizeof(double));
  u->strings = calloc(n_strings ? n_strings : 1, sizeof(char *));
  int bad = !u->values || !u->strings;
  if (!bad && n_values) memcpy(u->values, values, n_values * sizeof(double));
  u->n_values = n_values;
  for (size_t i = 0; !bad && i < n_strings; i++, u->n_strings++) bad = !(u->strings[i] = dup_text(strings[i]));
  if (bad) {
    unit_clear(u);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  }
  ck->done++;
  return LIMEN_OK;
}

/* ---- the text -------------------------------------------------------------------------- */

typedef struct text_buf {
  char *s;
  size_t len, cap;
  int failed;
} text_buf;

static void put(text_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(text_buf *b, const char *fmt, ...) {
  if (b->failed) return;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(b->s ? b->s + b->len : NULL, b->s ? b->cap - b->len : 0, fmt, ap);
  va_end(ap);
  if (n < 0) {
    b->failed = 1;
    return;
  }
  if (!b->s || b->len + (size_t)n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + (size_t)n + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
      b->failed = 1;
      return;
    }
    b->s = s;
    b->cap = cap;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
  }
  b->len += (size_t)n;
}

static int one_line(const char *s) { return s[strcspn(s, "\n\r")] == '\0'; }

static void put_unit(text_buf *b, size_t index, const limen_checkpoint_unit *u) {
  put(b, "unit %zu %zu %zu\n", index, u->n_values, u->n_strings);
  for (size_t i = 0; i < u->n_values; i++)
    put(b, "%a%c", u->values[i], (i + 1) % VALUES_PER_LINE == 0 || i + 1 == u->n_values ? '\n' : ' ');
  for (size_t i = 0; i < u->n_strings; i++) put(b, "%s\n", u->strings[i]);
}

int limen_checkpoint_format(const limen_checkpoint *ck, char **text, limen_error *err) {
  if (!ck || !text || !ck->command || !ck->inputs) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *text = NULL;
  size_t n_inputs = 0;
  for (const char *p = ck->inputs; *p; p++) n_inputs += *p == '\n';
  if (!one_line(ck->command) || (ck->inputs[0] && ck->inputs[strlen(ck->inputs) - 1] != '\n'))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "command or inputs not in lines");
  for (size_t k = 0; k < ck->done; k++)
    for (size_t i = 0; i < ck->units[k].n_strings; i++)
      if (!one_line(ck->units[k].strings[i]))
        return limen_error_set(err, LIMEN_EINVAL, __func__, "unit %zu: a string with a line break", k);
  text_buf b = {0};
  put(&b, "limen-checkpoint 1\ncommand %s\ninputs %zu\n%s", ck->command, n_inputs, ck->inputs);
  put(&b, "units %zu %zu\n", ck->total, ck->done);
  for (size_t k = 0; k < ck->done; k++) put_unit(&b, k, &ck->units[k]);
  char hex[65];
  if (!b.failed) limen_sha256_bytes(b.s, b.len, hex);
  put(&b, "sha256 %s\n", hex);
  if (b.failed) {
    free(b.s);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  }
  *text = b.s;
  return LIMEN_OK;
}

/* ---- reading it back --------------------------------------------------------------------- */

typedef struct reader {
  const char *p, *where;
  size_t line;
  limen_error *err;
} reader;

static int corrupt(reader *r, const char *what) {
  if (!r->line) return limen_error_plain(r->err, LIMEN_EPARSE, "checkpoint '%s' is corrupt: %s", r->where, what);
  return limen_error_plain(r->err, LIMEN_EPARSE, "checkpoint '%s' is corrupt: %s (line %zu)", r->where, what,
                           r->line);
}

/* The next line (without its '\n') into a malloc'd string; NULL at the end or on failure. */
static char *next_line(reader *r) {
  const char *nl = strchr(r->p, '\n');
  if (!nl) return NULL;
  size_t n = (size_t)(nl - r->p);
  char *s = malloc(n + 1);
  if (!s) return NULL;
  memcpy(s, r->p, n);
  s[n] = '\0';
  r->p = nl + 1;
  r->line++;
  return s;
}

/* A line "<key> <numbers...>" with exactly n whole numbers. */
static int read_counts(reader *r, const char *key, size_t *v, int n) {
  char *s = next_line(r), *q = s;
  size_t kl = strlen(key);
  int ok = s && strncmp(s, key, kl) == 0 && s[kl] == ' ';
  q = ok ? s + kl : q;
  for (int i = 0; ok && i < n; i++) {
    char *end = NULL;
    errno = 0;
    unsigned long long x = (*q == ' ' && q[1] >= '0' && q[1] <= '9') ? strtoull(q + 1, &end, 10) : 0;
    ok = end && errno == 0 && x <= (unsigned long long)SIZE_MAX / 16;
    v[i] = (size_t)x;
    q = end;
  }
  ok = ok && *q == '\0';
  free(s);
  if (ok) return LIMEN_OK;
  char what[64];
  snprintf(what, sizeof what, "expected '%s' and %d number%s", key, n, n > 1 ? "s" : "");
  return corrupt(r, what);
}

static int read_values(reader *r, double *v, size_t n) {
  for (size_t i = 0; i < n; i += VALUES_PER_LINE) {
    char *s = next_line(r), *q = s;
    size_t m = n - i < VALUES_PER_LINE ? n - i : VALUES_PER_LINE;
    int ok = s != NULL;
    for (size_t k = 0; ok && k < m; k++) {
      char *end = NULL;
      v[i + k] = strtod(q, &end);
      ok = end != q && (*end == (k + 1 < m ? ' ' : '\0'));
      q = end + (k + 1 < m);
    }
    free(s);
    if (!ok) return corrupt(r, "expected a line of hexadecimal numbers");
  }
  return LIMEN_OK;
}

static int read_unit(reader *r, limen_checkpoint *ck, limen_error *err) {
  size_t h[3];
  int st = read_counts(r, "unit", h, 3);
  if (!st && h[0] != ck->done) st = corrupt(r, "units out of order");
  double *v = st ? NULL : malloc((h[1] ? h[1] : 1) * sizeof *v);
  char **s = st ? NULL : calloc(h[2] ? h[2] : 1, sizeof *s);
  if (!st && (!v || !s)) st = limen_error_set(err, LIMEN_ENOMEM, "limen_checkpoint_parse", "out of memory");
  if (!st) st = read_values(r, v, h[1]);
  size_t ns = 0;
  for (; !st && ns < h[2]; ns++)
    if (!(s[ns] = next_line(r))) st = corrupt(r, "a string is missing");
  if (!st) st = limen_checkpoint_add(ck, v, h[1], (const char *const *)s, h[2], err);
  for (size_t i = 0; s && i < ns; i++) free(s[i]);
  free(s);
  free(v);
  return st;
}

/* The lines before "sha256 <hex>\n" at the end hash to hex. */
static int check_sum(const char *text, reader *r) {
  size_t n = strlen(text);
  const char *tail = n >= 72 ? text + n - 72 : NULL;
  char hex[65];
  if (!tail || (tail != text && tail[-1] != '\n') || strncmp(tail, "sha256 ", 7) != 0 || tail[71] != '\n')
    return corrupt(r, "the closing 'sha256' line is missing (truncated?)");
  limen_sha256_bytes(text, (size_t)(tail - text), hex);
  if (strncmp(hex, tail + 7, 64) != 0) return corrupt(r, "its SHA-256 does not match its content (altered?)");
  return LIMEN_OK;
}

static int read_head(reader *r, limen_checkpoint *ck, size_t *done, limen_error *err) {
  char *magic = next_line(r), *cmd = next_line(r);
  int st = magic && strcmp(magic, "limen-checkpoint 1") == 0 ? LIMEN_OK : corrupt(r, "not a limen checkpoint");
  if (!st && (!cmd || strncmp(cmd, "command ", 8) != 0)) st = corrupt(r, "expected 'command'");
  size_t n_in = 0, u[2] = {0, 0};
  if (!st) st = read_counts(r, "inputs", &n_in, 1);
  const char *in0 = r->p;
  for (size_t i = 0; !st && i < n_in; i++) {
    const char *nl = strchr(r->p, '\n');
    if (!nl || !strstr(r->p, " = ") || strstr(r->p, " = ") > nl) st = corrupt(r, "expected an input 'name = value'");
    else r->p = nl + 1, r->line++;
  }
  char *inputs = st ? NULL : malloc((size_t)(r->p - in0) + 1);
  if (!st && inputs) memcpy(inputs, in0, (size_t)(r->p - in0)), inputs[r->p - in0] = '\0';
  if (!st) st = limen_checkpoint_start(ck, cmd + 8, inputs ? inputs : "", 0, err);
  if (!st) st = read_counts(r, "units", u, 2);
  if (!st && u[1] > u[0]) st = corrupt(r, "more units done than the run has");
  ck->total = u[0];
  *done = u[1];
  free(inputs);
  free(magic);
  free(cmd);
  return st;
}

int limen_checkpoint_parse(const char *text, const char *where, limen_checkpoint *ck, limen_error *err) {
  if (!text || !ck) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_checkpoint_init(ck);
  reader r = {text, where ? where : "", 0, err};
  int st = check_sum(text, &r);
  size_t done = 0;
  if (!st) st = read_head(&r, ck, &done, err);
  for (size_t k = 0; !st && k < done; k++) st = read_unit(&r, ck, err);
  if (!st && strncmp(r.p, "sha256 ", 7) != 0) st = corrupt(&r, "unexpected text after the last unit");
  if (st) limen_checkpoint_clear(ck);
  return st;
}

/* ---- the file ------------------------------------------------------------------------------ */

int limen_checkpoint_write(const char *dir, const limen_checkpoint *ck, limen_error *err) {
  char *text = NULL;
  int st = limen_checkpoint_format(ck, &text, err);
  if (!st) st = limen_text_file_write(dir, LIMEN_CHECKPOINT_NAME, text, err);
  free(text);
  return st;
}

int limen_checkpoint_read(const char *dir, limen_checkpoint *ck, limen_error *err) {
  if (!dir || !ck) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_checkpoint_init(ck);
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, LIMEN_CHECKPOINT_NAME) >= (int)sizeof path)
    return limen_error_plain(err, LIMEN_EINVAL, "directory name too long: '%s'", dir);
  FILE *f = fopen(path, "r");
  if (!f)
    return limen_error_plain(err, errno == ENOENT ? LIMEN_ENOTFOUND : LIMEN_EIO, "no checkpoint in '%s' (%s: %s)", dir,
                             path, strerror(errno));
  fclose(f);
  char *text = NULL;
  size_t len = 0;
  int st = limen_read_text_file(path, &text, &len, err);
  if (!st && strlen(text) != len) st = limen_error_plain(err, LIMEN_EPARSE, "checkpoint '%s' is corrupt: a NUL byte", path);
  if (!st) st = limen_checkpoint_parse(text, path, ck, err);
  free(text);
  return st;
}
