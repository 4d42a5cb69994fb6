/* SPDX-License-Identifier: GPL-3.0-or-later
 * Paradigm projections (theory §4): closed forms, conventions, errors and sensitivities. */
#include <criterion/criterion.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "limen/limen.h"
#include "paradigm/paradigm_impl.h"
#include "testutil.h"

static limen_profile_set *g_profiles;

static void setup(void) {
  limen_error err;
  cr_assert_eq(limen_profiles_load(NULL, &g_profiles, &err), LIMEN_OK, "%s", err.msg);
}
static void teardown(void) { limen_profiles_free(g_profiles); }

static limen_projection project(const char *spec, const limen_workload *w) {
  static limen_projection r; /* large: keep off the stack */
  limen_paradigm *p = NULL;
  limen_error err;
  cr_assert_eq(limen_paradigm_alloc(spec, g_profiles, &p, &err), LIMEN_OK, "%s", err.msg);
  int rc = limen_paradigm_project(p, w, NULL, &r, &err);
  limen_paradigm_free(p);
  cr_assert_eq(rc, LIMEN_OK, "%s: %s", spec, err.msg);
  return r;
}

TestSuite(paradigm, .init = setup, .fini = teardown);

Test(paradigm, landauer_adiabatic_closed_form) {
  limen_workload w = limen_workload_default();
  limen_projection r = project("landauer-adiabatic", &w);
  double expect = 1e28 * 16 * 1.380649e-23 * 300 * log(2.0);
  cr_assert(tu_close_rel(r.energy_J, expect, 1e-12), "%.15g vs %.15g", r.energy_J, expect);
  cr_assert(tu_close_rel(r.update_J, expect, 1e-12));
  cr_assert(isnan(r.compute_J) && isnan(r.memory_J) && isnan(r.consolidation_J), "not counted: NaN");
  cr_assert(tu_close_rel(r.ratio_to_floor, 1.0, 1e-15));
  cr_assert(tu_close_rel(r.ratio_to_headline, 1.0, 1e-15));
  double h = 0;
  limen_error herr;
  cr_assert_eq(limen_headline_floor_J(&w, &h, &herr), LIMEN_OK, "%s", herr.msg);
  cr_assert_eq(h, r.headline_floor_J, "the public headline and the projection's are one formula");
  cr_assert(tu_close_rel(h, expect, 1e-12));
  cr_assert_str_eq(r.relation, "lower-bound");
  double e = 0;
  limen_error err;
  cr_assert_eq(limen_landauer_adiabatic_J(&w, &e, &err), LIMEN_OK);
  cr_assert(tu_close_rel(e, expect, 1e-12));
  cr_assert(r.n_assumptions >= 3);
}

Test(paradigm, accelerator_is_C_times_energy_per_flop) {
  limen_workload w = limen_workload_default();
  const char *names[] = {"horowitz-45nm", "horowitz-45nm-fp32", "a100", "h100", "cmos-limit"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const limen_profile *pr = NULL;
    limen_error err;
    cr_assert_eq(limen_profiles_find(g_profiles, names[i], &pr, &err), LIMEN_OK);
    char spec[96];
    snprintf(spec, sizeof spec, "accelerator:%s", names[i]);
    limen_projection r = project(spec, &w);
    cr_assert(tu_close_rel(r.compute_J, 1e28 * pr->energy_per_flop_J, 1e-12), "%s", spec);
    cr_assert(tu_close_rel(r.energy_J, r.compute_J, 1e-15));
    /* the floor of its C FLOPs in the profile's own format: e_flop/(bits·kT·ln2) ≥ 1 */
    cr_assert(tu_close_rel(r.ratio_to_floor, pr->energy_per_flop_J / (pr->bits * limen_kT(300) * log(2.0)), 1e-12));
    /* against the headline only when the format is the workload's n = 16 bits */
    if (pr->bits == 16)
      cr_assert(tu_close_rel(r.ratio_to_headline, pr->energy_per_flop_J / (16 * limen_kT(300) * log(2.0)), 1e-12));
    else
      cr_assert(isnan(r.ratio_to_headline) && r.bits_mismatch, "%s", spec);
    if (!isnan(pr->energy_per_flop_realized_J))
      cr_assert(tu_close_rel(r.realized_J, 1e28 * pr->energy_per_flop_realized_J, 1e-12));
    else
      cr_assert(isnan(r.realized_J));
  }
}

Test(paradigm, accelerator_ratio_does_not_depend_on_C) {
  limen_workload w = limen_workload_default();
  double r1 = project("accelerator:h100", &w).ratio_to_headline;
  w.flops = 3.14e23;
  double r2 = project("accelerator:h100", &w).ratio_to_headline;
  cr_assert(tu_close_rel(r1, r2, 1e-12));
}

Test(paradigm, accelerator_data_movement) {
  limen_workload w = limen_workload_default();
  w.bytes_per_flop = 0.5;
  limen_projection r = project("accelerator:horowitz-45nm", &w);
  cr_assert(tu_close_rel(r.memory_J, 1e28 * 0.5 * 160e-12, 1e-12));
  cr_assert(tu_close_rel(r.energy_J, r.compute_J + r.memory_J, 1e-15));
}

Test(paradigm, ops_convention_moves_landauer_not_accelerators) {
  limen_workload w = limen_workload_default();
  double acc1 = project("accelerator:a100", &w).energy_J;
  w.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  double acc2 = project("accelerator:a100", &w).energy_J;
  cr_assert(tu_close_rel(acc1, acc2, 1e-15));
  double nk = w.params * w.tokens / w.batch_tokens;
  limen_projection r = project("landauer-adiabatic", &w);
  cr_assert(tu_close_rel(r.energy_J, nk * 16 * limen_kT(300) * log(2.0), 1e-12));
}

Test(paradigm, gpt3_h100_and_published_side_by_side) {
  limen_catalog *c = NULL;
  limen_error err;
  cr_assert_eq(limen_catalog_load(NULL, &c, &err), LIMEN_OK, "%s", err.msg);
  const limen_model *m = NULL;
  cr_assert_eq(limen_catalog_find(c, "gpt-3", &m, &err), LIMEN_OK);
  limen_workload w;
  cr_assert_eq(limen_workload_from_model(m, &w, &err), LIMEN_OK, "%s", err.msg);
  limen_projection r = project("accelerator:h100", &w);
  cr_assert(tu_close_rel(r.energy_J, 3.14e23 * 700.0 / 989e12, 1e-12));
  double pub = limen_model_published_energy_J(m);
  cr_assert(tu_close_rel(pub, 1287e3 * 3.6e6, 1e-15));
  /* the peak-spec H100 projection is below what GPT-3 (V100, facility) really spent */
  cr_assert(r.energy_J < pub);
  cr_log_info("GPT-3: h100 peak %.4g J (%.4g MWh), realized %.4g J; published %.4g J (%.4g MWh, %s)",
              r.energy_J, r.energy_J / 3.6e9, r.realized_J, pub, pub / 3.6e9, m->energy_basis);
  limen_catalog_free(c);
}

Test(paradigm, errors_name_the_allowed_values) {
  limen_paradigm *p = NULL;
  limen_error err;
  cr_assert_eq(limen_paradigm_alloc("quantum", g_profiles, &p, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "quantum") && strstr(err.msg, "lim-matched") &&
                strstr(err.msg, "accelerator"), "%s", err.msg);
  cr_assert_eq(limen_paradigm_alloc("accelerator:tpu-v9", g_profiles, &p, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "tpu-v9") && strstr(err.msg, "h100"), "%s", err.msg);
  cr_assert_eq(limen_paradigm_alloc("accelerator", g_profiles, &p, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "h100"), "%s", err.msg);
  cr_assert_eq(limen_paradigm_alloc("landauer-adiabatic:h100", g_profiles, &p, &err), LIMEN_EINVAL);
  cr_assert_eq(limen_paradigm_alloc("accelerator:fn-synapse", g_profiles, &p, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "energy_per_flop_J"), "%s", err.msg);
  cr_assert_eq(limen_paradigm_alloc("cim-static:h100", g_profiles, &p, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "hermes-14nm"), "%s", err.msg);
  cr_assert_eq(limen_paradigm_alloc("", g_profiles, &p, &err), LIMEN_EINVAL);
  cr_assert_eq(limen_paradigm_alloc("cim-static:", g_profiles, &p, &err), LIMEN_EINVAL);
  cr_assert_null(p);
  const limen_paradigm_type *t = NULL;
  cr_assert_eq(limen_paradigm_type_find("lim-matched", &t, &err), LIMEN_OK);
  cr_assert_eq(t, limen_paradigm_lim_matched);
}

Test(paradigm, bad_workload_is_reported_through_the_paradigm) {
  limen_workload w = limen_workload_default();
  w.bits = NAN;
  limen_paradigm *p = NULL;
  limen_error err;
  static limen_projection r;
  cr_assert_eq(limen_paradigm_alloc("lim-finite-time", g_profiles, &p, &err), LIMEN_OK);
  cr_assert_eq(limen_paradigm_project(p, &w, NULL, &r, &err), LIMEN_EINVAL);
  /* the message starts with the input (a front end puts "--" before it); the trace has the paradigm */
  cr_assert(strncmp(err.msg, "bits = ", 7) == 0 && strstr(err.trace, "lim-finite-time"), "%s / %s", err.msg, err.trace);
  limen_paradigm_free(p);
}

Test(paradigm, default_list_projects) {
  limen_workload w = limen_workload_default();
  const char *const *specs = limen_paradigm_default_specs();
  size_t n = 0;
  while (specs[n]) n++;
  cr_assert(n >= 8);
  static limen_projection out[16];
  limen_error err;
  cr_assert_eq(limen_project(&w, specs, n, g_profiles, NULL, out, &err), LIMEN_OK, "%s", err.msg);
  for (size_t i = 0; i < n; i++) {
    cr_assert(isfinite(out[i].energy_J) && out[i].energy_J > 0, "%s", out[i].name);
    const double t[4] = {out[i].compute_J, out[i].memory_J, out[i].update_J, out[i].consolidation_J};
    double sum = 0;
    for (int k = 0; k < 4; k++) sum += isnan(t[k]) ? 0.0 : t[k]; /* NaN: not counted */
    cr_assert(tu_close_rel(out[i].energy_J, sum, 1e-15), "%s", out[i].name);
    cr_assert(out[i].n_assumptions >= 3, "%s", out[i].name);
    cr_assert(out[i].description && *out[i].description);
  }
}

/* limen_paradigm_project_numbers: every number of limen_paradigm_project bit for bit, without the
 * assumption lines, for every default paradigm over random workloads (bits, training time, tokens,
 * temperature), and the same error for a bad workload. */
Test(paradigm, numbers_alone_equal_the_full_projection) {
  const char *const *specs = limen_paradigm_default_specs();
  static limen_projection a, b;
  limen_rng r;
  limen_rng_seed(&r, 5, 0);
  size_t compared = 0;
  for (size_t s = 0; specs[s]; s++) {
    limen_paradigm *p = NULL;
    limen_error err;
    cr_assert_eq(limen_paradigm_alloc(specs[s], g_profiles, &p, &err), LIMEN_OK, "%s", err.msg);
    for (int k = 0; k < 40; k++) {
      limen_workload w = limen_workload_default();
      w.bits = 2.0 + floor(30.0 * limen_rng_uniform(&r));
      w.train_time_s = 3600.0 * pow(10.0, 4.0 * limen_rng_uniform(&r));
      w.tokens *= pow(10.0, 2.0 * limen_rng_uniform(&r) - 1.0);
      w.temperature_K = 250.0 + 100.0 * limen_rng_uniform(&r);
      if (k % 2) limen_cache_clear(); /* with the memo of cell quantities cold and warm */
      const int ra = limen_paradigm_project(p, &w, NULL, &a, &err);
      const int rb = limen_paradigm_project_numbers(p, &w, NULL, &b, &err);
      cr_assert_eq(ra, rb, "%s: status %d, numbers alone %d", specs[s], ra, rb);
      if (ra != LIMEN_OK) continue;
      cr_assert(memcmp(&a, &b, offsetof(limen_projection, n_assumptions)) == 0, "%s: the numbers differ", specs[s]);
      cr_assert(a.n_assumptions >= 3 && b.n_assumptions == 0, "%s: %zu and %zu lines", specs[s], a.n_assumptions,
                b.n_assumptions);
      compared++;
    }
    limen_workload w = limen_workload_default();
    w.bits = NAN;
    cr_assert_eq(limen_paradigm_project_numbers(p, &w, NULL, &b, &err), LIMEN_EINVAL);
    cr_assert(strncmp(err.msg, "bits = ", 7) == 0, "%s", err.msg);
    limen_paradigm_free(p);
  }
  cr_log_info("%zu projections compared", compared);
  cr_assert(compared >= 300, "%zu projections compared", compared);
}

/* ---- in-memory paradigms against the per-operation physics ----------------------------- */

Test(paradigm, lim_finite_time_is_ops_n_eft) {
  limen_workload w = limen_workload_default();
  limen_projection r = project("lim-finite-time", &w);
  limen_error err;
  double e_ret = 0, e_ft = 0;
  cr_assert_eq(limen_retention_barrier(w.retention_time_s / w.tau0_s, w.retention_fail, NULL,
                                       &e_ret, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_finite_time_kT(e_ret, 1.0, 259.2, NULL, &e_ft, NULL, &err), LIMEN_OK, "%s",
               err.msg);
  cr_assert(tu_close_rel(r.update_J, 1e28 * 16 * e_ft * limen_kT(300), 1e-10));
  cr_assert_eq(r.consolidation_J, 0.0);
  cr_assert(isnan(r.memory_J), "reads at their 0 J floor are not counted");
  int has_tau = 0;
  for (size_t i = 0; i < r.n_assumptions; i++)
    if (strstr(r.assumptions[i], "τ_op")) has_tau = 1;
  cr_assert(has_tau);
}

Test(paradigm, cim_static_is_ops_n_es_plus_consolidation) {
  limen_workload w = limen_workload_default();
  limen_projection r = project("cim-static", &w);
  limen_error err;
  double e_ret = 0;
  cr_assert_eq(limen_retention_barrier(w.retention_time_s / w.tau0_s, w.retention_fail, NULL,
                                       &e_ret, &err), LIMEN_OK, "%s", err.msg);
  limen_static_write sw;
  cr_assert_eq(limen_static_write_cost(e_ret, 259.2, w.write_fail, NULL, &sw, &err), LIMEN_OK,
               "%s", err.msg);
  double kT = limen_kT(300);
  cr_assert(tu_close_rel(r.update_J, 1e28 * 16 * sw.work_kT * kT, 1e-10));
  double cons = 0;
  cr_assert_eq(limen_consolidation_J(w.train_time_s, 3600, 1e15, 16, 0, sw.work_kT * kT, &cons, &err),
               LIMEN_OK);
  cr_assert(tu_close_rel(r.consolidation_J, cons, 1e-12));
  cr_assert(isnan(r.memory_J), "reads at their 0 J floor are not counted");
  /* with the HERMES device: C reads at its read energy */
  limen_projection h = project("cim-static:hermes-14nm", &w);
  cr_assert(tu_close_rel(h.memory_J, 1e28 / 9.76e12, 1e-12)); /* 9.76 TOPS/W */
}

/* lim-matched: the closed-form path sum against Σ_k N·e_H(H·m_k, r_kΔt) stepped explicitly,
 * with H = ⌈S·√(1+ρ²)/ρ⌉ from the explicit path sum S (theory (P)). */
static void check_matched(limen_lr_kind kind) {
  limen_workload w = limen_workload_default();
  w.params = 1e6;
  w.flops = 0;
  w.tokens = 2000.0 * 1000.0;
  w.batch_tokens = 1000.0; /* K = 2000 steps */
  w.lr_kind = kind;
  w.drift_diffusion_ratio = 0.7;
  limen_projection r = project("lim-matched", &w);
  double K = 2000, eps = 2.0 / 65536.0, rho = 0.7, S = 0;
  limen_lr_schedule s = {kind, w.lr_eta0, w.lr_t0_frac * K, K, w.lr_eta_min_frac * w.lr_eta0};
  for (int k = 0; k < (int)K; k++) S += limen_lr_eta(&s, k) * w.grad_scale / eps;
  double H = ceil(S * sqrt(1 + rho * rho) / rho), sum_kT = 0, var = 0;
  limen_error err;
  for (int k = 0; k < (int)K; k++) {
    double mu = H * limen_lr_eta(&s, k) * w.grad_scale / eps, e = 0, f = 0, v = 0;
    cr_assert_eq(limen_hop_cost_kT(mu, mu / (2 * rho), &e, &f, &v, &err), LIMEN_OK, "%s", err.msg);
    sum_kT += e;
    var += v / (H * H);
  }
  double expect = w.params * sum_kT * limen_kT(300);
  cr_assert(tu_close_rel(r.update_J, expect, 1e-10), "kind %d: %.15g vs %.15g", (int)kind,
            r.update_J, expect);
  cr_assert(var <= 1.0 + 1e-12, "spread %g levels²", var);
  cr_assert(tu_close_rel(r.effective_bits, 16.0, 1e-15), "effective bits %g", r.effective_bits);
  cr_assert_eq(r.consolidation_J, 0.0);
}

Test(paradigm, lim_matched_path_sum_inverse) { check_matched(LIMEN_LR_INVERSE); }
Test(paradigm, lim_matched_path_sum_constant) { check_matched(LIMEN_LR_CONSTANT); }
Test(paradigm, lim_matched_path_sum_cosine) { check_matched(LIMEN_LR_COSINE); }

/* ---- sensitivity ---------------------------------------------------------------------- */

Test(paradigm, energy_grows_with_bits) {
  const char *specs[] = {"landauer-adiabatic", "lim-finite-time", "cim-static", "lim-matched"};
  for (size_t i = 0; i < 4; i++) {
    double prev = 0;
    for (double n = 4; n <= 32; n += 4) {
      limen_workload w = limen_workload_default();
      w.bits = n;
      double e = project(specs[i], &w).energy_J;
      cr_assert(e > prev, "%s: E(n = %g) = %g not above %g", specs[i], n, e, prev);
      prev = e;
    }
  }
}

Test(paradigm, longer_training_approaches_landauer) {
  double prev = HUGE_VAL;
  double days[] = {0.001, 0.01, 0.1, 1, 30, 3000};
  for (size_t i = 0; i < 6; i++) {
    limen_workload w = limen_workload_default();
    w.train_time_s = days[i] * 86400;
    limen_projection r = project("lim-finite-time", &w);
    cr_assert(r.energy_J < prev, "T_train = %g d", days[i]);
    cr_assert(r.ratio_to_floor > 1.0);
    prev = r.energy_J;
  }
  limen_workload w = limen_workload_default();
  w.train_time_s = 3000 * 86400.0;
  cr_assert(project("lim-finite-time", &w).ratio_to_floor < 1.001);
}

Test(paradigm, temperature_scaling) {
  /* Every cost of the in-memory paradigms is a fixed number of kT when τ₀ is held fixed, so
   * the energy is proportional to T; the accelerators do not depend on T. */
  const char *specs[] = {"landauer-adiabatic", "lim-finite-time", "cim-static", "lim-matched"};
  for (size_t i = 0; i < 4; i++) {
    limen_workload w = limen_workload_default();
    double e300 = project(specs[i], &w).energy_J;
    w.temperature_K = 77;
    double e77 = project(specs[i], &w).energy_J;
    cr_assert(tu_close_rel(e77 / e300, 77.0 / 300.0, 1e-10), "%s: %.15g", specs[i], e77 / e300);
  }
  limen_workload w = limen_workload_default();
  double a300 = project("accelerator:h100", &w).energy_J;
  w.temperature_K = 77;
  cr_assert_eq(project("accelerator:h100", &w).energy_J, a300);
}

Test(paradigm, assumptions_are_bounded) {
  limen_projection r;
  memset(&r, 0, sizeof r);
  for (int i = 0; i < 2 * LIMEN_MAX_ASSUMPTIONS; i++) limen_projection_note(&r, "line %d", i);
  cr_assert_eq(r.n_assumptions, LIMEN_MAX_ASSUMPTIONS);
  cr_assert(strstr(r.assumptions[LIMEN_MAX_ASSUMPTIONS - 1], "omitted"));
}

Test(paradigm, tokens_move_the_in_memory_paradigms) {
  /* With C = c_f·N·D, OPS ∝ D under per-flop: Landauer is exactly proportional to D, and
   * lim-finite-time grows faster than D (more operations, each with less time). */
  limen_workload w = limen_workload_default();
  w.flops = 0;
  double land[3], lim[3], d[3] = {1e11, 1e12, 1e13};
  for (int i = 0; i < 3; i++) {
    w.tokens = d[i];
    land[i] = project("landauer-adiabatic", &w).energy_J;
    lim[i] = project("lim-finite-time", &w).energy_J;
  }
  for (int i = 1; i < 3; i++) {
    cr_assert(tu_close_rel(land[i] / land[i - 1], 10.0, 1e-12));
    cr_assert(lim[i] / lim[i - 1] > 10.0, "lim-finite-time ratio %g", lim[i] / lim[i - 1]);
  }
}

Test(paradigm, fewer_parallel_cells_cost_more) {
  /* P cells share the OPS: fewer cells → less time per operation → larger B/τ_op. */
  limen_workload w = limen_workload_default();
  double all = project("lim-finite-time", &w).energy_J;
  w.parallel_cells = 1e12;
  double fewer = project("lim-finite-time", &w).energy_J;
  cr_assert(fewer > all, "%g vs %g", fewer, all);
  cr_assert(tu_close_rel(project("landauer-adiabatic", &w).energy_J,
                         1e28 * 16 * limen_kT(300) * log(2.0), 1e-12));
}

Test(paradigm, matched_barrier_reproduces_the_hop_rate) {
  /* the barrier found for a hop rate gives back that rate through the Kramers formula */
  limen_precision prec = limen_precision_default();
  double rates[] = {1e-3, 1e-8, 1e-15};
  for (int i = 0; i < 3; i++) {
    double e = 0, r = 0;
    int below = 1;
    limen_error err;
    cr_assert_eq(limen_pd_barrier_for_rate(rates[i], &prec, &e, &below, &err), LIMEN_OK, "%s", err.msg);
    cr_assert_eq(below, 0);
    limen_well well = {LIMEN_WELL_WASHBOARD, e, 0.0, 4};
    cr_assert_eq(limen_kramers_rate(&well, &prec, &r, &err), LIMEN_OK, "%s", err.msg);
    cr_assert(tu_close_rel(r, rates[i], 1e-9), "rate %g at E = %g: %g", rates[i], e, r);
  }
  double e = 0;
  int below = 0;
  limen_error err;
  cr_assert_eq(limen_pd_barrier_for_rate(10.0, &prec, &e, &below, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(below, 1); /* faster than a 5 kT Kramers cell */
}

Test(paradigm, lr_sum_closed_forms) {
  limen_lr_kind kinds[] = {LIMEN_LR_CONSTANT, LIMEN_LR_INVERSE, LIMEN_LR_COSINE};
  for (int i = 0; i < 3; i++) {
    double K = 777;
    limen_lr_schedule s = {kinds[i], 3e-4, 0.37 * K, K, 2e-5};
    double direct = 0, sum = 0;
    for (int k = 0; k < (int)K; k++) direct += limen_lr_eta(&s, k);
    limen_error err;
    cr_assert_eq(limen_pd_lr_sum(&s, K, &sum, &err), LIMEN_OK, "%s", err.msg);
    cr_assert(tu_close_rel(sum, direct, 1e-11), "kind %d: %.15g vs %.15g", i, sum, direct);
  }
}
