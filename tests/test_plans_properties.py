"""Property tests: every dollar is accounted for, under every plan type and rule switch."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlmkit.network import from_sponsors
from mlmkit.plans import (
    BinaryPlan,
    MatrixPlan,
    PayRules,
    Rank,
    StairStepPlan,
    UnilevelPlan,
    make_volumes,
    payouts,
)

CENT = 0.01


@st.composite
def networks(draw):
    size = draw(st.integers(min_value=1, max_value=40))
    picks = draw(st.lists(st.floats(0, 0.999), min_size=size - 1, max_size=size - 1))
    sponsor = [-1] + [int(u * i) for i, u in zip(range(1, size), picks, strict=True)]
    return from_sponsors(np.array(sponsor))


rates = st.floats(0, 0.12)


@st.composite
def rules(draw):
    maybe_share = st.one_of(st.none(), st.floats(0, 1))
    return PayRules(
        min_personal_volume_usd=draw(st.sampled_from([0.0, 50.0, 100.0])),
        compression=draw(st.booleans()),
        pay_only_on_retail=draw(st.booleans()),
        min_group_retail_share=draw(maybe_share),
        min_retail_reward_share=draw(maybe_share),
        min_sell_through_share=draw(maybe_share),
        min_retail_customers=draw(st.one_of(st.none(), st.integers(0, 12))),
        max_payout_share=draw(maybe_share),
    )


@st.composite
def plans(draw):
    rule_set = draw(rules())
    kind = draw(st.sampled_from(["unilevel", "binary", "matrix", "stairstep"]))
    if kind == "unilevel":
        levels = draw(st.lists(rates, min_size=0, max_size=7))
        return UnilevelPlan(personal_rate=draw(rates), level_rates=tuple(levels), rules=rule_set)
    if kind == "binary":
        return BinaryPlan(
            pairing_rate=draw(st.floats(0, 1)),
            pairing_cap_usd=draw(st.one_of(st.none(), st.floats(0, 500))),
            personal_rate=draw(rates),
            placement=draw(st.sampled_from(["left_first", "weaker_leg"])),
            rules=rule_set,
        )
    if kind == "matrix":
        levels = draw(st.lists(st.floats(0, 0.12), min_size=1, max_size=7))
        return MatrixPlan(
            width=draw(st.integers(1, 4)),
            level_rates=tuple(levels),
            personal_rate=draw(rates),
            rules=rule_set,
        )
    steps = sorted(draw(st.lists(st.floats(0, 0.3), min_size=1, max_size=4)))
    volumes = sorted(draw(st.lists(st.sampled_from([0, 100, 300, 1000]), min_size=len(steps), max_size=len(steps))))
    ranks = tuple(
        Rank(f"rank {i}", rate, min_personal_volume_usd=volume / 10, min_group_volume_usd=volume)
        for i, (rate, volume) in enumerate(zip(steps, volumes, strict=True))
    )
    return StairStepPlan(
        ranks=ranks,
        breakaway_rank=draw(st.sampled_from([rank.name for rank in ranks])),
        generation_rates=tuple(draw(st.lists(st.floats(0, 0.05), max_size=3))),
        rules=rule_set,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(network=networks(), plan=plans(), data=st.data())
def test_money_is_conserved_and_nobody_is_paid_a_negative_amount(network, plan, data) -> None:
    amounts = st.lists(st.sampled_from([0.0, 10.0, 50.0, 100.0, 250.0]), min_size=network.size, max_size=network.size)
    retail = np.array(data.draw(amounts))
    own = np.array(data.draw(amounts))
    customers = np.array(data.draw(st.lists(st.integers(0, 15), min_size=network.size, max_size=network.size)))
    result = payouts(plan, network, retail, own, retail_customers=customers)  # runs result.check()
    pay = result.members["total_paid_usd"].to_numpy()
    from_retail = result.members["paid_from_retail_usd"].to_numpy()
    assert (pay >= -1e-9).all()
    assert abs(result.paid_usd + result.breakage_usd - result.pool_usd) <= CENT
    assert result.breakage_usd >= 0
    assert result.paid_usd <= result.revenue_usd + CENT
    assert result.pool_usd <= result.revenue_usd + CENT
    assert abs(result.paid_usd + sum(result.withheld_usd.values()) - result.potential_usd) <= CENT
    assert all(value >= -CENT for value in result.withheld_usd.values())
    assert ((from_retail >= -1e-9) & (from_retail <= pay + 1e-6)).all()
    assert not result.members.loc[~result.members["qualified"], "total_paid_usd"].any()
    if plan.rules.pay_only_on_retail:
        assert np.allclose(from_retail, pay, atol=1e-6)
    if plan.rules.min_retail_reward_share:  # company-wide: of all pay, not each member's
        assert from_retail.sum() >= plan.rules.min_retail_reward_share * pay.sum() - 1e-6
    if plan.rules.max_payout_share is not None:
        assert result.paid_usd <= plan.rules.max_payout_share * result.revenue_usd + CENT
    summary = result.summary()
    assert 0 <= summary["share_of_members_paid_nothing"] <= 1
    assert 0 <= summary["top_1pct_share_of_pay"] <= 1 + 1e-9


@settings(max_examples=40, deadline=None)
@given(network=networks(), rule_set=rules(), data=st.data())
def test_binary_months_with_carry_conserve_money(network, rule_set, data) -> None:
    amounts = st.lists(st.sampled_from([0.0, 25.0, 100.0, 400.0]), min_size=network.size, max_size=network.size)
    months = [make_volumes(network, np.array(data.draw(amounts)), np.array(data.draw(amounts)),
                           retail_customers=np.full(network.size, 12)) for _ in range(3)]
    plan = BinaryPlan(pairing_rate=data.draw(st.floats(0, 1)), rules=rule_set)
    for result in plan.pay_months(network, months):  # each month runs result.check()
        members = result.members
        assert (members["total_paid_usd"] >= -1e-9).all()
        assert (members["carry_forward_left_usd"] >= 0).all() and (members["carry_forward_right_usd"] >= 0).all()
        assert (members["paid_from_retail_usd"] <= members["total_paid_usd"] + 1e-6).all()


@settings(max_examples=60, deadline=None)
@given(network=networks(), width=st.integers(1, 4), weaker=st.booleans())
def test_placement_respects_the_width_and_keeps_recruits_under_their_sponsor(network, width, weaker) -> None:
    from mlmkit.plans.placement import place_members

    placement = "weaker_leg" if weaker and width == 2 else "left_first"
    placed = place_members(network, width=width, placement=placement)
    assert placed[0] == -1
    counts = np.bincount(placed[1:], minlength=network.size) if network.size > 1 else np.zeros(1)
    assert counts.max() <= width
    for member in range(1, network.size):  # the sponsor is above the member in the placement tree
        node, sponsor = int(placed[member]), int(network.sponsor[member])
        while node != sponsor:
            assert node != -1
            node = int(placed[node])


@settings(max_examples=60, deadline=None)
@given(network=networks(), data=st.data())
def test_volumes_bundle_round_trips(network, data) -> None:
    values = np.array(data.draw(st.lists(st.floats(0, 1e6), min_size=network.size, max_size=network.size)))
    volumes = make_volumes(network, values, values / 2)
    assert np.allclose(volumes.total_usd, values * 1.5)
    assert ((volumes.retail_share >= 0) & (volumes.retail_share <= 1)).all()
