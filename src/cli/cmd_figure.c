/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen figure'. */
#include "cli/cli.h"

int limen_cmd_figure(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("figure", CLI_FAIL, "not built yet");
}
