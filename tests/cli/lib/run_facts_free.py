#!/usr/bin/env python3
"""Print a limen output without what differs from run to run by design: the provenance record
(a JSON root member "provenance"; a CSV's leading '#' comment lines) and wall-clock times (JSON
lines of members "wall_seconds"; CSV columns "wall_seconds" or "<parent>.wall_seconds").  Two runs that must agree bit for bit are compared
through this; everything else, numbers included, is printed as it was parsed.

usage: run_facts_free.py FILE"""
import csv
import io
import json
import sys


def without_provenance(text):
    """The JSON text without its root member "provenance" (cJSON's layout: the last member,
    a tab-indented object), left as written otherwise."""
    at = text.find(',\n\t"provenance":')
    if at < 0:
        return text
    end = text.find("\n\t}", at)
    return text[:at] + text[end + 3:]


def main():
    raw = open(sys.argv[1], "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # a figure: as it is
        sys.stdout.buffer.write(raw)
        return 0
    try:
        json.loads(text)
    except json.JSONDecodeError:
        body = "".join(line for line in text.splitlines(True) if not line.startswith("#"))
        rows = list(csv.reader(io.StringIO(body)))
        keep = [k for k, name in enumerate(rows[0] if rows else []) if name.rsplit(".", 1)[-1] != "wall_seconds"]
        out = csv.writer(sys.stdout, lineterminator="\n")
        for r in rows:
            out.writerow([r[k] for k in keep if k < len(r)])
        return 0
    text = without_provenance(text)
    sys.stdout.write("".join(line for line in text.splitlines(True) if '"wall_seconds":' not in line))
    return 0


if __name__ == "__main__":
    sys.exit(main())
