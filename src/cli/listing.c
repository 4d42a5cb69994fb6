/* SPDX-License-Identifier: GPL-3.0-or-later
 * listing.c: the driver shared by the commands that only list data (models, profiles). */
#include "cli/cli.h"
#include "cli/options.h"
#include "cli/output.h"

int cli_run_listing(const cli_command_doc *doc, int argc, char **argv, cli_render_fn render) {
  cli_opt o[1];
  o[0] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,csv,json", "table", "output format");
  cli_args args;
  cli_args_init(&args);
  limen_error err;
  limen_error_clear(&err);
  cli_buf out;
  cli_buf_init(&out);
  int status = cli_opts_parse(doc, o, 1, argc, argv, &args, &err);
  if (status == CLI_HELP) {
    cli_args_free(&args);
    return CLI_OK;
  }
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status && args.n_positional)
    status = cli_error(&err, LIMEN_EINVAL, "unexpected argument '%s'", args.positional[0]);
  if (!status && o[0].set) status = cli_parse_format(o[0].str, 1, &fmt, &err);
  if (!status) status = render(fmt, &out, &err);
  cli_args_free(&args);
  if (status) {
    cli_buf_free(&out);
    return cli_fail_err(doc->name, &err);
  }
  status = cli_emit(doc->name, &out);
  cli_buf_free(&out);
  return status;
}
