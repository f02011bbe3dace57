"""The readers' site and the slides in headless Chromium (``make site``, ``make slides``).

The site is built once per test session (executed notebooks are reused from
``build/executed/``), served from a local server on 127.0.0.1, and opened with every
outside request blocked. On every page: the charts draw marks, there are no console
errors, a control is moved and the chart changes, and no solution text appears.
Screenshots go to ``build/screenshots/site/``. The slides open and advance.

Set ``MLMKIT_SITE_DIR`` to test a site already built instead of building one.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from tests.browser import browser_page, need_browser, page_errors, save_screenshot, settled

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SHOTS = ROOT / "build" / "screenshots" / "site"
BUILD_TIMEOUT_S = 1_500
LECTURE = ROOT / "notebooks" / "01_levels_downlines_commissions.ipynb"  # the deck the slide test opens

pytestmark = pytest.mark.browser
ALL_DRAWN = (
    "() => document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks').length"
    " === document.querySelectorAll('.vega-embed').length"
)


def _build(what: str, target: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / f"build_{what}.py"), *(["site"] if what == "site" else []),
         str(ROOT / "notebooks"), str(target)],
        check=True, timeout=BUILD_TIMEOUT_S, cwd=ROOT,
    )


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if os.environ.get("MLMKIT_SITE_DIR"):
        return Path(os.environ["MLMKIT_SITE_DIR"])
    target = ROOT / "build" / "site"
    _build("site", target)
    return target


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


def solution_snippets(path: Path) -> list[str]:
    """Distinctive lines of the notebook's solution cells (code a reader must not see)."""
    nb = nbformat.read(path, as_version=4)
    snippets = []
    for cell in nb.cells:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            lines = [line.strip() for line in cell.source.splitlines()
                     if len(line.strip()) > 25 and not line.strip().startswith("#")]
            snippets.extend(lines[:2])
    return snippets


# -------------------------------------------------------------------- without a browser
def test_every_notebook_has_a_page(site_dir: Path):
    for path in NOTEBOOKS:
        assert (site_dir / f"{path.stem}.html").exists(), path.stem
    assert (site_dir / "index.html").exists() and (site_dir / "glossary.html").exists()


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_no_solutions_or_cdn_on_reader_pages(site_dir: Path, notebook: Path):
    page = (site_dir / f"{notebook.stem}.html").read_text(encoding="utf-8")
    for snippet in solution_snippets(notebook):
        assert snippet not in page and snippet.replace('"', "&quot;") not in page, snippet
    assert "# Solution" not in page
    assert "MLMKIT-FINGERPRINT" not in page
    for host in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com"):
        assert f"src=\"https://{host}" not in page


def test_index_names_the_three_paths_and_links_every_page(site_dir: Path):
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    for words in ("recruiting you", "If you teach", "reading to understand", "not legal or financial advice"):
        assert words in index
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index


# -------------------------------------------------------------------- in the browser
#: Per chart, the data marks a person can see: inside the chart, with an area (a bar of height 0,
#: as log-scale bars from 0 are drawn, does not count).
VISIBLE_MARKS = """els => els.map(svg => {
  const box = svg.getBoundingClientRect();
  let n = 0;
  for (const g of svg.querySelectorAll('g.role-mark')) {
    const area = g.classList.contains('mark-rect') || g.classList.contains('mark-area');
    for (const item of g.querySelectorAll('path, line, circle, rect')) {
      const b = item.getBoundingClientRect();
      const seen = area ? (b.width > 0.5 && b.height > 0.5) : (b.width > 0.5 || b.height > 0.5);
      if (seen && b.bottom > box.top && b.top < box.bottom && b.right > box.left && b.left < box.right) n++;
    }
  }
  return n;
})"""


CHART_STATE_JS = (
    "() => [...document.querySelectorAll('.vega-embed svg.marks, .vega-embed canvas.marks')].map(e =>"
    " e.tagName === 'svg' ? e.innerHTML.length + ':' + e.querySelectorAll('path,rect,text').length"
    " + ':' + Array.from(e.querySelectorAll('text')).map(t => t.textContent).join('|') : e.toDataURL().length)"
)


def _chart_state(page) -> list[str]:
    """Each chart's drawn marks as text (changes when the data shown changes)."""
    return page.evaluate(CHART_STATE_JS)


def _wait_for_change(page, before: list[str], timeout_ms: int = 2_000) -> None:
    """Wait until a chart shows something else than ``before`` (or ``timeout_ms`` passed)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(f"before => JSON.stringify(({CHART_STATE_JS})()) !== before",
                               arg=json.dumps(before, separators=(",", ":")), timeout=timeout_ms, polling=50)
    settled(page)  # the redraw has finished


def move(control) -> None:
    """Change a Vega control the way a reader would: another option, a click, the other end."""
    kind = control.evaluate("e => e.tagName + ':' + (e.type || '')")
    if kind.startswith("SELECT"):
        options = control.evaluate("e => Array.from(e.options).map(o => o.value)")
        control.select_option(options[-1] if control.input_value() != options[-1] else options[0])
    elif kind.endswith("checkbox") or kind.endswith("radio"):
        control.click()
    else:
        control.evaluate("e => { e.value = (e.value === e.max) ? e.min : e.max; e.dispatchEvent(new Event('input')); }")


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem[:2])
def test_page_draws_and_a_control_changes_its_chart(site_url: str, notebook: Path):
    need_browser()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browser_page() as (page, log):
        page.goto(f"{site_url}/{notebook.stem}.html", wait_until="load")
        page.wait_for_selector(".vega-embed svg.marks, .vega-embed canvas.marks", timeout=30_000)
        page.wait_for_function(ALL_DRAWN, timeout=30_000)
        settled(page)
        charts = page.locator(".vega-embed")
        assert charts.count() >= 1
        nav = page.locator("nav.site")
        assert nav.count() == 1 and nav.is_visible(), "no site navigation at the top"
        assert nav.locator("a").count() == len(NOTEBOOKS) + 2
        assert page.locator("nav.pager a").count() == 2
        marks = page.eval_on_selector_all(".vega-embed svg.marks", VISIBLE_MARKS)
        assert marks and min(marks) > 0, f"a chart drew no visible marks: {marks}"
        save_screenshot(page, SHOTS / f"{notebook.stem}.png", full_page=True)
        controls = page.locator(".vega-bindings input, .vega-bindings select")
        assert controls.count() >= 1, "no control on the page"
        changed = None
        for number in range(controls.count()):
            before = _chart_state(page)
            move(controls.nth(number))
            _wait_for_change(page, before)
            if _chart_state(page) != before:
                changed = number
                break
        assert changed is not None, "moving a control changed no chart"
        assert min(page.eval_on_selector_all(".vega-embed svg.marks", VISIBLE_MARKS)) > 0
        controls.nth(changed).scroll_into_view_if_needed()
        save_screenshot(page, SHOTS / f"{notebook.stem}_moved.png")
        assert page_errors(log) == []
        assert log["external"] == []


def test_glossary_links_resolve_and_phone_layout(site_url: str, site_dir: Path):
    need_browser()
    SHOTS.mkdir(parents=True, exist_ok=True)
    glossary = (site_dir / "glossary.html").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        page_text = (site_dir / f"{path.stem}.html").read_text(encoding="utf-8")
        for anchor in __import__("re").findall(r'href="glossary\.html#([a-z0-9-]+)"', page_text):
            assert f'id="{anchor}"' in glossary, f"{path.stem} links to missing glossary term {anchor}"
    with browser_page(viewport=(390, 844)) as (page, log):
        page.goto(f"{site_url}/index.html", wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"the index scrolls sideways on a phone ({width}px)"
        save_screenshot(page, SHOTS / "index_phone.png", full_page=True)
        page.goto(f"{site_url}/{NOTEBOOKS[0].stem}.html", wait_until="load")
        page.wait_for_selector(".vega-embed svg.marks", timeout=30_000)
        assert page.locator("nav.site").is_visible()
        save_screenshot(page, SHOTS / f"{NOTEBOOKS[0].stem}_phone.png")
        page.goto(f"{site_url}/glossary.html", wait_until="load")
        save_screenshot(page, SHOTS / "glossary_phone.png")
        assert page_errors(log) == [] and log["external"] == []


@pytest.fixture(scope="session")
def slides_dir() -> Path:
    target = ROOT / "build" / "slides"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_slides.py"), str(LECTURE), str(target)],
        check=True, timeout=BUILD_TIMEOUT_S, cwd=ROOT,
    )
    return target


def test_slides_open_and_advance(slides_dir: Path):
    need_browser()
    SHOTS.mkdir(parents=True, exist_ok=True)
    deck = slides_dir / f"{LECTURE.stem}.html"
    with serve(slides_dir) as url, browser_page(viewport=(1024, 768)) as (page, log):
        page.goto(f"{url}/{deck.name}", wait_until="load")
        page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=20_000)
        assert page.evaluate("Reveal.getTotalSlides()") >= 3
        first = page.evaluate("Reveal.getIndices().h")
        save_screenshot(page, SHOTS / "slides_first.png")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(800)
        assert page.evaluate("Reveal.getIndices().h") == first + 1
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(800)
        save_screenshot(page, SHOTS / "slides_third.png")
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(800)
        save_screenshot(page, SHOTS / "slides_third_down.png")
        assert page_errors(log) == [] and log["external"] == []
