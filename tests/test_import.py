"""`import mlmkit` is light: fast, no ipywidgets, no global state changed."""

from __future__ import annotations

import subprocess
import sys


def run(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_import_does_not_load_ipywidgets_or_charts():
    out = run(
        "import sys, mlmkit; "
        "print(sorted(m for m in ('ipywidgets', 'altair', 'mlmkit.widgets', 'mlmkit.charts') if m in sys.modules))"
    )
    assert out == "[]"


def test_import_changes_no_altair_state():
    out = run(
        "import altair as alt; before = (alt.renderers.active, alt.themes.active "
        "if hasattr(alt, 'themes') else None); import mlmkit, mlmkit.charts, mlmkit.plans; "
        "after = (alt.renderers.active, alt.themes.active if hasattr(alt, 'themes') else None); "
        "print(before == after)"
    )
    assert out == "True"


def test_lazy_submodules_load_on_use():
    out = run("import mlmkit as mk; print(mk.plans.UnilevelPlan.__name__, mk.charts.setup_altair.__name__)")
    assert out == "UnilevelPlan setup_altair"
