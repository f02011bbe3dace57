"""Benchmark: building downlines and answering questions about them (mlmkit.network).

Goal (issue 2): a 10,000,000-member network builds and answers level, direct recruits,
downline size and ancestor-k-up in seconds (10 s per 10,000,000 members here). Two shapes:
a random recruiting tree (each joiner recruited by a uniformly chosen earlier member;
depth about e*ln N) and a full tree with 4 recruits each. Built and timed in one step.
"""

from __future__ import annotations

from harness import Case  # type: ignore[import-not-found]

GOAL_SECONDS_PER_10M = 10.0


def _answer(network: object) -> dict:
    network.level  # type: ignore[attr-defined]  # noqa: B018 - computed and cached
    network.recruits  # type: ignore[attr-defined]  # noqa: B018
    network.downline_size  # type: ignore[attr-defined]  # noqa: B018
    network.ancestor(3)  # type: ignore[attr-defined]
    return {"depth": network.depth}  # type: ignore[attr-defined]


def _random(size: int) -> object:
    def work(state: object) -> dict:
        from mlmkit.network import random_tree

        return _answer(random_tree(size, seed=1))

    return work


def _full(depth: int) -> object:
    def work(state: object) -> dict:
        from mlmkit.network import full_tree

        return _answer(full_tree(4, depth))

    return work


def cases(quick: bool = False) -> list[Case]:
    """Network build-and-answer rows."""
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    runs = 1 if quick else 3
    rows = [
        Case("network: random tree, build + level/recruits/downline/ancestor(3)", n, _random(n),
             goal_seconds=max(1.0, GOAL_SECONDS_PER_10M * n / 10_000_000), runs=runs)
        for n in sizes
    ]
    depth = 8 if quick else 11  # 4-ary: 87,381 or 5,592,405 members
    size = (4 ** (depth + 1) - 1) // 3
    rows.append(Case("network: full tree, 4 recruits each, build + answers", size, _full(depth),
                     goal_seconds=max(1.0, GOAL_SECONDS_PER_10M * size / 10_000_000), runs=runs))
    return rows
