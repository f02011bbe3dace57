"""The sources mlmkit cites, in one place.

Every rule, indicator or real-world number in the suite points to one of these keys,
so a reader can check it. Tags follow the project's fact sheet: ``P`` primary text
seen, ``S`` secondary source, ``U`` unverified (a lead, not a fact), ``D`` derived
(computed, not quoted).

This is education, not legal or financial advice.

Examples
--------
>>> cite("koscot_1975")
'In re Koscot Interplanetary, Inc., 86 F.T.C. 1106 (1975)'
>>> SOURCES["vemma_2016"].tag
'P'
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mlmkit._validation import check_choice

__all__ = ["SOURCES", "WORLD_POPULATION", "Source", "cite", "sources_table"]

#: World population, about 8.0 billion (source key ``un_world_population_2022``).
WORLD_POPULATION = 8_000_000_000


@dataclass(frozen=True)
class Source:
    """One citable source.

    Parameters
    ----------
    key : str
        Short stable key used in code (``"koscot_1975"``).
    short : str
        The citation as printed next to a rule or number.
    detail : str
        What the source says that mlmkit relies on, in a sentence.
    where : str
        Where the text was read (court reporter, agency page, report).
    tag : str
        ``"P"``, ``"S"``, ``"U"`` or ``"D"`` (see module docstring).
    """

    key: str
    short: str
    detail: str
    where: str
    tag: str


_ROWS: list[tuple[str, str, str, str, str]] = [
    (
        "koscot_1975",
        "In re Koscot Interplanetary, Inc., 86 F.T.C. 1106 (1975)",
        "Pyramid: participants pay money for (1) the right to sell a product and (2) the right "
        "to recruitment rewards unrelated to sales of the product to ultimate users.",
        "FTC decisions vol. 86; quoted in FTC, Business Guidance Concerning Multi-Level Marketing",
        "P",
    ),
    (
        "amway_1979",
        "In re Amway Corp., 93 F.T.C. 618 (1979)",
        "Not a pyramid: no headhunting fee, sales a precondition of bonuses, buy-back of excess "
        "inventory, the 70% rule and the 10-retail-customer rule.",
        "FTC decisions vol. 93; Hamilton County Law Library summary",
        "S",
    ),
    (
        "omnitrition_1996",
        "Webster v. Omnitrition International, 79 F.3d 776 (9th Cir. 1996)",
        "Safeguards on paper do not help unless they actually tie rewards to retail sales; pay "
        "computed on product ordered, not sold, is facially unrelated to sales to ultimate users.",
        "Ninth Circuit opinion (vlex); DSA advisory memo, Mar. 14, 1996",
        "S",
    ),
    (
        "burnlounge_2014",
        "FTC v. BurnLounge, Inc., 753 F.3d 878 (9th Cir. 2014)",
        "Affirmed the injunction against an illegal pyramid whose cash rewards were tied to "
        "recruiting; packages: Basic USD 29.95 a year, Exclusive USD 129.95 a year plus USD 8 a "
        "month, VIP USD 429.95 a year plus USD 8 a month; cash rewards required 'Mogul' status.",
        "Ninth Circuit opinion (justia) for the packages; the holding as summarised by the "
        "Metropolitan News-Enterprise, June 3, 2014",
        "P",
    ),
    (
        "burnlounge_findings",
        "FTC v. BurnLounge, C.D. Cal. No. 2:07-cv-03654: the district court's findings, as reported",
        "The district court found that 93.84% of 'Moguls' never recouped their investment and "
        "(2012) ordered USD 16.2 million in redress; about 56,000 consumers joined.",
        "Metropolitan News-Enterprise, June 3, 2014; FTC release mirrored at marketswired.com "
        "(secondary: the district court's own text was not read)",
        "S",
    ),
    (
        "telexfree_2018",
        "SEC v. TelexFree, Inc., 301 F. Supp. 3d 266 (D. Mass. 2018)",
        "Alleged pyramid/Ponzi scheme: raised more than USD 300 million from buy-ins of USD 289 "
        "or USD 1,375 (plus a USD 50 fee) while its VoIP product sold only USD 1.3 million "
        "(Aug. 2012 to Mar. 2014).",
        "cite.case.law copy of the opinion; secactions.com; channelfutures.com",
        "P",
    ),
    (
        "amway_rule_4_18",
        "Amway Rule 4.18 (the '70% rule'), as quoted in the sources on In re Amway (1979)",
        "A distributor must sell, at wholesale and/or retail, at least 70% of the products bought "
        "in a month to receive the performance bonus on all of them; otherwise the bonus is paid "
        "only on the amount of products actually sold.",
        "Rule text quoted at thetruthaboutamway.com/myth-70-retail-sales-rule/; Commissioner "
        "Pitofsky's opinion as quoted by the en-academic mirror of 'In re Amway Corp.'",
        "P",
    ),
    (
        "herbalife_personal_use_cap",
        "Thompson Burton, 'Moving Forward, Here's What the FTC's Order Requires Herbalife to Do' "
        "(July 16, 2016)",
        "At the company level 80% of product sales must be retail sales plus 'rewardable' "
        "personal consumption, capped at less than USD 200 a month per distributor.",
        "thompsonburton.com (a law firm's reading of the order)",
        "S",
    ),
    (
        "fhtm_2014",
        "FTC v. Fortune Hi-Tech Marketing (N.D. Ill. No. 13cv578; settled 2014)",
        "MLM ban, USD 7.75 million surrendered, USD 169 million judgment; the Kentucky AG said over "
        "90% of participants lost money.",
        "Lexington Herald-Leader; AP, May 13, 2014",
        "S",
    ),
    (
        "vemma_2016",
        "FTC v. Vemma Nutrition Co. (D. Ariz.), stipulated order, Dec. 2016",
        "No pay for recruiting; pay may not depend on a participant's own purchases; no pay for a "
        "period unless more than 50% of the revenue of a participant and their downline came "
        "from sales to non-participants.",
        "FTC Business Blog, 'Dismantling a pyramid: Lessons from the Vemma settlement' (Dec. 2016)",
        "P",
    ),
    (
        "herbalife_2016",
        "FTC v. Herbalife International of America, Inc., C.D. Cal. No. 2:16-cv-05217 (2016)",
        "At least two-thirds of rewards must come from tracked and verified retail sales; at "
        "least 80% of U.S. sales must be to real users; USD 200 million redress.",
        "Stipulated order (Herbalife 8-K Ex. 10.1); CFO.com, July 15, 2016",
        "S",
    ),
    (
        "advocare_2019",
        "FTC v. AdvoCare International (2019)",
        "USD 150 million and an MLM ban; in 2016, 72.3% of distributors earned no compensation.",
        "FTC release mirrored at marketswired.com; Manatt newsletter",
        "S",
    ),
    (
        "neora_2023",
        "FTC v. Neora (N.D. Tex., Sept. 28, 2023)",
        "FTC lost at trial: the court relied on Neora's inventory repurchase policy and its "
        "large base of preferred customers who were not participants.",
        "Winston & Strawn blog, Oct. 5, 2023",
        "S",
    ),
    (
        "ftc_mlm_guidance",
        "FTC, Business Guidance Concerning Multi-Level Marketing (2018; updated Apr. 2024)",
        "Lawful pay is tied to actual sales to real customers, not to participants' purchases; "
        "plans that reward buying to qualify or advance pose particular risk.",
        "ftc.gov business guidance page (2024 text)",
        "P",
    ),
    (
        "ftc_telltale_signs_2014",
        "FTC consumer blog, 'Telltale signs of a pyramid scheme' (2014)",
        "Income mainly from recruiting and joining fees; required inventory; forced purchases "
        "to stay in good standing.",
        "consumer.ftc.gov blog",
        "P",
    ),
    (
        "ftc_nasaa_tips",
        "FTC/NASAA, 'Facts for Consumers: Multilevel Marketing Plans'",
        "Avoid plans that pay for recruiting; beware expensive inventory, downline-growth income "
        "claims, miracle products and pressure; check the BBB and the state AG.",
        "verbatim reposts (community.adlandpro.com); original page not read",
        "S",
    ),
    (
        "ftc_ids_report_2024",
        "FTC staff report, 'Multi-Level Marketing Income Disclosure Statements' (Sept. 4, 2024)",
        "Of 70 statements, most left out low earners and expenses; where computable, the vast "
        "majority received USD 1,000 or less a year.",
        "Thompson Burton and Kelley Drye summaries of the report",
        "S",
    ),
    (
        "investor_gov_pyramid",
        "Investor.gov glossary, 'Pyramid schemes' (SEC)",
        "Hallmarks: no genuine product, high returns fast, passive income, no retail revenue, "
        "buy-in required, complex commissions, emphasis on recruiting.",
        "investor.gov",
        "P",
    ),
    (
        "ca_penal_327",
        "California Penal Code s. 327 (endless chain)",
        "Paying for the chance to be paid for bringing in participants is an endless chain; pay "
        "based on sales to non-participants is excluded.",
        "law.onecle.com/california/penal/327.html",
        "P",
    ),
    (
        "tx_bcc_17461",
        "Texas Bus. & Com. Code s. 17.461",
        "Pyramid promotional scheme: compensation derived primarily from introducing others "
        "rather than from sales of product.",
        "codes.findlaw.com; texas.public.law",
        "P",
    ),
    (
        "dsa_code",
        "Direct Selling Association, Code of Ethics",
        "Repurchase marketable inventory bought in the past 12 months at 90% or more of cost; "
        "reasonable start-up fees; no buying just to qualify for downline commissions.",
        "dsa.org/ethics/direct-sellers/",
        "P",
    ),
    (
        "ca_ag_pyramid",
        "California Attorney General, 'Pyramid Schemes' consumer page",
        "Income mainly from recruiting is the first sign; no returns or large restocking fees "
        "is a big red flag; pressure to sign immediately.",
        "oag.ca.gov/consumers/general/pyramid_schemes",
        "P",
    ),
    (
        "aarp_2018",
        "AARP Foundation, 'Multilevel Marketing: The Research, Risks and Rewards' (2018)",
        "Nearly half of participants lost money, a quarter made no money; about one in four "
        "profited, most of those by less than USD 5,000.",
        "NAPSI release (wtxl.com); AARP toolkit text",
        "S",
    ),
    (
        "taylor_2011",
        "Taylor, J. M., The Case (for and) against Multi-level Marketing (2011)",
        "Five red flags of a recruiting MLM, including pay-to-play purchases and overrides on "
        "five or more levels.",
        "quackwatch.org/mlm/general/recruiting/; mlm-thetruth.com",
        "S",
    ),
    (
        "gastwirth_1977",
        "Gastwirth, J. L. (1977), 'A probability model of a pyramid scheme', The American "
        "Statistician",
        "When each newcomer's recruiter is chosen at random, participant i of N expects about "
        "ln(N/i) recruits; only about the first 1/e of joiners expect at least one.",
        "student paper based on Gastwirth (1977), dokumen.tips; volume and pages unverified",
        "S",
    ),
    (
        "gastwirth_1972",
        "Gastwirth, J. L. (1972), 'The Estimation of the Lorenz Curve and Gini Index', The "
        "Review of Economics and Statistics 54(3):306-316",
        "Method: lower and upper bounds on the Gini index (and on the Lorenz curve) from "
        "income data published in brackets, using the bracket limits, shares and averages.",
        "copy of the JSTOR article (scribd.com/document/280725738), title page and introduction",
        "P",
    ),
    (
        "un_world_population_2022",
        "United Nations, 'Day of Eight Billion' (Nov. 15, 2022)",
        "World population about 8.0 billion.",
        "novinite.com; gktoday.in",
        "S",
    ),
    (
        "bbb_starter_kit",
        "Better Business Bureau guidance on starter kits (2010)",
        "The median starter kit cost USD 99.",
        "cleveland19.com (2010)",
        "S",
    ),
    (
        "ct_dcp_mlm",
        "Connecticut Dept. of Consumer Protection, 'Multilevel Marketing Scams - What to Know, "
        "What to Do'",
        "Compare the product's price with comparable retail products, check that it is safe and "
        "its claims are substantiated; research the company's track record and complaints.",
        "portal.ct.gov",
        "P",
    ),
    (
        "ftc_business_opportunity_rule",
        "FTC Business Opportunity Rule, 16 C.F.R. Part 437 (76 Fed. Reg. 76816, Dec. 8, 2011)",
        "Sellers of business opportunities must disclose legal actions of the past 10 years, "
        "refund policy, earnings claims and references; MLMs are exempt, but the items are good "
        "questions to ask.",
        "Federal Register copy; cliclaw.com FAQ on the disclosure items",
        "S",
    ),
    (
        "bbb_ftc_sponsor_questions",
        "BBB Northern Colorado with the FTC, questions to ask your sponsor",
        "Ask the person recruiting you for their annual sales, how much they sold to other "
        "distributors, their expenses (training, product) and their net income after expenses.",
        "worldgnisrael.com repost of the BBB/FTC tips",
        "S",
    ),
    (
        "aarp_tips_2018",
        "AARP Foundation, tips for anyone considering an MLM (2018)",
        "Understand the costs; research the company with the BBB and the FTC; talk to current and "
        "former reps; search the company name with 'scam' or 'complaint'.",
        "wtxl.com (NAPSI release)",
        "S",
    ),
    (
        "ftc_mlm_earnings_claims",
        "FTC, Business Guidance Concerning Multi-Level Marketing: earnings claims (2018)",
        "Earnings claims need a reasonable basis; lifestyle images and 'quit your job' claims are "
        "likely misleading if participants generally do not achieve them.",
        "guidance text reproduced at knowledgevault.myvima.com",
        "S",
    ),
]

_ROWS += [
    (
        "plan_types_glossary",
        "Descriptions of MLM pay-plan types (unilevel, binary, forced matrix, stair-step "
        "breakaway) in industry and press sources",
        "Unilevel: unlimited width, paid a fixed number of levels deep. Binary: two legs, pay on "
        "the weaker leg's volume, spillover and carry-over. Forced matrix W x D: frontline capped "
        "at W, spillover to open positions. Stair-step breakaway: ranks on personal and group "
        "volume; a member who breaks away leaves the upline's group and the upline earns a "
        "smaller generation override.",
        "s4ds.com; infirstmarketing.com; mlm.com 'What's a pay leg commission?'; "
        "successfulmlmtips.com; ethanvanderbuilt.com '3x5 Matrix'; azcentral.com",
        "S",
    ),
    (
        "plan_terms_glossary",
        "Glossaries of compensation-plan terms (personal volume, active, compression, breakage)",
        "Personal volume (PV) is used to qualify; 'active' means meeting a minimum PV in a period; "
        "compression skips unqualified members so pay reaches deeper qualified ones; breakage is "
        "pay the plan could pay in theory but does not, and the company keeps it.",
        "Purium glossary; isagenix.com compensation page; danjensen-consulting.com definitions; "
        "netreadyblog.blogspot.com",
        "S",
    ),
]

SOURCES: dict[str, Source] = {row[0]: Source(*row) for row in _ROWS}


def cite(key: str) -> str:
    """Return the short citation for ``key``.

    Raises
    ------
    mlmkit._validation.MlmkitInputError
        If ``key`` is not a known source.
    """
    check_choice("source key", key, SOURCES)
    return SOURCES[key].short


def sources_table() -> pd.DataFrame:
    """All sources as a DataFrame (one row per source), for a notebook's reading list.

    Examples
    --------
    >>> table = sources_table()
    >>> list(table.columns)
    ['key', 'short', 'detail', 'where', 'tag']
    """
    return pd.DataFrame([vars(source) for source in SOURCES.values()])
