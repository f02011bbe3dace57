"""The `mlmkit` command and the HTML/text reports it writes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mlmkit.cli import main
from mlmkit.datasets import data_path
from mlmkit.scorecard import example_profiles, load_profile, save_profile, score, to_html

EXAMPLE_FILES = sorted(data_path("companies").glob("*.toml"))
HOSTILE = "<script>alert(1)</script>"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.stem)
def test_score_every_example(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    profile = load_profile(path)
    assert out.startswith(profile.name + " (fictional example)")
    assert f"{score(profile).overall:.0f}/100" in out
    assert "Pyramid indicators" in out and "not verdicts" in out
    assert "Questions to ask the person recruiting you" in out
    assert "not legal or financial advice" in out


def test_compare_ranks_best_first(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--compare", *map(str, EXAMPLE_FILES)]) == 0
    lines = capsys.readouterr().out.splitlines()
    ranked = [line for line in lines if re.match(r"^\s+\d+\s", line)]
    assert len(ranked) == len(EXAMPLE_FILES)
    assert "Evergreen Pantry" in ranked[0]
    assert "Apex Wealth Circle" in ranked[-1]
    results = {score(load_profile(path)).company: score(load_profile(path)) for path in EXAMPLE_FILES}
    levels = [next(r.band.level for name, r in results.items() if name[:25] in line) for line in ranked]
    assert levels == sorted(levels, reverse=True)


def test_weights_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_path("companies", "glowhaus_cosmetics.toml"))
    assert main(["score", path, "--weight", "pay_plan=0", "--weight", "company=0"]) == 0
    out = capsys.readouterr().out
    product = score(load_profile(path)).area_scores["product"]
    assert re.search(rf"Overall\s+{product:.0f}/100", out)


@pytest.mark.parametrize("weight", ["buyback", "buyback=lots", "colour=2", "buyback=-1"])
def test_bad_weight_exits_2(weight: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(data_path("companies", "evergreen_pantry.toml"))
    assert main(["score", path, "--weight", weight]) == 2
    assert "mlmkit: error:" in capsys.readouterr().err


def test_bad_profile_names_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = data_path("companies", "evergreen_pantry.toml").read_text(encoding="utf-8")
    bad = tmp_path / "typo.toml"
    bad.write_text(text.replace("buyback_share = 0.9", "buyback_share = 90"), encoding="utf-8")
    assert main(["score", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "typo.toml: pay_plan.buyback_share = 90" in err
    assert "between 0 and 1" in err
    assert main(["score", str(tmp_path / "missing.toml")]) == 2


def test_html_report_is_self_contained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["score", "--compare", *map(str, EXAMPLE_FILES), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for forbidden in ("<script", "<link", "src=", "href=", "@import", "url("):
        assert forbidden not in page.lower()
    for profile in example_profiles().values():
        assert profile.name in page
    assert page.index("Evergreen Pantry") < page.index("Apex Wealth Circle")
    # refuses to overwrite without the flag
    assert main(["score", str(EXAMPLE_FILES[0]), "--html", str(out)]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["score", str(EXAMPLE_FILES[0]), "--html", str(out), "--overwrite"]) == 0


def test_hostile_text_stays_inert(tmp_path: Path) -> None:
    profile = load_profile(data_path("companies", "apex_wealth_circle.toml")).replace(
        {
            "company.name": HOSTILE,
            "company.description": '"><img src=x onerror=alert(2)>',
            "product.name": "</td></tr></table><script>alert(3)</script>",
        }
    )
    profile = type(profile)(profile.answers, {"company.name": "<b onclick=alert(4)>x</b>"}, "x")
    path = tmp_path / "hostile.toml"
    save_profile(profile, path)
    out = tmp_path / "hostile.html"
    assert main(["score", str(path), "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<img" not in page and "<b onclick" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;b onclick=alert(4)&gt;x&lt;/b&gt;" in page
    # the notebook display escapes too
    fragment = score(profile)._repr_html_()
    assert "<script" not in fragment and "&lt;script&gt;" in fragment


def test_html_for_one_result_has_every_section() -> None:
    page = to_html(score(example_profiles()["brightstart_wellness"]))
    for heading in (
        "Band: Too little known to band", "Score on known answers, with its range", "Money: median pay",
        "Why: every criterion", "Pyramid indicators", "Questions to ask",
    ):
        assert heading in page
    assert "Indicators, not verdicts" in page
    assert page.count("<li>") >= 15  # the unknowns became questions


def test_python_dash_m_runs_the_command() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "mlmkit", "score", str(data_path("companies", "evergreen_pantry.toml"))],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Evergreen Pantry")


def test_help_mentions_not_advice(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--help"])
    assert caught.value.code == 0
    assert "not legal or financial advice" in " ".join(capsys.readouterr().out.split())


def test_html_into_a_missing_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "report.html"
    assert main(["score", str(EXAMPLE_FILES[0]), "--html", str(out)]) == 2
    assert "mlmkit: error:" in capsys.readouterr().err


# ------------------------------------------------------------------ hostile input, never a traceback
HOSTILE_FILES = {
    "array_500_deep": "x = " + "[" * 500 + "]" * 500 + "\n",
    "inline_table_3000_deep": "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n",
    "dotted_header_990_deep": "[" + ".".join(["a"] * 990) + "]\n",
    "integer_400_digits": "format = 2\n[company]\nname = \"x\"\nyears_operating = " + "9" * 400 + "\n",
    "integer_5000_digits": "format = 2\n[company]\nname = \"x\"\nyears_operating = " + "9" * 5000 + "\n",
}


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_hostile_profiles_get_a_clear_error(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_text(HOSTILE_FILES[name], encoding="utf-8")
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mlmkit: error:") and f"{name}.toml" in err and "Traceback" not in err


@pytest.mark.parametrize("weight", ["product=1e308", "buyback=1e400", "product=nan", "company=inf"])
def test_huge_or_odd_weights_give_an_error_never_nan(weight: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["score", str(data_path("companies", "evergreen_pantry.toml")), "--weight", weight])
    out, err = capsys.readouterr()
    assert code == 2 and "nan" not in out and "mlmkit: error:" in err


def test_html_onto_a_folder_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(data_path("companies", "evergreen_pantry.toml")), "--html", str(tmp_path)]) == 2
    assert "it is a folder" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["inline_table_3000_deep", "integer_5000_digits"])
def test_hostile_profile_in_a_real_process(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_text(HOSTILE_FILES[name], encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "mlmkit", "score", str(path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr and "mlmkit: error:" in completed.stderr
