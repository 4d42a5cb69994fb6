/* SPDX-License-Identifier: GPL-3.0-or-later
 * frame.c: the opening and closing shared by the subcommands (frame.h). */
#include "cli/frame.h"

#include <string.h>

#include "cli/figure_sweep.h"
#include "cli/mpi_run.h"
#include "limen/outfile.h"

/* --out names a directory: its metavar is DIR, or FILE|DIR (figure) and the path reads as one. */
static int out_is_dir(const cli_opt *out) {
  if (strcmp(out->metavar, "DIR") == 0) return 1;
  return strcmp(out->metavar, "FILE|DIR") == 0 && cli_figure_out_is_dir(out->str);
}

int cli_frame_begin(cli_frame *f, const cli_command_doc *doc, cli_opt *opts, size_t n_opts, int argc,
                    char **argv) {
  f->cmd = doc->name;
  cli_args_init(&f->args);
  limen_error_clear(&f->err);
  cli_buf_init(&f->out);
  f->emit = NULL;
  f->range_is_usage = 0;
  int status = cli_opts_parse(doc, opts, n_opts, argc, argv, &f->args, &f->err);
  cli_mpi_note_options(doc->name, opts, n_opts, f->args.positional, f->args.n_positional);
  if (status == CLI_HELP) cli_args_free(&f->args);
  const cli_opt *out = status ? NULL : cli_opt_find(opts, n_opts, "out");
  if (out && out->set && out->str) /* before any work: a device or a read-only place is refused */
    status = limen_output_path_check(out->str, out_is_dir(out) ? LIMEN_OUTPUT_DIR : LIMEN_OUTPUT_FILE,
                                     "--out", &f->err);
  return status;
}

int cli_frame_no_positional(cli_frame *f) {
  if (!f->args.n_positional) return LIMEN_OK;
  return cli_error(&f->err, LIMEN_EINVAL, "unexpected argument '%s' (options start with --)",
                   f->args.positional[0]);
}

int cli_frame_end(cli_frame *f, int status) {
  cli_args_free(&f->args);
  status = cli_mpi_finish(status, &f->err); /* under mpirun: every rank's inputs and status agree */
  if (status) {
    if (f->range_is_usage && f->err.code == LIMEN_ERANGE) f->err.code = LIMEN_EINVAL;
    status = cli_fail_err(f->cmd, &f->err);
  } else {
    status = cli_emit(f->cmd, f->emit ? f->emit : &f->out);
  }
  cli_buf_free(&f->out);
  f->emit = NULL;
  return status;
}
