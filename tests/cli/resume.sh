#!/usr/bin/env bash
# Interrupted runs and --resume (docs/reliability.md): limen simulate (Langevin and
# Fokker-Planck), validate and train --experiment with --out DIR stopped by SIGINT or SIGTERM
# exits 130 or 143 with its checkpoint written, no temporary file and no manifest; --resume
# continues it to the uninterrupted run's result, byte for byte but the provenance record and the
# wall time (the checkpoint holds every number in hexadecimal, so equal checkpoints mean equal
# bits), whatever the thread count; a missing, corrupt or foreign checkpoint is refused (exit 2).
# Where the stop lands is fixed by LIMEN_TEST_INTERRUPT="INT:K" (the signal is raised after the
# K-th unit: block, check or run); two runs are stopped by a real kill from outside.
source "$(dirname "$0")/lib/common.bash"

# 6 blocks of 2048 trajectories
A=(simulate --protocol erasure --tau 5tau0 --dt 2e-3tau0 --trajectories 12288 --format json)

# facts FILE: what of FILE an interrupted and resumed run must share with an uninterrupted one:
# all but the provenance record (the command line differs by --resume, the time differs, and a
# resumed run names the checkpoint it read) and the wall time (lib/run_facts_free.py; validate's
# "seconds" and the last line of its table); the checkpoint and the figures as they are
facts() {
  case "$1" in
    *.png | */checkpoint.txt) cat "$1" ;;
    *) run_facts_free "$1" | grep -a -v '"seconds":' | sed -E 's/, [0-9.]+ s: /, _ s: /' ;;
  esac
}
# same_dir REF DIR: DIR holds REF's files, each with REF's facts (the manifest aside)
same_dir() {
  [ "$(ls "$1" | grep -v '^manifest.json$')" = "$(ls "$2" | grep -v '^manifest.json$')" ] || return 1
  local f
  for f in "$1"/*; do
    [ "$(basename "$f")" = manifest.json ] || cmp -s <(facts "$f") <(facts "$2/$(basename "$f")") || return 1
  done
}
# out_same DIR: DIR's files equal the reference run's
out_same() { same_dir "$TMP/ref" "$1"; }
# stopped_clean DIR K: a checkpoint of K of 6 blocks, no temporary file, no result, no manifest
stopped_clean() {
  grep -qx "units 6 $2" "$1/checkpoint.txt" && [ -z "$(ls -A "$1" | grep -v '^checkpoint.txt$')" ]
}
# the run's JSON on stdout without its wall time equals the reference's
stdout_same() { cmp -s <(facts "$TMP/ref.json") <(facts "$TMP/out"); }

expect_ok "${A[@]}" --out "$TMP/ref"
cp "$TMP/out" "$TMP/ref.json"
check grep -qx "units 6 6" "$TMP/ref/checkpoint.txt" "an uninterrupted run's checkpoint has every block"
check grep -q '"complete":	true' "$TMP/ref/manifest.json" "an uninterrupted run writes its manifest"
check grep -q '"checkpoint.txt"' "$TMP/ref/manifest.json" "the manifest lists the checkpoint"

# SIGINT after block 2: exit 130, one stderr line, clean directory; --resume finishes it
LIMEN_TEST_INTERRUPT=INT:2 run "${A[@]}" --out "$TMP/int"
check [ "$RC" -eq 130 ] "SIGINT: exit 130 (got $RC: $(cat "$TMP/err"))"
check [ ! -s "$TMP/out" ] "SIGINT: nothing on stdout"
check grep -q "interrupted after 2 of 6 blocks; its checkpoint is in .*--resume continues it" "$TMP/err" "SIGINT: the message says where and how to go on"
check stopped_clean "$TMP/int" 2 "SIGINT: checkpoint of 2 blocks, no temporary file, no manifest"
expect_ok "${A[@]}" --out "$TMP/int" --resume --threads 1
check stdout_same "SIGINT then --resume (1 thread): the uninterrupted run's output"
check out_same "$TMP/int" "SIGINT then --resume: the uninterrupted run's files, bit for bit"
check grep -q '"complete":	true' "$TMP/int/manifest.json" "a resumed run that finishes writes its manifest"
check json_py 'any(f["path"].endswith("checkpoint.txt") for f in d["provenance"]["data_files"])' \
  "a resumed run's provenance names the checkpoint it read"

# SIGTERM after block 1, SIGINT again 2 blocks into the resumed run, then a last --resume
LIMEN_TEST_INTERRUPT=TERM:1 run "${A[@]}" --out "$TMP/term" --threads 2
check [ "$RC" -eq 143 ] "SIGTERM: exit 143 (got $RC: $(cat "$TMP/err"))"
check stopped_clean "$TMP/term" 1 "SIGTERM: checkpoint of 1 block, no temporary file, no manifest"
LIMEN_TEST_INTERRUPT=INT:2 run "${A[@]}" --out "$TMP/term" --resume
check [ "$RC" -eq 130 ] "a resumed run stopped again: exit 130 (got $RC)"
check stopped_clean "$TMP/term" 3 "a resumed run stopped again keeps the blocks of both runs"
expect_ok "${A[@]}" --out "$TMP/term" --resume
check stdout_same "stopped twice, resumed twice: the uninterrupted run's output"
check out_same "$TMP/term" "stopped twice, resumed twice: the uninterrupted run's files"

# a finished directory resumed: the same result again, nothing run
expect_ok "${A[@]}" --out "$TMP/ref" --resume
check stdout_same "a finished run resumed re-emits its result"

# a real SIGINT from outside, once the first block is on disk (20 blocks of seconds each)
"$LIMEN_BIN" simulate --protocol erasure --tau 100tau0 --trajectories 40960 --out "$TMP/kill" >/dev/null 2>"$TMP/kerr" &
pid=$!
for _ in $(seq 600); do grep -q '^unit 0 ' "$TMP/kill/checkpoint.txt" 2>/dev/null && break; sleep 0.05; done
kill -INT "$pid"
wait "$pid"
krc=$?
check [ "$krc" -eq 130 ] "kill -INT: exit 130 (got $krc: $(cat "$TMP/kerr"))"
check [ -z "$(ls -A "$TMP/kill" | grep -v '^checkpoint.txt$')" ] "kill -INT: only the checkpoint is left"

# refused: exit 2, one line naming the problem
expect_usage "--resume: needs --out" "${A[@]}" --resume
expect_usage "--trajectories" simulate --protocol erasure --trajectories 0 --out "$TMP/x" --resume
expect_usage "no checkpoint in" "${A[@]}" --out "$TMP/empty" --resume
expect_usage "seed = unset there, 7 now" "${A[@]}" --out "$TMP/int" --resume --seed 7
expect_usage "trajectories = 12288 there, 4096 now" simulate --protocol erasure --tau 5tau0 --dt 2e-3tau0 \
  --trajectories 4096 --out "$TMP/int" --resume
expect_usage "method = langevin there, fokker-planck now" simulate --protocol erasure --tau 5tau0 --dt 2e-3tau0 \
  --method fokker-planck --out "$TMP/int" --resume
cp -r "$TMP/int" "$TMP/bad"
sed -i '40s/\(0x1\.[0-9a-f]\)/\1f/' "$TMP/bad/checkpoint.txt"
expect_usage "is corrupt: its SHA-256 does not match" "${A[@]}" --out "$TMP/bad" --resume
head -c 5000 "$TMP/int/checkpoint.txt" >"$TMP/bad/checkpoint.txt"
expect_usage "is corrupt: the closing 'sha256' line is missing" "${A[@]}" --out "$TMP/bad" --resume
check [ ! -e "$TMP/bad/manifest.json" ] "a refused --resume leaves no manifest"

# limen simulate --method fokker-planck --out: blocks of 100 time steps (50 here); each block's unit
# holds the work and heat summed so far, the last one also the density the next block starts from
F=(simulate --protocol erasure --tau 5tau0 --method fokker-planck --format json)
expect_ok "${F[@]}" --out "$TMP/fref"
cp "$TMP/out" "$TMP/fref.json"
check grep -qx "units 50 50" "$TMP/fref/checkpoint.txt" "fokker-planck: an uninterrupted run's checkpoint has every block"
check grep -q '"checkpoint.txt"' "$TMP/fref/manifest.json" "fokker-planck: the manifest lists the checkpoint"
LIMEN_TEST_INTERRUPT=TERM:2 run "${F[@]}" --out "$TMP/fp"
check [ "$RC" -eq 143 ] "fokker-planck SIGTERM: exit 143 (got $RC: $(cat "$TMP/err"))"
check [ ! -s "$TMP/out" ] "fokker-planck SIGTERM: nothing on stdout"
check grep -q "interrupted after 2 of 50 blocks of steps; its checkpoint is in .*--resume continues it" "$TMP/err" \
  "fokker-planck SIGTERM: the message says where and how to go on"
check grep -qx "units 50 2" "$TMP/fp/checkpoint.txt" "fokker-planck SIGTERM: a checkpoint of 2 blocks"
check [ "$(ls -A "$TMP/fp")" = checkpoint.txt ] "fokker-planck SIGTERM: no temporary file, no result, no manifest"
LIMEN_TEST_INTERRUPT=INT:3 run "${F[@]}" --out "$TMP/fp" --resume
check [ "$RC" -eq 130 ] "fokker-planck resumed and stopped again by SIGINT: exit 130 (got $RC: $(cat "$TMP/err"))"
check grep -qx "units 50 5" "$TMP/fp/checkpoint.txt" "fokker-planck stopped again: the blocks of both runs"
expect_ok "${F[@]}" --out "$TMP/fp" --resume
check cmp -s <(facts "$TMP/fref.json") <(facts "$TMP/out") "fokker-planck stopped twice, resumed: the uninterrupted run's output"
check same_dir "$TMP/fref" "$TMP/fp" "fokker-planck stopped twice, resumed: the uninterrupted run's files (density, checkpoint)"
expect_usage "cells = unset there, 800 now" "${F[@]}" --out "$TMP/fp" --resume --cells 800
expect_usage "tau = 5 there, 6 now" simulate --protocol erasure --tau 6tau0 --method fokker-planck --out "$TMP/fp" --resume
expect_usage "method = fokker-planck there, langevin now" "${A[@]}" --out "$TMP/fp" --resume
# a real SIGINT from outside once the first block is on disk (1021 blocks of 147 steps, about 5 s
# in all), resumed: the result of an uninterrupted run
K=(simulate --protocol erasure --tau 150tau0 --method fokker-planck --format json --quiet)
"$LIMEN_BIN" "${K[@]}" --out "$TMP/fkill" >/dev/null 2>"$TMP/kerr" &
pid=$!
for _ in $(seq 600); do grep -q '^unit 0 ' "$TMP/fkill/checkpoint.txt" 2>/dev/null && break; sleep 0.05; done
kill -INT "$pid"
wait "$pid"
krc=$?
check [ "$krc" -eq 130 ] "fokker-planck kill -INT: exit 130 (got $krc: $(cat "$TMP/kerr"))"
check [ "$(ls -A "$TMP/fkill")" = checkpoint.txt ] "fokker-planck kill -INT: only the checkpoint is left"
check awk '/^units / { exit !($2 == 1021 && $3 > 0 && $3 < 1021) }' "$TMP/fkill/checkpoint.txt" \
  "fokker-planck kill -INT: a checkpoint of some of 1021 blocks ($(grep '^units ' "$TMP/fkill/checkpoint.txt"))"
expect_ok "${K[@]}" --out "$TMP/fkill" --resume
cp "$TMP/out" "$TMP/fkill.json"
expect_ok "${K[@]}"
check cmp -s <(facts "$TMP/out") <(facts "$TMP/fkill.json") "fokker-planck killed, resumed: the uninterrupted run's output"

# limen validate --out: one check per unit; the resumed rows are the uninterrupted run's, bit for
# bit (the checkpoints, which hold every number of every row in hexadecimal, are equal)
V=(validate --scale 0.1 --check em-variance,ou-transition,schmiedl-seifert,stiffness --format json)
expect_ok "${V[@]}" --out "$TMP/vref"
cp "$TMP/out" "$TMP/vref.json"
LIMEN_TEST_INTERRUPT=TERM:2 run "${V[@]}" --out "$TMP/v"
check [ "$RC" -eq 143 ] "validate SIGTERM: exit 143 (got $RC: $(cat "$TMP/err"))"
check grep -q "interrupted after 2 of 4 checks" "$TMP/err" "validate SIGTERM: the message counts checks"
check [ "$(ls -A "$TMP/v")" = checkpoint.txt ] "validate SIGTERM: only the checkpoint is left"
expect_ok "${V[@]}" --out "$TMP/v" --resume --threads 1
check cmp -s <(facts "$TMP/vref.json") <(facts "$TMP/out") "validate --resume: the same report"
check cmp -s "$TMP/vref/checkpoint.txt" "$TMP/v/checkpoint.txt" "validate --resume: the same rows, bit for bit"
check same_dir "$TMP/vref" "$TMP/v" "validate --resume: the same validate.txt, .csv and .json"
expect_usage "scale = 0.1 there, 0.2 now" "${V[@]}" --out "$TMP/v" --resume --scale 0.2
expect_usage "no checkpoint in" "${V[@]}" --out "$TMP/vnone" --resume

# limen train --experiment --out: one training run (one graph's anneal) per unit (the window sweep
# keeps each run's recorded trajectory for the closed-form curve); every file but the manifest
# has the uninterrupted run's facts, the figures included
for E in "barrier --values 3,5,7 --task breast-cancer:6 runs" "window --values 1e-7,1e-6,1e-5 --task breast-cancer:6 runs" \
  "scaling --task breast-cancer:4 runs" "paradigms --task breast-cancer:5 runs" "maxcut --steps 200:3 anneals"; do
  read -r -a X <<<"train --experiment ${E%%:*} --format json"
  name=${X[2]}
  expect_ok "${X[@]}" --out "$TMP/${name}ref"
  cp "$TMP/out" "$TMP/${name}ref.json"
  LIMEN_TEST_INTERRUPT=INT:2 run "${X[@]}" --out "$TMP/$name"
  check [ "$RC" -eq 130 ] "train $name SIGINT: exit 130 (got $RC: $(cat "$TMP/err"))"
  check grep -q "interrupted after 2 of ${E##*:}" "$TMP/err" "train $name SIGINT: the message counts ${E##*:}"
  check [ "$(ls -A "$TMP/$name")" = checkpoint.txt ] "train $name SIGINT: only the checkpoint is left"
  expect_ok "${X[@]}" --out "$TMP/$name" --resume
  check cmp -s <(facts "$TMP/${name}ref.json") <(facts "$TMP/out") "train $name --resume: the same JSON"
  for f in "$TMP/${name}ref"/*; do
    b=$(basename "$f")
    [ "$b" = manifest.json ] || check cmp -s <(facts "$f") <(facts "$TMP/$name/$b") "train $name --resume: the same $b"
  done
done
expect_usage "seed = 1 there, 3 now" "${X[@]}" --out "$TMP/$name" --resume --seed 3
expect_usage "--resume: applies to --experiment only" train --task breast-cancer --out "$TMP/single" --resume
expect_usage "--resume: applies to --experiment only" train --task maxcut-G1 --out "$TMP/single" --resume

finish
