"""Helpers for the sync tests: a desk store on a real (SQLCipher) file, a loopback sandbox, a device."""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

from app.ports import UnitOfWork
from app.security.device import DeviceIdentity
from app.store import migrate
from app.store.engine import make_engine
from app.store.outbox_repo import OutboxRepository
from app.store.uow import SqlUnitOfWork
from app.syncing.engine import SyncEngine, SyncPolicy
from app.syncing.model import Enrolled, NewSubmission, OutboxStore, SyncState
from app.syncing.ports import DeviceInfo, PlatformGateway, PlatformUnavailable
from sync.client.enrollment import enroll_device
from sync.client.gateway import HttpPlatformGateway

if TYPE_CHECKING:
    from sync.sandbox.server import RunningSandbox

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
    return {
        "schema": "bizdesk.payload/1",
        "case_id": case_id,
        "service": service,
        "fictitious": True,
        "company": {"name": f"寿光市测试{case_id[-4:]}蔬菜种植有限公司"},
        "results": dict(results or {}),
    }


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
        # a training store: the cases these tests seed or build are fictitious
        return SqlUnitOfWork(self._sessions, device=self.device, training=True)

    @staticmethod
    def outbox_of(uow: UnitOfWork) -> OutboxStore:
        return OutboxRepository(uow.session)  # type: ignore[attr-defined]

    @contextmanager
    def outbox(self) -> Iterator[tuple[UnitOfWork, OutboxStore]]:
        with self.unit() as uow:
            yield uow, self.outbox_of(uow)

    def queue_cases(
        self,
        count: int,
        services: tuple[str, ...] = SERVICES,
        prefix: str = "case",
        now: dt.datetime | None = None,
    ) -> list[str]:
        """Queue ``count`` synthetic cases, one commit; dependents wait for their payload."""
        now = now or dt.datetime.now(dt.UTC)
        ids = [f"{prefix}-{i:05d}" for i in range(count)]
        with self.outbox() as (uow, store):
            batch = []
            for case_id in ids:
                for service in services:
                    deps = tuple(d for d in DEPENDS[service] if d in services)
                    payload = None if deps else synthetic_payload(case_id, service)
                    batch.append(NewSubmission(case_id, service, 1, payload, deps))
            store.add_many(batch, now=now)
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


def build_from_results(uow: UnitOfWork, case_id: str, services: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Payload builder for synthetic cases: the results of what a service depends on travel in its payload."""
    store = DeskStore.outbox_of(uow)
    latest = store.latest_keys([case_id])
    done = store.get_many([key for (_, service), key in latest.items()])
    results = {entry.service: dict(entry.results) for entry in done.values() if entry.state == "completed"}
    return {
        service: synthetic_payload(case_id, service, {d: results.get(d, {}) for d in DEPENDS[service]})
        for service in services
    }


def sandbox(**settings: Any) -> RunningSandbox:
    from sync.sandbox.config import SandboxConfig
    from sync.sandbox.server import start_in_thread

    defaults: dict[str, Any] = {
        "mode": "training",
        "enroll_codes": ("CODE-1", "CODE-2", "CODE-3"),
        "decision_delay_s": 0.0,
        "correction_rate": 0.0,
        "seed": 7,
    }
    return start_in_thread(SandboxConfig(**{**defaults, **settings}))


def enroll(url: str, device: DeviceIdentity, *, code: str = "CODE-1", training: bool = True) -> Enrolled:
    info = DeviceInfo(device.public_key, "B001", "370783", training)
    answer = enroll_device(url, code, info, device)
    return Enrolled(
        answer.device_id,
        answer.platform_url,
        answer.platform_key_id,
        answer.platform_public_key,
        answer.mode,
        dt.datetime.now(dt.UTC),
    )


def gateway(enrolled: Enrolled, device: DeviceIdentity, *, training: bool = True) -> HttpPlatformGateway:
    return HttpPlatformGateway(
        enrolled.platform_url,
        signer=device,
        device_id=enrolled.device_id,
        platform_public_key=enrolled.platform_public_key,
        training=training,
    )


def engine(
    store: DeskStore,
    platform: PlatformGateway,
    *,
    sleep: Callable[[float], None] | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    **settings: Any,
) -> SyncEngine:
    """An engine over ``store``; keyword arguments other than those named are ``SyncEngine`` options
    (``update_case``, ``attachments``, ``build_payload``) or ``SyncPolicy`` fields."""
    options = {
        name: settings.pop(name)
        for name in ("update_case", "attachments", "build_payload")
        if name in settings
    }
    options.setdefault("build_payload", build_from_results)
    return SyncEngine(
        store.unit,
        store.outbox_of,
        platform,
        policy=SyncPolicy(**settings),
        sleep=sleep or (lambda _s: None),
        clock=clock or (lambda: dt.datetime.now(dt.UTC)),
        **options,
    )


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)


def new_device() -> DeviceIdentity:
    return DeviceIdentity.generate(f"desk-{secrets.token_hex(4)}")


@dataclass
class SandboxProcess:
    """``bizdesk sandbox`` in a subprocess (its own core): for the big and the kill tests.

    Stop it with ``stop()`` in a ``finally`` or use it as a context manager: the process group is
    killed and its pipe closed whatever the test did, so nothing leaks into the next test.
    """

    url: str
    data: Path
    process: subprocess.Popen[str]
    drain: threading.Thread | None = None

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stats(self) -> dict[str, int]:
        return dict(httpx.get(f"{self.url}/sandbox/stats", timeout=30).json())

    def accepted_per_service(self) -> dict[tuple[str, str], int]:
        """How many submissions the platform accepted per (case, service), read from its database."""
        engine = create_engine(f"sqlite:///{self.data / 'sandbox.db'}")
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    text(
                        "SELECT case_id, service, count(*) FROM submissions WHERE outcome = 'accepted' "
                        "GROUP BY case_id, service"
                    )
                ).all()
        finally:
            engine.dispose()
        return {(case_id, service): int(n) for case_id, service, n in rows}

    def stop(self) -> None:
        end_process(self.process, before_closing=self.drain)


def end_process(
    process: subprocess.Popen[str], grace_s: float = 10.0, before_closing: threading.Thread | None = None
) -> None:
    """Stop ``process`` (and its process group when it leads one), reap it and close its pipes.

    SIGTERM first; SIGKILL if it is still running after ``grace_s`` (which only shortens a clean
    shutdown: it never fails a test). ``before_closing``, a thread reading one of its pipes, is
    joined once the process is gone (it then reads the end of the pipe). Safe to call on a process
    that has already ended.
    """
    if process.poll() is None:
        _signal(process, signal.SIGTERM)
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            _signal(process, signal.SIGKILL)
            process.wait()
    if before_closing is not None:
        before_closing.join()
    for pipe in (process.stdin, process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


def _signal(process: subprocess.Popen[str], signum: int) -> None:
    try:
        if os.getpgid(process.pid) == process.pid:  # started with start_new_session: its children too
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
    except ProcessLookupError:
        pass


def sandbox_process(data: Path, *options: str) -> SandboxProcess:
    """Start ``bizdesk sandbox`` and return once it printed its address (however long start-up takes)."""
    command = [sys.executable, "-m", "app", "sandbox", "--port", "0", "--data", str(data), *options]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # a line, or "" when the process ended: no deadline
        found = re.search(r"http://[0-9.:]+", line)
        if found is None:
            raise RuntimeError(f"the sandbox did not start: {line!r} (exit {process.poll()})")
    except BaseException:
        end_process(process)
        raise
    # Whatever it prints later is read and dropped, so a full pipe can never block the sandbox.
    drain = threading.Thread(target=_discard, args=(process.stdout,), daemon=True)
    drain.start()
    return SandboxProcess(found.group(0), data, process, drain)


def _discard(stream: IO[str]) -> None:
    try:
        for _ in stream:
            pass
    except (OSError, ValueError):  # closed by stop(): the process is gone
        pass


def enroll_retrying(
    url: str, device: DeviceIdentity, *, code: str = "CODE-1", training: bool = True
) -> Enrolled:
    """Enrollment through a faulty sandbox: the same key and code answer the same device, so ask again."""
    for _ in range(20):
        try:
            return enroll(url, device, code=code, training=training)
        except PlatformUnavailable:
            continue
    raise AssertionError("enrollment never got through")
