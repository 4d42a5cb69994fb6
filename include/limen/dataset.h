/* SPDX-License-Identifier: GPL-3.0-or-later
 * dataset.h: the real data sets that limen trains on (theory §6), their strict loaders, a
 * reproducible train/test split and feature scaling.
 *
 *   digits         1,797 handwritten digits (UCI optdigits test copy), 8×8 pixels 0…16 → 64
 *                  features scaled to [0, 1] by /16, labels 0…9   (data/digits/digits.csv)
 *   breast_cancer  569 samples × 30 features, labels 0 malignant / 1 benign, standardized
 *                  with the training split's mean and standard deviation
 *                  (data/breast_cancer/breast_cancer.csv, first line "569,30,malignant,benign")
 *
 * Loaders are strict: every row must have exactly d features and a label, every field must
 * be a finite number (labels: an integer in [0, classes)); errors name the file, the line
 * and the field.  The split is stratified: the rows of each class are shuffled with GSL's
 * reference generator gsl_rng_mt19937 seeded with `seed` (one generator for the whole split,
 * classes in increasing order) and the first round(test_fraction·n_c) rows of class c go to
 * the test set; both sets keep the original row order within themselves. */
#ifndef LIMEN_DATASET_H
#define LIMEN_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct limen_dataset {
  char name[32];   /* "digits", "breast_cancer", or the file's base name          */
  size_t n;        /* rows                                                          */
  size_t d;        /* features per row                                              */
  size_t classes;  /* labels are 0 … classes − 1                                    */
  double *x;       /* n × d, row-major                                              */
  int *y;          /* n labels                                                      */
} limen_dataset;

/* Allocate an empty n × d data set (x zeroed). */
LIMEN_API int limen_dataset_alloc(size_t n, size_t d, size_t classes, limen_dataset **out, limen_error *err);
LIMEN_API void limen_dataset_free(limen_dataset *ds);

/* Read a CSV file of rows "f_1,…,f_d,label".  header_lines lines are skipped first (they
 * must still exist).  d and classes are what every row must match. */
LIMEN_API int limen_dataset_read_csv(const char *path, size_t header_lines, size_t d, size_t classes,
                           limen_dataset **out, limen_error *err);

/* Load a named data set from the data directory (limen_data_file), with its fixed
 * preprocessing (digits: /16).  Names: "digits", "breast_cancer". */
LIMEN_API int limen_dataset_load(const char *name, limen_dataset **out, limen_error *err);

/* Stratified split; test_fraction in (0, 1). */
LIMEN_API int limen_dataset_split(const limen_dataset *ds, double test_fraction, uint64_t seed,
                        limen_dataset **train, limen_dataset **test, limen_error *err);

/* Standardize every feature of train and test with train's mean and (population) standard
 * deviation; features with zero spread in train are only centred.  test may be NULL. */
LIMEN_API int limen_dataset_standardize(limen_dataset *train, limen_dataset *test, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
