"""bizdesk.case/1 reading and writing: exact round trips, documented normalisation, schema problems."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.case import CaseFormatError, dump_case, dumps_case, parse_case, read_case
from app.seed import generate_cases
from tests.unit.case.builders import TODAY, llc_document


def test_dump_of_read_equals_the_input_exactly() -> None:
    document = llc_document()
    assert dump_case(parse_case(copy.deepcopy(document))) == document


def test_money_is_kept_as_the_exact_string_read() -> None:
    document = llc_document()
    document["company"]["registered_capital_wan"] = "100.50"
    document["roles"]["shareholders"][0]["subscribed_wan"] = "60.5000"
    case = parse_case(document)
    assert str(case.company.registered_capital_wan) == "100.50"
    assert dump_case(case)["roles"]["shareholders"][0]["subscribed_wan"] == "60.5000"


def test_documented_normalisation() -> None:
    document = llc_document()
    document["people"][3]["id_number"] = (
        "  "
        + document["people"][3]["id_number"][:-1].translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
        + document["people"][3]["id_number"][-1].lower()
    )
    document["people"][3]["mobile"] = "+86 186-0536-4567"
    document["company"]["name"] = " 寿光市绿野蔬菜种植有限公司\u3000"
    document["people"][0]["address"] = "  山东省寿光市圣城街道农圣街18号 "
    document["created_at"] = "2026-11-26T01:00:00+00:00"
    out = dump_case(parse_case(document))
    expected = llc_document()
    assert out["people"][3]["id_number"] == expected["people"][3]["id_number"].upper()
    assert out["people"][3]["mobile"] == "18605364567"
    assert out["company"]["name"] == expected["company"]["name"]
    assert out["people"][0]["address"] == expected["people"][0]["address"]
    assert out["created_at"] == "2026-11-26T01:00:00Z"


def test_brackets_in_names_become_full_width() -> None:
    document = llc_document()
    document["company"]["name"] = "寿光市绿野(蔬菜)有限公司"
    assert dump_case(parse_case(document))["company"]["name"] == "寿光市绿野（蔬菜）有限公司"


def test_absent_optional_keys_stay_absent() -> None:
    document = llc_document()
    out = dump_case(parse_case(document))
    assert "production_address" not in out["company"]
    assert "fictitious" not in out
    assert set(out) == set(document)


def test_canonical_text_is_sorted_utf8_indented() -> None:
    text = dumps_case(parse_case(llc_document()))
    assert text.endswith("}\n")
    assert "寿光市绿野蔬菜种植有限公司" in text
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize(
    ("mutate", "code", "field"),
    [
        (lambda d: d["people"][1].update(id_number=370783), "schema.string_type", "people[1].id_number"),
        (lambda d: d["people"][1].update(nickname="小李"), "schema.extra_forbidden", "people[1].nickname"),
        (
            lambda d: d["company"].update(registered_capital_wan=100),
            "schema.money_format",
            "company.registered_capital_wan",
        ),
        (
            lambda d: d["company"].update(registered_capital_wan="1e2"),
            "schema.money_format",
            "company.registered_capital_wan",
        ),
        (
            lambda d: d["company"].update(registered_capital_wan="100.12345"),
            "schema.money_format",
            "company.registered_capital_wan",
        ),
        (lambda d: d.update(created_at="2026-11-26T09:00:00"), "schema.timezone_aware", "created_at"),
        (lambda d: d["company"].update(type="gmbh"), "schema.enum", "company.type"),
        (lambda d: d["company"].pop("type"), "schema.missing", "company.type"),
        (lambda d: d["company"].update(employees="8"), "schema.int_type", "company.employees"),
        (lambda d: d["company"].update(operating_term=0), "schema.operating_term", "company.operating_term"),
        (
            lambda d: d["services"]["tax"]["data"].update(taxpayer_kind="big"),
            "schema.enum",
            "services.tax.data.taxpayer_kind",
        ),
        (
            lambda d: d["roles"]["shareholders"][0].update(due_date="31/12/2030"),
            "schema.date_parsing",
            "roles.shareholders[0].due_date",
        ),
    ],
)
def test_schema_problems_have_field_paths_and_both_languages(mutate: Any, code: str, field: str) -> None:
    document = llc_document()
    mutate(document)
    case, problems = read_case(document)
    assert case is None
    assert (code, field) in {(p.code, p.field) for p in problems}, problems
    assert all(p.severity == "error" and p.message_zh and p.message_en for p in problems)


def test_every_problem_is_listed_at_once() -> None:
    document = llc_document()
    document["people"][0]["id_number"] = 1
    document["people"][2]["mobile"] = 2
    document["staff"][0]["monthly_wage_yuan"] = 4500.0
    with pytest.raises(CaseFormatError) as refused:
        parse_case(document)
    fields = {p.field for p in refused.value.problems}
    assert fields == {"people[0].id_number", "people[2].mobile", "staff[0].monthly_wage_yuan"}
    assert len(refused.value.details) == 3


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ([], "schema.not_object"),
        ({"schema": "bizdesk.case/2"}, "schema.newer_version"),
        ({"schema": "other/1"}, "schema.unknown"),
        ({}, "schema.unknown"),
    ],
)
def test_not_a_case_document(data: Any, code: str) -> None:
    case, problems = read_case(data)
    assert case is None
    assert [p.code for p in problems] == [code]


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10_000), index=st.integers(min_value=0, max_value=7))
def test_generated_cases_round_trip_through_export_and_import(seed: int, index: int) -> None:
    case = generate_cases(index + 1, seed=seed, today=TODAY)[index]
    exported = json.loads(dumps_case(case))
    again = dumps_case(parse_case(exported))
    assert again == dumps_case(case)
    assert json.loads(again) == exported


@settings(max_examples=40, deadline=None)
@given(
    capital=st.decimals(min_value=1, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
    name=st.text(alphabet="绿野丰源鑫达 （）()", min_size=1, max_size=12),
    copies=st.integers(min_value=0, max_value=10),
)
def test_edited_values_round_trip(capital: Any, name: str, copies: int) -> None:
    document = llc_document()
    document["company"]["registered_capital_wan"] = format(capital, "f")
    document["company"]["name"] = name
    document["services"]["license"]["data"]["copies"] = copies
    once = dump_case(parse_case(document))
    assert dump_case(parse_case(copy.deepcopy(once))) == once


def test_python_values_in_a_dict_are_accepted() -> None:
    document = llc_document()
    document["roles"]["shareholders"][0]["due_date"] = dt.date(2030, 12, 31)
    assert parse_case(document).roles.shareholders[0].due_date == dt.date(2030, 12, 31)
