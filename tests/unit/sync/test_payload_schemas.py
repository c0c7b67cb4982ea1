"""The bizdesk.payload/1 JSON Schemas: published in docs/payloads, and true of what the desk builds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from jsonschema import Draft202012Validator

from app.case.enums import CompanyType, Valuation
from app.case.model import Case
from app.case.payload import person_block, service_payload
from app.seed import generate_cases
from sync.protocol.payloads import DOCS, SERVICES, payload_schema, rendered


@pytest.mark.parametrize("service", SERVICES)
def test_the_published_schema_is_the_generated_one(service: str) -> None:
    published = (DOCS / f"{service}.schema.json").read_text(encoding="utf-8")
    assert published == rendered(service), (
        f"docs/payloads/{service}.schema.json drifted: run  python -m sync.protocol.payloads"
    )
    Draft202012Validator.check_schema(payload_schema(service))


def test_every_payload_built_from_seeded_cases_validates() -> None:
    validators = {s: Draft202012Validator(payload_schema(s)) for s in SERVICES}
    checked = 0
    for case in generate_cases(80, seed=21, today=dt.date(2026, 11, 26)):
        for code, _ in case.services.requested():
            payload = service_payload(case, code)
            errors = [
                f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in validators[code.value].iter_errors(payload)
            ]
            assert errors == [], (case.case_id, code.value, errors[:5])
            checked += 1
    assert checked > 200


def test_unknown_fields_and_another_services_payload_are_refused() -> None:
    case = next(c for c in generate_cases(20, seed=21, today=dt.date(2026, 11, 26)))
    licence = service_payload(case, "license")
    validator = Draft202012Validator(payload_schema("license"))
    assert not validator.is_valid({**licence, "junk": "x" * 100})
    assert not validator.is_valid({**licence, "company": {**licence["company"], "extra": 1}})
    assert not Draft202012Validator(payload_schema("tax")).is_valid(licence)


def _seeded(kind: CompanyType, count: int = 80) -> list[Case]:
    return [c for c in generate_cases(count, seed=21, today=dt.date(2026, 11, 26)) if c.company.type is kind]


def test_what_the_case_holds_for_the_agencies_travels_in_the_payload() -> None:
    """Fields the forms print and the agencies ask for are sent too, not only printed: the card's
    validity, sex and nationality of every person, how a partner's contribution is valued and who a
    legal-person partner delegates, the 个人独资企业's 出资方式, each beneficial owner's grounds, date,
    share and control, and the materials (with 容缺 commitments)."""
    cases = generate_cases(120, seed=21, today=dt.date(2026, 11, 26))
    case = next(c for c in cases if any(p.id_valid_until is not None for p in c.people))
    person = next(p for p in case.people if p.id_valid_until is not None).model_copy(
        update={"nationality": "CHN"}
    )
    case = case.model_copy(
        update={"people": [person if p.person_id == person.person_id else p for p in case.people]}
    )
    block = person_block(case, person.person_id)
    assert block is not None
    assert block["id_valid_until"] in (
        person.id_valid_until,
        getattr(person.id_valid_until, "isoformat", str)(),
    )
    assert block["sex"] in ("male", "female")  # read off the resident ID number
    assert block["birth_date"]
    assert block["nationality"] == "CHN"

    partnership = _seeded(CompanyType.PARTNERSHIP)[0]
    delegate = partnership.people[0].person_id
    first = partnership.roles.shareholders[0].model_copy(
        update={"valuation": Valuation.APPRAISED, "delegate": delegate}
    )
    roles = partnership.roles.model_copy(
        update={"shareholders": [first, *partnership.roles.shareholders[1:]]}
    )
    partnership = partnership.model_copy(update={"roles": roles})
    sent = service_payload(partnership, "license")["shareholders"][0]
    assert sent["valuation"] == "appraised"
    assert sent["delegate"] == person_block(partnership, delegate)
    sole = _seeded(CompanyType.SOLE_PROPRIETORSHIP)[0]
    (investor,) = service_payload(sole, "license")["shareholders"]
    assert investor["sole_investment"] in ("personal_property", "family_property")

    with_owners = next(c for c in cases if c.roles.beneficial_owners)
    owner = with_owners.roles.beneficial_owners[0].model_copy(
        update={"since": dt.date(2026, 11, 20), "share_percent": Decimal("30"), "control": "协议控制"}
    )
    roles = with_owners.roles.model_copy(update={"beneficial_owners": [owner]})
    with_owners = with_owners.model_copy(update={"roles": roles})
    for sent_owner in (
        service_payload(with_owners, "license")["beneficial_owners"][0],
        service_payload(with_owners, "bank_account")["beneficial_owner_details"][0],
    ):
        assert sent_owner["bases"] == [b.value for b in owner.bases]
        assert sent_owner["since"] == "2026-11-20"
        assert sent_owner["share_percent"] == "30"
        assert sent_owner["control"] == "协议控制"
    deferred = next(c for c in cases if any(d.deferral for d in c.documents))
    documents = service_payload(deferred, "license")["documents"]
    assert [d["kind"] for d in documents] == [d.kind.value for d in deferred.documents]
    assert any(d["status"] == "deferred" and d["deferral"]["due_date"] for d in documents)
    for payload in (service_payload(partnership, "license"), service_payload(with_owners, "bank_account")):
        errors = list(Draft202012Validator(payload_schema(payload["service"])).iter_errors(payload))
        assert errors == []


def test_a_payload_of_an_earlier_v1_desk_without_the_added_keys_still_validates() -> None:
    """Keys added within v1 are optional for a platform (docs/sync-protocol.md §11)."""
    case = next(
        c for c in generate_cases(40, seed=21, today=dt.date(2026, 11, 26)) if c.roles.beneficial_owners
    )
    licence = service_payload(case, "license")
    earlier = {
        k: v for k, v in licence.items() if k not in ("documents", "beneficial_owner_exemption_declaration")
    }
    earlier["legal_representative"] = {
        **licence["legal_representative"],
        "person": {
            k: v
            for k, v in licence["legal_representative"]["person"].items()
            if k not in ("sex", "nationality", "id_valid_until")
        },
    }
    validator = Draft202012Validator(payload_schema("license"))
    assert validator.is_valid(licence)
    assert validator.is_valid(earlier)
    assert not validator.is_valid(
        {**licence, "documents": [{"kind": "id_copy"}]}
    )  # an added key is still checked
