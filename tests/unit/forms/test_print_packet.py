"""``print_packet`` and ``check_receipt``: the core's service functions, with fakes (no PDF, no database)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from app.case.interchange import parse_case
from app.errors import CaseNotFound
from app.ports import CaseSummary
from app.security.device import DeviceIdentity
from app.security.rating_link import rating_token_valid
from app.services.branch import BRANCH_SETTING
from app.services.packet import TAKE_HOME, WITH_GUIDES, print_packet
from app.services.receipt_code import check_receipt, receipt_key, receipt_text
from app.syncing.model import Enrolled, NewSubmission, SyncState
from tests.fakes import FakeUnitOfWork
from tests.unit.desk.fake_renderer import FakeRenderer
from tests.unit.forms import samples

KEY = samples.RECEIPT_KEY
SERVICES = ["license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund"]
DEVICE = DeviceIdentity.from_private_bytes("local-desk", bytes(range(32)))
DESK_KEY = receipt_key(DEVICE.sign)


def _uow_with(document: dict[str, Any], *, training: bool = False) -> FakeUnitOfWork:
    uow = FakeUnitOfWork(device=DEVICE, training=training)
    with uow:
        summary = CaseSummary(document["case_id"], document["company"]["name"], "llc", "draft")
        uow.cases.add(document, summary, [])
        uow.commit()
    return uow


def test_printing_renders_the_stored_case_and_records_it_without_personal_data() -> None:
    uow, renderer = _uow_with(samples.llc()), FakeRenderer()
    with uow:
        packet = print_packet(
            uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT, by="clerk01"
        )
    assert packet.forms[-1] == "受理回执"
    assert renderer.rendered == ["SG20261126-TEST0001"]
    entry = uow.state.audit[-1]
    assert entry == {
        "action": "case.print",
        "actor": "clerk01",
        "subject": "SG20261126-TEST0001",
        "details": {
            "revision": 1,
            "pages": 1,
            "forms": 4,
            "parts": "forms+receipt",
            "receipt": renderer.receipts[0].verification.rsplit(":", 1)[-1],
        },
    }


def test_the_take_home_set_is_the_receipt_and_the_guides_of_the_services() -> None:
    document = samples.llc()
    document["services"]["tax"]["requested"] = False
    uow, renderer = _uow_with(document), FakeRenderer()
    with uow:
        packet = print_packet(
            uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT, parts=TAKE_HOME
        )
        full = print_packet(
            uow,
            "SG20261126-TEST0001",
            renderer,
            training=False,
            issued_at=samples.ISSUED_AT,
            parts=WITH_GUIDES,
        )
    assert packet.forms == (
        "受理回执",
        "企业开办口袋书",
        "社会保险、医疗保险办理流程图",
        "住房公积金办理流程图",
    )
    assert full.forms[-4:] == packet.forms
    assert uow.state.audit[-2]["details"]["parts"] == "receipt+guides"


def test_the_receipt_gets_the_desk_branch_the_acceptance_and_the_signed_codes() -> None:
    document = samples.submitted()
    uow, renderer = _uow_with(document), FakeRenderer()
    with uow:
        uow.settings.set_json(BRANCH_SETTING, {"name": "某支行", "address": "某路1号", "phone": "0536-1"})
        uow.outbox.save_state(
            SyncState(
                enrolled=Enrolled("dsk-9", "https://p.example", "k1", "pk", "production", samples.ISSUED_AT)
            )
        )
        print_packet(uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT)
    sheet = renderer.receipts[0]
    assert sheet.desk == "寿光市企业开办专区（某支行）"
    assert sheet.accepted_at == parse_case(document).accepted_at
    assert check_receipt(uow, sheet.verification, receipt_key(DEVICE.sign)).valid
    base, token = sheet.rating_url.split("?t=")
    assert base == "https://p.example/rate/dsk-9/SG20261126-TEST0001"
    assert rating_token_valid(DEVICE.public_key, "dsk-9", "SG20261126-TEST0001", token)


def test_a_case_queued_before_acceptance_was_recorded_is_accepted_at_its_first_submission() -> None:
    document = samples.submitted()
    del document["accepted_at"]
    uow, renderer = _uow_with(document), FakeRenderer()
    queued_at = dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC)
    with uow:
        uow.outbox.add(NewSubmission("SG20261126-TEST0001", "license", 1, {}), now=queued_at)
        uow.outbox.add(
            NewSubmission("SG20261126-TEST0001", "seal", 1, None), now=queued_at + dt.timedelta(hours=1)
        )
        print_packet(uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT)
    sheet = renderer.receipts[0]
    assert sheet.accepted_at == queued_at
    assert sheet.accepted == "2026年11月25日 09:00"
    assert sheet.rating_url == ""  # not enrolled: no link to print


def test_a_fictitious_case_is_a_specimen_on_any_profile_and_its_branch_is_the_training_one() -> None:
    document = samples.llc()
    document["fictitious"] = True
    uow = _uow_with(document, training=True)
    calls: list[bool] = []

    class Recording(FakeRenderer):
        def render(self, document: Any, **options: Any) -> Any:  # type: ignore[override]
            calls.append(options["training"])
            return super().render(document, **options)

    renderer = Recording()
    with uow:
        print_packet(uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT)
    assert calls == [True]
    assert renderer.receipts[0].branch.supervision_phone == "12345"


def test_printing_an_unknown_case_says_so() -> None:
    with FakeUnitOfWork(device=DEVICE) as uow, pytest.raises(CaseNotFound):
        print_packet(uow, "SG-NONE", FakeRenderer(), training=True, issued_at=samples.ISSUED_AT)


def test_a_receipt_is_checked_against_the_stored_case() -> None:
    uow, renderer = _uow_with(samples.llc()), FakeRenderer()
    with uow:
        print_packet(uow, "SG20261126-TEST0001", renderer, training=False, issued_at=samples.ISSUED_AT)
    good = renderer.receipts[0].verification
    assert good == receipt_text(DESK_KEY, "SG20261126-TEST0001", SERVICES, samples.ISSUED_AT)
    stale = receipt_text(DESK_KEY, "SG20261126-TEST0001", SERVICES[:2], samples.ISSUED_AT)
    elsewhere = receipt_text(DESK_KEY, "SG20261126-OTHER001", SERVICES, samples.ISSUED_AT)
    with uow:
        assert check_receipt(uow, good, DESK_KEY).valid
        assert "不一致" in check_receipt(uow, stale, DESK_KEY).reason_zh
        assert "不存在" in check_receipt(uow, elsewhere, DESK_KEY).reason_zh
        assert not check_receipt(uow, good, b"other key").valid


def test_a_receipt_the_desk_never_printed_or_dated_after_its_clock_is_refused() -> None:
    """Issue 20: the desk key mints a valid text for a never-printed draft dated 2099; the print record
    and the clock refuse it."""
    now = dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.UTC)
    uow = FakeUnitOfWork(device=DEVICE, clock=lambda: now)
    with uow:
        document = samples.llc()
        uow.cases.add(document, CaseSummary(document["case_id"], "x", "llc", "draft"), [])
        uow.commit()
    never = receipt_text(DESK_KEY, "SG20261126-TEST0001", SERVICES, now - dt.timedelta(hours=1))
    in_2099 = dt.datetime(2099, 1, 1, 2, tzinfo=dt.UTC)
    future = receipt_text(DESK_KEY, "SG20261126-TEST0001", SERVICES, in_2099)
    with uow:
        refused = check_receipt(uow, never, DESK_KEY)
        assert not refused.valid
        assert "没有打印过" in refused.reason_zh
        assert "no record of printing" in refused.reason_en
        late = check_receipt(uow, future, DESK_KEY)
        assert not late.valid
        assert "晚于本机当前时间" in late.reason_zh
        assert "2099-01-01" in late.reason_zh
        renderer = FakeRenderer()
        print_packet(uow, "SG20261126-TEST0001", renderer, training=False, issued_at=now)
        assert check_receipt(uow, renderer.receipts[0].verification, DESK_KEY).valid
        assert not check_receipt(uow, never, DESK_KEY).valid  # another text of the same case stays refused


def test_a_receipt_printed_before_the_record_kept_its_code_counts_by_its_print_time() -> None:
    uow = _uow_with(samples.llc())
    with uow:
        uow.audit.append("case.print", actor="clerk01", subject="SG20261126-TEST0001", details={"pages": 1})
        uow.commit()
    printed_at = dt.datetime.fromisoformat(uow.state.audit_chain[-1].ts)
    legacy = receipt_text(DESK_KEY, "SG20261126-TEST0001", SERVICES, printed_at)
    older = receipt_text(DESK_KEY, "SG20261126-TEST0001", SERVICES, printed_at - dt.timedelta(days=3))
    with uow:
        assert check_receipt(uow, legacy, DESK_KEY).valid
        assert not check_receipt(uow, older, DESK_KEY).valid
