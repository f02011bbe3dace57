"""How fast an explorer's chart follows its slider, as a reader feels it (live JupyterLab, Chromium).

    .venv/bin/python benchmarks/slider_speed.py            # 3 runs, updates benchmarks/results.md
    .venv/bin/python benchmarks/slider_speed.py --runs 1 --no-write

For each explorer slider in the notebooks it opens (01's downline explorer, 02's plan
explorer, 03's scorecard weights, 04's and 05's market explorers), it presses a key on the slider handle and measures, in
the page, the time from the key press to the last change of the explorer's charts
(a MutationObserver on their elements: an SVG chart's marks, or the revision a live chart
writes on its element once Vega has drawn it on its canvas; "settled" = no change for
150 ms, which is not counted). Each step is one key press: one value. The target (issue 10): median 150 ms or
less per step and no step above 300 ms. A measurement, not a test: the machine is
shared, so the load before and after is recorded with the figures.

Not a ``bench_*.py`` module: it needs Chromium and a Lab server, so ``make bench`` and
its smoke test do not start it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import browser_page  # noqa: E402
from tests.test_lab import PANEL, KernelTraffic, run_all, running_lab, wait_idle  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results.md"
START, END = "<!-- slider-speed:start -->", "<!-- slider-speed:end -->"
#: notebook -> how many key presses per slider (each press is one step)
NOTEBOOKS = {
    "01_levels_downlines_commissions.ipynb": 6,
    "02_pay_plans_compared.ipynb": 5,
    "03_score_an_opportunity.ipynb": 4,
    "04_legit_plan_vs_pyramid.ipynb": 4,
    "05_why_pyramids_run_out_of_people.ipynb": 4,
}
#: accordion sections whose sliders are measured too (closed when the notebook opens)
OPEN_SECTIONS = {"03_score_an_opportunity.ipynb": ("Weights: areas",)}

ARM = """(handle) => {
  const output = handle.closest('.jp-OutputArea-output');
  const charts = [...output.querySelectorAll('.vega-embed')];
  window.__step = {start: performance.now(), last: null, changes: 0};
  if (window.__observer) window.__observer.disconnect();
  window.__observer = new MutationObserver(() => {
    window.__step.last = performance.now(); window.__step.changes += 1;
  });
  for (const chart of charts) {
    window.__observer.observe(chart, {subtree: true, childList: true, attributes: true, characterData: true});
  }
  return charts.length;
}"""
SETTLED = "() => window.__step.last !== null && performance.now() - window.__step.last > 150"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure_notebook(page: Any, base: str, name: str, presses: int) -> list[dict]:
    traffic = KernelTraffic(page)
    run_all(page, base, name, traffic)
    page.wait_for_timeout(2000)
    rows = []
    for title in OPEN_SECTIONS.get(name, ()):  # sliders in a closed accordion section: open it
        page.locator(PANEL).get_by_text(title, exact=True).first.click()
        page.wait_for_timeout(500)
    sliders = page.locator(f"{PANEL} .jp-OutputArea-output .widget-hslider")
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        if not slider.is_visible():
            continue
        label = slider.locator(".widget-label").first.inner_text().strip()
        handle = slider.locator(".noUi-handle").first
        slider.scroll_into_view_if_needed()
        handle.focus()
        page.keyboard.press("Home")
        wait_idle(page, traffic)
        page.wait_for_timeout(600)
        times = []
        for _ in range(presses):
            handle.evaluate(ARM)
            handle.focus()
            page.keyboard.press("ArrowRight")
            try:
                page.wait_for_function(SETTLED, timeout=5000, polling=20)
            except Exception:  # noqa: BLE001 - no redraw at all (value at its end): skip the step
                continue
            step = page.evaluate("() => window.__step")
            times.append(step["last"] - step["start"])
            wait_idle(page, traffic)
            page.wait_for_timeout(100)
        if times:
            rows.append({"notebook": name[:2], "slider": label, "steps": len(times),
                         "median_ms": statistics.median(times), "max_ms": max(times)})
    return rows


def run(runs: int, only: str = "") -> tuple[list[dict], str, str]:
    before = load()
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as state, running_lab(Path(state)) as base:
        for run_number in range(runs):
            for name, presses in NOTEBOOKS.items():
                if not name.startswith(only):
                    continue
                with browser_page(viewport=(1280, 900)) as (page, _log):
                    for row in measure_notebook(page, base, name, presses):
                        rows.append({**row, "run": run_number + 1})
    return rows, before, load()


def report(rows: list[dict], before: str, after: str) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=ROOT).stdout.strip()
    all_steps = [row["median_ms"] for row in rows]
    lines = [
        START,
        "## Slider speed in Chromium (benchmarks/slider_speed.py)",
        "",
        f"From a key press on an explorer slider to the explorer's charts settling (live JupyterLab 4, "
        f"headless Chromium, notebook default sizes). {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"commit {commit}, load average before {before}, after {after} (2 cores, shared).",
        "Target: median 150 ms or less per step, no step above 300 ms.",
        "",
        "| run | notebook | slider | steps | median ms | max ms | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ok = row["median_ms"] <= 150 and row["max_ms"] <= 300
        lines.append(f"| {row['run']} | {row['notebook']} | {row['slider']} | {row['steps']} | "
                     f"{row['median_ms']:.0f} | {row['max_ms']:.0f} | {'met' if ok else 'MISSED'} |")
    if all_steps:
        lines += ["", f"Median of the per-slider medians: {statistics.median(all_steps):.0f} ms; "
                  f"slowest step: {max(row['max_ms'] for row in rows):.0f} ms."]
    lines.append(END)
    return "\n".join(lines)


def write(section: str) -> None:
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--only", default="", help="notebooks whose names start with this (e.g. 01)")
    args = parser.parse_args(argv)
    rows, before, after = run(args.runs, args.only)
    section = report(rows, before, after)
    print(section)
    if not args.no_write:
        write(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
