/* SPDX-License-Identifier: GPL-3.0-or-later
 * suggest.c: the near miss of an unknown name (common.h, limen_suggest) — the allowed name
 * closest to what was typed, by edit distance after folding case and dropping '-', '_', '.'
 * and ' ', so that "llama3-70b" suggests "llama-3-70b" and "H100" "h100". */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "limen/common.h"

#define FOLD_MAX 64

/* Lower case without separators, at most FOLD_MAX − 1 characters. */
static size_t fold(const char *s, size_t len, char *out) {
  size_t n = 0;
  for (size_t i = 0; i < len && n + 1 < FOLD_MAX; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '-' || c == '_' || c == '.' || c == ' ') continue;
    out[n++] = (char)tolower(c);
  }
  out[n] = '\0';
  return n;
}

/* Levenshtein distance of a and b (each < FOLD_MAX). */
static size_t distance(const char *a, size_t na, const char *b, size_t nb) {
  size_t row[FOLD_MAX];
  for (size_t j = 0; j <= nb; j++) row[j] = j;
  for (size_t i = 1; i <= na; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= nb; j++) {
      size_t up = row[j], cost = a[i - 1] != b[j - 1];
      size_t best = diag + cost;
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

const char *limen_suggest(const char *given, const char *list, char *buf, size_t cap) {
  if (!buf || cap == 0) return "";
  buf[0] = '\0';
  if (!given || !list) return buf;
  char g[FOLD_MAX], c[FOLD_MAX];
  size_t ng = fold(given, strlen(given), g), best = (size_t)-1;
  for (const char *p = list; *p;) {
    while (*p == ' ' || *p == ',') p++;
    size_t len = strcspn(p, ","), name = strcspn(p, "[:<"); /* "lim-matched[:<device>]": its name */
    if (name < len) len = name;
    while (len > 0 && p[len - 1] == ' ') len--;
    if (len > 0) {
      size_t nc = fold(p, len, c), d = distance(g, ng, c, nc), limit = (nc > ng ? nc : ng) / 3 + 1;
      if (d <= limit && d < best && !(d == 0 && strncmp(p, given, len) == 0 && given[len] == '\0')) {
        best = d;
        snprintf(buf, cap, "%.*s", (int)len, p);
      }
    }
    p += strcspn(p, ","); /* the next item */
  }
  return buf;
}

const char *limen_suggest_note(const char *given, const char *list, char *buf, size_t cap) {
  char near[FOLD_MAX + 8];
  limen_suggest(given, list, near, sizeof near);
  if (!buf || cap == 0) return "";
  if (near[0]) snprintf(buf, cap, " (did you mean '%s'?)", near);
  else buf[0] = '\0';
  return buf;
}
