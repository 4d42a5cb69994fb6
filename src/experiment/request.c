/* SPDX-License-Identifier: GPL-3.0-or-later
 * request.c: the rules between the inputs a user gives to a training run, a sweep, the scaling
 * experiment or a Max-Cut anneal (experiment.h: limen_experiment_request_conflicts, _choices),
 * and the message of a Langevin run refused as too large.  Messages start with the input's name
 * as the rows spell it, so that a tool can put its own spelling ("--") before them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"

static int given(const limen_experiment_request *r, const char *name) {
  for (size_t i = 0; r->given && i < r->n_given; i++)
    if (r->given[i] && strcmp(r->given[i], name) == 0) return 1;
  return 0;
}

/* The first of `names` (NULL-terminated) that is given, or NULL. */
static const char *first_given(const limen_experiment_request *r, const char *const *names) {
  for (; *names; names++)
    if (given(r, *names)) return *names;
  return NULL;
}

static int is(const char *a, const char *b) { return a && strcmp(a, b) == 0; }

/* Every training run and training experiment: the Max-Cut inputs, t0 of the inverse schedule
 * with another schedule, the batch of the quadratic task (whose gradient is exact). */
static int training_rules(const limen_experiment_request *r, limen_error *err) {
  static const char *const maxcut_only[] = {"beta0", "beta-end", "barrier-rise", NULL};
  const char *n = first_given(r, maxcut_only);
  if (n)
    return limen_error_input(err, LIMEN_EINVAL, n, NULL, NULL,
                             "%s applies to the Max-Cut tasks and --experiment maxcut only", n);
  if (given(r, "lr-t0") && r->schedule && strcmp(r->schedule, "inverse") != 0)
    return limen_error_input(err, LIMEN_EINVAL, "lr-t0", NULL, NULL,
                             "lr-t0 applies to --schedule inverse only (not %s)", r->schedule);
  if (given(r, "batch") && is(r->task, "quadratic"))
    return limen_error_input(err, LIMEN_EINVAL, "batch", NULL, NULL,
                             "batch does not apply to --task quadratic (its gradient is exact, there are "
                             "no data rows; it applies to digits, digits-mlp and breast-cancer)");
  return LIMEN_OK;
}

/* The inputs of the cells that a paradigm does not read (`who` names the runs). */
static int paradigm_rules(const limen_experiment_request *r, const char *paradigm, const char *who, limen_error *err) {
  const int hop = is(paradigm, "lim-fixed") || is(paradigm, "lim-matched");
  if (is(paradigm, "ideal")) {
    static const char *const physical[] = {"barrier", "barrier-low", "retention-barrier", "bits", "w-max",
                                           "tau0",    "temperature", "cells",             NULL};
    const char *n = first_given(r, physical);
    return n ? limen_error_input(err, LIMEN_EINVAL, n, NULL, NULL,
                                 "%s does not apply to --paradigm ideal (floating point, no cells; it applies to "
                                 "the physical paradigms)",
                                 n)
             : LIMEN_OK;
  }
  const char *b = given(r, "barrier") ? "barrier" : given(r, "barrier-low") ? "barrier-low" : NULL;
  if (!hop && b)
    return limen_error_input(err, LIMEN_EINVAL, b, NULL, NULL,
                             "%s applies to --paradigm %s (%s holds its cells at --retention-barrier)", b,
                             is(b, "barrier") ? "lim-matched" : "lim-fixed", who);
  /* the names mean what they mean in simulate: E_b, and the lowered barrier E_low */
  if (is(paradigm, "lim-fixed") && given(r, "barrier"))
    return limen_error_input(err, LIMEN_EINVAL, "barrier", NULL, NULL,
                             "barrier (E_b) does not apply to --paradigm lim-fixed: its cells learn at the "
                             "lowered barrier --barrier-low (E_low), as in simulate");
  if (is(paradigm, "lim-matched") && given(r, "barrier-low"))
    return limen_error_input(err, LIMEN_EINVAL, "barrier-low", NULL, NULL,
                             "barrier-low does not apply to --paradigm lim-matched: its barrier starts at "
                             "--barrier (E_b(0)) and follows the learning rate");
  if (!hop && given(r, "cells"))
    return limen_error_input(err, LIMEN_EINVAL, "cells", NULL, NULL,
                             "cells applies to --paradigm lim-fixed and lim-matched (%s: closed-form "
                             "static writes, no cell dynamics)",
                             who);
  if (hop && given(r, "retention-barrier") && !(given(r, "hold") && r->hold > 0))
    return limen_error_input(err, LIMEN_EINVAL, "retention-barrier", NULL, NULL,
                             "retention-barrier is not used by %s without --hold > 0 (its "
                             "cells sit at E_ret only between windows; digital-static and analog-static always use it)",
                             who);
  return LIMEN_OK;
}

/* A Max-Cut anneal (`what` names the run, "--task maxcut-G1"): the training inputs. */
static int maxcut_rules(const limen_experiment_request *r, const char *what, limen_error *err) {
  static const char *const training[] = {"batch", "lr",   "schedule", "lr-t0", "bits",
                                         "w-max", "hold", "window",   "cells", NULL};
  const char *n = first_given(r, training);
  return n ? limen_error_input(err, LIMEN_EINVAL, n, NULL, NULL,
                               "%s does not apply to %s (it applies to the training tasks)", n, what)
           : LIMEN_OK;
}

/* --experiment scaling, and the sweeps (paradigms, window, barrier). */
static int experiment_rules(const limen_experiment_request *r, limen_error *err) {
  const char *e = r->experiment;
  if (is(e, "scaling")) {
    if (given(r, "paradigm") || given(r, "values")) {
      const char *n = given(r, "paradigm") ? "paradigm" : "values";
      return limen_error_input(err, LIMEN_EINVAL, n, NULL, NULL, "%s does not apply to --experiment scaling", n);
    }
    if (given(r, "target") || given(r, "eval-every")) {
      const char *n = given(r, "target") ? "target" : "eval-every";
      return limen_error_input(err, LIMEN_EINVAL, n, NULL, NULL,
                               "%s does not apply to --experiment scaling (it compares total heat, not the way "
                               "to a target)",
                               n);
    }
    return LIMEN_OK;
  }
  limen_experiment_kind kind = is(e, "paradigms") ? LIMEN_EXPERIMENT_PARADIGMS
                               : is(e, "barrier") ? LIMEN_EXPERIMENT_BARRIER
                                                  : LIMEN_EXPERIMENT_WINDOW;
  if (kind == LIMEN_EXPERIMENT_PARADIGMS && given(r, "paradigm"))
    return limen_error_input(err, LIMEN_EINVAL, "paradigm", NULL, NULL,
                             "paradigm does not apply to --experiment paradigms");
  if (kind == LIMEN_EXPERIMENT_PARADIGMS && given(r, "values"))
    return limen_error_input(err, LIMEN_EINVAL, "values", NULL, NULL,
                             "values does not apply to --experiment paradigms");
  if (kind == LIMEN_EXPERIMENT_WINDOW && given(r, "window"))
    return limen_error_input(err, LIMEN_EINVAL, "window", NULL, NULL,
                             "window is swept by --experiment window (use --values)");
  if (kind == LIMEN_EXPERIMENT_BARRIER && (given(r, "barrier") || given(r, "barrier-low")))
    return limen_error_input(err, LIMEN_EINVAL, given(r, "barrier") ? "barrier" : "barrier-low", NULL, NULL,
                             "%s is swept by --experiment barrier (use --values)",
                             given(r, "barrier") ? "barrier" : "barrier-low");
  if (kind == LIMEN_EXPERIMENT_PARADIGMS) return LIMEN_OK;
  const char *p = r->paradigm ? r->paradigm : limen_experiment_sweep_config_default(kind).run.paradigm;
  if (kind == LIMEN_EXPERIMENT_BARRIER && p && !is(p, "lim-fixed") && !is(p, "lim-matched"))
    return limen_error_input(err, LIMEN_EINVAL, "experiment", NULL, NULL,
                             "experiment barrier sweeps the barrier of lim-fixed and lim-matched; "
                             "--paradigm %s has none",
                             p);
  return paradigm_rules(r, p ? p : "lim-fixed", p ? p : "lim-fixed and lim-matched", err);
}

static int maxcut_task(const limen_experiment_request *r) { return r->task && strncmp(r->task, "maxcut-", 7) == 0; }

int limen_experiment_request_conflicts(const limen_experiment_request *r, limen_error *err) {
  if (!r) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const char *e = r->experiment;
  if (given(r, "values") && !e)
    return limen_error_input(err, LIMEN_EINVAL, "values", NULL, NULL, "values needs --experiment window or barrier");
  if (is(e, "maxcut")) {
    if (given(r, "task"))
      return limen_error_input(err, LIMEN_EINVAL, "task", NULL, NULL,
                               "task does not apply to --experiment maxcut (it anneals G1, G11 and G14)");
    if (given(r, "values"))
      return limen_error_input(err, LIMEN_EINVAL, "values", NULL, NULL,
                               "values does not apply to --experiment maxcut (it applies to --experiment "
                               "window and barrier)");
    return maxcut_rules(r, "--experiment maxcut", err);
  }
  if (e && maxcut_task(r))
    return limen_error_input(err, LIMEN_EINVAL, "experiment", NULL, NULL,
                             "experiment %s applies to the training tasks (Max-Cut: --experiment "
                             "maxcut)",
                             e);
  if (!e && maxcut_task(r)) {
    char what[64];
    snprintf(what, sizeof what, "--task %s", r->task);
    return maxcut_rules(r, what, err);
  }
  int st = training_rules(r, err);
  if (st || e) return st ? st : experiment_rules(r, err);
  const char *p = r->paradigm ? r->paradigm : limen_experiment_config_default().paradigm;
  return paradigm_rules(r, p, p, err);
}

int limen_experiment_request_choices(const limen_experiment_request *r, limen_error *err) {
  if (!r) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const int anneal = is(r->experiment, "maxcut") || (!r->experiment && maxcut_task(r));
  if (anneal && r->paradigm && strcmp(r->paradigm, "lim-matched") != 0) {
    int st = limen_error_input(err, LIMEN_EINVAL, "paradigm", NULL, NULL,
                               "paradigm: '%s': Max-Cut annealing runs lim-matched spins only (the static "
                               "cost of the same flips is reported alongside)",
                               r->paradigm);
    limen_error_set_fields(err, "paradigm", r->paradigm, "lim-matched");
    return st;
  }
  return LIMEN_OK;
}

/* A power of ten as "1e8", anything else as %g. */
static const char *short_number(char *buf, size_t n, double v) {
  char e[32];
  snprintf(e, sizeof e, "%.0e", v);
  int exp10;
  if (sscanf(e, "1e%d", &exp10) == 1 && strtod(e, NULL) == v)
    snprintf(buf, n, "1e%d", exp10);
  else
    snprintf(buf, n, "%g", v);
  return buf;
}

int limen_experiment_langevin_refusal(const limen_experiment_setup *s, const limen_experiment_config *c,
                                      limen_error *err) {
  if (!s || !c) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char max[32];
  return limen_error_input(err, LIMEN_EINVAL, "cells", NULL, NULL,
                           "cells: langevin: %zu cells × %zu steps × %g τ₀ windows = %.3g Langevin steps; "
                           "allowed ≤ %s (use fewer --steps, a shorter --window, or --cells jump)",
                           s->n_params, s->train.steps, s->window_tau0, s->langevin_steps,
                           short_number(max, sizeof max, c->max_langevin_steps));
}
