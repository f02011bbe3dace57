"""Scorecard charts: built from the model, checked through their Vega-Lite specs."""

from __future__ import annotations

import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.charts import scorecard as charts
from mlmkit.scorecard import example_profiles, score

RESULTS = [score(profile) for profile in example_profiles().values()]
BRIGHTSTART = next(result for result in RESULTS if result.company == "BrightStart Wellness")


def dataset(spec: dict) -> list[dict]:
    (rows,) = spec["datasets"].values()
    return rows


def test_score_bars_show_the_computed_scores() -> None:
    spec = charts.score_bars(BRIGHTSTART).to_dict()
    rows = dataset(spec)
    assert [row["part"] for row in rows] == ["Overall", "Product", "Pay plan", "Company stability"]
    assert rows[0]["score"] == pytest.approx(BRIGHTSTART.overall)
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 100]
    assert spec["layer"][1]["mark"]["type"] == "text"


def test_score_bars_label_switched_off_areas() -> None:
    keys = ["outside_customers", "price_vs_retail", "repeat_demand", "product_claims"]
    result = score(BRIGHTSTART.profile, weights=dict.fromkeys(keys, 0))
    rows = dataset(charts.score_bars(result).to_dict())
    assert rows[1]["label"] == "n/a" and rows[1]["score"] == 0


def test_points_chart_splits_gained_lost_and_unknown() -> None:
    spec = charts.points_chart(BRIGHTSTART).to_dict()
    rows = dataset(spec)
    assert {row["part"] for row in rows} == {"gained", "lost", "depends on unknown answers"}
    total_gained = sum(row["value"] for row in rows if row["part"] == "gained")
    assert total_gained == pytest.approx(BRIGHTSTART.low)
    maybe = sum(row["value"] for row in rows if row["part"] == "depends on unknown answers")
    assert total_gained + maybe == pytest.approx(BRIGHTSTART.high)
    assert sum(row["value"] for row in rows) == pytest.approx(100.0)
    assert spec["encoding"]["x"]["stack"] == "zero"
    assert spec["encoding"]["row"]["field"] == "area_title"
    assert {tip["field"] for tip in spec["encoding"]["tooltip"]} >= {"reason", "sources", "answer"}


def test_indicator_chart_colours_by_status() -> None:
    spec = charts.indicator_chart(BRIGHTSTART).to_dict()
    rows = dataset(spec)
    assert len(rows) == 9
    assert [row["status"] for row in rows].count("unknown") == 7
    assert spec["encoding"]["color"]["scale"]["domain"] == ["present", "unknown", "not present"]
    assert "not verdicts" in spec["title"]["subtitle"]


def test_compare_charts_sort_best_first() -> None:
    spec = charts.compare_scores(RESULTS).to_dict()
    rows = dataset(spec)
    assert len(rows) == 4 * len(RESULTS)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == {"field": "rank", "op": "min", "order": "ascending"}
    bands = {result.company: result.band.level for result in RESULTS}
    ranked = sorted({(row["rank"], row["company"]) for row in rows if row["part"] == "Overall"})
    assert [bands[company] for _, company in ranked] == sorted(bands.values(), reverse=True)
    assert next(row["company"] for row in rows if row["rank"] == 1) == "Evergreen Pantry"
    assert ranked[-1][1] == "Apex Wealth Circle"
    matrix = charts.compare_indicators(RESULTS).to_dict()
    cells = dataset(matrix)
    assert len(cells) == 9 * len(RESULTS)
    apex = {cell["indicator"]: cell["status"] for cell in cells if cell["company"] == "Apex Wealth Circle"}
    assert apex["recruiting_rewards"] == apex["package_pay"] == apex["participant_revenue"] == "present"


def test_charts_reject_what_is_not_a_result() -> None:
    with pytest.raises(MlmkitInputError, match="ScoreResult"):
        charts.score_bars("Evergreen")  # type: ignore[arg-type]
    with pytest.raises(MlmkitInputError, match="at least one"):
        charts.compare_scores([])
