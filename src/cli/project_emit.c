/* SPDX-License-Identifier: GPL-3.0-or-later
 * project_emit.c: the outputs of `limen project` (project_emit.h).  The default table is one
 * row per paradigm with the work it counts, its energy, the Landauer floor of that same work
 * and the ratios; --verbose adds every term and assumption.  CSV and JSON, which carry
 * everything, are the library's (limen_project_json / _csv). */
#include "cli/project_emit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/units.h"

static const char *rel_short(const limen_projection *p) {
  return p->relation && strcmp(p->relation, "lower-bound") == 0 ? "bound" : "model";
}

/* ---- the compact table ------------------------------------------------------------------ */

enum { COL_NAME, COL_WORK, COL_REL, COL_E, COL_FLOOR, COL_RF, COL_RH, N_COLS };

static int render_rows(const cli_project_run *r, const int *show, cli_buf *out, limen_error *err) {
  static const char *const all[N_COLS] = {"paradigm", "counted work", "relation", "energy [J]",
                                          "floor [J]", "× floor", "× headline"};
  const char *head[N_COLS];
  int map[N_COLS];
  size_t nc = 0;
  for (int c = 0; c < N_COLS; c++)
    if (show[c]) {
      map[c] = (int)nc;
      head[nc++] = all[c];
    }
  cli_table t;
  int s = cli_table_init(&t, nc, head, err);
  for (size_t c = 1; !s && c < nc; c++) cli_table_set_right(&t, c, c >= (size_t)map[COL_E]);
  char v[96];
  for (size_t i = 0; !s && i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", p->name);
    if (show[COL_WORK]) cli_table_set(&t, (size_t)map[COL_WORK], "%s", limen_projection_counted_work(v, sizeof v, p, &r->wl.w));
    if (show[COL_REL]) cli_table_set(&t, (size_t)map[COL_REL], "%s", rel_short(p));
    cli_table_set(&t, (size_t)map[COL_E], "%s", cli_human(v, sizeof v, p->energy_J, 4));
    cli_table_set(&t, (size_t)map[COL_FLOOR], "%s", cli_human(v, sizeof v, p->floor_J, 4));
    cli_table_set(&t, (size_t)map[COL_RF], "%s", isnan(p->ratio_to_floor) ? "-" : cli_human(v, sizeof v, p->ratio_to_floor, 3));
    cli_table_set(&t, (size_t)map[COL_RH], "%s",
                  isnan(p->ratio_to_headline) ? "-" : cli_human(v, sizeof v, p->ratio_to_headline, 3));
  }
  if (!s) s = cli_table_check(&t, err);
  if (!s) cli_table_text(&t, out, 0);
  cli_table_free(&t);
  return s;
}

/* The table at the terminal's width: the relation column, then the counted work, give way. */
static int emit_rows(const cli_project_run *r, cli_buf *b, limen_error *err) {
  int show[N_COLS] = {1, 1, 1, 1, 1, 1, 1};
  static const int drop[] = {COL_REL, COL_WORK};
  for (size_t k = 0;; k++) {
    cli_buf t;
    cli_buf_init(&t);
    int s = render_rows(r, show, &t, err);
    if (!s) s = cli_buf_check(&t, err);
    if (s || cli_text_width(t.data) <= r->columns || k == sizeof drop / sizeof drop[0]) {
      if (!s) cli_buf_puts(b, t.data);
      cli_buf_free(&t);
      return s;
    }
    cli_buf_free(&t);
    show[drop[k]] = 0;
  }
}

static void note(cli_buf *b, const cli_project_run *r, const char *text) { cli_wrap(b, "", 2, text, r->columns); }

static void emit_legend(const cli_project_run *r, cli_buf *b) {
  char t[1024];
  int reads = 0, copies = 0, upd = 0;
  for (size_t i = 0; i < r->n; i++)
    for (size_t k = 0; k < r->proj[i].n_counts; k++) {
      limen_work_kind kind = r->proj[i].counts[k].kind;
      reads |= kind == LIMEN_WORK_READ;
      copies |= kind == LIMEN_WORK_CONSOLIDATION;
      upd |= kind == LIMEN_WORK_PARAMETER_UPDATE && k == 0;
    }
  snprintf(t, sizeof t, "counted work: C×nb = C FLOP results of n bits (a multiply-accumulate is 2 FLOPs)%s%s%s%s.",
           upd ? "; N·K×nb = parameter updates of n bits (a number: fewer, when steps move less than a level)" : "",
           upd && r->wl.w.path ? "; W×nb = the measured path's writes that change a level, scaled to N and K" : "",
           reads ? "; +R = C in-memory reads (floor 0 J)" : "", copies ? "; +C = consolidation copies" : "");
  note(b, r, t);
  note(b, r, "floor: the Landauer cost of exactly that work, ops × bits × kT·ln2 (generalized for success < 1). "
             "× headline: only where the counted work is the headline's (C×nb). relation: bound = no process of "
             "that kind does better; model = the cost of a stated mechanism or device.");
  for (size_t i = 0; i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    if (p->bits_mismatch) {
      snprintf(t, sizeof t, "! %s: the profile's figures hold for %g-bit operations, not n = %g; not rescaled.",
               p->name, p->bits_used, r->wl.w.bits);
      note(b, r, t);
    }
    if (!isnan(p->effective_bits)) {
      char x[64];
      snprintf(t, sizeof t, "%s: %.4g effective bits (final spread within one level ε = range/2^n); its floor is a "
               "reference (moves by known steps erase nothing), its bound the uncertainty relation: %s J.",
               p->name, p->effective_bits, cli_human(x, sizeof x, p->bound_J, 4));
      note(b, r, t);
    }
  }
  snprintf(t, sizeof t, "accelerators: %s.", r->wl.w.pue == 1.0 ? "board only (PUE 1; --pue for a facility basis)" : "");
  if (r->wl.w.pue != 1.0) snprintf(t, sizeof t, "accelerators: × PUE %g (facility basis).", r->wl.w.pue);
  note(b, r, t);
}

static void human_energy(char *buf, size_t n, double J) {
  char a[64], k[64];
  snprintf(buf, n, "%s J (%s kWh)", cli_human(a, sizeof a, J, 4), cli_human(k, sizeof k, limen_J_to_kWh(J), 4));
}

/* The published energy of a catalog row beside a projection on the same hardware and basis. */
static void emit_published(const cli_project_run *r, cli_buf *b) {
  const limen_model *m = r->pub.model;
  double pub_J = r->pub.energy_J;
  char h1[160], h2[160], h3[160], line[2 * LIMEN_MODEL_TEXT_MAX];
  human_energy(h1, sizeof h1, pub_J);
  cli_buf_printf(b, "\npublished training energy of %s: %s\n", m->display, h1);
  snprintf(line, sizeof line, "basis: %s; hardware: %s; source: %s", m->energy_basis, m->hardware, m->energy_source);
  cli_wrap(b, "  ", 4, line, r->columns);
  if (!r->pub.compared) {
    snprintf(line, sizeof line, "not compared: limen has no profile of this hardware (the catalog row names none), "
                                "and a projection on other hardware would not be like for like");
    cli_wrap(b, "  ", 4, line, r->columns);
    return;
  }
  const limen_projection *a = &r->pub.projection;
  human_energy(h2, sizeof h2, a->energy_J);
  snprintf(line, sizeof line, "projection on the same hardware and basis (%s × PUE %g%s): %s peak-spec", a->name,
           r->pub.pue, isnan(m->published_pue) ? ", board level as published" : ", as published", h2);
  cli_wrap(b, "  ", 4, line, r->columns);
  if (!isnan(a->realized_J)) {
    human_energy(h3, sizeof h3, a->realized_J);
    snprintf(line, sizeof line, "%s at the realized efficiency of published runs (profile notes name them; when "
                                "it is this run, the ratio is a consistency check)", h3);
    cli_wrap(b, "  ", 4, line, r->columns);
  }
  char x[64], y[64];
  cli_buf_printf(b, "  published / projection = %s (peak-spec)%s%s%s\n", cli_human(x, sizeof x, pub_J / a->energy_J, 4),
                 isnan(a->realized_J) ? "" : ", ", isnan(a->realized_J) ? "" : cli_human(y, sizeof y, pub_J / a->realized_J, 4),
                 isnan(a->realized_J) ? "" : " (realized)");
}

static int emit_header(const cli_project_run *r, cli_buf *b, limen_error *err) {
  const limen_workload *w = &r->wl.w;
  limen_workload_derived d;
  int s = limen_workload_derive(w, &d, err);
  if (s) return s;
  char n1[64], n2[64], n3[64], n4[64], n5[64], t[512];
  snprintf(t, sizeof t, "limen project: training energy of '%s'%s%s%s", w->name, r->wl.custom ? "" : " (",
           r->wl.custom ? "" : r->wl.model->display, r->wl.custom ? "" : ")");
  cli_wrap(b, "", 2, t, r->columns);
  snprintf(t, sizeof t, "N = %s parameters, D = %s tokens, C = %s FLOP, K = %s steps, n = %g bits,",
           cli_human(n1, 64, w->params, 4), cli_human(n2, 64, w->tokens, 4), cli_human(n3, 64, d.flops, 4),
           cli_human(n4, 64, d.steps, 4), w->bits);
  cli_wrap(b, "  ", 4, t, r->columns);
  snprintf(t, sizeof t, "T_train = %s days, T = %s K, OPS = %s (%s), τ_op = %s s",
           cli_human(n1, 64, w->train_time_s / LIMEN_SECONDS_PER_DAY, 4), cli_human(n2, 64, w->temperature_K, 4),
           cli_human(n3, 64, d.ops, 4), limen_ops_convention_name(w->ops), cli_human(n4, 64, d.tau_op_s, 4));
  cli_wrap(b, "  ", 4, t, r->columns);
  if (d.path.given) {
    snprintf(t, sizeof t, "learning path: measured (%s), %s parameters × %zu steps at %d bits; scaled to N and K: "
             "S = %s levels per parameter, W = %s writes that change a level",
             r->wl.setup.learning_path_source ? r->wl.setup.learning_path_source : "given",
             cli_human(n1, 64, (double)w->path->totals.params, 4), w->path->n_steps, w->path->bits,
             cli_human(n2, 64, d.path.levels, 4), cli_human(n3, 64, d.path.writes, 4));
    cli_wrap(b, "  ", 4, t, r->columns);
  }
  double head = r->n ? r->proj[0].headline_floor_J : NAN;
  snprintf(t, sizeof t, "headline floor C·n·kT·ln2 (per-FLOP Landauer): %s J = %s kWh", cli_human(n5, 64, head, 4),
           cli_human(n1, 64, limen_J_to_kWh(head), 4));
  cli_wrap(b, "  ", 4, t, r->columns);
  cli_buf_puts(b, "\n");
  return LIMEN_OK;
}

static const char *term_cell(char *buf, size_t n, double v) {
  return isnan(v) ? "not counted" : cli_human(buf, n, v, 4);
}

/* --verbose: every term, then every assumption. */
static int emit_terms(const cli_project_run *r, cli_buf *b, limen_error *err) {
  static const char *const head[] = {"paradigm",    "compute [J]",   "memory [J]",         "update [J]",
                                     "consol. [J]", "realized\n[J]", "update/op\n[kT/bit]"};
  cli_table t;
  int s = cli_table_init(&t, 7, head, err);
  for (size_t c = 1; !s && c < 7; c++) cli_table_set_right(&t, c, 1);
  char v[64];
  for (size_t i = 0; !s && i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", p->name);
    cli_table_set(&t, 1, "%s", term_cell(v, sizeof v, p->compute_J));
    cli_table_set(&t, 2, "%s", term_cell(v, sizeof v, p->memory_J));
    cli_table_set(&t, 3, "%s", term_cell(v, sizeof v, p->update_J));
    cli_table_set(&t, 4, "%s", term_cell(v, sizeof v, p->consolidation_J));
    cli_table_set(&t, 5, "%s", isnan(p->realized_J) ? "-" : cli_human(v, sizeof v, p->realized_J, 4));
    cli_table_set(&t, 6, "%s", isnan(p->update_per_op_kT) ? "-" : cli_human(v, sizeof v, p->update_per_op_kT, 4));
  }
  if (!s) s = cli_table_check(&t, err);
  if (!s) {
    cli_buf_puts(b, "\nterms:\n");
    cli_table_text(&t, b, 0);
  }
  cli_table_free(&t);
  if (s) return s;
  cli_buf_puts(b, "\nassumptions:\n  workload:\n");
  s = cli_wl_assumptions(&r->wl, &r->wl.w, b, "    ", NULL, err);
  for (size_t i = 0; !s && i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    char title[640];
    snprintf(title, sizeof title, "%s — %s (%s):", p->name, p->description ? p->description : "", p->relation);
    cli_wrap(b, "  ", 4, title, r->columns);
    for (size_t k = 0; k < p->n_assumptions; k++) cli_wrap(b, "    ", 6, p->assumptions[k], r->columns);
  }
  return s;
}

int cli_project_table(const cli_project_run *r, cli_buf *b, limen_error *err) {
  int s = emit_header(r, b, err);
  if (!s) s = emit_rows(r, b, err);
  if (s) return s;
  cli_buf_puts(b, "\n");
  emit_legend(r, b);
  if (!isnan(r->pub.energy_J)) emit_published(r, b);
  if (r->verbose) s = emit_terms(r, b, err);
  else {
    cli_buf_puts(b, "\n");
    note(b, r, "--verbose: every term and assumption; --format json: everything, per paradigm.");
  }
  if (!s) s = cli_buf_check(b, err);
  return s;
}

/* ---- CSV and JSON: the library's ------------------------------------------------------------ */

int cli_project_machine(const cli_project_run *r, int json, cli_buf *b, limen_error *err) {
  cJSON *arr = cJSON_CreateArray();
  const char **lines = NULL;
  int s = arr ? cli_wl_assumptions(&r->wl, &r->wl.w, NULL, "", arr, err) : LIMEN_ENOMEM;
  size_t n = s ? 0 : (size_t)cJSON_GetArraySize(arr);
  if (!s && n && !(lines = malloc(n * sizeof *lines))) s = LIMEN_ENOMEM;
  for (size_t i = 0; !s && i < n; i++) lines[i] = cJSON_GetArrayItem(arr, (int)i)->valuestring;
  char *text = NULL;
  limen_project_report rep = {&r->wl.w, r->proj, r->n, &r->pub, lines, n};
  if (!s) s = json ? limen_project_json(&rep, &text, err) : limen_project_csv(&rep, &text, err);
  if (!s) cli_buf_puts(b, text);
  limen_free(text);
  free(lines);
  cJSON_Delete(arr);
  if (s == LIMEN_ENOMEM && !(err && err->code)) return limen_error_set(err, s, "output", "out of memory");
  return s;
}
