/* SPDX-License-Identifier: GPL-3.0-or-later
 * sweep_figure.c: the figure of a sweep (report.h, limen_sweep_figure_alloc) — the CSV that
 * `limen sweep` writes read back as a table of columns, one column on the x axis, one or more
 * on the y axis, one curve per paradigm and per value of any other swept axis, with axis labels
 * and units from the workload's input table.  Drawing is limen_plot_write's. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "limen/datafile.h"
#include "limen/report.h"

#define MAX_COLS 64
#define MAX_Y 8

struct limen_sweep_figure {
  limen_plot plot;
  limen_plot_series series[LIMEN_SWEEP_FIGURE_MAX_SERIES];
  char *text;                  /* the file, split in place into cells       */
  const char *col[MAX_COLS];   /* column names                              */
  size_t ncol, nrow;
  const char **cell;           /* nrow × ncol texts                         */
  double *num;                 /* nrow × ncol numbers (NaN: empty or text)  */
  double *xy;                  /* the series' x and y, one block per series */
  char labels[LIMEN_SWEEP_FIGURE_MAX_SERIES][160];
  char xlabel[96], ylabel[96], title[200], note[300];
};

/* Split one CSV line in place (fields optionally in double quotes, "" inside them a quote): the
 * first cap fields into out; the number of fields. */
static size_t split_line(char *line, const char **out, size_t cap) {
  size_t n = 0;
  char *r = line;
  for (;;) {
    char *w = r, *start = r;
    if (*r == '"') {
      for (r++; *r && !(*r == '"' && r[1] != '"'); r++) *w++ = *r == '"' ? *++r : *r;
      if (*r == '"') r++;
    } else {
      while (*r && *r != ',') *w++ = *r++;
    }
    int more = *r == ',';
    *w = '\0';
    if (n < cap) out[n] = start;
    n++;
    if (!more) break;
    r++;
  }
  return n;
}

static int parse_number(const char *s, double *v) {
  char *end;
  if (!*s) return 0;
  *v = strtod(s, &end);
  return *end == '\0' && isfinite(*v);
}

/* The header and the rows of the file (comment lines '#' and blank lines skipped). */
static int read_table(const char *path, limen_sweep_figure *f, limen_error *err) {
  size_t len = 0;
  int st = limen_read_text_file(path, &f->text, &len, err);
  if (st) return st;
  size_t lines = 1;
  for (size_t i = 0; i < len; i++) lines += f->text[i] == '\n';
  int header = 0;
  char *save = NULL;
  for (char *line = strtok_r(f->text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    size_t l = strlen(line);
    if (l && line[l - 1] == '\r') line[--l] = '\0';
    if (!l || line[0] == '#') continue;
    if (!header) {
      f->ncol = split_line(line, f->col, MAX_COLS);
      header = 1;
      if (f->ncol > MAX_COLS)
        return limen_error_input(err, LIMEN_EINVAL, "input", path, NULL, "input = '%s': %zu columns: at most %d",
                                 path, f->ncol, MAX_COLS);
      if (!(f->cell = calloc(lines * f->ncol, sizeof *f->cell)) || !(f->num = calloc(lines * f->ncol, sizeof *f->num)))
        return limen_error_set(err, LIMEN_ENOMEM, "limen_sweep_figure_alloc", "out of memory");
      continue;
    }
    const char **row = f->cell + f->nrow * f->ncol;
    size_t n = split_line(line, row, f->ncol);
    if (n != f->ncol)
      return limen_error_input(err, LIMEN_EINVAL, "input", path, NULL,
                               "input = '%s': row %zu has %zu fields, the header %zu: not a CSV of limen sweep",
                               path, f->nrow + 1, n, f->ncol);
    for (size_t k = 0; k < n; k++)
      if (!parse_number(row[k], &f->num[f->nrow * f->ncol + k])) f->num[f->nrow * f->ncol + k] = NAN;
    f->nrow++;
  }
  if (!f->nrow)
    return limen_error_input(err, LIMEN_EINVAL, "input", path, NULL, "input = '%s': no rows (a CSV of limen sweep "
                             "has a header line and one row per point)", path);
  return LIMEN_OK;
}

/* The index of column `name` for option `opt`, or an error naming the option and the near miss. */
static int find_col(const limen_sweep_figure *f, const char *opt, const char *name, const char *path, int numeric,
                    size_t *k, limen_error *err) {
  for (*k = 0; *k < f->ncol && strcmp(f->col[*k], name) != 0; (*k)++) {
  }
  if (*k == f->ncol) {
    char list[1024] = "", shown[1400] = "", near[128];
    for (size_t i = 0; i < f->ncol; i++) {
      size_t at = strlen(list), at2 = strlen(shown);
      snprintf(list + at, sizeof list - at, "%s%s", i ? "," : "", f->col[i]);
      snprintf(shown + at2, sizeof shown - at2, "%s%s", i ? ", " : "", f->col[i]);
    }
    limen_suggest_note(name, list, near, sizeof near);
    return limen_error_input(err, LIMEN_ENOTFOUND, opt, name, NULL, "%s = '%s': no column '%s' in '%s'%s; columns: %s",
                             opt, name, name, path, near, shown);
  }
  size_t good = 0;
  for (size_t r = 0; numeric && r < f->nrow; r++) good += isfinite(f->num[r * f->ncol + *k]);
  if (numeric && !good)
    return limen_error_input(err, LIMEN_EINVAL, opt, name, NULL, "%s = '%s': column '%s' holds no numbers", opt, name,
                             name);
  return LIMEN_OK;
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* The swept axes: the columns before "paradigm" (long layout) or the first *_J (wide). */
static size_t n_axes(const limen_sweep_figure *f) {
  size_t k = 0;
  while (k < f->ncol && strcmp(f->col[k], "paradigm") != 0 && !ends_with(f->col[k], "_J")) k++;
  return k;
}

/* The y columns: as given, else energy_J, else every *_J column. */
static int choose_y(const limen_sweep_figure *f, const limen_sweep_figure_config *c, const char *path, size_t *ys,
                    size_t *ny, limen_error *err) {
  *ny = 0;
  if (c->n_y > MAX_Y)
    return limen_error_input(err, LIMEN_EINVAL, "y", NULL, NULL, "y: %zu columns: at most %d in one figure", c->n_y,
                             MAX_Y);
  for (size_t i = 0; i < c->n_y; i++) {
    int st = find_col(f, "y", c->y[i], path, 1, &ys[(*ny)++], err);
    if (st) return st;
  }
  if (*ny) return LIMEN_OK;
  for (size_t k = 0; k < f->ncol; k++)
    if (strcmp(f->col[k], "energy_J") == 0) {
      ys[(*ny)++] = k;
      return LIMEN_OK;
    }
  for (size_t k = 0; k < f->ncol && *ny < MAX_Y; k++)
    if (ends_with(f->col[k], "_J")) ys[(*ny)++] = k;
  return *ny ? LIMEN_OK
             : limen_error_input(err, LIMEN_EINVAL, "y", NULL, NULL,
                                 "y: missing; '%s' has no energy_J or *_J column: give --y NAME", path);
}

static int in_list(const size_t *g, size_t ng, size_t k) {
  for (size_t i = 0; i < ng; i++)
    if (g[i] == k) return 1;
  return 0;
}

/* The columns that tell curves apart: paradigm when present (curves of two paradigms are never
 * joined), `by` when given, and every other swept axis that takes more than one value. */
static int choose_groups(const limen_sweep_figure *f, const limen_sweep_figure_config *c, size_t x, const char *path,
                         size_t *g, size_t *ng, limen_error *err) {
  *ng = 0;
  for (size_t k = 0; k < f->ncol; k++)
    if (strcmp(f->col[k], "paradigm") == 0 && k != x) g[(*ng)++] = k;
  if (c->by) {
    size_t k;
    int st = find_col(f, "by", c->by, path, 0, &k, err);
    if (st) return st;
    if (k == x) return limen_error_input(err, LIMEN_EINVAL, "by", c->by, NULL, "by = '%s': that is the x axis", c->by);
    if (!in_list(g, *ng, k)) g[(*ng)++] = k;
  }
  for (size_t a = 0; a < n_axes(f); a++) {
    if (a == x || in_list(g, *ng, a)) continue;
    for (size_t r = 1; r < f->nrow; r++)
      if (strcmp(f->cell[r * f->ncol + a], f->cell[a]) != 0) {
        g[(*ng)++] = a;
        break;
      }
  }
  return LIMEN_OK;
}

static int same_group(const limen_sweep_figure *f, size_t r1, size_t r2, const size_t *g, size_t ng) {
  for (size_t i = 0; i < ng; i++)
    if (strcmp(f->cell[r1 * f->ncol + g[i]], f->cell[r2 * f->ncol + g[i]]) != 0) return 0;
  return 1;
}

/* "lim-matched, bits = 8" (and ": y" when several y columns are drawn). */
static void series_label(const limen_sweep_figure *f, size_t row, const size_t *g, size_t ng, size_t y, size_t ny,
                         char *buf, size_t cap) {
  buf[0] = '\0';
  for (size_t i = 0; i < ng; i++) {
    size_t at = strlen(buf);
    const char *v = f->cell[row * f->ncol + g[i]];
    if (isnan(f->num[row * f->ncol + g[i]])) snprintf(buf + at, cap - at, "%s%s", i ? ", " : "", v);
    else snprintf(buf + at, cap - at, "%s%s = %s", i ? ", " : "", f->col[g[i]], v);
  }
  if (ny > 1 || !ng) {
    size_t at = strlen(buf);
    snprintf(buf + at, cap - at, "%s%s", ng ? ": " : "", f->col[y]);
  }
}

/* The points of one group for one y column, sorted by x, into x[], y[]; their count. */
static size_t group_points(const limen_sweep_figure *f, size_t rep, const size_t *g, size_t ng, size_t xc, size_t yc,
                           double *x, double *y) {
  size_t n = 0;
  for (size_t r = 0; r < f->nrow; r++) {
    if (!same_group(f, rep, r, g, ng)) continue;
    double xv = f->num[r * f->ncol + xc], yv = f->num[r * f->ncol + yc];
    size_t i = n++;
    for (; i > 0 && x[i - 1] > xv; i--) x[i] = x[i - 1], y[i] = y[i - 1]; /* insertion by x */
    x[i] = xv;
    y[i] = yv;
  }
  return n;
}

/* An axis label for a column: a workload input with its symbol and unit ("time T_train [s]"),
 * an energy column "<name> [J]", else the name. */
static void axis_label(const char *col, char *buf, size_t cap) {
  size_t n;
  const limen_input *t = limen_workload_inputs(&n), *row = limen_input_find(t, n, col);
  size_t len = strlen(col);
  if (row)
    snprintf(buf, cap, "%s%s%s%s%s", col, row->symbol ? " " : "", row->symbol ? row->symbol : "",
             row->unit ? " [" : "", row->unit ? row->unit : "");
  else if (ends_with(col, "_J")) snprintf(buf, cap, "%.*s [J", (int)(len - 2), col);
  else if (ends_with(col, "_kT")) snprintf(buf, cap, "%.*s [kT", (int)(len - 3), col);
  else snprintf(buf, cap, "%s", col);
  if ((row && row->unit) || (!row && (ends_with(col, "_J") || ends_with(col, "_kT")))) {
    size_t at = strlen(buf);
    snprintf(buf + at, cap - at, "]");
  }
}

/* Logarithmic when every value of the axis is positive and they span two decades or more. */
static int wants_log(const limen_plot *p, int want_x) {
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (size_t s = 0; s < p->n_series; s++)
    for (size_t i = 0; i < p->series[s].n; i++) {
      double v = want_x ? p->series[s].x[i] : p->series[s].y[i];
      if (!isfinite(v)) continue;
      if (v <= 0) return 0;
      lo = fmin(lo, v);
      hi = fmax(hi, v);
    }
  return lo < hi && hi / lo >= 100;
}

static void texts(limen_sweep_figure *f, const char *path, size_t xc, const size_t *ys, size_t ny, const size_t *g,
                  size_t ng) {
  axis_label(f->col[xc], f->xlabel, sizeof f->xlabel);
  int all_J = 1;
  for (size_t i = 0; i < ny; i++) all_J &= ends_with(f->col[ys[i]], "_J");
  if (ny == 1) axis_label(f->col[ys[0]], f->ylabel, sizeof f->ylabel);
  else snprintf(f->ylabel, sizeof f->ylabel, "%s", all_J ? "energy [J]" : "value");
  const char *y0 = f->col[ys[0]];
  int stem = ny == 1 && ends_with(y0, "_J") ? (int)strlen(y0) - 2 : (int)strlen(y0);
  if (ny == 1) snprintf(f->title, sizeof f->title, "%.*s against %s", stem, y0, f->col[xc]);
  else snprintf(f->title, sizeof f->title, "%s against %s", all_J ? "energy" : "values", f->col[xc]);
  const char *base = strrchr(path, '/');
  snprintf(f->note, sizeof f->note, "limen sweep: %s; one curve per ", base ? base + 1 : path);
  for (size_t i = 0; i < ng; i++) {
    size_t at = strlen(f->note);
    snprintf(f->note + at, sizeof f->note - at, "%s%s", i ? " and " : "", f->col[g[i]]);
  }
  if (!ng) {
    size_t at = strlen(f->note);
    snprintf(f->note + at, sizeof f->note - at, "column");
  }
}

/* The curves: one per group and y column. */
static int build(limen_sweep_figure *f, const char *path, size_t xc, const size_t *ys, size_t ny, const size_t *g,
                 size_t ng, limen_error *err) {
  size_t rep[LIMEN_SWEEP_FIGURE_MAX_SERIES], ngr = 0;
  for (size_t r = 0; r < f->nrow; r++) {
    size_t k = 0;
    while (k < ngr && !same_group(f, rep[k], r, g, ng)) k++;
    if (k < ngr) continue;
    if (ngr * ny >= LIMEN_SWEEP_FIGURE_MAX_SERIES)
      return limen_error_input(err, LIMEN_EINVAL, "by", NULL, NULL,
                               "by: more than %d curves in '%s': draw fewer with --y or --by",
                               LIMEN_SWEEP_FIGURE_MAX_SERIES, path);
    rep[ngr++] = r;
  }
  if (!(f->xy = malloc(2 * ngr * ny * f->nrow * sizeof *f->xy)))
    return limen_error_set(err, LIMEN_ENOMEM, "limen_sweep_figure_alloc", "out of memory");
  double *at = f->xy;
  for (size_t gi = 0; gi < ngr; gi++)
    for (size_t yi = 0; yi < ny; yi++) {
      limen_plot_series *S = &f->series[f->plot.n_series];
      size_t n = group_points(f, rep[gi], g, ng, xc, ys[yi], at, at + f->nrow);
      series_label(f, rep[gi], g, ng, ys[yi], ny, f->labels[f->plot.n_series], sizeof f->labels[0]);
      *S = (limen_plot_series){.label = f->labels[f->plot.n_series], .x = at, .y = at + f->nrow, .n = n,
                               .style = LIMEN_PLOT_LINE}; /* markers on every point up to 12 */
      f->plot.n_series++;
      at += 2 * f->nrow;
    }
  return LIMEN_OK;
}

int limen_sweep_figure_alloc(const char *csv_path, const limen_sweep_figure_config *c, limen_sweep_figure **out,
                             limen_error *err) {
  if (!out || !c || !csv_path) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  *out = NULL;
  if (!c->x || !c->x[0]) return limen_error_input(err, LIMEN_EINVAL, "x", NULL, NULL, "x: missing; give a column name");
  limen_sweep_figure *f = calloc(1, sizeof *f);
  if (!f) return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  size_t xc = 0, ys[MAX_Y], ny = 0, g[MAX_COLS], ng = 0;
  int st = read_table(csv_path, f, err);
  if (!st) st = find_col(f, "x", c->x, csv_path, 1, &xc, err);
  if (!st) st = choose_y(f, c, csv_path, ys, &ny, err);
  if (!st) st = choose_groups(f, c, xc, csv_path, g, &ng, err);
  if (!st) st = build(f, csv_path, xc, ys, ny, g, ng, err);
  if (st) {
    limen_sweep_figure_free(f);
    return st;
  }
  texts(f, csv_path, xc, ys, ny, g, ng);
  f->plot.series = f->series;
  f->plot.title = f->title;
  f->plot.xlabel = f->xlabel;
  f->plot.ylabel = f->ylabel;
  f->plot.note = f->note;
  f->plot.xlog = wants_log(&f->plot, 1);
  f->plot.ylog = wants_log(&f->plot, 0);
  f->plot.width_px = c->width_px;
  f->plot.height_px = c->height_px;
  *out = f;
  return LIMEN_OK;
}

const limen_plot *limen_sweep_figure_plot(const limen_sweep_figure *f) { return f ? &f->plot : NULL; }

void limen_sweep_figure_free(limen_sweep_figure *f) {
  if (!f) return;
  free(f->text);
  free(f->cell);
  free(f->num);
  free(f->xy);
  free(f);
}
