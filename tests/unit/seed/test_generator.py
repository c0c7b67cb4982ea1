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


def _moments(case: object) -> list[dt.datetime]:
    """Every timestamp in a case (opened, updated, each service's moves)."""
    found: list[dt.datetime] = []

    def walk(value: object) -> None:
        if isinstance(value, dt.datetime):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(case.model_dump())  # type: ignore[attr-defined]
    return found


def test_a_demo_day_seeded_after_midnight_opens_todays_cases_before_now() -> None:
    # 00:05 on a Tuesday in Shouguang (16:05 UTC on Monday): the desk's day has not opened yet, and the
    # machine's own (UTC) date is still Monday. Today's cases fall between midnight and now.
    now = dt.datetime(2026, 12, 7, 16, 5, tzinfo=dt.UTC)
    cases = generate_cases(30, seed=2026, now=now)
    midnight = dt.datetime(2026, 12, 8, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    todays = [case for case in cases if case.case_id.startswith("SG20261208-")]
    assert todays, [case.case_id for case in cases]
    assert all(midnight <= case.created_at <= now for case in todays)
    assert all(moment <= now for case in cases for moment in _moments(case))
    assert not [case.case_id for case in cases if case.case_id > "SG20261208-~"]  # none dated tomorrow


def test_cases_opened_earlier_today_keep_their_moves_before_now() -> None:
    now = dt.datetime(2026, 12, 8, 1, 40, tzinfo=dt.UTC)  # 09:40 in Shouguang
    cases = generate_cases(40, seed=11, now=now)
    assert all(moment <= now for case in cases for moment in _moments(case))
    assert [case.case_id for case in cases] == [case.case_id for case in generate_cases(40, seed=11, now=now)]
