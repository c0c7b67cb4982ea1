"""The 新办企业 flow's use cases: plain functions over the unit-of-work port (``app.unit_of_work``).

Call them inside ``with uow:``; those that change something commit once. Every change is one
transaction: the case's new revision (``app.services.cases.save_case`` with ``commit=False``, which
validates, indexes and audits it) and the draft's position (step, field and any raw text the model could
not take) in the settings, committed together. A stale revision (another tab saved) is refused with
``CaseChanged``.

``app.desk.local.LocalDesk`` calls them for the signed-in clerk; ``tests/unit/desk`` runs them on the
in-memory unit of work.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from typing import Any

from app.case.enums import DocumentKind, DocumentStatus
from app.case.interchange import dump_case
from app.case.model import Case, Deferral, Document, Rating
from app.case.rules import validate_case
from app.case.stored import load_case
from app.case.summary import case_summary, lookup_keys
from app.clock import desk_date
from app.desk.flow import (
    derived_people,
    draft_view,
    feedback_for,
    filled_defaults,
    receipt_of,
    subscribed_total,
    with_card,
    with_document,
)
from app.desk.flow_api import (
    CardOutcome,
    DraftView,
    Feedback,
    FieldChange,
    Grade,
    Receipt,
    SaveOutcome,
    StepKey,
)
from app.desk.flow_defaults import new_draft
from app.desk.flow_edit import apply_change
from app.desk.flow_values import FieldUnreadable
from app.errors import InputRejected
from app.idcard import IdCardData
from app.ports import StaleRevision
from app.security.attachments import AttachmentStore, save_attachment
from app.services import cases as case_service
from app.services.branch import DeskBranch, read_branch
from app.services.offline_guard import require_new_cases_allowed
from app.services.submission import submit_case
from app.syncing.attachments import document_id
from app.unit_of_work import UnitOfWork, UnitsOfWork

PHOTO_DOCUMENT = "id_photo"
Edit = Callable[[Case], Case]


def branch_defaults(uow: UnitOfWork) -> DeskBranch:
    """The branch's data every new case of this desk starts with (the training branch in training)."""
    return read_branch(uow.settings, training=uow.training)


def draft_of(uow: UnitOfWork, case_id: str) -> DraftView:
    """The draft as the seven steps show it, with where the clerk was and what the rules find."""
    case, revision = load_case(uow.cases, case_id)
    today = _today(uow)
    photos = {
        p.person_id
        for p in case.people
        if uow.attachment_keys.get(case_id, document_id(PHOTO_DOCUMENT, p.person_id))
    }
    return draft_view(
        case,
        revision=revision,
        position=_position(uow, case_id),
        problems=validate_case(case, today=today),
        today=today,
        photos=photos,
    )


def start_draft(uow: UnitOfWork, *, by: str) -> DraftView:
    """A new draft, or the clerk's own draft started earlier today and never typed into: opening
    新办企业 again (or reloading /new) must not leave a trail of empty cases behind."""
    require_new_cases_allowed(uow)  # offline too long: no new case (app.services.offline_guard)
    now = uow.clock()
    untouched = _untouched_draft(uow, by, desk_date(now))
    if untouched is not None:
        return draft_of(uow, untouched)
    draft = new_draft(
        case_service.new_case_id(now), now, by=by, desk=branch_defaults(uow), training=uow.training
    )
    saved = case_service.save_case(uow, draft, by=by, clock=lambda: now, commit=False)
    noted = {"case_id": draft.case_id, "revision": saved.revision, "day": desk_date(now).isoformat()}
    uow.settings.set_json(_untouched_key(by), noted)
    uow.commit()
    return draft_of(uow, draft.case_id)


def autosave(
    uow: UnitOfWork, case_id: str, changes: Sequence[FieldChange], *, step: StepKey, field: str, by: str
) -> SaveOutcome:
    """The clerk's keystrokes into the case, and where the clerk is, in one commit. A text the model
    cannot take (``FieldUnreadable``) is kept raw at its field and reported there."""
    case, revision = load_case(uow.cases, case_id)
    raw: dict[str, str] = dict(_position(uow, case_id).get("raw") or {})
    unreadable: dict[str, FieldUnreadable] = {}
    for change in changes:
        try:
            case = apply_change(case, change.key, change.value)
            raw.pop(change.key, None)
        except FieldUnreadable as exc:
            raw[change.key], unreadable[change.key] = change.value, exc
    saved = case_service.save_case(
        uow, case, by=by, expected_revision=revision, clock=uow.clock, commit=False
    )
    uow.settings.set_json(_position_key(case_id), {"step": step, "field": field, "raw": raw})
    uow.commit()
    feedback = {c.key: feedback_for(case, c.key, saved.problems) for c in changes}
    for key, refused in unreadable.items():
        feedback[key] = (Feedback("error", refused.message_zh, refused.message_en, key),)
    errors = sum(1 for p in saved.problems if p.severity == "error") + len(unreadable)
    return SaveOutcome(
        case_id=case_id,
        revision=saved.revision,
        feedback=feedback,
        errors=errors,
        warnings=len(saved.problems) - errors + len(unreadable),
        subscribed_total_wan=str(subscribed_total(case)),
        capital_wan=str(case.company.registered_capital_wan or ""),
        values={"company.name": case.company.name or "", **derived_people(case, changes, _today(uow))},
        filled=filled_defaults(case, changes),
    )


def remember_position(uow: UnitOfWork, case_id: str, step: StepKey, field: str) -> None:
    uow.settings.set_json(_position_key(case_id), {**_position(uow, case_id), "step": step, "field": field})
    uow.commit()


def edit_draft(uow: UnitOfWork, case_id: str, edit: Edit, *, by: str) -> DraftView:
    """One edit of the stored draft (a person added or removed, a document deferred), committed."""
    case, revision = load_case(uow.cases, case_id)
    case_service.save_case(uow, edit(case), by=by, expected_revision=revision, clock=uow.clock, commit=False)
    uow.commit()
    return draft_of(uow, case_id)


def deferred_document(kind: str, subject: str, due_date: str) -> Edit:
    """容缺: the document promised by ``due_date`` (``2026-12-31``)."""
    try:
        due = dt.date.fromisoformat(due_date.strip())
    except ValueError:
        raise InputRejected("补交日期格式应为 2026-12-31。", "Write the due date as 2026-12-31.") from None
    deferral = Deferral(commitment="申请人承诺在补交日期前提交该材料。", due_date=due)
    entry = Document(
        kind=DocumentKind(kind), subject=subject or None, status=DocumentStatus.DEFERRED, deferral=deferral
    )
    return lambda case: with_document(case, entry)


def attach_scan(
    uow: UnitOfWork,
    files: AttachmentStore,
    case_id: str,
    *,
    kind: str,
    subject: str,
    scan: tuple[bytes, str],
    by: str,
) -> DraftView:
    """The scan (its bytes and media type) of document ``kind`` of ``subject`` stored encrypted, and
    the document provided."""
    data, media_type = scan
    case, revision = load_case(uow.cases, case_id)
    save_attachment(uow, files, case_id, document_id(kind, subject or None), data, media_type)
    case = with_document(case, _provided(DocumentKind(kind), subject or None, data))
    case_service.save_case(uow, case, by=by, expected_revision=revision, clock=uow.clock, commit=False)
    uow.commit()
    return draft_of(uow, case_id)


def take_card(
    uow: UnitOfWork, files: AttachmentStore, case_id: str, index: int | None, card: IdCardData, *, by: str
) -> CardOutcome:
    """The card read into person ``index`` (or a new person); its photo and its image as the person's
    ID copy (身份证件复印件) stored encrypted; an expired card warns."""
    case, revision = load_case(uow.cases, case_id)
    case, index = with_card(case, index, card)
    person_id = case.people[index].person_id
    save_attachment(uow, files, case_id, document_id(PHOTO_DOCUMENT, person_id), card.photo, "image/png")
    copy = document_id(DocumentKind.ID_COPY.value, person_id)
    save_attachment(uow, files, case_id, copy, card.photo, "image/png")
    case = with_document(case, _provided(DocumentKind.ID_COPY, person_id, card.photo))
    case_service.save_case(uow, case, by=by, expected_revision=revision, clock=uow.clock, commit=False)
    uow.commit()
    return CardOutcome(index, card.name, _expiry_warnings(card, index, _today(uow)), draft_of(uow, case_id))


def submit_draft(units: UnitsOfWork, case_id: str, *, by: str) -> None:
    """A draft the rules accept becomes ready (``NotReady`` lists what is left), then is queued."""
    with units.unit_of_work() as uow:
        case, _ = load_case(uow.cases, case_id)
        if case.status.value == "draft":
            case_service.mark_ready(uow, case_id, by=by, clock=uow.clock)
    with units.unit_of_work() as uow:
        submit_case(uow, case_id, by=by, clock=uow.clock)


def rate_case(uow: UnitOfWork, case_id: str, grade: Grade, comment: str, *, by: str) -> None:
    """The founder's rating of the desk (好差评), on any case; audited."""
    case, revision = load_case(uow.cases, case_id)
    rated = case.model_copy(
        update={"rating": Rating(grade=grade, comment=comment.strip() or None, rated_at=uow.clock())}
    )
    try:
        uow.cases.replace(
            dump_case(rated), case_summary(rated), lookup_keys(rated), expected_revision=revision
        )
    except StaleRevision as exc:
        raise case_service.CaseChanged(case_id) from exc
    uow.audit.append("case.rating", actor=by, subject=case_id, details={"grade": grade})
    uow.commit()


def receipt(uow: UnitOfWork, case_id: str) -> Receipt:
    case, _ = load_case(uow.cases, case_id)
    return receipt_of(case, branch=branch_defaults(uow).branch_name, submitted_at=None)


def _today(uow: UnitOfWork) -> dt.date:
    return desk_date(uow.clock())


def _provided(kind: DocumentKind, subject: str | None, data: bytes) -> Document:
    sha256 = hashlib.sha256(data).hexdigest()
    return Document(kind=kind, subject=subject, status=DocumentStatus.PROVIDED, attachment_sha256=sha256)


def _expiry_warnings(card: IdCardData, index: int, today: dt.date) -> tuple[Feedback, ...]:
    if not card.expired(today):
        return ()
    return (
        Feedback(
            "warning",
            f"该身份证已于{card.valid_until}过期，请申请人出示有效证件或临时身份证。",
            f"This ID card expired on {card.valid_until}; ask for a valid card or a temporary one.",
            f"people[{index}].id_number",
            "people",
        ),
    )


def _untouched_key(username: str) -> str:
    return f"draft.untouched.{username}"


def _untouched_draft(uow: UnitOfWork, username: str, today: dt.date) -> str | None:
    """The draft this clerk started today and has not changed since (same revision), if any."""
    noted = uow.settings.get_json(_untouched_key(username))
    if not isinstance(noted, dict) or noted.get("day") != today.isoformat():
        return None
    stored = uow.cases.get(str(noted.get("case_id")))
    if stored is None or stored.revision != noted.get("revision") or stored.summary.status != "draft":
        return None
    return stored.summary.case_id


def _position_key(case_id: str) -> str:
    return f"draft.{case_id}"


def _position(uow: UnitOfWork, case_id: str) -> dict[str, Any]:
    found = uow.settings.get_json(_position_key(case_id))
    return dict(found) if isinstance(found, dict) else {}
