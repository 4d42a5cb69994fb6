/* SPDX-License-Identifier: GPL-3.0-or-later
 * mpi_run.h: `limen` across MPI ranks.  Built with MPI (LIMEN_HAVE_MPI) and started by an MPI
 * launcher (mpirun sets OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK), every rank parses the
 * same command line, the Langevin ensemble of `limen simulate` is split over the ranks by
 * blocks of trajectories (the library's limen_simulate_run with cli_mpi_comm()), and rank 0
 * alone prints and writes files; the result is bit-identical to a run on one process.
 * Otherwise (no MPI, or not started by a launcher) these functions describe one process and
 * MPI is never initialized. */
#ifndef LIMEN_CLI_MPI_RUN_H
#define LIMEN_CLI_MPI_RUN_H

#include "limen/simulate.h"
#include "cli/options.h"
#include "limen/spread.h"

/* Initialize MPI when started by a launcher; ranks other than 0 then write nothing to stdout
 * or stderr.  Returns 0, or a non-zero exit status after printing why MPI failed. */
int cli_mpi_init(int *argc, char ***argv);
void cli_mpi_finalize(void);
/* What this rank's run depends on, compared between the ranks whenever they meet: the command,
 * its options as parsed and its positional arguments (cli_frame_begin).  The data files the
 * library reads are noted as they are read. */
void cli_mpi_note_options(const char *cmd, const cli_opt *o, size_t n, char **positional, int n_positional);
/* The ranks meet at the end of a command (before anything is printed): when some rank's inputs
 * differ from rank 0's, or some rank failed, every rank returns that failure (err set; the
 * lowest failing rank's); else status.  Once per process; not after a failed meeting. */
int cli_mpi_finish(int status, limen_error *err);
int cli_mpi_rank(void); /* 0 on one process */
/* One line describing the MPI library limen was built with, or NULL. */
const char *cli_mpi_library(void);
/* The ranks' communication for limen_simulate_run: agree on the lowest failing rank's error,
 * gather arrays in rank order, broadcast from rank 0; NULL on one process. */
const limen_simulate_comm *cli_mpi_comm(void);
/* The same for the library's runs of independent items (spread.h: the checks of validate, the
 * points of sweep, the runs of train --experiment); NULL on one process. */
const limen_spread *cli_mpi_spread(void);

#endif
