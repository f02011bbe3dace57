"""Profiles derived from the court record land where the record points (indicators, not verdicts).

The profiles in tests/data/court_records restate what courts and regulators found or alleged
(with citations); every other answer is unknown. Plans a court or regulator acted against as
pyramids must land in a low band with their indicators; plans a court did not call a pyramid
must not be put there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlmkit.scorecard import compare, load_profile, score

RECORDS = Path(__file__).parent / "data" / "court_records"
ACTED_AGAINST = [
    "burnlounge_2014", "telexfree_2014", "fortune_hi_tech_2014", "vemma_2016", "koscot_1975", "advocare_2019",
]
NOT_A_PYRAMID = ["amway_1979", "neora_2023"]


def result(name: str):
    return score(load_profile(RECORDS / f"{name}.toml"))


def status(name: str, key: str) -> str:
    return result(name).indicators.set_index("indicator").loc[key, "status"]


def test_every_record_profile_cites_its_source() -> None:
    for path in RECORDS.glob("*.toml"):
        profile = load_profile(path)
        assert profile["company.fictional"] is False and profile.sources
        assert profile["legal_actions"], path.name
        assert "court record" in profile.name


@pytest.mark.parametrize("name", ACTED_AGAINST)
def test_plans_acted_against_land_in_a_low_band(name: str) -> None:
    assert result(name).band.level <= 2


@pytest.mark.parametrize("name", NOT_A_PYRAMID)
def test_plans_a_court_did_not_call_a_pyramid_are_not_put_there(name: str) -> None:
    outcome = result(name)
    assert outcome.band.level >= 3
    assert "present" not in set(outcome.indicators.loc[outcome.indicators["gate"], "status"])


def test_the_indicators_behind_the_bands() -> None:
    assert status("burnlounge_2014", "recruiting_rewards") == "present"
    assert status("telexfree_2014", "participant_revenue") == "present"  # 1.3 million against 300 million
    assert status("koscot_1975", "package_pay") == "present"
    assert status("fortune_hi_tech_2014", "entry_payment") == "present"
    assert result("burnlounge_2014").band.level == 1  # packages bought + recruiting rewards: Koscot
    assert status("advocare_2019", "disclosure_leaves_out_inactive") == "present"
    assert status("advocare_2019", "entry_payment") == "present"  # 59 USD + 1,200 to 2,400 USD


def test_ordering_puts_every_not_a_pyramid_record_above_every_acted_against_record() -> None:
    table = compare([load_profile(RECORDS / f"{name}.toml") for name in ACTED_AGAINST + NOT_A_PYRAMID])
    ranks = dict(zip(table["company"], table["rank"], strict=True))
    worst_good = max(ranks[result(name).company] for name in NOT_A_PYRAMID)
    best_bad = min(ranks[result(name).company] for name in ACTED_AGAINST)
    assert worst_good < best_bad


def test_burnlounge_year_one_cost_from_the_packages() -> None:
    cost = load_profile(RECORDS / "burnlounge_2014.toml").year_one_cost()
    # the cheapest package (Basic, 29.95 USD a year) and its renewal, up to the dearest
    # package (VIP: 429.95 + 12 x 8 + renewal 429.95): which one earns pay is not in the record
    assert cost.joining.low == pytest.approx(29.95) and cost.joining.high == pytest.approx(429.95)
    assert "pay_plan.packages" in cost.missing
