"""Explorers that run with no kernel: Altair controls over a grid computed in advance.

Each notebook explorer (ipywidgets, needs Python) has a counterpart here for the readers'
site (``make site``): mlmkit computes the outcome for every setting on a small grid
(``*_grid`` functions, tidy DataFrames), and the chart (``*_explorer`` functions) binds
Altair parameters to sliders, dropdowns and checkboxes and filters the grid to the row
the controls pick. Moving a control redraws the chart in the browser alone; nothing is
computed there except the filter.

Every grid stays under Altair's 5,000-row limit. Each ``*_grid`` function checks what it is
given before any work, including its size: a grid of more than :data:`MAX_ROWS` rows, more
than :data:`MAX_RUNS` model runs or more than :data:`MAX_OPTIONS` values on one control is
refused at once with an :class:`~mlmkit._validation.MlmkitInputError` naming the setting and
the limit (the site's own grids are far smaller). Each ``*_explorer`` function checks that it
was given the grid its ``*_grid`` function makes.

Examples
--------
>>> grid = downline_grid(recruits_each=(2, 3), depths=(1, 2))
>>> grid[grid["recruits_each"] == 3][["depth", "level", "members"]].values.tolist()
[[1, 0, 1], [1, 1, 3], [2, 0, 1], [2, 1, 3], [2, 2, 9]]
>>> sales = downline_sale_grid({"10, 5, 5": (0.10, 0.05, 0.05), "8, 4": (0.08, 0.04)}, max_level=2)
>>> chart = downline_explorer(grid, sales)
>>> [param.name for param in chart.params]
['recruits_each', 'depth', 'rates', 'seller_level']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from mlmkit._compat import Replaceable, renamed_arguments, warn_renamed
from mlmkit._display import counted, usd_expression
from mlmkit._validation import (
    MAX_USD,
    check_choice,
    check_columns,
    check_instance,
    check_int,
    check_number,
    check_sequence,
    check_text,
    fail,
)
from mlmkit.books import Books, monthly_statement
from mlmkit.charts.plans import money_frame
from mlmkit.economics import net_by_join_month, summarize
from mlmkit.network import Network, full_tree
from mlmkit.plans import PayRules, UnilevelPlan, payouts
from mlmkit.plans.flow import sale_breakdown
from mlmkit.scorecard import score
from mlmkit.simulate import MarketSettings, SimulationResult, simulate_market

__all__ = [
    "Control",
    "books_explorer",
    "books_grid",
    "claim_explorer",
    "claim_grid",
    "downline_explorer",
    "downline_grid",
    "downline_sale_grid",
    "filter_expression",
    "first_year_explorer",
    "first_year_grid",
    "market_explorer",
    "market_frames",
    "market_grid",
    "plan_explorer",
    "plan_grid",
    "scorecard_explorer",
    "scorecard_grid",
]

#: Width of one chart on the site: fits a phone held upright (about 360 CSS pixels).
SITE_WIDTH = 320
#: Most rows one grid may have (Altair refuses more inline).
MAX_ROWS = 5_000
#: Most values one control may offer (one axis of a grid).
MAX_OPTIONS = 200
#: Most model runs (payouts, simulations, scores, claim checks) one grid may make.
MAX_RUNS = 1_000
#: Most members x runs :func:`plan_grid` may pay (about 3 CPU seconds).
MAX_MEMBER_RUNS = 20_000_000
#: Most people x months x runs :func:`market_grid` may simulate.
MAX_PERSON_MONTHS = 200_000_000

_JS_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")


@dataclass(frozen=True)
class Control:
    """One control of a kernel-free explorer, bound to a column of the grid.

    Parameters
    ----------
    name : str
        The parameter's name and the grid column it filters (a valid JavaScript name).
    label : str
        What the reader sees next to the control.
    options : tuple
        The values on the grid (for a checkbox, ``(False, True)``).
    value : Any
        The starting value (one of ``options``).
    kind : {"slider", "select", "radio", "checkbox"}
        The input element. A slider needs evenly spaced numeric options.
    """

    name: str
    label: str
    options: tuple[Any, ...]
    value: Any
    kind: str = "select"

    def __post_init__(self) -> None:
        name = check_text("name", self.name, allow_empty=False, max_length=100)
        if not _JS_NAME.match(name):
            raise fail("name", name, "it must be a JavaScript name: letters, digits and _ only, not starting with a digit")
        check_text("label", self.label, max_length=200)
        kind = check_choice("kind", self.kind, ("slider", "select", "radio", "checkbox"))
        options = check_sequence("options", self.options, min_length=1, max_length=MAX_ROWS,
                                 allowed="it must be a list or tuple of the values on the grid")
        for position, option in enumerate(options):
            _check_option(f"options[{position}]", option, kind)
        if len(set(options)) < len(options):
            raise fail("options", self.options, "each value once")
        object.__setattr__(self, "options", tuple(options))
        value = check_choice(f"{name} value", self.value, options)
        object.__setattr__(self, "value", value)
        if kind == "slider":
            steps = np.diff(np.asarray(self.options, dtype=float))
            if len(steps) == 0 or not np.allclose(steps, steps[0]):
                raise fail(f"{self.name} options", self.options, "evenly spaced numbers for a slider")

    def param(self) -> Any:
        """The Altair parameter, bound to its input element."""
        label = self.label + " "
        bind: Any
        if self.kind == "slider":
            step = float(self.options[1]) - float(self.options[0])
            bind = alt.binding_range(
                min=self.options[0], max=self.options[-1], step=step if step % 1 else int(step), name=label
            )
        elif self.kind == "checkbox":
            bind = alt.binding_checkbox(name=label)
        elif self.kind == "radio":
            bind = alt.binding_radio(options=list(self.options), name=label)
        else:
            bind = alt.binding_select(options=list(self.options), name=label)
        return alt.param(name=self.name, value=self.value, bind=bind)


def _check_option(field: str, option: Any, kind: str) -> None:
    """One value of a control: a text, a finite number or (for a checkbox) True/False."""
    if kind == "checkbox":
        if not isinstance(option, bool | np.bool_):
            raise fail(field, option, "True or False for a checkbox")
    elif kind == "slider" or not isinstance(option, str):
        if isinstance(option, bool | np.bool_) and kind != "slider":
            return
        check_number(field, option)


def _axis(
    field: str, values: Any, *, low: float, high: float, whole: bool = False, max_count: int = MAX_OPTIONS
) -> tuple[Any, ...]:
    """The values one grid axis (one control) takes: distinct numbers in [low, high], at most ``max_count``."""
    items = check_sequence(field, values, min_length=1, max_length=max_count,
                           allowed="it must be a list or tuple of numbers (the control's values)")
    checked = tuple(
        check_int(f"{field}[{i}]", item, low=int(low), high=int(high)) if whole
        else check_number(f"{field}[{i}]", item, low=low, high=high)
        for i, item in enumerate(items)
    )
    if len(set(checked)) < len(checked):
        raise fail(field, values, "each value once")
    return checked


def _switches(field: str, values: Any) -> tuple[bool, ...]:
    """The values of a checkbox axis: True and/or False, each once."""
    items = check_sequence(field, values, min_length=1, max_length=2,
                           allowed="it must be a list or tuple of True and/or False")
    for i, item in enumerate(items):
        if not isinstance(item, bool | np.bool_):
            raise fail(f"{field}[{i}]", item, "True or False")
    checked = tuple(bool(item) for item in items)
    if len(set(checked)) < len(checked):
        raise fail(field, values, "each value once")
    return checked


def _labelled(field: str, mapping: Any, *, max_items: int = MAX_OPTIONS) -> dict[str, Any]:
    """A mapping of non-empty text labels to values, in the order given."""
    if not isinstance(mapping, Mapping) or not 1 <= len(mapping) <= max_items:
        raise fail(field, mapping, f"it must be a dict of 1 to {max_items} labels (text) to values")
    for label in mapping:
        check_text(f"{field} label", label, allow_empty=False, max_length=200)
    return dict(mapping)


def _limit(field: str, value: Any, count: int, limit: int, what: str) -> None:
    """Refuse a request of ``count`` units of work when the limit is ``limit``, before doing it."""
    if count > limit:
        raise fail(field, value, f"this grid would need {count:,} {what}; at most {limit:,} are allowed "
                                 "(use fewer values)")


#: Grid columns renamed so that units come last (old -> new); a grid saved with the old
#: names still draws, with a ``FutureWarning``.
_OLD_GRID_COLUMNS = {"required_usd": "monthly_purchase_usd", "personal_use_usd": "monthly_personal_use_usd"}


def _grid(field: str, grid: Any, columns: Sequence[str], maker: str) -> pd.DataFrame:
    """An explorer's grid: a non-empty DataFrame with ``columns``, at most MAX_ROWS rows."""
    allowed = f"it must be the table {maker} makes"
    if isinstance(grid, pd.DataFrame):
        old = {o: n for o, n in _OLD_GRID_COLUMNS.items() if o in grid.columns and n not in grid.columns and n in columns}
        for old_name, new_name in old.items():
            warn_renamed(f"the grid column {old_name!r}", repr(new_name), stacklevel=4)
        if old:
            grid = grid.rename(columns=old)
    table = check_columns(field, grid, columns, allowed)
    if table.empty:
        raise fail(field, "an empty table", allowed)
    _check_rows(table, field)
    return table


def _options(values: Any) -> tuple[Any, ...]:
    """The distinct values of a grid column, in order, as plain Python values (for JSON)."""
    unique = pd.unique(pd.Series(values))
    items = [value.item() if hasattr(value, "item") else value for value in unique]
    return tuple(sorted(items)) if all(isinstance(v, (int, float)) for v in items) else tuple(items)


def _start(options: tuple[Any, ...], preferred: Any) -> Any:
    """``preferred`` if the grid has it, else the middle option."""
    return preferred if preferred in options else options[len(options) // 2]


def _control(name: str, label: str, values: Any, preferred: Any, kind: str = "select") -> Control:
    options = _options(values)
    return Control(name, label, options, _start(options, preferred), kind)


def filter_expression(controls: Sequence[Control]) -> str:
    """The Vega expression keeping only the grid rows the controls pick.

    Examples
    --------
    >>> filter_expression([Control("depth", "levels deep", (1, 2), 1, "slider")])
    'datum.depth == depth'
    """
    items = check_sequence("controls", controls, max_length=100, allowed="it must be a list of Control")
    for position, control in enumerate(items):
        check_instance(f"controls[{position}]", control, Control, "it must be a Control")
    live = [control for control in items if len(control.options) > 1]
    return " && ".join(f"datum.{control.name} == {control.name}" for control in live) or "true"


def _check_rows(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    if len(frame) > MAX_ROWS:
        raise fail(what, f"{len(frame):,} rows", f"at most {MAX_ROWS:,} rows; use a coarser grid")
    return frame


def _with_params(chart: Any, controls: Sequence[Control]) -> Any:
    """Bind the controls to ``chart`` (a control with one option only is left out)."""
    live = [control for control in controls if len(control.options) > 1]
    return chart.add_params(*(control.param() for control in live)) if live else chart


# ------------------------------------------------------------------ downline (notebook 01)
def downline_grid(recruits_each: Sequence[int] = range(1, 7), depths: Sequence[int] = range(1, 9)) -> pd.DataFrame:
    """Members per level of a full downline, for each number of recruits each and depth.

    Parameters
    ----------
    recruits_each : sequence of int
        How many people every member recruits (the slider's values).
    depths : sequence of int
        Levels below the founder.

    Returns
    -------
    pandas.DataFrame
        ``recruits_each``, ``depth``, ``level``, ``members``, ``share_of_members`` (of the
        whole tree) and ``total_members``.
    """
    recruits_each = _axis("recruits_each", recruits_each, low=1, high=20, whole=True)
    depths = _axis("depths", depths, low=0, high=30, whole=True)
    _limit("depths", depths, len(recruits_each) * sum(depth + 1 for depth in depths), MAX_ROWS, "rows")
    rows = []
    for branching in recruits_each:
        for depth in depths:
            if int(branching) ** int(depth) > 2**62:
                raise fail("recruits each x levels deep", f"{branching} x {depth}", "a level of at most 2**62 members")
            members = np.array([int(branching) ** level for level in range(depth + 1)], dtype=np.int64)
            total = int(members.sum())
            for level, count in enumerate(members):
                rows.append((int(branching), int(depth), level, int(count), count / total, total))
    columns = ["recruits_each", "depth", "level", "members", "share_of_members", "total_members"]
    return _check_rows(pd.DataFrame(rows, columns=columns), "downline grid")


def downline_sale_grid(
    rate_sets: Mapping[str, tuple[float, ...]],
    *,
    personal_rate: float = 0.25,
    sale_usd: float = 100.0,
    max_level: int = 8,
) -> pd.DataFrame:
    """Who one sale pays, for each rate set and each level of the seller (mlmkit's sale breakdown).

    The seller sits ``seller_level`` levels below the founder of a full binary tree (in a
    full tree the path up is the same whoever sells at that level).

    Returns
    -------
    pandas.DataFrame
        ``rates``, ``seller_level``, ``who`` (``"seller"``, ``"1 up"``, ...,
        ``"company keeps"``), ``order`` and ``usd``.
    """
    rate_sets = _labelled("rate_sets", rate_sets, max_items=50)
    max_level = check_int("max_level", max_level, low=0, high=16)
    plans = {}
    for label, rates in rate_sets.items():
        plans[label] = UnilevelPlan(personal_rate=personal_rate, level_rates=rates)
    sale_usd = check_number("sale_usd", sale_usd, low=0.0, high=MAX_USD, unit="USD")
    _limit("max_level", max_level, len(plans) * (max_level + 1) * (max_level + 2), MAX_ROWS, "rows")
    tree = full_tree(2, max_level)
    rows = []
    for label, plan in plans.items():
        for seller_level in range(max_level + 1):
            seller = tree.ids[int(tree.members_at_level(seller_level)[0])]
            breakdown = sale_breakdown(plan, tree, seller, sale_usd)
            to_company = breakdown["to_company"].astype(bool)
            paid = breakdown[~to_company]
            for step, usd in zip(paid["levels_up"].astype(int), paid["usd"], strict=True):
                who = "seller" if step == 0 else f"{step} up"
                rows.append((label, seller_level, who, step, float(usd)))
            rows.append((label, seller_level, "company keeps", 99, float(breakdown.loc[to_company, "usd"].sum())))
    return pd.DataFrame(rows, columns=["rates", "seller_level", "who", "order", "usd"])


def downline_explorer(grid: pd.DataFrame, sales: pd.DataFrame) -> alt.VConcatChart:
    """Sliders for recruits each and depth over members per level; a rate dropdown and a
    seller-level slider over who one sale pays."""
    grid = _grid("grid", grid, ["recruits_each", "depth", "level", "members", "share_of_members",
                                "total_members"], "downline_grid")
    sales = _grid("sales", sales, ["rates", "seller_level", "who", "order", "usd"], "downline_sale_grid")
    controls = [
        _control("recruits_each", "recruits each", grid["recruits_each"], 3, "slider"),
        _control("depth", "levels deep", grid["depth"], 4, "slider"),
    ]
    sale_controls = [
        _control("rates", "rates per level (%)", sales["rates"], sales["rates"].iloc[0]),
        _control("seller_level", "seller's level", sales["seller_level"], 3, "slider"),
    ]
    base = alt.Chart(grid).transform_filter(filter_expression(controls))
    bars = base.mark_bar(color="#4c78a8").encode(
        x=alt.X("level:O", title="level (0 = founder)"),
        y=alt.Y("members:Q", title="members (log scale)", scale=alt.Scale(type="symlog")),
        tooltip=[alt.Tooltip("level:O"), alt.Tooltip("members:Q", format=","),
                 alt.Tooltip("share_of_members:Q", format=".1%", title="share of everyone")],
    )
    bottom = (
        base.transform_filter("datum.level == datum.depth")
        .transform_calculate(text="format(datum.total_members, ',') + "
                             "(datum.total_members == 1 ? ' member; ' : ' members; ') + "
                             "format(datum.share_of_members, '.0%') + ' on the bottom level'")
        .mark_text(align="left", x=5, y=-8, fontSize=12)
        .encode(text="text:N")
    )
    growth = _with_params(alt.layer(bars, bottom), controls).properties(
        width=SITE_WIDTH, height=220, title="How many people each level needs"
    )
    flow = (
        alt.Chart(sales)
        .transform_filter(filter_expression(sale_controls))
        .mark_bar()
        .encode(
            y=alt.Y("who:N", sort=alt.EncodingSortField("order"), title=None),
            x=alt.X("usd:Q", title="USD from one USD 100 sale"),
            color=alt.condition("datum.who == 'company keeps'", alt.value("#bbbbbb"), alt.value("#2a9d8f")),
            tooltip=["who:N", alt.Tooltip("usd:Q", format=",.2f", title="USD")],
        )
        .properties(width=SITE_WIDTH, height=200, title="Who one sale pays")
    )
    return alt.vconcat(growth, _with_params(flow, sale_controls))


# ------------------------------------------------------------------ plans (notebook 02)
def plan_grid(
    network: Network,
    retail_sales_usd: Any,
    own_purchases_usd: Any = 0.0,
    *,
    plans: Mapping[str, Any] | None = None,
    min_personal_volumes_usd: Sequence[float] = (0, 50, 100, 150, 200),
    compression: Sequence[bool] = (True, False),
    pay_only_on_retail: Sequence[bool] = (False, True),
) -> pd.DataFrame:
    """Where the revenue goes for each plan and each setting of the rules.

    Parameters
    ----------
    network, retail_sales_usd, own_purchases_usd
        As for :func:`mlmkit.plans.payouts`.
    plans : dict of label to plan, optional
        Plans to compare (default: the four plan types with their default settings).

    Returns
    -------
    pandas.DataFrame
        ``plan``, ``min_pv``, ``compression``, ``retail_only``, ``item``, ``item_order``,
        ``usd``, ``share_of_revenue``, ``share_paid_nothing``.
    """
    network = check_instance("network", network, Network, "it must be a Network (see mlmkit.network.full_tree)")
    min_personal_volumes_usd = _axis("min_personal_volumes_usd", min_personal_volumes_usd, low=0.0, high=MAX_USD)
    compression = _switches("compression", compression)
    pay_only_on_retail = _switches("pay_only_on_retail", pay_only_on_retail)
    if plans is None:
        from mlmkit.plans import BinaryPlan, MatrixPlan, StairStepPlan

        plans = {
            "unilevel": UnilevelPlan(level_rates=(0.10, 0.05, 0.05, 0.03, 0.03, 0.02, 0.02)),
            "binary": BinaryPlan(pairing_rate=0.10, pairing_cap_usd=1_000),
            "matrix 3x7": MatrixPlan(width=3, level_rates=(0.05,) * 7),
            "stair-step": StairStepPlan(),
        }
    plans = _labelled("plans", plans, max_items=20)
    for label, plan in plans.items():
        if not (isinstance(plan, Replaceable) and hasattr(plan, "rules") and hasattr(plan, "pay")):
            raise fail(f"plans[{label!r}]", plan, "it must be one of mlmkit's plans (UnilevelPlan, BinaryPlan, "
                                                  "MatrixPlan, StairStepPlan): its rules are switched here")
    runs = len(plans) * len(min_personal_volumes_usd) * len(compression) * len(pay_only_on_retail)
    _limit("min_personal_volumes_usd", min_personal_volumes_usd, runs, MAX_RUNS, "payout runs")
    _limit("network", f"a network of {counted(network.size, 'member')}", runs * network.size, MAX_MEMBER_RUNS,
           "member payouts (members x runs)")
    frames = []
    for label, plan in plans.items():
        for min_pv in min_personal_volumes_usd:
            for compress in compression:
                for retail_only in pay_only_on_retail:
                    rules = PayRules(min_personal_volume_usd=float(min_pv), compression=bool(compress),
                                     pay_only_on_retail=bool(retail_only))
                    result = payouts(plan.replace(rules=rules), network, retail_sales_usd, own_purchases_usd)
                    frame = money_frame(result)
                    frame["plan"] = label
                    frame["min_pv"] = int(min_pv)
                    frame["compression"] = bool(compress)
                    frame["retail_only"] = bool(retail_only)
                    frame["share_paid_nothing"] = result.summary()["share_of_members_paid_nothing"]
                    frames.append(frame)
    return _check_rows(pd.concat(frames, ignore_index=True), "plan grid")


def plan_explorer(grid: pd.DataFrame) -> alt.LayerChart:
    """A dropdown for the plan, a slider for the personal-volume requirement and checkboxes
    for compression and pay-only-on-retail, over where each revenue dollar goes."""
    from mlmkit.charts.plans import MONEY_ITEMS

    grid = _grid("grid", grid, ["plan", "min_pv", "compression", "retail_only", "item", "item_order", "usd",
                                "share_of_revenue", "share_paid_nothing"], "plan_grid")
    controls = [
        _control("plan", "plan", grid["plan"], grid["plan"].iloc[0]),
        _control("min_pv", "personal volume to be paid (USD)", grid["min_pv"], 0, "slider"),
        _control("compression", "compression", grid["compression"], True, "checkbox"),
        _control("retail_only", "pay only on retail sales", grid["retail_only"], False, "checkbox"),
    ]
    base = alt.Chart(grid).transform_filter(filter_expression(controls))
    bars = base.mark_bar().encode(
        x=alt.X("item:N", sort=list(MONEY_ITEMS), title=None, axis=alt.Axis(labelAngle=0, labelLimit=90,
                                                                             labelExpr="split(datum.label, ' ')")),
        y=alt.Y("share_of_revenue:Q", axis=alt.Axis(format="%"), title="share of revenue",
                scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("item:N", sort=list(MONEY_ITEMS), legend=None,
                        scale=alt.Scale(domain=list(MONEY_ITEMS), range=["#2a9d8f", "#e76f51", "#8d99ae", "#bbbbbb"])),
        tooltip=["item:N", alt.Tooltip("usd:Q", format=",.0f", title="USD"),
                 alt.Tooltip("share_of_revenue:Q", format=".1%")],
    )
    labels = base.mark_text(dy=-7).encode(
        x=alt.X("item:N", sort=list(MONEY_ITEMS)), y="share_of_revenue:Q",
        text=alt.Text("share_of_revenue:Q", format=".0%"),
    )
    note = (
        base.transform_filter("datum.item_order == 0")
        .transform_calculate(text="format(datum.share_paid_nothing, '.0%') + ' of members are paid nothing'")
        .mark_text(align="left", x=5, y=8, fontSize=12)
        .encode(text="text:N")
    )
    return _with_params(alt.layer(bars, labels, note), controls).properties(
        width=SITE_WIDTH, height=260, title="Where each dollar of revenue goes"
    )


# ------------------------------------------------------------------ market (notebooks 04, 05)
def market_grid(
    plans: Mapping[str, tuple[Any, MarketSettings]],
    market_sizes: Sequence[int],
    *,
    months: int = 36,
    seed: int = 1,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Simulate every plan in every market size (one seed for all).

    Returns
    -------
    (monthly, by_join_month) : tuple of pandas.DataFrame
        ``monthly``: ``plan``, ``market_size``, ``month``, ``active_members``, ``new_members``,
        ``share_lost_money`` (of everyone who joined in the run), ``median_net_usd``.
        ``by_join_month``: ``plan``, ``market_size``, ``join_month``, ``members``,
        ``share_lost_money``, ``median_net_usd``.
    """
    plans = _labelled("plans", plans, max_items=20)
    for label, pair in plans.items():
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], MarketSettings)):
            raise fail(f"plans[{label!r}]", pair, "it must be a pair (plan, MarketSettings)")
    market_sizes = _axis("market_sizes", market_sizes, low=1, high=10**9, whole=True)
    months = check_int("months", months, low=1, high=600)
    runs_count = len(plans) * len(market_sizes)
    _limit("market_sizes", market_sizes, runs_count, MAX_RUNS, "simulations")
    _limit("months", months, runs_count * months, MAX_ROWS, "rows")
    _limit("market_sizes", market_sizes, len(plans) * sum(market_sizes) * months, MAX_PERSON_MONTHS,
           "person-months (people x months x plans)")
    runs = {
        (label, int(size)): simulate_market(plan, settings.replace(market_size=int(size), months=months), seed=seed)
        for label, (plan, settings) in plans.items()
        for size in market_sizes
    }
    return market_frames(runs)


def market_frames(runs: Mapping[tuple[str, int], Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two tables of :func:`market_grid` from runs already made, keyed by (plan, market size).

    Every plan needs a run in every market size: the explorer's two dropdowns can pick any
    pair, and a pair with no run would show an empty chart.

    Examples
    --------
    >>> from mlmkit.simulate import recruitment_fee_plan
    >>> plan, settings = recruitment_fee_plan()
    >>> run = simulate_market(plan, settings.replace(market_size=200, months=3), seed=1)
    >>> market_frames({("a", 200): run, ("b", 400): run})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: runs = '2 runs (plans a, b; market sizes 200, 400)' is not allowed: one run for every plan in every market size (4 runs).
    """
    if not isinstance(runs, Mapping) or not 1 <= len(runs) <= MAX_RUNS:
        raise fail("runs", runs, f"it must be a dict of 1 to {MAX_RUNS:,} (plan label, market size) to SimulationResult")
    for key, run in runs.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise fail("runs key", key, "a pair (plan label, market size)")
        check_text("runs key: plan label", key[0], allow_empty=False, max_length=200)
        check_int("runs key: market size", key[1], low=1)
        check_instance(f"runs[{key!r}]", run, SimulationResult, "it must be a SimulationResult (see simulate_market)")
    _limit("runs", counted(len(runs), "run"), sum(run.settings.months for run in runs.values()), MAX_ROWS, "rows")
    labels = list(dict.fromkeys(label for label, _ in runs))
    sizes = list(dict.fromkeys(int(size) for _, size in runs))
    if len(runs) != len(labels) * len(sizes):
        raise fail("runs", f"{counted(len(runs), 'run')} (plans {', '.join(map(str, labels))}; market sizes "
                   f"{', '.join(map(str, sizes))})", f"one run for every plan in every market size "
                   f"({counted(len(labels) * len(sizes), 'run')})")
    monthly_frames, join_frames = [], []
    for (label, size), run in runs.items():
        summary = summarize(run)
        monthly = run.monthly[["month", "active_members", "new_members"]].copy()
        monthly.insert(0, "market_size", int(size))
        monthly.insert(0, "plan", label)
        monthly["share_lost_money"] = summary.share_lost_money
        monthly["median_net_usd"] = summary.median_net_usd
        monthly_frames.append(monthly)
        joined = net_by_join_month(run)[["join_month", "members", "share_lost_money", "median_net_usd"]].copy()
        joined.insert(0, "market_size", int(size))
        joined.insert(0, "plan", label)
        join_frames.append(joined)
    return (_check_rows(pd.concat(monthly_frames, ignore_index=True), "market grid"),
            _check_rows(pd.concat(join_frames, ignore_index=True), "market grid"))


def market_explorer(monthly: pd.DataFrame, by_join_month: pd.DataFrame) -> alt.VConcatChart:
    """A plan dropdown and a market-size dropdown over members per month and who lost money."""
    monthly = _grid("monthly", monthly, ["plan", "market_size", "month", "active_members", "new_members",
                                         "share_lost_money", "median_net_usd"], "market_grid")
    by_join_month = _grid("by_join_month", by_join_month, ["plan", "market_size", "join_month", "members",
                                                           "share_lost_money", "median_net_usd"], "market_grid")
    controls = [
        _control("plan", "pay plan", monthly["plan"], monthly["plan"].iloc[0]),
        _control("market_size", "market size (people)", monthly["market_size"], None),
    ]
    base = alt.Chart(monthly).transform_filter(filter_expression(controls))
    lines = base.transform_fold(["active_members", "new_members"], as_=["measure", "people"]).mark_line().encode(
        x=alt.X("month:Q", title="month"),
        y=alt.Y("people:Q", title="people"),
        color=alt.Color("measure:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["month:Q", "measure:N", alt.Tooltip("people:Q", format=",")],
    )
    note = (
        base.transform_filter("datum.month == 1")
        .transform_calculate(text="format(datum.share_lost_money, '.0%') + ' of members lost money; median net ' "
                                  "+ " + usd_expression("datum.median_net_usd"))
        .mark_text(align="left", x=5, y=-8, fontSize=12)
        .encode(text="text:N")
    )
    growth = alt.layer(lines, note).properties(width=SITE_WIDTH, height=200, title="Members over time")
    joined = (
        alt.Chart(by_join_month)
        .transform_filter(filter_expression(controls))
        .mark_bar(color="#e76f51")
        .encode(
            x=alt.X("join_month:O", title="month joined", axis=alt.Axis(labelOverlap=True)),
            y=alt.Y("share_lost_money:Q", axis=alt.Axis(format="%"), title="share who lost money",
                    scale=alt.Scale(domain=[0, 1])),
            tooltip=["join_month:O", alt.Tooltip("members:Q", format=","),
                     alt.Tooltip("share_lost_money:Q", format=".0%"),
                     alt.Tooltip("median_net_usd:Q", format=",.0f", title="median net (USD)")],
        )
        .properties(width=SITE_WIDTH, height=160, title="Who lost money, by the month they joined")
    )
    return _with_params(alt.vconcat(growth, joined), controls)


# ------------------------------------------------------------------ scorecard (notebook 03)
def scorecard_grid(profiles: Mapping[str, Any], weights: Sequence[float] = (0, 1, 2, 3)) -> pd.DataFrame:
    """Each profile's overall score for every combination of area weights.

    Returns
    -------
    pandas.DataFrame
        ``company``, ``product_weight``, ``pay_plan_weight``, ``company_weight``,
        ``overall``, ``product``, ``pay_plan``, ``company_area`` (area scores).
    """
    from mlmkit.scorecard import Profile

    profiles = _labelled("profiles", profiles, max_items=50)
    for key, profile in profiles.items():
        check_instance(f"profiles[{key!r}]", profile, Profile, "it must be a Profile (see mlmkit.scorecard)")
    weights = _axis("weights", weights, low=0.0, high=100.0)
    combinations = len(weights) ** 3 - (1 if 0 in weights else 0)
    if combinations < 1:
        raise fail("weights", weights, "at least one weight above 0")
    _limit("weights", weights, len(profiles) * combinations, MAX_RUNS, "scores")
    rows = []
    for key, profile in profiles.items():
        name = getattr(profile, "name", None) or key  # the company's name as printed
        for product in weights:
            for pay_plan in weights:
                for company in weights:
                    if product == pay_plan == company == 0:
                        continue
                    result = score(profile, weights={"product": product, "pay_plan": pay_plan, "company": company})
                    areas = result.area_scores
                    rows.append((name, product, pay_plan, company, result.overall,
                                 areas.get("product"), areas.get("pay_plan"), areas.get("company")))
    columns = ["company", "product_weight", "pay_plan_weight", "company_weight", "overall",
               "product", "pay_plan", "company_area"]
    return _check_rows(pd.DataFrame(rows, columns=columns), "scorecard grid")


def scorecard_explorer(grid: pd.DataFrame) -> alt.LayerChart:
    """Three weight sliders over every example company's overall score; click a bar to pick one."""
    grid = _grid("grid", grid, ["company", "product_weight", "pay_plan_weight", "company_weight", "overall",
                                "product", "pay_plan", "company_area"], "scorecard_grid")
    controls = [
        _control("product_weight", "weight of the product", grid["product_weight"], 1, "slider"),
        _control("pay_plan_weight", "weight of the pay plan", grid["pay_plan_weight"], 1, "slider"),
        _control("company_weight", "weight of the company", grid["company_weight"], 1, "slider"),
    ]
    pick = alt.selection_point(name="pick", fields=["company"], on="click", clear="dblclick")
    base = alt.Chart(grid).transform_filter(filter_expression(controls))
    # One explicit sort for both layers ("-x" sorts the bars by their stacked end and the
    # labels by the value, which Vega warns about as conflicting sorts).
    by_score = alt.EncodingSortField("overall", op="max", order="descending")
    bars = base.mark_bar().encode(
        y=alt.Y("company:N", sort=by_score, title=None, axis=alt.Axis(labelLimit=150)),
        x=alt.X("overall:Q", title="overall score (0-100)", scale=alt.Scale(domain=[0, 100])),
        color=alt.condition(pick, alt.value("#4c78a8"), alt.value("#c6d4e6")),
        tooltip=["company:N", alt.Tooltip("overall:Q", format=".1f"),
                 alt.Tooltip("product:Q", format=".0f"), alt.Tooltip("pay_plan:Q", format=".0f"),
                 alt.Tooltip("company_area:Q", format=".0f", title="company")],
    ).add_params(pick)
    labels = base.mark_text(align="left", dx=3).encode(
        y=alt.Y("company:N", sort=by_score), x="overall:Q", text=alt.Text("overall:Q", format=".0f")
    )
    return _with_params(alt.layer(bars, labels), controls).properties(
        width=SITE_WIDTH - 120, height=200, title="The example companies, scored with your weights"
    )


# ------------------------------------------------------------------ books (notebook 06)
@renamed_arguments(personal_use_usd="monthly_personal_use_usd")
def books_grid(ledger: pd.DataFrame, monthly_personal_use_usd: Sequence[float] = (0, 20, 40, 60, 80, 100)) -> pd.DataFrame:
    """The monthly statement when part of each month's required purchases is counted as
    personal use (bought anyway) and left out of the business's costs.

    Returns
    -------
    pandas.DataFrame
        ``monthly_personal_use_usd``, ``month``, ``income_usd``, ``expenses_usd``, ``net_usd``,
        ``cumulative_net_usd``.
    """
    entries = ledger.entries if isinstance(ledger, Books) else Books.from_entries(
        check_instance("ledger", ledger, pd.DataFrame, "it must be a ledger (see mlmkit.books.make_ledger) or Books")
    ).entries
    if entries.empty:
        raise fail("ledger", "an empty ledger", "a ledger with at least one entry")
    ledger = entries
    monthly_personal_use_usd = _axis("monthly_personal_use_usd", monthly_personal_use_usd, low=0.0, high=MAX_USD)
    months = pd.to_datetime(ledger["date"]).dt.to_period("M")
    month_count = (months.max() - months.min()).n + 1
    _limit("monthly_personal_use_usd", monthly_personal_use_usd, len(monthly_personal_use_usd) * month_count, MAX_ROWS,
           "rows (values x months of the ledger)")
    frames = []
    for amount in monthly_personal_use_usd:
        adjusted = ledger.copy()
        required = adjusted["category"] == "required_purchases"
        month = pd.to_datetime(adjusted["date"]).dt.to_period("M")
        amount_usd = adjusted["amount_usd"].where(required, 0.0).astype(float)
        before = amount_usd.groupby(month).cumsum() - amount_usd  # required purchases earlier that month
        taken = (float(amount) - before).clip(lower=0.0).clip(upper=amount_usd)
        adjusted["amount_usd"] = adjusted["amount_usd"].astype(float) - taken
        adjusted = adjusted[adjusted["amount_usd"] > 0]
        statement = monthly_statement(adjusted)[["month", "income_usd", "expenses_usd", "net_usd",
                                                 "cumulative_net_usd"]].copy()
        statement["month"] = statement["month"].astype(str)
        statement.insert(0, "monthly_personal_use_usd", float(amount))
        frames.append(statement)
    return _check_rows(pd.concat(frames, ignore_index=True), "books grid")


def books_explorer(grid: pd.DataFrame) -> alt.LayerChart:
    """A slider for the part of each autoship counted as personal use, over the running total."""
    grid = _grid("grid", grid, ["monthly_personal_use_usd", "month", "income_usd", "expenses_usd", "net_usd",
                                "cumulative_net_usd"], "books_grid")
    controls = [_control("monthly_personal_use_usd", "personal use per month (USD)", grid["monthly_personal_use_usd"], 0.0, "slider")]
    base = alt.Chart(grid).transform_filter(filter_expression(controls))
    bars = base.mark_bar().encode(
        x=alt.X("month:O", title=None, axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("net_usd:Q", title="USD"),
        color=alt.condition("datum.net_usd >= 0", alt.value("#2a9d8f"), alt.value("#e76f51")),
        tooltip=["month:O", alt.Tooltip("income_usd:Q", format=",.2f"), alt.Tooltip("expenses_usd:Q", format=",.2f"),
                 alt.Tooltip("net_usd:Q", format=",.2f")],
    )
    line = base.mark_line(color="#333333", point=True).encode(
        x="month:O", y="cumulative_net_usd:Q",
        tooltip=["month:O", alt.Tooltip("cumulative_net_usd:Q", format=",.2f", title="running total (USD)")],
    )
    note = (
        base.transform_window(rank="row_number()", sort=[alt.SortField("month", order="descending")])
        .transform_filter("datum.rank == 1")
        .transform_calculate(text="'year: ' + " + usd_expression("datum.cumulative_net_usd", cents=True))
        .mark_text(align="left", x=5, y=8, fontSize=12)
        .encode(text="text:N")
    )
    return _with_params(alt.layer(bars, line, note), controls).properties(
        width=SITE_WIDTH, height=220, title="Net per month (bars) and running total (line)"
    )


# ------------------------------------------------------------------ earnings (notebook 07)
def claim_grid(disclosure: Any, monthly_claims_usd: Sequence[float] = tuple(range(0, 3_001, 50))) -> pd.DataFrame:
    """For each monthly income claim, the share of counted participants the disclosure says
    were paid at least that much in the year (:func:`mlmkit.disclosure.check_claim`).

    Returns
    -------
    pandas.DataFrame
        ``claim_usd`` (a month), ``yearly_usd``, ``share_at_least``.
    """
    from mlmkit.disclosure import Disclosure, check_claim

    check_instance("disclosure", disclosure, Disclosure, "it must be a Disclosure (see mlmkit.disclosure)")
    monthly_claims_usd = _axis("monthly_claims_usd", monthly_claims_usd, low=0.0, high=MAX_USD, max_count=MAX_RUNS)
    rows = []
    for claim in monthly_claims_usd:
        result = check_claim(disclosure, float(claim), per="month")
        rows.append((float(claim), result.yearly_usd, result.share_at_least))
    return _check_rows(pd.DataFrame(rows, columns=["claim_usd", "yearly_usd", "share_at_least"]), "claim grid")


def claim_explorer(grid: pd.DataFrame, company: str = "") -> alt.LayerChart:
    """A slider for a recruiter's monthly income claim over the share of people paid at least that."""
    grid = _grid("grid", grid, ["claim_usd", "yearly_usd", "share_at_least"], "claim_grid")
    company = check_text("company", company, max_length=200)
    controls = [_control("claim_usd", "the claim (USD a month)", grid["claim_usd"], 2_000.0, "slider")]
    base = alt.Chart(grid)
    line = base.mark_line(color="#4c78a8").encode(
        x=alt.X("claim_usd:Q", title="claimed income (USD a month)"),
        y=alt.Y("share_at_least:Q", axis=alt.Axis(format="%"), title="share paid at least this"),
        tooltip=[alt.Tooltip("claim_usd:Q", format=",.0f"), alt.Tooltip("share_at_least:Q", format=".1%")],
    )
    picked = base.transform_filter(filter_expression(controls))
    point = picked.mark_point(size=120, filled=True, color="#e76f51").encode(x="claim_usd:Q", y="share_at_least:Q")
    note = picked.transform_calculate(
        text="format(datum.share_at_least, '.1%') + ' were paid at least ' + format(datum.yearly_usd, ',.0f') "
             "+ ' USD in the year'"
    ).mark_text(align="left", x=5, y=8, fontSize=12).encode(text="text:N")
    title = "Who was paid what the recruiter claims" + (f" ({company})" if company else "")
    return _with_params(alt.layer(line, point, note), controls).properties(width=SITE_WIDTH, height=220, title=title)


@renamed_arguments(required_purchases_usd_per_month="monthly_purchase_usd")
def first_year_grid(
    disclosure: Any,
    costs: Any = None,
    *,
    monthly_purchase_usd: Sequence[float] = tuple(range(0, 301, 25)),
    kits_usd: Sequence[float] = (0.0, 99.0, 499.0),
) -> pd.DataFrame:
    """A recruit's first year (:func:`mlmkit.disclosure.first_year`) for each monthly required
    purchase and starter kit, the other costs as in ``costs``.

    Returns
    -------
    pandas.DataFrame
        ``monthly_purchase_usd``, ``kit_usd``, ``year_one_cost_usd``, ``chance_of_clearing_costs``,
        ``median_net_usd``.
    """
    from dataclasses import replace as with_changes

    from mlmkit.disclosure import Disclosure, YearOneCosts, first_year

    check_instance("disclosure", disclosure, Disclosure, "it must be a Disclosure (see mlmkit.disclosure)")
    base = YearOneCosts() if costs is None else check_instance(
        "costs", costs, YearOneCosts, "it must be YearOneCosts (see mlmkit.disclosure) or None"
    )
    monthly_purchase_usd = _axis("monthly_purchase_usd", monthly_purchase_usd,
                                             low=0.0, high=MAX_USD)
    kits_usd = _axis("kits_usd", kits_usd, low=0.0, high=MAX_USD)
    _limit("monthly_purchase_usd", monthly_purchase_usd,
           len(monthly_purchase_usd) * len(kits_usd), MAX_RUNS, "first-year runs")
    rows = []
    for kit in kits_usd:
        for required in monthly_purchase_usd:
            result = first_year(disclosure, with_changes(base, kit_usd=float(kit),
                                                         monthly_purchase_usd=float(required)))
            rows.append((float(required), float(kit), result.year_one_cost_usd, result.chance_of_clearing_costs,
                         result.median_net_usd))
    columns = ["monthly_purchase_usd", "kit_usd", "year_one_cost_usd", "chance_of_clearing_costs", "median_net_usd"]
    return _check_rows(pd.DataFrame(rows, columns=columns), "first-year grid")


def first_year_explorer(grid: pd.DataFrame) -> alt.LayerChart:
    """A slider for the monthly required purchases and a dropdown for the kit, over the chance
    of clearing the year's costs."""
    grid = _grid("grid", grid, ["monthly_purchase_usd", "kit_usd", "year_one_cost_usd", "chance_of_clearing_costs",
                                "median_net_usd"], "first_year_grid")
    kit = _control("kit_usd", "starter kit (USD)", grid["kit_usd"], 99.0)
    required = _control("monthly_purchase_usd", "required purchases (USD a month)", grid["monthly_purchase_usd"], 100.0, "slider")
    base = alt.Chart(grid).transform_filter(filter_expression([kit]))
    line = base.mark_line(color="#4c78a8").encode(
        x=alt.X("monthly_purchase_usd:Q", title="required purchases (USD a month)"),
        y=alt.Y("chance_of_clearing_costs:Q", axis=alt.Axis(format="%"), title="chance of clearing the costs",
                scale=alt.Scale(domain=[0, 1])),
    )
    picked = base.transform_filter(filter_expression([required]))
    point = picked.mark_point(size=120, filled=True, color="#e76f51").encode(
        x="monthly_purchase_usd:Q", y="chance_of_clearing_costs:Q",
        tooltip=[alt.Tooltip("year_one_cost_usd:Q", format=",.0f", title="year-one cost (USD)"),
                 alt.Tooltip("chance_of_clearing_costs:Q", format=".1%"),
                 alt.Tooltip("median_net_usd:Q", format=",.0f", title="median net (USD)")],
    )
    note = picked.transform_calculate(
        text="'year-one cost ' + " + usd_expression("datum.year_one_cost_usd") + " + '; ' "
             "+ format(datum.chance_of_clearing_costs, '.1%') + ' chance of clearing it'"
    ).mark_text(align="left", x=5, y=8, fontSize=12).encode(text="text:N")
    return _with_params(alt.layer(line, point, note), [kit, required]).properties(
        width=SITE_WIDTH, height=220, title="Your first year against the disclosed pay"
    )
