/* SPDX-License-Identifier: GPL-3.0-or-later
 * plot_layout.h: the layout of a limen_plot computed before anything is drawn — axis ranges
 * (padded), tick steps, the viewport, the legend's place and the positions of point and marker
 * labels — in fractions of the page, so that limen_plot_write draws exactly what
 * limen_plot_label_boxes reports and a test can check it without a device. */
#ifndef LIMEN_PLOT_LAYOUT_H
#define LIMEN_PLOT_LAYOUT_H

#include "limen/figure.h"

/* Character height (PLplot's, about 0.75 em) as a fraction of the page height, and the sizes of
 * the smaller texts relative to it. */
#define PLOT_CH 0.0195
#define PLOT_TICK_SCALE 0.95
#define PLOT_LEGEND_SCALE 0.85
#define PLOT_LABEL_SCALE 0.8
#define PLOT_NOTE_SCALE 0.8
#define PLOT_TITLE_SCALE 1.25
#define PLOT_SYMBOL 0.0068 /* half-size of a marker symbol, page heights */

typedef struct plot_rect {
  double x0, y0, x1, y1;
} plot_rect;

/* Where a point label went: its anchor (page fractions), left-justified text starting at x. */
typedef struct plot_label_at {
  size_t series, point;
  double x, y;           /* left end of the text, vertical middle                           */
  plot_rect box;
  double px, py;         /* the point, for a leader line when the label stands off          */
  int leader;
} plot_label_at;

typedef struct plot_marker_at {
  size_t marker;
  double x, ytop;        /* the vertical text ends (right-justified) at ytop, written upwards */
  plot_rect box;
} plot_marker_at;

typedef struct plot_layout {
  int w, h;                        /* page in px                                          */
  double aspect;                   /* h / w: a length in page heights × aspect = page widths */
  double wx0, wx1, wy0, wy1;       /* world window (log10 on log axes)                   */
  double xstep, ystep;             /* between tick labels (decades on log axes)          */
  plot_rect view;                  /* the plot area                                       */
  int legend_below;                /* the legend under the plot (else inside it)          */
  plot_rect legend;                /* its box (empty when no entry)                       */
  size_t legend_entries, legend_cols;
  double legend_entry_w;           /* width of one column, page fractions                 */
  plot_label_at *labels;
  size_t n_labels;
  plot_marker_at *marks;
  size_t n_marks;
  char *note;                      /* the note, wrapped to the page: lines split by '\0'   */
  size_t n_note;                   /* its lines                                           */
} plot_layout;

int plot_usable(double v, int logscale);
double plot_tr(double v, int logscale);
/* The window of one axis (log10 on log axes), padded, and the step between its labels. */
void plot_axis_window(const limen_plot *p, int want_x, double *lo, double *hi, double *step);
/* Text width in page heights for the character height ch (page heights); PLplot's escapes
 * (#u, #d, #g…) counted as what they draw. */
double plot_text_width(const char *s, double ch);
/* Lay out p (already checked) at w × h px; the arrays are allocated (plot_layout_free). */
int plot_layout_make(const limen_plot *p, int w, int h, plot_layout *L, limen_error *err);
void plot_layout_free(plot_layout *L);
/* World to page fractions. */
double plot_page_x(const plot_layout *L, double wx);
double plot_page_y(const plot_layout *L, double wy);
/* The legend's row height and the symbol column width (page heights). */
double plot_legend_row(void);
double plot_legend_sample(void);

#endif
