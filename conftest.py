"""Test-session settings shared by the tests and the doctests.

``mk.charts.setup_altair()`` (called by notebooks and by many tests) sets pandas display
options on purpose, for readers. Each test gets the options it started with back, so a
doctest's expected output never depends on which test ran before it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest

_DISPLAY_OPTIONS = ("display.max_colwidth", "display.float_format", "display.html.use_mathjax")


@pytest.fixture(autouse=True)
def _restore_pandas_display_options() -> Iterator[None]:
    saved = {name: pd.get_option(name) for name in _DISPLAY_OPTIONS}
    yield
    for name, value in saved.items():
        pd.set_option(name, value)
