/* SPDX-License-Identifier: GPL-3.0-or-later
 * spread.c: independent items split over processes (spread.h) — each process runs a block of
 * items and the results, packed as bytes, are joined on every process through the caller's
 * communication (the library never communicates itself). */
#include "limen/spread.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void limen_spread_range(size_t n, size_t rank, size_t size, size_t *first, size_t *count) {
  if (size == 0) size = 1;
  size_t base = n / size, extra = n % size;
  *first = rank * base + (rank < extra ? rank : extra);
  *count = rank < size ? base + (rank < extra ? 1 : 0) : 0;
}

void limen_spread_put(unsigned char *buf, size_t *at, const void *src, size_t n) {
  if (n) memcpy(buf + *at, src, n);
  *at += n;
}

void limen_spread_take(const unsigned char *buf, size_t *at, void *dst, size_t n) {
  if (n) memcpy(dst, buf + *at, n);
  *at += n;
}

/* This process's items as one buffer: for each, its size (uint64) and its bytes. */
static int pack_block(const limen_spread_job *job, size_t first, size_t count, unsigned char **buf, size_t *n) {
  size_t total = 0;
  for (size_t i = first; i < first + count; i++) total += sizeof(uint64_t) + job->size(job->ctx, i);
  *n = total;
  *buf = malloc(total ? total : 1);
  if (!*buf) return LIMEN_ENOMEM;
  size_t at = 0;
  for (size_t i = first; i < first + count; i++) {
    uint64_t len = job->size(job->ctx, i);
    limen_spread_put(*buf, &at, &len, sizeof len);
    job->pack(job->ctx, i, *buf + at);
    at += len;
  }
  return LIMEN_OK;
}

/* Every other process's items from the joined buffers (rank order, each block in item order). */
static int unpack_all(const limen_spread *sp, const limen_spread_job *job, const unsigned char *all, size_t n_all,
                      limen_error *err) {
  size_t at = 0;
  for (size_t r = 0; r < sp->size; r++) {
    size_t first, count;
    limen_spread_range(job->n, r, sp->size, &first, &count);
    for (size_t i = first; i < first + count; i++) {
      uint64_t len = 0;
      if (at + sizeof len > n_all) return limen_error_set(err, LIMEN_EINTERNAL, "limen_spread_run", "short join");
      limen_spread_take(all, &at, &len, sizeof len);
      if (len > n_all - at) return limen_error_set(err, LIMEN_EINTERNAL, "limen_spread_run", "short join");
      int st = r == sp->rank ? LIMEN_OK : job->unpack(job->ctx, i, all + at, (size_t)len, err);
      if (st) return st;
      at += (size_t)len;
    }
  }
  return LIMEN_OK;
}

/* Join the packed blocks on every process: their sizes first, then the bytes. */
static int join(const limen_spread *sp, const limen_spread_job *job, size_t first, size_t count, limen_error *err) {
  unsigned char *mine = NULL, *all = NULL;
  size_t n_mine = 0, n_all = 0, *counts = calloc(sp->size, sizeof *counts);
  uint64_t *sizes = calloc(sp->size, sizeof *sizes);
  int st = counts && sizes ? pack_block(job, first, count, &mine, &n_mine) : LIMEN_ENOMEM;
  if (st) limen_error_set(err, st, "limen_spread_run", "out of memory");
  if (!(st = sp->agree(sp->ctx, st, err))) {
    uint64_t n64 = n_mine;
    for (size_t r = 0; r < sp->size; r++) counts[r] = sizeof n64;
    st = sp->gather(sp->ctx, &n64, sizeof n64, sizes, counts, err);
  }
  for (size_t r = 0; !st && r < sp->size; r++) n_all += counts[r] = (size_t)sizes[r];
  if (!st) {
    all = malloc(n_all ? n_all : 1);
    st = all ? LIMEN_OK : limen_error_set(err, LIMEN_ENOMEM, "limen_spread_run", "out of memory");
    if (!(st = sp->agree(sp->ctx, st, err))) st = sp->gather(sp->ctx, mine, n_mine, all, counts, err);
  }
  if (!st) st = sp->agree(sp->ctx, unpack_all(sp, job, all, n_all, err), err);
  free(all);
  free(mine);
  free(sizes);
  free(counts);
  return st;
}

int limen_spread_run(const limen_spread *sp, const limen_spread_job *job, limen_error *err) {
  if (!job || !job->run) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL job");
  if (!sp || sp->size <= 1) {
    for (size_t i = 0; i < job->n; i++) {
      int st = job->run(job->ctx, i, err);
      if (st) return st;
    }
    return LIMEN_OK;
  }
  if (!sp->agree || !sp->gather || !job->size || !job->pack || !job->unpack || sp->rank >= sp->size)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "incomplete communication or job");
  size_t first, count;
  limen_spread_range(job->n, sp->rank, sp->size, &first, &count);
  int st = LIMEN_OK;
  for (size_t i = first; !st && i < first + count; i++) st = job->run(job->ctx, i, err);
  if ((st = sp->agree(sp->ctx, st, err))) return st;
  return join(sp, job, first, count, err);
}
