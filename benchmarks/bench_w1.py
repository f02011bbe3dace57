"""The W1 workload as a person runs it: a script that reads the tree from a CSV and pays it.

W1 (issue 3): a random recruiting tree capped at depth 7 below the sponsors (each new
member's sponsor uniform among the earlier members of level 7 or less), written as a CSV
with ``member_id, sponsor_id, own_purchases_usd`` (built once, kept in ``build/bench-cache``).

- ``W1 whole process``: wall time of a fresh ``python`` that imports mlmkit, reads the
  CSV with ``from_sponsor_table(path)`` and pays a 7-level unilevel plan: interpreter
  start and imports included.
- ``from_sponsor_table(path)`` against ``pandas.read_csv`` of the two id columns plus
  ``from_sponsor_table(frame)``: reading the path must be no slower (ratio <= 1).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from harness import CACHE, Case  # type: ignore[import-not-found]

LEVEL_RATES = (0.10, 0.05, 0.05, 0.03, 0.03, 0.02, 0.02)


def w1_csv(size: int) -> Path:
    """Write (once) the W1 tree of ``size`` members as a sponsor CSV; its path."""
    path = CACHE / f"w1-{size}.csv"
    if path.exists():
        return path
    import pandas as pd
    from bench_plans import w1_parent  # type: ignore[import-not-found]

    parent = w1_parent(size)
    sponsor = parent[:-1].astype(np.int64)
    table = pd.DataFrame(
        {
            "member_id": np.arange(size),
            "sponsor_id": pd.arrays.IntegerArray(np.where(sponsor == size, 0, sponsor), sponsor == size),
            "own_purchases_usd": np.full(size, 100.0),
        }
    )
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    table.to_csv(partial, index=False)
    partial.replace(path)
    return path


def _whole(state: Any) -> dict:
    import mlmkit as mk

    network = mk.network.from_sponsor_table(state["path"])
    result = mk.plans.payouts(mk.plans.UnilevelPlan(level_rates=LEVEL_RATES), network, own_purchases_usd=100.0)
    return {"paid_usd": result.paid_usd}


def _read_path(state: Any) -> dict:
    from mlmkit.network import from_sponsor_table

    return {"members": from_sponsor_table(state["path"]).size}


def _read_pandas(state: Any) -> dict:
    import pandas as pd

    from mlmkit.network import from_sponsor_table

    frame = pd.read_csv(state["path"], usecols=["member_id", "sponsor_id"])
    return {"members": from_sponsor_table(frame).size}


def cases(quick: bool = False) -> list[Case]:
    """W1 whole-process rows at 10^4..10^7, and the CSV reading comparison."""
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    runs = 1 if quick else 3
    rows = []
    for size in sizes:

        def setup(size: int = size) -> dict:
            return {"path": w1_csv(size)}

        rows.append(Case("W1 whole process: python, import, read CSV, unilevel payout", size, _whole, setup,
                         runs=runs, whole_process=True))
        if size >= 100_000 or quick:
            rows.append(Case("csv: from_sponsor_table(path)", size, _read_path, setup, runs=runs))
            rows.append(Case("csv: pandas.read_csv(2 id columns) + from_sponsor_table(frame)", size,
                             _read_pandas, setup, runs=runs))
    return rows


def prepare(quick: bool = False) -> None:
    """Write the CSVs before timing (the whole-process rows must not include writing them)."""
    for case in cases(quick):
        w1_csv(case.size)


RATIOS = [("csv: from_sponsor_table(path)", "csv: pandas.read_csv(2 id columns) + from_sponsor_table(frame)")]
GOAL_RATIO = 1.0
RATIO_SIZES = (1_000_000, 10_000_000)
