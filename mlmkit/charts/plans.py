"""Charts comparing pay plans on the same network and sales.

Each function takes one :class:`~mlmkit.plans.PayoutResult`, a list of them, or a dict
``{label: result}``, aggregates in pandas (a few rows per plan, never one per member) and
returns an Altair chart without displaying it.

Examples
--------
>>> from mlmkit.network import full_tree
>>> from mlmkit.plans import MatrixPlan, UnilevelPlan, payouts
>>> net = full_tree(recruits_each=3, depth=3)
>>> results = [payouts(UnilevelPlan(), net, 100), payouts(MatrixPlan(width=2), net, 100)]
>>> chart = pay_by_level(results)
>>> chart.to_dict()["mark"]["type"], len(level_frame(results))
('bar', 8)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from mlmkit._compat import warn_renamed
from mlmkit._validation import check_choice, check_instance, fail
from mlmkit.plans.result import PayoutResult

__all__ = [
    "PAY_BANDS_USD",
    "band_frame",
    "level_frame",
    "money_frame",
    "pay_by_level",
    "pay_by_rank",
    "pay_distribution",
    "rank_frame",
    "where_the_money_goes",
    "withheld_by_reason",
]

#: Upper edges of the pay bands in :func:`pay_distribution` (USD in the period).
PAY_BANDS_USD = (0.005, 10, 50, 100, 500, 1_000, 5_000)
BAND_LABELS = ("USD 0", "under USD 10", "USD 10-50", "USD 50-100", "USD 100-500", "USD 500-1,000",
               "USD 1,000-5,000", "USD 5,000+")
MONEY_ITEMS = (
    "paid: from outside customers",
    "paid: from participants' own purchases",
    "breakage (pool not paid out)",
    "company margin outside the pay pool",
)


def _labelled(results: Any) -> list[tuple[str, PayoutResult]]:
    if isinstance(results, PayoutResult):
        return [(results.plan_name, results)]
    if isinstance(results, Mapping):
        pairs = [(str(label), result) for label, result in results.items()]
    elif isinstance(results, Iterable) and not isinstance(results, str | bytes):
        pairs = [(result.plan_name, result) for result in results if isinstance(result, PayoutResult)]
        if len(pairs) != len(list(results)):
            pairs = []
    else:
        pairs = []
    if not pairs or not all(isinstance(result, PayoutResult) for _, result in pairs):
        raise fail("results", results, "it must be a PayoutResult, a list of them or a dict of them")
    return pairs


def level_frame(results: Any) -> pd.DataFrame:
    """Members, total pay and average pay per sponsor level, for each plan (tidy)."""
    frames = []
    for label, result in _labelled(results):
        table = result.members.groupby("level", observed=True).agg(
            members=("total_paid_usd", "size"), total_paid_usd=("total_paid_usd", "sum")
        )
        table["average_pay_usd"] = table["total_paid_usd"] / table["members"]
        frames.append(table.reset_index().assign(plan=label))
    return pd.concat(frames, ignore_index=True)


def pay_by_level(results: Any, *, measure: str = "average_pay_usd") -> alt.Chart:
    """Side-by-side bars: pay per member at each level of the sponsor tree, one colour per plan.

    Parameters
    ----------
    results : PayoutResult, list or dict of PayoutResult
        The plans to compare (same network and sales).
    measure : {"average_pay_usd", "total_paid_usd"}
        Average pay of a member at that level, or all pay at that level.
    """
    if isinstance(measure, str) and measure == "total_pay_usd":
        warn_renamed("measure='total_pay_usd'", "measure='total_paid_usd'")
        measure = "total_paid_usd"
    measure = check_choice("measure", measure, ("average_pay_usd", "total_paid_usd"))
    data = level_frame(results)
    title = "Average pay of a member, by level" if measure == "average_pay_usd" else "All pay, by level"
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("level:O", title="Level below the founder (0 = founder)"),
            xOffset=alt.XOffset("plan:N"),
            y=alt.Y(f"{measure}:Q", title="USD in the period"),
            color=alt.Color("plan:N", title="Plan"),
            tooltip=[
                alt.Tooltip("plan:N"),
                alt.Tooltip("level:O"),
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("average_pay_usd:Q", format=",.2f", title="average pay (USD)"),
                alt.Tooltip("total_paid_usd:Q", format=",.0f", title="all pay (USD)"),
            ],
        )
        .properties(width=420, height=260, title=title)
    )


def band_frame(results: Any) -> pd.DataFrame:
    """Share of members in each pay band, for each plan (tidy)."""
    edges = [-np.inf, *PAY_BANDS_USD, np.inf]
    frames = []
    for label, result in _labelled(results):
        pay = result.members["total_paid_usd"].to_numpy()
        counts = np.histogram(pay, bins=edges)[0]
        frames.append(
            pd.DataFrame(
                {
                    "band": list(BAND_LABELS),
                    "band_order": np.arange(len(BAND_LABELS)),
                    "members": counts,
                    "share_of_members": counts / max(len(pay), 1),
                    "plan": label,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def pay_distribution(results: Any) -> alt.Chart:
    """Side-by-side bars: share of members in each pay band (from USD 0 up), one colour per plan."""
    data = band_frame(results)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("band:N", sort=list(BAND_LABELS), title="Pay in the period"),
            xOffset=alt.XOffset("plan:N"),
            y=alt.Y("share_of_members:Q", axis=alt.Axis(format="%"), title="Share of members"),
            color=alt.Color("plan:N", title="Plan"),
            tooltip=[
                alt.Tooltip("plan:N"),
                alt.Tooltip("band:N"),
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("share_of_members:Q", format=".1%"),
            ],
        )
        .properties(width=420, height=260, title="How many members are paid how much")
    )


def money_frame(results: Any) -> pd.DataFrame:
    """Where each plan's revenue goes, as shares of revenue (tidy; four items per plan).

    Examples
    --------
    >>> from mlmkit.network import full_tree
    >>> from mlmkit.plans import UnilevelPlan, payouts
    >>> frame = money_frame(payouts(UnilevelPlan(), full_tree(2, 2), 100, 100))
    >>> frame["share_of_revenue"].round(4).tolist()
    [0.0571, 0.0571, 0.0857, 0.8]
    """
    rows = []
    for label, result in _labelled(results):
        from_retail = float(result.members["paid_from_retail_usd"].sum())
        amounts = (
            from_retail,
            result.paid_usd - from_retail,
            result.breakage_usd,
            result.revenue_usd - result.pool_usd,
        )
        for order, (item, usd) in enumerate(zip(MONEY_ITEMS, amounts, strict=True)):
            share = usd / result.revenue_usd if result.revenue_usd else 0.0
            rows.append({"plan": label, "item": item, "item_order": order, "usd": usd, "share_of_revenue": share})
    return pd.DataFrame(rows)


def where_the_money_goes(results: Any) -> alt.Chart:
    """One stacked bar per plan: each revenue dollar paid (from outside customers or from
    participants' own purchases), left as breakage, or kept outside the pay pool."""
    data = money_frame(results)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("plan:N", title=None),
            x=alt.X("share_of_revenue:Q", axis=alt.Axis(format="%"), title="Share of revenue", stack="zero"),
            color=alt.Color(
                "item:N",
                sort=list(MONEY_ITEMS),
                title=None,
                scale=alt.Scale(domain=list(MONEY_ITEMS), range=["#2a9d8f", "#e76f51", "#8d99ae", "#d9d9d9"]),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=0),
            ),
            order=alt.Order("item_order:Q"),
            tooltip=[
                alt.Tooltip("plan:N"),
                alt.Tooltip("item:N"),
                alt.Tooltip("usd:Q", format=",.0f", title="USD"),
                alt.Tooltip("share_of_revenue:Q", format=".1%"),
            ],
        )
        .properties(width=420, title="Where each dollar of revenue goes")
    )


def rank_frame(result: PayoutResult) -> pd.DataFrame:
    """Members and pay per rank of a stair-step result."""
    check_instance("result", result, PayoutResult, "it must be a PayoutResult from mlmkit.plans.payouts")
    members = result.members
    if "rank" not in members.columns:
        raise fail("result", result.plan_name, "pay by rank needs a stair-step result (with a 'rank' column)")
    table = members.groupby("rank", observed=False).agg(
        members=("total_paid_usd", "size"), total_paid_usd=("total_paid_usd", "sum")
    )
    table["average_pay_usd"] = np.where(table["members"] > 0, table["total_paid_usd"] / table["members"].clip(lower=1), 0.0)
    table = table.reset_index()
    table["rank"] = table["rank"].astype(str)
    table["rank_order"] = np.arange(len(table))
    return table


def pay_by_rank(result: PayoutResult) -> alt.LayerChart:
    """Bars: average pay per member of each rank in a stair-step plan, with member counts."""
    check_instance("result", result, PayoutResult, "it must be a PayoutResult from mlmkit.plans.payouts")
    data = rank_frame(result)
    order = data["rank"].tolist()
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("rank:N", sort=order, title="Rank (lowest first)"),
            y=alt.Y("average_pay_usd:Q", title="Average pay (USD)"),
            tooltip=[
                alt.Tooltip("rank:N"),
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("average_pay_usd:Q", format=",.2f"),
            ],
        )
    )
    labels = bars.mark_text(dy=-6).encode(text=alt.Text("members:Q", format=","))
    return alt.LayerChart(layer=[bars, labels]).properties(
        width=360, height=240, title=alt.Title("Pay by rank", subtitle="number above each bar: members at that rank")
    )


def withheld_by_reason(result: PayoutResult) -> alt.Chart:
    """Bars: what the plan promised but did not pay, by reason (no upline, rules, caps)."""
    check_instance("result", result, PayoutResult, "it must be a PayoutResult from mlmkit.plans.payouts")
    data = result.withheld()
    data = data[data["usd"] > 0.005]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("reason:N", sort="-x", title=None),
            x=alt.X("usd:Q", title="USD not paid"),
            tooltip=[alt.Tooltip("reason:N"), alt.Tooltip("usd:Q", format=",.0f"),
                     alt.Tooltip("share_of_revenue:Q", format=".1%")],
        )
        .properties(width=360, title=f"{result.plan_name}: promised but not paid")
    )
