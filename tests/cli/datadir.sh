#!/usr/bin/env bash
# LIMEN_DATA_DIR holding only some data files: each file falls back on its own to the next place
# of the lookup order (include/limen/datafile.h), so a directory with only models.json works for
# every command (it failed with "profiles.json not found").
source "$(dirname "$0")/lib/common.bash"
DATA="$LIMEN_TEST_DIR/../data"
mkdir -p "$TMP/only_models"
sed 's/"display": "GPT-3 175B"/"display": "GPT-3 175B (own copy)"/' "$DATA/models.json" >"$TMP/only_models/models.json"
export LIMEN_DATA_DIR="$TMP/only_models"
expect_ok models --format csv
check grep -q 'GPT-3 175B (own copy)' "$TMP/out" "models.json read from LIMEN_DATA_DIR"
expect_ok profiles --format csv
check grep -q 'h100' "$TMP/out" "profiles.json found beside it (not in LIMEN_DATA_DIR)"
expect_ok project --model gpt-3 --format json
check json_py 'len(d) > 0' "project with a LIMEN_DATA_DIR holding only models.json"
# an empty LIMEN_DATA_DIR: every file from the built-in location
mkdir -p "$TMP/empty"
LIMEN_DATA_DIR="$TMP/empty" expect_ok models --format csv
check grep -q '^gpt-3,GPT-3 175B,' "$TMP/out" "empty LIMEN_DATA_DIR: limen's own catalog"
finish
