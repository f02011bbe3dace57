"""Speed of the pay-plan engine (``make bench``; not a unit test).

Workload (issue 3): a seeded random tree in which each new member is sponsored by a
uniformly chosen existing member of level 7 or less, and one purchase each ($100 bought
by the member). Engine time only: the tree is built before the clock starts. Each timing
is the best of a few runs; ``peak_mb`` is what the engine allocated during one run
(``tracemalloc``: numpy arrays and Python objects; the tree and volumes are not counted).

Goals: a 7-level unilevel payout over 1,000,000 members in at most 0.35 s and over
10,000,000 in at most 3.5 s with peak memory under 1 GB; binary and matrix placement of
1,000,000 members in at most 5 s. By default the member table keeps one column per paid
level only up to 2,000,000 members (``UnilevelPlan.level_columns=None``); at 10,000,000
members those seven columns alone would add 560 MB, so the payout is also measured with
them forced on (``level_columns=True``), against the time goal only.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace

from mlmkit.network import Network, random_tree
from mlmkit.plans import BinaryPlan, MatrixPlan, StairStepPlan, UnilevelPlan, make_volumes
from mlmkit.plans.placement import place_members

SEED = 2026
PURCHASE_USD = 100.0
UNILEVEL = UnilevelPlan(level_rates=(0.10, 0.05, 0.05, 0.03, 0.03, 0.02, 0.02))
#: The same plan with the seven ``level_<k>_usd`` columns at every size (8 bytes more per member per level).
UNILEVEL_FULL = replace(UNILEVEL, level_columns=True)
MATRIX = MatrixPlan(width=3, level_rates=(0.05,) * 7)
BINARY = BinaryPlan(pairing_rate=0.10, pairing_cap_usd=5_000)
STAIRSTEP = StairStepPlan()

#: (benchmark name, {size: (max seconds, max peak MB)})
GOALS: dict[str, dict[int, tuple[float, float | None]]] = {
    "unilevel payout, 7 levels": {1_000_000: (0.35, None), 10_000_000: (3.5, 1024.0)},
    "unilevel payout, 7 levels, per-level columns forced on": {10_000_000: (3.5, None)},
    "binary placement (left_first)": {1_000_000: (5.0, None)},
    "matrix 3x7 placement": {1_000_000: (5.0, None)},
}


def _timed(work: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best wall time over ``repeats`` runs, and the peak MB traced during one more run."""
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    gc.collect()
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()
    return best, peak


def _row(name: str, size: int, seconds: float, peak_mb: float) -> dict:
    goal = GOALS.get(name, {}).get(size)
    if goal is None:
        goal_text, ok = "", None
    else:
        max_seconds, max_mb = goal
        goal_text = f"<= {max_seconds:g} s" + (f", < {max_mb:,.0f} MB" if max_mb else "")
        ok = seconds <= max_seconds and (max_mb is None or peak_mb < max_mb)
    return {
        "benchmark": name,
        "size": size,
        "seconds": round(seconds, 4),
        "members_per_second": round(size / seconds) if seconds > 0 else float("inf"),
        "peak_mb": round(peak_mb, 1),
        "goal": goal_text,
        "ok": ok,
    }


def _workload(size: int) -> tuple[Network, object]:
    network = random_tree(size, seed=SEED, max_sponsor_level=7)
    network.level  # noqa: B018  (build the level index before timing)
    return network, make_volumes(network, 0.0, own_purchases_usd=PURCHASE_USD)


def _one_size(size: int, with_placement: bool) -> list[dict]:
    rows: list[dict] = []
    network, volumes = _workload(size)
    repeats = 2 if size >= 10_000_000 else 3
    seconds, peak = _timed(lambda: UNILEVEL.pay(network, volumes), repeats)
    rows.append(_row("unilevel payout, 7 levels", size, seconds, peak))
    if size >= 10_000_000:
        seconds, peak = _timed(lambda: UNILEVEL_FULL.pay(network, volumes), repeats)
        rows.append(_row("unilevel payout, 7 levels, per-level columns forced on", size, seconds, peak))
    other_repeats = 1 if size >= 10_000_000 else repeats  # the other plans take tens of seconds at 10^7
    seconds, peak = _timed(lambda: STAIRSTEP.pay(network, volumes), other_repeats)
    rows.append(_row("stair-step breakaway payout", size, seconds, peak))
    if not with_placement:
        return rows
    for name, width in (("binary placement (left_first)", 2), ("matrix 3x7 placement", 3)):
        seconds, peak = _timed(lambda w=width: place_members(network, width=w), 1)
        rows.append(_row(name, size, seconds, peak))
    if size <= 100_000:
        seconds, peak = _timed(lambda: place_members(network, width=2, placement="weaker_leg"), 1)
        rows.append(_row("binary placement (weaker_leg)", size, seconds, peak))
    BINARY.pay(network, volumes)  # placements are cached per network from here on
    MATRIX.pay(network, volumes)
    seconds, peak = _timed(lambda: BINARY.pay(network, volumes), other_repeats)
    rows.append(_row("binary payout (placement cached)", size, seconds, peak))
    seconds, peak = _timed(lambda: MATRIX.pay(network, volumes), other_repeats)
    rows.append(_row("matrix 3x7 payout (placement cached)", size, seconds, peak))
    return rows


def run(quick: bool = False) -> list[dict]:
    """Run the pay-plan benchmarks; ``quick`` uses small sizes only (a smoke run)."""
    payout_sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    placement_sizes = [10_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    rows: list[dict] = []
    for size in payout_sizes:
        rows.extend(_one_size(size, size in placement_sizes))
        gc.collect()
    return rows


if __name__ == "__main__":
    for row in run(quick=True):
        print(row)
