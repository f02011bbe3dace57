"""Every notebook in live JupyterLab, offline, in real Chromium (the way a reader meets it).

Starts `jupyter lab` on loopback (as `make lab` does, headless), opens each notebook,
runs all cells, and checks that every cell ran without error, that the Altair charts
drew with no internet, and that nothing was fetched from outside. In notebook 01 it
also types a new sale into the explorer and checks that the chart follows.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import browser_page, need_browser, page_errors

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
INDICATOR = f"{PANEL} .jp-NotebookPanel-toolbar .jp-Notebook-ExecutionIndicator"
CHARTS = f"{PANEL} .jp-OutputArea-output .vega-embed :is(canvas.marks, svg.marks)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    need_browser()
    state = tmp_path_factory.mktemp("jupyter")
    port = free_port()
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(state / "config"),
        JUPYTER_RUNTIME_DIR=str(state / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(state / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state / "workspaces"),
        IPYTHONDIR=str(state / "ipython"),
    )
    env.pop("MLMKIT_ALTAIR_RENDERER", None)
    # render every cell (no windowing), so the test can see every prompt
    tracker = state / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none", "autoStartDefaultKernel": true}')
    jupyter = Path(sys.executable).parent / "jupyter"
    log = open(state / "lab.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         "--IdentityProvider.token=", "--ServerApp.password=", "--allow-root",
         f"--ServerApp.root_dir={ROOT / 'notebooks'}", "--LabApp.news_url=",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"jupyter lab exited: {(state / 'lab.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(base + "/api/status", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("jupyter lab did not start in 90 s")
                time.sleep(0.3)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def run_all(page: Any, base: str, name: str) -> int:
    """Open ``name``, run every cell, and return how many times Run All had to be clicked."""
    page.goto(f"{base}/lab/tree/{name}?reset")
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_selector(f"{INDICATOR}[data-status='idle']", timeout=90_000)
    dialog = page.locator(".jp-Dialog button.jp-mod-accept")
    if dialog.count():
        dialog.first.click()
        page.wait_for_selector(f"{INDICATOR}[data-status='idle']", timeout=90_000)
    page.wait_for_timeout(2000)  # a Run All issued right after start-up can be dropped
    page.locator(f"{PANEL} .jp-Cell").first.click()
    clicks, idle_since = 0, None
    deadline = time.monotonic() + 240
    while True:
        if clicks == 0 or (idle_since and time.monotonic() - idle_since > 5):
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            clicks += 1
            idle_since = None
            page.wait_for_timeout(1000)
        prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputPrompt").all_inner_texts()
        status = page.locator(INDICATOR).first.get_attribute("data-status")
        if prompts and all(re.search(r"\[\d+\]", p) for p in prompts) and status == "idle":
            return clicks
        idle_since = (idle_since or time.monotonic()) if status == "idle" else None
        if time.monotonic() > deadline or clicks > 3:
            raise AssertionError(f"{name}: not every cell ran: {prompts} (kernel {status})")
        page.wait_for_timeout(250)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_and_draws_offline_in_jupyterlab(lab: str, name: str):
    with browser_page(viewport=(1400, 1800)) as (page, log):
        clicks = run_all(page, lab, name)
        page.wait_for_selector(CHARTS, timeout=30_000)
        page.wait_for_timeout(1500)
        errors = page.locator(f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
        tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
        assert tracebacks == []
        text = page.locator(PANEL).inner_text()
        assert "No renderer could be found" not in text
        assert "VegaLite 6 object" not in text
        drawn = page.locator(CHARTS).count()
        assert drawn >= 2
        if name.startswith("01_"):
            sale = page.locator(f"{PANEL} .widget-text input[type=number]").first
            sale.fill("250")
            sale.press("Enter")
            page.wait_for_function(
                "() => document.body.innerText.includes('Where a $250.00 sale goes')"
                " || [...document.querySelectorAll('svg text')].some(t => t.textContent.includes('$250.00'))",
                timeout=15_000,
            )
        if name.startswith("06_"):
            # the bookkeeping form: a bad date is refused where the reader looks, what was typed
            # stays, and a good entry appears in the list
            form = page.locator(f"{PANEL} .jp-CodeCell").filter(has_text="BooksKeeper").last
            form.scroll_into_view_if_needed()
            fields = form.locator(".widget-text input")
            fields.nth(0).fill("2026-01-32")
            fields.nth(1).fill("25")
            form.get_by_role("button", name="Add", exact=True).click()
            page.wait_for_function(
                "() => document.body.innerText.includes(\"row 1: date = '2026-01-32' is not allowed\")",
                timeout=30_000)
            assert fields.nth(1).input_value() == "25"
            fields.nth(0).fill("2026-01-15")
            form.get_by_role("button", name="Add", exact=True).click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('select option')]"
                ".some(o => o.textContent.replace(/\\u00a0/g, ' ').includes('#1  2026-01-15  retail_sales  USD 25.00'))",
                timeout=30_000)
            form.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
        if name.startswith("07_"):
            # the income-claim check: a new claim updates the form's table where a person looks
            claim = page.locator(f"{PANEL} .widget-text input[type=number]").first
            claim.fill("3000")
            claim.press("Enter")
            page.wait_for_function("() => document.body.innerText.includes('USD 36,000')",
                                   timeout=30_000)
            claim.scroll_into_view_if_needed()
            page.wait_for_timeout(500)
        page.screenshot(path=str(ROOT / "build" / f"lab_{Path(name).stem}.png"))
    assert log["external"] == []
    assert [e for e in page_errors(log) if "favicon" not in e] == [], (clicks, log["console"][-12:])
