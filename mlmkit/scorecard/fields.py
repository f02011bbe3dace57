"""The company-profile format: every field, what it means, what is allowed.

One table drives everything about a profile's single answers: loading and validating
TOML files, saving them, the form in the notebook, the questions to ask a recruiter
and the documentation in ``data/companies/README.md``. Each field has a dotted path
such as ``product.price_vs_retail`` (the TOML table, a dot, the key). The lists a
profile may hold (joining packages, legal actions, income-disclosure brackets) are
described by :data:`LISTS`.

Every answer except the company's name may be the string ``"unknown"``, and a number
may be a range, ``{ low = 289, high = 1375 }``, where the documents give one. Unknown
is a legal answer: the scorecard leaves it out of the score on known answers, shows
what it could do in the score's range, and turns it into a question to ask.

For fields that are scored, ``better`` says which way is better (``"higher"``,
``"lower"``, ``"true"``, ``"false"``) and choice fields list their choices from worst
to best; the property tests use this to check that improving one answer never lowers
the score.

This is education, not legal or financial advice.

Examples
--------
>>> FIELDS["product.price_vs_retail"].kind
'number'
>>> FIELDS["company.legal_actions"].choices
('order_or_judgment', 'pending', 'won_or_dismissed', 'none_found')
>>> [path for path in FIELDS if path.startswith("product.")][:3]
['product.name', 'product.consumable', 'product.price_vs_retail']
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from numbers import Integral
from typing import Any, TypeGuard

import numpy as np

from mlmkit._display import format_usd as _format_usd
from mlmkit._validation import MlmkitInputError, check_int, check_number, fail

__all__ = [
    "FIELDS",
    "FORMAT_VERSION",
    "LISTS",
    "SECTIONS",
    "UNKNOWN",
    "Field",
    "ListSpec",
    "Range",
    "describe_allowed",
    "format_usd",
    "is_known",
    "is_unknown",
]

#: The answer that means "I don't know yet". Legal everywhere except ``company.name``.
UNKNOWN = "unknown"

#: The format version this module describes (written as ``format = 2`` at the top of a file).
FORMAT_VERSION = 2

#: The tables of a profile file, in the order they are written.
SECTIONS = ("company", "product", "pay_plan", "revenue", "safeguards", "income_disclosure")

#: Plain titles of the tables (for forms and reports).
SECTION_TITLES = {
    "company": "Company",
    "product": "Product",
    "pay_plan": "Pay plan",
    "revenue": "Where the revenue comes from",
    "safeguards": "Safeguards",
    "income_disclosure": "Income disclosure",
}

KINDS = ("text", "bool", "number", "int", "choice", "rates", "date")


@dataclass(frozen=True)
class Range:
    """A number the documents give as a range, e.g. buy-ins "from USD 289 to 1,375".

    Written in a profile as an inline table: ``{ low = 289, high = 1375 }``.

    Both ends must be finite numbers (not true/false) with ``low`` at most ``high``.

    Examples
    --------
    >>> Range(289, 1375).mid
    832.0
    >>> str(Range(289, 1375))
    '289 to 1,375'
    >>> Range(5, True)
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: high = True is not allowed: it must be a number.
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        low = check_number("low", self.low)
        high = check_number("high", self.high)
        if low > high:
            raise fail("high", self.high, f"it must be at least low ({low:g})")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    @property
    def mid(self) -> float:
        """The middle of the range."""
        return (self.low + self.high) / 2

    def __str__(self) -> str:
        return f"{_money(self.low)} to {_money(self.high)}"


@dataclass(frozen=True)
class Field:
    """One answer in a company profile.

    Parameters
    ----------
    path : str
        ``"<table>.<key>"``, e.g. ``"pay_plan.entry_fee_usd"``.
    kind : str
        ``"text"``, ``"bool"``, ``"number"``, ``"int"``, ``"choice"`` or ``"rates"``
        (a list of rates between 0 and 1).
    label : str
        Short label for forms and reports.
    help : str
        What the field means, in a sentence (used in the README and the form).
    question : str
        What to ask the person recruiting you when the answer is unknown.
    required : bool
        Whether a profile must give an answer (``"unknown"`` counts as an answer).
    choices : tuple of str
        For ``"choice"`` fields: the allowed answers, from worst to best when scored.
    low, high : float, optional
        Bounds for numbers.
    unit : str
        Unit printed after numbers.
    better : str
        ``"higher"``, ``"lower"``, ``"true"``, ``"false"`` or ``"order"`` (choices are
        worst to best); ``""`` for descriptive fields that are not scored.
    """

    path: str
    kind: str
    label: str
    help: str
    question: str = ""
    required: bool = True
    choices: tuple[str, ...] = ()
    low: float | None = None
    high: float | None = None
    unit: str = ""
    better: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:  # a programming error in this table, not user input
            raise ValueError(f"{self.path}: unknown kind {self.kind!r}")

    @property
    def section(self) -> str:
        """The TOML table the field lives in."""
        return self.path.split(".", 1)[0]

    @property
    def key(self) -> str:
        """The key inside its table."""
        return self.path.split(".", 1)[1]

    @property
    def unknown_allowed(self) -> bool:
        """Whether ``"unknown"`` is accepted (everywhere except the company's name)."""
        return self.path != "company.name"


def is_unknown(value: Any) -> bool:
    """True if an answer is the legal "I don't know" answer.

    Examples
    --------
    >>> is_unknown("unknown"), is_unknown(0)
    (True, False)
    """
    return isinstance(value, str) and value == UNKNOWN


def is_known(value: Any) -> TypeGuard[Any]:
    """True if an answer was given and is not ``"unknown"`` (``None`` means not given).

    Examples
    --------
    >>> is_known(0), is_known(None), is_known("unknown")
    (True, False, False)
    """
    return value is not None and not is_unknown(value)


def format_usd(amount: Any) -> str:
    """Money as reports print it: ``USD 1,200`` (cents shown when there are any).

    The project's one money format (``mlmkit._display.format_usd``): "USD" first rather
    than a dollar sign, because notebook front-ends read text between two dollar signs as
    mathematics. A :class:`Range` prints as ``USD 289 to 1,375``.

    Examples
    --------
    >>> format_usd(1200.0), format_usd(49), format_usd(129.95), format_usd(Range(289, 1375))
    ('USD 1,200', 'USD 49', 'USD 129.95', 'USD 289 to 1,375')
    >>> format_usd(float("nan"))
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: amount = nan is not allowed: it must be a finite number or a Range.
    """
    if isinstance(amount, Range):
        cents = _has_cents(amount.low) or _has_cents(amount.high)
        return _format_usd(amount.high, cents=cents, low=amount.low)
    try:
        number = check_number("amount", amount)
    except MlmkitInputError:
        raise fail("amount", amount, "it must be a finite number or a Range") from None
    return _format_usd(number, cents=_has_cents(number))


def _has_cents(amount: float) -> bool:
    return abs(amount - round(amount)) >= 0.005


def _money(amount: float) -> str:
    if amount != amount or amount in (float("inf"), float("-inf")):
        return "unknown"
    return f"{amount:,.2f}" if _has_cents(amount) else f"{amount:,.0f}"


def describe_allowed(field: Field) -> str:
    """What a field accepts, in words (used in error messages and the README).

    Examples
    --------
    >>> describe_allowed(FIELDS["product.outside_customer_share"])
    'a number between 0 and 1 (a share: 0.25 means 25%), or a range such as { low = 1, high = 2 }, or "unknown"'
    >>> describe_allowed(FIELDS["company.name"])
    'text (a non-empty string)'
    """
    if not isinstance(field, Field):
        raise fail("field", field, 'it must be a Field, such as FIELDS["product.price_vs_retail"]')
    if field.kind == "text":
        text = "text (a non-empty string)" if field.path == "company.name" else "text"
    elif field.kind == "bool":
        text = "true or false"
    elif field.kind == "choice":
        text = "one of " + ", ".join(f'"{choice}"' for choice in field.choices)
    elif field.kind == "rates":
        text = "a list of rates between 0 and 1, like [0.10, 0.05, 0.05]"
    elif field.kind == "date":
        text = 'a date, like 2026-11-20 (or "2026-11-20")'
    else:
        noun = "a whole number" if field.kind == "int" else "a number"
        if field.low is not None and field.high is not None:
            text = f"{noun} between {field.low:g} and {field.high:g}"
        elif field.low is not None:
            text = f"{noun} of at least {field.low:g}"
        else:
            text = noun
        if field.unit:
            text += f" ({field.unit})"
        if field.kind == "number":
            text += ", or a range such as { low = 1, high = 2 }"
    if field.unknown_allowed:
        text += ', or "unknown"'
    return text


_SHARE = "a share: 0.25 means 25%"

_FIELD_LIST = [
    # ---------------------------------------------------------------- company
    Field(
        "company.name",
        "text",
        "Company name",
        "The company's name as it appears in reports.",
    ),
    Field(
        "company.fictional",
        "bool",
        "Fictional example",
        "true for the made-up example companies shipped with mlmkit.",
        required=False,
    ),
    Field(
        "company.description",
        "text",
        "Description",
        "One or two sentences on what the company sells and how.",
        required=False,
    ),
    Field(
        "company.years_operating",
        "number",
        "Years operating",
        "How many years the company has been selling.",
        "How many years has the company been operating, and under which names?",
        low=0,
        high=300,
        unit="years",
        better="higher",
    ),
    Field(
        "company.ownership",
        "choice",
        "Ownership",
        "Publicly traded companies must publish audited accounts; private ones need not.",
        "Is the company publicly traded or privately owned, and by whom?",
        choices=("private", "public"),
        better="order",
    ),
    Field(
        "company.financial_statements",
        "bool",
        "Financial statements available",
        "Whether the company's financial statements (revenue, profit, debts) can be read.",
        "Can I see the company's financial statements for the last three years?",
        better="true",
    ),
    Field(
        "company.facts_gathered",
        "date",
        "Facts gathered on",
        "The date the answers in this profile were gathered (documents change; an old profile "
        "may be out of date). Not scored.",
        "When were these facts last checked?",
        required=False,
    ),
    Field(
        "company.legal_actions",
        "choice",
        "Regulator or court actions",
        "Actions by a regulator or court against the company or its officers for fraud, "
        "deceptive practices or running a pyramid in the last 10 years: an order or judgment "
        "(settlements included), a pending case, only cases the company won or that were "
        "dismissed, or none found after checking. If left out, it is worked out from the "
        "[[legal_actions]] list and company.facts_gathered.",
        "Has the company or any of its officers faced a regulator or court action for fraud "
        "or deceptive practices in the last 10 years?",
        choices=("order_or_judgment", "pending", "won_or_dismissed", "none_found"),
        better="order",
    ),
    Field(
        "company.complaints",
        "choice",
        "Complaints",
        "Complaints found at the Better Business Bureau, the state Attorney General or by "
        "searching the name with 'scam' or 'complaint'.",
        "What complaints have been made about the company (BBB, state Attorney General)?",
        choices=("many", "some", "few"),
        better="order",
    ),
    Field(
        "company.earnings_claims",
        "choice",
        "Earnings claims in recruiting",
        "How recruiting material talks about income: lifestyle promises (cars, quitting your "
        "job), specific income figures, only typical results, or no earnings claims at all.",
        "What income do people like me typically make, and where is that written down?",
        choices=("lifestyle", "income_figures", "typical_results_only", "none"),
        better="order",
    ),
    # ---------------------------------------------------------------- product
    Field(
        "product.name",
        "text",
        "Product",
        "What the product is, in a few words.",
        required=False,
    ),
    Field(
        "product.consumable",
        "bool",
        "Consumable",
        "Whether the product is used up and bought again (food, cosmetics) rather than "
        "bought once (cookware). Descriptive, not scored.",
        "Is the product used up and re-bought, or bought once?",
        required=False,
    ),
    Field(
        "product.price_vs_retail",
        "number",
        "Price vs comparable retail",
        "The product's price divided by the price of a comparable product in ordinary shops: "
        "1.0 is the same price, 1.5 is 50% dearer.",
        "What does a comparable product cost in an ordinary shop?",
        low=0,
        high=20,
        unit="times the comparable retail price",
        better="lower",
    ),
    Field(
        "product.outside_customer_share",
        "number",
        "Sales to outside customers",
        "Share of the product's sales that go to customers who are not in the business.",
        "What share of sales goes to customers who are not participants?",
        low=0,
        high=1,
        unit=_SHARE,
        better="higher",
    ),
    Field(
        "product.repeat_purchases",
        "choice",
        "Repeat purchases by customers",
        "How often outside customers buy again without being in the business.",
        "Do customers who are not in the business buy again? How many of them?",
        choices=("rare", "some", "common"),
        better="order",
    ),
    Field(
        "product.claims",
        "choice",
        "Product claims",
        "What is claimed for the product: 'miracle' claims (cures, dramatic results), claims "
        "without independent evidence, or claims backed by independent evidence.",
        "What independent evidence supports what is claimed for the product?",
        choices=("miracle", "unsubstantiated", "substantiated"),
        better="order",
    ),
    # ---------------------------------------------------------------- pay plan
    Field(
        "pay_plan.type",
        "choice",
        "Plan type",
        "The shape of the pay plan. Descriptive, not scored.",
        "What kind of pay plan is it (unilevel, binary, matrix, breakaway)?",
        choices=("unilevel", "binary", "matrix", "breakaway", "hybrid", "other"),
    ),
    Field(
        "pay_plan.personal_rate",
        "number",
        "Own commission rate",
        "Commission or retail margin on your own sales, as a share of the sale.",
        "What do I earn on my own sales?",
        required=False,
        low=0,
        high=1,
        unit=_SHARE,
    ),
    Field(
        "pay_plan.level_rates",
        "rates",
        "Level rates",
        "For level-based plans (unilevel, matrix): the share of each sale paid to the "
        "seller's sponsor (in a matrix, the member one matrix level up), the sponsor's "
        "sponsor, and so on.",
        "What share of a sale is paid on each level above the seller?",
        required=False,
    ),
    Field(
        "pay_plan.paid_levels",
        "int",
        "Levels paid",
        "On how many levels below you the plan pays overrides. If left out it is the length "
        "of level_rates.",
        "On how many levels of my downline would I be paid?",
        low=0,
        high=100,
        better="lower",
    ),
    Field(
        "pay_plan.matrix_width",
        "int",
        "Matrix width",
        "For matrix plans: how many people may sit directly below anyone (3 in a 3 x 7 "
        "matrix); later recruits spill over below them.",
        "How wide is the matrix: how many people can be placed directly below me?",
        required=False,
        low=1,
        high=100,
        unit="places",
    ),
    Field(
        "pay_plan.pairing_rate",
        "number",
        "Pairing rate",
        "For binary plans: the share of the weaker leg's volume paid as the pairing "
        "(cycle) bonus.",
        "What share of my weaker leg's volume is paid as the pairing bonus, and is it capped?",
        required=False,
        low=0,
        high=1,
        unit=_SHARE,
    ),
    Field(
        "pay_plan.breakaway_rate",
        "number",
        "Breakaway rank rate",
        "For breakaway (stair-step) plans: the rate of the rank at which you break away, as "
        "a share of your group's volume (your own rate is personal_rate; you earn the "
        "difference on your group's sales).",
        "What rate does the breakaway rank earn on its group's volume?",
        required=False,
        low=0,
        high=1,
        unit=_SHARE,
    ),
    Field(
        "pay_plan.breakaway_group_volume_usd",
        "number",
        "Breakaway group volume",
        "For breakaway (stair-step) plans: the group volume (your own plus your group's "
        "sales and purchases) you need in a month to reach the breakaway rank.",
        "How much group volume a month do I need to reach the breakaway rank?",
        required=False,
        low=0,
        unit="USD per month",
    ),
    Field(
        "pay_plan.generation_rates",
        "rates",
        "Generation overrides",
        "For breakaway (stair-step) plans: the override paid on the 1st, 2nd, ... "
        "generation of groups that broke away below you ([] if none).",
        "What override do I earn on groups that break away below me, and for how many "
        "generations?",
        required=False,
    ),
    Field(
        "pay_plan.entry_fee_usd",
        "number",
        "Entry fee",
        "Fee to join, before any product.",
        "What does it cost to join, in fees?",
        low=0,
        unit="USD",
        better="lower",
    ),
    Field(
        "pay_plan.starter_kit_usd",
        "number",
        "Required starter kit",
        "Price of the starter kit or pack you must buy to join (0 if none is required).",
        "Do I have to buy a starter kit or pack, and what does it cost?",
        low=0,
        unit="USD",
        better="lower",
    ),
    Field(
        "pay_plan.monthly_purchase_usd",
        "number",
        "Monthly purchase required",
        "Purchases or autoship you must buy each month to stay active or qualify for pay "
        "(0 if none).",
        "Must I buy anything each month (autoship) to stay active or be paid?",
        low=0,
        unit="USD per month",
        better="lower",
    ),
    Field(
        "pay_plan.rank_requirements",
        "choice",
        "What ranks require",
        "What moves you up the ranks: recruiting people, buying volume (yours and your "
        "downline's), or retail sales to outside customers.",
        "What exactly do I need to do to reach each rank?",
        choices=("recruiting", "purchases", "retail_sales"),
        better="order",
    ),
    Field(
        "pay_plan.buyback_share",
        "number",
        "Buy-back share",
        "Share of the cost the company refunds when you return unsold product (0 if it "
        "does not buy product back).",
        "If I quit, will the company buy back unsold product, at what share of what I paid?",
        low=0,
        high=1,
        unit=_SHARE,
        better="higher",
    ),
    Field(
        "pay_plan.buyback_window_months",
        "number",
        "Buy-back window",
        "How many months after buying you can still return product (0 if no buy-back).",
        "How long after buying can I return product?",
        low=0,
        high=120,
        unit="months",
        better="higher",
    ),
    Field(
        "pay_plan.restocking_fee_share",
        "number",
        "Restocking fee",
        "Share of the refund the company keeps as a restocking fee when it buys product back "
        "(0 if none).",
        "Is there a restocking fee when I return product, and how much is it?",
        required=False,
        low=0,
        high=1,
        unit=_SHARE,
        better="lower",
    ),
    Field(
        "pay_plan.kit_refund_share",
        "number",
        "Kit or package refund",
        "Share of the starter kit or joining package price refunded if you quit and return it "
        "(apart from the inventory buy-back; 0 if no refund).",
        "If I quit, is the starter kit or joining package refunded, and how much of it?",
        required=False,
        low=0,
        high=1,
        unit=_SHARE,
        better="higher",
    ),
    Field(
        "pay_plan.yearly_renewal_usd",
        "number",
        "Yearly renewal fee",
        "Fee paid every year to stay a participant (renewal, website or 'business centre' fee; "
        "0 if none). Fees that come with a package are given in the package.",
        "Is there a yearly renewal fee, and what does it cost?",
        required=False,
        low=0,
        unit="USD per year",
        better="lower",
    ),
    Field(
        "pay_plan.pay_grows_with_package",
        "bool",
        "Pay grows with the package bought",
        "Whether buying a dearer joining package unlocks more pay (higher rates, more levels, "
        "cash rewards) rather than just more product: BurnLounge's packages are the court "
        "record's example.",
        "Does a bigger joining package let me earn more, or only give me more product?",
        required=False,
        better="false",
    ),
    Field(
        "pay_plan.pay_for_recruiting",
        "bool",
        "Pays for recruiting",
        "Whether the plan pays anything for signing people up: a bonus per recruit, a share "
        "of their fees or of their starter packs.",
        "Am I paid anything when someone I recruit joins or buys a starter pack?",
        better="false",
    ),
    Field(
        "pay_plan.retail_reward_share",
        "number",
        "Pay from outside sales",
        "Share of all rewards the plan pays that comes from sales to customers outside the "
        "business (the rest comes from participants' own purchases).",
        "What share of the commissions paid comes from sales to people outside the business?",
        low=0,
        high=1,
        unit=_SHARE,
        better="higher",
    ),
    # ---------------------------------------------------------------- revenue
    Field(
        "revenue.non_participant_share",
        "number",
        "Revenue from non-participants",
        "Share of the company's revenue that came from product sales to people who are not "
        "participants, against participants' fees and purchases. If left out, it is worked "
        "out from the two amounts below when both are known.",
        "What share of the company's revenue comes from customers who are not participants?",
        required=False,
        low=0,
        high=1,
        unit=_SHARE,
        better="higher",
    ),
    Field(
        "revenue.non_participant_sales_usd",
        "number",
        "Sales to non-participants",
        "Product sales to people who are not participants, over the period below (TelexFree: "
        "USD 1.3 million of VoIP sales).",
        "How much did the company sell to people who are not participants?",
        required=False,
        low=0,
        unit="USD",
    ),
    Field(
        "revenue.participant_payments_usd",
        "number",
        "Participants' fees and purchases",
        "What participants paid the company over the same period: fees, packages and their "
        "own purchases (TelexFree: more than USD 300 million raised).",
        "How much did participants themselves pay the company, in fees and purchases?",
        required=False,
        low=0,
        unit="USD",
    ),
    Field(
        "revenue.period",
        "text",
        "Period",
        "The period the revenue figures cover, e.g. 'Aug. 2012 to Mar. 2014'.",
        required=False,
    ),
    # ---------------------------------------------------------------- safeguards
    Field(
        "safeguards.sell_through_rule",
        "choice",
        "70% rule",
        "A rule that you must sell (to customers or your own recruits) most of what you buy "
        "before you are paid on it (Amway's 70% rule): none, on paper only, or enforced.",
        "Is there a rule that I must sell most of what I buy before being paid on it, and how "
        "is it checked?",
        required=False,
        choices=("none", "on_paper", "enforced"),
        better="order",
    ),
    Field(
        "safeguards.retail_customer_rule",
        "choice",
        "10-customer rule",
        "A rule that you must sell to a number of different retail customers each month to be "
        "paid on your downline (Amway's 10-customer rule): none, on paper only, or enforced.",
        "Must I sell to several outside customers each month to be paid on my downline? Is it "
        "checked?",
        required=False,
        choices=("none", "on_paper", "enforced"),
        better="order",
    ),
    Field(
        "safeguards.retail_sales_condition",
        "choice",
        "Retail condition on pay",
        "A condition that pay depends on sales to outside customers (like the Vemma order's "
        "majority rule): none, on paper only, or enforced. Webster v. Omnitrition: safeguards "
        "on paper that are not enforced do not help.",
        "Does my pay depend on sales to outside customers, and how does the company check it?",
        required=False,
        choices=("none", "on_paper", "enforced"),
        better="order",
    ),
    # ---------------------------------------------------------------- income disclosure
    Field(
        "income_disclosure.published",
        "choice",
        "Income disclosure statement",
        "Whether the company publishes an income disclosure statement saying what "
        "participants actually earned.",
        "Does the company publish an income disclosure statement? Where can I read it?",
        choices=("not_published", "published"),
        better="order",
    ),
    Field(
        "income_disclosure.year",
        "int",
        "Disclosure year",
        "The year the income disclosure covers.",
        "Which year does the income disclosure cover?",
        required=False,
        low=1950,
        high=2200,
    ),
    Field(
        "income_disclosure.share_paid_nothing",
        "number",
        "Share paid nothing",
        "What the income disclosure says: the share of participants who were paid nothing in "
        "the year (AdvoCare 2017: 67% of 387,372).",
        "What share of all participants, including inactive ones, was paid nothing last year?",
        low=0,
        high=1,
        unit=_SHARE,
        better="lower",
    ),
    Field(
        "income_disclosure.counts_inactive",
        "bool",
        "Counts inactive members",
        "Whether the disclosure's figures include inactive members. The FTC faulted AdvoCare's "
        "disclosure for reporting only 'active' distributors: when they are left out, the true "
        "share paid nothing is higher.",
        "Does the income disclosure count everyone who joined, or only 'active' members?",
        required=False,
        better="true",
    ),
    Field(
        "income_disclosure.median_yearly_usd",
        "number",
        "Median yearly pay",
        "What the income disclosure says: the median participant's gross pay for a year, "
        "before expenses. Shown in reports next to the year-one cost of joining; not scored.",
        "What did the median participant earn last year, before and after expenses?",
        required=False,
        low=0,
        unit="USD per year",
    ),
    Field(
        "income_disclosure.participants",
        "int",
        "Participants counted",
        "How many participants the disclosure covers.",
        "How many participants does the income disclosure cover?",
        required=False,
        low=0,
        high=10**10,
    ),
]

#: Every field of the format, by dotted path, in file order.
FIELDS: dict[str, Field] = {field.path: field for field in _FIELD_LIST}

#: Field paths renamed in format 2 (issue 8: ``yearly_``, not ``annual_``), old -> new. Files
#: with the old names still load (with a note in ``Profile.notes``) and are saved with the new ones.
RENAMED_FIELDS = {
    "pay_plan.annual_renewal_usd": "pay_plan.yearly_renewal_usd",
    "income_disclosure.median_annual_usd": "income_disclosure.median_yearly_usd",
}

#: Keys inside list items renamed the same way: list path -> {old key: new key}.
RENAMED_ITEM_KEYS = {"pay_plan.packages": {"annual_fee_usd": "yearly_fee_usd"}}

#: Format 1 paths that format 2 moved, and where they went.
MOVED_IN_FORMAT_2 = {
    "company.income_disclosure": "income_disclosure.published",
    "company.share_earning_nothing": "income_disclosure.share_paid_nothing",
    "company.median_annual_earnings_usd": "income_disclosure.median_yearly_usd",
}


@dataclass(frozen=True)
class ListSpec:
    """A list of tables in a profile (``[[pay_plan.packages]]``), and its items' fields.

    Parameters
    ----------
    path : str
        Where the list lives: ``"pay_plan.packages"`` or a top-level name (``"legal_actions"``).
    label : str
        Plain name.
    help : str
        What one item is.
    items : tuple of Field
        The fields of one item (their ``path`` is the key inside the item).
    """

    path: str
    label: str
    help: str
    items: tuple[Field, ...]

    @property
    def toml_header(self) -> str:
        """How each item starts in a file, e.g. ``[[pay_plan.packages]]``."""
        return f"[[{self.path}]]"


_PACKAGE_ITEMS = (
    Field("name", "text", "Package", "The package's name."),
    Field(
        "price_usd", "number", "Price", "What the package costs to buy (a range if the documents "
        "give one).", low=0, unit="USD", better="lower",
    ),
    Field(
        "monthly_fee_usd", "number", "Monthly fee", "Fee or required purchase each month that "
        "comes with the package (0 if none).", required=False, low=0, unit="USD per month",
        better="lower",
    ),
    Field(
        "yearly_fee_usd", "number", "Yearly fee", "Fee to renew the package each year (0 if "
        "none).", required=False, low=0, unit="USD per year", better="lower",
    ),
    Field(
        "earns_pay", "bool", "Can earn pay", "Whether a participant with only this package can "
        "earn commissions or bonuses.", required=False,
    ),
    Field("unlocks", "text", "What it unlocks", "What pay or rank the package unlocks, in the "
          "company's words.", required=False),
)

_LEGAL_ITEMS = (
    Field(
        "kind", "choice", "Kind", "order_or_judgment (including a settlement or stipulated "
        "order), pending, or won_or_dismissed.",
        choices=("order_or_judgment", "pending", "won_or_dismissed"),
    ),
    Field("year", "int", "Year", "Year of the decision or settlement (for a pending case, the "
          "year it was filed).", low=1900, high=2200),
    Field("citation", "text", "Citation", "The case name and citation, e.g. 'FTC v. BurnLounge, "
          "Inc., 753 F.3d 878 (9th Cir. 2014)'."),
    Field("forum", "text", "Court or agency", "Who decided it.", required=False),
    Field("outcome", "text", "Outcome", "What was ordered or decided, briefly.", required=False),
    Field("amount_usd", "number", "Amount", "Money ordered or agreed to be paid.",
          required=False, low=0, unit="USD"),
)

_BRACKET_ITEMS = (
    Field("from_usd", "number", "From", "Lower end of the yearly pay bracket.", low=0, unit="USD per year"),
    Field("to_usd", "number", "To", "Upper end of the bracket (leave out for an open top "
          "bracket).", required=False, low=0, unit="USD per year"),
    Field("share", "number", "Share", "Share of the participants counted who were paid this "
          "much.", low=0, high=1, unit=_SHARE),
    Field("average_usd", "number", "Average", "Average yearly pay in the bracket, if given.",
          required=False, low=0, unit="USD per year"),
)

#: The lists of tables a profile may hold, by path.
LISTS: dict[str, ListSpec] = {
    spec.path: spec
    for spec in (
        ListSpec(
            "pay_plan.packages",
            "Joining packages",
            "One joining package the company sells (BurnLounge: Basic USD 29.95 a year; "
            "Exclusive USD 129.95 a year plus USD 8 a month; VIP USD 429.95 a year plus USD 8 a month).",
            _PACKAGE_ITEMS,
        ),
        ListSpec(
            "legal_actions",
            "Legal actions",
            "One action by a court or regulator against the company or its officers.",
            _LEGAL_ITEMS,
        ),
        ListSpec(
            "income_disclosure.brackets",
            "Income brackets",
            "One bracket of the income disclosure's table of yearly pay.",
            _BRACKET_ITEMS,
        ),
    )
}


# ---------------------------------------------------------------- checking answers
def safe_value(value: Any) -> Any:
    """A value as error messages may show it, without printing something huge or deep.

    Examples
    --------
    >>> safe_value(10**500)
    '<a whole number with 501 digits>'
    >>> safe_value([[[1]]])
    '<a list>'
    >>> safe_value(0.5)
    0.5
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, Integral) and abs(int(value)) >= 10**30:
        digits = len(str(abs(int(value)))) if int(value).bit_length() < 13_000 else int(int(value).bit_length() * 0.30103) + 1
        return f"<a whole number with {digits} digits>"
    if isinstance(value, list | tuple):
        return "<a list>" if any(isinstance(item, list | tuple | dict) for item in value) or len(value) > 20 else list(value)
    if isinstance(value, dict):
        return "<a table>"
    if isinstance(value, str) and len(value) > 200:
        return value[:200] + "..."
    return value


def _number(
    value: Any, *, whole: bool, low: float | None, high: float | None, bad: Callable[[], MlmkitInputError]
) -> float | int:
    """The one number parser of the format: a single answer, each end of a range, each rate.

    Finite, real, not true/false (a whole number for ``whole``), within ``[low, high]``;
    anything else raises ``bad()``, the caller's message naming the field.
    """
    try:
        if whole:
            return check_int("value", value, low=None if low is None else int(low), high=None if high is None else int(high))
        return check_number("value", value, low=low, high=high)
    except MlmkitInputError:
        raise bad() from None


def check_answer(spec: Field, value: Any, where: str) -> Any:
    """The cleaned answer to ``spec``, or a clear error naming ``where``, the value and what is allowed.

    ``"unknown"`` is kept (except for the company's name); a number may also be a
    :class:`Range` or a table ``{ low = 1, high = 2 }``; rates become a tuple; a date
    written as text becomes a ``datetime.date``. This is the one place answers are read,
    for files, forms, :meth:`~mlmkit.scorecard.Profile.replace` and
    :class:`~mlmkit.scorecard.facts.Facts` alike.

    Examples
    --------
    >>> check_answer(FIELDS["pay_plan.entry_fee_usd"], 49, "fee")
    49.0
    >>> check_answer(FIELDS["pay_plan.entry_fee_usd"], {"low": 10, "high": 20}, "fee")
    Range(low=10.0, high=20.0)
    >>> check_answer(FIELDS["pay_plan.entry_fee_usd"], True, "fee")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: fee = True is not allowed: it must be a number of at least 0 (USD), or a range such as { low = 1, high = 2 }, or "unknown".
    """

    def bad() -> MlmkitInputError:
        return fail(where, safe_value(value), f"it must be {describe_allowed(spec)}")

    if is_unknown(value):
        if not spec.unknown_allowed:
            raise bad()
        return UNKNOWN
    if spec.kind == "text":
        if not isinstance(value, str) or (spec.path in ("company.name", "name", "citation") and not value.strip()):
            raise bad()
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool | np.bool_):
            raise bad()
        return bool(value)
    if spec.kind == "choice":
        if not isinstance(value, str) or value not in spec.choices:
            raise bad()
        return value
    if spec.kind == "date":
        return _date(value, bad)
    if spec.kind == "rates":
        return _rates(value, where, bad)
    if spec.kind == "number" and isinstance(value, Range | Mapping):
        return _range(spec, value, where)
    return _number(value, whole=spec.kind == "int", low=spec.low, high=spec.high, bad=bad)


def _date(value: Any, bad: Callable[[], MlmkitInputError]) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            raise bad() from None
    raise bad()


def _rates(value: Any, where: str, bad: Callable[[], MlmkitInputError]) -> tuple[float, ...]:
    if not isinstance(value, list | tuple):  # not a set (no order), text or a single number
        raise bad()
    rates = []
    for position, rate in enumerate(value, start=1):

        def bad_rate(rate: Any = rate, position: int = position) -> MlmkitInputError:
            return fail(f"{where}[{position}]", safe_value(rate), "each rate must be a number between 0 and 1")

        rates.append(float(_number(rate, whole=False, low=0.0, high=1.0, bad=bad_rate)))
    if sum(rates) > 1 + 1e-12:
        raise fail(where, safe_value(value), "the rates add up to more than 100% of a sale")
    return tuple(rates)


def _range(spec: Field, value: Range | Mapping[str, Any], where: str) -> Range | float:
    allowed = "a range is written { low = NUMBER, high = NUMBER } with low at most high"
    ends_given = {"low": value.low, "high": value.high} if isinstance(value, Range) else value
    if set(ends_given) != {"low", "high"}:
        raise fail(where, safe_value(dict(ends_given)) if len(ends_given) < 5 else "<a table>", allowed)
    ends = []
    for end in ("low", "high"):
        item = ends_given[end]

        def bad(item: Any = item, end: str = end) -> MlmkitInputError:
            return fail(f"{where}.{end}", safe_value(item), f"it must be {describe_allowed(spec)}")

        ends.append(float(_number(item, whole=False, low=spec.low, high=spec.high, bad=bad)))
    low, high = ends
    if low > high:
        raise fail(where, f"{{ low = {low:g}, high = {high:g} }}", allowed)
    return low if low == high else Range(low, high)


def clean_list(origin: str, spec: ListSpec, items: Any) -> tuple[dict[str, Any], ...]:
    """The checked items of a list of tables (``[[pay_plan.packages]]`` and the others).

    Examples
    --------
    >>> clean_list("<dict>", LISTS["pay_plan.packages"], [{"name": "Basic", "price_usd": 29.95}])
    ({'name': 'Basic', 'price_usd': 29.95},)
    >>> clean_list("<dict>", LISTS["pay_plan.packages"], [{"name": "Basic", "price": 29.95}])
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: <dict>: pay_plan.packages[1].price = 29.95 is not allowed: it is not a field of ...(did you mean price_usd?)...
    """
    where = f"{origin}: {spec.path}"
    if isinstance(items, Mapping):
        items = [items]
    if not isinstance(items, list | tuple):
        raise fail(where, safe_value(items), f"it must be a list of tables, each written {spec.toml_header}")
    if len(items) > 200:
        raise fail(where, f"<{len(items)} items>", "a profile holds at most 200 items in a list")
    fields_by_key = {item.path: item for item in spec.items}
    cleaned = []
    for number, item in enumerate(items, start=1):
        here = f"{where}[{number}]"
        if not isinstance(item, Mapping):
            raise fail(here, safe_value(item), f"each item must be a table written {spec.toml_header}")
        out: dict[str, Any] = {}
        for key, value in item.items():
            if key not in fields_by_key:
                close = difflib.get_close_matches(str(key), list(fields_by_key), n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                raise fail(f"{here}.{key}", safe_value(value), f"it is not a field of {spec.toml_header}{hint}; known: {', '.join(fields_by_key)}")
            out[key] = check_answer(fields_by_key[key], value, f"{here}.{key}")
        for key, item_spec in fields_by_key.items():
            if item_spec.required and key not in out:
                raise fail(f"{here}.{key}", "(missing)", f"this is required: give {describe_allowed(item_spec)}")
        cleaned.append(out)
    return tuple(cleaned)
