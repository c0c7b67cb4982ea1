"""Beneficial owners (受益所有人) or the exemption declaration (承诺免报), required since 2024-11-01.

受益所有人信息管理办法 (PBoC and SAMR order 2024 No. 3): companies and partnerships file the natural
persons who ultimately own 25% or more, receive 25% or more of the benefit, or control the entity;
failing those, the person running it. A company may instead declare the exemption when its registered
capital (contribution) is at most 10 million yuan, every shareholder or partner is a natural person,
and no one other than them controls it or benefits from it (第三条).

The filing (Shandong's 受益所有人信息备案) asks per owner: name, sex, nationality, birth date, the
usual residence or workplace address, a contact number, the ID document with its validity, the kind of
beneficial ownership and since when, and the share of equity or votes (or of the benefit), or how
control is exercised. Sex and birth date come from a resident ID number; other documents need them
entered.
"""

from __future__ import annotations

from decimal import Decimal

from app.case.designations import direct_share_percent
from app.case.enums import BeneficialOwnerBasis, CompanyType, HolderKind
from app.case.model import BeneficialOwner
from app.case.rules.context import RuleContext, sex_of
from app.validation.problems import Problem, error, warning

EXEMPTION_CAPITAL_LIMIT_WAN = Decimal(1000)
OWNERSHIP_THRESHOLD = Decimal("0.25")
THRESHOLD_PERCENT = Decimal(25)


def beneficial_owner_problems(ctx: RuleContext) -> list[Problem]:
    roles = ctx.case.roles
    owners, exemption = roles.beneficial_owners, roles.beneficial_owner_exemption
    if ctx.case.company.type is CompanyType.SOLE_PROPRIETORSHIP:
        if owners or exemption:
            return [
                warning(
                    "beneficial_owner.not_applicable",
                    "roles.beneficial_owners",
                    "个人独资企业无需备案受益所有人，相关信息不会报送，请删除。",
                    "A sole proprietorship files no beneficial owners; remove this information.",
                )
            ]
        return []
    if owners and exemption:
        return [
            error(
                "beneficial_owner.both",
                "roles.beneficial_owner_exemption",
                "已填写受益所有人，又选择了承诺免报：两者只能选其一，请删除其中之一。",
                "Beneficial owners are listed and the exemption is declared too; keep only one of them.",
            )
        ]
    if exemption is not None:
        return _exemption_problems(ctx)
    if not owners:
        return [
            error(
                "beneficial_owner.missing",
                "roles.beneficial_owners",
                "请填写受益所有人信息，或在符合条件时选择“承诺免报”（注册资本不超过1000万元、出资人均为自然"
                "人且无其他控制人）。",
                "List the beneficial owners, or declare the exemption when it applies (capital up to 10 mill"
                "ion "
                "yuan, only natural-person shareholders, nobody else in control).",
            )
        ]
    problems = _major_holder_problems(ctx)
    for index, owner in enumerate(owners):
        problems += _owner_filing_problems(ctx, owner, f"roles.beneficial_owners[{index}]")
    return problems


def _owner_filing_problems(ctx: RuleContext, owner: BeneficialOwner, path: str) -> list[Problem]:
    """What the filing asks of one owner and the case does not have."""
    problems = _person_filing_problems(ctx, owner.person_id)
    bases = set(owner.bases)
    if BeneficialOwnerBasis.CONTROL in bases and not owner.control:
        problems.append(
            error(
                "beneficial_owner.control_missing",
                f"{path}.control",
                f"请写明{ctx.person_label(owner.person_id)}实施控制的方式（如协议控制、决定董事任免等）。",
                "Describe how this owner controls the company (by agreement, by appointing the board...).",
            )
        )
    for basis in (BeneficialOwnerBasis.EQUITY, BeneficialOwnerBasis.BENEFIT):
        if basis in bases:
            problems += _share_problems(ctx, owner, basis, path)
    return problems


def _share_problems(
    ctx: RuleContext, owner: BeneficialOwner, basis: BeneficialOwnerBasis, path: str
) -> list[Problem]:
    direct = direct_share_percent(ctx.case, owner.person_id) if basis is BeneficialOwnerBasis.EQUITY else None
    share = owner.share_percent if owner.share_percent is not None else direct
    what_zh, what_en = (
        ("持股或表决权比例", "share of equity or votes")
        if basis is BeneficialOwnerBasis.EQUITY
        else ("收益比例", "share of the benefit")
    )
    if share is None:
        return [
            error(
                "beneficial_owner.share_missing",
                f"{path}.share_percent",
                f"请填写{ctx.person_label(owner.person_id)}的{what_zh}（间接持有的按穿透后比例计算）。",
                f"Enter this owner's {what_en} (indirect holdings counted through).",
            )
        ]
    if share < THRESHOLD_PERCENT:
        return [
            error(
                "beneficial_owner.share_below_threshold",
                f"{path}.share_percent",
                f"{ctx.person_label(owner.person_id)}的{what_zh}为{share}%，不足25%，不能以此认定为受益所有人：请"
                "核对比例或认定依据。",
                f"This owner's {what_en} is {share}%, below 25%: it does not make a beneficial owner. "
                "Check the share or the grounds.",
            )
        ]
    return []


def _person_filing_problems(ctx: RuleContext, person_id: str) -> list[Problem]:
    person = ctx.case.person(person_id)
    if person is None:
        return []
    where, name = ctx.person_path(person_id), person.name
    needed = (
        (sex_of(person) is None, "sex", "性别", "sex"),
        (person.id_valid_until is None, "id_valid_until", "证件有效期限（截止日期或长期）", "ID validity"),
        (not person.address, "address", "经常居住地或工作单位地址", "usual residence or workplace address"),
        (not person.mobile, "mobile", "联系电话", "contact number"),
    )
    return [
        error(
            f"beneficial_owner.{field}_missing",
            f"{where}.{field}",
            f"受益所有人备案需要{name}的{zh}，请填写。",
            f"The beneficial-owner filing needs {name}'s {en}; enter it.",
        )
        for missing, field, zh, en in needed
        if missing
    ]


def _exemption_problems(ctx: RuleContext) -> list[Problem]:
    roles, capital = ctx.case.roles, ctx.capital
    path = "roles.beneficial_owner_exemption"
    problems: list[Problem] = []
    if capital is not None and capital > EXEMPTION_CAPITAL_LIMIT_WAN:
        problems.append(
            error(
                "beneficial_owner.exemption_capital",
                path,
                f"注册资本（出资额）{capital}万元超过1000万元，不能承诺免报，请填写受益所有人。",
                f"The capital of {capital} (10,000 yuan) exceeds 10 million yuan: the exemption does not app"
                "ly; "
                "list the beneficial owners.",
            )
        )
    if any(s.holder is HolderKind.LEGAL for s in roles.shareholders):
        problems.append(
            error(
                "beneficial_owner.exemption_legal_shareholder",
                path,
                "有法人股东（合伙人）时不能承诺免报，请填写受益所有人。",
                "With a legal-person shareholder or partner the exemption does not apply; list the beneficia"
                "l owners.",
            )
        )
    if (
        roles.beneficial_owner_exemption is not None
        and not roles.beneficial_owner_exemption.no_other_controller
    ):
        problems.append(
            error(
                "beneficial_owner.exemption_controller",
                f"{path}.no_other_controller",
                "承诺免报须确认不存在股东（合伙人）以外的实际控制人或受益人；如存在，请填写受益所有人。",
                "The exemption requires confirming that nobody besides the shareholders controls or benefits "
                "from the company; otherwise list the beneficial owners.",
            )
        )
    return problems


def _major_holder_problems(ctx: RuleContext) -> list[Problem]:
    """A natural person holding 25% or more directly is a beneficial owner by equity: they must be listed."""
    capital = ctx.capital
    if not capital:
        return []
    listed = {o.person_id for o in ctx.case.roles.beneficial_owners}
    problems: list[Problem] = []
    for index, holder in ctx.case.natural_shareholders():
        amount = holder.subscribed_wan
        major = amount is not None and amount / capital >= OWNERSHIP_THRESHOLD
        if holder.person_id and major and holder.person_id not in listed:
            problems.append(
                error(
                    "beneficial_owner.major_holder_missing",
                    f"roles.shareholders[{index}]",
                    f"{ctx.person_label(holder.person_id)}持股达25%以上，是受益所有人，请将其列入受益所"
                    "有人。",
                    "This shareholder holds 25% or more and is a beneficial owner; add them to the list.",
                )
            )
    for index, owner in enumerate(ctx.case.roles.beneficial_owners):
        if len(set(owner.bases)) != len(owner.bases) or not owner.bases:
            problems.append(
                warning(
                    "beneficial_owner.bases_duplicate",
                    f"roles.beneficial_owners[{index}].bases",
                    "受益所有人的认定依据有重复，请删除重复项。",
                    "The grounds listed for this beneficial owner repeat; remove the duplicate.",
                )
            )
        if BeneficialOwnerBasis.SENIOR_MANAGER in owner.bases and len(ctx.case.roles.beneficial_owners) > 1:
            problems.append(
                warning(
                    "beneficial_owner.senior_manager_fallback",
                    f"roles.beneficial_owners[{index}].bases",
                    "“高级管理人员”只在没有人满足持股、收益或控制标准时才作为受益所有人，请确认。",
                    "A senior manager is the beneficial owner only when nobody meets the ownership, benefit "
                    "or "
                    "control tests; please confirm.",
                )
            )
    return problems
