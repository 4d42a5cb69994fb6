/* SPDX-License-Identifier: GPL-3.0-or-later
 * SHA-256 (datafile.h) against the example vectors of FIPS 180-4 and its long-message vector
 * (a million 'a'), of bytes and of a file, and the error for a missing file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "limen/datafile.h"
#include "testutil.h"

Test(sha256, fips_180_vectors) {
  struct { const char *msg, *hex; } v[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"}};
  char hex[65];
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
    limen_sha256_bytes(v[i].msg, strlen(v[i].msg), hex);
    cr_assert_str_eq(hex, v[i].hex, "'%s'", v[i].msg);
  }
  size_t n = 1000000;
  char *a = malloc(n);
  memset(a, 'a', n);
  limen_sha256_bytes(a, n, hex);
  cr_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  free(a);
}

Test(sha256, of_a_file) {
  const char *p = tu_temp_file("abc");
  char hex[65];
  uint64_t bytes = 0;
  limen_error err;
  cr_assert_eq(limen_sha256_file(p, hex, &bytes, &err), LIMEN_OK, "%s", err.msg);
  cr_assert_eq(bytes, 3);
  cr_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  unlink(p);
  cr_assert_eq(limen_sha256_file("/nonexistent/x", hex, NULL, &err), LIMEN_EIO);
  cr_assert(strstr(err.msg, "/nonexistent/x"), "%s", err.msg);
}
