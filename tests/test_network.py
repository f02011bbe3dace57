"""Tests for mlmkit.network: building downlines and answering questions about them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmkit._validation import MlmkitInputError
from mlmkit.network import (
    first_level_exceeding,
    from_sponsor_table,
    from_sponsors,
    full_tree,
    geometric_levels,
    random_tree,
)


def brute_force(sponsor: list[int]) -> tuple[list[int], list[int]]:
    """Levels and downline sizes by walking the tree one member at a time (reference)."""
    levels, downline = [], [0] * len(sponsor)
    for member in range(len(sponsor)):
        level, current = 0, sponsor[member]
        while current != -1:
            level += 1
            downline[current] += 1
            current = sponsor[current]
        levels.append(level)
    return levels, downline


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 0.999999), min_size=0, max_size=60), st.integers(0, 10**6))
def test_arrays_match_brute_force_on_random_shuffled_trees(draws, shuffle_seed):
    # a random recursive tree, then shuffled so sponsors can come after their recruits
    sponsor = [-1] + [int(u * (i + 1)) for i, u in enumerate(draws)]
    order = np.random.default_rng(shuffle_seed).permutation(len(sponsor))
    new_index = np.empty_like(order)
    new_index[order] = np.arange(len(order))
    shuffled = [-1 if sponsor[old] == -1 else int(new_index[sponsor[old]]) for old in order]
    net = from_sponsors(shuffled)
    levels, downline = brute_force(shuffled)
    assert net.level.tolist() == levels
    assert net.downline_size.tolist() == downline
    assert net.recruits.sum() == len(shuffled) - 1
    for k in (1, 2, 3):
        expected = []
        for member in range(len(shuffled)):
            current = member
            for _ in range(k):
                current = shuffled[current] if current != -1 else -1
            expected.append(current)
        assert net.ancestor(k).tolist() == expected


def test_full_tree_sizes_and_levels():
    net = full_tree(recruits_each=6, depth=3)
    assert net.size == 1 + 6 + 36 + 216
    assert net.members_per_level()["members_at_level"].tolist() == [1, 6, 36, 216]
    assert net.downline_size[0] == net.size - 1
    assert net.recruits[net.level < 3].tolist() == [6] * 43
    assert full_tree(recruits_each=1, depth=4).size == 5


def test_random_tree_is_seeded_and_half_recruit_nobody():
    a = random_tree(50_000, seed=7)
    b = random_tree(50_000, seed=7)
    assert np.array_equal(a.sponsor, b.sponsor)
    assert not np.array_equal(a.sponsor, random_tree(50_000, seed=8).sponsor)
    share_nobody = (a.recruits == 0).mean()
    assert 0.48 < share_nobody < 0.52  # Gastwirth's random recruitment: about half


def test_sum_down_gives_group_volume():
    net = from_sponsors([-1, 0, 0, 1, 1, 3])
    volume = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0])
    assert net.sum_down(volume).tolist() == [21.0, 17.0, 3.0, 10.0, 5.0, 6.0]


def test_sponsor_table_keeps_ids_and_reports_them():
    table = pd.DataFrame({"member_id": [10, 20, 30], "sponsor_id": [20, None, 20]})
    net = from_sponsor_table(table)
    frame = net.to_frame()
    assert frame["member_id"].tolist() == [10, 20, 30]
    assert frame["level"].tolist() == [1, 0, 1]
    assert frame["sponsor_id"].isna().tolist() == [False, True, False]
    assert net.founder == 1


def test_sponsor_table_from_csv(tmp_path):
    path = tmp_path / "downline.csv"
    path.write_text("member_id,sponsor_id\nana,\nben,ana\ncy,ben\n")
    net = from_sponsor_table(path)
    assert net.level.tolist() == [0, 1, 2]


@pytest.mark.parametrize(
    ("members", "sponsors", "field", "words"),
    [
        (["a", "b"], [None, "zed"], "sponsor_id", "not in the member_id column"),
        (["a", "b", "c"], [None, None, "a"], "sponsor_id", "exactly one member"),
        (["a", "b", "c"], ["c", "a", "b"], "sponsor_id", "exactly one member"),
        (["a", "b", "c", "d"], [None, "c", "b", "a"], "sponsor_id", "cycle"),
        (["a", "b", "b"], [None, "a", "a"], "member_id", "only once"),
    ],
)
def test_bad_sponsor_tables_name_the_problem(members, sponsors, field, words):
    table = pd.DataFrame({"member_id": members, "sponsor_id": sponsors})
    with pytest.raises(MlmkitInputError) as error:
        from_sponsor_table(table)
    assert error.value.field == field
    assert words in str(error.value)


def test_cycle_error_lists_the_members_in_it():
    with pytest.raises(MlmkitInputError, match="cycle") as error:
        from_sponsor_table(pd.DataFrame({"member_id": list("abcd"), "sponsor_id": [None, "a", "d", "c"]}))
    assert sorted(error.value.value) == ["c", "d"]


def test_missing_column_and_bad_sponsor_arrays():
    with pytest.raises(MlmkitInputError, match="'sponsor_id' column"):
        from_sponsor_table(pd.DataFrame({"member_id": [1]}))
    with pytest.raises(MlmkitInputError, match="not a member"):
        from_sponsors([-1, 5])
    with pytest.raises(MlmkitInputError, match="whole-number"):
        from_sponsors([-1.0, 0.5])
    with pytest.raises(MlmkitInputError, match="at most"):
        full_tree(recruits_each=10, depth=9)


def test_geometric_growth_arithmetic():
    table = geometric_levels(6, 13)
    assert table["members_at_level"].iloc[13] == 6**13 == 13_060_694_016
    assert first_level_exceeding(6, 8.0e9) == 13
    assert first_level_exceeding(4, 8.0e9) == 17  # not 13 (FACTS: a law-firm page got this wrong)
    assert abs(table["share_at_level"].iloc[-1] - 5 / 6) < 1e-3
