"""The scorecard form, driven headless through its controls."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlmkit._validation import MlmkitInputError
from mlmkit.scorecard import UNKNOWN, example_profiles, load_profile, score
from mlmkit.widgets.scorecard import BLANK, YOUR_FORM, ScorecardExplorer

EXAMPLES = example_profiles()


@pytest.fixture(scope="module")
def explorer() -> ScorecardExplorer:
    return ScorecardExplorer(example="evergreen_pantry")


def chart_rows(chart) -> list[dict]:  # noqa: ANN001 - an alt.JupyterChart
    (rows,) = chart.spec["datasets"].values()
    return rows


def test_every_example_fills_the_form_faithfully(explorer: ScorecardExplorer) -> None:
    for name, profile in EXAMPLES.items():
        explorer.controls["example"].value = name  # the dropdown, as a reader uses it
        assert explorer.profile == profile, name
        assert explorer.result is not None
        assert explorer.result.overall == pytest.approx(score(profile).overall)
    explorer.load_example("evergreen_pantry")


def test_changing_an_answer_rescores_and_redraws(explorer: ScorecardExplorer) -> None:
    explorer.load_example("evergreen_pantry")
    before = explorer.result.overall
    explorer.controls["pay_plan.monthly_purchase_usd"].value = 150.0
    assert explorer.result.overall < before
    expected = score(EXAMPLES["evergreen_pantry"].replace({"pay_plan.monthly_purchase_usd": 150.0}))
    assert explorer.result.overall == pytest.approx(expected.overall)
    overall_row = chart_rows(explorer.score_chart)[0]
    assert overall_row["score"] == pytest.approx(expected.overall)
    indicators = {row["indicator"]: row["status"] for row in chart_rows(explorer.indicator_chart)}
    assert indicators["entry_payment"] == "present"
    companies = {row["company"] for row in chart_rows(explorer.compare_chart)}
    assert YOUR_FORM in companies and "Apex Wealth Circle" in companies
    explorer.controls["pay_plan.monthly_purchase_usd"].value = 0.0


def test_unknown_answers_become_questions(explorer: ScorecardExplorer) -> None:
    explorer.load_example("evergreen_pantry")
    explorer.controls["product.repeat_purchases"].value = UNKNOWN
    explorer.controls["company.years_operating:state"].value = UNKNOWN
    asked = explorer.result.questions["field"].tolist()
    assert asked[:2] == ["company.years_operating", "product.repeat_purchases"]
    assert "Do customers who are not in the business buy again?" in explorer.questions_box.value
    explorer.load_example("evergreen_pantry")
    assert explorer.result.questions["field"].tolist() == ["always"] * 4


def test_weight_sliders(explorer: ScorecardExplorer) -> None:
    explorer.load_example("glowhaus_cosmetics")
    explorer.controls["weight:buyback"].value = 5.0
    explorer.controls["weight:company"].value = 0.0
    expected = score(EXAMPLES["glowhaus_cosmetics"], weights={"buyback": 5.0, "company": 0.0})
    assert explorer.result.overall == pytest.approx(expected.overall)
    ranked = {row["company"]: row["rank"] for row in chart_rows(explorer.compare_chart)}
    assert ranked["Evergreen Pantry"] == 1
    explorer.controls["weight:buyback"].value = 2.0
    explorer.controls["weight:company"].value = 1.0


def test_bad_answer_keeps_the_last_good_result(explorer: ScorecardExplorer) -> None:
    explorer.load_example("kitchencraft_parties")
    good = explorer.result
    explorer.controls["pay_plan.level_rates"].value = "10, lots"
    assert explorer.result is good
    assert "pay_plan.level_rates" in explorer.status.value
    explorer.controls["pay_plan.level_rates"].value = "60, 50"
    assert explorer.result is good and "100%" in explorer.status.value
    explorer.controls["pay_plan.level_rates"].value = "4, 2"
    assert explorer.result is not good


def test_blank_form_is_all_unknown(explorer: ScorecardExplorer) -> None:
    explorer.controls["example"].value = BLANK
    assert explorer.result.coverage == 0 and explorer.result.band.title == "Too little known to band"
    assert len(explorer.profile.open_fields) >= 20
    explorer.load_example("evergreen_pantry")


def test_save_never_loses_a_previous_file(explorer: ScorecardExplorer, tmp_path: Path) -> None:
    explorer.load_example("evergreen_pantry")
    target = tmp_path / "mine.toml"
    explorer.controls["save_path"].value = str(target)
    explorer.controls["overwrite"].value = False
    assert explorer.save() is None
    assert load_profile(target) == explorer.profile
    explorer.controls["company.name"].value = "Changed"
    assert explorer.save() is None  # refused: shown in status, nothing replaced
    assert "already exists" in explorer.status.value
    assert load_profile(target).name == "Evergreen Pantry"
    with pytest.raises(MlmkitInputError, match="already exists"):
        explorer.save(target)
    explorer.controls["overwrite"].value = True
    backup = explorer.save()
    assert backup is not None and load_profile(backup).name == "Evergreen Pantry"
    assert load_profile(target).name == "Changed"
    assert "kept as mine.toml.~1~" in explorer.status.value
    explorer.controls["overwrite"].value = False
    explorer.controls["save_path"].value = str(tmp_path / "missing" / "x.toml")
    assert explorer.save() is None and "folder must exist" in explorer.status.value


def test_loading_a_profile_object(tmp_path: Path) -> None:
    profile = EXAMPLES["apex_wealth_circle"].replace({"company.name": "<b>Mine</b>"})
    form = ScorecardExplorer(profile=profile)
    assert form.profile == profile  # packages and legal actions are kept by the form
    assert form.profile["pay_plan.packages"] == profile["pay_plan.packages"]
    assert "<b>" not in form.status.value  # user text is escaped
    with pytest.raises(MlmkitInputError, match="example"):
        ScorecardExplorer(example="nope")
    with pytest.raises(MlmkitInputError, match="example"):
        form.load_example("nope")


def test_scorecard_does_not_import_widgets() -> None:
    code = "import sys, mlmkit.scorecard; assert 'ipywidgets' not in sys.modules; assert 'altair' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_form_keeps_ranges_until_changed() -> None:
    from mlmkit.scorecard.fields import Range

    profile = EXAMPLES["vitaflow_nutrition"]
    form = ScorecardExplorer(profile=profile)
    assert form.profile["revenue.non_participant_sales_usd"] == Range(180_000_000, 220_000_000)
    form.controls["revenue.non_participant_sales_usd"].value = 5_000_000
    assert form.profile["revenue.non_participant_sales_usd"] == 5_000_000
