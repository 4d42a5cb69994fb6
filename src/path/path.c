/* SPDX-License-Identifier: GPL-3.0-or-later
 * path.c: the learning-path meter (path.h): configuration, the meter's state, the streaming
 * calls and the records.  The pass over a tensor is in path_kernel.c. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "limen/bounds.h"
#include "limen/units.h"
#include "path/path_internal.h"

/* ---- configuration ----------------------------------------------------------------------- */

#define ROW(nm, mem, type, sym, unit, mv, lo, lo_open, hi, hi_open, fl, def, deftext, doc)      \
  {nm, NULL, #mem, sym, unit, mv, lo, hi, lo_open, hi_open, fl, type,                         \
   offsetof(limen_path_config, mem), def, deftext, doc}
#define D LIMEN_INPUT_DOUBLE
#define I LIMEN_INPUT_INT
static const limen_input k_inputs[] = {
    ROW("bits", bits, I, "n", NULL, "N", 1, 0, 64, 0, LIMEN_INPUT_INTEGER, 16, "16",
        "bits per parameter: 2^N levels of size (hi - lo)/2^N"),
    ROW("lo", lo, D, "w_lo", NULL, "W", -1e300, 0, 1e300, 0, 0, -1.0, "-1",
        "lower end of the parameter range"),
    ROW("hi", hi, D, "w_hi", NULL, "W", -1e300, 0, 1e300, 0, 0, 1.0, "1",
        "upper end of the parameter range (> lo)"),
    ROW("hist-min-log2", hist_min_log2, I, "k_min", NULL, "K", -1022, 0, 1022, 0, LIMEN_INPUT_INTEGER,
        -10, "-10", "moves below 2^K levels fall in the histogram's zero bin"),
    ROW("hist-max-log2", hist_max_log2, I, "k_max", NULL, "K", -1021, 0, 1023, 0, LIMEN_INPUT_INTEGER,
        20, "20", "moves from 2^K levels on fall in the histogram's top bin"),
    ROW("hist-octave-bits", hist_octave_bits, I, "b", NULL, "B", 0, 0, 8, 0, LIMEN_INPUT_INTEGER, 0, "0",
        "2^B histogram bins per octave of the moves"),
    ROW("step-time", step_time_s, D, "Δt", "s", "S", 0, 1, 1e12, 0, LIMEN_INPUT_UNSET_ZERO, 0.0,
        "not given", "duration of one training step"),
    ROW("temperature", temperature_K, D, "T", "K", "K", 0, 1, 1e4, 0, 0,
        LIMEN_DEFAULT_TEMPERATURE_K, "300", "temperature T of the memory"),
    ROW("step-histograms", step_histograms, I, NULL, NULL, "0|1", 0, 0, 1, 0, LIMEN_INPUT_INTEGER,
        1, "1", "keep a histogram of the moves per step (1) or only in total (0)"),
};
#undef D
#undef I
#undef ROW
#define N_INPUTS (sizeof k_inputs / sizeof k_inputs[0])

/* Histogram bins between the zero and the top bin, at most. */
#define PATH_MAX_BINS 65536
/* Tensors per step, at most. */
#define PATH_MAX_TENSORS ((size_t)1 << 24)

const limen_input *limen_path_config_inputs(size_t *n) {
  if (n) *n = N_INPUTS;
  return k_inputs;
}

limen_path_config limen_path_config_default(void) {
  limen_path_config c;
  memset(&c, 0, sizeof c);
  limen_inputs_defaults(k_inputs, N_INPUTS, &c);
  return c;
}

int limen_path_config_check(const limen_path_config *c, limen_error *err) {
  static const char *fn = "limen_path_config";
  if (!c) return limen_error_set(err, LIMEN_EINVAL, fn, "NULL configuration");
  int st = limen_inputs_check(k_inputs, N_INPUTS, c, fn, err);
  if (st) return st;
  if (!(c->hi > c->lo) || !isfinite(c->hi - c->lo))
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "hi = %.10g: allowed range (lo, lo + 1.8e308) with lo = %.10g", c->hi, c->lo);
  if (c->hist_max_log2 <= c->hist_min_log2)
    return limen_error_set(err, LIMEN_EINVAL, fn, "hist_max_log2 = %d: allowed range [hist_min_log2 + 1, "
                           "1023] with hist_min_log2 = %d", c->hist_max_log2, c->hist_min_log2);
  if ((long)(c->hist_max_log2 - c->hist_min_log2) << c->hist_octave_bits > PATH_MAX_BINS)
    return limen_error_set(err, LIMEN_EINVAL, fn, "hist_octave_bits = %d: (hist_max_log2 - hist_min_log2)"
                           "·2^hist_octave_bits = %ld bins: allowed range [1, %d]", c->hist_octave_bits,
                           (long)(c->hist_max_log2 - c->hist_min_log2) << c->hist_octave_bits, PATH_MAX_BINS);
  double eps = limen_level_size(c->hi - c->lo, c->bits, LIMEN_LEVELS_BINS);
  if (!(eps >= 0x1p-1022) || !isfinite(ldexp(1.0, c->bits) / (c->hi - c->lo)))
    return limen_error_set(err, LIMEN_EINVAL, fn,
                           "hi - lo = %.10g: the level size (hi - lo)/2^%d = %.10g must be a normal "
                           "double (hi - lo ≥ 2^%d·2.2e-308)", c->hi - c->lo, c->bits, eps, c->bits);
  return LIMEN_OK;
}

/* ---- the meter ---------------------------------------------------------------------------- */

typedef struct path_tensor {
  size_t n;      /* values                                        */
  int type;      /* PATH_TYPE_*, NONE until first added           */
  int added;     /* in the open step                              */
  void *prev;    /* the copy of the previous values               */
  double path;   /* this step's sums (path_acc), folded in order   */
  double sumsq;
} path_tensor;

struct limen_path_meter {
  limen_path_config cfg;
  path_geom g;
  path_tensor *t;
  size_t nt, cap_t;
  int fixed;         /* the tensor set is that of the first completed step */
  int open;          /* a step is open                                     */
  int any_added;     /* a tensor was added in the open step                */
  int need_start;    /* the next completed step is a starting point        */
  path_acc step;     /* the open step's counts (path/sumsq per tensor)     */
  uint64_t *hist4;   /* PATH_LANES histograms of the open step             */
  limen_path_step *rec;
  uint64_t *rec_hist; /* nbins per record (step_histograms)               */
  size_t nrec, cap_rec;
  limen_path_totals tot;
  uint64_t *tot_hist;
};

void path_geom_init(path_geom *g, const limen_path_config *c) {
  g->lo = c->lo;
  g->hi = c->hi;
  g->top = ldexp(1.0, c->bits);
  g->scale = g->top / (c->hi - c->lo);
  g->cap = nextafter(g->top, 0.0);
  g->code_max = c->bits == 64 ? UINT64_MAX : (((uint64_t)1 << c->bits) - 1);
  g->wide = c->bits <= 31;
  g->octave_bits = c->hist_octave_bits;
  g->key_base = (int32_t)((c->hist_min_log2 + 1023) * (1 << c->hist_octave_bits));
  g->nbins = ((size_t)(c->hist_max_log2 - c->hist_min_log2) << c->hist_octave_bits) + 2;
}

static void meter_release(limen_path_meter *m) {
  for (size_t i = 0; i < m->nt; i++) free(m->t[i].prev);
  free(m->t);
  free(m->hist4);
  free(m->rec);
  free(m->rec_hist);
  free(m->tot_hist);
  free(m);
}

int limen_path_meter_alloc(const limen_path_config *cfg, limen_path_meter **out, limen_error *err) {
  static const char *fn = "limen_path_meter_alloc";
  if (!out) return limen_error_set(err, LIMEN_EINVAL, fn, "out = NULL");
  *out = NULL;
  limen_path_config c = cfg ? *cfg : limen_path_config_default();
  int st = limen_path_config_check(&c, err);
  if (st) return limen_error_wrap(err, st, fn, "configuration");
  limen_path_meter *m = calloc(1, sizeof *m);
  if (!m) return limen_error_set(err, LIMEN_ENOMEM, fn, "meter");
  m->cfg = c;
  path_geom_init(&m->g, &c);
  m->need_start = 1;
  if (!(m->hist4 = calloc(PATH_LANES * m->g.nbins, sizeof *m->hist4)) ||
      !(m->tot_hist = calloc(m->g.nbins, sizeof *m->tot_hist))) {
    meter_release(m);
    return limen_error_set(err, LIMEN_ENOMEM, fn, "histograms");
  }
  m->tot.level_size = limen_level_size(c.hi - c.lo, c.bits, LIMEN_LEVELS_BINS);
  *out = m;
  return LIMEN_OK;
}

void limen_path_meter_free(limen_path_meter *m) {
  if (m) meter_release(m);
}

limen_path_config limen_path_meter_config(const limen_path_meter *m) {
  return m ? m->cfg : limen_path_config_default();
}

/* ---- streaming ---------------------------------------------------------------------------- */

int limen_path_begin_step(limen_path_meter *m, limen_error *err) {
  static const char *fn = "limen_path_begin_step";
  if (!m) return limen_error_set(err, LIMEN_EINVAL, fn, "meter = NULL");
  if (m->open)
    return limen_error_set(err, LIMEN_EINVAL, fn, "a step is open: end_step or abort_step it first");
  for (size_t i = 0; i < m->nt; i++) m->t[i].added = 0;
  memset(&m->step, 0, sizeof m->step);
  memset(m->hist4, 0, PATH_LANES * m->g.nbins * sizeof *m->hist4);
  m->open = 1;
  m->any_added = 0;
  return LIMEN_OK;
}

void limen_path_abort_step(limen_path_meter *m) {
  if (!m || !m->open) return;
  m->open = 0;
  if (m->any_added) {
    m->need_start = 1;
    m->tot.aborted++;
  }
}

static const char *type_name(int type) { return type == PATH_TYPE_F32 ? "float32" : "float64"; }

/* Grow the tensor table to hold index i (only before the set is fixed). */
static int tensors_reserve(limen_path_meter *m, size_t i, const char *fn, limen_error *err) {
  if (i < m->nt) return LIMEN_OK;
  if (m->fixed)
    return limen_error_set(err, LIMEN_EINVAL, fn, "tensor = %zu: allowed range [0, %zu] (the tensors "
                           "of the first step)", i, m->nt ? m->nt - 1 : 0);
  if (i >= PATH_MAX_TENSORS)
    return limen_error_set(err, LIMEN_EINVAL, fn, "tensor = %zu: allowed range [0, %zu]", i,
                           PATH_MAX_TENSORS - 1);
  if (i >= m->cap_t) {
    size_t cap = m->cap_t ? m->cap_t : 8;
    while (cap <= i) cap *= 2;
    path_tensor *t = realloc(m->t, cap * sizeof *t);
    if (!t) return limen_error_set(err, LIMEN_ENOMEM, fn, "tensor table");
    m->t = t;
    m->cap_t = cap;
  }
  memset(m->t + m->nt, 0, (i + 1 - m->nt) * sizeof *m->t);
  m->nt = i + 1;
  return LIMEN_OK;
}

/* Everything an add checks before it touches the meter; the tensor's copy made on first use. */
static int add_prepare(limen_path_meter *m, size_t i, const void *w, size_t n, int type,
                       const char *fn, limen_error *err) {
  if (!m) return limen_error_set(err, LIMEN_EINVAL, fn, "meter = NULL");
  if (!m->open) return limen_error_set(err, LIMEN_EINVAL, fn, "no step is open (begin_step first)");
  if (!w && n > 0) return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu: w = NULL with n = %zu", i, n);
  int st = tensors_reserve(m, i, fn, err);
  if (st) return st;
  path_tensor *t = &m->t[i];
  if (t->added) return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu: already added in this step", i);
  if (t->type != PATH_TYPE_NONE && t->n != n)
    return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu: size = %zu: the tensor had %zu values; "
                           "sizes may not change between steps", i, n, t->n);
  if (t->type != PATH_TYPE_NONE && t->type != type)
    return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu: type %s: the tensor was %s; types may "
                           "not change between steps", i, type_name(type), type_name(t->type));
  if (t->type == PATH_TYPE_NONE) {
    size_t size = type == PATH_TYPE_F32 ? sizeof(float) : sizeof(double);
    if (n > SIZE_MAX / size) return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu: n = %zu: too large", i, n);
    if (n > 0 && !(t->prev = malloc(n * size)))
      return limen_error_set(err, LIMEN_ENOMEM, fn, "tensor %zu: copy of %zu values", i, n);
    t->n = n;
    t->type = type;
  }
  return LIMEN_OK;
}

/* After a pass: fold the tensor's result into the open step, or abandon the step. */
static int add_finish(limen_path_meter *m, size_t i, int rc, const path_acc *a, size_t bad,
                      double value, const char *fn, limen_error *err) {
  path_tensor *t = &m->t[i];
  m->any_added = 1;
  if (rc) {
    limen_path_abort_step(m);
    return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu, index %zu: value %g: parameters must "
                           "be finite (step abandoned; the next step restarts the path)", i, bad, value);
  }
  t->added = 1;
  t->path = a->path;
  t->sumsq = a->sumsq;
  if (a->max > m->step.max) m->step.max = a->max;
  m->step.changed += a->changed;
  m->step.flips += a->flips;
  m->step.clamped += a->clamped;
  return LIMEN_OK;
}

int limen_path_add_f32(limen_path_meter *m, size_t tensor, const float *w, size_t n,
                       limen_error *err) {
  static const char *fn = "limen_path_add_f32";
  int st = add_prepare(m, tensor, w, n, PATH_TYPE_F32, fn, err);
  if (st) return st;
  path_acc a;
  size_t bad = 0;
  const path_job j = {&m->g, path_kernel_select()->f32, NULL, w, m->t[tensor].prev, n, sizeof *w, m->need_start};
  int rc = path_pass_blocks(&j, &a, m->hist4, &bad);
  return add_finish(m, tensor, rc, &a, bad, rc ? (double)w[bad] : 0.0, fn, err);
}

int limen_path_add_f64(limen_path_meter *m, size_t tensor, const double *w, size_t n,
                       limen_error *err) {
  static const char *fn = "limen_path_add_f64";
  int st = add_prepare(m, tensor, w, n, PATH_TYPE_F64, fn, err);
  if (st) return st;
  path_acc a;
  size_t bad = 0;
  const path_job j = {&m->g, NULL, path_kernel_select()->f64, w, m->t[tensor].prev, n, sizeof *w, m->need_start};
  int rc = path_pass_blocks(&j, &a, m->hist4, &bad);
  return add_finish(m, tensor, rc, &a, bad, rc ? w[bad] : 0.0, fn, err);
}

/* Append the open step as record nrec (sums over the tensors in index order). */
static int record_append(limen_path_meter *m, const char *fn, limen_error *err) {
  const size_t nb = m->g.nbins;
  if (m->nrec == m->cap_rec) {
    size_t cap = m->cap_rec ? 2 * m->cap_rec : 64;
    limen_path_step *r = realloc(m->rec, cap * sizeof *r);
    if (!r) return limen_error_set(err, LIMEN_ENOMEM, fn, "step records");
    m->rec = r;
    if (m->cfg.step_histograms) {
      uint64_t *h = realloc(m->rec_hist, cap * nb * sizeof *h);
      if (!h) return limen_error_set(err, LIMEN_ENOMEM, fn, "step histograms");
      m->rec_hist = h;
    }
    m->cap_rec = cap;
  }
  limen_path_step *r = &m->rec[m->nrec];
  memset(r, 0, sizeof *r);
  for (size_t i = 0; i < m->nt; i++) {
    r->params += m->t[i].n;
    r->path_levels += m->t[i].path;
    r->path_sq_levels2 += m->t[i].sumsq;
  }
  r->max_move_levels = m->step.max;
  r->changed = m->step.changed;
  r->bit_flips = m->step.flips;
  r->clamped = m->step.clamped;
  for (size_t b = 0; b < nb; b++) {
    uint64_t c = 0;
    for (size_t j = 0; j < PATH_LANES; j++) c += m->hist4[j * nb + b];
    if (m->cfg.step_histograms) m->rec_hist[m->nrec * nb + b] = c;
    m->tot_hist[b] += c;
  }
  m->nrec++;
  return LIMEN_OK;
}

static void totals_add(limen_path_totals *t, const limen_path_step *r) {
  t->steps++;
  t->path_levels += r->path_levels;
  t->path_sq_levels2 += r->path_sq_levels2;
  if (r->max_move_levels > t->max_move_levels) t->max_move_levels = r->max_move_levels;
  t->changed += r->changed;
  t->bit_flips += r->bit_flips;
}

int limen_path_end_step(limen_path_meter *m, limen_error *err) {
  static const char *fn = "limen_path_end_step";
  if (!m) return limen_error_set(err, LIMEN_EINVAL, fn, "meter = NULL");
  if (!m->open) return limen_error_set(err, LIMEN_EINVAL, fn, "no step is open (begin_step first)");
  if (m->nt == 0) return limen_error_set(err, LIMEN_EINVAL, fn, "no tensor was added");
  for (size_t i = 0; i < m->nt; i++)
    if (!m->t[i].added)
      return limen_error_set(err, LIMEN_EINVAL, fn, "tensor %zu was not added in this step (tensors "
                             "0 … %zu every step)", i, m->nt - 1);
  if (!m->need_start) {
    int st = record_append(m, fn, err);
    if (st) return st;
    totals_add(&m->tot, &m->rec[m->nrec - 1]);
  } else {
    m->tot.starts++;
    m->need_start = 0;
  }
  if (!m->fixed) {
    m->fixed = 1;
    m->tot.tensors = m->nt;
    for (size_t i = 0; i < m->nt; i++) m->tot.params += m->t[i].n;
  }
  m->tot.snapshots++;
  m->tot.clamped += m->step.clamped;
  m->open = 0;
  return LIMEN_OK;
}

/* ---- records ------------------------------------------------------------------------------ */

size_t limen_path_step_count(const limen_path_meter *m) { return m ? m->nrec : 0; }

int limen_path_step_get(const limen_path_meter *m, size_t k, limen_path_step *out, limen_error *err) {
  static const char *fn = "limen_path_step_get";
  if (!m || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "%s = NULL", m ? "out" : "meter");
  if (k >= m->nrec)
    return limen_error_set(err, LIMEN_EINVAL, fn, "k = %zu: allowed range [0, %zu) (the step records)",
                           k, m->nrec);
  *out = m->rec[k];
  return LIMEN_OK;
}

int limen_path_totals_get(const limen_path_meter *m, limen_path_totals *out, limen_error *err) {
  static const char *fn = "limen_path_totals_get";
  if (!m || !out) return limen_error_set(err, LIMEN_EINVAL, fn, "%s = NULL", m ? "out" : "meter");
  *out = m->tot;
  size_t bytes = sizeof *m + m->cap_t * sizeof *m->t + m->g.nbins * sizeof(uint64_t) * (PATH_LANES + 1) +
                 m->cap_rec * sizeof *m->rec;
  if (m->rec_hist) bytes += m->cap_rec * m->g.nbins * sizeof(uint64_t);
  for (size_t i = 0; i < m->nt; i++)
    bytes += m->t[i].n * (m->t[i].type == PATH_TYPE_F32 ? sizeof(float) : sizeof(double));
  out->memory_bytes = bytes;
  return LIMEN_OK;
}

size_t limen_path_hist_count(const limen_path_meter *m) { return m ? m->g.nbins : 0; }

double limen_path_hist_edge(const limen_path_meter *m, size_t i) {
  if (!m || i >= m->g.nbins) return INFINITY;
  if (i == 0) return 0.0;
  /* bin i ≥ 1 starts at 2^(min_log2 + q)·(1 + r/2^b), i − 1 = q·2^b + r */
  size_t b = (size_t)m->cfg.hist_octave_bits, q = (i - 1) >> b, r = (i - 1) & (((size_t)1 << b) - 1);
  return ldexp(1.0 + ldexp((double)r, -(int)b), m->cfg.hist_min_log2 + (int)q);
}

static int hist_out(const limen_path_meter *m, const uint64_t *src, uint64_t *counts, size_t n,
                    const char *fn, limen_error *err) {
  if (!counts) return limen_error_set(err, LIMEN_EINVAL, fn, "counts = NULL");
  if (n != m->g.nbins)
    return limen_error_set(err, LIMEN_EINVAL, fn, "n = %zu: must be limen_path_hist_count() = %zu", n,
                           m->g.nbins);
  memcpy(counts, src, n * sizeof *counts);
  return LIMEN_OK;
}

int limen_path_step_hist(const limen_path_meter *m, size_t k, uint64_t *counts, size_t n,
                         limen_error *err) {
  static const char *fn = "limen_path_step_hist";
  if (!m) return limen_error_set(err, LIMEN_EINVAL, fn, "meter = NULL");
  if (!m->cfg.step_histograms)
    return limen_error_set(err, LIMEN_EINVAL, fn, "step_histograms = 0: the meter keeps only the total");
  if (k >= m->nrec)
    return limen_error_set(err, LIMEN_EINVAL, fn, "k = %zu: allowed range [0, %zu) (the step records)",
                           k, m->nrec);
  return hist_out(m, m->rec_hist + k * m->g.nbins, counts, n, fn, err);
}

int limen_path_totals_hist(const limen_path_meter *m, uint64_t *counts, size_t n, limen_error *err) {
  static const char *fn = "limen_path_totals_hist";
  if (!m) return limen_error_set(err, LIMEN_EINVAL, fn, "meter = NULL");
  return hist_out(m, m->tot_hist, counts, n, fn, err);
}
