"""Rules on the documents checklist and 容缺受理 deferrals."""

from __future__ import annotations

import datetime as dt

from app.case.documents import MAX_DEFERRAL_DAYS, RequiredDocument, is_key, required_documents
from app.case.enums import DocumentStatus, ServiceCode
from app.case.model import Document
from app.case.rules.context import RuleContext
from app.validation.problems import Problem, error, warning


def document_problems_by_service(ctx: RuleContext) -> dict[ServiceCode, list[Problem]]:
    """Missing, undeferrable or badly deferred materials, under the service that needs them first."""
    found: dict[ServiceCode, list[Problem]] = {}
    for requirement in required_documents(ctx.case):
        problems = _requirement_problems(ctx, requirement)
        if problems:
            found.setdefault(requirement.service, []).extend(problems)
    return found


def checklist_problems(ctx: RuleContext) -> list[Problem]:
    """Entries not called for by the case, and duplicates: warnings, they do not block anything."""
    required = required_documents(ctx.case)
    problems: list[Problem] = []
    for index, document in enumerate(ctx.case.documents):
        path = f"documents[{index}]"
        if not any(r.matches(document) for r in required):
            problems.append(
                warning(
                    "documents.not_required",
                    path,
                    f"“{document.kind.label_zh}”不在本案卷的材料清单中（可能是选项已更改），如不需要请删除。",
                    f"'{document.kind.value}' is not on this case's checklist (a choice may have changed); "
                    "remove it if unneeded.",
                )
            )
        elif _first_index(ctx, document) != index:
            problems.append(
                warning(
                    "documents.duplicate",
                    path,
                    "同一材料登记了两次，请删除重复项。",
                    "The same material is recorded twice; remove the duplicate.",
                )
            )
    return problems


def _first_index(ctx: RuleContext, document: Document) -> int:
    return next(
        i
        for i, d in enumerate(ctx.case.documents)
        if d.kind is document.kind and d.subject == document.subject
    )


def _requirement_problems(ctx: RuleContext, requirement: RequiredDocument) -> list[Problem]:
    index = next((i for i, d in enumerate(ctx.case.documents) if requirement.matches(d)), None)
    label = _label(ctx, requirement)
    if index is None or ctx.case.documents[index].status is DocumentStatus.MISSING:
        path = f"documents[{index}].status" if index is not None else "documents"
        hint_zh = "" if requirement.key else "，或按容缺受理登记承诺补交日期"
        hint_en = "" if requirement.key else ", or defer it under 容缺受理 with a commitment and due date"
        return [
            error(
                "documents.missing",
                path,
                f"缺少材料：{label}。请扫描上传{hint_zh}。",
                f"Missing material: {requirement.kind.value} ({label}). Scan and attach it{hint_en}.",
            )
        ]
    document = ctx.case.documents[index]
    path = f"documents[{index}]"
    if document.status is DocumentStatus.PROVIDED:
        return _provided_problems(document, path, label)
    return _deferral_problems(ctx, document, path, label)


def _provided_problems(document: Document, path: str, label: str) -> list[Problem]:
    if document.attachment_sha256 is None:
        return [
            warning(
                "documents.attachment_missing",
                f"{path}.attachment_sha256",
                f"“{label}”标记为已提交，但本机没有扫描件，请重新扫描上传。",
                "The material is marked as provided but no scan is attached on this desk; scan it again.",
            )
        ]
    return []


def _deferral_problems(ctx: RuleContext, document: Document, path: str, label: str) -> list[Problem]:
    if is_key(document.kind, document.subject, ctx.case):
        return [
            error(
                "documents.not_deferrable",
                f"{path}.status",
                f"“{label}”是关键材料，不适用容缺受理，必须当场提交。",
                "This is a key material: it cannot be deferred under 容缺受理 and must be provided now.",
            )
        ]
    deferral = document.deferral
    if deferral is None or not deferral.commitment:
        return [
            error(
                "documents.deferral_incomplete",
                f"{path}.deferral",
                f"“{label}”容缺后补须有申请人的书面承诺和补交日期，请填写。",
                "A deferred material needs the applicant's written commitment and a due date.",
            )
        ]
    opened = ctx.case.created_at.date()
    latest = opened + dt.timedelta(days=MAX_DEFERRAL_DAYS)
    if not opened <= deferral.due_date <= latest:
        return [
            error(
                "documents.deferral_too_long",
                f"{path}.deferral.due_date",
                f"容缺补交日期须在受理后{MAX_DEFERRAL_DAYS}天内（{opened.isoformat()}至"
                f"{latest.isoformat()}），请修改。",
                f"The due date must be within {MAX_DEFERRAL_DAYS} days of opening the case "
                f"({opened.isoformat()} to {latest.isoformat()}).",
            )
        ]
    if deferral.due_date < ctx.today:
        return [
            warning(
                "documents.deferral_overdue",
                f"{path}.deferral.due_date",
                f"“{label}”已超过承诺的补交日期{deferral.due_date.isoformat()}，请联系申请人尽快补交。",
                f"The promised date {deferral.due_date.isoformat()} has passed; ask the applicant to hand it"
                " in.",
            )
        ]
    return []


def _label(ctx: RuleContext, requirement: RequiredDocument) -> str:
    person = ctx.case.person(requirement.subject)
    who = f"（{person.name}）" if person else (f"（{requirement.subject}）" if requirement.subject else "")
    return f"{requirement.kind.label_zh}{who}"
