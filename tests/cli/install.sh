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
# the shared library exports the API and nothing else
so=$(find "$tmp/prefix" -name 'liblimen.so.*' -type f | head -n1)
[ -n "$so" ] || { echo "FAIL: liblimen.so not installed"; exit 1; }
[ -n "$(find "$tmp/prefix" -name liblimen.a)" ] || { echo "FAIL: liblimen.a not installed"; fail=1; }
stray=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^limen_' || true)
[ -z "$stray" ] || { echo "FAIL: liblimen.so exports non-API symbols: $stray"; fail=1; }
# pkg-config: no --static needed, the shared library brings its own dependencies
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs limen)
# shellcheck disable=SC2086
cc -std=c17 -Wall -Wextra -Werror "$src/examples/brain_scale.c" $flags -o "$tmp/bs_pc"
out=$(LD_LIBRARY_PATH="$(dirname "$so")" LIMEN_DATA_DIR="$tmp/prefix/share/limen" "$tmp/bs_pc")
echo "$out" | grep -q '^landauer-adiabatic' || { echo "FAIL: pkg-config example output: $out"; fail=1; }
# a static link: liblimen.a with --static's Requires.private and Libs.private
static_flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --static --libs limen | sed 's/-llimen\b/-l:liblimen.a/')
# shellcheck disable=SC2086
cc -std=c17 -Wall -Wextra -Werror "$src/examples/brain_scale.c" $static_flags -o "$tmp/bs_pc_static"
[ "$(LIMEN_DATA_DIR="$tmp/prefix/share/limen" "$tmp/bs_pc_static")" = "$out" ] ||
  { echo "FAIL: pkg-config static example differs"; fail=1; }
# the exported CMake package: limen::limen (shared) and limen::static
for kind in shared static; do
  cmake -S "$src/examples" -B "$tmp/ex_$kind" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
        -DLIMEN_EXAMPLE_LINK="$kind" >/dev/null
  cmake --build "$tmp/ex_$kind" >/dev/null
  out2=$(LIMEN_DATA_DIR="$tmp/prefix/share/limen" "$tmp/ex_$kind/brain_scale")
  [ "$out" = "$out2" ] || { echo "FAIL: CMake-package example ($kind) differs"; fail=1; }
done
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
