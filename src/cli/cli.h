/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli.h: the subcommands of the `limen` tool and the helpers they share.
 * Exit statuses: 0 success, 1 a run-time failure (numerics, I/O), 2 bad input or usage.
 * On failure nothing is printed to stdout; one line goes to stderr: "limen <cmd>: <trace>". */
#ifndef LIMEN_CLI_H
#define LIMEN_CLI_H

#include <stdio.h>

#include "limen/checkpoint.h"
#include "limen/common.h"

enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2 };

typedef enum { CLI_FORMAT_TABLE = 0, CLI_FORMAT_CSV = 1, CLI_FORMAT_JSON = 2 } cli_format;

/* Subcommands: argv[0] is the subcommand name. */
int limen_cmd_project(int argc, char **argv);
int limen_cmd_bound(int argc, char **argv);
int limen_cmd_models(int argc, char **argv);
int limen_cmd_profiles(int argc, char **argv);
int limen_cmd_sweep(int argc, char **argv);
int limen_cmd_figure(int argc, char **argv);
int limen_cmd_simulate(int argc, char **argv);
int limen_cmd_validate(int argc, char **argv);
int limen_cmd_train(int argc, char **argv);

/* Print "limen <cmd>: <message>\n" to stderr and return `status`. */
int cli_fail(const char *cmd, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Report a library error: status 2 for bad input / unknown names / parse errors, else 1. */
int cli_fail_err(const char *cmd, const limen_error *err);

/* Strict parsing of an option value: the whole string must be an integer in [lo, hi].
 * On failure fills err with "<field> = '<text>': <why>" and returns LIMEN_EINVAL. */
int cli_parse_long(const char *field, const char *text, long lo, long hi, long *out,
                   limen_error *err);
int cli_parse_format(const char *text, int allow_csv, cli_format *out, limen_error *err);

/* Write `content` to DIR/NAME atomically (temporary file + rename); creates DIR; registers the
 * file for DIR's manifest (cli_out_register). */
int cli_write_file_atomic(const char *dir, const char *name, const char *content, limen_error *err);

/* The files of --out (out_set.c): register DIR/NAME before writing it (the first file of DIR
 * removes DIR's old manifest); at the end, cli_out_finish writes every DIR's manifest when the
 * command succeeded (ok), with the command line, and forgets them either way. */
int cli_out_register(const char *dir, const char *name, limen_error *err);
int cli_out_finish(int ok, limen_error *err);

/* The command line as one string, arguments with blanks or quotes in single quotes (malloc'd;
 * NULL when out of memory): the command of the provenance record (provenance.h). */
char *cli_command_line(int argc, char **argv);

/* --out DIR [--resume] of a long run (interrupt.c): ctl for the library's run loop, with ck
 * read from DIR when resuming (refused without DIR, without a checkpoint there, or with a
 * corrupt one: exit 2) and the checkpoint registered in DIR's manifest; SIGINT and SIGTERM
 * then stop the run after its current unit.  Without DIR, ctl->checkpoint is NULL (pass NULL
 * to the library); over MPI processes the run cannot be stopped or resumed, and rank 0 writes
 * the checkpoint.  Release ck with limen_checkpoint_clear. */
int cli_resume_begin(limen_run_control *ctl, limen_checkpoint *ck, const char *dir, int resume, limen_error *err);
/* After the run: ck released; a run interrupted says how to continue it.  Returns status. */
int cli_resume_end(limen_checkpoint *ck, int status, limen_error *err);
/* The exit status of a run stopped by a signal: 128 + its number (130 SIGINT, 143 SIGTERM). */
int cli_interrupt_exit_status(void);

#endif
