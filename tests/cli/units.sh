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
# a configuration file takes the same units (a string), converted at the temperature of the
# command line, the file, or the default
echo '{"barrier": "0.1eV"}' >"$TMP/c.json"
kt_is "$(python3 -c "print(0.1 * $eV / ($kB * 300))")" --config "$TMP/c.json"
kt_is "$(python3 -c "print(0.1 * $eV / ($kB * 150))")" --config "$TMP/c.json" --temperature 150
echo '{"barrier": "0.1eV", "temperature": 600}' >"$TMP/c.json"
kt_is "$(python3 -c "print(0.1 * $eV / ($kB * 600))")" --config "$TMP/c.json"
echo '{"barrier": "1e3eV"}' >"$TMP/c.json"
expect_usage "--config '$TMP/c.json': barrier = '1e3eV' (= 38681.7 kT at 300 K): allowed range (0, 10000] kT" \
  bound mfpt --config "$TMP/c.json"

# Durations: a bare number is in seconds in every command (simulate included); `tau0` counts
# cell time where the command has a --tau0, converted with it (given or default 1 ns)
tau_is() { # tau_is EXPECTED_S ARGS: limen bound finite-time ARGS reports tau_s = EXPECTED_S
  local expected=$1
  shift
  expect_ok bound finite-time "$@" --format json || return
  check json_py "abs(d['inputs']['tau_s'] - $expected) <= 1e-12 * $expected" "bound finite-time $*: tau $expected s"
}
tau_is 1e-6 --tau 1e-6
tau_is 1e-6 --tau 1us
tau_is 1e-6 --tau 1000tau0
tau_is 2e-6 --tau 1000tau0 --tau0 2ns
tau_is 2e-6 --tau0 2ns --tau 1000tau0
echo '{"tau": "1000tau0", "tau0": 3e-9}' >"$TMP/c.json"
tau_is 3e-6 --config "$TMP/c.json"
expect_usage "--tau = '1e30tau0' (= 1e+21 s at tau0 = 1e-09 s): allowed range (0, 1e+12] s" \
  bound finite-time --tau 1e30tau0
expect_usage "--tau0 = '3tau0': a duration in tau0 needs the cell's tau0" project --tau0 3tau0
# sweep: the grid's ends in the option's units, cell time converted with --tau0 (or its default)
expect_ok sweep --vary write-time=100tau0:1000tau0:2 --tau0 2ns --paradigm cim-static --format csv
check test "$(csv_body "$TMP/out" | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" = "2e-07 2e-06 " \
  "sweep --vary write-time=100tau0:1000tau0:2 --tau0 2ns: 2e-7 and 2e-6 s"
expect_ok sweep --vary time=1d:3d:2 --paradigm landauer-adiabatic --format csv
check test "$(csv_body "$TMP/out" | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" = "86400 259200 " "sweep --vary time=1d:3d:2"
# simulate: the same rule; the run counts in tau0, so 2e-8 s is 20 tau0 and 20tau0 is 2e-8 s
expect_ok simulate --protocol erasure --trajectories 64 --tau 2e-8 --dt 2e-12 --format json
run_facts_free "$TMP/out" >"$TMP/sec.json"
expect_ok simulate --protocol erasure --trajectories 64 --tau 20tau0 --dt 2e-3tau0 --format json
check json_py "d['duration_tau0'] == 20 and d['dt_tau0'] == 2e-3 and d['duration_s'] == 2e-8" \
  "simulate --tau 20tau0 --dt 2e-3tau0: the run's tau is 20 tau0 = 2e-8 s and dt 2e-3 tau0"
run_facts_free "$TMP/out" >"$TMP/tau0.json"
check cmp -s "$TMP/sec.json" "$TMP/tau0.json" "simulate: --tau 2e-8 --dt 2e-12 is --tau 20tau0 --dt 2e-3tau0"

# a bare number meant as cell time is caught by the work cap, which says so
expect_usage "(--tau 20 is in seconds; cell time takes the unit: --tau 20tau0)" simulate --protocol erasure --tau 20
finish
