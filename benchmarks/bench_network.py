"""Benchmark: building downlines and answering questions about them (mlmkit.network).

Goal (issue 2): a 10,000,000-member network builds and answers level, direct recruits,
downline size and ancestor-k-up in seconds. Two shapes: a random recruiting tree (each
joiner recruited by a uniformly chosen earlier member; depth about e*ln N) and a full
tree with 4 recruits each.

``members_per_second`` is members / seconds for the whole build-and-answer step.
``peak_mb`` is the peak traced allocation (tracemalloc) during a second, traced run.

Run alone with ``python benchmarks/bench_network.py`` (``--quick`` for small sizes).
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from collections.abc import Callable

from mlmkit.network import Network, full_tree, random_tree

GOAL_SECONDS_PER_10M = 10.0


def _answer(network: Network) -> None:
    network.level  # noqa: B018 - computed and cached
    network.recruits  # noqa: B018
    network.downline_size  # noqa: B018
    network.ancestor(3)


def _cases(quick: bool) -> list[tuple[str, int, Callable[[], Network]]]:
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    cases: list[tuple[str, int, Callable[[], Network]]] = [
        ("network: random tree, build + level/recruits/downline/ancestor(3)", n,
         (lambda n=n: random_tree(n, seed=1)))
        for n in sizes
    ]
    depth = 8 if quick else 11  # 4-ary: 87,381 or 5,592,405 members
    size = (4 ** (depth + 1) - 1) // 3
    cases.append(
        ("network: full tree, 4 recruits each, build + answers", size, lambda: full_tree(4, depth))
    )
    return cases


def run(quick: bool = False) -> list[dict]:
    """Time each case; one dict per case (keys: benchmark, size, seconds, ...)."""
    rows = []
    for name, size, build in _cases(quick):
        start = time.perf_counter()
        _answer(build())
        seconds = time.perf_counter() - start
        tracemalloc.start()
        _answer(build())
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        goal = max(1.0, GOAL_SECONDS_PER_10M * size / 10_000_000)
        rows.append(
            {
                "benchmark": name,
                "size": size,
                "seconds": round(seconds, 3),
                "members_per_second": round(size / seconds),
                "peak_mb": round(peak / 1e6, 1),
                "goal": f"<= {goal:g} s",
                "ok": seconds <= goal,
            }
        )
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
