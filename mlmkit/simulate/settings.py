"""The market's settings: size, habits and costs, in plain words with units.

Examples
--------
>>> MarketSettings(market_size=1_000).replace(months=12).months
12
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from mlmkit._compat import Replaceable, renamed_arguments, renamed_attribute, warn_renamed
from mlmkit._display import counted
from mlmkit._validation import (
    check_bool,
    check_choice,
    check_instance,
    check_int,
    check_non_negative,
    check_number,
    check_probability,
    fail,
)
from mlmkit.network import MAX_MEMBERS

__all__ = ["PAY_ON_CHOICES", "MarketSettings", "settings_differences", "settings_table"]

#: The deprecated spellings of what a plan pays on (``MarketSettings.pay_on``). "Pay only on
#: retail" is one switch, ``PayRules(pay_only_on_retail=True)`` on the plan
#: (:class:`mlmkit.regulations.PayRules`); ``pay_on="retail only"`` still works, with a
#: ``FutureWarning``.
PAY_ON_CHOICES = ("all volume", "retail only")


@dataclass(frozen=True)
class MarketSettings(Replaceable):
    """The market and the members' habits and costs, in plain words with units.

    Parameters
    ----------
    market_size : int
        People in the market, founders included (1 .. 50,000,000).
    founders : int
        Members at month 0 (1 .. market_size): the first distributor (member 0, the top of
        the tree) and the founding team they signed up (members 1 .. founders - 1, one
        level below). Founders never quit.
    months : int
        Months to simulate (1 .. 600).
    contacts_per_month : float
        People each active member approaches in a month, on average (0 .. 1,000).
    contacts_vary : bool
        True: the number of approaches is random (Poisson) around the average. False:
        everyone approaches exactly that many (the textbook chain).
    recruiting_months : int or None
        How many months after joining a member keeps approaching people (None: as long
        as they stay).
    join_probability : float
        Chance that an approached person joins (0..1).
    customer_probability : float
        Chance that an approached person who does not join becomes a monthly retail
        customer of the member who approached them (0..1).
    customer_spend_usd : float
        What one retail customer spends per month, at retail price.
    retail_margin : float
        Share of the retail price the member keeps as profit on a customer's purchase
        (0..1); the rest is paid to the company at wholesale.
    customer_monthly_quit_probability : float
        Chance that a customer stops buying in a given month (0..1).
    entry_fee_usd : float
        Paid to the company once, on joining.
    starter_kit_usd : float
        Paid once, on joining (the BBB found a median kit of USD 99, ``bbb_starter_kit``).
    monthly_purchase_usd : float
        Purchase each member must make every month to stay active and qualify for pay.
    monthly_other_costs_usd : float
        Each member's other costs of doing business per month (events, travel,
        marketing, samples), paid to third parties, not to the company. Old name:
        ``other_costs_usd_per_month`` (warns ``FutureWarning``).
    product_cost_share : float
        Share of the company's product revenue spent making the product (0..1). Fees
        have no product cost.
    monthly_quit_probability : float
        Chance that a member quits in any month after joining (0..1). Founders stay.
    quit_probability_when_losing : float
        Extra chance of quitting in a month in which the member lost money (0..1).
    pay_on : {None, "all volume", "retail only"}
        Deprecated (``FutureWarning``): whether the plan pays only on sales to outside
        customers is one switch, the plan's ``PayRules(pay_only_on_retail=True)``. ``None``
        (the default) lets the plan's rules decide; ``"retail only"`` still switches
        retail-only pay on for the run.

    Examples
    --------
    >>> MarketSettings(market_size=1_000).months
    36
    >>> MarketSettings(join_probability=1.2)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: join_probability = 1.2 is not allowed: it must be a probability between 0 and 1.
    >>> MarketSettings(market_size=3, founders=5)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: market_size = 3 is not allowed: the market must hold at least the 5 founders.
    """

    market_size: int = 100_000
    founders: int = 10
    months: int = 36
    contacts_per_month: float = 5.0
    contacts_vary: bool = True
    recruiting_months: int | None = None
    join_probability: float = 0.08
    customer_probability: float = 0.10
    customer_spend_usd: float = 40.0
    retail_margin: float = 0.25
    customer_monthly_quit_probability: float = 0.10
    entry_fee_usd: float = 0.0
    starter_kit_usd: float = 99.0
    monthly_purchase_usd: float = 50.0
    monthly_other_costs_usd: float = 25.0
    product_cost_share: float = 0.30
    monthly_quit_probability: float = 0.03
    quit_probability_when_losing: float = 0.10
    pay_on: str | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        market = check_int("market_size", self.market_size, low=1, high=MAX_MEMBERS)
        founders = check_int("founders", self.founders, low=1)
        if founders > market:
            raise fail(
                "market_size", self.market_size, f"the market must hold at least the {counted(founders, 'founder')}"
            )
        set_(self, "market_size", market)
        set_(self, "founders", founders)
        set_(self, "months", check_int("months", self.months, low=1, high=600))
        set_(
            self,
            "contacts_per_month",
            check_number("contacts_per_month", self.contacts_per_month, low=0, high=1000, unit="people"),
        )
        set_(self, "contacts_vary", check_bool("contacts_vary", self.contacts_vary))
        if self.recruiting_months is not None:
            set_(self, "recruiting_months", check_int("recruiting_months", self.recruiting_months, low=1))
        for name in (
            "join_probability",
            "customer_probability",
            "retail_margin",
            "customer_monthly_quit_probability",
            "product_cost_share",
            "monthly_quit_probability",
            "quit_probability_when_losing",
        ):
            set_(self, name, check_probability(name, getattr(self, name)))
        for name in (
            "customer_spend_usd",
            "entry_fee_usd",
            "starter_kit_usd",
            "monthly_purchase_usd",
            "monthly_other_costs_usd",
        ):
            set_(self, name, check_non_negative(name, getattr(self, name), unit="USD"))
        if self.pay_on is not None:
            check_choice("pay_on", self.pay_on, PAY_ON_CHOICES)
            warn_renamed(
                f"MarketSettings(pay_on={self.pay_on!r})",
                "the plan's rules, e.g. plan.replace(rules=PayRules(pay_only_on_retail=True))"
                if self.pay_on == "retail only"
                else "the plan's rules (pay_on='all volume' is the default; leave it out)",
                stacklevel=4,
            )

    _old_fields = {"other_costs_usd_per_month": "monthly_other_costs_usd"}
    other_costs_usd_per_month = renamed_attribute("monthly_other_costs_usd", old="other_costs_usd_per_month")

    def replace(self, **changes: Any) -> MarketSettings:
        """A copy with some fields changed (checked again).

        Examples
        --------
        >>> MarketSettings().replace(market_size=500).market_size
        500
        """
        return Replaceable.replace(self, **changes)


MarketSettings.__init__ = renamed_arguments(  # type: ignore[method-assign]
    other_costs_usd_per_month="monthly_other_costs_usd"
)(MarketSettings.__init__)


def settings_differences(named: dict[str, MarketSettings]) -> pd.DataFrame:
    """Only the settings that differ between several markets, one column per market.

    Examples
    --------
    >>> table = settings_differences({"A": MarketSettings(), "B": MarketSettings(entry_fee_usd=50)})
    >>> table.to_dict("list")
    {'setting': ['entry_fee_usd'], 'A': [0.0], 'B': [50.0]}
    """
    if not isinstance(named, dict) or not named or not all(
        isinstance(value, MarketSettings) for value in named.values()
    ):
        raise fail("named", named, "it must be a dict of name to MarketSettings")
    values = {name: asdict(settings) for name, settings in named.items()}
    first = next(iter(values.values()))
    differing = [key for key in first if any(other[key] != first[key] for other in values.values())]
    table = pd.DataFrame({"setting": differing})
    for name, fields in values.items():
        table[name] = pd.Series([fields[key] for key in differing], dtype=object)
    return table


def settings_table(settings: MarketSettings) -> pd.DataFrame:
    """The settings as a two-column table (for a notebook).

    Examples
    --------
    >>> settings_table(MarketSettings()).iloc[0].tolist()
    ['market_size', 100000]
    """
    check_instance("settings", settings, MarketSettings, "it must be a MarketSettings object")
    return pd.DataFrame(list(asdict(settings).items()), columns=["setting", "value"])
