/* SPDX-License-Identifier: GPL-3.0-or-later
 * accelerator.c: paradigm "accelerator:<profile>" — C × energy per FLOP of a hardware profile
 * (peak-spec; realized where published) plus optional data movement bytes/FLOP × energy/byte,
 * times the facility overhead PUE of the workload (1: board only).
 * Counted work: the C FLOPs the accelerator performs under either OPS convention, each
 * writing a result in the profile's number format (floor C·bits·kT·ln2); the profile's
 * figures are not rescaled to another n (bits_mismatch). */
#include <math.h>

#include "paradigm/paradigm_impl.h"

static void note_movement(const limen_profile *pr, const limen_workload *w, limen_projection *out) {
  if (w->bytes_per_flop > 0 && !isnan(pr->energy_per_byte_J))
    limen_projection_note(out, "data movement = C × %g B/FLOP × %.4g J/B × PUE = %.4g J", w->bytes_per_flop,
                          pr->energy_per_byte_J, out->memory_J);
  else if (w->bytes_per_flop > 0)
    limen_projection_note(out, "data movement not counted: profile %s gives no energy per byte", pr->name);
  else if (!isnan(pr->energy_per_byte_J))
    limen_projection_note(out, "data movement not counted (bytes_per_flop = 0); the profile's off-chip energy is %.4g J/B",
                          pr->energy_per_byte_J);
  else
    limen_projection_note(out, "data movement not counted (bytes_per_flop = 0)");
}

static int accelerator_compute(const limen_paradigm *p, const limen_workload *w,
                               const limen_workload_derived *d, const limen_precision *prec,
                               limen_projection *out, limen_error *err) {
  (void)prec;
  const limen_profile *pr = &p->profile;
  out->compute_J = d->flops * pr->energy_per_flop_J * w->pue;
  limen_projection_note(out, "compute = C × e_flop × PUE = %.4g FLOP × %.4g J/FLOP × %g (%s, %s peak-spec: %s)",
                        d->flops, pr->energy_per_flop_J, w->pue, pr->name,
                        limen_profile_class_name(pr->cls), pr->includes);
  limen_projection_note(out, "%s", w->pue == 1.0 ? "basis: board only (PUE 1: no host, network or facility overhead beyond what the profile includes)"
                                                 : "basis: facility (the profile's energies × the given PUE)");
  limen_projection_note(out, "counted work: the C = %.4g FLOPs (%s) the accelerator performs, under either OPS convention; a FLOP is one multiply or one add",
                        d->flops, w->flops > 0 ? "given" : "= c_f·N·D");
  int rc = limen_projection_count(out, LIMEN_WORK_FLOP, "compute", d->flops, pr->bits, 1.0, d->kT_J, err);
  if (rc != LIMEN_OK) return rc;
  if (w->bytes_per_flop > 0 && !isnan(pr->energy_per_byte_J)) {
    out->memory_J = d->flops * w->bytes_per_flop * pr->energy_per_byte_J * w->pue;
    rc = limen_projection_count(out, LIMEN_WORK_READ, "memory", d->flops * w->bytes_per_flop, 8.0, 1.0,
                                d->kT_J, err);
    if (rc != LIMEN_OK) return rc;
  }
  note_movement(pr, w, out);
  if (!isnan(pr->energy_per_flop_realized_J)) {
    out->realized_J = (d->flops * pr->energy_per_flop_realized_J * w->pue) + (isnan(out->memory_J) ? 0 : out->memory_J);
    limen_projection_note(out, "realized: C × %.4g J/FLOP × PUE = %.4g J (energy per FLOP of published training runs, see the profile notes)",
                          pr->energy_per_flop_realized_J, out->realized_J);
  }
  out->bits_used = pr->bits;
  out->bits_mismatch = (double)pr->bits != w->bits;
  limen_projection_note(out, "profile %s: %s; figures hold for %d-bit operations%s", pr->name, pr->display, pr->bits,
                        out->bits_mismatch ? " — warning: not the workload's n; not rescaled (bits_mismatch)" : "");
  limen_projection_note(out, "not counted: parameter updates and consolidation (part of the C FLOPs and of the board's memory)");
  return LIMEN_OK;
}

const limen_paradigm_type limen_pd_accelerator_type = {
    "accelerator", "C × energy per FLOP of a hardware profile (today's accelerators or the CMOS limit)",
    2, "cost-model", accelerator_compute};
