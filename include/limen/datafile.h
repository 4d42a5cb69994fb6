/* SPDX-License-Identifier: GPL-3.0-or-later
 * datafile.h: where limen's data files (model catalog, hardware profiles, datasets) are found.
 * Search order, for each file on its own (the first directory that holds it): $LIMEN_DATA_DIR;
 * <prefix>/share/limen when the running program is <prefix>/bin/<program> (an installation
 * moved to another prefix, Linux); the installed data directory; the source tree's data/.  So a
 * LIMEN_DATA_DIR with only models.json takes profiles.json and the datasets from the others. */
#ifndef LIMEN_DATAFILE_H
#define LIMEN_DATAFILE_H

#include <stddef.h>
#include <stdint.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Full path of data file `name` (e.g. "models.json", "digits/digits.csv.gz") into buf.
 * LIMEN_ENOTFOUND (with every place searched in the message) when it exists nowhere. */
LIMEN_API int limen_data_file(const char *name, char *buf, size_t bufsize, limen_error *err);

/* SHA-256 (FIPS 180-4) as 64 lowercase hex digits: of n bytes, and of a file (its size in
 * *bytes, may be NULL; LIMEN_EIO naming the path). */
LIMEN_API void limen_sha256_bytes(const void *data, size_t n, char hex[65]);
LIMEN_API int limen_sha256_file(const char *path, char hex[65], uint64_t *bytes, limen_error *err);

/* The largest text file limen reads (configurations, catalogs, protocols, graphs, data sets):
 * 256 MiB; a larger file, or an endless stream such as /dev/zero, is refused. */
#define LIMEN_TEXT_FILE_MAX_BYTES ((size_t)256 << 20)
/* Read a whole file (at most LIMEN_TEXT_FILE_MAX_BYTES) into a NUL-terminated malloc'd buffer
 * (caller frees). */
LIMEN_API int limen_read_text_file(const char *path, char **text, size_t *len, limen_error *err);
/* The same, refusing a file (or a stream such as /dev/zero) of more than max_bytes with
 * LIMEN_EINVAL naming the path and the limit, before reading further. */
LIMEN_API int limen_read_text_file_max(const char *path, size_t max_bytes, char **text, size_t *len,
                                       limen_error *err);

/* A function told of every file the two functions above read whole (path and contents), e.g.
 * to check that processes working together read the same data (the tool under mpirun).  One
 * for the whole process, set before any read (NULL: none); it must not call back into limen. */
typedef void (*limen_read_hook)(void *ctx, const char *path, const char *text, size_t len);
LIMEN_API void limen_read_hook_set(limen_read_hook hook, void *ctx);

/* Write text to dir/name atomically (a temporary file in dir, then a rename), creating dir and
 * its parents: a reader sees the old file or the whole new one.  LIMEN_EIO names the path. */
LIMEN_API int limen_text_file_write(const char *dir, const char *name, const char *text, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
