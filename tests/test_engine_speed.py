"""Issue 12: the fast engine paths agree with simple reference implementations.

Every rewritten path (the unilevel walk with reused buffers, the stair-step histograms,
level-by-level placement, the fast CSV reader) is compared with a direct, obviously
correct implementation on random trees; plus the random_tree fix, the money check's
tolerance and the simulator's memory guard.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlmkit.network import Network, from_sponsors, random_tree
from mlmkit.plans import (
    MoneyNotConservedError,
    PayoutResult,
    StairStepPlan,
    UnilevelPlan,
    payouts,
    stairstep,
)
from mlmkit.plans.engine import pay_up_levels


@st.composite
def trees(draw, max_size=60):
    """Random recursive trees, chains and bushes (a sponsor always joins first)."""
    size = draw(st.integers(min_value=1, max_value=max_size))
    shape = draw(st.sampled_from(["random", "chain", "star", "mixed"]))
    if shape == "chain":
        sponsor = list(range(-1, size - 1))
    elif shape == "star":
        sponsor = [-1] + [0] * (size - 1)
    else:
        picks = draw(st.lists(st.floats(0, 0.999), min_size=size - 1, max_size=size - 1))
        sponsor = [-1] + [int(u * i) for i, u in zip(range(1, size), picks, strict=True)]
        if shape == "mixed":  # long runs of one recruit each, joined at random points
            sponsor = [-1] + [i - 1 if u < 0.6 else s for i, (u, s) in enumerate(zip(picks, sponsor[1:], strict=True), start=1)]
    return from_sponsors(np.array(sponsor))


def amounts(size: int, draw, high: float = 1_000.0) -> np.ndarray:
    values = draw(st.lists(st.sampled_from([0.0, 1.0, 50.0, 100.0, 999.5, high]), min_size=size, max_size=size))
    return np.array(values, dtype=np.float64)


# ------------------------------------------------------------------ unilevel walk
def reference_pay_up(network: Network, volume, rates, skip=None):
    """Member by member: follow the (compressed) upline and pay each level's rate."""
    size = network.size
    qualified = np.ones(size, dtype=bool) if skip is None else ~skip
    pay = np.zeros(size)
    unpaid = 0.0
    sponsor = network.sponsor
    for member in range(size):
        up = sponsor[member]
        for rate in rates:
            while up >= 0 and not qualified[up]:
                up = sponsor[up]
            if up < 0:
                unpaid += rate * volume[member]
            else:
                pay[up] += rate * volume[member]
                up = sponsor[up]
    return pay, unpaid


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_pay_up_levels_matches_member_by_member_walk(data):
    network = data.draw(trees())
    volume = amounts(network.size, data.draw)
    rates = tuple(data.draw(st.lists(st.sampled_from([0.0, 0.01, 0.05, 0.1, 1.0]), min_size=0, max_size=8)))
    skip = np.array(data.draw(st.lists(st.booleans(), min_size=network.size, max_size=network.size)))
    for keep in (True, False):
        for use_skip in (None, skip):
            per_level, total, _, unpaid = pay_up_levels(
                network.parent, volume, np.zeros(network.size), rates, skip=use_skip, keep_levels=keep
            )
            expected, expected_unpaid = reference_pay_up(network, volume, rates, use_skip)
            np.testing.assert_allclose(total, expected, rtol=1e-12, atol=1e-9)
            assert math.isclose(unpaid, expected_unpaid, rel_tol=1e-12, abs_tol=1e-9)
            if keep:
                assert len(per_level) == len(rates)
                np.testing.assert_allclose(sum(per_level, np.zeros(network.size)), total, atol=1e-9)


# ---------------------------------------------------------------------- stair-step
@pytest.mark.parametrize(
    ("small_level", "deep_tree"),
    [
        (stairstep._SMALL_LEVEL, 10**9),  # the level walk, small levels the few-calls way
        (0, 10**9),  # the level walk, every level the wide way
        (0, -1),  # the walk without levels (pointer jumping)
    ],
)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_stairstep_histograms_match_sale_by_sale_walk(data, small_level, deep_tree):
    kept = stairstep._SMALL_LEVEL, stairstep._DEEP_TREE_LEVELS
    stairstep._SMALL_LEVEL, stairstep._DEEP_TREE_LEVELS = small_level, deep_tree
    try:
        _check_histograms_against_sale_walk(data)
    finally:
        stairstep._SMALL_LEVEL, stairstep._DEEP_TREE_LEVELS = kept


def _check_histograms_against_sale_walk(data):
    network = data.draw(trees())
    size = network.size
    volume = amounts(size, data.draw)
    retail = volume * np.array(data.draw(st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=size, max_size=size)))
    rate_choices = sorted(data.draw(st.lists(st.sampled_from([0.0, 0.03, 0.06, 0.09, 0.21]), min_size=1, max_size=5, unique=True)))
    rate = np.array(data.draw(st.lists(st.sampled_from(rate_choices), min_size=size, max_size=size)))
    breakaway = np.array(data.draw(st.lists(st.booleans(), min_size=size, max_size=size)))
    generations = tuple(data.draw(st.lists(st.sampled_from([0.01, 0.02, 0.04]), min_size=0, max_size=4)))
    fast = stairstep._walk_up(network, volume, retail, rate, breakaway, generations)
    slow = stairstep._walk_up_by_sale(network, volume, retail, rate, breakaway, generations)
    for got, expected in zip(fast, slow, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-9)


def test_stairstep_chain_without_breakaway_is_linear_not_quadratic():
    # The chain where nobody breaks away: the old walk followed every sale to the top.
    size = 3_000
    chain = from_sponsors(np.arange(-1, size - 1))
    result = payouts(StairStepPlan(), chain, own_purchases_usd=np.full(size, 1.0))
    # each sale: the seller's 3% and nobody above can earn a differential (all Starter)
    assert result.members["differential_bonus_usd"].abs().max() == 0.0
    assert math.isclose(result.paid_usd, 0.03 * size)


# ------------------------------------------------------------------- random_tree fix
@pytest.mark.parametrize("size", [1, 2, 3, 7, 100, 1_000, 10_000])
@pytest.mark.parametrize("level", [0, 1, 2, 3, 7])
def test_random_tree_capped_never_crashes(size, level):
    for seed in range(25 if size <= 1_000 else 5):
        network = random_tree(size, seed=seed, max_sponsor_level=level)
        assert network.size == size
        assert network.depth <= level + 1
        sponsors = network.sponsor[1:]
        assert (sponsors < np.arange(1, size)).all()  # a sponsor joined first
        assert (network.level[sponsors] <= level).all()


def test_random_tree_reported_case():
    network = random_tree(100, seed=2, max_sponsor_level=7)
    assert network.size == 100


# ------------------------------------------------------------- money check tolerance
def _result(paid: np.ndarray, breakage: float, pool: float, revenue: float) -> PayoutResult:
    members = pd.DataFrame({"total_paid_usd": paid, "paid_from_retail_usd": np.zeros(len(paid))})
    return PayoutResult("test", members, revenue_usd=revenue, pool_usd=pool, breakage_usd=breakage)


@settings(max_examples=200, deadline=None)
@given(
    size=st.integers(1, 60),
    scale=st.sampled_from([1.0, 1e6, 1e10, 1e13, 1e14, 1e15]),
    seed=st.integers(0, 10_000),
    levels=st.integers(0, 7),
)
def test_no_false_alarm_at_huge_totals(size, scale, seed, levels):
    rng = np.random.default_rng(seed)
    network = random_tree(size, seed=seed)
    plan = UnilevelPlan(level_rates=tuple(rng.uniform(0, 0.1, levels)))
    volume = rng.uniform(0, scale, size)
    payouts(plan, network, retail_sales_usd=volume)  # must not raise


@pytest.mark.parametrize("scale", [1.0, 1e6, 1e14])
def test_real_imbalance_still_fails(scale):
    paid = np.full(10, scale)
    pool = 10 * scale
    _result(paid, 0.0, pool, pool).check()
    with pytest.raises(MoneyNotConservedError):
        _result(paid, 0.0, pool * (1 + 1e-6) + 1.0, pool * 2).check()
    with pytest.raises(MoneyNotConservedError):
        _result(paid, -0.001 * pool - 1.0, pool, pool).check()


# ------------------------------------------------------------------ memory guard
def test_simulator_refuses_a_market_that_cannot_fit_before_allocating(monkeypatch):
    import time

    from mlmkit._validation import MlmkitInputError
    from mlmkit.simulate import market
    from mlmkit.simulate.settings import MarketSettings

    monkeypatch.setattr(market, "memory_available_bytes", lambda: 16 * 2**30)
    settings = MarketSettings(market_size=50_000_000, join_probability=1.0)
    started = time.perf_counter()
    with pytest.raises(MlmkitInputError) as error:
        market.simulate_market(UnilevelPlan(), settings, seed=1)
    assert time.perf_counter() - started < 1.0  # refused up front, nothing allocated
    message = str(error.value)
    for name in ("market_size", "join_probability", "contacts_per_month", "50,000,000", "GB"):
        assert name in message
    # a market that fits still runs
    small = MarketSettings(market_size=2_000, months=3)
    assert len(market.simulate_market(UnilevelPlan(), small, seed=1).monthly) == 4


def test_memory_estimate_grows_with_the_settings_that_drive_it():
    from mlmkit.simulate.market import memory_available_bytes, memory_needed_bytes
    from mlmkit.simulate.settings import MarketSettings

    base = MarketSettings(market_size=1_000_000)
    assert memory_needed_bytes(base.replace(market_size=2_000_000)) > memory_needed_bytes(base)
    assert memory_needed_bytes(base.replace(contacts_per_month=20)) > memory_needed_bytes(base)
    nobody_joins = memory_needed_bytes(base.replace(join_probability=0.0))
    assert nobody_joins < memory_needed_bytes(base) / 10
    assert memory_available_bytes() > 0


# ------------------------------------------------------------------ import speed
def test_widgets_import_loads_neither_altair_nor_the_iri_checker():
    import subprocess
    import sys

    code = (
        "import sys, mlmkit.widgets; print(sorted(m for m in ('altair', 'ipywidgets', 'rfc3987_syntax') "
        "if m in sys.modules)); from mlmkit.widgets.network import DownlineExplorer; "
        "print('rfc3987_syntax' in sys.modules, 'jsonschema._format' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.split("\n")[:2] == ["[]", "False True"]


# ------------------------------------------------------------- reading sponsor CSVs
@pytest.mark.parametrize(
    ("text", "ids", "levels"),
    [
        ("member_id,sponsor_id\n1,\n2,1\n3,1\n", [1, 2, 3], [0, 1, 1]),  # numbers: fast path
        ("member_id,sponsor_id\r\n5,\r\n9,5\r\n", [5, 9], [0, 1]),  # Windows line ends
        ("member_id,sponsor_id\n007,\n7,007\n", ["007", "7"], [0, 1]),  # leading zero: text
        ("member_id,sponsor_id\nNA,\n2,NA\n", ["NA", "2"], [0, 1]),  # "NA" is an id
        ("member_id,sponsor_id,note\n1,,\"a, b\"\n2,1,x\n", ["1", "2"], [0, 1]),  # quotes elsewhere
        ("sponsor_id,name,member_id\n,Ana,10\n10,Ben,20\n", [10, 20], [0, 1]),  # other columns, order
    ],
)
def test_sponsor_csv_keeps_every_id_as_written(tmp_path, text, ids, levels):
    from mlmkit.network import from_sponsor_table

    path = tmp_path / "downline.csv"
    path.write_bytes(text.encode())
    network = from_sponsor_table(path)
    assert network.ids.tolist() == ids
    assert network.level.tolist() == levels


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_sponsor_csv_fast_path_builds_the_same_tree_as_text(tmp_path, data):
    from mlmkit.network import from_sponsor_table

    network = data.draw(trees())
    offset = data.draw(st.sampled_from([0, 1, 1000, 2**40]))
    ids = np.arange(network.size) * 3 + offset
    sponsor = network.sponsor
    table = pd.DataFrame({"member_id": ids, "sponsor_id": [str(ids[s]) if s >= 0 else "" for s in sponsor]})
    path = tmp_path / "tree.csv"
    table.to_csv(path, index=False)
    fast = from_sponsor_table(path)
    text = from_sponsor_table(pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""]))
    assert np.array_equal(fast.parent, text.parent)
    assert fast.ids.tolist() == ids.tolist()


# ------------------------------------------------------------------ placement twins
def _shuffled(network: Network, seed: int) -> Network:
    """The same tree with members renumbered at random (sponsors no longer join first)."""
    rng = np.random.default_rng(seed)
    new_number = rng.permutation(network.size)
    sponsor = np.full(network.size, -1)
    old_sponsor = network.sponsor
    sponsor[new_number] = np.where(old_sponsor >= 0, new_number[np.maximum(old_sponsor, 0)], -1)
    return from_sponsors(sponsor)


def _twin(network: Network, width: int, placement: str) -> tuple[list[int], list[int]]:
    """The kernel's loops run as plain Python (not compiled): placement parents and levels."""
    from mlmkit.plans import _placement_kernel as kernel
    from mlmkit.plans import placement as placing

    order = np.empty(0, dtype=np.int32)
    if not placing._joining_order(network):
        order = np.argsort(network.level, kind="stable").astype(np.int32)
    weaker_leg = placement == "weaker_leg"
    records = kernel._records(network.size, kernel._columns(width, weaker_leg))
    state = kernel._place(network.parent, order, width, weaker_leg, records)  # not compiled
    assert records.ctypes.data % 64 == 0  # records start on a cache line
    return state[:, width].tolist(), state[:, width + 2].tolist()


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_placement_kernel_twins_match_the_python_loops(data):
    """The compiled loops' source, run as plain Python, places exactly like the reference loops."""
    from mlmkit.plans import placement as placing

    network = data.draw(trees(max_size=120))
    if data.draw(st.booleans()):
        network = _shuffled(network, data.draw(st.integers(0, 1000)))
    for width, rule in ((1, "left_first"), (2, "left_first"), (3, "left_first"), (5, "left_first"),
                        (2, "weaker_leg")):
        expected = placing._place_python(network, width, rule)
        placed, level = _twin(network, width, rule)
        assert placed == expected
        tree = from_sponsors(np.array(expected))
        assert level == tree.level.tolist()


def test_placement_kernel_twins_on_bigger_random_trees():
    """A few thousand members: every spillover cursor walks several levels deep."""
    from mlmkit.plans import placement as placing

    for seed, cap in ((1, 2), (2, 4), (3, 7)):
        network = random_tree(3_000, seed=seed, max_sponsor_level=cap)
        for width, rule in ((2, "left_first"), (3, "left_first"), (2, "weaker_leg")):
            assert _twin(network, width, rule)[0] == placing._place_python(network, width, rule)


def test_compiled_placement_matches_python_when_numba_is_installed(monkeypatch):
    kernel = pytest.importorskip("mlmkit.plans._placement_kernel")
    if not kernel.available():
        pytest.skip("numba (the optional 'fast' extra) is not installed")
    from mlmkit.plans import placement

    networks = [random_tree(20_000, seed=seed, max_sponsor_level=cap) for seed, cap in ((0, 4), (1, 7), (2, 2))]
    networks.append(_shuffled(networks[0], 5))
    for network in networks:
        monkeypatch.setattr(placement, "KERNEL_MIN_MEMBERS", 1)
        rules = ((2, "left_first"), (3, "left_first"), (2, "weaker_leg"))
        compiled = [placement.place_members(network, width=w, placement=p) for w, p in rules]
        trees_compiled = [placement.placement_network(network, width=w, placement=p) for w, p in rules]
        monkeypatch.setenv("MLMKIT_PLACEMENT", "python")
        reference = [placement.place_members(network, width=w, placement=p) for w, p in rules]
        monkeypatch.delenv("MLMKIT_PLACEMENT")
        for got, tree, expected in zip(compiled, trees_compiled, reference, strict=True):
            assert np.array_equal(got, expected)
            assert tree.level.dtype == from_sponsors(expected).level.dtype
            assert np.array_equal(tree.level, from_sponsors(expected).level)
            assert np.array_equal(tree.parent, from_sponsors(expected).parent)


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(2, 6_000),
    cap=st.one_of(st.none(), st.integers(0, 9)),
    seed=st.integers(0, 2**31),
    width=st.sampled_from([1, 2, 3, 4, 7]),
    shuffled=st.booleans(),
)
def test_compiled_placement_matches_python_over_sizes_shapes_seeds(size, cap, seed, width, shuffled):
    """The compiled loops (prefetch hints, aligned records) place exactly like the reference."""
    kernel = pytest.importorskip("mlmkit.plans._placement_kernel")
    if not kernel.available():
        pytest.skip("numba (the optional 'fast' extra) is not installed")
    from mlmkit.plans import placement as placing

    network = random_tree(size, seed=seed, max_sponsor_level=cap)
    if shuffled:
        network = _shuffled(network, seed)
    order = None if placing._joining_order(network) else np.argsort(network.level, kind="stable")
    rules = [(width, "left_first")] + ([(2, "weaker_leg")] if width == 2 else [])
    for plan_width, rule in rules:
        placed, level = kernel.place(network.parent, order, plan_width, weaker_leg=rule == "weaker_leg")
        expected = np.array(placing._place_python(network, plan_width, rule))
        assert np.array_equal(placed[:-1], np.where(expected < 0, size, expected))
        assert placed[-1] == size
        assert np.array_equal(level, from_sponsors(expected).level)


# --------------------------------------------------------------------- binary legs
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_binary_legs_match_member_by_member_sums(data):
    from mlmkit.plans.binary import binary_legs
    from mlmkit.plans.placement import placement_network

    network = data.draw(trees())
    tree = placement_network(network, width=2)
    volume = amounts(network.size, data.draw)
    legs = binary_legs(tree, volume, np.zeros(network.size))
    sponsor = tree.sponsor
    children: dict[int, list[int]] = {}
    for member, above in enumerate(sponsor):
        if above >= 0:
            children.setdefault(int(above), []).append(member)

    def group(member: int) -> float:
        return volume[member] + sum(group(child) for child in children.get(member, []))

    for member in range(network.size):
        below = sorted(children.get(member, []))
        left = group(below[0]) if below else 0.0
        right = group(below[1]) if len(below) > 1 else 0.0
        assert math.isclose(legs["left_leg_volume_usd"][member], left, abs_tol=1e-6)
        assert math.isclose(legs["right_leg_volume_usd"][member], right, abs_tol=1e-6)


# ------------------------------------------------------------ the sponsor CSV's byte scan
SCAN_CASES = {
    b"member_id,sponsor_id\n1,\n2,1\n": (True, True),
    b"member_id,sponsor_id\n1,\n2,1,5\n": (False, False),  # a field too many
    b"member_id,sponsor_id\r\n1,\r\n\r\n2,1": (True, True),  # CRLF, a blank line, no final newline
    b"member_id,sponsor_id\n01,\n2,01\n": (True, False),  # "01" is not the number 1
    b"": (True, True),
    b'member_id,sponsor_id\n1,\n2,"1"\n': (False, False),  # quotes: read as text
    b"member_id,sponsor_id\n1,\n\n2,1\n\n": (True, True),
    b"member_id,sponsor_id\n1,\n2,-1": (True, False),
    b"member_id,sponsor_id\n0,\n1,0\n": (True, True),  # a lone 0 is a number
    b"07,x\n": (True, False),
    b"m,s\n1,\n2, 1\n": (True, False),
    b"m,s\n1,\n2,1\n10,0\n11,01": (True, False),
    b"+m,s\n1,\n": (True, False),
    b"m,s\n1,\n2,1-2\n": (True, True),  # not at a field's start: the number reader decides
}


@pytest.mark.parametrize("content", list(SCAN_CASES))
def test_sponsor_csv_scan_in_any_block_size(tmp_path, content):
    from mlmkit._sponsor_csv import scan_sponsor_csv as _scan_sponsor_csv

    path = tmp_path / "sponsors.csv"
    path.write_bytes(content)
    for block in (1, 2, 3, 7, 1 << 24):
        assert _scan_sponsor_csv(path, chunk_bytes=block) == SCAN_CASES[content], block


def _reference_breakaway_groups(network, volume, ranks, breakaway_index):
    """Member by member, deepest first: the rank from the finished group, then hand it up."""
    group = np.asarray(volume, dtype=float).copy()
    rank = np.zeros(network.size, dtype=int)
    for member in np.argsort(-network.level, kind="stable"):
        met = [
            index for index, step in enumerate(ranks)
            if volume[member] >= step.min_personal_volume_usd and group[member] >= step.min_group_volume_usd
        ]
        # requirements never go down, so the ranks met are the first few
        rank[member] = max(met) if met else 0
        sponsor = network.sponsor[member]
        if sponsor >= 0 and rank[member] < breakaway_index:
            group[sponsor] += group[member]
    return rank, group


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_breakaway_group_volume_matches_member_by_member(data):
    network = data.draw(trees())
    volume = amounts(network.size, data.draw)
    ranks = stairstep.DEFAULT_RANKS[: data.draw(st.integers(1, len(stairstep.DEFAULT_RANKS)))]
    scale = data.draw(st.sampled_from([0.01, 0.1, 1.0]))
    ranks = tuple(r.replace(min_personal_volume_usd=r.min_personal_volume_usd * scale,
                            min_group_volume_usd=r.min_group_volume_usd * scale) for r in ranks)
    breakaway_index = data.draw(st.integers(0, len(ranks) - 1))
    rank, group = stairstep.breakaway_group_volume(network, volume, ranks, breakaway_index)
    expected_rank, expected_group = _reference_breakaway_groups(network, volume, ranks, breakaway_index)
    assert rank.tolist() == expected_rank.tolist()
    np.testing.assert_allclose(group, expected_group, rtol=1e-12, atol=1e-9)


def test_placement_kernel_walk_hint_names_the_record_the_walk_reads(monkeypatch):
    """The third prefetch stage (``left_first`` in a matrix) names, a few members ahead, the
    record the spillover walk of that member then reads first, in most cases (a hint: never the
    result). (The loop calls it for width 3 and more.)"""
    from mlmkit.plans import _placement_kernel as kernel
    from mlmkit.plans import placement as placing

    network = random_tree(4_000, seed=3, max_sponsor_level=7)
    hints: dict[int, int] = {}
    first_reads: dict[int, int] = {}
    now = {"position": -1}
    plain_walk = getattr(kernel._prefetch_walk, "py_func", kernel._prefetch_walk)
    plain_next = getattr(kernel._next_candidate, "py_func", kernel._next_candidate)
    plain_loop = getattr(kernel._place_left_first, "py_func", kernel._place_left_first)

    def walk(parent, state, position, width):
        now["position"] = position
        monkeypatch.setattr(kernel, "_prefetch", lambda _state, row: hints.setdefault(position + kernel._AHEAD // 4, row))
        plain_walk(parent, state, position, width)

    def step(state, node, spill, width):
        member = now["position"]
        if member not in first_reads:
            if node == state[spill, width + 4]:
                first_reads[member] = int(state[spill, width + 5])
            elif state[node, width + 3] >= 0:
                first_reads[member] = int(state[node, width + 3])
            else:
                first_reads[member] = int(state[node, width])
        return plain_next(state, node, spill, width)

    monkeypatch.setattr(kernel, "_prefetch_rows", lambda *args: None)
    monkeypatch.setattr(kernel, "_prefetch_walk", walk)
    monkeypatch.setattr(kernel, "_next_candidate", step)
    for width in (3,):  # a matrix: a binary plan runs the walks ahead instead
        hints.clear()
        first_reads.clear()
        records = kernel._records(network.size, kernel._columns(width, False))
        placed = np.empty(network.size, dtype=np.int32)
        levels = np.empty(network.size, dtype=np.int32)
        state = plain_loop(network.parent, np.empty(0, dtype=np.int32), width, records, placed, levels)
        assert state[:, width].tolist() == placing._place_python(network, width, "left_first")
        walked = [member for member in first_reads if member in hints]
        assert len(walked) > 200  # the walk runs often on this tree
        named = sum(hints[member] == first_reads[member] for member in walked)
        assert named / len(walked) > 0.9, (width, named, len(walked))  # measured: 99%
        assert all(0 <= row < network.size for row in hints.values())


def test_placement_kernel_walks_ahead_leave_the_members_own_walks_little_to_do():
    """The walks ahead (``left_first``, joining order) move full sponsors' cursors before
    their members join: the placement is the reference's, and the members' own walks pass
    far fewer full places than without them (a hint at work, never the result)."""
    from mlmkit.plans import _placement_kernel as kernel
    from mlmkit.plans import placement as placing

    network = random_tree(4_000, seed=3, max_sponsor_level=7)
    plain_loop = getattr(kernel._place_left_first, "py_func", kernel._place_left_first)
    for width in (2,):  # binary only: a matrix takes the third hint stage instead
        passed = {}
        for walks in (kernel._WALKS, 0):
            work = np.zeros(6, dtype=np.int64)
            records = kernel._records(network.size, kernel._columns(width, False))
            placed = np.empty(network.size, dtype=np.int32)
            levels = np.empty(network.size, dtype=np.int32)
            original = kernel._WALKS
            kernel._WALKS = walks  # (read when the plain loop runs)
            try:
                state = plain_loop(network.parent, np.empty(0, dtype=np.int32), width, records, placed, levels, work)
            finally:
                kernel._WALKS = original
            assert state[:, width].tolist() == placing._place_python(network, width, "left_first")
            passed[walks] = int(work[1])
            assert (work[4] > 0) == (walks > 0)  # the walks ahead read records only when there are any
        assert passed[0] > 200  # members' own walks pass many full places without the walks ahead
        assert passed[kernel._WALKS] < 0.5 * passed[0], (width, passed)


@pytest.mark.parametrize("shuffled", [False, True])
def test_placement_kernel_left_first_needs_no_filled_records(shuffled):
    """``left_first`` writes each member's record whole when placing it and reads no record
    before: records full of leftover numbers place exactly like the reference, and the two
    results the loop writes itself (placement parents, levels) match the records' columns."""
    from mlmkit.plans import _placement_kernel as kernel
    from mlmkit.plans import placement as placing

    network = random_tree(3_000, seed=11, max_sponsor_level=5)
    if shuffled:
        network = _shuffled(network, 4)
    order = np.empty(0, dtype=np.int32)
    if not placing._joining_order(network):
        order = np.argsort(network.level, kind="stable").astype(np.int32)
    plain_loop = getattr(kernel._place_left_first, "py_func", kernel._place_left_first)
    for width in (1, 2, 3):
        expected = placing._place_python(network, width, "left_first")
        for loop in {plain_loop, kernel._place_left_first}:  # plain Python, and compiled when numba is there
            records = kernel._records(network.size, kernel._columns(width, False), fill=False)
            records[:] = np.random.default_rng(width).integers(0, network.size, size=records.shape)  # leftovers
            placed = np.full(network.size, -7, dtype=np.int32)
            levels = np.full(network.size, -7, dtype=np.int32)
            state = loop(network.parent, order, width, records, placed, levels)
            assert state[:, width].tolist() == expected
            assert np.array_equal(placed, np.where(np.array(expected) < 0, network.size, expected))
            assert np.array_equal(levels, from_sponsors(np.array(expected)).level)
            assert np.array_equal(levels, state[:, width + 2])


def test_placement_work_is_counted_alike_compiled_or_not_and_places_the_same():
    """The counted loop (the benchmarks' evidence of linear work) places exactly as the timed
    one, and counts the same work whether it runs compiled or as plain Python."""
    from mlmkit.plans import _placement_kernel as kernel

    network = random_tree(5_000, seed=5, max_sponsor_level=7)
    plain_loop = getattr(kernel._place_left_first, "py_func", kernel._place_left_first)
    for width in (2, 3):
        expected_placed, expected_levels = kernel.place(network.parent, None, width)
        counts = []
        for loop in (plain_loop, kernel._place_left_first):
            work = np.zeros(6, dtype=np.int64)  # five counters and a trace length (no trace)
            placed = np.empty(network.size, dtype=np.int32)
            levels = np.empty(network.size, dtype=np.int32)
            loop(network.parent, np.empty(0, dtype=np.int32), width,
                 kernel._records(network.size, kernel._columns(width, False), fill=False), placed, levels, work)
            assert np.array_equal(placed, expected_placed[:-1]) and np.array_equal(levels, expected_levels)
            counts.append(work.tolist())
        assert counts[0] == counts[1]
        spilled, passed, walked, sponsors, ahead, traced = counts[0]
        assert sponsors == network.size - 1 and traced == 0
        # every recruit beyond a sponsor's own places spills (and more do: spillover from above
        # can fill a sponsor's places first); only members with a sponsor can
        recruits = np.bincount(network.parent[:-1], minlength=network.size + 1)[:-1]
        assert int(np.maximum(recruits - width, 0).sum()) <= spilled < network.size
        assert 0 < passed and 0 < walked
        counted = kernel.place_counted(network.parent, width)
        assert counted["records_read_per_member"] == (network.size - 1 + spilled + passed + walked + ahead) / network.size
        # the trace the benchmarks replay: one row per read counted, each an already placed member
        rows = kernel.place_traced(network.parent, width)
        assert len(rows) == network.size - 1 + spilled + passed + walked + ahead
        assert rows.min() >= 0 and rows.max() < network.size - 1
