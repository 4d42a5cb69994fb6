#!/usr/bin/env bash
# Outputs all or nothing under injected I/O faults (LIMEN_IO_FAULT=OP:N, src/io/fault.c; see
# docs/reliability.md).  For every command that writes files and every failing point — the
# Nth open, write, fsync, close or rename, N = 1, 2, … until the run no longer reaches it — the
# run must exit non-zero with one line naming the file, leave no temporary, keep every file
# either as it was or as the whole new version (never a third content), and leave no
# manifest.json claiming a complete set.  The one file allowed a third content is the checkpoint
# of a run that keeps one (checkpoint.txt, docs/reliability.md): a run that fails midway leaves
# the whole checkpoint it last wrote, of the new run with fewer units done, for --resume.  The walk also proves that every file goes through the
# checked layer: a command with F files must fail at F + 1 points at least (its manifest too).
# Then output paths: devices, FIFOs, directories and /dev are refused before any work.
source "$(dirname "$0")/lib/common.bash"
export LSAN_OPTIONS="suppressions=$LIMEN_TEST_DIR/cli/lib/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

OPS="open write fsync close rename"
# The sanitizer stage (LIMEN_TEST_SCALE < 1) walks the training experiment, the slowest of the
# runs, for the write and the rename only (each still fails at every file); the release stage
# walks every operation.
EXP_OPS=$OPS
if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 1 else 1)" "${LIMEN_TEST_SCALE:-1}"; then
  EXP_OPS="write rename"
fi

# same_as_one FILE A B: FILE's bytes are those of A or of B (but for the run's wall time and
# provenance record, lib/run_facts_free.py).
same() { [ -e "$2" ] && cmp -s <(run_facts_free "$1") <(run_facts_free "$2"); }
same_as_one() { same "$1" "$2" || same "$1" "$3"; }

# checkpoint_of FILE NEW: FILE is a whole checkpoint (its closing SHA-256 right) of the run whose
# checkpoint NEW is: the same command, inputs and number of units, any number of them done.
checkpoint_head() { sed -n '/^units /{s/ [0-9]*$//;p;q};p' "$1"; }
checkpoint_of() {
  [ "$(tail -n 1 "$1")" = "sha256 $(head -n -1 "$1" | sha256sum | cut -d' ' -f1)" ] &&
    cmp -s <(checkpoint_head "$1") <(checkpoint_head "$2")
}

# set_intact DIR OLD NEW: every file of DIR is its OLD or NEW version (a checkpoint: or one of the
# new run's); no temporary, no manifest.
set_intact() {
  local d=$1 old=$2 new=$3 f b
  if ls -A "$d" | grep -q '\.tmp\.'; then echo "temporary left: $(ls -A "$d")"; return 1; fi
  if [ -e "$d/manifest.json" ]; then echo "manifest.json left by a failed run"; return 1; fi
  for f in "$d"/*; do
    b=$(basename "$f")
    same_as_one "$f" "$old/$b" "$new/$b" || { [ "$b" = checkpoint.txt ] && checkpoint_of "$f" "$new/$b"; } ||
      { echo "$b is neither the old nor the new version"; return 1; }
  done
}

# walk_dir NAME OLD_ARGS -- NEW_ARGS: the --out DIR walk (DIR appended to both argument lists).
walk_dir() {
  local name=$1 old_args=() new_args=()
  shift
  while [ "$1" != "--" ]; do old_args+=("$1"); shift; done
  shift
  new_args=("$@")
  "$LIMEN_BIN" "${old_args[@]}" --out "$TMP/$name.old" >/dev/null 2>&1 || { fail "$name: old run failed"; return; }
  "$LIMEN_BIN" "${new_args[@]}" --out "$TMP/$name.new" >/dev/null 2>&1 || { fail "$name: new run failed"; return; }
  rm "$TMP/$name.old/manifest.json" "$TMP/$name.new/manifest.json"
  local files
  files=$(ls "$TMP/$name.new" | wc -l)
  local ops=$OPS
  [ "$name" = experiment ] && ops=$EXP_OPS
  for op in $ops; do
    local n=1 failed=0 why
    while [ "$n" -le 400 ]; do
      rm -rf "$TMP/$name.run"
      cp -r "$TMP/$name.old" "$TMP/$name.run"
      LIMEN_IO_FAULT="$op:$n" "$LIMEN_BIN" "${new_args[@]}" --out "$TMP/$name.run" >/dev/null 2>"$TMP/err"
      local rc=$?
      [ "$rc" -eq 0 ] && break
      failed=$((failed + 1))
      if [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q "^limen[ :].*\(cannot write '$TMP/$name.run/\|no whole\)" "$TMP/err"; then
        fail "$name $op:$n: exit $rc, message: $(head -c 300 "$TMP/err")"
      elif ! why=$(set_intact "$TMP/$name.run" "$TMP/$name.old" "$TMP/$name.new"); then
        fail "$name $op:$n: $why"
      else
        pass
      fi
      n=$((n + 1))
    done
    check test "$failed" -ge $((files + 1)) "$name: $op fails at $failed points, expected >= $((files + 1)) (files $files + manifest)"
    check test -s "$TMP/$name.run/manifest.json" "$name: past the last $op the run completes with its manifest"
    echo "$name: $op: $failed failing points (files $files + manifest)"
  done
}

# (--quiet: a run over a second, as under the sanitizers, would add progress lines to stderr)
walk_dir simulate simulate --protocol erasure --trajectories 200 --seed 1 --quiet -- \
  simulate --protocol erasure --trajectories 200 --seed 2 --quiet
walk_dir project project --bits 4 -- project --bits 8
walk_dir experiment train --experiment window --task breast-cancer --steps 12 --values 1e-7,1e-6 --quiet -- \
  train --experiment window --task breast-cancer --steps 10 --values 1e-7,1e-6 --quiet

# A figure: the open of its temporary, PLplot's write (cut short: the PNG/SVG check refuses it),
# the fsyncs of file and directory, the close and the rename.
for ext in png svg; do
  "$LIMEN_BIN" figure per-op --points 10 --out "$TMP/old.$ext" >/dev/null 2>&1 || fail "figure .$ext: old run failed"
  cp "$TMP/old.$ext" "$TMP/before.$ext"
  for op in $OPS; do
    n=1
    failed=0
    while [ "$n" -le 10 ]; do
      LIMEN_IO_FAULT="$op:$n" "$LIMEN_BIN" figure per-op --out "$TMP/old.$ext" >/dev/null 2>"$TMP/err"
      rc=$?
      [ "$rc" -eq 0 ] && break
      failed=$((failed + 1))
      if [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q "^limen figure: .*\(cannot write\|no whole\)" "$TMP/err"; then
        fail "figure .$ext $op:$n: exit $rc, message: $(head -c 300 "$TMP/err")"
      elif ! cmp -s "$TMP/old.$ext" "$TMP/before.$ext" && [ "$op" != fsync ]; then
        fail "figure .$ext $op:$n: the old figure was replaced"
      elif ls -A "$TMP" | grep -q '\.tmp\.'; then
        fail "figure .$ext $op:$n: temporary left"
      else
        pass
      fi
      n=$((n + 1))
    done
    check test "$failed" -ge 1 "figure .$ext: $op never failed"
    cp "$TMP/before.$ext" "$TMP/old.$ext"
  done
done

# A malformed fault spec arms nothing (a test typo must not pass silently as "no fault").
LIMEN_IO_FAULT=bogus "$LIMEN_BIN" figure per-op --out "$TMP/ok.png" >/dev/null 2>&1
check test $? -eq 0 "LIMEN_IO_FAULT=bogus: ignored"

# Output paths (issue: `figure --out /dev/null.png` as root created a file in /dev): a device,
# a FIFO, a directory where a file belongs, a file where a directory belongs, /dev itself and a
# missing directory are refused with exit 2 before any work, naming --out.
expect_usage "--out '/dev/null.png': '/dev' holds device" figure per-op --out /dev/null.png
check test ! -e /dev/null.png "nothing created in /dev"
mkfifo "$TMP/fifo.png"
expect_usage "--out '$TMP/fifo.png': exists and is a FIFO" figure per-op --out "$TMP/fifo.png"
mkdir "$TMP/dir.png"
expect_usage "exists and is a directory, not a regular file" figure per-op --out "$TMP/dir.png"
expect_usage "directory '$TMP/missing'" figure per-op --out "$TMP/missing/x.png"
expect_usage "--out '/dev/limen-out': '/dev' holds device" simulate --protocol erasure --out /dev/limen-out
check test ! -e /dev/limen-out "nothing created in /dev"
expect_usage "--out '/dev/null': exists and is a character device, not a directory" project --out /dev/null
touch "$TMP/plain"
expect_usage "exists and is a regular file, not a directory" train --task quadratic --steps 5 --out "$TMP/plain"
expect_usage "'$TMP/plain' is a regular file, not a directory" project --out "$TMP/plain/sub"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
  expect_usage "directory '$TMP/ro' is not writable" figure per-op --out "$TMP/ro/x.png"
fi
finish
