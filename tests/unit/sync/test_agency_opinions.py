"""The training platform's 补正 opinions follow from what the licence holds, and the desk can answer each."""

from __future__ import annotations

import datetime as dt

import pytest

from app.case.enums import ServiceCode, Status
from app.case.model import Case
from app.case.payload import service_payload
from app.case.service_models import Correction
from app.seed import generate_cases
from app.services.corrections import CORRECTABLE, apply_corrections, correctable_values, flagged_fields
from sync.sandbox.agency import (
    ADDRESS_MISMATCH,
    ADDRESS_NO_NUMBER,
    CORRECTION_MARK,
    CORRECTION_REASONS,
    PHONE_MISSING,
    opinion,
)

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def ready() -> list[Case]:
    return [c for c in generate_cases(60, seed=3, today=TODAY) if c.status is Status.READY]


def _licence(case: Case) -> dict[str, object]:
    return dict(service_payload(case, ServiceCode.LICENSE))


def test_a_complete_licence_is_never_sent_back(ready: list[Case]) -> None:
    """A scope picked item by item from the catalogue, a full address and a phone: nothing to correct."""
    assert ready
    assert {opinion(_licence(case)) for case in ready} == {None}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"domicile_address": f"圣城街道文圣街{CORRECTION_MARK}18号"}, ADDRESS_MISMATCH),
        ({"domicile_address": "圣城街道文圣街"}, ADDRESS_NO_NUMBER),
        ({"company_phone": ""}, PHONE_MISSING),
    ],
)
def test_what_the_case_holds_calls_for_the_opinion_and_the_desks_correction_answers_it(
    ready: list[Case], changes: dict[str, str], reason: str
) -> None:
    case = apply_corrections(ready[0], changes)
    assert opinion(_licence(case)) == reason
    (field,) = flagged_fields([Correction(message_zh=reason)])
    assert field in changes  # the opinion names the field that holds the fault
    answered = apply_corrections(case, {field: correctable_values(ready[0])[field]})
    assert opinion(_licence(answered)) is None


def test_every_opinion_the_platform_gives_names_a_field_of_the_desks_correction_form() -> None:
    keys = {field.key for field in CORRECTABLE}
    for reason in CORRECTION_REASONS:
        named = flagged_fields([Correction(message_zh=reason)])
        assert named, reason
        assert set(named) <= keys
