#!/bin/sh
# run.sh TARGET CORPUS RUNS SECONDS ARTIFACT_PREFIX [libFuzzer options...]
# One fuzz target over a temporary copy of its seed corpus (new inputs go to the copy, never to
# the repository), for RUNS inputs or SECONDS seconds, whichever comes first; 10 s per input at
# most.  A failing input is kept as ARTIFACT_PREFIX<kind>-<sha1>.  Exit status: the target's.
set -eu
target=$1 corpus=$2 runs=$3 seconds=$4 prefix=$5
shift 5
work=$(mktemp -d "${TMPDIR:-/tmp}/limen-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp -R "$corpus/." "$work/"
mkdir -p "$(dirname "$prefix")"
"$target" -runs="$runs" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$prefix" "$@" "$work"
