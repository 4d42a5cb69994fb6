/* SPDX-License-Identifier: GPL-3.0-or-later
 * frame.h: the opening and closing that every subcommand shares.  A command
 *
 *   cli_frame f;
 *   int status = cli_frame_begin(&f, &doc, opts, n_opts, argc, argv);
 *   if (status == CLI_HELP) return CLI_OK;                  (help printed, nothing to free)
 *   if (!status) status = cli_frame_no_positional(&f);
 *   ... its own work: output into f.out, failures into f.err ...
 *   return cli_frame_end(&f, status);
 *
 * keeps only its own logic: cli_frame_end prints either f.out (everything succeeded) or the one
 * error line "limen <cmd>: <f.err>" with exit status 2 for bad input, 1 otherwise (cli.h), and
 * releases what the frame owns. */
#ifndef LIMEN_CLI_FRAME_H
#define LIMEN_CLI_FRAME_H

#include <stddef.h>

#include "cli/options.h"
#include "cli/output.h"

typedef struct cli_frame {
  const char *cmd;      /* the command's name (doc->name), for the error line            */
  cli_args args;        /* what the option parser produced (positional arguments, ...)  */
  limen_error err;      /* the failure cli_frame_end reports                            */
  cli_buf out;          /* stdout, printed by cli_frame_end only on success             */
  const cli_buf *emit;  /* printed instead of out when set (a command's own buffer)     */
  int range_is_usage;   /* 1: LIMEN_ERANGE is bad input (a result out of a double's
                           range is caused by the inputs), exit status 2                 */
} cli_frame;

/* Set up f and parse the options (cli_opts_parse).  Returns LIMEN_OK, a LIMEN_E* code with
 * f->err filled, or CLI_HELP when --help was printed; then f owns nothing and the command
 * returns CLI_OK without calling cli_frame_end. */
int cli_frame_begin(cli_frame *f, const cli_command_doc *doc, cli_opt *opts, size_t n_opts, int argc,
                    char **argv);

/* LIMEN_EINVAL with the message "unexpected argument '<first>' (options start with --)" when
 * the command line has positional arguments, else LIMEN_OK. */
int cli_frame_no_positional(cli_frame *f);

/* Finish: status 0 prints f->emit (or f->out) to stdout, any other status prints f->err to stderr;
 * releases the frame and returns the exit status. */
int cli_frame_end(cli_frame *f, int status);

#endif
