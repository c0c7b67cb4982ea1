"""Whole packets as a founder gets them: every company type, read back with poppler.

The cases come from the seed generator (realistic, fictitious) and from the hand-built LLC.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from app.case import CompanyType, Status, dump_case
from app.case.model import Case
from app.seed import generate_cases
from forms.packet import ReportlabPacketRenderer
from tests.integration.forms.poppler import needs_fonts, needs_poppler, pdf_fonts, pdf_text
from tests.unit.forms import samples

TODAY = dt.date(2026, 11, 26)
WATERMARK = "培训样本 SPECIMEN"

pytestmark = [needs_poppler, needs_fonts]


def _completed_case_of_each_type() -> list[Case]:
    """One completed case per company type: it carries the USCC the licence gave."""
    chosen: dict[CompanyType, Case] = {}
    for case in generate_cases(32, seed=9, today=TODAY):
        if case.status is Status.COMPLETED:
            chosen.setdefault(case.company.type, case)
    assert set(chosen) == set(CompanyType)
    return [chosen[t] for t in CompanyType]


def _people_on_the_forms(case: Case) -> list[str]:
    roles = case.roles
    ids = [roles.legal_representative.person_id] if roles.legal_representative else []
    ids += [s.person_id for _, s in case.natural_shareholders() if s.person_id]
    ids += [roles.liaison] if roles.liaison else []
    finance_printed = case.company.type is not CompanyType.SOLE_PROPRIETORSHIP or any(
        case.services.is_requested(code) for code in ("bank_account", "tax")
    )  # a sole proprietorship names its finance officer to the bank and the tax office only
    ids += [roles.finance_officer] if roles.finance_officer and finance_printed else []
    return [p.name for p in case.people if p.person_id in ids]


@pytest.mark.parametrize("case", _completed_case_of_each_type(), ids=lambda c: c.company.type.value)
def test_a_packet_for_every_company_type_carries_the_case(
    renderer: ReportlabPacketRenderer, case: Case, tmp_path: Path
) -> None:
    document = dump_case(case)
    packet = renderer.render(
        document, training=True, issued_at=samples.ISSUED_AT, receipt=samples.receipt(document)
    )
    text = pdf_text(packet.pdf)
    licence = case.services.license
    assert licence is not None
    assert licence.results is not None
    assert case.company.name in text
    assert licence.results.uscc in text
    for name in _people_on_the_forms(case):
        assert name in text, name
    for title in packet.forms:
        assert title in text, title
    assert text.count(WATERMARK) == packet.pages
    assert len(re.findall(r"第\s*1\s*页\s*共", text)) == len(packet.forms)  # numbered per form
    fonts = pdf_fonts(packet.pdf, tmp_path)
    assert fonts
    assert all(f["emb"] == "yes" and f["sub"] == "yes" and f["uni"] == "yes" for f in fonts), fonts


def test_the_desk_profile_prints_no_watermark(renderer: ReportlabPacketRenderer) -> None:
    document = samples.llc()
    packet = renderer.render(
        document, training=False, issued_at=samples.ISSUED_AT, receipt=samples.receipt(document)
    )
    text = pdf_text(packet.pdf)
    assert "SPECIMEN" not in text
    assert "寿光市绿野蔬菜种植有限公司" in text


def test_rare_name_characters_are_drawn_and_extracted_intact(
    renderer: ReportlabPacketRenderer, tmp_path: Path
) -> None:
    document = samples.with_rare_names()
    packet = renderer.render(
        document, training=False, issued_at=samples.ISSUED_AT, receipt=samples.receipt(document)
    )
    text = pdf_text(packet.pdf)
    assert samples.EXT_B_NAME in text
    assert samples.EXT_A_NAME in text
    families = {f["name"].split("+", 1)[1] for f in pdf_fonts(packet.pdf, tmp_path)}
    assert families == {"WenQuanYiMicroHei-0", "WenQuanYiZenHei-0", "HanaMinB"}


def test_the_receipt_carries_a_qr_text_this_desk_verifies(renderer: ReportlabPacketRenderer) -> None:
    from app.services.receipt_code import verify_receipt

    document = samples.llc()
    packet = renderer.render(
        document, training=False, issued_at=samples.ISSUED_AT, receipt=samples.receipt(document)
    )
    qr = receipt_qr_text(pdf_text(packet.pdf))
    check = verify_receipt(qr, samples.RECEIPT_KEY)
    assert check.valid, check.reason_en
    assert check.case_id == "SG20261126-TEST0001"
    assert len(check.services) == 7


def receipt_qr_text(text: str) -> str:
    """The QR code's text as printed under the caption (it may wrap over lines)."""
    start = text.index("BZR1:")
    lines = []
    for line in text[start:].splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return "".join(lines)


def test_a_long_staff_list_continues_on_numbered_pages_with_its_header(
    renderer: ReportlabPacketRenderer,
) -> None:
    document = samples.llc()
    for index in range(60):
        person_id = f"s{index}"
        document["people"].append({"person_id": person_id, "name": f"职工{index:02d}"})
        document["staff"].append({"person_id": person_id, "monthly_wage_yuan": "5000"})
    title = "住房公积金单位登记表"
    packet = renderer.render(
        document, training=False, issued_at=samples.ISSUED_AT, receipt=samples.receipt(document), only={title}
    )
    text = pdf_text(packet.pdf)
    assert packet.pages >= 3
    assert text.count(f"{title}（续）") == packet.pages - 1
    assert text.count("公民身份号码") == packet.pages  # the table's header on every page
    assert len(re.findall(rf"第\s*{packet.pages}\s*页\s*共\s*{packet.pages}\s*页", text)) == 1
    assert "职工00" in text
    assert "职工59" in text
