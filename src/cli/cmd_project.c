/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_project.c: `limen project` — the energy each memory paradigm must dissipate to train a
 * workload (theory §4), term by term, with every assumption printed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/workload_opts.h"
#include "limen/units.h"

static const cli_command_doc doc = {
    "project", "[--model NAME | --params N --tokens D [--flops C]] [options]",
    "Project the energy that training a workload dissipates under each memory paradigm:\n"
    "E = E_compute + E_memory (reads) + E_update (writes) + E_consolidation, each term reported,\n"
    "with the ratio to the landauer-adiabatic floor OPS*n*kT*ln2 and every assumption used.\n"
    "Without options: the brain-scale workload (N = 1e15) and the default paradigm list.\n"
    "Giving --params or --tokens (or --flops-per-param-token) without --flops makes C = c_f*N*D.\n"
    "Paradigms: accelerator:<profile>, landauer-adiabatic, cim-static[:<device>],\n"
    "lim-finite-time[:<device>], lim-matched[:<device>] ('limen profiles' lists the profiles).",
    "examples:\n"
    "  limen project\n"
    "  limen project --model gpt-3\n"
    "  limen project --params 7e10 --tokens 2e12 --bits 8 --format json\n"
    "  limen project --paradigm landauer-adiabatic,lim-finite-time --time 8.64e4 --format csv\n"
    "  limen project --config run.json --out results/\n"};

#define MAX_OPTS (CLI_WL_MAX_OPTS + 4)

typedef struct run {
  cli_wl wl;
  const char *const *specs;
  size_t n;
  limen_projection *proj;
  double published_J;
} run;

static const limen_projection *find_proj(const run *r, const char *name) {
  for (size_t i = 0; i < r->n; i++)
    if (strcmp(r->proj[i].name, name) == 0) return &r->proj[i];
  return NULL;
}

/* The accelerator projection to set beside the published energy: h100 when projected, else the
 * first accelerator. */
static const limen_projection *accel_for_published(const run *r) {
  const limen_projection *p = find_proj(r, "accelerator:h100");
  if (p) return p;
  for (size_t i = 0; i < r->n; i++)
    if (strncmp(r->proj[i].name, "accelerator:", 12) == 0) return &r->proj[i];
  return NULL;
}

static void emit_csv(const run *r, cli_buf *b) {
  char v[10][64];
  cli_buf_puts(b, "paradigm,energy_J,energy_kWh,compute_J,memory_J,update_J,consolidation_J,ratio_to_landauer,"
                  "realized_J,update_per_op_kT\n");
  for (size_t i = 0; i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cli_csv_field(b, p->name);
    cli_buf_printf(b, ",%s,%s,%s,%s,%s,%s,%s,%s,%s\n", cli_num(v[0], 64, p->energy_J),
                   cli_num(v[1], 64, limen_J_to_kWh(p->energy_J)), cli_num(v[2], 64, p->compute_J),
                   cli_num(v[3], 64, p->memory_J), cli_num(v[4], 64, p->update_J), cli_num(v[5], 64, p->consolidation_J),
                   cli_num(v[6], 64, p->ratio_to_landauer), isnan(p->realized_J) ? "" : cli_num(v[7], 64, p->realized_J),
                   isnan(p->update_per_op_kT) ? "" : cli_num(v[8], 64, p->update_per_op_kT));
  }
  if (!isnan(r->published_J))
    cli_buf_printf(b, "published:%s,%s,%s,,,,,,,\n", r->wl.model->name, cli_num(v[0], 64, r->published_J),
                   cli_num(v[1], 64, limen_J_to_kWh(r->published_J)));
}

static int emit_json(const run *r, cli_buf *b, limen_error *err) {
  cJSON *root = cJSON_CreateObject();
  if (!root) return limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
  cJSON *w = cli_wl_json(&r->wl.w, err);
  if (!w) {
    cJSON_Delete(root);
    return err ? err->code : LIMEN_ENOMEM;
  }
  cJSON_AddItemToObject(root, "workload", w);
  cJSON *arr = cJSON_AddArrayToObject(root, "paradigms");
  for (size_t i = 0; arr && i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cJSON *o = cJSON_CreateObject();
    if (!o) break;
    cJSON_AddItemToArray(arr, o);
    cJSON_AddStringToObject(o, "name", p->name);
    cJSON_AddStringToObject(o, "description", p->description ? p->description : "");
    cli_json_num(o, "energy_J", p->energy_J);
    cli_json_num(o, "energy_kWh", limen_J_to_kWh(p->energy_J));
    cJSON *t = cJSON_AddObjectToObject(o, "terms");
    if (t) {
      cli_json_num(t, "compute_J", p->compute_J);
      cli_json_num(t, "memory_J", p->memory_J);
      cli_json_num(t, "update_J", p->update_J);
      cli_json_num(t, "consolidation_J", p->consolidation_J);
    }
    cli_json_num(o, "ratio_to_landauer", p->ratio_to_landauer);
    cli_json_num(o, "realized_J", p->realized_J);
    cli_json_num(o, "update_per_op_kT", p->update_per_op_kT);
  }
  if (!isnan(r->published_J)) {
    const limen_model *m = r->wl.model;
    cJSON *pub = cJSON_AddObjectToObject(root, "published");
    if (pub) {
      cJSON_AddStringToObject(pub, "model", m->name);
      cli_json_num(pub, "energy_J", r->published_J);
      cli_json_num(pub, "energy_kWh", m->published_energy_kWh);
      cJSON_AddStringToObject(pub, "basis", m->energy_basis);
      cJSON_AddStringToObject(pub, "hardware", m->hardware);
      cJSON_AddStringToObject(pub, "source", m->energy_source);
      const limen_projection *a = accel_for_published(r);
      if (a) {
        cJSON_AddStringToObject(pub, "compared_with", a->name);
        cli_json_num(pub, "published_over_projection", r->published_J / a->energy_J);
      }
    }
  }
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

static void human_energy(char *buf, size_t n, double J) {
  char a[64], k[64], m[64];
  double kwh = limen_J_to_kWh(J);
  cli_human(a, sizeof a, J, 4);
  cli_human(k, sizeof k, kwh, 4);
  if (kwh >= 1000) snprintf(buf, n, "%s J (%s kWh = %s MWh)", a, k, cli_human(m, sizeof m, kwh / 1000, 4));
  else snprintf(buf, n, "%s J (%s kWh)", a, k);
}

static int emit_table(const run *r, cli_buf *b, limen_error *err) {
  const limen_workload *w = &r->wl.w;
  limen_workload_derived d;
  int s = limen_workload_derive(w, &d, err);
  if (s) return s;
  char n1[64], n2[64], n3[64], n4[64], n5[64], n6[64];
  cli_buf_printf(b, "limen project: training energy of '%s'%s%s%s\n", w->name, r->wl.custom ? "" : " (",
                 r->wl.custom ? "" : r->wl.model->display, r->wl.custom ? "" : ")");
  cli_buf_printf(b, "  N = %s parameters, D = %s tokens, C = %s FLOP, K = %s steps\n", cli_human(n1, 64, w->params, 4),
                 cli_human(n2, 64, w->tokens, 4), cli_human(n3, 64, d.flops, 4), cli_human(n4, 64, d.steps, 4));
  cli_buf_printf(b, "  n = %g bits, T_train = %s s (%s days), T = %s K, OPS = %s (%s), τ_op = %s s = %s τ₀\n\n",
                 w->bits, cli_human(n1, 64, w->train_time_s, 4), cli_human(n2, 64, w->train_time_s / 86400.0, 4),
                 cli_human(n3, 64, w->temperature_K, 4), cli_human(n4, 64, d.ops, 4), limen_ops_convention_name(w->ops),
                 cli_human(n5, 64, d.tau_op_s, 4), cli_human(n6, 64, d.tau_op_tau0, 4));
  static const char *const head[] = {"paradigm",   "energy [J]",        "energy [kWh]",     "compute [J]",
                                     "memory [J]", "update [J]",        "consolidation [J]", "× landauer",
                                     "update/op [kT/bit]"};
  cli_table t;
  s = cli_table_init(&t, 9, head, err);
  if (s) {
    cli_table_free(&t);
    return s;
  }
  for (size_t c = 1; c < 9; c++) cli_table_set_right(&t, c, 1);
  for (size_t i = 0; i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", p->name);
    cli_table_set(&t, 1, "%s", cli_human(n1, 64, p->energy_J, 4));
    cli_table_set(&t, 2, "%s", cli_human(n1, 64, limen_J_to_kWh(p->energy_J), 4));
    cli_table_set(&t, 3, "%s", cli_human(n1, 64, p->compute_J, 4));
    cli_table_set(&t, 4, "%s", cli_human(n1, 64, p->memory_J, 4));
    cli_table_set(&t, 5, "%s", cli_human(n1, 64, p->update_J, 4));
    cli_table_set(&t, 6, "%s", cli_human(n1, 64, p->consolidation_J, 4));
    cli_table_set(&t, 7, "%s", cli_human(n1, 64, p->ratio_to_landauer, 4));
    cli_table_set(&t, 8, "%s", isnan(p->update_per_op_kT) ? "-" : cli_human(n1, 64, p->update_per_op_kT, 4));
  }
  s = cli_table_check(&t, err);
  if (!s) cli_table_text(&t, b, 0);
  cli_table_free(&t);
  if (s) return s;

  if (!isnan(r->published_J)) {
    const limen_model *m = r->wl.model;
    char h1[160], h2[160], h3[160];
    human_energy(h1, sizeof h1, r->published_J);
    cli_buf_printf(b, "\npublished training energy of %s: %s\n", m->display, h1);
    char line[2 * LIMEN_MODEL_TEXT_MAX];
    snprintf(line, sizeof line, "basis: %s; hardware: %s", m->energy_basis, m->hardware);
    cli_wrap(b, "  ", 4, line, 110);
    snprintf(line, sizeof line, "source: %s", m->energy_source);
    cli_wrap(b, "  ", 4, line, 110);
    const limen_projection *a = accel_for_published(r);
    if (a) {
      human_energy(h2, sizeof h2, a->energy_J);
      cli_buf_printf(b, "  side by side: %-22s %s (peak-spec)\n", a->name, h2);
      if (!isnan(a->realized_J)) {
        human_energy(h3, sizeof h3, a->realized_J);
        cli_buf_printf(b, "                %-22s %s (realized efficiency)\n", "", h3);
      }
      cli_buf_printf(b, "                %-22s %s\n", "published", h1);
      cli_buf_printf(b, "  published / projection = %s\n", cli_human(n4, 64, r->published_J / a->energy_J, 4));
    }
  }
  cli_buf_puts(b, "\nassumptions:\n  workload:\n");
  s = cli_wl_assumptions(&r->wl, w, b, "    ", NULL, err);
  if (s) return s;
  for (size_t i = 0; i < r->n; i++) {
    const limen_projection *p = &r->proj[i];
    cli_buf_printf(b, "  %s%s%s:\n", p->name, p->description ? " — " : "", p->description ? p->description : "");
    for (size_t k = 0; k < p->n_assumptions; k++) cli_wrap(b, "    ", 6, p->assumptions[k], 110);
  }
  return cli_buf_check(b, err);
}

int limen_cmd_project(int argc, char **argv) {
  cli_opt o[MAX_OPTS];
  size_t n = cli_wl_options(o);
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL,
                       "landauer-adiabatic,lim-finite-time,lim-matched,cim-static,accelerator:cmos-limit,"
                       "accelerator:hermes-14nm,accelerator:horowitz-45nm,accelerator:a100,accelerator:h100",
                       "comma-separated paradigms to project (repeatable)");
  o[n++] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,csv,json", "table", "output format on stdout");
  o[n++] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                       "also write project.json, project.csv and project.txt into DIR (atomically)");
  cli_buf files[3];
  for (int i = 0; i < 3; i++) cli_buf_init(&files[i]);
  run r;
  memset(&r, 0, sizeof r);
  r.published_J = NAN;
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, n, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  f.range_is_usage = 1;
  if (!status) status = cli_frame_no_positional(&f);
  if (status) goto done;
  cli_format fmt = CLI_FORMAT_TABLE;
  const cli_opt *fo = cli_opt_find(o, n, "format"), *oo = cli_opt_find(o, n, "out");
  if (fo->set && (status = cli_parse_format(fo->str, 1, &fmt, &f.err))) goto done;
  status = cli_wl_build(o, n, &r.wl, &f.err);
  if (status) goto done;
  status = cli_wl_paradigms(o, n, &r.specs, &r.n, &f.args, &f.err);
  if (status) goto done;
  r.proj = calloc(r.n, sizeof *r.proj);
  if (!r.proj) {
    status = limen_error_set(&f.err, LIMEN_ENOMEM, "project", "out of memory");
    goto done;
  }
  status = cli_wl_project(&r.wl, &r.wl.w, r.specs, r.n, r.proj, &f.err);
  if (status) goto done;
  if (!r.wl.custom && r.wl.model) r.published_J = limen_model_published_energy_J(r.wl.model);

  if (oo->set || fmt == CLI_FORMAT_TABLE) status = emit_table(&r, &files[0], &f.err);
  if (!status && (oo->set || fmt == CLI_FORMAT_CSV)) emit_csv(&r, &files[1]);
  if (!status && (oo->set || fmt == CLI_FORMAT_JSON)) status = emit_json(&r, &files[2], &f.err);
  for (int i = 0; !status && i < 3; i++) status = cli_buf_check(&files[i], &f.err);
  if (status) goto done;
  if (oo->set) {
    static const char *const names[3] = {"project.txt", "project.csv", "project.json"};
    for (int i = 0; i < 3 && !status; i++) status = cli_write_file_atomic(oo->str, names[i], files[i].data, &f.err);
    if (status) goto done;
  }
  f.emit = fmt == CLI_FORMAT_TABLE ? &files[0] : fmt == CLI_FORMAT_CSV ? &files[1] : &files[2];

done:
  status = cli_frame_end(&f, status);
  free(r.proj);
  cli_wl_free(&r.wl);
  for (int i = 0; i < 3; i++) cli_buf_free(&files[i]);
  return status;
}
