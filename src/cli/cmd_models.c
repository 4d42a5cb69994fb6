/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen models'. */
#include "cli/cli.h"

int limen_cmd_models(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("models", CLI_FAIL, "not built yet");
}
