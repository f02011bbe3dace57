"""The ``mlmkit`` command.

::

    mlmkit score data/companies/evergreen_pantry.toml
    mlmkit score data/companies/evergreen_pantry.toml --html report.html
    mlmkit score --compare data/companies/*.toml
    mlmkit score profile.toml --weight buyback=4 --weight company=0.5
    mlmkit first-year data/companies/evergreen_pantry.toml --hours-per-week 8
    mlmkit first-year --disclosure example_disclosure_fictional --kit-usd 99 \
        --monthly-purchase-usd 100 --hours-per-week 10 --claim-usd 2000 --per month
    mlmkit books add 2026-01-05 starter_kit 99 --note "business kit" --file my_books.csv
    mlmkit books list --file my_books.csv
    mlmkit books edit 1 --amount-usd 89 --file my_books.csv
    mlmkit books report --file my_books.csv

``books`` keeps a ledger CSV (add, list, edit, delete, restore, report, import,
export); every change is saved safely and keeps the old version in the file's history.
``score`` prints the scorecard (the band, the score on known answers with its range,
the median pay next to the year-one cost, the pyramid indicators with their rules, every
criterion and the questions to ask); with ``--compare`` it ranks several profiles.
``--html`` writes a self-contained report that works offline. A bad profile (or a
hostile one: nesting thousands deep, integers with thousands of digits) prints a message
naming the file, the field, the value and what is allowed, and exits with status 2; the
command never shows a traceback.
``first-year`` sets a recruit's year-one costs (from a profile and/or typed
numbers) against a disclosed distribution of pay: the chance of clearing them, the
median net and the hourly figure; ``--claim-usd`` checks a recruiter's income claim
against the same distribution. Education, not legal or financial advice.

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
import math
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mlmkit._compat import warn_renamed
from mlmkit._display import counted, format_usd
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
        number: float | None = float(value)
    except (ValueError, OverflowError):
        number = None
    if not sep or not name.strip() or number is None:
        raise fail("--weight", text, "write NAME=NUMBER, e.g. buyback=4 or pay_plan=2")
    if not math.isfinite(number):
        raise fail("--weight", text, "the weight must be a finite number between 0 and 1,000,000")
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
    _add_first_year_parser(commands)
    _add_books_parser(commands)
    return parser


def _add_books_parser(commands: argparse._SubParsersAction) -> None:
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
        count, kept = len(saved), len(saved.history)
        print(f"{command}: done. {count:,} {'entry' if count == 1 else 'entries'} in {path}; "
              f"{kept:,} earlier {'version' if kept == 1 else 'versions'} kept in its history.")
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
                  f"{format_usd(row['amount_usd'], cents=True):>14}  {_printable(row['note'])}{status}")
        return 0
    if command == "report":
        statement = bk.monthly_statement(loaded)
        if statement.empty:
            print("no entries")
            return 0
        print(f"{'month':<8} {'income USD':>12} {'expenses USD':>13} {'net USD':>11} {'net so far USD':>15}")
        for line in statement.itertuples():
            print(f"{line.month:<8} {line.income_usd:>12,.2f} {line.expenses_usd:>13,.2f} "
                  f"{line.net_usd:>11,.2f} {line.cumulative_net_usd:>15,.2f}")
        income, expenses = statement["income_usd"].sum(), statement["expenses_usd"].sum()
        print(f"\ntotal: income {format_usd(income, cents=True)}, expenses {format_usd(expenses, cents=True)}, "
              f"net result {format_usd(income - expenses, cents=True)}\n")
        for total in bk.category_totals(loaded).itertuples():
            print(f"{total.category:<22} {total.kind:<8} {format_usd(total.amount_usd, cents=True):>14}")
        print("\nEducation, not tax, legal or financial advice.")
        return 0
    # export
    if args.out.exists() and not args.overwrite:
        raise fail("out", str(args.out), "the file exists; add --overwrite to replace it (the old one is kept as a backup)")
    bk.export_csv(loaded, args.out)
    print(f"export: wrote {counted(len(loaded), 'entry', 'entries')} to {args.out} (spreadsheet-safe)")
    return 0



#: ``first-year`` cost options: (flag, YearOneCosts field, help).
FIRST_YEAR_COST_OPTIONS = (
    ("--kit-usd", "kit_usd", "starter kit, package or entry fee, paid once"),
    ("--monthly-purchase-usd", "monthly_purchase_usd",
     "required purchases each month (autoship)"),
    ("--yearly-renewal-usd", "yearly_renewal_usd", "yearly renewal fee"),
    ("--yearly-events-usd", "yearly_events_usd", "events and training in the year"),
    ("--monthly-samples-usd", "monthly_samples_usd", "samples and catalogues each month"),
    ("--monthly-phone-usd", "monthly_phone_usd", "phone and internet each month"),
    ("--monthly-travel-usd", "monthly_travel_usd", "travel each month"),
    ("--yearly-other-costs-usd", "yearly_other_costs_usd", "anything else in the year"),
)

#: ``first-year``'s old cost options (before units came last): old flag -> YearOneCosts field.
#: They still work, hidden from ``--help``, with a ``FutureWarning`` naming the new flag.
OLD_FIRST_YEAR_COST_OPTIONS = {
    "--monthly-purchases-usd": "monthly_purchase_usd",
    "--renewal-usd": "yearly_renewal_usd",
    "--events-usd": "yearly_events_usd",
    "--samples-usd-per-month": "monthly_samples_usd",
    "--phone-usd-per-month": "monthly_phone_usd",
    "--travel-usd-per-month": "monthly_travel_usd",
    "--other-usd": "yearly_other_costs_usd",
}


def _add_first_year_parser(commands: Any) -> None:
    first = commands.add_parser(
        "first-year",
        help="your first year: year-one costs against a disclosed distribution of pay",
        description="Set a recruit's year-one costs against what a company's income disclosure "
        "says participants were paid: the chance of clearing the costs, the median net result "
        "and the hourly figure for the hours you plan. Costs come from PROFILE and/or the "
        "options (an option replaces the profile's figure). Education, not legal or "
        "financial advice.",
    )
    first.add_argument("profile", nargs="?", type=Path,
                       help="company profile (.toml); optional if --disclosure is given")
    first.add_argument("--disclosure", metavar="NAME_OR_CSV",
                       help="a disclosure data set shipped with mlmkit (e.g. "
                       "example_disclosure_fictional, disclosure_brackets) or a CSV of brackets "
                       "in the same format")
    first.add_argument("--disclosure-id", metavar="ID",
                       help="which disclosure in the table (e.g. advocare_2017)")
    for flag, _field, text in FIRST_YEAR_COST_OPTIONS:
        first.add_argument(flag, type=_number(flag), metavar="USD", help=text)
    for flag, field in OLD_FIRST_YEAR_COST_OPTIONS.items():
        first.add_argument(flag, type=_number(flag), dest=f"old_{field}", help=argparse.SUPPRESS)
    first.add_argument("--hours-per-week", type=_number("--hours-per-week"), default=0.0,
                       metavar="N", help="hours a week you expect to put in (for the hourly figure)")
    first.add_argument("--claim-usd", type=_number("--claim-usd"), metavar="USD",
                       help="also check a recruiter's income claim of this amount")
    first.add_argument("--per", choices=["month", "year", "week"], default="month",
                       help="the period of --claim-usd (default: month)")


def _number(flag: str) -> Any:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise argparse.ArgumentTypeError(
                f"{flag} = {text!r} is not allowed: give a number of 0 or more"
            )
        return value

    return parse


def _first_year_command(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from mlmkit import datasets, disclosure

    profile = None
    if args.profile is not None:
        from mlmkit import scorecard

        profile = scorecard.load_profile(args.profile)
    if args.disclosure is not None:
        source = Path(args.disclosure)
        if args.disclosure.lower().endswith(".csv"):
            if not source.is_file():
                raise fail("--disclosure", args.disclosure, "no such CSV file")
            report = disclosure.read_brackets_csv(source, args.disclosure_id)
        else:
            names = datasets.list()
            usable = [name for name in names["name"]
                      if "bracket_low_usd" in datasets.info(name)["columns"]]
            if args.disclosure not in usable:
                raise fail("--disclosure", args.disclosure,
                           f"give a CSV file or one of the data sets {usable}")
            report = disclosure.from_dataset(args.disclosure, args.disclosure_id)
    elif profile is not None:
        report = disclosure.from_profile(profile)
    else:
        raise fail("PROFILE", None, "give a company profile, --disclosure, or both")
    costs = disclosure.costs_from_profile(profile) if profile is not None else disclosure.YearOneCosts()
    typed = {field: getattr(args, flag[2:].replace("-", "_"))
             for flag, field, _text in FIRST_YEAR_COST_OPTIONS}
    new_flags = {field: flag for flag, field, _text in FIRST_YEAR_COST_OPTIONS}
    for old_flag, field in OLD_FIRST_YEAR_COST_OPTIONS.items():
        value = getattr(args, f"old_{field}", None)
        if value is None:
            continue
        if typed[field] is not None:
            raise fail(old_flag, value, f"it is the old name of {new_flags[field]}; give only {new_flags[field]}")
        warn_renamed(f"the option {old_flag}", new_flags[field], stacklevel=2)
        typed[field] = value
    costs = replace(costs, **{field: value for field, value in typed.items() if value is not None})
    year = disclosure.first_year(report, costs, hours_per_week=args.hours_per_week)
    label = report.company + (" (fictional example)" if report.fictional
                              and "fictional" not in report.company else "")
    print(f"Disclosure: {label}" + (f", {report.year}" if report.year else ""))
    if report.source:
        print(f"Source: {report.source}")
    if profile is not None:
        replaced_by = {"pay_plan.entry_fee_usd": "kit_usd", "pay_plan.starter_kit_usd": "kit_usd",
                       "pay_plan.monthly_purchase_usd": "monthly_purchase_usd"}
        unknown = [path for path in disclosure.unknown_cost_fields(profile)
                   if typed.get(replaced_by.get(path, ""), None) is None]
        if unknown:
            print(f"Unknown in the profile (counted as USD 0): {', '.join(unknown)}")
    print()
    print(year.to_text(), end="")
    if args.claim_usd is not None:
        check = disclosure.check_claim(report, args.claim_usd, per=args.per,
                                       yearly_cost_usd=year.year_one_cost_usd)
        print()
        print("Income-claim check")
        print(check.to_text())
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
        if out.is_dir():
            raise fail("--html", str(out), "it is a folder; give a file name such as report.html")
        if out.exists() and not args.overwrite:
            raise fail("--html", str(out), "the file exists; add --overwrite to replace it")
        if not out.parent.is_dir():
            raise fail("--html", str(out), "its folder does not exist")
        if args.compare:
            order = list(ranking["company"]) if ranking is not None else []
            results = sorted(results, key=lambda result: order.index(result.company))
        _write_text(out, scorecard.to_html(results, ranking=ranking))
        print(f"\nWrote {out}")
    return 0


def _write_text(out: Path, text: str) -> None:
    """Write to a temporary file beside ``out``, then rename it into place (never half a file)."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp_name, out)
    finally:
        if os.path.exists(temp_name):
            os.unlink(temp_name)


def _unusable(text: str) -> bool:
    """True if ``text`` cannot be a file name or printed: a NUL, or a character the file system cannot encode."""
    try:
        os.fsencode(text)
    except UnicodeEncodeError:
        return True
    return "\x00" in text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input).

    Examples
    --------
    >>> main(["score", "no_such_file.toml"])
    2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, value in vars(args).items():  # no file name or text can hold a NUL or an unpaired surrogate
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str | Path) and _unusable(str(item)):
                print(f"mlmkit: error: {name} = {str(item)!r} is not allowed: it contains a NUL character or "
                      "a character this system cannot encode.", file=sys.stderr)
                return 2
    try:
        if args.command == "score":
            return _score_command(args)
        if args.command == "first-year":
            return _first_year_command(args)
        if args.command == "books":
            return _books_command(args)
    except MlmkitInputError as error:
        print(f"mlmkit: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"mlmkit: error: {error}", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError, OverflowError) as error:
        print(f"mlmkit: error: the input is too large or nested too deeply ({type(error).__name__})", file=sys.stderr)
        return 2
    parser.error(f"unknown command {args.command!r}")
    return 2  # pragma: no cover (parser.error exits)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
