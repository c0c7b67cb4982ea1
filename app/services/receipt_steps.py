"""What the receipt (受理回执) says of each service: what happens next and where, the reason and the way
forward when it was not granted, and what is done once it completed.

Pure functions over the case and the desk's branch, in plain Chinese for the founder: no command, no
staff jargon; the unit's head and its personal seal in the words of the other forms of the packet
(``app.case.designations``: 法定代表人, 执行事务合伙人 or its 委派代表, 负责人). ``Handover`` says once
how the licence and the seals reach the founder (一并出件: handed over together at the accepting
desk, or mailed free of charge), and every line follows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.case.designations import head, seal_name
from app.case.enums import Delivery, ServiceCode, Status
from app.case.model import Case
from app.case.service_models import (
    BankAccountRequest,
    LicenseRequest,
    SealRequest,
    ServiceRequest,
    TaxRequest,
    UnitRegistration,
)
from app.services.branch import DeskBranch

DESK_NAME = "寿光市企业开办专区"
_UNIT_NEXT = {
    ServiceCode.SOCIAL_SECURITY: ("社保经办机构完成单位参保登记；员工自用工之日起30日内办理参保，按月缴费。"),
    ServiceCode.MEDICAL_INSURANCE: "医保经办机构完成单位参保登记；员工自用工之日起30日内办理医保参保。",
    ServiceCode.HOUSING_FUND: (
        "公积金中心开立单位缴存账户；新录用职工30日内办理缴存登记，每月从基本存款账户汇缴。"
    ),
}


def cn_day(day: dt.date) -> str:
    """2026年11月26日."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Handover:
    """How the licence and the seals reach the founder."""

    mailed: bool
    text: str  # the receipt's 领取方式 line


@dataclass(frozen=True)
class ReceiptLine:
    service: str  # service code
    label: str  # 营业执照
    status: str  # status value
    status_label: str  # 办理中...
    detail: str  # what happens next and where / the reason and the next step / what is done


def desk_title(branch: DeskBranch) -> str:
    """寿光市企业开办专区（寿光农村商业银行圣城支行）: the accepting desk, never the founder's bank."""
    return f"{DESK_NAME}（{branch.branch_name}）" if branch.branch_name else DESK_NAME


def handover(case: Case) -> Handover:
    """Mailed (免费邮寄, with the address) or collected at the accepting desk with this receipt."""
    licence = case.services.license
    mail = licence.data.mail_to if licence is not None and licence.requested else None
    if licence is not None and licence.data.delivery is Delivery.MAIL and mail is not None:
        recipient = case.person(mail.recipient_person_id)
        to = f"，收件人{recipient.name}" if recipient else ""
        code = f"（邮编{mail.postcode}）" if mail.postcode else ""
        return Handover(
            True, f"免费邮寄：营业执照和印章办结后一并寄往{mail.address}{code}{to}，无需到窗口领取。"
        )
    return Handover(False, "窗口领取：办结后凭本回执到受理窗口（见下方网点信息）一并领取营业执照和印章。")


def service_line(case: Case, code: ServiceCode, request: ServiceRequest, way: Handover) -> ReceiptLine:
    status = request.status
    if status is Status.REJECTED and request.rejection is not None:
        detail = (
            f"未通过：{request.rejection.reason_zh} 下一步：请按上述原因修改申请，"
            "到窗口重新提交，其他事项已交的材料无需重交。"
        )
    elif status is Status.NEEDS_CORRECTION:
        reasons = "；".join(c.message_zh for c in request.corrections)
        detail = f"需补正：{reasons} 下一步：请按要求补正，窗口核对后重新提交。"
    elif status is Status.COMPLETED:
        detail = _done(case, request, way)
    else:
        detail = _next(case, code, request, way)
    return ReceiptLine(code.value, code.label_zh, status.value, _status_label(status), detail)


def _status_label(status: Status) -> str:
    if status in (Status.QUEUED, Status.SUBMITTED, Status.ACCEPTED):
        return "办理中"
    if status in (Status.DRAFT, Status.READY):
        return "待提交"
    return status.label_zh


def free_services(case: Case) -> str:
    """What Shouguang does free, the fourth seal named after the unit's head."""
    return (
        f"免费刻制公章、财务专用章、发票专用章、{head(case).seal}四枚印章；营业执照免费邮寄；"
        "申请材料免费打印、复印。"
    )


def _seals(case: Case, request: SealRequest) -> str:
    return "、".join(seal_name(case, kind) for kind in request.data.seals)


def _next(case: Case, code: ServiceCode, request: ServiceRequest, way: Handover) -> str:
    """What happens next and where, for a service not done yet."""
    if isinstance(request, LicenseRequest):
        copies = f"正本1份、副本{request.data.copies}份"
        got = "免费邮寄" if way.mailed else "凭本回执在受理窗口领取"
        electronic = "；电子营业执照同时发放" if request.data.electronic_licence else ""
        return f"核准登记后发照，{got}营业执照{copies}{electronic}。"
    if isinstance(request, SealRequest):
        seals = _seals(case, request)
        maker = request.data.engraver or "公安机关备案的刻章单位"
        got = "与执照一并邮寄" if way.mailed else "与执照一并领取"
        return f"发照后由{maker}免费刻制{seals}，{got}。"
    if isinstance(request, BankAccountRequest):
        return _bank_next(request, head(case).signer_title)
    if isinstance(request, TaxRequest):
        debit = "，并签订税库银三方协议" if request.data.debit_agreement else ""
        return f"发照后完成税务登记；办税人员实名认证后首次登录山东省电子税务局，确认登记信息{debit}。"
    return _UNIT_NEXT[code]


def _bank_next(request: BankAccountRequest, who: str) -> str:
    """``who``: the unit's head as the bank's form names them (法定代表人, 执行事务合伙人委派代表...)."""
    text = f"开户银行核实{who}开户意愿后开立基本存款账户"
    if request.data.online_banking and request.data.ukey_count:
        text += f"；网银UKey {request.data.ukey_count}个由{who}本人持身份证到开户银行领取，首次登录须改密码"
    return text + "。"


def _done(case: Case, request: ServiceRequest, way: Handover) -> str:
    """What is done, from the agency's results."""
    results = request.results
    collect = "已免费寄出或待寄出（见领取方式）" if way.mailed else "请凭本回执到受理窗口领取"
    if isinstance(request, LicenseRequest) and request.results is not None:
        found = request.results
        return f"已发照：统一社会信用代码 {found.uscc}，成立日期 {cn_day(found.established_on)}；{collect}。"
    if isinstance(request, SealRequest) and request.results is not None:
        return f"已刻制{_seals(case, request)}，印章备案号 {request.results.filing_number}；{collect}。"
    if isinstance(request, BankAccountRequest) and request.results is not None:
        account = request.results.account_number
        filing = request.results.account_filing_number
        tail = f"，基本存款账户编号 {filing}" if filing else ""
        return f"已开立基本存款账户（账号尾号{account[-4:]}{tail}）；UKey由开户银行交付。"
    if isinstance(request, TaxRequest) and request.results is not None:
        where = request.results.tax_authority or "主管税务机关"
        return f"已完成税务登记（{where}）；请首次登录电子税务局确认信息并按期申报。"
    if isinstance(results, UnitRegistration):
        return f"已完成单位登记，单位编号 {results.unit_number}。"
    return "已办结。"
