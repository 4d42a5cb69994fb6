/* SPDX-License-Identifier: GPL-3.0-or-later
 * sweep_report.c: the text of `limen sweep` (report.h): a writer that takes the grid's points
 * one at a time and writes them as long or wide CSV, or as one JSON document whose rows carry
 * the projection's fields of project_report.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/record.h"

struct limen_sweep_writer {
  limen_sweep_report r;
  limen_memtext m;  /* CSV                          */
  cJSON *root;      /* JSON: the document           */
  cJSON *rows;      /* JSON: its "rows" array       */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
};

void limen_sweep_writer_progress(limen_sweep_writer *wr, void (*fn)(void *ctx, double fraction), void *ctx) {
  if (!wr) return;
  wr->progress = fn;
  wr->progress_ctx = ctx;
}

void limen_sweep_writer_report(limen_sweep_writer *wr, double fraction) {
  if (wr && wr->progress) wr->progress(wr->progress_ctx, fraction);
}

int limen_sweep_axes_check(const limen_sweep_axis *axes, size_t n_axes, limen_error *err) {
  double total = 1;
  for (size_t k = 0; k < n_axes; k++) {
    if (axes[k].points < 1 || axes[k].points > LIMEN_SWEEP_MAX_POINTS)
      return limen_error_set(err, LIMEN_EINVAL, __func__, "%s: points = %zu: allowed range integers [1, %d]",
                             axes[k].name, axes[k].points, LIMEN_SWEEP_MAX_POINTS);
    if (axes[k].log && !(axes[k].start > 0 && axes[k].stop > 0))
      return limen_error_set(err, LIMEN_EINVAL, __func__, "%s: a logarithmic grid needs START > 0 and STOP > 0",
                             axes[k].name);
    total *= (double)axes[k].points;
  }
  if (total > LIMEN_SWEEP_MAX_TOTAL)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "%.0f points: allowed at most %d", total, LIMEN_SWEEP_MAX_TOTAL);
  return LIMEN_OK;
}

double limen_sweep_axis_point(const limen_sweep_axis *a, size_t i) {
  return limen_grid_point(a->start, a->stop, i, a->points, a->log);
}

static int json_head(limen_sweep_writer *wr, limen_error *err) {
  const limen_sweep_report *r = &wr->r;
  cJSON *root = wr->root = cJSON_CreateObject();
  cJSON *va = root ? cJSON_AddArrayToObject(root, "vary") : NULL;
  int ok = va != NULL;
  for (size_t k = 0; ok && k < r->n_axes; k++) {
    const limen_sweep_axis *a = &r->axes[k];
    cJSON *v = cJSON_CreateObject();
    ok = v && cJSON_AddItemToArray(va, v);
    if (!ok) {
      cJSON_Delete(v);
      break;
    }
    ok = cJSON_AddStringToObject(v, "name", a->name) && limen_json_num(v, "start", a->start) &&
         limen_json_num(v, "stop", a->stop) && cJSON_AddNumberToObject(v, "points", (double)a->points) &&
         cJSON_AddBoolToObject(v, "log", a->log);
  }
  if (!ok) return limen_error_set(err, LIMEN_ENOMEM, "limen_sweep_writer_alloc", "out of memory");
  cJSON *wj = limen_report_workload(r->base, err);
  if (!wj) return err && err->code ? err->code : LIMEN_ENOMEM;
  cJSON_AddItemToObject(root, "workload", wj);
  cJSON *pa = cJSON_AddArrayToObject(root, "paradigms");
  for (size_t i = 0; pa && i < r->n_specs; i++)
    if (!cJSON_AddItemToArray(pa, cJSON_CreateString(r->specs[i]))) pa = NULL;
  wr->rows = pa ? cJSON_AddArrayToObject(root, "rows") : NULL;
  return wr->rows ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "limen_sweep_writer_alloc", "out of memory");
}

static void csv_head(limen_sweep_writer *wr) {
  const limen_sweep_report *r = &wr->r;
  FILE *f = wr->m.f;
  limen_csv_provenance(f);
  for (size_t k = 0; k < r->n_axes; k++) {
    limen_csv_field(f, r->axes[k].name);
    fputc(',', f);
  }
  if (r->format == LIMEN_SWEEP_CSV_LONG) {
    size_t nf;
    const limen_field *fl = limen_projection_fields(&nf);
    limen_csv_header(f, fl, nf, 0);
    return;
  }
  for (size_t i = 0; i < r->n_specs; i++) {
    char col[LIMEN_PARADIGM_SPEC_MAX + 8];
    snprintf(col, sizeof col, "%s_J", r->specs[i]);
    limen_csv_field(f, col);
    fputc(i + 1 < r->n_specs ? ',' : '\n', f);
  }
}

int limen_sweep_writer_alloc(const limen_sweep_report *r, limen_sweep_writer **out, limen_error *err) {
  *out = NULL;
  if (r->n_axes < 1 || r->n_axes > 2)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "n_axes = %zu: allowed range [1, 2]", r->n_axes);
  if (r->n_specs < 1) return limen_error_set(err, LIMEN_EINVAL, __func__, "n_specs = 0: give at least one paradigm");
  if (r->format < LIMEN_SWEEP_CSV_LONG || r->format > LIMEN_SWEEP_JSON)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "format = %d: allowed 0 (long CSV), 1 (wide CSV), 2 (JSON)",
                           (int)r->format);
  limen_sweep_writer *wr = calloc(1, sizeof *wr);
  if (!wr) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  wr->r = *r;
  int s = r->format == LIMEN_SWEEP_JSON ? json_head(wr, err) : limen_memtext_open(&wr->m, err);
  if (!s && r->format != LIMEN_SWEEP_JSON) csv_head(wr);
  if (s) {
    limen_sweep_writer_free(wr);
    return s;
  }
  *out = wr;
  return LIMEN_OK;
}

static int json_point(limen_sweep_writer *wr, const double *x, const limen_projection *proj, limen_error *err) {
  const limen_sweep_report *r = &wr->r;
  for (size_t p = 0; p < r->n_specs; p++) {
    cJSON *o = cJSON_CreateObject();
    int ok = o && cJSON_AddItemToArray(wr->rows, o);
    if (!ok) cJSON_Delete(o);
    for (size_t k = 0; ok && k < r->n_axes; k++) ok = limen_json_num(o, r->axes[k].name, x[k]) != NULL;
    if (!ok) return limen_error_set(err, LIMEN_ENOMEM, "limen_sweep_writer_point", "out of memory");
    int s = limen_report_projection_json(o, &proj[p], r->base, 0, err);
    if (s) return s;
  }
  return LIMEN_OK;
}

int limen_sweep_writer_is_csv(const limen_sweep_writer *wr) { return wr && wr->r.format != LIMEN_SWEEP_JSON; }

int limen_sweep_writer_point(limen_sweep_writer *wr, const double *x, const limen_projection *proj, limen_error *err) {
  if (wr->r.format == LIMEN_SWEEP_JSON) return json_point(wr, x, proj, err);
  return limen_sweep_csv_point(wr, wr->m.f, x, proj, err);
}

int limen_sweep_writer_text(limen_sweep_writer *wr, const char *text, limen_error *err) {
  if (!wr->m.f || fputs(text, wr->m.f) < 0)
    return limen_error_set(err, LIMEN_ENOMEM, "limen_sweep_writer", "out of memory while writing text");
  return LIMEN_OK;
}

int limen_sweep_csv_point(const limen_sweep_writer *wr, FILE *f, const double *x, const limen_projection *proj,
                          limen_error *err) {
  const limen_sweep_report *r = &wr->r;
  char v[64];
  for (size_t p = 0; p < r->n_specs; p++) {
    if (r->format == LIMEN_SWEEP_CSV_WIDE && p > 0) {
      fprintf(f, ",%s", limen_format_number(v, sizeof v, proj[p].energy_J));
      continue;
    }
    for (size_t k = 0; k < r->n_axes; k++) fprintf(f, "%s,", limen_format_number(v, sizeof v, x[k]));
    if (r->format == LIMEN_SWEEP_CSV_WIDE) {
      fputs(limen_format_number(v, sizeof v, proj[p].energy_J), f);
      continue;
    }
    int s = limen_report_projection_csv(f, &proj[p], r->base, 0, err);
    if (s) return s;
  }
  if (r->format == LIMEN_SWEEP_CSV_WIDE) fputc('\n', f);
  return LIMEN_OK;
}

int limen_sweep_writer_finish(limen_sweep_writer *wr, char **text, limen_error *err) {
  if (wr->r.format == LIMEN_SWEEP_JSON) {
    int s = limen_json_text(wr->root, text, err);
    cJSON_Delete(wr->root);
    wr->root = wr->rows = NULL;
    return s;
  }
  if (!wr->m.f) return limen_error_set(err, LIMEN_EINVAL, __func__, "the writer's text was already taken");
  return limen_memtext_close(&wr->m, text, err);
}

void limen_sweep_writer_free(limen_sweep_writer *wr) {
  if (!wr) return;
  cJSON_Delete(wr->root);
  if (wr->m.f) {
    char *t = NULL;
    if (limen_memtext_close(&wr->m, &t, NULL) == LIMEN_OK) free(t);
  }
  free(wr);
}
