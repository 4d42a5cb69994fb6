/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_figure_paper.c: figures fit for a paper — every standard figure and the sweep figure
 * written as PNG (signature … IEND), SVG (closing </svg>, its labels as <text>) and PDF
 * (%PDF- … %%EOF); the layout's text boxes of the default figures never overlap; tick labels
 * are plain numbers (expected strings written out by hand); the sweep figure's errors. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/report.h"
#include "testutil.h"

static char dir[256];

static void make_dir(void) {
  const char *base = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/limen-test-paper-XXXXXX", base && *base ? base : ".");
  cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(paper, .init = make_dir, .fini = remove_dir);

/* ---- tick labels ------------------------------------------------------------------------------ */

static const char *tick(double v, int lg, double lo, double hi, double step) {
  static char buf[64];
  return limen_plot_tick_label(v, lg, lo, hi, step, buf, sizeof buf);
}

Test(paper, tick_labels_are_plain_numbers) {
  /* linear axes: the decimals the step needs, never a common factor */
  cr_assert_str_eq(tick(0.95, 0, 0.9, 1.0, 0.05), "0.95");
  cr_assert_str_eq(tick(0.9, 0, 0.88, 0.96, 0.02), "0.90");
  cr_assert_str_eq(tick(12, 0, 0, 33, 5), "12");
  cr_assert_str_eq(tick(0, 0, -1, 1, 0.5), "0");
  cr_assert_str_eq(tick(-1e-17, 0, -1, 1, 0.5), "0", "round-off near zero is 0, not -0");
  cr_assert_str_eq(tick(-0.5, 0, -1, 1, 0.5), "-0.5");
  /* large or tiny values: mantissa and exponent */
  cr_assert_str_eq(tick(2e6, 0, 0, 1e7, 2e6), "2e6");
  cr_assert_str_eq(tick(2.5e6, 0, 0, 1e7, 5e5), "2.5e6");
  cr_assert_str_eq(tick(1e-4, 0, 0, 5e-4, 1e-4), "1e-4");
  cr_assert_str_eq(tick(3e-4, 0, 0, 5e-4, 1e-4), "3e-4");
  /* log axes within 1e-3 … 1e4: plain; wider: powers of ten */
  cr_assert_str_eq(tick(-3, 1, -3, 1, 1), "0.001");
  cr_assert_str_eq(tick(0, 1, -3, 1, 1), "1");
  cr_assert_str_eq(tick(2, 1, -1, 4, 1), "100");
  cr_assert_str_eq(tick(-3, 1, -8, 16, 3), "10#u-3#d");
  cr_assert_str_eq(tick(12, 1, 6, 16, 2), "10#u12#d");
  cr_assert_str_eq(tick(0, 1, -1, 5, 1), "10#u0#d", "an axis reaching 1e5 writes every decade as a power");
  /* between the decades of a short log axis */
  cr_assert_str_eq(tick(log10(2e-16), 1, -16.3, -14.6, 1), "2×10#u-16#d");
  cr_assert_str_eq(tick(log10(5e-5), 1, -5.1, -3.4, 1), "5×10#u-5#d");
  cr_assert_str_eq(tick(log10(0.05), 1, -2, 0, 1), "0.05");
  cr_assert_str_eq(tick(log10(200), 1, 1.5, 3, 1), "200");
}

/* ---- the figures -------------------------------------------------------------------------------- */

typedef struct figs {
  limen_catalog *cat;
  limen_profile_set *ps;
  limen_figure *f[4];
} figs;

static void figs_make(figs *F) {
  limen_error err = {0};
  memset(F, 0, sizeof *F);
  cr_assert_eq(limen_catalog_load(NULL, &F->cat, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_profiles_load(NULL, &F->ps, &err), LIMEN_OK, "%s", err.msg);
  static const limen_figure_kind kinds[4] = {LIMEN_FIGURE_PROJECTION, LIMEN_FIGURE_TRADEOFF_TIME,
                                             LIMEN_FIGURE_TRADEOFF_BITS, LIMEN_FIGURE_PER_OP};
  for (int k = 0; k < 4; k++) {
    limen_figure_config c = limen_figure_config_default(kinds[k]);
    c.profiles = F->ps;
    c.catalog = F->cat;
    if (kinds[k] == LIMEN_FIGURE_TRADEOFF_BITS) c.xmin = 4, c.xmax = 32;
    cr_assert_eq(limen_figure_alloc(&c, &F->f[k], &err), LIMEN_OK, "%s", err.msg);
  }
}

static void figs_free(figs *F) {
  for (int k = 0; k < 4; k++) limen_figure_free(F->f[k]);
  limen_catalog_free(F->cat);
  limen_profiles_free(F->ps);
}

static int boxes_overlap(const limen_plot_box *a, const limen_plot_box *b) {
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* No two boxes (legend, point labels, labelled points, marker labels) overlap; labels stay
 * in the plot area, the legend inside it or wholly below it, everything on the page. */
static void check_layout(const limen_plot *p, const char *what) {
  limen_plot_box *b = NULL;
  size_t n = 0;
  limen_error err = {0};
  cr_assert_eq(limen_plot_label_boxes(p, &b, &n, &err), LIMEN_OK, "%s: %s", what, err.msg);
  cr_assert_eq(b[0].kind, LIMEN_PLOT_BOX_PLOT_AREA);
  const limen_plot_box *area = &b[0];
  size_t labels = 0;
  for (size_t i = 1; i < n; i++) {
    cr_assert(b[i].x0 >= 0 && b[i].x1 <= 1 && b[i].y0 >= 0 && b[i].y1 <= 1, "%s: box %zu '%s' off the page", what, i,
              b[i].text ? b[i].text : "");
    if (b[i].kind == LIMEN_PLOT_BOX_LEGEND)
      cr_assert((b[i].x0 >= area->x0 && b[i].x1 <= area->x1 && b[i].y0 >= area->y0 && b[i].y1 <= area->y1) ||
                    b[i].y1 <= area->y0,
                "%s: the legend is neither inside the plot area nor below it", what);
    if (b[i].kind == LIMEN_PLOT_BOX_POINT_LABEL || b[i].kind == LIMEN_PLOT_BOX_MARKER_LABEL) {
      labels++;
      cr_assert(b[i].x0 >= area->x0 && b[i].x1 <= area->x1 && b[i].y0 >= area->y0 && b[i].y1 <= area->y1,
                "%s: label '%s' outside the plot area", what, b[i].text);
    }
    for (size_t j = 1; j < i; j++) /* two data points may coincide (gpt-3, bloom-176b); their labels not */
      cr_assert((b[i].kind == LIMEN_PLOT_BOX_POINT && b[j].kind == LIMEN_PLOT_BOX_POINT) ||
                    !boxes_overlap(&b[i], &b[j]),
                "%s: '%s' (kind %d) overlaps '%s' (kind %d)", what,
                b[i].text ? b[i].text : "-", (int)b[i].kind, b[j].text ? b[j].text : "-", (int)b[j].kind);
  }
  cr_log_info("%s: %zu boxes, %zu labels, none overlapping", what, n, labels);
  free(b);
}

Test(paper, default_figures_have_no_overprinted_labels) {
  figs F;
  figs_make(&F);
  static const char *const names[4] = {"projection", "tradeoff", "tradeoff --x bits", "per-op"};
  for (int k = 0; k < 4; k++) check_layout(limen_figure_plot(F.f[k]), names[k]);
  /* the projection labels its published models: the crowded ones near 1e11 included */
  limen_plot_box *b = NULL;
  size_t n = 0, pl = 0;
  cr_assert_eq(limen_plot_label_boxes(limen_figure_plot(F.f[0]), &b, &n, NULL), LIMEN_OK);
  for (size_t i = 0; i < n; i++) pl += b[i].kind == LIMEN_PLOT_BOX_POINT_LABEL;
  cr_assert_geq(pl, 5, "published points labelled: %zu", pl);
  free(b);
  figs_free(&F);
}

/* ---- the files ---------------------------------------------------------------------------------- */

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s missing", path);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  cr_assert_eq(fread(b, 1, (size_t)n, f), (size_t)n);
  b[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return b;
}

/* The SVG's text with character references (&#x3c4;) written as UTF-8 and the tags dropped. */
static char *svg_text(const char *s) {
  char *out = malloc(strlen(s) + 1), *w = out;
  int in_text = 0;
  while (*s) {
    if (strncmp(s, "<text", 5) == 0) in_text = 1;
    if (strncmp(s, "</text>", 7) == 0) *w++ = '\n', in_text = 0;
    if (*s == '<') {
      while (*s && *s != '>') s++;
      if (*s) s++;
      continue;
    }
    unsigned cp;
    int used;
    if (in_text && sscanf(s, "&#x%x;%n", &cp, &used) == 1) {
      if (cp < 0x80) *w++ = (char)cp;
      else if (cp < 0x800) *w++ = (char)(0xC0 | cp >> 6), *w++ = (char)(0x80 | (cp & 0x3F));
      else *w++ = (char)(0xE0 | cp >> 12), *w++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *w++ = (char)(0x80 | (cp & 0x3F));
      s += used;
      continue;
    }
    if (in_text) *w++ = *s;
    s++;
  }
  *w = '\0';
  return out;
}

/* Write p as png, svg and pdf and check each file is whole; the SVG holds `label` as text. */
static void write_all(const limen_plot *p, const char *name, const char *label) {
  static const char *const ext[3] = {"png", "svg", "pdf"};
  for (int e = 0; e < 3; e++) {
    char path[400];
    snprintf(path, sizeof path, "%s/%s.%s", dir, name, ext[e]);
    limen_error err = {0};
    cr_assert_eq(limen_plot_write(p, path, &err), LIMEN_OK, "%s: %s", path, err.msg);
    size_t n = 0;
    char *b = slurp(path, &n);
    cr_assert_gt(n, 5000, "%s: %zu bytes", path, n);
    if (e == 0) {
      cr_assert_eq(memcmp(b, "\x89PNG\r\n\x1a\n", 8), 0, "%s", path);
      cr_assert_eq(memcmp(b + n - 8, "IEND\xae\x42\x60\x82", 8), 0, "%s: no IEND at the end", path);
    } else if (e == 1) {
      cr_assert(strstr(b, "<svg") && strstr(b + n - 16, "</svg>"), "%s: not a whole SVG", path);
      cr_assert_not_null(strstr(b, "<text"), "%s: text drawn as outlines, not <text>", path);
      char *t = svg_text(b);
      cr_assert_not_null(strstr(t, label), "%s: '%s' not among its texts", path, label);
      cr_assert_null(strstr(t, "(x10"), "%s: a common factor on an axis", path);
      free(t);
    } else {
      cr_assert_eq(memcmp(b, "%PDF-", 5), 0, "%s", path);
      char tail[40] = {0};
      memcpy(tail, b + n - 32, 32);
      cr_assert_not_null(strstr(tail, "%%EOF"), "%s: no %%%%EOF at the end", path);
    }
    free(b);
  }
}

Test(paper, every_figure_in_every_format) {
  figs F;
  figs_make(&F);
  write_all(limen_figure_plot(F.f[0]), "projection", "Training energy against model size");
  write_all(limen_figure_plot(F.f[1]), "tradeoff", "lim-finite-time");
  write_all(limen_figure_plot(F.f[2]), "bits", "bits of precision n");
  write_all(limen_figure_plot(F.f[3]), "per-op", "(S) static write");
  figs_free(&F);
}

/* A long-layout sweep over two inputs, as `limen sweep --format csv` writes it. */
static const char *SWEEP_CSV =
    "# limen sweep --vary params=1e6:1e10:3:log --vary bits=8:16:2\n"
    "params,bits,paradigm,energy_J,floor_J\n"
    "1000000,8,landauer-adiabatic,0.23,0.23\n"
    "1000000,8,lim-matched,1e-9,1e-10\n"
    "1000000,16,landauer-adiabatic,0.46,0.46\n"
    "1000000,16,lim-matched,0.1,1e-8\n"
    "100000000,8,landauer-adiabatic,23,23\n"
    "100000000,8,lim-matched,1e-7,1e-8\n"
    "100000000,16,landauer-adiabatic,46,46\n"
    "100000000,16,lim-matched,10,1e-6\n"
    "10000000000,8,landauer-adiabatic,2300,2300\n"
    "10000000000,8,lim-matched,1e-5,1e-6\n"
    "10000000000,16,landauer-adiabatic,4600,4600\n"
    "10000000000,16,lim-matched,1000,1e-4\n";

Test(paper, sweep_figure_curves_axes_and_files) {
  const char *path = tu_temp_file(SWEEP_CSV);
  cr_assert_not_null(path);
  char csv[256];
  snprintf(csv, sizeof csv, "%s", path);
  limen_sweep_figure_config c = {.x = "params"};
  limen_sweep_figure *f = NULL;
  limen_error err = {0};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_OK, "%s", err.msg);
  const limen_plot *p = limen_sweep_figure_plot(f);
  /* one curve per paradigm and bits (the other swept input), energy_J by default */
  cr_assert_eq(p->n_series, 4);
  cr_assert_str_eq(p->series[0].label, "landauer-adiabatic, bits = 8");
  cr_assert_str_eq(p->series[3].label, "lim-matched, bits = 16");
  cr_assert_eq(p->series[3].n, 3);
  cr_assert_eq(p->series[3].x[2], 1e10);
  cr_assert_eq(p->series[3].y[2], 1000);
  cr_assert(p->xlog && p->ylog, "both axes span decades");
  cr_assert_str_eq(p->ylabel, "energy [J]");
  check_layout(p, "sweep");
  write_all(p, "sweep", "energy against params");
  limen_sweep_figure_free(f);
  /* x = bits spans less than two decades: linear; two y columns: two curves per group */
  static const char *const ys[2] = {"energy_J", "floor_J"};
  c = (limen_sweep_figure_config){.x = "bits", .y = ys, .n_y = 2};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_OK, "%s", err.msg);
  p = limen_sweep_figure_plot(f);
  cr_assert(!p->xlog && p->ylog);
  cr_assert_eq(p->n_series, 12, "2 paradigms x 3 params x 2 columns");
  cr_assert_str_eq(p->series[1].label, "landauer-adiabatic, params = 1000000: floor_J");
  limen_sweep_figure_free(f);
  remove(csv);
}

Test(paper, sweep_figure_errors_name_the_option) {
  const char *path = tu_temp_file(SWEEP_CSV);
  char csv[256];
  snprintf(csv, sizeof csv, "%s", path);
  limen_sweep_figure *f = NULL;
  limen_error err = {0};
  limen_sweep_figure_config c = {.x = "parms"};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_ENOTFOUND);
  cr_assert_null(f);
  cr_assert_not_null(strstr(err.msg, "x = 'parms': no column 'parms'"), "%s", err.msg);
  cr_assert_not_null(strstr(err.msg, "(did you mean 'params'?)"), "%s", err.msg);
  cr_assert_str_eq(err.field, "x");
  static const char *const bad_y[1] = {"energy"};
  c = (limen_sweep_figure_config){.x = "params", .y = bad_y, .n_y = 1};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_ENOTFOUND);
  cr_assert_not_null(strstr(err.msg, "(did you mean 'energy_J'?)"), "%s", err.msg);
  c = (limen_sweep_figure_config){.x = "paradigm"};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "holds no numbers"), "%s", err.msg);
  c = (limen_sweep_figure_config){.x = "params", .by = "params"};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "by = 'params': that is the x axis"), "%s", err.msg);
  remove(csv);
  const char *empty = tu_temp_file("# only a comment\nparams,energy_J\n");
  snprintf(csv, sizeof csv, "%s", empty);
  c = (limen_sweep_figure_config){.x = "params"};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "no rows"), "%s", err.msg);
  remove(csv);
  /* a row with a field more or less than the header, and too many columns: refused, never cut */
  const char *ragged = tu_temp_file("params,energy_J\n1,2\n3,4,5\n");
  snprintf(csv, sizeof csv, "%s", ragged);
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "row 2 has 3 fields, the header 2"), "%s", err.msg);
  remove(csv);
  char wide[2048] = "x";
  for (int k = 0; k < 70; k++) snprintf(wide + strlen(wide), sizeof wide - strlen(wide), ",c%d_J", k);
  strcat(wide, "\n");
  const char *many = tu_temp_file(wide);
  snprintf(csv, sizeof csv, "%s", many);
  c = (limen_sweep_figure_config){.x = "x"};
  cr_assert_eq(limen_sweep_figure_alloc(csv, &c, &f, &err), LIMEN_EINVAL);
  cr_assert_not_null(strstr(err.msg, "71 columns: at most 64"), "%s", err.msg);
  remove(csv);
  c = (limen_sweep_figure_config){.x = "params"};
  cr_assert_eq(limen_sweep_figure_alloc("/nonexistent/sweep.csv", &c, &f, &err), LIMEN_EIO);
}
