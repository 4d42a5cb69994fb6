/* SPDX-License-Identifier: GPL-3.0-or-later
 * simulate_spread.c: a Langevin ensemble split over processes (simulate.h,
 * limen_simulate_langevin_spread) — each process runs its part of the blocks of trajectories
 * (limen_langevin_part_range, limen_langevin_run_part), the parts are joined in trajectory order
 * through the caller's communication (MPI in the tool) and summarized on every process, so the
 * result is the one process's bit for bit. */
#include <stdlib.h>
#include <string.h>

#include "limen/simulate.h"

/* The run's shape from rank 0 (which always has trajectories) and the whole ensemble's arrays. */
static int join_alloc(const limen_langevin_config *cfg, const limen_simulate_comm *comm,
                      const limen_langevin_result *part, limen_langevin_result *res, limen_error *err) {
  double shape[3] = {(double)part->n_steps, part->dt, part->duration};
  int st = comm->broadcast(comm->ctx, shape, 3, err);
  if (st) return st;
  const size_t m = cfg->n_traj;
  res->n_traj = m;
  res->n_steps = (size_t)shape[0];
  res->dt = shape[1];
  res->duration = shape[2];
  res->work = malloc(m * sizeof(double));
  res->heat = malloc(m * sizeof(double));
  res->dU = malloc(m * sizeof(double));
  res->x_final = malloc(m * sizeof(double));
  int bad = !res->work || !res->heat || !res->dU || !res->x_final;
  if (cfg->record & LIMEN_RECORD_PASSAGE) bad |= !(res->passage_time = malloc(m * sizeof(double)));
  st = bad ? limen_error_set(err, LIMEN_ENOMEM, "limen_simulate_langevin_spread", "out of memory for %zu trajectories",
                             m)
           : LIMEN_OK;
  return comm->agree(comm->ctx, st, err);
}

/* The per-trajectory arrays of every part, in rank (= trajectory) order. */
static int join_arrays(const limen_simulate_comm *comm, const limen_langevin_result *part, size_t count,
                       limen_langevin_result *res, limen_error *err) {
  const double *mine[] = {part->work, part->heat, part->dU, part->x_final, part->passage_time};
  double *all[] = {res->work, res->heat, res->dU, res->x_final, res->passage_time};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
    if (!all[i]) continue;
    int st = comm->gather(comm->ctx, mine[i], count, all[i], res->n_traj, err);
    if (st) return st;
  }
  return LIMEN_OK;
}

int limen_simulate_langevin_spread(const limen_langevin_config *cfg, const limen_protocol *proto,
                                   const limen_simulate_comm *comm, limen_langevin_result *res, limen_error *err) {
  if (!comm || comm->size <= 1) return limen_langevin_run(cfg, NULL, proto, res, err);
  if (!cfg || !res || !comm->agree || !comm->gather || !comm->broadcast || comm->rank >= comm->size)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument or rank outside the processes");
  memset(res, 0, sizeof *res);
  if (cfg->record & LIMEN_RECORD_SAMPLES)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "record: trajectory samples are not joined over processes");
  size_t first = 0, count = 0;
  limen_langevin_part_range(cfg->n_traj, comm->rank, comm->size, &first, &count);
  limen_langevin_result part;
  memset(&part, 0, sizeof part);
  int st = count ? limen_langevin_run_part(cfg, NULL, proto, first, count, &part, err) : LIMEN_OK;
  st = comm->agree(comm->ctx, st, err);
  if (!st) st = join_alloc(cfg, comm, &part, res, err);
  if (!st) st = join_arrays(comm, &part, count, res, err);
  if (!st) st = limen_langevin_summarize(cfg, proto, res, err);
  limen_langevin_result_clear(&part);
  if (st) limen_langevin_result_clear(res);
  return st;
}
