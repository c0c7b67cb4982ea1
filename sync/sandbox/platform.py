"""The sandbox platform's core: its key, its database, device enrollment and request authentication."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import secrets
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import Clock, utc_now
from sync.protocol.models import EnrollRequest, EnrollResponse, FieldProblem
from sync.sandbox.chunks import ChunkStore, chunk_store
from sync.sandbox.config import SandboxConfig
from sync.sandbox.db import Database, Device, Meta, Nonce
from sync.sandbox.problems import ApiProblem, forbidden, unauthorized
from sync.sandbox.roles import grant_it, role_of
from sync.signing import (
    ENROLL_KEY_ID,
    MAX_SKEW_SECONDS,
    SignatureRefused,
    public_key_b64,
    public_key_from_b64,
    verify_request,
)


@dataclass(frozen=True)
class DeviceContext:
    device_id: str
    training: bool
    division_code: str
    public_key: Ed25519PublicKey
    role: str = "desk"  # "it": enrolled with an IT code, may read the fleet

    @property
    def is_it(self) -> bool:
        return self.role == "it"


class Platform:
    """Shared by every request of one sandbox app."""

    def __init__(self, config: SandboxConfig, clock: Clock = utc_now) -> None:
        self.config = config
        self.clock = clock
        self.db = Database(config.resolved_database_url())
        self.chunks: ChunkStore = chunk_store(config.data_dir)
        self.key = self._load_or_create_key()
        raw = self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.public_key_b64 = public_key_b64(raw)
        self.key_id = "platform-" + hashlib.sha256(raw).hexdigest()[:12]
        self.seed = str(config.seed) if config.seed is not None else self._meta("seed", secrets.token_hex(8))
        # Fault dice, not secrets: a seed makes a test's bad network repeatable.
        seeded = random.Random(config.seed)  # noqa: S311
        self.dice: random.Random = seeded if config.seed is not None else secrets.SystemRandom()
        self._devices: dict[str, DeviceContext] = {}
        self._lock = threading.Lock()
        self._requests = 0
        self.injected = {"failures": 0, "drops": 0, "malformed": 0}

    def now(self) -> dt.datetime:
        return self.clock()

    def _meta(self, key: str, default: str) -> str:
        """The stored value of ``key``, storing ``default`` first (sandboxes starting together on one
        database: the first stores it, the others read that)."""

        def read_or_store(session: Session) -> str:
            row = session.get(Meta, key)
            if row is None:
                row = Meta(key=key, value=default)
                session.add(row)
                session.flush()
            return row.value

        return self.db.run(read_or_store)

    def _load_or_create_key(self) -> Ed25519PrivateKey:
        fresh = Ed25519PrivateKey.generate().private_bytes_raw().hex()
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(self._meta("platform_key", fresh)))

    def count_injected(self, kind: str) -> None:
        with self._lock:
            self.injected[kind] += 1

    def roll(self) -> float:
        with self._lock:
            return self.dice.random()

    # -- authentication -------------------------------------------------------------------------

    def device(self, device_id: str) -> DeviceContext | None:
        cached = self._devices.get(device_id)
        if cached is not None:
            return cached
        with self.db.transaction() as session:
            row = session.get(Device, device_id)
            if row is None:
                return None
            context = DeviceContext(
                row.device_id,
                row.training,
                row.division_code,
                public_key_from_b64(row.public_key),
                role_of(session, row.device_id),
            )
        self._devices[device_id] = context
        return context

    def authenticate(
        self, method: str, url: str, headers: object, body: bytes, *, enroll_key: str | None
    ) -> DeviceContext | None:
        """The signing device (None for an enrollment request); raises ``ApiProblem``."""
        now = self.now()
        unknown: list[str] = []

        def resolve(key_id: str) -> Ed25519PublicKey | None:
            if key_id == ENROLL_KEY_ID:
                return public_key_from_b64(enroll_key) if enroll_key else None
            found = self.device(key_id)
            if found is None:
                unknown.append(key_id)
            return found.public_key if found else None

        try:
            verified = verify_request(method, url, headers, body, resolve_key=resolve, now=now)  # type: ignore[arg-type]
        except SignatureRefused as refused:
            raise unauthorized("unknown_device" if unknown else refused.code, refused.detail) from None
        scope = f"enroll:{enroll_key}" if verified.key_id == ENROLL_KEY_ID else verified.key_id
        self._remember_nonce(scope[:64], verified.nonce, now)
        if verified.key_id == ENROLL_KEY_ID:
            return None
        device = self.device(verified.key_id)
        assert device is not None  # the signature verified against its key
        self.check_mode(device.training)
        return device

    def _remember_nonce(self, scope: str, nonce: str, now: dt.datetime) -> None:
        """Store the nonce or refuse the request as a replay. Atomic on both backends: the primary
        key decides, and on PostgreSQL a second insert of the same nonce waits for the first
        transaction and then fails, so exactly one of two simultaneous uses gets through."""
        with self._lock:
            self._requests += 1
            prune = self._requests % 1000 == 0
        try:
            with self.db.transaction() as session:
                session.add(Nonce(device_id=scope, nonce=nonce, seen_at=now))
                session.flush()
                if prune:
                    horizon = now - dt.timedelta(seconds=3 * MAX_SKEW_SECONDS)
                    session.execute(delete(Nonce).where(Nonce.seen_at < horizon))
        except IntegrityError:
            raise unauthorized("replay", "This signature nonce was used before: replay refused.") from None

    def check_mode(self, training: bool) -> None:
        if self.config.mode == "training" and not training:
            raise forbidden(
                "training_only",
                "This is a training platform: only training desks may use it.",
                "这是培训平台，只接受培训模式的设备。",
            )
        if self.config.mode == "production" and training:
            raise forbidden(
                "training_device_refused",
                "A training desk may never submit to the production platform.",
                "培训模式的设备不得向正式平台提交数据。",
            )

    # -- enrollment -----------------------------------------------------------------------------

    def enroll(self, request: EnrollRequest) -> EnrollResponse:
        """Enroll a device key with a one-time code; enrolling the same key again answers the same.
        Two enrolments racing on one code or key: the unique columns let one in, and the other is
        answered from it (the same device for the same key and code, else ``enroll_code_used``)."""
        self.check_mode(request.training)
        _check_label(request.label)
        code_hash = hashlib.sha256(request.code.encode("utf-8")).hexdigest()
        device_id = self.db.run(lambda session: self._enroll(session, request, code_hash))
        return self._enrolled(device_id)  # after the commit: its role is read from what was stored

    def _enroll(self, session: Session, request: EnrollRequest, code_hash: str) -> str:
        """The id of the device ``request`` enrolls (the one this key and code enrolled before)."""
        # One statement reads both the key's and the code's rows: under READ COMMITTED two separate
        # reads could straddle a racing enrolment's commit (the key not yet there, then its code
        # used) and refuse a desk that merely sent its own enrolment twice at once.
        found = session.scalars(
            select(Device).where(
                or_(Device.public_key == request.public_key, Device.enroll_code_hash == code_hash)
            )
        ).all()
        same_key = next((device for device in found if device.public_key == request.public_key), None)
        same_code = next((device for device in found if device.enroll_code_hash == code_hash), None)
        if same_key is not None and same_key.enroll_code_hash == code_hash:
            return same_key.device_id
        if same_key is not None:
            raise ApiProblem(
                409,
                "already_enrolled",
                "Already enrolled",
                "This key is enrolled already.",
                title_zh="设备已注册",
                detail_zh="该设备密钥已注册过。",
            )
        if request.code not in (*self.config.enroll_codes, *self.config.it_enroll_codes):
            raise forbidden(
                "enroll_code_invalid",
                "The enrollment code is not valid.",
                "注册码无效，请向IT索取新的注册码。",
            )
        if same_code is not None:
            raise forbidden(
                "enroll_code_used",
                "The enrollment code was used already.",
                "注册码已被使用，请向IT索取新的注册码。",
            )
        device_id = "dev-" + secrets.token_hex(8)
        session.add(
            Device(
                device_id=device_id,
                public_key=request.public_key,
                branch_code=request.branch_code,
                division_code=request.division_code,
                training=request.training,
                label=request.label,
                enroll_code_hash=code_hash,
                enrolled_at=self.now(),
            )
        )
        session.flush()  # a concurrent enrolment of this key or code loses here (Database.run)
        if request.code in self.config.it_enroll_codes:
            grant_it(session, device_id, self.now())  # it_devices names the device row above
            session.flush()
        return device_id

    def _enrolled(self, device_id: str) -> EnrollResponse:
        device = self.device(device_id)
        return EnrollResponse(
            role=device.role if device is not None else "desk",
            device_id=device_id,
            platform_key_id=self.key_id,
            platform_public_key=self.public_key_b64,
            mode=self.config.mode,
            server_time=self.now(),
        )


def _check_label(label: str) -> None:
    """A device label is shown to IT in the fleet listing: printable text only (and PostgreSQL's text
    columns cannot hold a NUL at all, so both backends refuse the same thing the same way)."""
    if all(character.isprintable() for character in label):
        return
    raise ApiProblem(
        422,
        "invalid_request",
        "Invalid request",
        "The device label holds control characters; send printable text.",
        title_zh="请求不符合接口规范",
        detail_zh="设备名称含有控制字符，请只用可显示的文字。",
        problems=(
            FieldProblem(
                field="body.label",
                code="control_character",
                message_zh="设备名称含有控制字符。",
                message_en="The label holds control characters.",
            ),
        ),
    )
