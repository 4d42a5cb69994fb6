/* SPDX-License-Identifier: GPL-3.0-or-later
 * accelerator.c: paradigm "accelerator:<profile>" — C × energy per FLOP of a hardware profile
 * (peak-spec; realized where published) plus optional data movement bytes/FLOP × energy/byte. */
#include <math.h>

#include "paradigm/paradigm_impl.h"

static int accelerator_compute(const limen_paradigm *p, const limen_workload *w,
                               const limen_workload_derived *d, const limen_precision *prec,
                               limen_projection *out, limen_error *err) {
  (void)prec;
  (void)err;
  const limen_profile *pr = &p->profile;
  out->compute_J = d->flops * pr->energy_per_flop_J;
  limen_projection_note(out, "compute = C × e_flop = %.4g FLOP × %.4g J/FLOP (%s, %s peak-spec: %s)",
                        d->flops, pr->energy_per_flop_J, pr->name,
                        limen_profile_class_name(pr->cls), pr->includes);
  limen_projection_note(out, "a FLOP is one multiply or one add; this term uses C (%s) and does not depend on the OPS convention",
                        w->flops > 0 ? "given" : "= c_f·N·D");
  out->memory_J = 0.0;
  if (w->bytes_per_flop > 0 && !isnan(pr->energy_per_byte_J)) {
    out->memory_J = d->flops * w->bytes_per_flop * pr->energy_per_byte_J;
    limen_projection_note(out, "data movement = C × %g B/FLOP × %.4g J/B = %.4g J", w->bytes_per_flop,
                          pr->energy_per_byte_J, out->memory_J);
  } else if (w->bytes_per_flop > 0) {
    limen_projection_note(out, "data movement not counted: profile %s gives no energy per byte",
                          pr->name);
  } else if (!isnan(pr->energy_per_byte_J)) {
    limen_projection_note(out, "data movement not counted (bytes_per_flop = 0); the profile's off-chip energy is %.4g J/B",
                          pr->energy_per_byte_J);
  } else {
    limen_projection_note(out, "data movement not counted (bytes_per_flop = 0)");
  }
  if (!isnan(pr->energy_per_flop_realized_J)) {
    out->realized_J = d->flops * pr->energy_per_flop_realized_J + out->memory_J;
    limen_projection_note(out, "realized: C × %.4g J/FLOP = %.4g J (energy per FLOP of published training runs, see the profile notes)",
                          pr->energy_per_flop_realized_J, out->realized_J);
  }
  limen_projection_note(out, "profile %s: %s; figures at %d bits", pr->name, pr->display, pr->bits);
  out->update_J = 0.0;
  out->consolidation_J = 0.0;
  return LIMEN_OK;
}

const limen_paradigm_type limen_pd_accelerator_type = {
    "accelerator", "C × energy per FLOP of a hardware profile (today's accelerators or the CMOS limit)",
    2, accelerator_compute};
