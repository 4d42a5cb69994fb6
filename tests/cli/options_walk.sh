#!/usr/bin/env bash
# Every option of every command (read from the tool's help, so new ones are covered) given a
# value out of its range or an unknown choice, on the command line and as a --config key: exit
# 2, one line on stderr naming the option as typed (lib/options_walk.py prints the list).
source "$(dirname "$0")/lib/common.bash"
if python3 "$(dirname "$0")/lib/options_walk.py" "$LIMEN_BIN" "$TMP"; then pass; else fail "options_walk.py"; fi
# the default message is one line in user terms; --debug adds the library's trace
run simulate --protocol erasure --barrier 0.3 --trajectories 10
check grep -q -- "--barrier-low = 0.5: allowed range (0, 0.3] kT" "$TMP/err" "barrier-low named as typed: $(cat "$TMP/err")"
run train --task maxcut-G1 --beta0 20 --debug
check [ "$RC" -eq 2 ] "--debug keeps exit status 2"
check [ "$(wc -l <"$TMP/err")" -eq 2 ] "--debug: the message and the trace: $(cat "$TMP/err")"
check grep -q "^limen train: --beta-end = 3: allowed range \[20, 1000\] (at least beta0 = 20)$" "$TMP/err" \
  "beta-end named as typed: $(cat "$TMP/err")"
run project --write-time 1e-18 --paradigm cim-static --debug
check [ "$(wc -l <"$TMP/err")" -eq 2 ] "--debug: the message and the trace: $(cat "$TMP/err")"
check grep -q "^limen project: trace (.*limen_paradigm_project" "$TMP/err" "the trace names the functions: $(cat "$TMP/err")"
check bash -c "! head -1 '$TMP/err' | grep -q 'limen_'" "no function names in the message: $(head -1 "$TMP/err")"
run project --bits 65 --debug
check grep -q "^limen project: trace" "$TMP/err" "--debug on a parse error: $(cat "$TMP/err")"
finish
