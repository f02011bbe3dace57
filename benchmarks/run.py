"""Run every benchmark (benchmarks/bench_*.py) and write benchmarks/results.md.

Each ``bench_<name>.py`` defines ``cases(quick) -> list[harness.Case]``. Every case runs
several times, each run in a fresh Python process (so memory is the process's own, read
from the operating system), and its row reports min / median / max seconds, the peak
resident memory, the memory used beyond the inputs per member, the load average before
and after, and whether the median meets the goal. Modules may also name ``RATIOS`` (a plan
row and its numpy floor: the report prints median / median; a row that times both back to
back in each process is named as its own floor, and its ratio is the median of each
process's own ratio; ``INFO_RATIOS`` the same without a goal) and ``SCALING`` (rows whose
growth from 100,000 to 10,000,000 members is fitted as time ~ size^k, goal ``GROWTH_GOAL``
(default 1.15; None: printed with ``GROWTH_NOTE`` and no goal; ``GROWTH_GOAL_LABEL`` names
the goal, ``GROWTH_JUDGED_NOTE`` and ``GROWTH_YARDSTICK``, a row whose own growth is quoted,
follow the exponent); ``INFO_SCALING`` the same,
printed with a note and no goal; ``WORK_COUNTED``, rows whose counted work is fitted).

Speed goals live here, not in the unit tests: the machine is shared, so a timing is a
measurement, not a pass/fail test of the code.

Usage::

    python benchmarks/run.py                 # full run (about 10-15 min), writes benchmarks/results.md
    python benchmarks/run.py --quick         # smoke run with small sizes, writes nothing (rows
                                             # other than import and whole-process ones run in
                                             # this process: it checks that they run, not memory)
    python benchmarks/run.py --only plans    # only bench_plans.py (still writes results.md unless --quick)
    python benchmarks/run.py --quick --output build/bench.md
    python benchmarks/run.py --match "unilevel" --min-size 1000000 --output build/rerun.md

Time budget: ``--budget-minutes`` (default 15). Every row runs at least once; once the run
has used :data:`BUDGET_SHARE` of the budget, the remaining rows run once each (instead of
three times), and the report's header names them. A row whose first run takes over 20 s
also runs once (see ``harness.measure``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import re
import statistics
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

from harness import git_commit, load_average, load_module, measure, memory_write_speed  # noqa: E402

#: Share of the time budget after which the remaining rows run once each.
BUDGET_SHARE = 0.7

COLUMNS = ("benchmark", "size", "runs", "min s", "median s", "max s", "CPU s (median)", "peak RSS MB", "extra B/member",
           "load before / after", "goal", "ok")


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    import numpy

    load1, load5, _ = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "date (UTC)": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "git commit": git_commit(),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "placement loops": _placement_path(),
        "load average at start (1 min, 5 min)": f"{load1:.2f}, {load5:.2f}",
    }


def _write_speed_note(speed: dict[str, float] | None) -> str:
    """The report's line on :func:`harness.memory_write_speed` (measured before the first row)."""
    if speed is None:
        return "not measured (the memory available is unknown here, or under 4 GB)"
    return (f"{speed['gigabytes']:.1f} GB just given to a process written at {speed['first_gb_per_s']:.2f} GB/s, "
            f"then the same amount again at {speed['second_gb_per_s']:.2f} GB/s (see harness.memory_write_speed: "
            "where the first is much slower, memory the machine hands out costs its host's work on first write, "
            "and the 10,000,000-member rows pay it per byte; row 'machine: first write of memory')")


def _placement_path() -> str:
    try:
        import numba
    except ImportError:
        return "Python (numba, the optional 'fast' extra, is not installed)"
    from mlmkit.plans.placement import KERNEL_MIN_MEMBERS

    return f"compiled with numba {numba.__version__} from {KERNEL_MIN_MEMBERS:,} members (optional 'fast' extra)"


def _seconds(value: object) -> str:
    if not isinstance(value, int | float):
        return ""
    return f"{value:.3f}" if value >= 0.01 else f"{value:.5f}"


def cells(row: dict) -> list[str]:
    ok = {True: "yes", False: "**NO**", None: ""}.get(row.get("ok"), str(row.get("ok")))
    extra = row.get("extra_bytes_per_member")
    size = row.get("size")
    return [
        row["benchmark"] + (f" ({row['error']})" if row.get("error") else ""),
        f"{size:,}" if isinstance(size, int) else str(size or ""),
        str(row.get("runs", "")),
        _seconds(row.get("min_s")),
        _seconds(row.get("median_s")),
        _seconds(row.get("max_s")),
        _seconds(row.get("cpu_median_s")) if row.get("cpu_median_s") == row.get("cpu_median_s") else "",
        f"{row['peak_rss_mb']:,.0f}" if isinstance(row.get("peak_rss_mb"), int | float) else "",
        f"{extra:,.0f}" if isinstance(extra, int | float) and isinstance(size, int) and size >= 1000 else "",
        row.get("load", ""),
        row.get("goal", ""),
        ok,
    ]


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in rows]
    return "\n".join(lines)


def derived(module: object, rows: list[dict], quick: bool) -> list[dict]:
    """Ratio-to-floor rows and fitted growth exponents from a module's measured rows."""
    by_key = {(row["benchmark"], row["size"]): row for row in rows if "median_s" in row}
    out = []
    goal_ratio = getattr(module, "GOAL_RATIO", 1.3)
    sizes = sorted({row["size"] for row in rows if isinstance(row.get("size"), int)})
    ratio_sizes = getattr(module, "RATIO_SIZES", ())
    informative = set(getattr(module, "INFO_RATIOS", []))  # printed, no goal
    for plan, floor in [*getattr(module, "RATIOS", []), *informative]:
        for size in sizes:
            if (plan, size) not in by_key or (floor, size) not in by_key:
                continue
            pairs = by_key[(plan, size)].get("pair_ratios")
            if plan == floor and pairs:  # timed back to back: the median of each process's own ratio
                ratio = statistics.median(pairs)
                cpu_pairs = by_key[(plan, size)].get("pair_cpu_ratios")
                cpu = (f" (min {pairs[0]:.2f}, max {pairs[-1]:.2f} over {len(pairs)} process" + ("es" if len(pairs) != 1 else "")
                       + (f"; CPU time: {statistics.median(cpu_pairs):.2f}" if cpu_pairs else "") + ")")
                label = "ratio, back to back in each process: " + plan.removeprefix("ratio check: ").split(
                    ", back to back")[0]
            else:
                ratio = by_key[(plan, size)]["median_s"] / by_key[(floor, size)]["median_s"]
                cpu_plan = by_key[(plan, size)].get("cpu_median_s")
                cpu_floor = by_key[(floor, size)].get("cpu_median_s")
                cpu = f" (CPU time: {cpu_plan / cpu_floor:.2f})" if cpu_plan and cpu_floor else ""
                label = f"ratio: {plan}"
            checked = size in ratio_sizes and (plan, floor) not in informative
            out.append({
                "benchmark": f"{label} / its floor = {ratio:.2f}{cpu}",
                "size": size, "ratio": ratio,
                "goal": f"<= {goal_ratio:g}" if checked else "",
                "ok": (ratio <= goal_ratio) if checked else None,
            })
    informative_growth = getattr(module, "INFO_SCALING", {})  # printed with a note, no goal

    def growth_points(name: str) -> list[tuple[int, float]]:
        """A row's median time at each size from 100,000 members up (what time ~ size^k is fitted to)."""
        return [(size, by_key[(name, size)]["median_s"]) for size in sizes if size >= 100_000 and (name, size) in by_key]

    for name in [*getattr(module, "SCALING", []), *informative_growth]:
        points = growth_points(name)
        if len(points) < 2:
            continue
        slope = fitted_exponent(points)
        limit = getattr(module, "GROWTH_GOAL", 1.15)  # None: time's growth printed, judged by no goal
        judged = name not in informative_growth and limit is not None
        shown = f"{slope:.3f}" if judged else f"{slope:.2f}"  # judged: enough digits to see which side of the goal
        text = (f"growth: {name}: time ~ size^{shown} "
                f"({points[0][0]:,} to {points[-1][0]:,} members; {per_member(name, sizes, by_key)})")
        if name in informative_growth:
            out.append({"benchmark": f"{text}; {informative_growth[name]}", "size": "", "exponent": slope,
                        "goal": "", "ok": None})
            continue
        if limit is None:
            out.append({"benchmark": f"{text}; {module.GROWTH_NOTE}", "size": "", "exponent": slope,
                        "goal": "", "ok": None})
            continue
        note = getattr(module, "GROWTH_JUDGED_NOTE", "")  # why the goal, and the machine's yardstick
        yardstick = getattr(module, "GROWTH_YARDSTICK", None)  # a row whose growth is quoted beside
        if yardstick is not None:
            beside = growth_points(yardstick)
            if len(beside) >= 2:
                note = f"{note}; {yardstick} in this run: size^{fitted_exponent(beside):.2f}".lstrip("; ")
        label = getattr(module, "GROWTH_GOAL_LABEL", "linear")
        out.append({"benchmark": f"{text}; {note}" if note else text, "size": "", "exponent": slope,
                    "goal": f"<= {limit:g} ({label})" if not quick else "",
                    "ok": (slope <= limit) if not quick else None})
    for name, counted in getattr(module, "WORK_COUNTED", {}).items():  # work, not time
        points = [(size, by_key[(counted, size)]["info"]["records_read_per_member"]) for size in sizes
                  if size >= 100_000 and "records_read_per_member" in by_key.get((counted, size), {}).get("info", {})]
        if len(points) < 2:
            continue
        slope = fitted_exponent([(size, per_member * size) for size, per_member in points])
        out.append({
            "benchmark": f"work: {name}: records of other members read per member, counted: "
                         + " / ".join(f"{per_member:.2f}" for _, per_member in points)
                         + f" ({points[0][0]:,} to {points[-1][0]:,} members): work ~ size^{slope:.2f}",
            "size": "", "exponent": slope,
            "goal": "<= 1.05 (linear work)" if not quick else "",
            "ok": (slope <= 1.05) if not quick else None,
        })
    return out


def fitted_exponent(points: list[tuple[int, float]]) -> float:
    """The least-squares k of ``amount ~ size^k`` through ``(size, amount)`` points (log-log).

    Examples
    --------
    >>> round(fitted_exponent([(10, 1.0), (100, 10.0), (1000, 100.0)]), 6)
    1.0
    >>> round(fitted_exponent([(100_000, 0.01), (10_000_000, 4.0)]), 5)  # 400x for 100x: log10(400) / 2
    1.30103
    """
    xs = [math.log(size) for size, _ in points]
    ys = [math.log(max(amount, 1e-9)) for _, amount in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


def per_member(name: str, sizes: list[int], by_key: dict) -> str:
    """Median time per member at each size from 100,000 up (wall, and CPU where measured):
    where a growth exponent above 1 comes from, size by size.

    Examples
    --------
    >>> rows = {("x", 100_000): {"median_s": 0.01, "cpu_median_s": 0.01},
    ...         ("x", 1_000_000): {"median_s": 0.2, "cpu_median_s": float("nan")}}
    >>> per_member("x", [10_000, 100_000, 1_000_000], rows)
    'ns per member: 100 / 200 (CPU 100 / -)'
    """
    measured = [(size, by_key[(name, size)]) for size in sizes if size >= 100_000 and (name, size) in by_key]

    def nanoseconds(seconds: object, size: int) -> str:
        if not isinstance(seconds, int | float) or seconds != seconds:  # missing or NaN
            return "-"
        return f"{seconds / size * 1e9:,.0f}"

    wall = " / ".join(nanoseconds(row.get("median_s"), size) for size, row in measured)
    cpu = " / ".join(nanoseconds(row.get("cpu_median_s"), size) for size, row in measured)
    return f"ns per member: {wall} (CPU {cpu})"


def short_table(rows: list[dict]) -> str:
    """The rows that carry a goal, one short line each: what a person checks first."""
    lines = [f"{'benchmark':<70} {'size':>12} {'median s':>9} {'B/member':>9}  goal"]
    for row in rows:
        if not row.get("goal"):
            continue
        extra = row.get("extra_bytes_per_member")
        size = row.get("size")
        lines.append(
            f"{row['benchmark'][:70]:<70} {f'{size:,}' if isinstance(size, int) else '':>12} "
            f"{_seconds(row.get('median_s')):>9} "
            f"{f'{extra:,.0f}' if isinstance(extra, int | float) and isinstance(size, int) and size >= 1000 else '':>9}"
            f"  {row['goal']}: "
            + {True: "met", False: "MISSED", None: ""}[row.get("ok")]
        )
    return "\n".join(lines)


def runs_note(rows: list[dict], budget_minutes: float) -> str:
    """How many runs the rows had, and which ran fewer times (slow first run, or the time budget)."""
    measured = [row for row in rows if isinstance(row.get("runs"), int)]
    once_slow = [row for row in measured if row.get("runs") == 1 and row.get("runs_planned", 1) > 1
                 and not row.get("budget_cut")]
    budget_cut = [row for row in measured if row.get("budget_cut")]
    parts = [f"each row runs 3 times (import rows 5) in fresh processes, within a {budget_minutes:g}-minute "
             "budget; each run of a back-to-back row times both sides in turn, 2-3 times"]
    if once_slow:
        parts.append("ran once because the first run took over 20 s: "
                     + "; ".join(f"{row['benchmark']} at {row['size']:,}" for row in once_slow))
    if budget_cut:
        parts.append("ran once to stay within the time budget: "
                     + "; ".join(f"{row['benchmark']} at {row['size']:,}" for row in budget_cut))
    else:
        parts.append("no row was cut short by the time budget")
    return ". ".join(parts)


def write_report(output: Path, info: dict[str, str], rows: list[dict], elapsed: float, quick: bool,
                 finished: bool, budget_minutes: float = 15.0) -> None:
    """Write the Markdown report (also while the run is still going: ``finished=False``)."""
    missed = [row for row in rows if row.get("ok") is False]
    output.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# mlmkit benchmarks",
        "",
        "Written by `python benchmarks/run.py` (`make bench`)"
        + (" in quick mode (small sizes)" if quick else "")
        + ". Each row: several runs, each in a fresh Python process; min / median / max wall "
        "seconds of the timed step (inputs built before the clock starts, except *whole process* "
        "rows, timed from outside). `CPU s` is the process's CPU time during the step (median): on a "
        "loaded shared machine wall time stretches with the load, CPU time much less. `peak RSS MB` is "
        "the process's peak resident memory from the OS (`VmHWM`); `extra B/member` is how far "
        "resident memory rose above the process's memory just before the step (network and inputs "
        "already built; kernel peak counter reset), per member. `load before / after` is the 1-minute "
        "load average before the first run and after the last. A row whose first run takes over 20 s "
        "runs once. A goal is judged on the median wall time; **NO** marks a goal missed. The "
        "machine is shared (2 cores), so timings vary with its load.",
        "",
        *[f"- {key}: {value}" for key, value in info.items()],
        f"- total benchmark time: {elapsed:.0f} s"
        + (f" (goal: {budget_minutes:g} min or less: {'met' if elapsed <= budget_minutes * 60 else '**NO**'})"
           if finished else " so far (run still going or stopped)"),
        f"- runs: {runs_note(rows, budget_minutes)}",
        f"- goals missed: {len(missed)}",
        f"- load average at the end: {load_average():.2f}",
        "",
        table(rows),
        "",
    ]
    output.write_text("\n".join(lines) + _kept_sections(output), encoding="utf-8")


def _kept_sections(output: Path) -> str:
    """Sections other tools keep in the same file (``<!-- name:start -->`` .. ``<!-- name:end -->``)."""
    if not output.exists():
        return ""
    text = output.read_text(encoding="utf-8")
    kept = re.findall(r"<!-- ([\w-]+):start -->.*?<!-- \1:end -->", text, flags=re.S)
    blocks = [re.search(rf"<!-- {re.escape(name)}:start -->.*?<!-- {re.escape(name)}:end -->", text, flags=re.S)
              for name in kept]
    return "".join("\n" + block.group(0) + "\n" for block in blocks if block)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (smoke run)")
    parser.add_argument("--only", action="append", default=[], help="run only bench_<ONLY>.py (repeatable)")
    parser.add_argument("--output", type=Path, default=None, help="where to write the Markdown report")
    parser.add_argument("--match", action="append", default=[],
                        help="run only rows whose name contains MATCH (repeatable; e.g. to rerun key rows)")
    parser.add_argument("--min-size", type=int, default=0, help="run only rows of at least this many members")
    parser.add_argument("--budget-minutes", type=float, default=15.0,
                        help="time budget: past %(default)s x BUDGET_SHARE minutes the remaining rows run once")
    args = parser.parse_args(argv)
    output = args.output or (None if args.quick else HERE / "results.md")
    info = machine()
    if not args.quick:
        info["memory write speed"] = _write_speed_note(memory_write_speed())
    rows: list[dict] = []
    failures = 0
    started = time.perf_counter()
    paths = sorted(HERE.glob("bench_*.py"))
    if args.only:  # in the order given
        paths = [HERE / f"bench_{name}.py" for name in args.only if (HERE / f"bench_{name}.py").exists()]
    for path in paths:
        print(f"== {path.name}", flush=True)
        try:
            module = load_module(path.stem)
            if hasattr(module, "prepare"):
                module.prepare(args.quick)
            found = []
            for case in module.cases(args.quick):
                if args.match and not any(text in case.name for text in args.match):
                    continue
                if case.size < args.min_size:
                    continue
                planned = case.runs
                cut = (time.perf_counter() - started) > BUDGET_SHARE * args.budget_minutes * 60 and case.runs > 1
                if cut:
                    case.runs = 1
                row = measure(path.stem, case, args.quick)
                row["runs_planned"], row["budget_cut"] = planned, cut
                print("  " + " | ".join(cells(row)), flush=True)
                found.append(row)
            extra = derived(module, found, args.quick)
            for row in extra:
                print("  " + " | ".join(cells(row)), flush=True)
        except Exception:  # report and go on: one broken benchmark must not hide the others
            failures += 1
            traceback.print_exc()
            rows.append({"benchmark": f"{path.stem}: crashed", "ok": False})
            continue
        rows.extend(found + extra)
        if output is not None:  # written after every module, so a stopped run keeps what it measured
            write_report(output, info, rows, time.perf_counter() - started, args.quick, finished=False,
                         budget_minutes=args.budget_minutes)
    elapsed = time.perf_counter() - started
    missed = [row for row in rows if row.get("ok") is False]
    print(f"{len(rows)} rows in {elapsed:.0f} s; goals missed: {len(missed)}; load now {load_average():.1f}")
    for row in missed:
        print("  missed: " + " | ".join(cells(row)))
    print(short_table(rows))
    if elapsed > args.budget_minutes * 60:
        print(f"the run took {elapsed / 60:.1f} min: over its {args.budget_minutes:g}-minute budget")
    if output is not None:
        write_report(output, info, rows, elapsed, args.quick, finished=True, budget_minutes=args.budget_minutes)
        print(f"wrote {output}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
