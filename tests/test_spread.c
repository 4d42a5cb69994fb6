/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_spread.c: independent items split over processes (spread.h).  The processes are threads
 * here, joined by a communication made of a barrier and shared slots: each runs only its
 * block, every one ends with every item's result, a failure is that of the first failing item
 * on every process, a process without items takes part, and limen_validate_run_spread gives
 * the rows of one process. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/spread.h"
#include "limen/validate.h"
#include "testutil.h"

enum { MAX_RANKS = 4, N_ITEMS_MAX = 16 };

/* ---- the threads' communication ---------------------------------------------------------- */
typedef struct world {
  pthread_barrier_t bar;
  size_t size;
  int status[MAX_RANKS];
  limen_error err[MAX_RANKS];
  const void *mine[MAX_RANKS];
} world;

typedef struct rank_ctx {
  world *w;
  size_t rank;
} rank_ctx;

static int agree(void *ctx, int status, limen_error *err) {
  rank_ctx *c = ctx;
  world *w = c->w;
  w->status[c->rank] = status;
  if (err) w->err[c->rank] = *err;
  pthread_barrier_wait(&w->bar);
  int st = LIMEN_OK;
  for (size_t r = 0; r < w->size && !st; r++)
    if (w->status[r]) {
      st = w->status[r];
      if (err) *err = w->err[r];
    }
  pthread_barrier_wait(&w->bar);
  return st;
}

static int gather(void *ctx, const void *mine, size_t n, void *all, const size_t *counts, limen_error *err) {
  (void)n;
  (void)err;
  rank_ctx *c = ctx;
  world *w = c->w;
  w->mine[c->rank] = mine;
  pthread_barrier_wait(&w->bar);
  size_t at = 0;
  for (size_t r = 0; r < w->size; r++) {
    memcpy((unsigned char *)all + at, w->mine[r], counts[r]);
    at += counts[r];
  }
  pthread_barrier_wait(&w->bar);
  return LIMEN_OK;
}

/* ---- a job: item i is i² + 0.5, items in `bad` fail ---------------------------------------- */
typedef struct squares {
  size_t n;
  double value[N_ITEMS_MAX];
  int ran[N_ITEMS_MAX]; /* times this process ran item i */
  unsigned bad;         /* bit i: item i fails */
} squares;

static int sq_run(void *ctx, size_t i, limen_error *err) {
  squares *s = ctx;
  s->ran[i]++;
  if (s->bad >> i & 1u) return limen_error_set(err, LIMEN_EINVAL, "test", "item %zu refused", i);
  s->value[i] = (double)(i * i) + 0.5;
  return LIMEN_OK;
}
static size_t sq_size(void *ctx, size_t i) { (void)ctx, (void)i; return sizeof(double); }
static void sq_pack(void *ctx, size_t i, unsigned char *buf) { memcpy(buf, &((squares *)ctx)->value[i], sizeof(double)); }
static int sq_unpack(void *ctx, size_t i, const unsigned char *buf, size_t n, limen_error *err) {
  if (n != sizeof(double)) return limen_error_set(err, LIMEN_EINTERNAL, "test", "size %zu", n);
  memcpy(&((squares *)ctx)->value[i], buf, n);
  return LIMEN_OK;
}

typedef struct proc {
  rank_ctx rc;
  squares sq;
  int status;
  limen_error err;
} proc;

static void *sq_thread(void *arg) {
  proc *p = arg;
  limen_spread sp = {p->rc.rank, p->rc.w->size, &p->rc, agree, gather};
  limen_spread_job job = {p->sq.n, &p->sq, sq_run, sq_size, sq_pack, sq_unpack};
  limen_error_clear(&p->err);
  p->status = limen_spread_run(&sp, &job, &p->err);
  return NULL;
}

/* Run n items on `size` thread-processes, items in `bad` failing. */
static void run_squares(size_t size, size_t n, unsigned bad, proc *procs) {
  world w;
  memset(&w, 0, sizeof w);
  w.size = size;
  pthread_barrier_init(&w.bar, NULL, (unsigned)size);
  pthread_t th[MAX_RANKS];
  for (size_t r = 0; r < size; r++) {
    memset(&procs[r], 0, sizeof procs[r]);
    procs[r].rc = (rank_ctx){&w, r};
    procs[r].sq.n = n;
    procs[r].sq.bad = bad;
    pthread_create(&th[r], NULL, sq_thread, &procs[r]);
  }
  for (size_t r = 0; r < size; r++) pthread_join(th[r], NULL);
  pthread_barrier_destroy(&w.bar);
}

Test(spread, blocks_cover_the_items_in_rank_order) {
  for (size_t size = 1; size <= 5; size++)
    for (size_t n = 0; n <= 12; n++) {
      size_t next = 0;
      for (size_t r = 0; r < size; r++) {
        size_t first, count;
        limen_spread_range(n, r, size, &first, &count);
        cr_expect_eq(first, next, "n %zu size %zu rank %zu: first %zu, expected %zu", n, size, r, first, next);
        cr_expect(count == n / size || count == n / size + 1, "n %zu size %zu: count %zu", n, size, count);
        next = first + count;
      }
      cr_expect_eq(next, n, "n %zu size %zu: blocks end at %zu", n, size, next);
    }
}

Test(spread, each_process_runs_its_block_and_gets_every_result) {
  for (size_t size = 2; size <= 4; size++) {
    proc p[MAX_RANKS];
    size_t n = size == 4 ? 3 : 10; /* 4 processes, 3 items: one process has none */
    run_squares(size, n, 0u, p);
    for (size_t r = 0; r < size; r++) {
      size_t first, count;
      limen_spread_range(n, r, size, &first, &count);
      cr_assert_eq(p[r].status, LIMEN_OK, "size %zu rank %zu: %s", size, r, p[r].err.msg);
      for (size_t i = 0; i < n; i++) {
        int mine = i >= first && i < first + count;
        cr_expect_eq(p[r].sq.ran[i], mine, "size %zu rank %zu ran item %zu %d times", size, r, i, p[r].sq.ran[i]);
        cr_expect_eq(p[r].sq.value[i], (double)(i * i) + 0.5, "size %zu rank %zu item %zu", size, r, i);
      }
    }
  }
}

Test(spread, the_first_failing_item_is_every_process_error) {
  proc p[3];
  /* 10 items on 3 processes: blocks [0,4) [4,7) [7,10); items 5 (rank 1) and 8 (rank 2) fail */
  run_squares(3, 10, 1u << 5 | 1u << 8, p);
  for (size_t r = 0; r < 3; r++) {
    cr_expect_eq(p[r].status, LIMEN_EINVAL, "rank %zu: status %d", r, p[r].status);
    cr_expect(strstr(p[r].err.msg, "item 5 refused") != NULL, "rank %zu: '%s'", r, p[r].err.msg);
  }
  proc one[1];
  run_squares(1, 10, 1u << 5 | 1u << 8, one);
  cr_expect_str_eq(one[0].err.msg, p[0].err.msg);
  cr_expect_eq(one[0].sq.ran[8], 0, "one process stops at the first failure");
}

/* ---- the reference checks on two thread-processes ------------------------------------------ */
typedef struct vproc {
  rank_ctx rc;
  limen_validate_report rep;
  int status;
} vproc;

static limen_validate_options small_checks(void) {
  limen_validate_options o = limen_validate_options_default();
  o.scale = 0.05;
  o.threads = 1;
  o.only = "em-variance,ou-transition,jarzynski";
  return o;
}

static void *v_thread(void *arg) {
  vproc *p = arg;
  limen_spread sp = {p->rc.rank, p->rc.w->size, &p->rc, agree, gather};
  limen_validate_options o = small_checks();
  p->status = limen_validate_run_spread(&o, &sp, &p->rep, NULL);
  return NULL;
}

Test(spread, validate_rows_are_those_of_one_process) {
  limen_validate_options o = small_checks();
  limen_validate_report one;
  cr_assert_eq(limen_validate_run(&o, &one, NULL), LIMEN_OK);
  world w;
  memset(&w, 0, sizeof w);
  w.size = 2;
  pthread_barrier_init(&w.bar, NULL, 2);
  vproc p[2];
  pthread_t th[2];
  for (size_t r = 0; r < 2; r++) {
    memset(&p[r], 0, sizeof p[r]);
    p[r].rc = (rank_ctx){&w, r};
    pthread_create(&th[r], NULL, v_thread, &p[r]);
  }
  for (size_t r = 0; r < 2; r++) pthread_join(th[r], NULL);
  pthread_barrier_destroy(&w.bar);
  for (size_t r = 0; r < 2; r++) {
    cr_assert_eq(p[r].status, LIMEN_OK);
    cr_assert_eq(p[r].rep.n_rows, one.n_rows, "rank %zu: %zu rows, one process %zu", r, p[r].rep.n_rows, one.n_rows);
    cr_expect_eq(p[r].rep.n_failed, one.n_failed);
    cr_expect(memcmp(p[r].rep.rows, one.rows, one.n_rows * sizeof *one.rows) == 0, "rank %zu: rows differ", r);
    limen_validate_report_clear(&p[r].rep);
  }
  limen_validate_report_clear(&one);
}
