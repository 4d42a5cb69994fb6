/* SPDX-License-Identifier: GPL-3.0-or-later
 * bounds.h: cost of one elementary memory operation, theory §3 — (L) Landauer, (FT) finite-
 * time Landauer, (S) static-barrier write, (M) modulated-barrier write, (H) biased hopping,
 * (A) Arrhenius-matched barrier schedule, (C) consolidation, (R) reads.
 * Units as in cell.h: energies in kT, times in τ₀, unless a name ends in _J or _s. */
#ifndef LIMEN_BOUNDS_H
#define LIMEN_BOUNDS_H

#include "limen/cell.h"
#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* (L) Landauer: kT·ln2 per erased bit. */
LIMEN_API double limen_landauer_kT(void);
/* (L) generalized Landauer for success probability P_s ∈ [0, 1]:
 *   ln2 + P_s ln P_s + (1 − P_s) ln(1 − P_s)   (0·ln 0 = 0). */
LIMEN_API int limen_landauer_generalized_kT(double success, double *e_kT, limen_error *err);
/* (L) in its coarse-grained form (theory §4.1): the information part of the bound on the work
 * of a protocol that takes a two-well cell from well occupations {p_i, 1 − p_i} to
 * {p_f, 1 − p_f},   kT·(H(p_i) − H(p_f)),   H(p) = −p ln p − (1 − p) ln(1 − p)  (nats);
 * limen_landauer_generalized_kT(P_s) is this term for p_i = ½, p_f = P_s.  An occupation
 * measured as the fraction of n trajectories (n = 0: exact) has the binomial standard error
 * σ = √(p(1 − p)/n); se_kT (may be NULL) gets the term's standard error by the second-order
 * delta method, √Σ[H'(p)²σ² + ½H''(p)²σ⁴] over both occupations, H'(p) = ln((1 − p)/p),
 * H''(p) = −1/(p(1 − p)), with p taken in [1/(2n), 1 − 1/(2n)] (an ensemble that saw no
 * failure resolves a failure probability of half a trajectory).  The second-order term keeps
 * the error honest near p = ½, where H' vanishes and H(p̂) is biased by about −1/(2n). */
LIMEN_API int limen_landauer_information_kT(double p_initial, size_t n_initial, double p_final, size_t n_final,
                                            double *e_kT, double *se_kT, limen_error *err);

/* (FT) the finite-time coefficient B/(γa²) = ∫ (F_f⁻¹(F₀(x)) − x)² ρ₀(x) dx (= W₂(ρ₀, ρ_f)²)
 * for erasing the symmetric quartic cell of barrier E_b ∈ (0, 1e4] (tilt ignored) to success
 * probability P_s ∈ [0.5, 1], final state in local equilibrium in each well (weights P_s
 * left, 1 − P_s right).  Computed by GSL quadrature (CDF) and Brent (its inverse), never
 * tabulated; B = 2 − 1/√(πE_b) + O(1/E_b) for P_s = 1 (→ 2 for narrow wells), 0 at P_s = ½.
 * Examples (P_s = 1): E_b = 2: 1.16807, 5: 1.56500, 10: 1.74625, 50: 1.90681. */
LIMEN_API int limen_ft_coefficient(double barrier_kT, double success, const limen_precision *prec,
                         double *B_gamma_a2, limen_error *err);
/* (FT) e_FT(τ) = e_L(P_s) + B/τ  in kT, τ in τ₀ (finite, > 0); B (in γa²) returned when
 * B_out ≠ NULL. */
LIMEN_API int limen_finite_time_kT(double barrier_kT, double success, double tau_over_tau0,
                         const limen_precision *prec, double *e_kT, double *B_out,
                         limen_error *err);

/* (S) static-barrier tilt write of a cell held at E_ret: the smallest tilt f* with
 * r(f*)·τ_w ≥ ln(1/p_w), r = limen_escape_rate of the tilted well (Kramers with the tilted
 * barrier and curvatures while that barrier is ≥ prec->kramers_min_barrier_kT; exact MFPT
 * from x = −1 to the tilted right minimum below it and beyond f_c), and the work of the cycle
 * "apply tilt suddenly in local equilibrium on the left, cross, remove tilt suddenly in local
 * equilibrium on the right": W = f*(⟨x⟩_right,tilted − ⟨x⟩_left,untilted), all dissipated.
 * At the switch tilt f_s between the two rate methods the rate drops by the Kramers error
 * (≈ 7 % at 5 kT); a target met on the Kramers side of f_s is solved there, otherwise on
 * the MFPT side.  barrier_kT ∈ (0, 1e4], τ_w/τ₀ ∈ (0, 1e300], p_fail ∈ (0, 1).
 * f* = 0 (and W = 0) when the untilted cell already flips fast enough.  LIMEN_ERANGE when
 * f* would exceed 1e8 kT/a.  Defaults (E_ret = 58.07 kT, p = 1e-6): W = 198.7 kT at
 * τ_w = 1 τ₀, 150.7 kT at 100 τ₀, 128.8 kT at 1e4 τ₀. */
typedef struct limen_static_write {
  double tilt_kT;             /* f* = F*·a/kT                                           */
  double critical_tilt_kT;    /* f_c = 8E_b/(3√3)                                        */
  double tilted_barrier_kT;   /* barrier left at f* (0 when erased)                     */
  double rate_per_tau0;       /* escape rate at f*                                       */
  const char *rate_method;    /* "kramers" or "mfpt" (static strings)                    */
  double work_kT;             /* exact work of the tilt cycle (all dissipated)            */
  double approx_kT;           /* the estimate 2·f*                                       */
} limen_static_write;
LIMEN_API int limen_static_write_cost(double barrier_kT, double tau_w_over_tau0, double p_fail,
                            const limen_precision *prec, limen_static_write *out,
                            limen_error *err);
/* The shortest static write limen_static_write_cost serves: τ_w/τ₀ = ln(1/p_fail)·MFPT(f_max)/τ₀
 * at the largest tilt f_max = 1e8 kT/a (exact MFPT), so that a caller can state the range of
 * the input that sets τ_w when the write is refused as too short. */
LIMEN_API int limen_static_write_shortest(double barrier_kT, double p_fail, const limen_precision *prec,
                                          double *tau_w_over_tau0, limen_error *err);

/* (M) modulated-barrier write: lower the barrier, tilt, raise it.  Quasi-static
 * (tau_over_tau0 = +INFINITY) → generalized Landauer; finite tau → finite-time Landauer with
 * the low-barrier cell's B.  barrier_low_kT ∈ (0, 1e4] is the lowered barrier, P_s ∈ [½, 1]. */
LIMEN_API int limen_modulated_write_kT(double barrier_low_kT, double success, double tau_over_tau0,
                             const limen_precision *prec, double *e_kT, limen_error *err);

/* (H) biased hopping on a multi-level cell: move m levels (net, any sign) in time Δt with
 * zero-tilt hop rate r each way.  rate_dt = r·Δt > 0.  f = 2·asinh(m/(2 r Δt)) (signed),
 * e = |m|·|f| (kT); slow limit m²/(rΔt), fast limit 2m·ln(m/(rΔt)).  var_levels2 (when not
 * NULL) is the variance of the net displacement in the same step, (r₊ + r₋)Δt =
 * √((2rΔt)² + m²) ≈ 2rΔt levels² for slow moves.  Each output pointer may be NULL. */
LIMEN_API int limen_hop_cost_kT(double m_levels, double rate_dt, double *e_kT, double *tilt_kT,
                      double *var_levels2, limen_error *err);

/* Zero-tilt hop rate r (per τ₀, to each neighbour) of the multi-level washboard cell at barrier
 * E_b ∈ (0, 1000] kT: r = 1/T with T the exact mean first-passage time from a minimum to the
 * next one (limen_mfpt_log, not Kramers, which overestimates r by 5–20 % at 4–10 kT).  Above
 * about 700 kT the rate underflows to 0 (no hops).  The one hop rate of the library: the memory
 * arrays (memory.h) and the reference checks (validate.h) use it. */
LIMEN_API int limen_washboard_hop_rate(double barrier_kT, double *rate_per_tau0, limen_error *err);

/* ---- the level size of an n-bit parameter ---------------------------------------------------
 * A parameter of full range R (e.g. [−w_max, w_max]: R = 2·w_max) stored with n bits has one
 * of two level sizes, depending on where the 2^n levels sit:
 *   LIMEN_LEVELS_BINS       ε = R/2^n: R cut into 2^n bins, a level is the width of one bin
 *                           (the projections: limen_workload_derived.level_size, lim-matched);
 *   LIMEN_LEVELS_ENDPOINTS  δ = R/(2^n − 1): 2^n levels that include both ends of the range
 *                           (the memory arrays: limen_memory.delta, level k at −w_max + k·δ).
 * δ/ε = 2^n/(2^n − 1): 1.067 at 4 bits, 1.0002 at 12 bits.  limen_level_size computes both,
 * so that a level size is never formed by hand (docs/theory.md §4.5, "Level size"). */
typedef enum { LIMEN_LEVELS_BINS = 0, LIMEN_LEVELS_ENDPOINTS = 1 } limen_level_convention;
/* The level size of a parameter of range R > 0 (finite) with n > 0 bits (n may be fractional);
 * NaN outside those ranges.  Exact: the same double as R/ldexp(1, n) or R/(ldexp(1, n) − 1). */
LIMEN_API double limen_level_size(double range, double bits, limen_level_convention convention);

/* (A) learning-rate schedules and the Arrhenius-matched barrier E_b(t) = E_b(0) + ln(η(0)/η(t)). */
typedef enum { LIMEN_LR_CONSTANT = 0, LIMEN_LR_INVERSE = 1, LIMEN_LR_COSINE = 2 } limen_lr_kind;
typedef struct limen_lr_schedule {
  limen_lr_kind kind;
  double eta0;     /* η(0) > 0                                                        */
  double t0;       /* LIMEN_LR_INVERSE: η = η0/(1 + t/t0), t0 > 0                     */
  double t_end;    /* LIMEN_LR_COSINE: η = η_min + (η0 − η_min)(1 + cos(π t/t_end))/2,
                      then η_min for t ≥ t_end; t_end > 0                              */
  double eta_min;  /* LIMEN_LR_COSINE floor, in (0, η0] (so that the barrier stays finite) */
} limen_lr_schedule;
/* Validates kind and the fields the kind uses (standard messages naming the field). */
/* Schedule names: "constant", "inverse", "cosine". */
LIMEN_API const char *limen_lr_kind_name(limen_lr_kind kind);
/* LIMEN_EINVAL naming the allowed names when `name` is none of them. */
LIMEN_API int limen_lr_kind_parse(const char *name, limen_lr_kind *kind, limen_error *err);
LIMEN_API int limen_lr_check(const limen_lr_schedule *s, limen_error *err);
/* η(t); t < 0 or NaN is read as 0.  Returns 0 (never NaN) for a schedule that fails
 * limen_lr_check. */
LIMEN_API double limen_lr_eta(const limen_lr_schedule *s, double t);
/* barrier0_kT ∈ (0, 1e4], t ≥ 0 finite.  Inverse schedule: E_b(0) + ln(1 + t/t0) exactly. */
LIMEN_API int limen_matched_barrier_kT(const limen_lr_schedule *s, double barrier0_kT, double t,
                             double *barrier_kT, limen_error *err);

/* (C) two-tier consolidation: copies N·n bits every T_c:  (T_train/T_c)·N·n·(e_read + e_write).
 * Times and N > 0, n ∈ [1, 1024], energies ≥ 0 (J).  LIMEN_ERANGE on overflow. */
LIMEN_API int limen_consolidation_J(double train_time_s, double period_s, double params, double bits,
                          double e_read_J, double e_write_J, double *energy_J, limen_error *err);

/* (R) reads.  LIMEN_READ_FLOOR: 0, the thermodynamic floor (a measurement can be made
 * reversibly).  LIMEN_READ_DEVICE: count × device read energy per operation (in memory).
 * LIMEN_READ_VON_NEUMANN: count = bytes moved × energy per byte.  count, energy ≥ 0. */
typedef enum { LIMEN_READ_FLOOR = 0, LIMEN_READ_DEVICE = 1, LIMEN_READ_VON_NEUMANN = 2 } limen_read_mode;
LIMEN_API int limen_read_energy_J(limen_read_mode mode, double count, double energy_each_J, double *energy_J,
                        limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
