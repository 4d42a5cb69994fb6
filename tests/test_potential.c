/* SPDX-License-Identifier: GPL-3.0-or-later
 * Potential types: energies against cell.h, forces and ∂U/∂λ against finite differences,
 * domains, support intervals, validation. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

static limen_control ctl(double Eb, double f, double c, double k) {
  limen_control u = limen_control_zero();
  u.barrier = Eb;
  u.tilt = f;
  u.center = c;
  u.stiffness = k;
  return u;
}

Test(potential, energies_match_cell_h) {
  limen_well wq = {LIMEN_WELL_QUARTIC, 7.5, 1.3, 0};
  limen_well ww = {LIMEN_WELL_WASHBOARD, 4.0, 0.6, 8};
  limen_well *ws[2] = {&wq, &ww};
  for (int j = 0; j < 2; j++) {
    limen_potential *p;
    limen_control u;
    limen_error e;
    cr_assert_eq(limen_potential_from_well(ws[j], &p, &u, &e), 0, "%s", e.msg);
    double lo = j ? -0.5 : -2.0, hi = j ? 7.5 : 2.0;
    for (int i = 0; i <= 400; i++) {
      double x = lo + (hi - lo) * i / 400.0;
      double a = limen_potential_energy(p, &u, x), b = limen_well_energy(ws[j], x);
      cr_assert(fabs(a - b) <= 1e-10 * fmax(1.0, fabs(b)), "%s x=%g: %.17g vs %.17g",
                p->type->name, x, a, b);
      double fa = limen_potential_force(p, &u, x), fb = limen_well_force(ws[j], x);
      cr_assert(fabs(fa - fb) <= 1e-10 * fmax(1.0, fabs(fb)), "force x=%g: %g vs %g", x, fa, fb);
    }
    limen_potential_free(p);
  }
}

Test(potential, forces_and_control_derivatives_match_finite_differences) {
  limen_potential_params par;
  memset(&par, 0, sizeof par);
  par.levels = 5;
  const limen_potential_type *types[3] = {limen_potential_quartic, limen_potential_washboard,
                                          limen_potential_harmonic};
  limen_control u = ctl(3.0, 0.8, 0.4, 2.5);
  for (int j = 0; j < 3; j++) {
    limen_potential *p;
    cr_assert_eq(limen_potential_alloc(types[j], &par, &p, NULL), 0);
    for (double x = -0.45; x < 2.0; x += 0.173) {
      double h = 1e-5;
      double fd = -(limen_potential_energy(p, &u, x + h) - limen_potential_energy(p, &u, x - h)) / (2 * h);
      double F = limen_potential_force(p, &u, x);
      cr_assert(fabs(F - fd) < 1e-6 * fmax(1, fabs(F)), "%s x=%g: F %g fd %g", types[j]->name, x, F, fd);
      double g[LIMEN_CONTROL_DIM];
      limen_potential_dU_dcontrol(p, &u, x, g);
      for (int c = 0; c < LIMEN_CONTROL_DIM; c++) {
        limen_control a = u, b = u;
        (&a.barrier)[c] += h;
        (&b.barrier)[c] -= h;
        double d = (limen_potential_energy(p, &a, x) - limen_potential_energy(p, &b, x)) / (2 * h);
        cr_assert(fabs(g[c] - d) < 1e-6 * fmax(1, fabs(d)), "%s dU/dλ[%d] at %g: %g vs %g",
                  types[j]->name, c, x, g[c], d);
      }
    }
    limen_potential_free(p);
  }
}

Test(potential, domains_support_and_lookup) {
  limen_potential_params par;
  memset(&par, 0, sizeof par);
  par.levels = 4;
  limen_potential *w, *q, *hm;
  cr_assert_eq(limen_potential_alloc(limen_potential_washboard, &par, &w, NULL), 0);
  cr_assert_eq(limen_potential_alloc(limen_potential_quartic, NULL, &q, NULL), 0);
  cr_assert_eq(limen_potential_alloc(limen_potential_harmonic, NULL, &hm, NULL), 0);
  double lo, hi;
  limen_potential_domain(w, &lo, &hi);
  cr_assert(lo == -0.5 && hi == 3.5);
  limen_potential_domain(q, &lo, &hi);
  cr_assert(isinf(lo) && isinf(hi));
  limen_control u = ctl(5.0, 0.0, 0, 1);
  cr_assert_eq(limen_potential_support(q, &u, 40.0, &lo, &hi, NULL, NULL), 0);
  /* E_b (x² − 1)² = 40 at x² = 1 + √8 */
  double xe = sqrt(1 + sqrt(8.0));
  cr_assert(hi > xe && hi < xe + 0.01 && lo < -xe && lo > -xe - 0.01, "[%g, %g] vs %g", lo, hi, xe);
  /* a coarser scan (precision.support_scan_points) still brackets the edges, within one of
   * its cells; too coarse a scan is refused, naming the field */
  limen_precision pr = limen_precision_default();
  pr.support_scan_points = 101;
  double lo2, hi2;
  cr_assert_eq(limen_potential_support(q, &u, 40.0, &lo2, &hi2, &pr, NULL), 0);
  cr_assert(hi2 > xe && lo2 < -xe, "[%g, %g] vs %g", lo2, hi2, xe);
  cr_assert(hi2 - xe < 2.0 * (hi2 - lo2) / 100 && -xe - lo2 < 2.0 * (hi2 - lo2) / 100, "[%g, %g]", lo2, hi2);
  pr.support_scan_points = 50;
  limen_error pe;
  cr_assert_eq(limen_potential_support(q, &u, 40.0, &lo2, &hi2, &pr, &pe), LIMEN_EINVAL);
  cr_assert(strstr(pe.msg, "precision.support_scan_points = 50"), "%s", pe.msg);
  u = ctl(0, 2.0, 1.0, 4.0);
  cr_assert_eq(limen_potential_support(hm, &u, 40.0, &lo, &hi, NULL, NULL), 0);
  cr_assert(lo < 1.5 - sqrt(20.0) && hi > 1.5 + sqrt(20.0));
  const limen_potential_type *t;
  cr_assert_eq(limen_potential_type_find("washboard", &t, NULL), 0);
  cr_assert_eq(t, limen_potential_washboard);
  limen_error e;
  cr_assert_eq(limen_potential_type_find("sextic", &t, &e), LIMEN_ENOTFOUND);
  cr_assert(strstr(e.msg, "sextic"));
  limen_potential_free(w);
  limen_potential_free(q);
  limen_potential_free(hm);
}

Test(potential, rejects_bad_parameters_and_controls) {
  limen_potential_params par;
  memset(&par, 0, sizeof par);
  par.levels = 1;
  limen_potential *p;
  limen_error e;
  cr_assert_eq(limen_potential_alloc(limen_potential_washboard, &par, &p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "levels = 1"), "%s", e.msg);
  cr_assert_eq(limen_potential_alloc(limen_potential_harmonic, NULL, &p, NULL), 0);
  limen_control u = ctl(0, 0, 0, -1);
  cr_assert_eq(limen_potential_check_control(p, &u, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "stiffness = -1"), "%s", e.msg);
  u = ctl(0, NAN, 0, 1);
  cr_assert_eq(limen_potential_check_control(p, &u, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "tilt"), "%s", e.msg);
  limen_potential_free(p);
}

/* The transport family: the bare cell for path < 0; forces consistent with the energies
 * (the cubic Hermite interpolant's exact derivative); the s = 0 slice is the cell's
 * potential plus the initial drift term (its minima stay near ±1). */
Test(potential, transport_family_is_consistent) {
  limen_potential_params par;
  memset(&par, 0, sizeof par);
  par.barrier_kT = 6.0;
  par.success = 0.9;
  par.duration = 5.0;
  par.grid_x = 801;
  par.grid_s = 41;
  limen_potential *p;
  limen_error e;
  cr_assert_eq(limen_potential_alloc(limen_potential_transport, &par, &p, &e), 0, "%s", e.msg);
  limen_control u = limen_control_zero();
  u.barrier = 6.0;
  u.tilt = 0.3;
  limen_well w = {LIMEN_WELL_QUARTIC, 6.0, 0.3, 0};
  cr_assert(tu_close_rel(limen_potential_energy(p, &u, 0.37), limen_well_energy(&w, 0.37), 1e-12));
  for (double s = 0; s <= 1.0; s += 0.137) {
    u.path = s;
    for (double x = -1.6; x < 1.6; x += 0.0913) {
      double h = 1e-6;
      double fd = -(limen_potential_energy(p, &u, x + h) - limen_potential_energy(p, &u, x - h)) / (2 * h);
      double F = limen_potential_force(p, &u, x);
      cr_assert(fabs(F - fd) < 1e-4 * fmax(1, fabs(F)), "s=%g x=%g: F %g fd %g", s, x, F, fd);
    }
  }
  u.path = 2.0;
  cr_assert_eq(limen_potential_check_control(p, &u, &e), LIMEN_EINVAL);
  limen_potential_free(p);
  par.success = 1.0;
  cr_assert_eq(limen_potential_alloc(limen_potential_transport, &par, &p, &e), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "success = 1"), "%s", e.msg);
}
