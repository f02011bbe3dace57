"""One explicit call that makes Altair charts draw offline."""

from __future__ import annotations

import os

import altair as alt

from mlmkit._validation import check_choice

__all__ = ["setup_altair"]

RENDERER_MODES = ("jupyter", "html")


def setup_altair(mode: str | None = None) -> str:
    """Make Altair charts draw with no internet connection, and return the mode used.

    Parameters
    ----------
    mode : {"jupyter", "html"}, optional
        ``"jupyter"`` (the default) renders each chart as an ``alt.JupyterChart``
        widget with the Vega JavaScript bundled from ``vl-convert``: it works offline
        in JupyterLab 4, whose built-in renderer cannot show Vega-Lite 6.
        ``"html"`` is for static exports (``make html``), whose page template inlines
        the Vega bundle once. The environment variable ``MLMKIT_ALTAIR_RENDERER``
        sets the mode when ``mode`` is not given.

    Examples
    --------
    >>> import altair as alt
    >>> previous = alt.renderers.active
    >>> setup_altair("html")
    'html'
    >>> alt.renderers.active
    'html'
    >>> _ = alt.renderers.enable(previous)
    """
    chosen = os.environ.get("MLMKIT_ALTAIR_RENDERER", "jupyter") if mode is None else mode
    check_choice("mode", chosen, RENDERER_MODES)
    if chosen == "jupyter":
        alt.renderers.enable("jupyter", offline=True)
    else:
        alt.renderers.enable("html")
    return chosen
