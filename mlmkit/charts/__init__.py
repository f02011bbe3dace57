"""Altair chart builders. Every function returns a chart and never displays it.

One rule for where a chart lives: ``mk.charts.<topic>.<chart>``, where the topic is the
model module whose results it draws (:mod:`mlmkit.charts.network`,
:mod:`mlmkit.charts.plans`, :mod:`mlmkit.charts.simulate`,
:mod:`mlmkit.charts.scorecard`, :mod:`mlmkit.charts.books`). Only
:func:`setup_altair` and :func:`swap_data` (fast redraws: put new data into a spec built
once, with each chart's ``<name>_frame`` function) sit at this level.

Charts are computed from the model and stay under Altair's 5,000-row limit by
aggregating in pandas (never by switching the limit off).

Call :func:`setup_altair` once per notebook so charts draw in JupyterLab with no
internet. Importing this module changes nothing by itself.
"""

from __future__ import annotations

import importlib
from typing import Any

import mlmkit._fast_import  # noqa: F401  (first: skips a slow checker before Altair loads jsonschema)
from mlmkit._compat import alias_module, warn_renamed
from mlmkit.charts._setup import setup_altair
from mlmkit.charts._spec import swap_data

__all__ = ["setup_altair", "swap_data"]

#: Charts once reached at ``mk.charts.<name>``: now ``mk.charts.network.<name>``.
_MOVED_TO_NETWORK = {"commission_flow", "downline_tree", "members_per_level", "tree_layout"}

alias_module("mlmkit.charts.simulation", "mlmkit.charts.simulate")


def __getattr__(name: str) -> Any:
    """Load a topic submodule (``mk.charts.plans``, ``mk.charts.scorecard``, ...) on first use."""
    if name in _MOVED_TO_NETWORK:
        warn_renamed(f"mlmkit.charts.{name}", f"mlmkit.charts.network.{name}")
        return getattr(importlib.import_module("mlmkit.charts.network"), name)
    try:
        return importlib.import_module(f"mlmkit.charts.{name}")
    except ModuleNotFoundError:
        raise AttributeError(f"module 'mlmkit.charts' has no attribute {name!r}") from None
