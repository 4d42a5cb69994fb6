# Helpers shared by the CLI tests (tests/cli/*.sh).  Sourced, not run: not a test by itself.
# Environment (set by ctest): LIMEN_BIN = the limen binary, LIMEN_TEST_DIR = tests/ source dir.
set -u
: "${LIMEN_BIN:?LIMEN_BIN must name the limen binary}"
: "${LIMEN_TEST_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
N_CHECKS=0
N_FAILS=0

fail() {
  echo "FAIL: $*" >&2
  N_FAILS=$((N_FAILS + 1))
}
pass() { N_CHECKS=$((N_CHECKS + 1)); }

# run_facts_free FILE: FILE without its provenance record and wall-clock times, for comparing
# two runs that must agree bit for bit (lib/run_facts_free.py).
run_facts_free() { python3 "$(dirname "${BASH_SOURCE[0]}")/run_facts_free.py" "$1"; }

# csv_body FILE: a CSV without its provenance comment lines (those starting with '#').
csv_body() { grep -v '^#' "$1"; }

# run ARGS...: run limen; sets RC, and leaves stdout in $TMP/out, stderr in $TMP/err without the
# progress lines of a run over a second (src/cli/progress.h), which go to $TMP/progress.
run() {
  "$LIMEN_BIN" "$@" >"$TMP/out" 2>"$TMP/err.all"
  RC=$?
  grep '^limen [a-z]*: progress ' "$TMP/err.all" >"$TMP/progress"
  grep -v '^limen [a-z]*: progress ' "$TMP/err.all" >"$TMP/err"
  return 0
}

# expect_ok ARGS...: exit 0, something on stdout, nothing on stderr.
expect_ok() {
  run "$@"
  if [ "$RC" -ne 0 ]; then fail "limen $*: exit $RC (stderr: $(head -c 300 "$TMP/err"))"; return 1; fi
  if [ ! -s "$TMP/out" ]; then fail "limen $*: empty stdout"; return 1; fi
  if [ -s "$TMP/err" ]; then fail "limen $*: unexpected stderr: $(head -c 300 "$TMP/err")"; return 1; fi
  pass
}

# expect_usage FIELD ARGS...: exit status 2, empty stdout, exactly one line on stderr that
# starts with "limen " and contains FIELD (the option or input the error is about).
expect_usage() {
  local field=$1
  shift
  run "$@"
  local lines
  lines=$(wc -l <"$TMP/err")
  if [ "$RC" -ne 2 ]; then fail "limen $*: exit $RC, expected 2 (stderr: $(head -c 300 "$TMP/err"))"; return 1; fi
  if [ -s "$TMP/out" ]; then fail "limen $*: stdout not empty on error"; return 1; fi
  if [ "$lines" -ne 1 ]; then fail "limen $*: $lines stderr lines, expected 1: $(cat "$TMP/err")"; return 1; fi
  if ! grep -q -F -- "$field" "$TMP/err"; then fail "limen $*: stderr does not name '$field': $(cat "$TMP/err")"; return 1; fi
  if ! grep -q '^limen[ :]' "$TMP/err"; then fail "limen $*: stderr line does not start with 'limen': $(cat "$TMP/err")"; return 1; fi
  pass
}

# check COND-COMMAND... MESSAGE: record a check made by a command that returns 0 on success.
check() {
  local msg=${*: -1}
  if "${@:1:$#-1}"; then pass; else fail "$msg"; fi
}

# json_py EXPR: evaluate a Python expression with `d` = the JSON document on stdout ($TMP/out);
# succeeds when it is true.
json_py() {
  python3 - "$TMP/out" "$1" <<'PY'
import json, sys
with open(sys.argv[1]) as f:
    d = json.load(f)
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

finish() {
  echo "$(basename "$0"): $N_CHECKS checks passed, $N_FAILS failed"
  [ "$N_FAILS" -eq 0 ]
  exit $?
}
