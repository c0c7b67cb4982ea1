"""Case documents for the form tests: the hand-built LLC (tests/unit/case/builders.py) and variants.

The renderer checks the document's shape only (``parse_case``), so the variants change what a form
shows (company type, agent, deferred material, a rare name character) without redoing the rules.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from app.case import dump_case, parse_case, with_checklist
from app.security.device import DeviceIdentity
from app.security.rating_link import rating_url
from app.services.branch import TRAINING_BRANCH
from app.services.receipt import ReceiptSheet, build_receipt
from tests.unit.case.builders import SHA, llc_document

ISSUED_AT = dt.datetime(2026, 11, 26, 2, 30, tzinfo=dt.UTC)  # 10:30 in Shouguang
RECEIPT_KEY = b"forms-test-receipt-key-000000000"
DEVICE = DeviceIdentity.from_private_bytes("dsk-0007", bytes(range(32)))  # Ed25519 signs deterministically
PLATFORM = "https://platform.example"
# The founder's account bank in the receipt samples: never printed on the receipt (the desk's is)
ACCOUNT_BANK = ("102458500102", "中国工商银行寿光支行")
EXT_B_NAME = "王\U0002000b明"  # 𠀋: CJK Extension B
EXT_A_NAME = "刘\u4dae"  # 䶮: CJK Extension A


def llc() -> dict[str, Any]:
    return llc_document()


def joint_stock() -> dict[str, Any]:
    document = llc_document()
    company = document["company"]
    company.update(type="joint_stock", name="寿光市绿野蔬菜种植股份有限公司", registered_capital_wan="1000")
    company["name_parts"]["form"] = "股份有限公司"
    roles = document["roles"]
    roles["legal_representative"] = {"person_id": "p1", "position": "chairman"}
    roles["directors"] = [{"person_id": "p1", "chair": True}, {"person_id": "p2"}, {"person_id": "p4"}]
    roles["shareholders"][0]["subscribed_wan"] = "600"
    roles["shareholders"][1]["subscribed_wan"] = "400"
    for holder in roles["shareholders"]:
        holder["due_date"] = "2026-11-26"
    return document


def sole_proprietorship() -> dict[str, Any]:
    document = llc_document()
    company = document["company"]
    company.update(type="sole_proprietorship", name="寿光市绿野蔬菜种植中心", registered_capital_wan="20")
    company["name_parts"]["form"] = "中心"
    roles = document["roles"]
    roles.update(
        legal_representative={"person_id": "p1", "position": "investor"},
        shareholders=[
            {
                "person_id": "p1",
                "subscribed_wan": "20",
                "contribution_forms": ["money"],
                "sole_investment": "family_property",
            }
        ],
        directors=[],
        supervisors=[],
        manager=None,
    )
    roles.pop("beneficial_owner_exemption")
    return document


def one_person_llc() -> dict[str, Any]:
    """The LLC with its first shareholder alone: no 股东会, officers appointed by the shareholder."""
    document = llc_document()
    roles = document["roles"]
    roles["shareholders"] = [dict(roles["shareholders"][0], subscribed_wan="100")]
    roles["supervisors"] = []
    roles["no_supervisor_consent"] = True
    return document


def partnership() -> dict[str, Any]:
    document = llc_document()
    company = document["company"]
    company.update(
        type="partnership", name="寿光市绿野蔬菜种植合伙企业（普通合伙）", registered_capital_wan="100"
    )
    company["name_parts"]["form"] = "合伙企业（普通合伙）"
    roles = document["roles"]
    roles["legal_representative"] = {"person_id": "p1", "position": "executive_partner"}
    for holder in roles["shareholders"]:
        holder["partner_kind"] = "general"
    roles["shareholders"][1].update(contribution_forms=["money", "labour"], valuation="agreed")
    roles.update(directors=[], supervisors=[], manager=None)
    document["documents"] = []
    return provided(document)


def limited_partnership_with_a_legal_person_executive() -> dict[str, Any]:
    """A limited partnership whose general partner is a company acting through its delegate (委派代表),
    with owners listed for the beneficial-owner filing (a legal-person partner rules out the exemption)."""
    document = partnership()
    company = document["company"]
    company.update(name="寿光市绿野蔬菜种植合伙企业（有限合伙）", registered_capital_wan="1000")
    company["name_parts"]["form"] = "合伙企业（有限合伙）"
    roles = document["roles"]
    roles["shareholders"] = [
        {
            "holder": "legal",
            "entity": {"name": "寿光市丰源农业发展有限公司", "uscc": "91370783MAF8MGMB5W"},
            "subscribed_wan": "100",
            "due_date": "2030-12-31",
            "partner_kind": "general",
            "delegate": "p1",
        },
        {
            "person_id": "p2",
            "subscribed_wan": "900",
            "contribution_forms": ["in_kind"],
            "valuation": "appraised",
            "due_date": "2030-12-31",
            "partner_kind": "limited",
        },
    ]
    roles.pop("beneficial_owner_exemption")
    roles["beneficial_owners"] = [
        {"person_id": "p2", "bases": ["equity"]},
        {
            "person_id": "p1",
            "bases": ["control"],
            "control": "通过普通合伙人寿光市丰源农业发展有限公司执行合伙事务",
        },
    ]
    for person in document["people"][:2]:
        person["id_valid_until"] = "long_term"
    document["documents"] = []
    return provided(document)


def provided(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with its checklist redone for its choices, every material provided."""
    checked = dump_case(with_checklist(parse_case(document)))
    for entry in checked["documents"]:
        entry.update(status="provided", attachment_sha256=SHA)
    return checked


def with_agent_and_deferral() -> dict[str, Any]:
    """The LLC with an agent, one deferred ID copy (容缺) and a missing domicile proof."""
    document = llc_document()
    document["roles"]["agent"] = "p3"
    for entry in document["documents"]:
        if entry["kind"] == "id_copy" and entry["subject"] == "p3":
            entry.update(
                status="deferred",
                deferral={"commitment": "三日内补交监事身份证复印件", "due_date": "2026-11-29"},
            )
            entry.pop("attachment_sha256")
        if entry["kind"] == "domicile_proof":
            entry.update(status="missing")
            entry.pop("attachment_sha256")
    return document


def with_rare_names() -> dict[str, Any]:
    document = llc_document()
    document["people"][0]["name"] = EXT_B_NAME
    document["people"][1]["name"] = EXT_A_NAME
    return document


def copy_of(document: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(document)


def receipt(document: dict[str, Any], *, enrolled: bool = True) -> ReceiptSheet:
    """The receipt of ``document`` printed at ``ISSUED_AT`` by the training branch's desk."""
    case = parse_case(document)
    link = rating_url(PLATFORM, DEVICE.device_id, case.case_id, DEVICE.sign) if enrolled else ""
    return build_receipt(
        case,
        branch=TRAINING_BRANCH,
        accepted_at=case.accepted_at,
        issued_at=ISSUED_AT,
        key=RECEIPT_KEY,
        rating=link,
    )


def in_state(status: str, others: str | None = None, **services: str) -> dict[str, Any]:
    """The LLC at ``status``, its services at ``others`` (default ``status``) unless named, its account
    at another bank than the desk's."""
    document = llc_document()
    document["status"] = status
    code, name = ACCOUNT_BANK
    document["services"]["bank_account"]["data"].update(branch_code=code, branch_name=name)
    for service, request in document["services"].items():
        request["status"] = services.get(service, others or status)
    return document


def ready() -> dict[str, Any]:
    return in_state("ready")


def submitted() -> dict[str, Any]:
    """Accepted at 09:10 on Thursday 2026-11-26 (printed at 10:30), the licence with the platform, the
    rest waiting for it: expected done by 14:40 (2 h 50 min before lunch, 1 h 10 min after)."""
    document = in_state("queued", license="submitted")  # derived: the least advanced service
    document["accepted_at"] = "2026-11-26T09:10:00+08:00"
    return document


def mailed() -> dict[str, Any]:
    """As ``submitted``, the licence and seals to be mailed to the liaison (免费邮寄)."""
    document = submitted()
    document["services"]["license"]["data"].update(
        delivery="mail",
        mail_to={"recipient_person_id": "p4", "address": "寿光市洛城街道菜都路66号", "postcode": "262700"},
    )
    return document


def rejected() -> dict[str, Any]:
    document = in_state("rejected", "queued", license="rejected")
    document["accepted_at"] = "2026-11-26T09:10:00+08:00"
    document["services"]["license"]["rejection"] = {"reason_zh": "名称与已登记企业近似，请重新申报名称。"}
    return document


def completed() -> dict[str, Any]:
    """Accepted on Friday 2026-10-30 at 09:00 and completed that afternoon; printed again on 11-26."""
    document = in_state("completed")
    document["accepted_at"] = "2026-10-30T09:00:00+08:00"
    document["updated_at"] = "2026-10-30T14:10:00+08:00"
    results = {
        "license": {
            "uscc": "91370783MA3T5K9Q0L",
            "license_number": "370783202610300001",
            "established_on": "2026-10-30",
            "authority": "寿光市行政审批服务局",
        },
        "seal": {"filing_number": "3707832026103000017"},
        "bank_account": {"account_number": "0200123456789012345", "account_filing_number": "J4584001234501"},
        "tax": {"registered_on": "2026-10-30", "tax_authority": "国家税务总局寿光市税务局"},
        "social_security": {"unit_number": "37078320261030"},
        "medical_insurance": {"unit_number": "3707832026103001"},
        "housing_fund": {"unit_number": "GJJ370783100123"},
    }
    for service, found in results.items():
        document["services"][service]["results"] = found
    return document
