/* SPDX-License-Identifier: GPL-3.0-or-later
 * record.c: JSON and CSV of a result struct from its field table (report/record.h), the one
 * number format of limen's outputs, and text handed to the caller. */
#include "report/record.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void limen_free(void *p) { free(p); }

/* The marker of a number beyond a double: not JSON, found by limen_json_text before printing. */
static const char k_overflow[] = "inf";

static cJSON *num_item(double v) {
  if (isinf(v)) return cJSON_CreateRaw(k_overflow);
  if (isnan(v)) return cJSON_CreateNull(); /* not applicable, not counted */
  char buf[64];
  return cJSON_CreateRaw(limen_format_number(buf, sizeof buf, v));
}

cJSON *limen_json_num(cJSON *obj, const char *key, double v) {
  cJSON *it = num_item(v);
  if (!it) return NULL;
  if (!cJSON_AddItemToObject(obj, key, it)) {
    cJSON_Delete(it);
    return NULL;
  }
  return it;
}

cJSON *limen_json_push_num(cJSON *arr, double v) {
  cJSON *it = num_item(v);
  if (!it) return NULL;
  if (!cJSON_AddItemToArray(arr, it)) {
    cJSON_Delete(it);
    return NULL;
  }
  return it;
}

static int applies(const limen_field *f, unsigned has) { return (f->when & has) == f->when; }

static cJSON *field_item(cJSON *obj, const limen_field *f, const char *p) {
  double d;
  switch (f->kind) {
    case LIMEN_FIELD_DOUBLE: memcpy(&d, p, sizeof d); return limen_json_num(obj, f->key, d);
    case LIMEN_FIELD_SIZE: return cJSON_AddNumberToObject(obj, f->key, (double)*(const size_t *)(const void *)p);
    case LIMEN_FIELD_LONG: return cJSON_AddNumberToObject(obj, f->key, (double)*(const long *)(const void *)p);
    case LIMEN_FIELD_INT: return cJSON_AddNumberToObject(obj, f->key, *(const int *)(const void *)p);
    case LIMEN_FIELD_BOOL:
    case LIMEN_FIELD_FLAG: return cJSON_AddBoolToObject(obj, f->key, *(const int *)(const void *)p);
    case LIMEN_FIELD_STRING: {
      const char *s = *(const char *const *)(const void *)p;
      return s ? cJSON_AddStringToObject(obj, f->key, s) : cJSON_AddNullToObject(obj, f->key);
    }
    case LIMEN_FIELD_CHARS: return cJSON_AddStringToObject(obj, f->key, p);
  }
  return NULL;
}

int limen_json_fields(cJSON *obj, const void *rec, const limen_field *f, size_t n, unsigned has) {
  for (size_t i = 0; i < n; i++) {
    if (!applies(&f[i], has)) continue;
    if (!field_item(obj, &f[i], (const char *)rec + f[i].offset)) return LIMEN_ENOMEM;
  }
  return LIMEN_OK;
}

/* The first number of the tree beyond a double (an overflow marker or an infinite number), its
 * path written into path ("paradigms[2].energy_J"); 1 when there is one. */
static int find_overflow(const cJSON *it, char *path, size_t n) {
  if (cJSON_IsRaw(it) && strcmp(it->valuestring, k_overflow) == 0) return 1;
  if (cJSON_IsNumber(it) && isinf(it->valuedouble)) return 1;
  size_t at = strlen(path), i = 0;
  for (const cJSON *c = it->child; c; c = c->next, i++) {
    if (c->string) snprintf(path + at, n - at, "%s%s", at ? "." : "", c->string);
    else snprintf(path + at, n - at, "[%zu]", i);
    if (find_overflow(c, path, n)) return 1;
    path[at] = '\0';
  }
  return 0;
}

int limen_json_text(cJSON *root, char **text, limen_error *err) {
  char where[256] = "";
  if (root && find_overflow(root, where, sizeof where))
    return limen_error_set(err, LIMEN_ERANGE, "limen_json_text",
                           "result '%s' is beyond a double (an overflow): the inputs drive it out of range", where);
  char *s = root && limen_report_add_provenance(root) ? cJSON_Print(root) : NULL;
  size_t len = s ? strlen(s) : 0;
  char *out = s ? malloc(len + 2) : NULL;
  if (!out) {
    cJSON_free(s);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_json_text", "out of memory while printing JSON");
  }
  memcpy(out, s, len);
  out[len] = '\n';
  out[len + 1] = '\0';
  cJSON_free(s);
  *text = out;
  return LIMEN_OK;
}

void limen_csv_field(FILE *f, const char *s) {
  if (!s) s = "";
  if (strpbrk(s, ",\"\n\r") == NULL) {
    fputs(s, f);
    return;
  }
  fputc('"', f);
  for (const char *p = s; *p; p++) {
    if (*p == '"') fputc('"', f);
    fputc(*p, f);
  }
  fputc('"', f);
}

void limen_csv_header(FILE *f, const limen_field *fl, size_t n, unsigned has) {
  int first = 1;
  for (size_t i = 0; i < n; i++) {
    if (!applies(&fl[i], has)) continue;
    fprintf(f, "%s%s", first ? "" : ",", fl[i].key);
    first = 0;
  }
  fputc('\n', f);
}

static void csv_value(FILE *f, const limen_field *fl, const char *p) {
  char x[64];
  double d;
  switch (fl->kind) {
    case LIMEN_FIELD_DOUBLE:
      memcpy(&d, p, sizeof d);
      if (!isnan(d)) fputs(limen_format_number(x, sizeof x, d), f);
      break;
    case LIMEN_FIELD_SIZE: fprintf(f, "%zu", *(const size_t *)(const void *)p); break;
    case LIMEN_FIELD_LONG: fprintf(f, "%ld", *(const long *)(const void *)p); break;
    case LIMEN_FIELD_INT: fprintf(f, "%d", *(const int *)(const void *)p); break;
    case LIMEN_FIELD_BOOL: fputs(*(const int *)(const void *)p ? "true" : "false", f); break;
    case LIMEN_FIELD_FLAG: fputs(*(const int *)(const void *)p ? "1" : "0", f); break;
    case LIMEN_FIELD_STRING: limen_csv_field(f, *(const char *const *)(const void *)p); break;
    case LIMEN_FIELD_CHARS: limen_csv_field(f, p); break;
  }
}

void limen_csv_row(FILE *f, const void *rec, const limen_field *fl, size_t n, unsigned has) {
  int first = 1;
  for (size_t i = 0; i < n; i++) {
    if (!applies(&fl[i], has)) continue;
    if (!first) fputc(',', f);
    first = 0;
    csv_value(f, &fl[i], (const char *)rec + fl[i].offset);
  }
  fputc('\n', f);
}

int limen_memtext_open(limen_memtext *m, limen_error *err) {
  m->buf = NULL;
  m->size = 0;
  m->f = open_memstream(&m->buf, &m->size);
  if (!m->f) return limen_error_set(err, LIMEN_ENOMEM, "limen_memtext_open", "out of memory");
  return LIMEN_OK;
}

int limen_memtext_close(limen_memtext *m, char **text, limen_error *err) {
  int bad = ferror(m->f);
  if (fclose(m->f) != 0) bad = 1;
  m->f = NULL;
  if (bad || !m->buf) {
    free(m->buf);
    m->buf = NULL;
    return limen_error_set(err, LIMEN_ENOMEM, "limen_memtext_close", "out of memory while writing text");
  }
  *text = m->buf;
  m->buf = NULL;
  return LIMEN_OK;
}

int limen_json_finish(cJSON *root, char **text, limen_error *err) {
  int s = root ? limen_json_text(root, text, err)
               : limen_error_set(err, LIMEN_ENOMEM, "limen_json_finish", "out of memory while building JSON");
  cJSON_Delete(root);
  return s;
}
