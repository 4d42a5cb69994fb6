/* SPDX-License-Identifier: GPL-3.0-or-later
 * maxcut_study.c: experiment 4 of docs/results.md, Max-Cut part (experiment.h): the same
 * barrier-matched anneal on named G-set graphs, each with its best-known cut, the gap, the first
 * point where the best cut reached the target and the best cut as a fraction of the best-known
 * one along the trace. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"

limen_experiment_maxcut_config limen_experiment_maxcut_config_default(void) {
  limen_experiment_maxcut_config c;
  memset(&c, 0, sizeof c);
  c.anneal = limen_anneal_config_default();
  limen_experiment_maxcut_inputs_defaults(&c); /* limen_experiment_maxcut_inputs(): a trace every 10 sweeps */
  c.graphs[0] = "G1";
  c.graphs[1] = "G11";
  c.graphs[2] = "G14";
  c.n_graphs = 3;
  return c;
}

void limen_experiment_maxcut_result_clear(limen_experiment_maxcut_result *r) {
  if (!r) return;
  for (size_t k = 0; k < r->n_runs; k++) {
    limen_anneal_result_clear(&r->runs[k].result);
    free(r->runs[k].best_fraction);
    r->runs[k].best_fraction = NULL;
  }
  r->n_runs = 0;
}

/* The first trace point where the best cut reached the target, and the best-cut fractions. */
static int trace_summary(double target, limen_experiment_maxcut_run *m, limen_error *err) {
  const limen_anneal_result *r = &m->result;
  m->gap = 1.0 - r->best_cut / m->best_known;
  m->energy_to_target_J = m->time_to_target_s = NAN;
  for (size_t i = 0; i < r->n_points; i++)
    if (r->points[i].best_cut >= target * m->best_known) {
      m->energy_to_target_J = r->points[i].heat_modulated_J;
      m->time_to_target_s = r->points[i].time_s;
      break;
    }
  m->best_fraction = malloc((r->n_points ? r->n_points : 1) * sizeof *m->best_fraction);
  if (!m->best_fraction) return limen_experiment_nomem(err, "limen_experiment_maxcut", "trace");
  for (size_t i = 0; i < r->n_points; i++) m->best_fraction[i] = r->points[i].best_cut / m->best_known;
  return LIMEN_OK;
}

/* Graph k of n's part of the study's progress. */
typedef struct graph_share {
  void (*progress)(void *ctx, double fraction);
  void *ctx;
  size_t k, n;
} graph_share;

static void graph_progress(void *vp, double fraction) {
  const graph_share *s = vp;
  s->progress(s->ctx, ((double)s->k + fraction) / (double)(s->n ? s->n : 1));
}

/* One anneal of a named graph (done: its unit of the checkpoint when it was done before the run
 * was interrupted, taken back as it was; NULL: anneal it). */
static int anneal_graph(const char *graph, const limen_experiment_maxcut_config *cfg, const limen_checkpoint_unit *done,
                        size_t k, limen_experiment_maxcut_run *m, limen_error *err) {
  memset(m, 0, sizeof *m);
  snprintf(m->graph, sizeof m->graph, "%s", graph);
  if (done) {
    m->best_known = limen_gset_best_known(graph);
    int st = limen_experiment_take_anneal(done, k, &m->n_spins, &m->result, err);
    return st ? st : trace_summary(cfg->target, m, err);
  }
  limen_graph *g = NULL;
  int st = limen_graph_load(graph, &g, err);
  if (st) return st;
  m->n_spins = g->n;
  m->best_known = limen_gset_best_known(graph);
  limen_anneal_config a = cfg->anneal;
  graph_share share = {cfg->anneal.progress, cfg->anneal.progress_ctx, k, cfg->n_graphs};
  if (a.progress) { /* this graph's share of the study's progress */
    a.progress = graph_progress;
    a.progress_ctx = &share;
  }
  st = limen_maxcut_anneal(g, &a, NULL, &m->result, err);
  limen_graph_free(g);
  if (!st) st = trace_summary(cfg->target, m, err);
  return st;
}

/* The graphs as the items of a limen_spread_job: run k anneals cfg->graphs[k]; it travels as
 * the run (the trace's pointers replaced), the trace points and the best-cut fractions. */
typedef struct maxcut_job {
  const limen_experiment_maxcut_config *cfg;
  limen_experiment_maxcut_result *out;
} maxcut_job;

static int job_run(void *ctx, size_t k, limen_error *err) {
  const maxcut_job *j = ctx;
  return anneal_graph(j->cfg->graphs[k], j->cfg, NULL, k, &j->out->runs[k], err);
}

/* An anneal as a unit of the checkpoint (run_units.c), and back. */
static int job_keep(void *ctx, size_t k, limen_checkpoint *ck, limen_error *err) {
  const limen_experiment_maxcut_run *m = &((const maxcut_job *)ctx)->out->runs[k];
  return limen_experiment_keep_anneal(m->n_spins, &m->result, ck, err);
}

static int job_take(void *ctx, size_t k, const limen_checkpoint_unit *u, limen_error *err) {
  const maxcut_job *j = ctx;
  return anneal_graph(j->cfg->graphs[k], j->cfg, u, k, &j->out->runs[k], err);
}

static size_t job_size(void *ctx, size_t k) {
  const limen_experiment_maxcut_run *m = &((const maxcut_job *)ctx)->out->runs[k];
  return sizeof *m + m->result.n_points * (sizeof *m->result.points + sizeof *m->best_fraction);
}

static void job_pack(void *ctx, size_t k, unsigned char *buf) {
  const limen_experiment_maxcut_run *m = &((const maxcut_job *)ctx)->out->runs[k];
  size_t at = 0;
  limen_spread_put(buf, &at, m, sizeof *m);
  limen_spread_put(buf, &at, m->result.points, m->result.n_points * sizeof *m->result.points);
  limen_spread_put(buf, &at, m->best_fraction, m->result.n_points * sizeof *m->best_fraction);
}

static int job_unpack(void *ctx, size_t k, const unsigned char *buf, size_t n, limen_error *err) {
  limen_experiment_maxcut_run *m = &((const maxcut_job *)ctx)->out->runs[k];
  size_t at = 0;
  limen_anneal_result_clear(&m->result);
  free(m->best_fraction);
  if (n < sizeof *m) return limen_error_set(err, LIMEN_EINTERNAL, "limen_experiment_maxcut", "a joined run is short");
  limen_spread_take(buf, &at, m, sizeof *m);
  size_t np = m->result.n_points;
  m->result.points = NULL;
  m->result.n_points = 0;
  m->best_fraction = NULL;
  if (np > (n - at) / (sizeof *m->result.points + sizeof *m->best_fraction))
    return limen_error_set(err, LIMEN_EINTERNAL, "limen_experiment_maxcut", "a joined run is short");
  m->result.points = malloc((np ? np : 1) * sizeof *m->result.points);
  m->best_fraction = malloc((np ? np : 1) * sizeof *m->best_fraction);
  if (!m->result.points || !m->best_fraction) return limen_experiment_nomem(err, "limen_experiment_maxcut", "trace");
  m->result.n_points = np;
  limen_spread_take(buf, &at, m->result.points, np * sizeof *m->result.points);
  limen_spread_take(buf, &at, m->best_fraction, np * sizeof *m->best_fraction);
  return LIMEN_OK;
}

int limen_experiment_maxcut(const limen_experiment_maxcut_config *cfg, limen_experiment_maxcut_result *out,
                            limen_error *err) {
  return limen_experiment_maxcut_ctl(cfg, NULL, NULL, out, err);
}

int limen_experiment_maxcut_spread(const limen_experiment_maxcut_config *cfg, const limen_spread *sp,
                                   limen_experiment_maxcut_result *out, limen_error *err) {
  return limen_experiment_maxcut_ctl(cfg, sp, NULL, out, err);
}

int limen_experiment_maxcut_ctl(const limen_experiment_maxcut_config *cfg, const limen_spread *sp,
                                limen_run_control *ctl, limen_experiment_maxcut_result *out, limen_error *err) {
  static const char *fn = "limen_experiment_maxcut";
  if (!cfg || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  memset(out, 0, sizeof *out);
  int st = limen_experiment_maxcut_inputs_check(cfg, fn, err);
  if (st) return st;
  if (cfg->n_graphs < 1 || cfg->n_graphs > LIMEN_EXPERIMENT_MAX_GRAPHS)
    return limen_error_set(err, LIMEN_EINVAL, fn, "n_graphs = %zu: allowed range [1, %d]", cfg->n_graphs,
                           LIMEN_EXPERIMENT_MAX_GRAPHS);
  for (size_t k = 0; k < cfg->n_graphs; k++) {
    if (!cfg->graphs[k]) return limen_error_set(err, LIMEN_EINVAL, fn, "graphs[%zu] = NULL: allowed G1, G11, G14", k);
    if (strlen(cfg->graphs[k]) >= sizeof out->runs[k].graph)
      return limen_error_set(err, LIMEN_EINVAL, fn, "graphs[%zu] = '%s': a name of at most %zu characters", k,
                             cfg->graphs[k], sizeof out->runs[k].graph - 1);
    if (!isfinite(limen_gset_best_known(cfg->graphs[k])))
      return limen_error_set(err, LIMEN_EINVAL, fn, "graphs[%zu] = '%s': no best-known cut (allowed G1, G11, G14)", k,
                             cfg->graphs[k]);
  }
  char inputs[2048];
  if (limen_experiment_maxcut_units_inputs(cfg, inputs, sizeof inputs)) st = limen_experiment_nomem(err, fn, "inputs");
  if (!st) st = limen_run_control_begin(ctl, "train maxcut", "anneals", inputs, cfg->n_graphs, err);
  out->n_runs = cfg->n_graphs; /* cleared below on failure, whatever the runs hold */
  maxcut_job j = {cfg, out};
  limen_spread_job job = {cfg->n_graphs, &j, job_run, job_size, job_pack, job_unpack};
  const limen_unit_codec codec = {job_keep, job_take};
  if (!st) st = limen_run_control_spread(ctl, sp, &job, &codec, err);
  if (st) limen_experiment_maxcut_result_clear(out);
  return st;
}
