/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_bound.c: `limen bound <kind>` — the cost of one elementary memory operation (theory §2–3),
 * in kT, kT·ln2, J and eV, with the method used and its range of validity.  The numbers, their
 * names and the method are the library's report (bound_report.h); this file parses the options
 * and prints the report as a table or as JSON. */
#include <stddef.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/bound_report.h"
#include "limen/report.h"
#include "limen/units.h"

/* The options, indexed as the report's inputs (LIMEN_BOUND_IN_*), then --format and --out. */
enum {
  O_BARRIER = LIMEN_BOUND_IN_BARRIER, O_TILT = LIMEN_BOUND_IN_TILT, O_WELL = LIMEN_BOUND_IN_WELL,
  O_LEVELS = LIMEN_BOUND_IN_LEVELS, O_SUCCESS = LIMEN_BOUND_IN_SUCCESS, O_TAU = LIMEN_BOUND_IN_TAU,
  O_TAU0 = LIMEN_BOUND_IN_TAU0, O_TEMPERATURE = LIMEN_BOUND_IN_TEMPERATURE, O_WRITE_FAIL = LIMEN_BOUND_IN_WRITE_FAIL,
  O_RETENTION = LIMEN_BOUND_IN_RETENTION_TIME, O_RETENTION_FAIL = LIMEN_BOUND_IN_RETENTION_FAIL,
  O_MOVE = LIMEN_BOUND_IN_MOVE, O_RATE_DT = LIMEN_BOUND_IN_RATE_DT, O_FORMAT = LIMEN_BOUND_IN_COUNT, O_OUT, O_COUNT
};

/* The option of a library row (limen_bound_input_row); whole-number rows are integer options. */
static cli_opt opt_row(const limen_input *in) {
  cli_opt o = cli_opt_input(in);
  if (in->type != LIMEN_INPUT_DOUBLE) o.kind = CLI_OPT_LONG, o.integer = 0;
  return o;
}

static void bound_options(cli_opt *o) {
  for (int i = 0; i < LIMEN_BOUND_IN_COUNT; i++)
    if (i != O_WELL) o[i] = opt_row(limen_bound_input_row((limen_bound_input)i));
  static char wells[64]; /* the library's names: "quartic,washboard", the default first */
  const char *const *w = limen_bound_well_names();
  wells[0] = '\0';
  for (size_t i = 0; w[i]; i++) {
    if (i) strncat(wells, ",", sizeof wells - strlen(wells) - 1);
    strncat(wells, w[i], sizeof wells - strlen(wells) - 1);
  }
  o[O_WELL] = cli_opt_str("well", CLI_OPT_STRING, "SHAPE", wells, w[0],
                          "cell potential: quartic double well or multi-level washboard (kramers, mfpt)");
  o[O_FORMAT] = cli_opt_format("table", "output format");
  o[O_OUT] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                         "also write the result as DIR/bound.txt, .csv and .json (atomically)");
}

static const cli_command_doc doc = {
    "bound", "<landauer|finite-time|static-write|hop|retention|kramers|mfpt> [options]",
    "Cost of one elementary memory operation (theory sections 2-3), per bit unless stated, in kT,\n"
    "kT*ln2, J and eV at the given temperature, with the method used and where it is valid.\n"
    "  landauer      kT[ln2 + P ln P + (1-P) ln(1-P)]: quasi-static erasure (closed form)\n"
    "  finite-time   e_L(P_s) + B/tau, B in units of gamma*a^2 by quadrature over the cell potential\n"
    "  static-write  least tilt that crosses the barrier within tau_w (failure p_w) and the work\n"
    "                of the tilt cycle; Kramers rate, or the exact MFPT where the tilted barrier\n"
    "                is below 5 kT\n"
    "  hop           m levels in one window: e = m * 2 asinh(m / (2 r dt)) kT\n"
    "  retention     barrier E_ret holding a bit for tau_ret with flip probability p_ret\n"
    "  kramers       escape rate sqrt(U''(x_min)|U''(x_b)|)/(2 pi gamma) exp(-dU/kT)\n"
    "  mfpt          exact mean first-passage time by quadrature, compared with Kramers\n"
    "Options that a kind does not use are rejected.",
    "examples:\n"
    "  limen bound landauer --success 0.99\n"
    "  limen bound finite-time --barrier 5 --success 1 --tau 1e-8 --format json\n"
    "  limen bound static-write --tau 1e-9\n"
    "  limen bound hop --move 4 --rate-dt 0.5\n"
    "  limen bound mfpt --barrier 3 --tilt 1\n"};

static int render(const void *ctx, cli_format fmt, cli_buf *out, limen_error *err) {
  const limen_bound_report *r = ctx;
  char num[64];
  if (fmt != CLI_FORMAT_TABLE) { /* the library's JSON, or its CSV of that JSON */
    char *json = NULL;
    int s = limen_bound_report_json(r, &json, err);
    if (!s) s = cli_machine_text(json, NULL, fmt, out, err);
    limen_free(json);
    return s;
  }
  cli_buf_printf(out, "limen bound %s: %s\n\n", r->kind->name, r->kind->title);
  for (int pass = 1; pass >= 0; pass--) {
    static const char *const head_in[] = {"input", "value", "unit"};
    static const char *const head_out[] = {"result", "value", "unit"};
    cli_table t;
    int s = cli_table_init(&t, 3, pass ? head_in : head_out, err);
    if (s) {
      cli_table_free(&t);
      return s;
    }
    cli_table_set_right(&t, 1, 1);
    for (size_t i = 0; i < r->n_rows; i++) {
      if (r->rows[i].input != pass) continue;
      cli_table_row(&t);
      cli_table_set(&t, 0, "%s", r->rows[i].label);
      if (r->rows[i].text) cli_table_set(&t, 1, "%s", r->rows[i].text);
      else cli_table_set(&t, 1, "%s", cli_human(num, sizeof num, r->rows[i].value, 6));
      cli_table_set(&t, 2, "%s", r->rows[i].unit);
    }
    s = cli_table_check(&t, err);
    if (!s) cli_table_text(&t, out, 2);
    cli_table_free(&t);
    if (s) return s;
    cli_buf_puts(out, "\n");
  }
  cli_wrap(out, "method:   ", 10, r->method, 100);
  cli_wrap(out, "validity: ", 10, r->validity, 100);
  return cli_buf_check(out, err);
}

/* ---- the command -------------------------------------------------------------------------- */

/* "landauer, finite-time, ...": the kinds of the library. */
static const char *kind_names(char *buf, size_t n) {
  buf[0] = '\0';
  for (const limen_bound_kind *const *k = limen_bound_kinds(); *k; k++) {
    if (buf[0]) strncat(buf, ", ", n - strlen(buf) - 1);
    strncat(buf, (*k)->name, n - strlen(buf) - 1);
  }
  return buf;
}

/* The kind named on the command line. */
static int find_kind(const cli_args *args, const limen_bound_kind **k, limen_error *err) {
  char names[256];
  if (args->n_positional != 1)
    return args->n_positional == 0
               ? cli_error(err, LIMEN_EINVAL, "kind: missing; allowed %s", kind_names(names, sizeof names))
               : limen_error_set(err, LIMEN_EINVAL, "kind", "'%s' given after '%s': give exactly one of %s",
                                 args->positional[1], args->positional[0], kind_names(names, sizeof names));
  if (limen_bound_kind_find(args->positional[0], k, NULL))
    return cli_error(err, LIMEN_ENOTFOUND, "kind = '%s': allowed %s", args->positional[0],
                     kind_names(names, sizeof names));
  return LIMEN_OK;
}

/* The report's inputs from the options (the library's defaults where an option is unset), checked
 * by the library's rules between them, which name the options. */
static int read_inputs(const cli_opt *o, const limen_bound_kind *k, limen_bound_inputs *in, limen_error *err) {
  *in = limen_bound_inputs_default();
  unsigned given = 0;
  for (int i = 0; i < LIMEN_BOUND_IN_COUNT; i++) {
    if (o[i].set) given |= LIMEN_BOUND_IN_MASK(i);
    if (i != O_WELL && o[i].set) limen_input_set(limen_bound_input_row((limen_bound_input)i), in, o[i].num);
  }
  int s = o[O_WELL].set ? limen_bound_inputs_set_well(in, o[O_WELL].str, err) : LIMEN_OK;
  if (s) return cli_error_prefix(err, s, "--");
  s = limen_bound_inputs_given_check(k, in, given, err);
  if (s) return cli_error_prefix(err, s, "conflicting options: --");
  s = limen_bound_inputs_well_check(k, in, NULL, err);
  return s ? cli_error_input(err) : LIMEN_OK;
}

static int run(cli_opt *o, const cli_args *args, cli_buf *out, limen_error *err) {
  const limen_bound_kind *k = NULL;
  limen_bound_inputs in;
  cli_format fmt = CLI_FORMAT_TABLE;
  int status = find_kind(args, &k, err);
  if (!status) status = read_inputs(o, k, &in, err);
  if (!status && o[O_FORMAT].set) status = cli_parse_format(o[O_FORMAT].str, 1, &fmt, err);
  if (status) return status;
  static limen_bound_report r; /* large: not on the stack */
  status = limen_bound_report_compute(k, &in, NULL, &r, err);
  if (status == LIMEN_EINVAL) return cli_error_input(err); /* "--tau = ..." */
  return status ? status : cli_render_set(o[O_OUT].set ? o[O_OUT].str : NULL, "bound", fmt, render, &r, out, err);
}

int limen_cmd_bound(int argc, char **argv) {
  cli_opt o[O_COUNT];
  bound_options(o);
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, O_COUNT, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  f.range_is_usage = 1;
  if (!status) status = run(o, &f.args, &f.out, &f.err);
  return cli_frame_end(&f, status);
}
