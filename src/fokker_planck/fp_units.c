/* SPDX-License-Identifier: GPL-3.0-or-later
 * fp_units.c: a Fokker–Planck run in blocks of time steps under a run control
 * (fokker_planck.h, limen_fp_run_ctl; checkpoint.h).  After each block the checkpoint takes the
 * work and heat summed so far and the density, and the block before it gives up its density
 * (the next block starts from the latest one alone); a stop asked for between blocks returns
 * LIMEN_EINTERRUPTED; a run resumed from the checkpoint puts back the density, the sums and the
 * potential of the last block and runs the blocks left.  The saved numbers are the run's doubles
 * themselves, and the potential is recomputed as the run computes it, so the result is that of
 * one uninterrupted run bit for bit. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fokker_planck/fp_internal.h"
#include "limen/checkpoint.h"

#define UNIT_STEPS_MIN 100 /* a block holds at least this many steps                        */
#define UNITS_MAX 1024     /* and a run at most this many blocks                             */
#define HEAD 2             /* a block's values: W, Q, then (the last block only) the density  */

size_t limen_fp_unit_steps(size_t n_steps) {
  const size_t per = (n_steps + UNITS_MAX - 1) / UNITS_MAX;
  return per > UNIT_STEPS_MIN ? per : UNIT_STEPS_MIN;
}

/* The caller's inputs and what the run made of its configuration beyond them: the scheme and
 * the grid (a library caller's h_max, cut_kT, domain or precision change only these). */
static char *run_inputs(const fp_state *s, const char *inputs) {
  char lo[40], hi[40];
  limen_checkpoint_number(lo, sizeof lo, s->lo);
  limen_checkpoint_number(hi, sizeof hi, s->hi);
  const size_t cap = strlen(inputs) + 192;
  char *text = malloc(cap);
  if (text)
    snprintf(text, cap, "%sfokker-planck scheme = %s\nfokker-planck grid = %zu cells on [%s, %s]\n", inputs,
             s->cfg->scheme == LIMEN_FP_BACKWARD_EULER ? "backward-euler" : "tr-bdf2", s->n, lo, hi);
  return text;
}

/* The block just run as the checkpoint's next unit: [W, Q, ρ_0 … ρ_{n−1}]; the unit before it
 * keeps only W and Q. */
static int keep_block(const fp_state *s, limen_checkpoint *ck, limen_error *err) {
  double *v = malloc((HEAD + s->n) * sizeof *v);
  if (!v) return limen_error_set(err, LIMEN_ENOMEM, "limen_fp_run", "out of memory (%zu cells)", s->n);
  v[0] = s->W;
  v[1] = s->Q;
  memcpy(v + HEAD, limen_fp_grid_density(s->g), s->n * sizeof *v);
  int st = limen_checkpoint_add(ck, v, HEAD + s->n, NULL, 0, err);
  free(v);
  if (st || ck->done < 2) return st;
  limen_checkpoint_unit *before = &ck->units[ck->done - 2];
  double *w = realloc(before->values, HEAD * sizeof *w);
  if (w) before->values = w; /* a failed shrink keeps the longer block: only n_values counts */
  before->n_values = HEAD;
  return LIMEN_OK;
}

/* The state after the checkpoint's done blocks of per steps: W, Q and the density of its last
 * block, and the potential the density was relaxed in.  LIMEN_EPARSE when a block does not fit
 * (an earlier block with more than W and Q, the last without a finite density of n cells). */
static int take_last(fp_state *s, const limen_checkpoint *ck, size_t per, limen_error *err) {
  for (size_t u = 0; u < ck->done; u++) {
    const limen_checkpoint_unit *b = &ck->units[u];
    const size_t want = HEAD + (u + 1 == ck->done ? s->n : 0);
    if (b->n_values != want || b->n_strings != 0)
      return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: block %zu holds %zu values, not %zu", u,
                               b->n_values, want);
  }
  const double *v = ck->units[ck->done - 1].values;
  for (size_t i = 0; i < HEAD + s->n; i++)
    if (!isfinite(v[i]))
      return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: value %zu of block %zu is %g", i,
                               ck->done - 1, v[i]);
  s->W = v[0];
  s->Q = v[1];
  fp_grid_restore(s->g, v + HEAD);
  fp_potential_after(s, ck->done * per < s->N ? ck->done * per : s->N);
  return LIMEN_OK;
}

int fp_run_units(fp_state *s, const char *command, const char *inputs, limen_run_control *ctl, limen_error *err) {
  if (!ctl) return fp_advance(s, 0, s->N, err);
  const size_t per = limen_fp_unit_steps(s->N), total = (s->N + per - 1) / per;
  limen_checkpoint *ck = ctl->checkpoint;
  char *in = ck ? run_inputs(s, inputs) : NULL;
  if (ck && !in) return limen_error_set(err, LIMEN_ENOMEM, "limen_fp_run", "out of memory");
  int st = limen_run_control_begin(ctl, command, "blocks of steps", in ? in : "", total, err);
  free(in);
  const size_t from = ck ? ck->done : 0;
  if (!st && from) st = take_last(s, ck, per, err);
  for (size_t u = from; !st && u < total; u++) {
    const size_t k0 = u * per, k1 = s->N - k0 < per ? s->N : k0 + per;
    st = fp_advance(s, k0, k1, err);
    if (!st && ck) st = keep_block(s, ck, err);
    if (!st) st = limen_run_control_after_unit(ctl, err);
  }
  return st;
}
