/* SPDX-License-Identifier: GPL-3.0-or-later
 * plot_layout.c: where everything of a limen_plot goes before it is drawn (plot_layout.h):
 * margins from the longest tick label, the legend in the corner of the plot area that covers no
 * data (else below the plot, in columns), vertical marker labels staggered down when they would
 * touch, and point labels tried at eight places around their point (then farther out, with a
 * leader line) until none overlaps another label, a labelled point, a marker label or the
 * legend.  limen_plot_label_boxes returns the result for tests. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figure/plot_layout.h"

/* Width of one character in units of PLplot's character height (DejaVu Sans, which the cairo
 * drivers use; about 0.75 em per character height). */
static double char_w(unsigned char c) {
  if (strchr("iljtfr.,:;|!' ()[]", c)) return 0.45;
  if (c == 'm' || c == 'w' || c == 'M' || c == 'W') return 1.2;
  if (c >= 'A' && c <= 'Z') return 0.98;
  if (c >= '0' && c <= '9') return 0.86;
  if (c >= 0x80) return 0.45; /* each byte of a UTF-8 character: about 0.9 for two bytes */
  return 0.80;
}

double plot_text_width(const char *s, double ch) {
  double w = 0, scale = 1;
  for (const unsigned char *c = (const unsigned char *)s; c && *c; c++) {
    if (*c == '#' && c[1]) {
      c++;
      if (*c == 'u' || *c == 'd') scale = scale < 1 ? 1 : 0.7; /* super/subscript on and off */
      else if (*c == 'g' && c[1]) w += 0.8 * scale, c++;      /* a Greek letter */
      else if (*c == '(') while (c[1] && *c != ')') c++, w += 0.0;
      continue;
    }
    w += char_w(*c) * scale;
  }
  return 1.04 * w * ch; /* measured on PNG output: within 4 % of the rendered widths, here above */
}

double plot_page_x(const plot_layout *L, double wx) {
  return L->view.x0 + (wx - L->wx0) / (L->wx1 - L->wx0) * (L->view.x1 - L->view.x0);
}
double plot_page_y(const plot_layout *L, double wy) {
  return L->view.y0 + (wy - L->wy0) / (L->wy1 - L->wy0) * (L->view.y1 - L->view.y0);
}

double plot_legend_row(void) { return 1.55 * PLOT_LEGEND_SCALE * PLOT_CH; }
double plot_legend_sample(void) { return 5.0 * PLOT_LEGEND_SCALE * PLOT_CH; }

static int overlap(plot_rect a, plot_rect b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }
static double overlap_area(plot_rect a, plot_rect b) {
  double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0), h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}
static int inside(plot_rect a, plot_rect v) { return a.x0 >= v.x0 && a.x1 <= v.x1 && a.y0 >= v.y0 && a.y1 <= v.y1; }

/* The widest tick label of the y axis, in page heights. */
static double ytick_width(const limen_plot *p, const plot_layout *L) {
  double wmax = 0, ch = PLOT_TICK_SCALE * PLOT_CH;
  char buf[64];
  for (double v = ceil(L->wy0 / L->ystep - 1e-9) * L->ystep; v <= L->wy1 + 1e-9 * L->ystep; v += L->ystep) {
    double t = plot_text_width(limen_plot_tick_label(v, p->ylog, L->wy0, L->wy1, L->ystep, buf, sizeof buf), ch);
    wmax = fmax(wmax, t);
  }
  return wmax;
}

static int note_lines(const plot_layout *L) { return (int)L->n_note; }

/* The note split into lines at its newlines and, where a line is wider than the page, at the
 * last blank that fits; L->note holds the lines one after another, each ended by '\0'. */
static int wrap_note(const limen_plot *p, plot_layout *L) {
  L->n_note = 0;
  if (!p->note || !p->note[0]) return LIMEN_OK;
  size_t len = strlen(p->note);
  if (!(L->note = malloc(len + 1))) return LIMEN_ENOMEM;
  memcpy(L->note, p->note, len + 1);
  double room = 0.98 / L->aspect, ch = PLOT_NOTE_SCALE * PLOT_CH;
  for (char *line = L->note; line;) {
    char *nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    while (plot_text_width(line, ch) > room) {
      char *cut = NULL; /* the last blank before which the line fits */
      for (char *c = line; *c; c++) {
        if (*c != ' ') continue;
        *c = '\0';
        int fits = plot_text_width(line, ch) <= room;
        *c = ' ';
        if (!fits) break;
        cut = c;
      }
      if (!cut) break; /* one word wider than the page stays whole */
      *cut = '\0';
      L->n_note++;
      line = cut + 1;
    }
    L->n_note++;
    line = nl ? nl + 1 : NULL;
  }
  return LIMEN_OK;
}

/* The plot area for a legend of `below` page heights under it. */
static void viewport(const limen_plot *p, plot_layout *L, double below) {
  double ch = PLOT_CH;
  double left = 0.6 * ch + (p->ylabel ? 2.2 * ch : 0) + ytick_width(p, L) + 0.8 * ch;
  double bottom = 0.5 * ch + note_lines(L) * 1.8 * PLOT_NOTE_SCALE * ch + below + (p->xlabel ? 2.6 * ch : 0) +
                  2.2 * PLOT_TICK_SCALE * ch;
  double top = p->title ? 3.0 * PLOT_TITLE_SCALE * ch : 1.5 * ch;
  L->view = (plot_rect){left * L->aspect, bottom, 1.0 - 2.5 * ch * L->aspect, 1.0 - top};
}

/* How many samples along the series fall into r. */
static size_t covered(const limen_plot *p, const plot_layout *L, plot_rect r) {
  size_t n = 0;
  for (size_t s = 0; s < p->n_series; s++) {
    const limen_plot_series *S = &p->series[s];
    double qx = NAN, qy = NAN;
    for (size_t i = 0; i < S->n; i++) {
      if (!plot_usable(S->x[i], p->xlog) || !plot_usable(S->y[i], p->ylog)) {
        qx = NAN;
        continue;
      }
      double x = plot_page_x(L, plot_tr(S->x[i], p->xlog)), y = plot_page_y(L, plot_tr(S->y[i], p->ylog));
      int steps = S->style == LIMEN_PLOT_POINTS || isnan(qx) ? 1 : 24;
      for (int k = 1; k <= steps; k++) {
        double t = (double)k / steps, sx = isnan(qx) ? x : qx + t * (x - qx), sy = isnan(qy) ? y : qy + t * (y - qy);
        n += sx > r.x0 && sx < r.x1 && sy > r.y0 && sy < r.y1;
      }
      qx = x;
      qy = y;
    }
  }
  return n; /* marker lines span the whole height: the legend may hide a piece of one */
}

/* The legend: inside a corner of the plot area that covers nothing, else below in columns. */
static void place_legend(const limen_plot *p, plot_layout *L) {
  double ch = PLOT_LEGEND_SCALE * PLOT_CH, wmax = 0;
  L->legend_entries = 0;
  for (size_t s = 0; s < p->n_series; s++)
    if (p->series[s].label && p->series[s].label[0]) {
      L->legend_entries++;
      wmax = fmax(wmax, plot_text_width(p->series[s].label, ch));
    }
  viewport(p, L, 0);
  if (!L->legend_entries) return;
  double pad = 0.6 * ch, ew = (plot_legend_sample() + 0.8 * ch + wmax + 1.2 * ch) * L->aspect;
  double lw = ew + 2 * pad * L->aspect, lh = L->legend_entries * plot_legend_row() + 2 * pad;
  double gx = 0.8 * PLOT_CH * L->aspect, gy = 0.8 * PLOT_CH;
  plot_rect v = L->view;
  double mx = 0.5 * (v.x0 + v.x1 - lw), my = 0.5 * (v.y0 + v.y1 - lh);
  /* the corners, then the middles of the edges */
  const double cx[8] = {v.x1 - gx - lw, v.x0 + gx, v.x1 - gx - lw, v.x0 + gx, mx, mx, v.x1 - gx - lw, v.x0 + gx};
  const double cy[8] = {v.y1 - gy - lh, v.y1 - gy - lh, v.y0 + gy, v.y0 + gy, v.y1 - gy - lh, v.y0 + gy, my, my};
  L->legend_entry_w = ew;
  for (int k = 0; k < 8; k++) {
    plot_rect r = {cx[k], cy[k], cx[k] + lw, cy[k] + lh};
    plot_rect grown = {r.x0 - gx, r.y0 - gy, r.x1 + gx, r.y1 + gy};
    if (inside(r, v) && covered(p, L, grown) == 0) {
      L->legend = r;
      L->legend_cols = 1;
      return;
    }
  }
  size_t cols = (size_t)floor((1.0 - 2 * PLOT_CH * L->aspect) / ew);
  cols = cols < 1 ? 1 : cols > L->legend_entries ? L->legend_entries : cols;
  size_t rows = (L->legend_entries + cols - 1) / cols;
  double h = rows * plot_legend_row() + 2 * pad;
  viewport(p, L, h + 0.6 * PLOT_CH);
  double w = cols * ew + 2 * pad * L->aspect, y0 = 0.9 * PLOT_CH + note_lines(L) * 1.8 * PLOT_NOTE_SCALE * PLOT_CH;
  double x0 = 0.5 * (L->view.x0 + L->view.x1 - w);
  if (x0 < 0.01) x0 = 0.01;
  L->legend = (plot_rect){x0, y0, x0 + w, y0 + h};
  L->legend_below = 1;
  L->legend_cols = cols;
}

/* Vertical marker labels, written upwards and ending near the top of the plot area left of
 * their line; one that would touch an earlier one (or the legend) moves down below it, and to
 * the right of its line when there is no room left. */
static void place_marks(const limen_plot *p, plot_layout *L) {
  double ch = PLOT_LABEL_SCALE * PLOT_CH, bw = 1.35 * ch * L->aspect, g = 0.4 * ch;
  for (size_t m = 0; m < p->n_markers; m++) {
    const limen_plot_marker *M = &p->markers[m];
    if (!M->label || !M->label[0] || !plot_usable(M->x, p->xlog)) continue;
    double x = plot_page_x(L, plot_tr(M->x, p->xlog)), len = plot_text_width(M->label, ch);
    plot_marker_at *a = &L->marks[L->n_marks];
    for (int side = 0; side < 2; side++) {
      double x0 = side ? x + g * L->aspect : x - g * L->aspect - bw, top = L->view.y1 - g;
      for (int moved = 1; moved;) {
        moved = 0;
        a->box = (plot_rect){x0, top - len, x0 + bw, top};
        for (size_t k = 0; k < L->n_marks; k++)
          if (overlap(a->box, L->marks[k].box)) top = L->marks[k].box.y0 - g, moved = 1;
        if (!L->legend_below && L->legend_entries && overlap(a->box, L->legend))
          top = L->legend.y0 - g, moved = 1;
      }
      a->marker = m;
      a->x = x0 + 0.5 * bw;
      a->ytop = top;
      if (a->box.y0 >= L->view.y0) break;
    }
    L->n_marks++;
  }
}

/* The symbol of a labelled point, page fractions. */
static plot_rect point_box(const plot_layout *L, double x, double y) {
  double r = 0.55 * PLOT_CH;
  return (plot_rect){x - r * L->aspect, y - r, x + r * L->aspect, y + r};
}

/* Total overlap of a candidate label box with everything placed so far. */
static double clash(const plot_layout *L, plot_rect b, const plot_rect *pts, size_t npts) {
  double a = 0;
  for (size_t k = 0; k < npts; k++) a += overlap_area(b, pts[k]);
  for (size_t k = 0; k < L->n_labels; k++) a += overlap_area(b, L->labels[k].box);
  for (size_t k = 0; k < L->n_marks; k++) a += overlap_area(b, L->marks[k].box);
  if (!L->legend_below && L->legend_entries) a += overlap_area(b, L->legend);
  if (!inside(b, L->view)) a += 1.0; /* outside the plot area: worse than any overlap */
  return a;
}

/* One point label at the nearest free place: eight directions at the first distance, then
 * farther out (with a leader line) only when every place nearer overlaps another text. */
static void place_label(const limen_plot *p, const plot_layout *L, plot_label_at *a, const char *text,
                        const plot_rect *pts, size_t npts) {
  static const double dir[8][2] = {{1, 0}, {-1, 0}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {0, 1}, {0, -1}};
  double ch = PLOT_LABEL_SCALE * PLOT_CH, tw = plot_text_width(text, ch) * L->aspect, th = 1.5 * ch;
  double best = HUGE_VAL, best_hard = HUGE_VAL;
  for (int ring = 0; ring < 3 && best_hard > 0; ring++) {
    double r = (0.8 + 1.6 * ring) * PLOT_CH;
    for (int d = 0; d < 8; d++) {
      double cx = a->px + dir[d][0] * r * L->aspect, cy = a->py + dir[d][1] * r * (ring ? 1.0 : 0.7);
      double x0 = dir[d][0] > 0 ? cx : dir[d][0] < 0 ? cx - tw : cx - 0.5 * tw;
      double y0 = dir[d][1] > 0 ? cy : dir[d][1] < 0 ? cy - th : cy - 0.5 * th;
      plot_rect b = {x0, y0, x0 + tw, y0 + th};
      /* over a curve is allowed, a free place preferred: a penalty per sample covered that is
       * smaller than any overlap of two texts */
      double hard = clash(L, b, pts, npts), c = hard + 1e-7 * (double)covered(p, L, b);
      if (c < best) {
        best = c;
        best_hard = hard;
        a->box = b;
        a->x = x0;
        a->y = y0 + 0.5 * th;
        a->leader = ring > 0;
      }
    }
  }
}

static void place_labels(const limen_plot *p, plot_layout *L, plot_rect *pts) {
  size_t npts = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t s = 0; s < p->n_series; s++) {
      const limen_plot_series *S = &p->series[s];
      for (size_t i = 0; S->point_labels && i < S->n; i++) {
        if (!S->point_labels[i] || !S->point_labels[i][0]) continue;
        if (!plot_usable(S->x[i], p->xlog) || !plot_usable(S->y[i], p->ylog)) continue;
        double x = plot_page_x(L, plot_tr(S->x[i], p->xlog)), y = plot_page_y(L, plot_tr(S->y[i], p->ylog));
        if (pass == 0) {
          pts[npts++] = point_box(L, x, y);
          continue;
        }
        plot_label_at *a = &L->labels[L->n_labels];
        *a = (plot_label_at){.series = s, .point = i, .px = x, .py = y};
        place_label(p, L, a, S->point_labels[i], pts, npts);
        L->n_labels++;
      }
    }
}

static size_t count_point_labels(const limen_plot *p) {
  size_t n = 0;
  for (size_t s = 0; s < p->n_series; s++)
    for (size_t i = 0; p->series[s].point_labels && i < p->series[s].n; i++) n += p->series[s].point_labels[i] != NULL;
  return n;
}

int plot_layout_make(const limen_plot *p, int w, int h, plot_layout *L, limen_error *err) {
  memset(L, 0, sizeof *L);
  L->w = w;
  L->h = h;
  L->aspect = (double)h / w;
  plot_axis_window(p, 1, &L->wx0, &L->wx1, &L->xstep);
  plot_axis_window(p, 0, &L->wy0, &L->wy1, &L->ystep);
  if (wrap_note(p, L)) return limen_error_set(err, LIMEN_ENOMEM, "limen_plot_write", "out of memory");
  size_t nl = count_point_labels(p);
  L->labels = calloc(nl + 1, sizeof *L->labels);
  L->marks = calloc(p->n_markers + 1, sizeof *L->marks);
  plot_rect *pts = calloc(nl + 1, sizeof *pts);
  if (!L->labels || !L->marks || !pts) {
    free(pts);
    plot_layout_free(L);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_plot_write", "out of memory");
  }
  place_legend(p, L);
  place_marks(p, L);
  place_labels(p, L, pts);
  free(pts);
  return LIMEN_OK;
}

void plot_layout_free(plot_layout *L) {
  free(L->labels);
  free(L->marks);
  free(L->note);
  L->labels = NULL;
  L->marks = NULL;
  L->note = NULL;
}
