"""The readers' site explorers with hostile names, in real (headless) Chromium.

The seven kernel-free explorers (``mlmkit.charts.kernel_free``), fed hostile rate-set,
plan and company names, member ids, rank names and ledger notes
(``tests.test_hostile_text.explorer_builders``), are put on a page the way
``tools/build_site.py`` builds the site (its nbconvert template, the Vega bundle inlined).
A reader then uses every control (every dropdown option, every checkbox, each slider at
both ends) and points at the marks for their tooltips. Nothing may open a dialog, no
element may be made from a name, and the names must be readable as text in the dropdowns,
the axes, the title and the tooltips.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from mlmkit.charts._setup import EMBED_OPTIONS, safe_html_renderer
from tests.browser import browser_page, need_browser, page_errors
from tests.test_hostile_text import EXPLORER_NAMES, HOSTILE, LINE_BREAK, QUOTES, chart_builders

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "build" / "screenshots" / "hostile"
ALL_DRAWN = (
    "() => document.querySelectorAll('.vega-embed svg.marks').length"
    " === document.querySelectorAll('.vega-embed').length"
)
#: Every text a reader can see in the explorers: options, SVG text, the tooltip box.
SEEN_TEXT = """() => [
  ...[...document.querySelectorAll('.vega-bindings option')].map(o => o.textContent),
  ...[...document.querySelectorAll('.vega-embed svg text')].map(t => t.textContent),
  ...[...document.querySelectorAll('.vg-tooltip.visible')].map(t => t.textContent),
]"""
#: Elements that would only be there if a name had become markup.
MADE_FROM_NAMES = "() => document.querySelectorAll('main img, .jp-Notebook img, b, iframe, object').length"


def site_page(target: Path) -> Path:
    """One page of the site (its template and decoration) holding every explorer."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_site import decorate, to_html
    finally:
        sys.path.remove(str(ROOT / "tools"))
    builders = chart_builders()
    cells = []
    for name in sorted(EXPLORER_NAMES):
        chart = builders[name]()
        bundle = safe_html_renderer(chart.to_dict(), embed_options=dict(EMBED_OPTIONS))
        cell = new_code_cell(f"# {name}")
        cell.outputs = [new_output("display_data", data={"text/html": bundle["text/html"]})]
        cells.append(cell)
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    page = decorate(to_html(nbformat.from_dict(nb), show_code=False), title="hostile explorers", nav="", pager="")
    out = target / "hostile_explorers.html"
    out.write_text(page, encoding="utf-8")
    return out


USE_EVERY_CONTROL = """async () => {
  const pause = () => new Promise(done => setTimeout(done, 60));
  let used = 0;
  for (const el of document.querySelectorAll('.vega-bindings select')) {
    for (const option of [...el.options]) {
      el.value = option.value; el.dispatchEvent(new Event('change')); used += 1; await pause();
    }
  }
  for (const el of document.querySelectorAll('.vega-bindings input[type=checkbox]')) {
    for (let k = 0; k < 2; k++) { el.click(); used += 1; await pause(); }
  }
  for (const el of document.querySelectorAll('.vega-bindings input[type=range]')) {
    for (const value of [el.min, el.max]) {
      el.value = value; el.dispatchEvent(new Event('input')); used += 1; await pause();
    }
  }
  return used;
}"""


def test_site_explorers_with_hostile_names_run_no_script_and_show_the_names(tmp_path: Path):
    need_browser()
    page_path = site_page(tmp_path)
    with browser_page(viewport=(1280, 900)) as (page, log):
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(page_path.as_uri())
        page.wait_for_function(ALL_DRAWN, timeout=60_000)
        assert page.locator(".vega-embed").count() == len(EXPLORER_NAMES)
        assert page.evaluate(USE_EVERY_CONTROL) >= 20, "the explorers' controls were not found"
        seen = "\n".join(page.evaluate(SEEN_TEXT))
        hovered = 0
        tooltips: list[str] = []
        charts = page.locator(".vega-embed")
        for chart in range(charts.count()):  # point at the first marks of every explorer
            marks = charts.nth(chart).locator("svg g.role-mark.mark-rect path, svg g.role-mark.mark-symbol path")
            for number in range(min(marks.count(), 6)):
                mark = marks.nth(number)
                if not mark.is_visible():
                    continue
                mark.hover(force=True, timeout=2_000)
                page.wait_for_timeout(40)
                hovered += 1
                tooltips += page.eval_on_selector_all(".vg-tooltip.visible", "els => els.map(e => e.textContent)")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "site_explorers.png"), full_page=True)
        made = page.evaluate(MADE_FROM_NAMES)
    assert dialogs == [], f"{len(dialogs)} dialogs opened: a hostile name ran as script"
    assert made == 0, "a hostile name became an element of the page"
    assert hovered >= 10, "too few marks to point at"
    for name in (HOSTILE, QUOTES, LINE_BREAK):
        assert name in seen, f"the name {name!r} is not shown as text in the explorers' dropdowns"
    assert any(HOSTILE in tip for tip in tooltips), "no tooltip showed a hostile company name as text"
    assert page_errors(log) == [], "the explorers logged errors (an empty or broken chart)"
    assert [line for line in log["console"] if "WARN" in line] == [], "Vega warned about an explorer"
    assert log["external"] == []


@pytest.mark.parametrize("name", sorted(EXPLORER_NAMES))
def test_every_explorer_is_on_the_hostile_page(name: str):
    """Keeps the page above honest: each explorer it shows is a real, non-empty chart."""
    chart = chart_builders()[name]()
    assert chart.to_dict().get("params") or any(
        part.get("params") for part in chart.to_dict().get("vconcat", [])
    ), f"{name} has no controls"
