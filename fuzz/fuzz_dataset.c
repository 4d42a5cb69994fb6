/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_dataset: a data set CSV file (dataset.h; data/digits, data/breast_cancer) to
 * limen_dataset_read_csv, through an in-memory file.  The first three bytes pick the header
 * lines (0-2), the features d (1-64) and the classes (2-11); the rest is the file.  An accepted
 * data set has the d and classes asked for, one row per non-empty line after the header (a line
 * holding only "\r" is empty too), every feature finite, every label in [0, classes), and its
 * stratified split (limen_dataset_split, a quarter for testing) keeps every row once or is
 * refused with LIMEN_EINVAL.  A refused input: a LIMEN_E* status with a message and no data set. */
#include "fuzz_common.h"

#include <math.h>

#include "limen/dataset.h"

/* Non-empty lines after the header, as the format counts them (the text ends at a NUL byte). */
static size_t data_lines(const uint8_t *p, size_t size, size_t header) {
  const uint8_t *end = memchr(p, '\0', size);
  if (end) size = (size_t)(end - p);
  size_t line = 0, n = 0;
  for (size_t i = 0; i < size;) {
    const uint8_t *nl = memchr(p + i, '\n', size - i);
    size_t len = nl ? (size_t)(nl - (p + i)) : size - i;
    line++;
    if (line > header && !(len == 0 || (len == 1 && p[i] == '\r'))) n++;
    i += len + 1;
  }
  return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3) return 0;
  const size_t header = data[0] % 3, d = 1 + data[1] % 64, classes = 2 + data[2] % 10;
  char path[64];
  int fd = fuzz_file(data + 3, size - 3, path);
  if (fd < 0) return 0;
  limen_error err;
  limen_dataset *ds = NULL;
  fuzz_quiet_begin();
  int rc = limen_dataset_read_csv(path, header, d, classes, &ds, &err);
  if (rc != LIMEN_OK) {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(ds == NULL);
  } else {
    FUZZ_CHECK(ds != NULL && ds->x != NULL && ds->y != NULL);
    FUZZ_CHECK(ds->d == d && ds->classes == classes);
    FUZZ_CHECK(memchr(ds->name, '\0', sizeof ds->name) != NULL);
    FUZZ_CHECK(ds->n >= 1 && ds->n == data_lines(data + 3, size - 3, header));
    for (size_t i = 0; i < ds->n * ds->d; i++) FUZZ_CHECK(isfinite(ds->x[i]));
    for (size_t i = 0; i < ds->n; i++) FUZZ_CHECK(ds->y[i] >= 0 && (size_t)ds->y[i] < classes);
    limen_dataset *train = NULL, *test = NULL;
    rc = limen_dataset_split(ds, 0.25, 1, &train, &test, &err);
    if (rc == LIMEN_OK) {
      FUZZ_CHECK(train && test && train->n >= 1 && test->n >= 1 && train->n + test->n == ds->n);
      FUZZ_CHECK(train->d == d && test->d == d && train->classes == classes && test->classes == classes);
    } else {
      fuzz_failure(rc, &err);
      FUZZ_CHECK(rc == LIMEN_EINVAL && train == NULL && test == NULL);
    }
    limen_dataset_free(train);
    limen_dataset_free(test);
  }
  fuzz_quiet_end();
  limen_dataset_free(ds);
  close(fd);
  return 0;
}
