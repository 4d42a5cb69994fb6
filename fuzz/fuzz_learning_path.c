/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_learning_path: the bytes as a saved learning path (docs/path.md "Saved paths") to
 * limen_learning_path_parse, exactly `size` bytes (not NUL-terminated: a read past the end is an
 * ASan report).  A path it accepts must pass limen_learning_path_check; its totals must be the
 * exact sums of its step records and its histogram counts add up to parameters × steps (counted
 * here in 128 bits, so that a sum that wraps around 2^64 is caught); limen_learning_path_json
 * must write it, and parsing that text must give the same path bit for bit and, written again,
 * the same text.  A refused input: a LIMEN_E* status with a message. */
#include "fuzz_common.h"

#include "limen/path.h"

static void same_path(const limen_learning_path *a, const limen_learning_path *b) {
  FUZZ_CHECK(a->bits == b->bits);
  FUZZ_CHECK(fuzz_same_bits(a->lo, b->lo) && fuzz_same_bits(a->hi, b->hi));
  FUZZ_CHECK(fuzz_same_bits(a->step_time_s, b->step_time_s));
  FUZZ_CHECK(fuzz_same_bits(a->temperature_K, b->temperature_K));
  const limen_path_totals *s = &a->totals, *t = &b->totals;
  FUZZ_CHECK(s->tensors == t->tensors && s->params == t->params && s->snapshots == t->snapshots);
  FUZZ_CHECK(s->steps == t->steps && s->starts == t->starts && s->aborted == t->aborted);
  FUZZ_CHECK(fuzz_same_bits(s->path_levels, t->path_levels));
  FUZZ_CHECK(fuzz_same_bits(s->path_sq_levels2, t->path_sq_levels2));
  FUZZ_CHECK(fuzz_same_bits(s->max_move_levels, t->max_move_levels));
  FUZZ_CHECK(s->changed == t->changed && s->bit_flips == t->bit_flips && s->clamped == t->clamped);
  FUZZ_CHECK(fuzz_same_bits(s->level_size, t->level_size));
  FUZZ_CHECK(s->memory_bytes == t->memory_bytes);
  FUZZ_CHECK(a->n_steps == b->n_steps);
  for (size_t k = 0; k < a->n_steps; k++) {
    const limen_path_step *x = &a->steps[k], *y = &b->steps[k];
    FUZZ_CHECK(x->params == y->params);
    FUZZ_CHECK(fuzz_same_bits(x->path_levels, y->path_levels));
    FUZZ_CHECK(fuzz_same_bits(x->path_sq_levels2, y->path_sq_levels2));
    FUZZ_CHECK(fuzz_same_bits(x->max_move_levels, y->max_move_levels));
    FUZZ_CHECK(x->changed == y->changed && x->bit_flips == y->bit_flips && x->clamped == y->clamped);
  }
  FUZZ_CHECK(a->hist_bins == b->hist_bins);
  for (size_t i = 0; i < a->hist_bins; i++) {
    FUZZ_CHECK(fuzz_same_bits(a->hist_lo[i], b->hist_lo[i]));
    FUZZ_CHECK(a->hist_counts[i] == b->hist_counts[i]);
  }
}

/* The sums the check promises, without wrap-around. */
static void exact_sums(const limen_learning_path *p) {
  unsigned __int128 changed = 0, flips = 0, clamped = 0, hist = 0;
  for (size_t k = 0; k < p->n_steps; k++) {
    changed += p->steps[k].changed;
    flips += p->steps[k].bit_flips;
    clamped += p->steps[k].clamped;
  }
  FUZZ_CHECK(changed == p->totals.changed);
  FUZZ_CHECK(flips == p->totals.bit_flips);
  FUZZ_CHECK(clamped <= p->totals.clamped);
  if (p->hist_bins) {
    for (size_t i = 0; i < p->hist_bins; i++) hist += p->hist_counts[i];
    FUZZ_CHECK(hist == (unsigned __int128)p->totals.params * p->n_steps);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  limen_error err;
  limen_learning_path *p = NULL;
  fuzz_quiet_begin();
  int rc = limen_learning_path_parse((const char *)data, size, &p, &err);
  if (rc != LIMEN_OK) {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(p == NULL);
    fuzz_quiet_end();
    return 0;
  }
  FUZZ_CHECK(p != NULL);
  FUZZ_CHECK(limen_learning_path_check(p, &err) == LIMEN_OK);
  FUZZ_CHECK(p->n_steps == p->totals.steps && p->n_steps >= 1);
  exact_sums(p);
  char *text = NULL;
  FUZZ_CHECK(limen_learning_path_json(p, &text, &err) == LIMEN_OK && text != NULL);
  limen_learning_path *q = NULL;
  rc = limen_learning_path_parse(text, strlen(text), &q, &err);
  if (rc != LIMEN_OK) fprintf(stderr, "\nthe written path does not read back: %s\n", err.msg);
  FUZZ_CHECK(rc == LIMEN_OK && q != NULL);
  same_path(p, q);
  char *again = NULL;
  FUZZ_CHECK(limen_learning_path_json(q, &again, &err) == LIMEN_OK && again != NULL);
  FUZZ_CHECK(strcmp(text, again) == 0);
  free(again);
  free(text);
  limen_learning_path_free(q);
  limen_learning_path_free(p);
  fuzz_quiet_end();
  return 0;
}
