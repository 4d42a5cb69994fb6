#!/usr/bin/env bash
# limen figure: PNG, SVG and PDF files written, non-empty, whole, stdout clean; figure sweep and
# its errors; the experiment figures of limen train in every format.
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
png_whole() { png_ok "$1" && [ "$(tail -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "49454e44ae426082" ]; }
svg_whole() { head -c 100 "$1" | grep -q "<?xml\|<svg" && tail -c 20 "$1" | grep -q "</svg>" && grep -q "<text" "$1"; }
pdf_whole() { [ "$(head -c 5 "$1")" = "%PDF-" ] && tail -c 32 "$1" | grep -q "%%EOF"; }
# every kind in every format, by the extension and by --format
for k in projection tradeoff per-op; do
  for ext in svg pdf; do
    run figure "$k" --out "$TMP/$k.$ext" --points 12
    check test "$RC" -eq 0 "figure $k .$ext: exit $RC ($(head -c 300 "$TMP/err"))"
    check test "$(stat -c %s "$TMP/$k.$ext")" -gt 5000 "figure $k .$ext has content"
  done
  check svg_whole "$TMP/$k.svg" "figure $k: whole SVG with its text as <text>"
  check pdf_whole "$TMP/$k.pdf" "figure $k: whole PDF"
  check png_whole "$TMP/$k.png" "figure $k: whole PNG"
done
run figure per-op --out "$TMP/per-op-as.img" --format pdf --points 10
check test "$RC" -eq 0 "figure --format pdf: exit $RC"
check pdf_whole "$TMP/per-op-as.img" "--format pdf writes a PDF whatever the extension"
expect_usage "--out = '$TMP/x.eps': allowed extensions .png, .svg, .pdf" figure per-op --out "$TMP/x.eps"
expect_usage "--format" figure per-op --out "$TMP/x.png" --format jpeg
# figure sweep: any CSV of limen sweep, long and wide layouts, one or two swept inputs
"$LIMEN_BIN" sweep --vary params=1e6:1e12:5:log --vary bits=8:16:2 --format csv >"$TMP/pb.csv" || fail "sweep csv"
"$LIMEN_BIN" sweep --vary time=3600:3e9:6:log --layout wide >"$TMP/wide.csv" || fail "sweep wide csv"
for ext in png svg pdf; do
  run figure sweep --input "$TMP/pb.csv" --x params --out "$TMP/sweep.$ext"
  check test "$RC" -eq 0 "figure sweep .$ext: exit $RC ($(head -c 300 "$TMP/err"))"
  check test ! -s "$TMP/out" "figure sweep: stdout must stay empty"
done
check png_whole "$TMP/sweep.png" "figure sweep: whole PNG"
check svg_whole "$TMP/sweep.svg" "figure sweep: whole SVG"
check pdf_whole "$TMP/sweep.pdf" "figure sweep: whole PDF"
# the legend's text is text: "lim-matched, bits = 16" written as character references
check grep -q "&#x6c;&#x69;&#x6d;&#x2d;&#x6d;&#x61;&#x74;&#x63;&#x68;&#x65;&#x64;" "$TMP/sweep.svg" "SVG legend as text"
run figure sweep --input "$TMP/wide.csv" --x time --y lim-matched_J,landauer-adiabatic_J --out "$TMP/wide.png"
check test "$RC" -eq 0 "figure sweep wide layout: exit $RC ($(head -c 300 "$TMP/err"))"
expect_usage "--x = 'parms': no column 'parms' in '$TMP/pb.csv' (did you mean 'params'?)" figure sweep --input "$TMP/pb.csv" --x parms --out "$TMP/m.png"
expect_usage "--y = 'energy': no column 'energy'" figure sweep --input "$TMP/pb.csv" --x params --y energy --out "$TMP/m.png"
expect_usage "--x = 'paradigm': column 'paradigm' holds no numbers" figure sweep --input "$TMP/pb.csv" --x paradigm --out "$TMP/m.png"
expect_usage "--by = 'bitz': no column 'bitz'" figure sweep --input "$TMP/pb.csv" --x params --by bitz --out "$TMP/m.png"
expect_usage "--input: missing" figure sweep --x params --out "$TMP/m.png"
expect_usage "--x: missing" figure sweep --input "$TMP/pb.csv" --out "$TMP/m.png"
expect_usage "conflicting options: --paradigm does not apply to 'figure sweep'" figure sweep --input "$TMP/pb.csv" --x params --paradigm lim-matched --out "$TMP/m.png"
expect_usage "conflicting options: --input applies to 'figure sweep' only" figure projection --input "$TMP/pb.csv" --out "$TMP/m.png"
expect_usage "kind = 'swep' (did you mean 'sweep'?)" figure swep --out "$TMP/m.png"
run figure sweep --input "$TMP/missing.csv" --x params --out "$TMP/m.png"
check test "$RC" -eq 1 "figure sweep of a missing file: exit $RC (run-time failure)"
# the experiment figures in every format (--figure-format)
for ext in svg pdf; do
  run train --task maxcut-G1 --out "$TMP/g1-$ext" --figure-format "$ext" --steps 100
  check test "$RC" -eq 0 "train --figure-format $ext: exit $RC ($(head -c 300 "$TMP/err"))"
done
check svg_whole "$TMP/g1-svg/cut_vs_heat.svg" "train figure as SVG"
check pdf_whole "$TMP/g1-pdf/cut_vs_time.pdf" "train figure as PDF"
expect_usage "--figure-format: figures are drawn by --experiment and the Max-Cut tasks with --out only" train --task digits --figure-format pdf
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
# figure stays as it was: no truncated PNG, SVG or PDF is ever reported as written
for ext in png svg pdf; do
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
# --out DIR: the figure in every format and the manifest; --format picks one; a wrong extension
# is a file name refused, never a directory made
rm -rf "$TMP/figdir"
expect_ok_quiet() { run "$@"; if [ "$RC" -ne 0 ]; then fail "limen $*: exit $RC ($(head -c 300 "$TMP/err"))"; return 1; fi; pass; }
expect_ok_quiet figure per-op --out "$TMP/figdir"
for ext in png svg pdf; do check test -s "$TMP/figdir/per-op.$ext" "figure --out DIR: per-op.$ext"; done
check python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); sys.exit(0 if m["complete"] and sorted(f["name"] for f in m["files"]) == ["per-op-points.csv", "per-op-points.json", "per-op.pdf", "per-op.png", "per-op.svg"] else 1)' \
  "$TMP/figdir/manifest.json" "figure --out DIR: manifest lists the three figures and the two data files"
# the numbers behind the figure: every point of the three curves, plain-text labels, and the
# physics they draw, checked independently: (L) is ln 2 kT per bit at P_s = 1 at every tau,
# (FT) = ln 2 + B/tau lies above it and falls towards it as tau grows, (S) lies above (L)
check python3 - "$TMP/figdir/per-op-points.json" "$TMP/figdir/per-op-points.csv" <<'PY' "figure --out DIR: the points behind per-op"
import csv, json, math, sys
d = json.load(open(sys.argv[1]))
rows = [r for r in csv.DictReader(l for l in open(sys.argv[2]) if not l.startswith("#"))]
by = {}
for p in d["points"]:
    by.setdefault(p["series"], []).append(p)
L, FT, S = by["(L) Landauer e_L(P_s)"], by["(FT) e_L + B/τ"], by["(S) static write"]
ok = d["x_label"] == "operation time τ [s]" and d["x_scale"] == "log" and "provenance" in d
ok &= len(rows) == len(d["points"]) == len(L) + len(FT) + len(S) and len(L) > 10
ok &= all(abs(p["y"] - math.log(2)) <= 1e-9 for p in L)
ok &= all(f["x"] == l["x"] and f["y"] > l["y"] for f, l in zip(FT, L))
ok &= all(FT[i + 1]["y"] < FT[i]["y"] for i in range(len(FT) - 1))
ok &= all(s["y"] is None or s["y"] > math.log(2) for s in S)
ok &= all(float(r["x"]) == p["x"] for r, p in zip(rows, d["points"]))
sys.exit(0 if ok else 1)
PY
expect_ok_quiet figure projection --out "$TMP/figdir2/" --format svg
check test "$(ls "$TMP/figdir2" | tr '\n' ' ')" = "manifest.json projection-points.csv projection-points.json projection.svg " \
  "figure --out DIR --format svg: one figure and its data"
# a sweep's figure into the sweep's own directory keeps the input (its data is sweep-points.*)
"$LIMEN_BIN" sweep --vary bits=4:16:4 --out "$TMP/sw" --format csv >/dev/null || fail "sweep --out"
cp "$TMP/sw/sweep.csv" "$TMP/sweep-before.csv"
expect_ok_quiet figure sweep --input "$TMP/sw/sweep.csv" --x bits --out "$TMP/sw"
check cmp -s "$TMP/sw/sweep.csv" "$TMP/sweep-before.csv" "figure sweep --out DIR: the input sweep.csv kept"
check test -s "$TMP/sw/sweep-points.csv" "figure sweep --out DIR: sweep-points.csv"
expect_usage "--out" figure per-op --out "$TMP/fig.jpg"
check test ! -e "$TMP/fig.jpg" "figure --out fig.jpg: nothing made"
finish
