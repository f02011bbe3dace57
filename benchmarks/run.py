"""Run every benchmark (benchmarks/bench_*.py) and write benchmarks/results.md.

Each ``bench_<name>.py`` exposes ``run(quick: bool = False) -> list[dict]`` with rows
``benchmark, size, seconds, members_per_second, peak_mb, goal, ok``. Speed goals live
here, not in the unit tests: the machine is shared, so a timing is a measurement, not a
pass/fail test of the code.

Usage::

    python benchmarks/run.py            # full run, writes benchmarks/results.md
    python benchmarks/run.py --quick    # smoke run with small sizes, writes nothing
    python benchmarks/run.py --quick --output build/bench.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ("benchmark", "size", "seconds", "members_per_second", "peak_mb", "goal", "ok")


def load(path: Path):
    """Import one benchmark module from its file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    import numpy

    load1, load5, _ = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return {
        "date (UTC)": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "machine": f"{platform.system()} {platform.release()} {platform.machine()}",
        "processor": platform.processor() or "unknown",
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "load average at start (1 min, 5 min)": f"{load1:.2f}, {load5:.2f}",
    }


def fmt(row: dict, column: str) -> str:
    value = row.get(column)
    if column == "ok":
        return {True: "yes", False: "**no**", None: ""}.get(value, str(value))
    if column == "size" and isinstance(value, int):
        return f"{value:,}"
    if column == "members_per_second" and isinstance(value, int | float):
        return f"{value:,.0f}"
    if column == "seconds" and isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def table(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(fmt(row, column) for column in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only (smoke run)")
    parser.add_argument("--output", type=Path, default=None, help="where to write the Markdown report")
    args = parser.parse_args(argv)
    output = args.output or (None if args.quick else HERE / "results.md")
    sys.path.insert(0, str(HERE.parent))
    info = machine()
    rows: list[dict] = []
    failures = 0
    started = time.perf_counter()
    for path in sorted(HERE.glob("bench_*.py")):
        print(f"== {path.name}", flush=True)
        try:
            found = load(path).run(quick=args.quick)
        except Exception:  # report and go on: one broken benchmark must not hide the others
            failures += 1
            traceback.print_exc()
            rows.append({"benchmark": f"{path.stem}: crashed", "ok": False})
            continue
        for row in found:
            print("  " + "  ".join(f"{column}={fmt(row, column)}" for column in COLUMNS), flush=True)
        rows.extend(found)
    elapsed = time.perf_counter() - started
    missed = [row for row in rows if row.get("ok") is False]
    print(f"{len(rows)} results in {elapsed:.0f} s; goals missed: {len(missed)}")
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        lines = [
            "# mlmkit benchmarks",
            "",
            "Written by `python benchmarks/run.py` (`make bench`)"
            + (" in quick mode (small sizes)" if args.quick else "")
            + ". Engine time only (the network is built before the clock starts); best of a "
            "few runs. `peak_mb` is what the engine allocated during one run (tracemalloc). "
            "The machine is shared, so timings vary with its load (see the load average).",
            "",
            *[f"- {key}: {value}" for key, value in info.items()],
            f"- total benchmark time: {elapsed:.0f} s",
            "",
            table(rows),
            "",
        ]
        output.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {output}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
