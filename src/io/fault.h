/* SPDX-License-Identifier: GPL-3.0-or-later
 * fault.h: the test-only fault-injection hook of the output layer (outfile.h), shared with the
 * modules that write files through a library of their own (figures: PLplot writes the
 * temporary, the hook then cuts it short as a full disk would). */
#ifndef LIMEN_IO_FAULT_H
#define LIMEN_IO_FAULT_H

typedef enum { LIMEN_IO_OPEN, LIMEN_IO_WRITE, LIMEN_IO_FSYNC, LIMEN_IO_CLOSE, LIMEN_IO_RENAME, LIMEN_IO_OPS } limen_io_op;

/* Count one operation of kind op; 1 when it is the one armed to fail (errno is then set:
 * ENOSPC for a write, EIO otherwise), else 0. */
int limen_io_fault_hit(limen_io_op op);

#endif
