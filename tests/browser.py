"""Headless Chromium for the offline page tests (Debian's /usr/bin/chromium via Playwright).

Every request that is not to a local file or loopback is aborted and recorded, so
"no external requests" means the page really needed nothing from the internet.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]
LOCAL = ("file:", "data:", "blob:", "about:", "http://127.0.0.1", "http://localhost",
         "ws://127.0.0.1", "ws://localhost")


def need_browser() -> None:
    """Skip (or fail, when MLMKIT_REQUIRE_BROWSER=1 as in CI) if Chromium or Playwright is missing."""
    missing = []
    if not os.path.exists(CHROMIUM):
        missing.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        if os.environ.get("MLMKIT_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)


_RUNNING: dict[str, Any] = {}


def _stop_browser() -> None:
    browser, playwright = _RUNNING.pop("browser", None), _RUNNING.pop("playwright", None)
    with contextlib.suppress(Exception):
        if browser is not None:
            browser.close()
    with contextlib.suppress(Exception):
        if playwright is not None:
            playwright.stop()


def _browser() -> Any:
    """One Chromium per test process (started on first use); each page gets a fresh context."""
    browser = _RUNNING.get("browser")
    if browser is not None and browser.is_connected():
        return browser
    _stop_browser()
    from playwright.sync_api import sync_playwright

    if not _RUNNING.get("atexit"):
        atexit.register(_stop_browser)
        _RUNNING["atexit"] = True
    _RUNNING["playwright"] = sync_playwright().start()
    _RUNNING["browser"] = _RUNNING["playwright"].chromium.launch(
        executable_path=CHROMIUM, headless=True, args=ARGS)
    return _RUNNING["browser"]


@contextlib.contextmanager
def browser_page(viewport: tuple[int, int] = (1200, 900)) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """Yield ``(page, log)``; ``log`` has console messages, page errors and external requests.

    Each call has its own browser context (no cookies, storage or cache shared with any
    other page); the Chromium process behind them is started once per test run.
    """
    log: dict[str, list[str]] = {"console": [], "pageerror": [], "external": []}
    context = _browser().new_context(viewport={"width": viewport[0], "height": viewport[1]})
    try:

        def route(handle: Any) -> None:
            url = handle.request.url
            if url.startswith(LOCAL):
                handle.continue_()
            else:
                log["external"].append(url)
                handle.abort("internetdisconnected")

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda message: log["console"].append(f"{message.type}: {message.text}"[:300]))
        page.on("pageerror", lambda error: log["pageerror"].append(str(error)[:300]))
        yield page, log
    finally:
        context.close()


def page_errors(log: dict[str, list[str]]) -> list[str]:
    """Console errors and uncaught page errors."""
    return [line for line in log["console"] if line.startswith("error")] + log["pageerror"]


# --------------------------------------------------------------------------- looking
#: What a reader would notice, measured in the page: maths where there is none, charts
#: without marks, cut or hidden text, unreadable table cells, chart titles, axes, legends or
#: marks drawn past the edge of their chart or under another chart or cell. Runs in Lab and
#: in exports.
LOOK_JS = r"""(root) => {
  const scope = root ? document.querySelector(root) : document;
  const found = {maths: [], charts: [], clipped: [], cells: [], cutText: [], wide: [], wideTables: [], hidden: []};
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return el.offsetParent !== null && r.width > 0 && r.height > 0;
  };
  const text = (el) => (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80);
  // the data marks a Vega view has drawn (no axes, legends or titles), with a size
  const sceneMarks = (view) => {
    const found = [];
    const walk = (node) => {
      for (const item of node.items || []) {
        if (node.role === 'mark' && node.marktype !== 'group') {
          const b = item.bounds;
          if (b && (b.x2 - b.x1 > 0 || b.y2 - b.y1 > 0)) found.push(item);
        }
        for (const child of item.items || []) walk(child);
      }
    };
    walk(view.scenegraph().root);
    return found;
  };
  // 1. maths typeset in markdown cells or outputs (prose never contains maths in this suite)
  for (const el of scope.querySelectorAll('mjx-container, .MathJax, .MathJax_Display, .MathJax_Preview')) {
    const cell = el.closest('.jp-Cell');
    found.maths.push(text(cell || el.parentElement));
  }
  // 2. every chart draws marks (an axis alone is not a chart)
  for (const embed of scope.querySelectorAll('.vega-embed')) {
    const svg = embed.querySelector('svg.marks');
    const canvas = embed.querySelector('canvas.marks');
    let marks = 0;
    if (svg) {
      for (const el of svg.querySelectorAll('g.role-mark > *')) {
        const box = el.getBBox ? el.getBBox() : {width: 0, height: 0};
        if (box.width > 0 || box.height > 0) marks += 1;
      }
      for (const t of svg.querySelectorAll('text')) {
        if (/…$/.test(t.textContent)) found.cutText.push(t.textContent);
      }
    } else if (canvas && embed.__mlmkitView) {
      marks = sceneMarks(embed.__mlmkitView).length;  // a live chart: count in Vega's scene graph
    } else if (canvas) {
      marks = -1;  // canvas: cannot count
    }
    const title = svg ? [...svg.querySelectorAll('.role-title-text text, .role-title text')].map(t => t.textContent).join(' ') : '';
    const output = embed.closest('.jp-OutputArea-output');
    if (svg && output) {
      const r = svg.getBoundingClientRect(), o = output.getBoundingClientRect();
      if (r.right > o.right + 2) found.wide.push('chart ' + JSON.stringify(title || '(untitled)') + ': '
        + Math.round(r.right - o.right) + ' px cut off at the right of its output');
    }
    found.charts.push({title: title || '(untitled chart)', marks, drawn: !!(svg || canvas)});
  }
  // 3. widget labels, read-outs and messages that are cut, outside their output or under a chart
  const charts = [...scope.querySelectorAll('.vega-embed')].map(e => e.getBoundingClientRect());
  const widgetText = '.widget-label, .widget-label-basic, .widget-readout, .widget-html-content, '
    + '.widget-checkbox label, .widget-toggle-button, .widget-button, .widget-dropdown select';
  for (const el of scope.querySelectorAll(widgetText)) {
    if (!visible(el) || !text(el)) continue;
    const r = el.getBoundingClientRect();
    const area = el.closest('.jp-OutputArea-output') || el.closest('.jp-Cell') || document.body;
    const a = area.getBoundingClientRect();
    const problems = [];
    if (el.scrollWidth > el.clientWidth + 1) problems.push('text cut (' + el.scrollWidth + ' px of text in ' + el.clientWidth + ' px)');
    if (r.left < a.left - 1) problems.push('starts ' + Math.round(a.left - r.left) + ' px left of its output');
    for (let p = el.parentElement; p && p !== area; p = p.parentElement) {
      if (getComputedStyle(p).overflowX === 'visible') continue;
      const box = p.getBoundingClientRect();
      if (r.right > box.right + 1 || r.left < box.left - 1) { problems.push('cut off by the box around it'); break; }
    }
    if (el.matches('.widget-readout') || el.closest('.widget-html')) {
      for (const c of charts) {
        const overlap = Math.min(r.right, c.right) - Math.max(r.left, c.left);
        const overlapY = Math.min(r.bottom, c.bottom) - Math.max(r.top, c.top);
        if (overlap > 2 && overlapY > 2) { problems.push('under a chart'); break; }
      }
    }
    if (problems.length) found.clipped.push(text(el) + ': ' + problems.join(', '));
  }
  // 4. table cells: no scientific notation, nothing cut to an ellipsis
  for (const cell of scope.querySelectorAll('.jp-OutputArea-output table td, .jp-OutputArea-output table th, .jp-RenderedHTMLCommon table td')) {
    const t = text(cell);
    if (/\d(\.\d+)?e[+-]\d/i.test(t)) found.cells.push(t + ' (scientific notation)');
    else if (/(\.\.\.|…)$/.test(t) && t.length > 3) found.cells.push(t + ' (cut short)');
  }
  found.cells = [...new Set(found.cells)];
  // 4b. tables wider than their output (the rest hidden until a reader scrolls the output
  //     sideways): a failure in the live-Lab check. mlmkit's table display shows a comparison on
  //     its side and lets a long word (a web address) break; a notebook picks the columns it needs
  for (const table of scope.querySelectorAll('.jp-OutputArea-output table')) {
    const output = table.closest('.jp-OutputArea-output');
    if (!visible(table)) continue;
    const r = table.getBoundingClientRect(), o = output.getBoundingClientRect();
    if (r.right > o.right + 2) found.wideTables.push('table ' + JSON.stringify(text(table.querySelector('tr') || table).slice(0, 60))
      + ': ' + Math.round(r.right - o.right) + ' px cut off at the right of its output');
  }
  // 5. chart text and marks a reader cannot see: drawn past the edge of the chart's own drawing
  //    (a canvas or svg shows nothing outside itself), or under another chart or cell
  const edge = 2;  // px a glyph may overhang (text bounds are estimates)
  const drawings = [...scope.querySelectorAll('.vega-embed')].map(embed => {
    const drawing = embed.querySelector('canvas.marks, svg.marks');
    return drawing && visible(drawing) ? {embed, drawing, r: drawing.getBoundingClientRect()} : null;
  }).filter(Boolean);
  const part = (role) => role === 'mark' ? 'marks' : role.startsWith('title') ? 'title'
    : role.startsWith('axis') ? 'axis' : role.startsWith('legend') ? 'legend' : role;
  const sides = (b, w, h) => [['top', -b.y1], ['bottom', b.y2 - h], ['left', -b.x1], ['right', b.x2 - w]]
    .filter(([, px]) => px > edge).map(([side, px]) => Math.round(px) + ' px at the ' + side);
  const chartName = (d) => {
    const view = d.embed.__mlmkitView;
    if (view) {
      const titles = [];
      const walk = (mark) => {
        for (const item of mark.items || []) {
          if (mark.role === 'title-text') titles.push([].concat(item.text).join(' '));
          if (mark.marktype === 'group') for (const child of item.items || []) walk(child);
        }
      };
      walk(view.scenegraph().root);
      if (titles.length) return titles[0];
    }
    const svgTitle = d.drawing.querySelector('.role-title-text text');
    return svgTitle ? svgTitle.textContent : '(untitled)';
  };
  for (const d of drawings) {
    const cut = {};  // part of the chart -> [how it is cut]
    const note = (role, b, w, h) => {
      const how = sides(b, w, h);
      if (how.length) (cut[part(role)] ||= new Set()).add(how.join(', '));
    };
    const view = d.embed.__mlmkitView;
    if (d.drawing.tagName === 'CANVAS' && view) {  // a live chart: every drawn item, from Vega's scene graph
      const [x0, y0] = view.origin();
      const walk = (mark, ox, oy) => {
        for (const item of mark.items || []) {
          if (mark.marktype === 'group') {
            for (const child of item.items || []) walk(child, ox + (item.x || 0), oy + (item.y || 0));
            continue;
          }
          const b = item.bounds;
          if (!b || !(b.x2 - b.x1 > 0 || b.y2 - b.y1 > 0) || item.opacity === 0) continue;
          if (mark.marktype === 'text' && ![].concat(item.text ?? '').join('')) continue;
          note(mark.role || 'mark', {x1: b.x1 + ox, x2: b.x2 + ox, y1: b.y1 + oy, y2: b.y2 + oy},
               d.r.width, d.r.height);
        }
      };
      walk(view.scenegraph().root, x0, y0);
    } else if (d.drawing.tagName === 'svg') {  // a static chart: its text as laid out
      for (const t of d.drawing.querySelectorAll('text')) {
        if (!t.textContent.trim()) continue;
        const b = t.getBoundingClientRect();
        if (!(b.width > 0 && b.height > 0)) continue;
        const group = t.closest('[class*="role-"]');
        const role = group ? [...group.classList].find(c => c.startsWith('role-')).slice(5) : 'mark';
        note(role, {x1: b.left - d.r.left, x2: b.right - d.r.left, y1: b.top - d.r.top, y2: b.bottom - d.r.top},
             d.r.width, d.r.height);
      }
    }
    for (const [what, how] of Object.entries(cut)) {
      found.hidden.push('chart ' + JSON.stringify(chartName(d)) + ': its ' + what + ' drawn past the edge of the chart ('
        + [...how].slice(0, 3).join('; ') + ')');
    }
  }
  const across = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > edge
    && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > edge;
  for (let i = 0; i < drawings.length; i++) {
    for (let j = i + 1; j < drawings.length; j++) {
      if (across(drawings[i].r, drawings[j].r)) {
        found.hidden.push('charts ' + JSON.stringify(chartName(drawings[i])) + ' and '
          + JSON.stringify(chartName(drawings[j])) + ' overlap');
      }
    }
    const cell = drawings[i].embed.closest('.jp-Cell');
    for (const other of scope.querySelectorAll('.jp-Cell')) {
      if (cell && other !== cell && visible(other) && across(drawings[i].r, other.getBoundingClientRect())) {
        found.hidden.push('chart ' + JSON.stringify(chartName(drawings[i])) + ' covers another cell');
      }
    }
  }
  // 6. code and printed text wider than its cell: the rest of the line is out of sight until a
  //    reader scrolls the cell sideways (JupyterLab's editor, an export's code, printed output)
  found.wideText = [];
  const lines = '.jp-CodeCell .cm-scroller, .jp-CodeCell .jp-InputArea-editor .highlight pre, '
    + '.jp-OutputArea-output pre';
  for (const el of scope.querySelectorAll(lines)) {
    if (!visible(el) || el.scrollWidth <= el.clientWidth + 2) continue;
    const where = el.closest('.jp-OutputArea-output') ? 'printed text' : 'code';
    const line = (el.innerText || '').split('\n').sort((a, b) => b.length - a.length)[0] || '';
    found.wideText.push(where + ' ' + (el.scrollWidth - el.clientWidth) + ' px wider than its cell: '
      + JSON.stringify(line.trim().slice(0, 70)));
  }
  return found;
}"""


def seen_problems(found: dict[str, Any], *, vega_warnings: list[str] | None = None) -> list[str]:
    """What a person would notice, as sentences (an empty list when the page looks right)."""
    problems = [f"text typeset as maths: {cell!r}" for cell in found["maths"]]
    for chart in found["charts"]:
        if not chart["drawn"]:
            problems.append(f"chart {chart['title']!r} did not draw")
        elif chart["marks"] == 0:
            problems.append(f"chart {chart['title']!r} shows axes but no marks")
    problems += [f"chart text cut short: {text!r}" for text in found["cutText"]]
    problems += [f"widget text hidden: {item}" for item in found["clipped"]]
    problems += [f"table cell unreadable: {cell!r}" for cell in found["cells"]]
    problems += [f"chart partly hidden: {item}" for item in found.get("hidden", [])]
    problems += [f"line cut at the right: {item}" for item in found.get("wideText", [])]
    problems += [f"Vega warning: {warning}" for warning in (vega_warnings or [])]
    return problems


def vega_warnings(log: dict[str, list[str]]) -> list[str]:
    """Console warnings from Vega (it logs them as ``WARN ...``)."""
    return [line for line in log["console"] if line.startswith(("warning: WARN", "error: ERROR"))]


#: Resolves once nothing under ``selector`` has changed for ``quietMs`` ms (or after ``mostMs``).
QUIET_JS = """([selector, quietMs, mostMs]) => new Promise(resolve => {
  const root = (selector && document.querySelector(selector)) || document.body;
  let timer = null, cap = null;
  const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quietMs); });
  function done() { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); resolve(true); }
  observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(done, quietMs);
  cap = setTimeout(done, mostMs);
})"""

#: Resolves after the browser has painted two more frames (what a scroll changed is on screen).
PAINTED_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))"


def settled(page: Any, selector: str | None = None, *, quiet_ms: int = 100, most_ms: int = 3_000) -> None:
    """Wait until the page (or ``selector``) stops changing: charts redrawn, outputs replaced."""
    page.evaluate(QUIET_JS, [selector, quiet_ms, most_ms])


def screenshots_wanted() -> bool:
    """Whether the browser checks save what they saw as PNG files (``build/screenshots/``).

    Yes, unless ``MLMKIT_SCREENSHOTS=0``: ``make test`` sets that, since nobody looks at the
    pictures of a test run and encoding them cost about a third of the live-Lab checks' processor
    time; ``make screenshots`` (and a browser test run by hand) writes them. Every check is the
    same either way: the pages are scrolled and painted as before, only no picture is taken.
    """
    return os.environ.get("MLMKIT_SCREENSHOTS", "1") != "0"


def save_screenshot(target: Any, path: Any, **options: Any) -> None:
    """``target.screenshot(path=path, **options)`` (a page or an element) if :func:`screenshots_wanted`."""
    if screenshots_wanted():
        target.screenshot(path=str(path), **options)


def scroll_screenshots(page: Any, folder: Any, prefix: str, *, scroller: str | None = None, most: int = 30) -> int:
    """Screenshots down the page (or the ``scroller`` element), one viewport apart; returns how
    many screens it scrolled through (each is painted; the picture is saved if wanted)."""
    folder.mkdir(parents=True, exist_ok=True)
    script = """([sel, k]) => {
      const el = sel ? document.querySelector(sel) : document.scrollingElement;
      el.scrollTop = k * el.clientHeight * 0.9;
      return el.scrollTop + el.clientHeight < el.scrollHeight - 2;
    }"""
    shots = 0
    for k in range(most):
        more = page.evaluate(script, [scroller, k])
        page.evaluate(PAINTED_JS)
        save_screenshot(page, folder / f"{prefix}_scroll_{k:02d}.png")
        shots += 1
        if not more:
            break
    return shots
