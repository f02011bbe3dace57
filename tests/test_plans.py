"""Pay-plan engine: hand-computed examples for every plan type and every rule switch."""

from __future__ import annotations

import numpy as np
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.network import from_sponsors, full_tree, random_tree
from mlmkit.plans import (
    BinaryPlan,
    MatrixPlan,
    PayRules,
    Rank,
    StairStepPlan,
    UnilevelPlan,
    compare_plans,
    compare_results,
    make_volumes,
    payouts,
    regulator_rules,
)
from mlmkit.plans.placement import place_members, placement_network
from mlmkit.plans.rules import AMWAY_MIN_SELL_THROUGH_SHARE, HERBALIFE_MIN_RETAIL_REWARD_SHARE
from mlmkit.sources import SOURCES

CHAIN = from_sponsors([-1, 0, 1, 2])
RATES = (0.10, 0.05, 0.05)


def pay(result) -> list[float]:
    return [round(value, 6) for value in result.members["total_paid_usd"].tolist()]


# ----------------------------------------------------------------------------- unilevel
def test_unilevel_by_hand_everyone_qualified() -> None:
    result = payouts(UnilevelPlan(level_rates=RATES), CHAIN, [0, 0, 0, 100], [50, 50, 0, 0])
    # member 3's $100 pays 10 / 5 / 5 up the line; member 1's $50 pays $5 to the founder
    assert pay(result) == [10.0, 5.0, 10.0, 0.0]
    assert result.potential_usd == pytest.approx(0.2 * 200)
    # the founder's own $50 and levels 2-3 above member 1's $50 have nobody to go to
    assert result.withheld_usd["no upline to receive it"] == pytest.approx(15.0)
    assert result.breakage_usd == pytest.approx(15.0)


def test_unilevel_compression_passes_an_unqualified_share_up() -> None:
    plan = UnilevelPlan(level_rates=RATES, rules=PayRules(min_personal_volume_usd=50))
    result = payouts(plan, CHAIN, [0, 0, 0, 100], [50, 50, 0, 0])
    assert result.members["qualified"].tolist() == [True, True, False, True]
    # member 2 is skipped: member 1 becomes level 1 above member 3, the founder level 2
    assert pay(result) == [10.0, 10.0, 0.0, 0.0]
    assert result.withheld_usd["members not qualified"] == pytest.approx(5.0)


def test_unilevel_without_compression_an_unqualified_share_is_breakage() -> None:
    rules = PayRules(min_personal_volume_usd=50, compression=False)
    result = payouts(UnilevelPlan(level_rates=RATES, rules=rules), CHAIN, [0, 0, 0, 100], [50, 50, 0, 0])
    assert pay(result) == [10.0, 5.0, 0.0, 0.0]
    assert result.withheld_usd["members not qualified"] == pytest.approx(10.0)
    assert result.breakage_usd == pytest.approx(result.pool_usd - 15.0)


def test_pay_only_on_retail_ignores_participants_purchases() -> None:
    plan = UnilevelPlan(level_rates=RATES, rules=PayRules(pay_only_on_retail=True))
    result = payouts(plan, CHAIN, [0, 0, 0, 100], [50, 50, 0, 0])
    assert pay(result) == [5.0, 5.0, 10.0, 0.0]
    assert result.withheld_usd["pay only on retail sales"] == pytest.approx(5.0)
    assert np.allclose(result.members["paid_from_retail_usd"], result.members["total_paid_usd"])


def test_vemma_rule_needs_a_retail_majority_in_the_group() -> None:
    net = from_sponsors([-1, 0, 0])
    rules = PayRules(min_group_retail_share=0.5)
    result = payouts(UnilevelPlan(level_rates=(0.1,), rules=rules), net, [60, 100, 0], [40, 0, 300])
    # founder's group: retail 160 of 500 = 32% -> not paid; member 1 is 100% retail
    assert result.members["qualified"].tolist() == [False, True, False]
    assert pay(result) == [0.0, 0.0, 0.0]


def test_herbalife_rule_cuts_pay_funded_by_participants() -> None:
    net = from_sponsors([-1, 0, 0])
    rules = PayRules(min_retail_reward_share=HERBALIFE_MIN_RETAIL_REWARD_SHARE)
    result = payouts(UnilevelPlan(level_rates=(0.1,), rules=rules), net, [0, 100, 0], [0, 0, 200])
    # the founder earns 10 from retail and 20 from a participant's purchase: pay capped at 10 / (2/3)
    assert pay(result)[0] == pytest.approx(15.0)
    assert result.members["paid_from_retail_usd"][0] == pytest.approx(10.0)
    assert result.withheld_usd["under 67% of all pay from retail (Herbalife)"] == pytest.approx(15.0)


def test_herbalife_rule_is_company_wide_not_per_member() -> None:
    # member 1 earns 10 from a retail sale below them, member 2 earns 10 from a participant's
    # purchase: company-wide, 10 of retail-funded pay allows 5 of participant-funded pay
    net = from_sponsors([-1, 0, 0, 1, 2])
    rules = PayRules(min_retail_reward_share=HERBALIFE_MIN_RETAIL_REWARD_SHARE)
    result = payouts(UnilevelPlan(level_rates=(0.1,), rules=rules), net, [0, 0, 0, 100, 0], [0, 0, 0, 0, 100])
    assert pay(result)[:3] == [0.0, pytest.approx(10.0), pytest.approx(5.0)]
    members = result.members
    assert members["paid_from_retail_usd"].sum() / members["total_paid_usd"].sum() == pytest.approx(2 / 3)


def test_amway_70_percent_rule_pays_only_on_product_actually_sold() -> None:
    # the rule's own example: below 70% the bonus is measured by what was actually sold. The
    # founder bought 100 for themselves and customers plus 100 their frontline bought through
    # them, and sold 38 at retail and 100 at wholesale to the frontline: 138 of 200 = 69%.
    net = from_sponsors([-1, 0])
    rules = PayRules(min_sell_through_share=AMWAY_MIN_SELL_THROUGH_SHARE)
    plan = UnilevelPlan(personal_rate=0.2, level_rates=(0.1,), rules=rules)
    result = payouts(plan, net, [38, 0], [62, 100])
    # 69% of the 10 USD bonus (not 69/70 = 98.6% of it); the own commission of 20 is kept
    assert pay(result)[0] == pytest.approx(20 + 6.9)
    at_line = payouts(plan, net, [40, 0], [60, 100])  # 140 of 200 = 70%: the whole bonus
    assert pay(at_line)[0] == pytest.approx(20 + 10.0)


def test_amway_70_percent_rule_counts_wholesale_to_the_downline_as_sold() -> None:
    # "sell at wholesale and/or retail": a founder who sold nothing at retail but supplied a
    # frontline buying 300 sold 300 of 400 (75%) and keeps the whole bonus
    net = from_sponsors([-1, 0])
    plan = UnilevelPlan(level_rates=(0.1,), rules=PayRules(min_sell_through_share=0.7))
    assert pay(payouts(plan, net, [0, 0], [100, 300]))[0] == pytest.approx(30.0)


def test_amway_ten_customer_rule_needs_counts_and_removes_downline_bonus() -> None:
    net = from_sponsors([-1, 0, 1])
    plan = UnilevelPlan(level_rates=(0.1, 0.1), rules=PayRules(min_retail_customers=10))
    with pytest.raises(MlmkitInputError, match="retail_customers"):
        payouts(plan, net, 100)
    result = payouts(plan, net, 100, retail_customers=[12, 3, 0])
    assert pay(result) == [20.0, 0.0, 0.0]
    assert result.withheld_usd["fewer than 10 retail customers (Amway)"] == pytest.approx(10.0)


def test_payout_cap_scales_everyone_alike() -> None:
    plan = UnilevelPlan(level_rates=RATES, rules=PayRules(max_payout_share=0.1))
    result = payouts(plan, full_tree(3, 3), 100)
    assert result.paid_usd == pytest.approx(0.1 * result.revenue_usd)
    assert result.pool_usd == pytest.approx(0.1 * result.revenue_usd)
    assert result.breakage_usd == pytest.approx(0.0)
    assert result.withheld_usd["payout cap"] > 0


# ------------------------------------------------------------------------------- binary
def test_binary_pairing_worked_example_with_cap() -> None:
    net = from_sponsors([-1, 0, 0])
    result = payouts(BinaryPlan(pairing_rate=0.1, pairing_cap_usd=50), net, [0, 1000, 700])
    row = result.members.iloc[0]
    assert (row["left_leg_volume_usd"], row["right_leg_volume_usd"]) == (1000.0, 700.0)
    assert row["pairing_bonus_usd"] == 50.0
    assert row["carry_forward_usd"] == 300.0
    assert result.withheld_usd["pairing cap per member"] == pytest.approx(20.0)


def test_binary_spillover_counts_in_the_upline_legs() -> None:
    net = from_sponsors([-1, 0, 0, 0, 0])  # the founder recruits four: two spill over
    result = payouts(BinaryPlan(pairing_rate=0.1), net, 100)
    assert result.members["placed_under"].tolist()[1:] == [0, 0, 1, 1]
    assert pay(result) == [10.0, 10.0, 0.0, 0.0, 0.0]  # founder: min(300, 100); member 1: min(100, 100)


def test_binary_promises_beyond_revenue_are_cut_to_the_revenue() -> None:
    result = payouts(BinaryPlan(pairing_rate=1.0), full_tree(2, 6), 100)
    assert result.potential_usd > result.revenue_usd
    assert result.paid_usd == pytest.approx(result.revenue_usd)
    assert result.withheld_usd["payout cap"] == pytest.approx(result.potential_usd - result.revenue_usd)
    capped = payouts(BinaryPlan(pairing_rate=1.0, rules=PayRules(max_payout_share=0.4)), full_tree(2, 6), 100)
    assert capped.paid_usd == pytest.approx(0.4 * capped.revenue_usd)


def test_weaker_leg_placement_fills_the_smaller_leg() -> None:
    # founder's left leg grows by member 1's own recruits; the founder's next recruit goes right
    net = from_sponsors([-1, 0, 0, 1, 1, 1, 0])
    assert place_members(net, width=2, placement="weaker_leg").tolist() == [-1, 0, 0, 1, 1, 3, 2]
    assert place_members(net, width=2, placement="left_first").tolist() == [-1, 0, 0, 1, 1, 3, 2]
    # left leg (member 1): 2 below, full; right leg (member 2): 4 below, one open place
    net = from_sponsors([-1, 0, 0, 1, 1, 2, 5, 5, 5, 0])
    assert place_members(net, width=2, placement="left_first")[-1] == 2  # shallowest open place
    assert place_members(net, width=2, placement="weaker_leg")[-1] == 3  # inside the smaller leg


# ------------------------------------------------------------------------------- matrix
def test_a_3x3_matrix_fills_breadth_first() -> None:
    net = from_sponsors([-1] + [0] * 40)
    matrix = placement_network(net, width=3)
    assert np.bincount(matrix.level).tolist() == [1, 3, 9, 27, 1]
    assert matrix.recruits.max() == 3
    result = payouts(MatrixPlan(width=3, level_rates=(0.1, 0.1, 0.1)), net, 100)
    # the founder is paid on 39 of the 40 (the 40th is on matrix level 4), 10% each
    assert pay(result)[0] == pytest.approx(390.0)
    assert result.members["matrix_level"].max() == 4


def test_matrix_spillover_stays_in_the_sponsors_matrix() -> None:
    net = random_tree(3000, seed=4, max_sponsor_level=3)
    placed = place_members(net, width=3)
    tree = placement_network(net, width=3)
    assert tree.recruits.max() <= 3
    sponsor = net.sponsor
    ancestors_ok = np.zeros(net.size, dtype=bool)
    ancestors_ok[0] = True
    current = placed.copy()
    for _ in range(tree.depth + 1):  # walk up the matrix until we meet the sponsor
        hit = current == sponsor
        ancestors_ok |= hit
        current = np.where(current >= 0, placed[np.maximum(current, 0)], -1)
    assert ancestors_ok.all()


def test_breadth_first_placement_matches_a_brute_force_search() -> None:
    net = random_tree(400, seed=9, max_sponsor_level=2)
    for width in (2, 3):
        fast = place_members(net, width=width)
        children: dict[int, list[int]] = {}
        slow = [-1]
        for member in range(1, net.size):
            queue = [int(net.sponsor[member])]
            while True:  # plain breadth-first search for the first open place
                node = queue.pop(0)
                kids = children.setdefault(node, [])
                if len(kids) < width:
                    kids.append(member)
                    slow.append(node)
                    break
                queue.extend(kids)
        assert fast.tolist() == slow


# --------------------------------------------------------------------------- stair-step
def test_stairstep_generation_overrides_by_hand() -> None:
    ranks = (Rank("Starter", 0.05), Rank("Director", 0.10, min_group_volume_usd=1000))
    plan = StairStepPlan(ranks=ranks, generation_rates=(0.03, 0.01))
    result = payouts(plan, from_sponsors([-1, 0, 1]), 1000)
    assert result.members["rank"].tolist() == ["Director"] * 3
    assert pay(result) == [140.0, 130.0, 100.0]
    assert result.potential_usd == pytest.approx(0.14 * 3000)
    assert result.withheld_usd["no upline of the rank to receive it"] == pytest.approx(50.0)


def test_stairstep_differentials_up_a_ladder() -> None:
    ranks = (
        Rank("Starter", 0.03),
        Rank("Silver", 0.09, min_group_volume_usd=300),
        Rank("Gold", 0.12, min_group_volume_usd=600),
        Rank("Director", 0.20, min_group_volume_usd=10_000),
    )
    plan = StairStepPlan(ranks=ranks, generation_rates=())
    # chain: founder (0) <- 1 <- 2, each buys $300: groups 900 / 600 / 300, nobody breaks away
    result = payouts(plan, from_sponsors([-1, 0, 1]), 0.0, 300)
    assert result.members["rank"].tolist() == ["Gold", "Gold", "Silver"]
    assert result.members["group_volume_usd"].tolist() == [900.0, 600.0, 300.0]
    # member 2: 9% of own; member 1: 12% of own + the 3% difference on member 2's;
    # founder: 12% of own, and no difference left on the sales below (already paid at 12%)
    assert pay(result) == [36.0, 45.0, 27.0]
    assert result.members["paid_from_retail_usd"].sum() == 0.0


def test_stairstep_compression_an_unqualified_rate_counts_as_zero() -> None:
    ranks = (Rank("Starter", 0.05), Rank("Leader", 0.10, min_group_volume_usd=150))
    rules = PayRules(min_personal_volume_usd=100)
    plan = StairStepPlan(ranks=ranks, breakaway_rank="Leader", generation_rates=(), rules=rules)
    net = from_sponsors([-1, 0, 1, 0])
    result = payouts(plan, net, [100, 50, 100, 40])
    # member 1 reaches Leader on group volume ($150) but has PV 50: not paid. Their group
    # still breaks away, so their 5% differential on member 2's sale is breakage. Member 3
    # (PV 40) is unqualified too: with compression their rate is 0 and the founder earns the
    # full 5% on member 3's $40.
    assert result.members["rank"].tolist() == ["Starter", "Leader", "Starter", "Starter"]
    assert result.members["qualified"].tolist() == [True, False, True, False]
    assert pay(result) == [7.0, 0.0, 5.0, 0.0]
    # everyone qualified: 5 + (5 + 5) + 5 + 2 = 22 paid of 10% x $290 = 29 promised
    assert result.potential_usd == pytest.approx(29.0)
    assert result.withheld_usd["no upline of the rank to receive it"] == pytest.approx(7.0)
    assert result.withheld_usd["members not qualified"] == pytest.approx(10.0)
    no_compression = StairStepPlan(
        ranks=ranks, generation_rates=(), rules=PayRules(min_personal_volume_usd=100, compression=False)
    )
    assert pay(payouts(no_compression, net, [100, 50, 100, 40])) == [5.0, 0.0, 5.0, 0.0]


# ------------------------------------------------------------------------ bad definitions
@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: UnilevelPlan(level_rates=(-0.1,)), "level_rates[level 1]"),
        (lambda: UnilevelPlan(level_rates=(0.6, 0.5)), "level_rates"),
        (lambda: UnilevelPlan(personal_rate=0.5, level_rates=(0.3, 0.3)), "personal_rate + level_rates"),
        (lambda: MatrixPlan(width=0), "width"),
        (lambda: MatrixPlan(level_rates=()), "level_rates"),
        (lambda: MatrixPlan(level_rates=(0.5,) * 3), "level_rates"),
        (lambda: BinaryPlan(pairing_rate=1.5), "pairing_rate"),
        (lambda: BinaryPlan(pairing_cap_usd=-5), "pairing_cap_usd"),
        (lambda: BinaryPlan(placement="random"), "placement"),
        (lambda: StairStepPlan(breakaway_rank="Diamond"), "breakaway_rank"),
        (lambda: StairStepPlan(ranks=()), "ranks"),
        (lambda: StairStepPlan(ranks=(Rank("A", 0.2), Rank("B", 0.1))), "ranks['B'].rate"),
        (lambda: StairStepPlan(ranks=(Rank("A", 0.1), Rank("A", 0.2))), "ranks"),
        (lambda: StairStepPlan(generation_rates=(0.5, 0.4)), "generation_rates"),
        (lambda: Rank("Gold", -0.1), "rate"),
        (lambda: PayRules(min_personal_volume_usd=-1), "min_personal_volume_usd"),
        (lambda: PayRules(compression="yes"), "compression"),
        (lambda: PayRules(max_payout_share=2), "max_payout_share"),
        (lambda: UnilevelPlan(rules={"compression": True}), "rules"),
        (lambda: place_members(CHAIN, width=3, placement="weaker_leg"), "placement"),
        (lambda: payouts("unilevel", CHAIN, 100), "plan"),
        (lambda: make_volumes(CHAIN, 100, retail_customers=[1.5, 0, 0, 0]), "retail_customers"),
    ],
)
def test_bad_definitions_name_the_field(make, field) -> None:
    with pytest.raises(MlmkitInputError) as raised:
        make()
    assert raised.value.field == field
    assert "is not allowed" in str(raised.value)


def test_every_rule_switch_cites_known_sources() -> None:
    from mlmkit.plans.pay_rules import RULE_SWITCH_SOURCES

    assert set(RULE_SWITCH_SOURCES) == {
        name for name in PayRules.__dataclass_fields__ if name != "compression"
    } | {"compression"}
    for keys in RULE_SWITCH_SOURCES.values():
        assert keys and all(key in SOURCES for key in keys)
    for name, keys in RULE_SWITCH_SOURCES.items():
        assert all(key in (PayRules.__doc__ or "") for key in keys), name


def test_compare_plans_gives_one_row_per_plan_and_regulator_rules_cut_pay() -> None:
    net = random_tree(500, seed=2, max_sponsor_level=4)
    rng = np.random.default_rng(2)
    retail, own = rng.integers(0, 80, net.size), rng.integers(20, 120, net.size)
    plans = [UnilevelPlan(), BinaryPlan(), MatrixPlan(), StairStepPlan()]
    table = compare_plans(plans, net, retail, own)
    assert len(table) == 4 and (table["total_paid_usd"] > 0).all()
    strict = compare_plans(
        [UnilevelPlan(rules=regulator_rules()), StairStepPlan(rules=regulator_rules())], net, retail, own
    )
    assert (strict["total_paid_usd"].to_numpy() < table["total_paid_usd"].to_numpy()[[0, 3]]).all()
    # the same table from payouts already computed, named by the caller, numbers kept as numbers
    names = ["uni", "bin", "mat", "stair"]
    done = compare_results({name: payouts(plan, net, retail, own) for name, plan in zip(names, plans, strict=True)})
    assert done.index.tolist() == names
    assert np.array_equal(done.to_numpy(dtype=float), table.to_numpy(dtype=float))
    assert done["share_of_revenue_paid_out"].dtype == float
    with pytest.raises(MlmkitInputError, match="results"):
        compare_results({"uni": table})


def test_random_tree_with_a_sponsor_level_cap() -> None:
    net = random_tree(20_000, seed=5, max_sponsor_level=7)
    assert net.depth <= 8
    assert net.level[net.sponsor[1:]].max() <= 7
    again = random_tree(20_000, seed=5, max_sponsor_level=7)
    assert np.array_equal(net.sponsor, again.sponsor)
    assert not np.array_equal(net.sponsor, random_tree(20_000, seed=6, max_sponsor_level=7).sponsor)


def test_unilevel_without_level_columns_pays_the_same() -> None:
    net = random_tree(3_000, seed=8, max_sponsor_level=7)
    full = payouts(UnilevelPlan(), net, 30, 70)
    lean = payouts(UnilevelPlan(level_columns=False), net, 30, 70)
    assert "level_1_usd" in full.members and "level_1_usd" not in lean.members
    assert np.array_equal(full.members["total_paid_usd"], lean.members["total_paid_usd"])
    assert full.breakage_usd == pytest.approx(lean.breakage_usd)
    with pytest.raises(MlmkitInputError):
        UnilevelPlan(level_columns="no")


def test_binary_carry_forward_over_two_months_and_flush_when_inactive() -> None:
    net = from_sponsors([-1, 0, 0])
    months = [make_volumes(net, [0, 1000, 700]), make_volumes(net, [0, 0, 500])]
    first, second = BinaryPlan(pairing_rate=0.1).pay_months(net, months)
    assert first.members.loc[0, "carry_forward_left_usd"] == 300.0
    assert first.members.loc[0, "carry_forward_right_usd"] == 0.0
    # month 2: left 0 + 300 carried, right 500: pay 10% of 300, carry 200 on the right
    assert second.members.loc[0, "pairing_bonus_usd"] == pytest.approx(30.0)
    assert second.members.loc[0, "carry_forward_right_usd"] == pytest.approx(200.0)
    assert second.members.loc[0, "paid_from_retail_usd"] == 0.0  # carried volume is not counted as retail
    # an inactive founder (no personal volume) loses the carried volume
    active_only = BinaryPlan(pairing_rate=0.1, rules=PayRules(min_personal_volume_usd=50))
    first, second = active_only.pay_months(net, months)
    assert first.members.loc[0, "qualified"] == False  # noqa: E712
    assert second.members.loc[0, "left_leg_volume_usd"] == 0.0
    with pytest.raises(MlmkitInputError):
        BinaryPlan().pay_with_carry(net, months[0], [-1, 0, 0])
