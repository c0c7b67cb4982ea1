"""Rules on people, company, beneficial owners, services, documents and statuses (field paths included)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.case.rules import services_ready, validate_case
from tests.unit.case.builders import TODAY, llc_document, rid

Mutation = Callable[[dict[str, Any]], None]


def problems_after(mutate: Mutation, severity: str = "error") -> set[tuple[str, str]]:
    document = llc_document()
    mutate(document)
    return {(p.code, p.field) for p in validate_case(document, today=TODAY) if p.severity == severity}


# --- people -----------------------------------------------------------------------------------------


def test_a_wrong_check_character_is_reported_at_the_person_field() -> None:
    def mutate(d: dict[str, Any]) -> None:
        number = d["people"][1]["id_number"]
        d["people"][1]["id_number"] = number[:-1] + ("1" if number[-1] != "1" else "2")

    assert ("resident_id.check", "people[1].id_number") in problems_after(mutate)


def test_historical_shouguang_codes_are_not_even_warnings() -> None:
    warnings = problems_after(lambda d: None, "warning")
    assert not any(field.startswith("people") for _, field in warnings)


def test_full_width_and_lower_case_input_is_normalised_before_the_rules() -> None:
    def mutate(d: dict[str, Any]) -> None:
        number = d["people"][0]["id_number"]
        d["people"][0]["id_number"] = (
            " " + number.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}) + "\u3000"
        )
        d["people"][0]["mobile"] = "+86 138-0536-1234"

    assert problems_after(mutate) == set()


def test_each_person_is_entered_once() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["people"].append(dict(d["people"][0], person_id="p9"))
        d["roles"]["agent"] = "p9"

    assert ("people.duplicate_id_number", "people[4].id_number") in problems_after(mutate)


def test_roles_must_point_at_listed_people_and_unlisted_roles_warn() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["tax_handler"] = "p42"
        d["people"].append({"person_id": "p5", "name": "孙丽", "id_number": rid("370783", "19900101", "022")})

    assert ("roles.unknown_person", "roles.tax_handler") in problems_after(mutate)
    assert ("person.unreferenced", "people[4]") in problems_after(mutate, "warning")


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        (
            {"id_type": "passport", "id_number": "E12", "birth_date": "1980-01-01"},
            "person.id_number_format",
            "id_number",
        ),
        ({"id_type": "passport", "id_number": "E12345678"}, "person.birth_date_missing", "birth_date"),
        (
            {"id_type": "hk_macao_permit", "id_number": "X12345678", "birth_date": "1980-01-01"},
            "person.id_number_format",
            "id_number",
        ),
        ({"email": "liufang@@example"}, "person.email_format", "email"),
        ({"mobile": "12345678901"}, "mobile.prefix", "mobile"),
        ({"name": "Wang Jianguo"}, "person.name_chars", "name"),
    ],
)
def test_person_fields(changes: dict[str, Any], code: str, field: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["people"][1].update(changes)

    found = problems_after(mutate)
    assert any(c.startswith(code.split(".")[0]) and f == f"people[1].{field}" for c, f in found), found


def test_the_new_foreign_permanent_residence_id_has_a_check_character() -> None:
    first17 = "93315619800101001"
    from app.validation import resident_id_check_char

    good = first17 + resident_id_check_char(first17)
    bad = first17 + ("0" if good[-1] != "0" else "1")
    for number, ok in ((good, True), (bad, False)):

        def mutate(d: dict[str, Any], number: str = number) -> None:
            d["people"][1].update(id_type="foreign_permanent_resident_id", id_number=number)

        assert (("person.id_number_format", "people[1].id_number") in problems_after(mutate)) is not ok


# --- company ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "code", "field"),
    [
        (("company", "name"), None, "company.name_missing", "company.name"),
        (("company", "name"), "寿光市绿野蔬菜种植合伙企业", "name.form_missing", "company.name"),
        (
            ("company", "name_parts", "trade_name"),
            "绿洲",
            "company.name_parts_mismatch",
            "company.name_parts",
        ),
        (
            ("company", "domicile", "division_code"),
            "370723",
            "address.division_unknown",
            "company.domicile.division_code",
        ),
        (
            ("company", "domicile", "division_code"),
            "370700",
            "address.division_unknown",
            "company.domicile.division_code",
        ),
        (("company", "domicile", "address"), "", "address.street_missing", "company.domicile.address"),
        (
            ("company", "registered_capital_wan"),
            "0",
            "company.capital_missing",
            "company.registered_capital_wan",
        ),
        (("company", "scope", "general"), ["ZZ999"], "company.scope_unknown", "company.scope.general[0]"),
        (("company", "scope", "general"), ["FD005"], "company.scope_misplaced", "company.scope.general[0]"),
        (("company", "scope", "general"), [], "company.scope_empty", "company.scope"),
        (("company", "industry_code"), "9999", "company.industry_unknown", "company.industry_code"),
        (("company", "phone"), "5201234-0536", "company.phone_format", "company.phone"),
    ],
)
def test_company_fields(path: tuple[str, ...], value: Any, code: str, field: str) -> None:
    def mutate(d: dict[str, Any]) -> None:
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    assert (code, field) in problems_after(mutate)


def test_a_domicile_outside_shouguang_only_warns() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["domicile"]["division_code"] = "370702"  # 潍城区, 潍坊市
        d["company"]["name"] = "潍坊市绿野蔬菜种植有限公司"
        d["company"]["name_parts"]["division"] = "潍坊市"

    assert ("company.domicile_outside_desk", "company.domicile.division_code") in problems_after(
        mutate, "warning"
    )
    assert problems_after(mutate) == set()


@pytest.mark.parametrize(
    ("name", "division", "code", "ok"),
    [
        ("青岛市绿野蔬菜种植有限公司", "青岛市", "370783", False),  # a Qingdao name for a Shouguang seat
        ("青岛绿野蔬菜种植有限公司", "", "370783", False),  # the short form, found in the name itself
        ("绿野（青岛）蔬菜种植有限公司", "", "370783", False),  # bracketed after the 字号
        ("寿光绿野蔬菜种植有限公司", "寿光", "370783", True),
        ("潍坊市绿野蔬菜种植有限公司", "潍坊市", "370783", True),  # the city above the county
        ("山东绿野蔬菜种植有限公司", "山东", "370783", True),  # the province
        ("寿光市绿野蔬菜种植有限公司", "寿光市", "370203", False),  # a Shouguang name, a Qingdao seat
    ],
)
def test_the_name_carries_the_division_of_the_seat(name: str, division: str, code: str, ok: bool) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["name"] = name
        parts = d["company"]["name_parts"]
        if division:
            parts["division"] = division
        else:
            d["company"].pop("name_parts")
        d["company"]["domicile"]["division_code"] = code

    found = ("company.name_division_not_seat", "company.name_parts.division") in problems_after(mutate)
    assert found is not ok


def test_an_industry_code_is_a_known_class_not_only_a_division() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["industry_code"] = "0149"  # division 01 exists, class 0149 is not in the pack

    assert ("company.industry_unknown", "company.industry_code") in problems_after(mutate)


def test_an_industry_unrelated_to_the_scope_warns() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["industry_code"] = "6210"

    assert ("company.industry_scope_mismatch", "company.industry_code") in problems_after(mutate, "warning")


# --- beneficial owners ------------------------------------------------------------------------------


def test_beneficial_owners_or_the_exemption_are_required() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"].pop("beneficial_owner_exemption")

    assert ("beneficial_owner.missing", "roles.beneficial_owners") in problems_after(mutate)


def test_the_exemption_needs_capital_up_to_ten_million_and_no_other_controller() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["company"]["registered_capital_wan"] = "1000.0001"
        d["roles"]["shareholders"][0]["subscribed_wan"] = "960.0001"
        d["roles"]["shareholders"][1]["subscribed_wan"] = "40"
        d["roles"]["beneficial_owner_exemption"]["no_other_controller"] = False

    found = problems_after(mutate)
    assert ("beneficial_owner.exemption_capital", "roles.beneficial_owner_exemption") in found
    assert (
        "beneficial_owner.exemption_controller",
        "roles.beneficial_owner_exemption.no_other_controller",
    ) in found


def test_the_exemption_excludes_legal_person_shareholders() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][1] = {
            "holder": "legal",
            "entity": {"name": "寿光市丰源农业发展有限公司", "uscc": "91110000600037341L"},
            "subscribed_wan": "40",
            "due_date": "2030-12-31",
        }
        d["people"] = [p for p in d["people"] if p["person_id"] != "p2"]

    assert (
        "beneficial_owner.exemption_legal_shareholder",
        "roles.beneficial_owner_exemption",
    ) in problems_after(mutate)


def test_a_25_percent_natural_shareholder_must_be_listed() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"].pop("beneficial_owner_exemption")
        d["roles"]["beneficial_owners"] = [{"person_id": "p1", "bases": ["equity"]}]

    assert ("beneficial_owner.major_holder_missing", "roles.shareholders[1]") in problems_after(mutate)


def _listed_owners(d: dict[str, Any]) -> None:
    d["roles"].pop("beneficial_owner_exemption")
    d["roles"]["beneficial_owners"] = [
        {"person_id": "p1", "bases": ["equity"]},
        {"person_id": "p2", "bases": ["equity"]},
    ]
    for person in d["people"][:2]:
        person["id_valid_until"] = "long_term"


def test_listed_beneficial_owners_with_what_the_filing_asks_pass() -> None:
    assert problems_after(_listed_owners) == set()


def test_the_filing_asks_each_owners_validity_address_contact_and_sex() -> None:
    def mutate(d: dict[str, Any]) -> None:
        _listed_owners(d)
        d["people"][0].pop("id_valid_until")
        d["people"][1].pop("address")
        d["people"][1].pop("mobile")
        d["people"][1].update(id_type="passport", id_number="E12345678", birth_date="1980-06-07")

    found = problems_after(mutate)
    assert ("beneficial_owner.id_valid_until_missing", "people[0].id_valid_until") in found
    assert ("beneficial_owner.address_missing", "people[1].address") in found
    assert ("beneficial_owner.mobile_missing", "people[1].mobile") in found
    assert ("beneficial_owner.sex_missing", "people[1].sex") in found  # a passport number carries none


@pytest.mark.parametrize(
    ("owner", "code"),
    [
        ({"bases": ["control"]}, "beneficial_owner.control_missing"),
        ({"bases": ["control"], "control": "通过协议控制公司的经营决策"}, None),
        ({"bases": ["benefit"]}, "beneficial_owner.share_missing"),
        ({"bases": ["benefit"], "share_percent": "20"}, "beneficial_owner.share_below_threshold"),
        ({"bases": ["benefit"], "share_percent": "30"}, None),
        ({"bases": ["equity"], "share_percent": "24.99"}, "beneficial_owner.share_below_threshold"),
    ],
)
def test_an_owners_grounds_carry_the_share_or_the_means_of_control(
    owner: dict[str, Any], code: str | None
) -> None:
    def mutate(d: dict[str, Any]) -> None:
        _listed_owners(d)
        d["people"][2]["id_valid_until"] = "2035-01-01"
        d["roles"]["beneficial_owners"].append({"person_id": "p3", **owner})

    found = {c for c, path in problems_after(mutate) if path.startswith("roles.beneficial_owners[2]")}
    assert found == ({code} if code else set())


def test_an_expired_id_document_warns() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["people"][2]["id_valid_until"] = "2026-11-25"

    assert ("person.id_expired", "people[2].id_valid_until") in problems_after(mutate, "warning")


def test_legal_shareholders_need_a_valid_uscc() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"]["shareholders"][1] = {
            "holder": "legal",
            "entity": {"name": "寿光市丰源农业发展有限公司", "uscc": "91110000600037341N"},
            "subscribed_wan": "40",
            "due_date": "2030-12-31",
        }

    assert ("uscc.check", "roles.shareholders[1].entity.uscc") in problems_after(mutate)


# --- services ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rate", "ok"), [(4, False), (5, True), (12, True), (13, False)])
def test_housing_fund_rates_are_5_to_12_percent(rate: int, ok: bool) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["housing_fund"]["data"]["employer_rate_percent"] = rate
        d["services"]["housing_fund"]["data"]["employee_rate_percent"] = rate

    found = ("housing_fund.rate_range", "services.housing_fund.data.employer_rate_percent") in problems_after(
        mutate
    )
    assert found is not ok


@pytest.mark.parametrize(
    ("mutation", "service", "code", "field"),
    [
        (
            {"tax": {"data": {"debit_agreement": True}}},
            "tax",
            "tax.taxpayer_kind_missing",
            "services.tax.data.taxpayer_kind",
        ),
        (
            {"seal": {"data": {"engraver": None}}},
            "seal",
            "seal.engraver_missing",
            "services.seal.data.engraver",
        ),
        (
            {"seal": {"data": {"seals": ["official"]}}},
            "bank_account",
            "bank_account.specimen_not_engraved",
            "services.bank_account.data.specimen_seals[0]",
        ),
        (
            {"bank_account": {"data": {"branch_code": "3144585"}}},
            "bank_account",
            "bank_account.branch_code",
            "services.bank_account.data.branch_code",
        ),
        (
            {"social_security": {"data": {"start_month": "2026-11", "risk_class": 9}}},
            "social_security",
            "social_security.risk_class",
            "services.social_security.data.risk_class",
        ),
        (
            {"license": {"data": {"delivery": "mail"}}},
            "license",
            "license.mail_address",
            "services.license.data.mail_to",
        ),
    ],
)
def test_service_readiness(mutation: dict[str, Any], service: str, code: str, field: str) -> None:
    document = llc_document()
    document["services"].update(mutation)
    ready = services_ready(__import__("app.case", fromlist=["parse_case"]).parse_case(document), today=TODAY)
    assert (code, field) in {(p.code, p.field) for p in ready[service]}
    assert (code, field) in {(p.code, p.field) for p in validate_case(document, today=TODAY)}


@pytest.mark.parametrize(
    ("wage", "code"),
    [("800", "staff.wage_below_minimum"), ("2099.99", "staff.wage_below_minimum"), ("2100", None)],
)
def test_a_wage_below_the_minimum_wage_in_force_is_refused(wage: str, code: str | None) -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["staff"][0]["monthly_wage_yuan"] = wage

    found = {c for c, path in problems_after(mutate) if path == "staff[0].monthly_wage_yuan"}
    assert found == ({code} if code else set())


def test_a_wage_above_the_caps_in_force_warns_for_each_insurance() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["staff"][0]["monthly_wage_yuan"] = "30000"

    warnings = problems_after(mutate, "warning")
    for service in ("social_security", "medical_insurance", "housing_fund"):
        assert (f"{service}.base_capped", "staff[0].monthly_wage_yuan") in warnings


def test_a_start_month_without_published_figures_warns() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["social_security"]["data"]["start_month"] = "2024-12"

    found = problems_after(mutate, "warning")
    assert ("social_security.base_limits_unknown", "services.social_security") in found


def test_a_typed_housing_fund_cap_other_than_the_published_one_warns() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["housing_fund"]["data"]["base_cap_yuan"] = "20000"

    found = problems_after(mutate, "warning")
    assert ("housing_fund.cap_not_published", "services.housing_fund.data.base_cap_yuan") in found


@pytest.mark.parametrize(
    ("kinds", "limit", "code", "severity"),
    [
        (["digital_ordinary"], "100000", "tax.limit_not_for_digital", "warning"),
        (["digital_ordinary", "digital_special"], None, None, "warning"),
        (["paper_special"], None, "tax.paper_limit_missing", "error"),
        (["paper_special"], "100000", None, "error"),
    ],
)
def test_digital_invoices_have_no_monthly_limit_paper_ones_need_it(
    kinds: list[str], limit: str | None, code: str | None, severity: str
) -> None:
    def mutate(d: dict[str, Any]) -> None:
        data = d["services"]["tax"]["data"]
        data["invoice_kinds"] = kinds
        if limit:
            data["monthly_invoice_limit_yuan"] = limit

    path = "services.tax.data.monthly_invoice_limit_yuan"
    found = {c for c, where in problems_after(mutate, severity) if where == path}
    assert found == ({code} if code else set())


def test_tax_needs_finance_officer_and_a_bank_account_for_the_debit_agreement() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["roles"].pop("finance_officer")
        d["services"].pop("bank_account")

    found = problems_after(mutate)
    assert ("tax.finance_officer_missing", "roles.finance_officer") in found
    assert ("tax.debit_needs_account", "services.tax.data.debit_agreement") in found


def test_services_other_than_the_licence_need_it() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"].pop("license")

    found = problems_after(mutate)
    assert ("services.license_missing", "services.license") in found
    assert ("service.needs_license", "services.seal") in found


def test_insurance_cannot_start_before_the_company_exists() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["license"]["results"] = {"uscc": "91110000600037341L", "established_on": "2026-11-20"}
        d["services"]["medical_insurance"]["data"]["start_month"] = "2026-10"

    assert ("service.start_before_founding", "services.medical_insurance.data.start_month") in problems_after(
        mutate
    )


def test_every_requested_service_is_listed_by_services_ready() -> None:
    from app.case import parse_case

    assert set(services_ready(parse_case(llc_document()), today=TODAY)) == {
        "license",
        "seal",
        "bank_account",
        "tax",
        "social_security",
        "medical_insurance",
        "housing_fund",
    }
    assert all(not problems for problems in services_ready(parse_case(llc_document()), today=TODAY).values())


# --- documents (容缺受理) ----------------------------------------------------------------------------


def _document(d: dict[str, Any], kind: str, subject: str | None = None) -> dict[str, Any]:
    return next(e for e in d["documents"] if e["kind"] == kind and e.get("subject") == subject)


def test_key_materials_cannot_be_deferred() -> None:
    def mutate(d: dict[str, Any]) -> None:
        entry = _document(d, "id_copy", "p1")
        entry.update(status="deferred", deferral={"commitment": "承诺补交", "due_date": "2026-12-10"})
        entry.pop("attachment_sha256")

    index = next(
        i
        for i, e in enumerate(llc_document()["documents"])
        if e["kind"] == "id_copy" and e.get("subject") == "p1"
    )
    assert ("documents.not_deferrable", f"documents[{index}].status") in problems_after(mutate)


@pytest.mark.parametrize(
    ("due", "code"), [("2026-12-20", None), ("2026-12-27", "documents.deferral_too_long")]
)
def test_other_materials_can_be_deferred_up_to_30_days(due: str, code: str | None) -> None:
    def mutate(d: dict[str, Any]) -> None:
        entry = _document(d, "domicile_proof")
        entry.update(status="deferred", deferral={"commitment": "申请人承诺补交住所证明", "due_date": due})

    found = {c for c, _ in problems_after(mutate)}
    assert (code in found) if code else not found


def test_an_overdue_deferral_warns_and_a_missing_material_blocks() -> None:
    def overdue(d: dict[str, Any]) -> None:
        _document(d, "domicile_proof").update(
            status="deferred", deferral={"commitment": "承诺", "due_date": "2026-11-26"}
        )

    def missing(d: dict[str, Any]) -> None:
        d["documents"] = [e for e in d["documents"] if e["kind"] != "domicile_proof"]

    document = llc_document()
    overdue(document)
    later = {(p.code) for p in validate_case(document, today=TODAY.replace(day=28))}
    assert "documents.deferral_overdue" in later
    assert ("documents.missing", "documents") in problems_after(missing)


# --- life-cycle fields ------------------------------------------------------------------------------


def test_the_case_status_must_agree_with_its_services() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["status"] = "queued"

    assert ("case.status_inconsistent", "status") in problems_after(mutate)


def test_a_completed_service_needs_its_results() -> None:
    def mutate(d: dict[str, Any]) -> None:
        d["services"]["license"]["status"] = "completed"

    assert ("service.results_missing", "services.license.results") in problems_after(mutate)


def test_schema_problems_come_alone_with_their_paths() -> None:
    document = llc_document()
    document["people"][1]["id_number"] = 370783198006070421
    problems = validate_case(document, today=TODAY)
    assert [(p.code, p.field) for p in problems] == [("schema.string_type", "people[1].id_number")]
    assert problems[0].message_zh
    assert problems[0].message_en
