"""Every benchmark in tests/perf runs in its quick size and ends with its ratios line.

Benchmarks are never timed tests (docs/performance.md): this asserts nothing about speed, only that
each ``bench_*.py`` still runs to its end (``--quick``, in its own process, as a person would run it)
and prints ``ratios bench_...: name=value ...`` (tests/perf/ratio_line.py). A benchmark added to
tests/perf is picked up here by its name, so none can stop working unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.perf.ratio_line import PATTERN

ROOT = Path(__file__).resolve().parents[3]
BENCHMARKS = sorted((ROOT / "tests" / "perf").glob("bench_*.py"))
SLOW = {"bench_first_screen", "bench_fleet_load", "bench_sync"}  # browsers, fleets of processes


def test_the_benchmarks_are_found() -> None:
    assert {path.stem for path in BENCHMARKS} >= {"bench_store", "bench_sync", "bench_first_screen"}


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(path, marks=[pytest.mark.slow] if path.stem in SLOW else [], id=path.stem)
        for path in BENCHMARKS
    ],
)
def test_the_benchmark_runs_in_its_quick_size(script: Path) -> None:
    done = subprocess.run(  # its scratch stores and profiles go to a temporary folder it removes
        [sys.executable, str(script), "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, f"{script.name} --quick exited {done.returncode}:\n{done.stderr[-4000:]}"
    lines = done.stdout.strip().splitlines()
    assert lines, f"{script.name} printed nothing"
    found = PATTERN.match(lines[-1])
    assert found is not None, f"{script.name} did not end with its ratios line: {lines[-1]!r}"
    assert found.group(1) == script.stem
