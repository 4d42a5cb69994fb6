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
