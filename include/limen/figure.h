/* SPDX-License-Identifier: GPL-3.0-or-later
 * figure.h: draw a line/point chart into a PNG, SVG or PDF file with PLplot.
 *
 * The library only writes files: the chart goes to "<path>.tmp.<pid>" first (through PLplot's
 * file devices "pngcairo", "svg" — text kept as <text> elements — and "pdfcairo", never an
 * interactive one), is checked (a PNG ending with its IEND chunk, an SVG with its closing
 * </svg>, a PDF from %PDF- to %%EOF) and is then renamed onto `path`.  PLplot's own error
 * messages are captured (plsError) and returned in the error trace instead of being printed.
 *
 * Layout (limen_plot_label_boxes): the axes are padded so that no point or marker is cut at
 * the frame; tick labels are plain numbers (0.95, 2e6, 10^-3; limen_plot_tick_label); the
 * legend goes into the corner of the plot area that covers no data, else below the plot in
 * columns; point labels and marker labels are placed (and staggered) so that no two text
 * boxes overlap.  Series are told apart by colour, dash pattern and marker shape; dashed
 * (reference) series are drawn over the solid ones so that a bound is never hidden.
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
  const double *yerr;      /* optional: the standard error of each y (an error bar y ± yerr;
                              non-finite or ≤ 0 entries draw none)                           */
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

/* The formats a figure is written in: "png, svg, pdf". */
LIMEN_API const char *limen_plot_formats(void);

/* Output device from a file name: ".png" → "pngcairo", ".svg" → "svg", ".pdf" → "pdfcairo"
 * (case-insensitive); LIMEN_EINVAL naming the allowed extensions otherwise. */
LIMEN_API int limen_plot_device_for(const char *path, const char **device, limen_error *err);
/* The same from a format name ("png", "svg", "pdf", case-insensitive). */
LIMEN_API int limen_plot_device_for_format(const char *format, const char **device, limen_error *err);

/* Draw `plot` into `path` (.png, .svg or .pdf).  Errors: LIMEN_EINVAL (bad extension, no finite
 * point to draw, bad sizes), LIMEN_EIO (device missing, file not writable, file not produced). */
LIMEN_API int limen_plot_write(const limen_plot *plot, const char *path, limen_error *err);
/* The same in `format` ("png", "svg", "pdf"; NULL: from the extension of `path`, which then
 * need not match). */
LIMEN_API int limen_plot_write_as(const limen_plot *plot, const char *path, const char *format, limen_error *err);

/* The text of the tick label at `value` on an axis from lo to hi with labels every `step`
 * (log axes: value, lo, hi and step in decades; value log10 of m·10^d, m a whole number).  Log
 * axes: m·10^d as a plain number (0.001, 0.05, 10000) when the whole axis lies within 1e-3 …
 * 1e4, else "10#u<d>#d" or "<m>×10#u<d>#d" (PLplot's superscript; axes shorter than 2.5 decades
 * are labelled at 2 and 5 × 10^d too); linear axes: fixed decimals as many as the step needs ("0.95",
 * "0.90", "12"), or mantissa and exponent ("2.5e6", "1e-4") when the axis reaches 1e5 or stays
 * below 1e-3.  Never a common factor such as "(x10^-1)".  Returns buf. */
LIMEN_API const char *limen_plot_tick_label(double value, int log_axis, double lo, double hi, double step, char *buf,
                                            size_t cap);

/* A text box of the laid-out figure, in fractions of the page (x right, y up). */
typedef enum {
  LIMEN_PLOT_BOX_LEGEND = 0,       /* the legend, inside the plot area or below it            */
  LIMEN_PLOT_BOX_POINT_LABEL = 1,  /* the text next to a labelled point                       */
  LIMEN_PLOT_BOX_POINT = 2,        /* the symbol of a labelled point                          */
  LIMEN_PLOT_BOX_MARKER_LABEL = 3, /* the text of a vertical marker                           */
  LIMEN_PLOT_BOX_PLOT_AREA = 4     /* the frame of the plot (contains the others but the legend
                                      below it)                                               */
} limen_plot_box_kind;

typedef struct limen_plot_box {
  limen_plot_box_kind kind;
  double x0, y0, x1, y1;
  const char *text; /* the label (NULL for the legend, points and plot area) */
} limen_plot_box;

/* The boxes of the laid-out figure at its size (the layout limen_plot_write draws): *boxes is
 * allocated (release with free()), *n set.  The legend, the labels and the labelled points
 * never overlap one another unless there is no room (the test asserts it for limen's figures). */
LIMEN_API int limen_plot_label_boxes(const limen_plot *plot, limen_plot_box **boxes, size_t *n, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
