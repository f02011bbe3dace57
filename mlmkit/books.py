"""Keep the books of your own business: every dollar in and out, month by month.

A participant's real result is not the commission cheque: it is income minus everything
the business cost. The FTC's staff report on income disclosure statements (2024) found
that most statements leave expenses out; the BBB/FTC questions for a sponsor ask for
sales, expenses and net income. This module keeps that ledger honestly.

A ledger is a table with one row per transaction:

============== =============================================================
column         meaning
============== =============================================================
``date``       day of the transaction, ``YYYY-MM-DD``
``category``   one of :data:`CATEGORIES` (income or expense)
``amount_usd`` a positive amount in US dollars
``note``       free text (optional)
============== =============================================================

Files are plain CSV, read with pandas (no code runs). Saving never loses the previous
file: it is kept as ``<name>.csv.bak``.

Education, not tax, legal or financial advice.

Examples
--------
>>> ledger = make_ledger([
...     ("2026-01-05", "starter_kit", 99.0, "kit"),
...     ("2026-01-20", "retail_sales", 60.0, "two customers"),
...     ("2026-01-31", "commissions", 12.5, ""),
...     ("2026-02-01", "required_purchases", 100.0, "autoship"),
... ])
>>> monthly_statement(ledger)[["month", "income_usd", "expenses_usd", "net_usd", "cumulative_net_usd"]]
     month  income_usd  expenses_usd  net_usd  cumulative_net_usd
0  2026-01        72.5          99.0    -26.5               -26.5
1  2026-02         0.0         100.0   -100.0              -126.5
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mlmkit._validation import fail

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "add_transaction",
    "category_totals",
    "load_ledger",
    "make_ledger",
    "monthly_statement",
    "save_ledger",
]

#: Every category, with whether it is income and a plain description.
CATEGORIES: dict[str, tuple[str, str]] = {
    "retail_sales": ("income", "sales to customers who are not in the business"),
    "commissions": ("income", "commissions and bonuses paid by the company"),
    "other_income": ("income", "anything else the business earned"),
    "entry_fee": ("expense", "fee to join or to renew"),
    "starter_kit": ("expense", "starter kit or business pack"),
    "required_purchases": ("expense", "purchases or autoship needed to stay active or qualified"),
    "inventory": ("expense", "product bought to resell"),
    "personal_use": ("expense", "product you used yourself (a cost of the business only if you "
                     "would not have bought it otherwise)"),
    "samples_and_marketing": ("expense", "samples, catalogues, ads, website"),
    "events_and_training": ("expense", "conventions, trainings, coaching, tools sold by the upline"),
    "travel": ("expense", "travel and mileage for the business"),
    "phone_and_internet": ("expense", "the business share of phone and internet"),
    "other_expense": ("expense", "anything else the business cost"),
}
INCOME = [name for name, (kind, _) in CATEGORIES.items() if kind == "income"]
EXPENSES = [name for name, (kind, _) in CATEGORIES.items() if kind == "expense"]

COLUMNS = ["date", "category", "amount_usd", "note"]


def _check(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """Validate a ledger table, naming the row, the field, the value and what is allowed."""
    missing = [column for column in ("date", "category", "amount_usd") if column not in frame.columns]
    if missing:
        raise fail(f"{where}columns", list(frame.columns), f"a ledger needs the columns {COLUMNS}")
    unknown = [column for column in frame.columns if column not in COLUMNS]
    if unknown:
        raise fail(f"{where}columns", unknown, f"a ledger has only the columns {COLUMNS}")
    frame = frame.reset_index(drop=True)
    dates = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")
    for row in np.flatnonzero(dates.isna().to_numpy()):
        raise fail(f"{where}row {row + 1}: date", frame.loc[int(row), "date"], "write dates as YYYY-MM-DD")
    categories = frame["category"].astype(str).str.strip()
    for row in np.flatnonzero(~categories.isin(list(CATEGORIES)).to_numpy()):
        raise fail(
            f"{where}row {row + 1}: category", frame.loc[int(row), "category"],
            "use one of " + ", ".join(CATEGORIES),
        )
    amounts = pd.to_numeric(frame["amount_usd"], errors="coerce")
    for row in np.flatnonzero((amounts.isna() | ~np.isfinite(amounts) | (amounts < 0)).to_numpy()):
        raise fail(
            f"{where}row {row + 1}: amount_usd", frame.loc[int(row), "amount_usd"],
            "amounts are positive numbers of US dollars (the category says if money came in or went out)",
        )
    notes = frame["note"].fillna("").astype(str) if "note" in frame.columns else ""
    return pd.DataFrame(
        {"date": dates.dt.normalize(), "category": categories, "amount_usd": amounts.astype(float),
         "note": notes}
    ).sort_values("date", kind="stable", ignore_index=True)


def make_ledger(rows: Iterable[tuple[Any, ...]] | pd.DataFrame) -> pd.DataFrame:
    """Build and check a ledger from ``(date, category, amount_usd, note)`` rows or a DataFrame.

    Examples
    --------
    >>> make_ledger([("2026-03-01", "rent", 10.0, "")])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: row 1: category = 'rent' is not allowed: use one of retail_sales, commissions, ...
    """
    if isinstance(rows, pd.DataFrame):
        return _check(rows, "")
    records = [tuple(row) + ("",) * (4 - len(row)) for row in rows]
    return _check(pd.DataFrame(records, columns=COLUMNS), "")


def add_transaction(
    ledger: pd.DataFrame, date: str, category: str, amount_usd: float, note: str = ""
) -> pd.DataFrame:
    """Return a new ledger with one more transaction (the original is left as it was).

    Examples
    --------
    >>> ledger = add_transaction(make_ledger([]), "2026-01-02", "commissions", 20)
    >>> len(ledger), ledger["amount_usd"].sum()
    (1, np.float64(20.0))
    """
    row = make_ledger([(date, category, amount_usd, note)])
    return _check(pd.concat([ledger, row], ignore_index=True), "")


def load_ledger(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a ledger CSV (plain text; no code runs). Errors name the file, row and field."""
    path = Path(path)
    if not path.exists():
        raise fail("path", str(path), "no such file")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return _check(frame, f"{path.name}: ")


def save_ledger(ledger: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write ``ledger`` to ``path`` as CSV without ever losing what was saved before.

    The new file is written beside the old one and then moved into place; an existing
    file is kept as ``<name>.bak`` first.
    """
    path = Path(path)
    checked = _check(ledger, "")
    out = checked.assign(date=checked["date"].dt.strftime("%Y-%m-%d"))
    temporary = path.with_name(path.name + ".tmp")
    out.to_csv(temporary, index=False)
    if path.exists():
        os.replace(path, path.with_name(path.name + ".bak"))
    os.replace(temporary, path)
    return path


def monthly_statement(ledger: pd.DataFrame) -> pd.DataFrame:
    """Income, expenses and net result per month, with the running total.

    Months with no transaction between the first and last are included (as zeros), so
    the running total reads straight across.

    Returns
    -------
    pandas.DataFrame
        ``month`` (``YYYY-MM``), ``income_usd``, ``expenses_usd``, ``net_usd``,
        ``cumulative_net_usd``, ``retail_share_of_income`` (share of income from
        customers outside the business).
    """
    if ledger.empty:
        return pd.DataFrame(columns=["month", "income_usd", "expenses_usd", "net_usd",
                                     "cumulative_net_usd", "retail_share_of_income"])
    kind = ledger["category"].map({name: value[0] for name, value in CATEGORIES.items()})
    months = ledger["date"].dt.to_period("M")
    table = (
        pd.DataFrame({"month": months, "kind": kind, "amount_usd": ledger["amount_usd"]})
        .pivot_table(index="month", columns="kind", values="amount_usd", aggfunc="sum", fill_value=0.0)
        .reindex(columns=["income", "expense"], fill_value=0.0)
    )
    retail = pd.Series(
        ledger["amount_usd"].where(ledger["category"] == "retail_sales", 0.0).to_numpy(), index=months
    ).groupby(level=0).sum()
    every_month = pd.period_range(months.min(), months.max(), freq="M")
    table = table.reindex(every_month, fill_value=0.0)
    retail = retail.reindex(every_month, fill_value=0.0)
    income = table["income"].to_numpy()
    statement = pd.DataFrame(
        {
            "month": every_month.strftime("%Y-%m"),
            "income_usd": income,
            "expenses_usd": table["expense"].to_numpy(),
        }
    )
    statement["net_usd"] = statement["income_usd"] - statement["expenses_usd"]
    statement["cumulative_net_usd"] = statement["net_usd"].cumsum()
    with np.errstate(invalid="ignore", divide="ignore"):
        statement["retail_share_of_income"] = np.where(income > 0, retail.to_numpy() / np.where(income > 0, income, 1), np.nan)
    return statement


def category_totals(ledger: pd.DataFrame) -> pd.DataFrame:
    """Total per category, largest first, with its kind and plain description.

    Examples
    --------
    >>> ledger = make_ledger([("2026-01-05", "travel", 40.0), ("2026-01-06", "travel", 10.0)])
    >>> category_totals(ledger)[["category", "kind", "amount_usd"]]
      category     kind  amount_usd
    0   travel  expense        50.0
    """
    totals = ledger.groupby("category", as_index=False).agg(amount_usd=("amount_usd", "sum"))
    totals["kind"] = totals["category"].map({name: value[0] for name, value in CATEGORIES.items()})
    totals["meaning"] = totals["category"].map({name: value[1] for name, value in CATEGORIES.items()})
    return totals.sort_values("amount_usd", ascending=False, ignore_index=True)[
        ["category", "kind", "amount_usd", "meaning"]
    ]
