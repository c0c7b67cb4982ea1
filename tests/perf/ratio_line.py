"""The line every benchmark in tests/perf ends its output with: its ratios against the baseline.

    ratios bench_sync: round_trip=21.3 scans=0.52

One line, last on stdout, ``name=value`` pairs (two decimals; ``n/a`` when
a figure could not be taken, such as PostgreSQL missing). ``tests/integration/perf`` runs every
``bench_*.py`` in its quick size and checks that it ends with this line: a benchmark that no longer
runs fails the suite instead of rotting. The line says nothing about speed; the figures go to
docs/performance.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

PATTERN = re.compile(
    r"^ratios (bench_\w+): ((?:[a-z0-9_]+=(?:\d+(?:\.\d+)?|n/a))(?: [a-z0-9_]+=(?:\d+(?:\.\d+)?|n/a))*)$"
)


def ratio_line(script: str, ratios: Mapping[str, float | None]) -> str:
    """``script`` is the benchmark's ``__file__``; ``ratios`` name -> value (None: not measured)."""
    pairs = " ".join(f"{name}={'n/a' if value is None else f'{value:.2f}'}" for name, value in ratios.items())
    return f"ratios {Path(script).stem}: {pairs}"


def print_ratios(script: str, ratios: Mapping[str, float | None]) -> None:
    print(ratio_line(script, ratios), flush=True)
