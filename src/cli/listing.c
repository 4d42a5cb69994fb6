/* SPDX-License-Identifier: GPL-3.0-or-later
 * listing.c: the driver shared by the commands that only list data (models, profiles). */
#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"

typedef struct listing {
  cli_render_fn render;
  const cli_opt *files;
} listing;

static int render_one(const void *ctx, cli_format fmt, cli_buf *b, limen_error *err) {
  const listing *l = ctx;
  return l->render(fmt, l->files->items, l->files->n_items, b, err);
}

int cli_run_listing(const cli_command_doc *doc, const char *overlay, int argc, char **argv, cli_render_fn render) {
  cli_opt o[3];
  o[0] = cli_opt_format("table", "output format");
  o[1] = cli_opt_str(overlay, CLI_OPT_MULTI, "FILE", NULL, NULL,
                     "your own rows on top of limen's: same format, checked alike; a row of the same name replaces "
                     "limen's (repeatable)");
  o[2] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                     "also write the listing as DIR/<command>.txt, .csv and .json (atomically)");
  cli_frame f;
  int status = cli_frame_begin(&f, doc, o, 3, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  cli_format fmt = CLI_FORMAT_TABLE;
  if (!status) status = cli_frame_no_positional(&f);
  if (!status && o[0].set) status = cli_parse_format(o[0].str, 1, &fmt, &f.err);
  listing l = {render, &o[1]};
  if (!status) status = cli_render_set(o[2].set ? o[2].str : NULL, doc->name, fmt, render_one, &l, &f.out, &f.err);
  if (status == LIMEN_EPARSE || status == LIMEN_EIO) status = LIMEN_EINVAL; /* the user's file: bad input */
  return cli_frame_end(&f, status);
}
