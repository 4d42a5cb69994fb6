/* SPDX-License-Identifier: GPL-3.0-or-later
 * units.h: exact SI constants and energy conversions.
 * Every energy inside limen is either in joules (suffix _J) or in units of kT at the
 * stated temperature (suffix _kT).  Conversions are exact given the 2019 SI constants. */
#ifndef LIMEN_UNITS_H
#define LIMEN_UNITS_H

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LIMEN_K_B 1.380649e-23            /* Boltzmann constant, J/K (exact, SI 2019)        */
#define LIMEN_E_CHARGE 1.602176634e-19    /* elementary charge, C (exact): 1 eV in J          */
#define LIMEN_J_PER_KWH 3.6e6             /* 1 kWh in J (exact)                               */
#define LIMEN_LN2 0.693147180559945309417232121458 /* ln 2                                    */
#define LIMEN_PI 3.14159265358979323846264338327950288 /* π */
#define LIMEN_SECONDS_PER_DAY 86400.0
#define LIMEN_SECONDS_PER_YEAR 31557600.0 /* Julian year, 365.25 d                            */
#define LIMEN_DEFAULT_TEMPERATURE_K 300.0

/* kT in joules at temperature T (K). */
LIMEN_API double limen_kT(double temperature_K);

LIMEN_API double limen_J_to_kT(double energy_J, double temperature_K);
LIMEN_API double limen_kT_to_J(double energy_kT, double temperature_K);
/* in units of kT·ln2 (the Landauer cost of one bit) */
LIMEN_API double limen_J_to_kTln2(double energy_J, double temperature_K);
LIMEN_API double limen_J_to_eV(double energy_J);
LIMEN_API double limen_eV_to_J(double energy_eV);
LIMEN_API double limen_J_to_kWh(double energy_J);
LIMEN_API double limen_kWh_to_J(double energy_kWh);

/* ---- numbers and durations as users write them ------------------------------------------------
 * A number is decimal: [+|-]digits[.digits][(e|E)[+|-]digits] (or .digits), nothing before or
 * after it — no spaces, no hexadecimal, no "inf" or "nan".  A duration is a number with an
 * optional unit right after it: s, ms, us, ns, min, h, d, y (a Julian year, 365.25 d); without
 * one it is in seconds. */

/* The length of the decimal number at the start of text (0: none). */
LIMEN_API size_t limen_number_prefix(const char *text);
/* Seconds per time unit `name` ("s", "ms", "us", "ns", "min", "h", "d", "y"), and whether the
 * value is divided by *factor (sub-second units: x/1e3 is the closest double to the exact value,
 * x·1e-3 need not be); LIMEN_ENOTFOUND naming the units otherwise. */
LIMEN_API int limen_time_unit(const char *name, double *factor, int *divide, limen_error *err);
/* The list "s, ms, us, ns, min, h, d, y". */
LIMEN_API const char *limen_time_unit_names(void);

/* Energy units by name, for parsing and printing: "J", "kT", "kTln2", "eV", "kWh". */
typedef enum { LIMEN_UNIT_J, LIMEN_UNIT_KT, LIMEN_UNIT_KTLN2, LIMEN_UNIT_EV, LIMEN_UNIT_KWH } limen_energy_unit;
/* Convert energy_J into `unit` at temperature T (T is ignored for J, eV, kWh). */
LIMEN_API double limen_energy_convert(double energy_J, limen_energy_unit unit, double temperature_K);
LIMEN_API const char *limen_energy_unit_name(limen_energy_unit unit);
/* Sets *unit from its name: LIMEN_OK, or LIMEN_ENOTFOUND naming the allowed units. */
LIMEN_API int limen_energy_unit_parse(const char *name, limen_energy_unit *unit, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
