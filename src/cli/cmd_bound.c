/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen bound'. */
#include "cli/cli.h"

int limen_cmd_bound(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("bound", CLI_FAIL, "not built yet");
}
