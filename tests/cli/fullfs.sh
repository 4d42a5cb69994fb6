#!/usr/bin/env bash
# A real full disk: a 512 KiB tmpfs (room for an old and a new set, one at a time) (mounted when the test may: root in CI; otherwise skipped
# with the reason printed).  An old, complete output set is written, the file system is filled
# to the last byte, and project --out, figure and train --experiment --out must then fail
# (non-zero, one line naming the file), keep the old files as they were, leave no temporary and
# no manifest; with the space freed the same runs succeed.  docs/reliability.md.
source "$(dirname "$0")/lib/common.bash"
export LSAN_OPTIONS="suppressions=$LIMEN_TEST_DIR/cli/lib/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

MNT="$TMP/mnt"
mkdir "$MNT"
if ! mount -t tmpfs -o size=512k limen-test "$MNT" 2>"$TMP/mount.err"; then
  echo "fullfs.sh: SKIPPED: cannot mount a tmpfs ($(head -c 200 "$TMP/mount.err"); needs root)"
  exit 0
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT

# whole.py DIR: every file of an output set is whole (a set may mix old and new files: each is
# written atomically, and the missing manifest marks the set incomplete).
cat >"$TMP/whole.py" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in os.listdir(d):
    data = open(os.path.join(d, name), "rb").read()
    if name.endswith(".json"):
        json.loads(data)
    elif name.endswith(".png"):
        assert data.endswith(b"IEND\xaeB`\x82"), name
    else:
        assert data.endswith(b"\n"), name
PY

# fill: take every free byte of the tmpfs (the old outputs stay).
fill() { dd if=/dev/zero of="$MNT/fill" bs=1k 2>/dev/null; sync; }
unfill() { rm -f "$MNT/fill"; }

# full_run NAME TARGET ARGS...: with the disk full the run fails cleanly and TARGET (a file or a
# set) is unchanged; with space it succeeds.
full_run() {
  local name=$1 target=$2
  shift 2
  rm -rf "$TMP/before" && cp -r "$target" "$TMP/before"
  fill
  "$LIMEN_BIN" "$@" >/dev/null 2>"$TMP/err"
  local rc=$?
  if [ "$rc" -eq 0 ]; then fail "$name on a full disk: exit 0"
  elif [ "$(wc -l <"$TMP/err")" -ne 1 ] || ! grep -q "^limen.*\(No space left\|no whole\|disk full\)" "$TMP/err"; then
    fail "$name on a full disk: message: $(head -c 300 "$TMP/err")"
  elif [ -f "$target" ] && ! cmp -s "$target" "$TMP/before"; then fail "$name on a full disk: old file changed"
  elif [ -d "$target" ] && ! python3 "$TMP/whole.py" "$target"; then fail "$name on a full disk: a file is cut short"
  elif find "$MNT" -name '*.tmp.*' | grep -q .; then fail "$name on a full disk: temporary left"
  elif [ -d "$target" ] && [ -e "$target/manifest.json" ]; then fail "$name on a full disk: manifest left"
  else pass; fi
  unfill
  "$LIMEN_BIN" "$@" >/dev/null 2>"$TMP/err"
  check test $? -eq 0 "$name with space again: $(head -c 300 "$TMP/err")"
  [ -d "$target" ] && check test -s "$target/manifest.json" "$name with space again: manifest written"
}

"$LIMEN_BIN" project --bits 4 --out "$MNT/proj" >/dev/null 2>&1 || fail "project: old set"
full_run "project --out" "$MNT/proj" project --bits 8 --out "$MNT/proj"

"$LIMEN_BIN" figure per-op --width 300 --height 200 --out "$MNT/f.svg" >/dev/null 2>&1 || fail "figure: old file"
full_run "figure .svg" "$MNT/f.svg" figure per-op --width 400 --height 300 --out "$MNT/f.svg"
rm -f "$MNT/f.svg"
"$LIMEN_BIN" figure per-op --width 300 --height 200 --out "$MNT/f.png" >/dev/null 2>&1 || fail "figure: old file"
full_run "figure .png" "$MNT/f.png" figure per-op --width 400 --height 300 --out "$MNT/f.png"
rm -f "$MNT/f.png"

rm -rf "$MNT/proj"
"$LIMEN_BIN" train --experiment window --task breast-cancer --steps 12 --values 1e-7,1e-6 --out "$MNT/exp" \
  >/dev/null 2>&1 || fail "train --experiment: old set"
full_run "train --experiment --out" "$MNT/exp" train --experiment window --task breast-cancer --steps 10 \
  --values 1e-7,1e-6 --quiet --out "$MNT/exp"
finish
