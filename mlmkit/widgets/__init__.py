"""Interactive explorers for the notebooks (ipywidgets).

This is the only part of mlmkit that imports ipywidgets. One rule for where an
explorer lives: ``mk.widgets.<topic>.<Explorer>``, where the topic is the model module
it explores, as for charts: :class:`mlmkit.widgets.network.DownlineExplorer`,
:class:`mlmkit.widgets.plans.PlanExplorer`, :class:`mlmkit.widgets.simulate.MarketExplorer`,
:mod:`mlmkit.widgets.scorecard`, :mod:`mlmkit.widgets.books`.

Each explorer keeps its logic apart from its layout: ``controls`` holds the ipywidgets,
``result`` holds what the last update computed (through pure functions in the lower
modules), and ``view`` is the layout to display. A test can set
``controls[name].value`` and check ``result`` without a browser.
"""

from __future__ import annotations

import importlib
from typing import Any

import mlmkit._fast_import  # noqa: F401  (first: skips a slow checker before Altair loads jsonschema)
from mlmkit._compat import alias_module, warn_renamed

__all__: list[str] = []

alias_module("mlmkit.widgets.explorer", "mlmkit.widgets.network")
alias_module("mlmkit.widgets.simulation", "mlmkit.widgets.simulate")


def __getattr__(name: str) -> Any:
    """Load a topic submodule (``mk.widgets.plans``, ``mk.widgets.scorecard``, ...) on first use."""
    if name == "DownlineExplorer":
        warn_renamed("mlmkit.widgets.DownlineExplorer", "mlmkit.widgets.network.DownlineExplorer")
        return importlib.import_module("mlmkit.widgets.network").DownlineExplorer
    try:
        return importlib.import_module(f"mlmkit.widgets.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'mlmkit.widgets' has no attribute {name!r}") from None
