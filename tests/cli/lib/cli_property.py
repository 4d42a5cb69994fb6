# SPDX-License-Identifier: GPL-3.0-or-later
"""A property of the whole command line: whatever values a user gives, limen either succeeds
with finite output (exit 0; no nan or inf in what it prints or writes) or refuses with exit 2
and one line on stderr that names an option of the command line as typed.  Each run draws a
command, one to three of its options (from the tool's own help: optlist.py) and for each a
value: valid, on or just past a boundary of its range, or hostile text; with a short
workload (few trajectories, steps or points) so that the runs are quick.

usage: cli_property.py LIMEN_BIN TMPDIR [RUNS [SEED]]
RUNS defaults to 300 times LIMEN_TEST_SCALE.  On failure it prints the seed, the run and the
command line, so that `limen ...` repeats it.
"""

import math
import os
import random
import re
import shlex
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optlist  # noqa: E402

HOSTILE = ["", " ", "nan", "-nan", "NaN", "inf", "-inf", "Infinity", "1e999", "-1e999", "1e-400", "4.9e-324", "0x10",
           "0", "-0", "-1", "1e308", "-1e308", "1,2", "abc", "1.5", "1e3s", "2ns", "9" * 400, "true", "null", "'",
           "%s%n", "\u0663", "1 2", "--", "-", "1e", ".", "+", "0.0.0", "10tau0"]

# The work a run does grows with these: their valid draws stay small (refusing a huge request is
# the business of limits on the work, not of this test).
WORK_CAP = {"trajectories": 2000, "tau": 200, "cells": 2000, "steps": 20, "scale": 0.05, "points": 20, "width": 800,
            "height": 800, "levels": 64, "bins": 200, "eval-every": 5, "batch": 64, "threads": 4, "lr-t0": 1e6,
            "hold": 1e-3, "window": 1e-3, "retention-time": 1e12}
WORK_FLOOR = {"dt": 1e-3}
NAN_INF = re.compile(r"(?<![A-Za-z_])-?(nan|inf|infinity)(?![A-Za-z_])", re.IGNORECASE)


def kinds(binary, cmd):
    """The positional kinds of a command's usage line ("<landauer|finite-time|...>")."""
    usage = optlist.run(binary, [cmd, "--help"]).stdout.splitlines()[0]
    m = re.search(r"<([a-z|-]+)>", usage)
    return m.group(1).split("|") if m else []


def draw_number(rng, o):
    lo, hi = o["lo"], o["hi"]
    cap, floor = WORK_CAP.get(o["name"]), WORK_FLOOR.get(o["name"])
    vhi = min(hi, cap) if cap is not None else hi
    vlo = max(lo, floor) if floor is not None else lo
    pick = rng.random()
    if pick < 0.5:  # valid: uniform in log or linear scale
        a = vlo if math.isfinite(vlo) else -1e6
        b = vhi if math.isfinite(vhi) else 1e6
        if a > 0 and b / a > 100:
            v = math.exp(rng.uniform(math.log(a), math.log(b)))
        else:
            v = rng.uniform(a, b)
        if o["whole"]:
            v = float(round(v))
        return "%.6g" % v if not o["whole"] else "%d" % v
    if pick < 0.75:  # on or just past a boundary (of a work option: the low end, or past the high)
        ends = [e for e in (lo, hi) if math.isfinite(e)]
        if cap is not None and math.isfinite(hi):
            return rng.choice(["%.17g" % lo, "%.17g" % (hi * 1.5 + 1)])
        e = rng.choice(ends) if ends else 0.0
        step = max(abs(e) * 1e-9, 1e-300) if not o["whole"] else 1
        return "%.17g" % rng.choice([e, e - step, e + step, math.nextafter(e, math.inf), math.nextafter(e, -math.inf)])
    return rng.choice(HOSTILE)


def draw_value(rng, o, tmp, run_no):
    if o["kind"] == "number":
        return draw_number(rng, o)
    if o["kind"] == "choice":
        r = rng.random()
        if r < 0.6:
            return rng.choice(o["choices"])
        if r < 0.8:  # a near miss
            c = rng.choice(o["choices"])
            return c[:-1] if len(c) > 1 else c + "x"
        return rng.choice(HOSTILE)
    if o["metavar"] == "DIR":
        # (a directory under a regular file is refused with exit 1 today: output paths are checked
        # by their own tests, not drawn here)
        return rng.choice([os.path.join(tmp, "out%d" % run_no), ""])
    if o["metavar"] == "FILE":
        return rng.choice([os.path.join(tmp, "missing.json"), os.path.join(tmp, "file"), "", tmp])
    return rng.choice(HOSTILE + ["x" * 70, "a,b", "time=1:2:3", "bits=0:1:2"])


def base(rng, binary, cmd, chosen, tmp, kind_cache):
    """The command's own arguments and a short workload, unless an option drawn replaces them."""
    if cmd not in kind_cache:
        kind_cache[cmd] = kinds(binary, cmd)
    args = [rng.choice(kind_cache[cmd])] if kind_cache[cmd] else []
    parts = {"sweep": [["--vary", "time=1e6:1e7:3"]],
             "figure": [["--out", os.path.join(tmp, "fig.svg")], ["--points", "5"]],
             "simulate": [["--protocol", rng.choice(["erasure", "erasure-optimal", "modulated-write", "static-write",
                                                     "hopping", "trap-linear", "trap-optimal", "stiffness-change",
                                                     "hold"])], ["--trajectories", "64"]],
             "validate": [["--check", "em-variance"], ["--scale", "0.01"]],
             "train": [["--task", rng.choice(["quadratic", "breast-cancer", "digits"])], ["--steps", "3"]]}
    for p in parts.get(cmd, []):
        if p[0][2:] not in chosen:
            args += p
    return args


def files_under(path):
    for root, _, names in os.walk(path):
        for n in names:
            yield os.path.join(root, n)


def judge(r, argv, out_dirs, names):
    """None when the run keeps the property, else what is wrong.  names: the command's options
    ("--bits"); a refusal may name one the user did not type when a default of it is what the
    values given cannot meet ("--time = 2592000 s: allowed range [4e+14, ...]")."""
    if argv[0] == "validate" and r.returncode == 1 and re.search(r"\d+ failed", r.stdout) and not r.stderr:
        return None  # a reference check failed at the drawn seed and scale: validate's own exit 1
    if r.returncode == 0:
        texts = [("stdout", r.stdout)]
        for d in out_dirs:
            for f in files_under(d):
                if f.endswith((".png", ".svg")):
                    continue
                with open(f, errors="replace") as fh:
                    texts.append((f, fh.read()))
        for where, t in texts:
            t = t.replace("{-inf}", "{}").replace("-> infinity", "->")  # a formula's limit, prose
            m = NAN_INF.search(t)
            if m:
                return "exit 0 with '%s' in %s: ...%s..." % (m.group(0), where, t[max(0, m.start() - 80):m.end() + 40])
        return None
    lines = r.stderr.splitlines()
    if r.returncode != 2:
        return "exit %d (expected 0 or 2): %s" % (r.returncode, r.stderr.strip()[:500])
    if len(lines) != 1 or r.stdout:
        return "exit 2 with %d stderr lines%s: %s" % (len(lines), " and stdout" if r.stdout else "", r.stderr[:500])
    given = [a for a in argv if a.startswith("--") and len(a) > 2] + [a for a in argv[1:2] if not a.startswith("-")]
    if not any(re.search(re.escape(g) + r"(?![a-z0-9-])", lines[0]) for g in given + names):
        return "exit 2 but the line names no option (given: %s): %s" % (" ".join(given), lines[0])
    if not lines[0].startswith("limen"):
        return "the line does not start with 'limen': " + lines[0]
    return None


def main():
    binary, tmp = sys.argv[1], sys.argv[2]
    scale = float(os.environ.get("LIMEN_TEST_SCALE", "1"))
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else max(20, int(300 * scale))
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 20261203
    rng = random.Random(seed)
    with open(os.path.join(tmp, "file"), "w") as f:
        f.write("not json\n")
    cmds = optlist.commands(binary)
    opts = {c: optlist.options(binary, c) for c in cmds}
    kind_cache, failures, n_ok, n_refused = {}, [], 0, 0
    for i in range(runs):
        cmd = rng.choice(cmds)
        chosen = {}
        for o in rng.sample(opts[cmd], k=min(len(opts[cmd]), rng.randint(1, 3))):
            chosen[o["name"]] = o
        argv = [cmd] + base(rng, binary, cmd, chosen, tmp, kind_cache)
        out_dirs = []
        for name, o in chosen.items():
            if o["kind"] == "flag":
                argv.append("--" + name)
                continue
            v = draw_value(rng, o, tmp, i)
            argv += ["--" + name, v]
            if o["metavar"] == "DIR":
                out_dirs.append(v)
        try:
            r = subprocess.run([binary] + argv, capture_output=True, text=True, timeout=60, errors="replace")
            names = ["--" + n for o in opts[cmd] for n in [o["name"]] + o["aliases"]]
            problem = judge(r, argv, [d for d in out_dirs if d and os.path.isdir(d)], names)
        except subprocess.TimeoutExpired:
            problem = "no answer within 60 s"
            r = None
        if problem:
            failures.append("seed %d run %d: limen %s\n  %s" % (seed, i, " ".join(shlex.quote(a) for a in argv), problem))
        elif r.returncode == 0:
            n_ok += 1
        else:
            n_refused += 1
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    print("cli_property: seed %d, %d runs: %d succeeded with finite output, %d refused naming an option, %d failed"
          % (seed, runs, n_ok, n_refused, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
