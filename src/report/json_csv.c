/* SPDX-License-Identifier: GPL-3.0-or-later
 * json_csv.c: the CSV of a command whose result is a JSON document (bound, simulate, validate,
 * a training run): one row per element of the document's array of records, or the document as
 * one row; nested objects become columns "parent.child", arrays their JSON text, null an empty
 * cell.  The numbers are the JSON's own (printed with the one number format of limen's outputs)
 * and the provenance record opens the CSV as comment lines (provenance.h), so the CSV and the
 * JSON of a run hold the same facts. */
#include <stdlib.h>
#include <string.h>

#include "limen/report.h"
#include "report/record.h"

#define MAX_COLS 512

typedef struct cols {
  char *name[MAX_COLS];
  size_t n;
} cols;

/* The column of `key` (added when new); SIZE_MAX when there are too many. */
static size_t col_of(cols *c, const char *key) {
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->name[i], key) == 0) return i;
  if (c->n == MAX_COLS || !(c->name[c->n] = strdup(key))) return (size_t)-1;
  return c->n++;
}

/* Walk a record's members in order: collect columns (vals NULL) or fill a row's cells. */
static int walk(const cJSON *o, const char *prefix, cols *c, const cJSON **vals) {
  for (const cJSON *it = o->child; it; it = it->next) {
    if (!prefix[0] && strcmp(it->string, "provenance") == 0) continue;
    char key[512];
    if (snprintf(key, sizeof key, "%s%s%s", prefix, prefix[0] ? "." : "", it->string) >= (int)sizeof key) return 0;
    if (cJSON_IsObject(it)) {
      if (!walk(it, key, c, vals)) return 0;
      continue;
    }
    size_t k = col_of(c, key);
    if (k == (size_t)-1) return 0;
    if (vals) vals[k] = it;
  }
  return 1;
}

static void cell(FILE *f, const cJSON *v) {
  char b[64];
  if (!v || cJSON_IsNull(v)) return;
  if (cJSON_IsBool(v)) fputs(cJSON_IsTrue(v) ? "true" : "false", f);
  else if (cJSON_IsNumber(v)) fputs(limen_format_number(b, sizeof b, v->valuedouble), f);
  else if (cJSON_IsString(v)) limen_csv_field(f, v->valuestring);
  else if (cJSON_IsRaw(v)) fputs(v->valuestring, f);
  else {
    char *t = cJSON_PrintUnformatted(v);
    limen_csv_field(f, t ? t : "");
    cJSON_free(t);
  }
}

static int write_rows(FILE *f, const cJSON *recs, int many, cols *c) {
  const cJSON **vals = calloc(MAX_COLS, sizeof *vals);
  if (!vals) return 0;
  int ok = 1;
  for (const cJSON *r = many ? recs->child : recs; ok && r; r = many ? r->next : NULL) {
    memset(vals, 0, MAX_COLS * sizeof *vals);
    ok = cJSON_IsObject(r) && walk(r, "", c, vals);
    for (size_t k = 0; ok && k < c->n; k++) {
      if (k) fputc(',', f);
      cell(f, vals[k]);
    }
    if (ok) fputc('\n', f);
  }
  free(vals);
  return ok;
}

int limen_report_json_csv(const char *json, const char *rows_key, char **csv, limen_error *err) {
  *csv = NULL;
  cJSON *root = json ? cJSON_Parse(json) : NULL;
  const cJSON *recs = rows_key ? cJSON_GetObjectItemCaseSensitive(root, rows_key) : root;
  int many = rows_key != NULL;
  if (!cJSON_IsObject(root) || (many ? !cJSON_IsArray(recs) : !cJSON_IsObject(recs))) {
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_EINVAL, __func__, "not a document with %s%s", rows_key ? "an array " : "an object",
                           rows_key ? rows_key : "");
  }
  cols c = {.n = 0};
  int ok = 1;
  for (const cJSON *r = many ? recs->child : recs; ok && r; r = many ? r->next : NULL)
    ok = cJSON_IsObject(r) && walk(r, "", &c, NULL);
  limen_memtext m;
  int st = ok ? limen_memtext_open(&m, err) : limen_error_set(err, LIMEN_EINVAL, __func__, "records too wide");
  if (!st) {
    limen_csv_provenance(m.f);
    for (size_t k = 0; k < c.n; k++) {
      if (k) fputc(',', m.f);
      limen_csv_field(m.f, c.name[k]);
    }
    fputc('\n', m.f);
    ok = write_rows(m.f, recs, many, &c);
    st = limen_memtext_close(&m, csv, err);
    if (!st && !ok) {
      limen_free(*csv);
      *csv = NULL;
      st = limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
    }
  }
  for (size_t k = 0; k < c.n; k++) free(c.name[k]);
  cJSON_Delete(root);
  return st;
}
