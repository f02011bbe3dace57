"""Chart builders for downlines: valid Vega-Lite, computed from the model, under 5,000 rows."""

from __future__ import annotations

import numpy as np
import pytest

from mlmkit.charts import setup_altair
from mlmkit.charts.network import (
    commission_flow,
    downline_tree,
    members_per_level,
    tree_layout,
)
from mlmkit.network import from_sponsors, full_tree, random_tree
from mlmkit.plans import UnilevelPlan, sale_breakdown


def test_tree_layout_puts_parents_over_their_children():
    net = full_tree(recruits_each=3, depth=3)
    layout = tree_layout(net).set_index("member")
    for member in net.members_at_level(2):
        children = np.flatnonzero(net.sponsor == member)
        assert layout.loc[member, "x"] == pytest.approx(layout.loc[children, "x"].mean())
    # no two members of one level overlap
    for _, group in layout.groupby("level"):
        assert group["x"].is_unique


def test_big_trees_are_summarised_not_truncated_silently():
    net = random_tree(100_000, seed=3)
    layout = tree_layout(net, max_members=500)
    assert len(layout) <= 500
    shown = len(layout)
    last_level = layout[layout["level"] == layout["level"].max()]
    assert last_level["hidden_downline"].sum() == net.size - shown
    spec = downline_tree(net, max_members=500).to_dict()
    (rows,) = spec["datasets"].values()
    assert len(rows) == shown
    assert "not drawn" in spec["title"]["subtitle"]


def test_tree_colours_by_values_when_given():
    net = from_sponsors([-1, 0, 1])
    spec = downline_tree(net, values=[1.0, 2.0, 3.0], highlight=2).to_dict()
    (rows,) = spec["datasets"].values()
    assert [row["value"] for row in rows] == [1.0, 2.0, 3.0]
    assert [row["highlight"] for row in rows] == [False, False, True]
    assert spec["layer"][1]["encoding"]["color"]["field"] == "value"


def test_members_per_level_counts_match_network():
    net = full_tree(recruits_each=4, depth=3)
    spec = members_per_level(net).to_dict()
    (rows,) = spec["datasets"].values()
    assert [row["members"] for row in rows] == [1, 4, 16, 64]


def test_commission_flow_shows_every_dollar():
    net = from_sponsors([-1, 0, 1, 2])
    table = sale_breakdown(UnilevelPlan(0.2, (0.1, 0.05)), net, seller=3, sale_usd=100)
    spec = commission_flow(table).to_dict()
    (rows,) = spec["datasets"].values()
    assert sum(row["usd"] for row in rows) == pytest.approx(100)
    assert spec["title"] == "Where a USD 100.00 sale goes"


def test_setup_altair_rejects_unknown_modes():
    with pytest.raises(ValueError, match="mode"):
        setup_altair("cdn")
