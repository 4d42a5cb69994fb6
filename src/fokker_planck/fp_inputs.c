/* SPDX-License-Identifier: GPL-3.0-or-later
 * fp_inputs.c: the inputs of the Fokker–Planck configuration that a user gives (input.h rows;
 * `limen simulate --method fokker-planck`'s options), from which limen_fp_config_default takes
 * its defaults and limen_fp_inputs_check its ranges.  The time step is the Langevin table's
 * (limen_langevin_inputs: the same option for both methods). */
#include <stddef.h>

#include "limen/fokker_planck.h"
#include "limen/input.h"

static const limen_input k_inputs[] = {
    {"cells", NULL, "n_cells", "N", NULL, "N", 0, 1e7, 0, 0, 0, LIMEN_INPUT_SIZE, offsetof(limen_fp_config, n_cells),
     0, "0 (automatic)", "Fokker-Planck grid cells"},
};
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])

const limen_input *limen_fp_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

void limen_fp_inputs_defaults(limen_fp_config *c) { limen_inputs_defaults(k_inputs, N_INPUTS, c); }

int limen_fp_inputs_check(const limen_fp_config *c, limen_error *err) {
  if (!c) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  return limen_inputs_check(k_inputs, N_INPUTS, c, "limen_fp_config", err);
}
