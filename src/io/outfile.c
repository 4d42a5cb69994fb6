/* SPDX-License-Identifier: GPL-3.0-or-later
 * outfile.c: output files all or nothing, and output paths checked before any work
 * (outfile.h).  One place for the sequence temporary → write → fsync → close → rename →
 * directory fsync, every return value checked, each step a fault-injection point (fault.h), so
 * that a full disk or an I/O error never leaves a file cut short under its final name. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/fault.h"
#include "limen/outfile.h"

/* The directory part of path ("." when it has none) into dir. */
static int dir_of(const char *path, char *dir, size_t cap) {
  const char *slash = strrchr(path, '/');
  if (!slash) return snprintf(dir, cap, ".") >= (int)cap ? -1 : 0;
  size_t n = slash == path ? 1 : (size_t)(slash - path);
  if (n >= cap) return -1;
  memcpy(dir, path, n);
  dir[n] = '\0';
  return 0;
}

static const char *kind_of(mode_t m) {
  return S_ISDIR(m) ? "a directory" : S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : S_ISREG(m) ? "a regular file" : "not a regular file";
}

/* 1 when dir (resolved) is /dev, /proc or /sys or lies under one: device and kernel files. */
static int system_dir(const char *dir) {
  char real[PATH_MAX];
  if (!realpath(dir, real)) return 0;
  static const char *const SYS[] = {"/dev", "/proc", "/sys"};
  for (size_t i = 0; i < sizeof SYS / sizeof SYS[0]; i++) {
    size_t n = strlen(SYS[i]);
    if (strncmp(real, SYS[i], n) == 0 && (real[n] == '\0' || real[n] == '/')) return 1;
  }
  return 0;
}

/* The directory that will hold the output: a writable directory, not a system one. */
static int check_dir(const char *path, const char *dir, const char *option, limen_error *err) {
  struct stat st;
  if (stat(dir, &st) != 0)
    return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': directory '%s': %s", option, path, dir, strerror(errno));
  if (!S_ISDIR(st.st_mode))
    return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': '%s' is %s, not a directory", option, path, dir,
                             kind_of(st.st_mode));
  if (system_dir(dir))
    return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': '%s' holds device or kernel files, not outputs", option,
                             path, dir);
  if (access(dir, W_OK | X_OK) != 0)
    return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': directory '%s' is not writable: %s", option, path, dir,
                             strerror(errno));
  return LIMEN_OK;
}

int limen_output_path_check(const char *path, limen_output_kind kind, const char *option, limen_error *err) {
  if (!option) option = "output";
  if (!path || !*path) return limen_error_plain(err, LIMEN_EINVAL, "%s: empty path", option);
  char dir[PATH_MAX];
  if (strlen(path) >= PATH_MAX - 64 || dir_of(path, dir, sizeof dir) != 0)
    return limen_error_plain(err, LIMEN_EINVAL, "%s: path too long (%zu characters)", option, strlen(path));
  struct stat st;
  if (stat(path, &st) == 0) {
    if (kind == LIMEN_OUTPUT_DIR && !S_ISDIR(st.st_mode))
      return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': exists and is %s, not a directory", option, path,
                               kind_of(st.st_mode));
    if (kind == LIMEN_OUTPUT_FILE && !S_ISREG(st.st_mode))
      return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': exists and is %s, not a regular file", option, path,
                               kind_of(st.st_mode));
    if (kind == LIMEN_OUTPUT_DIR) return check_dir(path, path, option, err);
  } else if (errno != ENOENT && !(errno == ENOTDIR && kind == LIMEN_OUTPUT_DIR)) {
    return limen_error_plain(err, LIMEN_EINVAL, "%s '%s': %s", option, path, strerror(errno));
  } else if (kind == LIMEN_OUTPUT_DIR) { /* created with its parents: the nearest existing one */
    while (stat(dir, &st) != 0 && (errno == ENOENT || errno == ENOTDIR) && strcmp(dir, ".") != 0 && strcmp(dir, "/") != 0) {
      char up[PATH_MAX];
      if (dir_of(dir, up, sizeof up) != 0) break;
      memcpy(dir, up, strlen(up) + 1);
    }
  }
  return check_dir(path, dir, option, err);
}

/* The temporary of path: ".NAME.tmp.PID" beside it. */
static int tmp_name(const char *path, char *tmp, size_t cap) {
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  int dl = slash ? (int)(slash - path + 1) : 0;
  return snprintf(tmp, cap, "%.*s.%s.tmp.%ld", dl, path, base, (long)getpid()) >= (int)cap ? -1 : 0;
}

static int write_all(int fd, const char *p, size_t len) {
  while (len > 0) {
    if (limen_io_fault_hit(LIMEN_IO_WRITE)) return -1;
    ssize_t w = write(fd, p, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = ENOSPC;
      return -1;
    }
    p += w;
    len -= (size_t)w;
  }
  return 0;
}

/* fsync and close fd (closed even when the sync fails); -1 with errno on failure. */
static int sync_close(int fd) {
  int bad = limen_io_fault_hit(LIMEN_IO_FSYNC) || fsync(fd) != 0, e = errno;
  int closed = close(fd) == 0 && !limen_io_fault_hit(LIMEN_IO_CLOSE);
  if (bad) errno = e;
  return bad || !closed ? -1 : 0;
}

/* The target is a regular file or absent: a rename never replaces a device or a directory. */
static int target_ok(const char *path, limen_error *err) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
    return limen_error_plain(err, LIMEN_EINVAL, "cannot write '%s': it exists and is %s, not a regular file", path,
                             kind_of(st.st_mode));
  return LIMEN_OK;
}

/* Sync the directory of path after a rename (a file system that cannot sync a directory,
 * EINVAL, has nothing to lose). */
static int dir_sync(const char *path) {
  char dir[PATH_MAX];
  if (dir_of(path, dir, sizeof dir) != 0) return 0;
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -1;
  int bad = limen_io_fault_hit(LIMEN_IO_FSYNC) || (fsync(fd) != 0 && errno != EINVAL), e = errno;
  close(fd);
  errno = e;
  return bad ? -1 : 0;
}

static int io_fail(const char *path, const char *tmp, const char *step, limen_error *err) {
  int e = errno;
  if (tmp) unlink(tmp);
  return limen_error_plain(err, LIMEN_EIO, "cannot write '%s': %s failed: %s", path, step, strerror(e));
}

static int commit_rename(const char *tmp, const char *path, limen_error *err) {
  if (limen_io_fault_hit(LIMEN_IO_RENAME) || rename(tmp, path) != 0) return io_fail(path, tmp, "rename", err);
  if (dir_sync(path) != 0) return io_fail(path, NULL, "fsync of its directory", err);
  return LIMEN_OK;
}

int limen_file_write_atomic(const char *path, const void *data, size_t len, limen_error *err) {
  if (!path || (len && !data)) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int st = target_ok(path, err);
  if (st) return st;
  char tmp[PATH_MAX];
  if (tmp_name(path, tmp, sizeof tmp) != 0) return limen_error_plain(err, LIMEN_EIO, "path too long: '%s'", path);
  int fd = limen_io_fault_hit(LIMEN_IO_OPEN) ? -1 : open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0666);
  if (fd < 0) return io_fail(path, NULL, "open", err);
  if (write_all(fd, data, len) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return io_fail(path, tmp, "write", err);
  }
  if (sync_close(fd) != 0) return io_fail(path, tmp, "fsync/close", err);
  return commit_rename(tmp, path, err);
}

int limen_file_commit(const char *tmp, const char *path, limen_error *err) {
  if (!tmp || !path) return limen_error_set(err, LIMEN_EINVAL, __func__, "NULL argument");
  int st = target_ok(path, err);
  if (st) {
    unlink(tmp);
    return st;
  }
  int fd = open(tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return io_fail(path, tmp, "open", err);
  if (sync_close(fd) != 0) return io_fail(path, tmp, "fsync/close", err);
  return commit_rename(tmp, path, err);
}
