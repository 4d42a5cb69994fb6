#!/usr/bin/env bash
# Install rules, pkg-config file and exported CMake package: install the build into a
# temporary prefix, then build examples/brain_scale.c against it both ways and run it.
set -euo pipefail
build=$(dirname "$LIMEN_BIN")
src=$(cd "$LIMEN_TEST_DIR/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
fail=0
for f in bin/limen include/limen/limen.h share/limen/models.json share/limen/profiles.json \
         share/man/man1/limen.1; do
  [ -e "$tmp/prefix/$f" ] || { echo "FAIL: $f not installed"; fail=1; }
done
pcdir=$(dirname "$(find "$tmp/prefix" -name limen.pc | head -n1)")
[ -n "$pcdir" ] || { echo "FAIL: limen.pc not installed"; exit 1; }
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs --static limen)
# shellcheck disable=SC2086
cc -std=c17 -Wall -Wextra -Werror "$src/examples/brain_scale.c" $flags -o "$tmp/bs_pc"
out=$(LIMEN_DATA_DIR="$tmp/prefix/share/limen" "$tmp/bs_pc")
echo "$out" | grep -q '^landauer-adiabatic' || { echo "FAIL: pkg-config example output: $out"; fail=1; }
cmake -S "$src/examples" -B "$tmp/ex" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/ex" >/dev/null
out2=$(LIMEN_DATA_DIR="$tmp/prefix/share/limen" "$tmp/ex/brain_scale")
[ "$out" = "$out2" ] || { echo "FAIL: CMake-package example differs"; fail=1; }
LIMEN_DATA_DIR="$tmp/prefix/share/limen" "$tmp/prefix/bin/limen" models --format csv >/dev/null ||
  { echo "FAIL: installed limen cannot read its installed catalog"; fail=1; }
# a moved installation finds its own data next to its binary (no LIMEN_DATA_DIR): mark the
# moved catalog so that the output shows which copy was read
mv "$tmp/prefix" "$tmp/moved"
sed -i 's/"display": "GPT-3 175B"/"display": "GPT-3 175B (moved copy)"/' "$tmp/moved/share/limen/models.json"
moved=$(env -u LIMEN_DATA_DIR "$tmp/moved/bin/limen" models --format csv) ||
  { echo "FAIL: moved installation cannot read a catalog"; fail=1; }
echo "$moved" | grep -q 'GPT-3 175B (moved copy)' ||
  { echo "FAIL: moved installation did not read the catalog next to its binary"; fail=1; }
echo "$out"
if [ $fail -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
