/* SPDX-License-Identifier: GPL-3.0-or-later
 * consolidation.c: (C) two-tier consolidation and (R) reads (theory §3).
 *
 * (C) A two-tier memory copies N·n bits from short- to long-term storage every T_c:
 *       E_C = (T_train/T_c)·N·n·(e_read + e_write).
 *     Learning-in-memory has no copy: one in-place barrier rise per parameter.
 * (R) Von Neumann: bytes moved × energy per byte; in memory: device read energy per
 *     operation (both from a hardware profile).  The thermodynamic floor of a read is 0:
 *     a measurement can be made reversibly (C. H. Bennett, Int. J. Theor. Phys. 21, 905
 *     (1982); R. Landauer, IBM J. Res. Dev. 5, 183 (1961)). */
#include <math.h>

#include "numeric/numeric.h"
#include "limen/bounds.h"

int limen_consolidation_J(double train_time_s, double period_s, double params, double bits,
                          double e_read_J, double e_write_J, double *energy_J, limen_error *err) {
  int rc = limen_check_positive(err, __func__, "train_time_s", train_time_s);
  if (!rc) rc = limen_check_positive(err, __func__, "period_s", period_s);
  if (!rc) rc = limen_check_positive(err, __func__, "params", params);
  if (!rc) rc = limen_check_range(err, __func__, "bits", bits, 1.0, 0, 1024.0, 0);
  if (!rc) rc = limen_check_range(err, __func__, "e_read_J", e_read_J, 0.0, 0, HUGE_VAL, 1);
  if (!rc) rc = limen_check_range(err, __func__, "e_write_J", e_write_J, 0.0, 0, HUGE_VAL, 1);
  if (rc) return rc;
  if (!energy_J) return limen_error_set(err, LIMEN_EINVAL, __func__, "energy_J: must not be NULL");
  double e = (train_time_s / period_s) * params * bits * (e_read_J + e_write_J);
  if (!isfinite(e))
    return limen_error_set(err, LIMEN_ERANGE, __func__, "consolidation energy overflows a double");
  *energy_J = e;
  return LIMEN_OK;
}

int limen_read_energy_J(limen_read_mode mode, double count, double energy_each_J, double *energy_J,
                        limen_error *err) {
  if (mode != LIMEN_READ_FLOOR && mode != LIMEN_READ_DEVICE && mode != LIMEN_READ_VON_NEUMANN)
    return limen_error_set(err, LIMEN_EINVAL, __func__,
                           "mode = %d: allowed values 0 (floor), 1 (device), 2 (von-neumann)",
                           (int)mode);
  int rc = limen_check_range(err, __func__, "count", count, 0.0, 0, HUGE_VAL, 1);
  if (rc) return rc;
  rc = limen_check_range(err, __func__, "energy_each_J", energy_each_J, 0.0, 0, HUGE_VAL, 1);
  if (rc) return rc;
  if (!energy_J) return limen_error_set(err, LIMEN_EINVAL, __func__, "energy_J: must not be NULL");
  if (mode == LIMEN_READ_FLOOR) {
    *energy_J = 0.0;
    return LIMEN_OK;
  }
  double e = count * energy_each_J;
  if (!isfinite(e))
    return limen_error_set(err, LIMEN_ERANGE, __func__, "read energy overflows a double");
  *energy_J = e;
  return LIMEN_OK;
}
