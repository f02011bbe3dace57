"""Charts make their point at a glance: rendered (vl-convert SVG, no browser), each draws marks,
shows no overlapping or scientific-notation axis labels, and the defects a reader saw stay fixed.
"""

from __future__ import annotations

import html
import re
from functools import cache

import pandas as pd
import pytest
import vl_convert as vlc

import mlmkit as mk
from tests.test_hostile_text import builder_names, chart_builders

TEXT = re.compile(
    r'<text text-anchor="(?P<anchor>\w+)" transform="translate\((?P<x>[-\d.e]+),(?P<y>[-\d.e]+)\)(?P<rest>[^"]*)"'
    r'(?P<attributes>[^>]*)>(?P<text>[^<]*)</text>'
)
SCIENTIFIC = re.compile(r"\d(\.\d+)?e[+-]?\d", re.I)


def svg(chart) -> str:
    return vlc.vegalite_to_svg(chart.to_dict())


def axis_labels(page: str) -> list[list[dict]]:
    """Visible axis labels, one list per axis group."""
    groups = re.findall(r'<g class="mark-text role-axis-label"[^>]*>(.*?)</g>', page, flags=re.S)
    result = []
    for group in groups:
        labels = [m.groupdict() for m in TEXT.finditer(group)]
        for label in labels:
            label["text"] = html.unescape(label["text"])
        result.append([label for label in labels if 'opacity="0"' not in label["attributes"]])
    return result


def overlapping(labels: list[dict], char_px: float = 5.0) -> list[tuple[str, str]]:
    """Pairs of horizontal labels (same baseline) whose estimated boxes overlap."""
    spans = []
    for label in labels:
        if "rotate" in label["rest"]:
            continue  # a rotated label takes its height, not its width, along the axis
        width = char_px * len(label["text"])
        x = float(label["x"])
        left = {"start": x, "middle": x - width / 2, "end": x - width}[label["anchor"]]
        spans.append((round(float(label["y"])), left, left + width, label["text"]))
    spans.sort()
    return [
        (a[3], b[3]) for a, b in zip(spans, spans[1:], strict=False) if a[0] == b[0] and b[1] < a[2] - 1
    ]


def drawn_marks(page: str) -> int:
    """Marks with some size: paths with a non-degenerate shape, circles, symbols and texts."""
    marks = 0
    for group in re.findall(r'<g class="mark-(?:rect|line|symbol|area|rule|arc)[^"]*role-mark[^"]*"[^>]*>(.*?)</g>',
                            page, flags=re.S):
        for d in re.findall(r'\sd="([^"]+)"', group):
            numbers = [abs(float(n)) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", d)]
            if any(n > 0.5 for n in numbers[2:]):
                marks += 1
        marks += len(re.findall(r"<line ", group))
    return marks


@cache
def builders():
    return chart_builders()


@pytest.mark.parametrize("name", builder_names())
def test_every_chart_draws_marks_with_readable_axes(name: str):
    page = svg(builders()[name]())
    assert drawn_marks(page) > 0, f"{name}: axes but no marks (an empty chart)"
    for labels in axis_labels(page):
        texts = [label["text"] for label in labels]
        assert not [t for t in texts if SCIENTIFIC.search(t)], f"{name}: axis in scientific notation {texts}"
        assert overlapping(labels) == [], f"{name}: axis labels overlap: {overlapping(labels)}"


def test_log_scale_members_per_level_draws_bars():
    """Notebook 01's chart behind "growth hits a wall" was empty (a log scale with zero in it)."""
    page = svg(mk.charts.network.members_per_level(mk.network.full_tree(6, 6), log_scale=True))
    bars = re.findall(r'aria-roledescription="bar" d="M[-\d.]+,[-\d.]+h[-\d.]+v([-\d.]+)', page)
    assert len(bars) == 7 and all(float(height) > 1 for height in bars), bars
    texts = [label["text"] for group in axis_labels(page) for label in group]
    assert "10,000" in texts and not [t for t in texts if SCIENTIFIC.search(t)]


@pytest.fixture(scope="module")
def markets():
    plan, settings = mk.simulate.recruitment_fee_plan()
    return {
        f"{size:,} people": mk.simulate.simulate_market(plan, settings.replace(market_size=size, months=40), seed=5)
        for size in (2_000, 20_000, 200_000)
    }


def test_saturation_chart_shows_every_market_and_orders_the_legend(markets):
    spec = mk.charts.simulate.market_saturation(markets).to_dict()
    bottom = spec["vconcat"][1]
    field = bottom["encoding"]["y"]["field"]
    (data,) = spec["datasets"].values()
    frame = pd.DataFrame(data)
    peaks = frame.groupby("plan")[field].max()
    assert peaks.min() > 0.3 * peaks.max(), f"a market lies flat in the lower panel: {peaks.to_dict()}"
    assert spec["vconcat"][0]["encoding"]["color"]["scale"]["domain"] == list(markets)


def test_join_month_chart_is_not_flattened_by_the_founders(markets):
    run = {"200,000 people": markets["200,000 people"]}
    spec = mk.charts.simulate.net_by_join_month_chart(run).to_dict()
    table = mk.economics.net_by_join_month(markets["200,000 people"])
    later = table.loc[table["join_month"] > 0, "median_net_usd"]
    low, high = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert (later.max() - later.min()) > 0.5 * (high - low), "later months are squashed flat"
    founders = float(table.loc[table["join_month"] == 0, "median_net_usd"].iloc[0])
    page = svg(mk.charts.simulate.net_by_join_month_chart(run))
    assert f"median USD {founders:,.0f} (off the scale)" in page


def test_downline_tree_names_the_members_the_prose_talks_about():
    table = pd.DataFrame({"member_id": ["Ada", "Ben", "Cleo", "Ivo"], "sponsor_id": [None, "Ada", "Ada", "Ben"]})
    page = svg(mk.charts.network.downline_tree(mk.network.from_sponsor_table(table)))
    for name in table["member_id"]:
        assert f">{name}</text>" in page
