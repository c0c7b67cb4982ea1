"""Needs shared by several services: the licence first, appointed roles, reachable people."""

from __future__ import annotations

from app.case.enums import IdType, ServiceCode
from app.case.rules.context import RuleContext
from app.validation.problems import Problem, error, warning


def needs_license(ctx: RuleContext, service: ServiceCode) -> list[Problem]:
    licence = ctx.case.services.license
    if ctx.case.services.is_requested(ServiceCode.LICENSE) or (licence is not None and licence.results):
        return []
    return [
        error(
            "service.needs_license",
            f"services.{service.value}",
            f"“{service.label_zh}”需要营业执照：请同时申请营业执照，或填入已取得的执照信息。",
            f"'{service.value}' needs the business licence: request it too, or enter the licence "
            "already issued.",
        )
    ]


def has_account(ctx: RuleContext) -> bool:
    bank = ctx.case.services.bank_account
    return bank is not None and (bank.requested or bank.results is not None)


def missing_role(code: str, path: str, zh: str, en: str) -> Problem:
    return error(code, path, f"请指定{zh}。", f"Appoint the {en}.")


def contact(
    ctx: RuleContext,
    person_id: str | None,
    path: str,
    role_zh: str,
    *,
    mobile: bool = False,
    email: bool = False,
    real_name: bool = False,
) -> list[Problem]:
    person = ctx.case.person(person_id)
    if person is None:
        return []
    where = ctx.person_path(person.person_id)
    problems: list[Problem] = []
    if mobile and not person.mobile:
        problems.append(
            error(
                "person.mobile_missing",
                f"{where}.mobile",
                f"请填写{role_zh}{person.name}的手机号码（用于实名验证）。",
                f"Enter the mobile number of {person.name} (used for real-name verification).",
            )
        )
    if email and not person.email:
        problems.append(
            error(
                "person.email_missing",
                f"{where}.email",
                f"请填写{role_zh}{person.name}的电子邮箱。",
                f"Enter the email address of {person.name}.",
            )
        )
    if real_name and person.id_type not in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT):
        problems.append(
            warning(
                "person.real_name_document",
                f"{where}.id_type",
                f"{role_zh}须在电子税务局实名认证，使用{person.id_type.label_zh}可能需到税务窗口办理，请确认"
                "。",
                "Electronic tax bureau real-name checks may need a visit with this document.",
            )
        )
    return problems
