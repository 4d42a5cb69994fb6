/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen simulate'. */
#include "cli/cli.h"

int limen_cmd_simulate(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("simulate", CLI_FAIL, "not built yet");
}
