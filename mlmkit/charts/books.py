"""Charts of one participant's own books: money in and out per month, and where it went.

Examples
--------
>>> from mlmkit.books import make_ledger
>>> ledger = make_ledger([("2026-01-05", "starter_kit", 99.0), ("2026-02-03", "commissions", 30.0)])
>>> spec = monthly_results(ledger).to_dict()
>>> len(spec["layer"])
2
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from mlmkit._display import counted, format_usd
from mlmkit._validation import check_instance
from mlmkit.books import Books, category_totals, monthly_statement
from mlmkit.planners import BreakEven, DayJobPlan

__all__ = ["break_even_chart", "by_period", "day_job_bands", "monthly_results", "spending_by_category"]


#: Above this many months the chart shows years instead (aggregated in pandas, so the
#: chart's data stay small; Altair refuses data sets above 5,000 rows).
MAX_MONTHS_SHOWN = 120


def by_period(ledger: pd.DataFrame | Books) -> pd.DataFrame:
    """The monthly statement, or a yearly one when the books span more than :data:`MAX_MONTHS_SHOWN` months.

    The column is still called ``month`` (``YYYY-MM`` or ``YYYY``) so the charts read it alike.

    Examples
    --------
    >>> from mlmkit.books import make_ledger
    >>> long = make_ledger([("1990-01-05", "travel", 10.0), ("2026-02-03", "commissions", 30.0)])
    >>> table = by_period(long)
    >>> len(table), table["month"].iloc[0], table["cumulative_net_usd"].iloc[-1]
    (37, '1990', np.float64(20.0))
    """
    statement = monthly_statement(ledger)
    if len(statement) <= MAX_MONTHS_SHOWN:
        return statement
    years = statement["month"].str[:4]
    yearly = statement.groupby(years, sort=True)[["income_usd", "expenses_usd", "net_usd"]].sum().reset_index()
    yearly = yearly.rename(columns={"index": "month"})
    yearly.columns = ["month", "income_usd", "expenses_usd", "net_usd"]
    yearly["cumulative_net_usd"] = yearly["net_usd"].cumsum()
    return yearly


def monthly_results(ledger: pd.DataFrame | Books) -> alt.LayerChart | alt.FacetChart:
    """Bars of income (up) and expenses (down) per month, and a line for the running net result.

    Books spanning more than :data:`MAX_MONTHS_SHOWN` months are shown per year.
    """
    statement = by_period(ledger)
    period = "month" if len(statement) == 0 or len(str(statement["month"].iloc[0])) > 4 else "year"
    bars = pd.concat(
        [
            statement.assign(kind="income", usd=statement["income_usd"]),
            statement.assign(kind="expenses", usd=-statement["expenses_usd"]),
        ],
        ignore_index=True,
    )[["month", "kind", "usd"]]
    money = (
        alt.Chart(bars)
        .mark_bar(opacity=0.8)
        .encode(
            x=alt.X("month:O", title=period),
            y=alt.Y("usd:Q", title="USD (expenses below zero)"),
            color=alt.Color("kind:N", title=None,
                            scale=alt.Scale(domain=["income", "expenses"], range=["#54a24b", "#e45756"])),
            tooltip=["month:O", "kind:N", alt.Tooltip("usd:Q", format=",.2f")],
        )
    )
    running = (
        alt.Chart(statement[["month", "cumulative_net_usd"]])
        .mark_line(point=True, color="black")
        .encode(
            x="month:O",
            y="cumulative_net_usd:Q",
            tooltip=["month:O", alt.Tooltip("cumulative_net_usd:Q", title="net so far (USD)", format=",.2f")],
        )
    )
    return alt.LayerChart(layer=[money, running]).properties(
        width=460, height=240, title=alt.Title(f"Money in and out, {period} by {period}",
                                               subtitle="black line: the business's net result so far")
    )


def spending_by_category(ledger: pd.DataFrame | Books) -> alt.Chart:
    """Horizontal bars: total per category, income and expenses in their own colours."""
    totals = category_totals(ledger)
    return (
        alt.Chart(totals)
        .mark_bar()
        .encode(
            y=alt.Y("category:N", sort="-x", title=None),
            x=alt.X("amount_usd:Q", title="USD, whole period"),
            color=alt.Color("kind:N", title=None,
                            scale=alt.Scale(domain=["income", "expense"], range=["#54a24b", "#e45756"])),
            tooltip=["category:N", "meaning:N", alt.Tooltip("amount_usd:Q", format=",.2f")],
        )
        .properties(width=360, title="Where the money came from and went")
    )


def break_even_chart(plan: BreakEven, max_customers: int | None = None) -> alt.LayerChart | alt.FacetChart:
    """The month's net result for 0, 1, 2, ... customers, with the break-even point marked.

    Examples
    --------
    >>> from mlmkit.planners import break_even
    >>> spec = break_even_chart(break_even(150, 50, 0.25, 0.05, 3)).to_dict()
    >>> len(list(spec["datasets"].values())[0])
    27
    """
    plan = check_instance("plan", plan, BreakEven, "it must be a BreakEven (see mlmkit.planners.break_even)")
    table = plan.table(max_customers)
    line = (
        alt.Chart(table)
        .mark_line(point=True, color="#4c78a8")
        .encode(
            x=alt.X("customers:Q", title="retail customers this month"),
            y=alt.Y("net_usd:Q", title="net result of the month (USD)"),
            tooltip=[alt.Tooltip("customers:Q", format=","), alt.Tooltip("earned_usd:Q", title="earned (USD)", format=",.2f"),
                     alt.Tooltip("costs_usd:Q", title="costs (USD)", format=",.2f"),
                     alt.Tooltip("net_usd:Q", title="net (USD)", format=",.2f")],
        )
    )
    zero = alt.Chart(pd.DataFrame({"net_usd": [0.0]})).mark_rule(color="black").encode(y="net_usd:Q")
    layers = [line, zero]
    if plan.customers_needed is not None:
        mark = pd.DataFrame({"customers": [plan.customers_needed],
                             "label": [f"break-even: {counted(plan.customers_needed, 'customer')}"]})
        layers.append(alt.Chart(mark).mark_rule(color="#e45756", strokeDash=[4, 3]).encode(x="customers:Q"))
        layers.append(alt.Chart(mark).mark_text(align="left", dx=4, dy=-90, color="#e45756")
                      .encode(x="customers:Q", text="label:N"))
    return alt.LayerChart(layer=layers).properties(
        width=460, height=240,
        title=alt.Title("How many customers cover this month's costs?",
                        subtitle=f"each customer earns you {format_usd(plan.earned_per_customer_usd, cents=True)}; "
                        f"costs {format_usd(plan.monthly_costs_usd, cents=True)}"),
    )


def day_job_bands(plan: DayJobPlan) -> alt.LayerChart | alt.FacetChart:
    """The simulated net result month by month: the middle 80 % of paths, the median, the target.

    Examples
    --------
    >>> from mlmkit.planners import simulate_day_job
    >>> spec = day_job_bands(simulate_day_job(2000, 100, 150, 0.1, 0.15, horizon_months=24, seed=1)).to_dict()
    >>> len(spec["layer"])
    3
    """
    plan = check_instance("plan", plan, DayJobPlan, "it must be a DayJobPlan (see mlmkit.planners.simulate_day_job)")
    bands = plan.bands
    area = (
        alt.Chart(bands)
        .mark_area(opacity=0.3, color="#4c78a8")
        .encode(
            x=alt.X("month:Q", title="months from now"),
            y=alt.Y("net_p10_usd:Q", title="net result of the month (USD)"),
            y2="net_p90_usd:Q",
            tooltip=["month:Q", alt.Tooltip("net_p10_usd:Q", title="10th percentile (USD)", format=",.0f"),
                     alt.Tooltip("net_median_usd:Q", title="median (USD)", format=",.0f"),
                     alt.Tooltip("net_p90_usd:Q", title="90th percentile (USD)", format=",.0f"),
                     alt.Tooltip("share_covered:Q", title="share of paths there by now", format=".0%")],
        )
    )
    median = alt.Chart(bands).mark_line(color="#4c78a8").encode(x="month:Q", y="net_median_usd:Q")
    target = (
        alt.Chart(pd.DataFrame({"target": [plan.target_monthly_income_usd]}))
        .mark_rule(color="#e45756", strokeDash=[4, 3])
        .encode(y="target:Q")
    )
    return alt.LayerChart(layer=[area, median, target]).properties(
        width=460, height=240,
        title=alt.Title("When would the business replace your pay?",
                        subtitle="band: middle 80% of simulated paths; line: median; dashed: the income you need"),
    )
