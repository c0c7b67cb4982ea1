"""A case's status derived from its requested services; shared by the life cycle and the rules."""

from __future__ import annotations

from app.case.enums import Status
from app.case.model import Case

# Order of progress, used to find the least advanced service.
_PROGRESS = (
    Status.DRAFT,
    Status.READY,
    Status.QUEUED,
    Status.SUBMITTED,
    Status.ACCEPTED,
    Status.COMPLETED,
)


def derived_status(case: Case) -> Status:
    """The case status that its requested services imply (the case's own status if none is requested)."""
    statuses = [request.status for _, request in case.services.requested()]
    if not statuses:
        return case.status if case.status in (Status.DRAFT, Status.READY) else Status.DRAFT
    if Status.NEEDS_CORRECTION in statuses:
        return Status.NEEDS_CORRECTION
    if Status.REJECTED in statuses:
        return Status.REJECTED
    return min(statuses, key=_PROGRESS.index)
