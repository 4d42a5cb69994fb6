# SPDX-License-Identifier: GPL-3.0-or-later
"""The package's C declarations (cffi ABI mode: layouts computed from them) match the headers:
every struct's size and member offsets and every enum constant, compiled with the C compiler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from limen._cdef import STRUCTS
from limen._cdef_runs import STRUCTS_RUNS
from limen._lib import ffi

ROOT = Path(__file__).resolve().parents[2]


def test_layout_matches_headers(tmp_path) -> None:
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        pytest.skip("no C compiler")
    lines, expect = [], []
    for s in STRUCTS + STRUCTS_RUNS:
        t = ffi.typeof(s)
        lines.append(f'printf("%zu\\n", sizeof({s}));')
        expect.append(ffi.sizeof(t))
        for name, f in t.fields:
            lines.append(f'printf("%zu\\n", offsetof({s}, {name}));')
            expect.append(f.offset)
    for e in ("limen_input_type", "limen_ops_convention", "limen_lr_kind", "limen_input_origin",
              "limen_work_kind", "limen_sweep_format", "limen_well_kind", "limen_bound_input"):
        for value, name in sorted(ffi.typeof(e).elements.items()):
            lines.append(f'printf("%zu\\n", (size_t){name});')
            expect.append(value)
    src = tmp_path / "layout.c"
    src.write_text("#include <stddef.h>\n#include <stdio.h>\n#include \"limen/limen.h\"\nint main(void) {\n"
                   + "\n".join(lines) + "\nreturn 0;\n}\n")
    exe = tmp_path / "layout"
    subprocess.run([cc, "-std=c17", "-I", str(ROOT / "include"), str(src), "-o", str(exe)], check=True)
    got = [int(x) for x in subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout.split()]
    assert got == expect
