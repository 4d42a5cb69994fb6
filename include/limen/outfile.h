/* SPDX-License-Identifier: GPL-3.0-or-later
 * outfile.h: limen's output files, all or nothing.  Every file limen writes (the text of --out
 * directories, their manifest, figures, protocol files) goes through these functions: written
 * to a temporary in the same directory, every write, fsync and close checked, renamed over the
 * target, the directory synced.  A failure removes the temporary and leaves the old file as it
 * was.  Output paths are checked before any work: their directory must be a writable
 * directory outside /dev, /proc and /sys, and an existing target a regular file.
 *
 * Fault injection (tests only, docs/reliability.md): limen_io_fault_set("write:3") — or the
 * environment variable LIMEN_IO_FAULT=write:3, read at the first output — makes the 3rd write
 * of an output file in this process fail, as a full disk would (ENOSPC; EIO for the other
 * operations).  The operations counted: open, write, fsync, close, rename. */
#ifndef LIMEN_OUTFILE_H
#define LIMEN_OUTFILE_H

#include <stddef.h>

#include "limen/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What an output path names: a file, or a directory that is created when missing. */
typedef enum { LIMEN_OUTPUT_FILE = 0, LIMEN_OUTPUT_DIR = 1 } limen_output_kind;

/* LIMEN_EINVAL, the message starting with `option` (e.g. "--out") and the path, when the path
 * cannot be an output: empty or too long; an existing target that is not a regular file
 * (a device, a FIFO, a directory where a file is expected) or, for LIMEN_OUTPUT_DIR, not a
 * directory; a (nearest existing) directory that is not a directory, not writable, or lies in
 * /dev, /proc or /sys. */
LIMEN_API int limen_output_path_check(const char *path, limen_output_kind kind, const char *option,
                                      limen_error *err);

/* Write len bytes to path, all or nothing (above).  LIMEN_EIO naming the path and the reason;
 * LIMEN_EINVAL when path exists and is not a regular file. */
LIMEN_API int limen_file_write_atomic(const char *path, const void *data, size_t len, limen_error *err);

/* tmp, a whole file written by someone else (a plotting library) in path's directory: synced,
 * closed and renamed over path.  On any failure tmp is removed (LIMEN_EIO). */
LIMEN_API int limen_file_commit(const char *tmp, const char *path, limen_error *err);

/* Fault injection for tests: "OP:N" (OP one of open, write, fsync, close, rename; N ≥ 1) makes
 * the Nth such operation from now on fail; "" or NULL disarms it.  LIMEN_EINVAL for another
 * spec.  Resets the counts. */
LIMEN_API int limen_io_fault_set(const char *spec, limen_error *err);

#ifdef __cplusplus
}
#endif
#endif
