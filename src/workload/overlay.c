/* SPDX-License-Identifier: GPL-3.0-or-later
 * overlay.c: a user's own catalog rows and hardware profiles on top of limen's (workload.h,
 * hardware.h): each file is read and checked exactly as the built-in one (a row without its
 * source is an error), then its rows replace the built-in rows of the same name or are added
 * after them, file by file in the order given. */
#include <stdlib.h>
#include <string.h>

#include "limen/hardware.h"
#include "limen/workload.h"

/* Rows of `size` bytes with a name at offset 0 (limen_model, limen_profile): extra's replace
 * base's of the same name or are appended; *rows is reallocated. */
static int merge_rows(void **rows, size_t *count, const void *extra, size_t n_extra, size_t size, const char *what,
                      limen_error *err) {
  char *base = *rows;
  size_t n = *count;
  char *grown = realloc(base, (n + n_extra) * size);
  if (!grown) return limen_error_set(err, LIMEN_ENOMEM, "overlay", "%s: %zu rows", what, n + n_extra);
  base = grown;
  for (size_t i = 0; i < n_extra; i++) {
    const char *row = (const char *)extra + i * size;
    size_t at = n;
    for (size_t j = 0; j < n; j++)
      if (strcmp(base + j * size, row) == 0) at = j; /* the name: the first member */
    memcpy(base + at * size, row, size);
    if (at == n) n++;
  }
  *rows = base;
  *count = n;
  return LIMEN_OK;
}

int limen_catalog_merge(limen_catalog *c, const limen_catalog *extra, limen_error *err) {
  if (!c || !extra) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  void *rows = c->models;
  int rc = merge_rows(&rows, &c->count, extra->models, extra->count, sizeof *c->models, "model catalog", err);
  c->models = rows;
  return rc;
}

int limen_profiles_merge(limen_profile_set *s, const limen_profile_set *extra, limen_error *err) {
  if (!s || !extra) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  void *rows = s->profiles;
  int rc = merge_rows(&rows, &s->count, extra->profiles, extra->count, sizeof *s->profiles, "hardware profiles", err);
  s->profiles = rows;
  return rc;
}

int limen_catalog_load_with(const char *const *files, size_t n, limen_catalog **out, limen_error *err) {
  int rc = limen_catalog_load(NULL, out, err);
  for (size_t i = 0; rc == LIMEN_OK && i < n; i++) {
    limen_catalog *extra = NULL;
    rc = limen_catalog_load(files[i], &extra, err);
    if (rc == LIMEN_OK) rc = limen_catalog_merge(*out, extra, err);
    limen_catalog_free(extra);
  }
  if (rc != LIMEN_OK) {
    limen_catalog_free(*out);
    *out = NULL;
  }
  return rc;
}

int limen_profiles_load_with(const char *const *files, size_t n, limen_profile_set **out, limen_error *err) {
  int rc = limen_profiles_load(NULL, out, err);
  for (size_t i = 0; rc == LIMEN_OK && i < n; i++) {
    limen_profile_set *extra = NULL;
    rc = limen_profiles_load(files[i], &extra, err);
    if (rc == LIMEN_OK) rc = limen_profiles_merge(*out, extra, err);
    limen_profiles_free(extra);
  }
  if (rc != LIMEN_OK) {
    limen_profiles_free(*out);
    *out = NULL;
  }
  return rc;
}
