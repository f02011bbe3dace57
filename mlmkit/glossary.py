"""The suite's glossary: one plain definition and one source per term (``mk.glossary``).

Every definition is short and in plain words; every source is printed the way the
project's fact sheet cites it, with the same tags as :mod:`mlmkit.sources`
(``P`` primary text, ``S`` secondary source, ``D`` derived by the suite itself).
Where a term comes from a source that :mod:`mlmkit.sources` already holds, ``source_key``
names it.

Notebook prose marks a glossary term by linking it to the glossary section of the
start-here notebook, ``[downline](00_start_here.ipynb#Glossary)``; the link text is looked
up with :func:`lookup` (case, a plural ``s`` and spelling variants are forgiven), and the
readers' site turns the link into one to the term on its glossary page.

This is education, not legal or financial advice.

Examples
--------
>>> lookup("Downlines").term
'Downline'
>>> lookup("PV").slug
'personal-volume'
>>> "Koscot test" in [entry.term for entry in GLOSSARY.values()]
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from mlmkit._validation import check_text, fail
from mlmkit.sources import SOURCES

__all__ = ["GLOSSARY", "MARK_TARGET", "Term", "glossary_table", "lookup", "marked_terms", "slug_for"]

#: Where notebook prose links a glossary term (the start-here notebook's glossary heading).
MARK_TARGET = "00_start_here.ipynb#Glossary"

_MARK = re.compile(r"\[([^\]]+)\]\(" + re.escape(MARK_TARGET) + r"\)")


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Parameters
    ----------
    term : str
        The term as printed.
    definition : str
        One plain-language definition.
    source : str
        Where the definition comes from, cited as the fact sheet cites it.
    tag : str
        ``"P"``, ``"S"`` or ``"D"`` (see :mod:`mlmkit.sources`).
    aliases : tuple of str
        Other spellings and abbreviations a notebook may use.
    source_key : str or None
        The matching key in :data:`mlmkit.sources.SOURCES`, if there is one.
    """

    term: str
    definition: str
    source: str
    tag: str
    aliases: tuple[str, ...] = ()
    source_key: str | None = None

    @property
    def slug(self) -> str:
        """The anchor of this term on the glossary page (``"personal-volume"``)."""
        return slug_for(self.term)


def slug_for(text: str) -> str:
    """A lower-case, hyphenated anchor for ``text``.

    Examples
    --------
    >>> slug_for("Personal Volume (PV)")
    'personal-volume'
    """
    text = re.sub(r"\([^)]*\)", "", check_text("text", text)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


_FTC_GUIDANCE = "FTC, Business Guidance Concerning Multi-Level Marketing (2018, updated April 2024)"
_PLAN_TYPES = "s4ds.com, Multilevel Marketing and Compensation Plans; myaplworld.com"
_BINARY = "infirstmarketing.com; mlm.com, What's a pay leg commission?; sylvina.com"
_MATRIX = "successfulmlmtips.com; ethanvanderbuilt.com, 3x5 Matrix"
_STAIRSTEP = "azcentral.com, How Legs in Multilevel Marketing Work; s4ds.com"
_PURIUM = "Purium glossary (support.mypurium.com); livepure.com glossary"
_JENSEN = "danjensen-consulting.com definitions"
_AMWAY = "In re Amway Corp., 93 F.T.C. 618 (1979), as summarised by the Hamilton County Law Library"
_QUACKWATCH = "Barrett, MLM glossary, quackwatch.org (2014)"
_SIM = "mlmkit's own definition (computed by the suite, not quoted)"

_TERMS: list[Term] = [
    Term("Multi-level marketing (MLM)",
         "A way of selling through participants who are paid both for their own sales and for "
         "the sales of the people they recruit, and of the people those recruit.",
         _FTC_GUIDANCE, "P", ("MLM", "multi-level marketing", "network marketing"), "ftc_mlm_guidance"),
    Term("Upline",
         "The people above you in the sponsorship chain: your sponsor, their sponsor, and so on.",
         _FTC_GUIDANCE, "P", ("uplines",), "ftc_mlm_guidance"),
    Term("Downline",
         "Your recruits, their recruits, and so on down every level.",
         _FTC_GUIDANCE, "P", ("downlines", "downline size"), "ftc_mlm_guidance"),
    Term("Sponsor",
         "The member credited with bringing a new member in (also called the enroller); "
         "commissions flow up through the sponsors.",
         _PURIUM, "S", ("sponsors", "enroller", "recruiter"), "plan_terms_glossary"),
    Term("Frontline",
         "The people you recruited yourself: the first level of your downline.",
         _STAIRSTEP, "S", ("front line",)),
    Term("Leg",
         "One frontline member and everyone beneath them.",
         "azcentral.com, How Legs in Multilevel Marketing Work; Purium glossary", "S",
         ("legs", "pay leg", "weaker leg", "power leg")),
    Term("Level (generation)",
         "How many steps of sponsorship separate a member from you: your recruits are level 1, "
         "theirs level 2. Plans pay a set rate per level, down to a fixed depth.",
         _PLAN_TYPES, "S", ("level", "levels", "generation", "generations", "levels deep")),
    Term("Personal Volume (PV)",
         "The point value of a member's own purchases (sometimes with their own customers'), "
         "used to decide whether they qualify to be paid; it usually resets each month.",
         _PURIUM, "S", ("PV", "personal volume"), "plan_terms_glossary"),
    Term("Group Volume (GV)",
         "The volume of a member's group or downline, used for ranks and overrides.",
         _JENSEN, "S", ("GV", "group volume")),
    Term("Business Volume (BV)",
         "The commissionable value a company assigns to a product; it can differ from the price "
         "and from the volume that counts for qualifying.",
         _JENSEN, "S", ("BV", "business volume", "bonus volume", "commissionable volume")),
    Term("Active (qualified)",
         "Meeting a minimum personal volume in a period, which a plan requires before it pays "
         "any commission.",
         "isagenix.com compensation page; danjensen-consulting.com definitions", "S",
         ("active", "qualified", "qualify", "qualifies", "personal-volume requirement"),
         "plan_terms_glossary"),
    Term("Rank",
         "The title level that sets a member's payout rates; the 'paid-as' rank is the one "
         "qualified for this period.",
         "Purium glossary; isagenix.com", "S", ("ranks", "paid-as rank")),
    Term("Autoship",
         "A recurring automatic order, usually sized to meet the monthly volume needed to stay "
         "qualified. An autoship to the distributor is not evidence of retail sales.",
         "amlmskeptic.blogspot.com, MLM Dictionary: Autoship (2014); globalmlmsolution.com", "S",
         ("autoships", "auto-ship")),
    Term("Breakage",
         "Commissions a plan could pay in theory but does not, because members are unqualified "
         "or there is nobody above to pay; the company keeps them.",
         _JENSEN + "; Dan Jensen quoted in billtessore.blogspot.com (2008)", "S", (),
         "plan_terms_glossary"),
    Term("Compression (roll-up)",
         "Skipping inactive or unqualified members, so their share passes up to the next "
         "qualified member above.",
         "netreadyblog.blogspot.com; mycustomeradvantage.com", "S", ("compression", "roll-up"),
         "plan_terms_glossary"),
    Term("Spillover",
         "In a binary or matrix plan, a recruit placed below someone else because the "
         "sponsor's own places are full.",
         _BINARY + "; " + _MATRIX, "S", ("spill over", "spills over", "placement")),
    Term("Breakaway",
         "In a stair-step plan, a downline member who reaches the breakaway rank takes their "
         "group out of yours; you keep only a smaller generation override on it.",
         _STAIRSTEP, "S", ("breaks away", "breakaways", "generation override")),
    Term("Carry-forward",
         "In a binary plan, volume on the stronger leg that was not paid this period and is "
         "kept for the next, usually only if the member stays active.",
         _BINARY + "; totallifechanges help centre", "S",
         ("carry forward", "carried forward", "carry-over", "carryover")),
    Term("Pairing bonus",
         "In a binary plan, pay computed on the weaker of the two legs' volumes (the 'pay leg').",
         _BINARY, "S", ("pairing", "pairing bonuses")),
    Term("Unilevel plan",
         "A plan with no limit on how many people you recruit directly, paying a fixed rate on "
         "sales a fixed number of levels deep (often 3 to 7).",
         _PLAN_TYPES, "S", ("unilevel",), "plan_types_glossary"),
    Term("Binary plan",
         "A plan in which each member has exactly two legs, left and right; later recruits spill "
         "over into one of them and pay is a share of the weaker leg's volume.",
         _BINARY, "S", ("binary",), "plan_types_glossary"),
    Term("Matrix (forced matrix)",
         "A plan that caps everyone's frontline at a fixed width W and pays a fixed depth D "
         "(a W x D matrix); extra recruits spill over into open places lower down.",
         _MATRIX, "S", ("matrix", "forced matrix", "matrices"), "plan_types_glossary"),
    Term("Stair-step breakaway plan",
         "A plan in which members climb ranks on personal and group volume, earn the difference "
         "between their rank's rate and their downline's, and lose groups that break away.",
         _STAIRSTEP, "S", ("stair-step", "stair-step breakaway", "stairstep"), "plan_types_glossary"),
    Term("Hybrid plan",
         "A plan that combines structures, for example a binary with unilevel or matching bonuses.",
         "successfulmlmtips.com (binary page)", "S", ("hybrid",)),
    Term("Inventory loading",
         "Buying product beyond what can realistically be used or resold, to hit sales goals or "
         "qualify for a bonus or rank.",
         _QUACKWATCH + "; thompsonburton.com (2010)", "S", ("front-end loading",)),
    Term("Front-loading",
         "Large required or encouraged purchases at the moment of joining, such as big starter "
         "packs tied to a rank.",
         "thompsonburton.com, Front Loading: excessive orders upon enrollment (2012)", "S",
         ("front loading",)),
    Term("Buy-back",
         "The company buying back unsold, marketable product from a member who leaves, one of "
         "the safeguards against inventory loading.",
         _AMWAY, "S", ("buy-back rule", "buyback", "buy back"), "amway_1979"),
    Term("Amway safeguards",
         "The rules the FTC relied on in 1979 in finding Amway was not a pyramid: buy-back of "
         "excess inventory, the 70% rule and the 10-customer rule.",
         _AMWAY, "S", ("amway",), "amway_1979"),
    Term("70% rule",
         "To be paid the full bonus a distributor must sell (or use) at least 70% of the product "
         "bought in a month.",
         _AMWAY + "; Amway Rule 4.18", "S", ("70 percent rule", "seventy percent rule"), "amway_1979"),
    Term("10-customer rule",
         "To earn a bonus on downline volume a distributor must sell to at least 10 different "
         "retail customers in the month.",
         _AMWAY + "; Amway Rule 4.13", "S", ("ten-customer rule", "10 customer rule"), "amway_1979"),
    Term("Pay-to-play",
         "Making monthly purchases a condition of earning commissions; counsel warn it blurs "
         "product sales and enrolment fees.",
         "thompsonburton.com (2016); community.adlandpro.com", "S", ("pay to play",)),
    Term("Starter kit",
         "The samples, catalogues and forms bought on joining; a BBB guide put the median kit "
         "at USD 99.",
         "BBB guidance quoted by cleveland19.com (2010)", "S", ("starter kits", "kit"), "bbb_starter_kit"),
    Term("Channel stuffing",
         "Pressing participants to buy products they will struggle to sell.",
         _QUACKWATCH, "S", ()),
    Term("Pyramid scheme",
         "A plan whose participants pay for the right to sell a product and for the right to "
         "rewards for recruiting that are unrelated to sales to ultimate users.",
         "In re Koscot Interplanetary, Inc., 86 F.T.C. 1106 (1975), quoted in " + _FTC_GUIDANCE, "P",
         ("pyramid", "pyramids", "pyramid schemes", "product-based pyramid", "naked pyramid"),
         "koscot_1975"),
    Term("Koscot test",
         "The FTC's test for a pyramid: paying money for (1) the right to sell a product and (2) "
         "rewards for recruiting that are unrelated to sales of the product to ultimate users.",
         "In re Koscot Interplanetary, Inc., 86 F.T.C. 1106 (1975)", "P", ("koscot",), "koscot_1975"),
    Term("Ultimate user",
         "Someone who buys the product to use it; courts ask whether rewards come from sales to "
         "such users or from recruiting. Purchases by participants can count if they are not "
         "driven by the rewards.",
         "FTC v. BurnLounge, Inc., 753 F.3d 878 (9th Cir. 2014)", "S",
         ("ultimate users", "retail customer", "outside customer", "outside customers"),
         "burnlounge_2014"),
    Term("Retail sales",
         "Sales to customers outside the plan, as opposed to participants' own purchases; the "
         "FTC says lawful pay is tied to actual sales to real customers.",
         _FTC_GUIDANCE, "S", ("retail", "retail sale", "sales to outside customers"), "ftc_mlm_guidance"),
    Term("Internal consumption",
         "Product bought by participants themselves rather than by outside customers.",
         _FTC_GUIDANCE, "S", ("own purchases", "personal use", "personal consumption"), "ftc_mlm_guidance"),
    Term("Income disclosure statement (IDS)",
         "A company document reporting what its participants earned; the FTC's 2024 staff "
         "report found most leave out participants' expenses.",
         "FTC staff report, Multi-Level Marketing Income Disclosure Statements (September 2024)", "P",
         ("income disclosure statement", "income disclosure statements", "IDS"), "ftc_ids_report_2024"),
    Term("Market saturation",
         "The point where most people a plan could recruit have already joined or refused, so "
         "new recruits dry up; geometric growth reaches it within a few levels.",
         "Gastwirth, A probability model of a pyramid scheme, The American Statistician (1977)", "S",
         ("saturation", "saturated"), "gastwirth_1977"),
    Term("Net income",
         "Everything the business brought in minus everything it cost (fees, kits, purchases to "
         "stay active, events, travel); a commission cheque is not a profit.",
         "BBB with the FTC, questions to ask a sponsor", "S", ("net", "net result", "profit"),
         "bbb_ftc_sponsor_questions"),
    Term("Payout share",
         "The share of a company's revenue it pays out to participants as commissions and bonuses.",
         _SIM, "D", ("payout", "payout cap", "share of revenue paid out")),
]

#: Every term by its slug.
GLOSSARY: dict[str, Term] = {entry.slug: entry for entry in _TERMS}


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9%]+", " ", text.lower()).strip()


_INDEX: dict[str, Term] = {}
for _entry in _TERMS:
    for _name in (_entry.term, re.sub(r"\s*\([^)]*\)", "", _entry.term), *_entry.aliases):
        _INDEX.setdefault(_key(_name), _entry)


def lookup(text: str) -> Term:
    """The glossary entry for ``text`` (a term, an abbreviation or a plural).

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If no term matches.

    Examples
    --------
    >>> lookup("carried forward").term
    'Carry-forward'
    """
    key = _key(check_text("text", text))
    for candidate in (key, key[:-1] if key.endswith("s") else key, key[:-2] if key.endswith("es") else key):
        if candidate in _INDEX:
            return _INDEX[candidate]
    raise fail("glossary term", text, "a term in mlmkit.glossary.GLOSSARY (or one of its aliases)")


def marked_terms(markdown: str) -> list[str]:
    """The link texts of glossary marks in a markdown cell, in order.

    Examples
    --------
    >>> marked_terms("Your [downline](00_start_here.ipynb#Glossary) grows.")
    ['downline']
    """
    return _MARK.findall(check_text("markdown", markdown))


def glossary_table() -> pd.DataFrame:
    """Every term as a table: term, definition, source, tag (sorted by term).

    Examples
    --------
    >>> table = glossary_table()
    >>> list(table.columns)
    ['term', 'definition', 'source', 'tag']
    >>> bool(table["source"].str.len().gt(0).all())
    True
    """
    rows = [(e.term, e.definition, e.source, e.tag) for e in _TERMS]
    table = pd.DataFrame(rows, columns=["term", "definition", "source", "tag"])
    return table.sort_values("term", key=lambda s: s.str.lower()).reset_index(drop=True)


for _entry in _TERMS:  # every source key must exist (checked on import, cheap)
    if _entry.source_key is not None and _entry.source_key not in SOURCES:
        raise RuntimeError(f"glossary term {_entry.term!r} cites unknown source {_entry.source_key!r}")
