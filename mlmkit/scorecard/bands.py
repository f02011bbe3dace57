"""Bands: what the evidence in a profile shows, in words, worded as indicators, never verdicts.

A score out of 100 does not say what to do. A band does, and it is **gated by the
pyramid indicators**: whatever the product scores, a profile cannot reach the top band
while pay for recruiting, pay that grows with the package bought, or most revenue from
participants is present, or even unknown. The bands, best first:

=====  ==============================  ==========================================================
level  band                            when (the thresholds are the project's own lines)
=====  ==============================  ==========================================================
5      Fewer warning signs             known-answer score at least 70, answers cover at least 70%
                                       of the weight, every gate indicator known to be absent and
                                       no pyramid indicator present
4      Some warning signs              otherwise (no gate indicator present, enough known)
3      Too little known to band        answers cover less than 50% of the weight and no gate
                                       indicator is present: ask the questions first
2      Serious warning signs           a gate indicator is present, or the known-answer score is
                                       below 40
1      Strong pyramid indicators       pay for recruiting together with a payment to take part
                                       (the two elements of the Koscot test), or two or more gate
                                       indicators present
=====  ==============================  ==========================================================

Why these lines. Band 1 mirrors the Koscot test, which courts apply (Koscot, BurnLounge):
participants pay to take part *and* are rewarded for recruiting; two gate patterns together
(BurnLounge's packages with recruiting rewards, TelexFree's buy-ins with almost no outside
sales) are the same pattern seen twice. Band 2 needs only one gate pattern, or a low score.
Band 3 keeps an undocumented company from looking either good or bad: unknown is not a
verdict, it is a list of questions. The numbers 70, 40, 70% and 50% are **the project's own
lines**, settings in :class:`BandLines` you can change. A band describes the answers in a
profile; it is not a finding that any company is or is not a pyramid scheme. Education,
not legal or financial advice.

Examples
--------
>>> BANDS[5].title
'Fewer warning signs'
>>> BandLines().top_score
70.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from mlmkit._compat import Replaceable
from mlmkit._validation import (
    check_bool,
    check_choice,
    check_instance,
    check_number,
    check_sequence,
    check_text,
    fail,
)

__all__ = ["BANDS", "Band", "BandLines", "BandResult", "choose_band"]


@dataclass(frozen=True)
class Band:
    """One band: its level (5 best), title and what it means for a recruit."""

    level: int
    key: str
    title: str
    meaning: str


BANDS: dict[int, Band] = {
    band.level: band
    for band in (
        Band(
            5,
            "fewer_warning_signs",
            "Fewer warning signs",
            "The answers show few of the patterns courts and regulators have treated as signs "
            "of a pyramid. It is not a promise of income: check the disclosed median pay against "
            "the cost of the first year, and ask the questions below.",
        ),
        Band(
            4,
            "some_warning_signs",
            "Some warning signs",
            "Some answers are weak or unknown. Look at the indicators and the questions below "
            "before paying anything.",
        ),
        Band(
            3,
            "too_little_known",
            "Too little known to band",
            "Most of what matters is unknown. Unknown is not a good or bad sign: get the answers "
            "to the questions below, in writing, before deciding.",
        ),
        Band(
            2,
            "serious_warning_signs",
            "Serious warning signs",
            "At least one pattern courts and regulators have treated as a sign of a pyramid is "
            "present, or most answers score poorly. Read the rules quoted with each indicator.",
        ),
        Band(
            1,
            "strong_pyramid_indicators",
            "Strong pyramid indicators",
            "The answers show the pattern the Koscot test describes: paying to take part and "
            "being rewarded for recruiting (or two such patterns together). An indicator, not a "
            "verdict: only a court or regulator decides whether a scheme is illegal.",
        ),
    )
}


@dataclass(frozen=True)
class BandLines(Replaceable):
    """The band thresholds: the project's own lines, all changeable.

    Parameters
    ----------
    top_score : float, default 70
        Known-answer score needed for the top band.
    top_coverage : float, default 0.7
        Share of the weight that answers must cover for the top band.
    low_score : float, default 40
        Below this known-answer score a profile is in band 2.
    min_coverage : float, default 0.5
        Below this coverage (and with no gate indicator present) the band is "too little known".

    Examples
    --------
    >>> BandLines(top_score=30, low_score=50)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: low_score = 50.0 is not allowed: it must be at most top_score (30).
    """

    top_score: float = 70.0
    top_coverage: float = 0.7
    low_score: float = 40.0
    min_coverage: float = 0.5

    def __post_init__(self) -> None:
        for name in ("top_score", "low_score"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=100))
        for name in ("top_coverage", "min_coverage"):
            object.__setattr__(self, name, check_number(name, getattr(self, name), low=0, high=1))
        if self.low_score > self.top_score:
            raise fail("low_score", self.low_score, f"it must be at most top_score ({self.top_score:g})")
        if self.min_coverage > self.top_coverage:
            raise fail("min_coverage", self.min_coverage, f"it must be at most top_coverage ({self.top_coverage:g})")



@dataclass(frozen=True)
class BandResult:
    """The band a profile lands in, and the reasons, in plain words."""

    band: Band
    reasons: tuple[str, ...]

    @property
    def level(self) -> int:
        """5 (fewer warning signs) to 1 (strong pyramid indicators)."""
        return self.band.level

    @property
    def title(self) -> str:
        """The band's title."""
        return self.band.title


def choose_band(
    known_score: float,
    coverage: float,
    statuses: Mapping[str, str],
    gates: tuple[str, ...],
    titles: Mapping[str, str],
    lines: BandLines | None = None,
    *,
    pays_to_take_part: bool | None = None,
) -> BandResult:
    """Pick the band from the known-answer score, the coverage and the indicator statuses.

    Parameters
    ----------
    known_score : float
        Score on known answers, 0 to 100 (``nan`` when nothing is known).
    coverage : float
        Share of the weight covered by answers, 0 to 1.
    statuses : mapping
        Indicator key -> ``"present"``, ``"not present"`` or ``"unknown"``.
    gates : tuple of str
        The gate indicators (:data:`mlmkit.scorecard.indicators.GATES`).
    titles : mapping
        Indicator key -> title (for the reasons).
    lines : BandLines, optional
        The thresholds.
    pays_to_take_part : bool or None
        Whether participants must pay the company anything at all to take part (a kit,
        package, fee or required purchase above 0): the first element of the Koscot test.

    Examples
    --------
    >>> gates = ("recruiting_rewards", "package_pay", "participant_revenue")
    >>> statuses = {"recruiting_rewards": "present", "entry_payment": "present"}
    >>> choose_band(95, 1.0, statuses, gates, {k: k for k in statuses}).title
    'Strong pyramid indicators'
    """
    if not (isinstance(known_score, float) and math.isnan(known_score)):  # nan: nothing known
        known_score = min(100.0, check_number("known_score", known_score, low=0, high=100 + 1e-9))
    coverage = min(1.0, check_number("coverage", coverage, low=0, high=1 + 1e-9))  # sums may round up
    statuses = _check_mapping("statuses", statuses, "indicator key -> 'present', 'not present' or 'unknown'")
    for key, status in statuses.items():
        check_text("statuses key", key)
        check_choice(f"statuses[{key!r}]", status, ("present", "not present", "unknown"))
    gates = tuple(check_text(f"gates[{i}]", key) for i, key in enumerate(
        check_sequence("gates", gates, allowed="it must be a list or tuple of indicator keys")
    ))
    titles = _check_mapping("titles", titles, "indicator key -> title")
    for key, title in titles.items():
        check_text(f"titles[{key!r}]", title)
    if lines is not None:
        check_instance("lines", lines, BandLines, "it must be a BandLines object or None")
    if pays_to_take_part is not None:
        pays_to_take_part = check_bool("pays_to_take_part", pays_to_take_part)
    lines = lines or BandLines()
    present = [key for key, status in statuses.items() if status == "present"]
    gates_present = [key for key in gates if statuses.get(key) == "present"]
    gates_open = [key for key in gates if statuses.get(key, "unknown") != "not present"]
    names = lambda keys: ", ".join(titles.get(key, key) for key in keys)  # noqa: E731
    score_known = known_score == known_score  # not nan
    koscot = statuses.get("recruiting_rewards") == "present" and (
        statuses.get("entry_payment") == "present" or pays_to_take_part is True
    )
    if koscot or len(gates_present) >= 2:
        reasons = [f"Present: {names(gates_present or ['recruiting_rewards'])}."]
        if koscot:
            reasons.append(
                "Paying to take part together with rewards for recruiting: the two elements of the Koscot test."
            )
        return BandResult(BANDS[1], tuple(reasons))
    if gates_present:
        return BandResult(
            BANDS[2],
            (f"Present: {names(gates_present)}; a plan with this cannot be in the top band whatever its product scores.",),
        )
    if score_known and known_score < lines.low_score and coverage >= lines.min_coverage:
        return BandResult(
            BANDS[2],
            (f"The score on known answers is {known_score:.0f}, below {lines.low_score:g} (the project's own line).",),
        )
    if coverage < lines.min_coverage:
        return BandResult(
            BANDS[3],
            (
                f"Answers cover {coverage:.0%} of the weight, less than {lines.min_coverage:.0%} (the project's own line).",
                "No gate indicator is present among the known answers.",
            ),
        )
    reasons = []
    if gates_open:
        reasons.append(f"Not yet ruled out: {names(gates_open)} (unknown).")
    others = [key for key in present if key not in gates]
    if others:
        reasons.append(f"Present: {names(others)}.")
    if not score_known or known_score < lines.top_score:
        reasons.append(f"The score on known answers is below {lines.top_score:g} (the project's own line).")
    if coverage < lines.top_coverage:
        reasons.append(f"Answers cover {coverage:.0%} of the weight, less than {lines.top_coverage:.0%}.")
    if reasons:
        return BandResult(BANDS[4], tuple(reasons))
    return BandResult(
        BANDS[5],
        (
            "Pay for recruiting, pay growing with the package and most revenue from participants are all "
            "known to be absent, and no other pyramid indicator is present.",
            f"The score on known answers is {known_score:.0f} with {coverage:.0%} of the weight answered.",
        ),
    )


def _check_mapping(field: str, value: object, allowed: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise fail(field, value, f"it must be a mapping: {allowed}")
    return value
