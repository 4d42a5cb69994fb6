/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_models.c: `limen models` — the model catalog (data/models.json) with its sources. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/workload.h"

static const cli_command_doc doc = {
    "models", "[--format table|csv|json]",
    "List the model catalog (data/models.json): parameters N, training tokens D, training FLOPs C\n"
    "(blank: C = 6*N*D), tokens per step, year and, where published, the training energy and its\n"
    "basis, each with its public source.  Use a name with 'limen project --model NAME'.",
    NULL};

static const char *opt_num(char *buf, size_t n, double v, int sig) {
  if (isnan(v)) return "";
  return sig ? cli_human(buf, n, v, sig) : cli_num(buf, n, v);
}

static int render(const limen_catalog *c, cli_format fmt, cli_buf *b, limen_error *err) {
  char x[8][64];
  if (fmt == CLI_FORMAT_JSON) {
    cJSON *root = cJSON_CreateObject();
    cJSON *arr = root ? cJSON_AddArrayToObject(root, "models") : NULL;
    if (!arr) {
      cJSON_Delete(root);
      return limen_error_set(err, LIMEN_ENOMEM, "output", "out of memory");
    }
    for (size_t i = 0; i < c->count; i++) {
      const limen_model *m = &c->models[i];
      cJSON *o = cJSON_CreateObject();
      if (!o) break;
      cJSON_AddItemToArray(arr, o);
      cJSON_AddStringToObject(o, "name", m->name);
      cJSON_AddStringToObject(o, "display", m->display);
      cli_json_num(o, "params", m->params);
      cli_json_num(o, "tokens", m->tokens);
      cli_json_num(o, "flops", m->flops);
      cli_json_num(o, "batch_tokens", m->batch_tokens);
      cJSON_AddNumberToObject(o, "year", m->year);
      cli_json_num(o, "published_energy_kWh", m->published_energy_kWh);
      cli_json_num(o, "published_energy_J", limen_model_published_energy_J(m));
      cJSON_AddStringToObject(o, "energy_basis", m->energy_basis);
      cJSON_AddStringToObject(o, "hardware", m->hardware);
      cJSON_AddStringToObject(o, "source", m->source);
      cJSON_AddStringToObject(o, "energy_source", m->energy_source);
      cJSON_AddStringToObject(o, "notes", m->notes);
    }
    int s = cli_json_print(root, b, err);
    cJSON_Delete(root);
    return s;
  }
  if (fmt == CLI_FORMAT_CSV) {
    cli_buf_puts(b, "name,display,params,tokens,flops,batch_tokens,year,published_energy_kWh,energy_basis,hardware,"
                    "source,energy_source,notes\n");
    for (size_t i = 0; i < c->count; i++) {
      const limen_model *m = &c->models[i];
      cli_csv_field(b, m->name);
      cli_buf_puts(b, ",");
      cli_csv_field(b, m->display);
      cli_buf_printf(b, ",%s,%s,%s,%s,%d,%s,", opt_num(x[0], 64, m->params, 0), opt_num(x[1], 64, m->tokens, 0),
                     opt_num(x[2], 64, m->flops, 0), opt_num(x[3], 64, m->batch_tokens, 0), m->year,
                     opt_num(x[4], 64, m->published_energy_kWh, 0));
      cli_csv_field(b, m->energy_basis);
      cli_buf_puts(b, ",");
      cli_csv_field(b, m->hardware);
      cli_buf_puts(b, ",");
      cli_csv_field(b, m->source);
      cli_buf_puts(b, ",");
      cli_csv_field(b, m->energy_source);
      cli_buf_puts(b, ",");
      cli_csv_field(b, m->notes);
      cli_buf_puts(b, "\n");
    }
    return cli_buf_check(b, err);
  }
  static const char *const head[] = {"name", "model", "N", "D [tokens]", "C [FLOP]", "year",
                                     "published [kWh]", "basis"};
  cli_table t;
  int s = cli_table_init(&t, 8, head, err);
  if (s) {
    cli_table_free(&t);
    return s;
  }
  for (size_t k = 2; k <= 6; k++) cli_table_set_right(&t, k, 1);
  for (size_t i = 0; i < c->count; i++) {
    const limen_model *m = &c->models[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", m->name);
    cli_table_set(&t, 1, "%s", m->display);
    cli_table_set(&t, 2, "%s", opt_num(x[0], 64, m->params, 4));
    cli_table_set(&t, 3, "%s", opt_num(x[1], 64, m->tokens, 4));
    if (isnan(m->flops)) cli_table_set(&t, 4, "(6ND) %s", cli_human(x[2], 64, 6 * m->params * m->tokens, 4));
    else cli_table_set(&t, 4, "%s", cli_human(x[2], 64, m->flops, 4));
    cli_table_set(&t, 5, "%d", m->year);
    cli_table_set(&t, 6, "%s", isnan(m->published_energy_kWh) ? "-" : cli_human(x[3], 64, m->published_energy_kWh, 6));
    cli_table_set(&t, 7, "%s", isnan(m->published_energy_kWh) ? "" : m->energy_basis);
  }
  s = cli_table_check(&t, err);
  if (!s) cli_table_text(&t, b, 0);
  cli_table_free(&t);
  if (s) return s;
  cli_buf_puts(b, "\nsources:\n");
  for (size_t i = 0; i < c->count; i++) {
    const limen_model *m = &c->models[i];
    cli_buf_printf(b, "  %s: %s\n", m->name, m->source);
    if (m->energy_source[0]) cli_buf_printf(b, "  %*s  energy: %s\n", (int)strlen(m->name), "", m->energy_source);
  }
  return cli_buf_check(b, err);
}

/* Load the data, render it, release it. */
static int load_and_render(cli_format fmt, cli_buf *out, limen_error *err) {
  limen_catalog *cat = NULL;
  int status = limen_catalog_load(NULL, &cat, err);
  if (!status) status = render(cat, fmt, out, err);
  limen_catalog_free(cat);
  return status;
}

int limen_cmd_models(int argc, char **argv) { return cli_run_listing(&doc, argc, argv, load_and_render); }
