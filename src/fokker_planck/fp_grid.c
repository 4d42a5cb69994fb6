/* SPDX-License-Identifier: GPL-3.0-or-later
 * fp_grid.c: the finite-volume Fokker–Planck kernel.
 *
 * Dimensionless overdamped Smoluchowski equation (kT = γ = 1, x in a, t in τ₀)
 *     ∂ₜρ = ∂ₓ(ρ ∂ₓU + ∂ₓρ) = −∂ₓJ,   J = −(ρ ∂ₓU + ∂ₓρ),
 * on n cells of width h covering [x_lo, x_hi], zero flux through both ends (reflecting walls).
 * ρ_i is the cell average, U_i the potential at the cell centre.
 *
 * Scharfetter–Gummel flux between cells i and i+1 (the exact steady flux of the two-point
 * problem with a linear potential between the centres):
 *     J_{i+½} = [B(ΔU) ρ_i − B(−ΔU) ρ_{i+1}] / h,   ΔU = U_{i+1} − U_i,   B(z) = z/(eᶻ − 1).
 * Since B(−z) = eᶻ B(z), J vanishes identically for ρ ∝ e^{−U}: the Boltzmann density is a
 * stationary state of the discrete equations (to round-off), at any h.  The semi-discrete
 * system is dρ/dt = Aρ with A tridiagonal, non-negative off the diagonal and with zero column
 * sums, so the total mass Σρ_i h is conserved by the time stepping (each implicit stage
 * matrix I − cA has unit column sums).
 *
 * Time stepping with the potential frozen over a step: backward Euler, or TR-BDF2
 * (Bank et al. 1985; Hosea & Shampine 1996) with γ = 2 − √2, whose two stages share one
 * matrix I − (γ/2)Δt A; both are L-stable, so protocol jumps do not cause oscillations.
 * Linear systems: the Thomas algorithm (I − cA is column diagonally dominant, so no pivoting
 * is needed), with the LU factors kept while the potential is unchanged and shared by the
 * two TR-BDF2 stages; it gives the same solutions as gsl_linalg_solve_tridiag (tested),
 * which would refactor on every call. */
#include "limen/fokker_planck.h"
#include "fokker_planck/fp_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct limen_fp_grid {
  size_t n;
  double x_lo, x_hi, h;
  double *x;       /* cell centres                     */
  double *rho;     /* density (cell averages)          */
  double *bp, *bm; /* B(ΔU_i), B(−ΔU_i), i = 0..n−2    */
  double *diag, *up, *lo, *rhs, *sol, *tmp;
  double *cp, *inv;   /* LU factors of I − cA (Thomas): c'_i and 1/m_i      */
  double *u_last;     /* the potential the factors were made for            */
  double c_last;      /* and the coefficient c (0: no valid factorization)   */
};

/* Bernoulli function B(z) = z/(eᶻ − 1), B(0) = 1; accurate for all z (expm1), 0 for z > 709. */
static double bernoulli(double z) {
  if (z == 0.0) return 1.0;
  if (z > 745.0) return 0.0;
  return z / expm1(z);
}

limen_fp_grid *limen_fp_grid_alloc(size_t n_cells, double x_lo, double x_hi, limen_error *err) {
  if (n_cells < 3 || n_cells > 100000000) {
    limen_error_set(err, LIMEN_EINVAL, __func__, "n_cells = %zu: allowed range [3, 1e8]", n_cells);
    return NULL;
  }
  if (!isfinite(x_lo) || !isfinite(x_hi) || !(x_hi > x_lo)) {
    limen_error_set(err, LIMEN_EINVAL, __func__, "domain [%g, %g]: need finite x_lo < x_hi", x_lo, x_hi);
    return NULL;
  }
  limen_fp_grid *g = calloc(1, sizeof *g);
  double *mem = g ? malloc(sizeof(double) * n_cells * 13) : NULL;
  if (!g || !mem) {
    free(g);
    free(mem);
    limen_error_set(err, LIMEN_ENOMEM, __func__, "cannot allocate a grid of %zu cells", n_cells);
    return NULL;
  }
  size_t n = n_cells;
  g->n = n;
  g->x_lo = x_lo;
  g->x_hi = x_hi;
  g->h = (x_hi - x_lo) / (double)n;
  g->x = mem;
  g->rho = mem + n;
  g->bp = mem + 2 * n;
  g->bm = mem + 3 * n;
  g->diag = mem + 4 * n;
  g->up = mem + 5 * n;
  g->lo = mem + 6 * n;
  g->rhs = mem + 7 * n;
  g->sol = mem + 8 * n;
  g->tmp = mem + 9 * n;
  g->cp = mem + 10 * n;
  g->inv = mem + 11 * n;
  g->u_last = mem + 12 * n;
  g->c_last = 0.0;
  for (size_t i = 0; i < n; i++) {
    g->x[i] = x_lo + ((double)i + 0.5) * g->h;
    g->rho[i] = 1.0 / (x_hi - x_lo);
  }
  return g;
}

void limen_fp_grid_free(limen_fp_grid *g) {
  if (!g) return;
  free(g->x);
  free(g);
}

size_t limen_fp_grid_size(const limen_fp_grid *g) { return g->n; }
double limen_fp_grid_dx(const limen_fp_grid *g) { return g->h; }
const double *limen_fp_grid_x(const limen_fp_grid *g) { return g->x; }
const double *limen_fp_grid_density(const limen_fp_grid *g) { return g->rho; }

static int check_u(const limen_fp_grid *g, const double *u, const char *func, limen_error *err) {
  for (size_t i = 0; i < g->n; i++)
    if (!isfinite(u[i]))
      return limen_error_set(err, LIMEN_ENUMERIC, func, "potential at x = %g is %g: must be finite",
                             g->x[i], u[i]);
  return LIMEN_OK;
}

int limen_fp_grid_set_boltzmann(limen_fp_grid *g, const double *u, limen_error *err) {
  int st = check_u(g, u, __func__, err);
  if (st) return st;
  double umin = u[0];
  for (size_t i = 1; i < g->n; i++) umin = fmin(umin, u[i]);
  double z = 0.0;
  for (size_t i = 0; i < g->n; i++) {
    g->rho[i] = exp(-(u[i] - umin));
    z += g->rho[i];
  }
  z *= g->h;
  for (size_t i = 0; i < g->n; i++) g->rho[i] /= z;
  return LIMEN_OK;
}

int limen_fp_grid_set_density(limen_fp_grid *g, const double *rho, limen_error *err) {
  double m = 0.0;
  for (size_t i = 0; i < g->n; i++) {
    if (!isfinite(rho[i]) || rho[i] < 0.0)
      return limen_error_set(err, LIMEN_EINVAL, __func__, "density at x = %g is %g: must be finite and >= 0",
                             g->x[i], rho[i]);
    m += rho[i];
  }
  if (!(m > 0.0)) return limen_error_set(err, LIMEN_EINVAL, __func__, "density has zero mass");
  memcpy(g->rho, rho, sizeof(double) * g->n);
  return LIMEN_OK;
}

void fp_grid_restore(limen_fp_grid *g, const double *rho) { memcpy(g->rho, rho, sizeof(double) * g->n); }

double limen_fp_grid_mass(const limen_fp_grid *g) {
  double m = 0.0;
  for (size_t i = 0; i < g->n; i++) m += g->rho[i];
  return m * g->h;
}

double limen_fp_grid_mean(const limen_fp_grid *g, const double *f) {
  double s = 0.0;
  for (size_t i = 0; i < g->n; i++) s += g->rho[i] * f[i];
  return s * g->h;
}

double limen_fp_grid_mass_between(const limen_fp_grid *g, double a, double b) {
  /* cell averages: partial cells contribute their overlapping fraction */
  double m = 0.0;
  for (size_t i = 0; i < g->n; i++) {
    double l = g->x[i] - 0.5 * g->h, r = g->x[i] + 0.5 * g->h;
    double lo = fmax(l, a), hi = fmin(r, b);
    if (hi > lo) m += g->rho[i] * (hi - lo);
  }
  return m;
}

/* Fill bp, bm from the potential and form I − c·A in (diag, up, lo). */
static void assemble(limen_fp_grid *g, const double *u, double c) {
  size_t n = g->n;
  double k = c / (g->h * g->h);
  for (size_t i = 0; i + 1 < n; i++) {
    /* B(−z) = z + B(z): one exponential per face, evaluated at |z| so that no cancellation
     * occurs (B(|z|) is the small one of the pair) */
    double du = u[i + 1] - u[i], b = bernoulli(fabs(du));
    if (du >= 0.0) {
      g->bp[i] = b;
      g->bm[i] = du + b;
    } else {
      g->bp[i] = b - du;
      g->bm[i] = b;
    }
  }
  for (size_t i = 0; i < n; i++) {
    double out = 0.0;
    if (i + 1 < n) out += g->bp[i];  /* flux to the right leaves cell i with B(ΔU_i)   */
    if (i > 0) out += g->bm[i - 1];  /* flux to the left leaves cell i with B(−ΔU_i−1) */
    g->diag[i] = 1.0 + k * out;
  }
  for (size_t i = 0; i + 1 < n; i++) {
    g->up[i] = -k * g->bm[i]; /* row i, column i+1: inflow from i+1 */
    g->lo[i] = -k * g->bp[i]; /* row i+1, column i: inflow from i   */
  }
}

/* y = c·A·v with A from bp, bm: face i+½ moves k(bp v_i − bm v_{i+1}) from cell i to i+1. */
static void apply_A(const limen_fp_grid *g, double c, const double *v, double *y) {
  size_t n = g->n;
  double k = c / (g->h * g->h);
  for (size_t i = 0; i < n; i++) y[i] = 0.0;
  for (size_t i = 0; i + 1 < n; i++) {
    double j = k * (g->bp[i] * v[i] - g->bm[i] * v[i + 1]);
    y[i] -= j;
    y[i + 1] += j;
  }
}

/* LU factorization of the tridiagonal I − cA (Thomas algorithm without pivoting, stable
 * because the matrix is column diagonally dominant with positive diagonal).  It is kept
 * while the potential and c stay the same, and shared by the two TR-BDF2 stages. */
static int factor(limen_fp_grid *g, limen_error *err) {
  size_t n = g->n;
  double m = g->diag[0];
  for (size_t i = 0;; i++) {
    if (!(m > 0.0) || !isfinite(m)) {
      g->c_last = 0.0;
      return limen_error_set(err, LIMEN_ENUMERIC, "limen_fp_grid_step", "tridiagonal pivot %zu = %g: not positive", i, m);
    }
    g->inv[i] = 1.0 / m;
    if (i + 1 == n) break;
    g->cp[i] = g->up[i] * g->inv[i];
    m = g->diag[i + 1] - g->lo[i] * g->cp[i];
  }
  return LIMEN_OK;
}

/* sol = (I − cA)⁻¹ rhs with the stored factors. */
static void solve(limen_fp_grid *g) {
  size_t n = g->n;
  double *y = g->sol;
  y[0] = g->rhs[0] * g->inv[0];
  for (size_t i = 1; i < n; i++) y[i] = (g->rhs[i] - g->lo[i - 1] * y[i - 1]) * g->inv[i];
  for (size_t i = n - 1; i-- > 0;) y[i] -= g->cp[i] * y[i + 1];
}

/* Assemble and factor I − cA unless the factors for (u, c) are already there; then the
 * face coefficients bp, bm are current too. */
static int prepare(limen_fp_grid *g, const double *u, double c, limen_error *err) {
  if (g->c_last == c && memcmp(g->u_last, u, sizeof(double) * g->n) == 0) return LIMEN_OK;
  assemble(g, u, c);
  int st = factor(g, err);
  if (st) return st;
  memcpy(g->u_last, u, sizeof(double) * g->n);
  g->c_last = c;
  return LIMEN_OK;
}

int limen_fp_grid_step(limen_fp_grid *g, const double *u, double dt, limen_fp_scheme scheme,
                       limen_error *err) {
  if (!(dt > 0.0) || !isfinite(dt))
    return limen_error_set(err, LIMEN_EINVAL, __func__, "dt = %g: allowed range (0, inf)", dt);
  int st = check_u(g, u, __func__, err);
  if (st) return st;
  size_t n = g->n;
  if (scheme != LIMEN_FP_TRBDF2 && scheme != LIMEN_FP_BACKWARD_EULER)
    return limen_error_set(err, LIMEN_EINVAL, __func__, "scheme = %d: allowed 0 (TR-BDF2), 1 (backward Euler)",
                           (int)scheme);
  /* The stages are solved for increments δ = ρ_new − ρⁿ: the right-hand sides are flux
   * divergences, which vanish (to round-off) in equilibrium, so a stationary density is
   * left unchanged to round-off of δ rather than of ρ, and the mass change Σδ is a sum of
   * telescoping fluxes. */
  if (scheme == LIMEN_FP_BACKWARD_EULER) {
    /* (I − Δt A) δ = Δt A ρⁿ */
    if ((st = prepare(g, u, dt, err))) return st;
    apply_A(g, dt, g->rho, g->rhs);
    solve(g);
    for (size_t i = 0; i < n; i++) g->rho[i] += g->sol[i];
    return LIMEN_OK;
  }
  const double gam = 2.0 - 1.41421356237309504880; /* 2 − √2 */
  const double c = 0.5 * gam * dt; /* = (1−γ)/(2−γ)·Δt: both stages share I − cA */
  const double a1 = 1.0 / (gam * (2.0 - gam));
  if ((st = prepare(g, u, c, err))) return st;
  /* stage 1, trapezoid to t + γΔt:  (I − cA) ρ* = (I + cA) ρⁿ,  i.e. (I − cA) δ₁ = 2cAρⁿ */
  apply_A(g, c, g->rho, g->tmp);
  for (size_t i = 0; i < n; i++) g->rhs[i] = 2.0 * g->tmp[i];
  solve(g);
  /* stage 2, BDF2:  (I − cA) ρⁿ⁺¹ = a₁ρ* − (a₁ − 1)ρⁿ,  a₁ = 1/(γ(2 − γ)),
   * i.e. (I − cA) δ₂ = a₁δ₁ + cAρⁿ */
  for (size_t i = 0; i < n; i++) g->rhs[i] = a1 * g->sol[i] + g->tmp[i];
  solve(g);
  for (size_t i = 0; i < n; i++) g->rho[i] += g->sol[i];
  return LIMEN_OK;
}

int limen_fp_grid_flux_residual(limen_fp_grid *g, const double *u, double *max_abs_flux,
                                limen_error *err) {
  int st = check_u(g, u, __func__, err);
  if (st) return st;
  assemble(g, u, 1.0);
  g->c_last = 0.0; /* the matrix now holds c = 1: factors must be remade */
  double m = 0.0;
  for (size_t i = 0; i + 1 < g->n; i++)
    m = fmax(m, fabs(g->bp[i] * g->rho[i] - g->bm[i] * g->rho[i + 1]) / g->h);
  *max_abs_flux = m;
  return LIMEN_OK;
}
