/* SPDX-License-Identifier: GPL-3.0-or-later
 * bench_langevin.c: particle-steps per second of the Langevin engine on the double-well
 * erasure ensemble (Euler–Maruyama, full Sekimoto work/heat bookkeeping, λ changing every
 * step), on 1 and 2 threads, against a roofline loop in the same process that only draws the
 * same Gaussian numbers (the engine's ziggurat over the per-trajectory xoshiro256** streams,
 * a block of LIMEN_RNG_BLOCK trajectories at a time, as the engine draws them).
 *
 * usage: bench_langevin [--traj M] [--tau T] [--dt S] [--reps R] [--threads-max T]
 * Also times the Fokker–Planck solver on the same protocol (cell-steps per second).
 * Prints one "key value" line per figure, for bench/run.sh. */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limen/fokker_planck.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "limen/rng.h"

#define BLOCK LIMEN_RNG_BLOCK

/* Draw n_steps Gaussians for each of M trajectories, as the engine does (one stream per
 * trajectory, blocks of BLOCK in lockstep, ROOF_STEPS steps a call), and nothing else.
 * Returns a checksum. */
#define ROOF_STEPS 8
static double roofline(size_t M, size_t n_steps, int threads) {
  size_t nblocks = (M + BLOCK - 1) / BLOCK;
  double total = 0.0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) reduction(+ : total)
  for (size_t b = 0; b < nblocks; b++) {
    size_t first = b * BLOCK, nb = M - first < BLOCK ? M - first : BLOCK;
    _Alignas(64) limen_rng_block rng;
    _Alignas(64) double xi[ROOF_STEPS * BLOCK];
    double acc[BLOCK];
    limen_rng_block_seed(&rng, 1, first);
    for (size_t i = 0; i < nb; i++) acc[i] = 0.0;
    for (size_t n = 0; n < n_steps; n += ROOF_STEPS) {
      const size_t m = n_steps - n < ROOF_STEPS ? n_steps - n : ROOF_STEPS;
      limen_rng_block_gaussian_steps(&rng, nb, m, xi);
      for (size_t t = 0; t < m; t++)
        for (size_t i = 0; i < nb; i++) acc[i] += xi[t * BLOCK + i];
    }
    for (size_t i = 0; i < nb; i++) total += acc[i];
  }
  return total;
}

/* Compiled per instruction set like the engine's loops (src/core/simd_clones.h). */
#if defined(__x86_64__) && defined(__GNUC__) && defined(__ELF__)
#define BENCH_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define BENCH_CLONES
#endif

/* One block of arithmetic_only: W − Q summed over its trajectories. */
BENCH_CLONES
static double arith_block(size_t b, size_t n_steps, double dt, double amp, const double *eb,
                          const double *f) {
  double x[BLOCK], xi[BLOCK], U[BLOCK], W[BLOCK], Q[BLOCK], total = 0.0;
  limen_rng_block rng;
  limen_rng_block_seed(&rng, 1, b * BLOCK);
  limen_rng_block_gaussian(&rng, BLOCK, xi);
  for (size_t i = 0; i < BLOCK; i++) {
    x[i] = (i & 1) ? 1.0 : -1.0, W[i] = Q[i] = 0.0;
    const double a = x[i] * x[i] - 1.0;
    U[i] = eb[0] * a * a - f[0] * x[i];
  }
  for (size_t n = 1; n <= n_steps; n++) {
    const double e = eb[n], t = f[n];
    for (size_t i = 0; i < BLOCK; i++) {
      double a = x[i] * x[i] - 1.0;
      const double Un = e * a * a - t * x[i], F = t - 4.0 * e * x[i] * a;
      W[i] += Un - U[i];
      x[i] += F * dt + amp * xi[i];
      a = x[i] * x[i] - 1.0;
      U[i] = e * a * a - t * x[i];
      Q[i] += Un - U[i];
    }
  }
  for (size_t i = 0; i < BLOCK; i++) total += W[i] - Q[i];
  return total;
}

/* Everything the kernel does except drawing the noise: the same protocol (controls
 * tabulated once), the quartic energy and force written out inline, the Euler step with a
 * fixed noise vector and the work/heat sums, in blocks of BLOCK.  No implementation that
 * draws fresh noise can beat it, so it bounds the kernel/NumPy ratio from above. */
static double arithmetic_only(const limen_protocol *p, size_t M, size_t n_steps, double tau,
                              int threads) {
  double *eb = malloc((n_steps + 1) * sizeof *eb), *f = malloc((n_steps + 1) * sizeof *f);
  if (!eb || !f) {
    free(eb);
    free(f);
    return 0.0;
  }
  const double dt = tau / (double)n_steps, amp = sqrt(2.0 * dt);
  for (size_t n = 0; n <= n_steps; n++) {
    limen_control u;
    limen_protocol_control(p, n == n_steps ? tau : (double)n * dt, -1, &u);
    eb[n] = u.barrier, f[n] = u.tilt;
  }
  size_t nblocks = (M + BLOCK - 1) / BLOCK;
  double total = 0.0;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) reduction(+ : total)
  for (size_t b = 0; b < nblocks; b++) total += arith_block(b, n_steps, dt, amp, eb, f);
  free(eb);
  free(f);
  return total;
}

/* Best rates of the roofline [0], arithmetic only [1] and kernel [2]: by the wall clock, and by
 * the calling thread's CPU time (meaningful on one thread, where that thread does all the work). */
typedef struct {
  double wall[3], cpu[3];
} bench_best;

static double thread_cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The kernel on t threads; returns its mean heat, or NAN (message printed) on an error. */
static double kernel(const limen_protocol *p, size_t M, double dt, int t) {
  limen_error err;
  limen_langevin_config c = limen_langevin_config_default();
  c.n_traj = M;
  c.dt = dt;
  c.threads = t;
  c.seed = 1;
  c.integrator = limen_integrator_euler;
  limen_langevin_result res;
  if (limen_langevin_run(&c, NULL, p, &res, &err)) {
    fprintf(stderr, "bench_langevin: %s\n", err.msg);
    return NAN;
  }
  double heat = res.mean_heat;
  limen_langevin_result_clear(&res);
  return heat;
}

/* One repetition of the three loops on t threads, folded into *b; nonzero on an error. */
static int bench_round(const limen_protocol *p, size_t M, size_t n_steps, double tau, double dt, int t,
                       bench_best *b, double *check) {
  const double psteps = (double)M * (double)n_steps;
  for (int k = 0; k < 3; k++) {
    const double w0 = omp_get_wtime(), c0 = thread_cpu();
    const double v = k == 0 ? roofline(M, n_steps, t)
                     : k == 1 ? arithmetic_only(p, M, n_steps, tau, t)
                              : kernel(p, M, dt, t);
    const double w1 = omp_get_wtime(), c1 = thread_cpu();
    if (isnan(v)) return 1;
    *check += v;
    b->wall[k] = fmax(b->wall[k], psteps / (w1 - w0));
    b->cpu[k] = fmax(b->cpu[k], psteps / (c1 - c0));
  }
  return 0;
}

int main(int argc, char **argv) {
  size_t M = 20000;
  double tau = 5.0, dt = 1e-3;
  int reps = 3, tmax = 2;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--traj") == 0) M = (size_t)atol(argv[i + 1]);
    else if (strcmp(argv[i], "--tau") == 0) tau = atof(argv[i + 1]);
    else if (strcmp(argv[i], "--dt") == 0) dt = atof(argv[i + 1]);
    else if (strcmp(argv[i], "--reps") == 0) reps = atoi(argv[i + 1]);
    else if (strcmp(argv[i], "--threads-max") == 0) tmax = atoi(argv[i + 1]);
    else {
      fprintf(stderr, "bench_langevin: unknown option '%s'\n", argv[i]);
      return 2;
    }
  }
  limen_error err;
  limen_protocol *p = NULL;
  limen_protocol_args a;
  if (limen_protocol_args_default("erasure", &a, &err) ||
      limen_protocol_alloc_erasure(a.barrier_kT, a.barrier_low_kT, a.tilt_kT, 0, tau, &p, &err)) {
    fprintf(stderr, "bench_langevin: %s\n", err.msg);
    return 1;
  }
  size_t n_steps = (size_t)ceil(tau / dt - 1e-12);
  double psteps = (double)M * (double)n_steps;
  printf("trajectories %zu\nsteps %zu\nparticle_steps %.0f\n", M, n_steps, psteps);
  printf("gaussian_route %s\n", limen_rng_gaussian_route());
  printf("protocol erasure E_b=%g E_low=%g f=%g tau=%g dt=%g integrator euler\n", a.barrier_kT, a.barrier_low_kT,
         a.tilt_kT, tau, dt);
  /* repetitions interleave the thread counts, so that a burst of other load on the machine
   * hits all configurations alike; each figure is the best of its repetitions */
  bench_best best[64];
  double check = 0.0;
  memset(best, 0, sizeof best);
  if (tmax > 64) tmax = 64;
  for (int r = 0; r < reps; r++)
    for (int t = 1; t <= tmax; t++)
      if (bench_round(p, M, n_steps, tau, dt, t, &best[t - 1], &check)) return 1;
  for (int t = 1; t <= tmax; t++)
    printf("roofline_threads%d %.6g\nkernel_threads%d %.6g\narith_threads%d %.6g\n", t,
           best[t - 1].wall[0], t, best[t - 1].wall[2], t, best[t - 1].wall[1]);
  /* the same on one thread by the thread's CPU time: what the core did while it ran, whatever
   * else the machine was running (bench/run.sh's per-core column) */
  printf("roofline_cpu_threads1 %.6g\nkernel_cpu_threads1 %.6g\narith_cpu_threads1 %.6g\n",
         best[0].cpu[0], best[0].cpu[2], best[0].cpu[1]);
  fprintf(stderr, "(checksum %g)\n", check);
  /* the Fokker–Planck solver on the same protocol: cell-steps per second (one thread) */
  limen_fp_config fc = limen_fp_config_default();
  fc.dt = dt;
  double best_fp = 0.0;
  size_t cells = 0;
  for (int r = 0; r < reps; r++) {
    limen_fp_result fr;
    double t0 = omp_get_wtime();
    if (limen_fp_run(&fc, NULL, p, &fr, &err)) {
      fprintf(stderr, "bench_langevin: %s\n", err.msg);
      return 1;
    }
    double t1 = omp_get_wtime();
    cells = fr.n_cells;
    best_fp = fmax(best_fp, (double)fr.n_cells * (double)fr.n_steps / (t1 - t0));
    limen_fp_result_clear(&fr);
  }
  printf("fp_cells %zu\nfp_cell_steps %.6g\n", cells, best_fp);
  limen_protocol_free(p);
  return 0;
}
