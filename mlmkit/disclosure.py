"""What participants earn, read from an income disclosure (grouped data), before and after costs.

Companies and regulators publish earnings as **brackets**: the share of participants
(or a count) whose yearly gross pay fell in each range, sometimes with the bracket's
average. This module turns such a table into the numbers a recruit needs:

- the share paid nothing, the median (interpolated within its bracket), the mean, the
  shares of all pay taken by the top 1% and top 10%, the Lorenz curve;
- the Gini coefficient with its **lower and upper bounds** for grouped data
  (Gastwirth 1972: the bounds hold for *every* way the people in a bracket could be
  spread inside it; when bracket averages are not published, the bounds also range
  over every possible average, found exactly by Dinkelbach's procedure for fractional
  programs);
- **net of costs**: the share whose pay does not cover a year's costs;
- **the income-claim check**: where a recruiter's "people make USD 2,000 a month" sits
  in the disclosed distribution, before and after typical costs;
- **your first year**: year-one costs against the disclosed pay, the chance of
  clearing them, the median net and the hourly figure for the hours you plan to work.

Point estimates assume the people in a bracket are spread evenly ("uniform within the
bracket"); when a bracket's average is published, evenly over the widest range inside
the bracket centred on that average, so the estimate always matches the published
average. Every estimate that depends on this assumption comes with bounds that do not.

References (methods, not empirical facts): Gastwirth, J. L. (1972), "The Estimation
of the Lorenz Curve and Gini Index", *Review of Economics and Statistics*
54(3):306-316 (``mlmkit.sources`` key ``gastwirth_1972``); Dinkelbach's procedure for
fractional programs, as discussed by Bitran and Magnanti, "Duality and Sensitivity
Analysis for Fractional Programs" (MIT OR 042-75, 1975). Education, not legal or
financial advice.

Examples
--------
>>> d = from_brackets([0, 0, 100], [0, 100, 300], shares=[0.5, 0.3, 0.2])
>>> d.share_paid_nothing
0.5
>>> d.median_usd()
0.0
>>> round(d.mean_usd(), 2)
55.0
>>> low, high = d.gini_bounds()
>>> round(low, 4) <= round(d.gini(), 4) <= round(high, 4)
True
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from mlmkit._compat import (
    RenamedColumnsFrame,
    Replaceable,
    renamed_arguments,
    renamed_attribute,
    warn_renamed,
)
from mlmkit._display import counted, format_usd
from mlmkit._tables import ReadableTable
from mlmkit._validation import (
    MlmkitInputError,
    check_amounts,
    check_bool,
    check_choice,
    check_columns,
    check_file_text,
    check_int,
    check_non_negative,
    check_number,
    check_sequence,
    check_text,
    fail,
)

__all__ = [
    "ClaimCheck",
    "Disclosure",
    "FirstYear",
    "YearOneCosts",
    "check_claim",
    "costs_from_profile",
    "first_year",
    "format_figure",
    "from_brackets",
    "from_dataset",
    "from_profile",
    "from_table",
    "profile_money_lines",
    "published_figures",
    "read_brackets_csv",
    "unknown_cost_fields",
    "usd",
]

#: Weeks in a year, for hourly figures.
WEEKS_PER_YEAR = 52
#: Periods a claim can be stated in, and how many of them make a year.
PERIODS_PER_YEAR = {"year": 1, "month": 12, "week": WEEKS_PER_YEAR}
_SHARE_TOLERANCE = 0.005  # published percentages are rounded


def usd(amount: float) -> str:
    """Money in whole dollars: ``USD 1,200`` (the project's one money format, ``mlmkit._display.format_usd``).

    Examples
    --------
    >>> usd(1200), usd(-35.5), usd(0.4)
    ('USD 1,200', 'USD -36', 'USD 0')
    """
    if isinstance(amount, bool | np.bool_) or not isinstance(amount, int | float | np.number) or isinstance(
        amount, complex | np.complexfloating
    ):
        raise fail("amount", amount, "it must be a number of USD")
    return format_usd(amount, cents=False)  # whole dollars; "not known" when not finite


def _percent(share: float) -> str:
    return "not known" if not math.isfinite(share) else f"{100 * share:.1f}%"


@dataclass(frozen=True, eq=False)
class Disclosure:
    """An income disclosure as brackets of yearly gross pay (build it with :func:`from_brackets`).

    Attributes
    ----------
    low_usd, high_usd : numpy.ndarray
        Bracket limits in USD per year; a bracket holds pay from ``low`` up to (not
        including) ``high``. ``low == high`` is a bracket of exactly that amount
        (USD 0: paid nothing); ``high = inf`` has no upper limit (only the last bracket).
    share : numpy.ndarray
        Share of the people counted in each bracket (sums to 1).
    published_mean_usd : numpy.ndarray
        Bracket averages where published, ``nan`` where not.
    company, who_is_counted, source : str
        Labels: whose disclosure, who it counts (all participants or only "active"
        ones), and its citation.
    participants : int or None
        Number of people counted, if published.
    """

    low_usd: np.ndarray
    high_usd: np.ndarray
    share: np.ndarray
    published_mean_usd: np.ndarray
    company: str = ""
    year: int | None = None
    who_is_counted: str = ""
    participants: int | None = None
    source: str = ""
    fictional: bool = False
    _cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    mean_usd_published = renamed_attribute("published_mean_usd", old="mean_usd_published")

    # ------------------------------------------------------------ basic shapes
    @property
    def brackets(self) -> pd.DataFrame:
        """The brackets as a table a person reads (money as money, shares as percent)."""
        rows = []
        for low, high, share, mean in zip(
            self.low_usd, self.high_usd, self.share, self.published_mean_usd, strict=True
        ):
            if low == high:
                label = f"exactly {usd(low)}"
            elif math.isinf(high):
                label = f"{usd(low)} or more"
            else:
                label = f"{usd(low)} to under {usd(high)}"
            rows.append({
                "yearly gross pay": label,
                "share of people": _percent(share),
                "bracket average": usd(mean) if math.isfinite(mean) else "not published",
            })
        return ReadableTable(rows)

    @property
    def share_paid_nothing(self) -> float:
        """Share of the people counted who were paid exactly USD 0 (``nan`` if not published).

        Only a bracket of exactly USD 0 says this; a first bracket such as "USD 0 to
        under USD 100" mixes people paid nothing with people paid a little.
        """
        zero = (self.low_usd == 0) & (self.high_usd == 0)
        return float(self.share[zero].sum()) if zero.any() else float("nan")

    def _known_means(self) -> np.ndarray:
        """Bracket averages: published, else the middle of a closed bracket, else ``nan``."""
        middle = np.where(np.isinf(self.high_usd), np.nan, (self.low_usd + self.high_usd) / 2)
        return np.where(np.isfinite(self.published_mean_usd), self.published_mean_usd, middle)

    def _require_top(self, what: str) -> None:
        if not np.isfinite(self._known_means()).all():
            raise fail(
                "brackets",
                f"{usd(self.low_usd[-1])} or more, average not published",
                f"the {what} needs the top bracket's average or an upper limit; this "
                "disclosure publishes neither (pass means_usd or a top limit to from_brackets)",
            )

    def _spread(self) -> tuple[np.ndarray, np.ndarray]:
        """Where the even spread of each bracket starts and ends (the point estimates' model)."""
        means = self._known_means()
        half = np.minimum(means - self.low_usd, self.high_usd - means)
        half = np.where(np.isinf(self.high_usd), means - self.low_usd, half)
        return means - half, means + half

    # ---------------------------------------------------------------- shares
    def share_at_least(self, amount_usd: float) -> float:
        """Estimated share of people whose yearly gross pay was ``amount_usd`` or more.

        ``nan`` when the amount falls in an open top bracket whose average is not
        published (:meth:`share_at_least_bounds` still answers).

        Examples
        --------
        >>> d = from_brackets([0, 0, 100], [0, 100, 300], shares=[0.5, 0.3, 0.2])
        >>> d.share_at_least(50), d.share_at_least(200)
        (0.35, 0.1)
        """
        amount = check_number("amount_usd", amount_usd, unit="USD")
        if self._needs_top_for(amount):
            return float("nan")
        start, end = self._spread()
        width = end - start
        with np.errstate(divide="ignore", invalid="ignore"):
            inside = np.clip((end - amount) / width, 0.0, 1.0)
        part = np.where(width > 0, inside, (start >= amount).astype(float))
        part = np.where(self.low_usd >= amount, 1.0, part)  # the whole bracket is at or above
        return float(np.clip((self.share * part).sum(), 0.0, 1.0))

    def share_at_least_many(self, amounts_usd: Any) -> np.ndarray:
        """:meth:`share_at_least` for many amounts at once (vectorised).

        Examples
        --------
        >>> d = from_brackets([0, 0, 100], [0, 100, 300], shares=[0.5, 0.3, 0.2])
        >>> d.share_at_least_many([0, 50, 200]).tolist()
        [1.0, 0.35, 0.1]
        """
        if isinstance(amounts_usd, np.ndarray) and amounts_usd.ndim == 1 and amounts_usd.size == 0:
            return np.empty(0)
        amounts = check_amounts("amounts_usd", amounts_usd, None, low=None).reshape(-1, 1)
        start, end = self._spread()
        width = end - start
        with np.errstate(divide="ignore", invalid="ignore"):
            inside = np.clip((end - amounts) / width, 0.0, 1.0)
        part = np.where(width > 0, inside, (start >= amounts).astype(float))
        part = np.where(self.low_usd >= amounts, 1.0, part)
        shares = np.clip((self.share * part).sum(axis=1), 0.0, 1.0)
        open_top = np.isinf(self.high_usd[-1]) and not np.isfinite(self.published_mean_usd[-1])
        if open_top:
            shares = np.where(amounts[:, 0] > self.low_usd[-1], np.nan, shares)
        return shares

    def _needs_top_for(self, amount: float) -> bool:
        open_top = np.isinf(self.high_usd[-1]) and not np.isfinite(self.published_mean_usd[-1])
        return bool(open_top and amount > self.low_usd[-1])

    def share_at_least_bounds(self, amount_usd: float) -> tuple[float, float]:
        """Lowest and highest possible share with pay of ``amount_usd`` or more (no assumption).

        Examples
        --------
        >>> d = from_brackets([0, 0, 100], [0, 100, 300], shares=[0.5, 0.3, 0.2])
        >>> d.share_at_least_bounds(50)
        (0.2, 0.5)
        """
        amount = check_number("amount_usd", amount_usd, unit="USD")
        point = self.low_usd == self.high_usd
        surely = self.low_usd >= amount
        maybe = np.where(point, surely, self.high_usd > amount)
        return float(self.share[surely].sum()), float(self.share[maybe].sum())

    def quantile_usd(self, q: float) -> float:
        """Pay below which a share ``q`` of people fall (interpolated within the bracket).

        Examples
        --------
        >>> d = from_brackets([0, 100], [100, 300], shares=[0.5, 0.5])
        >>> d.quantile_usd(0.25), d.quantile_usd(0.75)
        (50.0, 200.0)
        """
        q = check_number("q", q)
        if not 0.0 <= q <= 1.0:
            raise fail("q", q, "it must be a share between 0 and 1")
        cumulative = np.cumsum(self.share)
        index = min(int(np.searchsorted(cumulative, q - 1e-12)), len(self.share) - 1)
        start, end = self._spread()
        if not (math.isfinite(start[index]) and math.isfinite(end[index])):
            self._require_top("quantile")
        before = cumulative[index] - self.share[index]
        within = 0.0 if self.share[index] == 0 else (q - before) / self.share[index]
        return float(start[index] + np.clip(within, 0.0, 1.0) * (end[index] - start[index]))

    def median_usd(self) -> float:
        """The median yearly gross pay, interpolated within its bracket."""
        return self.quantile_usd(0.5)

    def mean_usd(self) -> float:
        """Average yearly gross pay (bracket averages if published, else bracket middles)."""
        self._require_top("mean")
        return float((self.share * self._known_means()).sum())

    def mean_bounds(self) -> tuple[float, float]:
        """Lowest and highest possible average pay (``inf`` for an open top bracket)."""
        low = np.where(np.isfinite(self.published_mean_usd), self.published_mean_usd, self.low_usd)
        high = np.where(np.isfinite(self.published_mean_usd), self.published_mean_usd,
                        self.high_usd)
        return float((self.share * low).sum()), float((self.share * high).sum())

    # ------------------------------------------------------------------ Lorenz
    def lorenz_curve(self, points: int = 101) -> pd.DataFrame:
        """Share of all pay received by the lowest-paid x% of people, with its bounds.

        Columns: ``share_of_people``; ``share_of_pay`` (even spread in each bracket);
        ``share_of_pay_most_equal`` (everyone in a bracket paid its average: the highest
        possible curve) and ``share_of_pay_least_equal`` (everyone at a bracket's two
        ends: the lowest possible curve). The two bounds need every bracket's average,
        so when averages are not published they use the bracket middles.

        Examples
        --------
        >>> d = from_brackets([0, 100], [100, 300], shares=[0.5, 0.5])
        >>> curve = d.lorenz_curve(points=3)
        >>> curve["share_of_pay"].round(4).tolist()
        [0.0, 0.2, 1.0]
        """
        points = check_int("points", points, low=2, high=5000)
        self._require_top("Lorenz curve")
        grid = np.linspace(0.0, 1.0, int(points))
        means = self._known_means()
        total = float((self.share * means).sum())
        if total <= 0:
            return pd.DataFrame({"share_of_people": grid, "share_of_pay": grid,
                                 "share_of_pay_most_equal": grid,
                                 "share_of_pay_least_equal": grid})
        cumulative_share = np.concatenate([[0.0], np.cumsum(self.share)])
        cumulative_pay = np.concatenate([[0.0], np.cumsum(self.share * means)]) / total
        most_equal = np.interp(grid, cumulative_share, cumulative_pay)
        # Even spread: within bracket g at fraction t, pay so far is share*(start*t + half*t^2).
        start, end = self._spread()
        half = (end - start) / 2
        index = np.clip(np.searchsorted(cumulative_share, grid, side="right") - 1,
                        0, len(self.share) - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(self.share[index] > 0,
                         (grid - cumulative_share[index]) / self.share[index], 0.0)
        t = np.clip(t, 0.0, 1.0)
        estimate = cumulative_pay[index] + self.share[index] * (
            start[index] * t + half[index] * t**2) / total
        # Least equal: each closed bracket as two points, at its low and high ends.
        values, masses, pay = self._two_point_expansion(means)
        order = np.argsort(values, kind="stable")
        mass_curve = np.concatenate([[0.0], np.cumsum(masses[order])])
        pay_curve = np.concatenate([[0.0], np.cumsum(pay[order])]) / total
        least_equal = np.interp(grid, mass_curve, pay_curve)
        estimate[-1] = most_equal[-1] = least_equal[-1] = 1.0
        return pd.DataFrame({
            "share_of_people": grid,
            "share_of_pay": np.clip(estimate, 0, 1),
            "share_of_pay_most_equal": np.clip(most_equal, 0, 1),
            "share_of_pay_least_equal": np.clip(np.minimum(least_equal, most_equal), 0, 1),
        })

    def _two_point_expansion(self, means: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each bracket as masses at its two ends keeping its average (Gastwirth's extreme)."""
        low, high = self.low_usd, self.high_usd
        width = high - low
        closed = np.isfinite(high) & (width > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            upper_part = np.where(closed, (means - low) / width, 0.0)
        open_top = np.isinf(high)
        values = np.concatenate([low, np.where(open_top, np.inf, high)])
        masses = np.concatenate([self.share * (1 - upper_part), self.share * upper_part])
        finite_high = np.where(open_top, low, high)
        pay = np.concatenate([
            self.share * (1 - upper_part) * low,
            np.where(open_top, self.share * (means - low), self.share * upper_part * finite_high),
        ])
        return values, masses, pay

    def top_share(self, top: float) -> float:
        """Share of all pay received by the best-paid fraction ``top`` (0.01 = top 1%).

        Examples
        --------
        >>> d = from_brackets([0, 100], [100, 300], shares=[0.5, 0.5])
        >>> round(d.top_share(0.5), 4)
        0.8
        """
        top = check_number("top", top)
        if not 0.0 < top <= 1.0:
            raise fail("top", top, "it must be a share above 0 and at most 1 (0.01 = top 1%)")
        return 1.0 - self._lorenz_at(1.0 - top)["share_of_pay"]

    def top_share_bounds(self, top: float) -> tuple[float, float]:
        """Lowest and highest possible top share, given the bracket averages."""
        top = check_number("top", top)
        if not 0.0 < top <= 1.0:
            raise fail("top", top, "it must be a share above 0 and at most 1 (0.01 = top 1%)")
        row = self._lorenz_at(1.0 - top)
        return 1.0 - row["share_of_pay_most_equal"], 1.0 - row["share_of_pay_least_equal"]

    def _lorenz_at(self, share_of_people: float) -> dict[str, float]:
        curve = self.lorenz_curve(points=5000)
        return {
            column: float(np.interp(share_of_people, curve["share_of_people"], curve[column]))
            for column in ["share_of_pay", "share_of_pay_most_equal", "share_of_pay_least_equal"]
        }

    # -------------------------------------------------------------------- Gini
    def gini(self) -> float:
        """Gini coefficient of gross pay (even spread within each bracket).

        Always between :meth:`gini_bounds`. Examples: a single bracket from 0 to 1 is
        the uniform distribution, whose Gini is 1/3.

        >>> round(from_brackets([0], [1], shares=[1]).gini(), 6)
        0.333333
        """
        self._require_top("Gini coefficient")
        means = self._known_means()
        total = float((self.share * means).sum())
        if total <= 0:
            return 0.0
        start, end = self._spread()
        within = (self.share**2 * (end - start) / 6).sum() / total
        return float(_between_gini(self.share, means) + within)

    def gini_bounds(self) -> tuple[float, float]:
        """Lowest and highest Gini coefficient of any pay consistent with the brackets.

        With every bracket's average published these are Gastwirth's (1972) bounds:
        the lower puts everyone in a bracket at its average, the upper splits each
        bracket between its two ends. Averages not published are themselves unknown
        within their bracket, and the bounds are then the exact minimum and maximum over
        them as well (Dinkelbach's method; the Gini is a ratio of a concave to a linear
        function of the averages).

        Examples
        --------
        >>> d = from_brackets([0, 100], [100, 300], shares=[0.5, 0.5], means_usd=[50, 200])
        >>> [round(x, 4) for x in d.gini_bounds()]
        [0.3, 0.45]
        """
        if "gini_bounds" not in self._cache:
            self._require_top("Gini coefficient")
            self._cache["gini_bounds"] = _gini_bounds(
                self.low_usd, self.high_usd, self.share, self.published_mean_usd
            )
        low, high = self._cache["gini_bounds"]
        return float(low), float(high)

    # ----------------------------------------------------------- net of costs
    def share_not_covering(self, yearly_cost_usd: float) -> float:
        """Estimated share whose gross pay was below ``yearly_cost_usd`` (a net loss)."""
        cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
        return 1.0 - self.share_at_least(cost) if cost > 0 else 0.0  # nan stays nan

    def share_not_covering_bounds(self, yearly_cost_usd: float) -> tuple[float, float]:
        """Lowest and highest possible share with gross pay below ``yearly_cost_usd``."""
        cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
        if cost == 0:
            return 0.0, 0.0
        low, high = self.share_at_least_bounds(cost)
        return 1.0 - high, 1.0 - low

    def net_gini(self, yearly_cost_usd: float) -> float:
        """Gini coefficient of net results (pay minus costs), or a clear refusal.

        Defined method: when no one can end below zero (every bracket starts at or
        above the cost) the brackets are shifted down by the cost and the usual grouped
        Gini is computed. When some people can end below zero it is refused: the Gini
        coefficient measures how a total of amounts of 0 or more is shared; with losses
        it can exceed 1 or turn negative and no longer means that. Read the share losing
        money and the net quantiles instead.

        Examples
        --------
        >>> d = from_brackets([0, 0, 100], [0, 100, 300], shares=[0.5, 0.3, 0.2])
        >>> d.net_gini(120)
        Traceback (most recent call last):
        ...
        mlmkit._validation.MlmkitInputError: yearly_cost_usd = 120.0 is not allowed: ...
        """
        cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
        if cost == 0:
            return self.gini()
        if self.low_usd.min() < cost:
            losing = self.share_not_covering(cost)
            raise fail(
                "yearly_cost_usd",
                cost,
                f"the Gini coefficient of net results is not computed here: after "
                f"{usd(cost)} of costs about {_percent(losing)} of people end below zero, and "
                "the Gini coefficient only means 'how unequally a total is shared' for "
                "amounts of 0 or more (with losses it can exceed 1 or turn negative). "
                "Read the share losing money and the net median instead",
            )
        shifted = from_brackets(
            self.low_usd - cost, self.high_usd - cost, shares=self.share,
            means_usd=self.published_mean_usd - cost,
        )
        return shifted.gini()

    def by_bracket(self, yearly_cost_usd: float = 0.0) -> pd.DataFrame:
        """Each bracket's share and average pay, gross and after a year's costs (readable).

        Examples
        --------
        >>> d = from_brackets([0, 0], [0, 100], shares=[0.5, 0.5], means_usd=[0, 40])
        >>> d.by_bracket(100)["net after costs"].tolist()
        ['USD -100', 'USD -60']
        """
        cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
        table = self.brackets
        means = self._known_means()
        table["average gross pay"] = [usd(m) if math.isfinite(m) else "not published" for m in means]
        table["net after costs"] = [usd(m - cost) if math.isfinite(m) else "not published"
                                    for m in means]
        table["covers the costs"] = [
            "yes" if low >= cost else "no" if high <= cost else "some"
            for low, high in zip(self.low_usd, self.high_usd, strict=True)
        ]
        return table.drop(columns=["bracket average"])

    # ----------------------------------------------------------------- summary
    def summary(self, yearly_cost_usd: float = 0.0) -> pd.Series:
        """The main numbers, named like every summary (shares 0..1, money in USD a year).

        A figure the disclosure cannot give (no USD 0 bracket; an open top bracket without
        a published average) is NaN. The same numbers as a table a person reads, with how
        each was computed, are :meth:`summary_table`.

        Returns
        -------
        pandas.Series
            ``participants``, ``share_paid_nothing``, ``median_yearly_pay_usd``,
            ``mean_yearly_pay_usd``, ``top_1pct_share_of_pay``, ``top_10pct_share_of_pay``,
            ``gini_of_pay``, ``yearly_cost_usd``, ``share_not_covering_costs``,
            ``median_net_usd``; named after the company.

        Examples
        --------
        >>> d = from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1], company="Acme")
        >>> s = d.summary(yearly_cost_usd=500)
        >>> s.name, float(s["share_paid_nothing"]), float(s["median_net_usd"])
        ('Acme', 0.6, -500.0)
        """
        from mlmkit._compat import OldShapeSeries

        cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
        known_top = bool(np.isfinite(self._known_means()).all())
        values = {
            "participants": float(self.participants) if self.participants else math.nan,
            "share_paid_nothing": float(self.share_paid_nothing),
            "median_yearly_pay_usd": self.median_usd(),
            "mean_yearly_pay_usd": self.mean_usd() if known_top else math.nan,
            "top_1pct_share_of_pay": self.top_share(0.01) if known_top else math.nan,
            "top_10pct_share_of_pay": self.top_share(0.10) if known_top else math.nan,
            "gini_of_pay": self.gini() if known_top else math.nan,
            "yearly_cost_usd": cost,
            "share_not_covering_costs": self.share_not_covering(cost),
            "median_net_usd": self.median_usd() - cost,
        }
        series = pd.Series(values, name=self.company or "disclosure", dtype=float)
        return OldShapeSeries.wrap(series, lambda: self.summary_table(cost), old="Disclosure.summary()",
                                   new="Disclosure.summary_table()")

    def summary_table(self, yearly_cost_usd: float = 0.0) -> ReadableTable:
        """The main numbers as a table a person reads (measure, value, how it was computed).

        Examples
        --------
        >>> d = from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1])
        >>> d.summary_table()["measure"].tolist()[:3]
        ['people counted', 'paid nothing (USD 0)', 'median yearly gross pay']
        """
        cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
        rows: list[tuple[str, str, str]] = []
        rows.append(("people counted",
                     f"{self.participants:,}" if self.participants else "not published",
                     self.who_is_counted or "as published"))
        rows.append(("paid nothing (USD 0)", _percent(self.share_paid_nothing),
                     "the disclosure's USD 0 bracket" if math.isfinite(self.share_paid_nothing)
                     else "the disclosure has no USD 0 bracket"))
        rows.append(("median yearly gross pay", usd(self.median_usd()),
                     "interpolated within its bracket"))
        known_top = bool(np.isfinite(self._known_means()).all())
        if known_top:
            rows.append(("average yearly gross pay", usd(self.mean_usd()),
                         "bracket averages (middles where not published)"))
            for top in (0.01, 0.10):
                low, high = self.top_share_bounds(top)
                rows.append((f"share of all pay to the top {top:.0%}", _percent(self.top_share(top)),
                             f"even spread in brackets; possible range {_percent(low)} to "
                             f"{_percent(high)}"))
            g_low, g_high = self.gini_bounds()
            rows.append(("Gini coefficient of gross pay", f"{self.gini():.3f}",
                         f"even spread; bounds {g_low:.3f} to {g_high:.3f} (Gastwirth 1972)"))
        else:
            rows.append(("average yearly gross pay", f"at least {usd(self.mean_bounds()[0])}",
                         "the top bracket's average is not published"))
        if cost > 0:
            low, high = self.share_not_covering_bounds(cost)
            rows.append((f"paid less than {usd(cost)} of yearly costs",
                         _percent(self.share_not_covering(cost)),
                         f"possible range {_percent(low)} to {_percent(high)}"))
            rows.append(("median net result", usd(self.median_usd() - cost),
                         "median gross pay minus the yearly costs"))
        return ReadableTable(rows, columns=["measure", "value", "how"])


Disclosure.__init__ = renamed_arguments(  # type: ignore[method-assign]
    mean_usd_published="published_mean_usd"
)(Disclosure.__init__)


# ------------------------------------------------------------------ builders
def from_brackets(
    low_usd: Sequence[float] | np.ndarray,
    high_usd: Sequence[float | None] | np.ndarray,
    *,
    shares: Sequence[float] | np.ndarray | None = None,
    counts: Sequence[float] | np.ndarray | None = None,
    means_usd: Sequence[float | None] | np.ndarray | None = None,
    company: str = "",
    year: int | None = None,
    who_is_counted: str = "",
    participants: int | None = None,
    source: str = "",
    fictional: bool = False,
) -> Disclosure:
    """Build a :class:`Disclosure` from bracket limits and shares (or counts).

    Parameters
    ----------
    low_usd, high_usd : sequence of float
        Yearly gross pay limits, lowest bracket first; ``high = low`` for "exactly"
        (USD 0), ``None`` or ``inf`` as the last ``high`` for "or more".
    shares, counts : sequence of float
        Give one: shares (fractions summing to 1, within rounding) or head counts.
    means_usd : sequence of float or None, optional
        Published bracket averages (``None`` or ``nan`` where not published).

    Examples
    --------
    >>> from_brackets([0, 200], [200, None], counts=[870, 130]).share.tolist()
    [0.87, 0.13]
    >>> from_brackets([0, 50], [100, 200], shares=[0.5, 0.5])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: brackets = '0-100 then 50-200' is not allowed: brackets must not overlap: each must start at or above the end of the one before.
    """
    low = _floats("low_usd", low_usd)
    high = _limits("high_usd", high_usd, np.inf)
    company = check_text("company", company)
    who_is_counted = check_text("who_is_counted", who_is_counted)
    source = check_text("source", source)
    fictional = check_bool("fictional", fictional)
    if year is not None:
        year = check_int("year", year, low=1800, high=2200)
    if participants is not None:
        participants = check_int("participants", participants, low=1)
    if len(high) != len(low) or len(low) == 0:
        raise fail("high_usd", list(high_usd), f"give one upper limit per bracket ({len(low)})")
    if (shares is None) == (counts is None):
        raise fail("shares", shares, "give either shares or counts (not both, not neither)")
    weights = _floats("counts" if shares is None else "shares",
                      counts if shares is None else shares)
    if len(weights) != len(low):
        raise fail("shares", list(weights), f"give one share per bracket ({len(low)})")
    if np.isnan(low).any() or np.isnan(high).any() or (low < 0).any() or np.isinf(low).any():
        raise fail("low_usd", low.tolist(), "limits must be numbers of 0 or more")
    if (high < low).any():
        raise fail("high_usd", high.tolist(), "each bracket's top must be at or above its bottom")
    if np.isinf(high[:-1]).any():
        raise fail("high_usd", high.tolist(), "only the last bracket can have no upper limit")
    for index in range(1, len(low)):
        if low[index] < high[index - 1] or (low[index] == low[index - 1] == high[index]):
            raise fail("brackets", f"{low[index - 1]:g}-{high[index - 1]:g} then "
                       f"{low[index]:g}-{high[index]:g}",
                       "brackets must not overlap: each must start at or above the end of "
                       "the one before")
    if (weights < 0).any() or not np.isfinite(weights).all() or weights.sum() <= 0:
        raise fail("shares", weights.tolist(), "shares or counts must be 0 or more, not all 0")
    if shares is not None and abs(weights.sum() - 1.0) > _SHARE_TOLERANCE:
        raise fail("shares", weights.tolist(),
                   f"shares must add up to 1 (they add up to {weights.sum():.4f}); "
                   "pass counts=... for head counts, or divide percentages by 100")
    share = weights / weights.sum()
    if means_usd is None:
        means = np.full(len(low), np.nan)
    else:
        means = _limits("means_usd", means_usd, np.nan)
        if len(means) != len(low):
            raise fail("means_usd", list(means_usd), f"give one average per bracket ({len(low)})")
        known = np.isfinite(means)
        bad = known & ((means < low) | (means > np.where(high > low, high, low)))
        if bad.any():
            raise fail("means_usd", means.tolist(),
                       "a bracket's average must lie inside the bracket")
    means = np.where(low == high, low, means)
    return Disclosure(low, high, share, means, company=company, year=year,
                      who_is_counted=who_is_counted, participants=participants,
                      source=source, fictional=fictional)


def _limits(name: str, values: Any, missing: float) -> np.ndarray:
    """An ordered list of numbers (``None`` read as ``missing``) as a float array."""
    items = check_sequence(name, values)
    if any(isinstance(item, bool | np.bool_ | str | bytes) for item in items):
        raise fail(name, list(items), "give a list of numbers (or None)")
    return _floats(name, [missing if item is None else item for item in items])


def _floats(name: str, values: Any) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise fail(name, values, "give a list of numbers") from None
    if array.ndim != 1:
        raise fail(name, values, "give a flat list of numbers")
    return array


def from_table(table: pd.DataFrame, disclosure_id: str | None = None) -> Disclosure:
    """Build a :class:`Disclosure` from a table in the ``disclosure_brackets`` format.

    Examples
    --------
    >>> from mlmkit import datasets
    >>> d = from_table(datasets.load("disclosure_brackets"), "advocare_2017")
    >>> d.company, d.share_paid_nothing, d.participants
    ('AdvoCare', 0.67, 387372)
    """
    table = check_columns(
        "table", table, ["disclosure_id"], "it must be a table in the disclosure_brackets format"
    )
    if disclosure_id is not None:
        disclosure_id = check_text("disclosure_id", disclosure_id)
    ids = sorted(set(table["disclosure_id"]))
    if disclosure_id is None:
        if len(ids) != 1:
            raise fail("disclosure_id", None, f"the table holds several; pick one of {ids}")
        disclosure_id = ids[0]
    if disclosure_id not in ids:
        raise fail("disclosure_id", disclosure_id, f"it must be one of {ids}")
    rows = table[table["disclosure_id"] == disclosure_id]
    if set(rows["period"]) != {"year"}:
        raise fail("period", sorted(set(rows["period"])), "brackets must cover a year")
    high = [None if pd.isna(value) else float(value) for value in rows["bracket_high_usd"]]
    means = [None if pd.isna(value) else float(value) for value in rows["bracket_mean_usd"]]
    first = rows.iloc[0]
    participants = None if pd.isna(first["participants"]) else int(first["participants"])
    return from_brackets(
        rows["bracket_low_usd"].astype(float).to_numpy(), high,
        shares=rows["share_percent"].astype(float).to_numpy() / 100, means_usd=means,
        company=str(first["company"]), year=int(first["year"]),
        who_is_counted=str(first["who_is_counted"]), participants=participants,
        source=str(first["citation"]),
        fictional=bool((rows["verification"] == "fictional").all()),
    )


def from_dataset(name: str, disclosure_id: str | None = None) -> Disclosure:
    """Build a :class:`Disclosure` from a data set shipped with mlmkit, by name.

    Examples
    --------
    >>> sunrise = from_dataset("example_disclosure_fictional")
    >>> sunrise.company, sunrise.fictional
    ('Sunrise Essentials (fictional example)', True)
    """
    from mlmkit import datasets

    return from_table(datasets.load(name), disclosure_id)


# ---------------------------------------------------------------- Gini maths
def _between_gini(share: np.ndarray, means: np.ndarray) -> float:
    """Gini when everyone in a bracket is paid its average (brackets in ascending order)."""
    total = float((share * means).sum())
    if total <= 0:
        return 0.0
    below = np.cumsum(share) - share
    above = 1.0 - below - share
    return float((share * means * (below - above)).sum() / total)


def _gini_bounds(
    low: np.ndarray, high: np.ndarray, share: np.ndarray, published: np.ndarray
) -> tuple[float, float]:
    """Exact lower and upper Gini over all pay consistent with the brackets.

    G(m) = [sum_g c_g m_g + W(m)] / sum_g p_g m_g with c_g = p_g (P(below g) - P(above g))
    and W the within-bracket spread (0 for the lower bound; at most
    p_g^2 (m_g - a_g)(b_g - m_g) / (b_g - a_g) for the upper, Gastwirth 1972). The
    averages m_g range over [a_g, b_g] unless published. Dinkelbach's iteration solves
    both ratio problems exactly (linear / linear and concave / linear).
    """
    known = np.isfinite(published)
    width = high - low
    closed = np.isfinite(high) & (width > 0)
    # Unknown averages range over the bracket; a bottom of 0 is nudged up so that the
    # average pay of everyone is never exactly 0 (the Gini is a limit there).
    nudge = np.where(closed, width * 1e-9, 0.0)
    m_low = np.where(known, published, low + np.where(low == 0, nudge, 0.0))
    m_high = np.where(known, published, high)
    below = np.cumsum(share) - share
    above = 1.0 - below - share
    c = share * (below - above)

    def ratio(m: np.ndarray, spread: bool) -> float:
        denominator = float((share * m).sum())
        if denominator <= 0:
            return 0.0
        numerator = float((c * m).sum())
        if spread:
            numerator += float(_max_within(m, low, high, share).sum())
        return numerator / denominator

    # Lower bound: minimise a linear ratio; each average sits at an end of its range.
    m = np.where(np.isfinite(m_high), (m_low + m_high) / 2, m_low)
    lam = ratio(m, spread=False)
    for _ in range(200):
        m_new = np.where(c - lam * share > 0, m_low, m_high)
        lam_new = ratio(m_new, spread=False)
        if lam_new >= lam - 1e-15:
            m = m_new if lam_new <= lam else m
            lam = min(lam, lam_new)
            break
        m, lam = m_new, lam_new
    lower = lam
    # Upper bound: maximise (linear + concave) / linear; each step is a clipped vertex.
    m = np.where(np.isfinite(m_high), (m_low + m_high) / 2, m_low)
    lam = ratio(m, spread=True)
    safe_share = np.where(share > 0, share, 1.0)
    for _ in range(500):
        with np.errstate(divide="ignore", invalid="ignore"):
            stationary = (low + high) / 2 + width * (c - lam * share) / (2 * safe_share**2)
        m_new = np.where(closed & ~known & (share > 0), np.clip(stationary, m_low, m_high),
                         np.where(c - lam * share > 0, m_high, m_low))
        m_new = np.where(known | ~np.isfinite(m_new), np.where(known, published, m_low), m_new)
        lam_new = ratio(m_new, spread=True)
        if lam_new <= lam + 1e-14:
            break
        m, lam = m_new, lam_new
    upper = lam
    return max(0.0, lower), min(1.0, max(upper, lower))


def _max_within(m: np.ndarray, low: np.ndarray, high: np.ndarray, share: np.ndarray) -> np.ndarray:
    """Largest within-bracket term p^2 (m - a)(b - m)/(b - a); open top: p^2 (m - a)."""
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        closed = share**2 * (m - low) * (high - m) / width
    term = np.where(np.isinf(high), share**2 * (m - low), closed)
    return np.where(width > 0, np.nan_to_num(term, nan=0.0), 0.0)


# ------------------------------------------------------------- claim check
@dataclass(frozen=True)
class ClaimCheck:
    """Where a recruiter's income claim sits in a disclosed distribution.

    Attributes
    ----------
    claim_usd, per : float, str
        The amount said and its period ("month", "year" or "week").
    yearly_usd : float
        The claim as yearly gross pay.
    yearly_cost_usd : float
        Typical yearly costs subtracted for the "after costs" figures.
    share_at_least, share_at_least_bounds : float, (float, float)
        Share of people whose gross pay was at least the claim (estimate; possible range).
    share_at_least_after_costs, share_at_least_after_costs_bounds : float, (float, float)
        Share whose pay minus the costs was at least the claim.
    """

    claim_usd: float
    per: str
    yearly_usd: float
    yearly_cost_usd: float
    share_at_least: float
    share_at_least_bounds: tuple[float, float]
    share_at_least_after_costs: float
    share_at_least_after_costs_bounds: tuple[float, float]
    company: str
    who_is_counted: str

    def to_frame(self) -> pd.DataFrame:
        """The check as a readable table."""
        low, high = self.share_at_least_bounds
        low_net, high_net = self.share_at_least_after_costs_bounds
        return ReadableTable(
            [
                ("the claim", f"{usd(self.claim_usd)} a {self.per}", ""),
                ("as yearly gross pay", usd(self.yearly_usd), ""),
                ("people paid that much or more", _percent(self.share_at_least),
                 f"possible range {_percent(low)} to {_percent(high)}"),
                (f"... after {usd(self.yearly_cost_usd)} of yearly costs",
                 _percent(self.share_at_least_after_costs),
                 f"possible range {_percent(low_net)} to {_percent(high_net)}"),
            ],
            columns=["measure", "value", "note"],
        )

    def to_text(self) -> str:
        """The check in two plain sentences.

        Examples
        --------
        >>> d = from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1])
        >>> print(check_claim(d, 2000, per="month", yearly_cost_usd=1200).to_text())
        "USD 2,000 a month" is USD 24,000 a year of gross pay.
        People counted who were paid that much or more: 2.1%
        (possible range 0.0% to 10.0%).
        After USD 1,200 of yearly costs: 1.7% (possible range 0.0% to 10.0%).
        The brackets are wide here: trust the range, not the single figure
        (it assumes people are spread evenly inside each bracket).
        """
        who = f" ({self.who_is_counted})" if self.who_is_counted else ""
        low, high = self.share_at_least_bounds
        low_net, high_net = self.share_at_least_after_costs_bounds
        return (
            f'"{usd(self.claim_usd)} a {self.per}" is {usd(self.yearly_usd)} a year of gross pay.\n'
            f"People counted{who} who were paid that much or more: "
            f"{_percent(self.share_at_least)}\n"
            f"(possible range {_percent(low)} to {_percent(high)}).\n"
            f"After {usd(self.yearly_cost_usd)} of yearly costs: "
            f"{_percent(self.share_at_least_after_costs)} "
            f"(possible range {_percent(low_net)} to {_percent(high_net)})."
            + ("\nThe brackets are wide here: trust the range, not the single figure\n"
               "(it assumes people are spread evenly inside each bracket)."
               if high - low > 0.10 or high_net - low_net > 0.10 else "")
        )


def check_claim(
    disclosure: Disclosure,
    claim_usd: float,
    *,
    per: str = "month",
    yearly_cost_usd: float = 0.0,
) -> ClaimCheck:
    """Check an income claim ("people make USD 2,000 a month") against a disclosure.

    Parameters
    ----------
    disclosure : Disclosure
        The company's published distribution of yearly gross pay.
    claim_usd : float
        The amount said, USD.
    per : {"month", "year", "week"}
        The period of the claim.
    yearly_cost_usd : float
        Typical yearly costs of taking part; "after costs" asks how many had pay of at
        least the claim *plus* these costs.

    Examples
    --------
    >>> d = from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1])
    >>> check = check_claim(d, 50000, per="year")
    >>> check.share_at_least, check.share_at_least_bounds
    (0.0, (0.0, 0.0))
    """
    if not isinstance(disclosure, Disclosure):
        raise fail("disclosure", disclosure, "build one with mlmkit.disclosure.from_brackets")
    amount = check_non_negative("claim_usd", claim_usd, unit="USD")
    per = check_choice("per", per, PERIODS_PER_YEAR)
    cost = check_non_negative("yearly_cost_usd", yearly_cost_usd, unit="USD per year")
    yearly = amount * PERIODS_PER_YEAR[per]
    return ClaimCheck(
        claim_usd=amount,
        per=per,
        yearly_usd=yearly,
        yearly_cost_usd=cost,
        share_at_least=disclosure.share_at_least(yearly),
        share_at_least_bounds=disclosure.share_at_least_bounds(yearly),
        share_at_least_after_costs=disclosure.share_at_least(yearly + cost),
        share_at_least_after_costs_bounds=disclosure.share_at_least_bounds(yearly + cost),
        company=disclosure.company,
        who_is_counted=disclosure.who_is_counted,
    )


# --------------------------------------------------------------- first year
#: YearOneCosts' old field names (before units came last) -> the new ones.
_OLD_COST_FIELDS = {
    "required_purchases_usd_per_month": "monthly_purchase_usd",
    "renewal_usd_per_year": "yearly_renewal_usd",
    "events_usd_per_year": "yearly_events_usd",
    "samples_usd_per_month": "monthly_samples_usd",
    "phone_usd_per_month": "monthly_phone_usd",
    "travel_usd_per_month": "monthly_travel_usd",
    "other_usd_per_year": "yearly_other_costs_usd",
}


@dataclass(frozen=True)
class YearOneCosts(Replaceable):
    """What the first year costs a recruit, in USD (each item 0 or more).

    Monthly items are ``monthly_<thing>_usd`` (paid twelve times), yearly ones
    ``yearly_<thing>_usd`` and the kit ``kit_usd`` (paid once). The old names
    (``required_purchases_usd_per_month``, ``renewal_usd_per_year``...) still work, with a
    ``FutureWarning``.

    Examples
    --------
    >>> YearOneCosts(kit_usd=99, monthly_purchase_usd=50).total_usd
    699.0
    >>> YearOneCosts(kit_usd=99).replace(yearly_renewal_usd=40).total_usd
    139.0
    """

    kit_usd: float = 0.0
    monthly_purchase_usd: float = 0.0
    yearly_renewal_usd: float = 0.0
    yearly_events_usd: float = 0.0
    monthly_samples_usd: float = 0.0
    monthly_phone_usd: float = 0.0
    monthly_travel_usd: float = 0.0
    yearly_other_costs_usd: float = 0.0

    def __post_init__(self) -> None:
        for name in self.__dataclass_fields__:
            object.__setattr__(self, name, check_non_negative(name, getattr(self, name), unit="USD"))

    def items(self) -> pd.DataFrame:
        """Each cost for the year, as a table (``item``, ``yearly_usd``; the old column name
        ``usd_per_year`` still works, with a ``FutureWarning``)."""
        labels = {
            "kit_usd": ("starter kit or package", 1),
            "monthly_purchase_usd": ("required purchases (autoship)", 12),
            "yearly_renewal_usd": ("renewal fee", 1),
            "yearly_events_usd": ("events and training", 1),
            "monthly_samples_usd": ("samples and catalogues", 12),
            "monthly_phone_usd": ("phone and internet", 12),
            "monthly_travel_usd": ("travel", 12),
            "yearly_other_costs_usd": ("other", 1),
        }
        rows = [(label, getattr(self, name) * factor) for name, (label, factor) in labels.items()]
        return RenamedColumnsFrame.wrap(pd.DataFrame(rows, columns=["item", "yearly_usd"]),
                                        {"usd_per_year": "yearly_usd"})

    @property
    def total_usd(self) -> float:
        """The year-one cost: the kit once plus twelve months and the yearly items."""
        return float(self.items()["yearly_usd"].sum())

    _old_fields = _OLD_COST_FIELDS
    required_purchases_usd_per_month = renamed_attribute("monthly_purchase_usd", old="required_purchases_usd_per_month")
    renewal_usd_per_year = renamed_attribute("yearly_renewal_usd", old="renewal_usd_per_year")
    events_usd_per_year = renamed_attribute("yearly_events_usd", old="events_usd_per_year")
    samples_usd_per_month = renamed_attribute("monthly_samples_usd", old="samples_usd_per_month")
    phone_usd_per_month = renamed_attribute("monthly_phone_usd", old="phone_usd_per_month")
    travel_usd_per_month = renamed_attribute("monthly_travel_usd", old="travel_usd_per_month")
    other_usd_per_year = renamed_attribute("yearly_other_costs_usd", old="other_usd_per_year")


YearOneCosts.__init__ = renamed_arguments(**_OLD_COST_FIELDS)(YearOneCosts.__init__)  # type: ignore[method-assign]


@dataclass(frozen=True)
class FirstYear:
    """A recruit's first year against a disclosure (see :func:`first_year`)."""

    costs: YearOneCosts
    year_one_cost_usd: float
    hours_per_week: float
    hours_per_year: float
    share_paid_nothing: float
    median_gross_usd: float
    mean_gross_usd: float
    chance_of_clearing_costs: float
    chance_of_clearing_costs_bounds: tuple[float, float]
    median_net_usd: float
    median_hourly_net_usd: float
    company: str
    who_is_counted: str

    median_net_usd_per_hour = renamed_attribute("median_hourly_net_usd", old="median_net_usd_per_hour")

    def to_frame(self) -> pd.DataFrame:
        """The first year as a readable table (measure, value)."""
        low, high = self.chance_of_clearing_costs_bounds
        per_hour = self.median_hourly_net_usd
        hourly = ("no hours planned" if not math.isfinite(per_hour)
                  else f"{format_usd(per_hour, cents=True)} an hour")
        rows = [
            ("year-one cost", usd(self.year_one_cost_usd)),
            ("median yearly gross pay (disclosed)", usd(self.median_gross_usd)),
            ("average yearly gross pay (disclosed)", usd(self.mean_gross_usd)),
            ("paid nothing (disclosed)", _percent(self.share_paid_nothing)),
            ("chance of clearing your costs", f"{_percent(self.chance_of_clearing_costs)} "
             f"(possible range {_percent(low)} to {_percent(high)})"),
            ("median net result", usd(self.median_net_usd)),
            (f"median net per hour at {counted(self.hours_per_week, 'hour')} a week", hourly),
        ]
        return ReadableTable(rows, columns=["measure", "value"])

    def to_text(self) -> str:
        """The first year as plain text lines (for the CLI and reports)."""
        lines = [f"Your first year{' with ' + self.company if self.company else ''}",
                 "Costs:"]
        for item, amount in self.costs.items().itertuples(index=False):
            if amount:
                lines.append(f"  {item:<34} {usd(amount):>14}")
        lines.append("Against the disclosed pay"
                     + (f" ({self.who_is_counted})" if self.who_is_counted else "") + ":")
        for measure, value in self.to_frame().itertuples(index=False):
            lines.append(f"  {measure:<50} {value}")
        lines.append("Disclosed pay is gross, before expenses, and mixes all years of "
                     "membership; first-year pay is usually lower. Education, not legal or "
                     "financial advice.")
        return "\n".join(lines) + "\n"


FirstYear.__init__ = renamed_arguments(  # type: ignore[method-assign]
    median_net_usd_per_hour="median_hourly_net_usd"
)(FirstYear.__init__)


def first_year(
    disclosure: Disclosure,
    costs: YearOneCosts,
    *,
    hours_per_week: float = 0.0,
) -> FirstYear:
    """A recruit's first year: year-one costs against the disclosed pay.

    The chance of clearing costs is the share of people whose disclosed gross pay was
    at least the year-one cost. The median net result is the disclosed median minus the
    cost; the hourly figure divides it by the hours planned over 52 weeks.

    Examples
    --------
    >>> d = from_brackets([0, 0, 1000], [0, 1000, 30000], shares=[0.6, 0.3, 0.1])
    >>> year = first_year(d, YearOneCosts(kit_usd=100, monthly_purchase_usd=50),
    ...                   hours_per_week=5)
    >>> year.year_one_cost_usd, round(year.chance_of_clearing_costs, 3), year.median_net_usd
    (700.0, 0.19, -700.0)
    >>> round(year.median_hourly_net_usd, 2)
    -2.69
    """
    if not isinstance(disclosure, Disclosure):
        raise fail("disclosure", disclosure, "build one with mlmkit.disclosure.from_brackets")
    if not isinstance(costs, YearOneCosts):
        raise fail("costs", costs, "build them with mlmkit.disclosure.YearOneCosts(...)")
    hours = check_non_negative("hours_per_week", hours_per_week, unit="hours")
    if hours > 168:
        raise fail("hours_per_week", hours, "a week has 168 hours")
    cost = costs.total_usd
    median = disclosure.median_usd()
    try:
        mean = disclosure.mean_usd()
    except MlmkitInputError:
        mean = float("nan")
    low, high = disclosure.share_at_least_bounds(cost)
    hours_per_year = hours * WEEKS_PER_YEAR
    net = median - cost
    return FirstYear(
        costs=costs,
        year_one_cost_usd=cost,
        hours_per_week=hours,
        hours_per_year=hours_per_year,
        share_paid_nothing=disclosure.share_paid_nothing,
        median_gross_usd=median,
        mean_gross_usd=mean,
        chance_of_clearing_costs=disclosure.share_at_least(cost) if cost > 0 else 1.0,
        chance_of_clearing_costs_bounds=(low, high) if cost > 0 else (1.0, 1.0),
        median_net_usd=net,
        median_hourly_net_usd=net / hours_per_year if hours_per_year > 0 else float("nan"),
        company=disclosure.company,
        who_is_counted=disclosure.who_is_counted,
    )


# ------------------------------------------------------------ profile adapter
#: Profile field paths renamed by issue 8 (new -> old), still read from a plain dict of answers.
_OLD_PROFILE_PATHS = {"income_disclosure.median_yearly_usd": "income_disclosure.median_annual_usd"}


def _answer(profile: Any, path: str) -> Any:
    """A profile's answer at ``path`` (``None`` if not given, "unknown" or not in its format)."""
    if isinstance(profile, dict) and path not in profile and _OLD_PROFILE_PATHS.get(path) in profile:
        warn_renamed(f"the profile field {_OLD_PROFILE_PATHS[path]}", path, stacklevel=5)
        path = _OLD_PROFILE_PATHS[path]
    try:
        value = profile[path]
    except (KeyError, TypeError, ValueError):
        return None
    return None if value is None or (isinstance(value, str) and value == "unknown") else value


def _check_profile(profile: Any) -> Any:
    """``profile`` if it is a company profile (or a mapping of answers by path)."""
    if isinstance(profile, dict) or hasattr(profile, "answers") or callable(getattr(profile, "year_one_cost", None)):
        return profile
    raise fail("profile", profile, "it must be a company profile (see mlmkit.scorecard.load_profile)")


def _first_answer(profile: Any, *paths: str) -> Any:
    for path in paths:
        value = _answer(profile, path)
        if value is not None:
            return value
    return None


def _exact(value: Any) -> float | None:
    """A plain number, or ``None`` for a range (``low``/``high``) or anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def from_profile(profile: Any) -> Disclosure:
    """The income disclosure a company profile (``mlmkit.scorecard``) states.

    Format 2 profiles may list the disclosure's brackets (``[[income_disclosure.brackets]]``
    with ``from_usd``, ``to_usd``, ``share`` and ``average_usd``); they are used as given,
    with a USD 0 bracket added from ``income_disclosure.share_paid_nothing`` when none is
    listed, and, when the listed shares add up to less than 1 and the last bracket has a
    top, an open bracket for the rest ("that much or more", average unknown). Otherwise the profile's two numbers, the
    share paid nothing and the median yearly gross pay (format 1:
    ``company.share_earning_nothing`` and ``company.median_annual_earnings_usd``), become
    brackets: exactly USD 0; more than 0 up to the median; the median or more (no upper
    limit, average unknown). That is all they say, so figures above the median come as
    ranges.

    Examples
    --------
    >>> from mlmkit.scorecard import load_profile
    >>> from mlmkit.datasets import data_path
    >>> d = from_profile(load_profile(data_path("companies", "evergreen_pantry.toml")))
    >>> d.share_paid_nothing, d.median_usd()
    (0.45, 820.0)
    >>> class Format2(dict):
    ...     pass
    >>> table = Format2({"company.name": "Example", "income_disclosure.share_paid_nothing": 0.5,
    ...     "income_disclosure.brackets": [{"from_usd": 0, "to_usd": 1000, "share": 0.4},
    ...                                    {"from_usd": 1000, "share": 0.1, "average_usd": 5000}]})
    >>> from_profile(table).brackets["yearly gross pay"].tolist()
    ['exactly USD 0', 'USD 0 to under USD 1,000', 'USD 1,000 or more']
    """
    profile = _check_profile(profile)
    name = str(_answer(profile, "company.name") or "")
    fictional = bool(_answer(profile, "company.fictional"))
    counts_inactive = _answer(profile, "income_disclosure.counts_inactive")
    who = {True: "everyone who joined, active or not", False: "only 'active' members"}.get(
        counts_inactive, "as the profile states") if isinstance(counts_inactive, bool) else \
        "as the profile states"
    participants = _exact(_answer(profile, "income_disclosure.participants"))
    year = _exact(_answer(profile, "income_disclosure.year"))
    label: dict[str, Any] = {
        "company": name, "fictional": fictional, "source": f"company profile: {name}",
        "who_is_counted": who, "participants": int(participants) if participants else None,
        "year": int(year) if year else None,
    }
    nothing_value = _first_answer(profile, "income_disclosure.share_paid_nothing",
                                  "company.share_earning_nothing")
    nothing = _exact(nothing_value)
    brackets = _answer(profile, "income_disclosure.brackets")
    if brackets:
        return _profile_brackets(brackets, nothing, label)
    if nothing is None:
        try:
            profile["income_disclosure.share_paid_nothing"]
            field_name = "income_disclosure.share_paid_nothing"  # format 2
        except (KeyError, TypeError, ValueError):
            field_name = "company.share_earning_nothing"  # format 1
        raise fail(field_name, "unknown",
                   "the profile does not say what share was paid nothing (and lists no "
                   "brackets), so there is no distribution to compare with; give --disclosure "
                   "(a data set or a CSV of brackets) instead")
    median = _exact(_first_answer(profile, "income_disclosure.median_yearly_usd",
                                  "company.median_annual_earnings_usd"))
    if median is None or nothing >= 0.5 or median <= 0:
        if nothing >= 1:
            return from_brackets([0], [0], shares=[1.0], **label)
        return from_brackets([0, 0], [0, None], shares=[nothing, 1 - nothing], **label)
    if nothing == 0:
        return from_brackets([0, median], [median, None], shares=[0.5, 0.5], **label)
    return from_brackets([0, 0, median], [0, median, None],
                         shares=[nothing, 0.5 - nothing, 0.5], **label)


def _profile_brackets(brackets: Any, nothing: float | None, label: dict[str, Any]) -> Disclosure:
    def order(item: Any) -> tuple[float, float]:
        top = item.get("to_usd")
        return float(item.get("from_usd") or 0.0), math.inf if top is None else float(top)

    rows = sorted(brackets, key=order)
    lows = [_exact(item.get("from_usd")) for item in rows]
    highs = [_exact(item.get("to_usd")) if item.get("to_usd") is not None else None
             for item in rows]
    shares = [_exact(item.get("share")) for item in rows]
    means = [_exact(item.get("average_usd")) if item.get("average_usd") is not None else None
             for item in rows]
    if any(value is None for value in lows + shares):
        raise fail("income_disclosure.brackets", list(brackets),
                   "every bracket needs a from_usd and a share (plain numbers)")
    low_usd = [float(value or 0.0) for value in lows]
    share = [float(value or 0.0) for value in shares]
    has_zero = any(low == 0 and high == 0 for low, high in zip(low_usd, highs, strict=True))
    if not has_zero and nothing is not None and sum(share) + nothing <= 1 + _SHARE_TOLERANCE:
        low_usd, highs, share, means = [0.0, *low_usd], [0.0, *highs], [nothing, *share], [0.0, *means]
    rest = 1.0 - sum(share)
    top = highs[-1]
    if rest > _SHARE_TOLERANCE and top is not None:
        # The disclosure lists only its lower brackets: the rest were paid at least the top
        # of the last one (a derived open bracket, average unknown).
        low_usd, highs, share, means = [*low_usd, top], [*highs, None], [*share, rest], [*means, None]
    return from_brackets(low_usd, highs, shares=share, means_usd=means, **label)


def costs_from_profile(profile: Any) -> YearOneCosts:
    """Year-one costs a company profile states (the cheapest way in; unknowns count as 0).

    A format 2 profile's :meth:`year_one_cost` gives the joining cost (kit or package
    and fees), the monthly required purchases and fees, and the yearly renewal; the
    lowest value of each range is used. A format 1 profile gives
    ``pay_plan.entry_fee_usd`` and ``pay_plan.starter_kit_usd`` (once) and
    ``pay_plan.monthly_purchase_usd``. :func:`unknown_cost_fields` lists what was unknown.

    Examples
    --------
    >>> from mlmkit.scorecard import load_profile
    >>> from mlmkit.datasets import data_path
    >>> costs_from_profile(load_profile(data_path("companies", "evergreen_pantry.toml"))).total_usd
    49.0
    """
    year_one_cost = getattr(_check_profile(profile), "year_one_cost", None)
    if callable(year_one_cost):
        cost = year_one_cost()
        return YearOneCosts(
            kit_usd=_finite_low(cost.joining),
            monthly_purchase_usd=_finite_low(cost.monthly),
            yearly_renewal_usd=_finite_low(cost.renewal),
        )
    entry = _exact(_answer(profile, "pay_plan.entry_fee_usd")) or 0.0
    kit = _exact(_answer(profile, "pay_plan.starter_kit_usd")) or 0.0
    monthly = _exact(_answer(profile, "pay_plan.monthly_purchase_usd")) or 0.0
    return YearOneCosts(kit_usd=entry + kit, monthly_purchase_usd=monthly)


def _finite_low(interval: Any) -> float:
    low = float(getattr(interval, "low", 0.0))
    return low if math.isfinite(low) and low > 0 else 0.0


def unknown_cost_fields(profile: Any) -> list[str]:
    """The profile's cost answers that are unknown (counted as 0 by :func:`costs_from_profile`)."""
    year_one_cost = getattr(_check_profile(profile), "year_one_cost", None)
    if callable(year_one_cost):
        return list(year_one_cost().missing)
    paths = ["pay_plan.entry_fee_usd", "pay_plan.starter_kit_usd", "pay_plan.monthly_purchase_usd"]
    return [path for path in paths if _answer(profile, path) is None]


def profile_money_lines(profile: Any, hours_per_week: float | None = None) -> list[str]:
    """The first-year numbers for a scorecard report, as sentences (empty if no disclosure).

    Examples
    --------
    >>> from mlmkit.scorecard import load_profile
    >>> from mlmkit.datasets import data_path
    >>> for line in profile_money_lines(load_profile(data_path("companies", "evergreen_pantry.toml"))):
    ...     print(line)
    Chance of clearing the year-one cost of USD 49, by the disclosed pay: 54.7% (possible range 50.0% to 55.0%).
    Median net result of the first year: USD 771 (the disclosed median pay minus the year-one cost).
    """
    _check_profile(profile)
    if hours_per_week is not None:
        hours_per_week = check_number("hours_per_week", hours_per_week, low=0, high=168, unit="hours")
    try:
        disclosed = from_profile(profile)
        costs = costs_from_profile(profile)
        year = first_year(disclosed, costs, hours_per_week=hours_per_week or 0.0)
    except MlmkitInputError:
        return []
    unknown = unknown_cost_fields(profile)
    at_least = " at least" if unknown else ""
    low, high = year.chance_of_clearing_costs_bounds
    chance = _percent(year.chance_of_clearing_costs)
    lines = [
        f"Chance of clearing the year-one cost of{at_least} {usd(year.year_one_cost_usd)}, by the "
        f"disclosed pay: {'at most ' if unknown and chance != 'not known' else ''}{chance} "
        f"(possible range {_percent(low)} to {_percent(high)}).",
        f"Median net result of the first year: {'at most ' if unknown else ''}"
        f"{usd(year.median_net_usd)} (the disclosed median pay minus the year-one cost).",
    ]
    if hours_per_week:
        lines.append(f"That is {usd(year.median_hourly_net_usd)} an hour at "
                     f"{counted(hours_per_week, 'hour')} a week.")
    return lines


def read_brackets_csv(path: Any, disclosure_id: str | None = None) -> Disclosure:
    """Read a CSV of brackets in the ``disclosure_brackets`` format (plain text, no code runs)."""
    from mlmkit import datasets

    columns = list(datasets.info("disclosure_brackets")["columns"])
    text = check_file_text("path", path)
    try:
        table = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as error:
        raise fail("disclosure CSV", str(path), f"it must be a readable CSV file ({error})") from None
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise fail("disclosure CSV", str(path), f"it lacks the columns {missing}")
    try:
        return from_table(table, disclosure_id)
    except (TypeError, ValueError) as error:
        if isinstance(error, MlmkitInputError):
            raise
        raise fail("disclosure CSV", str(path), f"its numbers could not be read ({error})") from None



# ------------------------------------------------------- published figures
_UNIT_FORMATS = {
    "percent": lambda v: f"{v:g}%",
    "USD": lambda v: format_usd(v, cents=v != round(v)),
    "USD per year": lambda v: format_usd(v, cents=v != round(v)) + " a year",
    "USD per month": lambda v: format_usd(v, cents=v != round(v)) + " a month",
    "USD billion": lambda v: f"USD {v:g} billion",
    "million people": lambda v: f"{v:g} million people",
    "million": lambda v: f"{v:g} million",
}


def format_figure(value: float, unit: str) -> str:
    """A published number with its unit, as a person reads it.

    Examples
    --------
    >>> format_figure(93.84, "percent"), format_figure(387372, "people")
    ('93.84%', '387,372 people')
    >>> format_figure(580.08, "USD per year"), format_figure(1200, "USD")
    ('USD 580.08 a year', 'USD 1,200')
    """
    value = check_number("value", value)
    unit = check_text("unit", unit, allow_empty=False)
    if unit in _UNIT_FORMATS:
        return _UNIT_FORMATS[unit](value)
    number = f"{value:,.0f}" if value == round(value) else f"{value:,g}"
    return f"{number} {unit}"


def published_figures(name: str, *, include_unverified: bool = False) -> pd.DataFrame:
    """A published-figures data set as a readable table: the figure, what it is, the source.

    Rows tagged ``unverified`` are left out unless ``include_unverified=True``; then
    their figure is marked "UNVERIFIED (a lead, not a fact)".

    Examples
    --------
    >>> table = published_figures("ftc_ids_report_2024")
    >>> table.loc[1, "figure"]
    'USD 1,000 a year'
    >>> len(published_figures("surveys", include_unverified=True)) - len(published_figures("surveys"))
    1
    """
    from mlmkit import datasets

    include_unverified = check_bool("include_unverified", include_unverified)
    table = datasets.load(name)
    needed = {"value", "unit", "verification", "where_read"}
    if not needed <= set(table.columns):
        raise fail("name", name, "it must be a published-figures data set (with value and unit)")
    if not include_unverified:
        table = table[table["verification"] != "unverified"]
    what = next(column for column in ("metric", "what") if column in table.columns)
    source = next(column for column in ("study", "report", "case", "disclosure")
                  if column in table.columns)
    who = next((column for column in ("sample", "who", "who_is_counted") if column in table.columns),
               None)
    figures = [
        ("UNVERIFIED (a lead, not a fact): " if check == "unverified" else "")
        + format_figure(value, unit)
        for value, unit, check in zip(table["value"], table["unit"], table["verification"],
                                      strict=True)
    ]
    readable = ReadableTable({
        "figure": figures,
        "what": table[what].to_numpy(),
        "who": table[who].to_numpy() if who else "",
        "in the source's words": table["wording"].fillna("").to_numpy()
        if "wording" in table.columns else "",
        "source": table[source].to_numpy(),
        "how sure": table["verification"].to_numpy(),
        "where it was read": table["where_read"].to_numpy(),
    })
    return readable.reset_index(drop=True)
