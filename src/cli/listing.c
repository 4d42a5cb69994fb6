/* SPDX-License-Identifier: GPL-3.0-or-later
 * listing.c: the driver shared by the commands that only list data (models, profiles). */
#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"

int cli_run_listing(const cli_command_doc *doc, int argc, char **argv, cli_render_fn render) {
  cli_opt o[1];
  o[0] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,csv,json", "table", "output format");
  cli_frame f;
  int status = cli_frame_begin(&f, doc, o, 1, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status && o[0].set) status = cli_parse_format(o[0].str, 1, &fmt, &f.err);
  if (!status) status = render(fmt, &f.out, &f.err);
  return cli_frame_end(&f, status);
}
