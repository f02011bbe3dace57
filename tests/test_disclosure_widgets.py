"""The claim check and first-year forms: models without a browser, forms through their controls."""

from __future__ import annotations

import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.disclosure import YearOneCosts, from_brackets, from_dataset
from mlmkit.widgets.disclosure import (
    ClaimChecker,
    ClaimCheckModel,
    FirstYearCalculator,
    FirstYearModel,
)

HAND = from_brackets([0, 0, 1000], [0, 1000, 3000], shares=[0.4, 0.4, 0.2])


def test_claim_model_follows_its_inputs_and_keeps_the_last_good_state():
    model = ClaimCheckModel(HAND, claim_usd=125, per="month", yearly_cost_usd=300)
    assert model.result.share_at_least == pytest.approx(0.15)
    assert model.result.share_at_least_after_costs == pytest.approx(0.12)
    model.update(per="year", claim_usd=500)
    assert model.result.share_at_least == pytest.approx(0.4 * 0.5 + 0.2)
    with pytest.raises(MlmkitInputError, match="per"):
        model.update(per="decade")
    with pytest.raises(MlmkitInputError, match="update"):
        model.update(colour="red")
    assert (model.per, model.claim_usd) == ("year", 500.0)


def test_first_year_model_follows_costs_and_hours():
    model = FirstYearModel(HAND, YearOneCosts(kit_usd=100), hours_per_week=5)
    model.update(monthly_purchase_usd=30, yearly_events_usd=140)
    assert model.result.year_one_cost_usd == pytest.approx(600)
    assert model.result.chance_of_clearing_costs == pytest.approx(0.36)
    model.update(hours_per_week=10)
    assert model.result.median_hourly_net_usd == pytest.approx(-350 / 520)
    with pytest.raises(MlmkitInputError, match="kit_usd"):
        model.update(kit_usd=-1)
    assert model.costs.kit_usd == 100


def test_claim_form_updates_table_and_chart_data():
    checker = ClaimChecker(from_dataset("example_disclosure_fictional"))
    checker.controls["claim_usd"].value = 500
    checker.controls["per"].value = "year"
    assert checker.model.result.yearly_usd == 500
    assert "USD 500 a year" in checker.table.value
    marker = [rows for rows in checker.chart.spec["datasets"].values() if len(rows) == 1]
    assert marker and marker[0][0]["yearly_usd"] == 500 and marker[0][0]["shown"] == 1
    checker.controls["claim_usd"].value = 0  # no claim: the marker is hidden, never an empty layer
    marker = [rows for rows in checker.chart.spec["datasets"].values() if len(rows) == 1]
    assert marker and marker[0][0]["shown"] == 0
    assert all(len(rows) > 0 for rows in checker.chart.spec["datasets"].values())
    checker.controls["claim_usd"].value = 500
    checker.controls["yearly_cost_usd"].value = 1200
    assert "USD 1,200" in checker.chart.spec["title"]["subtitle"]
    lines = max(checker.chart.spec["datasets"].values(), key=len)
    assert {row["measure"] for row in lines} == {"gross pay as disclosed",
                                                 "net after the yearly costs"}


def test_first_year_form_shows_errors_in_the_form_and_keeps_the_result():
    calculator = FirstYearCalculator(from_dataset("example_disclosure_fictional"),
                                     YearOneCosts(kit_usd=99))
    calculator.controls["monthly_purchase_usd"].value = 100
    assert "USD 1,299" in calculator.table.value
    calculator._changed("hours_per_week", 500)  # what a bad value from the frontend does
    assert "Not updated" in calculator.status.value and "hours_per_week" in calculator.status.value
    assert calculator.model.result.year_one_cost_usd == pytest.approx(1299)


def test_company_names_are_escaped_in_the_form():
    hostile = from_brackets([0], [100], shares=[1], company="<img src=x onerror=alert(1)>")
    form = ClaimChecker(hostile)
    heading = form.view.children[0].value
    assert "<img" not in heading and "&lt;img" in heading
