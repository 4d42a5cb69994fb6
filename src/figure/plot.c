/* SPDX-License-Identifier: GPL-3.0-or-later
 * plot.c: line/point charts written to PNG (pngcairo), SVG (PLplot's svg driver: text as
 * <text>) or PDF (pdfcairo) files (figure.h), drawn from the layout of plot_layout.c.  Nothing
 * is printed: PLplot errors are captured with plsError. */
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

#include "figure/plot_layout.h"
#include "io/fault.h"
#include "limen/outfile.h"

#define N_PALETTE 12
/* A palette readable on white and for colour-blind readers (Okabe & Ito 2008, plus darks). */
static const int palette[N_PALETTE][3] = {
    {0, 114, 178},   {213, 94, 0},   {0, 158, 115},  {204, 121, 167}, {230, 159, 0},  {86, 180, 233},
    {0, 0, 0},       {153, 0, 0},    {128, 128, 0},  {0, 0, 128},     {140, 80, 20},  {110, 110, 110}};
enum { COL_BG = 0, COL_FG = 1, COL_GRID = 2, COL_MARK = 3, COL_SERIES = 4 };

/* Marker shapes, one per series in turn — circle, square, triangle, diamond, triangle down,
 * filled, then the same open — drawn as polygons (exactly centred on every device), and dash
 * patterns (marks and spaces in µm): solid series take the first family, dashed (reference)
 * series the second. */
enum { N_SHAPES = 10 };
typedef struct dash {
  int n;
  PLINT mark[3], space[3];
} dash;
static const dash SOLID_DASHES[4] = {{0, {0}, {0}}, {2, {4000, 800}, {1200, 1200}}, {1, {800}, {1000}},
                                     {3, {4000, 800, 800}, {1000, 1000, 1000}}};
static const dash REF_DASHES[3] = {{1, {3000}, {1500}}, {1, {6000}, {2000}}, {2, {4500, 1200}, {1200, 1200}}};

static const struct {
  const char *ext, *device;
} FORMATS[] = {{"png", "pngcairo"}, {"svg", "svg"}, {"pdf", "pdfcairo"}};

const char *limen_plot_formats(void) { return "png, svg, pdf"; }

int limen_plot_device_for_format(const char *format, const char **device, limen_error *err) {
  for (size_t i = 0; format && i < sizeof FORMATS / sizeof FORMATS[0]; i++)
    if (strcasecmp(format, FORMATS[i].ext) == 0) {
      *device = FORMATS[i].device;
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_EINVAL, __func__, "format '%s': allowed %s", format ? format : "(null)",
                         limen_plot_formats());
}

int limen_plot_device_for(const char *path, const char **device, limen_error *err) {
  if (!path || !*path)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "output path is empty: expected FILE.png, FILE.svg or FILE.pdf");
  const char *dot = strrchr(path, '.');
  const char *slash = strrchr(path, '/');
  if (dot && (!slash || dot > slash) && limen_plot_device_for_format(dot + 1, device, NULL) == LIMEN_OK)
    return LIMEN_OK;
  return limen_error_set(err, LIMEN_EINVAL, __func__, "output file '%s': allowed extensions .png, .svg, .pdf", path);
}

/* Is `name` among PLplot's devices?  (plgDevs: the svg driver is not listed by plgFileDevs,
 * though it only writes files; the names asked for come from FORMATS only.) */
static int have_device(const char *name) {
  /* The caller provides the arrays; n is their capacity on input, the count on output. */
  enum { CAP = 128 };
  const char *menu_store[CAP], *dev_store[CAP];
  const char **menu = menu_store, **devs = dev_store;
  int n = CAP;
  plgDevs(&menu, &devs, &n);
  for (int i = 0; i < n && i < CAP; i++)
    if (devs[i] && strcmp(devs[i], name) == 0) return 1;
  return 0;
}

/* The file PLplot wrote is whole: a PNG from its signature to its IEND chunk, an SVG from "<"
 * to its closing "</svg>", a PDF from "%PDF-" to "%%EOF" — a full disk leaves a file cut short,
 * which is refused here (the temporary is then removed and the old figure, if any, stays). */
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
  if (strcmp(device, "pdfcairo") == 0) {
    if (n < 5 || memcmp(head, "%PDF-", 5) != 0 || !strstr((const char *)tail, "%%EOF"))
      return limen_error_set(err, LIMEN_EIO, fn, "PLplot wrote no whole PDF into '%s' (%ld bytes; is the disk full?)",
                             tmp, size);
    return LIMEN_OK;
  }
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
    for (size_t k = 0; k < S->n; k++) npts += plot_usable(S->x[k], p->xlog) && plot_usable(S->y[k], p->ylog);
    if (S->n > *nmax) *nmax = S->n;
  }
  if (npts == 0)
    return limen_error_set(err, LIMEN_EINVAL, fn, "nothing to draw: no finite point%s",
                           p->xlog || p->ylog ? " (log axes need positive values)" : "");
  return LIMEN_OK;
}

/* ---- drawing ------------------------------------------------------------------------------- */

/* What the tick-label callback needs. */
typedef struct tick_ctx {
  const limen_plot *p;
  const plot_layout *L;
} tick_ctx;

static void tick_label(PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data) {
  const tick_ctx *t = data;
  int x = axis == PL_X_AXIS, lg = x ? t->p->xlog : t->p->ylog;
  double lo = x ? t->L->wx0 : t->L->wy0, hi = x ? t->L->wx1 : t->L->wy1, step = x ? t->L->xstep : t->L->ystep;
  if (lg && step > 1 && fmod(fabs(round(value)), step) > 0.5) { /* every step-th decade */
    label[0] = '\0';
    return;
  }
  limen_plot_tick_label(value, lg, lo, hi, step, label, (size_t)length);
}

/* Character height `scale` × the layout's base, in this device's millimetres. */
static double base_mm;
static void set_ch(double scale) { plschr(base_mm, scale); }

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
  plscol0(COL_GRID, 222, 222, 222);
  plscol0(COL_MARK, 150, 150, 150);
  for (int i = 0; i < N_PALETTE; i++) plscol0(COL_SERIES + i, palette[i][0], palette[i][1], palette[i][2]);
  plinit();
}

/* The page in page fractions (world = viewport = the whole page). */
static void page_coords(void) {
  plvpor(0.0, 1.0, 0.0, 1.0);
  plwind(0.0, 1.0, 0.0, 1.0);
}

/* A log axis shorter than 2.5 decades shows few decades: labels at 2 and 5 × 10^d as well (where
 * PLplot puts its numeric labels; the character height is the tick labels'). */
static void minor_labels(const limen_plot *p, const plot_layout *L) {
  for (int ax = 0; ax < 2; ax++) {
    int lg = ax ? p->ylog : p->xlog;
    double lo = ax ? L->wy0 : L->wx0, hi = ax ? L->wy1 : L->wx1;
    if (!lg || hi - lo >= 2.5) continue;
    char buf[64];
    for (int d = (int)floor(lo); d <= (int)ceil(hi); d++)
      for (int m = 2; m <= 5; m += 3) {
        double v = d + log10(m), at = (v - lo) / (hi - lo);
        if (at < 0.02 || at > 0.98) continue;
        limen_plot_tick_label(v, 1, lo, hi, 1, buf, sizeof buf);
        if (ax) plmtex("lv", 0.6, at, 1.0, buf);
        else plmtex("b", 1.45, at, 0.5, buf);
      }
  }
}

/* The grid, frame, tick labels, axis labels and title. */
static void draw_frame(const limen_plot *p, const plot_layout *L, tick_ctx *t) {
  const plot_rect *v = &L->view;
  plvpor(v->x0, v->x1, v->y0, v->y1);
  plwind(L->wx0, L->wx1, L->wy0, L->wy1);
  plslabelfunc(tick_label, t);
  set_ch(PLOT_TICK_SCALE);
  plcol0(COL_GRID);
  plwidth(1.0);
  double xt = p->xlog ? 0 : L->xstep, yt = p->ylog ? 0 : L->ystep;
  plbox(p->xlog ? "gl" : "g", xt, 0, p->ylog ? "gl" : "g", yt, 0);
  plcol0(COL_FG);
  /* log axes labelled every k-th decade: no minor ticks between (they would crowd) */
  plbox(p->xlog ? (L->xstep > 1 ? "bcntlo" : "bcnstlo") : "bcnsto", xt, 0,
        p->ylog ? (L->ystep > 1 ? "bcntlvo" : "bcnstlvo") : "bcnstvo", yt, 0);
  plslabelfunc(NULL, NULL);
  minor_labels(p, L);
  set_ch(1.0);
  double ytw = 0;
  char buf[64];
  for (double y = ceil(L->wy0 / L->ystep - 1e-9) * L->ystep; y <= L->wy1; y += L->ystep)
    ytw = fmax(ytw, plot_text_width(limen_plot_tick_label(y, p->ylog, L->wy0, L->wy1, L->ystep, buf, sizeof buf),
                                    PLOT_TICK_SCALE * PLOT_CH));
  if (p->xlabel) plmtex("b", 2.2 * PLOT_TICK_SCALE + 1.3, 0.5, 0.5, p->xlabel);
  if (p->ylabel) plmtex("l", ytw / PLOT_CH + 1.6, 0.5, 0.5, p->ylabel);
  if (p->title) {
    set_ch(PLOT_TITLE_SCALE);
    plmtex("t", 1.2, 0.5, 0.5, p->title);
    set_ch(1.0);
  }
}

/* Markers: dashed vertical lines across the plot area. */
static void draw_marker_lines(const limen_plot *p, const plot_layout *L) {
  plcol0(COL_MARK);
  plwidth(1.0);
  pllsty(2);
  for (size_t m = 0; m < p->n_markers; m++) {
    if (!plot_usable(p->markers[m].x, p->xlog)) continue;
    PLFLT mx[2], my[2] = {L->wy0, L->wy1};
    mx[0] = mx[1] = plot_tr(p->markers[m].x, p->xlog);
    plline(2, mx, my);
  }
  pllsty(1);
}

/* How a series looks: colour, dash pattern, marker shape, and which points get a marker. */
typedef struct look {
  int col;
  const dash *d;
  int shape;
  int lines, all_points;
} look;

static void looks(const limen_plot *p, look *lk) {
  size_t auto_color = 0, nsolid = 0, nref = 0;
  for (size_t i = 0; i < p->n_series; i++) {
    const limen_plot_series *S = &p->series[i];
    look *k = &lk[i];
    k->col = COL_SERIES + (S->color ? S->color - 1 : (int)(auto_color++ % N_PALETTE));
    k->lines = S->style != LIMEN_PLOT_POINTS;
    k->all_points = S->style == LIMEN_PLOT_POINTS || S->style == LIMEN_PLOT_LINE_POINTS || S->n <= 12;
    k->d = S->style == LIMEN_PLOT_DASHED ? &REF_DASHES[nref++ % 3] : &SOLID_DASHES[nsolid++ % 4];
    k->shape = (int)(i % N_SHAPES);
  }
}

/* Marker `shape` at (x, y) with half-sizes rx, ry in the current world units. */
static void draw_shape(int shape, int col, double x, double y, double rx, double ry) {
  PLFLT px[17], py[17];
  int n = 0, kind = shape % 5;
  if (kind == 0) {
    const double step = 0.39269908169872414; /* π/8 */
    for (n = 0; n < 16; n++) px[n] = x + rx * cos(n * step), py[n] = y + ry * sin(n * step);
  } else {
    static const double sq[4][2] = {{-.85, -.85}, {.85, -.85}, {.85, .85}, {-.85, .85}};
    static const double tu[3][2] = {{-1, -.8}, {1, -.8}, {0, 1.05}}, td[3][2] = {{-1, .8}, {1, .8}, {0, -1.05}};
    static const double di[4][2] = {{0, -1.15}, {1, 0}, {0, 1.15}, {-1, 0}};
    const double(*v)[2] = kind == 1 ? sq : kind == 2 ? tu : kind == 3 ? di : td;
    n = kind == 1 || kind == 3 ? 4 : 3;
    for (int i = 0; i < n; i++) px[i] = x + rx * v[i][0], py[i] = y + ry * v[i][1];
  }
  plcol0(shape < 5 ? col : COL_BG);
  plfill(n, px, py);
  px[n] = px[0];
  py[n] = py[0];
  plcol0(col);
  pllsty(1);
  plwidth(1.2);
  plline(n + 1, px, py);
}

static void set_dash(const dash *d) {
  if (d->n == 0) pllsty(1);
  else plstyl(d->n, d->mark, d->space);
}

/* The usable runs of a series as lines. */
static void draw_lines(const limen_plot *p, const limen_plot_series *S, PLFLT *bx, PLFLT *by) {
  size_t k = 0;
  for (size_t i = 0; i <= S->n; i++) {
    int ok = i < S->n && plot_usable(S->x[i], p->xlog) && plot_usable(S->y[i], p->ylog);
    if (ok) {
      bx[k] = plot_tr(S->x[i], p->xlog);
      by[k] = plot_tr(S->y[i], p->ylog);
      k++;
    } else {
      if (k >= 2) plline((PLINT)k, bx, by);
      k = 0;
    }
  }
}

/* Markers on every point, or on about six of a long line (shifted by the series' index so that
 * coinciding curves show each marker), and the error bars. */
static void draw_points(const limen_plot *p, const plot_layout *L, size_t s, const look *k) {
  const limen_plot_series *S = &p->series[s];
  /* a long line: markers where it first reaches six x positions evenly spread over the axis,
   * shifted by the series' index so that coinciding curves show each marker */
  double phase = ((double)s + 1) / ((double)p->n_series + 1), next = L->wx0 + phase / 6 * (L->wx1 - L->wx0);
  double rx = PLOT_SYMBOL * L->aspect / (L->view.x1 - L->view.x0) * (L->wx1 - L->wx0);
  double ry = PLOT_SYMBOL / (L->view.y1 - L->view.y0) * (L->wy1 - L->wy0);
  for (size_t i = 0; i < S->n; i++) {
    if (!plot_usable(S->x[i], p->xlog) || !plot_usable(S->y[i], p->ylog)) continue;
    PLFLT x = plot_tr(S->x[i], p->xlog), y = plot_tr(S->y[i], p->ylog);
    double e = S->yerr ? S->yerr[i] : NAN;
    if (isfinite(e) && e > 0) {
      double lo = S->y[i] - e, hi = S->y[i] + e;
      PLFLT ylo = plot_usable(lo, p->ylog) ? plot_tr(lo, p->ylog) : plot_tr(S->y[i], p->ylog) - 3;
      PLFLT yhi = plot_tr(hi, p->ylog);
      pllsty(1);
      plwidth(1.5);
      plerry(1, &x, &ylo, &yhi);
    }
    if (k->all_points) {
      draw_shape(k->shape, k->col, x, y, rx, ry);
    } else if (x >= next) {
      draw_shape(k->shape, k->col, x, y, rx, ry);
      while (next <= x) next += (L->wx1 - L->wx0) / 6;
    }
    plcol0(k->col);
  }
}

/* Every series: the solid ones first, then the dashed references on top of them. */
static void draw_series(const limen_plot *p, const plot_layout *L, const look *lk, PLFLT *bx, PLFLT *by) {
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < p->n_series; i++) {
      const limen_plot_series *S = &p->series[i];
      if ((S->style == LIMEN_PLOT_DASHED) != pass) continue;
      plcol0(lk[i].col);
      if (lk[i].lines) {
        plwidth(pass ? 2.4 : 2.0);
        set_dash(lk[i].d);
        draw_lines(p, S, bx, by);
        pllsty(1);
      }
      draw_points(p, L, i, &lk[i]);
      plwidth(1.0);
    }
}

/* Marker labels (upwards), point labels (with a thin leader line when they stand off). */
static void draw_labels(const limen_plot *p, const plot_layout *L) {
  set_ch(PLOT_LABEL_SCALE);
  plcol0(COL_MARK);
  for (size_t k = 0; k < L->n_marks; k++)
    plptex(L->marks[k].x, L->marks[k].ytop, 0, 1, 1, p->markers[L->marks[k].marker].label);
  plcol0(COL_FG);
  for (size_t k = 0; k < L->n_labels; k++) {
    const plot_label_at *a = &L->labels[k];
    if (a->leader) {
      PLFLT lx[2] = {a->px, a->x < a->px ? a->box.x1 : a->x}, ly[2] = {a->py, a->y};
      plcol0(COL_MARK);
      plwidth(0.8);
      plline(2, lx, ly);
      plcol0(COL_FG);
    }
    plptex(a->x, a->y, 1, 0, 0, p->series[a->series].point_labels[a->point]);
  }
  set_ch(1.0);
}

/* The legend box: a sample of each line with its marker, then the label. */
static void draw_legend(const limen_plot *p, const plot_layout *L, const look *lk) {
  if (!L->legend_entries) return;
  const plot_rect *r = &L->legend;
  PLFLT bx[5] = {r->x0, r->x1, r->x1, r->x0, r->x0}, by[5] = {r->y0, r->y0, r->y1, r->y1, r->y0};
  plcol0(COL_BG);
  plfill(4, bx, by);
  plcol0(COL_GRID);
  plwidth(1.0);
  plline(5, bx, by);
  double ch = PLOT_LEGEND_SCALE * PLOT_CH, pad = 0.6 * ch, row = plot_legend_row(), sw = plot_legend_sample();
  size_t rows = (L->legend_entries + L->legend_cols - 1) / L->legend_cols, e = 0;
  for (size_t i = 0; i < p->n_series; i++) {
    const limen_plot_series *S = &p->series[i];
    if (!S->label || !S->label[0]) continue;
    double x0 = r->x0 + pad * L->aspect + (double)(e / rows) * L->legend_entry_w;
    double y = r->y1 - pad - ((double)(e % rows) + 0.5) * row;
    e++;
    plcol0(lk[i].col);
    PLFLT lx[2] = {x0, x0 + sw * L->aspect}, ly[2] = {y, y}, mx = 0.5 * (lx[0] + lx[1]), my = y;
    if (lk[i].lines) {
      plwidth(S->style == LIMEN_PLOT_DASHED ? 2.4 : 2.0);
      set_dash(lk[i].d);
      plline(2, lx, ly);
      pllsty(1);
    }
    draw_shape(lk[i].shape, lk[i].col, mx, my, PLOT_SYMBOL * L->aspect, PLOT_SYMBOL);
    set_ch(PLOT_LEGEND_SCALE);
    plcol0(COL_FG);
    plptex(lx[1] + 0.8 * ch * L->aspect, y, 1, 0, 0, S->label);
  }
  plwidth(1.0);
  set_ch(1.0);
}

/* The note (lines of assumptions, wrapped by the layout) at the bottom of the page. */
static void draw_note(const plot_layout *L) {
  set_ch(PLOT_NOTE_SCALE);
  plcol0(COL_FG);
  const char *line = L->note;
  double y = 0.5 * PLOT_CH + 0.75 * PLOT_NOTE_SCALE * PLOT_CH;
  for (size_t i = 0; i < L->n_note; i++, line += strlen(line) + 1)
    plptex(0.01, y + (double)(L->n_note - 1 - i) * 1.8 * PLOT_NOTE_SCALE * PLOT_CH, 1, 0, 0, line);
  set_ch(1.0);
}

/* Draw into tmp; 0, or LIMEN_EIO with PLplot's message. */
static int draw(const limen_plot *p, const plot_layout *L, const char *device, const char *tmp, PLFLT *bx, PLFLT *by,
                look *lk, limen_error *err) {
  PLINT plerr = 0;
  char plmsg[1024] = "";
  open_stream(device, tmp, L->w, L->h, &plerr, plmsg);
  if (!plerr) {
    pladv(0);
    PLFLT sx0, sx1, sy0, sy1;
    plgspa(&sx0, &sx1, &sy0, &sy1);
    base_mm = PLOT_CH * (sy1 - sy0);
    tick_ctx t = {p, L};
    looks(p, lk);
    draw_frame(p, L, &t);
    draw_marker_lines(p, L);
    draw_series(p, L, lk, bx, by);
    page_coords();
    draw_labels(p, L);
    draw_legend(p, L, lk);
    draw_note(L);
  }
  int failed_early = plerr != 0;
  plend1();
  if (!plerr) return LIMEN_OK;
  return limen_error_set(err, LIMEN_EIO, "limen_plot_write", "PLplot: %s",
                         plmsg[0] ? plmsg : failed_early ? "initialisation failed" : "drawing failed");
}

int limen_plot_write_as(const limen_plot *p, const char *path, const char *format, limen_error *err) {
  const char *device = NULL;
  int w = 0, h = 0;
  size_t nmax = 1;
  int s = format ? limen_plot_device_for_format(format, &device, err) : limen_plot_device_for(path, &device, err);
  if (!s && (!path || !*path)) s = limen_error_set(err, LIMEN_EINVAL, __func__, "output path is empty");
  if (!s) s = limen_output_path_check(path, LIMEN_OUTPUT_FILE, "figure", err);
  if (!s) s = check_plot(p, &w, &h, &nmax, err);
  if (s) return s;
  if (!have_device(device))
    return limen_error_set(err, LIMEN_EIO, __func__,
                           "PLplot device '%s' is not available (install PLplot's cairo and svg drivers)", device);
  /* Make sure the file can be written before PLplot tries (PLplot would prompt on failure). */
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "output path too long");
  FILE *probe = limen_io_fault_hit(LIMEN_IO_OPEN) ? NULL : fopen(tmp, "wb");
  if (!probe || fclose(probe) != 0)
    return limen_error_set(err, LIMEN_EIO, __func__, "cannot write '%s': %s", path, strerror(errno));
  PLFLT *bx = malloc(nmax * sizeof *bx), *by = malloc(nmax * sizeof *by);
  look *lk = calloc(p->n_series + 1, sizeof *lk);
  plot_layout L;
  memset(&L, 0, sizeof L);
  if (!lk || !bx || !by) s = limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  if (!s) s = plot_layout_make(p, w, h, &L, err);
  if (!s) s = draw(p, &L, device, tmp, bx, by, lk, err);
  if (!s && limen_io_fault_hit(LIMEN_IO_WRITE)) cut_short(tmp); /* a test's full disk (fault.h) */
  if (!s) s = check_output(tmp, device, err);
  if (!s) s = limen_file_commit(tmp, path, err); /* synced and renamed; removed on failure */
  if (s) unlink(tmp);
  free(bx);
  free(by);
  free(lk);
  plot_layout_free(&L);
  return s;
}

int limen_plot_write(const limen_plot *p, const char *path, limen_error *err) {
  return limen_plot_write_as(p, path, NULL, err);
}

/* Append a box. */
static void box_add(limen_plot_box *b, size_t *n, limen_plot_box_kind kind, plot_rect r, const char *text) {
  b[(*n)++] = (limen_plot_box){kind, r.x0, r.y0, r.x1, r.y1, text};
}

int limen_plot_label_boxes(const limen_plot *p, limen_plot_box **boxes, size_t *n, limen_error *err) {
  int w = 0, h = 0;
  size_t nmax = 1;
  if (!boxes || !n) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *boxes = NULL;
  *n = 0;
  int s = check_plot(p, &w, &h, &nmax, err);
  plot_layout L;
  if (s || (s = plot_layout_make(p, w, h, &L, err))) return s;
  limen_plot_box *b = calloc(2 * L.n_labels + L.n_marks + 2, sizeof *b);
  if (!b) {
    plot_layout_free(&L);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  }
  box_add(b, n, LIMEN_PLOT_BOX_PLOT_AREA, L.view, NULL);
  if (L.legend_entries) box_add(b, n, LIMEN_PLOT_BOX_LEGEND, L.legend, NULL);
  for (size_t k = 0; k < L.n_marks; k++)
    box_add(b, n, LIMEN_PLOT_BOX_MARKER_LABEL, L.marks[k].box, p->markers[L.marks[k].marker].label);
  for (size_t k = 0; k < L.n_labels; k++) {
    const plot_label_at *a = &L.labels[k];
    double r = 0.55 * PLOT_CH;
    box_add(b, n, LIMEN_PLOT_BOX_POINT, (plot_rect){a->px - r * L.aspect, a->py - r, a->px + r * L.aspect, a->py + r},
            NULL);
    box_add(b, n, LIMEN_PLOT_BOX_POINT_LABEL, a->box, p->series[a->series].point_labels[a->point]);
  }
  plot_layout_free(&L);
  *boxes = b;
  return LIMEN_OK;
}
