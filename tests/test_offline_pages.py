"""Exported pages work with no internet: every chart draws, nothing is fetched (real Chromium).

Every notebook is exported with ``tools/export_html.py`` (as ``make html`` does) and
opened from disk in headless Chromium with every non-local request blocked.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import browser_page, need_browser, page_errors

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ALL_DRAWN = (
    "() => document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
    " === document.querySelectorAll('.vega-embed').length"
)
COUNT_CHARTS = """() => {
  const embeds = [...document.querySelectorAll('.vega-embed')];
  return {embeds: embeds.length,
          drawn: embeds.filter(e => e.querySelector('svg.marks, canvas.marks')).length};
}"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_browser()
    target = tmp_path_factory.mktemp("html")
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "export_html.py"), *map(str, NOTEBOOKS), str(target)],
        check=True, capture_output=True, timeout=1200,
    )
    return target


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda path: path.stem)
def test_exported_page_draws_every_chart_offline(exported: Path, notebook: Path):
    page_path = exported / (notebook.stem + ".html")
    html = page_path.read_text(encoding="utf-8")
    assert "<script src=" not in html.replace(" ", "")
    assert "require.min.js" not in html
    with browser_page() as (page, log):
        page.goto(page_path.as_uri())
        page.wait_for_function(ALL_DRAWN, timeout=60_000)
        counts = page.evaluate(COUNT_CHARTS)
    assert counts["embeds"] >= 2
    assert counts["drawn"] == counts["embeds"]
    assert log["external"] == []
    assert page_errors(log) == []
