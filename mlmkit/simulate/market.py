"""A finite market, month by month: who is approached, who joins, who buys, who quits.

The market is a town, a country or the world: ``market_size`` people, numbered
``0 .. market_size - 1``. The founders are members from month 0 (member 0 at the top,
the rest of the founding team one level below, so the tree has one root). Every month each
active member approaches some people chosen at random from the whole market. A
person can be approached only once: if they are already a member, a customer or said
no before, the approach is wasted. So the pool of people not yet approached shrinks,
and recruiting slows by itself when the market runs out of people (saturation). No
special rule is needed for it.

An approached person joins (with ``join_probability``), or becomes a retail customer of
the member who approached them (``customer_probability`` of those who did not join), or
says no. Members pay an entry fee and a starter kit when they join and the required
purchase every month, plus their other costs of doing business (events, travel,
marketing). They keep a retail margin on what their customers buy. The pay plan
(any object with ``pay(network, volumes)``, e.g. :class:`mlmkit.plans.UnilevelPlan`)
pays commissions each month on the members' volumes. Members quit at random, and more
often in a month in which they lost money; a member who quits stops buying,
recruiting and being paid, and their customers are lost.

Every month the money is checked: what customers and members paid in equals what
members were paid, plus retail margins, plus what the company kept (breakage
included). :class:`mlmkit.plans.MoneyNotConservedError` is raised otherwise.

The model counts required purchases at full price as a cost, as the FTC does when
purchases are made to qualify for pay (``ftc_mlm_guidance``); a member who would have
bought the product anyway can read their "purchases" column as value received.

This is education, not legal or financial advice. Example plans are fictional.

Examples
--------
>>> from mlmkit.plans import UnilevelPlan
>>> settings = MarketSettings(market_size=2_000, months=12)
>>> result = simulate_market(UnilevelPlan(level_rates=(0.2, 0.1)), settings, seed=1)
>>> result.monthly["month"].tolist()[:3]
[0, 1, 2]
>>> int(result.monthly["members_ever"].iloc[-1]) == len(result.members)
True
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from mlmkit._compat import RenamedColumnsFrame, warn_renamed
from mlmkit._display import counted, escape_text, format_usd
from mlmkit._validation import check_bool, check_instance, check_int, check_seed, fail
from mlmkit.network import INDEX_DTYPE, Network
from mlmkit.plans import MoneyNotConservedError, PayoutResult, Volumes
from mlmkit.plans.engine import Plan
from mlmkit.plans.result import money_difference, money_tolerance
from mlmkit.plans.rules import AMWAY_MIN_RETAIL_CUSTOMERS
from mlmkit.simulate.settings import MarketSettings

__all__ = ["Plan", "SimulationResult", "check_memory", "memory_needed_bytes", "simulate_market"]

#: Old column names of the result's tables (they keep working, with a FutureWarning): old -> new.
OLD_COLUMNS = {
    "commissions_usd": "total_paid_usd",
    "pay_from_retail_usd": "paid_from_retail_usd",
    "paid_to_members_usd": "total_paid_usd",
    "pay_with_10_customers_usd": "paid_with_10_customers_usd",
}

#: Customers a member needs in a month to pass the Amway "10 retail customers" benchmark.
_TEN_CUSTOMERS = AMWAY_MIN_RETAIL_CUSTOMERS


# ---------------------------------------------------------------------- results
@dataclass(frozen=True, eq=False)
class SimulationResult:
    """What happened in a simulated market.

    Attributes
    ----------
    plan_name : str
        The plan's name.
    settings : MarketSettings
        The settings used.
    seed : int or None
        The seed, if an int was given.
    members : pandas.DataFrame
        One row per person who ever joined, in joining order: ``member_id``,
        ``sponsor_id`` (``<NA>`` for member 0, the top founder), ``level``, ``join_month``, ``quit_month``
        (``<NA>`` while still a member, a nullable ``Int32``), ``months_active``, ``recruits``, ``customers_won``, and the
        money over the whole run in USD: ``total_paid_usd``, ``paid_from_retail_usd`` (the
        part of the commissions funded by outside customers), ``paid_with_10_customers_usd``
        (pay earned in months with 10 or more customers), ``retail_margin_usd``,
        ``customer_sales_usd`` (what the member's customers paid at retail),
        ``entry_fee_usd``, ``starter_kit_usd``, ``purchases_usd`` and ``other_costs_usd``.
    monthly : pandas.DataFrame
        One row per month (0 = the founders alone): ``approaches`` made,
        ``new_people_reached`` (approaches to someone not approached before) and
        ``share_of_approaches_wasted``, people approached and never approached so far,
        new members, quits, active members, customers, the money in
        (``customer_spend_usd``, ``member_fees_usd``, ``member_purchases_usd``) and out
        (``total_paid_usd``, ``paid_from_retail_usd``, ``retail_margin_usd``,
        ``breakage_usd``, ``company_keeps_usd``, ``product_cost_usd``,
        ``other_costs_usd``).
    network : mlmkit.network.Network
        The final sponsor tree of everyone who joined.
    member_months : pandas.DataFrame or None
        With ``track_members=True``: one row per member per month they were active:
        ``member_id``, ``month``, ``total_paid_usd``, ``retail_margin_usd``,
        ``fees_usd`` (entry fee and kit), ``purchases_usd``, ``other_costs_usd`` and
        ``net_usd`` for that month. None otherwise (it grows with members x months).
    """

    plan_name: str
    settings: MarketSettings
    seed: int | None
    members: pd.DataFrame
    monthly: pd.DataFrame
    network: Network
    member_months: pd.DataFrame | None = None

    def __post_init__(self) -> None:
        # same data, not copied: old column names keep working for a release
        for name in ("members", "monthly", "member_months"):
            frame = getattr(self, name)
            if frame is not None:
                object.__setattr__(self, name, RenamedColumnsFrame.wrap(frame, OLD_COLUMNS))

    def summary(self) -> pd.Series:
        """The whole run's money, summed over months (USD), plus head counts.

        Names are the monthly table's money columns, then ``members_ever`` and
        ``market_size``; the Series is named after the plan.

        Examples
        --------
        >>> from mlmkit.plans import UnilevelPlan
        >>> result = simulate_market(UnilevelPlan(), MarketSettings(market_size=300, months=6), seed=2)
        >>> "company_keeps_usd" in result.summary().index
        True
        """
        money = [column for column in self.monthly.columns if column.endswith("_usd")]
        totals = pd.DataFrame(self.monthly)[money].sum()
        totals["members_ever"] = len(self.members)
        totals["market_size"] = self.settings.market_size
        totals.name = self.plan_name
        return totals

    def totals(self) -> pd.Series:
        """Old name of :meth:`summary` (warns ``FutureWarning``)."""
        warn_renamed("SimulationResult.totals()", "SimulationResult.summary()")
        return self.summary()

    def _repr_html_(self) -> str:
        last = self.monthly.iloc[-1]
        return (
            f"<h4>Simulated market: {escape_text(self.plan_name)}</h4>"
            f"<p>{counted(self.settings.market_size, 'person', 'people')}, {counted(self.settings.months, 'month')}, seed "
            f"{self.seed}. {len(self.members):,} joined; {int(last['active_members']):,} still "
            f"active at the end; {last['share_approached']:.0%} of the market was approached.</p>"
        )


# ------------------------------------------------------------------ simulation
def simulate_market(
    plan: Plan,
    settings: MarketSettings | None = None,
    *,
    seed: int | np.random.Generator | None = None,
    track_members: bool = False,
) -> SimulationResult:
    """Run the market month by month under ``plan``.

    Parameters
    ----------
    plan : Plan
        Any pay plan object with ``name`` and ``pay(network, volumes)``.
    settings : MarketSettings, optional
        The market (defaults: ``MarketSettings()``).
    seed : int or numpy.random.Generator
        Seed for every random draw (pass one for reproducible runs).
    track_members : bool
        Also keep every member's month-by-month money (``result.member_months``). Its
        size grows with members x months, so leave it off for big markets.

    Returns
    -------
    SimulationResult

    Raises
    ------
    mlmkit.plans.MoneyNotConservedError
        If in any month a dollar was lost or created.

    Examples
    --------
    >>> from mlmkit.simulate.presets import recruitment_fee_plan
    >>> plan, settings = recruitment_fee_plan()
    >>> result = simulate_market(plan, settings.replace(market_size=5_000), seed=7)
    >>> bool(result.monthly["new_members"].iloc[-1] < result.monthly["new_members"].max())
    True
    """
    if settings is None:
        settings = MarketSettings()
    if not isinstance(settings, MarketSettings):
        raise fail("settings", settings, "it must be a MarketSettings object")
    if not callable(getattr(plan, "pay", None)):
        raise fail("plan", plan, "it must be a pay plan with a pay(network, volumes) method")
    track_members = check_bool("track_members", track_members)
    seed = check_seed("seed", seed)
    check_memory(settings)
    rng = np.random.default_rng(seed)
    return _Market(plan, settings, rng, seed if isinstance(seed, int) else None, track_members).run()


#: Bytes the simulation holds per person in the market (approached flag, contact slot).
BYTES_PER_PERSON = 9
#: Bytes per member at the peak of a month: member arrays while they double, the month's
#: money arrays and the plan's payout table (measured: about 310 per member, contacts included, when all of a 1,000,000
#: market joins; twice that here as a margin).
BYTES_PER_MEMBER = 600
#: Bytes per approach made in a month (targets, who approached, shuffles, first-contact marks).
BYTES_PER_CONTACT = 64


def memory_needed_bytes(settings: MarketSettings) -> int:
    """An upper estimate of the memory :func:`simulate_market` may need for ``settings``.

    Assumes the worst case the settings allow: if anyone can join, everyone in the market
    may (it is a bound, not a forecast), each making ``contacts_per_month`` approaches a month.

    Examples
    --------
    >>> memory_needed_bytes(MarketSettings(market_size=1_000_000)) // 10**6
    961
    """
    check_instance("settings", settings, MarketSettings, "it must be a MarketSettings object")
    can_join = settings.join_probability > 0 and settings.contacts_per_month > 0
    members = settings.market_size if can_join else settings.founders
    contacts = members * settings.contacts_per_month * 1.1  # Poisson draws run a little over
    return int(
        settings.market_size * BYTES_PER_PERSON
        + members * BYTES_PER_MEMBER
        + contacts * BYTES_PER_CONTACT
    )


def memory_available_bytes() -> int:
    """Memory the operating system says is available now (total memory if it cannot say)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 2**62  # unknown: do not refuse


def check_memory(settings: MarketSettings, available_bytes: int | None = None) -> None:
    """Refuse, before allocating anything, settings whose run cannot fit in memory.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        Naming the settings that make the run too big and what to change.

    Examples
    --------
    >>> check_memory(MarketSettings(market_size=1_000), available_bytes=10**9)
    >>> check_memory(MarketSettings(market_size=50_000_000, join_probability=1.0), available_bytes=16 * 2**30)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: market_size, join_probability, contacts_per_month = (50000000, 1.0, 5.0) is not allowed: up to 50,000,000 members ... 48 GB ...
    """
    needed = memory_needed_bytes(settings)
    available = (
        memory_available_bytes() if available_bytes is None else check_int("available_bytes", available_bytes, low=0)
    )
    if needed <= available:
        return
    can_join = settings.join_probability > 0 and settings.contacts_per_month > 0
    members = settings.market_size if can_join else settings.founders
    raise fail(
        "market_size, join_probability, contacts_per_month",
        (settings.market_size, settings.join_probability, settings.contacts_per_month),
        f"up to {members:,} members could join and simulating them needs up to about "
        f"{needed / 1e9:,.0f} GB of memory, but {available / 1e9:,.0f} GB is available; use a "
        "smaller market_size, a lower join_probability or fewer contacts_per_month",
    )


_MONEY = (
    "total_paid_usd",
    "paid_from_retail_usd",
    "paid_with_10_customers_usd",
    "retail_margin_usd",
    "customer_sales_usd",
    "entry_fee_usd",
    "starter_kit_usd",
    "purchases_usd",
    "other_costs_usd",
)

#: dtype and fill value of each member array (``sponsor = -1``: no sponsor yet).
_MEMBER_LAYOUT: dict[str, tuple[type[np.generic], int | bool]] = {
    "sponsor": (INDEX_DTYPE, -1),
    "level": (np.int32, 0),
    "join_month": (np.int32, 0),
    "quit_month": (np.int32, -1),
    "active": (np.bool_, False),
    "months_active": (np.int32, 0),
    "recruits": (np.int64, 0),
    "customers": (np.int64, 0),
    "customers_won": (np.int64, 0),
}


@dataclass(frozen=True)
class _MemberArrays:
    """One entry per member (room for ``capacity`` members; the first ``n`` are in use).

    A typed holder, so the type checker knows every array the simulation keeps.
    """

    sponsor: np.ndarray
    level: np.ndarray
    join_month: np.ndarray
    quit_month: np.ndarray
    active: np.ndarray
    months_active: np.ndarray
    recruits: np.ndarray
    customers: np.ndarray
    customers_won: np.ndarray

    @classmethod
    def empty(cls) -> _MemberArrays:
        """Arrays with room for nobody yet."""
        return cls(**{name: np.full(0, fill, dtype=dtype) for name, (dtype, fill) in _MEMBER_LAYOUT.items()})

    def grown(self, capacity: int) -> _MemberArrays:
        """A copy with room for ``capacity`` members, the existing entries kept."""
        arrays = {}
        for item in fields(self):
            dtype, fill = _MEMBER_LAYOUT[item.name]
            old = getattr(self, item.name)
            new = np.full(capacity, fill, dtype=dtype)
            new[: len(old)] = old
            arrays[item.name] = new
        return _MemberArrays(**arrays)


class _Market:
    """The state of one run (arrays over people and members) and the monthly step."""

    def __init__(
        self, plan: Plan, settings: MarketSettings, rng: np.random.Generator, seed: int | None, track: bool
    ):
        self.plan = plan
        self.s = settings
        self.rng = rng
        self.seed = seed
        self.track = track
        self.tracked: list[dict[str, np.ndarray]] = []
        size = settings.market_size
        founders = settings.founders
        self.approached = np.zeros(size, dtype=bool)
        self.approached[:founders] = True
        self.slot = np.empty(size, dtype=np.int64)  # scratch: which contact reached a person
        self.n = founders
        # Member arrays grow with the membership (doubling), not with the market, so a
        # market of millions with few members stays small in memory.
        self.capacity = 0
        self.members = _MemberArrays.empty()
        self.money: dict[str, np.ndarray] = {}
        self._grow(max(founders, 1024))
        self.members.active[:founders] = True
        # One root, as mlmkit.network requires: the founding team sits under member 0.
        self.members.sponsor[1:founders] = 0
        self.members.level[1:founders] = 1
        self.members.recruits[0] = founders - 1
        self.rows: list[dict[str, float]] = []

    def _grow(self, needed: int) -> None:
        """Make room for ``needed`` members (at most the whole market)."""
        if needed <= self.capacity:
            return
        capacity = min(self.s.market_size, max(needed, 2 * self.capacity))
        self.members = self.members.grown(capacity)
        for name in _MONEY:
            grown = np.zeros(capacity)
            if name in self.money:
                grown[: self.capacity] = self.money[name]
            self.money[name] = grown
        self.capacity = capacity

    # -------------------------------------------------------------- one month
    def run(self) -> SimulationResult:
        self._record(month=0, new=0, quits=0, contacts=(0, 0), ledger=_empty_ledger())
        for month in range(1, self.s.months + 1):
            approaches, reached, new = self._approach(month)
            ledger, month_net = self._pay(month, new)
            quits = self._quit(month, month_net)
            self._record(month, new, quits, (approaches, reached), ledger)
        return self._result()

    def _approach(self, month: int) -> tuple[int, int, int]:
        """Active members approach people; some join, some become customers."""
        s, rng, n = self.s, self.rng, self.n
        can_recruit = self.members.active[:n].copy()
        if s.recruiting_months is not None:
            can_recruit &= month - self.members.join_month[:n] <= s.recruiting_months
        recruiters = np.flatnonzero(can_recruit)
        if s.contacts_vary:
            counts = rng.poisson(s.contacts_per_month, len(recruiters))
        else:
            whole = math.floor(s.contacts_per_month)
            counts = whole + (rng.random(len(recruiters)) < s.contacts_per_month - whole)
        contacter = np.repeat(recruiters, counts)
        total = len(contacter)
        if total == 0:
            return 0, 0, 0
        targets = rng.integers(0, s.market_size, total)
        # Approaches to someone approached in an earlier month are wasted.
        fresh = ~self.approached[targets]
        targets, contacter = targets[fresh], contacter[fresh]
        # Shuffle what is left, so that when two members approach the same person in the
        # same month either may be first, and newcomers join in a random order.
        shuffle = rng.permutation(len(targets))
        targets, contacter = targets[shuffle], contacter[shuffle]
        # One approach per person: the last contact that reached a person "wins" the slot.
        order = np.arange(len(targets))
        self.slot[targets] = order
        first = self.slot[targets] == order
        targets, contacter = targets[first], contacter[first]
        self.approached[targets] = True
        draw = rng.random(len(targets))
        joins = draw < s.join_probability
        becomes_customer = ~joins & (
            draw < s.join_probability + (1.0 - s.join_probability) * s.customer_probability
        )
        won = np.bincount(contacter[becomes_customer], minlength=n)
        self.members.customers[:n] += won
        self.members.customers_won[:n] += won
        sponsors = contacter[joins]
        new = len(sponsors)
        if new:
            self._grow(n + new)
            rows = slice(n, n + new)
            self.members.sponsor[rows] = sponsors
            self.members.level[rows] = self.members.level[sponsors] + 1
            self.members.join_month[rows] = month
            self.members.active[rows] = True
            self.members.recruits[:n] += np.bincount(sponsors, minlength=n)
            self.n = n + new
        return total, len(targets), new

    def _pay(self, month: int, new: int) -> tuple[dict[str, float], np.ndarray]:
        """Customers buy, members buy and pay fees, the plan pays; check the money."""
        s, n = self.s, self.n
        active = self.members.active[:n]
        customers = self.members.customers[:n]
        if s.customer_monthly_quit_probability > 0:
            customers[:] = self.rng.binomial(customers, 1.0 - s.customer_monthly_quit_probability)
        customers[~active] = 0
        joined_now = np.zeros(n, dtype=bool)
        joined_now[n - new :] = True
        customer_spend = customers * s.customer_spend_usd
        margin = customer_spend * s.retail_margin
        wholesale = customer_spend - margin
        fees = joined_now * s.entry_fee_usd
        kits = joined_now * s.starter_kit_usd
        purchases = active * s.monthly_purchase_usd
        own = fees + kits + purchases
        other = active * s.monthly_other_costs_usd
        # one switch: the plan's PayRules(pay_only_on_retail=True) (or the deprecated pay_on)
        rules = getattr(self.plan, "rules", None)
        retail_only = s.pay_on == "retail only" or bool(getattr(rules, "pay_only_on_retail", False))
        commissionable_own = np.zeros(n) if retail_only else own
        network = _network(self.members.sponsor[:n], self.members.level[:n])
        result = self.plan.pay(network, Volumes(wholesale, commissionable_own))
        result.check()
        plan_pay = result.members["total_paid_usd"].to_numpy(dtype=np.float64)
        from_retail = result.members["paid_from_retail_usd"].to_numpy(dtype=np.float64)
        pay = np.where(active, plan_pay, 0.0)  # members who quit are not paid: breakage
        forfeited = float(plan_pay.sum() - pay.sum())
        from_retail = np.where(active, from_retail, 0.0)

        money = self.money
        money["total_paid_usd"][:n] += pay
        money["paid_from_retail_usd"][:n] += from_retail
        money["paid_with_10_customers_usd"][:n] += np.where(customers >= _TEN_CUSTOMERS, pay, 0.0)
        money["retail_margin_usd"][:n] += margin
        money["customer_sales_usd"][:n] += customer_spend
        money["entry_fee_usd"][:n] += fees
        money["starter_kit_usd"][:n] += kits
        money["purchases_usd"][:n] += purchases
        money["other_costs_usd"][:n] += other
        if self.track:
            self._track(month, active, pay, margin, fees + kits, purchases, other)
        self.members.months_active[:n] += active

        revenue = float(wholesale.sum() + own.sum())
        paid = float(pay.sum())
        breakage = float(result.breakage_usd) + forfeited
        outside_pool = revenue - float(result.pool_usd)
        ledger = {
            "customer_spend_usd": float(customer_spend.sum()),
            "member_fees_usd": float(fees.sum() + kits.sum()),
            "member_purchases_usd": float(purchases.sum()),
            "total_paid_usd": paid,
            "paid_from_retail_usd": float(from_retail.sum()),
            "retail_margin_usd": float(margin.sum()),
            "breakage_usd": breakage,
            "company_keeps_usd": breakage + outside_pool,
            "product_cost_usd": s.product_cost_share * float(wholesale.sum() + kits.sum() + purchases.sum()),
            "other_costs_usd": float(other.sum()),
        }
        _check_month(month, ledger, result)
        month_net = pay + margin - own - other
        return ledger, month_net

    def _track(self, month: int, active: np.ndarray, *amounts: np.ndarray) -> None:
        """Keep this month's money for every active member (``track_members=True``)."""
        who = np.flatnonzero(active)
        names = ("total_paid_usd", "retail_margin_usd", "fees_usd", "purchases_usd", "other_costs_usd")
        row: dict[str, np.ndarray] = {"member_id": who, "month": np.full(len(who), month, dtype=np.int32)}
        row.update({name: values[who] for name, values in zip(names, amounts, strict=True)})
        self.tracked.append(row)

    def _quit(self, month: int, month_net: np.ndarray) -> int:
        """Members who joined before this month may quit; losing money makes it likelier."""
        s, n = self.s, self.n
        chance = s.monthly_quit_probability + s.quit_probability_when_losing * (month_net < 0)
        eligible = self.members.active[:n] & (self.members.join_month[:n] < month)
        eligible[: s.founders] = False  # the founders run the company: they stay
        quits = eligible & (self.rng.random(n) < np.minimum(chance, 1.0))
        self.members.active[:n] &= ~quits
        self.members.quit_month[:n][quits] = month
        self.members.customers[:n][quits] = 0
        return int(quits.sum())

    def _record(
        self, month: int, new: int, quits: int, contacts: tuple[int, int], ledger: dict[str, float]
    ) -> None:
        approaches, reached = contacts
        n = self.n
        approached = int(self.approached.sum())
        self.rows.append(
            {
                "month": month,
                "approaches": approaches,
                "new_people_reached": reached,
                "share_of_approaches_wasted": 1.0 - reached / approaches if approaches else 0.0,
                "people_approached": approached,
                "never_approached": self.s.market_size - approached,
                "share_approached": approached / self.s.market_size,
                "new_members": new,
                "quits": quits,
                "active_members": int(self.members.active[:n].sum()),
                "members_ever": n,
                "customers": int(self.members.customers[:n].sum()),
                **ledger,
            }
        )

    def _result(self) -> SimulationResult:
        n = self.n
        members = pd.DataFrame(
            {
                "member_id": np.arange(n),
                "sponsor_id": _sponsor_ids(self.members.sponsor[:n]),
                "level": self.members.level[:n],
                "join_month": self.members.join_month[:n],
                "quit_month": _missing_below_zero(self.members.quit_month[:n], "Int32"),
                "months_active": self.members.months_active[:n],
                "recruits": self.members.recruits[:n],
                "customers_won": self.members.customers_won[:n],
                **{name: values[:n] for name, values in self.money.items()},
            }
        )
        monthly = pd.DataFrame(self.rows)
        return SimulationResult(
            plan_name=self.plan.name,
            settings=self.s,
            seed=self.seed,
            members=members,
            monthly=monthly,
            network=_network(self.members.sponsor[:n], self.members.level[:n]),
            member_months=self._member_months() if self.track else None,
        )

    def _member_months(self) -> pd.DataFrame:
        columns = ("member_id", "month", "total_paid_usd", "retail_margin_usd", "fees_usd",
                   "purchases_usd", "other_costs_usd")
        if not self.tracked:
            return pd.DataFrame({name: [] for name in (*columns, "net_usd")})
        frame = pd.DataFrame(
            {name: np.concatenate([row[name] for row in self.tracked]) for name in columns}
        )
        frame["net_usd"] = (
            frame["total_paid_usd"] + frame["retail_margin_usd"]
            - frame["fees_usd"] - frame["purchases_usd"] - frame["other_costs_usd"]
        )
        return frame


def _sponsor_ids(sponsor: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Sponsor ids with the founder's missing (``<NA>``, as in every mlmkit table; ``Int32``, as
    for every network of numbered members)."""
    return _missing_below_zero(sponsor, "Int32")


def _missing_below_zero(values: np.ndarray, dtype: str) -> pd.api.extensions.ExtensionArray:
    """A nullable integer column: the engine's ``-1`` ("none") becomes ``<NA>``, as in every mlmkit table.

    Examples
    --------
    >>> _missing_below_zero(np.array([-1, 3], dtype=np.int32), "Int32").tolist()
    [<NA>, 3]
    """
    numpy_dtype = np.int64 if dtype == "Int64" else np.int32
    return pd.arrays.IntegerArray(np.where(values < 0, 0, values).astype(numpy_dtype), values < 0)


def _empty_ledger() -> dict[str, float]:
    names = (
        "customer_spend_usd",
        "member_fees_usd",
        "member_purchases_usd",
        "total_paid_usd",
        "paid_from_retail_usd",
        "retail_margin_usd",
        "breakage_usd",
        "company_keeps_usd",
        "product_cost_usd",
        "other_costs_usd",
    )
    return dict.fromkeys(names, 0.0)


def _network(sponsor: np.ndarray, level: np.ndarray) -> Network:
    """A Network over the members so far (member 0 under the sentinel), levels known."""
    size = len(sponsor)
    parent = np.empty(size + 1, dtype=INDEX_DTYPE)
    parent[:size] = sponsor
    parent[:size][sponsor < 0] = size
    parent[size] = size
    # The levels are already known (a recruit sits one level below their sponsor), so
    # they are not recomputed by pointer doubling.
    return Network.from_trusted_arrays(parent, level=level)


def _check_month(month: int, ledger: dict[str, float], result: PayoutResult) -> None:
    """Money in (customers + members) = paid + retail margins + kept by the company."""
    money_in = ledger["customer_spend_usd"] + ledger["member_fees_usd"] + ledger["member_purchases_usd"]
    money_out = ledger["total_paid_usd"] + ledger["retail_margin_usd"] + ledger["company_keeps_usd"]
    tolerance = money_tolerance(len(result.members), money_in, money_out, result.pool_usd)
    paid_total = ledger["total_paid_usd"] + ledger["breakage_usd"]
    problems = []
    if abs(money_difference(money_in, -money_out)) > tolerance:
        problems.append(f"money in {format_usd(money_in, cents=True)} != money out {format_usd(money_out, cents=True)}")
    if abs(money_difference(paid_total, -result.pool_usd)) > tolerance:
        problems.append(f"paid + breakage {format_usd(paid_total, cents=True)} != the plan's pool "
                        f"{format_usd(result.pool_usd, cents=True)}")
    if ledger["company_keeps_usd"] < -tolerance:
        problems.append("the company kept a negative amount")
    if problems:
        raise MoneyNotConservedError(f"month {month}: " + "; ".join(problems))
