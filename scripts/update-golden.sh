#!/bin/sh
# Regenerates the golden files (tests/golden/*) from a built limen after an intended change
# of behaviour, and shows what changed.  The diff belongs in the commit that changes the
# behaviour, and is reviewed there: a golden file is never updated on its own.
#     scripts/update-golden.sh [BUILD_DIR]        (default: build)
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
[ -x "$build/limen" ] || { echo "update-golden: $build/limen not built (scripts/setup.sh)" >&2; exit 1; }
LIMEN_UPDATE_GOLDEN=1 ctest --test-dir "$build" -R '^cli_golden$' --output-on-failure >/dev/null
ctest --test-dir "$build" -R '^cli_golden$' --output-on-failure >/dev/null
if git diff --quiet -- tests/golden && [ -z "$(git ls-files --others --exclude-standard tests/golden)" ]; then
  echo "update-golden: the golden files are unchanged"
else
  git --no-pager diff --stat -- tests/golden
  git ls-files --others --exclude-standard tests/golden | sed 's/^/new: /'
  echo "update-golden: review the diff above (git diff tests/golden) and commit it with the change"
fi
