/* SPDX-License-Identifier: GPL-3.0-or-later
 * memo.c: the process-wide memo of pure results (core/memo.h) and its switches (common.h,
 * limen_cache_*).  Per function (so that one function's many keys never push out another's) a
 * 4-way set-associative table of MEMO_SETS sets: the key's hash picks the set, a hit needs the
 * whole key equal, a new value takes an empty way or the least recently used one.  2048 entries
 * per function, about 1.7 MiB in all, allocated on first use: a sweep's few hundred distinct
 * cells all stay. */
#include "core/memo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_WAYS 4
#define MEMO_SETS 512 /* per function */
#define MEMO_TOTAL ((size_t)(LIMEN_MEMO_FNS - 1) * MEMO_SETS * MEMO_WAYS)

typedef struct slot {
  int used;
  unsigned long long stamp; /* the last use: the least recent way of a set is replaced */
  limen_memo_key key;
  size_t size;
  unsigned char value[LIMEN_MEMO_VAL_MAX];
} slot;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static slot *g_slots;
static int g_off;
static unsigned long long g_hits, g_misses, g_clock;

void limen_memo_key_init(limen_memo_key *k, limen_memo_fn fn) {
  memset(k, 0, sizeof *k);
  k->fn = fn;
}

void limen_memo_key_double(limen_memo_key *k, double x) {
  if (k->n >= LIMEN_MEMO_KEY_MAX) return; /* a key too long never hits (see key_ok) */
  memcpy(&k->w[k->n++], &x, sizeof x);
}

void limen_memo_key_int(limen_memo_key *k, long long x) {
  if (k->n >= LIMEN_MEMO_KEY_MAX) return;
  k->w[k->n++] = (uint64_t)x;
}

void limen_memo_key_prec(limen_memo_key *k, const limen_precision *prec) {
  limen_precision p = prec ? *prec : limen_precision_default();
  /* every member, by name: a new member of limen_precision must be added here */
  _Static_assert(sizeof(limen_precision) == 12 * 8, "limen_precision changed: update limen_memo_key_prec");
  limen_memo_key_double(k, p.quad_epsabs);
  limen_memo_key_double(k, p.quad_epsrel);
  limen_memo_key_int(k, (long long)p.quad_limit);
  limen_memo_key_double(k, p.root_epsrel);
  limen_memo_key_int(k, p.root_max_iter);
  limen_memo_key_double(k, p.kramers_min_barrier_kT);
  limen_memo_key_double(k, p.quad_tail_kT);
  limen_memo_key_double(k, p.quad_round_slack);
  limen_memo_key_int(k, (long long)p.eq_sample_cells);
  limen_memo_key_double(k, p.eq_sample_cut_kT);
  limen_memo_key_int(k, (long long)p.support_scan_points);
  limen_memo_key_int(k, (long long)p.support_time_samples);
}

/* The first slot of the key's set. */
static size_t key_set(const limen_memo_key *k) {
  uint64_t h = 1469598103934665603u ^ (uint64_t)k->fn;
  for (size_t i = 0; i < k->n; i++) {
    h ^= k->w[i];
    h *= 1099511628211u;
    h ^= h >> 29;
  }
  return ((size_t)(k->fn - 1) * MEMO_SETS + (size_t)(h % MEMO_SETS)) * MEMO_WAYS;
}

static int key_ok(const limen_memo_key *k) {
  return k->n < LIMEN_MEMO_KEY_MAX && k->fn >= 1 && k->fn < LIMEN_MEMO_FNS;
}

static int same_key(const limen_memo_key *a, const limen_memo_key *b) {
  return a->fn == b->fn && a->n == b->n && memcmp(a->w, b->w, a->n * sizeof a->w[0]) == 0;
}

int limen_memo_get(const limen_memo_key *k, void *value, size_t size) {
  if (!key_ok(k) || size > LIMEN_MEMO_VAL_MAX) return 0;
  int hit = 0;
  pthread_mutex_lock(&g_lock);
  if (!g_off && g_slots) {
    slot *set = &g_slots[key_set(k)];
    for (int i = 0; i < MEMO_WAYS && !hit; i++) {
      slot *s = &set[i];
      if (s->used && s->size == size && same_key(&s->key, k)) {
        memcpy(value, s->value, size);
        s->stamp = ++g_clock;
        hit = 1;
      }
    }
  }
  if (!g_off) {
    if (hit) g_hits++;
    else g_misses++;
  }
  pthread_mutex_unlock(&g_lock);
  return hit;
}

void limen_memo_put(const limen_memo_key *k, const void *value, size_t size) {
  if (!key_ok(k) || size > LIMEN_MEMO_VAL_MAX) return;
  pthread_mutex_lock(&g_lock);
  if (!g_off && !g_slots) g_slots = calloc(MEMO_TOTAL, sizeof *g_slots);
  if (!g_off && g_slots) {
    slot *set = &g_slots[key_set(k)], *s = &set[0];
    for (int i = 0; i < MEMO_WAYS; i++) {
      if (set[i].used && same_key(&set[i].key, k)) { /* the same key: refresh it */
        s = &set[i];
        break;
      }
      if (!set[i].used || set[i].stamp < s->stamp) s = &set[i];
      if (!set[i].used) break;
    }
    s->used = 1;
    s->stamp = ++g_clock;
    s->key = *k;
    s->size = size;
    memcpy(s->value, value, size);
  }
  pthread_mutex_unlock(&g_lock);
}

void limen_cache_enable(int on) {
  pthread_mutex_lock(&g_lock);
  g_off = !on;
  pthread_mutex_unlock(&g_lock);
}

void limen_cache_clear(void) {
  pthread_mutex_lock(&g_lock);
  free(g_slots);
  g_slots = NULL;
  g_hits = g_misses = 0;
  pthread_mutex_unlock(&g_lock);
}

void limen_cache_stats(unsigned long long *hits, unsigned long long *misses) {
  pthread_mutex_lock(&g_lock);
  if (hits) *hits = g_hits;
  if (misses) *misses = g_misses;
  pthread_mutex_unlock(&g_lock);
}
