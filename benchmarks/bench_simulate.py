"""Benchmark: the finite-market simulator (mlmkit.simulate).

Goal (issue 4): a market of 1,000,000 people over 36 months in at most 10 s on the
project's 2-core machine. Two scenarios: the recruitment-fee preset with its default
join rate, and a heavy one where 30% of everyone approached joins (about 300,000
members paid through the plan engine every month).
"""

from __future__ import annotations

from harness import Case  # type: ignore[import-not-found]

GOAL_SECONDS = 10.0


def _simulate(size: int, join: float) -> object:
    def work(state: object) -> dict:
        from mlmkit.simulate import recruitment_fee_plan, simulate_market

        plan, settings = recruitment_fee_plan()
        scenario = settings.replace(market_size=size, months=36, join_probability=join)
        return {"joined": len(simulate_market(plan, scenario, seed=1).members)}

    return work


def cases(quick: bool = False) -> list[Case]:
    """The two simulator scenarios."""
    size = 100_000 if quick else 1_000_000
    goal = max(2.0, GOAL_SECONDS * size / 1_000_000)
    runs = 1 if quick else 3
    return [
        Case("simulate_market: recruitment-fee plan, 36 months", size, _simulate(size, 0.08), goal_seconds=goal,
             runs=runs),
        Case("simulate_market: 30% of those approached join, 36 months", size, _simulate(size, 0.30),
             goal_seconds=goal, runs=runs),
    ]
