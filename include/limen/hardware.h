/* SPDX-License-Identifier: GPL-3.0-or-later
 * hardware.h: hardware profiles (data/profiles.json) — energy per FLOP of accelerators, the
 * projected CMOS limit, and read/update energies of memory devices for in-memory paradigms.
 * Every row states what its numbers include and where they come from. */
#ifndef LIMEN_HARDWARE_H
#define LIMEN_HARDWARE_H

#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  LIMEN_PROFILE_ACCELERATOR = 0, /* "accelerator": today's hardware                        */
  LIMEN_PROFILE_LIMIT = 1,       /* "limit": projected technology limit                    */
  LIMEN_PROFILE_DEVICE = 2       /* "device": memory device for CIM/LIM reads and updates  */
} limen_profile_class;

/* "accelerator", "limit", "device". */
LIMEN_API const char *limen_profile_class_name(limen_profile_class c);

#define LIMEN_PROFILE_TEXT_MAX 1024

/* One profile.  Numbers that the JSON gives as null are NaN here (isnan() tests them). */
typedef struct limen_profile {
  char name[64];                       /* key, e.g. "h100"                                       */
  char display[128];                   /* e.g. "NVIDIA H100 SXM (BF16 dense)"                   */
  limen_profile_class cls;
  double energy_per_flop_J;            /* peak-spec J per FLOP (one multiply or one add); NaN = n/a */
  double energy_per_flop_realized_J;   /* realized J per FLOP in published training runs; NaN = n/a */
  double energy_per_byte_J;            /* data movement (off-chip), J per byte; NaN = n/a        */
  double read_energy_J;                /* device: J per read operation; NaN = n/a                */
  double update_energy_J;              /* device: J per parameter update; NaN = n/a              */
  int bits;                            /* precision the figures refer to                         */
  char includes[256];                  /* what the numbers include ("chip only at TDP", ...)     */
  char source[LIMEN_PROFILE_TEXT_MAX]; /* public source(s)                                       */
  char notes[LIMEN_PROFILE_TEXT_MAX];  /* derivation of the numbers                              */
} limen_profile;

typedef struct limen_profile_set {
  size_t count;
  limen_profile *profiles;
} limen_profile_set;

/* Load profiles.  path NULL → limen_data_file("profiles.json").  Strict: a row has exactly the
 * fields {name, display, class, energy_per_flop_J, energy_per_flop_realized_J,
 * energy_per_byte_J, read_energy_J, update_energy_J, bits, includes, source, notes}; unknown
 * or missing fields, wrong types, non-positive energies, an unknown class, duplicate names,
 * or a row with no energy at all give LIMEN_EPARSE with "file: row i (name): field: why". */
LIMEN_API int limen_profiles_load(const char *path, limen_profile_set **out, limen_error *err);
/* A user's own profiles on top, as for the catalog (workload.h, limen_catalog_merge/_load_with). */
LIMEN_API int limen_profiles_merge(limen_profile_set *s, const limen_profile_set *extra, limen_error *err);
LIMEN_API int limen_profiles_load_with(const char *const *files, size_t n, limen_profile_set **out,
                                       limen_error *err);
LIMEN_API void limen_profiles_free(limen_profile_set *s);
/* Find by name; LIMEN_ENOTFOUND listing every name. */
LIMEN_API int limen_profiles_find(const limen_profile_set *s, const char *name, const limen_profile **out,
                        limen_error *err);

#ifdef __cplusplus
}
#endif
#endif /* LIMEN_HARDWARE_H */
