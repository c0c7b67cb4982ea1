"""Exactly once at full size: 1,000 cases x 7 services through a sandbox with 30% failures and 10% drops.

    .venv/bin/python tests/perf/bench_sync_exactly_once.py [--cases 1000]
    .venv/bin/python tests/perf/bench_sync_exactly_once.py --quick    # 5 cases (CI runs it)

The suite runs the same scenario (tests/integration/sync/test_exactly_once.py, 1,000 cases unless
BIZDESK_SYNC_TEST_CASES says otherwise); this prints the figures as JSON: what the platform counted,
how many passes and seconds it took, for any ``--cases``. It exits non-zero unless every submission
was accepted exactly once and a further sync sent nothing. Its ratios line: the share of submissions
the platform accepted exactly once (1.00), and how many a further sync sent (0).
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.integration.sync.support import (
    SERVICES,
    DeskStore,
    engine,
    enroll_retrying,
    gateway,
    new_device,
    sandbox_process,
)
from tests.perf.ratio_line import print_ratios


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cases", type=int)
    parser.add_argument("--quick", action="store_true", help="5 cases (a smoke run)")
    arguments = parser.parse_args()
    cases = arguments.cases or (5 if arguments.quick else 1000)
    with tempfile.TemporaryDirectory(prefix="bizdesk-exactly-once-") as tmp:
        folder = Path(tmp)
        platform = sandbox_process(
            folder / "platform",
            "--fail-rate",
            "0.3",
            "--drop-rate",
            "0.1",
            "--decision-delay",
            "0",
            "--enroll-code",
            "CODE-1",
        )
        device = new_device()
        store = DeskStore(folder / "desk.db", secrets.token_bytes(32), device)
        try:
            enrolled = enroll_retrying(platform.url, device)
            store.enroll(enrolled)
            ids = store.queue_cases(cases)
            run = engine(store, gateway(enrolled, device))
            started, passes = time.perf_counter(), 0
            while passes < 200:
                passes += 1
                if run.run_once().counts == {"completed": cases * len(SERVICES)}:
                    break
            elapsed = time.perf_counter() - started
            again = run.run_once()
            run.close()
            per_service = platform.accepted_per_service()
            stats = platform.stats()
        finally:
            platform.stop()
            store.close()
    expected = {(case_id, service) for case_id in ids for service in SERVICES}
    exactly_once = set(per_service) == expected and set(per_service.values()) == {1}
    print(
        json.dumps(
            {
                "benchmark": "sync-exactly-once",
                "cases": cases,
                "submissions": len(expected),
                "passes": passes,
                "seconds": round(elapsed, 1),
                "exactly_once": exactly_once,
                "further_sync_sent": again.sent,
                "sandbox": stats,
            },
            indent=2,
        )
    )
    once = sum(1 for key in expected if per_service.get(key) == 1)
    print_ratios(__file__, {"accepted_once": once / len(expected), "further_sync_sent": again.sent})
    return 0 if exactly_once and again.sent == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
