"""Kernel-free explorers: grids computed by mlmkit, charts whose controls filter them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mlmkit as mk
from mlmkit._validation import MlmkitInputError
from mlmkit.charts import kernel_free as kf
from mlmkit.plans import UnilevelPlan, payouts
from mlmkit.simulate import recruitment_fee_plan, simulate_market


def _params(chart) -> dict:
    return {param["name"]: param for param in chart.to_dict()["params"]}


def test_downline_grid_matches_the_network():
    grid = kf.downline_grid(recruits_each=(4,), depths=(3,))
    network = mk.network.full_tree(4, 3)
    assert grid["members"].tolist() == network.members_per_level()["members_at_level"].tolist()
    assert grid["total_members"].iloc[0] == network.size
    assert grid["share_of_members"].sum() == pytest.approx(1.0)


def test_sale_grid_is_mlmkits_sale_breakdown():
    rates = (0.10, 0.05, 0.05)
    grid = kf.downline_sale_grid({"a": rates}, personal_rate=0.25, sale_usd=100.0, max_level=4)
    at_4 = grid[grid["seller_level"] == 4].set_index("who")["usd"]
    assert at_4.to_dict() == pytest.approx({"seller": 25.0, "1 up": 10.0, "2 up": 5.0, "3 up": 5.0,
                                            "company keeps": 55.0})
    at_0 = grid[grid["seller_level"] == 0].set_index("who")["usd"]
    assert at_0["company keeps"] == pytest.approx(75.0)  # the founder's sale: nobody above to pay
    assert grid.groupby("seller_level")["usd"].sum().tolist() == pytest.approx([100.0] * 5)


def test_downline_explorer_binds_sliders_and_a_dropdown():
    grid = kf.downline_grid(recruits_each=(2, 3, 4), depths=(1, 2, 3))
    chart = kf.downline_explorer(grid, kf.downline_sale_grid({"a": (0.1,), "b": (0.2, 0.1)}, max_level=3))
    params = _params(chart)
    assert params["recruits_each"]["bind"]["input"] == "range"
    assert params["rates"]["bind"]["input"] == "select"
    assert params["rates"]["bind"]["options"] == ["a", "b"]
    assert "datum.recruits_each == recruits_each" in str(chart.to_dict())


def test_control_checks_its_start_and_slider_spacing():
    with pytest.raises(MlmkitInputError, match="depth"):
        kf.Control("depth", "levels", (1, 2), 5, "slider")
    with pytest.raises(MlmkitInputError, match="evenly spaced"):
        kf.Control("size", "market", (1_000, 3_000, 10_000), 1_000, "slider")
    with pytest.raises(MlmkitInputError, match="kind"):
        kf.Control("x", "x", (1, 2), 1, "knob")


def test_single_option_controls_are_left_out():
    control = kf.Control("plan", "plan", ("only",), "only")
    assert kf.filter_expression([control]) == "true"


def test_plan_grid_agrees_with_payouts_and_switches_rules():
    network = mk.network.random_tree(300, seed=3)
    rng = np.random.default_rng(3)
    own, retail = rng.choice([50.0, 100.0], network.size), rng.exponential(30, network.size)
    plan = UnilevelPlan(level_rates=(0.1, 0.05))
    grid = kf.plan_grid(network, retail, own, plans={"u": plan}, min_personal_volumes_usd=(0, 100),
                        compression=(True,), pay_only_on_retail=(False, True))
    assert len(grid) == 2 * 2 * 4
    free = grid[(grid["min_pv"] == 0) & ~grid["retail_only"]]
    direct = payouts(plan, network, retail, own)
    paid = free[free["item_order"] <= 1]["usd"].sum()
    assert paid == pytest.approx(direct.paid_usd)
    strict = grid[(grid["min_pv"] == 100) & ~grid["retail_only"]]
    assert strict[strict["item_order"] <= 1]["usd"].sum() < paid  # a requirement pays fewer people
    assert grid.groupby(["min_pv", "retail_only"])["share_of_revenue"].sum().tolist() == pytest.approx([1.0] * 4)
    params = _params(kf.plan_explorer(grid))
    assert params["retail_only"]["bind"]["input"] == "checkbox"
    assert "compression" not in params  # one option only: no control


def test_market_frames_summarise_each_run():
    plan, settings = recruitment_fee_plan()
    runs = {("fees", size): simulate_market(plan, settings.replace(market_size=size, months=12), seed=2)
            for size in (500, 1_000)}
    monthly, joined = kf.market_frames(runs)
    assert set(monthly["market_size"]) == {500, 1_000}
    run = runs[("fees", 1_000)]
    rows = monthly[monthly["market_size"] == 1_000]
    assert rows["new_members"].tolist() == run.monthly["new_members"].tolist()
    assert rows["share_lost_money"].iloc[0] == pytest.approx(mk.economics.summarize(run).share_lost_money)
    assert joined["share_lost_money"].between(0, 1).all()
    params = _params(kf.market_explorer(monthly, joined))
    assert params["market_size"]["bind"]["options"] == [500, 1_000]


def test_scorecard_grid_is_mlmkits_score():
    profiles = mk.scorecard.example_profiles()
    name, profile = next(iter(profiles.items()))
    grid = kf.scorecard_grid({name: profile}, weights=(0, 1))
    row = grid[(grid["product_weight"] == 1) & (grid["pay_plan_weight"] == 1) & (grid["company_weight"] == 1)]
    assert row["overall"].iloc[0] == pytest.approx(mk.scorecard.score(profile).overall)
    assert len(grid) == 7  # every combination of 0/1 except all zero


def test_books_grid_counts_personal_use_out_of_costs():
    ledger = mk.books.load_ledger(mk.datasets.data_path("books", "example_ledger.csv"))
    grid = kf.books_grid(ledger, monthly_personal_use_usd=(0, 40))
    statement = mk.books.monthly_statement(ledger)
    base = grid[grid["monthly_personal_use_usd"] == 0]
    assert base["net_usd"].tolist() == pytest.approx(statement["net_usd"].tolist())
    months_with_autoship = statement["month"].nunique()
    year_0 = base["cumulative_net_usd"].iloc[-1]
    year_40 = grid[grid["monthly_personal_use_usd"] == 40]["cumulative_net_usd"].iloc[-1]
    assert year_40 - year_0 == pytest.approx(40 * months_with_autoship)


def test_grids_stay_under_altairs_row_limit():
    with pytest.raises(MlmkitInputError, match="rows"):
        kf.downline_grid(recruits_each=range(1, 21), depths=range(0, 31))


def test_earnings_grids_are_mlmkits_disclosure_checks():
    disclosure_module = pytest.importorskip("mlmkit.disclosure")  # notebook 07's module (issue 11)
    sunrise = disclosure_module.from_dataset("example_disclosure_fictional")
    claims = kf.claim_grid(sunrise, monthly_claims_usd=(0, 500, 1_000, 1_500, 2_000))
    direct = disclosure_module.check_claim(sunrise, 2_000.0, per="month")
    assert claims.set_index("claim_usd").loc[2_000.0, "share_at_least"] == pytest.approx(direct.share_at_least)
    assert claims["share_at_least"].is_monotonic_decreasing
    assert _params(kf.claim_explorer(claims))["claim_usd"]["bind"]["input"] == "range"
    year = kf.first_year_grid(sunrise, monthly_purchase_usd=(0, 100), kits_usd=(0, 99))
    row = year[(year["monthly_purchase_usd"] == 100) & (year["kit_usd"] == 99)].iloc[0]
    assert row["year_one_cost_usd"] == pytest.approx(99 + 12 * 100)
    assert year.sort_values("monthly_purchase_usd").groupby("kit_usd")["chance_of_clearing_costs"].apply(
        lambda s: s.is_monotonic_decreasing).all()
    assert set(_params(kf.first_year_explorer(year))) == {"kit_usd", "monthly_purchase_usd"}


@pytest.mark.parametrize(
    ("call", "setting", "limit"),
    [
        (lambda: kf.downline_grid(recruits_each=range(1, 10**9)), "recruits_each", "200 items"),
        (lambda: kf.downline_grid(recruits_each=range(1, 21), depths=range(0, 31)), "depths", "5,000 are allowed"),
        (lambda: kf.downline_sale_grid({f"r{i}": (0.1,) for i in range(50)}, max_level=16), "max_level",
         "5,000 are allowed"),
        (lambda: kf.plan_grid(mk.network.full_tree(2, 3), 100.0, min_personal_volumes_usd=range(200),
                              compression=(True, False), pay_only_on_retail=(True, False)),
         "min_personal_volumes_usd", "1,000 are allowed"),
        (lambda: kf.plan_grid(mk.network.random_tree(300_000, seed=1), 100.0), "network", "20,000,000 are allowed"),
        (lambda: kf.market_grid({"u": (UnilevelPlan(), mk.simulate.MarketSettings(market_size=500))},
                                range(10**6, 10**6 + 150), months=600), "months", "5,000 are allowed"),
        (lambda: kf.market_grid({"u": (UnilevelPlan(), mk.simulate.MarketSettings(market_size=500))},
                                (10**8, 2 * 10**8), months=12), "market_sizes", "200,000,000 are allowed"),
        (lambda: kf.scorecard_grid(mk.scorecard.example_profiles(), weights=tuple(range(10))), "weights",
         "1,000 are allowed"),
        (lambda: kf.claim_grid(mk.disclosure.from_brackets([0, 100], [100, 200], shares=[0.5, 0.5]),
                               range(10**7)), "monthly_claims_usd", "1000 items"),
    ],
)
def test_a_huge_grid_is_refused_at_once_naming_the_setting_and_the_limit(call, setting, limit):
    import time

    started = time.process_time()
    with pytest.raises(MlmkitInputError) as caught:
        call()
    message = str(caught.value)
    assert message.startswith(setting) and limit in message, message
    assert time.process_time() - started < 1.0  # refused before any work


def test_explorers_refuse_a_table_that_is_not_their_grid():
    with pytest.raises(MlmkitInputError, match="grid .*downline_grid"):
        kf.downline_explorer(pd.DataFrame({"x": [1]}), pd.DataFrame())
    with pytest.raises(MlmkitInputError, match="an empty table"):
        kf.claim_explorer(kf.claim_grid(mk.disclosure.from_brackets([0, 100], [100, 200], shares=[0.5, 0.5]),
                                        (0, 50)).iloc[:0])
    with pytest.raises(MlmkitInputError, match="JavaScript name"):
        kf.Control("1st", "first", (1, 2), 1)
    with pytest.raises(MlmkitInputError, match="depth value"):
        kf.Control("depth", "levels", (1, 2), True)  # True is not 1
