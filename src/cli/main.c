/* SPDX-License-Identifier: GPL-3.0-or-later
 * main.c: `limen` — dispatch to the subcommands. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/mpi_run.h"
#include "limen/limen.h"

typedef struct {
  const char *name;
  int (*run)(int, char **);
  const char *summary;
} command;

static const command commands[] = {
    {"project", limen_cmd_project, "energy each memory paradigm must dissipate to train a workload"},
    {"bound", limen_cmd_bound, "cost of one elementary memory operation (L, FT, S, H, ...)"},
    {"models", limen_cmd_models, "list the model catalog with sources"},
    {"profiles", limen_cmd_profiles, "list the hardware profiles with sources"},
    {"sweep", limen_cmd_sweep, "sensitivity tables: vary one or two inputs"},
    {"figure", limen_cmd_figure, "draw projection, trade-off and per-operation figures"},
    {"simulate", limen_cmd_simulate, "simulate a memory-cell protocol (Langevin / Fokker-Planck)"},
    {"validate", limen_cmd_validate, "run the simulator's reference checks (self-test)"},
    {"train", limen_cmd_train, "train a model inside simulated physical memory"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f) {
  fprintf(f,
          "usage: limen <command> [options]\n"
          "       limen --help | --version\n\n"
          "limen computes the least energy that training an AI model must dissipate, term by term,\n"
          "for conventional accelerators, compute-in-memory and learning-in-memory, and checks the\n"
          "bounds against simulated physics.\n\ncommands:\n");
  for (size_t i = 0; i < N_COMMANDS; i++) fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\n'limen <command> --help' describes each command.  With no command, 'limen' runs\n"
             "'limen project' on the brain-scale workload.\n");
}

static int dispatch(int argc, char **argv) {
  if (argc < 2) {
    static char name[] = "project";
    char *def[] = {name, NULL};
    return limen_cmd_project(1, def);
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(stdout);
    return CLI_OK;
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
    const char *rev = limen_git_revision();
    printf("limen %s", limen_version());
    if (rev) printf(" (git %s)", rev);
    printf("\n");
    if (cli_mpi_library()) printf("built with MPI: %s\n", cli_mpi_library());
    return CLI_OK;
  }
  for (size_t i = 0; i < N_COMMANDS; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(argc - 1, argv + 1);
  char list[256] = "", near[64];
  for (size_t i = 0, at = 0; i < N_COMMANDS && at < sizeof list; i++)
    at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", i ? ", " : "", commands[i].name);
  limen_suggest_note(argv[1], list, near, sizeof near);
  fprintf(stderr, "limen: unknown command '%s'%s: allowed: %s\n", argv[1], near, list);
  return CLI_USAGE;
}

int main(int argc, char **argv) {
  limen_gsl_quiet();
  int status = cli_mpi_init(&argc, &argv);
  if (status) {
    cli_mpi_finalize();
    return status;
  }
  limen_error err;
  limen_error_clear(&err);
  char *cmd = cli_command_line(argc, argv); /* the provenance of every output (provenance.h) */
  if (!cmd || limen_provenance_begin(cmd, &err) != LIMEN_OK) {
    fprintf(stderr, "limen: out of memory\n");
    free(cmd);
    cli_mpi_finalize();
    return CLI_FAIL;
  }
  free(cmd);
  status = dispatch(argc, argv);
  status = cli_mpi_finish(status, NULL); /* a rank that ended without a command's frame (help) */
  if (cli_out_finish(status == 0, &err) != LIMEN_OK) { /* the manifest of --out, written last */
    fprintf(stderr, "limen: --out: %s\n", err.msg);
    status = 1;
  }
  cli_mpi_finalize();
  return status;
}
