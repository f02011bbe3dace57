"""A profile's pay plan as an engine plan object: every plan type, unknowns and bad values."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.network import full_tree
from mlmkit.plans import (
    BinaryPlan,
    MatrixPlan,
    PayRules,
    StairStepPlan,
    UnilevelPlan,
    payouts,
)
from mlmkit.scorecard import (
    FIELDS,
    UNKNOWN,
    Profile,
    example_profiles,
    load_profile,
    pay_plan_object,
    unilevel_plan,
)
from mlmkit.scorecard.plan import BREAKAWAY_RANK, PLAN_ANSWERS, STARTING_RANK

README = Path(__file__).parents[1] / "data" / "companies" / "README.md"

BASE = example_profiles()["evergreen_pantry"]  # personal_rate 0.25, level_rates 8/5/3%

UNILEVEL = {"pay_plan.type": "unilevel", "pay_plan.personal_rate": 0.1, "pay_plan.level_rates": [0.1, 0.05]}
MATRIX = {
    "pay_plan.type": "matrix",
    "pay_plan.personal_rate": 0.1,
    "pay_plan.matrix_width": 2,
    "pay_plan.level_rates": [0.05, 0.05, 0.04],
}
BINARY = {"pay_plan.type": "binary", "pay_plan.personal_rate": 0.05, "pay_plan.pairing_rate": 0.12}
BREAKAWAY = {
    "pay_plan.type": "breakaway",
    "pay_plan.personal_rate": 0.05,
    "pay_plan.breakaway_rate": 0.2,
    "pay_plan.breakaway_group_volume_usd": 300,
    "pay_plan.generation_rates": [0.04, 0.02],
}
ANSWERS_BY_TYPE = {"unilevel": UNILEVEL, "matrix": MATRIX, "binary": BINARY, "breakaway": BREAKAWAY}


def profile(answers: dict[str, Any]) -> Profile:
    return BASE.replace(answers)


# ------------------------------------------------------------ each type builds its plan


def test_unilevel_profile_builds_a_unilevel_plan() -> None:
    plan = pay_plan_object(profile(UNILEVEL))
    assert isinstance(plan, UnilevelPlan)
    assert plan.personal_rate == 0.1 and plan.level_rates == (0.1, 0.05)
    assert unilevel_plan(profile(UNILEVEL)) == plan


def test_matrix_profile_builds_a_matrix_plan() -> None:
    plan = pay_plan_object(profile(MATRIX))
    assert isinstance(plan, MatrixPlan)
    assert (plan.width, plan.level_rates, plan.personal_rate) == (2, (0.05, 0.05, 0.04), 0.1)
    assert plan.name == "Matrix 2x3"
    assert unilevel_plan(profile(MATRIX)) is None


def test_binary_profile_builds_a_binary_plan() -> None:
    plan = pay_plan_object(profile(BINARY))
    assert isinstance(plan, BinaryPlan)
    assert (plan.pairing_rate, plan.personal_rate, plan.pairing_cap_usd) == (0.12, 0.05, None)


def test_breakaway_profile_builds_a_two_step_stair_step_plan() -> None:
    plan = pay_plan_object(profile(BREAKAWAY))
    assert isinstance(plan, StairStepPlan)
    assert [rank.name for rank in plan.ranks] == [STARTING_RANK, BREAKAWAY_RANK]
    assert [rank.rate for rank in plan.ranks] == [0.05, 0.2]
    assert [rank.min_group_volume_usd for rank in plan.ranks] == [0.0, 300.0]
    assert plan.breakaway_rank == BREAKAWAY_RANK
    assert plan.generation_rates == (0.04, 0.02)


def test_breakaway_with_no_generation_overrides() -> None:
    plan = pay_plan_object(profile({**BREAKAWAY, "pay_plan.generation_rates": []}))
    assert isinstance(plan, StairStepPlan) and plan.generation_rates == ()


def test_rules_are_passed_to_the_plan() -> None:
    rules = PayRules(min_personal_volume_usd=50, compression=False)
    for answers in ANSWERS_BY_TYPE.values():
        plan = pay_plan_object(profile(answers), rules=rules)
        assert plan is not None and plan.rules == rules
        assert pay_plan_object(profile(answers)).rules == PayRules()


@pytest.mark.parametrize("kind", sorted(ANSWERS_BY_TYPE))
def test_paying_a_network_conserves_money(kind: str) -> None:
    plan = pay_plan_object(profile(ANSWERS_BY_TYPE[kind]))
    network = full_tree(recruits_each=2, depth=4)  # 31 members
    result = payouts(plan, network, retail_sales_usd=100.0, own_purchases_usd=50.0)
    pay = result.members["total_paid_usd"]
    assert result.revenue_usd == pytest.approx(31 * 150.0)
    assert result.paid_usd + result.breakage_usd == pytest.approx(result.pool_usd, abs=0.01)
    assert pay.sum() == pytest.approx(result.paid_usd)
    assert 0 < result.paid_usd <= result.revenue_usd
    assert (pay >= 0).all()


def test_breakaway_rank_is_reached_at_the_profile_group_volume() -> None:
    # Every member buys 150 USD: a member whose group (own + downline) reaches 300 USD breaks away.
    plan = pay_plan_object(profile(BREAKAWAY))
    result = payouts(plan, full_tree(recruits_each=2, depth=2), retail_sales_usd=100.0, own_purchases_usd=50.0)
    ranks = result.members["rank"].tolist()
    assert ranks[3:] == [STARTING_RANK] * 4  # leaves: 150 USD of group volume
    assert ranks[1:3] == [BREAKAWAY_RANK] * 2  # 450 USD


def test_example_profiles_give_the_expected_plan_types() -> None:
    examples = example_profiles()
    kinds = {stem: type(pay_plan_object(p)).__name__ for stem, p in examples.items()}
    assert kinds["evergreen_pantry"] == "UnilevelPlan"
    assert kinds["kitchencraft_parties"] == "UnilevelPlan"
    assert kinds["vitaflow_nutrition"] == "BinaryPlan"
    assert kinds["glowhaus_cosmetics"] == "StairStepPlan"
    assert kinds["apex_wealth_circle"] == "NoneType"  # binary, pairing rate not given
    assert kinds["brightstart_wellness"] == "NoneType"  # type unknown
    glowhaus = pay_plan_object(examples["glowhaus_cosmetics"])
    assert glowhaus.ranks[0].rate == examples["glowhaus_cosmetics"]["pay_plan.personal_rate"]


# ------------------------------------------------------------ unknown answers give None


@pytest.mark.parametrize(
    ("kind", "path"), [(kind, path) for kind, paths in PLAN_ANSWERS.items() for path in paths]
)
@pytest.mark.parametrize("missing", [UNKNOWN, None])
def test_unknown_or_missing_needed_answer_gives_none(kind: str, path: str, missing: Any) -> None:
    answers = {**ANSWERS_BY_TYPE[kind], path: missing}
    if path == "pay_plan.level_rates" and missing is None:
        answers["pay_plan.paid_levels"] = UNKNOWN  # was the length of the rates
    assert pay_plan_object(profile(answers)) is None


@pytest.mark.parametrize("kind", ["hybrid", "other", UNKNOWN])
def test_types_that_cannot_be_modelled_give_none(kind: str) -> None:
    answers = {**UNILEVEL, **MATRIX, **BINARY, **BREAKAWAY, "pay_plan.type": kind}
    assert pay_plan_object(profile(answers)) is None
    assert unilevel_plan(profile(answers)) is None


@pytest.mark.parametrize("kind", sorted(ANSWERS_BY_TYPE))
@pytest.mark.parametrize("personal", [UNKNOWN, None])
def test_unknown_personal_rate_counts_as_zero(kind: str, personal: Any) -> None:
    plan = pay_plan_object(profile({**ANSWERS_BY_TYPE[kind], "pay_plan.personal_rate": personal}))
    rate = plan.ranks[0].rate if isinstance(plan, StairStepPlan) else plan.personal_rate
    assert rate == 0.0


def test_plan_answers_are_fields_of_the_format_and_documented() -> None:
    readme = README.read_text(encoding="utf-8")
    assert set(PLAN_ANSWERS) <= set(FIELDS["pay_plan.type"].choices)
    for paths in PLAN_ANSWERS.values():
        for path in paths:
            assert path in FIELDS and not FIELDS[path].required
            assert f"`{path}`" in readme
    assert "pay_plan_object" in readme


# ------------------------------------------------------------ bad values: clear errors


def write_profile(tmp_path: Path, lines: str) -> Path:
    """Evergreen Pantry's file with extra lines added to its [pay_plan] table."""
    text = (README.parent / "evergreen_pantry.toml").read_text(encoding="utf-8")
    text = text.replace("[pay_plan]\n", "[pay_plan]\n" + lines + "\n", 1)
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "pattern"),
    [
        ("matrix_width = 0", r"mine\.toml: pay_plan\.matrix_width = 0 .*whole number between 1 and 100"),
        ("matrix_width = 2.5", r"mine\.toml: pay_plan\.matrix_width = 2\.5 .*whole number"),
        ('matrix_width = "three"', r"mine\.toml: pay_plan\.matrix_width = 'three' .*or \"unknown\""),
        ("pairing_rate = 1.5", r"mine\.toml: pay_plan\.pairing_rate = 1\.5 .*between 0 and 1"),
        ("pairing_rate = true", r"mine\.toml: pay_plan\.pairing_rate = True .*a number"),
        ("breakaway_rate = -0.1", r"mine\.toml: pay_plan\.breakaway_rate = -0\.1 .*between 0 and 1"),
        (
            "breakaway_group_volume_usd = -5",
            r"mine\.toml: pay_plan\.breakaway_group_volume_usd = -5 .*at least 0 \(USD per month\)",
        ),
        ("generation_rates = 0.05", r"mine\.toml: pay_plan\.generation_rates = 0\.05 .*list of rates"),
        ("generation_rates = [0.05, 2]", r"mine\.toml: pay_plan\.generation_rates\[2\] = 2 .*between 0 and 1"),
        ("generation_rates = [0.6, 0.6]", r"pay_plan\.generation_rates = \[0\.6, 0\.6\] .*more than 100%"),
        ("matrix_wdith = 3", r"mine\.toml: pay_plan\.matrix_wdith = 3 .*did you mean pay_plan\.matrix_width"),
    ],
)
def test_bad_new_answers_name_file_field_value_and_what_is_allowed(
    tmp_path: Path, line: str, pattern: str
) -> None:
    with pytest.raises(MlmkitInputError, match=pattern):
        load_profile(write_profile(tmp_path, line))


def test_new_answers_load_and_may_be_unknown(tmp_path: Path) -> None:
    lines = (
        'matrix_width = 4\npairing_rate = "unknown"\nbreakaway_rate = 0.3\n'
        'breakaway_group_volume_usd = "unknown"\ngeneration_rates = [0.05, 0.025]'
    )
    loaded = load_profile(write_profile(tmp_path, lines))
    assert loaded["pay_plan.matrix_width"] == 4 and loaded["pay_plan.pairing_rate"] == UNKNOWN
    assert loaded["pay_plan.generation_rates"] == (0.05, 0.025)
    assert load_profile(write_profile(tmp_path, lines)) == Profile(dict(loaded.answers), loaded.sources, lists=loaded.lists)


def test_answers_that_do_not_fit_together_are_clear_errors_when_building() -> None:
    with pytest.raises(
        MlmkitInputError, match=r"evergreen_pantry\.toml: pay_plan\.breakaway_rate = 0\.04 .*at least pay_plan\.personal_rate"
    ):
        pay_plan_object(profile({**BREAKAWAY, "pay_plan.breakaway_rate": 0.04}))
    with pytest.raises(
        MlmkitInputError, match=r"pay_plan\.generation_rates = \[0\.5, 0\.4\] .*exceed 100% of a sale"
    ):
        pay_plan_object(profile({**BREAKAWAY, "pay_plan.generation_rates": [0.5, 0.4]}))
    with pytest.raises(MlmkitInputError, match=r"pay_plan\.level_rates = \[\] .*at least one paid level"):
        pay_plan_object(profile({**MATRIX, "pay_plan.level_rates": []}))
