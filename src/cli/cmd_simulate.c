/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_simulate.c: `limen simulate` — one call of the library (simulate.h, limen_simulate_run:
 * the protocol, the rules between the inputs, either engine, the report) with the options as
 * its inputs (limen_simulate_inputs); this file parses the options, shows the progress
 * (progress.h) and prints the report (the library's JSON, or a table) and the files of --out. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/progress.h"
#include "limen/report.h"
#include "limen/simulate.h"
#include "limen/units.h"

static const cli_command_doc doc = {
    "simulate",
    "--protocol NAME | --protocol-file FILE [--method langevin|fokker-planck]\n"
    "       [--trajectories M] [--dt S] [--seed K] [--threads T] [--format table|csv|json]\n"
    "       [--out DIR [--resume]] [protocol parameters]",
    "Simulate one memory-cell protocol and measure what it dissipates: the mean work and heat\n"
    "(Sekimoto bookkeeping, theory section 5) with standard errors, the success probability,\n"
    "and the closed-form bound that applies to the same cell and duration (finite-time Landauer\n"
    "for erasure, theory (M), (S), (H), Schmiedl-Seifert W*, or the free-energy change; a\n"
    "protocol file between two-well potentials: generalized Landauer from the wells' occupations).\n"
    "Units: energies in kT; lengths in a; times (--tau, --dt) as in every command, in seconds or\n"
    "with a unit (20ns), or in cell time with the unit tau0 = gamma a^2/kT (--tau 20tau0); the\n"
    "run counts in tau0, converted with --tau0 (default 1 ns).\n"
    "--method fokker-planck solves the Fokker-Planck equation instead (noise-free means; the\n"
    "standard errors are then 0).  Protocols: erasure, erasure-optimal, modulated-write,\n"
    "static-write, hopping, trap-linear, trap-optimal, stiffness-change, hold; unset parameters\n"
    "take each protocol's defaults; a parameter that the chosen protocol does not use is rejected.\n"
    "--protocol hold --start X0 --passage B measures the mean first-passage time from X0 to B in\n"
    "the static cell next to the exact value (every trajectory must pass: --tau unset is 40 times\n"
    "the exact mean, and a run in which some did not pass fails).\n"
    "Started by mpirun (limen built with MPI), the Langevin ensemble is split over the\n"
    "processes, with the same result as one process bit for bit; rank 0 prints.\n"
    "With --out DIR a run keeps a checkpoint in DIR (checkpoint.txt, after blocks of trajectories\n"
    "or of time steps); SIGINT or SIGTERM stops it after the current block (exit 130 or 143), and\n"
    "the same command with --resume continues it to the result of an uninterrupted run.",
    "examples:\n"
    "  limen simulate --protocol erasure --tau 20tau0 --trajectories 4000\n"
    "  limen simulate --protocol trap-optimal --method fokker-planck --format json\n"
    "  limen simulate --protocol hold --barrier 5 --start -1 --passage 0 --trajectories 4000\n"
    "  limen simulate --protocol-file my.json --out results/\n"};

/* The options, in the order of the help: the choices and files, then the inputs of the run
 * (limen_simulate_inputs: row_of[option] is its row, −1 for none). */
enum {
  O_PROTOCOL, O_FILE, O_METHOD, O_INTEGRATOR, O_TRAJ, O_DT, O_SEED, O_THREADS, O_FORMAT, O_OUT, O_RESUME, O_QUIET,
  O_PARAM,
  O_TAU = O_PARAM, O_PARAM_END = O_PARAM + LIMEN_PROTOCOL_ARG_COUNT, O_CELLS = O_PARAM_END, O_TAU0, O_TEMPERATURE,
  O_BINS, O_START, O_PASSAGE, O_MAX_WORK, O_COUNT
};
static int row_of(int opt) {
  static const int rows[] = {[O_TRAJ] = LIMEN_SIMULATE_IN_TRAJECTORIES, [O_DT] = LIMEN_SIMULATE_IN_DT,
                             [O_SEED] = LIMEN_SIMULATE_IN_SEED, [O_THREADS] = LIMEN_SIMULATE_IN_THREADS,
                             [O_CELLS] = LIMEN_SIMULATE_IN_CELLS, [O_TAU0] = LIMEN_SIMULATE_IN_TAU0,
                             [O_TEMPERATURE] = LIMEN_SIMULATE_IN_TEMPERATURE, [O_BINS] = LIMEN_SIMULATE_IN_BINS,
                             [O_START] = LIMEN_SIMULATE_IN_START, [O_PASSAGE] = LIMEN_SIMULATE_IN_PASSAGE,
                             [O_MAX_WORK] = LIMEN_SIMULATE_IN_MAX_WORK};
  if (opt >= O_PARAM && opt < O_PARAM_END) return opt - O_PARAM;
  return opt < O_COUNT && rows[opt] ? rows[opt] : -1;
}

/* The option of a row; whole-number rows are integer options (their range reads "integers"). */
static cli_opt opt_row(const limen_input *in) {
  cli_opt o = cli_opt_input(in);
  if (in->type != LIMEN_INPUT_DOUBLE) o.kind = CLI_OPT_LONG, o.integer = 0;
  return o;
}

/* A time option (--tau, --dt): a duration in seconds, with a time unit, or in cell time
 * (tau0); its help states the row's range and default, both in τ₀ (`extra` appended inside the
 * parentheses; the unit written after the default's leading number). */
static cli_opt opt_time(const limen_input *in, const char *extra, char *help, size_t n, char *def, size_t n_def) {
  char r[96];
  limen_input_range_text(in, 0, r, sizeof r);
  snprintf(help, n, "%s: seconds, or with a unit: 20ns, 20tau0 (range %s tau0%s)", in->doc, r, extra);
  size_t lead = limen_number_prefix(in->default_text);
  snprintf(def, n_def, "%.*stau0%s", (int)lead, in->default_text, in->default_text + lead);
  cli_opt o = cli_opt_str(in->name, CLI_OPT_STRING, in->metavar, NULL, def, help);
  o.alias = in->alias;
  return o;
}

static void describe(cli_opt *o) {
  static char help_tau[192], help_dt[192], def_tau[128], def_dt[64];
  const limen_input *rows = limen_simulate_inputs(NULL);
  for (int i = 0; i < O_COUNT; i++)
    if (row_of(i) >= 0) o[i] = opt_row(&rows[row_of(i)]);
  o[O_TAU] = opt_time(&rows[LIMEN_SIMULATE_IN_TAU], "", help_tau, sizeof help_tau, def_tau, sizeof def_tau);
  o[O_DT] = opt_time(&rows[LIMEN_SIMULATE_IN_DT], ", at most the duration", help_dt, sizeof help_dt, def_dt,
                     sizeof def_dt);
  o[O_PROTOCOL] = cli_opt_str("protocol", CLI_OPT_STRING, "NAME", NULL, NULL, "ready-made protocol");
  o[O_FILE] = cli_opt_str("protocol-file", CLI_OPT_STRING, "FILE", NULL, NULL, "protocol in JSON (format: docs/simulation.md; examples/protocols/)");
  o[O_METHOD] = cli_opt_str("method", CLI_OPT_STRING, "M", "langevin,fokker-planck", "langevin", "simulation method");
  o[O_INTEGRATOR] = cli_opt_str("integrator", CLI_OPT_STRING, "I", "auto,euler,heun,ou", "auto",
                                "Langevin step (auto: exact OU for the harmonic trap, else Heun)");
  o[O_FORMAT] = cli_opt_format("table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "also write result.json, .csv, .txt and histograms / density CSV to DIR");
  o[O_RESUME] = cli_opt_resume(0);
  o[O_QUIET] = cli_opt_quiet();
}

/* The table of the report: the library's report (limen_sim_report) in words. */
static void table_head(const limen_sim_report *s, cli_buf *b) {
  char x[2][64];
  const limen_sim_summary *m = &s->summary;
  cli_buf_printf(b, "protocol   %s (%s, potential %s), tau = %s tau0 = %s s\n", s->protocol, s->kind, s->potential,
                 cli_human(x[0], 64, m->duration, 5), cli_human(x[1], 64, s->duration_s, 4));
  if (s->has & LIMEN_SIM_HAS_FP)
    cli_buf_printf(b, "method     fokker-planck, %zu cells (dx = %s a), dt = %s tau0, %zu steps\n", s->grid_cells,
                   cli_human(x[0], 64, s->grid_dx, 3), cli_human(x[1], 64, m->dt, 4), m->steps);
  else
    cli_buf_printf(b, "method     langevin (%s), %zu trajectories, dt = %s tau0, %zu steps, seed %ld\n",
                   s->integrator, s->trajectories, cli_human(x[1], 64, m->dt, 4), m->steps, s->seed);
  cli_buf_printf(b, "\n");
}

static void table_bound(const limen_sim_summary *m, cli_buf *b) {
  char x[4][64];
  if (isnan(m->bound.value_kT)) {
    cli_buf_printf(b, "  bound         none applies to this protocol\n");
    return;
  }
  cli_buf_printf(b, "  bound         %12s kT   (%s %s, on the mean %s", cli_human(x[0], 64, m->bound.value_kT, 6),
                 m->bound.name, m->bound.relation, m->bound.quantity);
  if (!isnan(m->bound.success_used)) cli_buf_printf(b, ", P_s = %s", cli_human(x[1], 64, m->bound.success_used, 5));
  if (!isnan(m->bound.information_kT)) /* coarse-grained-landauer: the wells, the bound's error */
    cli_buf_printf(b, ")\n  left well     %12s -> %s   (information %s kT; bound +- %s kT",
                   cli_human(x[0], 64, m->bound.occupation_initial, 5), cli_human(x[1], 64, m->bound.occupation_final, 5),
                   cli_human(x[2], 64, m->bound.information_kT, 5), cli_human(x[3], 64, m->bound.stderr_kT, 2));
  cli_buf_printf(b, ")\n  %s - bound  %12s kT", m->bound.quantity, cli_human(x[2], 64, m->bound_gap_kT, 4));
  if (!isnan(m->bound_gap_z)) cli_buf_printf(b, "   (%+.2f standard errors)", m->bound_gap_z);
  cli_buf_printf(b, "\n");
}

static void table(const limen_sim_report *s, cli_buf *b) {
  char x[5][64];
  const limen_sim_summary *m = &s->summary;
  table_head(s, b);
  cli_buf_printf(b, "  mean work     %12s +- %-10s kT   (%s J at %g K)\n", cli_human(x[0], 64, m->mean_work, 6),
                 cli_human(x[1], 64, m->stderr_work, 2), cli_human(x[2], 64, s->mean_work_J, 4), s->temperature_K);
  cli_buf_printf(b, "  mean heat     %12s +- %-10s kT   (%s J)\n", cli_human(x[0], 64, m->mean_heat, 6),
                 cli_human(x[1], 64, m->stderr_heat, 2), cli_human(x[2], 64, s->mean_heat_J, 4));
  cli_buf_printf(b, "  mean dU       %12s +- %-10s kT\n", cli_human(x[0], 64, m->mean_dU, 6),
                 cli_human(x[1], 64, m->stderr_dU, 2));
  cli_buf_printf(b, "  success       %12s +- %-10s\n", cli_human(x[0], 64, m->success, 6),
                 cli_human(x[1], 64, m->stderr_success, 2));
  table_bound(m, b);
  if (!isnan(m->bound.landauer_kT))
    cli_buf_printf(b, "  landauer      %12s kT   (generalized, for the same P_s)\n",
                   cli_human(x[0], 64, m->bound.landauer_kT, 6));
  cli_buf_printf(b, "  first law     %12s kT   (largest |dU - (W - Q)|)\n", cli_human(x[0], 64, m->first_law_residual, 2));
  if (s->has & LIMEN_SIM_HAS_PASSAGE)
    cli_buf_printf(b, "  passage       %12s +- %-10s tau0 (%s -> %s a, %zu passed; exact %s tau0, %+.2f standard errors)\n",
                   cli_human(x[0], 64, s->mean_passage_tau0, 6), cli_human(x[1], 64, s->stderr_passage_tau0, 2),
                   cli_human(x[2], 64, s->start_x, 4), cli_human(x[3], 64, s->passage_x, 4), s->passed,
                   cli_human(x[4], 64, s->exact_passage_tau0, 6), s->passage_z);
}

/* --out DIR: the library's files of the run (result.json, histograms or density). */
static int write_out(const char *dir, const limen_simulate_result *r, limen_error *err) {
  limen_out_file files[LIMEN_SIM_FILES_MAX];
  size_t n = 0;
  int st = limen_sim_files(r, files, &n, err);
  for (size_t i = 0; !st && i < n; i++) st = cli_write_file_atomic(dir, files[i].name, files[i].text, err);
  limen_sim_files_clear(files, n);
  return st;
}

static int render(const void *ctx, cli_format fmt, cli_buf *out, limen_error *err) {
  const limen_simulate_result *r = ctx;
  if (fmt == CLI_FORMAT_TABLE) {
    table(&r->report, out);
    return cli_buf_check(out, err);
  }
  char *json = NULL; /* the library's JSON, or its CSV (the report as one row) */
  int st = limen_sim_report_json(&r->report, &json, err);
  if (!st) st = cli_machine_text(json, NULL, fmt, out, err);
  limen_free(json);
  return st;
}

/* The files of --out (rank 0 only under MPI): the library's (result.json, histograms or
 * density) and the report as result.txt and result.csv; the report printed in the chosen format. */
static int emit(const cli_opt *o, const limen_simulate_result *r, cli_format fmt, cli_buf *out, limen_error *err) {
  const char *dir = o[O_OUT].set && cli_mpi_rank() == 0 ? o[O_OUT].str : NULL;
  int st = dir ? write_out(dir, r, err) : LIMEN_OK;
  unsigned txt_csv = 1u << CLI_FORMAT_TABLE | 1u << CLI_FORMAT_CSV;
  return st ? st : cli_render_some(dir, "result", txt_csv, fmt, render, r, out, err);
}

/* ---- the command ------------------------------------------------------------------------- */

/* A run refused by the work cap after --tau was given as a bare number (seconds): say so, since
 * a number meant as cell time is the likely cause ("--tau 20" is 20 s, 2e10 τ₀ at 1 ns). */
static void hint_seconds(const cli_opt *o, limen_error *err) {
  const cli_opt *t = &o[O_TAU];
  if (strcmp(err->field, "max-work") != 0 || !t->set || limen_number_prefix(t->str) != strlen(t->str)) return;
  size_t n = strlen(err->msg);
  snprintf(err->msg + n, sizeof err->msg - n, " (--tau %s is in seconds; cell time takes the unit: --tau %stau0)",
           t->str, t->str);
}

/* The options into the run's inputs: τ₀ first (times in seconds are converted with it), then
 * every other input given; the strings as they are. */
static int read_options(const cli_opt *o, limen_simulate_config *c, cli_progress *pb, limen_error *err) {
  const limen_input *rows = limen_simulate_inputs(NULL);
  for (int k = -1; k < O_COUNT; k++) {
    const int i = k < 0 ? O_TAU0 : k, r = row_of(i);
    if (r < 0 || !o[i].set || (k >= 0 && i == O_TAU0)) continue;
    int st = i == O_TAU || i == O_DT ? limen_simulate_config_set_text(c, rows[r].name, o[i].str, err)
                                     : limen_simulate_config_set(c, rows[r].name, o[i].num, err);
    if (st) return cli_error_prefix(err, st, "--");
  }
  c->protocol = o[O_PROTOCOL].set ? o[O_PROTOCOL].str : NULL;
  c->protocol_file = o[O_FILE].set ? o[O_FILE].str : NULL;
  c->method = o[O_METHOD].set ? o[O_METHOD].str : NULL;
  c->integrator = o[O_INTEGRATOR].set ? o[O_INTEGRATOR].str : NULL;
  c->keep_files = o[O_OUT].set;
  c->progress = cli_progress_fn;
  c->progress_ctx = pb;
  return LIMEN_OK;
}

int limen_cmd_simulate(int argc, char **argv) {
  cli_opt o[O_COUNT];
  describe(o);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  limen_simulate_config c = limen_simulate_config_default();
  limen_simulate_result r;
  memset(&r, 0, sizeof r);
  cli_progress pb;
  cli_progress_start(&pb, "simulate", o[O_QUIET].set || cli_mpi_rank() != 0);
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status && o[O_FORMAT].set) status = cli_parse_format(o[O_FORMAT].str, 1, &fmt, &f.err);
  if (!status) status = read_options(o, &c, &pb, &f.err);
  limen_run_control ctl = {0};
  limen_checkpoint ck;
  limen_checkpoint_init(&ck);
  if (!status) status = cli_resume_begin(&ctl, &ck, o[O_OUT].set ? o[O_OUT].str : NULL, o[O_RESUME].set, &f.err);
  if (!status) {
    status = limen_simulate_run_ctl(&c, cli_mpi_comm(), ctl.checkpoint ? &ctl : NULL, &r, &f.err);
    cli_progress_done(&pb);
    if (status) hint_seconds(o, &f.err);
    if (status) cli_error_input(&f.err);
  }
  status = cli_resume_end(&ck, status, &f.err);
  if (!status) status = emit(o, &r, fmt, &f.out, &f.err);
  limen_simulate_result_clear(&r);
  return cli_frame_end(&f, status);
}
