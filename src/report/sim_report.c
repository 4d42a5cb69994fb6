/* SPDX-License-Identifier: GPL-3.0-or-later
 * sim_report.c: one simulation's report (simulate.h, limen_sim_report) as text — what `limen
 * simulate` writes as JSON, and the files of --out (result.json and, as CSV, the work and heat
 * histograms or the final density) — made here so that the tool and the Python package write the
 * same keys and digits. */
#include <math.h>
#include <string.h>

#include "limen/report.h"
#include "limen/units.h"
#include "report/record.h"

#define F(key, member, kind, unit, when) \
  {key, LIMEN_FIELD_##kind, offsetof(limen_sim_report, member), unit, when, NULL}
#define L LIMEN_SIM_HAS_LANGEVIN
#define P LIMEN_SIM_HAS_PASSAGE
static const limen_field k_fields[] = {
    F("protocol", protocol, STRING, NULL, 0), F("kind", kind, STRING, NULL, 0),
    F("potential", potential, STRING, NULL, 0), F("method", method, STRING, NULL, 0),
    F("integrator", integrator, STRING, NULL, L),
    F("mean_work_kT", summary.mean_work, DOUBLE, "kT", 0), F("stderr_work_kT", summary.stderr_work, DOUBLE, "kT", 0),
    F("mean_heat_kT", summary.mean_heat, DOUBLE, "kT", 0), F("stderr_heat_kT", summary.stderr_heat, DOUBLE, "kT", 0),
    F("mean_dU_kT", summary.mean_dU, DOUBLE, "kT", 0), F("stderr_dU_kT", summary.stderr_dU, DOUBLE, "kT", 0),
    F("success", summary.success, DOUBLE, NULL, 0), F("stderr_success", summary.stderr_success, DOUBLE, NULL, 0),
    F("bound_kT", summary.bound.value_kT, DOUBLE, "kT", 0), F("bound", summary.bound.name, STRING, NULL, 0),
    F("bound_quantity", summary.bound.quantity, STRING, NULL, 0),
    F("bound_relation", summary.bound.relation, STRING, NULL, 0),
    F("bound_success", summary.bound.success_used, DOUBLE, NULL, 0),
    F("landauer_generalized_kT", summary.bound.landauer_kT, DOUBLE, "kT", 0),
    F("bound_stderr_kT", summary.bound.stderr_kT, DOUBLE, "kT", 0),
    F("information_kT", summary.bound.information_kT, DOUBLE, "kT", 0),
    F("occupation_initial", summary.bound.occupation_initial, DOUBLE, NULL, 0),
    F("occupation_final", summary.bound.occupation_final, DOUBLE, NULL, 0),
    F("mean_work_J", mean_work_J, DOUBLE, "J", 0), F("mean_heat_J", mean_heat_J, DOUBLE, "J", 0),
    F("temperature_K", temperature_K, DOUBLE, "K", 0), F("tau0_s", tau0_s, DOUBLE, "s", 0),
    F("duration_tau0", summary.duration, DOUBLE, "tau0", 0), F("duration_s", duration_s, DOUBLE, "s", 0),
    F("dt_tau0", summary.dt, DOUBLE, "tau0", 0), F("dt_s", dt_s, DOUBLE, "s", 0),
    F("steps", summary.steps, SIZE, NULL, 0),
    F("first_law_residual_kT", summary.first_law_residual, DOUBLE, "kT", 0),
    F("start_x", start_x, DOUBLE, "a", LIMEN_SIM_HAS_START), F("passage_x", passage_x, DOUBLE, "a", P),
    F("passed", passed, SIZE, NULL, P), F("mean_passage_tau0", mean_passage_tau0, DOUBLE, "tau0", P),
    F("stderr_passage_tau0", stderr_passage_tau0, DOUBLE, "tau0", P),
    F("exact_passage_tau0", exact_passage_tau0, DOUBLE, "tau0", P), F("passage_z", passage_z, DOUBLE, NULL, P),
    F("mean_passage_s", mean_passage_s, DOUBLE, "s", P),
    F("grid_cells", grid_cells, SIZE, NULL, LIMEN_SIM_HAS_FP), F("grid_dx", grid_dx, DOUBLE, "a", LIMEN_SIM_HAS_FP),
    F("grid_x_lo", grid_x_lo, DOUBLE, "a", LIMEN_SIM_HAS_FP), F("grid_x_hi", grid_x_hi, DOUBLE, "a", LIMEN_SIM_HAS_FP),
    F("mass_error", mass_error, DOUBLE, NULL, LIMEN_SIM_HAS_FP), F("trajectories", trajectories, SIZE, NULL, L),
    F("seed", seed, LONG, NULL, L), F("wall_seconds", wall_seconds, DOUBLE, "s", 0),
};
#undef P
#undef L
#undef F
#define N_FIELDS (sizeof k_fields / sizeof k_fields[0])

const limen_field *limen_sim_report_fields(size_t *n) {
  if (n) *n = N_FIELDS;
  return k_fields;
}

int limen_sim_report_json(const limen_sim_report *r, char **text, limen_error *err) {
  if (!r || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  cJSON *root = cJSON_CreateObject();
  int st = root ? limen_json_fields(root, r, k_fields, N_FIELDS, r->has) : LIMEN_ENOMEM;
  if (!st) st = limen_json_text(root, text, err);
  else limen_error_set(err, st, __func__, "out of memory");
  cJSON_Delete(root);
  return st;
}

/* Rows "lo,hi,count" (a histogram: n bins, n + 1 edges in a) or "x,y" (b: n values). */
static int csv_columns(const char *header, size_t n, const double *a, const double *b, int hist, char **text,
                       limen_error *err) {
  limen_memtext m;
  int st = limen_memtext_open(&m, err);
  if (st) return st;
  limen_csv_provenance(m.f);
  fputs(header, m.f);
  char x[2][64];
  for (size_t i = 0; i < n; i++) {
    if (hist)
      fprintf(m.f, "%s,%s,%.0f\n", limen_format_number(x[0], 64, a[i]), limen_format_number(x[1], 64, a[i + 1]),
              b[i]);
    else fprintf(m.f, "%s,%s\n", limen_format_number(x[0], 64, a[i]), limen_format_number(x[1], 64, b[i]));
  }
  return limen_memtext_close(&m, text, err);
}

int limen_histogram_csv(const limen_histogram *h, char **text, limen_error *err) {
  if (!h || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return csv_columns("bin_lo_kT,bin_hi_kT,count\n", h->bins, h->edges, h->counts, 1, text, err);
}

int limen_fp_density_csv(const limen_fp_result *r, char **text, limen_error *err) {
  if (!r || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return csv_columns("x_a,density_per_a\n", r->n_cells, r->x, r->rho, 0, text, err);
}

void limen_sim_files_clear(limen_out_file files[LIMEN_SIM_FILES_MAX], size_t n) {
  for (size_t i = 0; files && i < n && i < LIMEN_SIM_FILES_MAX; i++) {
    limen_free(files[i].text);
    files[i].text = NULL;
  }
}

int limen_sim_files(const limen_simulate_result *r, limen_out_file files[LIMEN_SIM_FILES_MAX], size_t *n,
                    limen_error *err) {
  if (!r || !files || !n) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(files, 0, LIMEN_SIM_FILES_MAX * sizeof *files);
  *n = 1;
  files[0].name = "result.json";
  int st = limen_sim_report_json(&r->report, &files[0].text, err);
  if (!st && (r->report.has & LIMEN_SIM_HAS_FP)) {
    files[*n].name = "density.csv";
    st = limen_fp_density_csv(&r->fp, &files[(*n)++].text, err);
  }
  const limen_histogram *h[] = {r->langevin.work_hist, r->langevin.heat_hist};
  static const char *const names[] = {"work_hist.csv", "heat_hist.csv"};
  for (size_t i = 0; !st && !(r->report.has & LIMEN_SIM_HAS_FP) && i < 2; i++) {
    if (!h[i]) continue;
    files[*n].name = names[i];
    st = limen_histogram_csv(h[i], &files[(*n)++].text, err);
  }
  return st;
}
