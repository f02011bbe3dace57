"""The binary legs' compiled sweep (optional numba) agrees with the numpy reference, bit for bit."""

from __future__ import annotations

import contextlib
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmkit.network import Network, from_sponsors, random_tree
from mlmkit.plans import BinaryPlan, payouts
from mlmkit.plans import _legs_kernel as kernel
from mlmkit.plans import placement as placing
from mlmkit.plans.binary import _binary_legs


@st.composite
def sponsor_trees(draw, max_size: int = 80) -> Network:
    """Random recursive trees, chains, stars and runs of single recruits; sometimes renumbered."""
    size = draw(st.integers(1, max_size))
    shape = draw(st.sampled_from(["random", "chain", "star", "mixed"]))
    picks = draw(st.lists(st.floats(0, 0.999), min_size=size - 1, max_size=size - 1))
    if shape == "chain":
        sponsor = list(range(-1, size - 1))
    elif shape == "star":
        sponsor = [-1] + [0] * (size - 1)
    else:
        sponsor = [-1] + [int(u * i) for i, u in zip(range(1, size), picks, strict=True)]
        if shape == "mixed":
            sponsor = [-1] + [i - 1 if u < 0.6 else s for i, (u, s) in enumerate(zip(picks, sponsor[1:], strict=True), 1)]
    network = from_sponsors(np.array(sponsor))
    if draw(st.booleans()):  # any member order the Network allows: sponsors need not come first
        network = _renumbered(network, draw(st.integers(0, 1000)))
    return network


def _renumbered(network: Network, seed: int) -> Network:
    new_number = np.random.default_rng(seed).permutation(network.size)
    sponsor = np.full(network.size, -1)
    sponsor[new_number] = np.where(network.sponsor >= 0, new_number[np.maximum(network.sponsor, 0)], -1)
    return from_sponsors(sponsor)


def _amounts(draw, size: int) -> np.ndarray:
    """Cents and awkward fractions, so that any change in the order of the sums would show."""
    pool = [0.0, 0.01, 0.1, 1.0, 33.33, 99.99, 1e6 / 3, 2.0**-20, 123456.789]
    return np.array(draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size)))


def _placed_with_volume(data, max_size: int = 80) -> tuple[Network, Network, np.ndarray]:
    """A drawn network, its binary placement tree and a volume per member."""
    network = data.draw(sponsor_trees(max_size=max_size))
    return network, placing.placement_network(network, width=2), _amounts(data.draw, network.size)


def _retail_part(draw, volume: np.ndarray) -> np.ndarray:
    """Retail sales: none, a quarter or all of each member's volume."""
    shares = draw(st.lists(st.sampled_from([0.0, 0.25, 1.0]), min_size=len(volume), max_size=len(volume)))
    return volume * np.array(shares)


def _numpy_legs(tree: Network, volume: np.ndarray, retail: np.ndarray, **options: bool) -> dict:
    """The numpy reference (the compiled sweep switched off, as ``MLMKIT_PLACEMENT=python`` does)."""
    before = os.environ.get("MLMKIT_PLACEMENT")
    os.environ["MLMKIT_PLACEMENT"] = "python"
    try:
        return _binary_legs(tree, volume, retail, **options)
    finally:
        if before is None:
            del os.environ["MLMKIT_PLACEMENT"]
        else:
            os.environ["MLMKIT_PLACEMENT"] = before


def _same_bits(first: np.ndarray, second: np.ndarray) -> bool:
    return first.dtype == second.dtype and first.shape == second.shape and first.tobytes() == second.tobytes()


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_sweep_as_plain_python_matches_the_numpy_legs(data):
    network, tree, volume = _placed_with_volume(data)
    reference = _numpy_legs(tree, volume, np.zeros(network.size))
    sums = kernel.binary_leg_sums(tree.parent, volume, compiled=False)
    if placing._joining_order(network) or network.size == 1:
        assert sums is not None  # placement in joining order: every member sits under a smaller number
    if sums is None:  # renumbered members: the sweep declines and the numpy path answers
        assert (tree.parent[:-1][tree.parent[:-1] < tree.size] > np.flatnonzero(tree.parent[:-1] < tree.size)).any()
        return
    assert _same_bits(sums[0], reference["left_leg_volume_usd"])
    assert _same_bits(sums[1], reference["right_leg_volume_usd"])


def test_sweep_declines_a_tree_not_in_joining_order():
    later_above = np.array([1, 3, 1, 3])  # member 0 sits under member 1 (a larger number), the founder
    assert kernel.binary_leg_sums(later_above, np.ones(3), compiled=False) is None


def _compiled_or_skip() -> None:
    if not kernel.available():
        pytest.skip("numba (the optional 'fast' extra) is not installed")


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_compiled_sweep_matches_the_numpy_legs(data):
    _compiled_or_skip()
    network, tree, volume = _placed_with_volume(data, max_size=400)
    expected = kernel.binary_leg_sums(tree.parent, volume, compiled=False)
    got = kernel.binary_leg_sums(tree.parent, volume)
    assert (got is None) == (expected is None)
    if got is not None and expected is not None:
        assert all(_same_bits(a, b) for a, b in zip(got, expected, strict=True))


@pytest.mark.parametrize(
    "seed, cap, renumber, placement",
    [(0, 7, False, "left_first"), (1, 2, False, "weaker_leg"), (2, None, False, "left_first"), (3, 4, True, "left_first")],
)
def test_binary_payouts_are_identical_with_and_without_the_sweep(seed, cap, renumber, placement, monkeypatch):
    """The whole member table, with retail sales, a cap and carried volume, both ways."""
    _compiled_or_skip()
    network = random_tree(30_000, seed=seed, max_sponsor_level=cap)
    if renumber:
        network = _renumbered(network, seed)
    rng = np.random.default_rng(seed)
    retail = rng.choice([0.0, 19.99, 100.0, 1e4 / 3], size=network.size)
    own = rng.choice([0.0, 50.0, 0.01], size=network.size)
    carry = rng.choice([0.0, 10.0, 2.5], size=network.size)
    plan = BinaryPlan(pairing_rate=0.1, pairing_cap_usd=40_000.0, placement=placement)
    monkeypatch.setattr(placing, "KERNEL_MIN_MEMBERS", 1)
    swept = payouts(plan, network, retail, own)
    tree = placing.placement_network(network, width=2, placement=placement)
    assert (kernel.binary_leg_sums(tree.parent, own) is None) == renumber  # the sweep ran unless renumbered
    carried = plan.pay_with_carry(network, swept_volumes(network, retail, own), carry, carry[::-1].copy())
    monkeypatch.setenv("MLMKIT_PLACEMENT", "python")
    placing._CACHE.clear()  # place again with the Python loops too
    reference = payouts(plan, network, retail, own)
    carried_reference = plan.pay_with_carry(network, swept_volumes(network, retail, own), carry, carry[::-1].copy())
    for got, expected in ((swept, reference), (carried, carried_reference)):
        assert got.members.columns.tolist() == expected.members.columns.tolist()
        for column in expected.members.columns:
            assert got.members[column].equals(expected.members[column]), column
        assert got.withheld_usd == expected.withheld_usd
        assert (got.pool_usd, got.breakage_usd) == (expected.pool_usd, expected.breakage_usd)


def swept_volumes(network: Network, retail: np.ndarray, own: np.ndarray):
    from mlmkit.plans.volumes import make_volumes

    return make_volumes(network, retail, own)


@settings(max_examples=100, deadline=None)
@given(data=st.data(), numpy_path=st.booleans())
def test_payout_legs_without_the_retail_sums_match_the_full_legs(data, numpy_path):
    # a payout asks for the legs without their retail sums (freed as soon as the weaker leg's
    # retail share is known): every column it keeps is the same, bit for bit
    network, tree, volume = _placed_with_volume(data)
    retail = _retail_part(data.draw, volume)
    before = os.environ.get("MLMKIT_PLACEMENT")
    if numpy_path:
        os.environ["MLMKIT_PLACEMENT"] = "python"
    try:
        full = _binary_legs(tree, volume, retail)
        lean = _binary_legs(tree, volume, retail, keep_retail_sums=False)
    finally:
        if before is None:
            os.environ.pop("MLMKIT_PLACEMENT", None)
        else:
            os.environ["MLMKIT_PLACEMENT"] = before
    assert set(lean) <= set(full) and set(full) - set(lean) <= {"left_leg_retail_usd", "right_leg_retail_usd"}
    if retail.any():
        assert "left_leg_retail_usd" not in lean
    for name, values in lean.items():
        assert _same_bits(np.asarray(values, dtype=float), np.asarray(full[name], dtype=float)), name


@pytest.mark.parametrize("cap", [None, 0.0, 5.0, 1e9])
def test_pairing_cap_withholds_exactly_what_it_cuts(cap):
    network = random_tree(3_000, seed=4)
    volume = np.random.default_rng(4).uniform(0, 90, network.size).round(2)
    result = payouts(BinaryPlan(pairing_rate=0.1, pairing_cap_usd=cap), network, volume)
    uncapped = payouts(BinaryPlan(pairing_rate=0.1), network, volume).members["pairing_bonus_usd"].to_numpy()
    paid = result.members["pairing_bonus_usd"].to_numpy()
    assert np.array_equal(paid, uncapped if cap is None else np.minimum(uncapped, cap))
    if cap is not None:
        assert result.withheld_usd["pairing cap per member"] == pytest.approx(float((uncapped - paid).sum()),
                                                                              rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("named", [False, True])
def test_id_columns_are_views_that_a_table_edit_cannot_change(named):
    # sponsor_id and placed_under of numbered members are read-only views of the trees' own
    # parent arrays (1 byte per member instead of 9): an edit of the table copies, never writes through
    network = random_tree(500, seed=8)
    if named:
        network = Network(network.parent, pd.Index([f"m{i}" for i in range(network.size)]))
    parent_before = network.parent.copy()
    members = payouts(BinaryPlan(), network, 50.0).members
    tree = placing.placement_network(network, width=2)
    ids = network.ids
    for column, parents in (("sponsor_id", network.sponsor), ("placed_under", tree.sponsor)):
        expected = [None if above < 0 else ids[above] for above in parents]
        assert [None if pd.isna(value) else value for value in members[column]] == expected
    members.loc[1, "sponsor_id"] = members.loc[0, "member_id"] if not named else "m0"
    members.loc[:, "placed_under"] = members["placed_under"].fillna(members["member_id"].iloc[0])
    assert np.array_equal(network.parent, parent_before)
    assert payouts(BinaryPlan(), network, 50.0).members["sponsor_id"].isna().sum() == 1


@settings(max_examples=150, deadline=None)
@given(data=st.data(), with_retail=st.booleans())
def test_legs_table_sweep_as_plain_python_matches_the_numpy_payout_legs(data, with_retail):
    # a payout's legs table from one sweep (the retail sums kept in the share and carry columns
    # until each member is reached): every column the same, bit for bit, as the numpy path's
    network, tree, volume = _placed_with_volume(data)
    retail = _retail_part(data.draw, volume) if with_retail else np.zeros(network.size)
    reference = _numpy_legs(tree, volume, retail, keep_retail_sums=False)
    table = kernel.binary_legs_table(tree.parent, volume, retail if retail.any() else None, compiled=False)
    if table is None:  # renumbered members: the sweep declines, as binary_leg_sums does
        assert kernel.binary_leg_sums(tree.parent, volume, compiled=False) is None
        return
    assert list(table) == list(kernel.TABLE_COLUMNS)
    # (without retail the numpy path also hands back the legs' retail sums, zeros a payout does not use)
    assert set(reference) - set(table) <= {"left_leg_retail_usd", "right_leg_retail_usd"} and set(table) <= set(reference)
    for name, values in table.items():
        assert _same_bits(values, np.asarray(reference[name], dtype=float)), name


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_compiled_legs_table_matches_the_plain_python_sweep(data):
    _compiled_or_skip()
    network, tree, volume = _placed_with_volume(data, max_size=400)
    retail = volume[::-1].copy() if data.draw(st.booleans()) else None
    expected = kernel.binary_legs_table(tree.parent, volume, retail, compiled=False)
    got = kernel.binary_legs_table(tree.parent, volume, retail)
    assert (got is None) == (expected is None)
    if got is not None and expected is not None:
        assert all(_same_bits(got[name], expected[name]) for name in kernel.TABLE_COLUMNS)


def test_legs_table_is_the_same_while_another_thread_makes_its_pages_present(monkeypatch):
    # the table's pages made present on a second thread while the sweep writes them (on big
    # trees only; here forced on a small one): the sweep's zeros and writes are all kept
    from mlmkit import _prefault

    started = []

    @contextlib.contextmanager
    def always(*arrays, min_bytes=0):
        with _prefault.pages_ready_in_background(*arrays, min_bytes=0) as thread:
            started.append(thread)
            yield thread

    monkeypatch.setattr(kernel, "pages_ready_in_background", always)
    network = random_tree(20_000, seed=11, max_sponsor_level=7)
    tree = placing.placement_network(network, width=2)
    rng = np.random.default_rng(11)
    retail = rng.choice([0.0, 19.99, 1e4 / 3], size=network.size)
    volume = retail + rng.choice([0.0, 50.0, 0.01], size=network.size)
    table = kernel.binary_legs_table(tree.parent, volume, retail, compiled=False)
    monkeypatch.setenv("MLMKIT_PLACEMENT", "python")
    reference = _binary_legs(tree, volume, retail, keep_retail_sums=False)
    assert table is not None and started == [_prefault._madvise() is not None]
    for name in kernel.TABLE_COLUMNS:
        assert _same_bits(table[name], reference[name]), name
