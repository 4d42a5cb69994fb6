/* SPDX-License-Identifier: GPL-3.0-or-later
 * listing.c: the driver shared by the commands that only list data (models, profiles). */
#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"

int cli_run_listing(const cli_command_doc *doc, const char *overlay, int argc, char **argv, cli_render_fn render) {
  cli_opt o[2];
  o[0] = cli_opt_str("format", CLI_OPT_STRING, "FMT", "table,csv,json", "table", "output format");
  o[1] = cli_opt_str(overlay, CLI_OPT_MULTI, "FILE", NULL, NULL,
                     "your own rows on top of limen's: same format, checked alike; a row of the same name replaces "
                     "limen's (repeatable)");
  cli_frame f;
  int status = cli_frame_begin(&f, doc, o, 2, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status && o[0].set) status = cli_parse_format(o[0].str, 1, &fmt, &f.err);
  if (!status) status = render(fmt, o[1].items, o[1].n_items, &f.out, &f.err);
  if (status == LIMEN_EPARSE || status == LIMEN_EIO) status = LIMEN_EINVAL; /* the user's file: bad input */
  return cli_frame_end(&f, status);
}
