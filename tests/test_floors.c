/* SPDX-License-Identifier: GPL-3.0-or-later
 * Like-for-like accounting (theory §4 "counting conventions and floors", (P) precision):
 * every paradigm against the Landauer floor of the work it counts, over the whole catalog and
 * both OPS conventions; lim-matched's projected spread against a jump-statistics simulation of
 * a memory array (independent: GSL's Mersenne twister and Poisson sampler). */
#include <criterion/criterion.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static limen_profile_set *g_profiles;
static limen_catalog *g_catalog;

static void setup(void) {
  limen_error err;
  cr_assert_eq(limen_profiles_load(NULL, &g_profiles, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_catalog_load(NULL, &g_catalog, &err), LIMEN_OK, "%s", err.msg);
}
static void teardown(void) {
  limen_profiles_free(g_profiles);
  limen_catalog_free(g_catalog);
}

TestSuite(floors, .init = setup, .fini = teardown);

/* Every paradigm type with every profile it takes. */
static size_t all_specs(char specs[][96], size_t max) {
  size_t n = 0;
  const char *plain[] = {"landauer-adiabatic", "lim-finite-time", "lim-matched", "cim-static"};
  for (size_t i = 0; i < 4; i++) snprintf(specs[n++], 96, "%s", plain[i]);
  for (size_t i = 0; i < g_profiles->count && n + 4 <= max; i++) {
    const limen_profile *p = &g_profiles->profiles[i];
    if (!isnan(p->energy_per_flop_J)) snprintf(specs[n++], 96, "accelerator:%s", p->name);
    if (p->cls == LIMEN_PROFILE_DEVICE) {
      snprintf(specs[n++], 96, "cim-static:%s", p->name);
      snprintf(specs[n++], 96, "lim-finite-time:%s", p->name);
      snprintf(specs[n++], 96, "lim-matched:%s", p->name);
    }
  }
  return n;
}

/* The invariants of one projection: counted terms sum to the energy, not-counted terms are NaN
 * (never 0), the floor is the sum of the counts' floors, the ratio is ≥ 1, and a ratio to the
 * headline exists exactly when the main count is the headline's C FLOP results of n bits. */
static void check_projection(const limen_projection *r, const limen_workload *w, const char *ctx) {
  limen_workload_derived d;
  cr_assert_eq(limen_workload_derive(w, &d, NULL), LIMEN_OK);
  const double t[4] = {r->compute_J, r->memory_J, r->update_J, r->consolidation_J};
  double sum = 0, floor = 0;
  for (int k = 0; k < 4; k++) {
    cr_assert(isnan(t[k]) || (t[k] >= 0 && isfinite(t[k])), "%s: term %d = %g", ctx, k, t[k]);
    if (!isnan(t[k])) sum += t[k];
  }
  cr_assert(tu_close_rel(r->energy_J, sum, 1e-15), "%s", ctx);
  cr_assert(r->n_counts >= 1, "%s: no counted work", ctx);
  for (size_t k = 0; k < r->n_counts; k++) floor += r->counts[k].floor_J;
  cr_assert(tu_close_rel(r->floor_J, floor, 1e-15), "%s", ctx);
  cr_assert(r->floor_J > 0, "%s: floor %g", ctx, r->floor_J);
  cr_assert(r->ratio_to_floor >= 1.0 - 1e-12, "%s: %g J below its floor %g J (ratio %.6g)", ctx, r->energy_J,
            r->floor_J, r->ratio_to_floor);
  const limen_work_count *c = &r->counts[0];
  int same = c->kind == LIMEN_WORK_FLOP && c->ops == d.flops && c->bits == w->bits;
  cr_assert_eq(!isnan(r->ratio_to_headline), same, "%s: ratio to headline %g", ctx, r->ratio_to_headline);
  cr_assert(tu_close_rel(r->headline_floor_J, d.flops * w->bits * d.kT_J * log(2.0), 1e-12), "%s", ctx);
  cr_assert(!strcmp(r->relation, "lower-bound") || !strcmp(r->relation, "cost-model"), "%s", ctx);
}

static void check_all(const limen_workload *w, const char *label) {
  static char specs[64][96];
  size_t n = all_specs(specs, 64);
  for (size_t i = 0; i < n; i++) {
    limen_paradigm *p = NULL;
    limen_error err;
    cr_assert_eq(limen_paradigm_alloc(specs[i], g_profiles, &p, &err), LIMEN_OK, "%s", err.msg);
    static limen_projection r;
    int rc = limen_paradigm_project(p, w, NULL, &r, &err);
    limen_paradigm_free(p);
    char ctx[256];
    snprintf(ctx, sizeof ctx, "%s, %s, %s, n = %g", label, limen_ops_convention_name(w->ops), specs[i], w->bits);
    cr_assert_eq(rc, LIMEN_OK, "%s: %s", ctx, err.msg);
    check_projection(&r, w, ctx);
  }
}

Test(floors, every_catalog_model_convention_and_paradigm_is_at_or_above_its_floor) {
  for (size_t m = 0; m < g_catalog->count; m++) {
    limen_workload w;
    limen_error err;
    cr_assert_eq(limen_workload_from_model(&g_catalog->models[m], &w, &err), LIMEN_OK, "%s", err.msg);
    for (int ops = 0; ops < 2; ops++) {
      w.ops = ops ? LIMEN_OPS_PER_PARAMETER_STEP : LIMEN_OPS_PER_FLOP;
      check_all(&w, g_catalog->models[m].name);
    }
  }
}

Test(floors, holds_across_precision_time_and_success) {
  const double bits[] = {1, 4, 8, 16, 32, 64};
  const double days[] = {1.0 / 24, 30, 3650};
  for (size_t b = 0; b < sizeof bits / sizeof bits[0]; b++)
    for (size_t t = 0; t < sizeof days / sizeof days[0]; t++)
      for (int ops = 0; ops < 2; ops++) {
        limen_workload w = limen_workload_default();
        w.bits = bits[b];
        w.train_time_s = days[t] * 86400;
        w.ops = ops ? LIMEN_OPS_PER_PARAMETER_STEP : LIMEN_OPS_PER_FLOP;
        w.success = (t + b) % 2 ? 1.0 : 0.999;
        w.lr_kind = (limen_lr_kind)(b % 3);
        check_all(&w, "brain-scale");
      }
}

/* lim-matched delivers the bits it is labelled with, and costs at least the thermodynamic
 * uncertainty bound 2·S² kT per parameter. */
Test(floors, lim_matched_effective_bits_and_uncertainty_bound) {
  for (double n = 2; n <= 32; n += 2) {
    limen_workload w = limen_workload_default();
    w.bits = n;
    limen_lim_matched_design g;
    limen_error err;
    cr_assert_eq(limen_lim_matched_design_compute(&w, NULL, &g, &err), LIMEN_OK, "%s", err.msg);
    cr_assert(g.spread_levels2 <= 1.0 + 1e-12, "n = %g: spread %g levels²", n, g.spread_levels2);
    cr_assert(g.effective_bits >= n - 1e-12, "n = %g: %g effective bits", n, g.effective_bits);
    double S = g.path_levels, tur = 2.0 * S * S;
    if (g.hops_per_level > 1) cr_assert(g.energy_per_param_kT >= tur * (1 - 1e-12), "n = %g: below the TUR", n);
    cr_log_info("n = %2g: S = %.4g levels, H = %.4g, rho = %.3g, %.4g kT per parameter (%.3f x TUR)", n, S,
                g.hops_per_level, g.rho, g.energy_per_param_kT, g.energy_per_param_kT / tur);
  }
}

/* A memory array of independent cells driven by the design's matched hopping: per step k a
 * cell makes Poisson(r₊Δt) forward and Poisson(r₋Δt) backward hops, r±Δt = (μ_k/2ρ)·e^{±f/2},
 * μ_k = H·m_k.  Its final spread and mean are compared with the projection (z-scores). */
static void simulate_array(const limen_workload *w, size_t cells, uint64_t seed) {
  limen_lim_matched_design g;
  limen_error err;
  cr_assert_eq(limen_lim_matched_design_compute(w, NULL, &g, &err), LIMEN_OK, "%s", err.msg);
  double K = g.steps, eps = w->param_range / pow(2.0, w->bits);
  limen_lr_schedule s = {w->lr_kind, w->lr_eta0, w->lr_t0_frac * K, K, w->lr_eta_min_frac * w->lr_eta0};
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  gsl_rng_set(rng, seed);
  double sum = 0, sum2 = 0, path = 0;
  for (int k = 0; k < (int)K; k++) path += limen_lr_eta(&s, k) * w->grad_scale / eps;
  for (size_t c = 0; c < cells; c++) {
    double x = 0; /* hops */
    for (int k = 0; k < (int)K; k++) {
      double mu = g.hops_per_level * limen_lr_eta(&s, k) * w->grad_scale / eps, rdt = mu / (2 * g.rho);
      x += (double)gsl_ran_poisson(rng, rdt * exp(g.tilt_kT / 2)) - (double)gsl_ran_poisson(rng, rdt * exp(-g.tilt_kT / 2));
    }
    double dev = x / g.hops_per_level - path; /* levels off the intended path */
    sum += dev;
    sum2 += dev * dev;
  }
  gsl_rng_free(rng);
  double n = (double)cells, mean = sum / n, var = (sum2 - n * mean * mean) / (n - 1);
  /* standard error of a sample variance: var·√(2/(n−1)) plus the excess kurtosis of a Skellam
   * sum, which is O(1/(μ H)) here and below 1 % of that */
  double se_var = g.spread_levels2 * sqrt(2.0 / (n - 1)), se_mean = sqrt(g.spread_levels2 / n);
  double z_var = (var - g.spread_levels2) / se_var, z_mean = mean / se_mean;
  cr_log_info("n = %g bits, %zu cells, K = %g, H = %g, rho = %.3g: spread %.5f levels² (projected %.5f, z = %.2f), "
              "mean drift error %.5f levels (z = %.2f); effective bits %.4g",
              w->bits, cells, K, g.hops_per_level, g.rho, var, g.spread_levels2, z_var, mean, z_mean, g.effective_bits);
  cr_assert(fabs(z_var) < 4.0, "spread z = %g", z_var);
  cr_assert(fabs(z_mean) < 4.0, "drift z = %g", z_mean);
  cr_assert(var < 1.0 + 4.0 * se_var, "measured spread %g levels² exceeds one level", var);
}

static limen_workload small_run(double bits, limen_lr_kind kind, double rho) {
  limen_workload w = limen_workload_default();
  w.params = 1e6;
  w.flops = 0;
  w.batch_tokens = 1000;
  w.tokens = 300 * 1000.0; /* K = 300 steps */
  w.train_time_s = 3e4;
  w.bits = bits;
  w.lr_kind = kind;
  w.lr_eta0 = 0.01;
  w.drift_diffusion_ratio = rho;
  return w;
}

Test(floors, lim_matched_spread_matches_jump_simulation) {
  size_t cells = (size_t)fmax(2000.0, 20000.0 * tu_scale());
  limen_workload w = small_run(8, LIMEN_LR_INVERSE, 1.0);
  simulate_array(&w, cells, 11);
  w = small_run(10, LIMEN_LR_COSINE, 0.5);
  simulate_array(&w, cells, 12);
  w = small_run(6, LIMEN_LR_CONSTANT, 3.0);
  simulate_array(&w, cells, 13);
}
