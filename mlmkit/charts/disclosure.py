"""Charts of a published income disclosure: who gets the pay, and who clears their costs.

Every chart is computed from a :class:`mlmkit.disclosure.Disclosure` and stays small
(a fixed grid of points, whatever the number of people counted).

Examples
--------
>>> from mlmkit.disclosure import from_dataset
>>> sunrise = from_dataset("example_disclosure_fictional")
>>> spec = lorenz(sunrise).to_dict()
>>> len(spec["layer"])
3
>>> frame = share_paid_at_least_frame(sunrise, yearly_cost_usd=1200)
>>> sorted(set(frame["measure"]))
['gross pay as disclosed', 'net after the yearly costs']
>>> bool(frame["share"].max() <= 1)
True
"""

from __future__ import annotations

from typing import Any, cast

import altair as alt
import numpy as np
import pandas as pd

from mlmkit._validation import check_bool, check_instance, check_int, check_number, check_text
from mlmkit.disclosure import Disclosure, usd


def _disclosure(value: Any) -> Disclosure:
    return cast(Disclosure, check_instance(
        "disclosure", value, Disclosure, "it must be a Disclosure (see mlmkit.disclosure.from_brackets)"))


def _yearly_cost(value: Any) -> float:
    return check_number("yearly_cost_usd", value, low=0, high=1e9, unit="USD")

__all__ = [
    "lorenz",
    "marker_frame",
    "share_paid_at_least",
    "share_paid_at_least_frame",
    "share_paid_at_least_title",
]

_GROSS, _NET = "#4c78a8", "#e45756"


def lorenz(disclosure: Disclosure, points: int = 201) -> alt.LayerChart:
    """The Lorenz curve with the band every possible spread within brackets stays in."""
    disclosure = _disclosure(disclosure)
    curve = disclosure.lorenz_curve(points=check_int("points", points, low=2, high=100_000))
    base = alt.Chart(curve)
    axis_x = alt.X("share_of_people:Q", title="share of people, lowest paid first",
                   axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1]))
    band = base.mark_area(opacity=0.25, color=_GROSS).encode(
        x=axis_x,
        y=alt.Y("share_of_pay_least_equal:Q", title="share of all pay they received",
                axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y2="share_of_pay_most_equal:Q",
    )
    line = base.mark_line(color=_GROSS, strokeWidth=2.5).encode(
        x=axis_x,
        y="share_of_pay:Q",
        tooltip=[alt.Tooltip("share_of_people:Q", title="lowest-paid share of people", format=".1%"),
                 alt.Tooltip("share_of_pay:Q", title="their share of all pay", format=".1%")],
    )
    equal = alt.Chart(pd.DataFrame({"share_of_people": [0.0, 1.0], "share_of_pay": [0.0, 1.0]}))
    diagonal = equal.mark_line(color="gray", strokeDash=[4, 4]).encode(
        x="share_of_people:Q", y="share_of_pay:Q")
    name = disclosure.company or "the disclosure"
    return cast(alt.LayerChart, alt.layer(band, diagonal, line).properties(
        width=420, height=320,
        title=alt.Title(f"Who gets the pay: {name}",
                        subtitle=["line: even spread within brackets; band: every possible spread",
                                  "dashed: if everyone were paid the same"]),
    ))


#: Line labels (fixed, so a form can swap the data without rebuilding the chart).
GROSS_LABEL = "gross pay as disclosed"
NET_LABEL = "net after the yearly costs"


def share_paid_at_least_frame(
    disclosure: Disclosure, yearly_cost_usd: float = 0.0, points: int = 120
) -> pd.DataFrame:
    """Share of people paid at least each amount, gross and (if costs > 0) net (long table)."""
    disclosure = _disclosure(disclosure)
    yearly_cost_usd = _yearly_cost(yearly_cost_usd)
    points = check_int("points", points, low=2, high=100_000)
    finite = disclosure.high_usd[np.isfinite(disclosure.high_usd)]
    top = max(float(finite.max(initial=0.0)), float(disclosure.low_usd.max()) * 2, 1000.0)
    amounts = np.unique(np.round(np.geomspace(10.0, top, points), 2))
    frame = pd.DataFrame({"yearly_usd": amounts, "share": disclosure.share_at_least_many(amounts),
                          "measure": GROSS_LABEL})
    if yearly_cost_usd > 0:
        net = disclosure.share_at_least_many(amounts + yearly_cost_usd)
        frame = pd.concat([frame, pd.DataFrame({"yearly_usd": amounts, "share": net,
                                                "measure": NET_LABEL})], ignore_index=True)
    return frame.dropna().reset_index(drop=True)


def marker_frame(amount_usd: float | None, marker: str = "the claim") -> pd.DataFrame:
    """The marked amount as a one-row table; with no amount, a hidden row (``shown`` 0).

    A hidden row rather than an empty table, so the chart's scales never see an empty
    layer (Vega warns about an infinite extent).
    """
    marker = check_text("marker", marker)
    if amount_usd is not None:
        amount_usd = check_number("amount_usd", amount_usd, low=None, high=1e12, unit="USD")
    if amount_usd is None or not amount_usd > 0:
        return pd.DataFrame({"yearly_usd": [10.0], "label": [""], "shown": [0.0]})
    return pd.DataFrame({"yearly_usd": [float(amount_usd)],
                         "label": [f"{marker}: {usd(amount_usd)} a year"], "shown": [1.0]})


def share_paid_at_least_title(disclosure: Disclosure, yearly_cost_usd: float) -> dict[str, Any]:
    """The chart's title (it names the costs)."""
    disclosure = _disclosure(disclosure)
    yearly_cost_usd = _yearly_cost(yearly_cost_usd)
    name = disclosure.company or "the disclosure"
    subtitle = "gross pay as disclosed" + (
        f", and what is left after {usd(yearly_cost_usd)} of yearly costs" if yearly_cost_usd > 0
        else " (before any costs)")
    return {"text": f"How many were paid at least this much: {name}", "subtitle": subtitle}


def share_paid_at_least(
    disclosure: Disclosure,
    yearly_cost_usd: float = 0.0,
    claim_yearly_usd: float | None = None,
    *,
    marker: str = "the claim",
    net_in_legend: bool | None = None,
) -> alt.LayerChart:
    """How many people were paid at least each yearly amount, before and after costs.

    A dashed rule marks an amount (a recruiter's claim as yearly pay, or your year-one
    cost) when one is given; ``marker`` labels it. Layers: lines, rule, label. The
    legend lists the net line when there are costs (or when ``net_in_legend`` says so,
    for a form whose costs may change).
    """
    frame = share_paid_at_least_frame(disclosure, yearly_cost_usd)
    if net_in_legend is not None:
        net_in_legend = check_bool("net_in_legend", net_in_legend)
    marker_frame(claim_yearly_usd, marker)  # checks the claim and its label before any chart is built
    with_net = yearly_cost_usd > 0 if net_in_legend is None else net_in_legend
    lines = alt.Chart(frame).mark_line(strokeWidth=2.5).encode(
        x=alt.X("yearly_usd:Q", title="yearly amount (USD, log scale)",
                scale=alt.Scale(type="log", nice=False),
                axis=alt.Axis(format=",.0f", values=[10, 100, 1_000, 10_000, 100_000, 1_000_000])),
        y=alt.Y("share:Q", title="share of people with at least this", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("measure:N", title=None,
                        scale=alt.Scale(domain=[GROSS_LABEL, NET_LABEL][:2 if with_net else 1],
                                        range=[_GROSS, _NET][:2 if with_net else 1]),
                        legend=alt.Legend(orient="top", labelLimit=400)),
        tooltip=[alt.Tooltip("measure:N", title="measure"),
                 alt.Tooltip("yearly_usd:Q", title="at least (USD a year)", format=",.0f"),
                 alt.Tooltip("share:Q", title="share of people", format=".1%")],
    )
    marked = marker_frame(claim_yearly_usd, marker)
    shown = alt.Opacity("shown:Q", scale=None, legend=None)
    rule = alt.Chart(marked).mark_rule(color="black", strokeDash=[6, 3], strokeWidth=1.5).encode(
        x="yearly_usd:Q", opacity=shown, tooltip=["label:N"])
    text = alt.Chart(marked).mark_text(align="left", dx=4, dy=-6, fontSize=12).encode(
        x="yearly_usd:Q", y=alt.value(12), text="label:N", opacity=shown)
    layers = [lines, rule, text] if claim_yearly_usd is not None else [lines]
    return cast(alt.LayerChart, alt.layer(*layers).properties(
        width=460, height=300, title=share_paid_at_least_title(disclosure, yearly_cost_usd)))
