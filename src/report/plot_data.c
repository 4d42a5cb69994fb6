/* SPDX-License-Identifier: GPL-3.0-or-later
 * plot_data.c: the numbers behind a figure (report.h: limen_plot_data_json) — every point of
 * every series with its error bar and label, the marker lines, the axes' titles and scales —
 * as JSON (and, through limen_report_json_csv, CSV), so that a figure's data can be read back,
 * re-plotted or checked.  Labels are written as plain text: PLplot's escapes (#d subscript,
 * #u superscript, #g Greek letter) become "_", "^" and the Unicode letter. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "limen/report.h"
#include "report/record.h"

/* PLplot's Greek alphabet (#g followed by a Roman letter), lower and upper case. */
static const char k_roman[] = "abgdezyhiklmncoprstufxqwABGDEZYHIKLMNCOPRSTUFXQW";
static const char *const k_greek[] = {
    "α", "β", "γ", "δ", "ε", "ζ", "η", "θ", "ι", "κ", "λ", "μ", "ν", "ξ", "ο", "π", "ρ", "σ", "τ", "υ", "φ", "χ", "ψ", "ω",
    "Α", "Β", "Γ", "Δ", "Ε", "Ζ", "Η", "Θ", "Ι", "Κ", "Λ", "Μ", "Ν", "Ξ", "Ο", "Π", "Ρ", "Σ", "Τ", "Υ", "Φ", "Χ", "Ψ", "Ω"};

/* text without PLplot's escapes into buf (cut to n − 1 bytes): "e#dL#u(P#ds#u) + B/#gt" is
 * "e_L(P_s) + B/τ"; a superscript opens with "^", the close of a level is dropped. */
static const char *plain(const char *text, char *buf, size_t n) {
  size_t k = 0;
  int depth = 0; /* > 0 inside a subscript, < 0 inside a superscript */
  for (const char *c = text ? text : ""; *c && k + 4 < n; c++) {
    const char *put = NULL;
    char one[2] = {*c, '\0'};
    if (*c == '#' && c[1] == '#') put = "#", c++;
    else if (*c == '#' && c[1] == 'd') put = depth < 0 ? "" : "_", depth += 1, c++;
    else if (*c == '#' && c[1] == 'u') put = depth > 0 ? "" : "^", depth -= 1, c++;
    else if (*c == '#' && c[1] == 'g' && c[2] && strchr(k_roman, c[2]))
      put = k_greek[strchr(k_roman, c[2]) - k_roman], c += 2;
    else put = one;
    size_t m = strlen(put);
    if (k + m >= n) break;
    memcpy(buf + k, put, m);
    k += m;
  }
  buf[k] = '\0';
  return buf;
}

/* A number, or null where it is not finite (a point the figure skips). */
static int num_or_null(cJSON *o, const char *key, double v) {
  return isfinite(v) ? limen_json_num(o, key, v) != NULL : cJSON_AddNullToObject(o, key) != NULL;
}

static const char *style_name(limen_plot_style s) {
  switch (s) {
    case LIMEN_PLOT_DASHED: return "dashed";
    case LIMEN_PLOT_POINTS: return "points";
    case LIMEN_PLOT_LINE_POINTS: return "line+points";
    case LIMEN_PLOT_LINE: break;
  }
  return "line";
}

/* One row per point of series i: the series' label and style, x, y, its standard error, its label. */
static int series_points(cJSON *points, const limen_plot_series *s, size_t i) {
  char name[256], label[256];
  if (s->label && s->label[0]) plain(s->label, name, sizeof name);
  else snprintf(name, sizeof name, "series %zu", i + 1);
  for (size_t j = 0; j < s->n; j++) {
    cJSON *p = cJSON_CreateObject();
    if (!p || !cJSON_AddItemToArray(points, p)) {
      cJSON_Delete(p);
      return 0;
    }
    const char *pl = s->point_labels ? s->point_labels[j] : NULL;
    if (!cJSON_AddStringToObject(p, "series", name) || !cJSON_AddStringToObject(p, "style", style_name(s->style)) ||
        !num_or_null(p, "x", s->x[j]) || !num_or_null(p, "y", s->y[j]) ||
        !(s->yerr ? num_or_null(p, "y_stderr", s->yerr[j]) : cJSON_AddNullToObject(p, "y_stderr") != NULL) ||
        !(pl ? cJSON_AddStringToObject(p, "label", plain(pl, label, sizeof label)) != NULL
             : cJSON_AddNullToObject(p, "label") != NULL))
      return 0;
  }
  return 1;
}

static int markers(cJSON *root, const limen_plot *plot) {
  cJSON *a = cJSON_AddArrayToObject(root, "markers");
  char label[256];
  for (size_t i = 0; a && i < plot->n_markers; i++) {
    cJSON *m = cJSON_CreateObject();
    if (!m || !cJSON_AddItemToArray(a, m)) {
      cJSON_Delete(m);
      return 0;
    }
    if (!num_or_null(m, "x", plot->markers[i].x) ||
        !cJSON_AddStringToObject(m, "label", plain(plot->markers[i].label, label, sizeof label)))
      return 0;
  }
  return a != NULL;
}

int limen_plot_data_json(const limen_plot *plot, char **text, limen_error *err) {
  if (!plot || !text) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char t[512], xl[256], yl[256];
  cJSON *root = cJSON_CreateObject(), *points = NULL;
  int ok = root && cJSON_AddStringToObject(root, "title", plain(plot->title, t, sizeof t)) &&
           cJSON_AddStringToObject(root, "x_label", plain(plot->xlabel, xl, sizeof xl)) &&
           cJSON_AddStringToObject(root, "y_label", plain(plot->ylabel, yl, sizeof yl)) &&
           cJSON_AddStringToObject(root, "x_scale", plot->xlog ? "log" : "linear") &&
           cJSON_AddStringToObject(root, "y_scale", plot->ylog ? "log" : "linear") &&
           (points = cJSON_AddArrayToObject(root, "points"));
  for (size_t i = 0; ok && i < plot->n_series; i++) ok = series_points(points, &plot->series[i], i);
  if (ok) ok = markers(root, plot);
  if (!ok) {
    cJSON_Delete(root);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "out of memory");
  }
  return limen_json_finish(root, text, err);
}
