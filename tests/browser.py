"""Headless Chromium for the offline page tests (Debian's /usr/bin/chromium via Playwright).

Every request that is not to a local file or loopback is aborted and recorded, so
"no external requests" means the page really needed nothing from the internet.
"""

from __future__ import annotations

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


@contextlib.contextmanager
def browser_page(viewport: tuple[int, int] = (1200, 900)) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    """Yield ``(page, log)``; ``log`` has console messages, page errors and external requests."""
    from playwright.sync_api import sync_playwright

    log: dict[str, list[str]] = {"console": [], "pageerror": [], "external": []}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})

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
        try:
            yield page, log
        finally:
            context.close()
            browser.close()


def page_errors(log: dict[str, list[str]]) -> list[str]:
    """Console errors and uncaught page errors."""
    return [line for line in log["console"] if line.startswith("error")] + log["pageerror"]
