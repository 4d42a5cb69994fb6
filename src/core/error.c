/* SPDX-License-Identifier: GPL-3.0-or-later
 * error.c: the error trace (one setter, one wrapper that prepends the caller's context),
 * range checks with standard messages, status names, version, precision defaults. */
#include "limen/common.h"

#include <gsl/gsl_errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/input_internal.h"

void limen_error_clear(limen_error *err) {
  if (!err) return;
  err->code = LIMEN_OK;
  err->msg[0] = '\0';
  err->trace[0] = '\0';
  limen_error_set_fields(err, NULL, NULL, NULL);
}

/* Copy src into dst (capacity cap), truncated, NUL-terminated; NULL gives "". */
static void copy_text(char *dst, size_t cap, const char *src) {
  size_t len = src ? strlen(src) : 0;
  if (len > cap - 1) len = cap - 1;
  if (len) memcpy(dst, src, len);
  dst[len] = '\0';
}

void limen_error_set_fields(limen_error *err, const char *field, const char *value, const char *range) {
  if (!err) return;
  copy_text(err->field, sizeof err->field, field);
  copy_text(err->value, sizeof err->value, value);
  copy_text(err->range, sizeof err->range, range);
}

int limen_error_setv(limen_error *err, int code, const char *prefix, const char *fmt,
                     va_list ap) {
  if (!err) return code;
  err->code = code;
  limen_error_set_fields(err, NULL, NULL, NULL);
  int n = snprintf(err->msg, sizeof err->msg, "%s", prefix ? prefix : "");
  if (n >= 0 && (size_t)n < sizeof err->msg) vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
  memcpy(err->trace, err->msg, sizeof err->trace);
  return code;
}

int limen_error_plain(limen_error *err, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int rc = limen_error_setv(err, code, NULL, fmt, ap);
  va_end(ap);
  return rc;
}

/* Append src to buf (capacity cap, NUL kept), truncating. */
static void append(char *buf, size_t cap, size_t *at, const char *src) {
  size_t len = strlen(src);
  if (*at + len > cap - 1) len = cap - 1 - *at;
  memcpy(buf + *at, src, len);
  *at += len;
  buf[*at] = '\0';
}

/* text = "<head><sep><text>", sep ": " when both are non-empty. */
static void prepend(char *text, size_t cap, const char *head) {
  char old[LIMEN_ERROR_MSG_MAX];
  snprintf(old, sizeof old, "%s", text);
  size_t at = 0;
  text[0] = '\0';
  append(text, cap, &at, head);
  if (old[0] && head[0]) append(text, cap, &at, ": ");
  append(text, cap, &at, old);
}

/* A function name: a C identifier with an underscore (limen_project, hop_apply), as opposed to
 * context words ("workload", "paradigm 'cim-static'", "--out"). */
static int is_function_name(const char *s) {
  int underscore = 0;
  if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) return 0;
  for (; *s; s++) {
    if (*s == '_') underscore = 1;
    else if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'))) return 0;
  }
  return underscore;
}

/* The context a message shows for func: none for function names (they go to the trace only):
 * a user reads about inputs and quantities, not about the functions that checked them. */
static const char *shown(const char *func) {
  if (!func) return "limen";
  return is_function_name(func) ? NULL : func;
}

int limen_error_set(limen_error *err, int code, const char *func, const char *fmt, ...) {
  char prefix[LIMEN_ERROR_MSG_MAX] = "";
  if (shown(func)) snprintf(prefix, sizeof prefix, "%s: ", shown(func));
  va_list ap;
  va_start(ap, fmt);
  int rc = limen_error_setv(err, code, prefix, fmt, ap);
  va_end(ap);
  if (err && func && !shown(func)) prepend(err->trace, sizeof err->trace, func); /* the trace names it */
  return rc;
}

void limen_error_trace_prepend(limen_error *err, const char *head) {
  if (err) prepend(err->trace, sizeof err->trace, head);
}

int limen_error_wrap(limen_error *err, int fallback, const char *func, const char *fmt, ...) {
  if (!err) return fallback;
  if (err->code == LIMEN_OK) err->code = fallback;
  char words[LIMEN_ERROR_MSG_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(words, sizeof words, fmt, ap);
  va_end(ap);
  /* a message about one input that starts with its name stays so (a front end puts its spelling
     before it); the context goes to the trace */
  size_t nf = strlen(err->field);
  const int about_input = nf && !strchr(err->field, '_') && strncmp(err->msg, err->field, nf) == 0 &&
                          (err->msg[nf] == ' ' || err->msg[nf] == ':'); /* an input's name, not a member's */
  if (!about_input) prepend(err->msg, sizeof err->msg, words);
  prepend(err->trace, sizeof err->trace, words);
  if (shown(func) && !about_input) prepend(err->msg, sizeof err->msg, shown(func));
  if (func) prepend(err->trace, sizeof err->trace, func);
  return err->code;
}

const char *limen_strstatus(int code) {
  switch (code) {
    case LIMEN_OK: return "success";
    case LIMEN_EINVAL: return "invalid input";
    case LIMEN_ENOTFOUND: return "unknown name";
    case LIMEN_EPARSE: return "malformed input";
    case LIMEN_EIO: return "input/output error";
    case LIMEN_ENOMEM: return "out of memory";
    case LIMEN_ENUMERIC: return "numerical failure";
    case LIMEN_ERANGE: return "result out of range";
    case LIMEN_EINTERNAL: return "internal error";
    case LIMEN_EINTERRUPTED: return "interrupted";
    default: return "unknown status";
  }
}

static void fmt_bound(char *buf, size_t n, double v) {
  if (isinf(v)) snprintf(buf, n, "%sinf", v < 0 ? "-" : "");
  else snprintf(buf, n, "%.10g", v);
}

int limen_check_range(limen_error *err, const char *func, const char *field, double value,
                      double lo, int lo_open, double hi, int hi_open) {
  int ok = isfinite(value) && (lo_open ? value > lo : value >= lo) &&
           (hi_open ? value < hi : value <= hi);
  if (ok) return LIMEN_OK;
  char a[64], b[64], v[64], r[LIMEN_ERROR_RANGE_MAX];
  fmt_bound(a, sizeof a, lo);
  fmt_bound(b, sizeof b, hi);
  snprintf(v, sizeof v, "%.10g", value);
  snprintf(r, sizeof r, "%s%s, %s%s", lo_open ? "(" : "[", a, b, hi_open ? ")" : "]");
  int rc = limen_error_set(err, LIMEN_EINVAL, func, "%s = %s: allowed range %s", field, v, r);
  limen_error_set_fields(err, field, v, r);
  return rc;
}

int limen_check_positive(limen_error *err, const char *func, const char *field, double value) {
  return limen_check_range(err, func, field, value, 0.0, 1, HUGE_VAL, 1);
}

const char *limen_version(void) { return LIMEN_VERSION_STRING; }

static void gsl_quiet_once(void) { gsl_set_error_handler_off(); }
/* Once per process (callers run on many threads: a sweep's points, the Langevin engine). */
void limen_gsl_quiet(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, gsl_quiet_once);
}

limen_precision limen_precision_default(void) {
  limen_precision p;
  p.quad_epsabs = 1e-13;
  p.quad_epsrel = 1e-10;
  p.quad_limit = 2000;
  p.root_epsrel = 1e-12;
  p.root_max_iter = 200;
  p.kramers_min_barrier_kT = 5.0;
  p.quad_tail_kT = 250.0;
  p.quad_round_slack = 1e3;
  p.eq_sample_cells = 8192;
  p.eq_sample_cut_kT = 40.0;
  p.support_scan_points = 4001;
  p.support_time_samples = 64;
  return p;
}

int limen_error_input(limen_error *err, int code, const char *field, const char *value, const char *range,
                      const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int st = limen_error_setv(err, code, NULL, fmt, ap);
  va_end(ap);
  limen_error_set_fields(err, field, value, range);
  return st;
}
