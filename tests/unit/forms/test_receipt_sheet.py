"""What the receipt says, decided in app/services/receipt.py (no PDF): times, lines, handover, desk."""

from __future__ import annotations

import datetime as dt

from app.case.interchange import parse_case
from app.security.rating_link import rating_token_valid, rating_url
from app.services.branch import DeskBranch
from app.services.receipt import build_receipt
from app.services.receipt_code import verify_receipt
from tests.unit.forms import samples

CHINA = dt.timezone(dt.timedelta(hours=8))


def _sheet(document: dict[str, object], **changes: object):  # type: ignore[no-untyped-def]
    case = parse_case(document)
    options: dict[str, object] = {
        "branch": DeskBranch(branch_name="某农商银行某支行", address="寿光市某街道1号", phone="0536-0000001"),
        "accepted_at": case.accepted_at,
        "issued_at": samples.ISSUED_AT,
        "key": samples.RECEIPT_KEY,
        "rating": "",
        **changes,
    }
    return build_receipt(case, **options)  # type: ignore[arg-type]


def test_the_expected_time_is_half_a_working_day_after_acceptance_never_the_print_time() -> None:
    friday_evening = dt.datetime(2026, 11, 27, 17, 0, tzinfo=CHINA)
    sheet = _sheet(samples.submitted(), accepted_at=friday_evening)
    assert sheet.accepted == "2026年11月27日 17:00"
    assert sheet.expected_by == dt.datetime(2026, 11, 30, 12, 0, tzinfo=CHINA)  # 0.5 h Fri, 3.5 h Mon
    assert sheet.expected == "2026年11月30日 12:00前"


def test_a_completed_case_gives_its_completion_and_each_result() -> None:
    sheet = _sheet(samples.completed())
    assert sheet.accepted == "2026年10月30日 09:00"
    assert sheet.expected == "2026年10月30日 14:10"
    assert all(line.detail.startswith("已") for line in sheet.lines)


def test_the_desk_is_the_accepting_branch_and_the_verification_code_holds() -> None:
    sheet = _sheet(samples.submitted())
    assert sheet.desk == "寿光市企业开办专区（某农商银行某支行）"
    check = verify_receipt(sheet.verification, samples.RECEIPT_KEY)
    assert check.valid
    assert check.services == tuple(line.service for line in sheet.lines)
    assert check.issued_at == samples.ISSUED_AT


def test_a_desk_without_its_branch_set_still_names_the_zone() -> None:
    sheet = _sheet(samples.submitted(), branch=DeskBranch())
    assert sheet.desk == "寿光市企业开办专区"


def test_the_rating_link_is_signed_by_the_desk_for_this_case_only() -> None:
    device = samples.DEVICE
    link = rating_url("https://platform.example/", "dsk-0007", "SG20261126-TEST0001", device.sign)
    assert link.startswith("https://platform.example/rate/dsk-0007/SG20261126-TEST0001?t=")
    token = link.split("?t=", 1)[1]
    assert len(token) == 86
    assert link == rating_url("https://platform.example", "dsk-0007", "SG20261126-TEST0001", device.sign)
    assert rating_token_valid(device.public_key, "dsk-0007", "SG20261126-TEST0001", token)
    assert not rating_token_valid(device.public_key, "dsk-0007", "SG20261126-TEST0002", token)
    assert not rating_token_valid(device.public_key, "dsk-0008", "SG20261126-TEST0001", token)
    assert not rating_token_valid(device.public_key, "dsk-0007", "SG20261126-TEST0001", token[:-2] + "AA")
    assert not rating_token_valid(device.public_key, "dsk-0007", "SG20261126-TEST0001", "!!")


def test_the_receipt_draws_the_rating_link_and_the_verification_text_as_its_two_codes() -> None:
    from forms.catalog.layout import QrRow
    from forms.catalog.receipt import RECEIPT
    from forms.facts import case_facts
    from forms.receipt_facts import with_receipt

    document = samples.submitted()
    sheet = samples.receipt(document)
    bare = case_facts(parse_case(document))
    facts = with_receipt(bare, sheet)
    row = next(block for block in RECEIPT.blocks if isinstance(block, QrRow))
    assert [facts.value(code.key) for code in row.codes] == [sheet.rating_url, sheet.verification]
    assert sheet.rating_url.startswith(f"{samples.PLATFORM}/rate/dsk-0007/{document['case_id']}?t=")
    assert "receipt.rating" in facts.flags
    assert "receipt.rating" not in with_receipt(bare, samples.receipt(document, enrolled=False)).flags


def _words(sheet) -> str:  # type: ignore[no-untyped-def]
    return "\n".join([sheet.free, *(line.detail for line in sheet.lines)])


def test_a_unit_without_a_legal_person_is_named_in_its_own_words_on_the_receipt() -> None:
    """The receipt is a form of the packet: its seals and the bank's visitor are the head's, as on the
    seal and bank forms (执行事务合伙人, its 委派代表, a sole proprietorship's 负责人)."""
    for make, seal in (
        (samples.partnership, "执行事务合伙人名章"),
        (samples.limited_partnership_with_a_legal_person_executive, "执行事务合伙人委派代表名章"),
        (samples.sole_proprietorship, "负责人名章"),
    ):
        printed = _words(_sheet(make()))
        assert "法定代表人" not in printed, make.__name__
        assert f"{seal}四枚印章" in printed, make.__name__
        assert f"发票专用章、{seal}" in printed, make.__name__  # the seal service's line
    company = _words(_sheet(samples.submitted()))
    assert "法定代表人名章四枚印章" in company
    assert "核实法定代表人开户意愿" in company
