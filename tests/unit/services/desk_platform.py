"""The platform as the desk's services reach it, in memory: a gateway (``FakePlatform`` with audit
checkpoints), the IT-operations calls and enrollment, each recording what it was asked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Self

from app.errors import PlatformError
from app.syncing.model import Enrolled
from app.syncing.platform import Signer
from app.syncing.ports import DeviceInfo, Enrollment, PlatformUnavailable
from app.updates.fleet import FleetListing, HealthReport
from tests.unit.sync.fake_platform import FakePlatform

ANSWER = Enrollment("desk-1", "https://platform.example", "platform-key-1", "cGxhdGZvcm0=", "training")
ENROLLED = Enrolled(**dataclasses.asdict(ANSWER), enrolled_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC))


@dataclass
class CheckpointGateway(FakePlatform):
    """A gateway that also takes audit checkpoints; ``refuse_checkpoints`` answers 409."""

    refuse_checkpoints: bool = False
    checkpoints: list[int] = field(default_factory=list)

    kept: list[tuple[int, str]] = field(default_factory=list)  # what the platform witnessed, in order
    extended: list[tuple[int, str] | None] = field(default_factory=list)  # each checkpoint's ``extends``

    def last_checkpoint(self) -> Mapping[str, Any] | None:
        if not self.kept:
            return None
        seq, head_hash = self.kept[-1]
        return {"seq": seq, "head_hash": head_hash, "device_id": "desk-1", "signature": "x"}

    def checkpoint(
        self, seq: int, head_hash: str, signed_at: str, extends: tuple[int, str] | None = None
    ) -> Mapping[str, Any]:
        if self.refuse_checkpoints:
            raise PlatformError(
                "检查点冲突", "checkpoint conflict", data={"status": 409, "code": "checkpoint_conflict"}
            )
        self.checkpoints.append(seq)
        self.extended.append(extends)
        self.kept.append((seq, head_hash))
        return {"seq": seq, "head_hash": head_hash, "device_id": "desk-1", "signature": "x"}


@dataclass
class FakeOperations:
    reports: list[HealthReport] = field(default_factory=list)
    offline: bool = False

    def reference_pack(self) -> dict[str, Any] | None:
        if self.offline:
            raise PlatformUnavailable("平台不可用", "platform down")
        return None

    def app_manifest(self) -> dict[str, Any] | None:
        return None

    def app_file(self, name: str, *, size: int) -> bytes:
        raise AssertionError("no app release is offered")

    def report_health(self, report: HealthReport) -> None:
        if self.offline:
            raise PlatformUnavailable("平台不可用", "platform down")
        self.reports.append(report)

    def fleet(self) -> FleetListing:
        return FleetListing(())

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        pass


@dataclass
class FakeDeskPlatform:
    gate: CheckpointGateway = field(default_factory=CheckpointGateway)
    ops: FakeOperations = field(default_factory=FakeOperations)
    answer: Enrollment = ANSWER
    connected: list[Enrolled] = field(default_factory=list)
    enrolled_with: list[tuple[str, str, DeviceInfo]] = field(default_factory=list)

    def gateway(self, enrolled: Enrolled, signer: Signer) -> CheckpointGateway:
        self.connected.append(enrolled)
        return self.gate

    def operations(self, enrolled: Enrolled, signer: Signer) -> FakeOperations:
        return self.ops

    def enroll(self, url: str, code: str, device: DeviceInfo, signer: Signer) -> Enrollment:
        self.enrolled_with.append((url, code, device))
        return self.answer
