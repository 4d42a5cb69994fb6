#!/bin/sh
# Install what is missing (Debian 12, as root), then configure and build limen in ./build, and
# install the Python package limen alone (no C files: it loads this build's liblimen.so).
set -eu
cd "$(dirname "$0")/.."
PKGS="build-essential cmake ninja-build pkg-config libgsl-dev libcjson-dev libplplot-dev \
plplot-driver-cairo libcriterion-dev libopenmpi-dev openmpi-bin python3 python3-numpy \
python3-cffi python3-pandas python3-pytest clang libomp-dev"
# shellcheck disable=SC2086
./scripts/apt-missing.sh $PKGS
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
# The Python package only (its CMake component: pure Python, no library, header or tool installed
# system-wide), where Debian's python3 finds it; it loads build/liblimen.so (docs/python.md).
if cmake --install build --component python >/dev/null 2>&1; then
  echo "setup: Python package limen installed (/usr/bin/python3 -c 'import limen')"
else
  echo "setup: Python package limen not installed (no write access?): run 'cmake --install build --component python'"
  echo "       as root, or see docs/python.md (pip install ./python)"
fi
