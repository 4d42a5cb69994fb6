#!/usr/bin/env bash
# Golden files: project (JSON, CSV), sweep CSV and bound JSON compared with tests/golden/*,
# numbers to 1e-8 relative (outputs print 10 significant digits), text exactly, except the
# free-text "assumptions" of project (checked by project.sh; their numbers are compared here
# through the fields they are derived from).
# Regenerate after an intended change with scripts/update-golden.sh, and review its diff in
# the commit that changes the behaviour.
source "$(dirname "$0")/lib/common.bash"
GOLDEN_DIR="$LIMEN_TEST_DIR/golden"
COMPARE="$LIMEN_TEST_DIR/cli/lib/golden_compare.py"

golden() {
  local file=$1
  shift
  run "$@"
  if [ "$RC" -ne 0 ] || [ -s "$TMP/err" ]; then
    fail "limen $*: exit $RC, stderr: $(head -c 300 "$TMP/err")"
    return
  fi
  if [ "${LIMEN_UPDATE_GOLDEN:-0}" = 1 ]; then
    run_facts_free "$TMP/out" >"$GOLDEN_DIR/$file" # no provenance: it is this machine's and this run's
    echo "updated $GOLDEN_DIR/$file"
    pass
    return
  fi
  if [ ! -f "$GOLDEN_DIR/$file" ]; then
    fail "missing golden file $GOLDEN_DIR/$file (LIMEN_UPDATE_GOLDEN=1 creates it)"
    return
  fi
  local ext=${file##*.}
  cp "$TMP/out" "$TMP/actual.$ext"
  if python3 "$COMPARE" --rel 1e-8 --ignore assumptions "$GOLDEN_DIR/$file" "$TMP/actual.$ext"; then
    pass
  else
    fail "limen $* differs from $file"
  fi
}

golden project_default.json project --format json
golden project_default.csv project --format csv
golden project_gpt3.csv project --model gpt-3 --format csv
golden project_custom.json project --params 7e10 --tokens 2e12 --bits 8 --time 8.64e5 \
  --paradigm landauer-adiabatic,lim-finite-time,cim-static,accelerator:h100 --format json
golden sweep_bits.csv sweep --vary bits=1:16:4 --paradigm landauer-adiabatic,lim-finite-time,cim-static
golden sweep_time_wide.csv sweep --vary time=3600:3.15576e8:5:log --layout wide \
  --paradigm landauer-adiabatic,lim-finite-time,lim-matched
golden bound_finite_time.json bound finite-time --barrier 5 --success 1 --format json
golden bound_static_write.json bound static-write --tau 1e-8 --format json
finish
