"""How every benchmark row is measured: several runs, each in a fresh Python process.

A benchmark module (``bench_<name>.py``) defines ``cases(quick) -> list[Case]``. For each
case :func:`measure` starts ``runs`` fresh processes (``python benchmarks/harness.py
MODULE NAME SIZE``); each builds its inputs (not timed), then times the work once and
reports, from the operating system:

- ``cpu_seconds``: CPU time of the process during the work (on a shared, loaded machine
  the wall time stretches with the load; the CPU time much less);
- ``seconds``: wall time (a row whose first run takes over 20 s runs once) of the work (``time.perf_counter``);
- ``peak_rss_mb``: the process's peak resident memory (``VmHWM`` from ``/proc``; ``ru_maxrss``
  where there is no /proc);
- ``extra_bytes_per_member``: how far resident memory rose above what the process held
  just before the work (the network and the inputs), per member. The kernel's peak
  counter is reset before the work (``/proc/self/clear_refs``), so the input building's own
  peak does not count; where that is not possible it is left empty.

A case whose work returns ``timed_seconds`` (and ``timed_cpu_seconds``) timed an inner step
itself (per profile, per slider change): those replace the wall and CPU columns.

A case with ``whole_process=True`` is timed from outside: the wall time of the whole
process, interpreter start and imports included (a person's run of a script).

The row keeps min / median / max over the runs, the 1-minute load average before the
first and after the last run, and marks the goal missed when the median misses it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE = ROOT / "build" / "bench-cache"


@dataclass
class Case:
    """One benchmark row: what to build (untimed), what to time, and the goal."""

    name: str
    size: int
    work: Callable[[Any], Any]
    setup: Callable[[], Any] = lambda: None
    goal_seconds: float | None = None
    goal_bytes_per_member: float | None = None
    runs: int = 3
    whole_process: bool = False
    #: False: the worker imports mlmkit's engine before the clock (True for import rows).
    cold: bool = False
    note: str = ""
    info: dict[str, Any] = field(default_factory=dict)


def load_module(name: str) -> Any:
    """Import ``benchmarks/<name>.py`` by path."""
    path = HERE / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_average() -> float:
    """The machine's 1-minute load average (NaN where the OS does not say)."""
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):
        return float("nan")


#: :func:`memory_write_speed`: how much memory it writes (twice).
WRITE_CHECK_BYTES = 2**30

_WRITE_SCRIPT = """
import sys, time
import numpy as np
count = int(sys.argv[1]) // 8
speeds = []
for _ in range(2):
    start = time.perf_counter()
    block = np.ones(count)  # every page written once
    speeds.append(count * 8 / 2**30 / (time.perf_counter() - start))
    del block
print(*speeds)
"""


def _available_bytes() -> int | None:
    """``MemAvailable`` from ``/proc/meminfo`` in bytes (None where there is no /proc)."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def memory_write_speed(size_bytes: int = WRITE_CHECK_BYTES) -> dict[str, float] | None:
    """How fast this machine writes memory a process has just been given, and the same again.

    A fresh child process writes every page of a block (numpy's ``ones``) and then of a
    second block of the same size, allocated after the first is freed: the first comes from
    the machine's free memory, the second mostly reuses the pages just freed. On a virtual
    machine whose host takes back memory the guest frees (virtio-balloon free page
    reporting, as on the project's machine), the first write of a page costs the host's
    work too: measured there, 0.29-0.38 GB/s the first time against 4-10 GB/s the second,
    and binary placement at 10,000,000 members took 3.2-3.6 s with its records in such
    memory against 1.8-2.2 s with them written beforehand (the same process, alternating).
    A benchmark process gets its memory the first way, so rows whose memory reaches
    hundreds of MB (10,000,000 members) pay this per byte, and rows of a few MB mostly do
    not: the report prints both speeds in its header. Returns ``gigabytes``,
    ``first_gb_per_s`` and ``second_gb_per_s``, or None where the memory available is
    unknown (no ``/proc``) or too small.
    """
    available = _available_bytes()
    if available is None or available < 4 * size_bytes:
        return None
    done = subprocess.run([sys.executable, "-c", _WRITE_SCRIPT, str(size_bytes)], capture_output=True, text=True,
                          timeout=600, check=True)
    first, second = (float(value) for value in done.stdout.split())
    return {"gigabytes": size_bytes / 2**30, "first_gb_per_s": first, "second_gb_per_s": second}


def git_commit() -> str:
    """The checked-out commit, with ``+changes`` if the work tree differs from it.

    ``MLMKIT_BENCH_COMMIT`` names it when the benchmarks run from an exported snapshot.
    """
    if os.environ.get("MLMKIT_BENCH_COMMIT"):
        return os.environ["MLMKIT_BENCH_COMMIT"]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT, capture_output=True, text=True, timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (commit or "unknown") + (" +changes" if dirty else "")


def in_turn(steps: dict[str, Callable[[], Any]], pairs: int,
            before_each: Callable[[], None] | None = None) -> dict[str, tuple[float, float]]:
    """Time two steps in this process, in turn, ``pairs`` times, in alternating order (A B, B A,
    ...), so that a change of the machine's speed during the process touches both alike;
    each step's median (wall seconds, CPU seconds). ``before_each`` runs before every step,
    off the clock.
    """
    first, second = steps
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in steps}
    for pair in range(pairs):
        for name in (first, second) if pair % 2 == 0 else (second, first):
            if before_each is not None:
                before_each()
            wall, cpu = time.perf_counter(), time.process_time()
            steps[name]()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return {name: (statistics.median(t[0] for t in timed), statistics.median(t[1] for t in timed))
            for name, timed in times.items()}


def _status_kb(key: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")  # resets VmHWM (the peak RSS) to the current RSS
        return True
    except OSError:
        return False


def _worker(module_name: str, case_name: str, size: int, quick: bool) -> dict[str, Any]:
    """Inside the fresh process: build, reset the peak, time the work, report."""
    module = load_module(module_name)
    case = next(c for c in module.cases(quick) if c.name == case_name and c.size == size)
    if not case.cold and not case.whole_process:
        for name in ("mlmkit.network", "mlmkit.plans", "mlmkit.simulate"):
            importlib.import_module(name)  # imports are not what the row measures
    state = case.setup()
    before_kb = _status_kb("VmRSS")
    setup_peak_kb = _status_kb("VmHWM")
    reset = _reset_peak()
    start, cpu_start = time.perf_counter(), time.process_time()
    outcome = case.work(state)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    peak_kb = _status_kb("VmHWM") if reset else None
    if isinstance(outcome, dict) and "timed_seconds" in outcome:  # the case timed an inner step itself
        seconds = float(outcome.pop("timed_seconds"))
        # and its CPU time, so that both columns describe the same step (empty if not given)
        cpu = float(outcome.pop("timed_cpu_seconds", float("nan")))
    report: dict[str, Any] = {
        "seconds": seconds,
        "cpu_seconds": cpu,
        "peak_rss_mb": _process_peak_mb(setup_peak_kb, peak_kb),
        "extra_bytes_per_member": (
            (peak_kb - before_kb) * 1024 / size if peak_kb is not None and before_kb is not None else None
        ),
    }
    if isinstance(outcome, dict):
        report["info"] = {key: value for key, value in outcome.items() if isinstance(value, int | float | str)}
    return report


def _process_peak_mb(setup_peak_kb: int | None, work_peak_kb: int | None) -> float:
    """This process's own peak RSS: ``VmHWM`` (``ru_maxrss`` on Linux keeps the parent's peak
    across ``exec``, so it could report the benchmark runner's memory instead)."""
    peaks = [kb for kb in (setup_peak_kb, work_peak_kb, _status_kb("VmHWM")) if kb is not None]
    if peaks:
        return max(peaks) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_once(module_name: str, case: Case, quick: bool, timeout: float) -> dict[str, Any]:
    """One fresh process for ``case``; its report (or an ``error``)."""
    command = [sys.executable, str(Path(__file__)), module_name, case.name, str(case.size)]
    if quick:
        command.append("--quick")
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"error": f"timed out after {timeout:.0f} s"}
    wall = time.perf_counter() - start
    if process.returncode != 0:
        return {"error": (stderr.strip().splitlines() or ["failed"])[-1][:200]}
    report = json.loads(stdout.strip().splitlines()[-1])
    if case.whole_process:
        report["seconds"] = wall
        report["cpu_seconds"] = float("nan")
        report["extra_bytes_per_member"] = None
    return report


def run_here(module_name: str, case: Case, quick: bool) -> dict[str, Any]:
    """``case`` run in this process (the quick smoke run: it checks that every row runs, not
    its memory); the environment is put back afterwards (a row's setup may change it)."""
    saved = dict(os.environ)
    try:
        return _worker(module_name, case.name, case.size, quick)
    except Exception as error:  # reported like a failed fresh process
        return {"error": f"{type(error).__name__}: {error}"[:200]}
    finally:
        os.environ.clear()
        os.environ.update(saved)


def measure(module_name: str, case: Case, quick: bool, timeout: float = 900.0) -> dict[str, Any]:
    """Run ``case`` in ``case.runs`` fresh processes; one result row.

    In a quick run, rows other than import (``cold``) and whole-process rows run in this
    process instead (:func:`run_here`): a fresh Python per row cost most of a quick run.
    """
    load_before = load_average()
    reports = []
    here = quick and not case.cold and not case.whole_process
    for index in range(case.runs):
        report = run_here(module_name, case, quick) if here else run_once(module_name, case, quick, timeout)
        reports.append(report)
        if "error" in report:
            break
        if index == 0 and report["seconds"] > 20:  # a very slow row: one run says enough
            break
    load_after = load_average()
    good = [r for r in reports if "error" not in r]
    row: dict[str, Any] = {
        "benchmark": case.name,
        "size": case.size,
        "runs": len(good),
        "load": f"{load_before:.1f} / {load_after:.1f}",
        "note": case.note,
    }
    if not good:
        row.update(error=reports[-1]["error"], ok=False, goal=_goal_text(case))
        return row
    seconds = sorted(r["seconds"] for r in good)
    extra = [r["extra_bytes_per_member"] for r in good if r.get("extra_bytes_per_member") is not None]
    row.update(
        min_s=seconds[0],
        median_s=statistics.median(seconds),
        max_s=seconds[-1],
        cpu_median_s=statistics.median(r.get("cpu_seconds", float("nan")) for r in good),
        peak_rss_mb=max(r["peak_rss_mb"] for r in good),
        extra_bytes_per_member=statistics.median(extra) if extra else None,
        goal=_goal_text(case),
    )
    infos = [r.get("info") for r in good if r.get("info")]
    if infos:
        row["info"] = infos[0]
    # rows that time two things back to back in each process give that process's ratio
    pair_ratios = [info["pair_ratio"] for info in infos if "pair_ratio" in info]
    if pair_ratios:
        row["pair_ratios"] = sorted(pair_ratios)
        row["pair_cpu_ratios"] = sorted(info["pair_cpu_ratio"] for info in infos if "pair_cpu_ratio" in info)
    ok = None
    if case.goal_seconds is not None:
        ok = row["median_s"] <= case.goal_seconds
    if case.goal_bytes_per_member is not None and row["extra_bytes_per_member"] is not None:
        ok = (ok is not False) and row["extra_bytes_per_member"] <= case.goal_bytes_per_member
    if any("error" in r for r in reports):
        ok = False
        row["error"] = next(r["error"] for r in reports if "error" in r)
    row["ok"] = ok
    return row


def _goal_text(case: Case) -> str:
    parts = []
    if case.goal_seconds is not None:
        parts.append(f"<= {case.goal_seconds:g} s")
    if case.goal_bytes_per_member is not None:
        parts.append(f"<= {case.goal_bytes_per_member:g} B/member extra")
    return ", ".join(parts)


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--quick"]
    result = _worker(arguments[0], arguments[1], int(arguments[2]), "--quick" in sys.argv)
    print(json.dumps(result))
