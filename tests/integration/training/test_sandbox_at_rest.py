"""The training desk's embedded sandbox keeps nothing personal in its unencrypted files (issue 20): the
payloads the desk sends over real HTTP on 127.0.0.1 are stored with ID numbers, mobiles, people's
names and addresses masked, in ``sandbox.db`` and its ``-wal`` alike."""

from __future__ import annotations

from app.case.interchange import parse_case
from app.training.seeding import seed_cases
from app.wiring.profile import OpenedProfile
from app.wiring.sandbox import start_embedded_sandbox
from app.wiring.services import desk_sync
from sync.sandbox.at_rest import masked_payload


def test_the_embedded_sandbox_files_hold_no_id_number_mobile_or_name(training_profile: OpenedProfile) -> None:
    with training_profile.store.unit_of_work() as uow:
        seed_cases(uow, 12, training=True, seed=5)
    with training_profile.store.read_unit_of_work() as uow:
        queued = [row.case_id for row in uow.cases.list(status="queued", limit=100, offset=0)]
        sent_cases = [parse_case(uow.cases.get(case_id).document) for case_id in queued]  # type: ignore[union-attr]
    _, stop = start_embedded_sandbox(training_profile, decision_delay_s=0.0, correction_rate=0.0)
    try:
        report = desk_sync(training_profile).run_once()
        assert report.ok
    finally:
        stop()
    folder = training_profile.profile.root / "sandbox"
    stored = b"".join(path.read_bytes() for path in sorted(folder.glob("sandbox.db*")))
    assert stored
    people = [person for case in sent_cases for person in case.people]
    assert people, "the seed queued cases with people"
    for person in people:
        assert person.id_number
        assert person.id_number.encode() not in stored
        assert person.mobile
        assert person.mobile.encode() not in stored
        assert person.name.encode() not in stored


def test_a_payload_is_masked_where_people_are_and_kept_where_agencies_read() -> None:
    payload = {
        "company": {"name": "寿光市菜都农业有限公司", "domicile": {"address": "寿光市圣城街道1号"}},
        "people": [{"name": "王小明", "id_number": "37078319900101123X", "mobile": "13800138000"}],
        "note": "联系 13912345678",
    }
    masked = masked_payload(payload)
    assert masked["company"] == payload["company"]
    assert masked["people"][0] == {"name": "王**", "id_number": "370783********123X", "mobile": "138****8000"}
    assert masked["note"] == "联系 139****5678"
