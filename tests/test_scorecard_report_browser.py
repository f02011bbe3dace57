"""The HTML scorecard report in real (headless) Chromium: offline, inert, readable."""

from __future__ import annotations

from pathlib import Path

from mlmkit.cli import main
from mlmkit.datasets import data_path
from mlmkit.scorecard import load_profile, save_profile
from tests.browser import browser_page, need_browser, page_errors


def test_report_opens_offline_and_hostile_text_never_runs(tmp_path: Path) -> None:
    need_browser()
    hostile = load_profile(data_path("companies", "apex_wealth_circle.toml")).replace(
        {
            "company.name": "<script>alert(1)</script>",
            "company.description": '<img src=x onerror="alert(2)">',
        }
    )
    save_profile(hostile, tmp_path / "hostile.toml")
    out = tmp_path / "report.html"
    files = [str(tmp_path / "hostile.toml"), str(data_path("companies", "evergreen_pantry.toml"))]
    assert main(["score", "--compare", *files, "--html", str(out)]) == 0
    with browser_page(viewport=(1200, 900)) as (page, log):
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(out.as_uri())
        page.wait_for_timeout(500)
        text = page.inner_text("body")
        assert "<script>alert(1)</script>" in text  # shown as text
        assert '<img src=x onerror="alert(2)">' in text
        assert "Evergreen Pantry" in text and "Indicators, not verdicts" in text
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0
        bars = page.locator(".range")  # the range of each score, with a mark at the known-answer score
        assert bars.count() == 2 * 4 and page.locator(".mark").count() == 2 * 4  # overall + 3 sub-scores
        assert "Band: Fewer warning signs" in text and "Band: Strong pyramid indicators" in text
        assert "Year-one cost of joining" in text and "Disclosed median yearly pay" in text
        box = page.locator(".band").first.bounding_box()
        assert box is not None and box["width"] > 300  # the band is a visible block, not squeezed
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert dialogs == []
    assert log["external"] == []
    assert page_errors(log) == []
