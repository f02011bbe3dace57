"""Charts of a scorecard: the scores, every point gained or lost, the pyramid indicators,
and several companies side by side.

Every chart is built from a :class:`mlmkit.scorecard.ScoreResult` (or several) and
returned, never displayed. The data are a few dozen rows at most.

Examples
--------
>>> import mlmkit as mk
>>> result = mk.scorecard.score(mk.scorecard.example_profiles()["evergreen_pantry"])
>>> spec = score_bars(result).to_dict()
>>> spec["layer"][0]["mark"]["type"], spec["layer"][0]["encoding"]["x"]["field"]
('bar', 'score')
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from mlmkit._validation import check_pixels, check_sequence, fail
from mlmkit.scorecard.criteria import AREA_TITLES, AREAS
from mlmkit.scorecard.score import ScoreResult

__all__ = [
    "compare_frame",
    "compare_indicator_frame",
    "compare_indicators",
    "compare_scores",
    "indicator_chart",
    "points_chart",
    "points_frame",
    "score_bars",
    "score_frame",
]

#: Colours for indicator statuses (red present, amber unknown, green not present).
STATUS_COLORS = {"present": "#c62828", "unknown": "#f9a825", "not present": "#2e7d32"}
#: Colours for points gained for sure, points that depend on unknown answers, and points lost.
POINT_COLORS = {"gained": "#2b7bb9", "depends on unknown answers": "#f9a825", "lost": "#d9d9d9"}
#: Short names of the indicators for chart axes.
SHORT_INDICATOR_NAMES = {
    "recruiting_rewards": "Pay for recruiting",
    "entry_payment": "Entry payments",
    "inventory_loading": "Inventory loading",
    "internal_consumption": "Own buying as demand",
    "claims_without_disclosure": "Claims, no disclosure",
    "package_pay": "Pay grows with package",
    "participant_revenue": "Revenue from participants",
    "no_enforced_safeguard": "No enforced safeguard",
    "disclosure_leaves_out_inactive": "Disclosure: active only",
}


def _check_result(result: object) -> ScoreResult:
    if not isinstance(result, ScoreResult):
        raise fail("result", type(result).__name__, "it must be a ScoreResult from mk.scorecard.score")
    return result


def score_frame(result: ScoreResult) -> pd.DataFrame:
    """The overall score and the three sub-scores as a small table.

    Examples
    --------
    >>> import mlmkit as mk
    >>> result = mk.scorecard.score(mk.scorecard.example_profiles()["apex_wealth_circle"])
    >>> score_frame(result)["part"].tolist()
    ['Overall', 'Product', 'Pay plan', 'Company stability']
    """
    _check_result(result)
    rows = [{"part": "Overall", "score": result.overall, "kind": "overall"}]
    rows += [
        {"part": AREA_TITLES[area], "score": result.area_scores[area], "kind": "sub-score"}
        for area in AREAS
    ]
    table = pd.DataFrame(rows)
    table["label"] = table["score"].map(lambda value: "n/a" if pd.isna(value) else f"{value:.0f}")
    table["score"] = table["score"].fillna(0.0)
    return table


def score_bars(result: ScoreResult, *, width: int = 360) -> alt.LayerChart:
    """Horizontal bars (0 to 100) for the overall score and the three sub-scores.

    Examples
    --------
    >>> import mlmkit as mk
    >>> result = mk.scorecard.score(mk.scorecard.example_profiles()["vitaflow_nutrition"])
    >>> score_bars(result).to_dict()["title"]
    'VitaFlow Nutrition: scores'
    """
    width = check_pixels("width", width)
    data = score_frame(result)
    order = data["part"].tolist()
    base = alt.Chart(data).encode(
        y=alt.Y("part:N", sort=order, title=None),
        tooltip=[alt.Tooltip("part:N", title="Part"), alt.Tooltip("label:N", title="Score")],
    )
    bars = base.mark_bar().encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="Score (0 to 100)"),
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=["overall", "sub-score"], range=["#1f4e79", "#6fa8dc"]),
            legend=None,
        ),
    )
    labels = base.mark_text(align="left", dx=4).encode(x="score:Q", text="label:N")
    return (bars + labels).properties(width=width, title=f"{result.company}: scores")


def points_frame(result: ScoreResult) -> pd.DataFrame:
    """Three rows per criterion: points gained for sure, points that depend on unknown
    answers, and points lost, in points of the overall score (each criterion's three add
    up to what it can add; the ``gained`` rows add up to the low end of the overall range).

    Examples
    --------
    >>> import mlmkit as mk
    >>> result = mk.scorecard.score(mk.scorecard.example_profiles()["brightstart_wellness"])
    >>> frame = points_frame(result)
    >>> round(float(frame.loc[frame["part"] == "gained", "value"].sum()), 6) == round(result.low, 6)
    True
    """
    table = _check_result(result).to_frame()
    table["area_title"] = table["area"].map(AREA_TITLES)
    gained = table.assign(part="gained", value=table["range_low"])
    maybe = table.assign(part="depends on unknown answers", value=table["range_high"] - table["range_low"])
    lost = table.assign(part="lost", value=table["max_points"] - table["range_high"])
    data = pd.concat([gained, maybe, lost], ignore_index=True)[
        ["area_title", "title", "answer", "reason", "sources", "part", "value", "max_points"]
    ]
    data["value"] = data["value"].clip(lower=0.0)
    data["order"] = data["part"].map({"gained": 0, "depends on unknown answers": 1, "lost": 2})
    return data


def points_chart(result: ScoreResult, *, width: int = 360) -> alt.Chart:
    """Every criterion's points of the overall score: gained, lost, lost to unknowns.

    Bars are stacked per criterion; hover for the answer, the reason and the sources.

    Examples
    --------
    >>> import mlmkit as mk
    >>> result = mk.scorecard.score(mk.scorecard.example_profiles()["vitaflow_nutrition"])
    >>> points_chart(result).to_dict()["encoding"]["row"]["field"]
    'area_title'
    """
    width = check_pixels("width", width)
    data = points_frame(result)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("title:N", sort=data["title"].drop_duplicates().tolist(), title=None,
                    axis=alt.Axis(labelLimit=0)),  # criterion names in full, never cut
            x=alt.X("value:Q", stack="zero", title="Points of the overall score"),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=list(POINT_COLORS), range=list(POINT_COLORS.values())),
                title=None,
            ),
            order=alt.Order("order:Q"),
            row=alt.Row("area_title:N", sort=[AREA_TITLES[a] for a in AREAS], title=None),
            tooltip=[
                alt.Tooltip("title:N", title="Criterion"),
                alt.Tooltip("answer:N", title="Answer"),
                alt.Tooltip("part:N", title="Points"),
                alt.Tooltip("value:Q", format=".1f", title="Score points"),
                alt.Tooltip("reason:N", title="Why"),
                alt.Tooltip("sources:N", title="Sources"),
            ],
        )
        .resolve_scale(y="independent")
        .properties(width=width, title=f"{result.company}: where the points come from")
    )


def indicator_chart(result: ScoreResult) -> alt.Chart:
    """The pyramid indicators as coloured tiles: present, unknown or not present.

    Examples
    --------
    >>> import mlmkit as mk
    >>> result = mk.scorecard.score(mk.scorecard.example_profiles()["vitaflow_nutrition"])
    >>> indicator_chart(result).to_dict()["encoding"]["x"]["field"]
    'status'
    """
    table = _check_result(result).indicators
    return (
        alt.Chart(table)
        .mark_square(size=300)
        .encode(
            x=alt.X(
                "status:N",
                sort=list(STATUS_COLORS),
                scale=alt.Scale(domain=list(STATUS_COLORS)),
                title=None,
                axis=alt.Axis(labelAngle=0, orient="top"),
            ),
            y=alt.Y("title:N", sort=table["title"].tolist(), title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                title="Indicator",
            ),
            tooltip=[
                alt.Tooltip("title:N", title="Indicator"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("detail:N", title="Why"),
                alt.Tooltip("rule:N", title="Rule"),
                alt.Tooltip("sources:N", title="Sources"),
            ],
        )
        .properties(
            width=alt.Step(90),
            title=alt.TitleParams(
                f"{result.company}: pyramid indicators",
                subtitle="Indicators, not verdicts",
            )
        )
    )


def _results(results: Sequence[ScoreResult]) -> list[ScoreResult]:
    items = check_sequence(
        "results", results, allowed="it must be a list of ScoreResults from mk.scorecard.score", min_length=1
    )
    return [_check_result(item) for item in items]


#: Companies are sorted by their rank column (so a chart's data can be swapped in place).
_BY_RANK = alt.EncodingSortField(field="rank", op="min", order="ascending")


def _ranked(results: Sequence[ScoreResult]) -> list[ScoreResult]:
    """Best first, as :func:`mlmkit.scorecard.compare` ranks: band, then known-answer score."""
    return sorted(
        _results(results),
        key=lambda item: (-item.band.level, -(item.overall if item.overall == item.overall else -1.0)),
    )


def compare_frame(results: Sequence[ScoreResult]) -> pd.DataFrame:
    """Overall and sub-scores of several results, long format, with each company's rank.

    Examples
    --------
    >>> import mlmkit as mk
    >>> results = [mk.scorecard.score(p) for p in mk.scorecard.example_profiles().values()]
    >>> frame = compare_frame(results)
    >>> frame.loc[frame["rank"] == 1, "company"].iloc[0]
    'Evergreen Pantry'
    """
    rows = []
    for rank, item in enumerate(_ranked(results), start=1):
        for part, value in [("Overall", item.overall)] + [
            (AREA_TITLES[area], item.area_scores[area]) for area in AREAS
        ]:
            rows.append({"rank": rank, "company": item.company, "part": part, "score": value})
    data = pd.DataFrame(rows)
    data["label"] = data["score"].map(lambda value: "n/a" if pd.isna(value) else f"{value:.0f}")
    return data


def compare_scores(results: Sequence[ScoreResult]) -> alt.LayerChart:
    """A heat map of companies (best first) against the overall score and the sub-scores.

    Examples
    --------
    >>> import mlmkit as mk
    >>> results = [mk.scorecard.score(p) for p in mk.scorecard.example_profiles().values()]
    >>> compare_scores(results).to_dict()["layer"][0]["mark"]["type"]
    'rect'
    """
    data = compare_frame(results)
    parts = ["Overall"] + [AREA_TITLES[area] for area in AREAS]
    base = alt.Chart(data).encode(
        x=alt.X("part:N", sort=parts, title=None, axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("company:N", sort=_BY_RANK, title=None),
    )
    tiles = base.mark_rect().encode(
        color=alt.Color(
            "score:Q", scale=alt.Scale(domain=[0, 100], scheme="blues"), title="Score"
        ),
        tooltip=["company:N", "part:N", alt.Tooltip("score:Q", format=".0f")],
    )
    text = base.mark_text().encode(
        text="label:N",
        color=alt.condition(alt.datum.score > 55, alt.value("white"), alt.value("black")),
    )
    return (tiles + text).properties(
        width=alt.Step(120), title="Companies side by side (best first)"
    )


def compare_indicator_frame(results: Sequence[ScoreResult]) -> pd.DataFrame:
    """Every indicator of several results (one row per company and indicator), with ranks.

    Examples
    --------
    >>> import mlmkit as mk
    >>> results = [mk.scorecard.score(p) for p in mk.scorecard.example_profiles().values()]
    >>> compare_indicator_frame(results).shape
    (54, 7)
    """
    frames = [
        item.indicators.assign(company=item.company, rank=rank)
        for rank, item in enumerate(_ranked(results), start=1)
    ]
    data = pd.concat(frames, ignore_index=True)
    data = data[["rank", "company", "indicator", "title", "status", "detail"]]
    data["short"] = data["indicator"].map(SHORT_INDICATOR_NAMES).fillna(data["title"])
    return data


def compare_indicators(results: Sequence[ScoreResult]) -> alt.Chart:
    """Which pyramid indicators each company shows: one column per company (best first), one
    row per indicator, so the chart fits a notebook's width (about 700 px for six companies;
    each name wraps at its spaces) and the legend sits below it.

    Examples
    --------
    >>> import mlmkit as mk
    >>> results = [mk.scorecard.score(p) for p in mk.scorecard.example_profiles().values()]
    >>> compare_indicators(results).to_dict()["encoding"]["color"]["field"]
    'status'
    """
    data = compare_indicator_frame(results)
    return (
        alt.Chart(data)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X(
                "company:N",
                sort=_BY_RANK,
                title=None,
                axis=alt.Axis(labelAngle=0, orient="bottom", labelLimit=90,
                              labelExpr="split(datum.label, ' ')"),
            ),
            y=alt.Y("short:N", sort=data["short"].drop_duplicates().tolist(), title=None,
                    axis=alt.Axis(labelLimit=220)),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                title="Indicator",
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=["company:N", "title:N", "status:N", "detail:N"],
        )
        .properties(
            width=alt.Step(90),
            height=alt.Step(24),
            title=alt.TitleParams("Pyramid indicators by company", subtitle="Indicators, not verdicts"),
        )
    )
