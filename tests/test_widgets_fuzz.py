"""Bad input thrown at the widgets' logic: every constructor and setter that takes a person's values.

The explorers are ipywidgets front-ends, but what they are given (a depth, a list of rates, a
file path typed in a box, an amount typed in a form) is user input like any other. Each
entry point below gets the bad values of :data:`tests.test_fuzz_public_api.BAD_VALUES` in each
of its arguments in turn (the others valid), and must, within the fuzz's CPU limit:

- raise :class:`mlmkit._validation.MlmkitInputError` naming the field, value and what is
  allowed, or
- give a correct result; a form's action (``BooksForm.add()``...) may instead return
  ``False`` with the project's own message, and must then have changed nothing.

A raw exception (from traitlets, numpy, pandas), a hang, a form's "unexpected error" or a value
that can never be right (NaN, an infinity, a set for a list...) silently accepted all fail.
The counts are printed by ``test_report_widget_counts`` (``pytest -s``).
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.test_fuzz_public_api import BAD_VALUES, call_with_limit, insane, world

pytest.importorskip("ipywidgets")

TALLY: Counter[str] = Counter()

#: (entry point, argument, value label) where a never-valid value is a correct input.
ACCEPTED_ON_PURPOSE: dict[tuple[str, str, str], str] = {}


def _disclosure() -> Any:
    from mlmkit.disclosure import from_brackets

    return from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1], company="Acme")


def _ledger_rows() -> list[tuple[str, str, float, str]]:
    return [("2026-01-05", "starter_kit", 99.0, "kit"), ("2026-01-20", "retail_sales", 60.0, "")]


@cache
def _base_books() -> tuple[Any, pd.DataFrame]:
    """The form's books (entry 2 deleted, so restore() has something to bring back), made once.

    Books are immutable (each change returns new books), so every form starts from the same
    object; a copy of its table checks that no form action changed it in place.
    """
    from mlmkit.books import Books

    books = Books.from_entries(_ledger_rows()).delete(2)
    return books, books.table.copy()


def _books_form(folder: Path) -> Any:
    from mlmkit.widgets.books import BooksForm

    books, pristine = _base_books()
    assert books.table.equals(pristine), "a form action changed the shared base books in place"
    return BooksForm(books, path=folder / "form.csv")


def _small_market() -> dict[str, Any]:
    from mlmkit.plans import UnilevelPlan
    from mlmkit.simulate import MarketSettings

    return {"unilevel": (UnilevelPlan(), MarketSettings(market_size=300, months=4))}


@cache
def _explorer() -> Any:
    from mlmkit.widgets.network import DownlineExplorer

    return DownlineExplorer(recruits_each=2, depth=2)


def _with_field(folder: Path, field: str, value: Any, action: str) -> Callable[[], Any]:
    """A BooksForm with ``fields[field] = value``, then ``action()``: what typing in the form does."""

    def run() -> Any:
        form = _books_form(folder)
        form.fields.update({"date": "2026-02-01", "category": "travel", "amount_usd": "12.5", "note": "bus"})
        if action == "apply_edit":
            form.select(1)
        before = form.books.table.copy()
        form.fields[field] = value
        done = getattr(form, action)()
        return _FormOutcome(form, done, before)

    return run


def _form_action(folder: Path, action: str, entry_id: Any) -> Any:
    """``BooksForm.<action>(entry_id)``: what picking an entry in the form's list does."""
    form = _books_form(folder)
    before = form.books.table.copy()
    return _FormOutcome(form, getattr(form, action)(entry_id), before)


class _FormOutcome:
    """What a form action did: succeeded, or refused with a message and changed nothing."""

    def __init__(self, form: Any, done: bool, before: Any) -> None:
        self.form, self.done, self.before = form, done, before


def entry_points() -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    """Every widget-logic entry point: the callable and its valid base keyword arguments."""
    from mlmkit.disclosure import YearOneCosts
    from mlmkit.widgets.books import BooksForm
    from mlmkit.widgets.disclosure import ClaimCheckModel, FirstYearModel, swap_layer_data
    from mlmkit.widgets.network import DownlineExplorer
    from mlmkit.widgets.offline import kernel_free_counterpart
    from mlmkit.widgets.plans import PlanExplorer, rules_from_controls
    from mlmkit.widgets.scorecard import ScorecardExplorer, parse_rates
    from mlmkit.widgets.simulate import MarketExplorer

    w = world()
    folder = w.folder
    claim = ClaimCheckModel(_disclosure(), 500.0)
    first = FirstYearModel(_disclosure(), YearOneCosts(kit_usd=99.0), 5.0)
    example_loader, loader, saver = _scorecard_once(folder), _scorecard_once(folder), _scorecard_once(folder)
    table: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
        "BooksForm": (BooksForm, {"ledger": _ledger_rows(), "path": folder / "books_form.csv"}),
        "BooksForm.select": (lambda entry_id: _form_action(folder, "select", entry_id), {"entry_id": 1}),
        "BooksForm.delete": (lambda entry_id: _form_action(folder, "delete", entry_id), {"entry_id": 1}),
        "BooksForm.restore": (lambda entry_id: _form_action(folder, "restore", entry_id), {"entry_id": 2}),
        "ClaimCheckModel": (ClaimCheckModel, {"disclosure": _disclosure(), "claim_usd": 500.0, "per": "month",
                                              "yearly_cost_usd": 100.0}),
        "ClaimCheckModel.update": (lambda claim_usd, per, yearly_cost_usd: claim.update(
            claim_usd=claim_usd, per=per, yearly_cost_usd=yearly_cost_usd),
            {"claim_usd": 500.0, "per": "year", "yearly_cost_usd": 100.0}),
        "FirstYearModel": (FirstYearModel, {"disclosure": _disclosure(), "costs": YearOneCosts(kit_usd=99.0),
                                            "hours_per_week": 5.0}),
        "FirstYearModel.update": (lambda kit_usd, monthly_purchase_usd, hours_per_week: first.update(
            kit_usd=kit_usd, monthly_purchase_usd=monthly_purchase_usd,
            hours_per_week=hours_per_week),
            {"kit_usd": 99.0, "monthly_purchase_usd": 50.0, "hours_per_week": 5.0}),
        "DownlineExplorer": (DownlineExplorer, {"recruits_each": 2, "depth": 2, "level_rates": (0.1, 0.05),
                                                "personal_rate": 0.25, "sale_usd": 100.0}),
        "PlanExplorer": (PlanExplorer, {"network": w["net"], "retail_sales_usd": 100.0, "own_purchases_usd": 10.0,
                                        "retail_customers": 2}),
        "ScorecardExplorer": (ScorecardExplorer, {"example": "brightstart_wellness",
                                                  "save_path": folder / "my_company.toml"}),
        "ScorecardExplorer(profile)": (lambda profile: ScorecardExplorer(profile=profile,
                                                                         save_path=folder / "mine.toml"),
                                       {"profile": w["profile"]}),
        "ScorecardExplorer.load_example": (lambda name: example_loader().load_example(name),
                                           {"name": "brightstart_wellness"}),
        "ScorecardExplorer.load": (lambda profile: loader().load(profile), {"profile": w["profile"]}),
        "ScorecardExplorer.save": (lambda path, overwrite: saver().save(path, overwrite=overwrite),
                                   {"path": folder / "saved_company.toml", "overwrite": True}),
        "MarketExplorer": (MarketExplorer, {"plans": _small_market(), "market_sizes": (200, 300), "months": 4,
                                            "seed": 1}),
        "rules_from_controls": (rules_from_controls, {"values": {"min_personal_volume_usd": 50.0,
                                                                 "compression": True}}),
        "parse_rates": (parse_rates, {"text": "10, 5, 5", "field": "pay_plan.level_rates"}),
        "swap_layer_data": (swap_layer_data, {"spec": {"layer": [{"data": {"name": "a"}}], "datasets": {"a": []}},
                                              "frames": [pd.DataFrame({"x": [1.0]})]}),
        "kernel_free_counterpart": (kernel_free_counterpart, {"explorer": _explorer()}),
    }
    for field in ("date", "category", "amount_usd", "note"):
        for action in ("add", "apply_edit"):
            table[f"BooksForm.fields[{field!r}] then {action}()"] = (
                lambda value, field=field, action=action: _with_field(folder, field, value, action)(),
                {"value": {"date": "2026-02-01", "category": "travel", "amount_usd": "12.5", "note": "bus"}[field]},
            )
    for action in ("save", "load"):
        table[f"BooksForm.fields['path'] then {action}()"] = (
            lambda value, action=action: _with_field(folder, "path", value, action)(),
            {"value": str(folder / "form_saved.csv")},
        )
    return table


def _scorecard(folder: Path) -> Any:
    from mlmkit.widgets.scorecard import ScorecardExplorer

    return ScorecardExplorer(save_path=folder / "explorer.toml")


def _scorecard_once(folder: Path) -> Callable[[], Any]:
    """One explorer, made at the first call (inside the fuzz's CPU limit) and given every later call.

    Building a ScorecardExplorer (hundreds of controls, four charts) costs about 0.25 s, and its
    ``save``, ``load`` and ``load_example`` each take about 60 values in one test. ``save`` reads
    the form and only writes its status line; ``load`` and ``load_example`` check their argument
    before they touch the form. So each bad value meets the same form as in an explorer of its
    own, and a value that slipped through and broke the form would also fail the calls after it.
    """
    return cache(lambda: _scorecard(folder))


def judge(name: str, argument: str, label: str, never_valid: bool, outcome: str, value: Any) -> str | None:
    """One call's verdict (None when it is fine)."""
    where = f"{name}({argument}={label})"
    if outcome == "clear":
        TALLY["clear error"] += 1
        return None if " is not allowed: " in str(value) else f"{where}: error without field/value/allowed: {value}"
    if outcome in ("raw", "hang"):
        TALLY["raw exception" if outcome == "raw" else "hang"] += 1
        return f"{where}: {outcome} {type(value).__name__}: {str(value)[:200]}"
    if isinstance(value, _FormOutcome):
        form = value.form
        if not value.done:
            if form.message.startswith("unexpected error") or " is not allowed: " not in form.message and (
                "could not" not in form.message and "cannot" not in form.message
            ):
                TALLY["raw exception"] += 1
                return f"{where}: the form said {form.message[:200]!r}"
            if not form.books.table.equals(value.before):
                TALLY["silently wrong"] += 1
                return f"{where}: a refused action changed the books"
            TALLY["clear error"] += 1
            return None
        value = form.books.entries
    reason = insane(value)
    if reason:
        TALLY["silently wrong"] += 1
        return f"{where}: {reason}"
    if never_valid and (name, argument, label) not in ACCEPTED_ON_PURPOSE:
        TALLY["silently accepted"] += 1
        return f"{where}: accepted a value that is never right"
    TALLY["accepted"] += 1
    return None


@pytest.fixture(autouse=True)
def _in_scratch_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(world().folder)


@pytest.mark.parametrize("name", sorted(entry_points()))
def test_widget_logic_takes_bad_values(name: str) -> None:
    call, base = entry_points()[name]
    outcome, result = call_with_limit(call, (), base)
    assert outcome == "ok", f"{name}({base}): {outcome} {result!r}"
    problems = []
    for argument in base:
        for label, value, never_valid in BAD_VALUES:
            outcome, result = call_with_limit(call, (), {**base, argument: value})
            problem = judge(name, argument, label, never_valid, outcome, result)
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)


def test_every_widget_constructor_and_setter_is_fuzzed() -> None:
    """A new public class or function in mlmkit.widgets fails here until it has an entry point above."""
    import importlib

    covered = {name.split(".")[0].split("(")[0] for name in entry_points()}
    results = {"ExplorerResult", "MarketExplorerResult"}  # records the explorers hand out
    layouts = {"BooksKeeper", "ClaimChecker", "FirstYearCalculator", "answers_from_controls"}  # over BooksForm,
    # the two models and ipywidgets' own controls (whose values the widgets bound)
    missing = []
    for module_name in ("books", "disclosure", "network", "plans", "scorecard", "simulate", "offline"):
        module = importlib.import_module(f"mlmkit.widgets.{module_name}")
        for name in module.__all__:
            obj = getattr(module, name)
            if (inspect.isclass(obj) or inspect.isfunction(obj)) and name not in covered | results | layouts:
                missing.append(name)
    assert not missing, f"add widget entry points to entry_points() for: {missing}"


def test_report_widget_counts() -> None:
    """Print the tally (``pytest -s``)."""
    counts = ", ".join(f"{count:,} {kind}" for kind, count in TALLY.most_common())
    print(f"\nwidget fuzz: {sum(TALLY.values()):,} bad inputs over {len(entry_points())} entry points: {counts}")
    assert TALLY["raw exception"] + TALLY["hang"] == 0
