/* SPDX-License-Identifier: GPL-3.0-or-later
 * model.c: softmax regression, a one-hidden-layer tanh MLP and a convex quadratic program,
 * with analytic gradients (train.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "limen/train.h"

static int check_l2(double l2, limen_error *err) {
  return limen_check_range(err, "limen_net", "l2", l2, 0.0, 0, 1e6, 0);
}

int limen_net_softmax_init(limen_net *m, size_t d, size_t classes, double l2, limen_error *err) {
  if (!m) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL model");
  memset(m, 0, sizeof *m);
  if (d == 0 || classes < 2)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "d = %zu, classes = %zu: need d ≥ 1, classes ≥ 2", d, classes);
  int st = check_l2(l2, err);
  if (st) return st;
  m->kind = LIMEN_NET_SOFTMAX;
  m->n_in = d;
  m->n_out = classes;
  m->n_params = classes * d + classes;
  m->l2 = l2;
  return LIMEN_OK;
}

int limen_net_mlp_init(limen_net *m, size_t d, size_t hidden, size_t classes, double l2, limen_error *err) {
  if (!m) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL model");
  memset(m, 0, sizeof *m);
  if (d == 0 || hidden == 0 || classes < 2)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "d = %zu, hidden = %zu, classes = %zu: need d, hidden ≥ 1, classes ≥ 2",
                           d, hidden, classes);
  int st = check_l2(l2, err);
  if (st) return st;
  m->kind = LIMEN_NET_MLP;
  m->n_in = d;
  m->n_hidden = hidden;
  m->n_out = classes;
  m->n_params = hidden * d + hidden + classes * hidden + classes;
  m->l2 = l2;
  return LIMEN_OK;
}

int limen_net_quadratic_init(limen_net *m, size_t n, uint64_t seed, limen_error *err) {
  if (!m) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL model");
  memset(m, 0, sizeof *m);
  if (n == 0 || n > 4096) return limen_error_set(err, LIMEN_EINVAL, __func__, "n = %zu: allowed range [1, 4096]", n);
  limen_gsl_quiet();
  m->kind = LIMEN_NET_QUADRATIC;
  m->n_in = n;
  m->n_params = n;
  m->A = malloc(n * n * sizeof *m->A);
  m->b = malloc(n * sizeof *m->b);
  m->x_star = malloc(n * sizeof *m->x_star);
  double *M = malloc(n * n * sizeof *M);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!m->A || !m->b || !m->x_star || !M || !rng) {
    free(M);
    if (rng) gsl_rng_free(rng);
    limen_net_clear(m);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "quadratic of dimension %zu", n);
  }
  gsl_rng_set(rng, seed);
  for (size_t i = 0; i < n * n; i++) M[i] = gsl_ran_gaussian(rng, 1.0);
  for (size_t i = 0; i < n; i++) m->b[i] = gsl_ran_gaussian(rng, 1.0);
  gsl_rng_free(rng);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j <= i; j++) {
      double s = 0;
      for (size_t k = 0; k < n; k++) s += M[k * n + i] * M[k * n + j];
      s /= (double)n;
      if (i == j) s += 1.0;
      m->A[i * n + j] = m->A[j * n + i] = s;
    }
  free(M);
  /* x* = A⁻¹ b by Cholesky */
  gsl_matrix *L = gsl_matrix_alloc(n, n);
  gsl_vector *x = gsl_vector_alloc(n);
  if (!L || !x) {
    if (L) gsl_matrix_free(L);
    if (x) gsl_vector_free(x);
    limen_net_clear(m);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "Cholesky workspace");
  }
  memcpy(L->data, m->A, n * n * sizeof *m->A);
  gsl_vector_const_view bv = gsl_vector_const_view_array(m->b, n);
  int gst = gsl_linalg_cholesky_decomp1(L);
  if (!gst) gst = gsl_linalg_cholesky_solve(L, &bv.vector, x);
  if (gst) {
    gsl_matrix_free(L);
    gsl_vector_free(x);
    limen_net_clear(m);
    return limen_error_set(err, LIMEN_ENUMERIC, __func__, "Cholesky solve failed: %s", gsl_strerror(gst));
  }
  memcpy(m->x_star, x->data, n * sizeof *m->x_star);
  gsl_matrix_free(L);
  gsl_vector_free(x);
  double fs = 0;
  for (size_t i = 0; i < n; i++) fs += m->b[i] * m->x_star[i];
  m->f_star = -0.5 * fs;
  return LIMEN_OK;
}

void limen_net_clear(limen_net *m) {
  if (!m) return;
  free(m->A);
  free(m->b);
  free(m->x_star);
  m->A = m->b = m->x_star = NULL;
}

int limen_net_init_params(const limen_net *m, uint64_t seed, double *w, limen_error *err) {
  if (!m || !w) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(w, 0, m->n_params * sizeof *w);
  if (m->kind != LIMEN_NET_MLP) return LIMEN_OK;
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
  if (!rng) return limen_error_set(err, LIMEN_ENOMEM, __func__, "generator");
  gsl_rng_set(rng, seed);
  size_t d = m->n_in, h = m->n_hidden, K = m->n_out;
  double a1 = sqrt(6.0 / (double)(d + h)), a2 = sqrt(6.0 / (double)(h + K));
  double *W1 = w, *W2 = w + h * d + h;
  for (size_t i = 0; i < h * d; i++) W1[i] = gsl_ran_flat(rng, -a1, a1);
  for (size_t i = 0; i < K * h; i++) W2[i] = gsl_ran_flat(rng, -a2, a2);
  gsl_rng_free(rng);
  return LIMEN_OK;
}

/* p = softmax(z) in place (max-shifted); returns log Σ e^{z − max} + max (log-partition). */
static double softmax_inplace(double *z, size_t K) {
  double mx = z[0];
  for (size_t k = 1; k < K; k++)
    if (z[k] > mx) mx = z[k];
  double s = 0;
  for (size_t k = 0; k < K; k++) {
    z[k] = exp(z[k] - mx);
    s += z[k];
  }
  for (size_t k = 0; k < K; k++) z[k] /= s;
  return mx + log(s);
}

/* Logits of one row into z (and hidden activations into hbuf for the mlp). */
static void forward(const limen_net *m, const double *w, const double *x, double *hbuf, double *z) {
  size_t d = m->n_in, K = m->n_out;
  if (m->kind == LIMEN_NET_SOFTMAX) {
    const double *W = w, *b = w + K * d;
    for (size_t k = 0; k < K; k++) {
      double s = b[k];
      const double *row = W + k * d;
      for (size_t j = 0; j < d; j++) s += row[j] * x[j];
      z[k] = s;
    }
    return;
  }
  size_t h = m->n_hidden;
  const double *W1 = w, *b1 = w + h * d, *W2 = b1 + h, *b2 = W2 + K * h;
  for (size_t u = 0; u < h; u++) {
    double s = b1[u];
    const double *row = W1 + u * d;
    for (size_t j = 0; j < d; j++) s += row[j] * x[j];
    hbuf[u] = tanh(s);
  }
  for (size_t k = 0; k < K; k++) {
    double s = b2[k];
    const double *row = W2 + k * h;
    for (size_t u = 0; u < h; u++) s += row[u] * hbuf[u];
    z[k] = s;
  }
}

static double l2_term(const limen_net *m, const double *w, double *grad) {
  if (m->l2 == 0) return 0;
  size_t d = m->n_in, K = m->n_out, h = m->n_hidden;
  double s = 0;
  if (m->kind == LIMEN_NET_SOFTMAX) {
    for (size_t i = 0; i < K * d; i++) {
      s += w[i] * w[i];
      if (grad) grad[i] += m->l2 * w[i];
    }
  } else {
    size_t o2 = h * d + h;
    for (size_t i = 0; i < h * d; i++) {
      s += w[i] * w[i];
      if (grad) grad[i] += m->l2 * w[i];
    }
    for (size_t i = o2; i < o2 + K * h; i++) {
      s += w[i] * w[i];
      if (grad) grad[i] += m->l2 * w[i];
    }
  }
  return 0.5 * m->l2 * s;
}

static int quadratic_loss_grad(const limen_net *m, const double *w, double *loss, double *grad) {
  size_t n = m->n_in;
  double f = 0;
  for (size_t i = 0; i < n; i++) {
    double ax = 0;
    const double *row = m->A + i * n;
    for (size_t j = 0; j < n; j++) ax += row[j] * w[j];
    f += 0.5 * w[i] * ax - m->b[i] * w[i];
    if (grad) grad[i] = ax - m->b[i];
  }
  if (loss) *loss = f;
  return LIMEN_OK;
}

int limen_net_loss_grad(const limen_net *m, const double *w, const limen_dataset *ds, const size_t *idx, size_t n_idx,
                          double *loss, double *grad, limen_error *err) {
  if (!m || !w) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (m->kind == LIMEN_NET_QUADRATIC) return quadratic_loss_grad(m, w, loss, grad);
  if (!ds) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL data set");
  if (ds->d != m->n_in || ds->classes != m->n_out)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "data set %zu features, %zu classes; model expects %zu, %zu", ds->d,
                           ds->classes, m->n_in, m->n_out);
  size_t rows = idx ? n_idx : ds->n;
  if (rows == 0) return limen_error_set(err, LIMEN_EINVAL, __func__, "no rows");
  size_t d = m->n_in, K = m->n_out, h = m->n_hidden;
  double *z = malloc((K + 2 * h + 1) * sizeof *z);
  if (!z) return limen_error_set(err, LIMEN_ENOMEM, __func__, "workspace");
  double *hb = z + K, *dh = hb + h;
  if (grad) memset(grad, 0, m->n_params * sizeof *grad);
  double L = 0;
  for (size_t r = 0; r < rows; r++) {
    size_t i = idx ? idx[r] : r;
    if (i >= ds->n) {
      free(z);
      return limen_error_set(err, LIMEN_EINVAL, __func__, "idx[%zu] = %zu: allowed range [0, %zu]", r, i, ds->n - 1);
    }
    const double *x = ds->x + i * d;
    int y = ds->y[i];
    forward(m, w, x, hb, z);
    double zy = z[y];
    double lse = softmax_inplace(z, K);
    L += lse - zy;
    if (!grad) continue;
    z[y] -= 1.0; /* δ = p − e_y */
    if (m->kind == LIMEN_NET_SOFTMAX) {
      double *gW = grad, *gb = grad + K * d;
      for (size_t k = 0; k < K; k++) {
        double dk = z[k];
        double *row = gW + k * d;
        for (size_t j = 0; j < d; j++) row[j] += dk * x[j];
        gb[k] += dk;
      }
    } else {
      const double *W2 = w + h * d + h;
      double *gW1 = grad, *gb1 = grad + h * d, *gW2 = gb1 + h, *gb2 = gW2 + K * h;
      for (size_t u = 0; u < h; u++) dh[u] = 0;
      for (size_t k = 0; k < K; k++) {
        double dk = z[k];
        double *row = gW2 + k * h;
        const double *wrow = W2 + k * h;
        for (size_t u = 0; u < h; u++) {
          row[u] += dk * hb[u];
          dh[u] += wrow[u] * dk;
        }
        gb2[k] += dk;
      }
      for (size_t u = 0; u < h; u++) {
        double du = dh[u] * (1.0 - hb[u] * hb[u]);
        double *row = gW1 + u * d;
        for (size_t j = 0; j < d; j++) row[j] += du * x[j];
        gb1[u] += du;
      }
    }
  }
  free(z);
  double inv = 1.0 / (double)rows;
  if (grad)
    for (size_t p = 0; p < m->n_params; p++) grad[p] *= inv;
  L = L * inv + l2_term(m, w, grad);
  if (loss) *loss = L;
  return LIMEN_OK;
}

int limen_net_accuracy(const limen_net *m, const double *w, const limen_dataset *ds, double *acc, limen_error *err) {
  if (!m || !w || !ds || !acc) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (m->kind == LIMEN_NET_QUADRATIC) return limen_error_set(err, LIMEN_EINVAL, __func__, "the quadratic model has no accuracy");
  if (ds->d != m->n_in || ds->classes != m->n_out)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "data set %zu features, %zu classes; model expects %zu, %zu", ds->d,
                           ds->classes, m->n_in, m->n_out);
  size_t K = m->n_out, h = m->n_hidden;
  double *z = malloc((K + h + 1) * sizeof *z);
  if (!z) return limen_error_set(err, LIMEN_ENOMEM, __func__, "workspace");
  size_t good = 0;
  for (size_t i = 0; i < ds->n; i++) {
    forward(m, w, ds->x + i * ds->d, z + K, z);
    size_t best = 0;
    for (size_t k = 1; k < K; k++)
      if (z[k] > z[best]) best = k;
    good += (int)best == ds->y[i];
  }
  free(z);
  *acc = (double)good / (double)ds->n;
  return LIMEN_OK;
}
