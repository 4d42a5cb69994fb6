/* SPDX-License-Identifier: GPL-3.0-or-later
 * Max-Cut: G-set loading, cut values, exact enumeration, barrier-matched annealing. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limen/maxcut.h"
#include "limen/rng.h"
#include "limen/units.h"
#include "testutil.h"

/* tu_temp_file, asserted to succeed. */
static const char *temp_file(const char *text) {
  const char *p = tu_temp_file(text);
  cr_assert_not_null(p, "cannot write a temporary file");
  return p;
}

Test(maxcut, gset_G1_loads) {
  limen_graph *g;
  limen_error err;
  cr_assert_eq(limen_graph_load("G1", &g, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(g->n, 800);
  cr_assert_eq(g->m, 19176);
  cr_assert_eq(g->total_weight, 19176.0);
  cr_assert_eq(g->adj_start[g->n], 2 * g->m);
  limen_graph_free(g);
  cr_assert_eq(limen_graph_load("G2", &g, &err), LIMEN_ENOTFOUND);
}

Test(maxcut, cut_value_of_a_triangle_and_a_square) {
  limen_graph *g;
  limen_error err;
  const char *p = temp_file("4 4\n1 2 1\n2 3 1\n3 4 1\n4 1 2\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_OK, "%s", err.msg);
  unlink(p);
  int s[4] = {1, -1, 1, -1};
  cr_assert_eq(limen_maxcut_value(g, s), 5.0);
  int t[4] = {1, 1, -1, -1};
  cr_assert_eq(limen_maxcut_value(g, t), 3.0);
  double best;
  int sb[4];
  cr_assert_eq(limen_maxcut_brute_force(g, &best, sb, &err), LIMEN_OK);
  cr_assert_eq(best, 5.0);
  cr_assert_eq(limen_maxcut_value(g, sb), 5.0);
  limen_graph_free(g);
}

Test(maxcut, strict_reader_names_file_line_and_field) {
  limen_graph *g;
  limen_error err;
  const char *p = temp_file("3 2\n1 2 1\n2 x 1\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, p) && strstr(err.msg, ":3: field 2 (j) = 'x'"), "%s", err.msg);
  unlink(p);
  p = temp_file("3 2\n1 2 1\n2 4 1\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, ":3: field 2 (j) = 4: allowed integers [1, 3]"), "%s", err.msg);
  unlink(p);
  p = temp_file("3 2\n1 2 1\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, "1 edge lines, header says m = 2"), "%s", err.msg);
  unlink(p);
  p = temp_file("3 1\n2 2 1\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, "self-loop"), "%s", err.msg);
  unlink(p);
}

/* The annealer finds the exact optimum of small random graphs (unit and ±1 weights). */
Test(maxcut, anneal_finds_the_brute_force_optimum) {
  limen_error err;
  int found = 0, total = 0;
  for (uint64_t seed = 1; seed <= 8; seed++) {
    limen_graph *g;
    size_t n = 12 + (size_t)(seed % 4) * 2; /* 12 … 18 */
    cr_assert_eq(limen_graph_random(n, 0.4, (int)(seed % 2), seed, &g, &err), LIMEN_OK);
    double best;
    cr_assert_eq(limen_maxcut_brute_force(g, &best, NULL, &err), LIMEN_OK);
    limen_anneal_config c = limen_anneal_config_default();
    c.seed = seed;
    int *s = malloc(n * sizeof *s);
    limen_anneal_result r;
    cr_assert_eq(limen_maxcut_anneal(g, &c, s, &r, &err), LIMEN_OK, "%s", err.msg);
    cr_assert_eq(limen_maxcut_value(g, s), r.best_cut);
    cr_log_info("n = %zu, m = %zu, seed %lu: optimum %g, annealed %g", n, g->m, seed, best, r.best_cut);
    cr_assert(r.best_cut <= best);
    found += r.best_cut == best;
    total++;
    free(s);
    limen_anneal_result_clear(&r);
    limen_graph_free(g);
  }
  cr_assert_eq(found, total, "exact optimum on %d of %d graphs", found, total);
}

/* At the default run length the annealer stays within 1 % of the best-known cut of G1. */
Test(maxcut, G1_within_one_percent_of_best_known) {
  limen_graph *g;
  limen_error err;
  cr_assert_eq(limen_graph_load("G1", &g, &err), LIMEN_OK, "%s", err.msg);
  limen_anneal_config c = limen_anneal_config_default();
  limen_anneal_result r;
  clock_t t0 = clock();
  cr_assert_eq(limen_maxcut_anneal(g, &c, NULL, &r, &err), LIMEN_OK, "%s", err.msg);
  double sec = (double)(clock() - t0) / CLOCKS_PER_SEC;
  double known = limen_gset_best_known("G1");
  cr_log_info("G1: best cut %g of best-known %g (gap %.3f %%), %zu sweeps in %.3f s; heat %.3e J modulated vs %.3e J static",
              r.best_cut, known, 100 * (1 - r.best_cut / known), c.sweeps, sec, r.heat_modulated_J, r.heat_static_J);
  cr_assert(r.best_cut >= 0.99 * known, "best cut %g", r.best_cut);
  cr_assert(r.best_cut <= known);
  /* thermally activated flips cost far less than static-barrier writes of the same flips */
  cr_assert(r.heat_modulated_J * 100 < r.heat_static_J);
  limen_anneal_result_clear(&r);
  limen_graph_free(g);
}

/* Same seed, same trajectory; the barrier follows E_b(0) + ln(1 + t/t0) in physical time,
 * J/kT rises in proportion to the barrier, and physical time is t0·(e^{rise} − 1) seconds. */
Test(maxcut, anneal_is_reproducible_and_follows_the_schedule) {
  limen_graph *g;
  limen_error err;
  cr_assert_eq(limen_graph_random(40, 0.2, 1, 3, &g, &err), LIMEN_OK);
  limen_anneal_config c = limen_anneal_config_default();
  c.sweeps = 200;
  c.record_every = 50;
  limen_anneal_result a, b;
  cr_assert_eq(limen_maxcut_anneal(g, &c, NULL, &a, &err), LIMEN_OK);
  cr_assert_eq(limen_maxcut_anneal(g, &c, NULL, &b, &err), LIMEN_OK);
  cr_assert_eq(a.best_cut, b.best_cut);
  cr_assert_eq(a.flips, b.flips);
  cr_assert_eq(a.heat_modulated_J, b.heat_modulated_J);
  cr_assert_eq(a.n_points, 4);
  cr_assert(tu_close_rel(a.final_barrier_kT, c.barrier0_kT + c.barrier_rise_kT, 1e-12));
  /* r(0) is the Kramers rate of the quartic cell at E_b(0): 2√2·E_b/π·e^{−E_b} per τ₀ */
  double r0 = 2.0 * sqrt(2.0) * c.barrier0_kT / 3.14159265358979323846 * exp(-c.barrier0_kT) / c.tau0_s;
  cr_assert(tu_close_rel(a.attempt_rate0_per_s, r0, 1e-10), "%g vs %g", a.attempt_rate0_per_s, r0);
  double delta = c.barrier_rise_kT / 200.0;
  cr_assert(tu_close_rel(a.t0_s, 1.0 / (r0 * expm1(delta)), 1e-12));
  cr_assert(tu_close_rel(a.time_s, a.t0_s * expm1(c.barrier_rise_kT), 1e-12));
  /* defaults: a device schedule, between a microsecond and a second */
  cr_assert(a.time_s > 1e-6 && a.time_s < 1.0, "physical time %g s", a.time_s);
  for (size_t i = 0; i < a.n_points; i++) {
    const limen_anneal_point *p = &a.points[i];
    double k = (double)p->sweep - 1.0; /* the sweep recorded is the last one done */
    /* the barrier is E_b(0) + ln(1 + t/t0) at the start of that sweep */
    double t_start = a.t0_s * expm1(k * delta);
    cr_assert(tu_close_rel(p->barrier_kT, c.barrier0_kT + log1p(t_start / a.t0_s), 1e-12));
    cr_assert(tu_close_rel(p->beta, c.beta0 + (c.beta_end - c.beta0) * k * delta / c.barrier_rise_kT, 1e-12));
    cr_assert(tu_close_rel(p->time_s, a.t0_s * expm1((k + 1.0) * delta), 1e-12));
    /* sweep k lasts one mean attempt time 1/r(t_k), r(t) = r(0)/(1 + t/t0) */
    cr_assert(tu_close_rel(a.t0_s * (expm1((k + 1.0) * delta) - expm1(k * delta)), (1.0 + t_start / a.t0_s) / r0, 1e-9));
  }
  limen_anneal_result_clear(&a);
  limen_anneal_result_clear(&b);
  c.beta_end = 0.05;
  cr_assert_eq(limen_maxcut_anneal(g, &c, NULL, &a, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "beta_end = 0.05"), "%s", err.msg);
  limen_graph_free(g);
}

/* First law on the coupling energy: U = J·H changes by (coupling work) − (heat of the flips). */
Test(maxcut, anneal_energy_balance) {
  limen_graph *g;
  limen_error err;
  cr_assert_eq(limen_graph_random(30, 0.3, 1, 5, &g, &err), LIMEN_OK);
  limen_anneal_config c = limen_anneal_config_default();
  c.sweeps = 300;
  c.record_every = 1;
  int *s = malloc(g->n * sizeof *s);
  limen_anneal_result r;
  cr_assert_eq(limen_maxcut_anneal(g, &c, s, &r, &err), LIMEN_OK, "%s", err.msg);
  double kT = limen_kT(c.temperature_K);
  /* initial spins: stream K of the seed, as in the annealer */
  limen_rng r0;
  limen_rng_seed(&r0, c.seed, (uint64_t)c.sweeps);
  int *s0 = malloc(g->n * sizeof *s0);
  for (size_t i = 0; i < g->n; i++) s0[i] = (limen_rng_u64(&r0) >> 63) ? 1 : -1;
  double H0 = g->total_weight - 2.0 * limen_maxcut_value(g, s0);
  double H1 = g->total_weight - 2.0 * r.final_cut;
  double beta_last = r.points[r.n_points - 1].beta;
  double dU = (beta_last * H1 - c.beta0 * H0) * kT;
  double balance = r.coupling_work_J - r.heat_modulated_J;
  cr_log_info("dU = %.6e J, W - Q = %.6e J", dU, balance);
  cr_assert(fabs(dU - balance) <= 1e-9 * (fabs(r.coupling_work_J) + fabs(r.heat_modulated_J)), "%g vs %g", dU, balance);
  free(s);
  free(s0);
  limen_anneal_result_clear(&r);
  limen_graph_free(g);
}

/* Headers that promise more than the file holds are refused before anything is allocated, and a
 * file found for a named G-set graph must be that graph (its best-known cut holds for it only). */
Test(maxcut, headers_bounded_and_named_graphs_checked) {
  limen_graph *g = NULL;
  limen_error err;
  const char *p = temp_file("100000000 0\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, "field 1 (n) = 1e+08: allowed integers [1, 1e+06]"), "%s", err.msg);
  unlink(p);
  p = temp_file("10 100000000\n1 2 1\n");
  cr_assert_eq(limen_graph_read_gset(p, &g, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, "room for at most"), "%s", err.msg);
  unlink(p);
  char dir[] = "/tmp/limen_gset_XXXXXX", sub[64], file[96];
  cr_assert_not_null(mkdtemp(dir));
  snprintf(sub, sizeof sub, "%s/gset", dir);
  cr_assert_eq(mkdir(sub, 0700), 0);
  snprintf(file, sizeof file, "%s/G1.txt", sub);
  FILE *f = fopen(file, "w");
  cr_assert_not_null(f);
  fputs("3 1\n1 2 1\n", f);
  fclose(f);
  setenv("LIMEN_DATA_DIR", dir, 1);
  cr_assert_eq(limen_graph_load("G1", &g, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "n = 3 vertices and m = 1 edges, but G1 has 800 and 19176"), "%s", err.msg);
  cr_assert_null(g);
  unlink(file);
  rmdir(sub);
  rmdir(dir);
}
