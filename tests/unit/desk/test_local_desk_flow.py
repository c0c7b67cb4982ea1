"""The 新办企业 flow through the desk, on the in-memory store: a standard two-shareholder LLC from draft
to receipt; every keystroke save is one commit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.desk.flow_api import FieldChange, StepKey
from app.desk.local import LocalDesk
from app.errors import InputRejected
from app.idcard import CardReadError, NoCard
from app.security.attachments import load_attachment
from app.services.packet import TAKE_HOME, WITH_GUIDES
from app.syncing.attachments import document_id
from tests.fakes import FakeStore
from tests.unit.desk.conftest import PASSWORD, TODAY

COMPANY = {
    "company.name_parts.trade_name": "绿野",
    "company.name_parts.industry": "蔬菜种植",
    "company.domicile.address": "圣城街道农圣街88号",
    "company.registered_capital_wan": "100",
    "company.scope.general": "",
    "company.employees": "5",
}


def change(desk: LocalDesk, case_id: str, key: str, value: str, step: StepKey = "company") -> None:
    desk.change_fields(case_id, [FieldChange(key, value)], step=step, field=key)


def scope_code(desk: LocalDesk, words: str) -> str:
    return desk.scope_options(words)[0].code


def standard_opening(desk: LocalDesk, tmp_path: Path, *, intent: bool = True) -> str:
    """The entries a clerk makes for a standard opening (defaults do the rest); the card reads check the
    founders' faces, and (``intent``) a second staff member confirms the 开户意愿."""
    case_id = desk.start_draft().case_id
    for key, value in COMPANY.items():
        change(desk, case_id, key, value)
    change(desk, case_id, "company.scope.general", scope_code(desk, "蔬菜种植"))
    for index in (None, None):
        desk.read_id_card(case_id, index)
    for index, mobile in enumerate(("13805361234", "13905365678")):
        change(desk, case_id, f"people[{index}].mobile", mobile, "people")
        change(desk, case_id, f"people[{index}].subscribed_wan", "50", "people")
    change(desk, case_id, "people[0].email", "lvye@example.com", "people")  # the liaison's
    change(desk, case_id, "roles.beneficial_owner_exemption", "1", "people")
    change(desk, case_id, "services.social_security.data.risk_class", "1", "services")
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\nfake scan")
    draft = desk.open_draft(case_id)
    for document in draft.documents:
        if document.status == "missing" and document.key:
            desk.attach_document(case_id, document.kind, document.subject, str(scan))
        elif document.status == "missing":
            due = (TODAY + dt.timedelta(days=20)).isoformat()
            desk.defer_document(case_id, document.kind, document.subject, due)
    if intent:
        desk.confirm_account_intent(case_id, "trainer", PASSWORD)
    return case_id


def test_a_standard_opening_is_ready_with_the_desk_defaults(desk: LocalDesk, tmp_path: Path) -> None:
    case_id = standard_opening(desk, tmp_path)
    draft = desk.open_draft(case_id)
    assert [p.message_zh for p in draft.errors] == []
    assert draft.values["company.name"] == "寿光市绿野蔬菜种植有限公司"
    assert [s.requested for s in draft.services] == [True] * 7
    seal = next(s for s in draft.services if s.code == "seal")
    assert seal.data["seals"] == "official,finance,invoice,legal_representative"
    bank = next(s for s in draft.services if s.code == "bank_account")
    assert bank.data["branch_code"] == "314458500011"
    first, second = draft.people
    assert "legal_representative" in first.roles
    assert second.roles == ("supervisor",)
    assert first.birth_date
    assert first.sex_zh in ("男", "女")
    assert first.age is not None
    assert first.has_photo
    assert draft.subscribed_total_wan == "100"
    assert draft.capital_wan == "100"


def test_submit_rate_and_receipt(desk: LocalDesk, store: FakeStore, tmp_path: Path) -> None:
    case_id = standard_opening(desk, tmp_path)
    receipt = desk.submit_draft(case_id)
    assert receipt.status_zh == "排队中"
    assert len(receipt.services) == 7
    assert receipt.company_name == "寿光市绿野蔬菜种植有限公司"
    assert receipt.deferred  # 容缺 materials are listed with their due dates
    rated = desk.rate_case(case_id, "good", "很快")
    assert rated.rating == "good"
    with store.read_unit_of_work() as uow:
        stored = uow.cases.get(case_id)
    assert stored is not None
    assert stored.document["rating"]["comment"] == "很快"
    assert desk.open_draft(case_id).editable is False


def test_an_unreadable_entry_is_kept_and_reported_at_its_field(desk: LocalDesk) -> None:
    case_id = desk.start_draft().case_id
    outcome = desk.change_fields(
        case_id, [FieldChange("company.registered_capital_wan", "12a")], step="company", field="x"
    )
    (finding,) = outcome.feedback["company.registered_capital_wan"]
    assert finding.severity == "error"
    assert "万元" in finding.message_zh
    reopened = desk.open_draft(case_id)
    assert reopened.values["company.registered_capital_wan"] == "12a"
    assert (reopened.step, reopened.field) == ("company", "x")


def test_wrong_id_check_character_and_capital_mismatch_are_reported_then_fixed(desk: LocalDesk) -> None:
    case_id = desk.start_draft().case_id
    change(desk, case_id, "company.registered_capital_wan", "100")
    desk.add_person(case_id)
    outcome = desk.change_fields(
        case_id, [FieldChange("people[0].id_number", "110105194912310021")], step="people", field="x"
    )
    assert any("校验" in f.message_zh for f in outcome.feedback["people[0].id_number"])
    fixed = desk.change_fields(
        case_id, [FieldChange("people[0].id_number", "11010519491231002X")], step="people", field="x"
    )
    assert [f.severity for f in fixed.feedback["people[0].id_number"]] == ["warning"]  # 110105: not 寿光
    assert desk.open_draft(case_id).people[0].birth_date == "1949-12-31"
    short = desk.change_fields(
        case_id, [FieldChange("people[0].subscribed_wan", "60")], step="people", field="x"
    )
    assert any("注册资本" in f.message_zh for f in short.feedback["people[0].subscribed_wan"])
    full = desk.change_fields(
        case_id, [FieldChange("people[0].subscribed_wan", "100")], step="people", field="x"
    )
    assert not any("注册资本" in f.message_zh for f in full.feedback["people[0].subscribed_wan"])


def test_the_card_photo_is_stored_encrypted_and_expired_cards_warn(
    desk: LocalDesk, store: FakeStore, tmp_path: Path
) -> None:
    case_id = desk.start_draft().case_id
    desk.set_reader_mode("expired")
    outcome = desk.read_id_card(case_id, None)
    assert outcome.warnings
    assert "过期" in outcome.warnings[0].message_zh
    expired = outcome.draft.people[0].id_valid_until  # the card's validity, for the BO filing
    assert expired
    assert dt.date.fromisoformat(expired).year < dt.date.today().year
    person_id = outcome.draft.people[0].person_id
    with store.unit_of_work() as uow:
        photo = load_attachment(uow, desk._files, case_id, document_id("id_photo", person_id))
    assert photo.startswith(b"\x89PNG")
    for stored in (tmp_path / "attachments").iterdir():
        assert b"IHDR" not in stored.read_bytes()
    desk.set_reader_mode("same_card")
    with pytest.raises(NoCard, match="Lift it off"):
        desk.read_id_card(case_id, 0)  # the last card is still on the reader
    desk.set_reader_mode("no_card")
    with pytest.raises(NoCard):
        desk.read_id_card(case_id, None)
    desk.set_reader_mode("read_error")
    with pytest.raises(CardReadError):
        desk.read_id_card(case_id, None)


def test_packet_preview_and_save_to_a_chosen_path(desk: LocalDesk, tmp_path: Path) -> None:
    case_id = desk.start_draft().case_id
    preview = desk.packet_preview(case_id)
    assert preview.pages == 1
    assert "公司章程" in preview.forms
    target = Path.home() / ".cache" / "bizdesk-test" / f"{case_id}"
    try:
        written = desk.save_packet(case_id, str(target))
        assert written.endswith(".pdf")
        assert Path(written).read_bytes().startswith(b"%PDF")
    finally:
        Path(str(target) + ".pdf").unlink(missing_ok=True)
    with pytest.raises(InputRejected):
        desk.save_packet(case_id, str(tmp_path / "x.pdf"))  # the temp folder is refused
    with pytest.raises(InputRejected):
        desk.save_packet(case_id, "relative.pdf")


def test_the_print_step_prints_the_parts_asked_for(desk: LocalDesk, store: FakeStore) -> None:
    case_id = desk.start_draft().case_id
    take_home = desk.packet_preview(case_id, TAKE_HOME)
    assert "公司章程" not in take_home.forms  # after submitting: the receipt and the guides only
    assert take_home.forms[0] == "受理回执"
    assert len(take_home.forms) > 1
    everything = desk.case_packet(case_id, WITH_GUIDES)
    assert {"公司章程", "受理回执", *take_home.forms} <= set(everything.forms)
    printed = [e.details["parts"] for e in store.state.audit_chain if e.action == "case.print"]
    assert printed == ["receipt+guides", "forms+receipt+guides"]
    renderer = desk.packet_renderer
    assert renderer is not None
    assert renderer.receipts[-1].branch.branch_name == "寿光农村商业银行圣城支行"  # the training branch


def test_opening_new_again_reuses_an_untouched_draft_only(desk: LocalDesk, store: FakeStore) -> None:
    first = desk.start_draft().case_id
    assert desk.start_draft().case_id == first  # reloading /new leaves no empty case behind
    change(desk, first, "company.name_parts.trade_name", "绿野")
    second = desk.start_draft().case_id
    assert second != first  # a draft with typing in it is never handed out as "new"
    assert desk.start_draft().case_id == second
    with store.read_unit_of_work() as uow:
        drafts = [c.case_id for c in uow.cases.list(limit=50)]
    assert sorted(drafts) == sorted({first, second})


def test_a_keystroke_save_is_one_commit_with_the_drafts_position(desk: LocalDesk, store: FakeStore) -> None:
    case_id = desk.start_draft().case_id
    before = store.commits
    desk.change_fields(
        case_id, [FieldChange("company.registered_capital_wan", "12a")], step="company", field="capital"
    )
    assert store.commits == before + 1  # the case's revision and where the clerk is, together
    reopened = desk.open_draft(case_id)
    assert (reopened.field, reopened.values["company.registered_capital_wan"]) == ("capital", "12a")
