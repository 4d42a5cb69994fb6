#!/usr/bin/env bash
# Energies with a unit: every option in kT also takes J, eV, kTln2 and kWh, converted at the
# command's temperature (--temperature, or its default); the kT expected here is computed
# independently from the exact SI constants (k_B = 1.380649e-23 J/K, e = 1.602176634e-19 C).
source "$(dirname "$0")/lib/common.bash"

# kt_is ARGS -- EXPECTED: limen bound mfpt ARGS --format json reports barrier_kT = EXPECTED (1e-9)
kt_is() {
  local expected=$1
  shift
  expect_ok bound mfpt "$@" --format json || return
  check json_py "abs(d['inputs']['barrier_kT'] - $expected) <= 1e-9 * $expected" "bound mfpt $*: barrier $expected kT"
}
kB=1.380649e-23
eV=1.602176634e-19
kt_is "$(python3 -c "print(2.0709735e-20 / ($kB * 300))")" --barrier 2.0709735e-20J
kt_is "$(python3 -c "print(2.0709735e-20 / ($kB * 150))")" --barrier 2.0709735e-20J --temperature 150
kt_is "$(python3 -c "print(0.1 * $eV / ($kB * 300))")" --barrier 0.1eV
kt_is "$(python3 -c "import math; print(3 * math.log(2))")" --barrier 3kTln2
kt_is 5 --barrier 5kT
kt_is 5 --barrier 5
# the temperature given after the energy counts too
kt_is "$(python3 -c "print(0.1 * $eV / ($kB * 600))")" --barrier 0.1eV --temperature 600
# simulate and train take them alike; the range is checked in kT and the message shows both
expect_usage "--barrier = '5J' (= 1.20716e+21 kT at 300 K): allowed range (0, 10000] kT" \
  simulate --protocol erasure --barrier 5J
expect_usage "--barrier = '1e-20J' (= 2.41432 kT at 300 K): allowed range [3, 300] kT" \
  train --task breast-cancer --paradigm lim-matched --barrier 1e-20J --steps 3
expect_usage "--barrier = '2e-20furlong': not a number" bound mfpt --barrier 2e-20furlong
# a configuration file holds energies in kT (a number, or a string ending in kT)
echo '{"barrier": "2e-20J"}' >"$TMP/c.json"
expect_usage "barrier = '2e-20J': an energy in J needs the temperature here: give it in kT" \
  bound mfpt --config "$TMP/c.json"
finish
