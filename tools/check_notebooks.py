"""Lint the notebooks: the conventions in CONTRIBUTING.md, checked on every `make test`.

    python tools/check_notebooks.py notebooks

Each notebook must say it is education and not advice, set up offline charts in its
first code cell, end with an Exercises section whose solution cells are tagged
``solution``, keep outputs only on ``nbval-check-output`` cells (and have them there),
pass a seed to every random network or simulation it makes, keep code lines to 99
characters (a longer one is cut at the cell's right edge in JupyterLab), and never use a dollar
sign in prose: JupyterLab's MathJax reads the text between two of them (escaped or not)
as maths, so money is written ``USD 1,200``, which reads the same in JupyterLab, in the
exported pages and on GitHub.

Money has one format in everything a person reads (``mlmkit.format_usd``): ``USD 1,200``,
a negative amount ``USD -1,874.25``. :func:`money_problems` finds the other spellings
("1,200 USD", "-USD 6,500", "USD −5" with a true minus, "1,200 dollars", a dollar amount,
a money word followed by a bare big number such as "net 12,345"); it checks each
notebook's markdown and its stored outputs here, and tests/test_money_format.py runs it
over the executed notebooks and the package's own text.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

# First, so that jsonschema (under nbformat) loads without the rfc3987_syntax IRI checker, whose
# grammar takes 1.5 s to build; nbformat's schemas use no format at all.
import mlmkit._fast_import  # noqa: F401

# isort: split
import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nbtool import is_checked  # noqa: E402

WIDGET_MADE = re.compile(r"^(\w+)\s*=\s*mk\.widgets\.", re.M)
CHANGES_WIDGET = r"\b{name}\.(controls\[[^\]]*\]\.value\s*=|load_\w*\(|save\(|update\(|set_\w*\()"
MONEY_RULE = "write money as USD 1,200 (JupyterLab typesets text between dollar signs as maths)"
#: Money written any way but ``USD 1,200`` / ``USD -1,874.25`` (see :func:`money_problems`).
MONEY_SPELLINGS = {
    "amount before the currency (write USD 1,200)":
        re.compile(r"(?<![\w.^])\d(?:[\d,]*\d)?(?:\.\d+)?(?: thousand| million| billion)? ?USD\b"),
    "sign before the currency (write USD -1,874.25)": re.compile(r"(?<![\w-])[-\u2212\u2013]USD\b"),
    "true minus or dash in an amount (write USD -5 with a hyphen-minus)": re.compile(r"USD [\u2212\u2013]\d"),
    "amount in dollars (write USD 1,200)": re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?(?: thousand| million| billion)? (?:US )?dollars?\b", re.I),
    "dollar sign (write USD 1,200; MathJax typesets text between two of them)": re.compile(r"(?:US)?\$ *\d"),
    "bare amount after a money word (write USD 12,345)": re.compile(
        r"\b(?:net(?: result)?|revenue|income|expenses|paid|earned|lost|costs?|bonus|breakage|gained|"
        r"kept(?: back)?|pool)\b:? +(?:of +)?-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\b"
        r"(?! ?(?:members?|people|persons?|participants?|customers?|recruits?|entries|months?|%|times|USD|dollars?))"
    ),
}
#: An amount written the one right way: ``USD 1,200``, ``USD -1,874.25``, ``USD 289 to 1,375``.
WELL_WRITTEN = re.compile(r"(?<![-\u2212\u2013])USD -?\d(?:[\d,]*\d)?(?:\.\d+)?(?: to \d(?:[\d,]*\d)?(?:\.\d+)?)?"
                          r"(?: thousand| million| billion)?")
#: Text that may keep a dollar sign: verbatim quotes of a cited source.
QUOTED_WITH_DOLLARS = ("'Rewardable' is defined as a quantity less than $200 per month per distributor.",)


def money_problems(text: str, *, dollar_signs: bool = True) -> list[str]:
    """Each place ``text`` writes money in another format than ``USD 1,200`` / ``USD -1,874.25``.

    >>> money_problems("paid USD 1,200; lost USD -1,874.25 (USD 289 to 1,375)")
    []
    >>> for problem in money_problems("1,200 USD, -USD 5, $3 and net 12,345"):
    ...     print(problem.split(" (")[0])
    amount before the currency
    sign before the currency
    dollar sign
    bare amount after a money word
    """
    for quote in QUOTED_WITH_DOLLARS:
        text = text.replace(quote, " " * len(quote))
    # amounts already right are not read again (a table's columns side by side); same length,
    # so a problem is shown in the original text
    masked = WELL_WRITTEN.sub(lambda match: "USD" + "#" * (len(match.group()) - 3), text)
    found = []
    for rule, pattern in MONEY_SPELLINGS.items():
        if not dollar_signs and rule.startswith("dollar sign"):
            continue  # (markdown: every dollar sign is already reported line by line)
        for match in pattern.finditer(masked):
            around = text[max(0, match.start() - 30): match.end() + 20].replace("\n", " ")
            found.append(f"{rule}: ...{around}...")
    return found


def shown_text(cell: nbformat.NotebookNode) -> list[str]:
    """What a reader sees of a cell: its markdown, or its outputs' text (scripts and styles left out)."""
    if cell.cell_type == "markdown":
        return [cell.source]
    texts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            texts.append(output["text"])
        data = output.get("data", {})
        for kind in ("text/plain", "text/html", "text/markdown"):
            if kind == "text/plain" and ("text/html" in data or "text/markdown" in data):
                continue  # a notebook shows the richer form; the plain one is for terminals
            value = data.get(kind)
            if value:
                value = value if isinstance(value, str) else "".join(value)
                value = re.sub(r"<(script|style)\b.*?</\1>", "", value, flags=re.S | re.I)
                texts.append(html.unescape(value) if kind == "text/html" else value)
    return texts


def notebook_money_problems(nb: nbformat.NotebookNode) -> list[str]:
    """:func:`money_problems` for every markdown cell and every stored output of a notebook."""
    return [f"cell {i}: {problem}" for i, cell in enumerate(nb.cells)
            for text in shown_text(cell)
            for problem in money_problems(text, dollar_signs=cell.cell_type != "markdown")]


#: JupyterLab shows about 105 characters of a code line in a 1280-pixel window with its file
#: browser open; a longer line is cut at the cell's right edge (tests/browser.py LOOK_JS).
CODE_LINE_MAX = 99
CODE_LINE_RULE = (f"keep code lines to {CODE_LINE_MAX} characters (JupyterLab cuts longer ones "
                  "at the cell's right edge)")

RANDOM_CALLS = re.compile(r"\b(random_tree|simulate_market|simulate)\(([^()]|\([^()]*\))*\)", re.S)


def problems(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    found: list[str] = []
    text = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    if "not legal or financial advice" not in text:
        found.append("no 'not legal or financial advice' note")
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    if not code_cells or "setup_altair" not in code_cells[0].source:
        found.append("first code cell does not call mk.charts.setup_altair()")
    exercises_at = next(
        (i for i, cell in enumerate(nb.cells)
         if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## Exercises")),
        None,
    )
    if exercises_at is None:
        found.append("no '## Exercises' section")
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "markdown":
            for line_number, line in enumerate(cell.source.splitlines(), start=1):
                if "$" in line:
                    found.append(f"cell {i}, line {line_number}: dollar sign in prose ({line.strip()[:60]!r}): "
                                 + MONEY_RULE)
        if "solution" in tags and (exercises_at is None or i < exercises_at):
            found.append(f"cell {i}: solution cell before the Exercises section")
        if cell.cell_type != "code":
            continue
        if is_checked(cell) and not cell.outputs:
            found.append(f"cell {i}: checked cell has no stored output (run tools/nbtool.py execute)")
        if not is_checked(cell) and cell.outputs:
            found.append(f"cell {i}: unchecked cell keeps outputs (run tools/nbtool.py strip)")
        for line_number, line in enumerate(cell.source.splitlines(), start=1):
            if len(line) > CODE_LINE_MAX:
                found.append(f"cell {i}, line {line_number}: code line of {len(line)} characters "
                             f"({line.strip()[:40]!r}...): " + CODE_LINE_RULE)
        for match in RANDOM_CALLS.finditer(cell.source):
            if "seed" not in match.group(0) and "def " not in cell.source[: match.start()][-20:]:
                found.append(f"cell {i}: {match.group(1)}(...) without seed=")
    found += shown_widgets_changed_by_code(code_cells)
    found += notebook_money_problems(nb)
    if exercises_at is not None and not any(
        "solution" in cell.get("metadata", {}).get("tags", []) for cell in nb.cells[exercises_at:]
    ):
        found.append("Exercises section has no cell tagged 'solution'")
    return found


def shown_widgets_changed_by_code(code_cells: list) -> list[str]:
    """A widget shown to the reader is changed only by the reader, never by a later cell.

    (Notebook 03's form opened showing another score and a "Saved ..." message, because a
    demo cell further down set its controls and saved it.)
    """
    found = []
    for i, cell in enumerate(code_cells):
        lines = [line for line in cell.source.strip().splitlines() if line.strip()]
        for name in WIDGET_MADE.findall(cell.source):
            if not lines or lines[-1].strip() != name:
                continue  # made but not shown
            pattern = re.compile(CHANGES_WIDGET.format(name=re.escape(name)))
            for later in code_cells[i + 1:]:
                if pattern.search(later.source):
                    found.append(f"the widget {name!r} shown to the reader is changed by a later cell "
                                 f"({pattern.search(later.source).group(0)!r}); use a second, unshown one")
    return found


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "notebooks")
    paths = sorted(folder.glob("*.ipynb"))
    failures = 0
    for path in paths:
        for problem in problems(path):
            print(f"{path}: {problem}")
            failures += 1
    print(f"checked {len(paths)} notebooks: {failures} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
