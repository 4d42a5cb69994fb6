/* SPDX-License-Identifier: GPL-3.0-or-later
 * catalog.c: the model catalog (data/models.json), strictly validated. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/datafile.h"
#include "limen/units.h"
#include "limen/workload.h"
#include "workload/json_rows.h"

#define S(m) offsetof(limen_model, m), sizeof(((limen_model *)0)->m)
static const jr_field k_model_fields[] = {
    {"name", JR_STRING, S(name), 0, 0},
    {"display", JR_STRING, S(display), 0, 0},
    {"params", JR_POSITIVE, S(params), 0, 0},
    {"tokens", JR_POSITIVE, S(tokens), 0, 0},
    {"flops", JR_POSITIVE_OR_NULL, S(flops), 0, 0},
    {"batch_tokens", JR_POSITIVE_OR_NULL, S(batch_tokens), 0, 0},
    {"year", JR_INT, S(year), 1940, 2100},
    {"published_energy_kWh", JR_POSITIVE_OR_NULL, S(published_energy_kWh), 0, 0},
    {"energy_basis", JR_STRING, S(energy_basis), 0, 0},
    {"hardware", JR_STRING, S(hardware), 0, 0},
    {"hardware_profile", JR_STRING_OR_EMPTY, S(hardware_profile), 0, 0},
    {"published_pue", JR_POSITIVE_OR_NULL, S(published_pue), 0, 0},
    {"source", JR_STRING, S(source), 0, 0},
    {"energy_source", JR_STRING_OR_EMPTY, S(energy_source), 0, 0},
    {"notes", JR_STRING_OR_EMPTY, S(notes), 0, 0},
};
#undef S
#define N_MODEL_FIELDS (sizeof k_model_fields / sizeof k_model_fields[0])

void limen_catalog_free(limen_catalog *c) {
  if (!c) return;
  free(c->models);
  free(c);
}

static int check_row(const char *path, size_t i, const limen_model *m, limen_error *err) {
  if (m->params < 1 || m->params > 1e30)
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): params = %g: allowed range [1, 1e30]", path, i,
                           m->name, m->params);
  if (m->tokens < 1 || m->tokens > 1e30)
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): tokens = %g: allowed range [1, 1e30]", path, i,
                           m->name, m->tokens);
  if (!isnan(m->flops) && m->flops > 1e60)
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): flops = %g: allowed range (0, 1e60] or null", path,
                           i, m->name, m->flops);
  if (!isnan(m->batch_tokens) && (m->batch_tokens < 1 || m->batch_tokens > m->tokens))
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): batch_tokens = %g: allowed range [1, tokens = %g] or null",
                           path, i, m->name, m->batch_tokens, m->tokens);
  if (!isnan(m->published_energy_kWh) && m->published_energy_kWh > 1e20)
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): published_energy_kWh = %g: allowed range (0, 1e20] or null",
                           path, i, m->name, m->published_energy_kWh);
  if (!isnan(m->published_pue) && (m->published_pue < 1 || m->published_pue > 10))
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): published_pue = %g: allowed range [1, 10] or null", path, i,
                           m->name, m->published_pue);
  if (!isnan(m->published_energy_kWh) && m->energy_source[0] == '\0')
    return limen_error_set(err, LIMEN_EPARSE, "limen_catalog_load",
                           "%s: row %zu (%s): energy_source: must name the source of the published energy",
                           path, i, m->name);
  return LIMEN_OK;
}

int limen_catalog_load(const char *path, limen_catalog **out, limen_error *err) {
  char buf[4096];
  *out = NULL;
  if (!path) {
    int rc = limen_data_file("models.json", buf, sizeof buf, err);
    if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "model catalog");
    path = buf;
  }
  cJSON *root = NULL;
  int rc = limen_jr_load_array(path, &root, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "model catalog");
  int n = cJSON_GetArraySize(root);
  if (n <= 0) {
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: no rows", path);
  }
  limen_catalog *c = calloc(1, sizeof *c);
  if (c) c->models = calloc((size_t)n, sizeof *c->models);
  if (!c || !c->models) {
    limen_catalog_free(c);
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "catalog of %d rows", n);
  }
  size_t i = 0;
  for (const cJSON *row = root->child; row; row = row->next, i++) {
    limen_model *m = &c->models[i];
    rc = limen_jr_read_row(path, i, row, k_model_fields, N_MODEL_FIELDS, m, err);
    if (rc == LIMEN_OK) rc = check_row(path, i, m, err);
    for (size_t j = 0; rc == LIMEN_OK && j < i; j++)
      if (strcmp(c->models[j].name, m->name) == 0)
        rc = limen_error_set(err, LIMEN_EPARSE, __func__, "%s: row %zu (%s): name: duplicate of row %zu",
                             path, i, m->name, j);
    if (rc != LIMEN_OK) {
      limen_catalog_free(c);
      cJSON_Delete(root);
      return rc;
    }
  }
  c->count = i;
  cJSON_Delete(root);
  *out = c;
  return LIMEN_OK;
}

int limen_catalog_find(const limen_catalog *c, const char *name, const limen_model **out,
                       limen_error *err) {
  *out = NULL;
  for (size_t i = 0; c && name && i < c->count; i++)
    if (strcmp(c->models[i].name, name) == 0) {
      *out = &c->models[i];
      return LIMEN_OK;
    }
  char list[2048];
  size_t used = 0;
  list[0] = '\0';
  for (size_t i = 0; c && i < c->count && used < sizeof list; i++) {
    int k = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", c->models[i].name);
    if (k < 0) break;
    used += (size_t)k;
  }
  char near[96];
  limen_suggest_note(name, list, near, sizeof near);
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "model '%s': unknown%s; allowed: %s",
                         name ? name : "(null)", near, list);
}

int limen_workload_from_model(const limen_model *m, limen_workload *w, limen_error *err) {
  if (!m || !w) return limen_error_set(err, LIMEN_EINVAL, __func__, "model or workload is NULL");
  *w = limen_workload_default(); /* its batch (2^22 tokens) serves rows that publish none */
  snprintf(w->name, sizeof w->name, "%s", m->name);
  w->params = m->params;
  w->tokens = m->tokens;
  w->flops = isnan(m->flops) ? 0.0 : m->flops;
  w->batch_tokens = isnan(m->batch_tokens) ? fmin(w->batch_tokens, m->tokens) : m->batch_tokens;
  int rc = limen_workload_validate(w, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, __func__, "model '%s'", m->name);
  return LIMEN_OK;
}

double limen_model_published_energy_J(const limen_model *m) {
  if (!m || isnan(m->published_energy_kWh)) return NAN;
  return limen_kWh_to_J(m->published_energy_kWh);
}
