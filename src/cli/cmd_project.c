/* SPDX-License-Identifier: GPL-3.0-or-later
 * cmd_project.c: `limen project` — the energy each memory paradigm must dissipate to train a
 * workload (theory §4), term by term, with every assumption printed. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/frame.h"
#include "cli/options.h"
#include "cli/output.h"
#include "cli/project_emit.h"
#include "cli/workload_opts.h"
#include "limen/units.h"

static const cli_command_doc doc = {
    "project", "[--model NAME | --params N --tokens D [--flops C]] [options]",
    "Project the energy that training a workload dissipates under each memory paradigm:\n"
    "E = E_compute + E_memory (reads) + E_update (writes) + E_consolidation.  Each paradigm states\n"
    "the work it counts (FLOP results, parameter updates, reads, consolidation copies) and is\n"
    "compared with the Landauer floor of that same work; the per-FLOP headline C*n*kT*ln2 is shown\n"
    "once, with a ratio only for paradigms that count the same work.  --verbose (and --out, JSON)\n"
    "give every term and assumption; a term a paradigm does not count is 'not counted' (null).\n"
    "Without options: the brain-scale workload (N = 1e15) and the default paradigm list.\n"
    "Giving --params or --tokens (or --flops-per-param-token) without --flops makes C = c_f*N*D.\n"
    "Paradigms: accelerator:<profile>, landauer-adiabatic, cim-static[:<device>],\n"
    "lim-finite-time[:<device>], lim-matched[:<device>] ('limen profiles' lists the profiles).",
    "examples:\n"
    "  limen project\n"
    "  limen project --model gpt-3                 # published energy beside the same hardware/basis\n"
    "  limen project --verbose --ops per-parameter-step\n"
    "  limen project --params 7e10 --tokens 2e12 --bits 8 --format json\n"
    "  limen project --paradigm landauer-adiabatic,lim-finite-time --time 8.64e4 --format csv\n"
    "  limen project --config run.json --out results/\n"};

#define MAX_OPTS (CLI_WL_MAX_OPTS + 5)

int limen_cmd_project(int argc, char **argv) {
  cli_opt o[MAX_OPTS];
  size_t n = cli_wl_options(o);
  o[n++] = cli_opt_str("paradigm", CLI_OPT_LIST, "LIST", NULL, cli_default_paradigms(),
                       "comma-separated paradigms to project (repeatable)");
  o[n++] = cli_opt_format("table", "output format on stdout");
  o[n++] = cli_opt_str("out", CLI_OPT_STRING, "DIR", NULL, NULL,
                       "also write project.json, project.csv and project.txt (the --verbose table) into DIR "
                       "(atomically)");
  o[n++] = cli_opt_str("verbose", CLI_OPT_FLAG, NULL, NULL, NULL, "table: every term and assumption as well");
  cli_buf files[4]; /* project.txt (verbose), .csv, .json; the table on the screen */
  for (int i = 0; i < 4; i++) cli_buf_init(&files[i]);
  cli_project_run r;
  memset(&r, 0, sizeof r);
  r.pub.energy_J = NAN;
  r.columns = cli_terminal_columns();
  cli_frame f;
  int status = cli_frame_begin(&f, &doc, o, n, argc, argv);
  if (status == CLI_HELP) return CLI_OK;
  f.range_is_usage = 1;
  if (!status) status = cli_frame_no_positional(&f);
  if (status) goto done;
  cli_format fmt = CLI_FORMAT_TABLE;
  const cli_opt *fo = cli_opt_find(o, n, "format"), *oo = cli_opt_find(o, n, "out");
  if (fo->set && (status = cli_parse_format(fo->str, 1, &fmt, &f.err))) goto done;
  status = cli_wl_build(o, n, &r.wl, &f.err);
  if (status) goto done;
  status = cli_wl_paradigms(o, n, &r.specs, &r.n, &f.args, &f.err);
  if (status) goto done;
  r.proj = calloc(r.n, sizeof *r.proj);
  if (!r.proj) {
    status = limen_error_set(&f.err, LIMEN_ENOMEM, "project", "out of memory");
    goto done;
  }
  status = cli_wl_project(&r.wl, &r.wl.w, r.specs, r.n, r.proj, &f.err);
  /* the catalog row's published energy beside a projection on its own hardware and basis */
  if (!status) status = limen_published_compare(r.wl.custom ? NULL : r.wl.model, &r.wl.w, r.wl.profiles, &r.pub, &f.err);
  if (status) goto done;
  r.verbose = cli_opt_find(o, n, "verbose")->set != 0;
  if (fmt == CLI_FORMAT_TABLE) status = cli_project_table(&r, &files[3], &f.err);
  if (!status && oo->set) {
    cli_project_run v = r;
    v.verbose = 1;
    status = cli_project_table(&v, &files[0], &f.err);
  }
  if (!status && (oo->set || fmt == CLI_FORMAT_CSV)) status = cli_project_machine(&r, 0, &files[1], &f.err);
  if (!status && (oo->set || fmt == CLI_FORMAT_JSON)) status = cli_project_machine(&r, 1, &files[2], &f.err);
  for (int i = 0; !status && i < 4; i++) status = cli_buf_check(&files[i], &f.err);
  if (status) goto done;
  if (oo->set) {
    static const char *const names[3] = {"project.txt", "project.csv", "project.json"};
    for (int i = 0; i < 3 && !status; i++) status = cli_write_file_atomic(oo->str, names[i], files[i].data, &f.err);
    if (status) goto done;
  }
  f.emit = fmt == CLI_FORMAT_TABLE ? &files[3] : fmt == CLI_FORMAT_CSV ? &files[1] : &files[2];

done:
  status = cli_frame_end(&f, status);
  free(r.proj);
  cli_wl_free(&r.wl);
  for (int i = 0; i < 4; i++) cli_buf_free(&files[i]);
  return status;
}
