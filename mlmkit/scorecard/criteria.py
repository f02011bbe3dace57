"""The scorecard's criteria: what is scored, how, why, and according to whom.

Each :class:`Criterion` reads one or a few answers of a profile and gives 0 to 1 points
with a plain-language reason and the sources it relies on (keys of
:data:`mlmkit.sources.SOURCES`). A criterion with any answer ``"unknown"`` gets no
points and says which answer is missing: unknown counts as a risk.

Every rule is monotone: a better answer (see :mod:`mlmkit.scorecard.fields`) never
gives fewer points. Thresholds from court orders and codes come from
:mod:`mlmkit.plans.rules`; they bind only the companies named in them and are used
here as benchmarks. Education, not legal or financial advice.

Examples
--------
>>> criterion = CRITERIA["price_vs_retail"]
>>> criterion.area, criterion.weight
('product', 2.0)
>>> points, reason = criterion.rule({"product.price_vs_retail": 1.25})
>>> points
0.75
>>> reason
'The price is 1.25 times a comparable shop product; full points at or below the shop price, none at twice it.'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from mlmkit.plans.rules import (
    DSA_BUYBACK_MIN_SHARE,
    DSA_BUYBACK_WINDOW_MONTHS,
    HERBALIFE_MIN_REAL_USER_SALES_SHARE,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    TAYLOR_MAX_PAID_LEVELS,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
)
from mlmkit.scorecard.fields import FIELDS, format_usd, is_unknown
from mlmkit.sources import SOURCES

__all__ = ["AREAS", "CRITERIA", "Criterion", "evaluate"]

#: The three sub-scores, in report order.
AREAS = ("product", "pay_plan", "company")

#: Plain names of the areas for reports.
AREA_TITLES = {"product": "Product", "pay_plan": "Pay plan", "company": "Company stability"}

#: Median starter kit in the BBB's guidance (source ``bbb_starter_kit``): joining costs up to
#: this get full points.
BBB_MEDIAN_STARTER_KIT_USD = 99.0
#: Joining costs from which the entry-cost criterion gives no points.
ENTRY_COST_ZERO_POINTS_USD = 1000.0
#: Monthly required purchases from which the criterion gives no points (Vemma's recruits
#: were asked for about $150 a month to stay bonus-eligible, FTC complaint as reported).
MONTHLY_PURCHASE_ZERO_POINTS_USD = 150.0
#: Price, as a multiple of a comparable shop product, from which the price criterion gives 0.
PRICE_RATIO_ZERO_POINTS = 2.0
#: Paid levels from which the depth criterion gives no points.
PAID_LEVELS_ZERO_POINTS = 9
#: Years of operation for full track-record points.
YEARS_FOR_FULL_POINTS = 10.0

Rule = Callable[[Mapping[str, Any]], tuple[float, str]]


@dataclass(frozen=True)
class Criterion:
    """One scored question.

    Parameters
    ----------
    key : str
        Short stable name (``"buyback"``), used for weights.
    area : str
        ``"product"``, ``"pay_plan"`` or ``"company"``.
    title : str
        Plain-language title.
    fields : tuple of str
        Profile fields it reads.
    weight : float
        Default weight inside its area (users may change it).
    sources : tuple of str
        Keys of :data:`mlmkit.sources.SOURCES`.
    rule : callable
        ``rule(answers) -> (points 0..1, reason)``, called only when no field is unknown.
    """

    key: str
    area: str
    title: str
    fields: tuple[str, ...]
    weight: float
    sources: tuple[str, ...]
    rule: Rule

    def __post_init__(self) -> None:  # a mistake here is a bug in this module
        if self.area not in AREAS:
            raise ValueError(f"{self.key}: unknown area {self.area!r}")
        for path in self.fields:
            if path not in FIELDS:
                raise ValueError(f"{self.key}: unknown field {path!r}")
        for key in self.sources:
            if key not in SOURCES:
                raise ValueError(f"{self.key}: unknown source {key!r}")


def evaluate(criterion: Criterion, answers: Mapping[str, Any]) -> tuple[float, str, bool]:
    """Points (0..1), reason, and whether an answer was unknown, for one criterion.

    Examples
    --------
    >>> evaluate(CRITERIA["recruiting_rewards"], {"pay_plan.pay_for_recruiting": "unknown"})
    (0.0, 'Unknown: Pays for recruiting. No points until you find out; unknown counts as a risk.', True)
    """
    missing = [path for path in criterion.fields if is_unknown(answers.get(path))]
    if missing:
        labels = ", ".join(FIELDS[path].label for path in missing)
        return 0.0, f"Unknown: {labels}. No points until you find out; unknown counts as a risk.", True
    points, reason = criterion.rule(answers)
    return float(min(1.0, max(0.0, points))), reason, False


def _linear_down(value: float, full_at: float, zero_at: float) -> float:
    """1 at or below ``full_at``, 0 at or above ``zero_at``, straight line between."""
    return min(1.0, max(0.0, (zero_at - value) / (zero_at - full_at)))


def _pct(share: float) -> str:
    return f"{share:.0%}"


# ------------------------------------------------------------------ product rules


def _outside_customers(a: Mapping[str, Any]) -> tuple[float, str]:
    share = a["product.outside_customer_share"]
    points = min(1.0, share / HERBALIFE_MIN_REAL_USER_SALES_SHARE)
    return points, (
        f"{_pct(share)} of sales go to customers outside the business; full points from "
        f"{_pct(HERBALIFE_MIN_REAL_USER_SALES_SHARE)} (the Herbalife order's share of sales to real "
        f"users). The Vemma order required more than {_pct(VEMMA_MIN_NON_PARTICIPANT_SHARE)}."
    )


def _price(a: Mapping[str, Any]) -> tuple[float, str]:
    ratio = a["product.price_vs_retail"]
    return _linear_down(ratio, 1.0, PRICE_RATIO_ZERO_POINTS), (
        f"The price is {ratio:g} times a comparable shop product; full points at or below the "
        "shop price, none at twice it."
    )


_REPEAT_POINTS = {"rare": 0.2, "some": 0.6, "common": 1.0}


def _repeat(a: Mapping[str, Any]) -> tuple[float, str]:
    answer = a["product.repeat_purchases"]
    return _REPEAT_POINTS[answer], (
        f"Repeat purchases by outside customers are {answer}: real demand shows in customers "
        "who buy again without joining."
    )


_CLAIM_POINTS = {"miracle": 0.0, "unsubstantiated": 0.4, "substantiated": 1.0}


def _claims(a: Mapping[str, Any]) -> tuple[float, str]:
    answer = a["product.claims"]
    return _CLAIM_POINTS[answer], {
        "miracle": "'Miracle' claims are a warning sign; ask for independent evidence.",
        "unsubstantiated": "The claims made for the product lack independent evidence.",
        "substantiated": "The claims made for the product are backed by independent evidence.",
    }[answer]


# ------------------------------------------------------------------ pay-plan rules


def _pay_source(a: Mapping[str, Any]) -> tuple[float, str]:
    share = a["pay_plan.retail_reward_share"]
    points = min(1.0, share / HERBALIFE_MIN_RETAIL_REWARD_SHARE)
    return points, (
        f"{_pct(share)} of rewards come from sales to outside customers; full points from "
        f"two-thirds, the share the Herbalife order requires from verified retail sales."
    )


def _recruiting(a: Mapping[str, Any]) -> tuple[float, str]:
    if a["pay_plan.pay_for_recruiting"]:
        return 0.0, (
            "The plan pays for signing people up: rewards for recruiting that are unrelated to "
            "sales to ultimate users are the core of the Koscot test."
        )
    return 1.0, "The plan pays nothing for recruiting itself."


def _entry_cost(a: Mapping[str, Any]) -> tuple[float, str]:
    cost = a["pay_plan.entry_fee_usd"] + a["pay_plan.starter_kit_usd"]
    points = _linear_down(cost, BBB_MEDIAN_STARTER_KIT_USD, ENTRY_COST_ZERO_POINTS_USD)
    return points, (
        f"Joining costs {format_usd(cost)} (fee plus required kit); full points up to "
        f"{format_usd(BBB_MEDIAN_STARTER_KIT_USD)} (the BBB's median starter kit), none from "
        f"{format_usd(ENTRY_COST_ZERO_POINTS_USD)}."
    )


def _monthly(a: Mapping[str, Any]) -> tuple[float, str]:
    monthly = a["pay_plan.monthly_purchase_usd"]
    if monthly == 0:
        return 1.0, "No purchase is required each month to stay active or be paid."
    points = _linear_down(monthly, 0.0, MONTHLY_PURCHASE_ZERO_POINTS_USD)
    return points, (
        f"You must buy {format_usd(monthly)} a month to stay active or be paid ('pay to play'); "
        f"no points from {format_usd(MONTHLY_PURCHASE_ZERO_POINTS_USD)} a month."
    )


def _buyback(a: Mapping[str, Any]) -> tuple[float, str]:
    share = a["pay_plan.buyback_share"]
    months = a["pay_plan.buyback_window_months"]
    if share == 0:
        return 0.0, "The company does not buy back unsold product."
    points = min(1.0, share / DSA_BUYBACK_MIN_SHARE) * (
        0.5 + 0.5 * min(1.0, months / DSA_BUYBACK_WINDOW_MONTHS)
    )
    return points, (
        f"Buys back unsold product at {_pct(share)} of cost within {months:g} months; full points "
        f"at the DSA Code's {_pct(DSA_BUYBACK_MIN_SHARE)} within {DSA_BUYBACK_WINDOW_MONTHS} months."
    )


_RANK_POINTS = {"recruiting": 0.0, "purchases": 0.3, "retail_sales": 1.0}


def _ranks(a: Mapping[str, Any]) -> tuple[float, str]:
    answer = a["pay_plan.rank_requirements"]
    return _RANK_POINTS[answer], {
        "recruiting": "Ranks are reached by recruiting: advancement by recruitment is a red flag.",
        "purchases": "Ranks are reached by buying volume, which rewards buying to qualify rather "
        "than customer demand.",
        "retail_sales": "Ranks are reached through sales to outside customers.",
    }[answer]


def _levels(a: Mapping[str, Any]) -> tuple[float, str]:
    levels = a["pay_plan.paid_levels"]
    points = _linear_down(levels, TAYLOR_MAX_PAID_LEVELS, PAID_LEVELS_ZERO_POINTS)
    return points, (
        f"Pays on {levels} levels; full points up to {TAYLOR_MAX_PAID_LEVELS} (the management "
        f"levels a conventional sales force needs), none from {PAID_LEVELS_ZERO_POINTS}."
    )


# ------------------------------------------------------------------ company rules


def _track_record(a: Mapping[str, Any]) -> tuple[float, str]:
    years = a["company.years_operating"]
    return min(1.0, years / YEARS_FOR_FULL_POINTS), (
        f"Operating for {years:g} years; full points from {YEARS_FOR_FULL_POINTS:g} years."
    )


def _financials(a: Mapping[str, Any]) -> tuple[float, str]:
    statements = a["company.financial_statements"]
    public = a["company.ownership"] == "public"
    points = (0.7 if statements else 0.0) + (0.3 if public else 0.0)
    seen = "can be read" if statements else "are not available"
    return points, f"Financial statements {seen}; the company is {a['company.ownership']}ly owned."


_LEGAL_POINTS = {"order_or_judgment": 0.0, "pending": 0.4, "none_found": 1.0}


def _legal(a: Mapping[str, Any]) -> tuple[float, str]:
    answer = a["company.legal_actions"]
    return _LEGAL_POINTS[answer], {
        "order_or_judgment": "A regulator or court order or judgment in the last 10 years.",
        "pending": "A regulator or court case is pending.",
        "none_found": "No regulator or court action found in the last 10 years.",
    }[answer]


_COMPLAINT_POINTS = {"many": 0.0, "some": 0.5, "few": 1.0}


def _complaints(a: Mapping[str, Any]) -> tuple[float, str]:
    answer = a["company.complaints"]
    return _COMPLAINT_POINTS[answer], f"{answer.capitalize()} complaints found (BBB, state AG, search)."


def _disclosure(a: Mapping[str, Any]) -> tuple[float, str]:
    if a["company.income_disclosure"] == "published":
        return 1.0, "An income disclosure statement is published: read the median, not the average."
    return 0.0, "No income disclosure statement: you cannot see what participants really earn."


def _typical_pay(a: Mapping[str, Any]) -> tuple[float, str]:
    share = a["company.share_earning_nothing"]
    return 1.0 - share, (
        f"{_pct(share)} of participants were paid nothing in the year; points are the share "
        "who were paid something (before expenses)."
    )


_CLAIMS_POINTS = {"lifestyle": 0.0, "income_figures": 0.4, "typical_results_only": 0.8, "none": 1.0}


def _earnings_claims(a: Mapping[str, Any]) -> tuple[float, str]:
    answer = a["company.earnings_claims"]
    return _CLAIMS_POINTS[answer], {
        "lifestyle": "Recruiting promises a lifestyle (cars, quitting your job): likely misleading "
        "if participants generally do not achieve it.",
        "income_figures": "Recruiting quotes income figures; ask what typical participants earn.",
        "typical_results_only": "Recruiting quotes only typical results.",
        "none": "Recruiting makes no earnings claims.",
    }[answer]


_CRITERIA_LIST = [
    Criterion(
        "outside_customers",
        "product",
        "Sold to real outside customers",
        ("product.outside_customer_share",),
        3.0,
        ("ftc_mlm_guidance", "vemma_2016", "herbalife_2016", "investor_gov_pyramid"),
        _outside_customers,
    ),
    Criterion(
        "price_vs_retail",
        "product",
        "Price against comparable products",
        ("product.price_vs_retail",),
        2.0,
        ("ct_dcp_mlm",),
        _price,
    ),
    Criterion(
        "repeat_demand",
        "product",
        "Repeat demand from customers",
        ("product.repeat_purchases",),
        2.0,
        ("ftc_mlm_guidance", "neora_2023"),
        _repeat,
    ),
    Criterion(
        "product_claims",
        "product",
        "Claims backed by evidence",
        ("product.claims",),
        1.0,
        ("ftc_nasaa_tips", "ct_dcp_mlm"),
        _claims,
    ),
    Criterion(
        "pay_from_retail",
        "pay_plan",
        "Pay comes from retail sales",
        ("pay_plan.retail_reward_share",),
        3.0,
        ("herbalife_2016", "omnitrition_1996", "ftc_mlm_guidance"),
        _pay_source,
    ),
    Criterion(
        "recruiting_rewards",
        "pay_plan",
        "No pay for recruiting",
        ("pay_plan.pay_for_recruiting",),
        3.0,
        ("koscot_1975", "ftc_nasaa_tips", "vemma_2016"),
        _recruiting,
    ),
    Criterion(
        "entry_cost",
        "pay_plan",
        "Low cost to join",
        ("pay_plan.entry_fee_usd", "pay_plan.starter_kit_usd"),
        2.0,
        ("bbb_starter_kit", "dsa_code", "investor_gov_pyramid"),
        _entry_cost,
    ),
    Criterion(
        "required_purchases",
        "pay_plan",
        "No required monthly purchases",
        ("pay_plan.monthly_purchase_usd",),
        2.0,
        ("ftc_telltale_signs_2014", "taylor_2011", "vemma_2016"),
        _monthly,
    ),
    Criterion(
        "buyback",
        "pay_plan",
        "Buys back unsold product",
        ("pay_plan.buyback_share", "pay_plan.buyback_window_months"),
        2.0,
        ("dsa_code", "amway_1979", "ca_ag_pyramid"),
        _buyback,
    ),
    Criterion(
        "rank_requirements",
        "pay_plan",
        "Ranks earned by selling",
        ("pay_plan.rank_requirements",),
        2.0,
        ("taylor_2011", "ftc_mlm_guidance"),
        _ranks,
    ),
    Criterion(
        "paid_levels",
        "pay_plan",
        "Few paid levels",
        ("pay_plan.paid_levels",),
        1.0,
        ("taylor_2011",),
        _levels,
    ),
    Criterion(
        "track_record",
        "company",
        "Track record",
        ("company.years_operating",),
        1.0,
        ("ct_dcp_mlm", "aarp_tips_2018"),
        _track_record,
    ),
    Criterion(
        "financial_transparency",
        "company",
        "Financial statements",
        ("company.financial_statements", "company.ownership"),
        1.0,
        ("ct_dcp_mlm",),
        _financials,
    ),
    Criterion(
        "legal_actions",
        "company",
        "No regulator or court actions",
        ("company.legal_actions",),
        2.0,
        ("ftc_business_opportunity_rule", "ftc_nasaa_tips"),
        _legal,
    ),
    Criterion(
        "complaints",
        "company",
        "Few complaints",
        ("company.complaints",),
        1.0,
        ("ftc_nasaa_tips", "aarp_tips_2018"),
        _complaints,
    ),
    Criterion(
        "income_disclosure",
        "company",
        "Income disclosure published",
        ("company.income_disclosure",),
        2.0,
        ("ftc_ids_report_2024", "bbb_ftc_sponsor_questions"),
        _disclosure,
    ),
    Criterion(
        "typical_pay",
        "company",
        "Most participants are paid",
        ("company.share_earning_nothing",),
        2.0,
        ("ftc_ids_report_2024", "advocare_2019"),
        _typical_pay,
    ),
    Criterion(
        "earnings_claims",
        "company",
        "Honest earnings claims",
        ("company.earnings_claims",),
        1.0,
        ("ftc_mlm_earnings_claims", "ftc_telltale_signs_2014"),
        _earnings_claims,
    ),
]

#: Every criterion by key, grouped by area in report order.
CRITERIA: dict[str, Criterion] = {criterion.key: criterion for criterion in _CRITERIA_LIST}
