/* SPDX-License-Identifier: GPL-3.0-or-later
 * A recorded learning path (path.h) and its energies (paradigm.h, docs/path.md): JSON written
 * and read back bit for bit, malformed files refused naming the key, the path attached to a
 * workload by the request rules, and the energies against an independent computation — a path
 * on which every parameter moves exactly one level per step is the assumed schedule with a
 * constant learning rate of one level, which the projections compute by the closed-form
 * schedule sums (another code path); on no motion nothing is paid; the split over steps adds
 * up to the total. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

#define P 100
#define K 50
#define BITS 8

static const char *const k_specs[] = {"landauer-adiabatic", "cim-static", "lim-finite-time", "lim-matched"};
#define NSPEC 4

/* A path of P parameters over K steps at BITS bits on [-1, 1], step time 1 s: each parameter
 * starts in level 10 + (i mod 7) and moves `move(k, i)` levels at step k (values at level
 * centres, so the moves are exact). */
static limen_learning_path *record(int (*move)(int k, int i)) {
  limen_path_config c = limen_path_config_default();
  c.bits = BITS, c.step_time_s = 1.0;
  limen_path_meter *m = NULL;
  limen_error e;
  cr_assert_eq(limen_path_meter_alloc(&c, &m, &e), LIMEN_OK, "%s", e.msg);
  double eps = 2.0 / (1 << BITS), w[P];
  int level[P];
  for (int i = 0; i < P; i++) level[i] = 10 + i % 7;
  for (int k = 0; k <= K; k++) {
    if (k > 0)
      for (int i = 0; i < P; i++) level[i] += move(k - 1, i);
    for (int i = 0; i < P; i++) w[i] = -1.0 + (level[i] + 0.5) * eps;
    cr_assert_eq(limen_path_begin_step(m, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_path_add_f64(m, 0, w, P, &e), 0, "%s", e.msg);
    cr_assert_eq(limen_path_end_step(m, &e), 0, "%s", e.msg);
  }
  limen_learning_path *p = NULL;
  cr_assert_eq(limen_learning_path_from_meter(m, &p, &e), LIMEN_OK, "%s", e.msg);
  limen_path_meter_free(m);
  return p;
}

static int one_up(int k, int i) { (void)k, (void)i; return 1; }
static int still(int k, int i) { (void)k, (void)i; return 0; }
static int walk(int k, int i) { return ((k * 31 + i * 17) % 5) - 2; } /* −2 … 2 levels */

/* The schedule that moves every parameter one level per step: constant η0 = ε, g = 1. */
static limen_workload schedule_workload(double N, double steps) {
  limen_workload w = limen_workload_default();
  w.params = N, w.tokens = steps, w.batch_tokens = 1, w.flops = 0;
  w.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  w.bits = BITS, w.param_range = 2.0, w.train_time_s = steps * 1.0;
  w.lr_kind = LIMEN_LR_CONSTANT, w.lr_eta0 = 2.0 / (1 << BITS), w.grad_scale = 1.0;
  return w;
}

static void project(const limen_workload *w, limen_projection *out) {
  limen_error e;
  cr_assert_eq(limen_project(w, k_specs, NSPEC, NULL, NULL, out, &e), LIMEN_OK, "%s", e.msg);
}

static void same(const limen_projection *a, const limen_projection *b) {
  cr_assert(tu_close_rel(a->energy_J, b->energy_J, 1e-12), "%s: path %.17g J, schedule %.17g J", a->name,
            a->energy_J, b->energy_J);
  cr_assert(tu_close_rel(a->floor_J, b->floor_J, 1e-12), "%s: floor path %.17g, schedule %.17g", a->name,
            a->floor_J, b->floor_J);
  if (!isnan(b->bound_J)) cr_assert(tu_close_rel(a->bound_J, b->bound_J, 1e-12), "%s: bound", a->name);
}

Test(learning_path, one_level_per_step_is_the_constant_schedule) {
  limen_learning_path *p = record(one_up);
  cr_assert_eq(p->totals.changed, (uint64_t)P * K);
  cr_assert_eq(p->totals.path_levels, (double)P * K);
  limen_workload wp;
  limen_error e;
  cr_assert_eq(limen_learning_path_workload(p, &wp, &e), LIMEN_OK, "%s", e.msg);
  limen_workload ws = schedule_workload(P, K);
  limen_projection a[NSPEC], b[NSPEC];
  project(&wp, a);
  project(&ws, b);
  for (int i = 0; i < NSPEC; i++) same(&a[i], &b[i]);
  /* the same path projected to 1000 parameters over 150 steps: the schedule at that size */
  wp.params = 1000, wp.tokens = 150, wp.train_time_s = 150;
  ws = schedule_workload(1000, 150);
  project(&wp, a);
  project(&ws, b);
  for (int i = 0; i < NSPEC; i++) same(&a[i], &b[i]);
  cr_assert_eq(a[3].update_follows, LIMEN_FOLLOWS_PATH_LEVELS);
  cr_assert_eq(a[1].update_follows, LIMEN_FOLLOWS_WRITES);
  limen_learning_path_free(p);
}

Test(learning_path, no_motion_costs_nothing_to_update) {
  limen_learning_path *p = record(still);
  limen_workload w;
  limen_error e;
  cr_assert_eq(limen_learning_path_workload(p, &w, &e), LIMEN_OK, "%s", e.msg);
  limen_projection a[NSPEC];
  project(&w, a);
  for (int i = 1; i < NSPEC; i++) {
    cr_assert_eq(a[i].update_J, 0.0, "%s: %g", a[i].name, a[i].update_J);
    cr_assert_eq(a[i].counts[0].ops, 0.0, "%s: %g writes", a[i].name, a[i].counts[0].ops);
  }
  cr_assert_eq(a[3].bound_J, 0.0);
  cr_assert_eq(a[3].effective_bits, BITS);
  /* landauer-adiabatic stays the dense count N·K·n·kT·ln2 */
  cr_assert(tu_close_rel(a[0].energy_J, P * K * BITS * limen_kT(300) * log(2.0), 1e-12));
  limen_learning_path_free(p);
}

Test(learning_path, steps_add_up_and_follow_the_writes) {
  limen_learning_path *p = record(walk);
  limen_workload w;
  limen_error e;
  cr_assert_eq(limen_learning_path_workload(p, &w, &e), LIMEN_OK, "%s", e.msg);
  limen_projection a[NSPEC];
  project(&w, a);
  double per[K];
  for (int i = 0; i < NSPEC; i++) {
    cr_assert_eq(limen_projection_path_steps(&a[i], &w, per, K, &e), LIMEN_OK, "%s", e.msg);
    double sum = 0;
    for (int j = 0; j < K; j++) sum += per[j];
    cr_assert(tu_close_rel(sum, a[i].energy_J, 1e-12), "%s: Σ steps %.17g, total %.17g", a[i].name, sum,
              a[i].energy_J);
  }
  /* cim-static's update per step is its writes of that step times n·e_S·kT */
  double per_write = a[1].update_J / (double)p->totals.changed, rest = (a[1].energy_J - a[1].update_J) / K;
  cr_assert_eq(limen_projection_path_steps(&a[1], &w, per, K, &e), LIMEN_OK);
  for (int j = 0; j < K; j++)
    cr_assert(tu_close_rel(per[j], per_write * (double)p->steps[j].changed + rest, 1e-12), "step %d", j);
  /* the writes counted are the measured ones, with the floor of exactly those writes */
  double eL = 0;
  cr_assert_eq(limen_landauer_generalized_kT(1.0 - w.write_fail, &eL, &e), LIMEN_OK);
  cr_assert_eq(a[1].counts[0].ops, (double)p->totals.changed);
  cr_assert(tu_close_rel(a[1].counts[0].floor_J, (double)p->totals.changed * BITS * eL * limen_kT(300), 1e-12));
  cr_assert_eq(limen_projection_path_steps(&a[1], &w, per, K - 1, &e), LIMEN_EINVAL);
  limen_learning_path_free(p);
}

Test(learning_path, no_step_time_is_refused_by_name) {
  limen_learning_path *p = record(one_up);
  p->step_time_s = 0;
  limen_workload w;
  limen_error e;
  cr_assert_eq(limen_learning_path_workload(p, &w, &e), LIMEN_EINVAL);
  cr_assert_str_eq(e.field, "step-time");
  limen_learning_path_free(p);
}

/* ---- JSON ---------------------------------------------------------------------------------- */

static char *json_of(const limen_learning_path *p) {
  char *t = NULL;
  limen_error e;
  cr_assert_eq(limen_learning_path_json(p, &t, &e), LIMEN_OK, "%s", e.msg);
  return t;
}

Test(learning_path, json_round_trip_is_exact) {
  limen_learning_path *p = record(walk), *q = NULL;
  char *t = json_of(p);
  limen_error e;
  cr_assert_eq(limen_learning_path_parse(t, strlen(t), &q, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(q->bits, p->bits);
  cr_assert(q->lo == p->lo && q->hi == p->hi && q->step_time_s == p->step_time_s);
  cr_assert_eq(memcmp(&q->totals, &p->totals, sizeof p->totals), 0);
  cr_assert_eq(q->n_steps, p->n_steps);
  cr_assert_eq(memcmp(q->steps, p->steps, p->n_steps * sizeof *p->steps), 0);
  cr_assert_eq(q->hist_bins, p->hist_bins);
  cr_assert_eq(memcmp(q->hist_counts, p->hist_counts, p->hist_bins * sizeof *p->hist_counts), 0);
  cr_assert_eq(memcmp(q->hist_lo, p->hist_lo, p->hist_bins * sizeof *p->hist_lo), 0);
  /* and through a file */
  limen_learning_path *r = NULL;
  cr_assert_eq(limen_learning_path_read(tu_temp_file(t), &r, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(memcmp(&r->totals, &p->totals, sizeof p->totals), 0);
  free(t);
  limen_learning_path_free(p);
  limen_learning_path_free(q);
  limen_learning_path_free(r);
}

/* The JSON of a path with `from` replaced by `to` (first occurrence) must be refused with a
 * message containing `want`. */
static void refused(const char *from, const char *to, const char *want) {
  limen_learning_path *p = record(walk), *q = NULL;
  char *t = json_of(p);
  char *at = strstr(t, from);
  cr_assert(at, "'%s' not in the JSON", from);
  size_t n = strlen(t) - strlen(from) + strlen(to);
  char *u = malloc(n + 1);
  size_t head = (size_t)(at - t);
  memcpy(u, t, head);
  strcpy(u + head, to);
  strcat(u, at + strlen(from));
  limen_error e;
  cr_assert_eq(limen_learning_path_parse(u, strlen(u), &q, &e), LIMEN_EINVAL, "accepted: %s -> %s", from, to);
  cr_assert(strstr(e.msg, want), "message '%s' lacks '%s'", e.msg, want);
  cr_assert_null(q);
  free(t);
  free(u);
  limen_learning_path_free(p);
}

Test(learning_path, malformed_json_is_refused_naming_the_key) {
  refused("\"bits\": 8,", "\"bits\": 8, \"bits\": 8,", "\"bits\": given twice");
  refused("\"bits\": 8,", "\"bits\": 8.5,", "\"bits\": must be a whole number");
  refused("\"bits\": 8,", "\"bitz\": 8,", "\"bitz\": unknown key");
  refused("\"format_version\": 1", "\"format_version\": 2", "format_version");
  refused("\"changed_writes\": ", "\"changed_writes\": 1", "the steps' sums");
  refused("\"temperature_K\": 300", "\"temperature_K\": -300", "temperature_K");
  refused("\n}\n", "\n} garbage {", "text after the JSON object");
  refused("\n}\n", "\n}{}", "text after the JSON object");
  refused("\"per_step\": {\n  \"path_levels\": [", "\"per_step\": {\n  \"path_levels\": [1e999, ", "path_levels");
  refused("\"clamped\": [", "\"clamped\": [-1, ", "per_step.clamped");
  refused("\"level_size\": ", "\"level_size\": 1", "level_size");
  refused("\"count\": [", "\"count\": [1", "histogram counts add up");
}

Test(learning_path, file_limits) {
  limen_learning_path *q = NULL;
  limen_error e;
  cr_assert_eq(limen_learning_path_read("/nonexistent/path.json", &q, &e), LIMEN_EIO);
  cr_assert(strstr(e.msg, "/nonexistent/path.json"), "%s", e.msg);
  char *text = NULL;
  size_t len = 0;
  cr_assert_eq(limen_read_text_file_max("/dev/zero", 1 << 20, &text, &len, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "larger than"), "%s", e.msg);
  cr_assert_eq(limen_learning_path_parse("{\"a\":1}\0x", 9, &q, &e), LIMEN_EINVAL);
}

/* Counts that add up past 2^64 - 1 wrap around in 64 bits; the check must not take the wrapped
 * sum for the totals (found by fuzz/fuzz_learning_path: 2048 steps of 2^53 changed writes each
 * passed as 0 changed writes in all). */
Test(learning_path, counts_that_wrap_around_are_refused) {
  const uint64_t big = (uint64_t)1 << 53;
  const size_t k = 2048; /* k × 2^53 = 2^64 */
  limen_learning_path *p = record(still);
  limen_error e;
  p->steps = realloc(p->steps, k * sizeof *p->steps);
  for (size_t i = 0; i < k; i++) p->steps[i] = p->steps[0];
  p->n_steps = p->totals.steps = k;
  p->totals.params = big;
  for (size_t i = 0; i < k; i++) p->steps[i].params = big, p->steps[i].changed = big;
  p->totals.changed = 0;
  p->hist_bins = 0;
  cr_assert_eq(limen_learning_path_check(p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "2^64"), "%s", e.msg);
  /* one step of one parameter, a histogram of 2048 bins of 2^53 and one of 1: sum 2^64 + 1 */
  p->n_steps = p->totals.steps = 1;
  p->totals.params = p->steps[0].params = 1;
  p->steps[0].changed = 0;
  p->hist_lo = realloc(p->hist_lo, (k + 1) * sizeof *p->hist_lo);
  p->hist_counts = realloc(p->hist_counts, (k + 1) * sizeof *p->hist_counts);
  for (size_t i = 0; i <= k; i++) p->hist_lo[i] = (double)i, p->hist_counts[i] = i < k ? big : 1;
  p->hist_bins = k + 1;
  cr_assert_eq(limen_learning_path_check(p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "2^64"), "%s", e.msg);
  p->hist_counts[0] = 1, p->hist_bins = 1; /* and the path is good otherwise */
  cr_assert_eq(limen_learning_path_check(p, &e), LIMEN_OK, "%s", e.msg);
  limen_learning_path_free(p);
}

/* ---- the request rules ---------------------------------------------------------------------- */

static int build(const limen_learning_path *p, const char *name, double value, limen_workload_setup *s,
                 limen_error *e) {
  limen_catalog *c = NULL;
  cr_assert_eq(limen_catalog_load(NULL, &c, e), LIMEN_OK, "%s", e->msg);
  limen_workload_request r;
  limen_workload_request_init(&r);
  r.learning_path = p;
  r.learning_path_source = "test.json";
  r.ops = "per-parameter-step";
  if (name) cr_assert_eq(limen_workload_request_set(&r, name, value, e), LIMEN_OK, "%s", e->msg);
  int rc = limen_workload_setup_build(c, &r, s, e);
  limen_catalog_free(c);
  return rc;
}

Test(learning_path, request_takes_bits_and_range_from_the_path) {
  limen_learning_path *p = record(one_up);
  limen_workload_setup s;
  limen_error e;
  cr_assert_eq(build(p, NULL, 0, &s, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(s.w.bits, BITS);
  cr_assert_eq(s.w.param_range, 2.0);
  cr_assert_eq(s.w.path, p);
  cr_assert_eq(build(p, "bits", BITS, &s, &e), LIMEN_OK, "%s", e.msg);
  cr_assert_eq(build(p, "bits", 16, &s, &e), LIMEN_EINVAL);
  cr_assert_str_eq(s.error_input, "bits");
  cr_assert(strstr(e.msg, "recorded at bits = 8"), "%s", e.msg);
  cr_assert_eq(build(p, "lr-eta0", 0.01, &s, &e), LIMEN_EINVAL);
  cr_assert_str_eq(s.error_input, "lr-eta0");
  limen_learning_path_free(p);
}
