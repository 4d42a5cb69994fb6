/* SPDX-License-Identifier: GPL-3.0-or-later
 * figure_out.c: where `limen figure` writes: --out FILE.png|.svg|.pdf is that one file;
 * --out DIR (an existing directory, a path ending in '/' or one without an extension) is a
 * directory that gets the figure in every format — DIR/<kind>.png, .svg and .pdf, or only
 * --format's —, the numbers behind it (DIR/<kind>-points.json and .csv: limen_plot_data_json; not
 * <kind>.csv, which for a sweep is the input's own name) and the
 * manifest of --out (out_set.c), like the --out directories of the other commands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/figure_sweep.h"
#include "cli/options.h"
#include "limen/report.h"

/* A file: a name ending in .png, .svg or .pdf (an existing directory of that name is refused as
 * such).  A directory: an existing one, a path ending in '/', or a last component without an
 * extension ("results").  "fig.jpg" stays a file name, refused for its extension. */
int cli_figure_out_is_dir(const char *out) {
  size_t n = strlen(out);
  const char *dot = strrchr(out, '.'), *slash = strrchr(out, '/');
  int has_ext = dot && !(slash && slash > dot);
  if (has_ext && (strcmp(dot, ".png") == 0 || strcmp(dot, ".svg") == 0 || strcmp(dot, ".pdf") == 0)) return 0;
  struct stat st;
  if (stat(out, &st) == 0) return S_ISDIR(st.st_mode);
  return (n && out[n - 1] == '/') || !has_ext;
}

/* mkdir -p for the directory of --out DIR. */
static int make_dir(const char *dir, limen_error *err) {
  char buf[4096];
  if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf) return cli_error(err, LIMEN_EINVAL, "--out: too long");
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/') continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST) break;
    *p = '/';
  }
  struct stat st;
  if ((mkdir(buf, 0777) != 0 && errno != EEXIST) || stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
    return cli_error(err, LIMEN_EIO, "--out = '%s': not a directory that can be made (%s)", dir, strerror(errno));
  return LIMEN_OK;
}

/* DIR/<stem>-points.json and .csv: every point of the plot, its error bar and label. */
static int write_data(const limen_plot *plot, const char *dir, const char *stem, limen_error *err) {
  char *json = NULL, *csv = NULL, name[256];
  int st = limen_plot_data_json(plot, &json, err);
  if (!st) st = limen_report_json_csv(json, "points", &csv, err);
  if (!st && snprintf(name, sizeof name, "%s-points.json", stem) >= (int)sizeof name)
    st = cli_error(err, LIMEN_EINVAL, "--out: file name too long");
  if (!st) st = cli_write_file_atomic(dir, name, json, err);
  if (!st) snprintf(name, sizeof name, "%s-points.csv", stem);
  if (!st) st = cli_write_file_atomic(dir, name, csv, err);
  limen_free(json);
  limen_free(csv);
  return st;
}

int cli_figure_write(const limen_plot *plot, const char *out, const char *format, const char *stem, limen_error *err) {
  if (!cli_figure_out_is_dir(out)) return limen_plot_write_as(plot, out, format, err);
  int st = make_dir(out, err);
  if (!st) st = write_data(plot, out, stem, err);
  static const char *const all[] = {"png", "svg", "pdf"};
  for (size_t i = 0; !st && i < sizeof all / sizeof all[0]; i++) {
    if (format && strcmp(format, all[i]) != 0) continue;
    char name[256], path[4352];
    snprintf(name, sizeof name, "%s.%s", stem, all[i]);
    if (snprintf(path, sizeof path, "%s/%s", out, name) >= (int)sizeof path)
      return cli_error(err, LIMEN_EINVAL, "--out: path too long");
    st = cli_out_register(out, name, err);
    if (!st) st = limen_plot_write_as(plot, path, all[i], err);
  }
  return st;
}
