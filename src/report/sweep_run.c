/* SPDX-License-Identifier: GPL-3.0-or-later
 * sweep_run.c: a whole sweep as one call (report.h, limen_sweep_run) — every grid point's
 * workload by the library's rule (limen_workload_setup_vary), every paradigm projected there,
 * the points handed to the writer in grid order.  Points are projected in blocks across the
 * OpenMP threads and written in order afterwards: the text does not depend on the thread
 * count, and a failing point is the first in grid order, as in a sequential run. */
#include <stdlib.h>
#include <string.h>

#include "limen/report.h"

#define SWEEP_BLOCK 64 /* points projected at once: BLOCK × specs projections in memory */

typedef struct sweep_job {
  const limen_workload_setup *setup;
  const limen_sweep_axis *axes;
  size_t n_axes, n2;
  limen_paradigm **par;
  size_t n_specs;
} sweep_job;

/* The axis values of grid point k (axis 0 outer). */
static void point_x(const sweep_job *j, size_t k, double x[2]) {
  x[0] = limen_sweep_axis_point(&j->axes[0], k / j->n2);
  x[1] = j->n_axes == 2 ? limen_sweep_axis_point(&j->axes[1], k % j->n2) : 0.0;
}

/* Project grid point k into out[0 … n_specs−1]. */
static int project_point(const sweep_job *j, size_t k, limen_projection *out, limen_error *err) {
  limen_workload w = j->setup->w;
  double x[2];
  point_x(j, k, x);
  int st = LIMEN_OK;
  for (size_t a = 0; a < j->n_axes && !st; a++) st = limen_workload_setup_vary(j->setup, &w, j->axes[a].name, x[a], err);
  if (st) return st; /* about an input ("<name> = ...", field set): as the library said it */
  for (size_t s = 0; s < j->n_specs && !st; s++) {
    st = limen_paradigm_project(j->par[s], &w, NULL, &out[s], err);
    if (st) limen_error_wrap(err, st, "paradigm", "'%s'", j->par[s]->spec);
  }
  if (st && j->n_axes == 2)
    return limen_error_wrap(err, st, "sweep point", "%s = %.10g, %s = %.10g", j->axes[0].name, x[0], j->axes[1].name,
                            x[1]);
  if (st) return limen_error_wrap(err, st, "sweep point", "%s = %.10g", j->axes[0].name, x[0]);
  return LIMEN_OK;
}

/* Points [k0, k0 + n) into proj (n × n_specs), then written in order. */
static int run_block(const sweep_job *j, size_t k0, size_t n, limen_projection *proj, int *st, limen_error *errs,
                     limen_sweep_writer *wr, limen_error *err) {
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t i = 0; i < n; i++) {
    limen_error_clear(&errs[i]);
    st[i] = project_point(j, k0 + i, &proj[i * j->n_specs], &errs[i]);
  }
  for (size_t i = 0; i < n; i++) {
    if (st[i]) {
      if (err) *err = errs[i];
      return st[i];
    }
    double x[2];
    point_x(j, k0 + i, x);
    int rc = limen_sweep_writer_point(wr, x, &proj[i * j->n_specs], err);
    if (rc) return rc;
  }
  return LIMEN_OK;
}

static int alloc_paradigms(const char *const *specs, size_t n, const limen_profile_set *profiles,
                           limen_paradigm **par, limen_error *err) {
  for (size_t s = 0; s < n; s++) {
    int st = limen_paradigm_alloc(specs[s], profiles, &par[s], err);
    if (st) { /* about the input paradigm: a front end puts its spelling before it */
      limen_error_wrap(err, st, "paradigm", "'%s'", specs[s]);
      limen_error_set_fields(err, "paradigm", specs[s], NULL);
      return st;
    }
  }
  return LIMEN_OK;
}

int limen_sweep_run(const limen_workload_setup *setup, const limen_sweep_axis *axes, size_t n_axes,
                    const char *const *specs, size_t n_specs, const limen_profile_set *profiles,
                    limen_sweep_writer *wr, limen_error *err) {
  static const char *fn = "limen_sweep_run";
  if (!setup || !axes || !specs || !wr || n_specs == 0 || n_axes < 1 || n_axes > 2)
    return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument, no paradigm, or not one or two axes");
  int rc = limen_sweep_axes_check(axes, n_axes, err);
  if (rc) return rc;
  sweep_job j = {setup, axes, n_axes, n_axes == 2 ? axes[1].points : 1, NULL, n_specs};
  size_t total = axes[0].points * j.n2;
  j.par = calloc(n_specs, sizeof *j.par);
  limen_projection *proj = malloc(SWEEP_BLOCK * n_specs * sizeof *proj);
  int *st = malloc(SWEEP_BLOCK * sizeof *st);
  limen_error *errs = malloc(SWEEP_BLOCK * sizeof *errs);
  if (!j.par || !proj || !st || !errs) rc = limen_error_set(err, LIMEN_ENOMEM, fn, "%zu paradigms", n_specs);
  if (rc == LIMEN_OK) rc = alloc_paradigms(specs, n_specs, profiles, j.par, err);
  for (size_t k0 = 0; rc == LIMEN_OK && k0 < total; k0 += SWEEP_BLOCK)
    rc = run_block(&j, k0, total - k0 < SWEEP_BLOCK ? total - k0 : SWEEP_BLOCK, proj, st, errs, wr, err);
  for (size_t s = 0; j.par && s < n_specs; s++) limen_paradigm_free(j.par[s]);
  free(j.par);
  free(proj);
  free(st);
  free(errs);
  return rc;
}
