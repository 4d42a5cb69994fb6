/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_simulate.c: `limen simulate` — run a memory-cell protocol with the Langevin ensemble
 * (langevin.h) or the Fokker–Planck solver (fokker_planck.h) and print the measured mean work
 * and heat next to the closed-form bound that applies (validate.h: limen_sim_summary_*).  This
 * file parses the options and speaks; what is measured and compared is the library's. */
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/bound_report.h"
#include "limen/fokker_planck.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
#include "limen/report.h"
#include "limen/units.h"
#include "limen/validate.h"

static const cli_command_doc doc = {
    "simulate",
    "--protocol NAME | --protocol-file FILE [--method langevin|fokker-planck] [--trajectories M]\n"
    "       [--dt S] [--seed K] [--threads T] [--format table|json] [--out DIR] [protocol parameters]",
    "Simulate one memory-cell protocol and measure what it dissipates: the mean work and heat\n"
    "(Sekimoto bookkeeping, theory section 5) with standard errors, the success probability,\n"
    "and the closed-form bound that applies to the same cell and duration (finite-time Landauer\n"
    "for erasure, theory (M), (S), (H), Schmiedl-Seifert W*, or the free-energy change).\n"
    "Units: energies in kT; lengths in a; times (--tau, --dt) in tau0 = gamma a^2/kT, or in\n"
    "seconds with an 's' suffix (e.g. --dt 2e-12s), converted with --tau0 (default 1 ns).\n"
    "--method fokker-planck solves the Fokker-Planck equation instead (noise-free means; the\n"
    "standard errors are then 0).  Protocols: erasure, erasure-optimal, modulated-write,\n"
    "static-write, hopping, trap-linear, trap-optimal, stiffness-change, hold; unset parameters\n"
    "take each protocol's defaults; a parameter that the chosen protocol does not use is rejected.\n"
    "--protocol hold --start X0 --passage B measures the mean first-passage time from X0 to B in\n"
    "the static cell next to the exact value (every trajectory must pass: --tau unset is 40 times\n"
    "the exact mean, and a run in which some did not pass fails).\n"
    "Started by mpirun (limen built with MPI), the Langevin ensemble is split over the\n"
    "processes, with the same result as one process bit for bit; rank 0 prints.",
    "examples:\n"
    "  limen simulate --protocol erasure --tau 20 --trajectories 4000\n"
    "  limen simulate --protocol trap-optimal --method fokker-planck --format json\n"
    "  limen simulate --protocol hold --barrier 5 --start -1 --passage 0 --trajectories 4000\n"
    "  limen simulate --protocol-file my.json --out results/\n"};

/* The options, in the order of the help: the choices and files, the Langevin run's inputs
 * (limen_langevin_inputs: run_opts[i] is row i), the ready-made protocol's (limen_protocol_inputs,
 * in the order of limen_protocol_arg, --tau first), the Fokker–Planck grid's (limen_fp_inputs),
 * and τ₀ and T (the bound inputs': the same cell). */
enum {
  O_PROTOCOL, O_FILE, O_METHOD, O_INTEGRATOR, O_TRAJ, O_DT, O_SEED, O_THREADS, O_FORMAT, O_OUT, O_PARAM,
  O_TAU = O_PARAM, O_PARAM_END = O_PARAM + LIMEN_PROTOCOL_ARG_COUNT, O_CELLS = O_PARAM_END, O_TAU0, O_TEMPERATURE,
  O_BINS, O_START, O_PASSAGE, O_COUNT
};
static const int run_opts[] = {O_TRAJ, O_DT, O_SEED, O_THREADS, O_BINS, O_START, O_PASSAGE};
#define N_RUN_OPTS (sizeof run_opts / sizeof run_opts[0])

/* The option of a row; whole-number rows are integer options (their range reads "integers"). */
static cli_opt opt_row(const limen_input *in) {
  cli_opt o = cli_opt_input(in);
  if (in->type != LIMEN_INPUT_DOUBLE) o.kind = CLI_OPT_LONG, o.integer = 0;
  return o;
}

/* A time option (--tau, --dt): text in τ₀, or in seconds with the suffix s; its help states
 * the row's range in τ₀ (`extra` appended inside the parentheses). */
static cli_opt opt_time(const limen_input *in, const char *extra, char *help, size_t n) {
  char r[96];
  limen_input_range_text(in, 0, r, sizeof r);
  snprintf(help, n, "%s in tau0, or in seconds with suffix s (range %s tau0%s)", in->doc, r, extra);
  cli_opt o = cli_opt_str(in->name, CLI_OPT_STRING, in->metavar, NULL, in->default_text, help);
  o.alias = in->alias;
  return o;
}

static void describe(cli_opt *o) {
  static char help_tau[192], help_dt[192];
  size_t n_run = 0;
  const limen_input *proto = limen_protocol_inputs(NULL), *run = limen_langevin_inputs(&n_run);
  for (int i = O_PARAM + 1; i < O_PARAM_END; i++) o[i] = opt_row(&proto[i - O_PARAM]);
  for (size_t i = 0; i < N_RUN_OPTS && i < n_run; i++) o[run_opts[i]] = opt_row(&run[i]);
  o[O_TAU] = opt_time(&proto[LIMEN_PROTOCOL_ARG_DURATION], "", help_tau, sizeof help_tau);
  o[O_DT] = opt_time(&run[1], ", at most the duration", help_dt, sizeof help_dt);
  o[O_CELLS] = opt_row(limen_fp_inputs(NULL));
  o[O_TAU0] = opt_row(limen_bound_input_row(LIMEN_BOUND_IN_TAU0));
  o[O_TEMPERATURE] = opt_row(limen_bound_input_row(LIMEN_BOUND_IN_TEMPERATURE));
  o[O_PROTOCOL] = cli_opt_str("protocol", CLI_OPT_STRING, "NAME", NULL, NULL, "ready-made protocol");
  o[O_FILE] = cli_opt_str("protocol-file", CLI_OPT_STRING, "FILE", NULL, NULL, "protocol in JSON (see protocol.h)");
  o[O_METHOD] = cli_opt_str("method", CLI_OPT_STRING, "M", "langevin,fokker-planck", "langevin", "simulation method");
  o[O_INTEGRATOR] = cli_opt_str("integrator", CLI_OPT_STRING, "I", "auto,euler,heun,ou", "auto",
                                "Langevin step (auto: exact OU for the harmonic trap, else Heun)");
  o[O_FORMAT] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,json", "table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "also write result.json and histograms / density CSV to DIR");
}

/* A bad-input error whose message starts with the option itself ("--tau = -1: ..."). */
static int opt_error(limen_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int opt_error(limen_error *err, const char *fmt, ...) {
  if (!err) return LIMEN_EINVAL;
  err->code = LIMEN_EINVAL;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->msg, sizeof err->msg, fmt, ap);
  va_end(ap);
  return LIMEN_EINVAL;
}

/* A time in τ₀ from "X" (τ₀) or "Xs" (seconds / τ₀), in the range of its row. */
static int parse_time(const cli_opt *o, const limen_input *in, double tau0_s, double *out, limen_error *err) {
  char buf[128], field[64];
  const char *text = o->str;
  size_t len = strlen(text);
  int seconds = len > 1 && text[len - 1] == 's';
  snprintf(field, sizeof field, "--%s", o->name);
  if (len >= sizeof buf) return opt_error(err, "%s = '%.20s...': too long", field, text);
  memcpy(buf, text, len + 1);
  if (seconds) buf[len - 1] = '\0';
  double v;
  if (cli_parse_double(field, buf, &v, err))
    return opt_error(err, "%s = '%s': expected a number (tau0) or a number with suffix s (seconds)", field, text);
  if (seconds) v /= tau0_s;
  if (!limen_input_in_range(in, v)) {
    char r[96];
    limen_input_range_text(in, 0, r, sizeof r);
    return opt_error(err, "%s = %s (%g tau0): allowed range %s tau0", field, text, v, r);
  }
  *out = v;
  return LIMEN_OK;
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
  char x[3][64];
  if (isnan(m->bound.value_kT)) {
    cli_buf_printf(b, "  bound         none applies to this protocol\n");
    return;
  }
  cli_buf_printf(b, "  bound         %12s kT   (%s %s, on the mean %s", cli_human(x[0], 64, m->bound.value_kT, 6),
                 m->bound.name, m->bound.relation, m->bound.quantity);
  if (!isnan(m->bound.success_used)) cli_buf_printf(b, ", P_s = %s", cli_human(x[1], 64, m->bound.success_used, 5));
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

/* The runs' results, which --out writes as CSV. */
typedef struct runs {
  limen_langevin_result lr;
  limen_fp_result fr;
} runs;

/* A CSV made by fn(what) into dir/name. */
static int write_csv(const char *dir, const char *name, int (*fn)(const void *, char **, limen_error *),
                     const void *what, limen_error *err) {
  char *csv = NULL;
  int st = fn(what, &csv, err);
  if (!st) st = cli_write_file_atomic(dir, name, csv, err);
  limen_free(csv);
  return st;
}
static int hist_csv(const void *h, char **t, limen_error *e) { return limen_histogram_csv(h, t, e); }
static int density_csv(const void *r, char **t, limen_error *e) { return limen_fp_density_csv(r, t, e); }

/* --out DIR: result.json, and the density (Fokker–Planck) or the work and heat histograms. */
static int write_out(const char *dir, const limen_sim_report *s, const runs *r, const char *json, limen_error *err) {
  int st = cli_write_file_atomic(dir, "result.json", json, err);
  if (st) return st;
  if (s->has & LIMEN_SIM_HAS_FP) return write_csv(dir, "density.csv", density_csv, &r->fr, err);
  if (r->lr.work_hist && (st = write_csv(dir, "work_hist.csv", hist_csv, r->lr.work_hist, err))) return st;
  if (r->lr.heat_hist && (st = write_csv(dir, "heat_hist.csv", hist_csv, r->lr.heat_hist, err))) return st;
  return LIMEN_OK;
}

/* The report as JSON (the library's), written to --out (rank 0 only under MPI) and printed in
 * the chosen format. */
static int emit(const cli_opt *o, const limen_sim_report *s, const runs *r, cli_format fmt, cli_buf *out,
                limen_error *err) {
  char *json = NULL;
  int st = limen_sim_report_json(s, &json, err);
  if (!st && o[O_OUT].set && cli_mpi_rank() == 0) st = write_out(o[O_OUT].str, s, r, json, err);
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) cli_buf_puts(out, json);
    else table(s, out);
    st = cli_buf_check(out, err);
  }
  limen_free(json);
  return st;
}

/* ---- the progress bar on stderr ---------------------------------------------------------
 * Drawn only when stderr is a terminal and the run has taken a second, from the engines'
 * progress callbacks (which they call one at a time). */
typedef struct bar {
  int tty;   /* stderr is a terminal: draw at all */
  double t0; /* start (omp_get_wtime)             */
  int shown; /* drawn at least once               */
} bar;

static void bar_draw(void *ctx, double frac) {
  bar *b = ctx;
  double el = omp_get_wtime() - b->t0;
  if (!b->tty || (el < 1.0 && !b->shown)) return;
  b->shown = 1;
  int w = 40, k = (int)(fmin(frac, 1.0) * w);
  char s[64];
  memset(s, '#', (size_t)k);
  memset(s + k, '.', (size_t)(w - k));
  s[w] = '\0';
  fprintf(stderr, "\rlimen simulate: [%s] %3.0f%% %.1f s", s, 100.0 * fmin(frac, 1.0), el);
  fflush(stderr);
}

static void bar_clear(const bar *b) {
  if (b->shown) fprintf(stderr, "\r%72s\r", "");
}

/* ---- the command ------------------------------------------------------------------------- */

/* "NAME, NAME, ...": the ready-made protocols that read field `arg`. */
static void users_of(limen_protocol_arg arg, char *buf, size_t n) {
  buf[0] = '\0';
  for (const char *const *p = limen_protocol_names(); *p; p++) {
    unsigned mask;
    if (limen_protocol_args_used(*p, &mask, NULL) || !(mask & LIMEN_PROTOCOL_ARG_MASK(arg))) continue;
    if (buf[0]) strncat(buf, ", ", n - strlen(buf) - 1);
    strncat(buf, *p, n - strlen(buf) - 1);
  }
}

static int unknown_protocol(const char *name, limen_error *err) {
  limen_error_clear(err);
  char names[512] = "";
  for (const char *const *n = limen_protocol_names(); *n; n++) {
    if (names[0]) strncat(names, ", ", sizeof names - strlen(names) - 1);
    strncat(names, *n, sizeof names - strlen(names) - 1);
  }
  opt_error(err, "--protocol = '%s': allowed %s", name, names);
  err->code = LIMEN_ENOTFOUND;
  return LIMEN_ENOTFOUND;
}

/* One run: the configurations read from the options, the protocol, the results, the report. */
typedef struct sim {
  limen_langevin_config lc;
  limen_fp_config fc;
  double tau0_s, T, exact_passage, mean_passage, se_passage;
  unsigned has; /* LIMEN_SIM_HAS_* */
  cli_format fmt;
  limen_protocol *proto;
  runs r;
  limen_sim_summary summary;
  bar pb;
} sim;

/* The protocol's inputs given on the command line, into a (checked against the uses of `name`). */
static int protocol_params(const cli_opt *o, const char *name, double tau0, limen_protocol_args *a,
                           limen_error *err) {
  const limen_input *rows = limen_protocol_inputs(NULL);
  unsigned uses = 0;
  if (limen_protocol_args_default(name, a, err) || limen_protocol_args_used(name, &uses, err))
    return unknown_protocol(name, err);
  for (int i = 0; i < LIMEN_PROTOCOL_ARG_COUNT; i++) {
    const cli_opt *p = &o[O_PARAM + i];
    if (!p->set) continue;
    if (!(uses & LIMEN_PROTOCOL_ARG_MASK(i))) {
      char users[256];
      users_of((limen_protocol_arg)i, users, sizeof users);
      return opt_error(err, "--%s is not used by --protocol %s (it applies to %s)", p->name, name, users);
    }
    if (i == LIMEN_PROTOCOL_ARG_DURATION) {
      int st = parse_time(p, &rows[i], tau0, &a->duration, err);
      if (st) return st;
    } else {
      limen_input_set(&rows[i], a, p->num);
    }
  }
  return LIMEN_OK;
}

static int build_protocol(const cli_opt *o, double tau0, limen_protocol **proto, limen_error *err) {
  if (o[O_PROTOCOL].set && o[O_FILE].set)
    return opt_error(err, "--protocol conflicts with --protocol-file: give one of them");
  if (!o[O_PROTOCOL].set && !o[O_FILE].set)
    return opt_error(err, "--protocol: missing: give --protocol NAME or --protocol-file FILE");
  if (o[O_FILE].set) {
    for (int i = O_PARAM; i < O_PARAM_END; i++)
      if (o[i].set) return opt_error(err, "--%s applies to --protocol NAME only (edit the protocol file instead)", o[i].name);
    int st = limen_protocol_load(o[O_FILE].str, proto, err);
    if (st == LIMEN_EIO) err->code = st = LIMEN_EINVAL; /* an unreadable --protocol-file is bad input */
    return st;
  }
  limen_protocol_args a;
  int st = protocol_params(o, o[O_PROTOCOL].str, tau0, &a, err);
  return st ? st : limen_protocol_alloc_named(o[O_PROTOCOL].str, &a, proto, err);
}

/* --passage: the exact mean first-passage time beside the measured one, and an unset --tau
 * becomes the run the library plans for it (limen_passage_plan: every trajectory must pass). */
static int passage_plan(const cli_opt *o, sim *s, limen_error *err) {
  const double x0 = s->lc.x0, b = s->lc.passage_x;
  if (!(b > x0)) return opt_error(err, "--passage = %g: allowed range (%g, 5] a (above --start = %g)", b, x0, x0);
  const limen_protocol_args a = s->proto->args;
  double lt = 0.0, duration = 0.0;
  int st = limen_passage_plan(a.barrier_kT, x0, b, &lt, &duration, err);
  if (st) return limen_error_wrap(err, st, "simulate", "exact mean first-passage time");
  if (lt > log(1e12 / LIMEN_PASSAGE_RUN_FACTOR))
    return opt_error(err, "--barrier = %g: the mean first-passage time from %g to %g is exp(%.4g) tau0, too long to "
                     "simulate (%g times it exceeds 1e12 tau0)", a.barrier_kT, x0, b, lt, LIMEN_PASSAGE_RUN_FACTOR);
  s->exact_passage = exp(lt);
  if (o[O_TAU].set) return LIMEN_OK;
  limen_protocol_free(s->proto);
  s->proto = NULL;
  return limen_protocol_alloc_hold(a.barrier_kT, a.bit, duration, &s->proto, err);
}

/* --start and --passage (the hold protocol only; --passage needs --start and the Langevin method). */
static int passage_options(const cli_opt *o, sim *s, limen_error *err) {
  if (!o[O_START].set && !o[O_PASSAGE].set) return LIMEN_OK;
  const int which = o[O_PASSAGE].set ? O_PASSAGE : O_START;
  if (strcmp(s->proto->kind, "hold") != 0 || !o[O_PROTOCOL].set)
    return opt_error(err, "--%s applies to --protocol hold only", o[which].name);
  if (o[O_PASSAGE].set && (s->has & LIMEN_SIM_HAS_FP))
    return opt_error(err, "--passage applies to --method langevin only");
  if (o[O_PASSAGE].set && !o[O_START].set)
    return opt_error(err, "--passage needs --start X0 (the point every trajectory starts from)");
  s->has |= LIMEN_SIM_HAS_START;
  s->lc.init = s->fc.init = LIMEN_INIT_FIXED;
  s->fc.x0 = s->lc.x0;
  if (!o[O_PASSAGE].set) return LIMEN_OK;
  s->has |= LIMEN_SIM_HAS_PASSAGE;
  s->lc.record |= LIMEN_RECORD_PASSAGE;
  s->lc.stop_at_passage = 1;
  return passage_plan(o, s, err);
}

/* Options that only one method reads. */
static int method_options(const cli_opt *o, int fp, limen_error *err) {
  static const int lonly[] = {O_TRAJ, O_SEED, O_THREADS, O_INTEGRATOR, O_BINS};
  for (size_t i = 0; fp && i < sizeof lonly / sizeof lonly[0]; i++)
    if (o[lonly[i]].set) return opt_error(err, "--%s applies to --method langevin only", o[lonly[i]].name);
  if (!fp && o[O_CELLS].set) return opt_error(err, "--cells applies to --method fokker-planck only");
  if (!fp && o[O_BINS].set && !o[O_OUT].set)
    return opt_error(err, "--bins applies with --out only (the histogram files it writes)");
  return LIMEN_OK;
}

static int run_fp(sim *s, limen_error *err) {
  s->fc.progress = bar_draw;
  s->fc.progress_ctx = &s->pb;
  int st = limen_fp_run(&s->fc, NULL, s->proto, &s->r.fr, err);
  bar_clear(&s->pb);
  return st ? st : limen_sim_summary_fp(s->proto, &s->r.fr, &s->summary, err);
}

static int run_langevin(const cli_opt *o, sim *s, limen_error *err) {
  limen_langevin_config *c = &s->lc;
  limen_langevin_result *lr = &s->r.lr;
  c->integrator = limen_integrator_type_auto(s->proto->potential);
  int st = o[O_INTEGRATOR].set && strcmp(o[O_INTEGRATOR].str, "auto") != 0
               ? limen_integrator_type_find(o[O_INTEGRATOR].str, &c->integrator, err)
               : LIMEN_OK;
  if (st) return st;
  c->progress = bar_draw;
  c->progress_ctx = &s->pb;
  st = cli_langevin_run(c, s->proto, lr, err); /* over MPI ranks, if any */
  bar_clear(&s->pb);
  if (st) return st;
  if ((st = limen_sim_summary_langevin(s->proto, lr, &s->summary, err)) || !(s->has & LIMEN_SIM_HAS_PASSAGE))
    return st;
  if (lr->n_passed < lr->n_traj)
    return opt_error(err, "--tau = %g tau0: %zu of %zu trajectories did not pass --passage %g (exact mean "
                     "first-passage time %.6g tau0), and the mean over the others would be biased: raise --tau "
                     "(unset, it is %g times the exact mean)", lr->duration, lr->n_traj - lr->n_passed, lr->n_traj,
                     c->passage_x, s->exact_passage, LIMEN_PASSAGE_RUN_FACTOR);
  return limen_langevin_passage_stats(lr, &s->mean_passage, &s->se_passage, err);
}

/* The numeric options into the configurations (defaults: the library's rows). */
static void read_numbers(const cli_opt *o, sim *s) {
  const limen_input *run = limen_langevin_inputs(NULL);
  s->lc = limen_langevin_config_default();
  s->fc = limen_fp_config_default();
  for (size_t i = 0; i < N_RUN_OPTS; i++)
    if (run_opts[i] != O_DT && o[run_opts[i]].set) limen_input_set(&run[i], &s->lc, o[run_opts[i]].num);
  if (o[O_CELLS].set) limen_input_set(limen_fp_inputs(NULL), &s->fc, o[O_CELLS].num);
  s->tau0_s = o[O_TAU0].set ? o[O_TAU0].num : limen_bound_input_row(LIMEN_BOUND_IN_TAU0)->default_value;
  s->T = o[O_TEMPERATURE].set ? o[O_TEMPERATURE].num : limen_bound_input_row(LIMEN_BOUND_IN_TEMPERATURE)->default_value;
  if (o[O_OUT].set) s->lc.record = LIMEN_RECORD_HISTOGRAMS;
}

/* The run settings from the options, the protocol, and the checks between them. */
static int setup(const cli_opt *o, sim *s, limen_error *err) {
  read_numbers(o, s);
  int fp = o[O_METHOD].set && strcmp(o[O_METHOD].str, "fokker-planck") == 0;
  s->has = fp ? LIMEN_SIM_HAS_FP : LIMEN_SIM_HAS_LANGEVIN;
  int st = LIMEN_OK;
  if (o[O_FORMAT].set && (st = cli_parse_format(o[O_FORMAT].str, 0, &s->fmt, err))) return st;
  if (o[O_DT].set && (st = parse_time(&o[O_DT], &limen_langevin_inputs(NULL)[1], s->tau0_s, &s->lc.dt, err)))
    return st;
  s->fc.dt = s->lc.dt;
  if ((st = method_options(o, fp, err)) || (st = build_protocol(o, s->tau0_s, &s->proto, err)) ||
      (st = passage_options(o, s, err)))
    return st;
  double tau = limen_protocol_duration(s->proto);
  if (s->lc.dt > tau && tau > 0)
    return opt_error(err, "--dt = %g tau0: allowed range (0, %g] tau0 (the protocol duration)", s->lc.dt, tau);
  return LIMEN_OK;
}

/* The library's report of the run. */
static void report(const sim *s, limen_sim_report *r) {
  limen_sim_report_init(r, s->proto, s->T, s->tau0_s);
  if (s->has & LIMEN_SIM_HAS_FP) limen_sim_report_fp(r, &s->r.fr);
  else limen_sim_report_langevin(r, &s->lc, &s->r.lr);
  r->has |= s->has;
  r->summary = s->summary;
  r->start_x = s->lc.x0;
  r->passage_x = s->lc.passage_x;
  r->exact_passage_tau0 = s->exact_passage;
  r->mean_passage_tau0 = s->mean_passage;
  r->stderr_passage_tau0 = s->se_passage;
  r->wall_seconds = omp_get_wtime() - s->pb.t0;
  limen_sim_report_finish(r);
}

int limen_cmd_simulate(int argc, char **argv) {
  cli_opt o[O_COUNT];
  describe(o);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  static sim s; /* large: not on the stack */
  memset(&s, 0, sizeof s);
  s.pb = (bar){isatty(fileno(stderr)), omp_get_wtime(), 0};
  s.fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status) status = setup(o, &s, &f.err);
  if (!status) status = (s.has & LIMEN_SIM_HAS_FP) ? run_fp(&s, &f.err) : run_langevin(o, &s, &f.err);
  if (!status) {
    limen_sim_report r;
    report(&s, &r);
    status = emit(o, &r, &s.r, s.fmt, &f.out, &f.err);
  }
  limen_langevin_result_clear(&s.r.lr);
  limen_fp_result_clear(&s.r.fr);
  limen_protocol_free(s.proto);
  return cli_frame_end(&f, status);
}
