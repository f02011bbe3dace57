"""Charts of a simulated market: growth and saturation, where the pay comes from, who profits.

Every chart takes one :class:`mlmkit.simulate.SimulationResult` or a dict of them
(``{"plan name": result, ...}``) so two plans can be compared in the same picture.
Each chart is built from a small table (``*_frame`` functions) aggregated in pandas,
so it stays far below Altair's 5,000-row limit whatever the size of the market.

Examples
--------
>>> from mlmkit.plans import UnilevelPlan
>>> from mlmkit.simulate import MarketSettings, simulate_market
>>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=2_000, months=12), seed=1)
>>> members_over_time(run).to_dict()["mark"]["type"]
'line'
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from mlmkit._display import format_usd
from mlmkit._validation import check_int, check_pixels, fail
from mlmkit.economics import net_by_join_month, profit_and_loss, running_balance, typical_members
from mlmkit.network import Network, check_network
from mlmkit.simulate import SimulationResult, gastwirth_expected_recruits, market_runs_out

__all__ = [
    "gastwirth_frame",
    "growth_frame",
    "levels_vs_population",
    "market_saturation",
    "members_over_time",
    "net_by_join_month_chart",
    "net_distribution",
    "net_histogram_frame",
    "pay_source_frame",
    "pay_sources",
    "population_frame",
    "recruits_by_join_order",
    "typical_member_balances",
]

_PLAN_TITLE = "plan"


def _runs(results: Any) -> dict[str, SimulationResult]:
    if isinstance(results, SimulationResult):
        return {results.plan_name: results}
    if isinstance(results, dict) and results and all(
        isinstance(value, SimulationResult) for value in results.values()
    ):
        return {str(name): value for name, value in results.items()}
    raise fail("results", type(results).__name__, "it must be a SimulationResult or a dict of name to SimulationResult")


def _plan_color(names: list[str]) -> alt.Color:
    """Colour by plan, with the legend in the order the plans were given (not sorted as text).

    Sorted as text, market sizes read "1,000,000, 10,000, 100,000"; in the order given
    they read as the reader listed them.
    """
    return alt.Color("plan:N", title=_PLAN_TITLE, sort=names, scale=alt.Scale(domain=names))


# ------------------------------------------------------------------ growth
def growth_frame(results: Any) -> pd.DataFrame:
    """Long table of members over time: ``plan``, ``month``, ``measure``, ``people``.

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=500, months=3), seed=1)
    >>> sorted(growth_frame(run)["measure"].unique())
    ['active members', 'new members', 'quit this month']
    """
    frames = []
    for name, run in _runs(results).items():
        monthly = run.monthly.rename(
            columns={"active_members": "active members", "new_members": "new members", "quits": "quit this month"}
        )
        long = monthly.melt(
            id_vars="month", value_vars=["active members", "new members", "quit this month"],
            var_name="measure", value_name="people",
        )
        long.insert(0, "plan", name)
        frames.append(long)
    return pd.concat(frames, ignore_index=True)


def members_over_time(results: Any, *, width: int = 420, height: int = 220) -> alt.Chart:
    """Lines: active members, new members and quits per month, for each plan.

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=500, months=3), seed=1)
    >>> members_over_time({"A": run, "B": run}).to_dict()["encoding"]["strokeDash"]["field"]
    'plan'
    """
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frame = growth_frame(results)
    names = list(_runs(results))
    return (
        alt.Chart(frame)
        .mark_line(point=False)
        .encode(
            x=alt.X("month:Q", title="month"),
            y=alt.Y("people:Q", title="people"),
            color=alt.Color("measure:N", title=None),
            strokeDash=alt.StrokeDash("plan:N", title=_PLAN_TITLE, sort=names, scale=alt.Scale(domain=names)),
            tooltip=["plan:N", "month:Q", "measure:N", alt.Tooltip("people:Q", format=",")],
        )
        .properties(width=width, height=height, title="Members over time")
    )


def market_saturation(results: Any, *, width: int = 420, height: int = 220) -> alt.VConcatChart:
    """Two panels over time: the share of the market already approached, and new members.

    New members peak and then fall as the people not yet approached run out. The lower
    panel shows new members as a share of each market, so a market of 10,000 and one of
    1,000,000 are both readable on the same axis (in head counts the small one lies flat).

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=500, months=3), seed=1)
    >>> len(market_saturation(run).to_dict()["vconcat"])
    2
    """
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frames = []
    runs = _runs(results)
    for name, run in runs.items():
        monthly = run.monthly[["month", "share_approached", "new_members", "never_approached"]].copy()
        monthly["new_members_share_of_market"] = monthly["new_members"] / run.settings.market_size
        monthly.insert(0, "plan", name)
        frames.append(monthly)
    frame = pd.concat(frames, ignore_index=True)
    base = alt.Chart(frame).encode(x=alt.X("month:Q", title="month"), color=_plan_color(list(runs)))
    tooltip = [
        "plan:N",
        "month:Q",
        alt.Tooltip("share_approached:Q", title="share approached", format=".1%"),
        alt.Tooltip("never_approached:Q", title="never approached", format=","),
        alt.Tooltip("new_members:Q", title="new members", format=","),
    ]
    approached = base.mark_line().encode(
        y=alt.Y("share_approached:Q", title="share of market approached", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        tooltip=tooltip,
    ).properties(width=width, height=height // 2 + 30, title="The market runs out of people")
    joined = base.mark_line().encode(
        y=alt.Y("new_members_share_of_market:Q", title="new members (share of market)",
                axis=alt.Axis(format=".1%")),
        tooltip=tooltip,
    ).properties(width=width, height=height // 2 + 30)
    return alt.vconcat(approached, joined)


# ------------------------------------------------------------------- money
def pay_source_frame(results: Any) -> pd.DataFrame:
    """Commissions per month split by who funded them: ``plan``, ``month``, ``source``, ``usd``.

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=500, months=3), seed=1)
    >>> sorted(pay_source_frame(run)["source"].unique())
    ["members' own fees and purchases", 'sales to outside customers']
    """
    frames = []
    for name, run in _runs(results).items():
        monthly = run.monthly
        frame = pd.DataFrame(
            {
                "month": np.concatenate([monthly["month"], monthly["month"]]),
                "source": ["sales to outside customers"] * len(monthly)
                + ["members' own fees and purchases"] * len(monthly),
                "usd": np.concatenate(
                    [
                        monthly["paid_from_retail_usd"],
                        np.maximum(monthly["total_paid_usd"] - monthly["paid_from_retail_usd"], 0.0),
                    ]
                ),
            }
        )
        frame.insert(0, "plan", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def pay_sources(results: Any, *, width: int = 320, height: int = 200) -> alt.FacetChart:
    """Stacked bars per month: commissions funded by outside customers vs by members themselves.

    One panel per plan (the Koscot question: are rewards related to sales to ultimate users?).

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=500, months=3), seed=1)
    >>> pay_sources(run).to_dict()["spec"]["mark"]["type"]
    'bar'
    """
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frame = pay_source_frame(results)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("month:O", title="month", axis=alt.Axis(labelAngle=0, values=list(range(0, 601, 6)))),
            y=alt.Y("usd:Q", title="commissions paid (USD)", stack="zero"),
            color=alt.Color(
                "source:N",
                title="funded by",
                scale=alt.Scale(
                    domain=["sales to outside customers", "members' own fees and purchases"],
                    range=["#54a24b", "#e45756"],
                ),
                legend=alt.Legend(orient="bottom"),  # beside two panels it would pass a notebook's width
            ),
            tooltip=["plan:N", "month:O", "source:N", alt.Tooltip("usd:Q", format=",.0f")],
        )
        .properties(width=width, height=height)
        .facet(column=alt.Column("plan:N", title=None, sort=list(_runs(results))))
        .resolve_scale(y="independent")
        .properties(title="Where the pay comes from")
    )


# --------------------------------------------------------------- net results
def net_histogram_frame(results: Any, *, bins: int = 40) -> pd.DataFrame:
    """Members per band of net result: ``plan``, ``net_from_usd``, ``net_to_usd``, ``members``,
    ``share_of_members``, ``outcome`` (``"lost money"`` / ``"made money"``).

    The bands cover the 1st to 99th percentile of all plans' nets together; the few members
    beyond are counted in the end bands, so the picture stays readable.

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=2_000, months=12), seed=1)
    >>> table = net_histogram_frame(run, bins=10)
    >>> int(table["members"].sum()) == len(run.members)
    True
    """
    bins = check_int("bins", bins, low=1, high=1000)
    bins = check_int("bins", bins, low=2, high=200)
    runs = _runs(results)
    nets = {name: profit_and_loss(run)["net_usd"].to_numpy() for name, run in runs.items()}
    everything = np.concatenate(list(nets.values()))
    low, high = np.percentile(everything, [1, 99])
    if high <= low:
        low, high = low - 1.0, high + 1.0
    edges = np.linspace(low, high, bins + 1)
    frames = []
    for name, net in nets.items():
        counts = np.bincount(np.clip(np.searchsorted(edges, net, side="right") - 1, 0, bins - 1), minlength=bins)
        frames.append(
            pd.DataFrame(
                {
                    "plan": name,
                    "net_from_usd": edges[:-1],
                    "net_to_usd": edges[1:],
                    "members": counts,
                    "share_of_members": counts / max(len(net), 1),
                    "outcome": np.where((edges[:-1] + edges[1:]) / 2 < 0, "lost money", "made money"),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def net_distribution(results: Any, *, bins: int = 40, width: int = 320, height: int = 200) -> alt.FacetChart:
    """Histogram of members' net results (USD), one panel per plan; losses in red.

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=2_000, months=12), seed=1)
    >>> net_distribution(run).to_dict()["spec"]["encoding"]["x"]["field"]
    'net_from_usd'
    """
    bins = check_int("bins", bins, low=1, high=1000)
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frame = net_histogram_frame(results, bins=bins)
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("net_from_usd:Q", bin="binned", title="net result over the run (USD)",
                    axis=alt.Axis(format=",.0f", tickCount=5, labelOverlap="greedy", labelAngle=0,
                                  labelFlush=True)),
            x2="net_to_usd:Q",
            y=alt.Y("share_of_members:Q", title="share of members", axis=alt.Axis(format="%")),
            color=alt.Color(
                "outcome:N", title=None,
                scale=alt.Scale(domain=["lost money", "made money"], range=["#e45756", "#54a24b"]),
            ),
            tooltip=[
                "plan:N",
                alt.Tooltip("net_from_usd:Q", title="from (USD)", format=",.0f"),
                alt.Tooltip("net_to_usd:Q", title="to (USD)", format=",.0f"),
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("share_of_members:Q", title="share", format=".1%"),
            ],
        )
        .properties(width=width, height=height)
        .facet(column=alt.Column("plan:N", title=None, sort=list(_runs(results))))
        .properties(title="What members kept, after their own costs")
    )


def net_by_join_month_chart(results: Any, *, width: int = 420, height: int = 220) -> alt.LayerChart:
    """Median net result by the month members joined, one line per plan, with the zero line.

    The founders (month 0) often net far more than anyone else; drawn to scale, their spike
    flattens every later month onto the zero line. The axis is therefore fitted to the
    months after the first, the founders' point sits at the edge, and a label gives their
    median in full.

    Examples
    --------
    >>> from mlmkit.plans import UnilevelPlan
    >>> from mlmkit.simulate import MarketSettings, simulate_market
    >>> run = simulate_market(UnilevelPlan(), MarketSettings(market_size=2_000, months=12), seed=1)
    >>> spec = net_by_join_month_chart(run).to_dict()
    >>> spec["layer"][0]["encoding"]["y"]["field"]
    'median_net_usd'
    """
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frames = []
    for name, run in _runs(results).items():
        table = net_by_join_month(run)
        table.insert(0, "plan", name)
        frames.append(table)
    frame = pd.concat(frames, ignore_index=True)
    names = list(_runs(results))
    later = frame.loc[frame["join_month"] > 0, "median_net_usd"]
    low, high = (float(min(later.min(), 0.0)), float(max(later.max(), 0.0))) if len(later) else (0.0, 1.0)
    margin = (high - low) * 0.08 or 1.0
    off_scale = frame[(frame["median_net_usd"] > high + margin) | (frame["median_net_usd"] < low - margin)]
    fitted = len(off_scale) > 0
    y_scale = alt.Scale(domain=[low - margin, high + margin], clamp=True, nice=False) if fitted else alt.Scale()
    lines = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("join_month:Q", title="month the member joined"),
            y=alt.Y("median_net_usd:Q", title="median net result (USD)", scale=y_scale,
                    axis=alt.Axis(format=",.0f")),
            color=_plan_color(names),
            tooltip=[
                "plan:N",
                alt.Tooltip("join_month:Q", title="joined in month"),
                alt.Tooltip("members:Q", format=","),
                alt.Tooltip("median_net_usd:Q", title="median net (USD)", format=",.0f"),
                alt.Tooltip("share_lost_money:Q", title="lost money", format=".0%"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="black").encode(y="y:Q")
    layers: list[alt.Chart] = [lines, zero]
    if fitted:
        notes = off_scale.assign(
            note=[
                (f"{plan}: " if len(names) > 1 else "")
                + f"joined in month {month}: median {format_usd(value, cents=False)} (off the scale)"
                for plan, month, value in zip(
                    off_scale["plan"], off_scale["join_month"].astype(int), off_scale["median_net_usd"], strict=True
                )
            ],
        )
        above = (notes["median_net_usd"] > high).to_numpy()
        step = (high - low + 2 * margin) * 0.08
        order = np.where(above, np.cumsum(above) - 1, np.cumsum(~above) - 1)
        notes["edge"] = np.where(above, high + margin - (order + 0.5) * step, low - margin + (order + 0.5) * step)
        layers.append(
            alt.Chart(notes)
            .mark_text(align="left", dx=8, fontSize=11)
            .encode(
                x="join_month:Q",
                y=alt.Y("edge:Q", scale=y_scale),
                text="note:N",
                color=_plan_color(names),
            )
        )
    return alt.LayerChart(layer=layers).properties(
        width=width, height=height, title="Who profits: by the month they joined"
    )


# ------------------------------------------------------------- saturation
def population_frame(
    populations: dict[str, float], recruits_each: int = 6, levels: int | None = None
) -> pd.DataFrame:
    """People needed through each level of a chain where everyone recruits ``recruits_each``.

    Returns ``level``, ``people_at_level``, ``people_through_level``; ``levels`` defaults
    to the level at which the largest population runs out.

    Examples
    --------
    >>> int(population_frame({"world": 8.0e9}, recruits_each=6)["level"].max())
    13
    """
    recruits_each = check_int("recruits_each", recruits_each, low=2)
    runs_out = market_runs_out(populations, recruits_each=(recruits_each,))  # checks the populations
    if levels is None:
        levels = int(runs_out["levels_to_run_out"].max())
    levels = check_int("levels", levels, low=1, high=60)
    b = check_int("recruits_each", recruits_each, low=2)
    level = np.arange(levels + 1)
    at_level = np.power(float(b), level)
    return pd.DataFrame(
        {"level": level, "people_at_level": at_level, "people_through_level": np.cumsum(at_level)}
    )


def levels_vs_population(
    populations: dict[str, float],
    recruits_each: int = 6,
    *,
    width: int = 460,
    height: int = 260,
) -> alt.LayerChart:
    """Bars (log scale): people needed through each level, against lines for each population.

    Examples
    --------
    >>> chart = levels_vs_population({"town": 50_000, "world": 8.0e9}, recruits_each=6)
    >>> chart.to_dict()["layer"][0]["encoding"]["y"]["scale"]["type"]
    'log'
    """
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frame = population_frame(populations, recruits_each)
    frame["bar_base"] = 0.5  # log-scale bars need a start above zero
    places = pd.DataFrame({"place": list(populations), "population": [float(v) for v in populations.values()]})
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("level:O", title=f"level (everyone recruits {recruits_each})", axis=alt.Axis(labelAngle=0)),
            y=alt.Y("people_through_level:Q", title="people needed so far", scale=alt.Scale(type="log")),
            y2="bar_base:Q",
            tooltip=[
                "level:O",
                alt.Tooltip("people_at_level:Q", title="people at this level", format=",.0f"),
                alt.Tooltip("people_through_level:Q", title="people needed so far", format=",.0f"),
            ],
        )
    )
    log_y = alt.Y("population:Q", scale=alt.Scale(type="log"))
    rules = alt.Chart(places).mark_rule(color="#e45756", strokeDash=[4, 3]).encode(
        y=log_y, tooltip=["place:N", alt.Tooltip("population:Q", format=",.0f")]
    )
    labels = alt.Chart(places).mark_text(align="left", dx=4, dy=-6, color="#e45756").encode(
        y=log_y, text="place:N", x=alt.value(0)
    )
    return alt.LayerChart(layer=[bars, rules, labels]).properties(
        width=width, height=height, title="How fast a chain runs out of people"
    )


# ------------------------------------------------------------- Gastwirth
def gastwirth_frame(network: Network, *, groups: int = 50) -> pd.DataFrame:
    """Average recruits by joining order, observed vs Gastwirth's formula.

    Members are split into ``groups`` equal blocks by joining order; each row gives the
    block's ``joined_position`` (share of members who joined before the block's middle),
    ``observed_recruits`` and ``expected_recruits`` (from
    :func:`mlmkit.simulate.gastwirth_expected_recruits`).

    Examples
    --------
    >>> from mlmkit.network import random_tree
    >>> table = gastwirth_frame(random_tree(1_000, seed=1), groups=10)
    >>> len(table), bool(table["expected_recruits"].is_monotonic_decreasing)
    (10, True)
    """
    check_network(network)
    if not isinstance(network, Network):
        raise fail("network", type(network).__name__, "it must be an mlmkit.network.Network")
    groups = check_int("groups", groups, low=1, high=min(1_000, network.size))
    block = np.arange(network.size) * groups // network.size
    counts = np.bincount(block, minlength=groups)
    observed = np.bincount(block, weights=network.recruits, minlength=groups) / counts
    expected = np.bincount(
        block, weights=gastwirth_expected_recruits(network.size), minlength=groups
    ) / counts
    middle = (np.cumsum(counts) - counts / 2) / network.size
    return pd.DataFrame(
        {"joined_position": middle, "observed_recruits": observed, "expected_recruits": expected}
    )


def recruits_by_join_order(network: Network, *, groups: int = 50, width: int = 420, height: int = 220) -> alt.LayerChart:
    """Average recruits by joining order (dots) against Gastwirth's ln(N/i) curve (line).

    Examples
    --------
    >>> from mlmkit.network import random_tree
    >>> spec = recruits_by_join_order(random_tree(1_000, seed=1), groups=10).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'circle']
    """
    check_network(network)
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    frame = gastwirth_frame(network, groups=groups)
    base = alt.Chart(frame).encode(
        x=alt.X("joined_position:Q", title="joining order (share of members who joined earlier)",
                axis=alt.Axis(format="%"))
    )
    line = base.mark_line(color="#e45756").encode(
        y=alt.Y("expected_recruits:Q", title="average direct recruits"),
        tooltip=[alt.Tooltip("expected_recruits:Q", title="formula", format=".2f")],
    )
    dots = base.mark_circle(color="#4c78a8", size=40).encode(
        y="observed_recruits:Q",
        tooltip=[
            alt.Tooltip("joined_position:Q", title="joined after", format=".0%"),
            alt.Tooltip("observed_recruits:Q", title="observed", format=".2f"),
            alt.Tooltip("expected_recruits:Q", title="formula", format=".2f"),
        ],
    )
    return alt.LayerChart(layer=[line, dots]).properties(
        width=width, height=height,
        title=alt.Title("Early joiners recruit most", subtitle="dots: simulated; line: Gastwirth (1977)"),
    )


# ------------------------------------------------------- running balances
def typical_member_balances(
    result: SimulationResult, join_months: Any, *, width: int = 420, height: int = 220
) -> alt.LayerChart:
    """Running balance of the typical (median) member who joined in each of ``join_months``.

    Needs a run made with ``track_members=True``.

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan, simulate_market
    >>> plan, settings = recruitment_fee_plan()
    >>> run = simulate_market(plan, settings.replace(market_size=2_000), seed=3, track_members=True)
    >>> typical_member_balances(run, [0, 6]).to_dict()["layer"][0]["encoding"]["y"]["field"]
    'balance_usd'
    """
    width = check_pixels("width", width)
    height = check_pixels("height", height)
    typical = typical_members(result, join_months)
    story = running_balance(result, typical["member_id"].to_numpy())
    story["who"] = "joined in month " + story["join_month"].astype(str)
    lines = (
        alt.Chart(story)
        .mark_line(point=True)
        .encode(
            x=alt.X("month:Q", title="month", scale=alt.Scale(domain=[0, result.settings.months])),
            y=alt.Y("balance_usd:Q", title="gained or lost so far (USD)"),
            color=alt.Color("who:N", title="typical member", sort=alt.EncodingSortField("join_month")),
            tooltip=[
                "who:N",
                "month:Q",
                alt.Tooltip("net_usd:Q", title="this month (USD)", format=",.0f"),
                alt.Tooltip("balance_usd:Q", title="so far (USD)", format=",.0f"),
            ],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="black").encode(y="y:Q")
    return alt.LayerChart(layer=[lines, zero]).properties(
        width=width, height=height,
        title=alt.Title("A typical member's running balance", subtitle="the median member of each joining month"),
    )
