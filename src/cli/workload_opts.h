/* SPDX-License-Identifier: GPL-3.0-or-later
 * workload_opts.h: the workload options shared by `project`, `sweep` and `figure`
 * (--model, --params, --tokens, ..., every field of limen_workload), how they are turned into a
 * workload, the paradigm list, and the workload's JSON form and assumption lines. */
#ifndef LIMEN_CLI_WORKLOAD_OPTS_H
#define LIMEN_CLI_WORKLOAD_OPTS_H

#include <cjson/cJSON.h>

#include "cli/options.h"
#include "cli/output.h"
#include "limen/hardware.h"
#include "limen/paradigm.h"
#include "limen/workload.h"

/* Most options cli_wl_options writes. */
#define CLI_WL_MAX_OPTS 32

/* Write the workload options into o[0..] and return their count (≤ CLI_WL_MAX_OPTS).  A
 * command may put its own options before them (cli_wl_build finds them by "model"). */
size_t cli_wl_options(cli_opt *o);

/* The loaded data and the workload built from the options (by limen_workload_setup_build). */
typedef struct cli_wl {
  limen_catalog *catalog;
  limen_profile_set *profiles;
  const limen_model *model;  /* the catalog row used (brain-scale unless --model)      */
  int custom;                /* 1 when --params defined the workload                  */
  limen_workload w;
  limen_workload_setup setup;/* the library's record: origins, catalog row            */
  char source[CLI_WL_MAX_OPTS][96]; /* "given by --bits", "from --config key bits"    */
  cli_opt *opts;             /* the command's option array (not owned)               */
  size_t n_opts;
  limen_learning_path *path; /* --learning-path, read (owned; w.path points to it)    */
} cli_wl;

/* Load the catalog and profiles, apply --model and every workload option, validate.
 * Errors name the option (exit status 2 for bad input). */
int cli_wl_build(cli_opt *opts, size_t n_opts, cli_wl *ctx, limen_error *err);
void cli_wl_free(cli_wl *ctx);

/* Set workload field `name` (a workload option name) to value for a sweep point: range-checked
 * like the option, and when N, D or c_f change while C is not fixed, C follows as c_f·N·D. */
int cli_wl_set(cli_wl *ctx, limen_workload *w, const char *name, double value, limen_error *err);

/* Is `name` a numeric workload option (sweepable)? */
const cli_opt *cli_wl_numeric_option(const cli_wl *ctx, const char *name);

/* The paradigm list: --paradigm items or the library's default list.  *specs points into
 * the options or the library (no ownership). */
int cli_wl_paradigms(cli_opt *opts, size_t n_opts, const char *const **specs, size_t *n, cli_args *args,
                     limen_error *err);

/* The library's default paradigm list, comma-separated (for the help text). */
const char *cli_default_paradigms(void);

/* Project every spec for workload w into out[0..n-1]; errors name the paradigm. */
int cli_wl_project(const cli_wl *ctx, const limen_workload *w, const char *const *specs, size_t n,
                   limen_projection *out, limen_error *err);

/* Assumption lines about the workload (every input with unit and origin) appended to b, each
 * prefixed by `indent`; and the same lines as a JSON array of strings when arr != NULL. */
int cli_wl_assumptions(const cli_wl *ctx, const limen_workload *w, cli_buf *b, const char *indent, cJSON *arr,
                       limen_error *err);

#endif
