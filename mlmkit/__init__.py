"""mlmkit: look at a multi-level marketing opportunity with clear eyes.

An educational toolkit behind a suite of Jupyter notebooks: downlines as arrays,
pay plans, market simulations, participants' profit and loss, and a scorecard for
an opportunity. It computes *indicators* and cites the rule each one comes from.
**This is education, not legal or financial advice.**

``import mlmkit`` is light: it does not import ipywidgets, and it changes no global
state (no Altair renderer or theme). Call :func:`mlmkit.charts.setup_altair` once in a
notebook to draw charts offline.

Examples
--------
>>> import mlmkit as mk
>>> net = mk.network.full_tree(recruits_each=6, depth=2)
>>> net.size
43
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBMODULES = {
    "network",
    "plans",
    "simulate",
    "economics",
    "scorecard",
    "charts",
    "widgets",
    "sources",
    "datasets",
    "disclosure",
    "books",
    "glossary",
    "selfcheck",
    "planners",
    "safe_write",
    "cli",
}

__all__ = sorted(_SUBMODULES | {"__version__", "format_usd"})

from mlmkit import network as network  # noqa: E402  (light modules, loaded eagerly)
from mlmkit import sources as sources  # noqa: E402


def format_usd(amount: Any, *, cents: bool | None = None) -> str:
    """Money as a person reads it, the project's one format: ``USD 1,200``, ``USD -1,874.25``.

    Use it wherever a notebook prints an amount. The currency comes first, thousands are
    separated, a negative amount carries an ASCII hyphen-minus after the currency, and
    there is never a dollar sign (JupyterLab typesets text between two of them as maths).

    Parameters
    ----------
    amount : int or float
        A finite amount in US dollars.
    cents : bool, optional
        ``True`` always shows cents (the books, a price), ``False`` never; by default
        cents show when the amount has any and is below USD 1,000.

    Examples
    --------
    >>> import mlmkit as mk
    >>> mk.format_usd(1200), mk.format_usd(-1874.25, cents=True), mk.format_usd(70, cents=True)
    ('USD 1,200', 'USD -1,874.25', 'USD 70.00')
    >>> mk.format_usd("12")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: amount = '12' is not allowed: it must be a number.
    """
    from mlmkit._display import format_usd as _format_usd
    from mlmkit._validation import check_number, fail

    number = check_number("amount", amount)
    if cents is not None and not isinstance(cents, bool):
        raise fail("cents", cents, "it must be True, False or None")
    return _format_usd(number, cents=cents)


def __getattr__(name: str) -> Any:
    """Load heavier submodules (charts, widgets, ...) on first use."""
    if name in _SUBMODULES:
        return importlib.import_module(f"mlmkit.{name}")
    raise AttributeError(f"module 'mlmkit' has no attribute {name!r}")
