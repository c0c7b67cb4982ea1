"""Rules on the people of a case: each entered once, identified correctly, and referenced by roles."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from app.case.enums import IdType
from app.case.model import Person
from app.case.rules.context import RuleContext, birth_date
from app.validation.mobile import validate_mobile
from app.validation.problems import Problem, error, warning
from app.validation.resident_id import resident_id_check_char, validate_resident_id

_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_ID_FORMATS: dict[IdType, tuple[re.Pattern[str], str, str]] = {
    IdType.PASSPORT: (re.compile(r"^[A-Z0-9]{5,17}$"), "5-17位字母或数字", "5-17 letters or digits"),
    IdType.HK_MACAO_PERMIT: (
        re.compile(r"^[HM][0-9]{8}([0-9]{2})?$"),
        "H或M开头，后接8位或10位数字",
        "H or M followed by 8 or 10 digits",
    ),
    IdType.TAIWAN_PERMIT: (re.compile(r"^[0-9]{8}([0-9]{2})?$"), "8位或10位数字", "8 or 10 digits"),
}
_OLD_FOREIGN_PR = re.compile(r"^[A-Z]{3}[0-9]{12}$")
_NEW_FOREIGN_PR = re.compile(r"^9[0-9]{16}[0-9X]$")
_LATIN_OR_DIGIT = re.compile(r"[A-Za-z0-9]")


def people_problems(ctx: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for index, person in enumerate(ctx.case.people):
        path = f"people[{index}]"
        if person.person_id in seen_ids:
            problems.append(_duplicate_id(path, person.person_id))
        seen_ids.setdefault(person.person_id, index)
        if person.id_number and person.id_number in seen_numbers:
            problems.append(_duplicate_number(path, seen_numbers[person.id_number]))
        if person.id_number:
            seen_numbers.setdefault(person.id_number, index)
        problems += person_problems(ctx, person, path)
    problems += reference_problems(ctx)
    return problems


def person_problems(ctx: RuleContext, person: Person, path: str) -> list[Problem]:
    problems = _id_problems(ctx, person, path)
    if person.id_type is IdType.RESIDENT_ID and _LATIN_OR_DIGIT.search(person.name):
        problems.append(
            error(
                "person.name_chars",
                f"{path}.name",
                "姓名中有字母或数字，请按身份证上的姓名填写汉字。",
                "The name contains letters or digits; enter it in Chinese characters as on the ID card.",
            )
        )
    if person.mobile:
        problems += [p.at(f"{path}.mobile") for p in validate_mobile(person.mobile)]
    valid_until = person.id_valid_until
    if isinstance(valid_until, dt.date) and valid_until < ctx.today:
        problems.append(
            warning(
                "person.id_expired",
                f"{path}.id_valid_until",
                f"{person.name}的证件已于{valid_until.isoformat()}过期，请申请人出示有效证件。",
                f"{person.name}'s ID document expired on {valid_until.isoformat()}; ask for a valid one.",
            )
        )
    if person.email and not _EMAIL.match(person.email):
        problems.append(
            error(
                "person.email_format",
                f"{path}.email",
                "电子邮箱格式不对，请按 name@example.com 的格式填写。",
                "The email address is malformed; use the form name@example.com.",
            )
        )
    return problems


def _id_problems(ctx: RuleContext, person: Person, path: str) -> list[Problem]:
    number = person.id_number
    if not number:
        return [
            error(
                "person.id_number_missing",
                f"{path}.id_number",
                f"请填写{person.name}的{person.id_type.label_zh}号码。",
                f"Enter the ID number of {person.name}.",
            )
        ]
    if person.id_type in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT):
        found = validate_resident_id(number, today=ctx.today, known_division=ctx.ref.is_known_division)
        return [p.at(f"{path}.id_number") for p in found]
    problems = _foreign_id_problems(person, path)
    if birth_date(person) is None:
        problems.append(
            error(
                "person.birth_date_missing",
                f"{path}.birth_date",
                f"{person.id_type.label_zh}上没有可读取的出生日期，请填写出生日期。",
                "This ID document does not carry a readable birth date; enter the birth date.",
            )
        )
    return problems


def _foreign_id_problems(person: Person, path: str) -> list[Problem]:
    number = person.id_number or ""
    if person.id_type is IdType.FOREIGN_PERMANENT_RESIDENT_ID:
        valid = bool(_OLD_FOREIGN_PR.match(number)) or (
            bool(_NEW_FOREIGN_PR.match(number)) and resident_id_check_char(number[:17]) == number[17]
        )
        rule_zh, rule_en = (
            "18位（9开头，末位为校验位）或15位（3个字母加12位数字）",
            "18 characters starting with 9 with a valid check character, or 3 letters and 12 digits",
        )
    else:
        pattern, rule_zh, rule_en = _ID_FORMATS[person.id_type]
        valid = bool(pattern.match(number))
    if valid:
        return []
    return [
        error(
            "person.id_number_format",
            f"{path}.id_number",
            f"{person.id_type.label_zh}号码格式不对，应为{rule_zh}，请对照证件核对。",
            f"The document number is malformed; it should be {rule_en}. Check it against the document.",
        )
    ]


def role_references(ctx: RuleContext) -> Iterator[tuple[str, str]]:
    """Every (field path, person_id) a role, staff entry or service points at."""
    roles = ctx.case.roles
    if roles.legal_representative:
        yield "roles.legal_representative.person_id", roles.legal_representative.person_id
    for i, holder in enumerate(roles.shareholders):
        if holder.person_id:
            yield f"roles.shareholders[{i}].person_id", holder.person_id
    for name in ("directors", "supervisors"):
        for i, officer in enumerate(getattr(roles, name)):
            yield f"roles.{name}[{i}].person_id", officer.person_id
    for i, member in enumerate(roles.audit_committee):
        yield f"roles.audit_committee[{i}]", member
    for name in ("manager", "finance_officer", "tax_handler", "liaison", "agent"):
        if getattr(roles, name):
            yield f"roles.{name}", getattr(roles, name)
    for i, owner in enumerate(roles.beneficial_owners):
        yield f"roles.beneficial_owners[{i}].person_id", owner.person_id
    for i, staff in enumerate(ctx.case.staff):
        yield f"staff[{i}].person_id", staff.person_id
    yield from _service_references(ctx)


def _service_references(ctx: RuleContext) -> Iterator[tuple[str, str]]:
    bank = ctx.case.services.bank_account
    if bank is not None:
        for i, signer in enumerate(bank.data.authorised_signers):
            yield f"services.bank_account.data.authorised_signers[{i}]", signer
    licence = ctx.case.services.license
    if licence is not None and licence.data.mail_to and licence.data.mail_to.recipient_person_id:
        yield "services.license.data.mail_to.recipient_person_id", licence.data.mail_to.recipient_person_id


def reference_problems(ctx: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    used: set[str] = set()
    for path, person_id in role_references(ctx):
        used.add(person_id)
        if ctx.case.person(person_id) is None:
            problems.append(
                error(
                    "roles.unknown_person",
                    path,
                    f"引用的人员 {person_id} 不在人员名单中，请先添加该人员或重新选择。",
                    f"The person {person_id} is not in the list of people; add them first or choose again.",
                )
            )
    for index, person in enumerate(ctx.case.people):
        if person.person_id not in used:
            problems.append(
                warning(
                    "person.unreferenced",
                    f"people[{index}]",
                    f"{person.name}没有担任任何角色，如无需要请删除该人员（个人信息应最少收集）。",
                    f"{person.name} has no role in the case; remove them if not needed (collect as little "
                    "personal data as possible).",
                )
            )
    return problems


def _duplicate_id(path: str, person_id: str) -> Problem:
    return error(
        "people.duplicate_person_id",
        f"{path}.person_id",
        f"人员编号 {person_id} 重复，每个人员的编号必须唯一。",
        f"The person id {person_id} is used twice; each person needs a unique id.",
    )


def _duplicate_number(path: str, first: int) -> Problem:
    return error(
        "people.duplicate_id_number",
        f"{path}.id_number",
        f"此证件号码与第{first + 1}位人员相同：同一人只需录入一次，请删除重复人员并在各角色中选择同一人。",
        f"This ID number equals that of person {first + 1}: enter each person once and pick the same "
        "person for every role.",
    )
