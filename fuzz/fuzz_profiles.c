/* SPDX-License-Identifier: GPL-3.0-or-later
 * fuzz_profiles: the bytes as a hardware profiles file (data/profiles.json; hardware.h) to
 * limen_profiles_load, through an in-memory file (the loader reads files only).  An accepted set:
 * at least one profile, every string NUL-terminated within its buffer, names not empty, without
 * ':' (the separator of a paradigm specification), distinct and each found by
 * limen_profiles_find, a known class, bits in [1, 64], every energy NaN or in (0, 1] J and at
 * least one given, energy per FLOP given for every class but "device".  A refused input: a
 * LIMEN_E* status with a message and no set. */
#include "fuzz_common.h"

#include <math.h>

#include "limen/hardware.h"

#define TERMINATED(a) (memchr((a), '\0', sizeof(a)) != NULL)

static void check_set(const limen_profile_set *s) {
  FUZZ_CHECK(s->count >= 1 && s->profiles != NULL);
  for (size_t i = 0; i < s->count; i++) {
    const limen_profile *p = &s->profiles[i];
    FUZZ_CHECK(TERMINATED(p->name) && TERMINATED(p->display) && TERMINATED(p->includes));
    FUZZ_CHECK(TERMINATED(p->source) && TERMINATED(p->notes));
    FUZZ_CHECK(p->name[0] != '\0' && strchr(p->name, ':') == NULL);
    FUZZ_CHECK(p->cls == LIMEN_PROFILE_ACCELERATOR || p->cls == LIMEN_PROFILE_LIMIT ||
               p->cls == LIMEN_PROFILE_DEVICE);
    FUZZ_CHECK(p->bits >= 1 && p->bits <= 64);
    const double e[] = {p->energy_per_flop_J, p->energy_per_flop_realized_J, p->energy_per_byte_J,
                        p->read_energy_J, p->update_energy_J};
    int any = 0;
    for (size_t k = 0; k < sizeof e / sizeof e[0]; k++) {
      FUZZ_CHECK(isnan(e[k]) || (e[k] > 0 && e[k] <= 1));
      any |= !isnan(e[k]);
    }
    FUZZ_CHECK(any);
    FUZZ_CHECK(p->cls == LIMEN_PROFILE_DEVICE || !isnan(p->energy_per_flop_J));
    for (size_t j = 0; j < i; j++) FUZZ_CHECK(strcmp(s->profiles[j].name, p->name) != 0);
    const limen_profile *found = NULL;
    limen_error err;
    FUZZ_CHECK(limen_profiles_find(s, p->name, &found, &err) == LIMEN_OK && found == p);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char path[64];
  int fd = fuzz_file(data, size, path);
  if (fd < 0) return 0;
  limen_error err;
  limen_profile_set *s = NULL;
  fuzz_quiet_begin();
  int rc = limen_profiles_load(path, &s, &err);
  if (rc == LIMEN_OK) {
    FUZZ_CHECK(s != NULL);
    check_set(s);
  } else {
    fuzz_failure(rc, &err);
    FUZZ_CHECK(s == NULL);
  }
  fuzz_quiet_end();
  limen_profiles_free(s);
  close(fd);
  return 0;
}
