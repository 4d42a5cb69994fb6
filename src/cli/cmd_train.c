/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_train.c: `limen train` — train a model on real data with every parameter held in a
 * simulated physical memory cell (theory §6), or anneal a Max-Cut instance with
 * barrier-matched spins; report accuracy, heat, energy-to-solution and the bound.
 * This file: the options (their numbers from the library's input tables), single training runs
 * (limen_experiment_train, written by limen_train_json) and the dispatch; the experiments are in
 * train_experiments.c and train_scaling.c, Max-Cut in train_maxcut.c. */
#include <stdio.h>
#include <string.h>

#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/progress.h"
#include "cli/train_cli.h"

#define TASKS "digits,digits-mlp,breast-cancer,quadratic,maxcut-G1,maxcut-G11,maxcut-G14"
#define PARADIGMS "ideal,digital-static,analog-static,lim-fixed,lim-matched"

/* The option of a row; whole-number rows are integer options ("integers [1, 24]"). */
static cli_opt row_opt(const limen_input *t, size_t n, const char *name) {
  const limen_input *in = limen_input_find(t, n, name);
  cli_opt o = cli_opt_input(in);
  if (in->type != LIMEN_INPUT_DOUBLE) o.kind = CLI_OPT_LONG;
  return o;
}

/* An option read by the training runs (row `name` of t) and the Max-Cut anneals (of m): the
 * training row's, with the Max-Cut default (and, with `doc`, its doc) added where they differ. */
static cli_opt both_opt(const limen_input *t, size_t nt, const limen_input *m, size_t nm, const char *name, int doc,
                        char (*text)[160]) {
  cli_opt o = row_opt(t, nt, name);
  const limen_input *a = limen_input_find(t, nt, name), *b = limen_input_find(m, nm, name);
  size_t len = strlen(a->default_text);
  if (strcmp(a->default_text, b->default_text) != 0) {
    if (len && a->default_text[len - 1] == ')')
      snprintf(text[0], sizeof text[0], "%.*s, Max-Cut: %s)", (int)len - 1, a->default_text, b->default_text);
    else snprintf(text[0], sizeof text[0], "%s (Max-Cut: %s)", a->default_text, b->default_text);
    o.def = text[0];
  }
  if (doc && strcmp(a->doc, b->doc) != 0) {
    snprintf(text[1], sizeof text[1], "%s (Max-Cut: %s)", a->doc, b->doc);
    o.help = text[1];
  }
  return o;
}

/* The options: the numbers from the library's input tables (experiment, memory, Max-Cut). */
static void train_options(cli_opt *o) {
  static char texts[3][2][160], values_help[400];
  size_t ne, nm, nx;
  const limen_input *e = limen_experiment_inputs(&ne), *m = limen_memory_config_inputs(&nm);
  const limen_input *x = limen_experiment_maxcut_inputs(&nx);
  o[O_TASK] = cli_opt_str("task", CLI_OPT_STRING, "NAME", TASKS, "digits", "what to train (or anneal)");
  o[O_PARADIGM] = cli_opt_str("paradigm", CLI_OPT_STRING, "NAME", PARADIGMS, "lim-matched",
                              "memory paradigm holding the parameters (Max-Cut: lim-matched only)");
  o[O_WINDOW] = row_opt(e, ne, "window");
  o[O_STEPS] = both_opt(e, ne, x, nx, "steps", 1, texts[0]);
  o[O_BATCH] = row_opt(e, ne, "batch");
  o[O_LR] = row_opt(e, ne, "lr");
  o[O_SCHEDULE] = cli_opt_str("schedule", CLI_OPT_STRING, "KIND", "constant,inverse,cosine", "inverse",
                              "learning-rate schedule: constant, η0/(1 + t/t0), or cosine to η0/1000 at the last step");
  o[O_LR_T0] = row_opt(e, ne, "lr-t0");
  static const char *const mem[] = {"barrier", "barrier-low", "retention-barrier", "bits", "w-max", "hold", "tau0",
                                    "temperature"};
  for (size_t i = 0; i < sizeof mem / sizeof *mem; i++) o[O_BARRIER + i] = row_opt(m, nm, mem[i]);
  o[O_TARGET] = both_opt(e, ne, x, nx, "target", 1, texts[1]);
  o[O_SEED] = row_opt(e, ne, "seed");
  o[O_CELLS] = cli_opt_str("cells", CLI_OPT_STRING, "KIND", "jump,langevin", "jump",
                           "cell simulation: exact jump statistics, or Langevin dynamics of every cell "
                           "(lim-fixed, lim-matched; small cases only)");
  o[O_EVAL] = both_opt(e, ne, x, nx, "eval-every", 0, texts[2]);
  o[O_BETA0] = row_opt(x, nx, "beta0");
  o[O_BETA_END] = row_opt(x, nx, "beta-end");
  o[O_RISE] = row_opt(x, nx, "barrier-rise");
  o[O_EXPERIMENT] = cli_opt_str("experiment", CLI_OPT_STRING, "NAME", "paradigms,window,barrier,scaling,maxcut", NULL,
                                "run an experiment of docs/results.md: a table, and with --out its CSV and figures");
  /* the swept values take the range of the option they replace */
  char rw[64], rb[64];
  cli_opt_range_text(&o[O_WINDOW], rw, sizeof rw);
  cli_opt_range_text(&o[O_BARRIER], rb, sizeof rb);
  snprintf(values_help, sizeof values_help,
           "the swept values of --experiment window (each in %s, as --window) or barrier (each in %s, as "
           "--barrier-low of lim-fixed or --barrier of lim-matched); at most %d", rw, rb, LIMEN_EXPERIMENT_MAX_VALUES);
  o[O_VALUES] = cli_opt_str("values", CLI_OPT_LIST, "LIST", NULL, "window: 1e-8,...,1e-4; barrier: 3,4,...,16",
                            values_help);
  o[O_FORMAT] = cli_opt_format("table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "write trace.csv (loss, accuracy vs physical time and cumulative heat) and summary.json; "
                         "experiments and Max-Cut: their tables, traces and figures");
  o[O_FIGURE_FORMAT] = cli_opt_str("figure-format", CLI_OPT_STRING, "FMT", "png,svg,pdf", "png",
                                   "format of the figures under --out (experiments and Max-Cut)");
  o[O_RESUME] = cli_opt_resume(1);
  o[O_QUIET] = cli_opt_quiet();
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
    "--experiment runs an experiment of docs/results.md in one command (maxcut: G1, G11 and G14);\n"
    "started by mpirun (limen built with MPI), its runs are split over the processes, with the\n"
    "same result as one process bit for bit.  Every run reports its steps per second.\n"
    "With --out DIR an --experiment keeps a checkpoint after each run (each graph of maxcut):\n"
    "SIGINT or SIGTERM stops it after the current run (exit 130 or 143), and --resume continues.\n"
    "Options that the chosen task, paradigm, schedule or experiment does not use are rejected.",
    "examples:\n"
    "  limen train --task digits --paradigm lim-matched\n"
    "  limen train --task digits --paradigm digital-static --format json --out results/digits\n"
    "  limen train --task breast-cancer --paradigm lim-fixed --barrier-low 6 --window 1e-7\n"
    "  limen train --task maxcut-G1 --steps 1000\n"
    "  limen train --experiment maxcut --out results/maxcut\n"};

/* ---- options a run does not read (rejected: nothing is silently ignored) ------------------- */

/* The library's rules between the options given (limen_experiment_request_conflicts, _choices). */
static int check_request(const cli_opt *o, limen_error *err) {
  const char *given[O_COUNT];
  size_t n = 0;
  for (size_t i = 0; i < O_COUNT; i++)
    if (o[i].set) given[n++] = o[i].name;
  const limen_experiment_request r = {
      o[O_EXPERIMENT].set ? o[O_EXPERIMENT].str : NULL, o[O_TASK].set ? o[O_TASK].str : NULL,
      o[O_PARADIGM].set ? o[O_PARADIGM].str : NULL,     o[O_SCHEDULE].set ? o[O_SCHEDULE].str : NULL,
      o[O_HOLD].set ? o[O_HOLD].num : 0.0,              given,
      n};
  int st = limen_experiment_request_conflicts(&r, err);
  if (st) return cli_error_prefix(err, st, "conflicting options: --");
  st = limen_experiment_request_choices(&r, err);
  return st ? cli_error_prefix(err, st, "--") : LIMEN_OK;
}

/* ---- one training run ------------------------------------------------------------------------ */

static int run_training(cli_opt *o, cli_format fmt, cli_buf *out, limen_error *err) {
  limen_experiment_config c = limen_experiment_config_default();
  cli_train_apply_options(o, &c);
  limen_experiment_run run;
  int st = cli_train_langevin_refusal(limen_experiment_train(&c, &run, err), &run.setup, &c, err);
  if (st) return st;
  size_t n;
  const limen_field *f = limen_train_record_fields(&n);
  limen_train_record rec;
  limen_train_record_make(&run, &rec);
  const char *labels[64] = {NULL};
  for (size_t i = 0; i < n && i < 64; i++) {
    if (strcmp(f[i].key, "final_loss") == 0 && run.setup.model_kind == LIMEN_NET_QUADRATIC)
      labels[i] = "final suboptimality f - f*";
    else if (strcmp(f[i].key, "heat_stderr_J") == 0) labels[i] = "  standard error";
    else if (i && f[i].unit && strcmp(f[i].unit, "kT") == 0 && strcmp(f[i].doc, f[i - 1].doc) == 0) labels[i] = "";
  }
  char *json = NULL, title[128];
  snprintf(title, sizeof title, "%s in %s memory", rec.task, rec.paradigm);
  st = limen_train_json(&run, &json, err);
  if (!st) st = cli_train_render_record(title, f, n, &rec, labels, fmt, json, out, err);
  if (!st && o[O_OUT].set && cli_mpi_rank() == 0) { /* under mpirun every rank runs it; rank 0 writes */
    char *trace = NULL;
    st = cli_train_write_text(o[O_OUT].str, "trace.csv", limen_train_trace_csv(&run.result, &trace, err), &trace, err);
    if (!st) st = cli_write_file_atomic(o[O_OUT].str, "summary.json", json, err);
  }
  limen_free(json);
  limen_experiment_run_clear(&run);
  return st;
}

/* The checks every run shares, then the run the options select: an experiment, a Max-Cut anneal
 * or one training run. */
static int dispatch(cli_opt *o, cli_buf *out, limen_error *err) {
  int status;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (o[O_FORMAT].set && (status = cli_parse_format(o[O_FORMAT].str, 1, &fmt, err))) return status;
  if ((status = check_request(o, err))) return status;
  const char *task = o[O_TASK].set ? o[O_TASK].str : "digits";
  const char *exp = o[O_EXPERIMENT].set ? o[O_EXPERIMENT].str : NULL;
  if (o[O_RESUME].set && !exp)
    return cli_error(err, LIMEN_EINVAL, "--resume: applies to --experiment only (a single run keeps no checkpoint)");
  if (o[O_FIGURE_FORMAT].set) {
    if (!o[O_OUT].set || (!exp && strncmp(task, "maxcut-", 7) != 0))
      return cli_error(err, LIMEN_EINVAL, "--figure-format: figures are drawn by --experiment and the Max-Cut tasks "
                                          "with --out only");
    cli_train_figure_format(o[O_FIGURE_FORMAT].str);
  }
  if (exp && strcmp(exp, "maxcut") == 0) return cli_train_exp_maxcut(o, fmt, out, err);
  if (exp && strcmp(exp, "scaling") == 0) return cli_train_exp_scaling(o, fmt, out, err);
  if (exp) return cli_train_exp_sweep(o, fmt, out, err);
  if (strncmp(task, "maxcut-", 7) == 0) return cli_train_run_maxcut(o, task + 7, fmt, out, err);
  return run_training(o, fmt, out, err);
}

static cli_progress progress_;
cli_progress *cli_train_progress(void) { return &progress_; }

int limen_cmd_train(int argc, char **argv) {
  cli_opt o[O_COUNT];
  train_options(o);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  if (!status) status = cli_frame_no_positional(&f);
  cli_progress_start(&progress_, "train", o[O_QUIET].set);
  if (!status) status = dispatch(o, &f.out, &f.err);
  cli_progress_done(&progress_);
  return cli_frame_end(&f, status);
}
