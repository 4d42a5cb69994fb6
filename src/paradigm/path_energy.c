/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_energy.c: the energies of a measured learning path (paradigm.h, docs/path.md) — the
 * workload of the measured run itself, and a projection split over the measured steps.  The
 * energies themselves are the paradigms' own, with the path attached to the workload. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "paradigm/paradigm_impl.h"

int limen_learning_path_workload(const limen_learning_path *p, limen_workload *w, limen_error *err) {
  static const char *fn = "limen_learning_path_workload";
  if (!p || !w) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  int rc = limen_learning_path_check(p, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "learning path");
  if (!(p->step_time_s > 0))
    return limen_error_input(err, LIMEN_EINVAL, "step-time", "not given", "(0, 1e12] s",
                             "step-time: not given; the energies of a path need the duration of one step "
                             "(the training time is steps × step time)");
  *w = limen_workload_default();
  snprintf(w->name, sizeof w->name, "measured path");
  w->params = (double)p->totals.params;
  w->tokens = (double)p->n_steps;
  w->batch_tokens = 1.0;
  w->flops = 0.0; /* C = c_f·N·D: a dense estimate; the run's FLOPs are not measured */
  w->ops = LIMEN_OPS_PER_PARAMETER_STEP;
  w->bits = p->bits;
  w->param_range = p->hi - p->lo;
  w->temperature_K = p->temperature_K;
  w->train_time_s = p->step_time_s * (double)p->n_steps;
  w->path = p;
  limen_workload_derived d;
  rc = limen_workload_derive(w, &d, err);
  if (rc != LIMEN_OK) return limen_error_wrap(err, rc, fn, "the measured run's workload");
  return LIMEN_OK;
}

/* Step j's share of what the update term follows. */
static double share(const limen_learning_path *p, int follows, size_t j) {
  double K = (double)p->n_steps;
  if (follows == LIMEN_FOLLOWS_PATH_LEVELS && p->totals.path_levels > 0)
    return p->steps[j].path_levels / p->totals.path_levels;
  if (follows == LIMEN_FOLLOWS_WRITES && p->totals.changed > 0)
    return (double)p->steps[j].changed / (double)p->totals.changed;
  return 1.0 / K;
}

int limen_projection_path_steps(const limen_projection *pr, const limen_workload *w, double *energy_J, size_t n,
                                limen_error *err) {
  static const char *fn = "limen_projection_path_steps";
  if (!pr || !w || !energy_J) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL argument");
  const limen_learning_path *p = w->path;
  if (!p) return limen_error_set(err, LIMEN_EINVAL, fn, "the workload has no learning path");
  if (n != p->n_steps)
    return limen_error_set(err, LIMEN_EINVAL, fn, "n = %zu: the path has %zu steps", n, p->n_steps);
  if (!isfinite(pr->energy_J))
    return limen_error_set(err, LIMEN_EINVAL, fn, "%s: energy %g J is not finite", pr->name, pr->energy_J);
  double update = isnan(pr->update_J) ? 0.0 : pr->update_J, rest = pr->energy_J - update;
  for (size_t j = 0; j < n; j++)
    energy_J[j] = update * share(p, pr->update_follows, j) + rest / (double)n;
  return LIMEN_OK;
}
