/* SPDX-License-Identifier: GPL-3.0-or-later
 * bound_json.c: the report of one elementary memory operation (bound_report.h) as JSON
 * (report.h) — kind, description, the inputs under "inputs", the results, method and validity —
 * as `limen bound --format json` prints it (the golden files tests/golden/bound_*.json). */
#include "limen/report.h"
#include "report/record.h"

static int add_row(cJSON *root, cJSON *inputs, const limen_report_row *row) {
  cJSON *dst = row->input ? inputs : root;
  cJSON *it = row->text ? cJSON_AddStringToObject(dst, row->key, row->text) : limen_json_num(dst, row->key, row->value);
  return it ? LIMEN_OK : LIMEN_ENOMEM;
}

int limen_bound_report_json(const limen_bound_report *r, char **text, limen_error *err) {
  if (!r || !r->kind || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  cJSON *root = cJSON_CreateObject(), *inputs = cJSON_CreateObject();
  int ok = root && inputs && cJSON_AddStringToObject(root, "bound", r->kind->name) &&
           cJSON_AddStringToObject(root, "description", r->kind->title);
  if (!ok || !cJSON_AddItemToObject(root, "inputs", inputs)) { /* inputs not attached: freed alone */
    cJSON_Delete(inputs);
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  }
  int st = LIMEN_OK;
  for (size_t i = 0; !st && i < r->n_rows; i++) st = add_row(root, inputs, &r->rows[i]);
  if (!st && !(cJSON_AddStringToObject(root, "method", r->method) &&
               cJSON_AddStringToObject(root, "validity", r->validity)))
    st = LIMEN_ENOMEM;
  if (!st) st = limen_json_text(root, text, err);
  else limen_error_set(err, st, __func__, "out of memory");
  cJSON_Delete(root);
  return st;
}
