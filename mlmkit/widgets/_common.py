"""Pieces every explorer shares: reading typed rates, fast chart redraws, static exports."""

from __future__ import annotations

import html
import json
from typing import Any

import altair as alt
import traitlets

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


#: Top-level Vega signals through which :class:`LiveChart` changes a chart's title in place.
_TITLE_SIGNALS = {"text": "mlmkit_title_text", "subtitle": "mlmkit_title_subtitle"}


def _fixed_height(spec: dict[str, Any]) -> bool:
    height = spec.get("height")
    return isinstance(height, (int, float)) and not isinstance(height, bool)


def _skeleton(spec: dict[str, Any]) -> tuple[str | None, str]:
    """The spec's one dataset name, and the spec without what :class:`LiveChart` swaps in place
    (its data, title text and subtitle, a fixed height), to see what else changed."""
    datasets = spec.get("datasets") or {}
    name = next(iter(datasets)) if len(datasets) == 1 else None
    rest = {key: value for key, value in spec.items() if key != "datasets"}
    title = rest.get("title")
    if isinstance(title, str):
        rest["title"] = {"text": "TITLE"}
    elif isinstance(title, dict):
        rest["title"] = {key: ("TITLE" if key in _TITLE_SIGNALS and isinstance(value, str) else value)
                         for key, value in title.items()}
    if _fixed_height(rest):
        rest["height"] = "HEIGHT"
    text = json.dumps(rest, sort_keys=True, default=str)
    return name, text.replace(name, "DATA") if name else text


def _live_spec(spec: dict[str, Any] | None) -> dict[str, Any] | None:
    """``spec`` as the browser gets it: the title's text and subtitle read from top-level params.

    A new title (``"A downline of 85 members"``) is then a signal update, not a new spec.

    Examples
    --------
    >>> live = _live_spec({"mark": "bar", "title": {"text": "A", "subtitle": "b"}})
    >>> live["title"]
    {'text': {'expr': 'mlmkit_title_text'}, 'subtitle': {'expr': 'mlmkit_title_subtitle'}}
    >>> live["params"]
    [{'name': 'mlmkit_title_text', 'value': 'A'}, {'name': 'mlmkit_title_subtitle', 'value': 'b'}]
    >>> _live_spec({"mark": "bar"})
    {'mark': 'bar'}
    """
    if not spec or "title" not in spec:
        return spec
    title = spec["title"]
    title = {"text": title} if isinstance(title, str) else dict(title) if isinstance(title, dict) else None
    if title is None:
        return spec
    params = list(spec.get("params", []))
    for key, name in _TITLE_SIGNALS.items():
        if isinstance(title.get(key), str):
            params.append({"name": name, "value": title[key]})
            title[key] = {"expr": name}
    if len(params) == len(spec.get("params", [])):
        return spec
    return {**spec, "title": title, "params": params}


def _signals(spec: dict[str, Any] | None) -> dict[str, Any]:
    """What :class:`LiveChart` changes in place besides data: title text, subtitle, fixed height."""
    live = _live_spec(spec) or {}
    values = {param["name"]: param["value"] for param in live.get("params", [])
              if param.get("name") in _TITLE_SIGNALS.values()}
    if _fixed_height(live):
        values["height"] = live["height"]
    return values


def _spec_to_json(spec: dict[str, Any] | None, widget: Any) -> Any:
    """How ``LiveChart.spec`` is sent to the browser (:func:`_live_spec`)."""
    return _live_spec(spec)


class LiveChart(alt.JupyterChart):
    """An ``alt.JupyterChart`` drawn as SVG that redraws by swapping its data in place.

    :meth:`redraw` compares the new spec with the one on screen: when only the data, the
    title's text or subtitle, or a fixed height differ, it sends the new rows to the
    chart's Vega view (JupyterChart's data updates, a Vega changeset) and the new title
    and height as signal updates, which redraws in a few milliseconds, for single and
    layered or concatenated charts alike. Anything else (a new scale, encoding or mark)
    re-embeds the whole spec, which takes a Vega compile and a full render.
    ``data_swaps`` and ``reembeds`` count which way each redraw went. In Python ``spec``
    stays the plain Vega-Lite spec; the browser gets it with the title read from two
    top-level params (:func:`_live_spec`), so that the title can change in place.

    Examples
    --------
    >>> import pandas as pd
    >>> chart = LiveChart(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q"))
    >>> chart.embed_options
    {'renderer': 'svg'}
    >>> chart.redraw(with_data(chart.spec, pd.DataFrame({"x": [3, 4]})))
    'data'
    >>> chart.redraw({**chart.spec, "title": "new", "height": 200})
    'spec'
    >>> chart.redraw({**chart.spec, "title": "newer", "height": 250})
    'data'
    >>> chart.spec["title"], [update["namespace"] for update in chart._py_to_js_updates]
    ('newer', ['data', 'signal', 'signal'])
    >>> [update["name"] for update in chart._py_to_js_updates][1:]
    ['mlmkit_title_text', 'height']
    >>> chart.redraw({**chart.spec, "mark": "point"})
    'spec'
    """

    spec = traitlets.Dict(allow_none=True).tag(sync=True, to_json=_spec_to_json)

    def __init__(self, chart: Any, **kwargs: Any) -> None:
        kwargs.setdefault("embed_options", dict(EMBED_OPTIONS))
        super().__init__(chart, **kwargs)
        self._shown = _skeleton(self.spec or {})
        self._shown_signals = _signals(self.spec)
        self.data_swaps = 0
        self.reembeds = 0

    def redraw(self, spec: dict[str, Any]) -> str:
        """Show ``spec``: swap data, title and height in place if nothing else changed.

        Returns ``"data"`` (changed in place) or ``"spec"`` (re-embedded).
        """
        name, rest = _skeleton(spec)
        shown_name, shown_rest = self._shown
        signals = _signals(spec)
        if name is not None and shown_name is not None and rest == shown_rest:
            updates = [{"namespace": "data", "name": shown_name, "scope": [], "value": spec["datasets"][name]}]
            updates += [{"namespace": "signal", "name": signal, "scope": [], "value": value}
                        for signal, value in signals.items() if self._shown_signals.get(signal) != value]
            self._py_to_js_updates = updates
            # Keep ``spec`` current in Python (for tests and static exports) without sending
            # it to the browser, which would re-embed the chart.
            with self._lock_property(spec=json.loads(json.dumps(_live_spec(spec)))):
                self.spec = spec
            self._shown_signals = signals
            self.data_swaps += 1
            return "data"
        self.spec = spec
        self._shown = (name, rest)
        self._shown_signals = signals
        self.reembeds += 1
        return "spec"
