"""The case page in plain Python: header, people, each service's results and history, and the
three actions (补正 resubmission, reprint, export behind the password), worded in the UI language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.services.case_page import CasePage, ServicePage, TimelineStep
from app.services.packet import FORMS_AND_RECEIPT, Packet, PacketParts
from views.case_texts import Said, result_label, service_text, status_text
from views.i18n import Strings
from views.session import DeskSession, attempt
from views.sync_state import when_text


@dataclass(frozen=True)
class ServiceSection:
    code: str
    title: str  # "营业执照 · 已办结"
    results: tuple[str, ...]  # "统一社会信用代码：9137..."
    reasons: str | None  # the agency's 补正 or rejection words
    history: tuple[str, ...]
    correctable: bool
    submissions: int


@dataclass(frozen=True)
class PageLines:
    title: str
    header: tuple[str, ...]
    people: tuple[str, ...]
    services: tuple[ServiceSection, ...]
    correction_fields: tuple[tuple[str, str, str], ...]  # (key, label, current value)


def _value(value: Any, texts: Strings) -> str:
    if isinstance(value, bool):
        return texts.t("label.yes" if value else "label.no")
    if isinstance(value, list | tuple):
        return texts.t("cases.list_separator").join(_value(v, texts) for v in value)
    if isinstance(value, Mapping) and "code" in value:  # a seal's filing code: 公章 3707830012345
        kind = value.get("kind")
        key = f"flow.value.{kind}"
        name = texts.t(key) if kind and key in texts.table else texts.t("case.seal_other")
        return texts.t("case.seal_code", seal=name, code=value["code"])
    return str(value)


def _role(role: str, texts: Strings) -> str:
    key = f"cases.role.{role}"
    return texts.t(key) if key in texts.table else role


def result_lines(results: Mapping[str, Any], texts: Strings) -> tuple[str, ...]:
    return tuple(
        texts.t("cases.pair", label=result_label(name, texts), value=_value(value, texts))
        for name, value in results.items()
    )


def step_line(step: TimelineStep, texts: Strings) -> str:
    key = f"cases.event.{step.event}"
    event = texts.t(key) if key in texts.table else step.event
    when = when_text(step.at, texts) if step.at is not None else "—"
    line = texts.t("case.step", number=step.submission, event=event, when=when)
    if step.detail:
        line += " · " + texts.t("case.step_reason", reason="；".join(step.detail))
    return line


def service_section(service: ServicePage, texts: Strings) -> ServiceSection:
    return ServiceSection(
        code=service.code,
        title=f"{service_text(service.code, texts)} · {status_text(service.status, texts)}",
        results=result_lines(service.results, texts) or (texts.t("case.no_results"),),
        reasons=texts.t("case.reasons", reasons="；".join(service.reasons)) if service.reasons else None,
        history=tuple(step_line(step, texts) for step in service.timeline) or (texts.t("case.no_timeline"),),
        correctable=service.correctable,
        submissions=service.submissions,
    )


def page_lines(page: CasePage, texts: Strings) -> PageLines:
    view = page.view
    header = [
        texts.t("case.status", status=status_text(view.status, texts)),
        texts.t("case.opened", when=when_text(view.created_at, texts)),
        texts.t("case.updated", when=when_text(view.updated_at, texts)),
    ]
    if view.fictitious:
        header.append(texts.t("case.fictitious"))
    english = texts.language == "en"
    people = tuple(
        texts.t(
            "case.person",
            name=p.name,
            roles=texts.t("cases.list_separator").join(_role(role, texts) for role in p.roles),
            id=p.id_number_masked or "—",
            mobile=p.mobile_masked or "—",
        )
        for p in view.people
    )
    fields = tuple(
        (f.key, f.label_en if english else f.label_zh, page.correction_values.get(f.key, ""))
        for f in page.correction_fields
    )
    return PageLines(
        title=f"{view.company_name or view.case_id} · {texts.t('case.title', case_id=view.case_id)}",
        header=tuple(header),
        people=people,
        services=tuple(service_section(s, texts) for s in page.services),
        correction_fields=fields,
    )


class CasePagePresenter:
    def __init__(self, session: DeskSession, case_id: str) -> None:
        self.session, self.case_id = session, case_id
        self.lines: PageLines | None = None
        self.failure: Said | None = None
        self.packet: Packet | None = None
        self.notice: Said | None = None  # the last resubmission's outcome, shown on top of the page

    def load(self) -> None:
        page, failure = attempt(lambda: self.session.desk.case_page(self.case_id))
        self.failure = Said(message=failure.message, ok=False) if failure and failure.message else None
        self.lines = page_lines(page, self.session.texts) if page is not None else None

    def resubmit(self, service: str, values: Mapping[str, str]) -> Said:
        """Send the corrected service again; the page is read afresh on success."""
        self.session.idle.touch()
        result, failure = attempt(
            lambda: self.session.desk.resubmit_correction(self.case_id, service, dict(values))
        )
        if result is None:
            return Said(message=failure.message if failure else None, ok=False)
        self.load()
        section = next((s for s in self.lines.services if s.code == service), None) if self.lines else None
        count = section.submissions if section else len(result.submissions)
        service_name = service_text(service, self.session.texts)
        self.notice = Said("case.correction.done", {"service": service_name, "count": count})
        return self.notice

    def reprint(self, parts: PacketParts = FORMS_AND_RECEIPT) -> Said:
        """The packet again: the forms and the receipt, or (``TAKE_HOME``) the receipt and the guides."""
        packet, failure = attempt(lambda: self.session.desk.case_packet(self.case_id, parts))
        self.packet = packet
        if packet is None:
            return Said(message=failure.message if failure else None, ok=False)
        forms = self.session.texts.t("cases.list_separator").join(packet.forms)
        return Said("case.reprint.ready", {"pages": packet.pages, "forms": forms})

    def save_packet(self, path: str) -> Said:
        """Save the packet shown (the one reprinted last) where the clerk says."""
        packet = self.packet
        if packet is None:
            return self.reprint()
        saved, failure = attempt(lambda: self.session.desk.save_pdf(packet.pdf, path))
        if saved is None:
            return Said(message=failure.message if failure else None, ok=False)
        return Said("case.reprint.saved", {"path": str(saved)})

    def export(self, password: str, path: str) -> Said:
        self.session.idle.touch()
        if not password:
            return Said("case.export.missing", ok=False)
        saved, failure = attempt(lambda: self.session.desk.export_case(self.case_id, password, path))
        if saved is None:
            return Said(message=failure.message if failure else None, ok=False)
        return Said("case.export.done", {"path": str(saved)})

    def default_path(self, suffix: str) -> str:
        folder, _ = attempt(self.session.desk.default_export_folder)
        name = f"{self.case_id}{'-packet' if suffix == '.pdf' else ''}{suffix}"
        return str((folder or Path.home()) / name)
