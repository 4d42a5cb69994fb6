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
#include "cli/fields.h"
#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/fokker_planck.h"
#include "limen/langevin.h"
#include "limen/protocol.h"
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

enum {
  O_PROTOCOL, O_FILE, O_METHOD, O_INTEGRATOR, O_TRAJ, O_DT, O_SEED, O_THREADS, O_FORMAT, O_OUT, O_TAU, O_BARRIER,
  O_BARRIER_LOW, O_TILT, O_BIT, O_SUCCESS, O_LEVELS, O_START_LEVEL, O_HOP_LEVELS, O_STIFFNESS, O_STIFFNESS_FINAL,
  O_DISTANCE, O_RAMP, O_CELLS, O_TAU0, O_TEMPERATURE, O_BINS, O_START, O_PASSAGE, O_COUNT
};

static void describe(cli_opt *o) {
  o[O_PROTOCOL] = cli_opt_str("protocol", CLI_OPT_STRING, "NAME", NULL, NULL, "ready-made protocol");
  o[O_FILE] = cli_opt_str("protocol-file", CLI_OPT_STRING, "FILE", NULL, NULL, "protocol in JSON (see protocol.h)");
  o[O_METHOD] = cli_opt_str("method", CLI_OPT_STRING, "M", "langevin,fokker-planck", "langevin", "simulation method");
  o[O_INTEGRATOR] = cli_opt_str("integrator", CLI_OPT_STRING, "I", "auto,euler,heun,ou", "auto",
                                "Langevin step (auto: exact OU for the harmonic trap, else Heun)");
  o[O_TRAJ] = cli_opt_int("trajectories", "M", NULL, 2, 1000000000L, "10000", "Langevin ensemble size");
  o[O_DT] = cli_opt_str("dt", CLI_OPT_STRING, "S", NULL, "1e-3",
                        "time step in tau0, or in seconds with suffix s (range (0, 1e12] tau0, at most the duration)");
  o[O_SEED] = cli_opt_int("seed", "K", NULL, 0, 2147483647L, "1", "master seed");
  o[O_THREADS] = cli_opt_int("threads", "T", NULL, 0, 4096, "0 (OpenMP default)", "threads");
  o[O_FORMAT] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,json", "table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "also write result.json and histograms / density CSV to DIR");
  o[O_TAU] = cli_opt_str("tau", CLI_OPT_STRING, "S", NULL, "per protocol",
                         "duration in tau0, or in seconds with suffix s (range (0, 1e12] tau0)");
  o[O_BARRIER] = cli_opt_num("barrier", "KT", "kT", 0, 1, 1e4, 0, NULL, "barrier E_b (static write: E_ret)");
  o[O_BARRIER_LOW] = cli_opt_num("barrier-low", "KT", "kT", 0, 1, 1e4, 0, NULL, "lowered barrier (erasure, M)");
  o[O_TILT] = cli_opt_num("tilt", "KT", "kT", 0, 0, 1e4, 0, NULL, "tilt f applied (kT per a or per level)");
  o[O_BIT] = cli_opt_int("bit", "B", NULL, 0, 1, NULL, "target bit (0: x<0, 1: x>0)");
  o[O_SUCCESS] = cli_opt_num("success", "P", NULL, 0.5, 0, 1, 1, NULL, "target success (erasure-optimal)");
  o[O_LEVELS] = cli_opt_int("levels", "M", NULL, 2, 1000000, NULL, "washboard levels (hopping)");
  o[O_START_LEVEL] = cli_opt_int("start-level", "L", NULL, 0, 1000000, NULL, "starting level (hopping)");
  o[O_HOP_LEVELS] = cli_opt_int("hop-levels", "M", NULL, -1000000, 1000000, NULL, "levels to move (hopping)");
  o[O_STIFFNESS] = cli_opt_num("stiffness", "K", "kT/a^2", 0, 1, 1e6, 0, NULL, "trap stiffness (initial)");
  o[O_STIFFNESS_FINAL] = cli_opt_num("stiffness-final", "K", "kT/a^2", 0, 1, 1e6, 0, NULL, "final stiffness");
  o[O_DISTANCE] = cli_opt_num("distance", "X", "a", -1e6, 0, 1e6, 0, NULL, "trap translation lambda_f");
  o[O_RAMP] = cli_opt_num("ramp-fraction", "F", NULL, 0, 0, 0.5, 0, NULL, "tilt ramp fraction (static write, H)");
  o[O_CELLS] = cli_opt_int("cells", "N", NULL, 0, 10000000, "0 (automatic)", "Fokker-Planck grid cells");
  o[O_TAU0] = cli_opt_num("tau0", "S", "s", 0, 1, 1, 0, "1e-9", "intrinsic time tau0 of the device (for seconds)");
  o[O_TEMPERATURE] = cli_opt_num("temperature", "K", "K", 0, 1, 1e4, 0, "300", "temperature (for joules)");
  o[O_BINS] = cli_opt_int("bins", "N", NULL, 2, 100000, "50", "histogram bins of the files written by --out");
  o[O_START] = cli_opt_num("start", "X0", "a", -5, 0, 5, 0, NULL,
                           "every trajectory starts at X0 (hold; range [-5, 5] a)");
  o[O_PASSAGE] = cli_opt_num("passage", "B", "a", -5, 0, 5, 0, NULL,
                             "stop each trajectory at its first passage through B > X0 and report the mean "
                             "first-passage time with the exact one (hold, langevin; needs --start)");
}

/* The protocol parameters: each option and the limen_protocol_args field it sets.  Which
 * fields a ready-made protocol reads is the library's knowledge (limen_protocol_args_used); an
 * option whose field the chosen protocol does not read is rejected, so that nothing is silently
 * ignored.  --tau (a time, maybe in seconds) is set by build_protocol itself. */
static const struct proto_param {
  int opt;
  limen_protocol_arg arg;
  size_t offset; /* of the field in limen_protocol_args */
  int is_int;    /* an int field (else double)         */
} params[] = {
#define P(o, a, field, i) {o, a, offsetof(limen_protocol_args, field), i}
    P(O_TAU, LIMEN_PROTOCOL_ARG_DURATION, duration, -1),
    P(O_BARRIER, LIMEN_PROTOCOL_ARG_BARRIER, barrier_kT, 0),
    P(O_BARRIER_LOW, LIMEN_PROTOCOL_ARG_BARRIER_LOW, barrier_low_kT, 0),
    P(O_TILT, LIMEN_PROTOCOL_ARG_TILT, tilt_kT, 0),
    P(O_BIT, LIMEN_PROTOCOL_ARG_BIT, bit, 1),
    P(O_SUCCESS, LIMEN_PROTOCOL_ARG_SUCCESS, success, 0),
    P(O_LEVELS, LIMEN_PROTOCOL_ARG_LEVELS, levels, 1),
    P(O_START_LEVEL, LIMEN_PROTOCOL_ARG_START_LEVEL, start_level, 1),
    P(O_HOP_LEVELS, LIMEN_PROTOCOL_ARG_HOP_LEVELS, hop_levels, 1),
    P(O_STIFFNESS, LIMEN_PROTOCOL_ARG_STIFFNESS, stiffness, 0),
    P(O_STIFFNESS_FINAL, LIMEN_PROTOCOL_ARG_STIFFNESS_FINAL, stiffness_final, 0),
    P(O_DISTANCE, LIMEN_PROTOCOL_ARG_DISTANCE, distance, 0),
    P(O_RAMP, LIMEN_PROTOCOL_ARG_RAMP_FRACTION, ramp_fraction, 0),
#undef P
};
#define N_PARAMS (sizeof params / sizeof params[0])

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

/* A time in τ₀ from "X" (τ₀) or "Xs" (seconds / τ₀). */
static int parse_time(const char *field, const char *text, double tau0_s, double *out, limen_error *err) {
  char buf[128];
  size_t len = strlen(text);
  int seconds = len > 1 && text[len - 1] == 's';
  if (len >= sizeof buf) return opt_error(err, "%s = '%.20s...': too long", field, text);
  memcpy(buf, text, len + 1);
  if (seconds) buf[len - 1] = '\0';
  double v;
  if (cli_parse_double(field, buf, &v, err))
    return opt_error(err, "%s = '%s': expected a number (tau0) or a number with suffix s (seconds)", field, text);
  if (seconds) v /= tau0_s;
  if (!(v > 0.0) || v > 1e12)
    return opt_error(err, "%s = %s (%g tau0): allowed range (0, 1e12] tau0", field, text, v);
  *out = v;
  return LIMEN_OK;
}

/* ---- the report: one flat record, written to JSON by a field table ----------------------- */

enum { HAS_LANGEVIN = 1, HAS_FP = 2, HAS_START = 4, HAS_PASSAGE = 8 };

typedef struct sim_out {
  const char *protocol, *kind, *potential, *method, *integrator;
  limen_sim_summary s;
  double work_J, heat_J, T, tau0_s, duration_s, dt_s;
  double x0, b, mean_passage, se_passage, exact_passage, passage_z, mean_passage_s;
  size_t passed, grid_cells, traj;
  double grid_dx, grid_x_lo, grid_x_hi, mass_error, seconds;
  long seed;
  int threads;
  unsigned has; /* HAS_* */
  const limen_fp_result *fpr;
  const limen_langevin_result *lr;
} sim_out;

#define F(key, member, kind, when) CLI_FIELD(key, sim_out, member, CLI_FIELD_##kind, when)
static const cli_field fields[] = {
    F("protocol", protocol, STR, 0), F("kind", kind, STR, 0), F("potential", potential, STR, 0),
    F("method", method, STR, 0), F("integrator", integrator, STR, HAS_LANGEVIN),
    F("mean_work_kT", s.mean_work, NUM, 0), F("stderr_work_kT", s.stderr_work, NUM, 0),
    F("mean_heat_kT", s.mean_heat, NUM, 0), F("stderr_heat_kT", s.stderr_heat, NUM, 0),
    F("mean_dU_kT", s.mean_dU, NUM, 0), F("stderr_dU_kT", s.stderr_dU, NUM, 0),
    F("success", s.success, NUM, 0), F("stderr_success", s.stderr_success, NUM, 0),
    F("bound_kT", s.bound.value_kT, NUM, 0), F("bound", s.bound.name, STR, 0),
    F("bound_quantity", s.bound.quantity, STR, 0), F("bound_relation", s.bound.relation, STR, 0),
    F("bound_success", s.bound.success_used, NUM, 0), F("landauer_generalized_kT", s.bound.landauer_kT, NUM, 0),
    F("mean_work_J", work_J, NUM, 0), F("mean_heat_J", heat_J, NUM, 0), F("temperature_K", T, NUM, 0),
    F("tau0_s", tau0_s, NUM, 0), F("duration_tau0", s.duration, NUM, 0), F("duration_s", duration_s, NUM, 0),
    F("dt_tau0", s.dt, NUM, 0), F("dt_s", dt_s, NUM, 0), F("steps", s.steps, COUNT, 0),
    F("first_law_residual_kT", s.first_law_residual, NUM, 0), F("start_x", x0, NUM, HAS_START),
    F("passage_x", b, NUM, HAS_PASSAGE), F("passed", passed, COUNT, HAS_PASSAGE),
    F("mean_passage_tau0", mean_passage, NUM, HAS_PASSAGE), F("stderr_passage_tau0", se_passage, NUM, HAS_PASSAGE),
    F("exact_passage_tau0", exact_passage, NUM, HAS_PASSAGE), F("passage_z", passage_z, NUM, HAS_PASSAGE),
    F("mean_passage_s", mean_passage_s, NUM, HAS_PASSAGE), F("grid_cells", grid_cells, COUNT, HAS_FP),
    F("grid_dx", grid_dx, NUM, HAS_FP), F("grid_x_lo", grid_x_lo, NUM, HAS_FP), F("grid_x_hi", grid_x_hi, NUM, HAS_FP),
    F("mass_error", mass_error, NUM, HAS_FP), F("trajectories", traj, COUNT, HAS_LANGEVIN),
    F("seed", seed, LONG, HAS_LANGEVIN), F("wall_seconds", seconds, NUM, 0),
};
#undef F

/* The values the report shows in SI units beside the dimensionless ones. */
static void finish_out(sim_out *s) {
  s->work_J = limen_kT_to_J(s->s.mean_work, s->T);
  s->heat_J = limen_kT_to_J(s->s.mean_heat, s->T);
  s->duration_s = s->s.duration * s->tau0_s;
  s->dt_s = s->s.dt * s->tau0_s;
  s->passage_z = (s->mean_passage - s->exact_passage) / s->se_passage;
  s->mean_passage_s = s->mean_passage * s->tau0_s;
}

static void table(const sim_out *s, cli_buf *b) {
  char x[6][64];
  const limen_sim_summary *m = &s->s;
  cli_buf_printf(b, "protocol   %s (%s, potential %s), tau = %s tau0 = %s s\n", s->protocol, s->kind, s->potential,
                 cli_human(x[0], 64, m->duration, 5), cli_human(x[1], 64, s->duration_s, 4));
  if (s->has & HAS_FP)
    cli_buf_printf(b, "method     fokker-planck, %zu cells (dx = %s a), dt = %s tau0, %zu steps\n", s->grid_cells,
                   cli_human(x[0], 64, s->grid_dx, 3), cli_human(x[1], 64, m->dt, 4), m->steps);
  else
    cli_buf_printf(b, "method     langevin (%s), %zu trajectories, dt = %s tau0, %zu steps, seed %ld\n",
                   s->integrator, s->traj, cli_human(x[1], 64, m->dt, 4), m->steps, s->seed);
  cli_buf_printf(b, "\n");
  cli_buf_printf(b, "  mean work     %12s +- %-10s kT   (%s J at %g K)\n", cli_human(x[0], 64, m->mean_work, 6),
                 cli_human(x[1], 64, m->stderr_work, 2), cli_human(x[2], 64, s->work_J, 4), s->T);
  cli_buf_printf(b, "  mean heat     %12s +- %-10s kT   (%s J)\n", cli_human(x[0], 64, m->mean_heat, 6),
                 cli_human(x[1], 64, m->stderr_heat, 2), cli_human(x[2], 64, s->heat_J, 4));
  cli_buf_printf(b, "  mean dU       %12s +- %-10s kT\n", cli_human(x[0], 64, m->mean_dU, 6),
                 cli_human(x[1], 64, m->stderr_dU, 2));
  cli_buf_printf(b, "  success       %12s +- %-10s\n", cli_human(x[0], 64, m->success, 6),
                 cli_human(x[1], 64, m->stderr_success, 2));
  if (isnan(m->bound.value_kT))
    cli_buf_printf(b, "  bound         none applies to this protocol\n");
  else {
    cli_buf_printf(b, "  bound         %12s kT   (%s %s, on the mean %s", cli_human(x[0], 64, m->bound.value_kT, 6),
                   m->bound.name, m->bound.relation, m->bound.quantity);
    if (!isnan(m->bound.success_used)) cli_buf_printf(b, ", P_s = %s", cli_human(x[1], 64, m->bound.success_used, 5));
    cli_buf_printf(b, ")\n  %s - bound  %12s kT", m->bound.quantity, cli_human(x[2], 64, m->bound_gap_kT, 4));
    if (!isnan(m->bound_gap_z)) cli_buf_printf(b, "   (%+.2f standard errors)", m->bound_gap_z);
    cli_buf_printf(b, "\n");
  }
  if (!isnan(m->bound.landauer_kT))
    cli_buf_printf(b, "  landauer      %12s kT   (generalized, for the same P_s)\n",
                   cli_human(x[0], 64, m->bound.landauer_kT, 6));
  cli_buf_printf(b, "  first law     %12s kT   (largest |dU - (W - Q)|)\n", cli_human(x[0], 64, m->first_law_residual, 2));
  if (s->has & HAS_PASSAGE)
    cli_buf_printf(b, "  passage       %12s +- %-10s tau0 (%s -> %s a, %zu passed; exact %s tau0, %+.2f standard errors)\n",
                   cli_human(x[0], 64, s->mean_passage, 6), cli_human(x[1], 64, s->se_passage, 2),
                   cli_human(x[2], 64, s->x0, 4), cli_human(x[3], 64, s->b, 4), s->passed,
                   cli_human(x[4], 64, s->exact_passage, 6), s->passage_z);
}

/* A CSV of two number columns into dir/name. */
static int write_csv(const char *dir, const char *name, const char *header, size_t n, const double *a,
                     const double *b, const char *bfmt, limen_error *err) {
  cli_buf buf;
  cli_buf_init(&buf);
  cli_buf_puts(&buf, header);
  char x[2][64];
  for (size_t i = 0; i < n; i++) {
    if (bfmt) cli_buf_printf(&buf, "%s,%s,%.0f\n", cli_num(x[0], 64, a[i]), cli_num(x[1], 64, a[i + 1]), b[i]);
    else cli_buf_printf(&buf, "%s,%s\n", cli_num(x[0], 64, a[i]), cli_num(x[1], 64, b[i]));
  }
  int st = cli_buf_check(&buf, err);
  if (!st) st = cli_write_file_atomic(dir, name, buf.data, err);
  cli_buf_free(&buf);
  return st;
}

/* --out DIR: result.json, and the density (Fokker–Planck) or the work and heat histograms. */
static int write_out(const char *dir, const sim_out *s, const char *json, limen_error *err) {
  int st = cli_write_file_atomic(dir, "result.json", json, err);
  if (st) return st;
  if (s->fpr) return write_csv(dir, "density.csv", "x_a,density_per_a\n", s->fpr->n_cells, s->fpr->x, s->fpr->rho, NULL, err);
  static const char *const hist_header = "bin_lo_kT,bin_hi_kT,count\n";
  const limen_histogram *w = s->lr->work_hist, *q = s->lr->heat_hist;
  if (w && (st = write_csv(dir, "work_hist.csv", hist_header, w->bins, w->edges, w->counts, "%.0f", err))) return st;
  if (q && (st = write_csv(dir, "heat_hist.csv", hist_header, q->bins, q->edges, q->counts, "%.0f", err))) return st;
  return LIMEN_OK;
}

/* The report as JSON, written to --out (rank 0 only under MPI) and printed in the chosen format. */
static int emit(const cli_opt *o, const sim_out *s, cli_format fmt, cli_buf *out, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  char *json = root && !cli_json_fields(root, s, fields, sizeof fields / sizeof fields[0], s->has) ? cJSON_Print(root) : NULL;
  cJSON_Delete(root);
  if (!json) return limen_error_set(err, LIMEN_ENOMEM, "simulate", "out of memory");
  int st = LIMEN_OK;
  if (o[O_OUT].set && cli_mpi_rank() == 0) { /* one writer under MPI */
    size_t len = strlen(json);
    char *withnl = malloc(len + 2);
    if (!withnl) st = limen_error_set(err, LIMEN_ENOMEM, "simulate", "out of memory");
    else {
      memcpy(withnl, json, len);
      memcpy(withnl + len, "\n", 2);
      st = write_out(o[O_OUT].str, s, withnl, err);
      free(withnl);
    }
  }
  if (!st) {
    if (fmt == CLI_FORMAT_JSON) cli_buf_printf(out, "%s\n", json);
    else table(s, out);
    st = cli_buf_check(out, err);
  }
  free(json);
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

static int build_protocol(cli_opt *o, double tau0, limen_protocol **proto, limen_error *err) {
  if (o[O_PROTOCOL].set && o[O_FILE].set)
    return opt_error(err, "--protocol conflicts with --protocol-file: give one of them");
  if (!o[O_PROTOCOL].set && !o[O_FILE].set)
    return opt_error(err, "--protocol: missing: give --protocol NAME or --protocol-file FILE");
  if (o[O_FILE].set) {
    for (size_t i = 0; i < N_PARAMS; i++)
      if (o[params[i].opt].set)
        return opt_error(err, "--%s applies to --protocol NAME only (edit the protocol file instead)",
                         o[params[i].opt].name);
    int st = limen_protocol_load(o[O_FILE].str, proto, err);
    if (st == LIMEN_EIO) err->code = st = LIMEN_EINVAL; /* an unreadable --protocol-file is bad input */
    return st;
  }
  const char *name = o[O_PROTOCOL].str;
  limen_protocol_args a;
  unsigned uses = 0;
  if (limen_protocol_args_default(name, &a, err) || limen_protocol_args_used(name, &uses, err))
    return unknown_protocol(name, err);
  for (size_t i = 0; i < N_PARAMS; i++) {
    const cli_opt *p = &o[params[i].opt];
    if (!p->set) continue;
    if (!(uses & LIMEN_PROTOCOL_ARG_MASK(params[i].arg))) {
      char users[256];
      users_of(params[i].arg, users, sizeof users);
      return opt_error(err, "--%s is not used by --protocol %s (it applies to %s)", p->name, name, users);
    }
    char *field = (char *)&a + params[i].offset;
    if (params[i].is_int < 0) {
      int st = parse_time("--tau", p->str, tau0, (double *)field, err);
      if (st) return st;
    } else if (params[i].is_int) {
      *(int *)field = (int)p->lnum;
    } else {
      *(double *)field = p->num;
    }
  }
  return limen_protocol_alloc_named(name, &a, proto, err);
}

/* --start and --passage (the hold protocol only; --passage needs --start, the Langevin method and
 * B > X0).  With --passage, the exact mean first-passage time goes beside the measured one and an
 * unset --tau becomes the run the library plans for it (limen_passage_plan: every trajectory must
 * pass). */
static int passage_options(cli_opt *o, sim_out *s, limen_protocol **proto, limen_error *err) {
  if (o[O_START].set) s->has |= HAS_START;
  if (o[O_PASSAGE].set) s->has |= HAS_PASSAGE;
  if (!o[O_START].set && !o[O_PASSAGE].set) return LIMEN_OK;
  const int which = o[O_PASSAGE].set ? O_PASSAGE : O_START;
  if (strcmp((*proto)->kind, "hold") != 0 || !o[O_PROTOCOL].set)
    return opt_error(err, "--%s applies to --protocol hold only", o[which].name);
  if (o[O_PASSAGE].set && (s->has & HAS_FP)) return opt_error(err, "--passage applies to --method langevin only");
  if (o[O_PASSAGE].set && !o[O_START].set)
    return opt_error(err, "--passage needs --start X0 (the point every trajectory starts from)");
  s->x0 = o[O_START].num;
  if (!o[O_PASSAGE].set) return LIMEN_OK;
  s->b = o[O_PASSAGE].num;
  if (!(s->b > s->x0))
    return opt_error(err, "--passage = %g: allowed range (%g, 5] a (above --start = %g)", s->b, s->x0, s->x0);
  const limen_protocol_args a = (*proto)->args;
  double lt = 0.0, duration = 0.0;
  int st = limen_passage_plan(a.barrier_kT, s->x0, s->b, &lt, &duration, err);
  if (st) return limen_error_wrap(err, st, "simulate", "exact mean first-passage time");
  if (lt > log(1e12 / LIMEN_PASSAGE_RUN_FACTOR))
    return opt_error(err, "--barrier = %g: the mean first-passage time from %g to %g is exp(%.4g) tau0, too long to "
                     "simulate (%g times it exceeds 1e12 tau0)", a.barrier_kT, s->x0, s->b, lt,
                     LIMEN_PASSAGE_RUN_FACTOR);
  s->exact_passage = exp(lt);
  if (o[O_TAU].set) return LIMEN_OK;
  limen_protocol_free(*proto);
  *proto = NULL;
  return limen_protocol_alloc_hold(a.barrier_kT, a.bit, duration, proto, err);
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

static int run_fp(const cli_opt *o, double dt, const limen_protocol *proto, bar *pb, limen_fp_result *fr,
                  sim_out *s, limen_error *err) {
  limen_fp_config c = limen_fp_config_default();
  c.dt = dt;
  if (o[O_CELLS].set) c.n_cells = (size_t)o[O_CELLS].lnum;
  if (s->has & HAS_START) c.init = LIMEN_INIT_FIXED, c.x0 = s->x0;
  c.progress = bar_draw;
  c.progress_ctx = pb;
  int st = limen_fp_run(&c, NULL, proto, fr, err);
  bar_clear(pb);
  if (st) return st;
  s->fpr = fr;
  s->grid_cells = fr->n_cells;
  s->grid_dx = fr->dx;
  s->grid_x_lo = fr->x_lo;
  s->grid_x_hi = fr->x_hi;
  s->mass_error = fr->mass_error;
  return limen_sim_summary_fp(proto, fr, &s->s, err);
}

static int run_langevin(const cli_opt *o, double dt, const limen_protocol *proto, bar *pb,
                        limen_langevin_result *lr, sim_out *s, limen_error *err) {
  limen_langevin_config c = limen_langevin_config_default();
  c.dt = dt;
  c.n_traj = s->traj;
  c.seed = (uint64_t)s->seed;
  c.threads = s->threads;
  c.integrator = limen_integrator_type_auto(proto->potential);
  int st = o[O_INTEGRATOR].set && strcmp(o[O_INTEGRATOR].str, "auto") != 0
               ? limen_integrator_type_find(o[O_INTEGRATOR].str, &c.integrator, err)
               : LIMEN_OK;
  if (st) return st;
  s->integrator = c.integrator->name;
  if (o[O_OUT].set) {
    c.record = LIMEN_RECORD_HISTOGRAMS;
    c.hist_bins = o[O_BINS].set ? (size_t)o[O_BINS].lnum : 50;
  }
  if (s->has & HAS_START) c.init = LIMEN_INIT_FIXED, c.x0 = s->x0;
  if (s->has & HAS_PASSAGE) {
    c.record |= LIMEN_RECORD_PASSAGE;
    c.passage_x = s->b;
    c.stop_at_passage = 1;
  }
  c.progress = bar_draw;
  c.progress_ctx = pb;
  st = cli_langevin_run(&c, proto, lr, err); /* over MPI ranks, if any */
  bar_clear(pb);
  if (st) return st;
  s->lr = lr;
  if ((st = limen_sim_summary_langevin(proto, lr, &s->s, err)) || !(s->has & HAS_PASSAGE)) return st;
  s->passed = lr->n_passed;
  if (lr->n_passed < lr->n_traj)
    return opt_error(err, "--tau = %g tau0: %zu of %zu trajectories did not pass --passage %g (exact mean "
                     "first-passage time %.6g tau0), and the mean over the others would be biased: raise --tau "
                     "(unset, it is %g times the exact mean)", lr->duration, lr->n_traj - lr->n_passed, lr->n_traj,
                     s->b, s->exact_passage, LIMEN_PASSAGE_RUN_FACTOR);
  return limen_langevin_passage_stats(lr, &s->mean_passage, &s->se_passage, err);
}

/* The run settings from the options, the protocol, and the checks between them. */
static int setup(cli_opt *o, sim_out *s, double *dt, cli_format *fmt, limen_protocol **proto, limen_error *err) {
  s->tau0_s = o[O_TAU0].set ? o[O_TAU0].num : 1e-9;
  s->T = o[O_TEMPERATURE].set ? o[O_TEMPERATURE].num : LIMEN_DEFAULT_TEMPERATURE_K;
  int fp = o[O_METHOD].set && strcmp(o[O_METHOD].str, "fokker-planck") == 0;
  s->has = fp ? HAS_FP : HAS_LANGEVIN;
  s->method = fp ? "fokker-planck" : "langevin";
  s->traj = o[O_TRAJ].set ? (size_t)o[O_TRAJ].lnum : 10000;
  s->seed = o[O_SEED].set ? o[O_SEED].lnum : 1;
  s->threads = o[O_THREADS].set ? (int)o[O_THREADS].lnum : 0;
  *dt = 1e-3;
  int st = LIMEN_OK;
  if (o[O_FORMAT].set && (st = cli_parse_format(o[O_FORMAT].str, 0, fmt, err))) return st;
  if (o[O_DT].set && (st = parse_time("--dt", o[O_DT].str, s->tau0_s, dt, err))) return st;
  if ((st = method_options(o, fp, err)) || (st = build_protocol(o, s->tau0_s, proto, err)) ||
      (st = passage_options(o, s, proto, err)))
    return st;
  double tau = limen_protocol_duration(*proto);
  if (*dt > tau && tau > 0)
    return opt_error(err, "--dt = %g tau0: allowed range (0, %g] tau0 (the protocol duration)", *dt, tau);
  return LIMEN_OK;
}

int limen_cmd_simulate(int argc, char **argv) {
  cli_opt o[O_COUNT];
  describe(o);
  limen_protocol *proto = NULL;
  limen_langevin_result lr;
  limen_fp_result fr;
  memset(&lr, 0, sizeof lr);
  memset(&fr, 0, sizeof fr);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  sim_out s;
  memset(&s, 0, sizeof s);
  bar pb = {isatty(fileno(stderr)), omp_get_wtime(), 0};
  double dt = 1e-3;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status) status = setup(o, &s, &dt, &fmt, &proto, &f.err);
  if (!status)
    status = (s.has & HAS_FP) ? run_fp(o, dt, proto, &pb, &fr, &s, &f.err)
                              : run_langevin(o, dt, proto, &pb, &lr, &s, &f.err);
  s.seconds = omp_get_wtime() - pb.t0;
  if (!status) {
    s.protocol = proto->name;
    s.kind = proto->kind;
    s.potential = proto->potential->name;
    finish_out(&s);
    status = emit(o, &s, fmt, &f.out, &f.err);
  }
  limen_langevin_result_clear(&lr);
  limen_fp_result_clear(&fr);
  limen_protocol_free(proto);
  return cli_frame_end(&f, status);
}
