"""The bizdesk.payload/1 JSON Schemas: published in docs/payloads, and true of what the desk builds."""

from __future__ import annotations

import datetime as dt

import pytest
from jsonschema import Draft202012Validator

from app.case.payload import service_payload
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
