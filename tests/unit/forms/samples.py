"""Case documents for the form tests: the hand-built LLC (tests/unit/case/builders.py) and variants.

The renderer checks the document's shape only (``parse_case``), so the variants change what a form
shows (company type, agent, deferred material, a rare name character) without redoing the rules.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from app.case import dump_case, parse_case, with_checklist
from tests.unit.case.builders import SHA, llc_document

ISSUED_AT = dt.datetime(2026, 11, 26, 2, 30, tzinfo=dt.UTC)  # 10:30 in Shouguang
RECEIPT_KEY = b"forms-test-receipt-key-000000000"
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
