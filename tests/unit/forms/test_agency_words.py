"""What each agency's form asks, in the agency's words, for every company type (issue 19's review).

Facts and specs only (no PDF): the words a form prints are its labels, headers, headings, signing
boxes and texts, filled from the case's facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.case import parse_case
from forms.catalog import LICENCE_FORMS, forms_for
from forms.catalog.layout import Fields, FormSpec, Heading, Signatures, Table, Text, applies
from forms.catalog.services import BANK_FORM, HOUSING_FORM, MEDICAL_FORM, SEAL_FORM, SOCIAL_FORM, TAX_FORM
from forms.facts import Facts, case_facts
from forms.text import fill
from tests.unit.forms import samples

SERVICE_SPECS = (SEAL_FORM, BANK_FORM, TAX_FORM, SOCIAL_FORM, MEDICAL_FORM, HOUSING_FORM)


def facts_of(document: dict[str, Any]) -> Facts:
    return case_facts(parse_case(document))


def printed_words(spec: FormSpec, facts: Facts) -> Iterator[str]:
    """Every label, header, heading, signing box and text the form prints for these facts."""
    yield fill(spec.note, facts.values)
    for block in spec.blocks:
        if not applies(block.when, getattr(block, "unless", ()), facts.flags):
            continue
        if isinstance(block, Fields):
            for row in block.rows:
                for field in row:
                    yield fill(field.label, facts.values)
                    yield facts.value(field.key)
        elif isinstance(block, Table):
            for column in block.columns:
                yield fill(column.header, facts.values)
            yield from (row.get(c.key, "") for row in facts.tables[block.source] for c in block.columns)
        elif isinstance(block, Heading):
            yield fill(block.text, facts.values)
        elif isinstance(block, Text):
            yield fill(block.template, facts.values)
        elif isinstance(block, Signatures):
            yield from (fill(box.label, facts.values) for box in block.boxes)


def words(spec: FormSpec, facts: Facts) -> str:
    return "\n".join(printed_words(spec, facts))


# --- 1. units without a legal person ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "head", "seal"),
    [
        (samples.partnership, "执行事务合伙人", "执行事务合伙人名章"),
        (samples.sole_proprietorship, "负责人", "负责人名章"),
        (
            samples.limited_partnership_with_a_legal_person_executive,
            "执行事务合伙人",
            "执行事务合伙人委派代表名章",
        ),
    ],
)
def test_units_without_a_legal_person_use_their_own_words_on_every_service_form(
    make: Any, head: str, seal: str
) -> None:
    facts = facts_of(make())
    for spec in SERVICE_SPECS:
        printed = words(spec, facts)
        assert "法定代表人" not in printed, spec.title
        assert head in printed, spec.title
    assert seal in [row["kind"] for row in facts.tables["seals"]]
    assert seal in facts.value("bank.seals")
    assert "法定代表人名章" not in words(SEAL_FORM, facts)


def test_a_company_keeps_its_legal_representative() -> None:
    facts = facts_of(samples.llc())
    assert "法定代表人名章" in [row["kind"] for row in facts.tables["seals"]]
    assert all("法定代表人" in words(spec, facts) for spec in SERVICE_SPECS)


def test_a_legal_person_executive_partner_is_printed_with_its_delegate() -> None:
    facts = facts_of(samples.limited_partnership_with_a_legal_person_executive())
    assert "head.delegated" in facts.flags
    assert facts.value("head.name") == "寿光市丰源农业发展有限公司（委派代表：王建国）"
    assert facts.value("head.delegate") == "王建国"
    assert facts.value("lr.name") == "王建国"  # the delegate signs and shows his ID


# --- 2. founding documents --------------------------------------------------------------------------


def test_a_partnership_files_its_agreement_and_the_contribution_confirmation() -> None:
    titles = [spec.title for spec in forms_for(facts_of(samples.partnership()).flags)]
    assert (
        titles.index("合伙企业登记（备案）申请书")
        < titles.index("合伙协议")
        < titles.index("全体合伙人出资确认书")
    )
    facts = facts_of(samples.limited_partnership_with_a_legal_person_executive())
    agreement = next(s for s in forms_for(facts.flags) if s.title == "合伙协议")
    printed = words(agreement, facts)
    assert "第十八条、第六十三条" in printed  # a limited partnership's agreement says more (art. 63)
    assert "有限合伙人不执行合伙事务" in printed
    assert "寿光市丰源农业发展有限公司（委派代表：王建国）为执行事务合伙人" in printed
    confirmation = next(s for s in forms_for(facts.flags) if s.title == "全体合伙人出资确认书")
    assert "委托法定评估机构评估" in words(confirmation, facts)


def test_a_one_person_company_has_no_shareholders_meeting_and_appoints_by_decision() -> None:
    facts = facts_of(samples.one_person_llc())
    meeting = facts.value("gov.meeting")
    assert "不设股东会" in meeting
    assert "表决权" not in meeting  # no voting rules of a meeting that does not exist
    assert "由股东决定产生" in facts.value("gov.board")
    assert "股东会" not in facts.value("gov.board") + facts.value("gov.supervision")
    assert {row["appointed"] for row in facts.tables["officers"] if row["title"] != "经理"} == {"股东决定"}
    assert facts.value("gov.lr_chosen") == "股东决定"
    assert facts.value("gov.dissolve") == "股东决定解散"
    assert facts.value("articles.signers") == "股东"


@pytest.mark.parametrize(
    ("make", "chosen"), [(samples.llc, "股东会选举"), (samples.joint_stock, "成立大会选举")]
)
def test_officers_come_to_office_as_the_company_form_says(make: Any, chosen: str) -> None:
    facts = facts_of(make())
    directors = [row for row in facts.tables["officers"] if "董事" in row["title"]]
    assert {row["appointed"] for row in directors} == {chosen}


def test_joint_stock_articles_and_sheet_speak_of_shares() -> None:
    facts = facts_of(samples.joint_stock())
    assert facts.value("company.shares") == "1000万股"
    titles = {s.title: s for s in forms_for(facts.flags)}
    for title in ("股份有限公司章程", "股东（发起人）出资情况"):
        printed = words(titles[title], facts)
        assert "万股" in printed, title
        assert "认缴出资额" not in printed, title
    assert [row["shares"] for row in facts.tables["shareholders"]] == ["600", "400"]


# --- 3, 4. the registration applications -------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (samples.llc, "有限责任公司（自然人投资或控股）"),
        (samples.one_person_llc, "有限责任公司（自然人独资）"),
        (samples.joint_stock, "股份有限公司（非上市、自然人投资或控股）"),
        (samples.partnership, "普通合伙企业"),
        (samples.limited_partnership_with_a_legal_person_executive, "有限合伙企业"),
        (samples.sole_proprietorship, "个人独资企业"),
    ],
)
def test_the_type_is_printed_with_its_subtype_as_on_the_licence(make: Any, kind: str) -> None:
    assert facts_of(make()).value("company.type") == kind


def test_the_company_application_says_establishment_currency_and_the_class_name() -> None:
    document = samples.llc()
    document["company"]["industry_code"] = "5930"
    facts = facts_of(document)
    assert facts.value("application.kind") == "设立"
    assert facts.value("company.currency") == "人民币"
    assert facts.value("company.industry") == "低温仓储（5930）"  # the class, not 装卸搬运和仓储业


def test_a_sole_proprietor_declares_the_property_on_the_application() -> None:
    facts = facts_of(samples.sole_proprietorship())
    assert facts.value("holder.forms") == "以家庭共有财产作为个人出资"
    assert facts.value("holder.liability") == "以家庭共有财产对企业债务承担无限责任"
    spec = next(s for s in forms_for(facts.flags) if s.title == "个人独资企业登记（备案）申请书")
    printed = words(spec, facts)
    assert "以个人财产对企业债务" not in printed
    assert "货币" not in printed


def test_the_partnership_application_names_its_kind_id_types_and_valuations() -> None:
    facts = facts_of(samples.limited_partnership_with_a_legal_person_executive())
    spec = next(s for s in forms_for(facts.flags) if s.title == "合伙企业登记（备案）申请书")
    printed = words(spec, facts)
    for asked in (
        "合伙企业类型",
        "有限合伙企业",
        "证件类型",
        "统一社会信用代码",
        "评估方式",
        "委托法定评估机构评估",
    ):
        assert asked in printed, asked
    assert "委派代表" in printed


# --- 5. bank ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "category"), [(samples.llc, "企业法人"), (samples.partnership, "非法人企业")]
)
def test_the_bank_application_asks_what_the_bank_lists(make: Any, category: str) -> None:
    facts = facts_of(make())
    assert facts.value("bank.depositor") == category
    printed = words(BANK_FORM, facts)
    for asked in (
        "行业分类",
        "A 农、林、牧、渔业",
        "地区代码",
        "370783",
        "经营范围",
        "证明文件种类",
        "营业执照",
    ):
        assert asked in printed, asked
    assert "存款人类别\n有限责任公司" not in printed


# --- 6. beneficial owners ---------------------------------------------------------------------------


def test_the_exemption_cites_article_three() -> None:
    facts = facts_of(samples.llc())
    spec = next(s for s in forms_for(facts.flags) if s.title == "受益所有人信息承诺免报表")
    printed = words(spec, facts)
    assert "第三条" in printed
    assert "第七条" not in printed


def test_the_owner_rows_carry_what_the_filing_asks() -> None:
    facts = facts_of(samples.limited_partnership_with_a_legal_person_executive())
    rows = {row["name"]: row for row in facts.tables["beneficial_owners"]}
    holder, controller = rows["李秀英"], rows["王建国"]
    assert (holder["sex"], holder["born"], holder["valid"]) == ("女", "1980年6月7日", "长期")
    assert holder["address"].startswith("山东省寿光市")
    assert holder["mobile"] == "13905362345"
    assert (holder["bases"], holder["since"], holder["share"]) == ("持股25%以上", "企业成立之日", "90%")
    assert controller["control"].startswith("通过普通合伙人")


# --- 7. tax -----------------------------------------------------------------------------------------


def test_digital_invoices_have_a_total_amount_not_a_monthly_limit() -> None:
    document = samples.llc()
    document["services"]["tax"]["data"]["invoice_kinds"] = ["digital_ordinary", "digital_special"]
    facts = facts_of(document)
    printed = words(TAX_FORM, facts)
    assert "月最高开票限额" not in printed
    assert not facts.value("tax.package").startswith("票种核定")
    assert "发票总额度" in printed
    assert facts.value("tax.invoices") == "电子发票（普通发票）、电子发票（增值税专用发票）"
    assert facts.value("tax.registration_type") == "173 私营有限责任公司"


def test_paper_invoices_keep_their_approval_and_limit() -> None:
    document = samples.llc()
    document["services"]["tax"]["data"].update(
        invoice_kinds=["paper_special"], monthly_invoice_limit_yuan="100000"
    )
    facts = facts_of(document)
    assert "月最高开票限额100000元" in facts.value("tax.quota")
    assert facts.value("tax.package").startswith("票种核定")


# --- 8. insurance and the housing fund --------------------------------------------------------------


def test_the_bases_are_the_first_months_wage_between_the_published_floor_and_cap() -> None:
    document = samples.llc()
    document["staff"][0]["monthly_wage_yuan"] = "2500"
    facts = facts_of(document)
    row = facts.tables["staff"][0]
    assert row["wage"] == "2500"
    assert row["ss_base"] == row["mi_base"] == "4576"  # raised to the insurance floor
    assert row["base"] == "2500"  # above the housing fund's floor, the minimum wage
    assert facts.value("hf.cap") == "25200元"  # a number, never 未设
    assert facts.value("ss.limits") == "4576元至22881元（2025年1月1日起）"
    for spec in (SOCIAL_FORM, MEDICAL_FORM, HOUSING_FORM):
        printed = words(spec, facts)
        assert "首月工资" in printed
        assert "上年月均工资" not in printed
        assert "未设" not in printed


# --- 9. seal ----------------------------------------------------------------------------------------


def test_the_seal_form_carries_the_handlers_id_number() -> None:
    facts = facts_of(samples.llc())
    assert facts.value("liaison.id_number") in words(SEAL_FORM, facts)


# --- the 2026 registration documents ------------------------------------------------------------------


def test_personal_ids_addresses_and_mobiles_sit_on_their_own_page() -> None:
    document = samples.limited_partnership_with_a_legal_person_executive()
    facts = facts_of(document)
    case = parse_case(document)
    specs = {spec.title: spec for spec in forms_for(facts.flags)}
    registration = [
        spec.title
        for spec in LICENCE_FORMS
        if spec.title in specs and spec.title not in ("自然人身份信息", "受益所有人信息表")
    ]
    assert len(registration) == 5  # application, contacts, real-name, agreement, confirmation
    for title in registration:
        printed = words(specs[title], facts)
        for person in case.people:
            if person.id_number:
                assert person.id_number not in printed, (title, person.name)
            if person.mobile:
                assert person.mobile not in printed, (title, person.name)
    page = {row["name"]: row for row in facts.tables["registration_people"]}
    assert page["王建国"]["posts"] == "执行事务合伙人委派代表"
    assert page["王建国"]["id_number"] == case.people[0].id_number
    assert "91370783MAF8MGMB5W" in words(specs["合伙企业登记（备案）申请书"], facts)  # a company's code stays


def test_the_real_name_confirmation_lists_who_is_verified_before_registration() -> None:
    facts = facts_of(samples.llc())
    verified = {row["name"]: row["posts"] for row in facts.tables["real_name_people"]}
    assert verified == {
        "王建国": "法定代表人、股东、董事、经理",
        "李秀英": "股东",
        "张伟": "监事",
        "刘芳": "财务负责人",
    }
    everyone = {row["name"] for row in facts.tables["registration_people"]}
    assert everyone == set(verified)  # 刘芳 is also the liaison: listed once, with every post
