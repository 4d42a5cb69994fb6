#!/usr/bin/env python3
"""Compare a limen output (JSON or CSV) with a golden file, numbers to a relative tolerance.

usage: golden_compare.py GOLDEN ACTUAL [--rel 1e-9] [--ignore KEY]...
Strings must match exactly; numbers must agree to `rel` relative (or 1e-300 absolute).
JSON object members named KEY (any depth) are not compared (e.g. free-text "assumptions").
The provenance record (which limen, command, time, data files) differs from run to run: the
actual output must carry it (a root member "provenance"; CSV: '#' comment lines first), and it
is left out of the comparison.
Exit 0 when equal, 1 with the first differences listed otherwise."""
import csv
import io
import json
import math
import sys


def close(a, b, rel):
    if a == b:
        return True
    if math.isnan(a) and math.isnan(b):
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b)) or abs(a - b) < 1e-300


def as_number(s):
    try:
        return float(s)
    except ValueError:
        return None


IGNORE = set()


def cmp_json(g, a, path, rel, out):
    if isinstance(g, bool) or isinstance(a, bool):
        if g != a:
            out.append(f"{path}: {g!r} != {a!r}")
    elif isinstance(g, (int, float)) and isinstance(a, (int, float)):
        if not close(float(g), float(a), rel):
            out.append(f"{path}: {g!r} != {a!r}")
    elif isinstance(g, dict) and isinstance(a, dict):
        if list(g.keys()) != list(a.keys()):
            out.append(f"{path}: keys {list(g.keys())} != {list(a.keys())}")
        for k in g:
            if k in a and k not in IGNORE:
                cmp_json(g[k], a[k], f"{path}.{k}", rel, out)
    elif isinstance(g, list) and isinstance(a, list):
        if len(g) != len(a):
            out.append(f"{path}: length {len(g)} != {len(a)}")
        for i, (x, y) in enumerate(zip(g, a)):
            cmp_json(x, y, f"{path}[{i}]", rel, out)
    elif g != a:
        out.append(f"{path}: {g!r} != {a!r}")


def cmp_csv(g, a, rel, out):
    gr = list(csv.reader(io.StringIO(g)))
    ar = list(csv.reader(io.StringIO(a)))
    if len(gr) != len(ar):
        out.append(f"rows {len(gr)} != {len(ar)}")
    for i, (x, y) in enumerate(zip(gr, ar)):
        if len(x) != len(y):
            out.append(f"row {i + 1}: {len(x)} cells != {len(y)}")
            continue
        for j, (u, v) in enumerate(zip(x, y)):
            nu, nv = as_number(u), as_number(v)
            if nu is not None and nv is not None:
                if not close(nu, nv, rel):
                    out.append(f"row {i + 1} col {j + 1}: {u} != {v}")
            elif u != v:
                out.append(f"row {i + 1} col {j + 1}: {u!r} != {v!r}")


def main():
    args = sys.argv[1:]
    rel = 1e-9
    if "--rel" in args:
        k = args.index("--rel")
        rel = float(args[k + 1])
        del args[k:k + 2]
    while "--ignore" in args:
        k = args.index("--ignore")
        IGNORE.add(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0]) as f:
        golden = f.read()
    with open(args[1]) as f:
        actual = f.read()
    out = []
    if args[0].endswith(".json"):
        try:
            g, a = json.loads(golden), json.loads(actual)
            if not isinstance(a, dict) or not isinstance(a.pop("provenance", None), dict):
                out.append("no provenance record at the root")
            if isinstance(g, dict):
                g.pop("provenance", None)
            cmp_json(g, a, "$", rel, out)
        except json.JSONDecodeError as e:
            out.append(f"invalid JSON: {e}")
    else:
        if not actual.startswith("# limen "):
            out.append("no provenance comment lines at the top")
        body = lambda t: "".join(l for l in t.splitlines(True) if not l.startswith("#"))
        cmp_csv(body(golden), body(actual), rel, out)
    for line in out[:20]:
        print(f"{args[0]}: {line}", file=sys.stderr)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
