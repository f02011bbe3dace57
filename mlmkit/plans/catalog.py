"""Build a plan of each type from two numbers, for widgets, notebooks and exercises.

Examples
--------
>>> make_plan("unilevel", rate=0.05, levels=3).level_rates
(0.05, 0.05, 0.05)
>>> make_plan("binary", rate=0.1).name
'Binary 10% of weaker leg'
>>> make_plan("pyramid")
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: kind = 'pyramid' is not allowed: it must be one of 'unilevel', 'binary', 'matrix', 'stairstep'.
"""

from __future__ import annotations

from mlmkit._validation import check_choice, check_instance, check_int, check_probability
from mlmkit.plans.binary import BinaryPlan
from mlmkit.plans.matrix import MatrixPlan
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.stairstep import StairStepPlan
from mlmkit.plans.unilevel import UnilevelPlan

__all__ = ["PLAN_KINDS", "make_plan"]

#: The plan types, as ``kind`` names for :func:`make_plan`, with a label for menus.
PLAN_KINDS = {
    "unilevel": "Unilevel",
    "binary": "Binary",
    "matrix": "Forced matrix 3 wide",
    "stairstep": "Stair-step breakaway",
}


def make_plan(
    kind: str,
    *,
    rate: float = 0.05,
    levels: int = 7,
    rules: PayRules | None = None,
) -> UnilevelPlan | BinaryPlan | MatrixPlan | StairStepPlan:
    """A plan of type ``kind`` with one main rate and one depth.

    Parameters
    ----------
    kind : {"unilevel", "binary", "matrix", "stairstep"}
        Plan type.
    rate : float
        Unilevel and matrix: the rate on every paid level. Binary: the pairing rate.
        Stair-step: the 1st-generation override (each next generation gets half).
    levels : int
        Unilevel and matrix: levels paid. Stair-step: generations paid. Binary: unused.
    rules : PayRules, optional
        The rules that decide who is paid.
    """
    kind = check_choice("kind", kind, PLAN_KINDS)
    rate = check_probability("rate", rate)
    levels = check_int("levels", levels, low=1, high=20)
    rules = PayRules() if rules is None else check_instance("rules", rules, PayRules, "it must be a PayRules object or None")
    if kind == "unilevel":
        return UnilevelPlan(level_rates=(rate,) * levels, rules=rules)
    if kind == "matrix":
        return MatrixPlan(width=3, level_rates=(rate,) * levels, rules=rules)
    if kind == "binary":
        return BinaryPlan(pairing_rate=rate, rules=rules)
    return StairStepPlan(
        generation_rates=tuple(rate / 2**generation for generation in range(levels)), rules=rules
    )
