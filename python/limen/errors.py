# SPDX-License-Identifier: GPL-3.0-or-later
"""The one exception of the package."""

from __future__ import annotations


class LimenError(ValueError):
    """A failure reported by liblimen, with its message (the command-line tool's, without
    the option's "--").

    Attributes:
        code: the library's status (1 invalid input, 2 unknown name, 3 malformed input, …).
        status: its name ("invalid input", "unknown name", …).
        field: the input the failure is about ("bits"; for an unknown name the kind of name,
            "input", "model", …), or "" when the failure is not about one input.
        value: the value as the message writes it ("1e3", or the unknown name), or "".
        range: the allowed range with its unit ("[1, 64] bits"), or the allowed names, or "".
        trace: the library's trace behind the message, with the functions that set and passed
            on the error (what the tool's --debug prints), or "".
    """

    def __init__(self, message: str, *, code: int = 1, status: str = "", field: str = "", value: str = "",
                 range: str = "", trace: str = "") -> None:  # noqa: A002 - the library's name
        super().__init__(message)
        self.code = code
        self.status = status
        self.field = field
        self.value = value
        self.range = range
        self.trace = trace
