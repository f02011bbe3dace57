"""Export notebooks to self-contained HTML pages that work offline.

    python tools/export_html.py notebooks build/html           # every notebook
    python tools/export_html.py notebooks/01_*.ipynb build/html  # one notebook

Each notebook is executed with ``MLMKIT_ALTAIR_RENDERER=html`` and exported with the
``mlmkit_offline`` template, built here from nbconvert's ``lab`` template:

- no require.js or MathJax from a CDN;
- the Vega, Vega-Lite and vega-embed bundle (from the vl-convert package, no download)
  inlined once in the page head, with ``window.VEGA_DEBUG`` set so Altair's per-chart
  loader uses it instead of a CDN.

Solution cells are left out (the answer key is ``make answers``). Interactive explorers
need a running kernel; in an exported page they show their charts as they were when the
notebook ran (the readers' site, ``make site``, has kernel-free explorers).
"""

from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

# First, so that jsonschema (under Altair and nbformat) loads without the rfc3987_syntax IRI
# checker, whose grammar takes 1.5 s to build (see mlmkit/_fast_import.py).
import mlmkit._fast_import  # noqa: F401

# isort: split
import altair as alt
import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

from mlmkit.charts._bundle import javascript_bundle
from mlmkit.safe_write import write_text

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = ROOT / "build" / "nbconvert_templates"
TEMPLATE = "mlmkit_offline"
CELL_TIMEOUT_S = 180

INDEX = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}
<script type="text/javascript">
window.VEGA_DEBUG = VEGA_DEBUG_JSON;
{% include 'vega_bundle.js.j2' %}
</script>
{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
"""


def vega_bundle() -> str:
    """The Vega, Vega-Lite and vega-embed bundle from vl-convert (no download).

    Bundling costs about 2.5 s of processor time, so the bundle is kept in
    ``build/nbconvert_templates/`` (:func:`mlmkit.charts._bundle.javascript_bundle`: keyed by
    the vl-convert and Vega-Lite versions, written whole or not at all) and reused by every
    later export, site, slides and test run of the same versions.
    """
    return javascript_bundle(None, "vega_bundle", TEMPLATE_DIR)


@functools.lru_cache(maxsize=1)
def build_template() -> Path:
    """Write the ``mlmkit_offline`` nbconvert template and return its base folder (once per process)."""
    folder = TEMPLATE_DIR / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    bundle = vega_bundle()
    if "{% endraw %}" in bundle:
        raise RuntimeError("the Vega bundle contains a Jinja end-raw marker")
    write_text(folder / "vega_bundle.js.j2", "{% raw %}" + bundle + "{% endraw %}", backups=0)
    versions = {
        "vega_version": alt.VEGA_VERSION,
        "vegalite_version": alt.VEGALITE_VERSION,
        "vegaembed_version": alt.VEGAEMBED_VERSION,
    }
    write_text(folder / "index.html.j2", INDEX.replace("VEGA_DEBUG_JSON", json.dumps(versions)), backups=0)
    write_text(folder / "conf.json", json.dumps({"base_template": "lab", "mimetypes": {"text/html": True}}), backups=0)
    return TEMPLATE_DIR


@functools.lru_cache(maxsize=4)
def exporter(**options: bool) -> HTMLExporter:
    """One nbconvert HTML exporter with the offline template per set of ``options`` (once per process).

    An exporter compiles its Jinja templates on first use and keeps them, so each further
    page costs about 0.3-1.0 s of processor time instead of 1.4-1.6 s with a new exporter
    per page (measured on two executed notebooks; the pages are identical).
    """
    return HTMLExporter(template_name=TEMPLATE, extra_template_basedirs=[str(build_template())], **options)


def export(notebook: Path, target: Path) -> Path:
    """Execute ``notebook`` for static output and write ``target/<name>.html``."""
    nb = nbformat.read(notebook, as_version=4)
    os.environ["MLMKIT_ALTAIR_RENDERER"] = "html"
    NotebookClient(
        nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
        resources={"metadata": {"path": str(notebook.parent)}},
    ).execute()
    return write_page(nb, target, notebook.stem)


def write_page(nb: nbformat.NotebookNode, target: Path, stem: str) -> Path:
    """Write an already executed (html-mode) notebook as ``target/<stem>.html``.

    ``make test`` calls this from the nbval run (``tools/nbval_export.py``), so each
    notebook is executed once for both the output check and the page.
    """
    # Exported pages are for anyone: the exercises' solutions stay out (instructors: make answers).
    nb.cells = [cell for cell in nb.cells if "solution" not in cell.get("metadata", {}).get("tags", [])]
    body, _ = exporter().from_notebook_node(nb)
    target.mkdir(parents=True, exist_ok=True)
    out = target / (stem + ".html")
    out.write_text(body, encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    *sources, target = (Path(arg) for arg in argv[1:])
    notebooks = [p for s in sources for p in (sorted(s.glob("*.ipynb")) if s.is_dir() else [s])]
    for notebook in notebooks:
        out = export(notebook, target)
        print(f"wrote {out} ({out.stat().st_size // 1024:,} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
