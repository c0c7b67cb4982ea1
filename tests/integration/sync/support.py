"""Helpers for the sync tests: a desk store on a real (SQLCipher) file, a loopback sandbox, a device."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
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
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from app.security.device import DeviceIdentity
from app.store import migrate
from app.store.engine import make_engine
from app.store.uow import SqlUnitOfWork
from app.syncing.engine import SyncEngine, SyncPolicy
from app.syncing.model import Enrolled, NewSubmission, OutboxStore, SyncState
from app.syncing.ports import DeviceInfo, PlatformGateway, PlatformUnavailable
from app.unit_of_work import UnitOfWork
from sync.client.enrollment import enroll_device
from sync.client.gateway import HttpPlatformGateway
from sync.protocol.payloads import payload_schema
from sync.signing import sign_request
from tests import sandbox_backends as backends
from tests.fakes import FakeState, FakeUnitOfWork

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile
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


# Results of the licence and the bank account done outside this platform, carried by a payload.
DONE_ELSEWHERE: Mapping[str, Mapping[str, str]] = {
    "license": {"uscc": "91370783MA3C4XYW0K"},
    "bank_account": {"account_number": "6222020000000000001"},
}


def _skeleton(schema: Mapping[str, Any], defs: Mapping[str, Any]) -> Any:
    """The smallest document a ``bizdesk.payload/1`` schema takes: nulls, empty lists, false, zero."""
    if "$ref" in schema:
        return _skeleton(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "const" in schema:
        return schema["const"]
    if "anyOf" in schema or "oneOf" in schema:
        options = schema.get("anyOf") or schema["oneOf"]
        nullable = any(option.get("type") == "null" for option in options)
        return None if nullable else _skeleton(options[0], defs)
    kind = schema.get("type")
    if isinstance(kind, list):
        return None
    if kind == "object":
        return {name: _skeleton(schema["properties"][name], defs) for name in schema.get("required", [])}
    return {"array": [], "boolean": False, "integer": 0, "string": "x" if "pattern" in schema else ""}[kind]


def synthetic_payload(case_id: str, service: str, results: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A valid ``bizdesk.payload/1`` document of a fictitious company with nothing filled in but its
    name, and the results of the services it depends on where real payloads carry them (the USCC in
    the company, the seal's filing number, the basic account)."""
    schema = payload_schema(service)
    payload: dict[str, Any] = _skeleton(schema, schema["$defs"])
    payload.update(case_id=case_id, fictitious=True, depends_on=list(DEPENDS[service]))
    payload["company"]["name"] = f"寿光市测试{case_id[-4:]}蔬菜种植有限公司"
    done = dict(results or {})
    licence = done.get("license") or {}
    for name in ("uscc", "license_number", "established_on"):
        payload["company"][name] = licence.get(name)
    if "seal_filing_number" in payload:
        payload["seal_filing_number"] = (done.get("seal") or {}).get("seal_filing_number")
    bank = done.get("bank_account") or {}
    if "bank_account" in payload and bank.get("account_number"):
        payload["bank_account"] = {
            "account_number": bank["account_number"],
            "account_filing_number": bank.get("account_filing_number"),
            "branch_name": None,
            "branch_code": None,
        }
    return payload


def renamed(payload: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The payload of a corrected case: another company name, all else equal."""
    return {**payload, "company": {**payload["company"], "name": name}}


class Desk:
    """A desk's sync tables without cases (payloads are synthetic), over some unit of work."""

    def unit(self) -> UnitOfWork:
        raise NotImplementedError

    @contextmanager
    def outbox(self) -> Iterator[tuple[UnitOfWork, OutboxStore]]:
        with self.unit() as uow:
            yield uow, uow.outbox

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
        """Nothing to release by default."""


@dataclass
class DeskStore(Desk):
    """The desk on a real database file (SQLCipher when ``key`` is given)."""

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

    def close(self) -> None:
        self.engine.dispose()


class MemoryDesk(Desk):
    """The desk on the in-memory unit of work (``tests.fakes``): engine unit tests, no database."""

    def __init__(self, device: DeviceIdentity | None = None) -> None:
        self.state = FakeState()
        self.device = device

    def unit(self) -> UnitOfWork:
        return FakeUnitOfWork(self.state, device=self.device, training=True)  # synthetic, fictitious cases


def build_from_results(uow: UnitOfWork, case_id: str, services: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Payload builder for synthetic cases: the results of what a service depends on travel in its payload."""
    store = uow.outbox
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
        **backends.active().settings(),  # the test's sandbox backend (tests/sandbox_backends.py)
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


def gateway(
    enrolled: Enrolled,
    device: DeviceIdentity,
    *,
    training: bool = True,
    transport: httpx.BaseTransport | None = None,
) -> HttpPlatformGateway:
    return HttpPlatformGateway(
        enrolled.platform_url,
        signer=device,
        device_id=enrolled.device_id,
        platform_public_key=enrolled.platform_public_key,
        training=training,
        transport=transport,
    )


def engine(
    store: Desk,
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


def record_device(running: RunningSandbox, device: DeviceIdentity, device_id: str, *, training: bool) -> None:
    """Put ``device`` into the sandbox's records by hand, as an operator's mistake would (no enrolment)."""
    from sync.sandbox.db import Device
    from sync.sandbox.http_api import platform_of

    with platform_of(running.app).db.transaction() as session:
        session.add(
            Device(
                device_id=device_id,
                public_key=base64.b64encode(device.public_key).decode(),
                branch_code="B1",
                division_code="370783",
                training=training,
                label="",
                enroll_code_hash=hashlib.sha256(device_id.encode()).hexdigest(),
                enrolled_at=dt.datetime.now(dt.UTC),
            )
        )


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
    database_url: str | None = None  # None: SQLite in ``data``

    def __enter__(self) -> SandboxProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stats(self) -> dict[str, int]:
        return dict(httpx.get(f"{self.url}/sandbox/stats", timeout=30).json())

    def accepted_per_service(self) -> dict[tuple[str, str], int]:
        return accepted_per_service(self.database_url or self.data / "sandbox.db")

    def accepted_per_device(self) -> dict[tuple[str, str, str], int]:
        """How many submissions the platform accepted per (device, case, service), from its database."""
        rows = self.query(
            "SELECT device_id, case_id, service, count(*) FROM submissions "
            "WHERE outcome = 'accepted' GROUP BY device_id, case_id, service"
        )
        return {(device, case_id, service): int(n) for device, case_id, service, n in rows}

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows of one query on the platform's own database (SQLite in ``data``, or ``database_url``)."""
        from sync.sandbox.connect import create_sandbox_engine

        engine = create_sandbox_engine(self.database_url or f"sqlite:///{self.data / 'sandbox.db'}")
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql))]
        finally:
            engine.dispose()

    def stop(self) -> None:
        end_process(self.process, before_closing=self.drain)


def accepted_per_service(database: Path | str) -> dict[tuple[str, str], int]:
    """How many submissions a sandbox accepted per (case, service), read from its database (a SQLite
    file, or the URL of the sandbox's database on either backend)."""
    from sync.sandbox.connect import create_sandbox_engine

    engine = create_sandbox_engine(database if isinstance(database, str) else f"sqlite:///{database}")
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


def sandbox_process(
    data: Path, *options: str, database_url: str | None = None, log: Path | None = None
) -> SandboxProcess:
    """Start ``bizdesk sandbox`` and return once it printed its address (however long start-up takes),
    on ``database_url`` if given, else on the test's sandbox backend (tests/sandbox_backends.py).

    ``log``: a file for its stderr (uvicorn's error log: a request that failed inside the platform
    leaves its traceback there); without it, stderr is dropped.
    """
    backend = ["--database-url", database_url] if database_url else backends.active().cli_options()
    command = [sys.executable, "-m", "app", "sandbox", "--port", "0", "--data", str(data), *backend, *options]
    with contextlib.ExitStack() as files:
        stderr = files.enter_context(log.open("a", encoding="utf-8")) if log else subprocess.DEVNULL
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, text=True, start_new_session=True
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
    return SandboxProcess(found.group(0), data, process, drain, backend[1] if backend else None)


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


def embedded_sandbox(opened: OpenedProfile, **overrides: Any) -> tuple[str, Callable[[], None]]:
    """The training profile's embedded sandbox (``start_embedded_sandbox``) on the test's backend."""
    from app.wiring.sandbox import start_embedded_sandbox

    return start_embedded_sandbox(opened, **overrides, **backends.active().settings())


def sandbox_rows(data: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` from the database of the sandbox the test last started: on PostgreSQL the
    test backend's newest database, else ``<data>/sandbox.db``. JSON columns come back parsed."""
    from sync.sandbox.connect import create_sandbox_engine

    engine = create_sandbox_engine(backends.active().last_url or f"sqlite:///{data / 'sandbox.db'}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(sql)).all()
    finally:
        engine.dispose()
    return [tuple(_parsed(value) for value in row) for row in rows]


def _parsed(value: Any) -> Any:
    """SQLite hands JSON columns back as text, PostgreSQL already parsed."""
    if isinstance(value, str) and value[:1] in ("{", "["):
        return json.loads(value)
    return value


def signed(
    url: str,
    desk: tuple[DeviceIdentity, str],
    method: str,
    path: str,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> httpx.Request:
    """A request to the sandbox signed by ``desk`` (its identity and key id: a device id, or
    ``ENROLL_KEY_ID`` to enrol); bodies default to identity-encoded JSON."""
    device, key_id = desk
    sent = dict(headers or {})
    if body or method in ("POST", "PUT", "PATCH"):
        sent.setdefault("content-type", "application/json")
        sent.setdefault("content-encoding", "identity")
    request = httpx.Request(method, f"{url}{path}", content=body, headers=sent)
    sign_request(method, str(request.url), request.headers, body, signer=device, key_id=key_id)
    return request


def send(request: httpx.Request) -> httpx.Response:
    with httpx.Client(timeout=None) as client:  # no clock: a busy machine is slow, not wrong
        return client.send(request)
