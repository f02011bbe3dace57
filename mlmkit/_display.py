"""How numbers and user text look to a reader: money as money, shares as percentages, text escaped.

One place for the display rules every table and ``_repr_html_`` follows:

- money reads ``USD 1,234`` everywhere a person reads it (:func:`format_usd`, the one
  money format): the currency first, thousands separators, cents only where they matter,
  a negative amount as ``USD -1,874.25`` (an ASCII hyphen-minus after the currency), and
  never a dollar sign, which JupyterLab's MathJax would read as maths; a column or field
  whose name ends in ``_usd`` is money;
- shares (a name starting with ``share`` or containing ``_share``, ``pct`` or ``rate``)
  read as percentages;
- counts read with thousands separators; no number is ever in scientific notation;
- user text (plan names, company names, labels) is escaped before it reaches HTML, and
  JSON placed inside a ``<script>`` element cannot close it.

Examples
--------
>>> format_value("median_net_usd", -1234.5)
'USD -1,234'
>>> format_value("share_lost_money", 0.8731)
'87.3%'
>>> format_value("members", 76740.0)
'76,740'
>>> escape_text("<img src=x onerror=alert(1)>")
'&lt;img src=x onerror=alert(1)&gt;'
"""

from __future__ import annotations

import html
import json
import numbers
from typing import Any

import pandas as pd

__all__ = [
    "cell_html",
    "cell_style",
    "column_align",
    "counted",
    "escape_text",
    "header_html",
    "readable_html",
    "format_usd",
    "format_value",
    "usd_expression",
    "is_money",
    "is_share",
    "script_json",
    "value_table_html",
]


def counted(count: Any, singular: str, plural: str | None = None) -> str:
    """A count and the noun that reads right with it: ``0 members``, ``1 member``, ``1,234 members``.

    Parameters
    ----------
    count : int or float
        How many (a whole number prints with thousands separators, a fraction as it is).
    singular : str
        The noun for exactly one (``"member"``, ``"pyramid indicator"``).
    plural : str, optional
        The noun for any other count (default: ``singular + "s"``; give irregular ones,
        ``"people"``, ``"entries"``).

    Examples
    --------
    >>> counted(0, "member"), counted(1, "member"), counted(76740, "member")
    ('0 members', '1 member', '76,740 members')
    >>> counted(1, "person", "people"), counted(2, "person", "people")
    ('1 person', '2 people')
    >>> counted(1.0, "hour"), counted(1.5, "hour"), counted(-1, "month")
    ('1 hour', '1.5 hours', '-1 months')
    """
    value = count.item() if hasattr(count, "item") else count
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(f"counted: {count!r} is not a number")
    amount = float(value)
    whole = amount.is_integer()
    number = f"{int(amount):,}" if whole else f"{amount:,g}"
    noun = singular if amount == 1 else (plural or singular + "s")
    return f"{number} {noun}"


#: Amounts below this (in size) keep their cents when :func:`format_usd` chooses (a price,
#: a per-unit figure); larger amounts read in whole dollars unless cents are asked for.
CENTS_BELOW_USD = 1_000


def format_usd(amount: Any, *, cents: bool | None = None, low: Any = None) -> str:
    """Money as a person reads it, the one format of the project: ``USD 1,200``.

    The currency comes first, then the amount with thousands separators; a negative amount
    puts its sign (an ASCII hyphen-minus) after the currency: ``USD -1,874.25``. No dollar
    sign, which JupyterLab's MathJax reads as maths. Every report, summary, widget message,
    chart title or tooltip, CLI line and notebook print that spells out money uses this.

    Parameters
    ----------
    amount : int or float
        The amount in US dollars. NaN or infinite prints as ``not known``.
    cents : bool, optional
        ``True``: always two decimals (the books, a price). ``False``: whole dollars.
        ``None`` (default): cents only when the amount has any and is below
        :data:`CENTS_BELOW_USD` in size (``USD 129.95``, ``USD 7,674``).
    low : int or float, optional
        The low end of a range: ``format_usd(1375, low=289)`` is ``USD 289 to 1,375``.

    Examples
    --------
    >>> format_usd(1200), format_usd(-1874.25, cents=True), format_usd(129.95), format_usd(7674.4)
    ('USD 1,200', 'USD -1,874.25', 'USD 129.95', 'USD 7,674')
    >>> format_usd(-0.4, cents=False), format_usd(70, cents=True), format_usd(float("nan"))
    ('USD 0', 'USD 70.00', 'not known')
    >>> format_usd(1375, low=289)
    'USD 289 to 1,375'
    """
    if low is not None:
        return f"{format_usd(low, cents=cents)} to {format_usd(amount, cents=cents)[4:]}"
    value = amount.item() if hasattr(amount, "item") else amount
    if not isinstance(value, numbers.Real) or isinstance(value, bool):
        raise TypeError(f"format_usd: {amount!r} is not a number of USD")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        return "not known"
    if cents is None:
        cents = abs(number) < CENTS_BELOW_USD and abs(number - round(number)) >= 0.005
    digits = f"{abs(number):,.2f}" if cents else f"{abs(number):,.0f}"
    sign = "-" if number < 0 and digits.strip("0.,") else ""
    return f"USD {sign}{digits}"


def usd_expression(expression: str, *, cents: bool = False) -> str:
    """A Vega expression that writes money as :func:`format_usd` does (for chart text).

    Vega's number format writes a negative amount with a true minus sign (U+2212) after
    which ``' USD'`` would be appended by hand; this puts the currency first and uses the
    same ASCII hyphen-minus as every other text: ``USD -1,234``.

    Examples
    --------
    >>> usd_expression("datum.net_usd")
    "'USD ' + replace(format(datum.net_usd, ',.0f'), '\u2212', '-')"
    """
    decimals = 2 if cents else 0
    return f"'USD ' + replace(format({expression}, ',.{decimals}f'), '\u2212', '-')"


def escape_text(text: Any) -> str:
    """``text`` made safe to place in HTML (``<``, ``>``, ``&`` and quotes escaped).

    Examples
    --------
    >>> escape_text('"Fast" & <b>rich</b>')
    '&quot;Fast&quot; &amp; &lt;b&gt;rich&lt;/b&gt;'
    """
    return html.escape(str(text), quote=True)


def script_json(value: Any) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>``, ``&`` and U+2028/2029 escaped.

    The result parses to the same value in JavaScript, but a company named
    ``</script><script>alert(1)</script>`` cannot end the script element.

    Examples
    --------
    >>> script_json({"name": "</script><script>alert(1)</script>"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
    >>> json.loads(script_json({"a": "x\\u2028y & z"})) == {"a": "x\\u2028y & z"}
    True
    """
    text = json.dumps(value)
    return escape_script_json(text)


def escape_script_json(text: str) -> str:
    """Escape already-serialised JSON ``text`` for a ``<script>`` element (see :func:`script_json`).

    Examples
    --------
    >>> escape_script_json('{"a": "</script>"}')
    '{"a": "\\\\u003c/script\\\\u003e"}'
    """
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def is_money(name: str) -> bool:
    """True for a money column or field (its name ends in ``_usd`` or is ``usd``).

    Examples
    --------
    >>> is_money("total_paid_usd"), is_money("share_of_sale")
    (True, False)
    """
    name = str(name).lower()
    return name == "usd" or name.endswith("_usd") or "_usd_" in name


def is_share(name: str) -> bool:
    """True for a share (a fraction shown as a percentage).

    Examples
    --------
    >>> is_share("top_1pct_share_of_pay"), is_share("share_at_level"), is_share("members")
    (True, True, False)
    """
    name = str(name).lower()
    return not is_money(name) and (
        name.startswith("share") or "_share" in name or "pct" in name or name.endswith("_rate")
        or name.startswith("rate")
    )


def format_value(name: str, value: Any) -> str:
    """``value`` as a reader should see it, given its column or field ``name``.

    Examples
    --------
    >>> format_value("pool_usd", 12.5), format_value("pool_usd", 7674.0)
    ('USD 12.50', 'USD 7,674')
    >>> format_value("gini_of_income", 0.61234), format_value("x", 1.5e12)
    ('0.61', '1,500,000,000,000')
    >>> format_value("plan", "<b>"), format_value("x", float("nan")), format_value("x", True)
    ('&lt;b&gt;', '', 'yes')
    """
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, numbers.Real):
        return escape_text(value)
    number = float(value)
    lowered = str(name).lower()
    if lowered.endswith("_id") or lowered == "id" or "year" in lowered:
        return f"{value}"
    if is_money(name):
        return format_usd(number)
    if is_share(name):
        return f"{number:.1%}"
    if number == int(number):
        return f"{int(number):,}"
    if abs(number) >= 100:
        return f"{number:,.0f}"
    return f"{number:,.2f}"


def value_table_html(values: pd.Series | dict[str, Any], *, title: str | None = None) -> str:
    """A two-column HTML table of named values (labels escaped, numbers formatted by name).

    Examples
    --------
    >>> page = value_table_html({"paid_usd": 7674.0, "share_paid": 0.5}, title="<i>x</i>")
    >>> "USD 7,674" in page, "50.0%" in page, "&lt;i&gt;x&lt;/i&gt;" in page, "e+03" in page
    (True, True, True, False)
    """
    items = values.items() if isinstance(values, pd.Series) else dict(values).items()
    rows = "".join(
        f"<tr><th style='text-align:left'>{escape_text(str(name).replace('_', ' '))}</th>"
        f"<td style='text-align:right'>{format_value(str(name), value)}</td></tr>"
        for name, value in items
    )
    heading = f"<h4>{escape_text(title)}</h4>" if title is not None else ""
    return f"{heading}<table class='tex2jax_ignore'>{rows}</table>"


#: Tables longer than this keep pandas' own (shortened) display.
MAX_READABLE_ROWS = 200

#: A table of at most this many *named* rows (not numbered ones) ...
SIDEWAYS_MAX_ROWS = 4
#: ... and at least this many columns is a comparison (runs, plans side by side): it is shown
#: on its side, one column per named row and one row per measure, so it fits a notebook's
#: width (15 measures of 2 runs were 1,191 px wider than JupyterLab's output area).
SIDEWAYS_MIN_COLUMNS = 5

#: A word longer than this (a web address, an identifier) may break anywhere, so one cell
#: cannot make its table wider than the notebook.
LONG_WORD = 24


def column_align(values: pd.Series) -> str:
    """How a table column is aligned: ``"right"`` for numbers, ``"left"`` for text and yes/no.

    Examples
    --------
    >>> column_align(pd.Series([1.5])), column_align(pd.Series(["a"])), column_align(pd.Series([True]))
    ('right', 'left', 'left')
    """
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    return "right" if numeric else "left"


def cell_style(align: str, shown: str) -> str:
    """The inline style of a table cell showing ``shown``: its alignment; an amount of money
    never splits across two lines (``USD`` above ``999``); text with a word longer than
    :data:`LONG_WORD` characters may break that word anywhere.

    Examples
    --------
    >>> cell_style("left", "paid nothing")
    'text-align:left'
    >>> cell_style("right", "USD 1,199")
    'text-align:right;white-space:nowrap'
    >>> cell_style("left", "aarp.org/content/dam/aarp/aarp_foundation/2018/pdf")
    'text-align:left;overflow-wrap:anywhere'
    """
    if shown.startswith("USD ") and " " not in shown[4:]:
        return f"text-align:{align};white-space:nowrap"
    long_word = any(len(word) > LONG_WORD for word in shown.split())
    return f"text-align:{align}" + (";overflow-wrap:anywhere" if long_word else "")


def cell_html(align: str, shown: str) -> str:
    """A table cell (``<td>``) showing ``shown`` (already escaped), styled by :func:`cell_style`.

    Examples
    --------
    >>> cell_html("right", "USD 1,199")
    "<td style='text-align:right;white-space:nowrap'>USD 1,199</td>"
    """
    return f"<td style='{cell_style(align, shown)}'>{shown}</td>"


def header_html(name: Any) -> str:
    """A column or row name escaped for HTML, with a line-break opportunity after each
    underscore (``downline_commission_usd`` may wrap as ``downline_ / commission_ / usd``;
    a browser never breaks a line at an underscore by itself).

    Examples
    --------
    >>> header_html("total_paid_usd"), header_html("<b>")
    ('total_<wbr>paid_<wbr>usd', '&lt;b&gt;')
    """
    return escape_text(name).replace("_", "_<wbr>")


def readable_html(frame: pd.DataFrame) -> str:
    """A DataFrame as a reader should see it: each column formatted by its name, text left-aligned.

    Money reads ``USD 7,674``, shares ``83.3%``, counts ``13,060,694,016``; text is shown in
    full and left-aligned; nothing is in scientific notation; MathJax is told to leave the
    table alone; a very long word (a web address) may break. A comparison (at most
    :data:`SIDEWAYS_MAX_ROWS` named rows, :data:`SIDEWAYS_MIN_COLUMNS` or more columns) is shown
    on its side: one column per row, one row per measure, each value formatted by its
    measure's name; the DataFrame itself is unchanged. ``mk.charts.setup_altair()`` makes
    this the notebook's table display.

    Examples
    --------
    >>> table = pd.DataFrame({"who": ["<b>Ada</b>"], "usd": [7674.0], "share_of_sale": [0.2], "members": [13060694016]})
    >>> page = readable_html(table)
    >>> [text in page for text in ("USD 7,674", "20.0%", "13,060,694,016", "&lt;b&gt;Ada", "e+")]
    [True, True, True, True, False]
    >>> runs = pd.DataFrame({"members": [900, 1200], "share_lost_money": [0.98, 0.6], "median_net_usd": [-310.0, -40.0],
    ...                      "total_gains_usd": [5e5, 7e5], "company_keeps_usd": [2e5, 1e5]}, index=["pyramid", "retail"])
    >>> page = readable_html(runs)  # shown on its side: a row per measure, a column per run
    >>> page.count("<tr>"), "<th style='text-align:right'>pyramid</th>" in page, "98.0%" in page
    (6, True, True)
    """
    shown: Any = frame  # pandas-stubs leave out the private _repr_html_
    plain: Any = pd.DataFrame
    if type(shown)._repr_html_ is not plain._repr_html_:
        return shown._repr_html_() or ""  # a table type that already shows itself its own way
    if len(frame) > MAX_READABLE_ROWS or not frame.columns.is_unique or frame.columns.nlevels > 1:
        return shown._repr_html_() or ""
    try:
        return _sideways(frame) if _is_comparison(frame) else _styled(frame)
    except (ValueError, TypeError, KeyError):  # an unusual table: pandas' own display
        return shown._repr_html_() or ""


def _is_comparison(frame: pd.DataFrame) -> bool:
    """A few named rows and many columns (see :data:`SIDEWAYS_MAX_ROWS`)."""
    return (
        1 <= len(frame) <= SIDEWAYS_MAX_ROWS
        and len(frame.columns) >= SIDEWAYS_MIN_COLUMNS
        and not isinstance(frame.index, pd.RangeIndex)
        and frame.index.is_unique
        and frame.index.nlevels == 1
    )


def _sideways(frame: pd.DataFrame) -> str:
    head = "".join(f"<th style='text-align:right'>{header_html(label)}</th>" for label in frame.index)
    body = []
    for column in frame.columns:
        values = frame[column]
        align = column_align(values)
        shown = [format_value(str(column), value) for value in values]
        cells = "".join(cell_html(align, text) for text in shown)
        body.append(f"<tr><th style='text-align:left'>{header_html(column)}</th>{cells}</tr>")
    return (
        "<table class='dataframe tex2jax_ignore'>"
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _styled(frame: pd.DataFrame) -> str:
    align = {column: column_align(frame[column]) for column in frame.columns}
    head = "".join(
        f"<th style='text-align:{align[column]}'>{header_html(column)}</th>" for column in frame.columns
    )
    body = []
    for label, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
        shown = [format_value(str(column), value) for column, value in zip(frame.columns, row, strict=True)]
        cells = "".join(cell_html(align[column], text) for column, text in zip(frame.columns, shown, strict=True))
        body.append(f"<tr><th>{escape_text(label)}</th>{cells}</tr>")
    return (
        "<table class='dataframe tex2jax_ignore'>"
        f"<thead><tr><th></th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )
