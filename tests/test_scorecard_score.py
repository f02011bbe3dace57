"""The score: each criterion and indicator on its own, weights, monotonicity, ranking."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlmkit._validation import MlmkitInputError
from mlmkit.plans import rules
from mlmkit.scorecard import (
    AREAS,
    CRITERIA,
    FIELDS,
    INDICATORS,
    UNKNOWN,
    Profile,
    blank_profile,
    compare,
    example_profiles,
    pyramid_indicators,
    questions_to_ask,
    score,
)
from mlmkit.scorecard.criteria import evaluate
from mlmkit.sources import SOURCES

EXAMPLES = example_profiles()
GOOD = EXAMPLES["evergreen_pantry"]


def points(key: str, **answers: Any) -> float:
    """Points of one criterion for answers given as field=value (dots as __)."""
    mapping = {name.replace("__", "."): value for name, value in answers.items()}
    return evaluate(CRITERIA[key], mapping)[0]


# ------------------------------------------------------------------ each criterion

CASES = [
    ("outside_customers", {"product__outside_customer_share": 0.8}, 1.0),
    ("outside_customers", {"product__outside_customer_share": 0.4}, 0.5),
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
    ("entry_cost", {"pay_plan__entry_fee_usd": 0.0, "pay_plan__starter_kit_usd": 99.0}, 1.0),
    ("entry_cost", {"pay_plan__entry_fee_usd": 500.0, "pay_plan__starter_kit_usd": 500.0}, 0.0),
    ("required_purchases", {"pay_plan__monthly_purchase_usd": 0.0}, 1.0),
    ("required_purchases", {"pay_plan__monthly_purchase_usd": 75.0}, 0.5),
    ("required_purchases", {"pay_plan__monthly_purchase_usd": 400.0}, 0.0),
    ("buyback", {"pay_plan__buyback_share": 0.9, "pay_plan__buyback_window_months": 12.0}, 1.0),
    ("buyback", {"pay_plan__buyback_share": 0.9, "pay_plan__buyback_window_months": 0.0}, 0.5),
    ("buyback", {"pay_plan__buyback_share": 0.0, "pay_plan__buyback_window_months": 12.0}, 0.0),
    ("rank_requirements", {"pay_plan__rank_requirements": "recruiting"}, 0.0),
    ("rank_requirements", {"pay_plan__rank_requirements": "retail_sales"}, 1.0),
    ("paid_levels", {"pay_plan__paid_levels": rules.TAYLOR_MAX_PAID_LEVELS}, 1.0),
    ("paid_levels", {"pay_plan__paid_levels": 9}, 0.0),
    ("track_record", {"company__years_operating": 5.0}, 0.5),
    ("track_record", {"company__years_operating": 40.0}, 1.0),
    ("financial_transparency", {"company__financial_statements": True, "company__ownership": "public"}, 1.0),
    ("financial_transparency", {"company__financial_statements": False, "company__ownership": "private"}, 0.0),
    ("legal_actions", {"company__legal_actions": "order_or_judgment"}, 0.0),
    ("legal_actions", {"company__legal_actions": "none_found"}, 1.0),
    ("complaints", {"company__complaints": "some"}, 0.5),
    ("income_disclosure", {"company__income_disclosure": "not_published"}, 0.0),
    ("income_disclosure", {"company__income_disclosure": "published"}, 1.0),
    ("typical_pay", {"company__share_earning_nothing": 0.7}, 0.3),
    ("earnings_claims", {"company__earnings_claims": "lifestyle"}, 0.0),
    ("earnings_claims", {"company__earnings_claims": "none"}, 1.0),
]


@pytest.mark.parametrize(("key", "answers", "expected"), CASES)
def test_each_criterion(key: str, answers: dict, expected: float) -> None:
    assert points(key, **answers) == pytest.approx(expected)


def test_every_criterion_has_a_case_sources_and_a_reason() -> None:
    assert {case[0] for case in CASES} == set(CRITERIA)
    for key, criterion in CRITERIA.items():
        assert criterion.sources and all(source in SOURCES for source in criterion.sources)
        answers = {path: GOOD[path] for path in criterion.fields}
        _, reason, unknown = evaluate(criterion, answers)
        assert reason and not unknown, key


@pytest.mark.parametrize("key", list(CRITERIA))
def test_unknown_answer_scores_as_a_risk(key: str) -> None:
    criterion = CRITERIA[key]
    for path in criterion.fields:
        answers = {p: GOOD[p] for p in criterion.fields}
        answers[path] = UNKNOWN
        value, reason, unknown = evaluate(criterion, answers)
        assert value == 0.0 and unknown
        assert FIELDS[path].label in reason and "risk" in reason


def test_rule_thresholds_come_from_the_rules_module() -> None:
    just_over = rules.VEMMA_MIN_NON_PARTICIPANT_SHARE
    assert "Vemma" in evaluate(CRITERIA["outside_customers"], {"product.outside_customer_share": just_over})[1]
    assert points("buyback", pay_plan__buyback_share=rules.DSA_BUYBACK_MIN_SHARE,
                  pay_plan__buyback_window_months=float(rules.DSA_BUYBACK_WINDOW_MONTHS)) == 1.0


# ------------------------------------------------------------------ each indicator


def with_answers(**changes: Any) -> Profile:
    return GOOD.replace({name.replace("__", "."): value for name, value in changes.items()})


def status(profile: Profile, key: str) -> str:
    table = pyramid_indicators(profile).set_index("indicator")
    return table.loc[key, "status"]


@pytest.mark.parametrize(
    ("key", "changes", "expected"),
    [
        ("recruiting_rewards", {}, "not present"),
        ("recruiting_rewards", {"pay_plan__pay_for_recruiting": True}, "present"),
        ("recruiting_rewards", {"pay_plan__rank_requirements": "recruiting"}, "present"),
        ("recruiting_rewards", {"pay_plan__pay_for_recruiting": UNKNOWN}, "unknown"),
        (
            "recruiting_rewards",
            {"pay_plan__pay_for_recruiting": UNKNOWN, "pay_plan__rank_requirements": "recruiting"},
            "present",
        ),
        ("entry_payment", {}, "not present"),
        ("entry_payment", {"pay_plan__entry_fee_usd": 60.0}, "present"),
        ("entry_payment", {"pay_plan__monthly_purchase_usd": 20.0}, "present"),
        ("entry_payment", {"pay_plan__starter_kit_usd": UNKNOWN}, "unknown"),
        ("inventory_loading", {}, "not present"),
        ("inventory_loading", {"pay_plan__monthly_purchase_usd": 100.0}, "not present"),
        (
            "inventory_loading",
            {"pay_plan__monthly_purchase_usd": 100.0, "pay_plan__buyback_share": 0.0},
            "present",
        ),
        (
            "inventory_loading",
            {"pay_plan__rank_requirements": "purchases", "pay_plan__buyback_window_months": 3.0},
            "present",
        ),
        ("inventory_loading", {"pay_plan__buyback_share": 0.0}, "not present"),
        (
            "inventory_loading",
            {"pay_plan__monthly_purchase_usd": UNKNOWN, "pay_plan__buyback_share": 0.0},
            "unknown",
        ),
        ("internal_consumption", {}, "not present"),
        ("internal_consumption", {"product__outside_customer_share": 0.5}, "present"),
        ("internal_consumption", {"pay_plan__retail_reward_share": 0.6}, "present"),
        ("internal_consumption", {"product__outside_customer_share": UNKNOWN}, "unknown"),
        ("claims_without_disclosure", {}, "not present"),
        (
            "claims_without_disclosure",
            {"company__earnings_claims": "lifestyle", "company__income_disclosure": "not_published"},
            "present",
        ),
        ("claims_without_disclosure", {"company__earnings_claims": "lifestyle"}, "not present"),
        (
            "claims_without_disclosure",
            {"company__earnings_claims": UNKNOWN, "company__income_disclosure": "not_published"},
            "unknown",
        ),
    ],
)
def test_each_indicator(key: str, changes: dict, expected: str) -> None:
    assert status(with_answers(**changes), key) == expected


def test_indicators_cite_sources_and_say_they_are_not_verdicts() -> None:
    table = pyramid_indicators(GOOD)
    assert list(table["indicator"]) == list(INDICATORS)
    assert table["sources"].str.len().gt(0).all()
    assert table["rule"].str.len().gt(0).all()
    from mlmkit.scorecard import INDICATOR_NOTE

    assert "not verdicts" in INDICATOR_NOTE


def test_indicators_are_separate_from_the_score() -> None:
    flagged = with_answers(product__outside_customer_share=0.5)
    assert status(flagged, "internal_consumption") == "present"
    assert "indicator" not in score(flagged).to_frame().columns


# ------------------------------------------------------------------ the score


def test_gained_adds_up_to_the_overall_score_and_explains_every_point() -> None:
    for profile in EXAMPLES.values():
        result = score(profile)
        table = result.to_frame()
        assert table["gained"].sum() == pytest.approx(result.overall)
        assert (table["gained"] + table["lost"]).sum() == pytest.approx(100.0)
        assert table["reason"].str.len().gt(0).all()
        assert table["sources"].str.len().gt(0).all()
        assert 0 <= result.overall <= 100


def test_scores_are_stable() -> None:
    first = score(EXAMPLES["vitaflow_nutrition"]).to_frame()
    second = score(EXAMPLES["vitaflow_nutrition"]).to_frame()
    assert first.equals(second)


def test_examples_rank_from_safest_to_riskiest() -> None:
    table = compare(EXAMPLES.values())
    assert table["company"].iloc[0] == "Evergreen Pantry"
    assert set(table["company"].iloc[-2:]) == {"Apex Wealth Circle", "BrightStart Wellness"}
    assert table["rank"].tolist() == list(range(1, len(EXAMPLES) + 1))
    assert table["overall"].is_monotonic_decreasing


def test_unknowns_cost_points() -> None:
    known = score(GOOD).overall
    unknown = score(GOOD.replace({"pay_plan.buyback_share": UNKNOWN})).overall
    assert unknown < known


def test_weights_change_the_score_and_zero_switches_off() -> None:
    result = score(EXAMPLES["glowhaus_cosmetics"])
    only_product = score(EXAMPLES["glowhaus_cosmetics"], weights={"pay_plan": 0, "company": 0})
    assert only_product.overall == pytest.approx(result.area_scores["product"])
    no_buyback = score(EXAMPLES["glowhaus_cosmetics"], weights={"buyback": 0})
    assert no_buyback.overall > result.overall  # GlowHaus has no buy-back
    row = no_buyback.to_frame().set_index("criterion").loc["buyback"]
    assert row["max_points"] == 0 and row["lost"] == 0


def test_area_with_all_weights_zero_is_left_out() -> None:
    keys = [key for key, criterion in CRITERIA.items() if criterion.area == "company"]
    result = score(GOOD, weights=dict.fromkeys(keys, 0))
    assert math.isnan(result.area_scores["company"])
    expected = (result.area_scores["product"] + result.area_scores["pay_plan"]) / 2
    assert result.overall == pytest.approx(expected)


@pytest.mark.parametrize(
    ("weights", "fragment"),
    [
        ({"buyback": -1}, "at least 0"),
        ({"buyback": "high"}, "a number"),
        ({"colour": 1}, "keyed by an area"),
        (dict.fromkeys(AREAS, 0), "at least one criterion"),
    ],
)
def test_bad_weights(weights: dict, fragment: str) -> None:
    with pytest.raises(MlmkitInputError, match=fragment):
        score(GOOD, weights=weights)


def test_score_wants_a_profile() -> None:
    with pytest.raises(MlmkitInputError, match="it must be a Profile"):
        score({"company": {}})  # type: ignore[arg-type]


def test_result_displays() -> None:
    result = score(GOOD)
    assert "Evergreen Pantry" in result._repr_html_()
    assert "overall 94/100" in repr(result)
    summary = result.summary()
    assert summary["indicators_present"] == 0 and summary["unknown_answers"] == 0


def test_questions_come_from_unknown_answers() -> None:
    profile = GOOD.replace({"pay_plan.buyback_share": UNKNOWN, "product.claims": UNKNOWN})
    table = questions_to_ask(profile)
    asked = table.loc[table["field"] != "always", "field"].tolist()
    assert asked == ["product.claims", "pay_plan.buyback_share"]
    assert (table["field"] == "always").sum() == 4
    assert len(questions_to_ask(blank_profile())) == len(blank_profile().unknown_fields) + 4


# ------------------------------------------------------------------ monotonicity


def answer_strategy(path: str) -> st.SearchStrategy:
    spec = FIELDS[path]
    if spec.kind == "bool":
        known: st.SearchStrategy = st.booleans()
    elif spec.kind == "choice":
        known = st.sampled_from(spec.choices)
    elif spec.kind == "int":
        known = st.integers(int(spec.low or 0), int(spec.high if spec.high is not None else 50))
    else:
        high = spec.high if spec.high is not None else 5000.0
        known = st.floats(spec.low or 0.0, high, allow_nan=False)
    return st.one_of(st.just(UNKNOWN), known)


SCORED = [path for path, spec in FIELDS.items() if spec.better]


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    answers = {path: draw(answer_strategy(path)) for path in SCORED}
    answers["company.name"] = "Property Co"
    answers["pay_plan.type"] = draw(answer_strategy("pay_plan.type"))
    return Profile(answers, {}, "<hypothesis>")


def is_better_or_equal(path: str, new: Any, old: Any) -> bool:
    spec = FIELDS[path]
    if old == UNKNOWN:
        return True
    if new == UNKNOWN:
        return False
    if spec.better == "higher":
        return new >= old
    if spec.better == "lower":
        return new <= old
    if spec.better in ("true", "false"):
        return new == (spec.better == "true") or new == old
    return spec.choices.index(new) >= spec.choices.index(old)


weights_strategy = st.dictionaries(
    st.sampled_from([*CRITERIA, *AREAS]), st.floats(0, 5, allow_nan=False), max_size=4
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(profile=profiles(), path=st.sampled_from(SCORED), data=st.data(), weights=weights_strategy)
def test_improving_one_answer_never_lowers_the_score(
    profile: Profile, path: str, data: st.DataObject, weights: dict
) -> None:
    new = data.draw(answer_strategy(path).filter(lambda v: is_better_or_equal(path, v, profile[path])))
    try:
        before = score(profile, weights)
    except MlmkitInputError:  # every weight switched off
        return
    after = score(profile.replace({path: new}), weights)
    assert after.overall >= before.overall - 1e-9
    for area in AREAS:
        if not math.isnan(before.area_scores[area]):
            assert after.area_scores[area] >= before.area_scores[area] - 1e-9
    assert (after.criteria["points"] >= before.criteria["points"] - 1e-12).all()


# ------------------------------------------------------------------ plan objects


def test_unilevel_plan_from_a_profile_pays_like_the_engine() -> None:
    from mlmkit.network import from_sponsors
    from mlmkit.plans import sale_breakdown
    from mlmkit.scorecard import unilevel_plan

    plan = unilevel_plan(GOOD)
    assert plan is not None and plan.level_rates == (0.08, 0.05, 0.03)
    chain = from_sponsors([-1, 0, 1, 2])
    paid = sale_breakdown(plan, chain, seller=3, sale_usd=100.0)
    assert paid["usd"].sum() == pytest.approx(100.0)
    upline = paid[paid["member_id"].isin([0, 1, 2])].set_index("member_id")["usd"]
    assert upline.to_dict() == pytest.approx({2: 8.0, 1: 5.0, 0: 3.0})
    assert unilevel_plan(GOOD.replace({"pay_plan.level_rates": UNKNOWN})) is None
    assert unilevel_plan(GOOD.replace({"pay_plan.type": "binary"})) is None
    no_personal = unilevel_plan(GOOD.replace({"pay_plan.personal_rate": UNKNOWN}))
    assert no_personal is not None and no_personal.personal_rate == 0.0
