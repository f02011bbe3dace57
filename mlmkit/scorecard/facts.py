"""What a profile's answers allow: every number as an interval, every choice as a set.

The scorecard never pretends to know more than a profile says. Each answer becomes an
:class:`Interval` (a number) or a set of possible values (a choice or yes/no):

- a known number is an interval of one point, ``Interval(49, 49)``;
- a range from the documents (``{ low = 289, high = 1375 }``) is that interval, marked known;
- an unknown (or not given) number is everything the field allows, marked unknown.

Derived facts (the cheapest way to join that can earn pay, the year-one cost, the share of
revenue from non-participants) are computed on intervals too, so the criteria, the
indicators and :meth:`mlmkit.scorecard.Profile.year_one_cost` all agree. Education, not
legal or financial advice.

Examples
--------
>>> facts = Facts({"pay_plan.entry_fee_usd": 49.0, "pay_plan.starter_kit_usd": "unknown"}, {})
>>> facts.number("pay_plan.entry_fee_usd")
Interval(low=49.0, high=49.0, known=True)
>>> facts.number("pay_plan.starter_kit_usd").known
False
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mlmkit._validation import check_bool, check_int, check_number, fail
from mlmkit.scorecard.fields import (
    FIELDS,
    LISTS,
    UNKNOWN,
    Range,
    check_answer,
    clean_list,
    is_known,
    safe_value,
)

__all__ = ["Facts", "Interval", "YearOneCost"]

INF = math.inf


@dataclass(frozen=True)
class Interval:
    """The values a number may take: ``low`` to ``high``; ``known`` if the documents say.

    Examples
    --------
    >>> (Interval(1, 2) + Interval(10, 10)).high
    12
    >>> Interval(3, 3).exact
    True
    """

    low: float
    high: float
    known: bool = True

    @property
    def exact(self) -> bool:
        """True for a single known value."""
        return self.known and self.low == self.high

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high, self.known and other.known)

    def scale(self, factor: float) -> Interval:
        """Multiply both ends by a non-negative number.

        Examples
        --------
        >>> Interval(10, 20).scale(12)
        Interval(low=120.0, high=240.0, known=True)
        """
        factor = check_number("factor", factor, low=0)
        return Interval(self.low * factor, self.high * factor, self.known)


ZERO = Interval(0.0, 0.0, True)

#: Field kinds that hold a number (``Facts.number`` reads them).
_NUMBER_KINDS = ("number", "int")


def _path(path: Any, kinds: Sequence[str] = ()) -> str:
    """``path`` if it is a field's dotted path (of one of ``kinds``, when given); else a clear error."""
    try:
        spec = FIELDS[path]
    except (KeyError, TypeError):
        raise fail("path", safe_value(path), "it must be a field path such as 'pay_plan.entry_fee_usd' "
                   "(see mlmkit.scorecard.FIELDS)") from None
    if kinds and spec.kind not in kinds:
        raise fail("path", path, f"it must be the path of a field of kind {' or '.join(kinds)} (this one is {spec.kind})")
    return path


def _field_interval(spec_low: float | None, spec_high: float | None) -> Interval:
    return Interval(spec_low if spec_low is not None else 0.0, spec_high if spec_high is not None else INF, False)


def value_interval(value: Any, spec_low: float | None = 0.0, spec_high: float | None = None) -> Interval:
    """An answer (number, :class:`Range`, ``"unknown"`` or ``None``) as an interval.

    Examples
    --------
    >>> value_interval(Range(289, 1375))
    Interval(low=289.0, high=1375.0, known=True)
    >>> value_interval("unknown", 0, 1)
    Interval(low=0, high=1, known=False)
    """
    if isinstance(value, Range):
        return Interval(value.low, value.high, True)
    if is_known(value) and not isinstance(value, bool):
        return Interval(float(value), float(value), True)
    return _field_interval(spec_low, spec_high)


@dataclass(frozen=True)
class YearOneCost:
    """What the first year costs a recruit who joins the cheapest way that can earn pay.

    ``kit or package + fees + 12 months of required purchases and fees + the yearly renewal``.
    Each part is an :class:`Interval`; ``total`` adds them. ``missing`` lists the answers
    still unknown (then ``total.high`` may be infinite: the cost has no known ceiling).

    Attributes
    ----------
    joining, monthly, renewal, total : Interval
        USD: paid on joining, per month (12 are counted in ``total``), per year.
    package : str or None
        The package assumed (the cheapest known to earn pay), if the profile lists packages.
    missing : tuple of str
        Field paths whose unknown answers leave the total uncertain.
    """

    joining: Interval
    monthly: Interval
    renewal: Interval
    total: Interval
    package: str | None
    missing: tuple[str, ...]

    @property
    def known(self) -> bool:
        """True when every part is known (ranges from the documents count as known)."""
        return not self.missing

    def describe(self) -> str:
        """The cost in words, e.g. ``'USD 1,789'`` or ``'at least USD 249 (unknown: ...)'``."""
        from mlmkit.scorecard.fields import format_usd

        total = self.total
        if total.high == INF:
            text = f"at least {format_usd(total.low)}"
        elif total.low == total.high:
            text = format_usd(total.low)
        else:
            text = format_usd(Range(total.low, total.high))
        if self.missing:
            text += " (unknown: " + ", ".join(FIELDS[p].label if p in FIELDS else p for p in self.missing) + ")"
        return text


class Facts:
    """A read-only view of a profile's answers as intervals and sets.

    Parameters
    ----------
    answers : mapping
        Dotted path -> answer (``"unknown"``, ``None`` for not given, a value or a
        :class:`~mlmkit.scorecard.fields.Range`), checked like a profile's answers; paths
        left out are not given.
    lists : mapping
        List path -> list of item tables, or ``None`` when the list was not given.

    Examples
    --------
    >>> Facts({"product.price_vs_retail": float("nan")}, {})
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: answers['product.price_vs_retail'] = nan is not allowed: it must be a number between 0 and 20 ...
    """

    def __init__(self, answers: Mapping[str, Any], lists: Mapping[str, Any]) -> None:
        for name, value in (("answers", answers), ("lists", lists)):
            if not isinstance(value, Mapping):
                raise fail(name, safe_value(value), "it must be a mapping (dotted path -> answer), such as {}")
        checked: dict[str, Any] = {}
        for path, value in answers.items():
            if path not in FIELDS:
                raise fail(f"answers[{path!r}]", safe_value(value), "it must be keyed by a field path such as 'product.price_vs_retail'")
            checked[path] = None if value is None else check_answer(FIELDS[path], value, f"answers[{path!r}]")
        checked_lists: dict[str, Any] = {}
        for path, items in lists.items():
            if path not in LISTS:
                raise fail(f"lists[{path!r}]", "(a list)", "known lists: " + ", ".join(LISTS))
            checked_lists[path] = None if items is None else clean_list("lists", LISTS[path], items)
        self.answers: Mapping[str, Any] = checked
        self.lists: Mapping[str, Any] = checked_lists

    @classmethod
    def of_clean(cls, answers: Mapping[str, Any], lists: Mapping[str, Any]) -> Facts:
        """A view of answers a :class:`~mlmkit.scorecard.Profile` has already checked (no second check)."""
        for name, value in (("answers", answers), ("lists", lists)):
            if not isinstance(value, Mapping):
                raise fail(name, safe_value(value), "it must be a mapping (dotted path -> answer), such as {}")
        facts = cls.__new__(cls)
        facts.answers = answers
        facts.lists = lists
        return facts

    # -- single answers ------------------------------------------------------
    def value(self, path: str) -> Any:
        """The answer, ``None`` if not given or unknown."""
        value = self.answers.get(_path(path))
        return value if is_known(value) else None

    def known(self, path: str) -> bool:
        """True if the answer was given and is not unknown."""
        return is_known(self.answers.get(_path(path)))

    def number(self, path: str) -> Interval:
        """A numeric answer as an :class:`Interval`."""
        spec = FIELDS[_path(path, kinds=_NUMBER_KINDS)]
        return value_interval(self.answers.get(path), spec.low, spec.high)

    def options(self, path: str) -> tuple[Any, ...]:
        """The values a choice or yes/no answer may have (all of them when unknown)."""
        value = self.answers.get(_path(path, kinds=("choice", "bool")))
        if is_known(value):
            return (value,)
        spec = FIELDS[path]
        return (True, False) if spec.kind == "bool" else spec.choices

    # -- lists -----------------------------------------------------------------
    def items(self, path: str) -> tuple[Mapping[str, Any], ...] | None:
        """The items of a list (``None`` when the list was not given)."""
        if not isinstance(path, str) or path not in LISTS:
            raise fail("path", safe_value(path), f"it must be a list's path: {', '.join(LISTS)}")
        return self.lists.get(path)

    def _package_candidates(self) -> tuple[list[Mapping[str, Any]], list[Mapping[str, Any]]]:
        packages = list(self.items("pay_plan.packages") or ())
        earning = [p for p in packages if p.get("earns_pay") is True]
        maybe = [p for p in packages if p.get("earns_pay") is not False]
        return earning, maybe

    def package_part(self, key: str) -> Interval:
        """One cost of the cheapest package that can earn pay (price, monthly or yearly fee).

        Low end: the cheapest package that might earn pay; high end: the cheapest package
        known to earn pay (or the dearest package, if none is known to). No packages: 0.
        """
        parts = [f.path for f in LISTS["pay_plan.packages"].items if f.kind in _NUMBER_KINDS]
        if not isinstance(key, str) or key not in parts:
            raise fail("key", safe_value(key), f"it must be a package's cost: {', '.join(parts)}")
        packages = self.items("pay_plan.packages")
        if not packages:
            return ZERO
        earning, maybe = self._package_candidates()
        spec = next(f for f in LISTS["pay_plan.packages"].items if f.path == key)
        default = 0.0 if key != "price_usd" else None

        def interval(item: Mapping[str, Any]) -> Interval:
            value = item.get(key, default)
            return value_interval(value, spec.low, spec.high)

        low_pool = maybe or list(packages)
        high_pool = earning or list(packages)
        lows = [interval(p) for p in low_pool]
        highs = [interval(p) for p in high_pool]
        low = min(iv.low for iv in lows)
        high = min(iv.high for iv in highs) if earning else max(iv.high for iv in highs)
        known = all(iv.known for iv in lows + highs) and bool(earning or len(packages) == 1)
        return Interval(low, max(low, high), known)

    def cheapest_earning_package(self) -> str | None:
        """The name of the cheapest package known to earn pay (by first-year cost)."""
        earning, _maybe = self._package_candidates()
        if not earning:
            packages = self.items("pay_plan.packages") or ()
            return packages[0].get("name") if len(packages) == 1 else None
        spec = {f.path: f for f in LISTS["pay_plan.packages"].items}

        def first_year(item: Mapping[str, Any]) -> float:
            price = value_interval(item.get("price_usd"), spec["price_usd"].low, None)
            monthly = value_interval(item.get("monthly_fee_usd", 0.0), 0.0, None)
            return price.low + 12 * monthly.low

        return str(min(earning, key=first_year).get("name"))

    # -- derived ---------------------------------------------------------------
    def joining_cost(self) -> Interval:
        """Entry fee + required starter kit + the cheapest package that can earn pay."""
        return (
            self.number("pay_plan.entry_fee_usd")
            + self.number("pay_plan.starter_kit_usd")
            + self.package_part("price_usd")
        )

    def monthly_cost(self) -> Interval:
        """Required monthly purchases + the package's monthly fee."""
        return self.number("pay_plan.monthly_purchase_usd") + self.package_part("monthly_fee_usd")

    def renewal_cost(self) -> Interval:
        """Yearly renewal fee + the package's yearly fee (a renewal not given counts as unknown)."""
        return self.number("pay_plan.yearly_renewal_usd") + self.package_part("yearly_fee_usd")

    def year_one_cost(self) -> YearOneCost:
        """Kit or package + 12 months of required purchases + renewal (see :class:`YearOneCost`)."""
        joining, monthly, renewal = self.joining_cost(), self.monthly_cost(), self.renewal_cost()
        total = joining + monthly.scale(12) + renewal
        missing = [
            path
            for path in (
                "pay_plan.entry_fee_usd",
                "pay_plan.starter_kit_usd",
                "pay_plan.monthly_purchase_usd",
                "pay_plan.yearly_renewal_usd",
            )
            if not self.known(path)
        ]
        if self.items("pay_plan.packages") and not self.package_part("price_usd").known:
            missing.append("pay_plan.packages")
        return YearOneCost(joining, monthly, renewal, total, self.cheapest_earning_package(), tuple(missing))

    def revenue_share(self, *, capped: bool = True) -> Interval:
        """Share of revenue from non-participants: given, or from the two amounts, else bounded.

        Revenue from non-participants is at most the share of *product* sales that went to
        outside customers (fees only add participants' money), so a known
        ``product.outside_customer_share`` caps an unknown revenue share (``capped=True``,
        used by the indicator). The score's range does not rely on that inference
        (``capped=False``), so every way of filling in the unknown stays inside it.
        """
        capped = check_bool("capped", capped)
        if self.known("revenue.non_participant_share"):
            return self.number("revenue.non_participant_share")
        sales = self.number("revenue.non_participant_sales_usd")
        paid = self.number("revenue.participant_payments_usd")
        if sales.known and paid.known and (sales.high + paid.low) > 0:
            low = sales.low / (sales.low + paid.high) if sales.low + paid.high > 0 else 0.0
            high = sales.high / (sales.high + paid.low) if sales.high + paid.low > 0 else 1.0
            return Interval(low, high, True)
        cap = self.number("product.outside_customer_share")
        return Interval(0.0, cap.high if cap.known and capped else 1.0, False)

    def legal_summary(self, lookback_years: int) -> str:
        """``company.legal_actions`` worked out from the ``[[legal_actions]]`` list.

        An order or judgment within ``lookback_years`` of ``company.facts_gathered`` (or of
        the latest action's year when no date is given) is an order; a pending case, pending;
        only cases the company won or that were dismissed, won_or_dismissed; an empty list,
        none_found.
        """
        lookback_years = check_int("lookback_years", lookback_years, low=0, high=1000)
        actions = self.items("legal_actions") or ()
        gathered = self.value("company.facts_gathered")
        year_now = gathered.year if gathered is not None else max((a["year"] for a in actions), default=0)
        recent = [a for a in actions if year_now - a["year"] <= lookback_years]
        kinds = {a["kind"] for a in recent}
        for kind in ("order_or_judgment", "pending", "won_or_dismissed"):
            if kind in kinds:
                return kind
        return "none_found"


def interval_points_down(interval: Interval, full_at: float, zero_at: float) -> tuple[float, float]:
    """Points (worst, best) of "lower is better": 1 at or below ``full_at``, 0 from ``zero_at``.

    Examples
    --------
    >>> interval_points_down(Interval(99, 1000), 99, 1000)
    (0.0, 1.0)
    """
    def points(value: float) -> float:
        if value <= full_at:
            return 1.0
        if value >= zero_at:
            return 0.0
        return (zero_at - value) / (zero_at - full_at)

    return points(interval.high), points(interval.low)


def interval_points_up(interval: Interval, full_at: float) -> tuple[float, float]:
    """Points (worst, best) of "higher is better": value / ``full_at``, at most 1.

    Examples
    --------
    >>> interval_points_up(Interval(0.45, 0.45), 0.9)
    (0.5, 0.5)
    """
    def points(value: float) -> float:
        return 1.0 if full_at <= 0 else max(0.0, min(1.0, value / full_at))

    return points(interval.low), points(interval.high)


def option_points(options: Iterable[Any], table: Mapping[Any, float]) -> tuple[float, float]:
    """Points (worst, best) over the possible values of a choice.

    Examples
    --------
    >>> option_points(("rare", "some", "common"), {"rare": 0.2, "some": 0.6, "common": 1.0})
    (0.2, 1.0)
    """
    values = [table[option] for option in options]
    return min(values), max(values)


def describe_options(options: Sequence[Any]) -> str:
    """``'unknown'`` for several options, else the one value in words."""
    if len(options) != 1:
        return UNKNOWN
    value = options[0]
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")
