"""Exported pages work with no internet and look right to a reader (real Chromium).

Every notebook in ``notebooks/`` is exported as ``make html`` does and opened from disk
in headless Chromium with every non-local request blocked. The test then looks at the
page the way a reader does: every chart draws marks with no Vega warning, no text is
typeset as maths, no table cell is in scientific notation or cut short, and nothing
was fetched. Screenshots down each page go to ``build/screenshots/html/``.

Under ``make test`` the pages come from the nbval run (``tools/nbval_export.py``, so each
notebook is executed once); ``MLMKIT_EXPORTED_DIR`` points at them. Run alone, this
module exports the notebooks itself.

A page built from hostile names (every result type, every chart builder) must open
with zero dialogs and show the names as text.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.browser import (
    LOOK_JS,
    browser_page,
    need_browser,
    page_errors,
    scroll_screenshots,
    seen_problems,
    settled,
    vega_warnings,
)
from tests.test_hostile_text import builder_names

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHOTS = ROOT / "build" / "screenshots" / "html"
ALL_DRAWN = (
    "() => document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
    " === document.querySelectorAll('.vega-embed').length"
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_browser()
    ready = os.environ.get("MLMKIT_EXPORTED_DIR")
    if ready and all((Path(ready) / f"{nb.stem}.html").exists() for nb in NOTEBOOKS):
        return Path(ready).resolve()
    target = tmp_path_factory.mktemp("html")
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "export_html.py"), *map(str, NOTEBOOKS), str(target)],
        check=True, capture_output=True, timeout=1800,
    )
    return target


def look_at(page_path: Path, shots: str | None) -> tuple[dict, dict, list[str]]:
    with browser_page(viewport=(1280, 900)) as (page, log):
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.as_uri())
        page.wait_for_function(ALL_DRAWN, timeout=60_000)
        settled(page)
        found = page.evaluate(LOOK_JS, None)
        if shots:
            scroll_screenshots(page, SHOTS, shots)
        found["text"] = page.inner_text("body")
    return found, log, dialogs


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_exported_page_draws_every_chart_offline_and_reads_right(exported: Path, notebook: Path):
    page_path = exported / (notebook.stem + ".html")
    html = page_path.read_text(encoding="utf-8")
    assert "<script src=" not in html.replace(" ", "")
    assert "require.min.js" not in html
    found, log, dialogs = look_at(page_path, notebook.stem)
    assert len(found["charts"]) >= 1, "no chart on the page"
    problems = seen_problems(found, vega_warnings=vega_warnings(log))
    assert problems == [], f"{notebook.stem}: a reader would see: " + "; ".join(problems)
    assert log["external"] == []
    assert page_errors(log) == []
    assert dialogs == []


HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
HOSTILE_CELLS = [
    "import mlmkit as mk\nmk.charts.setup_altair()",
    "from tests.test_hostile_text import HOSTILE, NO_USER_TEXT, builder_names, chart_builders, result_htmls\n"
    "from IPython.display import HTML, display\n"
    "assert HOSTILE == " + repr(HOSTILE),
    "for name, page in result_htmls().items():\n    display(HTML(page))",
    "builders = chart_builders()\n"
    "for name in builder_names():\n"
    "    chart = builders[name]()\n"
    "    display(chart.properties(title=HOSTILE) if name in NO_USER_TEXT else chart)",
]


def test_hostile_names_in_every_result_and_chart_run_no_script(tmp_path: Path):
    need_browser()
    nb = new_notebook(cells=[new_markdown_cell("Hostile names")] + [new_code_cell(c) for c in HOSTILE_CELLS])
    source = tmp_path / "hostile.ipynb"
    nbformat.write(nb, source)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "export_html.py"), str(source), str(tmp_path)],
        check=True, capture_output=True, timeout=600, env=env, cwd=ROOT,
    )
    found, log, dialogs = look_at(tmp_path / "hostile.html", None)
    assert dialogs == [], f"{len(dialogs)} dialogs opened: hostile text ran as script"
    assert found["text"].count("alert(1)") >= 4, "the hostile names are not shown as text"
    assert len(found["charts"]) >= len(builder_names())
    assert page_errors(log) == []
