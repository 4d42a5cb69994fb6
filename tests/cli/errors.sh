#!/usr/bin/env bash
# Every bad-input path of project, bound, sweep, figure, models and profiles (and the stray
# arguments of every command): exit status 2, nothing on stdout, one line on stderr naming the
# offending option or input.
source "$(dirname "$0")/lib/common.bash"

# ---- numbers: negative, zero, NaN, inf, overflow, garbage, out of range -----------------
for v in -3 0 nan NaN inf -inf 1e999 abc "" 12x; do
  expect_usage "--temperature" project --temperature "$v"
done
expect_usage "--bits" project --bits 65
expect_usage "--bits" project --bits 0.5
expect_usage "--time" project --time -1
expect_usage "--params" project --params 0 --tokens 1e9
expect_usage "--tokens" project --params 1e9 --tokens -5
expect_usage "--flops" project --flops 1e61
expect_usage "--tau0" project --tau0 2
expect_usage "--success" project --success 0.3
expect_usage "--retention-fail" project --retention-fail 0
expect_usage "--write-fail" project --write-fail 0.7
expect_usage "--batch-tokens" project --batch-tokens 0
expect_usage "--batch-tokens" project --params 1e9 --tokens 1e6 --batch-tokens 1e7
expect_usage "--tokens" project --params 1e9 --tokens 10
expect_usage "--lr-eta0" project --lr-eta0 11
expect_usage "--parallel-cells" project --parallel-cells 0.5
# valid ranges, but a combination no cell can serve: rejected as bad input, naming the paradigm
expect_usage "cim-static" project --time 1e-30

# ---- names ----------------------------------------------------------------------------
expect_usage "--model" project --model no-such-model
# near misses are suggested
expect_usage "--model = 'llama3-70b': unknown model (did you mean 'llama-3-70b'?)" project --model llama3-70b
expect_usage "(did you mean '--temperature'?" project --temprature 300
expect_usage "(did you mean 'lim-matched'?)" project --paradigm lim-mached
expect_usage "--paradigm" project --paradigm no-such-paradigm
expect_usage "--paradigm" project --paradigm accelerator:no-such-profile
expect_usage "--paradigm" project --paradigm landauer-adiabatic,landauer-adiabatic
# many list items: linear memory, and a bound on the list (at most 256 paradigms)
many=$(python3 -c 'print(",".join("accelerator:h100" if i == 0 else f"cim-static:{i}" for i in range(300)))')
expect_usage "--paradigm: 300 paradigms given; allowed at most 256" project --paradigm "$many"
expect_usage "--ops" project --ops per-byte
expect_usage "--lr-schedule" project --lr-schedule linear
expect_usage "--format" project --format xml
expect_usage "--frobnicate" project --frobnicate 1
expect_usage "--temperature" project --temperature
expect_usage "unexpected argument" project extra

# ---- conflicting flags ------------------------------------------------------------------
expect_usage "--model" project --model gpt-3 --params 1e9 --tokens 1e9
expect_usage "--params" project --params 1e9
expect_usage "--name = 'x': labels a custom workload" project --name x
expect_usage "--vary" sweep --vary bits=1:16:4 --bits 8
expect_usage "--tau" bound landauer --tau 1e-6
expect_usage "--levels" bound kramers --levels 4
expect_usage "--paradigm" figure per-op --out "$TMP/x.png" --paradigm landauer-adiabatic
expect_usage "--params" figure projection --out "$TMP/x.png" --params 1e9 --tokens 1e9

# ---- config file ------------------------------------------------------------------------
printf '{"temperature": -1}' >"$TMP/neg.json"
expect_usage "temperature" project --config "$TMP/neg.json"
printf '{"temperatur": 300}' >"$TMP/unknown.json"
expect_usage "unknown key 'temperatur'" project --config "$TMP/unknown.json"
printf '{"temperature": 300,' >"$TMP/broken.json"
expect_usage "malformed JSON" project --config "$TMP/broken.json"
printf '{"temperature": 1e999}' >"$TMP/overflow.json"
expect_usage "overflows a double" project --config "$TMP/overflow.json"
printf '{"bits": "sixteen"}' >"$TMP/type.json"
expect_usage "bits" project --config "$TMP/type.json"
printf '{"bits": true}' >"$TMP/bool.json"
expect_usage "bits" project --config "$TMP/bool.json"
printf '[1, 2]' >"$TMP/array.json"
expect_usage "JSON object" project --config "$TMP/array.json"
printf '{"bits": 8, "bits": 4}' >"$TMP/dup.json"
expect_usage "twice" project --config "$TMP/dup.json"
expect_usage "--config" project --config "$TMP/does-not-exist.json"
# a broken value in the file is reported even when a flag overrides it
expect_usage "temperature" project --config "$TMP/neg.json" --temperature 300

# ---- bound --------------------------------------------------------------------------------
expect_usage "kind" bound
expect_usage "kind" bound no-such-bound
expect_usage "kind" bound landauer finite-time
expect_usage "--barrier" bound finite-time --barrier -5
expect_usage "--barrier" bound finite-time --barrier 1e5
expect_usage "--success" bound landauer --success 1.5
expect_usage "--tau" bound finite-time --tau 0
expect_usage "--write-fail" bound static-write --failure 0.9
expect_usage "--rate-dt" bound hop --rate-dt 0
expect_usage "--move" bound hop --move -1
expect_usage "--well" bound kramers --well triple
expect_usage "--levels" bound mfpt --well washboard --levels 1
expect_usage "--format" bound landauer --format xml
expect_usage "--tilt" bound kramers --tilt 200
expect_usage "--tilt" bound mfpt --well washboard --barrier 3 --tilt -10

# ---- sweep ----------------------------------------------------------------------------------
expect_usage "--vary" sweep
expect_usage "--vary" sweep --vary bits=1:2
expect_usage "--vary" sweep --vary nothing=1:2:3
expect_usage "--bits" sweep --vary bits=0:16:3
expect_usage "POINTS" sweep --vary bits=1:16:0
expect_usage "logarithmic" sweep --vary bytes-per-flop=0:1:3:log
expect_usage "--vary" sweep --vary bits=1:2:2 --vary time=1:2:2 --vary tau0=1e-9:1e-8:2
expect_usage "--vary" sweep --vary bits=1:2:2 --vary bits=3:4:2
expect_usage "--vary" sweep --vary bits=1:16:1000 --vary time=1:10:1000
expect_usage "--format" sweep --vary bits=1:2:2 --format tsv

# ---- figure --------------------------------------------------------------------------------
expect_usage "kind" figure --out "$TMP/x.png"
expect_usage "kind" figure no-such-figure --out "$TMP/x.png"
expect_usage "--out" figure projection
expect_usage "--out" figure projection --out "$TMP/x.gif"
expect_usage "--xmax" figure per-op --out "$TMP/x.png" --xmin 1 --xmax 0.1
expect_usage "--xmin = 0.5: allowed range [1, 1e+30]" figure projection --out "$TMP/x.png" --xmin 0.5
expect_usage "--xmax = 1e+40: allowed range [1, 1e+30]" figure projection --out "$TMP/x.png" --xmax 1e40
expect_usage "--points" figure per-op --out "$TMP/x.png" --points 1
check test ! -e "$TMP/x.png" "failed figure runs must not leave a file"

# ---- models / profiles ------------------------------------------------------------------------
expect_usage "--format" models --format xml
expect_usage "--format" profiles --format yaml
expect_usage "unexpected argument" models gpt-3

# ---- a stray argument, every command that takes none (the shared command frame) -----------------
expect_usage "unexpected argument 'extra'" profiles extra
expect_usage "unexpected argument 'extra'" sweep extra --vary bits=1:2:2
expect_usage "unexpected argument 'extra'" simulate extra --protocol erasure
expect_usage "unexpected argument 'extra'" validate extra
expect_usage "unexpected argument 'extra'" train extra
# ... and a bad option reported before it
expect_usage "--bogus" train extra --bogus
expect_usage "--format" models extra --format xml

# ---- top level --------------------------------------------------------------------------------
expect_usage "unknown command" no-such-command

finish
