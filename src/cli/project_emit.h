/* SPDX-License-Identifier: GPL-3.0-or-later
 * project_emit.h: the outputs of `limen project` — the compact table (one row per paradigm:
 * counted work, energy, the floor of that work, the ratios), its --verbose form (terms and
 * assumptions), CSV and JSON.  Formatting only: every number comes from the library. */
#ifndef LIMEN_CLI_PROJECT_EMIT_H
#define LIMEN_CLI_PROJECT_EMIT_H

#include "cli/output.h"
#include "cli/workload_opts.h"

typedef struct cli_project_run {
  cli_wl wl;
  const char *const *specs;
  size_t n;
  limen_projection *proj;
  double published_J;         /* the catalog row's published energy (NaN: none)             */
  int has_pub_proj;           /* pub_proj holds the projection set beside it               */
  limen_projection pub_proj;  /* accelerator:<hardware_profile> at the published basis      */
  double pub_pue;             /* PUE of that projection (the row's published_pue, or 1)      */
  int verbose;                /* table: terms and assumptions too                           */
  size_t columns;             /* terminal width for the table                               */
} cli_project_run;

int cli_project_table(const cli_project_run *r, cli_buf *b, limen_error *err);
void cli_project_csv(const cli_project_run *r, cli_buf *b);
int cli_project_json(const cli_project_run *r, cli_buf *b, limen_error *err);

/* "C×16b +reads +copies": the counted work of a projection in the symbols of the table header. */
const char *cli_project_work(char *buf, size_t n, const limen_projection *p, const limen_workload *w);

#endif
