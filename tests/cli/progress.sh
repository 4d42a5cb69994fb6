#!/usr/bin/env bash
# Progress on stderr when it is not a terminal (src/cli/progress.h): plain lines for a run over
# a second, none with --quiet, none for a short run; stdout is the same with and without.
source "$(dirname "$0")/lib/common.bash"
# timed NAME ARGS...: limen ARGS, stdout and stderr into $TMP/NAME.out and .err; sets rc and ms
timed() {
  local name=$1
  shift
  local start
  start=$(date +%s%N)
  "$LIMEN_BIN" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
  rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
}

# A run over 1.5 s whatever the machine's speed: the ensemble grows until the run takes that long.
for traj in 6000 24000 96000 384000; do
  long=(simulate --protocol erasure --trajectories "$traj" --threads 1 --format json)
  timed long "${long[@]}"
  [ "$rc" -ne 0 ] || [ "$ms" -gt 1500 ] && break
done
check test "$rc" -eq 0 "long run: exit 0"
echo "long run: $ms ms"
if [ "$ms" -gt 1500 ]; then
  check grep -q '^limen simulate: progress  *[0-9]*% after [0-9.]* s$' "$TMP/long.err" "plain progress line when piped"
  check grep -q '^limen simulate: progress done in [0-9.]* s$' "$TMP/long.err" "closing progress line"
  check test "$(grep -c -v '^limen simulate: progress ' "$TMP/long.err")" -eq 0 "nothing else on stderr"
  check test "$(grep -c $'\r' "$TMP/long.err")" -eq 0 "no bar (carriage returns) when piped"
else
  fail "the long run took $ms ms, not over 1.5 s: make it longer"
fi

"$LIMEN_BIN" "${long[@]}" --quiet >"$TMP/quiet.out" 2>"$TMP/quiet.err"
check test ! -s "$TMP/quiet.err" "--quiet: nothing on stderr"
check python3 -c 'import json,sys
a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
sys.exit(0 if a["mean_work_kT"] == b["mean_work_kT"] else 1)' "$TMP/long.out" "$TMP/quiet.out" \
  "--quiet: the same result"

"$LIMEN_BIN" simulate --protocol trap-optimal --trajectories 20 --tau 1tau0 >"$TMP/short.out" 2>"$TMP/short.err"
check test ! -s "$TMP/short.err" "short run: nothing on stderr"

# train: an experiment of several runs reports its progress over all of them
start=$(date +%s%N)
"$LIMEN_BIN" train --experiment paradigms >"$TMP/train.out" 2>"$TMP/train.err"
ms=$((($(date +%s%N) - start) / 1000000))
echo "train experiment: $ms ms"
if [ "$ms" -gt 1500 ]; then
  check grep -q '^limen train: progress  *[0-9]*% after [0-9.]* s$' "$TMP/train.err" "train: plain progress line"
  check grep -q '^limen train: progress done in ' "$TMP/train.err" "train: closing progress line"
fi
"$LIMEN_BIN" train --experiment paradigms --quiet >"$TMP/trainq.out" 2>"$TMP/trainq.err"
check test ! -s "$TMP/trainq.err" "train --quiet: nothing on stderr"
check cmp -s "$TMP/train.out" "$TMP/trainq.out" "train --quiet: the same output"

# a Max-Cut anneal reports its sweeps (the study, its graphs); grown until it lasts over 1.5 s
for steps in 100000 400000 1600000; do
  timed mc train --task maxcut-G1 --steps "$steps" --format json
  [ "$rc" -ne 0 ] || [ "$ms" -gt 1500 ] && break
done
check test "$rc" -eq 0 "maxcut: exit 0"
if [ "$ms" -gt 1500 ]; then
  check grep -q '^limen train: progress  *[0-9]*% after [0-9.]* s$' "$TMP/mc.err" "maxcut: plain progress line"
  check grep -q '^limen train: progress done in ' "$TMP/mc.err" "maxcut: closing progress line"
else
  fail "the Max-Cut run took $ms ms, not over 1.5 s"
fi
"$LIMEN_BIN" train --task maxcut-G1 --steps "$steps" --format json --quiet >"$TMP/mcq.out" 2>"$TMP/mcq.err"
check test ! -s "$TMP/mcq.err" "maxcut --quiet: nothing on stderr"
check cmp -s <(run_facts_free "$TMP/mc.out") <(run_facts_free "$TMP/mcq.out") "maxcut --quiet: the same output"

# a sweep reports its points, grown until it lasts over 1.5 s; only once, not for each format of --out
for pts in 100 400 1500; do # at most 1500 × 64 = 96,000 points (the limit is 100,000)
  timed sw sweep --vary params=1e9:1e15:$pts:log --vary bits=1:64:64
  [ "$rc" -ne 0 ] || [ "$ms" -gt 1500 ] && break
done
check test "$rc" -eq 0 "sweep: exit 0"
if [ "$ms" -gt 1500 ]; then
  check grep -q '^limen sweep: progress done in ' "$TMP/sw.err" "sweep: closing progress line"
  check test "$(grep -c -v '^limen sweep: progress ' "$TMP/sw.err")" -eq 0 "sweep: nothing else on stderr"
else
  fail "the sweep took $ms ms, not over 1.5 s"
fi
"$LIMEN_BIN" sweep --vary params=1e9:1e15:$pts:log --vary bits=1:64:64 --quiet >"$TMP/swq.out" 2>"$TMP/swq.err"
check test ! -s "$TMP/swq.err" "sweep --quiet: nothing on stderr"
check cmp -s <(run_facts_free "$TMP/sw.out") <(run_facts_free "$TMP/swq.out") "sweep --quiet: the same output"

# the option exists in every command that shows progress
for cmd in simulate validate train sweep; do
  "$LIMEN_BIN" $cmd --help | grep -q -- '--quiet' || fail "$cmd --help lacks --quiet"
  pass
done
finish
