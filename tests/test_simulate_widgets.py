"""Tests for mlmkit.widgets.simulate: the market explorer, driven headless."""

from __future__ import annotations

import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.plans import UnilevelPlan
from mlmkit.simulate import MarketSettings
from mlmkit.widgets.simulate import DEFAULT_PLANS, MarketExplorer


@pytest.fixture(scope="module")
def explorer() -> MarketExplorer:
    return MarketExplorer(market_sizes=(1_000, 5_000), months=24, seed=2)


def test_controls_drive_the_result(explorer: MarketExplorer) -> None:
    labels = list(DEFAULT_PLANS)
    explorer.controls["plan"].value = labels[0]
    explorer.controls["market_size"].value = 1_000
    first = explorer.result
    assert first.run.settings.market_size == 1_000
    assert first.plan_label == labels[0]
    explorer.controls["market_size"].value = 5_000
    assert explorer.result.run.settings.market_size == 5_000
    assert explorer.result.summary.members > first.summary.members
    explorer.controls["plan"].value = labels[1]
    pyramid = explorer.result
    assert pyramid.plan_label == labels[1]
    assert pyramid.summary.median_net_usd < 0
    assert pyramid.summary.share_of_pay_from_outside_customers < 0.5
    assert "lost money" in explorer.summary.value
    assert "not met" in explorer.summary.value
    # the charts show the selected run
    growth_spec = explorer.growth_chart.spec
    data = next(iter(growth_spec["datasets"].values()))
    assert {row["plan"] for row in data} == {pyramid.run.plan_name}
    assert max(row["month"] for row in data) == 24


def test_same_seed_same_numbers(explorer: MarketExplorer) -> None:
    other = MarketExplorer(market_sizes=(1_000,), months=24, seed=2)
    explorer.controls["plan"].value = list(DEFAULT_PLANS)[0]
    explorer.controls["market_size"].value = 1_000
    assert other.result.summary == explorer.result.summary


def test_custom_plans_and_bad_input() -> None:
    custom = {"flat 20%": (UnilevelPlan(level_rates=(0.2,)), MarketSettings(months=6))}
    explorer = MarketExplorer(custom, market_sizes=(300,), months=6, seed=1)
    assert explorer.result.run.plan_name == "Unilevel 20%"
    with pytest.raises(MlmkitInputError, match="plans"):
        MarketExplorer({}, market_sizes=(300,))
    with pytest.raises(MlmkitInputError, match="market_sizes"):
        MarketExplorer(custom, market_sizes=(0,))


def test_the_indicator_table_reads_money_as_money_and_shares_as_percentages(explorer: MarketExplorer) -> None:
    explorer.controls["plan"].value = list(DEFAULT_PLANS)[1]
    indicators = explorer.result.indicators.set_index("test")
    paid_to_join = indicators.loc["Koscot (1): pay to take part"]
    share = indicators.loc["Koscot (2): rewards unrelated to retail"]
    shown = explorer.summary.value
    assert paid_to_join["value_text"].startswith("USD ") and paid_to_join["value_text"] in shown
    assert share["value_text"] == f"{share['value']:.1%}" and share["value_text"] in shown
    assert f"{share['value']:,.2f}<" not in shown  # the bare fraction (e.g. 0.95) is gone
