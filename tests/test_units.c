/* SPDX-License-Identifier: GPL-3.0-or-later
 * Units, constants and the error trace. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "limen/limen.h"
#include "testutil.h"

Test(units, kT_at_300K_is_exact) {
  cr_assert(tu_close_rel(limen_kT(300.0), 4.141947e-21, 1e-15));
}

Test(units, round_trips) {
  double T = 312.5, e = 3.7e-19;
  cr_assert(tu_close_rel(limen_kT_to_J(limen_J_to_kT(e, T), T), e, 1e-15));
  cr_assert(tu_close_rel(limen_eV_to_J(limen_J_to_eV(e)), e, 1e-15));
  cr_assert(tu_close_rel(limen_kWh_to_J(limen_J_to_kWh(e)), e, 1e-15));
  cr_assert(tu_close_rel(limen_J_to_kTln2(limen_kT(T) * LIMEN_LN2, T), 1.0, 1e-15));
}

Test(units, one_kWh_and_one_eV) {
  cr_assert(tu_close_rel(limen_J_to_kWh(3.6e6), 1.0, 1e-15));
  cr_assert(tu_close_rel(limen_J_to_eV(1.602176634e-19), 1.0, 1e-15));
  /* kT at 300 K is 25.852 meV */
  cr_assert(tu_close_rel(limen_J_to_eV(limen_kT(300.0)), 0.025851999786435535, 1e-12));
}

Test(units, unit_names_parse) {
  limen_energy_unit u;
  cr_assert_eq(limen_energy_unit_parse("kTln2", &u, NULL), LIMEN_OK);
  cr_assert_eq(u, LIMEN_UNIT_KTLN2);
  cr_assert_str_eq(limen_energy_unit_name(LIMEN_UNIT_KWH), "kWh");
  cr_assert_eq(limen_energy_unit_parse("furlong", &u, NULL), LIMEN_ENOTFOUND);
  cr_assert(tu_close_rel(limen_energy_convert(limen_kT(300), LIMEN_UNIT_KT, 300), 1.0, 1e-15));
}

Test(error, trace_is_built_outwards) {
  limen_error e;
  limen_error_clear(&e);
  limen_error_set(&e, LIMEN_EINVAL, "inner", "x = %g: must be > 0", -1.0);
  limen_error_wrap(&e, LIMEN_EINTERNAL, "outer", "while computing %s", "B");
  cr_assert_eq(e.code, LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "outer: while computing B: inner: x = -1: must be > 0");
}

Test(error, range_check_names_field_value_and_range) {
  limen_error e;
  limen_error_clear(&e);
  cr_assert_eq(limen_check_range(&e, "f", "bits", 0.0, 1.0, 0, 64.0, 0), LIMEN_EINVAL);
  cr_assert_str_eq(e.msg, "f: bits = 0: allowed range [1, 64]");
  cr_assert_eq(limen_check_positive(&e, "f", "tau", NAN), LIMEN_EINVAL);
  cr_assert(strstr(e.msg, "tau = nan") != NULL);
  cr_assert(strstr(e.msg, "(0, inf)") != NULL);
  cr_assert_eq(limen_check_positive(NULL, "f", "tau", 2.0), LIMEN_OK);
}
