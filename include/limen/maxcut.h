/* SPDX-License-Identifier: GPL-3.0-or-later
 * maxcut.h: Max-Cut as an Ising problem solved by annealing spins that are physical binary
 * cells whose barrier follows the barrier-matched logarithmic schedule (theory §6, (A)).
 *
 * Graph: n vertices, m weighted edges.  A cut is a spin vector s ∈ {−1, +1}^n; its value is
 * cut(s) = Σ_{(i,j)} w_ij (1 − s_i s_j)/2 = (Σ w − H(s))/2 with the Ising energy
 * H(s) = Σ_{(i,j)} w_ij s_i s_j, so maximizing the cut minimizes H.
 *
 * Annealing rule (physical device schedule; documented exactly).  Every spin s_i is a binary
 * (quartic double-well) cell; the cells are coupled, so that cell i feels the tilt of the local
 * field h_i = Σ_j w_ij s_j scaled by the coupling energy J (in kT per unit edge weight):
 * flipping s_i changes the coupling energy by J·ΔH_i with ΔH_i = 2 s_i h_i.
 *   barrier    E_b(t) = E_b(0) + ln(1 + t/t0) kT — rule (A) for η ∝ 1/(1 + t/t0); it rises by
 *              barrier_rise_kT over the run;
 *   attempts   each cell attempts a flip at rate r(t) = r₀·e^{−E_b(t)}, with r₀e^{−E_b(0)}
 *              the Kramers rate of the quartic cell at E_b(0) (limen_kramers_log_rate);
 *              the attempt rate therefore falls as 1/(1 + t/t0), exactly as (A) prescribes;
 *   acceptance Glauber at the bath temperature: an attempt succeeds with probability
 *              1/(1 + e^{β ΔH_i}), β = J/kT, which satisfies detailed balance for the
 *              Boltzmann weight e^{−βH}.  (A valid two-state model while J·|ΔH_i| is below the
 *              barrier; above it the real cell would flip faster than r(t), so the reported
 *              time is an upper bound there.)
 *   coupling   the same control that raises the barrier raises the coupling in proportion:
 *              J(t)/kT = β(t) = β₀ + κ·(E_b(t) − E_b(0)), κ = (β_end − β₀)/barrier_rise_kT.
 *              With J fixed (β_end = β₀) the Boltzmann weight never changes: the rising
 *              barrier only slows the dynamics and the run is a quench at β₀.  With J
 *              rising with the barrier, β(t) = β₀ + κ·ln(1 + t/t0): the logarithmic cooling
 *              schedule of Geman & Geman (IEEE TPAMI 6, 721, 1984) in physical time.
 *   sweeps     one sweep gives every spin (index order) one attempt and lasts the mean
 *              waiting time 1/r(t_k) of an attempt.  With t0 = 1/(r(0)·(e^δ − 1)),
 *              δ = barrier_rise_kT/K, each sweep raises ln(1 + t/t0) by exactly δ, so the
 *              barrier and β grow linearly in sweeps and physical time is
 *              t_k = t0·(e^{kδ} − 1) (t0 converted to seconds with τ₀): the whole run lasts
 *              t0·(e^{barrier_rise} − 1).  Defaults (E_b(0) = 10 kT, rise 6 kT, τ₀ = 1 ns,
 *              1,000 sweeps) give r(0) ≈ 4.1e5 /s and about 0.14 s in total.
 *
 * Energy accounting per flip:
 *   modulated barrier (LIM): the flip is thermally activated; the bath receives the drop of
 *     the coupling energy, −β·ΔH_i kT (negative for uphill flips); raising the coupling
 *     between sweeps does work (β_{k+1} − β_k)·H kT, reported separately; barrier raising
 *     around a localized state is recoverable (theory (M));
 *   static barrier: every flip is one static-barrier write (S) at E_ret within write_s:
 *     limen_static_write_cost(E_ret, write_s/τ₀, p_w).work_kT per flip. */
#ifndef LIMEN_MAXCUT_H
#define LIMEN_MAXCUT_H

#include <stddef.h>
#include <stdint.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct limen_graph {
  size_t n, m;
  size_t *ei, *ej;   /* edge endpoints, 0-based                 */
  double *ew;        /* edge weights                             */
  size_t *adj_start; /* n + 1 offsets into adj / adj_w (CSR)     */
  size_t *adj;
  double *adj_w;
  double total_weight;
} limen_graph;

/* G-set format: first line "n m", then m lines "i j w" (1-based, i ≠ j, w finite).
 * Strict: errors name file, line and field. */
LIMEN_API int limen_graph_read_gset(const char *path, limen_graph **out, limen_error *err);
/* A named graph from the data directory: "G1", "G11", "G14" (data/gset/<name>.txt). */
LIMEN_API int limen_graph_load(const char *name, limen_graph **out, limen_error *err);
/* Erdős–Rényi graph G(n, p), weights +1 or (signed ≠ 0) ±1 with equal probability,
 * gsl_rng_mt19937 seeded with seed. */
LIMEN_API int limen_graph_random(size_t n, double p, int signed_weights, uint64_t seed, limen_graph **out,
                       limen_error *err);
LIMEN_API void limen_graph_free(limen_graph *g);
/* Best-known cut of a named G-set graph (G1 11624, G11 564, G14 3064), NAN if unknown. */
LIMEN_API double limen_gset_best_known(const char *name);

/* Cut value of spins s (±1). */
LIMEN_API double limen_maxcut_value(const limen_graph *g, const int *s);
/* Exact maximum cut by enumeration (Gray code, last spin fixed), n ≤ 26. s_best may be NULL. */
LIMEN_API int limen_maxcut_brute_force(const limen_graph *g, double *best, int *s_best, limen_error *err);

typedef struct limen_anneal_config {
  size_t sweeps;              /* K                                                [1000] */
  double beta0, beta_end;     /* β = J/kT at the first and last sweep, per unit weight [0.1, 3] */
  double barrier0_kT;         /* E_b(0)                                           [10]   */
  double barrier_rise_kT;     /* E_b(K) − E_b(0) = ln(1 + t_K/t0), (0, 60]          [6]    */
  double retention_barrier_kT;/* E_ret of the static-barrier comparison; 0 → limen_retention_barrier(10 y, 1e-6) */
  double write_s;             /* duration of one static write                     [1e-6] */
  double write_fail;          /* p_w of a static write                            [1e-6] */
  double tau0_s;              /* τ₀                                               [1e-9] */
  double temperature_K;       /*                                                  [300]  */
  uint64_t seed;         /* initial spins and the flips                      [1]    */
  size_t record_every;        /* trace every this many sweeps (0: none)          [0]    */
  /* Called with the fraction of the sweeps done, about every 1 % (the tool's progress on
   * stderr); NULL: not called.  It only reads, so results do not depend on it.             */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_anneal_config;

LIMEN_API limen_anneal_config limen_anneal_config_default(void);

typedef struct limen_anneal_point {
  size_t sweep;
  double time_s;              /* physical time at the end of the sweep                     */
  double log10_time_s;        /* log10 of time_s                                            */
  double beta, barrier_kT;
  double cut, best_cut;
  double heat_modulated_J, heat_static_J;  /* cumulative                                   */
} limen_anneal_point;

typedef struct limen_anneal_result {
  double best_cut, final_cut;
  size_t best_sweep;
  double flips;
  double heat_modulated_J;    /* Σ −β ΔH kT over flips                                      */
  double coupling_work_J;     /* Σ (β_{k+1} − β_k) H kT                                       */
  double heat_static_J;       /* flips × e_S                                                 */
  double static_write_kT;     /* e_S per flip                                                */
  double time_s;              /* physical time of the whole anneal                           */
  double log10_time_s;        /* log10 of time_s                                             */
  double attempt_rate0_per_s; /* r(0): flip attempts per second per spin at E_b(0)           */
  double t0_s;                /* t0 of the schedule                                          */
  double final_barrier_kT;
  limen_anneal_point *points;
  size_t n_points;
} limen_anneal_result;

/* Anneal from a random start (s_best receives the best spins seen; may be NULL). */
LIMEN_API int limen_maxcut_anneal(const limen_graph *g, const limen_anneal_config *cfg, int *s_best,
                        limen_anneal_result *out, limen_error *err);
LIMEN_API void limen_anneal_result_clear(limen_anneal_result *r);

#ifdef __cplusplus
}
#endif
#endif
