"""Two plans a recruit can check with their own numbers: break-even, and "keep your day job".

**Break-even.** How many retail customers (and how much retail volume) does it take to
cover this month's costs? Each customer's order earns the retail margin (what the
customer pays above the distributor's price) plus the commission the plan pays on your
own sales, minus what the order costs you (samples, shipping, packaging). The costs to
cover are the month's fixed costs: autoship, fees, phone, events ... (for example the
expenses of the last month in your books, :func:`month_costs`).

**Keep your day job.** If the business's gross income grows by a steady share each
month, how many months until it covers your costs *and* pays the income you would need
to leave your job? :func:`months_to_cover` answers for a range of growth rates (the
formula), and :func:`simulate_day_job` shows the uncertainty: month-to-month growth
varies, so a seeded simulation of many possible paths gives bands (10th, 50th and 90th
percentiles) and the share of paths that get there at all within the horizon.

The growth rate is *your assumption*, not a forecast: most participants' pay never
grows like this (see notebook 07 for what published disclosures show). Education, not
financial advice.

Examples
--------
>>> plan = break_even(monthly_costs_usd=150, order_per_customer_usd=50, retail_margin=0.25,
...                   commission_rate=0.05, cost_per_order_usd=3)
>>> plan.earned_per_customer_usd, plan.customers_needed, plan.retail_volume_needed_usd
(12.0, 13, 650.0)
>>> months_to_cover(2000, start_income_usd=100, monthly_costs_usd=150, monthly_growth=[0.05, 0.10, 0.20])
array([63., 33., 17.])
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from mlmkit._compat import renamed_arguments, renamed_attribute
from mlmkit._display import counted, format_usd
from mlmkit._validation import check_int, check_number, check_sequence, fail, is_single, make_rng

__all__ = [
    "BreakEven",
    "DayJobPlan",
    "break_even",
    "break_even_for_profile",
    "month_costs",
    "months_to_cover",
    "simulate_day_job",
]


@dataclass(frozen=True)
class BreakEven:
    """The customers and retail volume that cover a month's costs (see :func:`break_even`).

    Attributes
    ----------
    customers_needed : int or None
        Smallest whole number of customers whose orders cover the costs; ``None`` if no
        number of customers ever does (each order earns nothing or loses money).
    retail_volume_needed_usd : float or None
        What those customers buy in a month, at retail prices.
    """

    monthly_costs_usd: float
    order_per_customer_usd: float
    retail_margin: float
    commission_rate: float
    cost_per_order_usd: float
    earned_per_customer_usd: float
    customers_needed: int | None
    retail_volume_needed_usd: float | None

    order_usd_per_customer = renamed_attribute("order_per_customer_usd", old="order_usd_per_customer")

    def table(self, max_customers: int | None = None) -> pd.DataFrame:
        """Net result of the month for 0, 1, 2, ... customers (columns ``customers``,
        ``earned_usd``, ``costs_usd``, ``net_usd``).

        Examples
        --------
        >>> break_even(100, 40, 0.25).table(4)["net_usd"].tolist()
        [-100.0, -90.0, -80.0, -70.0, -60.0]
        """
        if max_customers is None:
            max_customers = 2 * self.customers_needed if self.customers_needed else 40
        max_customers = check_int("max_customers", max_customers, low=1, high=100_000)
        customers = np.arange(max_customers + 1)
        earned = customers * self.earned_per_customer_usd
        return pd.DataFrame({"customers": customers, "earned_usd": earned,
                             "costs_usd": self.monthly_costs_usd, "net_usd": earned - self.monthly_costs_usd})

    def summary(self) -> pd.Series:
        """The break-even numbers, named like every summary (money in USD a month).

        ``customers_needed`` and ``retail_volume_needed_usd`` are NaN when no number of
        customers covers the costs. The same in one plain sentence: :meth:`to_text`
        (also ``str(result)``).

        Examples
        --------
        >>> s = break_even(150, 50, 0.25, 0.05, 3).summary()
        >>> int(s["customers_needed"]), float(s["retail_volume_needed_usd"])
        (13, 650.0)
        """
        from mlmkit._compat import OldShapeSeries

        series = pd.Series(
            {
                "monthly_costs_usd": self.monthly_costs_usd,
                "order_per_customer_usd": self.order_per_customer_usd,
                "retail_margin": self.retail_margin,
                "commission_rate": self.commission_rate,
                "cost_per_order_usd": self.cost_per_order_usd,
                "earned_per_customer_usd": self.earned_per_customer_usd,
                "customers_needed": math.nan if self.customers_needed is None else float(self.customers_needed),
                "retail_volume_needed_usd": (math.nan if self.retail_volume_needed_usd is None
                                             else self.retail_volume_needed_usd),
            },
            name="break-even",
            dtype=float,
        )
        return OldShapeSeries.wrap(series, self.to_text, old="BreakEven.summary()", new="BreakEven.to_text()")

    def to_text(self) -> str:
        """One plain sentence.

        Examples
        --------
        >>> print(break_even(150, 50, 0.25, 0.05, 3).to_text())
        Each customer ordering USD 50.00 a month earns you USD 12.00; covering USD 150.00 of costs takes 13 customers (USD 650.00 of retail sales a month).
        """
        if self.customers_needed is None:
            return (f"Each customer ordering {format_usd(self.order_per_customer_usd, cents=True)} a month earns "
                    f"you {format_usd(self.earned_per_customer_usd, cents=True)}: no number of customers covers "
                    "the costs.")
        return (f"Each customer ordering {format_usd(self.order_per_customer_usd, cents=True)} a month earns you "
                f"{format_usd(self.earned_per_customer_usd, cents=True)}; covering "
                f"{format_usd(self.monthly_costs_usd, cents=True)} of costs takes "
                f"{counted(self.customers_needed, 'customer')} "
                f"({format_usd(self.retail_volume_needed_usd, cents=True)} of retail sales a month).")

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        from mlmkit._display import escape_text, value_table_html

        return f"<p>{escape_text(self.to_text())}</p>" + value_table_html(self.summary())


@renamed_arguments(order_usd_per_customer="order_per_customer_usd")
def break_even(
    monthly_costs_usd: float,
    order_per_customer_usd: float,
    retail_margin: float,
    commission_rate: float = 0.0,
    cost_per_order_usd: float = 0.0,
) -> BreakEven:
    """How many customers cover a month's costs.

    Parameters
    ----------
    monthly_costs_usd : float
        The month's costs to cover (autoship, fees, phone, events ...).
    order_per_customer_usd : float
        What one customer buys in a month, at the retail price.
    retail_margin : float
        Share of the retail price you keep (retail price minus your price, over the
        retail price), 0 to 1.
    commission_rate : float, default 0
        Commission the plan pays on your own sales, as a share of the sale, 0 to 1.
    cost_per_order_usd : float, default 0
        What serving one order costs you (samples, shipping, packaging).

    Returns
    -------
    BreakEven

    Examples
    --------
    >>> break_even(100, 40, 0.05, cost_per_order_usd=2).customers_needed is None
    True
    >>> break_even(100, 40, 1.5)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: retail_margin = 1.5 is not allowed: it must be between 0 and 1 (a share of the sale).
    """
    costs = check_number("monthly_costs_usd", monthly_costs_usd, low=0, high=1e9, unit="USD")
    order = check_number("order_per_customer_usd", order_per_customer_usd, low=0, high=1e7, unit="USD")
    margin = _share("retail_margin", retail_margin)
    rate = _share("commission_rate", commission_rate)
    per_order_cost = check_number("cost_per_order_usd", cost_per_order_usd, low=0, high=1e7, unit="USD")
    earned = round(order * (margin + rate) - per_order_cost, 10)
    if costs == 0:
        needed: int | None = 0
    elif earned <= 0:
        needed = None
    else:
        needed = math.ceil(round(costs / earned, 9))
    return BreakEven(costs, order, margin, rate, per_order_cost, earned, needed,
                     None if needed is None else needed * order)


@renamed_arguments(order_usd_per_customer="order_per_customer_usd",
                   other_monthly_costs_usd="monthly_other_costs_usd")
def break_even_for_profile(
    profile: Any,
    order_per_customer_usd: float,
    *,
    monthly_other_costs_usd: float = 0.0,
    cost_per_order_usd: float = 0.0,
) -> BreakEven:
    """Break-even for a company profile (see :mod:`mlmkit.scorecard`): its plan's numbers, yours.

    The month's costs are the profile's required monthly purchase
    (``pay_plan.monthly_purchase_usd``) plus ``monthly_other_costs_usd`` (phone, samples,
    events ...); each customer's order earns the plan's rate on your own sales
    (``pay_plan.personal_rate``: commission or retail margin, as a share of the sale).
    An answer the profile leaves ``"unknown"`` is an error naming it: ask the company, or
    use :func:`break_even` with your own figure.

    Examples
    --------
    >>> profile = {"pay_plan.monthly_purchase_usd": 120, "pay_plan.personal_rate": 0.1}
    >>> break_even_for_profile(profile, 50, monthly_other_costs_usd=30).customers_needed
    30
    """
    if not (isinstance(profile, dict) or hasattr(profile, "answers")):
        raise fail("profile", profile, "it must be a company profile (see mlmkit.scorecard.load_profile)")
    values = {}
    for key in ("pay_plan.monthly_purchase_usd", "pay_plan.personal_rate"):
        try:
            value = profile[key]
        except (KeyError, TypeError, ValueError):  # not in the profile at all
            value = "unknown"
        if value is None or (isinstance(value, str) and value.strip().lower() == "unknown"):
            raise fail(key, value, "the profile does not say; ask the company, or type your own figure "
                       "into planners.break_even")
        values[key] = value
    costs = check_number("pay_plan.monthly_purchase_usd", values["pay_plan.monthly_purchase_usd"], low=0, high=1e9)
    extra = check_number("monthly_other_costs_usd", monthly_other_costs_usd, low=0, high=1e9, unit="USD")
    return break_even(costs + extra, order_per_customer_usd, retail_margin=0.0,
                      commission_rate=values["pay_plan.personal_rate"], cost_per_order_usd=cost_per_order_usd)


def _share(field: str, value: Any) -> float:
    number = check_number(field, value)
    if not 0 <= number <= 1:
        raise fail(field, value, "it must be between 0 and 1 (a share of the sale)")
    return number


def month_costs(ledger: Any, month: str | None = None) -> float:
    """The expenses of one month of a ledger (the last month with entries by default).

    Examples
    --------
    >>> from mlmkit.books import make_ledger
    >>> ledger = make_ledger([("2026-01-04", "entry_fee", 49.0), ("2026-02-01", "required_purchases", 100.0),
    ...                       ("2026-02-10", "phone_and_internet", 20.0)])
    >>> month_costs(ledger), month_costs(ledger, "2026-01")
    (120.0, 49.0)
    """
    from mlmkit.books import monthly_statement

    statement = monthly_statement(ledger)
    if statement.empty:
        raise fail("ledger", "no entries", "the books need at least one entry")
    if month is None:
        return float(statement["expenses_usd"].iloc[-1])
    rows = statement[statement["month"] == str(month)]
    if rows.empty:
        raise fail("month", month, f"a month YYYY-MM from {statement['month'].iloc[0]} to {statement['month'].iloc[-1]}")
    return float(rows["expenses_usd"].iloc[0])


def months_to_cover(
    target_monthly_income_usd: float,
    start_income_usd: float,
    monthly_costs_usd: float,
    monthly_growth: Any,
    horizon_months: int = 120,
) -> np.ndarray:
    """Months until steady growth makes income minus costs reach the target.

    Gross income starts at ``start_income_usd`` a month and grows by ``monthly_growth``
    (a share, e.g. 0.05 for 5 % a month) each month; costs stay at
    ``monthly_costs_usd``. Returns, for each growth rate, the first month ``t`` with
    ``start * (1 + g) ** t - costs >= target`` (0 if it is already so), or ``inf`` if
    that takes longer than ``horizon_months`` or never happens.

    Examples
    --------
    >>> months_to_cover(1000, 500, 100, [0.0, 0.5, 1.0])
    array([inf,  3.,  2.])
    """
    target = check_number("target_monthly_income_usd", target_monthly_income_usd, low=0, high=1e9, unit="USD")
    start = check_number("start_income_usd", start_income_usd, low=0, high=1e9, unit="USD")
    costs = check_number("monthly_costs_usd", monthly_costs_usd, low=0, high=1e9, unit="USD")
    horizon = check_int("horizon_months", horizon_months, low=1, high=1200)
    allowed = "shares of growth per month, above -1 and at most 10 (e.g. 0.05)"
    if is_single(monthly_growth):
        items: tuple[Any, ...] = (check_number("monthly_growth", monthly_growth, low=-1, high=10),)
    else:
        items = check_sequence("monthly_growth", monthly_growth, allowed=allowed, min_length=1)
        if any(isinstance(item, bool | np.bool_) or not isinstance(item, int | float | np.integer | np.floating)
               for item in items):
            raise fail("monthly_growth", monthly_growth, allowed)
    growth = np.asarray(items, dtype=float)
    if not np.all(np.isfinite(growth)) or np.any(growth <= -1) or np.any(growth > 10):
        raise fail("monthly_growth", monthly_growth, "shares of growth per month, above -1 and at most 10 (e.g. 0.05)")
    need = target + costs
    if start >= need:
        return np.zeros(growth.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        months = np.where(
            (growth > 0) & (start > 0),
            np.ceil(np.round(np.log(need / max(start, 1e-300)) / np.log1p(growth), 9)),
            np.inf,
        )
    return np.where(months <= horizon, months, np.inf)


@dataclass(frozen=True)
class DayJobPlan:
    """Simulated paths of a growing business (see :func:`simulate_day_job`).

    Attributes
    ----------
    bands : pandas.DataFrame
        Per month: ``month``, ``net_p10_usd``, ``net_median_usd``, ``net_p90_usd``
        (percentiles of the month's net result across paths) and ``share_covered``
        (share of paths that have reached the target by that month).
    months_needed : numpy.ndarray
        Per path, the first month the net result reached the target (``inf``: not
        within the horizon).
    """

    target_monthly_income_usd: float
    horizon_months: int
    bands: pd.DataFrame
    months_needed: np.ndarray

    @property
    def share_reaching(self) -> float:
        """Share of paths that reach the target within the horizon."""
        return float(np.isfinite(self.months_needed).mean())

    def months_percentile(self, percent: float) -> float:
        """The month by which ``percent`` % of paths have reached the target (``inf`` if fewer do).

        Examples
        --------
        >>> plan = simulate_day_job(500, 400, 100, 0.05, 0.0, paths=10, seed=1)
        >>> plan.months_percentile(50)
        9.0
        """
        return float(np.percentile(self.months_needed, check_number("percent", percent, low=0, high=100),
                                   method="inverted_cdf"))


def simulate_day_job(
    target_monthly_income_usd: float,
    start_income_usd: float,
    monthly_costs_usd: float,
    growth_mean: float,
    growth_sd: float,
    *,
    horizon_months: int = 60,
    paths: int = 2000,
    seed: int | np.random.Generator | None = 0,
) -> DayJobPlan:
    """Many possible futures of a growing business, to show how uncertain "months until" is.

    Each month gross income is multiplied by ``1 + g`` with ``g`` drawn from a normal
    distribution (mean ``growth_mean``, standard deviation ``growth_sd``, never below
    -0.9); costs stay fixed. A path "covers" the target in the first month its net result
    (income minus costs) reaches ``target_monthly_income_usd``.

    Parameters
    ----------
    target_monthly_income_usd : float
        The income the business must pay, after its costs, to replace your job.
    start_income_usd, monthly_costs_usd : float
        This month's gross income and costs of the business.
    growth_mean, growth_sd : float
        Mean and spread of monthly growth (shares: 0.05 is 5 % a month).
    horizon_months : int, default 60
    paths : int, default 2000
    seed : int or numpy.random.Generator
        For repeatable results.

    Examples
    --------
    >>> plan = simulate_day_job(2000, 100, 150, growth_mean=0.10, growth_sd=0.15, seed=7)
    >>> plan.bands.columns.tolist()
    ['month', 'net_p10_usd', 'net_median_usd', 'net_p90_usd', 'share_covered']
    >>> 0 < plan.share_reaching < 1
    True
    """
    target = check_number("target_monthly_income_usd", target_monthly_income_usd, low=0, high=1e9, unit="USD")
    start = check_number("start_income_usd", start_income_usd, low=0, high=1e9, unit="USD")
    costs = check_number("monthly_costs_usd", monthly_costs_usd, low=0, high=1e9, unit="USD")
    mean = check_number("growth_mean", growth_mean, low=-0.9, high=10)
    spread = check_number("growth_sd", growth_sd, low=0, high=10)
    horizon = check_int("horizon_months", horizon_months, low=1, high=1200)
    count = check_int("paths", paths, low=1, high=1_000_000)
    if count * horizon > 50_000_000:
        raise fail("paths", paths, f"paths x horizon_months at most 50,000,000 (here {count * horizon:,})")
    rng = make_rng(seed)
    growth = np.maximum(rng.normal(mean, spread, size=(count, horizon)), -0.9)
    income = start * np.cumprod(1.0 + growth, axis=1)
    net = np.concatenate([np.full((count, 1), start - costs), income - costs], axis=1)
    covered = net >= target
    reached = covered.any(axis=1)
    months_needed = np.where(reached, covered.argmax(axis=1), np.inf).astype(float)
    p10, p50, p90 = np.percentile(net, [10, 50, 90], axis=0)
    months = np.arange(horizon + 1)
    share = (months_needed[None, :] <= months[:, None]).mean(axis=1)
    bands = pd.DataFrame({"month": months, "net_p10_usd": p10, "net_median_usd": p50,
                          "net_p90_usd": p90, "share_covered": share})
    return DayJobPlan(target, horizon, bands, months_needed)
