"""案卷查询: the key's kind from its shape, bad input refused by field, and searches on the real store."""

from __future__ import annotations

import datetime as dt

import pytest

from app.case.model import Case
from app.errors import InputRejected
from app.services.case_search import SearchRequest, build_query, key_kinds, normalize_key, search_cases
from app.working_hours import CHINA_TIME
from tests.integration.sync.support import DeskStore
from tests.unit.casework.support import TODAY, cases, store_cases


@pytest.mark.parametrize(
    ("typed", "kinds"),
    [
        ("13812345678", ("mobile",)),
        ("37078319900307123x", ("id_number", "uscc")),  # both shapes fit: both kinds are looked up
        ("370783199003071234", ("id_number", "uscc")),
        ("91370783MA3C4D5E6F", ("uscc",)),
        ("SG20261126-7K3M9QXA", ("case_id",)),
        ("晨光", ("name",)),
        ("1381234567", ("name",)),  # ten digits: not a mobile
        ("   ", ()),
    ],
)
def test_the_kind_of_key_is_decided_by_its_shape(typed: str, kinds: tuple[str, ...]) -> None:
    assert key_kinds(normalize_key(typed)) == kinds


def test_typed_numbers_lose_spaces_and_take_upper_case() -> None:
    assert normalize_key(" 138 1234 5678 ") == "13812345678"
    assert normalize_key("37078319900307123x") == "37078319900307123X"
    assert normalize_key(" 寿光 晨光 ") == "寿光 晨光"


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (SearchRequest(opened_from="2026-13-01"), "opened_from"),
        (SearchRequest(opened_until="昨天"), "opened_until"),
        (SearchRequest(opened_from="2026-11-28", opened_until="2026-11-01"), "opened_from"),
        (SearchRequest(status="finished"), "status"),
    ],
)
def test_bad_parts_are_refused_naming_the_field(request_: SearchRequest, field: str) -> None:
    with pytest.raises(InputRejected) as refused:
        build_query(request_)
    assert refused.value.data["field"] == field
    assert "请" in refused.value.message_zh


def test_searches_by_every_kind_of_key(store: DeskStore) -> None:
    found = cases(30)
    store_cases(store, found)
    target = found[7]
    person = target.people[0]
    with store.outbox() as (uow, _):
        by_name = search_cases(uow, SearchRequest(key=target.company.name[3:7]))
        by_id = search_cases(uow, SearchRequest(key=person.id_number.lower()))
        by_mobile = search_cases(uow, SearchRequest(key=person.mobile))
        by_case = search_cases(uow, SearchRequest(key=target.case_id))
    assert target.case_id in [hit.case_id for hit in by_name.hits]
    assert all(target.company.name[3:7] in hit.company_name for hit in by_name.hits)
    assert by_id.kinds == ("id_number", "uscc")
    assert target.case_id in [hit.case_id for hit in by_id.hits]
    assert target.case_id in [hit.case_id for hit in by_mobile.hits]
    assert [hit.case_id for hit in by_case.hits] == [target.case_id]


def test_date_range_and_state_filter_and_newest_opened_come_first(store: DeskStore) -> None:
    found = cases(40)
    store_cases(store, found)
    status = found[0].status.value
    with store.outbox() as (uow, _):
        everything = search_cases(uow, SearchRequest(), limit=100)
        today = search_cases(uow, SearchRequest(opened_from=str(TODAY), opened_until=str(TODAY)), limit=100)
        in_state = search_cases(uow, SearchRequest(status=status), limit=100)
        first_page = search_cases(uow, SearchRequest(), limit=10)
    assert len(everything.hits) == 40
    assert not everything.more
    opened = [hit.created_at for hit in everything.hits]
    assert opened == sorted(opened, reverse=True)
    assert today.hits
    assert {hit.case_id for hit in today.hits} == {c.case_id for c in found if _china_day(c) == TODAY}
    assert {hit.case_id for hit in in_state.hits} == {c.case_id for c in found if c.status.value == status}
    assert len(first_page.hits) == 10
    assert first_page.more


def test_a_name_with_like_wildcards_matches_them_literally(store: DeskStore) -> None:
    store_cases(store, cases(10))
    with store.outbox() as (uow, _):
        assert search_cases(uow, SearchRequest(key="%")).hits == ()
        assert search_cases(uow, SearchRequest(key="_")).hits == ()


def _china_day(case: Case) -> dt.date:
    return case.created_at.astimezone(CHINA_TIME).date()
