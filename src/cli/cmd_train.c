/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen train'. */
#include "cli/cli.h"

int limen_cmd_train(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("train", CLI_FAIL, "not built yet");
}
