"""The ``mlmkit`` command.

::

    mlmkit score data/companies/evergreen_pantry.toml
    mlmkit score data/companies/evergreen_pantry.toml --html report.html
    mlmkit score --compare data/companies/*.toml
    mlmkit score profile.toml --weight buyback=4 --weight company=0.5

    mlmkit books add 2026-01-05 starter_kit 99 --note "business kit" --file my_books.csv
    mlmkit books list --file my_books.csv
    mlmkit books edit 1 --amount-usd 89 --file my_books.csv
    mlmkit books report --file my_books.csv

``books`` keeps a ledger CSV (add, list, edit, delete, restore, report, import,
export); every change is saved safely and keeps the old version in the file's history.
``score`` prints the scorecard (sub-scores, every point gained or lost, the pyramid
indicators and the questions to ask); with ``--compare`` it ranks several profiles.
``--html`` writes a self-contained report that works offline. A bad profile prints a
message naming the file, the field, the value and what is allowed, and exits with
status 2. Education, not legal or financial advice.

Examples
--------
>>> from mlmkit.datasets import data_path
>>> main(["score", str(data_path("companies", "evergreen_pantry.toml"))])  # doctest: +ELLIPSIS
Evergreen Pantry (fictional example)
...
0
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from mlmkit._validation import MlmkitInputError, fail

__all__ = ["build_parser", "main", "parse_weight"]


def parse_weight(text: str) -> tuple[str, float]:
    """Read ``NAME=NUMBER`` from ``--weight``.

    Examples
    --------
    >>> parse_weight("buyback=4")
    ('buyback', 4.0)
    >>> parse_weight("buyback")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: --weight = 'buyback' is not allowed: write NAME=NUMBER, e.g. buyback=4 or pay_plan=2.
    """
    name, sep, value = text.partition("=")
    try:
        number = float(value)
    except ValueError:
        number = None
    if not sep or not name.strip() or number is None:
        raise fail("--weight", text, "write NAME=NUMBER, e.g. buyback=4 or pay_plan=2")
    return name.strip(), number


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and ``--help``)."""
    parser = argparse.ArgumentParser(
        prog="mlmkit",
        description="Look at a multi-level marketing opportunity with clear eyes. "
        "Education, not legal or financial advice.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    score = commands.add_parser(
        "score",
        help="score company profiles (TOML) and flag pyramid indicators",
        description="Score one or more company profiles. The format is documented in "
        "data/companies/README.md.",
    )
    score.add_argument("profiles", nargs="+", type=Path, help="company profile files (.toml)")
    score.add_argument(
        "--compare", action="store_true", help="rank the profiles side by side (best first)"
    )
    score.add_argument("--html", type=Path, metavar="OUT.html", help="also write an HTML report")
    score.add_argument(
        "--overwrite", action="store_true", help="replace an existing --html file"
    )
    score.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="NAME=NUMBER",
        help="change a weight: a criterion (e.g. buyback=4) or an area (product, pay_plan, "
        "company); repeat as needed",
    )
    _add_books_parser(commands)
    return parser


def _add_books_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``mlmkit books ...``: keep a ledger CSV from the command line."""
    books = commands.add_parser(
        "books",
        help="keep the books of your business in a CSV ledger (add, list, edit, delete, report, import, export)",
        description="Keep the books of your business in a plain CSV file. Every change is saved "
        "safely (locked, atomic, with numbered backups) and edits and deletions keep the old "
        "version in the file's history. Education, not tax or financial advice.",
    )
    actions = books.add_subparsers(dest="books_command", required=True)

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--file", type=Path, required=True, metavar="PATH", help="the ledger CSV file")
        return sub

    add = action("add", "add an entry (the file is created if it does not exist)")
    add.add_argument("date", help="YYYY-MM-DD")
    add.add_argument("category", help="e.g. retail_sales, commissions, required_purchases (see `list --categories`)")
    add.add_argument("amount_usd", help="amount in US dollars, zero or more")
    add.add_argument("--note", default="", help="free text")
    listing = action("list", "list the current entries")
    listing.add_argument("--history", action="store_true", help="also list replaced and deleted versions")
    listing.add_argument("--categories", action="store_true", help="list the categories instead")
    edit = action("edit", "change an entry (the old version is kept in the history)")
    edit.add_argument("entry_id", help="the entry's id (see list)")
    edit.add_argument("--date")
    edit.add_argument("--category")
    edit.add_argument("--amount-usd", dest="amount_usd")
    edit.add_argument("--note")
    delete = action("delete", "delete an entry (it stays in the history)")
    delete.add_argument("entry_id")
    restore = action("restore", "bring back a deleted entry")
    restore.add_argument("entry_id")
    action("report", "monthly statement and totals per category")
    imported = action("import", "add every entry of another CSV (date, category, amount_usd, note)")
    imported.add_argument("source", type=Path, help="CSV file to import")
    exported = action("export", "write the current entries to a spreadsheet-safe CSV")
    exported.add_argument("out", type=Path, help="CSV file to write")
    exported.add_argument("--overwrite", action="store_true", help="replace an existing file (it is kept as a backup)")


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(text))


def _books_command(args: argparse.Namespace) -> int:
    from mlmkit import books as bk

    path: Path = args.file
    command = args.books_command
    if command == "list" and args.categories:
        for name, (kind, meaning) in bk.CATEGORIES.items():
            print(f"{name:<22} {kind:<8} {meaning}")
        return 0
    if command in ("add", "edit", "delete", "restore", "import"):
        if command == "add":
            def change(books: bk.Books) -> bk.Books:
                return books.add(args.date, args.category, args.amount_usd, args.note)
        elif command == "edit":
            def change(books: bk.Books) -> bk.Books:
                return books.edit(args.entry_id, date=args.date, category=args.category,
                                  amount_usd=args.amount_usd, note=args.note)
        elif command == "delete":
            def change(books: bk.Books) -> bk.Books:
                return books.delete(args.entry_id)
        elif command == "restore":
            def change(books: bk.Books) -> bk.Books:
                return books.restore(args.entry_id)
        else:
            incoming = bk.read_entries_csv(args.source)

            def change(books: bk.Books) -> bk.Books:
                for row in incoming.itertuples():
                    books = books.add(f"{row.date:%Y-%m-%d}", row.category, row.amount_usd, row.note)
                return books
        if command not in ("add", "import") and not path.exists():
            raise fail("--file", str(path), "no such file (add an entry first to create it)")
        saved = bk.update_books(path, change)
        print(f"{command}: done. {len(saved)} entries in {path}; "
              f"{len(saved.history)} earlier versions kept in its history.")
        return 0
    loaded = bk.load_books(path)
    if command == "list":
        table = loaded.table if args.history else loaded.entries
        if table.empty:
            print("no entries")
            return 0
        for row in table.to_dict("records"):
            status = f" [{row['status']} v{row['version']}]" if args.history else ""
            print(f"#{row['entry_id']:<4} {row['date']:%Y-%m-%d}  {row['category']:<22} "
                  f"USD {row['amount_usd']:>10,.2f}  {_printable(row['note'])}{status}")
        return 0
    if command == "report":
        statement = bk.monthly_statement(loaded)
        if statement.empty:
            print("no entries")
            return 0
        print(f"{'month':<8} {'income USD':>12} {'expenses USD':>13} {'net USD':>11} {'net so far USD':>15}")
        for row in statement.itertuples():
            print(f"{row.month:<8} {row.income_usd:>12,.2f} {row.expenses_usd:>13,.2f} "
                  f"{row.net_usd:>11,.2f} {row.cumulative_net_usd:>15,.2f}")
        income, expenses = statement["income_usd"].sum(), statement["expenses_usd"].sum()
        print(f"\ntotal: income USD {income:,.2f}, expenses USD {expenses:,.2f}, "
              f"net result USD {income - expenses:,.2f}\n")
        for row in bk.category_totals(loaded).itertuples():
            print(f"{row.category:<22} {row.kind:<8} USD {row.amount_usd:>10,.2f}")
        print("\nEducation, not tax, legal or financial advice.")
        return 0
    # export
    if args.out.exists() and not args.overwrite:
        raise fail("out", str(args.out), "the file exists; add --overwrite to replace it (the old one is kept as a backup)")
    bk.export_csv(loaded, args.out)
    print(f"export: wrote {len(loaded)} entries to {args.out} (spreadsheet-safe)")
    return 0


def _score_command(args: argparse.Namespace) -> int:
    from mlmkit import scorecard

    weights = dict(parse_weight(text) for text in args.weight)
    scorecard.resolve_weights(weights)  # fail early on a bad weight name
    profiles = [scorecard.load_profile(path) for path in args.profiles]
    results = [scorecard.score(profile, weights) for profile in profiles]
    ranking = None
    if args.compare:
        ranking = scorecard.compare(results)
        print(scorecard.compare_text(ranking), end="")
    else:
        for number, result in enumerate(results):
            if number:
                print("\n" + "=" * 88 + "\n")
            print(result.to_text(), end="")
    if args.html is not None:
        out = args.html
        if out.exists() and not args.overwrite:
            raise fail("--html", str(out), "the file exists; add --overwrite to replace it")
        if args.compare:
            order = list(ranking["company"]) if ranking is not None else []
            results = sorted(results, key=lambda result: order.index(result.company))
        out.write_text(scorecard.to_html(results, ranking=ranking), encoding="utf-8")
        print(f"\nWrote {out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input).

    Examples
    --------
    >>> main(["score", "no_such_file.toml"])
    2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "score":
            return _score_command(args)
        if args.command == "books":
            return _books_command(args)
    except MlmkitInputError as error:
        print(f"mlmkit: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"mlmkit: error: {error}", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command!r}")
    return 2  # pragma: no cover (parser.error exits)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
