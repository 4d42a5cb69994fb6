/* SPDX-License-Identifier: GPL-3.0-or-later
 * train_report.c: one training run and one Max-Cut anneal as `limen train` writes them for
 * machines (report.h, training experiments): the flat records and their field tables, the JSON
 * object (summary.json) and the traces (trace.csv).  The experiments' tables are in
 * experiment_report.c, their figures in train_figures.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/report.h"
#include "limen/units.h"
#include "report/record.h"
#include "report/train_report.h"

/* ---- one training run ---------------------------------------------------------------------------- */

#define TF(member, unit, doc) LIMEN_FIELD_OF(limen_train_record, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_train_fields[] = {
    LIMEN_FIELD_OF(limen_train_record, task, LIMEN_FIELD_CHARS, NULL, 0, "task"),
    LIMEN_FIELD_OF(limen_train_record, paradigm, LIMEN_FIELD_STRING, NULL, 0, "paradigm"),
    LIMEN_FIELD_OF(limen_train_record, schedule, LIMEN_FIELD_STRING, NULL, 0, "schedule"),
    LIMEN_FIELD_OF(limen_train_record, cells, LIMEN_FIELD_STRING, NULL, 0, "cells"),
    TF(final_test_accuracy, NULL, "final test accuracy"),
    TF(final_train_accuracy, NULL, "final training accuracy"),
    TF(final_loss, NULL, "final training loss"),
    TF(target_accuracy, NULL, "target test accuracy"),
    TF(energy_to_target_J, "J", "heat to reach the target"),
    TF(time_to_target_s, "s", "physical time to the target"),
    TF(steps_to_target, NULL, "steps to the target"),
    TF(total_heat_J, "J", "total heat (measured)"),
    TF(total_heat_kT, "kT", "total heat (measured)"),
    TF(heat_stderr_J, "J", "standard error of the total heat"),
    TF(closed_form_heat_J, "J", "closed-form expectation (H)/(S)"),
    TF(bound_J, "J", "bound for the same trajectory"),
    TF(heat_per_cell_step_J, "J", "heat per cell per step"),
    TF(heat_per_cell_step_kT, "kT", "heat per cell per step"),
    TF(steps, NULL, "steps"),
    TF(n_params, NULL, "parameters (cells)"),
    TF(window_s, "s", "update window"),
    TF(time_s, "s", "physical time"),
    TF(eta0, NULL, "initial learning rate"),
    TF(bits, NULL, "bits per parameter"),
    TF(w_max, NULL, "parameter range ±"),
    TF(final_barrier_kT, "kT", "barrier in the last window"),
    TF(final_rate_dt, NULL, "r·Δt in the last window"),
    TF(max_tilt_kT, "kT", "largest tilt per level"),
    TF(driven_cell_steps, NULL, "cell-steps driven over the barrier"),
    TF(elementary_ops, NULL, "bit flips / levels crossed"),
    TF(temperature_K, "K", "temperature"),
    TF(seed, NULL, "seed"),
    TF(wall_seconds, "s", "wall-clock time of the training loop"),
    TF(steps_per_second, NULL, "steps per second (wall clock)"),
    TF(physics_share, NULL, "share of the time in the cell physics"),
};
#undef TF

const limen_field *limen_train_record_fields(size_t *n) {
  if (n) *n = sizeof k_train_fields / sizeof *k_train_fields;
  return k_train_fields;
}

void limen_train_record_make(const limen_experiment_run *run, limen_train_record *o) {
  const limen_experiment_setup *s = &run->setup;
  const limen_train_result *r = &run->result;
  memset(o, 0, sizeof *o);
  snprintf(o->task, sizeof o->task, "%s", s->task);
  o->paradigm = r->paradigm;
  o->schedule = limen_lr_kind_name(s->train.lr.kind);
  o->cells = s->memory.cells == LIMEN_CELLS_LANGEVIN ? "langevin" : "jump statistics";
  o->final_test_accuracy = r->final_test_accuracy;
  o->final_train_accuracy = r->final_train_accuracy;
  o->final_loss = r->final_loss;
  o->target_accuracy = s->train.target;
  o->energy_to_target_J = r->energy_to_target_J;
  o->time_to_target_s = r->time_to_target_s;
  o->steps_to_target = limen_report_steps_to_target(r->steps_to_target);
  o->total_heat_J = r->total_heat_J;
  o->total_heat_kT = run->total_heat_kT;
  o->heat_stderr_J = r->heat_stderr_J;
  o->closed_form_heat_J = r->expected_heat_J;
  o->bound_J = r->bound_J;
  o->heat_per_cell_step_J = r->heat_per_cell_step_J;
  o->heat_per_cell_step_kT = run->heat_per_cell_step_kT;
  o->steps = (double)r->steps;
  o->n_params = (double)r->n_params;
  o->window_s = s->train.window_s;
  o->time_s = r->time_s;
  o->eta0 = s->train.lr.eta0;
  o->bits = (double)s->memory.bits;
  o->w_max = s->memory.w_max;
  o->final_barrier_kT = r->final_barrier_kT;
  o->final_rate_dt = r->final_rate_dt;
  o->max_tilt_kT = r->max_tilt_kT;
  o->driven_cell_steps = (double)r->driven;
  o->elementary_ops = r->ops;
  o->temperature_K = s->memory.temperature_K;
  o->seed = (double)s->memory.seed;
  const limen_train_timing *t = &r->timing;
  o->wall_seconds = t->wall_s;
  o->steps_per_second = t->wall_s > 0 ? (double)r->steps / t->wall_s : NAN;
  o->physics_share = t->physics_s + t->model_s > 0 ? t->physics_s / (t->physics_s + t->model_s) : NAN;
}

int limen_report_record_json(const void *rec, const limen_field *f, size_t n, char **text, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  int st = root ? limen_json_fields(root, rec, f, n, 0) : LIMEN_ENOMEM;
  if (!st) st = limen_json_text(root, text, err);
  else limen_error_set(err, st, "limen_report", "out of memory while building JSON");
  cJSON_Delete(root);
  return st;
}

int limen_train_json(const limen_experiment_run *run, char **text, limen_error *err) {
  limen_train_record rec;
  limen_train_record_make(run, &rec);
  return limen_report_record_json(&rec, k_train_fields, sizeof k_train_fields / sizeof *k_train_fields, text, err);
}

/* ---- one Max-Cut anneal ---------------------------------------------------------------------------- */

#define AF(member, unit, doc) LIMEN_FIELD_OF(limen_anneal_record, member, LIMEN_FIELD_DOUBLE, unit, 0, doc)
static const limen_field k_anneal_fields[] = {
    LIMEN_FIELD_OF(limen_anneal_record, task, LIMEN_FIELD_CHARS, NULL, 0, "task"),
    LIMEN_FIELD_OF(limen_anneal_record, paradigm, LIMEN_FIELD_STRING, NULL, 0, "paradigm"),
    LIMEN_FIELD_OF(limen_anneal_record, schedule, LIMEN_FIELD_STRING, NULL, 0, "schedule"),
    AF(best_cut, NULL, "best cut found"),
    AF(best_known_cut, NULL, "best-known cut"),
    AF(gap, NULL, "relative gap to best-known"),
    AF(final_cut, NULL, "cut at the end"),
    AF(best_sweep, NULL, "sweep of the best cut"),
    AF(target_fraction, NULL, "target fraction of best-known"),
    AF(energy_to_target_J, "J", "modulated heat to reach the target"),
    AF(time_to_target_s, "s", "physical time to the target"),
    AF(total_heat_J, "J", "modulated-barrier heat of the flips"),
    AF(coupling_work_J, "J", "work of raising the coupling"),
    AF(static_heat_J, "J", "static-barrier heat of the same flips"),
    AF(static_write_kT, "kT", "static write per flip"),
    AF(flips, NULL, "spin flips"),
    AF(sweeps, NULL, "sweeps"),
    AF(n_spins, NULL, "spins"),
    AF(beta0, NULL, "initial coupling J/kT per unit weight"),
    AF(beta_end, NULL, "final coupling J/kT per unit weight"),
    AF(barrier0_kT, "kT", "initial barrier"),
    AF(final_barrier_kT, "kT", "final barrier"),
    AF(attempt_rate0_per_s, "1/s", "flip attempt rate at E_b(0)"),
    AF(t0_s, "s", "t0 of the schedule"),
    AF(time_s, "s", "physical time of the anneal"),
    AF(tau0_s, "s", "intrinsic time τ₀ of a spin cell"),
    AF(temperature_K, "K", "temperature"),
    AF(seed, NULL, "seed"),
};
#undef AF

const limen_field *limen_anneal_record_fields(size_t *n) {
  if (n) *n = sizeof k_anneal_fields / sizeof *k_anneal_fields;
  return k_anneal_fields;
}

void limen_anneal_record_make(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_run *m,
                              limen_anneal_record *o) {
  const limen_anneal_result *r = &m->result;
  const limen_anneal_config *a = &c->anneal;
  memset(o, 0, sizeof *o);
  snprintf(o->task, sizeof o->task, "maxcut-%.*s", (int)sizeof m->graph, m->graph);
  o->paradigm = "lim-matched";
  o->schedule = "E_b(t) = E_b(0) + ln(1 + t/t0), J/kT = beta0 + kappa*(E_b(t) - E_b(0)), Glauber flips";
  o->best_cut = r->best_cut;
  o->best_known_cut = m->best_known;
  o->gap = m->gap;
  o->final_cut = r->final_cut;
  o->best_sweep = (double)r->best_sweep;
  o->target_fraction = c->target;
  o->energy_to_target_J = m->energy_to_target_J;
  o->time_to_target_s = m->time_to_target_s;
  o->total_heat_J = r->heat_modulated_J;
  o->coupling_work_J = r->coupling_work_J;
  o->static_heat_J = r->heat_static_J;
  o->static_write_kT = r->static_write_kT;
  o->flips = r->flips;
  o->sweeps = (double)a->sweeps;
  o->n_spins = (double)m->n_spins;
  o->beta0 = a->beta0;
  o->beta_end = a->beta_end;
  o->barrier0_kT = a->barrier0_kT;
  o->final_barrier_kT = r->final_barrier_kT;
  o->attempt_rate0_per_s = r->attempt_rate0_per_s;
  o->t0_s = r->t0_s;
  o->time_s = r->time_s;
  o->tau0_s = a->tau0_s;
  o->temperature_K = a->temperature_K;
  o->seed = (double)a->seed;
}

int limen_anneal_json(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_run *m, char **text,
                      limen_error *err) {
  limen_anneal_record rec;
  limen_anneal_record_make(c, m, &rec);
  return limen_report_record_json(&rec, k_anneal_fields, sizeof k_anneal_fields / sizeof *k_anneal_fields, text, err);
}

/* ---- traces ------------------------------------------------------------------------------------------ */

/* Numbers as the traces write them: limen_format_number, "nan" spelled out. */
static void put_nums(FILE *f, const double *v, size_t n) {
  char b[64];
  for (size_t i = 0; i < n; i++) fprintf(f, ",%s", limen_format_number(b, sizeof b, v[i]));
  fputc('\n', f);
}

int limen_train_trace_csv(const limen_train_result *r, char **text, limen_error *err) {
  limen_memtext m;
  int st = limen_memtext_open(&m, err);
  if (st) return st;
  limen_csv_provenance(m.f);
  fputs("step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy\n", m.f);
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_train_point *p = &r->points[i];
    double v[] = {p->time_s, p->heat_J, p->bound_J, p->loss, p->train_accuracy, p->test_accuracy};
    fprintf(m.f, "%zu", p->step);
    put_nums(m.f, v, sizeof v / sizeof *v);
  }
  return limen_memtext_close(&m, text, err);
}

int limen_anneal_trace_csv(const limen_anneal_result *r, char **text, limen_error *err) {
  limen_memtext m;
  int st = limen_memtext_open(&m, err);
  if (st) return st;
  limen_csv_provenance(m.f);
  fputs("sweep,time_s,beta,barrier_kT,cut,best_cut,heat_modulated_J,heat_static_J\n", m.f);
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_anneal_point *p = &r->points[i];
    double v[] = {p->time_s, p->beta, p->barrier_kT, p->cut, p->best_cut, p->heat_modulated_J, p->heat_static_J};
    fprintf(m.f, "%zu", p->sweep);
    put_nums(m.f, v, sizeof v / sizeof *v);
  }
  return limen_memtext_close(&m, text, err);
}
