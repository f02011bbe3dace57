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

from mlmkit.books import Books, category_totals, monthly_statement

__all__ = ["by_period", "monthly_results", "spending_by_category"]


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


def monthly_results(ledger: pd.DataFrame | Books) -> alt.LayerChart:
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
    return alt.layer(money, running).properties(
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
