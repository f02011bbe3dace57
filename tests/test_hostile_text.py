"""Hostile user text (plan, rank, company and series names) never becomes markup or script.

Every result type's ``_repr_html_`` escapes the names it shows, and every chart builder's
spec, rendered the way exported pages render it (``setup_altair("html")``), keeps the
text inside its script element. The browser half (zero dialogs, the text visible as
text) is in ``tests/test_hostile_pages.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import altair as alt
import pandas as pd
import pytest

import mlmkit as mk
from mlmkit.charts._setup import safe_html_renderer

HOSTILE = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
#: More hostile names for the places a second or third name can go: quotes and an ampersand
#: (attribute and JSON breakers) and the line separator (ends a JavaScript string in old engines).
QUOTES = "\"'& <b>Quotes</b> & Co"
LINE_BREAK = "Line\u2028Separator\u2029Co"
RAW = ("<script", "</script", "<img")


def hostile_stairstep() -> Any:
    ranks = (mk.plans.Rank("Starter", 0.05), mk.plans.Rank(HOSTILE, 0.10, min_group_volume_usd=500))
    return mk.plans.StairStepPlan(ranks=ranks, generation_rates=())


def payout() -> Any:
    network = mk.network.random_tree(200, seed=1)
    return mk.plans.payouts(hostile_stairstep(), network, retail_sales_usd=60, own_purchases_usd=60)


def simulation() -> Any:
    plan, settings = mk.simulate.recruitment_fee_plan()
    run = mk.simulate.simulate_market(plan, settings.replace(market_size=400, months=6), seed=1)
    from dataclasses import replace

    return replace(run, plan_name=HOSTILE)


def score_result() -> Any:
    """A filled-in example profile under a hostile company name (a blank one scores n/a: no marks)."""
    return mk.scorecard.score(mk.scorecard.example_profiles()["apex_wealth_circle"].replace({"company.name": HOSTILE}))


def result_htmls() -> dict[str, str]:
    run = simulation()
    return {
        "PayoutResult": payout()._repr_html_(),
        "SimulationResult": run._repr_html_(),
        "ProfitSummary": mk.economics.summarize(run)._repr_html_(),
        "ScoreResult": score_result()._repr_html_(),
    }


@pytest.mark.parametrize("kind", ["PayoutResult", "SimulationResult", "ProfitSummary", "ScoreResult"])
def test_every_result_type_escapes_its_name_in_html(kind: str):
    page = result_htmls()[kind]
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page, f"{kind} does not show the name as text"
    for raw in RAW:
        assert raw not in page.lower(), f"{kind}._repr_html_ puts {raw!r} from a name into HTML"


def test_payout_result_table_reads_as_money_and_percentages():
    page = payout()._repr_html_()
    assert "e+0" not in page and "USD " in page and "%" in page and "$" not in page


@cache
def chart_builders() -> dict[str, Callable[[], alt.TopLevelMixin]]:
    """Every public chart builder, fed with hostile names wherever a name is shown.

    Made once per test process (a simulation, a payout, a score...: about 50 ms) and shared by
    the tests here and in test_charts_visible.py; each builder still draws a new chart.
    """
    run = simulation()
    stair = payout()
    network = mk.network.full_tree(2, 3)
    tree_ids = mk.network.from_sponsor_table(
        pd.DataFrame({"member_id": [HOSTILE, "b", "c"], "sponsor_id": [None, HOSTILE, HOSTILE]})
    )
    breakdown = mk.plans.sale_breakdown(mk.plans.UnilevelPlan(), tree_ids, "c", 100)
    scored = score_result()
    tracked = mk.simulate.simulate_market(
        *mk.simulate.recruitment_fee_plan()[:1],
        mk.simulate.recruitment_fee_plan()[1].replace(market_size=400, months=6),
        seed=1, track_members=True,
    )
    from mlmkit import planners
    from mlmkit.disclosure import from_dataset

    sunrise = from_dataset("example_disclosure_fictional")
    ledger = mk.books.load_ledger(mk.datasets.data_path("books", "example_ledger.csv"))
    return {
        "downline_tree": lambda: mk.charts.network.downline_tree(tree_ids),
        "members_per_level": lambda: mk.charts.network.members_per_level(network),
        "commission_flow": lambda: mk.charts.network.commission_flow(breakdown),
        "pay_by_level": lambda: mk.charts.plans.pay_by_level({HOSTILE: stair}),
        "pay_distribution": lambda: mk.charts.plans.pay_distribution({HOSTILE: stair}),
        "where_the_money_goes": lambda: mk.charts.plans.where_the_money_goes({HOSTILE: stair}),
        "pay_by_rank": lambda: mk.charts.plans.pay_by_rank(stair),
        "withheld_by_reason": lambda: mk.charts.plans.withheld_by_reason(stair),
        "score_bars": lambda: mk.charts.scorecard.score_bars(scored),
        "points_chart": lambda: mk.charts.scorecard.points_chart(scored),
        "indicator_chart": lambda: mk.charts.scorecard.indicator_chart(scored),
        "compare_scores": lambda: mk.charts.scorecard.compare_scores([scored, scored]),
        "compare_indicators": lambda: mk.charts.scorecard.compare_indicators([scored]),
        "members_over_time": lambda: mk.charts.simulate.members_over_time({HOSTILE: run}),
        "market_saturation": lambda: mk.charts.simulate.market_saturation({HOSTILE: run}),
        "pay_sources": lambda: mk.charts.simulate.pay_sources({HOSTILE: run}),
        "net_distribution": lambda: mk.charts.simulate.net_distribution({HOSTILE: run}),
        "net_by_join_month_chart": lambda: mk.charts.simulate.net_by_join_month_chart({HOSTILE: run}),
        "levels_vs_population": lambda: mk.charts.simulate.levels_vs_population({HOSTILE: 50_000}),
        "recruits_by_join_order": lambda: mk.charts.simulate.recruits_by_join_order(
            mk.network.random_tree(500, seed=1)
        ),
        "typical_member_balances": lambda: mk.charts.simulate.typical_member_balances(
            tracked, join_months=[1, 2]
        ),
        "break_even_chart": lambda: mk.charts.books.break_even_chart(planners.break_even(150, 50, 0.25, 0.05, 3)),
        "day_job_bands": lambda: mk.charts.books.day_job_bands(
            planners.simulate_day_job(2000, 100, 150, 0.1, 0.15, horizon_months=24, seed=1)
        ),
        "lorenz": lambda: mk.charts.disclosure.lorenz(sunrise),
        "share_paid_at_least": lambda: mk.charts.disclosure.share_paid_at_least(sunrise, yearly_cost_usd=1200),
        "monthly_results": lambda: mk.charts.books.monthly_results(ledger),
        "spending_by_category": lambda: mk.charts.books.spending_by_category(ledger),
        **explorer_builders(),
    }


def hostile_ledger() -> pd.DataFrame:
    """The example books with a hostile note on every entry (notes are free text)."""
    ledger = mk.books.load_ledger(mk.datasets.data_path("books", "example_ledger.csv"))
    notes = [HOSTILE, QUOTES, LINE_BREAK]
    return mk.books.make_ledger(ledger.assign(note=[notes[i % 3] for i in range(len(ledger))]))


def hostile_disclosure() -> Any:
    from dataclasses import replace

    from mlmkit.disclosure import from_dataset

    return replace(from_dataset("example_disclosure_fictional"), company=HOSTILE)


def explorer_builders() -> dict[str, Callable[[], alt.TopLevelMixin]]:
    """The kernel-free explorers of the readers' site, with hostile text in every place user
    text can enter them: rate-set, plan and company names (shown in dropdowns, axes and
    tooltips), member ids and rank names (in the network and plan the grid is computed
    from), ledger notes, the disclosing company's name (in the title)."""
    from mlmkit.charts import kernel_free as kf

    def downline() -> alt.TopLevelMixin:
        sales = kf.downline_sale_grid({HOSTILE: (0.10, 0.05), QUOTES: (0.08,), LINE_BREAK: (0.05, 0.05)}, max_level=2)
        return kf.downline_explorer(kf.downline_grid(recruits_each=(2, 3), depths=(1, 2, 3)), sales)

    def plans() -> alt.TopLevelMixin:
        network = mk.network.from_sponsor_table(pd.DataFrame({
            "member_id": [HOSTILE, QUOTES, LINE_BREAK, "d", "e"],
            "sponsor_id": [None, HOSTILE, HOSTILE, QUOTES, LINE_BREAK],
        }))
        chosen = {HOSTILE: hostile_stairstep(), QUOTES: mk.plans.UnilevelPlan(), LINE_BREAK: mk.plans.BinaryPlan()}
        grid = kf.plan_grid(network, 100.0, 50.0, plans=chosen, min_personal_volumes_usd=(0, 100))
        return kf.plan_explorer(grid)

    def market() -> alt.TopLevelMixin:
        run = simulation()
        return kf.market_explorer(*kf.market_frames({(name, size): run for name in (HOSTILE, QUOTES, LINE_BREAK)
                                                      for size in (400, 800)}))

    def scorecard() -> alt.TopLevelMixin:
        example = mk.scorecard.example_profiles()["apex_wealth_circle"]
        profiles = {name: example.replace({"company.name": name}) for name in (HOSTILE, QUOTES, LINE_BREAK)}
        return kf.scorecard_explorer(kf.scorecard_grid(profiles, weights=(0, 1)))

    def claims() -> alt.TopLevelMixin:
        disclosure = hostile_disclosure()
        return kf.claim_explorer(kf.claim_grid(disclosure, (0.0, 500.0, 1_000.0)), company=disclosure.company)

    def first_year() -> alt.TopLevelMixin:
        grid = kf.first_year_grid(hostile_disclosure(), monthly_purchase_usd=(0.0, 100.0),
                                  kits_usd=(0.0, 99.0))
        return kf.first_year_explorer(grid)

    return {
        "downline_explorer": downline,
        "plan_explorer": plans,
        "market_explorer": market,
        "scorecard_explorer": scorecard,
        "books_explorer": lambda: kf.books_explorer(kf.books_grid(hostile_ledger(), monthly_personal_use_usd=(0, 50))),
        "claim_explorer": claims,
        "first_year_explorer": first_year,
    }


def builder_names() -> list[str]:
    return [
        "downline_tree", "members_per_level", "commission_flow", "pay_by_level", "pay_distribution",
        "where_the_money_goes", "pay_by_rank", "withheld_by_reason", "score_bars", "points_chart",
        "indicator_chart", "compare_scores", "compare_indicators", "members_over_time",
        "market_saturation", "pay_sources", "net_distribution", "net_by_join_month_chart",
        "levels_vs_population", "recruits_by_join_order", "typical_member_balances",
        "monthly_results", "spending_by_category", "break_even_chart", "day_job_bands", "lorenz",
        "share_paid_at_least", *explorer_builders(),
    ]


def test_every_public_chart_builder_is_covered():
    """A new chart builder must be added to the hostile-text checks."""
    import importlib
    import inspect
    from pathlib import Path

    public = set()
    for path in sorted(Path(mk.charts.__file__).parent.glob("[!_]*.py")):
        module = importlib.import_module(f"mlmkit.charts.{path.stem}")
        for name in getattr(module, "__all__", []):
            value = getattr(module, name)
            returns = str(inspect.signature(value).return_annotation) if callable(value) else ""
            if "Chart" in returns and not name.endswith(("_frame", "_layout", "_title", "_height")):
                public.add(name)
    assert public - set(builder_names()) - NOT_YET_COVERED == set()


#: Chart builders not yet fed hostile names (none: add a new builder to ``chart_builders``).
NOT_YET_COVERED: set[str] = set()


NO_USER_TEXT = {"members_per_level", "recruits_by_join_order", "typical_member_balances",
                "monthly_results", "spending_by_category", "break_even_chart", "day_job_bands", "lorenz",
                "share_paid_at_least", "books_explorer", "first_year_explorer"}


@pytest.mark.parametrize("name", builder_names())
def test_chart_spec_cannot_leave_its_script_element(name: str):
    chart = chart_builders()[name]()
    if name in NO_USER_TEXT:  # the chart shows no user text: give it a hostile title instead
        chart = chart.properties(title=HOSTILE)
    page = safe_html_renderer(chart.to_dict())["text/html"]
    assert page.lower().count("<script") == page.lower().count("</script>") == 1, "the script element was split"
    assert "alert(1)" in page, f"{name}: the hostile name is not in the chart at all (test feeds it nowhere)"
    assert "</script><script>alert(1)" not in page
    assert "<img src=x" not in page
    assert "<b>Quotes" not in page and "\u2028" not in page and "\u2029" not in page


def spec_in(page: str) -> dict[str, Any]:
    """The chart spec as the page's script reads it back (the JSON argument of the embed call)."""
    import json

    start = page.index("})(") + 3
    spec, _ = json.JSONDecoder().raw_decode(page[start:])
    return spec


#: Where each explorer shows the hostile names it was fed (books and first year show none).
EXPLORER_NAMES = {
    "downline_explorer": (HOSTILE, QUOTES, LINE_BREAK),  # rate-set names in the dropdown
    "plan_explorer": (HOSTILE, QUOTES, LINE_BREAK),  # plan names in the dropdown
    "market_explorer": (HOSTILE, QUOTES, LINE_BREAK),  # plan names in the dropdown
    "scorecard_explorer": (HOSTILE, QUOTES, LINE_BREAK),  # company names on the axis and tooltips
    "claim_explorer": (HOSTILE,),  # the disclosing company in the title
    "books_explorer": (),
    "first_year_explorer": (),
}


@pytest.mark.parametrize("name", sorted(EXPLORER_NAMES))
def test_explorer_spec_escapes_hostile_names_and_keeps_them_whole(name: str):
    """The site's explorers: names go into the page escaped and come back out unchanged."""
    import json

    chart = chart_builders()[name]()
    page = safe_html_renderer(chart.to_dict())["text/html"]
    script = page[page.index("<script"):page.rindex("</script>")]
    embedded = script[script.index("})(") :]
    assert not {"<", ">", "\u2028", "\u2029"} & set(embedded), f"{name}: raw markup characters in the spec"
    text = json.dumps(spec_in(page), ensure_ascii=False)
    for shown in EXPLORER_NAMES[name]:
        assert json.dumps(shown, ensure_ascii=False)[1:-1] in text, f"{name}: {shown!r} did not survive"
    if not EXPLORER_NAMES[name]:  # notes and the company's name are not shown at all
        assert "alert" not in text and "Quotes" not in text


def test_altairs_own_html_renderer_would_break_out():
    """Why the safe renderer exists: Altair's html renderer leaves ``</script>`` in the page."""
    from altair.vegalite.v6.display import html_renderer

    page = html_renderer(alt.Chart(pd.DataFrame({"x": [HOSTILE]})).mark_point().encode(x="x:N").to_dict())
    assert "</script><script>alert(1)</script>" in page["text/html"]


def test_an_embedding_error_is_shown_as_text():
    """Altair's page puts an embedding error (which can quote a field name) into innerHTML."""
    from mlmkit.charts._setup import _ERROR_AS_HTML

    page = safe_html_renderer({"mark": "bar", "title": HOSTILE})["text/html"]
    assert ".innerHTML" not in page and "shown.textContent = String(err)" in page
    assert _ERROR_AS_HTML not in page
