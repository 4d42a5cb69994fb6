/* SPDX-License-Identifier: GPL-3.0-or-later
 * memo.h (core, shared upwards): a process-wide memo of pure, expensive results keyed by their
 * exact inputs — the retention barrier, the finite-time coefficient B, the static write, Kramers
 * rates — so that a sweep, a figure or a loop of projections computes each distinct cell once.
 * A hit returns the bytes the same computation stored, so results are identical with and
 * without the memo; only successes are stored.  Thread-safe (one mutex); limen_cache_* of
 * common.h switch it off, clear it and count hits. */
#ifndef LIMEN_CORE_MEMO_H
#define LIMEN_CORE_MEMO_H

#include <stddef.h>
#include <stdint.h>

#include "limen/common.h"

/* Which function a key belongs to. */
typedef enum {
  LIMEN_MEMO_RETENTION = 1,
  LIMEN_MEMO_FT_COEFFICIENT = 2,
  LIMEN_MEMO_STATIC_WRITE = 3,
  LIMEN_MEMO_FNS = 4 /* one past the last */
} limen_memo_fn;

#define LIMEN_MEMO_KEY_MAX 24 /* 64-bit words */
#define LIMEN_MEMO_VAL_MAX 64 /* bytes */

/* A key: the function and its inputs, word by word (the exact bits of each double). */
typedef struct limen_memo_key {
  limen_memo_fn fn;
  size_t n;
  uint64_t w[LIMEN_MEMO_KEY_MAX];
} limen_memo_key;

void limen_memo_key_init(limen_memo_key *k, limen_memo_fn fn);
void limen_memo_key_double(limen_memo_key *k, double x);
void limen_memo_key_int(limen_memo_key *k, long long x);
/* Every field of the precision struct (the defaults when prec is NULL). */
void limen_memo_key_prec(limen_memo_key *k, const limen_precision *prec);

/* 1 and the stored value (size bytes, ≤ LIMEN_MEMO_VAL_MAX) on a hit; 0 on a miss or when the
 * memo is off. */
int limen_memo_get(const limen_memo_key *k, void *value, size_t size);
/* Store a value (replacing whatever held its slot). */
void limen_memo_put(const limen_memo_key *k, const void *value, size_t size);

#endif
