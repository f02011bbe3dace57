"""Score a profile honestly: the score on known answers, its range, its coverage, and a band.

Each criterion (:mod:`mlmkit.scorecard.criteria`) is assessed on what the profile says.
For each sub-score (product, pay plan, company stability) and for the overall score the
result gives

- ``known``: the **score on known answers**, the weighted average of the criteria's
  points over the weight that known answers decide (unknown answers neither add nor
  remove points), kept inside the range (known answers can already cap an unknown one:
  revenue from non-participants cannot exceed the share of product sold to outsiders);
- ``low`` and ``high``: the **range**, with every unknown answer at its worst and at its
  best (every way of filling in the unknowns lands inside it);
- ``coverage``: the **share of the weight covered by answers**.

``ScoreResult.overall`` is the overall known-answer score. The **band**
(:mod:`mlmkit.scorecard.bands`) turns the score, its coverage and the pyramid indicators
into words; the indicators gate it. Unknown answers become questions to ask.

Weights are yours to change: ``weights={"buyback": 4, "pay_plan": 2}`` (criterion keys
set a criterion's weight in its area, area names an area's weight in the overall score;
0 switches it off; at most 1,000,000). The project's own lines are a
:class:`~mlmkit.regulations.ProjectLines` and the band thresholds a
:class:`~mlmkit.scorecard.bands.BandLines`, both changeable.

Scores are stable (no randomness) and monotone: a better answer never lowers the known
score, the low end or the high end; a documented answer never raises the high end above
the same answer unknown, nor lowers the low end below it. Education, not legal or
financial advice.

Examples
--------
>>> from mlmkit.datasets import data_path
>>> from mlmkit.scorecard.profile import load_profile
>>> result = score(load_profile(data_path("companies", "evergreen_pantry.toml")))
>>> result.band.title
'Fewer warning signs'
>>> result.low <= result.overall <= result.high
True
>>> round(float(result.to_frame()["gained"].sum()), 6) == round(result.overall, 6)
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mlmkit._compat import RenamedColumnsFrame
from mlmkit._validation import check_instance, check_number, fail
from mlmkit.regulations import ProjectLines
from mlmkit.scorecard.bands import BandLines, BandResult, choose_band
from mlmkit.scorecard.criteria import AREAS, CRITERIA, evaluate
from mlmkit.scorecard.fields import (
    FIELDS,
    LISTS,
    Field,
    Range,
    check_answer,
    format_usd,
    is_unknown,
)
from mlmkit.scorecard.indicators import GATES, INDICATORS, pyramid_indicators
from mlmkit.scorecard.profile import Profile
from mlmkit.scorecard.questions import questions_to_ask
from mlmkit.sources import cite

__all__ = ["MAX_WEIGHT", "ScoreResult", "compare", "describe_answer", "resolve_weights", "score"]

SCORE_NOTE = (
    "Education, not legal or financial advice. Scores summarise the answers in the profile "
    "against published guidance; they are not a rating of any real company."
)

#: The largest weight accepted (a larger one would only make the others irrelevant).
MAX_WEIGHT = 1_000_000.0


def resolve_weights(
    weights: Mapping[str, Any] | None = None,
) -> tuple[dict[str, float], dict[str, float]]:
    """Split user weights into criterion weights and area weights, filling in defaults.

    Examples
    --------
    >>> criteria, areas = resolve_weights({"buyback": 5, "company": 0.5})
    >>> criteria["buyback"], criteria["entry_cost"], areas
    (5.0, 2.0, {'product': 1.0, 'pay_plan': 1.0, 'company': 0.5})
    >>> resolve_weights({"colour": 1})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: weights['colour'] = 1 is not allowed: weights are keyed by an area (product, pay_plan, company) or a criterion...
    >>> resolve_weights({"product": 1e308})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: weights['product'] = 1e+308 is not allowed: it must be a number between 0 and 1e+06.
    """
    criterion_weights = {key: criterion.weight for key, criterion in CRITERIA.items()}
    area_weights = dict.fromkeys(AREAS, 1.0)
    if weights is not None and not isinstance(weights, Mapping):
        raise fail("weights", type(weights).__name__, "it must be a mapping of name to weight")
    for key, value in (weights or {}).items():
        if key in CRITERIA:
            criterion_weights[key] = check_number(f"weights[{key!r}]", value, low=0, high=MAX_WEIGHT)
        elif key in AREAS:
            area_weights[key] = check_number(f"weights[{key!r}]", value, low=0, high=MAX_WEIGHT)
        else:
            first = ", ".join(list(CRITERIA)[:2])
            raise fail(
                f"weights[{key!r}]",
                value,
                f"weights are keyed by an area ({', '.join(AREAS)}) or a criterion ({first}, ...)",
            )
    return criterion_weights, area_weights


def describe_answer(spec: Field, value: Any) -> str:
    """An answer as a reader would say it: ``45%``, ``USD 1,200``, ``unknown``.

    Examples
    --------
    >>> describe_answer(FIELDS["product.outside_customer_share"], 0.45)
    '45%'
    >>> describe_answer(FIELDS["pay_plan.entry_fee_usd"], 1200.0)
    'USD 1,200'
    >>> describe_answer(FIELDS["pay_plan.entry_fee_usd"], Range(289, 1375))
    'USD 289 to 1,375'
    >>> describe_answer(FIELDS["pay_plan.rank_requirements"], "retail_sales")
    'retail sales'
    >>> describe_answer(FIELDS["product.outside_customer_share"], float("nan"))
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: value = nan is not allowed: it must be a number between 0 and 1 ...
    """
    check_instance("spec", spec, Field, 'it must be a Field, such as FIELDS["product.price_vs_retail"]')
    if value is None:
        return "not given"
    value = check_answer(spec, value, "value")  # what a profile could hold, cleaned
    if is_unknown(value):
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if spec.kind == "choice":
        return str(value).replace("_", " ")
    if spec.kind == "rates":
        return "/".join(f"{rate * 100:g}" for rate in value) + "%"
    if spec.kind == "date":
        return value.isoformat()
    if spec.kind in ("number", "int"):
        if spec.unit.startswith("a share"):
            if isinstance(value, Range):
                return f"{value.low:.0%} to {value.high:.0%}"
            return f"{value:.0%}"
        if spec.unit.startswith("USD"):
            text = format_usd(value)
            return text + (" a month" if "month" in spec.unit else " a year" if "year" in spec.unit else "")
        if isinstance(value, Range):
            return f"{value} {spec.unit}".strip()
        if spec.unit.startswith("times"):
            return f"{value:g}x"
        return f"{value:,g}" + (f" {spec.unit}" if spec.unit else "")
    return str(value)


@dataclass(frozen=True)
class AreaScore:
    """A sub-score (or the overall score): known-answer score, range and coverage, 0 to 100."""

    known: float
    low: float
    high: float
    coverage: float

    def describe(self) -> str:
        """``'72 (range 55 to 90; 80% answered)'``."""
        known = "n/a" if math.isnan(self.known) else f"{self.known:.0f}"
        return f"{known} (range {self.low:.0f} to {self.high:.0f}; {self.coverage:.0%} answered)"


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """A scored profile.

    Attributes
    ----------
    profile : Profile
        What was scored.
    overall : float
        The overall score on known answers, 0 to 100 (``nan`` if nothing is known).
    low, high : float
        The overall range: every unknown answer at its worst / at its best.
    coverage : float
        Share of the overall weight covered by answers (0 to 1).
    area_scores : dict
        Known-answer sub-scores ``{"product": ..., "pay_plan": ..., "company": ...}``
        (``nan`` for an area whose weights are all 0 or with nothing known).
    areas : dict of AreaScore
        Each sub-score with its range and coverage, plus ``"overall"``.
    band : BandResult
        The band (:mod:`mlmkit.scorecard.bands`) with its reasons.
    criteria : pandas.DataFrame
        One row per criterion; see :meth:`to_frame`.
    indicators : pandas.DataFrame
        The pyramid indicators (:func:`~mlmkit.scorecard.indicators.pyramid_indicators`).
    questions : pandas.DataFrame
        Questions to ask (:func:`~mlmkit.scorecard.questions.questions_to_ask`).
    criterion_weights, area_weights : dict
        The weights used.
    lines : ProjectLines
        The project's own lines used.

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles
    >>> result = score(example_profiles()["kitchencraft_parties"])
    >>> result.summary()[["band_level", "indicators_present"]].tolist()
    [4, 1]
    """

    profile: Profile
    overall: float
    low: float
    high: float
    coverage: float
    area_scores: dict[str, float]
    areas: dict[str, AreaScore]
    band: BandResult
    criteria: pd.DataFrame
    indicators: pd.DataFrame
    questions: pd.DataFrame
    criterion_weights: dict[str, float]
    area_weights: dict[str, float]
    lines: ProjectLines

    @property
    def company(self) -> str:
        """The company's name."""
        return self.profile.name

    @property
    def fictional(self) -> bool:
        """True for the made-up example companies."""
        return self.profile.answers.get("company.fictional") is True

    def to_frame(self) -> pd.DataFrame:
        """Every criterion: what it read, its points, range and coverage, and why.

        Columns: ``area``, ``criterion``, ``title``, ``answer``, ``points`` (0..1 on the
        decided parts, ``nan`` if none), ``low_points`` and ``high_points`` (0..1 with the
        unknowns at worst / best), ``coverage`` (0..1), ``weight``, ``max_points`` (what
        the criterion can add to the overall score), ``gained`` and ``lost`` (its share of
        the known-answer score: ``gained`` sums to ``overall``, ``gained + lost`` to 100),
        ``range_low`` and ``range_high`` (its share of the overall range: they sum to
        ``low`` and ``high``), ``unknown`` (some part undecided), ``reason`` and ``sources``.
        """
        return self.criteria.copy()

    def summary(self) -> pd.Series:
        """Headline numbers: band, overall score and range, coverage, sub-scores, indicators."""
        status = self.indicators["status"]
        return pd.Series(
            {
                "band_level": self.band.level,
                "band": self.band.title,
                "overall": self.overall,
                "low": self.low,
                "high": self.high,
                "coverage": self.coverage,
                **{f"{area}_score": value for area, value in self.area_scores.items()},
                "indicators_present": int((status == "present").sum()),
                "indicators_unknown": int((status == "unknown").sum()),
                "unknown_answers": len(self.profile.open_fields),
            },
            name=self.company,
        )

    def year_one_cost(self) -> Any:
        """The profile's year-one cost (:meth:`mlmkit.scorecard.Profile.year_one_cost`)."""
        return self.profile.year_one_cost()

    def to_text(self) -> str:
        """The scorecard as plain text for a terminal."""
        from mlmkit.scorecard.report import to_text

        return to_text(self)

    def to_html(self) -> str:
        """A complete, self-contained HTML page (see :func:`mlmkit.scorecard.report.to_html`)."""
        from mlmkit.scorecard.report import to_html

        return to_html(self)

    def _repr_html_(self) -> str:
        from mlmkit.scorecard.report import html_fragment

        return html_fragment(self)

    def __repr__(self) -> str:
        known = "n/a" if math.isnan(self.overall) else f"{self.overall:.0f}"
        return (
            f"<ScoreResult {self.company!r}: {self.band.title}; known-answer score {known}/100 "
            f"(range {self.low:.0f} to {self.high:.0f}, {self.coverage:.0%} answered)>"
        )


def _answer_text(profile: Profile, paths: Iterable[str]) -> str:
    parts = []
    for path in paths:
        if path in LISTS:
            items = profile.lists.get(path)
            if items:
                parts.append(f"{LISTS[path].label}: {len(items)} listed")
            continue
        parts.append(f"{FIELDS[path].label}: {describe_answer(FIELDS[path], profile.answers[path])}")
    return "; ".join(parts)


def _pays_to_take_part(profile: Profile) -> bool | None:
    """True if joining, staying or renewing certainly costs money; False if certainly free."""
    facts = profile.facts()
    costs = (facts.joining_cost(), facts.monthly_cost(), facts.renewal_cost())
    if any(cost.low > 0 for cost in costs):
        return True
    if all(cost.known and cost.high == 0 for cost in costs):
        return False
    return None


def score(
    profile: Profile,
    weights: Mapping[str, Any] | None = None,
    *,
    lines: ProjectLines | None = None,
    band_lines: BandLines | None = None,
) -> ScoreResult:
    """Score a company profile.

    Parameters
    ----------
    profile : Profile
        From :func:`~mlmkit.scorecard.profile.load_profile` or the notebook form.
    weights : mapping, optional
        Criterion keys and/or area names -> weight (0 to 1,000,000); others keep their default.
    lines : ProjectLines, optional
        The project's own thresholds (the USD 99 kit line and the others).
    band_lines : BandLines, optional
        The band thresholds.

    Returns
    -------
    ScoreResult
        Known-answer scores with ranges and coverage, the band, the explained table, the
        pyramid indicators and the questions to ask.

    Examples
    --------
    >>> from mlmkit.scorecard.profile import blank_profile
    >>> result = score(blank_profile("Unknown Co"))
    >>> round(result.low), result.high, result.coverage, result.band.title
    (2, 100.0, 0.0, 'Too little known to band')
    """
    if not isinstance(profile, Profile):
        raise fail("profile", type(profile).__name__, "it must be a Profile (see load_profile)")
    if lines is not None and not isinstance(lines, ProjectLines):
        raise fail("lines", type(lines).__name__, "it must be a ProjectLines object")
    if band_lines is not None and not isinstance(band_lines, BandLines):
        raise fail("band_lines", type(band_lines).__name__, "it must be a BandLines object or None")
    criterion_weights, area_weights = resolve_weights(weights)
    lines = lines or ProjectLines()
    facts = profile.facts()
    area_totals = dict.fromkeys(AREAS, 0.0)
    for key, criterion in CRITERIA.items():
        area_totals[criterion.area] += criterion_weights[key]
    active = {area: area_weights[area] for area in AREAS if area_totals[area] > 0 and area_weights[area] > 0}
    active_total = sum(active.values())
    if active_total <= 0:
        raise fail(
            "weights",
            dict(weights or {}),
            "at least one criterion needs a weight above 0 in an area whose weight is above 0",
        )
    assessed = {key: evaluate(criterion, facts, lines) for key, criterion in CRITERIA.items()}
    effective = {
        key: (active.get(c.area, 0.0) / active_total) * (criterion_weights[key] / area_totals[c.area])
        if area_totals[c.area] > 0
        else 0.0
        for key, c in CRITERIA.items()
    }

    def summarise(keys: list[str], shares: Mapping[str, float]) -> AreaScore:
        total = sum(shares[k] for k in keys)
        if total <= 0:
            return AreaScore(math.nan, math.nan, math.nan, 0.0)
        covered = sum(shares[k] * assessed[k].coverage for k in keys)
        known = (
            100 * sum(shares[k] * assessed[k].coverage * assessed[k].points for k in keys if assessed[k].coverage > 0) / covered
            if covered > 0
            else math.nan
        )
        low = 100 * sum(shares[k] * assessed[k].low for k in keys) / total
        high = 100 * sum(shares[k] * assessed[k].high for k in keys) / total
        if not math.isnan(known):  # known answers may already cap an unknown one: stay in the range
            known = min(max(known, low), high)
        return AreaScore(known, min(low, high), max(low, high), covered / total)

    areas = {
        area: summarise([k for k, c in CRITERIA.items() if c.area == area], criterion_weights) for area in AREAS
    }
    overall = summarise(list(CRITERIA), effective)
    areas["overall"] = overall
    covered_total = sum(effective[k] * assessed[k].coverage for k in CRITERIA)
    rows: list[dict[str, Any]] = []
    for key, criterion in CRITERIA.items():
        a = assessed[key]
        share = effective[key]
        known_part = share * a.coverage / covered_total if covered_total > 0 else 0.0
        points = 0.0 if math.isnan(a.points) else a.points
        rows.append(
            {
                "area": criterion.area,
                "criterion": key,
                "title": criterion.title,
                "answer": _answer_text(profile, criterion.fields),
                "points": a.points,
                "low_points": a.low,
                "high_points": a.high,
                "coverage": a.coverage,
                "weight": criterion_weights[key],
                "max_points": 100.0 * share,
                "gained": 100.0 * known_part * points,
                "lost": 100.0 * known_part * (1.0 - points),
                "range_low": 100.0 * share * a.low,
                "range_high": 100.0 * share * a.high,
                "unknown": a.unknown,
                "reason": a.reason,
                "sources": "; ".join(cite(source) for source in criterion.sources),
            }
        )
    total_gained = sum(row["gained"] for row in rows)
    if total_gained > 0 and not math.isnan(overall.known):  # the known score was kept inside the range
        factor = overall.known / total_gained
        for row in rows:
            available = row["gained"] + row["lost"]
            row["gained"] *= factor
            row["lost"] = max(0.0, available - row["gained"])
    indicators = pyramid_indicators(profile, lines)
    statuses = dict(zip(indicators["indicator"], indicators["status"], strict=True))
    band = choose_band(
        overall.known,
        overall.coverage,
        statuses,
        GATES,
        {key: indicator.title for key, indicator in INDICATORS.items()},
        band_lines,
        pays_to_take_part=_pays_to_take_part(profile),
    )
    return ScoreResult(
        profile=profile,
        overall=float(overall.known),
        low=float(overall.low),
        high=float(overall.high),
        coverage=float(overall.coverage),
        area_scores={area: float(areas[area].known) for area in AREAS},
        areas=areas,
        band=band,
        criteria=pd.DataFrame(rows),
        indicators=indicators,
        questions=questions_to_ask(profile),
        criterion_weights=criterion_weights,
        area_weights=area_weights,
        lines=lines,
    )


def compare(
    profiles: Iterable[Profile | ScoreResult], weights: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Rank several profiles: by band first (best first), then by the known-answer score.

    Returns
    -------
    pandas.DataFrame
        One row per company, best first (by band, then the known-answer ``overall``; ties
        keep the order given): ``rank``, ``company``, then the names of
        :meth:`ScoreResult.summary`: ``band_level``, ``band``, ``overall``, ``low``, ``high``,
        ``coverage``, the three sub-scores (``product_score``, ``pay_plan_score``,
        ``company_score``), ``indicators_present``, ``indicators_unknown`` and ``unknown_answers``.

    Examples
    --------
    >>> from mlmkit.datasets import data_path
    >>> from mlmkit.scorecard.profile import load_profile
    >>> names = ["apex_wealth_circle", "evergreen_pantry"]
    >>> table = compare([load_profile(data_path("companies", f"{n}.toml")) for n in names])
    >>> table["company"].tolist()
    ['Evergreen Pantry', 'Apex Wealth Circle']
    """
    if isinstance(profiles, str | bytes | set | frozenset | Mapping) or not isinstance(profiles, Iterable):
        raise fail(
            "profiles",
            type(profiles).__name__,
            "it must be a list of Profiles or ScoreResults, in order (ties keep that order; a set has none)",
        )
    resolve_weights(weights)  # checked even when every item is already scored
    rows = []
    for number, item in enumerate(profiles):
        if not isinstance(item, Profile | ScoreResult):
            raise fail(f"profiles[{number}]", type(item).__name__, "it must be a Profile or a ScoreResult")
        result = item if isinstance(item, ScoreResult) else score(item, weights)
        rows.append({"company": result.company, **result.summary()})
    if not rows:
        raise fail("profiles", [], "give at least one profile to compare")
    table = pd.DataFrame(rows)
    table["_key"] = table["overall"].fillna(-1.0)
    table = table.sort_values(["band_level", "_key"], ascending=False, kind="stable").drop(columns="_key")
    table.insert(0, "rank", range(1, len(table) + 1))
    return RenamedColumnsFrame.wrap(table.reset_index(drop=True), OLD_COMPARE_COLUMNS)


#: Old column names of :func:`compare` (they warn ``FutureWarning``): old -> new.
OLD_COMPARE_COLUMNS = {"product": "product_score", "pay_plan": "pay_plan_score", "company_stability": "company_score"}
