"""Helpers for the sync tests: a desk store on a real (SQLCipher) file, a loopback sandbox, a device."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import sessionmaker

from app.ports import UnitOfWork
from app.security.device import DeviceIdentity
from app.store import migrate
from app.store.engine import make_engine
from app.store.outbox_repo import OutboxRepository
from app.store.uow import SqlUnitOfWork
from app.sync_engine import SyncEngine, SyncPolicy
from app.sync_model import Enrolled, NewSubmission, OutboxStore, SyncState
from app.sync_ports import DeviceInfo, PlatformGateway
from sync.client import HttpPlatformGateway
from sync.enrollment import enroll_device
from sync.sandbox.config import SandboxConfig
from sync.sandbox.server import RunningSandbox, start_in_thread

SERVICES = ("license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund")
DEPENDS = {
    "license": (),
    "seal": ("license",),
    "bank_account": ("license", "seal"),
    "tax": ("license", "bank_account"),
    "social_security": ("license", "bank_account"),
    "medical_insurance": ("license", "bank_account"),
    "housing_fund": ("license", "bank_account"),
}


def synthetic_payload(case_id: str, service: str, results: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"schema": "bizdesk.payload/1", "case_id": case_id, "service": service, "fictitious": True,
            "company": {"name": f"寿光市测试{case_id[-4:]}蔬菜种植有限公司"}, "results": dict(results or {})}


@dataclass
class DeskStore:
    """A desk database with the sync tables, without cases: payloads are synthetic."""

    path: Path
    key: bytes | None
    device: DeviceIdentity

    def __post_init__(self) -> None:
        self.engine = make_engine(self.path, self.key)
        migrate.upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def unit(self) -> UnitOfWork:
        return SqlUnitOfWork(self._sessions, device=self.device)

    @staticmethod
    def outbox_of(uow: UnitOfWork) -> OutboxStore:
        return OutboxRepository(uow.session)  # type: ignore[attr-defined]

    @contextmanager
    def outbox(self) -> Iterator[tuple[UnitOfWork, OutboxStore]]:
        with self.unit() as uow:
            yield uow, self.outbox_of(uow)

    def queue_cases(self, count: int, services: tuple[str, ...] = SERVICES, prefix: str = "case") -> list[str]:
        """Queue ``count`` synthetic cases, one commit; dependents wait for their payload."""
        now = dt.datetime.now(dt.UTC)
        ids = [f"{prefix}-{i:05d}" for i in range(count)]
        with self.outbox() as (uow, store):
            for case_id in ids:
                for service in services:
                    deps = tuple(d for d in DEPENDS[service] if d in services)
                    payload = None if deps else synthetic_payload(case_id, service)
                    store.add(NewSubmission(case_id, service, 1, payload, deps), now=now)
            uow.commit()
        return ids

    def counts(self) -> dict[str, int]:
        with self.outbox() as (_, store):
            return store.counts()

    def enroll(self, enrolled: Enrolled) -> None:
        with self.outbox() as (uow, store):
            store.save_state(SyncState(enrolled=enrolled))
            uow.commit()

    def close(self) -> None:
        self.engine.dispose()


def build_from_results(uow: UnitOfWork, entry: Any) -> dict[str, Any]:
    """Payload builder for synthetic cases: the dependency results travel in the payload."""
    store = DeskStore.outbox_of(uow)
    results = {dep: dict(store.latest(entry.case_id, dep).results) for dep in entry.depends_on}  # type: ignore[union-attr]
    return synthetic_payload(entry.case_id, entry.service, results)


def sandbox(**settings: Any) -> RunningSandbox:
    defaults: dict[str, Any] = {"mode": "training", "enroll_codes": ("CODE-1", "CODE-2", "CODE-3"),
                                "decision_delay_s": 0.0, "correction_rate": 0.0, "seed": 7}
    return start_in_thread(SandboxConfig(**{**defaults, **settings}))


def enroll(url: str, device: DeviceIdentity, *, code: str = "CODE-1", training: bool = True) -> Enrolled:
    info = DeviceInfo(device.public_key, "B001", "370783", training)
    answer = enroll_device(url, code, info, device)
    return Enrolled(answer.device_id, answer.platform_url, answer.platform_key_id, answer.platform_public_key,
                    answer.mode, dt.datetime.now(dt.UTC))


def gateway(enrolled: Enrolled, device: DeviceIdentity, *, training: bool = True) -> HttpPlatformGateway:
    return HttpPlatformGateway(enrolled.platform_url, signer=device, device_id=enrolled.device_id,
                               platform_public_key=enrolled.platform_public_key, training=training)


def engine(store: DeskStore, platform: PlatformGateway, *, sleep: Callable[[float], None] | None = None,
           **policy: Any) -> SyncEngine:
    return SyncEngine(store.unit, store.outbox_of, platform, build_payload=build_from_results,
                      policy=SyncPolicy(**policy), sleep=sleep or (lambda _s: None))


def new_device() -> DeviceIdentity:
    return DeviceIdentity.generate(f"desk-{secrets.token_hex(4)}")
