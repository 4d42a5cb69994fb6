/* SPDX-License-Identifier: GPL-3.0-or-later
 * memory.h: arrays of physical memory cells that hold trainable parameters (theory §6).
 *
 * A training step hands the array the update it wants, Δw (one number per parameter), and
 * the update window Δt.  The array turns it into a protocol on its cells, and returns the
 * update that the physics realized, the heat each cell gave to the bath, and a lower bound
 * for the same moves.  The memory paradigms are interchangeable "types" behind one
 * interface (like gsl_odeiv2_step_type):
 *
 *   ideal           floating point, no physics, zero heat (the reference).
 *   digital-static  every parameter is n binary (quartic double-well) cells at the retention
 *                   barrier E_ret, offset-binary code of the value quantized on 2^n levels
 *                   over [−w_max, w_max].  The new value is quantized by stochastic rounding
 *                   (unbiased, so that updates smaller than one level are not lost); every
 *                   bit that changes is one static-barrier write (S):
 *                   heat = flips × limen_static_write_cost(E_ret, Δt, p_w).work_kT.
 *   analog-static   every parameter is one multi-level washboard cell (M = 2^n levels, the
 *                   same grid) held at E_ret.  The hop rate at E_ret is ~e^{−E_ret}: the
 *                   cell only moves under strong tilt pulses, one per level crossed, each a
 *                   static-barrier write (S) of duration Δt/|k| for a move of k levels
 *                   (the tilt must nearly erase the barrier; the (H) formula with the tiny
 *                   hop rate at E_ret would extrapolate the linear barrier lowering e^{f/2} far
 *                   outside its range of validity, so the static write, which uses the exact
 *                   tilted barrier, is the faithful cost).  The level move is the stochastic
 *                   rounding of Δw/δ.
 *   lim-fixed       the washboard barrier is lowered to E_low during every window and raised
 *                   to E_ret after it.  In the window the cell hops at the zero-tilt rate
 *                   r = limen_washboard_hop_rate(E_low) each way; a tilt f per level
 *                   makes the rates r·e^{±f/2} (theory (H)).  The tilt is chosen so that the
 *                   expected move is the desired one, m = Δw/δ: f = 2·asinh(m/(2rΔt)).
 *   lim-matched     as lim-fixed, but the barrier follows the learning-rate schedule by (A):
 *                   r(t) = r(E_b(0))·η(t)/η(0), barrier E_b(t) = E_b(0) + ln(η(0)/η(t))
 *                   (limen_matched_barrier_kT), with t the step index of the schedule.
 *
 * Jump statistics (the cell simulation used here).  For the hopping paradigms the numbers
 * of forward and backward hops of a cell in the window are independent Poisson variates
 * with means rΔt·e^{±f/2} (gsl_ran_poisson); the realized move is their difference (held
 * inside the levels 0 … M−1 by the hard walls), and the heat is (net move)·f exactly: the
 * periodic part of U is the same in every minimum, so the work of switching the tilt on and
 * off, f × displacement, is all given to the bath.  Its expectation is m·f = e_H(m, rΔt),
 * the closed form (H).  The same Poisson draws carry the thermal diffusion of the cell,
 * variance rΔt·2cosh(f/2) ≈ 2rΔt levels² per window: a barrier that is too low destroys
 * precision.  The hopping picture needs a barrier: when the required tilt exceeds E_b
 * (the tilted barrier would fall below about E_b/2) the cell is driven over it instead:
 * it slides deterministically with the exact mean velocity of the tilted cosine washboard,
 * v = √(f² − f_c²) levels per τ₀ with f_c = πE_b, so f = √((mτ₀/Δt)² + f_c²) and the move
 * is the stochastic rounding of m (a conservative cost for that regime; counted in
 * limen_memory_stats.driven).  Between windows the cells sit at E_ret for hold_s and leak by
 * symmetric hops at r(E_ret) (no heat at zero tilt); the leak is skipped when its expected
 * number of hops in the whole array is below 1e-9 per step.  Barrier lowering and raising
 * around a localized state is counted as recoverable (theory (M)).
 *
 * Random numbers: cell i in step k draws from the keyed stream (seed, k·n + i) of rng.h
 * (leak: a second family of streams), so results are reproducible for a seed and do not
 * depend on threads or on the order in which cells are processed.
 *
 * Bounds (limen_memory_stats.bound_kT, the "closed-form bound for the same trajectory"):
 * for washboard cells, moving a localized state by m levels in Δt costs at least the
 * optimal-transport (Stokes drag) bound γ(mΔ)²/Δt = m²·τ₀/Δt kT (Aurell et al. PRL 2011);
 * for binary cells, every bit flip costs at least the finite-time Landauer cost (FT)
 * e_FT(E_ret, 1 − p_w, Δt) of an optimal modulated-barrier write.
 *
 * The zero-tilt hop rate r of a washboard cell is exact at every barrier
 * (limen_washboard_hop_rate, bounds.h): 1/T with T the mean first-passage time from one level
 * to the next (limen_mfpt_log), not the Kramers approximation, which overestimates it by about
 * 10 % at 6 kT.
 *
 * Levels: the 2^n levels of a cell include both ends of [−w_max, w_max]: level k holds
 * −w_max + k·δ with δ = limen_level_size(2·w_max, n, LIMEN_LEVELS_ENDPOINTS) = 2·w_max/(2^n − 1)
 * (the projections' ε = range/2^n is the other convention of bounds.h).
 *
 * Cells by Langevin dynamics (cells = LIMEN_CELLS_LANGEVIN; lim-fixed and lim-matched only).
 * Instead of the Poisson draws, every cell integrates its overdamped Langevin equation in the
 * washboard (langevin.h, stochastic Heun, time step langevin_dt) for the window: it starts in
 * local equilibrium in the well of its level, the tilt f (the same f as above) is switched on
 * at the start and off at the end, and the engine's Sekimoto bookkeeping gives the heat; the
 * new level is the well it ends in.  One trajectory per cell and step, stream (seed,
 * k·n + i).  This costs ~Δt/langevin_dt force evaluations per cell and step: it is meant
 * for small cases that check the jump statistics (tests/test_memory.c), not for training. */
#ifndef LIMEN_MEMORY_H
#define LIMEN_MEMORY_H

#include <stddef.h>

#include "limen/bounds.h"
#include <stdint.h>

#include "limen/common.h"
#include "limen/input.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { LIMEN_CELLS_JUMP = 0, LIMEN_CELLS_LANGEVIN = 1 } limen_cells_kind;

typedef struct limen_memory_config {
  /* the double and int members are the rows of limen_memory_config_inputs() (range, default,
   * meaning); the others give their default in brackets */
  double temperature_K;        /* T                                                            */
  double tau0_s;               /* intrinsic time τ₀ of a cell                                  */
  int bits;                    /* n: bits per parameter; analog cells have 2^n levels          */
  double w_max;                /* parameters live in [−w_max, w_max]                           */
  double retention_barrier_kT; /* E_ret; 0 → limen_retention_barrier(10 y, 1e-6)               */
  double write_fail;           /* p_w of a static-barrier write                                */
  double low_barrier_kT;       /* E_low (lim-fixed) and E_b(0) (lim-matched)                   */
  double hold_s;               /* time at E_ret between update windows                         */
  limen_lr_schedule schedule;  /* lim-matched: the barrier follows η(t) by (A)   [const, η0 = 1] */
  uint64_t seed;               /* random streams                                             [1] */
  limen_cells_kind cells;      /* cell simulation: jump statistics or Langevin            [jump] */
  double langevin_dt;          /* Langevin time step, in τ₀ (cells = langevin); a table input  */
} limen_memory_config;

/* The defaults of limen_memory_config_inputs(), schedule constant (η0 = 1), seed 1, cells jump. */
LIMEN_API limen_memory_config limen_memory_config_default(void);
/* The table of the configuration's numeric inputs (input.h): temperature, tau0, bits, w-max,
 * retention-barrier, write-fail, barrier (low_barrier_kT), hold, langevin-dt, named as the
 * options of `limen train`; the defaults and range checks of this header come from it.  *n gets
 * the row count (n may be NULL). */
LIMEN_API const limen_input *limen_memory_config_inputs(size_t *n);

/* What the training loop tells the array about the step. */
typedef struct limen_memory_step {
  size_t index;    /* step k: keys the random streams and is the schedule's time t   */
  double window_s; /* update window Δt > 0                                            */
} limen_memory_step;

/* Sums over the array for one apply call. */
typedef struct limen_memory_stats {
  double heat_kT;       /* measured heat given to the bath                                */
  double expected_kT;   /* closed-form expectation of the same protocol ((H) or (S))      */
  double heat_var_kT2;  /* variance of heat_kT given the protocol (its standard error²)  */
  double bound_kT;      /* lower bound for the same moves (see above)                     */
  double barrier_kT;    /* barrier during the window (E_ret for the static paradigms)     */
  double rate_dt;       /* zero-tilt hops per window each way, r·Δt (hopping paradigms)   */
  double ops;           /* elementary operations: bit flips, or levels crossed (|net|)    */
  double max_tilt_kT;   /* largest |f| applied                                             */
  size_t driven;        /* cells driven over the barrier (tilt above E_b)                 */
} limen_memory_stats;

typedef struct limen_memory limen_memory;

typedef struct limen_memory_type {
  const char *name;
  const char *description;
  int physical;  /* 0 for the ideal reference */
  /* Type-specific set-up once m->cfg, m->n, m->w are filled (quantizes w onto the cells). */
  int (*init)(limen_memory *m, limen_error *err);
  void (*release)(limen_memory *m);
  /* One update window: dw[i] desired; writes realized dw_real[i], heat_kT[i] (both may be
   * NULL) and updates m->w. */
  int (*apply)(limen_memory *m, const double *dw, const limen_memory_step *step, double *dw_real,
               double *heat_kT, limen_memory_stats *stats, limen_error *err);
} limen_memory_type;

struct limen_memory {
  const limen_memory_type *type;
  limen_memory_config cfg;
  size_t n;          /* cells (parameters)                                    */
  double *w;         /* current parameter values, read with limen_memory_values */
  double *level;     /* level index 0 … 2^n − 1 of each cell (physical types)  */
  double levels;     /* 2^n                                                    */
  double delta;      /* level size δ = 2·w_max/(2^n − 1) (LIMEN_LEVELS_ENDPOINTS) */
  double e_ret_kT;   /* retention barrier in use                               */
  void *state;       /* type-specific                                          */
};

LIMEN_API extern const limen_memory_type *const limen_memory_ideal;
LIMEN_API extern const limen_memory_type *const limen_memory_digital_static;
LIMEN_API extern const limen_memory_type *const limen_memory_analog_static;
LIMEN_API extern const limen_memory_type *const limen_memory_lim_fixed;
LIMEN_API extern const limen_memory_type *const limen_memory_lim_matched;

/* NULL-terminated list of every type, and lookup by name (LIMEN_ENOTFOUND lists them). */
LIMEN_API const limen_memory_type *const *limen_memory_types(void);
LIMEN_API int limen_memory_type_find(const char *name, const limen_memory_type **type, limen_error *err);

/* Validate a configuration against limen_memory_config_inputs(), the schedule and the cell kind
 * (messages name the field, value and range). */
LIMEN_API int limen_memory_config_check(const limen_memory_config *cfg, limen_error *err);

/* An array of n cells holding w0 (quantized onto the cells' levels; values outside
 * [−w_max, w_max] are an error). */
LIMEN_API int limen_memory_alloc(const limen_memory_type *type, const limen_memory_config *cfg, size_t n,
                       const double *w0, limen_memory **out, limen_error *err);
LIMEN_API void limen_memory_free(limen_memory *m);

/* Apply one update window (see the type's apply). stats may be NULL. */
LIMEN_API int limen_memory_apply(limen_memory *m, const double *dw, const limen_memory_step *step,
                       double *dw_real, double *heat_kT, limen_memory_stats *stats,
                       limen_error *err);

/* Current parameter values (n numbers, owned by the array). */
LIMEN_API const double *limen_memory_values(const limen_memory *m);

#ifdef __cplusplus
}
#endif
#endif
