"""The scorecard's criteria: what is scored, how, why, and according to whom.

Each :class:`Criterion` reads a few answers of a profile and gives 0 to 1 points with a
plain-language reason and its sources (keys of :data:`mlmkit.sources.SOURCES`). Unknown
answers are scored honestly: a criterion is made of *parts* (a buy-back has a share, a
window and a restocking fee), and :func:`evaluate` returns an :class:`Assessment` with

- ``low`` and ``high``: the points with every unknown answer at its worst and at its best
  (a range from the documents counts at its two ends);
- ``coverage``: the share of the criterion decided by known answers (a part counts as
  decided when it is known, or when the known answers settle it anyway: no buy-back at
  all makes the window irrelevant);
- ``points``: the points on the decided parts only (``nan`` when nothing is decided).

So a known 90% buy-back with an unknown window earns the share's half of the points,
and a documented bad answer never raises a criterion's ``high`` above the same answer
unknown. Every rule is monotone: a better answer never gives fewer points.

Lines a court, a regulator or the DSA drew come from :mod:`mlmkit.regulations`; lines
that are the project's own choice are read from :class:`mlmkit.regulations.ProjectLines`,
say so in the reason, and can be changed. Education, not legal or financial advice.

Examples
--------
>>> criterion = CRITERIA["price_vs_retail"]
>>> criterion.area, criterion.weight
('product', 2.0)
>>> result = evaluate(criterion, Facts({"product.price_vs_retail": 1.25}, {}))
>>> result.points, result.coverage
(0.75, 1.0)
>>> result = evaluate(CRITERIA["buyback"], Facts({"pay_plan.buyback_share": 0.9,
...     "pay_plan.buyback_window_months": "unknown", "pay_plan.restocking_fee_share": 0.0}, {}))
>>> round(result.low, 2), round(result.high, 2), round(result.coverage, 2)
(0.6, 1.0, 0.6)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mlmkit._validation import check_instance, fail
from mlmkit.regulations import (
    DSA_BUYBACK_MIN_SHARE,
    DSA_BUYBACK_WINDOW_MONTHS,
    HERBALIFE_MIN_RETAIL_REWARD_SHARE,
    LEGAL_ACTION_LOOKBACK_YEARS,
    TAYLOR_MAX_PAID_LEVELS,
    VEMMA_MIN_NON_PARTICIPANT_SHARE,
    ProjectLines,
)
from mlmkit.scorecard.facts import (
    Facts,
    Interval,
    describe_options,
    interval_points_down,
    interval_points_up,
    option_points,
)
from mlmkit.scorecard.fields import FIELDS, Range, format_usd
from mlmkit.sources import SOURCES

__all__ = ["AREAS", "AREA_TITLES", "CRITERIA", "Assessment", "Criterion", "Part", "evaluate"]

#: The three sub-scores, in report order.
AREAS = ("product", "pay_plan", "company")

#: Plain names of the areas for reports.
AREA_TITLES = {"product": "Product", "pay_plan": "Pay plan", "company": "Company stability"}

OWN = "the project's own line"


@dataclass(frozen=True)
class Part:
    """One part of a criterion: a share of its points, worst and best, and whether decided."""

    fraction: float
    low: float
    high: float
    known: bool


@dataclass(frozen=True)
class Assessment:
    """A criterion's points given what is known (see the module docstring)."""

    low: float
    high: float
    coverage: float
    points: float
    reason: str

    @property
    def unknown(self) -> bool:
        """True if some part is not decided by known answers."""
        return self.coverage < 1.0 - 1e-12


def _assess(parts: Sequence[Part], reason: str) -> Assessment:
    low = sum(p.fraction * p.low for p in parts)
    high = sum(p.fraction * p.high for p in parts)
    decided = [p for p in parts if p.known or p.low == p.high]
    coverage = sum(p.fraction for p in decided)
    points = (
        sum(p.fraction * (p.low + p.high) / 2 for p in decided) / coverage if coverage > 0 else math.nan
    )
    clip = lambda value: min(1.0, max(0.0, value))  # noqa: E731
    return Assessment(clip(low), clip(high), min(1.0, coverage), points if math.isnan(points) else clip(points), reason)


Rule = Callable[[Facts, ProjectLines], Assessment]


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
        Profile fields it reads (lists such as ``pay_plan.packages`` included).
    weight : float
        Default weight inside its area (users may change it).
    sources : tuple of str
        Keys of :data:`mlmkit.sources.SOURCES`.
    rule : callable
        ``rule(facts, lines) -> Assessment``.
    """

    key: str
    area: str
    title: str
    fields: tuple[str, ...]
    weight: float
    sources: tuple[str, ...]
    rule: Rule

    def __post_init__(self) -> None:  # a mistake here is a bug in this module
        from mlmkit.scorecard.fields import LISTS

        if self.area not in AREAS:
            raise ValueError(f"{self.key}: unknown area {self.area!r}")
        for path in self.fields:
            if path not in FIELDS and path not in LISTS:
                raise ValueError(f"{self.key}: unknown field {path!r}")
        for key in self.sources:
            if key not in SOURCES:
                raise ValueError(f"{self.key}: unknown source {key!r}")


def evaluate(criterion: Criterion, facts: Any, lines: ProjectLines | None = None) -> Assessment:
    """A criterion's :class:`Assessment` for the answers in ``facts``.

    ``facts`` is a :class:`~mlmkit.scorecard.facts.Facts`, a Profile, or a mapping of
    dotted field path -> answer (checked like a profile's answers).

    Examples
    --------
    >>> result = evaluate(CRITERIA["recruiting_rewards"], Facts({}, {}))
    >>> result.low, result.high, float(result.coverage)
    (0.0, 1.0, 0.0)
    >>> evaluate(CRITERIA["recruiting_rewards"], {"pay_plan.pay_for_recruiting": True}).points
    0.0
    """
    check_instance("criterion", criterion, Criterion, 'it must be a Criterion, such as CRITERIA["buyback"]')
    if isinstance(facts, Mapping):
        facts = Facts(facts, {})
    elif hasattr(facts, "facts") and callable(facts.facts) and not isinstance(facts, Facts):  # a Profile
        facts = facts.facts()
    if not isinstance(facts, Facts):
        raise fail("facts", facts, "it must be Facts, a Profile or a mapping of dotted field path -> answer")
    if lines is not None:
        check_instance("lines", lines, ProjectLines, "it must be a ProjectLines object or None")
    return criterion.rule(facts, lines or ProjectLines())


def _pct(share: float) -> str:
    return f"{share:.0%}"


def _interval_text(interval: Interval, unit: str = "USD") -> str:
    if not interval.known and interval.low == 0 and interval.high in (math.inf, 1.0):
        return "unknown"
    if unit == "USD":
        if interval.high == math.inf:
            return f"at least {format_usd(interval.low)}"
        if interval.low == interval.high:
            return format_usd(interval.low)
        return format_usd(Range(interval.low, interval.high))
    if unit == "share":
        if interval.low == interval.high:
            return _pct(interval.low)
        return f"{_pct(interval.low)} to {_pct(interval.high)}"
    if interval.low == interval.high:
        return f"{interval.low:g} {unit}".strip()
    return f"{interval.low:g} to {interval.high:g} {unit}".strip()


def _down(interval: Interval, full_at: float, zero_at: float, fraction: float = 1.0) -> Part:
    low, high = interval_points_down(interval, full_at, zero_at)
    return Part(fraction, low, high, interval.known)


def _up(interval: Interval, full_at: float, fraction: float = 1.0) -> Part:
    low, high = interval_points_up(interval, full_at)
    return Part(fraction, low, high, interval.known)


def _choice(facts: Facts, path: str, table: Mapping[Any, float], fraction: float = 1.0) -> Part:
    options = facts.options(path)
    low, high = option_points(options, table)
    return Part(fraction, low, high, len(options) == 1)


def _one_answer(f: Facts, path: str, table: Mapping[Any, float], reasons: Mapping[str, str] | str, unknown: str = "") -> Assessment:
    """The one scoring path of a criterion read from a single choice or yes/no answer.

    Points come from ``table`` (each possible answer -> points; an unknown answer spans
    them all); the reason is ``reasons`` with ``{answer}`` filled in, or ``reasons[answer]``
    (the answer in words: ``"yes"``, ``"retail sales"``...), else ``unknown``.
    """
    answer = describe_options(f.options(path))
    reason = reasons.format(answer=answer) if isinstance(reasons, str) else reasons.get(answer, unknown)
    return _assess([_choice(f, path, table)], reason)


def _one_answer_rule(path: str, table: Mapping[Any, float], reasons: Mapping[str, str] | str, unknown: str = "") -> Rule:
    """The rule of a criterion scored on one answer: :func:`_one_answer` with these settings."""

    def rule(f: Facts, lines: ProjectLines) -> Assessment:
        return _one_answer(f, path, table, reasons, unknown)

    return rule


#: Points of a yes/no answer where "yes" is the warning sign.
_YES_IS_WARNING = {True: 0.0, False: 1.0}


# ------------------------------------------------------------------ product rules


def _outside_customers(f: Facts, lines: ProjectLines) -> Assessment:
    share = f.number("product.outside_customer_share")
    return _assess(
        [_up(share, 1.0)],
        f"{_interval_text(share, 'share')} of product sales go to customers outside the business; "
        f"points are that share. The Vemma order required more than {_pct(VEMMA_MIN_NON_PARTICIPANT_SHARE)} "
        "of a group's revenue from non-participants before paying anyone. (Herbalife's 80% line is "
        "not comparable: it also counts capped personal use.)",
    )


def _price(f: Facts, lines: ProjectLines) -> Assessment:
    ratio = f.number("product.price_vs_retail")
    zero = lines.price_ratio_zero_points
    return _assess(
        [_down(ratio, 1.0, zero)],
        f"The price is {_interval_text(ratio, 'times')} a comparable shop product; full points at or "
        f"below the shop price, none at {zero:g} times it ({OWN}).",
    )


_REPEAT_POINTS = {"rare": 0.2, "some": 0.6, "common": 1.0}


_repeat = _one_answer_rule(
    "product.repeat_purchases",
    _REPEAT_POINTS,
    "Repeat purchases by outside customers: {answer}. Real demand shows in customers who buy "
    "again without joining (Neora's large preferred-customer base weighed with the court).",
)


_CLAIM_POINTS = {"miracle": 0.0, "unsubstantiated": 0.4, "substantiated": 1.0}


_claims = _one_answer_rule(
    "product.claims",
    _CLAIM_POINTS,
    "Product claims: {answer}. 'Miracle' claims are a warning sign; ask for independent evidence.",
)


# ------------------------------------------------------------------ pay-plan rules


def _pay_source(f: Facts, lines: ProjectLines) -> Assessment:
    share = f.number("pay_plan.retail_reward_share")
    return _assess(
        [_up(share, HERBALIFE_MIN_RETAIL_REWARD_SHARE)],
        f"{_interval_text(share, 'share')} of all rewards the plan pays come from sales to outside "
        "customers; full points from two-thirds, the share of all rewards the Herbalife order "
        "requires from verified retail sales (a company-wide line).",
    )


_recruiting = _one_answer_rule(
    "pay_plan.pay_for_recruiting",
    _YES_IS_WARNING,
    {
        "yes": "The plan pays for signing people up: rewards for recruiting that are unrelated to "
        "sales to ultimate users are the core of the Koscot test.",
        "no": "The plan pays nothing for recruiting itself.",
    },
    "Whether the plan pays for recruiting is unknown: ask before anything else.",
)


_package_pay = _one_answer_rule(
    "pay_plan.pay_grows_with_package",
    _YES_IS_WARNING,
    {
        "yes": "A dearer joining package unlocks more pay: buying in, not selling, raises what you "
        "can earn (BurnLounge's packages).",
        "no": "Pay does not depend on which joining package was bought.",
    },
    "Whether a bigger package unlocks more pay is unknown.",
)


def _entry_cost(f: Facts, lines: ProjectLines) -> Assessment:
    cost = f.joining_cost()
    full, zero = lines.entry_cost_full_points_usd, lines.entry_cost_zero_points_usd
    return _assess(
        [_down(cost, full, zero)],
        f"Joining costs {_interval_text(cost)} (fee, required kit and the cheapest package that can "
        f"earn pay); full points up to {format_usd(full)}, none from {format_usd(zero)} ({OWN}s: "
        "the first from a 2010 BBB median starter kit).",
    )


def _monthly(f: Facts, lines: ProjectLines) -> Assessment:
    monthly = f.monthly_cost()
    zero = lines.monthly_purchase_zero_points_usd
    part = _down(monthly, 0.0, zero)
    if monthly.known and monthly.high == 0:
        return _assess([part], "No purchase or fee is required each month to stay active or be paid.")
    return _assess(
        [part],
        f"You must buy or pay {_interval_text(monthly)} a month to stay active or be paid ('pay to "
        f"play'); no points from {format_usd(zero)} a month ({OWN}).",
    )


def _renewal(f: Facts, lines: ProjectLines) -> Assessment:
    renewal = f.renewal_cost()
    zero = lines.renewal_zero_points_usd
    return _assess(
        [_down(renewal, 0.0, zero)],
        f"Yearly renewal fees: {_interval_text(renewal)}; no points from {format_usd(zero)} a year ({OWN}).",
    )


def _buyback(f: Facts, lines: ProjectLines) -> Assessment:
    share = f.number("pay_plan.buyback_share")
    months = f.number("pay_plan.buyback_window_months")
    fee = f.number("pay_plan.restocking_fee_share")
    fee_zero = lines.restocking_fee_zero_points_share
    if share.known and share.high == 0:
        return _assess([Part(1.0, 0.0, 0.0, True)], "The company does not buy back unsold product.")
    none_possible = share.low == 0  # with no buy-back, window and fee earn nothing either
    share_part = _up(share, DSA_BUYBACK_MIN_SHARE, 0.4)
    window = _up(months, DSA_BUYBACK_WINDOW_MONTHS, 0.4)
    restock = _down(fee, 0.0, fee_zero, 0.2)
    if none_possible:
        window = Part(0.4, 0.0, window.high, window.known and share.known)
        restock = Part(0.2, 0.0, restock.high, restock.known and share.known)
    return _assess(
        [share_part, window, restock],
        f"Buys back unsold product at {_interval_text(share, 'share')} of cost within "
        f"{_interval_text(months, 'months')}, restocking fee {_interval_text(fee, 'share')}; full "
        f"points at the DSA Code's {_pct(DSA_BUYBACK_MIN_SHARE)} within {DSA_BUYBACK_WINDOW_MONTHS} "
        f"months with no fee (no points for a fee from {_pct(fee_zero)}, {OWN}).",
    )


def _kit_refund(f: Facts, lines: ProjectLines) -> Assessment:
    joining = f.number("pay_plan.starter_kit_usd") + f.package_part("price_usd")
    if joining.known and joining.high == 0:
        return _assess([Part(1.0, 1.0, 1.0, True)], "Nothing to refund: no kit or package is required.")
    share = f.number("pay_plan.kit_refund_share")
    return _assess(
        [_up(share, 1.0)],
        f"If you quit, {_interval_text(share, 'share')} of the kit or package price is refunded "
        "(apart from the inventory buy-back).",
    )


_SAFEGUARD_POINTS = {"none": 0.0, "on_paper": 0.25, "enforced": 1.0}


def _safeguards(f: Facts, lines: ProjectLines) -> Assessment:
    paths = ("safeguards.sell_through_rule", "safeguards.retail_customer_rule", "safeguards.retail_sales_condition")
    parts = [_choice(f, path, _SAFEGUARD_POINTS, 1 / 3) for path in paths]
    described = "; ".join(f"{FIELDS[p].label}: {describe_options(f.options(p))}" for p in paths)
    return _assess(
        parts,
        f"{described}. Amway's rules tied bonuses to sales; Omnitrition held that rules on paper "
        "do not help unless they actually tie rewards to retail sales.",
    )


_RANK_POINTS = {"recruiting": 0.0, "purchases": 0.3, "retail_sales": 1.0}


_ranks = _one_answer_rule(
    "pay_plan.rank_requirements",
    _RANK_POINTS,
    {
        "recruiting": "Ranks are reached by recruiting: advancement by recruitment is a red flag.",
        "purchases": "Ranks are reached by buying volume, which rewards buying to qualify rather "
        "than customer demand.",
        "retail sales": "Ranks are reached through sales to outside customers.",
    },
    "What the ranks require is unknown.",
)


def _levels(f: Facts, lines: ProjectLines) -> Assessment:
    levels = f.number("pay_plan.paid_levels")
    zero = lines.paid_levels_zero_points
    return _assess(
        [_down(levels, TAYLOR_MAX_PAID_LEVELS, zero)],
        f"Pays on {_interval_text(levels, 'levels')}; full points up to {TAYLOR_MAX_PAID_LEVELS} "
        f"(Taylor: more than the four management levels a sales force needs is a red flag), none "
        f"from {zero} ({OWN}).",
    )


def _revenue(f: Facts, lines: ProjectLines) -> Assessment:
    share = f.revenue_share(capped=False)
    return _assess(
        [_up(share, 1.0)],
        f"{_interval_text(share, 'share')} of the company's revenue came from non-participants; "
        f"points are that share. The Vemma order paid nobody unless more than "
        f"{_pct(VEMMA_MIN_NON_PARTICIPANT_SHARE)} of their group's revenue came from non-participants.",
    )


# ------------------------------------------------------------------ company rules


def _track_record(f: Facts, lines: ProjectLines) -> Assessment:
    years = f.number("company.years_operating")
    full = lines.years_for_full_points
    return _assess(
        [_up(years, full)],
        f"Operating for {_interval_text(years, 'years')}; full points from {full:g} years ({OWN}).",
    )


def _financials(f: Facts, lines: ProjectLines) -> Assessment:
    statements = _choice(f, "company.financial_statements", {True: 1.0, False: 0.0}, 0.7)
    public = _choice(f, "company.ownership", {"public": 1.0, "private": 0.0}, 0.3)
    seen = describe_options(f.options("company.financial_statements"))
    owner = describe_options(f.options("company.ownership"))
    return _assess([statements, public], f"Financial statements available: {seen}; ownership: {owner}.")


_LEGAL_POINTS = {"order_or_judgment": 0.0, "pending": 0.4, "won_or_dismissed": 0.8, "none_found": 1.0}


def _legal(f: Facts, lines: ProjectLines) -> Assessment:
    actions = f.items("legal_actions") or ()
    cited = "; ".join(f"{a['citation']} ({a['year']}, {a['kind'].replace('_', ' ')})" for a in actions[:3])
    cited = f" {cited}." if cited else ""
    return _one_answer(
        f,
        "company.legal_actions",
        _LEGAL_POINTS,
        {
            "order or judgment": f"A regulator or court order or judgment in the last {LEGAL_ACTION_LOOKBACK_YEARS} years.{cited}",
            "pending": f"A regulator or court case is pending.{cited}",
            "won or dismissed": f"Only cases the company won or that were dismissed.{cited}",
            "none found": f"No regulator or court action found in the last {LEGAL_ACTION_LOOKBACK_YEARS} years.{cited}",
        },
        f"Legal actions unknown: check the FTC, the SEC, the state Attorney General and the courts.{cited}",
    )


_COMPLAINT_POINTS = {"many": 0.0, "some": 0.5, "few": 1.0}


_complaints = _one_answer_rule("company.complaints", _COMPLAINT_POINTS, "Complaints found (BBB, state AG, search): {answer}.")


_disclosure = _one_answer_rule(
    "income_disclosure.published",
    {"published": 1.0, "not_published": 0.0},
    {
        "published": "An income disclosure statement is published: read the median, not the average.",
        "not published": "No income disclosure statement: you cannot see what participants really earn.",
    },
    "Whether an income disclosure is published is unknown.",
)


def _typical_pay(f: Facts, lines: ProjectLines) -> Assessment:
    share = f.number("income_disclosure.share_paid_nothing")
    counts = f.options("income_disclosure.counts_inactive")
    paid_low, paid_high = 1.0 - share.high, 1.0 - share.low
    if True in counts and len(counts) == 1:
        part = Part(1.0, paid_low, paid_high, share.known)
        note = "the disclosure counts inactive members"
        return _assess([part], f"{_interval_text(share, 'share')} of participants were paid nothing in the year; points are the share paid something ({note}).")
    # Active members only (or not known): the true share paid nothing among everyone who
    # joined can only be higher, so the known figure is a best case.
    parts = [Part(0.5, paid_low, paid_high, share.known), Part(0.5, 0.0, paid_high, False)]
    note = (
        "the disclosure leaves out inactive members, so the true share paid nothing is higher (the FTC faulted AdvoCare for this)"
        if False in counts and len(counts) == 1
        else "whether inactive members are counted is unknown"
    )
    return _assess(parts, f"{_interval_text(share, 'share')} of participants counted were paid nothing; {note}.")


_CLAIMS_POINTS = {"lifestyle": 0.0, "income_figures": 0.4, "typical_results_only": 0.8, "none": 1.0}


_earnings_claims = _one_answer_rule(
    "company.earnings_claims",
    _CLAIMS_POINTS,
    {
        "lifestyle": "Recruiting promises a lifestyle (cars, quitting your job): likely misleading if "
        "participants generally do not achieve it.",
        "income figures": "Recruiting quotes income figures; ask what typical participants earn.",
        "typical results only": "Recruiting quotes only typical results.",
        "none": "Recruiting makes no earnings claims.",
    },
    "How recruiting talks about income is unknown.",
)


_CRITERIA_LIST = [
    Criterion("outside_customers", "product", "Sold to real outside customers", ("product.outside_customer_share",), 3.0,
              ("ftc_mlm_guidance", "vemma_2016", "investor_gov_pyramid"), _outside_customers),
    Criterion("price_vs_retail", "product", "Price against comparable products", ("product.price_vs_retail",), 2.0,
              ("ct_dcp_mlm",), _price),
    Criterion("repeat_demand", "product", "Repeat demand from customers", ("product.repeat_purchases",), 2.0,
              ("ftc_mlm_guidance", "neora_2023"), _repeat),
    Criterion("product_claims", "product", "Claims backed by evidence", ("product.claims",), 1.0,
              ("ftc_nasaa_tips", "ct_dcp_mlm"), _claims),
    Criterion("pay_from_retail", "pay_plan", "Pay comes from retail sales", ("pay_plan.retail_reward_share",), 3.0,
              ("herbalife_2016", "omnitrition_1996", "ftc_mlm_guidance"), _pay_source),
    Criterion("recruiting_rewards", "pay_plan", "No pay for recruiting", ("pay_plan.pay_for_recruiting",), 3.0,
              ("koscot_1975", "ftc_nasaa_tips", "vemma_2016", "burnlounge_2014"), _recruiting),
    Criterion("revenue_from_outsiders", "pay_plan", "Revenue from non-participants",
              ("revenue.non_participant_share", "revenue.non_participant_sales_usd", "revenue.participant_payments_usd"), 3.0,
              ("vemma_2016", "telexfree_2018", "investor_gov_pyramid"), _revenue),
    Criterion("package_pay", "pay_plan", "Pay does not grow with the package bought", ("pay_plan.pay_grows_with_package",), 2.0,
              ("burnlounge_2014", "koscot_1975"), _package_pay),
    Criterion("entry_cost", "pay_plan", "Low cost to join",
              ("pay_plan.entry_fee_usd", "pay_plan.starter_kit_usd", "pay_plan.packages"), 2.0,
              ("bbb_starter_kit", "dsa_code", "investor_gov_pyramid"), _entry_cost),
    Criterion("required_purchases", "pay_plan", "No required monthly purchases",
              ("pay_plan.monthly_purchase_usd", "pay_plan.packages"), 2.0,
              ("ftc_telltale_signs_2014", "taylor_2011", "vemma_2016"), _monthly),
    Criterion("renewal", "pay_plan", "No yearly renewal fees", ("pay_plan.yearly_renewal_usd", "pay_plan.packages"), 1.0,
              ("investor_gov_pyramid", "dsa_code"), _renewal),
    Criterion("buyback", "pay_plan", "Buys back unsold product",
              ("pay_plan.buyback_share", "pay_plan.buyback_window_months", "pay_plan.restocking_fee_share"), 2.0,
              ("dsa_code", "amway_1979", "ca_ag_pyramid", "neora_2023"), _buyback),
    Criterion("kit_refund", "pay_plan", "Kit or package refunded", ("pay_plan.kit_refund_share",), 1.0,
              ("dsa_code", "ca_ag_pyramid"), _kit_refund),
    Criterion("safeguards", "pay_plan", "Safeguards that are enforced",
              ("safeguards.sell_through_rule", "safeguards.retail_customer_rule", "safeguards.retail_sales_condition"), 2.0,
              ("amway_1979", "amway_rule_4_18", "omnitrition_1996"), _safeguards),
    Criterion("rank_requirements", "pay_plan", "Ranks earned by selling", ("pay_plan.rank_requirements",), 2.0,
              ("taylor_2011", "ftc_mlm_guidance"), _ranks),
    Criterion("paid_levels", "pay_plan", "Few paid levels", ("pay_plan.paid_levels",), 1.0, ("taylor_2011",), _levels),
    Criterion("track_record", "company", "Track record", ("company.years_operating",), 1.0,
              ("ct_dcp_mlm", "aarp_tips_2018"), _track_record),
    Criterion("financial_transparency", "company", "Financial statements",
              ("company.financial_statements", "company.ownership"), 1.0, ("ct_dcp_mlm",), _financials),
    Criterion("legal_actions", "company", "No regulator or court actions", ("company.legal_actions", "legal_actions"), 2.0,
              ("ftc_business_opportunity_rule", "ftc_nasaa_tips"), _legal),
    Criterion("complaints", "company", "Few complaints", ("company.complaints",), 1.0,
              ("ftc_nasaa_tips", "aarp_tips_2018"), _complaints),
    Criterion("income_disclosure", "company", "Income disclosure published", ("income_disclosure.published",), 2.0,
              ("ftc_ids_report_2024", "bbb_ftc_sponsor_questions"), _disclosure),
    Criterion("typical_pay", "company", "Most participants are paid",
              ("income_disclosure.share_paid_nothing", "income_disclosure.counts_inactive"), 2.0,
              ("ftc_ids_report_2024", "advocare_2019"), _typical_pay),
    Criterion("earnings_claims", "company", "Honest earnings claims", ("company.earnings_claims",), 1.0,
              ("ftc_mlm_earnings_claims", "ftc_telltale_signs_2014"), _earnings_claims),
]

#: Every criterion by key, grouped by area in report order.
CRITERIA: dict[str, Criterion] = {criterion.key: criterion for criterion in _CRITERIA_LIST}
