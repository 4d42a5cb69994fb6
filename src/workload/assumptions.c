/* SPDX-License-Identifier: GPL-3.0-or-later
 * assumptions.c: the assumption lines of a workload (workload.h): every input with its unit,
 * origin and meaning, the catalog row and its source, and the derived OPS, K, τ_op and kT, so
 * that every front end states a projection's workload in the same words. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/input.h"
#include "limen/units.h"
#include "limen/workload.h"


/* Where row i's value came from, as the line states it. */
static void source_text(const limen_workload_setup *s, size_t i, char *buf, size_t n) {
  const limen_model *m = s->model;
  switch (s->origin[i]) {
    case LIMEN_ORIGIN_GIVEN: snprintf(buf, n, "%s", s->source[i] ? s->source[i] : "given"); return;
    case LIMEN_ORIGIN_CATALOG:
      if (!s->custom && m) {
        snprintf(buf, n, "catalog row '%s'", m->name);
        return;
      }
      break;
    case LIMEN_ORIGIN_DERIVED: snprintf(buf, n, "derived"); return;
    case LIMEN_ORIGIN_PATH: snprintf(buf, n, "from the learning path"); return;
    case LIMEN_ORIGIN_DEFAULT: break;
  }
  snprintf(buf, n, "default");
}

/* The line of input row i (derived defaults stated by what they are derived from). */
static void input_line(const limen_workload_setup *s, const limen_input *in, size_t i, const limen_workload *w,
                       const limen_workload_derived *d, char *t, size_t n) {
  char v[64], src[200];
  double x = limen_input_get(in, w);
  source_text(s, i, src, sizeof src);
  if (strcmp(in->name, "flops") == 0 && x <= 0)
    snprintf(t, n, "C = c_f·N·D = %s FLOP (%s)", limen_format_number(v, sizeof v, d->flops), "derived");
  else if (strcmp(in->name, "parallel-cells") == 0 && x <= 0)
    snprintf(t, n, "P = N = %s cells (default: every parameter is a cell)", limen_format_number(v, sizeof v, d->parallel_cells));
  else if (w->path && (strncmp(in->name, "lr-", 3) == 0 || strcmp(in->name, "grad-scale") == 0))
    snprintf(t, n, "%s — not used: the learning path is measured", in->symbol);
  else if (strcmp(in->name, "write-time") == 0 && x <= 0)
    snprintf(t, n, "τ_w = τ_op = %s s (default)", limen_format_number(v, sizeof v, d->write_time_s));
  else if (limen_input_is_derived(in, x)) /* left to be derived: say from what, never its 0 */
    snprintf(t, n, "%s %s — %s", in->symbol, in->default_text, in->doc);
  else
    snprintf(t, n, "%s = %s%s%s (%s) — %s", in->symbol, limen_format_number(v, sizeof v, x), in->unit ? " " : "",
             in->unit ? in->unit : "", src, in->doc);
}

/* The catalog row (or the custom workload) first. */
static int head_lines(const limen_workload_setup *s, limen_line_fn fn, void *ctx, char *t, size_t n) {
  const limen_model *m = s->model;
  if (s->custom || !m) {
    snprintf(t, n, "custom workload '%s' (--params/--tokens); other inputs at their defaults unless given", s->w.name);
    return fn(ctx, t);
  }
  snprintf(t, n, "catalog row '%s' (%s); source: %s", m->name, m->display, m->source);
  int rc = fn(ctx, t);
  if (rc || !m->notes[0]) return rc;
  snprintf(t, n, "catalog notes on '%s': %s", m->name, m->notes);
  return fn(ctx, t);
}

/* The measured learning path and how it is scaled to the workload (docs/path.md). */
static void path_line(const limen_workload_setup *s, const limen_workload *w, const limen_workload_derived *d,
                      char *t, size_t n) {
  const limen_learning_path *p = w->path;
  char a[64], b[64], c[64], e[64], f[64];
  snprintf(t, n, "learning path: measured%s%s%s, %llu parameters over %zu steps at %d bits on [%s, %s]; scaled to "
           "N parameters and K steps (each measured step stands for K/K_m = %s steps, moves and writes per parameter "
           "as measured): S = %s levels per parameter, %s writes that change a level, %s bit flips",
           s->learning_path_source ? " (" : "", s->learning_path_source ? s->learning_path_source : "",
           s->learning_path_source ? ")" : "", (unsigned long long)p->totals.params, p->n_steps, p->bits,
           limen_format_number(a, sizeof a, p->lo), limen_format_number(b, sizeof b, p->hi),
           limen_format_number(c, sizeof c, d->path.step_scale), limen_format_number(e, sizeof e, d->path.levels),
           limen_format_number(f, sizeof f, d->path.writes), limen_format_number(a, sizeof a, d->path.bit_flips));
}

/* OPS, K, τ_op, kT and the schedule last. */
static int derived_lines(const limen_workload_setup *s, const limen_workload *w, const limen_workload_derived *d,
                         limen_line_fn fn, void *ctx, char *t, size_t n) {
  char a[64], b[64];
  int rc;
  snprintf(t, n, "OPS convention %s: OPS = %s elementary update operations", limen_ops_convention_name(w->ops),
           limen_format_number(a, sizeof a, d->ops));
  if ((rc = fn(ctx, t))) return rc;
  snprintf(t, n, "K = D/B_s = %s steps of Δt = %s s", limen_format_number(a, sizeof a, d->steps), limen_format_number(b, sizeof b, d->step_time_s));
  if ((rc = fn(ctx, t))) return rc;
  snprintf(t, n, "τ_op = T_train·P/OPS = %s s = %s τ₀ (time budget of one operation in one cell)",
           limen_format_number(a, sizeof a, d->tau_op_s), limen_format_number(b, sizeof b, d->tau_op_tau0));
  if ((rc = fn(ctx, t))) return rc;
  snprintf(t, n, "kT = %s J at T = %s K (k_B = 1.380649e-23 J/K, exact SI)", limen_format_number(a, sizeof a, d->kT_J),
           limen_format_number(b, sizeof b, w->temperature_K));
  if ((rc = fn(ctx, t))) return rc;
  if (w->path) path_line(s, w, d, t, n);
  else snprintf(t, n, "learning-rate schedule of lim-matched: %s", limen_lr_kind_name(w->lr_kind));
  return fn(ctx, t);
}

int limen_workload_assumptions(const limen_workload_setup *s, const limen_workload *w, limen_line_fn fn, void *ctx,
                               limen_error *err) {
  if (!s || !w || !fn) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  limen_workload_derived d;
  int rc = limen_workload_derive(w, &d, err);
  if (rc != LIMEN_OK) return rc;
  char t[1400];
  if ((rc = head_lines(s, fn, ctx, t, sizeof t))) return rc;
  size_t n;
  const limen_input *in = limen_workload_inputs(&n);
  for (size_t i = 0; i < n; i++) {
    input_line(s, &in[i], i, w, &d, t, sizeof t);
    if ((rc = fn(ctx, t))) return rc;
  }
  return derived_lines(s, w, &d, fn, ctx, t, sizeof t);
}
