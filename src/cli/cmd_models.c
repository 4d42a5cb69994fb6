/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_models.c: `limen models` — the model catalog (data/models.json) with its sources. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/report.h"
#include "limen/workload.h"

static const cli_command_doc doc = {
    "models", "[--format table|csv|json] [--out DIR]",
    "List the model catalog (data/models.json): parameters N, training tokens D, training FLOPs C\n"
    "(marked (6ND) where the row gives none and C = 6*N*D), year and, where published, the\n"
    "training energy and its basis, each with its public source (tokens per step too in CSV and\n"
    "JSON).  Use a name with 'limen project --model NAME'.",
    NULL};

static const char *opt_num(char *buf, size_t n, double v, int sig) {
  if (isnan(v)) return "";
  return sig ? cli_human(buf, n, v, sig) : cli_num(buf, n, v);
}

static int render(const limen_catalog *c, cli_format fmt, cli_buf *b, limen_error *err) {
  char x[8][64];
  if (fmt != CLI_FORMAT_TABLE) { /* the library's CSV and JSON */
    char *text = NULL;
    int s = fmt == CLI_FORMAT_JSON ? limen_catalog_json(c, &text, err) : limen_catalog_csv(c, &text, err);
    if (!s) cli_buf_puts(b, text);
    limen_free(text);
    return s ? s : cli_buf_check(b, err);
  }
  static const char *const head[] = {"name", "N", "D [tokens]", "C [FLOP]", "year", "published [kWh]"};
  cli_table t;
  int s = cli_table_init(&t, 6, head, err);
  if (s) {
    cli_table_free(&t);
    return s;
  }
  for (size_t k = 1; k <= 5; k++) cli_table_set_right(&t, k, 1);
  for (size_t i = 0; i < c->count; i++) {
    const limen_model *m = &c->models[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", m->name);
    cli_table_set(&t, 1, "%s", opt_num(x[0], 64, m->params, 4));
    cli_table_set(&t, 2, "%s", opt_num(x[1], 64, m->tokens, 4));
    double C = NAN;
    const char *formula = NULL;
    if ((s = limen_model_training_flops(m, &C, &formula, err))) break;
    cli_table_set(&t, 3, "%s%s%s%s", formula ? "(" : "", formula ? formula : "", formula ? ") " : "",
                  cli_human(x[2], 64, C, 4));
    cli_table_set(&t, 4, "%d", m->year);
    cli_table_set(&t, 5, "%s", isnan(m->published_energy_kWh) ? "-" : cli_human(x[3], 64, m->published_energy_kWh, 6));
  }
  if (!s) s = cli_table_check(&t, err);
  if (!s) cli_table_text(&t, b, 0);
  cli_table_free(&t);
  if (s) return s;
  cli_buf_puts(b, "\n(6ND): the row gives no C; C = 6·N·D (c_f = 6 FLOP per parameter and token).\n\nmodels and sources:\n");
  const size_t cols = cli_terminal_columns();
  for (size_t i = 0; i < c->count; i++) {
    const limen_model *m = &c->models[i];
    cli_buf_printf(b, "  %s: %s\n", m->name, m->display);
    cli_wrap(b, "    source: ", 12, m->source, cols);
    if (!isnan(m->published_energy_kWh)) cli_wrap(b, "    energy basis: ", 18, m->energy_basis, cols);
    if (m->energy_source[0]) cli_wrap(b, "    energy source: ", 19, m->energy_source, cols);
  }
  return cli_buf_check(b, err);
}

/* Load the data, render it, release it. */
static int load_and_render(cli_format fmt, const char *const *files, size_t n, cli_buf *out, limen_error *err) {
  limen_catalog *cat = NULL;
  int status = limen_catalog_load_with(files, n, &cat, err);
  if (status && n) /* a file the user named that cannot be read is bad input, as in project */
    status = cli_error_prefix(err, status == LIMEN_EIO ? LIMEN_EINVAL : status, "--catalog: ");
  if (!status) status = render(cat, fmt, out, err);
  limen_catalog_free(cat);
  return status;
}

int limen_cmd_models(int argc, char **argv) { return cli_run_listing(&doc, "catalog", argc, argv, load_and_render); }
