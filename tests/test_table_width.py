"""Tables fit a notebook's width: a comparison on its side, long words that may break.

The live-Lab check (tests/test_lab.py) fails when a table is wider than JupyterLab's output
area; these tests pin the display rules that keep the suite's tables inside it, without a
browser: a few named rows with many columns (runs or plans compared) are shown with one
column per row, each value still formatted by its measure's name; a word longer than
``LONG_WORD`` (a web address in a citation) may break anywhere; a column name may wrap at
its underscores. The DataFrame itself is never changed.
"""

from __future__ import annotations

import re

import pandas as pd

import mlmkit as mk
from mlmkit._display import LONG_WORD, SIDEWAYS_MAX_ROWS, SIDEWAYS_MIN_COLUMNS, readable_html
from mlmkit._tables import ReadableTable
from mlmkit.plans import UnilevelPlan
from mlmkit.simulate import MarketSettings, simulate_market


def _rows(page: str) -> list[list[str]]:
    """The text of each row's cells (tags stripped, <wbr> removed)."""
    rows = re.findall(r"<tr>(.*?)</tr>", page)
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row)] for row in rows]


def test_a_comparison_of_runs_is_shown_one_column_per_run_and_formatted_by_measure() -> None:
    run = simulate_market(UnilevelPlan(), MarketSettings(market_size=300, months=4), seed=1)
    table = mk.economics.compare({"first run": run, "second <run>": run})
    assert table.index.tolist() == ["first run", "second <run>"]  # the frame keeps one row per run
    rows = _rows(readable_html(table))
    assert rows[0] == ["", "first run", "second &lt;run&gt;"]  # a column per run, names escaped
    assert len(rows) == 1 + len(table.columns)  # a row per measure
    by_measure = {row[0]: row[1:] for row in rows[1:]}
    share = table["share_lost_money"].iloc[0]
    assert by_measure["share_lost_money"] == [f"{share:.1%}"] * 2
    assert all(cell.startswith("USD ") for cell in by_measure["median_net_usd"])


def test_only_short_named_wide_tables_turn_on_their_side() -> None:
    wide = {f"measure_{number}": [1.0] * SIDEWAYS_MAX_ROWS for number in range(SIDEWAYS_MIN_COLUMNS)}
    named = pd.DataFrame(wide, index=[f"plan {number}" for number in range(SIDEWAYS_MAX_ROWS)])
    assert _rows(readable_html(named))[0][1] == "plan 0"
    numbered = pd.DataFrame(wide)  # rows by number (members, months): one row each, as always
    assert _rows(readable_html(numbered))[0][1] == "measure_0"
    longer = pd.concat([named, named.rename(index=lambda label: label + "b")])
    assert _rows(readable_html(longer))[0][1] == "measure_0"
    narrow = named.iloc[:, : SIDEWAYS_MIN_COLUMNS - 1]
    assert _rows(readable_html(narrow))[0][1] == "measure_0"


def test_a_long_word_may_break_and_short_text_does_not() -> None:
    address = "aarp.org/content/dam/aarp/aarp_foundation/2018/pdf/AARP%20Foundation.pdf"
    assert len(address) > LONG_WORD
    frame = pd.DataFrame({"source": [address, "FTC v. Vemma"], "figure": ["25%", "67%"]})
    for page in (readable_html(frame), ReadableTable(frame)._repr_html_()):
        cells = re.findall(r"<td style='([^']*)'>([^<]*)</td>", page)
        styles = {text: style for style, text in cells}
        assert "overflow-wrap:anywhere" in styles[address]
        assert "overflow-wrap" not in styles["FTC v. Vemma"]
        assert "overflow-wrap" not in styles["25%"]


def test_column_names_may_wrap_at_underscores_and_stay_escaped() -> None:
    frame = pd.DataFrame({"downline_commission_usd": [1.0], "<b>bold</b>": [2.0]})
    page = readable_html(frame)
    assert "downline_<wbr>commission_<wbr>usd" in page
    assert "<b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page


def test_an_amount_of_money_stays_on_one_line() -> None:
    frame = pd.DataFrame({"value_text": ["USD 1,199", "94.6%"], "note": ["paid to join", "a share"]})
    styles = {text: style for style, text in re.findall(r"<td style='([^']*)'>([^<]*)</td>", readable_html(frame))}
    assert "white-space:nowrap" in styles["USD 1,199"]
    assert "nowrap" not in styles["94.6%"] and "nowrap" not in styles["paid to join"]
