"""The regulators' rules in one place: thresholds with quotes, worked examples, one row type."""

from __future__ import annotations

import numpy as np
import pytest

from mlmkit import regulations
from mlmkit.regulations import (
    RULES,
    IndicatorRow,
    PayRules,
    ProjectLines,
    amway_bonus_share,
    amway_sold_share,
    herbalife_real_user_share,
    herbalife_retail_reward_cut,
    indicator_frame,
    rules_table,
    vemma_pays,
)
from mlmkit.sources import SOURCES


def test_every_rule_quotes_its_source_and_names_who_drew_it() -> None:
    for rule in RULES.values():
        assert rule.source in SOURCES and len(rule.quote) > 40
        assert rule.drawn_by in ("court or regulator", "industry code", "advocate", "project")
    table = rules_table()
    own = table[table["drawn_by"] == "project"]
    assert set(own["rule"]) == set(ProjectLines.__dataclass_fields__)
    assert own["source"].str.contains("the project's own line").all()
    assert own["quote"].str.contains("project's own line").all()


def test_project_lines_are_settings_with_checks() -> None:
    lines = ProjectLines()
    assert (lines.entry_cost_full_points_usd, lines.entry_cost_zero_points_usd) == (99.0, 1000.0)
    assert (lines.monthly_purchase_zero_points_usd, lines.years_for_full_points) == (150.0, 10.0)
    assert lines.participant_funded_warning_share == 0.5
    assert lines.replace(years_for_full_points=5).years_for_full_points == 5.0
    with pytest.raises(ValueError):
        ProjectLines(price_ratio_zero_points=float("nan"))


def test_amway_70_percent_rule_worked_example() -> None:
    # the rule: below 70% the bonus is paid "only on the amount of products actually sold"
    assert amway_bonus_share(0.69) == pytest.approx(0.69)  # not 0.69 / 0.7 = 98.6%
    assert amway_bonus_share(0.70) == 1.0 and amway_bonus_share(1.0) == 1.0
    assert amway_bonus_share(np.array([0.0, 0.5, 0.8])).tolist() == [0.0, 0.5, 1.0]
    # "sell at wholesale and/or retail": sales to one's downline count as sold
    assert amway_sold_share(retail_usd=100, wholesale_to_downline_usd=600, bought_usd=1000) == pytest.approx(0.7)
    assert amway_sold_share(retail_usd=100, wholesale_to_downline_usd=0, bought_usd=1000) == pytest.approx(0.1)


def test_vemma_majority_worked_example() -> None:
    # "a majority (more than 50%)": exactly half is not enough
    assert vemma_pays(50.01, 100) and not vemma_pays(50, 100)
    assert vemma_pays(np.array([60.0, 40.0]), np.array([100.0, 100.0])).tolist() == [True, False]


def test_herbalife_80_percent_counts_retail_plus_capped_personal_use() -> None:
    # 600 retail; two member-months of personal use, 150 and 300 (capped at 200); 700 bought by members
    share = herbalife_real_user_share(600, [150, 300], 700)
    assert share == pytest.approx((600 + 150 + 200) / 1300)
    # outside sales alone would be 600 / 1300 = 46%: the order's line is not about outside sales only
    assert share >= regulations.HERBALIFE_MIN_REAL_USER_SALES_SHARE - 0.1


def test_herbalife_two_thirds_rule_is_company_wide() -> None:
    assert "company" in RULES["herbalife_retail_reward_share"].scope
    # 60 of retail-funded pay allows 30 of participant-funded pay, cut alike for everyone
    new = herbalife_retail_reward_cut([30.0, 30.0, 60.0], [30.0, 30.0, 0.0])
    assert new.tolist() == pytest.approx([30.0, 30.0, 30.0])
    assert new.sum() == pytest.approx(60.0 / (2 / 3))


def test_payrules_moved_old_paths_work_and_dead_code_is_gone() -> None:
    from mlmkit.plans import PayRules as FromPlans
    from mlmkit.plans.pay_rules import PayRules as Old
    from mlmkit.plans.pay_rules import regulator_rules
    from mlmkit.plans.rules import VEMMA_MIN_NON_PARTICIPANT_SHARE

    assert Old is PayRules is FromPlans
    assert VEMMA_MIN_NON_PARTICIPANT_SHARE == regulations.VEMMA_MIN_NON_PARTICIPANT_SHARE
    assert regulator_rules().min_retail_reward_share == pytest.approx(2 / 3)
    assert not hasattr(PayRules(), "needs_qualification")
    import inspect

    import mlmkit.plans.pay_rules as old_module

    assert "AMWAY_MIN_RETAIL_CUSTOMERS = AMWAY_MIN_RETAIL_CUSTOMERS" not in inspect.getsource(old_module)


def test_one_indicator_row_type_for_simulation_and_profile() -> None:
    from mlmkit.economics import legal_indicators
    from mlmkit.scorecard import example_profiles, pyramid_indicators
    from mlmkit.simulate import product_sales_plan, simulate_market

    plan, settings = product_sales_plan()
    simulated = legal_indicators(simulate_market(plan, settings.replace(market_size=1_000, months=12), seed=1))
    profiled = pyramid_indicators(example_profiles()["evergreen_pantry"])
    columns = ["indicator", "title", "value", "benchmark", "status", "sources", "citation"]
    assert list(simulated.columns[:7]) == columns == list(profiled.columns[:7])
    assert set(simulated["status"]) <= set(regulations.STATUSES)
    koscot = simulated.set_index("indicator").loc["koscot_participant_funded_rewards", "benchmark"]
    assert "the project's own line" in koscot
    with pytest.raises(ValueError):
        IndicatorRow("x", "X", 1.0, "line", "maybe", ())
    assert indicator_frame([]).empty
