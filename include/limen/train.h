/* SPDX-License-Identifier: GPL-3.0-or-later
 * train.h: models, gradients and the training loop that runs inside a physical memory
 * array (memory.h), theory §6.
 *
 * Models (parameters in one flat vector w):
 *   softmax    multinomial logistic regression, K classes: W (K × d, row-major) then b (K).
 *              With K = 2 it is binary logistic regression (in the over-complete softmax
 *              parameterization).
 *   mlp        one hidden tanh layer: W1 (h × d), b1 (h), W2 (K × h), b2 (K); softmax output.
 *   quadratic  f(x) = ½xᵀAx − bᵀx with A symmetric positive definite; optimum x* = A⁻¹b
 *              (Cholesky, GSL), f* = −½bᵀx*.
 * Loss: mean softmax cross-entropy over the samples + (l2/2)·Σ(weights²) (biases excluded);
 * gradients are analytic (tests check them against central finite differences).
 *
 * Training: at step k (k = 0 … K−1) the gradient g of the mean loss over a batch (the whole
 * training set when batch = 0; otherwise consecutive slices of a permutation reshuffled
 * every epoch by gsl_rng_mt19937 seeded with seed) asks for Δw = −η(k)·g; the memory array
 * realizes it in the window Δt and reports the heat.  Physical time advances by
 * Δt + hold_s per step.  Learning-rate schedules are limen_lr_schedule of bounds.h with
 * t = k.  Every eval_every steps (and at the last) the full training loss, training and test
 * accuracy are recorded against physical time and cumulative heat.  For the quadratic task
 * "accuracy" is 1 − (f(w) − f*)/(f(w₀) − f*) and "loss" is the suboptimality f(w) − f*. */
#ifndef LIMEN_TRAIN_H
#define LIMEN_TRAIN_H

#include <stddef.h>

#include "limen/bounds.h"
#include <stdint.h>

#include "limen/common.h"
#include "limen/dataset.h"
#include "limen/memory.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { LIMEN_NET_SOFTMAX = 0, LIMEN_NET_MLP = 1, LIMEN_NET_QUADRATIC = 2 } limen_net_kind;

typedef struct limen_net {
  limen_net_kind kind;
  size_t n_in, n_hidden, n_out; /* d, h, K (quadratic: n_in = dimension)         */
  size_t n_params;
  double l2;                    /* L2 penalty on weights                          */
  double *A, *b, *x_star;       /* quadratic: A (n × n), b, x*  (else NULL)       */
  double f_star;                /* quadratic: f(x*)                               */
} limen_net;

LIMEN_API int limen_net_softmax_init(limen_net *m, size_t d, size_t classes, double l2, limen_error *err);
LIMEN_API int limen_net_mlp_init(limen_net *m, size_t d, size_t hidden, size_t classes, double l2, limen_error *err);
/* Random SPD A = MᵀM/n + I (M standard normal, gsl_rng_mt19937 seeded with seed) and b
 * standard normal: eigenvalues of A lie in about [1, 5]. */
LIMEN_API int limen_net_quadratic_init(limen_net *m, size_t n, uint64_t seed, limen_error *err);
LIMEN_API void limen_net_clear(limen_net *m);

/* Initial parameters: softmax and quadratic zero; mlp weights uniform in ±√(6/(fan_in +
 * fan_out)) (Glorot & Bengio 2010) from gsl_rng_mt19937(seed), biases zero. */
LIMEN_API int limen_net_init_params(const limen_net *m, uint64_t seed, double *w, limen_error *err);

/* Mean loss over the rows idx[0 … n_idx−1] of ds (idx NULL: all rows) and its gradient
 * (grad may be NULL).  The quadratic model ignores ds and idx. */
LIMEN_API int limen_net_loss_grad(const limen_net *m, const double *w, const limen_dataset *ds, const size_t *idx,
                          size_t n_idx, double *loss, double *grad, limen_error *err);
/* Fraction of rows of ds classified correctly (argmax of the logits). */
LIMEN_API int limen_net_accuracy(const limen_net *m, const double *w, const limen_dataset *ds, double *acc,
                         limen_error *err);

typedef struct limen_train_config {
  size_t steps;           /* K ≥ 1                                                        */
  size_t batch;           /* rows per step; 0 = full batch                                */
  limen_lr_schedule lr;   /* η(k)                                                          */
  double window_s;        /* update window Δt                                              */
  double target;          /* target test accuracy for the energy-to-solution               */
  size_t eval_every;      /* record every this many steps (≥ 1)                            */
  uint64_t seed;     /* initial parameters and batch order                            */
  int record_updates;     /* keep the desired moves and window rates (closed-form curves)  */
  /* Progress (may be NULL): called after every recorded step with the fraction of the steps
   * done (the tool's progress on stderr); it only reads, so results do not depend on it.      */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
} limen_train_config;

typedef struct limen_train_point {
  size_t step;            /* steps done                                                    */
  double time_s;          /* physical time                                                  */
  double heat_J;          /* cumulative measured heat                                       */
  double bound_J;         /* cumulative bound                                               */
  double loss;            /* full training loss (quadratic: suboptimality)                  */
  double train_accuracy;
  double test_accuracy;
} limen_train_point;

/* Where a run's wall-clock time went (omp_get_wtime): the cell physics (the memory array
 * realizing each step's updates, limen_memory_apply, whichever cells it simulates) and the model
 * arithmetic (gradients and the evaluations of the trace).  Unlike every other result these
 * depend on the machine and its load. */
typedef struct limen_train_timing {
  double wall_s;     /* the training loop                                                    */
  double physics_s;  /* inside the memory array                                              */
  double model_s;    /* gradients and evaluations                                            */
} limen_train_timing;

typedef struct limen_train_result {
  const char *paradigm;
  size_t steps, n_params;
  double temperature_K;
  double final_loss, final_train_accuracy, final_test_accuracy;
  double total_heat_J;        /* Σ measured heat                                          */
  double expected_heat_J;     /* Σ closed-form expectation of the protocols used           */
  double heat_stderr_J;       /* standard error of total_heat_J given the protocols          */
  double bound_J;             /* Σ lower bound for the same trajectory                      */
  double energy_to_target_J;  /* cumulative heat when the test accuracy first reached the
                                 target (NAN when it never did)                             */
  double time_to_target_s;    /* physical time then (NAN when never)                        */
  size_t steps_to_target;     /* 0 when never                                                */
  double time_s;              /* total physical time                                         */
  double ops;                 /* elementary operations (bit flips / levels crossed)         */
  double mean_abs_update;     /* mean |Δw| asked for per cell and step (parameter units)     */
  double heat_per_cell_step_J;/* total heat / (n_params · steps)                            */
  double final_barrier_kT;    /* barrier of the last window                                  */
  double final_rate_dt;       /* r·Δt of the last window (hopping paradigms)                */
  double max_tilt_kT;         /* largest tilt applied                                        */
  size_t driven;              /* cell-steps driven over the barrier                          */
  limen_train_point *points;
  size_t n_points;
  /* with record_updates (else NULL): desired move of every cell in every step in levels,
   * m = Δw/δ (steps × n_params, step-major), and the zero-tilt hop rate r_k of each window
   * (per τ₀; 0 for the non-hopping paradigms) */
  double *updates_levels;
  double *rate_per_tau0;
  double tau0_s;
  limen_train_timing timing;  /* wall-clock time of the run (machine-dependent)              */
} limen_train_result;

/* Train `model` on train (evaluated on test; both NULL for the quadratic model) with its
 * parameters in a memory array of `type` configured by mem (NULL: defaults; the array's
 * schedule is replaced by cfg->lr so that lim-matched follows the schedule in use). */
LIMEN_API int limen_train_run(const limen_net *model, const limen_dataset *train, const limen_dataset *test,
                    const limen_memory_type *type, const limen_memory_config *mem, const limen_train_config *cfg,
                    limen_train_result *out, limen_error *err);
LIMEN_API void limen_train_result_clear(limen_train_result *r);

/* The closed form (H) for a recorded trajectory (record_updates) replayed with another update
 * window: Σ_k Σ_i e_H(m_ki, r_k·window_s/τ₀) (limen_hop_cost_kT), in kT.  At the run's own
 * window this is the run's expected heat (cells driven over the barrier excepted).  The
 * hopping rates r_k are those of the run (lim-matched: r(E_b(0))·η(k)/η(0)). */
LIMEN_API int limen_train_hop_closed_form_kT(const limen_train_result *r, double window_s, double *e_kT, limen_error *err);

/* Named tasks with their data, preprocessing, model and suggested hyperparameters:
 *   "digits"         softmax regression on digits (64 → 10), test fraction 0.25
 *   "digits-mlp"     mlp 64–32–10 on digits
 *   "breast-cancer"  logistic regression on breast cancer (standardized on the train split)
 *   "quadratic"      20-dimensional quadratic program with known optimum */
typedef struct limen_task {
  char name[32];
  limen_net model;
  limen_dataset *train, *test;
  limen_train_config defaults;
} limen_task;
LIMEN_API int limen_task_setup(const char *name, uint64_t seed, limen_task *task, limen_error *err);
LIMEN_API void limen_task_clear(limen_task *task);
/* NULL-terminated names of the tasks. */
LIMEN_API const char *const *limen_task_names(void);

#ifdef __cplusplus
}
#endif
#endif
