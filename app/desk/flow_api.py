"""The 新办企业 flow as the desk UI sees it: one Protocol, plain dataclasses in and plain data out.

``DeskApi`` inherits ``CaseFlowApi``; ``app.desk.local.LocalDesk`` implements it (``app.desk.drafts``)
over the encrypted profile. Field keys are the case paths described in ``app.desk.flow_edit``; step keys
are ``STEPS``. Every change is saved (encrypted) when ``change_fields`` returns; the draft also
remembers the step and field the clerk was on, so ``open_draft`` resumes there after a crash.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from app.services.packet import FORMS_AND_RECEIPT, Packet, PacketParts

StepKey = Literal["company", "people", "services", "documents", "review", "print", "submit"]
STEPS: tuple[StepKey, ...] = ("company", "people", "services", "documents", "review", "print", "submit")
Grade = Literal["good", "average", "poor"]


@dataclass(frozen=True)
class FieldChange:
    key: str
    value: str


@dataclass(frozen=True)
class Feedback:
    """One finding about a field, worded for the clerk; ``step``/``field`` say where to fix it."""

    severity: Literal["error", "warning"]
    message_zh: str
    message_en: str
    field: str = ""
    step: StepKey = "review"


@dataclass(frozen=True)
class OwnerView:
    """The person as a beneficial owner: ``basis`` "" when not one."""

    basis: str = ""
    share: str = ""
    control: str = ""
    since: str = ""


@dataclass(frozen=True)
class PersonView:
    index: int
    person_id: str
    name: str
    id_number: str
    mobile: str
    email: str
    address: str
    birth_date: str  # derived from the ID number ("" when it cannot be read)
    sex_zh: str
    age: int | None
    roles: tuple[str, ...]  # role keys of app.desk.flow_edit.ROLE_KEYS
    subscribed_wan: str
    has_photo: bool
    due_date: str = ""  # the subscription's due date (ISO), for shareholders
    contribution_form: str = ""  # money, in_kind, ... (the first form), for shareholders
    partner_kind: str | None = None  # partnerships: general, limited or "" (not chosen); None otherwise
    valuation: str | None = None  # a partner's non-money contribution: agreed, appraised or ""; else None
    sole_investment: str | None = None  # a sole proprietor: personal_property, family_property or ""
    id_valid_until: str = ""  # the ID document's end of validity (ISO date or 长期)
    owner: OwnerView | None = None  # as a beneficial owner, where the company files them (None: it does not)
    # 人证核验: the last face check's outcome (match, no_match, no_face), "" never checked or checked
    # against another ID number
    face_check: str = ""


@dataclass(frozen=True)
class ServiceView:
    code: str
    label_zh: str
    requested: bool
    data: Mapping[str, str]  # data field -> text, as the fields show it (a part's as mail_to.address)
    recipient: str = ""  # the licence: who receives it when mailed (免费邮寄)


@dataclass(frozen=True)
class DocumentView:
    kind: str
    subject: str
    label_zh: str  # e.g. 身份证件复印件（张三）
    person_name: str  # the person the material is about ("" for the company's own)
    key: bool  # a key material cannot be deferred (容缺)
    status: str  # provided | deferred | missing
    due_date: str


@dataclass(frozen=True)
class DraftView:
    """Everything the seven steps show of one draft."""

    case_id: str
    status: str
    step: StepKey
    field: str
    revision: int
    values: Mapping[str, str]  # field key -> text (raw text kept for unreadable entries)
    people: tuple[PersonView, ...]
    services: tuple[ServiceView, ...]
    documents: tuple[DocumentView, ...]
    problems: tuple[Feedback, ...]
    capital_wan: str
    subscribed_total_wan: str
    editable: bool
    rating: Grade | None = None
    intent_confirmed_by: tuple[str, ...] = ()  # 开户意愿 双人核实: the two staff's user names, once confirmed

    @property
    def errors(self) -> tuple[Feedback, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Feedback, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")

    @property
    def ready(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class SaveOutcome:
    """What a saved change means for the fields on screen: their findings, and the totals."""

    case_id: str
    revision: int
    feedback: Mapping[str, tuple[Feedback, ...]]  # changed key -> its findings (empty: all well)
    errors: int
    warnings: int
    subscribed_total_wan: str
    capital_wan: str
    values: Mapping[str, str] = field(default_factory=dict)  # derived values that changed (the name)
    # defaults the desk stored with the change, for boxes the clerk has not typed (the 出资期限)
    filled: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FaceCheckOutcome:
    person_index: int
    outcome: str  # match, no_match, no_face
    draft: DraftView


@dataclass(frozen=True)
class CardOutcome:
    person_index: int
    name: str
    warnings: tuple[Feedback, ...]  # an expired card
    draft: DraftView


@dataclass(frozen=True)
class ScopeOption:
    code: str
    wording: str
    wording_en: str
    licensed: bool


@dataclass(frozen=True)
class DivisionOption:
    code: str
    name: str


@dataclass(frozen=True)
class PacketPreview:
    pages: int
    forms: tuple[str, ...]
    first_page_png: bytes | None  # the first page as an image, when the renderer can give one


@dataclass(frozen=True)
class ReceiptLine:
    label_zh: str
    status_zh: str
    key: str = ""  # service code or document kind, for the UI's own wording
    status: str = ""  # status value, or a due date


@dataclass(frozen=True)
class Receipt:
    """受理回执: what the founder takes home."""

    case_id: str
    company_name: str
    status_zh: str
    submitted_at: str
    clerk: str
    branch: str
    services: tuple[ReceiptLine, ...]
    deferred: tuple[ReceiptLine, ...]  # 容缺 materials and their due dates
    rating: Grade | None
    status: str = ""  # the case status value (status_zh is its Chinese label)


class CaseFlowApi(Protocol):
    def start_draft(self) -> DraftView:
        """A new draft with the desk's defaults, stored at once."""

    def open_draft(self, case_id: str) -> DraftView:
        """The draft as stored, at the step and field where the clerk left it."""

    def change_fields(
        self, case_id: str, changes: Sequence[FieldChange], *, step: StepKey, field: str
    ) -> SaveOutcome:
        """Apply and save (encrypted, committed) the changes; nothing typed is lost."""

    def remember_position(self, case_id: str, step: StepKey, field: str) -> None: ...

    def add_person(self, case_id: str) -> DraftView: ...

    def remove_person(self, case_id: str, index: int) -> DraftView: ...

    def read_id_card(self, case_id: str, index: int | None) -> CardOutcome:
        """Read the card on the reader into person ``index`` (None: a new person)."""

    def reader_modes(self) -> tuple[str, ...]:
        """The simulated reader's modes (training only; empty on a real desk)."""

    def set_reader_mode(self, mode: str) -> None: ...

    def check_face(self, case_id: str, index: int) -> FaceCheckOutcome:
        """人证核验 of person ``index`` against their card photo at the desk's camera, recorded."""

    def face_check_modes(self) -> tuple[str, ...]:
        """The simulated camera's modes (training only; empty on a real desk)."""

    def set_face_check_mode(self, mode: str) -> None: ...

    def confirm_account_intent(self, case_id: str, username: str, password: str) -> DraftView:
        """开户意愿 双人核实: a second staff member, signed in with their own password, confirms."""

    def scope_options(self, query: str, *, limit: int = 8) -> list[ScopeOption]: ...

    def division_options(self) -> list[DivisionOption]: ...

    def attach_document(self, case_id: str, kind: str, subject: str, path: str) -> DraftView:
        """Store the scan at ``path`` (image or PDF) encrypted, and mark the material provided."""

    def defer_document(self, case_id: str, kind: str, subject: str, due_date: str) -> DraftView:
        """容缺受理: the applicant promises the material by ``due_date``."""

    def case_packet(self, case_id: str, parts: PacketParts = FORMS_AND_RECEIPT) -> Packet:
        """The case's printable packet (forms, receipt and, on request, the 服务大礼包's guides): the
        print step, the receipt after submitting and the case page's reprint; the printing is recorded
        in the audit trail."""

    def packet_preview(self, case_id: str, parts: PacketParts = FORMS_AND_RECEIPT) -> PacketPreview: ...

    def save_packet(self, case_id: str, path: str, parts: PacketParts = FORMS_AND_RECEIPT) -> str:
        """Write the packet PDF to ``path`` (the clerk's choice; never the temp folder)."""

    def submit_draft(self, case_id: str) -> Receipt:
        """Check, mark ready and queue the case's services for the platform."""

    def rate_case(self, case_id: str, grade: Grade, comment: str) -> Receipt: ...

    def receipt(self, case_id: str) -> Receipt: ...
