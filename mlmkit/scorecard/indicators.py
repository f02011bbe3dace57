"""Pyramid-scheme indicators from a company profile, each with its rule and its sources.

An indicator is a pattern that courts and regulators have treated as a sign of a
pyramid scheme. Each is ``"present"``, ``"not present"`` or ``"unknown"`` (the answers
needed to decide are unknown). **These are indicators, not verdicts**: only a court or
a regulator decides whether a scheme is illegal, and the orders quoted bind only the
companies named in them. Education, not legal or financial advice.

The rows have the same type as the simulator's legal tests
(:class:`mlmkit.regulations.IndicatorRow`: ``indicator``, ``title``, ``value``,
``benchmark``, ``status``, ``sources``); the table adds ``citation``, ``detail`` (the
answers behind the status, the same as ``value``), ``rule`` and ``gate``.

Three indicators are **gates** (:data:`GATES`): pay for recruiting, pay that grows with
the package bought, and most revenue from participants. A profile with any of them
present cannot reach the top band (:mod:`mlmkit.scorecard.bands`).

The logic is three-valued: an indicator is present as soon as known answers show it,
absent when they rule it out, and unknown otherwise. A range from the documents counts
as present only if its whole span shows the pattern.

Examples
--------
>>> from mlmkit.datasets import data_path
>>> from mlmkit.scorecard.profile import load_profile
>>> table = pyramid_indicators(load_profile(data_path("companies", "apex_wealth_circle.toml")))
>>> table.set_index("indicator").loc["recruiting_rewards", "status"]
'present'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from mlmkit._validation import check_instance, fail
from mlmkit.regulations import (
    DSA_BUYBACK_MIN_SHARE,
    DSA_BUYBACK_WINDOW_MONTHS,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
    IndicatorRow,
    ProjectLines,
    indicator_frame,
)
from mlmkit.scorecard.facts import Facts, Interval
from mlmkit.scorecard.fields import Range, format_usd
from mlmkit.scorecard.profile import Profile
from mlmkit.sources import SOURCES

__all__ = ["GATES", "INDICATORS", "INDICATOR_NOTE", "Indicator", "indicator_rows", "pyramid_indicators"]

#: Printed with every indicator table.
INDICATOR_NOTE = (
    "Indicators, not verdicts: these are patterns courts and regulators have treated as "
    "signs of a pyramid scheme. Only a court or regulator decides whether a scheme is "
    "illegal. Education, not legal or financial advice."
)

PRESENT, ABSENT, UNKNOWN_STATUS = "present", "not present", "unknown"

Maybe = bool | None  # True present, False absent, None unknown


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


def _not(value: Maybe) -> Maybe:
    return None if value is None else not value


def _above(interval: Interval, line: float) -> Maybe:
    """Is the value above ``line``? True/False when the whole interval says so."""
    if interval.low > line:
        return True
    if interval.high <= line:
        return False
    return None


def _at_most(interval: Interval, line: float) -> Maybe:
    return _not(_above(interval, line))


def _below(interval: Interval, line: float) -> Maybe:
    if interval.high < line:
        return True
    if interval.low >= line:
        return False
    return None


def _is(facts: Facts, path: str, *values: Any) -> Maybe:
    options = facts.options(path)
    hits = [option in values for option in options]
    return True if all(hits) else False if not any(hits) else None


def _word(facts: Facts, path: str) -> str:
    value = facts.value(path)
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("_", " ")


def _money(interval: Interval) -> str:
    if not interval.known:
        return "unknown" if interval.low == 0 else f"at least {format_usd(interval.low)}"
    return format_usd(interval.low) if interval.low == interval.high else format_usd(Range(interval.low, interval.high))


def _share(interval: Interval) -> str:
    if not interval.known:
        return "unknown" if interval.high >= 1 else f"unknown (at most {interval.high:.0%})"
    return f"{interval.low:.0%}" if interval.low == interval.high else f"{interval.low:.0%} to {interval.high:.0%}"


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
        The rule it checks, in a sentence, naming who drew each line.
    benchmark : str
        The line, briefly (the ``benchmark`` column).
    sources : tuple of str
        Keys of :data:`mlmkit.sources.SOURCES`.
    test : callable
        ``test(facts, lines) -> (True | False | None, detail)``.
    gate : bool
        Whether a present indicator keeps a profile out of the top band.
    """

    key: str
    title: str
    rule: str
    benchmark: str
    sources: tuple[str, ...]
    test: Callable[[Facts, ProjectLines], tuple[Maybe, str]]
    gate: bool = False

    def __post_init__(self) -> None:
        for key in self.sources:
            if key not in SOURCES:
                raise ValueError(f"{self.key}: unknown source {key!r}")


def _recruiting_rewards(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    pays = _is(f, "pay_plan.pay_for_recruiting", True)
    by_recruiting = _is(f, "pay_plan.rank_requirements", "recruiting")
    return _any(pays, by_recruiting), (
        f"pays for recruiting: {_word(f, 'pay_plan.pay_for_recruiting')}; "
        f"ranks reached by: {_word(f, 'pay_plan.rank_requirements')}"
    )


def _package_pay(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    packages = f.items("pay_plan.packages") or ()
    listed = ", ".join(f"{p['name']} {format_usd(p['price_usd'])}" for p in packages[:4]) if packages else "none listed"
    return _is(f, "pay_plan.pay_grows_with_package", True), (
        f"pay grows with the package: {_word(f, 'pay_plan.pay_grows_with_package')}; packages: {listed}"
    )


def _participant_revenue(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    share = f.revenue_share()
    return _at_most(share, VEMMA_MIN_NON_PARTICIPANT_SHARE), f"revenue from non-participants: {_share(share)}"


def _entry_payment(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    cost = f.joining_cost()
    monthly = f.monthly_cost()
    costly = _above(cost, lines.entry_cost_full_points_usd)
    required = _above(monthly, 0.0)
    return _any(costly, required), f"joining costs {_money(cost)}; {_money(monthly)} a month required"


def _inventory_loading(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    kit = f.number("pay_plan.starter_kit_usd") + f.package_part("price_usd")
    pushed = _any(
        _above(f.monthly_cost(), 0.0),
        _is(f, "pay_plan.rank_requirements", "purchases"),
        _above(kit, lines.entry_cost_full_points_usd),
    )
    weak_buyback = _any(
        _below(f.number("pay_plan.buyback_share"), DSA_BUYBACK_MIN_SHARE),
        _below(f.number("pay_plan.buyback_window_months"), DSA_BUYBACK_WINDOW_MONTHS),
    )
    unchecked = _not(_is(f, "safeguards.sell_through_rule", "enforced"))
    pushed_word = {True: "purchases are required or rewarded", False: "no required or rewarded stock", None: "required purchases unknown"}[pushed]
    return _all(pushed, weak_buyback, unchecked), (
        f"{pushed_word}; buy-back at {_share(f.number('pay_plan.buyback_share'))} of cost; "
        f"70% rule: {_word(f, 'safeguards.sell_through_rule')}"
    )


def _internal_consumption(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    reward = f.number("pay_plan.retail_reward_share")
    return _below(reward, HERBALIFE_MIN_RETAIL_REWARD_SHARE - 1e-9), f"{_share(reward)} of all rewards from retail"


def _no_enforced_safeguard(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    paths = ("safeguards.sell_through_rule", "safeguards.retail_customer_rule", "safeguards.retail_sales_condition")
    result = _not(_any(*(_is(f, path, "enforced") for path in paths)))
    return result, "; ".join(f"{p.split('.', 1)[1].replace('_', ' ')}: {_word(f, p)}" for p in paths)


def _claims_without_disclosure(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    result = _all(
        _is(f, "company.earnings_claims", "lifestyle", "income_figures"),
        _is(f, "income_disclosure.published", "not_published"),
    )
    return result, (
        f"earnings claims: {_word(f, 'company.earnings_claims')}; "
        f"income disclosure: {_word(f, 'income_disclosure.published')}"
    )


def _active_only(f: Facts, lines: ProjectLines) -> tuple[Maybe, str]:
    published = _is(f, "income_disclosure.published", "published")
    leaves_out = _is(f, "income_disclosure.counts_inactive", False)
    return _all(published, leaves_out), (
        f"income disclosure: {_word(f, 'income_disclosure.published')}; counts inactive members: "
        f"{_word(f, 'income_disclosure.counts_inactive')}"
    )


_INDICATOR_LIST = [
    Indicator(
        "recruiting_rewards",
        "Pay for recruiting",
        "Rewards for recruiting that are unrelated to sales to ultimate users (the Koscot test, "
        "applied in BurnLounge), including ranks reached by recruiting.",
        "any pay or rank for recruiting (Koscot)",
        ("koscot_1975", "burnlounge_2014", "ca_penal_327", "tx_bcc_17461"),
        _recruiting_rewards,
        gate=True,
    ),
    Indicator(
        "package_pay",
        "Pay grows with the package bought",
        "A dearer joining package unlocks more pay: the reward is for buying in, not for sales "
        "to ultimate users (BurnLounge's Basic, Exclusive and VIP packages).",
        "any extra pay for a dearer package (BurnLounge)",
        ("burnlounge_2014", "koscot_1975"),
        _package_pay,
        gate=True,
    ),
    Indicator(
        "participant_revenue",
        "Most revenue from participants",
        f"No more than {VEMMA_MIN_NON_PARTICIPANT_SHARE:.0%} of the company's revenue from "
        "non-participants: the Vemma order's majority line (it binds only Vemma; used as a "
        "benchmark). TelexFree sold USD 1.3 million of product against more than USD 300 million "
        "raised.",
        f"more than {VEMMA_MIN_NON_PARTICIPANT_SHARE:.0%} from non-participants (Vemma order)",
        ("vemma_2016", "telexfree_2018", "investor_gov_pyramid"),
        _participant_revenue,
        gate=True,
    ),
    Indicator(
        "entry_payment",
        "Entry fees or required purchases",
        "Paying to take part (the first element of the Koscot test): joining costs above the "
        "project's own line (USD 99 by default, from a 2010 BBB median starter kit), or "
        "purchases or fees required each month to stay in good standing.",
        "joining above the project's own line, or any monthly requirement",
        ("koscot_1975", "investor_gov_pyramid", "ftc_telltale_signs_2014"),
        _entry_payment,
    ),
    Indicator(
        "inventory_loading",
        "Inventory loading without a buy-back",
        "Purchases are required or rewarded (monthly minimums, ranks by volume, large kits), "
        f"unsold product is not bought back at {DSA_BUYBACK_MIN_SHARE:.0%} within "
        f"{DSA_BUYBACK_WINDOW_MONTHS} months (the DSA Code), and no enforced 70% rule checks it.",
        f"{DSA_BUYBACK_MIN_SHARE:.0%} buy-back within {DSA_BUYBACK_WINDOW_MONTHS} months (DSA Code)",
        ("amway_1979", "omnitrition_1996", "dsa_code", "ca_ag_pyramid"),
        _inventory_loading,
    ),
    Indicator(
        "internal_consumption",
        "Pay funded by participants' own buying",
        "Less than two-thirds of all rewards the plan pays come from retail sales (the Herbalife "
        "order's company-wide line; it binds only Herbalife).",
        "at least two-thirds of all rewards from retail (Herbalife order)",
        ("herbalife_2016", "omnitrition_1996", "ftc_mlm_guidance"),
        _internal_consumption,
    ),
    Indicator(
        "no_enforced_safeguard",
        "No enforced safeguard",
        "None of a 70% rule, a retail-customer rule or a retail condition on pay is enforced. "
        "In re Amway weighed such rules against a pyramid finding; Webster v. Omnitrition held "
        "that rules on paper do not help unless they actually tie rewards to retail sales.",
        "at least one safeguard enforced (Amway, Omnitrition)",
        ("amway_1979", "omnitrition_1996"),
        _no_enforced_safeguard,
    ),
    Indicator(
        "claims_without_disclosure",
        "Earnings claims without a disclosure",
        "Recruiting uses lifestyle or income claims while no income disclosure statement shows "
        "what participants really earn.",
        "claims backed by a published disclosure (FTC guidance)",
        ("ftc_mlm_earnings_claims", "ftc_ids_report_2024"),
        _claims_without_disclosure,
    ),
    Indicator(
        "disclosure_leaves_out_inactive",
        "Disclosure counts only active members",
        "The income disclosure reports only 'active' members, so it understates how many were "
        "paid nothing (the FTC faulted AdvoCare's disclosure for this).",
        "everyone who joined counted (FTC v. AdvoCare)",
        ("advocare_2019", "ftc_ids_report_2024"),
        _active_only,
    ),
]

#: Every indicator by key.
INDICATORS: dict[str, Indicator] = {indicator.key: indicator for indicator in _INDICATOR_LIST}

#: The indicators that keep a profile out of the top band when present.
GATES = tuple(key for key, indicator in INDICATORS.items() if indicator.gate)


def indicator_rows(profile: Any, lines: ProjectLines | None = None) -> list[IndicatorRow]:
    """The indicators of a profile as :class:`~mlmkit.regulations.IndicatorRow` objects.

    Examples
    --------
    >>> from mlmkit.scorecard.profile import blank_profile
    >>> {row.status for row in indicator_rows(blank_profile())}
    {'unknown'}
    """
    if isinstance(profile, Profile):
        facts = profile.facts()
    elif isinstance(profile, Facts):
        facts = profile
    elif isinstance(profile, Mapping):
        facts = Facts(profile, {})  # checked like a profile's answers
    else:
        raise fail("profile", profile, "it must be a Profile, Facts or a mapping of dotted field path -> answer")
    if lines is not None:
        check_instance("lines", lines, ProjectLines, "it must be a ProjectLines object or None")
    lines = lines or ProjectLines()
    rows = []
    for indicator in INDICATORS.values():
        outcome, detail = indicator.test(facts, lines)
        status = {True: PRESENT, False: ABSENT, None: UNKNOWN_STATUS}[outcome]
        rows.append(IndicatorRow(indicator.key, indicator.title, detail, indicator.benchmark, status, indicator.sources))
    return rows


def pyramid_indicators(profile: Any, lines: ProjectLines | None = None) -> pd.DataFrame:
    """Check every pyramid indicator for a profile.

    Parameters
    ----------
    profile : Profile or mapping
        A :class:`~mlmkit.scorecard.profile.Profile` (or a mapping of answers).
    lines : ProjectLines, optional
        The project's own lines (the USD 99 joining-cost line).

    Returns
    -------
    pandas.DataFrame
        One row per indicator: ``indicator``, ``title``, ``value``, ``benchmark``,
        ``status`` (``"present"``, ``"not present"`` or ``"unknown"``), ``sources`` (keys),
        ``citation``, ``detail`` (the answers behind the status), ``rule`` and ``gate``.

    Examples
    --------
    >>> from mlmkit.scorecard.profile import blank_profile
    >>> pyramid_indicators(blank_profile())["status"].unique().tolist()
    ['unknown']
    """
    rows = indicator_rows(profile, lines)
    return indicator_frame(
        rows,
        detail=[row.value for row in rows],
        rule=[INDICATORS[row.indicator].rule for row in rows],
        gate=[INDICATORS[row.indicator].gate for row in rows],
    )
