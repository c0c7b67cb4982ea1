"""Suite-wide pytest set-up: the order tests start in and how they are shared out between workers.

``./dev test`` runs the suite on two pytest-xdist workers with ``--dist loadgroup``: each test goes
to whichever worker is free, except tests of one ``xdist_group``, which all run on one worker. The
browser tests form one group, so one worker holds the session's Chromium and each module's desk
process and runs them one after another (they drive a UI: two at once only slow each other).

The longest work starts first, so that no worker is left with it at the end while the other has
nothing to do: the browser tests, then the modules that hold a ``slow`` test, then the rest, each
in collection order (a module's tests stay together, so its module fixtures are set up once).
Without xdist (``pytest`` alone) only the order changes.

Hypothesis gets no per-example deadline and no "too slow" health check: both measure wall-clock
time, which a busy machine stretches (the suite's pytest-timeout still guards against a hang).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.nodeid import NodeId
from hypothesis import HealthCheck, settings

from tests.postgres import MISSING_MESSAGE, PostgresServer, running_postgres
from tests.sandbox_backends import BACKENDS, Backend, activate

settings.register_profile("bizdesk", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("bizdesk")

E2E = Path(__file__).resolve().parent / "e2e"


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist declares this marker; declared here too for `-p no:xdist` runs (--strict-markers).
    config.addinivalue_line("markers", "xdist_group(name): run on one xdist worker with its group")


def _is_e2e(item: pytest.Item) -> bool:
    return E2E in Path(str(item.path)).parents


def _tell_apart(items: list[pytest.Item]) -> None:
    """Give every test its own node id, as pytest-xdist needs to hand it to a worker.

    Schemathesis names each API operation's test ``test_x[GET /path]`` but gives them all the node id
    of the function: under xdist only one of them would run. Its name's ``[...]`` is appended instead.
    """
    counts = Counter(item.nodeid for item in items)
    for item in items:
        if counts[item.nodeid] > 1 and item.name.endswith("]") and not item.nodeid.endswith("]"):
            # pytest 9 (pinned in uv.lock) keeps the node id as a parsed NodeId in ``_id``.
            item._id = NodeId.parse(item.nodeid + item.name[item.name.index("[") :])


def _name_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Put each test's ``xdist_group`` in its node id (``...::test@group``), where pytest-xdist's
    ``--dist loadgroup`` reads it. xdist 3.8 writes the suffix to ``item._nodeid``, which pytest 9 no
    longer reads: without this every grouped test was scheduled on its own, and a module's browser
    tests, which share one desk in order, ran on both workers with a desk each."""
    if not getattr(config.option, "loadgroup", False):  # set in each xdist worker by --dist loadgroup
        return
    for item in items:
        groups = sorted(
            {str(m.args[0] if m.args else m.kwargs.get("name")) for m in item.iter_markers("xdist_group")}
        )
        if groups and "@" not in item.nodeid.rpartition("]")[2]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(groups)}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _tell_apart(items)
    for item in items:
        if _is_e2e(item) and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group("e2e"))
    _name_groups(config, items)
    slow_modules = {item.path for item in items if item.get_closest_marker("slow") is not None}
    items.sort(key=lambda item: 0 if _is_e2e(item) else 1 if item.path in slow_modules else 2)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server per worker (tests/postgres.py); skipped where not installed."""
    with running_postgres() as server:
        if server is None:
            pytest.skip(MISSING_MESSAGE)
        yield server


@pytest.fixture(params=BACKENDS)
def sandbox_backend(request: pytest.FixtureRequest) -> Iterator[Backend]:
    """The test runs once per sandbox backend (tests/sandbox_backends.py): every sandbox it starts
    through the test helpers keeps its state there; PostgreSQL's databases are dropped afterwards."""
    server = request.getfixturevalue("postgres_server") if request.param == "postgresql" else None
    backend = Backend(request.param, server)
    previous = activate(backend)
    try:
        yield backend
    finally:
        activate(previous)
        backend.drop_databases()
