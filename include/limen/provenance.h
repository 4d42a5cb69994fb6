/* SPDX-License-Identifier: GPL-3.0-or-later
 * provenance.h: what produced an output — limen's version and git revision, the command, the
 * UTC time of the run, the seeds its random streams started from and every input file read
 * (path, size, SHA-256).  The library records files and seeds as it reads and runs; the caller
 * (the tool, the Python package) states the command.  Every JSON document the library writes
 * carries this record under "provenance", every CSV it writes starts with it as '#' comment
 * lines, and an --out directory's manifest holds it too (report.h).
 *
 * The record is process-wide (one run of the tool is one process) and thread-safe.  Setting the
 * environment variable SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
 * convention) fixes the recorded time, so that two runs' outputs can be compared byte for byte. */
#ifndef LIMEN_PROVENANCE_H
#define LIMEN_PROVENANCE_H

#include <stddef.h>
#include <stdint.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The git revision limen was built from ("<40 hex digits>", with "-dirty" when the tree had
 * uncommitted changes), or NULL when it was not built from a git checkout. */
LIMEN_API const char *limen_git_revision(void);

/* Start a record: forget earlier files and seeds, keep `command` (a copy; NULL: none) and take
 * the time now (or SOURCE_DATE_EPOCH).  LIMEN_ENOMEM when the copy fails. */
LIMEN_API int limen_provenance_begin(const char *command, limen_error *err);

/* Note an input file read (its bytes hashed here) and a seed used; the same path with the same
 * content, or the same seed, is kept once. */
LIMEN_API void limen_provenance_note_file(const char *path, const void *data, size_t n);
LIMEN_API void limen_provenance_note_seed(uint64_t seed);

/* The record, read back: the command (NULL when none was given), the run's UTC time as
 * "YYYY-MM-DDTHH:MM:SSZ", the seeds and the files, in the order first noted.  Copies into the
 * caller's buffers; functions return the number of entries. */
LIMEN_API const char *limen_provenance_command(void);
LIMEN_API void limen_provenance_time(char utc[32]);
LIMEN_API size_t limen_provenance_seeds(uint64_t *seeds, size_t max);
typedef struct limen_provenance_file {
  char path[4096];
  uint64_t bytes;
  char sha256[65];
} limen_provenance_file;
LIMEN_API size_t limen_provenance_file_count(void);
LIMEN_API int limen_provenance_file_get(size_t i, limen_provenance_file *out);

#ifdef __cplusplus
}
#endif
#endif
