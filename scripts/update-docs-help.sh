#!/bin/sh
# Rewrites the "### Options" blocks of docs/cli.md (every command that has one; tests/cli/help.sh
# checks them) from a built limen's --help.
#     scripts/update-docs-help.sh [BUILD_DIR]        (default: build)
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build}/limen
[ -x "$bin" ] || { echo "update-docs-help: $bin not built (scripts/setup.sh)" >&2; exit 1; }
for cmd in project sweep figure bound simulate validate train; do
  "$bin" "$cmd" --help >"docs/.help.$cmd" </dev/null
  awk -v c="$cmd" -v f="docs/.help.$cmd" '
    $0 == "## `limen " c "`" { sec = 1 }
    sec && /^### Options/ { print; getline; print; while ((getline line < f) > 0) print line; skip = 1; next }
    skip && /^```$/ { skip = 0; sec = 0 }
    !skip { print }' docs/cli.md >docs/.cli.md.new
  mv docs/.cli.md.new docs/cli.md
  rm -f "docs/.help.$cmd"
done
git --no-pager diff --stat -- docs/cli.md
