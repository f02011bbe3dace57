"""Tests for the unilevel plan, the money checks and following one sale (issue 2)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mlmkit._validation import MlmkitInputError
from mlmkit.network import from_sponsors, full_tree, random_tree
from mlmkit.plans import UnilevelPlan, payouts, sale_breakdown


def test_three_generations_all_earn_on_one_sale():
    net = from_sponsors([-1, 0, 1])  # founder -> recruit -> recruit's recruit
    result = payouts(UnilevelPlan(personal_rate=0.25, level_rates=(0.10, 0.05)), net, [0, 0, 100])
    members = result.members
    assert members["total_paid_usd"].tolist() == [5.0, 10.0, 25.0]
    assert members["level_1_usd"].tolist() == [0.0, 10.0, 0.0]
    assert members["level_2_usd"].tolist() == [5.0, 0.0, 0.0]
    assert result.breakage_usd == 0
    assert result.company_keeps_usd == pytest.approx(60.0)


def test_commission_past_the_founder_is_breakage_not_lost():
    net = full_tree(recruits_each=2, depth=2)
    result = payouts(UnilevelPlan(level_rates=(0.1, 0.05)), net, retail_sales_usd=100)
    # founder's own sale: 10 + 5 unpaid; level-1 sales: 5 each unpaid
    assert result.breakage_usd == pytest.approx(25.0)
    assert result.paid_usd == pytest.approx(80.0)
    ledger = result.ledger()
    assert ledger["usd"].sum() == pytest.approx(result.revenue_usd)


@settings(max_examples=40, deadline=None)
@given(
    size=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
    rates=st.lists(st.floats(0, 0.2), min_size=0, max_size=6),
    personal=st.floats(0, 0.3),
)
def test_no_dollar_lost_or_created(size, seed, rates, personal):
    assume(personal + sum(rates) <= 1.0)
    net = random_tree(size, seed=seed)
    rng = np.random.default_rng(seed)
    retail = rng.exponential(50, size)
    own = rng.exponential(30, size)
    result = payouts(UnilevelPlan(personal_rate=personal, level_rates=tuple(rates)), net, retail, own)
    assert result.paid_usd + result.breakage_usd == pytest.approx(result.pool_usd, abs=1e-6)
    assert result.paid_usd + result.company_keeps_usd == pytest.approx(result.revenue_usd)
    assert (result.members["total_paid_usd"] >= 0).all()
    assert result.members["paid_from_retail_usd"].sum() <= result.paid_usd + 1e-6


def test_pay_from_retail_splits_by_source():
    net = from_sponsors([-1, 0])
    result = payouts(UnilevelPlan(personal_rate=0.2, level_rates=(0.1,)), net, [0, 60], [0, 40])
    assert result.members["paid_from_retail_usd"].tolist() == pytest.approx([6.0, 12.0])
    assert result.summary()["share_of_pay_from_outside_customers"] == pytest.approx(0.6)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"level_rates": (0.1, -0.05)}, "level_rates[level 2]"),
        ({"level_rates": (1.2,)}, "level_rates[level 1]"),
        ({"level_rates": (0.6, 0.5)}, "level_rates"),
        ({"personal_rate": 0.5, "level_rates": (0.3, 0.3)}, "personal_rate + level_rates"),
        ({"personal_rate": -0.1}, "personal_rate"),
    ],
)
def test_bad_rates_are_refused(kwargs, field):
    with pytest.raises(MlmkitInputError) as error:
        UnilevelPlan(**kwargs)
    assert error.value.field == field


def test_negative_sale_is_refused():
    with pytest.raises(MlmkitInputError, match="member 1 has a negative sale"):
        payouts(UnilevelPlan(), full_tree(2, 1), [10, -1, 0])
    with pytest.raises(MlmkitInputError, match="one amount for each"):
        payouts(UnilevelPlan(), full_tree(2, 1), [10, 1])
    with pytest.raises(MlmkitInputError, match="sale_usd"):
        sale_breakdown(UnilevelPlan(), full_tree(2, 1), seller=1, sale_usd=-5)


def test_sale_breakdown_adds_up_to_the_sale():
    net = full_tree(recruits_each=3, depth=4)
    seller = int(net.members_at_level(4)[0])
    table = sale_breakdown(UnilevelPlan(0.25, (0.1, 0.05, 0.05)), net, seller=seller, sale_usd=80)
    assert table["usd"].sum() == pytest.approx(80)
    assert table.loc[table["member_id"].notna(), "levels_up"].tolist() == [0, 1, 2, 3]
    assert table["share_of_sale"].sum() == pytest.approx(1)
