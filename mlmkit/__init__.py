"""mlmkit: look at a multi-level marketing opportunity with clear eyes.

An educational toolkit behind a suite of Jupyter notebooks: downlines as arrays,
pay plans, market simulations, participants' profit and loss, and a scorecard for
an opportunity. It computes *indicators* and cites the rule each one comes from.
**This is education, not legal or financial advice.**

``import mlmkit`` is light: it does not import ipywidgets, and it changes no global
state (no Altair renderer or theme). Call :func:`mlmkit.charts.setup_altair` once in a
notebook to draw charts offline.

Examples
--------
>>> import mlmkit as mk
>>> net = mk.network.full_tree(recruits_each=6, depth=2)
>>> net.size
43
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = {
    "network",
    "plans",
    "simulate",
    "economics",
    "scorecard",
    "charts",
    "widgets",
    "sources",
    "datasets",
    "disclosure",
    "books",
    "glossary",
    "selfcheck",
    "planners",
    "safe_write",
    "cli",
}

__all__ = sorted(_SUBMODULES | {"__version__"})

from mlmkit import network as network  # noqa: E402  (light modules, loaded eagerly)
from mlmkit import sources as sources  # noqa: E402


def __getattr__(name: str) -> Any:
    """Load heavier submodules (charts, widgets, ...) on first use."""
    if name in _SUBMODULES:
        return importlib.import_module(f"mlmkit.{name}")
    raise AttributeError(f"module 'mlmkit' has no attribute {name!r}")
