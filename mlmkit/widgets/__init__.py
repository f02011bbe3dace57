"""Interactive explorers for the notebooks (ipywidgets).

This is the only part of mlmkit that imports ipywidgets. Each explorer keeps its
logic apart from its layout: ``controls`` holds the ipywidgets, ``result`` holds
what the last update computed (through pure functions in the lower modules), and
``view`` is the layout to display. A test can set ``controls[name].value`` and
check ``result`` without a browser.
"""

from __future__ import annotations

import importlib
from typing import Any

from mlmkit.widgets.explorer import DownlineExplorer

__all__ = ["DownlineExplorer"]


def __getattr__(name: str) -> Any:
    """Load a topic submodule (``mk.widgets.plans``, ``mk.widgets.scorecard``, ...) on first use."""
    try:
        return importlib.import_module(f"mlmkit.widgets.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'mlmkit.widgets' has no attribute {name!r}") from None
