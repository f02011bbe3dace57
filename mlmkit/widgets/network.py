"""The downline explorer: grow a downline, set the plan's rates, follow one sale.

Logic apart from layout: :meth:`DownlineExplorer.update` reads the controls, calls
:mod:`mlmkit.network`, :mod:`mlmkit.plans` and :mod:`mlmkit.charts`, and stores the
outcome in ``result``; ``view`` only arranges the widgets. A test sets
``controls[name].value`` and checks ``result``, no browser needed.

Examples
--------
>>> explorer = DownlineExplorer(recruits_each=2, depth=2)
>>> explorer.result.network.size
7
>>> explorer.controls["recruits_each"].value = 3
>>> explorer.result.network.size
13
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from mlmkit._compat import RenamedKeysDict, renamed_arguments
from mlmkit._display import counted, format_usd
from mlmkit._validation import (
    MlmkitInputError,
    check_int,
    check_number,
    check_probability,
    check_rates,
    fail,
)
from mlmkit.charts.network import (
    commission_flow,
    downline_tree,
    flow_frame,
    flow_title,
    level_frame,
    members_per_level,
    tree_frame,
    tree_height,
    tree_title,
)
from mlmkit.network import Network, full_tree
from mlmkit.plans import UnilevelPlan
from mlmkit.plans.flow import sale_breakdown
from mlmkit.widgets._common import LiveChart, parse_percentages, show_explorer, with_data

__all__ = ["DownlineExplorer", "ExplorerResult"]

#: Largest tree the explorer builds, so every slider answers at once.
MAX_EXPLORER_MEMBERS = 200_000
#: Dots drawn in the explorer's tree (the top levels that fit).
TREE_MEMBERS = 400


@dataclass(frozen=True)
class ExplorerResult:
    """What the explorer shows for the current controls."""

    network: Network
    plan: UnilevelPlan
    seller: int
    sale_usd: float
    breakdown: pd.DataFrame


class DownlineExplorer:
    """Controls for recruits each, depth, rates per level and a sale, redrawing three charts.

    Parameters
    ----------
    recruits_each : int
        Recruits per member. Old name: ``branching`` (warns ``FutureWarning``).
    depth : int
        Number of levels below the founder.
    level_rates : tuple of float
        Commission rate per level above the seller (shares, 0..1).
    personal_rate : float
        The seller's own commission or retail margin (share, 0..1).
    sale_usd : float
        The sale to follow up the sponsor line.
    """

    @renamed_arguments(branching="recruits_each")
    def __init__(
        self,
        recruits_each: int = 3,
        depth: int = 3,
        level_rates: tuple[float, ...] = (0.10, 0.05, 0.05),
        personal_rate: float = 0.25,
        sale_usd: float = 100.0,
    ) -> None:
        # checked here, before a slider silently clamps a value it cannot show
        recruits_each = check_int("recruits_each", recruits_each, low=1, high=8)
        depth = check_int("depth", depth, low=0, high=10)
        if _tree_size(recruits_each, depth) > MAX_EXPLORER_MEMBERS:
            raise fail("depth", depth, f"with {counted(recruits_each, 'recruit')} each, a depth whose tree has "
                                       f"at most {counted(MAX_EXPLORER_MEMBERS, 'member')}")
        level_rates = check_rates("level_rates", level_rates)
        personal_rate = check_probability("personal_rate", personal_rate)
        if personal_rate + sum(level_rates) > 1 + 1e-9:
            raise fail("personal_rate", personal_rate, "at most 1 minus the level rates (the whole sale is 100%)")
        sale_usd = check_number("sale_usd", sale_usd, low=0, high=1_000_000, unit="USD")
        style = {"description_width": "150px"}
        layout = widgets.Layout(width="420px")
        self.controls: dict[str, Any] = RenamedKeysDict({
            "recruits_each": widgets.IntSlider(
                value=recruits_each, min=1, max=8, description="recruits each", style=style, layout=layout
            ),
            "depth": widgets.IntSlider(
                value=depth, min=0, max=10, description="levels deep", style=style, layout=layout
            ),
            "level_rates": widgets.Text(
                value=", ".join(f"{rate * 100:g}" for rate in level_rates),
                description="rates per level (%)",
                style=style,
                layout=layout,
                continuous_update=False,
            ),
            "personal_rate": widgets.FloatSlider(
                value=personal_rate * 100, min=0, max=100, step=1,
                description="seller's own share (%)", style=style, layout=layout,
            ),
            "sale_usd": widgets.BoundedFloatText(
                value=sale_usd, min=0, max=1_000_000, step=10,
                description="sale (USD)", style=style, layout=layout,
            ),
            "seller_level": widgets.IntSlider(
                value=depth, min=0, max=10, description="seller's level", style=style, layout=layout
            ),
        }, {"branching": "recruits_each"})
        self.status = widgets.HTML()
        self.result: ExplorerResult | None = None
        self._limit_sliders()
        self._network_key: tuple[int, int] | None = None
        self._network: Network | None = None
        self.update()
        assert self.result is not None
        self.tree_chart: LiveChart = LiveChart(self._tree(self.result))
        self.level_chart: LiveChart = LiveChart(members_per_level(self.result.network))
        self.flow_chart: LiveChart = LiveChart(commission_flow(self.result.breakdown))
        for name in ("recruits_each", "depth", "level_rates"):
            self.controls[name].observe(lambda change: self._limit_sliders(), names="value")
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.view: Any = widgets.VBox(
            [
                widgets.HBox(
                    [
                        widgets.VBox([*self.controls.values(), self.status]),
                        self.flow_chart,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.tree_chart,
                self.level_chart,
            ]
        )

    # -- logic ---------------------------------------------------------------
    def _limit_sliders(self) -> None:
        """Keep every slider position drawable: depth up to the explorer's size limit, seller within depth.

        Examples
        --------
        >>> explorer = DownlineExplorer(recruits_each=8, depth=2)
        >>> explorer.controls["depth"].max, explorer.controls["seller_level"].max
        (5, 2)
        >>> explorer.controls["personal_rate"].max  # 100% less the 10 + 5 + 5% paid up the line
        80.0
        """
        branching = int(self.controls["recruits_each"].value)
        deepest = 10
        while deepest > 0 and _tree_size(branching, deepest) > MAX_EXPLORER_MEMBERS:
            deepest -= 1
        self.controls["depth"].max = deepest
        self.controls["seller_level"].max = max(1, int(self.controls["depth"].value))
        try:
            upline = sum(parse_percentages(self.controls["level_rates"].value)) * 100
        except MlmkitInputError:
            return  # update() explains the typing error
        if upline <= 100:  # the seller's share and the upline's together stay within the sale
            self.controls["personal_rate"].max = round(100 - upline, 6)

    def _network_for(self, branching: int, depth: int) -> Network:
        if self._network_key != (branching, depth):
            self._network = full_tree(branching, depth)
            self._network_key = (branching, depth)
        assert self._network is not None
        return self._network

    def update(self) -> ExplorerResult | None:
        """Recompute ``result`` from the controls.

        Bad input (rates over 100%, a tree too big to draw at once) leaves the last good
        result in place and explains the problem in ``status``.
        """
        values = {name: control.value for name, control in self.controls.items()}
        try:
            branching, depth = int(values["recruits_each"]), int(values["depth"])
            size = _tree_size(branching, depth)
            if size > MAX_EXPLORER_MEMBERS:
                raise fail(
                    "recruits each x levels deep",
                    f"{size:,} members",
                    f"the explorer draws at most {MAX_EXPLORER_MEMBERS:,}; use fewer levels "
                    "or mk.network.full_tree directly",
                )
            plan = UnilevelPlan(
                personal_rate=values["personal_rate"] / 100,
                level_rates=parse_percentages(values["level_rates"]),
            )
            network = self._network_for(branching, depth)
            seller_level = min(int(values["seller_level"]), network.depth)
            seller = int(network.members_at_level(seller_level)[0])
            breakdown = sale_breakdown(plan, network, network.ids[seller], float(values["sale_usd"]))
        except MlmkitInputError as error:
            self.status.value = f"<span style='color:#b00'>{html.escape(str(error))}</span>"
            return self.result
        self.result = ExplorerResult(network, plan, seller, float(values["sale_usd"]), breakdown)
        one_member = breakdown["member_id"].notna()
        paid = breakdown.loc[one_member, "usd"].sum()
        self.status.value = (
            f"{counted(network.size, 'member')}. The sale pays {counted(int(one_member.sum()), 'person', 'people')} "
            f"{format_usd(paid, cents=True)} in all."
        )
        return self.result

    def _pay(self, result: ExplorerResult) -> pd.Series:
        pay = pd.Series(0.0, index=range(result.network.size))
        members = result.breakdown[result.breakdown["member_id"].notna()]
        positions = [result.network.position_of(member) for member in members["member_id"]]
        pay[positions] = members["usd"].to_numpy()
        return pay

    def _tree(self, result: ExplorerResult) -> alt.LayerChart:
        return downline_tree(
            result.network, values=self._pay(result).to_numpy(),
            value_title="pay from this sale (USD)", highlight=result.seller, width=520,
            max_members=TREE_MEMBERS,
        )

    # -- wiring --------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        """Redraw by swapping the charts' data into specs built once (no re-validation)."""
        before = self.result
        result = self.update()
        if result is None or result is before:
            return
        self.flow_chart.redraw(with_data(
            self.flow_chart.spec, flow_frame(result.breakdown), title=flow_title(result.breakdown)
        ))
        frame = tree_frame(
            result.network, values=self._pay(result).to_numpy(), highlight=result.seller,
            max_members=TREE_MEMBERS,
        )
        self.tree_chart.redraw(with_data(
            self.tree_chart.spec, frame,
            title=tree_title(result.network, frame).to_dict(), height=tree_height(frame),
        ))
        if before is None or before.network is not result.network:
            self.level_chart.redraw(with_data(self.level_chart.spec, level_frame(result.network)))

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        """Show the live explorer; in a static export, its charts as they are now."""
        assert self.result is not None
        show_explorer(
            self.view,
            "An interactive explorer is here when the notebook runs in JupyterLab. "
            "The charts below show its current settings.",
            commission_flow(self.result.breakdown),
            self._tree(self.result),
            members_per_level(self.result.network),
        )


def _tree_size(branching: int, depth: int) -> int:
    """Members in a full tree with ``branching`` recruits each, ``depth`` levels below the founder."""
    return depth + 1 if branching == 1 else (branching ** (depth + 1) - 1) // (branching - 1)
