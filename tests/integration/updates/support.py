"""A loopback sandbox serving update releases from a folder, training desks enrolled with it, and the
update and fleet services over a desk's ports as the composition root wires them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.paths import Profile
from app.reference.data import PACK_FILES, SHIPPED_PACKS
from app.services import fleet as fleet_service
from app.services import updates
from app.services.enrollment import BRANCH_SETTING
from app.updates.fleet import FleetLine
from app.updates.service import CheckResult, UpdateStatus
from app.wiring.enrollment import enroll
from app.wiring.profile import OpenedProfile, open_profile
from app.wiring.services import app_releases, http_platform
from sync.sandbox.config import SandboxConfig
from sync.sandbox.releases import write_release
from sync.sandbox.server import RunningSandbox, start_in_thread
from tests import sandbox_backends as backends

CODES = tuple(f"itops-code-{n}" for n in range(8))
IT_CODES = ("it-code-1", "it-code-2")  # the platform operator's IT enrolment codes


@dataclass
class MovableClock:
    """The desk's clock: real time plus an offset the test moves (a week offline in a second)."""

    offset: dt.timedelta = dt.timedelta()

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset


def shipped_packs() -> dict[str, Any]:
    return {
        name: json.loads((SHIPPED_PACKS / f).read_text(encoding="utf-8")) for name, f in PACK_FILES.items()
    }


def packs_with_new_county(name: str) -> dict[str, Any]:
    """The shipped packs plus one new (fictitious) county under 潍坊市, to see the desk use them."""
    packs = shipped_packs()
    packs["divisions"]["items"].append(
        {"code": "370799", "name": name, "level": "county", "parent": "370700", "current": True}
    )
    return packs


@dataclass
class Fleet:
    """One sandbox and the desks enrolled with it (each with its own movable clock)."""

    root: Path
    sandbox: RunningSandbox
    packs: Path
    stack: ExitStack
    clocks: dict[str, MovableClock] = field(default_factory=dict)
    _codes: list[str] = field(default_factory=lambda: list(CODES))

    def desk(self, name: str, branch: str, *, code: str | None = None) -> OpenedProfile:
        """A training desk of ``branch`` enrolled with the next branch code (or ``code``, e.g. an IT one)."""
        clock = MovableClock()
        opened = self.stack.enter_context(open_profile(Profile("training", self.root / name), clock=clock))
        with opened.store.unit_of_work() as uow:
            uow.settings.set_json(BRANCH_SETTING, branch)
            uow.commit()
        enroll(opened, self.sandbox.url, code or self._codes.pop(0))
        self.clocks[name] = clock
        return opened

    def cli_desk(self, home: Path, code: str, *, branch: str | None = None) -> None:
        """The training profile ``bizdesk --training`` opens under ``home`` (BIZDESK_HOME), enrolled."""
        with open_profile(Profile("training", home / "training")) as desk:
            if branch is not None:
                with desk.store.unit_of_work() as uow:
                    uow.settings.set_json(BRANCH_SETTING, branch)
                    uow.commit()
            enroll(desk, self.sandbox.url, code)

    def release(self, version: str, **fields: Any) -> Path:
        return write_release(self.packs, version, fields.pop("packs", None) or shipped_packs(), **fields)


@contextmanager
def fleet(root: Path) -> Iterator[Fleet]:
    packs = root / "packs"
    packs.mkdir(parents=True)
    config = SandboxConfig(
        mode="training",
        data_dir=root,
        enroll_codes=CODES,
        it_enroll_codes=IT_CODES,
        pack_dir=packs,
        decision_delay_s=0.0,
        **backends.active().settings(),  # the test's sandbox backend (tests/sandbox_backends.py)
    )
    running = start_in_thread(config)
    with ExitStack() as stack:
        try:
            yield Fleet(root, running, packs, stack)
        finally:
            running.stop()


def check_updates(opened: OpenedProfile) -> CheckResult | None:
    return updates.check_updates(opened.store, http_platform(opened), app_releases(opened))


def apply_update(opened: OpenedProfile) -> Any:
    return updates.apply_update(opened.store, http_platform(opened), app_releases(opened))


def rollback_update(opened: OpenedProfile) -> str:
    return updates.rollback_update(opened.store)


def start_updates(opened: OpenedProfile) -> str | None:
    return updates.start_updates(opened.store, app_releases(opened))


def update_status(opened: OpenedProfile) -> UpdateStatus:
    with opened.store.read_unit_of_work() as uow:
        return updates.update_status(uow)


def fleet_listing(opened: OpenedProfile) -> list[FleetLine]:
    return fleet_service.fleet_listing(opened.store, http_platform(opened))
