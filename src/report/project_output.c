/* SPDX-License-Identifier: GPL-3.0-or-later
 * project_output.c: the JSON and CSV documents of `limen project` (report.h,
 * limen_project_json / limen_project_csv): the workload, the per-FLOP headline, every
 * projection by the field table of project_report.c, the published energy beside a projection
 * on the same hardware, and every assumption. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/units.h"
#include "report/record.h"

#define PUB limen_published_record
/* The "published" object: the catalog row's energy and, when compared, the projection. */
typedef struct limen_published_record {
  const char *model, *basis, *hardware, *source, *compared_with, *projection_basis;
  double energy_J, energy_kWh, pue, projection_pue, projection_J, projection_realized_J;
  double published_over_projection, published_over_realized;
} limen_published_record;
enum { COMPARED = 1u };
#define F(member, kind, unit, when) LIMEN_FIELD_OF(PUB, member, kind, unit, when, NULL)
static const limen_field published_fields[] = {
    F(model, LIMEN_FIELD_STRING, NULL, 0),
    F(energy_J, LIMEN_FIELD_DOUBLE, "J", 0),
    F(energy_kWh, LIMEN_FIELD_DOUBLE, "kWh", 0),
    F(basis, LIMEN_FIELD_STRING, NULL, 0),
    F(pue, LIMEN_FIELD_DOUBLE, NULL, 0),
    F(hardware, LIMEN_FIELD_STRING, NULL, 0),
    F(source, LIMEN_FIELD_STRING, NULL, 0),
    F(compared_with, LIMEN_FIELD_STRING, NULL, 0),
    F(projection_pue, LIMEN_FIELD_DOUBLE, NULL, COMPARED),
    F(projection_basis, LIMEN_FIELD_STRING, NULL, COMPARED),
    F(projection_J, LIMEN_FIELD_DOUBLE, "J", COMPARED),
    F(projection_realized_J, LIMEN_FIELD_DOUBLE, "J", COMPARED),
    F(published_over_projection, LIMEN_FIELD_DOUBLE, NULL, COMPARED),
    F(published_over_realized, LIMEN_FIELD_DOUBLE, NULL, COMPARED),
};
#undef F
#undef PUB

static int json_published(cJSON *root, const limen_published *pb) {
  const limen_model *m = pb->model;
  const limen_projection *a = &pb->projection;
  limen_published_record r = {m->name, m->energy_basis, m->hardware, m->energy_source, NULL, NULL,
                              pb->energy_J, m->published_energy_kWh, m->published_pue, NAN, NAN, NAN, NAN, NAN};
  if (pb->compared) {
    r.compared_with = a->name;
    r.projection_basis = isnan(m->published_pue) ? "board" : "facility";
    r.projection_pue = pb->pue;
    r.projection_J = a->energy_J;
    r.projection_realized_J = a->realized_J;
    r.published_over_projection = pb->energy_J / a->energy_J;
    r.published_over_realized = pb->energy_J / a->realized_J;
  }
  cJSON *o = cJSON_AddObjectToObject(root, "published");
  return o ? limen_json_fields(o, &r, published_fields, sizeof published_fields / sizeof published_fields[0],
                               pb->compared ? COMPARED : 0)
           : LIMEN_ENOMEM;
}

static int json_headline(cJSON *root, const limen_project_report *r) {
  cJSON *h = cJSON_AddObjectToObject(root, "headline");
  if (!h) return LIMEN_ENOMEM;
  if (!r->n) return LIMEN_OK;
  double J = r->proj[0].headline_floor_J;
  int ok = cJSON_AddStringToObject(h, "definition",
                                   "C·n·kT·ln2: per-FLOP Landauer floor (every FLOP writes an n-bit result)") &&
           limen_json_num(h, "floor_J", J) && limen_json_num(h, "floor_kWh", limen_J_to_kWh(J));
  return ok ? LIMEN_OK : LIMEN_ENOMEM;
}

static int json_assumptions(cJSON *root, const limen_project_report *r) {
  cJSON *as = cJSON_AddArrayToObject(root, "assumptions");
  if (!as) return LIMEN_ENOMEM;
  for (size_t i = 0; i < r->n_assumptions; i++)
    if (!cJSON_AddItemToArray(as, cJSON_CreateString(r->assumptions[i]))) return LIMEN_ENOMEM;
  for (size_t i = 0; i < r->n; i++)
    for (size_t k = 0; k < r->proj[i].n_assumptions; k++) {
      char line[LIMEN_ASSUMPTION_MAX + LIMEN_PARADIGM_SPEC_MAX + 4];
      snprintf(line, sizeof line, "%s: %s", r->proj[i].name, r->proj[i].assumptions[k]);
      if (!cJSON_AddItemToArray(as, cJSON_CreateString(line))) return LIMEN_ENOMEM;
    }
  return LIMEN_OK;
}

int limen_project_json(const limen_project_report *r, char **text, limen_error *err) {
  cJSON *w = limen_report_workload(r->workload, err);
  if (!w) return err && err->code ? err->code : LIMEN_ENOMEM;
  cJSON *root = cJSON_CreateObject();
  if (!root || !cJSON_AddItemToObject(root, "workload", w)) {
    cJSON_Delete(w);
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_project_json", "out of memory");
  }
  int s = json_headline(root, r);
  cJSON *arr = s ? NULL : cJSON_AddArrayToObject(root, "paradigms");
  if (!arr) s = LIMEN_ENOMEM;
  for (size_t i = 0; !s && i < r->n; i++) {
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddItemToArray(arr, o)) {
      cJSON_Delete(o);
      s = LIMEN_ENOMEM;
      break;
    }
    s = limen_report_projection_json(o, &r->proj[i], r->workload, LIMEN_PROJECTION_WHOLE | LIMEN_PROJECTION_JSON, err);
  }
  if (!s && r->published && !isnan(r->published->energy_J)) s = json_published(root, r->published);
  if (!s) s = json_assumptions(root, r);
  if (s) {
    cJSON_Delete(root);
    return err && err->code ? err->code : limen_error_set(err, s, "limen_project_json", "out of memory");
  }
  return limen_json_finish(root, text, err);
}

int limen_project_csv(const limen_project_report *r, char **text, limen_error *err) {
  limen_memtext m;
  int s = limen_memtext_open(&m, err);
  if (s) return s;
  unsigned has = LIMEN_PROJECTION_WHOLE | LIMEN_PROJECTION_CSV;
  size_t nf;
  const limen_field *f = limen_projection_fields(&nf);
  limen_csv_provenance(m.f);
  limen_csv_header(m.f, f, nf, has);
  for (size_t i = 0; !s && i < r->n; i++) s = limen_report_projection_csv(m.f, &r->proj[i], r->workload, has, err);
  const limen_published *pb = r->published;
  if (!s && pb && !isnan(pb->energy_J)) {
    char a[64], b[64];
    size_t cols = 0;
    for (size_t i = 0; i < nf; i++) cols += (f[i].when & has) == f[i].when;
    fprintf(m.f, "published:%s,published,%s,%s", pb->model->name, limen_format_number(a, sizeof a, pb->energy_J),
            limen_format_number(b, sizeof b, limen_J_to_kWh(pb->energy_J)));
    for (size_t i = 4; i < cols; i++) fputc(',', m.f);
    fputc('\n', m.f);
  }
  if (s) {
    char *t = NULL;
    limen_memtext_close(&m, &t, NULL);
    free(t);
    return s;
  }
  return limen_memtext_close(&m, text, err);
}
