#!/usr/bin/env bash
# The command-line property (lib/cli_property.py): random option values (valid, boundary,
# hostile) for every command give exit 0 with finite output, or exit 2 with one line naming an
# option.  300 runs times LIMEN_TEST_SCALE here; LIMEN_PROPERTY_RUNS overrides (the "long" test
# cli_property_long runs 3000); LIMEN_PROPERTY_SEED the seed.
source "$(dirname "$0")/lib/common.bash"
args=()
[ -n "${LIMEN_PROPERTY_RUNS:-}" ] && args=("$LIMEN_PROPERTY_RUNS" "${LIMEN_PROPERTY_SEED:-20261203}")
if python3 "$(dirname "$0")/lib/cli_property.py" "$LIMEN_BIN" "$TMP" "${args[@]}"; then pass; else fail "cli_property.py"; fi
finish
