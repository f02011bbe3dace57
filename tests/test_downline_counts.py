"""The member counts behind ``weaker_leg`` placement: exact, and never a quadratic walk."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmkit.network import from_sponsors
from mlmkit.plans import _downline_counts as counts
from mlmkit.plans import placement as placing


def _subtree_sizes(parent: list[int]) -> list[int]:
    """Members below each member, by brute force."""
    below = [0] * len(parent)
    for member in range(len(parent)):
        node = parent[member]
        while node >= 0:
            below[node] += 1
            node = parent[node]
    return below


@st.composite
def growing_trees(draw: st.DrawFn) -> list[int]:
    """A tree grown one leaf at a time (each member's parent came before it)."""
    size = draw(st.integers(1, 120))
    shape = draw(st.sampled_from(["random", "line", "caterpillar"]))
    if shape == "line":
        return [-1, *range(size - 1)]
    if shape == "caterpillar":
        return [-1] + [2 * ((member - 1) // 2) for member in range(1, size)]
    return [-1] + [draw(st.integers(0, member - 1)) for member in range(1, size)]


@given(parent=growing_trees(), switch_after=st.integers(0, 130), data=st.data())
@settings(max_examples=150, deadline=None)
def test_link_cut_counts_equal_brute_force(parent: list[int], switch_after: int, data: st.DataObject) -> None:
    """Walk for a while, switch to the link-cut tree, keep adding: every count stays exact."""
    size = len(parent)
    placed = [-1] * size
    below = [0] * size
    links: list[list[int]] = []
    for member in range(1, size):
        target = parent[member]
        placed[member] = target
        if links:
            up, left, right, pending, stack = links
            counts.link(member, target, up)
            counts.add_path(target, up, left, right, below, pending, stack)
        else:
            counts.walk_add(target, placed, below)
            if member >= switch_after:
                links = [array.tolist() for array in counts.start_links(placed, size)]
        if links and data.draw(st.booleans(), label="check now"):
            up, left, right, pending, stack = links
            seen = [counts.value(m, up, left, right, below, pending, stack) for m in range(member + 1)]
            assert seen == _subtree_sizes(placed[: member + 1])
    if links:
        up, left, right, pending, stack = links
        below = [counts.value(m, up, left, right, below, pending, stack) for m in range(size)]
    assert below == _subtree_sizes(placed)


@given(
    sponsors=st.integers(2, 300).flatmap(
        lambda size: st.lists(st.integers(0, size), min_size=size - 1, max_size=size - 1)
    ),
    shape=st.sampled_from(["random", "line", "pairs"]),
)
@settings(max_examples=80, deadline=None)
def test_weaker_leg_placement_is_the_same_with_or_without_the_switch(sponsors: list[int], shape: str) -> None:
    """Switching to the link-cut tree at once (budget 0) places every member the same way."""
    size = len(sponsors) + 1
    if shape == "line":
        sponsor = [-1, *range(size - 1)]
    elif shape == "pairs":  # each member recruits one who goes on and one who stops
        sponsor = [-1] + [2 * ((member - 1) // 2) for member in range(1, size)]
    else:
        sponsor = [-1] + [value % member for member, value in zip(range(1, size), sponsors, strict=True)]
    network = from_sponsors(np.array(sponsor))
    walked = placing._place_python(network, 2, "weaker_leg")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(counts, "WALK_BUDGET", 0)
        linked = placing._place_python(network, 2, "weaker_leg")
    assert linked == walked


def test_a_long_line_of_single_recruits_switches_to_the_link_cut_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line of 3,000 members: the walks stop at the budget, not after 4.5 million steps."""
    steps = []
    original = counts.start_links

    def spy(parent, size):  # type: ignore[no-untyped-def]
        steps.append(sum(1 for node in parent if node >= 0))
        return original(parent, size)

    monkeypatch.setattr(counts, "start_links", spy)
    size = 3_000
    network = from_sponsors(np.arange(-1, size - 1))
    placed = placing._place_python(network, 2, "weaker_leg")
    assert placed == list(range(-1, size - 1))  # a line stays a line
    assert len(steps) == 1, "the counts never moved into the link-cut tree"
    # walking k members of a line costs k(k+1)/2 steps: the switch comes after about
    # sqrt(2 x budget x size) members, far before the end of the line
    assert steps[0] < 2 * (2 * counts.WALK_BUDGET * size) ** 0.5


def test_compiled_twins_call_each_other() -> None:
    """The compiled namespace's functions are rebuilt over that namespace (no plain fallbacks)."""
    twins = counts.compiled(lambda function: function)
    assert twins.add_path.__globals__["_access"] is twins._access
    assert twins.add_path is not counts.add_path


def _long_lines(size: int) -> list:
    """A line of single recruits, and a line where each member also recruits one who stops."""
    line = from_sponsors(np.arange(-1, size - 1))
    pairs = from_sponsors(np.array([-1] + [2 * ((member - 1) // 2) for member in range(1, size)]))
    return [line, pairs]


def test_kernel_twin_switches_like_the_python_loops() -> None:
    """The kernel's loop run as plain Python, on lines long enough to switch, places the same."""
    from mlmkit.plans import _placement_kernel as kernel

    for network in _long_lines(2_000):
        records = kernel._records(network.size, kernel._columns(2, True))
        state = kernel._place(network.parent, np.empty(0, dtype=np.int32), 2, True, records)  # not compiled
        assert state[:, 2].tolist() == placing._place_python(network, 2, "weaker_leg")


def test_compiled_kernel_switches_like_the_python_loops(monkeypatch: pytest.MonkeyPatch) -> None:
    kernel = pytest.importorskip("mlmkit.plans._placement_kernel")
    if not kernel.available():
        pytest.skip("numba (the optional 'fast' extra) is not installed")
    monkeypatch.setattr(placing, "KERNEL_MIN_MEMBERS", 1)
    for network in _long_lines(20_000):
        compiled = placing.place_members(network, width=2, placement="weaker_leg")
        assert compiled.tolist() == placing._place_python(network, 2, "weaker_leg")
