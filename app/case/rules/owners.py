"""Beneficial owners (受益所有人) or the exemption declaration (承诺免报), required since 2024-11-01.

受益所有人信息管理办法 (PBoC and SAMR order 2024 No. 3): companies and partnerships file the natural
persons who ultimately own 25% or more, receive 25% or more of the benefit, or control the entity;
failing those, the person running it. A company may instead declare the exemption when its registered
capital (contribution) is at most 10 million yuan, every shareholder or partner is a natural person,
and no one other than them controls it or benefits from it.
"""

from __future__ import annotations

from decimal import Decimal

from app.case.enums import BeneficialOwnerBasis, CompanyType, HolderKind
from app.case.rules.context import RuleContext
from app.validation.problems import Problem, error, warning

EXEMPTION_CAPITAL_LIMIT_WAN = Decimal(1000)
OWNERSHIP_THRESHOLD = Decimal("0.25")


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
    return _major_holder_problems(ctx)


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
