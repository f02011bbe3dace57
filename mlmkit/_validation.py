"""Friendly argument checks shared by every mlmkit module.

Every check raises :class:`MlmkitInputError` (a ``ValueError``) whose message names
the field, the value that was given and what is allowed, so a learner can fix the
input without reading a traceback.

Examples
--------
>>> check_probability("join_probability", 0.2)
0.2
>>> check_probability("join_probability", 1.5)
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: join_probability = 1.5 is not allowed: it must be a probability between 0 and 1.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from numbers import Integral, Real
from typing import Any

__all__ = [
    "MlmkitInputError",
    "check_choice",
    "check_int",
    "check_non_negative",
    "check_number",
    "check_probability",
    "check_rates",
    "fail",
]


class MlmkitInputError(ValueError):
    """Bad input to an mlmkit function.

    The message always names the field, the value given and what is allowed.

    Attributes
    ----------
    field : str
        Name of the parameter or column that was wrong.
    value : Any
        The offending value (shortened for long inputs).
    """

    def __init__(self, field: str, value: Any, allowed: str) -> None:
        self.field = field
        self.value = value
        self.allowed = allowed
        super().__init__(f"{field} = {_short(value)} is not allowed: {allowed}.")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def fail(field: str, value: Any, allowed: str) -> MlmkitInputError:
    """Build (not raise) the standard error, for ``raise fail(...)``.

    Examples
    --------
    >>> str(fail("market_size", -3, "it must be at least 1"))
    'market_size = -3 is not allowed: it must be at least 1.'
    """
    return MlmkitInputError(field, value, allowed)


def check_number(
    field: str,
    value: Any,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str = "",
) -> float:
    """Return ``value`` as a float if it is a finite real number within ``[low, high]``.

    Examples
    --------
    >>> check_number("sale_usd", 12, low=0)
    12.0
    >>> check_number("sale_usd", -1, low=0, unit="USD")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: sale_usd = -1 is not allowed: it must be a number of at least 0 USD.
    """
    bounds = _describe_bounds(low, high, unit)
    if isinstance(value, bool) or not isinstance(value, Real):
        raise fail(field, value, f"it must be a number{bounds}")
    number = float(value)
    if not math.isfinite(number):
        raise fail(field, value, f"it must be a finite number{bounds}")
    if (low is not None and number < low) or (high is not None and number > high):
        raise fail(field, value, f"it must be a number{bounds}")
    return number


def _describe_bounds(low: float | None, high: float | None, unit: str) -> str:
    suffix = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f" between {low:g} and {high:g}{suffix}"
    if low is not None:
        return f" of at least {low:g}{suffix}"
    if high is not None:
        return f" of at most {high:g}{suffix}"
    return ""


def check_non_negative(field: str, value: Any, *, unit: str = "") -> float:
    """Return ``value`` as a float if it is a finite number >= 0.

    Examples
    --------
    >>> check_non_negative("entry_fee_usd", 49.0)
    49.0
    """
    return check_number(field, value, low=0.0, unit=unit)


def check_probability(field: str, value: Any) -> float:
    """Return ``value`` as a float if it lies in [0, 1]."""
    if isinstance(value, bool) or not isinstance(value, Real) or not 0.0 <= float(value) <= 1.0:
        raise fail(field, value, "it must be a probability between 0 and 1")
    return float(value)


def check_int(field: str, value: Any, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int if it is a whole number within ``[low, high]``.

    Examples
    --------
    >>> check_int("depth", 3, low=0, high=30)
    3
    >>> check_int("depth", 2.5, low=0)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: depth = 2.5 is not allowed: it must be a whole number of at least 0.
    """
    bounds = _describe_bounds(low, high, "")
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise fail(field, value, f"it must be a whole number{bounds}")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise fail(field, value, f"it must be a whole number{bounds}")
    return number


def check_choice(field: str, value: Any, choices: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``choices``.

    Examples
    --------
    >>> check_choice("placement", "weaker_leg", ["weaker_leg", "left_first"])
    'weaker_leg'
    """
    options = list(choices)
    if value not in options:
        listed = ", ".join(repr(option) for option in options)
        raise fail(field, value, f"it must be one of {listed}")
    return value


def check_rates(field: str, rates: Sequence[Any], *, max_total: float = 1.0) -> tuple[float, ...]:
    """Check a list of commission rates: each in [0, 1] and together at most ``max_total``.

    Examples
    --------
    >>> check_rates("level_rates", [0.1, 0.05])
    (0.1, 0.05)
    >>> check_rates("level_rates", [0.6, 0.5])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: level_rates = (0.6, 0.5) is not allowed: the rates add up to 110%, more than the 100% of the sale there is to pay out.
    """
    if isinstance(rates, str | bytes) or not isinstance(rates, Sequence | Iterable):
        raise fail(field, rates, "it must be a list of rates between 0 and 1")
    values = tuple(rates)
    for position, rate in enumerate(values, start=1):
        check_probability(f"{field}[level {position}]", rate)
    checked = tuple(float(rate) for rate in values)
    total = sum(checked)
    if total > max_total + 1e-12:
        raise fail(
            field,
            checked,
            f"the rates add up to {total:.0%}, more than the {max_total:.0%} of the sale "
            "there is to pay out",
        )
    return checked
