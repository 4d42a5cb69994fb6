/* SPDX-License-Identifier: GPL-3.0-or-later
 * spread.h: independent runs split over processes.  A caller that runs several processes (the
 * tool under mpirun) hands the library its communication as a limen_spread; a library function
 * that runs independent items (the checks of limen_validate_run_spread, the grid points of
 * limen_sweep_run_spread, the training runs of the experiments) then runs a block of them on
 * each process and joins the results on every process, so that every process returns what one
 * process would, bit for bit.  The library itself never communicates: it only calls these
 * functions.  NULL, or size 1, is one process. */
#ifndef LIMEN_SPREAD_H
#define LIMEN_SPREAD_H

#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Each function is collective: every process calls it, in the same order. */
typedef struct limen_spread {
  size_t rank, size;
  void *ctx;
  /* Every process returns the status of the lowest rank whose status is not LIMEN_OK, with its
   * error in err; LIMEN_OK when there is none. */
  int (*agree)(void *ctx, int status, limen_error *err);
  /* Concatenate every process's bytes in rank order into all, on every process: process r
   * gives counts[r] bytes (counts is the same on every process; a count may be 0). */
  int (*gather)(void *ctx, const void *mine, size_t n, void *all, const size_t *counts, limen_error *err);
} limen_spread;

/* The items of a limen_spread_run: run item i on this process; its result as bytes (size,
 * then pack writes exactly that many); and a result of another process taken in (unpack). */
typedef struct limen_spread_job {
  size_t n;
  void *ctx;
  int (*run)(void *ctx, size_t i, limen_error *err);
  size_t (*size)(void *ctx, size_t i);
  void (*pack)(void *ctx, size_t i, unsigned char *buf);
  int (*unpack)(void *ctx, size_t i, const unsigned char *buf, size_t n, limen_error *err);
} limen_spread_job;

/* The block of n items of process rank out of size: [*first, *first + *count), the blocks in
 * rank order, sizes differing by at most one (a process may get none). */
LIMEN_API void limen_spread_range(size_t n, size_t rank, size_t size, size_t *first, size_t *count);

/* Run the job: one process runs items 0 … n−1 in order and stops at the first failure; under
 * sp each process runs its block (limen_spread_range) the same way, the processes agree on
 * the failure of the lowest block (so the error is that of the first failing item, as on one
 * process), and otherwise every process unpacks every other process's items. */
LIMEN_API int limen_spread_run(const limen_spread *sp, const limen_spread_job *job, limen_error *err);

/* Byte packing for a job's pack and unpack: copy n bytes at *at and advance it. */
LIMEN_API void limen_spread_put(unsigned char *buf, size_t *at, const void *src, size_t n);
LIMEN_API void limen_spread_take(const unsigned char *buf, size_t *at, void *dst, size_t n);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_SPREAD_H */
