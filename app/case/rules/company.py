"""Rules on the company part of a case: name, domicile, capital, scope, industry, contacts."""

from __future__ import annotations

import re

from app.case.model import Address, Company
from app.case.rules.context import RuleContext
from app.reference import ReferenceData
from app.validation.names import validate_company_name
from app.validation.problems import Problem, error, warning

DESK_DIVISION = "370783"  # 寿光市: the registering authority of every Shouguang desk
_PHONE = re.compile(r"^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[1-9][0-9]{6,7}|[1-9][0-9]{6,7})$")
_DIVISION_SUFFIXES = ("自治州", "自治县", "地区", "省", "市", "县", "区")
# Computed once per loaded reference data (the object is kept so that its id is not reused).
_NAMES: dict[int, tuple[ReferenceData, frozenset[str]]] = {}


def company_problems(ctx: RuleContext) -> list[Problem]:
    company = ctx.case.company
    problems = _name_problems(ctx, company)
    problems += _name_division_problems(ctx, company)
    problems += _domicile_problems(ctx, company)
    problems += _capital_problems(company)
    problems += _scope_problems(ctx, company)
    problems += _industry_problems(ctx, company)
    problems += _contact_problems(company)
    return problems


def division_names(ctx: RuleContext) -> frozenset[str]:
    """Division names as they appear in enterprise names: 寿光市 and 寿光, 潍坊市 and 潍坊, ..."""
    cached = _NAMES.get(id(ctx.ref))
    if cached is not None and cached[0] is ctx.ref:
        return cached[1]
    names: set[str] = set()
    for division in ctx.ref.divisions.values():
        names.add(division.name)
        for suffix in _DIVISION_SUFFIXES:
            if division.name.endswith(suffix) and len(division.name) - len(suffix) >= 2:
                names.add(division.name[: -len(suffix)])
                break
    _NAMES[id(ctx.ref)] = (ctx.ref, frozenset(names))
    return frozenset(names)


def _name_problems(ctx: RuleContext, company: Company) -> list[Problem]:
    if not company.name:
        return [
            error("company.name_missing", "company.name", "请填写企业名称。", "Enter the enterprise name.")
        ]
    found = validate_company_name(company.name, company.type.value, division_names=division_names(ctx))
    problems = [p.at("company.name") if p.field != "company_type" else p.at("company.type") for p in found]
    parts = company.name_parts
    if parts is not None and any((parts.division, parts.trade_name, parts.industry, parts.form)):
        joined = {
            parts.division + parts.trade_name + parts.industry + parts.form,
            f"{parts.trade_name}（{parts.division}）{parts.industry}{parts.form}",
        }
        if company.name not in joined:
            problems.append(
                error(
                    "company.name_parts_mismatch",
                    "company.name_parts",
                    "名称的组成部分（行政区划、字号、行业、组织形式）拼起来与企业名称不一致，请核对后修改其"
                    "中之一。",
                    "The name parts (division, trade name, industry, form) do not add up to the enterprise "
                    "name; check them and correct one or the other.",
                )
            )
    return problems


def _name_division_problems(ctx: RuleContext, company: Company) -> list[Problem]:
    """The 行政区划 in the name is where the company is registered: its county or a division above it
    (企业名称登记管理规定 第七条: the name of the county-level or higher division of the company's seat)."""
    code = company.domicile.division_code if company.domicile else None
    if not company.name or not code or not ctx.ref.is_current_division(code):
        return []
    used = _division_in_name(ctx, company)
    path = ctx.ref.division_path(code)
    allowed = {name for d in path for name in _short_and_full(d.name)}
    if used is None or used in allowed:
        return []
    seat = "、".join(d.name for d in reversed(path))
    return [
        error(
            "company.name_division_not_seat",
            "company.name_parts.division",
            f"名称中的行政区划“{used}”与住所所在地（{ctx.ref.full_division_name(code)}）不符：企业名称应冠以"
            f"企业所在地的行政区划（{seat}），请修改名称的行政区划或住所。",
            f"The division '{used}' in the name is not where the company is registered "
            f"({ctx.ref.full_division_name(code)}): a name carries the division of the company's seat "
            "(its county, city or province). Correct the name's division or the domicile.",
        )
    ]


def _division_in_name(ctx: RuleContext, company: Company) -> str | None:
    """The division word of the name: its parts' division, the name's start, or a bracketed one."""
    parts = company.name_parts
    if parts is not None and parts.division:
        return parts.division
    name, names = company.name or "", division_names(ctx)
    starts = [n for n in names if name.startswith(n)]
    if starts:
        return max(starts, key=len)
    bracketed = re.search(r"（([^（）]{2,10})）", name)
    return bracketed.group(1) if bracketed and bracketed.group(1) in names else None


def _short_and_full(name: str) -> tuple[str, ...]:
    for suffix in _DIVISION_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name, name[: -len(suffix)]
    return (name,)


def _domicile_problems(ctx: RuleContext, company: Company) -> list[Problem]:
    if company.domicile is None:
        return [
            error(
                "company.domicile_missing",
                "company.domicile",
                "请填写住所（所在县级行政区划和详细地址）。",
                "Enter the domicile (county-level division and street address).",
            )
        ]
    problems = _address_problems(ctx, company.domicile, "company.domicile")
    code = company.domicile.division_code
    if code and ctx.ref.is_current_division(code) and code != DESK_DIVISION:
        problems.append(
            warning(
                "company.domicile_outside_desk",
                "company.domicile.division_code",
                f"住所位于{ctx.ref.full_division_name(code)}，不在寿光市：本专区只受理住所在寿光市的企业，请"
                "确认登记机关。",
                "The domicile is outside Shouguang; this desk registers companies domiciled in Shouguang "
                "only. Confirm the registering authority.",
            )
        )
    if company.production_address is not None:
        problems += _address_problems(ctx, company.production_address, "company.production_address")
        if company.production_address == company.domicile:
            problems.append(
                warning(
                    "company.production_same_as_domicile",
                    "company.production_address",
                    "生产经营地与住所相同，无需另行填写，请删除生产经营地。",
                    "The production address equals the domicile; leave it out.",
                )
            )
    return problems


def _address_problems(ctx: RuleContext, address: Address, path: str) -> list[Problem]:
    problems: list[Problem] = []
    code = address.division_code
    if not code:
        problems.append(
            error(
                "address.division_missing",
                f"{path}.division_code",
                "请选择所在的县级行政区划（如寿光市 370783）。",
                "Choose the county-level division (such as 370783 Shouguang).",
            )
        )
    elif not ctx.ref.is_current_division(code) or ctx.ref.divisions[code].level != "county":
        problems.append(
            error(
                "address.division_unknown",
                f"{path}.division_code",
                f"行政区划代码 {code} 不是现行的县级代码，请从列表中重新选择。",
                f"Division code {code} is not a current county-level code; choose it from the list again.",
            )
        )
    if not address.address:
        problems.append(
            error(
                "address.street_missing",
                f"{path}.address",
                "请填写详细地址（镇/街道、路、门牌号）。",
                "Enter the street address (town or subdistrict, road, number).",
            )
        )
    return problems


def _capital_problems(company: Company) -> list[Problem]:
    if company.registered_capital_wan is None or company.registered_capital_wan <= 0:
        return [
            error(
                "company.capital_missing",
                "company.registered_capital_wan",
                "请填写注册资本（出资额），以万元为单位，须大于0。",
                "Enter the registered capital (contribution) in 10,000 yuan; it must be more than 0.",
            )
        ]
    return []


def _scope_problems(ctx: RuleContext, company: Company) -> list[Problem]:
    scope = company.scope
    if not scope.general and not scope.licensed:
        return [
            error(
                "company.scope_empty",
                "company.scope",
                "请从经营范围目录中选择至少一项经营范围。",
                "Choose at least one business-scope item from the catalogue.",
            )
        ]
    problems: list[Problem] = []
    for listed, licensed in (("general", False), ("licensed", True)):
        codes = scope.general if not licensed else scope.licensed
        for index, code in enumerate(codes):
            path = f"company.scope.{listed}[{index}]"
            item = ctx.ref.scope_item(code)
            if item is None:
                problems.append(
                    error(
                        "company.scope_unknown",
                        path,
                        f"经营范围代码 {code} 不在规范表述目录中，请从目录中重新选择。",
                        f"Scope code {code} is not in the catalogue; choose the item from the catalogue.",
                    )
                )
            elif item.licensed != licensed:
                problems.append(_misplaced(path, item.wording, item.licensed))
            if codes.index(code) != index:
                problems.append(
                    warning(
                        "company.scope_duplicate",
                        path,
                        "该经营范围重复选择，请删除重复项。",
                        "This scope item is listed twice; remove the duplicate.",
                    )
                )
    return problems


def _misplaced(path: str, wording: str, licensed: bool) -> Problem:
    where_zh, where_en = ("许可项目", "licensed items") if licensed else ("一般项目", "general items")
    return error(
        "company.scope_misplaced",
        path,
        f"“{wording}”属于{where_zh}，请把它移到{where_zh}中。",
        f"'{wording}' belongs to the {where_en}; move it there.",
    )


def _industry_problems(ctx: RuleContext, company: Company) -> list[Problem]:
    code = company.industry_code
    if code is None:
        return [
            error(
                "company.industry_missing",
                "company.industry_code",
                "请选择行业代码（GB/T 4754-2017 小类，4位数字）。",
                "Choose the industry code (GB/T 4754-2017 class, 4 digits).",
            )
        ]
    division = ctx.ref.industry_division(code)
    if division is None or ctx.ref.industry_class(code) is None:
        return [
            error(
                "company.industry_unknown",
                "company.industry_code",
                f"行业代码 {code} 不是 GB/T 4754-2017 国民经济行业分类的小类，请按主营业务重新选择（如 0141 "
                "蔬菜种植）。",
                f"Industry code {code} is not a GB/T 4754-2017 class; choose the class of the main business "
                "again (such as 0141 vegetable growing).",
            )
        ]
    scope_divisions = {
        item.industry_class[:2]
        for code_ in (*company.scope.general, *company.scope.licensed)
        if (item := ctx.ref.scope_item(code_)) is not None
    }
    if scope_divisions and code[:2] not in scope_divisions:
        return [
            warning(
                "company.industry_scope_mismatch",
                "company.industry_code",
                f"行业“{division.name}”与所选经营范围均不对应，请确认行业代码是否按主营业务选择。",
                f"The industry '{division.name}' matches none of the scope items; check that it reflects "
                "the main business.",
            )
        ]
    return []


def _contact_problems(company: Company) -> list[Problem]:
    problems: list[Problem] = []
    if not company.phone:
        problems.append(
            error(
                "company.phone_missing",
                "company.phone",
                "请填写企业联系电话。",
                "Enter the company's phone number.",
            )
        )
    elif not _PHONE.match(company.phone):
        problems.append(
            error(
                "company.phone_format",
                "company.phone",
                "联系电话格式不对：请填写11位手机号，或带区号的固定电话（如 0536-5201234）。",
                "The phone number is malformed: enter an 11-digit mobile or a landline with area code "
                "(like 0536-5201234).",
            )
        )
    if company.postcode is None:
        problems.append(
            error(
                "company.postcode_missing",
                "company.postcode",
                "请填写邮政编码（寿光市为262700）。",
                "Enter the postcode (262700 for Shouguang).",
            )
        )
    if company.employees is None:
        problems.append(
            warning(
                "company.employees_missing",
                "company.employees",
                "请填写预计从业人数（没有员工时填0）：职工300人以上的公司须有职工代表董事。",
                "Enter the expected number of employees (0 if none): from 300, a company needs an employee "
                "director.",
            )
        )
    return problems
