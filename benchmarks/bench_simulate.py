"""Benchmark: the finite-market simulator (mlmkit.simulate).

Goal (issue 4): a market of 1,000,000 people over 36 months in at most 10 s on the
project's 2-core machine. Two scenarios: the recruitment-fee preset with its default
join rate, and a heavy one where 30% of everyone approached joins (about 300,000
members paid through the plan engine every month).

``members_per_second`` here is people-months simulated per second
(market size x months / seconds). ``peak_mb`` is the peak of memory allocated during a
second, traced run (tracemalloc), so the timing itself is not slowed by tracing.

Run alone with ``python benchmarks/bench_simulate.py`` (``--quick`` for a small market).
"""

from __future__ import annotations

import sys
import time
import tracemalloc

from mlmkit.simulate import recruitment_fee_plan, simulate_market

GOAL_SECONDS = 10.0


def _scenarios(quick: bool) -> list[tuple[str, int, float]]:
    size = 100_000 if quick else 1_000_000
    return [
        ("simulate_market: recruitment-fee plan, 36 months", size, 0.08),
        ("simulate_market: 30% of those approached join, 36 months", size, 0.30),
    ]


def run(quick: bool = False) -> list[dict]:
    """Time the simulator; one dict per scenario (see module docstring for the keys)."""
    plan, settings = recruitment_fee_plan()
    rows = []
    for name, size, join in _scenarios(quick):
        scenario = settings.replace(market_size=size, months=36, join_probability=join)
        start = time.perf_counter()
        result = simulate_market(plan, scenario, seed=1)
        seconds = time.perf_counter() - start
        tracemalloc.start()
        simulate_market(plan, scenario, seed=1)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        goal = max(2.0, GOAL_SECONDS * size / 1_000_000)  # quick mode: a smoke check
        rows.append(
            {
                "benchmark": f"{name} ({len(result.members):,} joined)",
                "size": size,
                "seconds": round(seconds, 3),
                "members_per_second": round(size * scenario.months / seconds),
                "peak_mb": round(peak / 1e6, 1),
                "goal": f"<= {goal:g} s for {size:,} people x 36 months",
                "ok": seconds <= goal,
            }
        )
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
