/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_train.c: `limen train` — train a model on real data with every parameter held in a
 * simulated physical memory cell (theory §6), or anneal a Max-Cut instance with
 * barrier-matched spins; report accuracy, heat, energy-to-solution and the bound.
 * This file: the options, single training runs (limen_experiment_train) and the dispatch; the
 * experiments are in train_experiments.c and train_scaling.c, Max-Cut in train_maxcut.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli/frame.h"
#include "cli/train_cli.h"

#define TASKS "digits,digits-mlp,breast-cancer,quadratic,maxcut-G1,maxcut-G11,maxcut-G14"
#define PARADIGMS "ideal,digital-static,analog-static,lim-fixed,lim-matched"

static void train_options(cli_opt *o) {
  o[O_TASK] = cli_opt_str("task", CLI_OPT_STRING, "NAME", TASKS, "digits", "what to train (or anneal)");
  o[O_PARADIGM] = cli_opt_str("paradigm", CLI_OPT_STRING, "NAME", PARADIGMS, "lim-matched",
                              "memory paradigm holding the parameters (Max-Cut: lim-matched only)");
  o[O_WINDOW] = cli_opt_num("window", "S", "s", 1e-12, 0, 1e6, 0, "1e-6",
                            "update window Δt of one training step (from 1 ps, a thousandth of the default τ₀, "
                            "to 1e6 s, about 12 days)");
  o[O_STEPS] = cli_opt_int("steps", "K", NULL, 1, 100000000, "task default (Max-Cut: 1000)",
                           "training steps (Max-Cut: sweeps)");
  o[O_BATCH] = cli_opt_int("batch", "N", NULL, 0, 100000000, "task default", "rows per step, 0 = full batch");
  o[O_LR] = cli_opt_num("lr", "ETA", NULL, 0, 1, 1e6, 0, "task default", "initial learning rate η(0)");
  o[O_SCHEDULE] = cli_opt_str("schedule", CLI_OPT_STRING, "KIND", "constant,inverse,cosine", "inverse",
                              "learning-rate schedule: constant, η0/(1 + t/t0), or cosine to η0/1000 at the last step");
  o[O_LR_T0] = cli_opt_num("lr-t0", "STEPS", NULL, 0, 1, 1e12, 0, "task default", "t0 of the inverse schedule");
  o[O_BARRIER] = cli_opt_num("barrier", "KT", "kT", 3, 0, 300, 0, "10",
                             "lowered barrier E_low (lim-fixed); initial barrier E_b(0) (lim-matched, Max-Cut spins)");
  o[O_RETENTION] = cli_opt_num("retention-barrier", "KT", "kT", 3, 0, 1000, 0, "from 10 years, p = 1e-6",
                               "retention barrier E_ret of the static paradigms and between windows");
  o[O_BITS] = cli_opt_int("bits", "N", NULL, 1, 24, "10", "bits per parameter (analog cells: 2^N levels)");
  o[O_WMAX] = cli_opt_num("w-max", "W", NULL, 0, 1, 1e6, 0, "4", "parameters live in [-W, W]");
  o[O_HOLD] = cli_opt_num("hold", "S", "s", 0, 0, 1e12, 0, "0", "time at the retention barrier between windows");
  o[O_TAU0] = cli_opt_num("tau0", "S", "s", 0, 1, 1, 0, "1e-9", "intrinsic time τ₀ of a cell");
  o[O_TEMPERATURE] = cli_opt_num("temperature", "K", "K", 0, 1, 1e4, 0, "300", "temperature T of the bath");
  o[O_TARGET] = cli_opt_num("target", "ACC", NULL, 0, 0, 1, 0, "task default",
                            "target test accuracy of the energy-to-solution (Max-Cut: fraction of the best-known cut)");
  o[O_SEED] = cli_opt_int("seed", "K", NULL, 0, 4294967295L, "1", "seed of the split, initialization, batches and cells");
  o[O_CELLS] = cli_opt_str("cells", CLI_OPT_STRING, "KIND", "jump,langevin", "jump",
                           "cell simulation: exact jump statistics, or Langevin dynamics of every cell "
                           "(lim-fixed, lim-matched; small cases only)");
  o[O_EVAL] = cli_opt_int("eval-every", "K", NULL, 1, 100000000, "1 (digits-mlp: 25, Max-Cut: 10)",
                          "evaluate and record a trace row every K steps (and at the last)");
  o[O_BETA0] = cli_opt_num("beta0", "B", NULL, 0, 1, 1e3, 0, "0.1", "Max-Cut: initial coupling J/kT per unit weight");
  o[O_BETA_END] = cli_opt_num("beta-end", "B", NULL, 0, 1, 1e3, 0, "3", "Max-Cut: final coupling J/kT");
  o[O_RISE] = cli_opt_num("barrier-rise", "KT", "kT", 0, 1, 60, 0, "6",
                          "Max-Cut: rise of the spin barrier over the run, ln(1 + t_K/t0)");
  o[O_EXPERIMENT] = cli_opt_str("experiment", CLI_OPT_STRING, "NAME", "paradigms,window,barrier,scaling,maxcut", NULL,
                                "run an experiment of docs/results.md: a table, and with --out its CSV and figures");
  /* the swept values take the range of the option they replace */
  static char values_help[256];
  char rw[64], rb[64];
  cli_opt_range_text(&o[O_WINDOW], rw, sizeof rw);
  cli_opt_range_text(&o[O_BARRIER], rb, sizeof rb);
  snprintf(values_help, sizeof values_help,
           "the swept values of --experiment window (each in %s, as --window) or barrier (each in %s, as "
           "--barrier); at most %d", rw, rb, LIMEN_EXPERIMENT_MAX_VALUES);
  o[O_VALUES] = cli_opt_str("values", CLI_OPT_LIST, "LIST", NULL, "window: 1e-8,...,1e-4; barrier: 3,4,...,16",
                            values_help);
  o[O_FORMAT] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,json", "table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "write trace.csv (loss, accuracy vs physical time and cumulative heat) and summary.json; "
                         "experiments and Max-Cut: their tables, traces and figures");
}

static const cli_command_doc doc = {
    "train", "[--task NAME] [--paradigm NAME] [options]",
    "Train a model on real data with every trainable parameter held in a simulated physical memory\n"
    "cell (theory section 6), and measure the heat each memory paradigm dissipates:\n"
    "  ideal           floating point, no physics (the reference)\n"
    "  digital-static  n binary cells per parameter at E_ret; every changed bit is a static write (S)\n"
    "  analog-static   one 2^n-level washboard cell at E_ret; every level crossed is a static write (S)\n"
    "  lim-fixed       barrier lowered to E_low in each window: biased hopping (H) with its noise\n"
    "  lim-matched     barrier follows the learning-rate schedule by (A): E_b(t) = E_b(0) + ln(eta0/eta)\n"
    "Cells are simulated by exact jump statistics (Poisson hops at r*exp(+-f/2), heat = net hops * f).\n"
    "Reported: final accuracy, total heat, heat to reach the target test accuracy, the closed-form\n"
    "expectation of the same protocols, and the lower bound for the same trajectory (drag bound\n"
    "m^2*tau0/dt per washboard move, finite-time Landauer per bit flip).\n"
    "Tasks maxcut-G1/G11/G14 anneal the G-set graph with spins whose barrier rises as ln(1 + t/t0).\n"
    "--experiment runs an experiment of docs/results.md in one command (maxcut: G1, G11 and G14).\n"
    "Options that the chosen task, paradigm, schedule or experiment does not use are rejected.",
    "examples:\n"
    "  limen train --task digits --paradigm lim-matched\n"
    "  limen train --task digits --paradigm digital-static --format json --out results/digits\n"
    "  limen train --task breast-cancer --paradigm lim-fixed --barrier 6 --window 1e-7\n"
    "  limen train --task maxcut-G1 --steps 1000\n"
    "  limen train --experiment maxcut --out results/maxcut\n"};

/* ---- options a run does not read (rejected: nothing is silently ignored) ------------------- */

/* Every training run and training experiment: the Max-Cut options, and t0 of the inverse
 * schedule with another schedule. */
static int training_options(cli_opt *o, limen_error *err) {
  static const int maxcut_only[] = {O_BETA0, O_BETA_END, O_RISE};
  for (size_t i = 0; i < sizeof maxcut_only / sizeof *maxcut_only; i++)
    if (o[maxcut_only[i]].set)
      return cli_train_conflict(err, "--%s applies to the Max-Cut tasks and --experiment maxcut only",
                                o[maxcut_only[i]].name);
  if (o[O_LR_T0].set && o[O_SCHEDULE].set && strcmp(o[O_SCHEDULE].str, "inverse") != 0)
    return cli_train_conflict(err, "--lr-t0 applies to --schedule inverse only (not %s)", o[O_SCHEDULE].str);
  if (o[O_BATCH].set && o[O_TASK].set && strcmp(o[O_TASK].str, "quadratic") == 0)
    return cli_train_conflict(err, "--batch does not apply to --task quadratic (its gradient is exact, there are "
                              "no data rows; it applies to digits, digits-mlp and breast-cancer)");
  return LIMEN_OK;
}

/* ---- one training run ------------------------------------------------------------------------ */

static int render_run(const limen_experiment_run *run, cli_format fmt, cli_buf *out, cli_buf *js, limen_error *err) {
  const limen_experiment_setup *s = &run->setup;
  const limen_train_result *r = &run->result;
  const char *texts[] = {"task", s->task, "paradigm", r->paradigm, "schedule", limen_lr_kind_name(s->train.lr.kind),
                         "cells", s->memory.cells == LIMEN_CELLS_LANGEVIN ? "langevin" : "jump statistics"};
  cli_train_row rows[] = {
      {"final_test_accuracy", "final test accuracy", "", r->final_test_accuracy},
      {"final_train_accuracy", "final training accuracy", "", r->final_train_accuracy},
      {"final_loss", s->model_kind == LIMEN_NET_QUADRATIC ? "final suboptimality f - f*" : "final training loss", "",
       r->final_loss},
      {"target_accuracy", "target test accuracy", "", s->train.target},
      {"energy_to_target_J", "heat to reach the target", "J", r->energy_to_target_J},
      {"time_to_target_s", "physical time to the target", "s", r->time_to_target_s},
      {"steps_to_target", "steps to the target", "", r->steps_to_target ? (double)r->steps_to_target : NAN},
      {"total_heat_J", "total heat (measured)", "J", r->total_heat_J},
      {"total_heat_kT", "", "kT", run->total_heat_kT},
      {"heat_stderr_J", "  standard error", "J", r->heat_stderr_J},
      {"closed_form_heat_J", "closed-form expectation (H)/(S)", "J", r->expected_heat_J},
      {"bound_J", "bound for the same trajectory", "J", r->bound_J},
      {"heat_per_cell_step_J", "heat per cell per step", "J", r->heat_per_cell_step_J},
      {"heat_per_cell_step_kT", "", "kT", run->heat_per_cell_step_kT},
      {"steps", "steps", "", (double)r->steps},
      {"n_params", "parameters (cells)", "", (double)r->n_params},
      {"window_s", "update window", "s", s->train.window_s},
      {"time_s", "physical time", "s", r->time_s},
      {"eta0", "initial learning rate", "", s->train.lr.eta0},
      {"bits", "bits per parameter", "", (double)s->memory.bits},
      {"w_max", "parameter range ±", "", s->memory.w_max},
      {"final_barrier_kT", "barrier in the last window", "kT", r->final_barrier_kT},
      {"final_rate_dt", "r·Δt in the last window", "", r->final_rate_dt},
      {"max_tilt_kT", "largest tilt per level", "kT", r->max_tilt_kT},
      {"driven_cell_steps", "cell-steps driven over the barrier", "", (double)r->driven},
      {"elementary_ops", "bit flips / levels crossed", "", r->ops},
      {"temperature_K", "temperature", "K", s->memory.temperature_K},
      {"seed", "seed", "", (double)s->memory.seed},
  };
  char title[128];
  snprintf(title, sizeof title, "%s in %s memory", s->task, r->paradigm);
  return cli_train_render_rows(title, texts, sizeof texts / sizeof *texts, rows, sizeof rows / sizeof *rows, fmt, out,
                               js, err);
}

static int run_training(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  limen_experiment_config c = limen_experiment_config_default();
  cli_train_apply_options(o, &c);
  int st = cli_train_paradigm_options(o, c.paradigm, c.paradigm, err);
  if (st) return st;
  limen_experiment_run run;
  st = cli_train_langevin_refusal(limen_experiment_train(&c, &run, err), &run.setup, &c, err);
  if (st) return st;
  cli_buf js;
  cli_buf_init(&js);
  st = render_run(&run, fmt, out, &js, err);
  if (!st && o[O_OUT].set) {
    st = cli_train_write_trace(o[O_OUT].str, "trace.csv", &run.result, err);
    if (!st) st = cli_write_file_atomic(o[O_OUT].str, "summary.json", js.data, err);
  }
  cli_buf_free(&js);
  limen_experiment_run_clear(&run);
  return st;
}

/* The checks every run shares, then the run the options select: an experiment, a Max-Cut anneal
 * or one training run. */
static int dispatch(cli_opt *o, cli_buf *out, limen_error *err) {
  int status;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (o[O_FORMAT].set && (status = cli_parse_format(o[O_FORMAT].str, 0, &fmt, err))) return status;
  const char *task = o[O_TASK].set ? o[O_TASK].str : "digits";
  if (o[O_VALUES].set && !o[O_EXPERIMENT].set)
    return cli_train_conflict(err, "--values needs --experiment window or barrier");
  int maxcut_task = strncmp(task, "maxcut-", 7) == 0;
  const char *exp = o[O_EXPERIMENT].set ? o[O_EXPERIMENT].str : NULL;
  if (exp && strcmp(exp, "maxcut") == 0) return cli_train_exp_maxcut(o, fmt, out, err);
  if (exp) {
    if (maxcut_task)
      return cli_train_conflict(err, "--experiment %s applies to the training tasks (Max-Cut: --experiment maxcut)", exp);
    if ((status = training_options(o, err))) return status;
    if (strcmp(exp, "scaling") == 0) return cli_train_exp_scaling(o, fmt, out, err);
    return cli_train_exp_sweep(o, fmt, out, err);
  }
  if (maxcut_task) return cli_train_run_maxcut(o, task + 7, fmt, out, err);
  if ((status = training_options(o, err))) return status;
  return run_training(o, fmt, out, err);
}

int limen_cmd_train(int argc, char **argv) {
  cli_opt o[O_COUNT];
  train_options(o);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status) status = dispatch(o, &f.out, &f.err);
  return cli_frame_end(&f, status);
}
