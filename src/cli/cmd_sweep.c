/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen sweep'. */
#include "cli/cli.h"

int limen_cmd_sweep(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("sweep", CLI_FAIL, "not built yet");
}
