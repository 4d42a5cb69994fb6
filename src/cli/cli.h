/* SPDX-License-Identifier: GPL-3.0-or-later
 * cli.h: the subcommands of the `limen` tool and the helpers they share.
 * Exit statuses: 0 success, 1 a run-time failure (numerics, I/O), 2 bad input or usage.
 * On failure nothing is printed to stdout; one line goes to stderr: "limen <cmd>: <trace>". */
#ifndef LIMEN_CLI_H
#define LIMEN_CLI_H

#include <stdio.h>

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

#endif
