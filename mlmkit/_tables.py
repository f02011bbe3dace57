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
        """Every cell in full and escaped; text left-aligned, numbers right-aligned and formatted
        by their column's name (money ``USD 1,200``, shares as percentages), no index.

        Examples
        --------
        >>> page = ReadableTable({"what": ["paid nothing"], "total_usd": [1200.0]})._repr_html_()
        >>> "text-align:left'>paid nothing" in page, "text-align:right;white-space:nowrap'>USD 1,200" in page
        (True, True)
        """
        from mlmkit._display import cell_html, column_align, format_value, header_html

        frame = pd.DataFrame(self)
        align = {column: column_align(frame[column]) for column in frame.columns}
        head = "".join(f"<th style='text-align:{align[column]}'>{header_html(column)}</th>" for column in frame.columns)
        rows = []
        for row in frame.itertuples(index=False, name=None):
            shown = [format_value(str(column), value) if align[column] == "right" else _text(value)
                     for column, value in zip(frame.columns, row, strict=True)]
            cells = "".join(cell_html(align[column], text) for column, text in zip(frame.columns, shown, strict=True))
            rows.append(f"<tr>{cells}</tr>")
        return (f"<table class='dataframe tex2jax_ignore mathjax_ignore' border='0'><thead><tr>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>")

    def __repr__(self) -> str:
        return self.to_string(index=False)


def _text(value: Any) -> str:
    """A text cell escaped for HTML; a missing value is an empty cell."""
    from mlmkit._display import escape_text

    missing = value is None or (pd.api.types.is_scalar(value) and pd.isna(value))
    return "" if missing else escape_text(value)
