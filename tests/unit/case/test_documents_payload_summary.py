"""The documents checklist, the per-service payloads and the storage summary, all derived from the case."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

from app.case import (
    DEPENDENCIES,
    DocumentKind,
    ServiceCode,
    case_summary,
    lookup_keys,
    parse_case,
    record_completion,
    required_documents,
    service_payload,
)
from app.case.lifecycle import mark_ready, mark_submitted, queue_for_submission
from app.case.payload import contribution_yuan, dependencies_of
from app.reference import reference_data
from tests.unit.case.builders import PEOPLE, TODAY, llc_document


def test_checklist_follows_the_choices() -> None:
    case = parse_case(llc_document())
    required = {(r.kind, r.subject): r for r in required_documents(case)}
    assert required[(DocumentKind.ID_COPY, "p1")].key
    assert required[(DocumentKind.ID_COPY, "p2")].key  # a shareholder
    assert not required[(DocumentKind.ID_COPY, "p3")].key  # a supervisor
    assert required[(DocumentKind.ARTICLES_OF_ASSOCIATION, None)].key
    assert required[(DocumentKind.DOMICILE_PROOF, None)].deferrable
    assert required[(DocumentKind.TAX_DEBIT_AGREEMENT, None)].service is ServiceCode.TAX
    assert (DocumentKind.PARTNERSHIP_AGREEMENT, None) not in required
    assert (DocumentKind.POWER_OF_ATTORNEY, None) not in required


def test_an_agent_brings_a_power_of_attorney_and_a_key_id_copy() -> None:
    document = llc_document()
    document["roles"]["agent"] = "p3"
    required = {(r.kind, r.subject): r for r in required_documents(parse_case(document))}
    assert required[(DocumentKind.POWER_OF_ATTORNEY, None)].key
    assert required[(DocumentKind.ID_COPY, "p3")].key


def test_payloads_derive_everything_from_the_case() -> None:
    case = parse_case(llc_document())
    licence = service_payload(case, "license")
    assert licence["company"]["name"] == "寿光市绿野蔬菜种植有限公司"
    assert licence["company"]["domicile"]["full_address"] == "山东省潍坊市寿光市圣城街道农圣街100号"
    assert licence["company"]["scope"]["text"].startswith("一般项目：蔬菜种植；")
    assert [s["share_percent"] for s in licence["shareholders"]] == ["60.00", "40.00"]
    assert licence["legal_representative"]["person"]["id_number"] == PEOPLE[0]["id_number"]
    tax = service_payload(case, ServiceCode.TAX)
    assert tax["finance_officer"]["name"] == "刘芳"
    assert tax["depends_on"] == ["license", "bank_account"]
    assert tax["company"]["uscc"] is None
    assert tax["bank_account"] is None


def test_later_payloads_carry_the_results_of_earlier_services() -> None:
    case = mark_ready(parse_case(llc_document()), today=TODAY)
    case = queue_for_submission(case, today=TODAY)
    case = mark_submitted(case, ServiceCode.LICENSE)
    case = record_completion(
        case, ServiceCode.LICENSE, {"uscc": "91110000600037341L", "established_on": TODAY}
    )
    case = mark_submitted(case, ServiceCode.BANK_ACCOUNT)
    case = record_completion(case, ServiceCode.BANK_ACCOUNT, {"account_number": "160712345678901234"})
    seal = service_payload(case, ServiceCode.SEAL)
    assert seal["company"]["uscc"] == "91110000600037341L"
    assert [s["kind"] for s in seal["seals"] if s["shows_uscc"]] == ["invoice"]
    fund = service_payload(case, ServiceCode.HOUSING_FUND)
    assert fund["bank_account"]["account_number"] == "160712345678901234"
    assert fund["staff"][0]["employer_amount_yuan"] == "225"  # 4500 x 5%


def test_housing_fund_base_is_held_between_the_published_floor_and_cap() -> None:
    document = llc_document()
    document["staff"][0]["monthly_wage_yuan"] = "30000"
    document["services"]["housing_fund"]["data"]["base_cap_yuan"] = "40000"  # typed: the published cap wins
    fund = service_payload(parse_case(document), "housing_fund")
    published = reference_data().wage_standard("housing_fund", "370783", dt.date(2026, 11, 1))
    assert published is not None
    assert published.cap is not None
    assert fund["staff"][0]["base_yuan"] == str(published.cap) == fund["base_cap_yuan"]
    document["staff"][0]["monthly_wage_yuan"] = "2000"  # below the floor (the minimum wage)
    fund = service_payload(parse_case(document), "housing_fund")
    assert fund["staff"][0]["base_yuan"] == str(published.floor)
    assert str(contribution_yuan(Decimal("4510"), 5)) == "226"


def test_the_tax_handlers_id_copy_belongs_to_the_tax_service_and_staff_to_insurance() -> None:
    document = llc_document()
    document["people"].append(
        {"person_id": "p5", "name": "孙丽", "id_number": PEOPLE[3]["id_number"][:-4] + "0"}
    )
    document["roles"]["tax_handler"] = "p3"  # the supervisor: on the licence forms already
    case = parse_case(document)
    required = {(r.kind, r.subject): r for r in required_documents(case)}
    assert required[(DocumentKind.ID_COPY, "p3")].service is ServiceCode.LICENSE
    document["roles"]["tax_handler"] = "p5"
    document["staff"].append({"person_id": "p5", "monthly_wage_yuan": "4000"})
    required = {(r.kind, r.subject): r for r in required_documents(parse_case(document))}
    assert required[(DocumentKind.ID_COPY, "p5")].service is ServiceCode.TAX  # not 营业执照
    document["roles"]["tax_handler"] = "p4"
    required = {(r.kind, r.subject): r for r in required_documents(parse_case(document))}
    assert required[(DocumentKind.ID_COPY, "p5")].service is ServiceCode.SOCIAL_SECURITY  # staff only


def test_dependencies_only_name_requested_services() -> None:
    document = llc_document()
    document["services"].pop("seal")
    case = parse_case(document)
    assert dependencies_of(case, ServiceCode.BANK_ACCOUNT) == ["license"]
    assert DEPENDENCIES[ServiceCode.LICENSE] == ()


def test_summary_and_lookup_keys() -> None:
    document = llc_document()
    document["services"]["license"]["results"] = {
        "uscc": "91110000600037341L",
        "established_on": "2026-11-26",
    }
    case = parse_case(copy.deepcopy(document))
    summary = case_summary(case)
    assert summary.company_name == "寿光市绿野蔬菜种植有限公司"
    assert summary.status == "draft"
    assert summary.services["housing_fund"] == "draft"
    assert len(summary.services) == 7
    keys = lookup_keys(case)
    assert ("uscc", "91110000600037341L") in keys
    assert ("id_number", PEOPLE[1]["id_number"]) in keys
    assert ("mobile", "13905362345") in keys
    assert len(keys) == len(set(keys)) == 9
