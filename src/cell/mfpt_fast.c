/* SPDX-License-Identifier: GPL-3.0-or-later
 * mfpt_fast.c: the exact mean first-passage time of mfpt.c in one pass of cumulative spectral
 * quadrature, O(n) integrand values instead of the nested quadrature's O(n²) (theory §3.4):
 *
 *   T(x0 → b) = ∫_{x0}^{b} dy K(y),   K(y) = e^{U(y)} J(y),   J(y) = ∫_{L}^{y} dz e^{−U(z)}.
 *
 * Panels.  [L, b] is cut into panels [A, B] of half-width r (x0 is a panel end; B is exactly the
 * next panel's A).  On a panel, g = U − U(A) at the nodes is evaluated as an exact difference
 * (the quartic's Taylor polynomial about A, the washboard's product of sines; at B from the
 * exact B − A), so that no two large values of U are ever subtracted.  e^{−g} is interpolated in
 * the N + 1 Chebyshev points of the second kind t_j and integrated from −1 to every node by one
 * precomputed matrix (spectral integration):
 *   e^{U(A)} J(A + r(1 + t_k)) = C + r Σ_j A_kj e^{−g_j},   C = K(A)  (carried, as a logarithm),
 * K at the nodes is e^{g}·(that), and the outer integral is the Clenshaw–Curtis rule (the last
 * row of A) on the same nodes.  Per panel: N + 1 exponentials and one (N + 1)² product, O(n) in
 * all.  The panels' lengths come from the bounds below, written about the centre c = A + r.
 *
 * Truncation bound.  A function analytic in the Bernstein ellipse E_ρ (foci ±1, semi-axes summing
 * to ρ) and bounded there by M is interpolated in those points within 4Mρ^{−N}/(ρ − 1)
 * (L. N. Trefethen, Approximation Theory and Approximation Practice, SIAM 2013, Thm 8.2).  On a
 * panel let λ = U'(c)·r (the linear part of g), Φ(s) a majorant of the rest on |d| ≤ s (moduli
 * of the Taylor coefficients; the washboard's (E/2)(e^{2πs} − 1 − 2πs)), Φ₁ = Φ(r) and
 * R = (ρ + 1/ρ)/2, so that |e^{∓g}| ≤ e^{|λ|R + Φ(rR)} on E_ρ.  Then
 *   inner, at every node:  |δJ|/J ≤ 4 e^{|λ|R + Φ(rR)} ρ^{−N} / ((ρ − 1) m),
 *     m = e^{−Φ₁}·(sinh λ/λ for λ > 0, e^{−|λ|} for λ < 0) ≤ the mean of e^{−g} on [−1, t_k]
 *     (left of x0, where only the panel's total is used: m = e^{−Φ₁} sinh|λ|/|λ|);
 *   outer, on the panel, F(t) = e^{g(t)}C + r∫_{−1}^{t} e^{g(t) − g(s)} ds:
 *     |δT_p|/T_p ≤ 8 M ρ^{−N} / ((ρ − 1) ∫F),  M = e^{|λ|R + Φ(rR)}C + r(1 + R)e^{D},
 *     D = (λ(1 + R) for λ ≥ 0, |λ|(R − 1) for λ < 0) + (1 + R)·r·Φ'(rR) ≥ Re(g(w) − g(s)),
 *     ∫F ≥ C e^{−Φ₁} 2sinh|λ|/|λ| + r e^{−2Φ₁} (e^{2λ} − 1 − 2λ)/λ².
 * Each panel is made as long as one ρ of a fixed set keeps both below tol = max(1e-2·quad_epsrel,
 * 1e-14).  Every integrand is positive, so these relative bounds add up: |δT|/T ≤ 2·tol.
 * Rounding.  Where e^{−g} rises across a panel, the cumulative sums at its first nodes are small
 * differences of large terms; panel_eval bounds their rounding error from Σ_j |A_kj| e^{−g_j}
 * and halves a panel whose outer integral it would move by more than rtol = max(0.1·quad_epsrel,
 * 1e-13).  The carried logarithms are kept as integer + fraction, so that a panel rounds them
 * by 2⁻⁵³·O(|g|) however large ln K is; ln T itself is good to 2⁻⁵³·|ln T|.  In all,
 * |δT|/T ≤ 2·tol + rtol ≈ 0.12·quad_epsrel (1.2e-11 at the default).
 * The left tail of the quartic is cut where U exceeds its reference minimum by
 * min(quad_tail_kT, ln(1/tol) + 20) kT (the neglected weight is below tol·e^{−20} of J).
 * The method declines, and the caller uses the nested quadrature, when quad_epsrel is below
 * the floor of that bound (1.2e-13), when U varies by more than MF_MAX_VARIATION_KT over
 * [L, b] (tilts of ~10⁴ kT/a, barriers of ~10⁴ kT: a panel spans at most ~15 kT of a slope, and
 * nested quadrature is then cheaper), or when the panels would exceed MF_MAX_PANELS. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include "cell/internal.h"

#define MF_N 32               /* degree of the interpolant on a panel */
#define MF_NP (MF_N + 1)      /* its nodes */
#define MF_NRHO 6             /* ellipses tried per panel */
#define MF_NPSI 81            /* Ψ tabulated at λ = −20, −19.5, …, 20 */
#define MF_MAX_PANELS 4000
#define MF_MAX_VARIATION_KT 2.0e4
#define MF_LN2 0.69314718055994530942
#define MF_LN4 1.38629436111989061883
#define MF_LN8 2.07944154167983592825

/* The larger of two numbers that are never NaN (fmax is a library call without -ffast-math). */
static inline double mx(double a, double b) { return a > b ? a : b; }

static const double k_rho[MF_NRHO] = {2.0, 3.0, 4.5, 7.0, 11.0, 18.0};

static struct {
  double t[MF_NP];         /* nodes, ascending: t_j = −cos(jπ/N)          */
  double at[MF_NP][MF_NP]; /* at[j][k] = ∫_{−1}^{t_k} ℓ_j (ℓ_j: Lagrange)   */
  double aat[MF_NP][MF_NP]; /* |at[j][k]|                                    */
  double lam[MF_NP];       /* Λ_k = Σ_j |at[j][k]|                          */
  double psi[MF_NPSI];     /* Ψ(λ_i) = Σ_k w_k e^{λ t_k} Σ_j |at[j][k]| e^{−λ t_j} */
  double R[MF_NRHO];       /* (ρ + 1/ρ)/2                                    */
  double lnq[MF_NRHO];     /* N ln ρ + ln(ρ − 1)                             */
  double ln1pR[MF_NRHO];   /* ln(1 + R)                                      */
} g_tab;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

/* The interpolant p = Σ'' c_m T_m with c_m = (2/N)Σ''_j f_j T_m(t_j) (halved first and last
 * terms), integrated term by term: at[j][k] = Σ_m (2/N)(1/γ_m γ_j) T_m(t_j) ∫_{−1}^{t_k} T_m,
 * where ∫_{−1}^{t} T_m = [T_{m+1}/(m + 1) − T_{m−1}/(m − 1)]/2 from −1 (m ≥ 2), t + 1, (t² − 1)/2.
 * With t_j = cos θ_j, θ_j = (N − j)π/N, T_m(t_j) = cos(m(N − j)π/N): one table of 2N cosines. */
static void build_tables(void) {
  long double cs[2 * MF_N], in[MF_N + 1][MF_NP];
  const long double pi = acosl(-1.0L);
  for (int i = 0; i < 2 * MF_N; i++) cs[i] = cosl(pi * i / MF_N);
#define MF_T(m, j) cs[((long)(m) * (MF_N - (j))) % (2 * MF_N)]
  for (int k = 0; k < MF_NP; k++) {
    long double t = MF_T(1, k);
    in[0][k] = t + 1.0L;
    in[1][k] = 0.5L * (t * t - 1.0L);
    for (int m = 2; m <= MF_N; m++) {
      long double sp = (m + 1) % 2 ? -1.0L : 1.0L; /* T_{m±1}(−1) = (−1)^{m+1} */
      in[m][k] = 0.5L * ((MF_T(m + 1, k) - sp) / (m + 1) - (MF_T(m - 1, k) - sp) / (m - 1));
    }
    g_tab.t[k] = (double)t;
  }
  for (int j = 0; j < MF_NP; j++) {
    long double gj = (j == 0 || j == MF_N) ? 0.5L : 1.0L;
    for (int k = 0; k < MF_NP; k++) {
      long double s = 0.0L;
      for (int m = 0; m <= MF_N; m++)
        s += ((m == 0 || m == MF_N) ? 0.5L : 1.0L) * MF_T(m, j) * in[m][k];
      g_tab.at[j][k] = (double)(2.0L / MF_N * gj * s);
      g_tab.aat[j][k] = fabs(g_tab.at[j][k]);
    }
  }
#undef MF_T
  for (int k = 0; k < MF_NP; k++) {
    g_tab.lam[k] = 0.0;
    for (int j = 0; j < MF_NP; j++) g_tab.lam[k] += g_tab.aat[j][k];
  }
  g_tab.t[0] = -1.0;
  g_tab.t[MF_N / 2] = 0.0;
  g_tab.t[MF_N] = 1.0;
  for (int i = 0; i < MF_NPSI; i++) {
    double l = -20.0 + 0.5 * i, el[MF_NP], v = 0.0;
    for (int j = 0; j < MF_NP; j++) el[j] = exp(-l * g_tab.t[j]);
    for (int k = 0; k < MF_NP; k++) {
      double sk = 0.0;
      for (int j = 0; j < MF_NP; j++) sk += g_tab.aat[j][k] * el[j];
      v += g_tab.at[k][MF_N] / el[k] * sk;
    }
    g_tab.psi[i] = v * (1.0 + 1e-12); /* rounded up */
  }
  for (int i = 0; i < MF_NRHO; i++) {
    double rho = k_rho[i];
    g_tab.R[i] = 0.5 * (rho + 1.0 / rho);
    g_tab.lnq[i] = MF_N * log(rho) + log(rho - 1.0);
    g_tab.ln1pR[i] = log1p(g_tab.R[i]);
  }
}

typedef struct {
  limen_well w;
  double lntol;           /* truncation, per panel and kind: max(1e-2·quad_epsrel, 1e-14) */
  double rtol, lnrtol;    /* rounding of a panel's outer integral: max(0.1·quad_epsrel, 1e-13) */
} mf_ctx;

typedef struct {
  double A, B;  /* the panel [A, B]: exact doubles, B the next panel's A */
  double c, r;  /* centre and half-width, r = (B − A)/2 rounded (the bounds use these) */
  double u[5];  /* quartic: U(c + d) − U(c) = Σ u_k d^k; washboard: u[1] = U'(c) */
  double au[5]; /* |u_k| */
} mf_panel;

/* The Taylor coefficients of U about z: quartic U(z + d) − U(z) = Σ_{k=1}^{4} u_k d^k;
 * washboard: u_1 = U'(z) only. */
static void taylor(const mf_ctx *x, double z, double *u) {
  const double E = x->w.barrier_kT, f = x->w.tilt_kT;
  if (x->w.kind == LIMEN_WELL_WASHBOARD) {
    u[1] = LIMEN_PI * E * sin(2.0 * LIMEN_PI * z) - f;
    return;
  }
  u[1] = 4.0 * E * z * (z * z - 1.0) - f;
  u[2] = E * (6.0 * z * z - 2.0);
  u[3] = 4.0 * E * z;
  u[4] = E;
}

/* The panel [a, b]. */
static void panel_make(const mf_ctx *x, mf_panel *p, double a, double b) {
  p->A = a;
  p->B = b;
  p->r = 0.5 * (b - a);
  p->c = a + p->r;
  taylor(x, p->c, p->u);
  for (int k = 1; k < 5; k++) p->au[k] = fabs(p->u[k]);
}

/* U(z + d) − U(z) from the coefficients u of taylor(z), and its derivative in d. */
static double diff_u(const mf_ctx *x, double z, const double *u, double d) {
  if (x->w.kind == LIMEN_WELL_WASHBOARD)
    return x->w.barrier_kT * sin(LIMEN_PI * (2.0 * z + d)) * sin(LIMEN_PI * d) - x->w.tilt_kT * d;
  return d * (u[1] + d * (u[2] + d * (u[3] + d * u[4])));
}
static double diff_du(const mf_ctx *x, double z, const double *u, double d) {
  if (x->w.kind == LIMEN_WELL_WASHBOARD)
    return LIMEN_PI * x->w.barrier_kT * sin(2.0 * LIMEN_PI * (z + d)) - x->w.tilt_kT;
  return u[1] + d * (2.0 * u[2] + d * (3.0 * u[3] + d * 4.0 * u[4]));
}

/* g(d) = U(c + d) − U(c) (the bounds' view of the panel). */
static double panel_g(const mf_ctx *x, const mf_panel *p, double d) { return diff_u(x, p->c, p->u, d); }

/* The majorant Φ(s) ≥ |g(d) − U'(c)d| for complex |d| ≤ s (the non-linear part of g), and
 * Φ'(s), which bounds |g'(d) − U'(c)| there. */
static void majorant(const mf_ctx *x, const mf_panel *p, double s, double *phi, double *dphi) {
  if (x->w.kind == LIMEN_WELL_WASHBOARD) {
    double E = x->w.barrier_kT, e = expm1(2.0 * LIMEN_PI * s);
    *phi = 0.5 * E * (e - 2.0 * LIMEN_PI * s);
    *dphi = LIMEN_PI * E * e;
    return;
  }
  const double *a = p->au;
  *phi = s * s * (a[2] + s * (a[3] + s * a[4]));
  *dphi = s * (2.0 * a[2] + s * (3.0 * a[3] + s * 4.0 * a[4]));
}

/* Lower bounds, cheap to evaluate, of ln(2 sinh(x)/x) (x = |λ| ≥ 0) and of ln h(λ),
 * h(λ) = ∫_{−1}^{1}dt ∫_{−1}^{t}ds e^{λ(t − s)} = (e^{2λ} − 1 − 2λ)/λ²; lnx = ln|λ|.
 * 2sinh(x)/x ≥ 2, and ≥ e^x(1 − e^{−2})/x for x ≥ 1; h ≥ min(1, 1/|λ|) for λ ≤ 0, h ≥ 2 for
 * λ ≥ 0, and h ≥ e^{2λ}(1 − 3e^{−2})/λ² for λ ≥ 1. */
static double ln_2sinhc_lb(double x, double lnx) {
  return x >= 1.0 ? mx(MF_LN2, x - lnx - 0.1454) : MF_LN2;
}
static double ln_h_lb(double l, double lnx) {
  if (l <= 0.0) return l <= -1.0 ? -lnx : 0.0;
  return l >= 1.0 ? mx(MF_LN2, 2.0 * l - 2.0 * lnx - 0.5206) : MF_LN2;
}

/* 1 when some ρ of the set keeps the panel's truncation bounds (file comment) below tol;
 * lc = ln C.  Inner-only panels (left of x0) need only the panel's total. */
static int panel_ok(const mf_ctx *x, const mf_panel *p, double lc, int outer) {
  const double r = p->r, l = p->u[1] * r, al = fabs(l);
  const double lnr = log(r), lnal = al > 0.0 ? log(al) : -HUGE_VAL;
  double phi1, dphi1;
  majorant(x, p, r, &phi1, &dphi1);
  double lnm = -phi1 + (outer && l < 0.0 ? -al : ln_2sinhc_lb(al, lnal) - MF_LN2);
  double lnlow = 0.0; /* ln of the lower bound of ∫F */
  if (outer) {
    /* where e^{−g} rises across the panel, panel_eval's rounding bound grows like e^{1.75|λ|}
     * (its factor ≈ e^{1.75|λ| − 6.1} for N = 32 and a linear g): panels it would refuse are
     * not tried */
    double a = al + phi1;
    if (l < 0.0 && 1.75 * a - 6.1 + log(0x1p-53 * (MF_N + 5 + 2.0 * a)) > x->lnrtol - 0.5) return 0;
    lnlow = mx(lc - phi1 + ln_2sinhc_lb(al, lnal), lnr - 2.0 * phi1 + ln_h_lb(l, lnal));
  }
  for (int i = 0; i < MF_NRHO; i++) {
    const double R = g_tab.R[i];
    double phi, dphi;
    majorant(x, p, r * R, &phi, &dphi);
    if (MF_LN4 + al * R + phi - lnm - g_tab.lnq[i] > x->lntol) continue;
    if (outer) {
      double D = (l >= 0.0 ? l * (1.0 + R) : al * (R - 1.0)) + (1.0 + R) * r * dphi;
      double lnM = MF_LN2 + mx(lc + al * R + phi, lnr + g_tab.ln1pR[i] + D); /* ln(X+Y) ≤ ln 2 + max */
      if (MF_LN8 + lnM - lnlow - g_tab.lnq[i] > x->lntol) continue;
    }
    return 1;
  }
  return 0;
}

/* A logarithm k + d carried from panel to panel with k integral (sums of integers are exact)
 * and d ∈ [0, 1): each panel then rounds it by about 2⁻⁵³·(|d| + |g|), not 2⁻⁵³·|ln K| (ln K
 * reaches 10⁴).  k = −∞ stands for ln 0. */
typedef struct {
  double k, d;
} mf_log;

static mf_log log_norm(double k, double d) {
  double f = floor(d);
  return (mf_log){k + f, d - f};
}

static double log_value(mf_log a) { return a.k + a.d; }

/* ln(e^a + e^b). */
static mf_log log_add(mf_log a, mf_log b) {
  if (a.k == -HUGE_VAL) return b;
  if (b.k == -HUGE_VAL) return a;
  double diff = (a.k - b.k) + (a.d - b.d);
  if (diff >= 0.0) return log_norm(a.k, a.d + log1p(exp(-diff)));
  return log_norm(b.k, b.d + log1p(exp(diff)));
}

/* out[k] = r Σ_j m[j][k] e[j] (m: an (N + 1)² table by rows j; its row k = 0 is zero), in
 * blocks of 8 accumulators that stay in registers. */
static void matvec(const double *m, const double *e, double r, double *out) {
  out[0] = 0.0;
  for (int k0 = 1; k0 < MF_NP; k0 += 8) {
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0;
    for (int j = 0; j < MF_NP; j++) {
      const double *row = m + j * MF_NP + k0, ej = e[j];
      a0 += row[0] * ej;
      a1 += row[1] * ej;
      a2 += row[2] * ej;
      a3 += row[3] * ej;
      a4 += row[4] * ej;
      a5 += row[5] * ej;
      a6 += row[6] * ej;
      a7 += row[7] * ej;
    }
    double *o = out + k0;
    o[0] = r * a0;
    o[1] = r * a1;
    o[2] = r * a2;
    o[3] = r * a3;
    o[4] = r * a4;
    o[5] = r * a5;
    o[6] = r * a6;
    o[7] = r * a7;
  }
}

/* Bound on the absolute rounding error of the node values U(A + d) − U(A), |d| ≤ 2r (v: the
 * coefficients about A): Horner's (or the product of sines') own, 8u·Σ|v_k|(2r)^k, and that of
 * v_1 = U'(A), computed from terms of size S, times |d|. */
static double panel_gerr(const mf_ctx *x, const mf_panel *p, const double *v) {
  const double u = 0x1p-53, E = x->w.barrier_kT, a = fabs(p->A), h = 2.0 * p->r;
  double sum, S;
  if (x->w.kind == LIMEN_WELL_WASHBOARD) {
    sum = fabs(v[1]) * h + 0.5 * E * (expm1(2.0 * LIMEN_PI * h) - 2.0 * LIMEN_PI * h);
    S = LIMEN_PI * E * (2.0 * LIMEN_PI * (a + h) + 1.0);
  } else {
    sum = h * (fabs(v[1]) + h * (fabs(v[2]) + h * (fabs(v[3]) + h * fabs(v[4]))));
    S = 4.0 * E * a * (a * a + 1.0);
  }
  return u * (8.0 * sum + 4.0 * h * (S + fabs(x->w.tilt_kT)));
}

/* Whether the rounding of the panel's outer integral stays below rtol.  The node values q_k
 * carry errors up to η·r Σ_j |A_kj| e_j (η: the dot products' γ = (N + 3)u/(1 − (N + 3)u), the
 * rounded table, e_j = e^{−g_j} from a rounded g), large where e^{−g} rises steeply (small
 * differences of large terms at the first nodes).  Bounds of ρ = Σ_k w_k e^{g_k} Σ_j |A_kj| e_j,
 * cheapest first: Σ_j |A_kj| e_j ≤ Λ_k max e (enough where e^{−g} falls); ρ ≤ e^{2Φ₁} Ψ(λ), Ψ
 * convex (positive sums of exponentials in λ), so below the chord of its table; the sums. */
static int rounding_ok(const mf_ctx *x, const mf_panel *p, const double *v, const double *e,
                       double es, double sum) {
  const double u = 0x1p-53, gam = (MF_N + 3) * u / (1.0 - (MF_N + 3) * u);
  const double eta = gam + 3.0 * u + panel_gerr(x, p, v), lim = x->rtol * sum;
  double emax = 0.0, rnd = 0.0, qa[MF_NP];
  for (int k = 0; k < MF_NP; k++) {
    emax = mx(emax, e[k]);
    rnd += g_tab.at[k][MF_N] / e[k] * g_tab.lam[k];
  }
  if (eta * (p->r * emax * rnd * es + sum) <= lim) return 1;
  double l = p->u[1] * p->r, z = (l + 20.0) / 0.5;
  if (z >= 0.0 && z < MF_NPSI - 1) {
    double phi1, dphi1;
    majorant(x, p, p->r, &phi1, &dphi1);
    int i = (int)z;
    double psi = g_tab.psi[i] + (z - i) * (g_tab.psi[i + 1] - g_tab.psi[i]);
    if (eta * (p->r * exp(2.0 * phi1) * psi * es + sum) <= lim) return 1;
  }
  matvec(&g_tab.aat[0][0], e, p->r, qa);
  rnd = 0.0;
  for (int k = 0; k < MF_NP; k++) rnd += g_tab.at[k][MF_N] / e[k] * qa[k];
  return eta * (rnd * es + sum) <= lim;
}

/* The exponents g_j = U(A + d_j) − U(A) at the nodes d_j = r(1 + t_j), the last one at B itself:
 * B − A = hi + lo exactly (two-sum), g_N = g(hi) + g'(hi)·lo, so that a panel ends at the very
 * point where the next one starts (a mismatch of one rounding would scale the carried J by
 * e^{U'·u|A|} at every join: 1e-10 over a wall of 10⁴ kT). */
static void panel_exponents(const mf_ctx *x, const mf_panel *p, const double *v, double *g) {
  g[0] = 0.0;
  if (x->w.kind == LIMEN_WELL_WASHBOARD) {
    for (int j = 1; j < MF_N; j++) g[j] = diff_u(x, p->A, v, p->r + p->r * g_tab.t[j]);
  } else { /* the quartic's Horner form, inline */
    for (int j = 1; j < MF_N; j++) {
      double d = p->r + p->r * g_tab.t[j];
      g[j] = d * (v[1] + d * (v[2] + d * (v[3] + d * v[4])));
    }
  }
  double hi = p->B - p->A, bb = hi - p->B, lo = (p->B - (hi - bb)) + (-p->A - bb);
  g[MF_N] = diff_u(x, p->A, v, hi) + diff_du(x, p->A, v, hi) * lo;
}

/* One panel: advances *kappa = ln K(A) to ln K(B) and adds the panel's outer integral to *log_t
 * when `outer`.  Returns 0, changing nothing, when rounding_ok refuses the panel. */
static int panel_eval(const mf_ctx *x, const mf_panel *p, mf_log *kappa, mf_log *log_t,
                      int outer) {
  double v[5], g[MF_NP], e[MF_NP], q[MF_NP];
  taylor(x, p->A, v);
  panel_exponents(x, p, v, g);
  for (int j = 0; j < MF_NP; j++) e[j] = exp(-g[j]);
  matvec(&g_tab.at[0][0], e, p->r, q);
  /* e^{U(A)} J at the nodes = C + q_k, C = K(A), in units of e^{s}, s = max(ln C, ln q_N): C
   * may lie far outside a double; ln C ≥ ln q_N whenever kappa.k is large */
  double lq = log(q[MF_N]), cs = 0.0;
  mf_log sl = {0.0, lq};
  if (kappa->k != -HUGE_VAL) {
    if (log_value(*kappa) >= lq) {
      sl = *kappa;
      cs = 1.0;
    } else {
      cs = exp(log_value(*kappa) - lq);
    }
  }
  double es = exp(-log_value(sl));
  mf_log kap = log_norm(sl.k, sl.d + g[MF_N] + log(cs + q[MF_N] * es));
  if (outer) {
    double sum = 0.0; /* Clenshaw–Curtis: Σ_k w_k e^{g_k} (C + q_k) e^{−s} */
    for (int k = 0; k < MF_NP; k++) sum += g_tab.at[k][MF_N] / e[k] * (cs + q[k] * es);
    if (!rounding_ok(x, p, v, e, es, sum)) return 0;
    *log_t = log_add(*log_t, log_norm(sl.k, sl.d + log(p->r * sum)));
  }
  *kappa = kap;
  return 1;
}

/* Whether the panel [a, a + 2r] (clipped to end) meets the bounds; sets *p. */
static int try_panel(const mf_ctx *x, double a, double end, double r, double kappa, int outer,
                     mf_panel *p) {
  panel_make(x, p, a, r >= 0.5 * (end - a) ? end : a + 2.0 * r);
  return panel_ok(x, p, kappa - panel_g(x, p, -p->r), outer);
}

/* The longest panel from a the bounds allow, to within a factor 0.8: the guess *rg (1.25 times
 * the last panel) first, then steps of 0.8; 0 when none is found within the budget *left. */
static int size_panel(const mf_ctx *x, double a, double end, double kappa, int outer, double *rg,
                      int *left, mf_panel *p) {
  double r = fmin(*rg, 0.5 * (end - a));
  while (!try_panel(x, a, end, r, kappa, outer, p)) {
    r *= 0.8;
    if (--*left <= 0 || !(p->B > a && r > 1e-13 * fmax(1.0, fabs(a)))) return 0;
  }
  if (p->B < end) *rg = 1.25 * r; /* a clipped last panel keeps the guess */
  return 1;
}

/* The panels of [a, end]; returns 0 when the panel budget *left runs out.  A panel whose
 * rounding bound fails is halved until it passes. */
static int segment(const mf_ctx *x, double a, double end, int outer, mf_log *kappa,
                   mf_log *log_t, double *rg, int *left) {
  mf_panel p;
  while (a < end) {
    if (--*left <= 0 || !size_panel(x, a, end, log_value(*kappa), outer, rg, left, &p)) return 0;
    int halved = 0;
    while (!panel_eval(x, &p, kappa, log_t, outer)) {
      do {
        if (--*left <= 0 || !(p.r > 1e-13 * fmax(1.0, fabs(a)))) return 0;
      } while (!try_panel(x, a, end, 0.5 * p.r, log_value(*kappa), outer, &p));
      halved = 1;
    }
    if (halved) *rg = 1.25 * p.r;
    a = p.B;
  }
  return 1;
}

/* Left end of the quartic's inner integral: U(L) − U(zref) = tail_kT left of zref (doubling,
 * then bisection to 1e-3 of the distance). */
static double quartic_tail(const limen_well *w, double zref, double tail_kT) {
  double Uref = limen_well_energy(w, zref), lo = 0.0, hi = 0.25;
  while (limen_well_energy(w, zref - hi) - Uref < tail_kT && hi < 1e6) {
    lo = hi;
    hi *= 2.0;
  }
  while (hi - lo > 1e-3 * hi) {
    double mid = 0.5 * (lo + hi);
    if (limen_well_energy(w, zref - mid) - Uref < tail_kT) lo = mid;
    else hi = mid;
  }
  return zref - hi;
}

/* Total variation of U on [L, b]: from the quartic's stationary points; for the washboard the
 * bound (πE + |f|)(b − L) ≥ ∫|U'|. */
static double variation(const limen_well *w, double L, double b) {
  if (w->kind == LIMEN_WELL_WASHBOARD) return (LIMEN_PI * w->barrier_kT + fabs(w->tilt_kT)) * (b - L);
  double st[3];
  int ismax[3];
  int n = limen_cell_stationary_in(w, L, b, st, ismax, 3);
  double v = 0.0, prev = limen_well_energy(w, L);
  for (int i = 0; i <= n; i++) {
    double u = limen_well_energy(w, i < n ? st[i] : b);
    v += fabs(u - prev);
    prev = u;
  }
  return v;
}

int limen_cell_mfpt_log_fast(const limen_well *w, double x0, double b, const limen_precision *prec,
                             double *log_t, int *done, limen_error *err) {
  (void)err;
  *done = 0;
  pthread_once(&g_once, build_tables);
  limen_precision p = limen_numeric_prec(prec);
  double tol = fmax(1e-2 * p.quad_epsrel, 1e-14), rtol = fmax(0.1 * p.quad_epsrel, 1e-13);
  if (2.0 * tol + rtol > p.quad_epsrel) return LIMEN_OK; /* asked for more than it can bound */
  mf_ctx x = {*w, log(tol), rtol, log(rtol)};
  double L = -0.5;
  if (w->kind == LIMEN_WELL_QUARTIC) {
    double r[3];
    limen_quartic_stationary(w->barrier_kT, w->tilt_kT, r);
    L = quartic_tail(w, fmin(x0, r[0]), fmin(p.quad_tail_kT, log(1.0 / tol) + 20.0));
  }
  if (!(variation(w, L, b) <= MF_MAX_VARIATION_KT)) return LIMEN_OK;
  mf_log kappa = {-HUGE_VAL, 0.0}, lt = {-HUGE_VAL, 0.0};
  double rg = 0.5 * (b - L);
  int left = MF_MAX_PANELS;
  if (x0 > L && !segment(&x, L, x0, 0, &kappa, &lt, &rg, &left)) return LIMEN_OK;
  if (!segment(&x, x0, b, 1, &kappa, &lt, &rg, &left)) return LIMEN_OK;
  if (!isfinite(log_value(lt))) return LIMEN_OK;
  *log_t = log_value(lt);
  *done = 1;
  return LIMEN_OK;
}
