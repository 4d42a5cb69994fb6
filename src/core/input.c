/* SPDX-License-Identifier: GPL-3.0-or-later
 * input.c: lookup, range checks, defaults and access by name driven by a module's table of
 * inputs (input.h), so that no module repeats a range or a default in code. */
#include "limen/input.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

const limen_input *limen_input_find(const limen_input *table, size_t n, const char *name) {
  if (!table || !name) return NULL;
  for (size_t i = 0; i < n; i++)
    if (strcmp(table[i].name, name) == 0 || (table[i].alias && strcmp(table[i].alias, name) == 0))
      return &table[i];
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
  size_t used = 0;
  list[0] = '\0';
  for (size_t i = 0; i < n && used < sizeof list; i++) {
    int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", table[i].name);
    if (k < 0) break;
    used += (size_t)k;
  }
  return limen_error_set(err, LIMEN_ENOTFOUND, func, "%s '%s': unknown; allowed: %s", what, name ? name : "(null)",
                         list);
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
  const char *unset = !with_unset                                ? ""
                      : (in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE) ? "<= 0 (derived) or "
                      : (in->flags & LIMEN_INPUT_UNSET_ZERO)        ? "0 (derived) or "
                      : (in->flags & LIMEN_INPUT_UNSET_NAN)         ? "nan (derived) or "
                                                                    : "";
  snprintf(buf, n, "%s%s%s%s, %s%s", unset, whole ? "whole numbers in " : "", in->lo_open ? "(" : "[", a, b,
           in->hi_open ? ")" : "]");
}

int limen_input_in_range(const limen_input *in, double v) {
  if (!isfinite(v)) return 0;
  if (in->lo_open ? !(v > in->lo) : !(v >= in->lo)) return 0;
  if (in->hi_open ? !(v < in->hi) : !(v <= in->hi)) return 0;
  if ((in->type != LIMEN_INPUT_DOUBLE || (in->flags & LIMEN_INPUT_INTEGER)) && v != floor(v)) return 0;
  return 1;
}

int limen_input_check(const limen_input *in, double v, const char *func, limen_error *err) {
  if ((in->flags & LIMEN_INPUT_UNSET_NONPOSITIVE) && isfinite(v) && v <= 0) return LIMEN_OK;
  if ((in->flags & LIMEN_INPUT_UNSET_ZERO) && v == 0) return LIMEN_OK;
  if ((in->flags & LIMEN_INPUT_UNSET_NAN) && isnan(v)) return LIMEN_OK;
  int plain = !(in->flags & (LIMEN_INPUT_UNSET_NONPOSITIVE | LIMEN_INPUT_UNSET_ZERO | LIMEN_INPUT_UNSET_NAN |
                             LIMEN_INPUT_INTEGER)) &&
              in->type == LIMEN_INPUT_DOUBLE;
  /* the plain case keeps the library's one range message (limen_check_range) */
  if (plain) return limen_check_range(err, func, in->member, v, in->lo, in->lo_open, in->hi, in->hi_open);
  if (limen_input_in_range(in, v)) return LIMEN_OK;
  char r[160];
  limen_input_range_text(in, 1, r, sizeof r);
  return limen_error_set(err, LIMEN_EINVAL, func, "%s = %.10g: allowed range %s", in->member, v, r);
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
