"""A small bookkeeping form: add transactions, see the months add up, save to a CSV.

Logic apart from layout: :meth:`BooksKeeper.add` and :meth:`BooksKeeper.save` work
on ``ledger`` through :mod:`mlmkit.books`; the buttons only call them. A bad entry is
refused with a message and nothing already entered is lost.

Examples
--------
>>> keeper = BooksKeeper()
>>> keeper.controls["category"].value = "commissions"
>>> keeper.controls["amount_usd"].value = 25.0
>>> keeper.controls["date"].value = "2026-01-15"
>>> keeper.add()
True
>>> keeper.statement["net_usd"].tolist()
[25.0]
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

import altair as alt
import ipywidgets as widgets
import pandas as pd

from mlmkit._validation import MlmkitInputError
from mlmkit.books import (
    CATEGORIES,
    add_transaction,
    load_ledger,
    make_ledger,
    monthly_statement,
    save_ledger,
)
from mlmkit.charts.books import monthly_results
from mlmkit.widgets._common import show_explorer

__all__ = ["BooksKeeper"]


class BooksKeeper:
    """Enter transactions one at a time and watch the monthly statement.

    Parameters
    ----------
    ledger : pandas.DataFrame, optional
        A ledger to start from (see :func:`mlmkit.books.make_ledger`).
    path : str or os.PathLike, optional
        CSV file for Load and Save.
    """

    def __init__(self, ledger: pd.DataFrame | None = None, path: str | os.PathLike[str] = "my_books.csv") -> None:
        self.ledger = make_ledger(ledger if ledger is not None else [])
        style = {"description_width": "110px"}
        self.controls: dict[str, Any] = {
            "date": widgets.Text(value="2026-01-01", description="date (Y-M-D)", style=style),
            "category": widgets.Dropdown(
                options=[(f"{name} ({kind})", name) for name, (kind, _) in CATEGORIES.items()],
                value="retail_sales", description="category", style=style,
            ),
            "amount_usd": widgets.BoundedFloatText(value=0.0, min=0, max=1e7, description="amount (USD)", style=style),
            "note": widgets.Text(value="", description="note", style=style),
            "path": widgets.Text(value=str(path), description="CSV file", style=style),
        }
        self.buttons = {
            "add": widgets.Button(description="Add", button_style="success"),
            "save": widgets.Button(description="Save"),
            "load": widgets.Button(description="Load"),
        }
        self.buttons["add"].on_click(lambda _: self.add())
        self.buttons["save"].on_click(lambda _: self.save())
        self.buttons["load"].on_click(lambda _: self.load())
        self.status = widgets.HTML()
        self.chart = alt.JupyterChart(monthly_results(self._chartable()))
        self.view = widgets.VBox(
            [
                widgets.HBox([widgets.VBox(list(self.controls.values())[:4]), widgets.VBox(
                    [self.controls["path"], widgets.HBox(list(self.buttons.values())), self.status])]),
                self.chart,
            ]
        )

    @property
    def statement(self) -> pd.DataFrame:
        """The monthly statement of the current ledger."""
        return monthly_statement(self.ledger)

    def _chartable(self) -> pd.DataFrame:
        return self.ledger if len(self.ledger) else make_ledger([("2026-01-01", "other_income", 0.0)])

    def _say(self, text: str, ok: bool = True) -> None:
        colour = "#256029" if ok else "#b00"
        self.status.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"

    def _redraw(self) -> None:
        self.chart.chart = monthly_results(self._chartable())

    def add(self) -> bool:
        """Add the transaction in the controls; False (and a message) if it is not valid."""
        values = {name: control.value for name, control in self.controls.items()}
        try:
            self.ledger = add_transaction(
                self.ledger, values["date"], values["category"], values["amount_usd"], values["note"]
            )
        except MlmkitInputError as error:
            self._say(str(error), ok=False)
            return False
        net = self.statement["cumulative_net_usd"].iloc[-1]
        self._say(f"{len(self.ledger)} transactions; net result so far ${net:,.2f}.")
        self._redraw()
        return True

    def save(self) -> Path | None:
        """Save to the CSV in ``controls['path']`` (the previous file is kept as .bak)."""
        try:
            path = save_ledger(self.ledger, self.controls["path"].value)
        except (MlmkitInputError, OSError) as error:
            self._say(f"not saved: {error}", ok=False)
            return None
        self._say(f"saved {len(self.ledger)} transactions to {path}")
        return path

    def load(self) -> bool:
        """Replace the ledger with the CSV in ``controls['path']``; on error keep the current one."""
        try:
            self.ledger = load_ledger(self.controls["path"].value)
        except (MlmkitInputError, OSError) as error:
            self._say(f"not loaded, nothing changed: {error}", ok=False)
            return False
        self._say(f"loaded {len(self.ledger)} transactions")
        self._redraw()
        return True

    def _ipython_display_(self) -> None:  # pragma: no cover - needs a notebook frontend
        """Show the live form; in a static export, the chart of the books as they are now."""
        show_explorer(
            self.view,
            "A bookkeeping form is here when the notebook runs in JupyterLab.",
            monthly_results(self._chartable()),
        )
