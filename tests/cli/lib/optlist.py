# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command of the limen tool and every option of each, read from the tool's own help
(`limen --help`, `limen CMD --help`), so that a new command or option is covered by the tests
that walk them (options_walk.py, cli_property.py) without editing them.

An option is one of
  number  a range is printed: "(range [1, 64] bits; default 16)", "(range (0, 1e+12] tau0 ...)"
  choice  "(one of table, csv, json; ...)"
  flag    no value placeholder
  text    any other value (a file, a directory, a label, a list of names)
"""

import math
import re
import subprocess

NUM = r"[-+]?(?:inf|\d+(?:\.\d*)?(?:e[-+]?\d+)?)"
RANGE = re.compile(r"range (?:whole numbers in |integers )?([\[(])(" + NUM + r"), (" + NUM + r")([\])])(?: ([^\s;,)]+))?")


def run(binary, args, timeout=120, env=None):
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=timeout, env=env)


def commands(binary):
    out = run(binary, ["--help"]).stdout
    block = out.split("commands:", 1)[1]
    names = []
    for line in block.splitlines()[1:]:
        m = re.match(r"^  ([a-z][a-z-]*)\s", line)
        if not m:
            break
        names.append(m.group(1))
    return names


def _to_float(s):
    return float(s.replace("inf", "Infinity")) if "inf" in s else float(s)


def options(binary, command):
    """The options of `limen COMMAND --help` as dicts: name, aliases, kind, metavar, lo, hi,
    lo_open, hi_open, whole, unit, choices, text (the option's whole help)."""
    out = run(binary, [command, "--help"]).stdout
    lines = out.splitlines()
    opts = []
    i = 0
    while i < len(lines):
        m = re.match(r"^  (--[a-z0-9-]+(?:, --[a-z0-9-]+)*)(?: ([A-Za-z][A-Za-z0-9=:\[\].]*))?(?:\s{2,}|$)(.*)$", lines[i])
        if not m:
            i += 1
            continue
        names = [n.strip()[2:] for n in m.group(1).split(",")]
        text = [m.group(3)]
        i += 1
        while i < len(lines) and lines[i].startswith(" " * 28):
            text.append(lines[i].strip())
            i += 1
        if names[0] in ("help", "config", "debug"):
            continue
        body = " ".join(text)
        o = {"name": names[0], "aliases": names[1:], "metavar": m.group(2), "text": body}
        r = RANGE.search(body)
        ch = re.search(r"\(one of ([^;)]*)", body)
        if not m.group(2):
            o["kind"] = "flag"
        elif r:
            o.update(kind="number", lo=_to_float(r.group(2)), hi=_to_float(r.group(3)), lo_open=r.group(1) == "(",
                     hi_open=r.group(4) == ")", unit=r.group(5) or "",
                     whole=("whole numbers" in body[r.start():r.end()]) or ("integers" in body[r.start():r.end()]))
        elif ch:
            o.update(kind="choice", choices=[c.strip() for c in ch.group(1).split(",")])
        else:
            o["kind"] = "text"
        opts.append(o)
    return opts


def out_of_range(o):
    """A value outside a number option's range (above it when bounded above, else below)."""
    lo, hi = o["lo"], o["hi"]
    if not math.isfinite(lo) and not math.isfinite(hi):
        return "1e999"
    if math.isfinite(hi):
        v = hi * 10 + 1 if hi > 0 else hi + 1
    else:
        v = lo - 1 if lo >= 1 or lo <= -1 else -1.0
        if lo < 0 and v >= lo:
            v = lo * 10 - 1
    return "%.10g" % v
