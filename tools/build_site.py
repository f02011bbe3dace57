"""Build the readers' site (``make site``) or the instructors' answer key (``make answers``).

    python tools/build_site.py site notebooks build/site
    python tools/build_site.py answers notebooks build/answers

The site: ``index.html`` (what the suite is, a path for recruits, instructors and readers),
one page per notebook with navigation, and ``glossary.html`` (from ``mlmkit.glossary``).
Pages work with no kernel and no internet: the Vega bundle is inlined (the ``mlmkit_offline``
template of ``tools/export_html.py``), and every explorer is replaced by its kernel-free
counterpart (``mlmkit.widgets.offline``). Solution cells are left out of every site page.

The answer key is a separate folder, for instructors only: every notebook's exercises with
their solutions and outputs. Notebooks are executed once for both (``tools/executed.py``).
"""

from __future__ import annotations

import html
import re
import sys
import time
from pathlib import Path

# First, so that jsonschema (under nbformat and Altair) loads without the rfc3987_syntax IRI
# checker, whose grammar takes 1.5 s to build (see mlmkit/_fast_import.py).
import mlmkit._fast_import  # noqa: F401

# isort: split
import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from executed import SOLUTION_TAG, executed_notebook, for_readers, tags, without_build_cells  # noqa: E402
from export_html import exporter  # noqa: E402

import mlmkit  # noqa: E402
from mlmkit import glossary  # noqa: E402

NOTEBOOK_LINK = re.compile(r"\]\((\d\d_[A-Za-z0-9_]+)\.ipynb(#[^)]*)?\)")

CSS = """
:root { --ink: #1f2933; --accent: #2a6f97; --soft: #eef3f7; }
body { max-width: 980px; margin: 0 auto; color: var(--ink); }
nav.site { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid #d0d7de;
  padding: 6px 12px; font: 15px/1.5 system-ui, sans-serif; display: flex; flex-wrap: wrap; gap: 4px 14px; }
nav.site a { color: var(--accent); text-decoration: none; white-space: nowrap; }
nav.site a[aria-current] { font-weight: bold; color: var(--ink); }
nav.pager { display: flex; justify-content: space-between; gap: 12px; padding: 16px 12px 32px;
  font: 15px/1.5 system-ui, sans-serif; }
nav.pager a { color: var(--accent); }
.kernel-free-note { background: var(--soft); border-left: 4px solid var(--accent); padding: 6px 10px;
  margin: 6px 0; font: 14px/1.4 system-ui, sans-serif; }
.jp-OutputArea-output { overflow-x: auto; max-width: 100%; }
.vega-bindings { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 6px 0; font: 14px system-ui, sans-serif; }
.vega-bind { display: flex; align-items: center; gap: 6px; }
.vega-bind input[type=range] { width: 150px; }
@media (max-width: 600px) {
  nav.site { position: static; }  /* a tall menu must not cover a phone's screen while scrolling */
  .jp-Cell { padding: 2px !important; }
  .jp-RenderedHTMLCommon table { display: block; overflow-x: auto; }
  body { font-size: 15px; }
}
"""

PLAIN_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; padding: 0 14px; }}
h1 {{ font-size: 1.7em; }} table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: 6px 8px; text-align: left; vertical-align: top; }}
dt {{ font-weight: bold; margin-top: 14px; }} dd {{ margin-left: 0; }}
.path {{ border: 1px solid #d0d7de; border-radius: 8px; padding: 4px 14px; margin: 12px 0; }}
.source {{ color: #57606a; font-size: 0.9em; }}
{css}
</style></head>
<body>
{nav}
<main>
{body}
</main>
</body></html>
"""


def notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The first heading of the notebook (``# 01 · Levels, ...``), without the hash marks."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def notebook_summary(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the title, for the index."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p.strip() for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
            if paragraphs:
                text = " ".join(paragraphs[0].split())
                return re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text).replace("**", "").replace("*", "")
    return ""


def nav_html(pages: list[tuple[str, str]], current: str) -> str:
    """The site's top navigation; ``pages`` is (file name, short label)."""
    links = [("index.html", "Start"), *pages, ("glossary.html", "Glossary")]
    items = []
    for href, label in links:
        current_attr = ' aria-current="page"' if href == current else ""
        items.append(f'<a href="{href}"{current_attr}>{html.escape(label)}</a>')
    return '<nav class="site" aria-label="site">' + "".join(items) + "</nav>"


def rewrite_links(source: str) -> str:
    """Glossary marks to the glossary page; links between notebooks to their pages."""

    text = re.sub(
        r"\[([^\]]+)\]\(" + re.escape(glossary.MARK_TARGET) + r"\)",
        lambda m: f"[{m.group(1)}](glossary.html#{glossary.lookup(m.group(1)).slug})",
        source,
    )
    return NOTEBOOK_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", text)


def to_html(nb: nbformat.NotebookNode, *, show_code: bool) -> str:
    pages = exporter(exclude_input=not show_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = pages.from_notebook_node(nb)
    return body


#: A script element, whose text may hold any markup (the inlined Vega bundle, saved widget state).
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I)


def tag_positions(page: str, tag: str) -> list[int]:
    """Where ``tag`` starts in the page's own markup, not inside a script element's text.

    Examples
    --------
    >>> tag_positions('<head><script>"<body>"</script></head><body><p>', "<body")
    [38]
    """
    scripts = [match.span() for match in _SCRIPT.finditer(page)]
    found, index = [], 0
    for match in re.finditer(re.escape(tag), page):
        at = match.start()
        while index < len(scripts) and scripts[index][1] <= at:
            index += 1
        if index < len(scripts) and scripts[index][0] <= at:
            continue  # inside this script's text
        found.append(at)
    return found


def decorate(page: str, *, title: str, nav: str, pager: str) -> str:
    """Add the site's CSS, title, navigation and pager to an nbconvert page.

    The inlined Vega bundle contains the strings ``<body>`` and ``</head>``, and so can a
    notebook's saved widget state (an HTML widget's value), so the page's own tags are the
    ones outside every script element (:func:`tag_positions`), not the first or last match.
    """
    bodies = tag_positions(page, "<body")
    body_at = bodies[0] if bodies else -1
    heads = [at for at in tag_positions(page, "</head>") if at < body_at]
    head_end = heads[-1] if heads else -1
    ends = tag_positions(page, "</body>")
    body_end = ends[-1] if ends else -1
    if min(body_at, head_end, body_end) < 0:
        raise RuntimeError("nbconvert page without head and body")
    tag_end = page.index(">", body_at) + 1
    head = page[:head_end]
    head = re.sub(r"<title>.*?</title>", lambda _: f"<title>{html.escape(title)}</title>", head, count=1, flags=re.S)
    if 'name="viewport"' not in head:
        head = head.replace("<head>", '<head>\n<meta name="viewport" content="width=device-width, initial-scale=1">', 1)
    return (head + f"<style>{CSS}</style>\n" + page[head_end:tag_end] + "\n" + nav
            + page[tag_end:body_end] + pager + "\n" + page[body_end:])


def reader_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The executed notebook as readers see it: no solutions, kernel-free explorers, site links."""
    nb = for_readers(nb)
    first_code = next((cell for cell in nb.cells if cell.cell_type == "code"), None)
    if first_code is not None:
        first_code.outputs = []  # the setup cell's "'html'" (the chart mode) means nothing to a reader
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = rewrite_links(cell.source)
        if "kernel-free-explorer" in tags(cell):
            note = nbformat.v4.new_output(
                "display_data",
                data={"text/html": "<div class='kernel-free-note'>This explorer runs in your browser with no "
                                   "Python: every setting was computed in advance by mlmkit. Move a control "
                                   "and the chart changes. In JupyterLab the notebook's explorer takes any "
                                   "value.</div>"},
            )
            cell.outputs = [note, *cell.outputs]
    return nb


def build_site(notebooks: list[Path], target: Path) -> list[Path]:
    """Write the site into ``target`` and return the pages written."""
    target.mkdir(parents=True, exist_ok=True)
    executed = {path: executed_notebook(path) for path in notebooks}
    pages = [(path.stem + ".html", path.stem[:2] + " " + notebook_title(nb, path.stem).split("·")[-1].strip())
             for path, nb in executed.items()]
    written = []
    for index, (path, nb) in enumerate(executed.items()):
        name = pages[index][0]
        before = f'<a href="{pages[index - 1][0]}">&larr; {html.escape(pages[index - 1][1])}</a>' if index else \
            '<a href="index.html">&larr; Start</a>'
        after = (f'<a href="{pages[index + 1][0]}">{html.escape(pages[index + 1][1])} &rarr;</a>'
                 if index + 1 < len(pages) else '<a href="glossary.html">Glossary &rarr;</a>')
        page = decorate(
            to_html(reader_notebook(nb), show_code=False),
            title=notebook_title(nb, path.stem) + " | mlmkit",
            nav=nav_html(pages, name),
            pager=f'<nav class="pager" aria-label="pages">{before}{after}</nav>',
        )
        (target / name).write_text(page, encoding="utf-8")
        written.append(target / name)
    (target / "index.html").write_text(index_page(executed, pages), encoding="utf-8")
    (target / "glossary.html").write_text(glossary_page(pages), encoding="utf-8")
    return [target / "index.html", *written, target / "glossary.html"]


PATHS = """
<div class="path"><h3>If someone is recruiting you</h3>
<p>Start with notebook 03 (score the opportunity you were offered, with your own answers), then 06
(keep the books: a commission cheque is not a profit) and 04 (a plan that pays on sales next to one that
pays for recruiting). Notebook 07 checks a recruiter's income claim against what the company
disclosed; 01 and 05 explain why most people in a recruiting chain end up at the bottom.</p></div>
<div class="path"><h3>If you teach</h3>
<p>Each notebook is a lesson that runs top to bottom in JupyterLab, with exercises at the end. The
instructors' guide (<code>docs/instructors.md</code> in the project) gives learning objectives, measured
times, discussion questions, exercises that need no code, and plans for a 50-minute class and a
three-class unit. <code>make student</code> writes copies without solutions but with self-check cells;
<code>make answers</code> writes the answer key; <code>make slides</code> the lecture slides;
<code>make wheelhouse</code> prepares a lab with no internet.</p></div>
<div class="path"><h3>If you are reading to understand</h3>
<p>Read the pages in order. Every explorer on these pages works in your browser with no
Python and no internet: move a slider and the chart changes. Terms in the text link to the
<a href="glossary.html">glossary</a>.</p></div>
"""


def index_page(executed: dict[Path, nbformat.NotebookNode], pages: list[tuple[str, str]]) -> str:
    rows = "".join(
        f'<dt><a href="{name}">{html.escape(notebook_title(nb, path.stem))}</a></dt>'
        f"<dd>{html.escape(notebook_summary(nb))}</dd>"
        for (path, nb), (name, _) in zip(executed.items(), pages, strict=True)
    )
    body = (
        "<h1>mlmkit: look at a multi-level marketing opportunity with clear eyes</h1>"
        "<p>An open educational suite: interactive lessons that show how a downline grows, how "
        "commissions flow up the levels, why a plan that pays for recruiting runs out of people, and "
        "what participants really earn once their costs are counted. Every number is computed by the "
        "<code>mlmkit</code> Python package or cited from a court record, a regulator or a survey. The "
        "example companies are fictional.</p>"
        "<p><strong>This is education, not legal or financial advice.</strong></p>"
        f"<h2>Three ways through</h2>{PATHS}"
        f"<h2>The lessons</h2><dl>{rows}</dl>"
        f"<p>Built {time.strftime('%Y-%m-%d')} with mlmkit {mlmkit.__version__}. "
        '<a href="glossary.html">Glossary</a>.</p>'
    )
    return PLAIN_PAGE.format(title="mlmkit: the readers' site", nav=nav_html(pages, "index.html"), body=body, css=CSS)


def glossary_page(pages: list[tuple[str, str]]) -> str:
    table = glossary.glossary_table()
    entries = "".join(
        f'<dt id="{glossary.slug_for(row.term)}">{html.escape(row.term)}</dt>'
        f"<dd>{html.escape(row.definition)}<br><span class='source'>Source [{row.tag}]: "
        f"{html.escape(row.source)}</span></dd>"
        for row in table.itertuples()
    )
    body = (
        "<h1>Glossary</h1><p>One plain definition and one source per term. Tags: P primary text seen, "
        "S secondary source, D the suite's own definition. Education, not legal or financial advice.</p>"
        f"<dl>{entries}</dl>"
    )
    return PLAIN_PAGE.format(title="Glossary | mlmkit", nav=nav_html(pages, "glossary.html"), body=body, css=CSS)


def build_answers(notebooks: list[Path], target: Path) -> Path:
    """Write the answer key: every notebook's exercises, solutions and their outputs."""
    target.mkdir(parents=True, exist_ok=True)
    key = nbformat.v4.new_notebook()
    key.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    key.cells.append(nbformat.v4.new_markdown_cell(
        "# Answer key (instructors only)\n\nEvery exercise of the suite with a worked solution, as computed "
        "by the notebooks. Do not hand this page to students: the student copies (`make student`) "
        "and the readers' site carry no solutions. Education, not legal or financial advice."
    ))
    for path in notebooks:
        nb = without_build_cells(executed_notebook(path))
        start = next((i for i, c in enumerate(nb.cells)
                      if c.cell_type == "markdown" and c.source.lstrip().startswith("## Exercises")), None)
        if start is None:
            continue
        key.cells.append(nbformat.v4.new_markdown_cell(f"# {notebook_title(nb, path.stem)}"))
        for cell in nb.cells[start:]:
            if cell.cell_type == "markdown" and cell.source.lstrip().startswith(("## Sources", "### Sources")):
                break
            if cell.cell_type == "markdown" or SOLUTION_TAG in tags(cell):
                key.cells.append(cell)
    out = target / "answers.html"
    out.write_text(to_html(key, show_code=True), encoding="utf-8")
    nbformat.write(key, target / "answers.ipynb")
    return out


def main(argv: list[str]) -> int:
    what, source, target = argv[1], Path(argv[2]), Path(argv[3])
    notebooks = sorted(source.glob("*.ipynb")) if source.is_dir() else [source]
    started = time.perf_counter()
    if what == "site":
        written = build_site(notebooks, target)
    elif what == "answers":
        written = [build_answers(notebooks, target)]
    else:
        raise SystemExit(f"unknown target {what!r}: use 'site' or 'answers'")
    for page in written:
        print(f"wrote {page} ({page.stat().st_size // 1024:,} KiB)")
    print(f"{what} built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
