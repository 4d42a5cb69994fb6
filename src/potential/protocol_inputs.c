/* SPDX-License-Identifier: GPL-3.0-or-later
 * protocol_inputs.c: the inputs of the ready-made protocols (limen_protocol_args), described
 * once as a table of input.h rows: their names as `limen simulate` and the Python package take
 * them, units, allowed ranges and common defaults.  limen_protocol_args_default fills from it,
 * limen_protocol_args_check (and so limen_protocol_alloc_named) checks by it. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "limen/input.h"
#include "limen/protocol.h"

#define ROW(nm, mem, type, sym, unit, mv, lo, lo_open, hi, hi_open, def, deftext, doc) \
  {nm, NULL, #mem, sym, unit, mv, lo, hi, lo_open, hi_open, 0, type, offsetof(limen_protocol_args, mem), def, \
   deftext, doc}
#define D LIMEN_INPUT_DOUBLE
#define I LIMEN_INPUT_INT
/* In the order of limen_protocol_arg: row i describes field LIMEN_PROTOCOL_ARG_MASK(i). */
static const limen_input k_inputs[] = {
    ROW("tau", duration, D, "τ", "τ₀", "S", 0, 1, 1e12, 0, 10.0,
        "10 (erasure, modulated-write: 50; static-write, trap-linear, trap-optimal: 1)", "duration"),
    ROW("barrier", barrier_kT, D, "E_b", "kT", "KT", 0, 1, 1e4, 0, 8.0, "8 (hopping: 4)",
        "barrier E_b (static write: E_ret)"),
    ROW("barrier-low", barrier_low_kT, D, "E_low", "kT", "KT", 0, 1, 1e4, 0, 0.5, "0.5",
        "lowered barrier (erasure, M)"),
    ROW("tilt", tilt_kT, D, "f", "kT", "KT", 0, 0, 1e4, 0, 4.0, "4 (static-write: 10; hopping: 2)",
        "tilt f applied (kT per a or per level)"),
    ROW("bit", bit, I, "b", NULL, "B", 0, 0, 1, 0, 0, "0 (modulated-write, static-write: 1)",
        "target bit (0: x<0, 1: x>0)"),
    ROW("success", success, D, "P_s", NULL, "P", 0.5, 0, 1, 1, 0.9, "0.9", "target success (erasure-optimal)"),
    ROW("levels", levels, I, "M", NULL, "M", 2, 0, 1e6, 0, 8, "8", "washboard levels (hopping)"),
    ROW("start-level", start_level, I, "l_0", NULL, "L", 0, 0, 1e6, 0, 2, "2", "starting level (hopping)"),
    ROW("hop-levels", hop_levels, I, "m", NULL, "M", -1e6, 0, 1e6, 0, 2, "2", "levels to move (hopping)"),
    ROW("stiffness", stiffness, D, "k", "kT/a^2", "K", 1e-6, 0, 1e6, 0, 1.0, "1", "trap stiffness (initial)"),
    ROW("stiffness-final", stiffness_final, D, "k_f", "kT/a^2", "K", 1e-6, 0, 1e6, 0, 4.0, "4", "final stiffness"),
    ROW("distance", distance, D, "λ_f", "a", "X", -1e6, 0, 1e6, 0, 5.0, "5", "trap translation lambda_f"),
    ROW("ramp-fraction", ramp_fraction, D, "r", NULL, "F", 0, 0, 0.5, 1, 0.0, "0",
        "tilt ramp fraction (static write, H)"),
};
#undef D
#undef I
#undef ROW
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])
_Static_assert(N_INPUTS == LIMEN_PROTOCOL_ARG_COUNT, "one row per limen_protocol_arg, in its order");

const limen_input *limen_protocol_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

void limen_protocol_args_common(limen_protocol_args *a) {
  memset(a, 0, sizeof *a);
  limen_inputs_defaults(k_inputs, N_INPUTS, a);
}

/* The rules between the inputs of a protocol that reads them (its builder checks them again, by
 * its own parameters' names): messages name the inputs as the rows do. */
static int args_relations(const char *name, unsigned uses, const limen_protocol_args *a, limen_error *err) {
  char why[96];
  const limen_input *in = k_inputs;
  int st = LIMEN_OK;
  if (uses & LIMEN_PROTOCOL_ARG_MASK(LIMEN_PROTOCOL_ARG_BARRIER_LOW)) {
    snprintf(why, sizeof why, "at most barrier = %g kT, for protocol %s", a->barrier_kT, name);
    st = limen_input_check_within(&in[LIMEN_PROTOCOL_ARG_BARRIER_LOW], a->barrier_low_kT, 0, 1, a->barrier_kT, 0,
                                  why, err);
  }
  if (st || !(uses & LIMEN_PROTOCOL_ARG_MASK(LIMEN_PROTOCOL_ARG_START_LEVEL))) return st;
  snprintf(why, sizeof why, "below levels = %d, for protocol %s", a->levels, name);
  st = limen_input_check_within(&in[LIMEN_PROTOCOL_ARG_START_LEVEL], a->start_level, 0, 0, a->levels - 1, 0, why, err);
  snprintf(why, sizeof why, "not 0, and start-level + hop-levels in [0, %d], for protocol %s", a->levels - 1, name);
  if (!st && a->hop_levels == 0)
    return limen_error_input(err, LIMEN_EINVAL, in[LIMEN_PROTOCOL_ARG_HOP_LEVELS].name, "0", NULL,
                             "%s = 0: allowed range [%d, %d] (%s)", in[LIMEN_PROTOCOL_ARG_HOP_LEVELS].name,
                             -a->start_level, a->levels - 1 - a->start_level, why);
  if (!st)
    st = limen_input_check_within(&in[LIMEN_PROTOCOL_ARG_HOP_LEVELS], a->hop_levels, -a->start_level, 0,
                                  a->levels - 1 - a->start_level, 0, why, err);
  return st;
}

int limen_protocol_args_check(const char *name, const limen_protocol_args *a, limen_error *err) {
  unsigned uses = 0;
  int st = limen_protocol_args_used(name, &uses, err);
  if (st) return st;
  if (!a) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  for (size_t i = 0; i < N_INPUTS; i++)
    if ((uses & LIMEN_PROTOCOL_ARG_MASK(i)) &&
        (st = limen_input_check(&k_inputs[i], limen_input_get(&k_inputs[i], a), "limen_protocol_args", err)))
      return st;
  return args_relations(name, uses, a, err);
}
