"""Counts read right for 0, 1 and many: "1 member", "2 people", never "1 members" or "answer(s)".

The helper is :func:`mlmkit._display.counted`. Each explorer, chart title and report that
prints a count is checked at one and at many, and a scan of the package's f-strings keeps
new text from printing a variable count before a fixed plural noun.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import mlmkit as mk
from mlmkit._display import counted

PACKAGE = Path(mk.__file__).parent


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0 members"), (1, "1 member"), (2, "2 members"), (1_234_567, "1,234,567 members"), (1.0, "1 member"),
     (2.5, "2.5 members")],
)
def test_counted(count: float, expected: str):
    assert counted(count, "member") == expected


def test_counted_irregular_plural_and_numpy_numbers():
    import numpy as np

    assert counted(np.int64(1), "person", "people") == "1 person"
    assert counted(np.int64(3), "person", "people") == "3 people"
    assert counted(1, "entry", "entries") == "1 entry" and counted(0, "entry", "entries") == "0 entries"
    with pytest.raises(TypeError):
        counted("3", "member")
    with pytest.raises(TypeError):
        counted(True, "member")


def test_downline_explorer_says_one_person_and_one_member():
    pytest.importorskip("ipywidgets")
    from mlmkit.widgets.network import DownlineExplorer

    explorer = DownlineExplorer(recruits_each=1, depth=1)
    explorer.controls["seller_level"].value = 0  # the founder sells: the sale pays one person
    explorer.update()
    assert "The sale pays 1 person USD" in explorer.status.value, explorer.status.value
    explorer.controls["seller_level"].value = 1
    explorer.update()
    assert "2 members. The sale pays 2 people USD" in explorer.status.value, explorer.status.value
    assert "1 people" not in explorer.status.value and "1 members" not in explorer.status.value


def test_scorecard_explorer_status_has_no_s_in_brackets():
    pytest.importorskip("ipywidgets")
    from mlmkit.widgets.scorecard import ScorecardExplorer

    explorer = ScorecardExplorer(example="evergreen_pantry")
    status = explorer.status.value
    assert "(s)" not in status
    assert re.search(r"\b(1 pyramid indicator|\d+ pyramid indicators|0 pyramid indicators) present", status), status
    assert re.search(r"\b(1 answer|\d+ answers) unknown", status), status


def test_downline_tree_title_for_one_member():
    network = mk.network.full_tree(2, 0)
    title = mk.charts.network.downline_tree(network).to_dict()["title"]
    assert title["text"] == "A downline of 1 member"
    many = mk.charts.network.downline_tree(mk.network.full_tree(2, 2)).to_dict()["title"]
    assert many["text"] == "A downline of 7 members"


def test_break_even_with_one_customer_reads_singular():
    from mlmkit import planners

    one = planners.break_even(monthly_costs_usd=10, order_per_customer_usd=100, retail_margin=0.25)
    assert one.customers_needed == 1
    text = " ".join(str(value) for value in vars(one).values()) + " " + _sentence(one)
    assert "takes 1 customer (USD" in text, text
    chart = mk.charts.books.break_even_chart(one).to_dict()
    assert "break-even: 1 customer" in str(chart["datasets"])


def _sentence(plan: object) -> str:
    """The break-even sentence (``summary()`` today; a ``text()`` if summary becomes a table)."""
    for name in ("to_text", "text", "summary_text", "summary"):
        method = getattr(plan, name, None)
        if callable(method) and isinstance(method(), str):
            return method()
    return ""


def test_simulation_report_for_one_month():
    plan, settings = mk.simulate.recruitment_fee_plan()
    run = mk.simulate.simulate_market(plan, settings.replace(market_size=300, months=1), seed=1)
    page = run._repr_html_()
    assert "300 people, 1 month, seed" in page


def test_kernel_free_downline_note_for_a_founder_alone():
    """The site's explorer writes its note in the browser (Vega): one member reads singular."""
    import vl_convert as vlc

    from mlmkit.charts import kernel_free as kf

    grid = kf.downline_grid(recruits_each=(1, 2), depths=(0, 1))
    sales = kf.downline_sale_grid({"10": (0.10,)}, max_level=1)
    spec = kf.downline_explorer(grid, sales).to_dict()
    for param in spec["params"]:
        if param["name"] in ("depth", "recruits_each"):
            param["value"] = 0 if param["name"] == "depth" else 1
    svg = vlc.vegalite_to_svg(spec)
    assert "1 member; 100% on the bottom level" in svg, re.findall(r"\d[\d,]* members?;[^<]*", svg)


#: f-strings that put a fixed count before a plural noun (the count is a constant > 1).
FIXED_COUNTS = {"MAX_ROWS", "MAX_MEMBERS", "LEGAL_ACTION_LOOKBACK_YEARS", "DSA_BUYBACK_WINDOW_MONTHS", "full",
                "max_bytes", "size", "MAX_FILE_BYTES", "file.stat().st_size", "limit_s", "len(frame)", "digits",
                "len(items)", "min_length", "max_length", "members", "zero", "needed / 1e9", "available / 1e9"}
NOUNS = ("members", "people", "persons", "entries", "customers", "recruits", "levels", "months", "years", "hours",
         "days", "answers", "indicators", "companies", "profiles", "plans", "sales", "runs", "rows", "values",
         "founders", "fields", "characters", "ids", "items", "times", "bytes", "digits")


def fixed_plurals() -> list[str]:
    """Every f-string that prints ``{count} nouns`` (or ``noun(s)``) with a count that can vary."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.JoinedStr):
                continue
            text = "".join(
                str(part.value) if isinstance(part, ast.Constant) else "{" + ast.unparse(part.value) + "}"
                for part in node.values
            )
            for match in re.finditer(r"\{([^{}]*)\} ([a-z]+(?:\(s\))?)", text):
                count, noun = match.groups()
                if noun.endswith("(s)") or (noun in NOUNS and count not in FIXED_COUNTS):
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {{{count}}} {noun}")
    return found


def test_no_fixed_plural_after_a_count_that_can_be_one():
    """Print a count with ``counted(n, "member")``, which reads "1 member" and "2 members"."""
    assert fixed_plurals() == []
