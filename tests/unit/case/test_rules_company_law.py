"""Company Law 2023, partnership and sole-proprietorship rules, on a valid LLC mutated one way at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.case import validate_case
from app.case.rules import validate_case as validate_case_on
from tests.unit.case.builders import TODAY, face_checked, llc_document, rid

Mutation = Callable[[dict[str, Any]], None]


def errors_after(mutate: Mutation) -> set[tuple[str, str]]:
    document = llc_document()
    mutate(document)
    return {(p.code, p.field) for p in validate_case_on(document, today=TODAY) if p.severity == "error"}


def add_person(
    document: dict[str, Any], person_id: str, born: str = "19850101", sequence: str = "051"
) -> str:
    document["people"].append(
        {
            "person_id": person_id,
            "name": f"赵{len(document['people'])}号",
            "id_number": rid("370783", born, sequence),
            "mobile": "13605360000",
        }
    )
    face_checked(document, person_id)  # whatever role the test gives, the face check is not its subject
    return person_id


def test_the_hand_built_case_is_valid() -> None:
    assert errors_after(lambda d: None) == set()


def test_public_validate_case_gives_the_same_answer_for_a_dict_and_a_model() -> None:
    from app.case import parse_case

    document = llc_document()
    assert validate_case_on(document, today=TODAY) == validate_case_on(parse_case(document), today=TODAY)
    assert not [p for p in validate_case(document) if p.severity == "error"]


def test_subscriptions_must_add_up_to_the_registered_capital() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][1]["subscribed_wan"] = "39.9999"

    assert ("company_law.subscription_sum", "roles.shareholders") in errors_after(mutate)


def test_exact_decimal_sums_are_accepted() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["registered_capital_wan"] = "100.3333"
        d["roles"]["shareholders"][0]["subscribed_wan"] = "60.1111"
        d["roles"]["shareholders"][1]["subscribed_wan"] = "40.2222"

    assert errors_after(mutate) == set()


@pytest.mark.parametrize(("due", "ok"), [("2031-11-26", True), ("2031-11-27", False), ("2035-01-01", False)])
def test_llc_contributions_are_due_within_five_years_of_founding(due: str, ok: bool) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][0]["due_date"] = due

    found = ("company_law.llc_due_within_5_years", "roles.shareholders[0].due_date") in errors_after(mutate)
    assert found is not ok


def test_the_five_years_run_from_the_licence_date_once_known() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["license"]["results"] = {"uscc": "91370783MA3C4X5T1Y", "established_on": "2026-01-05"}
        d["roles"]["shareholders"][0]["due_date"] = "2031-06-01"

    assert ("company_law.llc_due_within_5_years", "roles.shareholders[0].due_date") in errors_after(mutate)


def test_at_most_fifty_llc_shareholders() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["registered_capital_wan"] = "51"
        d["roles"]["shareholders"] = []
        for index in range(51):
            pid = add_person(d, f"s{index}", sequence=f"{index * 2 + 101:03d}")
            d["roles"]["shareholders"].append(
                {"person_id": pid, "subscribed_wan": "1", "due_date": "2030-01-01"}
            )
        d["roles"]["beneficial_owner_exemption"] = None
        d["roles"].pop("beneficial_owner_exemption")
        d["roles"]["beneficial_owners"] = [{"person_id": "p1", "bases": ["senior_manager"]}]

    found = errors_after(mutate)
    assert ("company_law.llc_shareholders_max", "roles.shareholders") in found


def test_a_board_has_one_or_three_or_more_directors() -> None:
    def two(d: dict[str, Any]) -> None:
        d["roles"]["directors"].append({"person_id": add_person(d, "d2")})

    def three_without_chair(d: dict[str, Any]) -> None:
        d["roles"]["directors"] += [
            {"person_id": add_person(d, "d2")},
            {"person_id": add_person(d, "d3", "19860101")},
        ]

    assert ("company_law.board_size", "roles.directors") in errors_after(two)
    found = errors_after(three_without_chair)
    assert ("company_law.board_chair", "roles.directors") in found
    assert ("roles.legal_representative_position", "roles.legal_representative.position") in found


def test_two_supervisors_are_neither_one_supervisor_nor_a_board() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["supervisors"].append({"person_id": add_person(d, "s2")})

    assert ("company_law.supervisor_board_size", "roles.supervisors") in errors_after(mutate)


def test_a_supervisory_board_needs_a_third_employee_representatives_and_a_chair() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["supervisors"] += [
            {"person_id": add_person(d, "s2")},
            {"person_id": add_person(d, "s3", "19860101")},
        ]

    found = errors_after(mutate)
    assert ("company_law.supervisor_employee_share", "roles.supervisors") in found
    assert ("company_law.supervisor_chair", "roles.supervisors") in found


@pytest.mark.parametrize("role", ["director", "manager", "finance_officer"])
def test_directors_and_senior_managers_may_not_be_supervisors(role: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        if role == "director":
            d["roles"]["supervisors"] = [{"person_id": "p1"}]
        else:
            d["roles"][role] = "p3"

    assert ("company_law.supervisor_conflict", "roles.supervisors[0].person_id") in errors_after(mutate)


def test_no_supervisor_needs_the_consent_of_all_llc_shareholders() -> None:
    def without(d: dict[str, Any]) -> None:
        d["roles"]["supervisors"] = []
        d["people"] = [p for p in d["people"] if p["person_id"] != "p3"]
        d["documents"] = [e for e in d["documents"] if e.get("subject") != "p3"]

    def with_consent(d: dict[str, Any]) -> None:
        without(d)
        d["roles"]["no_supervisor_consent"] = True

    assert ("company_law.supervisor_missing", "roles.supervisors") in errors_after(without)
    assert errors_after(with_consent) == set()


def test_an_audit_committee_replaces_supervisors_and_is_made_of_directors() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["audit_committee"] = ["p4"]

    found = errors_after(mutate)
    assert ("company_law.audit_committee_member", "roles.audit_committee[0]") in found
    assert ("company_law.audit_committee_and_supervisors", "roles.supervisors") in found


def test_an_employee_director_is_needed_from_300_employees() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["employees"] = 300

    def with_employee_director(d: dict[str, Any]) -> None:
        mutate(d)
        d["roles"]["directors"][0]["employee_representative"] = True

    assert ("company_law.employee_director", "roles.directors") in errors_after(mutate)
    assert errors_after(with_employee_director) == set()


@pytest.mark.parametrize(("born", "ok"), [("20081126", True), ("20081127", False), ("20100101", False)])
def test_the_legal_representative_is_at_least_18(born: str, ok: bool) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["people"][0]["id_number"] = rid("370783", born, "031")

    found = ("roles.legal_representative_age", "roles.legal_representative.person_id") in errors_after(mutate)
    assert found is not ok


def test_the_legal_representative_age_uses_the_entered_birth_date_for_passports() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["people"][0].update(
            id_type="passport", id_number="E12345678", birth_date="2010-02-01", nationality="SGP"
        )

    found = errors_after(mutate)
    assert ("roles.legal_representative_age", "roles.legal_representative.person_id") in found
    assert ("company_law.officer_minor", "people[0]") in found


def test_the_legal_representative_position_must_match_the_roles() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["legal_representative"] = {"person_id": "p2", "position": "manager"}

    assert ("roles.legal_representative_position", "roles.legal_representative.position") in errors_after(
        mutate
    )


def test_labour_is_a_contribution_of_general_partners_only() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][1]["contribution_forms"] = ["money", "labour"]

    assert ("company_law.labour_contribution", "roles.shareholders[1].contribution_forms") in errors_after(
        mutate
    )


def test_equity_and_creditor_rights_are_lawful_contributions() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][1]["contribution_forms"] = ["equity", "creditor_right"]

    assert errors_after(mutate) == set()


def test_joint_stock_promoters_pay_before_founding() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["type"] = "joint_stock"
        d["company"]["name"] = "寿光市绿野蔬菜种植股份有限公司"
        d["company"]["name_parts"]["form"] = "股份有限公司"

    found = errors_after(mutate)
    assert ("company_law.jsc_paid_before_founding", "roles.shareholders[0].due_date") in found
    assert ("company_law.jsc_paid_before_founding", "roles.shareholders[1].due_date") in found


def _as_partnership(d: dict[str, Any]) -> None:
    d["company"]["type"] = "partnership"
    d["company"]["name"] = "寿光市绿野蔬菜种植合伙企业（普通合伙）"
    d["company"]["name_parts"]["form"] = "合伙企业（普通合伙）"
    d["roles"]["legal_representative"]["position"] = "executive_partner"
    for holder in d["roles"]["shareholders"]:
        holder["partner_kind"] = "limited"
    for key in ("directors", "supervisors"):
        d["roles"].pop(key)
    d["roles"]["liaison"] = "p4"


def test_a_partnership_needs_a_general_partner() -> None:
    found = errors_after(_as_partnership)
    assert ("partnership.general_partner_missing", "roles.shareholders") in found
    assert ("roles.legal_representative_position", "roles.legal_representative.position") in found


def _as_limited_partnership(d: dict[str, Any]) -> None:
    _as_partnership(d)
    d["company"]["name"] = "寿光市绿野蔬菜种植合伙企业（有限合伙）"
    d["company"]["name_parts"]["form"] = "合伙企业（有限合伙）"


def test_a_partnership_with_a_general_executive_partner_passes() -> None:
    def mutate(d: dict[str, Any]) -> None:
        _as_limited_partnership(d)
        d["roles"]["shareholders"][0]["partner_kind"] = "general"
        d["roles"]["shareholders"][0]["contribution_forms"] = ["money", "labour"]
        d["roles"]["shareholders"][0]["valuation"] = "agreed"
        d["people"] = [p for p in d["people"] if p["person_id"] != "p3"]
        d["documents"] = [
            e
            for e in d["documents"]
            if e["kind"] not in ("articles_of_association", "appointment_documents")
            and e.get("subject") != "p3"
        ]
        d["documents"].append(
            {"kind": "partnership_agreement", "status": "provided", "attachment_sha256": "0" * 64}
        )

    assert errors_after(mutate) == set()


def test_a_general_partnership_admits_no_limited_partner() -> None:
    def mutate(d: dict[str, Any]) -> None:
        _as_partnership(d)  # named （普通合伙）, every partner limited
        d["roles"]["shareholders"][0]["partner_kind"] = "general"

    found = errors_after(mutate)
    assert ("partnership.limited_partner_in_general", "roles.shareholders[1].partner_kind") in found
    assert ("partnership.limited_partner_in_general", "roles.shareholders[0].partner_kind") not in found


def test_a_special_general_partnership_admits_no_limited_partner() -> None:
    def mutate(d: dict[str, Any]) -> None:
        _as_partnership(d)
        d["company"]["name"] = "寿光市绿野会计师事务所（特殊普通合伙）"
        d["roles"]["shareholders"][0]["partner_kind"] = "general"

    assert ("partnership.limited_partner_in_general", "roles.shareholders[1].partner_kind") in errors_after(
        mutate
    )


def test_a_limited_partnership_needs_a_limited_partner() -> None:
    def mutate(d: dict[str, Any]) -> None:
        _as_limited_partnership(d)
        for holder in d["roles"]["shareholders"]:
            holder["partner_kind"] = "general"

    found = errors_after(mutate)
    assert ("partnership.limited_partner_missing", "roles.shareholders") in found
    assert not any(code == "partnership.limited_partner_in_general" for code, _path in found)


def test_a_sole_proprietorship_has_one_natural_investor() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["type"] = "sole_proprietorship"
        d["company"]["name"] = "寿光市绿野蔬菜种植场"
        d["company"]["name_parts"]["form"] = "场"
        d["roles"]["legal_representative"]["position"] = "investor"

    assert ("sole_proprietorship.one_natural_investor", "roles.shareholders") in errors_after(mutate)


def _as_sole_proprietorship(d: dict[str, Any]) -> None:
    d["company"].update(type="sole_proprietorship", name="寿光市绿野蔬菜种植场", registered_capital_wan="60")
    d["company"]["name_parts"]["form"] = "场"
    d["roles"]["legal_representative"]["position"] = "investor"
    d["roles"]["shareholders"] = [d["roles"]["shareholders"][0]]
    for key in ("directors", "supervisors", "beneficial_owner_exemption", "manager"):
        d["roles"].pop(key)


@pytest.mark.parametrize("source", [None, "personal_property", "family_property"])
def test_a_sole_proprietor_declares_personal_or_family_property(source: str | None) -> None:
    def mutate(d: dict[str, Any]) -> None:
        _as_sole_proprietorship(d)
        if source:
            d["roles"]["shareholders"][0]["sole_investment"] = source

    found = (
        "sole_proprietorship.investment_missing",
        "roles.shareholders[0].sole_investment",
    ) in errors_after(mutate)
    assert found is (source is None)


def _limited_partnership_ok(d: dict[str, Any]) -> None:
    _as_limited_partnership(d)
    d["roles"]["shareholders"][0]["partner_kind"] = "general"


@pytest.mark.parametrize(
    ("forms", "valuation", "code"),
    [
        (["in_kind"], None, "partnership.valuation_missing"),
        (["in_kind"], "appraised", None),
        (["money", "intellectual_property"], "agreed", None),
        (["labour"], "appraised", "partnership.labour_valued_by_agreement"),
        (["money"], None, None),
    ],
)
def test_a_partners_non_money_contribution_states_its_valuation(
    forms: list[str], valuation: str | None, code: str | None
) -> None:
    def mutate(d: dict[str, Any]) -> None:
        _limited_partnership_ok(d)
        holder = d["roles"]["shareholders"][0]
        holder["contribution_forms"] = forms
        if valuation:
            holder["valuation"] = valuation

    found = {c for c, path in errors_after(mutate) if path == "roles.shareholders[0].valuation"}
    assert found == ({code} if code else set())


def test_a_legal_person_executive_partner_acts_through_its_named_delegate() -> None:
    def mutate(d: dict[str, Any], *, named: bool) -> None:
        _limited_partnership_ok(d)
        holders = d["roles"]["shareholders"]
        holders[0] = {
            "holder": "legal",
            "entity": {"name": "寿光市丰源农业发展有限公司", "uscc": "91110000600037341L"},
            "subscribed_wan": "60",
            "due_date": "2030-12-31",
            "partner_kind": "general",
        }
        if named:
            holders[0]["delegate"] = "p1"

    unnamed = errors_after(lambda d: mutate(d, named=False))
    assert ("roles.legal_representative_position", "roles.legal_representative.position") in unnamed
    named = errors_after(lambda d: mutate(d, named=True))
    assert not any(code == "roles.legal_representative_position" for code, _ in named)
    assert not any(path.endswith(".delegate") for _, path in named)


def test_only_a_legal_person_partner_names_a_delegate() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][1]["delegate"] = "p1"

    assert ("partnership.delegate_not_applicable", "roles.shareholders[1].delegate") in errors_after(mutate)


@pytest.mark.parametrize(("industry", "ok"), [("0141", False), ("7241", True), ("7231", True)])
def test_a_special_general_partnership_is_a_professional_service_firm(industry: str, ok: bool) -> None:
    def mutate(d: dict[str, Any]) -> None:
        _as_partnership(d)
        for holder in d["roles"]["shareholders"]:
            holder["partner_kind"] = "general"
        d["company"]["name"] = "寿光市绿野会计师事务所（特殊普通合伙）"
        d["company"]["name_parts"].update(industry="会计师事务所", form="（特殊普通合伙）")
        d["company"]["industry_code"] = industry

    found = (
        "partnership.special_general_professional_only",
        "company.name_parts.form",
    ) in errors_after(mutate)
    assert found is not ok


def test_an_llc_with_a_single_director_has_no_audit_committee() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"].pop("supervisors")
        d["roles"]["audit_committee"] = ["p1"]  # the single director

    def with_board(d: dict[str, Any]) -> None:
        mutate(d)
        add_person(d, "p5", sequence="053")
        add_person(d, "p6", sequence="075")
        d["people"][-2]["name"], d["people"][-1]["name"] = "赵刚", "赵强"
        d["roles"]["directors"] = [
            {"person_id": "p1", "chair": True},
            {"person_id": "p5"},
            {"person_id": "p6"},
        ]
        d["roles"]["legal_representative"]["position"] = "chairman"
        for person_id in ("p5", "p6"):
            d["documents"].append(
                {"kind": "id_copy", "subject": person_id, "status": "provided", "attachment_sha256": "0" * 64}
            )

    assert ("company_law.audit_committee_needs_board", "roles.audit_committee") in errors_after(mutate)
    assert errors_after(with_board) == set()


@pytest.mark.parametrize(
    ("kind", "due", "ok"),
    [("llc", "2026-11-25", False), ("llc", "2026-11-26", True), ("partnership", "2026-01-01", False)],
)
def test_a_contribution_is_not_due_before_the_founding(kind: str, due: str, ok: bool) -> None:
    def mutate(d: dict[str, Any]) -> None:
        if kind == "partnership":
            _limited_partnership_ok(d)
        d["roles"]["shareholders"][1]["due_date"] = due

    found = ("company_law.due_before_founding", "roles.shareholders[1].due_date") in errors_after(mutate)
    assert found is not ok


def test_the_founding_date_of_the_licence_bounds_the_due_date_once_known() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["license"]["results"] = {"uscc": "91370783MA3C5TQR2D", "established_on": "2026-11-20"}
        d["roles"]["shareholders"][1]["due_date"] = "2026-11-21"  # before today, after the founding

    assert not any(code == "company_law.due_before_founding" for code, _ in errors_after(mutate))
