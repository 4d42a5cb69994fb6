/* SPDX-License-Identifier: GPL-3.0-or-later
 * report.h: limen's results as text for machines — JSON and CSV — made by the library, so
 * that the command-line tool, the Python package and a user's own program get the same keys,
 * the same columns and the same digits.  Every number is written with 10 significant digits
 * (limen_format_number); a quantity that does not apply is JSON null and an empty CSV field,
 * never 0.  Keys are snake_case.
 *
 * A result struct is described once, by a field table (limen_field: key, kind, offset, unit,
 * a condition, a line of doc); the writers below and the tool's tables follow those tables.
 * The text functions return a string the caller frees with limen_free. */
#ifndef LIMEN_REPORT_H
#define LIMEN_REPORT_H

#include <stddef.h>

#include "limen/common.h"
#include "limen/spread.h"
#include "limen/experiment.h"
#include "limen/figure.h"
#include "limen/hardware.h"
#include "limen/paradigm.h"
#include "limen/workload.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The kinds of member a field table describes. */
typedef enum {
  LIMEN_FIELD_DOUBLE, /* double: 10 significant digits; JSON null / CSV empty when not finite */
  LIMEN_FIELD_SIZE,   /* size_t, written exactly                                             */
  LIMEN_FIELD_LONG,   /* long, written exactly                                               */
  LIMEN_FIELD_INT,    /* int, written exactly                                                */
  LIMEN_FIELD_BOOL,   /* int, written as true / false                                        */
  LIMEN_FIELD_STRING, /* const char * (NULL: JSON null, CSV empty)                           */
  LIMEN_FIELD_CHARS,  /* a char array member                                                 */
  LIMEN_FIELD_FLAG    /* int: JSON true / false, CSV 1 / 0                                    */
} limen_field_kind;

/* One output field of a result struct. */
typedef struct limen_field {
  const char *key;        /* JSON key and CSV column (snake_case)                           */
  limen_field_kind kind;
  size_t offset;          /* offsetof(struct, member)                                       */
  const char *unit;       /* "J", "kT", "s", "tau0", …; NULL when dimensionless or text      */
  unsigned when;          /* 0: always written; else only when every bit is in `has`        */
  const char *doc;        /* one line                                                       */
} limen_field;

#define LIMEN_FIELD_OF(type, member, kind, unit, when, doc) \
  {#member, kind, offsetof(type, member), unit, when, doc}

/* The number format of every output: limen_format_number (common.h). */

/* Frees a string (or any buffer) that limen returned to the caller. */
LIMEN_API void limen_free(void *p);

/* ---- the workload ------------------------------------------------------------------------
 * JSON object of a workload: "name", every input of limen_workload_inputs() under its name,
 * "ops", "lr-schedule", and "derived": limen_workload_derived by the table below. */
LIMEN_API const limen_field *limen_workload_derived_fields(size_t *n);
LIMEN_API int limen_workload_json(const limen_workload *w, char **text, limen_error *err);

/* ---- projections (limen project, limen sweep) ---------------------------------------------
 * One projection as limen's outputs write it: the numbers of limen_projection and what is
 * derived from them for reading (kWh, the counted work in symbols, the floor's relation). */
typedef struct limen_projection_record {
  char paradigm[LIMEN_PARADIGM_SPEC_MAX]; /* the specification ("accelerator:h100")            */
  const char *description;     /* the paradigm type's line ("" when none)                       */
  const char *relation;        /* "lower-bound" or "cost-model"                                  */
  double energy_J, energy_kWh; /* the total                                                      */
  double compute_J, memory_J, update_J, consolidation_J; /* terms; NaN: not counted             */
  char counted_work[96];       /* limen_projection_counted_work                                 */
  double floor_J;              /* Landauer floor of the counted work                            */
  const char *floor_relation;  /* "bound" or "reference"                                         */
  double bound_J, ratio_to_floor, ratio_to_headline, headline_floor_J, effective_bits, bits_used;
  int bits_mismatch;
  double realized_J, update_per_op_kT;
} limen_projection_record;

/* `when` bits of limen_projection_fields: without any, the compact row of a sweep. */
enum {
  LIMEN_PROJECTION_WHOLE = 1u, /* the whole projection (limen project)                          */
  LIMEN_PROJECTION_JSON = 2u,  /* fields only its JSON carries (description, floor relation, bound) */
  LIMEN_PROJECTION_CSV = 4u    /* fields only its CSV carries (the headline floor, once per row)    */
};

/* The fields of limen_projection_record, in output order.  JSON nests the four terms (compute_J
 * … consolidation_J) under "terms", writes the whole projection's "paradigm" as "name" and its
 * counts (limen_work_count_fields) as "counts" before "counted_work". */
LIMEN_API const limen_field *limen_projection_fields(size_t *n);
LIMEN_API int limen_projection_record_make(const limen_projection *p, const limen_workload *w,
                                           limen_projection_record *out, limen_error *err);

/* The counted work of a projection in symbols: "C×16b", "N·K×16b", "C×16b!+R+C" (! the
 * profile's bits differ from n; +R reads, +C consolidation copies); "" when nothing is counted. */
LIMEN_API const char *limen_projection_counted_work(char *buf, size_t n, const limen_projection *p,
                                                    const limen_workload *w);

/* One counted kind of work as written: kind and floor relation by name. */
typedef struct limen_work_count_record {
  const char *kind;           /* limen_work_kind_name                                           */
  const char *term;           /* the energy term it is charged to                                */
  double ops, bits_per_op, success, floor_J;
  const char *floor_relation; /* "bound" or "reference"                                          */
} limen_work_count_record;
LIMEN_API const limen_field *limen_work_count_fields(size_t *n);
LIMEN_API void limen_work_count_record_make(const limen_work_count *c, limen_work_count_record *out);

/* A catalog row's published training energy beside a projection on the row's own hardware
 * profile (accelerator:<hardware_profile>) at the basis of the published figure: its PUE, or
 * board level (PUE 1) when the row gives none. */
typedef struct limen_published {
  const limen_model *model;   /* the row (not owned)                                            */
  double energy_J;            /* published energy; NaN: the row has none                        */
  int compared;               /* 1: projection holds the comparison                             */
  double pue;                 /* PUE of that projection                                         */
  limen_projection projection;
} limen_published;
/* model NULL or without a published energy → energy_J NaN, compared 0.  Errors name the row and
 * its hardware_profile. */
LIMEN_API int limen_published_compare(const limen_model *model, const limen_workload *w,
                                      const limen_profile_set *profiles, limen_published *out,
                                      limen_error *err);

/* Everything `limen project` writes for machines. */
typedef struct limen_project_report {
  const limen_workload *workload;
  const limen_projection *proj;     /* proj[0..n-1]                                             */
  size_t n;
  const limen_published *published; /* NULL, or energy_J NaN: no published energy             */
  const char *const *assumptions;   /* lines about the workload, written first (the tool's
                                       "workload: …"), then "<paradigm>: <line>" of each one   */
  size_t n_assumptions;
} limen_project_report;

/* JSON: {"workload", "headline", "paradigms": [...], "published" (when there is one),
 * "assumptions"}.  CSV: a header of limen_projection_fields (WHOLE|CSV), a row per paradigm
 * and a "published:<model>" row.  *text is freed with limen_free. */
LIMEN_API int limen_project_json(const limen_project_report *r, char **text, limen_error *err);
LIMEN_API int limen_project_csv(const limen_project_report *r, char **text, limen_error *err);

/* ---- sweeps (limen sweep) ------------------------------------------------------------------
 * A grid of one or two varied workload inputs, every paradigm projected at every point; the
 * writer takes the points one at a time (a sweep can be far larger than its text's parts). */
typedef struct limen_sweep_axis {
  const char *name;  /* the workload input (limen_workload_inputs name)                          */
  double start, stop;
  size_t points;
  int log;           /* logarithmic grid                                                        */
} limen_sweep_axis;

typedef enum {
  LIMEN_SWEEP_CSV_LONG = 0, /* a row per point and paradigm: the axes, then limen_projection_fields */
  LIMEN_SWEEP_CSV_WIDE = 1, /* a row per point: the axes, then "<paradigm>_J" per paradigm           */
  LIMEN_SWEEP_JSON = 2      /* {"vary", "workload" (the base), "paradigms", "rows"}                   */
} limen_sweep_format;

typedef struct limen_sweep_report {
  const limen_sweep_axis *axes; /* one or two                                                   */
  size_t n_axes;
  const limen_workload *base;   /* the workload before any input is varied                     */
  const char *const *specs;     /* the paradigms, in order                                      */
  size_t n_specs;
  limen_sweep_format format;
} limen_sweep_report;

/* The size of a sweep: points of one axis, and points of the whole grid. */
#define LIMEN_SWEEP_MAX_POINTS 10000
#define LIMEN_SWEEP_MAX_TOTAL 100000
/* A grid within those sizes: "<n1> x <n2> = <N> points: allowed at most 100000" (field
 * "points"); a logarithmic axis needs start, stop > 0. */
LIMEN_API int limen_sweep_axes_check(const limen_sweep_axis *axes, size_t n_axes, limen_error *err);

typedef struct limen_sweep_writer limen_sweep_writer;
/* The value of axis k at grid index i (limen_grid_point). */
LIMEN_API double limen_sweep_axis_point(const limen_sweep_axis *a, size_t i);
/* Start the text (the header, or the JSON head); r is copied, its arrays must outlive the writer. */
LIMEN_API int limen_sweep_writer_alloc(const limen_sweep_report *r, limen_sweep_writer **out, limen_error *err);
/* The rows of one point: x[k] the value of axis k, proj[0..n_specs-1] the projections there. */
LIMEN_API int limen_sweep_writer_point(limen_sweep_writer *wr, const double *x, const limen_projection *proj,
                                       limen_error *err);
/* The whole text (*text freed with limen_free); the writer is then spent (free it). */
LIMEN_API int limen_sweep_writer_finish(limen_sweep_writer *wr, char **text, limen_error *err);
LIMEN_API void limen_sweep_writer_free(limen_sweep_writer *wr);
/* Called by limen_sweep_run with the fraction of the grid's points written, after each block
 * (the tool's progress on stderr); NULL: not called.  It only reads. */
LIMEN_API void limen_sweep_writer_progress(limen_sweep_writer *wr, void (*fn)(void *ctx, double fraction), void *ctx);
/* The whole sweep: at every grid point (axis 0 outer), the workload of setup with the axes'
 * inputs set by limen_workload_setup_vary, every spec projected, the point handed to wr in grid
 * order.  Points are projected in blocks across the OpenMP threads; the text does not depend
 * on the thread count.  Errors, the first in grid order: a bad axis (limen_sweep_axes_check), a
 * value the input refuses (limen_workload_setup_vary's message, field set), an unknown paradigm
 * ("paradigm: '<spec>': ..."), a failing projection ("sweep point: <name> = <value>[, <name> =
 * <value>]: ..."). */
LIMEN_API int limen_sweep_run(const limen_workload_setup *setup, const limen_sweep_axis *axes, size_t n_axes,
                              const char *const *specs, size_t n_specs, const limen_profile_set *profiles,
                              limen_sweep_writer *wr, limen_error *err);
/* The same sweep with the grid points split over the processes of sp (spread.h; NULL: one
 * process): each chunk of points is projected in blocks, one per process, joined on every
 * process and handed to wr in grid order, so wr receives what it would on one process. */
LIMEN_API int limen_sweep_run_spread(const limen_workload_setup *setup, const limen_sweep_axis *axes,
                                     size_t n_axes, const char *const *specs, size_t n_specs,
                                     const limen_profile_set *profiles, const limen_spread *sp,
                                     limen_sweep_writer *wr, limen_error *err);

/* ---- the catalogs (limen models, limen profiles) -------------------------------------------- */

/* A model catalog row as written: the row and its published energy in J. */
typedef struct limen_model_record {
  limen_model model;
  double published_energy_J; /* limen_model_published_energy_J; NaN: none                    */
} limen_model_record;
/* `when` bits of limen_model_fields. */
enum { LIMEN_MODEL_JSON = 1u, LIMEN_MODEL_CSV = 2u, LIMEN_MODEL_ALL = 4u };
LIMEN_API const limen_field *limen_model_fields(size_t *n);
/* {"models": [...]}, and the CSV of the same rows. */
LIMEN_API int limen_catalog_json(const limen_catalog *c, char **text, limen_error *err);
LIMEN_API int limen_catalog_csv(const limen_catalog *c, char **text, limen_error *err);
/* The training FLOPs C of a row: its own, or c_f·N·D with the workload's default c_f; *formula
 * is then "6ND" (c_f written out), else NULL. */
LIMEN_API int limen_model_training_flops(const limen_model *m, double *flops, const char **formula,
                                         limen_error *err);

/* A hardware profile as written: the row and its class by name. */
typedef struct limen_profile_record {
  limen_profile profile;
  const char *class_name; /* limen_profile_class_name                                        */
} limen_profile_record;
LIMEN_API const limen_field *limen_profile_fields(size_t *n);
/* {"profiles": [...]}, and the CSV of the same rows. */
LIMEN_API int limen_profiles_json(const limen_profile_set *s, char **text, limen_error *err);
LIMEN_API int limen_profiles_csv(const limen_profile_set *s, char **text, limen_error *err);

/* ---- the standard figures (limen figure) ---------------------------------------------------- */
typedef enum {
  LIMEN_FIGURE_PROJECTION = 0,    /* energy against N for every paradigm; catalog models marked */
  LIMEN_FIGURE_TRADEOFF_TIME = 1, /* energy against T_train (learning-in-memory paradigms)     */
  LIMEN_FIGURE_TRADEOFF_BITS = 2, /* energy against n, whole bits on a linear axis             */
  LIMEN_FIGURE_PER_OP = 3         /* cost per bit of one operation against its time τ          */
} limen_figure_kind;

typedef struct limen_figure_config {
  limen_figure_kind kind;
  limen_workload workload;         /* everything not on the x axis                            */
  int flops_given;                 /* C as given at every point (else C = c_f·N·D follows N, D) */
  const char *const *specs;        /* paradigms (NULL: projection: limen_paradigm_default_specs;
                                      tradeoff: landauer-adiabatic, lim-finite-time, lim-matched) */
  size_t n_specs;
  const limen_profile_set *profiles;
  const limen_catalog *catalog;    /* projection: the models marked (NULL: none)              */
  double xmin, xmax;               /* the x axis (limen_figure_config_default)                */
  size_t points;                   /* points per curve (tradeoff by bits: one per whole bit)  */
  int width_px, height_px;
} limen_figure_config;

/* The numeric inputs of a figure as a user gives them (input.h rows: xmin, xmax — NaN here: the
 * kind's axis of limen_figure_config_default —, points, width, height; `limen figure`'s options). */
LIMEN_API const limen_input *limen_figure_inputs(size_t *n);
/* The defaults of a kind: the default workload, the x axis (projection 1e6..1e16; tradeoff
 * 3600 s..100 y or 4..32 bits; per-op 1e-9..1 s), 61 points, 1200 × 800 px. */
LIMEN_API limen_figure_config limen_figure_config_default(limen_figure_kind kind);
/* The workload input on the x axis ("params", "time", "bits"), NULL for per-op (τ). */
LIMEN_API const char *limen_figure_x_input(limen_figure_kind kind);
/* The figures by the names `limen figure` gives them, NULL-terminated: "projection",
 * "tradeoff", "per-op"; and the name of a kind (both tradeoffs: "tradeoff"; NULL if unknown). */
LIMEN_API const char *const *limen_figure_names(void);
LIMEN_API const char *limen_figure_kind_name(limen_figure_kind kind);
/* The kind of the figure `name` with the x axis `x_axis` ("time" or "bits"; NULL: time), which
 * only the tradeoff reads (limen_figure_given_check refuses it elsewhere).  Unknown name:
 * LIMEN_ENOTFOUND "kind = '<name>': allowed projection, tradeoff, per-op"; unknown axis:
 * LIMEN_EINVAL "x = '<axis>': allowed time, bits" (err->field "kind", "x"). */
LIMEN_API int limen_figure_kind_find(const char *name, const char *x_axis, limen_figure_kind *kind,
                                     limen_error *err);
/* The inputs a user gave (their names: "paradigm", "x", "model" or a workload input's row
 * name) that a figure of `kind` does not take, in this order: the paradigms of per-op ("paradigm
 * does not apply to 'figure per-op'"), the axis of another than the tradeoff ("x applies to
 * 'figure tradeoff' only"), the input on the x axis (limen_figure_x_input: "<input> is the x
 * axis of 'figure <name>': use --xmin/--xmax"), the model of the projection ("model does not
 * apply to 'figure projection' (every catalog model is marked)").  LIMEN_EINVAL; the message
 * starts with the input's name, which is err->field. */
LIMEN_API int limen_figure_given_check(limen_figure_kind kind, const char *const *given, size_t n_given,
                                       limen_error *err);
/* The x axis of c as a user gives it: xmax above xmin ("xmax = <b>: must be greater than --xmin
 * = <a>"), both ends in the range of the workload input on the axis (limen_figure_x_input: "xmin
 * = <a>: allowed range <range>"), and by bits at least two whole bits between them ("xmin/--xmax:
 * <a> to <b> bits: give at least two whole bits").  LIMEN_EINVAL; the message starts with the
 * input's name, which is err->field. */
LIMEN_API int limen_figure_axis_check(const limen_figure_config *c, limen_error *err);
/* Most paradigms one figure draws. */
#define LIMEN_FIGURE_MAX_PARADIGMS 31

typedef struct limen_figure limen_figure;
/* Compute the curves and assemble the plot: series, markers, titles, axes and note.  Errors
 * name the x value of a point that fails. */
LIMEN_API int limen_figure_alloc(const limen_figure_config *c, limen_figure **out, limen_error *err);
/* The plot (owned by the figure), for limen_plot_write. */
LIMEN_API const limen_plot *limen_figure_plot(const limen_figure *f);
/* The numbers behind a plot (any limen_plot: the standard figures, a sweep's, the training
 * experiments'): "title", "x_label", "y_label", "x_scale"/"y_scale" ("log", "linear"),
 * "points" — one object per point of every series: "series" (its legend text, or "series i"),
 * "style", "x", "y", "y_stderr" (its error bar, or null), "label" (or null) —, "markers" ({"x",
 * "label"}) and the provenance record.  Labels are plain text (PLplot's escapes resolved: "e_L(P_s)
 * + B/τ"); a value that is not finite (a point the figure skips) is null.  CSV: through
 * limen_report_json_csv(json, "points", ...).  *text freed with limen_free. */
LIMEN_API int limen_plot_data_json(const limen_plot *plot, char **text, limen_error *err);
LIMEN_API void limen_figure_free(limen_figure *f);

/* ---- the figure of a sweep (limen figure sweep) ---------------------------------------------
 * Any CSV that `limen sweep --format csv` writes (long or wide layout; '#' comment lines and
 * blank lines skipped): column `x` on the x axis, the columns `y` (NULL: energy_J when present,
 * else every column ending in _J) on the y axis, one curve per paradigm (when the column is
 * there), per value of the column `by` (optional) and per value of every other swept axis (the
 * columns before paradigm or the first *_J column) that takes more than one value.  An axis whose values are all positive and span
 * two decades or more is logarithmic.  Errors name the option: an unknown column (with the near
 * miss: "x = 'parms': no column 'parms' in FILE (did you mean 'params'?)"), a column without
 * numbers, a file without rows; LIMEN_EINVAL or LIMEN_ENOTFOUND, LIMEN_EIO when unreadable. */
typedef struct limen_sweep_figure_config {
  const char *x;               /* required                                                       */
  const char *const *y;        /* n_y columns, or NULL                                            */
  size_t n_y;
  const char *by;              /* a further column that separates curves, or NULL                 */
  int width_px, height_px;     /* 0: 1200 × 800                                                   */
} limen_sweep_figure_config;
/* Most curves one sweep figure draws. */
#define LIMEN_SWEEP_FIGURE_MAX_SERIES 48
typedef struct limen_sweep_figure limen_sweep_figure;
LIMEN_API int limen_sweep_figure_alloc(const char *csv_path, const limen_sweep_figure_config *c,
                                       limen_sweep_figure **out, limen_error *err);
LIMEN_API const limen_plot *limen_sweep_figure_plot(const limen_sweep_figure *f);
LIMEN_API void limen_sweep_figure_free(limen_sweep_figure *f);

/* ==== simulate, validate, bound (sim_report.c, validate_report.c, bound_json.c) ============== */
#include "limen/bound_report.h"
#include "limen/fokker_planck.h"
#include "limen/langevin.h"
#include "limen/simulate.h"
#include "limen/validate.h"

/* The report's fields in output order (keys as in the JSON; `when` in LIMEN_SIM_HAS_*). */
LIMEN_API const limen_field *limen_sim_report_fields(size_t *n);
/* The report as JSON (the fields that apply; also result.json of --out). */
LIMEN_API int limen_sim_report_json(const limen_sim_report *r, char **text, limen_error *err);
/* CSV "bin_lo_kT,bin_hi_kT,count" of a histogram; "x_a,density_per_a" of a final density. */
LIMEN_API int limen_histogram_csv(const limen_histogram *h, char **text, limen_error *err);
LIMEN_API int limen_fp_density_csv(const limen_fp_result *r, char **text, limen_error *err);
/* The files of a run's output directory (--out): result.json, then density.csv (Fokker–Planck)
 * or work_hist.csv and heat_hist.csv (Langevin, when kept: limen_simulate_config.keep_files).
 * files[i].text is owned: release all with limen_sim_files_clear (also after a failure). */
typedef struct limen_out_file {
  const char *name; /* the file name in the directory */
  char *text;       /* its content                    */
} limen_out_file;
#define LIMEN_SIM_FILES_MAX 3
LIMEN_API int limen_sim_files(const limen_simulate_result *r, limen_out_file files[LIMEN_SIM_FILES_MAX], size_t *n,
                              limen_error *err);
LIMEN_API void limen_sim_files_clear(limen_out_file files[LIMEN_SIM_FILES_MAX], size_t n);
/* limen_text_file_write (datafile.h) writes each of them atomically. */
#include "limen/datafile.h"

/* ---- CSV of a JSON result -----------------------------------------------------------------
 * The CSV of a JSON document the library wrote: one row per object of its array `rows_key`
 * ("checks"), or with rows_key NULL the document as one row.  Nested objects are columns
 * "parent.child", arrays their JSON text, null an empty cell; the provenance record becomes the
 * CSV's leading '#' comment lines.  *csv freed with limen_free. */
LIMEN_API int limen_report_json_csv(const char *json, const char *rows_key, char **csv, limen_error *err);

/* ---- provenance (provenance.h) -----------------------------------------------------------
 * The provenance record as a JSON document of its own (the object every JSON document carries
 * under "provenance"); *text freed with limen_free. */
LIMEN_API int limen_provenance_json(char **text, limen_error *err);

/* ---- an --out directory's manifest ---------------------------------------------------------
 * A run that writes into a directory first removes its manifest (limen_manifest_clear), then
 * writes its files (each atomically), then the manifest (limen_manifest_write): JSON with
 * "format": "limen-out", "complete": true, limen's version, the UTC time, the command line
 * (NULL: null) and per file its name, size in bytes and SHA-256.  A directory without a manifest
 * is an incomplete or interrupted set; one whose files differ from their manifest was changed
 * since. */
#define LIMEN_MANIFEST_NAME "manifest.json"
LIMEN_API int limen_manifest_clear(const char *dir, limen_error *err);
LIMEN_API int limen_manifest_write(const char *dir, const char *const *names, size_t n, const char *command,
                                   limen_error *err);

/* The reference checks: the fields of a row (relation written as its text, "=", ">=" or ">"),
 * and the whole report as JSON: scale, seed, seconds, rows, failed, pass, checks. */
LIMEN_API const limen_field *limen_validate_row_fields(size_t *n);
LIMEN_API const char *limen_check_relation_text(limen_check_relation r);
LIMEN_API int limen_validate_report_json(const limen_validate_report *rep, const limen_validate_options *o,
                                         char **text, limen_error *err);

/* A bound report as JSON: bound, description, inputs {…}, the results, method, validity. */
LIMEN_API int limen_bound_report_json(const limen_bound_report *r, char **text, limen_error *err);
/* ==== end of simulate, validate, bound ====================================================== */

/* ---- training experiments (limen train) ------------------------------------------------------
 * What `limen train` writes for machines (--format json, summary.json, table.csv, trace*.csv under
 * --out) and the figures it draws, from the results of limen_experiment_train, _sweep, _scaling
 * and _maxcut (experiment.h).  Each JSON object is a flat record described by a field table;
 * numbers that are counts are written as numbers (10 significant digits), a target never reached
 * as null (JSON) or an empty field (CSV).  *text is freed with limen_free. */

/* One training run (summary.json of a run): what ran, then the numbers. */
typedef struct limen_train_record {
  char task[32];
  const char *paradigm, *schedule; /* memory type; limen_lr_kind_name                              */
  const char *cells;               /* "jump statistics" or "langevin"                              */
  double final_test_accuracy, final_train_accuracy, final_loss, target_accuracy;
  double energy_to_target_J, time_to_target_s, steps_to_target; /* NAN: never reached            */
  double total_heat_J, total_heat_kT, heat_stderr_J, closed_form_heat_J, bound_J;
  double heat_per_cell_step_J, heat_per_cell_step_kT, steps, n_params, window_s, time_s, eta0, bits, w_max;
  double final_barrier_kT, final_rate_dt, max_tilt_kT, driven_cell_steps, elementary_ops, temperature_K, seed;
  /* the speed of this run on this machine (limen_train_timing; not reproducible): steps per
   * second of the loop, and the cell physics' share of the time in physics and model */
  double wall_seconds, steps_per_second, physics_share;
} limen_train_record;
LIMEN_API const limen_field *limen_train_record_fields(size_t *n);
LIMEN_API void limen_train_record_make(const limen_experiment_run *run, limen_train_record *out);
LIMEN_API int limen_train_json(const limen_experiment_run *run, char **text, limen_error *err);
/* trace.csv of a run: step, time_s, heat_J, bound_J, loss, train_accuracy, test_accuracy. */
LIMEN_API int limen_train_trace_csv(const limen_train_result *r, char **text, limen_error *err);

/* One Max-Cut anneal (`limen train --task maxcut-<graph>`). */
typedef struct limen_anneal_record {
  char task[32];                   /* "maxcut-<graph>"                                             */
  const char *paradigm, *schedule;
  double best_cut, best_known_cut, gap, final_cut, best_sweep, target_fraction;
  double energy_to_target_J, time_to_target_s; /* NAN: never reached                              */
  double total_heat_J, coupling_work_J, static_heat_J, static_write_kT, flips, sweeps, n_spins;
  double beta0, beta_end, barrier0_kT, final_barrier_kT, attempt_rate0_per_s, t0_s, time_s, tau0_s, temperature_K;
  double seed;
} limen_anneal_record;
LIMEN_API const limen_field *limen_anneal_record_fields(size_t *n);
LIMEN_API void limen_anneal_record_make(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_run *m,
                                        limen_anneal_record *out);
LIMEN_API int limen_anneal_json(const limen_experiment_maxcut_config *c, const limen_experiment_maxcut_run *m,
                                char **text, limen_error *err);
/* trace.csv of an anneal: sweep, time_s, beta, barrier_kT, cut, best_cut, heat_modulated_J,
 * heat_static_J. */
LIMEN_API int limen_anneal_trace_csv(const limen_anneal_result *r, char **text, limen_error *err);

/* One run of the paradigms, window or barrier experiment: {"experiment", "task", "runs": [this
 * record, ...]}; the swept value is "window_s" (LIMEN_EXPERIMENT_ROW_WINDOW) or "barrier_kT"
 * (LIMEN_EXPERIMENT_ROW_BARRIER), absent for paradigms. */
typedef struct limen_experiment_row_record {
  const char *paradigm;
  double value;
  double final_test_accuracy, final_loss, steps_to_target, energy_to_target_J, total_heat_J, closed_form_heat_J;
  double heat_stderr_J, bound_J, heat_per_cell_step_J, final_rate_dt, final_barrier_kT;
} limen_experiment_row_record;
enum { LIMEN_EXPERIMENT_ROW_WINDOW = 1u, LIMEN_EXPERIMENT_ROW_BARRIER = 2u };
LIMEN_API const limen_field *limen_experiment_row_fields(size_t *n);
LIMEN_API void limen_experiment_row_make(const limen_experiment_sweep_run *e, limen_experiment_row_record *out);
/* The `when` bits of a sweep's rows (0 for paradigms). */
LIMEN_API unsigned limen_experiment_row_has(limen_experiment_kind kind);
LIMEN_API int limen_experiment_sweep_json(const limen_experiment_sweep_result *r, char **text, limen_error *err);
/* table.csv: paradigm, value, test acc, heat to target [J], total heat [J], closed form [J],
 * bound [J], r·Δt last. */
LIMEN_API int limen_experiment_sweep_csv(const limen_experiment_sweep_result *r, char **text, limen_error *err);

/* The scaling bridge: the head of its JSON object, then "runs": [limen_scaling_row_record, ...]. */
typedef struct limen_scaling_record {
  const char *experiment;          /* "scaling"                                                    */
  char task[32];
  double params, steps, grad_scale_effective, tilt_per_level_effective_kT, drift_diffusion_ratio_effective;
  double landauer_adiabatic_same_run_J, brain_scale_params, brain_scale_steps, landauer_adiabatic_brain_scale_J;
} limen_scaling_record;
typedef struct limen_scaling_row_record {
  const char *paradigm, *projection;
  double measured_heat_J, projected_same_run_J, heat_per_elementary_op_kT, projected_update_per_op_kT;
  double heat_per_cell_step_J, brain_scale_extrapolated_J, brain_scale_projected_J;
  double measured_over_projected;  /* table.csv only                                              */
} limen_scaling_row_record;
LIMEN_API const limen_field *limen_scaling_record_fields(size_t *n);
LIMEN_API const limen_field *limen_scaling_row_fields(size_t *n);
LIMEN_API void limen_scaling_record_make(const limen_experiment_scaling_result *r, limen_scaling_record *out);
LIMEN_API void limen_scaling_row_make(const limen_experiment_scaling_row *w, limen_scaling_row_record *out);
LIMEN_API int limen_experiment_scaling_json(const limen_experiment_scaling_result *r, char **text, limen_error *err);
/* table.csv: one row per measured paradigm, the columns of the tool's table (10 digits). */
LIMEN_API int limen_experiment_scaling_csv(const limen_experiment_scaling_result *r, char **text, limen_error *err);

/* The Max-Cut study: {"runs": [limen_maxcut_row_record, ...], then the configuration
 * (limen_maxcut_study_record)}. */
typedef struct limen_maxcut_study_record {
  const char *experiment;          /* "maxcut"                                                     */
  double target_fraction, sweeps, beta0, beta_end, barrier0_kT, barrier_rise_kT, tau0_s, temperature_K, seed;
} limen_maxcut_study_record;
typedef struct limen_maxcut_row_record {
  char graph[16];
  double n_spins, best_cut, best_known_cut, gap, final_cut, best_sweep, energy_to_target_J, time_to_target_s;
  double total_heat_J, coupling_work_J, static_heat_J, flips, time_s;
} limen_maxcut_row_record;
LIMEN_API const limen_field *limen_maxcut_study_fields(size_t *n);
LIMEN_API const limen_field *limen_maxcut_row_fields(size_t *n);
LIMEN_API void limen_maxcut_study_make(const limen_experiment_maxcut_config *c, limen_maxcut_study_record *out);
LIMEN_API void limen_maxcut_row_make(const limen_experiment_maxcut_run *m, limen_maxcut_row_record *out);
LIMEN_API int limen_experiment_maxcut_json(const limen_experiment_maxcut_config *c,
                                           const limen_experiment_maxcut_result *r, char **text, limen_error *err);
/* table.csv: graph, spins, best cut, best-known, gap, heat to target [J], time to target [s],
 * modulated heat [J], static heat [J], time [s]. */
LIMEN_API int limen_experiment_maxcut_csv(const limen_experiment_maxcut_result *r, char **text, limen_error *err);

/* The figures an experiment draws under --out: each a plot (series, labels, axes, note) and the
 * file name `limen train` gives it ("accuracy_vs_heat.png").  The plots point into the set, which
 * owns them; the results may be cleared once the set is made. */
typedef struct limen_train_figures limen_train_figures;
/* paradigms: accuracy against heat and time; window, barrier: heat and accuracy against the
 * swept value. */
LIMEN_API int limen_experiment_sweep_figures(const limen_experiment_sweep_result *r, limen_train_figures **out,
                                             limen_error *err);
/* Energy against N: limen project and the measured heat extrapolated. */
LIMEN_API int limen_experiment_scaling_figures(const limen_experiment_scaling_result *r, limen_train_figures **out,
                                               limen_error *err);
/* Best cut against heat and against time, every graph of the result. */
LIMEN_API int limen_experiment_maxcut_figures(const limen_experiment_maxcut_config *c,
                                              const limen_experiment_maxcut_result *r, limen_train_figures **out,
                                              limen_error *err);
LIMEN_API size_t limen_train_figures_count(const limen_train_figures *f);
LIMEN_API const limen_plot *limen_train_figures_plot(const limen_train_figures *f, size_t i);
LIMEN_API const char *limen_train_figures_name(const limen_train_figures *f, size_t i);
LIMEN_API void limen_train_figures_free(limen_train_figures *f);

#ifdef __cplusplus
}
#endif
#endif
