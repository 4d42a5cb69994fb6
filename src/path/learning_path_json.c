/* SPDX-License-Identifier: GPL-3.0-or-later
 * learning_path_json.c: a learning path as JSON (path.h; the format is docs/path.md, "Saved
 * paths") — the file that PathMeter.save writes and `limen project --learning-path` reads.
 * Written by hand (17 significant digits, counts as integers: read back bit for bit); read
 * with cJSON, strictly: every key known, none twice, counts exact integers. */
#define _GNU_SOURCE /* open_memstream */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "limen/datafile.h"
#include "limen/path.h"

#define FORMAT_NAME "limen-learning-path"
#define FORMAT_VERSION 1

/* ---- writing ----------------------------------------------------------------------------- */

typedef enum { COL_PATH, COL_SQ, COL_MAX, COL_CHANGED, COL_FLIPS, COL_CLAMPED, N_COLS } col_id;
static const char *const k_cols[N_COLS] = {"path_levels", "path_sq_levels2", "max_move_levels",
                                           "changed", "bit_flips", "clamped"};

static int col_is_count(col_id c) { return c >= COL_CHANGED; }

static double col_double(const limen_path_step *s, col_id c) {
  return c == COL_PATH ? s->path_levels : c == COL_SQ ? s->path_sq_levels2 : s->max_move_levels;
}
static uint64_t col_count(const limen_path_step *s, col_id c) {
  return c == COL_CHANGED ? s->changed : c == COL_FLIPS ? s->bit_flips : s->clamped;
}

static void put_columns(FILE *f, const limen_learning_path *p) {
  fputs(" \"per_step\": {\n", f);
  for (int c = 0; c < N_COLS; c++) {
    fprintf(f, "  \"%s\": [", k_cols[c]);
    for (size_t k = 0; k < p->n_steps; k++) {
      if (k) fputs(k % 8 ? ", " : ",\n   ", f);
      if (col_is_count((col_id)c)) fprintf(f, "%llu", (unsigned long long)col_count(&p->steps[k], (col_id)c));
      else fprintf(f, "%.17g", col_double(&p->steps[k], (col_id)c));
    }
    fprintf(f, "]%s\n", c + 1 < N_COLS ? "," : "");
  }
  fputs(" }", f);
}

static void put_histogram(FILE *f, const limen_learning_path *p) {
  fputs(",\n \"histogram\": {\"lo_levels\": [", f);
  for (size_t i = 0; i < p->hist_bins; i++) fprintf(f, "%s%.17g", i ? ", " : "", p->hist_lo[i]);
  fputs("],\n  \"count\": [", f);
  for (size_t i = 0; i < p->hist_bins; i++)
    fprintf(f, "%s%llu", i ? ", " : "", (unsigned long long)p->hist_counts[i]);
  fputs("]}", f);
}

int limen_learning_path_json(const limen_learning_path *p, char **text, limen_error *err) {
  static const char *fn = "limen_learning_path_json";
  if (!text) return limen_error_set(err, LIMEN_EINVAL, fn, "text = NULL");
  *text = NULL;
  int rc = limen_learning_path_check(p, err);
  if (rc != LIMEN_OK) return rc;
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) return limen_error_set(err, LIMEN_ENOMEM, fn, "JSON text");
  const limen_path_totals *t = &p->totals;
  typedef unsigned long long ull;
  fprintf(f, "{\n \"format\": \"%s\",\n \"format_version\": %d,\n \"limen_version\": \"%s\",\n", FORMAT_NAME,
          FORMAT_VERSION, limen_version());
  fprintf(f, " \"bits\": %d,\n \"range\": [%.17g, %.17g],\n \"level_size\": %.17g,\n", p->bits, p->lo, p->hi,
          t->level_size);
  if (p->step_time_s > 0) fprintf(f, " \"step_time_s\": %.17g,\n", p->step_time_s);
  else fputs(" \"step_time_s\": null,\n", f);
  fprintf(f, " \"temperature_K\": %.17g,\n \"parameters\": %llu,\n \"tensors\": %zu,\n", p->temperature_K,
          (ull)t->params, t->tensors);
  fprintf(f, " \"steps\": %llu,\n \"snapshots\": %llu,\n \"starts\": %llu,\n \"aborted\": %llu,\n", (ull)t->steps,
          (ull)t->snapshots, (ull)t->starts, (ull)t->aborted);
  fprintf(f, " \"path_levels\": %.17g,\n \"path_sq_levels2\": %.17g,\n \"max_levels_per_step\": %.17g,\n",
          t->path_levels, t->path_sq_levels2, t->max_move_levels);
  fprintf(f, " \"changed_writes\": %llu,\n \"bit_flips\": %llu,\n \"clamped\": %llu,\n \"memory_bytes\": %zu,\n",
          (ull)t->changed, (ull)t->bit_flips, (ull)t->clamped, t->memory_bytes);
  put_columns(f, p);
  if (p->hist_bins) put_histogram(f, p);
  fputs("\n}\n", f);
  if (fclose(f) != 0 || !buf) {
    free(buf);
    return limen_error_set(err, LIMEN_ENOMEM, fn, "JSON text");
  }
  *text = buf;
  return LIMEN_OK;
}

/* ---- reading ----------------------------------------------------------------------------- */

#define MAX_EXACT 9007199254740992.0 /* 2^53 */

static int bad_key(limen_error *err, const char *key, const char *what) {
  return limen_error_set(err, LIMEN_EINVAL, "learning path", "\"%s\": %s", key, what);
}

static int get_double(const cJSON *v, const char *key, double *out, limen_error *err) {
  if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) return bad_key(err, key, "must be a finite number");
  *out = v->valuedouble;
  return LIMEN_OK;
}

static int get_count(const cJSON *v, const char *key, uint64_t *out, limen_error *err) {
  if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || !(v->valuedouble <= MAX_EXACT) ||
      v->valuedouble != floor(v->valuedouble))
    return bad_key(err, key, "must be a whole number in [0, 2^53]");
  *out = (uint64_t)v->valuedouble;
  return LIMEN_OK;
}

/* The object's member `key` (required or not), refusing a second one. */
static int member(const cJSON *obj, const char *key, int required, const cJSON **out, limen_error *err) {
  *out = NULL;
  for (const cJSON *c = obj->child; c; c = c->next) {
    if (strcmp(c->string, key) != 0) continue;
    if (*out) return bad_key(err, key, "given twice");
    *out = c;
  }
  if (!*out && required) return bad_key(err, key, "missing");
  return LIMEN_OK;
}

/* Every member of obj is one of names[]. */
static int known_keys(const cJSON *obj, const char *const *names, const char *where, limen_error *err) {
  for (const cJSON *c = obj->child; c; c = c->next) {
    int ok = 0;
    for (const char *const *n = names; *n && !ok; n++) ok = strcmp(c->string, *n) == 0;
    if (!ok)
      return limen_error_set(err, LIMEN_EINVAL, "learning path", "\"%s\"%s%s: unknown key", c->string,
                             where ? " in " : "", where ? where : "");
  }
  return LIMEN_OK;
}

static const char *const k_top_keys[] = {
    "format", "format_version", "limen_version", "bits", "range", "level_size", "step_time_s",
    "temperature_K", "parameters", "tensors", "steps", "snapshots", "starts", "aborted", "path_levels",
    "path_sq_levels2", "max_levels_per_step", "changed_writes", "bit_flips", "clamped", "memory_bytes",
    "per_step", "histogram", NULL};

static int read_header(const cJSON *root, limen_learning_path *p, limen_error *err) {
  const cJSON *v;
  int rc = member(root, "format", 1, &v, err);
  if (rc == LIMEN_OK && (!cJSON_IsString(v) || strcmp(v->valuestring, FORMAT_NAME) != 0))
    return bad_key(err, "format", "must be \"" FORMAT_NAME "\"");
  if (rc == LIMEN_OK) rc = member(root, "format_version", 1, &v, err);
  if (rc == LIMEN_OK && (!cJSON_IsNumber(v) || v->valuedouble != FORMAT_VERSION))
    return bad_key(err, "format_version", "must be 1 (this limen reads version 1)");
  if (rc == LIMEN_OK) rc = member(root, "limen_version", 0, &v, err);
  if (rc == LIMEN_OK && v && !cJSON_IsString(v)) return bad_key(err, "limen_version", "must be a string");
  uint64_t bits = 0;
  if (rc == LIMEN_OK) rc = member(root, "bits", 1, &v, err);
  if (rc == LIMEN_OK) rc = get_count(v, "bits", &bits, err);
  if (rc == LIMEN_OK && (bits < 1 || bits > 64)) return bad_key(err, "bits", "allowed range [1, 64]");
  p->bits = (int)bits;
  if (rc == LIMEN_OK) rc = member(root, "range", 1, &v, err);
  if (rc == LIMEN_OK && (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 2))
    return bad_key(err, "range", "must be [lo, hi]");
  if (rc == LIMEN_OK) rc = get_double(v->child, "range", &p->lo, err);
  if (rc == LIMEN_OK) rc = get_double(v->child->next, "range", &p->hi, err);
  if (rc == LIMEN_OK) rc = member(root, "level_size", 1, &v, err);
  if (rc == LIMEN_OK) rc = get_double(v, "level_size", &p->totals.level_size, err);
  if (rc == LIMEN_OK) rc = member(root, "step_time_s", 0, &v, err);
  if (rc == LIMEN_OK && v && !cJSON_IsNull(v)) {
    rc = get_double(v, "step_time_s", &p->step_time_s, err);
    if (rc == LIMEN_OK && !(p->step_time_s > 0)) return bad_key(err, "step_time_s", "must be > 0 or null");
  }
  if (rc == LIMEN_OK) rc = member(root, "temperature_K", 1, &v, err);
  if (rc == LIMEN_OK) rc = get_double(v, "temperature_K", &p->temperature_K, err);
  return rc;
}

static int read_totals(const cJSON *root, limen_learning_path *p, limen_error *err) {
  limen_path_totals *t = &p->totals;
  struct { const char *key; uint64_t *dst; int required; } counts[] = {
      {"parameters", &t->params, 1}, {"steps", &t->steps, 1}, {"snapshots", &t->snapshots, 1},
      {"starts", &t->starts, 1}, {"aborted", &t->aborted, 1}, {"changed_writes", &t->changed, 1},
      {"bit_flips", &t->bit_flips, 1}, {"clamped", &t->clamped, 1}};
  struct { const char *key; double *dst; } reals[] = {
      {"path_levels", &t->path_levels}, {"path_sq_levels2", &t->path_sq_levels2},
      {"max_levels_per_step", &t->max_move_levels}};
  const cJSON *v;
  int rc = LIMEN_OK;
  for (size_t i = 0; rc == LIMEN_OK && i < sizeof counts / sizeof counts[0]; i++) {
    rc = member(root, counts[i].key, counts[i].required, &v, err);
    if (rc == LIMEN_OK) rc = get_count(v, counts[i].key, counts[i].dst, err);
  }
  for (size_t i = 0; rc == LIMEN_OK && i < sizeof reals / sizeof reals[0]; i++) {
    rc = member(root, reals[i].key, 1, &v, err);
    if (rc == LIMEN_OK) rc = get_double(v, reals[i].key, reals[i].dst, err);
  }
  uint64_t x = 0;
  if (rc == LIMEN_OK) rc = member(root, "tensors", 1, &v, err);
  if (rc == LIMEN_OK) rc = get_count(v, "tensors", &x, err);
  t->tensors = (size_t)x;
  if (rc == LIMEN_OK) rc = member(root, "memory_bytes", 0, &v, err);
  if (rc == LIMEN_OK && v) rc = get_count(v, "memory_bytes", &x, err);
  if (rc == LIMEN_OK && v) t->memory_bytes = (size_t)x;
  if (rc == LIMEN_OK && (t->steps < 1 || t->steps > LIMEN_LEARNING_PATH_MAX_STEPS))
    return limen_error_set(err, LIMEN_EINVAL, "learning path", "\"steps\": %llu: allowed range [1, %u]",
                           (unsigned long long)t->steps, LIMEN_LEARNING_PATH_MAX_STEPS);
  return rc;
}

/* Column `c` of "per_step": an array of one number per step. */
static int read_column(const cJSON *obj, col_id c, limen_learning_path *p, limen_error *err) {
  const cJSON *arr;
  char key[64];
  snprintf(key, sizeof key, "per_step.%s", k_cols[c]);
  int rc = member(obj, k_cols[c], 1, &arr, err);
  if (rc != LIMEN_OK) return bad_key(err, key, "missing");
  if (!cJSON_IsArray(arr) || (size_t)cJSON_GetArraySize(arr) != p->n_steps)
    return limen_error_set(err, LIMEN_EINVAL, "learning path", "\"%s\": must be an array of \"steps\" = %zu numbers",
                           key, p->n_steps);
  size_t k = 0;
  for (const cJSON *v = arr->child; v; v = v->next, k++) {
    limen_path_step *s = &p->steps[k];
    s->params = p->totals.params;
    uint64_t n = 0;
    double x = 0;
    rc = col_is_count(c) ? get_count(v, key, &n, err) : get_double(v, key, &x, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "learning path", "step %zu", k);
    if (c == COL_PATH) s->path_levels = x;
    else if (c == COL_SQ) s->path_sq_levels2 = x;
    else if (c == COL_MAX) s->max_move_levels = x;
    else if (c == COL_CHANGED) s->changed = n;
    else if (c == COL_FLIPS) s->bit_flips = n;
    else s->clamped = n;
  }
  return LIMEN_OK;
}

static int read_histogram(const cJSON *h, limen_learning_path *p, limen_error *err) {
  static const char *const keys[] = {"lo_levels", "count", NULL};
  const cJSON *lo, *cnt;
  if (!cJSON_IsObject(h)) return bad_key(err, "histogram", "must be an object {lo_levels, count}");
  int rc = known_keys(h, keys, "histogram", err);
  if (rc == LIMEN_OK) rc = member(h, "lo_levels", 1, &lo, err);
  if (rc == LIMEN_OK) rc = member(h, "count", 1, &cnt, err);
  if (rc != LIMEN_OK) return rc;
  int n = cJSON_GetArraySize(lo);
  if (!cJSON_IsArray(lo) || !cJSON_IsArray(cnt) || n < 1 || n > 65538 || cJSON_GetArraySize(cnt) != n)
    return bad_key(err, "histogram", "lo_levels and count must be arrays of the same length, 1 to 65538");
  p->hist_lo = malloc((size_t)n * sizeof *p->hist_lo);
  p->hist_counts = malloc((size_t)n * sizeof *p->hist_counts);
  if (!p->hist_lo || !p->hist_counts) return limen_error_set(err, LIMEN_ENOMEM, "learning path", "histogram");
  p->hist_bins = (size_t)n;
  size_t i = 0;
  for (const cJSON *a = lo->child, *b = cnt->child; a && b && rc == LIMEN_OK; a = a->next, b = b->next, i++) {
    rc = get_double(a, "histogram.lo_levels", &p->hist_lo[i], err);
    if (rc == LIMEN_OK) rc = get_count(b, "histogram.count", &p->hist_counts[i], err);
  }
  return rc;
}

static int read_doc(const cJSON *root, limen_learning_path *p, limen_error *err) {
  if (!cJSON_IsObject(root)) return limen_error_set(err, LIMEN_EINVAL, "learning path", "the text must be one JSON object");
  int rc = known_keys(root, k_top_keys, NULL, err);
  if (rc == LIMEN_OK) rc = read_header(root, p, err);
  if (rc == LIMEN_OK) rc = read_totals(root, p, err);
  if (rc != LIMEN_OK) return rc;
  p->n_steps = (size_t)p->totals.steps;
  const cJSON *ps, *h, *col;
  rc = member(root, "per_step", 1, &ps, err);
  if (rc == LIMEN_OK && !cJSON_IsObject(ps)) return bad_key(err, "per_step", "must be an object of columns");
  /* the columns' length before the records are allocated: a short file claiming many steps
   * allocates nothing */
  if (rc == LIMEN_OK) rc = member(ps, k_cols[COL_PATH], 1, &col, err);
  if (rc == LIMEN_OK && (!cJSON_IsArray(col) || (size_t)cJSON_GetArraySize(col) != p->n_steps))
    return limen_error_set(err, LIMEN_EINVAL, "learning path", "\"per_step.path_levels\": must be an array of "
                           "\"steps\" = %zu numbers", p->n_steps);
  if (rc != LIMEN_OK) return rc;
  p->steps = calloc(p->n_steps, sizeof *p->steps);
  if (!p->steps) return limen_error_set(err, LIMEN_ENOMEM, "learning path", "%zu steps", p->n_steps);
  static const char *const cols[N_COLS + 1] = {"path_levels", "path_sq_levels2", "max_move_levels",
                                               "changed", "bit_flips", "clamped", NULL};
  if (rc == LIMEN_OK) rc = known_keys(ps, cols, "per_step", err);
  for (int c = 0; rc == LIMEN_OK && c < N_COLS; c++) rc = read_column(ps, (col_id)c, p, err);
  if (rc == LIMEN_OK) rc = member(root, "histogram", 0, &h, err);
  if (rc == LIMEN_OK && h) rc = read_histogram(h, p, err);
  return rc;
}

int limen_learning_path_parse(const char *text, size_t len, limen_learning_path **out, limen_error *err) {
  static const char *fn = "learning path";
  if (!text || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  *out = NULL;
  if (memchr(text, '\0', len))
    return limen_error_set(err, LIMEN_EINVAL, fn, "the text holds a NUL byte");
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
  if (!root) {
    size_t at = end ? (size_t)(end - text) : 0;
    return limen_error_set(err, LIMEN_EINVAL, fn, "not valid JSON (at byte %zu)", at);
  }
  for (const char *q = end; q < text + len; q++)
    if (!strchr(" \t\r\n", *q)) {
      cJSON_Delete(root);
      return limen_error_set(err, LIMEN_EINVAL, fn, "text after the JSON object (at byte %zu)", (size_t)(q - text));
    }
  limen_learning_path *p = calloc(1, sizeof *p);
  int rc = p ? read_doc(root, p, err) : limen_error_set(err, LIMEN_ENOMEM, fn, "learning path");
  cJSON_Delete(root);
  if (rc == LIMEN_OK) rc = limen_learning_path_check(p, err);
  if (rc != LIMEN_OK) {
    limen_learning_path_free(p);
    return rc;
  }
  *out = p;
  return LIMEN_OK;
}

int limen_learning_path_read(const char *file, limen_learning_path **out, limen_error *err) {
  static const char *fn = "limen_learning_path_read";
  if (!file || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  char *text = NULL;
  size_t len = 0;
  int rc = limen_read_text_file_max(file, LIMEN_LEARNING_PATH_MAX_FILE_BYTES, &text, &len, err);
  if (rc != LIMEN_OK) return rc; /* the message names the file */
  rc = limen_learning_path_parse(text, len, out, err);
  free(text);
  if (rc != LIMEN_OK && err) { /* "'<file>': learning path: ..." */
    char old[sizeof err->msg];
    memcpy(old, err->msg, sizeof old);
    int k = snprintf(err->msg, sizeof err->msg, "'%.1000s': ", file);
    if (k > 0) snprintf(err->msg + k, sizeof err->msg - (size_t)k, "%.1000s", old);
  }
  return rc;
}
