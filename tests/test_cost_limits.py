"""Notebook 07's first-year calculator: each cost box has a believable limit (the project's own).

Before, every box took up to 1e9 USD, so a slip of the finger (an extra three zeros) drew a
year-one cost of billions. Now an amount above a box's limit is set to the limit, and the
form says so; the logic refuses it with the project's error naming field, value and limit.
"""

from __future__ import annotations

import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.disclosure import YearOneCosts, from_dataset

widgets = pytest.importorskip("ipywidgets")

from mlmkit.widgets.disclosure import (  # noqa: E402
    COST_LIMITS_USD,
    FirstYearCalculator,
    FirstYearModel,
)

SUNRISE = from_dataset("example_disclosure_fictional")


def test_every_cost_has_a_believable_limit() -> None:
    assert set(COST_LIMITS_USD) == set(YearOneCosts.__dataclass_fields__)
    monthly = {name: limit for name, limit in COST_LIMITS_USD.items() if "month" in name}
    yearly = {name: limit for name, limit in COST_LIMITS_USD.items() if "year" in name}
    assert monthly and yearly
    assert all(100 <= limit <= 5_000 for limit in monthly.values()), monthly
    assert all(1_000 <= limit <= 50_000 for limit in yearly.values()), yearly
    assert 1_000 <= COST_LIMITS_USD["kit_usd"] <= 20_000
    # the year at every limit is large but not absurd: under USD 200,000
    assert YearOneCosts(**COST_LIMITS_USD).total_usd < 200_000


@pytest.mark.parametrize("name", sorted(COST_LIMITS_USD))
def test_model_refuses_an_amount_above_the_limit_and_keeps_the_last_good_one(name: str) -> None:
    model = FirstYearModel(SUNRISE, YearOneCosts(kit_usd=99), hours_per_week=5)
    before = model.result.year_one_cost_usd
    assert model.update(**{name: COST_LIMITS_USD[name]}).year_one_cost_usd > 0  # the limit itself is allowed
    model.update(**{name: 0.0, "kit_usd": 99.0} if name != "kit_usd" else {name: 99.0})
    assert model.result.year_one_cost_usd == before
    with pytest.raises(MlmkitInputError, match=rf"{name} = 1000000000.0 is not allowed: .*USD [\d,]+.*own limit"):
        model.update(**{name: 1e9})
    assert model.result.year_one_cost_usd == before


def test_starting_costs_above_a_limit_are_refused_before_the_form_is_built() -> None:
    with pytest.raises(MlmkitInputError, match="monthly|required_purchases|own limit"):
        FirstYearCalculator(SUNRISE, YearOneCosts(**{next(n for n in COST_LIMITS_USD if "month" in n): 50_000}))


def test_the_form_sets_a_box_to_its_limit_and_says_why() -> None:
    calculator = FirstYearCalculator(SUNRISE)
    name = next(n for n in COST_LIMITS_USD if "event" in n)  # events and training, a year
    box = calculator.controls[name]
    box.value = 1e9
    assert box.value == COST_LIMITS_USD[name] == 20_000
    assert getattr(calculator.model.costs, name) == 20_000
    message = calculator.status.value
    assert "Set to USD 20,000 a year" in message and "USD 1,000,000,000" in message
    assert "project&#x27;s own limit" in message or "project's own limit" in message
    assert "USD 20,000" in calculator.table.value  # the year-one cost counts the limit, not 1e9
    box.value = 500  # a normal value clears the message
    assert calculator.status.value == "" and getattr(calculator.model.costs, name) == 500
