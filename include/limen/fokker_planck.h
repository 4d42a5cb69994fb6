/* SPDX-License-Identifier: GPL-3.0-or-later
 * fokker_planck.h: noise-free mean work, heat and success probability of a memory-cell
 * protocol from the 1-D Fokker–Planck (Smoluchowski) equation, theory §5.
 *
 * Units as in cell.h: x in a, energy in kT, time in τ₀ = γa²/kT.
 *     ∂ₜρ = ∂ₓ(ρ ∂ₓU(x, λ(t)) + ∂ₓρ),  zero flux at both ends of [x_lo, x_hi].
 * Finite volumes with Scharfetter–Gummel fluxes: e^{−U} is a stationary state of the discrete
 * equations to round-off and the total mass is conserved to round-off.  Implicit time stepping
 * (TR-BDF2 or backward Euler) with one tridiagonal solve per stage. */
#ifndef LIMEN_FOKKER_PLANCK_H
#define LIMEN_FOKKER_PLANCK_H

#include <stddef.h>

#include "limen/checkpoint.h"
#include "limen/common.h"
#include "limen/langevin.h"
#include "limen/potential.h"
#include "limen/protocol.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the grid kernel ----------------------------------------------------------- */

typedef enum {
  LIMEN_FP_TRBDF2 = 0,        /* TR-BDF2, γ = 2 − √2: second order, L-stable (default) */
  LIMEN_FP_BACKWARD_EULER = 1 /* first order, L-stable, positivity preserving          */
} limen_fp_scheme;

typedef struct limen_fp_grid limen_fp_grid;

/* n_cells ≥ 3 equal cells on [x_lo, x_hi]; the density starts uniform. */
LIMEN_API limen_fp_grid *limen_fp_grid_alloc(size_t n_cells, double x_lo, double x_hi, limen_error *err);
LIMEN_API void limen_fp_grid_free(limen_fp_grid *g);

LIMEN_API size_t limen_fp_grid_size(const limen_fp_grid *g);
LIMEN_API double limen_fp_grid_dx(const limen_fp_grid *g);
LIMEN_API const double *limen_fp_grid_x(const limen_fp_grid *g);       /* cell centres             */
LIMEN_API const double *limen_fp_grid_density(const limen_fp_grid *g); /* ρ_i, Σ ρ_i·dx = mass     */

/* ρ_i = e^{−u_i}/Z normalized to unit mass; u holds U at the cell centres. */
LIMEN_API int limen_fp_grid_set_boltzmann(limen_fp_grid *g, const double *u, limen_error *err);
/* Copy a density (finite, ≥ 0, positive mass; not renormalized). */
LIMEN_API int limen_fp_grid_set_density(limen_fp_grid *g, const double *rho, limen_error *err);

LIMEN_API double limen_fp_grid_mass(const limen_fp_grid *g);                  /* Σ ρ_i dx          */
LIMEN_API double limen_fp_grid_mean(const limen_fp_grid *g, const double *f); /* Σ ρ_i f_i dx      */
LIMEN_API double limen_fp_grid_mass_between(const limen_fp_grid *g, double a, double b);

/* Advance ρ by dt > 0 with the potential u (at the cell centres) frozen over the step. */
LIMEN_API int limen_fp_grid_step(limen_fp_grid *g, const double *u, double dt, limen_fp_scheme scheme,
                       limen_error *err);

/* Largest |J_{i+½}| of the current density in the potential u (0 in equilibrium). */
LIMEN_API int limen_fp_grid_flux_residual(limen_fp_grid *g, const double *u, double *max_abs_flux,
                                limen_error *err);

/* ---- protocols --------------------------------------------------------------------
 * The time grid and the work/heat splitting are those of the Langevin engine
 * (langevin.h): N = ⌈τ/dt⌉ steps of dt_eff = τ/N; λ_0 = λ(0⁻), λ_{n+1} = λ(t_{n+1}⁻),
 * and after the last step the final jump to λ(τ⁺).  Step n, with ⟨f⟩_n = Σ_i ρ_i^n f_i Δx:
 *     W_n = ⟨U(λ_{n+1}) − U(λ_n)⟩_n                 (λ changes at fixed ρ: work)
 *     ρⁿ → ρⁿ⁺¹ by one implicit step in U(λ_{n+1})  (relaxation at fixed λ: heat)
 *     Q_n = ⟨U(λ_{n+1})⟩_n − ⟨U(λ_{n+1})⟩_{n+1}
 * so ⟨ΔU⟩ = ΣW_n − ΣQ_n exactly (the same numbers enter both sums); jumps of λ are work.
 * The initial density is the (discrete) Boltzmann density of U(·, λ_0) on the protocol's
 * initial region, or all mass in the cell holding x0 (LIMEN_INIT_FIXED); the success
 * probability is the fraction of the final mass in the target region (so that the round-off
 * drift of the total mass, ~1e-13, cannot carry it above 1).
 *
 * Grid.  Where the potential has walls (washboard) the grid spans its domain exactly;
 * otherwise it spans the union over the protocol of limen_potential_support(…, cut_kT),
 * sampled at every segment boundary and at 64 points inside each segment.  n_cells = 0
 * picks cells of width ≤ h_max (at least 200). */
typedef struct limen_fp_config {
  double dt;               /* requested time step (τ₀), > 0                        [1e-3]  */
  size_t n_cells;          /* grid cells; 0 = automatic from h_max                  [0]     */
  double h_max;            /* automatic grid: largest cell width (a)                [0.005] */
  double cut_kT;           /* automatic domain: Boltzmann tail left out, e^{−cut}   [40]    */
  double x_lo, x_hi;       /* explicit domain when x_lo < x_hi (else automatic)     [0, 0]  */
  limen_fp_scheme scheme;  /*                                                     [TRBDF2]  */
  limen_init_kind init;    /* LIMEN_INIT_EQUILIBRIUM or LIMEN_INIT_FIXED (at x0)   [EQUIL]  */
  double x0;               /*                                                       [0]     */
  double max_work;         /* cap on cells × steps × LIMEN_WORK_PER_CELL_STEP (langevin.h);
                              ≤ 0: LIMEN_WORK_CAP                                  [1e12]  */
  /* Accuracy knobs (support_scan_points, support_time_samples: the automatic domain);
   * NULL → limen_precision_default().                                                    */
  const limen_precision *precision;
  /* Called about every 1 % of the steps with the fraction done (may be NULL).           */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_fp_config;

LIMEN_API limen_fp_config limen_fp_config_default(void);

/* The inputs of the configuration a user gives (input.h rows: cells), whose defaults
 * limen_fp_config_default takes (limen_fp_inputs_defaults sets only them); the time step is
 * the Langevin table's "dt".  limen_fp_inputs_check: LIMEN_EINVAL "limen_fp_config: <member> =
 * <v>: allowed range <range>". */
LIMEN_API const limen_input *limen_fp_inputs(size_t *n);
LIMEN_API void limen_fp_inputs_defaults(limen_fp_config *cfg);
LIMEN_API int limen_fp_inputs_check(const limen_fp_config *cfg, limen_error *err);

typedef struct limen_fp_result {
  size_t n_steps;          /* N                                                          */
  double dt;               /* dt_eff = τ/N                                               */
  double duration;         /* τ                                                          */
  size_t n_cells;
  double x_lo, x_hi, dx;   /* the grid                                                   */
  double mean_work;        /* ⟨W⟩ (kT)                                                   */
  double mean_heat;        /* ⟨Q⟩ (kT), heat to the bath                                 */
  double mean_dU;          /* ⟨U(λ(τ⁺))⟩_final − ⟨U(λ(0⁻))⟩_initial                      */
  double first_law_residual; /* |⟨ΔU⟩ − (⟨W⟩ − ⟨Q⟩)| (round-off)                          */
  double success;          /* fraction of the final mass in the target region, in [0, 1]
                              (the mass drifts from 1 by round-off only: see mass_error)   */
  double mass_error;       /* |final mass − 1|                                           */
  double free_energy_change; /* ΔF = −ln(Z(λ(τ⁺))/Z(λ(0⁻))) on the grid, over the whole
                                grid (the equilibrium free-energy difference)              */
  double *x, *rho;         /* cell centres and the final density (n_cells each, owned)   */
} limen_fp_result;

/* Run the protocol.  pot may be NULL (made from the protocol and freed inside); res is
 * overwritten (clear a previous result first); on failure its pointers are NULL. */
LIMEN_API int limen_fp_run(const limen_fp_config *cfg, const limen_potential *pot,
                 const limen_protocol *proto, limen_fp_result *res, limen_error *err);
LIMEN_API void limen_fp_result_clear(limen_fp_result *res);

/* limen_fp_run under a run control (checkpoint.h; ctl NULL: limen_fp_run itself, the same
 * result bit for bit).  The N steps go in units of limen_fp_unit_steps(N) steps ("blocks of
 * steps"), and the run asks ctl's should_stop after each.  With ctl->checkpoint, whose command
 * and inputs are the caller's (e.g. "simulate" and limen_simulate_checkpoint_inputs's text),
 * the run adds to the inputs its scheme and grid ("fokker-planck grid = 1289 cells on [-3.285,
 * 3.156]"), and each block's unit holds the mean work and heat summed so far; the last unit
 * also holds the density (n_cells values), which the unit before it then gives up: the next
 * block starts from that density alone.  A stop asked for returns LIMEN_EINTERRUPTED after the
 * current block with the checkpoint written; a checkpoint read from a file (its inputs matched:
 * LIMEN_EINVAL naming each that differs) continues from its last block — its density, work and
 * heat as saved, the potential recomputed — to the result of an uninterrupted run, bit for bit.
 * A block that does not fit (another number of values, a value not finite): LIMEN_EPARSE. */
LIMEN_API int limen_fp_run_ctl(const limen_fp_config *cfg, const limen_potential *pot, const limen_protocol *proto,
                               const char *command, const char *inputs, limen_run_control *ctl,
                               limen_fp_result *res, limen_error *err);
/* Steps per block of a run of n_steps: at least 100, and at most 1024 blocks. */
LIMEN_API size_t limen_fp_unit_steps(size_t n_steps);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_FOKKER_PLANCK_H */
