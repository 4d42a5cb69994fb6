/* SPDX-License-Identifier: GPL-3.0-or-later
 * mpi_run.c: `limen` across MPI ranks (mpi_run.h) — starting and ending MPI, and the three
 * collective operations through which the library joins a Langevin ensemble split over the
 * ranks (simulate.h, limen_simulate_comm). */
#include "cli/mpi_run.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef LIMEN_HAVE_MPI
#include <mpi.h>

static int g_rank = 0, g_size = 1, g_active = 0;

static int launched_by_mpi(void) {
  return getenv("OMPI_COMM_WORLD_SIZE") || getenv("PMI_SIZE") || getenv("PMIX_RANK");
}

/* FNV-1a of the command line, every argument with its terminating NUL. */
static uint64_t args_hash(int argc, char **argv) {
  uint64_t h = 1469598103934665603u;
  for (int i = 1; i < argc; i++)
    for (const char *p = argv[i];; p++) {
      h = (h ^ (unsigned char)*p) * 1099511628211u;
      if (!*p) break;
    }
  return h;
}

/* Every rank must run the same command: ranks started with other arguments (another seed,
 * another ensemble size) would join a collective that does not match, or mix ensembles under
 * rank 0's inputs.  0 when they agree; else rank 0 names the first rank that differs. */
static int same_command(int argc, char **argv) {
  uint64_t mine = args_hash(argc, argv), *all = malloc((size_t)g_size * sizeof *all);
  int ok = all != NULL, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    free(all);
    fprintf(stderr, "limen: out of memory comparing the MPI ranks' command lines\n");
    return 1;
  }
  MPI_Allgather(&mine, 1, MPI_UINT64_T, all, 1, MPI_UINT64_T, MPI_COMM_WORLD);
  int differs = 0;
  for (int r = 1; r < g_size && !differs; r++)
    if (all[r] != all[0]) differs = r;
  free(all);
  if (differs)
    fprintf(stderr, "limen: the MPI ranks were started with different arguments (rank %d differs from rank 0): "
                    "every rank must run the same command line\n", differs);
  return differs ? 2 : 0;
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
  return same_command(*argc, *argv);
}

void cli_mpi_finalize(void) {
  if (g_active) MPI_Finalize();
  g_active = 0;
}

int cli_mpi_rank(void) { return g_rank; }

const char *cli_mpi_library(void) {
  static char line[MPI_MAX_LIBRARY_VERSION_STRING];
  int len = 0;
  MPI_Get_library_version(line, &len);
  line[strcspn(line, ",\n")] = '\0'; /* its first phrase, e.g. "Open MPI v4.1.4" */
  return line;
}

/* Every rank adopts the status and message of the lowest failing rank, if any. */
static int agree(void *ctx, int status, limen_error *err) {
  (void)ctx;
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

/* Every rank's n doubles, in rank order, into all[] on every rank. */
static int gather(void *ctx, const double *mine, size_t n, double *all, size_t n_all, limen_error *err) {
  (void)ctx;
  if (n > (size_t)INT_MAX || n_all > (size_t)INT_MAX)
    return limen_error_set(err, LIMEN_EINVAL, "simulate", "too many trajectories for MPI");
  int n_local = (int)n, *counts = malloc(2 * (size_t)g_size * sizeof *counts), ok = counts != NULL, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    free(counts);
    return limen_error_set(err, LIMEN_ENOMEM, "simulate", "out of memory");
  }
  int *displs = counts + g_size;
  MPI_Allgather(&n_local, 1, MPI_INT, counts, 1, MPI_INT, MPI_COMM_WORLD);
  for (int r = 0, at = 0; r < g_size; at += counts[r++]) displs[r] = at;
  MPI_Allgatherv(mine, n_local, MPI_DOUBLE, all, counts, displs, MPI_DOUBLE, MPI_COMM_WORLD);
  free(counts);
  return LIMEN_OK;
}

static int broadcast(void *ctx, double *values, size_t n, limen_error *err) {
  (void)ctx;
  (void)err;
  MPI_Bcast(values, (int)n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
  return LIMEN_OK;
}

const limen_simulate_comm *cli_mpi_comm(void) {
  static limen_simulate_comm c;
  if (g_size <= 1) return NULL;
  c = (limen_simulate_comm){(size_t)g_rank, (size_t)g_size, NULL, agree, gather, broadcast};
  return &c;
}

/* Every rank's counts[r] bytes, in rank order, into all[] on every rank.  counts is the same on
 * every rank, so a join too large for MPI's int counts is refused by all of them alike. */
static int gather_bytes(void *ctx, const void *mine, size_t n, void *all, const size_t *counts, limen_error *err) {
  (void)ctx;
  size_t total = 0;
  for (int r = 0; r < g_size; r++) total += counts[r];
  if (total > (size_t)INT_MAX || n != counts[g_rank])
    return limen_error_set(err, LIMEN_EINVAL, "MPI", "%zu bytes of results to join: allowed at most %d", total, INT_MAX);
  int *c = malloc(2 * (size_t)g_size * sizeof *c), ok = c != NULL, all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (!all_ok) {
    free(c);
    return limen_error_set(err, LIMEN_ENOMEM, "MPI", "out of memory");
  }
  for (int r = 0, at = 0; r < g_size; at += c[r++]) c[r] = (int)counts[r], c[g_size + r] = at;
  MPI_Allgatherv(mine, (int)n, MPI_BYTE, all, c, c + g_size, MPI_BYTE, MPI_COMM_WORLD);
  free(c);
  return LIMEN_OK;
}

const limen_spread *cli_mpi_spread(void) {
  static limen_spread s;
  if (g_size <= 1) return NULL;
  s = (limen_spread){(size_t)g_rank, (size_t)g_size, NULL, agree, gather_bytes};
  return &s;
}

#else /* one process */

int cli_mpi_init(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}
void cli_mpi_finalize(void) {}
int cli_mpi_rank(void) { return 0; }
const char *cli_mpi_library(void) { return NULL; }
const limen_simulate_comm *cli_mpi_comm(void) { return NULL; }
const limen_spread *cli_mpi_spread(void) { return NULL; }
#endif
