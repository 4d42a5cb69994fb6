/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_rng.c: the engine's random streams and Gaussian ziggurat (rng.h, rng_gaussian.c):
 * the table is the closed ladder it claims to be, the block draws exactly the scalar
 * streams' numbers, and the numbers are standard normal (moments, a 1000-bin chi-square
 * test and the tails, each against its own standard error, with fixed seeds). */
#include <criterion/criterion.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>
#include <math.h>
#include <string.h>

#include "limen/rng.h"
#include "rng/rng_internal.h"
#include "testutil.h"

#define NL LIMEN_ZIG_LAYERS

static double zf(double x) { return exp(-0.5 * x * x); }
static double zvol(double r) { return r * zf(r) + sqrt(M_PI / 2.0) * erfc(r / M_SQRT2); }

/* Ladder from r: X₀ = v/f(r), X₁ = r, Xᵢ₊₁ = f⁻¹(v/Xᵢ + f(Xᵢ)); returns the top box's area
 * minus v (negative, by the number of layers left, when the ladder passes the peak early). */
static double ladder(double r, void *p) {
  double *X = p, v = zvol(r);
  X[0] = v / zf(r);
  X[1] = r;
  for (int i = 1; i < NL - 1; i++) {
    double a = v / X[i] + zf(X[i]);
    if (a >= 1.0) return -(double)(NL - 1 - i);
    X[i + 1] = sqrt(-2.0 * log(a));
  }
  X[NL] = 0.0;
  return X[NL - 1] * (1.0 - zf(X[NL - 1])) - v;
}

Test(rng, ziggurat_table_is_the_closed_ladder) {
  double X[NL + 1];
  gsl_function F = {ladder, X};
  gsl_set_error_handler_off();
  gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
  cr_assert_eq(gsl_root_fsolver_set(s, &F, 3.0, 4.5), GSL_SUCCESS);
  double r = 0.0;
  for (int it = 0; it < 200; it++) {
    gsl_root_fsolver_iterate(s);
    r = gsl_root_fsolver_root(s);
    if (gsl_root_fsolver_x_upper(s) - gsl_root_fsolver_x_lower(s) <= 1e-15 * r) break;
  }
  gsl_root_fsolver_free(s);
  double closure = ladder(r, X);
  /* Marsaglia & Tsang (2000) quote r = 3.6541528853610088 for 256 layers */
  cr_assert(fabs(r - 3.6541528853610088) < 2e-15, "r = %.17g", r);
  cr_assert(fabs(closure) < 1e-14, "top box area − v = %g", closure);
  for (int i = 0; i <= NL; i++)
    cr_assert(tu_close_rel(limen_zig_x[i], X[i], 1e-14), "X[%d] = %a, recomputed %a", i,
              limen_zig_x[i], X[i]);
  /* every layer has area v (layer 0 counts the tail) */
  const double v = zvol(limen_zig_x[1]);
  cr_assert(tu_close_rel(limen_zig_x[0] * zf(limen_zig_x[1]), v, 1e-14));
  double quick = limen_zig_x[1] / limen_zig_x[0];
  for (int i = 1; i < NL; i++) {
    double area = limen_zig_x[i] * (zf(limen_zig_x[i + 1]) - zf(limen_zig_x[i]));
    cr_assert(tu_close_rel(area, v, 1e-12), "layer %d: area %.17g, v %.17g", i, area, v);
    quick += limen_zig_x[i + 1] / limen_zig_x[i];
  }
  /* probability that a draw passes the quick test (rng.h states 98.5 %) */
  quick /= NL;
  cr_log_info("ziggurat: r = %.17g, quick-path probability %.5f", r, quick);
  cr_assert(quick > 0.9845 && quick < 0.9855, "quick-path probability %.5f", quick);
}

Test(rng, block_lanes_draw_exactly_the_scalar_streams) {
  const uint64_t seed = 7, first = 100;
  const size_t steps = 20000;
  limen_rng_block b;
  limen_rng_block_seed(&b, seed, first);
  limen_rng r[LIMEN_RNG_BLOCK];
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) limen_rng_seed(&r[i], seed, first + i);
  double out[LIMEN_RNG_BLOCK];
  size_t beyond_r = 0;
  for (size_t n = 0; n < steps; n++) {
    limen_rng_block_gaussian(&b, LIMEN_RNG_BLOCK, out);
    for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
      double x = limen_rng_gaussian(&r[i]);
      cr_assert(memcmp(&x, &out[i], sizeof x) == 0, "step %zu lane %zu: block %a, scalar %a", n,
                i, out[i], x);
      beyond_r += fabs(x) > limen_zig_x[1];
    }
  }
  /* the tail branch ran (2Q(r)·n ≈ 330 expected) and the streams stayed in step */
  cr_assert(beyond_r > 200, "%zu draws beyond r", beyond_r);
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
    limen_rng c;
    limen_rng_block_get(&b, i, &c);
    cr_assert(memcmp(&c, &r[i], sizeof c) == 0, "lane %zu: state differs", i);
  }
}

Test(rng, partial_block_draws_from_its_first_lanes_only) {
  limen_rng_block b, ref;
  limen_rng_block_seed(&b, 3, 0);
  ref = b;
  double out[LIMEN_RNG_BLOCK];
  for (int n = 0; n < 1000; n++) limen_rng_block_gaussian(&b, 5, out);
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
    limen_rng r, c;
    limen_rng_block_get(&ref, i, &r);
    if (i < 5)
      for (int n = 0; n < 1000; n++) (void)limen_rng_gaussian(&r);
    limen_rng_block_get(&b, i, &c);
    cr_assert(memcmp(&c, &r, sizeof c) == 0, "lane %zu: state differs", i);
  }
}

/* n draws over many streams, as the engine makes them. */
typedef struct {
  double m1, m2, m3, m4; /* sums of x, x², x³, x⁴ */
  size_t n, tail_r, tail_45;
  double ex1, ex2; /* sums of (|x| − r) and its square over the draws beyond r */
  size_t bins[1000];
} gstats;

static void collect(gstats *g, size_t blocks, size_t steps, uint64_t seed) {
  memset(g, 0, sizeof *g);
  double out[LIMEN_RNG_BLOCK];
  for (size_t k = 0; k < blocks; k++) {
    limen_rng_block b;
    limen_rng_block_seed(&b, seed, k * LIMEN_RNG_BLOCK);
    for (size_t n = 0; n < steps; n++) {
      limen_rng_block_gaussian(&b, LIMEN_RNG_BLOCK, out);
      for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
        double x = out[i], x2 = x * x;
        g->m1 += x, g->m2 += x2, g->m3 += x2 * x, g->m4 += x2 * x2;
        if (fabs(x) > limen_zig_x[1]) {
          double d = fabs(x) - limen_zig_x[1];
          g->tail_r++, g->ex1 += d, g->ex2 += d * d;
        }
        g->tail_45 += fabs(x) > 4.5;
        size_t j = (size_t)(gsl_cdf_ugaussian_P(x) * 1000.0);
        g->bins[j < 1000 ? j : 999]++;
      }
    }
  }
  g->n = blocks * steps * LIMEN_RNG_BLOCK;
}

static double binomial_z(size_t count, size_t n, double p) {
  return tu_z((double)count / (double)n, p, sqrt(p * (1.0 - p) / (double)n));
}

Test(rng, gaussian_numbers_are_standard_normal) {
  const size_t blocks = 64, steps = (size_t)(5000 * tu_scale()) + 500;
  static gstats g;
  collect(&g, blocks, steps, 2026);
  const double n = (double)g.n;
  /* moments against their exact standard errors: Var x = 1, Var x² = 2, Var x³ = 15,
   * Var x⁴ = 105 − 9 = 96 */
  double z1 = tu_z(g.m1 / n, 0.0, sqrt(1.0 / n));
  double z2 = tu_z(g.m2 / n, 1.0, sqrt(2.0 / n));
  double z3 = tu_z(g.m3 / n, 0.0, sqrt(15.0 / n));
  double z4 = tu_z(g.m4 / n, 3.0, sqrt(96.0 / n));
  /* 1000 equiprobable bins: chi-square with 999 degrees of freedom, as a z-score */
  double chi2 = 0.0, e = n / 1000.0;
  for (int j = 0; j < 1000; j++) chi2 += (g.bins[j] - e) * (g.bins[j] - e) / e;
  double zc = (chi2 - 999.0) / sqrt(2.0 * 999.0);
  /* tails: beyond r (the tail branch) and beyond 4.5 */
  double zr = binomial_z(g.tail_r, g.n, 2.0 * gsl_cdf_ugaussian_Q(limen_zig_x[1]));
  double zt = binomial_z(g.tail_45, g.n, 2.0 * gsl_cdf_ugaussian_Q(4.5));
  /* shape of the tail: mean excess beyond r, exactly (φ(r) − r·Q(r))/Q(r) */
  const double r = limen_zig_x[1], Q = gsl_cdf_ugaussian_Q(r), phi = exp(-0.5 * r * r) / sqrt(2.0 * M_PI);
  const double nt = (double)g.tail_r, mex = g.ex1 / nt;
  double ze = tu_z(mex, (phi - r * Q) / Q, sqrt((g.ex2 / nt - mex * mex) / (nt - 1.0)));
  cr_log_info("%zu draws: z(mean) %.2f z(x^2) %.2f z(x^3) %.2f z(x^4) %.2f chi2/999 %.4f "
              "z(chi2) %.2f z(|x|>r) %.2f z(|x|>4.5) %.2f (%zu) z(tail excess) %.2f",
              g.n, z1, z2, z3, z4, chi2 / 999.0, zc, zr, zt, g.tail_45, ze);
  const double zmax = 4.0;
  cr_assert(fabs(z1) < zmax && fabs(z2) < zmax && fabs(z3) < zmax && fabs(z4) < zmax,
            "moment z-scores %.2f %.2f %.2f %.2f", z1, z2, z3, z4);
  cr_assert(fabs(zc) < zmax, "chi-square %.1f on 999 degrees of freedom (z = %.2f)", chi2, zc);
  cr_assert(fabs(zr) < zmax && fabs(zt) < zmax && fabs(ze) < zmax, "tail z-scores %.2f %.2f %.2f",
            zr, zt, ze);
}

Test(rng, streams_of_different_seeds_and_lanes_are_uncorrelated) {
  /* the lag-0 correlation of neighbouring lanes and of two seeds, against 1/√n */
  const size_t steps = (size_t)(20000 * tu_scale()) + 1000;
  limen_rng_block a, b;
  limen_rng_block_seed(&a, 11, 0);
  limen_rng_block_seed(&b, 12, 0);
  double xa[LIMEN_RNG_BLOCK], xb[LIMEN_RNG_BLOCK], lanes = 0.0, seeds = 0.0, lag = 0.0;
  double prev[LIMEN_RNG_BLOCK] = {0};
  for (size_t n = 0; n < steps; n++) {
    limen_rng_block_gaussian(&a, LIMEN_RNG_BLOCK, xa);
    limen_rng_block_gaussian(&b, LIMEN_RNG_BLOCK, xb);
    for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
      lanes += xa[i] * xa[(i + 1) % LIMEN_RNG_BLOCK];
      seeds += xa[i] * xb[i];
      lag += xa[i] * prev[i];
      prev[i] = xa[i];
    }
  }
  const double n = (double)steps * LIMEN_RNG_BLOCK;
  double zl = lanes / sqrt(n), zs = seeds / sqrt(n), zg = lag / sqrt(n - LIMEN_RNG_BLOCK);
  cr_log_info("correlation z-scores: neighbouring lanes %.2f, seeds %.2f, lag 1 %.2f", zl, zs, zg);
  cr_assert(fabs(zl) < 4.0 && fabs(zs) < 4.0 && fabs(zg) < 4.0, "z = %.2f %.2f %.2f", zl, zs, zg);
}
