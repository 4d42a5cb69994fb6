#!/bin/sh
# Install those of the given Debian packages that are missing (apt-get, as root).  Used by
# setup.sh (what limen needs) and test.sh (what the tests need besides: PyTorch, scikit-learn
# and matplotlib for the Python example).
set -eu
missing=""
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
fi
