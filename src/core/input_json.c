/* SPDX-License-Identifier: GPL-3.0-or-later
 * input_json.c: JSON objects of inputs (input.h) read strictly against a table of inputs:
 * malformed text located by line and column, nothing after the value, an object at the top,
 * no key twice, numbers checked against their rows.  Shared by every front end (the tool's
 * --config files, language bindings) so that all refuse the same files with the same words. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/input_internal.h"
#include "limen/input.h"

static const char *json_type_name(const cJSON *v) {
  if (cJSON_IsNumber(v)) return "a number";
  if (cJSON_IsString(v)) return "a string";
  if (cJSON_IsBool(v)) return "a boolean";
  if (cJSON_IsNull(v)) return "null";
  if (cJSON_IsArray(v)) return "an array";
  if (cJSON_IsObject(v)) return "an object";
  return "invalid";
}

/* Line and column of position `at` in text (1-based). */
static void line_col(const char *text, const char *at, int *line, int *col) {
  *line = 1;
  *col = 1;
  for (const char *p = text; p < at && *p; p++) {
    if (*p == '\n') {
      (*line)++;
      *col = 1;
    } else {
      (*col)++;
    }
  }
}

/* The document's root; NULL with err set when the text is not one JSON value. */
static cJSON *parse_document(const char *text, limen_error *err) {
  size_t len = strlen(text);
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
  int line = 0, col = 0;
  if (!root) {
    if (end && end >= text && end <= text + len) line_col(text, end, &line, &col);
    if (line) limen_error_plain(err, LIMEN_EPARSE, "malformed JSON at line %d, column %d", line, col);
    else limen_error_plain(err, LIMEN_EPARSE, "malformed JSON");
    return NULL;
  }
  while (end && *end && strchr(" \t\r\n", *end)) end++;
  if (end && *end) {
    line_col(text, end, &line, &col);
    cJSON_Delete(root);
    limen_error_plain(err, LIMEN_EPARSE, "text after the JSON value at line %d, column %d", line, col);
    return NULL;
  }
  return root;
}

/* The value of a row's member: a number (finite, in range) or a string parsed as a number. */
static int member_number(const limen_input *in, const char *key, const cJSON *v, double *out, limen_error *err) {
  if (cJSON_IsString(v)) return limen_input_parse_as(in, key, v->valuestring, out, err);
  char r[200];
  limen_input_range_unit_text(in, r, sizeof r);
  if (!cJSON_IsNumber(v))
    return limen_input_fail(err, key, json_type_name(v), r, "%s: expected a number in %s", json_type_name(v), r);
  if (!isfinite(v->valuedouble))
    return limen_input_fail(err, key, "overflows a double", r, "overflows a double; allowed range %s", r);
  int rc = limen_input_check_as(in, key, v->valuedouble, err);
  if (rc == LIMEN_OK) *out = v->valuedouble;
  return rc;
}

/* Hand one member to fn: a row's checked number, or any other value as compact JSON text. */
static int visit(const limen_input *table, size_t n, const cJSON *v, limen_inputs_json_fn fn, void *ctx,
                 limen_error *err) {
  const limen_input *in = limen_input_find(table, n, v->string);
  if (in && cJSON_IsString(v) && (limen_input_energy_unit(in, v->valuestring) || limen_input_cell_time(in, v->valuestring)))
    return fn(ctx, v->string, in, 0.0, v->valuestring, err); /* its unit needs another input */
  if (in) {
    double x = 0.0;
    int rc = member_number(in, v->string, v, &x, err);
    return rc ? rc : fn(ctx, v->string, in, x, NULL, err);
  }
  char *json = cJSON_PrintUnformatted(v);
  if (!json) return limen_error_plain(err, LIMEN_ENOMEM, "key '%s': out of memory", v->string);
  int rc = fn(ctx, v->string, NULL, 0.0, json, err);
  cJSON_free(json);
  return rc;
}

int limen_inputs_json_each(const limen_input *table, size_t n, const char *json_text, limen_inputs_json_fn fn,
                           void *ctx, limen_error *err) {
  if (!json_text || !fn) return limen_error_set(err, LIMEN_EINVAL, __func__, "text or callback is NULL");
  cJSON *root = parse_document(json_text, err);
  if (!root) return err ? err->code : LIMEN_EPARSE;
  int rc = LIMEN_OK;
  if (!cJSON_IsObject(root))
    rc = limen_error_plain(err, LIMEN_EPARSE, "the top level is %s: expected a JSON object of options",
                                json_type_name(root));
  for (const cJSON *v = rc ? NULL : root->child; v && !rc; v = v->next) {
    for (const cJSON *w = root->child; w != v && !rc; w = w->next)
      if (strcmp(w->string, v->string) == 0)
        rc = limen_error_plain(err, LIMEN_EPARSE, "key '%s' appears twice", v->string);
    if (!rc) rc = visit(table, n, v, fn, ctx, err);
  }
  cJSON_Delete(root);
  return rc;
}

/* limen_inputs_from_json: values collected first, written only when the whole object is good. */
typedef struct loaded {
  const limen_input *table;
  size_t n;
  double *value;
  unsigned char *given;
} loaded;

static int load_member(void *vctx, const char *key, const limen_input *in, double value, const char *json,
                       limen_error *err) {
  loaded *l = vctx;
  if (!in) {
    char keys[2048];
    limen_input_names(l->table, l->n, keys, sizeof keys);
    int rc = limen_error_plain(err, LIMEN_EINVAL, "unknown key '%s': allowed keys %s", key, keys);
    limen_error_set_fields(err, "key", key, keys);
    return rc;
  }
  double unused = 0.0;
  if (json) return limen_input_parse_as(in, key, json, &unused, err); /* refused: its unit needs another input */
  size_t i = (size_t)(in - l->table);
  if (l->given[i])
    return limen_error_plain(err, LIMEN_EPARSE, "key '%s' sets input '%s' a second time", key, in->name);
  l->given[i] = 1;
  l->value[i] = value;
  return LIMEN_OK;
}

int limen_inputs_from_json(const limen_input *table, size_t n, void *obj, const char *json_text,
                           limen_error *err) {
  loaded l = {table, n, calloc(n ? n : 1, sizeof(double)), calloc(n ? n : 1, 1)};
  int rc = l.value && l.given ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  if (rc == LIMEN_OK) rc = limen_inputs_json_each(table, n, json_text, load_member, &l, err);
  for (size_t i = 0; rc == LIMEN_OK && i < n; i++)
    if (l.given[i]) limen_input_set(&table[i], obj, l.value[i]);
  free(l.value);
  free(l.given);
  return rc;
}
