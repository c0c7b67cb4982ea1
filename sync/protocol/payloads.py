"""The ``bizdesk.payload/1`` documents, one JSON Schema (2020-12) per service.

A submission's ``payload`` is what ``app.case.payload.service_payload`` builds from a case: the
company, the legal representative, and the service's own block. Each schema names every key the
builder writes (all required, ``null`` where a value may be missing) and refuses any other
(``additionalProperties: false``), with bounds on every string and list, so that a platform catches
a client's mistake (an unknown field, junk, a payload of the wrong service) at the door.

``python -m sync.protocol.payloads`` writes them to ``docs/payloads/<service>.schema.json``; a test
regenerates them and fails on any drift, and another validates the payloads of seeded cases.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SCHEMA_ID = "bizdesk.payload/1"
SERVICES = ("license", "seal", "bank_account", "tax", "social_security", "medical_insurance", "housing_fund")
DOCS = Path(__file__).resolve().parents[2] / "docs" / "payloads"
MAX_LIST = 200  # people, staff, shareholders: far above any real company opened at a desk
Schema = dict[str, Any]


def _text(limit: int = 500) -> Schema:
    return {"type": "string", "maxLength": limit}


def _maybe(schema: Schema) -> Schema:
    if "$ref" in schema or "anyOf" in schema or "oneOf" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    kind = schema["type"]
    return {**schema, "type": [kind, "null"]} if isinstance(kind, str) else schema


def _list(items: Schema, limit: int = MAX_LIST) -> Schema:
    return {"type": "array", "items": items, "maxItems": limit}


def _object(
    properties: Mapping[str, Schema],
    *,
    description: str | None = None,
    added: Mapping[str, Schema] | None = None,
) -> Schema:
    """An object with every key of ``properties`` required and no other key taken. ``added`` are keys
    that came later within v1 (section 11 of docs/sync-protocol.md): the desk writes them, a platform
    takes a payload with or without them, so a desk of an earlier v1 release stays valid."""
    schema: Schema = {
        "type": "object",
        "properties": {**properties, **(added or {})},
        "required": list(properties),
        "additionalProperties": False,
    }
    return {"description": description, **schema} if description else schema


REF = {name: {"$ref": f"#/$defs/{name}"} for name in ("person", "address", "bank_results", "staff")}
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
MONEY = {"type": "string", "pattern": "^-?[0-9]{1,12}(\\.[0-9]{1,4})?$", "description": "exact decimal"}
MONTH = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"}
CODE = {"type": "string", "pattern": "^[a-z_]{1,40}$"}
FREE_OBJECT: Schema = {"type": "object", "maxProperties": 50}  # a model's own dump (name parts, entity)
PERSON = _maybe(REF["person"])

DEFS: dict[str, Schema] = {
    "person": _object(
        {
            "person_id": _text(64),
            "name": _text(100),
            "id_type": CODE,
            "id_number": _text(40),
            "birth_date": _maybe(DATE),
            "mobile": _maybe(_text(32)),
            "address": _maybe(_text()),
            "email": _maybe(_text(254)),
        },
        added={
            "id_valid_until": _maybe({"anyOf": [DATE, {"const": "long_term"}]}),
            "sex": _maybe({"enum": ["male", "female"]}),
            "nationality": _maybe(_text(60)),
        },
        description="A person resolved from the case's roles (personal data: sent, never logged); "
        "birth_date and sex as the resident ID number carries them, else as entered",
    ),
    "address": _object(
        {
            "division_code": _maybe({"type": "string", "pattern": "^[0-9]{6}$"}),
            "division_name": _text(),
            "address": _text(),
            "full_address": _text(1000),
        }
    ),
    "bank_results": _object(
        {
            "account_number": _text(40),
            "account_filing_number": _maybe(_text(40)),
            "branch_name": _maybe(_text(200)),
            "branch_code": _maybe(_text(20)),
        },
        description="The basic account the bank opened (results of bank_account)",
    ),
    "staff": _object({"person": PERSON, "monthly_wage_yuan": _maybe(MONEY)}),
}

COMPANY = _object(
    {
        "type": CODE,
        "type_zh": _text(50),
        "name": _maybe(_text(200)),
        "uscc": _maybe({"type": "string", "pattern": "^[0-9A-HJ-NPQRTUWXY]{18}$"}),
        "license_number": _maybe(_text(40)),
        "established_on": _maybe(DATE),
        "domicile": _maybe(REF["address"]),
        "production_address": _maybe(REF["address"]),
        "registered_capital_wan": _maybe(MONEY),
        "industry_code": _maybe(_text(10)),
        "industry_division": _maybe(_text(200)),
        "scope": _object({"general": _list(_text()), "licensed": _list(_text()), "text": _text(20_000)}),
        "operating_term": {
            "oneOf": [{"const": "long_term"}, {"type": "integer", "minimum": 1, "maximum": 100}]
        },
        "employees": _maybe({"type": "integer", "minimum": 0, "maximum": 10_000_000}),
        "phone": _maybe(_text(32)),
        "postcode": _maybe({"type": "string", "pattern": "^[0-9]{6}$"}),
    },
    description="The company as the agencies need it; uscc, license_number and established_on once licensed",
)
LEGAL_REPRESENTATIVE = _maybe(_object({"position": CODE, "position_zh": _text(50), "person": PERSON}))
OFFICER = _object(
    {"person": PERSON, "chair": {"type": "boolean"}, "employee_representative": {"type": "boolean"}}
)
SHAREHOLDER = _object(
    {
        "holder": CODE,
        "person": PERSON,
        "entity": _maybe(FREE_OBJECT),
        "subscribed_wan": _maybe(MONEY),
        "share_percent": _maybe(MONEY),
        "contribution_forms": _list(CODE, 10),
        "due_date": _maybe(DATE),
        "partner_kind": _maybe(CODE),
    },
    added={
        "valuation": _maybe(CODE),  # 合伙企业: 评估方式 of a non-money contribution (agreed / appraised)
        "delegate": PERSON,  # 合伙企业: the 委派代表 a legal-person partner names
        "sole_investment": _maybe(CODE),  # 个人独资企业: personal_property / family_property
    },
)
BENEFICIAL_OWNER = _object(
    {
        "person": PERSON,
        "bases": _list(CODE, 10),
        "since": _maybe(DATE),
        "share_percent": _maybe(MONEY),
        "control": _maybe(_text()),
    },
    description="A beneficial owner as the filing asks: grounds, since when, share, how control is exercised",
)
EXEMPTION = _maybe(_object({"no_other_controller": {"type": "boolean"}}))
DOCUMENT = _object(
    {
        "kind": CODE,
        "subject": _maybe(_text(64)),
        "status": {"enum": ["provided", "deferred", "missing"]},
        "attachment_sha256": _maybe({"type": "string", "pattern": "^[0-9a-f]{64}$"}),
        "deferral": _maybe(_object({"commitment": _text(), "due_date": DATE})),
    },
    description="A material of the application; deferred ones under 容缺受理 with the promised date",
)
STAFF_FUND = _object(
    {
        "person": PERSON,
        "monthly_wage_yuan": _maybe(MONEY),
        "base_yuan": _maybe(MONEY),
        "employer_amount_yuan": _maybe(MONEY),
        "employee_amount_yuan": _maybe(MONEY),
    }
)
BOOL = {"type": "boolean"}
BANK = _maybe(REF["bank_results"])

# Keys a service's block gained within v1 (optional for a platform: see ``_object``'s ``added``).
ADDED: dict[str, dict[str, Schema]] = {
    "license": {
        "beneficial_owner_exemption_declaration": EXEMPTION,
        "documents": _list(DOCUMENT, 100),
    },
    "bank_account": {
        "beneficial_owner_details": _list(BENEFICIAL_OWNER, 50),
        "beneficial_owner_exemption_declaration": EXEMPTION,
    },
}

BLOCKS: dict[str, dict[str, Schema]] = {
    "license": {
        "name_parts": _maybe(FREE_OBJECT),
        "shareholders": _list(SHAREHOLDER),
        "directors": _list(OFFICER, 50),
        "supervisors": _list(OFFICER, 50),
        "no_supervisor_consent": BOOL,
        "audit_committee": _list(PERSON, 50),
        "manager": PERSON,
        "finance_officer": PERSON,
        "liaison": PERSON,
        "agent": PERSON,
        "beneficial_owners": _list(
            _object(
                {"person": PERSON, "bases": _list(CODE, 10)},
                added={
                    k: v for k, v in BENEFICIAL_OWNER["properties"].items() if k not in ("person", "bases")
                },
            ),
            50,
        ),
        "beneficial_owner_exemption": BOOL,
        "request": _maybe(FREE_OBJECT),
        "mail_recipient": PERSON,
    },
    "seal": {
        "seals": _list(_object({"kind": CODE, "label_zh": _text(50), "shows_uscc": BOOL}), 10),
        "engraver": _maybe(_text(200)),
    },
    "bank_account": {
        "branch_code": _maybe(_text(20)),
        "branch_name": _maybe(_text(200)),
        "authorised_signers": _list(PERSON, 20),
        "specimen_seals": _list(CODE, 10),
        "online_banking": BOOL,
        "ukey_count": {"type": "integer", "minimum": 0, "maximum": 10},
        "intent_confirmation": _maybe(CODE),
        "finance_officer": PERSON,
        "seal_filing_number": _maybe(_text(40)),
        "beneficial_owners": _list(PERSON, 50),
        "beneficial_owner_exemption": BOOL,
    },
    "tax": {
        "taxpayer_kind": _maybe(CODE),
        "accounting_standard": _maybe(CODE),
        "invoice_kinds": _list(CODE, 20),
        "monthly_invoice_limit_yuan": _maybe(MONEY),
        "debit_agreement": BOOL,
        "finance_officer": PERSON,
        "tax_handler": PERSON,
        "bank_account": BANK,
    },
    "social_security": {
        "start_month": _maybe(MONTH),
        "risk_class": _maybe({"type": "integer", "minimum": 1, "maximum": 8}),
        "insurances": _list(CODE, 10),
        "handler": PERSON,
        "staff": _list(REF["staff"], 2000),
        "bank_account": BANK,
    },
    "medical_insurance": {
        "start_month": _maybe(MONTH),
        "insurances": _list(CODE, 10),
        "handler": PERSON,
        "staff": _list(REF["staff"], 2000),
        "bank_account": BANK,
    },
    "housing_fund": {
        "employer_rate_percent": _maybe({"type": "integer", "minimum": 1, "maximum": 100}),
        "employee_rate_percent": _maybe({"type": "integer", "minimum": 1, "maximum": 100}),
        "start_month": _maybe(MONTH),
        "base_cap_yuan": _maybe(MONEY),
        "handler": PERSON,
        "staff": _list(STAFF_FUND, 2000),
        "bank_account": BANK,
    },
}


def payload_schema(service: str) -> Schema:
    """The JSON Schema of the ``bizdesk.payload/1`` document of ``service``."""
    if service not in BLOCKS:
        raise KeyError(service)
    properties: dict[str, Schema] = {
        "schema": {"const": SCHEMA_ID},
        "case_id": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"},
        "service": {"const": service},
        "fictitious": BOOL,
        "depends_on": _list({"enum": list(SERVICES)}, 7),
        "company": COMPANY,
        "legal_representative": LEGAL_REPRESENTATIVE,
        **BLOCKS[service],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://bizdesk.invalid/schemas/payload/1/{service}.schema.json",
        "title": f"bizdesk.payload/1: {service}",
        **_object(properties, added=ADDED.get(service)),
        "$defs": DEFS,
    }


def rendered(service: str) -> str:
    return json.dumps(payload_schema(service), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(folder: Path = DOCS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for service in SERVICES:
        path = folder / f"{service}.schema.json"
        path.write_text(rendered(service), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS):
        print(written_path)
