"""docs/case.schema.json is the JSON Schema generated from the models, and agrees with them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from app.case import dump_case, read_case
from app.case.schema import schema_text
from app.seed import generate_cases
from tests.unit.case.builders import TODAY, llc_document

PUBLISHED = Path(__file__).resolve().parents[3] / "docs" / "case.schema.json"


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_published_schema_is_up_to_date() -> None:
    assert PUBLISHED.read_text(encoding="utf-8") == schema_text(), (
        "docs/case.schema.json drifted: run `python -m app.case.schema > docs/case.schema.json`"
    )


def test_published_schema_accepts_every_generated_case() -> None:
    validator = _validator()
    for case in generate_cases(24, seed=11, today=TODAY):
        assert not list(validator.iter_errors(dump_case(case)))
    assert not list(validator.iter_errors(llc_document()))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["people"][0].update(id_number=1),
        lambda d: d["people"][0].update(unknown=True),
        lambda d: d["company"].update(registered_capital_wan=100),
        lambda d: d["company"].update(registered_capital_wan="100.00001"),
        lambda d: d.update(schema="bizdesk.case/2"),
        lambda d: d["services"]["seal"]["data"].update(seals=["round"]),
        lambda d: d.pop("company"),
        lambda d: d["company"].update(operating_term="forever"),
    ],
)
def test_schema_and_models_refuse_the_same_documents(mutate: Any) -> None:
    document = llc_document()
    mutate(document)
    assert list(_validator().iter_errors(document))
    assert read_case(document)[0] is None
