# SPDX-License-Identifier: GPL-3.0-or-later
"""The C declarations of liblimen that the package calls, for cffi's ABI mode.

Each struct mirrors its header in include/limen exactly (ABI mode computes the layout from
these declarations); python/tests/test_layout.py compiles the headers and checks every size
and offset.  Structs used only through pointers are declared opaque.
"""

CDEF = r"""
/* ---- common.h, input.h ----------------------------------------------------------------- */
typedef struct limen_error {
  int code;
  char msg[2048];
  char field[64];
  char value[64];
  char range[256];
  char trace[2048];
} limen_error;

const char *limen_strstatus(int code);
const char *limen_version(void);
const char *limen_git_revision(void);
int limen_provenance_begin(const char *command, limen_error *err);
int limen_provenance_json(char **text, limen_error *err);
void limen_free(void *p);

typedef enum {
  LIMEN_INPUT_DOUBLE = 0, LIMEN_INPUT_INT = 1, LIMEN_INPUT_SIZE = 2, LIMEN_INPUT_UINT64 = 3
} limen_input_type;

typedef struct limen_input {
  const char *name;
  const char *alias;
  const char *member;
  const char *symbol;
  const char *unit;
  const char *metavar;
  double lo, hi;
  int lo_open, hi_open;
  unsigned flags;
  limen_input_type type;
  size_t offset;
  double default_value;
  const char *default_text;
  const char *doc;
} limen_input;

const limen_input *limen_input_find(const limen_input *table, size_t n, const char *name);
int limen_input_lookup(const limen_input *table, size_t n, const char *func, const char *what,
                       const char *name, const limen_input **out, limen_error *err);
void limen_input_range_unit_text(const limen_input *in, char *buf, size_t n);
int limen_input_parse(const limen_input *in, const char *text, double *value, limen_error *err);
int limen_input_cell_time(const limen_input *in, const char *text);
size_t limen_number_prefix(const char *text);
int limen_input_parse_cell_time(const limen_input *in, const char *label, const char *text, double tau0_s,
                                double *value, limen_error *err);
int limen_input_check_given(const limen_input *in, double v, limen_error *err);
int limen_inputs_set_text(const limen_input *table, size_t n, void *obj, const char *name,
                          const char *text, limen_error *err);
int limen_inputs_set_value(const limen_input *table, size_t n, void *obj, const char *name, double v,
                           limen_error *err);

/* ---- path.h ------------------------------------------------------------------------------ */
typedef struct limen_path_config {
  int bits;
  double lo;
  double hi;
  int hist_min_log2;
  int hist_max_log2;
  int hist_octave_bits;
  double step_time_s;
  double temperature_K;
  int step_histograms;
} limen_path_config;

limen_path_config limen_path_config_default(void);
const limen_input *limen_path_config_inputs(size_t *n);
int limen_path_config_check(const limen_path_config *cfg, limen_error *err);

typedef struct limen_path_meter limen_path_meter;
int limen_path_meter_alloc(const limen_path_config *cfg, limen_path_meter **out, limen_error *err);
void limen_path_meter_free(limen_path_meter *m);
int limen_path_begin_step(limen_path_meter *m, limen_error *err);
int limen_path_add_f32(limen_path_meter *m, size_t tensor, const float *w, size_t n, limen_error *err);
int limen_path_add_f64(limen_path_meter *m, size_t tensor, const double *w, size_t n, limen_error *err);
int limen_path_end_step(limen_path_meter *m, limen_error *err);
void limen_path_abort_step(limen_path_meter *m);

typedef struct limen_path_step {
  uint64_t params;
  double path_levels;
  double path_sq_levels2;
  double max_move_levels;
  uint64_t changed;
  uint64_t bit_flips;
  uint64_t clamped;
} limen_path_step;

typedef struct limen_path_totals {
  size_t tensors;
  uint64_t params;
  uint64_t snapshots;
  uint64_t steps;
  uint64_t starts;
  uint64_t aborted;
  double path_levels;
  double path_sq_levels2;
  double max_move_levels;
  uint64_t changed;
  uint64_t bit_flips;
  uint64_t clamped;
  double level_size;
  size_t memory_bytes;
} limen_path_totals;

size_t limen_path_step_count(const limen_path_meter *m);
int limen_path_step_get(const limen_path_meter *m, size_t k, limen_path_step *out, limen_error *err);
int limen_path_totals_get(const limen_path_meter *m, limen_path_totals *out, limen_error *err);
limen_path_config limen_path_meter_config(const limen_path_meter *m);
size_t limen_path_hist_count(const limen_path_meter *m);
double limen_path_hist_edge(const limen_path_meter *m, size_t i);
int limen_path_totals_hist(const limen_path_meter *m, uint64_t *counts, size_t n, limen_error *err);

typedef struct limen_learning_path {
  int bits;
  double lo, hi;
  double step_time_s;
  double temperature_K;
  limen_path_totals totals;
  size_t n_steps;
  limen_path_step *steps;
  size_t hist_bins;
  double *hist_lo;
  uint64_t *hist_counts;
} limen_learning_path;

int limen_learning_path_from_meter(const limen_path_meter *m, limen_learning_path **out, limen_error *err);
void limen_learning_path_free(limen_learning_path *p);
int limen_learning_path_check(const limen_learning_path *p, limen_error *err);
int limen_learning_path_json(const limen_learning_path *p, char **text, limen_error *err);
int limen_learning_path_parse(const char *text, size_t len, limen_learning_path **out, limen_error *err);
int limen_learning_path_read(const char *file, limen_learning_path **out, limen_error *err);

/* ---- workload.h, hardware.h -------------------------------------------------------------- */
typedef enum { LIMEN_OPS_PER_FLOP = 0, LIMEN_OPS_PER_PARAMETER_STEP = 1 } limen_ops_convention;
typedef enum { LIMEN_LR_CONSTANT = 0, LIMEN_LR_INVERSE = 1, LIMEN_LR_COSINE = 2 } limen_lr_kind;

typedef struct limen_workload {
  char name[64];
  double params;
  double tokens;
  double flops;
  double flops_per_param_token;
  double batch_tokens;
  limen_ops_convention ops;
  double bits;
  double train_time_s;
  double temperature_K;
  double parallel_cells;
  double tau0_s;
  double retention_time_s;
  double retention_fail;
  double write_fail;
  double success;
  double consolidation_period_s;
  double write_time_s;
  double bytes_per_flop;
  double pue;
  limen_lr_kind lr_kind;
  double lr_eta0;
  double lr_t0_frac;
  double lr_eta_min_frac;
  double grad_scale;
  double param_range;
  double drift_diffusion_ratio;
  double hops_per_level;
  const limen_learning_path *path;
} limen_workload;

const limen_input *limen_workload_inputs(size_t *n);
const char *limen_workload_choices(const char *input);

typedef struct limen_model limen_model;
typedef struct limen_catalog limen_catalog;
int limen_catalog_load(const char *path, limen_catalog **out, limen_error *err);
int limen_catalog_load_with(const char *const *files, size_t n, limen_catalog **out, limen_error *err);
void limen_catalog_free(limen_catalog *c);

typedef struct limen_profile_set limen_profile_set;
int limen_profiles_load(const char *path, limen_profile_set **out, limen_error *err);
int limen_profiles_load_with(const char *const *files, size_t n, limen_profile_set **out, limen_error *err);
void limen_profiles_free(limen_profile_set *s);

typedef enum {
  LIMEN_ORIGIN_DEFAULT = 0, LIMEN_ORIGIN_CATALOG = 1, LIMEN_ORIGIN_DERIVED = 2, LIMEN_ORIGIN_GIVEN = 3,
  LIMEN_ORIGIN_PATH = 4
} limen_input_origin;

typedef struct limen_workload_request {
  const char *model;
  const char *ops;
  const char *lr_schedule;
  const char *name;
  double value[32];
  int given[32];
  const char *source[32];
  const limen_learning_path *learning_path;
  const char *learning_path_source;
} limen_workload_request;

void limen_workload_request_init(limen_workload_request *r);
int limen_workload_request_set(limen_workload_request *r, const char *name, double value, limen_error *err);
int limen_workload_request_set_text(limen_workload_request *r, const char *name, const char *text,
                                    limen_error *err);

typedef struct limen_workload_setup {
  limen_workload w;
  const limen_model *model;
  int custom;
  limen_input_origin origin[32];
  const char *source[32];
  const char *error_input;
  const char *learning_path_source;
} limen_workload_setup;

int limen_workload_setup_build(const limen_catalog *c, const limen_workload_request *r,
                               limen_workload_setup *setup, limen_error *err);
int limen_workload_setup_vary(const limen_workload_setup *setup, limen_workload *w, const char *name,
                              double value, limen_error *err);
typedef int (*limen_line_fn)(void *ctx, const char *line);
int limen_workload_assumptions(const limen_workload_setup *setup, const limen_workload *w,
                               limen_line_fn fn, void *ctx, limen_error *err);

/* ---- paradigm.h -------------------------------------------------------------------------- */
typedef enum {
  LIMEN_WORK_FLOP = 0, LIMEN_WORK_PARAMETER_UPDATE, LIMEN_WORK_READ, LIMEN_WORK_CONSOLIDATION,
  LIMEN_WORK_BARRIER_RISE
} limen_work_kind;

typedef struct limen_work_count {
  limen_work_kind kind;
  const char *term;
  double ops;
  double bits;
  double success;
  double floor_J;
  int reference;
} limen_work_count;

typedef struct limen_projection {
  char name[96];
  const char *description;
  const char *relation;
  double energy_J;
  double compute_J;
  double memory_J;
  double update_J;
  double consolidation_J;
  size_t n_counts;
  limen_work_count counts[6];
  double floor_J;
  int floor_is_bound;
  double bound_J;
  double ratio_to_floor;
  double headline_floor_J;
  double ratio_to_headline;
  double bits_used;
  int bits_mismatch;
  double effective_bits;
  double realized_J;
  double update_per_op_kT;
  int update_follows;
  size_t n_assumptions;
  char assumptions[40][256];
} limen_projection;

typedef struct limen_paradigm limen_paradigm;
int limen_paradigm_alloc(const char *spec, const limen_profile_set *profiles, limen_paradigm **out,
                         limen_error *err);
void limen_paradigm_free(limen_paradigm *p);
int limen_paradigm_project(const limen_paradigm *p, const limen_workload *w, const void *prec,
                           limen_projection *out, limen_error *err);
const char *const *limen_paradigm_default_specs(void);
int limen_paradigm_list_check(const char *const *specs, size_t n, limen_error *err);

/* ---- report.h ---------------------------------------------------------------------------- */
int limen_workload_json(const limen_workload *w, char **text, limen_error *err);

typedef struct limen_published {
  const limen_model *model;
  double energy_J;
  int compared;
  double pue;
  limen_projection projection;
} limen_published;
int limen_published_compare(const limen_model *model, const limen_workload *w,
                            const limen_profile_set *profiles, limen_published *out, limen_error *err);

typedef struct limen_project_report {
  const limen_workload *workload;
  const limen_projection *proj;
  size_t n;
  const limen_published *published;
  const char *const *assumptions;
  size_t n_assumptions;
} limen_project_report;
int limen_project_json(const limen_project_report *r, char **text, limen_error *err);
int limen_text_file_write(const char *dir, const char *name, const char *text, limen_error *err);
int limen_learning_path_workload(const limen_learning_path *p, limen_workload *w, limen_error *err);
int limen_projection_path_steps(const limen_projection *pr, const limen_workload *w, double *energy_J,
                                size_t n, limen_error *err);

typedef struct limen_sweep_axis {
  const char *name;
  double start, stop;
  size_t points;
  int log;
} limen_sweep_axis;

typedef enum { LIMEN_SWEEP_CSV_LONG = 0, LIMEN_SWEEP_CSV_WIDE = 1, LIMEN_SWEEP_JSON = 2 } limen_sweep_format;

typedef struct limen_sweep_report {
  const limen_sweep_axis *axes;
  size_t n_axes;
  const limen_workload *base;
  const char *const *specs;
  size_t n_specs;
  limen_sweep_format format;
} limen_sweep_report;

typedef struct limen_sweep_writer limen_sweep_writer;
double limen_sweep_axis_point(const limen_sweep_axis *a, size_t i);
int limen_sweep_writer_alloc(const limen_sweep_report *r, limen_sweep_writer **out, limen_error *err);
int limen_sweep_writer_point(limen_sweep_writer *wr, const double *x, const limen_projection *proj,
                             limen_error *err);
int limen_sweep_writer_finish(limen_sweep_writer *wr, char **text, limen_error *err);
void limen_sweep_writer_free(limen_sweep_writer *wr);
int limen_sweep_run(const limen_workload_setup *setup, const limen_sweep_axis *axes, size_t n_axes,
                    const char *const *specs, size_t n_specs, const limen_profile_set *profiles,
                    limen_sweep_writer *wr, limen_error *err);
void limen_cache_enable(int on);
void limen_cache_clear(void);
void limen_cache_stats(unsigned long long *hits, unsigned long long *misses);

int limen_catalog_json(const limen_catalog *c, char **text, limen_error *err);
int limen_profiles_json(const limen_profile_set *s, char **text, limen_error *err);

/* ---- cell.h, bound_report.h ------------------------------------------------------------- */
typedef enum { LIMEN_WELL_QUARTIC = 0, LIMEN_WELL_WASHBOARD = 1 } limen_well_kind;

typedef enum {
  LIMEN_BOUND_IN_BARRIER, LIMEN_BOUND_IN_TILT, LIMEN_BOUND_IN_WELL, LIMEN_BOUND_IN_LEVELS,
  LIMEN_BOUND_IN_SUCCESS, LIMEN_BOUND_IN_TAU, LIMEN_BOUND_IN_TAU0, LIMEN_BOUND_IN_TEMPERATURE,
  LIMEN_BOUND_IN_WRITE_FAIL, LIMEN_BOUND_IN_RETENTION_TIME, LIMEN_BOUND_IN_RETENTION_FAIL,
  LIMEN_BOUND_IN_MOVE, LIMEN_BOUND_IN_RATE_DT, LIMEN_BOUND_IN_COUNT
} limen_bound_input;

typedef struct limen_bound_kind {
  const char *name;
  const char *title;
  unsigned uses;
} limen_bound_kind;

const limen_bound_kind *const *limen_bound_kinds(void);
int limen_bound_kind_find(const char *name, const limen_bound_kind **out, limen_error *err);

typedef struct limen_bound_inputs {
  double barrier_kT;
  double tilt_kT;
  limen_well_kind well;
  int levels;
  double success;
  double tau_s;
  double tau0_s;
  double temperature_K;
  double write_fail;
  double retention_time_s;
  double retention_fail;
  double move_levels;
  double rate_dt;
} limen_bound_inputs;

limen_bound_inputs limen_bound_inputs_default(void);
const limen_input *limen_bound_inputs_table(size_t *n);
const limen_input *limen_bound_input_row(limen_bound_input which);

typedef struct limen_report_row {
  const char *key;
  const char *label;
  const char *unit;
  double value;
  const char *text;
  int input;
} limen_report_row;

typedef struct limen_bound_report {
  const limen_bound_kind *kind;
  size_t n_rows;
  limen_report_row rows[32];
  const char *method;
  const char *validity;
  char keys_[16][48];
  size_t n_keys_;
  char method_[512], validity_[512];
  char texts_[8][64];
  size_t n_texts_;
} limen_bound_report;

int limen_bound_report_compute(const limen_bound_kind *kind, const limen_bound_inputs *in,
                               const void *prec, limen_bound_report *out, limen_error *err);
int limen_bound_report_json(const limen_bound_report *r, char **text, limen_error *err);

"""

#: structs whose layout the header check compares (name in the headers: the typedef)
STRUCTS = (
    "limen_error", "limen_input", "limen_workload", "limen_workload_request", "limen_workload_setup",
    "limen_work_count", "limen_projection", "limen_published", "limen_project_report",
    "limen_sweep_axis", "limen_sweep_report", "limen_bound_kind", "limen_bound_inputs",
    "limen_report_row", "limen_bound_report", "limen_path_config", "limen_path_step",
    "limen_path_totals", "limen_learning_path",
)
