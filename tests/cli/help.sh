#!/usr/bin/env bash
# --help on every subcommand (usage on stdout ending with a newline, exit 0, nothing on stderr),
# limen --help/--version, and the ranges and defaults the help states.
source "$(dirname "$0")/lib/common.bash"

# option_entry OPTION: the help of OPTION, its line and those below it up to the next option,
# joined into one line (the help wraps at 100 columns); option_says OPTION PATTERN: it matches
# the grep pattern; help_line_lacks OPTION WORD: its text before the range/default does not
# contain WORD.
option_entry() {
  awk -v o="  $1" 'index($0, o) == 1 { p = 1; printf "%s", $0; next }
                   p && /^  -/ { exit } p { sub(/^ +/, " "); printf "%s", $0 } END { print "" }' "$TMP/out"
}
option_says() { option_entry "$1" | grep -q -- "$2"; }
help_line_lacks() { ! option_entry "$1" | sed 's/ (range .*//; s/ (default .*//; s/ (one of .*//' | grep -q -- "$2"; }

for cmd in project bound models profiles sweep figure simulate validate train; do
  for flag in --help -h; do
    expect_ok "$cmd" "$flag" || continue
    check grep -q "^usage: limen $cmd" "$TMP/out" "limen $cmd $flag: no usage line"
    check grep -q -- "--config FILE" "$TMP/out" "limen $cmd $flag: --config not documented"
    check test "$(tail -c 1 "$TMP/out" | od -An -c | tr -d ' ')" = '\n' "limen $cmd $flag: help does not end with a newline"
  done
done
# --help wins over other (even bad) options
expect_ok project --temperature -1 --help
check grep -q "^usage: limen project" "$TMP/out" "project --help after a bad option"
expect_ok train --window -1 --help
check grep -q "^usage: limen train" "$TMP/out" "train --help after a bad option"
# every option of project is documented with its range or default
expect_ok project --help
for opt in --model --params --tokens --flops --bits --time --temperature --ops --paradigm --format --out \
  --tau0 --batch-tokens --retention-time --write-fail --success; do
  check grep -q -- "$opt" "$TMP/out" "project --help lacks $opt"
done
# docs/cli.md shows the help of every command with an options block as it is (the workload options come
# from the library's table of inputs; its markdown table is checked by test_workload; regenerate
# the blocks with scripts/update-docs-help.sh)
for cmd in project sweep figure bound simulate validate train; do
  expect_ok "$cmd" --help || continue
  awk -v c="$cmd" '$0 == "## `limen " c "`"{p=1} p&&/^### Options/{getline; q=1; next} q&&/^```$/{exit} q{print}' \
    "$LIMEN_TEST_DIR/../docs/cli.md" >"$TMP/doc_help"
  check cmp -s "$TMP/out" "$TMP/doc_help" \
    "docs/cli.md: the help of $cmd differs from 'limen $cmd --help' ($(diff "$TMP/doc_help" "$TMP/out" | head -c 400))"
done
expect_ok project --help
# whole-number inputs say so and reject fractions
check option_says '--hops-per-level H' 'whole numbers in \[1, 1e+30\]' "project --help: --hops-per-level whole numbers"
expect_ok bound --help
for k in landauer finite-time static-write hop retention kramers mfpt; do
  check grep -q -- "$k" "$TMP/out" "bound --help lacks $k"
done

# simulate: every option, the ranges of the time options (strings with an optional suffix s),
# tau0 as in project, bound and train, the temperature placeholder K
expect_ok simulate --help
for opt in --protocol --protocol-file --method --integrator --trajectories --dt --seed --threads --format --out \
  --tau --barrier --barrier-low --tilt --bit --success --levels --start-level --hop-levels --stiffness \
  --stiffness-final --distance --ramp-fraction --cells --tau0 --temperature --bins; do
  check grep -q -- "^  $opt " "$TMP/out" "simulate --help lacks $opt"
done
check option_says '--dt S' 'range (0, 1e+12\] tau0, at most the duration' "simulate --help: --dt range"
check option_says '--tau S' 'range (0, 1e+12\] tau0' "simulate --help: --tau range"
check option_says '--tau0 S' 'range (0, 1\] s' "simulate --help: --tau0 range (0, 1] s"
check grep -q -- '^  --temperature K ' "$TMP/out" "simulate --help: --temperature K"
for cmd in project bound train; do
  expect_ok "$cmd" --help
  check option_says '--tau0 S' 'range (0, 1\] s' "$cmd --help: --tau0 range (0, 1] s"
done

# validate: every option with its range
expect_ok validate --help
for opt in "--scale X" "--check NAME" "--threads T" "--seed K" "--format FMT"; do
  check grep -q -- "^  $opt " "$TMP/out" "validate --help lacks $opt"
done
check option_says '--scale X' 'range (0, 100\]' "validate --help: --scale range"

# train: --values states its ranges (those of --window and --barrier) and its count limit;
# defaults are stated once; maxcut is an experiment
expect_ok train --help
check option_says '--values LIST' '\[1e-12, 1000000\] s, as --window.*\[3, 300\] kT, as --barrier.*at most 32' \
  "train --help: --values ranges"
check option_says '--window S' 'range \[1e-12, 1000000\] s' "train --help: --window range"
check help_line_lacks '--steps K' default "train --help: --steps states its default twice"
check help_line_lacks '--barrier KT' default "train --help: --barrier states its default twice"
check grep -q 'one of paradigms, window, barrier, scaling, maxcut' "$TMP/out" "train --help: experiments"

expect_ok --version
check grep -Eq '^limen [0-9]+\.[0-9]+\.[0-9]+( \(git [0-9a-f]{40}(-dirty)?\))?$' "$TMP/out" "limen --version format"
expect_ok --help
check grep -q "project" "$TMP/out" "limen --help lists project"
# every help fits a 100-column terminal
for c in project bound sweep figure simulate validate train models profiles; do
  "$LIMEN_BIN" "$c" --help >"$TMP/h" 2>&1
  check test "$(awk 'length($0) > 100' "$TMP/h" | wc -l)" -eq 0 \
    "limen $c --help: lines over 100 columns: $(awk 'length($0) > 100' "$TMP/h" | head -c 200)"
done
finish
