"""The benchmarks still run (quick sizes). Timings are measured by `make bench`, not asserted here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_run_writes_every_benchmark(tmp_path):
    out = tmp_path / "bench.md"
    subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--output", str(out)],
        check=True, capture_output=True, timeout=600,
    )
    text = out.read_text()
    for name in ("network:", "unilevel payout", "binary placement", "matrix 3x7", "stair-step", "ratio:", "W1 whole process", "import mlmkit.widgets",
                 "scorecard:", "simulate_market:"):
        assert name in text


def _derived():
    """``benchmarks/run.py``'s ``derived`` (the report's ratio, growth and work rows)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from run import derived  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return derived


def _rows(name: str, per_member_ns: tuple[float, ...]) -> list[dict]:
    """Rows of ``name`` at 100,000 / 1,000,000 / 10,000,000 members taking ``per_member_ns`` each."""
    return [{"benchmark": name, "size": size, "median_s": ns * size * 1e-9}
            for size, ns in zip((100_000, 1_000_000, 10_000_000), per_member_ns, strict=True)]


def test_growth_rows_print_the_time_per_member_at_each_size():
    """The fitted exponent comes with the time per member behind it (issue 12: evidence of the growth)."""
    derived = _derived()

    class Module:
        SCALING = ["placement"]

    rows = [{"benchmark": "placement", "size": size, "median_s": seconds, "cpu_median_s": seconds * 0.9}
            for size, seconds in ((10_000, 0.001), (100_000, 0.01), (1_000_000, 0.2), (10_000_000, 4.0))]
    (growth,) = derived(Module, rows, quick=False)
    assert abs(growth["exponent"] - 1.30103) < 1e-4  # log10(400) / 2
    assert growth["ok"] is False
    assert "ns per member: 100 / 200 / 400 (CPU 90 / 180 / 360)" in growth["benchmark"]


def test_informative_growth_rows_are_printed_with_their_note_and_no_goal():
    """Placement alone and its floor: their exponents are printed, with why, and judged by no goal."""
    derived = _derived()

    class Module:
        SCALING = ["payout"]
        INFO_SCALING = {"placement": "printed without a goal"}

    rows = _rows("payout", (100, 120, 130)) + _rows("placement", (100, 180, 300))
    judged, informative = derived(Module, rows, quick=False)
    assert judged["benchmark"].startswith("growth: payout: time ~ size^1.057") and judged["ok"] is True
    assert informative["benchmark"].startswith("growth: placement: time ~ size^1.24")
    assert informative["benchmark"].endswith("; printed without a goal")
    assert informative["ok"] is None and informative["goal"] == ""


def test_counted_work_rows_fit_the_growth_of_the_work_not_the_time():
    """The counted rows (records read per member, in each row's info) give a work exponent
    with its own goal (linear work), whatever the time did."""
    derived = _derived()

    for per_member, ok in (((3.8, 4.0, 4.0), True), ((3.8, 8.0, 16.0), False)):
        class Module:
            WORK_COUNTED = {"placement": "placement: counted"}

        rows = [{"benchmark": "placement: counted", "size": size, "median_s": 1.0,
                 "info": {"records_read_per_member": reads}}
                for size, reads in zip((100_000, 1_000_000, 10_000_000), per_member, strict=True)]
        (work,) = derived(Module, rows, quick=False)
        assert work["ok"] is ok and work["goal"] == "<= 1.05 (linear work)"
        assert work["benchmark"].startswith("work: placement: records of other members read per member, counted: "
                                            + " / ".join(f"{reads:.2f}" for reads in per_member))


def test_a_judged_growth_row_names_its_goal_and_quotes_the_yardstick_of_the_same_run():
    """Issue 12 asks for time growing linearly: the row over the project's tolerance says NO, names
    the goal as the project's own number, and quotes the floor's growth measured in the same run."""
    derived = _derived()

    class Module:
        SCALING = ["payout"]
        INFO_SCALING = {"floor": "printed without a goal"}
        GROWTH_GOAL = 1.05
        GROWTH_GOAL_LABEL = "linear, the project's tolerance"
        GROWTH_JUDGED_NOTE = "time, judged"
        GROWTH_YARDSTICK = "floor"

    rows = _rows("payout", (200, 200, 300)) + _rows("floor", (100, 130, 210))
    judged, floor = derived(Module, rows, quick=False)
    assert judged["ok"] is False and judged["goal"] == "<= 1.05 (linear, the project's tolerance)"
    assert judged["benchmark"].startswith("growth: payout: time ~ size^1.088")
    assert judged["benchmark"].endswith("; time, judged; floor in this run: size^1.16")
    assert floor["ok"] is None
    (quick,) = derived(Module, _rows("payout", (200, 200, 200)), quick=True)
    assert quick["ok"] is None and quick["goal"] == ""  # quick sizes: printed, never judged


def test_a_module_without_a_growth_goal_prints_the_exponent_and_its_note():
    derived = _derived()

    class Module:
        SCALING = ["payout"]
        GROWTH_GOAL = None
        GROWTH_NOTE = "time, printed without a goal"

    (growth,) = derived(Module, _rows("payout", (100, 180, 300)), quick=False)
    assert growth["benchmark"].startswith("growth: payout: time ~ size^1.24")
    assert growth["benchmark"].endswith("; time, printed without a goal")
    assert growth["ok"] is None and growth["goal"] == ""


def test_memory_write_speed_is_measured_twice_and_the_report_says_both():
    """make bench measures how fast the machine writes memory just handed to a process, and the
    same again (a virtual machine whose host takes freed memory back pays on the first write)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from harness import memory_write_speed  # type: ignore[import-not-found]
        from run import _write_speed_note  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    speed = memory_write_speed(size_bytes=32 * 2**20)
    if speed is None:  # no /proc/meminfo here: the report says so
        assert "not measured" in _write_speed_note(None)
        return
    assert speed["gigabytes"] == 32 / 1024
    assert speed["first_gb_per_s"] > 0 and speed["second_gb_per_s"] > 0
    note = _write_speed_note({"gigabytes": 1.0, "first_gb_per_s": 0.31, "second_gb_per_s": 4.25})
    assert note.startswith("1.0 GB just given to a process written at 0.31 GB/s, then the same amount again at 4.25 GB/s")
