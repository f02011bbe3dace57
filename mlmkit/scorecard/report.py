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
from typing import TYPE_CHECKING, Protocol

import pandas as pd

from mlmkit.scorecard.criteria import AREA_TITLES, AREAS
from mlmkit.scorecard.fields import FIELDS
from mlmkit.scorecard.indicators import INDICATOR_NOTE

if TYPE_CHECKING:
    from mlmkit.scorecard.profile import Profile


class ScoreResult(Protocol):
    """What a report needs from a score (:class:`mlmkit.scorecard.score.ScoreResult` has it).

    Defined here, by shape, so that this module does not import ``score`` (which imports
    this one to draw itself): no import cycle.
    """

    profile: Profile
    overall: float
    area_scores: dict[str, float]
    criteria: pd.DataFrame
    indicators: pd.DataFrame
    questions: pd.DataFrame

    @property
    def company(self) -> str: ...

    @property
    def fictional(self) -> bool: ...

__all__ = ["compare_text", "html_fragment", "to_html", "to_text"]

NOT_ADVICE = "Education, not legal or financial advice."
STATUS_MARK = {"present": "!!", "not present": "ok", "unknown": "??"}


def _title(result: ScoreResult) -> str:
    return result.company + (" (fictional example)" if result.fictional else "")


def _bar(value: float, width: int = 20) -> str:
    if math.isnan(value):
        return "(weight 0)"
    filled = int(round(value / 100 * width))
    return "#" * filled + "." * (width - filled)


def _fmt(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.0f}"


def to_text(result: ScoreResult, *, width: int = 88) -> str:
    """The scorecard for a terminal: scores, every criterion, indicators, questions.

    Examples
    --------
    >>> from mlmkit.datasets import data_path
    >>> from mlmkit.scorecard.profile import load_profile
    >>> from mlmkit.scorecard.score import score
    >>> text = to_text(score(load_profile(data_path("companies", "evergreen_pantry.toml"))))
    >>> print(text.splitlines()[0])
    Evergreen Pantry (fictional example)
    >>> print(text.splitlines()[2])
      Overall score         94/100  ###################.
    """
    wrap = textwrap.TextWrapper(width=width, initial_indent="      ", subsequent_indent="      ")
    lines = [_title(result), NOT_ADVICE]
    lines.append(f"  {'Overall score':<20} {result.overall:>3.0f}/100  {_bar(result.overall)}")
    for area in AREAS:
        value = result.area_scores[area]
        lines.append(f"  {AREA_TITLES[area]:<20} {_fmt(value):>3}/100  {_bar(value)}")
    lines.append("")
    lines.append("Pyramid indicators (reported apart from the score)")
    lines.extend(textwrap.wrap(INDICATOR_NOTE, width=width, initial_indent="  ", subsequent_indent="  "))
    for row in result.indicators.itertuples():
        lines.append(f"  [{STATUS_MARK[row.status]}] {row.title}: {row.status} ({row.detail})")
    lines.append("")
    lines.append("Why: points of the overall score gained / available, per criterion")
    table = result.criteria
    for area in AREAS:
        lines.append(f"  {AREA_TITLES[area]}")
        for row in table[table["area"] == area].itertuples():
            mark = "?" if row.unknown else ("+" if row.points >= 0.5 else "-")
            lines.append(f"   {mark} {row.gained:4.1f} / {row.max_points:4.1f}  {row.title} ({row.answer})")
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
    >>> table = pd.DataFrame({"rank": [1], "company": ["A"], "overall": [80.0], "product_score": [70.0],
    ...     "pay_plan_score": [90.0], "company_score": [80.0], "indicators_present": [0],
    ...     "indicators_unknown": [1], "unknown_answers": [2]})
    >>> print(compare_text(table).splitlines()[2])
       1  A                               80       70       90       80         0         1       2
    """
    header = (
        f"{'rank':>4}  {'company':<30} {'overall':>7}  {'product':>7}  {'pay plan':>7}  "
        f"{'company':>7}  {'present':>8}  {'unknown':>8}  {'blanks':>6}"
    )
    lines = [NOT_ADVICE + " Indicators: pyramid indicators present / unknown.", header]
    for row in table.itertuples():
        lines.append(
            f"{row.rank:>4}  {row.company[:30]:<30} {_fmt(row.overall):>7}  {_fmt(row.product_score):>7}  "
            f"{_fmt(row.pay_plan_score):>7}  {_fmt(row.company_score):>7}  "
            f"{row.indicators_present:>8}  {row.indicators_unknown:>8}  {row.unknown_answers:>6}"
        )
    return "\n".join(lines) + "\n"


_CSS = """
.mlmkit-scorecard { font-family: system-ui, sans-serif; max-width: 60rem; line-height: 1.4; }
.mlmkit-scorecard .note { color: #555; font-size: 0.9em; }
.mlmkit-scorecard .bar { background: #eee; width: 16rem; height: 0.9rem; display: inline-block;
  vertical-align: middle; }
.mlmkit-scorecard .fill { background: #2b7bb9; height: 100%; }
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


def _html_bar(label: str, value: float) -> str:
    shown = 0.0 if math.isnan(value) else max(0.0, min(100.0, value))
    return (
        f"<tr><th>{_e(label)}</th><td>{_e(_fmt(value))}/100</td>"
        f'<td><span class="bar"><span class="fill" style="width:{shown:.1f}%;display:block">'
        "</span></span></td></tr>"
    )


def html_fragment(result: ScoreResult) -> str:
    """The scorecard as an HTML block (used for notebook display and inside the page).

    Examples
    --------
    >>> from mlmkit.scorecard import example_profiles, score
    >>> block = html_fragment(score(example_profiles()["evergreen_pantry"]))
    >>> block.startswith('<div class="mlmkit-scorecard"><h2>Evergreen Pantry (fictional example)</h2>')
    True
    """
    description = result.profile.answers.get("company.description") or ""
    parts = [f'<div class="mlmkit-scorecard"><h2>{_e(_title(result))}</h2>']
    if description:
        parts.append(f"<p>{_e(description)}</p>")
    parts.append(f'<p class="note">{_e(NOT_ADVICE)}</p><table>')
    parts.append(_html_bar("Overall score", result.overall))
    for area in AREAS:
        parts.append(_html_bar(AREA_TITLES[area], result.area_scores[area]))
    parts.append(f'</table><h3>Pyramid indicators</h3><p class="note">{_e(INDICATOR_NOTE)}</p><table>')
    parts.append("<tr><th>Indicator</th><th>Status</th><th>Why</th><th>Rule</th><th>Sources</th></tr>")
    for row in result.indicators.itertuples():
        parts.append(
            f"<tr><td>{_e(row.title)}</td><td class=\"{_STATUS_CLASS[row.status]}\">{_e(row.status)}</td>"
            f"<td>{_e(row.detail)}</td><td>{_e(row.rule)}</td>"
            f'<td class="sources">{_e(row.sources)}</td></tr>'
        )
    parts.append("</table><h3>Why: points gained and lost</h3><table>")
    parts.append(
        "<tr><th>Area</th><th>Criterion</th><th>Answer</th><th>Gained / available</th>"
        "<th>Reason</th><th>Sources</th></tr>"
    )
    for row in result.criteria.itertuples():
        css = ' class="unknown"' if row.unknown else ""
        parts.append(
            f"<tr><td>{_e(AREA_TITLES[row.area])}</td><td>{_e(row.title)}</td>"
            f"<td{css}>{_e(row.answer)}</td><td>{row.gained:.1f} / {row.max_points:.1f}</td>"
            f'<td>{_e(row.reason)}</td><td class="sources">{_e(row.sources)}</td></tr>'
        )
    parts.append("</table><h3>Questions to ask the person recruiting you</h3><ol>")
    for question in result.questions["question"]:
        parts.append(f"<li>{_e(question)}</li>")
    parts.append("</ol>")
    if result.profile.sources:
        parts.append("<h3>Where the answers came from</h3><ul>")
        for path, note in result.profile.sources.items():
            label = FIELDS[path].label if path in FIELDS else path
            parts.append(f"<li><b>{_e(label)}</b>: {_e(note)}</li>")
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


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
    items = [results] if not isinstance(results, Sequence) else list(results)
    body = [
        f'<div class="mlmkit-scorecard"><h1>{_e(title)}</h1>'
        f'<p class="note">{_e(NOT_ADVICE)} Scores summarise the answers in each profile against '
        "published guidance and court orders; the pyramid indicators are indicators, not "
        "verdicts.</p></div>"
    ]
    if ranking is not None:
        body.append('<div class="mlmkit-scorecard"><h2>Ranking</h2><table><tr>')
        body.extend(f"<th>{_e(str(column).replace('_', ' '))}</th>" for column in ranking.columns)
        body.append("</tr>")
        for row in ranking.itertuples(index=False):
            cells = (f"{value:.0f}" if isinstance(value, float) else str(value) for value in row)
            body.append("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in cells) + "</tr>")
        body.append("</table></div>")
    body.extend(html_fragment(result) for result in items)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        + "".join(body)
        + f'<p class="note">Made with mlmkit. {_e(NOT_ADVICE)}</p></body></html>\n'
    )
