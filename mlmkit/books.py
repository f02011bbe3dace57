"""Keep the books of your own business: every dollar in and out, month by month.

A participant's real result is not the commission cheque: it is income minus everything
the business cost. The FTC's staff report on income disclosure statements (2024) found
that most statements leave expenses out; the BBB/FTC questions for a sponsor ask for
sales, expenses and net income. This module keeps that ledger honestly.

The **entries** of a ledger are a table with one row per transaction:

============== =============================================================
column         meaning
============== =============================================================
``entry_id``   a number that stays with the entry for good (never reused)
``date``       day of the transaction, ``YYYY-MM-DD`` (1950-01-01 to 2099-12-31)
``category``   one of :data:`CATEGORIES` (income or expense)
``amount_usd`` an amount of US dollars, zero or more, rounded to the cent
``note``       free text (optional)
============== =============================================================

:class:`Books` adds the history: an entry can be added, edited, deleted and restored,
and every earlier version stays in the file with a ``status`` of ``replaced`` or
``deleted`` and the time of the change, so nothing typed is ever lost.

The file is plain CSV a person can open in any spreadsheet (filter ``status`` on
``current`` to see the books as they stand). It is read with pandas (no code runs) and
is **spreadsheet-safe**: a note that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (which a spreadsheet would run as a formula) is written with a leading
apostrophe, as the OWASP guidance on CSV injection recommends, and the apostrophe is
removed again on loading (a note that itself starts with an apostrophe gets a second
one, so every note reads back exactly as typed). A note with a character that cannot be
written as UTF-8 (a lone surrogate) is refused when it is entered, naming the row.

Saving goes through :mod:`mlmkit.safe_write`: a lock, a unique temporary file, a
read-back check, numbered backups (``name.1.csv`` newest ... ``name.5.csv``) and an
atomic replace, so a kill or a second program saving at the same moment never loses or
mixes a saved ledger. :func:`update_books` holds the lock around load-change-save.

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
>>> books = Books.from_entries(ledger).edit(2, amount_usd=75.0, when="2026-02-02T10:00:00")
>>> books.entries.loc[1, "amount_usd"], len(books.history)
(np.float64(75.0), 1)
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mlmkit import safe_write
from mlmkit._validation import check_columns, check_text, fail, is_single

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "FILE_COLUMNS",
    "Books",
    "add_transaction",
    "category_totals",
    "export_csv",
    "load_books",
    "load_ledger",
    "make_ledger",
    "monthly_statement",
    "read_entries_csv",
    "save_books",
    "save_ledger",
    "spreadsheet_escape",
    "spreadsheet_unescape",
    "update_books",
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

#: Columns of the entries table (the books as they stand).
COLUMNS = ["entry_id", "date", "category", "amount_usd", "note"]
#: Columns of the saved file: every version of every entry.
FILE_COLUMNS = ["entry_id", "version", "status", "date", "category", "amount_usd", "note", "changed_at"]
STATUSES = ("current", "replaced", "deleted")

#: Dates outside these are refused as typos (a year 1026 would also make a chart of 12,000 months).
EARLIEST_DATE = "1950-01-01"
LATEST_DATE = "2099-12-31"
#: Largest single amount accepted (a typo guard).
MAX_AMOUNT_USD = 10_000_000.0
#: How many backups a save keeps (``name.1.csv`` newest ... ``name.5.csv``).
BACKUPS = 5

_DATE_PATTERN = r"\d{4}-\d{2}-\d{2}"
_RISKY_START = ("=", "+", "-", "@", "\t", "\r", "'")
_ORDER_COLUMNS = ["date", "category", "amount_usd", "note"]


# ----------------------------------------------------------------------------- escaping
def spreadsheet_escape(text: str) -> str:
    """Make a text cell inert in a spreadsheet (OWASP CSV-injection guidance).

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading apostrophe, so the spreadsheet shows it as text instead of running it as a
    formula; a cell that already starts with an apostrophe gets one more, so
    :func:`spreadsheet_unescape` always gives back the original.

    Examples
    --------
    >>> spreadsheet_escape('=HYPERLINK("http://x","click")')
    '\\'=HYPERLINK("http://x","click")'
    >>> spreadsheet_escape("two customers")
    'two customers'
    >>> spreadsheet_unescape(spreadsheet_escape("'quoted"))
    "'quoted"
    """
    if not isinstance(text, str):
        raise fail("text", text, "it must be a text (one cell)")
    return "'" + text if text.startswith(_RISKY_START) else text


def spreadsheet_unescape(text: str) -> str:
    """Undo :func:`spreadsheet_escape` (drop one leading apostrophe).

    Examples
    --------
    >>> spreadsheet_unescape("'@SUM(A1)")
    '@SUM(A1)'
    """
    if not isinstance(text, str):
        raise fail("text", text, "it must be a text (one cell)")
    return text[1:] if text.startswith("'") else text


# ----------------------------------------------------------------------------- checks
def _labels(count: int, where: str, labels: list[str] | None) -> list[str]:
    return labels if labels is not None else [f"{where}row {number}" for number in range(1, count + 1)]


def _unencodable(text: str) -> int | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None


def _check_values(frame: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """Check and normalise date, category, amount and note; errors name the row's label."""
    frame = frame.reset_index(drop=True)
    for column in ("date", "category", "note"):
        if column in frame.columns:
            is_bytes = frame[column].map(lambda value: isinstance(value, bytes | bytearray)).to_numpy()
            for row in np.flatnonzero(is_bytes).tolist():
                raise fail(f"{labels[row]}: {column}", frame.loc[row, column], "it must be text, not bytes")
    raw_dates = frame["date"].astype(str).str.strip()
    shaped = raw_dates.str.fullmatch(_DATE_PATTERN)
    dates = pd.to_datetime(raw_dates.where(shaped), format="%Y-%m-%d", errors="coerce")
    for row in np.flatnonzero(dates.isna().to_numpy()).tolist():
        value = frame.loc[row, "date"]
        if bool(shaped.iloc[row]) and not (EARLIEST_DATE[:4] <= raw_dates.iloc[row][:4] <= LATEST_DATE[:4]):
            raise fail(f"{labels[row]}: date", value,
                       f"dates run from {EARLIEST_DATE} to {LATEST_DATE} (is the year a typo?)")
        raise fail(f"{labels[row]}: date", value, "write dates as YYYY-MM-DD, a real day (e.g. 2026-01-31)")
    outside = (dates < pd.Timestamp(EARLIEST_DATE)) | (dates > pd.Timestamp(LATEST_DATE))
    for row in np.flatnonzero(outside.to_numpy()).tolist():
        raise fail(f"{labels[row]}: date", frame.loc[row, "date"],
                   f"dates run from {EARLIEST_DATE} to {LATEST_DATE} (is the year a typo?)")
    categories = frame["category"].astype(str).str.strip()
    for row in np.flatnonzero(~categories.isin(list(CATEGORIES)).to_numpy()).tolist():
        raise fail(f"{labels[row]}: category", frame.loc[row, "category"], "use one of " + ", ".join(CATEGORIES))
    amounts = pd.to_numeric(frame["amount_usd"].map(_amount_text), errors="coerce")
    bad = amounts.isna() | ~np.isfinite(amounts) | (amounts < 0) | (amounts > MAX_AMOUNT_USD)
    for row in np.flatnonzero(bad.to_numpy()).tolist():
        value = frame.loc[row, "amount_usd"]
        number = amounts.iloc[row]
        if pd.notna(number) and number < 0:
            allowed = ("an amount is never negative: the category says whether money came in or went out "
                       "(a refund of an expense is other_income)")
        else:
            allowed = f"an amount of US dollars, from 0 to {MAX_AMOUNT_USD:,.0f}, written as a number"
        raise fail(f"{labels[row]}: amount_usd", value, allowed)
    notes = frame["note"].fillna("").astype(str) if "note" in frame.columns else pd.Series([""] * len(frame))
    for number, text in enumerate(notes):
        position = _unencodable(text)
        if position is not None:
            raise fail(f"{labels[number]}: note", text,
                       f"character {position + 1} ({text[position]!r}) is a broken character (a lone "
                       "surrogate) that no file can hold; retype the note without it")
    return pd.DataFrame(
        {"date": dates.dt.normalize(), "category": categories, "amount_usd": amounts.astype(float).round(2),
         "note": notes.reset_index(drop=True)}
    )


def _amount_text(value: Any) -> Any:
    """Accept ``1,200.50`` and ``USD 12`` as typed in a form or a spreadsheet."""
    if isinstance(value, str):
        text = value.strip().replace(",", "")
        text = re.sub(r"^(USD|US\$|\$)\s*", "", text, flags=re.IGNORECASE)
        return text if text else "missing"
    if isinstance(value, bool | np.bool_ | complex | np.complexfloating):
        return "not a number"
    return value


def _ids(frame: pd.DataFrame, labels: list[str]) -> np.ndarray:
    ids = pd.to_numeric(frame["entry_id"], errors="coerce")
    bad = ids.isna() | (ids < 1) | (ids != ids.round())
    for row in np.flatnonzero(bad.to_numpy()):
        raise fail(f"{labels[row]}: entry_id", frame["entry_id"].iloc[row], "a whole number, 1 or more")
    return ids.to_numpy(dtype=np.int64)


def _check_entries(frame: pd.DataFrame, where: str = "", labels: list[str] | None = None) -> pd.DataFrame:
    """Validate an entries table, naming the row, the field, the value and what is allowed."""
    if not isinstance(frame, pd.DataFrame):
        raise fail("ledger", type(frame).__name__, "a pandas DataFrame of entries (see make_ledger) or Books")
    missing = [column for column in ("date", "category", "amount_usd") if column not in frame.columns]
    if missing:
        raise fail(f"{where}columns", list(frame.columns), f"a ledger needs the columns {COLUMNS}")
    unknown = [column for column in frame.columns if column not in COLUMNS]
    if unknown:
        raise fail(f"{where}columns", unknown, f"a ledger has only the columns {COLUMNS}")
    frame = frame.reset_index(drop=True)
    labels = _labels(len(frame), where, labels)
    values = _check_values(frame, labels)
    if "entry_id" in frame.columns:
        ids = _ids(frame, labels)
        seen = pd.Series(ids).duplicated()
        for row in np.flatnonzero(seen.to_numpy()):
            raise fail(f"{labels[row]}: entry_id", int(ids[row]), "each entry has its own id")
    else:
        ids = np.arange(1, len(frame) + 1, dtype=np.int64)
    values.insert(0, "entry_id", ids)
    return values.sort_values(["date", "entry_id"], kind="stable", ignore_index=True)[COLUMNS]


def make_ledger(rows: Iterable[tuple[Any, ...]] | pd.DataFrame | Books) -> pd.DataFrame:
    """Build and check the entries of a ledger from ``(date, category, amount_usd, note)`` rows.

    A DataFrame may carry ``entry_id``; otherwise entries are numbered 1, 2, ... in the
    order given. The result is sorted by date.

    Examples
    --------
    >>> make_ledger([("2026-03-01", "travel", 10.0, ""), ("2026-03-01", "rent", 10.0, "")])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: row 2: category = 'rent' is not allowed: use one of retail_sales, commissions, ...
    >>> make_ledger([("2026-03-01", "travel", -10.0)])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: row 1: amount_usd = -10.0 is not allowed: an amount is never negative: ...
    """
    if isinstance(rows, Books):
        return rows.entries
    if isinstance(rows, pd.DataFrame):
        return _check_entries(rows)
    if is_single(rows) or isinstance(rows, set | frozenset | dict | np.ndarray):
        raise fail("rows", rows, "a list of (date, category, amount_usd[, note]) rows, a DataFrame or Books")
    records = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, tuple | list):
            raise fail(f"row {number}", row, "an entry is (date, category, amount_usd) or (date, category, amount_usd, note)")
        row = tuple(row)
        if not 3 <= len(row) <= 4:
            raise fail(f"row {number}", row, "an entry is (date, category, amount_usd) or (date, category, amount_usd, note)")
        records.append(row + ("",) * (4 - len(row)))
    return _check_entries(pd.DataFrame(records, columns=_ORDER_COLUMNS, dtype=object))


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------- books with history
@dataclass(frozen=True, eq=False)
class Books:
    """A ledger with its history: every version of every entry, in one table.

    ``table`` has the columns :data:`FILE_COLUMNS`. Each row is one version of an
    entry; the newest version of each entry has ``status`` ``"current"`` (it counts) or
    ``"deleted"`` (it does not); older versions are ``"replaced"``. ``changed_at`` is
    when the version was made (UTC, empty for entries that came from a plain ledger).
    Every change returns new :class:`Books`; the old object is left as it was.

    Examples
    --------
    >>> books = Books.from_entries([("2026-01-04", "entry_fee", 49.0, "join")])
    >>> books = books.add("2026-01-10", "travel", 12.0, when="2026-01-10T09:00:00Z")
    >>> books = books.delete(1, when="2026-01-11T09:00:00Z")
    >>> books.entries[["entry_id", "category"]].to_dict("records")
    [{'entry_id': 2, 'category': 'travel'}]
    >>> books.history[["entry_id", "version", "status"]].to_dict("records")
    [{'entry_id': 1, 'version': 1, 'status': 'replaced'}, {'entry_id': 1, 'version': 2, 'status': 'deleted'}]
    >>> books.restore(1, when="2026-01-12T09:00:00Z").entries["entry_id"].tolist()
    [1, 2]
    """

    table: pd.DataFrame

    # -- building
    @classmethod
    def empty(cls) -> Books:
        """Books with no entries."""
        return cls.from_entries([])

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[Any, ...]] | pd.DataFrame | Books) -> Books:
        """Books whose history starts now, from entries (see :func:`make_ledger`)."""
        if isinstance(entries, Books):
            return entries
        frame = make_ledger(entries)
        table = frame.assign(version=1, status="current", changed_at="")
        return cls(_in_order(table))

    @classmethod
    def from_table(cls, table: pd.DataFrame, where: str = "") -> Books:
        """Check a full table (every version) and build :class:`Books` from it."""
        missing = [column for column in FILE_COLUMNS if column not in table.columns]
        extra = [column for column in table.columns if column not in FILE_COLUMNS]
        if missing or extra:
            raise fail(f"{where}columns", list(table.columns), f"a ledger with history has the columns {FILE_COLUMNS}")
        table = table.reset_index(drop=True)
        labels = _labels(len(table), where, None)
        values = _check_values(table, labels)
        ids = _ids(table, labels)
        versions = pd.to_numeric(table["version"], errors="coerce")
        for row in np.flatnonzero((versions.isna() | (versions < 1) | (versions != versions.round())).to_numpy()):
            raise fail(f"{labels[row]}: version", table["version"].iloc[row], "a whole number, 1 or more")
        status = table["status"].astype(str).str.strip()
        for row in np.flatnonzero(~status.isin(STATUSES).to_numpy()):
            raise fail(f"{labels[row]}: status", table["status"].iloc[row], "one of " + ", ".join(STATUSES))
        out = values.assign(entry_id=ids, version=versions.to_numpy(dtype=np.int64), status=status,
                            changed_at=table["changed_at"].fillna("").astype(str).str.strip())
        for row in np.flatnonzero(out.duplicated(["entry_id", "version"]).to_numpy()):
            raise fail(f"{labels[row]}: version", int(out["version"].iloc[row]),
                       f"entry {int(out['entry_id'].iloc[row])} has this version twice")
        newest = out.groupby("entry_id")["version"].transform("max") == out["version"]
        wrong = (newest & (out["status"] == "replaced")) | (~newest & (out["status"] != "replaced"))
        for row in np.flatnonzero(wrong.to_numpy()):
            raise fail(f"{labels[row]}: status", out["status"].iloc[row],
                       "the newest version of an entry is current or deleted, older ones are replaced")
        return cls(_in_order(out))

    # -- views
    @property
    def entries(self) -> pd.DataFrame:
        """The books as they stand: current entries, by date (columns :data:`COLUMNS`)."""
        current = self.table[self.table["status"] == "current"]
        return current.sort_values(["date", "entry_id"], kind="stable", ignore_index=True)[COLUMNS]

    @property
    def history(self) -> pd.DataFrame:
        """Every earlier version and every deleted entry (columns :data:`FILE_COLUMNS`)."""
        return self.table[self.table["status"] != "current"].reset_index(drop=True)

    def versions(self, entry_id: int) -> pd.DataFrame:
        """Every version of one entry, oldest first."""
        self._row(entry_id, status=None)
        rows = self.table[self.table["entry_id"] == int(entry_id)]
        return rows.sort_values("version", ignore_index=True)

    def __len__(self) -> int:
        return int((self.table["status"] == "current").sum())

    def equals(self, other: Books) -> bool:
        """True if both hold the same versions of the same entries."""
        return isinstance(other, Books) and self.table.reset_index(drop=True).equals(other.table.reset_index(drop=True))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Books) and self.equals(other)

    __hash__ = None  # type: ignore[assignment]

    def _row(self, entry_id: Any, status: str | None = "current") -> int:
        try:
            if isinstance(entry_id, bool | np.bool_):
                raise TypeError
            number = int(entry_id)
            if number != entry_id and not (isinstance(entry_id, str) and str(number) == entry_id.strip()):
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            raise fail("entry_id", entry_id, "the id of an entry, a whole number (see the entry_id column)") from None
        table = self.table
        newest = table[(table["entry_id"] == number)]
        if newest.empty:
            raise fail("entry_id", entry_id, f"no entry has this id; the ids run from 1 to {int(table['entry_id'].max()) if len(table) else 0}")
        index = int(newest.index.to_numpy()[newest["version"].to_numpy().argmax()])
        if status is not None and table.loc[index, "status"] != status:
            raise fail("entry_id", entry_id, f"entry {number} is {str(table.loc[index, 'status'])}, not {status}")
        return index

    # -- changes
    def add(self, date: Any, category: Any, amount_usd: Any, note: Any = "", *, when: str | None = None) -> Books:
        """Add one entry (checked; errors name it as the next row of the books)."""
        label = f"row {len(self) + 1}"
        note = "" if note is None else check_text(f"{label}: note", note)
        values = _check_values(
            pd.DataFrame([(date, category, amount_usd, note)], columns=_ORDER_COLUMNS, dtype=object), [label]
        )
        next_id = int(self.table["entry_id"].max()) + 1 if len(self.table) else 1
        new = values.assign(entry_id=next_id, version=1, status="current", changed_at=when or _now())
        return Books(_in_order(pd.concat([self.table, new[FILE_COLUMNS]], ignore_index=True)))

    def edit(self, entry_id: Any, *, date: Any = None, category: Any = None, amount_usd: Any = None,
             note: Any = None, when: str | None = None) -> Books:
        """Change fields of an entry; the old version is kept as ``replaced``."""
        index = self._row(entry_id)
        old = self.table.loc[index]
        typed = {"date": date, "category": category, "amount_usd": amount_usd, "note": note}
        merged = {
            "date": old["date"].strftime("%Y-%m-%d") if date is None else date,
            "category": old["category"] if category is None else category,
            "amount_usd": old["amount_usd"] if amount_usd is None else amount_usd,
            "note": old["note"] if note is None else note,
        }
        values = _check_values(pd.DataFrame([merged], dtype=object), [f"entry {old['entry_id']}"])
        unchanged = all(value is None for value in typed.values()) or (
            values.loc[0, "date"] == old["date"] and values.loc[0, "category"] == old["category"]
            and values.loc[0, "amount_usd"] == old["amount_usd"] and values.loc[0, "note"] == old["note"]
        )
        if unchanged:
            return self
        return self._new_version(index, {str(k): v for k, v in values.iloc[0].items()}, "current", when)

    def delete(self, entry_id: Any, *, when: str | None = None) -> Books:
        """Delete an entry: it stops counting, and stays in the history as ``deleted``."""
        index = self._row(entry_id)
        old = self.table.loc[index]
        return self._new_version(index, {name: old[name] for name in _ORDER_COLUMNS}, "deleted", when)

    def restore(self, entry_id: Any, *, when: str | None = None) -> Books:
        """Bring a deleted entry back (as a new current version)."""
        index = self._row(entry_id, status="deleted")
        old = self.table.loc[index]
        return self._new_version(index, {name: old[name] for name in _ORDER_COLUMNS}, "current", when)

    def _new_version(self, index: int, values: dict[str, Any], status: str, when: str | None) -> Books:
        table = self.table.copy()
        old = table.loc[index]
        table.loc[index, "status"] = "replaced"
        new = pd.DataFrame([{**values, "entry_id": old["entry_id"], "version": old["version"] + 1,
                             "status": status, "changed_at": when or _now()}])
        new["date"] = pd.to_datetime(new["date"])
        return Books(_in_order(pd.concat([table, new[FILE_COLUMNS]], ignore_index=True)))

    # -- text
    def to_csv_text(self) -> str:
        """The file's text: every version, dates as ``YYYY-MM-DD``, notes spreadsheet-safe."""
        return _to_csv(self.table, FILE_COLUMNS)


def _in_order(table: pd.DataFrame) -> pd.DataFrame:
    """Every version of an entry together, oldest first, entries by id (the file's order)."""
    return table[FILE_COLUMNS].sort_values(["entry_id", "version"], kind="stable", ignore_index=True)


def _to_csv(table: pd.DataFrame, columns: list[str]) -> str:
    out = table[columns].copy()
    out["date"] = out["date"].dt.strftime("%Y-%m-%d")
    out["note"] = out["note"].map(spreadsheet_escape)
    buffer = io.StringIO()
    # every text cell in quotes, so a carriage return or a line break inside a note stays in its cell
    # (amounts are rounded to the cent, so their shortest form reads back exactly)
    out.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    return buffer.getvalue()


def _read_csv_frame(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise fail("path", str(path), f"the file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8") from None
    except pd.errors.EmptyDataError:
        return pd.DataFrame(columns=_ORDER_COLUMNS)
    except pd.errors.ParserError as error:
        raise fail("path", str(path), f"the file is not a readable CSV table ({error})") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    if "note" in frame.columns:
        frame["note"] = frame["note"].map(spreadsheet_unescape)
    return frame


def _existing_file(path: str | os.PathLike[str]) -> Path:
    if not isinstance(path, str | os.PathLike) or (isinstance(path, str) and not path.strip()):
        raise fail("path", path, "it must be the path of a CSV file (text or pathlib.Path)")
    file = Path(path)
    if not file.exists():
        raise fail("path", str(file), "no such file")
    if not file.is_file():
        raise fail("path", str(file), "it is not a regular file (a folder or a device?); give a CSV file")
    return file


def load_books(path: str | os.PathLike[str]) -> Books:
    """Read a ledger file with its history (a plain 4- or 5-column ledger works too).

    Errors name the file, the row (counting entries, the header not counted) and the field.
    """
    file = _existing_file(path)
    frame = _read_csv_frame(file)
    if "status" in frame.columns or "version" in frame.columns:
        return Books.from_table(frame, f"{file.name}: ")
    return Books.from_entries(_check_entries(frame, f"{file.name}: "))


def load_ledger(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a ledger CSV: its current entries (plain text; no code runs).

    Errors name the file, row and field.
    """
    return load_books(path).entries


def read_entries_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read entries to import from a plain CSV (``date, category, amount_usd[, note]``).

    Ids in the file, if any, are ignored: imported entries get new ids when added.
    """
    file = _existing_file(path)
    frame = _read_csv_frame(file)
    if "status" in frame.columns:
        frame = frame[frame["status"].astype(str).str.strip() == "current"]
    frame = frame.drop(columns=[c for c in ("entry_id", "version", "status", "changed_at") if c in frame.columns])
    return _check_entries(frame.reset_index(drop=True), f"{file.name}: ")


def save_books(books: Books | pd.DataFrame, path: str | os.PathLike[str], *, backups: int = BACKUPS) -> Path:
    """Save books (with their history) safely; see :mod:`mlmkit.safe_write`.

    The previous file is kept as ``name.1.csv`` (and older ones as ``name.2.csv`` ...
    up to ``backups``). The file is read back and checked before it replaces the old one.
    """
    books = Books.from_entries(books) if not isinstance(books, Books) else books
    text = books.to_csv_text()

    def check(temporary: Path) -> None:
        if not load_books(temporary).equals(books):
            raise OSError(f"{Path(path).name}: the saved ledger did not read back the same; nothing replaced")

    safe_write.write_text(path, text, backups=backups, check=check)
    return Path(path)


def save_ledger(ledger: Books | pd.DataFrame, path: str | os.PathLike[str], *, backups: int = BACKUPS) -> Path:
    """Save a ledger safely (see :func:`save_books`).

    Pass :class:`Books` to keep the history of edits and deletions; a DataFrame of
    entries is saved as books whose history starts now (earlier files stay in the
    numbered backups).
    """
    return save_books(ledger, path, backups=backups)


def update_books(path: str | os.PathLike[str], change: Callable[[Books], Books], *, backups: int = BACKUPS) -> Books:
    """Load, change and save ``path`` while holding its lock (no other save can come between).

    A missing file starts as empty books. Returns the saved books.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "books.csv"
    >>> len(update_books(path, lambda b: b.add("2026-01-02", "commissions", 20)))
    1
    >>> len(update_books(path, lambda b: b.add("2026-01-03", "travel", 5)))
    2
    """
    if not callable(change):
        raise fail("change", change, "a function that takes Books and returns the changed Books")
    with safe_write.locked(path):
        books = load_books(path) if Path(path).exists() else Books.empty()
        changed = change(books)
        save_books(changed, path, backups=backups)
    return changed


def export_csv(ledger: Books | pd.DataFrame, path: str | os.PathLike[str], *, backups: int = BACKUPS) -> Path:
    """Write the current entries only (``entry_id, date, category, amount_usd, note``), spreadsheet-safe."""
    entries = make_ledger(ledger)
    text = _to_csv(entries, COLUMNS)
    safe_write.write_text(path, text, backups=backups)
    return Path(path)


def add_transaction(
    ledger: pd.DataFrame, date: str, category: str, amount_usd: float, note: str = ""
) -> pd.DataFrame:
    """Return new entries with one more transaction (the original is left as it was).

    An error names the new entry as the next row (the 4th entry is ``row 4``).

    Examples
    --------
    >>> ledger = add_transaction(make_ledger([]), "2026-01-02", "commissions", 20)
    >>> len(ledger), ledger["amount_usd"].sum()
    (1, np.float64(20.0))
    >>> add_transaction(ledger, "2026-02-30", "travel", 5)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: row 2: date = '2026-02-30' is not allowed: write dates as YYYY-MM-DD, a real day (e.g. 2026-01-31).
    """
    return Books.from_entries(ledger).add(date, category, amount_usd, note, when="").entries


def _entries(ledger: Books | pd.DataFrame) -> pd.DataFrame:
    if isinstance(ledger, Books):
        return ledger.entries
    return check_columns(
        "ledger", ledger, ["date", "category", "amount_usd"],
        "it must be a ledger (see mlmkit.books.make_ledger) or Books",
    )


def monthly_statement(ledger: Books | pd.DataFrame) -> pd.DataFrame:
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
    ledger = _entries(ledger)
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
        statement["retail_share_of_income"] = np.where(
            income > 0, retail.to_numpy() / np.where(income > 0, income, 1), np.nan
        )
    return statement


def category_totals(ledger: Books | pd.DataFrame) -> pd.DataFrame:
    """Total per category, largest first, with its kind and plain description.

    Examples
    --------
    >>> ledger = make_ledger([("2026-01-05", "travel", 40.0), ("2026-01-06", "travel", 10.0)])
    >>> category_totals(ledger)[["category", "kind", "amount_usd"]]
      category     kind  amount_usd
    0   travel  expense        50.0
    """
    ledger = _entries(ledger)
    totals = ledger.groupby("category", as_index=False).agg(amount_usd=("amount_usd", "sum"))
    totals["kind"] = totals["category"].map({name: value[0] for name, value in CATEGORIES.items()})
    totals["meaning"] = totals["category"].map({name: value[1] for name, value in CATEGORIES.items()})
    return totals.sort_values("amount_usd", ascending=False, ignore_index=True)[
        ["category", "kind", "amount_usd", "meaning"]
    ]
