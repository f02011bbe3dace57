"""A chart widget that embeds its Vega-Lite spec once and then changes its data in place.

:class:`LiveChart` is a small anywidget of our own. Its JavaScript embeds the spec with
vega-embed (the offline bundle from ``vl-convert``, as Altair's own ``JupyterChart``
uses; nothing is fetched) and keeps the Vega view. When only the data change, Python
sends the new rows, and the browser replaces the named data sets through Vega's view
API (``view.change(name, changeset)``): derived data, scales and marks recompute, with
no Vega compile and no new view. A new title or a new fixed width or height is sent as
a signal. Only a change to anything else (a mark, an encoding, a scale) re-embeds. After
each change the view is laid out again (``view.resize()``), so the canvas grows or shrinks
with what the new data put around the plot (a title pushed up by a bar's label, wider axis
labels, a taller legend) instead of cutting it off at the canvas edge.

The browser always shows the *latest* state: each update carries a revision number, and
the JavaScript applies one update at a time, then checks whether the model moved on
while it worked (for instance while the chart was still embedding) and catches up.
The revision it shows is written on the chart's element (``data-mlmkit-shown``, beside
``data-mlmkit-wanted``), so the live-Lab test can prove that every chart follows its
controls.
"""

from __future__ import annotations

import json
from typing import Any

import anywidget
import traitlets

from mlmkit.charts._bundle import javascript_bundle

__all__ = ["LiveChart", "browser_spec"]

#: How live charts are embedded: on a canvas. Vega paints the downline tree's hundreds of marks
#: there in a few milliseconds, where SVG re-creates one element per mark on every change
#: (80 to 370 ms a step on the shared test machine). Tests read the marks from the Vega view's
#: scene graph (``element.__mlmkitView``), which holds what the canvas shows.
EMBED_OPTIONS: dict[str, Any] = {"renderer": "canvas"}

#: Top-level Vega-Lite params through which a chart's title text and subtitle change in place.
TITLE_SIGNALS = {"text": "mlmkit_title_text", "subtitle": "mlmkit_title_subtitle"}
#: Fixed sizes that change in place (``view.width`` / ``view.height``).
SIZE_SIGNALS = ("width", "height")

# The widget's JavaScript. ``vegaEmbed`` comes from vl-convert's bundle.
_JS = r"""
function render({ model, el }) {
  let view = null, finalize = null, embedded = null;
  let appliedData = {}, appliedSignals = {};
  let running = false, pending = false, closed = false;

  function showError(error) {
    el.textContent = '';
    const box = document.createElement('div');
    box.style.color = '#b00';
    box.textContent = 'The chart could not be drawn: ' + (error && error.message ? error.message : error);
    el.appendChild(box);
  }

  // Bring the chart to the model's latest state (one pass).
  async function showLatest() {
    // read everything at once: the model cannot change between these lines
    const revision = model.get('_revision');
    const spec = model.get('_vl_spec');
    const data = model.get('_data') || {};
    const signals = model.get('_signals') || {};
    // For the live-Lab test (tests/test_lab.py): a page that sets mlmkitTestPassDelayMs makes
    // each pass wait that long here, so updates arrive while a pass is under way (as on a slow
    // computer) without slowing the processor down. Unset, as for every reader: no wait.
    const delay = Number(globalThis.mlmkitTestPassDelayMs || 0);
    if (delay > 0) await new Promise((resume) => setTimeout(resume, delay));
    if (view === null || spec !== embedded) {
      if (finalize) { finalize(); finalize = null; view = null; el.__mlmkitView = null; }
      const api = await vegaEmbed(el, structuredClone(spec), structuredClone(model.get('embed_options') || {}));
      if (closed) { api.finalize(); return; }
      view = api.view; finalize = api.finalize; embedded = spec;
      appliedData = {}; appliedSignals = {};
      el.__mlmkitView = view;
    }
    let changed = false;
    for (const [name, rows] of Object.entries(data)) {
      if (appliedData[name] === rows) continue;
      view.change(name, view.changeset().remove(() => true).insert(structuredClone(rows)));
      appliedData[name] = rows;
      changed = true;
    }
    for (const [name, value] of Object.entries(signals)) {
      if (appliedSignals[name] === value) continue;
      if (name === 'width') view.width(value);
      else if (name === 'height') view.height(value);
      else view.signal(name, value);
      appliedSignals[name] = value;
      changed = true;
    }
    // Vega sizes the drawing to its content only when it is embedded or its width or height
    // signal changes; new data can move the title, axes or legend (a taller bar label pushes
    // the title up, longer axis labels push out to the left), which would then be drawn past
    // the canvas edge and cut off. resize() lays the view out again for the new content.
    if (changed) await view.resize().runAsync();
    el.dataset.mlmkitShown = String(revision);
    el.__mlmkitDrawn = performance.now();
  }

  // One pass at a time; repeat while the model moved on during a pass (no update is lost).
  async function sync() {
    el.dataset.mlmkitWanted = String(model.get('_revision'));
    el.__mlmkitReceived = performance.now();
    if (running) {  // counted, for the live-Lab test: an update that came while the chart was busy
      pending = true;
      el.dataset.mlmkitCameBusy = String(Number(el.dataset.mlmkitCameBusy || 0) + 1);
      return;
    }
    running = true;
    try {
      do {
        pending = false;
        await showLatest();
      } while (!closed && (pending || el.dataset.mlmkitShown !== String(model.get('_revision'))));
    } catch (error) {
      console.error(error);
      showError(error);
    } finally {
      running = false;
    }
  }

  el.classList.add('mlmkit-live-chart');
  model.on('change:_revision', sync);
  sync();
  return () => {
    closed = true;
    model.off('change:_revision', sync);
    if (finalize) finalize();
  };
}

export default { render };
"""

_CSS = ".mlmkit-live-chart.vega-embed { overflow: visible; }"


def bundled_javascript() -> str:
    """The widget's JavaScript with Vega, Vega-Lite and vega-embed inlined (no CDN).

    Bundled once per installation and kept (:func:`mlmkit.charts._bundle.javascript_bundle`).
    """
    return javascript_bundle(_JS, "live_chart")


def _fixed(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def browser_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` as the browser gets it: title text and subtitle read from top-level params.

    A new title (``"A downline of 364 members"``) is then a signal update, not a new spec.

    Examples
    --------
    >>> live = browser_spec({"mark": "bar", "title": {"text": "A", "subtitle": "b"}})
    >>> live["title"]
    {'text': {'expr': 'mlmkit_title_text'}, 'subtitle': {'expr': 'mlmkit_title_subtitle'}}
    >>> live["params"]
    [{'name': 'mlmkit_title_text', 'value': 'A'}, {'name': 'mlmkit_title_subtitle', 'value': 'b'}]
    >>> browser_spec({"mark": "bar"})
    {'mark': 'bar'}
    """
    title = spec.get("title")
    title = {"text": title} if isinstance(title, str) else dict(title) if isinstance(title, dict) else None
    if title is None:
        return spec
    params = list(spec.get("params", []))
    for key, name in TITLE_SIGNALS.items():
        if isinstance(title.get(key), str):
            params.append({"name": name, "value": title[key]})
            title[key] = {"expr": name}
    if len(params) == len(spec.get("params", [])):
        return spec
    return {**spec, "title": title, "params": params}


def _signals(spec: dict[str, Any]) -> dict[str, Any]:
    """What changes in place besides data: title text, subtitle, fixed width and height."""
    live = browser_spec(spec)
    values = {param["name"]: param["value"] for param in live.get("params", [])
              if param.get("name") in TITLE_SIGNALS.values()}
    values.update({key: live[key] for key in SIZE_SIGNALS if _fixed(live.get(key))})
    return values


def _skeleton(spec: dict[str, Any]) -> tuple[list[str], str]:
    """The spec's dataset names, and the browser spec without what changes in place."""
    names = list(spec.get("datasets") or {})
    rest = {key: value for key, value in browser_spec(spec).items() if key != "datasets"}
    rest["params"] = [
        {**param, "value": "SIGNAL"} if param.get("name") in TITLE_SIGNALS.values() else param
        for param in rest.get("params", [])
    ]
    for key in SIZE_SIGNALS:
        if _fixed(rest.get(key)):
            rest[key] = "SIZE"
    text = json.dumps(rest, sort_keys=True, default=str)
    for number, name in enumerate(names):
        text = text.replace(json.dumps(name), f'"DATA{number}"')
    return names, text


def _plain(spec: Any) -> dict[str, Any]:
    if hasattr(spec, "to_dict"):
        spec = spec.to_dict()
    return json.loads(json.dumps(spec, default=str))


class LiveChart(anywidget.AnyWidget):
    """A chart widget that redraws by changing its data in place in the browser.

    :meth:`redraw` compares the new spec with the one on screen: when only the data, the
    title's text or subtitle, or a fixed width or height differ, it sends the new rows
    (and the new title and size as Vega signals) and the browser's Vega view changes its
    data sets in place, for single, layered and concatenated charts alike. Anything else
    (a new mark, encoding or scale) re-embeds the whole spec. ``data_swaps`` and
    ``reembeds`` count which way each redraw went. ``spec`` stays the plain Vega-Lite spec
    of what is shown, for tests and static exports.

    Examples
    --------
    >>> import altair as alt
    >>> import pandas as pd
    >>> from mlmkit.charts import swap_data
    >>> chart = LiveChart(alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q"))
    >>> chart.embed_options
    {'renderer': 'canvas'}
    >>> chart.redraw(swap_data(chart.spec, pd.DataFrame({"x": [3, 4]})))
    'data'
    >>> list(chart._data.values())
    [[{'x': 3}, {'x': 4}]]
    >>> chart.redraw({**chart.spec, "title": "new", "height": 200})
    'spec'
    >>> chart.redraw({**chart.spec, "title": "newer", "height": 250})
    'data'
    >>> chart._signals
    {'mlmkit_title_text': 'newer', 'height': 250}
    >>> chart.spec["title"], chart.redraw({**chart.spec, "mark": "point"}), chart.reembeds
    ('newer', 'spec', 2)
    """

    _css = _CSS
    _vl_spec = traitlets.Dict().tag(sync=True)
    _data = traitlets.Dict().tag(sync=True)
    _signals = traitlets.Dict().tag(sync=True)
    _revision = traitlets.Int(0).tag(sync=True)
    embed_options = traitlets.Dict().tag(sync=True)

    def __init__(self, chart: Any, *, embed_options: dict[str, Any] | None = None, **kwargs: Any) -> None:
        self._esm = bundled_javascript()
        super().__init__(embed_options=dict(EMBED_OPTIONS if embed_options is None else embed_options), **kwargs)
        self.data_swaps = 0
        self.reembeds = 0
        self.spec: dict[str, Any] = {}
        self._shown: tuple[list[str], str] = ([], "")
        self._embed(_plain(chart))

    def _embed(self, spec: dict[str, Any]) -> None:
        self.spec = spec
        self._shown = _skeleton(spec)
        with self.hold_sync():
            self._vl_spec = browser_spec(spec)
            self._data = {}
            self._signals = {}
            self._revision += 1

    def redraw(self, spec: dict[str, Any]) -> str:
        """Show ``spec``: in place if only data, title or size changed; return ``"data"`` or ``"spec"``."""
        spec = _plain(spec)
        names, rest = _skeleton(spec)
        shown_names, shown_rest = self._shown
        if rest != shown_rest or len(names) != len(shown_names):
            self._embed(spec)
            self.reembeds += 1
            return "spec"
        datasets = spec.get("datasets") or {}
        self.spec = spec
        with self.hold_sync():
            self._data = {shown: datasets[name] for shown, name in zip(shown_names, names, strict=True)}
            self._signals = _signals(spec)
            self._revision += 1
        self.data_swaps += 1
        return "data"
