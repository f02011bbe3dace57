"""The bookkeeping form: its model without a browser, and the widget wiring."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlmkit.books import Books, load_books, save_books, update_books
from mlmkit.widgets.books import BooksForm, BooksKeeper

ROWS = [
    ("2026-01-03", "entry_fee", 49.0, "join"),
    ("2026-01-03", "starter_kit", 199.0, ""),
    ("2026-01-20", "retail_sales", 80.0, "3 customers"),
]


def test_model_lists_edits_and_deletes_keeping_history(tmp_path: Path) -> None:
    form = BooksForm(Books.from_entries(ROWS), path=tmp_path / "f.csv")
    assert [entry_id for _, entry_id in form.entry_choices()] == [1, 2, 3]
    assert form.select(2) and form.fields["amount_usd"] == "199.00" and form.selected == 2
    form.fields["amount_usd"] = "99"
    assert form.apply_edit(), form.message
    assert form.ledger.set_index("entry_id").loc[2, "amount_usd"] == 99.0
    assert form.delete(1), form.message
    assert [entry_id for _, entry_id in form.entry_choices()] == [2, 3]
    assert "3 earlier versions and deleted entries kept" in form.status_text()
    assert form.save(), form.message
    saved = load_books(tmp_path / "f.csv")
    assert saved.versions(2)["amount_usd"].tolist() == [199.0, 99.0]
    assert saved.versions(1)["status"].tolist() == ["replaced", "deleted"]
    assert form.restore(1) and len(form.ledger) == 3


def test_model_errors_name_the_row_and_keep_what_was_typed(tmp_path: Path) -> None:
    form = BooksForm(Books.from_entries(ROWS), path=tmp_path / "f.csv")
    form.fields.update(date="2026-01-32", category="travel", amount_usd="12", note="bus")
    assert form.add() is False
    assert form.message.startswith("row 4: date = '2026-01-32'") and not form.ok
    assert form.fields == {"date": "2026-01-32", "category": "travel", "amount_usd": "12", "note": "bus",
                           "path": str(tmp_path / "f.csv")}
    assert len(form.ledger) == 3
    for typed, words in [("-12", "never negative"), ("", "written as a number")]:
        form.fields.update(date="2026-01-05", amount_usd=typed)
        assert form.add() is False and words in form.message
    form.fields.update(amount_usd="12", note="bad \ud800")
    assert form.add() is False and "row 4: note" in form.message
    form.fields.update(note="1026 typo", date="1026-01-05")
    assert form.add() is False and "typo" in form.message
    assert form.apply_edit() is False and "pick an entry" in form.message
    assert form.delete() is False and "pick an entry" in form.message
    form.fields["path"] = str(tmp_path)
    assert form.save() is False and "folder" in form.message
    form.fields["path"] = "/dev/null"
    assert form.save() is False and "device" in form.message
    form.fields["path"] = str(tmp_path / "missing.csv")
    assert form.load() is False and "no such file" in form.message
    assert len(form.ledger) == 3


def test_unexpected_errors_are_shown_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    form = BooksForm(Books.from_entries(ROWS))

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(Books, "add", broken)
    form.fields.update(amount_usd="5")
    assert form.add() is False and form.message == "unexpected error (ZeroDivisionError): boom"
    assert len(form.ledger) == 3


def test_widget_buttons_show_every_error_and_lose_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keeper = BooksKeeper(Books.from_entries(ROWS), path=tmp_path / "b.csv")
    keeper.controls["date"].value = "2026-01-32"
    keeper.controls["amount_usd"].value = "10"
    keeper.buttons["add"].click()  # a real click: the handler must not swallow the error
    assert "row 4: date" in keeper.status.value and "Not done" in keeper.status.value
    assert keeper.controls["date"].value == "2026-01-32" and keeper.controls["amount_usd"].value == "10"
    keeper.controls["date"].value = "2026-02-01"
    keeper.buttons["add"].click()
    assert len(keeper.ledger) == 4 and len(keeper.entries.options) == 4
    keeper.entries.value = 2
    keeper.buttons["edit"].click()
    assert keeper.controls["amount_usd"].value == "199.00"
    keeper.controls["amount_usd"].value = "150"
    keeper.buttons["apply"].click()
    assert keeper.ledger.set_index("entry_id").loc[2, "amount_usd"] == 150.0
    keeper.entries.value = 1
    keeper.buttons["delete"].click()
    assert [value for _, value in keeper.entries.options] == [2, 3, 4]
    assert [value for _, value in keeper.deleted.options] == [1] and keeper.deleted.value == 1
    keeper.buttons["restore"].click()
    assert [value for _, value in keeper.entries.options] == [1, 2, 3, 4] and keeper.deleted.options == ()
    keeper.buttons["restore"].click()
    assert "pick a deleted entry" in keeper.status.value
    keeper.entries.value = 1
    keeper.buttons["delete"].click()
    keeper.buttons["save"].click()
    assert load_books(tmp_path / "b.csv").equals(keeper.model.books)
    keeper.controls["date"].value = "<script>alert(1)</script>"
    keeper.buttons["add"].click()
    assert "<script>" not in keeper.status.value and "&lt;script&gt;" in keeper.status.value
    monkeypatch.setattr(keeper.model, "save", lambda: 1 / 0)
    keeper.buttons["save"].click()
    assert "ZeroDivisionError" in keeper.status.value


def test_widget_load_replaces_fields_and_far_dates_chart_fine(tmp_path: Path) -> None:
    path = tmp_path / "far.csv"
    save_books(Books.from_entries([("1950-01-01", "travel", 1.0), ("2099-12-31", "commissions", 2.0)]), path)
    keeper = BooksKeeper(path=path)
    keeper.buttons["load"].click()
    assert len(keeper.ledger) == 2 and keeper.model.ok
    keeper.controls["date"].value = "2099-06-01"
    keeper.controls["amount_usd"].value = "3"
    keeper.buttons["add"].click()  # used to fail with Altair's MaxRowsError on every later Add
    assert keeper.model.ok and len(keeper.ledger) == 3


def test_saving_never_overwrites_books_another_program_saved(tmp_path: Path) -> None:
    path = tmp_path / "shared.csv"
    form = BooksForm(Books.from_entries(ROWS), path=path)
    assert form.save(), form.message
    update_books(path, lambda books: books.add("2026-02-01", "travel", 9.0, "from the CLI"))
    form.fields.update(date="2026-02-02", category="travel", amount_usd="4", note="")
    assert form.add()
    assert form.save() is False and "another program saved this file" in form.message
    assert "from the CLI" in set(load_books(path).entries["note"])
    fresh = BooksForm(path=path)  # e.g. the notebook run again the next day, form still empty
    fresh.fields.update(date="2026-03-01", category="travel", amount_usd="1", note="")
    assert fresh.add()
    assert fresh.save() is False and "already holds other books" in fresh.message
    assert fresh.load() and len(fresh.ledger) == 4
    assert fresh.add() and fresh.save(), fresh.message
    assert len(load_books(path)) == 5
