"""What a trainee does at the training desk, through the desk API (``LocalDesk``) as the screens do:
the openings each scenario asks for (and the mistakes its traps hide), submitting, the sync with the
built-in sandbox, the 补正 answered on the case page, and the automatic check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.desk.flow_api import DraftView, FieldChange, StepKey
from app.desk.local import LocalDesk
from app.syncing.model import PLATFORM_ACCEPTED
from app.training.checker import CheckReport
from app.validation.resident_id import resident_id_check_char
from app.wiring.profile import OpenedProfile
from app.wiring.services import desk_sync

SEVEN = ("license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund")
# A scan the desk stores for each key material (the sandbox receives it with the submission).
SCAN = b"\x89PNG\r\n\x1a\n" + b"fictitious training scan" * 8


def resident_id(first17: str) -> str:
    """A resident ID number with its right check character."""
    return first17 + resident_id_check_char(first17)


@dataclass
class Opening:
    """One case as the paperwork in front of the trainee describes it."""

    kind: str = "llc"
    trade_name: str = "绿野"
    industry: str = "蔬菜种植"
    name_form: str | None = None  # None: the one the company type suggests
    capital_wan: str = "100"
    subscriptions: tuple[str, ...] = ("50", "50")  # one per person read from an ID card, "" none
    services: tuple[str, ...] = SEVEN
    defer_optional: bool = True  # 容缺受理 for the materials that allow it; False: scan them too
    roles: Mapping[int, Iterable[str]] = field(default_factory=dict)  # person -> roles to give
    id_numbers: Mapping[int, str] = field(default_factory=dict)  # typed over what the card gave
    partner_kinds: Mapping[int, str] = field(default_factory=dict)  # partnerships: general, limited
    sole_investments: Mapping[int, str] = field(default_factory=dict)  # personal_property, family_property


@dataclass
class Trainee:
    desk: LocalDesk
    opened: OpenedProfile
    scans: Path

    def change(self, case_id: str, key: str, value: str, step: StepKey = "company") -> None:
        self.desk.change_fields(case_id, [FieldChange(key, value)], step=step, field=key)

    def open_case(self, opening: Opening) -> str:
        """The draft the trainee enters for ``opening`` (nothing submitted yet)."""
        case_id = self.desk.start_draft().case_id
        self.change(case_id, "company.type", opening.kind)
        self.change(case_id, "company.name_parts.trade_name", opening.trade_name)
        self.change(case_id, "company.name_parts.industry", opening.industry)
        if opening.name_form is not None:
            self.change(case_id, "company.name_parts.form", opening.name_form)
        self.change(case_id, "company.domicile.address", "圣城街道农圣街88号")
        self.change(case_id, "company.registered_capital_wan", opening.capital_wan)
        self.change(case_id, "company.employees", "5")
        self.change(case_id, "company.scope.general", self.desk.scope_options("蔬菜种植")[0].code)
        self._people(case_id, opening)
        for code in SEVEN:
            wanted = "1" if code in opening.services else "0"
            self.change(case_id, f"services.{code}.requested", wanted, "services")
        if "social_security" in opening.services:
            self.change(case_id, "services.social_security.data.risk_class", "1", "services")
        if "tax" in opening.services and "bank_account" not in opening.services:  # no account to debit
            self.change(case_id, "services.tax.data.debit_agreement", "0", "services")
        self._documents(case_id, opening.defer_optional)
        if "bank_account" in opening.services:  # 开户意愿 双人核实: the trainer as the second staff member
            self.desk.confirm_account_intent(case_id, "trainer", "peixun2026")
        return case_id

    def _people(self, case_id: str, opening: Opening) -> None:
        for _ in opening.subscriptions:
            self.desk.read_id_card(case_id, None)
        for index, subscribed in enumerate(opening.subscriptions):
            self.change(case_id, f"people[{index}].mobile", f"1380536{index:04d}", "people")
            if subscribed:
                self.change(case_id, f"people[{index}].subscribed_wan", subscribed, "people")
        for index, number in opening.id_numbers.items():
            self.change(case_id, f"people[{index}].id_number", number, "people")
            self.desk.check_face(case_id, index)  # 人证核验 again: the check is of the number typed
        for index, kind in opening.partner_kinds.items():
            self.change(case_id, f"people[{index}].partner_kind", kind, "people")
        for index, source in opening.sole_investments.items():
            self.change(case_id, f"people[{index}].sole_investment", source, "people")
        for index, roles in opening.roles.items():
            for role in roles:
                self.change(case_id, f"people[{index}].role.{role}", "1", "people")
        liaison = next(p.index for p in self.draft(case_id).people if "liaison" in p.roles)
        self.change(case_id, f"people[{liaison}].email", "lvye@example.com", "people")
        self.change(case_id, "roles.beneficial_owner_exemption", "1", "people")

    def _documents(self, case_id: str, defer_optional: bool) -> None:
        scan = self.scans / "scan.png"
        scan.parent.mkdir(parents=True, exist_ok=True)
        scan.write_bytes(SCAN)
        due = (dt.date.today() + dt.timedelta(days=20)).isoformat()
        for document in self.draft(case_id).documents:
            if document.status != "missing":
                continue
            if document.key or not defer_optional:
                self.desk.attach_document(case_id, document.kind, document.subject, str(scan))
            else:
                self.desk.defer_document(case_id, document.kind, document.subject, due)

    def draft(self, case_id: str) -> DraftView:
        return self.desk.open_draft(case_id)

    def errors(self, case_id: str) -> list[str]:
        return [p.message_zh for p in self.draft(case_id).errors]

    def submit(self, case_id: str) -> None:
        assert self.errors(case_id) == []
        self.desk.submit_draft(case_id)

    def states(self, case_id: str) -> list[tuple[str, str]]:
        """(service, outbox state) of each of the case's submissions, oldest first."""
        with self.opened.store.read_unit_of_work() as uow:
            return [(e.service, e.state) for e in uow.outbox.for_case(case_id)]

    def sync_until_sent(self, case_id: str, passes: int = 10) -> list[tuple[str, str]]:
        """Sync (the 同步中心's 立即同步) until the case's licence reached the platform; the states."""
        for _ in range(passes):
            desk_sync(self.opened).run_once()
            states = self.states(case_id)
            if any(service == "license" and state in PLATFORM_ACCEPTED for service, state in states):
                return states
        raise AssertionError(f"the sandbox never took the licence of {case_id}: {self.states(case_id)}")

    def check(self, scenario_id: str, case_id: str) -> CheckReport:
        return self.desk.training_check(scenario_id, case_id).report


def missed(report: CheckReport) -> list[str]:
    """The labels (en) of the points the check found wrong."""
    return [point.label_en for point in report.points if not point.ok]
