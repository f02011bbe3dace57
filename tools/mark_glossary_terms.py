"""Link the first use of glossary terms in each notebook's prose to the glossary.

    python tools/mark_glossary_terms.py notebooks/*.ipynb        # edit in place
    python tools/mark_glossary_terms.py --dry-run notebooks/*.ipynb

A mark is a markdown link to the start-here notebook's glossary heading,
``[downline](00_start_here.ipynb#Glossary)`` (see ``mlmkit.glossary``); the readers' site
points it at the term on its glossary page. Only the first use of each term in a notebook is
marked, only in running text (not in headings, code, links, the Exercises or the Sources), and
a notebook that already marks a term is left alone for it, so running this twice changes nothing.
Only markdown sources change; outputs and code are untouched.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from mlmkit import glossary

#: Words in notebook prose that are marked (each resolves with mlmkit.glossary.lookup).
#: Common words that are also glossary aliases ("net", "retail", "level") are left out on purpose,
#: and so is a bare "binary" (a "binary pyramid" is two recruits each, not the plan).
TERMS = [
    "multi-level marketing", "upline", "downline", "sponsor", "frontline", "leg", "generation",
    "personal volume", "group volume", "autoship", "breakage", "compression", "spillover",
    "spills over", "breaks away", "carried forward", "pairing bonus", "unilevel", "binary plan",
    "forced matrix", "stair-step breakaway", "inventory loading", "front-loading", "buy-back",
    "70% rule", "10-customer rule", "pay-to-play", "starter kit", "income disclosure statement",
    "Koscot test", "pyramid scheme", "ultimate users", "market saturation", "internal consumption",
]

SKIP_SECTIONS = ("## Exercises", "## Sources", "### Sources")
PROTECTED = re.compile(r"`[^`]*`|\[[^\]]*\]\([^)]*\)|<[^>]+>|^#+ .*$", re.M)


def _mark_first(text: str, term: str) -> tuple[str, bool]:
    """Wrap the first unprotected use of ``term`` in ``text`` in a glossary link."""
    protected = [(m.start(), m.end()) for m in PROTECTED.finditer(text)]
    pattern = re.compile(r"(?<![\w\[-])(" + re.escape(term) + r")(?![\w-])", re.I)
    for match in pattern.finditer(text):
        if any(start <= match.start() < end for start, end in protected):
            continue
        link = f"[{match.group(1)}]({glossary.MARK_TARGET})"
        return text[: match.start()] + link + text[match.end():], True
    return text, False


def mark_notebook(nb: nbformat.NotebookNode) -> list[str]:
    """Mark the first use of each term in ``nb`` (in place); return the terms marked."""
    already = {glossary.lookup(t).slug for c in nb.cells if c.cell_type == "markdown"
               for t in glossary.marked_terms(c.source)}
    marked = []
    for term in TERMS:
        slug = glossary.lookup(term).slug
        if slug in already:
            continue
        for cell in nb.cells:
            if cell.cell_type != "markdown":
                continue
            if cell.source.lstrip().startswith(SKIP_SECTIONS):
                break
            cell.source, done = _mark_first(cell.source, term)
            if done:
                marked.append(term)
                already.add(slug)
                break
    return marked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("notebooks", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks:
        if path.name == glossary.MARK_TARGET.split("#")[0]:
            continue  # the glossary's own notebook already links its terms by hand
        nb = nbformat.read(path, as_version=4)
        marked = mark_notebook(nb)
        if marked and not args.dry_run:
            nbformat.write(nb, path)
        print(f"{path.name}: {len(marked)} terms marked ({', '.join(marked)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
