#!/bin/sh
# Install what is missing (Debian 12, as root), then configure and build limen in ./build.
set -eu
cd "$(dirname "$0")/.."
PKGS="build-essential cmake ninja-build pkg-config libgsl-dev libcjson-dev libplplot-dev \
plplot-driver-cairo libcriterion-dev libopenmpi-dev openmpi-bin python3 python3-numpy \
clang libomp-dev"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build
