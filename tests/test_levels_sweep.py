"""Network.level: the one-pass sweep (plain Python and compiled) agrees with pointer doubling."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmkit import network as net_module
from mlmkit.network import Network, from_sponsors, random_tree
from tests.test_engine_speed import trees


def _doubling(network: Network) -> np.ndarray:
    level, _ = net_module._levels_by_doubling(network.parent)
    return level[:-1]


def _renumbered(network: Network, seed: int) -> Network:
    new_number = np.random.default_rng(seed).permutation(network.size)
    sponsor = np.full(network.size, -1)
    sponsor[new_number] = np.where(network.sponsor >= 0, new_number[np.maximum(network.sponsor, 0)], -1)
    return from_sponsors(sponsor)


@st.composite
def networks(draw, max_size: int = 120) -> Network:
    """Random recursive trees, chains, stars and long runs (tests.test_engine_speed.trees),
    in joining order or renumbered at random."""
    network = draw(trees(max_size=max_size))
    if draw(st.booleans()):
        network = _renumbered(network, draw(st.integers(0, 10_000)))
    return network


def _joining_order(network: Network) -> bool:
    above = network.parent[:-1]
    return bool(((above < np.arange(network.size)) | (above == network.size)).all())


@settings(max_examples=200, deadline=None)
@given(network=networks())
def test_sweep_as_plain_python_matches_doubling(network):
    swept = net_module._levels_in_joining_order(network.parent, compiled=False)
    if not _joining_order(network):
        assert swept is None  # a sponsor numbered after a recruit: doubling answers
        return
    expected = _doubling(network)
    assert swept is not None and swept.dtype == expected.dtype
    assert np.array_equal(swept, expected)


def test_small_networks_use_doubling():
    parent = random_tree(1_000, seed=1).parent
    assert net_module._levels_in_joining_order(parent) is None  # below LEVEL_SWEEP_MIN_MEMBERS


@pytest.mark.parametrize("seed, cap, renumber", [(0, 7, False), (1, None, False), (2, 2, True)])
def test_compiled_levels_match_doubling(seed, cap, renumber, monkeypatch):
    pytest.importorskip("numba")
    network = random_tree(200_000, seed=seed, max_sponsor_level=cap)
    if renumber:
        network = _renumbered(network, seed)
    swept = net_module._levels_in_joining_order(network.parent)
    assert (swept is None) == renumber
    fresh = Network(network.parent)  # .level not yet cached
    assert np.array_equal(fresh.level, _doubling(network)) and fresh.level.dtype == np.int32
    chain = from_sponsors(np.arange(-1, 150_000 - 1))
    assert np.array_equal(Network(chain.parent).level, np.arange(150_000))
    monkeypatch.setenv("MLMKIT_PLACEMENT", "python")
    assert net_module._levels_in_joining_order(chain.parent) is None
