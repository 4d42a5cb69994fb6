/* SPDX-License-Identifier: GPL-3.0-or-later
 * project_report.c: a projection as limen writes it (report.h) — its record and field table,
 * the counted work in symbols, the workload's JSON, the published energy beside a projection
 * on the same hardware, and the JSON and CSV of `limen project`. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/units.h"
#include "report/record.h"

/* ---- the workload ------------------------------------------------------------------------ */

#define DF(member, unit, doc) LIMEN_FIELD_OF(limen_workload_derived, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field derived_fields[] = {
    DF(flops, "FLOP", "C: training FLOPs (given, or c_f·N·D)"),
    DF(steps, NULL, "K = D/B_s: training steps"),
    DF(ops, NULL, "OPS: elementary update operations of the OPS convention"),
    DF(parallel_cells, NULL, "P: cells updated in parallel"),
    DF(tau_op_s, "s", "τ_op = T_train·P/OPS: time budget of one operation in one cell"),
    DF(tau_op_tau0, "tau0", "τ_op/τ₀"),
    DF(write_time_s, "s", "τ_w: write time of a static-barrier cell"),
    DF(step_time_s, "s", "Δt = T_train/K: wall-clock time of one step"),
    DF(kT_J, "J", "kT at the workload temperature"),
    DF(level_size, NULL, "ε = range/2^n: one level of a parameter"),
};
#undef DF

#define PF(member, unit, doc) LIMEN_FIELD_OF(limen_path_scaled, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field path_fields[] = {
    PF(step_scale, NULL, "K/K_m: workload steps per measured step"),
    PF(levels, NULL, "S: levels per parameter over the workload's K steps"),
    PF(fast_levels, NULL, "the largest move of one parameter in one step, levels"),
    PF(max_mean_levels, NULL, "the largest mean move per parameter of a step, levels"),
    PF(last_mean_levels, NULL, "the last step's mean move per parameter, levels"),
    PF(writes, NULL, "writes that change a stored level, scaled to N and K"),
    PF(bit_flips, NULL, "bits those writes flip, scaled to N and K"),
};
#undef PF

/* "learning_path": what was measured, and the path scaled to the workload. */
static int path_json(cJSON *o, const limen_workload *w, const limen_workload_derived *d) {
  const limen_learning_path *p = w->path;
  cJSON *pj = cJSON_AddObjectToObject(o, "learning_path"), *range = NULL;
  int ok = pj && limen_json_num(pj, "parameters", (double)p->totals.params) &&
           limen_json_num(pj, "steps", (double)p->n_steps) && limen_json_num(pj, "bits", p->bits) &&
           (range = cJSON_AddArrayToObject(pj, "range")) && cJSON_AddItemToArray(range, cJSON_CreateNumber(p->lo)) &&
           cJSON_AddItemToArray(range, cJSON_CreateNumber(p->hi)) &&
           limen_json_num(pj, "path_levels", p->totals.path_levels) &&
           limen_json_num(pj, "changed_writes", (double)p->totals.changed) &&
           limen_json_num(pj, "bit_flips", (double)p->totals.bit_flips);
  cJSON *sj = ok ? cJSON_AddObjectToObject(pj, "scaled") : NULL;
  return sj && !limen_json_fields(sj, &d->path, path_fields, sizeof path_fields / sizeof path_fields[0], 0);
}

const limen_field *limen_workload_derived_fields(size_t *n) {
  if (n) *n = sizeof derived_fields / sizeof derived_fields[0];
  return derived_fields;
}

/* The inputs under their snake_case keys; an input left to be derived is null there, and
 * "derived_inputs" names what it is derived from (its value is under "derived"). */
static int workload_inputs_json(cJSON *o, const limen_input *t, size_t n, const limen_workload *w) {
  cJSON *how = cJSON_CreateObject();
  int ok = how != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    char key[64];
    double v = limen_input_get(&t[i], w);
    limen_input_json_key(&t[i], key, sizeof key);
    if (!limen_input_is_derived(&t[i], v)) {
      ok = limen_json_num(o, key, v) != NULL;
      continue;
    }
    ok = cJSON_AddNullToObject(o, key) && cJSON_AddStringToObject(how, key, t[i].default_text);
  }
  if (ok && cJSON_AddItemToObject(o, "derived_inputs", how)) return 1;
  cJSON_Delete(how);
  return 0;
}

cJSON *limen_report_workload(const limen_workload *w, limen_error *err) {
  limen_workload_derived d;
  if (limen_workload_derive(w, &d, err)) return NULL;
  cJSON *o = cJSON_CreateObject();
  size_t n;
  const limen_input *t = limen_workload_inputs(&n);
  int ok = o && cJSON_AddStringToObject(o, "name", w->name) && workload_inputs_json(o, t, n, w) &&
       cJSON_AddStringToObject(o, "ops", limen_ops_convention_name(w->ops)) &&
       cJSON_AddStringToObject(o, "lr_schedule", limen_lr_kind_name(w->lr_kind));
  cJSON *dj = ok ? cJSON_AddObjectToObject(o, "derived") : NULL;
  size_t nd;
  const limen_field *df = limen_workload_derived_fields(&nd);
  if (!dj || limen_json_fields(dj, &d, df, nd, 0) || (w->path && !path_json(o, w, &d))) {
    cJSON_Delete(o);
    limen_error_set(err, LIMEN_ENOMEM, "limen_workload_json", "out of memory");
    return NULL;
  }
  return o;
}

int limen_workload_json(const limen_workload *w, char **text, limen_error *err) {
  cJSON *o = limen_report_workload(w, err);
  if (!o) return err && err->code ? err->code : LIMEN_ENOMEM;
  return limen_json_finish(o, text, err);
}

/* ---- a projection -------------------------------------------------------------------------- */

#define PR limen_projection_record
#define W LIMEN_PROJECTION_WHOLE
#define D(member, unit, when, doc) LIMEN_FIELD_OF(PR, member, LIMEN_FIELD_DOUBLE, unit, when, doc)
static const limen_field projection_fields[] = {
    LIMEN_FIELD_OF(PR, paradigm, LIMEN_FIELD_CHARS, NULL, 0, "the paradigm's specification (JSON of the whole projection: \"name\")"),
    LIMEN_FIELD_OF(PR, description, LIMEN_FIELD_STRING, NULL, W | LIMEN_PROJECTION_JSON, "the paradigm type in one line"),
    LIMEN_FIELD_OF(PR, relation, LIMEN_FIELD_STRING, NULL, W, "lower-bound (no process of that kind does better) or cost-model"),
    D(energy_J, "J", 0, "training energy: the sum of the counted terms"),
    D(energy_kWh, "kWh", W, "the same in kWh"),
    D(compute_J, "J", 0, "arithmetic (JSON: under \"terms\"); null: not counted"),
    D(memory_J, "J", 0, "reads and data movement (JSON: under \"terms\"); null: not counted"),
    D(update_J, "J", 0, "parameter writes (JSON: under \"terms\"); null: not counted"),
    D(consolidation_J, "J", 0, "consolidation copies or barrier rises (JSON: under \"terms\"); null: not counted"),
    LIMEN_FIELD_OF(PR, counted_work, LIMEN_FIELD_CHARS, NULL, W, "the work counted, in symbols (C×16b, N·K×16b, W×16b the measured writes, +R, +C)"),
    D(floor_J, "J", 0, "Landauer floor of exactly the counted work"),
    LIMEN_FIELD_OF(PR, floor_relation, LIMEN_FIELD_STRING, NULL, W | LIMEN_PROJECTION_JSON, "bound, or reference when the work erases nothing"),
    D(bound_J, "J", W | LIMEN_PROJECTION_JSON, "lim-matched: the thermodynamic-uncertainty bound; null for the others"),
    D(ratio_to_floor, NULL, 0, "energy_J / floor_J"),
    D(ratio_to_headline, NULL, 0, "energy_J / the per-FLOP headline C·n·kT·ln2, where the counted work is its own"),
    D(headline_floor_J, "J", W | LIMEN_PROJECTION_CSV, "the per-FLOP headline C·n·kT·ln2 of the workload"),
    D(effective_bits, "bit", 0, "precision delivered by lim-matched; null for the others"),
    D(bits_used, "bit", W, "bits the profile's figures hold for"),
    LIMEN_FIELD_OF(PR, bits_mismatch, LIMEN_FIELD_FLAG, NULL, W, "the profile's bits differ from n (not rescaled)"),
    D(realized_J, "J", W, "accelerator: at the realized efficiency of published runs; null: unknown"),
    D(update_per_op_kT, "kT", 0, "cost of one update operation per bit; null: not applicable"),
};
#undef D
#undef W
#undef PR
enum { TERMS0 = 5, TERMS_N = 4, COUNTED_WORK = 9 }; /* indices in projection_fields (tested) */
#define N_PROJECTION_FIELDS (sizeof projection_fields / sizeof projection_fields[0])

const limen_field *limen_projection_fields(size_t *n) {
  if (n) *n = N_PROJECTION_FIELDS;
  return projection_fields;
}

const char *limen_projection_counted_work(char *buf, size_t n, const limen_projection *p, const limen_workload *w) {
  limen_workload_derived d;
  buf[0] = '\0';
  if (p->n_counts == 0 || limen_workload_derive(w, &d, NULL)) return buf;
  const limen_work_count *c = &p->counts[0];
  char ops[32];
  if (c->kind == LIMEN_WORK_FLOP && c->ops == d.flops) snprintf(ops, sizeof ops, "C");
  else if (c->kind == LIMEN_WORK_PARAMETER_UPDATE && c->ops == w->params * d.steps) snprintf(ops, sizeof ops, "N·K");
  else if (c->kind == LIMEN_WORK_PARAMETER_UPDATE && d.path.given && c->ops == d.path.writes)
    snprintf(ops, sizeof ops, "W"); /* the measured writes */
  else snprintf(ops, sizeof ops, "%.3g", c->ops);
  size_t at = (size_t)snprintf(buf, n, "%s×%gb%s", ops, c->bits, p->bits_mismatch ? "!" : "");
  for (size_t i = 1; i < p->n_counts && at < n; i++) {
    const char *x = p->counts[i].kind == LIMEN_WORK_READ            ? "+R"
                    : p->counts[i].kind == LIMEN_WORK_CONSOLIDATION ? "+C"
                                                                     : NULL;
    if (x) at += (size_t)snprintf(buf + at, n - at, "%s", x);
  }
  return buf;
}

int limen_projection_record_make(const limen_projection *p, const limen_workload *w, limen_projection_record *out,
                                 limen_error *err) {
  memset(out, 0, sizeof *out);
  snprintf(out->paradigm, sizeof out->paradigm, "%s", p->name);
  out->description = p->description ? p->description : "";
  out->relation = p->relation;
  out->energy_J = p->energy_J;
  out->energy_kWh = limen_J_to_kWh(p->energy_J);
  out->compute_J = p->compute_J;
  out->memory_J = p->memory_J;
  out->update_J = p->update_J;
  out->consolidation_J = p->consolidation_J;
  limen_projection_counted_work(out->counted_work, sizeof out->counted_work, p, w);
  out->floor_J = p->floor_J;
  out->floor_relation = p->floor_is_bound ? "bound" : "reference";
  out->bound_J = p->bound_J;
  out->ratio_to_floor = p->ratio_to_floor;
  out->ratio_to_headline = p->ratio_to_headline;
  out->headline_floor_J = p->headline_floor_J;
  out->effective_bits = p->effective_bits;
  out->bits_used = p->bits_used;
  out->bits_mismatch = p->bits_mismatch;
  out->realized_J = p->realized_J;
  out->update_per_op_kT = p->update_per_op_kT;
  (void)err;
  return LIMEN_OK;
}

#define WR limen_work_count_record
static const limen_field count_fields[] = {
    LIMEN_FIELD_OF(WR, kind, LIMEN_FIELD_STRING, NULL, 0, "flop, parameter-update, read, consolidation-copy or barrier-rise"),
    LIMEN_FIELD_OF(WR, term, LIMEN_FIELD_STRING, NULL, 0, "the energy term it is charged to"),
    LIMEN_FIELD_OF(WR, ops, LIMEN_FIELD_DOUBLE, NULL, 0, "number of operations"),
    LIMEN_FIELD_OF(WR, bits_per_op, LIMEN_FIELD_DOUBLE, "bit", 0, "bits per operation"),
    LIMEN_FIELD_OF(WR, success, LIMEN_FIELD_DOUBLE, NULL, 0, "success probability of one bit"),
    LIMEN_FIELD_OF(WR, floor_J, LIMEN_FIELD_DOUBLE, "J", 0, "Landauer floor of this work"),
    LIMEN_FIELD_OF(WR, floor_relation, LIMEN_FIELD_STRING, NULL, 0, "bound, or reference when the work erases nothing"),
};
#undef WR

const limen_field *limen_work_count_fields(size_t *n) {
  if (n) *n = sizeof count_fields / sizeof count_fields[0];
  return count_fields;
}

void limen_work_count_record_make(const limen_work_count *c, limen_work_count_record *out) {
  *out = (limen_work_count_record){limen_work_kind_name(c->kind), c->term,    c->ops,
                                   c->bits,                       c->success, c->floor_J,
                                   c->reference ? "reference" : "bound"};
}

static int json_counts(cJSON *o, const limen_projection *p) {
  cJSON *arr = cJSON_AddArrayToObject(o, "counts");
  size_t nf;
  const limen_field *f = limen_work_count_fields(&nf);
  for (size_t k = 0; arr && k < p->n_counts; k++) {
    cJSON *x = cJSON_CreateObject();
    if (!x || !cJSON_AddItemToArray(arr, x)) {
      cJSON_Delete(x);
      return LIMEN_ENOMEM;
    }
    limen_work_count_record r;
    limen_work_count_record_make(&p->counts[k], &r);
    if (limen_json_fields(x, &r, f, nf, 0)) return LIMEN_ENOMEM;
  }
  return arr ? LIMEN_OK : LIMEN_ENOMEM;
}

int limen_report_projection_json(cJSON *obj, const limen_projection *p, const limen_workload *w, unsigned has,
                                 limen_error *err) {
  limen_projection_record r;
  int s = limen_projection_record_make(p, w, &r, err);
  if (s) return s;
  const limen_field *f = projection_fields;
  int whole = (has & LIMEN_PROJECTION_WHOLE) != 0;
  /* the whole projection names its paradigm "name" */
  int ok = whole ? cJSON_AddStringToObject(obj, "name", r.paradigm) != NULL : !limen_json_fields(obj, &r, f, 1, has);
  ok = ok && !limen_json_fields(obj, &r, f + 1, TERMS0 - 1, has);
  cJSON *t = ok ? cJSON_AddObjectToObject(obj, "terms") : NULL;
  ok = t && !limen_json_fields(t, &r, f + TERMS0, TERMS_N, has);
  if (ok && whole) ok = !json_counts(obj, p);
  ok = ok && !limen_json_fields(obj, &r, f + COUNTED_WORK, N_PROJECTION_FIELDS - COUNTED_WORK, has);
  return ok ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "limen_projection_json", "out of memory");
}

int limen_report_projection_csv(FILE *f, const limen_projection *p, const limen_workload *w, unsigned has,
                                limen_error *err) {
  limen_projection_record r;
  int s = limen_projection_record_make(p, w, &r, err);
  if (!s) limen_csv_row(f, &r, projection_fields, N_PROJECTION_FIELDS, has);
  return s;
}

/* ---- the published energy beside a projection ------------------------------------------------ */

int limen_published_compare(const limen_model *m, const limen_workload *w, const limen_profile_set *profiles,
                            limen_published *out, limen_error *err) {
  memset(out, 0, sizeof *out);
  out->model = m;
  out->energy_J = m ? limen_model_published_energy_J(m) : NAN;
  out->pue = NAN;
  if (!m || isnan(out->energy_J) || !m->hardware_profile[0]) return LIMEN_OK;
  char spec[LIMEN_PARADIGM_SPEC_MAX];
  snprintf(spec, sizeof spec, "accelerator:%s", m->hardware_profile);
  limen_workload pw = *w;
  pw.pue = isnan(m->published_pue) ? 1.0 : m->published_pue;
  const char *const specs[1] = {spec};
  int s = limen_project(&pw, specs, 1, profiles, NULL, &out->projection, err);
  if (s) return limen_error_wrap(err, s, "model catalog", "row '%s': hardware_profile '%s'", m->name, m->hardware_profile);
  out->compared = 1;
  out->pue = pw.pue;
  return LIMEN_OK;
}
