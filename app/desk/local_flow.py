"""``LocalFlow``: the ``CaseFlowApi`` over the encrypted profile (a mixin of ``LocalDesk``).

Every change is one transaction: the case's new revision (through ``app.services.cases.save_case``,
which validates, indexes and audits it) and the draft's position (step, field and any raw text the
model could not take) in the settings table, committed together. The draft is cached in memory with
its revision so a keystroke does not re-read the document; a stale revision (another tab saved) drops
the cache and the save is refused with ``CaseChanged``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.case.enums import DocumentKind, DocumentStatus
from app.case.interchange import read_case
from app.case.model import Case, Deferral, Document, Rating
from app.case.rules import validate_case
from app.desk.api import UserInfo
from app.desk.flow import (
    derived_people,
    draft_view,
    feedback_for,
    receipt_of,
    subscribed_total,
    with_card,
    with_document,
)
from app.desk.flow_api import (
    CardOutcome,
    DivisionOption,
    DraftView,
    Feedback,
    FieldChange,
    Grade,
    PacketPreview,
    Receipt,
    SaveOutcome,
    ScopeOption,
    StepKey,
)
from app.desk.flow_defaults import BRANCH_SETTING, DeskDefaults, desk_defaults, new_draft
from app.desk.flow_edit import apply_change, new_person, without_person
from app.desk.flow_errors import FieldUnreadable
from app.desk.flow_files import first_page_png, read_scan
from app.desk.local_cases import DeskProfile, LocalCaseDesk
from app.errors import CaseNotFound, InputRejected
from app.idcard import CardReadError, IdCardData, IdCardReader, TrainingReader
from app.ports import StaleRevision
from app.reference import reference_data
from app.security.attachments import save_attachment
from app.services import cases as case_service
from app.services.submission import submit_case
from app.syncing.attachments import document_id

if TYPE_CHECKING:
    from app.store.uow import SqlUnitOfWork

PHOTO_DOCUMENT = "id_photo"


class LocalFlow(LocalCaseDesk):
    """The 新办企业 flow of one desk session, on the case desk (its packet, search and pages); ``LocalDesk``
    provides ``_opened`` and ``user``."""

    _opened: DeskProfile
    user: UserInfo | None
    reader: IdCardReader | None = None

    # --- drafts ------------------------------------------------------------------------------------

    def start_draft(self) -> DraftView:
        """A new draft, or the clerk's own draft started earlier today and never typed into: opening
        新办企业 again (or reloading /new) must not leave a trail of empty cases behind."""
        user = self._signed_in()
        now = self._opened.clock()
        with self._opened.unit_of_work() as uow:
            untouched = _untouched_draft(uow, user.username, now.astimezone().date())
            if untouched is not None:
                return self._view(uow, untouched)
            draft = new_draft(
                case_service.new_case_id(now),
                now,
                by=user.username,
                desk=self._desk_defaults(uow),
                training=self._opened.training,
            )
            saved = case_service.save_case(uow, draft, by=user.username, clock=lambda: now)
            uow.settings.set_json(
                _untouched_key(user.username),
                {
                    "case_id": draft.case_id,
                    "revision": saved.revision,
                    "day": now.astimezone().date().isoformat(),
                },
            )
            uow.commit()
            return self._view(uow, draft.case_id)

    def open_draft(self, case_id: str) -> DraftView:
        self._signed_in()
        with self._opened.read_unit_of_work() as uow:
            return self._view(uow, case_id)

    def change_fields(
        self, case_id: str, changes: Sequence[FieldChange], *, step: StepKey, field: str
    ) -> SaveOutcome:
        user = self._signed_in()
        with self._opened.unit_of_work() as uow:
            case, revision = self._load(uow, case_id)
            position = _position(uow, case_id)
            raw: dict[str, str] = dict(position.get("raw") or {})
            unreadable: dict[str, FieldUnreadable] = {}
            for change in changes:
                try:
                    case = apply_change(case, change.key, change.value)
                    raw.pop(change.key, None)
                except FieldUnreadable as exc:
                    raw[change.key], unreadable[change.key] = change.value, exc
            saved = case_service.save_case(
                uow, case, by=user.username, expected_revision=revision, clock=self._opened.clock
            )
            uow.settings.set_json(_position_key(case_id), {"step": step, "field": field, "raw": raw})
            uow.commit()
        today = self._opened.clock().astimezone().date()
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
            values={"company.name": case.company.name or "", **derived_people(case, changes, today)},
        )

    def remember_position(self, case_id: str, step: StepKey, field: str) -> None:
        self._signed_in()
        with self._opened.unit_of_work() as uow:
            position = _position(uow, case_id)
            uow.settings.set_json(_position_key(case_id), {**position, "step": step, "field": field})
            uow.commit()

    def add_person(self, case_id: str) -> DraftView:
        return self._edit(case_id, lambda case: new_person(case)[0])

    def remove_person(self, case_id: str, index: int) -> DraftView:
        return self._edit(case_id, lambda case: without_person(case, index))

    # --- ID card -----------------------------------------------------------------------------------

    def read_id_card(self, case_id: str, index: int | None) -> CardOutcome:
        user = self._signed_in()
        if self.reader is None:
            raise CardReadError("本机未连接身份证阅读器", "no ID card reader is set up on this desk")
        card = self.reader.read()
        with self._opened.unit_of_work() as uow:
            case, revision = self._load(uow, case_id)
            case, index = with_card(case, index, card)
            person_id = case.people[index].person_id
            files = self._opened.attachments()
            save_attachment(
                uow, files, case_id, document_id(PHOTO_DOCUMENT, person_id), card.photo, "image/png"
            )
            case = _card_as_id_copy(uow, files, case, person_id, card)
            case_service.save_case(
                uow, case, by=user.username, expected_revision=revision, clock=self._opened.clock
            )
            view = self._view(uow, case_id)
        today = self._opened.clock().astimezone().date()
        warnings: tuple[Feedback, ...] = ()
        if card.expired(today):
            warnings = (
                Feedback(
                    "warning",
                    f"该身份证已于{card.valid_until}过期，请申请人出示有效证件或临时身份证。",
                    f"This ID card expired on {card.valid_until}; ask for a valid card or a temporary one.",
                    f"people[{index}].id_number",
                    "people",
                ),
            )
        return CardOutcome(index, card.name, warnings, view)

    def reader_modes(self) -> tuple[str, ...]:
        return self.reader.modes if isinstance(self.reader, TrainingReader) else ()

    def set_reader_mode(self, mode: str) -> None:
        if isinstance(self.reader, TrainingReader):
            self.reader.choose_mode(mode)

    # --- reference ---------------------------------------------------------------------------------

    def scope_options(self, query: str, *, limit: int = 8) -> list[ScopeOption]:
        query = query.strip()
        items = reference_data().scope.values()
        found = [i for i in items if query and (query in i.wording or query.upper() == i.code)]
        return [ScopeOption(i.code, i.wording, i.wording_en, i.licensed) for i in found[:limit]]

    def division_options(self) -> list[DivisionOption]:
        ref = reference_data()
        weifang = [d for d in ref.children("370700") if d.code != "370783"]
        first = [d for d in (ref.division("370783"),) if d is not None]
        return [DivisionOption(d.code, ref.full_division_name(d.code)) for d in [*first, *weifang]]

    # --- documents ---------------------------------------------------------------------------------

    def attach_document(self, case_id: str, kind: str, subject: str, path: str) -> DraftView:
        data, media_type = read_scan(path)
        user = self._signed_in()
        with self._opened.unit_of_work() as uow:
            case, revision = self._load(uow, case_id)
            files = self._opened.attachments()
            save_attachment(uow, files, case_id, document_id(kind, subject or None), data, media_type)
            entry = Document(
                kind=DocumentKind(kind),
                subject=subject or None,
                status=DocumentStatus.PROVIDED,
                attachment_sha256=hashlib.sha256(data).hexdigest(),
            )
            case = with_document(case, entry)
            case_service.save_case(
                uow, case, by=user.username, expected_revision=revision, clock=self._opened.clock
            )
            return self._view(uow, case_id)

    def defer_document(self, case_id: str, kind: str, subject: str, due_date: str) -> DraftView:
        try:
            due = dt.date.fromisoformat(due_date.strip())
        except ValueError:
            raise InputRejected(
                "补交日期格式应为 2026-12-31。", "Write the due date as 2026-12-31."
            ) from None
        deferral = Deferral(commitment="申请人承诺在补交日期前提交该材料。", due_date=due)
        entry = Document(
            kind=DocumentKind(kind),
            subject=subject or None,
            status=DocumentStatus.DEFERRED,
            deferral=deferral,
        )
        return self._edit(case_id, lambda case: with_document(case, entry))

    # --- print, submit, rate -----------------------------------------------------------------------

    def packet_preview(self, case_id: str) -> PacketPreview:
        packet = self.case_packet(case_id)
        return PacketPreview(packet.pages, packet.forms, first_page_png(packet.pdf))

    def save_packet(self, case_id: str, path: str) -> str:
        target = Path(path.strip()).expanduser()
        if not path.strip() or not target.is_absolute():
            raise InputRejected(
                "请填写完整的保存路径（如 /home/clerk/文档/申请材料.pdf）。",
                "Enter the full path to save to (e.g. /home/clerk/Documents/packet.pdf).",
            )
        if target.resolve().is_relative_to(Path(tempfile.gettempdir()).resolve()):
            raise InputRejected(
                "不能保存到系统临时文件夹（材料含个人信息），请另选文件夹。",
                "Not into the system temp folder (the packet holds personal data); choose another.",
            )
        packet = self.case_packet(case_id)
        target = target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(packet.pdf)
        return str(target)

    def submit_draft(self, case_id: str) -> Receipt:
        user = self._signed_in()
        with self._opened.unit_of_work() as uow:
            case, _ = self._load(uow, case_id)
            if case.status.value == "draft":  # NotReady lists what is left when the rules still object
                case_service.mark_ready(uow, case_id, by=user.username, clock=self._opened.clock)
        with self._opened.unit_of_work() as uow:
            submit_case(uow, case_id, by=user.username, clock=self._opened.clock)
        return self.receipt(case_id)

    def rate_case(self, case_id: str, grade: Grade, comment: str) -> Receipt:
        user = self._signed_in()
        with self._opened.unit_of_work() as uow:
            case, revision = self._load(uow, case_id)
            rating = Rating(grade=grade, comment=comment.strip() or None, rated_at=self._opened.clock())
            rated = case.model_copy(update={"rating": rating})
            try:
                uow.cases.replace(*_stored_parts(rated), expected_revision=revision)
            except StaleRevision as exc:
                raise case_service.CaseChanged(case_id) from exc
            uow.audit.append("case.rating", actor=user.username, subject=case_id, details={"grade": grade})
            uow.commit()
        return self.receipt(case_id)

    def receipt(self, case_id: str) -> Receipt:
        self._signed_in()
        with self._opened.read_unit_of_work() as uow:
            case, _ = self._load(uow, case_id)
            branch = self._desk_defaults(uow)
        return receipt_of(case, branch=branch.branch_name, submitted_at=None)

    # --- helpers -----------------------------------------------------------------------------------

    def _edit(self, case_id: str, change: Any) -> DraftView:
        user = self._signed_in()
        with self._opened.unit_of_work() as uow:
            case, revision = self._load(uow, case_id)
            case_service.save_case(
                uow, change(case), by=user.username, expected_revision=revision, clock=self._opened.clock
            )
            return self._view(uow, case_id)

    def _load(self, uow: SqlUnitOfWork, case_id: str) -> tuple[Case, int]:
        stored = uow.cases.get(case_id)
        if stored is None:
            raise CaseNotFound(case_id)
        case, _ = read_case(stored.document)
        if case is None:  # pragma: no cover - stored documents were read before being stored
            raise InputRejected("案卷无法读取。", "The case cannot be read.")
        return case, stored.revision

    def _view(self, uow: SqlUnitOfWork, case_id: str) -> DraftView:
        case, revision = self._load(uow, case_id)
        today = self._opened.clock().astimezone().date()
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

    def _desk_defaults(self, uow: SqlUnitOfWork) -> DeskDefaults:
        return desk_defaults(uow.settings.get_json(BRANCH_SETTING), training=self._opened.training)


def _untouched_key(username: str) -> str:
    return f"draft.untouched.{username}"


def _untouched_draft(uow: SqlUnitOfWork, username: str, today: dt.date) -> str | None:
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


def _position(uow: SqlUnitOfWork, case_id: str) -> dict[str, Any]:
    found = uow.settings.get_json(_position_key(case_id))
    return dict(found) if isinstance(found, dict) else {}


def _stored_parts(case: Case) -> tuple[Any, Any, Any]:
    from app.case.interchange import dump_case
    from app.case.summary import case_summary, lookup_keys

    return dump_case(case), case_summary(case), lookup_keys(case)


def _card_as_id_copy(uow: Any, files: Any, case: Case, person_id: str, card: IdCardData) -> Case:
    """The reader's image of the card is the person's ID copy (身份证件复印件), stored encrypted."""
    save_attachment(
        uow, files, case.case_id, document_id(DocumentKind.ID_COPY.value, person_id), card.photo, "image/png"
    )
    entry = Document(
        kind=DocumentKind.ID_COPY,
        subject=person_id,
        status=DocumentStatus.PROVIDED,
        attachment_sha256=hashlib.sha256(card.photo).hexdigest(),
    )
    return with_document(case, entry)
