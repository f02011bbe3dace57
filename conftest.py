"""Test-session settings shared by the tests and the doctests.

``mk.charts.setup_altair()`` (called by notebooks and by many tests) sets pandas display
options on purpose, for readers. Each test gets the options it started with back, so a
doctest's expected output never depends on which test ran before it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

_DISPLAY_OPTIONS = ("display.max_colwidth", "display.float_format", "display.html.use_mathjax")


@pytest.fixture(autouse=True)
def _restore_pandas_display_options() -> Iterator[None]:
    saved = {name: pd.get_option(name) for name in _DISPLAY_OPTIONS}
    yield
    for name, value in saved.items():
        pd.set_option(name, value)


_ROOT = Path(__file__).resolve().parent
#: What a test run may leave at the top of the checkout (caches; all in .gitignore).
_ROOT_MAY_GAIN = {".hypothesis", ".pytest_cache", ".mypy_cache", ".ruff_cache", "build", "__pycache__", ".coverage"}


_WATCHED = sorted({_ROOT, Path.cwd().resolve()})  # the checkout and where pytest was started


def _root_entries() -> set[str]:
    entries: set[str] = set()
    for folder in _WATCHED:
        try:
            entries |= {str(folder / name) if folder != _ROOT else name for name in os.listdir(folder)}
        except OSError:
            pass
    return entries


@pytest.fixture(autouse=True)
def _no_files_left_in_the_checkout(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test that creates a file at the top of the checkout (a fuzzed save path once did).

    A test writes under ``tmp_path`` (or a scratch folder it ``chdir``s into), never into the
    directory pytest was started from.
    """
    before = _root_entries()
    yield
    new = sorted(name for name in _root_entries() - before if name not in _ROOT_MAY_GAIN)
    if new:
        pytest.fail(f"{request.node.nodeid} left files at the top of the checkout: {new!r}", pytrace=False)
