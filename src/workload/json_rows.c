/* SPDX-License-Identifier: GPL-3.0-or-later
 * json_rows.c: strict reading of data files made of a JSON array of flat objects. */
#include "workload/json_rows.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/datafile.h"

const char *limen_jr_row_name(const cJSON *obj) {
  const cJSON *n = cJSON_GetObjectItemCaseSensitive(obj, "name");
  return (cJSON_IsString(n) && n->valuestring) ? n->valuestring : "?";
}

int limen_jr_load_array(const char *path, cJSON **root, limen_error *err) {
  char *text = NULL;
  size_t len = 0;
  *root = NULL;
  int rc = limen_read_text_file(path, &text, &len, err);
  if (rc != LIMEN_OK) return rc;
  const char *end = NULL;
  cJSON *doc = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1); /* + the NUL */
  if (!doc) {
    size_t at = (end && end >= text) ? (size_t)(end - text) : 0;
    size_t line = 1;
    for (size_t i = 0; i < at && i < len; i++)
      if (text[i] == '\n') line++;
    free(text);
    return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: malformed JSON near line %zu", path,
                           line);
  }
  free(text);
  if (!cJSON_IsArray(doc)) {
    cJSON_Delete(doc);
    return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: top level must be an array of rows",
                           path);
  }
  *root = doc;
  return LIMEN_OK;
}

static const jr_field *find_field(const jr_field *f, size_t n, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(f[i].key, key) == 0) return &f[i];
  return NULL;
}

int limen_jr_read_row(const char *path, size_t row, const cJSON *obj, const jr_field *fields,
                size_t nfields, void *dst, limen_error *err) {
  const char *name = limen_jr_row_name(obj);
  if (!cJSON_IsObject(obj))
    return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: row %zu: must be an object", path, row);
  /* unknown fields */
  for (const cJSON *it = obj->child; it; it = it->next) {
    if (!it->string || !find_field(fields, nfields, it->string))
      return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: row %zu (%s): %s: unknown field",
                             path, row, name, it->string ? it->string : "?");
  }
  char *base = (char *)dst;
  for (size_t i = 0; i < nfields; i++) {
    const jr_field *f = &fields[i];
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, f->key);
    if (!v)
      return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: row %zu (%s): %s: missing field",
                             path, row, name, f->key);
    switch (f->kind) {
      case JR_POSITIVE_OR_NULL:
        if (cJSON_IsNull(v)) {
          *(double *)(void *)(base + f->offset) = NAN;
          break;
        }
        /* fall through */
      case JR_POSITIVE: {
        if (!cJSON_IsNumber(v))
          return limen_error_set(err, LIMEN_EPARSE, __func__,
                                 "%s: row %zu (%s): %s: must be a number%s", path, row, name,
                                 f->key, f->kind == JR_POSITIVE_OR_NULL ? " or null" : "");
        double x = v->valuedouble;
        if (!isfinite(x) || !(x > 0))
          return limen_error_set(err, LIMEN_EPARSE, __func__,
                                 "%s: row %zu (%s): %s = %g: must be a finite number > 0", path,
                                 row, name, f->key, x);
        *(double *)(void *)(base + f->offset) = x;
        break;
      }
      case JR_INT: {
        double x = cJSON_IsNumber(v) ? v->valuedouble : NAN;
        if (!cJSON_IsNumber(v) || !isfinite(x) || x != floor(x) || x < f->lo || x > f->hi)
          return limen_error_set(err, LIMEN_EPARSE, __func__,
                                 "%s: row %zu (%s): %s: must be an integer in [%g, %g]", path,
                                 row, name, f->key, f->lo, f->hi);
        *(int *)(void *)(base + f->offset) = (int)x;
        break;
      }
      case JR_STRING:
      case JR_STRING_OR_EMPTY: {
        if (!cJSON_IsString(v) || !v->valuestring)
          return limen_error_set(err, LIMEN_EPARSE, __func__,
                                 "%s: row %zu (%s): %s: must be a string", path, row, name, f->key);
        size_t n = strlen(v->valuestring);
        if (f->kind == JR_STRING && n == 0)
          return limen_error_set(err, LIMEN_EPARSE, __func__,
                                 "%s: row %zu (%s): %s: must not be empty", path, row, name, f->key);
        if (n + 1 > f->size)
          return limen_error_set(err, LIMEN_EPARSE, __func__,
                                 "%s: row %zu (%s): %s: longer than %zu characters", path, row,
                                 name, f->key, f->size - 1);
        memcpy(base + f->offset, v->valuestring, n + 1);
        break;
      }
      case JR_CUSTOM:
        break;
    }
  }
  return LIMEN_OK;
}
