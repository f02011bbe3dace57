"""Tests for mlmkit.simulate: the finite-market simulator."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlmkit._validation import MlmkitInputError
from mlmkit.network import random_tree
from mlmkit.plans import MoneyNotConservedError, PayoutResult, PayRules, UnilevelPlan
from mlmkit.simulate import (
    MarketSettings,
    gastwirth_expected_recruits,
    market_runs_out,
    product_sales_plan,
    recruitment_fee_plan,
    settings_differences,
    settings_table,
    simulate_market,
)

SMALL = MarketSettings(market_size=3_000, months=24)


def money_in_equals_money_out(monthly: pd.DataFrame) -> np.ndarray:
    money_in = monthly["customer_spend_usd"] + monthly["member_fees_usd"] + monthly["member_purchases_usd"]
    money_out = monthly["total_paid_usd"] + monthly["retail_margin_usd"] + monthly["company_keeps_usd"]
    return np.isclose(money_in, money_out, atol=0.01)


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"join_probability": 1.5}, "join_probability"),
        ({"customer_probability": -0.1}, "customer_probability"),
        ({"monthly_quit_probability": 2}, "monthly_quit_probability"),
        ({"market_size": -5}, "market_size"),
        ({"market_size": 0}, "market_size"),
        ({"market_size": 4, "founders": 5}, "market_size"),
        ({"months": 0}, "months"),
        ({"entry_fee_usd": -1}, "entry_fee_usd"),
        ({"contacts_per_month": float("nan")}, "contacts_per_month"),
        ({"pay_on": "everything"}, "pay_on"),
        ({"recruiting_months": 0}, "recruiting_months"),
        ({"contacts_vary": "yes"}, "contacts_vary"),
    ],
)
def test_impossible_settings_name_the_field(changes: dict, field: str) -> None:
    with pytest.raises(MlmkitInputError) as error:
        MarketSettings(**changes)
    assert error.value.field == field
    assert field in str(error.value)


def test_bad_plan_and_settings_objects_are_refused() -> None:
    with pytest.raises(MlmkitInputError, match="plan"):
        simulate_market(object(), SMALL, seed=1)
    with pytest.raises(MlmkitInputError, match="settings"):
        simulate_market(UnilevelPlan(), {"market_size": 10}, seed=1)


@pytest.mark.parametrize(
    "settings_",
    [
        MarketSettings(market_size=10, founders=1, months=12, join_probability=1.0),
        MarketSettings(market_size=1, founders=1, months=3),
        MarketSettings(market_size=2_000, months=12, monthly_quit_probability=0.0,
                       quit_probability_when_losing=0.0, customer_monthly_quit_probability=0.0),
        MarketSettings(market_size=10_000_000, months=4),
        MarketSettings(market_size=500, months=6, contacts_per_month=0.0),
    ],
    ids=["market of 10", "market of 1", "zero attrition", "ten million", "nobody approaches"],
)
def test_extreme_but_legal_settings_run(settings_: MarketSettings) -> None:
    result = simulate_market(UnilevelPlan(), settings_, seed=4)
    assert len(result.members) <= settings_.market_size
    assert len(result.monthly) == settings_.months + 1
    assert money_in_equals_money_out(result.monthly).all()


def test_market_of_ten_fills_up_and_stops() -> None:
    result = simulate_market(
        UnilevelPlan(), MarketSettings(market_size=10, founders=1, months=24, join_probability=1.0,
                                       contacts_per_month=3.0, monthly_quit_probability=0.0,
                                       quit_probability_when_losing=0.0), seed=2
    )
    assert len(result.members) == 10
    assert result.monthly["never_approached"].iloc[-1] == 0


# --------------------------------------------------------------- determinism
def test_same_seed_same_run_and_generator_accepted() -> None:
    plan, settings_ = recruitment_fee_plan()
    settings_ = settings_.replace(market_size=5_000)
    first = simulate_market(plan, settings_, seed=11)
    second = simulate_market(plan, settings_, seed=11)
    pd.testing.assert_frame_equal(first.members, second.members)
    pd.testing.assert_frame_equal(first.monthly, second.monthly)
    other = simulate_market(plan, settings_, seed=12)
    assert not first.monthly["new_members"].equals(other.monthly["new_members"])
    from_generator = simulate_market(plan, settings_, seed=np.random.default_rng(11))
    pd.testing.assert_frame_equal(first.members, from_generator.members)
    assert from_generator.seed is None and first.seed == 11


# -------------------------------------------------------------- money checks
@pytest.mark.parametrize("preset", [product_sales_plan, recruitment_fee_plan])
def test_money_is_conserved_every_month(preset) -> None:
    plan, settings_ = preset()
    result = simulate_market(plan, settings_.replace(market_size=20_000), seed=3)
    assert money_in_equals_money_out(result.monthly).all()
    monthly = result.monthly
    # the members' table and the monthly ledger add up to the same totals
    members = result.members
    assert math.isclose(members["total_paid_usd"].sum(), monthly["total_paid_usd"].sum(), rel_tol=1e-9)
    assert math.isclose(members["other_costs_usd"].sum(), monthly["other_costs_usd"].sum(), rel_tol=1e-9)
    fees = members["entry_fee_usd"].sum() + members["starter_kit_usd"].sum()
    assert math.isclose(fees, monthly["member_fees_usd"].sum(), rel_tol=1e-9)
    assert (monthly["breakage_usd"] >= -1e-9).all()
    assert (monthly["company_keeps_usd"] >= monthly["breakage_usd"] - 1e-6).all()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    market_size=st.integers(1, 1_500),
    founders=st.integers(1, 5),
    join=st.floats(0, 1),
    customer=st.floats(0, 1),
    contacts=st.floats(0, 8),
    fee=st.floats(0, 500),
    purchase=st.floats(0, 200),
    retail_only=st.booleans(),
    seed=st.integers(0, 2**31),
)
def test_money_conserved_for_any_legal_settings(
    market_size, founders, join, customer, contacts, fee, purchase, retail_only, seed
) -> None:
    settings_ = MarketSettings(
        market_size=max(market_size, founders), founders=founders, months=8,
        join_probability=join, customer_probability=customer, contacts_per_month=contacts,
        entry_fee_usd=fee, monthly_purchase_usd=purchase,
    )
    rules = PayRules(pay_only_on_retail=retail_only)
    result = simulate_market(UnilevelPlan(level_rates=(0.3, 0.2, 0.1), rules=rules), settings_, seed=seed)
    assert money_in_equals_money_out(result.monthly).all()
    assert (result.members["total_paid_usd"] >= 0).all()
    assert result.monthly["members_ever"].iloc[-1] <= settings_.market_size


@dataclasses.dataclass(frozen=True)
class LeakyPlan:
    """A broken plan that pays more than its pool: the simulator must notice."""

    name: str = "leaky"

    def pay(self, network, volumes) -> PayoutResult:
        result = UnilevelPlan().pay(network, volumes)
        members = result.members.copy()
        members["total_paid_usd"] = members["total_paid_usd"] + 1.0
        return PayoutResult(result.plan_name, members, result.revenue_usd, result.pool_usd, result.breakage_usd)


def test_a_plan_that_creates_money_is_caught() -> None:
    with pytest.raises(MoneyNotConservedError):
        simulate_market(LeakyPlan(), SMALL, seed=1)


@dataclasses.dataclass(frozen=True)
class WrappedPlan:
    """Any object with name and pay() works (new plan types plug in)."""

    name: str = "wrapped unilevel"

    def pay(self, network, volumes) -> PayoutResult:
        return UnilevelPlan(level_rates=(0.2,)).pay(network, volumes)


def test_any_plan_object_with_pay_works() -> None:
    result = simulate_market(WrappedPlan(), SMALL, seed=1)
    assert result.plan_name == "wrapped unilevel"
    assert result.members["total_paid_usd"].sum() > 0


# -------------------------------------------------------- bookkeeping details
def test_months_active_and_quitters_are_consistent() -> None:
    plan, settings_ = recruitment_fee_plan()
    result = simulate_market(plan, settings_.replace(market_size=10_000), seed=8)
    members = result.members
    months = settings_.months
    founders = members["member_id"] < settings_.founders
    assert str(members["quit_month"].dtype) == "Int32"
    quit = members["quit_month"].notna()  # <NA>: still a member (never -1)
    assert not quit[founders].any()  # founders stay
    expected = members["quit_month"].fillna(months).to_numpy(dtype=int) - members["join_month"] + 1
    expected = np.where(founders, months, expected)
    assert (members["months_active"].to_numpy() == expected).all()
    # quitters pay nothing after quitting: purchases = months active x monthly purchase
    assert np.allclose(members["purchases_usd"], members["months_active"] * settings_.monthly_purchase_usd)
    # active at the end = joined - quit
    last = result.monthly.iloc[-1]
    assert last["active_members"] == len(members) - quit.sum()
    assert result.monthly["new_members"].sum() == len(members) - settings_.founders
    assert result.monthly["quits"].sum() == quit.sum()


def test_sponsors_levels_and_recruits_agree_with_the_network() -> None:
    result = simulate_market(UnilevelPlan(), SMALL.replace(market_size=5_000), seed=9)
    members, network = result.members, result.network
    assert (members["level"].to_numpy() == network.level).all()
    assert members["sponsor_id"].isna().tolist() == [True] + [False] * (len(members) - 1)  # <NA>, as everywhere
    sponsor = members["sponsor_id"].fillna(-1).to_numpy(dtype=np.int64)
    assert (sponsor[members["member_id"] >= SMALL.founders] < members["member_id"][members["member_id"] >= SMALL.founders]).all()
    assert (members["recruits"].to_numpy() == network.recruits).all()
    # one root, as mlmkit.network requires (the founding team sits under member 0)
    from mlmkit.network import Network, from_sponsors

    assert (sponsor == -1).sum() == 1 and network.founder == 0
    assert (from_sponsors(sponsor).level == network.level).all()
    # the pre-filled levels equal the ones the network computes itself

    fresh = Network(network.parent)
    assert (fresh.level == network.level).all()


def test_retail_only_plan_pays_nothing_on_members_purchases() -> None:
    plan, settings_ = product_sales_plan()
    result = simulate_market(plan, settings_.replace(market_size=20_000, monthly_purchase_usd=100.0), seed=2)
    totals = result.summary()
    assert math.isclose(totals["paid_from_retail_usd"], totals["total_paid_usd"], rel_tol=1e-9)
    no_customers = simulate_market(
        plan, settings_.replace(market_size=5_000, customer_probability=0.0, monthly_purchase_usd=100.0), seed=2
    )
    assert no_customers.members["total_paid_usd"].sum() == 0


# ---------------------------------------------------------- named results
def test_growth_stops_when_the_market_is_exhausted() -> None:
    plan, settings_ = recruitment_fee_plan()
    result = simulate_market(plan, settings_.replace(market_size=5_000, months=60), seed=5)
    monthly = result.monthly
    peak = monthly["new_members"].idxmax()
    assert 0 < peak < 60
    assert monthly["share_approached"].iloc[-1] > 0.95
    assert monthly["new_members"].iloc[-6:].sum() < 0.1 * monthly["new_members"].max() * 6
    # people never approached only ever shrink
    assert (np.diff(monthly["never_approached"]) <= 0).all()
    # wasted approaches rise: more approaches land on people already approached
    assert len(result.members) <= settings_.join_probability * 5_000 * 1.5 + settings_.founders


def test_bigger_market_lasts_longer() -> None:
    plan, settings_ = recruitment_fee_plan()
    peaks = []
    for size in (2_000, 50_000):
        monthly = simulate_market(plan, settings_.replace(market_size=size, months=48), seed=1).monthly
        peaks.append(int(monthly["new_members"].idxmax()))
    assert peaks[0] < peaks[1]


def test_geometric_growth_level_n_holds_b_to_the_n() -> None:
    b, months = 3, 8
    settings_ = MarketSettings(
        market_size=10_000_000, founders=1, months=months, contacts_per_month=b, contacts_vary=False,
        recruiting_months=1, join_probability=1.0, monthly_quit_probability=0.0,
        quit_probability_when_losing=0.0,
    )
    result = simulate_market(UnilevelPlan(), settings_, seed=1)
    per_level = np.bincount(result.members["level"])
    expected = b ** np.arange(months + 1)
    assert len(per_level) == months + 1
    assert np.allclose(per_level, expected, rtol=0.01)
    bottom_share = per_level[-1] / per_level.sum()
    assert abs(bottom_share - (b - 1) / b) < 0.01
    table = market_runs_out({"town": 10_000}, recruits_each=(b,))
    assert table["levels_to_run_out"].iloc[0] == 9  # 1 + 3 + ... + 3**8 = 9,841 < 10,000 <= 29,524
    assert math.isclose(table["share_on_bottom_level"].iloc[0], 3**9 / ((3**10 - 1) / 2))


def test_gastwirth_formula_matches_log() -> None:
    size = 100_000
    expected = gastwirth_expected_recruits(size)
    i = np.array([10, 100, 1_000, 10_000])
    # H(N-1) - H(i) = ln(N/i) - 1/(2i) + O(1/i**2)
    assert (np.abs(expected[i - 1] - np.log(size / i)) < 1 / i).all()
    assert expected[-1] == 0
    assert math.isclose(expected.sum(), size - 1, rel_tol=1e-9)  # every newcomer has one sponsor
    # about the first 1/e of joiners expect at least one recruit
    share = (expected >= 1).mean()
    assert abs(share - 1 / math.e) < 0.01


def test_random_recruitment_matches_gastwirth() -> None:
    size, runs = 2_000, 30
    recruits = np.zeros(size)
    nobody = []
    for seed in range(runs):
        network = random_tree(size, seed=seed)
        recruits += network.recruits
        nobody.append((network.recruits == 0).mean())
    recruits /= runs
    expected = gastwirth_expected_recruits(size)
    # compare in blocks of joining order (averages over blocks of 100 joiners)
    observed_blocks = recruits.reshape(20, 100).mean(axis=1)
    expected_blocks = expected.reshape(20, 100).mean(axis=1)
    assert np.allclose(observed_blocks[1:], expected_blocks[1:], atol=0.15)
    assert abs(np.mean(nobody) - 0.5) < 0.02


def test_simulated_market_recruits_like_gastwirth() -> None:
    plan, settings_ = recruitment_fee_plan()
    result = simulate_market(plan, settings_.replace(market_size=100_000), seed=2)
    recruits = result.members["recruits"].to_numpy()
    assert 0.4 < (recruits == 0).mean() < 0.65  # about half recruit nobody
    order = np.arange(len(recruits))
    early = recruits[order < len(recruits) // 10].mean()
    late = recruits[order >= len(recruits) * 9 // 10].mean()
    assert early > 3 * late


def test_market_runs_out_table() -> None:
    table = market_runs_out({"world": 8.0e9, "town": 50_000.0})
    world = table[table["place"] == "world"].set_index("recruits_each")["levels_to_run_out"]
    assert world.to_dict() == {2: 32, 4: 17, 6: 13}
    # the fact sheet's depth table counts the first level that fills; check the definition
    for b, levels in world.items():
        through = (b ** (levels + 1) - 1) // (b - 1)
        before = (b**levels - 1) // (b - 1)
        assert before < 8.0e9 <= through
    with pytest.raises(MlmkitInputError, match="recruits_each"):
        market_runs_out({"town": 100.0}, recruits_each=(1,))
    with pytest.raises(MlmkitInputError, match="populations"):
        market_runs_out({})


def test_settings_table_and_repr() -> None:
    table = settings_table(SMALL)
    assert set(table["setting"]) == {field.name for field in dataclasses.fields(MarketSettings)}
    result = simulate_market(UnilevelPlan(), SMALL, seed=1)
    assert "Simulated market" in result._repr_html_()
    assert result.summary()["members_ever"] == len(result.members)


def test_member_months_add_up_to_the_members_table() -> None:
    plan, settings_ = recruitment_fee_plan()
    settings_ = settings_.replace(market_size=5_000)
    tracked = simulate_market(plan, settings_, seed=6, track_members=True)
    plain = simulate_market(plan, settings_, seed=6)
    pd.testing.assert_frame_equal(tracked.members, plain.members)  # tracking changes nothing
    assert plain.member_months is None
    months = tracked.member_months
    per_member = months.groupby("member_id")[["total_paid_usd", "purchases_usd", "other_costs_usd"]].sum()
    members = tracked.members.set_index("member_id")
    for column in per_member.columns:
        assert np.allclose(per_member[column], members.loc[per_member.index, column])
    assert (months.groupby("member_id").size() == members.loc[per_member.index, "months_active"]).all()
    fees = months.groupby("member_id")["fees_usd"].sum()
    assert np.allclose(fees, members.loc[fees.index, ["entry_fee_usd", "starter_kit_usd"]].sum(axis=1))
    with pytest.raises(MlmkitInputError, match="track_members"):
        simulate_market(plan, settings_, seed=6, track_members="yes")


@pytest.mark.parametrize("plan_name", ["BinaryPlan", "MatrixPlan", "StairStepPlan"])
def test_other_plan_types_run_and_conserve_money(plan_name: str) -> None:
    """Every plan type of mlmkit.plans plugs in (skipped until that plan type exists)."""
    import mlmkit.plans

    plan_type = getattr(mlmkit.plans, plan_name, None)
    if plan_type is None:
        pytest.skip(f"mlmkit.plans has no {plan_name} yet")
    plan, settings_ = recruitment_fee_plan()
    result = simulate_market(plan_type(), settings_.replace(market_size=5_000), seed=3)
    assert money_in_equals_money_out(result.monthly).all()
    assert result.monthly["total_paid_usd"].sum() > 0


def test_settings_differences() -> None:
    _, retail = product_sales_plan()
    _, pyramid = recruitment_fee_plan()
    table = settings_differences({"retail": retail, "pyramid": pyramid})
    assert "recruiting_months" not in set(table["setting"])  # None == None is no difference
    assert {"entry_fee_usd", "monthly_purchase_usd"} <= set(table["setting"])  # pay on: the plans' rules
    row = table.set_index("setting").loc["entry_fee_usd"]
    assert (row["retail"], row["pyramid"]) == (0.0, 300.0)
    assert settings_differences({"same": retail, "again": retail}).empty
    with pytest.raises(MlmkitInputError, match="named"):
        settings_differences({"x": 3})


def test_approaches_are_wasted_more_as_the_market_fills() -> None:
    plan, settings_ = recruitment_fee_plan()
    monthly = simulate_market(plan, settings_.replace(market_size=5_000, months=48), seed=5).monthly
    assert (monthly["new_people_reached"] <= monthly["approaches"]).all()
    assert monthly["new_people_reached"].sum() + settings_.founders == monthly["people_approached"].iloc[-1]
    busy = monthly[monthly["approaches"] > 100]
    assert busy["share_of_approaches_wasted"].iloc[0] < 0.2 < 0.8 < busy["share_of_approaches_wasted"].iloc[-1]


def test_pay_only_on_retail_is_one_switch_and_the_old_spelling_still_works() -> None:
    import warnings

    plan = UnilevelPlan(level_rates=(0.3, 0.2, 0.1))
    small = MarketSettings(market_size=600, months=6, monthly_purchase_usd=80.0)
    by_rule = simulate_market(plan.replace(rules=PayRules(pay_only_on_retail=True)), small, seed=3)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old = small.replace(pay_on="retail only")
    assert any(issubclass(w.category, FutureWarning) and "pay_only_on_retail" in str(w.message) for w in caught)
    by_old = simulate_market(plan, old, seed=3)
    assert by_rule.summary().equals(by_old.summary())
    everything = simulate_market(plan, small, seed=3)
    assert everything.summary()["total_paid_usd"] > by_rule.summary()["total_paid_usd"]
