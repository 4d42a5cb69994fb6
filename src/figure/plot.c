/* SPDX-License-Identifier: GPL-3.0-or-later
 * plot.c: line/point charts written to PNG or SVG files through PLplot's cairo devices
 * (figure.h).  Nothing is printed: PLplot errors are captured with plsError. */
#include "limen/figure.h"

#include <errno.h>
#include <math.h>
#include <plplot/plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/fault.h"
#include "limen/outfile.h"

#define N_PALETTE 12
/* A palette readable on white and for colour-blind readers (Okabe & Ito 2008, plus darks). */
static const int palette[N_PALETTE][3] = {
    {0, 114, 178},   {213, 94, 0},   {0, 158, 115},  {204, 121, 167}, {230, 159, 0},  {86, 180, 233},
    {0, 0, 0},       {153, 0, 0},    {128, 128, 0},  {0, 0, 128},     {140, 80, 20},  {110, 110, 110}};
#define BASE_CHR 0.8 /* character height scale */
enum { COL_BG = 0, COL_FG = 1, COL_GRID = 2, COL_MARK = 3, COL_SERIES = 4 };

int limen_plot_device_for(const char *path, const char **device, limen_error *err) {
  if (!path || !*path) return limen_error_set(err, LIMEN_EINVAL, __func__, "output path is empty: expected FILE.png or FILE.svg");
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (dot && (!slash || dot > slash)) {
    if (strcasecmp(dot, ".png") == 0) {
      *device = "pngcairo";
      return LIMEN_OK;
    }
    if (strcasecmp(dot, ".svg") == 0) {
      *device = "svgcairo";
      return LIMEN_OK;
    }
  }
  return limen_error_set(err, LIMEN_EINVAL, __func__, "output file '%s': allowed extensions .png, .svg", path);
}

static int usable(double v, int logscale) { return isfinite(v) && (!logscale || v > 0); }
static double tr(double v, int logscale) { return logscale ? log10(v) : v; }

/* Is `name` among PLplot's file devices? */
static int have_device(const char *name) {
  /* The caller provides the arrays; n is their capacity on input, the count on output. */
  enum { CAP = 128 };
  const char *menu_store[CAP], *dev_store[CAP];
  const char **menu = menu_store, **devs = dev_store;
  int n = CAP;
  plgFileDevs(&menu, &devs, &n);
  for (int i = 0; i < n && i < CAP; i++)
    if (devs[i] && strcmp(devs[i], name) == 0) return 1;
  return 0;
}

/* Axis range over every usable value; log axes snap to whole decades. */
static void axis_range(const limen_plot *p, int want_x, double *lo, double *hi) {
  int logscale = want_x ? p->xlog : p->ylog;
  double a = HUGE_VAL, b = -HUGE_VAL;
  for (size_t s = 0; s < p->n_series; s++) {
    const limen_plot_series *S = &p->series[s];
    for (size_t i = 0; i < S->n; i++) {
      double x = S->x[i], y = S->y[i];
      if (!usable(x, p->xlog) || !usable(y, p->ylog)) continue;
      double v = tr(want_x ? x : y, logscale);
      if (v < a) a = v;
      if (v > b) b = v;
    }
  }
  if (want_x)
    for (size_t m = 0; m < p->n_markers; m++)
      if (usable(p->markers[m].x, logscale)) {
        double v = tr(p->markers[m].x, logscale);
        if (v < a) a = v;
        if (v > b) b = v;
      }
  if (logscale) {
    a = floor(a + 1e-9);
    b = ceil(b - 1e-9);
    if (b <= a) {
      a -= 1;
      b += 1;
    }
  } else {
    double span = b - a;
    if (span <= 0) span = fabs(a) > 0 ? fabs(a) : 1;
    a -= 0.05 * span;
    b += 0.05 * span;
  }
  *lo = a;
  *hi = b;
}

/* Draw the usable runs of a series as lines. */
static void draw_lines(const limen_plot *p, const limen_plot_series *S, PLFLT *bx, PLFLT *by) {
  size_t k = 0;
  for (size_t i = 0; i <= S->n; i++) {
    int ok = i < S->n && usable(S->x[i], p->xlog) && usable(S->y[i], p->ylog);
    if (ok) {
      bx[k] = tr(S->x[i], p->xlog);
      by[k] = tr(S->y[i], p->ylog);
      k++;
    } else {
      if (k >= 2) plline((PLINT)k, bx, by);
      k = 0;
    }
  }
}

static const char *const SYMBOL = "#(840)"; /* Hershey filled circle */

static void draw_points(const limen_plot *p, const limen_plot_series *S, double xspan) {
  for (size_t i = 0; i < S->n; i++) {
    if (!usable(S->x[i], p->xlog) || !usable(S->y[i], p->ylog)) continue;
    PLFLT x = tr(S->x[i], p->xlog), y = tr(S->y[i], p->ylog);
    plstring(1, &x, &y, SYMBOL);
    if (S->point_labels && S->point_labels[i] && S->point_labels[i][0]) {
      plschr(0, 0.8 * BASE_CHR);
      plptex(x + 0.012 * xspan, y, 1, 0, 0, S->point_labels[i]);
      plschr(0, BASE_CHR);
    }
  }
}

/* The file PLplot wrote is whole: a PNG from its signature to its IEND chunk, an SVG from "<"
 * to its closing "</svg>" — a full disk leaves a file cut short, which is refused here (the
 * temporary is then removed and the old figure, if any, stays). */
static int check_output(const char *tmp, const char *device, limen_error *err) {
  static const char *const fn = "limen_plot_write";
  FILE *f = fopen(tmp, "rb");
  if (!f) return limen_error_set(err, LIMEN_EIO, fn, "PLplot produced no file '%s'", tmp);
  unsigned char head[8] = {0}, tail[64] = {0};
  size_t n = fread(head, 1, sizeof head, f), m = 0;
  long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
  if (size >= 0) {
    long from = size > (long)sizeof tail ? size - (long)sizeof tail : 0;
    if (fseek(f, from, SEEK_SET) == 0) m = fread(tail, 1, sizeof tail, f);
  }
  fclose(f);
  static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
  if (strcmp(device, "pngcairo") == 0) {
    if (n < 8 || memcmp(head, png, 8) != 0 || m < 12 || memcmp(tail + m - 12, iend, 12) != 0)
      return limen_error_set(err, LIMEN_EIO, fn, "PLplot wrote no whole PNG into '%s' (%ld bytes; is the disk full?)",
                             tmp, size);
    return LIMEN_OK;
  }
  tail[m < sizeof tail ? m : sizeof tail - 1] = '\0';
  if (n < 5 || head[0] != '<' || !strstr((const char *)tail, "</svg>"))
    return limen_error_set(err, LIMEN_EIO, fn, "PLplot wrote no whole SVG into '%s' (%ld bytes; is the disk full?)",
                           tmp, size);
  return LIMEN_OK;
}

/* The temporary cut to half its size, as PLplot leaves it when the disk fills while it writes. */
static void cut_short(const char *tmp) {
  struct stat st;
  if (stat(tmp, &st) == 0 && truncate(tmp, st.st_size / 2) != 0) unlink(tmp);
}

/* The description checked: sizes, series data and colours, at least one point to draw.
 * *nmax gets the longest series (the size of the line buffers). */
static int check_plot(const limen_plot *p, int *w, int *h, size_t *nmax, limen_error *err) {
  static const char *const fn = "limen_plot_write";
  if (!p || (p->n_series && !p->series) || (p->n_markers && !p->markers))
    return limen_error_set(err, LIMEN_EINVAL, fn, "no plot description");
  *w = p->width_px ? p->width_px : 1200;
  *h = p->height_px ? p->height_px : 800;
  if (*w < 200 || *w > 10000 || *h < 150 || *h > 10000)
    return limen_error_set(err, LIMEN_EINVAL, fn, "size %d x %d px: allowed [200, 10000] x [150, 10000]", *w, *h);
  size_t npts = 0;
  *nmax = 1;
  for (size_t i = 0; i < p->n_series; i++) {
    const limen_plot_series *S = &p->series[i];
    if (S->n && (!S->x || !S->y)) return limen_error_set(err, LIMEN_EINVAL, fn, "series %zu has no data", i);
    if (S->color < 0 || S->color > N_PALETTE)
      return limen_error_set(err, LIMEN_EINVAL, fn, "series %zu: color = %d: allowed range [0, %d]", i, S->color,
                             N_PALETTE);
    for (size_t k = 0; k < S->n; k++) npts += usable(S->x[k], p->xlog) && usable(S->y[k], p->ylog);
    if (S->n > *nmax) *nmax = S->n;
  }
  if (npts == 0)
    return limen_error_set(err, LIMEN_EINVAL, fn, "nothing to draw: no finite point%s",
                           p->xlog || p->ylog ? " (log axes need positive values)" : "");
  return LIMEN_OK;
}

/* The legend's columns, one entry per labelled series. */
typedef struct legend {
  size_t n;
  PLINT *opt, *colors, *styles, *nsym;
  PLFLT *widths, *sscale;
  const char **text, **syms;
} legend;

static void legend_free(legend *l) {
  free(l->opt);
  free(l->colors);
  free(l->styles);
  free(l->nsym);
  free(l->widths);
  free(l->sscale);
  free(l->text);
  free(l->syms);
}

static int legend_alloc(legend *l, size_t n) {
  memset(l, 0, sizeof *l);
  l->opt = calloc(n, sizeof *l->opt);
  l->colors = calloc(n, sizeof *l->colors);
  l->styles = calloc(n, sizeof *l->styles);
  l->nsym = calloc(n, sizeof *l->nsym);
  l->widths = calloc(n, sizeof *l->widths);
  l->sscale = calloc(n, sizeof *l->sscale);
  l->text = calloc(n, sizeof *l->text);
  l->syms = calloc(n, sizeof *l->syms);
  return l->opt && l->colors && l->styles && l->nsym && l->widths && l->sscale && l->text && l->syms;
}

/* A new PLplot stream on `device` writing `file`, the palette set, initialized. */
static void open_stream(const char *device, const char *file, int w, int h, PLINT *plerr, char *plmsg) {
  PLINT stream = 0;
  plmkstrm(&stream);
  plsError(plerr, plmsg);
  plsdev(device);
  plsfnam(file);
  plspage(0.0, 0.0, w, h, 0, 0);
  plscmap0n(COL_SERIES + N_PALETTE);
  plscol0(COL_BG, 255, 255, 255);
  plscol0(COL_FG, 0, 0, 0);
  plscol0(COL_GRID, 215, 215, 215);
  plscol0(COL_MARK, 150, 150, 150);
  for (int i = 0; i < N_PALETTE; i++) plscol0(COL_SERIES + i, palette[i][0], palette[i][1], palette[i][2]);
  plinit();
}

/* Log axes spanning more than 12 decades: a label every k-th decade, k = ⌈span/12⌉. */
static void decade_labels(int x_axis, double lo, double hi) {
  char lab[32];
  double span = hi - lo;
  int k = (int)ceil(span / 12);
  for (int d = (int)lo; d <= (int)hi; d++)
    if ((d - (int)lo) % k == 0) {
      snprintf(lab, sizeof lab, "10#u%d#d", d);
      if (x_axis) plmtex("b", 1.6, (d - lo) / span, 0.5, lab);
      else plmtex("lv", 0.6, (d - lo) / span, 1.0, lab);
    }
}

/* The viewport, grid, frame, axis labels and title. */
static void draw_frame(const limen_plot *p, double x0, double x1, double y0, double y1) {
  pladv(0);
  plschr(0, BASE_CHR);
  plvpor(0.08, 0.64, 0.14, 0.90);
  plwind(x0, x1, y0, y1);
  /* grid first, then the frame and labels on top */
  plcol0(COL_GRID);
  plwidth(1.0);
  /* Log axes label every decade; beyond 12 decades only every k-th one (labels drawn here). */
  int xman = p->xlog && x1 - x0 > 12, yman = p->ylog && y1 - y0 > 12;
  plbox(p->xlog ? "gl" : "g", 0, 0, p->ylog ? "gl" : "g", 0, 0);
  plcol0(COL_FG);
  plbox(p->xlog ? (xman ? "bcstl" : "bcnstl") : "bcnst", 0, 0, p->ylog ? (yman ? "bcstl" : "bcnstlv") : "bcnstv", 0, 0);
  if (xman) decade_labels(1, x0, x1);
  if (yman) decade_labels(0, y0, y1);
  if (p->xlabel) plmtex("b", 3.0, 0.5, 0.5, p->xlabel);
  if (p->ylabel) plmtex("l", 4.2, 0.5, 0.5, p->ylabel);
  if (p->title) {
    plschr(0, 1.3 * BASE_CHR);
    plmtex("t", 1.5, 0.5, 0.5, p->title);
    plschr(0, BASE_CHR);
  }
}

/* Markers: dashed vertical lines, label written upwards near the top. */
static void draw_markers(const limen_plot *p, double x0, double x1, double y0, double y1) {
  double xspan = x1 - x0, yspan = y1 - y0;
  for (size_t m = 0; m < p->n_markers; m++) {
    if (!usable(p->markers[m].x, p->xlog)) continue;
    PLFLT mx[2], my[2];
    mx[0] = mx[1] = tr(p->markers[m].x, p->xlog);
    my[0] = y0;
    my[1] = y1;
    plcol0(COL_MARK);
    pllsty(2);
    plline(2, mx, my);
    pllsty(1);
    if (p->markers[m].label) {
      plschr(0, 0.75 * BASE_CHR);
      plptex(mx[0] - 0.008 * xspan, y1 - 0.02 * yspan, 0, 1, 1, p->markers[m].label);
      plschr(0, BASE_CHR);
    }
  }
}

/* Every series, in order, and its legend entry when labelled. */
static void draw_series(const limen_plot *p, PLFLT *bx, PLFLT *by, double xspan, legend *l) {
  size_t auto_color = 0;
  for (size_t i = 0; i < p->n_series; i++) {
    const limen_plot_series *S = &p->series[i];
    int c = S->color ? S->color - 1 : (int)(auto_color++ % N_PALETTE);
    plcol0(COL_SERIES + c);
    int lines = S->style != LIMEN_PLOT_POINTS;
    int points = S->style == LIMEN_PLOT_POINTS || S->style == LIMEN_PLOT_LINE_POINTS;
    if (lines) {
      plwidth(2.0);
      pllsty(S->style == LIMEN_PLOT_DASHED ? 2 : 1);
      draw_lines(p, S, bx, by);
      pllsty(1);
      plwidth(1.0);
    }
    if (points) draw_points(p, S, xspan);
    if (!S->label || !S->label[0]) continue;
    size_t k = l->n++;
    l->opt[k] = (lines ? PL_LEGEND_LINE : 0) | (points ? PL_LEGEND_SYMBOL : 0);
    l->colors[k] = COL_SERIES + c;
    l->styles[k] = S->style == LIMEN_PLOT_DASHED ? 2 : 1;
    l->widths[k] = 2.0;
    l->sscale[k] = 1.0;
    l->nsym[k] = 1;
    l->syms[k] = SYMBOL;
    l->text[k] = S->label;
  }
}

/* The legend right of the chart, and the note (a line of assumptions) at the bottom of the page. */
static void draw_legend_note(const limen_plot *p, const legend *l) {
  if (l->n) {
    PLFLT lw = 0, lh = 0;
    PLINT *tcol = calloc(l->n, sizeof *tcol);
    if (tcol) {
      for (size_t i = 0; i < l->n; i++) tcol[i] = COL_FG;
      plschr(0, 0.9 * BASE_CHR);
      pllegend(&lw, &lh, PL_LEGEND_BACKGROUND | PL_LEGEND_BOUNDING_BOX, PL_POSITION_RIGHT | PL_POSITION_OUTSIDE,
               0.02, 0.0, 0.06, COL_BG, COL_FG, 1, (PLINT)l->n, 1, (PLINT)l->n, l->opt, 0.8, 0.75, 2.0, 0.0, tcol,
               l->text, NULL, NULL, NULL, NULL, l->colors, l->styles, l->widths, l->colors, l->sscale, l->nsym,
               l->syms);
      plschr(0, BASE_CHR);
      free(tcol);
    }
  }
  if (!p->note) return;
  plvpor(0.0, 1.0, 0.0, 1.0);
  plwind(0.0, 1.0, 0.0, 1.0);
  plcol0(COL_FG);
  plschr(0, 0.8 * BASE_CHR);
  char line[1024];
  const char *nl = strchr(p->note, '\n');
  if (nl && (size_t)(nl - p->note) < sizeof line) { /* two lines: the first above */
    memcpy(line, p->note, (size_t)(nl - p->note));
    line[nl - p->note] = '\0';
    plmtex("b", -2.8, 0.01, 0.0, line);
    plmtex("b", -1.2, 0.01, 0.0, nl + 1);
  } else {
    plmtex("b", -1.2, 0.01, 0.0, p->note);
  }
  plschr(0, BASE_CHR);
}

/* Draw into tmp; 0, or LIMEN_EIO with PLplot's message. */
static int draw(const limen_plot *p, const char *device, const char *tmp, int w, int h, PLFLT *bx, PLFLT *by,
                legend *l, limen_error *err) {
  PLINT plerr = 0;
  char plmsg[1024] = "";
  open_stream(device, tmp, w, h, &plerr, plmsg);
  if (!plerr) {
    double x0, x1, y0, y1;
    axis_range(p, 1, &x0, &x1);
    axis_range(p, 0, &y0, &y1);
    draw_frame(p, x0, x1, y0, y1);
    draw_markers(p, x0, x1, y0, y1);
    draw_series(p, bx, by, x1 - x0, l);
    if (!plerr) draw_legend_note(p, l);
  }
  int failed_early = plerr != 0;
  plend1();
  if (!plerr) return LIMEN_OK;
  return limen_error_set(err, LIMEN_EIO, "limen_plot_write", "PLplot: %s",
                         plmsg[0] ? plmsg : failed_early ? "initialisation failed" : "drawing failed");
}

int limen_plot_write(const limen_plot *p, const char *path, limen_error *err) {
  const char *device = NULL;
  int w = 0, h = 0;
  size_t nmax = 1;
  int s = limen_plot_device_for(path, &device, err);
  if (!s) s = limen_output_path_check(path, LIMEN_OUTPUT_FILE, "figure", err);
  if (!s) s = check_plot(p, &w, &h, &nmax, err);
  if (s) return s;
  if (!have_device(device))
    return limen_error_set(err, LIMEN_EIO, __func__, "PLplot device '%s' is not available (install the cairo driver)",
                           device);
  /* Make sure the file can be written before PLplot tries (PLplot would prompt on failure). */
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "output path too long");
  FILE *probe = limen_io_fault_hit(LIMEN_IO_OPEN) ? NULL : fopen(tmp, "wb");
  if (!probe || fclose(probe) != 0)
    return limen_error_set(err, LIMEN_EIO, __func__, "cannot write '%s': %s", path, strerror(errno));
  PLFLT *bx = malloc(nmax * sizeof *bx), *by = malloc(nmax * sizeof *by);
  legend l;
  if (!legend_alloc(&l, p->n_series + 1) || !bx || !by) s = limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  if (!s) s = draw(p, device, tmp, w, h, bx, by, &l, err);
  if (!s && limen_io_fault_hit(LIMEN_IO_WRITE)) cut_short(tmp); /* a test's full disk (fault.h) */
  if (!s) s = check_output(tmp, device, err);
  if (!s) s = limen_file_commit(tmp, path, err); /* synced and renamed; removed on failure */
  if (s) unlink(tmp);
  free(bx);
  free(by);
  legend_free(&l);
  return s;
}
