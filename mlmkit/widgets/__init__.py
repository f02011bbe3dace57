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

import mlmkit._fast_import  # noqa: F401  (first: skips a slow checker before Altair loads jsonschema)

__all__ = ["DownlineExplorer"]

#: Names loaded on first use, so ``import mlmkit.widgets`` stays fast (Altair and
#: ipywidgets load when an explorer is first made).
_LAZY = {"DownlineExplorer": "mlmkit.widgets.explorer"}


def __getattr__(name: str) -> Any:
    """Load an explorer class or a topic submodule (``mk.widgets.plans``, ...) on first use."""
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    try:
        return importlib.import_module(f"mlmkit.widgets.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'mlmkit.widgets' has no attribute {name!r}") from None
