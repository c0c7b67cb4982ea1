"""人证核验 and 开户意愿 双人核实 at the desk (issue 21 §1), on the in-memory store with the simulated
ID card reader and face-check camera."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.case.model import Case
from app.case.stored import load_case
from app.desk.checks import SameStaff
from app.desk.local import LocalDesk
from app.errors import BizdeskError
from app.facecheck import CameraMissing, NoCardPhoto
from app.facecheck.simulated import DEVICE_ID, SimulatedFaceChecker
from app.idcard.simulated import SimulatedReader
from app.security.attachments import AttachmentStore
from tests.fakes import FakeStore
from tests.unit.desk.conftest import NOW, PASSWORD, TODAY
from tests.unit.desk.fake_renderer import FakeRenderer
from tests.unit.desk.test_local_desk_flow import standard_opening


@pytest.fixture
def camera() -> SimulatedFaceChecker:
    return SimulatedFaceChecker()


@pytest.fixture
def counter(store: FakeStore, tmp_path: Path, camera: SimulatedFaceChecker) -> LocalDesk:
    """The clerk's page of a desk with a card reader and a face-check camera."""
    files = AttachmentStore(tmp_path / "attachments")
    desk = LocalDesk(
        store,
        files,
        reader=SimulatedReader(seed=7, today=TODAY),
        renderer=FakeRenderer(),
        face_checker=camera,
    )
    assert desk.login("clerk", PASSWORD).ok
    return desk


def stored(store: FakeStore, case_id: str) -> Case:
    with store.read_unit_of_work() as uow:
        return load_case(uow.cases, case_id)[0]


def licence_errors(desk: LocalDesk, case_id: str) -> set[tuple[str, str]]:
    return {(p.field, p.message_zh[:4]) for p in desk.open_draft(case_id).errors if "face_check" in p.field}


def test_a_card_read_checks_the_face_at_once_and_records_who_when_which_device(
    counter: LocalDesk, store: FakeStore, tmp_path: Path
) -> None:
    case_id = standard_opening(counter, tmp_path)
    case = stored(store, case_id)
    assert [(c.person_id, c.outcome) for c in case.identity_checks] == [("p1", "match"), ("p2", "match")]
    first = case.identity_checks[0]
    assert (first.checked_by, first.checked_at, first.device) == ("clerk", NOW, DEVICE_ID)
    assert first.id_number == case.people[0].id_number
    assert [p.face_check for p in counter.open_draft(case_id).people] == ["match", "match"]
    assert licence_errors(counter, case_id) == set()


@pytest.mark.parametrize("outcome", ["no_match", "no_face"])
def test_a_failed_face_check_keeps_the_licence_back_until_a_new_check_matches(
    counter: LocalDesk, store: FakeStore, camera: SimulatedFaceChecker, tmp_path: Path, outcome: str
) -> None:
    case_id = standard_opening(counter, tmp_path)
    camera.choose_mode(outcome)
    assert counter.check_face(case_id, 1).outcome == outcome
    errors = [p for p in counter.open_draft(case_id).errors if p.field == "people[1].face_check"]
    assert [p.message_zh.split("（")[0] for p in errors] == ["人员2"]
    assert "人证核验未通过" in errors[0].message_zh
    camera.choose_mode("match")
    assert not [p for p in counter.check_face(case_id, 1).draft.errors if "face_check" in p.field]
    assert [c.outcome for c in stored(store, case_id).identity_checks] == ["match", "match", outcome, "match"]


def test_no_camera_reads_the_card_but_records_no_check_and_says_why(
    counter: LocalDesk, store: FakeStore, camera: SimulatedFaceChecker
) -> None:
    case_id = counter.start_draft().case_id
    camera.choose_mode("camera_missing")
    outcome = counter.read_id_card(case_id, None)
    assert outcome.draft.people[0].name
    assert any("摄像头" in w.message_zh for w in outcome.warnings)
    assert stored(store, case_id).identity_checks == []
    with pytest.raises(CameraMissing):
        counter.check_face(case_id, 0)
    assert ("people[0].face_check", "人员1（") in licence_errors(counter, case_id)


def test_a_person_typed_by_hand_must_have_the_card_read_before_the_face_check(counter: LocalDesk) -> None:
    case_id = counter.start_draft().case_id
    counter.add_person(case_id)
    with pytest.raises(NoCardPhoto):
        counter.check_face(case_id, 0)


def test_a_changed_id_number_voids_the_check(counter: LocalDesk, store: FakeStore, tmp_path: Path) -> None:
    from app.desk.flow_api import FieldChange

    case_id = standard_opening(counter, tmp_path)
    counter.change_fields(
        case_id, [FieldChange("people[1].id_number", "370783198506070425")], step="people", field=""
    )
    assert counter.open_draft(case_id).people[1].face_check == ""
    assert any(p.field == "people[1].face_check" for p in counter.open_draft(case_id).errors)


def test_the_account_intent_needs_a_second_staff_member_signed_in(
    counter: LocalDesk, store: FakeStore, tmp_path: Path
) -> None:
    case_id = standard_opening(counter, tmp_path, intent=False)
    intent = [p for p in counter.open_draft(case_id).errors if p.field == "account_intent"]
    assert intent
    assert "两名银行工作人员" in intent[0].message_zh
    with pytest.raises(SameStaff):
        counter.confirm_account_intent(case_id, "clerk", PASSWORD)
    with pytest.raises(BizdeskError):
        counter.confirm_account_intent(case_id, "trainer", "wrong-password")
    assert stored(store, case_id).account_intent is None
    draft = counter.confirm_account_intent(case_id, "trainer", PASSWORD)
    assert draft.intent_confirmed_by == ("clerk", "trainer")
    assert draft.errors == ()
    recorded = stored(store, case_id).account_intent
    assert recorded is not None
    assert (recorded.person_id, recorded.first_by, recorded.second_by, recorded.confirmed_at) == (
        "p1",
        "clerk",
        "trainer",
        NOW,
    )
    with store.read_unit_of_work() as uow:
        actions = [e.action for e in uow.audit_trail.entries()]  # type: ignore[attr-defined]
    assert "case.account_intent" in actions
    assert "case.face_check" in actions
