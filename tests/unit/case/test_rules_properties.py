"""Properties of validate_case: it never raises, it points at the field that broke, money is exact."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.case import dump_case
from app.case.rules import validate_case
from app.seed import generate_cases
from app.validation.problems import Problem
from tests.unit.case.builders import TODAY, llc_document

BASE = llc_document()
CASES = [dump_case(c) for c in generate_cases(24, seed=99, today=TODAY)]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.text(max_size=20),
    st.sampled_from(["p1", "p9", "", "370783", "2026-02-30", "1e3", "long_term", "ready", "llc", "money"]),
    st.lists(st.sampled_from(["p1", "AG001", "official", "x"]), max_size=3),
    st.builds(dict),
    st.just(float("nan")),
)


def _set(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = document
    for key in path[:-1]:
        target = target[key]
    if value is ... and isinstance(target, dict):
        target.pop(path[-1], None)
    elif value is not ...:
        target[path[-1]] = value


BASES = [BASE, *CASES]
BASE_PATHS = [_paths(b) for b in BASES]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.integers(min_value=0, max_value=len(BASES) - 1), data=st.data())
def test_validate_case_never_raises_and_always_explains(base: int, data: st.DataObject) -> None:
    document = copy.deepcopy(BASES[base])
    edit = st.tuples(st.sampled_from(BASE_PATHS[base]), st.one_of(JUNK, st.just(...)))
    for path, value in data.draw(st.lists(edit, min_size=1, max_size=4)):
        try:
            _set(document, path, value)
        except (KeyError, IndexError, TypeError):
            continue
    problems = validate_case(document, today=TODAY)
    assert all(isinstance(p, Problem) for p in problems)
    for problem in problems:
        assert problem.severity in ("error", "warning")
        assert problem.code
        assert problem.message_zh
        assert problem.message_en


@settings(max_examples=60, deadline=None)
@given(case_index=st.integers(min_value=0, max_value=len(CASES) - 1), data=st.data())
def test_a_wrong_check_character_is_reported_exactly_there(case_index: int, data: st.DataObject) -> None:
    document = copy.deepcopy(CASES[case_index])
    index = data.draw(st.integers(min_value=0, max_value=len(document["people"]) - 1))
    number = document["people"][index]["id_number"]
    wrong = data.draw(st.sampled_from([c for c in "0123456789X" if c != number[-1]]))
    document["people"][index]["id_number"] = number[:-1] + wrong
    errors = {(p.code, p.field) for p in validate_case(document, today=TODAY) if p.severity == "error"}
    assert ("resident_id.check", f"people[{index}].id_number") in errors


@settings(max_examples=80, deadline=None)
@given(
    first=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(5000), places=4),
    second=st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(5000), places=4),
    delta=st.sampled_from([Decimal(0), Decimal("0.0001"), Decimal("-0.0001"), Decimal(1)]),
)
def test_subscriptions_must_equal_the_capital_to_the_last_yuan(
    first: Decimal, second: Decimal, delta: Decimal
) -> None:
    document = copy.deepcopy(BASE)
    capital = first + second + delta
    if capital <= 0:
        return
    document["company"]["registered_capital_wan"] = format(capital, "f")
    document["roles"]["shareholders"][0]["subscribed_wan"] = format(first, "f")
    document["roles"]["shareholders"][1]["subscribed_wan"] = format(second, "f")
    document["roles"]["beneficial_owner_exemption"] = {"no_other_controller": True}
    codes = {p.code for p in validate_case(document, today=TODAY) if p.severity == "error"}
    assert ("company_law.subscription_sum" in codes) is (delta != 0)


@settings(max_examples=40, deadline=None)
@given(days=st.integers(min_value=-400, max_value=400))
def test_legal_representative_age_boundary(days: int) -> None:
    from datetime import timedelta

    from tests.unit.case.builders import rid

    born = TODAY.replace(year=TODAY.year - 18) + timedelta(days=days)
    document = copy.deepcopy(BASE)
    document["people"][0]["id_number"] = rid("370783", f"{born:%Y%m%d}", "031")
    codes = {p.code for p in validate_case(document, today=TODAY) if p.severity == "error"}
    assert ("roles.legal_representative_age" in codes) is (days > 0)
