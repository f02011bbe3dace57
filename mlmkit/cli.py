"""The ``mlmkit`` command.

::

    mlmkit score data/companies/evergreen_pantry.toml
    mlmkit score data/companies/evergreen_pantry.toml --html report.html
    mlmkit score --compare data/companies/*.toml
    mlmkit score profile.toml --weight buyback=4 --weight company=0.5

``score`` prints the scorecard (the band, the score on known answers with its range,
the median pay next to the year-one cost, the pyramid indicators with their rules, every
criterion and the questions to ask); with ``--compare`` it ranks several profiles.
``--html`` writes a self-contained report that works offline. A bad profile (or a
hostile one: nesting thousands deep, integers with thousands of digits) prints a message
naming the file, the field, the value and what is allowed, and exits with status 2; the
command never shows a traceback. Education, not legal or financial advice.

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
    return parser


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
