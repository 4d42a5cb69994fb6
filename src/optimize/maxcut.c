/* SPDX-License-Identifier: GPL-3.0-or-later
 * maxcut.c: G-set graphs, exact Max-Cut by enumeration, and barrier-matched annealing
 * (maxcut.h). */
#include "limen/maxcut.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "limen/bounds.h"
#include "limen/cell.h"
#include "limen/datafile.h"
#include "limen/provenance.h"
#include "limen/rng.h"
#include "limen/units.h"

void limen_graph_free(limen_graph *g) {
  if (!g) return;
  free(g->ei);
  free(g->ej);
  free(g->ew);
  free(g->adj_start);
  free(g->adj);
  free(g->adj_w);
  free(g);
}

static int graph_alloc(size_t n, size_t m, limen_graph **out, limen_error *err) {
  limen_graph *g = calloc(1, sizeof *g);
  if (!g) return limen_error_set(err, LIMEN_ENOMEM, "limen_graph", "graph");
  g->n = n;
  g->m = m;
  size_t mm = m ? m : 1;
  g->ei = malloc(mm * sizeof *g->ei);
  g->ej = malloc(mm * sizeof *g->ej);
  g->ew = malloc(mm * sizeof *g->ew);
  g->adj_start = calloc(n + 1, sizeof *g->adj_start);
  g->adj = malloc(2 * mm * sizeof *g->adj);
  g->adj_w = malloc(2 * mm * sizeof *g->adj_w);
  if (!g->ei || !g->ej || !g->ew || !g->adj_start || !g->adj || !g->adj_w) {
    limen_graph_free(g);
    return limen_error_set(err, LIMEN_ENOMEM, "limen_graph", "graph of %zu vertices, %zu edges", n, m);
  }
  *out = g;
  return LIMEN_OK;
}

/* Build the CSR adjacency from the edge list. */
static void graph_finish(limen_graph *g) {
  memset(g->adj_start, 0, (g->n + 1) * sizeof *g->adj_start);
  g->total_weight = 0;
  for (size_t e = 0; e < g->m; e++) {
    g->adj_start[g->ei[e] + 1]++;
    g->adj_start[g->ej[e] + 1]++;
    g->total_weight += g->ew[e];
  }
  for (size_t i = 0; i < g->n; i++) g->adj_start[i + 1] += g->adj_start[i];
  size_t *fill = calloc(g->n, sizeof *fill);
  for (size_t e = 0; e < g->m; e++) {
    size_t a = g->ei[e], b = g->ej[e];
    size_t pa = g->adj_start[a] + (fill ? fill[a]++ : 0), pb = g->adj_start[b] + (fill ? fill[b]++ : 0);
    g->adj[pa] = b;
    g->adj_w[pa] = g->ew[e];
    g->adj[pb] = a;
    g->adj_w[pb] = g->ew[e];
  }
  free(fill);
}

/* Next whitespace-separated token on the current line; returns 0 at end of line. */
static int next_token(const char **p, const char *eol, const char **tok, size_t *len) {
  const char *q = *p;
  while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r')) q++;
  if (q >= eol) {
    *p = q;
    return 0;
  }
  const char *s = q;
  while (q < eol && !(*q == ' ' || *q == '\t' || *q == '\r')) q++;
  *tok = s;
  *len = (size_t)(q - s);
  *p = q;
  return 1;
}

static int tok_number(const char *tok, size_t len, double *v) {
  char buf[64];
  if (len == 0 || len >= sizeof buf) return -1;
  memcpy(buf, tok, len);
  buf[len] = '\0';
  char *e;
  errno = 0;
  double x = strtod(buf, &e);
  if (*e != '\0' || errno == ERANGE || !isfinite(x)) return -1;
  *v = x;
  return 0;
}

/* The numbers of one line of a G-set file (at most `expect`: 2 in the header "n m", 3 in an
 * edge line "i j w") into v, their count into *nt. */
static int read_line_numbers(const char *path, size_t line, const char *p, const char *eol, int header,
                             double v[3], int *nt, limen_error *err) {
  static const char *fieldname[3] = {"i", "j", "w"};
  const int expect = header ? 2 : 3;
  const char *tok;
  size_t tl;
  *nt = 0;
  while (next_token(&p, eol, &tok, &tl)) {
    if (*nt >= expect)
      return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s:%zu: field %d: more than %d fields", path,
                             line, *nt + 1, expect);
    if (tok_number(tok, tl, &v[*nt]) != 0) {
      int w = tl > 40 ? 40 : (int)tl;
      return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s:%zu: field %d (%s) = '%.*s': not a number",
                             path, line, *nt + 1, header ? (*nt ? "m" : "n") : fieldname[*nt], w, tok);
    }
    (*nt)++;
  }
  if (*nt != 0 && *nt != expect)
    return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s:%zu: %d fields, expected %d (%s)", path, line,
                           *nt, expect, header ? "n m" : "i j w");
  return LIMEN_OK;
}

/* The header "n m": integers n ∈ [1, 1e6], m ∈ [0, 1e8] and no more edges than the rest of the
 * text can hold (an edge line "i j w" takes at least 6 bytes); then allocates the graph. */
static int read_header(const char *path, size_t line, const double v[2], size_t rest_bytes, limen_graph **g,
                       limen_error *err) {
  static const double top[2] = {1e6, 1e8};
  for (int k = 0; k < 2; k++)
    if (v[k] != floor(v[k]) || v[k] < (k ? 0 : 1) || v[k] > top[k])
      return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset",
                             "%s:%zu: field %d (%s) = %g: allowed integers [%d, %g]", path, line, k + 1, k ? "m" : "n",
                             v[k], k ? 0 : 1, top[k]);
  if (v[1] > (double)(rest_bytes / 6 + 1))
    return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset",
                           "%s:%zu: m = %g edges, but the file has room for at most %zu edge lines", path, line, v[1],
                           rest_bytes / 6 + 1);
  return graph_alloc((size_t)v[0], (size_t)v[1], g, err);
}

/* An edge line "i j w" (1-based vertices, i ≠ j) as edge *edges of g. */
static int read_edge(const char *path, size_t line, const double v[3], limen_graph *g, size_t *edges,
                     limen_error *err) {
  static const char *fieldname[2] = {"i", "j"};
  const double n = (double)g->n;
  for (int k = 0; k < 2; k++)
    if (v[k] != floor(v[k]) || v[k] < 1 || v[k] > n)
      return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s:%zu: field %d (%s) = %g: allowed integers [1, %g]",
                             path, line, k + 1, fieldname[k], v[k], n);
  if (v[0] == v[1])
    return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s:%zu: self-loop %g–%g: i and j must differ",
                           path, line, v[0], v[1]);
  if (*edges >= g->m)
    return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s:%zu: more edge lines than m = %zu", path, line,
                           g->m);
  g->ei[*edges] = (size_t)v[0] - 1;
  g->ej[*edges] = (size_t)v[1] - 1;
  g->ew[*edges] = v[2];
  (*edges)++;
  return LIMEN_OK;
}

/* Every line of the text: the header, then the edges (blank lines skipped); *g is the graph
 * so far (NULL before the header). */
static int read_gset_lines(const char *path, const char *text, limen_graph **g, limen_error *err) {
  const char *p = text;
  size_t line = 0, edges = 0;
  while (*p) {
    const char *nl = strchr(p, '\n');
    const char *eol = nl ? nl : p + strlen(p);
    line++;
    double v[3];
    int nt, st = read_line_numbers(path, line, p, eol, !*g, v, &nt, err);
    if (st) return st;
    p = nl ? nl + 1 : eol;
    if (nt == 0) continue; /* blank line */
    st = *g ? read_edge(path, line, v, *g, &edges, err) : read_header(path, line, v, strlen(p), g, err);
    if (st) return st;
  }
  if (!*g)
    return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s: empty file, expected a first line 'n m'", path);
  if (edges != (*g)->m)
    return limen_error_set(err, LIMEN_EPARSE, "limen_graph_read_gset", "%s: %zu edge lines, header says m = %zu", path,
                           edges, (*g)->m);
  return LIMEN_OK;
}

int limen_graph_read_gset(const char *path, limen_graph **out, limen_error *err) {
  if (!path || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  char *text = NULL;
  size_t len;
  int st = limen_read_text_file(path, &text, &len, err);
  if (st) return limen_error_wrap(err, st, __func__, "G-set graph");
  limen_graph *g = NULL;
  st = read_gset_lines(path, text, &g, err);
  free(text);
  if (st) {
    limen_graph_free(g);
    return st;
  }
  graph_finish(g);
  *out = g;
  return LIMEN_OK;
}

/* The G-set graphs limen ships: size and best-known cut (data/README.md gives the sources). */
static const struct { const char *name; size_t n, m; double best; } k_gset[] = {
    {"G1", 800, 19176, 11624}, {"G11", 800, 1600, 564}, {"G14", 800, 4694, 3064}};

double limen_gset_best_known(const char *name) {
  for (size_t i = 0; name && i < sizeof k_gset / sizeof k_gset[0]; i++)
    if (strcmp(name, k_gset[i].name) == 0) return k_gset[i].best;
  return NAN;
}

/* A file found for a named graph must be that graph: its best-known cut holds for it only. */
static int gset_is_known(const char *name, const limen_graph *g, limen_error *err) {
  for (size_t i = 0; i < sizeof k_gset / sizeof k_gset[0]; i++)
    if (strcmp(name, k_gset[i].name) == 0 && (g->n != k_gset[i].n || g->m != k_gset[i].m))
      return limen_error_set(err, LIMEN_EINVAL, "limen_graph_load",
                             "graph '%s': the file has n = %zu vertices and m = %zu edges, but %s has %zu and %zu "
                             "(its best-known cut %g holds for that graph only)", name, g->n, g->m, name,
                             k_gset[i].n, k_gset[i].m, k_gset[i].best);
  return LIMEN_OK;
}

int limen_graph_load(const char *name, limen_graph **out, limen_error *err) {
  if (!name || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (isnan(limen_gset_best_known(name)))
    return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "graph '%s': allowed G1, G11, G14", name);
  char rel[64], path[4096];
  snprintf(rel, sizeof rel, "gset/%s.txt", name);
  int st = limen_data_file(rel, path, sizeof path, err);
  if (!st) st = limen_graph_read_gset(path, out, err);
  if (st) return limen_error_wrap(err, st, __func__, "graph '%s'", name);
  if ((st = gset_is_known(name, *out, err))) {
    limen_graph_free(*out);
    *out = NULL;
  }
  return st;
}

int limen_graph_random(size_t n, double p, int signed_weights, uint64_t seed, limen_graph **out, limen_error *err) {
  if (!out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (n < 2 || n > 100000) return limen_error_set(err, LIMEN_EINVAL, __func__, "n = %zu: allowed range [2, 100000]", n);
  int st = limen_check_range(err, __func__, "p", p, 0, 0, 1, 0);
  if (st) return st;
  limen_gsl_quiet();
  gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
  if (!r) return limen_error_set(err, LIMEN_ENOMEM, __func__, "generator");
  gsl_rng_set(r, seed);
  size_t cap = n * (n - 1) / 2;
  limen_graph *g = NULL;
  if ((st = graph_alloc(n, cap, &g, err))) {
    gsl_rng_free(r);
    return st;
  }
  size_t m = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++) {
      if (gsl_rng_uniform(r) >= p) continue;
      g->ei[m] = i;
      g->ej[m] = j;
      g->ew[m] = (signed_weights && gsl_rng_uniform(r) < 0.5) ? -1.0 : 1.0;
      m++;
    }
  gsl_rng_free(r);
  g->m = m;
  graph_finish(g);
  *out = g;
  return LIMEN_OK;
}

double limen_maxcut_value(const limen_graph *g, const int *s) {
  double c = 0;
  for (size_t e = 0; e < g->m; e++)
    if (s[g->ei[e]] != s[g->ej[e]]) c += g->ew[e];
  return c;
}

int limen_maxcut_brute_force(const limen_graph *g, double *best, int *s_best, limen_error *err) {
  if (!g || !best) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  if (g->n > 26) return limen_error_set(err, LIMEN_EINVAL, __func__, "n = %zu: allowed range [2, 26] for enumeration", g->n);
  size_t n = g->n;
  if (n < 2) return limen_error_set(err, LIMEN_EINVAL, __func__, "n = %zu: allowed range [2, 26] for enumeration", n);
  int *s = calloc(n, sizeof *s);
  double *h = calloc(n, sizeof *h);
  if (!s || !h) {
    free(s);
    free(h);
    return limen_error_set(err, LIMEN_ENOMEM, __func__, "workspace");
  }
  for (size_t i = 0; i < n; i++) s[i] = 1;
  for (size_t i = 0; i < n; i++)
    for (size_t k = g->adj_start[i]; k < g->adj_start[i + 1]; k++) h[i] += g->adj_w[k] * s[g->adj[k]];
  double cut = limen_maxcut_value(g, s), bc = cut;
  if (s_best) memcpy(s_best, s, n * sizeof *s);
  unsigned long long total = 1ULL << (n - 1);
  for (unsigned long long k = 1; k < total; k++) {
    size_t i = (size_t)__builtin_ctzll(k); /* Gray code: flip the lowest set bit of k */
    /* flipping s_i changes the cut by s_i·h_i (edges to equal neighbours become cut) */
    cut += s[i] * h[i];
    s[i] = -s[i];
    for (size_t q = g->adj_start[i]; q < g->adj_start[i + 1]; q++) h[g->adj[q]] += 2.0 * g->adj_w[q] * s[i];
    if (cut > bc) {
      bc = cut;
      if (s_best) memcpy(s_best, s, n * sizeof *s);
    }
  }
  free(s);
  free(h);
  *best = bc;
  return LIMEN_OK;
}

limen_anneal_config limen_anneal_config_default(void) {
  limen_anneal_config c;
  memset(&c, 0, sizeof c);
  c.sweeps = 1000;
  c.beta0 = 0.1;
  c.beta_end = 3.0;
  c.barrier0_kT = 10.0;
  c.barrier_rise_kT = 6.0;
  c.retention_barrier_kT = 0.0;
  c.write_s = 1e-6;
  c.write_fail = 1e-6;
  c.tau0_s = 1e-9;
  c.temperature_K = LIMEN_DEFAULT_TEMPERATURE_K;
  c.seed = 1;
  c.record_every = 0;
  return c;
}

void limen_anneal_result_clear(limen_anneal_result *r) {
  if (!r) return;
  free(r->points);
  r->points = NULL;
  r->n_points = 0;
}

static int anneal_check(const limen_anneal_config *c, limen_error *err) {
  static const char *fn = "limen_maxcut_anneal";
  int st;
  if (c->sweeps < 1 || c->sweeps > 100000000) return limen_error_set(err, LIMEN_EINVAL, fn, "sweeps = %zu: allowed range [1, 1e8]", c->sweeps);
  if ((st = limen_check_range(err, fn, "beta0", c->beta0, 0, 1, 1e3, 0))) return st;
  if ((st = limen_check_range(err, fn, "beta_end", c->beta_end, c->beta0, 0, 1e3, 0))) return st;
  if ((st = limen_check_range(err, fn, "barrier0_kT", c->barrier0_kT, 1.0, 0, 1e3, 0))) return st;
  if ((st = limen_check_range(err, fn, "barrier_rise_kT", c->barrier_rise_kT, 0, 1, 60, 0))) return st;
  if (c->retention_barrier_kT != 0 && (st = limen_check_range(err, fn, "retention_barrier_kT", c->retention_barrier_kT, 3, 0, 1e3, 0)))
    return st;
  if ((st = limen_check_range(err, fn, "write_s", c->write_s, 0, 1, 1e6, 0))) return st;
  if ((st = limen_check_range(err, fn, "write_fail", c->write_fail, 0, 1, 0.5, 1))) return st;
  if ((st = limen_check_range(err, fn, "tau0_s", c->tau0_s, 0, 1, 1, 0))) return st;
  if ((st = limen_check_range(err, fn, "temperature_K", c->temperature_K, 0, 1, 1e4, 0))) return st;
  return LIMEN_OK;
}

/* The physical costs of the schedule: e_S of a static flip held at the retention barrier
 * (10 years at 1e-6 failure when retention_barrier_kT is 0) and the Kramers attempt rate
 * ln r(0) of the quartic cell at E_b(0). */
static int flip_cost(const limen_anneal_config *c, double tau0_s, limen_static_write *sw, limen_error *err) {
  static const char *fn = "limen_maxcut_anneal";
  double e_ret = c->retention_barrier_kT;
  int st;
  if (e_ret == 0 &&
      (st = limen_retention_barrier(10.0 * LIMEN_SECONDS_PER_YEAR / tau0_s, 1e-6, NULL, &e_ret, err)))
    return limen_error_wrap(err, st, fn, "retention barrier");
  if ((st = limen_static_write_cost(e_ret, c->write_s / tau0_s, c->write_fail, NULL, sw, err)))
    return limen_error_wrap(err, st, fn, "static flip cost");
  return LIMEN_OK;
}

/* A static flip of write_s too short for the largest tilt at this τ₀ (the write lasts
 * write_s/τ₀ intrinsic times): --tau0 named with the largest τ₀ that works, found by bisection
 * on log τ₀ (to 1e-3 decades, rounded down) below a τ₀ that works. */
static int flip_too_short(const limen_anneal_config *c, limen_static_write *sw, limen_error *err) {
  double hi = log10(c->tau0_s), lo = hi;
  limen_error e2;
  int fits = 0;
  for (int k = 0; k < 30 && !fits; k++) fits = flip_cost(c, pow(10.0, lo -= 1.0), sw, &e2) == LIMEN_OK;
  if (!fits) return flip_cost(c, c->tau0_s, sw, err); /* not the write time: its own message */
  while (hi - lo > 1e-3) {
    double mid = 0.5 * (lo + hi);
    if (flip_cost(c, pow(10.0, mid), sw, &e2) == LIMEN_OK) lo = mid;
    else hi = mid;
  }
  char value[32], range[48];
  snprintf(value, sizeof value, "%.10g", c->tau0_s);
  snprintf(range, sizeof range, "(0, %.4g] s", pow(10.0, lo));
  return limen_error_input(err, LIMEN_EINVAL, "tau0", value, range,
                           "tau0 = %s s: allowed range %s (a static flip of %g s would last %.4g tau0, shorter "
                           "than the largest tilt, 1e8 kT/a, serves)", value, range, c->write_s,
                           c->write_s / c->tau0_s);
}

static int anneal_costs(const limen_anneal_config *c, limen_static_write *sw, double *ln_r0, limen_error *err) {
  static const char *fn = "limen_maxcut_anneal";
  int st = flip_cost(c, c->tau0_s, sw, err);
  if (st == LIMEN_ERANGE) return flip_too_short(c, sw, err);
  if (st) return st;
  limen_well q = {LIMEN_WELL_QUARTIC, c->barrier0_kT, 0.0, 0};
  if ((st = limen_kramers_log_rate(&q, NULL, ln_r0, err))) return limen_error_wrap(err, st, fn, "attempt rate");
  return LIMEN_OK;
}

/* The spins, their local fields and the running sums of an anneal. */
typedef struct anneal_state {
  const limen_graph *g;
  int *s, *sb;            /* spins, best spins seen                         */
  double *h;              /* local fields h_i = Σ_j w_ij s_j                */
  double cut, best, H;    /* cut, best cut, Ising energy W − 2·cut          */
  size_t best_sweep;
  double flips, q_mod;    /* flips, Σ −β ΔH over them                       */
  double w_coup, beta;    /* Σ (β_{k+1} − β_k) H, the current β             */
} anneal_state;

/* Random initial spins from stream K of the seed (the sweeps use 0 … K−1), their fields, the
 * cut and the energy. */
static void anneal_start(anneal_state *a, uint64_t seed, size_t K, double beta0) {
  const limen_graph *g = a->g;
  const size_t n = g->n;
  limen_rng r0;
  limen_rng_seed(&r0, seed, (uint64_t)K);
  for (size_t i = 0; i < n; i++) a->s[i] = (limen_rng_u64(&r0) >> 63) ? 1 : -1;
  for (size_t i = 0; i < n; i++)
    for (size_t k = g->adj_start[i]; k < g->adj_start[i + 1]; k++) a->h[i] += g->adj_w[k] * a->s[g->adj[k]];
  a->cut = limen_maxcut_value(g, a->s);
  a->best = a->cut;
  a->best_sweep = 0;
  memcpy(a->sb, a->s, n * sizeof *a->s);
  a->H = g->total_weight - 2.0 * a->cut;
  a->flips = a->q_mod = a->w_coup = 0;
  a->beta = beta0;
}

/* One Glauber sweep at inverse temperature β over the spins in order, uniforms from the sweep's
 * stream r: each flip updates the fields, H, the cut and the modulated heat. */
static void glauber_sweep(anneal_state *a, limen_rng *r) {
  const limen_graph *g = a->g;
  int *s = a->s;
  double *h = a->h;
  const double beta = a->beta;
  for (size_t i = 0; i < g->n; i++) {
    double dH = -2.0 * s[i] * h[i]; /* H after − H before */
    double x = beta * dH;           /* Glauber: 1/(1 + e^{βΔH}) */
    double pflip = x > 0 ? exp(-x) / (1.0 + exp(-x)) : 1.0 / (1.0 + exp(x));
    if (limen_rng_uniform(r) >= pflip) continue;
    s[i] = -s[i];
    for (size_t k = g->adj_start[i]; k < g->adj_start[i + 1]; k++) h[g->adj[k]] += 2.0 * g->adj_w[k] * s[i];
    a->H += dH;
    a->cut -= 0.5 * dH;
    a->flips += 1;
    a->q_mod += -beta * dH;
  }
}

/* The trace point after sweep k + 1 (cumulative heats in J). */
static void anneal_record(const anneal_state *a, size_t k, double delta, double t0_s, double Eb, double kT,
                          double e_static_kT, limen_anneal_point *p) {
  double lf = delta * (double)(k + 1); /* ln(1 + t/t0) after this sweep */
  p->sweep = k + 1;
  p->time_s = t0_s * expm1(lf);
  p->log10_time_s = log10(p->time_s);
  p->beta = a->beta;
  p->barrier_kT = Eb;
  p->cut = a->cut;
  p->best_cut = a->best;
  p->heat_modulated_J = a->q_mod * kT;
  p->heat_static_J = a->flips * e_static_kT * kT;
}

int limen_maxcut_anneal(const limen_graph *g, const limen_anneal_config *cfg, int *s_best, limen_anneal_result *out,
                        limen_error *err) {
  if (!g || !out) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  memset(out, 0, sizeof *out);
  limen_anneal_config c = cfg ? *cfg : limen_anneal_config_default();
  int st = anneal_check(&c, err);
  if (st) return st;
  limen_provenance_note_seed(c.seed);
  limen_gsl_quiet();
  limen_static_write sw;
  double ln_r0;
  if ((st = anneal_costs(&c, &sw, &ln_r0, err))) return st;
  size_t n = g->n, K = c.sweeps;
  double delta = c.barrier_rise_kT / (double)K; /* rise of ln(1 + t/t0) per sweep */
  double kappa = (c.beta_end - c.beta0) / c.barrier_rise_kT;
  double r0_s = exp(ln_r0) / c.tau0_s;          /* attempts per second at E_b(0) */
  double t0_s = 1.0 / (r0_s * expm1(delta));
  anneal_state a = {.g = g, .s = calloc(n, sizeof(int)), .sb = calloc(n, sizeof(int)), .h = calloc(n, sizeof(double))};
  size_t n_rec = c.record_every ? K / c.record_every + 2 : 0, np = 0;
  limen_anneal_point *pts = n_rec ? malloc(n_rec * sizeof *pts) : NULL;
  if (!a.s || !a.sb || !a.h || (n_rec && !pts)) {
    st = limen_error_set(err, LIMEN_ENOMEM, __func__, "workspace for %zu spins", n);
    goto done;
  }
  anneal_start(&a, c.seed, K, c.beta0);
  const double kT = limen_kT(c.temperature_K);
  for (size_t k = 0; k < K; k++) {
    double lnfac = delta * (double)k; /* ln(1 + t_k/t0) */
    double Eb = c.barrier0_kT + lnfac;
    double beta_k = c.beta0 + kappa * lnfac;
    a.w_coup += (beta_k - a.beta) * a.H; /* raising the coupling at fixed spins */
    a.beta = beta_k;
    limen_rng r;
    limen_rng_seed(&r, c.seed, (uint64_t)k);
    glauber_sweep(&a, &r);
    if (a.cut > a.best) {
      a.best = a.cut;
      a.best_sweep = k + 1;
      memcpy(a.sb, a.s, n * sizeof *a.s);
    }
    if (n_rec && ((k + 1) % c.record_every == 0 || k + 1 == K))
      anneal_record(&a, k, delta, t0_s, Eb, kT, sw.work_kT, &pts[np++]);
    if (c.progress && ((k + 1) % (K / 100 + 1) == 0 || k + 1 == K)) c.progress(c.progress_ctx, (double)(k + 1) / (double)K);
  }
  out->time_s = t0_s * expm1(c.barrier_rise_kT);
  out->log10_time_s = log10(out->time_s);
  out->attempt_rate0_per_s = r0_s;
  out->t0_s = t0_s;
  out->best_cut = a.best;
  out->final_cut = a.cut;
  out->best_sweep = a.best_sweep;
  out->flips = a.flips;
  out->heat_modulated_J = a.q_mod * kT;
  out->coupling_work_J = a.w_coup * kT;
  out->static_write_kT = sw.work_kT;
  out->heat_static_J = a.flips * sw.work_kT * kT;
  out->final_barrier_kT = c.barrier0_kT + c.barrier_rise_kT;
  out->points = pts;
  out->n_points = np;
  pts = NULL;
  if (s_best) memcpy(s_best, a.sb, n * sizeof *a.sb);
  st = LIMEN_OK;
done:
  free(a.s);
  free(a.sb);
  free(a.h);
  free(pts);
  return st;
}
