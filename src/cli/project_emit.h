/* SPDX-License-Identifier: GPL-3.0-or-later
 * project_emit.h: the outputs of `limen project` — the compact table (one row per paradigm:
 * counted work, energy, the floor of that work, the ratios), its --verbose form (terms and
 * assumptions); CSV and JSON from the library.  Formatting only: every number comes from the
 * library. */
#ifndef LIMEN_CLI_PROJECT_EMIT_H
#define LIMEN_CLI_PROJECT_EMIT_H

#include "cli/output.h"
#include "cli/workload_opts.h"
#include "limen/report.h"

typedef struct cli_project_run {
  cli_wl wl;
  const char *const *specs;
  size_t n;
  limen_projection *proj;
  limen_published pub;        /* the catalog row's published energy (NaN: none) and the
                                 projection beside it (limen_published_compare)             */
  int verbose;                /* table: terms and assumptions too                           */
  size_t columns;             /* terminal width for the table                               */
} cli_project_run;

int cli_project_table(const cli_project_run *r, cli_buf *b, limen_error *err);
/* The library's JSON (json) or CSV of the run, the workload's assumption lines given to it. */
int cli_project_machine(const cli_project_run *r, int json, cli_buf *b, limen_error *err);

#endif
