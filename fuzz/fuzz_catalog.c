/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_catalog: the bytes as a model catalog file (data/models.json; workload.h) to
 * limen_catalog_load, through an in-memory file (the loader reads files only).  An accepted
 * catalog: at least one row, every string NUL-terminated within its buffer and the name not
 * empty, the names distinct and each found by limen_catalog_find, every number as the loader
 * documents it (params and tokens in [1, 1e30], flops NaN or in (0, 1e60], batch_tokens NaN or
 * in [1, tokens], year in [1940, 2100], published energy NaN or in (0, 1e20] with its source
 * named, published_pue NaN or in [1, 10]).  A refused input: a LIMEN_E* status with a message and
 * no catalog. */
#include "fuzz_common.h"

#include <math.h>

#include "limen/workload.h"

#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

static int nan_or_in(double x, double lo, int lo_open, double hi) {
  return isnan(x) || ((lo_open ? x > lo : x >= lo) && x <= hi);
}

static void check_catalog(const limen_catalog *c) {
  FUZZ_CHECK(c->count >= 1 && c->models != NULL);
  for (size_t i = 0; i < c->count; i++) {
    const limen_model *m = &c->models[i];
    FUZZ_CHECK(TERMINATED(m->name) && TERMINATED(m->display) && TERMINATED(m->energy_basis));
    FUZZ_CHECK(TERMINATED(m->hardware) && TERMINATED(m->hardware_profile) && TERMINATED(m->source));
    FUZZ_CHECK(TERMINATED(m->energy_source) && TERMINATED(m->notes));
    FUZZ_CHECK(m->name[0] != '\0');
    FUZZ_CHECK(m->params >= 1 && m->params <= 1e30 && m->tokens >= 1 && m->tokens <= 1e30);
    FUZZ_CHECK(nan_or_in(m->flops, 0, 1, 1e60));
    FUZZ_CHECK(nan_or_in(m->batch_tokens, 1, 0, m->tokens));
    FUZZ_CHECK(m->year >= 1940 && m->year <= 2100);
    FUZZ_CHECK(nan_or_in(m->published_energy_kWh, 0, 1, 1e20));
    FUZZ_CHECK(isnan(m->published_energy_kWh) || m->energy_source[0] != '\0');
    FUZZ_CHECK(nan_or_in(m->published_pue, 1, 0, 10));
    for (size_t j = 0; j < i; j++) FUZZ_CHECK(strcmp(c->models[j].name, m->name) != 0);
    const limen_model *found = NULL;
    limen_error err;
    FUZZ_CHECK(limen_catalog_find(c, m->name, &found, &err) == LIMEN_OK && found == m);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  int fd = fuzz_file(data, size, path);
  if (fd < 0) return 0;
  limen_error err;
  limen_catalog *c = NULL;
  fuzz_quiet_begin();
  int rc = limen_catalog_load(path, &c, &err);
  if (rc == LIMEN_OK) {
    FUZZ_CHECK(c != NULL);
    check_catalog(c);
  } else {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(c == NULL);
  }
  fuzz_quiet_end();
  limen_catalog_free(c);
  close(fd);
  return 0;
}
