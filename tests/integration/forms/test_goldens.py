"""Each form against its reviewed golden: the text (pdftotext) exactly, and the page pictures.

The goldens live in ``goldens/``: ``<form>.txt`` and ``<form>-<page>.png`` (greyscale, 40 dpi, so
they stay small). After a deliberate change to a form, regenerate them and review the diff::

    BIZDESK_UPDATE_GOLDENS=1 .venv/bin/pytest tests/integration/forms/test_goldens.py -q
    git diff --stat tests/integration/forms/goldens/

Pictures compare with a small tolerance (anti-aliasing differs between poppler versions); the text
compares exactly, since the PDF is deterministic.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.reference import reference_data
from forms.packet import ReportlabPacketRenderer
from tests.integration.forms.poppler import (
    match_page_goldens,
    needs_fonts,
    needs_poppler,
    pdf_pages,
    pdf_text,
)
from tests.unit.forms import samples

GOLDENS = Path(__file__).parent / "goldens"
GUIDES = reference_data().guides
UPDATE = os.environ.get("BIZDESK_UPDATE_GOLDENS") == "1"

Make = Callable[[], dict[str, Any]]
# golden name -> (case, form title, training)
FORMS: dict[str, tuple[Make, str, bool]] = {
    "company_application": (samples.llc, "公司登记（备案）申请书", False),
    "legal_representative": (samples.llc, "法定代表人信息", False),
    "officers": (samples.joint_stock, "董事、监事、经理信息", False),
    "shareholders": (samples.llc, "股东（发起人）出资情况", False),
    "contacts": (samples.llc, "财务负责人、联络员信息", False),
    "agent": (samples.with_agent_and_deferral, "指定代表或者共同委托代理人授权委托书", False),
    "sole_proprietorship_application": (samples.sole_proprietorship, "个人独资企业登记（备案）申请书", False),
    "partnership_application": (samples.partnership, "合伙企业登记（备案）申请书", False),
    "llc_articles": (samples.llc, "有限责任公司章程", False),
    "one_person_llc_articles": (samples.one_person_llc, "有限责任公司章程", False),
    "partnership_agreement": (samples.limited_partnership_with_a_legal_person_executive, "合伙协议", False),
    "contribution_confirmation": (
        samples.limited_partnership_with_a_legal_person_executive,
        "全体合伙人出资确认书",
        False,
    ),
    "beneficial_owners": (
        samples.limited_partnership_with_a_legal_person_executive,
        "受益所有人信息表",
        False,
    ),
    "joint_stock_articles": (samples.joint_stock, "股份有限公司章程", False),
    "beneficial_owner_exemption": (samples.llc, "受益所有人信息承诺免报表", False),
    "seal": (samples.llc, "印章刻制申请表", False),
    "bank_account": (samples.llc, "银行基本存款账户开户申请书", False),
    "tax": (samples.llc, "新办纳税人信息确认表", False),
    "social_security": (samples.llc, "社会保险单位登记表", False),
    "medical_insurance": (samples.llc, "医疗保险单位登记表", False),
    "housing_fund": (samples.llc, "住房公积金单位登记表", False),
    "deferral_commitment": (samples.with_agent_and_deferral, "容缺受理承诺书", False),
    "one_time_notice": (samples.with_agent_and_deferral, "一次性告知单", False),
    # the receipt in each state of a case, the founder's bank differing from the desk's (training)
    "receipt_ready": (samples.ready, "受理回执", True),
    "receipt_submitted": (samples.submitted, "受理回执", True),
    "receipt_rejected": (samples.rejected, "受理回执", True),
    "receipt_completed": (samples.completed, "受理回执", True),
    "receipt_mailed": (samples.mailed, "受理回执", True),
    # the 服务大礼包, from the shipped reference pack
    **{f"guide_{guide.code}": (samples.submitted, guide.title, False) for guide in GUIDES},
}

pytestmark = [needs_poppler, needs_fonts]


def _render(renderer: ReportlabPacketRenderer, name: str) -> bytes:
    make, title, training = FORMS[name]
    document = make()
    packet = renderer.render(
        document,
        training=training,
        issued_at=samples.ISSUED_AT,
        receipt=samples.receipt(document),
        guides=GUIDES,
        only={title},
    )
    assert packet.forms == (title,)
    return packet.pdf


@pytest.mark.parametrize("name", sorted(FORMS))
def test_form_text_matches_its_golden(renderer: ReportlabPacketRenderer, name: str) -> None:
    text = pdf_text(_render(renderer, name))
    golden = GOLDENS / f"{name}.txt"
    if UPDATE:
        GOLDENS.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert FORMS[name][1] in text


@pytest.mark.parametrize("name", sorted(FORMS))
def test_form_pictures_match_their_goldens(
    renderer: ReportlabPacketRenderer, name: str, tmp_path: Path
) -> None:
    pages = pdf_pages(_render(renderer, name), tmp_path)
    match_page_goldens(pages, GOLDENS, name, update=UPDATE)


def test_the_same_case_and_time_give_the_same_bytes(renderer: ReportlabPacketRenderer) -> None:
    document = samples.submitted()
    first, again = (
        renderer.render(
            document,
            training=True,
            issued_at=samples.ISSUED_AT,
            receipt=samples.receipt(document),
            guides=GUIDES,
        )
        for _ in range(2)
    )
    assert first.pdf == again.pdf
