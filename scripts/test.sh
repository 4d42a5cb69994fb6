#!/bin/sh
# The whole test suite: the release build's tests (every label, the long statistical runs at
# a reduced size when CI=true), then the same tests under AddressSanitizer + UBSan, then the
# threaded ones (label "threads") under ThreadSanitizer (Clang, LLVM's OpenMP and Archer), then
# the libFuzzer targets of every parser (label "fuzz", Clang, ASan + UBSan).
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
# what the tests need besides the build: the Python example's PyTorch, scikit-learn, matplotlib
./scripts/apt-missing.sh python3-torch python3-sklearn python3-matplotlib
if [ "${CI:-}" = "true" ]; then export LIMEN_TEST_SCALE="${LIMEN_TEST_SCALE:-0.25}"; fi
echo "== release build: all tests (LIMEN_TEST_SCALE=${LIMEN_TEST_SCALE:-1})"
ctest --test-dir build --output-on-failure -j "$jobs"
echo "== sanitizer build (ASan + UBSan): unit and CLI tests"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLIMEN_SANITIZE=ON -DLIMEN_BUILD_BENCH=OFF
cmake --build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LIMEN_TEST_SCALE=0.1 ctest --test-dir build-asan --output-on-failure -j "$jobs" -LE long
echo "== ThreadSanitizer build (Clang): the threaded tests"
CC=clang cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLIMEN_TSAN=ON -DLIMEN_BUILD_BENCH=OFF
cmake --build build-tsan --target limen_cli threads_check
LIMEN_TEST_SCALE=0.1 ctest --test-dir build-tsan --output-on-failure -j "$jobs" -L threads
echo "== fuzz targets (Clang, libFuzzer + ASan + UBSan), 200000 runs each, at most 20 s a target (about 1.5 min in all on 2 cores)"
CC=clang cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DLIMEN_FUZZ=ON -DLIMEN_BUILD_BENCH=OFF \
  -DLIMEN_BUILD_TESTS=OFF -DLIMEN_MPI=OFF -DLIMEN_FUZZ_RUNS=200000 -DLIMEN_FUZZ_SECONDS=20
cmake --build build-fuzz --target limen_fuzz
ctest --test-dir build-fuzz -L fuzz --output-on-failure -j "$jobs"
