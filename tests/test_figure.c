/* SPDX-License-Identifier: GPL-3.0-or-later
 * test_figure.c: limen_plot_write — files written through PLplot's devices, checked, and
 * every bad input rejected with a message and no file left behind. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, popen */
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "limen/figure.h"

static char dir[256];

static void make_dir(void) {
  const char *base = getenv("TMPDIR");
  snprintf(dir, sizeof dir, "%s/limen-test-figure-XXXXXX", base && *base ? base : ".");
  cr_assert_not_null(mkdtemp(dir));
}

static void remove_dir(void) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

TestSuite(figure, .init = make_dir, .fini = remove_dir);

#define NP 20
static double xs[NP], ys[NP], zs[NP];

static limen_plot sample_plot(limen_plot_series *s, limen_plot_marker *m) {
  for (int i = 0; i < NP; i++) {
    xs[i] = pow(10.0, i * 0.5);
    ys[i] = 3.0 * xs[i];
    zs[i] = 1e-3 * xs[i] * xs[i];
  }
  memset(s, 0, 2 * sizeof *s);
  s[0].label = "line";
  s[0].x = xs;
  s[0].y = ys;
  s[0].n = NP;
  s[0].style = LIMEN_PLOT_LINE;
  s[1].label = "points";
  s[1].x = xs;
  s[1].y = zs;
  s[1].n = NP;
  s[1].style = LIMEN_PLOT_LINE_POINTS;
  m[0].x = 1e3;
  m[0].label = "marker";
  limen_plot p;
  memset(&p, 0, sizeof p);
  p.title = "test";
  p.xlabel = "x [1]";
  p.ylabel = "y [J]";
  p.xlog = p.ylog = 1;
  p.series = s;
  p.n_series = 2;
  p.markers = m;
  p.n_markers = 1;
  p.note = "a note";
  return p;
}

static long file_size(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int dir_entries(void) {
  char cmd[300];
  snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
  FILE *f = popen(cmd, "r");
  int n = -1;
  if (f) {
    if (fscanf(f, "%d", &n) != 1) n = -1;
    pclose(f);
  }
  return n;
}

Test(figure, png_written_and_valid) {
  limen_plot_series s[2];
  limen_plot_marker m[1];
  limen_plot p = sample_plot(s, m);
  char path[300];
  snprintf(path, sizeof path, "%s/a.png", dir);
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_gt(file_size(path), 5000);
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f);
  unsigned char head[8];
  cr_assert_eq(fread(head, 1, 8, f), 8u);
  fclose(f);
  cr_assert_eq(memcmp(head, "\x89PNG\r\n\x1a\n", 8), 0);
  cr_assert_eq(dir_entries(), 1, "only the figure is left (no temporary file)");
}

Test(figure, svg_written) {
  limen_plot_series s[2];
  limen_plot_marker m[1];
  limen_plot p = sample_plot(s, m);
  char path[300];
  snprintf(path, sizeof path, "%s/a.SVG", dir);
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_gt(file_size(path), 1000);
}

Test(figure, device_from_extension) {
  const char *dev = NULL;
  cr_assert_eq(limen_plot_device_for("x.png", &dev, NULL), LIMEN_OK);
  cr_assert_str_eq(dev, "pngcairo");
  cr_assert_eq(limen_plot_device_for("dir.png/x.svg", &dev, NULL), LIMEN_OK);
  cr_assert_str_eq(dev, "svg", "PLplot's svg driver: text stays text");
  cr_assert_eq(limen_plot_device_for("x.PDF", &dev, NULL), LIMEN_OK);
  cr_assert_str_eq(dev, "pdfcairo");
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_plot_device_for("x.eps", &dev, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, ".png") && strstr(err.msg, ".svg") && strstr(err.msg, ".pdf"), "%s", err.msg);
  cr_assert_eq(limen_plot_device_for_format("svg", &dev, NULL), LIMEN_OK);
  cr_assert_str_eq(dev, "svg");
  cr_assert_eq(limen_plot_device_for_format("jpeg", &dev, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "png, svg, pdf"), "%s", err.msg);
  cr_assert_eq(limen_plot_device_for("png", &dev, NULL), LIMEN_EINVAL);
  cr_assert_eq(limen_plot_device_for("", &dev, NULL), LIMEN_EINVAL);
}

Test(figure, bad_inputs_rejected_without_a_file) {
  limen_plot_series s[2];
  limen_plot_marker m[1];
  limen_plot p = sample_plot(s, m);
  char path[300];
  snprintf(path, sizeof path, "%s/b.png", dir);
  limen_error err;
  limen_error_clear(&err);
  /* log axes and no positive value */
  double neg[NP];
  for (int i = 0; i < NP; i++) neg[i] = -1.0 - i;
  s[0].y = neg;
  s[1].y = neg;
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "nothing to draw"), "%s", err.msg);
  /* NaN everywhere */
  double nan_[NP];
  for (int i = 0; i < NP; i++) nan_[i] = NAN;
  s[0].y = nan_;
  s[1].y = nan_;
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_EINVAL);
  /* sizes and colours */
  p = sample_plot(s, m);
  p.width_px = 50;
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_EINVAL);
  p = sample_plot(s, m);
  s[0].color = 99;
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "color"), "%s", err.msg);
  cr_assert_eq(dir_entries(), 0, "no file left after a rejected plot");
  /* a directory that does not exist: a bad path (checked before drawing), nothing created */
  p = sample_plot(s, m);
  snprintf(path, sizeof path, "%s/missing/c.png", dir);
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "missing': No such file"), "%s", err.msg);
  /* a device or a directory where the figure belongs: refused, the device untouched */
  cr_assert_eq(limen_plot_write(&p, "/dev/null.png", &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "holds device"), "%s", err.msg);
  snprintf(path, sizeof path, "%s/sub.png", dir);
  cr_assert_eq(mkdir(path, 0700), 0);
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "is a directory, not a regular file"), "%s", err.msg);
  rmdir(path);
}

Test(figure, skips_non_finite_points) {
  limen_plot_series s[2];
  limen_plot_marker m[1];
  limen_plot p = sample_plot(s, m);
  double holes[NP];
  for (int i = 0; i < NP; i++) holes[i] = (i % 3 == 0) ? NAN : ys[i];
  s[0].y = holes;
  char path[300];
  snprintf(path, sizeof path, "%s/d.png", dir);
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_gt(file_size(path), 5000);
}

Test(figure, linear_axes) {
  limen_plot_series s[2];
  limen_plot_marker m[1];
  limen_plot p = sample_plot(s, m);
  p.xlog = p.ylog = 0;
  p.n_markers = 0;
  char path[300];
  snprintf(path, sizeof path, "%s/e.png", dir);
  limen_error err;
  limen_error_clear(&err);
  cr_assert_eq(limen_plot_write(&p, path, &err), LIMEN_OK, "%s", err.msg);
}
