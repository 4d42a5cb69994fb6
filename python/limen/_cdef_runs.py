# SPDX-License-Identifier: GPL-3.0-or-later
"""The C declarations of the simulation, validation and training calls (simulate.h,
validate.h, experiment.h, report.h), for cffi's ABI mode; declared after _cdef.CDEF, whose
types they may use.  python/tests/test_layout.py checks the layout of STRUCTS_RUNS."""

CDEF_RUNS = r"""
/* ---- common.h, input.h: the statuses and the row flag these calls' errors and inputs use ---- */
enum { LIMEN_OK = 0, LIMEN_EINVAL = 1, LIMEN_ENOTFOUND = 2 };
enum { LIMEN_INPUT_INTEGER = 1, LIMEN_INPUT_COUNT = 16 };

/* ---- protocol.h, langevin.h, fokker_planck.h: the parts a simulation's config and result hold */
typedef struct limen_precision limen_precision;
typedef struct limen_protocol limen_protocol;
typedef struct limen_integrator_type limen_integrator_type;
typedef struct limen_histogram limen_histogram;

typedef struct limen_protocol_args {
  double duration;
  double barrier_kT;
  double barrier_low_kT;
  double tilt_kT;
  int bit;
  double success;
  int levels;
  int start_level;
  int hop_levels;
  double stiffness;
  double stiffness_final;
  double distance;
  double ramp_fraction;
} limen_protocol_args;

typedef enum { LIMEN_INIT_EQUILIBRIUM = 0, LIMEN_INIT_FIXED = 1 } limen_init_kind;

typedef struct limen_langevin_config {
  double dt;
  size_t n_traj;
  uint64_t seed;
  int threads;
  const limen_integrator_type *integrator;
  limen_init_kind init;
  double x0;
  unsigned record;
  size_t hist_bins;
  size_t n_sample_traj;
  size_t sample_every;
  double passage_x;
  int stop_at_passage;
  unsigned noise_refine;
  const limen_precision *precision;
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_langevin_config;

typedef struct limen_langevin_result {
  size_t n_traj;
  size_t n_steps;
  double dt;
  double duration;
  double mean_work, stderr_work;
  double mean_heat, stderr_heat;
  double mean_dU, stderr_dU;
  double success, stderr_success;
  double max_first_law_residual;
  double *work, *heat, *dU, *x_final;
  double *passage_time;
  size_t n_passed;
  limen_histogram *work_hist, *heat_hist;
  size_t n_sample_traj, n_sample_points;
  double *sample_t;
  double *sample_x;
} limen_langevin_result;

typedef enum { LIMEN_FP_TRBDF2 = 0, LIMEN_FP_BACKWARD_EULER = 1 } limen_fp_scheme;

typedef struct limen_fp_config {
  double dt;
  size_t n_cells;
  double h_max;
  double cut_kT;
  double x_lo, x_hi;
  limen_fp_scheme scheme;
  limen_init_kind init;
  double x0;
  double max_work;
  const limen_precision *precision;
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_fp_config;

typedef struct limen_fp_result {
  size_t n_steps;
  double dt;
  double duration;
  size_t n_cells;
  double x_lo, x_hi, dx;
  double mean_work;
  double mean_heat;
  double mean_dU;
  double first_law_residual;
  double success;
  double mass_error;
  double free_energy_change;
  double *x, *rho;
} limen_fp_result;

/* ---- validate.h ------------------------------------------------------------------------------ */
typedef struct limen_sim_bound {
  const char *name;
  const char *quantity;
  const char *relation;
  double value_kT;
  double landauer_kT;
  double success_used;
  double stderr_kT;
  double information_kT;
  double occupation_initial, occupation_final;
} limen_sim_bound;

typedef struct limen_sim_summary {
  double duration, dt;
  size_t steps;
  double mean_work, stderr_work, mean_heat, stderr_heat, mean_dU, stderr_dU;
  double success, stderr_success;
  double first_law_residual;
  limen_sim_bound bound;
  double bound_gap_kT;
  double bound_gap_z;
} limen_sim_summary;

typedef enum { LIMEN_CHECK_EQUAL = 0, LIMEN_CHECK_AT_LEAST = 1, LIMEN_CHECK_GREATER = 2 } limen_check_relation;

typedef struct limen_validate_row {
  char name[64];
  char note[160];
  limen_check_relation relation;
  double expected;
  double measured;
  double tolerance;
  double stderr_;
  double z;
  int pass;
} limen_validate_row;

typedef struct limen_validate_options {
  double scale;
  int threads;
  uint64_t seed;
  double z_max;
  const char *only;
  void (*progress)(void *ctx, const char *check, size_t index, size_t count);
  void *progress_ctx;
} limen_validate_options;

limen_validate_options limen_validate_options_default(void);
const limen_input *limen_validate_inputs(size_t *n);

typedef struct limen_validate_report {
  size_t n_rows;
  limen_validate_row *rows;
  size_t n_failed;
  double seconds;
} limen_validate_report;

const char *const *limen_validate_check_names(void);
int limen_validate_run(const limen_validate_options *opt, limen_validate_report *rep, limen_error *err);
void limen_validate_report_clear(limen_validate_report *rep);
int limen_validate_report_json(const limen_validate_report *rep, const limen_validate_options *o,
                               char **text, limen_error *err);

/* ---- simulate.h -------------------------------------------------------------------------------- */
typedef struct limen_sim_report {
  const char *protocol, *kind, *potential, *method, *integrator;
  limen_sim_summary summary;
  double mean_work_J, mean_heat_J, temperature_K, tau0_s, duration_s, dt_s;
  double start_x, passage_x;
  double mean_passage_tau0, stderr_passage_tau0, exact_passage_tau0, passage_z, mean_passage_s;
  size_t passed, grid_cells, trajectories;
  double grid_dx, grid_x_lo, grid_x_hi, mass_error;
  long seed;
  double wall_seconds;
  unsigned has;
} limen_sim_report;

typedef struct limen_simulate_config {
  const char *protocol;
  const char *protocol_file;
  const char *method;
  const char *integrator;
  limen_protocol_args args;
  limen_langevin_config langevin;
  limen_fp_config fp;
  double tau0_s;
  double temperature_K;
  double max_work;
  uint32_t given;
  int keep_files;
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_simulate_config;

const limen_input *limen_simulate_inputs(size_t *n);
limen_simulate_config limen_simulate_config_default(void);
int limen_simulate_config_set_text(limen_simulate_config *cfg, const char *name, const char *text,
                                   limen_error *err);
int limen_simulate_config_set(limen_simulate_config *cfg, const char *name, double value, limen_error *err);

typedef struct limen_simulate_comm limen_simulate_comm;

typedef struct limen_simulate_result {
  limen_sim_report report;
  limen_protocol *protocol;
  limen_langevin_result langevin;
  limen_fp_result fp;
} limen_simulate_result;

int limen_simulate_run(const limen_simulate_config *cfg, const limen_simulate_comm *comm,
                       limen_simulate_result *res, limen_error *err);
void limen_simulate_result_clear(limen_simulate_result *res);
int limen_sim_report_json(const limen_sim_report *r, char **text, limen_error *err);

/* ---- bounds.h, memory.h, train.h ------------------------------------------------------------ */
typedef struct limen_lr_schedule {
  limen_lr_kind kind;
  double eta0;
  double t0;
  double t_end;
  double eta_min;
} limen_lr_schedule;
const char *limen_lr_kind_name(limen_lr_kind kind);

typedef enum { LIMEN_CELLS_JUMP = 0, LIMEN_CELLS_LANGEVIN = 1 } limen_cells_kind;

typedef struct limen_memory_config {
  double temperature_K;
  double tau0_s;
  int bits;
  double w_max;
  double retention_barrier_kT;
  double write_fail;
  double low_barrier_kT;
  double hold_s;
  limen_lr_schedule schedule;
  uint64_t seed;
  limen_cells_kind cells;
  double langevin_dt;
} limen_memory_config;

const limen_input *limen_memory_config_inputs(size_t *n);

typedef struct limen_memory_type {
  const char *name;
  const char *description;
  int physical;
  void *init;
  void *release;
  void *apply;
} limen_memory_type;
const limen_memory_type *const *limen_memory_types(void);

typedef enum { LIMEN_NET_SOFTMAX = 0, LIMEN_NET_MLP = 1, LIMEN_NET_QUADRATIC = 2 } limen_net_kind;

typedef struct limen_train_config {
  size_t steps;
  size_t batch;
  limen_lr_schedule lr;
  double window_s;
  double target;
  size_t eval_every;
  uint64_t seed;
  int record_updates;
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_train_config;

typedef struct limen_train_point {
  size_t step;
  double time_s;
  double heat_J;
  double bound_J;
  double loss;
  double train_accuracy;
  double test_accuracy;
} limen_train_point;

typedef struct limen_train_timing {
  double wall_s, physics_s, model_s;
} limen_train_timing;

typedef struct limen_train_result {
  const char *paradigm;
  size_t steps, n_params;
  double temperature_K;
  double final_loss, final_train_accuracy, final_test_accuracy;
  double total_heat_J;
  double expected_heat_J;
  double heat_stderr_J;
  double bound_J;
  double energy_to_target_J;
  double time_to_target_s;
  size_t steps_to_target;
  double time_s;
  double ops;
  double mean_abs_update;
  double heat_per_cell_step_J;
  double final_barrier_kT;
  double final_rate_dt;
  double max_tilt_kT;
  size_t driven;
  limen_train_point *points;
  size_t n_points;
  double *updates_levels;
  double *rate_per_tau0;
  double tau0_s;
  limen_train_timing timing;
} limen_train_result;

const char *const *limen_task_names(void);

/* ---- experiment.h ------------------------------------------------------------------------------ */
const limen_input *limen_experiment_inputs(size_t *n);
const limen_input *limen_experiment_maxcut_inputs(size_t *n);

typedef struct limen_experiment_config {
  const char *task;
  const char *paradigm;
  uint64_t seed;
  size_t steps;
  size_t batch;
  size_t eval_every;
  double window_s;
  double target;
  double eta0;
  double lr_t0;
  const char *schedule;
  double eta_min_fraction;
  limen_memory_config memory;
  double max_langevin_steps;
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_experiment_config;

limen_experiment_config limen_experiment_config_default(void);

typedef struct limen_experiment_setup {
  char task[32];
  limen_net_kind model_kind;
  size_t n_params;
  limen_train_config train;
  limen_memory_config memory;
  double window_tau0;
  double langevin_steps;
  int langevin_refused;
} limen_experiment_setup;

typedef struct limen_experiment_run {
  limen_experiment_setup setup;
  limen_train_result result;
  double total_heat_kT;
  double heat_per_cell_step_kT;
} limen_experiment_run;

int limen_experiment_train(const limen_experiment_config *cfg, limen_experiment_run *out, limen_error *err);
void limen_experiment_run_clear(limen_experiment_run *run);
int limen_experiment_langevin_refusal(const limen_experiment_setup *setup, const limen_experiment_config *cfg,
                                      limen_error *err);

typedef struct limen_experiment_request {
  const char *experiment;
  const char *task;
  const char *paradigm;
  const char *schedule;
  double hold;
  const char *const *given;
  size_t n_given;
} limen_experiment_request;

int limen_experiment_request_conflicts(const limen_experiment_request *r, limen_error *err);
int limen_experiment_request_choices(const limen_experiment_request *r, limen_error *err);

typedef enum {
  LIMEN_EXPERIMENT_PARADIGMS = 0, LIMEN_EXPERIMENT_WINDOW = 1, LIMEN_EXPERIMENT_BARRIER = 2
} limen_experiment_kind;
const char *limen_experiment_kind_name(limen_experiment_kind kind);

typedef struct limen_experiment_sweep_config {
  limen_experiment_kind kind;
  limen_experiment_config run;
  double values[32];
  size_t n_values;
  size_t curve_points;
} limen_experiment_sweep_config;

limen_experiment_sweep_config limen_experiment_sweep_config_default(limen_experiment_kind kind);

typedef struct limen_experiment_sweep_run {
  const char *paradigm;
  double value;
  limen_train_result result;
} limen_experiment_sweep_run;

typedef struct limen_experiment_curve {
  const char *paradigm;
  double ref_value;
  double *window_s, *heat_J;
  size_t n;
} limen_experiment_curve;

typedef struct limen_experiment_sweep_result {
  limen_experiment_kind kind;
  limen_experiment_setup setup;
  limen_experiment_sweep_run *runs;
  size_t n_runs, n_paradigms, n_values;
  limen_experiment_curve curves[2];
  size_t n_curves;
} limen_experiment_sweep_result;

int limen_experiment_sweep(const limen_experiment_sweep_config *cfg, limen_experiment_sweep_result *out,
                           limen_error *err);
void limen_experiment_sweep_result_clear(limen_experiment_sweep_result *r);

/* ---- report.h: training ------------------------------------------------------------------------ */
int limen_train_json(const limen_experiment_run *run, char **text, limen_error *err);
int limen_train_trace_csv(const limen_train_result *r, char **text, limen_error *err);
int limen_experiment_sweep_json(const limen_experiment_sweep_result *r, char **text, limen_error *err);
"""

#: structs whose layout the header check compares
STRUCTS_RUNS: tuple = (
    "limen_protocol_args", "limen_langevin_config", "limen_langevin_result", "limen_fp_config",
    "limen_fp_result", "limen_sim_bound", "limen_sim_summary", "limen_validate_row", "limen_validate_options",
    "limen_validate_report", "limen_sim_report", "limen_simulate_config", "limen_simulate_result",
    "limen_lr_schedule", "limen_memory_config", "limen_memory_type", "limen_train_config", "limen_train_point",
    "limen_train_timing", "limen_train_result", "limen_experiment_config", "limen_experiment_setup", "limen_experiment_run",
    "limen_experiment_request", "limen_experiment_sweep_config", "limen_experiment_sweep_run",
    "limen_experiment_curve", "limen_experiment_sweep_result",
)
