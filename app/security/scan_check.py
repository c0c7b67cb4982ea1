"""Damaged scans: found by ``db check``, by a backup and by the sync pass, and remembered until mended.

A scan (an attachment file) that fails to open blocks the submissions that need it. Whoever finds
one records it in the settings (``attachments.damaged``: case and document ids, nothing personal),
so that the 同步中心 and the sync report say so until the scan is taken again; a full check that
finds none clears the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from app.errors import ProfileError
from app.ports import AttachmentKeys
from app.security.attachments import AttachmentDamaged, AttachmentMissing, AttachmentStore

DAMAGED_SETTING = "attachments.damaged"


class _Settings(Protocol):
    def get_json(self, key: str) -> Any: ...

    def set_json(self, key: str, value: Any) -> None: ...


class ScanUnitOfWork(Protocol):
    @property
    def attachment_keys(self) -> AttachmentKeys: ...

    @property
    def settings(self) -> _Settings: ...


@dataclass(frozen=True, order=True)
class DamagedScan:
    case_id: str
    document_id: str
    missing: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "document_id": self.document_id, "missing": self.missing}


class ScansDamaged(ProfileError):
    code = "attachment.damaged"
    title_zh, title_en = "扫描件损坏", "Damaged scans"

    def __init__(self, damaged: list[DamagedScan]) -> None:
        first = damaged[0]
        super().__init__(
            f"有{len(damaged)}份扫描件损坏或缺失（如案卷 {first.case_id} 的 {first.document_id}），"
            "相关报送无法进行；请重新扫描上传这些材料。",
            f"{len(damaged)} scan(s) are damaged or missing (such as {first.document_id} of case "
            f"{first.case_id}); their submissions cannot go ahead. Scan those documents again.",
            details=[f"{d.case_id} {d.document_id}{'（缺失）' if d.missing else ''}" for d in damaged[:50]],
            data={"damaged": [d.as_json() for d in damaged]},
        )


def find_damaged_scans(uow: ScanUnitOfWork, files: AttachmentStore) -> list[DamagedScan]:
    """Open every scan (AES-GCM checks each byte); the ones that fail, recorded (or the record cleared)."""
    damaged: list[DamagedScan] = []
    for info in uow.attachment_keys.every():
        key = uow.attachment_keys.key_for(info.case_id, create=False)
        try:
            if key is None:
                raise AttachmentMissing()
            files.read(info.case_id, info.document_id, key, info.file_name)
        except AttachmentDamaged:
            damaged.append(DamagedScan(info.case_id, info.document_id))
        except AttachmentMissing:
            damaged.append(DamagedScan(info.case_id, info.document_id, missing=True))
    uow.settings.set_json(DAMAGED_SETTING, [d.as_json() for d in damaged] or None)
    return damaged


def record_damaged_scan(uow: ScanUnitOfWork, case_id: str, document_id: str, *, missing: bool) -> None:
    """One scan found damaged in passing (the sync pass reading it); the caller commits."""
    known = set(recorded_damaged_scans(uow))
    known.add(DamagedScan(case_id, document_id, missing))
    uow.settings.set_json(DAMAGED_SETTING, [d.as_json() for d in sorted(known)])


def recorded_damaged_scans(uow: ScanUnitOfWork) -> list[DamagedScan]:
    stored = uow.settings.get_json(DAMAGED_SETTING)
    if not isinstance(stored, list):
        return []
    return [
        DamagedScan(str(d.get("case_id")), str(d.get("document_id")), bool(d.get("missing")))
        for d in stored
        if isinstance(d, dict)
    ]


def damaged_scans(uow: ScanUnitOfWork) -> ScansDamaged | None:
    """The recorded damaged scans as the error the clerk reads, or None when there are none."""
    damaged = recorded_damaged_scans(uow)
    return ScansDamaged(damaged) if damaged else None


def forget_damaged_scan(uow: ScanUnitOfWork, case_id: str, document_id: str) -> bool:
    """The scan opened again (taken anew): drop it from the record; True when it was there."""
    known = recorded_damaged_scans(uow)
    kept = [d for d in known if (d.case_id, d.document_id) != (case_id, document_id)]
    if len(kept) == len(known):
        return False
    uow.settings.set_json(DAMAGED_SETTING, [d.as_json() for d in kept] or None)
    return True
