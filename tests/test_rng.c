/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_rng.c: the engine's random streams and Gaussian ziggurat (rng.h, rng_gaussian.c):
 * the table is the closed ladder it claims to be, every compiled route of the block draw
 * (baseline, AVX2, AVX-512: those this CPU runs) makes exactly the scalar streams' numbers,
 * the numbers are standard normal on every route (moments, a 1000-bin chi-square test and
 * the tails, each against its own standard error, with fixed seeds; the tail branch alone
 * against the exact conditional law), and those checks reject two subtly broken ziggurats. */
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
  /* r of 1024 layers from the same definition in 40-digit arithmetic (mpmath's erfc and
   * secant root): 4.0388498461095045227; the same computation gives for 256 layers
   * 3.6541528853610087716, the r Marsaglia & Tsang (2000) quote (3.6541528853610088) */
  cr_assert(fabs(r - 4.0388498461095045227) < 2e-15, "r = %.17g", r);
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
    /* to the closure's bound: the top layer's area minus v is the closure itself */
    cr_assert(fabs(area - v) < 1e-14, "layer %d: area %.17g, v %.17g", i, area, v);
    quick += limen_zig_x[i + 1] / limen_zig_x[i];
  }
  /* probability that a draw passes the quick test (rng.h states 99.6 %, rng_block_kernel.c
   * 99.57 %) */
  quick /= NL;
  cr_log_info("ziggurat: r = %.17g, quick-path probability %.5f", r, quick);
  cr_assert(quick > 0.99565 && quick < 0.99575, "quick-path probability %.5f", quick);
}

/* The compiled routes of the block draw (rng_dispatch.c) that this CPU runs; *n of them. */
static size_t routes(limen_rng_block_fn *fn, const char **name) {
  size_t n = 0;
  for (int isa = 0; isa < LIMEN_RNG_ISA_COUNT; isa++)
    if ((fn[n] = limen_rng_block_route(isa, &name[n]))) n++;
  return n;
}

/* How a scalar draw from r went, without moving r: the quick test passed (0), or it failed and
 * the draw went to the tail (1), to the wedge decided by the squeeze and accepted (2), decided
 * and rejected with a next try that passes the quick test (3) or fails it too (4), or to a
 * wedge point only exp() decides (5).  Each is a separate path of the block routes. */
enum { PATH_QUICK, PATH_TAIL, PATH_ACCEPT, PATH_REJECT, PATH_REJECT_SLOW, PATH_EXP, PATH_COUNT };
static int draw_path(const limen_rng *r) {
  limen_rng c = *r;
  const uint64_t w = limen_rng_u64(&c);
  const unsigned i = (unsigned)(w & (NL - 1));
  const double x = limen_zig_uniform(w) * limen_zig_x[i];
  if (fabs(x) < limen_zig_x[i + 1]) return PATH_QUICK;
  if (i == 0) return PATH_TAIL;
  const int d = limen_zig_squeeze(i, x, limen_rng_uniform(&c));
  if (d < 0) return PATH_EXP;
  if (d == 1) return PATH_ACCEPT;
  const uint64_t w2 = limen_rng_u64(&c);
  const unsigned i2 = (unsigned)(w2 & (NL - 1));
  return fabs(limen_zig_uniform(w2) * limen_zig_x[i2]) < limen_zig_x[i2 + 1] ? PATH_REJECT : PATH_REJECT_SLOW;
}

/* Route fn over `steps` draws of lanes [0, n) of a block, `per_call` steps a call, against the
 * scalar streams; paths[] counts the draws by draw_path. */
static void check_route_against_scalar(limen_rng_block_fn fn, const char *name, size_t n, size_t steps,
                                       size_t per_call, size_t paths[PATH_COUNT]) {
  const uint64_t seed = 7, first = 100;
  _Alignas(64) limen_rng_block b;
  limen_rng_block_seed(&b, seed, first);
  limen_rng r[LIMEN_RNG_BLOCK];
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) limen_rng_seed(&r[i], seed, first + i);
  static double out[32 * LIMEN_RNG_BLOCK];
  cr_assert(per_call >= 1 && per_call <= 32);
  for (size_t k = 0; k < steps; k += per_call) {
    const size_t m = steps - k < per_call ? steps - k : per_call;
    for (size_t j = 0; j < sizeof out / sizeof out[0]; j++) out[j] = NAN; /* rows beyond n stay so */
    fn(&b, n, m, out);
    for (size_t t = 0; t < m; t++)
      for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
        const double got = out[t * LIMEN_RNG_BLOCK + i];
        if (i >= n) {
          cr_assert(isnan(got), "route %s, %zu lanes: lane %zu of row %zu written", name, n, i, t);
          continue;
        }
        paths[draw_path(&r[i])]++;
        double x = limen_rng_gaussian(&r[i]);
        cr_assert(memcmp(&x, &got, sizeof x) == 0, "route %s, %zu lanes, %zu a call: step %zu lane %zu: block %a, scalar %a",
                  name, n, per_call, k + t, i, got, x);
      }
  }
  for (size_t i = 0; i < LIMEN_RNG_BLOCK; i++) {
    limen_rng c;
    limen_rng_block_get(&b, i, &c);
    cr_assert(memcmp(&c, &r[i], sizeof c) == 0, "route %s, %zu lanes, %zu a call: lane %zu: state differs", name, n,
              per_call, i);
  }
}

/* The wedge test as it was written before the squeeze: two exp() and one comparison. */
static int wedge_by_exp(unsigned i, double x, double u) {
  const double x2 = x * x;
  const double f0 = exp(-0.5 * (limen_zig_x[i] * limen_zig_x[i] - x2));
  const double f1 = exp(-0.5 * (limen_zig_x[i + 1] * limen_zig_x[i + 1] - x2));
  return f0 + u * (f1 - f0) < 1.0;
}

Test(rng, wedge_squeeze_decides_as_the_exp_test) {
  for (int i = 0; i <= NL; i++)
    cr_assert(tu_close_rel(limen_zig_f[i], zf(limen_zig_x[i]), 1e-15), "f(X[%d]) = %a", i, limen_zig_f[i]);
  /* random points of the wedges, and points whose height lies within 10⁻⁹ … 10⁻¹⁶ of f(x) */
  limen_rng r;
  limen_rng_seed(&r, 99, 0);
  size_t accepted = 0, n = 0;
  for (int k = 0; k < 2000000; k++) {
    const unsigned i = 1 + (unsigned)(limen_rng_u64(&r) % (NL - 1));
    const double a = limen_zig_x[i + 1] + limen_rng_uniform_pos(&r) * (limen_zig_x[i] - limen_zig_x[i + 1]);
    const double x = (k & 1) ? a : -a, g0 = zf(limen_zig_x[i]), g1 = zf(limen_zig_x[i + 1]);
    double u = limen_rng_uniform(&r);
    if (k % 4 >= 2) { /* on the edge: u at the crossing, moved by ±10^-(9…16) */
      const double e = pow(10.0, -9.0 - (double)(k % 8)) * ((k & 4) ? 1.0 : -1.0);
      u = fmin(fmax((zf(a) - g0) / (g1 - g0) + e, 0.0), 0x1.fffffffffffffp-1);
    }
    const int want = wedge_by_exp(i, x, u), got = limen_zig_wedge_accept(i, x, u);
    cr_assert_eq(got, want, "layer %u, x = %a, u = %a: squeeze %d, exp test %d", i, x, u, got, want);
    accepted += (size_t)got, n++;
  }
  cr_log_info("wedge squeeze: %zu of %zu test points accepted, every decision the exp test's", accepted, n);
}

Test(rng, every_route_draws_exactly_the_scalar_streams) {
  limen_rng_block_fn fn[LIMEN_RNG_ISA_COUNT];
  const char *name[LIMEN_RNG_ISA_COUNT];
  size_t nr = routes(fn, name);
  cr_assert(nr >= 1 && strcmp(name[0], "baseline") == 0);
  cr_log_info("block draw routes on this CPU: %zu (%s … %s); limen_rng_block_gaussian uses %s", nr, name[0],
              name[nr - 1], limen_rng_gaussian_route());
  /* whole blocks and partial ones (vector groups with a remainder, fewer lanes than a group),
   * one step a call (every failed lane finished at once) and several (finished a step behind,
   * the last step's at once); 1.28 million draws each */
  const size_t lanes[] = {LIMEN_RNG_BLOCK, 13, 5, 1}, per_call[] = {1, 8, 3, 32};
  for (size_t j = 0; j < nr; j++) {
    size_t paths[PATH_COUNT] = {0};
    for (size_t l = 0; l < sizeof lanes / sizeof lanes[0]; l++)
      for (size_t c = 0; c < sizeof per_call / sizeof per_call[0]; c++)
        check_route_against_scalar(fn[j], name[j], lanes[l], 1280000 / lanes[l] + c, per_call[c], paths);
    /* every path of the slow draw ran, on whole-block and split calls alike (expected counts in
     * 2 × 10⁷ draws: tail 5000, accepted 1.6 × 10⁵, rejected 1.3 × 10⁵, rejected with a failing
     * next try 900, left to exp() by the squeeze 200) */
    cr_log_info("route %s: draws by path: quick %zu, tail %zu, wedge accepted %zu, rejected %zu, rejected with a "
                "failing next try %zu, decided by exp() %zu",
                name[j], paths[PATH_QUICK], paths[PATH_TAIL], paths[PATH_ACCEPT], paths[PATH_REJECT],
                paths[PATH_REJECT_SLOW], paths[PATH_EXP]);
    for (int p = PATH_TAIL; p < PATH_COUNT; p++)
      cr_assert(paths[p] >= 50, "route %s: path %d taken %zu times only", name[j], p, paths[p]);
  }
}

Test(rng, steps_in_one_call_are_the_steps_one_by_one) {
  /* the public entry points on the route the library chose, and calls of every length */
  _Alignas(64) limen_rng_block a, b;
  limen_rng_block_seed(&a, 41, 7);
  b = a;
  static double one[LIMEN_RNG_BLOCK], many[17 * LIMEN_RNG_BLOCK];
  for (size_t len = 1; len <= 17; len++)
    for (int rep = 0; rep < 200; rep++) {
      limen_rng_block_gaussian_steps(&b, LIMEN_RNG_BLOCK, len, many);
      for (size_t t = 0; t < len; t++) {
        limen_rng_block_gaussian(&a, LIMEN_RNG_BLOCK, one);
        cr_assert(memcmp(one, many + t * LIMEN_RNG_BLOCK, sizeof one) == 0, "%zu steps a call: step %zu differs",
                  len, t);
      }
    }
  cr_assert(memcmp(&a, &b, sizeof a) == 0, "states differ");
  limen_rng_block_gaussian_steps(&b, LIMEN_RNG_BLOCK, 0, many); /* no steps: nothing moves */
  limen_rng_block_gaussian_steps(&b, 0, 5, many);
  cr_assert(memcmp(&a, &b, sizeof a) == 0, "an empty call moved the streams");
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

static void collect(gstats *g, limen_rng_block_fn fn, size_t blocks, size_t steps, uint64_t seed) {
  memset(g, 0, sizeof *g);
  static double out[10 * LIMEN_RNG_BLOCK];
  for (size_t k = 0; k < blocks; k++) {
    limen_rng_block b;
    limen_rng_block_seed(&b, seed, k * LIMEN_RNG_BLOCK);
    for (size_t n = 0; n < steps; n += 10) { /* 10 steps a call, as the engine draws them */
      fn(&b, LIMEN_RNG_BLOCK, 10, out);
      for (size_t i = 0; i < 10 * LIMEN_RNG_BLOCK; i++) {
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
  g->n = blocks * ((steps + 9) / 10 * 10) * LIMEN_RNG_BLOCK;
}

static double binomial_z(size_t count, size_t n, double p) {
  return tu_z((double)count / (double)n, p, sqrt(p * (1.0 - p) / (double)n));
}

/* The z-scores of the standard normal checks: z[0..3] the moments x … x⁴, z[4] the 1000-bin
 * chi-square, z[5] the count beyond r, z[6] beyond 4.5, z[7] the mean excess beyond r. */
enum { NZ = 8 };
static void gauss_z(const gstats *g, double z[NZ]) {
  const double n = (double)g->n;
  /* moments against their exact standard errors: Var x = 1, Var x² = 2, Var x³ = 15,
   * Var x⁴ = 105 − 9 = 96 */
  z[0] = tu_z(g->m1 / n, 0.0, sqrt(1.0 / n));
  z[1] = tu_z(g->m2 / n, 1.0, sqrt(2.0 / n));
  z[2] = tu_z(g->m3 / n, 0.0, sqrt(15.0 / n));
  z[3] = tu_z(g->m4 / n, 3.0, sqrt(96.0 / n));
  /* 1000 equiprobable bins: chi-square with 999 degrees of freedom, as a z-score */
  double chi2 = 0.0, e = n / 1000.0;
  for (int j = 0; j < 1000; j++) chi2 += (g->bins[j] - e) * (g->bins[j] - e) / e;
  z[4] = (chi2 - 999.0) / sqrt(2.0 * 999.0);
  /* tails: beyond r (the tail branch) and beyond 4.5 */
  z[5] = binomial_z(g->tail_r, g->n, 2.0 * gsl_cdf_ugaussian_Q(limen_zig_x[1]));
  z[6] = binomial_z(g->tail_45, g->n, 2.0 * gsl_cdf_ugaussian_Q(4.5));
  /* shape of the tail: mean excess beyond r, exactly (φ(r) − r·Q(r))/Q(r) */
  const double r = limen_zig_x[1], Q = gsl_cdf_ugaussian_Q(r), phi = exp(-0.5 * r * r) / sqrt(2.0 * M_PI);
  const double nt = (double)g->tail_r, mex = g->ex1 / nt;
  z[7] = tu_z(mex, (phi - r * Q) / Q, sqrt((g->ex2 / nt - mex * mex) / (nt - 1.0)));
}

/* The largest |z| of the checks, after logging them all. */
static double log_gauss_z(const char *what, limen_rng_block_fn fn, uint64_t seed) {
  const size_t blocks = 64, steps = (size_t)(5000 * tu_scale()) + 500;
  static gstats g;
  collect(&g, fn, blocks, steps, seed);
  double z[NZ], zmax = 0.0;
  gauss_z(&g, z);
  for (int i = 0; i < NZ; i++) zmax = fmax(zmax, fabs(z[i]));
  cr_log_info("%s, %zu draws: z(mean) %.2f z(x^2) %.2f z(x^3) %.2f z(x^4) %.2f z(chi2/999) %.2f "
              "z(|x|>r) %.2f z(|x|>4.5) %.2f (%zu) z(tail excess) %.2f",
              what, g.n, z[0], z[1], z[2], z[3], z[4], z[5], z[6], g.tail_45, z[7]);
  return zmax;
}

Test(rng, gaussian_numbers_are_standard_normal_on_every_route) {
  limen_rng_block_fn fn[LIMEN_RNG_ISA_COUNT];
  const char *name[LIMEN_RNG_ISA_COUNT];
  size_t nr = routes(fn, name);
  for (size_t j = 0; j < nr; j++) {
    double zmax = log_gauss_z(name[j], fn[j], 2026);
    cr_assert(zmax < 4.0, "route %s: largest |z| = %.2f", name[j], zmax);
  }
}

/* Mutants of the ziggurat, lane by lane over a block, that the checks above must reject: one
 * that accepts every point of a wedge (no rejection against the density), and one that draws
 * the tail beyond r as r + Exp(r) without Marsaglia's rejection step. */
static double mutant_no_wedge(limen_rng *r) {
  const uint64_t w = limen_rng_u64(r);
  const unsigned i = (unsigned)(w & (NL - 1));
  const double x = limen_zig_uniform(w) * limen_zig_x[i];
  if (fabs(x) < limen_zig_x[i + 1] || i != 0) return x;
  return limen_zig_slow(r, w); /* the true tail */
}

/* The tail beyond r drawn as r + Exp(r), without Marsaglia's rejection step. */
static double mutant_exp_tail_slow(limen_rng *r, uint64_t w) {
  const double u = limen_zig_uniform(w), rr = limen_zig_x[1];
  const double t = -log(limen_rng_uniform_pos(r)) / rr;
  return u < 0.0 ? -(rr + t) : rr + t;
}

static double mutant_exp_tail(limen_rng *r) {
  const uint64_t w = limen_rng_u64(r);
  const unsigned i = (unsigned)(w & (NL - 1));
  const double x = limen_zig_uniform(w) * limen_zig_x[i];
  if (fabs(x) < limen_zig_x[i + 1] || i != 0) return fabs(x) < limen_zig_x[i + 1] ? x : limen_zig_slow(r, w);
  return mutant_exp_tail_slow(r, w);
}

/* The tail branch alone, finished by `slow` (limen_zig_slow, or a mutant): outputs of a stream
 * with their layer bits cleared (layer 0) whose point lies beyond r, n of them, and the excess
 * e = |x| − r of each against its exact conditional law P(e > s) = Q(r + s)/Q(r): the mean
 * excess against its exact standard error (E[X | X > r] = φ(r)/Q(r), E[X² | X > r] =
 * 1 + r·φ(r)/Q(r)) and a 20-bin chi-square of 1 − Q(|x|)/Q(r), as z-scores.  With 1024 layers
 * only 5·10⁻⁵ of all draws reach the tail, too few for the whole-stream checks to see a tail
 * of the wrong shape.  Returns the larger |z|. */
static double tail_z(const char *what, double (*slow)(limen_rng *, uint64_t), uint64_t seed) {
  const size_t n = (size_t)(200000 * tu_scale()) + 20000;
  const double r = limen_zig_x[1], Q = gsl_cdf_ugaussian_Q(r), phi = exp(-0.5 * r * r) / sqrt(2.0 * M_PI);
  const double m1 = phi / Q - r, m2 = 1.0 + r * phi / Q - 2.0 * r * phi / Q + r * r; /* E e, E e² */
  size_t bins[20] = {0}, got = 0;
  double sum = 0.0;
  limen_rng g;
  limen_rng_seed(&g, seed, 0);
  while (got < n) {
    const uint64_t w = limen_rng_u64(&g) & ~(uint64_t)(NL - 1);
    if (fabs(limen_zig_uniform(w) * limen_zig_x[0]) < r) continue; /* the box, not the tail */
    const double a = fabs(slow(&g, w));
    const size_t j = (size_t)((1.0 - gsl_cdf_ugaussian_Q(a) / Q) * 20.0);
    bins[j < 20 ? j : 19]++;
    sum += a - r;
    got++;
  }
  const double zm = tu_z(sum / (double)n, m1, sqrt((m2 - m1 * m1) / (double)n));
  double chi2 = 0.0, e = (double)n / 20.0;
  for (int j = 0; j < 20; j++) chi2 += (bins[j] - e) * (bins[j] - e) / e;
  const double zc = (chi2 - 19.0) / sqrt(2.0 * 19.0);
  cr_log_info("%s, %zu tail draws: z(mean excess) %.2f z(chi2/19) %.2f", what, n, zm, zc);
  return fmax(fabs(zm), fabs(zc));
}

Test(rng, the_tail_branch_follows_the_normal_tail) {
  const double z = tail_z("tail branch", limen_zig_slow, 2026);
  cr_assert(z < 4.0, "tail branch: largest |z| = %.2f", z);
}

#define MUTANT_BLOCK(fname, draw)                                           \
  static void fname(limen_rng_block *b, size_t n, size_t steps, double *out) { \
    for (size_t t = 0; t < steps; t++)                                       \
      for (size_t i = 0; i < n; i++) {                                       \
        limen_rng r;                                                         \
        limen_rng_block_get(b, i, &r);                                       \
        out[t * LIMEN_RNG_BLOCK + i] = draw(&r);                             \
        limen_rng_block_put(b, i, &r);                                       \
      }                                                                      \
  }
MUTANT_BLOCK(block_no_wedge, mutant_no_wedge)
MUTANT_BLOCK(block_exp_tail, mutant_exp_tail)

Test(rng, the_normality_checks_reject_broken_ziggurats) {
  double z1 = log_gauss_z("mutant: wedges accepted whole", block_no_wedge, 2026);
  double z2 = fmax(log_gauss_z("mutant: exponential tail", block_exp_tail, 2026),
                   tail_z("mutant: exponential tail", mutant_exp_tail_slow, 2026));
  cr_assert(z1 >= 4.0, "the wedge mutant passed (largest |z| = %.2f)", z1);
  cr_assert(z2 >= 4.0, "the tail mutant passed (largest |z| = %.2f)", z2);
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
