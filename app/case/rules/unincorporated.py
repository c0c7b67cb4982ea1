"""Rules of the units without a legal person: partnerships (合伙企业法) and sole proprietorships
(个人独资企业法, 个人独资企业登记管理办法).

- A sole proprietorship has one natural investor, who declares whether the contribution is personal
  property or the family's common property (登记管理办法 第十条; 法 第十八条: then the family's property
  answers for the debts).
- A partnership has two or more partners, at least one general; its kind is the name's marker: a
  （有限合伙） has a limited partner, a （普通合伙） or （特殊普通合伙） none (法 第二、六十一条), and only a
  professional service firm may be a （特殊普通合伙） (法 第五十五条).
- A non-money contribution states how it is valued: agreed by all partners or appraised by a valuation
  firm; labour is valued by agreement (法 第十六条).
- A legal-person executive partner acts through the 委派代表 it names (法 第二十六条), a natural person.
"""

from __future__ import annotations

from app.case.designations import partnership_kind
from app.case.enums import CompanyType, ContributionForm, HolderKind, PartnerKind, Valuation
from app.case.model import Shareholder
from app.case.rules.context import RuleContext
from app.validation.name_words import PARTNERSHIP_MARKERS
from app.validation.problems import Problem, error, warning

MAX_LIMITED_PARTNERS_TOTAL = 50
# GB/T 4754-2017 groups of professional services (法律服务 723, 咨询与调查 724, 专业技术服务业 74).
PROFESSIONAL_SERVICE_CLASSES = ("723", "724", "74")


def unincorporated_problems(ctx: RuleContext) -> list[Problem]:
    """The investor's and the partners' own data, beyond the counts (see ``company_law``)."""
    kind = ctx.case.company.type
    problems: list[Problem] = []
    for index, holder in enumerate(ctx.case.roles.shareholders):
        path = f"roles.shareholders[{index}]"
        problems += _sole_investment(kind, holder, path)
        problems += _valuation(kind, holder, path)
        problems += _delegate(ctx, holder, path)
    if kind is CompanyType.PARTNERSHIP:
        problems += _special_general_partnership(ctx)
    return problems


def sole_investor_problems(holders: list[Shareholder]) -> list[Problem]:
    if len(holders) != 1 or holders[0].holder is not HolderKind.NATURAL:
        return [
            error(
                "sole_proprietorship.one_natural_investor",
                "roles.shareholders",
                "个人独资企业只能由一个自然人投资设立，请只保留一名自然人投资人。",
                "A sole proprietorship has exactly one investor, a natural person; keep one natural person.",
            )
        ]
    return []


def partner_count_problems(holders: list[Shareholder]) -> list[Problem]:
    problems: list[Problem] = []
    kinds = [h.partner_kind for h in holders]
    if len(holders) < 2:
        problems.append(
            error(
                "partnership.partners_min",
                "roles.shareholders",
                "合伙企业至少需要两名合伙人。",
                "A partnership needs at least two partners.",
            )
        )
    if PartnerKind.GENERAL not in kinds:
        problems.append(
            error(
                "partnership.general_partner_missing",
                "roles.shareholders",
                "合伙企业至少需要一名普通合伙人，请指定。",
                "A partnership needs at least one general partner.",
            )
        )
    if PartnerKind.LIMITED in kinds and len(holders) > MAX_LIMITED_PARTNERS_TOTAL:
        problems.append(
            error(
                "partnership.limited_max",
                "roles.shareholders",
                f"有限合伙企业的合伙人应为2至{MAX_LIMITED_PARTNERS_TOTAL}人，请减少合伙人。",
                f"A limited partnership has 2 to {MAX_LIMITED_PARTNERS_TOTAL} partners; reduce them.",
            )
        )
    return problems


def partner_kind_matches_name(name: str, holders: list[Shareholder]) -> list[Problem]:
    """The kind the name shows is the kind the partners make (合伙企业法 第二、六十一条): a （有限合伙）
    has at least one limited partner; a （普通合伙） or （特殊普通合伙） has general partners only."""
    marker = next((m for m in PARTNERSHIP_MARKERS if m in name), None)
    if marker is None:  # the name rules say the marker is missing
        return []
    limited = [i for i, holder in enumerate(holders) if holder.partner_kind is PartnerKind.LIMITED]
    if marker == "有限合伙" and not limited:
        return [
            error(
                "partnership.limited_partner_missing",
                "roles.shareholders",
                "名称标明「有限合伙」，但没有有限合伙人：有限合伙企业至少要有一名普通合伙人和一名有限合伙人"
                "（合伙企业法第六十一条）。请把一名合伙人设为有限合伙人，或把名称改为「（普通合伙）」。",
                "The name says 有限合伙 but no partner is a limited partner: a limited partnership has at "
                "least one general and one limited partner (Partnership Law art. 61). Make one partner "
                "limited, or name it （普通合伙）.",
            )
        ]
    if marker != "有限合伙":
        return [
            error(
                "partnership.limited_partner_in_general",
                f"roles.shareholders[{index}].partner_kind",
                f"名称标明「{marker}」，其合伙人都应是普通合伙人；有限合伙人只能加入有限合伙企业。"
                "请把此人改为普通合伙人，或把名称改为「（有限合伙）」。",
                f"The name says {marker}, whose partners are all general partners; limited partners join "
                "limited partnerships only. Make this partner general, or name it （有限合伙）.",
            )
            for index in limited
        ]
    return []


def _sole_investment(kind: CompanyType, holder: Shareholder, path: str) -> list[Problem]:
    if kind is CompanyType.SOLE_PROPRIETORSHIP and holder.sole_investment is None:
        return [
            error(
                "sole_proprietorship.investment_missing",
                f"{path}.sole_investment",
                "请选择投资人的出资方式：以个人财产出资，或以家庭共有财产作为个人出资（个人独资企业登记管理办法"
                "第十条）。",
                "Choose how the investor contributes: personal property, or the family's common property "
                "(Sole Proprietorship Registration Measures art. 10).",
            )
        ]
    if kind is not CompanyType.SOLE_PROPRIETORSHIP and holder.sole_investment is not None:
        return [
            warning(
                "sole_proprietorship.investment_not_applicable",
                f"{path}.sole_investment",
                "只有个人独资企业的投资人申报“个人财产/家庭共有财产”出资，此项不会报送，请删除。",
                "Only a sole proprietor declares personal or family property; remove this ignored entry.",
            )
        ]
    return []


def _valuation(kind: CompanyType, holder: Shareholder, path: str) -> list[Problem]:
    non_money = [f for f in holder.contribution_forms if f is not ContributionForm.MONEY]
    if kind is not CompanyType.PARTNERSHIP:
        return []
    if non_money and holder.valuation is None:
        return [
            error(
                "partnership.valuation_missing",
                f"{path}.valuation",
                "该合伙人以非货币财产或劳务出资，请选择评估方式：全体合伙人协商确定，或委托法定评估机构评估"
                "（合伙企业法第十六条）。",
                "This partner contributes other than money: choose how it is valued, by agreement of all "
                "partners or by a lawful valuation firm (Partnership Law art. 16).",
            )
        ]
    if ContributionForm.LABOUR in non_money and holder.valuation is Valuation.APPRAISED:
        return [
            error(
                "partnership.labour_valued_by_agreement",
                f"{path}.valuation",
                "劳务出资的评估办法由全体合伙人协商确定（合伙企业法第十六条），请改为“全体合伙人协商确定”。",
                "Labour is valued by agreement of all partners (Partnership Law art. 16); choose that.",
            )
        ]
    return []


def _delegate(ctx: RuleContext, holder: Shareholder, path: str) -> list[Problem]:
    if holder.delegate is None:
        return []
    legal_partner = ctx.case.company.type is CompanyType.PARTNERSHIP and holder.holder is HolderKind.LEGAL
    if not legal_partner:
        return [
            error(
                "partnership.delegate_not_applicable",
                f"{path}.delegate",
                "只有合伙企业的法人合伙人委派代表，请删除此委派代表。",
                "Only a legal-person partner of a partnership names a delegate; remove it.",
            )
        ]
    if ctx.case.person(holder.delegate) is None:
        return [
            error(
                "roles.unknown_person",
                f"{path}.delegate",
                "委派代表不在人员名单中，请先添加此人。",
                "The delegate is not among the people of the case; add the person first.",
            )
        ]
    return []


def _special_general_partnership(ctx: RuleContext) -> list[Problem]:
    code = ctx.case.company.industry_code or ""
    if partnership_kind(ctx.case) != "特殊普通合伙" or code.startswith(PROFESSIONAL_SERVICE_CLASSES):
        return []
    return [
        error(
            "partnership.special_general_professional_only",
            "company.name_parts.form",
            "只有以专业知识和专门技能为客户提供有偿服务的专业服务机构（如律师、会计师、税务师事务所）可以设立为"
            "特殊普通合伙企业（合伙企业法第五十五条），本企业的行业不属于专业服务：请改为“（普通合伙）”或"
            "“（有限合伙）”。",
            "Only professional service firms (law, accounting, tax advisers...) may be special general "
            "partnerships (Partnership Law art. 55), and this one's industry is not a professional service: "
            "name it （普通合伙） or （有限合伙）.",
        )
    ]
