/* SPDX-License-Identifier: GPL-3.0-or-later
 * simulate_units.c: a Langevin ensemble run in units of whole blocks of trajectories with a
 * checkpoint (simulate.h, limen_simulate_langevin_units; checkpoint.h) — each unit's
 * per-trajectory results go into the checkpoint as it finishes, a stop asked for between units
 * returns LIMEN_EINTERRUPTED, and a run resumed from the checkpoint runs only the units left.
 * Trajectory i draws only from its own stream (seed, i) (langevin.h), and the summary is taken
 * over the joined arrays in trajectory order, so the result is that of one uninterrupted run
 * bit for bit, wherever it stopped. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/checkpoint.h"
#include "limen/datafile.h"
#include "limen/rng.h"
#include "limen/simulate.h"

#define UNIT_BLOCKS_MIN 32 /* a unit holds at least this many blocks of LIMEN_RNG_BLOCK    */
#define UNITS_MAX 1024     /* and a run at most this many units                             */
#define SHAPE 3            /* a unit's leading values: n_steps, dt, duration                */

size_t limen_simulate_unit_size(size_t n_traj) {
  const size_t blocks = (n_traj + LIMEN_RNG_BLOCK - 1) / LIMEN_RNG_BLOCK;
  size_t per = (blocks + UNITS_MAX - 1) / UNITS_MAX;
  return (per > UNIT_BLOCKS_MIN ? per : UNIT_BLOCKS_MIN) * LIMEN_RNG_BLOCK;
}

/* The per-trajectory arrays of a result (k of them: work, heat, dU, x_final, passage). */
static size_t arrays(limen_langevin_result *r, double **a[5]) {
  a[0] = &r->work, a[1] = &r->heat, a[2] = &r->dU, a[3] = &r->x_final, a[4] = &r->passage_time;
  return 5;
}

static int alloc_all(const limen_langevin_config *cfg, limen_langevin_result *res, limen_error *err) {
  double **a[5];
  const size_t k = arrays(res, a) - !(cfg->record & LIMEN_RECORD_PASSAGE);
  res->n_traj = cfg->n_traj;
  for (size_t i = 0; i < k; i++)
    if (!(*a[i] = malloc(cfg->n_traj * sizeof(double))))
      return limen_error_set(err, LIMEN_ENOMEM, "limen_simulate_langevin_units", "out of memory for %zu trajectories",
                             cfg->n_traj);
  return LIMEN_OK;
}

/* Unit u of the checkpoint into res: [n_steps, dt, duration, then each array's count values]. */
static int take_unit(const limen_checkpoint_unit *u, size_t index, size_t first, size_t count,
                     limen_langevin_result *res, limen_error *err) {
  double **a[5];
  const size_t k = arrays(res, a) - !res->passage_time;
  if (u->n_values != SHAPE + k * count || u->n_strings != 0 || !(u->values[0] >= 0) || u->values[0] > 1e15)
    return limen_error_plain(err, LIMEN_EPARSE, "the checkpoint is corrupt: block %zu holds %zu values, not %zu", index,
                             u->n_values, SHAPE + k * count);
  res->n_steps = (size_t)u->values[0];
  res->dt = u->values[1];
  res->duration = u->values[2];
  for (size_t i = 0; i < k; i++) memcpy(*a[i] + first, u->values + SHAPE + i * count, count * sizeof(double));
  return LIMEN_OK;
}

/* Trajectories [at, at + count) of r as the checkpoint's next unit. */
static int add_unit(limen_langevin_result *r, size_t at, size_t count, limen_checkpoint *ck, limen_error *err) {
  double **a[5];
  const size_t k = arrays(r, a) - !r->passage_time;
  double *v = malloc((SHAPE + k * count) * sizeof *v);
  if (!v) return limen_error_set(err, LIMEN_ENOMEM, "limen_simulate_langevin_units", "out of memory");
  v[0] = (double)r->n_steps, v[1] = r->dt, v[2] = r->duration;
  for (size_t i = 0; i < k; i++) memcpy(v + SHAPE + i * count, *a[i] + at, count * sizeof(double));
  int st = limen_checkpoint_add(ck, v, SHAPE + k * count, NULL, 0, err);
  free(v);
  return st;
}

/* The part just run into res and, as the next unit, into the checkpoint. */
static int keep_part(limen_langevin_result *part, size_t first, size_t count, limen_langevin_result *res,
                     limen_checkpoint *ck, limen_error *err) {
  double **a[5], **b[5];
  const size_t k = arrays(part, a) - !part->passage_time;
  arrays(res, b);
  res->n_steps = part->n_steps, res->dt = part->dt, res->duration = part->duration;
  for (size_t i = 0; i < k; i++) memcpy(*b[i] + first, *a[i], count * sizeof(double));
  return ck ? add_unit(part, 0, count, ck, err) : LIMEN_OK;
}

int limen_simulate_checkpoint_whole(const char *inputs, limen_run_control *ctl, limen_langevin_result *res,
                                    limen_error *err) {
  if (!inputs || !res || !res->work) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (!ctl || !ctl->checkpoint) return LIMEN_OK;
  const size_t n = res->n_traj, unit = limen_simulate_unit_size(n), total = (n + unit - 1) / unit;
  limen_run_control whole = *ctl;
  whole.dir = NULL; /* written once, whole */
  int st = limen_run_control_begin(&whole, "simulate", "blocks", inputs, total, err);
  for (size_t u = ctl->checkpoint->done; !st && u < total; u++)
    st = add_unit(res, u * unit, n - u * unit < unit ? n - u * unit : unit, ctl->checkpoint, err);
  return st || !ctl->dir ? st : limen_checkpoint_write(ctl->dir, ctl->checkpoint, err);
}

/* The progress of the whole ensemble from a unit's (its fraction of trajectories [first, first + count)). */
typedef struct unit_progress {
  const limen_langevin_config *cfg;
  size_t first, count;
} unit_progress;

static void on_progress(void *ctx, double frac) {
  const unit_progress *p = ctx;
  p->cfg->progress(p->cfg->progress_ctx, ((double)p->first + frac * (double)p->count) / (double)p->cfg->n_traj);
}

/* Units done..total−1 of the ensemble, each kept, with the control's stop between them. */
static int run_units(const limen_langevin_config *cfg, const limen_protocol *proto, limen_run_control *ctl,
                     size_t from, limen_langevin_result *res, limen_error *err) {
  const size_t unit = limen_simulate_unit_size(cfg->n_traj), total = (cfg->n_traj + unit - 1) / unit;
  limen_langevin_config c = *cfg;
  unit_progress up = {cfg, 0, 0};
  if (cfg->progress) c.progress = on_progress, c.progress_ctx = &up;
  c.record &= ~(unsigned)LIMEN_RECORD_HISTOGRAMS; /* made once, from the joined arrays */
  int st = LIMEN_OK;
  for (size_t u = from; !st && u < total; u++) {
    up.first = u * unit;
    up.count = cfg->n_traj - up.first < unit ? cfg->n_traj - up.first : unit;
    limen_langevin_result part;
    st = limen_langevin_run_part(&c, NULL, proto, up.first, up.count, &part, err);
    if (!st) st = keep_part(&part, up.first, up.count, res, ctl ? ctl->checkpoint : NULL, err);
    limen_langevin_result_clear(&part);
    if (!st) st = limen_run_control_after_unit(ctl, err);
  }
  return st;
}

int limen_simulate_langevin_units(const limen_langevin_config *cfg, const limen_protocol *proto,
                                  const char *inputs, limen_run_control *ctl, limen_langevin_result *res,
                                  limen_error *err) {
  if (!cfg || !proto || !inputs || !res) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(res, 0, sizeof *res);
  if (cfg->record & LIMEN_RECORD_SAMPLES)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "record: trajectory samples are not kept in units");
  const size_t unit = limen_simulate_unit_size(cfg->n_traj), total = (cfg->n_traj + unit - 1) / unit;
  int st = limen_run_control_begin(ctl, "simulate", "blocks", inputs, total, err);
  if (!st) st = alloc_all(cfg, res, err);
  const limen_checkpoint *ck = ctl ? ctl->checkpoint : NULL;
  const size_t from = ck ? ck->done : 0;
  for (size_t u = 0; !st && u < from; u++)
    st = take_unit(&ck->units[u], u, u * unit, cfg->n_traj - u * unit < unit ? cfg->n_traj - u * unit : unit, res, err);
  if (!st) st = run_units(cfg, proto, ctl, from, res, err);
  if (!st && cfg->progress) cfg->progress(cfg->progress_ctx, 1.0);
  if (!st) st = limen_langevin_summarize(cfg, proto, res, err);
  if (st) limen_langevin_result_clear(res);
  return st;
}

/* One line "name = value" of the inputs text. */
static int add_line(char *buf, size_t cap, size_t *at, const char *name, const char *value) {
  int n = snprintf(buf + *at, cap - *at, "%s = %s\n", name, value);
  if (n < 0 || (size_t)n >= cap - *at) return -1;
  *at += (size_t)n;
  return 0;
}

int limen_simulate_checkpoint_inputs(const limen_simulate_config *cfg, char *buf, size_t cap, limen_error *err) {
  if (!cfg || !buf || !cap) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  const limen_input *rows = limen_simulate_inputs(NULL);
  char v[80], hex[65] = "";
  size_t at = 0;
  int bad = add_line(buf, cap, &at, "limen", limen_version());
  bad |= add_line(buf, cap, &at, "protocol", cfg->protocol ? cfg->protocol : "(none)");
  if (cfg->protocol_file) {
    int st = limen_sha256_file(cfg->protocol_file, hex, NULL, err);
    if (st) return st;
  }
  bad |= add_line(buf, cap, &at, "protocol-file sha256", cfg->protocol_file ? hex : "(none)");
  bad |= add_line(buf, cap, &at, "method", cfg->method ? cfg->method : "langevin");
  bad |= add_line(buf, cap, &at, "integrator", cfg->integrator ? cfg->integrator : "auto");
  for (int i = 0; i < LIMEN_SIMULATE_IN_COUNT; i++) {
    /* the result is the same for any thread count, and the cap only refuses a run before it starts */
    if (i == LIMEN_SIMULATE_IN_THREADS || i == LIMEN_SIMULATE_IN_MAX_WORK) continue;
    if (cfg->given & LIMEN_SIMULATE_IN_MASK(i)) limen_checkpoint_number(v, sizeof v, limen_input_get(&rows[i], cfg));
    else snprintf(v, sizeof v, "unset");
    bad |= add_line(buf, cap, &at, rows[i].name, v);
  }
  return bad ? limen_error_set(err, LIMEN_EINVAL, __func__, "inputs text longer than %zu bytes", cap) : LIMEN_OK;
}
