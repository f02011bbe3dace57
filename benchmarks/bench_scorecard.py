"""Benchmark: scoring profiles and answering the scorecard form (mlmkit.scorecard).

Goals (issue 5): scoring one profile takes well under 10 ms, so comparing many is instant;
a change in the notebook form (an answer or a weight slider) rescores and redraws in well
under 0.1 s. The form's time is the median of 20 changes, measured headless (no browser:
the time the kernel needs before the charts' new data is sent).

There are no members here: ``size`` is the number of profiles scored (or form changes),
and ``members_per_second`` reports profiles (or changes) per second.
``peak_mb`` is the peak traced allocation (tracemalloc) during a second, traced run.

Run alone with ``python benchmarks/bench_scorecard.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
import tracemalloc

from mlmkit.scorecard import example_profiles, score

GOAL_SCORE_SECONDS = 0.010
GOAL_FORM_SECONDS = 0.100


def _score_all(profiles: list, repeat: int) -> None:
    for _ in range(repeat):
        for profile in profiles:
            score(profile)


def _form_changes(explorer, count: int) -> list[float]:  # noqa: ANN001 - a ScorecardExplorer
    answers = ["substantiated", "miracle"]
    times = []
    for step in range(count):
        start = time.perf_counter()
        if step % 2:
            explorer.controls["weight:buyback"].value = 2.0 + step % 4
        else:
            explorer.controls["product.claims"].value = answers[step // 2 % 2]
        times.append(time.perf_counter() - start)
    return times


def run(quick: bool = False) -> list[dict]:
    """Time scoring and form updates; one dict per case (keys: benchmark, size, seconds, ...)."""
    profiles = list(example_profiles().values())
    repeat = 5 if quick else 50
    count = len(profiles) * repeat
    _score_all(profiles, 1)  # warm up imports
    start = time.perf_counter()
    _score_all(profiles, repeat)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    _score_all(profiles, 1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    per_profile = seconds / count
    rows = [
        {
            "benchmark": "scorecard: score one profile (criteria, indicators, questions)",
            "size": count,
            "seconds": round(per_profile, 5),
            "members_per_second": round(count / seconds),
            "peak_mb": round(peak / 1e6, 2),
            "goal": f"<= {GOAL_SCORE_SECONDS:g} s per profile",
            "ok": per_profile <= GOAL_SCORE_SECONDS,
        }
    ]
    from mlmkit.widgets.scorecard import ScorecardExplorer

    explorer = ScorecardExplorer(example="glowhaus_cosmetics")
    changes = 20
    median = statistics.median(_form_changes(explorer, changes))
    tracemalloc.start()
    _form_changes(explorer, 2)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(
        {
            "benchmark": "scorecard: form change -> rescore + redraw 4 charts (median)",
            "size": changes,
            "seconds": round(median, 4),
            "members_per_second": round(1 / median),
            "peak_mb": round(peak / 1e6, 2),
            "goal": f"<= {GOAL_FORM_SECONDS:g} s per change",
            "ok": median <= GOAL_FORM_SECONDS,
        }
    )
    return rows


def _score_case(repeat: int) -> object:
    def work(state: object) -> dict:
        profiles = list(example_profiles().values())
        _score_all(profiles, 1)  # warm up imports
        start, cpu_start = time.perf_counter(), time.process_time()
        _score_all(profiles, repeat)
        count = len(profiles) * repeat
        return {"timed_seconds": (time.perf_counter() - start) / count,
                "timed_cpu_seconds": (time.process_time() - cpu_start) / count}

    return work


def _form_case(changes: int) -> object:
    def work(state: object) -> dict:
        from mlmkit.widgets.scorecard import ScorecardExplorer

        explorer = ScorecardExplorer(example="glowhaus_cosmetics")
        cpu_start = time.process_time()
        median = statistics.median(_form_changes(explorer, changes))
        # CPU time: the mean per change (the wall time is the median)
        return {"timed_seconds": median, "timed_cpu_seconds": (time.process_time() - cpu_start) / changes}

    return work


def cases(quick: bool = False) -> list:
    """Rows for benchmarks/run.py (each in fresh processes); seconds are per profile / per change."""
    from harness import Case  # type: ignore[import-not-found]

    repeat = 5 if quick else 50
    runs = 1 if quick else 3
    count = len(example_profiles()) * repeat
    return [
        Case("scorecard: score one profile (criteria, indicators, questions), s per profile", count,
             _score_case(repeat), goal_seconds=GOAL_SCORE_SECONDS, runs=runs),
        Case("scorecard: form change -> rescore + redraw 4 charts (median s per change)", 20,
             _form_case(20), goal_seconds=GOAL_FORM_SECONDS, runs=runs),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
