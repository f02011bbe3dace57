"""Pyramid-scheme indicators: reported apart from the score, each with its rule.

An indicator is a pattern that courts and regulators have treated as a sign of a
pyramid scheme. Each one here is ``"present"``, ``"not present"`` or ``"unknown"``
(the answers needed to decide are unknown). **These are indicators, not verdicts**:
only a court or a regulator decides whether a scheme is illegal, and the orders quoted
bind only the companies named in them. Education, not legal or financial advice.

The logic is three-valued: an indicator is present as soon as one known answer shows
it, absent when the known answers rule it out, and unknown otherwise.

Examples
--------
>>> from mlmkit.datasets import data_path
>>> from mlmkit.scorecard.profile import load_profile
>>> table = pyramid_indicators(load_profile(data_path("companies", "apex_wealth_circle.toml")))
>>> table[["indicator", "status"]].head(2).to_string(index=False)
'         indicator  status\\nrecruiting_rewards present\\n     entry_payment present'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mlmkit.plans.rules import (
    DSA_BUYBACK_MIN_SHARE,
    DSA_BUYBACK_WINDOW_MONTHS,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
)
from mlmkit.scorecard.criteria import BBB_MEDIAN_STARTER_KIT_USD
from mlmkit.scorecard.fields import format_usd, is_unknown
from mlmkit.sources import SOURCES, cite

__all__ = ["INDICATORS", "INDICATOR_NOTE", "Indicator", "pyramid_indicators"]

#: Printed with every indicator table.
INDICATOR_NOTE = (
    "Indicators, not verdicts: these are patterns courts and regulators have treated as "
    "signs of a pyramid scheme. Only a court or regulator decides whether a scheme is "
    "illegal. Education, not legal or financial advice."
)

PRESENT, ABSENT, UNKNOWN_STATUS = "present", "not present", "unknown"

Maybe = bool | None  # True present, False absent, None unknown


def _known(answers: Mapping[str, Any], path: str) -> Any:
    value = answers.get(path)
    return None if value is None or is_unknown(value) else value


def _test(answers: Mapping[str, Any], path: str, predicate: Callable[[Any], bool]) -> Maybe:
    value = _known(answers, path)
    return None if value is None else bool(predicate(value))


def _any(*values: Maybe) -> Maybe:
    """Kleene OR: True if any is True, False if all are False, else None."""
    if any(value is True for value in values):
        return True
    if all(value is False for value in values):
        return False
    return None


def _all(*values: Maybe) -> Maybe:
    """Kleene AND: False if any is False, True if all are True, else None."""
    if any(value is False for value in values):
        return False
    if all(value is True for value in values):
        return True
    return None


def _joining_cost(answers: Mapping[str, Any]) -> float | None:
    fee = _known(answers, "pay_plan.entry_fee_usd")
    kit = _known(answers, "pay_plan.starter_kit_usd")
    return None if fee is None or kit is None else fee + kit


@dataclass(frozen=True)
class Indicator:
    """One pyramid indicator.

    Parameters
    ----------
    key : str
        Short stable name.
    title : str
        Plain-language name.
    rule : str
        The rule it checks, in a sentence.
    sources : tuple of str
        Keys of :data:`mlmkit.sources.SOURCES`.
    test : callable
        ``test(answers) -> (True | False | None, detail)``.
    """

    key: str
    title: str
    rule: str
    sources: tuple[str, ...]
    test: Callable[[Mapping[str, Any]], tuple[Maybe, str]]

    def __post_init__(self) -> None:
        for key in self.sources:
            if key not in SOURCES:
                raise ValueError(f"{self.key}: unknown source {key!r}")


def _recruiting_rewards(a: Mapping[str, Any]) -> tuple[Maybe, str]:
    pays = _test(a, "pay_plan.pay_for_recruiting", bool)
    by_recruiting = _test(a, "pay_plan.rank_requirements", lambda v: v == "recruiting")
    parts = []
    if pays is not None:
        parts.append("pays for recruiting" if pays else "no pay for recruiting itself")
    if by_recruiting is not None:
        parts.append("ranks reached by recruiting" if by_recruiting else "ranks not reached by recruiting")
    return _any(pays, by_recruiting), "; ".join(parts) or "pay for recruiting is unknown"


def _entry_payment(a: Mapping[str, Any]) -> tuple[Maybe, str]:
    cost = _joining_cost(a)
    monthly = _known(a, "pay_plan.monthly_purchase_usd")
    costly = None if cost is None else cost > BBB_MEDIAN_STARTER_KIT_USD
    required = None if monthly is None else monthly > 0
    parts = [
        "joining cost unknown" if cost is None else f"joining costs {format_usd(cost)}",
        "monthly requirement unknown" if monthly is None else f"{format_usd(monthly)} a month required",
    ]
    return _any(costly, required), "; ".join(parts)


def _inventory_loading(a: Mapping[str, Any]) -> tuple[Maybe, str]:
    kit = _known(a, "pay_plan.starter_kit_usd")
    pushed = _any(
        _test(a, "pay_plan.monthly_purchase_usd", lambda v: v > 0),
        _test(a, "pay_plan.rank_requirements", lambda v: v == "purchases"),
        None if kit is None else kit > BBB_MEDIAN_STARTER_KIT_USD,
    )
    weak_buyback = _any(
        _test(a, "pay_plan.buyback_share", lambda v: v < DSA_BUYBACK_MIN_SHARE),
        _test(a, "pay_plan.buyback_window_months", lambda v: v < DSA_BUYBACK_WINDOW_MONTHS),
    )
    share = _known(a, "pay_plan.buyback_share")
    parts = [
        {
            True: "purchases are required or rewarded",
            False: "no required or rewarded stock",
            None: "required purchases unknown",
        }[pushed],
        "buy-back unknown" if share is None else f"buy-back at {share:.0%} of cost",
    ]
    return _all(pushed, weak_buyback), "; ".join(parts)


def _internal_consumption(a: Mapping[str, Any]) -> tuple[Maybe, str]:
    outside = _known(a, "product.outside_customer_share")
    reward = _known(a, "pay_plan.retail_reward_share")
    result = _any(
        None if outside is None else outside <= VEMMA_MIN_NON_PARTICIPANT_SHARE,
        None if reward is None else reward < HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    )
    parts = [
        "outside sales unknown" if outside is None else f"{outside:.0%} of sales to outsiders",
        "pay source unknown" if reward is None else f"{reward:.0%} of rewards from retail",
    ]
    return result, "; ".join(parts)


def _claims_without_disclosure(a: Mapping[str, Any]) -> tuple[Maybe, str]:
    claims = _known(a, "company.earnings_claims")
    disclosure = _known(a, "company.income_disclosure")
    result = _all(
        None if claims is None else claims in ("lifestyle", "income_figures"),
        None if disclosure is None else disclosure != "published",
    )
    parts = [
        "earnings claims unknown" if claims is None else f"earnings claims: {claims.replace('_', ' ')}",
        "disclosure unknown" if disclosure is None else f"income disclosure {disclosure.replace('_', ' ')}",
    ]
    return result, "; ".join(parts)


_INDICATOR_LIST = [
    Indicator(
        "recruiting_rewards",
        "Pay for recruiting",
        "Rewards for recruiting that are unrelated to sales to ultimate users (the Koscot "
        "test), including ranks reached by recruiting.",
        ("koscot_1975", "burnlounge_2014", "ca_penal_327", "tx_bcc_17461"),
        _recruiting_rewards,
    ),
    Indicator(
        "entry_payment",
        "Entry fees or required purchases",
        f"Paying to take part: joining costs above the BBB's {format_usd(BBB_MEDIAN_STARTER_KIT_USD)} "
        "median starter kit, or purchases required each month to stay in good standing.",
        ("koscot_1975", "investor_gov_pyramid", "ftc_telltale_signs_2014"),
        _entry_payment,
    ),
    Indicator(
        "inventory_loading",
        "Inventory loading without a buy-back",
        "Purchases are required or rewarded (monthly minimums, ranks by volume, large kits) "
        f"and unsold product is not bought back at {DSA_BUYBACK_MIN_SHARE:.0%} within "
        f"{DSA_BUYBACK_WINDOW_MONTHS} months.",
        ("amway_1979", "omnitrition_1996", "dsa_code", "ca_ag_pyramid"),
        _inventory_loading,
    ),
    Indicator(
        "internal_consumption",
        "Participants' own buying stands in for retail demand",
        f"No more than {VEMMA_MIN_NON_PARTICIPANT_SHARE:.0%} of sales to non-participants (the "
        "Vemma order's benchmark) or less than two-thirds of rewards from retail sales (the "
        "Herbalife order's benchmark).",
        ("vemma_2016", "herbalife_2016", "omnitrition_1996", "ftc_mlm_guidance"),
        _internal_consumption,
    ),
    Indicator(
        "claims_without_disclosure",
        "Earnings claims without a disclosure",
        "Recruiting uses lifestyle or income claims while no income disclosure statement "
        "shows what participants really earn.",
        ("ftc_mlm_earnings_claims", "ftc_ids_report_2024"),
        _claims_without_disclosure,
    ),
]

#: Every indicator by key.
INDICATORS: dict[str, Indicator] = {indicator.key: indicator for indicator in _INDICATOR_LIST}


def pyramid_indicators(profile: Any) -> pd.DataFrame:
    """Check every pyramid indicator for a profile.

    Parameters
    ----------
    profile : Profile or mapping
        A :class:`~mlmkit.scorecard.profile.Profile` (or its ``answers`` mapping).

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator``, ``title``, ``status`` (``"present"``,
        ``"not present"`` or ``"unknown"``), ``detail`` (the answers behind it),
        ``rule`` and ``sources`` (citations).

    Examples
    --------
    >>> from mlmkit.scorecard.profile import blank_profile
    >>> pyramid_indicators(blank_profile())["status"].unique().tolist()
    ['unknown']
    """
    answers = getattr(profile, "answers", profile)
    rows = []
    for indicator in INDICATORS.values():
        outcome, detail = indicator.test(answers)
        status = {True: PRESENT, False: ABSENT, None: UNKNOWN_STATUS}[outcome]
        rows.append(
            {
                "indicator": indicator.key,
                "title": indicator.title,
                "status": status,
                "detail": detail,
                "rule": indicator.rule,
                "sources": "; ".join(cite(key) for key in indicator.sources),
            }
        )
    return pd.DataFrame(rows)
