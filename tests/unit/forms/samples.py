"""Case documents for the form tests: the hand-built LLC (tests/unit/case/builders.py) and variants.

The renderer checks the document's shape only (``parse_case``), so the variants change what a form
shows (company type, agent, deferred material, a rare name character) without redoing the rules.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from tests.unit.case.builders import llc_document

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
        shareholders=[{"person_id": "p1", "subscribed_wan": "20", "contribution_forms": ["money"]}],
        directors=[],
        supervisors=[],
        manager=None,
    )
    roles.pop("beneficial_owner_exemption")
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
    roles.update(directors=[], supervisors=[], manager=None)
    return document


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
