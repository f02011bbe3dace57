"""Tables a person reads: every cell in full, no row numbers.

pandas shortens long cells to 50 characters with "..." when it shows a table in a
notebook, which cuts citations in half. :class:`ReadableTable` is a DataFrame that
shows every cell in full (HTML escaped) and prints without the index.

Examples
--------
>>> table = ReadableTable({"source": ["x" * 80]})
>>> "..." in table._repr_html_(), "<b>" in ReadableTable({"a": ["<b>"]})._repr_html_()
(False, False)
>>> print(ReadableTable({"figure": ["67%"], "what": ["paid nothing"]}))
figure         what
   67% paid nothing
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["ReadableTable"]


class ReadableTable(pd.DataFrame):
    """A DataFrame shown in full: no truncated text, no index (it is still a DataFrame)."""

    @property
    def _constructor(self) -> Any:
        return ReadableTable

    def _repr_html_(self) -> str:
        return self.to_html(index=False, escape=True, border=0, na_rep="")

    def __repr__(self) -> str:
        return self.to_string(index=False)
