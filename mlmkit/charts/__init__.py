"""Altair chart builders. Every function returns a chart and never displays it.

Charts are computed from the model and stay under Altair's 5,000-row limit by
aggregating in pandas (never by switching the limit off).

Call :func:`setup_altair` once per notebook so charts draw in JupyterLab with no
internet. Importing this module changes nothing by itself.
"""

from __future__ import annotations

import importlib
from typing import Any

import mlmkit._fast_import  # noqa: F401  (first: skips a slow checker before Altair loads jsonschema)
from mlmkit.charts._setup import setup_altair
from mlmkit.charts.network import (
    commission_flow,
    downline_tree,
    members_per_level,
    tree_layout,
)

__all__ = [
    "commission_flow",
    "downline_tree",
    "members_per_level",
    "setup_altair",
    "tree_layout",
]


def __getattr__(name: str) -> Any:
    """Load a topic submodule (``mk.charts.plans``, ``mk.charts.scorecard``, ...) on first use."""
    try:
        return importlib.import_module(f"mlmkit.charts.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'mlmkit.charts' has no attribute {name!r}") from None
