/* SPDX-License-Identifier: GPL-3.0-or-later
 * lim_finite_time.c: paradigm "lim-finite-time[:<device>]" — learning in memory with the
 * barrier modulated for every update: each update bit is a finite-time erasure in τ_op
 * (theory (M) → (FT)), e_FT(τ_op) = e_L(P_s) + B/τ_op with B by quadrature for the cell at
 * the retention barrier.  Consolidation happens in place: one barrier rise per parameter.
 * Counted work: OPS update operations of n bits (floor OPS·n·e_L(P_s)·kT). */
#include <math.h>

#include "limen/bounds.h"
#include "limen/units.h"
#include "paradigm/paradigm_impl.h"

static int lim_ft_compute(const limen_paradigm *p, const limen_workload *w,
                          const limen_workload_derived *d, const limen_precision *prec,
                          limen_projection *out, limen_error *err) {
  limen_pd_note_workload(out, w, d, 1);
  double e_ret = 0;
  int rc = limen_pd_retention_barrier(w, prec, out, &e_ret, err);
  if (rc != LIMEN_OK) return rc;
  double e_ft = 0, B = 0;
  rc = limen_finite_time_kT(e_ret, w->success, d->tau_op_tau0, prec, &e_ft, &B, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_finite_time", "finite-time cost");
  double e_l = 0;
  rc = limen_landauer_generalized_kT(w->success, &e_l, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "lim_finite_time", "Landauer cost");
  limen_projection_note(out, "finite-time erasure (FT): e_FT(τ_op) = e_L(P_s = %g) + B/τ_op = %.6g + %.4g/%.4g = %.6g kT per bit; B = %.5g γa² by quadrature for the cell at E_ret",
                        w->success, e_l, B, d->tau_op_tau0, e_ft, B);
  out->update_per_op_kT = e_ft;
  out->update_J = limen_pd_update_ops(d) * w->bits * e_ft * d->kT_J;
  limen_projection_note(out, "update = %s·n·e_FT(τ_op) = %.4g J", d->path.given ? "writes" : "OPS", out->update_J);
  rc = limen_pd_count_updates(out, w, d, w->success, err);
  if (rc == LIMEN_OK) rc = limen_pd_in_memory_reads(p, w, d, out, err);
  if (rc != LIMEN_OK) return rc;
  out->consolidation_J = 0.0;
  limen_projection_note(out, "consolidation in place: one barrier rise to E_ret per parameter (N = %.4g), quasi-static around a localized state: 0 J dissipated (theory (M))",
                        w->params);
  limen_projection_note(out, "not counted: compute (the arithmetic is the update operations themselves)");
  return limen_projection_count(out, LIMEN_WORK_BARRIER_RISE, "consolidation", w->params, 0.0, 1.0, d->kT_J, err);
}

const limen_paradigm_type limen_pd_lim_finite_time_type = {
    "lim-finite-time",
    "learning in memory: modulated-barrier writes as finite-time erasures in τ_op, consolidation in place",
    1, "lower-bound", lim_ft_compute};
