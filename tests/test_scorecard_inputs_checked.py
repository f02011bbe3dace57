"""Bad input to the scorecard (issue 8): a clear MlmkitInputError naming the argument, or a correct answer.

One test per class of problem the fuzz test (tests/test_fuzz_public_api.py) found in
``mlmkit.scorecard`` before it joined the fuzz: wrong objects where a profile, score or
settings object belongs, booleans taken as numbers, NaN and infinities, sets whose order
is lost, text that is not text, a hang on a NaN width, and answers handed to the
scorecard outside a profile (``Facts``, ``evaluate``, ``pyramid_indicators``) that skipped
the profile's checks. Plus what must stay accepted: numpy scalars, dict views, ``None``
for "none given".
"""

from __future__ import annotations

import math
import signal
from typing import Any

import numpy as np
import pandas as pd
import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.plans import PayRules
from mlmkit.regulations import ProjectLines
from mlmkit.scorecard import (
    CRITERIA,
    FIELDS,
    Profile,
    blank_profile,
    compare,
    compare_text,
    example_profiles,
    load_profile,
    pay_plan_object,
    profile_from_dict,
    pyramid_indicators,
    questions_to_ask,
    save_profile,
    score,
    to_html,
    to_text,
)
from mlmkit.scorecard.bands import BandLines, choose_band
from mlmkit.scorecard.criteria import evaluate
from mlmkit.scorecard.facts import Facts
from mlmkit.scorecard.fields import Range, describe_allowed, format_usd
from mlmkit.scorecard.report import html_fragment, money_lines
from mlmkit.scorecard.score import describe_answer
from mlmkit.scorecard.toml_writer import dumps, format_key, format_string, format_value

PROFILE = example_profiles()["evergreen_pantry"]
RESULT = score(PROFILE)
GATES = ("recruiting_rewards",)
STATUSES = {"recruiting_rewards": "not present"}
TITLES = {"recruiting_rewards": "Pay for recruiting"}


def _raises(call: Any, field: str) -> MlmkitInputError:
    with pytest.raises(MlmkitInputError) as caught:
        call()
    message = str(caught.value)
    assert field in message and " is not allowed: " in message, message
    return caught.value


@pytest.mark.parametrize("wrong", [None, True, "evergreen", pd.DataFrame(), {"company.name": "X"}])
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda wrong: score(wrong), "profile"),
        (lambda wrong: questions_to_ask(wrong), "profile"),
        (lambda wrong: pay_plan_object(wrong), "profile"),
        (lambda wrong: save_profile(wrong, "x.toml"), "profile"),
        (lambda wrong: to_text(wrong), "result"),
        (lambda wrong: html_fragment(wrong), "result"),
        (lambda wrong: money_lines(wrong), "result"),
        (lambda wrong: to_html(wrong), "results"),
        (lambda wrong: compare_text(wrong), "table"),
        (lambda wrong: describe_allowed(wrong), "field"),
        (lambda wrong: describe_answer(wrong, 1.0), "spec"),
        (lambda wrong: evaluate(wrong, Facts({}, {})), "criterion"),
        (lambda wrong: score(PROFILE, band_lines=wrong), "band_lines"),
        (lambda wrong: pyramid_indicators(PROFILE, wrong), "lines"),
        (lambda wrong: pay_plan_object(PROFILE, rules=wrong), "rules"),
        (lambda wrong: choose_band(50.0, 0.8, STATUSES, GATES, TITLES, wrong), "lines"),
        (lambda wrong: to_html(RESULT, ranking=wrong), "ranking"),
    ],
)
def test_wrong_objects_name_the_argument(call: Any, field: str, wrong: Any) -> None:
    if field in ("band_lines", "lines", "rules", "ranking") and wrong is None:
        call(wrong)  # None means "the defaults" / "no ranking"
        return
    _raises(lambda: call(wrong), field)


@pytest.mark.parametrize("flag", [True, np.True_, False])
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda flag: Range(flag, 5), "low"),
        (lambda flag: Range(0, flag), "high"),
        (lambda flag: PROFILE.replace({"pay_plan.entry_fee_usd": flag}), "pay_plan.entry_fee_usd"),
        (lambda flag: PROFILE.replace({"pay_plan.entry_fee_usd": {"low": 0, "high": flag}}), "pay_plan.entry_fee_usd.high"),
        (lambda flag: PROFILE.replace({"pay_plan.level_rates": [0.1, flag]}), "pay_plan.level_rates[2]"),
        (lambda flag: PROFILE.replace({"income_disclosure.year": flag}), "income_disclosure.year"),
        (lambda flag: to_text(RESULT, width=flag), "width"),
        (lambda flag: choose_band(flag, 0.8, STATUSES, GATES, TITLES), "known_score"),
        (lambda flag: choose_band(50.0, flag, STATUSES, GATES, TITLES), "coverage"),
        (lambda flag: Profile(dict(PROFILE.answers), format_version=flag), "format_version"),
        (lambda flag: format_usd(flag), "amount"),
    ],
)
def test_a_boolean_is_not_a_number(call: Any, field: str, flag: Any) -> None:
    _raises(lambda: call(flag), field)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, np.float64("nan")])
@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda bad: Range(bad, 5), "low"),
        (lambda bad: PROFILE.replace({"product.price_vs_retail": bad}), "product.price_vs_retail"),
        (lambda bad: PROFILE.replace({"product.price_vs_retail": Range(1.0, abs(bad))}), "high"),
        (lambda bad: Facts({"pay_plan.buyback_share": bad}, {}), "answers['pay_plan.buyback_share']"),
        (lambda bad: describe_answer(FIELDS["product.outside_customer_share"], bad), "value"),
        (lambda bad: format_usd(bad), "amount"),
        (lambda bad: format_value(bad), "value"),
        (lambda bad: dumps({"company": {"years_operating": bad}}), "value"),
        (lambda bad: choose_band(50.0, bad, STATUSES, GATES, TITLES), "coverage"),
        (lambda bad: score(PROFILE, {"buyback": bad}), "weights['buyback']"),
    ],
)
def test_nan_and_infinity_are_refused(call: Any, field: str, bad: float) -> None:
    _raises(lambda: call(bad), field)


def _too_slow(signum: int, frame: Any) -> None:
    raise TimeoutError("no answer within 3 CPU seconds")


def test_a_nan_width_does_not_hang() -> None:
    """Before: textwrap never returned for a NaN width (the fuzz test's only scorecard hang)."""
    previous = signal.signal(signal.SIGPROF, _too_slow)
    signal.setitimer(signal.ITIMER_PROF, 3.0)
    try:
        _raises(lambda: to_text(RESULT, width=math.nan), "width")
        _raises(lambda: to_text(RESULT, width=10), "width")
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def test_unordered_collections_are_refused() -> None:
    _raises(lambda: PROFILE.replace({"pay_plan.level_rates": {0.1, 0.05}}), "pay_plan.level_rates")
    _raises(lambda: compare({RESULT, score(blank_profile("B"))}), "profiles")
    _raises(lambda: compare("evergreen_pantry"), "profiles")
    _raises(lambda: compare([PROFILE, "evergreen_pantry"]), "profiles[1]")
    _raises(lambda: choose_band(50.0, 0.8, STATUSES, set(GATES), TITLES), "gates")


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: format_string(b"\xff\xfe"), "text"),
        (lambda: format_string(None), "text"),
        (lambda: format_key(None), "key"),
        (lambda: format_value(b"abc"), "value"),
        (lambda: dumps(None), "data"),
        (lambda: dumps({"a": 1}, header=None), "header"),
        (lambda: to_html(RESULT, title=math.nan), "title"),
        (lambda: Profile(dict(PROFILE.answers), origin=math.nan), "origin"),
        (lambda: Profile(dict(PROFILE.answers), notes=[1.5]), "notes[0]"),
        (lambda: Profile(None), "answers"),
        (lambda: Profile(dict(PROFILE.answers), lists=True), "lists"),
        (lambda: profile_from_dict(PROFILE.to_dict(), origin=None), "origin"),
        (lambda: load_profile(None), "path"),
        (lambda: save_profile(PROFILE, None), "path"),
        (lambda: save_profile(PROFILE, "x.toml", overwrite=math.nan), "overwrite"),
        (lambda: choose_band(50.0, 0.8, {"recruiting_rewards": "maybe"}, GATES, TITLES), "statuses['recruiting_rewards']"),
        (lambda: choose_band(50.0, 0.8, STATUSES, GATES, TITLES, pays_to_take_part=math.nan), "pays_to_take_part"),
        (lambda: choose_band(50.0, 0.8, None, GATES, TITLES), "statuses"),
    ],
)
def test_text_flags_and_tables_are_checked(call: Any, field: str) -> None:
    _raises(call, field)


def test_answers_outside_a_profile_are_checked_like_a_profile() -> None:
    """Facts, evaluate and pyramid_indicators take answers directly: the same checks apply."""
    _raises(lambda: evaluate(CRITERIA["buyback"], {"pay_plan.buyback_share": 1.5}), "pay_plan.buyback_share")
    _raises(lambda: evaluate(CRITERIA["buyback"], None), "facts")
    _raises(lambda: pyramid_indicators({"pay_plan.pay_for_recruiting": "yes"}), "pay_plan.pay_for_recruiting")
    _raises(lambda: pyramid_indicators({"pay_plan.no_such_field": 1}), "pay_plan.no_such_field")
    _raises(lambda: Facts({}, {"pay_plan.packages": [{"name": "Basic", "price_usd": True}]}), "price_usd")
    _raises(lambda: Facts(None, {}), "answers")
    # the same answers as a mapping, as Facts and inside a profile give the same assessment
    answers = {"pay_plan.buyback_share": 0.9, "pay_plan.buyback_window_months": 12.0, "pay_plan.restocking_fee_share": 0.1}
    profile = blank_profile("X").replace(answers)
    results = {evaluate(CRITERIA["buyback"], given) for given in (answers, Facts(answers, {}), profile, profile.facts())}
    assert len(results) == 1


def test_one_number_parser_for_answers_range_ends_and_rates() -> None:
    """A number, each end of a range and each rate are read by the same parser: same rules."""
    for value in (True, math.nan, "3", None, [1.0]):
        _raises(lambda value=value: PROFILE.replace({"pay_plan.buyback_share": value}), "pay_plan.buyback_share")
        _raises(lambda value=value: PROFILE.replace({"pay_plan.buyback_share": {"low": 0.1, "high": value}}), "high")
        _raises(lambda value=value: PROFILE.replace({"pay_plan.level_rates": [value]}), "pay_plan.level_rates[1]")
    # out of the field's bounds is refused the same way
    _raises(lambda: PROFILE.replace({"pay_plan.buyback_share": 1.5}), "between 0 and 1")
    _raises(lambda: PROFILE.replace({"pay_plan.buyback_share": {"low": 0.5, "high": 1.5}}), "between 0 and 1")
    _raises(lambda: PROFILE.replace({"pay_plan.level_rates": [1.5]}), "between 0 and 1")


def test_valid_inputs_of_other_types_are_accepted() -> None:
    changed = PROFILE.replace(
        {
            "pay_plan.entry_fee_usd": np.float64(49.0),
            "income_disclosure.year": np.int64(2025),
            "pay_plan.pay_for_recruiting": np.bool_(False),
            "pay_plan.level_rates": np.array([0.05, 0.03]).tolist(),
            "pay_plan.starter_kit_usd": Range(np.int64(10), 20),
        }
    )
    assert changed["pay_plan.entry_fee_usd"] == 49.0
    assert changed["income_disclosure.year"] == 2025
    assert changed["pay_plan.pay_for_recruiting"] is False
    assert changed["pay_plan.starter_kit_usd"] == Range(10.0, 20.0)
    assert Profile(dict(PROFILE.answers), sources=None, lists=None, notes=None).name == PROFILE.name
    ranking = compare(example_profiles().values())  # a dict view keeps its order
    assert len(ranking) == len(example_profiles())
    assert compare([RESULT, PROFILE])["company"].tolist() == [PROFILE.name, PROFILE.name]
    assert format_value(np.bool_(True)) == "true" and format_value(np.int64(3)) == "3"
    assert choose_band(math.nan, 0.0, {}, GATES, {}).title == "Too little known to band"
    assert to_html([RESULT, RESULT], ranking=compare([RESULT])).startswith("<!DOCTYPE html>")
    assert score(PROFILE, lines=ProjectLines(), band_lines=BandLines()).overall == RESULT.overall
    assert pay_plan_object(PROFILE, rules=PayRules()) is not None or PROFILE["pay_plan.type"] == "unknown"


def test_user_text_stays_escaped_and_loading_runs_nothing(tmp_path: Any) -> None:
    hostile = '<img src=x onerror=alert(1)>"; import os #'
    profile = blank_profile(hostile).replace({"company.description": "</p><script>alert(2)</script>"})
    page = to_html(score(profile), title=hostile)
    assert "<script" not in page and "<img" not in page
    path = tmp_path / "hostile.toml"
    save_profile(profile, path)
    assert load_profile(path) == profile  # the text comes back as text, nothing is run
    path.write_bytes(b'format = 2\n[company]\nname = "\xff"\n')
    _raises(lambda: load_profile(path), "hostile.toml")


def test_scores_stay_sane_for_every_example() -> None:
    for profile in example_profiles().values():
        for weights in (None, {"pay_plan": 0}, {"buyback": 1_000_000}):
            result = score(profile, weights)
            assert 0 <= result.low <= result.overall <= result.high <= 100
            assert not result.criteria[["low_points", "high_points", "coverage", "max_points"]].isna().any().any()


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: PROFILE.replace(math.nan), "changes"),
        (lambda: PROFILE.replace(["pay_plan.entry_fee_usd"]), "changes"),
        (lambda: PROFILE.replace({1: 2}), "answers"),
        (lambda: PROFILE[None], "path"),
        (lambda: blank_profile(None), "name"),
        (lambda: load_profile("a\x00b.toml"), "path"),
        (lambda: save_profile(PROFILE, "a\x00b.toml"), "path"),
    ],
)
def test_profile_methods_and_paths_are_checked(call: Any, field: str) -> None:
    _raises(call, field)
