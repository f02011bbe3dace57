"""A profile's pay plan as a plan object of the pay-plan engine, when the profile allows it.

A profile describes its pay plan by type and rates. :func:`pay_plan_object` builds the
matching plan of :mod:`mlmkit.plans` from those answers, so a notebook can follow a sale
through the plan (``mk.plans.sale_breakdown``), pay a network with it
(``mk.plans.payouts``) or simulate it:

- ``"unilevel"``: :class:`~mlmkit.plans.UnilevelPlan` from ``level_rates``;
- ``"matrix"``: :class:`~mlmkit.plans.MatrixPlan` from ``matrix_width`` and ``level_rates``;
- ``"binary"``: :class:`~mlmkit.plans.BinaryPlan` from ``pairing_rate``;
- ``"breakaway"``: :class:`~mlmkit.plans.StairStepPlan` from ``breakaway_rate``,
  ``breakaway_group_volume_usd`` and ``generation_rates``, as a two-step ladder.

Every type also uses ``personal_rate`` (unknown or missing counts as 0). When an answer
the type needs is unknown or missing, or the type is ``"hybrid"``, ``"other"`` or
unknown, the profile does not say enough to model the plan and the result is ``None``.
The format is documented in ``data/companies/README.md``. Education, not legal or
financial advice; the example companies are fictional.

Examples
--------
>>> from mlmkit.scorecard import example_profiles
>>> examples = example_profiles()
>>> plan = pay_plan_object(examples["evergreen_pantry"])
>>> plan.name, plan.personal_rate
('Unilevel 8/5/3%', 0.25)
>>> pay_plan_object(examples["vitaflow_nutrition"]).name
'Binary 10% of weaker leg'
>>> pay_plan_object(examples["apex_wealth_circle"]) is None
True
>>> unilevel_plan(examples["vitaflow_nutrition"]) is None
True
"""

from __future__ import annotations

from typing import Any

from mlmkit._validation import MlmkitInputError, check_instance, fail
from mlmkit.plans.binary import BinaryPlan
from mlmkit.plans.matrix import MatrixPlan
from mlmkit.plans.pay_rules import PayRules
from mlmkit.plans.stairstep import Rank, StairStepPlan
from mlmkit.plans.unilevel import UnilevelPlan
from mlmkit.scorecard.fields import is_unknown
from mlmkit.scorecard.profile import Profile

__all__ = ["PLAN_ANSWERS", "STARTING_RANK", "BREAKAWAY_RANK", "pay_plan_object", "unilevel_plan"]

#: For each ``pay_plan.type`` that can be modelled: the answers it needs (besides
#: ``personal_rate``, which is used when known).
PLAN_ANSWERS: dict[str, tuple[str, ...]] = {
    "unilevel": ("pay_plan.level_rates",),
    "matrix": ("pay_plan.matrix_width", "pay_plan.level_rates"),
    "binary": ("pay_plan.pairing_rate",),
    "breakaway": (
        "pay_plan.breakaway_rate",
        "pay_plan.breakaway_group_volume_usd",
        "pay_plan.generation_rates",
    ),
}

#: Rank names of the two-step ladder a breakaway profile becomes.
STARTING_RANK = "Starting rank"
BREAKAWAY_RANK = "Breakaway rank"

PlanObject = UnilevelPlan | MatrixPlan | BinaryPlan | StairStepPlan


def _known(value: Any) -> bool:
    return value is not None and not is_unknown(value)


def _bad(profile: Profile, path: str, value: Any, allowed: str) -> MlmkitInputError:
    return fail(f"{profile.origin}: {path}", value, allowed)


def pay_plan_object(profile: Profile, *, rules: PayRules | None = None) -> PlanObject | None:
    """The profile's pay plan as a plan object of :mod:`mlmkit.plans`, or ``None``.

    Parameters
    ----------
    profile : Profile
        A company profile.
    rules : PayRules, optional
        Who qualifies to be paid (default: ``PayRules()``, everyone is paid). A profile
        does not record these rules, so pass them to explore them.

    Returns
    -------
    UnilevelPlan, MatrixPlan, BinaryPlan, StairStepPlan or None
        The plan for ``pay_plan.type`` (see :data:`PLAN_ANSWERS` for the answers each
        type needs); ``None`` if one of those answers is unknown or missing, or the type
        is ``"hybrid"``, ``"other"`` or unknown. An unknown or missing
        ``pay_plan.personal_rate`` counts as 0.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If answers that are each allowed do not fit together (a matrix with no level
        rates; a breakaway rate below the personal rate, or which with the generation
        overrides exceeds 100% of a sale). The message names the file and the field.

    Examples
    --------
    >>> from mlmkit.scorecard import blank_profile
    >>> matrix = blank_profile("Acme").replace({
    ...     "pay_plan.type": "matrix", "pay_plan.matrix_width": 3,
    ...     "pay_plan.level_rates": [0.05, 0.05, 0.05]})
    >>> pay_plan_object(matrix).name
    'Matrix 3x3'
    >>> pay_plan_object(matrix.replace({"pay_plan.matrix_width": "unknown"})) is None
    True
    >>> breakaway = blank_profile("Acme").replace({
    ...     "pay_plan.type": "breakaway", "pay_plan.personal_rate": 0.2,
    ...     "pay_plan.breakaway_rate": 0.1, "pay_plan.breakaway_group_volume_usd": 5000,
    ...     "pay_plan.generation_rates": [0.04, 0.02]})
    >>> pay_plan_object(breakaway)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: <blank>: pay_plan.breakaway_rate = 0.1 is not allowed: it must be at least pay_plan.personal_rate (0.2)...
    """
    check_instance("profile", profile, Profile, "it must be a Profile (see load_profile or blank_profile)")
    rules = PayRules() if rules is None else check_instance("rules", rules, PayRules, "it must be a PayRules object or None")
    answers = profile.answers
    kind = answers["pay_plan.type"]
    needed = PLAN_ANSWERS.get(kind) if isinstance(kind, str) else None
    if needed is None or not all(_known(answers[path]) for path in needed):
        return None
    personal = answers["pay_plan.personal_rate"]
    personal = float(personal) if _known(personal) else 0.0
    rates = answers["pay_plan.level_rates"]
    if kind == "unilevel":
        plan: PlanObject = UnilevelPlan(personal_rate=personal, level_rates=tuple(rates), rules=rules)
    elif kind == "matrix":
        if not rates:
            raise _bad(profile, "pay_plan.level_rates", list(rates), "a matrix needs at least one paid level")
        plan = MatrixPlan(
            width=int(answers["pay_plan.matrix_width"]),
            level_rates=tuple(rates),
            personal_rate=personal,
            rules=rules,
        )
    elif kind == "binary":
        plan = BinaryPlan(pairing_rate=float(answers["pay_plan.pairing_rate"]), personal_rate=personal, rules=rules)
    else:
        plan = _breakaway_plan(profile, personal, rules)
    return plan


def _breakaway_plan(profile: Profile, personal: float, rules: PayRules) -> StairStepPlan:
    answers = profile.answers
    top_rate = float(answers["pay_plan.breakaway_rate"])
    generations = tuple(answers["pay_plan.generation_rates"])
    if top_rate < personal:
        raise _bad(
            profile,
            "pay_plan.breakaway_rate",
            top_rate,
            f"it must be at least pay_plan.personal_rate ({personal:g}): ranks above the "
            "starting rank may not pay less",
        )
    if top_rate + sum(generations) > 1 + 1e-12:
        raise _bad(
            profile,
            "pay_plan.generation_rates",
            list(generations),
            f"they plus pay_plan.breakaway_rate ({top_rate:g}) may not exceed 100% of a sale",
        )
    ranks = (
        Rank(STARTING_RANK, personal),
        Rank(
            BREAKAWAY_RANK,
            top_rate,
            min_group_volume_usd=float(answers["pay_plan.breakaway_group_volume_usd"]),
        ),
    )
    return StairStepPlan(
        ranks=ranks, breakaway_rank=BREAKAWAY_RANK, generation_rates=generations, rules=rules
    )


def unilevel_plan(profile: Profile) -> UnilevelPlan | None:
    """The profile's plan as a :class:`~mlmkit.plans.UnilevelPlan`, or ``None``.

    A shortcut for :func:`pay_plan_object` that gives ``None`` for every other plan type.

    Parameters
    ----------
    profile : Profile
        A company profile.

    Returns
    -------
    UnilevelPlan or None
        ``None`` unless ``pay_plan.type`` is ``"unilevel"`` and ``pay_plan.level_rates``
        is known. An unknown or missing ``pay_plan.personal_rate`` counts as 0.

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles
    >>> unilevel_plan(example_profiles()["kitchencraft_parties"]).level_rates
    (0.04, 0.02)
    """
    check_instance("profile", profile, Profile, "it must be a Profile (see load_profile or blank_profile)")
    if profile.answers["pay_plan.type"] != "unilevel":
        return None
    plan = pay_plan_object(profile)
    return plan if isinstance(plan, UnilevelPlan) else None
