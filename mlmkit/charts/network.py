"""Charts of a downline: the tree itself, members per level, and where one sale's money goes.

Examples
--------
>>> from mlmkit.network import full_tree
>>> chart = members_per_level(full_tree(recruits_each=3, depth=4))
>>> chart.to_dict()["layer"][0]["mark"]["type"]
'bar'
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from mlmkit._display import counted, format_usd
from mlmkit._validation import (
    check_amounts,
    check_bool,
    check_columns,
    check_int,
    check_non_negative,
    check_pixels,
    check_text,
    fail,
)
from mlmkit.network import Network, check_network, from_sponsors

__all__ = [
    "commission_flow",
    "downline_tree",
    "flow_frame",
    "flow_title",
    "level_frame",
    "members_per_level",
    "tree_frame",
    "tree_height",
    "tree_layout",
    "tree_title",
]

#: Most members drawn as dots in :func:`downline_tree`; deeper levels are summarised.
MAX_TREE_MEMBERS = 1_000
#: Up to this many drawn members, every dot is labelled with the member's name.
LABEL_ALL_UP_TO = 60


def tree_layout(network: Network, *, max_members: int = MAX_TREE_MEMBERS) -> pd.DataFrame:
    """Positions for drawing the tree: every member of the top levels that fit in ``max_members``.

    Each member sits at ``y = level`` and at ``x`` in the middle of the space its
    displayed downline takes up (leaves one unit apart), so subtrees never overlap.
    Members below the last displayed level are not drawn; ``hidden_downline`` counts
    them for each member at the last level.

    Returns
    -------
    pandas.DataFrame
        One row per drawn member: ``member``, ``member_id``, ``sponsor``, ``level``,
        ``x``, ``sponsor_x``, ``recruits``, ``downline_size``, ``hidden_downline``.

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> layout = tree_layout(full_tree(recruits_each=2, depth=1))
    >>> layout[["member", "level", "x"]]
       member  level    x
    0       0      0  1.0
    1       1      1  0.5
    2       2      1  1.5
    """
    check_network(network)
    max_members = check_int("max_members", max_members, low=1, high=4_000)
    per_level = np.bincount(network.level, minlength=network.depth + 1)
    shown_levels = max(0, int(np.searchsorted(np.cumsum(per_level), max_members, side="right")) - 1)
    kept = np.flatnonzero(network.level <= shown_levels)
    remap = np.full(network.size, -1, dtype=np.int64)
    remap[kept] = np.arange(len(kept))
    sponsor = network.sponsor[kept]
    sub = from_sponsors(np.where(sponsor >= 0, remap[np.maximum(sponsor, 0)], -1))
    is_leaf = (sub.recruits == 0).astype(float)
    width = sub.sum_down(is_leaf)
    offset = np.zeros(sub.size)
    for lvl in range(1, sub.depth + 1):
        nodes = sub.members_at_level(lvl)
        parents = sub.sponsor[nodes]
        before = pd.Series(width[nodes]).groupby(parents).cumsum().to_numpy() - width[nodes]
        offset[nodes] = offset[parents] + before
    x = offset + width / 2
    sub_sponsor = sub.sponsor
    full_downline = network.downline_size[kept]
    return pd.DataFrame(
        {
            "member": kept,
            "member_id": network.ids[kept],
            "sponsor": network.sponsor[kept],
            "level": sub.level,
            "x": x,
            "sponsor_x": np.where(sub_sponsor >= 0, x[np.maximum(sub_sponsor, 0)], np.nan),
            "recruits": network.recruits[kept],
            "downline_size": full_downline,
            "hidden_downline": full_downline - sub.downline_size,
        }
    )


def tree_frame(
    network: Network,
    *,
    values: Any = None,
    highlight: Any = None,
    max_members: int = MAX_TREE_MEMBERS,
) -> pd.DataFrame:
    """The table :func:`downline_tree` draws: :func:`tree_layout` plus ``value``, ``highlight``, ``label``.

    ``label`` is the member's name for every dot when at most 60 are drawn; in a bigger
    tree only the highlighted member and members with a value other than zero (e.g. those
    a sale pays) are named, so the members the prose talks about can be found.

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> tree_frame(full_tree(2, 1), values=[0, 5, 0], highlight=1)[["member_id", "value", "highlight", "label"]]
       member_id  value  highlight label
    0          0    0.0      False     0
    1          1    5.0       True     1
    2          2    0.0      False     2
    """
    check_network(network)
    values = None if values is None else check_amounts("values", values, network.size, low=None)
    layout = tree_layout(network, max_members=max_members)
    if values is None:
        layout["value"] = np.nan
    else:
        array = np.asarray(values, dtype=float)
        if array.shape != (network.size,):
            raise fail("values", counted(array.size, "value"), f"it needs one value for each of the {counted(network.size, 'member')}")
        layout["value"] = array[layout["member"].to_numpy()]
    position = None if highlight is None else network.position_of(highlight, field="highlight")
    layout["highlight"] = layout["member"] == position
    named = layout["member_id"].astype(str)
    if len(layout) > LABEL_ALL_UP_TO:
        shown = layout["highlight"] | (layout["value"].fillna(0) != 0)
        named = named.where(shown, "")
    layout["label"] = named
    return layout.drop(columns=["member"])


def tree_title(network: Network, frame: pd.DataFrame) -> alt.Title:
    """Title and subtitle for :func:`downline_tree` (how many members are drawn)."""
    check_network(network)
    check_columns("frame", frame, ("level",), "it must be the table from tree_frame")
    depth_shown = int(frame["level"].max())
    hidden = int(network.size - len(frame))
    subtitle = f"levels 0 to {depth_shown} shown" + (
        f"; {counted(hidden, 'member')} below {'is' if hidden == 1 else 'are'} not drawn" if hidden else ""
    )
    return alt.Title(f"A downline of {counted(network.size, 'member')}", subtitle=subtitle)


def tree_height(frame: pd.DataFrame) -> int:
    """Chart height in pixels for the levels in ``frame``."""
    check_columns("frame", frame, ("level",), "it must be the table from tree_frame")
    return max(120, 70 * (int(frame["level"].max()) + 1))


def downline_tree(
    network: Network,
    *,
    values: Any = None,
    value_title: str = "pay (USD)",
    highlight: Any = None,
    max_members: int = MAX_TREE_MEMBERS,
    width: int = 640,
) -> alt.LayerChart:
    """The downline as a node-link tree, founder at the top.

    Parameters
    ----------
    network : mlmkit.network.Network
        The tree to draw (the top levels that fit in ``max_members`` are drawn).
    values : array-like, optional
        One number per member (e.g. pay from a sale) to colour the dots by; by default
        dots are coloured by level.
    value_title : str
        Legend title for ``values``.
    highlight : optional
        The id of a member to ring in black (e.g. the seller).
    max_members : int
        Most dots to draw (at most 4,000, under Altair's 5,000-row limit).
    width : int
        Chart width in pixels.

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> spec = downline_tree(full_tree(recruits_each=3, depth=2)).to_dict()
    >>> len(spec["layer"]), len(spec["datasets"])
    (3, 1)
    """
    check_network(network)
    values = None if values is None else check_amounts("values", values, network.size, low=None)
    value_title = check_text("value_title", value_title)
    width = check_pixels("width", width)
    frame = tree_frame(network, values=values, highlight=highlight, max_members=max_members)
    y_scale = alt.Scale(reverse=True, padding=24, nice=False)
    x_axis = alt.X("x:Q", axis=None, scale=alt.Scale(padding=12, nice=False, zero=False))
    y_axis = alt.Y("level:Q", title="level (0 = founder)", scale=y_scale, axis=alt.Axis(tickMinStep=1, grid=False))
    base = alt.Chart(frame)
    links = (
        # The founder keeps a zero-length link to itself, so this layer is never empty: an empty
        # layer (a one-member tree) made Vega warn "Infinite extent" for every field it encodes.
        base.transform_calculate(
            link_level="datum.sponsor >= 0 ? datum.level - 1 : datum.level",
            link_x="isValid(datum.sponsor_x) ? datum.sponsor_x : datum.x",
        )
        .mark_rule(color="#bbbbbb", strokeWidth=1)
        .encode(x=x_axis, y=y_axis, x2="link_x:Q", y2="link_level:Q")
    )
    color = (
        alt.Color("value:Q", title=value_title, scale=alt.Scale(scheme="goldgreen"))
        if values is not None
        else alt.Color("level:O", title="level", scale=alt.Scale(scheme="viridis"))
    )
    tooltip = [
        alt.Tooltip("member_id", title="member"),
        alt.Tooltip("level:Q"),
        alt.Tooltip("recruits:Q", title="direct recruits"),
        alt.Tooltip("downline_size:Q", title="downline size", format=","),
        alt.Tooltip("hidden_downline:Q", title="members below (not drawn)", format=","),
    ]
    if values is not None:
        tooltip.append(alt.Tooltip("value:Q", title=value_title, format=",.2f"))
    dots = base.mark_circle(opacity=1, stroke="black", size=60).encode(
        x=x_axis,
        y=y_axis,
        color=color,
        strokeWidth=alt.condition("datum.highlight", alt.value(2.5), alt.value(0)),
        tooltip=tooltip,
    )
    names = base.mark_text(dy=15, fontSize=11, color="#333333").encode(x=x_axis, y=y_axis, text="label:N")
    return alt.LayerChart(layer=[links, dots, names]).properties(
        width=width, height=tree_height(frame), title=tree_title(network, frame)
    )


def level_frame(network: Network) -> pd.DataFrame:
    """The table :func:`members_per_level` draws: members per level and their share of all."""
    check_network(network)
    table = pd.DataFrame(network.members_per_level()).rename(columns={"members_at_level": "members"})
    table["share_of_all"] = table["members"] / network.size
    return table


def members_per_level(network: Network, *, log_scale: bool = False) -> alt.LayerChart:
    """Bar chart: how many members sit at each level.

    Parameters
    ----------
    network : mlmkit.network.Network
        The tree.
    log_scale : bool
        Use a logarithmic axis, so small top levels stay visible next to big bottom ones.

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> spec = members_per_level(full_tree(6, 3), log_scale=True).to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["scale"]
    {'constant': 1, 'type': 'symlog'}
    """
    check_network(network)
    log_scale = check_bool("log_scale", log_scale)
    table = level_frame(network)
    if log_scale:
        # A plain log scale cannot draw bars (they start at zero, which has no logarithm),
        # so the chart came out empty. A symmetric-log scale is logarithmic for big counts
        # and still reaches zero; the ticks are powers of ten.
        top = max(1, int(table["members"].max()))
        ticks = [0] + [10**power for power in range(len(str(top)))]
        scale = alt.Scale(type="symlog", constant=1)
        axis = alt.Axis(values=ticks, labelExpr="format(datum.value, ',')")
    else:
        scale, axis = alt.Scale(), alt.Axis()
    bars = (
        alt.Chart(table)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("level:O", title="level (0 = founder)", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("members:Q", title="members" + (" (log scale)" if log_scale else ""), scale=scale, axis=axis),
            tooltip=[
                "level:O",
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("share_of_all:Q", title="share of all members", format=".1%"),
            ],
        )
    )
    labels = bars.mark_text(dy=-6, fontSize=11).encode(text=alt.Text("members:Q", format=","))
    return alt.LayerChart(layer=[bars, labels]).properties(
        width=360, height=220, title="Members per level"
    )


def commission_flow(breakdown: pd.DataFrame, *, sale_usd: float | None = None) -> alt.Chart:
    """Bar chart of one sale split between the seller, their upline and the company.

    Parameters
    ----------
    breakdown : pandas.DataFrame
        The table from :func:`mlmkit.plans.flow.sale_breakdown`.
    sale_usd : float, optional
        The sale, for the title (defaults to the sum of the table).

    Examples
    --------
    >>> from mlmkit.network import from_sponsors
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.plans.flow import sale_breakdown
    >>> table = sale_breakdown(UnilevelPlan(0.25, (0.1, 0.05)), from_sponsors([-1, 0, 1]), 2, 100)
    >>> commission_flow(table).to_dict()["encoding"]["y"]["field"]
    'who'
    """
    check_columns("breakdown", breakdown, ("who", "usd", "to_company"), "it must be the table from mlmkit.plans.sale_breakdown")
    sale_usd = None if sale_usd is None else check_non_negative("sale_usd", sale_usd, unit="USD")
    table = flow_frame(breakdown)
    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            y=alt.Y("who:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("usd:Q", title="USD from this sale"),
            color=alt.Color(
                "kind:N",
                title="paid to",
                scale=alt.Scale(domain=["a member", "the company"], range=["#54a24b", "#9d9d9d"]),
            ),
            tooltip=[
                "who:N",
                alt.Tooltip("usd:Q", format=",.2f"),
                alt.Tooltip("share_of_sale:Q", title="share of the sale", format=".1%"),
            ],
        )
        .properties(width=360, title=flow_title(breakdown, sale_usd))
    )


def flow_frame(breakdown: pd.DataFrame) -> pd.DataFrame:
    """The table :func:`commission_flow` draws (the breakdown plus order and kind)."""
    check_columns("breakdown", breakdown, ("to_company",), "it must be the table from mlmkit.plans.sale_breakdown")
    table = breakdown.assign(order=np.arange(len(breakdown)))
    table["kind"] = np.where(table["to_company"], "the company", "a member")
    return table


def flow_title(breakdown: pd.DataFrame, sale_usd: float | None = None) -> str:
    """Title of :func:`commission_flow`."""
    check_columns("breakdown", breakdown, ("usd",), "it must be the table from mlmkit.plans.sale_breakdown")
    sale_usd = None if sale_usd is None else check_non_negative("sale_usd", sale_usd, unit="USD")
    total = float(breakdown["usd"].sum()) if sale_usd is None else sale_usd
    return f"Where a {format_usd(total, cents=True)} sale goes"
