"""The receipt (受理回执) in each state of a case, read back with poppler: what it tells the founder.

Issue 19: the acceptance time is the desk's, not the print time; 预计办结 is half a working day on
the desk's clock; a rejected service gives its reason and the next step, a completed case what is done;
mailing replaces "collect with this receipt"; what is free; the accepting desk, never the founder's bank
nor a 联行号; the 好差评 channels; and no command for the founder to run.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.services.receipt_code import verify_receipt
from forms.packet import ReportlabPacketRenderer
from tests.integration.forms.poppler import needs_fonts, needs_poppler, pdf_text
from tests.integration.forms.test_packets import receipt_qr_text
from tests.unit.forms import samples

pytestmark = [needs_poppler, needs_fonts]
STATES: dict[str, Callable[[], dict[str, Any]]] = {
    "ready": samples.ready,
    "submitted": samples.submitted,
    "rejected": samples.rejected,
    "completed": samples.completed,
    "mailed": samples.mailed,
}


def _receipt_text(renderer: ReportlabPacketRenderer, document: dict[str, Any], **options: Any) -> Flat:
    sheet = samples.receipt(document, **options)
    packet = renderer.render(
        document, training=True, issued_at=samples.ISSUED_AT, receipt=sheet, only={"受理回执"}
    )
    assert packet.forms == ("受理回执",)
    return Flat(pdf_text(packet.pdf))


class Flat(str):
    """The text without any white space: wrapped cells compare as one line (``in`` flattens the needle)."""

    def __new__(cls, text: str) -> Flat:
        return super().__new__(cls, "".join(text.split()))

    def __contains__(self, needle: object) -> bool:
        return isinstance(needle, str) and str.__contains__(self, "".join(needle.split()))


@pytest.mark.parametrize("state", sorted(STATES))
def test_every_receipt_names_the_desk_and_what_is_free_and_nothing_of_the_account_bank(
    renderer: ReportlabPacketRenderer, state: str
) -> None:
    text = _receipt_text(renderer, STATES[state]())
    code, bank = samples.ACCOUNT_BANK
    for absent in (bank, code, "314458500011", "联行号", "bizdesk", "verify-receipt"):
        assert absent not in text, absent
    for present in (
        "寿光市企业开办专区（寿光农村商业银行圣城支行）",
        "寿光市圣城街道培训路1号",
        "0536-0000000",
        "监督电话",
        "12345",
        "好差评",
        "免费刻制公章、财务专用章、发票专用章、法定代表人名章四枚印章",
        "营业执照免费邮寄",
        "免费打印、复印",
        "凭此二维码核验",
    ):
        assert present in text, present


def test_a_submitted_case_reads_its_acceptance_and_half_a_working_day(
    renderer: ReportlabPacketRenderer,
) -> None:
    text = _receipt_text(renderer, samples.submitted())
    assert "2026年11月26日 09:10" in text  # accepted, not printed (10:30)
    assert "2026年11月26日 14:40前" in text
    assert "凭本回执在受理窗口领取营业执照" in text
    assert "网银UKey 1个由法定代表人本人持身份证到开户银行领取" in text
    assert "首次登录山东省电子税务局" in text
    assert "员工自用工之日起30日内办理参保" in text


def test_a_case_completed_a_month_ago_reads_its_own_days_not_the_print_day(
    renderer: ReportlabPacketRenderer,
) -> None:
    text = _receipt_text(renderer, samples.completed())
    assert "受理时间 2026年10月30日 09:00" in text
    assert "办结时间 2026年10月30日 14:10" in text
    assert "2026年11月26日" not in text  # the print day shows only in the footer, as 2026-11-26
    assert "已发照：统一社会信用代码 91370783MA3T5K9Q0L" in text
    assert "账号尾号2345" in text
    assert "0200123456789012345" not in text
    assert "单位编号 GJJ370783100123" in text


def test_a_rejected_service_gives_its_reason_and_the_next_step(renderer: ReportlabPacketRenderer) -> None:
    text = _receipt_text(renderer, samples.rejected())
    assert "未通过：名称与已登记企业近似，请重新申报名称。" in text
    assert "下一步：请按上述原因修改申请，到窗口重新提交" in text
    assert "暂停计时" in text


def test_a_mailed_licence_gives_the_address_and_no_collection(renderer: ReportlabPacketRenderer) -> None:
    text = _receipt_text(renderer, samples.mailed())
    assert "免费邮寄：营业执照和印章办结后一并寄往寿光市洛城街道菜都路66号（邮编262700），收件人刘芳" in text
    assert "凭本回执" not in text
    assert "领取营业执照" not in text


def test_a_case_not_yet_submitted_says_so(renderer: ReportlabPacketRenderer) -> None:
    text = _receipt_text(renderer, samples.ready())
    assert "尚未提交（提交后补打回执）" in text
    assert "提交后半个工作日内" in text


def test_without_a_platform_the_rating_falls_back_to_the_evaluator_and_the_phone(
    renderer: ReportlabPacketRenderer,
) -> None:
    text = _receipt_text(renderer, samples.submitted(), enrolled=False)
    assert "请在窗口评价器上为本次服务评价；不满意可拨打监督电话 12345" in text
    assert "请扫码为本次服务评价" not in text


def test_staff_verify_the_printed_code(renderer: ReportlabPacketRenderer) -> None:
    document = samples.completed()
    sheet = samples.receipt(document)
    packet = renderer.render(document, training=True, issued_at=samples.ISSUED_AT, receipt=sheet)
    check = verify_receipt(receipt_qr_text(pdf_text(packet.pdf)), samples.RECEIPT_KEY)
    assert check.valid
    assert check.case_id == document["case_id"]
