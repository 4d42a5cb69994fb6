/* SPDX-License-Identifier: GPL-3.0-or-later
 * path_blocks.c: one tensor's pass over the kernel (path_kernel.c) in fixed blocks of
 * PATH_BLOCK values, the blocks spread over the OpenMP threads.  A tensor's sums are its blocks'
 * sums added in block order (each block's own in its four lanes, path_kernel.c), its counts and
 * histogram integer sums, its maximum a maximum: none of them depends on the thread count, so
 * the results are bit-identical for any number of threads (tests/test_path.c, threads_check).
 * A tensor of at most PATH_BLOCK values is one block: the kernel's pass as it is. */
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "path/path_internal.h"

/* Block k of a tensor: its values, its copy, its length. */
static size_t block_at(const path_job *j, size_t k, const void **w, void **prev) {
  const size_t off = k * PATH_BLOCK, len = j->n - off < PATH_BLOCK ? j->n - off : PATH_BLOCK;
  *w = (const char *)j->w + off * j->size;
  *prev = (char *)j->prev + off * j->size;
  return len;
}

static int block_pass(const path_job *j, size_t k, path_acc *a, uint64_t *hist4, size_t *bad) {
  const void *w;
  void *prev;
  const size_t len = block_at(j, k, &w, &prev);
  const int rc = j->f32 ? j->f32(j->g, w, prev, len, j->first, a, hist4, bad)
                        : j->f64(j->g, w, prev, len, j->first, a, hist4, bad);
  *bad += k * PATH_BLOCK;
  return rc;
}

/* Block k's result folded into the tensor's, in block order. */
static void fold(path_acc *acc, const path_acc *b) {
  acc->path += b->path;
  acc->sumsq += b->sumsq;
  acc->max = b->max > acc->max ? b->max : acc->max;
  acc->changed += b->changed;
  acc->flips += b->flips;
  acc->clamped += b->clamped;
}

/* The blocks one after another, without memory of their own. */
static int blocks_in_turn(const path_job *j, size_t nb, path_acc *acc, uint64_t *hist4, size_t *bad) {
  for (size_t k = 0; k < nb; k++) {
    path_acc b;
    const int rc = block_pass(j, k, &b, hist4, bad);
    if (rc) return rc;
    fold(acc, &b);
  }
  return LIMEN_OK;
}

/* The blocks across `threads` threads, each with its own histograms, folded afterwards.  1 when
 * the memory for it is not there (the caller then runs them in turn, with the same result). */
static int blocks_across(const path_job *j, size_t nb, int threads, path_acc *acc, uint64_t *hist4, size_t *bad,
                         int *rc_out) {
  const size_t hn = PATH_LANES * j->g->nbins;
  path_acc *b = malloc(nb * sizeof *b);
  int *rc = malloc(nb * sizeof *rc);
  size_t *bads = malloc(nb * sizeof *bads);
  uint64_t *h = calloc((size_t)threads * hn, sizeof *h);
  if (!b || !rc || !bads || !h) {
    free(b), free(rc), free(bads), free(h);
    return 1;
  }
#pragma omp parallel num_threads(threads)
  {
    uint64_t *mine = h + (size_t)omp_get_thread_num() * hn;
#pragma omp for schedule(dynamic, 1)
    for (size_t k = 0; k < nb; k++) rc[k] = block_pass(j, k, &b[k], mine, &bads[k]);
  }
  *rc_out = LIMEN_OK;
  for (size_t k = 0; k < nb && !*rc_out; k++) {
    if (rc[k]) *rc_out = rc[k], *bad = bads[k];
    else fold(acc, &b[k]);
  }
  for (int t = 0; t < threads; t++)
    for (size_t i = 0; i < hn; i++) hist4[i] += h[(size_t)t * hn + i];
  free(b), free(rc), free(bads), free(h);
  return 0;
}

int path_pass_blocks(const path_job *j, path_acc *acc, uint64_t *hist4, size_t *bad_index) {
  const size_t nb = j->n / PATH_BLOCK + (j->n % PATH_BLOCK != 0);
  if (nb <= 1) return block_pass(j, 0, acc, hist4, bad_index);
  memset(acc, 0, sizeof *acc);
  const int most = omp_get_max_threads();
  const int threads = (size_t)most < nb ? most : (int)nb;
  int rc = LIMEN_OK;
  if (threads > 1 && blocks_across(j, nb, threads, acc, hist4, bad_index, &rc) == 0) return rc;
  memset(acc, 0, sizeof *acc);
  return blocks_in_turn(j, nb, acc, hist4, bad_index);
}
