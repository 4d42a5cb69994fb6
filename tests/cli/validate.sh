#!/usr/bin/env bash
# limen validate: rows with expected/measured/tolerance/z/pass, JSON form, exit status, errors.
# Runs the quick checks only (the whole suite is tests/test_validate_long.c).
source "$(dirname "$0")/lib/common.bash"

expect_ok validate --check em-variance,ou-transition,schmiedl-seifert --scale 0.5 --format json
check json_py 'd["pass"] is True and d["failed"] == 0 and d["rows"] == len(d["checks"]) >= 8' "validate JSON summary"
check json_py 'all(all(k in r for k in ("name", "expected", "measured", "tolerance", "z", "pass", "note")) for r in d["checks"])' \
  "validate rows carry expected, measured, tolerance, z, pass"
check json_py 'any(r["z"] is None for r in d["checks"]) and any(r["z"] is not None for r in d["checks"])' \
  "deterministic rows have no z, statistical rows have one"

expect_ok validate --check em-variance --scale 0.25
check grep -q "EM stationary variance" "$TMP/out" "table row"
check grep -q "all pass" "$TMP/out" "table summary"

# same seed, same numbers, any thread count
expect_ok validate --check ou-transition --threads 1 --format json
cp "$TMP/out" "$TMP/a.json"
expect_ok validate --check ou-transition --threads 2 --format json
check python3 -c 'import json,sys
a=json.load(open(sys.argv[1]))["checks"]; b=json.load(open(sys.argv[2]))["checks"]
sys.exit(0 if [r["measured"] for r in a] == [r["measured"] for r in b] else 1)' "$TMP/a.json" "$TMP/out" \
  "validate is thread-count independent"

expect_usage "--scale" validate --scale 0
expect_usage "--scale" validate --scale abc
expect_usage "no-such-check" validate --check no-such-check
expect_usage "--format" validate --format yaml
expect_usage "--threads" validate --threads -1
expect_usage "--seed" validate --seed abc
expect_usage "unexpected argument 'erasure'" validate erasure
finish
