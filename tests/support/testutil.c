/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int tu_close_rel(double a, double b, double rel) {
  if (a == b) return 1;
  double m = fmax(fabs(a), fabs(b));
  return fabs(a - b) <= rel * m;
}

double tu_z(double mean, double expected, double stderr_) {
  return stderr_ > 0 ? (mean - expected) / stderr_ : (mean == expected ? 0.0 : HUGE_VAL);
}

double tu_scale(void) {
  const char *s = getenv("LIMEN_TEST_SCALE");
  if (!s) return 1.0;
  double v = atof(s);
  return v > 0 ? v : 1.0;
}

const char *tu_test_path(const char *rel) {
  static char buf[4096];
  const char *d = getenv("LIMEN_TEST_DIR");
  snprintf(buf, sizeof buf, "%s/%s", d ? d : "tests", rel);
  return buf;
}

const char *tu_temp_file(const char *text) {
  static char path[64];
  snprintf(path, sizeof path, "limen_test_XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0) return NULL;
  size_t n = strlen(text);
  int ok = write(fd, text, n) == (ssize_t)n;
  ok &= close(fd) == 0;
  if (!ok) {
    unlink(path);
    return NULL;
  }
  return path;
}

const char *tu_csv_body(const char *text) {
  while (text && *text == '#') {
    const char *nl = strchr(text, '\n');
    text = nl ? nl + 1 : text + strlen(text);
  }
  return text;
}
