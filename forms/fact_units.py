"""The facts that name the unit and its head as each agency's form asks (``app.case.designations``).

- ``company.type``: the type with its subtype, as the licence prints it; ``partnership.kind``;
  ``company.industry``: the GB/T 4754 class name and code; ``company.section``: the bank's 行业分类;
  ``company.division_code``: the 地区代码 of the domicile;
- ``head.*``: who represents the unit (``head.title`` on the registration forms, ``head.service_title``
  on the others, ``head.name`` with a legal-person partner's 委派代表, ``head.signer`` who signs,
  ``head.seal`` the personal seal);
- ``bank.depositor``: 存款人类别; ``tax.registration_type``: the 登记注册类型 code;
- ``partnership.*``: the liability and execution clauses of the 合伙协议, by the partnership's kind.
"""

from __future__ import annotations

from app.case.designations import (
    depositor_category,
    head,
    licence_type,
    one_person_company,
    partnership_kind,
    tax_registration_type,
)
from app.case.enums import CompanyType, SoleInvestment
from app.case.model import Case
from app.reference import ReferenceData

_SPECIAL_LIABILITY = (
    "一个合伙人或者数个合伙人在执业活动中因故意或者重大过失造成合伙企业债务的，应当承担无限责任或者无限连带责任，"
    "其他合伙人以其在合伙企业中的财产份额为限承担责任；合伙人在执业活动中非因故意或者重大过失造成的合伙企业债务"
    "以及合伙企业的其他债务，由全体合伙人承担无限连带责任（《合伙企业法》第五十七条）。"
)
_LIABILITY = {
    "普通合伙": "全体合伙人对合伙企业债务承担无限连带责任。",
    "有限合伙": "普通合伙人对合伙企业债务承担无限连带责任，有限合伙人以其认缴的出资额为限对合伙企业债务"
    "承担责任。",
    "特殊普通合伙": _SPECIAL_LIABILITY,
}
_LIMITED_EXECUTION = (
    "有限合伙人不执行合伙事务，不得对外代表有限合伙企业（《合伙企业法》第六十八条）。执行事务合伙人应当是本企"
    "业的普通合伙人（法人合伙人由其委派代表执行），由全体合伙人一致同意委托产生；执行事务合伙人的权限以本协议"
    "和全体合伙人的决定为限，违反本协议或者全体合伙人决定的，其他合伙人可以撤销委托，并可依照《合伙企业法》第"
    "四十九条将其除名，再经全体合伙人一致同意委托新的执行事务合伙人。"
)
_LIMITED_ADMISSION = (
    "有限合伙人入伙、退伙的条件、程序及相关责任依照《合伙企业法》第七十七条至第八十一条办理；有限合伙人与普通"
    "合伙人相互转变，应当经全体合伙人一致同意（第八十二条至第八十四条）。"
)


def unit_values(case: Case, ref: ReferenceData) -> dict[str, str]:
    company = case.company
    code = company.industry_code or ""
    found = ref.industry_class(code) if code else None
    section = ref.section_of(code) if code else None
    chief = head(case)
    kind = partnership_kind(case)
    values = {
        "company.type": licence_type(case),
        "company.industry": f"{found.name}（{code}）" if found else code,
        "company.section": f"{section.code} {section.name}" if section else "",
        "company.division_code": (company.domicile.division_code or "") if company.domicile else "",
        "company.currency": "人民币",
        "company.establishment": "发起设立" if company.type is CompanyType.JOINT_STOCK else "",
        "application.kind": "设立",
        "head.title": chief.title,
        "head.service_title": chief.service_title,
        "head.name": chief.name,
        "head.signer": chief.signer_title,
        "head.seal": chief.seal,
        "head.delegate": chief.person.name if chief.entity is not None and chief.person else "",
        "bank.depositor": depositor_category(case),
        "tax.registration_type": tax_registration_type(case),
        "partnership.kind": f"{kind}企业" if kind else "",
        "partnership.liability": _LIABILITY.get(kind, ""),
        "partnership.execution": _LIMITED_EXECUTION if kind == "有限合伙" else "",
        "partnership.admission": _LIMITED_ADMISSION if kind == "有限合伙" else "",
        "partnership.agreement_basis": "、第六十三条" if kind == "有限合伙" else "",
        "articles.signers": "股东" if one_person_company(case) else "全体股东",
        "articles.promoters": "发起人" if one_person_company(case) else "全体发起人",
    }
    values.update(_sole_investment(case))
    return values


def _sole_investment(case: Case) -> dict[str, str]:
    """The sole proprietor's declared property and what answers for the debts (法 第十八条)."""
    holders = case.roles.shareholders
    source = holders[0].sole_investment if holders else None
    family = source is SoleInvestment.FAMILY_PROPERTY
    return {
        "holder.forms": source.label_zh if source is not None else "",
        "holder.liability": f"以{'家庭共有财产' if family else '个人财产'}对企业债务承担无限责任",
    }
