/* SPDX-License-Identifier: GPL-3.0-or-later
 * input.c: lookup, range checks, defaults, access by name and the parsing of values given as
 * text, driven by a module's table of inputs (input.h), so that no module and no front end
 * repeats a range, a default or a number syntax in code.  JSON objects of inputs: input_json.c. */
#include "limen/input.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/input_internal.h"
#include "limen/units.h"

/* Names equal, a '-' in one matching a '_' in the other (the JSON key of "batch-tokens" is
 * "batch_tokens", and a --config file may use either). */
static int same_name(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (*a != *b && !((*a == '-' || *a == '_') && (*b == '-' || *b == '_'))) return 0;
  return *a == *b;
}

const limen_input *limen_input_find(const limen_input *table, size_t n, const char *name) {
  if (!table || !name) return NULL;
  for (size_t i = 0; i < n; i++)
    if (same_name(table[i].name, name) || (table[i].alias && same_name(table[i].alias, name))) return &table[i];
  return NULL;
}

int limen_input_lookup(const limen_input *table, size_t n, const char *func, const char *what, const char *name,
                       const limen_input **out, limen_error *err) {
  const limen_input *in = limen_input_find(table, n, name);
  if (in) {
    *out = in;
    return LIMEN_OK;
  }
  char list[1024];
  limen_input_names(table, n, list, sizeof list);
  char near[96];
  limen_suggest_note(name, list, near, sizeof near);
  int rc = limen_error_set(err, LIMEN_ENOTFOUND, func, "%s '%s': unknown%s; allowed: %s", what,
                           name ? name : "(null)", near, list);
  limen_error_set_fields(err, what, name, list);
  return rc;
}

static void fmt_end(char *buf, size_t n, double v) {
  if (isinf(v)) snprintf(buf, n, "%sinf", v < 0 ? "-" : "");
  else snprintf(buf, n, "%.10g", v);
}

void limen_input_range_text(const limen_input *in, int with_unset, char *buf, size_t n) {
  char a[40], b[40];
  fmt_end(a, sizeof a, in->lo);
  fmt_end(b, sizeof b, in->hi);
  int whole = in->type != LIMEN_INPUT_DOUBLE || (in->flags & LIMEN_INPUT_INTEGER);
  const char *kind = (in->flags & LIMEN_INPUT_COUNT) ? "integers " : whole ? "whole numbers in " : "";
  const char *unset = !with_unset                                ? ""
                      : (in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE) ? "<= 0 (derived) or "
                      : (in->flags & LIMEN_INPUT_UNSET_ZERO)        ? "0 (derived) or "
                      : (in->flags & LIMEN_INPUT_UNSET_NAN)         ? "nan (derived) or "
                                                                    : "";
  snprintf(buf, n, "%s%s%s%s, %s%s", unset, kind, in->lo_open ? "(" : "[", a, b, in->hi_open ? ")" : "]");
}

void limen_input_range_unit_text(const limen_input *in, char *buf, size_t n) {
  char r[160];
  limen_input_range_text(in, 0, r, sizeof r);
  snprintf(buf, n, "%s%s%s", r, in->unit ? " " : "", in->unit ? in->unit : "");
}

int limen_input_in_range(const limen_input *in, double v) {
  if (!isfinite(v)) return 0;
  if (in->lo_open ? !(v > in->lo) : !(v >= in->lo)) return 0;
  if (in->hi_open ? !(v < in->hi) : !(v <= in->hi)) return 0;
  if ((in->type != LIMEN_INPUT_DOUBLE || (in->flags & (LIMEN_INPUT_INTEGER | LIMEN_INPUT_COUNT))) && v != floor(v))
    return 0;
  return 1;
}

int limen_input_check(const limen_input *in, double v, const char *func, limen_error *err) {
  if ((in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE) && isfinite(v) && v <= 0) return LIMEN_OK;
  if ((in->flags & LIMEN_INPUT_UNSET_ZERO) && v == 0) return LIMEN_OK;
  if ((in->flags & LIMEN_INPUT_UNSET_NAN) && isnan(v)) return LIMEN_OK;
  if (limen_input_in_range(in, v)) return LIMEN_OK;
  /* named as the user gives it (the row's name, the range in its unit); the trace adds the
     function and the struct member */
  char r[200], x[64];
  limen_input_range_unit_text(in, r, sizeof r);
  snprintf(x, sizeof x, "%.10g", v);
  int rc = limen_input_fail(err, in->name, x, r, "%s: allowed range %s", x, r);
  if (err) {
    char head[160];
    snprintf(head, sizeof head, "%s: %s", func ? func : "limen", in->member ? in->member : in->name);
    limen_error_trace_prepend(err, head);
  }
  return rc;
}

int limen_input_check_within(const limen_input *in, double v, double lo, int lo_open, double hi, int hi_open,
                             const char *why, limen_error *err) {
  limen_input r = *in;
  r.lo = lo, r.lo_open = lo_open, r.hi = hi, r.hi_open = hi_open;
  if (limen_input_in_range(&r, v)) return LIMEN_OK;
  char range[200], x[64];
  limen_input_range_unit_text(&r, range, sizeof range);
  snprintf(x, sizeof x, "%.10g", v);
  int rc = limen_input_fail(err, in->name, x, range, "%s: allowed range %s%s%s%s", x, range, why ? " (" : "",
                            why ? why : "", why ? ")" : "");
  if (in->member) limen_error_trace_prepend(err, in->member); /* the trace names the struct member */
  return rc;
}

/* ---- values given by a user ----------------------------------------------------------------- */

int limen_input_fail(limen_error *err, const char *label, const char *value, const char *range, const char *fmt, ...) {
  char prefix[256];
  snprintf(prefix, sizeof prefix, "%s = ", label);
  va_list ap;
  va_start(ap, fmt);
  int rc = limen_error_setv(err, LIMEN_EINVAL, prefix, fmt, ap);
  va_end(ap);
  limen_error_set_fields(err, label, value, range);
  return rc;
}

int limen_input_check_as(const limen_input *in, const char *label, double v, limen_error *err) {
  if (limen_input_in_range(in, v)) return LIMEN_OK;
  char r[200], x[64];
  limen_input_range_unit_text(in, r, sizeof r);
  snprintf(x, sizeof x, "%.10g", v);
  return limen_input_fail(err, label, x, r, "%s: allowed range %s", x, r);
}

/* The unit written after a number: a duration's (rows in s), or the row's own unit; 0 and the
 * factor, or −1. */
static int unit_factor(const limen_input *in, const char *unit, double *factor, int *divide) {
  *factor = 1.0;
  *divide = 0;
  if (!*unit) return 0;
  if (in->unit && strcmp(in->unit, "s") == 0) return limen_time_unit(unit, factor, divide, NULL) == LIMEN_OK ? 0 : -1;
  return in->unit && strcmp(unit, in->unit) == 0 ? 0 : -1;
}

/* Strict number (units.h, limen_number_prefix: decimal, nothing around it), an optional unit
 * (a duration's for rows in s, else the row's own), finite, no overflow or underflow; then the
 * range. */
int limen_input_parse_as(const limen_input *in, const char *label, const char *text, double *value,
                         limen_error *err) {
  char r[200];
  limen_input_range_unit_text(in, r, sizeof r);
  if (!text || !*text) return limen_input_fail(err, label, "", r, "'': empty value; allowed range %s", r);
  size_t n = limen_number_prefix(text);
  double factor = 1.0;
  int divide = 0, timed = in->unit && strcmp(in->unit, "s") == 0;
  if (n == 0) return limen_input_fail(err, label, text, r, "'%s': not a number; allowed range %s", text, r);
  if (unit_factor(in, text + n, &factor, &divide)) {
    if (limen_input_cell_time(in, text))
      return limen_input_fail(err, label, text, r, "'%s': a duration in tau0 needs the cell's tau0, which is not "
                              "given here: give it in s or with a time unit (%s); allowed range %s", text,
                              limen_time_unit_names(), r);
    if (timed)
      return limen_input_fail(err, label, text, r, "'%s': unknown unit '%s' (a duration takes %s); allowed range %s",
                              text, text + n, limen_time_unit_names(), r);
    if (limen_input_energy_unit(in, text))
      return limen_input_fail(err, label, text, r, "'%s': an energy in %s needs the temperature here: give it in kT; "
                              "allowed range %s", text, text + n, r);
    return limen_input_fail(err, label, text, r, "'%s': not a number; allowed range %s", text, r);
  }
  char *end = NULL;
  errno = 0;
  double x = strtod(text, &end);
  if (end != text + n) return limen_input_fail(err, label, text, r, "'%s': not a number; allowed range %s", text, r);
  if (errno == ERANGE)
    return limen_input_fail(err, label, text, r, "'%s': %s a double; allowed range %s", text,
                            fabs(x) > 1.0 ? "overflows" : "underflows", r);
  x = divide ? x / factor : x * factor;
  if (!isfinite(x)) return limen_input_fail(err, label, text, r, "'%s': overflows a double; allowed range %s", text, r);
  if (!limen_input_in_range(in, x)) return limen_input_fail(err, label, text, r, "'%s': allowed range %s", text, r);
  *value = x;
  return LIMEN_OK;
}

/* The energy unit after text's number (NULL when text has no number); *u set when it is one. */
static const char *energy_suffix(const char *text, limen_energy_unit *u) {
  size_t n = limen_number_prefix(text);
  if (!n) return NULL;
  return limen_energy_unit_parse(text + n, u, NULL) == LIMEN_OK ? text + n : NULL;
}

int limen_input_energy_unit(const limen_input *in, const char *text) {
  limen_energy_unit u;
  return in && text && in->unit && strcmp(in->unit, "kT") == 0 && energy_suffix(text, &u) && u != LIMEN_UNIT_KT;
}

int limen_input_parse_energy(const limen_input *in, const char *label, const char *text, double temperature_K,
                             double *value, limen_error *err) {
  if (!limen_input_energy_unit(in, text)) return limen_input_parse_as(in, label, text, value, err);
  char r[200];
  limen_input_range_unit_text(in, r, sizeof r);
  limen_energy_unit u = LIMEN_UNIT_J;
  const char *unit = energy_suffix(text, &u);
  char num[64];
  snprintf(num, sizeof num, "%.*s", (int)(unit - text), text);
  errno = 0;
  double x = strtod(num, NULL);
  double per_unit_J = 1.0 / limen_energy_convert(1.0, u, temperature_K); /* J in one of `unit` */
  double kT = x * per_unit_J / limen_kT(temperature_K);
  if (errno == ERANGE || !isfinite(kT) || (x != 0.0 && kT == 0.0) || !(temperature_K > 0.0))
    return limen_input_fail(err, label, text, r, "'%s': not representable in kT at %g K; allowed range %s", text,
                            temperature_K, r);
  if (!limen_input_in_range(in, kT))
    return limen_input_fail(err, label, text, r, "'%s' (= %.6g kT at %g K): allowed range %s", text, kT,
                            temperature_K, r);
  *value = kT;
  return LIMEN_OK;
}

int limen_input_cell_time(const limen_input *in, const char *text) {
  size_t n = text ? limen_number_prefix(text) : 0;
  return in && n && in->unit && strcmp(in->unit, "s") == 0 && strcmp(text + n, "tau0") == 0;
}

int limen_input_parse_cell_time(const limen_input *in, const char *label, const char *text, double tau0_s,
                                double *value, limen_error *err) {
  if (!limen_input_cell_time(in, text)) return limen_input_parse_as(in, label, text, value, err);
  char r[200];
  limen_input_range_unit_text(in, r, sizeof r);
  char *end = NULL;
  errno = 0;
  double x = strtod(text, &end), s = x * tau0_s;
  if (errno == ERANGE || !isfinite(s) || (x != 0.0 && s == 0.0) || !(tau0_s > 0.0) || strcmp(end, "tau0") != 0)
    return limen_input_fail(err, label, text, r, "'%s': not representable in s at tau0 = %g s; allowed range %s", text,
                            tau0_s, r);
  if (!limen_input_in_range(in, s))
    return limen_input_fail(err, label, text, r, "'%s' (= %.6g s at tau0 = %g s): allowed range %s", text, s, tau0_s, r);
  *value = s;
  return LIMEN_OK;
}

int limen_input_parse(const limen_input *in, const char *text, double *value, limen_error *err) {
  return limen_input_parse_as(in, in->name, text, value, err);
}

int limen_input_check_given(const limen_input *in, double v, limen_error *err) {
  return limen_input_check_as(in, in->name, v, err);
}

/* The row of `name`, or LIMEN_ENOTFOUND naming the allowed inputs (no function prefix). */
static int find_named(const limen_input *table, size_t n, const char *name, const limen_input **out,
                      limen_error *err) {
  *out = limen_input_find(table, n, name);
  if (*out) return LIMEN_OK;
  char list[1024];
  limen_input_names(table, n, list, sizeof list);
  int rc = limen_error_plain(err, LIMEN_ENOTFOUND, "unknown input '%s': allowed inputs %s",
                                  name ? name : "(null)", list);
  limen_error_set_fields(err, "input", name, list);
  return rc;
}

int limen_inputs_set_text(const limen_input *table, size_t n, void *obj, const char *name, const char *text,
                          limen_error *err) {
  const limen_input *in = NULL;
  double v = 0.0;
  int rc = find_named(table, n, name, &in, err);
  if (rc == LIMEN_OK) rc = limen_input_parse_as(in, name, text, &v, err);
  if (rc == LIMEN_OK) limen_input_set(in, obj, v);
  return rc;
}

int limen_inputs_set_value(const limen_input *table, size_t n, void *obj, const char *name, double v,
                           limen_error *err) {
  const limen_input *in = NULL;
  int rc = find_named(table, n, name, &in, err);
  if (rc == LIMEN_OK) rc = limen_input_check_as(in, name, v, err);
  if (rc == LIMEN_OK) limen_input_set(in, obj, v);
  return rc;
}

void limen_input_names(const limen_input *table, size_t n, char *buf, size_t cap) {
  size_t used = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && used < cap; i++) {
    int k = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", table[i].name);
    if (k < 0) break;
    used += (size_t)k;
  }
}

double limen_input_get(const limen_input *in, const void *obj) {
  const char *p = (const char *)obj + in->offset;
  if (in->type == LIMEN_INPUT_INT) return (double)*(const int *)(const void *)p;
  if (in->type == LIMEN_INPUT_UINT64) return (double)*(const uint64_t *)(const void *)p;
  if (in->type == LIMEN_INPUT_SIZE) {
    size_t z = *(const size_t *)(const void *)p;
    return z == SIZE_MAX && (in->flags & LIMEN_INPUT_UNSET_NAN) ? NAN : (double)z;
  }
  return *(const double *)(const void *)p;
}

int limen_input_is_derived(const limen_input *in, double v) {
  if ((in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE) && v <= 0) return 1;
  if ((in->flags & LIMEN_INPUT_UNSET_ZERO) && v == 0) return 1;
  return (in->flags & LIMEN_INPUT_UNSET_NAN) && isnan(v);
}

void limen_input_json_key(const limen_input *in, char *buf, size_t n) {
  if (!n) return;
  size_t i = 0;
  for (; in->name[i] && i + 1 < n; i++) buf[i] = in->name[i] == '-' ? '_' : in->name[i];
  buf[i] = '\0';
}

void limen_input_set(const limen_input *in, void *obj, double v) {
  char *p = (char *)obj + in->offset;
  if (in->type == LIMEN_INPUT_INT) {
    /* saturate instead of overflowing the conversion */
    double r = isnan(v) ? 0.0 : floor(v + 0.5);
    if (r > 2147483647.0) r = 2147483647.0;
    if (r < -2147483648.0) r = -2147483648.0;
    *(int *)(void *)p = (int)r;
  } else if (in->type == LIMEN_INPUT_SIZE || in->type == LIMEN_INPUT_UINT64) {
    /* NAN: SIZE_MAX (unset); negative values saturate at 0, large ones at the type's maximum */
    double r = isnan(v) ? HUGE_VAL : v < 0 ? 0.0 : floor(v + 0.5);
    if (in->type == LIMEN_INPUT_SIZE) *(size_t *)(void *)p = r >= (double)SIZE_MAX ? SIZE_MAX : (size_t)r;
    else *(uint64_t *)(void *)p = r >= (double)UINT64_MAX ? UINT64_MAX : (uint64_t)r;
  } else {
    *(double *)(void *)p = v;
  }
}

void limen_inputs_defaults(const limen_input *table, size_t n, void *obj) {
  for (size_t i = 0; i < n; i++) limen_input_set(&table[i], obj, table[i].default_value);
}

int limen_inputs_check(const limen_input *table, size_t n, const void *obj, const char *func, limen_error *err) {
  for (size_t i = 0; i < n; i++) {
    int st = limen_input_check(&table[i], limen_input_get(&table[i], obj), func, err);
    if (st) return st;
  }
  return LIMEN_OK;
}
