"""A profile's pay plan as a plan object of the pay-plan engine, when the profile allows it.

A profile describes its pay plan by type and rates. For a unilevel plan whose level
rates are known, :func:`unilevel_plan` builds the matching
:class:`mlmkit.plans.UnilevelPlan`, so a notebook can follow a sale through the plan
(``mk.plans.sale_breakdown``) or simulate it. Other plan types need more than a
profile records (legs, widths, ranks) and give ``None``.

Examples
--------
>>> from mlmkit.scorecard import example_profiles
>>> plan = unilevel_plan(example_profiles()["evergreen_pantry"])
>>> plan.name, plan.personal_rate
('Unilevel 8/5/3%', 0.25)
>>> unilevel_plan(example_profiles()["apex_wealth_circle"]) is None
True
"""

from __future__ import annotations

from mlmkit.plans.unilevel import UnilevelPlan
from mlmkit.scorecard.fields import is_unknown
from mlmkit.scorecard.profile import Profile

__all__ = ["unilevel_plan"]


def unilevel_plan(profile: Profile) -> UnilevelPlan | None:
    """The profile's plan as a :class:`~mlmkit.plans.UnilevelPlan`, or ``None``.

    Parameters
    ----------
    profile : Profile
        A company profile.

    Returns
    -------
    UnilevelPlan or None
        ``None`` unless ``pay_plan.type`` is ``"unilevel"`` and ``pay_plan.level_rates``
        is known. An unknown or missing ``pay_plan.personal_rate`` counts as 0.
    """
    answers = profile.answers
    rates = answers["pay_plan.level_rates"]
    if answers["pay_plan.type"] != "unilevel" or rates is None or is_unknown(rates):
        return None
    personal = answers["pay_plan.personal_rate"]
    personal = 0.0 if personal is None or is_unknown(personal) else float(personal)
    return UnilevelPlan(personal_rate=personal, level_rates=tuple(rates))
