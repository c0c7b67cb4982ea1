"""Which forms a case gets, in which order, and the facts they print: all from the one case."""

from __future__ import annotations

from typing import Any

import pytest

from app.case import parse_case
from app.reference.guides import GUIDE_PLACEHOLDERS
from forms.catalog import ALL_FORMS, forms_for
from forms.catalog.layout import Fields, Heading, QrRow, Signatures, Table, Text
from forms.facts import case_facts
from forms.receipt_facts import with_receipt
from forms.text import PLACEHOLDER
from tests.unit.forms import samples

SERVICE_FORMS = {
    "service.seal": "印章刻制申请表",
    "service.bank_account": "银行基本存款账户开户申请书",
    "service.tax": "新办纳税人信息确认表",
    "service.social_security": "社会保险单位登记表",
    "service.medical_insurance": "医疗保险单位登记表",
    "service.housing_fund": "住房公积金单位登记表",
}


def _titles(document: dict[str, Any]) -> list[str]:
    return [spec.title for spec in forms_for(case_facts(parse_case(document)).flags)]


def test_titles_are_unique() -> None:
    titles = [spec.title for spec in ALL_FORMS]
    assert len(titles) == len(set(titles))


def test_a_full_llc_gets_every_form_in_signing_order() -> None:
    assert _titles(samples.llc()) == [
        "公司登记（备案）申请书",
        "法定代表人信息",
        "董事、监事、经理信息",
        "股东（发起人）出资情况",
        "财务负责人、联络员信息",
        "自然人身份信息",
        "实名登记确认表",
        "有限责任公司章程",
        "受益所有人信息承诺免报表",
        *SERVICE_FORMS.values(),
        "受理回执",
    ]


@pytest.mark.parametrize(
    ("make", "present", "absent"),
    [
        (samples.joint_stock, "股份有限公司章程", "有限责任公司章程"),
        (samples.sole_proprietorship, "个人独资企业登记（备案）申请书", "受益所有人信息承诺免报表"),
        (samples.partnership, "合伙企业登记（备案）申请书", "公司登记（备案）申请书"),
        (samples.with_agent_and_deferral, "容缺受理承诺书", "受益所有人信息表"),
    ],
)
def test_each_variant_gets_its_own_forms(make: Any, present: str, absent: str) -> None:
    titles = _titles(make())
    assert present in titles
    assert absent not in titles
    assert titles[-1] == "受理回执"


def test_only_the_services_switched_on_give_their_forms() -> None:
    document = samples.llc()
    for name in ("seal", "social_security", "housing_fund"):
        document["services"][name]["requested"] = False
    document["services"].pop("license")
    titles = _titles(document)
    assert titles == [
        "银行基本存款账户开户申请书",
        "新办纳税人信息确认表",
        "医疗保险单位登记表",
        "受理回执",
    ]


def test_deferred_and_missing_material_give_the_commitment_and_the_notice() -> None:
    facts = case_facts(parse_case(samples.with_agent_and_deferral()))
    assert {"docs.deferred", "docs.pending", "agent"} <= facts.flags
    assert [row["material"] for row in facts.tables["deferred_docs"]] == ["身份证件复印件"]
    pending = {(row["material"], row["status"]) for row in facts.tables["pending_docs"]}
    assert pending == {  # the agent brings a power of attorney that is not there yet
        ("身份证件复印件", "容缺后补"),
        ("授权委托书", "未提交"),
        ("住所使用证明", "未提交"),
    }
    assert facts.tables["deferred_docs"][0]["due"] == "2026年11月29日"


def test_facts_come_from_the_case_once() -> None:
    facts = case_facts(parse_case(samples.llc()))
    assert facts.value("company.name") == "寿光市绿野蔬菜种植有限公司"
    assert facts.value("company.capital") == "100万元"
    assert facts.value("lr.name") == "王建国"
    assert facts.value("company.domicile").endswith("圣城街道农圣街100号")
    assert facts.value("hf.employer_rate") == "5%"
    holders = facts.tables["shareholders"]
    assert [(h["name"], h["subscribed"], h["share"]) for h in holders] == [
        ("王建国", "60", "60.00%"),
        ("李秀英", "40", "40.00%"),
    ]
    assert facts.tables["staff"][0]["employer"] == "225"  # 4500 x 5%
    assert "五年内缴足" not in facts.value("gov.board")
    assert "不设董事会" in facts.value("gov.board")
    assert "设监事一名" in facts.value("gov.supervision")


def test_every_key_a_form_names_is_a_known_fact() -> None:
    """A typo in a form spec would print an empty box forever: every key must exist for some case,
    in values and texts and in the placeholders of labels, headers, headings, signing boxes and notes."""
    known: set[str] = set()
    tables: set[str] = set()
    for make in (
        samples.llc,
        samples.with_agent_and_deferral,
        samples.joint_stock,
        samples.partnership,
        samples.sole_proprietorship,
        samples.limited_partnership_with_a_legal_person_executive,
    ):
        document = make()
        facts = with_receipt(case_facts(parse_case(document)), samples.receipt(document))
        known |= set(facts.values)
        tables |= set(facts.tables)
    assert known >= GUIDE_PLACEHOLDERS  # what the 服务大礼包's wording may name exists
    for spec in ALL_FORMS:
        texts = [spec.note]
        for block in spec.blocks:
            if isinstance(block, Fields):
                missing = [f.key for row in block.rows for f in row if f.key not in known]
                assert not missing, (spec.title, missing)
                texts += [f.label for row in block.rows for f in row]
            elif isinstance(block, Table):
                assert block.source in tables, (spec.title, block.source)
                texts += [c.header for c in block.columns]
            elif isinstance(block, Text):
                texts.append(block.template)
            elif isinstance(block, Heading):
                texts.append(block.text)
            elif isinstance(block, Signatures):
                texts += [box.label for box in block.boxes]
            elif isinstance(block, QrRow):
                assert all(code.key in known for code in block.codes), spec.title
                texts += [code.caption for code in block.codes]
        missing = [k for text in texts for k in PLACEHOLDER.findall(text) if k not in known]
        assert not missing, (spec.title, missing)
