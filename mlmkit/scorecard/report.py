"""Scorecards as text (terminal) and as a self-contained HTML page.

The HTML page needs nothing from the internet: no scripts, no links, no web fonts;
the score bars are plain HTML and CSS. Every text that comes from a profile (company
name, descriptions, source notes) is escaped, so a profile cannot inject markup.

Examples
--------
>>> from mlmkit.scorecard.profile import blank_profile
>>> from mlmkit.scorecard.score import score
>>> page = to_html(score(blank_profile("<script>alert(1)</script>")))
>>> "<script" in page, "&lt;script&gt;alert(1)&lt;/script&gt;" in page
(False, True)
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pandas as pd

from mlmkit._validation import check_columns, check_int, check_text, fail
from mlmkit.disclosure import profile_money_lines
from mlmkit.scorecard.criteria import AREA_TITLES, AREAS
from mlmkit.scorecard.fields import FIELDS, LISTS, Range, format_usd, is_known
from mlmkit.scorecard.indicators import INDICATOR_NOTE

if TYPE_CHECKING:
    from mlmkit.scorecard.profile import Profile


class ScoreResult(Protocol):
    """What a report needs from a score (:class:`mlmkit.scorecard.score.ScoreResult` has it).

    Defined here, by shape, so that this module does not import ``score`` (which imports
    this one to draw itself): no import cycle.
    """

    @property
    def profile(self) -> Profile: ...

    @property
    def overall(self) -> float: ...

    @property
    def low(self) -> float: ...

    @property
    def high(self) -> float: ...

    @property
    def coverage(self) -> float: ...

    @property
    def area_scores(self) -> dict[str, float]: ...

    @property
    def areas(self) -> dict[str, Any]: ...

    @property
    def band(self) -> Any: ...

    @property
    def criteria(self) -> pd.DataFrame: ...

    @property
    def indicators(self) -> pd.DataFrame: ...

    @property
    def questions(self) -> pd.DataFrame: ...

    @property
    def company(self) -> str: ...

    @property
    def fictional(self) -> bool: ...


__all__ = ["compare_text", "html_fragment", "money_lines", "to_html", "to_text"]

NOT_ADVICE = "Education, not legal or financial advice."
STATUS_MARK = {"present": "!!", "not present": "ok", "unknown": "??"}


_RESULT_ATTRIBUTES = ("profile", "overall", "band", "areas", "criteria", "indicators", "questions", "company")


def _check_result(field: str, value: Any) -> ScoreResult:
    """``value`` if it is a score (from :func:`mlmkit.scorecard.score`), else a clear error."""
    if isinstance(value, type) or not all(hasattr(value, name) for name in _RESULT_ATTRIBUTES):
        raise fail(field, value, "it must be a ScoreResult, from mlmkit.scorecard.score(profile)")
    return value


#: The columns of a ranking (from :func:`mlmkit.scorecard.compare`) the reports read.
RANKING_COLUMNS = (
    "rank", "company", "band", "overall", "low", "high", "coverage", "indicators_present", "indicators_unknown",
)


#: What each ranking column may hold: (kind, lowest, highest); NaN is allowed only where said.
_RANKING_TYPES: dict[str, tuple[str, float, float]] = {
    "rank": ("int", 1, math.inf),
    "company": ("text", 0, 0),
    "band": ("text", 0, 0),
    "overall": ("score or nan", 0, 100),
    "low": ("score", 0, 100),
    "high": ("score", 0, 100),
    "coverage": ("share", 0, 1),
    "indicators_present": ("int", 0, math.inf),
    "indicators_unknown": ("int", 0, math.inf),
}


def _check_ranking(field: str, table: Any) -> pd.DataFrame:
    """A ranking from :func:`mlmkit.scorecard.compare`: its columns, and in each the kind of value it holds."""
    allowed = "it must be a ranking from mlmkit.scorecard.compare(...)"
    table = check_columns(field, table, RANKING_COLUMNS, allowed)
    for column, (kind, low, high) in _RANKING_TYPES.items():
        for value in table[column].tolist():
            if kind == "text":
                ok = isinstance(value, str)
                what = "a text"
            elif kind == "int":
                ok = (isinstance(value, int | np.integer) or isinstance(value, float | np.floating)
                      and math.isfinite(value) and float(value).is_integer())
                ok = ok and not isinstance(value, bool | np.bool_) and low <= value
                what = f"a whole number of {low:g} or more"
            else:
                ok = isinstance(value, int | float | np.integer | np.floating) and not isinstance(value, bool | np.bool_)
                ok = ok and (low <= value <= high or (kind == "score or nan" and math.isnan(value)))
                what = f"a number from {low:g} to {high:g}" + (" (or NaN: nothing known)" if kind == "score or nan" else "")
            if not ok:
                raise fail(f"{field}[{column!r}]", value, f"{allowed}; its {column} column holds {what}")
    return table


def _title(result: ScoreResult) -> str:
    return result.company + (" (fictional example)" if result.fictional else "")


def _bar(value: float, width: int = 20) -> str:
    if math.isnan(value):
        return "(weight 0)"
    filled = int(round(value / 100 * width))
    return "#" * filled + "." * (width - filled)


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.0f}"


def money_lines(result: ScoreResult) -> list[str]:
    """The disclosed median pay next to the year-one cost of joining, as sentences.

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles, score
    >>> print(money_lines(score(example_profiles()["vitaflow_nutrition"]))[0])
    Disclosed median yearly pay (before expenses): USD 150 (2025 disclosure; counts only active members).
    """
    profile = _check_result("result", result).profile
    median = profile.answers.get("income_disclosure.median_yearly_usd")
    year = profile.answers.get("income_disclosure.year")
    counts = profile.answers.get("income_disclosure.counts_inactive")
    lines = []
    if is_known(median):
        notes = []
        if is_known(year):
            notes.append(f"{year} disclosure")
        if counts is False:
            notes.append("counts only active members")
        elif counts is True:
            notes.append("counts inactive members too")
        extra = f" ({'; '.join(notes)})" if notes else ""
        lines.append(f"Disclosed median yearly pay (before expenses): {format_usd(median)}{extra}.")
    else:
        lines.append("Disclosed median yearly pay: unknown (ask for the income disclosure).")
    cost = profile.year_one_cost()
    package = f" with the {cost.package} package" if cost.package else ""
    lines.append(
        f"Year-one cost of joining{package} (kit or package + 12 months of required purchases + "
        f"renewal): {cost.describe()}."
    )
    if is_known(median) and not isinstance(median, Range) and cost.total.high < float("inf"):
        gap = float(median) - cost.total.high
        if gap < 0:
            lines.append(
                f"The median participant's yearly pay is {format_usd(-gap)} short of the year-one cost "
                "(before any other expenses)."
            )
        else:
            lines.append("The median participant's yearly pay covers the year-one cost (before other expenses).")
    # The first-year calculator's numbers (mlmkit.disclosure), the same as `mlmkit first-year`.
    lines.extend(profile_money_lines(profile))
    return lines


def _range_text(area: Any) -> str:
    known = "n/a" if math.isnan(area.known) else f"{area.known:.0f}"
    low = "n/a" if math.isnan(area.low) else f"{area.low:.0f}"
    high = "n/a" if math.isnan(area.high) else f"{area.high:.0f}"
    return f"{known:>3}/100  range {low:>3} to {high:>3}  answered {area.coverage:>4.0%}"


def to_text(result: ScoreResult, *, width: int = 88) -> str:
    """The scorecard for a terminal: band, scores with ranges, indicators, money, questions.

    Examples
    --------
    >>> from mlmkit.datasets import data_path
    >>> from mlmkit.scorecard.profile import load_profile
    >>> from mlmkit.scorecard.score import score
    >>> text = to_text(score(load_profile(data_path("companies", "evergreen_pantry.toml"))))
    >>> print(text.splitlines()[0])
    Evergreen Pantry (fictional example)
    >>> print(text.splitlines()[2])
    Band: Fewer warning signs
    """
    result = _check_result("result", result)
    width = check_int("width", width, low=40, high=1000)
    wrap = textwrap.TextWrapper(width=width, initial_indent="      ", subsequent_indent="      ")
    para = lambda text, indent="  ": textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent)  # noqa: E731
    lines = [_title(result), NOT_ADVICE, f"Band: {result.band.title}"]
    lines.extend(para(result.band.band.meaning))
    for reason in result.band.reasons:
        lines.extend(textwrap.wrap(reason, width=width, initial_indent="  - ", subsequent_indent="    "))
    for note in result.profile.notes:
        lines.extend(para("Note: " + note))
    gathered = result.profile.answers.get("company.facts_gathered")
    if is_known(gathered):
        lines.append(f"  Facts gathered on {gathered.isoformat()}.")
    lines.append("")
    lines.append("Score on known answers, its range (unknowns at worst .. best) and how much is answered")
    lines.append(f"  {'Overall':<20} {_range_text(result.areas['overall'])}  {_bar(result.overall)}")
    for area in AREAS:
        lines.append(f"  {AREA_TITLES[area]:<20} {_range_text(result.areas[area])}  {_bar(result.area_scores[area])}")
    lines.append("")
    lines.append("Money: what the median participant is paid, and what the first year costs")
    for line in money_lines(result):
        lines.extend(para(line))
    lines.append("")
    lines.append("Pyramid indicators (they gate the band; they are not part of the score)")
    lines.extend(para(INDICATOR_NOTE))
    row: Any  # a table row (pandas types its fields loosely)
    for row in result.indicators.itertuples():
        gate = " [gate]" if row.gate else ""
        lines.extend(
            textwrap.wrap(
                f"[{STATUS_MARK[row.status]}] {row.title}{gate}: {row.status} ({row.detail})",
                width=width, initial_indent="  ", subsequent_indent="       ",
            )
        )
        lines.extend(wrap.wrap(f"Rule: {row.rule} Sources: {row.citation}."))
    lines.append("")
    lines.append("Why: points of the overall score, per criterion (known answers; ? = some unknown)")
    table = result.criteria
    for area in AREAS:
        lines.append(f"  {AREA_TITLES[area]}")
        for row in table[table["area"] == area].itertuples():
            mark = "?" if row.unknown else ("+" if row.points >= 0.5 else "-")
            lines.append(
                f"   {mark} {row.range_low:4.1f} to {row.range_high:4.1f} of {row.max_points:4.1f}  {row.title} ({row.answer})"
            )
            lines.extend(wrap.wrap(row.reason))
    lines.append("")
    lines.append("Questions to ask the person recruiting you")
    for number, question in enumerate(result.questions["question"], start=1):
        lines.extend(
            textwrap.wrap(question, width=width, initial_indent=f"  {number:>2}. ", subsequent_indent="      ")
        )
    return "\n".join(lines) + "\n"


def compare_text(table: pd.DataFrame) -> str:
    """A ranking table (from :func:`~mlmkit.scorecard.score.compare`) for a terminal.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"rank": [1], "company": ["A"], "band": ["Some warning signs"],
    ...     "overall": [80.0], "low": [70.0], "high": [90.0], "coverage": [0.8], "product_score": [70.0],
    ...     "pay_plan_score": [90.0], "company_score": [80.0], "indicators_present": [0],
    ...     "indicators_unknown": [1], "unknown_answers": [2]})
    >>> print(compare_text(table).splitlines()[2])
       1  A                         Some warning signs            80   70-90     80%        0        1
    """
    table = _check_ranking("table", table)
    header = (
        f"{'rank':>4}  {'company':<25} {'band':<27} {'known':>5} {'range':>7}  {'answered':>6}  "
        f"{'present':>7}  {'unknown':>7}"
    )
    lines = [NOT_ADVICE + " Known = score on known answers; indicators present / unknown.", header]
    row: Any  # a table row (pandas types its fields loosely)
    for row in table.itertuples():
        span = f"{_fmt(row.low)}-{_fmt(row.high)}"
        lines.append(
            f"{row.rank:>4}  {row.company[:25]:<25} {row.band[:27]:<27} {_fmt(row.overall):>5} {span:>7}  "
            f"{row.coverage:>8.0%}  {row.indicators_present:>7}  {row.indicators_unknown:>7}"
        )
    return "\n".join(lines) + "\n"


_CSS = """
.mlmkit-scorecard { font-family: system-ui, sans-serif; max-width: 60rem; line-height: 1.4; }
.mlmkit-scorecard .note { color: #555; font-size: 0.9em; }
.mlmkit-scorecard .bar { background: #eee; width: 16rem; height: 0.9rem; display: inline-block;
  vertical-align: middle; }
.mlmkit-scorecard .bar { position: relative; }
.mlmkit-scorecard .range { position: absolute; top: 0; height: 100%; background: #9cc3e4; }
.mlmkit-scorecard .mark { position: absolute; top: -0.15rem; height: 1.2rem; width: 3px; background: #1f4e79; }
.mlmkit-scorecard .band { border-left: 0.4rem solid #888; padding: 0.3rem 0.8rem; margin: 0.5rem 0; background: #f7f7f7; }
.mlmkit-scorecard .band5 { border-color: #2e7d32; } .mlmkit-scorecard .band4 { border-color: #7cb342; }
.mlmkit-scorecard .band3 { border-color: #f9a825; } .mlmkit-scorecard .band2 { border-color: #ef6c00; }
.mlmkit-scorecard .band1 { border-color: #a40000; }
.mlmkit-scorecard table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
.mlmkit-scorecard th, .mlmkit-scorecard td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.5rem;
  text-align: left; vertical-align: top; }
.mlmkit-scorecard .present { color: #a40000; font-weight: bold; }
.mlmkit-scorecard .unknown { color: #8a6d00; font-weight: bold; }
.mlmkit-scorecard .absent { color: #2e7d32; }
.mlmkit-scorecard .sources { color: #555; font-size: 0.85em; }
"""

_STATUS_CLASS = {"present": "present", "not present": "absent", "unknown": "unknown"}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _html_bar(label: str, area: Any) -> str:
    def clamp(value: float) -> float:
        return 0.0 if math.isnan(value) else max(0.0, min(100.0, value))

    low, high, known = clamp(area.low), clamp(area.high), clamp(area.known)
    known_text = "n/a" if math.isnan(area.known) else f"{area.known:.0f}"
    return (
        f"<tr><th>{_e(label)}</th><td>{_e(known_text)}/100</td>"
        f"<td>{_e(_fmt(area.low))} to {_e(_fmt(area.high))}</td><td>{area.coverage:.0%}</td>"
        f'<td><span class="bar"><span class="range" style="left:{low:.1f}%;width:{max(high - low, 0.5):.1f}%"></span>'
        f'<span class="mark" style="left:{known:.1f}%"></span></span></td></tr>'
    )


def html_fragment(result: ScoreResult) -> str:
    """The scorecard as an HTML block (used for notebook display and inside the page).

    Every text from the profile is escaped; no scripts, no links.

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles, score
    >>> block = html_fragment(score(example_profiles()["evergreen_pantry"]))
    >>> block.startswith('<div class="mlmkit-scorecard"><h2>Evergreen Pantry (fictional example)</h2>')
    True
    """
    profile = _check_result("result", result).profile
    description = profile.answers.get("company.description")
    parts = [f'<div class="mlmkit-scorecard"><h2>{_e(_title(result))}</h2>']
    if is_known(description):
        parts.append(f"<p>{_e(description)}</p>")
    parts.append(f'<p class="note">{_e(NOT_ADVICE)}</p>')
    level = result.band.level
    parts.append(f'<div class="band band{level}"><b>Band: {_e(result.band.title)}</b><p>{_e(result.band.band.meaning)}</p><ul>')
    parts.extend(f"<li>{_e(reason)}</li>" for reason in result.band.reasons)
    parts.append("</ul></div>")
    for note in profile.notes:
        parts.append(f'<p class="note">Note: {_e(note)}</p>')
    gathered = profile.answers.get("company.facts_gathered")
    if is_known(gathered):
        parts.append(f'<p class="note">Facts gathered on {_e(gathered.isoformat())}.</p>')
    parts.append(
        "<h3>Score on known answers, with its range</h3>"
        '<p class="note">The range puts every unknown answer at its worst and at its best; '
        "&ldquo;answered&rdquo; is the share of the weight the known answers cover.</p><table>"
        "<tr><th></th><th>Known answers</th><th>Range</th><th>Answered</th><th></th></tr>"
    )
    parts.append(_html_bar("Overall", result.areas["overall"]))
    for area in AREAS:
        parts.append(_html_bar(AREA_TITLES[area], result.areas[area]))
    parts.append("</table><h3>Money: median pay and the cost of the first year</h3><ul>")
    parts.extend(f"<li>{_e(line)}</li>" for line in money_lines(result))
    parts.append(f'</ul><h3>Pyramid indicators</h3><p class="note">{_e(INDICATOR_NOTE)}</p><table>')
    parts.append(
        "<tr><th>Indicator</th><th>Status</th><th>What the answers say</th><th>Rule</th>"
        "<th>Benchmark</th><th>Sources</th></tr>"
    )
    row: Any  # a table row (pandas types its fields loosely)
    for row in result.indicators.itertuples():
        gate = " (gate)" if row.gate else ""
        parts.append(
            f"<tr><td>{_e(row.title)}{_e(gate)}</td><td class=\"{_STATUS_CLASS[row.status]}\">{_e(row.status)}</td>"
            f"<td>{_e(row.detail)}</td><td>{_e(row.rule)}</td><td>{_e(row.benchmark)}</td>"
            f'<td class="sources">{_e(row.citation)}</td></tr>'
        )
    parts.append("</table><h3>Why: every criterion</h3><table>")
    parts.append(
        "<tr><th>Area</th><th>Criterion</th><th>Answer</th><th>Points of the overall (range / available)</th>"
        "<th>Reason</th><th>Sources</th></tr>"
    )
    for row in result.criteria.itertuples():
        css = ' class="unknown"' if row.unknown else ""
        parts.append(
            f"<tr><td>{_e(AREA_TITLES[row.area])}</td><td>{_e(row.title)}</td>"
            f"<td{css}>{_e(row.answer)}</td><td>{row.range_low:.1f} to {row.range_high:.1f} / {row.max_points:.1f}</td>"
            f'<td>{_e(row.reason)}</td><td class="sources">{_e(row.sources)}</td></tr>'
        )
    parts.append("</table><h3>Questions to ask the person recruiting you</h3><ol>")
    for question in result.questions["question"]:
        parts.append(f"<li>{_e(question)}</li>")
    parts.append("</ol>")
    actions = profile.lists.get("legal_actions") or ()
    if actions:
        parts.append("<h3>Legal actions listed in the profile</h3><ul>")
        for action in actions:
            parts.append(
                f"<li>{_e(action['citation'])} ({_e(action['year'])}, {_e(action['kind'].replace('_', ' '))})"
                + (f": {_e(action['outcome'])}" if is_known(action.get("outcome")) else "")
                + "</li>"
            )
        parts.append("</ul>")
    if profile.sources:
        parts.append("<h3>Where the answers came from</h3><ul>")
        for path, note in profile.sources.items():
            label = FIELDS[path].label if path in FIELDS else LISTS[path].label if path in LISTS else path
            parts.append(f"<li><b>{_e(label)}</b>: {_e(note)}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


_RANKING_HIDDEN = {"band_level"}
_RANKING_TITLES = {
    "overall": "known-answer score",
    "low": "range low",
    "high": "range high",
    "coverage": "answered",
    "product_score": "product",
    "pay_plan_score": "pay plan",
    "company_score": "company",
    "indicators_present": "indicators present",
    "indicators_unknown": "indicators unknown",
    "unknown_answers": "unknown answers",
}
_RANKING_FORMATS = {
    "overall": lambda v: _fmt(v),
    "low": lambda v: _fmt(v),
    "high": lambda v: _fmt(v),
    "product": lambda v: _fmt(v),
    "pay_plan": lambda v: _fmt(v),
    "company_stability": lambda v: _fmt(v),
    "coverage": lambda v: f"{v:.0%}",
}


def to_html(
    results: ScoreResult | Sequence[ScoreResult],
    *,
    ranking: pd.DataFrame | None = None,
    title: str = "Opportunity scorecard",
) -> str:
    """A complete, self-contained HTML page for one or more scorecards.

    Parameters
    ----------
    results : ScoreResult or sequence of ScoreResult
        What to report.
    ranking : pandas.DataFrame, optional
        A table from :func:`~mlmkit.scorecard.score.compare`, shown first.
    title : str
        The page title.

    Returns
    -------
    str
        HTML with inline CSS only: no scripts, no external links. All text is escaped.

    Examples
    --------
    >>> from mlmkit.scorecard import compare, example_profiles, score
    >>> results = [score(p) for p in example_profiles().values()]
    >>> page = to_html(results, ranking=compare(results))
    >>> page.startswith("<!DOCTYPE html>"), "<script" in page, "http" in page
    (True, False, False)
    """
    if isinstance(results, Sequence) and not isinstance(results, str | bytes):
        items = [_check_result(f"results[{number}]", item) for number, item in enumerate(results)]
        if not items:
            raise fail("results", results, "give at least one ScoreResult")
    else:
        items = [_check_result("results", results)]
    title = check_text("title", title, max_length=1000)
    if ranking is not None:
        ranking = _check_ranking("ranking", ranking)
    body = [
        f'<div class="mlmkit-scorecard"><h1>{_e(title)}</h1>'
        f'<p class="note">{_e(NOT_ADVICE)} Scores summarise the answers in each profile against '
        "published guidance and court orders; the pyramid indicators are indicators, not "
        "verdicts.</p></div>"
    ]
    if ranking is not None:
        body.append('<div class="mlmkit-scorecard"><h2>Ranking</h2><table><tr>')
        body.extend(
            f"<th>{_e(_RANKING_TITLES.get(str(column), str(column).replace('_', ' ')))}</th>"
            for column in ranking.columns
            if column not in _RANKING_HIDDEN
        )
        body.append("</tr>")
        row: Any  # a table row (pandas types its fields loosely)
        for row in ranking.itertuples(index=False):
            cells = (
                _RANKING_FORMATS[column](value) if column in _RANKING_FORMATS
                else _fmt(value) if isinstance(value, float) else str(value)
                for column, value in zip(ranking.columns, row, strict=True)
                if column not in _RANKING_HIDDEN
            )
            body.append("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in cells) + "</tr>")
        body.append("</table></div>")
    body.extend(html_fragment(result) for result in items)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        + "".join(body)
        + f'<p class="note">Made with mlmkit. {_e(NOT_ADVICE)}</p></body></html>\n'
    )
