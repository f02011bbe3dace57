"""A small TOML writer for company profiles (the standard library only reads TOML).

It writes exactly the value types a profile uses: text, true/false, whole numbers,
finite decimal numbers and lists of numbers, in tables one level deep. Text is written
as a TOML basic string with every quote, backslash and control character escaped, so
``tomllib.loads(dumps(data)) == data`` for any text.

Examples
--------
>>> import tomllib
>>> text = dumps({"company": {"name": 'Say "hi"\\n', "years_operating": 3.5}})
>>> print(text)
[company]
name = "Say \\"hi\\"\\n"
years_operating = 3.5
<BLANKLINE>
>>> tomllib.loads(text)
{'company': {'name': 'Say "hi"\\n', 'years_operating': 3.5}}
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Mapping
from numbers import Integral, Real
from typing import Any

import numpy as np

from mlmkit._validation import check_text, fail

__all__ = ["dumps", "format_key", "format_string", "format_value"]

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def format_string(text: str) -> str:
    """Write ``text`` as a TOML basic string, escaping quotes, backslashes and controls.

    Examples
    --------
    >>> print(format_string('<script>alert("x")</script>'))
    "<script>alert(\\"x\\")</script>"
    >>> print(format_string("tab\\there\\x00"))
    "tab\\there\\u0000"
    """
    text = check_text("text", text, max_length=10_000_000)
    pieces = []
    for char in text:
        if char in _ESCAPES:
            pieces.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            pieces.append(f"\\u{ord(char):04X}")
        else:
            pieces.append(char)
    return '"' + "".join(pieces) + '"'


def format_key(key: str) -> str:
    """Write a key bare if TOML allows it, quoted otherwise (e.g. dotted paths).

    Examples
    --------
    >>> format_key("name"), format_key("product.price_vs_retail")
    ('name', '"product.price_vs_retail"')
    """
    key = check_text("key", key, max_length=10_000)
    return key if _BARE_KEY.match(key) else format_string(key)


def format_value(value: Any) -> str:
    """Write one value: text, bool, int, finite float, or a list of those.

    Examples
    --------
    >>> format_value(True), format_value(12), format_value(0.1), format_value([0.1, 0.05])
    ('true', '12', '0.1', '[0.1, 0.05]')
    >>> format_value(float("nan"))
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: value = nan is not allowed: numbers in a profile must be finite.
    """
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        number = float(value)
        if not math.isfinite(number):
            raise fail("value", value, "numbers in a profile must be finite")
        return repr(number)  # shortest text that reads back as the same float
    if isinstance(value, str):
        return format_string(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "low") and hasattr(value, "high"):  # a Range: an inline table
        return f"{{ low = {format_value(value.low)}, high = {format_value(value.high)} }}"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{format_key(k)} = {format_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, list | tuple):  # in order (not a set); bytes are not text
        return "[" + ", ".join(format_value(item) for item in value) + "]"
    raise fail("value", value, _WRITABLE)


_WRITABLE = (
    "a profile holds text, true/false, whole numbers, finite numbers, dates, ranges and lists or tables of those"
)


def dumps(data: Mapping[str, Any], *, header: str = "") -> str:
    """Write a mapping of tables (each a mapping of key -> value) as TOML text.

    Top-level plain values are written first, then one ``[table]`` per mapping value. A
    list of mappings is an array of tables: ``[[name]]`` (or ``[[table.name]]`` inside a
    table), one block per item, written after its table. ``header`` lines are written as
    ``#`` comments at the top.

    Examples
    --------
    >>> print(dumps({"pay_plan": {"level_rates": [0.1, 0.05]}}, header="A note"), end="")
    # A note
    <BLANKLINE>
    [pay_plan]
    level_rates = [0.1, 0.05]
    """
    if not isinstance(data, Mapping):
        raise fail("data", data, "it must be a mapping of key -> value or table")
    header = check_text("header", header, max_length=100_000)
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    tables = []
    arrays = []
    for key, value in data.items():
        if isinstance(value, Mapping):
            tables.append((key, value))
        elif _is_table_array(value):
            arrays.append((format_key(key), value))
        else:
            lines.append(f"{format_key(key)} = {format_value(value)}")
    for name, table in tables:
        if lines:
            lines.append("")
        lines.append(f"[{format_key(name)}]")
        inner = []
        for key, value in table.items():
            if _is_table_array(value):
                inner.append((f"{format_key(name)}.{format_key(key)}", value))
            else:
                lines.append(f"{format_key(key)} = {format_value(value)}")
        _write_arrays(lines, inner)
    _write_arrays(lines, arrays)
    return "\n".join(lines) + "\n"


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _write_arrays(lines: list[str], arrays: list[tuple[str, Any]]) -> None:
    for header, items in arrays:
        for item in items:
            lines.append("")
            lines.append(f"[[{header}]]")
            for key, value in item.items():
                lines.append(f"{format_key(key)} = {format_value(value)}")
