/* SPDX-License-Identifier: GPL-3.0-or-later
 * spread_runs.c: a training run's result as bytes, so that the runs of an experiment split over
 * processes (spread.h) can be joined: the result, then its trace points and, when recorded, the
 * per-step moves and hopping rates.  The static strings (the paradigm's name) are the caller's
 * to restore. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "experiment/experiment_internal.h"

/* The lengths of the arrays a result carries. */
static void lengths(const limen_train_result *r, uint64_t n[3]) {
  n[0] = r->points ? r->n_points : 0;
  n[1] = r->updates_levels ? (uint64_t)r->steps * r->n_params : 0;
  n[2] = r->rate_per_tau0 ? r->steps : 0;
}

size_t limen_xspread_train_size(const limen_train_result *r) {
  uint64_t n[3];
  lengths(r, n);
  return sizeof *r + sizeof n + (size_t)n[0] * sizeof *r->points + (size_t)(n[1] + n[2]) * sizeof(double);
}

void limen_xspread_train_pack(const limen_train_result *r, unsigned char *buf, size_t *at) {
  uint64_t n[3];
  lengths(r, n);
  limen_spread_put(buf, at, r, sizeof *r);
  limen_spread_put(buf, at, n, sizeof n);
  limen_spread_put(buf, at, r->points, (size_t)n[0] * sizeof *r->points);
  limen_spread_put(buf, at, r->updates_levels, (size_t)n[1] * sizeof(double));
  limen_spread_put(buf, at, r->rate_per_tau0, (size_t)n[2] * sizeof(double));
}

/* An array of n elements of `size` bytes from buf (NULL when the sender had none). */
static int take_array(const unsigned char *buf, size_t *at, size_t end, uint64_t n, size_t size, int had, void **out) {
  *out = NULL;
  if (n > (end - *at) / size) return LIMEN_EINTERNAL;
  if (!had) return LIMEN_OK;
  if (!(*out = malloc(n ? (size_t)n * size : 1))) return LIMEN_ENOMEM;
  limen_spread_take(buf, at, *out, (size_t)n * size);
  return LIMEN_OK;
}

int limen_xspread_train_unpack(limen_train_result *r, const unsigned char *buf, size_t *at, size_t end,
                               limen_error *err) {
  limen_train_result_clear(r);
  uint64_t n[3];
  if (end - *at < sizeof *r + sizeof n)
    return limen_error_set(err, LIMEN_EINTERNAL, "limen_experiment", "a joined run is short");
  limen_spread_take(buf, at, r, sizeof *r);
  limen_spread_take(buf, at, n, sizeof n);
  int had[3] = {r->points != NULL, r->updates_levels != NULL, r->rate_per_tau0 != NULL};
  r->points = NULL;
  r->updates_levels = r->rate_per_tau0 = NULL;
  r->paradigm = NULL;
  void *p[3];
  int st = take_array(buf, at, end, n[0], sizeof *r->points, had[0], &p[0]);
  r->points = p[0];
  if (!st) st = take_array(buf, at, end, n[1], sizeof(double), had[1], &p[1]), r->updates_levels = st ? NULL : p[1];
  if (!st) st = take_array(buf, at, end, n[2], sizeof(double), had[2], &p[2]), r->rate_per_tau0 = st ? NULL : p[2];
  if (st) return limen_error_set(err, st, "limen_experiment", st == LIMEN_ENOMEM ? "out of memory" : "a joined run is short");
  return LIMEN_OK;
}
