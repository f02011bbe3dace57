"""Pieces every explorer shares: reading typed rates, fast chart redraws, static exports."""

from __future__ import annotations

import html
import json
from typing import Any

import altair as alt

from mlmkit._validation import fail
from mlmkit.charts import swap_data

__all__ = ["EMBED_OPTIONS", "LiveChart", "parse_percentages", "show_explorer", "with_data"]

#: How explorers' charts are embedded: as SVG (sharp, and a test can count the marks).
EMBED_OPTIONS: dict[str, Any] = {"renderer": "svg"}


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


def _skeleton(spec: dict[str, Any]) -> tuple[str | None, str]:
    """The spec's one dataset name, and the spec without its data (to see what else changed)."""
    datasets = spec.get("datasets") or {}
    name = next(iter(datasets)) if len(datasets) == 1 else None
    rest = {key: value for key, value in spec.items() if key != "datasets"}
    text = json.dumps(rest, sort_keys=True, default=str)
    return name, text.replace(name, "DATA") if name else text


#: Top-level keys of a composite Vega-Lite spec. Vega compiles a composite chart's shared data
#: into derived data sets, and swapping the named data set in place left every view empty
#: in JupyterLab ("Infinite extent" warnings), so composite charts are re-embedded instead.
_COMPOSITE_KEYS = ("layer", "vconcat", "hconcat", "concat", "repeat", "facet", "spec")


def _is_composite(spec: dict[str, Any]) -> bool:
    """True for a layered, concatenated, repeated or faceted chart."""
    return any(key in spec for key in _COMPOSITE_KEYS)


class LiveChart(alt.JupyterChart):
    """An ``alt.JupyterChart`` drawn as SVG that redraws by swapping its data in place.

    :meth:`redraw` compares the new spec with the one on screen: when only the data
    differ and the chart is a single view, it sends the new rows to the chart's Vega view (``view.change`` through
    JupyterChart's data updates), which redraws in a few milliseconds; anything else
    (a new title, scale or size) re-embeds the whole spec, which takes a Vega compile
    and a full render. ``data_swaps`` and ``reembeds`` count which way each redraw went.

    Examples
    --------
    >>> import pandas as pd
    >>> chart = LiveChart(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q"))
    >>> chart.embed_options
    {'renderer': 'svg'}
    >>> chart.redraw(with_data(chart.spec, pd.DataFrame({"x": [3, 4]})))
    'data'
    >>> chart.redraw({**chart.spec, "title": "new"})
    'spec'
    """

    def __init__(self, chart: Any, **kwargs: Any) -> None:
        kwargs.setdefault("embed_options", dict(EMBED_OPTIONS))
        super().__init__(chart, **kwargs)
        self._shown = _skeleton(self.spec or {})
        self.data_swaps = 0
        self.reembeds = 0

    def redraw(self, spec: dict[str, Any]) -> str:
        """Show ``spec``: swap its data in place if nothing else changed; return ``"data"`` or ``"spec"``."""
        name, rest = _skeleton(spec)
        shown_name, shown_rest = self._shown
        if (
            name is not None
            and shown_name is not None
            and rest == shown_rest
            and not _is_composite(spec)
        ):
            records = spec["datasets"][name]
            self._py_to_js_updates = [
                {"namespace": "data", "name": shown_name, "scope": [], "value": records}
            ]
            # Keep ``spec`` current in Python (for tests and static exports) without sending
            # it to the browser, which would re-embed the chart.
            with self._lock_property(spec=json.loads(json.dumps(spec))):
                self.spec = spec
            self.data_swaps += 1
            return "data"
        self.spec = spec
        self._shown = (name, rest)
        self.reembeds += 1
        return "spec"
