"""Questions to ask the person recruiting you, generated from what is still unknown.

Every scored answer left ``"unknown"`` (or not given) in a profile becomes a question
(the field's ``question`` text in :mod:`mlmkit.scorecard.fields`). The questions behind
the gate indicators come first (pay for recruiting, pay growing with the package, where
the revenue comes from), because their answers can move the band most. Four questions
are always on the list, because the BBB and the FTC suggest asking every sponsor: their
sales, how much of it went to other distributors, their expenses and their net income.

Examples
--------
>>> from mlmkit.scorecard.profile import blank_profile
>>> table = questions_to_ask(blank_profile())
>>> table.loc[0, "question"]
'Am I paid anything when someone I recruit joins or buys a starter pack?'
>>> table["field"].tail(4).tolist()
['always', 'always', 'always', 'always']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mlmkit._validation import check_instance
from mlmkit.scorecard.fields import FIELDS
from mlmkit.scorecard.profile import Profile
from mlmkit.sources import cite

__all__ = ["ALWAYS_ASK", "questions_to_ask"]

#: Fields whose questions come first: the answers behind the gate indicators.
FIRST = (
    "pay_plan.pay_for_recruiting",
    "pay_plan.pay_grows_with_package",
    "revenue.non_participant_share",
    "pay_plan.rank_requirements",
    "pay_plan.retail_reward_share",
)

#: Questions for every sponsor (source ``bbb_ftc_sponsor_questions``).
ALWAYS_ASK = (
    "What were your own sales last year?",
    "How much of that did you sell to other distributors, and what percentage is that?",
    "What were your expenses last year, including training, events and product you bought?",
    "What was your net income after those expenses?",
)


def questions_to_ask(profile: Any) -> pd.DataFrame:
    """The questions a profile leaves open, then the four always worth asking.

    Parameters
    ----------
    profile : Profile
        A company profile.

    Returns
    -------
    pandas.DataFrame
        Columns ``field`` (dotted path, or ``"always"``), ``label`` and ``question``, and
        ``source`` (the citation behind the always-asked questions).

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles
    >>> questions_to_ask(example_profiles()["brightstart_wellness"])["field"].tolist()[:2]
    ['pay_plan.pay_for_recruiting', 'pay_plan.pay_grows_with_package']
    """
    check_instance("profile", profile, Profile, "it must be a Profile (see load_profile or blank_profile)")
    rows = []
    open_fields = profile.open_fields
    if profile.facts().revenue_share().known:  # worked out from the amounts, or given
        open_fields = [p for p in open_fields if not p.startswith("revenue.")]
    ordered = [path for path in FIRST if path in open_fields] + [p for p in open_fields if p not in FIRST]
    for path in ordered:
        spec = FIELDS[path]
        rows.append({"field": path, "label": spec.label, "question": spec.question, "source": ""})
    sponsor_source = cite("bbb_ftc_sponsor_questions")
    for question in ALWAYS_ASK:
        rows.append(
            {"field": "always", "label": "Ask your sponsor", "question": question, "source": sponsor_source}
        )
    return pd.DataFrame(rows, columns=["field", "label", "question", "source"])
