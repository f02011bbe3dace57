"""The lecture part of each notebook as a reveal.js slideshow that works offline (``make slides``).

    python tools/build_slides.py notebooks build/slides                 # every notebook
    python tools/build_slides.py notebooks/01_*.ipynb build/slides      # one

Everything before a notebook's Exercises section becomes slides: one slide (left/right arrows)
per ``##`` section, and one step (down arrow) per text cell with the charts and tables after it. Code is
left out (it is in the notebook) and so are solutions. Each deck is one self-contained HTML file:
reveal.js 5.2 (MIT licence, vendored in ``tools/vendor/reveal.js/``) and the Vega bundle (from
the vl-convert package) are inlined, so nothing is fetched when it is shown.
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

# First, so that jsonschema (under Altair and nbformat) loads without the rfc3987_syntax IRI
# checker, whose grammar takes 1.5 s to build (see mlmkit/_fast_import.py).
import mlmkit._fast_import  # noqa: F401

# isort: split
import altair as alt
import nbformat
from nbconvert.filters.markdown_mistune import markdown2html_mistune

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_site import reader_notebook  # noqa: E402
from executed import executed_notebook  # noqa: E402
from export_html import vega_bundle  # noqa: E402

from mlmkit import glossary  # noqa: E402

REVEAL = Path(__file__).resolve().parent / "vendor" / "reveal.js"
GLOSSARY_MARK = re.compile(r"\[([^\]]+)\]\(" + re.escape(glossary.MARK_TARGET) + r"\)")  # plain words on a slide
SOURCE_MAP = re.compile(r"/[/*]# sourceMappingURL=\S+")

STYLE = """
.reveal { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 28px; color: #1f2933; }
.reveal .slides { text-align: left; }
.reveal h1, .reveal h2 { color: #1f2933; font-weight: 600; line-height: 1.15; }
.reveal h1 { font-size: 1.7em; } .reveal h2 { font-size: 1.3em; }
.reveal section { height: 100%; overflow-y: auto; }
.reveal table { font-size: 0.55em; border-collapse: collapse; }
.reveal td, .reveal th { border-bottom: 1px solid #ccc; padding: 2px 8px; }
.reveal pre { font-size: 0.55em; background: #f6f8fa; padding: 8px; }
.reveal .vega-embed { font-size: 14px; }
.reveal p { margin: 0.45em 0; line-height: 1.35; }
.reveal ul, .reveal ol { display: block; margin: 0.3em 0 0.3em 1.2em; }
.reveal strong { font-weight: 700; } .reveal em { font-style: italic; }
.reveal code { font-size: 0.85em; background: #f6f8fa; padding: 0 4px; }
.reveal .anchor-link { display: none; }
.reveal a { color: #2a6f97; }
.reveal .footer-note { position: fixed; bottom: 8px; left: 12px; font-size: 14px; color: #57606a; }
"""

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{reveal_css}</style><style>{style}</style>
<script>window.VEGA_DEBUG = {versions};
{vega}</script>
</head><body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<div class="footer-note">{title} · mlmkit · education, not legal or financial advice · arrows to move</div>
<script>{reveal_js}</script>
<script>Reveal.initialize({{hash: true, controls: true, progress: true, center: false,
  width: 1100, height: 760, margin: 0.03, transition: "none"}});</script>
</body></html>
"""


def _vendored(name: str) -> str:
    return SOURCE_MAP.sub("", (REVEAL / name).read_text(encoding="utf-8"))


def output_html(output: nbformat.NotebookNode) -> str:
    """One cell output as HTML for a slide."""
    data = output.get("data", {})
    if output.get("output_type") == "stream":
        return f"<pre>{html.escape(output.get('text', ''))}</pre>"
    if "text/html" in data:
        return data["text/html"]
    if "image/svg+xml" in data:
        return data["image/svg+xml"]
    if "image/png" in data:
        return f'<img alt="chart" src="data:image/png;base64,{data["image/png"]}">'
    if "text/plain" in data:
        return f"<pre>{html.escape(data['text/plain'])}</pre>"
    return ""


def slides_html(nb: nbformat.NotebookNode) -> str:
    """The slides of a reader notebook (already without solutions) up to its Exercises."""
    sections: list[list[list[str]]] = []  # slides, each a list of steps, each a list of HTML parts
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            source = cell.source.lstrip()
            if source.startswith("## Exercises"):
                break
            if source.startswith(("# ", "## ")) or not sections:
                sections.append([])
            sections[-1].append([markdown2html_mistune(GLOSSARY_MARK.sub(r"\1", cell.source))])
        elif cell.cell_type == "code" and sections and sections[-1]:
            rendered = "".join(output_html(output) for output in cell.get("outputs", []))
            if rendered.strip():
                sections[-1][-1].append(rendered)  # a paragraph and what it shows stay on one step
    slides = []
    for steps in sections:
        inner = "".join(f"<section>{''.join(parts)}</section>" for parts in steps)
        slides.append(f"<section>{inner}</section>")
    return "\n".join(slides)


def build_deck(path: Path, target: Path) -> Path:
    nb = reader_notebook(executed_notebook(path))
    title = next((line[2:].strip() for cell in nb.cells if cell.cell_type == "markdown"
                  for line in cell.source.splitlines() if line.startswith("# ")), path.stem)
    versions = {"vega_version": alt.VEGA_VERSION, "vegalite_version": alt.VEGALITE_VERSION,
                "vegaembed_version": alt.VEGAEMBED_VERSION}
    page = PAGE.format(
        title=html.escape(title),
        reveal_css=_vendored("reveal.css"), style=STYLE,
        versions=json.dumps(versions),
        vega=vega_bundle(),
        slides=slides_html(nb), reveal_js=_vendored("reveal.js"),
    )
    target.mkdir(parents=True, exist_ok=True)
    out = target / f"{path.stem}.html"
    out.write_text(page, encoding="utf-8")
    licence = target / "reveal.js-LICENSE.txt"
    licence.write_text((REVEAL / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    source, target = Path(argv[1]), Path(argv[2])
    notebooks = sorted(source.glob("*.ipynb")) if source.is_dir() else [source]
    for path in notebooks:
        out = build_deck(path, target)
        print(f"wrote {out} ({out.stat().st_size // 1024:,} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
