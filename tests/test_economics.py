"""Tests for mlmkit.economics: members' profit and loss, summaries and legal indicators."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlmkit import economics
from mlmkit._validation import MlmkitInputError
from mlmkit.plans import UnilevelPlan
from mlmkit.plans.rules import HERBALIFE_MIN_RETAIL_REWARD_SHARE
from mlmkit.simulate import (
    MarketSettings,
    product_sales_plan,
    recruitment_fee_plan,
    simulate_market,
)
from mlmkit.sources import SOURCES


@pytest.fixture(scope="module")
def pyramid():
    plan, settings = recruitment_fee_plan()
    return simulate_market(plan, settings.replace(market_size=30_000), seed=21)


@pytest.fixture(scope="module")
def retail():
    plan, settings = product_sales_plan()
    return simulate_market(plan, settings.replace(market_size=30_000), seed=21)


def test_profit_and_loss_adds_up(pyramid) -> None:
    table = economics.profit_and_loss(pyramid)
    members = pyramid.members
    income = members["total_paid_usd"] + members["retail_margin_usd"]
    costs = (
        members["entry_fee_usd"] + members["starter_kit_usd"] + members["purchases_usd"]
        + members["other_costs_usd"]
    )
    assert np.allclose(table["net_usd"], income - costs)
    assert (table["lost_money"] == (table["net_usd"] < -0.005)).all()
    # a member who joined in the last month and recruited nobody lost the fee, kit, purchase, costs
    settings = pyramid.settings
    last = table[(table["join_month"] == settings.months) & (table["recruits"] == 0)]
    if len(last):
        cost = (settings.entry_fee_usd + settings.starter_kit_usd + settings.monthly_purchase_usd
                + settings.monthly_other_costs_usd)
        assert np.allclose(last["net_usd"] - last["retail_margin_usd"], -cost)


def test_summary_numbers(pyramid) -> None:
    summary = economics.summarize(pyramid)
    net = economics.profit_and_loss(pyramid)["net_usd"].to_numpy()
    assert summary.members == len(net)
    assert math.isclose(summary.share_lost_money, (net < -0.005).mean())
    assert math.isclose(summary.median_net_usd, float(np.median(net)))
    profits = np.sort(np.maximum(net, 0))[::-1]
    top = profits[: math.ceil(0.01 * len(net))].sum() / profits.sum()
    assert math.isclose(summary.top_1pct_share_of_profit, top)
    assert summary.share_lost_money + summary.share_made_money <= 1.0
    income = economics.profit_and_loss(pyramid)["income_usd"]
    assert math.isclose(summary.gini_of_income, economics.gini(income))
    assert 0.5 < summary.gini_of_income < 1.0
    assert "lost money" in summary._repr_html_()
    assert summary.summary().name == pyramid.plan_name


def test_recruitment_fee_plan_nothing_is_created(pyramid) -> None:
    """Late joiners' losses pay for early joiners' gains and the company's cut."""
    table = economics.where_the_money_went(pyramid).set_index("item")["usd"]
    assert abs(table["difference_usd"]) < 1.0
    # with no customers and no other costs, the identity is exact in its plain form
    plan, settings = recruitment_fee_plan()
    closed = simulate_market(
        plan, settings.replace(market_size=20_000, customer_probability=0.0, monthly_other_costs_usd=0.0),
        seed=4,
    )
    money = economics.where_the_money_went(closed).set_index("item")["usd"]
    assert money["customers_paid_usd"] == 0
    assert money["third_parties_paid_usd"] == 0
    assert math.isclose(
        money["winners_gained_usd"], money["losers_lost_usd"] - money["company_kept_usd"], rel_tol=1e-9, abs_tol=0.01
    )
    # and it is the late joiners who lose: the last half of joiners are net payers
    pnl = economics.profit_and_loss(closed)
    late = pnl["member_id"] >= len(pnl) // 2
    assert pnl.loc[late, "net_usd"].sum() < 0
    assert pnl.loc[late, "lost_money"].mean() > 0.95


def test_pyramid_versus_retail_plan(pyramid, retail) -> None:
    compared = economics.compare({"pyramid": pyramid, "retail": retail})
    assert compared.loc["pyramid", "share_lost_money"] > 0.85
    assert compared.loc["pyramid", "median_net_usd"] < compared.loc["retail", "median_net_usd"]
    assert compared.loc["retail", "share_of_pay_from_outside_customers"] == pytest.approx(1.0)
    assert compared.loc["pyramid", "share_of_pay_from_outside_customers"] < 0.2
    with pytest.raises(MlmkitInputError, match="results"):
        economics.compare({})


def test_net_by_join_month_early_win_late_lose(pyramid) -> None:
    by_month = economics.net_by_join_month(pyramid)
    assert by_month["members"].sum() == len(pyramid.members)
    assert by_month["median_net_usd"].iloc[0] > 0 > by_month["median_net_usd"].iloc[-1]
    late = by_month[by_month["join_month"] >= pyramid.settings.months - 6]
    assert (late["share_lost_money"] > 0.9).all()
    by_level = economics.net_by_level(pyramid)
    assert by_level["members"].sum() == len(pyramid.members)
    assert list(by_level["level"]) == sorted(by_level["level"])


def test_legal_indicators(pyramid, retail) -> None:
    bad = economics.legal_indicators(pyramid).set_index("test")
    good = economics.legal_indicators(retail).set_index("test")
    for table in (bad, good):
        assert set(table["source_key"]) <= set(SOURCES)
        assert table["citation"].str.len().gt(10).all()
    herbalife = "Herbalife retail share of rewards"
    assert not bad.loc[herbalife, "meets_benchmark"]
    assert good.loc[herbalife, "meets_benchmark"]
    assert good.loc[herbalife, "value"] >= HERBALIFE_MIN_RETAIL_REWARD_SHARE
    assert not bad.loc["Vemma non-participant revenue", "meets_benchmark"]
    assert good.loc["Vemma non-participant revenue", "meets_benchmark"]
    assert not bad.loc["Koscot (2): rewards unrelated to retail", "meets_benchmark"]
    assert good.loc["Koscot (2): rewards unrelated to retail", "meets_benchmark"]
    assert bad.loc["Koscot (1): pay to take part", "meets_benchmark"] is None
    for value in bad["value"]:
        assert np.isfinite(value)


def test_legal_indicators_with_no_pay_at_all() -> None:
    quiet = simulate_market(UnilevelPlan(), MarketSettings(market_size=50, months=2, contacts_per_month=0.0), seed=1)
    table = economics.legal_indicators(quiet).set_index("test")
    assert not table.loc["Herbalife retail share of rewards", "meets_benchmark"]
    assert table["value"].notna().all()


def test_gini_and_lorenz() -> None:
    assert economics.gini([5, 5, 5]) == 0.0
    assert math.isclose(economics.gini([0] * 99 + [1]), 0.99)
    rng = np.random.default_rng(1)
    values = rng.exponential(size=10_000)
    assert abs(economics.gini(values) - 0.5) < 0.02  # exponential: Gini = 1/2
    curve = economics.lorenz_curve(values, points=11)
    assert len(curve) == 11
    assert curve["share_of_pay"].iloc[0] == 0 and math.isclose(curve["share_of_pay"].iloc[-1], 1.0)
    assert (np.diff(curve["share_of_pay"]) >= 0).all()
    assert (curve["share_of_pay"] <= curve["share_of_members"] + 1e-12).all()
    with pytest.raises(MlmkitInputError):
        economics.gini([-1, 2])
    with pytest.raises(MlmkitInputError):
        economics.lorenz_curve([])


def test_functions_refuse_other_objects() -> None:
    with pytest.raises(MlmkitInputError, match="SimulationResult"):
        economics.summarize("not a result")


def test_typical_members_and_running_balance() -> None:
    plan, settings = recruitment_fee_plan()
    run = simulate_market(plan, settings.replace(market_size=10_000), seed=8, track_members=True)
    table = economics.profit_and_loss(run)
    typical = economics.typical_members(run, [0, 10, 30])
    for row in typical.itertuples():
        cohort = table.loc[table["join_month"] == row.join_month, "net_usd"]
        assert (cohort < row.net_usd).sum() <= len(cohort) // 2
        assert (cohort > row.net_usd).sum() <= len(cohort) // 2
    story = economics.running_balance(run, typical["member_id"].to_numpy())
    last = story.groupby("member_id")["balance_usd"].last()
    assert np.allclose(last, table.set_index("member_id").loc[last.index, "net_usd"])
    first_month = story.groupby("member_id")["month"].min()
    joined = story.groupby("member_id")["join_month"].min()
    assert (first_month == np.maximum(joined, 1)).all()  # founders' first month of business is month 1
    with pytest.raises(MlmkitInputError, match="member_ids"):
        economics.running_balance(run, [10**9])
    plain = simulate_market(plan, settings.replace(market_size=1_000), seed=8)
    with pytest.raises(MlmkitInputError, match="track_members=True"):
        economics.running_balance(plain, [0])
