"""What a unit is called on the agencies' forms, derived from the case (nothing typed twice).

- ``licence_type``: the 公司类型 / 企业类型 as the licence prints it, with its subtype:
  有限责任公司（自然人独资）, 有限责任公司（自然人投资或控股）, 有限责任公司（法人独资）, 其他有限责任公司,
  股份有限公司（非上市、自然人投资或控股）, 其他股份有限公司（非上市）, 普通合伙企业, 有限合伙企业,
  特殊普通合伙企业, 个人独资企业.
- ``partnership_kind``: 普通合伙 / 有限合伙 / 特殊普通合伙, as the name's marker says (合伙企业法
  第二、五十五、六十二条: the name carries it).
- ``head``: who represents the unit and how the forms call them: a company's 法定代表人, a partnership's
  执行事务合伙人 (with the 委派代表 of a legal-person partner), a sole proprietorship's 投资人 (负责人 on the
  service forms). The seals follow: 法定代表人名章, 执行事务合伙人（委派代表）名章, 负责人名章
  (``seal_name``: every form and the receipt name the seals so).
- ``depositor_category``: the bank's 存款人类别 (人民币银行结算账户管理办法): 企业法人 or 非法人企业.
- ``tax_registration_type``: the tax system's 登记注册类型 code and name (私营有限责任公司 173 ...).
- ``direct_share_percent``: a natural person's direct holding, in percent of the capital (the 持股比例
  the beneficial-owner filing prints when no other share was entered).
- ``one_person_company``: a company with a single shareholder (公司法 第六十条、第一百一十二条): no
  股东会, the shareholder decides in writing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.case.enums import CompanyType, HolderKind, LegalRepresentativePosition, SealKind
from app.case.model import Case, LegalEntity, Person, Shareholder

PARTNERSHIP_KINDS = ("特殊普通合伙", "普通合伙", "有限合伙")  # the name's markers, longest first


def one_person_company(case: Case) -> bool:
    return case.company.type.is_company and len(case.roles.shareholders) == 1


def direct_share_percent(case: Case, person_id: str) -> Decimal | None:
    """``person_id``'s subscription as a percentage of the capital, two decimals (None: no holding)."""
    capital = case.company.registered_capital_wan
    held = next((s.subscribed_wan for s in case.roles.shareholders if s.person_id == person_id), None)
    if held is None or not capital:
        return None
    return (held * 100 / capital).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def partnership_kind(case: Case) -> str:
    """普通合伙, 有限合伙 or 特殊普通合伙 from the name's marker ("" when the name has none)."""
    name = case.company.name or ""
    return next((kind for kind in PARTNERSHIP_KINDS if f"（{kind}）" in name), "")


def licence_type(case: Case) -> str:
    """The unit's type as its licence prints it, subtype included."""
    kind = case.company.type
    if kind is CompanyType.SOLE_PROPRIETORSHIP:
        return "个人独资企业"
    if kind is CompanyType.PARTNERSHIP:
        found = partnership_kind(case)
        return f"{found}企业" if found else "合伙企业"
    holders = case.roles.shareholders
    natural_control = _natural_control(holders)
    if kind is CompanyType.JOINT_STOCK:
        return "股份有限公司（非上市、自然人投资或控股）" if natural_control else "其他股份有限公司（非上市）"
    if len(holders) == 1:
        return "有限责任公司（自然人独资）" if natural_control else "有限责任公司（法人独资）"
    return "有限责任公司（自然人投资或控股）" if natural_control else "其他有限责任公司"


def tax_registration_type(case: Case) -> str:
    """The 登记注册类型 of the tax registration, code and name (企业登记注册类型: 159, 160, 171-174)."""
    kind = case.company.type
    private = _natural_control(case.roles.shareholders)
    if kind is CompanyType.SOLE_PROPRIETORSHIP:
        return "171 私营独资企业"
    if kind is CompanyType.PARTNERSHIP:
        return "172 私营合伙企业"
    if kind is CompanyType.JOINT_STOCK:
        return "174 私营股份有限公司" if private else "160 股份有限公司"
    return "173 私营有限责任公司" if private else "159 其他有限责任公司"


def depositor_category(case: Case) -> str:
    """存款人类别 on the bank's account application: a company is a legal person, the others are not."""
    return "企业法人" if case.company.type.is_company else "非法人企业"


@dataclass(frozen=True)
class Head:
    """Who represents the unit on the forms.

    ``title``: the words of the registration forms (法定代表人, 执行事务合伙人, 投资人); ``service_title``:
    those of the other agencies' forms (负责人 for a sole proprietorship). ``person`` signs; ``entity``
    is the legal-person executive partner whose 委派代表 the person is.
    """

    title: str
    service_title: str
    person: Person | None
    entity: LegalEntity | None = None

    @property
    def signer_title(self) -> str:
        """Whose signature the form asks: 执行事务合伙人委派代表 when a legal person executes."""
        return f"{self.title}委派代表" if self.entity is not None else self.service_title

    @property
    def name(self) -> str:
        """The head's name as the forms print it: the entity, with its delegate, or the person."""
        if self.entity is not None:
            return f"{self.entity.name}（委派代表：{self.person.name if self.person else ''}）"
        return self.person.name if self.person else ""

    @property
    def seal(self) -> str:
        """The name of the head's personal seal (the fourth free seal)."""
        return f"{self.signer_title}名章"


def head(case: Case) -> Head:
    lr = case.roles.legal_representative
    person = case.person(lr.person_id) if lr else None
    kind = case.company.type
    if kind is CompanyType.PARTNERSHIP:
        delegating = delegating_partner(case, lr.person_id) if lr else None
        return Head("执行事务合伙人", "执行事务合伙人", person, delegating.entity if delegating else None)
    if kind is CompanyType.SOLE_PROPRIETORSHIP:
        hired = lr is not None and lr.position is LegalRepresentativePosition.MANAGER
        return Head("负责人" if hired else "投资人", "负责人", person)
    return Head("法定代表人", "法定代表人", person)


def seal_name(case: Case, kind: SealKind) -> str:
    """A seal's name on this unit's forms: the head's personal seal follows the head's title."""
    return head(case).seal if kind is SealKind.LEGAL_REPRESENTATIVE else kind.label_zh


def delegating_partner(case: Case, person_id: str) -> Shareholder | None:
    """The legal-person partner that named ``person_id`` its 委派代表, if any."""
    return next(
        (
            s
            for s in case.roles.shareholders
            if s.holder is HolderKind.LEGAL and s.entity is not None and s.delegate == person_id
        ),
        None,
    )


def _natural_control(holders: list[Shareholder]) -> bool:
    """Natural persons hold more than half (all of it while no amount is entered yet)."""
    total = sum((h.subscribed_wan or Decimal(0) for h in holders), Decimal(0))
    if not total:
        return bool(holders) and all(h.holder is HolderKind.NATURAL for h in holders)
    natural = sum(
        (h.subscribed_wan or Decimal(0) for h in holders if h.holder is HolderKind.NATURAL), Decimal(0)
    )
    return natural * 2 > total
