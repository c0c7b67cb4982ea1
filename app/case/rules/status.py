"""Rules on the life-cycle fields: requested services, statuses that agree, and the agencies' results."""

from __future__ import annotations

import re

from app.case.enums import ServiceCode, Status
from app.case.progress import derived_status
from app.case.rules.context import RuleContext
from app.validation.problems import Problem, error, warning
from app.validation.uscc import validate_uscc

_ACCOUNT_NUMBER = re.compile(r"^[0-9]{8,30}$")


def status_problems(ctx: RuleContext) -> list[Problem]:
    case = ctx.case
    problems: list[Problem] = []
    requested = [code for code, _ in case.services.requested()]
    licence = case.services.license
    if not requested:
        problems.append(
            error(
                "services.none_requested",
                "services",
                "请至少选择一项要办理的业务（通常包括营业执照）。",
                "Choose at least one service to apply for (usually including the business licence).",
            )
        )
    elif ServiceCode.LICENSE not in requested and (licence is None or licence.results is None):
        problems.append(
            error(
                "services.license_missing",
                "services.license",
                "案卷须申请营业执照，或填入已取得的营业执照信息（统一社会信用代码、成立日期）。",
                "The case must apply for the business licence, or carry the licence already issued (USCC, "
                "founding date).",
            )
        )
    expected = derived_status(case)
    if case.status is not expected:
        problems.append(
            error(
                "case.status_inconsistent",
                "status",
                f"案卷状态“{case.status.label_zh}”与各项业务的状态不符（应为“{expected.label_zh}”），请刷新"
                "或重新导出案卷。",
                f"The case status '{case.status.value}' disagrees with its services (expected "
                f"'{expected.value}'); reload or export the case again.",
            )
        )
    for code in ServiceCode:
        problems += _service_status_problems(ctx, code)
    return problems


def _service_status_problems(ctx: RuleContext, code: ServiceCode) -> list[Problem]:
    request = ctx.case.services.get(code)
    if request is None:
        return []
    path = f"services.{code.value}"
    problems: list[Problem] = []
    if not request.requested and request.status is not Status.DRAFT:
        problems.append(
            warning(
                "service.status_not_requested",
                f"{path}.status",
                f"“{code.label_zh}”未申请，其状态将被忽略。",
                f"'{code.value}' is not requested; its status is ignored.",
            )
        )
    if request.status is Status.COMPLETED and request.results is None:
        problems.append(
            error(
                "service.results_missing",
                f"{path}.results",
                f"“{code.label_zh}”已办结，但缺少办理结果，请补录部门返回的结果。",
                f"'{code.value}' is completed but has no results; enter what the agency returned.",
            )
        )
    if request.status is Status.NEEDS_CORRECTION and not request.corrections:
        problems.append(
            warning(
                "service.corrections_missing",
                f"{path}.corrections",
                f"“{code.label_zh}”需补正，但没有补正内容，请向部门核实。",
                f"'{code.value}' needs correction but no correction items are recorded; ask the agency.",
            )
        )
    if request.status is Status.REJECTED and request.rejection is None:
        problems.append(
            warning(
                "service.rejection_reason_missing",
                f"{path}.rejection",
                f"“{code.label_zh}”已驳回，但没有驳回原因，请向部门核实。",
                f"'{code.value}' is rejected but without a reason; ask the agency.",
            )
        )
    return problems + _result_problems(ctx, code)


def _result_problems(ctx: RuleContext, code: ServiceCode) -> list[Problem]:
    services = ctx.case.services
    if code is ServiceCode.LICENSE and services.license is not None and services.license.results is not None:
        results = services.license.results
        problems = [p.at("services.license.results.uscc") for p in validate_uscc(results.uscc)]
        if results.established_on > ctx.today:
            problems.append(
                error(
                    "license.established_future",
                    "services.license.results.established_on",
                    "成立日期晚于今天，请核对营业执照。",
                    "The founding date is in the future; check the licence.",
                )
            )
        return problems
    if code is ServiceCode.BANK_ACCOUNT and services.bank_account is not None:
        account = services.bank_account.results
        if account is not None and not _ACCOUNT_NUMBER.match(account.account_number):
            return [
                error(
                    "bank_account.account_number",
                    "services.bank_account.results.account_number",
                    "银行账号应为8-30位数字，请对照开户回执核对。",
                    "The account number has 8 to 30 digits; check it against the bank's receipt.",
                )
            ]
    return []
