"""Fuzz `mlmkit score` with random TOML documents, valid and hostile: exit 0 or 2, never a traceback.

Runs ``main(argv)`` in-process for speed (a couple of real processes are in test_cli.py).
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlmkit.cli import main
from mlmkit.scorecard.fields import FIELDS, LISTS
from mlmkit.scorecard.toml_writer import dumps


def run(text: str | bytes, *extra: str) -> tuple[int, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["score", str(path), *extra])
            except SystemExit as stop:  # argparse
                code = int(stop.code or 0)
    return code, out.getvalue(), err.getvalue()


def check(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err[-500:])
    if code == 2:
        # our own message, or argparse's usage line ("mlmkit score: error: ...")
        assert ("mlmkit: error:" in err or "mlmkit score: error:" in err) and "Traceback" not in err
    else:
        assert "Band:" in out and "nan" not in out.lower().replace("financial", "")


anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.dates(min_value=datetime.date(1, 1, 1)) | st.just("unknown"),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4),
    max_leaves=12,
)


def field_value(path: str) -> st.SearchStrategy:
    spec = FIELDS[path]
    good: st.SearchStrategy
    if spec.kind == "bool":
        good = st.booleans()
    elif spec.kind == "choice":
        good = st.sampled_from(spec.choices)
    elif spec.kind == "date":
        good = st.dates(min_value=datetime.date(1900, 1, 1))
    elif spec.kind == "text":
        good = st.text(min_size=1, max_size=30)
    elif spec.kind == "rates":
        good = st.lists(st.floats(0, 0.3), max_size=4)
    elif spec.kind == "int":
        good = st.integers(int(spec.low or 0), int(min(spec.high or 50, (spec.low or 0) + 50)))
    else:
        good = st.floats(spec.low or 0, spec.high if spec.high is not None else 1e9, allow_nan=False)
        good = good | st.tuples(good, good).map(lambda ends: {"low": min(ends), "high": max(ends)})
    return st.one_of(good, st.just("unknown"), anything)


@st.composite
def profiles(draw: Any) -> dict:
    data: dict[str, Any] = {"format": draw(st.sampled_from([2, 2, 2, 1, 3, "2"]))}
    for path in FIELDS:
        if draw(st.integers(0, 9)) == 0:
            continue  # leave out
        section, key = path.split(".")
        data.setdefault(section, {})[key] = draw(field_value(path))
    if draw(st.booleans()):
        data.setdefault("pay_plan", {})["packages"] = draw(
            st.lists(st.fixed_dictionaries({"name": st.text(min_size=1, max_size=8), "price_usd": st.floats(0, 5000)},
                                            optional={"monthly_fee_usd": st.floats(0, 200), "earns_pay": st.booleans(),
                                                      "colour": st.text(max_size=3)}), min_size=1, max_size=3)
        )
    if draw(st.booleans()):
        data["legal_actions"] = draw(st.lists(st.fixed_dictionaries({
            "kind": st.sampled_from((*LISTS["legal_actions"].items[0].choices, "lost")),
            "year": st.integers(1800, 2300), "citation": st.text(max_size=20)}), max_size=2))
    return data


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(profiles())
def test_random_profiles_exit_0_or_2(data: dict) -> None:
    try:
        text = dumps(data)
    except (ValueError, TypeError):
        return  # a value TOML cannot hold (nan, None): not a document
    check(*run(text))


TOKENS = ["[", "]", "[[", "]]", "{", "}", "=", '"', "'", ",", ".", "\n", " ", "a", "company", "pay_plan",
          "name", "format = 2", "true", "1e400", "9" * 60, "-", "unknown", "#", "\\u0000", "é", "\x00", "\ud800"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=80).map("".join))
def test_random_text_exits_0_or_2(text: str) -> None:
    check(*run(text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(depth=st.integers(1, 4000), kind=st.sampled_from(["array", "table", "header", "digits"]))
def test_deep_and_huge_documents_exit_2(depth: int, kind: str) -> None:
    text = {
        "array": "x = " + "[" * depth + "]" * depth,
        "table": "x = " + "{a = " * depth + "1" + "}" * depth,
        "header": "[" + ".".join(["a"] * depth) + "]",
        "digits": 'format = 2\n[company]\nname = "x"\nyears_operating = 1' + "0" * depth,
    }[kind]
    check(*run(text + "\n"))


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=200))
def test_random_bytes_exit_0_or_2(blob: bytes) -> None:
    check(*run(blob))


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=30))
def test_random_weights_exit_0_or_2(weight: str) -> None:
    from mlmkit.datasets import data_path

    text = data_path("companies", "evergreen_pantry.toml").read_text(encoding="utf-8")
    check(*run(text, "--weight", weight))


# ------------------------------------------------------- every other subcommand
#: A valid command line for every subcommand (``{ledger}``, ``{source}``, ``{out}`` and
#: ``{profile}`` are filled in per run). Each value in it is then replaced, one at a time,
#: by hostile text: the command must exit 0 or 2 with its own message, never a traceback.
SUBCOMMANDS: dict[tuple[str, ...], list[str]] = {
    ("score",): ["{profile}", "--weight", "buyback=4", "--html", "{out}", "--overwrite"],
    ("first-year",): ["{profile}", "--disclosure", "example_disclosure_fictional", "--kit-usd", "99",
                      "--monthly-purchase-usd", "50", "--hours-per-week", "5", "--claim-usd", "2000", "--per", "month"],
    ("books", "add"): ["--file", "{ledger}", "2026-02-01", "travel", "12.50", "--note", "bus"],
    ("books", "list"): ["--file", "{ledger}", "--history"],
    ("books", "edit"): ["--file", "{ledger}", "1", "--date", "2026-01-06", "--category", "starter_kit",
                        "--amount-usd", "89", "--note", "kit"],
    ("books", "delete"): ["--file", "{ledger}", "1"],
    ("books", "restore"): ["--file", "{ledger}", "2"],
    ("books", "report"): ["--file", "{ledger}"],
    ("books", "import"): ["--file", "{ledger}", "{source}"],
    ("books", "export"): ["--file", "{ledger}", "{out}", "--overwrite"],
}

HOSTILE = st.one_of(
    st.sampled_from(["", " ", "-", "--", "nan", "inf", "-inf", "1e309", "-1", "0", "1.5", "9" * 400, "NA",
                     "None", "=1+1", "2026-02-30", "0000-00-00", "../../etc/passwd", "/", ".", "a\x00b",
                     "\ud800", "é", "<script>", "'; DROP", "unknown", "true"]),
    st.text(max_size=30),
)


def _subcommands(parser: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every leaf subcommand of the parser (``("books", "add")``...)."""
    import argparse

    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.extend(_subcommands(sub, (*prefix, name)))
    return found or [prefix]


def test_every_subcommand_is_fuzzed() -> None:
    from mlmkit.cli import build_parser

    assert sorted(_subcommands(build_parser())) == sorted(SUBCOMMANDS)


@functools.cache
def _ledger_bytes() -> bytes:
    """The base ledger file (two entries, the second deleted), as ``save_books`` writes it.

    Saved once (a save checks what it wrote by reading it back: about 40 ms), then copied
    byte for byte into each run's folder.
    """
    from mlmkit.books import Books, save_books

    books = Books.from_entries([("2026-01-05", "starter_kit", 99.0, "kit"), ("2026-01-20", "retail_sales", 60.0, "")])
    with tempfile.TemporaryDirectory() as folder:
        ledger = save_books(books.delete(2), Path(folder) / "ledger.csv")
        return ledger.read_bytes()


def _command_line(command: tuple[str, ...], folder: Path) -> list[str]:
    from mlmkit.datasets import data_path

    ledger = folder / "ledger.csv"
    ledger.write_bytes(_ledger_bytes())
    source = folder / "source.csv"
    source.write_text("date,category,amount_usd,note\n2026-03-01,travel,5,bus\n", encoding="utf-8")
    names = {"ledger": str(ledger), "source": str(source), "out": str(folder / "out.html"),
             "profile": str(data_path("companies", "evergreen_pantry.toml"))}
    return [*command, *(part.format(**names) if part.startswith("{") else part for part in SUBCOMMANDS[command])]


def run_argv(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse
            code = int(stop.code or 0) if not isinstance(stop.code, str) else 2
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", sorted(SUBCOMMANDS), ids=" ".join)
def test_each_subcommand_runs_with_its_base_arguments(command: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        code, out, err = run_argv(_command_line(command, Path(folder)))
    assert code == 0, err[-500:]


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(command=st.sampled_from(sorted(SUBCOMMANDS)), position=st.integers(0, 30), value=HOSTILE)
def test_hostile_values_in_every_subcommand_exit_0_or_2(command: tuple[str, ...], position: int, value: str) -> None:
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):  # a relative name lands here
        argv = _command_line(command, Path(folder))
        slots = [i for i in range(len(command), len(argv)) if not argv[i].startswith("--")]
        argv[slots[position % len(slots)]] = value
        code, out, err = run_argv(argv)
    assert code in (0, 2), (argv, code, err[-500:])
    assert "Traceback" not in err and "Traceback" not in out, (argv, err[-500:])
    if code == 2:
        assert "error:" in err, (argv, err[-500:])
