"""Every result field the protocol defines lands in the case and in its read model (nothing dropped)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case, parse_case
from app.case.model import Case
from app.case.view import case_view
from app.seed import generate_cases
from app.syncing.apply import RESULT_FIELDS, advance
from app.syncing.ports import StatusEvent
from sync.protocol.models import AgencyResults

TODAY = dt.date(2026, 11, 26)
USCC = "91370783MA3C4XYZ0K"
ISSUED: dict[str, dict[str, Any]] = {
    "license": {
        "uscc": USCC,
        "license_number": "37078320260000123",
        "established_on": "2026-11-26",
        "authority": "寿光市市场监督管理局",
    },
    "seal": {
        "seal_codes": ["3707831000001", "3707831000002", "3707831000003", "3707831000004"],
        "seal_filing_number": "3707831000001",
        "engraved_on": "2026-11-26",
    },
    "bank_account": {
        "account_number": "6222020000000000001",
        "account_filing_number": "J4550000000001",
        "opened_on": "2026-11-26",
    },
    "tax": {
        "tax_registration_number": USCC,
        "tax_authority": "国家税务总局寿光市税务局",
        "registered_on": "2026-11-26",
    },
    "social_security": {"social_security_unit_number": "3700000001", "registered_on": "2026-11-26"},
    "medical_insurance": {"medical_insurance_unit_number": "370700000001", "registered_on": "2026-11-26"},
    "housing_fund": {"housing_fund_unit_number": "078300000001", "registered_on": "2026-11-26"},
}


def test_the_desk_maps_every_result_field_of_the_protocol() -> None:
    mapped = {wire for fields in RESULT_FIELDS.values() for wire in fields}
    assert set(AgencyResults.model_fields) <= mapped


def _complete_all(case: Case) -> Case:
    for code, _ in case.services.requested():
        event = StatusEvent(1, "k", case.case_id, code.value, "completed", (), ISSUED[code.value], None)
        moved = advance(case, code, event)
        assert moved is not None, code
        case = moved
    return case


def _queued_with_every_service() -> Case:
    for case in generate_cases(64, seed=5, today=TODAY):
        requested = {code for code, _ in case.services.requested()}
        if case.status is Status.QUEUED and requested == set(ServiceCode):
            return case
    raise AssertionError("no queued case requesting every service in the sample")


def test_every_issued_number_reaches_the_case_document_and_its_page() -> None:
    case = parse_case(dump_case(_complete_all(_queued_with_every_service())))  # through the stored form
    document = dump_case(case)["services"]
    assert document["seal"]["results"]["seal_codes"][0] == {"kind": "official", "code": "3707831000001"}
    assert [c["code"] for c in document["seal"]["results"]["seal_codes"]] == ISSUED["seal"]["seal_codes"]
    assert document["tax"]["results"]["tax_registration_number"] == USCC
    shown = {s.code: s for s in case_view(case, 1, [], {}).services}
    for service, issued in ISSUED.items():
        values = {line.field: line.value for line in shown[service].result_lines}
        for wire, value in issued.items():
            if wire == "seal_codes":
                assert [values[f"seal_codes.{i}"] for i in range(4)] == value
            else:
                assert str(value) in {str(v) for v in values.values()}, (service, wire)
        assert all(line.label_zh for line in shown[service].result_lines)
