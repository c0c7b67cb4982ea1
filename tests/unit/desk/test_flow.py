"""The 新办企业 flow's decisions, without storage or UI: field changes, defaults, findings, derived values."""

from __future__ import annotations

import datetime as dt

import pytest

from app.case.enums import (
    BeneficialOwnerBasis,
    CompanyType,
    PartnerKind,
    ServiceCode,
    SoleInvestment,
    Valuation,
)
from app.case.model import Case
from app.case.rules import validate_case
from app.desk.flow import (
    derived_from_id,
    derived_people,
    draft_view,
    feedback_for,
    filled_defaults,
    jump_field,
    receipt_of,
    step_of,
    with_typed_person,
)
from app.desk.flow_api import FieldChange
from app.desk.flow_defaults import new_draft, suggested_roles
from app.desk.flow_edit import apply_change, new_person, without_person
from app.desk.flow_values import FieldUnreadable
from app.services.branch import TRAINING_BRANCH, DeskBranch

NOW = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)
TODAY = NOW.date()


def draft(desk: DeskBranch = TRAINING_BRANCH):  # type: ignore[no-untyped-def]
    return new_draft("SG20261128-ABCDEFGH", NOW, by="clerk", desk=desk, training=True)


def test_a_new_draft_carries_the_desk_defaults() -> None:
    case = draft()
    assert case.company.type is CompanyType.LLC
    assert case.company.domicile is not None
    assert case.company.domicile.division_code == "370783"
    assert [code for code, _ in case.services.requested()] == list(ServiceCode)
    assert case.services.seal is not None
    assert len(case.services.seal.data.seals) == 4
    assert case.services.license is not None
    assert case.services.license.data.copies == 1
    assert case.services.bank_account is not None
    assert case.services.bank_account.data.branch_code == TRAINING_BRANCH.bank_code
    assert case.services.housing_fund is not None
    assert case.services.housing_fund.data.start_month == "2026-11"


def test_the_branch_setting_fills_the_bank_code() -> None:
    desk = DeskBranch.from_setting({"name": "某支行", "bank_code": "102458500102", "engraver": "某刻章部"})
    case = draft(desk)
    assert case.services.bank_account is not None
    assert case.services.bank_account.data.branch_code == "102458500102"
    assert DeskBranch.from_setting(None) == DeskBranch()


def test_the_name_is_composed_from_its_parts_and_follows_the_type() -> None:
    case = apply_change(draft(), "company.name_parts.trade_name", "绿野")
    case = apply_change(case, "company.name_parts.industry", "蔬菜种植")
    assert case.company.name == "寿光市绿野蔬菜种植有限公司"
    case = apply_change(case, "company.type", "joint_stock")
    assert case.company.name == "寿光市绿野蔬菜种植股份有限公司"


def test_an_unreadable_text_is_refused_with_the_field_named() -> None:
    with pytest.raises(FieldUnreadable) as refused:
        apply_change(draft(), "company.registered_capital_wan", "一百")
    assert refused.value.key == "company.registered_capital_wan"
    assert "万元" in refused.value.message_zh
    with pytest.raises(FieldUnreadable):
        apply_change(draft(), "company.employees", "５")  # full-width digits are not digits
    with pytest.raises(FieldUnreadable):
        apply_change(draft(), "nowhere.at_all", "x")


def test_the_scope_sets_the_industry_until_the_clerk_picks_one() -> None:
    case = apply_change(draft(), "company.scope.general", "AG001")
    assert case.company.industry_code == "0141"
    case = apply_change(case, "company.industry_code", "0151")
    case = apply_change(case, "company.scope.general", "AG001")
    assert case.company.industry_code == "0151"


def test_roles_are_ticked_per_person_and_single_roles_move() -> None:
    case, first = new_person(draft())
    case, second = new_person(case)
    case = apply_change(case, "people[0].role.legal_representative", "1")
    case = apply_change(case, "people[1].role.legal_representative", "1")
    assert case.roles.legal_representative is not None
    assert case.roles.legal_representative.person_id == second
    case = apply_change(case, "people[0].role.director", "1")
    case = apply_change(case, "people[1].role.director", "1")
    assert [o.person_id for o in case.roles.directors] == [first, second]
    case = apply_change(case, "people[0].role.director", "0")
    assert [o.person_id for o in case.roles.directors] == [second]


def test_a_subscription_makes_a_shareholder_due_within_five_years() -> None:
    case, person_id = new_person(draft())
    case = apply_change(case, "people[0].subscribed_wan", "60")
    (holder,) = case.roles.shareholders
    assert holder.person_id == person_id
    assert str(holder.subscribed_wan) == "60"
    assert holder.due_date is not None
    assert holder.due_date < dt.date(2031, 11, 28)
    assert apply_change(case, "people[0].subscribed_wan", "").roles.shareholders == []


def test_a_partner_is_general_or_limited_and_the_view_asks_only_in_a_partnership() -> None:
    case, _ = new_person(apply_change(draft(), "company.type", "partnership"))
    with pytest.raises(FieldUnreadable, match="subscribed amount first"):
        apply_change(case, "people[0].partner_kind", "general")  # a partner subscribes first
    case = apply_change(case, "people[0].subscribed_wan", "60")

    def kind_shown(case: Case) -> str | None:
        view = draft_view(case, revision=1, position={}, problems=[], today=TODAY, photos=set())
        return view.people[0].partner_kind

    assert kind_shown(case) == ""
    case = apply_change(case, "people[0].partner_kind", "general")
    assert case.roles.shareholders[0].partner_kind is PartnerKind.GENERAL
    assert kind_shown(case) == "general"
    with pytest.raises(FieldUnreadable):
        apply_change(case, "people[0].partner_kind", "silent")
    assert apply_change(case, "people[0].partner_kind", "").roles.shareholders[0].partner_kind is None
    assert kind_shown(apply_change(case, "company.type", "llc")) is None


def _person_view(case: Case, index: int = 0):  # type: ignore[no-untyped-def]
    return draft_view(case, revision=1, position={}, problems=[], today=TODAY, photos=set()).people[index]


def test_a_sole_proprietor_declares_personal_or_family_property_at_the_desk() -> None:
    case, _ = new_person(apply_change(draft(), "company.type", "sole_proprietorship"))
    case = apply_change(case, "people[0].subscribed_wan", "10")
    assert _person_view(case).sole_investment == ""  # asked, not chosen
    case = apply_change(case, "people[0].sole_investment", "family_property")
    assert case.roles.shareholders[0].sole_investment is SoleInvestment.FAMILY_PROPERTY
    assert _person_view(case).sole_investment == "family_property"
    assert _person_view(apply_change(case, "company.type", "llc")).sole_investment is None
    with pytest.raises(FieldUnreadable):
        apply_change(case, "people[0].sole_investment", "money")


def test_a_partners_non_money_contribution_asks_its_valuation_at_the_desk() -> None:
    case, _ = new_person(apply_change(draft(), "company.type", "partnership"))
    case = apply_change(case, "people[0].subscribed_wan", "60")
    assert _person_view(case).valuation is None  # money: nothing to value
    case = apply_change(case, "people[0].contribution_form", "in_kind")
    assert _person_view(case).valuation == ""
    case = apply_change(case, "people[0].valuation", "appraised")
    assert case.roles.shareholders[0].valuation is Valuation.APPRAISED


def test_the_id_validity_is_typed_or_read_from_the_card() -> None:
    case, _ = new_person(draft())
    case = apply_change(case, "people[0].id_valid_until", "长期")
    assert case.people[0].id_valid_until == "long_term"
    assert _person_view(case).id_valid_until == "长期"
    case = apply_change(case, "people[0].id_valid_until", "2036-05-01")
    assert case.people[0].id_valid_until == dt.date(2036, 5, 1)
    with pytest.raises(FieldUnreadable):
        apply_change(case, "people[0].id_valid_until", "2036/5/1")


def test_a_beneficial_owner_is_entered_on_the_persons_card_and_drops_the_exemption() -> None:
    case, _ = new_person(draft())
    case = apply_change(case, "roles.beneficial_owner_exemption", "1")
    assert _person_view(case).owner is not None
    assert _person_view(case).owner.basis == ""  # type: ignore[union-attr]
    with pytest.raises(FieldUnreadable, match="grounds first"):
        apply_change(case, "people[0].bo_share", "30")
    case = apply_change(case, "people[0].bo_basis", "benefit")
    assert case.roles.beneficial_owner_exemption is None
    case = apply_change(case, "people[0].bo_share", "30%")
    case = apply_change(case, "people[0].bo_basis", "control")
    case = apply_change(case, "people[0].bo_control", "通过协议控制经营决策")
    owner = case.roles.beneficial_owners[0]
    assert (owner.bases, str(owner.share_percent), owner.control) == (
        [BeneficialOwnerBasis.CONTROL],
        "30",
        "通过协议控制经营决策",
    )
    with pytest.raises(FieldUnreadable):
        apply_change(case, "people[0].bo_share", "130")
    assert apply_change(case, "people[0].bo_basis", "none").roles.beneficial_owners == []
    assert _person_view(apply_change(case, "company.type", "sole_proprietorship")).owner is None


def test_the_company_phone_follows_the_legal_representatives_mobile() -> None:
    case, _ = new_person(draft())
    case = apply_change(case, "people[0].role.legal_representative", "1")
    case = apply_change(case, "people[0].mobile", "13805361234")
    assert case.company.phone == "13805361234"
    case = apply_change(case, "company.phone", "0536-5212345")
    case = apply_change(case, "people[0].mobile", "13905365678")
    assert case.company.phone == "0536-5212345"  # typed by the clerk: kept


def test_services_switch_and_take_their_own_data() -> None:
    case = apply_change(draft(), "services.housing_fund.requested", "0")
    assert not case.services.is_requested(ServiceCode.HOUSING_FUND)
    case = apply_change(case, "services.social_security.data.risk_class", "3")
    assert case.services.social_security is not None
    assert case.services.social_security.data.risk_class == 3
    with pytest.raises(FieldUnreadable):
        apply_change(case, "services.license.data.copies", "99")


def test_mailing_the_licence_asks_an_address_and_fills_the_recipient_and_postcode() -> None:
    case, first = new_person(draft())
    case, second = new_person(case)
    case = apply_change(case, "people[1].role.liaison", "1")
    licence = "services.license.data"
    case = apply_change(case, f"{licence}.delivery", "mail")
    mail = case.services.license.data.mail_to if case.services.license else None
    assert mail is not None
    assert (mail.recipient_person_id, mail.postcode, mail.address) == (second, "262700", "")
    problems = validate_case(case, today=TODAY)
    at_address = feedback_for(case, f"{licence}.mail_to.address", problems)
    assert any("邮寄地址" in f.message_zh for f in at_address)
    case = apply_change(case, f"{licence}.mail_to.address", "寿光市洛城街道菜都路66号")
    case = apply_change(case, f"{licence}.mail_to.postcode", "262711")
    assert not feedback_for(case, f"{licence}.mail_to.address", validate_case(case, today=TODAY))
    view = next(
        s
        for s in draft_view(case, revision=1, position={}, problems=(), today=TODAY, photos=set()).services
        if s.code == "license"
    )
    assert view.data["delivery"] == "mail"
    assert view.data["mail_to.address"] == "寿光市洛城街道菜都路66号"
    assert view.data["mail_to.postcode"] == "262711"
    assert view.recipient == case.people[1].name
    with pytest.raises(FieldUnreadable):
        apply_change(case, f"{licence}.mail_to.postcode", "26271")
    with pytest.raises(FieldUnreadable):
        apply_change(case, f"{licence}.mail_to.colour", "red")
    case = apply_change(case, f"{licence}.delivery", "pickup")
    assert case.services.license is not None
    assert case.services.license.data.delivery.value == "pickup"
    assert first != second


def test_the_id_number_gives_birth_date_sex_and_age() -> None:
    assert derived_from_id("11010519491231002X", TODAY) == ("1949-12-31", "女", 76)
    assert derived_from_id("440524188001010014", TODAY)[1] == "男"
    assert derived_from_id("1101051949", TODAY) == ("", "", None)


def test_a_saved_name_and_id_number_are_handed_back_for_the_cards_heading_and_derived_line() -> None:
    case = apply_change(new_person(draft())[0], "people[0].name", "𠮷乃")
    case = apply_change(case, "people[0].id_number", "11010519491231002X")
    changes = [
        FieldChange("people[0].name", "𠮷乃"),
        FieldChange("people[0].id_number", "11010519491231002X"),
    ]
    values = derived_people(case, changes, TODAY)
    assert values["people[0].name"] == "𠮷乃"
    assert values["people[0].birth_date"] == "1949-12-31"
    assert "people[0].name" not in derived_people(case, changes[1:], TODAY)  # only what changed


def test_findings_land_on_the_field_and_the_step_that_fixes_them() -> None:
    case, _ = new_person(draft())
    case = apply_change(case, "company.registered_capital_wan", "100")
    case = apply_change(case, "people[0].id_number", "110105194912310021")
    case = apply_change(case, "people[0].subscribed_wan", "60")
    problems = validate_case(case, today=TODAY)
    at_id = feedback_for(case, "people[0].id_number", problems)
    assert any("校验" in f.message_zh for f in at_id)
    assert all(f.step == "people" for f in at_id)
    assert any("注册资本" in f.message_zh for f in feedback_for(case, "people[0].subscribed_wan", problems))
    assert jump_field(case, "roles.shareholders[0].subscribed_wan") == "people[0].subscribed_wan"
    assert (step_of("company.name"), step_of("services.tax.data"), step_of("documents[2]")) == (
        "company",
        "services",
        "documents",
    )


def test_suggested_roles_of_the_first_two_people() -> None:
    assert "legal_representative" in suggested_roles(0, CompanyType.LLC)
    assert suggested_roles(1, CompanyType.LLC) == ("supervisor",)
    assert suggested_roles(2, CompanyType.LLC) == ()
    assert "director" not in suggested_roles(0, CompanyType.PARTNERSHIP)


def test_the_draft_view_keeps_raw_text_and_position() -> None:
    case = draft()
    view = draft_view(
        case,
        revision=3,
        position={
            "step": "services",
            "field": "services.tax.data.taxpayer_kind",
            "raw": {"company.employees": "五"},
        },
        problems=validate_case(case, today=TODAY),
        today=TODAY,
        photos=set(),
    )
    assert (view.step, view.field, view.revision) == ("services", "services.tax.data.taxpayer_kind", 3)
    assert view.values["company.employees"] == "五"
    assert view.values["company.operating_term"] == "长期"
    assert not view.ready
    assert view.errors
    assert view.editable
    assert draft_view(
        case, revision=1, position={"step": "bogus"}, problems=[], today=TODAY, photos=set()
    ).step == ("company")


def test_the_receipt_lists_the_services() -> None:
    receipt = receipt_of(draft(), branch="圣城支行", submitted_at=NOW)
    assert len(receipt.services) == 7
    assert receipt.submitted_at == "2026-11-28 10:00"
    assert receipt.rating is None
    accepted = draft().model_copy(update={"accepted_at": NOW - dt.timedelta(days=30)})
    assert receipt_of(accepted, branch="圣城支行", submitted_at=None).submitted_at == "2026-10-29 10:00"


def test_removing_a_person_removes_their_roles_and_shares() -> None:
    case, _first = new_person(draft())
    case, second = new_person(case)
    case = apply_change(case, "people[0].role.legal_representative", "1")
    case = apply_change(case, "people[0].subscribed_wan", "60")
    case = apply_change(case, "people[1].subscribed_wan", "40")
    case = without_person(case, 0)
    assert [p.person_id for p in case.people] == [second]
    assert case.roles.legal_representative is None
    assert [s.person_id for s in case.roles.shareholders] == [second]


def test_people_typed_by_hand_are_proposed_the_roles_of_people_read_from_a_card() -> None:
    case = with_typed_person(with_typed_person(draft()))
    first, second = (p.person_id for p in case.people)
    roles = case.roles
    assert roles.legal_representative is not None
    assert roles.legal_representative.person_id == first
    assert [o.person_id for o in roles.directors] == [first]
    assert (roles.manager, roles.finance_officer, roles.tax_handler, roles.liaison) == (first,) * 4
    assert [o.person_id for o in roles.supervisors] == [second]
    third = with_typed_person(case)
    assert third.roles == case.roles  # a third person is proposed nothing


def test_the_default_due_date_is_on_the_desk_calendar_and_handed_back_for_its_box() -> None:
    # opened at 01:30 on 1 December in Shouguang, still 30 November in UTC
    evening = dt.datetime(2026, 11, 30, 17, 30, tzinfo=dt.UTC)
    case = new_draft("SG20261201-ABCDEFGH", evening, by="clerk", desk=TRAINING_BRANCH, training=True)
    case = with_typed_person(case)
    changes = [FieldChange("people[0].subscribed_wan", "60")]
    case = apply_change(case, changes[0].key, changes[0].value)
    assert case.roles.shareholders[0].due_date == dt.date(2031, 11, 30)
    assert filled_defaults(case, changes) == {"people[0].due_date": "2031-11-30"}
    assert filled_defaults(case, [FieldChange("people[0].mobile", "13805361234")]) == {}
