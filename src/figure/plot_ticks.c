/* SPDX-License-Identifier: GPL-3.0-or-later
 * plot_ticks.c: the numbers on a figure's axes (figure.h) — the padded axis ranges, the step
 * between tick labels, and the label texts as plain numbers (0.95, 2.5e6, 10^-3), never a
 * common factor such as PLplot's "(x10^-1)". */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figure/plot_layout.h"

int plot_usable(double v, int logscale) { return isfinite(v) && (!logscale || v > 0); }
double plot_tr(double v, int logscale) { return logscale ? log10(v) : v; }

/* Decimals that show a multiple of `step` exactly (at most 6). */
static int step_decimals(double step) {
  int d = (int)ceil(-log10(step) - 1e-9);
  return d < 0 ? 0 : d > 6 ? 6 : d;
}

const char *limen_plot_tick_label(double value, int log_axis, double lo, double hi, double step, char *buf,
                                  size_t cap) {
  if (!buf || cap == 0) return buf;
  if (!isfinite(value) || !(step > 0)) {
    snprintf(buf, cap, "%s", "");
    return buf;
  }
  if (log_axis) { /* m × 10^d, m = 1 at the decades (2, 5 between them on short axes) */
    int d = (int)floor(value + 1e-9), m = (int)lround(pow(10.0, value - d));
    if (m >= 10) d++, m = 1;
    if (floor(lo + 1e-9) >= -3 && ceil(hi - 1e-9) <= 4) snprintf(buf, cap, "%.*f", d < 0 ? -d : 0, m * pow(10.0, d));
    else if (m == 1) snprintf(buf, cap, "10#u%d#d", d);
    else snprintf(buf, cap, "%d×10#u%d#d", m, d);
    return buf;
  }
  if (fabs(value) < 1e-9 * step) value = 0; /* no "-0" */
  double top = fmax(fabs(lo), fabs(hi));
  if (value == 0 || (top < 1e5 && !(top < 1e-3))) {
    snprintf(buf, cap, "%.*f", value == 0 ? 0 : step_decimals(step), value);
    return buf;
  }
  int e = (int)floor(log10(fabs(value)) + 1e-9);
  double m = value / pow(10.0, e);
  int dm = e - (int)floor(log10(step) + 1e-9);
  dm = dm < 0 ? 0 : dm > 4 ? 4 : dm;
  char mant[32];
  snprintf(mant, sizeof mant, "%.*f", dm, m);
  /* "2.50" → "2.5", "2.0" → "2": the exponent already says the scale */
  if (strchr(mant, '.')) {
    char *z = mant + strlen(mant) - 1;
    while (*z == '0') *z-- = '\0';
    if (*z == '.') *z = '\0';
  }
  snprintf(buf, cap, "%se%d", mant, e);
  return buf;
}

/* A step of 1, 2 or 5 × 10^k giving about `want` labels over span. */
static double nice_step(double span, double want) {
  double raw = span / want, p = pow(10.0, floor(log10(raw)));
  double m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

/* Data range of one axis (error bars and markers included), in axis units; 0 if empty. */
static int data_range(const limen_plot *p, int want_x, double *a, double *b) {
  int lg = want_x ? p->xlog : p->ylog;
  *a = HUGE_VAL;
  *b = -HUGE_VAL;
  for (size_t s = 0; s < p->n_series; s++) {
    const limen_plot_series *S = &p->series[s];
    for (size_t i = 0; i < S->n; i++) {
      if (!plot_usable(S->x[i], p->xlog) || !plot_usable(S->y[i], p->ylog)) continue;
      double v = want_x ? S->x[i] : S->y[i], e = !want_x && S->yerr && isfinite(S->yerr[i]) ? S->yerr[i] : 0;
      double vals[3] = {v, v - e, v + e};
      for (int k = 0; k < 3; k++)
        if (plot_usable(vals[k], lg)) {
          *a = fmin(*a, plot_tr(vals[k], lg));
          *b = fmax(*b, plot_tr(vals[k], lg));
        }
    }
  }
  for (size_t m = 0; want_x && m < p->n_markers; m++)
    if (plot_usable(p->markers[m].x, lg)) {
      *a = fmin(*a, plot_tr(p->markers[m].x, lg));
      *b = fmax(*b, plot_tr(p->markers[m].x, lg));
    }
  return *a <= *b;
}

/* The axis window: log axes over two decades or more snap outwards to whole decades; every axis
 * keeps 4 % of its span free beyond the outermost point so that no symbol is cut at the frame.
 * *step is the distance between labels (decades on log axes; at most about 10 labels). */
void plot_axis_window(const limen_plot *p, int want_x, double *lo, double *hi, double *step) {
  int lg = want_x ? p->xlog : p->ylog;
  double a, b;
  if (!data_range(p, want_x, &a, &b)) a = 0, b = 1;
  double span = b - a;
  if (span <= 0) span = lg ? 1 : (fabs(a) > 0 ? fabs(a) : 1);
  double pad = 0.04 * span, x0 = a - pad, x1 = b + pad;
  if (lg && b - a >= 2) {
    x0 = floor(a + 1e-9);
    x1 = ceil(b - 1e-9);
    if (a - x0 < pad) x0 = a - pad;
    if (x1 - b < pad) x1 = b + pad;
  }
  if (b - a <= 0) {
    x0 = a - (lg ? 0.5 : 0.5 * span);
    x1 = b + (lg ? 0.5 : 0.5 * span);
  }
  *lo = x0;
  *hi = x1;
  *step = lg ? ceil((x1 - x0) / 10.0 - 1e-9) : nice_step(x1 - x0, 6);
  if (!(*step > 0)) *step = 1;
}
