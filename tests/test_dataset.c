/* SPDX-License-Identifier: GPL-3.0-or-later
 * Data sets: strict loaders, the stratified split, standardization. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/dataset.h"
#include "testutil.h"

/* tu_temp_file, asserted to succeed. */
static const char *temp_csv(const char *text) {
  const char *p = tu_temp_file(text);
  cr_assert_not_null(p, "cannot write a temporary file");
  return p;
}

Test(dataset, digits_shape_scaling_and_labels) {
  limen_dataset *ds = NULL;
  limen_error err;
  cr_assert_eq(limen_dataset_load("digits", &ds, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(ds->n, 1797);
  cr_assert_eq(ds->d, 64);
  cr_assert_eq(ds->classes, 10);
  size_t count[10] = {0};
  double mx = 0;
  for (size_t i = 0; i < ds->n * ds->d; i++) {
    cr_assert(ds->x[i] >= 0 && ds->x[i] <= 1.0);
    if (ds->x[i] > mx) mx = ds->x[i];
  }
  cr_assert_eq(mx, 1.0); /* 16/16 occurs */
  for (size_t i = 0; i < ds->n; i++) count[ds->y[i]]++;
  for (int c = 0; c < 10; c++) cr_assert(count[c] >= 170 && count[c] <= 190, "class %d: %zu rows", c, count[c]);
  /* first row of the file: 0,0,5,13,9,1,0,0,... label 0 */
  cr_assert_eq(ds->x[2], 5.0 / 16.0);
  cr_assert_eq(ds->y[0], 0);
  limen_dataset_free(ds);
}

Test(dataset, breast_cancer_shape_and_classes) {
  limen_dataset *ds = NULL;
  limen_error err;
  cr_assert_eq(limen_dataset_load("breast_cancer", &ds, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(ds->n, 569);
  cr_assert_eq(ds->d, 30);
  size_t benign = 0;
  for (size_t i = 0; i < ds->n; i++) benign += ds->y[i] == 1;
  cr_assert_eq(benign, 357); /* 212 malignant, 357 benign (UCI WDBC) */
  cr_assert_eq(ds->x[0], 17.99);
  limen_dataset_free(ds);
}

Test(dataset, split_is_stratified_and_reproducible) {
  limen_dataset *ds = NULL, *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  limen_error err;
  cr_assert_eq(limen_dataset_load("digits", &ds, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_dataset_split(ds, 0.25, 7, &a, &b, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_dataset_split(ds, 0.25, 7, &c, &d, &err), LIMEN_OK);
  cr_assert_eq(limen_dataset_split(ds, 0.25, 8, &e, &f, &err), LIMEN_OK);
  cr_assert_eq(a->n + b->n, ds->n);
  cr_assert_eq(b->n, d->n);
  cr_assert(memcmp(b->x, d->x, b->n * b->d * sizeof *b->x) == 0, "same seed, same split");
  cr_assert(memcmp(b->x, f->x, b->n * b->d * sizeof *b->x) != 0, "different seed, different split");
  size_t all[10] = {0}, test[10] = {0};
  for (size_t i = 0; i < ds->n; i++) all[ds->y[i]]++;
  for (size_t i = 0; i < b->n; i++) test[b->y[i]]++;
  for (int k = 0; k < 10; k++) cr_assert_eq(test[k], (size_t)floor(0.25 * (double)all[k] + 0.5), "class %d", k);
  limen_dataset_free(ds);
  limen_dataset_free(a);
  limen_dataset_free(b);
  limen_dataset_free(c);
  limen_dataset_free(d);
  limen_dataset_free(e);
  limen_dataset_free(f);
}

Test(dataset, standardize_uses_train_statistics) {
  limen_dataset *ds = NULL, *tr = NULL, *te = NULL;
  limen_error err;
  cr_assert_eq(limen_dataset_load("breast_cancer", &ds, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(limen_dataset_split(ds, 0.25, 1, &tr, &te, &err), LIMEN_OK);
  double raw = te->x[0];
  cr_assert_eq(limen_dataset_standardize(tr, te, &err), LIMEN_OK);
  for (size_t f = 0; f < tr->d; f++) {
    double m = 0, v = 0;
    for (size_t i = 0; i < tr->n; i++) m += tr->x[i * tr->d + f];
    m /= (double)tr->n;
    for (size_t i = 0; i < tr->n; i++) v += pow(tr->x[i * tr->d + f] - m, 2);
    v /= (double)tr->n;
    cr_assert(fabs(m) < 1e-12, "feature %zu mean %g", f, m);
    cr_assert(fabs(v - 1.0) < 1e-12, "feature %zu variance %g", f, v);
  }
  cr_assert(te->x[0] != raw);
  limen_dataset_free(ds);
  limen_dataset_free(tr);
  limen_dataset_free(te);
}

/* A cell of 1e308 (regression: its square overflowed and the whole column became 0).  Column
 * {1e308, 0, …, 0} of n rows has mean 1e308/n and standard deviation 1e308·sqrt(n−1)/n, so the
 * big row standardizes to sqrt(n−1) and every other to −1/sqrt(n−1) exactly. */
Test(dataset, standardize_survives_a_cell_of_1e308) {
  limen_dataset *tr = NULL, *te = NULL;
  limen_error err;
  const size_t n = 10;
  cr_assert_eq(limen_dataset_alloc(n, 2, 2, &tr, &err), LIMEN_OK);
  cr_assert_eq(limen_dataset_alloc(1, 2, 2, &te, &err), LIMEN_OK);
  for (size_t i = 0; i < n; i++) tr->x[i * 2 + 1] = (double)i; /* an ordinary column beside it */
  tr->x[3 * 2] = 1e308;
  te->x[0] = -1e308; /* against the training statistics: (−1e308 − 1e308/n)/sd = −(n+1)/sqrt(n−1) */
  cr_assert_eq(limen_dataset_standardize(tr, te, &err), LIMEN_OK, "%s", err.msg);
  const double r = sqrt((double)(n - 1));
  for (size_t i = 0; i < n; i++) {
    double want = i == 3 ? r : -1.0 / r;
    cr_assert(fabs(tr->x[i * 2] - want) < 1e-14 * r, "row %zu: %.17g, expected %.17g", i, tr->x[i * 2], want);
  }
  double want_te = -(double)(n + 1) / r;
  cr_assert(fabs(te->x[0] - want_te) < 1e-13 * r, "test row: %.17g, expected %.17g", te->x[0], want_te);
  cr_assert(fabs(tr->x[1] + 4.5 / sqrt(8.25)) < 1e-14, "the other column: %.17g", tr->x[1]);
  /* a non-finite cell (only a caller can put one there: the loaders refuse it) is named */
  tr->x[5 * 2 + 1] = INFINITY;
  cr_assert_eq(limen_dataset_standardize(tr, NULL, &err), LIMEN_ERANGE);
  cr_assert(strstr(err.msg, "feature column 2, row 6") && strstr(err.msg, "not finite"), "%s", err.msg);
  limen_dataset_free(tr);
  limen_dataset_free(te);
}

Test(dataset, strict_loader_names_file_line_and_field) {
  limen_dataset *ds = NULL;
  limen_error err;
  const char *p = temp_csv("1,2,0\n3,x,1\n");
  cr_assert_eq(limen_dataset_read_csv(p, 0, 2, 2, &ds, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, p) && strstr(err.msg, ":2: field 2 = 'x'"), "%s", err.msg);
  unlink(p);
  p = temp_csv("1,2,0\n3,4\n");
  cr_assert_eq(limen_dataset_read_csv(p, 0, 2, 2, &ds, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, ":2: 2 fields, expected 3"), "%s", err.msg);
  unlink(p);
  p = temp_csv("h\n1,2,0\n3,4,2\n");
  cr_assert_eq(limen_dataset_read_csv(p, 1, 2, 2, &ds, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, ":3: field 3 (label) = 2: allowed integers [0, 1]"), "%s", err.msg);
  unlink(p);
  p = temp_csv("1,2,0,5\n");
  cr_assert_eq(limen_dataset_read_csv(p, 0, 2, 2, &ds, &err), LIMEN_EPARSE);
  cr_assert(strstr(err.msg, ":1: field 4: more than 3 fields"), "%s", err.msg);
  unlink(p);
  p = temp_csv("1,inf,0\n");
  cr_assert_eq(limen_dataset_read_csv(p, 0, 2, 2, &ds, &err), LIMEN_EPARSE);
  unlink(p);
  p = temp_csv("1,2,0\r\n\n3,4,1\r\n");
  cr_assert_eq(limen_dataset_read_csv(p, 0, 2, 2, &ds, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(ds->n, 2);
  cr_assert_eq(ds->x[3], 4.0);
  cr_assert_eq(ds->y[1], 1);
  limen_dataset_free(ds);
  unlink(p);
  cr_assert_eq(limen_dataset_read_csv("/nonexistent/limen.csv", 0, 2, 2, &ds, &err), LIMEN_EIO);
  cr_assert_eq(limen_dataset_load("mnist", &ds, &err), LIMEN_ENOTFOUND);
  cr_assert(strstr(err.msg, "allowed digits, breast_cancer"), "%s", err.msg);
}

Test(dataset, split_rejects_bad_fraction) {
  limen_dataset *ds = NULL, *a, *b;
  limen_error err;
  cr_assert_eq(limen_dataset_load("breast_cancer", &ds, &err), LIMEN_OK);
  cr_assert_eq(limen_dataset_split(ds, 1.0, 1, &a, &b, &err), LIMEN_EINVAL);
  cr_assert(strstr(err.msg, "test_fraction = 1"), "%s", err.msg);
  limen_dataset_free(ds);
}
