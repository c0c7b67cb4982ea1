"""Several desks syncing at once, each its own process, through failures and drops, on both backends.

The small version of the fleet load test (tests/perf/bench_fleet_load.py: 30 desks x 50 cases):
3 enrolled desks, each with its own profile, 5 cases x 7 services each, all told to go at the same
moment against one ``bizdesk sandbox --fail-rate 0.1 --drop-rate 0.1``, on each sandbox backend
(this folder's tests run on SQLite and on PostgreSQL: tests/sandbox_backends.py; PostgreSQL is
skipped, with the fixture's message, only where it is not installed). Every submission is accepted
exactly once, by the platform's own counts and each desk's outbox; the agencies decide each once
and the platform's counters add up (``FleetRun.problems``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.sync.fleet import Workload, run_fleet, write_templates
from tests.sandbox_backends import Backend

WORKLOAD = Workload(desks=3, cases=5)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_templates(tmp_path_factory.mktemp("fleet") / "templates.json", wanted=2)


@pytest.mark.slow
def test_desks_syncing_at_once_have_every_submission_accepted_once(
    sandbox_backend: Backend, templates: Path, tmp_path: Path
) -> None:
    run = run_fleet(tmp_path / "fleet", WORKLOAD, templates)

    assert run.problems() == []
    assert run.backend == sandbox_backend.name
    assert run.stats["accepted"] == run.stats["completed"] == WORKLOAD.submissions
    assert run.stats["devices"] == WORKLOAD.desks
    assert run.stats["injected_failures"] + run.stats["injected_drops"] > 0  # the network was bad
    assert all(desk["batch_seconds"] for desk in run.desks)  # every desk's batches were answered
