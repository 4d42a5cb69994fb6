/* SPDX-License-Identifier: GPL-3.0-or-later
 * sweep_run.c: a whole sweep as one call (report.h, limen_sweep_run) — every grid point's
 * workload by the library's rule (limen_workload_setup_vary), every paradigm projected there,
 * the points handed to the writer in grid order.  Points are projected in blocks across the
 * OpenMP threads and written in order afterwards: the text does not depend on the thread
 * count, and a failing point is the first in grid order, as in a sequential run. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "limen/report.h"
#include "limen/spread.h"
#include "report/record.h"

#define SWEEP_BLOCK 64 /* points projected at once: BLOCK × specs projections in memory */
#define SPREAD_CHUNK 512 /* over processes: points between two joins (each process holds them all) */
/* One process, CSV: each point is formatted by the thread that projected it, so only its text
 * stays (≈ 1 kB) and each thread needs one point's projections; blocks this long keep the
 * threads' joins few — on a machine busy with other jobs each join waits for a descheduled
 * thread, and with blocks of 64 points two threads ran slower than one. */
#define SWEEP_TEXT_BLOCK 1024

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
    st = limen_paradigm_project_numbers(j->par[s], &w, NULL, &out[s], err);
    if (st) limen_error_wrap(err, st, "paradigm", "'%s'", j->par[s]->spec);
  }
  if (st && j->n_axes == 2)
    return limen_error_wrap(err, st, "sweep point", "%s = %.10g, %s = %.10g", j->axes[0].name, x[0], j->axes[1].name,
                            x[1]);
  if (st) return limen_error_wrap(err, st, "sweep point", "%s = %.10g", j->axes[0].name, x[0]);
  return LIMEN_OK;
}

/* A chunk of points as the items of a limen_spread_job: each process projects its block of
 * the chunk (run_chunk), the items report its status and carry its projections, the static
 * strings of a projection (description, relation, each count's term) travel as indices. */
typedef struct sweep_chunk {
  const sweep_job *j;
  limen_projection *proj;
  int *st;
  limen_error *errs;
  char **text; /* the CSV lines of each point, formatted across the threads */
} sweep_chunk;

static const char *const k_terms[] = {"compute", "memory", "update", "consolidation"};
enum { N_TERMS = sizeof k_terms / sizeof *k_terms };

static int chunk_run(void *ctx, size_t i, limen_error *err) {
  const sweep_chunk *c = ctx;
  if (c->st[i] && err) *err = c->errs[i];
  return c->st[i];
}

/* A projection travels as its members up to the assumptions, the terms' indices and the
 * assumptions in use, each as its string with the NUL (the array is most of its size). */
enum { HEAD = offsetof(limen_projection, assumptions) };

static size_t chunk_size(void *ctx, size_t i) {
  const sweep_chunk *c = ctx;
  size_t n = 0;
  for (size_t s = 0; s < c->j->n_specs; s++) {
    const limen_projection *p = &c->proj[i * c->j->n_specs + s];
    n += HEAD + LIMEN_MAX_COUNTS;
    for (size_t a = 0; a < p->n_assumptions; a++) n += strlen(p->assumptions[a]) + 1;
  }
  return n;
}

static void chunk_pack(void *ctx, size_t i, unsigned char *buf) {
  const sweep_chunk *c = ctx;
  size_t at = 0;
  for (size_t s = 0; s < c->j->n_specs; s++) {
    const limen_projection *p = &c->proj[i * c->j->n_specs + s];
    unsigned char term[LIMEN_MAX_COUNTS];
    for (size_t k = 0; k < LIMEN_MAX_COUNTS; k++) {
      term[k] = N_TERMS;
      for (unsigned char t = 0; k < p->n_counts && t < N_TERMS; t++)
        if (p->counts[k].term && strcmp(p->counts[k].term, k_terms[t]) == 0) term[k] = t;
    }
    limen_spread_put(buf, &at, p, HEAD);
    limen_spread_put(buf, &at, term, sizeof term);
    for (size_t a = 0; a < p->n_assumptions; a++) limen_spread_put(buf, &at, p->assumptions[a], strlen(p->assumptions[a]) + 1);
  }
}

static int chunk_unpack(void *ctx, size_t i, const unsigned char *buf, size_t n, limen_error *err) {
  const sweep_chunk *c = ctx;
  size_t at = 0;
  for (size_t s = 0; s < c->j->n_specs; s++) {
    limen_projection *p = &c->proj[i * c->j->n_specs + s];
    unsigned char term[LIMEN_MAX_COUNTS];
    if (n - at < HEAD + sizeof term) return limen_error_set(err, LIMEN_EINTERNAL, "limen_sweep_run", "short point");
    memset(p, 0, sizeof *p);
    limen_spread_take(buf, &at, p, HEAD);
    limen_spread_take(buf, &at, term, sizeof term);
    if (p->n_assumptions > LIMEN_MAX_ASSUMPTIONS)
      return limen_error_set(err, LIMEN_EINTERNAL, "limen_sweep_run", "bad point");
    for (size_t a = 0; a < p->n_assumptions; a++) {
      size_t len = strnlen((const char *)buf + at, n - at);
      if (len == n - at || len >= LIMEN_ASSUMPTION_MAX)
        return limen_error_set(err, LIMEN_EINTERNAL, "limen_sweep_run", "bad point");
      limen_spread_take(buf, &at, p->assumptions[a], len + 1);
    }
    p->description = c->j->par[s]->type->description;
    p->relation = c->j->par[s]->type->relation;
    for (size_t k = 0; k < LIMEN_MAX_COUNTS; k++) p->counts[k].term = term[k] < N_TERMS ? k_terms[term[k]] : NULL;
  }
  return at == n ? LIMEN_OK : limen_error_set(err, LIMEN_EINTERNAL, "limen_sweep_run", "short point");
}

/* Point i of the chunk, projected into proj, as CSV lines into c->text[i] (status c->st[i], its
 * error c->errs[i]). */
static void format_point(const sweep_job *j, size_t k0, size_t i, const limen_projection *proj, sweep_chunk *c,
                         const limen_sweep_writer *wr) {
  double x[2];
  limen_memtext m;
  c->text[i] = NULL;
  point_x(j, k0 + i, x);
  int st = limen_memtext_open(&m, &c->errs[i]);
  if (!st) st = limen_sweep_csv_point(wr, m.f, x, proj, &c->errs[i]);
  if (m.f) {
    int closed = limen_memtext_close(&m, &c->text[i], st ? NULL : &c->errs[i]);
    if (!st) st = closed;
  }
  c->st[i] = st;
}

/* The formatted points [0, n) appended in order (the first failure returned); texts freed. */
static int append_points(size_t n, sweep_chunk *c, limen_sweep_writer *wr, limen_error *err) {
  int rc = LIMEN_OK;
  for (size_t i = 0; i < n; i++) {
    if (!rc && c->st[i]) {
      *err = c->errs[i];
      rc = c->st[i];
    }
    if (!rc) rc = limen_sweep_writer_text(wr, c->text[i], err);
    free(c->text[i]);
    c->text[i] = NULL;
  }
  return rc;
}

/* Points [0, n) of the chunk, all projected, handed to the writer one after another. */
static int write_points(const sweep_job *j, size_t k0, size_t n, const sweep_chunk *c, limen_sweep_writer *wr,
                        limen_error *err) {
  int rc = LIMEN_OK;
  for (size_t i = 0; !rc && i < n; i++) {
    double x[2];
    point_x(j, k0 + i, x);
    rc = limen_sweep_writer_point(wr, x, &c->proj[i * j->n_specs], err);
  }
  return rc;
}

/* Points [k0, k0 + n), written in order.  One process, CSV (text_only): each point projected
 * into its thread's n_specs projections and formatted by that thread in one parallel loop, then
 * appended (the serial part is a copy).  Otherwise into proj (n × n_specs), this process's block
 * of them across the OpenMP threads, joined over sp (one process: the first failure in grid
 * order), then written (JSON: one point after another; CSV: formatted across the threads). */
static int run_chunk(const sweep_job *j, const limen_spread *sp, int text_only, size_t k0, size_t n, sweep_chunk *c,
                     limen_sweep_writer *wr, limen_error *err) {
  if (text_only) {
#pragma omp parallel for schedule(dynamic, 1)
    for (size_t i = 0; i < n; i++) {
      limen_projection *proj = &c->proj[(size_t)omp_get_thread_num() * j->n_specs];
      limen_error_clear(&c->errs[i]);
      c->st[i] = project_point(j, k0 + i, proj, &c->errs[i]);
      if (!c->st[i]) format_point(j, k0, i, proj, c, wr);
    }
    return append_points(n, c, wr, err);
  }
  const int csv = limen_sweep_writer_is_csv(wr), alone = !sp || sp->size <= 1;
  size_t first = 0, count = n;
  if (!alone) limen_spread_range(n, sp->rank, sp->size, &first, &count);
#pragma omp parallel for schedule(dynamic, 1)
  for (size_t i = first; i < first + count; i++) {
    limen_error_clear(&c->errs[i]);
    c->st[i] = project_point(j, k0 + i, &c->proj[i * j->n_specs], &c->errs[i]);
  }
  limen_spread_job job = {n, c, chunk_run, chunk_size, chunk_pack, chunk_unpack};
  int rc = limen_spread_run(sp, &job, err);
  if (!rc && csv) {
#pragma omp parallel for schedule(dynamic, 4)
    for (size_t i = 0; i < n; i++) format_point(j, k0, i, &c->proj[i * j->n_specs], c, wr);
    return append_points(n, c, wr, err);
  }
  return rc ? rc : write_points(j, k0, n, c, wr, err);
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
  return limen_sweep_run_spread(setup, axes, n_axes, specs, n_specs, profiles, NULL, wr, err);
}

int limen_sweep_run_spread(const limen_workload_setup *setup, const limen_sweep_axis *axes, size_t n_axes,
                           const char *const *specs, size_t n_specs, const limen_profile_set *profiles,
                           const limen_spread *sp, limen_sweep_writer *wr, limen_error *err) {
  static const char *fn = "limen_sweep_run";
  if (!setup || !axes || !specs || !wr || n_specs == 0 || n_axes < 1 || n_axes > 2)
    return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument, no paradigm, or not one or two axes");
  int rc = limen_sweep_axes_check(axes, n_axes, err);
  if (rc) return rc;
  sweep_job j = {setup, axes, n_axes, n_axes == 2 ? axes[1].points : 1, NULL, n_specs};
  const int text_only = limen_sweep_writer_is_csv(wr) && (!sp || sp->size <= 1);
  size_t total = axes[0].points * j.n2, block = text_only ? SWEEP_TEXT_BLOCK
                                                : !sp || sp->size <= 1 ? SWEEP_BLOCK
                                                : sp->size * SWEEP_BLOCK > SPREAD_CHUNK ? sp->size * SWEEP_BLOCK
                                                                                         : SPREAD_CHUNK;
  const size_t projs = text_only ? (size_t)omp_get_max_threads() : block; /* points' projections held */
  j.par = calloc(n_specs, sizeof *j.par);
  sweep_chunk c = {&j, malloc(projs * n_specs * sizeof *c.proj), malloc(block * sizeof *c.st),
                   malloc(block * sizeof *c.errs), calloc(block, sizeof *c.text)};
  if (!j.par || !c.proj || !c.st || !c.errs || !c.text)
    rc = limen_error_set(err, LIMEN_ENOMEM, fn, "%zu paradigms", n_specs);
  if (rc == LIMEN_OK) rc = alloc_paradigms(specs, n_specs, profiles, j.par, err);
  for (size_t k0 = 0; rc == LIMEN_OK && k0 < total; k0 += block) {
    rc = run_chunk(&j, sp, text_only, k0, total - k0 < block ? total - k0 : block, &c, wr, err);
    if (!rc) limen_sweep_writer_report(wr, (double)(k0 + block < total ? k0 + block : total) / (double)total);
  }
  for (size_t s = 0; j.par && s < n_specs; s++) limen_paradigm_free(j.par[s]);
  free(j.par);
  free(c.proj);
  free(c.st);
  free(c.errs);
  free(c.text);
  return rc;
}
