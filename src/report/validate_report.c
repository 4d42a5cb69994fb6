/* SPDX-License-Identifier: GPL-3.0-or-later
 * validate_report.c: the report of the simulator's reference checks as JSON (report.h) — the
 * run's summary and one object per check row from the row's field table — as `limen validate
 * --format json` prints it. */
#include <string.h>

#include "limen/report.h"
#include "report/record.h"

#define F(key, member, kind) {key, LIMEN_FIELD_##kind, offsetof(limen_validate_row, member), NULL, 0, NULL}
static const limen_field k_row_fields[] = {
    F("name", name, CHARS), F("relation", relation, INT), F("expected", expected, DOUBLE),
    F("measured", measured, DOUBLE), F("tolerance", tolerance, DOUBLE), F("stderr", stderr_, DOUBLE),
    F("z", z, DOUBLE), F("pass", pass, BOOL), F("note", note, CHARS),
};
#undef F
#define N_ROW_FIELDS (sizeof k_row_fields / sizeof k_row_fields[0])
enum { ROW_RELATION = 1 }; /* written as its text (limen_check_relation_text) */

const limen_field *limen_validate_row_fields(size_t *n) {
  if (n) *n = N_ROW_FIELDS;
  return k_row_fields;
}

const char *limen_check_relation_text(limen_check_relation r) {
  return r == LIMEN_CHECK_EQUAL ? "=" : (r == LIMEN_CHECK_AT_LEAST ? ">=" : ">");
}

static int add_row(cJSON *arr, const limen_validate_row *r) {
  cJSON *x = cJSON_CreateObject();
  if (!x || !cJSON_AddItemToArray(arr, x)) return cJSON_Delete(x), LIMEN_ENOMEM;
  int st = limen_json_fields(x, r, k_row_fields, ROW_RELATION, 0);
  if (!st && !cJSON_AddStringToObject(x, "relation", limen_check_relation_text(r->relation))) st = LIMEN_ENOMEM;
  if (!st) st = limen_json_fields(x, r, k_row_fields + ROW_RELATION + 1, N_ROW_FIELDS - ROW_RELATION - 1, 0);
  return st;
}

static int summary(cJSON *root, const limen_validate_report *rep, const limen_validate_options *o) {
  int ok = limen_json_num(root, "scale", o->scale) && limen_json_num(root, "seed", (double)o->seed) &&
           limen_json_num(root, "seconds", rep->seconds) &&
           cJSON_AddNumberToObject(root, "rows", (double)rep->n_rows) &&
           cJSON_AddNumberToObject(root, "failed", (double)rep->n_failed) &&
           cJSON_AddBoolToObject(root, "pass", rep->n_failed == 0);
  return ok ? LIMEN_OK : LIMEN_ENOMEM;
}

int limen_validate_report_json(const limen_validate_report *rep, const limen_validate_options *o, char **text,
                               limen_error *err) {
  if (!rep || !o || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = root ? cJSON_AddArrayToObject(root, "checks") : NULL;
  int st = arr ? summary(root, rep, o) : LIMEN_ENOMEM;
  for (size_t i = 0; !st && i < rep->n_rows; i++) st = add_row(arr, &rep->rows[i]);
  if (!st) st = limen_json_text(root, text, err);
  else limen_error_set(err, st, __func__, "out of memory");
  cJSON_Delete(root);
  return st;
}
