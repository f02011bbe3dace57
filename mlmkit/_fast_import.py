"""Load Altair's dependencies without the one slow optional piece (issue 12).

Altair validates every chart with jsonschema. When jsonschema loads, it looks for optional
format checkers; one of them, the ``rfc3987_syntax`` IRI checker, builds a grammar that
takes about a second (several on a busy machine), most of the time of a first chart. The
Vega-Lite schemas Altair checks against use no IRI formats (only ``uri``, ``uri-reference``
and ``color-hex``), so nothing mlmkit draws is checked with it.

:func:`skip_iri_checker` installs a tiny import hook that answers "not installed" to that
one import, and only when jsonschema's format module asks for it while it loads; every
other checker stays, nothing is imported early, and ``import rfc3987_syntax`` anywhere
else works as usual. The hook removes itself once it has answered.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["skip_iri_checker"]

_SLOW_CHECKER = "rfc3987_syntax"
_ASKER = "jsonschema._format"


class _SkipIriChecker(MetaPathFinder):
    """Refuse ``rfc3987_syntax`` to ``jsonschema._format`` only (while it loads)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != _SLOW_CHECKER:
            return None
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == _ASKER:
                _remove_hook()
                raise ModuleNotFoundError(f"{_SLOW_CHECKER} skipped by mlmkit (slow, unused)", name=fullname)
            frame = frame.f_back  # type: ignore[assignment]
        return None


def _remove_hook() -> None:
    sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _SkipIriChecker)]


def skip_iri_checker() -> None:
    """Install the hook (once), unless jsonschema's format checkers are already loaded.

    Called when this module is imported (``mlmkit.charts`` and ``mlmkit.widgets`` import it
    before anything that loads Altair).

    Examples
    --------
    >>> skip_iri_checker()
    >>> sum(isinstance(f, _SkipIriChecker) for f in sys.meta_path) <= 1
    True
    """
    if _ASKER in sys.modules or _SLOW_CHECKER in sys.modules:
        return
    if not any(isinstance(finder, _SkipIriChecker) for finder in sys.meta_path):
        sys.meta_path.insert(0, _SkipIriChecker())


skip_iri_checker()  # importing this module installs the hook
