"""Break-even and keep-your-day-job planners against hand-worked numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.books import make_ledger
from mlmkit.planners import break_even, month_costs, months_to_cover, simulate_day_job


def test_break_even_by_hand() -> None:
    # 60 USD orders, 30 % margin + 10 % commission = 24 USD, minus 4 USD shipping = 20 USD a customer
    plan = break_even(monthly_costs_usd=210, order_per_customer_usd=60, retail_margin=0.30,
                      commission_rate=0.10, cost_per_order_usd=4)
    assert plan.earned_per_customer_usd == pytest.approx(20.0)
    assert plan.customers_needed == 11  # 10 customers earn 200 < 210
    assert plan.retail_volume_needed_usd == pytest.approx(660.0)
    table = plan.table()
    assert table.loc[table["net_usd"] >= 0, "customers"].min() == 11
    assert break_even(200, 60, 0.30, 0.10, 4).customers_needed == 10  # exactly covered
    assert break_even(0, 60, 0.3).customers_needed == 0
    never = break_even(100, 20, 0.1, 0.0, 2)
    assert never.customers_needed is None and "no number of customers" in never.to_text()


@pytest.mark.parametrize(("field", "kwargs"), [
    ("retail_margin", {"retail_margin": -0.1}),
    ("commission_rate", {"commission_rate": 2}),
    ("monthly_costs_usd", {"monthly_costs_usd": -5}),
    ("order_per_customer_usd", {"order_per_customer_usd": float("nan")}),
])
def test_break_even_refuses_bad_input(field: str, kwargs: dict) -> None:
    values = {"monthly_costs_usd": 100, "order_per_customer_usd": 50, "retail_margin": 0.25, **kwargs}
    with pytest.raises(MlmkitInputError) as error:
        break_even(**values)
    assert error.value.field == field


def test_month_costs_reads_the_books() -> None:
    ledger = make_ledger([("2026-01-04", "entry_fee", 49.0), ("2026-03-01", "required_purchases", 100.0),
                          ("2026-03-10", "commissions", 20.0)])
    assert month_costs(ledger) == 100.0 and month_costs(ledger, "2026-02") == 0.0
    with pytest.raises(MlmkitInputError, match="month"):
        month_costs(ledger, "2027-01")


def test_months_to_cover_matches_the_formula_and_brute_force() -> None:
    growth = np.array([0.01, 0.03, 0.08, 0.25])
    months = months_to_cover(1500, 120, 180, growth, horizon_months=600)
    for rate, answer in zip(growth, months, strict=True):
        income = 120 * (1 + rate) ** np.arange(601)
        assert answer == np.argmax(income - 180 >= 1500)
        assert 120 * (1 + rate) ** answer - 180 >= 1500 > 120 * (1 + rate) ** (answer - 1) - 180
    assert np.isinf(months_to_cover(1500, 120, 180, [0.01], horizon_months=120)).all()
    assert months_to_cover(10, 500, 100, [0.0]).tolist() == [0.0]
    assert np.isinf(months_to_cover(10, 0, 100, [0.5])).all()


def test_simulation_is_seeded_and_brackets_the_steady_answer() -> None:
    kwargs = {"target_monthly_income_usd": 2000, "start_income_usd": 150, "monthly_costs_usd": 150,
              "growth_mean": 0.08, "growth_sd": 0.10, "horizon_months": 120, "paths": 3000}
    first, again = simulate_day_job(**kwargs, seed=3), simulate_day_job(**kwargs, seed=3)
    np.testing.assert_array_equal(first.months_needed, again.months_needed)
    steady = months_to_cover(2000, 150, 150, [0.08], horizon_months=120)[0]
    low, mid, high = (first.months_percentile(p) for p in (10, 50, 90))
    assert low < steady < high and abs(mid - steady) <= 8
    bands = first.bands
    assert (bands["net_p10_usd"] <= bands["net_median_usd"]).all()
    assert (bands["net_median_usd"] <= bands["net_p90_usd"]).all()
    assert bands["share_covered"].is_monotonic_increasing and bands["share_covered"].iloc[0] == 0
    assert math.isclose(bands["share_covered"].iloc[-1], first.share_reaching)
    no_spread = simulate_day_job(**{**kwargs, "growth_sd": 0.0, "paths": 5}, seed=1)
    assert set(no_spread.months_needed) == {steady}


def test_simulation_refuses_huge_or_bad_input() -> None:
    with pytest.raises(MlmkitInputError, match="paths"):
        simulate_day_job(1000, 100, 100, 0.05, 0.1, horizon_months=1200, paths=1_000_000)
    with pytest.raises(MlmkitInputError, match="growth_sd"):
        simulate_day_job(1000, 100, 100, 0.05, -0.1)


def test_break_even_for_the_example_profiles() -> None:
    from mlmkit.datasets import data_path
    from mlmkit.planners import break_even_for_profile
    from mlmkit.scorecard import load_profile

    glowhaus = load_profile(data_path("companies", "glowhaus_cosmetics.toml"))
    plan = break_even_for_profile(glowhaus, 50, monthly_other_costs_usd=25)
    # 200 USD autoship + 25 USD other costs; 20 % of a 50 USD order = 10 USD a customer
    assert plan.monthly_costs_usd == 225 and plan.earned_per_customer_usd == 10 and plan.customers_needed == 23
    brightstart = load_profile(data_path("companies", "brightstart_wellness.toml"))
    with pytest.raises(MlmkitInputError, match="pay_plan.monthly_purchase_usd"):
        break_even_for_profile(brightstart, 50)
