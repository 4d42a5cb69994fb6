/* SPDX-License-Identifier: GPL-3.0-or-later
 * potential.h: controlled potentials U(x, λ) of the stochastic-thermodynamics engine
 * (theory §2, §5), as interchangeable "types" behind one interface, in the style of
 * gsl_odeiv2_step_type.
 *
 * Dimensionless units as in cell.h: x in a (quartic, harmonic) or in the level spacing Δ
 * (washboard); energy in kT; time in τ₀ = γa²/kT.  In these units γ = kT = 1 and the
 * dynamics is   dx = −∂ₓU(x, λ(t)) dt + √2 dW.
 *
 * The control vector λ (limen_control) is the same for every type; each type reads the
 * components it depends on and ignores the others:
 *
 *   quartic    U = E_b (x² − 1)² − f x                      reads barrier, tilt
 *   washboard  U = (E_b/2)(1 − cos 2πx) − f x  on [−½, M − ½] reads barrier, tilt
 *              (M = params.levels levels at x = 0 … M − 1; reflecting walls at both ends,
 *               i.e. U = +∞ outside the domain, exactly the hard walls of cell.h)
 *   harmonic   U = (k/2)(x − c)² − f x                      reads stiffness, center, tilt
 *   transport  the finite-time-optimal erasure family of the quartic cell (see below)
 *                                                           reads barrier, tilt, path
 *
 * Energies of "quartic" and "washboard" equal limen_well_energy() of cell.h for the same
 * barrier, tilt and levels.
 *
 * The "transport" type.  For erasing the symmetric quartic cell of barrier
 * params.barrier_kT to success probability P_s = params.success into local equilibrium
 * (final density ρ_1 = 2P_s·ρ₀ on x < 0 and 2(1 − P_s)·ρ₀ on x > 0, ρ₀ ∝ e^{−U₀}), the
 * density is driven along the Wasserstein-2 geodesic (displacement interpolation)
 *     ρ_s = (X_s)#ρ₀,   X_s(x₀) = x₀ + s·(T(x₀) − x₀),   T = F_1⁻¹∘F₀ (monotone map),
 * at constant speed s = t/τ.  Each particle then moves with the Lagrangian velocity
 * v = (T(x₀) − x₀)/τ, which the potential
 *     U_s(x) = −ln ρ_s(x) − τ⁻¹·∫₀^x u_s(y) dy,   u_s(X_s(x₀)) = T(x₀) − x₀,
 * produces exactly in the Fokker–Planck equation (drift −∂ₓU_s − ∂ₓ ln ρ_s = v).  The mean
 * entropy production is then ∫ρ v² dx dt = W₂(ρ₀, ρ_1)²/τ = B/τ, the minimum over all
 * protocols (Aurell et al., PRL 106, 250601 (2011)), and ⟨Q⟩ = e_L(P_s) + B/τ = e_FT(τ) of
 * theory §3 (FT).  The table depends on τ, so params.duration must equal the protocol's τ.
 * λ.path ∈ [0, 1] selects U_s (s = path); λ.path < 0 selects the bare quartic cell
 * U₀ = E_b(x² − 1)² − f x with E_b = λ.barrier, f = λ.tilt, so a protocol jumps from the
 * cell into the family at t = 0 and back at t = τ (the jumps cost work, no heat).
 * U_s is tabulated on a grid in (x, s) (cubic Hermite in x, linear in s); beyond the grid
 * a steep quadratic wall continues it.  P_s must lie in [0.5, 1) (P_s = 1 makes U_1
 * infinite on x > 0).
 *
 * Accuracy.  ρ_1 jumps at x = 0, so the exact U_s has a moving step of height
 * J(s) = ln[((1−s) + sT'₊)/((1−s) + sT'₋)] (→ ln(P_s/(1−P_s))) at X_s(x_P), F₀(x_P) = P_s: it
 * separates the particles bound for the left well from those that stay.  The table smooths
 * it to a tanh ramp of width w = params.step_width (default LIMEN_TRANSPORT_STEP_WIDTH =
 * 0.005 a).  The ramp lets particles within ~w of the moving split point end on the wrong
 * side: the success falls short of P_s by a second-order amount, measured by the
 * Fokker–Planck solver (E_b = 8, P_s = 0.9) as ≈ 16·w² at τ = 2 and ≈ 1.6·w² at τ = 10
 * (w = 0.05: 0.022 — the shortfall the former default of 0.05 a produced; w = 0.0125:
 * 2.5e-3; w = 0.005: 4e-4; w = 0.003: 1.5e-4), and ⟨Q⟩ → e_FT(τ) at the same rate; keep the
 * x grid finer than w/4 (grid_x = 4001 gives 0.0009 a).  docs/simulation.md has the table.
 * Langevin integration: besides the ramp (curvature ≈ J/w²), the optimal potential has
 * features that are singular at the ends of the path: a hole of width ≈ s opening at
 * X_s(x_P) (depth ln(1 + s·T'), T' ≈ e^{E_b}·ρ₀(x_P)/(2P_s·ρ₀(0)) the stretching of the
 * barrier-top material) and a gap of width ≈ 1 − s closing at T(0) in the left well.  A
 * fixed-step integrator needs Δt well below 1/max(J/w², T'²): at E_b = 4 and w = 0.05,
 * Heun at Δt = 1e-4 agrees with the Fokker–Planck solver; at E_b = 8 its success is still
 * biased by +0.02 at Δt = 2e-5, so use the Fokker–Planck solver there.
 */
#ifndef LIMEN_POTENTIAL_H
#define LIMEN_POTENTIAL_H

#include <stddef.h>

#include "limen/cell.h"
#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The control vector λ.  Units: energies in kT, lengths in a (or Δ). */
typedef struct limen_control {
  double barrier;   /* E_b/kT: barrier of the double well / washboard          */
  double tilt;      /* f = F·a/kT: linear tilt, U ∋ −f·x                        */
  double center;    /* c: trap position (harmonic)                              */
  double stiffness; /* k = κa²/kT: trap stiffness (harmonic), > 0              */
  double path;      /* s: position along a tabulated family (transport), [0, 1];
                       < 0 selects the bare cell                                */
} limen_control;

/* Number of components of limen_control, in the order above (for ∂U/∂λ as an array). */
#define LIMEN_CONTROL_DIM 5

/* Parameters fixed for the life of a potential (not controlled).  One struct for every
 * type; a type reads only its own fields (the others may stay 0). */
typedef struct limen_potential_params {
  int levels;           /* washboard: number of levels M ≥ 2                            */
  double barrier_kT;    /* transport: barrier E_b of the quartic cell being erased, > 0  */
  double success;       /* transport: target success probability P_s ∈ [0.5, 1)         */
  double duration;      /* transport: τ (in τ₀) of the protocol the table is made for   */
  int grid_x;           /* transport: x grid points (0 → 4001)                          */
  int grid_s;           /* transport: path grid points (0 → 401)                        */
  double step_width;    /* transport: width w (a) of the ramp that smooths the moving step
                           (accuracy: success shortfall O(w²), see above); 0 → default      */
} limen_potential_params;

/* Default ramp width of the transport type (a). */
#define LIMEN_TRANSPORT_STEP_WIDTH 0.005

/* The ramp width the transport type uses for params: params->step_width, or
 * LIMEN_TRANSPORT_STEP_WIDTH when that is 0. */
LIMEN_API double limen_potential_transport_step_width(const limen_potential_params *params);

struct limen_potential;

/* A potential type.  All function pointers receive the potential instance (its params
 * and precomputed state) and must be safe to call concurrently from several threads. */
typedef struct limen_potential_type {
  const char *name;       /* "quartic", "washboard", "harmonic", "transport"              */
  int harmonic;           /* 1 when U is (k/2)(x − c)² − f x: the exact OU step applies    */
  /* Validate params and build the state (may be NULL for no state).  Required. */
  int (*init)(const limen_potential_params *params, void **state, limen_error *err);
  void (*free_state)(void *state);
  /* Check that a control vector is admissible for this type (e.g. k > 0). */
  int (*check_control)(const struct limen_potential *p, const limen_control *u,
                       limen_error *err);
  /* Vector evaluation at n points and one control: U[i] = U(x[i]), F[i] = −∂ₓU(x[i]);
   * F may be NULL (energies only).  This is the engine's hot path. */
  void (*eval)(const struct limen_potential *p, const limen_control *u, size_t n,
               const double *x, double *U, double *F);
  /* ∂U/∂λ_j (j in limen_control order, LIMEN_CONTROL_DIM entries) at x. */
  void (*dU_dcontrol)(const struct limen_potential *p, const limen_control *u, double x,
                      double grad[LIMEN_CONTROL_DIM]);
  /* Hard walls: the domain [*lo, *hi] (±HUGE_VAL when unconfined).  The Langevin engine
   * reflects at finite walls; a Fokker–Planck solver puts zero-flux boundaries there. */
  void (*domain)(const struct limen_potential *p, double *lo, double *hi);
} limen_potential_type;

LIMEN_API extern const limen_potential_type *const limen_potential_quartic;
LIMEN_API extern const limen_potential_type *const limen_potential_washboard;
LIMEN_API extern const limen_potential_type *const limen_potential_harmonic;
LIMEN_API extern const limen_potential_type *const limen_potential_transport;

/* Look a type up by its name; LIMEN_ENOTFOUND lists the known names. */
LIMEN_API int limen_potential_type_find(const char *name, const limen_potential_type **type,
                                 limen_error *err);

/* An instance: a type with its parameters and precomputed state. */
typedef struct limen_potential {
  const limen_potential_type *type;
  limen_potential_params params;
  void *state;
} limen_potential;

/* Make a potential of `type` with `params` (NULL: all zero, fine for quartic/harmonic).
 * *out is set on success and must be released with limen_potential_free. */
LIMEN_API int limen_potential_alloc(const limen_potential_type *type, const limen_potential_params *params,
                          limen_potential **out, limen_error *err);
LIMEN_API void limen_potential_free(limen_potential *p);

/* The potential and control of a static cell of cell.h (quartic or washboard, its barrier
 * and tilt); other control components are set to 0 (stiffness 1, path −1). */
LIMEN_API int limen_potential_from_well(const limen_well *w, limen_potential **out, limen_control *u,
                              limen_error *err);

/* Scalar conveniences over type->eval / type->dU_dcontrol. */
LIMEN_API double limen_potential_energy(const limen_potential *p, const limen_control *u, double x);
LIMEN_API double limen_potential_force(const limen_potential *p, const limen_control *u, double x);
LIMEN_API void limen_potential_dU_dcontrol(const limen_potential *p, const limen_control *u, double x,
                                 double grad[LIMEN_CONTROL_DIM]);
LIMEN_API void limen_potential_domain(const limen_potential *p, double *lo, double *hi);
LIMEN_API int limen_potential_check_control(const limen_potential *p, const limen_control *u,
                                  limen_error *err);

/* An interval [*lo, *hi] inside the domain that holds all of the Boltzmann weight e^{−U}
 * except a fraction below about e^{−cut_kT} (found by widening a scan of
 * prec->support_scan_points points outwards from the minimum of U until U − min U reaches
 * cut_kT at both ends, then keeping one scan cell beyond the last point below the cut;
 * cut_kT > 0, e.g. 40; prec NULL → defaults).  For grids (Fokker–Planck) and sampling. */
LIMEN_API int limen_potential_support(const limen_potential *p, const limen_control *u, double cut_kT,
                            double *lo, double *hi, const limen_precision *prec,
                            limen_error *err);

/* The control vector with every component 0 except stiffness = 1 and path = −1. */
LIMEN_API limen_control limen_control_zero(void);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_POTENTIAL_H */
