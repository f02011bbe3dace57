"""One explicit call that makes Altair charts draw offline (and tables readable)."""

from __future__ import annotations

import json
import os
from typing import Any

import altair as alt
import pandas as pd

from mlmkit._display import escape_script_json, readable_html
from mlmkit._validation import check_choice

__all__ = [
    "HTML_RENDERER", "ScriptSafeJSONEncoder", "offline_chart_widget", "safe_html_renderer", "setup_altair", "setup_tables",
]

RENDERER_MODES = ("jupyter", "html")
#: Charts are drawn as SVG: sharp at any zoom, and a browser test can count their marks.
EMBED_OPTIONS = {"renderer": "svg"}
#: The pandas options :func:`setup_tables` sets, with pandas' defaults (for tests to restore).
RESTORED = ("display.max_colwidth", 50, "display.float_format", None, "display.html.use_mathjax", True)
#: Name of the Altair renderer used for static exports (the ``"html"`` mode).
HTML_RENDERER = "mlmkit_html"


class ScriptSafeJSONEncoder(json.JSONEncoder):
    """JSON that can sit inside a ``<script>`` element: ``<``, ``>``, ``&``, U+2028/2029 escaped.

    Examples
    --------
    >>> json.dumps({"title": "</script><script>alert(1)</script>"}, cls=ScriptSafeJSONEncoder)
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    """

    def encode(self, o: Any) -> str:
        return escape_script_json(super().encode(o))


def safe_html_renderer(spec: dict[str, Any], **metadata: Any) -> dict[str, str]:
    """Altair's ``html`` renderer, with the chart's spec escaped for its ``<script>`` element.

    Altair writes ``var spec = {...}`` into a script element unescaped, so a company
    named ``</script><script>alert(1)</script>`` would end the element and run script in
    an exported page. Here every ``<``, ``>`` and ``&`` in the JSON is written as a
    ``\\u`` escape, which JavaScript reads back as the same text.

    Examples
    --------
    >>> bundle = safe_html_renderer({"mark": "bar", "title": "</script><b>"})
    >>> "</script><b>" in bundle["text/html"], "\\\\u003c/script\\\\u003e" in bundle["text/html"]
    (False, True)
    """
    from altair.vegalite.v6.display import html_renderer

    json_kwds = {**metadata.pop("json_kwds", {}), "cls": ScriptSafeJSONEncoder}
    bundle = html_renderer(spec, json_kwds=json_kwds, **metadata)
    page = bundle["text/html"]
    if _ERROR_AS_HTML in page:  # an error message (it may quote a field name) is shown as text
        bundle["text/html"] = page.replace(_ERROR_AS_HTML, _ERROR_AS_TEXT)
    return bundle


#: Altair's page writes an embedding error into ``innerHTML``; the message can quote user text.
_ERROR_AS_HTML = 'outputDiv.innerHTML = `<div class="error" style="color:red;">${err}</div>`;'
_ERROR_AS_TEXT = ('outputDiv.textContent = ""; const shown = document.createElement("div"); '
                  'shown.className = "error"; shown.style.color = "red"; shown.style.whiteSpace = "pre-line"; '
                  'shown.textContent = String(err).split("<br>").join("\\n"); '
                  'outputDiv.appendChild(shown);')


def setup_tables() -> None:
    """Make pandas tables readable in notebooks: full text, no scientific notation, no maths.

    In a notebook, every DataFrame is then shown through
    :func:`mlmkit._display.readable_html` (money as money, shares as percentages, counts
    with thousands separators, text left-aligned and in full).

    Long text (sources, citations, reasons) is shown in full instead of cut to ``...``;
    floats print with thousands separators instead of ``7.674000e+03``; and tables are
    marked so MathJax leaves dollar signs in them alone.

    Examples
    --------
    >>> with pd.option_context(*RESTORED):
    ...     setup_tables()
    ...     print(pd.DataFrame({"x": [7674.0, 0.5]}).to_string())
           x
    0  7,674.00
    1      0.50
    """
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.float_format", _plain_float)
    pd.set_option("display.html.use_mathjax", False)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook extras
        return
    shell = get_ipython()
    if shell is not None:  # in a notebook: every DataFrame shown reads as money, shares, counts
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, readable_html)


def _plain_float(value: float) -> str:
    if value != value:  # NaN
        return "NaN"
    if value != 0 and abs(value) < 0.01:
        return f"{value:.4f}"
    return f"{value:,.2f}"


def offline_chart_widget() -> None:
    """Give Altair's chart widget (the ``"jupyter"`` renderer) its offline bundle from the cache.

    Altair's ``JupyterChart.enable_offline()`` bundles Vega into the widget's JavaScript at
    each kernel's first chart (2-3 s). This does the same, with the same source (Altair's
    ``index.js`` without its leading import lines, as ``enable_offline`` cuts it) and the
    same Vega-Lite version, through :func:`mlmkit.charts._bundle.javascript_bundle`, which
    keeps the bundle; then Altair finds the widget offline already and bundles nothing.

    Examples
    --------
    >>> from altair.jupyter.jupyter_chart import JupyterChart
    >>> offline_chart_widget()
    >>> JupyterChart._is_offline, "https://esm.sh" in JupyterChart._esm, len(JupyterChart._esm) > 100_000
    (True, False, True)
    """
    from altair.jupyter.jupyter_chart import JupyterChart, load_js_src

    from mlmkit.charts._bundle import javascript_bundle

    if JupyterChart._is_offline:
        return
    lines = load_js_src().split("\n")
    while lines and (not lines[0].strip() or lines[0].startswith(("import", "//"))):
        lines.pop(0)
    JupyterChart._esm = javascript_bundle("\n".join(lines), "altair_chart")
    JupyterChart._is_offline = True


def setup_altair(mode: str | None = None) -> str:
    """Make Altair charts draw with no internet connection, and return the mode used.

    Also calls :func:`setup_tables`, so the notebook's tables read as a person expects.

    Parameters
    ----------
    mode : {"jupyter", "html"}, optional
        ``"jupyter"`` (the default) renders each chart as an ``alt.JupyterChart``
        widget with the Vega JavaScript bundled from ``vl-convert``: it works offline
        in JupyterLab 4, whose built-in renderer cannot show Vega-Lite 6.
        ``"html"`` is for static exports (``make html``), whose page template inlines
        the Vega bundle once; it uses :func:`safe_html_renderer`, so user text in a chart
        cannot break out of the page's script elements. The environment variable
        ``MLMKIT_ALTAIR_RENDERER`` sets the mode when ``mode`` is not given.

    Examples
    --------
    >>> import altair as alt
    >>> previous = alt.renderers.active
    >>> with pd.option_context(*RESTORED):  # keep the doctest's own table options
    ...     setup_altair("html")
    'html'
    >>> alt.renderers.active
    'mlmkit_html'
    >>> _ = alt.renderers.enable(previous)
    """
    chosen = os.environ.get("MLMKIT_ALTAIR_RENDERER", "jupyter") if mode is None else mode
    check_choice("mode", chosen, RENDERER_MODES)
    if chosen == "jupyter":
        offline_chart_widget()
        alt.renderers.enable("jupyter", offline=True, embed_options=dict(EMBED_OPTIONS))
    else:
        alt.renderers.register(HTML_RENDERER, safe_html_renderer)
        alt.renderers.enable(HTML_RENDERER, embed_options=dict(EMBED_OPTIONS))
    setup_tables()
    return chosen
