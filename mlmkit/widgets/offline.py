"""The kernel-free counterpart of a live explorer, for the readers' site (``make site``).

:func:`kernel_free_counterpart` takes an explorer built in a notebook and returns an Altair
chart with its own sliders, dropdowns and checkboxes over a grid precomputed from the
explorer's own data (its network and sales, its simulated runs, the example companies, the
example books); see :mod:`mlmkit.charts.kernel_free`. The site build runs it right after the
explorer's cell, so the page shows the same explorer working with no kernel.

Examples
--------
>>> from mlmkit.widgets.network import DownlineExplorer
>>> chart = kernel_free_counterpart(DownlineExplorer(recruits_each=2, depth=2))
>>> [param.name for param in chart.params]
['recruits_each', 'depth', 'rates', 'seller_level']
"""

from __future__ import annotations

from typing import Any

from mlmkit._validation import fail
from mlmkit.books import load_ledger
from mlmkit.charts.kernel_free import (
    books_explorer,
    books_grid,
    claim_explorer,
    claim_grid,
    downline_explorer,
    downline_grid,
    downline_sale_grid,
    first_year_explorer,
    first_year_grid,
    market_explorer,
    market_frames,
    plan_explorer,
    plan_grid,
    scorecard_explorer,
    scorecard_grid,
)
from mlmkit.datasets import data_path
from mlmkit.scorecard import example_profiles

__all__ = ["kernel_free_counterpart"]

#: Rate sets the downline explorer's kernel-free counterpart offers besides the notebook's own.
RATE_SETS = {
    "20, 10, 5, 3, 2": (0.20, 0.10, 0.05, 0.03, 0.02),
    "8, 4, 2, 1": (0.08, 0.04, 0.02, 0.01),
    "5 on 7 levels": (0.05,) * 7,
}


def _percent_label(rates: tuple[float, ...]) -> str:
    return ", ".join(f"{rate * 100:g}" for rate in rates)


def _downline(explorer: Any) -> Any:
    result = explorer.result
    rates = {_percent_label(result.plan.level_rates): tuple(result.plan.level_rates), **RATE_SETS}
    sales = downline_sale_grid(rates, personal_rate=result.plan.personal_rate, sale_usd=100.0)
    return downline_explorer(downline_grid(), sales)


def _plans(explorer: Any) -> Any:
    return plan_explorer(plan_grid(explorer.network, explorer.volumes))


def _market(explorer: Any) -> Any:
    runs = {key: result.run for key, result in explorer._results.items()}  # the runs it already made
    return market_explorer(*market_frames(runs))


def _scorecard(explorer: Any) -> Any:
    return scorecard_explorer(scorecard_grid(example_profiles()))


def _books(explorer: Any) -> Any:
    return books_explorer(books_grid(load_ledger(data_path("books", "example_ledger.csv"))))


def _claims(explorer: Any) -> Any:
    disclosure = explorer.model.disclosure
    return claim_explorer(claim_grid(disclosure), company=getattr(disclosure, "company", ""))


def _first_year(explorer: Any) -> Any:
    return first_year_explorer(first_year_grid(explorer.model.disclosure, explorer.model.costs))


_BUILDERS = {
    "DownlineExplorer": _downline,
    "PlanExplorer": _plans,
    "MarketExplorer": _market,
    "ScorecardExplorer": _scorecard,
    "BooksKeeper": _books,
    "BooksForm": _books,
    "ClaimChecker": _claims,
    "FirstYearCalculator": _first_year,
}


def kernel_free_counterpart(explorer: Any) -> Any:
    """An Altair chart with bound controls that does what ``explorer`` does, without a kernel.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If ``explorer`` is not one of the suite's explorers.
    """
    name = type(explorer).__name__
    if name not in _BUILDERS:
        raise fail("explorer", name, f"one of {', '.join(_BUILDERS)}")
    return _BUILDERS[name](explorer)
