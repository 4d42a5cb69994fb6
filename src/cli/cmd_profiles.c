/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_profiles.c: `limen profiles` — the hardware profiles (data/profiles.json) with sources. */
#include <math.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"
#include "limen/report.h"
#include "limen/hardware.h"

static const cli_command_doc doc = {
    "profiles", "[--format table|csv|json] [--out DIR]",
    "List the hardware profiles (data/profiles.json): energy per FLOP (peak-spec and, where\n"
    "published, realized), energy per byte moved, device read and update energies, what each\n"
    "profile includes, and its public source.  Use a name in 'limen project --paradigm\n"
    "accelerator:NAME' (or cim-static:NAME, lim-finite-time:NAME, lim-matched:NAME for devices).",
    NULL};

static const char *opt_num(char *buf, size_t n, double v, int sig) {
  if (isnan(v)) return sig ? "-" : "";
  return sig ? cli_human(buf, n, v, sig) : cli_num(buf, n, v);
}

static int render(const limen_profile_set *ps, cli_format fmt, cli_buf *b, limen_error *err) {
  char x[8][64];
  if (fmt != CLI_FORMAT_TABLE) { /* the library's CSV and JSON */
    char *text = NULL;
    int s = fmt == CLI_FORMAT_JSON ? limen_profiles_json(ps, &text, err) : limen_profiles_csv(ps, &text, err);
    if (!s) cli_buf_puts(b, text);
    limen_free(text);
    return s ? s : cli_buf_check(b, err);
  }
  static const char *const head[] = {"name",   "class",  "J/FLOP peak", "J/FLOP realized",
                                     "J/byte", "J/read", "J/update",    "bits"};
  cli_table t;
  int s = cli_table_init(&t, 8, head, err);
  if (s) {
    cli_table_free(&t);
    return s;
  }
  for (size_t k = 2; k <= 7; k++) cli_table_set_right(&t, k, 1);
  for (size_t i = 0; i < ps->count; i++) {
    const limen_profile *p = &ps->profiles[i];
    cli_table_row(&t);
    cli_table_set(&t, 0, "%s", p->name);
    cli_table_set(&t, 1, "%s", limen_profile_class_name(p->cls));
    cli_table_set(&t, 2, "%s", opt_num(x[0], 64, p->energy_per_flop_J, 4));
    cli_table_set(&t, 3, "%s", opt_num(x[1], 64, p->energy_per_flop_realized_J, 4));
    cli_table_set(&t, 4, "%s", opt_num(x[2], 64, p->energy_per_byte_J, 4));
    cli_table_set(&t, 5, "%s", opt_num(x[3], 64, p->read_energy_J, 4));
    cli_table_set(&t, 6, "%s", opt_num(x[4], 64, p->update_energy_J, 4));
    cli_table_set(&t, 7, "%d", p->bits);
  }
  s = cli_table_check(&t, err);
  if (!s) cli_table_text(&t, b, 0);
  cli_table_free(&t);
  if (s) return s;
  cli_buf_puts(b, "\nwhat each profile includes, and its source:\n");
  const size_t cols = cli_terminal_columns();
  for (size_t i = 0; i < ps->count; i++) {
    const limen_profile *p = &ps->profiles[i];
    cli_buf_printf(b, "  %s: %s\n", p->name, p->display);
    cli_wrap(b, "    includes: ", 14, p->includes, cols);
    cli_wrap(b, "    source: ", 12, p->source, cols);
  }
  return cli_buf_check(b, err);
}

/* Load the data, render it, release it. */
static int load_and_render(cli_format fmt, const char *const *files, size_t n, cli_buf *out, limen_error *err) {
  limen_profile_set *ps = NULL;
  int status = limen_profiles_load_with(files, n, &ps, err);
  if (status && n) /* a file the user named that cannot be read is bad input, as in project */
    status = cli_error_prefix(err, status == LIMEN_EIO ? LIMEN_EINVAL : status, "--profiles: ");
  if (!status) status = render(ps, fmt, out, err);
  limen_profiles_free(ps);
  return status;
}

int limen_cmd_profiles(int argc, char **argv) { return cli_run_listing(&doc, "profiles", argc, argv, load_and_render); }
