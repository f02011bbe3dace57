"""The pay-plan explorer: change a plan and its rules, watch who gets paid.

Logic apart from layout: ``controls`` holds the ipywidgets, :meth:`PlanExplorer.update`
recomputes ``result`` through :func:`mlmkit.plans.make_plan` and
:func:`mlmkit.plans.payouts`, and ``view`` is the layout. The network, the volumes and
the binary/matrix placements are fixed when the explorer is built, so a slider only
re-runs the payout (milliseconds for a few thousand members). Charts are redrawn by
swapping new data into specs built once.

Examples
--------
>>> from mlmkit.network import random_tree
>>> explorer = PlanExplorer(random_tree(300, seed=1), retail_sales_usd=20, own_purchases_usd=80)
>>> explorer.controls["plan"].value = "binary"
>>> explorer.result.plan_name
'Binary 5% of weaker leg'
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import ipywidgets as widgets

from mlmkit._display import format_usd
from mlmkit._validation import MlmkitInputError, check_bool, check_number, fail
from mlmkit.charts.plans import (
    band_frame,
    level_frame,
    money_frame,
    pay_by_level,
    pay_distribution,
    where_the_money_goes,
)
from mlmkit.network import Network
from mlmkit.plans import PLAN_KINDS, PayoutResult, PayRules, make_plan, make_volumes, payouts
from mlmkit.plans.rules import (
    AMWAY_MIN_RETAIL_CUSTOMERS,
    AMWAY_MIN_SELL_THROUGH_SHARE,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
)
from mlmkit.widgets._common import LiveChart, show_explorer, with_data

__all__ = ["PlanExplorer", "rules_from_controls"]

THIS_PLAN = "with these rules"
NO_RULES = "same plan, no rules"


def rules_from_controls(values: dict[str, Any]) -> PayRules:
    """The :class:`~mlmkit.plans.PayRules` the explorer's rule controls describe.

    Examples
    --------
    >>> rules_from_controls({"min_personal_volume_usd": 50, "compression": False,
    ...                      "vemma_rule": True, "max_payout_share": 1.0}).min_group_retail_share
    0.5
    """
    if not isinstance(values, Mapping):
        raise fail("values", values, "it must be a dict of control name to value")
    switches = ("compression", "pay_only_on_retail", "vemma_rule", "herbalife_rule", "amway_70_rule",
                "amway_10_customers_rule")
    for name in switches:
        if name in values:
            check_bool(name, values[name])
    cap = check_number("max_payout_share", values.get("max_payout_share", 1.0), low=0.0, high=1.0)
    return PayRules(
        min_personal_volume_usd=check_number("min_personal_volume_usd", values.get("min_personal_volume_usd", 0.0),
                                             low=0.0, unit="USD"),
        compression=bool(values.get("compression", True)),
        pay_only_on_retail=bool(values.get("pay_only_on_retail", False)),
        min_group_retail_share=VEMMA_MIN_NON_PARTICIPANT_SHARE if values.get("vemma_rule") else None,
        min_retail_reward_share=(
            HERBALIFE_MIN_RETAIL_REWARD_SHARE if values.get("herbalife_rule") else None
        ),
        min_sell_through_share=AMWAY_MIN_SELL_THROUGH_SHARE if values.get("amway_70_rule") else None,
        min_retail_customers=AMWAY_MIN_RETAIL_CUSTOMERS if values.get("amway_10_customers_rule") else None,
        max_payout_share=None if cap >= 1.0 else cap,
    )


class PlanExplorer:
    """Explore one plan type and the rules on a fixed network and fixed sales.

    Parameters
    ----------
    network : mlmkit.network.Network
        Who sponsored whom (a few thousand members keeps every slider instant).
    retail_sales_usd, own_purchases_usd : float or array-like
        Each member's sales to outside customers and own purchases in the period.
    retail_customers : array-like of int, optional
        Each member's number of outside customers; when given, the explorer also offers
        the Amway 10-customer rule.

    Attributes
    ----------
    controls : dict of str to ipywidgets.Widget
        ``plan``, ``rate``, ``levels``, ``min_personal_volume_usd``, ``compression``,
        ``pay_only_on_retail``, ``vemma_rule``, ``herbalife_rule``, ``amway_70_rule``,
        ``max_payout_share`` (1.0 = no cap), and ``amway_10_customers_rule`` when customer
        counts were given.
    result : PayoutResult
        The plan under the chosen rules.
    baseline : PayoutResult
        The same plan with no rules, for comparison.
    view : ipywidgets.VBox
        The layout to display.
    """

    def __init__(
        self,
        network: Network,
        retail_sales_usd: Any = 0.0,
        own_purchases_usd: Any = 0.0,
        *,
        retail_customers: Any = None,
    ) -> None:
        self.network = network
        self.volumes = make_volumes(
            network, retail_sales_usd, own_purchases_usd, retail_customers=retail_customers
        )
        # Wide enough that every label and read-out shows in full at the default notebook
        # width (the browser check in tests/test_lab.py measures it).
        style = {"description_width": "230px"}
        layout = widgets.Layout(width="500px")
        wide = widgets.Layout(width="500px")
        self.controls: dict[str, widgets.Widget] = {
            "plan": widgets.Dropdown(
                options=[(label, kind) for kind, label in PLAN_KINDS.items()], value="unilevel",
                description="Plan type", style=style, layout=layout,
            ),
            "rate": widgets.FloatSlider(
                value=0.05, min=0.0, max=0.10, step=0.01, readout_format=".0%",
                description="Rate (level, pairing or override)", style=style, layout=layout,
            ),
            "levels": widgets.IntSlider(
                value=7, min=1, max=10, description="Levels (or generations) paid", style=style, layout=layout,
            ),
            "min_personal_volume_usd": widgets.FloatSlider(
                value=0.0, min=0.0, max=300.0, step=25.0, readout_format=",.0f",
                description="Personal volume to be paid (USD)", style=style, layout=layout,
            ),
            "compression": widgets.Checkbox(value=True, description="Compression (skip the unqualified)", indent=False, layout=wide),
            "pay_only_on_retail": widgets.Checkbox(value=False, description="Pay only on retail sales (Koscot, Vemma)", indent=False, layout=wide),
            "vemma_rule": widgets.Checkbox(value=False, description="Over 50% of group sales to outsiders (Vemma)", indent=False, layout=wide),
            "herbalife_rule": widgets.Checkbox(value=False, description="2/3 of pay from retail (Herbalife)", indent=False, layout=wide),
            "amway_70_rule": widgets.Checkbox(value=False, description="Sell 70% of purchases (Amway)", indent=False, layout=wide),
            "max_payout_share": widgets.FloatSlider(
                value=1.0, min=0.05, max=1.0, step=0.05, readout_format=".0%",
                description="Payout cap (100% = none)", style=style, layout=layout,
            ),
        }
        if self.volumes.retail_customers is not None:
            self.controls["amway_10_customers_rule"] = widgets.Checkbox(
                value=False, description="10 retail customers for a downline bonus (Amway)",
                indent=False, layout=widgets.Layout(width="500px"),
            )
        self.status = widgets.HTML()
        self.result: PayoutResult
        self.baseline: PayoutResult
        self.update()
        self.level_chart = LiveChart(pay_by_level(self._compared()))
        self.money_chart = LiveChart(where_the_money_goes(self._compared()))
        self.band_chart = LiveChart(pay_distribution(self._compared()))
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.view = widgets.VBox(
            [
                widgets.HBox(
                    [
                        widgets.VBox(list(self.controls.values()), layout=widgets.Layout(flex="0 0 auto")),
                        self.status,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.level_chart,
                self.band_chart,
                self.money_chart,
            ]
        )

    def values(self) -> dict[str, Any]:
        """The controls' current values."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self) -> PayoutResult:
        """Recompute ``result`` (and ``baseline``) from the controls.

        A combination the plan does not allow leaves the last good result in place and
        says why in ``status``.
        """
        values = self.values()
        try:
            rules = rules_from_controls(values)
            plan = make_plan(values["plan"], rate=values["rate"], levels=values["levels"], rules=rules)
            bare = make_plan(values["plan"], rate=values["rate"], levels=values["levels"])
            result = payouts(plan, self.network, self.volumes)
            baseline = payouts(bare, self.network, self.volumes)
        except MlmkitInputError as error:
            self.status.value = f"<span style='color:#b00'>{html.escape(str(error))}</span>"
            return self.result
        self.result, self.baseline = result, baseline
        self.status.value = _summary_html(result, baseline)
        return result

    def _compared(self) -> dict[str, PayoutResult]:
        return {THIS_PLAN: self.result, NO_RULES: self.baseline}

    def _on_change(self, change: dict[str, Any]) -> None:
        before = self.result
        result = self.update()
        if result is before:
            return
        compared = self._compared()
        self.level_chart.redraw(with_data(self.level_chart.spec, level_frame(compared)))
        self.money_chart.redraw(with_data(self.money_chart.spec, money_frame(compared)))
        self.band_chart.redraw(with_data(self.band_chart.spec, band_frame(compared)))

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        """Show the live explorer; in a static export, its charts as they are now."""
        compared = self._compared()
        show_explorer(
            self.view,
            "An interactive explorer is here when the notebook runs in JupyterLab. "
            "The charts below show its current settings.",
            pay_by_level(compared),
            pay_distribution(compared),
            where_the_money_goes(compared),
            extra_html=self.status.value,
        )


def _summary_html(result: PayoutResult, baseline: PayoutResult) -> str:
    summary = result.summary()
    rows = [
        ("Plan", html.escape(result.plan_name)),
        ("Paid out", f"{format_usd(summary['total_paid_usd'], cents=False)} ({summary['share_of_revenue_paid_out']:.1%} of revenue)"),
        ("Without the rules", format_usd(baseline.paid_usd, cents=False)),
        ("Breakage (company keeps)", format_usd(summary['breakage_usd'], cents=False)),
        ("Pay funded by outside customers", f"{summary['share_of_pay_from_outside_customers']:.1%}"),
        ("Members paid nothing", f"{summary['share_of_members_paid_nothing']:.1%}"),
        ("Top 1% of members get", f"{summary['top_1pct_share_of_pay']:.1%} of all pay"),
    ]
    body = "".join(f"<tr><td>{name}</td><td><b>{value}</b></td></tr>" for name, value in rows)
    return f"<table style='margin-left:1em'>{body}</table>"
