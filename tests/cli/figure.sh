#!/usr/bin/env bash
# limen figure: PNG and SVG files written, non-empty, valid headers, stdout clean.
source "$(dirname "$0")/lib/common.bash"
# Sanitizer builds: fontconfig's process-lifetime cache is reported as a leak; suppress only it.
export LSAN_OPTIONS="suppressions=$LIMEN_TEST_DIR/cli/lib/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

png_ok() { [ -s "$1" ] && [ "$(head -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; }

for k in projection tradeoff per-op; do
  run figure "$k" --out "$TMP/$k.png" --points 15
  check test "$RC" -eq 0 "figure $k: exit $RC ($(head -c 300 "$TMP/err"))"
  check test ! -s "$TMP/out" "figure $k: stdout must stay empty"
  check test ! -s "$TMP/err" "figure $k: stderr must stay empty"
  check png_ok "$TMP/$k.png" "figure $k: valid PNG"
  check test "$(stat -c %s "$TMP/$k.png")" -gt 10000 "figure $k: PNG has content"
done
run figure per-op --out "$TMP/per-op.svg" --points 10
check test "$RC" -eq 0 "figure per-op svg: exit $RC"
check grep -q "<svg" "$TMP/per-op.svg" "figure per-op: SVG"
run figure tradeoff --out "$TMP/t.png" --points 8 --bits 8 --paradigm lim-finite-time,landauer-adiabatic --width 800 --height 600
check test "$RC" -eq 0 "figure tradeoff with options: exit $RC ($(head -c 300 "$TMP/err"))"
check png_ok "$TMP/t.png" "figure tradeoff with options: valid PNG"
# the energy-precision trade-off: whole bits on a linear axis; --x only for tradeoff
run figure tradeoff --x bits --xmin 4 --xmax 12 --out "$TMP/b.png" --width 800 --height 600
check test "$RC" -eq 0 "figure tradeoff --x bits: exit $RC ($(head -c 300 "$TMP/err"))"
check png_ok "$TMP/b.png" "figure tradeoff --x bits: valid PNG"
run figure projection --x bits --out "$TMP/c.png"
check test "$RC" -eq 2 "--x with figure projection: exit 2"
check grep -q -- "--x" "$TMP/err" "--x misuse named"
# the rules between the options (the library's): each names the option, nothing is written
expect_usage "conflicting options: --model does not apply to 'figure projection'" figure projection --out "$TMP/m.png" --model gpt-3
expect_usage "conflicting options: --time is the x axis of 'figure tradeoff'" figure tradeoff --out "$TMP/m.png" --time 1e6
expect_usage "conflicting options: --bits is the x axis of 'figure tradeoff'" figure tradeoff --x bits --out "$TMP/m.png" --bits 8
expect_usage "--xmax = 0.1: must be greater than --xmin = 1" figure per-op --out "$TMP/m.png" --xmin 1 --xmax 0.1
expect_usage "--xmin/--xmax: 5 to 5 bits: give at least two whole bits" figure tradeoff --x bits --out "$TMP/m.png" --xmin 4.5 --xmax 5.5
expect_usage "--width = '100': allowed range integers [200, 10000] px" figure per-op --out "$TMP/m.png" --width 100
check test ! -e "$TMP/m.png" "refused figures leave no file"
check test -z "$(ls -A "$TMP" | grep '\.tmp\.')" "no temporary files left"
# a file cut short (here by a file-size limit, as a full disk would) is an error, and the old
# figure stays as it was: no truncated PNG or SVG is ever reported as written
for ext in png svg; do
  "$LIMEN_BIN" figure per-op --out "$TMP/old.$ext" >/dev/null 2>&1 || fail "figure per-op .$ext failed"
  cp "$TMP/old.$ext" "$TMP/before.$ext"
  bash -c "trap '' XFSZ; ulimit -f 8; '$LIMEN_BIN' figure per-op --out '$TMP/old.$ext'" >/dev/null 2>"$TMP/err"
  rc=$?
  if [ "$rc" -eq 0 ]; then fail "figure .$ext cut short by a full disk: exit 0"
  elif ! grep -q "no whole" "$TMP/err"; then fail "figure .$ext cut short: $(head -c 200 "$TMP/err")"
  elif ! cmp -s "$TMP/old.$ext" "$TMP/before.$ext"; then fail "figure .$ext cut short: the old figure was replaced"
  elif ls "$TMP"/old.$ext.tmp.* >/dev/null 2>&1; then fail "figure .$ext cut short: temporary file left"
  else pass; fi
done
finish
