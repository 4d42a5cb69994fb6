/* SPDX-License-Identifier: GPL-3.0-or-later
 * landauer.c: paradigm "landauer-adiabatic" — OPS·n·kT·ln2, the reference floor for
 * digital overwrite: every bit of every operation erased quasi-statically (theory (L)).
 * Under the per-flop convention this is the headline floor C·n·kT·ln2. */
#include "limen/bounds.h"
#include "limen/units.h"
#include "paradigm/paradigm_impl.h"

static int landauer_compute(const limen_paradigm *p, const limen_workload *w,
                            const limen_workload_derived *d, const limen_precision *prec,
                            limen_projection *out, limen_error *err) {
  (void)p;
  (void)prec;
  limen_pd_note_workload(out, w, d, 0);
  out->update_per_op_kT = limen_landauer_kT();
  out->update_J = d->ops * w->bits * d->kT_J * LIMEN_LN2;
  limen_projection_note(out, "update = OPS·n·kT·ln2 = %.4g × %g × %.4g J = %.4g J: every bit of every operation overwritten quasi-statically (Landauer)",
                        d->ops, w->bits, d->kT_J * LIMEN_LN2, out->update_J);
  limen_projection_note(out, "not counted: reads (their floor is 0 J: reversible measurement), compute, consolidation");
  return limen_pd_count_ops(out, w, d, 1.0, err);
}

const limen_paradigm_type limen_pd_landauer_type = {
    "landauer-adiabatic", "OPS·n·kT·ln2: quasi-static overwrite, the reference floor", 0, "lower-bound",
    landauer_compute};
