/* SPDX-License-Identifier: GPL-3.0-or-later
 * paradigm_impl.h (private): the paradigm type objects and helpers they share. */
#ifndef LIMEN_PARADIGM_IMPL_H
#define LIMEN_PARADIGM_IMPL_H

#include "limen/paradigm.h"

extern const limen_paradigm_type limen_pd_accelerator_type;
extern const limen_paradigm_type limen_pd_landauer_type;
extern const limen_paradigm_type limen_pd_cim_static_type;
extern const limen_paradigm_type limen_pd_lim_finite_time_type;
extern const limen_paradigm_type limen_pd_lim_matched_type;

/* Assumption lines about the workload that a paradigm's number depends on: the OPS
 * convention and, when with_tau is set, τ_op.  (The workload itself — N, D, C, n, T — is
 * reported once by the caller, e.g. the "workload" block of `limen project`.) */
void limen_pd_note_workload(limen_projection *out, const limen_workload *w,
                            const limen_workload_derived *d, int with_tau);

/* Reads of an in-memory paradigm: C in-memory operations (a multiply-accumulate counts as 2)
 * at the device profile's read_energy_J when the instance has a device profile that gives one
 * (counted: out->memory_J, a LIMEN_WORK_READ count with floor 0; bits_mismatch when the
 * device's operations hold for other than n bits), else not counted (memory_J stays NaN: the
 * floor of a read is 0 J, reversible measurement).  Notes what it used and, for comparison
 * only, what the device's published update energy would give over N·K updates. */
int limen_pd_in_memory_reads(const limen_paradigm *p, const limen_workload *w,
                             const limen_workload_derived *d, limen_projection *out, limen_error *err);

/* Count the OPS update operations of the workload's convention: OPS = C FLOP results
 * (per-flop) or N·K parameter updates (per-parameter-step), n bits each, success P. */
int limen_pd_count_ops(limen_projection *out, const limen_workload *w, const limen_workload_derived *d,
                       double success, limen_error *err);

/* The update operations a write-per-update paradigm pays for: the measured writes that changed
 * a level when the workload has a learning path, else OPS.  limen_pd_count_updates counts
 * them (with a path: N·(K/K_m)·Σ changed/P parameter updates of n bits, success P, and
 * update_follows = writes; else limen_pd_count_ops) and notes what was counted. */
double limen_pd_update_ops(const limen_workload_derived *d);
int limen_pd_count_updates(limen_projection *out, const limen_workload *w, const limen_workload_derived *d,
                           double success, limen_error *err);

/* Energy per bit of a device's read operation, which holds for profile bits (J/bit). */
double limen_pd_read_energy_per_bit_J(const limen_profile *pr);

/* Retention barrier E_ret(τ_ret/τ₀, p_ret) of the workload, with a note. */
int limen_pd_retention_barrier(const limen_workload *w, const limen_precision *prec,
                               limen_projection *out, double *barrier_kT, limen_error *err);

/* Σ_{k=0}^{K−1} η(k) of a learning-rate schedule over K steps (k in steps), in closed form:
 * constant η0·K; inverse η0·t0·(ψ(t0 + K) − ψ(t0)); cosine with t_end = K:
 * K·η_min + (η0 − η_min)(K + 1)/2 (since Σ_{k<K} cos(πk/K) = 1). */
int limen_pd_lr_sum(const limen_lr_schedule *s, double steps, double *sum, limen_error *err);
/* Σ_{k=0}^{a−1} η(k) of the same schedule over K = steps (0 ≤ a ≤ K; = lr_sum at a = K). */
int limen_pd_lr_partial_sum(const limen_lr_schedule *s, double steps, double a, double *sum,
                            limen_error *err);

/* Barrier E (kT) at which the untilted washboard cell hops at rate_per_tau0 each way
 * (Kramers, root finding on the log rate).  *below_kramers is set when the required rate is
 * faster than Kramers allows at prec->kramers_min_barrier_kT; E is then that minimum. */
int limen_pd_barrier_for_rate(double rate_per_tau0, const limen_precision *prec, double *barrier_kT,
                              int *below_kramers, limen_error *err);

#endif
