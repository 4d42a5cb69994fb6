/* SPDX-License-Identifier: GPL-3.0-or-later
 * maxcut.h: Max-Cut as an Ising problem solved by annealing spins that are physical binary
 * cells whose barrier follows the barrier-matched logarithmic schedule (theory §6, (A)).
 *
 * Graph: n vertices, m weighted edges.  A cut is a spin vector s ∈ {−1, +1}^n; its value is
 * cut(s) = Σ_{(i,j)} w_ij (1 − s_i s_j)/2 = (Σ w − H(s))/2 with the Ising energy
 * H(s) = Σ_{(i,j)} w_ij s_i s_j, so maximizing the cut minimizes H.
 *
 * Annealing rule (documented exactly; sweep k = 0 … K−1, spins visited in index order):
 *   barrier    E_b(t) = E_b(0) + ln(1 + t/t0)   (the (A) law for η ∝ 1/(1 + t/t0));
 *   base rate  r_b(t) = r_K(E_b(0))/(1 + t/t0) with r_K the Kramers rate of the quartic
 *              cell (so r_b ∝ e^{−E_b(t)} exactly as (A) prescribes);
 *   coupling   the tilt a spin feels from its neighbours is proportional to its barrier (both
 *              scale with the cell's anisotropy energy): β(t) = β₀·E_b(t)/E_b(0) kT per unit
 *              edge weight;
 *   flip rate  r_i = r_b(t)·exp(−β(t)·ΔH_i/2), ΔH_i = −2 s_i h_i, h_i = Σ_j w_ij s_j
 *              (Arrhenius over the barrier lowered or raised by half the energy change);
 *   time step  sweep k lasts one base hop time 1/r_b(t_k), so spin i flips with probability
 *              1 − exp(−exp(−β_k ΔH_i/2)).
 * The rates are symmetric (r(s→s')/r(s'→s) = e^{−βΔH}), so at fixed β the dynamics samples
 * the Boltzmann distribution e^{−βH}: this is simulated annealing with the symmetric
 * Arrhenius acceptance rule and the temperature schedule 1/β(t) = E_b(0)/(β₀(E_b(0) +
 * ln(1 + t/t0))) — logarithmic in physical time (Geman & Geman 1984).  Because each sweep
 * lasts 1/r_b(t), ln(1 + t_k/t0) grows linearly in k; t0 is chosen so that β reaches β_end
 * at the last sweep: ln(1 + t_K/t0) = E_b(0)(β_end/β₀ − 1), t0 = 1/(r_b(0)·Δ) with
 * Δ = E_b(0)(β_end/β₀ − 1)/K.  Physical time therefore grows exponentially with sweeps
 * (reported as log10 seconds): the price of a logarithmic schedule.
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
int limen_graph_read_gset(const char *path, limen_graph **out, limen_error *err);
/* A named graph from the data directory: "G1", "G11", "G14" (data/gset/<name>.txt). */
int limen_graph_load(const char *name, limen_graph **out, limen_error *err);
/* Erdős–Rényi graph G(n, p), weights +1 or (signed ≠ 0) ±1 with equal probability,
 * gsl_rng_mt19937 seeded with seed. */
int limen_graph_random(size_t n, double p, int signed_weights, unsigned long seed, limen_graph **out,
                       limen_error *err);
void limen_graph_free(limen_graph *g);
/* Best-known cut of a named G-set graph (G1 11624, G11 564, G14 3064), NAN if unknown. */
double limen_gset_best_known(const char *name);

/* Cut value of spins s (±1). */
double limen_maxcut_value(const limen_graph *g, const int *s);
/* Exact maximum cut by enumeration (Gray code, last spin fixed), n ≤ 26. s_best may be NULL. */
int limen_maxcut_brute_force(const limen_graph *g, double *best, int *s_best, limen_error *err);

typedef struct limen_anneal_config {
  size_t sweeps;              /* K                                                [1000] */
  double beta0, beta_end;     /* β at the first and last sweep, per unit weight   [0.1, 3] */
  double barrier0_kT;         /* E_b(0)                                           [20]   */
  double retention_barrier_kT;/* E_ret of the static-barrier comparison; 0 → limen_retention_barrier(10 y, 1e-6) */
  double write_s;             /* duration of one static write                     [1e-6] */
  double write_fail;          /* p_w of a static write                            [1e-6] */
  double tau0_s;              /* τ₀                                               [1e-9] */
  double temperature_K;       /*                                                  [300]  */
  unsigned long seed;         /* initial spins and the flips                      [1]    */
  size_t record_every;        /* trace every this many sweeps (0: none)          [0]    */
} limen_anneal_config;

limen_anneal_config limen_anneal_config_default(void);

typedef struct limen_anneal_point {
  size_t sweep;
  double log10_time_s;        /* physical time (log10 of seconds)                          */
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
  double log10_time_s;        /* physical time of the whole anneal                           */
  double final_barrier_kT;
  limen_anneal_point *points;
  size_t n_points;
} limen_anneal_result;

/* Anneal from a random start (s_best receives the best spins seen; may be NULL). */
int limen_maxcut_anneal(const limen_graph *g, const limen_anneal_config *cfg, int *s_best,
                        limen_anneal_result *out, limen_error *err);
void limen_anneal_result_free(limen_anneal_result *r);

#ifdef __cplusplus
}
#endif
#endif
