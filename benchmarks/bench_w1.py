"""The W1 workload as a person runs it: a script that reads the tree from a CSV and pays it.

W1 (issue 3): a random recruiting tree capped at depth 7 below the sponsors (each new
member's sponsor uniform among the earlier members of level 7 or less), written as a CSV
with ``member_id, sponsor_id, own_purchases_usd`` (built once, kept in ``build/bench-cache``).

- ``W1 whole process``: wall time of a fresh ``python`` that imports mlmkit, reads the
  CSV with ``from_sponsor_table(path)`` and pays a 7-level unilevel plan: interpreter
  start and imports included.
- ``from_sponsor_table(path)`` against ``pandas.read_csv`` of the two id columns plus
  ``from_sponsor_table(frame)``: reading the path must be no slower (ratio <= 1). Like with
  like: the same file and columns, both timed in the same process, back to back, in
  alternating order (path first, then pandas first, ...), :data:`PAIRS` times; each of the
  two rows reports its own side's median over those pairs, and each of its runs is a fresh
  process that times both sides (so the two rows are two samples of the same comparison).
  The file is read once before the clock, so both sides read it from the page cache (else
  the first side timed would pay for the disk). The path reader does what the pandas line
  does not: it checks that every line has the header's number of fields and that no id's
  text would change when read as a number (``007``, ``+7``, `` 7``, ``7.0``, ``1e2``,
  ``NA``), the checks the ratio pays for.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from harness import CACHE, Case, in_turn  # type: ignore[import-not-found]

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


#: Back-to-back pairs (path, pandas) timed in each process of the CSV rows.
PAIRS = 3


def _by_path(path: Path) -> Any:
    from mlmkit.network import from_sponsor_table

    return from_sponsor_table(path)


def _by_pandas(path: Path) -> Any:
    import pandas as pd

    from mlmkit.network import from_sponsor_table

    return from_sponsor_table(pd.read_csv(path, usecols=["member_id", "sponsor_id"]))


def _back_to_back(side: str) -> Any:
    """Time both readers in this process, alternating; report ``side``'s median (wall and CPU)."""

    def work(state: Any) -> dict:
        readers = {"path": _by_path, "pandas": _by_pandas}
        pairs = PAIRS if state["size"] < 10_000_000 else 2
        timed = in_turn({name: (lambda read=read: read(state["path"])) for name, read in readers.items()}, pairs)
        same = bool((_by_path(state["path"]).parent == _by_pandas(state["path"]).parent).all())
        if not same:
            raise AssertionError("the two readers built different trees")
        other = "pandas" if side == "path" else "path"
        return {
            "timed_seconds": timed[side][0],
            "timed_cpu_seconds": timed[side][1],
            "other_side_cpu_s": timed[other][1],
            "pairs": pairs,
        }

    return work


def cases(quick: bool = False) -> list[Case]:
    """W1 whole-process rows at 10^4..10^7, and the CSV reading comparison."""
    sizes = [10_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    runs = 1 if quick else 3
    rows = []
    for size in sizes:

        def setup(size: int = size) -> dict:
            return {"path": w1_csv(size), "size": size}

        rows.append(Case("W1 whole process: python, import, read CSV, unilevel payout", size, _whole, setup,
                         runs=runs, whole_process=True))
        def cached(size: int = size) -> dict:
            state = setup(size)
            with open(state["path"], "rb") as handle:  # into the page cache, for both sides alike
                while handle.read(1 << 20):
                    pass
            return state

        if size >= 100_000 or quick:
            rows.append(Case(PATH_ROW, size, _back_to_back("path"), cached, runs=runs))
            rows.append(Case(PANDAS_ROW, size, _back_to_back("pandas"), cached, runs=runs))
    return rows


def prepare(quick: bool = False) -> None:
    """Write the CSVs before timing (the whole-process rows must not include writing them)."""
    for case in cases(quick):
        w1_csv(case.size)


PATH_ROW = "csv: from_sponsor_table(path), back to back with the pandas line"
PANDAS_ROW = "csv: pandas.read_csv(2 id columns) + from_sponsor_table(frame), back to back"
RATIOS = [(PATH_ROW, PANDAS_ROW)]
GOAL_RATIO = 1.0
RATIO_SIZES = (1_000_000, 10_000_000)
