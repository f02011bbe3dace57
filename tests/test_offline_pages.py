"""Exported pages work with no internet: every chart draws, nothing is fetched (real Chromium)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import browser_page, need_browser, page_errors

ROOT = Path(__file__).resolve().parent.parent
COUNT_CHARTS = """() => {
  const embeds = [...document.querySelectorAll('.vega-embed')];
  return {embeds: embeds.length,
          drawn: embeds.filter(e => e.querySelector('svg.marks, canvas.marks')).length};
}"""


@pytest.fixture(scope="module")
def exported_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    need_browser()
    target = tmp_path_factory.mktemp("html")
    notebook = ROOT / "notebooks" / "01_levels_downlines_commissions.ipynb"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "export_html.py"), str(notebook), str(target)],
        check=True, capture_output=True, timeout=600,
    )
    return target / (notebook.stem + ".html")


def test_exported_notebook_has_no_script_from_the_web(exported_page: Path):
    html = exported_page.read_text(encoding="utf-8")
    assert "<script src=" not in html.replace(" ", "")
    assert "require.min.js" not in html
    assert html.count("vegaEmbed") >= 1


def test_exported_notebook_draws_every_chart_offline(exported_page: Path):
    with browser_page() as (page, log):
        page.goto(exported_page.as_uri())
        page.wait_for_function(
            "() => document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
            " === document.querySelectorAll('.vega-embed').length",
            timeout=30_000,
        )
        counts = page.evaluate(COUNT_CHARTS)
    assert counts["embeds"] >= 4
    assert counts["drawn"] == counts["embeds"]
    assert log["external"] == []
    assert page_errors(log) == []
