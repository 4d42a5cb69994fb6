/* SPDX-License-Identifier: GPL-3.0-or-later
 * inputs.c: the numeric inputs of a training experiment and of the Max-Cut study as input tables
 * (input.h), named as `limen train`'s options: the defaults of limen_experiment_config_default
 * and limen_experiment_maxcut_config_default, the range checks of the runs, and the tool's
 * options, help and --config keys all come from these rows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "experiment/experiment_internal.h"
#include "limen/units.h"

#define ROW(type_, nm, mem, ty, sym, unit, mv, lo, lo_open, hi, hi_open, fl, def, deftext, doc) \
  {nm, NULL, #mem, sym, unit, mv, lo, hi, lo_open, hi_open, fl, ty, offsetof(type_, mem), def, deftext, doc}
#define D LIMEN_INPUT_DOUBLE
#define Z LIMEN_INPUT_SIZE
#define U LIMEN_INPUT_UINT64
#define TASK LIMEN_INPUT_UNSET_NAN
#define SEED_MAX 4294967295.0 /* 2^32 − 1: a seed as the tool and the Python package take it */

/* ---- one training run (limen_experiment_config) ------------------------------------------------ */

#define XR(...) ROW(limen_experiment_config, __VA_ARGS__)
static const limen_input k_train[] = {
    XR("window", window_s, D, "Δt", "s", "S", 1e-12, 0, 1e6, 0, TASK, NAN, "1e-6",
       "update window Δt of one training step (from 1 ps, a thousandth of the default τ₀, to 1e6 s, about 12 days)"),
    XR("steps", steps, Z, "K", NULL, "K", 1, 0, 1e8, 0, TASK, NAN, "task default", "training steps"),
    XR("batch", batch, Z, "B", NULL, "N", 0, 0, 1e8, 0, TASK, NAN, "task default", "rows per step, 0 = full batch"),
    XR("lr", eta0, D, "η(0)", NULL, "ETA", 0, 1, 1e6, 0, TASK, NAN, "task default", "initial learning rate η(0)"),
    XR("lr-t0", lr_t0, D, "t0", NULL, "STEPS", 0, 1, 1e12, 0, TASK, NAN, "task default", "t0 of the inverse schedule"),
    XR("target", target, D, "a*", NULL, "ACC", 0, 0, 1, 0, TASK, NAN, "task default",
       "target test accuracy of the energy-to-solution"),
    XR("seed", seed, U, "seed", NULL, "K", 0, 0, SEED_MAX, 0, 0, 1, "1",
       "seed of the split, initialization, batches and cells"),
    XR("eval-every", eval_every, Z, "K_eval", NULL, "K", 1, 0, 1e8, 0, TASK, NAN, "1 (digits-mlp: 25)",
       "evaluate and record a trace row every K steps (and at the last)"),
    XR("eta-min-fraction", eta_min_fraction, D, "η_min/η0", NULL, "X", 0, 1, 1, 0, 0, 1e-3, "1e-3",
       "cosine schedule: η_min = X·η(0) at the last step"),
    XR("max-langevin-steps", max_langevin_steps, D, "N_L", NULL, "N", 0, 1, HUGE_VAL, 0, 0, 1e8, "1e8",
       "Langevin cells: runs of more Langevin steps (cells × steps × Δt/τ₀ / dt) are refused"),
};
#undef XR

/* ---- the Max-Cut study (limen_experiment_maxcut_config) ------------------------------------------ */

#define MR(...) ROW(limen_experiment_maxcut_config, __VA_ARGS__)
static const limen_input k_maxcut[] = {
    MR("steps", anneal.sweeps, Z, "K", NULL, "K", 1, 0, 1e8, 0, 0, 1000, "1000", "sweeps"),
    MR("barrier", anneal.barrier0_kT, D, "E_b(0)", "kT", "KT", 3.0, 0, 300, 0, 0, 10.0, "10",
       "initial barrier E_b(0) of a spin cell"),
    MR("retention-barrier", anneal.retention_barrier_kT, D, "E_ret", "kT", "KT", 3.0, 0, 1e3, 0, LIMEN_INPUT_UNSET_ZERO,
       0.0, "from 10 years, p = 1e-6", "retention barrier E_ret of the static-write comparison"),
    MR("tau0", anneal.tau0_s, D, "τ₀", "s", "S", 0, 1, 1.0, 0, 0, 1e-9, "1e-9", "intrinsic time τ₀ of a spin cell"),
    MR("temperature", anneal.temperature_K, D, "T", "K", "K", 0, 1, 1e4, 0, 0, LIMEN_DEFAULT_TEMPERATURE_K, "300",
       "temperature T of the bath"),
    MR("target", target, D, "a*", NULL, "ACC", 0, 0, 1, 0, 0, 0.99, "0.99", "fraction of the best-known cut"),
    MR("seed", anneal.seed, U, "seed", NULL, "K", 0, 0, SEED_MAX, 0, 0, 1, "1", "seed of the initial spins and the flips"),
    MR("eval-every", anneal.record_every, Z, "K_eval", NULL, "K", 1, 0, 1e8, 0, 0, 10, "10",
       "record a trace row every K sweeps (and at the last)"),
    MR("beta0", anneal.beta0, D, "β0", NULL, "B", 0, 1, 1e3, 0, 0, 0.1, "0.1",
       "Max-Cut: initial coupling J/kT per unit weight"),
    MR("beta-end", anneal.beta_end, D, "β_K", NULL, "B", 0, 1, 1e3, 0, 0, 3.0, "3", "Max-Cut: final coupling J/kT"),
    MR("barrier-rise", anneal.barrier_rise_kT, D, "ΔE_b", "kT", "KT", 0, 1, 60, 0, 0, 6.0, "6",
       "Max-Cut: rise of the spin barrier over the run, ln(1 + t_K/t0)"),
};
#undef MR
#undef ROW

const limen_input *limen_experiment_inputs(size_t *n) {
  if (n) *n = sizeof k_train / sizeof *k_train;
  return k_train;
}

const limen_input *limen_experiment_maxcut_inputs(size_t *n) {
  if (n) *n = sizeof k_maxcut / sizeof *k_maxcut;
  return k_maxcut;
}

void limen_experiment_inputs_defaults(limen_experiment_config *c) {
  limen_inputs_defaults(k_train, sizeof k_train / sizeof *k_train, c);
}

void limen_experiment_maxcut_inputs_defaults(limen_experiment_maxcut_config *c) {
  limen_inputs_defaults(k_maxcut, sizeof k_maxcut / sizeof *k_maxcut, c);
}

int limen_experiment_inputs_check(const limen_experiment_config *c, const char *fn, limen_error *err) {
  return limen_inputs_check(k_train, sizeof k_train / sizeof *k_train, c, fn, err);
}

int limen_experiment_maxcut_inputs_check(const limen_experiment_maxcut_config *c, const char *fn, limen_error *err) {
  const size_t n = sizeof k_maxcut / sizeof *k_maxcut;
  int st = limen_inputs_check(k_maxcut, n, c, fn, err);
  if (st) return st;
  /* the schedule raises the coupling: beta-end at least beta0 (the annealer's rule, named here
     as the inputs are) */
  const limen_input *end = limen_input_find(k_maxcut, n, "beta-end");
  char why[64];
  snprintf(why, sizeof why, "at least beta0 = %g", c->anneal.beta0);
  return limen_input_check_within(end, c->anneal.beta_end, c->anneal.beta0, 0, end->hi, end->hi_open, why, err);
}

int limen_experiment_value_check(limen_experiment_kind kind, size_t i, double v, const char *fn, limen_error *err) {
  size_t n = 0;
  const limen_input *mem = limen_memory_config_inputs(&n);
  const limen_input *row = kind == LIMEN_EXPERIMENT_BARRIER ? limen_input_find(mem, n, "barrier")
                                                            : limen_input_find(k_train, sizeof k_train / sizeof *k_train, "window");
  if (!row) return limen_error_set(err, LIMEN_EINVAL, fn, "values: no input row to check them against");
  limen_input named = *row;
  char member[32];
  snprintf(member, sizeof member, "values[%zu]", i);
  named.member = member;
  named.name = member; /* the message names the swept value: "values[2] = ..." */
  named.flags &= ~(unsigned)LIMEN_INPUT_UNSET_NAN; /* a swept value is always given */
  return limen_input_check(&named, v, fn, err);
}
