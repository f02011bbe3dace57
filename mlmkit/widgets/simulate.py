"""The market explorer: switch between two pay plans and market sizes, watch who profits.

Logic apart from layout. The simulations do not change while the reader plays, so
:class:`MarketExplorer` runs each (plan, market size) pair once when it is built (a
few seconds), summarises it (:mod:`mlmkit.economics`) and builds its charts
(:mod:`mlmkit.charts.simulate`) once; a control change then only looks the result up
and swaps in the chart specs, which takes a few milliseconds.
A test sets ``controls[name].value`` and checks ``result``; no browser needed.

Examples
--------
>>> explorer = MarketExplorer(market_sizes=(500, 1_000), seed=1)
>>> explorer.result.run.settings.market_size
500
>>> explorer.controls["market_size"].value = 1_000
>>> explorer.result.run.settings.market_size
1000
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from mlmkit._display import cell_html, counted, format_usd
from mlmkit._validation import check_int, check_sequence, check_text, fail
from mlmkit.charts.simulate import members_over_time, net_by_join_month_chart, net_distribution
from mlmkit.economics import ProfitSummary, legal_indicators, summarize
from mlmkit.simulate import (
    MarketSettings,
    Plan,
    SimulationResult,
    product_sales_plan,
    recruitment_fee_plan,
    simulate_market,
)
from mlmkit.widgets._common import LiveChart, show_explorer

__all__ = ["DEFAULT_PLANS", "MarketExplorer", "MarketExplorerResult"]

#: The two fictional plans of notebook 04, by the label the explorer shows.
DEFAULT_PLANS: dict[str, tuple[Plan, MarketSettings]] = {
    "pays on sales to customers": product_sales_plan(),
    "pays on recruits' fees and purchases": recruitment_fee_plan(),
}

#: Market sizes the explorer offers (all simulated once, up front).
DEFAULT_MARKET_SIZES = (1_000, 3_000, 10_000, 30_000)


@dataclass(frozen=True)
class MarketExplorerResult:
    """What the explorer shows for the current controls."""

    plan_label: str
    run: SimulationResult
    summary: ProfitSummary
    indicators: pd.DataFrame


class MarketExplorer:
    """Controls for the pay plan and the market size, with the outcome for the members.

    Parameters
    ----------
    plans : dict, optional
        Label to ``(plan, MarketSettings)``; defaults to :data:`DEFAULT_PLANS`.
    market_sizes : tuple of int
        Market sizes to offer (each at least the founders; at most 1,000,000 so the
        up-front runs stay quick).
    months : int
        Months to simulate.
    seed : int
        Seed for every run (the same for all, so only the plan or the size changes).
    """

    def __init__(
        self,
        plans: dict[str, tuple[Plan, MarketSettings]] | None = None,
        market_sizes: tuple[int, ...] = DEFAULT_MARKET_SIZES,
        months: int = 36,
        *,
        seed: int = 1,
    ) -> None:
        plans = DEFAULT_PLANS if plans is None else plans
        if not isinstance(plans, dict) or not plans:
            raise fail("plans", plans, "it must be a dict of label to (plan, MarketSettings)")
        for label, pair in plans.items():
            check_text("plans label", label, allow_empty=False, max_length=200)
            if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[1], MarketSettings)):
                raise fail(f"plans[{label!r}]", pair, "it must be a pair (plan, MarketSettings)")
        sizes = tuple(
            check_int(f"market_sizes[{position}]", size, low=1, high=1_000_000)
            for position, size in enumerate(check_sequence(
                "market_sizes", market_sizes, min_length=1, max_length=20,
                allowed="it must be a list or tuple of market sizes (people)"))
        )
        if len(set(sizes)) < len(sizes):
            raise fail("market_sizes", market_sizes, "each market size once")
        months = check_int("months", months, low=1, high=120)
        seed = check_int("seed", seed, low=0)
        self._results: dict[tuple[str, int], MarketExplorerResult] = {}
        self._specs: dict[tuple[str, int], tuple[dict, dict, dict]] = {}
        for label, (plan, settings) in plans.items():
            for size in sizes:
                scenario = settings.replace(market_size=size, months=months)
                run = simulate_market(plan, scenario, seed=seed)
                result = MarketExplorerResult(label, run, summarize(run), legal_indicators(run))
                self._results[(label, size)] = result
                self.chart_specs(result)

        style = {"description_width": "110px"}
        self.controls: dict[str, Any] = {
            "plan": widgets.ToggleButtons(
                options=list(plans), value=next(iter(plans)), description="pay plan",
                style={**style, "button_width": "300px"},
            ),
            "market_size": widgets.SelectionSlider(
                options=[(f"{size:,}", size) for size in sizes], value=sizes[0],
                description="market size", style=style, layout=widgets.Layout(width="420px"),
                continuous_update=False,
            ),
        }
        self.summary = widgets.HTML()
        self.result: MarketExplorerResult | None = None
        self.update()
        assert self.result is not None
        self.growth_chart: LiveChart = LiveChart(alt.Chart(pd.DataFrame()).mark_point())
        self.net_chart: LiveChart = LiveChart(alt.Chart(pd.DataFrame()).mark_point())
        self.join_chart: LiveChart = LiveChart(alt.Chart(pd.DataFrame()).mark_point())
        self._show_charts(self.result)
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.view: Any = widgets.VBox(
            [
                widgets.VBox(list(self.controls.values())),
                widgets.HBox([self.summary, self.growth_chart], layout=widgets.Layout(flex_flow="row wrap")),
                self.net_chart,
                self.join_chart,
            ]
        )

    # -- logic ---------------------------------------------------------------
    def update(self) -> MarketExplorerResult:
        """Look up the (already simulated and summarised) run for the current controls."""
        key = (self.controls["plan"].value, self.controls["market_size"].value)
        self.result = self._results[key]
        self.summary.value = _summary_html(self.result)
        return self.result

    def chart_specs(self, result: MarketExplorerResult) -> tuple[dict, dict, dict]:
        """The three charts for ``result`` as Vega-Lite specs, built once per run."""
        key = (result.plan_label, result.run.settings.market_size)
        if key not in self._specs:
            run = result.run
            self._specs[key] = (
                members_over_time(run, height=180).to_dict(),
                net_distribution(run, width=380, height=180).to_dict(),
                net_by_join_month_chart(run, height=180).to_dict(),
            )
        return self._specs[key]

    # -- wiring --------------------------------------------------------------
    def _show_charts(self, result: MarketExplorerResult) -> None:
        growth, net, join = self.chart_specs(result)
        self.growth_chart.redraw(growth)
        self.net_chart.redraw(net)
        self.join_chart.redraw(join)

    def _on_change(self, change: dict[str, Any]) -> None:
        self._show_charts(self.update())

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        """Show the live explorer; in a static export, its current summary and charts."""
        assert self.result is not None
        run = self.result.run
        show_explorer(
            self.view,
            "An interactive explorer is here when the notebook runs in JupyterLab. "
            "Below: its current settings.",
            members_over_time(run, height=180),
            net_distribution(run, width=380, height=180),
            net_by_join_month_chart(run, height=180),
            extra_html=self.summary.value,
        )


def _summary_html(result: MarketExplorerResult) -> str:
    summary = result.summary
    run = result.run
    last = run.monthly.iloc[-1]
    rows = "".join(
        f"<tr><td>{html.escape(str(row.test))}</td>{cell_html('right', html.escape(str(row.value_text)))}"
        f"<td>{_verdict(row.meets_benchmark)}</td></tr>"
        for row in result.indicators.itertuples()
    )
    return (
        f"<div style='width:360px'><b>{html.escape(result.plan_label)}</b>, "
        f"{counted(run.settings.market_size, 'person', 'people')}<br>"
        f"{summary.members:,} joined; {last['share_approached']:.0%} of the market approached.<br>"
        f"<b>{summary.share_lost_money:.0%}</b> lost money; median net "
        f"<b>{format_usd(summary.median_net_usd, cents=False)}</b>; the top 1% took "
        f"{summary.top_1pct_share_of_profit:.0%} of all profit.<br>"
        f"Pay funded by outside customers: {summary.share_of_pay_from_outside_customers:.0%}."
        f"<table style='font-size:90%'><tr><th>indicator</th><th>value</th><th>benchmark</th></tr>"
        f"{rows}</table><small>Indicators, not verdicts. Education, not legal advice.</small></div>"
    )


def _verdict(meets: Any) -> str:
    if meets is None:
        return "no number in the law"
    return "met" if meets else "<span style='color:#b00'>not met</span>"
