"""One money format in everything a person reads: ``USD 1,200``, a negative ``USD -1,874.25``.

Round one printed money three ways ("USD 1,200" in the notebooks' prose, "1,200 USD" in
scorecard reports, "-USD 6,500,000,270" in notebook 07 and "USD -1,874.25" in notebook 06).
These tests look at the text itself, not the source: every public result's text forms
(``str``, ``repr``, ``to_text``, ``summary``, ``summary_table``, ``status_text``,
``_repr_html_``, ``to_frame``) for example inputs, chart titles and text marks, widget
messages, the command line, and the executed notebooks' markdown and outputs. The rules
are :func:`check_notebooks.money_problems` (also run by ``make lint`` on the notebooks).
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest

import mlmkit as mk
from mlmkit._display import format_usd, usd_expression
from mlmkit._validation import MlmkitInputError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from check_notebooks import money_problems, notebook_money_problems  # noqa: E402

TEXT_METHODS = ("to_text", "summary", "summary_table", "status_text", "to_frame", "_repr_html_")


# ------------------------------------------------------------------ the one format
@pytest.mark.parametrize(
    ("amount", "options", "expected"),
    [
        (1200, {}, "USD 1,200"),
        (-1874.25, {"cents": True}, "USD -1,874.25"),
        (-6_500_000_270, {}, "USD -6,500,000,270"),
        (129.95, {}, "USD 129.95"),
        (7674.4, {}, "USD 7,674"),
        (70, {"cents": True}, "USD 70.00"),
        (-0.001, {}, "USD 0"),
        (1375, {"low": 289}, "USD 289 to 1,375"),
    ],
)
def test_format_usd(amount: float, options: dict[str, Any], expected: str) -> None:
    assert format_usd(amount, **options) == expected
    assert not money_problems(expected)


def test_the_old_spellings_are_caught() -> None:
    for text in ("1,200 USD", "-USD 6,500,000,270", "USD \u22125", "99 dollars", "$1,000",
                 "median net -5,000", "revenue: 1,000,000.00"):
        assert money_problems(text), text
    for text in ("USD 1,200", "USD -1,874.25", "USD 289 to 1,375", "12,000 members lost money",
                 "USD 1,000 \u2212 USD 700 = USD 300", "net result (USD)"):
        assert not money_problems(text), text


def test_public_format_usd_checks_its_input() -> None:
    assert mk.format_usd(-1874.25, cents=True) == "USD -1,874.25"
    with pytest.raises(MlmkitInputError, match="amount"):
        mk.format_usd("12")
    with pytest.raises(MlmkitInputError, match="cents"):
        mk.format_usd(12, cents="yes")


def test_chart_text_expression_matches_format_usd() -> None:
    expression = usd_expression("datum.net_usd", cents=True)
    assert expression.startswith("'USD ' + ") and "\u2212" in expression and ",.2f" in expression


# ------------------------------------------------------------- the package's text
def _texts(value: Any, depth: int = 0) -> list[str]:
    """Every text form a person can see of ``value``."""
    if depth > 1 or value is None or isinstance(value, bool | int | float | Path | bytes):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, pd.DataFrame | pd.Series):
        shown = [value.to_string()]
        html_view = getattr(value, "_repr_html_", None)
        if callable(html_view):
            shown.append(html.unescape(re.sub(r"<[^>]+>", " ", html_view() or "")))
        return shown
    if isinstance(value, dict | list | tuple):
        return [text for item in (value.values() if isinstance(value, dict) else value)
                for text in _texts(item, depth + 1)]
    if hasattr(value, "to_dict") and type(value).__module__.startswith("altair"):
        return _chart_texts(value.to_dict())
    texts = [str(value), repr(value)]
    for name in TEXT_METHODS:
        method = getattr(value, name, None)
        if not callable(method):
            continue
        try:
            shown = method()
        except (TypeError, MlmkitInputError):  # a method that needs arguments
            continue
        if name == "_repr_html_" and isinstance(shown, str):
            shown = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", shown, flags=re.S)))
        texts += _texts(shown, depth + 1)
    return texts


def _chart_texts(spec: Any) -> list[str]:
    """Titles, subtitles, axis titles, text marks and tooltip titles of a chart spec."""
    found: list[str] = []
    if isinstance(spec, dict):
        for key, item in spec.items():
            if key == "datasets":  # the data itself: labels in it are checked through the frames
                found += [json.dumps(item)]
            elif key in ("title", "subtitle", "text", "expr", "calculate", "labelExpr") and isinstance(item, str | list):
                found += [item] if isinstance(item, str) else [str(part) for part in item]
            else:
                found += _chart_texts(item)
    elif isinstance(spec, list):
        for item in spec:
            found += _chart_texts(item)
    return found


def _public_results() -> list[tuple[str, Any]]:
    from tests.test_fuzz_public_api import base_call, call_with_limit, public_callables, world

    results: list[tuple[str, Any]] = list(world().items.items())
    for name, obj in sorted(public_callables().items()):
        base = base_call(name, obj)
        if base is None:
            continue
        outcome, result = call_with_limit(obj, *base)
        if outcome == "ok":
            results.append((name, result))
    return results


def test_every_public_result_writes_money_one_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    results = _public_results()
    assert len(results) >= 100, "the example inputs of tests/test_fuzz_public_api.py reach the public API"
    problems = []
    looked_at = 0
    for name, result in results:
        for text in _texts(result):
            looked_at += 1
            problems += [f"{name}: {problem}" for problem in money_problems(text)]
    assert looked_at > 300
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_reports_and_summaries_with_losses() -> None:
    """Negative amounts, where "-USD" used to appear: a disclosure's first year, the books."""
    from mlmkit import books, disclosure, scorecard

    sunrise = disclosure.from_dataset("example_disclosure_fictional")
    year = disclosure.first_year(sunrise, disclosure.YearOneCosts(kit_usd=499), hours_per_week=8)
    assert year.median_net_usd < 0
    shown = _texts(year) + _texts(sunrise.by_bracket(5_000)) + _texts(sunrise.summary_table(5_000))
    ledger = books.make_ledger([("2026-01-05", "starter_kit", 1_999.0, "kit"), ("2026-01-20", "retail_sales", 124.75, "")])
    shown += _texts(books.Books.from_entries(ledger)) + _texts(books.monthly_statement(books.Books.from_entries(ledger)))
    for profile in scorecard.example_profiles().values():
        result = scorecard.score(profile)
        shown += [*_texts(result), scorecard.to_text(result)]
    text = "\n".join(shown)
    assert "USD -" in text
    assert not [problem for piece in shown for problem in money_problems(piece)]


def test_widget_messages_write_money_one_way() -> None:
    pytest.importorskip("ipywidgets")
    from mlmkit.disclosure import from_dataset
    from mlmkit.widgets.disclosure import FirstYearCalculator
    from mlmkit.widgets.network import DownlineExplorer

    calculator = FirstYearCalculator(from_dataset("example_disclosure_fictional"))
    calculator.controls["kit_usd"].value = 499
    explorer = DownlineExplorer(recruits_each=3, depth=3)
    shown = [calculator.table.value, calculator.status.value, explorer.status.value]
    assert any("USD" in text for text in shown)
    assert not [problem for text in shown for problem in money_problems(html.unescape(text))]


def test_command_line_writes_money_one_way(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mlmkit import cli

    ledger = tmp_path / "books.csv"
    assert cli.main(["books", "add", "2026-01-05", "starter_kit", "1999", "--file", str(ledger)]) == 0
    assert cli.main(["books", "add", "2026-01-20", "retail_sales", "124.75", "--file", str(ledger)]) == 0
    capsys.readouterr()
    assert cli.main(["books", "report", "--file", str(ledger)]) == 0
    assert cli.main(["books", "list", "--file", str(ledger)]) == 0
    shown = capsys.readouterr().out
    assert "net result USD -1,874.25" in shown
    assert not money_problems(shown)


# --------------------------------------------------------------------- notebooks
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXECUTED = ROOT / "build" / "executed"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_prose_and_stored_outputs(path: Path) -> None:
    problems = notebook_money_problems(nbformat.read(path, as_version=4))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_notebook_outputs(path: Path) -> None:
    """Every output of a notebook run top to bottom (make notebooks keeps the run in build/executed)."""
    sources = {cell.source for cell in nbformat.read(path, as_version=4).cells}
    runs = sorted(EXECUTED.glob(f"{path.stem}*.ipynb"), key=lambda run: run.stat().st_mtime, reverse=True)
    fresh = [run for run in (nbformat.read(found, as_version=4) for found in runs)
             if sources <= {cell.source for cell in run.cells}]
    if not fresh:
        missing = f"no executed copy of {path.name} as it is now (make notebooks keeps one in {EXECUTED})"
        if os.environ.get("MLMKIT_REQUIRE_EXECUTED"):  # make test runs this after make notebooks
            pytest.fail(missing)
        pytest.skip(missing)
    run = fresh[0]
    problems = notebook_money_problems(run)
    assert not problems, "\n".join(problems)


def test_tables_of_sources_read_left_to_right() -> None:
    """Issue 10: long text was right-aligned in the tables meant to show sources (notebook 07)."""
    from mlmkit.disclosure import published_figures

    page = published_figures("court_findings")._repr_html_()
    assert "<td style='text-align:left'>" in page and "text-align:right'>USD" not in page
    assert "..." not in page and "\u2026" not in page
    first_source = str(published_figures("court_findings")["source"].iloc[0])
    assert f"<td style='text-align:left'>{html.escape(first_source)}</td>" in page
    assert not money_problems(html.unescape(re.sub(r"<[^>]+>", " ", page)))
