/* SPDX-License-Identifier: GPL-3.0-or-later
 * profiles.c: hardware profiles (data/profiles.json), strictly validated. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/datafile.h"
#include "limen/hardware.h"
#include "workload/json_rows.h"

#define S(m) offsetof(limen_profile, m), sizeof(((limen_profile *)0)->m)
static const jr_field k_profile_fields[] = {
    {"name", JR_STRING, S(name), 0, 0},
    {"display", JR_STRING, S(display), 0, 0},
    {"class", JR_CUSTOM, S(cls), 0, 0},
    {"energy_per_flop_J", JR_POSITIVE_OR_NULL, S(energy_per_flop_J), 0, 0},
    {"energy_per_flop_realized_J", JR_POSITIVE_OR_NULL, S(energy_per_flop_realized_J), 0, 0},
    {"energy_per_byte_J", JR_POSITIVE_OR_NULL, S(energy_per_byte_J), 0, 0},
    {"read_energy_J", JR_POSITIVE_OR_NULL, S(read_energy_J), 0, 0},
    {"update_energy_J", JR_POSITIVE_OR_NULL, S(update_energy_J), 0, 0},
    {"bits", JR_INT, S(bits), 1, 64},
    {"includes", JR_STRING, S(includes), 0, 0},
    {"source", JR_STRING, S(source), 0, 0},
    {"notes", JR_STRING_OR_EMPTY, S(notes), 0, 0},
};
#undef S
#define N_PROFILE_FIELDS (sizeof k_profile_fields / sizeof k_profile_fields[0])

const char *limen_profile_class_name(limen_profile_class c) {
  switch (c) {
    case LIMEN_PROFILE_ACCELERATOR: return "accelerator";
    case LIMEN_PROFILE_LIMIT: return "limit";
    case LIMEN_PROFILE_DEVICE: return "device";
  }
  return "?";
}

void limen_profiles_free(limen_profile_set *s) {
  if (!s) return;
  free(s->profiles);
  free(s);
}

static int read_class(const char *path, size_t i, const cJSON *row, limen_profile *p,
                      limen_error *err) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, "class");
  const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
  for (int c = LIMEN_PROFILE_ACCELERATOR; s && c <= LIMEN_PROFILE_DEVICE; c++)
    if (strcmp(s, limen_profile_class_name((limen_profile_class)c)) == 0) {
      p->cls = (limen_profile_class)c;
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_EPARSE, "limen_profiles_load",
                         "%s: row %zu (%s): class: must be one of accelerator, limit, device", path,
                         i, p->name);
}

static int check_row(const char *path, size_t i, const limen_profile *p, limen_error *err) {
  const double e[] = {p->energy_per_flop_J, p->energy_per_flop_realized_J, p->energy_per_byte_J,
                      p->read_energy_J, p->update_energy_J};
  const char *names[] = {"energy_per_flop_J", "energy_per_flop_realized_J", "energy_per_byte_J",
                         "read_energy_J", "update_energy_J"};
  int any = 0;
  for (size_t k = 0; k < 5; k++) {
    if (isnan(e[k])) continue;
    any = 1;
    if (e[k] > 1.0)
      return limen_error_set(err, LIMEN_EPARSE, "limen_profiles_load",
                             "%s: row %zu (%s): %s = %g: allowed range (0, 1] J or null", path, i,
                             p->name, names[k], e[k]);
  }
  if (!any)
    return limen_error_set(err, LIMEN_EPARSE, "limen_profiles_load",
                           "%s: row %zu (%s): energy_per_flop_J: a profile needs at least one energy",
                           path, i, p->name);
  if (p->cls != LIMEN_PROFILE_DEVICE && isnan(p->energy_per_flop_J))
    return limen_error_set(err, LIMEN_EPARSE, "limen_profiles_load",
                           "%s: row %zu (%s): energy_per_flop_J: required for class %s", path, i,
                           p->name, limen_profile_class_name(p->cls));
  return LIMEN_OK;
}

int limen_profiles_load(const char *path, limen_profile_set **out, limen_error *err) {
  char buf[4096];
  *out = NULL;
  if (!path) {
    int rc = limen_data_file("profiles.json", buf, sizeof buf, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "hardware profiles");
    path = buf;
  }
  cJSON *root = NULL;
  int rc = limen_jr_load_array(path, &root, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "hardware profiles");
  int n = cJSON_GetArraySize(root);
  if (n <= 0) {
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: no rows", path);
  }
  limen_profile_set *s = calloc(1, sizeof *s);
  if (s) s->profiles = calloc((size_t)n, sizeof *s->profiles);
  if (!s || !s->profiles) {
    limen_profiles_free(s);
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "%d profiles", n);
  }
  size_t i = 0;
  for (const cJSON *row = root->child; row; row = row->next, i++) {
    limen_profile *p = &s->profiles[i];
    rc = limen_jr_read_row(path, i, row, k_profile_fields, N_PROFILE_FIELDS, p, err);
    if (rc == LIMEN_OK) rc = read_class(path, i, row, p, err);
    if (rc == LIMEN_OK) rc = check_row(path, i, p, err);
    for (size_t j = 0; rc == LIMEN_OK && j < i; j++)
      if (strcmp(s->profiles[j].name, p->name) == 0)
        rc = limen_error_set(err, LIMEN_EPARSE, __func__, "%s: row %zu (%s): name: duplicate of row %zu",
                             path, i, p->name, j);
    if (rc == LIMEN_OK && strchr(p->name, ':'))
      rc = limen_error_set(err, LIMEN_EPARSE, __func__, "%s: row %zu (%s): name: must not contain ':'",
                           path, i, p->name);
    if (rc != LIMEN_OK) {
      limen_profiles_free(s);
      cJSON_Delete(root);
      return rc;
    }
  }
  s->count = i;
  cJSON_Delete(root);
  *out = s;
  return LIMEN_OK;
}

int limen_profiles_find(const limen_profile_set *s, const char *name, const limen_profile **out,
                        limen_error *err) {
  *out = NULL;
  for (size_t i = 0; s && name && i < s->count; i++)
    if (strcmp(s->profiles[i].name, name) == 0) {
      *out = &s->profiles[i];
      return LIMEN_OK;
    }
  char list[2048];
  size_t used = 0;
  list[0] = '\0';
  for (size_t i = 0; s && i < s->count && used < sizeof list; i++) {
    int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", s->profiles[i].name);
    if (k < 0) break;
    used += (size_t)k;
  }
  char near[96];
  limen_suggest_note(name, list, near, sizeof near);
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "profile '%s': unknown%s; allowed: %s",
                         name ? name : "(null)", near, list);
}
