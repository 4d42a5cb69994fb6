/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_simulate.c: `limen simulate` — run a memory-cell protocol with the Langevin ensemble
 * (langevin.h) or the Fokker–Planck solver (fokker_planck.h) and print the measured mean work
 * and heat next to the closed-form bound that applies (validate.h: limen_sim_bound_eval). */
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/mpi_run.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/sim_progress.h"
#include "limen/cell.h"
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
 * ignored. */
static const struct proto_param {
  int opt;
  limen_protocol_arg arg;
} params[] = {
    {O_TAU, LIMEN_PROTOCOL_ARG_DURATION},
    {O_BARRIER, LIMEN_PROTOCOL_ARG_BARRIER},
    {O_BARRIER_LOW, LIMEN_PROTOCOL_ARG_BARRIER_LOW},
    {O_TILT, LIMEN_PROTOCOL_ARG_TILT},
    {O_BIT, LIMEN_PROTOCOL_ARG_BIT},
    {O_SUCCESS, LIMEN_PROTOCOL_ARG_SUCCESS},
    {O_LEVELS, LIMEN_PROTOCOL_ARG_LEVELS},
    {O_START_LEVEL, LIMEN_PROTOCOL_ARG_START_LEVEL},
    {O_HOP_LEVELS, LIMEN_PROTOCOL_ARG_HOP_LEVELS},
    {O_STIFFNESS, LIMEN_PROTOCOL_ARG_STIFFNESS},
    {O_STIFFNESS_FINAL, LIMEN_PROTOCOL_ARG_STIFFNESS_FINAL},
    {O_DISTANCE, LIMEN_PROTOCOL_ARG_DISTANCE},
    {O_RAMP, LIMEN_PROTOCOL_ARG_RAMP_FRACTION},
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

/* ---- output ---------------------------------------------------------------------------- */

typedef struct sim_out {
  const limen_protocol *proto;
  int fp;
  const char *integrator;
  double tau0_s, T;
  size_t traj;
  long seed;
  int threads;
  double duration, dt;
  size_t steps;
  double W, seW, Q, seQ, dU, seU, success, seS, residual;
  limen_sim_bound bound;
  const limen_fp_result *fpr;
  const limen_langevin_result *lr;
  double seconds;
  /* --start / --passage */
  int fixed_start, passage;
  double x0, b, exact_passage, mean_passage, se_passage;
} sim_out;

static cJSON *to_json(const sim_out *s) {
  cJSON *o = cJSON_CreateObject();
  if (!o) return NULL;
  cJSON_AddStringToObject(o, "protocol", s->proto->name);
  cJSON_AddStringToObject(o, "kind", s->proto->kind);
  cJSON_AddStringToObject(o, "potential", s->proto->potential->name);
  cJSON_AddStringToObject(o, "method", s->fp ? "fokker-planck" : "langevin");
  if (!s->fp) cJSON_AddStringToObject(o, "integrator", s->integrator);
  cli_json_num(o, "mean_work_kT", s->W);
  cli_json_num(o, "stderr_work_kT", s->seW);
  cli_json_num(o, "mean_heat_kT", s->Q);
  cli_json_num(o, "stderr_heat_kT", s->seQ);
  cli_json_num(o, "mean_dU_kT", s->dU);
  cli_json_num(o, "stderr_dU_kT", s->seU);
  cli_json_num(o, "success", s->success);
  cli_json_num(o, "stderr_success", s->seS);
  cli_json_num(o, "bound_kT", s->bound.value_kT);
  cJSON_AddStringToObject(o, "bound", s->bound.name);
  cJSON_AddStringToObject(o, "bound_quantity", s->bound.quantity);
  cJSON_AddStringToObject(o, "bound_relation", s->bound.relation);
  cli_json_num(o, "bound_success", s->bound.success_used);
  cli_json_num(o, "landauer_generalized_kT", s->bound.landauer_kT);
  cli_json_num(o, "mean_work_J", limen_kT_to_J(s->W, s->T));
  cli_json_num(o, "mean_heat_J", limen_kT_to_J(s->Q, s->T));
  cli_json_num(o, "temperature_K", s->T);
  cli_json_num(o, "tau0_s", s->tau0_s);
  cli_json_num(o, "duration_tau0", s->duration);
  cli_json_num(o, "duration_s", s->duration * s->tau0_s);
  cli_json_num(o, "dt_tau0", s->dt);
  cli_json_num(o, "dt_s", s->dt * s->tau0_s);
  cJSON_AddNumberToObject(o, "steps", (double)s->steps);
  cli_json_num(o, "first_law_residual_kT", s->residual);
  if (s->fixed_start) cli_json_num(o, "start_x", s->x0);
  if (s->passage) {
    cli_json_num(o, "passage_x", s->b);
    cJSON_AddNumberToObject(o, "passed", (double)s->lr->n_passed);
    cli_json_num(o, "mean_passage_tau0", s->mean_passage);
    cli_json_num(o, "stderr_passage_tau0", s->se_passage);
    cli_json_num(o, "exact_passage_tau0", s->exact_passage);
    cli_json_num(o, "passage_z", (s->mean_passage - s->exact_passage) / s->se_passage);
    cli_json_num(o, "mean_passage_s", s->mean_passage * s->tau0_s);
  }
  if (s->fp) {
    cJSON_AddNumberToObject(o, "grid_cells", (double)s->fpr->n_cells);
    cli_json_num(o, "grid_dx", s->fpr->dx);
    cli_json_num(o, "grid_x_lo", s->fpr->x_lo);
    cli_json_num(o, "grid_x_hi", s->fpr->x_hi);
    cli_json_num(o, "mass_error", s->fpr->mass_error);
  } else {
    cJSON_AddNumberToObject(o, "trajectories", (double)s->traj);
    cJSON_AddNumberToObject(o, "seed", (double)s->seed);
  }
  cli_json_num(o, "wall_seconds", s->seconds);
  return o;
}

static void table(const sim_out *s, cli_buf *b) {
  char x[6][64];
  cli_buf_printf(b, "protocol   %s (%s, potential %s), tau = %s tau0 = %s s\n", s->proto->name, s->proto->kind,
                 s->proto->potential->name, cli_human(x[0], 64, s->duration, 5),
                 cli_human(x[1], 64, s->duration * s->tau0_s, 4));
  if (s->fp)
    cli_buf_printf(b, "method     fokker-planck, %zu cells (dx = %s a), dt = %s tau0, %zu steps\n", s->fpr->n_cells,
                   cli_human(x[0], 64, s->fpr->dx, 3), cli_human(x[1], 64, s->dt, 4), s->steps);
  else
    cli_buf_printf(b, "method     langevin (%s), %zu trajectories, dt = %s tau0, %zu steps, seed %ld\n",
                   s->integrator, s->traj, cli_human(x[1], 64, s->dt, 4), s->steps, s->seed);
  cli_buf_printf(b, "\n");
  cli_buf_printf(b, "  mean work     %12s +- %-10s kT   (%s J at %g K)\n", cli_human(x[0], 64, s->W, 6),
                 cli_human(x[1], 64, s->seW, 2), cli_human(x[2], 64, limen_kT_to_J(s->W, s->T), 4), s->T);
  cli_buf_printf(b, "  mean heat     %12s +- %-10s kT   (%s J)\n", cli_human(x[0], 64, s->Q, 6),
                 cli_human(x[1], 64, s->seQ, 2), cli_human(x[2], 64, limen_kT_to_J(s->Q, s->T), 4));
  cli_buf_printf(b, "  mean dU       %12s +- %-10s kT\n", cli_human(x[0], 64, s->dU, 6), cli_human(x[1], 64, s->seU, 2));
  cli_buf_printf(b, "  success       %12s +- %-10s\n", cli_human(x[0], 64, s->success, 6), cli_human(x[1], 64, s->seS, 2));
  if (isnan(s->bound.value_kT))
    cli_buf_printf(b, "  bound         none applies to this protocol\n");
  else {
    double m = strcmp(s->bound.quantity, "work") == 0 ? s->W : s->Q;
    double se = strcmp(s->bound.quantity, "work") == 0 ? s->seW : s->seQ;
    cli_buf_printf(b, "  bound         %12s kT   (%s %s, on the mean %s", cli_human(x[0], 64, s->bound.value_kT, 6),
                   s->bound.name, s->bound.relation, s->bound.quantity);
    if (!isnan(s->bound.success_used)) cli_buf_printf(b, ", P_s = %s", cli_human(x[1], 64, s->bound.success_used, 5));
    cli_buf_printf(b, ")\n  %s - bound  %12s kT", s->bound.quantity, cli_human(x[2], 64, m - s->bound.value_kT, 4));
    if (se > 0) cli_buf_printf(b, "   (%+.2f standard errors)", (m - s->bound.value_kT) / se);
    cli_buf_printf(b, "\n");
  }
  if (!isnan(s->bound.landauer_kT))
    cli_buf_printf(b, "  landauer      %12s kT   (generalized, for the same P_s)\n",
                   cli_human(x[0], 64, s->bound.landauer_kT, 6));
  cli_buf_printf(b, "  first law     %12s kT   (largest |dU - (W - Q)|)\n", cli_human(x[0], 64, s->residual, 2));
  if (s->passage)
    cli_buf_printf(b, "  passage       %12s +- %-10s tau0 (%s -> %s a, %zu passed; exact %s tau0, %+.2f standard errors)\n",
                   cli_human(x[0], 64, s->mean_passage, 6), cli_human(x[1], 64, s->se_passage, 2),
                   cli_human(x[2], 64, s->x0, 4), cli_human(x[3], 64, s->b, 4), s->lr->n_passed,
                   cli_human(x[4], 64, s->exact_passage, 6), (s->mean_passage - s->exact_passage) / s->se_passage);
}

static int write_hist(const char *dir, const char *name, const limen_histogram *h, limen_error *err) {
  cli_buf b;
  cli_buf_init(&b);
  cli_buf_puts(&b, "bin_lo_kT,bin_hi_kT,count\n");
  char x[2][64];
  for (size_t i = 0; i < h->bins; i++) {
    double lo, hi;
    lo = h->edges[i];
    hi = h->edges[i + 1];
    cli_buf_printf(&b, "%s,%s,%.0f\n", cli_num(x[0], 64, lo), cli_num(x[1], 64, hi), h->counts[i]);
  }
  int st = cli_buf_check(&b, err);
  if (!st) st = cli_write_file_atomic(dir, name, b.data, err);
  cli_buf_free(&b);
  return st;
}

static int write_out(const char *dir, const sim_out *s, const char *json, limen_error *err) {
  int st = cli_write_file_atomic(dir, "result.json", json, err);
  if (st) return st;
  if (s->fp) {
    cli_buf b;
    cli_buf_init(&b);
    char x[2][64];
    cli_buf_puts(&b, "x_a,density_per_a\n");
    for (size_t i = 0; i < s->fpr->n_cells; i++)
      cli_buf_printf(&b, "%s,%s\n", cli_num(x[0], 64, s->fpr->x[i]), cli_num(x[1], 64, s->fpr->rho[i]));
    st = cli_buf_check(&b, err);
    if (!st) st = cli_write_file_atomic(dir, "density.csv", b.data, err);
    cli_buf_free(&b);
    return st;
  }
  if (s->lr->work_hist && (st = write_hist(dir, "work_hist.csv", s->lr->work_hist, err))) return st;
  if (s->lr->heat_hist && (st = write_hist(dir, "heat_hist.csv", s->lr->heat_hist, err))) return st;
  return LIMEN_OK;
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
  int st = limen_protocol_args_default(name, &a, err);
  if (!st) st = limen_protocol_args_used(name, &uses, err);
  if (st) {
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
  for (size_t i = 0; i < N_PARAMS; i++) {
    if (!o[params[i].opt].set || (uses & LIMEN_PROTOCOL_ARG_MASK(params[i].arg))) continue;
    char users[256];
    users_of(params[i].arg, users, sizeof users);
    return opt_error(err, "--%s is not used by --protocol %s (it applies to %s)", o[params[i].opt].name, name,
                     users);
  }
  if (o[O_TAU].set && (st = parse_time("--tau", o[O_TAU].str, tau0, &a.duration, err))) return st;
  if (o[O_BARRIER].set) a.barrier_kT = o[O_BARRIER].num;
  if (o[O_BARRIER_LOW].set) a.barrier_low_kT = o[O_BARRIER_LOW].num;
  if (o[O_TILT].set) a.tilt_kT = o[O_TILT].num;
  if (o[O_BIT].set) a.bit = (int)o[O_BIT].lnum;
  if (o[O_SUCCESS].set) a.success = o[O_SUCCESS].num;
  if (o[O_LEVELS].set) a.levels = (int)o[O_LEVELS].lnum;
  if (o[O_START_LEVEL].set) a.start_level = (int)o[O_START_LEVEL].lnum;
  if (o[O_HOP_LEVELS].set) a.hop_levels = (int)o[O_HOP_LEVELS].lnum;
  if (o[O_STIFFNESS].set) a.stiffness = o[O_STIFFNESS].num;
  if (o[O_STIFFNESS_FINAL].set) a.stiffness_final = o[O_STIFFNESS_FINAL].num;
  if (o[O_DISTANCE].set) a.distance = o[O_DISTANCE].num;
  if (o[O_RAMP].set) a.ramp_fraction = o[O_RAMP].num;
  return limen_protocol_alloc_named(name, &a, proto, err);
}

/* --start and --passage (the hold protocol only; --passage needs --start, the Langevin method and
 * B > X0).  With --passage, the exact mean first-passage time of the static cell (limen_mfpt, the
 * whole line reflecting at -inf) goes beside the measured one, and an unset --tau becomes 40 times
 * it: the run stops once every trajectory has passed, and one still unpassed after 40 mean times
 * (probability ~e^-40 each) would bias the mean over the others (see passage_result). */
static int passage_options(cli_opt *o, sim_out *s, limen_protocol **proto, limen_error *err) {
  s->fixed_start = o[O_START].set;
  s->passage = o[O_PASSAGE].set;
  if (!s->fixed_start && !s->passage) return LIMEN_OK;
  const int which = s->passage ? O_PASSAGE : O_START;
  if (strcmp((*proto)->kind, "hold") != 0 || !o[O_PROTOCOL].set)
    return opt_error(err, "--%s applies to --protocol hold only", o[which].name);
  if (s->passage && s->fp) return opt_error(err, "--passage applies to --method langevin only");
  if (s->passage && !s->fixed_start)
    return opt_error(err, "--passage needs --start X0 (the point every trajectory starts from)");
  s->x0 = o[O_START].num;
  if (!s->passage) return LIMEN_OK;
  s->b = o[O_PASSAGE].num;
  if (!(s->b > s->x0))
    return opt_error(err, "--passage = %g: allowed range (%g, 5] a (above --start = %g)", s->b, s->x0, s->x0);
  const limen_protocol_args a = (*proto)->args;
  limen_well w = {LIMEN_WELL_QUARTIC, a.barrier_kT, 0.0, 0};
  double lt = 0.0;
  int st = limen_mfpt_log(&w, s->x0, s->b, NULL, &lt, err);
  if (st) return limen_error_wrap(err, st, "simulate", "exact mean first-passage time");
  if (lt > log(1e12 / 40.0))
    return opt_error(err, "--barrier = %g: the mean first-passage time from %g to %g is exp(%.4g) tau0, too long to "
                     "simulate (40 times it exceeds 1e12 tau0)", a.barrier_kT, s->x0, s->b, lt);
  s->exact_passage = exp(lt);
  if (o[O_TAU].set) return LIMEN_OK;
  limen_protocol_free(*proto);
  *proto = NULL;
  return limen_protocol_alloc_hold(a.barrier_kT, a.bit, 40.0 * s->exact_passage, proto, err);
}

/* Mean and standard error of the passage times; every trajectory must have passed. */
static int passage_result(sim_out *s, const limen_langevin_result *r, limen_error *err) {
  if (r->n_passed < r->n_traj)
    return opt_error(err, "--tau = %g tau0: %zu of %zu trajectories did not pass --passage %g (exact mean "
                     "first-passage time %.6g tau0), and the mean over the others would be biased: raise --tau "
                     "(unset, it is 40 times the exact mean)", r->duration, r->n_traj - r->n_passed, r->n_traj,
                     s->b, s->exact_passage);
  double sum = 0.0, ss = 0.0, n = (double)r->n_traj;
  for (size_t i = 0; i < r->n_traj; i++) sum += r->passage_time[i];
  s->mean_passage = sum / n;
  for (size_t i = 0; i < r->n_traj; i++) ss += (r->passage_time[i] - s->mean_passage) * (r->passage_time[i] - s->mean_passage);
  s->se_passage = sqrt(ss / (n - 1.0) / n);
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
  char *json = NULL;
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  sim_out s;
  memset(&s, 0, sizeof s);
  s.tau0_s = o[O_TAU0].set ? o[O_TAU0].num : 1e-9;
  s.T = o[O_TEMPERATURE].set ? o[O_TEMPERATURE].num : LIMEN_DEFAULT_TEMPERATURE_K;
  s.fp = !status && o[O_METHOD].set && o[O_METHOD].str && strcmp(o[O_METHOD].str, "fokker-planck") == 0;
  s.traj = o[O_TRAJ].set ? (size_t)o[O_TRAJ].lnum : 10000;
  s.seed = o[O_SEED].set ? o[O_SEED].lnum : 1;
  s.threads = o[O_THREADS].set ? (int)o[O_THREADS].lnum : 0;
  double dt = 1e-3;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status && o[O_FORMAT].set) status = cli_parse_format(o[O_FORMAT].str, 0, &fmt, &f.err);
  if (!status && o[O_DT].set) status = parse_time("--dt", o[O_DT].str, s.tau0_s, &dt, &f.err);
  if (!status && s.fp) {
    static const int lonly[] = {O_TRAJ, O_SEED, O_THREADS, O_INTEGRATOR, O_BINS};
    for (size_t i = 0; i < sizeof lonly / sizeof lonly[0] && !status; i++)
      if (o[lonly[i]].set)
        status = opt_error(&f.err, "--%s applies to --method langevin only", o[lonly[i]].name);
  }
  if (!status && !s.fp && o[O_CELLS].set)
    status = opt_error(&f.err, "--cells applies to --method fokker-planck only");
  if (!status && !s.fp && o[O_BINS].set && !o[O_OUT].set)
    status = opt_error(&f.err, "--bins applies with --out only (the histogram files it writes)");
  if (!status) status = build_protocol(o, s.tau0_s, &proto, &f.err);
  if (!status) status = passage_options(o, &s, &proto, &f.err);
  if (!status && dt > limen_protocol_duration(proto) && limen_protocol_duration(proto) > 0)
    status = opt_error(&f.err, "--dt = %g tau0: allowed range (0, %g] tau0 (the protocol duration)", dt,
                       limen_protocol_duration(proto));
  sim_bar pb = {isatty(fileno(stderr)), omp_get_wtime(), 0.0, 0, 0};
  if (!status && s.fp) {
    limen_fp_config c = limen_fp_config_default();
    c.dt = dt;
    if (o[O_CELLS].set) c.n_cells = (size_t)o[O_CELLS].lnum;
    if (s.fixed_start) c.init = LIMEN_INIT_FIXED, c.x0 = s.x0;
    c.progress = sim_bar_fp_progress;
    c.progress_ctx = &pb;
    status = limen_fp_run(&c, NULL, proto, &fr, &f.err);
    sim_bar_clear(&pb);
    if (!status) {
      s.fpr = &fr;
      s.duration = fr.duration;
      s.dt = fr.dt;
      s.steps = fr.n_steps;
      s.W = fr.mean_work;
      s.Q = fr.mean_heat;
      s.dU = fr.mean_dU;
      s.success = fr.success;
      s.residual = fr.first_law_residual;
      status = limen_sim_bound_eval(proto, fr.success, 0.0, &s.bound, &f.err);
    }
  } else if (!status) {
    limen_langevin_config c = limen_langevin_config_default();
    c.dt = dt;
    c.n_traj = s.traj;
    c.seed = (uint64_t)s.seed;
    c.threads = s.threads;
    const char *iname = o[O_INTEGRATOR].set ? o[O_INTEGRATOR].str : "auto";
    if (strcmp(iname, "auto") == 0) iname = proto->potential->harmonic ? "ou" : "heun";
    status = limen_integrator_type_find(iname, &c.integrator, &f.err);
    s.integrator = iname;
    if (o[O_OUT].set) {
      c.record = LIMEN_RECORD_HISTOGRAMS;
      c.hist_bins = o[O_BINS].set ? (size_t)o[O_BINS].lnum : 50;
    }
    if (s.fixed_start) c.init = LIMEN_INIT_FIXED, c.x0 = s.x0;
    if (s.passage) {
      c.record |= LIMEN_RECORD_PASSAGE;
      c.passage_x = s.b;
      c.stop_at_passage = 1;
    }
    pthread_t th;
    int have_thread = 0;
    if (!status && pb.tty) {
      /* estimate the run time from a pilot of ~2 % of the trajectories */
      limen_langevin_config pc = c;
      pc.n_traj = s.traj / 50 > 2 ? s.traj / 50 : 2;
      pc.record = 0;
      limen_langevin_result pr;
      double t0 = omp_get_wtime();
      status = limen_langevin_run(&pc, NULL, proto, &pr, &f.err);
      if (!status) {
        pb.estimate = (omp_get_wtime() - t0) * (double)s.traj / (double)pc.n_traj;
        limen_langevin_result_clear(&pr);
        pb.t0 = omp_get_wtime();
        if (pb.estimate > 1.0 && pthread_create(&th, NULL, sim_bar_thread, &pb) == 0) have_thread = 1;
      }
    }
    if (!status) status = cli_langevin_run(&c, proto, &lr, &f.err); /* over MPI ranks, if any */
    pb.done = 1;
    if (have_thread) {
      pthread_join(th, NULL);
      if (!status) sim_bar_draw(&pb, 1.0);
    }
    sim_bar_clear(&pb);
    if (!status) {
      s.lr = &lr;
      s.duration = lr.duration;
      s.dt = lr.dt;
      s.steps = lr.n_steps;
      s.W = lr.mean_work;
      s.seW = lr.stderr_work;
      s.Q = lr.mean_heat;
      s.seQ = lr.stderr_heat;
      s.dU = lr.mean_dU;
      s.seU = lr.stderr_dU;
      s.success = lr.success;
      s.seS = lr.stderr_success;
      s.residual = lr.max_first_law_residual;
      status = limen_sim_bound_eval(proto, lr.success, 0.5 / (double)s.traj, &s.bound, &f.err);
      if (!status && s.passage) status = passage_result(&s, &lr, &f.err);
    }
  }
  s.proto = proto;
  s.seconds = omp_get_wtime() - pb.t0;
  if (!status) {
    cJSON *root = to_json(&s);
    json = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!json) status = limen_error_set(&f.err, LIMEN_ENOMEM, "simulate", "out of memory");
  }
  if (!status && o[O_OUT].set && cli_mpi_rank() == 0) { /* one writer under MPI */
    size_t len = strlen(json);
    char *withnl = malloc(len + 2);
    if (!withnl) status = limen_error_set(&f.err, LIMEN_ENOMEM, "simulate", "out of memory");
    else {
      memcpy(withnl, json, len);
      withnl[len] = '\n';
      withnl[len + 1] = '\0';
      status = write_out(o[O_OUT].str, &s, withnl, &f.err);
      free(withnl);
    }
  }
  if (!status) {
    if (fmt == CLI_FORMAT_JSON) cli_buf_printf(&f.out, "%s\n", json);
    else table(&s, &f.out);
    status = cli_buf_check(&f.out, &f.err);
  }
  free(json);
  limen_langevin_result_clear(&lr);
  limen_fp_result_clear(&fr);
  limen_protocol_free(proto);
  return cli_frame_end(&f, status);
}
