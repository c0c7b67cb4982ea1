"""Case intents over the in-memory unit of work: stored on success, nothing stored on refusal."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from app.case import dump_case, parse_case
from app.case.lifecycle import NotReady
from app.errors import InputRejected, NotFound, UsageError
from app.services.cases import (
    CaseChanged,
    export_case,
    import_case,
    list_cases,
    mark_ready,
    new_case_id,
    save_case,
    show_case,
)
from app.training.seeding import seed_cases
from tests.fakes import FakeUnitOfWork
from tests.unit.case.builders import PEOPLE, TODAY, llc_document

NOW = dt.datetime(2026, 11, 26, 2, 0, tzinfo=dt.UTC)


def clock() -> dt.datetime:
    return NOW


def _import(uow: FakeUnitOfWork, document: dict, **kwargs: object):  # type: ignore[no-untyped-def,type-arg]
    with uow:
        return import_case(uow, document, by="clerk01", today=TODAY, clock=clock, **kwargs)  # type: ignore[arg-type]


def test_import_stores_the_document_and_audits_without_personal_data() -> None:
    uow = FakeUnitOfWork()
    result = _import(uow, llc_document())
    assert result.case_id == "SG20261126-TEST0001"
    assert result.status == "draft"
    assert [p.code for p in result.problems] == ["name.duplicate_unchecked"]
    assert uow.state.cases[result.case_id].document == llc_document()
    entry = uow.state.audit[-1]
    assert entry["action"] == "case.import"
    assert entry["actor"] == "clerk01"
    text = json.dumps(entry, ensure_ascii=False)
    assert all(
        p["id_number"] not in text and p["mobile"] not in text and p["name"] not in text for p in PEOPLE
    )


def test_export_returns_exactly_what_was_imported() -> None:
    uow = FakeUnitOfWork()
    _import(uow, llc_document())
    with uow:
        assert export_case(uow, "SG20261126-TEST0001", by="clerk01") == llc_document()
    assert uow.state.audit[-1]["action"] == "case.export"


def test_a_past_draft_case_with_an_error_is_refused_whole_and_nothing_is_stored() -> None:
    document = dump_case(parse_case(llc_document()))
    document["status"] = "ready"
    for request in document["services"].values():
        request["status"] = "ready"
    document["people"][1]["id_number"] = document["people"][1]["id_number"][:-1] + "0"
    document["roles"]["shareholders"][0]["subscribed_wan"] = "50"
    uow = FakeUnitOfWork()
    with pytest.raises(InputRejected) as refused:
        _import(uow, document)
    fields = {p["field"] for p in refused.value.data["problems"] if p["severity"] == "error"}
    assert {"people[1].id_number", "roles.shareholders"} <= fields
    assert any(line.startswith("people[1].id_number: [error] ") for line in refused.value.details)
    assert uow.state.cases == {}
    assert uow.state.audit == []
    assert uow.commits == 0


def test_a_document_breaking_the_schema_is_refused_with_paths() -> None:
    document = llc_document()
    document["people"][2]["id_number"] = 42
    uow = FakeUnitOfWork()
    with pytest.raises(InputRejected) as refused:
        _import(uow, document)
    assert refused.value.data["problems"][0]["field"] == "people[2].id_number"
    assert uow.state.cases == {}


def test_a_draft_imports_with_its_errors_reported() -> None:
    document = llc_document()
    document["roles"]["shareholders"][0]["subscribed_wan"] = "50"
    result = _import(FakeUnitOfWork(), document)
    assert "company_law.subscription_sum" in {p.code for p in result.problems if p.severity == "error"}


def test_duplicates_and_fictitious_cases_on_a_real_desk_are_refused() -> None:
    uow = FakeUnitOfWork()
    _import(uow, llc_document())
    with pytest.raises(InputRejected) as duplicate:
        _import(uow, llc_document())
    assert duplicate.value.code == "case.exists"
    fictitious = dict(llc_document(), fictitious=True, case_id="SG20261126-TEST0002")
    with pytest.raises(InputRejected) as refused:
        _import(uow, fictitious)
    assert refused.value.code == "case.fictitious_on_desk"


def test_a_real_case_labelled_fictitious_is_refused_by_training_and_a_seeded_one_imports() -> None:
    """Issue 20: real ID numbers and mobiles with ``"fictitious": true`` went into training."""
    uow = FakeUnitOfWork(training=True)
    real = dict(llc_document(), fictitious=True, case_id="SG20261126-TEST0002")
    with pytest.raises(InputRejected) as refused:
        _import(uow, real, training=True)
    assert refused.value.code == "case.not_training_data"
    assert "people[0].id_number" in refused.value.data["fields"]
    assert "不是系统生成的虚构号码" in refused.value.message_zh
    assert uow.state.cases == {}
    from app.seed.generator import generate_cases

    seeded = dump_case(next(iter(generate_cases(1, seed=5, today=TODAY))))
    assert _import(uow, seeded, training=True).case_id == seeded["case_id"]


def test_a_document_without_an_id_gets_a_new_one() -> None:
    document = llc_document()
    document.pop("case_id")
    result = _import(FakeUnitOfWork(), document)
    assert result.case_id.startswith("SG20261126-")
    assert len(result.case_id) == 19
    assert new_case_id(NOW) != new_case_id(NOW)


def test_list_and_show_give_plain_masked_data() -> None:
    uow = FakeUnitOfWork()
    _import(uow, llc_document())
    with uow:
        summaries = list_cases(uow)
        view = show_case(uow, "SG20261126-TEST0001", today=TODAY)
        with pytest.raises(UsageError):
            list_cases(uow, status="pending")
        with pytest.raises(NotFound):
            show_case(uow, "SG-NOPE")
    assert [s.case_id for s in summaries] == ["SG20261126-TEST0001"]
    assert (
        view.people[0].id_number_masked
        == PEOPLE[0]["id_number"][:6] + "********" + PEOPLE[0]["id_number"][-4:]
    )
    assert view.people[0].roles[:3] == ("legal_representative", "shareholder", "director")
    assert [s.code for s in view.services][:2] == ["license", "seal"]
    assert not view.services[0].problems
    assert {d.status for d in view.documents} == {"provided"}


def test_save_then_edit_a_ready_case_back_to_draft_and_refuse_stale_revisions() -> None:
    uow = FakeUnitOfWork()
    case = parse_case(llc_document())
    with uow:
        first = save_case(uow, case, by="clerk01", today=TODAY, clock=clock)
    assert first.revision == 1
    with uow:
        mark_ready(uow, case.case_id, by="clerk01", today=TODAY, clock=clock)
    stored = copy.deepcopy(uow.state.cases[case.case_id].document)
    assert stored["status"] == "ready"
    stored["company"]["employees"] = 12
    with uow:
        second = save_case(uow, stored, by="clerk01", expected_revision=2, today=TODAY, clock=clock)
    assert second.revision == 3
    assert second.status == "draft"
    assert uow.state.cases[case.case_id].document["services"]["tax"]["status"] == "draft"
    with uow, pytest.raises(CaseChanged):
        save_case(uow, stored, by="clerk01", expected_revision=2, today=TODAY, clock=clock)


def test_mark_ready_lists_what_is_left() -> None:
    document = llc_document()
    document["services"]["tax"]["data"].pop("taxpayer_kind")
    uow = FakeUnitOfWork()
    _import(uow, document)
    with uow, pytest.raises(NotReady) as refused:
        mark_ready(uow, document["case_id"], by="clerk01", today=TODAY, clock=clock)
    assert [p.field for p in refused.value.problems] == ["services.tax.data.taxpayer_kind"]
    assert uow.state.cases[document["case_id"]].document["status"] == "draft"


def test_seed_refuses_a_real_desk_and_adds_cases_in_training() -> None:
    uow = FakeUnitOfWork()
    with uow, pytest.raises(UsageError) as refused:
        seed_cases(uow, 5, training=False, seed=1)
    assert "培训" in refused.value.message_zh
    assert uow.state.cases == {}
    with uow:
        assert seed_cases(uow, 12, training=True, seed=1, today=TODAY) == 12
    with uow:
        assert seed_cases(uow, 12, training=True, seed=1, today=TODAY) == 0  # same seed, same cases
    assert len(uow.state.cases) == 12
    assert all(row.summary.fictitious for row in uow.state.cases.values())


@pytest.mark.parametrize(
    ("mark", "name"),
    [
        ("\u202e", "RIGHT-TO-LEFT OVERRIDE"),
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
    ],
)
def test_a_name_with_an_invisible_control_is_refused_naming_the_field(mark: str, name: str) -> None:
    document = llc_document()
    document["people"][1]["name"] = (
        document["people"][1]["name"][0] + mark + document["people"][1]["name"][1:]
    )
    uow = FakeUnitOfWork()
    with pytest.raises(InputRejected) as refused:
        _import(uow, document)
    [problem] = [p for p in refused.value.data["problems"] if p["code"] == "text.hidden_character"]
    assert problem["field"] == "people[1].name"
    assert "不可见的控制字符" in problem["message_zh"]
    assert name in problem["message_en"]
    assert "people[1].name" in problem["message_zh"]
    assert uow.state.cases == {}


def test_a_name_with_stacked_combining_marks_is_refused_but_a_variation_selector_is_not() -> None:
    document = llc_document()
    document["people"][0]["name"] = "Z" + "\u0301\u0302\u0303\u0304" + document["people"][0]["name"]
    uow = FakeUnitOfWork()
    with pytest.raises(InputRejected) as refused:
        _import(uow, document)
    [problem] = [p for p in refused.value.data["problems"] if p["code"] == "text.stacked_marks"]
    assert problem["field"] == "people[0].name"
    assert "组合符号" in problem["message_zh"]
    assert "combining marks" in problem["message_en"]
    from app.validation.hidden_text import text_problems

    assert text_problems("\u9fa5\ufe00", "people[0].name") == []  # a 生僻字 glyph variant stays
    assert text_problems("lu\u0308\u0301", "people[0].name") == []  # two marks: decomposed pinyin


def test_a_case_imported_as_submitted_comes_in_as_a_draft_and_says_so() -> None:
    document = dump_case(parse_case(llc_document()))
    document["status"] = "submitted"
    for request in document["services"].values():
        request["status"] = "submitted"
    uow = FakeUnitOfWork()
    result = _import(uow, document)
    assert result.status == "draft"
    stored = uow.state.cases[result.case_id].document
    assert stored["status"] == "draft"
    assert {r["status"] for r in stored["services"].values()} == {"draft"}
    [said] = [p for p in result.problems if p.code == "case.imported_as_draft"]
    assert "已按草稿导入" in said.message_zh
    assert "imported as a draft" in said.message_en
