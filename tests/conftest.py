"""Suite-wide pytest set-up: how tests are shared out between pytest-xdist workers.

``./dev test`` runs the suite on two workers with ``--dist loadgroup``: each test goes to whichever
worker is free, except tests of one ``xdist_group``, which all run on one worker. The browser tests
form one group, so one worker holds the session's Chromium and each module's desk process and runs
them one after another (they drive a UI; two at once would only slow each other), while the other
worker takes the rest. Without xdist (``pytest`` alone) the marks change nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

E2E = Path(__file__).resolve().parent / "e2e"


def pytest_configure(config: pytest.Config) -> None:
    # pytest-xdist declares this marker; declared here too for `-p no:xdist` runs (--strict-markers).
    config.addinivalue_line("markers", "xdist_group(name): run on one xdist worker with its group")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.get_closest_marker("xdist_group") is None and E2E in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.xdist_group("e2e"))
