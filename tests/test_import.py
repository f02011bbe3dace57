"""`import mlmkit` is light: fast, no ipywidgets, no global state changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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


#: Runs mlmkit/_fast_import.py as a module of its own (mlmkit itself is not imported), so that
#: Altair's jsonschema loads without the IRI checker mlmkit skips too (its grammar: 1.4 s).
SKIP_IRI_CHECKER = (
    "import importlib.util as u; s = u.spec_from_file_location('skip_iri', "
    f"{str(Path(__file__).resolve().parent.parent / 'mlmkit' / '_fast_import.py')!r}); "
    "s.loader.exec_module(u.module_from_spec(s)); "
)


def test_import_changes_no_altair_state():
    out = run(
        SKIP_IRI_CHECKER + "import sys; import altair as alt; assert 'mlmkit' not in sys.modules; "
        "before = (alt.renderers.active, alt.themes.active "
        "if hasattr(alt, 'themes') else None); import mlmkit, mlmkit.charts, mlmkit.plans; "
        "after = (alt.renderers.active, alt.themes.active if hasattr(alt, 'themes') else None); "
        "print(before == after)"
    )
    assert out == "True"


def test_lazy_submodules_load_on_use():
    out = run("import mlmkit as mk; print(mk.plans.UnilevelPlan.__name__, mk.charts.setup_altair.__name__)")
    assert out == "UnilevelPlan setup_altair"
