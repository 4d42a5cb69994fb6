/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "limen/units.h"

#include <string.h>

double limen_kT(double temperature_K) { return LIMEN_K_B * temperature_K; }
double limen_J_to_kT(double energy_J, double temperature_K) { return energy_J / limen_kT(temperature_K); }
double limen_kT_to_J(double energy_kT, double temperature_K) { return energy_kT * limen_kT(temperature_K); }
double limen_J_to_kTln2(double energy_J, double temperature_K) {
  return energy_J / (limen_kT(temperature_K) * LIMEN_LN2);
}
double limen_J_to_eV(double energy_J) { return energy_J / LIMEN_E_CHARGE; }
double limen_eV_to_J(double energy_eV) { return energy_eV * LIMEN_E_CHARGE; }
double limen_J_to_kWh(double energy_J) { return energy_J / LIMEN_J_PER_KWH; }
double limen_kWh_to_J(double energy_kWh) { return energy_kWh * LIMEN_J_PER_KWH; }

double limen_energy_convert(double energy_J, limen_energy_unit unit, double temperature_K) {
  switch (unit) {
    case LIMEN_UNIT_KT: return limen_J_to_kT(energy_J, temperature_K);
    case LIMEN_UNIT_KTLN2: return limen_J_to_kTln2(energy_J, temperature_K);
    case LIMEN_UNIT_EV: return limen_J_to_eV(energy_J);
    case LIMEN_UNIT_KWH: return limen_J_to_kWh(energy_J);
    case LIMEN_UNIT_J: break;
  }
  return energy_J;
}

static const char *const unit_names[] = {"J", "kT", "kTln2", "eV", "kWh"};

const char *limen_energy_unit_name(limen_energy_unit unit) {
  if ((unsigned)unit > LIMEN_UNIT_KWH) return "?";
  return unit_names[unit];
}

int limen_energy_unit_parse(const char *name, limen_energy_unit *unit, limen_error *err) {
  for (int i = 0; i <= (int)LIMEN_UNIT_KWH; i++) {
    if (name && unit && strcmp(name, unit_names[i]) == 0) {
      *unit = (limen_energy_unit)i;
      return LIMEN_OK;
    }
  }
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "energy unit '%s': allowed J, kT, kTln2, eV, kWh", name ? name : "(null)");
}

/* ---- numbers and durations ------------------------------------------------------------------ */

static size_t digits(const char *t) {
  size_t n = 0;
  while (t[n] >= '0' && t[n] <= '9') n++;
  return n;
}

size_t limen_number_prefix(const char *text) {
  if (!text) return 0;
  size_t at = (text[0] == '+' || text[0] == '-') ? 1 : 0, whole = digits(text + at), frac = 0;
  at += whole;
  if (text[at] == '.') {
    frac = digits(text + at + 1);
    at += 1 + frac;
  }
  if (whole + frac == 0) return 0;
  if (text[at] == 'e' || text[at] == 'E') {
    size_t e = at + 1 + ((text[at + 1] == '+' || text[at + 1] == '-') ? 1 : 0), ed = digits(text + e);
    if (ed > 0) at = e + ed; /* "1e" alone: the number ends before the e */
  }
  return at;
}

static const struct { const char *name; double factor; int divide; } k_time_units[] = {
    {"s", 1.0, 0},          {"ms", 1e3, 1},    {"us", 1e6, 1},
    {"ns", 1e9, 1},         {"min", 60.0, 0},  {"h", 3600.0, 0},
    {"d", LIMEN_SECONDS_PER_DAY, 0}, {"y", LIMEN_SECONDS_PER_YEAR, 0},
};

const char *limen_time_unit_names(void) { return "s, ms, us, ns, min, h, d, y"; }

int limen_time_unit(const char *name, double *factor, int *divide, limen_error *err) {
  for (size_t i = 0; name && i < sizeof k_time_units / sizeof k_time_units[0]; i++)
    if (strcmp(name, k_time_units[i].name) == 0) {
      *factor = k_time_units[i].factor;
      *divide = k_time_units[i].divide;
      return LIMEN_OK;
    }
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__, "time unit '%s': unknown; allowed %s", name ? name : "(null)",
                         limen_time_unit_names());
}
