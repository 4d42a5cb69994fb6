/* SPDX-License-Identifier: GPL-3.0-or-later
 * report.h: limen's results as text for machines — JSON and CSV — made by the library, so
 * that the command-line tool, the Python package and a user's own program get the same keys,
 * the same columns and the same digits.  Every number is written with 10 significant digits
 * (limen_format_number); a quantity that does not apply is JSON null and an empty CSV field,
 * never 0.  Keys are snake_case.
 *
 * A result struct is described once, by a field table (limen_field: key, kind, offset, unit,
 * a condition, a line of doc); the writers below and the tool's tables follow those tables.
 * The text functions return a string the caller frees with limen_free. */
#ifndef LIMEN_REPORT_H
#define LIMEN_REPORT_H

#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of member a field table describes. */
typedef enum {
  LIMEN_FIELD_DOUBLE, /* double: 10 significant digits; JSON null / CSV empty when not finite */
  LIMEN_FIELD_SIZE,   /* size_t, written exactly                                             */
  LIMEN_FIELD_LONG,   /* long, written exactly                                               */
  LIMEN_FIELD_INT,    /* int, written exactly                                                */
  LIMEN_FIELD_BOOL,   /* int, written as true / false                                        */
  LIMEN_FIELD_STRING, /* const char * (NULL: JSON null, CSV empty)                           */
  LIMEN_FIELD_CHARS   /* a char array member                                                 */
} limen_field_kind;

/* One output field of a result struct. */
typedef struct limen_field {
  const char *key;        /* JSON key and CSV column (snake_case)                           */
  limen_field_kind kind;
  size_t offset;          /* offsetof(struct, member)                                       */
  const char *unit;       /* "J", "kT", "s", "tau0", …; NULL when dimensionless or text      */
  unsigned when;          /* 0: always written; else only when every bit is in `has`        */
  const char *doc;        /* one line                                                       */
} limen_field;

#define LIMEN_FIELD_OF(type, member, kind, unit, when, doc) \
  {#member, kind, offsetof(type, member), unit, when, doc}

/* "%.10g", "0" for zero, or nan / inf / -inf spelled out; returns buf. */
LIMEN_API const char *limen_format_number(char *buf, size_t n, double v);

/* Frees a string (or any buffer) that limen returned to the caller. */
LIMEN_API void limen_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
