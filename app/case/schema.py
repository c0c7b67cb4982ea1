"""The published JSON Schema (2020-12) of ``bizdesk.case/1``, generated from the pydantic models.

    python -m app.case.schema > docs/case.schema.json

``tests/unit/case/test_schema_published.py`` regenerates it and fails when docs/ has drifted.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from app.case.model import SCHEMA_ID, Case

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DOC_ID = "https://bizdesk.invalid/schemas/bizdesk.case-1.json"


def case_json_schema() -> dict[str, Any]:
    schema = Case.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": SCHEMA_URI,
        "$id": SCHEMA_DOC_ID,
        "title": SCHEMA_ID,
        "description": (
            "An opening case (开办案卷) of the Shouguang business-opening desks: the company, its people "
            "and roles, staff, the seven service requests and the documents checklist. Money is an exact "
            "decimal string; see docs/case-format.md."
        ),
        **{key: value for key, value in schema.items() if key != "title"},
    }


def schema_text() -> str:
    return json.dumps(case_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
