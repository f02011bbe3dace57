"""Pieces every explorer shares: reading typed rates, fast chart redraws (:mod:`._live`), static exports."""

from __future__ import annotations

import html
from typing import Any

import altair as alt

from mlmkit._validation import fail
from mlmkit.charts import swap_data
from mlmkit.widgets._live import EMBED_OPTIONS, LiveChart

__all__ = ["EMBED_OPTIONS", "LiveChart", "parse_percentages", "show_explorer", "with_data"]

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


#: Old private name of :func:`mlmkit.charts.swap_data` (the public, documented shape).
with_data = swap_data


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
