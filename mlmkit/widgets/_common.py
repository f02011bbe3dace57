"""Pieces every explorer shares: reading typed rates, fast chart redraws, static exports."""

from __future__ import annotations

import html
import math
from typing import Any

import altair as alt
import pandas as pd

from mlmkit._validation import fail

__all__ = ["parse_percentages", "show_explorer", "with_data"]


def parse_percentages(text: str, *, field: str = "level_rates") -> tuple[float, ...]:
    """Read rates typed as percentages, ``"10, 5, 5"`` -> ``(0.10, 0.05, 0.05)``.

    Examples
    --------
    >>> parse_percentages("10, 5, 2.5%")
    (0.1, 0.05, 0.025)
    >>> parse_percentages("10, five")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: level_rates = 'five' is not allowed: type percentages separated by commas, like 10, 5, 5.
    """
    rates = []
    for piece in text.replace(";", ",").split(","):
        piece = piece.strip().rstrip("%").strip()
        if not piece:
            continue
        try:
            rates.append(round(float(piece) / 100, 10))
        except ValueError:
            raise fail(field, piece, "type percentages separated by commas, like 10, 5, 5") from None
    return tuple(rates)


def with_data(spec: dict[str, Any], frame: pd.DataFrame, **top_level: Any) -> dict[str, Any]:
    """A copy of a chart spec with its one dataset replaced by ``frame`` (and top-level fields set).

    Building and validating an Altair chart takes tens of milliseconds; swapping the data
    into a spec that was validated once takes about one, so controls answer at once.
    Missing values become JSON ``null``.

    Examples
    --------
    >>> spec = {"mark": "bar", "datasets": {"data-1": [{"x": 1}]}}
    >>> with_data(spec, pd.DataFrame({"x": [2.0, float("nan")]}), title="t")
    {'mark': 'bar', 'datasets': {'data-1': [{'x': 2.0}, {'x': None}]}, 'title': 't'}
    """
    (name,) = spec["datasets"]
    records = [
        {key: (None if isinstance(value, float) and math.isnan(value) else value) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]
    return {**spec, **top_level, "datasets": {name: records}}


def show_explorer(view: Any, note: str, *static: Any, extra_html: str = "") -> None:
    """Display an explorer: the live widgets in JupyterLab, or ``static`` charts in an export.

    ``note`` tells the reader of an exported page what they would see live; ``extra_html``
    (already escaped) follows it, e.g. a summary table.
    """
    from IPython.display import HTML, display

    if alt.renderers.active == "jupyter":
        display(view)
        return
    display(HTML(f"<p><em>{html.escape(note)}</em></p>{extra_html}"))
    for item in static:
        display(item)
