"""Score a profile: three sub-scores, every point explained, indicators alongside.

Each criterion (:mod:`mlmkit.scorecard.criteria`) gives 0 to 1 points. A sub-score is
the weighted average of its area's criteria, times 100; the overall score is the
weighted average of the three sub-scores. Weights are yours to change: pass
``weights={"buyback": 4, "pay_plan": 2}`` (criterion keys set a criterion's weight in
its area, area names set an area's weight in the overall score; 0 switches it off).

The result explains every point: :meth:`ScoreResult.to_frame` has one row per
criterion with the points gained and lost (in points of the overall score, so the
``gained`` column adds up to the overall score), the reason and the sources.
Scores are stable (no randomness) and monotone: a better answer never lowers them.
The pyramid indicators are reported separately and never mixed into the score.

Education, not legal or financial advice.

Examples
--------
>>> from mlmkit.datasets import data_path
>>> from mlmkit.scorecard.profile import load_profile
>>> profile = load_profile(data_path("companies", "evergreen_pantry.toml"))
>>> result = score(profile)
>>> round(result.overall, 1), {area: round(value) for area, value in result.area_scores.items()}
(93.7, {'product': 95, 'pay_plan': 100, 'company': 86})
>>> round(float(result.to_frame()["gained"].sum()), 1)
93.7
>>> round(score(profile, weights={"company": 0}).overall, 1)
97.6
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mlmkit._compat import RenamedColumnsFrame
from mlmkit._validation import check_number, fail
from mlmkit.scorecard.criteria import AREAS, CRITERIA, evaluate
from mlmkit.scorecard.fields import FIELDS, Field, format_usd, is_unknown
from mlmkit.scorecard.indicators import pyramid_indicators
from mlmkit.scorecard.profile import Profile
from mlmkit.scorecard.questions import questions_to_ask
from mlmkit.sources import cite

__all__ = ["ScoreResult", "compare", "describe_answer", "resolve_weights", "score"]

SCORE_NOTE = (
    "Education, not legal or financial advice. Scores summarise the answers in the profile "
    "against published guidance; they are not a rating of any real company."
)


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
    """
    criterion_weights = {key: criterion.weight for key, criterion in CRITERIA.items()}
    area_weights = dict.fromkeys(AREAS, 1.0)
    for key, value in (weights or {}).items():
        if key in CRITERIA:
            criterion_weights[key] = check_number(f"weights[{key!r}]", value, low=0)
        elif key in AREAS:
            area_weights[key] = check_number(f"weights[{key!r}]", value, low=0)
        else:
            first = ", ".join(list(CRITERIA)[:2])
            raise fail(
                f"weights[{key!r}]",
                value,
                f"weights are keyed by an area ({', '.join(AREAS)}) or a criterion ({first}, ...)",
            )
    return criterion_weights, area_weights


def describe_answer(spec: Field, value: Any) -> str:
    """An answer as a reader would say it: ``45%``, ``1,200 USD``, ``unknown``.

    Examples
    --------
    >>> describe_answer(FIELDS["product.outside_customer_share"], 0.45)
    '45%'
    >>> describe_answer(FIELDS["pay_plan.entry_fee_usd"], 1200.0)
    '1,200 USD'
    >>> describe_answer(FIELDS["pay_plan.rank_requirements"], "retail_sales")
    'retail sales'
    """
    if value is None:
        return "not given"
    if is_unknown(value):
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if spec.kind == "choice":
        return str(value).replace("_", " ")
    if spec.kind == "rates":
        return "/".join(f"{rate * 100:g}" for rate in value) + "%"
    if spec.kind in ("number", "int"):
        if spec.unit.startswith("a share"):
            return f"{value:.0%}"
        if spec.unit.startswith("USD"):
            text = format_usd(value)
            return text + (" a month" if "month" in spec.unit else " a year" if "year" in spec.unit else "")
        if spec.unit.startswith("times"):
            return f"{value:g}x"
        return f"{value:g}" + (f" {spec.unit}" if spec.unit else "")
    return str(value)


@dataclass(frozen=True, eq=False)
class ScoreResult:
    """A scored profile.

    Attributes
    ----------
    profile : Profile
        What was scored.
    overall : float
        0 to 100.
    area_scores : dict
        ``{"product": ..., "pay_plan": ..., "company": ...}``, each 0 to 100 (``nan`` for
        an area whose weights are all 0).
    criteria : pandas.DataFrame
        One row per criterion; see :meth:`to_frame`.
    indicators : pandas.DataFrame
        The pyramid indicators (:func:`~mlmkit.scorecard.indicators.pyramid_indicators`).
    questions : pandas.DataFrame
        Questions to ask (:func:`~mlmkit.scorecard.questions.questions_to_ask`).
    criterion_weights, area_weights : dict
        The weights used.

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles
    >>> result = score(example_profiles()["kitchencraft_parties"])
    >>> result.summary()[["overall", "indicators_present"]].round(1).tolist()
    [80.0, 1.0]
    """

    profile: Profile
    overall: float
    area_scores: dict[str, float]
    criteria: pd.DataFrame
    indicators: pd.DataFrame
    questions: pd.DataFrame
    criterion_weights: dict[str, float]
    area_weights: dict[str, float]

    @property
    def company(self) -> str:
        """The company's name."""
        return self.profile.name

    @property
    def fictional(self) -> bool:
        """True for the made-up example companies."""
        return self.profile.answers.get("company.fictional") is True

    def to_frame(self) -> pd.DataFrame:
        """Every criterion and the points it gained or lost.

        Columns: ``area``, ``criterion``, ``title``, ``answer``, ``points`` (0..1),
        ``weight``, ``max_points`` (what the criterion can add to the overall score),
        ``gained`` and ``lost`` (points of the overall score; ``gained`` sums to the
        overall score), ``unknown`` (an answer was unknown), ``reason``, ``sources``.
        """
        return self.criteria.copy()

    def summary(self) -> pd.Series:
        """Headline numbers: overall and sub-scores, indicators present or unknown, unknowns."""
        status = self.indicators["status"]
        return pd.Series(
            {
                "overall": self.overall,
                **{f"{area}_score": value for area, value in self.area_scores.items()},
                "indicators_present": int((status == "present").sum()),
                "indicators_unknown": int((status == "unknown").sum()),
                "unknown_answers": len(self.profile.unknown_fields),
            },
            name=self.company,
        )

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
        scores = ", ".join(f"{area}={value:.0f}" for area, value in self.area_scores.items())
        return f"<ScoreResult {self.company!r}: overall {self.overall:.0f}/100 ({scores})>"


def score(profile: Profile, weights: Mapping[str, Any] | None = None) -> ScoreResult:
    """Score a company profile.

    Parameters
    ----------
    profile : Profile
        From :func:`~mlmkit.scorecard.profile.load_profile` or the notebook form.
    weights : mapping, optional
        Criterion keys and/or area names -> weight (0 or more); others keep their default.

    Returns
    -------
    ScoreResult
        Scores, the explained table, the pyramid indicators and the questions to ask.

    Examples
    --------
    >>> from mlmkit.scorecard.profile import blank_profile
    >>> result = score(blank_profile("Unknown Co"))
    >>> result.overall, bool(result.to_frame()["unknown"].all())
    (0.0, True)
    """
    if not isinstance(profile, Profile):
        raise fail("profile", type(profile).__name__, "it must be a Profile (see load_profile)")
    criterion_weights, area_weights = resolve_weights(weights)
    answers = profile.answers
    area_totals = dict.fromkeys(AREAS, 0.0)
    for key, criterion in CRITERIA.items():
        area_totals[criterion.area] += criterion_weights[key]
    active = {area: area_weights[area] for area in AREAS if area_totals[area] > 0}
    active_total = sum(active.values())
    if active_total <= 0:
        raise fail(
            "weights",
            dict(weights or {}),
            "at least one criterion needs a weight above 0 in an area whose weight is above 0",
        )
    rows = []
    for key, criterion in CRITERIA.items():
        points, reason, unknown = evaluate(criterion, answers)
        weight = criterion_weights[key]
        area_total = area_totals[criterion.area]
        share = (
            active.get(criterion.area, 0.0) / active_total * weight / area_total
            if area_total > 0
            else 0.0
        )
        max_points = 100.0 * share
        rows.append(
            {
                "area": criterion.area,
                "criterion": key,
                "title": criterion.title,
                "answer": "; ".join(
                    f"{FIELDS[path].label}: {describe_answer(FIELDS[path], answers[path])}"
                    for path in criterion.fields
                ),
                "points": points,
                "weight": weight,
                "max_points": max_points,
                "gained": max_points * points,
                "lost": max_points * (1.0 - points),
                "unknown": unknown,
                "reason": reason,
                "sources": "; ".join(cite(source) for source in criterion.sources),
            }
        )
    table = pd.DataFrame(rows)
    area_scores = {}
    for area in AREAS:
        weighted = sum(row["weight"] * row["points"] for row in rows if row["area"] == area)
        total = area_totals[area]
        area_scores[area] = float(100.0 * weighted / total) if total > 0 else float("nan")
    overall = sum(area_weights[area] * area_scores[area] for area in active) / active_total
    return ScoreResult(
        profile=profile,
        overall=float(overall),
        area_scores=area_scores,
        criteria=table,
        indicators=pyramid_indicators(profile),
        questions=questions_to_ask(profile),
        criterion_weights=criterion_weights,
        area_weights=area_weights,
    )


def compare(
    profiles: Iterable[Profile | ScoreResult], weights: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """Rank several profiles by overall score (ties keep the order given).

    Returns
    -------
    pandas.DataFrame
        One row per company, best first (by ``overall``; ties keep the order given):
        ``rank``, ``company``, then the names of :meth:`ScoreResult.summary`: ``overall``,
        the three sub-scores (``product_score``, ``pay_plan_score``, ``company_score``),
        ``indicators_present``, ``indicators_unknown`` and ``unknown_answers``.

    Examples
    --------
    >>> from mlmkit.datasets import data_path
    >>> from mlmkit.scorecard.profile import load_profile
    >>> names = ["apex_wealth_circle", "evergreen_pantry"]
    >>> table = compare([load_profile(data_path("companies", f"{n}.toml")) for n in names])
    >>> table["company"].tolist()
    ['Evergreen Pantry', 'Apex Wealth Circle']
    """
    rows = []
    for item in profiles:
        result = item if isinstance(item, ScoreResult) else score(item, weights)
        rows.append({"company": result.company, **result.summary()})
    if not rows:
        raise fail("profiles", [], "give at least one profile to compare")
    table = pd.DataFrame(rows).sort_values("overall", ascending=False, kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return RenamedColumnsFrame.wrap(table.reset_index(drop=True), OLD_COMPARE_COLUMNS)


#: Old column names of :func:`compare` (they warn ``FutureWarning``): old -> new.
OLD_COMPARE_COLUMNS = {"product": "product_score", "pay_plan": "pay_plan_score", "company_stability": "company_score"}
