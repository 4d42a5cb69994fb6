/* SPDX-License-Identifier: GPL-3.0-or-later
 * figure.h: draw a line/point chart into a PNG or SVG file with PLplot (cairo devices).
 *
 * The library only writes files: the chart goes to "<path>.tmp.<pid>" first (through PLplot's
 * file devices "pngcairo" / "svgcairo", never an interactive one), is checked (non-empty,
 * PNG signature or SVG text) and is then renamed onto `path`.  PLplot's own error messages
 * are captured (plsError) and returned in the error trace instead of being printed.
 * PLplot keeps global state: these functions are not thread-safe. */
#ifndef LIMEN_FIGURE_H
#define LIMEN_FIGURE_H

#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  LIMEN_PLOT_LINE = 0,        /* solid line through the points                    */
  LIMEN_PLOT_DASHED = 1,      /* dashed line                                      */
  LIMEN_PLOT_POINTS = 2,      /* markers only                                     */
  LIMEN_PLOT_LINE_POINTS = 3  /* solid line with markers                          */
} limen_plot_style;

typedef struct limen_plot_series {
  const char *label;       /* legend entry (NULL or "" → not in the legend)     */
  const double *x, *y;     /* n points; non-finite or (on log axes) ≤ 0 values are skipped */
  size_t n;
  limen_plot_style style;
  int color;               /* 0 → automatic, else 1..12 (a fixed readable palette) */
  const char *const *point_labels; /* optional: text next to each point (NULL entries skipped) */
} limen_plot_series;

/* A vertical marker line with a label at the top, e.g. a model size. */
typedef struct limen_plot_marker {
  double x;
  const char *label;
} limen_plot_marker;

typedef struct limen_plot {
  const char *title;
  const char *xlabel, *ylabel;   /* with units, e.g. "parameters N", "energy [J]"     */
  int xlog, ylog;                /* logarithmic axes                                   */
  const limen_plot_series *series;
  size_t n_series;
  const limen_plot_marker *markers;
  size_t n_markers;
  int width_px, height_px;       /* 0 → 1200 × 800                                     */
  const char *note;              /* optional small text under the title (assumptions) */
} limen_plot;

/* Output format from a file name: ".png" → "pngcairo", ".svg" → "svgcairo" (case-insensitive);
 * LIMEN_EINVAL naming the allowed extensions otherwise. */
LIMEN_API int limen_plot_device_for(const char *path, const char **device, limen_error *err);

/* Draw `plot` into `path` (.png or .svg).  Errors: LIMEN_EINVAL (bad extension, no finite
 * point to draw, bad sizes), LIMEN_EIO (device missing, file not writable, file not produced). */
LIMEN_API int limen_plot_write(const limen_plot *plot, const char *path, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
