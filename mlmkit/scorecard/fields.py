"""The company-profile format: every field, what it means, what is allowed.

One table drives everything about a profile: loading and validating TOML files,
saving them, the form in the notebook, the questions to ask a recruiter and the
documentation in ``data/companies/README.md``. Each field has a dotted path such as
``product.price_vs_retail`` (the TOML table, a dot, the key).

Every answer except the company's name may be the string ``"unknown"``. Unknown is a
legal answer: the scorecard counts it as a risk (no points) and turns it into a
question to ask, instead of silently treating it as zero.

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
('order_or_judgment', 'pending', 'none_found')
>>> [path for path in FIELDS if path.startswith("product.")][:3]
['product.name', 'product.consumable', 'product.price_vs_retail']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["FIELDS", "SECTIONS", "UNKNOWN", "Field", "describe_allowed", "format_usd", "is_unknown"]

#: The answer that means "I don't know yet". Legal everywhere except ``company.name``.
UNKNOWN = "unknown"

#: The tables of a profile file, in the order they are written.
SECTIONS = ("company", "product", "pay_plan")

KINDS = ("text", "bool", "number", "int", "choice", "rates")


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


def format_usd(amount: float) -> str:
    """Money as reports print it: ``1,200 USD``.

    Reports write "USD" rather than a dollar sign, because notebook front-ends read text
    between two dollar signs as mathematics.

    Examples
    --------
    >>> format_usd(1200.0), format_usd(49)
    ('1,200 USD', '49 USD')
    """
    return f"{amount:,.0f} USD"


def describe_allowed(field: Field) -> str:
    """What a field accepts, in words (used in error messages and the README).

    Examples
    --------
    >>> describe_allowed(FIELDS["product.outside_customer_share"])
    'a number between 0 and 1 (a share: 0.25 means 25%), or "unknown"'
    >>> describe_allowed(FIELDS["company.name"])
    'text (a non-empty string)'
    """
    if field.kind == "text":
        text = "text (a non-empty string)" if field.path == "company.name" else "text"
    elif field.kind == "bool":
        text = "true or false"
    elif field.kind == "choice":
        text = "one of " + ", ".join(f'"{choice}"' for choice in field.choices)
    elif field.kind == "rates":
        text = "a list of rates between 0 and 1, like [0.10, 0.05, 0.05]"
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
        "company.legal_actions",
        "choice",
        "Regulator or court actions",
        "Actions by a regulator or court against the company or its officers for fraud or "
        "deceptive practices in the last 10 years: an order or judgment, a pending case, or "
        "none found after checking.",
        "Has the company or any of its officers faced a regulator or court action for fraud "
        "or deceptive practices in the last 10 years?",
        choices=("order_or_judgment", "pending", "none_found"),
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
        "company.income_disclosure",
        "choice",
        "Income disclosure statement",
        "Whether the company publishes an income disclosure statement saying what "
        "participants actually earned.",
        "Does the company publish an income disclosure statement? Where can I read it?",
        choices=("not_published", "published"),
        better="order",
    ),
    Field(
        "company.share_earning_nothing",
        "number",
        "Share paid nothing",
        "What the income disclosure says: the share of all participants (active or not) who "
        "were paid nothing in the year.",
        "What share of all participants, including inactive ones, was paid nothing last year?",
        low=0,
        high=1,
        unit=_SHARE,
        better="lower",
    ),
    Field(
        "company.median_annual_earnings_usd",
        "number",
        "Median yearly pay",
        "What the income disclosure says: the median participant's gross pay for a year, "
        "before expenses. Shown in reports, not scored.",
        "What did the median participant earn last year, before and after expenses?",
        required=False,
        low=0,
        unit="USD per year",
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
]

#: Every field of the format, by dotted path, in file order.
FIELDS: dict[str, Field] = {field.path: field for field in _FIELD_LIST}
