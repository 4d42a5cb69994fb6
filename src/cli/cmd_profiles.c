/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen profiles'. */
#include "cli/cli.h"

int limen_cmd_profiles(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("profiles", CLI_FAIL, "not built yet");
}
