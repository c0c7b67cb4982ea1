"""Identity and intent at the desk, recorded in the case (``app.case.rules.identity`` says who needs what).

- ``face_check``: the person's ID card photo (stored encrypted when the card was read) against the face
  in front of the desk's camera (the ``app.facecheck`` port); every outcome is recorded with who
  checked, when and the device, and audited. No picture is kept.
- ``confirm_intent``: 开户意愿 双人核实: the clerk and a second bank staff member, signed in on this desk
  with their own password, confirmed the legal representative's intent to open the account.
"""

from __future__ import annotations

from app.accounts.model import UserInfo
from app.case.model import AccountIntent, Case, IdentityCheck
from app.case.stored import load_case
from app.desk.drafts import PHOTO_DOCUMENT
from app.errors import BizdeskError
from app.facecheck import FaceChecker, NoCardPhoto
from app.security.attachments import AttachmentMissing, AttachmentStore, load_attachment
from app.services import cases as case_service
from app.syncing.attachments import document_id
from app.unit_of_work import UnitOfWork


class SameStaff(BizdeskError):
    code = "intent.same_staff"
    title_zh = "需要另一名工作人员"
    title_en = "A second staff member is needed"

    def __init__(self) -> None:
        super().__init__(
            "开户意愿须由两名工作人员核实：请另一名银行工作人员用自己的账号登录确认。",
            "Two staff members confirm the intent: a second bank staff member signs in with their own "
            "account.",
        )


class NoRepresentative(BizdeskError):
    code = "intent.no_representative"
    title_zh = "尚无法定代表人"
    title_en = "No legal representative yet"

    def __init__(self) -> None:
        super().__init__(
            "请先在“人员与职务”中确定法定代表人，再核实其开户意愿。",
            "Choose the legal representative under People and roles first, then confirm their intent.",
        )


def face_check(
    uow: UnitOfWork, files: AttachmentStore, case_id: str, index: int, checker: FaceChecker, *, by: str
) -> str:
    """Check person ``index``'s face against their card photo and record the outcome (committed); the
    outcome (match, no_match, no_face). ``CameraMissing`` from the port records nothing."""
    case, revision = load_case(uow.cases, case_id)
    if not 0 <= index < len(case.people) or not case.people[index].id_number:
        raise NoCardPhoto(index + 1)
    person = case.people[index]
    try:
        photo = load_attachment(uow, files, case_id, document_id(PHOTO_DOCUMENT, person.person_id))
    except AttachmentMissing:
        raise NoCardPhoto(index + 1) from None
    result = checker.check(photo)
    assert person.id_number is not None
    check = IdentityCheck(
        person_id=person.person_id,
        outcome=result.outcome,
        id_number=person.id_number,
        checked_by=by,
        checked_at=uow.clock(),
        device=checker.device_id,
    )
    checked = case.model_copy(update={"identity_checks": [*case.identity_checks, check]})
    case_service.save_case(uow, checked, by=by, expected_revision=revision, clock=uow.clock, commit=False)
    details = {"person": person.person_id, "outcome": result.outcome, "device": checker.device_id}
    uow.audit.append("case.face_check", actor=by, subject=case_id, details=details)
    uow.commit()
    return result.outcome


def confirm_intent(uow: UnitOfWork, case_id: str, *, first: UserInfo, second: UserInfo) -> Case:
    """Record 开户意愿 双人核实 by ``first`` (signed in) and ``second`` (signed in again just now)."""
    if first.username == second.username:
        raise SameStaff()
    case, revision = load_case(uow.cases, case_id)
    representative = case.roles.legal_representative
    if representative is None:
        raise NoRepresentative()
    intent = AccountIntent(
        person_id=representative.person_id,
        first_by=first.username,
        second_by=second.username,
        confirmed_at=uow.clock(),
    )
    confirmed = case.model_copy(update={"account_intent": intent})
    by = first.username
    case_service.save_case(uow, confirmed, by=by, expected_revision=revision, clock=uow.clock, commit=False)
    details = {"first": first.username, "second": second.username, "person": representative.person_id}
    uow.audit.append("case.account_intent", actor=by, subject=case_id, details=details)
    uow.commit()
    return confirmed
