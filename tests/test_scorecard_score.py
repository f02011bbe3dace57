"""The score: each criterion and indicator on its own, honest unknowns, ranges, bands, ranking."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlmkit._validation import MlmkitInputError
from mlmkit.regulations import (
    DSA_BUYBACK_MIN_SHARE,
    DSA_BUYBACK_WINDOW_MONTHS,
    TAYLOR_MAX_PAID_LEVELS,
    ProjectLines,
)
from mlmkit.scorecard import (
    CRITERIA,
    FIELDS,
    INDICATORS,
    UNKNOWN,
    Profile,
    blank_profile,
    compare,
    example_profiles,
    load_profile,
    score,
)
from mlmkit.scorecard.bands import BandLines
from mlmkit.scorecard.criteria import evaluate
from mlmkit.scorecard.facts import Facts
from mlmkit.scorecard.fields import Range
from mlmkit.scorecard.indicators import GATES, pyramid_indicators
from mlmkit.sources import SOURCES

EXAMPLES = example_profiles()
GOOD = EXAMPLES["evergreen_pantry"]


def assess(key: str, lists: dict | None = None, **answers: Any):
    """A criterion's assessment for answers given as field=value (dots as __)."""
    mapping = {name.replace("__", "."): value for name, value in answers.items()}
    return evaluate(CRITERIA[key], Facts(mapping, lists or {}))


# ------------------------------------------------------------------ each criterion, fully known

CASES = [
    ("outside_customers", {"product__outside_customer_share": 0.8}, 0.8),
    ("outside_customers", {"product__outside_customer_share": 0.0}, 0.0),
    ("price_vs_retail", {"product__price_vs_retail": 0.9}, 1.0),
    ("price_vs_retail", {"product__price_vs_retail": 1.5}, 0.5),
    ("price_vs_retail", {"product__price_vs_retail": 3.0}, 0.0),
    ("repeat_demand", {"product__repeat_purchases": "common"}, 1.0),
    ("repeat_demand", {"product__repeat_purchases": "rare"}, 0.2),
    ("product_claims", {"product__claims": "miracle"}, 0.0),
    ("product_claims", {"product__claims": "substantiated"}, 1.0),
    ("pay_from_retail", {"pay_plan__retail_reward_share": 2 / 3}, 1.0),
    ("pay_from_retail", {"pay_plan__retail_reward_share": 1 / 3}, 0.5),
    ("recruiting_rewards", {"pay_plan__pay_for_recruiting": True}, 0.0),
    ("recruiting_rewards", {"pay_plan__pay_for_recruiting": False}, 1.0),
    ("revenue_from_outsiders", {"revenue__non_participant_share": 0.6}, 0.6),
    ("revenue_from_outsiders", {"revenue__non_participant_sales_usd": 1.3e6, "revenue__participant_payments_usd": 300e6}, 1.3 / 301.3),
    ("package_pay", {"pay_plan__pay_grows_with_package": True}, 0.0),
    ("package_pay", {"pay_plan__pay_grows_with_package": False}, 1.0),
    ("entry_cost", {"pay_plan__entry_fee_usd": 0.0, "pay_plan__starter_kit_usd": 99.0}, 1.0),
    ("entry_cost", {"pay_plan__entry_fee_usd": 500.0, "pay_plan__starter_kit_usd": 500.0}, 0.0),
    ("required_purchases", {"pay_plan__monthly_purchase_usd": 0.0}, 1.0),
    ("required_purchases", {"pay_plan__monthly_purchase_usd": 75.0}, 0.5),
    ("required_purchases", {"pay_plan__monthly_purchase_usd": 400.0}, 0.0),
    ("renewal", {"pay_plan__yearly_renewal_usd": 0.0}, 1.0),
    ("renewal", {"pay_plan__yearly_renewal_usd": 100.0}, 0.5),
    ("buyback", {"pay_plan__buyback_share": 0.9, "pay_plan__buyback_window_months": 12.0, "pay_plan__restocking_fee_share": 0.0}, 1.0),
    ("buyback", {"pay_plan__buyback_share": 0.9, "pay_plan__buyback_window_months": 0.0, "pay_plan__restocking_fee_share": 0.0}, 0.6),
    ("buyback", {"pay_plan__buyback_share": 0.9, "pay_plan__buyback_window_months": 12.0, "pay_plan__restocking_fee_share": 0.15}, 0.9),
    ("buyback", {"pay_plan__buyback_share": 0.0, "pay_plan__buyback_window_months": 12.0}, 0.0),
    ("kit_refund", {"pay_plan__starter_kit_usd": 99.0, "pay_plan__kit_refund_share": 0.5}, 0.5),
    ("kit_refund", {"pay_plan__starter_kit_usd": 0.0}, 1.0),
    ("safeguards", {"safeguards__sell_through_rule": "enforced", "safeguards__retail_customer_rule": "enforced", "safeguards__retail_sales_condition": "enforced"}, 1.0),
    ("safeguards", {"safeguards__sell_through_rule": "on_paper", "safeguards__retail_customer_rule": "none", "safeguards__retail_sales_condition": "enforced"}, 1.25 / 3),
    ("rank_requirements", {"pay_plan__rank_requirements": "recruiting"}, 0.0),
    ("rank_requirements", {"pay_plan__rank_requirements": "retail_sales"}, 1.0),
    ("paid_levels", {"pay_plan__paid_levels": TAYLOR_MAX_PAID_LEVELS}, 1.0),
    ("paid_levels", {"pay_plan__paid_levels": 9}, 0.0),
    ("track_record", {"company__years_operating": 5.0}, 0.5),
    ("track_record", {"company__years_operating": 40.0}, 1.0),
    ("financial_transparency", {"company__financial_statements": True, "company__ownership": "public"}, 1.0),
    ("financial_transparency", {"company__financial_statements": False, "company__ownership": "private"}, 0.0),
    ("legal_actions", {"company__legal_actions": "order_or_judgment"}, 0.0),
    ("legal_actions", {"company__legal_actions": "won_or_dismissed"}, 0.8),
    ("legal_actions", {"company__legal_actions": "none_found"}, 1.0),
    ("complaints", {"company__complaints": "some"}, 0.5),
    ("income_disclosure", {"income_disclosure__published": "not_published"}, 0.0),
    ("income_disclosure", {"income_disclosure__published": "published"}, 1.0),
    ("typical_pay", {"income_disclosure__share_paid_nothing": 0.7, "income_disclosure__counts_inactive": True}, 0.3),
    ("earnings_claims", {"company__earnings_claims": "lifestyle"}, 0.0),
    ("earnings_claims", {"company__earnings_claims": "none"}, 1.0),
]


@pytest.mark.parametrize(("key", "answers", "expected"), CASES)
def test_each_criterion(key: str, answers: dict, expected: float) -> None:
    result = assess(key, **answers)
    assert result.points == pytest.approx(expected)
    assert result.low == pytest.approx(expected) and result.high == pytest.approx(expected)
    assert result.coverage == pytest.approx(1.0)


def test_every_criterion_has_a_case_sources_and_a_reason() -> None:
    assert {case[0] for case in CASES} == set(CRITERIA)
    facts = GOOD.facts()
    for key, criterion in CRITERIA.items():
        assert criterion.sources and all(source in SOURCES for source in criterion.sources)
        assert evaluate(criterion, facts).reason, key


@pytest.mark.parametrize("key", list(CRITERIA))
def test_an_unknown_criterion_spans_its_whole_range(key: str) -> None:
    result = evaluate(CRITERIA[key], Facts({}, {}))
    assert result.coverage == 0 or key == "buyback"  # no buy-back share known: nothing decided
    assert result.low <= result.high
    assert math.isnan(result.points) or result.coverage > 0


def test_partial_answers_earn_partial_credit() -> None:
    # the issue's example: a known 90% buy-back with an unknown window earns something
    result = assess("buyback", pay_plan__buyback_share=0.9, pay_plan__buyback_window_months=UNKNOWN,
                    pay_plan__restocking_fee_share=0.0)
    assert result.low == pytest.approx(0.6) and result.high == pytest.approx(1.0)
    assert result.coverage == pytest.approx(0.6) and result.points == pytest.approx(1.0)
    # no buy-back at all decides the window and the fee too
    none = assess("buyback", pay_plan__buyback_share=0.0, pay_plan__buyback_window_months=UNKNOWN)
    assert none.coverage == 1.0 and none.high == 0.0
    # a disclosure that counts only active members is a best case: half decided
    active = assess("typical_pay", income_disclosure__share_paid_nothing=0.4, income_disclosure__counts_inactive=False)
    assert active.low == pytest.approx(0.3) and active.high == pytest.approx(0.6) and active.coverage == 0.5


def test_ranges_from_the_documents_count_at_both_ends() -> None:
    result = assess("entry_cost", pay_plan__entry_fee_usd=50.0, pay_plan__starter_kit_usd=Range(49, 1375))
    assert result.high == 1.0 and result.low == 0.0 and result.coverage == 1.0
    assert 0 < result.points < 1


def test_thresholds_name_who_drew_them_and_project_lines_can_change() -> None:
    reason = assess("entry_cost", pay_plan__entry_fee_usd=0.0, pay_plan__starter_kit_usd=300.0).reason
    assert "the project's own line" in reason and "USD 99" in reason and "USD 1,000" in reason
    assert "the project's own line" in assess("required_purchases", pay_plan__monthly_purchase_usd=50.0).reason
    assert "the project's own line" in assess("track_record", company__years_operating=3.0).reason
    full = assess("buyback", pay_plan__buyback_share=DSA_BUYBACK_MIN_SHARE,
                  pay_plan__buyback_window_months=float(DSA_BUYBACK_WINDOW_MONTHS), pay_plan__restocking_fee_share=0.0)
    assert full.points == 1.0 and "DSA Code" in full.reason
    strict = ProjectLines(entry_cost_zero_points_usd=500.0)
    facts = Facts({"pay_plan.entry_fee_usd": 0.0, "pay_plan.starter_kit_usd": 300.0}, {})
    assert evaluate(CRITERIA["entry_cost"], facts, strict).points < evaluate(CRITERIA["entry_cost"], facts).points
    assert score(GOOD, lines=ProjectLines(years_for_full_points=40.0)).area_scores["company"] < score(GOOD).area_scores["company"]


def test_herbalife_line_is_not_applied_to_outside_sales_alone() -> None:
    # the 80% line counts retail plus capped personal use; outside sales alone are scored as they are
    assert assess("outside_customers", product__outside_customer_share=0.8).points == pytest.approx(0.8)
    assert "80%" in assess("outside_customers", product__outside_customer_share=0.8).reason


# ------------------------------------------------------------------ each indicator on its own


def with_answers(**changes: Any) -> Profile:
    return GOOD.replace({name.replace("__", "."): value for name, value in changes.items()})


def status(profile: Profile, key: str) -> str:
    return pyramid_indicators(profile).set_index("indicator").loc[key, "status"]


INDICATOR_CASES = [
    ("recruiting_rewards", {"pay_plan__pay_for_recruiting": True}, "present"),
    ("recruiting_rewards", {"pay_plan__rank_requirements": "recruiting"}, "present"),
    ("recruiting_rewards", {"pay_plan__pay_for_recruiting": UNKNOWN}, "unknown"),
    ("package_pay", {"pay_plan__pay_grows_with_package": True}, "present"),
    ("package_pay", {"pay_plan__pay_grows_with_package": None}, "unknown"),
    ("participant_revenue", {"revenue__non_participant_share": 0.5}, "present"),
    ("participant_revenue", {"revenue__non_participant_share": 0.51}, "not present"),
    ("participant_revenue", {"revenue__non_participant_share": None, "product__outside_customer_share": 0.4}, "present"),
    ("participant_revenue", {"revenue__non_participant_share": None, "product__outside_customer_share": 0.9}, "unknown"),
    ("entry_payment", {"pay_plan__starter_kit_usd": 100.0}, "present"),
    ("entry_payment", {"pay_plan__monthly_purchase_usd": 10.0}, "present"),
    ("entry_payment", {"pay_plan__starter_kit_usd": Range(20, 300)}, "unknown"),
    ("inventory_loading", {"pay_plan__monthly_purchase_usd": 100.0, "pay_plan__buyback_share": 0.5,
                           "safeguards__sell_through_rule": "none"}, "present"),
    ("inventory_loading", {"pay_plan__monthly_purchase_usd": 100.0, "pay_plan__buyback_share": 0.5,
                           "safeguards__sell_through_rule": "enforced"}, "not present"),
    ("internal_consumption", {"pay_plan__retail_reward_share": 0.5}, "present"),
    ("no_enforced_safeguard", {"safeguards__sell_through_rule": "on_paper", "safeguards__retail_sales_condition": "none"}, "present"),
    ("no_enforced_safeguard", {"safeguards__sell_through_rule": UNKNOWN, "safeguards__retail_sales_condition": "none"}, "unknown"),
    ("claims_without_disclosure", {"company__earnings_claims": "lifestyle", "income_disclosure__published": "not_published"}, "present"),
    ("claims_without_disclosure", {"company__earnings_claims": "lifestyle"}, "not present"),
    ("disclosure_leaves_out_inactive", {"income_disclosure__counts_inactive": False}, "present"),
]


@pytest.mark.parametrize(("key", "changes", "expected"), INDICATOR_CASES)
def test_each_indicator(key: str, changes: dict, expected: str) -> None:
    assert status(GOOD, key) == "not present"
    assert status(with_answers(**changes), key) == expected


def test_every_indicator_has_a_case_a_rule_and_sources() -> None:
    assert {case[0] for case in INDICATOR_CASES} == set(INDICATORS)
    table = pyramid_indicators(GOOD)
    assert list(table.columns[:6]) == ["indicator", "title", "value", "benchmark", "status", "sources"]
    for row in table.itertuples():
        assert row.rule and row.benchmark and row.citation
    assert set(GATES) == {"recruiting_rewards", "package_pay", "participant_revenue"}


# ------------------------------------------------------------------ honest unknowns: properties

SCORED = [path for path, spec in FIELDS.items() if spec.better]


def known_values(path: str) -> list[Any]:
    """Known answers of a field from worst to best."""
    spec = FIELDS[path]
    if spec.kind == "bool":
        return [spec.better == "false", spec.better != "false"]
    if spec.kind == "choice":
        return list(spec.choices)
    low = spec.low or 0.0 if path != "pay_plan.paid_levels" else 3  # at least Evergreen's 3 level rates
    high = spec.high if spec.high is not None else 2000.0
    grid = [low + (high - low) * step / 4 for step in range(5)]
    if spec.kind == "int":
        grid = sorted({int(round(v)) for v in grid})
    return grid[::-1] if spec.better == "lower" else grid


def field_strategy(path: str) -> st.SearchStrategy:
    return st.sampled_from(known_values(path))


def scored(profile: Profile):
    return score(profile)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(SCORED), data=st.data())
def test_a_better_answer_never_lowers_a_score(path: str, data: st.DataObject) -> None:
    values = known_values(path)
    i = data.draw(st.integers(0, len(values) - 2))
    worse, better = score(GOOD.replace({path: values[i]})), score(GOOD.replace({path: values[i + 1]}))
    assert better.low >= worse.low - 1e-9
    assert better.high >= worse.high - 1e-9
    for area in ("product", "pay_plan", "company"):
        assert better.areas[area].low >= worse.areas[area].low - 1e-9
    assert better.band.level >= worse.band.level


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(SCORED), data=st.data())
def test_a_known_answer_never_beats_the_same_answer_unknown(path: str, data: st.DataObject) -> None:
    value = data.draw(field_strategy(path))
    known = score(GOOD.replace({path: value}))
    unknown = score(GOOD.replace({path: UNKNOWN}))
    assert known.high <= unknown.high + 1e-9  # a documented answer never raises the ceiling
    assert known.low >= unknown.low - 1e-9  # ... and documenting can only raise the floor
    assert known.coverage >= unknown.coverage - 1e-12
    for key in CRITERIA:
        k = known.criteria.set_index("criterion").loc[key]
        u = unknown.criteria.set_index("criterion").loc[key]
        assert k["high_points"] <= u["high_points"] + 1e-9 and k["low_points"] >= u["low_points"] - 1e-9


def test_the_issues_examples_of_unknown_against_documented_bad() -> None:
    # a known 339 USD buy-in and 1.6 years of history no longer beats fees that are unknown
    base = GOOD.replace({"company.years_operating": 1.6})
    bad = score(base.replace({"pay_plan.entry_fee_usd": 339.0, "pay_plan.starter_kit_usd": 0.0}))
    unknown = score(base.replace({"pay_plan.entry_fee_usd": UNKNOWN, "pay_plan.starter_kit_usd": UNKNOWN}))
    assert bad.overall <= unknown.overall and bad.high <= unknown.high
    # the recruiting plan of the issue: 1,200 USD entry fee, 129 USD kit, 120 USD a month,
    # pay for recruiting, ranks by recruiting -> bottom band, whatever the product scores
    recruiter = score(GOOD.replace({
        "pay_plan.entry_fee_usd": 1200.0, "pay_plan.starter_kit_usd": 129.0, "pay_plan.monthly_purchase_usd": 120.0,
        "pay_plan.pay_for_recruiting": True, "pay_plan.rank_requirements": "recruiting",
    }))
    assert recruiter.band.level == 1
    assert recruiter.profile.year_one_cost().total.low == pytest.approx(1200 + 129 + 12 * 120)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_range_contains_every_completion_of_the_unknowns(data: st.DataObject) -> None:
    hidden = data.draw(st.lists(st.sampled_from(SCORED), min_size=1, max_size=8, unique=True))
    partial = GOOD.replace(dict.fromkeys(hidden, UNKNOWN))
    result = score(partial)
    filled = partial.replace({path: data.draw(field_strategy(path)) for path in hidden})
    complete = score(filled)
    assert result.low - 1e-9 <= complete.low <= complete.high <= result.high + 1e-9
    assert not math.isnan(result.overall) and result.low - 1e-9 <= result.overall <= result.high + 1e-9
    for area in ("product", "pay_plan", "company"):
        assert result.areas[area].low - 1e-9 <= complete.areas[area].low
        assert complete.areas[area].high <= result.areas[area].high + 1e-9


def test_scores_add_up_and_coverage_is_a_share() -> None:
    for profile in EXAMPLES.values():
        result = score(profile)
        table = result.to_frame()
        assert table["gained"].sum() == pytest.approx(result.overall)
        assert table["range_low"].sum() == pytest.approx(result.low)
        assert table["range_high"].sum() == pytest.approx(result.high)
        assert 0 <= result.coverage <= 1
    blank = score(blank_profile())
    assert blank.coverage == 0 and math.isnan(blank.overall) and blank.high == 100


# ------------------------------------------------------------------ bands


@pytest.mark.parametrize(
    "changes",
    [
        {"pay_plan.pay_for_recruiting": True},
        {"pay_plan.pay_grows_with_package": True},
        {"revenue.non_participant_share": 0.3},
        {"pay_plan.pay_for_recruiting": UNKNOWN},
        {"revenue.non_participant_share": UNKNOWN, "product.outside_customer_share": 0.9},
    ],
)
def test_gates_keep_a_plan_out_of_the_top_band_whatever_its_product(changes: dict) -> None:
    best_product = {"product.price_vs_retail": 0.5, "product.outside_customer_share": 1.0,
                    "product.repeat_purchases": "common", "product.claims": "substantiated"}
    top = score(GOOD.replace(best_product))
    assert top.band.level == 5
    gated = score(GOOD.replace({**best_product, **changes}))
    assert gated.band.level < 5
    if any(value is not UNKNOWN and value != 0.9 for value in changes.values()):
        assert gated.band.level <= 2


def test_band_wording_is_indicators_not_verdicts() -> None:
    from mlmkit.scorecard.bands import BANDS

    for band in BANDS.values():
        assert "illegal" not in band.title.lower() and "scam" not in band.meaning.lower()
    assert "not a verdict" in BANDS[1].meaning
    with pytest.raises(MlmkitInputError):
        BandLines(top_coverage=0.3, min_coverage=0.6)
    strict = score(GOOD, band_lines=BandLines(top_score=95))
    assert strict.band.level == 4 and any("95" in reason for reason in strict.band.reasons)


def test_examples_band_as_their_descriptions_say() -> None:
    bands = {name: score(profile).band.level for name, profile in EXAMPLES.items()}
    assert bands["evergreen_pantry"] == 5
    assert bands["apex_wealth_circle"] == 1
    assert bands["brightstart_wellness"] == 3
    assert bands["glowhaus_cosmetics"] <= 2 and bands["vitaflow_nutrition"] <= 2
    assert bands["kitchencraft_parties"] == 4


# ------------------------------------------------------------------ weights and ranking


def test_weights_validate_and_cannot_make_nan() -> None:
    with pytest.raises(MlmkitInputError, match="colour"):
        score(GOOD, {"colour": 1})
    with pytest.raises(MlmkitInputError, match="between 0 and 1e"):
        score(GOOD, {"product": 1e308})
    with pytest.raises(MlmkitInputError, match="at least one criterion"):
        score(GOOD, {"product": 0, "pay_plan": 0, "company": 0})
    only_product = score(GOOD, {"pay_plan": 0, "company": 0})
    assert only_product.overall == pytest.approx(only_product.area_scores["product"])


def test_compare_ranks_by_band_then_score() -> None:
    table = compare(EXAMPLES.values())
    assert table["band_level"].is_monotonic_decreasing
    assert table.iloc[0]["company"] == "Evergreen Pantry" and table.iloc[-1]["company"] == "Apex Wealth Circle"
    with pytest.raises(MlmkitInputError):
        compare([])


def test_format_1_profile_loads_with_a_note() -> None:
    from pathlib import Path

    old = load_profile(Path(__file__).parent / "data" / "format1_evergreen_pantry.toml")
    assert old.format_version == 1 and "format 1" in old.notes[0]
    assert old["income_disclosure.share_paid_nothing"] == 0.45
    assert old["income_disclosure.published"] == "published"
    assert old["pay_plan.pay_grows_with_package"] is None
    result = score(old)
    assert "format 1" in result.to_text() and result.band.level < 5  # the gates are not known in format 1
    again = load_profile(Path(__file__).parent / "data" / "format1_evergreen_pantry.toml")
    assert again == old
