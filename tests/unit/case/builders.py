"""A hand-built two-shareholder LLC opening all seven services: valid on ``TODAY``, mutated by tests.

Independent of the seed generator on purpose: the rules are checked against data typed by hand.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from app.case import dump_case, parse_case, with_checklist
from app.validation import resident_id_check_char

TODAY = dt.date(2026, 11, 26)
SHA = "ab" * 32


def rid(code: str, born: str, sequence: str) -> str:
    """A resident ID number with its correct check character."""
    first17 = f"{code}{born}{sequence}"
    return first17 + resident_id_check_char(first17)


PEOPLE = [
    {
        "person_id": "p1",
        "name": "王建国",
        "id_number": rid("370783", "19750315", "031"),
        "mobile": "13805361234",
        "address": "山东省寿光市圣城街道农圣街18号",
    },
    {
        "person_id": "p2",
        "name": "李秀英",
        "id_number": rid("370723", "19800607", "042"),
        "mobile": "13905362345",
        "address": "山东省寿光市文家街道东营村9号",
    },
    {
        "person_id": "p3",
        "name": "张伟",
        "id_number": rid("372223", "19690101", "013"),
        "mobile": "15805363456",
        "address": "山东省寿光市古城街道后河村12号",
    },
    {
        "person_id": "p4",
        "name": "刘芳",
        "id_number": rid("370783", "19920820", "064"),
        "mobile": "18605364567",
        "address": "山东省寿光市洛城街道菜都路66号",
        "email": "liufang@example.com",
    },
]

SERVICES: dict[str, Any] = {
    "license": {"data": {"copies": 1, "delivery": "pickup"}},
    "seal": {
        "data": {
            "seals": ["official", "finance", "invoice", "legal_representative"],
            "engraver": "寿光市圣城印章刻制服务部",
        }
    },
    "bank_account": {
        "data": {
            "branch_code": "314458500011",
            "branch_name": "寿光农村商业银行圣城支行",
            "authorised_signers": ["p1"],
        }
    },
    "tax": {
        "data": {
            "taxpayer_kind": "small_scale",
            "accounting_standard": "small_business",
            "invoice_kinds": ["digital_ordinary"],
            "debit_agreement": True,
        }
    },
    "social_security": {"data": {"start_month": "2026-11", "risk_class": 2}},
    "medical_insurance": {"data": {"start_month": "2026-11"}},
    "housing_fund": {
        "data": {"employer_rate_percent": 5, "employee_rate_percent": 5, "start_month": "2026-11"}
    },
}

_BASE: dict[str, Any] = {
    "schema": "bizdesk.case/1",
    "case_id": "SG20261126-TEST0001",
    "created_at": "2026-11-26T09:00:00+08:00",
    "updated_at": "2026-11-26T09:00:00+08:00",
    "created_by": "clerk01",
    "status": "draft",
    "company": {
        "type": "llc",
        "name": "寿光市绿野蔬菜种植有限公司",
        "name_parts": {
            "division": "寿光市",
            "trade_name": "绿野",
            "industry": "蔬菜种植",
            "form": "有限公司",
        },
        "domicile": {"division_code": "370783", "address": "圣城街道农圣街100号"},
        "registered_capital_wan": "100",
        "scope": {"general": ["AG001", "AG019", "TR003"], "licensed": []},
        "industry_code": "0141",
        "operating_term": "long_term",
        "employees": 8,
        "phone": "0536-5201234",
        "postcode": "262700",
    },
    "people": PEOPLE,
    "roles": {
        "legal_representative": {"person_id": "p1", "position": "sole_director"},
        "shareholders": [
            {
                "person_id": "p1",
                "subscribed_wan": "60",
                "contribution_forms": ["money"],
                "due_date": "2030-12-31",
            },
            {
                "person_id": "p2",
                "subscribed_wan": "40",
                "contribution_forms": ["money"],
                "due_date": "2030-12-31",
            },
        ],
        "directors": [{"person_id": "p1"}],
        "supervisors": [{"person_id": "p3"}],
        "manager": "p1",
        "finance_officer": "p4",
        "tax_handler": "p4",
        "liaison": "p4",
        "beneficial_owner_exemption": {"no_other_controller": True},
    },
    "staff": [{"person_id": "p4", "monthly_wage_yuan": "4500"}],
    "services": SERVICES,
}


# 人证核验 of the legal representative, the shareholders, the director, the supervisor and the manager, and
# the 开户意愿 confirmed by two bank staff: recorded at the desk, not typed (not in ``without_documents``)
CHECKS: dict[str, Any] = {
    "identity_checks": [
        {
            "person_id": person["person_id"],
            "outcome": "match",
            "id_number": person["id_number"],
            "checked_by": "clerk01",
            "checked_at": "2026-11-26T09:20:00+08:00",
            "device": "SIM-FACE-0001",
        }
        for person in PEOPLE[:3]
    ],
    "account_intent": {
        "person_id": "p1",
        "first_by": "clerk01",
        "second_by": "clerk02",
        "confirmed_at": "2026-11-26T09:25:00+08:00",
    },
}


def face_checked(document: dict[str, Any], person_id: str) -> None:
    """Record a passed 人证核验 of ``person_id`` in ``document`` (a person added by a test)."""
    person = next(p for p in document["people"] if p["person_id"] == person_id)
    check = {**CHECKS["identity_checks"][0], "person_id": person_id, "id_number": person["id_number"]}
    document.setdefault("identity_checks", []).append(check)


def llc_document() -> dict[str, Any]:
    """The valid case as a bizdesk.case/1 dict, with every required document provided and the identity
    and intent checks recorded."""
    case = with_checklist(parse_case({**copy.deepcopy(_BASE), **copy.deepcopy(CHECKS)}))
    document = dump_case(case)
    for entry in document["documents"]:
        entry["status"] = "provided"
        entry["attachment_sha256"] = SHA
    return document


def without_documents() -> dict[str, Any]:
    """The valid case as typed by the clerk, before any document is attached (for counting entries)."""
    return copy.deepcopy(_BASE)
