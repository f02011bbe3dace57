"""Fuzz `mlmkit score` with random TOML documents, valid and hostile: exit 0 or 2, never a traceback.

Runs ``main(argv)`` in-process for speed (a couple of real processes are in test_cli.py).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import tempfile
from pathlib import Path
from typing import Any

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
