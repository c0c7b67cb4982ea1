"""Company Law (2023) and the partnership and sole-proprietorship rules, as explainable problems.

Articles cited: 47 (LLC contributions paid within 5 years of founding, and after it: a due date before
the founding is a mistake, for partners too), 42 (at most 50 LLC
shareholders), 48 (contribution forms, equity and creditor's rights included), 68/120 (board of 3 or
more, an employee director from 300 employees), 75/128 (small companies: one director, no board), 69/121
(audit committee instead of supervisors), 76/130 (supervisory board of 3 or more with at least a third
employee representatives; directors and senior managers may not be supervisors), 83/133 (one
supervisor, or none with the consent of all LLC shareholders), 92 (1-200 promoters), 98 (promoters pay
in full before founding), 10 (the legal representative is the director or manager running the company).
"""

from __future__ import annotations

from collections import Counter

from app.case.enums import CompanyType, ContributionForm, HolderKind, PartnerKind
from app.case.model import Shareholder
from app.case.rules.context import RuleContext, add_years
from app.case.rules.unincorporated import (
    partner_count_problems,
    partner_kind_matches_name,
    sole_investor_problems,
)
from app.validation.problems import Problem, error, warning
from app.validation.uscc import validate_uscc

MAX_LLC_SHAREHOLDERS = 50
MAX_PROMOTERS = 200
LLC_PAYMENT_YEARS = 5
EMPLOYEE_DIRECTOR_THRESHOLD = 300


def shareholder_problems(ctx: RuleContext) -> list[Problem]:
    holders = ctx.case.roles.shareholders
    problems = _count_problems(ctx, holders)
    for index, holder in enumerate(holders):
        problems += _holder_problems(ctx, holder, f"roles.shareholders[{index}]")
    problems += _subscription_sum_problems(ctx, holders)
    keys = Counter(h.person_id or (h.entity.uscc if h.entity else None) for h in holders)
    for index, holder in enumerate(holders):
        key = holder.person_id or (holder.entity.uscc if holder.entity else None)
        if key is not None and keys[key] > 1:
            problems.append(
                error(
                    "company_law.shareholder_duplicate",
                    f"roles.shareholders[{index}]",
                    "同一出资人被列了多次，请合并为一条出资记录。",
                    "The same investor is listed more than once; merge the entries into one.",
                )
            )
    return problems


def _count_problems(ctx: RuleContext, holders: list[Shareholder]) -> list[Problem]:
    kind, count, path = ctx.case.company.type, len(ctx.case.roles.shareholders), "roles.shareholders"
    if count == 0:
        return [
            error(
                "company_law.shareholders_missing",
                path,
                "请至少添加一名股东（出资人）。",
                "Add at least one shareholder (investor).",
            )
        ]
    if kind is CompanyType.LLC and count > MAX_LLC_SHAREHOLDERS:
        return [
            error(
                "company_law.llc_shareholders_max",
                path,
                f"有限责任公司股东不得超过{MAX_LLC_SHAREHOLDERS}人（公司法第42条），当前{count}人。请减少股"
                "东或改设股份有限公司。",
                f"An LLC has at most {MAX_LLC_SHAREHOLDERS} shareholders (Company Law art. 42); this one has "
                f"{count}. Reduce them or choose a joint-stock company.",
            )
        ]
    if kind is CompanyType.JOINT_STOCK and count > MAX_PROMOTERS:
        return [
            error(
                "company_law.promoters_max",
                path,
                f"股份有限公司发起人应为1至{MAX_PROMOTERS}人（公司法第92条），当前{count}人。",
                f"A joint-stock company has 1 to {MAX_PROMOTERS} promoters (art. 92); this one has {count}.",
            )
        ]
    if kind is CompanyType.SOLE_PROPRIETORSHIP:
        return sole_investor_problems(holders)
    if kind is CompanyType.PARTNERSHIP:
        name = ctx.case.company.name or ""
        return partner_count_problems(holders) + partner_kind_matches_name(name, holders)
    return []


def _holder_problems(ctx: RuleContext, holder: Shareholder, path: str) -> list[Problem]:
    problems = _identity_problems(holder, path)
    if holder.subscribed_wan is None or holder.subscribed_wan <= 0:
        problems.append(
            error(
                "company_law.subscription_missing",
                f"{path}.subscribed_wan",
                "请填写该出资人的认缴出资额（万元），须大于0。",
                "Enter this investor's subscribed amount (10,000 yuan); it must be more than 0.",
            )
        )
    problems += _form_problems(ctx, holder, path)
    problems += _due_date_problems(ctx, holder, path)
    is_partnership = ctx.case.company.type is CompanyType.PARTNERSHIP
    if is_partnership and holder.partner_kind is None:
        problems.append(
            error(
                "partnership.partner_kind_missing",
                f"{path}.partner_kind",
                "请选择该合伙人是普通合伙人还是有限合伙人。",
                "Choose whether this partner is a general or a limited partner.",
            )
        )
    if not is_partnership and holder.partner_kind is not None:
        problems.append(
            warning(
                "company_law.partner_kind_not_applicable",
                f"{path}.partner_kind",
                "只有合伙企业需要区分普通/有限合伙人，此项将被忽略，请删除。",
                "Only partnerships have general and limited partners; remove this entry.",
            )
        )
    return problems


def _identity_problems(holder: Shareholder, path: str) -> list[Problem]:
    if holder.holder is HolderKind.NATURAL:
        if holder.person_id is None or holder.entity is not None:
            return [
                error(
                    "shareholder.natural_person",
                    path,
                    "自然人股东须从人员名单中选择（不填法人信息）。",
                    "A natural-person shareholder is chosen from the people (no legal-entity details).",
                )
            ]
        return []
    if holder.entity is None or holder.person_id is not None:
        return [
            error(
                "shareholder.legal_entity",
                f"{path}.entity",
                "法人股东须填写单位名称和统一社会信用代码（不选人员）。",
                "A legal-person shareholder needs the entity's name and USCC (no person).",
            )
        ]
    if not holder.entity.uscc:
        return [
            error(
                "shareholder.uscc_missing",
                f"{path}.entity.uscc",
                "请填写法人股东的统一社会信用代码。",
                "Enter the legal-person shareholder's USCC.",
            )
        ]
    return [p.at(f"{path}.entity.uscc") for p in validate_uscc(holder.entity.uscc)]


def _form_problems(ctx: RuleContext, holder: Shareholder, path: str) -> list[Problem]:
    forms = holder.contribution_forms
    if not forms:
        return [
            error(
                "company_law.contribution_form_missing",
                f"{path}.contribution_forms",
                "请选择出资方式（如货币）。",
                "Choose the form of contribution (such as money).",
            )
        ]
    labour_allowed = (
        ctx.case.company.type is CompanyType.PARTNERSHIP and holder.partner_kind is not PartnerKind.LIMITED
    )
    if ContributionForm.LABOUR in forms and not labour_allowed:
        return [
            error(
                "company_law.labour_contribution",
                f"{path}.contribution_forms",
                "只有合伙企业的普通合伙人可以劳务出资，请改选其他出资方式。",
                "Only general partners of a partnership may contribute labour; choose another form.",
            )
        ]
    return []


def _due_date_problems(ctx: RuleContext, holder: Shareholder, path: str) -> list[Problem]:
    kind, due = ctx.case.company.type, holder.due_date
    if due is None:
        if kind.is_company:
            return [
                error(
                    "company_law.due_date_missing",
                    f"{path}.due_date",
                    "请填写认缴出资的出资期限（日期）。",
                    "Enter the date by which the contribution is paid.",
                )
            ]
        return []
    if kind is not CompanyType.JOINT_STOCK and due < ctx.founding:
        return [
            error(
                "company_law.due_before_founding",
                f"{path}.due_date",
                f"出资期限{due.isoformat()}早于{_founding_words(ctx)}（{ctx.founding.isoformat()}）：认缴出资在"
                "成立后缴付，请改为成立之日或之后的日期。",
                f"The due date {due.isoformat()} is before the founding ({ctx.founding.isoformat()}): "
                "subscribed contributions are paid after founding; enter that day or a later one.",
            )
        ]
    latest = add_years(ctx.founding, LLC_PAYMENT_YEARS)
    if kind is CompanyType.LLC and due > latest:
        return [
            error(
                "company_law.llc_due_within_5_years",
                f"{path}.due_date",
                "有限责任公司股东应自公司成立之日起五年内缴足认缴出资（公司法第47条），出资期限最晚为"
                f"{latest.isoformat()}，请修改。",
                "LLC shareholders pay in full within five years of founding (Company Law art. 47): the late"
                "st "
                f"due date is {latest.isoformat()}.",
            )
        ]
    if kind is CompanyType.JOINT_STOCK and due > ctx.founding:
        return [
            error(
                "company_law.jsc_paid_before_founding",
                f"{path}.due_date",
                "股份有限公司发起人应在公司成立前缴足认购股款（公司法第98条），出资期限不能晚于成立日期，请"
                "修改。",
                "Promoters of a joint-stock company pay in full before founding (art. 98); the due date "
                "cannot be after the founding date.",
            )
        ]
    return []


def _founding_words(ctx: RuleContext) -> str:
    licence = ctx.case.services.license
    return "成立日期" if licence is not None and licence.results is not None else "今天（尚未成立）"


def _subscription_sum_problems(ctx: RuleContext, holders: list[Shareholder]) -> list[Problem]:
    amounts = [h.subscribed_wan for h in holders]
    capital = ctx.capital
    if capital is None or not holders or any(a is None for a in amounts):
        return []
    total = sum((a for a in amounts if a is not None), start=capital - capital)
    if total != capital:
        return [
            error(
                "company_law.subscription_sum",
                "roles.shareholders",
                f"各出资人认缴出资额合计{total}万元，与注册资本（出资额）{capital}万元不一致，请调整使两者相"
                "等。",
                f"The subscriptions add up to {total} (10,000 yuan) but the registered capital is {capital}; "
                "make them equal.",
            )
        ]
    return []
