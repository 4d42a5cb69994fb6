/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen validate'. */
#include "cli/cli.h"

int limen_cmd_validate(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("validate", CLI_FAIL, "not built yet");
}
