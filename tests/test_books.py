"""Keeping the books: ledger checks, monthly statement, safe saving, the form."""

from __future__ import annotations

import pandas as pd
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.books import (
    add_transaction,
    category_totals,
    load_ledger,
    make_ledger,
    monthly_statement,
    save_ledger,
)
from mlmkit.charts.books import monthly_results, spending_by_category

ROWS = [
    ("2026-01-03", "entry_fee", 49.0, "join"),
    ("2026-01-03", "starter_kit", 199.0, ""),
    ("2026-01-20", "retail_sales", 80.0, "3 customers"),
    ("2026-03-02", "commissions", 35.5, ""),
    ("2026-03-05", "required_purchases", 120.0, "autoship"),
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
        (("2026-01-01", "vacation", 5.0), "row 1: category", "use one of"),
        (("2026-01-01", "travel", -5.0), "row 1: amount_usd", "positive"),
        (("2026-01-01", "travel", "five"), "row 1: amount_usd", "positive"),
    ],
)
def test_bad_rows_name_row_field_and_value(row, field, words):
    with pytest.raises(MlmkitInputError) as error:
        make_ledger([row])
    assert error.value.field == field
    assert words in str(error.value)


def test_save_keeps_the_previous_file_and_round_trips(tmp_path):
    path = tmp_path / "books.csv"
    first = make_ledger(ROWS[:2])
    save_ledger(first, path)
    second = add_transaction(first, "2026-02-01", "travel", 12.0, "mileage, 30 miles")
    save_ledger(second, path)
    assert len(load_ledger(path)) == 3
    assert len(load_ledger(path.with_name("books.csv.bak"))) == 2
    pd.testing.assert_frame_equal(load_ledger(path), second)


def test_loading_a_bad_file_names_the_file_and_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,category,amount_usd,note\n2026-01-01,travel,10,\n2026-01-02,travel,ten,\n")
    with pytest.raises(MlmkitInputError, match=r"bad.csv: row 2: amount_usd = 'ten'"):
        load_ledger(path)


def test_charts_are_computed_from_the_ledger():
    ledger = make_ledger(ROWS)
    spec = monthly_results(ledger).to_dict()
    datasets = list(spec["datasets"].values())
    assert sum(len(rows) for rows in datasets) == 3 * 2 + 3
    totals = {row["category"]: row["amount_usd"] for row in list(spending_by_category(ledger).to_dict()["datasets"].values())[0]}
    assert totals == category_totals(ledger).set_index("category")["amount_usd"].to_dict()


def test_form_refuses_bad_input_and_keeps_entries(tmp_path):
    pytest.importorskip("ipywidgets")
    from mlmkit.widgets.books import BooksKeeper

    keeper = BooksKeeper(make_ledger(ROWS[:1]), path=tmp_path / "b.csv")
    keeper.controls["date"].value = "2026-01-32"
    keeper.controls["amount_usd"].value = 10.0
    assert keeper.add() is False
    assert "YYYY-MM-DD" in keeper.status.value
    assert len(keeper.ledger) == 1
    keeper.controls["date"].value = "2026-02-01"
    assert keeper.add() is True
    assert len(keeper.ledger) == 2
    assert keeper.save() == tmp_path / "b.csv"
    keeper.controls["path"].value = str(tmp_path / "missing.csv")
    assert keeper.load() is False
    assert len(keeper.ledger) == 2
