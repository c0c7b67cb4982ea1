"""What the three insurance services need: social security, medical insurance, the housing fund.

All three insure the case's staff (entered once, with the first month's wage of each new hire). A wage
below the minimum wage in force is refused; each base is the wage held between the floor and the cap the
reference pack gives for the start month (``app.case.bases``): a wage above the cap warns.
"""

from __future__ import annotations

from app.case.bases import base_limits, minimum_wage
from app.case.enums import MedicalInsurance, ServiceCode, SocialInsurance
from app.case.rules.context import RuleContext
from app.case.rules.service_basics import needs_license
from app.validation.problems import Problem, error, warning

HOUSING_FUND_RATE_MIN = 5
HOUSING_FUND_RATE_MAX = 12
RISK_CLASSES = range(1, 9)


def social_security_problems(ctx: RuleContext) -> list[Problem]:
    request = ctx.case.services.social_security
    problems = needs_license(ctx, ServiceCode.SOCIAL_SECURITY) + _staff_problems(ctx, "social_security")
    if request is None:
        return problems
    data, path = request.data, "services.social_security.data"
    problems += _start_month(ctx, data.start_month, f"{path}.start_month")
    if data.risk_class not in RISK_CLASSES:
        problems.append(
            error(
                "social_security.risk_class",
                f"{path}.risk_class",
                "请按行业选择工伤保险风险类别（一类至八类，填1-8）。",
                "Choose the work-injury risk class of the industry (1 to 8).",
            )
        )
    problems += _base_problems(ctx, ServiceCode.SOCIAL_SECURITY)
    if SocialInsurance.PENSION not in data.insurances:
        problems.append(
            error(
                "social_security.pension_missing",
                f"{path}.insurances",
                "单位参保须包含基本养老保险，请勾选。",
                "Unit registration includes the basic pension.",
            )
        )
    return problems


def medical_insurance_problems(ctx: RuleContext) -> list[Problem]:
    request = ctx.case.services.medical_insurance
    problems = needs_license(ctx, ServiceCode.MEDICAL_INSURANCE) + _staff_problems(ctx, "medical_insurance")
    if request is None:
        return problems
    data, path = request.data, "services.medical_insurance.data"
    problems += _start_month(ctx, data.start_month, f"{path}.start_month")
    problems += _base_problems(ctx, ServiceCode.MEDICAL_INSURANCE)
    if MedicalInsurance.BASIC_MEDICAL not in data.insurances:
        problems.append(
            error(
                "medical_insurance.basic_missing",
                f"{path}.insurances",
                "医保登记须包含职工基本医疗保险，请勾选。",
                "Medical insurance registration includes basic medical insurance.",
            )
        )
    return problems


def housing_fund_problems(ctx: RuleContext) -> list[Problem]:
    request = ctx.case.services.housing_fund
    problems = needs_license(ctx, ServiceCode.HOUSING_FUND) + _staff_problems(ctx, "housing_fund")
    if request is None:
        return problems
    data, path = request.data, "services.housing_fund.data"
    for name, value in (
        ("employer_rate_percent", data.employer_rate_percent),
        ("employee_rate_percent", data.employee_rate_percent),
    ):
        if value is None or not HOUSING_FUND_RATE_MIN <= value <= HOUSING_FUND_RATE_MAX:
            problems.append(
                error(
                    "housing_fund.rate_range",
                    f"{path}.{name}",
                    f"住房公积金缴存比例应为{HOUSING_FUND_RATE_MIN}%-{HOUSING_FUND_RATE_MAX}%之间的整数，请"
                    "修改。",
                    f"The housing-fund rate is a whole percentage from {HOUSING_FUND_RATE_MIN} to "
                    f"{HOUSING_FUND_RATE_MAX}.",
                )
            )
    if data.employer_rate_percent != data.employee_rate_percent:
        problems.append(
            warning(
                "housing_fund.rates_differ",
                f"{path}.employee_rate_percent",
                "单位与职工缴存比例通常相同，请确认。",
                "Employer and employee rates are usually equal; please confirm.",
            )
        )
    problems += _start_month(ctx, data.start_month, f"{path}.start_month")
    problems += _base_problems(ctx, ServiceCode.HOUSING_FUND)
    limits = base_limits(ctx.case, ServiceCode.HOUSING_FUND, ctx.ref)
    typed = data.base_cap_yuan
    if typed is not None and limits.standard is not None and typed != limits.cap:
        problems.append(
            warning(
                "housing_fund.cap_not_published",
                f"{path}.base_cap_yuan",
                f"填写的缴存基数上限{typed}元与公布的上限{limits.cap}元（{limits.standard.effective_from}起）不同，"
                "按公布的上限办理，请删除此项。",
                f"The typed cap of {typed} yuan differs from the published {limits.cap} yuan (from "
                f"{limits.standard.effective_from}); the published one applies: remove this entry.",
            )
        )
    return problems


def _base_problems(ctx: RuleContext, service: ServiceCode) -> list[Problem]:
    """The figures in force for the start month, and the wages above their cap."""
    limits = base_limits(ctx.case, service, ctx.ref)
    if limits.standard is None:
        return [
            warning(
                f"{service.value}.base_limits_unknown",
                f"services.{service.value}",
                f"参考数据中没有{limits.day.isoformat()}适用的{service.label_zh}缴费基数上下限，请更新参考数据后"
                "再打印表格。",
                f"The reference data has no contribution base limits of {service.value} for "
                f"{limits.day.isoformat()}; update the reference data before printing the forms.",
            )
        ]
    return [
        warning(
            f"{service.value}.base_capped",
            f"staff[{index}].monthly_wage_yuan",
            f"月工资高于{service.label_zh}缴费基数上限{limits.cap}元，按上限缴费。",
            f"The wage is above the {service.value} base cap of {limits.cap} yuan; the cap is used.",
        )
        for index, member in enumerate(ctx.case.staff)
        if limits.cap is not None
        and member.monthly_wage_yuan is not None
        and member.monthly_wage_yuan > limits.cap
    ]


def _staff_problems(ctx: RuleContext, service: str) -> list[Problem]:
    staff = ctx.case.staff
    if not staff:
        return [
            warning(
                f"{service}.no_staff",
                "staff",
                "尚未登记参保职工，单位登记后请及时为职工办理增员。",
                "No staff listed yet; add employees after the unit is registered.",
            )
        ]
    problems: list[Problem] = []
    lowest = minimum_wage(ctx.case, ctx.ref)
    for index, member in enumerate(staff):
        wage = member.monthly_wage_yuan
        if wage is None or wage <= 0:
            problems.append(
                error(
                    "staff.wage_missing",
                    f"staff[{index}].monthly_wage_yuan",
                    "请填写该职工入职首月的月工资（缴费基数），单位为元。",
                    "Enter this employee's first month's wage (the contribution base) in yuan.",
                )
            )
        elif lowest is not None and wage < lowest.floor:
            problems.append(
                error(
                    "staff.wage_below_minimum",
                    f"staff[{index}].monthly_wage_yuan",
                    f"月工资{wage}元低于最低工资标准{lowest.floor}元（{lowest.basis_zh}，{lowest.effective_from}"
                    "起执行）：请核对该职工入职首月的工资。",
                    f"The wage of {wage} yuan is below the minimum wage of {lowest.floor} yuan (in force "
                    f"from {lowest.effective_from}): check this employee's first month's wage.",
                )
            )
    counts = [m.person_id for m in staff]
    problems += [
        error(
            "staff.duplicate",
            f"staff[{i}].person_id",
            "同一职工登记了两次，请删除重复项。",
            "The same employee is listed twice; remove the duplicate.",
        )
        for i, m in enumerate(staff)
        if counts.index(m.person_id) != i
    ]
    return list(dict.fromkeys(problems))


def _start_month(ctx: RuleContext, month: str | None, path: str) -> list[Problem]:
    if month is None:
        return [
            error(
                "service.start_month_missing",
                path,
                "请填写起始缴费月份（YYYY-MM）。",
                "Enter the month contributions start (YYYY-MM).",
            )
        ]
    licence = ctx.case.services.license
    if (
        licence is not None
        and licence.results is not None
        and month < licence.results.established_on.strftime("%Y-%m")
    ):
        return [
            error(
                "service.start_before_founding",
                path,
                "起始缴费月份早于企业成立月份，请修改。",
                "Contributions cannot start before the company was founded.",
            )
        ]
    return []
