"""The fictitious case generator: deterministic, spread over types and states, valid identifiers."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from app.case import CompanyType, Status, dumps_case
from app.case.enums import HolderKind
from app.case.rules import validate_case
from app.seed import FICTITIOUS_NOTE, generate_cases
from app.validation import is_valid, validate_mobile, validate_resident_id, validate_uscc

TODAY = dt.date(2026, 11, 26)


def test_same_seed_same_cases_other_seed_other_cases() -> None:
    first = [dumps_case(c) for c in generate_cases(8, seed=42, today=TODAY)]
    assert first == [dumps_case(c) for c in generate_cases(8, seed=42, today=TODAY)]
    assert first != [dumps_case(c) for c in generate_cases(8, seed=43, today=TODAY)]


def test_every_type_and_state_and_every_pair_in_32_cases() -> None:
    cases = generate_cases(32, seed=1, today=TODAY)
    assert {c.status for c in cases[:8]} == set(Status)
    assert {(c.company.type, c.status) for c in cases} == {(t, s) for t in CompanyType for s in Status}


def test_cases_past_draft_pass_the_rules_and_some_are_ready() -> None:
    cases = generate_cases(48, seed=5, today=TODAY)
    for case in cases:
        problems = validate_case(case, today=TODAY)
        if case.status is not Status.DRAFT:
            assert is_valid(problems), (case.status, [p for p in problems if p.severity == "error"])
    assert sum(c.status is Status.READY for c in cases) == 6
    drafts = [c for c in cases if c.status is Status.DRAFT]
    assert any(not is_valid(validate_case(c, today=TODAY)) for c in drafts)


def test_identifiers_carry_valid_check_characters() -> None:
    cases = generate_cases(64, seed=9, today=TODAY)
    codes: Counter[str] = Counter()
    for case in cases:
        for person in case.people:
            assert is_valid(validate_resident_id(person.id_number, today=TODAY)), person.id_number
            assert not validate_mobile(person.mobile)
            codes[(person.id_number or "")[:6]] += 1
        licence = case.services.license
        if licence is not None and licence.results is not None:
            assert is_valid(validate_uscc(licence.results.uscc))
            assert licence.results.uscc.startswith("91370783MA")
        for holder in case.roles.shareholders:
            if holder.holder is HolderKind.LEGAL and holder.entity is not None:
                assert is_valid(validate_uscc(holder.entity.uscc))
    assert codes.most_common(1)[0][0] == "370783"
    assert codes["372223"] + codes["370723"] > 0  # numbers first issued before 1993 keep their code


def test_every_case_is_marked_fictitious() -> None:
    for case in generate_cases(16, seed=3, today=TODAY):
        assert case.fictitious
        assert case.note == FICTITIOUS_NOTE
        assert all((p.email or "@example.com").endswith("@example.com") for p in case.people)


def test_company_names_are_unique_and_local() -> None:
    cases = generate_cases(100, seed=8, today=TODAY)
    names = [c.company.name for c in cases]
    assert len(set(names)) == len(names)
    assert all((n or "").startswith("寿光市") for n in names)
