"""Closed-form arithmetic of saturation: how fast a chain uses up a population, and
how many recruits a member can expect when recruiters are picked at random.

Examples
--------
>>> int(market_runs_out({"world": 8.0e9}, recruits_each=(6,))["levels_to_run_out"].iloc[0])
13
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from mlmkit._validation import check_int, check_number, check_sequence, fail
from mlmkit.network import MAX_MEMBERS

__all__ = ["gastwirth_expected_recruits", "market_runs_out"]


def market_runs_out(populations: dict[str, float], recruits_each: tuple[int, ...] = (2, 4, 6)) -> pd.DataFrame:
    """How many levels of "everyone recruits b people" it takes to use up each population.

    Level ``n`` of such a chain holds ``b**n`` people, and everyone through level ``n``
    is ``(b**(n+1) - 1) / (b - 1)`` (:func:`mlmkit.network.geometric_levels`). The table
    gives the first level at which the chain would need more people than the place has,
    and the share of all members who would then sit on the bottom level, with nobody
    left to recruit (about ``(b - 1) / b``).

    Parameters
    ----------
    populations : dict of str to float
        Place name to number of people, e.g. ``{"world": 8.0e9}``.
    recruits_each : tuple of int
        The values of b to compare (2 or more).

    Returns
    -------
    pandas.DataFrame
        ``place``, ``population``, ``recruits_each``, ``levels_to_run_out``,
        ``people_needed`` (everyone through that level) and ``share_on_bottom_level``.

    Examples
    --------
    >>> table = market_runs_out({"world": 8.0e9}, recruits_each=(2, 6))
    >>> table[["recruits_each", "levels_to_run_out"]].to_numpy().tolist()
    [[2, 32], [6, 13]]
    >>> round(float(table["share_on_bottom_level"].iloc[1]), 3)
    0.833
    """
    if not isinstance(populations, dict) or not populations:
        raise fail("populations", populations, "it must be a dict of place name to number of people")
    recruits_each = check_sequence(
        "recruits_each", recruits_each, allowed="it must be a list of whole numbers of recruits", min_length=1
    )
    rows = []
    for place, population in populations.items():
        people = check_number(f"populations[{place!r}]", population, low=1, unit="people")
        for b in recruits_each:
            b = check_int("recruits_each", b, low=2)
            level, at_level, through = 0, 1, 1
            while through < people:
                level += 1
                at_level *= b
                through += at_level
            rows.append(
                {
                    "place": place,
                    "population": people,
                    "recruits_each": b,
                    "levels_to_run_out": level,
                    "people_needed": float(through),
                    "share_on_bottom_level": at_level / through,
                }
            )
    return pd.DataFrame(rows)


def gastwirth_expected_recruits(size: int) -> np.ndarray:
    """Expected recruits of each joiner when every recruiter is picked at random.

    Gastwirth (1977): newcomer ``j`` (numbered from 0) is recruited by one of the ``j``
    earlier members, each with chance ``1/j``. Member ``i`` therefore expects
    ``1/(i+1) + ... + 1/(size-1)`` recruits, about ``ln(size / (i+1))``
    (``gastwirth_1977``).

    Examples
    --------
    >>> expected = gastwirth_expected_recruits(1_000)
    >>> round(float(expected[9]), 2), round(float(np.log(1_000 / 10)), 2)
    (4.6, 4.61)
    >>> round(float(expected.mean()), 6)
    0.999
    """
    size = check_int("size", size, low=1, high=MAX_MEMBERS)
    inverse = np.zeros(size)
    inverse[1:] = 1.0 / np.arange(1, size)
    tail = np.cumsum(inverse[::-1])[::-1]  # tail[j] = sum over k >= j of 1/k
    expected = np.zeros(size)
    expected[: size - 1] = tail[1:]
    return expected
