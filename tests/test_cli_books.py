"""`mlmkit books ...`: every action, and errors that exit 2 with a message, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlmkit.books import load_books
from mlmkit.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_add_list_edit_delete_restore_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    books = str(tmp_path / "books.csv")
    assert run(capsys, "books", "add", "2026-01-04", "entry_fee", "49", "--note", "join", "--file", books)[0] == 0
    assert run(capsys, "books", "add", "2026-01-20", "retail_sales", "1,200.50", "--file", books)[0] == 0
    assert run(capsys, "books", "add", "2026-02-01", "required_purchases", "100", "--note", "=cmd|calc", "--file", books)[0] == 0
    status, out, _ = run(capsys, "books", "list", "--file", books)
    assert status == 0 and out.count("\n") == 3 and "#3" in out and "=cmd|calc" in out
    assert run(capsys, "books", "edit", "1", "--amount-usd", "59", "--file", books)[0] == 0
    assert run(capsys, "books", "delete", "2", "--file", books)[0] == 0
    saved = load_books(books)
    assert sorted(saved.entries["entry_id"]) == [1, 3] and saved.versions(1)["amount_usd"].tolist() == [49.0, 59.0]
    status, out, _ = run(capsys, "books", "list", "--history", "--file", books)
    assert "[deleted v2]" in out and "[replaced v1]" in out
    assert run(capsys, "books", "restore", "2", "--file", books)[0] == 0
    status, out, _ = run(capsys, "books", "report", "--file", books)
    assert status == 0 and "2026-02" in out and "net result USD 1,041.50" in out
    assert "'=cmd|calc" in (tmp_path / "books.csv").read_text()


def test_import_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bank.csv"
    source.write_text("date,category,amount_usd,note\n2026-03-01,travel,12.5,bus\n2026-03-02,commissions,40,@SUM(1)\n")
    books = str(tmp_path / "b.csv")
    assert run(capsys, "books", "import", str(source), "--file", books)[0] == 0
    out_path = tmp_path / "out.csv"
    assert run(capsys, "books", "export", str(out_path), "--file", books)[0] == 0
    assert "'@SUM(1)" in out_path.read_text()
    status, _, err = run(capsys, "books", "export", str(out_path), "--file", books)
    assert status == 2 and "--overwrite" in err
    assert run(capsys, "books", "export", str(out_path), "--overwrite", "--file", books)[0] == 0


@pytest.mark.parametrize(("argv", "words"), [
    (["add", "2026-01-32", "travel", "5"], "row 1: date"),
    (["add", "1026-01-05", "travel", "5"], "typo"),
    (["add", "2026-01-05", "travel", "-5"], "never negative"),
    (["add", "2026-01-05", "rent", "5"], "use one of"),
    (["edit", "9", "--note", "x"], "no entry has this id"),
    (["edit", "one", "--note", "x"], "entry_id = 'one'"),
    (["delete", "1"], "no such file"),
])
def test_bad_input_exits_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    books = tmp_path / "b.csv"
    if argv[0] == "edit":
        main(["books", "add", "2026-01-05", "travel", "5", "--file", str(books)])
        capsys.readouterr()
    status, _, err = run(capsys, "books", *argv, "--file", str(books))
    assert status == 2 and words in err and "Traceback" not in err


def test_files_that_are_not_ledgers_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "books", "add", "2026-01-05", "travel", "5", "--file", str(tmp_path))
    assert status == 2 and "folder" in err
    status, _, err = run(capsys, "books", "add", "2026-01-05", "travel", "5", "--file", "/dev/null")
    assert status == 2 and "device" in err
    bad = tmp_path / "bad.csv"
    bad.write_text("date,category,amount_usd\n2026-01-01,travel,1\n2026-01-02,travel,2\n2026-01-03,travel,3\n2026-01-40,travel,4\n")
    status, _, err = run(capsys, "books", "list", "--file", str(bad))
    assert status == 2 and "bad.csv: row 4: date" in err


def test_the_real_command_prints_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mlmkit", "books", "add", "2026-01-05", "travel", "abc", "--file", str(tmp_path / "x.csv")],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 2 and "amount_usd = 'abc'" in result.stderr and "Traceback" not in result.stderr
