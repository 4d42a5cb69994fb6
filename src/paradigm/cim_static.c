/* SPDX-License-Identifier: GPL-3.0-or-later
 * cim_static.c: paradigm "cim-static[:<device>]" — compute in memory with conventional
 * non-volatile cells at the retention barrier.  Every update bit is a static-barrier tilt write
 * (theory (S)) within τ_w (= τ_op unless the workload sets write_time_s); short-term weights
 * are copied to long-term memory every T_c (theory (C)); reads at the floor 0 J or at the
 * device profile's read energy (theory (R)).
 * Counted work: OPS update operations of n bits and (T_train/T_c)·N consolidation copies of n
 * bits, each write succeeding with 1 − p_w (floor: e_L(1 − p_w) per bit); device reads. */
#include <math.h>
#include <stdio.h>

#include "limen/bounds.h"
#include "limen/units.h"
#include "paradigm/paradigm_impl.h"

/* τ_w outside [lo_s, hi_s] (seconds of the write): the input that sets it named, write-time when
 * given, else time (τ_w = τ_op ∝ T_train), with the range mapped to its own values and clipped
 * to its row, 1e12 s. */
static int write_time_outside(const limen_workload *w, const limen_workload_derived *d, double lo_s, double hi_s,
                              const char *why, limen_error *err) {
  const int given = w->write_time_s > 0;
  const char *name = given ? "write-time" : "time";
  const double v = given ? w->write_time_s : w->train_time_s, scale = given ? 1.0 : w->train_time_s / d->write_time_s;
  char value[32], range[96];
  snprintf(value, sizeof value, "%.10g", v);
  snprintf(range, sizeof range, "%s%.4g, %.4g] s", lo_s > 0 ? "[" : "(", lo_s * scale, fmin(hi_s * scale, 1e12));
  return limen_error_input(err, LIMEN_EINVAL, name, value, range,
                           "%s = %s s: allowed range %s for cim-static (%s static write of %.4g s at tau0 = %g s %s)",
                           name, value, range, given ? "a" : "its", d->write_time_s, w->tau0_s, why);
}

/* A static write too short for any tilt the cell model takes (LIMEN_ERANGE). */
static int write_too_short(const limen_workload *w, const limen_workload_derived *d, double e_ret,
                           const limen_precision *prec, limen_error *err) {
  double shortest = 0.0;
  int rc = limen_static_write_shortest(e_ret, w->write_fail, prec, &shortest, err);
  if (rc) return rc;
  return write_time_outside(w, d, shortest * w->tau0_s, w->retention_time_s,
                            "would need more than the largest tilt, 1e8 kT/a", err);
}

static int cim_static_compute(const limen_paradigm *p, const limen_workload *w,
                              const limen_workload_derived *d, const limen_precision *prec,
                              limen_projection *out, limen_error *err) {
  limen_pd_note_workload(out, w, d, 1);
  double e_ret = 0;
  int rc = limen_pd_retention_barrier(w, prec, out, &e_ret, err);
  if (rc != LIMEN_OK) return rc;

  double tau_w = d->write_time_s / w->tau0_s;
  if (d->write_time_s > w->retention_time_s) /* the cell would forget its bit within the write */
    return write_time_outside(w, d, 0.0, w->retention_time_s, "would outlast the retention time --retention-time",
                              err);
  limen_static_write sw;
  rc = limen_static_write_cost(e_ret, tau_w, w->write_fail, prec, &sw, err);
  if (rc == LIMEN_ERANGE) return write_too_short(w, d, e_ret, prec, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "cim_static", "static write");
  limen_projection_note(out, "write time τ_w = %.4g s = %.4g τ₀ (%s)", d->write_time_s, tau_w,
                        w->write_time_s > 0 ? "given" : "= τ_op");
  limen_projection_note(out, "static write (S): tilt f* = %.4g kT/a of f_c = %.4g (barrier left %.3g kT, escape rate %.3g/τ₀ by %s) for failure ≤ %g; work of the tilt cycle e_S = %.4g kT per bit (estimate 2f* = %.4g kT)",
                        sw.tilt_kT, sw.critical_tilt_kT, sw.tilted_barrier_kT, sw.rate_per_tau0,
                        sw.rate_method ? sw.rate_method : "?", w->write_fail, sw.work_kT,
                        sw.approx_kT);
  out->update_per_op_kT = sw.work_kT;
  out->update_J = limen_pd_update_ops(d) * w->bits * sw.work_kT * d->kT_J;
  limen_projection_note(out, "update = %s·n·e_S = %.4g J", d->path.given ? "writes" : "OPS", out->update_J);

  rc = limen_pd_count_updates(out, w, d, 1.0 - w->write_fail, err);
  if (rc == LIMEN_OK) rc = limen_pd_in_memory_reads(p, w, d, out, err);
  if (rc != LIMEN_OK) return rc;

  /* Two-tier consolidation: N·n bits copied every T_c; the copy reads each bit (the device's
   * read energy per operation over the bits it holds for, or the floor 0) and writes it
   * statically. */
  double e_read_bit = 0.0;
  if (p->has_profile && !isnan(p->profile.read_energy_J)) e_read_bit = limen_pd_read_energy_per_bit_J(&p->profile);
  double e_write_bit = sw.work_kT * d->kT_J, copies = w->train_time_s / w->consolidation_period_s;
  rc = limen_consolidation_J(w->train_time_s, w->consolidation_period_s, w->params, w->bits,
                             e_read_bit, e_write_bit, &out->consolidation_J, err);
  if (rc == LIMEN_ERANGE) { /* too many copies: the period the user gave, with its least value */
    char value[32], range[96];
    snprintf(value, sizeof value, "%.10g", w->consolidation_period_s);
    snprintf(range, sizeof range, "[%.4g, 1e+12] s",
             w->train_time_s * w->params * w->bits * (e_read_bit + e_write_bit) / 1e300);
    return limen_error_input(err, LIMEN_EINVAL, "consolidation-period", value, range,
                             "consolidation-period = %s s: allowed range %s for cim-static (the energy of the "
                             "copies every period over time = %g s would not fit a double)",
                             value, range, w->train_time_s);
  }
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, "cim_static", "consolidation");
  limen_projection_note(out, "consolidation (C): (T_train/T_c)·N·n·(e_read + e_S) with T_c = %g s (%.4g copies), e_read = %.3g J/bit%s, e_S = %.3g J/bit: %.4g J",
                        w->consolidation_period_s, copies, e_read_bit,
                        e_read_bit > 0 ? " (read energy per operation / its bits)" : " (floor: reversible)",
                        e_write_bit, out->consolidation_J);
  limen_projection_note(out, "not counted: compute (the arithmetic is the in-memory operations)");
  return limen_projection_count(out, LIMEN_WORK_CONSOLIDATION, "consolidation", copies * w->params, w->bits,
                                1.0 - w->write_fail, d->kT_J, err);
}

const limen_paradigm_type limen_pd_cim_static_type = {
    "cim-static",
    "compute in memory, static-barrier writes at the retention barrier, two-tier consolidation",
    1, "cost-model", cim_static_compute};
