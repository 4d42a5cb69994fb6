/* SPDX-License-Identifier: GPL-3.0-or-later
 * report/train_report.h: what the writers of `limen train`'s outputs share (private to the report
 * module): a record's JSON object, the CSV of a table of columns, and steps-to-target as a number. */
#ifndef LIMEN_REPORT_TRAIN_REPORT_H
#define LIMEN_REPORT_TRAIN_REPORT_H

#include <math.h>
#include <stdio.h>

#include "limen/report.h"

/* The JSON object of one record (every field of the table), as text (*text freed with limen_free). */
int limen_report_record_json(const void *rec, const limen_field *f, size_t n, char **text, limen_error *err);

/* Steps to the target as written: NAN (JSON null) when never reached (0). */
static inline double limen_report_steps_to_target(size_t steps) { return steps ? (double)steps : NAN; }

/* A CSV column of an experiment's table.csv: its header and the record member it shows (a
 * DOUBLE, written to 10 significant digits, empty when not finite; or a STRING / CHARS). */
typedef struct limen_report_column {
  const char *header;
  limen_field_kind kind;
  size_t offset;
} limen_report_column;

/* The header line of the columns, or one row of them from the record at rec. */
void limen_report_csv_header(FILE *f, const limen_report_column *c, size_t n);
void limen_report_csv_row(FILE *f, const void *rec, const limen_report_column *c, size_t n);

#endif
