/* SPDX-License-Identifier: GPL-3.0-or-later
 * PLACEHOLDER — replaced by the implementation of 'limen project'. */
#include "cli/cli.h"

int limen_cmd_project(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return cli_fail("project", CLI_FAIL, "not built yet");
}
