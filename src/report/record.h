/* SPDX-License-Identifier: GPL-3.0-or-later
 * report/record.h: the report layer's JSON and CSV building blocks over cJSON (not installed:
 * no cJSON type reaches the public headers).  A result's JSON is built as a cJSON tree from
 * its field table and printed by limen_report_json_text; its CSV rows come from the same
 * table. */
#ifndef LIMEN_REPORT_RECORD_H
#define LIMEN_REPORT_RECORD_H

#include <cjson/cJSON.h>
#include <stdio.h>

#include "limen/report.h"

/* A number as limen writes it (null when not finite), added to an object or an array.
 * Return the item, or NULL when cJSON ran out of memory. */
cJSON *limen_json_num(cJSON *obj, const char *key, double v);
cJSON *limen_json_push_num(cJSON *arr, double v);

/* Add to obj the fields of the record at rec that apply (see limen_field.when), in table
 * order.  LIMEN_OK, or LIMEN_ENOMEM. */
int limen_json_fields(cJSON *obj, const void *rec, const limen_field *f, size_t n, unsigned has);

/* The tree printed as the tool prints it (cJSON's tab-indented form and a newline), into a
 * new string (*text, freed with limen_free), with the provenance record added to a root object
 * ("provenance", unless it has one).  Frees nothing of root. */
int limen_json_text(cJSON *root, char **text, limen_error *err);

/* CSV, written to a stream: one field (quoted when it holds a comma, quote or line break);
 * the header of a table's fields that apply; one row of them. */
void limen_csv_field(FILE *f, const char *s);
void limen_csv_header(FILE *f, const limen_field *fl, size_t n, unsigned has);
void limen_csv_row(FILE *f, const void *rec, const limen_field *fl, size_t n, unsigned has);

/* A stream that writes into memory (open_memstream), and its text handed over (*text, freed
 * with limen_free) when it is closed; LIMEN_ENOMEM when any write failed. */
typedef struct limen_memtext {
  FILE *f;
  char *buf;
  size_t size;
} limen_memtext;
int limen_memtext_open(limen_memtext *m, limen_error *err);
int limen_memtext_close(limen_memtext *m, char **text, limen_error *err);

/* The tree printed (limen_json_text), then deleted whatever happened; LIMEN_ENOMEM when root is
 * NULL (a failed allocation). */
int limen_json_finish(cJSON *root, char **text, limen_error *err);

/* ---- provenance (provenance.h) ----------------------------------------------------------
 * The record as an object; added to a document's root object as "provenance" (1; 0 when out of
 * memory; a root that is not an object or has one already is left as it is); as '#' comment
 * lines before a CSV's header row.  limen_json_text adds it to every document it prints. */
cJSON *limen_report_provenance(void);

/* A sweep writer's progress callback (sweep_run.c → sweep_report.c): the fraction written. */
void limen_sweep_writer_report(limen_sweep_writer *wr, double fraction);
/* The CSV layouts (not JSON): a point's lines into f (any stream: points may be formatted on
 * several threads at once, each into its own), and text appended to the writer's CSV in order. */
int limen_sweep_writer_is_csv(const limen_sweep_writer *wr);
int limen_sweep_csv_point(const limen_sweep_writer *wr, FILE *f, const double *x, const limen_projection *proj,
                          limen_error *err);
int limen_sweep_writer_text(limen_sweep_writer *wr, const char *text, limen_error *err);
int limen_report_add_provenance(cJSON *root);
void limen_csv_provenance(FILE *f);

/* ---- pieces shared by the report's writers ------------------------------------------------ */

/* The workload's JSON object (report.h: limen_workload_json); NULL with err set on failure. */
cJSON *limen_report_workload(const limen_workload *w, limen_error *err);

/* A projection's fields that apply for `has` (limen_projection_fields): into obj as JSON (the
 * terms nested, the counts when has is LIMEN_PROJECTION_WHOLE), or as one CSV row after what
 * the caller wrote before it.  LIMEN_OK or an error. */
int limen_report_projection_json(cJSON *obj, const limen_projection *p, const limen_workload *w, unsigned has,
                                 limen_error *err);
int limen_report_projection_csv(FILE *f, const limen_projection *p, const limen_workload *w, unsigned has,
                                limen_error *err);

#endif
