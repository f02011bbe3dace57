"""Score an opportunity: describe a company, score it, and flag pyramid indicators.

A company is described in a TOML *profile* (format: ``data/companies/README.md``).
:func:`score` gives three sub-scores (product, pay plan, company stability) built from
named criteria, each with a weight, a plain reason and its sources; the pyramid
indicators are reported separately, as indicators, not verdicts. Weights are yours to
change. Unknown answers count as risks and become questions to ask.

**Education, not legal or financial advice.** The example companies are fictional.

Examples
--------
>>> import mlmkit as mk
>>> path = mk.datasets.data_path("companies", "glowhaus_cosmetics.toml")
>>> result = mk.scorecard.score(mk.scorecard.load_profile(path))
>>> result
<ScoreResult 'GlowHaus Cosmetics': Serious warning signs; known-answer score 46/100 (range 43 to 48, 92% answered)>
>>> result.indicators.loc[result.indicators["status"] == "present", "indicator"].tolist()
['participant_revenue', 'entry_payment', 'inventory_loading', 'internal_consumption', 'no_enforced_safeguard', 'disclosure_leaves_out_inactive']
"""

from __future__ import annotations

from mlmkit.scorecard.criteria import AREAS, CRITERIA, Criterion
from mlmkit.scorecard.fields import FIELDS, UNKNOWN, Field
from mlmkit.scorecard.indicators import INDICATOR_NOTE, INDICATORS, pyramid_indicators
from mlmkit.scorecard.plan import pay_plan_object, unilevel_plan
from mlmkit.scorecard.profile import (
    Profile,
    blank_profile,
    load_profile,
    profile_from_dict,
    save_profile,
)
from mlmkit.scorecard.questions import questions_to_ask
from mlmkit.scorecard.report import compare_text, to_html, to_text
from mlmkit.scorecard.score import ScoreResult, compare, resolve_weights, score

__all__ = [
    "AREAS",
    "CRITERIA",
    "FIELDS",
    "INDICATORS",
    "INDICATOR_NOTE",
    "UNKNOWN",
    "Criterion",
    "Field",
    "Profile",
    "ScoreResult",
    "blank_profile",
    "compare",
    "compare_text",
    "example_profiles",
    "load_profile",
    "pay_plan_object",
    "profile_from_dict",
    "pyramid_indicators",
    "questions_to_ask",
    "resolve_weights",
    "save_profile",
    "score",
    "to_html",
    "to_text",
    "unilevel_plan",
]


def example_profiles() -> dict[str, Profile]:
    """The fictional example companies shipped in ``data/companies``, by file stem.

    Examples
    --------
    >>> len(example_profiles()) >= 6
    True
    """
    from mlmkit.datasets import data_path

    folder = data_path("companies")
    return {path.stem: load_profile(path) for path in sorted(folder.glob("*.toml"))}
