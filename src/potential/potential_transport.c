/* SPDX-License-Identifier: GPL-3.0-or-later
 * potential_transport.c: the finite-time-optimal erasure family U_s(x) of the quartic cell
 * (definition in potential.h).
 *
 * Construction (units γ = kT = 1).  ρ₀ ∝ e^{−U₀}, U₀ = E_b(x² − 1)², on [−L, L] with
 * U₀(±L) = 40 + … (the e^{−40} tails are cut).  Final state ρ₁ = 2P·ρ₀ on x < 0 and
 * 2(1 − P)·ρ₀ on x > 0.  The monotone map T = F₁⁻¹∘F₀ is, with the symmetry F₀(−x) = 1 − F₀(x),
 *     T(x₀) = F₀⁻¹(F₀(x₀)/(2P))               for F₀(x₀) < P   (lands on x < 0),
 *     T(x₀) = −F₀⁻¹(F₀(−x₀)/(2(1 − P)))       otherwise        (lands on x > 0),
 * computed from F₀ tabulated on a fine grid and inverted by interpolating ln F₀ (accurate in
 * the tails).  The Lagrangian points are the union of a uniform grid in x₀ and the preimages
 * T⁻¹ of a uniform grid in T, so that X_s = (1 − s)x₀ + sT is resolved for every s.
 * At X_s(x₀):  ln ρ_s = −U₀(x₀) − ln((1 − s) + s·T'(x₀)),  T' = ρ₀(x₀)/ρ₁(T(x₀)),
 *              u_s = T(x₀) − x₀  (Lagrangian displacement; velocity u_s/τ),
 * and U_s(x) = −ln ρ_s(x) − τ⁻¹∫₀ˣ u_s(y) dy on a uniform Eulerian grid (trapezoid rule).
 *
 * The step.  ρ₁ jumps at x = 0 by the factor (1 − P)/P, so ρ_s (s > 0) jumps at the moving
 * point X_s(x_P), F₀(x_P) = P, and the exact U_s has a step there: the potential that keeps
 * the particles bound for the left well and those that stay apart.  A tabulated potential
 * cannot hold a step, so it is smoothed: the step J(s) is removed from ln ρ_s and added back
 * as J(s)·(1 + tanh((x − X_s(x_P))/w))/2 with w = params.step_width (default
 * LIMEN_TRANSPORT_STEP_WIDTH).  The ramp is the only departure from the exact optimal
 * protocol; within it the drift no longer transports the density along ρ_s, and particles
 * within ~w of the split point end on the wrong side.  The resulting success shortfall is
 * second order in w (the Fokker–Planck solver gives ≈ 16·w² at τ = 2, E_b = 8, P = 0.9) and
 * ⟨Q⟩ converges to e_FT(τ) with it (potential.h, docs/simulation.md).
 *
 * Interpolation: cubic Hermite in x (slopes by central differences of the table), linear in
 * s between NS slices; beyond ±L a steep quadratic wall continues the table. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "limen/potential.h"

#define CUT_KT 40.0
#define N_FINE 40001
#define N_LAG 8001
#define WALL_K 200.0

typedef struct transport_state {
  int nx, ns;
  double L, hx, tau, w;
  double *U;  /* ns × nx energies */
  double *dU; /* ns × nx slopes ∂ₓU */
} transport_state;

typedef struct fine_cdf {
  double a, h;
  int n;
  double *lnF; /* ln F₀ on the fine grid */
} fine_cdf;

static double U0(double E, double x) {
  double y = x * x - 1.0;
  return E * y * y;
}

/* ln F₀(x) by linear interpolation of the table (x clamped to the grid). */
static double lnF_at(const fine_cdf *c, double x) {
  double t = (x - c->a) / c->h;
  if (t <= 0) return c->lnF[0] + (t < 0 ? -1e300 : 0);
  if (t >= c->n - 1) return 0.0;
  int i = (int)t;
  double f = t - i;
  return c->lnF[i] * (1 - f) + c->lnF[i + 1] * f;
}

/* F₀⁻¹ from ln q (bisection on the monotone table, then linear in ln F₀). */
static double Finv(const fine_cdf *c, double lnq) {
  if (lnq <= c->lnF[0]) return c->a;
  if (lnq >= c->lnF[c->n - 1]) return c->a + c->h * (c->n - 1);
  int lo = 0, hi = c->n - 1;
  while (hi - lo > 1) {
    int mid = (lo + hi) / 2;
    if (c->lnF[mid] <= lnq) lo = mid;
    else hi = mid;
  }
  double d = c->lnF[hi] - c->lnF[lo];
  double f = d > 0 ? (lnq - c->lnF[lo]) / d : 0.0;
  return c->a + c->h * (lo + f);
}

/* The map T and ln T' at x₀ (side: 0 → left branch, 1 → right branch). */
static void map_at(const fine_cdf *c, double E, double P, double x0, int side, double *T,
                   double *lnTp) {
  if (!side) {
    *T = Finv(c, lnF_at(c, x0) - log(2 * P));
    *lnTp = U0(E, *T) - U0(E, x0) - log(2 * P);
  } else {
    *T = -Finv(c, lnF_at(c, -x0) - log(2 * (1 - P)));
    *lnTp = U0(E, *T) - U0(E, x0) - log(2 * (1 - P));
  }
}

/* ln((1 − s) + s·e^{lt}) without overflow. */
static double ln_mix(double s, double lt) {
  if (s <= 0) return 0.0;
  if (lt > 0) return lt + log(s + (1 - s) * exp(-lt));
  return log((1 - s) + s * exp(lt));
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void free_state(void *st) {
  transport_state *t = st;
  if (!t) return;
  free(t->U);
  free(t->dU);
  free(t);
}

/* F₀ of ρ₀ ∝ e^{−U₀} on [−L, L]: ln F₀ on the fine grid by the trapezoid rule from the left. */
static int tabulate_cdf(double E, double L, fine_cdf *c, limen_error *err) {
  c->n = N_FINE;
  c->a = -L;
  c->h = 2 * L / (N_FINE - 1);
  c->lnF = malloc(N_FINE * sizeof(double));
  double *cum = malloc(N_FINE * sizeof(double));
  if (!c->lnF || !cum) {
    free(c->lnF), free(cum);
    c->lnF = NULL;
    return limen_error_set(err, LIMEN_ENOMEM, "transport", "out of memory");
  }
  double Umin = 0.0, acc = 0.0, prev = exp(-(U0(E, c->a) - Umin));
  cum[0] = prev * c->h * 0.5;
  for (int i = 1; i < N_FINE; i++) {
    double w = exp(-(U0(E, c->a + c->h * i) - Umin));
    acc = cum[i - 1] + 0.5 * (prev + w) * c->h;
    cum[i] = acc;
    prev = w;
  }
  for (int i = 0; i < N_FINE; i++) c->lnF[i] = log(cum[i] / acc);
  free(cum);
  return LIMEN_OK;
}

/* The Lagrangian points x₀ (sorted), their images T and ln T', and per slice s their
 * positions X_s and ln ρ_s there. */
typedef struct lagrangian {
  int n;
  double *x0, *T, *lnTp;
  double *X, *lr;
} lagrangian;

static void lagrangian_free(lagrangian *g) { free(g->x0), free(g->T), free(g->lnTp), free(g->X), free(g->lr); }

static int lagrangian_alloc(lagrangian *g, limen_error *err) {
  const size_t nmax = 2 * N_LAG;
  g->n = 0;
  g->x0 = malloc(nmax * sizeof(double));
  g->T = malloc(nmax * sizeof(double));
  g->lnTp = malloc(nmax * sizeof(double));
  g->X = malloc(nmax * sizeof(double));
  g->lr = malloc(nmax * sizeof(double));
  if (g->x0 && g->T && g->lnTp && g->X && g->lr) return LIMEN_OK;
  lagrangian_free(g);
  return limen_error_set(err, LIMEN_ENOMEM, "transport", "out of memory");
}

/* The union of a uniform grid in x₀ and the preimages T⁻¹ of a uniform grid in T (inside
 * (−L, L)), sorted, with T and ln T' of each (the branch by x₀ ≥ x_P). */
static void lagrangian_points(const fine_cdf *c, double E, double P, double L, double xP, lagrangian *g) {
  int n = 0;
  for (int i = 0; i < N_LAG; i++) g->x0[n++] = -L + 2 * L * i / (N_LAG - 1);
  for (int i = 0; i < N_LAG; i++) {
    double y = -L + 2 * L * i / (N_LAG - 1), x0;
    if (y < 0) x0 = Finv(c, log(2 * P) + lnF_at(c, y));
    else x0 = -Finv(c, log(2 * (1 - P)) + lnF_at(c, -y));
    if (x0 > -L && x0 < L) g->x0[n++] = x0;
  }
  qsort(g->x0, n, sizeof(double), cmp_double);
  for (int i = 0; i < n; i++) map_at(c, E, P, g->x0[i], g->x0[i] >= xP, &g->T[i], &g->lnTp[i]);
  g->n = n;
}

/* Slice s: X_s = (1 − s)x₀ + sT and the continuous part of ln ρ_s there (the step J added
 * back on the right branch). */
static void lagrangian_slice(lagrangian *g, double E, double xP, double s, double J) {
  for (int i = 0; i < g->n; i++) {
    g->X[i] = (1 - s) * g->x0[i] + s * g->T[i];
    g->lr[i] = -U0(E, g->x0[i]) - ln_mix(s, g->lnTp[i]) + (g->x0[i] >= xP ? J : 0.0);
  }
}

/* On the Eulerian grid x_i = −L + i·hx: −ln ρ_s with the step J smoothed over the ramp of
 * width w at XP (into Uk), and the displacement u_s (into ue); linear interpolation between the
 * Lagrangian points, their end values beyond them. */
static void eulerian_slice(const lagrangian *g, double L, double hx, int nx, double J, double XP, double w, double *Uk,
                           double *ue) {
  const int n = g->n;
  const double *Xs = g->X, *lr = g->lr, *lT = g->T, *lx0 = g->x0;
  int j = 0;
  for (int i = 0; i < nx; i++) {
    double x = -L + hx * i, lrho, u;
    while (j < n - 2 && Xs[j + 1] < x) j++;
    if (x <= Xs[0]) {
      lrho = lr[0];
      u = lT[0] - lx0[0];
    } else if (x >= Xs[n - 1]) {
      lrho = lr[n - 1];
      u = lT[n - 1] - lx0[n - 1];
    } else {
      double d = Xs[j + 1] - Xs[j], f = d > 0 ? (x - Xs[j]) / d : 0.0;
      lrho = lr[j] * (1 - f) + lr[j + 1] * f;
      u = (lT[j] - lx0[j]) * (1 - f) + (lT[j + 1] - lx0[j + 1]) * f;
    }
    /* smoothed step: ln ρ drops by J across X_s(x_P) */
    lrho -= J * 0.5 * (1.0 + tanh((x - XP) / w));
    Uk[i] = -lrho;
    ue[i] = u;
  }
}

/* Uk −= τ⁻¹∫₀ˣ u dy, trapezoid from the centre (index nx/2 is x = 0 for odd nx); V is scratch. */
static void subtract_drift(const double *ue, int nx, double hx, double tau, double *Uk, double *V) {
  int mid = nx / 2;
  double I = 0.0;
  V[mid] = 0.0;
  for (int i = mid + 1; i < nx; i++) V[i] = (I += 0.5 * (ue[i] + ue[i - 1]) * hx);
  I = 0.0;
  for (int i = mid - 1; i >= 0; i--) V[i] = (I -= 0.5 * (ue[i] + ue[i + 1]) * hx);
  for (int i = 0; i < nx; i++) Uk[i] -= V[i] / tau;
}

/* Slopes ∂ₓU by central differences (one-sided at the ends). */
static void central_slopes(const double *Uk, int nx, double hx, double *V) {
  for (int i = 1; i < nx - 1; i++) V[i] = (Uk[i + 1] - Uk[i - 1]) / (2 * hx);
  V[0] = (Uk[1] - Uk[0]) / hx;
  V[nx - 1] = (Uk[nx - 1] - Uk[nx - 2]) / hx;
}

/* The table: for each of the ns slices s = k/(ns − 1), U_s and ∂ₓU_s on nx points over [−L, L]. */
static int build(const limen_potential_params *q, transport_state *t, limen_error *err) {
  const double E = q->barrier_kT, P = q->success;
  const double L = sqrt(1.0 + sqrt(CUT_KT / E));
  fine_cdf c;
  lagrangian g;
  int st = tabulate_cdf(E, L, &c, err);
  if (st) return st;
  double *ue = malloc(t->nx * sizeof(double));
  if (!ue || (st = lagrangian_alloc(&g, err))) {
    free(c.lnF), free(ue);
    return ue ? st : limen_error_set(err, LIMEN_ENOMEM, "transport", "out of memory");
  }
  double xP = Finv(&c, log(P)); /* x_P: F₀(x_P) = P */
  lagrangian_points(&c, E, P, L, xP, &g);
  /* the step J(s) of −ln ρ_s at x_P: from the two one-sided limits of T' */
  double Ta, Tb, la, lb;
  map_at(&c, E, P, xP, 0, &Ta, &la);
  map_at(&c, E, P, xP, 1, &Tb, &lb);
  const int nx = t->nx, ns = t->ns;
  const double hx = 2 * L / (nx - 1);
  for (int k = 0; k < ns; k++) {
    double s = (double)k / (ns - 1);
    /* J = ln ρ(x_P⁻) − ln ρ(x_P⁺) = ln_mix(s, lb) − ln_mix(s, la) */
    double J = ln_mix(s, lb) - ln_mix(s, la), XP = xP + s * (0.0 - xP);
    double *Uk = t->U + (size_t)k * nx, *Vk = t->dU + (size_t)k * nx;
    lagrangian_slice(&g, E, xP, s, J);
    eulerian_slice(&g, L, hx, nx, J, XP, t->w, Uk, ue);
    subtract_drift(ue, nx, hx, t->tau, Uk, Vk); /* Vk: scratch for the integral */
    central_slopes(Uk, nx, hx, Vk);
  }
  t->L = L;
  t->hx = hx;
  free(c.lnF), free(ue);
  lagrangian_free(&g);
  return LIMEN_OK;
}

double limen_potential_transport_step_width(const limen_potential_params *params) {
  return params && params->step_width > 0 ? params->step_width : LIMEN_TRANSPORT_STEP_WIDTH;
}

static int transport_init(const limen_potential_params *q, void **state, limen_error *err) {
  *state = NULL;
  int rc;
  if ((rc = limen_check_range(err, "transport", "barrier_kT", q->barrier_kT, 0.5, 0, 1e3, 0)))
    return rc;
  if ((rc = limen_check_range(err, "transport", "success", q->success, 0.5, 1, 1.0, 1))) return rc;
  if ((rc = limen_check_range(err, "transport", "duration", q->duration, 0, 1, 1e15, 0))) return rc;
  if ((rc = limen_check_range(err, "transport", "step_width", q->step_width, 0, 0, 1.0, 0))) return rc;
  int nx = q->grid_x ? q->grid_x : 4001, ns = q->grid_s ? q->grid_s : 401;
  if ((rc = limen_check_range(err, "transport", "grid_x", nx, 101, 0, 1e6, 0))) return rc;
  if ((rc = limen_check_range(err, "transport", "grid_s", ns, 2, 0, 1e5, 0))) return rc;
  if (nx % 2 == 0) nx++; /* x = 0 on the grid */
  transport_state *t = calloc(1, sizeof *t);
  if (!t) return limen_error_set(err, LIMEN_ENOMEM, "transport", "out of memory");
  t->nx = nx;
  t->ns = ns;
  t->tau = q->duration;
  t->w = limen_potential_transport_step_width(q);
  t->w = limen_potential_transport_step_width(q);
  t->U = malloc((size_t)nx * ns * sizeof(double));
  t->dU = malloc((size_t)nx * ns * sizeof(double));
  if (!t->U || !t->dU) {
    free_state(t);
    return limen_error_set(err, LIMEN_ENOMEM, "transport", "out of memory for %d × %d table", ns, nx);
  }
  rc = build(q, t, err);
  if (rc) {
    free_state(t);
    return rc;
  }
  *state = t;
  return LIMEN_OK;
}

static int transport_check(const limen_potential *p, const limen_control *u, limen_error *err) {
  (void)p;
  int rc = limen_check_range(err, "transport", "path", u->path, -HUGE_VAL, 0, 1.0, 0);
  if (rc) return rc;
  if (u->path < 0) return limen_check_range(err, "transport", "barrier", u->barrier, 0, 1, 1e6, 0);
  return LIMEN_OK;
}

/* Hermite interpolation of slice k at x; energy and slope. */
static void slice_eval(const transport_state *t, int k, double x, double *U, double *dU) {
  const double *Uk = t->U + (size_t)k * t->nx, *Dk = t->dU + (size_t)k * t->nx;
  double a = -t->L, b = t->L;
  if (x <= a || x >= b) {
    int i = x <= a ? 0 : t->nx - 1;
    double d = x - (x <= a ? a : b);
    *U = Uk[i] + Dk[i] * d + 0.5 * WALL_K * d * d;
    *dU = Dk[i] + WALL_K * d;
    return;
  }
  double r = (x - a) / t->hx;
  int i = (int)r;
  if (i >= t->nx - 1) i = t->nx - 2;
  double f = r - i, h = t->hx;
  double f2 = f * f, f3 = f2 * f;
  double h00 = 2 * f3 - 3 * f2 + 1, h10 = f3 - 2 * f2 + f, h01 = -2 * f3 + 3 * f2, h11 = f3 - f2;
  *U = h00 * Uk[i] + h10 * h * Dk[i] + h01 * Uk[i + 1] + h11 * h * Dk[i + 1];
  double d00 = (6 * f2 - 6 * f) / h, d10 = 3 * f2 - 4 * f + 1, d01 = (-6 * f2 + 6 * f) / h,
         d11 = 3 * f2 - 2 * f;
  *dU = d00 * Uk[i] + d10 * Dk[i] + d01 * Uk[i + 1] + d11 * Dk[i + 1];
}

static void transport_eval(const limen_potential *p, const limen_control *u, size_t n,
                           const double *x, double *U, double *F) {
  const transport_state *t = p->state;
  if (u->path < 0) {
    const double E = u->barrier, f = u->tilt;
    for (size_t i = 0; i < n; i++) {
      double y = x[i] * x[i] - 1.0;
      U[i] = E * y * y - f * x[i];
      if (F) F[i] = f - 4.0 * E * x[i] * y;
    }
    return;
  }
  double r = u->path * (t->ns - 1);
  int k = (int)r;
  if (k >= t->ns - 1) k = t->ns - 2;
  double g = r - k;
  for (size_t i = 0; i < n; i++) {
    double U1, D1, U2, D2;
    slice_eval(t, k, x[i], &U1, &D1);
    slice_eval(t, k + 1, x[i], &U2, &D2);
    U[i] = (1 - g) * U1 + g * U2;
    if (F) F[i] = -((1 - g) * D1 + g * D2);
  }
}

static void transport_dU(const limen_potential *p, const limen_control *u, double x,
                         double g[LIMEN_CONTROL_DIM]) {
  for (int j = 0; j < LIMEN_CONTROL_DIM; j++) g[j] = 0.0;
  if (u->path < 0) {
    double y = x * x - 1.0;
    g[0] = y * y;
    g[1] = -x;
    return;
  }
  const transport_state *t = p->state;
  double r = u->path * (t->ns - 1);
  int k = (int)r;
  if (k >= t->ns - 1) k = t->ns - 2;
  double U1, D1, U2, D2;
  slice_eval(t, k, x, &U1, &D1);
  slice_eval(t, k + 1, x, &U2, &D2);
  g[4] = (U2 - U1) * (t->ns - 1);
}

static void transport_domain(const limen_potential *p, double *lo, double *hi) {
  (void)p;
  *lo = -HUGE_VAL;
  *hi = HUGE_VAL;
}

static const limen_potential_type transport_type = {
    "transport",  0, transport_init, free_state, transport_check, transport_eval,
    transport_dU, transport_domain};
const limen_potential_type *const limen_potential_transport = &transport_type;
