/* SPDX-License-Identifier: GPL-3.0-or-later
 * json_rows.h (private): strict reading of the data files that are JSON arrays of flat
 * objects (models.json, profiles.json).  Every row must carry exactly the declared fields;
 * errors name the file, the row (index and name) and the field. */
#ifndef LIMEN_WORKLOAD_JSON_ROWS_H
#define LIMEN_WORKLOAD_JSON_ROWS_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "limen/common.h"

typedef enum {
  JR_POSITIVE,         /* finite number > 0                                       */
  JR_POSITIVE_OR_NULL, /* finite number > 0, or null (stored as NaN)              */
  JR_INT,              /* integer within [lo, hi] (stored as int)                 */
  JR_STRING,           /* non-empty string that fits the buffer                   */
  JR_STRING_OR_EMPTY,  /* string (may be empty) that fits the buffer              */
  JR_CUSTOM            /* checked by the caller (present, any type)               */
} jr_kind;

typedef struct jr_field {
  const char *key;
  jr_kind kind;
  size_t offset;  /* offset of the destination in the row struct             */
  size_t size;    /* buffer size for strings                                  */
  double lo, hi;  /* range for JR_INT                                          */
} jr_field;

/* Read `path` and parse it into a JSON array (caller cJSON_Delete's *root). */
int limen_jr_load_array(const char *path, cJSON **root, limen_error *err);

/* Fill `dst` from one object.  `row` is the 0-based index; the error message is
 * "<path>: row <row> (<name>): <field>: <why>". */
int limen_jr_read_row(const char *path, size_t row, const cJSON *obj, const jr_field *fields,
                size_t nfields, void *dst, limen_error *err);

/* The row's "name" for messages ("?" when missing or not a string). */
const char *limen_jr_row_name(const cJSON *obj);

#endif
