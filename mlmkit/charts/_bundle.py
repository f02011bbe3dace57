"""Vega's JavaScript bundled for offline use, kept in the user's cache folder.

A chart drawn in JupyterLab needs Vega, Vega-Lite and vega-embed in the page. Nothing may
come from a CDN, so ``vl-convert`` bundles them into the widget's own JavaScript
(:func:`vl_convert.javascript_bundle`). Bundling costs 2-3 s of processor time each time
(measured: 2.36 s of a notebook's first chart), and two things bundle in a kernel: Altair's
own chart widget (the ``"jupyter"`` renderer, at the kernel's first chart) and mlmkit's
live charts (:mod:`mlmkit.widgets._live`); the exported pages inline one too
(``tools/export_html.py``). :func:`javascript_bundle` keeps each bundle in
memory and in the user's cache folder (``$XDG_CACHE_HOME/mlmkit`` or ``~/.cache/mlmkit``),
keyed by the source and the versions of vl-convert and Vega-Lite, so each is bundled once
per installation instead of once per kernel. A bundle is written whole or not at all
(:func:`mlmkit.safe_write.write_text`); a cache folder that cannot be written only means
bundling again next time.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

__all__ = ["cache_dir", "javascript_bundle"]


def cache_dir() -> Path:
    """The folder kept bundles go to (``$XDG_CACHE_HOME/mlmkit``, else ``~/.cache/mlmkit``).

    Examples
    --------
    >>> cache_dir().name
    'mlmkit'
    """
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mlmkit"


@functools.lru_cache(maxsize=4)
def javascript_bundle(source: str | None, name: str, folder: Path | None = None) -> str:
    """``source`` (an ES module using vega-embed and friends) with Vega, Vega-Lite and vega-embed inlined.

    Parameters
    ----------
    source : str or None
        The JavaScript to bundle, as :func:`vl_convert.javascript_bundle` takes it; None for
        the libraries alone (the exported pages' bundle, ``tools/export_html.py``).
    name : str
        A short name for the kept file (``<name>_<key>.js``), e.g. ``"live_chart"``.
    folder : Path, optional
        Where to keep it; :func:`cache_dir` when not given.

    Returns
    -------
    str
        The bundle: the same text ``vl_convert.javascript_bundle(source, vl_version=...)``
        returns for the Vega-Lite version Altair writes.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> javascript_bundle("const x = 1 + 1;\\nexport default { x };", "doctest", folder)
    'const x=1+1;const __default={x};export{__default as default};'
    >>> [path.name.split("_")[0] for path in folder.glob("*.js")]
    ['doctest']
    """
    from importlib.metadata import version as installed

    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    from mlmkit._validation import MlmkitInputError
    from mlmkit.safe_write import write_text

    vl_version = vl_version_for_vl_convert()
    key = hashlib.sha256(f"{installed('vl-convert-python')}|{vl_version}|{source}".encode()).hexdigest()[:20]
    kept = (cache_dir() if folder is None else folder) / f"{name}_{key}.js"
    try:
        return kept.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    if source is None:  # the snippet is optional (vl-convert's docstring), though its stub types it as required
        bundle = vlc.javascript_bundle(vl_version=vl_version)  # type: ignore[call-arg]
    else:
        bundle = vlc.javascript_bundle(source, vl_version=vl_version)
    try:  # written whole or not at all (two kernels may bundle at once)
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_text(kept, bundle, backups=0)
    except (OSError, MlmkitInputError):
        pass
    return bundle
