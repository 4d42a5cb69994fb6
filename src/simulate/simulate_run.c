/* SPDX-License-Identifier: GPL-3.0-or-later
 * simulate_run.c: one simulation as one call (simulate.h, limen_simulate_run) — the rules
 * between the inputs (method, protocol, start and passage, time step), the protocol from its
 * name or file, the first-passage plan, the run by either engine and the report.  Messages about
 * an input start with its name as the rows spell it, so that a tool can put its own spelling
 * ("--") before them. */
#include <math.h>
#include <omp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "limen/simulate.h"
#include "limen/provenance.h"

/* One run in the making: the engines' configurations and what the rules decided. */
typedef struct sim {
  const limen_simulate_config *cfg;
  const limen_input *rows; /* limen_simulate_inputs */
  limen_langevin_config lc;
  limen_fp_config fc;
  unsigned has; /* LIMEN_SIM_HAS_* */
  double exact_passage, mean_passage, se_passage;
  limen_sim_summary summary;
  limen_simulate_result *res;
  limen_run_control *ctl; /* NULL: no checkpoint, no stop (limen_simulate_run_ctl) */
} sim;

static int given(const sim *s, int row) { return (s->cfg->given & LIMEN_SIMULATE_IN_MASK(row)) != 0; }
static const char *name(const sim *s, int row) { return s->rows[row].name; }

/* The method, and the inputs that only one method reads. */
static int method_rules(sim *s, limen_error *err) {
  const char *m = s->cfg->method ? s->cfg->method : "langevin";
  const int fp = strcmp(m, "fokker-planck") == 0;
  if (!fp && strcmp(m, "langevin") != 0)
    return limen_error_input(err, LIMEN_EINVAL, "method", NULL, NULL,
                             "method = '%s': allowed values langevin, fokker-planck", m);
  s->has = fp ? LIMEN_SIM_HAS_FP : LIMEN_SIM_HAS_LANGEVIN;
  static const int lonly[] = {LIMEN_SIMULATE_IN_TRAJECTORIES, LIMEN_SIMULATE_IN_SEED, LIMEN_SIMULATE_IN_THREADS, -1,
                              LIMEN_SIMULATE_IN_BINS};
  for (size_t i = 0; fp && i < sizeof lonly / sizeof lonly[0]; i++) {
    const char *n = lonly[i] < 0         ? (s->cfg->integrator ? "integrator" : NULL)
                    : given(s, lonly[i]) ? name(s, lonly[i])
                                         : NULL;
    if (n) return limen_error_input(err, LIMEN_EINVAL, n, NULL, NULL, "%s applies to --method langevin only", n);
  }
  if (!fp && given(s, LIMEN_SIMULATE_IN_CELLS))
    return limen_error_input(err, LIMEN_EINVAL, "cells", NULL, NULL, "cells applies to --method fokker-planck only");
  if (!fp && given(s, LIMEN_SIMULATE_IN_BINS) && !s->cfg->keep_files)
    return limen_error_input(err, LIMEN_EINVAL, "bins", NULL, NULL,
                             "bins applies with --out only (the histogram files it writes)");
  return LIMEN_OK;
}

/* "NAME, NAME, ...": the ready-made protocols that read field `arg` (mask: all protocols'). */
static void names_of(int arg, char *buf, size_t n) {
  buf[0] = '\0';
  for (const char *const *p = limen_protocol_names(); *p; p++) {
    unsigned mask = ~0u;
    if (arg >= 0 && (limen_protocol_args_used(*p, &mask, NULL) || !(mask & LIMEN_PROTOCOL_ARG_MASK(arg)))) continue;
    if (buf[0]) strncat(buf, ", ", n - strlen(buf) - 1);
    strncat(buf, *p, n - strlen(buf) - 1);
  }
}

/* The named protocol's arguments: its defaults, replaced by the inputs given (each must be one
 * the protocol reads). */
static int protocol_args(const sim *s, const char *pname, limen_protocol_args *a, limen_error *err) {
  const limen_input *rows = limen_protocol_inputs(NULL);
  unsigned uses = 0;
  char names[512];
  if (limen_protocol_args_default(pname, a, NULL) || limen_protocol_args_used(pname, &uses, NULL)) {
    names_of(-1, names, sizeof names);
    int st =
        limen_error_input(err, LIMEN_ENOTFOUND, "protocol", NULL, NULL, "protocol = '%s': allowed %s", pname, names);
    limen_error_set_fields(err, "protocol", pname, names);
    return st;
  }
  for (int i = 0; i < LIMEN_PROTOCOL_ARG_COUNT; i++) {
    if (!given(s, i)) continue;
    if (!(uses & LIMEN_PROTOCOL_ARG_MASK(i))) {
      names_of(i, names, sizeof names);
      return limen_error_input(err, LIMEN_EINVAL, name(s, i), NULL, NULL,
                               "%s is not used by --protocol %s (it applies to %s)", name(s, i), pname, names);
    }
    limen_input_set(&rows[i], a, limen_input_get(&rows[i], &s->cfg->args));
  }
  return LIMEN_OK;
}

/* The protocol, from exactly one of a name (with its inputs) and a file (with none). */
static int build_protocol(sim *s, limen_error *err) {
  const limen_simulate_config *c = s->cfg;
  limen_protocol **proto = &s->res->protocol;
  if (c->protocol && c->protocol_file)
    return limen_error_input(err, LIMEN_EINVAL, "protocol", NULL, NULL,
                             "protocol conflicts with --protocol-file: give one of them");
  if (!c->protocol && !c->protocol_file)
    return limen_error_input(err, LIMEN_EINVAL, "protocol", NULL, NULL,
                             "protocol: missing: give --protocol NAME or --protocol-file FILE");
  if (c->protocol_file) {
    for (int i = 0; i < LIMEN_PROTOCOL_ARG_COUNT; i++)
      if (given(s, i))
        return limen_error_input(err, LIMEN_EINVAL, name(s, i), NULL, NULL,
                                 "%s applies to --protocol NAME only (edit the protocol file instead)", name(s, i));
    int st = limen_protocol_load(c->protocol_file, proto, err);
    if (st != LIMEN_EIO) return st;
    if (err) err->code = LIMEN_EINVAL; /* an unreadable protocol file is bad input */
    return LIMEN_EINVAL;
  }
  limen_protocol_args a;
  int st = protocol_args(s, c->protocol, &a, err);
  return st ? st : limen_protocol_alloc_named(c->protocol, &a, proto, err);
}

/* A first-passage run: the exact mean first-passage time beside the measured one; with tau not
 * given, the hold lasts the run limen_passage_plan plans (every trajectory must pass). */
static int passage_plan(sim *s, limen_error *err) {
  const double x0 = s->lc.x0, b = s->lc.passage_x, hi = s->rows[LIMEN_SIMULATE_IN_PASSAGE].hi;
  if (!(b > x0))
    return limen_error_input(err, LIMEN_EINVAL, "passage", NULL, NULL,
                             "passage = %g: allowed range (%g, %g] a (above --start = %g)", b, x0, hi, x0);
  const limen_protocol_args a = s->res->protocol->args;
  double lt = 0.0, duration = 0.0;
  int st = limen_passage_plan(a.barrier_kT, x0, b, &lt, &duration, err);
  if (st) return limen_error_wrap(err, st, "limen_simulate_run", "exact mean first-passage time");
  if (lt > log(1e12 / LIMEN_PASSAGE_RUN_FACTOR))
    return limen_error_input(err, LIMEN_EINVAL, "barrier", NULL, NULL,
                             "barrier = %g: the mean first-passage time from %g to %g is exp(%.4g) tau0, too long to "
                             "simulate (%g times it exceeds 1e12 tau0)",
                             a.barrier_kT, x0, b, lt, LIMEN_PASSAGE_RUN_FACTOR);
  s->exact_passage = exp(lt);
  if (given(s, LIMEN_SIMULATE_IN_TAU)) return LIMEN_OK;
  limen_protocol_free(s->res->protocol);
  s->res->protocol = NULL;
  return limen_protocol_alloc_hold(a.barrier_kT, a.bit, duration, &s->res->protocol, err);
}

/* start and passage: the hold protocol by name only; passage needs start and the Langevin method. */
static int passage_rules(sim *s, limen_error *err) {
  const int start = given(s, LIMEN_SIMULATE_IN_START), passage = given(s, LIMEN_SIMULATE_IN_PASSAGE);
  if (!start && !passage) return LIMEN_OK;
  const char *which = passage ? "passage" : "start";
  if (strcmp(s->res->protocol->kind, "hold") != 0 || !s->cfg->protocol)
    return limen_error_input(err, LIMEN_EINVAL, which, NULL, NULL, "%s applies to --protocol hold only", which);
  if (passage && (s->has & LIMEN_SIM_HAS_FP))
    return limen_error_input(err, LIMEN_EINVAL, which, NULL, NULL, "passage applies to --method langevin only");
  if (passage && !start)
    return limen_error_input(err, LIMEN_EINVAL, which, NULL, NULL,
                             "passage needs --start X0 (the point every trajectory starts from)");
  s->has |= LIMEN_SIM_HAS_START;
  s->lc.init = s->fc.init = LIMEN_INIT_FIXED;
  s->fc.x0 = s->lc.x0;
  if (!passage) return LIMEN_OK;
  s->has |= LIMEN_SIM_HAS_PASSAGE;
  s->lc.record |= LIMEN_RECORD_PASSAGE;
  s->lc.stop_at_passage = 1;
  return passage_plan(s, err);
}

/* The engines' configurations from the inputs, the protocol, and the rules between them. */
static int setup(sim *s, limen_error *err) {
  const limen_simulate_config *c = s->cfg;
  int st = limen_simulate_inputs_check(c, err);
  if (st) return st;
  s->lc = c->langevin;
  s->lc.init = LIMEN_INIT_EQUILIBRIUM;
  s->lc.record = c->keep_files ? LIMEN_RECORD_HISTOGRAMS : 0u;
  s->lc.stop_at_passage = 0;
  s->lc.progress = c->progress;
  s->lc.progress_ctx = c->progress_ctx;
  s->fc = c->fp;
  s->fc.dt = s->lc.dt;
  s->fc.max_work = c->max_work;
  s->fc.init = LIMEN_INIT_EQUILIBRIUM;
  s->fc.progress = c->progress;
  s->fc.progress_ctx = c->progress_ctx;
  if ((st = method_rules(s, err)) || (st = build_protocol(s, err)) || (st = passage_rules(s, err))) return st;
  const double tau = limen_protocol_duration(s->res->protocol);
  if (s->lc.dt > tau && tau > 0)
    return limen_error_input(err, LIMEN_EINVAL, "dt", NULL, NULL,
                             "dt = %g tau0: allowed range (0, %g] tau0: the protocol lasts only %g tau0 = %g s; "
                             "lengthen it (tau in seconds, or with a unit: 20ns, 20tau0) or shorten dt",
                             s->lc.dt, tau, tau, tau * c->tau0_s);
  return LIMEN_OK;
}

/* The ensemble's means and standard errors are finite numbers: a protocol whose energies square
 * beyond a double (a stiffness ratio of 1e306) is refused, not reported as "± inf". */
static int summary_finite(const limen_sim_summary *m, limen_error *err) {
  const double v[6] = {m->mean_work, m->stderr_work, m->mean_heat, m->stderr_heat, m->mean_dU, m->stderr_dU};
  for (int i = 0; i < 6; i++)
    if (!isfinite(v[i]))
      return limen_error_plain(err, LIMEN_ERANGE,
                             "the ensemble's work, heat or energy change (mean work %g kT ± %g) does not fit a double: "
                             "the protocol's energies are beyond what the simulation can represent (reduce the "
                             "stiffness ratio, the tilt or the barrier)", m->mean_work, m->stderr_work);
  return LIMEN_OK;
}

/* trajectories × steps within the cap on the work (langevin.h), before the run starts. */
static int langevin_work(const limen_langevin_config *c, const limen_protocol *proto, const sim *s,
                         limen_error *err) {
  const double steps = ceil(limen_protocol_duration(proto) / c->dt * (1.0 - 1e-12));
  char what[96];
  snprintf(what, sizeof what, "%zu trajectories × %.3g steps of dt = %g tau0", c->n_traj, steps, c->dt);
  return limen_work_check((double)c->n_traj * steps, s->cfg->max_work, what, err);
}

static int run_langevin(sim *s, const limen_simulate_comm *comm, limen_error *err) {
  limen_langevin_config *c = &s->lc;
  const limen_protocol *proto = s->res->protocol;
  limen_langevin_result *lr = &s->res->langevin;
  const char *in = s->cfg->integrator;
  c->integrator = limen_integrator_type_auto(proto->potential);
  int st = in && strcmp(in, "auto") != 0 ? limen_integrator_type_find(in, &c->integrator, err) : LIMEN_OK;
  char inputs[4096];
  if (!st) st = langevin_work(c, proto, s, err);
  if (!st && s->ctl) st = limen_simulate_checkpoint_inputs(s->cfg, inputs, sizeof inputs, err);
  const int one = !comm || comm->size <= 1;
  if (!st && s->ctl && one) st = limen_simulate_langevin_units(c, proto, inputs, s->ctl, lr, err);
  else if (!st && !(st = limen_simulate_langevin_spread(c, proto, comm, lr, err)) && s->ctl)
    st = limen_simulate_checkpoint_whole(inputs, s->ctl, lr, err);
  /* diverged: the time step is too long for this protocol's cell */
  if (st == LIMEN_ENUMERIC && err && strcmp(err->field, "dt") == 0) {
    char why[LIMEN_ERROR_MSG_MAX];
    snprintf(why, sizeof why, "%s", err->msg);
    return limen_error_input(err, LIMEN_EINVAL, "dt", err->value, NULL, "dt = %g tau0: %.1500s", c->dt, why);
  }
  if (st) return st;
  if ((st = limen_sim_summary_langevin(proto, lr, &s->summary, err)) || (st = summary_finite(&s->summary, err)) ||
      !(s->has & LIMEN_SIM_HAS_PASSAGE))
    return st;
  if (lr->n_passed < lr->n_traj)
    return limen_error_input(
        err, LIMEN_EINVAL, "tau", NULL, NULL,
        "tau = %g tau0: %zu of %zu trajectories did not pass --passage %g (exact mean first-passage "
        "time %.6g tau0), and the mean over the others would be biased: raise --tau (unset, it is %g "
        "times the exact mean)",
        lr->duration, lr->n_traj - lr->n_passed, lr->n_traj, c->passage_x, s->exact_passage, LIMEN_PASSAGE_RUN_FACTOR);
  return limen_langevin_passage_stats(lr, &s->mean_passage, &s->se_passage, err);
}

/* The Fokker–Planck solver, in blocks of steps under the control when there is one (the same
 * inputs text as a Langevin run's: the method is one of its lines). */
static int run_fp(sim *s, limen_error *err) {
  char inputs[4096] = "";
  int st = s->ctl ? limen_simulate_checkpoint_inputs(s->cfg, inputs, sizeof inputs, err) : LIMEN_OK;
  if (!st) st = limen_fp_run_ctl(&s->fc, NULL, s->res->protocol, "simulate", inputs, s->ctl, &s->res->fp, err);
  if (!st) st = limen_sim_summary_fp(s->res->protocol, &s->res->fp, &s->summary, err);
  return st ? st : summary_finite(&s->summary, err);
}

/* The report of the run. */
static void report(const sim *s, double t0) {
  limen_sim_report *r = &s->res->report;
  limen_sim_report_init(r, s->res->protocol, s->cfg->temperature_K, s->cfg->tau0_s);
  if (s->has & LIMEN_SIM_HAS_FP)
    limen_sim_report_fp(r, &s->res->fp);
  else
    limen_sim_report_langevin(r, &s->lc, &s->res->langevin);
  r->has |= s->has;
  r->summary = s->summary;
  r->start_x = s->lc.x0;
  r->passage_x = s->lc.passage_x;
  r->exact_passage_tau0 = s->exact_passage;
  r->mean_passage_tau0 = s->mean_passage;
  r->stderr_passage_tau0 = s->se_passage;
  r->wall_seconds = omp_get_wtime() - t0;
  limen_sim_report_finish(r);
}

int limen_simulate_run(const limen_simulate_config *cfg, const limen_simulate_comm *comm, limen_simulate_result *res,
                       limen_error *err) {
  return limen_simulate_run_ctl(cfg, comm, NULL, res, err);
}

int limen_simulate_run_ctl(const limen_simulate_config *cfg, const limen_simulate_comm *comm, limen_run_control *ctl,
                           limen_simulate_result *res, limen_error *err) {
  if (!cfg || !res) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(res, 0, sizeof *res);
  const double t0 = omp_get_wtime();
  sim s;
  memset(&s, 0, sizeof s);
  s.cfg = cfg;
  s.rows = limen_simulate_inputs(NULL);
  s.res = res;
  s.ctl = ctl;
  int st = setup(&s, err);
  const int resumed = ctl && ctl->checkpoint && ctl->checkpoint->command;
  if (!st && resumed && comm && comm->size > 1)
    st = limen_error_plain(err, LIMEN_EINVAL, "a checkpoint continues a run on one process only");
  if (!st && !(s.has & LIMEN_SIM_HAS_FP)) limen_provenance_note_seed((uint64_t)cfg->langevin.seed);
  if (!st) st = (s.has & LIMEN_SIM_HAS_FP) ? run_fp(&s, err) : run_langevin(&s, comm, err);
  if (!st) report(&s, t0);
  return st;
}

void limen_simulate_result_clear(limen_simulate_result *res) {
  if (!res) return;
  limen_langevin_result_clear(&res->langevin);
  limen_fp_result_clear(&res->fp);
  limen_protocol_free(res->protocol);
  memset(res, 0, sizeof *res);
}
