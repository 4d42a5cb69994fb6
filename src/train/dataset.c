/* SPDX-License-Identifier: GPL-3.0-or-later
 * dataset.c: strict CSV loaders, the stratified split and standardization (dataset.h). */
#include "limen/dataset.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "limen/datafile.h"

int limen_dataset_alloc(size_t n, size_t d, size_t classes, limen_dataset **out, limen_error *err) {
  if (n == 0 || d == 0 || classes < 2)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "n = %zu, d = %zu, classes = %zu: need n ≥ 1, d ≥ 1, classes ≥ 2",
                           n, d, classes);
  limen_dataset *ds = calloc(1, sizeof *ds);
  if (!ds) return limen_error_set(err, LIMEN_ENOMEM, __func__, "data set header");
  ds->x = calloc(n * d, sizeof *ds->x);
  ds->y = calloc(n, sizeof *ds->y);
  if (!ds->x || !ds->y) {
    limen_dataset_free(ds);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "%zu × %zu data set", n, d);
  }
  ds->n = n;
  ds->d = d;
  ds->classes = classes;
  *out = ds;
  return LIMEN_OK;
}

void limen_dataset_free(limen_dataset *ds) {
  if (!ds) return;
  free(ds->x);
  free(ds->y);
  free(ds);
}

/* Base name of a path, for the data set's name. */
static void set_name(limen_dataset *ds, const char *path) {
  const char *b = strrchr(path, '/');
  b = b ? b + 1 : path;
  size_t n = strcspn(b, ".");
  if (n >= sizeof ds->name) n = sizeof ds->name - 1;
  memcpy(ds->name, b, n);
  ds->name[n] = '\0';
}

/* Parse one number field [p, end) strictly. */
static int parse_field(const char *p, const char *end, double *v) {
  char buf[64];
  size_t n = (size_t)(end - p);
  while (n > 0 && (*p == ' ' || *p == '\t')) p++, n--;
  while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r')) n--;
  if (n == 0 || n >= sizeof buf) return -1;
  memcpy(buf, p, n);
  buf[n] = '\0';
  char *e = NULL;
  errno = 0;
  double x = strtod(buf, &e);
  if (e == buf || *e != '\0' || errno == ERANGE || !isfinite(x)) return -1;
  *v = x;
  return 0;
}

/* Lines of the text (*lines) and data lines among them: non-empty after the header (*n). */
static void count_data_lines(const char *text, size_t header_lines, size_t *lines, size_t *n) {
  *lines = *n = 0;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t ll = nl ? (size_t)(nl - p) : strlen(p);
    (*lines)++;
    if (*lines > header_lines && !(ll == 0 || (ll == 1 && p[0] == '\r'))) (*n)++;
    p = nl ? nl + 1 : p + ll;
  }
}

/* Data row `row` from the line [p, eol): d features and an integer label in [0, classes). */
static int read_csv_row(const char *path, size_t line, const char *p, const char *eol, limen_dataset *ds, size_t row,
                        limen_error *err) {
  const size_t d = ds->d, classes = ds->classes;
  size_t field = 0;
  const char *q = p;
  for (;;) {
    const char *comma = memchr(q, ',', (size_t)(eol - q));
    const char *fend = comma ? comma : eol;
    field++;
    if (field > d + 1)
      return limen_error_set(err, LIMEN_EPARSE, "limen_dataset_read_csv",
                             "%s:%zu: field %zu: more than %zu fields (%zu features and a label)", path, line, field, d + 1,
                             d);
    double v;
    if (parse_field(q, fend, &v) != 0) {
      int w = (int)(fend - q);
      if (w > 40) w = 40;
      return limen_error_set(err, LIMEN_EPARSE, "limen_dataset_read_csv", "%s:%zu: field %zu = '%.*s': not a finite number",
                             path, line, field, w, q);
    }
    if (field <= d) {
      ds->x[row * d + field - 1] = v;
    } else {
      if (v != floor(v) || v < 0 || v >= (double)classes)
        return limen_error_set(err, LIMEN_EPARSE, "limen_dataset_read_csv",
                               "%s:%zu: field %zu (label) = %g: allowed integers [0, %zu]", path, line, field, v,
                               classes - 1);
      ds->y[row] = (int)v;
    }
    if (!comma) break;
    q = comma + 1;
  }
  if (field != d + 1)
    return limen_error_set(err, LIMEN_EPARSE, "limen_dataset_read_csv",
                           "%s:%zu: %zu fields, expected %zu (%zu features and a label)", path, line, field, d + 1, d);
  return LIMEN_OK;
}

/* Every data line of the text after the header (empty lines skipped), in order. */
static int read_csv_rows(const char *path, const char *text, size_t header_lines, limen_dataset *ds, limen_error *err) {
  size_t line = 0, row = 0;
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    const char *eol = nl ? nl : p + strlen(p);
    line++;
    const char *next = nl ? nl + 1 : eol;
    if (!(line <= header_lines || eol == p || (eol - p == 1 && p[0] == '\r'))) {
      int st = read_csv_row(path, line, p, eol, ds, row, err);
      if (st) return st;
      row++;
    }
    p = next;
  }
  return LIMEN_OK;
}

int limen_dataset_read_csv(const char *path, size_t header_lines, size_t d, size_t classes,
                           limen_dataset **out, limen_error *err) {
  if (!path || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (d == 0 || classes < 2)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "d = %zu, classes = %zu: need d ≥ 1, classes ≥ 2", d, classes);
  char *text = NULL;
  size_t len = 0;
  int st = limen_read_text_file(path, &text, &len, err);
  if (st) return limen_error_wrap(err, st, __func__, "data set");
  size_t lines, n;
  count_data_lines(text, header_lines, &lines, &n);
  limen_dataset *ds = NULL;
  if (lines < header_lines)
    st = limen_error_set(err, LIMEN_EPARSE, __func__, "%s: %zu lines, expected a header of %zu lines", path, lines,
                         header_lines);
  else if (n == 0)
    st = limen_error_set(err, LIMEN_EPARSE, __func__, "%s: no data rows", path);
  else if (!(st = limen_dataset_alloc(n, d, classes, &ds, err))) {
    set_name(ds, path);
    st = read_csv_rows(path, text, header_lines, ds, err);
  }
  free(text);
  if (st) {
    limen_dataset_free(ds);
    return st;
  }
  *out = ds;
  return LIMEN_OK;
}

int limen_dataset_load(const char *name, limen_dataset **out, limen_error *err) {
  if (!name || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char path[4096];
  int st;
  limen_dataset *ds = NULL;
  if (strcmp(name, "digits") == 0) {
    if ((st = limen_data_file("digits/digits.csv", path, sizeof path, err))) return limen_error_wrap(err, st, __func__, "digits");
    if ((st = limen_dataset_read_csv(path, 0, 64, 10, &ds, err))) return limen_error_wrap(err, st, __func__, "digits");
    if (ds->n != 1797) {
      size_t n = ds->n;
      limen_dataset_free(ds);
      return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: %zu rows, expected 1797", path, n);
    }
    for (size_t i = 0; i < ds->n * ds->d; i++) {
      if (ds->x[i] < 0 || ds->x[i] > 16) {
        size_t r = i / ds->d, f = i % ds->d;
        double v = ds->x[i];
        limen_dataset_free(ds);
        return limen_error_set(err, LIMEN_EPARSE, __func__, "%s:%zu: field %zu = %g: allowed range [0, 16]", path, r + 1, f + 1, v);
      }
      ds->x[i] /= 16.0;
    }
  } else if (strcmp(name, "breast_cancer") == 0 || strcmp(name, "breast-cancer") == 0) {
    if ((st = limen_data_file("breast_cancer/breast_cancer.csv", path, sizeof path, err)))
      return limen_error_wrap(err, st, __func__, "breast_cancer");
    if ((st = limen_dataset_read_csv(path, 1, 30, 2, &ds, err))) return limen_error_wrap(err, st, __func__, "breast_cancer");
    if (ds->n != 569) {
      size_t n = ds->n;
      limen_dataset_free(ds);
      return limen_error_set(err, LIMEN_EPARSE, __func__, "%s: %zu rows, expected 569", path, n);
    }
  } else {
    return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "data set '%s': allowed digits, breast_cancer", name);
  }
  snprintf(ds->name, sizeof ds->name, "%s", strcmp(name, "digits") == 0 ? "digits" : "breast_cancer");
  *out = ds;
  return LIMEN_OK;
}

static void copy_rows(const limen_dataset *src, limen_dataset *dst, const unsigned char *mark, unsigned char want) {
  size_t r = 0;
  for (size_t i = 0; i < src->n; i++) {
    if (mark[i] != want) continue;
    memcpy(dst->x + r * src->d, src->x + i * src->d, src->d * sizeof *src->x);
    dst->y[r] = src->y[i];
    r++;
  }
}

int limen_dataset_split(const limen_dataset *ds, double test_fraction, uint64_t seed,
                        limen_dataset **train, limen_dataset **test, limen_error *err) {
  if (!ds || !train || !test) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int st = limen_check_range(err, __func__, "test_fraction", test_fraction, 0.0, 1, 1.0, 1);
  if (st) return st;
  limen_gsl_quiet();
  unsigned char *mark = calloc(ds->n, 1);
  size_t *idx = malloc(ds->n * sizeof *idx);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!mark || !idx || !rng) {
    free(mark);
    free(idx);
    if (rng) gsl_rng_free(rng);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "split of %zu rows", ds->n);
  }
  gsl_rng_set(rng, seed);
  size_t n_test = 0;
  for (size_t c = 0; c < ds->classes; c++) {
    size_t nc = 0;
    for (size_t i = 0; i < ds->n; i++)
      if ((size_t)ds->y[i] == c) idx[nc++] = i;
    if (nc == 0) continue;
    gsl_ran_shuffle(rng, idx, nc, sizeof *idx);
    size_t k = (size_t)floor(test_fraction * (double)nc + 0.5);
    if (k >= nc) k = nc - 1;
    for (size_t j = 0; j < k; j++) mark[idx[j]] = 1;
    n_test += k;
  }
  gsl_rng_free(rng);
  free(idx);
  size_t n_train = ds->n - n_test;
  if (n_test == 0 || n_train == 0) {
    free(mark);
    return limen_error_set(err, LIMEN_EINVAL, __func__, "test_fraction = %g leaves %zu test and %zu training rows: need both ≥ 1",
                           test_fraction, n_test, n_train);
  }
  limen_dataset *tr = NULL, *te = NULL;
  if ((st = limen_dataset_alloc(n_train, ds->d, ds->classes, &tr, err)) ||
      (st = limen_dataset_alloc(n_test, ds->d, ds->classes, &te, err))) {
    limen_dataset_free(tr);
    free(mark);
    return st;
  }
  copy_rows(ds, tr, mark, 0);
  copy_rows(ds, te, mark, 1);
  free(mark);
  snprintf(tr->name, sizeof tr->name, "%.24s-train", ds->name);
  snprintf(te->name, sizeof te->name, "%.24s-test", ds->name);
  *train = tr;
  *test = te;
  return LIMEN_OK;
}

/* Column f's largest |x| and its row (the first non-finite value, if any, instead). */
static double column_absmax(const limen_dataset *ds, size_t f, size_t *row) {
  double m = 0.0;
  *row = 0;
  for (size_t i = 0; i < ds->n; i++) {
    double a = fabs(ds->x[i * ds->d + f]);
    if (!(a <= m)) {
      m = a;
      *row = i;
      if (!isfinite(a)) break;
    }
  }
  return m;
}

/* Every value of column f finite after standardization; else LIMEN_ERANGE naming the set, the
 * column and the row (1-based). */
static int column_finite(const limen_dataset *ds, size_t f, const char *what, limen_error *err) {
  for (size_t i = 0; ds && i < ds->n; i++)
    if (!isfinite(ds->x[i * ds->d + f]))
      return limen_error_plain(err, LIMEN_ERANGE,
                               "data set '%s': feature column %zu, row %zu of the %s split: its value does not fit a "
                               "double once standardized (values beyond +-1e300 against the column's spread)",
                               ds->name, f + 1, i + 1, what);
  return LIMEN_OK;
}

/* Column f standardized.  The statistics run on the values scaled by a power of two near the
 * column's largest |x| — exact, so the digits are those of the unscaled values — so that a cell
 * of 1e308 cannot overflow the squares (it zeroed its whole column before). */
static int standardize_column(limen_dataset *train, limen_dataset *test, size_t f, limen_error *err) {
  const size_t d = train->d;
  size_t row;
  double big = column_absmax(train, f, &row);
  if (!isfinite(big))
    return limen_error_plain(err, LIMEN_ERANGE, "data set '%s': feature column %zu, row %zu: value %g is not finite",
                             train->name, f + 1, row + 1, train->x[row * d + f]);
  int e = 0;
  if (big > 0) frexp(big, &e);
  double mean = 0, m2 = 0;
  for (size_t i = 0; i < train->n; i++) { /* Welford's update */
    double x = ldexp(train->x[i * d + f], -e), delta = x - mean;
    mean += delta / (double)(i + 1);
    m2 += delta * (x - mean);
  }
  double sd = sqrt(m2 / (double)train->n);
  double scale = sd > 0 ? 1.0 / sd : ldexp(1.0, e); /* zero spread: only centred */
  for (size_t i = 0; i < train->n; i++) train->x[i * d + f] = (ldexp(train->x[i * d + f], -e) - mean) * scale;
  if (test)
    for (size_t i = 0; i < test->n; i++) test->x[i * d + f] = (ldexp(test->x[i * d + f], -e) - mean) * scale;
  int st = column_finite(train, f, "training", err);
  return st ? st : column_finite(test, f, "test", err);
}

int limen_dataset_standardize(limen_dataset *train, limen_dataset *test, limen_error *err) {
  if (!train) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL training set");
  if (test && test->d != train->d)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "test d = %zu differs from train d = %zu", test->d, train->d);
  for (size_t f = 0; f < train->d; f++) {
    int st = standardize_column(train, test, f, err);
    if (st) return st;
  }
  return LIMEN_OK;
}
