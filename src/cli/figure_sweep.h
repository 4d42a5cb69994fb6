/* SPDX-License-Identifier: GPL-3.0-or-later
 * figure_sweep.h: `limen figure sweep` — its options, the rules of which options it takes, and
 * the run (figure_sweep.c); the rest of `limen figure` is cmd_figure.c. */
#ifndef LIMEN_CLI_FIGURE_SWEEP_H
#define LIMEN_CLI_FIGURE_SWEEP_H

#include "cli/options.h"
#include "limen/figure.h"

/* --input, --y, --by into o; their count. */
size_t cli_figure_sweep_options(cli_opt *o);
/* figure sweep: --input and --x given, no option it does not take (usage errors). */
int cli_figure_sweep_given(cli_opt *o, size_t n, limen_error *err);
/* Another figure: none of the sweep's own options given. */
int cli_figure_sweep_refused(cli_opt *o, size_t n, const char *kind, limen_error *err);
/* Read the sweep, draw it into out (format: NULL from the extension). */
int cli_figure_sweep(cli_opt *o, size_t n, const char *out, const char *format, limen_error *err);

/* Where a figure goes (figure_out.c): --out FILE.png|.svg|.pdf is that file; an existing
 * directory, a path ending in '/' or one without an extension is a directory that gets
 * <stem>.png, .svg and .pdf (or --format's only), listed in its manifest. */
int cli_figure_out_is_dir(const char *out);
int cli_figure_write(const limen_plot *plot, const char *out, const char *format, const char *stem, limen_error *err);

#endif
