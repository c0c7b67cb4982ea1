"""``SqlUnitOfWork``: one SQLAlchemy session, one transaction, every repository on it; ``SqlStore``:
where an open profile's units of work come from.

``SqlUnitOfWork`` implements ``app.unit_of_work.UnitOfWork``: cases, audit, the sync outbox, settings,
users and attachment keys share the session, so a case change and its outbox rows commit together
or not at all. ``session`` is for the store's own code (migrations, the device row), not for services.
``SqlStore`` implements ``app.unit_of_work.UnitsOfWork`` over one engine: what the composition root
hands every service, once per process (a restore or a key rotation re-binds it to the new engine).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import Clock, utc_now
from app.errors import ProfileError
from app.ports import AuditSink, CaseRepository
from app.security.device import DeviceIdentity
from app.store.attachment_repo import SqlAttachmentKeys
from app.store.audit_repo import SqlAuditTrail
from app.store.case_repo import SqlCaseRepository
from app.store.device_repo import load_device, save_device
from app.store.engine import begin_read
from app.store.outbox_repo import OutboxRepository
from app.store.settings_repo import SqlSettings
from app.store.user_repo import SqlUserStore


class SqlUnitOfWork:
    """``with uow: ...; uow.commit()``: nothing is stored until commit; leaving the block rolls back."""

    session: Session
    cases: CaseRepository  # typed as the port (invariant attribute); ``case_store`` has the extras
    audit: AuditSink
    audit_trail: SqlAuditTrail  # the same repository as ``audit``, with its reading side
    case_store: SqlCaseRepository
    settings: SqlSettings
    users: SqlUserStore
    attachment_keys: SqlAttachmentKeys
    outbox: OutboxRepository

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        device: DeviceIdentity | None = None,
        clock: Clock = utc_now,
        training: bool = False,
        read_from: Engine | None = None,
    ) -> None:
        self._factory = session_factory
        self._read_from = read_from  # a read unit: its own connection, begun DEFERRED at the driver
        self._connection: Connection | None = None
        self._device = device
        self.clock = clock
        self.training = training  # the profile's kind: its case store takes matching cases only

    def __enter__(self) -> Self:
        if self._read_from is None:
            self.session = self._factory()
        else:  # the session takes over a transaction begun at the driver (``control_fully``)
            self._connection = self._read_from.connect()
            try:
                begin_read(self._connection)
            except BaseException:
                self._connection.close()
                self._connection = None
                raise
            self.session = self._factory(bind=self._connection, join_transaction_mode="control_fully")
        self.cases = self.case_store = SqlCaseRepository(self.session, self.clock, training=self.training)
        self.audit = self.audit_trail = SqlAuditTrail(self.session, self.clock, self.device)
        self.settings = SqlSettings(self.session)
        self.users = SqlUserStore(self.session)
        self.attachment_keys = SqlAttachmentKeys(self.session, self.clock)
        self.outbox = OutboxRepository(self.session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._connection is None:
            self.rollback()
            self.session.close()
            return
        # a read unit closes at once, which rolls its transaction back; expiring every object first
        # (``rollback``) cost a screen's read a quarter of the search by an exact key it wrapped
        try:
            self.session.close()
        finally:
            self._connection.close()
            self._connection = None

    def device(self) -> DeviceIdentity:
        """The desk's identity (read from the database once if not handed over)."""
        if self._device is None:
            self._device = load_device(self.session)
            if self._device is None:
                raise ProfileError(
                    "本机数据缺少设备身份；请联系IT支持重新初始化或从备份恢复。",
                    "The profile has no device identity; call IT support to set it up again "
                    "or restore a backup.",
                )
        return self._device

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    def keep_device(self, device: DeviceIdentity) -> None:
        """Store the profile's device identity (once, when the profile is created)."""
        save_device(self.session, device, self.clock())
        self._device = device


class SqlStore:
    """Units of work over one engine: ``unit_of_work()`` takes the write lock at once,
    ``read_unit_of_work()`` only when it writes. ``generation`` counts the times the data under it was
    replaced (a restore): a sign-in made before belongs to the data set aside."""

    def __init__(
        self, engine: Engine, *, device: DeviceIdentity | None, clock: Clock, training: bool
    ) -> None:
        self.clock, self.training, self.generation = clock, training, 0
        self.connect(engine, device)

    def connect(self, engine: Engine, device: DeviceIdentity | None, *, replaced: bool = False) -> None:
        """Serve units of work from ``engine`` from now on (``replaced``: the data is another's)."""
        self._device = device
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(expire_on_commit=False)  # bound per unit to its connection
        self.generation += 1 if replaced else 0

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions, device=self._device, clock=self.clock, training=self.training)

    def read_unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(
            self._read_sessions,
            device=self._device,
            clock=self.clock,
            training=self.training,
            read_from=self._engine,
        )


def profile_device(
    engine: Engine, *, clock: Clock, training: bool, set_up: Callable[[SqlUnitOfWork], None]
) -> DeviceIdentity:
    """The profile's device identity. A new profile gets one, and ``set_up`` fills it in the same
    transaction; when another process sets the profile up at the same moment, its identity is used."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    with sessions() as session:
        existing = load_device(session)
    if existing is not None:
        return existing
    device = DeviceIdentity.generate(f"desk-{uuid.uuid4()}")
    try:
        with SqlUnitOfWork(sessions, device=device, clock=clock, training=training) as uow:
            uow.keep_device(device)
            set_up(uow)
            uow.commit()
    except IntegrityError:
        with sessions() as session:
            existing = load_device(session)
        if existing is None:
            raise
        return existing
    return device


def existing_device(engine: Engine) -> DeviceIdentity:
    """Without migrating (``db status``): the device identity, or a throw-away one for a blank database."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    try:
        with sessions() as session:
            device = load_device(session)
    except OperationalError:  # no tables yet
        device = None
    return device or DeviceIdentity.generate("unset")
