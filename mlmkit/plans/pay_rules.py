"""The rules that decide who is paid, usable with every plan type.

A :class:`PayRules` object holds the switches; every plan takes one as its ``rules``
field. Two kinds of rule:

- **qualification** (decided before pay is computed): a personal-volume requirement and
  the Vemma group-retail rule. With **compression** on, an unqualified member is skipped
  and their share passes up to the next qualified member; with it off, their share is
  breakage.
- **cuts** (applied to each member's pay afterwards): pay only on sales to outside
  customers, the Amway 70% and 10-customer rules, the Herbalife two-thirds rule and a
  payout cap as a share of revenue. What a cut removes is breakage, reported by reason.

Orders bind only the companies named in them; mlmkit uses their thresholds as
benchmarks, not verdicts. This is education, not legal or financial advice.

Examples
--------
>>> rules = PayRules(min_personal_volume_usd=100, compression=False)
>>> rules.active_rules()
['personal volume of at least $100']
>>> PayRules(min_group_retail_share=1.5)
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: min_group_retail_share = 1.5 is not allowed: it must be a probability between 0 and 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlmkit._compat import Replaceable
from mlmkit._validation import check_int, check_non_negative, check_probability, fail
from mlmkit.plans.rules import (
    AMWAY_MIN_RETAIL_CUSTOMERS,
    AMWAY_MIN_SELL_THROUGH_SHARE,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
)

__all__ = ["PayRules", "RULE_SWITCH_SOURCES", "regulator_rules"]

#: Which source (key in :data:`mlmkit.sources.SOURCES`) each switch of :class:`PayRules` rests on.
RULE_SWITCH_SOURCES: dict[str, tuple[str, ...]] = {
    "min_personal_volume_usd": ("plan_terms_glossary",),
    "compression": ("plan_terms_glossary",),
    "pay_only_on_retail": ("koscot_1975", "vemma_2016", "ca_penal_327", "ftc_mlm_guidance"),
    "min_group_retail_share": ("vemma_2016",),
    "min_retail_reward_share": ("herbalife_2016",),
    "min_sell_through_share": ("amway_1979", "omnitrition_1996"),
    "min_retail_customers": ("amway_1979", "omnitrition_1996"),
    "max_payout_share": ("plan_terms_glossary",),
}


@dataclass(frozen=True)
class PayRules(Replaceable):
    """Who qualifies to be paid, and what is cut from their pay.

    Parameters
    ----------
    min_personal_volume_usd : float, default 0
        Personal volume (own purchases plus retail sales) a member needs in the period to
        be paid at all ("active" status). Source: ``plan_terms_glossary``.
    compression : bool, default True
        Dynamic compression: an unqualified member is skipped, so their share passes up to
        the next qualified member. When False, their share is breakage (the company keeps
        it). Source: ``plan_terms_glossary``.
    pay_only_on_retail : bool, default False
        Pay commissions only on sales to non-participant customers, never on participants'
        own purchases. Koscot's test asks whether rewards are paid for sales to ultimate
        users; the Vemma order forbids tying pay to a participant's own purchases; the
        California endless-chain law excludes pay based on sales to non-participants.
        Sources: ``koscot_1975``, ``vemma_2016``, ``ca_penal_327``, ``ftc_mlm_guidance``.
    min_group_retail_share : float or None, default None
        Pay a member only if *more than* this share of the revenue of the member and their
        whole downline came from sales to non-participants. The Vemma order sets 50%
        (:data:`mlmkit.plans.rules.VEMMA_MIN_NON_PARTICIPANT_SHARE`). Source: ``vemma_2016``.
    min_retail_reward_share : float or None, default None
        At least this share of each member's pay must come from sales to outside customers;
        pay funded by participants' purchases above that limit is cut. The Herbalife order
        sets two-thirds (:data:`mlmkit.plans.rules.HERBALIFE_MIN_RETAIL_REWARD_SHARE`).
        Source: ``herbalife_2016``.
    min_sell_through_share : float or None, default None
        The Amway "70% rule": a member who sold less than this share of what they bought
        gets their bonus on downline volume prorated (sold share / required share). Here
        "sold" means sold to outside customers, a stricter reading than Amway's, which also
        counted personal use. Sources: ``amway_1979``, ``omnitrition_1996``.
    min_retail_customers : int or None, default None
        The Amway "10 retail customers rule": no bonus on downline volume unless the member
        sold to at least this many different outside customers. Needs
        ``Volumes.retail_customers``. Sources: ``amway_1979``, ``omnitrition_1996``.
    max_payout_share : float or None, default None
        Payout cap: the plan pays at most this share of revenue in total; above it every
        member's pay is scaled down alike. Without a cap a plan still never pays more than
        the revenue. Source: ``plan_terms_glossary`` (a common plan feature).

    Examples
    --------
    >>> PayRules(pay_only_on_retail=True).active_rules()
    ['pay only on retail sales']
    >>> PayRules(min_retail_customers=-1)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: min_retail_customers = -1 is not allowed: it must be a whole number of at least 0.
    """

    min_personal_volume_usd: float = 0.0
    compression: bool = True
    pay_only_on_retail: bool = False
    min_group_retail_share: float | None = None
    min_retail_reward_share: float | None = None
    min_sell_through_share: float | None = None
    min_retail_customers: int | None = None
    max_payout_share: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "min_personal_volume_usd",
            check_non_negative("min_personal_volume_usd", self.min_personal_volume_usd, unit="USD"),
        )
        for name in ("compression", "pay_only_on_retail"):
            if not isinstance(getattr(self, name), bool):
                raise fail(name, getattr(self, name), "it must be True or False")
        for name in (
            "min_group_retail_share",
            "min_retail_reward_share",
            "min_sell_through_share",
            "max_payout_share",
        ):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, check_probability(name, value))
        if self.min_retail_customers is not None:
            object.__setattr__(
                self,
                "min_retail_customers",
                check_int("min_retail_customers", self.min_retail_customers, low=0),
            )

    @property
    def needs_qualification(self) -> bool:
        """True if some member could fail to qualify (PV requirement or Vemma rule)."""
        return self.min_personal_volume_usd > 0 or self.min_group_retail_share is not None

    def active_rules(self) -> list[str]:
        """Plain-language names of the switches that are on.

        Examples
        --------
        >>> PayRules().active_rules()
        []
        """
        names = []
        if self.min_personal_volume_usd > 0:
            names.append(f"personal volume of at least ${self.min_personal_volume_usd:,.0f}")
        if self.pay_only_on_retail:
            names.append("pay only on retail sales")
        if self.min_group_retail_share is not None:
            names.append(f"group retail share above {self.min_group_retail_share:.0%} (Vemma)")
        if self.min_sell_through_share is not None:
            names.append(f"sell {self.min_sell_through_share:.0%} of purchases (Amway)")
        if self.min_retail_customers is not None:
            names.append(f"{self.min_retail_customers} retail customers (Amway)")
        if self.min_retail_reward_share is not None:
            names.append(f"{self.min_retail_reward_share:.0%} of pay from retail (Herbalife)")
        if self.max_payout_share is not None:
            names.append(f"payout cap {self.max_payout_share:.0%} of revenue")
        return names


def regulator_rules(**changes: object) -> PayRules:
    """All the regulators' rules on at once, with the thresholds from the orders and cases.

    Pay only on retail sales (Koscot, Vemma), more than 50% group retail (Vemma), two-thirds
    of pay from retail (Herbalife), the 70% rule (Amway). The 10-customer rule is left off
    because it needs customer counts; pass ``min_retail_customers=10`` to add it.

    Examples
    --------
    >>> regulator_rules().min_group_retail_share
    0.5
    >>> regulator_rules(min_retail_customers=10).min_retail_customers
    10
    """
    settings: dict[str, object] = {
        "pay_only_on_retail": True,
        "min_group_retail_share": VEMMA_MIN_NON_PARTICIPANT_SHARE,
        "min_retail_reward_share": HERBALIFE_MIN_RETAIL_REWARD_SHARE,
        "min_sell_through_share": AMWAY_MIN_SELL_THROUGH_SHARE,
    }
    settings.update(changes)
    return PayRules(**settings)  # type: ignore[arg-type]


#: Re-exported so a notebook can write ``PayRules(min_retail_customers=AMWAY_MIN_RETAIL_CUSTOMERS)``.
AMWAY_MIN_RETAIL_CUSTOMERS = AMWAY_MIN_RETAIL_CUSTOMERS
