"""``mlmkit first-year``: numbers from a profile, a data set or typed in; errors exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mlmkit.cli import main
from mlmkit.datasets import data_path

EVERGREEN = str(data_path("companies", "evergreen_pantry.toml"))


def test_first_year_from_a_profile(capsys):
    assert main(["first-year", EVERGREEN, "--hours-per-week", "8"]) == 0
    out = capsys.readouterr().out
    # Evergreen: kit USD 49; disclosed median USD 820, 45% paid nothing.
    assert "year-one cost                                      USD 49" in out
    assert "median net result                                  USD 771" in out
    assert "USD 1.85 an hour" in out  # 771 / (8 * 52)
    assert "54.7% (possible range 50.0% to 55.0%)" in out


def test_first_year_from_a_data_set_with_typed_costs_and_a_claim(capsys):
    argv = ["first-year", "--disclosure", "example_disclosure_fictional", "--kit-usd", "99",
            "--monthly-purchase-usd", "100", "--hours-per-week", "10",
            "--claim-usd", "2000", "--per", "month"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "USD 1,299" in out  # 99 + 12 * 100
    assert "USD -2.50 an hour" in out  # median 0: -1,299 / 520 hours
    assert "USD 24,000 a year" in out
    assert "fictional" in out


def test_typed_costs_replace_the_profile(capsys):
    assert main(["first-year", EVERGREEN, "--kit-usd", "500", "--monthly-phone-usd", "10"]) == 0
    assert "year-one cost                                      USD 620" in capsys.readouterr().out


def test_published_disclosure_says_what_it_cannot_know(capsys):
    argv = ["first-year", "--disclosure", "disclosure_brackets", "--disclosure-id",
            "advocare_2017", "--kit-usd", "59", "--monthly-purchase-usd", "100"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "67.0%" in out and "not known (possible range 0.0% to 13.0%)" in out


def test_brackets_from_a_csv_file(tmp_path, capsys):
    source = data_path("earnings", "example_disclosure_fictional.csv").read_text(encoding="utf-8")
    path = tmp_path / "mine.csv"
    path.write_text(source, encoding="utf-8")
    assert main(["first-year", "--disclosure", str(path), "--kit-usd", "10"]) == 0
    assert "Sunrise Essentials" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["first-year"], "give a company profile"),
        (["first-year", "--disclosure", "nope"], "--disclosure = 'nope'"),
        (["first-year", "--disclosure", "missing.csv"], "no such CSV file"),
        (["first-year", "no_such_profile.toml"], "no_such_profile.toml"),
        (["first-year", str(data_path("companies", "apex_wealth_circle.toml"))],
         "share_paid_nothing = 'unknown'"),
        (["first-year", "--disclosure", "disclosure_brackets", "--disclosure-id", "x"],
         "disclosure_id = 'x'"),
    ],
)
def test_errors_exit_2_with_a_message(argv, message, capsys):
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bad_csv_and_bad_numbers_exit_2_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("disclosure_id,company\n=cmd(),x\n", encoding="utf-8")
    for argv in (["first-year", "--disclosure", str(bad)],
                 ["first-year", "--disclosure", "example_disclosure_fictional", "--kit-usd", "-5"],
                 ["first-year", "--disclosure", "example_disclosure_fictional",
                  "--hours-per-week", "200"],
                 ["first-year", "--disclosure", "example_disclosure_fictional",
                  "--claim-usd", "lots"]):
        run = subprocess.run([sys.executable, "-m", "mlmkit", *argv], capture_output=True,
                             text=True, timeout=120)
        assert run.returncode == 2, (argv, run.stderr)
        assert "Traceback" not in run.stderr and "error" in run.stderr, (argv, run.stderr)


def test_scorecard_report_carries_the_first_year_numbers(capsys):
    from mlmkit.scorecard import load_profile, score

    result = score(load_profile(EVERGREEN))
    text = result.to_text()
    assert "Chance of clearing the year-one cost of USD 49" in text
    assert "54.7%" in text and "Median net result of the first year: USD 771" in text
    page = result.to_html()
    assert "Chance of clearing the year-one cost of USD 49" in page
    # the CLI's first-year command gives the same figures
    assert main(["first-year", EVERGREEN]) == 0
    out = capsys.readouterr().out
    assert "54.7% (possible range 50.0% to 55.0%)" in out and "USD 771" in out


def test_format_2_court_record_profile_from_the_cli(capsys):
    from pathlib import Path

    record = Path(__file__).parent / "data" / "court_records" / "advocare_2019.toml"
    assert main(["first-year", str(record), "--hours-per-week", "5"]) == 0
    out = capsys.readouterr().out
    assert "USD 200 or more" not in out  # brackets are summarised, not listed
    assert "67.0%" in out and "not known (possible range 0.0% to 13.0%)" in out
    assert "Unknown in the profile (counted as USD 0): pay_plan.monthly_purchase_usd" in out
