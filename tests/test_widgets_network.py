"""The downline explorer, driven headless: set a control, check the result."""

from __future__ import annotations

import time

import pytest

pytest.importorskip("ipywidgets")

from mlmkit.widgets.network import DownlineExplorer  # noqa: E402


def test_controls_drive_the_result():
    explorer = DownlineExplorer(recruits_each=2, depth=3, level_rates=(0.1, 0.05), personal_rate=0.2)
    assert explorer.result.network.size == 15
    explorer.controls["recruits_each"].value = 3
    assert explorer.result.network.size == 40
    explorer.controls["sale_usd"].value = 200.0
    explorer.controls["seller_level"].value = 3
    paid = explorer.result.breakdown.set_index("levels_up")["usd"]
    assert paid[0] == pytest.approx(40.0)  # seller's 20%
    assert paid[1] == pytest.approx(20.0)
    assert paid[2] == pytest.approx(10.0)
    explorer.controls["level_rates"].value = "10, 5, 5"
    assert explorer.result.plan.level_rates == (0.1, 0.05, 0.05)


def test_bad_input_keeps_the_last_good_result_and_says_why():
    explorer = DownlineExplorer()
    good = explorer.result
    explorer.controls["level_rates"].value = "80, 40"
    assert explorer.result is good
    assert "more than the 100%" in explorer.status.value
    explorer.controls["level_rates"].value = "ten"
    assert explorer.result is good
    assert "percentages" in explorer.status.value
    explorer.controls["level_rates"].value = "10, 5, 5"
    explorer.controls["recruits_each"].value = 8
    explorer.controls["depth"].value = 10  # too big to draw: the slider stops at the deepest that fits
    assert explorer.controls["depth"].value == explorer.controls["depth"].max == 5
    assert "color:#b00" not in explorer.status.value
    assert explorer.result.network.size == (8**6 - 1) // 7


def test_every_slider_position_can_be_drawn():
    """At max recruits and max depth the explorer showed an error instead of a chart."""
    explorer = DownlineExplorer()
    for branching in range(1, 9):
        explorer.controls["recruits_each"].value = branching
        explorer.controls["depth"].value = explorer.controls["depth"].max
        explorer.controls["seller_level"].value = explorer.controls["seller_level"].max
        assert "color:#b00" not in explorer.status.value, (branching, explorer.status.value)
        assert explorer.result.network.size <= 200_000
    explorer.controls["personal_rate"].value = 100  # stops where seller + upline take the whole sale
    assert explorer.controls["personal_rate"].value == 80
    assert "color:#b00" not in explorer.status.value


def test_redraws_swap_data_in_place_when_only_the_data_change():
    explorer = DownlineExplorer(recruits_each=2, depth=3)
    explorer.controls["personal_rate"].value = 30
    explorer.controls["seller_level"].value = 2
    assert explorer.flow_chart.data_swaps == 2 and explorer.flow_chart.reembeds == 0
    # The tree is a layered chart: its data change in place too (the live-Lab test reads
    # what each chart shows after every control change).
    assert explorer.tree_chart.data_swaps == 2 and explorer.tree_chart.reembeds == 0
    explorer.controls["recruits_each"].value = 3  # a new title and height: signals, no re-embed
    explorer.controls["depth"].value = 2
    assert explorer.tree_chart.reembeds == 0 and explorer.level_chart.reembeds == 0
    assert explorer.tree_chart.spec["title"]["text"] == "A downline of 13 members"
    assert explorer.tree_chart._signals["mlmkit_title_text"] == "A downline of 13 members"
    (rows,) = explorer.level_chart._data.values()
    assert [row["members"] for row in rows] == [1, 3, 9]


def test_charts_follow_the_controls():
    explorer = DownlineExplorer(recruits_each=2, depth=2)
    explorer.controls["sale_usd"].value = 300.0
    (rows,) = explorer.flow_chart.spec["datasets"].values()
    assert sum(row["usd"] for row in rows) == pytest.approx(300.0)
    assert explorer.flow_chart.spec["title"] == "Where a USD 300.00 sale goes"
    explorer.controls["depth"].value = 3
    (levels,) = explorer.level_chart.spec["datasets"].values()
    assert [row["members"] for row in levels] == [1, 2, 4, 8]


def test_a_slider_answers_quickly():
    """Not a benchmark: a generous ceiling that catches a return to full chart rebuilds.

    Processor time, not wall time: on a busy shared machine (make test runs five lanes on two
    cores, beside other work) wall time stretches with the load (0.8 s per change was seen at a
    load of 14), while a full rebuild costs processor time wherever it runs. Measured: about
    0.02 s per change; building the explorer's charts afresh about 0.19 s, above the ceiling.
    """
    explorer = DownlineExplorer(recruits_each=4, depth=5)
    start = time.process_time()
    for value in (100.0, 150.0, 200.0, 250.0, 300.0):
        explorer.controls["sale_usd"].value = value
    assert (time.process_time() - start) / 5 < 0.1
