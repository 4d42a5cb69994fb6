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
double limen_landauer_kT(void);
/* (L) generalized Landauer for success probability P_s ∈ [0, 1]:
 *   ln2 + P_s ln P_s + (1 − P_s) ln(1 − P_s)   (0·ln 0 = 0). */
int limen_landauer_generalized_kT(double success, double *e_kT, limen_error *err);

/* (FT) the finite-time coefficient B/(γa²) = ∫ (F_f⁻¹(F₀(x)) − x)² ρ₀(x) dx for erasing the
 * symmetric quartic cell of barrier E_b (tilt ignored) to success probability P_s ∈ [0.5, 1],
 * final state in local equilibrium in each well (weights P_s left, 1 − P_s right).
 * Computed by quadrature; tends to 2 as E_b → ∞ (narrow wells). */
int limen_ft_coefficient(double barrier_kT, double success, const limen_precision *prec,
                         double *B_gamma_a2, limen_error *err);
/* (FT) e_FT(τ) = e_L(P_s) + B/τ  in kT, τ in τ₀; B (in γa²) returned when B_out ≠ NULL. */
int limen_finite_time_kT(double barrier_kT, double success, double tau_over_tau0,
                         const limen_precision *prec, double *e_kT, double *B_out,
                         limen_error *err);

/* (S) static-barrier tilt write of a cell held at E_ret: the smallest tilt f* with
 * r(f*)·τ_w ≥ ln(1/p_w) (tilted barrier and curvatures; exact MFPT where the tilted barrier
 * is below prec->kramers_min_barrier_kT or gone), and the work of the cycle
 * "apply tilt, cross, remove tilt". */
typedef struct limen_static_write {
  double tilt_kT;             /* f* = F*·a/kT                                           */
  double critical_tilt_kT;    /* f_c = 8E_b/(3√3)                                        */
  double tilted_barrier_kT;   /* barrier left at f* (0 when erased)                     */
  double rate_per_tau0;       /* escape rate at f*                                       */
  const char *rate_method;    /* "kramers" or "mfpt"                                     */
  double work_kT;             /* exact work of the tilt cycle (all dissipated)            */
  double approx_kT;           /* the estimate 2·f*                                       */
} limen_static_write;
int limen_static_write_cost(double barrier_kT, double tau_w_over_tau0, double p_fail,
                            const limen_precision *prec, limen_static_write *out,
                            limen_error *err);

/* (M) modulated-barrier write: lower the barrier, tilt, raise it.  Quasi-static (tau = inf)
 * → generalized Landauer; in time tau → finite-time Landauer with the low-barrier cell's B.
 * barrier_low_kT is the lowered barrier during the write. */
int limen_modulated_write_kT(double barrier_low_kT, double success, double tau_over_tau0,
                             const limen_precision *prec, double *e_kT, limen_error *err);

/* (H) biased hopping on a multi-level cell: move m levels (net) in time Δt with zero-tilt hop
 * rate r each way.  rate_dt = r·Δt > 0.  f = 2·asinh(m/(2 r Δt)),  e = m·f  (kT).
 * Also returns the diffusion of the same step, ≈ 2 r Δt levels², when var_levels2 ≠ NULL. */
int limen_hop_cost_kT(double m_levels, double rate_dt, double *e_kT, double *tilt_kT,
                      double *var_levels2, limen_error *err);

/* (A) learning-rate schedules and the Arrhenius-matched barrier E_b(t) = E_b(0) + ln(η(0)/η(t)). */
typedef enum { LIMEN_LR_CONSTANT = 0, LIMEN_LR_INVERSE = 1, LIMEN_LR_COSINE = 2 } limen_lr_kind;
typedef struct limen_lr_schedule {
  limen_lr_kind kind;
  double eta0;     /* η(0) > 0                                                        */
  double t0;       /* LIMEN_LR_INVERSE: η = η0/(1 + t/t0)                             */
  double t_end;    /* LIMEN_LR_COSINE: η = η_min + (η0 − η_min)(1 + cos(π t/t_end))/2  */
  double eta_min;  /* LIMEN_LR_COSINE floor (> 0 so that the barrier stays finite)   */
} limen_lr_schedule;
int limen_lr_check(const limen_lr_schedule *s, limen_error *err);
double limen_lr_eta(const limen_lr_schedule *s, double t);
int limen_matched_barrier_kT(const limen_lr_schedule *s, double barrier0_kT, double t,
                             double *barrier_kT, limen_error *err);

/* (C) two-tier consolidation: copies N·n bits every T_c:  (T_train/T_c)·N·n·(e_read + e_write). */
int limen_consolidation_J(double train_time_s, double period_s, double params, double bits,
                          double e_read_J, double e_write_J, double *energy_J, limen_error *err);

/* (R) reads.  Von Neumann: bytes × energy per byte.  In memory: device read energy per
 * operation.  The thermodynamic floor of a read is 0 (reversible measurement). */
typedef enum { LIMEN_READ_FLOOR = 0, LIMEN_READ_DEVICE = 1, LIMEN_READ_VON_NEUMANN = 2 } limen_read_mode;
int limen_read_energy_J(limen_read_mode mode, double count, double energy_each_J, double *energy_J,
                        limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
