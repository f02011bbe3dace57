"""A bookkeeping form: add, list, edit and delete entries, watch the months add up, save safely.

Logic apart from layout. :class:`BooksForm` is the whole form without any widget: the
fields hold exactly what was typed (as text), and every action (:meth:`~BooksForm.add`,
:meth:`~BooksForm.select`, :meth:`~BooksForm.apply_edit`, :meth:`~BooksForm.delete`,
:meth:`~BooksForm.restore`, :meth:`~BooksForm.save`, :meth:`~BooksForm.load`) returns
``True`` or ``False`` and leaves a message. An error of any kind (a bad date, a locked
file, even a bug) becomes the message, shown in the form; the fields keep what was typed
and the books keep every entry. :class:`BooksKeeper` lays the form out with ipywidgets
and only copies values between the widgets and the model.

Examples
--------
>>> form = BooksForm()
>>> form.fields.update(date="2026-01-15", category="commissions", amount_usd="25")
>>> form.add()
True
>>> form.fields["amount_usd"] = "-5"
>>> form.add(), form.message
(False, "row 2: amount_usd = '-5' is not allowed: an amount is never negative: ...")
>>> form.fields["amount_usd"]  # what was typed is still there to correct
'-5'
>>> form.statement["net_usd"].tolist()
[25.0]
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from mlmkit import safe_write
from mlmkit._display import counted, format_usd
from mlmkit._validation import MlmkitInputError, check_path, check_text
from mlmkit.books import CATEGORIES, Books, load_books, monthly_statement, save_books
from mlmkit.charts.books import monthly_results
from mlmkit.widgets._common import show_explorer

__all__ = ["BooksForm", "BooksKeeper"]

FIELDS = ("date", "category", "amount_usd", "note")


class BooksForm:
    """The bookkeeping form's logic, testable without a browser.

    Parameters
    ----------
    ledger : Books or pandas.DataFrame, optional
        Books to start from (see :func:`mlmkit.books.make_ledger`).
    path : str or os.PathLike, optional
        CSV file for Load and Save.

    Attributes
    ----------
    fields : dict
        What is typed in the form: ``date``, ``category``, ``amount_usd``, ``note``, ``path``.
    books : Books
        The ledger with its history.
    selected : int or None
        The entry being edited (after :meth:`select`).
    message, ok
        The last action's message and whether it succeeded.
    """

    def __init__(self, ledger: Books | pd.DataFrame | None = None, path: str | os.PathLike[str] = "my_books.csv") -> None:
        path = check_path("path", path)
        self.books = Books.from_entries(ledger if ledger is not None else [])
        self.fields: dict[str, str] = {"date": "2026-01-01", "category": "retail_sales", "amount_usd": "",
                                       "note": "", "path": str(path)}
        self.selected: int | None = None
        self.message = ""
        self.ok = True
        self._seen: dict[str, tuple[int, int, int] | None] = {}  # file -> signature when last loaded/saved

    # -- views
    @property
    def ledger(self) -> pd.DataFrame:
        """The current entries."""
        return self.books.entries

    @property
    def statement(self) -> pd.DataFrame:
        """The monthly statement of the current entries."""
        return monthly_statement(self.books)

    def entry_choices(self) -> list[tuple[str, int]]:
        """``(label, entry_id)`` for every current entry, by date (for a list to pick from)."""
        return [
            (f"#{row['entry_id']}  {row['date']:%Y-%m-%d}  {row['category']}  {format_usd(row['amount_usd'], cents=True)}"
             + (f"  {row['note'][:40]}" if row['note'] else ""), int(row["entry_id"]))
            for row in self.books.entries.to_dict("records")
        ]

    def deleted_choices(self) -> list[tuple[str, int]]:
        """``(label, entry_id)`` for every deleted entry (for Restore)."""
        table = self.books.table
        newest = table[table["status"] == "deleted"]
        return [
            (f"#{row['entry_id']}  {row['date']:%Y-%m-%d}  {row['category']}  {format_usd(row['amount_usd'], cents=True)}",
             int(row["entry_id"]))
            for row in newest.to_dict("records")
        ]

    def summary(self) -> pd.Series:
        """The books in numbers: ``entries``, ``net_usd`` (so far) and ``earlier_versions_kept``.

        The same in one sentence (the form's message): :meth:`status_text`.
        """
        from mlmkit._compat import OldShapeSeries

        net = float(self.statement["net_usd"].sum()) if len(self.books) else 0.0
        series = pd.Series({"entries": len(self.books), "net_usd": net,
                            "earlier_versions_kept": len(self.books.history)}, name="books", dtype=object)
        return OldShapeSeries.wrap(series, self.status_text, old="BooksForm.summary()", new="BooksForm.status_text()")

    def status_text(self) -> str:
        """Entries, net result so far, and how many earlier versions are kept, in one sentence."""
        numbers = self.summary()
        count, net, kept = int(numbers["entries"]), float(numbers["net_usd"]), int(numbers["earlier_versions_kept"])
        return (f"{count:,} {'entry' if count == 1 else 'entries'}; net result so far {format_usd(net, cents=True)}; "
                f"{kept:,} earlier {'version or deleted entry' if kept == 1 else 'versions and deleted entries'} "
                "kept in the history.")

    # -- actions
    def _run(self, action: Callable[[], str]) -> bool:
        """Run an action; any error becomes the message and changes nothing."""
        try:
            for name, value in self.fields.items():  # what is typed in a box is text
                check_text(name, value, max_length=100_000)
            check_path("path", self.fields["path"])
            text = action()
        except (MlmkitInputError, OSError) as error:
            self.message, self.ok = str(error), False
            return False
        except Exception as error:  # noqa: BLE001 - a button must never fail silently
            self.message, self.ok = f"unexpected error ({type(error).__name__}): {error}", False
            return False
        self.message, self.ok = text, True
        return True

    def add(self) -> bool:
        """Add the entry typed in the fields."""
        def action() -> str:
            self.books = self.books.add(*(self.fields[name] for name in FIELDS))
            return "added. " + self.status_text()
        return self._run(action)

    def select(self, entry_id: Any) -> bool:
        """Copy an entry into the fields to edit it."""
        def action() -> str:
            row = self.books.versions(entry_id).iloc[-1]
            if row["status"] != "current":
                raise MlmkitInputError("entry_id", entry_id, f"entry {entry_id} is {row['status']}; restore it first")
            self.fields.update(date=f"{row['date']:%Y-%m-%d}", category=str(row["category"]),
                               amount_usd=f"{row['amount_usd']:.2f}", note=str(row["note"]))
            self.selected = int(row["entry_id"])
            return f"editing entry #{self.selected}: change the fields, then Apply edit (or Delete it)."
        return self._run(action)

    def apply_edit(self) -> bool:
        """Replace the selected entry with what is in the fields (the old version is kept)."""
        def action() -> str:
            if self.selected is None:
                raise MlmkitInputError("entry", None, "pick an entry from the list first, then Edit")
            before = self.books
            self.books = self.books.edit(self.selected, **{name: self.fields[name] for name in FIELDS})
            if self.books is before:
                return f"entry #{self.selected} unchanged."
            return f"entry #{self.selected} changed (the old version is kept). " + self.status_text()
        return self._run(action)

    def delete(self, entry_id: Any = None) -> bool:
        """Delete an entry (the selected one by default); it stays in the history."""
        def action() -> str:
            target = self.selected if entry_id is None else entry_id
            if target is None:
                raise MlmkitInputError("entry", None, "pick an entry from the list first, then Delete")
            self.books = self.books.delete(target)
            if self.selected == int(target):
                self.selected = None
            return f"entry #{int(target)} deleted (kept in the history; Restore brings it back). " + self.status_text()
        return self._run(action)

    def restore(self, entry_id: Any) -> bool:
        """Bring back a deleted entry."""
        def action() -> str:
            if entry_id is None:
                raise MlmkitInputError("entry", None, "pick a deleted entry first, then Restore")
            self.books = self.books.restore(entry_id)
            return f"entry #{int(entry_id)} restored. " + self.status_text()
        return self._run(action)

    def save(self) -> bool:
        """Save to the file in ``fields['path']`` (the previous file is kept as name.1.csv).

        If another program saved that file after this form last loaded or saved it, the
        save is refused (so its changes are not overwritten unseen): Load to see them, or
        save under another name.
        """
        def action() -> str:
            path = Path(self.fields["path"])
            with safe_write.locked(path):
                now = _signature(path)
                key = str(path.resolve())
                if now is not None and key in self._seen and self._seen[key] != now:
                    raise MlmkitInputError(
                        "path", str(path), "another program saved this file after this form last loaded or "
                        "saved it; press Load to see its entries, or save under another name")
                if now is not None and key not in self._seen:
                    on_disk = load_books(path)
                    if len(on_disk.table) and not on_disk.equals(self.books):
                        raise MlmkitInputError(
                            "path", str(path), "the file already holds other books; press Load to open them, "
                            "or save under another name")
                save_books(self.books, path)
                self._seen[key] = _signature(path)
            return f"saved {counted(len(self.books), 'entry', 'entries')} (and their history) to {path}."
        return self._run(action)

    def load(self) -> bool:
        """Replace the books with the file in ``fields['path']``; on error keep the current ones."""
        def action() -> str:
            path = Path(self.fields["path"])
            self.books = load_books(path)
            self._seen[str(path.resolve())] = _signature(path)
            self.selected = None
            return f"loaded {self.fields['path']}. " + self.status_text()
        return self._run(action)


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


class BooksKeeper:
    """The bookkeeping form in JupyterLab: fields, the list of entries, buttons and the chart.

    Parameters
    ----------
    ledger : Books or pandas.DataFrame, optional
        Books to start from.
    path : str or os.PathLike, optional
        CSV file for Load and Save.

    Examples
    --------
    >>> keeper = BooksKeeper()
    >>> keeper.controls["category"].value = "commissions"
    >>> keeper.controls["amount_usd"].value = "25"
    >>> keeper.controls["date"].value = "2026-01-15"
    >>> keeper.click("add")
    True
    >>> keeper.statement["net_usd"].tolist(), len(keeper.entries.options)
    ([25.0], 1)
    """

    def __init__(self, ledger: Books | pd.DataFrame | None = None, path: str | os.PathLike[str] = "my_books.csv") -> None:
        self.model = BooksForm(ledger, path)
        style = {"description_width": "110px"}
        wide = widgets.Layout(width="340px")
        self.controls: dict[str, Any] = {
            "date": widgets.Text(description="date (Y-M-D)", style=style, layout=wide),
            "category": widgets.Dropdown(
                options=[(f"{name} ({kind})", name) for name, (kind, _) in CATEGORIES.items()],
                description="category", style=style, layout=wide,
            ),
            "amount_usd": widgets.Text(description="amount (USD)", placeholder="e.g. 35.00", style=style, layout=wide),
            "note": widgets.Text(description="note", style=style, layout=wide),
            "path": widgets.Text(description="CSV file", style=style, layout=wide),
        }
        self._show_fields()
        self.entries = widgets.Select(options=[], rows=8, description="entries", style=style,
                                      layout=widgets.Layout(width="560px"))
        self.buttons = {
            "add": widgets.Button(description="Add", button_style="success"),
            "edit": widgets.Button(description="Edit selected"),
            "apply": widgets.Button(description="Apply edit", button_style="info"),
            "delete": widgets.Button(description="Delete selected", button_style="warning"),
            "restore": widgets.Button(description="Restore"),
            "save": widgets.Button(description="Save"),
            "load": widgets.Button(description="Load"),
        }
        for name, button in self.buttons.items():
            button.on_click(lambda _, name=name: self.click(name))
        self.deleted = widgets.Dropdown(options=[], description="deleted", style=style,
                                        layout=widgets.Layout(width="440px"))
        self.status = widgets.HTML(layout=widgets.Layout(width="560px"))
        self.chart = alt.JupyterChart(monthly_results(self._chartable()))
        self.view = widgets.VBox([
            widgets.HBox([
                widgets.VBox([self.controls[name] for name in (*FIELDS, "path")]),
                widgets.VBox([
                    widgets.HBox([self.buttons["add"], self.buttons["save"], self.buttons["load"]]),
                    widgets.HBox([self.buttons["edit"], self.buttons["apply"], self.buttons["delete"]]),
                ]),
            ]),
            self.status,
            self.entries,
            widgets.HBox([self.deleted, self.buttons["restore"]]),
            self.chart,
        ])
        self._refresh()

    # -- compatibility with the first form
    @property
    def ledger(self) -> pd.DataFrame:
        """The current entries."""
        return self.model.ledger

    @property
    def statement(self) -> pd.DataFrame:
        """The monthly statement of the current entries."""
        return self.model.statement

    def add(self) -> bool:
        """Press Add."""
        return self.click("add")

    def save(self) -> bool:
        """Press Save."""
        return self.click("save")

    def load(self) -> bool:
        """Press Load."""
        return self.click("load")

    # -- wiring
    def click(self, name: str) -> bool:
        """Do what button ``name`` does; every error is shown in the form, never swallowed."""
        try:
            for field in self.model.fields:
                value = self.controls[field].value
                self.model.fields[field] = "" if value is None else str(value)
            actions: dict[str, Callable[[], bool]] = {
                "add": self.model.add,
                "edit": lambda: self.model.select(self.entries.value),
                "apply": self.model.apply_edit,
                "delete": lambda: self.model.delete(self.entries.value if self.entries.value is not None
                                                    else self.model.selected),
                "restore": lambda: self.model.restore(self.deleted.value),
                "save": self.model.save,
                "load": self.model.load,
            }
            done = actions[name]()
            if name in ("edit", "load"):
                self._show_fields()
            self._refresh()
        except Exception as error:  # noqa: BLE001 - shown in the form, not lost in a log
            self.model.message, self.model.ok = f"unexpected error ({type(error).__name__}): {error}", False
            self._say()
            return False
        return done

    def _show_fields(self) -> None:
        for field, value in self.model.fields.items():
            self.controls[field].value = value

    def _chartable(self) -> Books | pd.DataFrame:
        return self.model.books if len(self.model.books) else pd.DataFrame(
            {"entry_id": [1], "date": [pd.Timestamp("2026-01-01")], "category": ["other_income"],
             "amount_usd": [0.0], "note": [""]})

    def _say(self) -> None:
        colour = "#256029" if self.model.ok else "#b00"
        prefix = "" if self.model.ok else "Not done: "
        self.status.value = (f"<div style='color:{colour};white-space:normal'>"
                             f"{html.escape(prefix + self.model.message)}</div>")

    def _refresh(self) -> None:
        choices = self.model.entry_choices()
        keep = self.entries.value if self.entries.value in {value for _, value in choices} else None
        self.entries.options = choices
        self.entries.value = keep
        deleted = self.model.deleted_choices()
        self.deleted.options = deleted
        self.deleted.value = deleted[-1][1] if deleted else None
        self.chart.chart = monthly_results(self._chartable())
        if not self.model.message:
            self.model.message = self.model.status_text()
        self._say()

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        """Show the live form; in a static export, the chart of the books as they are now."""
        show_explorer(
            self.view,
            "A bookkeeping form is here when the notebook runs in JupyterLab.",
            monthly_results(self._chartable()),
        )
