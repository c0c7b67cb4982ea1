"""Which scans a submission carries, and where the desk keeps each of them.

A case document is one line of the checklist, ``(kind, subject)``; its scan is kept in the
profile's attachment store (``app.security.attachments``) under the case and the document id
``document_id(kind, subject)`` (``"id_copy.p2"``, ``"application_form"``), sealed with the case's key.
The case itself records the scan's content address, ``Document.attachment_sha256``.

The submission of a service refers, by content address, to the scans of the documents the
checklist assigns to that service (``app.case.documents``: each material belongs to the first
service that needs it) which are provided and held on this desk; size and media type come from
the stored file. The sync uploads every referred scan (content-addressed, deduplicated, resumable)
before the submission that refers to it; the platform hashes each scan against its address, and a
stored file that does not match its document is reported visibly (``attachment_damaged``) and its
submission held back, never accepted with it.

A provided document whose scan this desk does not hold (a case imported from another desk, or
training data seeded without scans) is submitted without a reference to it.
"""

from __future__ import annotations

from collections.abc import Callable

from app.case.documents import required_documents
from app.case.enums import DocumentStatus, ServiceCode
from app.case.model import Case
from app.syncing.ports import AttachmentRef

# (case_id, document_id) -> (size, media type) of the stored scan, or None when this desk holds none.
HeldScan = Callable[[str, str], tuple[int, str] | None]


def document_id(kind: str, subject: str | None) -> str:
    """The attachment store's id of a case document: its kind, and its subject when it has one."""
    return kind if not subject else f"{kind}.{subject}"


def scans_for(case: Case, service: ServiceCode | str, held: HeldScan) -> tuple[AttachmentRef, ...]:
    """The scans the submission of ``service`` refers to, in checklist order, each once."""
    code = ServiceCode(service)
    mine = {(r.kind, r.subject) for r in required_documents(case) if r.service is code}
    refs: dict[str, AttachmentRef] = {}
    for document in case.documents:
        if (document.kind, document.subject) not in mine:
            continue
        if document.status is not DocumentStatus.PROVIDED or document.attachment_sha256 is None:
            continue
        slot = document_id(document.kind.value, document.subject)
        stored = held(case.case_id, slot)
        if stored is None or document.attachment_sha256 in refs:
            continue
        size, media_type = stored
        refs[document.attachment_sha256] = AttachmentRef(
            document.attachment_sha256, size, media_type, case.case_id, slot
        )
    return tuple(refs.values())


def no_scans(_case_id: str, _document_id: str) -> None:
    """A desk without an attachment store holds no scan."""
    return None
