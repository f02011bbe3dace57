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
