/* SPDX-License-Identifier: GPL-3.0-or-later
 * catalog_report.c: the model catalog and the hardware profiles as JSON and CSV (report.h),
 * each row described once by a field table, and a row's training FLOPs as the tool shows them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/record.h"

/* ---- the model catalog --------------------------------------------------------------------- */

#define REC limen_model_record
#define J LIMEN_MODEL_JSON
#define C LIMEN_MODEL_CSV
#define F(key, member, kind, unit, when, doc) {key, kind, offsetof(REC, member), unit, when, doc}
static const limen_field model_fields[] = {
    F("name", model.name, LIMEN_FIELD_CHARS, NULL, 0, "key of the row (limen project --model NAME)"),
    F("display", model.display, LIMEN_FIELD_CHARS, NULL, 0, "the model's name as published"),
    F("params", model.params, LIMEN_FIELD_DOUBLE, NULL, 0, "N: trainable parameters"),
    F("tokens", model.tokens, LIMEN_FIELD_DOUBLE, "token", 0, "D: training tokens"),
    F("flops", model.flops, LIMEN_FIELD_DOUBLE, "FLOP", 0, "C: training FLOPs as published; null: c_f·N·D"),
    F("batch_tokens", model.batch_tokens, LIMEN_FIELD_DOUBLE, "token", 0, "B_s: tokens per step; null: not published"),
    F("year", model.year, LIMEN_FIELD_INT, NULL, 0, "year of publication"),
    F("published_energy_kWh", model.published_energy_kWh, LIMEN_FIELD_DOUBLE, "kWh", 0,
      "published training energy; null: none"),
    F("published_energy_J", published_energy_J, LIMEN_FIELD_DOUBLE, "J", J, "the same in J"),
    F("energy_basis", model.energy_basis, LIMEN_FIELD_CHARS, NULL, 0, "what the published energy includes"),
    F("hardware", model.hardware, LIMEN_FIELD_CHARS, NULL, 0, "the hardware of the published run"),
    F("hardware_profile", model.hardware_profile, LIMEN_FIELD_CHARS, NULL, LIMEN_MODEL_ALL,
      "limen profile of that hardware (\"\": none)"),
    F("published_pue", model.published_pue, LIMEN_FIELD_DOUBLE, NULL, LIMEN_MODEL_ALL,
      "facility overhead included in the published energy; null: board level"),
    F("source", model.source, LIMEN_FIELD_CHARS, NULL, 0, "public source of N, D, C"),
    F("energy_source", model.energy_source, LIMEN_FIELD_CHARS, NULL, 0, "public source of the energy"),
    F("notes", model.notes, LIMEN_FIELD_CHARS, NULL, 0, "notes on the row"),
};
#undef REC
#undef J
#undef C

const limen_field *limen_model_fields(size_t *n) {
  if (n) *n = sizeof model_fields / sizeof model_fields[0];
  return model_fields;
}

int limen_model_training_flops(const limen_model *m, double *flops, const char **formula, limen_error *err) {
  *formula = NULL;
  if (!isnan(m->flops)) return *flops = m->flops, LIMEN_OK;
  limen_workload w;
  limen_workload_derived d;
  int s = limen_workload_from_model(m, &w, err);
  if (!s) s = limen_workload_derive(&w, &d, err);
  if (s) return limen_error_wrap(err, s, "limen_model_training_flops", "row '%s'", m->name);
  static char text[32];
  if (!text[0]) snprintf(text, sizeof text, "%gND", limen_workload_default().flops_per_param_token);
  *flops = d.flops;
  *formula = text;
  return LIMEN_OK;
}

/* Rows of n items, each made into a record by make, written as {"key": [...]} or CSV. */
typedef void (*make_fn)(const void *item, void *rec);
typedef struct rows {
  const char *key;
  const void *items;
  size_t n, item_size;
  void *rec;
  make_fn make;
  const limen_field *f;
  size_t nf;
} rows;

static int rows_json(const rows *r, unsigned has, char **text, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  cJSON *arr = root ? cJSON_AddArrayToObject(root, r->key) : NULL;
  int ok = arr != NULL;
  for (size_t i = 0; ok && i < r->n; i++) {
    cJSON *o = cJSON_CreateObject();
    ok = o && cJSON_AddItemToArray(arr, o);
    if (!ok) {
      cJSON_Delete(o);
      break;
    }
    r->make((const char *)r->items + i * r->item_size, r->rec);
    ok = !limen_json_fields(o, r->rec, r->f, r->nf, has);
  }
  if (!ok) {
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_report", "out of memory while building the %s' JSON", r->key);
  }
  return limen_json_finish(root, text, err);
}

static int rows_csv(const rows *r, unsigned has, char **text, limen_error *err) {
  limen_memtext m;
  int s = limen_memtext_open(&m, err);
  if (s) return s;
  limen_csv_provenance(m.f);
  limen_csv_header(m.f, r->f, r->nf, has);
  for (size_t i = 0; i < r->n; i++) {
    r->make((const char *)r->items + i * r->item_size, r->rec);
    limen_csv_row(m.f, r->rec, r->f, r->nf, has);
  }
  return limen_memtext_close(&m, text, err);
}

static void model_make(const void *item, void *rec) {
  limen_model_record *r = rec;
  r->model = *(const limen_model *)item;
  r->published_energy_J = limen_model_published_energy_J(&r->model);
}

static rows model_rows(const limen_catalog *c, limen_model_record *rec) {
  size_t nf;
  const limen_field *f = limen_model_fields(&nf);
  return (rows){"models", c->models, c->count, sizeof *c->models, rec, model_make, f, nf};
}

int limen_catalog_json(const limen_catalog *c, char **text, limen_error *err) {
  limen_model_record *rec = malloc(sizeof *rec);
  if (!rec) return limen_error_set(err, LIMEN_ENOMEM, "limen_catalog_json", "out of memory");
  rows r = model_rows(c, rec);
  int s = rows_json(&r, LIMEN_MODEL_JSON, text, err);
  free(rec);
  return s;
}

int limen_catalog_csv(const limen_catalog *c, char **text, limen_error *err) {
  limen_model_record *rec = malloc(sizeof *rec);
  if (!rec) return limen_error_set(err, LIMEN_ENOMEM, "limen_catalog_csv", "out of memory");
  rows r = model_rows(c, rec);
  int s = rows_csv(&r, LIMEN_MODEL_CSV, text, err);
  free(rec);
  return s;
}

/* ---- the hardware profiles ------------------------------------------------------------------- */

#define REC limen_profile_record
#define D(key, member, unit, doc) F(key, profile.member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field profile_fields[] = {
    F("name", profile.name, LIMEN_FIELD_CHARS, NULL, 0, "key of the profile (accelerator:NAME, cim-static:NAME, …)"),
    F("display", profile.display, LIMEN_FIELD_CHARS, NULL, 0, "the hardware's name"),
    F("class", class_name, LIMEN_FIELD_STRING, NULL, 0, "accelerator, limit or device"),
    D("energy_per_flop_J", energy_per_flop_J, "J", "peak-spec energy per FLOP; null: n/a"),
    D("energy_per_flop_realized_J", energy_per_flop_realized_J, "J", "realized energy per FLOP in published runs; null: n/a"),
    D("energy_per_byte_J", energy_per_byte_J, "J", "off-chip data movement per byte; null: n/a"),
    D("read_energy_J", read_energy_J, "J", "device: energy per read; null: n/a"),
    D("update_energy_J", update_energy_J, "J", "device: energy per parameter update; null: n/a"),
    F("bits", profile.bits, LIMEN_FIELD_INT, "bit", 0, "precision the figures refer to"),
    F("includes", profile.includes, LIMEN_FIELD_CHARS, NULL, 0, "what the numbers include"),
    F("source", profile.source, LIMEN_FIELD_CHARS, NULL, 0, "public source(s)"),
    F("notes", profile.notes, LIMEN_FIELD_CHARS, NULL, 0, "derivation of the numbers"),
};
#undef D
#undef REC
#undef F

const limen_field *limen_profile_fields(size_t *n) {
  if (n) *n = sizeof profile_fields / sizeof profile_fields[0];
  return profile_fields;
}

static void profile_make(const void *item, void *rec) {
  limen_profile_record *r = rec;
  r->profile = *(const limen_profile *)item;
  r->class_name = limen_profile_class_name(r->profile.cls);
}

static int profile_text(const limen_profile_set *s, int json, char **text, limen_error *err) {
  limen_profile_record *rec = malloc(sizeof *rec);
  if (!rec) return limen_error_set(err, LIMEN_ENOMEM, json ? "limen_profiles_json" : "limen_profiles_csv", "out of memory");
  size_t nf;
  const limen_field *f = limen_profile_fields(&nf);
  rows r = {"profiles", s->profiles, s->count, sizeof *s->profiles, rec, profile_make, f, nf};
  int st = json ? rows_json(&r, 0, text, err) : rows_csv(&r, 0, text, err);
  free(rec);
  return st;
}

int limen_profiles_json(const limen_profile_set *s, char **text, limen_error *err) { return profile_text(s, 1, text, err); }
int limen_profiles_csv(const limen_profile_set *s, char **text, limen_error *err) { return profile_text(s, 0, text, err); }
