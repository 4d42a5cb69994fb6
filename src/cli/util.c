/* SPDX-License-Identifier: GPL-3.0-or-later
 * util.c: helpers shared by the subcommands: error reporting, strict parsing, atomic files. */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

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

int cli_status_for(int code) {
  switch (code) {
    case LIMEN_OK: return CLI_OK;
    case LIMEN_EINVAL:
    case LIMEN_ENOTFOUND:
    case LIMEN_EPARSE: return CLI_USAGE;
    default: return CLI_FAIL;
  }
}

int cli_fail_err(const char *cmd, const limen_error *err) {
  return cli_fail(cmd, cli_status_for(err->code), "%s", err->msg[0] ? err->msg : limen_strstatus(err->code));
}

int cli_parse_double(const char *field, const char *text, double *out, limen_error *err) {
  if (!text || !*text) return limen_error_set(err, LIMEN_EINVAL, field, "empty value: expected a finite number");
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || *end != '\0')
    return limen_error_set(err, LIMEN_EINVAL, field, "'%s' is not a number", text);
  if (errno == ERANGE && fabs(v) > 1.0)
    return limen_error_set(err, LIMEN_EINVAL, field, "'%s' overflows a double (allowed magnitude < 1.8e308)", text);
  if (!isfinite(v)) return limen_error_set(err, LIMEN_EINVAL, field, "'%s' is not finite: expected a finite number", text);
  *out = v;
  return LIMEN_OK;
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

static int mkdir_p(const char *dir) {
  char buf[PATH_MAX];
  size_t n = strlen(dir);
  if (n == 0 || n >= sizeof buf) return -1;
  memcpy(buf, dir, n + 1);
  for (char *p = buf + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
      *p = '/';
    }
  }
  if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
  return 0;
}

int cli_write_file_atomic(const char *dir, const char *name, const char *content, limen_error *err) {
  if (mkdir_p(dir) != 0)
    return limen_error_set(err, LIMEN_EIO, "--out", "cannot create directory '%s': %s", dir, strerror(errno));
  char path[PATH_MAX], tmp[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
      snprintf(tmp, sizeof tmp, "%s/.%s.tmp.%ld", dir, name, (long)getpid()) >= (int)sizeof tmp)
    return limen_error_set(err, LIMEN_EIO, "--out", "path too long: '%s/%s'", dir, name);
  FILE *f = fopen(tmp, "w");
  if (!f) return limen_error_set(err, LIMEN_EIO, "--out", "cannot write '%s': %s", tmp, strerror(errno));
  size_t len = strlen(content);
  int bad = fwrite(content, 1, len, f) != len;
  bad |= fflush(f) != 0;
  bad |= fsync(fileno(f)) != 0;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    unlink(tmp);
    return limen_error_set(err, LIMEN_EIO, "--out", "cannot write '%s': %s", path, strerror(errno));
  }
  return LIMEN_OK;
}
