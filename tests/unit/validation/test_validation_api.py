"""The public surface of app.validation: names, shapes and the never-raise promise."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import app.validation as validation
from app.validation import Problem, is_valid

BARE_VALIDATORS: dict[str, Callable[[object], list[Problem]]] = {
    "uscc": validation.validate_uscc,
    "org_code": validation.validate_org_code,
    "resident_id": validation.validate_resident_id,
    "mobile": validation.validate_mobile,
    "name": lambda value: validation.validate_company_name(value, "llc"),
}


def test_public_names() -> None:
    for name in (
        "validate_uscc",
        "validate_resident_id",
        "validate_mobile",
        "validate_company_name",
        "validate_org_code",
        "Problem",
        "is_valid",
        "normalize_identifier",
        "normalize_mobile",
        "normalize_company_name",
        "uscc_check_char",
        "resident_id_check_char",
        "org_code_check_char",
        "resident_id_birth_date",
        "resident_id_sex",
    ):
        assert name in validation.__all__
        assert callable(getattr(validation, name))


def test_case_rules_are_the_case_packages_own() -> None:
    from app.case import rules

    assert "validate_case" not in validation.__all__
    doc = rules.validate_case.__doc__ or ""
    assert "valid" in doc
    assert "Case" in (rules.validate.__doc__ or "")


@pytest.mark.parametrize("prefix", sorted(BARE_VALIDATORS))
@pytest.mark.parametrize("value", [None, 0, 12345678901, 3.14, b"bytes", object(), True])
def test_non_text_values_give_one_error(prefix: str, value: object) -> None:
    problems = BARE_VALIDATORS[prefix](value)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1
    assert errors[0].code in {f"{prefix}.type", f"{prefix}.empty"}
    assert not is_valid(problems)


@pytest.mark.parametrize("prefix", sorted(BARE_VALIDATORS))
def test_problems_of_bare_values_have_no_field_and_can_be_placed(prefix: str) -> None:
    problems = BARE_VALIDATORS[prefix]("x①")
    assert problems
    for problem in problems:
        assert problem.field == ""
        assert problem.code.startswith(f"{prefix}.")
        assert problem.severity in {"error", "warning"}
        assert problem.at("people[0].id").field == "people[0].id"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.floats(), st.text(), st.binary(), st.lists(st.text())))
def test_no_validator_ever_raises(value: object) -> None:
    for validate in BARE_VALIDATORS.values():
        for problem in validate(value):
            assert isinstance(problem, Problem)
            assert problem.message_zh
            assert problem.message_en
