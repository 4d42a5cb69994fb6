/* SPDX-License-Identifier: GPL-3.0-or-later
 * work.c: the cap on a simulation's work (langevin.h, limen_work_check), one check and one
 * message for both engines, so that a run of 1e14 steps is refused before it starts instead of
 * running for days. */
#include <math.h>
#include <stdio.h>

#include "limen/langevin.h"

int limen_work_check(double work, double cap, const char *what, limen_error *err) {
  if (!(cap > 0)) cap = LIMEN_WORK_CAP;
  if (work <= cap) return LIMEN_OK;
  const double unit = pow(10.0, floor(log10(work)) - 2.0); /* the estimate, rounded up to 3 digits */
  const double enough = ceil(work / unit * (1.0 - 1e-12)) * unit;
  char value[32];
  snprintf(value, sizeof value, "%g", cap);
  return limen_error_input(err, LIMEN_EINVAL, "max-work", value, NULL,
                           "max-work = %g: the run needs %.3g particle-steps (%s), more than the cap %g; "
                           "give --max-work %.3g or more to run it anyway",
                           cap, work, what ? what : "estimated", cap, enough);
}
