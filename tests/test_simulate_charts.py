"""Tests for mlmkit.charts.simulate: encodings and data computed from the model."""

from __future__ import annotations

import numpy as np
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.charts import simulate as charts
from mlmkit.economics import net_by_join_month, profit_and_loss
from mlmkit.simulate import product_sales_plan, recruitment_fee_plan, simulate_market


@pytest.fixture(scope="module")
def runs():
    out = {}
    for name, preset in (("retail", product_sales_plan), ("pyramid", recruitment_fee_plan)):
        plan, settings = preset()
        out[name] = simulate_market(plan, settings.replace(market_size=20_000), seed=3)
    return out


def rows(spec: dict) -> int:
    return sum(len(values) for values in spec["datasets"].values())


def test_members_over_time(runs) -> None:
    spec = charts.members_over_time(runs).to_dict()
    assert spec["encoding"]["x"]["field"] == "month"
    assert spec["encoding"]["color"]["field"] == "measure"
    frame = charts.growth_frame(runs)
    active = frame[(frame["plan"] == "pyramid") & (frame["measure"] == "active members")]
    assert active["people"].tolist() == runs["pyramid"].monthly["active_members"].tolist()
    assert rows(spec) == len(frame) < 5_000


def test_market_saturation(runs) -> None:
    spec = charts.market_saturation(runs).to_dict()
    top, bottom = spec["vconcat"]
    assert top["encoding"]["y"]["field"] == "share_approached"
    assert bottom["encoding"]["y"]["field"] == "new_members_share_of_market"
    assert rows(spec) == 2 * (runs["retail"].settings.months + 1)


def test_pay_sources_split_adds_up(runs) -> None:
    frame = charts.pay_source_frame(runs)
    for name, run in runs.items():
        part = frame[frame["plan"] == name]
        assert np.isclose(part["usd"].sum(), run.monthly["total_paid_usd"].sum())
    retail = frame[(frame["plan"] == "retail") & (frame["source"] != "sales to outside customers")]
    assert np.allclose(retail["usd"], 0)
    spec = charts.pay_sources(runs).to_dict()
    assert spec["spec"]["encoding"]["color"]["field"] == "source"
    assert spec["facet"]["column"]["field"] == "plan"


def test_net_distribution_counts_every_member(runs) -> None:
    frame = charts.net_histogram_frame(runs, bins=30)
    for name, run in runs.items():
        part = frame[frame["plan"] == name]
        assert part["members"].sum() == len(run.members)
        assert np.isclose(part["share_of_members"].sum(), 1.0)
        lost = profit_and_loss(run)["lost_money"].mean()
        red = part.loc[part["outcome"] == "lost money", "share_of_members"].sum()
        assert abs(red - lost) < 0.1  # one band straddles zero
    spec = charts.net_distribution(runs, bins=30).to_dict()
    assert rows(spec) == 60
    assert spec["spec"]["encoding"]["x"]["bin"] == "binned"


def test_net_by_join_month_chart(runs) -> None:
    spec = charts.net_by_join_month_chart(runs).to_dict()
    line = spec["layer"][0]
    assert line["encoding"]["x"]["field"] == "join_month"
    data = spec["datasets"][line["data"]["name"]] if "data" in line else next(iter(spec["datasets"].values()))
    expected = sum(len(net_by_join_month(run)) for run in runs.values())
    assert len(data) == expected


def test_levels_vs_population() -> None:
    places = {"town": 50_000.0, "world": 8.0e9}
    spec = charts.levels_vs_population(places, recruits_each=6).to_dict()
    bars, rules, _labels = spec["layer"]
    assert bars["encoding"]["y"]["scale"]["type"] == "log"
    frame = charts.population_frame(places, recruits_each=6)
    assert frame["level"].max() == 13
    assert frame["people_through_level"].iloc[-1] > 8.0e9 > frame["people_through_level"].iloc[-2]
    assert frame["people_at_level"].tolist() == [6.0**n for n in range(14)]


def test_charts_refuse_other_input() -> None:
    with pytest.raises(MlmkitInputError, match="results"):
        charts.members_over_time([1, 2])
    with pytest.raises(MlmkitInputError, match="results"):
        charts.pay_sources({})


def test_recruits_by_join_order_matches_formula() -> None:
    from mlmkit.network import random_tree
    from mlmkit.simulate import gastwirth_expected_recruits

    network = random_tree(20_000, seed=5)
    frame = charts.gastwirth_frame(network, groups=20)
    assert np.isclose(frame["observed_recruits"].mean(), network.recruits.mean())
    assert np.isclose(frame["expected_recruits"].mean(), gastwirth_expected_recruits(20_000).mean())
    assert np.allclose(frame["observed_recruits"][1:], frame["expected_recruits"][1:], atol=0.15)
    spec = charts.recruits_by_join_order(network, groups=20).to_dict()
    assert rows(spec) == 20
    with pytest.raises(MlmkitInputError, match="network"):
        charts.gastwirth_frame("tree")


def test_typical_member_balances() -> None:
    plan, settings = recruitment_fee_plan()
    run = simulate_market(plan, settings.replace(market_size=5_000), seed=2, track_members=True)
    spec = charts.typical_member_balances(run, [0, 12, 24]).to_dict()
    line = spec["layer"][0]
    assert line["encoding"]["color"]["field"] == "who"
    data = [rows_ for name, rows_ in spec["datasets"].items() if len(rows_) > 1][0]
    assert {row["who"] for row in data} <= {"joined in month 0", "joined in month 12", "joined in month 24"}
    assert len(data) < 5_000
