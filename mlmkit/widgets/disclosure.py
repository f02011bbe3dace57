"""The income-claim check and the first-year calculator, as notebook forms.

Logic apart from layout. :class:`ClaimCheckModel` and :class:`FirstYearModel` are plain
objects: :meth:`update` takes new values, checks them and recomputes ``result`` through
:mod:`mlmkit.disclosure`; a bad value raises :class:`~mlmkit._validation.MlmkitInputError`
and keeps the last good values and result. :class:`ClaimChecker` and
:class:`FirstYearCalculator` only arrange ipywidgets around a model, show its result and
show any error in the form. Education, not legal or financial advice.

Examples
--------
>>> from mlmkit.disclosure import from_dataset
>>> sunrise = from_dataset("example_disclosure_fictional")
>>> model = ClaimCheckModel(sunrise, claim_usd=2000, per="month")
>>> f"{model.result.share_at_least:.3f}"
'0.008'
>>> model.update(claim_usd=-1)
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: claim_usd = -1 is not allowed: ...
>>> model.claim_usd, f"{model.result.share_at_least:.3f}"
(2000.0, '0.008')
>>> checker = ClaimChecker(sunrise)
>>> checker.controls["claim_usd"].value = 500
>>> checker.model.result.yearly_usd
6000.0
"""

from __future__ import annotations

import html
import math
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from mlmkit._compat import RenamedKeysDict, take_old_names
from mlmkit._display import format_usd
from mlmkit._validation import (
    MlmkitInputError,
    check_choice,
    check_instance,
    check_non_negative,
    fail,
)
from mlmkit.charts.disclosure import (
    marker_frame,
    share_paid_at_least,
    share_paid_at_least_frame,
    share_paid_at_least_title,
)
from mlmkit.disclosure import (
    PERIODS_PER_YEAR,
    ClaimCheck,
    Disclosure,
    FirstYear,
    YearOneCosts,
    check_claim,
    first_year,
)
from mlmkit.widgets._common import show_explorer

__all__ = [
    "COST_LIMITS_USD",
    "ClaimCheckModel",
    "ClaimChecker",
    "FirstYearCalculator",
    "FirstYearModel",
    "swap_layer_data",
]


class ClaimCheckModel:
    """Where a recruiter's income claim sits in a disclosure (no widgets).

    Parameters
    ----------
    disclosure : Disclosure
        The company's published brackets.
    claim_usd : float
        The amount the recruiter said.
    per : {"month", "year", "week"}
        The period of the claim.
    yearly_cost_usd : float
        Typical yearly costs of taking part.
    """

    def __init__(self, disclosure: Disclosure, claim_usd: float = 2000.0, per: str = "month",
                 yearly_cost_usd: float = 0.0) -> None:
        if not isinstance(disclosure, Disclosure):
            raise fail("disclosure", disclosure, "build one with mlmkit.disclosure.from_brackets")
        self.disclosure = disclosure
        self.claim_usd = 0.0
        self.per = "month"
        self.yearly_cost_usd = 0.0
        self.result: ClaimCheck
        self.update(claim_usd=claim_usd, per=per, yearly_cost_usd=yearly_cost_usd)

    def update(self, **changes: Any) -> ClaimCheck:
        """Set ``claim_usd``, ``per`` and/or ``yearly_cost_usd`` and recompute ``result``."""
        unknown = set(changes) - {"claim_usd", "per", "yearly_cost_usd"}
        if unknown:
            raise fail("update", sorted(unknown), "use claim_usd, per or yearly_cost_usd")
        claim = check_non_negative("claim_usd", changes.get("claim_usd", self.claim_usd), unit="USD")
        per = check_choice("per", changes.get("per", self.per), PERIODS_PER_YEAR)
        cost = check_non_negative("yearly_cost_usd",
                                  changes.get("yearly_cost_usd", self.yearly_cost_usd),
                                  unit="USD per year")
        result = check_claim(self.disclosure, claim, per=per, yearly_cost_usd=cost)
        self.claim_usd, self.per, self.yearly_cost_usd, self.result = claim, per, cost, result
        return result

    def chart(self) -> alt.LayerChart:
        """Share of people paid at least each amount, gross and net, with the claim marked."""
        return share_paid_at_least(self.disclosure, self.yearly_cost_usd, self.result.yearly_usd,
                                   net_in_legend=True)

    def chart_data(self) -> tuple[Any, Any, dict[str, Any]]:
        """What :meth:`chart` draws: the lines, the marked amount and the title."""
        return (share_paid_at_least_frame(self.disclosure, self.yearly_cost_usd),
                marker_frame(self.result.yearly_usd, "the claim"),
                share_paid_at_least_title(self.disclosure, self.yearly_cost_usd))


#: The project's own limits for the first-year calculator's cost boxes (USD; not a rule of
#: law and not a fact about any company): generous for a real recruit's first year, so a
#: typing slip (an extra zero or three) is caught instead of drawn. For scale: the
#: costliest package in the court records the suite cites is about USD 2,000 (Koscot's
#: supervisors; BurnLounge's VIP package was USD 429.95 a year) and Vemma's recruits were
#: asked for about USD 150 a month. A higher amount is set to the limit with a message.
COST_LIMITS_USD = {
    "kit_usd": 10_000.0,  # starter kit or package, once
    "monthly_purchase_usd": 3_000.0,  # required purchases (autoship), a month
    "yearly_renewal_usd": 2_000.0,  # renewal fee, a year
    "yearly_events_usd": 20_000.0,  # events and training, a year
    "monthly_samples_usd": 2_000.0,  # samples and catalogues, a month
    "monthly_phone_usd": 500.0,  # phone and internet, a month
    "monthly_travel_usd": 5_000.0,  # travel, a month
    "yearly_other_costs_usd": 20_000.0,  # other costs, a year
}
#: Hours in a week: the hours box cannot go above it.
HOURS_PER_WEEK_LIMIT = 168.0


def _limit_text(name: str) -> str:
    """A cost box's limit in words: ``USD 3,000 a month``."""
    period = " a month" if "month" in name else " a year" if "year" in name else ""
    return format_usd(COST_LIMITS_USD[name]) + period


class FirstYearModel:
    """A recruit's first year against a disclosure (no widgets).

    ``update`` takes any :class:`~mlmkit.disclosure.YearOneCosts` field and
    ``hours_per_week``. Each cost must be at most its entry in :data:`COST_LIMITS_USD`
    (the project's own limits: a form for a real first year, not any amount at all).

    Examples
    --------
    >>> from mlmkit.disclosure import from_dataset
    >>> model = FirstYearModel(from_dataset("example_disclosure_fictional"),
    ...                        YearOneCosts(kit_usd=99), hours_per_week=5)
    >>> model.update(monthly_purchase_usd=100).year_one_cost_usd
    1299.0
    >>> model.update(hours_per_week=500)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: hours_per_week = 500.0 is not allowed: ...hours...
    >>> model.hours_per_week, model.result.year_one_cost_usd
    (5.0, 1299.0)
    >>> model.update(yearly_events_usd=1e9)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: yearly_events_usd = 1000000000.0 is not allowed: it must be at most USD 20,000 a year (the project's own limit for this box).
    """

    def __init__(self, disclosure: Disclosure, costs: YearOneCosts | None = None,
                 hours_per_week: float = 5.0) -> None:
        if not isinstance(disclosure, Disclosure):
            raise fail("disclosure", disclosure, "build one with mlmkit.disclosure.from_brackets")
        if costs is not None and not isinstance(costs, YearOneCosts):
            raise fail("costs", costs, "it must be YearOneCosts (see mlmkit.disclosure) or None")
        self.disclosure = disclosure
        self.costs = YearOneCosts()
        self.hours_per_week = 0.0
        self.result: FirstYear
        chosen = costs if costs is not None else YearOneCosts()
        self.update(hours_per_week=hours_per_week,
                    **{name: getattr(chosen, name) for name in YearOneCosts.__dataclass_fields__})

    def update(self, **changes: Any) -> FirstYear:
        """Change costs and/or ``hours_per_week`` and recompute ``result``."""
        cost_fields = set(YearOneCosts.__dataclass_fields__)
        take_old_names(changes, YearOneCosts._old_fields, lambda name: f"the argument {name}=")
        unknown = set(changes) - cost_fields - {"hours_per_week"}
        if unknown:
            raise fail("update", sorted(unknown),
                       f"use hours_per_week or a cost: {', '.join(sorted(cost_fields))}")
        values = {name: getattr(self.costs, name) for name in cost_fields}
        values.update({name: changes[name] for name in cost_fields & set(changes)})
        costs = YearOneCosts(**values)
        for name in cost_fields & set(changes) & set(COST_LIMITS_USD):
            if getattr(costs, name) > COST_LIMITS_USD[name]:
                raise fail(name, getattr(costs, name),
                           f"it must be at most {_limit_text(name)} (the project's own limit for this box)")
        hours = changes.get("hours_per_week", self.hours_per_week)
        result = first_year(self.disclosure, costs, hours_per_week=hours)
        self.costs, self.hours_per_week, self.result = costs, result.hours_per_week, result
        return result

    def chart(self) -> alt.LayerChart:
        """Share of people paid at least each amount, with the year-one cost marked."""
        return share_paid_at_least(self.disclosure, 0.0, self.result.year_one_cost_usd,
                                   marker="your year-one cost")

    def chart_data(self) -> tuple[Any, Any, dict[str, Any]]:
        """What :meth:`chart` draws: the line, the marked cost and the title."""
        return (share_paid_at_least_frame(self.disclosure, 0.0),
                marker_frame(self.result.year_one_cost_usd, "your year-one cost"),
                share_paid_at_least_title(self.disclosure, 0.0))


def _table_html(frame: Any) -> str:
    return frame.to_html(index=False, escape=True, border=0, classes="mlmkit-table")


class _Form:
    """Shared layout pieces: a status line for errors and a result table."""

    model: ClaimCheckModel | FirstYearModel
    controls: dict[str, Any]

    def _build_outputs(self) -> None:
        self.status = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = alt.JupyterChart(self.model.chart())
        for name, control in self.controls.items():
            control.observe(lambda change, name=name: self._changed(name, change["new"]), "value")

    def _changed(self, name: str, value: Any) -> None:
        try:
            self.model.update(**{name: value})
        except MlmkitInputError as error:
            limit = COST_LIMITS_USD.get(name)
            if limit is not None and isinstance(value, int | float) and value > limit:
                self.controls[name].value = limit  # redraws through this method, then says why
                # a notice, not an error: the form did what it says and drew the result
                self.status.value = (f"<span class='mlmkit-notice' style='color:#7a4b00'>Set to "
                                     f"{html.escape(_limit_text(name))}: "
                                     f"{html.escape(format_usd(value))} is above the project's own limit "
                                     "for this box.</span>")
                return
            self.status.value = (f"<span style='color:#b00'>Not updated: "
                                 f"{html.escape(str(error))}</span>")
            return
        self.status.value = ""
        self._show()

    def _show(self) -> None:
        self.table.value = _table_html(self.model.result.to_frame())
        lines, marked, title = self.model.chart_data()
        self.chart.spec = swap_layer_data(self.chart.spec, [lines, marked, marked], title=title)


def _records(frame: Any) -> list[dict[str, Any]]:
    return [{key: (None if isinstance(value, float) and math.isnan(value) else value)
             for key, value in row.items()} for row in frame.to_dict("records")]


def swap_layer_data(spec: dict[str, Any], frames: list[Any], **top_level: Any) -> dict[str, Any]:
    """A copy of a layered chart's spec with layer ``i``'s data replaced by ``frames[i]``.

    Rebuilding an Altair chart takes a few hundred milliseconds; swapping the data
    into a spec validated once takes about one, so the form answers at once.

    Examples
    --------
    >>> import pandas as pd
    >>> spec = {"layer": [{"data": {"name": "a"}}, {"data": {"name": "b"}}],
    ...         "datasets": {"a": [{"x": 1}], "b": [{"y": 2}]}}
    >>> swap_layer_data(spec, [pd.DataFrame({"x": [5]}), pd.DataFrame({"y": []})])["datasets"]
    {'a': [{'x': 5}], 'b': []}
    """
    if not (isinstance(spec, dict) and isinstance(spec.get("layer"), list) and isinstance(spec.get("datasets"), dict)):
        raise fail("spec", spec, "it must be a layered chart's spec (chart.to_dict()) with layer and datasets")
    if not isinstance(frames, list | tuple) or len(frames) != len(spec["layer"]):
        raise fail("frames", frames, f"it must be a list of {len(spec['layer'])} DataFrames, one per layer")
    for position, frame in enumerate(frames):
        check_instance(f"frames[{position}]", frame, pd.DataFrame, "it must be a DataFrame")
    names = [layer.get("data", {}).get("name") if isinstance(layer, dict) else None for layer in spec["layer"]]
    if not all(isinstance(name, str) for name in names):
        raise fail("spec", "a layer without named data", "every layer's data named (a spec built by Altair)")
    datasets = dict(spec["datasets"])
    for layer, frame in zip(spec["layer"], frames, strict=True):
        datasets[layer["data"]["name"]] = _records(frame)
    return {**spec, **top_level, "datasets": datasets}


class ClaimChecker(_Form):
    """A form: type what a recruiter said and see where it sits in the disclosure.

    Controls: ``claim_usd``, ``per`` and ``yearly_cost_usd``.
    """

    def __init__(self, disclosure: Disclosure, claim_usd: float = 2000.0, per: str = "month",
                 yearly_cost_usd: float = 0.0) -> None:
        self.model = ClaimCheckModel(disclosure, claim_usd, per, yearly_cost_usd)
        style = {"description_width": "190px"}
        layout = widgets.Layout(width="360px")
        self.controls = {
            "claim_usd": widgets.BoundedFloatText(value=self.model.claim_usd, min=0, max=1e9,
                                                  step=100, description="the claim (USD)",
                                                  style=style, layout=layout),
            "per": widgets.Dropdown(options=list(PERIODS_PER_YEAR), value=self.model.per,
                                    description="per", style=style, layout=layout),
            "yearly_cost_usd": widgets.BoundedFloatText(
                value=self.model.yearly_cost_usd, min=0, max=1e9, step=100,
                description="your yearly costs (USD)", style=style, layout=layout),
        }
        self._build_outputs()
        self.view = widgets.VBox([
            widgets.HTML(f"<b>Income-claim check: {html.escape(disclosure.company)}</b>"),
            widgets.VBox(list(self.controls.values())), self.status, self.table, self.chart,
        ])
        self._show()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        show_explorer(self.view, "The income-claim check form is here when the notebook runs "
                      "in JupyterLab; below, the check for the starting values.",
                      self.model.chart(), extra_html=self.table.value)


class FirstYearCalculator(_Form):
    """A form: your year-one costs and hours against the disclosed pay.

    Controls: one per :class:`~mlmkit.disclosure.YearOneCosts` field and ``hours_per_week``.
    """

    LABELS = {
        "kit_usd": "starter kit or package (USD)",
        "monthly_purchase_usd": "required purchases a month",
        "yearly_renewal_usd": "renewal fee a year",
        "yearly_events_usd": "events and training a year",
        "monthly_samples_usd": "samples a month",
        "monthly_phone_usd": "phone and internet a month",
        "monthly_travel_usd": "travel a month",
        "yearly_other_costs_usd": "other costs a year",
        "hours_per_week": "hours you will work a week",
    }

    def __init__(self, disclosure: Disclosure, costs: YearOneCosts | None = None,
                 hours_per_week: float = 5.0) -> None:
        self.model = FirstYearModel(disclosure, costs, hours_per_week)
        style = {"description_width": "210px"}
        layout = widgets.Layout(width="340px")
        self.controls = RenamedKeysDict({
            name: widgets.BoundedFloatText(
                value=(self.model.hours_per_week if name == "hours_per_week"
                       else getattr(self.model.costs, name)),
                min=0, max=HOURS_PER_WEEK_LIMIT if name == "hours_per_week" else 1e9,
                step=1 if name == "hours_per_week" else 10,
                description=label, style=style, layout=layout)
            for name, label in self.LABELS.items()
        }, YearOneCosts._old_fields)  # the old names (before units came last) still find their control
        self._build_outputs()
        names = list(self.controls)
        self.view = widgets.VBox([
            widgets.HTML(f"<b>Your first year: {html.escape(disclosure.company)}</b>"),
            widgets.HBox([widgets.VBox([self.controls[n] for n in names[:5]]),
                          widgets.VBox([self.controls[n] for n in names[5:]])]),
            self.status, self.table, self.chart,
        ])
        self._show()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        show_explorer(self.view, "The first-year calculator is here when the notebook runs in "
                      "JupyterLab; below, the result for the starting values.",
                      self.model.chart(), extra_html=self.table.value)
