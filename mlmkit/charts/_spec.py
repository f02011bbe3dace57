"""Redraw a chart fast: put new data into a spec that was built and validated once.

The public shape for explorers (and anyone animating a chart): every chart builder
``mk.charts.<topic>.<chart>(...)`` that an explorer redraws has, in the same module's
``__all__``, a ``<name>_frame(...)`` function giving the table it draws (and, where a
title or height depends on the data, a ``<name>_title``/``<name>_height`` function).
Build the chart once, then on every change::

    spec = swap_data(spec, members_per_level_frame(network))

:func:`swap_data` is what ``mlmkit.widgets`` uses.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

__all__ = ["swap_data"]


def swap_data(spec: dict[str, Any], frame: pd.DataFrame, **top_level: Any) -> dict[str, Any]:
    """A copy of a chart spec with its one dataset replaced by ``frame`` (and top-level fields set).

    Building and validating an Altair chart takes tens of milliseconds; swapping the data
    into a spec that was validated once takes about one, so controls answer at once.
    Missing values become JSON ``null``. The spec is a ``chart.to_dict()`` with one
    dataset (Altair puts a chart's data under ``datasets``); ``top_level`` sets fields
    such as ``title`` or ``height``.

    Examples
    --------
    >>> spec = {"mark": "bar", "datasets": {"data-1": [{"x": 1}]}}
    >>> swap_data(spec, pd.DataFrame({"x": [2.0, float("nan")]}), title="t")
    {'mark': 'bar', 'datasets': {'data-1': [{'x': 2.0}, {'x': None}]}, 'title': 't'}
    """
    (name,) = spec["datasets"]
    records = [
        {key: (None if _missing(value) else value) for key, value in row.items()}
        for row in frame.to_dict("records")
    ]
    return {**spec, **top_level, "datasets": {name: records}}


def _missing(value: Any) -> bool:
    return value is pd.NA or (isinstance(value, float) and math.isnan(value))
