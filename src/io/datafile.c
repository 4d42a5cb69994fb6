/* SPDX-License-Identifier: GPL-3.0-or-later
 * datafile.c: where a data file is found (the search order of datafile.h), and bounded whole-file
 * reads; every file read is noted in the provenance record (provenance.h). */
#include "limen/datafile.h"

#include "limen/provenance.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int try_dir(const char *dir, const char *name, char *buf, size_t n) {
  if (!dir || !*dir) return 0;
  int w = snprintf(buf, n, "%s/%s", dir, name);
  return w > 0 && (size_t)w < n && access(buf, R_OK) == 0;
}

/* The data directory of an installation that has been moved: the running program is
 * <prefix>/<bindir>/<program>, so the data are in <prefix>/<datadir>/limen.  Empty when the
 * program's path is unknown (no /proc) or does not end in <bindir>. */
static void relocated_dir(char *dir, size_t n) {
  dir[0] = '\0';
#ifdef __linux__
  char exe[4096];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0) return;
  exe[len] = '\0';
  char *slash = strrchr(exe, '/'); /* strip /<program> */
  if (!slash) return;
  *slash = '\0';
  const char *bindir = LIMEN_INSTALL_BINDIR_REL; /* e.g. "bin" */
  size_t lb = strlen(bindir), le = strlen(exe);
  if (le <= lb || strcmp(exe + le - lb, bindir) != 0 || exe[le - lb - 1] != '/') return;
  exe[le - lb - 1] = '\0'; /* the prefix */
  int w = snprintf(dir, n, "%s/%s", exe, LIMEN_INSTALL_DATADIR_REL);
  if (w < 0 || (size_t)w >= n) dir[0] = '\0';
#else
  (void)n;
#endif
}

int limen_data_file(const char *name, char *buf, size_t bufsize, limen_error *err) {
  /* each file on its own: a LIMEN_DATA_DIR that holds only some files (a catalog of one's
   * own) takes the others from the places below */
  const char *env = getenv("LIMEN_DATA_DIR");
  if (try_dir(env, name, buf, bufsize)) return LIMEN_OK;
  char moved[4200];
  relocated_dir(moved, sizeof moved);
  if (try_dir(moved, name, buf, bufsize)) return LIMEN_OK;
  if (try_dir(LIMEN_INSTALL_DATADIR, name, buf, bufsize)) return LIMEN_OK;
  if (try_dir(LIMEN_SOURCE_DATADIR, name, buf, bufsize)) return LIMEN_OK;
  return limen_error_set(err, LIMEN_ENOTFOUND, __func__,
                         "data file '%s' not found in %s%s%s%s%s%s or %s (set LIMEN_DATA_DIR)", name,
                         env && *env ? "LIMEN_DATA_DIR=" : "", env && *env ? env : "", env && *env ? ", " : "",
                         moved[0] ? moved : "", moved[0] ? ", " : "", LIMEN_INSTALL_DATADIR, LIMEN_SOURCE_DATADIR);
}

static limen_read_hook g_hook;
static void *g_hook_ctx;

void limen_read_hook_set(limen_read_hook hook, void *ctx) {
  g_hook = hook;
  g_hook_ctx = ctx;
}

int limen_read_text_file(const char *path, char **text, size_t *len, limen_error *err) {
  return limen_read_text_file_max(path, LIMEN_TEXT_FILE_MAX_BYTES, text, len, err);
}

int limen_read_text_file_max(const char *path, size_t max_bytes, char **text, size_t *len, limen_error *err) {
  FILE *f = fopen(path, "rb");
  if (!f) return limen_error_plain(err, LIMEN_EIO, "cannot open '%s': %s", path, strerror(errno));
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  if (!buf) {
    fclose(f);
    return limen_error_plain(err, LIMEN_ENOMEM, "reading '%s'", path);
  }
  for (;;) {
    if (n + 1 >= cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) {
        free(buf);
        fclose(f);
        return limen_error_plain(err, LIMEN_ENOMEM, "reading '%s'", path);
      }
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - 1 - n, f);
    n += got;
    if (got == 0) break;
    if (n > max_bytes) {
      free(buf);
      fclose(f);
      return limen_error_plain(err, LIMEN_EINVAL, "'%s' is larger than %zu bytes", path, max_bytes);
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return limen_error_plain(err, LIMEN_EIO, "error reading '%s'", path);
  }
  buf[n] = '\0';
  limen_provenance_note_file(path, buf, n);
  *text = buf;
  if (len) *len = n;
  if (g_hook) g_hook(g_hook_ctx, path, buf, n);
  return LIMEN_OK;
}
