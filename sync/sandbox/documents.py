"""Signed documents the platform hands out: reference data, the app-version manifest, checkpoint receipts."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import __version__
from app.case.payload import DEPENDENCIES
from sync.protocol.models import AppManifest, AuditCheckpoint, CheckpointReceipt, ReferencePack
from sync.protocol.signed import sign_document
from sync.sandbox.db import Checkpoint, Device
from sync.sandbox.platform import DeviceContext, Platform
from sync.sandbox.problems import ApiProblem

DIVISIONS = (("370000", "山东省"), ("370700", "潍坊市"), ("370783", "寿光市"))
REFERENCE_VERSION = "2026.11.1"
APP_LATEST = __version__  # the sandbox offers exactly the app it ships with


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def reference_pack(platform: Platform) -> ReferencePack:
    document = {
        "version": REFERENCE_VERSION,
        "issued_at": "2026-11-01T00:00:00Z",
        "divisions": [{"code": code, "name": name} for code, name in DIVISIONS],
        "services": [
            {"code": code.value, "name_zh": code.label_zh, "depends_on": [d.value for d in deps]}
            for code, deps in DEPENDENCIES.items()
        ],
        "key_id": platform.key_id,
    }
    return ReferencePack.model_validate(sign_document(document, platform.key))


def app_manifest(platform: Platform) -> AppManifest:
    document = {
        "latest": APP_LATEST,
        "minimum_supported": "0.1.0",
        "grace_days": 30,
        "published_at": "2026-11-01T00:00:00Z",
        "notes_zh": "沙箱平台：无需更新。",
        "notes_en": "Sandbox platform: no update needed.",
        "key_id": platform.key_id,
    }
    return AppManifest.model_validate(sign_document(document, platform.key))


def record_checkpoint(
    platform: Platform, device: DeviceContext, checkpoint: AuditCheckpoint
) -> CheckpointReceipt:
    """Keep a desk's audit head. The same (seq, hash) again gets the same receipt; another hash, or a
    position before the last one kept, is refused (409 ``checkpoint_conflict``); a later position whose
    ``extends`` is not the last checkpoint kept (seq and hash) is refused (409 ``checkpoint_not_extending``):
    the desk's trail no longer holds the entry the platform saw. Two deliveries of one checkpoint at
    once: the unique (device, seq) lets one in and the other, run again, gets its receipt; the device's
    row is locked so that two new positions never both extend the same last one."""
    return platform.db.run(lambda session: _record(platform, session, device, checkpoint))


def last_checkpoint(platform: Platform, device: DeviceContext) -> CheckpointReceipt:
    """The receipt of the device's last checkpoint (highest seq); 404 ``no_checkpoint`` when none."""
    stored = platform.db.run(lambda session: _last(session, device.device_id))
    if stored is None:
        raise ApiProblem(
            404,
            "no_checkpoint",
            "No checkpoint",
            "The platform keeps no audit checkpoint of this device yet.",
            title_zh="尚无审计检查点",
            detail_zh="政务平台尚未收到本设备的审计检查点。",
        )
    return CheckpointReceipt.model_validate(stored.receipt)


def _last(session: Session, device_id: str) -> Checkpoint | None:
    return session.scalar(
        select(Checkpoint).where(Checkpoint.device_id == device_id).order_by(Checkpoint.seq.desc()).limit(1)
    )


def _conflict(detail: str, detail_zh: str, code: str = "checkpoint_conflict") -> ApiProblem:
    return ApiProblem(
        409, code, "Checkpoint conflict", detail, title_zh="审计检查点不一致", detail_zh=detail_zh
    )


def _record(
    platform: Platform, session: Session, device: DeviceContext, checkpoint: AuditCheckpoint
) -> CheckpointReceipt:
    session.scalar(select(Device).where(Device.device_id == device.device_id).with_for_update())
    stored = session.scalar(
        select(Checkpoint).where(Checkpoint.device_id == device.device_id, Checkpoint.seq == checkpoint.seq)
    )
    if stored is not None:
        if stored.head_hash != checkpoint.head_hash:
            raise _conflict(
                "This audit position was checkpointed with another hash: the trail was changed.",
                "该审计位置此前登记的摘要不同：审计记录可能被改动。",
            )
        return CheckpointReceipt.model_validate(stored.receipt)
    last = _last(session, device.device_id)
    if last is not None and checkpoint.seq < last.seq:  # a trail that lost entries
        raise _conflict(
            f"This device's audit trail was checkpointed at {last.seq} already: entries were removed.",
            f"该设备的审计记录此前已登记到第{last.seq}条：记录可能被删除。",
        )
    extends = checkpoint.extends
    if last is not None and (
        extends is None or extends.seq != last.seq or extends.head_hash != last.head_hash
    ):
        raise _conflict(
            f"This checkpoint does not extend the last one kept (entry {last.seq}): the trail the "
            "platform saw was rewritten or cut.",
            f"本检查点未延续平台上一次登记的检查点（第{last.seq}条）：审计记录可能被改写或删减。",
            "checkpoint_not_extending",
        )
    document = {
        "device_id": device.device_id,
        "seq": checkpoint.seq,
        "head_hash": checkpoint.head_hash,
        "received_at": _stamp(platform.now()),
        "key_id": platform.key_id,
    }
    signed = sign_document(document, platform.key)
    session.add(
        Checkpoint(
            device_id=device.device_id, seq=checkpoint.seq, head_hash=checkpoint.head_hash, receipt=signed
        )
    )
    session.flush()
    return CheckpointReceipt.model_validate(signed)
