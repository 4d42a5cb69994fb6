/* SPDX-License-Identifier: GPL-3.0-or-later
 * mpi_run.c: the Langevin ensemble of `limen simulate` over MPI ranks (mpi_run.h). */
#include "cli/mpi_run.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#ifdef LIMEN_HAVE_MPI
#include <mpi.h>

static int g_rank = 0, g_size = 1, g_active = 0;

static int launched_by_mpi(void) {
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}

int cli_mpi_init(int *argc, char ***argv) {
  if (!launched_by_mpi()) return 0;
  if (MPI_Init(argc, argv) != MPI_SUCCESS) {
    fprintf(stderr, "limen: MPI_Init failed\n");
    return 1;
  }
  g_active = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  if (g_rank != 0) { /* rank 0 speaks for all */
    if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) return 1;
  }
  return 0;
}

void cli_mpi_finalize(void) {
  if (g_active) MPI_Finalize();
  g_active = 0;
}

int cli_mpi_rank(void) { return g_rank; }
int cli_mpi_size(void) { return g_size; }

const char *cli_mpi_library(void) {
  static char line[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  MPI_Get_library_version(line, &len);
  line[strcspn(line, ",\n")] = '\0'; /* its first phrase, e.g. "Open MPI v4.1.4" */
  return line;
}

/* Every rank adopts the status and message of the lowest failing rank, if any. */
static int agree(int status, limen_error *err) {
  int first = status ? g_rank : g_size, lowest = g_size;
  MPI_Allreduce(&first, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (lowest == g_size) return 0;
  limen_error e;
  memset(&e, 0, sizeof e);
  if (g_rank == lowest) {
    if (err) e = *err;
    e.code = status;
  }
  MPI_Bcast(&e, (int)sizeof e, MPI_BYTE, lowest, MPI_COMM_WORLD);
  if (err) *err = e;
  return e.code ? e.code : LIMEN_EINTERNAL;
}

/* Gather n_local doubles from every rank into all[] (trajectory order = rank order). */
static void gather(const double *mine, int n_local, double *all, const int *counts, const int *displs) {
  MPI_Allgatherv(mine, n_local, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD);
}

static int counts_of(int n_local, int *counts, int *displs) {
  MPI_Allgather(&n_local, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
  long long total = 0;
  for (int r = 0; r < g_size; r++) {
    displs[r] = (int)total;
    total += counts[r];
  }
  return total <= INT_MAX;
}

int cli_langevin_run(const limen_langevin_config *cfg, const limen_protocol *proto,
                     limen_langevin_result *res, limen_error *err) {
  if (g_size <= 1) return limen_langevin_run(cfg, NULL, proto, res, err);
  memset(res, 0, sizeof *res);
  const size_t M = cfg->n_traj;
  if (M > (size_t)INT_MAX)
    return limen_error_set(err, LIMEN_EINVAL, "simulate", "--trajectories = %zu: at most %d over MPI", M,
                           INT_MAX);
  size_t first = 0, count = 0;
  limen_langevin_part_range(M, (size_t)g_rank, (size_t)g_size, &first, &count);
  const size_t end = first + count;
  limen_langevin_result part;
  memset(&part, 0, sizeof part);
  int st = end > first ? limen_langevin_run_part(cfg, NULL, proto, first, end - first, &part, err) : 0;
  if ((st = agree(st, err))) {
    limen_langevin_result_clear(&part);
    return st;
  }
  int *counts = malloc(2 * (size_t)g_size * sizeof *counts), *displs = counts ? counts + g_size : NULL;
  st = counts ? 0 : limen_error_set(err, LIMEN_ENOMEM, "simulate", "out of memory");
  if ((st = agree(st, err))) goto out;
  /* the run's shape, from rank 0 (which always has trajectories) */
  double shape[3] = {(double)part.n_steps, part.dt, part.duration};
  unsigned long long points = part.n_sample_points;
  MPI_Bcast(shape, 3, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  MPI_Bcast(&points, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  res->n_traj = M;
  res->n_steps = (size_t)shape[0];
  res->dt = shape[1];
  res->duration = shape[2];
  res->work = malloc(M * sizeof(double));
  res->heat = malloc(M * sizeof(double));
  res->dU = malloc(M * sizeof(double));
  res->x_final = malloc(M * sizeof(double));
  int bad = !res->work || !res->heat || !res->dU || !res->x_final;
  const int passage = (cfg->record & LIMEN_RECORD_PASSAGE) != 0;
  const int samples = (cfg->record & LIMEN_RECORD_SAMPLES) != 0;
  if (passage) bad |= !(res->passage_time = malloc(M * sizeof(double)));
  size_t n_rows = 0;
  if (samples) {
    n_rows = cfg->n_sample_traj < M ? cfg->n_sample_traj : M;
    res->n_sample_traj = n_rows;
    res->n_sample_points = (size_t)points;
    bad |= !(res->sample_t = malloc((size_t)points * sizeof(double)));
    bad |= !(res->sample_x = malloc((n_rows * (size_t)points + 1) * sizeof(double)));
  }
  st = bad ? limen_error_set(err, LIMEN_ENOMEM, "simulate", "out of memory for %zu trajectories", M) : 0;
  if ((st = agree(st, err))) goto out;
  const int n_local = (int)(end - first);
  if (!counts_of(n_local, counts, displs)) {
    st = limen_error_set(err, LIMEN_EINVAL, "simulate", "too many trajectories for MPI");
    goto out;
  }
  gather(part.work, n_local, res->work, counts, displs);
  gather(part.heat, n_local, res->heat, counts, displs);
  gather(part.dU, n_local, res->dU, counts, displs);
  gather(part.x_final, n_local, res->x_final, counts, displs);
  if (passage) gather(part.passage_time, n_local, res->passage_time, counts, displs);
  if (samples) {
    if (g_rank == 0) memcpy(res->sample_t, part.sample_t, (size_t)points * sizeof(double));
    MPI_Bcast(res->sample_t, (int)points, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    size_t mine = part.n_sample_traj * (size_t)points;
    if (n_rows * (size_t)points > (size_t)INT_MAX || !counts_of((int)mine, counts, displs)) {
      st = limen_error_set(err, LIMEN_EINVAL, "simulate", "too many trajectory samples for MPI");
      goto out;
    }
    gather(part.sample_x, (int)mine, res->sample_x, counts, displs);
  }
  st = agree(limen_langevin_summarize(cfg, proto, res, err), err);
out:
  free(counts);
  limen_langevin_result_clear(&part);
  if (st) limen_langevin_result_clear(res);
  return st;
}

#else /* one process */

int cli_mpi_init(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}
void cli_mpi_finalize(void) {}
int cli_mpi_rank(void) { return 0; }
int cli_mpi_size(void) { return 1; }
const char *cli_mpi_library(void) { return NULL; }

int cli_langevin_run(const limen_langevin_config *cfg, const limen_protocol *proto,
                     limen_langevin_result *res, limen_error *err) {
  return limen_langevin_run(cfg, NULL, proto, res, err);
}
#endif
