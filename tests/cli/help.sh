#!/usr/bin/env bash
# --help on every subcommand (usage on stdout, exit 0, nothing on stderr), limen --help/--version.
source "$(dirname "$0")/lib/common.bash"

for cmd in project bound models profiles sweep figure; do
  for flag in --help -h; do
    expect_ok "$cmd" "$flag" || continue
    check grep -q "^usage: limen $cmd" "$TMP/out" "limen $cmd $flag: no usage line"
    check grep -q -- "--config FILE" "$TMP/out" "limen $cmd $flag: --config not documented"
  done
done
# --help wins over other (even bad) options
expect_ok project --temperature -1 --help
check grep -q "^usage: limen project" "$TMP/out" "project --help after a bad option"
# every option of project is documented with its range or default
expect_ok project --help
for opt in --model --params --tokens --flops --bits --time --temperature --ops --paradigm --format --out \
  --tau0 --batch-tokens --retention-time --write-fail --success; do
  check grep -q -- "$opt" "$TMP/out" "project --help lacks $opt"
done
expect_ok bound --help
for k in landauer finite-time static-write hop retention kramers mfpt; do
  check grep -q -- "$k" "$TMP/out" "bound --help lacks $k"
done
expect_ok --version
check grep -q '^limen [0-9]\+\.[0-9]\+\.[0-9]\+$' "$TMP/out" "limen --version format"
expect_ok --help
check grep -q "project" "$TMP/out" "limen --help lists project"
finish
