/* SPDX-License-Identifier: GPL-3.0-or-later
 * experiment_report.c: the tables of `limen train --experiment` for machines (report.h, training
 * experiments): the paradigms, window and barrier sweeps, the scaling bridge and the Max-Cut
 * study as JSON (printed with --format json, summary.json) and as table.csv, each row a flat
 * record described by a field table. */
#include <stdlib.h>
#include <string.h>

#include "limen/report.h"
#include "report/record.h"
#include "report/train_report.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))
#define COL(type, header, kind, member) {header, kind, offsetof(type, member)}

/* ---- shared: CSV columns, a JSON document of a head and rows ------------------------------------- */

void limen_report_csv_header(FILE *f, const limen_report_column *c, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (i) fputc(',', f);
    limen_csv_field(f, c[i].header);
  }
  fputc('\n', f);
}

void limen_report_csv_row(FILE *f, const void *rec, const limen_report_column *c, size_t n) {
  char b[64];
  for (size_t i = 0; i < n; i++) {
    const char *p = (const char *)rec + c[i].offset;
    double d;
    if (i) fputc(',', f);
    if (c[i].kind == LIMEN_FIELD_STRING) limen_csv_field(f, *(const char *const *)(const void *)p);
    else if (c[i].kind == LIMEN_FIELD_CHARS) limen_csv_field(f, p);
    else if (memcpy(&d, p, sizeof d), isfinite(d)) fputs(limen_format_number(b, sizeof b, d), f);
  }
  fputc('\n', f);
}

/* Row i of a result made into a record. */
typedef union any_rec {
  limen_experiment_row_record sweep;
  limen_scaling_row_record scaling;
  limen_maxcut_row_record maxcut;
} any_rec;
typedef void (*row_fn)(const void *res, size_t i, any_rec *rec);

/* A document: the head's fields (before or after "runs"), and "runs" of rows made by make. */
typedef struct doc_spec {
  const void *head;
  const limen_field *hf;
  size_t nh;
  int runs_first;
  const limen_field *rf;
  size_t nr;
  unsigned has;
  row_fn make;
} doc_spec;

static int doc_json(const doc_spec *d, const void *res, size_t n, char **text, limen_error *err) {
  cJSON *root = cJSON_CreateObject(), *arr = NULL;
  any_rec rec;
  int st = root ? LIMEN_OK : LIMEN_ENOMEM;
  if (!st && !d->runs_first) st = limen_json_fields(root, d->head, d->hf, d->nh, 0);
  if (!st && !(arr = cJSON_AddArrayToObject(root, "runs"))) st = LIMEN_ENOMEM;
  for (size_t i = 0; !st && i < n; i++) {
    cJSON *row = cJSON_CreateObject();
    if (!row || !cJSON_AddItemToArray(arr, row)) {
      cJSON_Delete(row);
      st = LIMEN_ENOMEM;
      break;
    }
    d->make(res, i, &rec);
    st = limen_json_fields(row, &rec, d->rf, d->nr, d->has);
  }
  if (!st && d->runs_first) st = limen_json_fields(root, d->head, d->hf, d->nh, 0);
  if (!st) st = limen_json_text(root, text, err);
  else limen_error_set(err, st, "limen_report", "out of memory while building JSON");
  cJSON_Delete(root);
  return st;
}

static int doc_csv(const limen_report_column *c, size_t nc, row_fn make, const void *res, size_t n, char **text,
                   limen_error *err) {
  limen_memtext m;
  any_rec rec;
  int st = limen_memtext_open(&m, err);
  if (st) return st;
  limen_csv_provenance(m.f);
  limen_report_csv_header(m.f, c, nc);
  for (size_t i = 0; i < n; i++) {
    make(res, i, &rec);
    limen_report_csv_row(m.f, &rec, c, nc);
  }
  return limen_memtext_close(&m, text, err);
}

/* ---- paradigms, window and barrier --------------------------------------------------------------- */

typedef limen_experiment_row_record row_rec;
#define RF(member, unit, doc) LIMEN_FIELD_OF(row_rec, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_row_fields[] = {
    LIMEN_FIELD_OF(row_rec, paradigm, LIMEN_FIELD_STRING, NULL, 0, "memory paradigm"),
    {"window_s", LIMEN_FIELD_DOUBLE, offsetof(row_rec, value), "s", LIMEN_EXPERIMENT_ROW_WINDOW, "update window"},
    {"barrier_kT", LIMEN_FIELD_DOUBLE, offsetof(row_rec, value), "kT", LIMEN_EXPERIMENT_ROW_BARRIER,
     "barrier E_low (lim-fixed) or E_b(0) (lim-matched)"},
    RF(final_test_accuracy, NULL, "final test accuracy"),
    RF(final_loss, NULL, "final training loss"),
    RF(steps_to_target, NULL, "steps to the target (null: never)"),
    RF(energy_to_target_J, "J", "heat to the target"),
    RF(total_heat_J, "J", "total heat"),
    RF(closed_form_heat_J, "J", "closed form (H)/(S)"),
    RF(heat_stderr_J, "J", "standard error of the total heat"),
    RF(bound_J, "J", "bound for the same trajectory"),
    RF(heat_per_cell_step_J, "J", "heat per cell per step"),
    RF(final_rate_dt, NULL, "r·Δt in the last window"),
    RF(final_barrier_kT, "kT", "barrier in the last window"),
};
#undef RF

const limen_field *limen_experiment_row_fields(size_t *n) {
  if (n) *n = N_OF(k_row_fields);
  return k_row_fields;
}

void limen_experiment_row_make(const limen_experiment_sweep_run *e, limen_experiment_row_record *o) {
  const limen_train_result *r = &e->result;
  *o = (limen_experiment_row_record){e->paradigm, e->value, r->final_test_accuracy, r->final_loss,
                                     limen_report_steps_to_target(r->steps_to_target), r->energy_to_target_J,
                                     r->total_heat_J, r->expected_heat_J, r->heat_stderr_J, r->bound_J,
                                     r->heat_per_cell_step_J, r->final_rate_dt, r->final_barrier_kT};
}

unsigned limen_experiment_row_has(limen_experiment_kind kind) {
  return kind == LIMEN_EXPERIMENT_WINDOW ? LIMEN_EXPERIMENT_ROW_WINDOW
         : kind == LIMEN_EXPERIMENT_BARRIER ? LIMEN_EXPERIMENT_ROW_BARRIER : 0;
}

static void sweep_row(const void *res, size_t i, any_rec *rec) {
  limen_experiment_row_make(&((const limen_experiment_sweep_result *)res)->runs[i], &rec->sweep);
}

typedef struct sweep_head {
  const char *experiment;
  const char *task;
} sweep_head;
static const limen_field k_sweep_head[] = {
    LIMEN_FIELD_OF(sweep_head, experiment, LIMEN_FIELD_STRING, NULL, 0, "paradigms, window or barrier"),
    LIMEN_FIELD_OF(sweep_head, task, LIMEN_FIELD_STRING, NULL, 0, "task"),
};

int limen_experiment_sweep_json(const limen_experiment_sweep_result *r, char **text, limen_error *err) {
  sweep_head h = {limen_experiment_kind_name(r->kind), r->setup.task};
  doc_spec d = {&h, k_sweep_head, N_OF(k_sweep_head), 0, k_row_fields, N_OF(k_row_fields),
                limen_experiment_row_has(r->kind), sweep_row};
  return doc_json(&d, r, r->n_runs, text, err);
}

static const limen_report_column k_sweep_cols[] = {
    COL(row_rec, "paradigm", LIMEN_FIELD_STRING, paradigm),
    COL(row_rec, "value", LIMEN_FIELD_DOUBLE, value),
    COL(row_rec, "test acc", LIMEN_FIELD_DOUBLE, final_test_accuracy),
    COL(row_rec, "heat to target [J]", LIMEN_FIELD_DOUBLE, energy_to_target_J),
    COL(row_rec, "total heat [J]", LIMEN_FIELD_DOUBLE, total_heat_J),
    COL(row_rec, "closed form [J]", LIMEN_FIELD_DOUBLE, closed_form_heat_J),
    COL(row_rec, "bound [J]", LIMEN_FIELD_DOUBLE, bound_J),
    COL(row_rec, "r·Δt last", LIMEN_FIELD_DOUBLE, final_rate_dt),
};

int limen_experiment_sweep_csv(const limen_experiment_sweep_result *r, char **text, limen_error *err) {
  return doc_csv(k_sweep_cols, N_OF(k_sweep_cols), sweep_row, r, r->n_runs, text, err);
}

/* ---- scaling --------------------------------------------------------------------------------------- */

typedef limen_scaling_record sc_rec;
typedef limen_scaling_row_record scr_rec;
#define SF(member, unit, doc) LIMEN_FIELD_OF(sc_rec, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_scaling_fields[] = {
    LIMEN_FIELD_OF(sc_rec, experiment, LIMEN_FIELD_STRING, NULL, 0, "scaling"),
    LIMEN_FIELD_OF(sc_rec, task, LIMEN_FIELD_CHARS, NULL, 0, "task"),
    SF(params, NULL, "parameters N of this run"),
    SF(steps, NULL, "steps K of this run"),
    SF(grad_scale_effective, NULL, "learning path g = mean|Δw|·K/Σ η"),
    SF(tilt_per_level_effective_kT, "kT", "measured lim-matched tilt per level f"),
    SF(drift_diffusion_ratio_effective, NULL, "ρ = sinh(f/2)"),
    SF(landauer_adiabatic_same_run_J, "J", "landauer-adiabatic of this run"),
    SF(brain_scale_params, NULL, "N at brain scale"),
    SF(brain_scale_steps, NULL, "K at brain scale"),
    SF(landauer_adiabatic_brain_scale_J, "J", "landauer-adiabatic at brain scale"),
};
#undef SF
#define SR(member, unit, doc) LIMEN_FIELD_OF(scr_rec, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_scaling_row_fields[] = {
    LIMEN_FIELD_OF(scr_rec, paradigm, LIMEN_FIELD_STRING, NULL, 0, "measured memory paradigm"),
    LIMEN_FIELD_OF(scr_rec, projection, LIMEN_FIELD_STRING, NULL, 0, "limen project specification compared"),
    SR(measured_heat_J, "J", "measured heat"),
    SR(projected_same_run_J, "J", "projection of the same run"),
    SR(heat_per_elementary_op_kT, "kT", "measured heat per elementary operation"),
    SR(projected_update_per_op_kT, "kT", "projected update energy per operation"),
    SR(heat_per_cell_step_J, "J", "measured heat per cell per step"),
    SR(brain_scale_extrapolated_J, "J", "heat per cell-step × N·K at brain scale"),
    SR(brain_scale_projected_J, "J", "the projection at brain scale"),
};
#undef SR

const limen_field *limen_scaling_record_fields(size_t *n) {
  if (n) *n = N_OF(k_scaling_fields);
  return k_scaling_fields;
}

const limen_field *limen_scaling_row_fields(size_t *n) {
  if (n) *n = N_OF(k_scaling_row_fields);
  return k_scaling_row_fields;
}

void limen_scaling_record_make(const limen_experiment_scaling_result *r, limen_scaling_record *o) {
  memset(o, 0, sizeof *o);
  o->experiment = "scaling";
  memcpy(o->task, r->setup.task, sizeof o->task);
  o->task[sizeof o->task - 1] = '\0';
  o->params = r->params;
  o->steps = r->steps;
  o->grad_scale_effective = r->grad_scale;
  o->tilt_per_level_effective_kT = r->tilt_per_level_kT;
  o->drift_diffusion_ratio_effective = r->drift_diffusion_ratio;
  o->landauer_adiabatic_same_run_J = r->landauer_same_run_J;
  o->brain_scale_params = r->brain_params;
  o->brain_scale_steps = r->brain_steps;
  o->landauer_adiabatic_brain_scale_J = r->landauer_brain_J;
}

void limen_scaling_row_make(const limen_experiment_scaling_row *w, limen_scaling_row_record *o) {
  *o = (limen_scaling_row_record){w->paradigm, w->projection, w->result.total_heat_J, w->projected_J,
                                  w->heat_per_op_kT, w->projected_update_per_op_kT, w->result.heat_per_cell_step_J,
                                  w->brain_extrapolated_J, w->brain_projected_J, w->measured_over_projected};
}

static void scaling_row(const void *res, size_t i, any_rec *rec) {
  limen_scaling_row_make(&((const limen_experiment_scaling_result *)res)->rows[i], &rec->scaling);
}

int limen_experiment_scaling_json(const limen_experiment_scaling_result *r, char **text, limen_error *err) {
  sc_rec h;
  limen_scaling_record_make(r, &h);
  doc_spec d = {&h, k_scaling_fields, N_OF(k_scaling_fields), 0, k_scaling_row_fields, N_OF(k_scaling_row_fields),
                0, scaling_row};
  return doc_json(&d, r, LIMEN_EXPERIMENT_SCALING_ROWS, text, err);
}

static const limen_report_column k_scaling_cols[] = {
    COL(scr_rec, "measured paradigm", LIMEN_FIELD_STRING, paradigm),
    COL(scr_rec, "measured heat [J]", LIMEN_FIELD_DOUBLE, measured_heat_J),
    COL(scr_rec, "projection (same N, K, path)", LIMEN_FIELD_STRING, projection),
    COL(scr_rec, "projected [J]", LIMEN_FIELD_DOUBLE, projected_same_run_J),
    COL(scr_rec, "measured / projected", LIMEN_FIELD_DOUBLE, measured_over_projected),
    COL(scr_rec, "heat per op [kT]", LIMEN_FIELD_DOUBLE, heat_per_elementary_op_kT),
    COL(scr_rec, "brain-scale: N·K × measured [J]", LIMEN_FIELD_DOUBLE, brain_scale_extrapolated_J),
    COL(scr_rec, "limen project brain-scale [J]", LIMEN_FIELD_DOUBLE, brain_scale_projected_J),
};

int limen_experiment_scaling_csv(const limen_experiment_scaling_result *r, char **text, limen_error *err) {
  return doc_csv(k_scaling_cols, N_OF(k_scaling_cols), scaling_row, r, LIMEN_EXPERIMENT_SCALING_ROWS, text, err);
}

/* ---- the Max-Cut study --------------------------------------------------------------------------- */

typedef limen_maxcut_study_record ms_rec;
typedef limen_maxcut_row_record mr_rec;
#define MS(member, unit, doc) LIMEN_FIELD_OF(ms_rec, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_study_fields[] = {
    LIMEN_FIELD_OF(ms_rec, experiment, LIMEN_FIELD_STRING, NULL, 0, "maxcut"),
    MS(target_fraction, NULL, "target fraction of the best-known cut"),
    MS(sweeps, NULL, "sweeps"),
    MS(beta0, NULL, "initial coupling J/kT per unit weight"),
    MS(beta_end, NULL, "final coupling J/kT per unit weight"),
    MS(barrier0_kT, "kT", "initial barrier E_b(0)"),
    MS(barrier_rise_kT, "kT", "rise of the barrier over the run"),
    MS(tau0_s, "s", "intrinsic time τ₀ of a spin cell"),
    MS(temperature_K, "K", "temperature"),
    MS(seed, NULL, "seed"),
};
#undef MS
#define MR(member, unit, doc) LIMEN_FIELD_OF(mr_rec, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_mrow_fields[] = {
    LIMEN_FIELD_OF(mr_rec, graph, LIMEN_FIELD_CHARS, NULL, 0, "G-set graph"),
    MR(n_spins, NULL, "spins"),
    MR(best_cut, NULL, "best cut found"),
    MR(best_known_cut, NULL, "best-known cut"),
    MR(gap, NULL, "1 − best cut / best-known"),
    MR(final_cut, NULL, "cut at the end"),
    MR(best_sweep, NULL, "sweep of the best cut"),
    MR(energy_to_target_J, "J", "modulated heat to the target (null: never)"),
    MR(time_to_target_s, "s", "physical time to the target (null: never)"),
    MR(total_heat_J, "J", "modulated-barrier heat of the flips"),
    MR(coupling_work_J, "J", "work of raising the coupling"),
    MR(static_heat_J, "J", "the same flips as static writes"),
    MR(flips, NULL, "spin flips"),
    MR(time_s, "s", "physical time of the anneal"),
};
#undef MR

const limen_field *limen_maxcut_study_fields(size_t *n) {
  if (n) *n = N_OF(k_study_fields);
  return k_study_fields;
}

const limen_field *limen_maxcut_row_fields(size_t *n) {
  if (n) *n = N_OF(k_mrow_fields);
  return k_mrow_fields;
}

void limen_maxcut_study_make(const limen_experiment_maxcut_config *c, limen_maxcut_study_record *o) {
  const limen_anneal_config *a = &c->anneal;
  *o = (limen_maxcut_study_record){"maxcut", c->target, (double)a->sweeps, a->beta0, a->beta_end, a->barrier0_kT,
                                   a->barrier_rise_kT, a->tau0_s, a->temperature_K, (double)a->seed};
}

void limen_maxcut_row_make(const limen_experiment_maxcut_run *m, limen_maxcut_row_record *o) {
  const limen_anneal_result *r = &m->result;
  memset(o, 0, sizeof *o);
  memcpy(o->graph, m->graph, sizeof o->graph);
  o->graph[sizeof o->graph - 1] = '\0';
  o->n_spins = (double)m->n_spins;
  o->best_cut = r->best_cut;
  o->best_known_cut = m->best_known;
  o->gap = m->gap;
  o->final_cut = r->final_cut;
  o->best_sweep = (double)r->best_sweep;
  o->energy_to_target_J = m->energy_to_target_J;
  o->time_to_target_s = m->time_to_target_s;
  o->total_heat_J = r->heat_modulated_J;
  o->coupling_work_J = r->coupling_work_J;
  o->static_heat_J = r->heat_static_J;
  o->flips = r->flips;
  o->time_s = r->time_s;
}

static void maxcut_row(const void *res, size_t i, any_rec *rec) {
  limen_maxcut_row_make(&((const limen_experiment_maxcut_result *)res)->runs[i], &rec->maxcut);
}

int limen_experiment_maxcut_json(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_result *r,
                                 char **text, limen_error *err) {
  ms_rec h;
  limen_maxcut_study_make(c, &h);
  doc_spec d = {&h, k_study_fields, N_OF(k_study_fields), 1, k_mrow_fields, N_OF(k_mrow_fields), 0, maxcut_row};
  return doc_json(&d, r, r->n_runs, text, err);
}

static const limen_report_column k_study_cols[] = {
    COL(mr_rec, "graph", LIMEN_FIELD_CHARS, graph),
    COL(mr_rec, "spins", LIMEN_FIELD_DOUBLE, n_spins),
    COL(mr_rec, "best cut", LIMEN_FIELD_DOUBLE, best_cut),
    COL(mr_rec, "best-known", LIMEN_FIELD_DOUBLE, best_known_cut),
    COL(mr_rec, "gap", LIMEN_FIELD_DOUBLE, gap),
    COL(mr_rec, "heat to target [J]", LIMEN_FIELD_DOUBLE, energy_to_target_J),
    COL(mr_rec, "time to target [s]", LIMEN_FIELD_DOUBLE, time_to_target_s),
    COL(mr_rec, "modulated heat [J]", LIMEN_FIELD_DOUBLE, total_heat_J),
    COL(mr_rec, "static heat [J]", LIMEN_FIELD_DOUBLE, static_heat_J),
    COL(mr_rec, "time [s]", LIMEN_FIELD_DOUBLE, time_s),
};

int limen_experiment_maxcut_csv(const limen_experiment_maxcut_result *r, char **text, limen_error *err) {
  return doc_csv(k_study_cols, N_OF(k_study_cols), maxcut_row, r, r->n_runs, text, err);
}
