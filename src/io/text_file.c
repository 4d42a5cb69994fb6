/* SPDX-License-Identifier: GPL-3.0-or-later
 * text_file.c: a result's text written into a directory atomically (datafile.h,
 * limen_text_file_write) — the files of `limen simulate --out` and `limen train --out` — so
 * that a reader never sees half a file, whichever program (the tool, the Python package)
 * writes it, and the checkpoints of long runs (checkpoint.h) — through the output layer
 * (outfile.h: temporary, checked writes, fsync, rename). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "limen/datafile.h"
#include "limen/outfile.h"

/* dir and its parents (mkdir -p). */
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

int limen_text_file_write(const char *dir, const char *name, const char *text, limen_error *err) {
  if (!dir || !name || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int st = limen_output_path_check(dir, LIMEN_OUTPUT_DIR, "directory", err);
  if (st) return st;
  if (mkdir_p(dir) != 0)
    return limen_error_set(err, LIMEN_EIO, __func__, "cannot create directory '%s': %s", dir, strerror(errno));
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
    return limen_error_set(err, LIMEN_EIO, __func__, "path too long: '%s/%s'", dir, name);
  return limen_file_write_atomic(path, text, strlen(text), err);
}
