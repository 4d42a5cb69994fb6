# SPDX-License-Identifier: GPL-3.0-or-later
"""Every option of every command, from the tool's own help (optlist.py), given a value it must
refuse: a number option a value outside its range, a choice option an unknown value; the same
values as --config keys.  Each must exit 2 with exactly one line on stderr that names the
option as typed ("--bits", or the key as written in the file) and nothing on stdout.  Prints
the options covered and the ones skipped, with why.

usage: options_walk.py LIMEN_BIN TMPDIR
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optlist  # noqa: E402

# Options that take a file, a directory or a free label have no value out of range: their
# refusals (missing or malformed files, bad paths) are in errors.sh, catalog.sh, figure.sh, ...
FREE_TEXT = {"FILE": "a file: its refusals are in errors.sh, catalog.sh, simulate.sh",
             "DIR": "a directory: its refusals are in errors.sh and the commands' tests",
             "LABEL": "any label of 1 to 63 characters is allowed (errors.sh refuses empty and long ones)"}


def context(cmd, opt, tmp):
    """What a command needs before it looks its options up (its kind, --vary, --out), unless
    that is the option under test."""
    ctx = {"sweep": [["--vary", "time=1e6:1e7:2"]], "figure": [["projection"], ["--out", os.path.join(tmp, "x.png")]]}
    return [a for part in ctx.get(cmd, []) if part[0] != "--" + opt for a in part]


def check(binary, args, needle, failures):
    r = optlist.run(binary, args)
    lines = r.stderr.splitlines()
    problems = []
    if r.returncode != 2:
        problems.append("exit %d, expected 2" % r.returncode)
    if r.stdout:
        problems.append("stdout not empty")
    if len(lines) != 1:
        problems.append("%d stderr lines, expected 1" % len(lines))
    elif needle not in lines[0]:
        problems.append("stderr does not name %r" % needle)
    if problems:
        failures.append("limen %s: %s: %s" % (" ".join(args), "; ".join(problems), r.stderr.strip()[:400]))
    return not problems


def main():
    binary, tmp = sys.argv[1], sys.argv[2]
    failures, covered, skipped = [], [], []
    for cmd in optlist.commands(binary):
        for o in optlist.options(binary, cmd):
            if o["kind"] == "number":
                bad = optlist.out_of_range(o)
            elif o["kind"] == "choice" or (o["kind"] == "text" and o["metavar"] not in FREE_TEXT):
                bad = "no-such-value"  # a choice, or a name or list the library looks up
            else:
                skipped.append("%s --%s (%s)" % (cmd, o["name"], "a flag: takes no value" if o["kind"] == "flag"
                                                  else FREE_TEXT[o["metavar"]]))
                continue
            ok = check(binary, [cmd] + context(cmd, o["name"], tmp) + ["--" + o["name"], bad], "--" + o["name"], failures)
            cfg = os.path.join(tmp, "walk.json")
            with open(cfg, "w") as f:  # a number as JSON text, so that the key's own check reads it
                json.dump({o["name"]: float(bad) if o["kind"] == "number" and bad != "1e999" else bad}, f)
            ok = check(binary, [cmd] + context(cmd, o["name"], tmp) + ["--config", cfg], o["name"], failures) and ok
            covered.append("%s --%s %s%s" % (cmd, o["name"], bad, "" if ok else " FAILED"))
    print("options covered (%d):" % len(covered))
    for c in covered:
        print("  " + c)
    print("options skipped (%d):" % len(skipped))
    for s in skipped:
        print("  " + s)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    print("options_walk: %d options, %d failures" % (len(covered), len(failures)))
    return 1 if failures or not covered else 0


if __name__ == "__main__":
    sys.exit(main())
