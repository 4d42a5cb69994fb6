#!/usr/bin/env bash
# Building against an uninstalled build tree: its limen.pc (PKG_CONFIG_PATH=<build>) and its
# limenConfig.cmake (limen_DIR=<build>), each for a shared and a static link of
# examples/brain_scale.c; every program runs and prints the same projection.
set -euo pipefail
build=$(cd "$(dirname "$LIMEN_BIN")" && pwd)
src=$(cd "$LIMEN_TEST_DIR/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
export PKG_CONFIG_PATH="$build"
[ "$(pkg-config --variable=libdir limen)" = "$build" ] || { echo "FAIL: build-tree limen.pc libdir"; fail=1; }
[ "$(pkg-config --variable=includedir limen)" = "$src/include" ] || { echo "FAIL: build-tree limen.pc includedir"; fail=1; }
# shared: pkg-config --libs alone (the shared library brings GSL, cJSON, PLplot, OpenMP)
# shellcheck disable=SC2046
cc -std=c17 -Wall -Wextra -Werror "$src/examples/brain_scale.c" $(pkg-config --cflags --libs limen) -o "$tmp/pc_shared"
# (ldd's output captured first: under pipefail, `ldd | grep -q` fails when grep exits early)
needs() { local deps; deps=$(ldd "$1"); grep -q "liblimen.so" <<<"$deps"; }
needs "$tmp/pc_shared" || { echo "FAIL: pkg-config shared link has no liblimen.so"; fail=1; }
out=$(LD_LIBRARY_PATH="$build" "$tmp/pc_shared")
echo "$out" | grep -q '^landauer-adiabatic' || { echo "FAIL: pkg-config shared example output: $out"; fail=1; }
# static: liblimen.a (-l:liblimen.a) with --static's Requires.private and Libs.private
static_flags=$(pkg-config --cflags --static --libs limen | sed 's/-llimen\b/-l:liblimen.a/')
# shellcheck disable=SC2086
cc -std=c17 -Wall -Wextra -Werror "$src/examples/brain_scale.c" $static_flags -o "$tmp/pc_static"
if needs "$tmp/pc_static"; then echo "FAIL: static link still needs liblimen.so"; fail=1; fi
[ "$("$tmp/pc_static")" = "$out" ] || { echo "FAIL: pkg-config static example differs"; fail=1; }
# the build tree's CMake package: limen::limen (shared) and limen::static
for kind in shared static; do
  cmake -S "$src/examples" -B "$tmp/ex_$kind" -G Ninja -Dlimen_DIR="$build" -DLIMEN_EXAMPLE_LINK="$kind" >/dev/null
  cmake --build "$tmp/ex_$kind" >/dev/null
  [ "$("$tmp/ex_$kind/brain_scale")" = "$out" ] || { echo "FAIL: CMake build-tree example ($kind) differs"; fail=1; }
done
if needs "$tmp/ex_static/brain_scale"; then echo "FAIL: limen::static links liblimen.so"; fail=1; fi
echo "$out"
if [ $fail -eq 0 ]; then echo "1 passed, 0 failed"; else echo "0 passed, 1 failed"; exit 1; fi
