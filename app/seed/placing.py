"""Placing generated cases in a profile: their fictitious scans, and the submissions their state implies.

A seeded case is stored as bizdesk itself would have left it: a case in ``queued`` or ``submitted``
has its outbox rows (one per service queued or submitted, and one per completed service these
depend on: what the sync still has to bring to the platform; the platform answers a resent item
with its first answer, so sending a "submitted" one again is harmless), and its provided documents
have their scans in the attachment store when the caller hands one over. Cases further on
(accepted, needs_correction, rejected, completed) are fictitious histories: nothing is left to send.
"""

from __future__ import annotations

from app.case.enums import ServiceCode, Status
from app.case.model import Case
from app.case.payload import dependencies_of
from app.security.attachments import AttachmentStore, AttachmentUnitOfWork, save_attachment
from app.seed.scans import MEDIA_TYPE, fictitious_scan
from app.syncing.attachments import document_id

IN_FLIGHT = frozenset({Status.QUEUED, Status.SUBMITTED})


def services_in_flight(case: Case) -> list[ServiceCode]:
    """The services of a queued or submitted case that the sync still has to send (or send again).

    With them, the completed services they depend on (a submitted case's licence, in its fictitious
    history): the platform takes a service only after it completed what that service needs, so they
    are sent again too; the results the platform issues this time replace those on the case (agency
    results win), and the services waiting for them go out, carrying them, once it completed them."""
    if case.status not in IN_FLIGHT:
        return []
    flying = {code for code, request in case.services.requested() if request.status in IN_FLIGHT}
    needed = {ServiceCode(dep) for code in flying for dep in dependencies_of(case, code)}
    return [code for code, _ in case.services.requested() if code in flying | needed]


def store_scans(uow: AttachmentUnitOfWork, files: AttachmentStore, case: Case) -> int:
    """Store the fictitious scan of every provided document (the bytes its ``attachment_sha256`` names)."""
    stored = 0
    for document in case.documents:
        if document.attachment_sha256 is None:
            continue
        data = fictitious_scan(case.case_id, document.kind.value, document.subject)
        slot = document_id(document.kind.value, document.subject)
        save_attachment(uow, files, case.case_id, slot, data, MEDIA_TYPE)
        stored += 1
    return stored
