/* SPDX-License-Identifier: GPL-3.0-or-later
 * util.c: helpers shared by the subcommands: error reporting, strict parsing, the library's
 * atomic files. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "limen/report.h"

int cli_fail(const char *cmd, int status, const char *fmt, ...) {
  fflush(stdout);
  fprintf(stderr, "limen %s: ", cmd);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  return status;
}

static int cli_status_for(int code) {
  switch (code) {
    case LIMEN_OK: return CLI_OK;
    case LIMEN_EINVAL:
    case LIMEN_ENOTFOUND:
    case LIMEN_EPARSE: return CLI_USAGE;
    case LIMEN_EINTERRUPTED: return cli_interrupt_exit_status();
    default: return CLI_FAIL;
  }
}

int cli_fail_err(const char *cmd, const limen_error *err) {
  int st = cli_fail(cmd, cli_status_for(err->code), "%s", err->msg[0] ? err->msg : limen_strstatus(err->code));
  if (cli_debug) /* the library's trace, with the function names, on a second line */
    fprintf(stderr, "limen %s: trace (%s): %s\n", cmd, limen_strstatus(err->code), err->trace[0] ? err->trace : err->msg);
  return st;
}

int cli_parse_long(const char *field, const char *text, long lo, long hi, long *out, limen_error *err) {
  if (!text || !*text) return limen_error_set(err, LIMEN_EINVAL, field, "empty value: expected an integer in [%ld, %ld]", lo, hi);
  char *end = NULL;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (end == text || *end != '\0' || errno == ERANGE || v < lo || v > hi)
    return limen_error_set(err, LIMEN_EINVAL, field, "'%s': allowed range integers [%ld, %ld]", text, lo, hi);
  *out = v;
  return LIMEN_OK;
}

int cli_parse_format(const char *text, int allow_csv, cli_format *out, limen_error *err) {
  if (strcmp(text, "table") == 0) *out = CLI_FORMAT_TABLE;
  else if (strcmp(text, "json") == 0) *out = CLI_FORMAT_JSON;
  else if (allow_csv && strcmp(text, "csv") == 0) *out = CLI_FORMAT_CSV;
  else
    return limen_error_set(err, LIMEN_EINVAL, "--format", "'%s': allowed values table, %sjson", text,
                           allow_csv ? "csv, " : "");
  return LIMEN_OK;
}

int cli_write_file_atomic(const char *dir, const char *name, const char *content, limen_error *err) {
  int st = cli_out_register(dir, name, err); /* first: the old manifest goes before any file changes */
  return st ? st : limen_text_file_write(dir, name, content, err);
}

/* The command line, arguments with blanks or quotes in single quotes. */
char *cli_command_line(int argc, char **argv) {
  size_t len = 1;
  for (int i = 0; i < argc; i++) len += 4 * strlen(argv[i]) + 3;
  char *s = malloc(len), *p = s;
  if (!s) return NULL;
  for (int i = 0; i < argc; i++) {
    int quote = argv[i][strcspn(argv[i], " \t'\"\\$")] != '\0' || !argv[i][0];
    if (i) *p++ = ' ';
    if (quote) *p++ = '\'';
    for (const char *c = argv[i]; *c; c++) {
      if (quote && *c == '\'') {
        memcpy(p, "'\\''", 4);
        p += 4;
      } else {
        *p++ = *c;
      }
    }
    if (quote) *p++ = '\'';
  }
  *p = '\0';
  return s;
}
