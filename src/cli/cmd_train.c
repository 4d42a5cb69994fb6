/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_train.c: `limen train` — train a model on real data with every parameter held in a
 * simulated physical memory cell (theory §6), or anneal a Max-Cut instance with
 * barrier-matched spins; report accuracy, heat, energy-to-solution and the bound. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/figure.h"
#include "limen/maxcut.h"
#include "limen/paradigm.h"
#include "limen/workload.h"
#include "limen/train.h"
#include "limen/units.h"

enum {
  O_TASK, O_PARADIGM, O_WINDOW, O_STEPS, O_BATCH, O_LR, O_SCHEDULE, O_LR_T0, O_BARRIER, O_RETENTION,
  O_BITS, O_WMAX, O_HOLD, O_TAU0, O_TEMPERATURE, O_TARGET, O_SEED, O_CELLS, O_EVAL, O_BETA0, O_BETA_END, O_RISE,
  O_EXPERIMENT, O_VALUES, O_FORMAT, O_OUT, O_COUNT
};

#define TASKS "digits,digits-mlp,breast-cancer,quadratic,maxcut-G1,maxcut-G11,maxcut-G14"
#define PARADIGMS "ideal,digital-static,analog-static,lim-fixed,lim-matched"
#define EXP_MAX_RUNS 64
#define EXP_MAX_VALUES (EXP_MAX_RUNS / 2) /* two paradigms per swept value */

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
           "--barrier); at most %d", rw, rb, EXP_MAX_VALUES);
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

static double num_or(const cli_opt *o, double def) { return o->set ? o->num : def; }

/* ---- training ------------------------------------------------------------------------------ */

static int write_trace(const char *dir, const limen_train_result *r, const char *summary, limen_error *err) {
  cli_buf b;
  cli_buf_init(&b);
  char n1[64], n2[64], n3[64], n4[64], n5[64], n6[64];
  cli_buf_puts(&b, "step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy\n");
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_train_point *p = &r->points[i];
    cli_buf_printf(&b, "%zu,%s,%s,%s,%s,%s,%s\n", p->step, cli_num(n1, sizeof n1, p->time_s),
                   cli_num(n2, sizeof n2, p->heat_J), cli_num(n3, sizeof n3, p->bound_J), cli_num(n4, sizeof n4, p->loss),
                   cli_num(n5, sizeof n5, p->train_accuracy), cli_num(n6, sizeof n6, p->test_accuracy));
  }
  int st = cli_buf_check(&b, err);
  if (!st) st = cli_write_file_atomic(dir, "trace.csv", b.data, err);
  if (!st) st = cli_write_file_atomic(dir, "summary.json", summary, err);
  cli_buf_free(&b);
  return st;
}

typedef struct row {
  const char *key, *label, *unit;
  double v;
} row;

static int render_rows(const char *title, const char *const *texts, size_t n_texts, const row *rows, size_t n,
                       cli_format fmt, cli_buf *out, cli_buf *json_copy, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  for (size_t i = 0; i + 1 < n_texts; i += 2) cJSON_AddStringToObject(root, texts[i], texts[i + 1]);
  for (size_t i = 0; i < n; i++) cli_json_num(root, rows[i].key, rows[i].v);
  int st = cli_json_print(root, json_copy, err);
  cJSON_Delete(root);
  if (st) return st;
  if (fmt == CLI_FORMAT_JSON) {
    cli_buf_puts(out, json_copy->data);
    return cli_buf_check(out, err);
  }
  cli_buf_printf(out, "limen train: %s\n\n", title);
  static const char *const head[] = {"quantity", "value", "unit"};
  cli_table t;
  if ((st = cli_table_init(&t, 3, head, err))) {
    cli_table_free(&t);
    return st;
  }
  cli_table_set_right(&t, 1, 1);
  char num[64];
  for (size_t i = 0; i + 1 < n_texts; i += 2) {
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", texts[i]);
    cli_table_set(&t, 1, "%s", texts[i + 1]);
  }
  for (size_t i = 0; i < n; i++) {
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", rows[i].label);
    cli_table_set(&t, 1, "%s", isfinite(rows[i].v) ? cli_human(num, sizeof num, rows[i].v, 5) : "not reached");
    cli_table_set(&t, 2, "%s", rows[i].unit);
  }
  st = cli_table_check(&t, err);
  if (!st) cli_table_text(&t, out, 2);
  cli_table_free(&t);
  if (st) return st;
  return cli_buf_check(out, err);
}

/* ---- options a run does not read (rejected: nothing is silently ignored) ------------------- */

static int unused(limen_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int unused(limen_error *err, const char *fmt, ...) {
  char msg[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "%s", msg);
}

/* Every training run and training experiment: the Max-Cut options, and t0 of the inverse
 * schedule with another schedule. */
static int training_options(cli_opt *o, limen_error *err) {
  static const int maxcut_only[] = {O_BETA0, O_BETA_END, O_RISE};
  for (size_t i = 0; i < sizeof maxcut_only / sizeof *maxcut_only; i++)
    if (o[maxcut_only[i]].set)
      return unused(err, "--%s applies to the Max-Cut tasks and --experiment maxcut only", o[maxcut_only[i]].name);
  if (o[O_LR_T0].set && o[O_SCHEDULE].set && strcmp(o[O_SCHEDULE].str, "inverse") != 0)
    return unused(err, "--lr-t0 applies to --schedule inverse only (not %s)", o[O_SCHEDULE].str);
  if (o[O_BATCH].set && o[O_TASK].set && strcmp(o[O_TASK].str, "quadratic") == 0)
    return unused(err, "--batch does not apply to --task quadratic (its gradient is exact, there are no data rows; "
                  "it applies to digits, digits-mlp and breast-cancer)");
  return LIMEN_OK;
}

/* The options a paradigm does not read, for runs of that paradigm only (`who` names it). */
static int paradigm_options(cli_opt *o, const char *paradigm, const char *who, limen_error *err) {
  int hop = strcmp(paradigm, "lim-fixed") == 0 || strcmp(paradigm, "lim-matched") == 0;
  if (strcmp(paradigm, "ideal") == 0) {
    static const int physical[] = {O_BARRIER, O_RETENTION, O_BITS, O_WMAX, O_TAU0, O_TEMPERATURE, O_CELLS};
    for (size_t i = 0; i < sizeof physical / sizeof *physical; i++)
      if (o[physical[i]].set)
        return unused(err, "--%s does not apply to --paradigm ideal (floating point, no cells; it applies to the "
                      "physical paradigms)", o[physical[i]].name);
    return LIMEN_OK;
  }
  if (!hop && o[O_BARRIER].set)
    return unused(err, "--barrier applies to --paradigm lim-fixed and lim-matched (%s holds its cells at "
                  "--retention-barrier)", who);
  if (!hop && o[O_CELLS].set)
    return unused(err, "--cells applies to --paradigm lim-fixed and lim-matched (%s: closed-form static writes, "
                  "no cell dynamics)", who);
  if (hop && o[O_RETENTION].set && !(o[O_HOLD].set && o[O_HOLD].num > 0))
    return unused(err, "--retention-barrier is not used by %s without --hold > 0 (its cells sit at E_ret only "
                  "between windows; digital-static and analog-static always use it)", who);
  return LIMEN_OK;
}

/* The training configuration from the options (task defaults where an option is unset). */
static int configure(cli_opt *o, limen_task *task, const limen_memory_type **type, limen_train_config *c,
                     limen_memory_config *mc, limen_error *err) {
  unsigned long seed = o[O_SEED].set ? (unsigned long)o[O_SEED].lnum : 1UL;
  int st = limen_task_setup(o[O_TASK].set ? o[O_TASK].str : "digits", seed, task, err);
  if (st) return st;
  if ((st = limen_memory_type_find(o[O_PARADIGM].set ? o[O_PARADIGM].str : "lim-matched", type, err))) {
    limen_task_free(task);
    return st;
  }
  *c = task->defaults;
  if (o[O_STEPS].set) c->steps = (size_t)o[O_STEPS].lnum;
  if (o[O_BATCH].set) c->batch = (size_t)o[O_BATCH].lnum;
  if (o[O_WINDOW].set) c->window_s = o[O_WINDOW].num;
  if (o[O_TARGET].set) c->target = o[O_TARGET].num;
  if (o[O_EVAL].set) c->eval_every = (size_t)o[O_EVAL].lnum;
  c->lr.eta0 = num_or(&o[O_LR], c->lr.eta0);
  c->lr.t0 = num_or(&o[O_LR_T0], c->lr.t0);
  c->lr.eta_min = c->lr.eta0 * 1e-3;
  c->lr.t_end = (double)c->steps;
  if (o[O_SCHEDULE].set) {
    if ((st = limen_lr_kind_parse(o[O_SCHEDULE].str, &c->lr.kind, err))) {
      limen_task_free(task);
      return limen_error_wrap(err, st, "--schedule", "'%s'", o[O_SCHEDULE].str);
    }
  }
  *mc = limen_memory_config_default();
  mc->low_barrier_kT = num_or(&o[O_BARRIER], mc->low_barrier_kT);
  mc->retention_barrier_kT = num_or(&o[O_RETENTION], 0.0);
  if (o[O_BITS].set) mc->bits = (int)o[O_BITS].lnum;
  mc->w_max = num_or(&o[O_WMAX], mc->w_max);
  mc->hold_s = num_or(&o[O_HOLD], 0.0);
  mc->tau0_s = num_or(&o[O_TAU0], mc->tau0_s);
  mc->temperature_K = num_or(&o[O_TEMPERATURE], mc->temperature_K);
  mc->seed = seed;
  mc->cells = (o[O_CELLS].set && strcmp(o[O_CELLS].str, "langevin") == 0) ? LIMEN_CELLS_LANGEVIN : LIMEN_CELLS_JUMP;
  if (mc->cells == LIMEN_CELLS_LANGEVIN) {
    /* Langevin cells integrate Δt/dt steps per cell and step: refuse runs that would take hours */
    double evals = (double)task->model.n_params * (double)c->steps * (c->window_s / mc->tau0_s) / mc->langevin_dt;
    if (evals > 1e8) {
      limen_task_free(task);
      return limen_error_set(err, LIMEN_EINVAL, "--cells",
                             "langevin: %zu cells × %zu steps × %g τ₀ windows = %.3g Langevin steps; allowed ≤ 1e8 "
                             "(use fewer --steps, a shorter --window, or --cells jump)",
                             task->model.n_params, c->steps, c->window_s / mc->tau0_s, evals);
    }
  }
  return LIMEN_OK;
}

static int run_training(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  const char *paradigm = o[O_PARADIGM].set ? o[O_PARADIGM].str : "lim-matched";
  int st0 = paradigm_options(o, paradigm, paradigm, err);
  if (st0) return st0;
  limen_task task;
  const limen_memory_type *type = NULL;
  limen_train_config c;
  limen_memory_config mc;
  int st = configure(o, &task, &type, &c, &mc, err);
  if (st) return st;
  unsigned long seed = mc.seed;
  limen_train_result r;
  memset(&r, 0, sizeof r);
  cli_buf js;
  cli_buf_init(&js);
  if ((st = limen_train_run(&task.model, task.train, task.test, type, &mc, &c, &r, err))) goto done;
  double kT = limen_kT(mc.temperature_K);
  const char *sched = limen_lr_kind_name(c.lr.kind);
  const char *texts[] = {"task", task.name, "paradigm", r.paradigm, "schedule", sched,
                         "cells", mc.cells == LIMEN_CELLS_LANGEVIN ? "langevin" : "jump statistics"};
  row rows[] = {
      {"final_test_accuracy", "final test accuracy", "", r.final_test_accuracy},
      {"final_train_accuracy", "final training accuracy", "", r.final_train_accuracy},
      {"final_loss", task.model.kind == LIMEN_NET_QUADRATIC ? "final suboptimality f - f*" : "final training loss", "",
       r.final_loss},
      {"target_accuracy", "target test accuracy", "", c.target},
      {"energy_to_target_J", "heat to reach the target", "J", r.energy_to_target_J},
      {"time_to_target_s", "physical time to the target", "s", r.time_to_target_s},
      {"steps_to_target", "steps to the target", "", r.steps_to_target ? (double)r.steps_to_target : NAN},
      {"total_heat_J", "total heat (measured)", "J", r.total_heat_J},
      {"total_heat_kT", "", "kT", r.total_heat_J / kT},
      {"heat_stderr_J", "  standard error", "J", r.heat_stderr_J},
      {"closed_form_heat_J", "closed-form expectation (H)/(S)", "J", r.expected_heat_J},
      {"bound_J", "bound for the same trajectory", "J", r.bound_J},
      {"heat_per_cell_step_J", "heat per cell per step", "J", r.heat_per_cell_step_J},
      {"heat_per_cell_step_kT", "", "kT", r.heat_per_cell_step_J / kT},
      {"steps", "steps", "", (double)r.steps},
      {"n_params", "parameters (cells)", "", (double)r.n_params},
      {"window_s", "update window", "s", c.window_s},
      {"time_s", "physical time", "s", r.time_s},
      {"eta0", "initial learning rate", "", c.lr.eta0},
      {"bits", "bits per parameter", "", (double)mc.bits},
      {"w_max", "parameter range ±", "", mc.w_max},
      {"final_barrier_kT", "barrier in the last window", "kT", r.final_barrier_kT},
      {"final_rate_dt", "r·Δt in the last window", "", r.final_rate_dt},
      {"max_tilt_kT", "largest tilt per level", "kT", r.max_tilt_kT},
      {"driven_cell_steps", "cell-steps driven over the barrier", "", (double)r.driven},
      {"elementary_ops", "bit flips / levels crossed", "", r.ops},
      {"temperature_K", "temperature", "K", mc.temperature_K},
      {"seed", "seed", "", (double)seed},
  };
  char title[128];
  snprintf(title, sizeof title, "%s in %s memory", task.name, r.paradigm);
  if ((st = render_rows(title, texts, sizeof texts / sizeof *texts, rows, sizeof rows / sizeof *rows, fmt, out, &js, err)))
    goto done;
  if (o[O_OUT].set && (st = write_trace(o[O_OUT].str, &r, js.data, err))) goto done;
done:
  cli_buf_free(&js);
  limen_train_result_free(&r);
  limen_task_free(&task);
  return st;
}

/* ---- Max-Cut --------------------------------------------------------------------------------- */

static int plot_file(const char *dir, const char *name, limen_plot *pl, limen_error *err) {
  char path[4096];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
    return limen_error_set(err, LIMEN_EIO, "--out", "path too long: '%s/%s'", dir, name);
  int st = limen_plot_write(pl, path, err);
  if (st) return limen_error_wrap(err, st, "figure", "%s", name);
  return LIMEN_OK;
}

/* Options of the training tasks that an anneal does not read. */
static const int not_for_maxcut[] = {O_BATCH, O_LR, O_SCHEDULE, O_LR_T0, O_BITS, O_WMAX, O_HOLD, O_WINDOW, O_CELLS};

/* Reject what an anneal does not read; `what` names the run ("--task maxcut-G1"). */
static int maxcut_options(cli_opt *o, const char *what, limen_error *err) {
  for (size_t i = 0; i < sizeof not_for_maxcut / sizeof *not_for_maxcut; i++)
    if (o[not_for_maxcut[i]].set)
      return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s does not apply to %s (it applies to the training tasks)",
                             o[not_for_maxcut[i]].name, what);
  if (o[O_PARADIGM].set && strcmp(o[O_PARADIGM].str, "lim-matched") != 0)
    return limen_error_set(err, LIMEN_EINVAL, "--paradigm", "'%s': Max-Cut annealing runs lim-matched spins only "
                           "(the static cost of the same flips is reported alongside)", o[O_PARADIGM].str);
  return LIMEN_OK;
}

static limen_anneal_config maxcut_config(cli_opt *o) {
  limen_anneal_config c = limen_anneal_config_default();
  if (o[O_STEPS].set) c.sweeps = (size_t)o[O_STEPS].lnum;
  c.beta0 = num_or(&o[O_BETA0], c.beta0);
  c.beta_end = num_or(&o[O_BETA_END], c.beta_end);
  c.barrier0_kT = num_or(&o[O_BARRIER], c.barrier0_kT);
  c.barrier_rise_kT = num_or(&o[O_RISE], c.barrier_rise_kT);
  c.retention_barrier_kT = num_or(&o[O_RETENTION], 0.0);
  c.tau0_s = num_or(&o[O_TAU0], c.tau0_s);
  c.temperature_K = num_or(&o[O_TEMPERATURE], c.temperature_K);
  c.seed = o[O_SEED].set ? (unsigned long)o[O_SEED].lnum : 1UL;
  c.record_every = o[O_EVAL].set ? (size_t)o[O_EVAL].lnum : 10;
  return c;
}

/* One anneal of a G-set graph and the first point where the best cut reached the target. */
typedef struct maxcut_run {
  const char *graph;
  size_t n_spins;
  double best_known;
  double e_target, t_target; /* modulated heat and time at the target (NAN: never) */
  limen_anneal_result r;
} maxcut_run;

static int maxcut_anneal(const char *graph, const limen_anneal_config *c, double target, maxcut_run *m,
                         limen_error *err) {
  memset(m, 0, sizeof *m);
  m->graph = graph;
  m->e_target = m->t_target = NAN;
  limen_graph *g = NULL;
  int st = limen_graph_load(graph, &g, err);
  if (st) return st;
  m->n_spins = g->n;
  m->best_known = limen_gset_best_known(graph);
  st = limen_maxcut_anneal(g, c, NULL, &m->r, err);
  limen_graph_free(g);
  if (st) return st;
  for (size_t i = 0; i < m->r.n_points; i++)
    if (m->r.points[i].best_cut >= target * m->best_known) {
      m->e_target = m->r.points[i].heat_modulated_J;
      m->t_target = m->r.points[i].time_s;
      break;
    }
  return LIMEN_OK;
}

/* The trace of an anneal: cut and best cut against physical time and cumulative heat. */
static int maxcut_trace(const char *dir, const char *name, const limen_anneal_result *r, limen_error *err) {
  cli_buf b;
  cli_buf_init(&b);
  char n[8][64];
  cli_buf_puts(&b, "sweep,time_s,beta,barrier_kT,cut,best_cut,heat_modulated_J,heat_static_J\n");
  for (size_t i = 0; i < r->n_points; i++) {
    const limen_anneal_point *p = &r->points[i];
    cli_buf_printf(&b, "%zu,%s,%s,%s,%s,%s,%s,%s\n", p->sweep, cli_num(n[0], 64, p->time_s), cli_num(n[1], 64, p->beta),
                   cli_num(n[2], 64, p->barrier_kT), cli_num(n[3], 64, p->cut), cli_num(n[4], 64, p->best_cut),
                   cli_num(n[5], 64, p->heat_modulated_J), cli_num(n[6], 64, p->heat_static_J));
  }
  int st = cli_buf_check(&b, err);
  if (!st) st = cli_write_file_atomic(dir, name, b.data, err);
  cli_buf_free(&b);
  return st;
}

/* Figures: best cut (fraction of best-known) versus cumulative heat (modulated, and the same
 * flips as static writes) and versus physical time, one pair of curves per graph. */
static int maxcut_figures(const char *dir, const maxcut_run *m, size_t n, const limen_anneal_config *c,
                          limen_error *err) {
  enum { MAX_GRAPHS = 3 };
  if (n > MAX_GRAPHS) return limen_error_set(err, LIMEN_EINTERNAL, "train", "%zu graphs in one figure", n);
  double *v[MAX_GRAPHS] = {NULL};
  int st = LIMEN_OK;
  for (size_t k = 0; k < n && !st; k++) {
    size_t np = m[k].r.n_points;
    v[k] = malloc(4 * (np + 1) * sizeof *v[k]);
    if (!v[k]) {
      st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
      break;
    }
    for (size_t i = 0; i < np; i++) {
      v[k][i] = m[k].r.points[i].heat_modulated_J;
      v[k][np + i] = m[k].r.points[i].heat_static_J;
      v[k][2 * np + i] = m[k].r.points[i].best_cut / m[k].best_known;
      v[k][3 * np + i] = m[k].r.points[i].time_s;
    }
  }
  char graphs[64] = "", known[96] = "";
  for (size_t k = 0; k < n; k++) {
    size_t a = strlen(graphs), b = strlen(known);
    snprintf(graphs + a, sizeof graphs - a, "%s%s", k ? ", " : "", m[k].graph);
    snprintf(known + b, sizeof known - b, "%s%g", k ? ", " : "", m[k].best_known);
  }
  static char lab[2 * MAX_GRAPHS][64];
  for (int pass = 0; pass < 2 && !st; pass++) {
    limen_plot_series ser[2 * MAX_GRAPHS];
    size_t ns = 0;
    for (size_t k = 0; k < n; k++) {
      size_t np = m[k].r.n_points;
      if (n == 1) {
        snprintf(lab[0], sizeof lab[0], "%s", pass ? "modulated barrier, log schedule" : "modulated barrier");
        snprintf(lab[1], sizeof lab[1], "same flips, static writes");
      } else {
        snprintf(lab[2 * k], sizeof lab[2 * k], "%s: modulated barrier", m[k].graph);
        snprintf(lab[2 * k + 1], sizeof lab[2 * k + 1], "%s: same flips, static writes", m[k].graph);
      }
      const char *l0 = n == 1 ? lab[0] : lab[2 * k], *l1 = n == 1 ? lab[1] : lab[2 * k + 1];
      ser[ns++] = (limen_plot_series){l0, pass ? v[k] + 3 * np : v[k], v[k] + 2 * np, np, LIMEN_PLOT_LINE, (int)(1 + 2 * k), NULL};
      if (!pass) ser[ns++] = (limen_plot_series){l1, v[k] + np, v[k] + 2 * np, np, LIMEN_PLOT_DASHED, (int)(2 + 2 * k), NULL};
    }
    char ttl[128], note[320];
    snprintf(ttl, sizeof ttl, pass ? "Max-Cut %s: best cut versus physical time" : "Max-Cut %s: best cut versus heat", graphs);
    snprintf(note, sizeof note, "E_b = %g + ln(1 + t/t0) kT, J/kT %g to %g, %zu sweeps, tau0 = %g s; best-known cut%s %s",
             c->barrier0_kT, c->beta0, c->beta_end, c->sweeps, c->tau0_s, n > 1 ? "s" : "", known);
    limen_plot pl = {ttl, pass ? "physical time [s]" : "cumulative heat of the spin flips [J]", "best cut / best-known cut", 1,
                     0, ser, ns, NULL, 0, 0, 0, note};
    st = plot_file(dir, pass ? "cut_vs_time.png" : "cut_vs_heat.png", &pl, err);
  }
  for (size_t k = 0; k < n; k++) free(v[k]);
  return st;
}

static int run_maxcut(cli_opt *o, const char *graph, cli_format fmt, cli_buf *out, limen_error *err) {
  char what[48];
  snprintf(what, sizeof what, "--task maxcut-%s", graph);
  int st = maxcut_options(o, what, err);
  if (st) return st;
  limen_anneal_config c = maxcut_config(o);
  double target = num_or(&o[O_TARGET], 0.99);
  maxcut_run m;
  cli_buf js;
  cli_buf_init(&js);
  if ((st = maxcut_anneal(graph, &c, target, &m, err))) goto done;
  const limen_anneal_result *r = &m.r;
  char name[32];
  snprintf(name, sizeof name, "maxcut-%s", graph);
  const char *texts[] = {"task", name, "paradigm", "lim-matched", "schedule",
                         "E_b(t) = E_b(0) + ln(1 + t/t0), J/kT = beta0 + kappa*(E_b(t) - E_b(0)), Glauber flips"};
  row rows[] = {
      {"best_cut", "best cut found", "", r->best_cut},
      {"best_known_cut", "best-known cut", "", m.best_known},
      {"gap", "relative gap to best-known", "", 1.0 - r->best_cut / m.best_known},
      {"final_cut", "cut at the end", "", r->final_cut},
      {"best_sweep", "sweep of the best cut", "", (double)r->best_sweep},
      {"target_fraction", "target fraction of best-known", "", target},
      {"energy_to_target_J", "modulated heat to reach the target", "J", m.e_target},
      {"time_to_target_s", "physical time to the target", "s", m.t_target},
      {"total_heat_J", "modulated-barrier heat of the flips", "J", r->heat_modulated_J},
      {"coupling_work_J", "work of raising the coupling", "J", r->coupling_work_J},
      {"static_heat_J", "static-barrier heat of the same flips", "J", r->heat_static_J},
      {"static_write_kT", "static write per flip", "kT", r->static_write_kT},
      {"flips", "spin flips", "", r->flips},
      {"sweeps", "sweeps", "", (double)c.sweeps},
      {"n_spins", "spins", "", (double)m.n_spins},
      {"beta0", "initial coupling J/kT per unit weight", "", c.beta0},
      {"beta_end", "final coupling J/kT per unit weight", "", c.beta_end},
      {"barrier0_kT", "initial barrier", "kT", c.barrier0_kT},
      {"final_barrier_kT", "final barrier", "kT", r->final_barrier_kT},
      {"attempt_rate0_per_s", "flip attempt rate at E_b(0)", "1/s", r->attempt_rate0_per_s},
      {"t0_s", "t0 of the schedule", "s", r->t0_s},
      {"time_s", "physical time of the anneal", "s", r->time_s},
      {"tau0_s", "intrinsic time τ₀ of a spin cell", "s", c.tau0_s},
      {"temperature_K", "temperature", "K", c.temperature_K},
      {"seed", "seed", "", (double)c.seed},
  };
  char title[96];
  snprintf(title, sizeof title, "Max-Cut on %s by barrier-matched annealing", graph);
  if ((st = render_rows(title, texts, sizeof texts / sizeof *texts, rows, sizeof rows / sizeof *rows, fmt, out, &js, err)))
    goto done;
  if (o[O_OUT].set) {
    st = maxcut_trace(o[O_OUT].str, "trace.csv", r, err);
    if (!st) st = cli_write_file_atomic(o[O_OUT].str, "summary.json", js.data, err);
    if (!st) st = maxcut_figures(o[O_OUT].str, &m, 1, &c, err);
  }
done:
  cli_buf_free(&js);
  limen_anneal_result_free(&m.r);
  return st;
}

/* Experiment 4 (Max-Cut part): the same anneal on G1, G11 and G14; one row per graph, and with
 * --out the table, the JSON, one cut-versus-heat-and-time trace per graph and the figures. */
static int exp_maxcut(cli_opt *o, cli_format fmt, const char *dir, cli_buf *out, limen_error *err) {
  static const char *const graphs[] = {"G1", "G11", "G14"};
  enum { NG = sizeof graphs / sizeof *graphs };
  if (o[O_TASK].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options",
                           "--task does not apply to --experiment maxcut (it anneals G1, G11 and G14)");
  if (o[O_VALUES].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options",
                           "--values does not apply to --experiment maxcut (it applies to --experiment window and barrier)");
  int st = maxcut_options(o, "--experiment maxcut", err);
  if (st) return st;
  limen_anneal_config c = maxcut_config(o);
  double target = num_or(&o[O_TARGET], 0.99);
  maxcut_run m[NG];
  memset(m, 0, sizeof m);
  for (size_t k = 0; k < NG && !st; k++) st = maxcut_anneal(graphs[k], &c, target, &m[k], err);
  static const char *const head[] = {"graph", "spins", "best cut", "best-known", "gap", "heat to target [J]",
                                     "time to target [s]", "modulated heat [J]", "static heat [J]", "time [s]"};
  enum { NC = sizeof head / sizeof *head };
  cli_table t, tc;
  memset(&t, 0, sizeof t);
  memset(&tc, 0, sizeof tc);
  cJSON *root = NULL;
  cli_buf js;
  cli_buf_init(&js);
  if (!st) st = cli_table_init(&t, NC, head, err);
  if (!st) st = cli_table_init(&tc, NC, head, err);
  if (!st && !(root = cJSON_CreateObject())) st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  cJSON *arr = st ? NULL : cJSON_AddArrayToObject(root, "runs");
  if (!st && !arr) st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  if (!st) {
    cJSON_AddStringToObject(root, "experiment", "maxcut");
    cli_json_num(root, "target_fraction", target);
    cJSON_AddNumberToObject(root, "sweeps", (double)c.sweeps);
    cli_json_num(root, "beta0", c.beta0);
    cli_json_num(root, "beta_end", c.beta_end);
    cli_json_num(root, "barrier0_kT", c.barrier0_kT);
    cli_json_num(root, "barrier_rise_kT", c.barrier_rise_kT);
    cli_json_num(root, "tau0_s", c.tau0_s);
    cli_json_num(root, "temperature_K", c.temperature_K);
    cJSON_AddNumberToObject(root, "seed", (double)c.seed);
    for (size_t k = 0; k < NG; k++) {
      const limen_anneal_result *r = &m[k].r;
      double v[NC] = {NAN, (double)m[k].n_spins, r->best_cut, m[k].best_known, 1.0 - r->best_cut / m[k].best_known,
                      m[k].e_target, m[k].t_target, r->heat_modulated_J, r->heat_static_J, r->time_s};
      cli_table_row(&t);
      cli_table_row(&tc);
      cli_table_set(&t, 0, "%s", m[k].graph);
      cli_table_set(&tc, 0, "%s", m[k].graph);
      for (size_t j = 1; j < NC; j++) {
        char b[64];
        /* text: 4 significant digits ("not reached" where the target was never reached);
         * CSV: 10 digits, an empty field for "not reached" */
        cli_table_set(&t, j, "%s", isfinite(v[j]) ? (j <= 3 ? cli_num(b, 64, v[j]) : cli_human(b, 64, v[j], 4)) : "not reached");
        cli_table_set(&tc, j, "%s", isfinite(v[j]) ? cli_num(b, 64, v[j]) : "");
      }
      cJSON *jr = cJSON_CreateObject();
      if (!jr) continue;
      cJSON_AddStringToObject(jr, "graph", m[k].graph);
      cJSON_AddNumberToObject(jr, "n_spins", (double)m[k].n_spins);
      cli_json_num(jr, "best_cut", r->best_cut);
      cli_json_num(jr, "best_known_cut", m[k].best_known);
      cli_json_num(jr, "gap", 1.0 - r->best_cut / m[k].best_known);
      cli_json_num(jr, "final_cut", r->final_cut);
      cJSON_AddNumberToObject(jr, "best_sweep", (double)r->best_sweep);
      cli_json_num(jr, "energy_to_target_J", m[k].e_target);
      cli_json_num(jr, "time_to_target_s", m[k].t_target);
      cli_json_num(jr, "total_heat_J", r->heat_modulated_J);
      cli_json_num(jr, "coupling_work_J", r->coupling_work_J);
      cli_json_num(jr, "static_heat_J", r->heat_static_J);
      cli_json_num(jr, "flips", r->flips);
      cli_json_num(jr, "time_s", r->time_s);
      cJSON_AddItemToArray(arr, jr);
    }
    for (size_t j = 1; j < NC; j++) cli_table_set_right(&t, j, 1);
    st = cli_table_check(&t, err);
    if (!st) st = cli_table_check(&tc, err);
    if (!st) st = cli_json_print(root, &js, err);
  }
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) {
      cli_buf_puts(out, js.data);
    } else {
      cli_buf_printf(out,
                     "limen train --experiment maxcut: barrier-matched annealing, %zu sweeps, E_b(0) = %g kT rising by "
                     "%g kT,\nJ/kT %g to %g, tau0 = %g s, target %g of the best-known cut\n\n",
                     c.sweeps, c.barrier0_kT, c.barrier_rise_kT, c.beta0, c.beta_end, c.tau0_s, target);
      cli_table_text(&t, out, 2);
    }
    st = cli_buf_check(out, err);
  }
  if (!st && dir) {
    cli_buf csv;
    cli_buf_init(&csv);
    cli_table_csv(&tc, &csv);
    st = cli_buf_check(&csv, err);
    if (!st) st = cli_write_file_atomic(dir, "table.csv", csv.data, err);
    if (!st) st = cli_write_file_atomic(dir, "summary.json", js.data, err);
    cli_buf_free(&csv);
    for (size_t k = 0; k < NG && !st; k++) {
      char nm[32];
      snprintf(nm, sizeof nm, "trace_%s.csv", m[k].graph);
      st = maxcut_trace(dir, nm, &m[k].r, err);
    }
    if (!st) st = maxcut_figures(dir, m, NG, &c, err);
  }
  cJSON_Delete(root);
  cli_buf_free(&js);
  cli_table_free(&t);
  cli_table_free(&tc);
  for (size_t k = 0; k < NG; k++) limen_anneal_result_free(&m[k].r);
  return st;
}

/* ---- experiments (docs/results.md) ------------------------------------------------------------ */

typedef struct exp_run {
  char label[48];   /* paradigm or paradigm + value   */
  const char *paradigm;
  double value;     /* swept value (NAN: none)        */
  limen_train_result r;
} exp_run;

/* The swept values: each must lie in the range of the option it replaces (`like`). */
static int parse_values(cli_opt *o, const double *def, size_t n_def, const cli_opt *like, double *v, size_t *n,
                        limen_error *err) {
  if (!o[O_VALUES].set) {
    memcpy(v, def, n_def * sizeof *v);
    *n = n_def;
    return LIMEN_OK;
  }
  if (o[O_VALUES].n_items > EXP_MAX_VALUES)
    return limen_error_set(err, LIMEN_EINVAL, "--values", "%zu values: allowed at most %d", o[O_VALUES].n_items, EXP_MAX_VALUES);
  cli_opt shadow = *like;
  shadow.name = "values";
  for (size_t i = 0; i < o[O_VALUES].n_items; i++) {
    int st = cli_opt_parse_number(&shadow, o[O_VALUES].items[i], &v[i], err);
    if (st) return st;
  }
  *n = o[O_VALUES].n_items;
  return LIMEN_OK;
}

static void json_run(cJSON *arr, const exp_run *e, const char *value_key) {
  cJSON *j = cJSON_CreateObject();
  if (!j) return;
  cJSON_AddStringToObject(j, "paradigm", e->paradigm);
  if (value_key) cli_json_num(j, value_key, e->value);
  cli_json_num(j, "final_test_accuracy", e->r.final_test_accuracy);
  cli_json_num(j, "final_loss", e->r.final_loss);
  cli_json_num(j, "steps_to_target", e->r.steps_to_target ? (double)e->r.steps_to_target : NAN); /* null: never */
  cli_json_num(j, "energy_to_target_J", e->r.energy_to_target_J);
  cli_json_num(j, "total_heat_J", e->r.total_heat_J);
  cli_json_num(j, "closed_form_heat_J", e->r.expected_heat_J);
  cli_json_num(j, "heat_stderr_J", e->r.heat_stderr_J);
  cli_json_num(j, "bound_J", e->r.bound_J);
  cli_json_num(j, "heat_per_cell_step_J", e->r.heat_per_cell_step_J);
  cli_json_num(j, "final_rate_dt", e->r.final_rate_dt);
  cli_json_num(j, "final_barrier_kT", e->r.final_barrier_kT);
  cJSON_AddItemToArray(arr, j);
}

/* Table / JSON / CSV of the runs; figures are drawn by the callers. */
static int report_runs(const char *name, const char *task, const exp_run *runs, size_t n, const char *value_key,
                       const char *value_head, cli_format fmt, const char *dir, cli_buf *out, limen_error *err) {
  static const char *const head[] = {"paradigm", "value", "test acc", "heat to target [J]", "total heat [J]",
                                     "closed form [J]", "bound [J]", "r·Δt last"};
  int st;
  /* JSON document (printed with --format json, saved as summary.json with --out) */
  cJSON *root = cJSON_CreateObject(), *arr = cJSON_CreateArray();
  if (!root || !arr) {
    cJSON_Delete(root);
    cJSON_Delete(arr);
    return limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
  }
  cJSON_AddStringToObject(root, "experiment", name);
  cJSON_AddStringToObject(root, "task", task);
  cJSON_AddItemToObject(root, "runs", arr);
  for (size_t i = 0; i < n; i++) json_run(arr, &runs[i], value_key);
  cli_buf js;
  cli_buf_init(&js);
  st = cli_json_print(root, &js, err);
  cJSON_Delete(root);
  /* t: the text table (4 significant digits, "not reached"); tc: the same as CSV (10 digits,
   * an empty field where the target was never reached) */
  cli_table t, tc;
  memset(&t, 0, sizeof t);
  memset(&tc, 0, sizeof tc);
  if (!st) st = cli_table_init(&t, 8, head, err);
  if (!st) st = cli_table_init(&tc, 8, head, err);
  for (int pass = 0; pass < 2 && !st; pass++) {
    cli_table *tt = pass ? &tc : &t;
    char b[8][64];
    for (size_t i = 0; i < n; i++) {
      const limen_train_result *r = &runs[i].r;
      double v[8] = {NAN, runs[i].value, r->final_test_accuracy, r->energy_to_target_J, r->total_heat_J,
                     r->expected_heat_J, r->bound_J, r->final_rate_dt};
      cli_table_row(tt);
      cli_table_set(tt, 0, "%s", runs[i].paradigm);
      cli_table_set(tt, 1, "%s", value_key ? cli_num(b[0], 64, runs[i].value) : "");
      for (size_t c = 2; c < 8; c++) {
        if (!isfinite(v[c])) cli_table_set(tt, c, "%s", pass ? "" : "not reached");
        else if (pass) cli_table_set(tt, c, "%s", cli_num(b[c], 64, v[c]));
        else if (c == 2) cli_table_set(tt, c, "%.4f", v[c]);
        else cli_table_set(tt, c, "%s", cli_human(b[c], 64, v[c], 4));
      }
    }
    for (int c = 1; c < 8; c++) cli_table_set_right(tt, (size_t)c, 1);
    st = cli_table_check(tt, err);
  }
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) {
      cli_buf_puts(out, js.data);
    } else {
      cli_buf_printf(out, "limen train --experiment %s (task %s)%s%s\n\n", name, task, value_key ? ": value = " : "",
                     value_key ? value_head : "");
      cli_table_text(&t, out, 2);
    }
    st = cli_buf_check(out, err);
  }
  if (!st && dir) {
    cli_buf csv;
    cli_buf_init(&csv);
    cli_table_csv(&tc, &csv);
    st = cli_buf_check(&csv, err);
    if (!st) st = cli_write_file_atomic(dir, "table.csv", csv.data, err);
    if (!st) st = cli_write_file_atomic(dir, "summary.json", js.data, err);
    for (size_t i = 0; !st && i < n; i++) {
      cli_buf tr;
      cli_buf_init(&tr);
      char nm[96], n1[64], n2[64], n3[64], n4[64], n5[64], n6[64];
      cli_buf_puts(&tr, "step,time_s,heat_J,bound_J,loss,train_accuracy,test_accuracy\n");
      for (size_t k = 0; k < runs[i].r.n_points; k++) {
        const limen_train_point *q = &runs[i].r.points[k];
        cli_buf_printf(&tr, "%zu,%s,%s,%s,%s,%s,%s\n", q->step, cli_num(n1, 64, q->time_s), cli_num(n2, 64, q->heat_J),
                       cli_num(n3, 64, q->bound_J), cli_num(n4, 64, q->loss), cli_num(n5, 64, q->train_accuracy),
                       cli_num(n6, 64, q->test_accuracy));
      }
      snprintf(nm, sizeof nm, "trace_%s.csv", runs[i].label);
      st = cli_buf_check(&tr, err);
      if (!st) st = cli_write_file_atomic(dir, nm, tr.data, err);
      cli_buf_free(&tr);
    }
    cli_buf_free(&csv);
  }
  cli_table_free(&t);
  cli_table_free(&tc);
  cli_buf_free(&js);
  return st;
}

/* Experiment 1: every paradigm on the task; figures: test accuracy vs cumulative heat and vs
 * physical time. */
static int exp_paradigms(cli_opt *o, exp_run *runs, size_t *n_runs, limen_task *task, limen_error *err) {
  const limen_memory_type *type;
  limen_train_config c;
  limen_memory_config mc;
  int st = configure(o, task, &type, &c, &mc, err);
  if (st) return st;
  for (size_t i = 0; limen_memory_types[i] && !st; i++) {
    exp_run *e = &runs[(*n_runs)++];
    e->paradigm = limen_memory_types[i]->name;
    e->value = NAN;
    snprintf(e->label, sizeof e->label, "%s", e->paradigm);
    st = limen_train_run(&task->model, task->train, task->test, limen_memory_types[i], &mc, &c, &e->r, err);
    if (st) (*n_runs)--;
  }
  return st;
}

/* Experiments 2 and 3: lim-fixed and lim-matched (or --paradigm) over windows or barriers. */
static int exp_sweep(cli_opt *o, int barrier, exp_run *runs, size_t *n_runs, limen_task *task, limen_error *err) {
  static const double def_window[] = {1e-8, 1e-7, 1e-6, 1e-5, 1e-4};
  static const double def_barrier[] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  const char *p = o[O_PARADIGM].set ? o[O_PARADIGM].str : NULL;
  if (barrier && p && strcmp(p, "lim-fixed") != 0 && strcmp(p, "lim-matched") != 0)
    return unused(err, "--experiment barrier sweeps the barrier of lim-fixed and lim-matched; --paradigm %s has none", p);
  int st = paradigm_options(o, p ? p : "lim-fixed", p ? p : "lim-fixed and lim-matched", err);
  if (st) return st;
  double v[EXP_MAX_RUNS];
  size_t nv = 0;
  st = barrier ? parse_values(o, def_barrier, sizeof def_barrier / sizeof *def_barrier, &o[O_BARRIER], v, &nv, err)
                   : parse_values(o, def_window, sizeof def_window / sizeof *def_window, &o[O_WINDOW], v, &nv, err);
  if (st) return st;
  const limen_memory_type *type;
  limen_train_config c;
  limen_memory_config mc;
  if ((st = configure(o, task, &type, &c, &mc, err))) return st;
  const limen_memory_type *types[2] = {limen_memory_lim_fixed, limen_memory_lim_matched};
  size_t nt = 2;
  if (o[O_PARADIGM].set) {
    types[0] = type;
    nt = 1;
  }
  for (size_t t = 0; t < nt && !st; t++)
    for (size_t i = 0; i < nv && !st; i++) {
      exp_run *e = &runs[(*n_runs)++];
      e->paradigm = types[t]->name;
      e->value = v[i];
      snprintf(e->label, sizeof e->label, "%s_%g", e->paradigm, v[i]);
      limen_train_config ci = c;
      limen_memory_config mi = mc;
      if (barrier) mi.low_barrier_kT = v[i];
      else ci.window_s = v[i];
      ci.record_updates = !barrier; /* the closed-form curve of the window figure */
      st = limen_train_run(&task->model, task->train, task->test, types[t], &mi, &ci, &e->r, err);
      if (st) (*n_runs)--;
    }
  return st;
}


/* Experiment 5: measured heat against `limen project` for the same parameter count, steps and
 * learning path, and the brain-scale projection beside the naive extrapolation. */
static int exp_scaling(cli_opt *o, cli_format fmt, const char *dir, cli_buf *out, limen_error *err) {
  if (o[O_PARADIGM].set || o[O_VALUES].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--%s does not apply to --experiment scaling",
                           o[O_PARADIGM].set ? "paradigm" : "values");
  if (o[O_TARGET].set || o[O_EVAL].set)
    return unused(err, "--%s does not apply to --experiment scaling (it compares total heat, not the way to a target)",
                  o[O_TARGET].set ? "target" : "eval-every");
  static const char *const meas[4] = {"digital-static", "analog-static", "lim-fixed", "lim-matched"};
  static const char *const specs[4] = {"cim-static", "cim-static", "lim-finite-time", "lim-matched"};
  static const char *const proj_specs[4] = {"landauer-adiabatic", "cim-static", "lim-finite-time", "lim-matched"};
  limen_task task;
  const limen_memory_type *type;
  limen_train_config c;
  limen_memory_config mc;
  int st = configure(o, &task, &type, &c, &mc, err);
  if (st) return st;
  limen_train_result r[4];
  memset(r, 0, sizeof r);
  limen_projection *pr = calloc(8, sizeof *pr);
  cJSON *root = NULL;
  cli_buf js;
  cli_buf_init(&js);
  if (!pr) {
    st = limen_error_set(err, LIMEN_ENOMEM, "train", "projections");
    goto done;
  }
  for (int i = 0; i < 4 && !st; i++) {
    const limen_memory_type *t;
    st = limen_memory_type_find(meas[i], &t, err);
    if (!st) st = limen_train_run(&task.model, task.train, task.test, t, &mc, &c, &r[i], err);
  }
  if (st) goto done;
  double N = (double)task.model.n_params, K = (double)c.steps, kT = limen_kT(mc.temperature_K);
  double sum_eta = 0;
  for (size_t k = 0; k < c.steps; k++) sum_eta += limen_lr_eta(&c.lr, (double)k);
  double delta = 2.0 * mc.w_max / (ldexp(1.0, mc.bits) - 1.0);
  double g_eff = r[3].mean_abs_update * K / sum_eta;             /* |Δw| per unit learning rate */
  double sum_m = r[3].mean_abs_update * N * K / delta;            /* Σ|m| levels, all cells      */
  double f_eff = r[3].expected_heat_J / (kT * sum_m);             /* mean tilt per level (kT)     */
  double rho = sinh(0.5 * f_eff);
  limen_workload w = limen_workload_default();
  snprintf(w.name, sizeof w.name, "%s run", task.name);
  w.params = N;
  w.tokens = K;
  w.batch_tokens = 1;
  w.flops = 0;
  w.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  w.bits = mc.bits;
  w.train_time_s = K * (c.window_s + mc.hold_s);
  w.temperature_K = mc.temperature_K;
  w.parallel_cells = 0;
  w.tau0_s = mc.tau0_s;
  w.write_time_s = 0;
  w.lr_kind = c.lr.kind;
  w.lr_eta0 = c.lr.eta0;
  w.lr_t0_frac = c.lr.t0 / K;
  w.lr_eta_min_frac = c.lr.eta_min / c.lr.eta0;
  w.grad_scale = g_eff;
  w.param_range = 2.0 * mc.w_max;
  w.drift_diffusion_ratio = rho;
  if ((st = limen_project(&w, proj_specs, 4, NULL, NULL, pr, err))) goto done;
  limen_workload wb = limen_workload_default();
  wb.ops = LIMEN_OPS_PER_PARAMETER_STEP;
  limen_workload_derived db;
  if ((st = limen_workload_derive(&wb, &db, err))) goto done;
  if ((st = limen_project(&wb, proj_specs, 4, NULL, NULL, pr + 4, err))) goto done;
  static const char *const head[] = {"measured paradigm", "measured heat [J]", "projection (same N, K, path)", "projected [J]",
                                     "measured / projected", "heat per op [kT]", "brain-scale: N·K × measured [J]",
                                     "limen project brain-scale [J]"};
  cli_table t;
  if ((st = cli_table_init(&t, 8, head, err))) {
    cli_table_free(&t);
    goto done;
  }
  root = cJSON_CreateObject();
  cJSON *arr = cJSON_CreateArray();
  if (!root || !arr) {
    cJSON_Delete(arr);
    cli_table_free(&t);
    st = limen_error_set(err, LIMEN_ENOMEM, "train", "out of memory");
    goto done;
  }
  cJSON_AddStringToObject(root, "experiment", "scaling");
  cJSON_AddStringToObject(root, "task", task.name);
  cli_json_num(root, "params", N);
  cli_json_num(root, "steps", K);
  cli_json_num(root, "grad_scale_effective", g_eff);
  cli_json_num(root, "tilt_per_level_effective_kT", f_eff);
  cli_json_num(root, "drift_diffusion_ratio_effective", rho);
  cli_json_num(root, "landauer_adiabatic_same_run_J", pr[0].energy_J);
  cli_json_num(root, "brain_scale_params", wb.params);
  cli_json_num(root, "brain_scale_steps", db.steps);
  cli_json_num(root, "landauer_adiabatic_brain_scale_J", pr[4].energy_J);
  cJSON_AddItemToObject(root, "runs", arr);
  char b[8][64];
  for (int i = 0; i < 4; i++) {
    int j = i < 2 ? 1 : i; /* projection index */
    double per_op = r[i].ops > 0 ? r[i].total_heat_J / kT / r[i].ops : NAN;
    double ext = r[i].heat_per_cell_step_J * wb.params * db.steps;
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", meas[i]);
    cli_table_set(&t, 1, "%s", cli_human(b[0], 64, r[i].total_heat_J, 4));
    cli_table_set(&t, 2, "%s", specs[i]);
    cli_table_set(&t, 3, "%s", cli_human(b[1], 64, pr[j].energy_J, 4));
    cli_table_set(&t, 4, "%s", cli_human(b[2], 64, r[i].total_heat_J / pr[j].energy_J, 4));
    cli_table_set(&t, 5, "%s", cli_human(b[3], 64, per_op, 4));
    cli_table_set(&t, 6, "%s", cli_human(b[4], 64, ext, 4));
    cli_table_set(&t, 7, "%s", cli_human(b[5], 64, pr[4 + j].energy_J, 4));
    cJSON *jr = cJSON_CreateObject();
    if (!jr) continue;
    cJSON_AddStringToObject(jr, "paradigm", meas[i]);
    cJSON_AddStringToObject(jr, "projection", specs[i]);
    cli_json_num(jr, "measured_heat_J", r[i].total_heat_J);
    cli_json_num(jr, "projected_same_run_J", pr[j].energy_J);
    cli_json_num(jr, "heat_per_elementary_op_kT", per_op);
    cli_json_num(jr, "projected_update_per_op_kT", pr[j].update_per_op_kT);
    cli_json_num(jr, "heat_per_cell_step_J", r[i].heat_per_cell_step_J);
    cli_json_num(jr, "brain_scale_extrapolated_J", ext);
    cli_json_num(jr, "brain_scale_projected_J", pr[4 + j].energy_J);
    cJSON_AddItemToArray(arr, jr);
  }
  for (int col = 1; col < 8; col++)
    if (col != 2) cli_table_set_right(&t, (size_t)col, 1);
  st = cli_table_check(&t, err);
  if (!st) st = cli_json_print(root, &js, err);
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) {
      cli_buf_puts(out, js.data);
    } else {
      cli_buf_printf(out,
                     "limen train --experiment scaling (task %s, N = %g parameters, K = %g steps)\n"
                     "projection of the same run: per-parameter-step operations, n = %d bits, tau_op = window = %g s,\n"
                     "learning path g = %.4g (measured mean |dw|/eta), rho = %.4g (from the measured lim-matched tilt\n"
                     "%.4g kT per level); landauer-adiabatic of the same run: %s J.\n"
                     "brain-scale: N = %g, K = %g steps (limen project defaults, per-parameter-step); the\n"
                     "extrapolation assumes the measured heat per parameter and step of this run.\n\n",
                     task.name, N, K, mc.bits, c.window_s, g_eff, rho, f_eff, cli_human(b[6], 64, pr[0].energy_J, 4), wb.params,
                     db.steps);
      cli_table_text(&t, out, 2);
    }
    st = cli_buf_check(out, err);
  }
  if (!st && dir) {
    cli_buf csv;
    cli_buf_init(&csv);
    cli_table_csv(&t, &csv);
    st = cli_buf_check(&csv, err);
    if (!st) st = cli_write_file_atomic(dir, "table.csv", csv.data, err);
    if (!st) st = cli_write_file_atomic(dir, "summary.json", js.data, err);
    cli_buf_free(&csv);
  }
  cli_table_free(&t);
  if (!st && dir) {
    /* figure: energy versus parameter count N for this run's K and learning path — `limen
     * project` (solid) against the measured heat per cell-step × N·K (dashed) */
    enum { NG = 29 };
    double *buf = malloc(9 * NG * sizeof *buf);
    limen_projection *pg = calloc(4, sizeof *pg);
    if (!buf || !pg) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
    for (int i = 0; !st && i < NG; i++) {
      double Ni = N * pow(10.0 * wb.params / N, (double)i / (NG - 1));
      buf[i] = Ni;
      limen_workload wi = w;
      wi.params = Ni;
      st = limen_project(&wi, proj_specs, 4, NULL, NULL, pg, err);
      for (int k = 0; !st && k < 4; k++) {
        buf[(1 + k) * NG + i] = pg[k].energy_J;
        buf[(5 + k) * NG + i] = r[k].heat_per_cell_step_J * Ni * K;
      }
    }
    if (!st) {
      static char lab[8][64];
      limen_plot_series ser[8];
      for (int k = 0; k < 4; k++) {
        snprintf(lab[k], sizeof lab[k], "project: %s", proj_specs[k]);
        snprintf(lab[4 + k], sizeof lab[4 + k], "measured: %s", meas[k]);
        ser[k] = (limen_plot_series){lab[k], buf, buf + (1 + k) * NG, NG, LIMEN_PLOT_LINE, 1 + k, NULL};
        ser[4 + k] = (limen_plot_series){lab[4 + k], buf, buf + (5 + k) * NG, NG, LIMEN_PLOT_DASHED, 5 + k, NULL};
      }
      limen_plot_marker mk[2] = {{N, "this run"}, {wb.params, "brain scale"}};
      char note[200];
      snprintf(note, sizeof note, "K = %g steps, n = %d bits, window %g s, learning path of the %s run; measured = heat per "
               "cell-step x N x K", K, mc.bits, c.window_s, task.name);
      limen_plot pl = {"Measured heat extrapolated vs limen project", "parameters N", "energy [J]", 1, 1,
                       ser, 8, mk, 2, 0, 0, note};
      st = plot_file(dir, "energy_vs_params.png", &pl, err);
    }
    free(buf);
    free(pg);
  }
done:
  cJSON_Delete(root);
  cli_buf_free(&js);
  for (int i = 0; i < 4; i++) limen_train_result_free(&r[i]);
  free(pr);
  limen_task_free(&task);
  return st;
}

static int run_experiment(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  const char *name = o[O_EXPERIMENT].str;
  const char *dir = o[O_OUT].set ? o[O_OUT].str : NULL;
  if (strcmp(name, "maxcut") == 0) return exp_maxcut(o, fmt, dir, out, err);
  if (strcmp(name, "scaling") == 0) return exp_scaling(o, fmt, dir, out, err);
  if (strcmp(name, "paradigms") == 0 && o[O_PARADIGM].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--paradigm does not apply to --experiment paradigms");
  if (strcmp(name, "paradigms") == 0 && o[O_VALUES].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--values does not apply to --experiment paradigms");
  int barrier = strcmp(name, "barrier") == 0;
  if (strcmp(name, "window") == 0 && o[O_WINDOW].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--window is swept by --experiment window (use --values)");
  if (barrier && o[O_BARRIER].set)
    return limen_error_set(err, LIMEN_EINVAL, "conflicting options", "--barrier is swept by --experiment barrier (use --values)");
  exp_run *runs = calloc(EXP_MAX_RUNS, sizeof *runs);
  if (!runs) return limen_error_set(err, LIMEN_ENOMEM, "train", "experiment runs");
  size_t n = 0;
  limen_task task;
  memset(&task, 0, sizeof task);
  int st = strcmp(name, "paradigms") == 0 ? exp_paradigms(o, runs, &n, &task, err) : exp_sweep(o, barrier, runs, &n, &task, err);
  const char *vkey = strcmp(name, "paradigms") == 0 ? NULL : barrier ? "barrier_kT" : "window_s";
  if (!st) st = report_runs(name, task.name, runs, n, vkey, barrier ? "barrier E_low [kT]" : "window [s]", fmt, dir, out, err);
  if (!st && dir) {
    limen_plot_series ser[2 * EXP_MAX_RUNS];
    double *xs = calloc(4 * EXP_MAX_RUNS, sizeof *xs);
    size_t ns = 0;
    if (!xs) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
    if (!st && !vkey) {
      /* accuracy vs heat and vs time, one curve per paradigm, from the traces */
      for (int pass = 0; pass < 2 && !st; pass++) {
        double **bufs = calloc(n, sizeof *bufs);
        ns = 0;
        for (size_t i = 0; bufs && i < n; i++) {
          size_t m = runs[i].r.n_points;
          bufs[i] = malloc(2 * m * sizeof **bufs);
          if (!bufs[i]) continue;
          for (size_t k = 0; k < m; k++) {
            bufs[i][k] = pass ? runs[i].r.points[k].time_s : runs[i].r.points[k].heat_J;
            bufs[i][m + k] = runs[i].r.points[k].test_accuracy;
          }
          ser[ns++] = (limen_plot_series){runs[i].paradigm, bufs[i], bufs[i] + m, m, LIMEN_PLOT_LINE, 0, NULL};
        }
        int quad = strcmp(task.name, "quadratic") == 0;
        limen_plot pl = {pass ? (quad ? "Quadratic program: progress versus physical time" : "Test accuracy versus physical time")
                              : (quad ? "Quadratic program: progress versus cumulative heat" : "Test accuracy versus cumulative heat"),
                         pass ? "physical time [s]" : "cumulative heat [J]",
                         strcmp(task.name, "quadratic") == 0 ? "fraction of the gap closed, 1 - (f - f*)/(f0 - f*)" : "test accuracy",
                         1, 0, ser, ns, NULL, 0, 0, 0,
                         pass ? "window 1 us per step unless --window" : "ideal memory (zero heat) not shown on the log axis"};
        st = bufs ? plot_file(dir, pass ? "accuracy_vs_time.png" : "accuracy_vs_heat.png", &pl, err)
                  : limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
        for (size_t i = 0; bufs && i < n; i++) free(bufs[i]);
        free(bufs);
      }
    } else if (!st) {
      /* per paradigm: energy-to-target, total heat, closed form and bound vs the swept value */
      size_t per = 0;
      while (per < n && strcmp(runs[per].paradigm, runs[0].paradigm) == 0) per++;
      size_t ng = per ? n / per : 0;
      double *x = xs, *y = xs + EXP_MAX_RUNS, *acc = xs + 2 * EXP_MAX_RUNS;
      double *ybuf = malloc(4 * EXP_MAX_RUNS * sizeof *ybuf);
      if (!ybuf) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
      static char labels[8][96];
      for (size_t g = 0; !st && g < ng && g < 2; g++) {
        for (size_t i = 0; i < per; i++) {
          const exp_run *e = &runs[g * per + i];
          x[g * per + i] = e->value;
          acc[g * per + i] = e->r.final_test_accuracy;
          y[g * per + i] = e->r.energy_to_target_J;
          ybuf[g * per + i] = e->r.total_heat_J;
          ybuf[EXP_MAX_RUNS + g * per + i] = e->r.bound_J;
        }
        snprintf(labels[4 * g], 96, "%s: heat to target", runs[g * per].paradigm);
        snprintf(labels[4 * g + 1], 96, "%s: total heat", runs[g * per].paradigm);
        snprintf(labels[4 * g + 2], 96, "%s: drag bound", runs[g * per].paradigm);
        ser[3 * g] = (limen_plot_series){labels[4 * g], x + g * per, y + g * per, per, LIMEN_PLOT_LINE_POINTS, (int)(1 + 3 * g), NULL};
        ser[3 * g + 1] = (limen_plot_series){labels[4 * g + 1], x + g * per, ybuf + g * per, per, LIMEN_PLOT_DASHED, (int)(2 + 3 * g), NULL};
        ser[3 * g + 2] = (limen_plot_series){labels[4 * g + 2], x + g * per, ybuf + EXP_MAX_RUNS + g * per, per, LIMEN_PLOT_POINTS,
                                             (int)(3 + 3 * g), NULL};
      }
      /* window experiment: the closed form (H) replayed along the trajectory of the middle run
       * of each paradigm, on a fine grid of windows */
      enum { CURVE_N = 61 };
      double *curve = (!st && !barrier) ? malloc(2 * 2 * CURVE_N * sizeof *curve) : NULL;
      size_t n_ser = 3 * (ng < 2 ? ng : 2);
      if (!st && !barrier && !curve) st = limen_error_set(err, LIMEN_ENOMEM, "train", "figure data");
      for (size_t g = 0; !st && curve && g < ng && g < 2; g++) {
        const exp_run *ref = &runs[g * per + per / 2];
        double lo = x[g * per], hi = x[g * per];
        for (size_t i = 0; i < per; i++) {
          if (x[g * per + i] < lo) lo = x[g * per + i];
          if (x[g * per + i] > hi) hi = x[g * per + i];
        }
        double *cx = curve + 2 * CURVE_N * g, *cy = cx + CURVE_N;
        for (int i = 0; !st && i < CURVE_N; i++) {
          cx[i] = lo * pow(hi / lo, (double)i / (CURVE_N - 1));
          double e;
          st = limen_train_hop_closed_form_kT(&ref->r, cx[i], &e, err);
          cy[i] = e * limen_kT(ref->r.temperature_K);
        }
        snprintf(labels[4 * g + 3], 96, "%s: (H), path of %g s", ref->paradigm, ref->value);
        ser[n_ser++] = (limen_plot_series){labels[4 * g + 3], cx, cy, CURVE_N, LIMEN_PLOT_LINE, (int)(7 + g), NULL};
      }
      if (!st) {
        limen_plot pl = {barrier ? "Heat versus barrier height" : "Energy-speed trade-off: heat versus update window",
                         barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]", "heat [J]", !barrier, 1,
                         ser, n_ser, NULL, 0, 0, 0,
                         barrier ? "measured heat (jump statistics) and the drag bound of the same trajectory"
                                 : "points: measured (jump statistics); lines: closed form (H) replayed along the recorded "
                                   "trajectory of the 1 us run"};
        st = plot_file(dir, barrier ? "heat_vs_barrier.png" : "heat_vs_window.png", &pl, err);
      }
      free(curve);
      for (size_t g = 0; !st && g < ng && g < 2; g++)
        ser[g] = (limen_plot_series){runs[g * per].paradigm, x + g * per, acc + g * per, per, LIMEN_PLOT_LINE_POINTS, (int)(1 + g), NULL};
      if (!st) {
        limen_plot pl = {barrier ? "Precision: test accuracy versus barrier height" : "Test accuracy versus update window",
                         barrier ? "barrier E_low (lim-matched: E_b(0)) [kT]" : "update window dt [s]", "final test accuracy",
                         !barrier, 0, ser, ng < 2 ? ng : 2, NULL, 0, 0, 0, NULL};
        st = plot_file(dir, barrier ? "accuracy_vs_barrier.png" : "accuracy_vs_window.png", &pl, err);
      }
      free(ybuf);
    }
    free(xs);
  }
  for (size_t i = 0; i < n; i++) limen_train_result_free(&runs[i].r);
  free(runs);
  limen_task_free(&task);
  return st;
}

int limen_cmd_train(int argc, char **argv) {
  cli_opt o[O_COUNT];
  train_options(o);
  cli_args args;
  cli_args_init(&args);
  limen_error err;
  limen_error_clear(&err);
  cli_buf out;
  cli_buf_init(&out);
  int status = cli_opts_parse(&doc, o, O_COUNT, argc, argv, &args, &err);
  if (status == CLI_HELP) {
    cli_args_free(&args);
    return CLI_OK;
  }
  if (status) goto fail;
  if (args.n_positional != 0) {
    status = limen_error_set(&err, LIMEN_EINVAL, "train", "unexpected argument '%s': options only (see --help)",
                             args.positional[0]);
    goto fail;
  }
  cli_format fmt = CLI_FORMAT_TABLE;
  if (o[O_FORMAT].set && (status = cli_parse_format(o[O_FORMAT].str, 0, &fmt, &err))) goto fail;
  const char *task = o[O_TASK].set ? o[O_TASK].str : "digits";
  if (o[O_VALUES].set && !o[O_EXPERIMENT].set) {
    status = limen_error_set(&err, LIMEN_EINVAL, "conflicting options", "--values needs --experiment window or barrier");
    goto fail;
  }
  int maxcut_task = strncmp(task, "maxcut-", 7) == 0;
  if (o[O_EXPERIMENT].set && strcmp(o[O_EXPERIMENT].str, "maxcut") == 0) {
    status = run_experiment(o, fmt, &out, &err);
  } else if (o[O_EXPERIMENT].set) {
    if (maxcut_task) {
      status = limen_error_set(&err, LIMEN_EINVAL, "conflicting options",
                               "--experiment %s applies to the training tasks (Max-Cut: --experiment maxcut)",
                               o[O_EXPERIMENT].str);
      goto fail;
    }
    if ((status = training_options(o, &err))) goto fail;
    status = run_experiment(o, fmt, &out, &err);
  } else if (maxcut_task) {
    status = run_maxcut(o, task + 7, fmt, &out, &err);
  } else {
    if ((status = training_options(o, &err))) goto fail;
    status = run_training(o, fmt, &out, &err);
  }
  if (status) goto fail;
  cli_args_free(&args);
  status = cli_emit("train", &out);
  cli_buf_free(&out);
  return status;
fail:
  cli_args_free(&args);
  cli_buf_free(&out);
  return cli_fail_err("train", &err);
}
