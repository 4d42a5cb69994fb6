/* SPDX-License-Identifier: GPL-3.0-or-later
 * project_emit.c: the outputs of `limen project` (project_emit.h).  The default table is one
 * row per paradigm with the work it counts, its energy, the Landauer floor of that same work
 * and the ratios; --verbose adds every term and assumption; CSV and JSON carry everything. */
#include "cli/project_emit.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/units.h"

static const char *rel_short(const limen_projection *p) {
  return p->relation && strcmp(p->relation, "lower-bound") == 0 ? "bound" : "model";
}

const char *cli_project_work(char *buf, size_t n, const limen_projection *p, const limen_workload *w) {
  limen_workload_derived d;
  buf[0] = '\0';
  if (p->n_counts == 0 || limen_workload_derive(w, &d, NULL)) return buf;
  const limen_work_count *c = &p->counts[0];
  char ops[32];
  if (c->kind == LIMEN_WORK_FLOP && c->ops == d.flops) snprintf(ops, sizeof ops, "C");
  else if (c->kind == LIMEN_WORK_PARAMETER_UPDATE && c->ops == w->params * d.steps) snprintf(ops, sizeof ops, "N·K");
  else snprintf(ops, sizeof ops, "%.3g", c->ops);
  size_t at = (size_t)snprintf(buf, n, "%s×%gb%s", ops, c->bits, p->bits_mismatch ? "!" : "");
  for (size_t i = 1; i < p->n_counts && at < n; i++) {
    const char *x = p->counts[i].kind == LIMEN_WORK_READ            ? "+R"
                    : p->counts[i].kind == LIMEN_WORK_CONSOLIDATION ? "+C"
                                                                     : NULL;
    if (x) at += (size_t)snprintf(buf + at, n - at, "%s", x);
  }
  return buf;
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
    if (show[COL_WORK]) cli_table_set(&t, (size_t)map[COL_WORK], "%s", cli_project_work(v, sizeof v, p, &r->wl.w));
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
  snprintf(t, sizeof t, "counted work: C×nb = C FLOP results of n bits (a multiply-accumulate is 2 FLOPs)%s%s%s.",
           upd ? "; N·K×nb = parameter updates of n bits (a number: fewer, when steps move less than a level)" : "",
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
  const limen_model *m = r->wl.model;
  char h1[160], h2[160], h3[160], line[2 * LIMEN_MODEL_TEXT_MAX];
  human_energy(h1, sizeof h1, r->published_J);
  cli_buf_printf(b, "\npublished training energy of %s: %s\n", m->display, h1);
  snprintf(line, sizeof line, "basis: %s; hardware: %s; source: %s", m->energy_basis, m->hardware, m->energy_source);
  cli_wrap(b, "  ", 4, line, r->columns);
  if (!r->has_pub_proj) {
    snprintf(line, sizeof line, "not compared: limen has no profile of this hardware (the catalog row names none), "
                                "and a projection on other hardware would not be like for like");
    cli_wrap(b, "  ", 4, line, r->columns);
    return;
  }
  const limen_projection *a = &r->pub_proj;
  human_energy(h2, sizeof h2, a->energy_J);
  snprintf(line, sizeof line, "projection on the same hardware and basis (%s × PUE %g%s): %s peak-spec", a->name,
           r->pub_pue, isnan(m->published_pue) ? ", board level as published" : ", as published", h2);
  cli_wrap(b, "  ", 4, line, r->columns);
  if (!isnan(a->realized_J)) {
    human_energy(h3, sizeof h3, a->realized_J);
    snprintf(line, sizeof line, "%s at the realized efficiency of published runs (profile notes name them; when "
                                "it is this run, the ratio is a consistency check)", h3);
    cli_wrap(b, "  ", 4, line, r->columns);
  }
  char x[64], y[64];
  cli_buf_printf(b, "  published / projection = %s (peak-spec)%s%s%s\n", cli_human(x, sizeof x, r->published_J / a->energy_J, 4),
                 isnan(a->realized_J) ? "" : ", ", isnan(a->realized_J) ? "" : cli_human(y, sizeof y, r->published_J / a->realized_J, 4),
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
  static const char *const head[] = {"paradigm",          "compute [J]", "memory [J]", "update [J]",
                                     "consolidation [J]", "realized [J]", "update/op [kT/bit]"};
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
    cli_buf_printf(b, "  %s — %s (%s):\n", p->name, p->description ? p->description : "", p->relation);
    for (size_t k = 0; k < p->n_assumptions; k++) cli_wrap(b, "    ", 6, p->assumptions[k], 110);
  }
  return s;
}

int cli_project_table(const cli_project_run *r, cli_buf *b, limen_error *err) {
  int s = emit_header(r, b, err);
  if (!s) s = emit_rows(r, b, err);
  if (s) return s;
  cli_buf_puts(b, "\n");
  emit_legend(r, b);
  if (!isnan(r->published_J)) emit_published(r, b);
  if (r->verbose) s = emit_terms(r, b, err);
  else {
    cli_buf_puts(b, "\n");
    note(b, r, "--verbose: every term and assumption; --format json: everything, per paradigm.");
  }
  if (!s) s = cli_buf_check(b, err);
  return s;
}

/* ---- CSV --------------------------------------------------------------------------------- */

static const char *csv_num(char *buf, size_t n, double v) { return isnan(v) ? "" : cli_num(buf, n, v); }

void cli_project_csv(const cli_project_run *r, cli_buf *b) {
  char v[12][64], work[96];
  cli_buf_puts(b, "paradigm,relation,energy_J,energy_kWh,compute_J,memory_J,update_J,consolidation_J,counted_work,"
                  "floor_J,ratio_to_floor,ratio_to_headline,headline_floor_J,effective_bits,bits_used,bits_mismatch,"
                  "realized_J,update_per_op_kT\n");
  for (size_t i = 0; i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cli_csv_field(b, p->name);
    cli_buf_printf(b, ",%s,%s,%s,%s,%s,%s,%s,", p->relation, cli_num(v[0], 64, p->energy_J),
                   cli_num(v[1], 64, limen_J_to_kWh(p->energy_J)), csv_num(v[2], 64, p->compute_J),
                   csv_num(v[3], 64, p->memory_J), csv_num(v[4], 64, p->update_J), csv_num(v[5], 64, p->consolidation_J));
    cli_csv_field(b, cli_project_work(work, sizeof work, p, &r->wl.w));
    cli_buf_printf(b, ",%s,%s,%s,%s,%s,%s,%d,%s,%s\n", cli_num(v[6], 64, p->floor_J), csv_num(v[7], 64, p->ratio_to_floor),
                   csv_num(v[8], 64, p->ratio_to_headline), cli_num(v[9], 64, p->headline_floor_J),
                   csv_num(v[10], 64, p->effective_bits), cli_num(v[11], 64, p->bits_used), p->bits_mismatch,
                   csv_num(v[0], 64, p->realized_J), csv_num(v[1], 64, p->update_per_op_kT));
  }
  if (!isnan(r->published_J))
    cli_buf_printf(b, "published:%s,published,%s,%s,,,,,,,,,,,,,,\n", r->wl.model->name, cli_num(v[0], 64, r->published_J),
                   cli_num(v[1], 64, limen_J_to_kWh(r->published_J)));
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void json_counts(cJSON *o, const limen_projection *p) {
  cJSON *arr = cJSON_AddArrayToObject(o, "counts");
  for (size_t k = 0; arr && k < p->n_counts; k++) {
    const limen_work_count *c = &p->counts[k];
    cJSON *x = cJSON_CreateObject();
    if (!x) return;
    cJSON_AddItemToArray(arr, x);
    cJSON_AddStringToObject(x, "kind", limen_work_kind_name(c->kind));
    cJSON_AddStringToObject(x, "term", c->term);
    cli_json_num(x, "ops", c->ops);
    cli_json_num(x, "bits_per_op", c->bits);
    cli_json_num(x, "success", c->success);
    cli_json_num(x, "floor_J", c->floor_J);
    cJSON_AddStringToObject(x, "floor_relation", c->reference ? "reference" : "bound");
  }
}

static void json_paradigm(cJSON *o, const limen_projection *p, const limen_workload *w) {
  char work[96];
  cJSON_AddStringToObject(o, "name", p->name);
  cJSON_AddStringToObject(o, "description", p->description ? p->description : "");
  cJSON_AddStringToObject(o, "relation", p->relation);
  cli_json_num(o, "energy_J", p->energy_J);
  cli_json_num(o, "energy_kWh", limen_J_to_kWh(p->energy_J));
  cJSON *t = cJSON_AddObjectToObject(o, "terms");
  if (t) {
    cli_json_num(t, "compute_J", p->compute_J);
    cli_json_num(t, "memory_J", p->memory_J);
    cli_json_num(t, "update_J", p->update_J);
    cli_json_num(t, "consolidation_J", p->consolidation_J);
  }
  json_counts(o, p);
  cJSON_AddStringToObject(o, "counted_work", cli_project_work(work, sizeof work, p, w));
  cli_json_num(o, "floor_J", p->floor_J);
  cJSON_AddStringToObject(o, "floor_relation", p->floor_is_bound ? "bound" : "reference");
  cli_json_num(o, "bound_J", p->bound_J);
  cli_json_num(o, "ratio_to_floor", p->ratio_to_floor);
  cli_json_num(o, "ratio_to_headline", p->ratio_to_headline);
  cli_json_num(o, "effective_bits", p->effective_bits);
  cli_json_num(o, "bits_used", p->bits_used);
  cJSON_AddBoolToObject(o, "bits_mismatch", p->bits_mismatch);
  cli_json_num(o, "realized_J", p->realized_J);
  cli_json_num(o, "update_per_op_kT", p->update_per_op_kT);
}

static void json_published(cJSON *root, const cli_project_run *r) {
  const limen_model *m = r->wl.model;
  cJSON *pub = cJSON_AddObjectToObject(root, "published");
  if (!pub) return;
  cJSON_AddStringToObject(pub, "model", m->name);
  cli_json_num(pub, "energy_J", r->published_J);
  cli_json_num(pub, "energy_kWh", m->published_energy_kWh);
  cJSON_AddStringToObject(pub, "basis", m->energy_basis);
  cli_json_num(pub, "pue", m->published_pue);
  cJSON_AddStringToObject(pub, "hardware", m->hardware);
  cJSON_AddStringToObject(pub, "source", m->energy_source);
  if (!r->has_pub_proj) {
    cJSON_AddNullToObject(pub, "compared_with");
    return;
  }
  const limen_projection *a = &r->pub_proj;
  cJSON_AddStringToObject(pub, "compared_with", a->name);
  cli_json_num(pub, "projection_pue", r->pub_pue);
  cJSON_AddStringToObject(pub, "projection_basis", isnan(m->published_pue) ? "board" : "facility");
  cli_json_num(pub, "projection_J", a->energy_J);
  cli_json_num(pub, "projection_realized_J", a->realized_J);
  cli_json_num(pub, "published_over_projection", r->published_J / a->energy_J);
  cli_json_num(pub, "published_over_realized", r->published_J / a->realized_J);
}

int cli_project_json(const cli_project_run *r, cli_buf *b, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  cJSON *w = root ? cli_wl_json(&r->wl.w, err) : NULL;
  if (!w) {
    cJSON_Delete(root);
    return err && err->code ? err->code : limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
  }
  cJSON_AddItemToObject(root, "workload", w);
  cJSON *h = cJSON_AddObjectToObject(root, "headline");
  if (h && r->n) {
    cJSON_AddStringToObject(h, "definition", "C·n·kT·ln2: per-FLOP Landauer floor (every FLOP writes an n-bit result)");
    cli_json_num(h, "floor_J", r->proj[0].headline_floor_J);
    cli_json_num(h, "floor_kWh", limen_J_to_kWh(r->proj[0].headline_floor_J));
  }
  cJSON *arr = cJSON_AddArrayToObject(root, "paradigms");
  for (size_t i = 0; arr && i < r->n; i++) {
    cJSON *o = cJSON_CreateObject();
    if (!o) break;
    cJSON_AddItemToArray(arr, o);
    json_paradigm(o, &r->proj[i], &r->wl.w);
  }
  if (!isnan(r->published_J)) json_published(root, r);
  cJSON *as = cJSON_AddArrayToObject(root, "assumptions");
  int s = as ? cli_wl_assumptions(&r->wl, &r->wl.w, NULL, "", as, err) : LIMEN_ENOMEM;
  for (size_t i = 0; s == LIMEN_OK && i < r->n; i++)
    for (size_t k = 0; k < r->proj[i].n_assumptions; k++) {
      char line[LIMEN_ASSUMPTION_MAX + LIMEN_PARADIGM_SPEC_MAX + 4];
      snprintf(line, sizeof line, "%s: %s", r->proj[i].name, r->proj[i].assumptions[k]);
      cJSON_AddItemToArray(as, cJSON_CreateString(line));
    }
  if (s == LIMEN_OK) s = cli_json_print(root, b, err);
  cJSON_Delete(root);
  return s;
}
