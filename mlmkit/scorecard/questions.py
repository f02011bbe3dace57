"""Questions to ask the person recruiting you, generated from what is still unknown.

Every scored answer left ``"unknown"`` in a profile becomes a question (the field's
``question`` text in :mod:`mlmkit.scorecard.fields`). Four questions are always on the
list, because the BBB and the FTC suggest asking every sponsor: their sales, how much
of it went to other distributors, their expenses and their net income.

Examples
--------
>>> from mlmkit.scorecard.profile import blank_profile
>>> table = questions_to_ask(blank_profile())
>>> table.loc[0, "question"]
'How many years has the company been operating, and under which names?'
>>> table["field"].tail(4).tolist()
['always', 'always', 'always', 'always']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from mlmkit.scorecard.fields import FIELDS, is_unknown
from mlmkit.sources import cite

__all__ = ["ALWAYS_ASK", "questions_to_ask"]

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
    >>> questions_to_ask(example_profiles()["apex_wealth_circle"])["field"].tolist()[0]
    'company.share_earning_nothing'
    """
    rows = []
    for path, value in profile.answers.items():
        spec = FIELDS[path]
        if is_unknown(value) and spec.question:
            rows.append({"field": path, "label": spec.label, "question": spec.question, "source": ""})
    sponsor_source = cite("bbb_ftc_sponsor_questions")
    for question in ALWAYS_ASK:
        rows.append(
            {"field": "always", "label": "Ask your sponsor", "question": question, "source": sponsor_source}
        )
    return pd.DataFrame(rows, columns=["field", "label", "question", "source"])
